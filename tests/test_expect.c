/*
 * test_expect.c - unit tests for expect.c: a record's decision against
 * the expected_status, expected_failed and expected_unknown cells of its
 * fixture.  Entries are built by hand (a record of '|'-separated cells,
 * the decision got, its failed and unknown criteria by name) and judged
 * through a real report of a small rule set, one report for a whole
 * table, so that what one judgment leaves behind (the per-criterion
 * marks, the counts) is seen by the next.  Each case says what the
 * contract of expect.h says of it: the problem, the match, the cell or
 * id at fault, the counts, and the words of expect_describe().  Then
 * expect_each_id() (trimming, empty ids, duplicates, the EXPECT_IDS_MAX
 * cut), expect_describe() into buffers too small, cells of thousands of
 * ids, and expect_write_line() with the rule set's own reasons.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expect.h"
#include "header.h"
#include "report.h"
#include "rules.h"
#include "value.h"
#include "split.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

#define MAX_FIELDS 16
#define MAX_IDS 8

/* A small set: two required criteria and an advisory one. */
static const char mini_rules[] =
    "name mini\n"
    "rule citizen    required true     us_citizen \"U.S. citizen\"\n"
    "rule experience required at-least 8 years  \"8 years\"\n"
    "rule english    advisory true     english    \"English\"\n";

/* The rule set and an --expect report of it, for one test. */
struct fix {
	struct rules *rules;
	struct report *rp;
	char *out;
	size_t outlen;
	FILE *fp;
};

/* Opens f: the mini set, and a text --expect report on a memory stream. */
static void
fix_open(struct fix *f)
{
	struct report_options opt;
	struct error err;
	int32_t asof;

	memset(f, 0, sizeof(*f));
	f->rules =
	    rules_parse(mini_rules, strlen(mini_rules), "mini.rules", &err);
	assert_non_null(f->rules);
	assert_int_equal(value_parse_iso("2026-01-01", &asof), 0);
	memset(&opt, 0, sizeof(opt));
	opt.format = report_format_find("text", REPORT_KIND_EXPECT);
	assert_non_null(opt.format);
	f->fp = open_memstream(&f->out, &f->outlen);
	assert_non_null(f->fp);
	f->rp = report_new(f->fp, &opt, f->rules, asof);
	assert_non_null(f->rp);
}

static void
fix_close(struct fix *f)
{
	report_free(f->rp);
	fclose(f->fp);
	free(f->out);
	rules_free(f->rules);
}

/* Splits text (borrowed) at '|' into fields[]; returns the count. */
static size_t
split(const char *text, struct field *fields)
{
	return split_bars(text, strlen(text), fields, MAX_FIELDS);
}

/* The index of header field name in hdr ('|'-separated), or ABSENT. */
static size_t
column(const char *hdr, const char *name)
{
	struct field f[MAX_FIELDS];
	size_t n = split(hdr, f), i;

	for (i = 0; i < n; i++)
		if (f[i].len == strlen(name) &&
		    memcmp(f[i].ptr, name, f[i].len) == 0)
			return i;
	return HEADER_ABSENT;
}

/* Sets rp's expected_ columns from the header hdr. */
static void
bind(struct report *rp, const char *hdr)
{
	rp->cols.id = column(hdr, "applicant_id");
	rp->cols.expected_status = column(hdr, "expected_status");
	rp->cols.expected_failed = column(hdr, "expected_failed");
	rp->cols.expected_unknown = column(hdr, "expected_unknown");
}

/*
 * The criteria named in names (ids joined with ';', NULL for none) as
 * indices of rp's set into ix; returns their number.
 */
static size_t
indices(const struct report *rp, const char *names, size_t *ix)
{
	size_t n = 0, i, len;
	const char *p = names, *end;

	while (p != NULL && *p != '\0') {
		end = strchr(p, ';');
		len = end != NULL ? (size_t)(end - p) : strlen(p);
		for (i = 0; i < rp->nrules; i++)
			if (rp->idlen[i] == len &&
			    memcmp(rp->ids[i], p, len) == 0)
				break;
		assert_true(i < rp->nrules);
		assert_true(n < MAX_IDS);
		ix[n++] = i;
		p = end != NULL ? end + 1 : NULL;
	}
	return n;
}

/* An entry and what it points to, built from a case's strings. */
struct built {
	struct record rec;
	struct field fields[MAX_FIELDS];
	size_t failed[MAX_IDS];
	size_t unknown[MAX_IDS];
	struct entry e;
};

static void
build(struct built *b, const struct report *rp, const char *row,
    enum verdict got, const char *failed, const char *unknown,
    const char *message)
{
	memset(b, 0, sizeof(*b));
	b->rec.file = "cases.csv";
	b->rec.line = 2;
	b->rec.nfields = split(row, b->fields);
	b->rec.fields = b->fields;
	b->e.rec = &b->rec;
	b->e.verdict = got;
	b->e.message = message;
	b->e.failed = b->failed;
	b->e.nfailed = indices(rp, failed, b->failed);
	b->e.unknown = b->unknown;
	b->e.nunknown = indices(rp, unknown, b->unknown);
}

#define HS "applicant_id|expected_status"
#define HF "applicant_id|expected_status|expected_failed"
#define HA "applicant_id|expected_status|expected_failed|expected_unknown"

static void
test_judge(void **state)
{
	static const struct {
		const char *name;
		const char *header; /* '|'-separated */
		const char *row;
		enum verdict got;
		const char *got_failed; /* ids joined with ';', or NULL */
		const char *got_unknown;
		const char *message; /* for a got ERROR */
		enum expect_problem problem;
		int match;
		const char *what; /* the cell or id at fault, or NULL */
		enum expect_column where; /* for EXPECT_UNKNOWN_ID */
		unsigned long mismatches; /* what the case adds */
		unsigned long errors;
		const char *words; /* expect_describe() */
	} cases[] = {
		{ "pass expected and got", HS, "A|PASS", VERDICT_PASS, NULL,
		    NULL, NULL, EXPECT_FINE, 1, NULL, 0, 0, 0,
		    "expected PASS, got PASS" },
		{ "status in any case, padded", HS, "A|  rEvIeW\t",
		    VERDICT_REVIEW, NULL, "english", NULL, EXPECT_FINE, 1, NULL,
		    0, 0, 0, "expected REVIEW, got REVIEW" },
		{ "status differs", HS, "A|FAIL", VERDICT_PASS, NULL, NULL,
		    NULL, EXPECT_FINE, 0, NULL, 0, 1, 0,
		    "expected FAIL, got PASS" },
		{ "no expected_failed column: ids not compared", HS, "A|fail",
		    VERDICT_FAIL, "citizen;experience", NULL, NULL, EXPECT_FINE,
		    1, NULL, 0, 0, 0, "expected FAIL, got FAIL" },
		{ "failed ids as a set: order and spaces", HF,
		    "A|FAIL| experience ;  citizen ", VERDICT_FAIL,
		    "citizen;experience", NULL, NULL, EXPECT_FINE, 1, NULL, 0,
		    0, 0,
		    "expected FAIL [experience;citizen], got FAIL "
		    "[citizen;experience]" },
		{ "failed id named twice", HF, "A|FAIL|citizen;citizen",
		    VERDICT_FAIL, "citizen", NULL, NULL, EXPECT_FINE, 1, NULL,
		    0, 0, 0, "expected FAIL [citizen], got FAIL [citizen]" },
		{ "empty ids between separators skipped", HF,
		    "A|FAIL|;citizen;; ;", VERDICT_FAIL, "citizen", NULL, NULL,
		    EXPECT_FINE, 1, NULL, 0, 0, 0,
		    "expected FAIL [citizen], got FAIL [citizen]" },
		{ "failed ids fewer than got", HF, "A|FAIL|citizen",
		    VERDICT_FAIL, "citizen;experience", NULL, NULL, EXPECT_FINE,
		    0, NULL, 0, 1, 0,
		    "expected FAIL [citizen], got FAIL [citizen;experience]" },
		{ "failed ids more than got", HF, "A|FAIL|citizen;experience",
		    VERDICT_FAIL, "experience", NULL, NULL, EXPECT_FINE, 0,
		    NULL, 0, 1, 0,
		    "expected FAIL [citizen;experience], got FAIL "
		    "[experience]" },
		{ "same status, other failed id", HF, "A|FAIL|english",
		    VERDICT_FAIL, "citizen", NULL, NULL, EXPECT_FINE, 0, NULL,
		    0, 1, 0, "expected FAIL [english], got FAIL [citizen]" },
		{ "empty failed cell not compared", HF, "A|FAIL|", VERDICT_FAIL,
		    "citizen", NULL, NULL, EXPECT_FINE, 1, NULL, 0, 0, 0,
		    "expected FAIL, got FAIL" },
		{ "blank failed cell not compared", HF, "A|FAIL| \t ",
		    VERDICT_FAIL, "citizen", NULL, NULL, EXPECT_FINE, 1, NULL,
		    0, 0, 0, "expected FAIL, got FAIL" },
		{ "a cell of separators names no criterion", HF, "A|PASS| ; ",
		    VERDICT_PASS, NULL, NULL, NULL, EXPECT_FINE, 1, NULL, 0, 0,
		    0, "expected PASS [], got PASS []" },
		{ "a cell of separators, criteria failed", HF, "A|FAIL|;",
		    VERDICT_FAIL, "citizen", NULL, NULL, EXPECT_FINE, 0, NULL,
		    0, 1, 0, "expected FAIL [], got FAIL [citizen]" },
		{ "unknown ids matched", HA, "A|REVIEW||english",
		    VERDICT_REVIEW, NULL, "english", NULL, EXPECT_FINE, 1, NULL,
		    0, 0, 0,
		    "expected REVIEW unknown [english], got REVIEW unknown "
		    "[english]" },
		{ "unknown ids differ, failed match", HA,
		    "A|FAIL|citizen|english", VERDICT_FAIL, "citizen", NULL,
		    NULL, EXPECT_FINE, 0, NULL, 0, 1, 0,
		    "expected FAIL [citizen] unknown [english], got FAIL "
		    "[citizen] unknown []" },
		{ "an id in the wrong list", HA, "A|REVIEW|english|",
		    VERDICT_REVIEW, NULL, "english", NULL, EXPECT_FINE, 0, NULL,
		    0, 1, 0, "expected REVIEW [english], got REVIEW []" },
		{ "unknown id in expected_failed", HA,
		    "A|FAIL|citizen;pasport|", VERDICT_FAIL, "citizen", NULL,
		    NULL, EXPECT_UNKNOWN_ID, 0, "pasport", EXPECT_FAILED, 0, 1,
		    "expected_failed: no criterion \"pasport\" in the rule "
		    "set" },
		{ "unknown id in expected_unknown, failed mismatched too", HA,
		    "A|FAIL|english|nope", VERDICT_FAIL, "citizen", NULL, NULL,
		    EXPECT_UNKNOWN_ID, 0, "nope", EXPECT_UNKNOWN, 0, 1,
		    "expected_unknown: no criterion \"nope\" in the rule set" },
		{ "ids are exact: another case is another id", HF,
		    "A|FAIL|Citizen", VERDICT_FAIL, "citizen", NULL, NULL,
		    EXPECT_UNKNOWN_ID, 0, "Citizen", EXPECT_FAILED, 0, 1,
		    "expected_failed: no criterion \"Citizen\" in the rule "
		    "set" },
		{ "an id with a space inside is one id", HF,
		    "A|FAIL|citi zen ; experience", VERDICT_FAIL,
		    "citizen;experience", NULL, NULL, EXPECT_UNKNOWN_ID, 0,
		    "citi zen", EXPECT_FAILED, 0, 1,
		    "expected_failed: no criterion \"citi zen\" in the rule "
		    "set" },
		{ "a prefix of an id is no id", HF, "A|FAIL|citi", VERDICT_FAIL,
		    "citizen", NULL, NULL, EXPECT_UNKNOWN_ID, 0, "citi",
		    EXPECT_FAILED, 0, 1,
		    "expected_failed: no criterion \"citi\" in the rule set" },
		{ "hostile id quoted in words", HF, "A|FAIL|x\"\x1b[2J",
		    VERDICT_FAIL, "citizen", NULL, NULL, EXPECT_UNKNOWN_ID, 0,
		    "x\"\x1b[2J", EXPECT_FAILED, 0, 1,
		    "expected_failed: no criterion \"x\\\"\\x1b[2J\" in the "
		    "rule "
		    "set" },
		{ "status missing", HA, "A||citizen|", VERDICT_FAIL, "citizen",
		    NULL, NULL, EXPECT_MISSING, 0, NULL, 0, 1, 0,
		    "expected_status: missing" },
		{ "status blank", HS, "A|  ", VERDICT_PASS, NULL, NULL, NULL,
		    EXPECT_MISSING, 0, NULL, 0, 1, 0,
		    "expected_status: missing" },
		{ "short record: no status cell at all", HA, "A", VERDICT_PASS,
		    NULL, NULL, NULL, EXPECT_MISSING, 0, NULL, 0, 1, 0,
		    "expected_status: missing" },
		{ "status invalid", HS, "A| PASSED ", VERDICT_PASS, NULL, NULL,
		    NULL, EXPECT_INVALID, 0, "PASSED", 0, 1, 0,
		    "expected_status: invalid value \"PASSED\"" },
		{ "status of two", HS, "A|PASS;FAIL", VERDICT_PASS, NULL, NULL,
		    NULL, EXPECT_INVALID, 0, "PASS;FAIL", 0, 1, 0,
		    "expected_status: invalid value \"PASS;FAIL\"" },
		{ "status with a control byte", HS, "A|PA\001SS", VERDICT_PASS,
		    NULL, NULL, NULL, EXPECT_INVALID, 0, "PA\001SS", 0, 1, 0,
		    "expected_status: invalid value \"PA\\x01SS\"" },
		{ "invalid status wins over an unknown id", HF, "A|nope|nope",
		    VERDICT_PASS, NULL, NULL, NULL, EXPECT_INVALID, 0, "nope",
		    0, 1, 0, "expected_status: invalid value \"nope\"" },
		{ "no expected_status column", "applicant_id|expected_failed",
		    "A|citizen", VERDICT_FAIL, "citizen", NULL, NULL,
		    EXPECT_NO_COLUMN, 0, NULL, 0, 1, 0,
		    "no expected_status column" },
		{ "error expected and got", HS, "A|error", VERDICT_ERROR, NULL,
		    NULL, "unterminated quoted field", EXPECT_FINE, 1, NULL, 0,
		    0, 0,
		    "expected ERROR, got ERROR (unterminated quoted field)" },
		{ "pass expected, error got", HF, "A|PASS|", VERDICT_ERROR,
		    NULL, NULL, "too many fields", EXPECT_FINE, 0, NULL, 0, 1,
		    0, "expected PASS, got ERROR (too many fields)" },
		{ "error got with no message", HS, "A|FAIL", VERDICT_ERROR,
		    NULL, NULL, NULL, EXPECT_FINE, 0, NULL, 0, 1, 0,
		    "expected FAIL, got ERROR ()" },
		{ "error expected, pass got", HS, "A|ERROR", VERDICT_PASS, NULL,
		    NULL, NULL, EXPECT_FINE, 0, NULL, 0, 1, 0,
		    "expected ERROR, got PASS" },
	};
	char words[EXPECT_DESCRIBE_MAX];
	struct expect_result r;
	struct built b;
	struct fix f;
	unsigned long mism, errs;
	size_t i, n;

	(void)state;
	fix_open(&f);
	for (i = 0; i < NELEM(cases); i++) {
		bind(f.rp, cases[i].header);
		build(&b, f.rp, cases[i].row, cases[i].got, cases[i].got_failed,
		    cases[i].got_unknown, cases[i].message);
		mism = report_mismatches(f.rp);
		errs = report_expect_errors(f.rp);
		memset(&r, 0xa5, sizeof(r));
		expect_judge(f.rp, &b.e, &r);
		if (r.problem != cases[i].problem)
			fail_msg("%s: problem %d, want %d", cases[i].name,
			    (int)r.problem, (int)cases[i].problem);
		if (r.match != cases[i].match)
			fail_msg("%s: match %d, want %d", cases[i].name,
			    r.match, cases[i].match);
		if (cases[i].what != NULL &&
		    (r.what_len != strlen(cases[i].what) ||
		        memcmp(r.what, cases[i].what, r.what_len) != 0))
			fail_msg("%s: what \"%.*s\", want \"%s\"",
			    cases[i].name, (int)r.what_len, r.what,
			    cases[i].what);
		if (cases[i].problem == EXPECT_UNKNOWN_ID &&
		    r.where != cases[i].where)
			fail_msg("%s: where %d, want %d", cases[i].name,
			    (int)r.where, (int)cases[i].where);
		if (report_mismatches(f.rp) - mism != cases[i].mismatches ||
		    report_expect_errors(f.rp) - errs != cases[i].errors)
			fail_msg("%s: counted %lu mismatches %lu errors, want "
			         "%lu %lu",
			    cases[i].name, report_mismatches(f.rp) - mism,
			    report_expect_errors(f.rp) - errs,
			    cases[i].mismatches, cases[i].errors);
		n = expect_describe(f.rp, &b.e, &r, words, sizeof(words));
		if (n != strlen(words) || strcmp(words, cases[i].words) != 0)
			fail_msg("%s: said \"%s\" (%zu), want \"%s\"",
			    cases[i].name, words, n, cases[i].words);
	}
	fix_close(&f);
}

/* The ids expect_each_id() gives, joined with '|', and their ranks. */
struct gathered {
	char text[4096];
	size_t len;
	size_t calls;
	int bad_rank;
};

static void
gather(void *ctx, const char *id, size_t len, size_t k)
{
	struct gathered *g = ctx;

	if (k != g->calls)
		g->bad_rank = 1;
	if (g->calls > 0)
		g->text[g->len++] = '|';
	assert_true(g->len + len < sizeof(g->text));
	memcpy(g->text + g->len, id, len);
	g->len += len;
	g->text[g->len] = '\0';
	g->calls++;
}

/* "i0;i1;...;i{n-1}" then tail into buf; returns buf. */
static char *
numbered(char *buf, size_t size, size_t n, const char *tail)
{
	size_t len = 0, i;

	buf[0] = '\0';
	for (i = 0; i < n; i++)
		len += (size_t)snprintf(
		    buf + len, size - len, "%si%zu", i > 0 ? ";" : "", i);
	assert_true(len + strlen(tail) < size);
	strcpy(buf + len, tail);
	return buf;
}

static void
test_each_id(void **state)
{
	static const struct {
		const char *name;
		size_t numbered; /* cell starts with ids i0..i{n-1} */
		const char *cell;
		size_t calls;
		const char *first; /* the start of what is gathered */
		const char *last; /* and its end */
	} cases[] = {
		{ "empty cell", 0, "", 0, "", "" },
		{ "blank cell", 0, " \t\r\n", 0, "", "" },
		{ "only separators", 0, ";;; ;", 0, "", "" },
		{ "one id", 0, "citizen", 1, "citizen", "citizen" },
		{ "padded ids", 0, "  a ;\tb\t; c", 3, "a|b|c", "a|b|c" },
		{ "empty ids between", 0, ";a;;b;", 2, "a|b", "a|b" },
		{ "duplicates: the first only", 0, "b;a;b; a ;b", 2, "b|a",
		    "b|a" },
		{ "inner spaces kept", 0, "a b; a  b", 2, "a b|a  b",
		    "a b|a  b" },
		{ "case differs: two ids", 0, "Id;id", 2, "Id|id", "Id|id" },
		{ "a comma is no separator", 0, "a,b;c", 2, "a,b|c", "a,b|c" },
		{ "exactly the most", EXPECT_IDS_MAX, "", EXPECT_IDS_MAX,
		    "i0|i1|", "|i63" },
		{ "the most, then duplicates only", EXPECT_IDS_MAX,
		    ";i0;i63; i5 ;;", EXPECT_IDS_MAX, "i0|i1|", "|i63" },
		{ "one past the most", EXPECT_IDS_MAX, ";x", EXPECT_IDS_MAX + 1,
		    "i0|", "|i63|..." },
		{ "far past the most: ... once", EXPECT_IDS_MAX, ";x;y;z;w;v",
		    EXPECT_IDS_MAX + 1, "i0|", "|i63|..." },
		{ "duplicates, then one past the most", EXPECT_IDS_MAX,
		    ";i1;i2;new", EXPECT_IDS_MAX + 1, "i0|", "|i63|..." },
	};
	char cell[2048];
	struct gathered g;
	struct fix f;
	size_t i, nf, nl;

	(void)state;
	fix_open(&f);
	for (i = 0; i < NELEM(cases); i++) {
		memset(&g, 0, sizeof(g));
		numbered(cell, sizeof(cell), cases[i].numbered, cases[i].cell);
		expect_each_id(f.rp, cell, strlen(cell), &g, gather);
		nf = strlen(cases[i].first);
		nl = strlen(cases[i].last);
		if (g.calls != cases[i].calls || g.bad_rank)
			fail_msg("%s: %zu calls (ranks %s), want %zu",
			    cases[i].name, g.calls, g.bad_rank ? "bad" : "ok",
			    cases[i].calls);
		if (g.len < nf || g.len < nl ||
		    memcmp(g.text, cases[i].first, nf) != 0 ||
		    memcmp(g.text + g.len - nl, cases[i].last, nl) != 0)
			fail_msg("%s: gathered \"%s\", want \"%s...%s\"",
			    cases[i].name, g.text, cases[i].first,
			    cases[i].last);
	}
	/* A cell is n bytes, not a string: nothing past n is read. */
	memset(&g, 0, sizeof(g));
	expect_each_id(f.rp, "ab;cd", 4, &g, gather);
	if (strcmp(g.text, "ab|c") != 0)
		fail_msg("cell of 4 bytes: gathered \"%s\"", g.text);
	fix_close(&f);
}

/*
 * Cells of thousands of ids, and words cut to buffers of every small
 * size: what is written is the start of the whole, NUL-ended, and its
 * length is returned.
 */
static void
test_long_cells(void **state)
{
	static const struct {
		const char *name;
		const char *repeat; /* the cell is this, many times */
		size_t times;
		const char *tail;
		const char *got_failed; /* the FAIL got: these criteria */
		enum expect_problem problem;
		int match;
		const char *words;
	} cases[] = {
		{ "one id ten thousand times", "citizen;", 10000, "", "citizen",
		    EXPECT_FINE, 1,
		    "expected FAIL [citizen], got FAIL "
		    "[citizen]" },
		{ "two ids alternating, padded", " experience ; citizen ;",
		    5000, "", "citizen;experience", EXPECT_FINE, 1,
		    "expected FAIL [experience;citizen], got FAIL "
		    "[citizen;experience]" },
		{ "an unknown id at the end of a long cell", "citizen;", 20000,
		    "pasport", "citizen", EXPECT_UNKNOWN_ID, 0,
		    "expected_failed: no criterion \"pasport\" in the rule "
		    "set" },
		{ "one id longer than a quote", "x", 100000, "", "citizen",
		    EXPECT_UNKNOWN_ID, 0,
		    "expected_failed: no criterion "
		    "\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
		    "xx"
		    "xx\"... in the rule set" },
	};
	static const size_t sizes[] = { 1, 2, 3, 9, 10, 30 };
	char words[EXPECT_DESCRIBE_MAX], cut[64];
	struct expect_result r;
	struct built b;
	struct fix f;
	char *row, *p;
	size_t i, j, k, n, rn, full;

	(void)state;
	fix_open(&f);
	bind(f.rp, HF);
	for (i = 0; i < NELEM(cases); i++) {
		rn = strlen(cases[i].repeat);
		row = malloc(16 + rn * cases[i].times + strlen(cases[i].tail));
		assert_non_null(row);
		p = row + sprintf(row, "A|FAIL|");
		for (k = 0; k < cases[i].times; k++, p += rn)
			memcpy(p, cases[i].repeat, rn);
		strcpy(p, cases[i].tail);
		build(&b, f.rp, row, VERDICT_FAIL, cases[i].got_failed, NULL,
		    NULL);
		expect_judge(f.rp, &b.e, &r);
		if (r.problem != cases[i].problem || r.match != cases[i].match)
			fail_msg("%s: problem %d match %d, want %d %d",
			    cases[i].name, (int)r.problem, r.match,
			    (int)cases[i].problem, cases[i].match);
		full = expect_describe(f.rp, &b.e, &r, words, sizeof(words));
		if (strcmp(words, cases[i].words) != 0)
			fail_msg("%s: said \"%s\"", cases[i].name, words);
		for (j = 0; j < NELEM(sizes); j++) {
			memset(cut, '#', sizeof(cut));
			n = expect_describe(f.rp, &b.e, &r, cut, sizes[j]);
			if (n != (full < sizes[j] ? full : sizes[j] - 1) ||
			    cut[n] != '\0' || memcmp(cut, words, n) != 0 ||
			    cut[sizes[j]] != '#')
				fail_msg("%s: into %zu bytes: %zu \"%s\"",
				    cases[i].name, sizes[j], n, cut);
		}
		/* Nothing at all is written into no room. */
		cut[0] = '#';
		if (expect_describe(f.rp, &b.e, &r, cut, 0) != 0 ||
		    cut[0] != '#')
			fail_msg("%s: into 0 bytes", cases[i].name);
		free(row);
	}
	fix_close(&f);
}

/* The column names and the lists of an entry that expect.h gives. */
static void
test_columns(void **state)
{
	static const struct {
		enum expect_column c;
		const char *name;
		size_t n; /* ids of the entry below in that list */
	} cases[] = {
		{ EXPECT_FAILED, "expected_failed", 2 },
		{ EXPECT_UNKNOWN, "expected_unknown", 1 },
	};
	const size_t *ix;
	struct built b;
	struct fix f;
	size_t i, n;

	(void)state;
	fix_open(&f);
	build(
	    &b, f.rp, "A", VERDICT_FAIL, "citizen;experience", "english", NULL);
	for (i = 0; i < NELEM(cases); i++) {
		if (strcmp(expect_column_name(cases[i].c), cases[i].name) != 0)
			fail_msg("column %d: named %s, want %s",
			    (int)cases[i].c, expect_column_name(cases[i].c),
			    cases[i].name);
		ix = expect_actual(&b.e, cases[i].c, &n);
		if (n != cases[i].n ||
		    ix != (cases[i].c == EXPECT_FAILED ? b.failed : b.unknown))
			fail_msg("%s: %zu ids", cases[i].name, n);
	}
	fix_close(&f);
}

/*
 * expect_write_line() on records judged by the rules: FILE:LINE: ID:,
 * the words, then each failing or unknown criterion's reason as the
 * rule set gives it, "(advisory)" after an advisory one's, one line.
 */
static void
test_write_line(void **state)
{
	static const char hdr[] = "applicant_id|us_citizen|years|english|"
	                          "expected_status|expected_failed";
	static const struct {
		const char *name;
		const char *row;
		const char *head; /* the line up to the reasons */
		const char *reasons; /* criteria whose reasons follow */
	} cases[] = {
		{ "mismatch with a reason", "A7|no|10|yes|PASS|",
		    "cases.csv:2: A7: expected PASS, got FAIL", "citizen" },
		{ "two reasons, one advisory", "A8|no|2|no|FAIL|citizen",
		    "cases.csv:2: A8: expected FAIL [citizen], got FAIL "
		    "[citizen;experience;english]",
		    "citizen;experience;english" },
		{ "no id: no ID part", "|yes|10|yes|FAIL|",
		    "cases.csv:2: expected FAIL, got PASS", "" },
		{ "the fixture's problem: no reasons", "A9|no|10|yes|maybe|",
		    "cases.csv:2: A9: expected_status: invalid value \"maybe\"",
		    "" },
	};
	struct finding findings[8];
	size_t index[4], ix[MAX_IDS], failed[MAX_IDS], unknown[MAX_IDS];
	static const char *const names[] = { "us_citizen", "years", "english" };
	const struct column_want *want;
	char scratch[EXPECT_DESCRIBE_MAX], reason[REPORT_REASON_MAX];
	char line[2048];
	struct expect_result r;
	struct built b;
	struct fix f;
	size_t i, k, j, n, nw, len;
	enum verdict v;

	(void)state;
	fix_open(&f);
	want = rules_columns(f.rules, &nw);
	assert_true(nw <= NELEM(index));
	for (k = 0; k < nw; k++) {
		index[k] = HEADER_ABSENT;
		for (j = 0; j < NELEM(names); j++)
			if (strcmp(want[k].name, names[j]) == 0)
				index[k] = column(hdr, names[j]);
		assert_true(index[k] != HEADER_ABSENT);
	}
	bind(f.rp, hdr);
	for (i = 0; i < NELEM(cases); i++) {
		build(&b, f.rp, cases[i].row, VERDICT_PASS, NULL, NULL, NULL);
		v = rules_judge(f.rules, &b.rec, index, f.rp->asof, findings);
		b.e.verdict = v;
		b.e.col = index;
		b.e.findings = findings;
		b.e.nfailed = b.e.nunknown = 0;
		b.e.failed = failed;
		b.e.unknown = unknown;
		for (k = 0; k < f.rp->nrules; k++) {
			if (findings[k].outcome == OUTCOME_FAIL)
				failed[b.e.nfailed++] = k;
			else if (findings[k].outcome == OUTCOME_UNKNOWN)
				unknown[b.e.nunknown++] = k;
		}
		expect_judge(f.rp, &b.e, &r);
		/* The expected line, reasons from the rules module. */
		len = (size_t)snprintf(line, sizeof(line), "%s", cases[i].head);
		n = indices(f.rp, cases[i].reasons, ix);
		for (k = 0; k < n; k++) {
			rules_reason(f.rules, ix[k], &findings[ix[k]], &b.rec,
			    index, f.rp->asof, reason, sizeof(reason));
			len += (size_t)snprintf(line + len, sizeof(line) - len,
			    "%s%s: %s%s", k > 0 ? "; " : ": ", f.rp->ids[ix[k]],
			    reason,
			    rules_required(f.rules, ix[k]) ? ""
			                                   : " (advisory)");
		}
		snprintf(line + len, sizeof(line) - len, "\n");
		fflush(f.fp);
		len = f.outlen;
		expect_write_line(f.rp, &b.e, &r, scratch);
		assert_int_equal(report_flush(f.rp), 0);
		if (strcmp(f.out + len, line) != 0)
			fail_msg("%s: wrote \"%s\", want \"%s\"", cases[i].name,
			    f.out + len, line);
	}
	fix_close(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_judge),
		cmocka_unit_test(test_each_id),
		cmocka_unit_test(test_long_cells),
		cmocka_unit_test(test_columns),
		cmocka_unit_test(test_write_line),
	};

	return cmocka_run_group_tests_name("expect", tests, NULL, NULL);
}
