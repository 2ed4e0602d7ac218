/*
 * test_columns.c - unit tests for columns.c: the union of several
 * inputs' headers (first-seen order, names told apart by occurrence, the
 * columns a caller leaves out, the empty name) and where each input's
 * fields go under it, with the identity that lets a report copy a row
 * as it is.  A case is a list of headers, fields separated by '|'; each
 * is added in turn, then each is placed.  A header of 100,000 columns,
 * half of them one repeated name, shows that the work is linear.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "columns.h"
#include "split.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_FIELDS 16
#define MAX_HEADERS 3

/* Splits text at '|' into fields (views into text); returns a record. */
static struct record
split(const char *text, struct field *fields)
{
	struct record rec;
	size_t n = split_bars(text, strlen(text), fields, MAX_FIELDS);

	memset(&rec, 0, sizeof(rec));
	rec.fields = fields;
	rec.nfields = n;
	rec.is_header = 1;
	return rec;
}

/* Leaves out the columns that a report writes itself. */
static int
skip_screen(const char *s, size_t n)
{
	return n >= 7 && memcmp(s, "screen_", 7) == 0;
}

struct union_case {
	const char *headers[MAX_HEADERS];
	int skip; /* leave out screen_ columns */
	/* The union's names joined with '|', then each header's placing:
	 * field_of[u] for every column u, '-' for none, ' ' between. */
	const char *names;
	const char *placed[MAX_HEADERS];
	int identity[MAX_HEADERS];
};

/* clang-format off */
static const struct union_case union_cases[] = {
	{ { "a|b|c" }, 0, "a|b|c", { "0 1 2" }, { 1 } },
	/* A second input with the same columns in another order, and one
	 * with a column more. */
	{ { "a|b|c", "c|a|b", "a|d|b|c" }, 0, "a|b|c|d",
	  { "0 1 2 -", "1 2 0 -", "0 2 3 1" }, { 0, 0, 0 } },
	/* A repeated name is two columns; the second input has one of
	 * them, the third all three. */
	{ { "n|x|n", "x|n", "n|n|n" }, 0, "n|x|n|n",
	  { "0 1 2 -", "1 0 - -", "0 - 1 2" }, { 0, 0, 0 } },
	/* The empty name is a name. */
	{ { "|a|", "a|" }, 0, "|a|", { "0 1 2", "1 0 -" }, { 1, 0 } },
	/* Columns a report writes itself are left out of the union. */
	{ { "a|screen_status|b", "screen_failed|c" }, 1, "a|b|c",
	  { "0 2 -", "- - 1" }, { 0, 0 } },
	/* An empty header is one column with the empty name. */
	{ { "x", "" }, 0, "x|", { "0 -", "- 0" }, { 0, 0 } },
};
/* clang-format on */

/* Writes c's names joined with '|' into buf. */
static void
names_of(const struct columns *c, char *buf, size_t size)
{
	size_t u, len = 0;

	buf[0] = '\0';
	for (u = 0; u < c->n; u++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s",
		    u > 0 ? "|" : "", c->col[u].name);
}

/* Writes field_of as the cases do into buf. */
static void
placing_of(const size_t *field_of, size_t n, char *buf, size_t size)
{
	size_t u, len = 0;

	buf[0] = '\0';
	for (u = 0; u < n; u++) {
		if (field_of[u] == COLUMNS_NONE)
			len += (size_t)snprintf(
			    buf + len, size - len, "%s-", u > 0 ? " " : "");
		else
			len += (size_t)snprintf(buf + len, size - len, "%s%zu",
			    u > 0 ? " " : "", field_of[u]);
	}
}

static void
test_union(void **state)
{
	struct field fields[MAX_FIELDS];
	size_t field_of[MAX_FIELDS * MAX_HEADERS];
	char got[256];
	struct record rec;
	size_t i, h;

	(void)state;
	for (i = 0; i < NELEM(union_cases); i++) {
		const struct union_case *c = &union_cases[i];
		struct columns cols = COLUMNS_INIT;

		for (h = 0; h < MAX_HEADERS && c->headers[h] != NULL; h++) {
			rec = split(c->headers[h], fields);
			assert_int_equal(columns_add(&cols, &rec,
			                     c->skip ? skip_screen : NULL),
			    0);
		}
		names_of(&cols, got, sizeof(got));
		if (strcmp(got, c->names) != 0)
			fail_msg("case %zu: union \"%s\", expected \"%s\"", i,
			    got, c->names);
		for (h = 0; h < MAX_HEADERS && c->headers[h] != NULL; h++) {
			rec = split(c->headers[h], fields);
			assert_int_equal(
			    columns_place(&cols, &rec, field_of), 0);
			placing_of(field_of, cols.n, got, sizeof(got));
			if (strcmp(got, c->placed[h]) != 0)
				fail_msg("case %zu, header %zu: placed \"%s\", "
				         "expected \"%s\"",
				    i, h, got, c->placed[h]);
			assert_int_equal(
			    columns_identity(&cols, field_of, rec.nfields),
			    c->identity[h]);
		}
		columns_release(&cols);
		assert_int_equal(cols.n, 0);
		columns_release(&cols);
	}
}

/*
 * 100,000 columns, every other one named "dup": the union has them all,
 * each "dup" its own occurrence, and placing the header again puts every
 * field under its own column.  Quadratic work would take minutes.
 */
static void
test_wide(void **state)
{
	enum { N = 100000 };
	struct columns cols = COLUMNS_INIT;
	struct field *fields = malloc(N * sizeof(*fields));
	char(*names)[16] = malloc(N * sizeof(*names));
	size_t *field_of = malloc(N * sizeof(*field_of));
	struct record rec;
	size_t k;

	(void)state;
	assert_non_null(fields);
	assert_non_null(names);
	assert_non_null(field_of);
	for (k = 0; k < N; k++) {
		if (k % 2 == 0)
			(void)snprintf(names[k], sizeof(names[k]), "c%zu", k);
		else
			(void)snprintf(names[k], sizeof(names[k]), "dup");
		fields[k].ptr = names[k];
		fields[k].len = strlen(names[k]);
	}
	memset(&rec, 0, sizeof(rec));
	rec.fields = fields;
	rec.nfields = N;
	assert_int_equal(columns_add(&cols, &rec, NULL), 0);
	assert_int_equal(cols.n, N);
	assert_int_equal(cols.col[N - 1].occ, N / 2 - 1);
	/* Adding it again adds nothing. */
	assert_int_equal(columns_add(&cols, &rec, NULL), 0);
	assert_int_equal(cols.n, N);
	assert_int_equal(columns_place(&cols, &rec, field_of), 0);
	assert_true(columns_identity(&cols, field_of, N));
	columns_release(&cols);
	free(fields);
	free(names);
	free(field_of);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_union),
		cmocka_unit_test(test_wide),
	};

	return cmocka_run_group_tests_name("columns", tests, NULL, NULL);
}
