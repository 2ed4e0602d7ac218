/*
 * fuzz_profile.c - libFuzzer harness: arbitrary bytes as a source
 * profile.
 *
 * Checked: no crash, no leak; an error always has a message and a line;
 * a profile that parses has a name, the hash of its text, maps and
 * translations whose strings are as long as they say (no NUL inside),
 * with a column name that has a letter or digit, a header and a word
 * that are not empty; the same text parses again to the same.  Its
 * translations are then applied (rules_translate()) to the default set
 * and to the shipped unpol-ipo set (groups, vocabularies, "empty ...
 * fails"), which judge records whose cells are picked by the input's
 * bytes from fixed cells and the profile's own words: the verdict must
 * follow from the findings, and every reason, in a roomy buffer and in
 * a tiny one, must be a NUL-terminated string of the length returned,
 * empty exactly when the criterion passed.  Translating with no words
 * gives back the judging of a set that never had any.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lineparse.h"
#include "profile.h"
#include "rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Cells that the record's fields are picked from, beside the profile's
 * own words. */
static const char *const cells[] = { "", " ", "yes", "No", "maybe", "x", "0",
	"8", "60", "7.5", "active", "Retired", "2026-11-22", "2017-11-22",
	"2000-02-29", "1963-11-22", "11/22/17", "basic", "none",
	"\"q\\\x01\xff" };

/* As-of days: 2026-11-22 and 2024-02-29. */
static const int32_t days[] = { 20779, 19782 };

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

/* Nonzero when the n bytes at s have an ASCII letter or digit. */
static int
has_alnum(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z'))
			return 1;
	return 0;
}

/*
 * Checks what p says of itself against the text it was parsed from (the
 * size bytes at data).  All arguments are borrowed for the call.
 */
static void
check_profile(const struct profile *p, const uint8_t *data, size_t size)
{
	const struct column_map *maps;
	const struct translation *tr;
	char hash[13];
	size_t n, k;

	if (profile_name(p) == NULL || profile_name(p)[0] == '\0')
		abort();
	lineparse_hash((const char *)data, size, hash);
	if (strcmp(profile_hash(p), hash) != 0)
		abort();
	maps = profile_maps(p, &n);
	for (k = 0; k < n; k++)
		if (!has_alnum(maps[k].column, strlen(maps[k].column)) ||
		    maps[k].header == NULL || maps[k].header[0] == '\0')
			abort();
	tr = profile_translations(p, &n);
	for (k = 0; k < n; k++)
		if (!has_alnum(tr[k].column, strlen(tr[k].column)) ||
		    tr[k].from_len == 0 ||
		    strlen(tr[k].from) != tr[k].from_len || tr[k].to == NULL ||
		    strlen(tr[k].to) != tr[k].to_len)
			abort();
}

/*
 * Judges with r (with the profile's words) and with plain (the same set
 * without them) a record whose field k is picked by data[(k + salt) %
 * size], from the fixed cells or the profile's words (the n
 * translations at tr), and checks both judgings: the verdict follows
 * from the findings, and every reason.  When the profile has no words
 * for the set's columns, both must say the same.  All arguments are
 * borrowed for the call.
 */
static void
judge(const struct rules *r, const struct rules *plain,
    const struct translation *tr, size_t ntr, const uint8_t *data, size_t size,
    size_t salt)
{
	static const size_t sizes[3] = { 512, 8, 1 };
	const size_t ncells = sizeof(cells) / sizeof(cells[0]);
	struct finding *f, *g;
	struct field *fields;
	struct record rec;
	enum verdict v, w, expect = VERDICT_PASS;
	size_t *col, ncols, nf = rules_findings(r), n = rules_count(r), i, k;
	size_t len, pick;
	int32_t asof = days[data[0] % (sizeof(days) / sizeof(days[0]))];
	char buf[512];

	(void)rules_columns(r, &ncols);
	f = malloc((nf + 1) * sizeof(*f));
	g = malloc((nf + 1) * sizeof(*g));
	fields = malloc((ncols + 1) * sizeof(*fields));
	col = malloc((ncols + 1) * sizeof(*col));
	if (f == NULL || g == NULL || fields == NULL || col == NULL || nf < n ||
	    rules_findings(plain) != nf)
		abort();
	for (k = 0; k < ncols; k++) {
		pick = data[(k + salt) % size] % (ncells + ntr);
		if (pick < ncells) {
			fields[k].ptr = cells[pick];
			fields[k].len = strlen(cells[pick]);
		} else {
			fields[k].ptr = tr[pick - ncells].from;
			fields[k].len = tr[pick - ncells].from_len;
		}
		col[k] = k;
	}
	memset(&rec, 0, sizeof(rec));
	rec.file = "fuzz.csv";
	rec.line = 2;
	rec.nfields = ncols;
	rec.fields = fields;
	v = rules_judge(r, &rec, col, asof, f);
	w = rules_judge(plain, &rec, col, asof, g);
	for (i = 0; i < n; i++) {
		if (f[i].outcome != OUTCOME_PASS &&
		    f[i].outcome != OUTCOME_FAIL &&
		    f[i].outcome != OUTCOME_UNKNOWN &&
		    f[i].outcome != OUTCOME_NOT_APPLICABLE)
			abort();
		if (f[i].outcome == OUTCOME_NOT_APPLICABLE &&
		    !rules_conditional(r))
			abort();
		if (rules_required(r, i) && f[i].outcome == OUTCOME_FAIL)
			expect = VERDICT_FAIL;
		else if (rules_required(r, i) &&
		    f[i].outcome == OUTCOME_UNKNOWN && expect != VERDICT_FAIL)
			expect = VERDICT_REVIEW;
		if (ntr == 0 && !same_finding(&f[i], &g[i]))
			abort();
		for (k = 0; k < 3; k++) {
			len = rules_reason(
			    r, i, &f[i], &rec, col, asof, buf, sizes[k]);
			if (len >= sizes[k] || strlen(buf) != len)
				abort();
			if (f[i].outcome == OUTCOME_PASS && len != 0)
				abort();
			if (f[i].outcome != OUTCOME_PASS && sizes[k] > 1 &&
			    len == 0)
				abort();
		}
	}
	if (v != expect || (ntr == 0 && v != w))
		abort();
	free(f);
	free(g);
	free(fields);
	free(col);
}

/*
 * Applies the n translations at tr to the set called name (the default
 * when NULL), judges with them and, translated again with none, judges
 * as a set that never had any.  All arguments are borrowed for the
 * call.
 */
static void
apply(const char *name, const struct translation *tr, size_t n,
    const uint8_t *data, size_t size)
{
	struct rules *r, *plain;
	struct error err;

	r = name == NULL ? rules_default(&err) : rules_shipped(name, &err);
	plain = name == NULL ? rules_default(&err) : rules_shipped(name, &err);
	if (r == NULL || plain == NULL)
		abort();
	if (rules_translate(r, tr, n, &err) != 0)
		abort();
	judge(r, plain, tr, n, data, size, 0);
	judge(r, plain, tr, n, data, size, 7);
	if (rules_translate(r, NULL, 0, &err) != 0)
		abort();
	judge(r, plain, tr, 0, data, size, 3);
	rules_free(r);
	rules_free(plain);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct translation *tr, *tr2;
	const struct column_map *maps, *maps2;
	struct profile *p, *again;
	struct error err;
	size_t n, n2, nm, nm2, k;

	memset(&err, 0, sizeof(err));
	p = profile_parse((const char *)data, size, "fuzz.profile", &err);
	if (p == NULL) {
		if (err.msg[0] == '\0' || err.file == NULL)
			abort();
		return 0;
	}
	check_profile(p, data, size);
	again = profile_parse((const char *)data, size, "again.profile", &err);
	if (again == NULL ||
	    strcmp(profile_name(p), profile_name(again)) != 0 ||
	    strcmp(profile_hash(p), profile_hash(again)) != 0)
		abort();
	maps = profile_maps(p, &nm);
	maps2 = profile_maps(again, &nm2);
	tr = profile_translations(p, &n);
	tr2 = profile_translations(again, &n2);
	if (nm != nm2 || n != n2)
		abort();
	for (k = 0; k < nm; k++)
		if (strcmp(maps[k].column, maps2[k].column) != 0 ||
		    strcmp(maps[k].header, maps2[k].header) != 0)
			abort();
	for (k = 0; k < n; k++)
		if (strcmp(tr[k].column, tr2[k].column) != 0 ||
		    strcmp(tr[k].from, tr2[k].from) != 0 ||
		    strcmp(tr[k].to, tr2[k].to) != 0)
			abort();
	profile_free(again);
	if (size > 0) {
		apply(NULL, tr, n, data, size);
		apply("unpol-ipo", tr, n, data, size);
	}
	profile_free(p);
	return 0;
}
