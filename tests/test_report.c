/*
 * test_report.c - unit tests for report.c: every format for PASS, FAIL,
 * REVIEW and ERROR records, the text summary, the options (colour,
 * summary only, the only filter, the formula guard), csv quoting and
 * header rows, JSON escaping and UTF-8 repair (with each special byte at
 * every offset of an 8-byte word, since both are checked a word at a
 * time), cells longer than the report's buffer, the expect comparison,
 * the counts, and write errors.  Each test is a table of cases and one
 * loop.  A case is a script of steps (a file with its header, judged
 * records, malformed records) run through a real report into an
 * in-memory stream, and the whole output is compared with the expected
 * text.  Records are judged with rules_judge(), so reasons are the rules
 * module's own; "@HASH@" in an expected text stands for rules_hash().
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
#include "report.h"
#include "rules.h"
#include "value.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

#define MAX_STEPS 16
#define MAX_FIELDS 24
#define MAX_WANTS 32
#define MAX_RULES 16

/* A small set: two required criteria and an advisory one. */
static const char mini_rules[] =
    "# A small set for the report tests.\n"
    "name mini\n"
    "rule citizen    required true     us_citizen \"U.S. citizen\"\n"
    "rule experience required at-least 8 years  \"8 years\"\n"
    "rule english    advisory true     english    \"English\"\n";

/* The optional columns that reports use, as main.c binds them. */
/* clang-format off */
static const char *const report_column_names[] = {
	"applicant_id", "full_name", "expected_status", "expected_failed"
};
/* clang-format on */

#define AS_OF "2026-01-01"

/* clang-format off */
/* The header most cases use, fields separated by '|'. */
#define H "applicant_id|full_name|us_citizen|years|english"

/* The default set's columns, with id and name first. */
#define HD "applicant_id|full_name|us_citizen|total_experience_years|" \
    "sworn_experience_years|full_service_department|employment_status|" \
    "separation_date|english_proficient|weapon_qualified|" \
    "manual_transmission|background_clear|passport_valid|physical_test|" \
    "agility_test"
/* clang-format on */

/* The formats, as the cases name them. */
enum tformat { REPORT_TEXT = 0, REPORT_CSV, REPORT_JSONL, REPORT_EXPECT };

/* struct report_options with the format by kind, for the case tables. */
struct topt {
	enum tformat format;
	int color;
	int formula_guard;
	unsigned only;
	int summary_only;
};

/* report_new() with the options of t. */
static struct report *
new_report(FILE *fp, const struct topt *t, const struct rules *r, int32_t asof)
{
	static const char *const names[] = { "text", "csv", "jsonl", "text" };
	struct report_options opt;

	memset(&opt, 0, sizeof(opt));
	opt.format =
	    report_format_find(names[t->format], t->format == REPORT_EXPECT);
	assert_non_null(opt.format);
	opt.color = t->color;
	opt.formula_guard = t->formula_guard;
	opt.only = t->only;
	opt.summary_only = t->summary_only;
	return report_new(fp, &opt, r, asof);
}

enum step_kind {
	STEP_END = 0,
	STEP_FILE, /* text: the header; arg: the file name */
	STEP_ROW, /* text: a record, judged */
	STEP_BAD, /* text: a malformed record, also its source; arg: the
	             reader's message */
	STEP_PLAN, /* text: a header to plan (report_plan()) */
	STEP_NOTE /* report_note_bad_utf8() */
};

struct step {
	enum step_kind kind;
	const char *text; /* fields separated by '|' */
	const char *arg;
	size_t len; /* of text; 0: strlen(text) */
};

/* What running a script left behind. */
struct result {
	char *out;
	size_t len;
	unsigned long counts[VERDICT_COUNT];
	unsigned long mismatches;
	char hash[16];
};

/* Splits text (n bytes, borrowed) at '|' into fields[]; returns count. */
static size_t
split(const char *text, size_t n, struct field *fields)
{
	size_t nf = 0, start = 0, i;

	for (i = 0; i <= n; i++) {
		if (i < n && text[i] != '|')
			continue;
		assert_true(nf < MAX_FIELDS);
		fields[nf].ptr = text + start;
		fields[nf].len = i - start;
		nf++;
		start = i + 1;
	}
	return nf;
}

/*
 * Runs steps through a report with options opt, over the rules text
 * (NULL: the default set), into an in-memory stream.  Every call must
 * succeed.  The caller frees res->out with free().
 */
static void
run_script(const struct topt *opt, const char *rules_text,
    const struct step *steps, struct result *res)
{
	struct column_want wants[MAX_WANTS];
	size_t index[MAX_WANTS];
	struct finding findings[MAX_RULES];
	struct field fields[MAX_FIELDS];
	struct report_columns cols;
	const struct column_want *rc;
	struct rules *rules;
	struct report *rp;
	struct record rec;
	struct error err;
	enum verdict v;
	size_t nrc, i, k, len;
	int32_t asof;
	FILE *fp;
	int v2;

	memset(res, 0, sizeof(*res));
	memset(&rec, 0, sizeof(rec));
	if (rules_text != NULL)
		rules = rules_parse(
		    rules_text, strlen(rules_text), "mini.rules", &err);
	else
		rules = rules_default(&err);
	assert_non_null(rules);
	assert_true(rules_count(rules) <= MAX_RULES);
	rc = rules_columns(rules, &nrc);
	assert_true(nrc + NELEM(report_column_names) <= MAX_WANTS);
	for (i = 0; i < nrc; i++)
		wants[i] = rc[i];
	for (i = 0; i < NELEM(report_column_names); i++) {
		wants[nrc + i].name = report_column_names[i];
		wants[nrc + i].required = 0;
	}
	assert_int_equal(value_parse_iso(AS_OF, &asof), 0);
	fp = open_memstream(&res->out, &res->len);
	assert_non_null(fp);
	rp = new_report(fp, opt, rules, asof);
	assert_non_null(rp);
	for (k = 0; k < MAX_STEPS && steps[k].kind != STEP_END; k++) {
		const struct step *s = &steps[k];

		len = s->len > 0 || s->text == NULL ? s->len : strlen(s->text);
		if (s->kind != STEP_NOTE) {
			rec.nfields = split(s->text, len, fields);
			rec.fields = fields;
		}
		switch (s->kind) {
		case STEP_FILE:
			rec.file = s->arg;
			rec.line = 1;
			rec.is_header = 1;
			assert_int_equal(header_bind(&rec, wants,
			                     nrc + NELEM(report_column_names),
			                     NULL, 0, index, &err),
			    0);
			cols.id = index[nrc];
			cols.name = index[nrc + 1];
			cols.expected_status = index[nrc + 2];
			cols.expected_failed = index[nrc + 3];
			assert_int_equal(report_file(rp, &rec, &cols), 0);
			break;
		case STEP_ROW:
			rec.line++;
			rec.is_header = 0;
			v = rules_judge(rules, &rec, index, asof, findings);
			assert_int_equal(
			    report_record(rp, &rec, index, v, findings), 0);
			break;
		case STEP_BAD:
			rec.line++;
			rec.is_header = 0;
			rec.source = s->text;
			rec.source_len = len;
			(void)error_set(&err, rec.file, rec.line, "%s", s->arg);
			assert_int_equal(report_error(rp, &rec, &err), 0);
			rec.source = NULL;
			rec.source_len = 0;
			break;
		case STEP_PLAN:
			rec.is_header = 1;
			assert_int_equal(report_plan(rp, &rec), 0);
			break;
		case STEP_NOTE:
			report_note_bad_utf8(rp);
			break;
		case STEP_END:
			break;
		}
	}
	assert_int_equal(report_finish(rp), 0);
	for (v2 = 0; v2 < VERDICT_COUNT; v2++)
		res->counts[v2] = report_count(rp, (enum verdict)v2);
	res->mismatches = report_mismatches(rp);
	assert_true(strlen(rules_hash(rules)) < sizeof(res->hash));
	strcpy(res->hash, rules_hash(rules));
	report_free(rp);
	assert_int_equal(fclose(fp), 0);
	rules_free(rules);
}

/*
 * The n bytes at want with each "@HASH@" replaced by hash; *len gets
 * the result's length.  The caller frees it.
 */
static char *
expand(const char *want, size_t n, const char *hash, size_t *len)
{
	size_t hn = strlen(hash), o = 0, i = 0;
	char *buf = malloc(n * (hn + 1) + 1);

	assert_non_null(buf);
	while (i < n) {
		if (n - i >= 6 && memcmp(want + i, "@HASH@", 6) == 0) {
			memcpy(buf + o, hash, hn);
			o += hn;
			i += 6;
		} else
			buf[o++] = want[i++];
	}
	buf[o] = '\0';
	*len = o;
	return buf;
}

/*
 * Compares a whole output with the n expected bytes at want (which may
 * hold NUL bytes), naming the case.
 */
static void
check_bytes(
    const char *label, const struct result *res, const char *want, size_t n)
{
	size_t len;
	char *exp = expand(want, n, res->hash, &len);
	int same = len == res->len && memcmp(exp, res->out, len) == 0;

	if (!same)
		print_error("case \"%s\"\n--- expected\n%.*s--- got\n%.*s---\n",
		    label, (int)len, exp, (int)res->len, res->out);
	free(exp);
	assert_true(same);
}

/* The same, for an expected text without NUL bytes. */
static void
check_output(const char *label, const struct result *res, const char *want)
{
	check_bytes(label, res, want, strlen(want));
}

struct script_case {
	const char *label;
	struct topt opt;
	int default_rules;
	struct step steps[MAX_STEPS];
	const char *want;
};

static void
run_cases(const struct script_case *cases, size_t n)
{
	struct result res;
	size_t i;

	for (i = 0; i < n; i++) {
		run_script(&cases[i].opt,
		    cases[i].default_rules ? NULL : mini_rules, cases[i].steps,
		    &res);
		check_output(cases[i].label, &res, cases[i].want);
		free(res.out);
	}
}

/* clang-format off */
/* The same four records, one of each verdict, in several cases. */
#define R_PASS { STEP_ROW, "A1|Jane Doe|yes|9|yes", NULL, 0 }
#define R_FAIL { STEP_ROW, "A2|John Roe|no|6.5|yes", NULL, 0 }
#define R_REVIEW { STEP_ROW, "A3|Ann Poe||10|maybe", NULL, 0 }
#define R_ERROR { STEP_BAD, "A4|Bad", "unterminated quoted field", 0 }
#define F(hdr) { STEP_FILE, hdr, "f.csv", 0 }

#define RULES_LINE "rules mini (@HASH@), as of 2026-01-01\n\n"

/* A jsonl line up to the name, and after it for a PASS. */
#define J_START "{\"file\":\"f.csv\",\"line\":2,\"id\":\"A1\",\"name\":"
#define J_PASS "\"status\":\"PASS\",\"failed\":[],\"unknown\":[]," \
    "\"reasons\":{}}\n"

/* U+FFFD, the replacement character, in UTF-8. */
#define FFFD "\xef\xbf\xbd"
/* clang-format on */

/* clang-format off */
static const struct script_case text_cases[] = {
	{ "text: one of each verdict", { .format = REPORT_TEXT }, 0,
	  { F(H), R_PASS, R_FAIL, R_REVIEW, R_ERROR },
	  RULES_LINE
	  "f.csv:2  PASS    A1  Jane Doe\n"
	  "f.csv:3  FAIL    A2  John Roe  | citizen: us_citizen: \"no\"; "
	  "experience: experience 6.5 years, needs 8 (short 1.5)\n"
	  "f.csv:4  REVIEW  A3  Ann Poe  | citizen: us_citizen: missing; "
	  "english: english: invalid value \"maybe\" (advisory)\n"
	  "f.csv:5  ERROR   A4  Bad  | unterminated quoted field\n"
	  "\n"
	  "screened 4 records: 1 PASS, 1 FAIL, 1 REVIEW, 1 ERROR\n"
	  "failed:\n"
	  "  citizen     1\n"
	  "  experience  1\n"
	  "unknown:\n"
	  "  citizen  1\n"
	  "  english  1\n" },
	{ "text: no id or name column", { .format = REPORT_TEXT }, 0,
	  { F("us_citizen|years|english"),
	    { STEP_ROW, "yes|9|yes", NULL, 0 },
	    { STEP_ROW, "no|9|yes", NULL, 0 },
	    { STEP_BAD, "yes", "wrong number of fields", 0 } },
	  RULES_LINE
	  "f.csv:2  PASS\n"
	  "f.csv:3  FAIL    | citizen: us_citizen: \"no\"\n"
	  "f.csv:4  ERROR   | wrong number of fields\n"
	  "\n"
	  "screened 3 records: 1 PASS, 1 FAIL, 0 REVIEW, 1 ERROR\n"
	  "failed:\n"
	  "  citizen  1\n" },
	{ "text: name only; an ERROR record short of the columns",
	  { .format = REPORT_TEXT }, 0,
	  { F("us_citizen|years|english|full_name"),
	    { STEP_ROW, "yes|9|yes|Jo", NULL, 0 },
	    { STEP_BAD, "yes|9", "wrong number of fields", 0 },
	    { STEP_BAD, "", "wrong number of fields", 0 } },
	  RULES_LINE
	  "f.csv:2  PASS    Jo\n"
	  "f.csv:3  ERROR   | wrong number of fields\n"
	  "f.csv:4  ERROR   | wrong number of fields\n"
	  "\n"
	  "screened 3 records: 1 PASS, 0 FAIL, 0 REVIEW, 2 ERROR\n" },
	{ "text: an ERROR record with the id but not the name",
	  { .format = REPORT_TEXT }, 0,
	  { F(H), { STEP_BAD, "A9", "wrong number of fields", 0 } },
	  RULES_LINE
	  "f.csv:2  ERROR   A9  | wrong number of fields\n"
	  "\n"
	  "screened 1 records: 0 PASS, 0 FAIL, 0 REVIEW, 1 ERROR\n" },
	{ "text: colour", { .format = REPORT_TEXT, .color = 1 }, 0,
	  { F(H), R_PASS, R_FAIL, R_REVIEW, R_ERROR },
	  RULES_LINE
	  "f.csv:2  \033[32mPASS\033[0m    A1  Jane Doe\n"
	  "f.csv:3  \033[31mFAIL\033[0m    A2  John Roe  | citizen: "
	  "us_citizen: \"no\"; experience: experience 6.5 years, needs 8 "
	  "(short 1.5)\n"
	  "f.csv:4  \033[33mREVIEW\033[0m  A3  Ann Poe  | citizen: "
	  "us_citizen: missing; english: english: invalid value \"maybe\" "
	  "(advisory)\n"
	  "f.csv:5  \033[1;31mERROR\033[0m   A4  Bad  | unterminated quoted "
	  "field\n"
	  "\n"
	  "screened 4 records: 1 PASS, 1 FAIL, 1 REVIEW, 1 ERROR\n"
	  "failed:\n"
	  "  citizen     1\n"
	  "  experience  1\n"
	  "unknown:\n"
	  "  citizen  1\n"
	  "  english  1\n" },
	{ "text: colour, no id or name", { .format = REPORT_TEXT, .color = 1 },
	  0, { F("us_citizen|years|english"),
	    { STEP_ROW, "yes|9|yes", NULL, 0 } },
	  RULES_LINE
	  "f.csv:2  \033[32mPASS\033[0m\n"
	  "\n"
	  "screened 1 records: 1 PASS, 0 FAIL, 0 REVIEW, 0 ERROR\n" },
	{ "text: a PASS lists its advisory failure", { .format = REPORT_TEXT },
	  0, { F(H), { STEP_ROW, "A1|Jane|yes|9|no", NULL, 0 },
	    { STEP_ROW, "A2|Joe|yes|9|", NULL, 0 } },
	  RULES_LINE
	  "f.csv:2  PASS    A1  Jane  | english: english: \"no\" (advisory)\n"
	  "f.csv:3  PASS    A2  Joe  | english: english: missing (advisory)\n"
	  "\n"
	  "screened 2 records: 2 PASS, 0 FAIL, 0 REVIEW, 0 ERROR\n"
	  "failed:\n"
	  "  english  1\n"
	  "unknown:\n"
	  "  english  1\n" },
	{ "text: summary only, most frequent first, ties in rule order",
	  { .format = REPORT_TEXT, .summary_only = 1 }, 0,
	  { F(H),
	    { STEP_ROW, "B1|n1|no|5|no", NULL, 0 },
	    { STEP_ROW, "B2|n2|yes|5|no", NULL, 0 },
	    { STEP_ROW, "B3|n3|no|5|yes", NULL, 0 },
	    { STEP_ROW, "B4|n4|yes|abc|", NULL, 0 },
	    { STEP_ROW, "B5|n5|yes|xyz|maybe", NULL, 0 },
	    { STEP_ROW, "B6|n6|maybe|9|yes", NULL, 0 } },
	  RULES_LINE
	  "screened 6 records: 0 PASS, 3 FAIL, 3 REVIEW, 0 ERROR\n"
	  "failed:\n"
	  "  experience  3\n"
	  "  citizen     2\n"
	  "  english     2\n"
	  "unknown:\n"
	  "  experience  2\n"
	  "  english     2\n"
	  "  citizen     1\n" },
	{ "text: the same, with the records",
	  { .format = REPORT_TEXT }, 0,
	  { F("us_citizen|years|english"),
	    { STEP_ROW, "no|5|no", NULL, 0 },
	    { STEP_ROW, "yes|5|no", NULL, 0 },
	    { STEP_ROW, "no|5|yes", NULL, 0 } },
	  RULES_LINE
	  "f.csv:2  FAIL    | citizen: us_citizen: \"no\"; experience: "
	  "experience 5 years, needs 8 (short 3); english: english: \"no\" "
	  "(advisory)\n"
	  "f.csv:3  FAIL    | experience: experience 5 years, needs 8 "
	  "(short 3); english: english: \"no\" (advisory)\n"
	  "f.csv:4  FAIL    | citizen: us_citizen: \"no\"; experience: "
	  "experience 5 years, needs 8 (short 3)\n"
	  "\n"
	  "screened 3 records: 0 PASS, 3 FAIL, 0 REVIEW, 0 ERROR\n"
	  "failed:\n"
	  "  experience  3\n"
	  "  citizen     2\n"
	  "  english     2\n" },
	{ "text: only FAIL and ERROR; the summary counts all",
	  { .format = REPORT_TEXT,
	    .only = (1u << VERDICT_FAIL) | (1u << VERDICT_ERROR) }, 0,
	  { F(H), R_PASS, R_FAIL, R_REVIEW, R_ERROR },
	  RULES_LINE
	  "f.csv:3  FAIL    A2  John Roe  | citizen: us_citizen: \"no\"; "
	  "experience: experience 6.5 years, needs 8 (short 1.5)\n"
	  "f.csv:5  ERROR   A4  Bad  | unterminated quoted field\n"
	  "\n"
	  "screened 4 records: 1 PASS, 1 FAIL, 1 REVIEW, 1 ERROR\n"
	  "failed:\n"
	  "  citizen     1\n"
	  "  experience  1\n"
	  "unknown:\n"
	  "  citizen  1\n"
	  "  english  1\n" },
	{ "text: only PASS", { .format = REPORT_TEXT,
	    .only = 1u << VERDICT_PASS }, 0,
	  { F(H), R_PASS, R_FAIL, R_REVIEW, R_ERROR },
	  RULES_LINE
	  "f.csv:2  PASS    A1  Jane Doe\n"
	  "\n"
	  "screened 4 records: 1 PASS, 1 FAIL, 1 REVIEW, 1 ERROR\n"
	  "failed:\n"
	  "  citizen     1\n"
	  "  experience  1\n"
	  "unknown:\n"
	  "  citizen  1\n"
	  "  english  1\n" },
	{ "text: control bytes and bytes that are no character escaped; the "
	  "UTF-8 note",
	  { .format = REPORT_TEXT }, 0,
	  { { STEP_FILE, H, "we\nird.csv", 0 },
	    { STEP_ROW, "A\t1|Jo\x01se\x7f \xff\xfe|yes|9|yes", NULL, 0 },
	    { STEP_ROW, "A\r2|Zo\xc3\xab\x1b[31m|yes|9|yes", NULL, 0 },
	    { STEP_BAD, "A3", "bad\tthing", 0 },
	    { STEP_NOTE, NULL, NULL, 0 } },
	  RULES_LINE
	  "we\\x0aird.csv:2  PASS    A\\x091  Jo\\x01se\\x7f \\xff\\xfe\n"
	  "we\\x0aird.csv:3  PASS    A\\x0d2  Zo\xc3\xab\\x1b[31m\n"
	  "we\\x0aird.csv:4  ERROR   A3  | bad\\x09thing\n"
	  "\n"
	  "screened 3 records: 2 PASS, 0 FAIL, 0 REVIEW, 1 ERROR\n"
	  "note: the input is not valid UTF-8; if names look wrong, try "
	  "--encoding windows-1252\n" },
	{ "text: a NUL byte in a cell", { .format = REPORT_TEXT }, 0,
	  { F(H), { STEP_ROW, "A\0001|J|yes|9|yes", NULL, 15 } },
	  RULES_LINE
	  "f.csv:2  PASS    A\\x001  J\n"
	  "\n"
	  "screened 1 records: 1 PASS, 0 FAIL, 0 REVIEW, 0 ERROR\n" },
	{ "text: no records", { .format = REPORT_TEXT }, 0,
	  { F(H) },
	  RULES_LINE
	  "screened 0 records: 0 PASS, 0 FAIL, 0 REVIEW, 0 ERROR\n" },
	{ "text: summary only, no records", { .format = REPORT_TEXT,
	    .summary_only = 1 }, 0,
	  { F(H), R_PASS },
	  RULES_LINE
	  "screened 1 records: 1 PASS, 0 FAIL, 0 REVIEW, 0 ERROR\n" },
	{ "text: no file at all", { .format = REPORT_TEXT }, 0,
	  { { STEP_END, NULL, NULL, 0 } },
	  RULES_LINE
	  "screened 0 records: 0 PASS, 0 FAIL, 0 REVIEW, 0 ERROR\n" },
	{ "text: two files", { .format = REPORT_TEXT }, 0,
	  { { STEP_FILE, H, "a.csv", 0 }, R_PASS,
	    { STEP_FILE, "full_name|us_citizen|years|english", "b.csv", 0 },
	    { STEP_ROW, "Bo|yes|9|yes", NULL, 0 } },
	  RULES_LINE
	  "a.csv:2  PASS    A1  Jane Doe\n"
	  "b.csv:2  PASS    Bo\n"
	  "\n"
	  "screened 2 records: 2 PASS, 0 FAIL, 0 REVIEW, 0 ERROR\n" },
	{ "text: the default rule set", { .format = REPORT_TEXT }, 1,
	  { F(HD),
	    { STEP_ROW, "D1|Pat Lee|yes|12|8|yes|active||yes|yes|yes|yes|"
	      "yes|yes|yes", NULL, 0 },
	    { STEP_ROW, "D2|Sam Fox|yes|6|7|yes|retired|2010-05-01|yes|no|"
	      "yes|yes|yes|yes|yes", NULL, 0 } },
	  "rules civpol-inl-2008 (@HASH@), as of 2026-01-01\n"
	  "\n"
	  "f.csv:2  PASS    D1  Pat Lee\n"
	  "f.csv:3  FAIL    D2  Sam Fox  | total_experience: total "
	  "experience 6 years, needs 8 (short 2); service_recency: separated "
	  "2010-05-01, before 2017-01-01 (9 years before 2026-01-01); weapon: "
	  "weapon_qualified: \"no\"; sworn_experience: sworn_experience_years "
	  "7 years is more than total_experience_years 6 years\n"
	  "\n"
	  "screened 2 records: 1 PASS, 1 FAIL, 0 REVIEW, 0 ERROR\n"
	  "failed:\n"
	  "  total_experience  1\n"
	  "  service_recency   1\n"
	  "  weapon            1\n"
	  "unknown:\n"
	  "  sworn_experience  1\n" },
};
/* clang-format on */

static void
test_text(void **state)
{
	(void)state;
	run_cases(text_cases, NELEM(text_cases));
}

/* clang-format off */
#define SCREEN_COLUMNS "screen_status,screen_failed,screen_unknown," \
    "screen_reasons,screen_source\n"
#define CSV_HEADER "applicant_id,full_name,us_citizen,years,english," \
    SCREEN_COLUMNS
/* The reasons of R_FAIL and R_REVIEW, as cells. */
#define FAIL_REASONS "\"citizen: us_citizen: \"\"no\"\"; experience: " \
    "experience 6.5 years, needs 8 (short 1.5)\""
#define REVIEW_REASONS "\"citizen: us_citizen: missing; english: " \
    "english: invalid value \"\"maybe\"\" (advisory)\""
/* clang-format on */

/* clang-format off */
static const struct script_case csv_cases[] = {
	{ "csv: one of each verdict", { .format = REPORT_CSV }, 0,
	  { F(H), R_PASS, R_FAIL, R_REVIEW, R_ERROR },
	  CSV_HEADER
	  "A1,Jane Doe,yes,9,yes,PASS,,,,\n"
	  "A2,John Roe,no,6.5,yes,FAIL,citizen;experience,," FAIL_REASONS
	  ",\n"
	  "A3,Ann Poe,,10,maybe,REVIEW,,citizen;english," REVIEW_REASONS
	  ",\n"
	  "A4,Bad,,,,ERROR,,,line 5: unterminated quoted field,A4|Bad\n" },
	{ "csv: advisory ids and their reasons are listed too",
	  { .format = REPORT_CSV }, 0,
	  { F(H), { STEP_ROW, "A1|J|yes|9|no", NULL, 0 },
	    { STEP_ROW, "A2|K|no|x9|", NULL, 0 } },
	  CSV_HEADER
	  "A1,J,yes,9,no,PASS,english,,\"english: english: \"\"no\"\" "
	  "(advisory)\",\n"
	  "A2,K,no,x9,,FAIL,citizen,experience;english,\"citizen: "
	  "us_citizen: \"\"no\"\"; experience: years: invalid value "
	  "\"\"x9\"\"; english: english: missing (advisory)\",\n" },
	{ "csv: ERROR rows as wide as the header, their text whole",
	  { .format = REPORT_CSV }, 0,
	  { F(H),
	    { STEP_BAD, "", "wrong number of fields", 0 },
	    { STEP_BAD, "A5|x|yes|9|yes|extra1|ex,tra2", "too many", 0 },
	    { STEP_BAD, "A6|x|yes|9|yes", "field too long", 0 },
	    { STEP_BAD, "=1+2|x", "stray quote", 0 },
	    R_PASS },
	  CSV_HEADER
	  ",,,,,ERROR,,,line 2: wrong number of fields,\n"
	  "A5,x,yes,9,yes,ERROR,,,line 3: too many,"
	  "\"A5|x|yes|9|yes|extra1|ex,tra2\"\n"
	  "A6,x,yes,9,yes,ERROR,,,line 4: field too long,A6|x|yes|9|yes\n"
	  "=1+2,x,,,,ERROR,,,line 5: stray quote,=1+2|x\n"
	  "A1,Jane Doe,yes,9,yes,PASS,,,,\n" },
	{ "csv: quoted only when needed", { .format = REPORT_CSV }, 0,
	  { F(H),
	    { STEP_ROW, "Q1|Doe, Jane|yes|9|yes", NULL, 0 },
	    { STEP_ROW, "Q2|say \"hi\"|yes|9|yes", NULL, 0 },
	    { STEP_ROW, "Q3|two\nlines|yes|9|yes", NULL, 0 },
	    { STEP_ROW, "Q4|cr\rhere|yes|9|yes", NULL, 0 },
	    { STEP_ROW, "Q5| spaced |yes|9|yes", NULL, 0 },
	    { STEP_ROW, "Q6|\"|yes|9|yes", NULL, 0 },
	    { STEP_ROW, "Q7|tab\there;semi|yes|9|yes", NULL, 0 },
	    { STEP_ROW, "Q8|\xff\xc3\xa9|yes|9|yes", NULL, 0 } },
	  CSV_HEADER
	  "Q1,\"Doe, Jane\",yes,9,yes,PASS,,,,\n"
	  "Q2,\"say \"\"hi\"\"\",yes,9,yes,PASS,,,,\n"
	  "Q3,\"two\nlines\",yes,9,yes,PASS,,,,\n"
	  "Q4,\"cr\rhere\",yes,9,yes,PASS,,,,\n"
	  "Q5, spaced ,yes,9,yes,PASS,,,,\n"
	  "Q6,\"\"\"\",yes,9,yes,PASS,,,,\n"
	  "Q7,tab\there;semi,yes,9,yes,PASS,,,,\n"
	  "Q8,\xff\xc3\xa9,yes,9,yes,PASS,,,,\n" },
	{ "csv: one header for files with the same header",
	  { .format = REPORT_CSV }, 0,
	  { { STEP_FILE, H, "a.csv", 0 }, R_PASS,
	    { STEP_FILE, H, "b.csv", 0 }, R_FAIL,
	    { STEP_FILE, H, "c.csv", 0 }, R_PASS },
	  CSV_HEADER
	  "A1,Jane Doe,yes,9,yes,PASS,,,,\n"
	  "A2,John Roe,no,6.5,yes,FAIL,citizen;experience,," FAIL_REASONS
	  ",\n"
	  "A1,Jane Doe,yes,9,yes,PASS,,,,\n" },
	{ "csv: one header, the union of the planned files' columns",
	  { .format = REPORT_CSV }, 0,
	  { { STEP_PLAN, H, NULL, 0 },
	    { STEP_PLAN, "Applicant_ID|full_name|us_citizen|years|english",
	      NULL, 0 },
	    { STEP_PLAN, "applicant_id|full_name|us_citizen|years|english|x",
	      NULL, 0 },
	    { STEP_PLAN, "english|x|years|x|us_citizen", NULL, 0 },
	    { STEP_FILE, H, "a.csv", 0 }, R_PASS,
	    { STEP_FILE, "Applicant_ID|full_name|us_citizen|years|english",
	      "b.csv", 0 }, R_PASS,
	    { STEP_FILE, "applicant_id|full_name|us_citizen|years|english|x",
	      "c.csv", 0 }, { STEP_ROW, "A1|J|yes|9|yes|1", NULL, 0 },
	    { STEP_FILE, "english|x|years|x|us_citizen", "d.csv", 0 },
	    { STEP_ROW, "yes|x1|9|x2|yes", NULL, 0 },
	    { STEP_BAD, "yes|x1|9|x2|yes|surplus", "wrong number of fields",
	      0 } },
	  "applicant_id,full_name,us_citizen,years,english,Applicant_ID,x,x,"
	  SCREEN_COLUMNS
	  "A1,Jane Doe,yes,9,yes,,,,PASS,,,,\n"
	  ",Jane Doe,yes,9,yes,A1,,,PASS,,,,\n"
	  "A1,J,yes,9,yes,,1,,PASS,,,,\n"
	  ",,yes,9,yes,,x1,x2,PASS,,,,\n"
	  ",,yes,9,yes,,x1,x2,ERROR,,,line 3: wrong number of fields,"
	  "yes|x1|9|x2|yes|surplus\n" },
	{ "csv: a file screened before gets new screen columns",
	  { .format = REPORT_CSV }, 0,
	  { F("applicant_id|full_name|us_citizen|years|english|screen_status|"
	      "screen_failed|screen_unknown|notes|screen_reasons|screen_source"),
	    { STEP_ROW, "A2|John Roe|no|6.5|yes|PASS|||n|old|", NULL, 0 } },
	  "applicant_id,full_name,us_citizen,years,english,notes,"
	  SCREEN_COLUMNS
	  "A2,John Roe,no,6.5,yes,n,FAIL,citizen;experience,," FAIL_REASONS
	  ",\n" },
	{ "csv: header cells quoted and guarded",
	  { .format = REPORT_CSV, .formula_guard = 1 }, 0,
	  { F("applicant_id|@full_name|us_citizen|years|english|\"a,b\""),
	    { STEP_ROW, "=A1|-J|yes|9|yes|-1", NULL, 0 } },
	  "applicant_id,'@full_name,us_citizen,years,english,\"\"\"a,b\"\"\","
	  SCREEN_COLUMNS
	  "'=A1,'-J,yes,9,yes,-1,PASS,,,,\n" },
	{ "csv: the guard covers the report's own cells",
	  { .format = REPORT_CSV, .formula_guard = 1 }, 0,
	  { F(H), { STEP_BAD, "=HYPERLINK(\"x\")|y", "+bad", 0 },
	    { STEP_BAD, "-2|y", "@ at", 0 } },
	  CSV_HEADER
	  "\"'=HYPERLINK(\"\"x\"\")\",y,,,,ERROR,,,line 2: +bad,"
	  "\"'=HYPERLINK(\"\"x\"\")|y\"\n"
	  "-2,y,,,,ERROR,,,line 3: @ at,'-2|y\n" },
	{ "csv: only REVIEW", { .format = REPORT_CSV,
	    .only = 1u << VERDICT_REVIEW }, 0,
	  { F(H), R_PASS, R_FAIL, R_REVIEW, R_ERROR },
	  CSV_HEADER
	  "A3,Ann Poe,,10,maybe,REVIEW,,citizen;english," REVIEW_REASONS
	  ",\n" },
	{ "csv: the default rule set", { .format = REPORT_CSV }, 1,
	  { F(HD),
	    { STEP_ROW, "D2|Sam Fox|yes|6|7|yes|retired|2010-05-01|yes|no|"
	      "yes|yes|yes|yes|yes", NULL, 0 } },
	  "applicant_id,full_name,us_citizen,total_experience_years,"
	  "sworn_experience_years,full_service_department,employment_status,"
	  "separation_date,english_proficient,weapon_qualified,"
	  "manual_transmission,background_clear,passport_valid,physical_test,"
	  "agility_test," SCREEN_COLUMNS
	  "D2,Sam Fox,yes,6,7,yes,retired,2010-05-01,yes,no,yes,yes,yes,yes,"
	  "yes,FAIL,total_experience;service_recency;weapon,"
	  "sworn_experience,\"total_experience: total experience 6 years, "
	  "needs 8 (short 2); service_recency: separated 2010-05-01, before "
	  "2017-01-01 (9 years before 2026-01-01); weapon: weapon_qualified: "
	  "\"\"no\"\"; sworn_experience: sworn_experience_years 7 years is "
	  "more than total_experience_years 6 years\",\n" },
};
/* clang-format on */

static void
test_csv(void **state)
{
	(void)state;
	run_cases(csv_cases, NELEM(csv_cases));
}

/* Appends n bytes at s to buf (size bytes) at *o, asserting room. */
static void
append(char *buf, size_t size, size_t *o, const char *s, size_t n)
{
	assert_true(*o + n < size);
	memcpy(buf + *o, s, n);
	*o += n;
	buf[*o] = '\0';
}

/*
 * Runs one PASS record, "A1|NAME|yes|9|yes" with the n bytes at name,
 * under H, and checks that the output is head, the name as want_name
 * (wn bytes) says, then tail.
 */
static void
check_name(const char *label, const struct topt *opt, const char *name,
    size_t n, const char *head, const char *want_name, size_t wn,
    const char *tail)
{
	struct step steps[3];
	size_t hn = strlen(head), tn = strlen(tail), o = 0, w = 0;
	char *row = malloc(n + 16), *want = malloc(hn + wn + tn + 1);
	struct result res;

	assert_non_null(row);
	assert_non_null(want);
	append(row, n + 16, &o, "A1|", 3);
	append(row, n + 16, &o, name, n);
	append(row, n + 16, &o, "|yes|9|yes", 10);
	append(want, hn + wn + tn + 1, &w, head, hn);
	append(want, hn + wn + tn + 1, &w, want_name, wn);
	append(want, hn + wn + tn + 1, &w, tail, tn);
	memset(steps, 0, sizeof(steps));
	steps[0].kind = STEP_FILE;
	steps[0].text = H;
	steps[0].arg = "f.csv";
	steps[1].kind = STEP_ROW;
	steps[1].text = row;
	steps[1].len = o;
	run_script(opt, mini_rules, steps, &res);
	free(row);
	check_bytes(label, &res, want, w);
	free(res.out);
	free(want);
}

/* clang-format off */
#define CSV_HEAD CSV_HEADER "A1,"
#define CSV_TAIL ",yes,9,yes,PASS,,,,\n"
/* clang-format on */

/* Checks the csv row of one cell (as the name), guard on or off. */
static void
check_guard(
    const char *label, const char *cell, int guard, const char *want_cell)
{
	struct topt opt = { .format = REPORT_CSV };

	opt.formula_guard = guard;
	check_name(label, &opt, cell, strlen(cell), CSV_HEAD, want_cell,
	    strlen(want_cell), CSV_TAIL);
}

static void
test_csv_formula_guard(void **state)
{
	/* clang-format off */
	static const struct {
		const char *cell;
		const char *guarded;   /* with the guard on */
		const char *unguarded; /* with it off */
	} cases[] = {
		{ "=1+1", "'=1+1", "=1+1" },
		{ "=SUM(A1:A2)", "'=SUM(A1:A2)", "=SUM(A1:A2)" },
		{ "=", "'=", "=" },
		{ "+1", "+1", "+1" },
		{ "+1.5", "+1.5", "+1.5" },
		{ "-3", "-3", "-3" },
		{ "-3.25", "-3.25", "-3.25" },
		{ "-x", "'-x", "-x" },
		{ "-", "'-", "-" },
		{ "+", "'+", "+" },
		{ "-3.", "'-3.", "-3." },
		{ "-.5", "'-.5", "-.5" },
		{ "-1e5", "'-1e5", "-1e5" },
		{ "-3-1", "'-3-1", "-3-1" },
		{ "+-3", "'+-3", "+-3" },
		{ "@SUM", "'@SUM", "@SUM" },
		{ "@", "'@", "@" },
		{ "\tx", "'\tx", "\tx" },
		{ "\t1", "'\t1", "\t1" },
		{ "\rx", "\"'\rx\"", "\"\rx\"" },
		{ "=a,b", "\"'=a,b\"", "\"=a,b\"" },
		{ "=\"q\"", "\"'=\"\"q\"\"\"", "\"=\"\"q\"\"\"" },
		{ "12", "12", "12" },
		{ "1.5", "1.5", "1.5" },
		{ "a=b", "a=b", "a=b" },
		{ " =1", " =1", " =1" },
		{ "'=1", "'=1", "'=1" },
		{ "", "", "" },
	};
	/* clang-format on */
	char label[64];
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		(void)snprintf(label, sizeof(label), "guard on, case %zu", i);
		check_guard(label, cases[i].cell, 1, cases[i].guarded);
		(void)snprintf(label, sizeof(label), "guard off, case %zu", i);
		check_guard(label, cases[i].cell, 0, cases[i].unguarded);
	}
	/*
	 * A cell that starts with NUL: LibreOffice drops the NUL and runs
	 * what follows (OWASP ASVS 5, V1.2.10).
	 */
	{
		struct topt opt = { .format = REPORT_CSV, .formula_guard = 1 };

		check_name("NUL, then a formula", &opt, "\0=1+1", 5, CSV_HEAD,
		    "'\0=1+1", 6, CSV_TAIL);
		check_name(
		    "NUL alone", &opt, "\0", 1, CSV_HEAD, "'\0", 2, CSV_TAIL);
		check_name("NUL, then a number", &opt,
		    "\0"
		    "12",
		    3, CSV_HEAD,
		    "'\0"
		    "12",
		    4, CSV_TAIL);
		opt.formula_guard = 0;
		check_name("NUL, guard off", &opt, "\0=1", 3, CSV_HEAD, "\0=1",
		    3, CSV_TAIL);
	}
}

/* The csv quoting table, by position; see test_jsonl_positions(). */
static void
test_csv_positions(void **state)
{
	/* clang-format off */
	static const struct {
		char byte;
		int quoted;
	} cases[] = {
		{ ',', 1 }, { '"', 1 }, { '\r', 1 }, { '\n', 1 },
		/* Near misses: neighbours, and the same with the high bit. */
		{ '+', 0 }, { '-', 0 }, { '!', 0 }, { '#', 0 }, { '\t', 0 },
		{ '\x0b', 0 }, { '\x0c', 0 }, { '\x0e', 0 }, { '\0', 0 },
		{ (char)0xac, 0 }, { (char)0xa2, 0 }, { (char)0x8d, 0 },
		{ (char)0x8a, 0 }, { (char)0xff, 0 }, { ' ', 0 }, { ';', 0 },
	};
	/* clang-format on */
	struct topt opt = { .format = REPORT_CSV };
	char name[64], want[128], label[64];
	size_t i, pre, post, n, w, k;

	(void)state;
	for (i = 0; i < NELEM(cases); i++)
		for (pre = 0; pre < 18; pre++)
			for (post = 0; post < 18; post++) {
				n = 0;
				w = 0;
				if (cases[i].quoted)
					want[w++] = '"';
				for (k = 0; k < pre; k++) {
					name[n++] = 'a';
					want[w++] = 'a';
				}
				name[n++] = cases[i].byte;
				want[w++] = cases[i].byte;
				if (cases[i].byte == '"')
					want[w++] = '"';
				for (k = 0; k < post; k++) {
					name[n++] = 'b';
					want[w++] = 'b';
				}
				if (cases[i].quoted)
					want[w++] = '"';
				(void)snprintf(label, sizeof(label),
				    "csv case %zu, %zu before, %zu after", i,
				    pre, post);
				check_name(label, &opt, name, n, CSV_HEAD, want,
				    w, CSV_TAIL);
			}
}

/* Writes count copies of the n bytes at unit after *o in buf. */
static void
repeat(
    char *buf, size_t size, size_t *o, const char *unit, size_t n, size_t count)
{
	while (count-- > 0)
		append(buf, size, o, unit, n);
}

/*
 * Cells longer than the report's buffer (64 KiB) and than the piece it
 * escapes in one go (8 KiB), in every format: the long paths must write
 * what the short ones do, with sequences cut anywhere by the pieces.
 */
static void
test_long_cells(void **state)
{
	/* clang-format off */
	static const struct {
		enum tformat format;
		int guard;
		const char *pre;    /* the name: pre, then unit count times */
		const char *unit;
		size_t count;
		const char *want_pre; /* what the name becomes */
		const char *want_unit;
		const char *want_post;
	} cases[] = {
		{ REPORT_TEXT, 0, "", "ab\t", 30000, "", "ab\\x09", "" },
		{ REPORT_TEXT, 0, "", "x", 9000, "", "x", "" },
		{ REPORT_CSV, 0, "", "x", 20000, "", "x", "" },
		{ REPORT_CSV, 0, "", "x", 40000, "", "x", "" },
		{ REPORT_CSV, 0, "", "x", 70000, "", "x", "" },
		{ REPORT_CSV, 0, "\"", "x,", 20000, "\"\"\"", "x,", "\"" },
		{ REPORT_CSV, 0, "\"", "x,", 40000, "\"\"\"", "x,", "\"" },
		{ REPORT_CSV, 1, "=", "z", 70000, "'=", "z", "" },
		{ REPORT_CSV, 1, "=\n", "z", 70000, "\"'=\n", "z", "\"" },
		{ REPORT_CSV, 0, "-", "\"y", 35000, "\"-", "\"\"y", "\"" },
		{ REPORT_JSONL, 0, "\"a", "\xc3\xa9", 40000, "\"\\\"a",
		  "\xc3\xa9", "\"" },
		{ REPORT_JSONL, 0, "\"", "\xc3\xa9\xff", 30000, "\"\\\"",
		  "\xc3\xa9" FFFD, "\"" },
		{ REPORT_JSONL, 0, "a", "\xe2\x82\xac", 30000, "\"a",
		  "\xe2\x82\xac", "\"" },
		{ REPORT_JSONL, 0, "", "ab\xe2\x82", 30000, "\"",
		  "ab" FFFD, "\"" },
		{ REPORT_JSONL, 0, "", "\x01", 12000, "\"", "\\u0001", "\"" },
	};
	/* clang-format on */
	/* clang-format off */
	static const char *const heads[] = {
		[REPORT_TEXT] = RULES_LINE "f.csv:2  PASS    A1  ",
		[REPORT_CSV] = CSV_HEAD,
		[REPORT_JSONL] = J_START,
	};
	/* clang-format on */
	/* clang-format off */
	static const char *const tails[] = {
		[REPORT_TEXT] = "\n\nscreened 1 records: 1 PASS, 0 FAIL, 0 "
		    "REVIEW, 0 ERROR\n",
		[REPORT_CSV] = CSV_TAIL,
		[REPORT_JSONL] = "," J_PASS,
	};
	/* clang-format on */
	struct topt opt;
	size_t i, n, w, size, un, wn;
	char *name, *want, label[64];

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		un = strlen(cases[i].unit);
		wn = strlen(cases[i].want_unit);
		size = (un > wn ? un : wn) * cases[i].count + 64;
		name = malloc(size);
		want = malloc(size);
		assert_non_null(name);
		assert_non_null(want);
		n = 0;
		w = 0;
		append(name, size, &n, cases[i].pre, strlen(cases[i].pre));
		repeat(name, size, &n, cases[i].unit, un, cases[i].count);
		append(want, size, &w, cases[i].want_pre,
		    strlen(cases[i].want_pre));
		repeat(want, size, &w, cases[i].want_unit, wn, cases[i].count);
		append(want, size, &w, cases[i].want_post,
		    strlen(cases[i].want_post));
		memset(&opt, 0, sizeof(opt));
		opt.format = cases[i].format;
		opt.formula_guard = cases[i].guard;
		(void)snprintf(label, sizeof(label), "long cell, case %zu", i);
		check_name(label, &opt, name, n, heads[cases[i].format], want,
		    w, tails[cases[i].format]);
		free(name);
		free(want);
	}
}

/* clang-format off */
static const struct script_case jsonl_cases[] = {
	{ "jsonl: one of each verdict", { .format = REPORT_JSONL }, 0,
	  { F(H), R_PASS, R_FAIL, R_REVIEW, R_ERROR },
	  "{\"file\":\"f.csv\",\"line\":2,\"id\":\"A1\",\"name\":\"Jane Doe\","
	  J_PASS
	  "{\"file\":\"f.csv\",\"line\":3,\"id\":\"A2\",\"name\":\"John Roe\","
	  "\"status\":\"FAIL\",\"failed\":[\"citizen\",\"experience\"],"
	  "\"unknown\":[],\"reasons\":{\"citizen\":\"us_citizen: \\\"no\\\"\","
	  "\"experience\":\"experience 6.5 years, needs 8 (short 1.5)\"}}\n"
	  "{\"file\":\"f.csv\",\"line\":4,\"id\":\"A3\",\"name\":\"Ann Poe\","
	  "\"status\":\"REVIEW\",\"failed\":[],\"unknown\":[\"citizen\","
	  "\"english\"],\"reasons\":{\"citizen\":\"us_citizen: missing\","
	  "\"english\":\"english: invalid value \\\"maybe\\\"\"}}\n"
	  "{\"file\":\"f.csv\",\"line\":5,\"id\":\"A4\",\"name\":\"Bad\","
	  "\"status\":\"ERROR\",\"failed\":[],\"unknown\":[],\"reasons\":{},"
	  "\"error\":\"unterminated quoted field\"}\n" },
	{ "jsonl: no id or name; ERROR short of the name",
	  { .format = REPORT_JSONL }, 0,
	  { F("us_citizen|years|english"),
	    { STEP_ROW, "yes|9|no", NULL, 0 },
	    { STEP_FILE, "applicant_id|us_citizen|years|english|full_name",
	      "g.csv", 0 },
	    { STEP_BAD, "G1|yes", "wrong number of fields", 0 } },
	  "{\"file\":\"f.csv\",\"line\":2,\"status\":\"PASS\",\"failed\":"
	  "[\"english\"],\"unknown\":[],\"reasons\":{\"english\":\"english: "
	  "\\\"no\\\"\"}}\n"
	  "{\"file\":\"g.csv\",\"line\":2,\"id\":\"G1\",\"status\":\"ERROR\","
	  "\"failed\":[],\"unknown\":[],\"reasons\":{},\"error\":"
	  "\"wrong number of fields\"}\n" },
	{ "jsonl: file name, message and reasons escaped",
	  { .format = REPORT_JSONL }, 0,
	  { { STEP_FILE, H, "d\"i\\r\n.csv", 0 },
	    { STEP_ROW, "A1|J|\xff\"|9|yes", NULL, 0 },
	    { STEP_BAD, "A2", "bad \"x\"\t\xc3", 0 } },
	  "{\"file\":\"d\\\"i\\\\r\\n.csv\",\"line\":2,\"id\":\"A1\",\"name\":"
	  "\"J\",\"status\":\"REVIEW\",\"failed\":[],\"unknown\":"
	  "[\"citizen\"],\"reasons\":{\"citizen\":\"us_citizen: invalid value "
	  "\\\"\\\\xff\\\\\\\"\\\"\"}}\n"
	  "{\"file\":\"d\\\"i\\\\r\\n.csv\",\"line\":3,\"id\":\"A2\","
	  "\"status\":\"ERROR\",\"failed\":[],\"unknown\":[],\"reasons\":{},"
	  "\"error\":\"bad \\\"x\\\"\\t\xef\xbf\xbd\"}\n" },
	{ "jsonl: only PASS and REVIEW", { .format = REPORT_JSONL,
	    .only = (1u << VERDICT_PASS) | (1u << VERDICT_REVIEW) }, 0,
	  { F(H), R_PASS, R_FAIL, R_ERROR },
	  "{\"file\":\"f.csv\",\"line\":2,\"id\":\"A1\",\"name\":\"Jane Doe\","
	  J_PASS },
	{ "jsonl: colour and summary only do not apply",
	  { .format = REPORT_JSONL, .color = 1, .summary_only = 1 }, 0,
	  { F(H), R_PASS, { STEP_NOTE, NULL, NULL, 0 } },
	  "{\"file\":\"f.csv\",\"line\":2,\"id\":\"A1\",\"name\":\"Jane Doe\","
	  J_PASS },
};
/* clang-format on */

static void
test_jsonl(void **state)
{
	(void)state;
	run_cases(jsonl_cases, NELEM(jsonl_cases));
}

/*
 * JSON strings: escapes, and each maximal ill-formed UTF-8 subpart
 * becoming one U+FFFD (the expected strings agree with Python's
 * bytes.decode("utf-8", "replace")).
 */

static void
test_jsonl_escaping(void **state)
{
	/* clang-format off */
	static const struct {
		const char *cell;
		size_t len; /* 0: strlen(cell) */
		const char *want;
	} cases[] = {
		{ "plain", 0, "\"plain\"" },
		{ "", 0, "\"\"" },
		{ "a\"b", 0, "\"a\\\"b\"" },
		{ "a\\b", 0, "\"a\\\\b\"" },
		{ "\n\r\t\b\f", 0, "\"\\n\\r\\t\\b\\f\"" },
		{ "\x01\x1f", 0, "\"\\u0001\\u001f\"" },
		{ "a\0b", 3, "\"a\\u0000b\"" },
		{ "\x7f/", 0, "\"\x7f/\"" },
		{ "\xc3\xa9", 0, "\"\xc3\xa9\"" },                 /* U+00E9 */
		{ "\xc2\x80\xdf\xbf", 0, "\"\xc2\x80\xdf\xbf\"" },
		{ "\xe2\x82\xac", 0, "\"\xe2\x82\xac\"" },         /* U+20AC */
		{ "\xe0\xa0\x80\xef\xbf\xbf", 0,
		  "\"\xe0\xa0\x80\xef\xbf\xbf\"" },
		{ "\xed\x9f\xbf\xee\x80\x80", 0,
		  "\"\xed\x9f\xbf\xee\x80\x80\"" },               /* by D800 */
		{ "\xf0\x9f\x98\x80", 0, "\"\xf0\x9f\x98\x80\"" }, /* U+1F600 */
		{ "\xf4\x8f\xbf\xbf", 0, "\"\xf4\x8f\xbf\xbf\"" }, /* U+10FFFF */
		{ "\x80", 0, "\"" FFFD "\"" },           /* lone continuation */
		{ "\xbf\x80", 0, "\"" FFFD FFFD "\"" },
		{ "\xc0\x80", 0, "\"" FFFD FFFD "\"" },  /* overlong NUL */
		{ "\xc1\xbf", 0, "\"" FFFD FFFD "\"" },  /* overlong */
		{ "\xe0\x80\x80", 0, "\"" FFFD FFFD FFFD "\"" }, /* overlong */
		{ "\xe0\x9f\xbf", 0, "\"" FFFD FFFD FFFD "\"" },
		{ "\xf0\x80\x80\x80", 0, "\"" FFFD FFFD FFFD FFFD "\"" },
		{ "\xf0\x8f\xbf\xbf", 0, "\"" FFFD FFFD FFFD FFFD "\"" },
		{ "\xed\xa0\x80", 0, "\"" FFFD FFFD FFFD "\"" }, /* D800 */
		{ "\xed\xbf\xbf", 0, "\"" FFFD FFFD FFFD "\"" }, /* DFFF */
		{ "\xf4\x90\x80\x80", 0, "\"" FFFD FFFD FFFD FFFD "\"" },
		{ "\xf5\x80\x80\x80", 0, "\"" FFFD FFFD FFFD FFFD "\"" },
		{ "\xf8\x88\x80\x80\x80", 0,
		  "\"" FFFD FFFD FFFD FFFD FFFD "\"" },
		{ "\xfe\xff", 0, "\"" FFFD FFFD "\"" },
		{ "\xc3", 0, "\"" FFFD "\"" },            /* cut at the end */
		{ "\xe2\x82", 0, "\"" FFFD "\"" },
		{ "\xf0\x9f\x98", 0, "\"" FFFD "\"" },
		{ "\xc3" "A", 0, "\"" FFFD "A\"" },       /* cut by ASCII */
		{ "\xe2\x82" "A", 0, "\"" FFFD "A\"" },
		{ "\xf0\x9f\x98" "\xc3\xa9", 0, "\"" FFFD "\xc3\xa9\"" },
		{ "\xe2\x82\xe2\x82\xac", 0, "\"" FFFD "\xe2\x82\xac\"" },
		{ "a\xff" "b\"\xc3", 0, "\"a" FFFD "b\\\"" FFFD "\"" },
	};
	/* clang-format on */
	struct topt opt = { .format = REPORT_JSONL };
	char label[64];
	size_t i, n;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		n = cases[i].len > 0 ? cases[i].len : strlen(cases[i].cell);
		(void)snprintf(
		    label, sizeof(label), "json escaping, case %zu", i);
		check_name(label, &opt, cases[i].cell, n, J_START,
		    cases[i].want, strlen(cases[i].want), "," J_PASS);
	}
}

/*
 * Each byte or sequence of the table, between pre bytes of 'a' and post
 * bytes of 'b', for every pre and post from 0 to 17: the escaping must
 * not depend on where a special byte falls in a word.  want is what the
 * JSON string holds for the bytes.
 */
static void
test_jsonl_positions(void **state)
{
	/* clang-format off */
	static const struct {
		const char *bytes;
		const char *want;
	} cases[] = {
		{ "\"", "\\\"" },
		{ "\\", "\\\\" },
		{ "\n", "\\n" },
		{ "\x01", "\\u0001" },
		{ "\x1f", "\\u001f" },
		{ "\x7f", "\x7f" },
		{ " ", " " },
		{ "~", "~" },
		{ "\xc3\xa9", "\xc3\xa9" },
		{ "\xe2\x82\xac", "\xe2\x82\xac" },
		{ "\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80" },
		{ "\x80", FFFD },
		{ "\xff", FFFD },
		{ "\xc3", FFFD },
		{ "\xe2\x82", FFFD },
		{ "\xed\xa0\x80", FFFD FFFD FFFD },
	};
	/* clang-format on */
	struct topt opt = { .format = REPORT_JSONL };
	char name[64], want[128], label[64];
	size_t i, pre, post, n, w, k;

	(void)state;
	for (i = 0; i < NELEM(cases); i++)
		for (pre = 0; pre < 18; pre++)
			for (post = 0; post < 18; post++) {
				n = 0;
				w = 0;
				want[w++] = '"';
				for (k = 0; k < pre; k++) {
					name[n++] = 'a';
					want[w++] = 'a';
				}
				append(name, sizeof(name), &n, cases[i].bytes,
				    strlen(cases[i].bytes));
				append(want, sizeof(want), &w, cases[i].want,
				    strlen(cases[i].want));
				for (k = 0; k < post; k++) {
					name[n++] = 'b';
					want[w++] = 'b';
				}
				want[w++] = '"';
				(void)snprintf(label, sizeof(label),
				    "json case %zu, %zu before, %zu after", i,
				    pre, post);
				check_name(label, &opt, name, n, J_START, want,
				    w, "," J_PASS);
			}
}

/* clang-format off */
#define HE "applicant_id|us_citizen|years|english|expected_status|" \
    "expected_failed"
/* clang-format on */

/* clang-format off */
static const struct script_case expect_cases[] = {
	{ "expect: everything matches", { .format = REPORT_EXPECT }, 0,
	  { F(HE),
	    { STEP_ROW, "E1|yes|9|yes|PASS|", NULL, 0 },
	    { STEP_ROW, "E2|no|9|yes| fail\t|citizen", NULL, 0 },
	    { STEP_ROW, "E3|no|5|yes|Fail| experience ; citizen;citizen; ",
	      NULL, 0 },
	    { STEP_ROW, "E4|yes|9|no|pass|english", NULL, 0 },
	    { STEP_ROW, "E5|maybe|9|yes|review|  ", NULL, 0 },
	    { STEP_BAD, "E6|yes|9|yes|Error|", "unterminated quoted field",
	      0 } },
	  "expect: 6 records, 0 mismatches\n" },
	{ "expect: mismatches", { .format = REPORT_EXPECT }, 0,
	  { F(HE),
	    { STEP_ROW, "E1|yes|9|yes|FAIL|", NULL, 0 },
	    { STEP_ROW, "E2|no|9|yes|FAIL|experience", NULL, 0 },
	    { STEP_ROW, "E3|no|5|yes|FAIL|citizen", NULL, 0 },
	    { STEP_ROW, "E4|yes|9|yes|PASS|bogus", NULL, 0 },
	    { STEP_ROW, "E5|yes|9|no|PASS|english;bogus;english", NULL, 0 },
	    { STEP_ROW, "E6|yes|9|yes|maybe|", NULL, 0 },
	    { STEP_ROW, "E7|yes|9|yes| |citizen", NULL, 0 },
	    { STEP_ROW, "E8|no|9|yes|REVIEW|citizen", NULL, 0 },
	    { STEP_BAD, "E9|yes|9|yes|PASS|", "unterminated quoted field", 0 },
	    { STEP_BAD, "E10|yes|9|yes|ERROR|citizen", "bad\tquote", 0 },
	    { STEP_BAD, "E11|yes", "wrong number of fields", 0 },
	    { STEP_ROW, "E12|yes|9|yes|\"pass\xff\"|", NULL, 0 } },
	  "f.csv:2: expected FAIL, got PASS\n"
	  "f.csv:3: expected FAIL [experience], got FAIL [citizen]\n"
	  "f.csv:4: expected FAIL [citizen], got FAIL [citizen;experience]\n"
	  "f.csv:5: expected PASS [bogus], got PASS []\n"
	  "f.csv:6: expected PASS [english;bogus], got PASS [english]\n"
	  "f.csv:7: expected_status: invalid value \"maybe\"\n"
	  "f.csv:8: expected_status: missing\n"
	  "f.csv:9: expected REVIEW [citizen], got FAIL [citizen]\n"
	  "f.csv:10: expected PASS, got ERROR (unterminated quoted field)\n"
	  "f.csv:11: expected ERROR [citizen], got ERROR (bad\\x09quote) []\n"
	  "f.csv:12: expected_status: missing\n"
	  "f.csv:13: expected_status: invalid value \"\\\"pass\\xff\\\"\"\n"
	  "expect: 12 records, 12 mismatches\n" },
	{ "expect: no expected_failed column", { .format = REPORT_EXPECT }, 0,
	  { F("applicant_id|us_citizen|years|english|expected_status"),
	    { STEP_ROW, "E1|no|9|yes|FAIL", NULL, 0 },
	    { STEP_ROW, "E2|no|9|yes|PASS", NULL, 0 } },
	  "f.csv:3: expected PASS, got FAIL\n"
	  "expect: 2 records, 1 mismatches\n" },
	{ "expect: no expected_status column", { .format = REPORT_EXPECT }, 0,
	  { F(H), R_PASS, R_ERROR },
	  "f.csv:2: no expected_status column\n"
	  "f.csv:3: no expected_status column\n"
	  "expect: 2 records, 2 mismatches\n" },
	{ "expect: the only filter and colour do not apply",
	  { .format = REPORT_EXPECT, .only = 1u << VERDICT_PASS, .color = 1 },
	  0,
	  { F(HE), { STEP_ROW, "E1|no|9|yes|PASS|", NULL, 0 } },
	  "f.csv:2: expected PASS, got FAIL\n"
	  "expect: 1 records, 1 mismatches\n" },
};
/* clang-format on */

static void
test_expect(void **state)
{
	static const unsigned long mismatches[] = { 0, 12, 1, 2, 1 };
	struct result res;
	size_t i;

	(void)state;
	assert_int_equal(NELEM(mismatches), NELEM(expect_cases));
	for (i = 0; i < NELEM(expect_cases); i++) {
		run_script(&expect_cases[i].opt, mini_rules,
		    expect_cases[i].steps, &res);
		check_output(expect_cases[i].label, &res, expect_cases[i].want);
		assert_int_equal(res.mismatches, mismatches[i]);
		free(res.out);
	}
}

/*
 * An expected_failed cell of many distinct ids: the expect line lists the
 * first 64 and then "...", and a cell of 100,000 ids is read in linear
 * time (the comparison of every id with every earlier one made such a
 * cell take minutes).  Cases: {ids in the cell, ids listed}.
 */
static void
test_expect_many_ids(void **state)
{
	static const struct {
		size_t ids;
		size_t listed;
	} cases[] = { { 64, 64 }, { 65, 64 }, { 100000, 64 } };
	struct step steps[MAX_STEPS];
	struct result res;
	char *row, *want;
	size_t i, k, n, w;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		row = malloc(32 + cases[i].ids * 8);
		want = malloc(128 + cases[i].listed * 8);
		assert_non_null(row);
		assert_non_null(want);
		n = (size_t)sprintf(row, "E1|yes|9|yes|PASS|");
		w = (size_t)sprintf(want, "f.csv:2: expected PASS [");
		for (k = 0; k < cases[i].ids; k++) {
			n += (size_t)sprintf(
			    row + n, "%si%zu", k > 0 ? ";" : "", k);
			if (k < cases[i].listed)
				w += (size_t)sprintf(
				    want + w, "%si%zu", k > 0 ? ";" : "", k);
		}
		if (cases[i].ids > cases[i].listed)
			w += (size_t)sprintf(want + w, ";...");
		(void)sprintf(want + w,
		    "], got PASS []\nexpect: 1 records, 1 mismatches\n");
		memset(steps, 0, sizeof(steps));
		steps[0].kind = STEP_FILE;
		steps[0].text = HE;
		steps[0].arg = "f.csv";
		steps[1].kind = STEP_ROW;
		steps[1].text = row;
		steps[2].kind = STEP_END;
		run_script(&(struct topt){ .format = REPORT_EXPECT },
		    mini_rules, steps, &res);
		check_output("expect: many ids", &res, want);
		free(res.out);
		free(row);
		free(want);
	}
}

/* report_count(): every record, whatever the format and filter. */
static void
test_counts(void **state)
{
	/* clang-format off */
	static const struct step script[MAX_STEPS] = {
		F(H), R_PASS, R_FAIL, R_FAIL, R_REVIEW, R_ERROR, R_ERROR,
		R_ERROR, R_PASS, R_PASS, R_PASS, R_REVIEW
	};
	/* clang-format on */
	/* clang-format off */
	static const struct {
		struct topt opt;
		unsigned long counts[VERDICT_COUNT];
	} cases[] = {
		{ { .format = REPORT_TEXT }, { 4, 2, 2, 3 } },
		{ { .format = REPORT_TEXT, .summary_only = 1 }, { 4, 2, 2, 3 } },
		{ { .format = REPORT_TEXT, .only = 1u << VERDICT_PASS },
		  { 4, 2, 2, 3 } },
		{ { .format = REPORT_CSV, .only = 1u << VERDICT_ERROR },
		  { 4, 2, 2, 3 } },
		{ { .format = REPORT_JSONL, .only = 1u << VERDICT_FAIL },
		  { 4, 2, 2, 3 } },
		{ { .format = REPORT_EXPECT }, { 4, 2, 2, 3 } },
	};
	/* clang-format on */
	struct result res;
	size_t i;
	int v;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		run_script(&cases[i].opt, mini_rules, script, &res);
		for (v = 0; v < VERDICT_COUNT; v++)
			assert_int_equal(res.counts[v], cases[i].counts[v]);
		free(res.out);
	}
}

/*
 * Entries wait in the report's buffer until report_flush(), which hands
 * them all to the stream: nothing before it, everything after it, and a
 * second record's flush adds exactly that record's entry (the same as
 * the first's, as the records are the same).
 */
static void
test_flush(void **state)
{
	static const enum tformat cases[] = { REPORT_TEXT, REPORT_CSV,
		REPORT_JSONL };
	struct topt opt;
	struct field fields[MAX_FIELDS];
	struct report_columns cols = { 0, 1, HEADER_ABSENT, HEADER_ABSENT };
	struct finding findings[MAX_RULES];
	const size_t col[] = { 2, 3, 4 };
	struct rules *rules;
	struct report *rp;
	struct record hdr, rec;
	struct error err;
	enum verdict v;
	size_t i, k, len1, len2, n;
	char *out = NULL;
	size_t outlen = 0;
	FILE *fp;

	(void)state;
	rules = rules_parse(mini_rules, strlen(mini_rules), "mini.rules", &err);
	assert_non_null(rules);
	memset(&hdr, 0, sizeof(hdr));
	hdr.file = "f.csv";
	hdr.line = 1;
	hdr.is_header = 1;
	hdr.nfields = split(H, strlen(H), fields);
	hdr.fields = fields;
	rec = hdr;
	rec.is_header = 0;
	for (i = 0; i < NELEM(cases); i++) {
		memset(&opt, 0, sizeof(opt));
		opt.format = cases[i];
		fp = open_memstream(&out, &outlen);
		assert_non_null(fp);
		rp = new_report(fp, &opt, rules, 20454);
		assert_non_null(rp);
		assert_int_equal(report_file(rp, &hdr, &cols), 0);
		len1 = len2 = 0;
		for (k = 0; k < 2; k++) {
			rec.line = 2;
			v = rules_judge(rules, &rec, col, 20454, findings);
			assert_int_equal(
			    report_record(rp, &rec, col, v, findings), 0);
			assert_int_equal(fflush(fp), 0);
			assert_int_equal(outlen, len1);
			assert_int_equal(report_flush(rp), 0);
			assert_true(outlen > len1);
			assert_int_equal(out[outlen - 1], '\n');
			len2 = len1;
			len1 = outlen;
		}
		/* The second flush's bytes end the first flush's too. */
		n = len1 - len2;
		assert_true(n <= len2);
		assert_memory_equal(out + len2, out + len2 - n, n);
		assert_int_equal(report_finish(rp), 0);
		assert_true(outlen >= len1);
		report_free(rp);
		(void)fclose(fp);
		free(out);
		out = NULL;
	}
	rules_free(rules);
}

/* How the stream of a write-error case fails. */
enum failure {
	FAIL_SMALL_BUFFER, /* a 16-byte stdio buffer: fwrite() fails early */
	FAIL_AT_FLUSH, /* a large one: only the final fflush() fails */
	FAIL_BEFORE /* the stream had failed before the report */
};

/*
 * A write error (a full disk) is sticky: report_finish() returns -1,
 * and so does every call after it, in every format; a stream that had
 * failed before fails the first call.  Counting goes on regardless.
 */
static void
test_write_error(void **state)
{
	/* clang-format off */
	static const struct {
		enum tformat format;
		enum failure how;
	} cases[] = {
		{ REPORT_TEXT, FAIL_SMALL_BUFFER },
		{ REPORT_CSV, FAIL_SMALL_BUFFER },
		{ REPORT_JSONL, FAIL_SMALL_BUFFER },
		{ REPORT_EXPECT, FAIL_SMALL_BUFFER },
		{ REPORT_TEXT, FAIL_AT_FLUSH },
		{ REPORT_CSV, FAIL_AT_FLUSH },
		{ REPORT_JSONL, FAIL_AT_FLUSH },
		{ REPORT_EXPECT, FAIL_AT_FLUSH },
		{ REPORT_TEXT, FAIL_BEFORE },
		{ REPORT_CSV, FAIL_BEFORE },
		{ REPORT_JSONL, FAIL_BEFORE },
		{ REPORT_EXPECT, FAIL_BEFORE },
	};
	/* clang-format on */
	static char small[16], large[1 << 16];
	struct topt opt;
	struct field fields[MAX_FIELDS];
	struct report_columns cols = { 0, 1, HEADER_ABSENT, HEADER_ABSENT };
	struct finding findings[MAX_RULES];
	const size_t col[] = { 2, 3, 4 };
	struct rules *rules;
	struct report *rp;
	struct record hdr, rec;
	struct error err;
	enum verdict v = VERDICT_PASS;
	size_t i, k;
	int rc;
	FILE *fp;

	(void)state;
	rules = rules_parse(mini_rules, strlen(mini_rules), "mini.rules", &err);
	assert_non_null(rules);
	memset(&hdr, 0, sizeof(hdr));
	hdr.file = "f.csv";
	hdr.line = 1;
	hdr.is_header = 1;
	hdr.nfields = split(H, strlen(H), fields);
	hdr.fields = fields;
	for (i = 0; i < NELEM(cases); i++) {
		memset(&opt, 0, sizeof(opt));
		opt.format = cases[i].format;
		fp = fopen("/dev/full", "w");
		assert_non_null(fp);
		if (cases[i].how == FAIL_SMALL_BUFFER)
			rc = setvbuf(fp, small, _IOFBF, sizeof(small));
		else
			rc = setvbuf(fp, large, _IOFBF, sizeof(large));
		assert_int_equal(rc, 0);
		if (cases[i].how == FAIL_BEFORE) {
			assert_true(fputs("x", fp) >= 0);
			assert_int_not_equal(fflush(fp), 0);
		}
		rp = new_report(fp, &opt, rules, 20454);
		assert_non_null(rp);
		rc = report_file(rp, &hdr, &cols);
		if (cases[i].how != FAIL_SMALL_BUFFER)
			assert_int_equal(
			    rc, cases[i].how == FAIL_BEFORE ? -1 : 0);
		rec = hdr;
		rec.is_header = 0;
		for (k = 0; k < 3; k++) {
			rec.line = 2 + k;
			v = rules_judge(rules, &rec, col, 20454, findings);
			rc = report_record(rp, &rec, col, v, findings);
			if (cases[i].how != FAIL_SMALL_BUFFER)
				assert_int_equal(
				    rc, cases[i].how == FAIL_BEFORE ? -1 : 0);
		}
		assert_int_equal(report_finish(rp), -1);
		assert_int_equal(report_record(rp, &rec, col, v, findings), -1);
		(void)error_set(&err, "f.csv", 2, "x");
		assert_int_equal(report_error(rp, &rec, &err), -1);
		assert_int_equal(report_file(rp, &hdr, &cols), -1);
		assert_int_equal(report_finish(rp), -1);
		assert_int_equal(report_count(rp, v), 4);
		assert_int_equal(report_count(rp, VERDICT_ERROR), 1);
		report_free(rp);
		(void)fclose(fp);
	}
	report_free(NULL);
	rules_free(rules);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_csv_formula_guard),
		cmocka_unit_test(test_csv_positions),
		cmocka_unit_test(test_jsonl),
		cmocka_unit_test(test_jsonl_escaping),
		cmocka_unit_test(test_jsonl_positions),
		cmocka_unit_test(test_long_cells),
		cmocka_unit_test(test_expect),
		cmocka_unit_test(test_expect_many_ids),
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_write_error),
		cmocka_unit_test(test_flush),
	};

	return cmocka_run_group_tests_name("report", tests, NULL, NULL);
}
