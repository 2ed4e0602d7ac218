/*
 * fuzz_rules.c - libFuzzer harness: arbitrary bytes as a rules file.
 *
 * Checked: no crash, no leak; an error always has a message; a set that
 * parses gives back its text verbatim, and that text parses again to a
 * set with the same hash, ids and columns (the --print-rules round trip).
 * A set that parses then judges a record made of cells picked by the
 * input's bytes, prepared (rules_prepare()) for one day and not, on an
 * as-of day the input picks: both must give the same findings and
 * reasons; the verdict must follow from the findings (FAIL when a
 * required criterion fails, else REVIEW when one is unknown, else PASS);
 * and every reason, in a roomy buffer and in a tiny one, must be a
 * NUL-terminated string of the length returned, empty exactly when the
 * criterion passed.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Cells that the record's fields are picked from. */
static const char *const cells[] = { "", " ", "yes", "No", "maybe", "x", "0",
	"8", "7.5", "4.999999999", "999999999.999999999", "1e1", "active",
	"Retired", "on leave", "2026-11-22", "2026-11-23", "2017-11-22",
	"1900-01-01", "11/22/17", "2/29/2024", "2/30/2024", "=SUM(1)",
	"\"q\\\x01\xff" };

/* As-of days to judge on: 2026-11-22, nine years before, 1970-01-01,
 * 1900-01-01 and 9999-12-31. */
static const int32_t days[] = { 20779, 17492, 0, -25567, 2932896 };

/*
 * Nonzero when findings x and y say the same: a pass has only its
 * outcome set (rules.h).  Both borrowed.
 */
static int
same_finding(const struct finding *x, const struct finding *y)
{
	if (x->outcome != y->outcome)
		return 0;
	return x->outcome == OUTCOME_PASS ||
	    (x->why == y->why && x->column == y->column &&
	        x->value == y->value);
}

/*
 * Judges a record whose field k is picked by data[k % size] with a, which
 * was prepared for 2026-11-22, and with b, the same set unprepared, on an
 * as-of day picked by data[0], and checks that both say the same, that
 * the verdict follows from the findings, and every reason.  All
 * arguments are borrowed for the call.
 */
static void
judge(const struct rules *a, const struct rules *b, const uint8_t *data,
    size_t size)
{
	static const size_t sizes[3] = { 512, 8, 1 };
	const struct column_want *want;
	struct finding *f, *g;
	struct field *fields;
	struct record rec;
	enum verdict v, expect = VERDICT_PASS;
	size_t *col, ncols, n = rules_count(b), i, k, len;
	int32_t asof = days[data[0] % (sizeof(days) / sizeof(days[0]))];
	char buf[512], other[512];

	want = rules_columns(b, &ncols);
	f = malloc((rules_findings(b) + 1) * sizeof(*f));
	g = malloc((rules_findings(a) + 1) * sizeof(*g));
	if (rules_findings(a) != rules_findings(b) || rules_findings(b) < n)
		abort();
	fields = malloc((ncols + 1) * sizeof(*fields));
	col = malloc((ncols + 1) * sizeof(*col));
	if (f == NULL || g == NULL || fields == NULL || col == NULL)
		abort();
	for (k = 0; k < ncols; k++) {
		const char *c =
		    cells[data[k % size] % (sizeof(cells) / sizeof(cells[0]))];

		if (want[k].name == NULL || want[k].name[0] == '\0')
			abort();
		fields[k].ptr = c;
		fields[k].len = strlen(c);
		col[k] = k;
	}
	memset(&rec, 0, sizeof(rec));
	rec.file = "fuzz.csv";
	rec.line = 2;
	rec.nfields = ncols;
	rec.fields = fields;
	v = rules_judge(b, &rec, col, asof, f);
	if (rules_judge(a, &rec, col, asof, g) != v)
		abort();
	for (i = 0; i < n; i++) {
		if (!same_finding(&f[i], &g[i]))
			abort();
		if (f[i].outcome != OUTCOME_PASS &&
		    f[i].outcome != OUTCOME_FAIL &&
		    f[i].outcome != OUTCOME_UNKNOWN &&
		    f[i].outcome != OUTCOME_NOT_APPLICABLE)
			abort();
		if (f[i].outcome == OUTCOME_NOT_APPLICABLE &&
		    !rules_conditional(b))
			abort();
		if (rules_required(b, i) && f[i].outcome == OUTCOME_FAIL)
			expect = VERDICT_FAIL;
		else if (rules_required(b, i) &&
		    f[i].outcome == OUTCOME_UNKNOWN && expect != VERDICT_FAIL)
			expect = VERDICT_REVIEW;
		for (k = 0; k < 3; k++) {
			len = rules_reason(
			    b, i, &f[i], &rec, col, asof, buf, sizes[k]);
			if (len >= sizes[k] || strlen(buf) != len)
				abort();
			if (f[i].outcome == OUTCOME_PASS && len != 0)
				abort();
			if (f[i].outcome != OUTCOME_PASS && sizes[k] > 1 &&
			    len == 0)
				abort();
			if (rules_reason(a, i, &g[i], &rec, col, asof, other,
			        sizes[k]) != len ||
			    strcmp(buf, other) != 0)
				abort();
		}
	}
	if (v != expect)
		abort();
	free(f);
	free(g);
	free(fields);
	free(col);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rules *a, *b;
	struct error err;
	const char *text;
	size_t len, i, na, nb;

	a = rules_parse((const char *)data, size, "fuzz.rules", &err);
	if (a == NULL) {
		if (err.msg[0] == '\0')
			abort();
		return 0;
	}
	text = rules_text(a, &len);
	if (len != size || memcmp(text, data, size) != 0)
		abort();
	b = rules_parse(text, len, "again.rules", &err);
	if (b == NULL || strcmp(rules_hash(a), rules_hash(b)) != 0 ||
	    rules_count(a) != rules_count(b))
		abort();
	for (i = 0; i < rules_count(a); i++)
		if (strcmp(rules_id(a, i), rules_id(b, i)) != 0 ||
		    rules_find(b, rules_id(a, i)) != i ||
		    rules_description(a, i) == NULL ||
		    rules_description(a, i)[0] == '\0')
			abort();
	(void)rules_columns(a, &na);
	(void)rules_columns(b, &nb);
	if (na != nb || rules_name(a) == NULL)
		abort();
	rules_prepare(a, days[0]);
	judge(a, b, data, size);
	rules_free(a);
	rules_free(b);
	return 0;
}
