/*
 * test_header.c - unit tests for header.c: name matching, binding wanted
 * columns to header fields (maps, absent, missing and duplicate columns,
 * and the exact error messages), checking maps, and a header of 200,000
 * fields.  Records are built by hand from arrays of struct field.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "header.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define ABS HEADER_ABSENT
#define MAXF 12
#define MAXW 6
#define MAXM 3

static const char file_name[] = "applicants.csv";

/* Points fields at the NULL-terminated strings of names; fills rec. */
static void
make_record(struct record *rec, struct field *fields, const char *const *names,
    size_t max)
{
	size_t n;

	for (n = 0; n < max && names[n] != NULL; n++) {
		fields[n].ptr = names[n];
		fields[n].len = strlen(names[n]);
	}
	memset(rec, 0, sizeof(*rec));
	rec->file = file_name;
	rec->line = 3;
	rec->is_header = 1;
	rec->nfields = n;
	rec->fields = fields;
}

static void
test_match(void **state)
{
	static const struct {
		const char *a;
		size_t alen; /* 0: strlen(a) */
		const char *b;
		int match;
	} cases[] = {
		{ "us_citizen", 0, "us_citizen", 1 },
		{ "U.S. Citizen", 0, "us_citizen", 1 },
		{ "USCITIZEN", 0, "us_citizen", 1 },
		{ "  us citizen  ", 0, "us_citizen", 1 },
		{ "us-citizen?", 0, "US_CITIZEN", 1 },
		{ "Total Experience (Years)", 0, "total_experience_years", 1 },
		{ "_u_s_c_i_t_i_z_e_n_", 0, "uscitizen", 1 },
		{ "weapon\0qualified", 16, "weapon_qualified", 1 },
		{ "us_citizen\xc2\xa0", 0, "us_citizen", 1 },
		{ "\xc3\xa9tat", 0, "tat", 1 },
		{ "Passport Valid 2", 0, "passport_valid2", 1 },
		{ "", 0, "", 1 },
		{ "", 0, "___", 1 },
		{ "--", 0, "", 1 },
		{ "us_citizen", 0, "us_citizens", 0 },
		{ "us_citizens", 0, "us_citizen", 0 },
		{ "us_citizen", 0, "", 0 },
		{ "", 0, "us_citizen", 0 },
		{ "citizen_us", 0, "us_citizen", 0 },
		{ "us_citizen2", 0, "us_citizen", 0 },
		{ "\xc3\xa9tat", 0, "etat", 0 },
		{ "us_citizen", 5, "us_citizen", 0 },
		{ "passport valid", 0, "passport_invalid", 0 },
		{ "x", 0, "y", 0 },
	};
	size_t i, n;
	int got;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		n = cases[i].alen != 0 ? cases[i].alen : strlen(cases[i].a);
		got = header_match(cases[i].a, n, cases[i].b);
		if (got != cases[i].match)
			print_message("case %zu: \"%s\" \"%s\"\n", i,
			    cases[i].a, cases[i].b);
		assert_int_equal(got, cases[i].match);
	}
}

struct bind_case {
	const char *hdr[MAXF + 1];
	struct column_want want[MAXW + 1];
	struct column_map map[MAXM + 1];
	int rc;
	size_t index[MAXW];
	const char *msg;
};

static const struct bind_case bind_cases[] = {
	/* Names as they are. */
	{ { "applicant_id", "us_citizen", "total_experience_years" },
	    { { "us_citizen", 1 }, { "total_experience_years", 1 } }, { { 0 } },
	    0, { 1, 2 }, NULL },
	/* Names in other spellings. */
	{ { "ID", "U.S. Citizen", "Total Experience (Years)" },
	    { { "us_citizen", 1 }, { "total_experience_years", 1 } }, { { 0 } },
	    0, { 1, 2 }, NULL },
	{ { "USCITIZEN", "Agility-Test" },
	    { { "agility_test", 1 }, { "us_citizen", 1 } }, { { 0 } }, 0,
	    { 1, 0 }, NULL },
	/* An absent column that is not required. */
	{ { "us_citizen" }, { { "us_citizen", 1 }, { "middle_name", 0 } },
	    { { 0 } }, 0, { 0, ABS }, NULL },
	/* Empty header texts match no column and are no duplicates. */
	{ { "", "", "us_citizen", "" }, { { "us_citizen", 1 } }, { { 0 } }, 0,
	    { 2 }, NULL },
	/* A wanted name with no letter or digit matches nothing. */
	{ { "", "__", "us_citizen" }, { { "__", 0 }, { "us_citizen", 1 } },
	    { { 0 } }, 0, { ABS, 2 }, NULL },
	{ { "", "__", "us_citizen" }, { { "__", 1 } }, { { 0 } }, -1, { ABS },
	    "missing column \"__\"; found \"\", \"__\", \"us_citizen\"" },
	/* One required column missing. */
	{ { "applicant_id", "full_name" }, { { "passport_valid", 1 } },
	    { { 0 } }, -1, { ABS },
	    "missing column \"passport_valid\"; found \"applicant_id\", "
	    "\"full_name\"" },
	/* Several, in the order wanted; present and optional ones unnamed. */
	{ { "applicant_id", "full_name", "us_citizen" },
	    { { "passport_valid", 1 }, { "us_citizen", 1 }, { "nickname", 0 },
	        { "agility_test", 1 } },
	    { { 0 } }, -1, { ABS, 1, ABS, ABS },
	    "missing columns \"passport_valid\", \"agility_test\"; found "
	    "\"applicant_id\", \"full_name\", \"us_citizen\"" },
	/* Header texts are quoted with escapes. */
	{ { "a\"b", "c\\d", "tab\there" }, { { "x", 1 } }, { { 0 } }, -1,
	    { ABS },
	    "missing column \"x\"; found \"a\\\"b\", \"c\\\\d\", "
	    "\"tab\\x09here\"" },
	/* Two headers match one column. */
	{ { "a", "b", "US Citizen", "c", "d", "e", "f", "g", "us_citizen" },
	    { { "us_citizen", 1 } }, { { 0 } }, -1, { ABS },
	    "headers \"US Citizen\" (column 3) and \"us_citizen\" (column 9) "
	    "both match \"us_citizen\"; choose one with --map "
	    "us_citizen=HEADER" },
	{ { "us_citizen", "us_citizen" }, { { "us_citizen", 0 } }, { { 0 } },
	    -1, { ABS },
	    "headers \"us_citizen\" (column 1) and \"us_citizen\" (column 2) "
	    "both match \"us_citizen\"; choose one with --map "
	    "us_citizen=HEADER" },
	/* A duplicate is reported before a missing column. */
	{ { "x", "X" }, { { "missing", 1 }, { "x", 1 } }, { { 0 } }, -1,
	    { ABS, ABS },
	    "headers \"x\" (column 1) and \"X\" (column 2) both match \"x\"; "
	    "choose one with --map x=HEADER" },
	/* A map names the header to use. */
	{ { "id", "Citizen?", "us_citizen_old" }, { { "us_citizen", 1 } },
	    { { "us_citizen", "Citizen?" } }, 0, { 1 }, NULL },
	/* By its normal form, and for a column in another spelling. */
	{ { "id", "CITIZEN", "us_citizen" }, { { "us_citizen", 1 } },
	    { { "U.S. Citizen", "citizen" } }, 0, { 1 }, NULL },
	/* A map names a header by its exact text first, even "#". */
	{ { "#", "us_citizen" }, { { "applicant_id", 0 }, { "us_citizen", 1 } },
	    { { "applicant_id", "#" } }, 0, { 0, 1 }, NULL },
	/* A map settles a duplicate: by exact text, then by normal form. */
	{ { "US Citizen", "us_citizen" }, { { "us_citizen", 1 } },
	    { { "us_citizen", "US Citizen" } }, 0, { 0 }, NULL },
	{ { "US Citizen", "us_citizen", "citizenship" },
	    { { "us_citizen", 1 } }, { { "us_citizen", "Citizenship" } }, 0,
	    { 2 }, NULL },
	/* Maps leave other columns to name matching. */
	{ { "passport", "us_citizen", "pp" },
	    { { "us_citizen", 1 }, { "passport_valid", 1 } },
	    { { "passport_valid", "PP" } }, 0, { 1, 2 }, NULL },
	/* A map's header that the file lacks, required column or not. */
	{ { "applicant_id", "full_name" }, { { "us_citizen", 1 } },
	    { { "us_citizen", "Citizen" } }, -1, { ABS },
	    "--map \"us_citizen\": no header \"Citizen\"; found "
	    "\"applicant_id\", \"full_name\"" },
	{ { "applicant_id", "us_citizen" }, { { "us_citizen", 0 } },
	    { { "us_citizen", "Citizen" } }, -1, { ABS },
	    "--map \"us_citizen\": no header \"Citizen\"; found "
	    "\"applicant_id\", \"us_citizen\"" },
	{ { "", "us_citizen" }, { { "us_citizen", 1 } },
	    { { "us_citizen", "" } }, -1, { ABS },
	    "--map \"us_citizen\": no header \"\"; found \"\", "
	    "\"us_citizen\"" },
	/* Two headers match a map's header in normal form. */
	{ { "Citizen", "CITIZEN" }, { { "us_citizen", 1 } },
	    { { "us_citizen", "citizen!" } }, -1, { ABS },
	    "headers \"Citizen\" (column 1) and \"CITIZEN\" (column 2) both "
	    "match \"citizen!\" of --map \"us_citizen\"; rename one of them in "
	    "the file" },
	/* A header with no fields. */
	{ { NULL }, { { "us_citizen", 1 } }, { { 0 } }, -1, { ABS },
	    "missing column \"us_citizen\"; found no headers" },
	/* Nothing wanted. */
	{ { "a", "b" }, { { 0 } }, { { 0 } }, 0, { 0 }, NULL },
};

static void
test_bind(void **state)
{
	struct field fields[MAXF];
	struct record rec;
	struct error err;
	size_t index[MAXW];
	size_t i, k, nwant, nmaps;
	const struct bind_case *c;
	int rc;

	(void)state;
	for (i = 0; i < NELEM(bind_cases); i++) {
		c = &bind_cases[i];
		make_record(&rec, fields, c->hdr, MAXF);
		for (nwant = 0; c->want[nwant].name != NULL; nwant++)
			continue;
		for (nmaps = 0; c->map[nmaps].column != NULL; nmaps++)
			continue;
		memset(&err, 0, sizeof(err));
		for (k = 0; k < MAXW; k++)
			index[k] = 12345;
		rc = header_bind(
		    &rec, c->want, nwant, c->map, nmaps, index, &err);
		if (rc != c->rc ||
		    (c->msg != NULL && strcmp(err.msg, c->msg) != 0))
			print_message("case %zu: rc %d: %s\n", i, rc, err.msg);
		assert_int_equal(rc, c->rc);
		if (rc == 0) {
			for (k = 0; k < nwant; k++)
				assert_int_equal(index[k], c->index[k]);
			assert_string_equal(err.msg, "");
			continue;
		}
		assert_string_equal(err.msg, c->msg);
		assert_ptr_equal(err.file, file_name);
		assert_int_equal(err.line, 3);
		for (k = nwant; k < MAXW; k++)
			assert_int_equal(index[k], 12345);
	}
}

/* header_bind() with err NULL still answers. */
static void
test_bind_null_err(void **state)
{
	static const char *const names[] = { "a", "b", NULL };
	static const struct {
		const char *want;
		int rc;
	} cases[] = {
		{ "a", 0 },
		{ "b", 0 },
		{ "c", -1 },
	};
	struct field fields[2];
	struct record rec;
	struct column_want w;
	size_t i, index;

	(void)state;
	make_record(&rec, fields, names, 2);
	for (i = 0; i < NELEM(cases); i++) {
		w.name = cases[i].want;
		w.required = 1;
		assert_int_equal(
		    header_bind(&rec, &w, 1, NULL, 0, &index, NULL),
		    cases[i].rc);
		if (cases[i].rc == 0)
			assert_int_equal(index, i);
	}
}

static const struct column_want known[] = {
	{ "us_citizen", 1 },
	{ "total_experience_years", 1 },
	{ "passport_valid", 0 },
};

static void
test_check_maps(void **state)
{
	static const struct {
		struct column_map map[MAXM + 1];
		int rc;
		const char *msg;
	} cases[] = {
		{ { { 0 } }, 0, NULL },
		{ { { "us_citizen", "Citizen" } }, 0, NULL },
		{ { { "U.S. Citizen", "Citizen" },
		      { "total_experience_years", "Total" },
		      { "passport_valid", "PP" } },
		    0, NULL },
		{ { { "citizen", "Citizen" } }, -1,
		    "--map \"citizen\": unknown column; known columns: "
		    "\"us_citizen\", \"total_experience_years\", "
		    "\"passport_valid\"" },
		{ { { "us_citizen", "A" }, { "", "B" } }, -1,
		    "--map \"\": unknown column; known columns: "
		    "\"us_citizen\", "
		    "\"total_experience_years\", \"passport_valid\"" },
		{ { { "us_citizen", "A" }, { "US_Citizen", "B" } }, -1,
		    "--map \"US_Citizen\": column \"us_citizen\" mapped twice, "
		    "also by --map \"us_citizen\"" },
		{ { { "us_citizen", "A" }, { "passport_valid", "P" },
		      { "us_citizen", "A" } },
		    -1,
		    "--map \"us_citizen\": column \"us_citizen\" mapped twice, "
		    "also by --map \"us_citizen\"" },
	};
	struct error err;
	size_t i, nmaps;
	int rc;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		for (nmaps = 0; cases[i].map[nmaps].column != NULL; nmaps++)
			continue;
		memset(&err, 0, sizeof(err));
		err.file = "stale";
		err.line = 99;
		rc = header_check_maps(
		    known, NELEM(known), cases[i].map, nmaps, &err);
		if (rc != cases[i].rc)
			print_message("case %zu: rc %d: %s\n", i, rc, err.msg);
		assert_int_equal(rc, cases[i].rc);
		if (rc == 0) {
			assert_string_equal(err.msg, "");
			continue;
		}
		assert_string_equal(err.msg, cases[i].msg);
		assert_null(err.file);
		assert_int_equal(err.line, 0);
	}
}

/* A map to a wanted name with no letter or digit is unknown. */
static void
test_check_maps_empty_want(void **state)
{
	static const struct column_want w[] = { { "__", 1 } };
	static const struct column_map cases[] = {
		{ "__", "x" },
		{ "", "x" },
	};
	struct error err;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		memset(&err, 0, sizeof(err));
		assert_int_equal(
		    header_check_maps(w, 1, &cases[i], 1, &err), -1);
		assert_non_null(strstr(err.msg, "unknown column"));
		assert_int_equal(
		    header_check_maps(w, 0, &cases[i], 1, &err), -1);
		assert_non_null(strstr(err.msg, "known columns: none"));
	}
}

#define BIG 200000

/* A header of BIG fields "h000000" to "h199999", and its text. */
struct big {
	struct record rec;
	struct field *fields;
	char *text;
};

static void
big_init(struct big *b, size_t len)
{
	size_t k;

	b->fields = calloc(BIG, sizeof(*b->fields));
	b->text = calloc(BIG, len + 1);
	assert_non_null(b->fields);
	assert_non_null(b->text);
	for (k = 0; k < BIG; k++) {
		char *p = b->text + k * (len + 1);

		memset(p, 'x', len);
		(void)snprintf(p, len + 1, "h%06zu", k);
		if (len > 7)
			p[7] = 'x';
		b->fields[k].ptr = p;
		b->fields[k].len = len;
	}
	memset(&b->rec, 0, sizeof(b->rec));
	b->rec.file = file_name;
	b->rec.line = 1;
	b->rec.is_header = 1;
	b->rec.nfields = BIG;
	b->rec.fields = b->fields;
}

static void
big_release(struct big *b)
{
	free(b->fields);
	free(b->text);
}

/* Counts the occurrences of needle in s. */
static size_t
count(const char *s, const char *needle)
{
	size_t n = 0;

	while ((s = strstr(s, needle)) != NULL) {
		n++;
		s += strlen(needle);
	}
	return n;
}

/* The number N in the last " and N more" of s, or 0 when none. */
static size_t
more(const char *s)
{
	const char *p = NULL, *q = s;
	size_t n = 0;

	while ((q = strstr(q, " and ")) != NULL)
		p = q++;
	if (p == NULL)
		return 0;
	for (p += 5; *p >= '0' && *p <= '9'; p++)
		n = n * 10 + (size_t)(*p - '0');
	assert_string_equal(p, " more");
	return n;
}

static void
test_big_present(void **state)
{
	static const struct {
		const char *name;
		size_t index;
	} cases[] = {
		{ "h199999", 199999 },
		{ "H000000", 0 },
		{ "h_100000", 100000 },
		{ "h123456", 123456 },
		{ "absent", ABS },
	};
	struct column_want want[NELEM(cases)];
	size_t index[NELEM(cases)];
	struct error err;
	struct big b;
	size_t i;

	(void)state;
	big_init(&b, 7);
	for (i = 0; i < NELEM(cases); i++) {
		want[i].name = cases[i].name;
		want[i].required = cases[i].index != ABS;
	}
	memset(&err, 0, sizeof(err));
	assert_int_equal(
	    header_bind(&b.rec, want, NELEM(cases), NULL, 0, index, &err), 0);
	for (i = 0; i < NELEM(cases); i++)
		assert_int_equal(index[i], cases[i].index);
	big_release(&b);
}

/*
 * Absent columns in a huge header: the message names them, lists a few
 * found headers, counts the rest and fits ERROR_MSG_MAX, whatever the
 * lengths of the names.
 */
static void
test_big_absent(void **state)
{
	static const struct {
		size_t hlen; /* length of each header text */
		size_t nwant; /* absent columns wanted */
		size_t wlen; /* length of each wanted name */
	} cases[] = {
		{ 7, 2, 14 },
		{ 7, 1, 14 },
		{ 7, 1000, 14 },
		{ 200, 2, 14 },
		{ 200, 3, 500 },
		{ 7, 50, 500 },
	};
	struct column_want *want;
	size_t *index, i, k, listed, nmissing;
	char *names;
	struct error err;
	struct big b;
	const char *found;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		big_init(&b, cases[i].hlen);
		want = calloc(cases[i].nwant, sizeof(*want));
		index = calloc(cases[i].nwant, sizeof(*index));
		names = calloc(cases[i].nwant, cases[i].wlen + 1);
		assert_non_null(want);
		assert_non_null(index);
		assert_non_null(names);
		for (k = 0; k < cases[i].nwant; k++) {
			char *p = names + k * (cases[i].wlen + 1);

			memset(p, 'w', cases[i].wlen);
			(void)snprintf(p, cases[i].wlen + 1, "col%04zu", k);
			if (cases[i].wlen > 7)
				p[7] = 'w';
			want[k].name = p;
			want[k].required = 1;
		}
		memset(&err, 0, sizeof(err));
		assert_int_equal(header_bind(&b.rec, want, cases[i].nwant, NULL,
		                     0, index, &err),
		    -1);
		assert_true(strlen(err.msg) < ERROR_MSG_MAX - 1);
		assert_ptr_equal(err.file, file_name);
		assert_int_equal(err.line, 1);
		assert_non_null(strstr(err.msg,
		    cases[i].nwant == 1 ? "missing column \"col0000"
		                        : "missing columns \"col0000"));
		found = strstr(err.msg, "; found \"h000000");
		assert_non_null(found);
		/* The found headers listed and counted add up to BIG. */
		listed = count(found, "\"h");
		assert_true(listed >= 1 && listed <= 20);
		assert_int_equal(listed + more(found), BIG);
		/* So do the missing columns. */
		nmissing = count(err.msg, "\"col");
		assert_true(nmissing >= 1);
		if (nmissing < cases[i].nwant) {
			char tail[64];

			(void)snprintf(tail, sizeof(tail),
			    " and %zu more; found", cases[i].nwant - nmissing);
			assert_non_null(strstr(err.msg, tail));
		}
		free(names);
		free(index);
		free(want);
		big_release(&b);
	}
}

/* Many wanted columns: the unknown-column message stays bounded. */
static void
test_check_maps_many(void **state)
{
	static const size_t cases[] = { 1, 10, 1000, 100000 };
	struct column_map map = { "nothing", "x" };
	struct column_want *want;
	struct error err;
	size_t i, k, listed;

	(void)state;
	want = calloc(100000, sizeof(*want));
	assert_non_null(want);
	for (k = 0; k < 100000; k++) {
		want[k].name = "a_column_with_a_rather_long_name";
		want[k].required = 1;
	}
	for (i = 0; i < NELEM(cases); i++) {
		memset(&err, 0, sizeof(err));
		assert_int_equal(
		    header_check_maps(want, cases[i], &map, 1, &err), -1);
		assert_true(strlen(err.msg) < ERROR_MSG_MAX - 1);
		listed = count(err.msg, "\"a_column");
		assert_true(listed >= 1);
		assert_int_equal(listed + more(err.msg), cases[i]);
	}
	free(want);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_match),
		cmocka_unit_test(test_bind),
		cmocka_unit_test(test_bind_null_err),
		cmocka_unit_test(test_check_maps),
		cmocka_unit_test(test_check_maps_empty_want),
		cmocka_unit_test(test_big_present),
		cmocka_unit_test(test_big_absent),
		cmocka_unit_test(test_check_maps_many),
	};

	return cmocka_run_group_tests_name("header", tests, NULL, NULL);
}
