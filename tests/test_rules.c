/*
 * test_rules.c - unit tests for the rules module: the rules-file parser
 * (every error message, with its line), judging the default set and
 * edited sets cell by cell (verdicts, outcomes and the exact reasons),
 * advisory criteria, column slots, and the --print-rules round trip.
 * Every test is a table of cases and one loop over it.
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
#include "rules.h"
#include "value.h"

#define MAX_CELLS 32
#define REASON_BUF 512

/* The kinds of test and group, as the parser's messages list them. */
#define TEST_LIST                                                              \
	"true, one-of, at-least, at-most, between, within, after, before, "    \
	"all-of, any-of or not"

/*
 * Reads the file at path (from the top of the tree, where make test
 * runs) into a NUL-terminated buffer; the caller frees it.
 */
static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (f == NULL)
		fail_msg("cannot open %s", path);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n > 0);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* ---- The parser. ---- */

struct parse_case {
	const char *text;
	size_t len; /* 0: strlen(text) */
	unsigned long line; /* the error's line; unused on success */
	const char *msg; /* the error's message, or NULL for success */
	size_t count; /* on success: the number of rules */
	const char *desc; /* on success, unless NULL: the last description */
};

/* clang-format off */
static const struct parse_case parse_cases[] = {
	/* Success. */
	{ "name t\nrule a required true c \"d\"\n", 0, 0, NULL, 1, "d" },
	{ "name t\r\nrule a required true c \"d\"\r\n", 0, 0, NULL, 1, "d" },
	{ "name t\nrule a required true c \"d\"", 0, 0, NULL, 1, "d" },
	{ "name t\nrule a required true c \"d\"\r", 0, 0, NULL, 1, "d" },
	{ "# c\n\n \t\n\t# x\nname t\n  rule\ta\trequired\ttrue\tc\t\"d\"  \t\n"
	  "# end\n", 0, 0, NULL, 1, "d" },
	{ "name t\nrule a required true c \"say \\\"hi\\\" \\\\ ok\"\n", 0, 0,
	  NULL, 1, "say \"hi\" \\ ok" },
	{ "name t\nrule a required true c \"a # b\"\n", 0, 0, NULL, 1,
	  "a # b" },
	{ "name t\nrule a required true c \"d\"\n"
	  "rule A advisory true c \"e\"\n", 0, 0, NULL, 2, "e" },
	{ "name t\nrule a_1B required at-least 0 c \"d\"\n"
	  "rule b advisory at-least 7.5 c not-above e \"f\"\n"
	  "rule c required at-least 999999999.999999999 c \"g\"\n"
	  "rule d required at-least 08 c \"h\"\n"
	  "rule e required within 0 s d \"i\"\n"
	  "rule f required within 9 s d \"j k\"\n", 0, 0, NULL, 6, "j k" },
	{ "name t\nrule a required true c \"\xc3\xa9t\xc3\xa9\"\n", 0, 0,
	  NULL, 1, "\xc3\xa9t\xc3\xa9" },

	/* Directives. */
	{ "name t\nfoo bar\n", 0, 2, "unknown directive \"foo\"", 0, NULL },
	{ "name t\nRule a required true c \"d\"\n", 0, 2,
	  "unknown directive \"Rule\"", 0, NULL },
	{ "name t\n\"rule\" a\n", 0, 2, "unknown directive \"\\\"rule\\\"\"", 0,
	  NULL },
	{ "name t\nfoo\x01\n", 0, 2, "unknown directive \"foo\\x01\"", 0,
	  NULL },
	{ "name t\n"
	  "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnop"
	  "\n", 0, 2, "unknown directive "
	  "\"abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefgh\"...",
	  0, NULL },
	{ "name t\r\n\r\nbad\r\n", 0, 3, "unknown directive \"bad\"", 0, NULL },

	/* A UTF-8 byte order mark; lines ended by CR alone. */
	{ "\xef\xbb\xbfname t\nrule a required true c \"d\"\n", 0, 0, NULL, 1,
	  "d" },
	{ "\xef\xbb\xbf# set\r\nname t\r\nrule a required true c \"d\"\r\n", 0,
	  0, NULL, 1, "d" },
	{ "# set\rname t\rrule a required true c \"d\"\r"
	  "rule b required true e \"f\"\r", 0, 0, NULL, 2, "f" },
	{ "name t\r\rbad\r", 0, 3, "unknown directive \"bad\"", 0, NULL },
	{ "\xef\xbb\xbfname t\r\r\nrule a required true c \"d\"\rbad", 0, 4,
	  "unknown directive \"bad\"", 0, NULL },
	{ "name t\nrule a required true c \"d\"\r\rrule a advisory true c "
	  "\"e\"\r", 0, 4, "duplicate rule id \"a\" (first on line 2)", 0,
	  NULL },
	/* Only at the very start is a mark a mark. */
	{ "name t\n\xef\xbb\xbfrule a required true c \"d\"\n", 0, 2,
	  "unknown directive \"\xef\xbb\xbfrule\"", 0, NULL },

	/* name. */
	{ "name t\nname u\nrule a required true c \"d\"\n", 0, 2,
	  "\"name\" given twice", 0, NULL },
	{ "name t\nrule a required true c \"d\"\nname u\n", 0, 3,
	  "\"name\" given twice", 0, NULL },
	{ "rule a required true c \"d\"\nname t\n", 0, 1,
	  "\"name\" must come before the first rule", 0, NULL },
	{ "# set\nrule a required true c \"d\"\n", 0, 2,
	  "\"name\" must come before the first rule", 0, NULL },
	/* What the end of the file lacks is reported at its last line. */
	{ "", 0, 1, "missing \"name\"", 0, NULL },
	{ "# nothing\n\n", 0, 2, "missing \"name\"", 0, NULL },
	{ "name\nrule a required true c \"d\"\n", 0, 1, "missing set name", 0,
	  NULL },
	{ "name a b\nrule a required true c \"d\"\n", 0, 1,
	  "unexpected \"b\" after the name", 0, NULL },
	{ "name t\n", 0, 1, "no rules", 0, NULL },
	{ "name t\n# only a comment\n", 0, 2, "no rules", 0, NULL },

	/* NUL bytes. */
	{ "name t\nrule a\0 required true c \"d\"\n", 35, 2,
	  "NUL byte in rules file", 0, NULL },
	{ "# a\0b\nname t\nrule a required true c \"d\"\n", 40, 1,
	  "NUL byte in rules file", 0, NULL },
	{ "name t\nrule a required true c \"d\"\n\0", 35, 3,
	  "NUL byte in rules file", 0, NULL },

	/* Ids. */
	{ "name t\nrule\n", 0, 2, "missing rule id", 0, NULL },
	{ "name t\nrule \"d\"\n", 0, 2, "missing rule id", 0, NULL },
	{ "name t\nrule 9x required true c \"d\"\n", 0, 2, "bad rule id \"9x\"",
	  0, NULL },
	{ "name t\nrule _a required true c \"d\"\n", 0, 2, "bad rule id \"_a\"",
	  0, NULL },
	{ "name t\nrule a-b required true c \"d\"\n", 0, 2,
	  "bad rule id \"a-b\"", 0, NULL },
	{ "name t\nrule a required true c \"d\"\n\n"
	  "rule a advisory true e \"f\"\n", 0, 4,
	  "duplicate rule id \"a\" (first on line 2)", 0, NULL },
	{ "name t\nrule citizenship required true c \"d\"\n"
	  "rule b required true c \"d\"\nrule citizenship x\n", 0, 4,
	  "duplicate rule id \"citizenship\" (first on line 2)", 0, NULL },

	/* Levels and tests. */
	{ "name t\nrule a\n", 0, 2,
	  "missing level (expected required or advisory)", 0, NULL },
	{ "name t\nrule a mandatory true c \"d\"\n", 0, 2,
	  "unknown level \"mandatory\" (expected required or advisory)", 0,
	  NULL },
	{ "name t\nrule a Required true c \"d\"\n", 0, 2,
	  "unknown level \"Required\" (expected required or advisory)", 0,
	  NULL },
	{ "name t\nrule a required\n", 0, 2,
	  "missing test (expected " TEST_LIST ")", 0, NULL },
	{ "name t\nrule a required \"d\"\n", 0, 2,
	  "missing test (expected " TEST_LIST ")", 0, NULL },
	{ "name t\nrule a required x c \"d\"\n", 0, 2,
	  "unknown test \"x\" (expected " TEST_LIST ")", 0, NULL },
	{ "name t\nrule a required at_least 8 c \"d\"\n", 0, 2,
	  "unknown test \"at_least\" (expected " TEST_LIST ")", 0,
	  NULL },

	/* Numbers. */
	{ "name t\nrule a required at-least\n", 0, 2,
	  "missing number after \"at-least\"", 0, NULL },
	{ "name t\nrule a required within \"d\"\n", 0, 2,
	  "missing number after \"within\"", 0, NULL },
	{ "name t\nrule a required at-least 8x c \"d\"\n", 0, 2,
	  "bad number \"8x\"", 0, NULL },
	{ "name t\nrule a required at-least -3 c \"d\"\n", 0, 2,
	  "bad number \"-3\"", 0, NULL },
	{ "name t\nrule a required at-least +3 c \"d\"\n", 0, 2,
	  "bad number \"+3\"", 0, NULL },
	{ "name t\nrule a required at-least .5 c \"d\"\n", 0, 2,
	  "bad number \".5\"", 0, NULL },
	{ "name t\nrule a required at-least 5. c \"d\"\n", 0, 2,
	  "bad number \"5.\"", 0, NULL },
	{ "name t\nrule a required at-least 7,5 c \"d\"\n", 0, 2,
	  "bad number \"7,5\"", 0, NULL },
	{ "name t\nrule a required at-least 1e1 c \"d\"\n", 0, 2,
	  "bad number \"1e1\"", 0, NULL },
	{ "name t\nrule a required at-least 1.2.3 c \"d\"\n", 0, 2,
	  "bad number \"1.2.3\"", 0, NULL },
	{ "name t\nrule a required at-least 8.0000000001 c \"d\"\n", 0, 2,
	  "too many digits after the point in \"8.0000000001\" (at most 9)", 0,
	  NULL },
	{ "name t\nrule a required at-least 8.0000000000 c \"d\"\n", 0, 2,
	  "too many digits after the point in \"8.0000000000\" (at most 9)", 0,
	  NULL },
	{ "name t\nrule a required at-least 1000000000 c \"d\"\n", 0, 2,
	  "number too large \"1000000000\" (at most 999999999.999999999)", 0,
	  NULL },
	{ "name t\nrule a required within 9.5 s d \"d\"\n", 0, 2,
	  "\"within\" takes a whole number of years or months", 0, NULL },
	{ "name t\nrule a required within 9.0 s d \"d\"\n", 0, 2,
	  "\"within\" takes a whole number of years or months", 0, NULL },
	{ "name t\nrule a required within 9x s d \"d\"\n", 0, 2,
	  "bad number \"9x\"", 0, NULL },

	/* Columns. */
	{ "name t\nrule a required true \"d\"\n", 0, 2, "missing column name",
	  0, NULL },
	{ "name t\nrule a required true\n", 0, 2, "missing column name", 0,
	  NULL },
	{ "name t\nrule a required at-least 8 \"d\"\n", 0, 2,
	  "missing column name", 0, NULL },
	{ "name t\nrule a required at-least 8 c not-above \"d\"\n", 0, 2,
	  "missing column name", 0, NULL },
	{ "name t\nrule a required within 9 s \"d\"\n", 0, 2,
	  "missing unit: \"within N DATE-COLUMN\" needs years or months "
	  "after N", 0, NULL },
	{ "name t\nrule a required within 9 years \"d\"\n", 0, 2,
	  "missing column name", 0, NULL },
	{ "name t\nrule a required true --- \"d\"\n", 0, 2,
	  "bad column name \"---\" (no letter or digit)", 0, NULL },
	{ "name t\nrule a required within 9 s _ \"d\"\n", 0, 2,
	  "bad column name \"_\" (no letter or digit)", 0, NULL },
	{ "name t\nrule a required true c d \"x\"\n", 0, 2,
	  "unexpected \"d\" before the description", 0, NULL },
	{ "name t\nrule a required at-least 8 c above d \"x\"\n", 0, 2,
	  "unexpected \"above\" before the description", 0, NULL },
	{ "name t\nrule a required at-least 8 c not-above d not-above e "
	  "\"x\"\n", 0, 2, "unexpected \"not-above\" before the description", 0,
	  NULL },
	{ "name t\nrule a required within 9 s d e \"x\"\n", 0, 2,
	  "unexpected \"e\" before the description", 0, NULL },

	/* Descriptions. */
	{ "name t\nrule a required true c\n", 0, 2, "missing description", 0,
	  NULL },
	{ "name t\nrule a required true c\"d\"\n", 0, 2, "missing description",
	  0, NULL },
	{ "name t\nrule a required true c  \t\r\n", 0, 2, "missing description",
	  0, NULL },
	{ "name t\nrule a required true c \"d\n", 0, 2,
	  "unterminated description", 0, NULL },
	{ "name t\nrule a required true c \"d\\\"\n", 0, 2,
	  "unterminated description", 0, NULL },
	{ "name t\nrule a required true c \"d\\", 0, 2,
	  "unterminated description", 0, NULL },
	{ "name t\nrule a required true c \"d\\n\"\n", 0, 2,
	  "bad escape \"\\\\n\" in the description (only \\\" and \\\\)", 0,
	  NULL },
	{ "name t\nrule a required true c \"\"\n", 0, 2, "empty description", 0,
	  NULL },
	{ "name t\nrule a required true c \"d\" foo\n", 0, 2,
	  "unexpected \"foo\" after the description", 0, NULL },
	{ "name t\nrule a required true c \"d\" # note\n", 0, 2,
	  "unexpected \"#\" after the description", 0, NULL },
	{ "name t\nrule a required true c \"d\"\"e\"\n", 0, 2,
	  "unexpected \"\\\"e\\\"\" after the description", 0, NULL },
};
/* clang-format on */

static void
test_parse(void **state)
{
	struct error err;
	struct rules *r;
	const struct parse_case *pc;
	size_t i, len;

	(void)state;
	for (i = 0; i < sizeof(parse_cases) / sizeof(parse_cases[0]); i++) {
		pc = &parse_cases[i];
		len = pc->len != 0 ? pc->len : strlen(pc->text);
		memset(&err, 0, sizeof(err));
		err.line = 12345;
		r = rules_parse(pc->text, len, "t.rules", &err);
		if (pc->msg == NULL) {
			if (r == NULL)
				fail_msg("case %zu: unexpected error %lu: %s",
				    i, err.line, err.msg);
			assert_int_equal(rules_count(r), pc->count);
			assert_string_equal(rules_name(r), "t");
			if (pc->desc != NULL)
				assert_string_equal(
				    rules_description(r, pc->count - 1),
				    pc->desc);
			rules_free(r);
			continue;
		}
		if (r != NULL)
			fail_msg(
			    "case %zu: parsed, expected \"%s\"", i, pc->msg);
		if (strcmp(err.msg, pc->msg) != 0 || err.line != pc->line)
			fail_msg("case %zu: got %lu: %s; expected %lu: %s", i,
			    err.line, err.msg, pc->line, pc->msg);
		assert_non_null(err.file);
		assert_string_equal(err.file, "t.rules");
	}
}

/* A NULL err is allowed: the parse still fails, silently. */
static void
test_parse_null_err(void **state)
{
	static const char *const texts[] = {
		"",
		"name t\n",
		"name t\nrule 9 required true c \"d\"\n",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		assert_null(rules_parse(texts[i], strlen(texts[i]), "x", NULL));
}

/* ---- Records built by hand. ---- */

struct fixture {
	struct field fields[MAX_CELLS];
	struct record rec;
	size_t col[MAX_CELLS];
};

/*
 * Splits cells at each ',' into fx's fields (views into cells, which must
 * outlive fx's use) and sets col[k] = k.
 */
static void
make_record(struct fixture *fx, const char *cells)
{
	const char *p = cells, *comma;
	size_t n = 0;

	for (;;) {
		assert_true(n < MAX_CELLS);
		comma = strchr(p, ',');
		fx->fields[n].ptr = p;
		fx->fields[n].len =
		    comma == NULL ? strlen(p) : (size_t)(comma - p);
		n++;
		if (comma == NULL)
			break;
		p = comma + 1;
	}
	memset(&fx->rec, 0, sizeof(fx->rec));
	fx->rec.file = "t.csv";
	fx->rec.line = 2;
	fx->rec.nfields = n;
	fx->rec.fields = fx->fields;
	for (n = 0; n < MAX_CELLS; n++)
		fx->col[n] = n;
}

static char
outcome_letter(enum outcome o)
{
	switch (o) {
	case OUTCOME_PASS:
		return 'P';
	case OUTCOME_FAIL:
		return 'F';
	case OUTCOME_UNKNOWN:
		return 'U';
	case OUTCOME_NOT_APPLICABLE:
		return 'N';
	}
	return '?';
}

/* ---- Judging. ---- */

struct expect_reason {
	const char *id;
	const char *reason;
};

struct judge_case {
	/* The cells, comma-separated, in rules_columns() order. */
	const char *cells;
	const char *asof;
	enum verdict verdict;
	/* P, F or U per criterion, in rule order. */
	const char *outcomes;
	struct expect_reason reasons[2];
};

/*
 * Judges every case of a table against r, checking the verdict, each
 * outcome, that a passing criterion has no reason and any other has one,
 * and the reasons named.
 */
static void
run_judge_table(const struct rules *r, const struct judge_case *cases,
    size_t ncases, const char *table)
{
	struct fixture fx;
	struct finding found[MAX_CELLS];
	char got[MAX_CELLS + 1], reason[REASON_BUF];
	const struct judge_case *jc;
	enum verdict v;
	int32_t asof;
	size_t i, k, nc, ncols, len, idx;

	nc = rules_count(r);
	assert_true(nc <= MAX_CELLS);
	(void)rules_columns(r, &ncols);
	for (i = 0; i < ncases; i++) {
		jc = &cases[i];
		make_record(&fx, jc->cells);
		if (fx.rec.nfields != ncols)
			fail_msg(
			    "%s case %zu: %zu cells, the set has %zu columns",
			    table, i, fx.rec.nfields, ncols);
		assert_int_equal(value_parse_iso(jc->asof, &asof), 0);
		memset(found, 0xa5, sizeof(found));
		v = rules_judge(r, &fx.rec, fx.col, asof, found);
		for (k = 0; k < nc; k++)
			got[k] = outcome_letter(found[k].outcome);
		got[nc] = '\0';
		if (v != jc->verdict || strcmp(got, jc->outcomes) != 0)
			fail_msg("%s case %zu (%s): got %s %s, expected %s %s",
			    table, i, jc->cells, verdict_name(v), got,
			    verdict_name(jc->verdict), jc->outcomes);
		for (k = 0; k < nc; k++) {
			len = rules_reason(r, k, &found[k], &fx.rec, fx.col,
			    asof, reason, sizeof(reason));
			assert_int_equal(len, strlen(reason));
			if ((found[k].outcome == OUTCOME_PASS) != (len == 0))
				fail_msg("%s case %zu: %s: %c, reason \"%s\"",
				    table, i, rules_id(r, k), got[k], reason);
		}
		for (k = 0; k < 2; k++) {
			if (jc->reasons[k].id == NULL)
				continue;
			idx = rules_find(r, jc->reasons[k].id);
			if (idx == (size_t)-1)
				fail_msg("%s case %zu: no criterion %s", table,
				    i, jc->reasons[k].id);
			(void)rules_reason(r, idx, &found[idx], &fx.rec, fx.col,
			    asof, reason, sizeof(reason));
			if (strcmp(reason, jc->reasons[k].reason) != 0)
				fail_msg("%s case %zu: %s: \"%s\", not \"%s\"",
				    table, i, jc->reasons[k].id, reason,
				    jc->reasons[k].reason);
		}
	}
}

/*
 * The default set's columns, in order: us_citizen,
 * total_experience_years, sworn_experience_years, full_service_department,
 * employment_status, separation_date, english_proficient,
 * weapon_qualified, manual_transmission, background_clear,
 * passport_valid, physical_test, agility_test.  Its criteria: citizenship
 * total_experience sworn_experience full_service_department
 * service_recency english weapon manual_transmission background passport
 * physical_test agility_test.
 */
/* clang-format off */
static const struct judge_case default_cases[] = {
	/* Every true word, every active word, case and blanks. */
	{ "yes,10,6,yes,active,,yes,yes,yes,yes,yes,yes,yes", "2026-11-22",
	  VERDICT_PASS, "PPPPPPPPPPPP", { { "citizenship", "" } } },
	{ "y,10,6,true,serving,,t,1,x,pass,passed,YES,Yes", "2026-11-22",
	  VERDICT_PASS, "PPPPPPPPPPPP", { { NULL, NULL } } },
	{ " True ,10,6,\tyes ,Employed,,TRUE,X,Pass,PASSED,Y,T,yEs",
	  "2026-11-22", VERDICT_PASS, "PPPPPPPPPPPP", { { NULL, NULL } } },
	{ "yes,10,6,yes,CURRENT,garbage,yes,yes,yes,yes,yes,yes,yes",
	  "2026-11-22", VERDICT_PASS, "PPPPPPPPPPPP",
	  { { "service_recency", "" } } },
	{ "yes,10,6,yes,active,2099-01-01,yes,yes,yes,yes,yes,yes,yes",
	  "2026-11-22", VERDICT_PASS, "PPPPPPPPPPPP", { { NULL, NULL } } },

	/* Every false word. */
	{ "no,10,6,n,active,,false,f,0,fail,failed,NO,No", "2026-11-22",
	  VERDICT_FAIL, "FPPFPFFFFFFF",
	  { { "citizenship", "us_citizen: \"no\"" },
	    { "agility_test", "agility_test: \"No\"" } } },
	{ "yes,10,6,N,active,,yes,yes,yes,yes, No ,yes,yes", "2026-11-22",
	  VERDICT_FAIL, "PPPFPPPPPFPP",
	  { { "passport", "passport_valid: \"No\"" },
	    { "full_service_department", "full_service_department: \"N\"" } } },
	{ "yes,10,6,yes,active,,FALSE,F,yes,FAILED,yes,Fail,yes", "2026-11-22",
	  VERDICT_FAIL, "PPPPPFFPFPFP",
	  { { "weapon", "weapon_qualified: \"F\"" },
	    { "background", "background_clear: \"FAILED\"" } } },

	/* Separation: every separated word, the 9-year boundary. */
	{ "yes,10,6,yes,retired,2017-11-22,yes,yes,yes,yes,yes,yes,yes",
	  "2026-11-22", VERDICT_PASS, "PPPPPPPPPPPP",
	  { { "service_recency", "" } } },
	{ "yes,10,6,yes,separated,2017-11-21,yes,yes,yes,yes,yes,yes,yes",
	  "2026-11-22", VERDICT_FAIL, "PPPPFPPPPPPP",
	  { { "service_recency", "separated 2017-11-21, before 2017-11-22 "
	      "(9 years before 2026-11-22)" } } },
	{ "yes,10,6,yes,resigned,2017-11-23,yes,yes,yes,yes,yes,yes,yes",
	  "2026-11-22", VERDICT_PASS, "PPPPPPPPPPPP", { { NULL, NULL } } },
	{ "yes,10,6,yes,Former,11/22/2017,yes,yes,yes,yes,yes,yes,yes",
	  "2026-11-22", VERDICT_PASS, "PPPPPPPPPPPP", { { NULL, NULL } } },
	{ "yes,10,6,yes,former, 11/21/17 ,yes,yes,yes,yes,yes,yes,yes",
	  "2026-11-22", VERDICT_FAIL, "PPPPFPPPPPPP",
	  { { "service_recency", "separated 2017-11-21, before 2017-11-22 "
	      "(9 years before 2026-11-22)" } } },
	{ "yes,10,6,yes,separated,2016-03-02,yes,yes,yes,yes,yes,yes,yes",
	  "2026-11-22", VERDICT_FAIL, "PPPPFPPPPPPP",
	  { { "service_recency", "separated 2016-03-02, before 2017-11-22 "
	      "(9 years before 2026-11-22)" } } },
	{ "yes,10,6,yes,Separated,2015-02-28,yes,yes,yes,yes,yes,yes,yes",
	  "2024-02-29", VERDICT_PASS, "PPPPPPPPPPPP", { { NULL, NULL } } },
	{ "yes,10,6,yes,separated,2015-02-27,yes,yes,yes,yes,yes,yes,yes",
	  "2024-02-29", VERDICT_FAIL, "PPPPFPPPPPPP",
	  { { "service_recency", "separated 2015-02-27, before 2015-02-28 "
	      "(9 years before 2024-02-29)" } } },
	{ "yes,10,6,yes,separated,2026-11-22,yes,yes,yes,yes,yes,yes,yes",
	  "2026-11-22", VERDICT_PASS, "PPPPPPPPPPPP", { { NULL, NULL } } },

	/* Separation dates that are not usable. */
	{ "yes,10,6,yes,separated,2027-01-01,yes,yes,yes,yes,yes,yes,yes",
	  "2026-11-22", VERDICT_REVIEW, "PPPPUPPPPPPP",
	  { { "service_recency", "separation_date: invalid value "
	      "\"2027-01-01\" (after 2026-11-22)" } } },
	{ "yes,10,6,yes,separated,2026-11-23,yes,yes,yes,yes,yes,yes,yes",
	  "2026-11-22", VERDICT_REVIEW, "PPPPUPPPPPPP",
	  { { "service_recency", "separation_date: invalid value "
	      "\"2026-11-23\" (after 2026-11-22)" } } },
	{ "yes,10,6,yes,separated,2/30/2020,yes,yes,yes,yes,yes,yes,yes",
	  "2026-11-22", VERDICT_REVIEW, "PPPPUPPPPPPP",
	  { { "service_recency",
	      "separation_date: invalid value \"2/30/2020\"" } } },
	{ "yes,10,6,yes,separated,1899-12-31,yes,yes,yes,yes,yes,yes,yes",
	  "2026-11-22", VERDICT_REVIEW, "PPPPUPPPPPPP",
	  { { "service_recency",
	      "separation_date: invalid value \"1899-12-31\"" } } },
	{ "yes,10,6,yes,separated, ,yes,yes,yes,yes,yes,yes,yes",
	  "2026-11-22", VERDICT_REVIEW, "PPPPUPPPPPPP",
	  { { "service_recency", "separation_date: missing" } } },
	{ "yes,10,6,yes,,2020-01-01,yes,yes,yes,yes,yes,yes,yes",
	  "2026-11-22", VERDICT_REVIEW, "PPPPUPPPPPPP",
	  { { "service_recency", "employment_status: missing" } } },
	{ "yes,10,6,yes,on leave,2020-01-01,yes,yes,yes,yes,yes,yes,yes",
	  "2026-11-22", VERDICT_REVIEW, "PPPPUPPPPPPP",
	  { { "service_recency",
	      "employment_status: invalid value \"on leave\"" } } },

	/* Total experience: 8 years. */
	{ "yes,7.99,6,yes,active,,yes,yes,yes,yes,yes,yes,yes", "2026-11-22",
	  VERDICT_FAIL, "PFPPPPPPPPPP",
	  { { "total_experience",
	      "total experience 7.99 years, needs 8 (short 0.01)" } } },
	{ "yes,8,6,yes,active,,yes,yes,yes,yes,yes,yes,yes", "2026-11-22",
	  VERDICT_PASS, "PPPPPPPPPPPP", { { NULL, NULL } } },
	{ "yes,8.0,6,yes,active,,yes,yes,yes,yes,yes,yes,yes", "2026-11-22",
	  VERDICT_PASS, "PPPPPPPPPPPP", { { NULL, NULL } } },
	{ "yes, 08.000 ,6,yes,active,,yes,yes,yes,yes,yes,yes,yes",
	  "2026-11-22", VERDICT_PASS, "PPPPPPPPPPPP", { { NULL, NULL } } },
	{ "yes,6.5,5,yes,active,,yes,yes,yes,yes,yes,yes,yes", "2026-11-22",
	  VERDICT_FAIL, "PFPPPPPPPPPP",
	  { { "total_experience",
	      "total experience 6.5 years, needs 8 (short 1.5)" } } },
	{ "yes,7.9999999999,5,yes,active,,yes,yes,yes,yes,yes,yes,yes",
	  "2026-11-22", VERDICT_FAIL, "PFPPPPPPPPPP",
	  { { "total_experience", "total experience 7.9999999999 years, "
	      "needs 8 (short 0.0000000001)" } } },
	{ "yes,99999999999,5,yes,active,,yes,yes,yes,yes,yes,yes,yes",
	  "2026-11-22", VERDICT_PASS, "PPPPPPPPPPPP", { { NULL, NULL } } },
	{ "yes,ten,5,yes,active,,yes,yes,yes,yes,yes,yes,yes", "2026-11-22",
	  VERDICT_REVIEW, "PUPPPPPPPPPP",
	  { { "total_experience",
	      "total_experience_years: invalid value \"ten\"" },
	    { "sworn_experience", "" } } },

	/* Sworn experience: 5 years, not above the total. */
	{ "yes,10,4.99,yes,active,,yes,yes,yes,yes,yes,yes,yes", "2026-11-22",
	  VERDICT_FAIL, "PPFPPPPPPPPP",
	  { { "sworn_experience",
	      "sworn experience 4.99 years, needs 5 (short 0.01)" } } },
	{ "yes,10,5,yes,active,,yes,yes,yes,yes,yes,yes,yes", "2026-11-22",
	  VERDICT_PASS, "PPPPPPPPPPPP", { { NULL, NULL } } },
	{ "yes,10,10,yes,active,,yes,yes,yes,yes,yes,yes,yes", "2026-11-22",
	  VERDICT_PASS, "PPPPPPPPPPPP", { { NULL, NULL } } },
	{ "yes,10,12,yes,active,,yes,yes,yes,yes,yes,yes,yes", "2026-11-22",
	  VERDICT_REVIEW, "PPUPPPPPPPPP",
	  { { "sworn_experience", "sworn_experience_years 12 years is more "
	      "than total_experience_years 10 years" },
	    { "total_experience", "" } } },
	{ "yes,10,10.5,yes,active,,yes,yes,yes,yes,yes,yes,yes", "2026-11-22",
	  VERDICT_REVIEW, "PPUPPPPPPPPP",
	  { { "sworn_experience", "sworn_experience_years 10.5 years is more "
	      "than total_experience_years 10 years" } } },
	/* Exact at any precision: past the ninth digit, past 10^9. */
	{ "yes,10,10.0000000001,yes,active,,yes,yes,yes,yes,yes,yes,yes",
	  "2026-11-22", VERDICT_REVIEW, "PPUPPPPPPPPP",
	  { { "sworn_experience", "sworn_experience_years 10.0000000001 "
	      "years is more than total_experience_years 10 years" } } },
	{ "yes,1000000000,1000000001,yes,active,,yes,yes,yes,yes,yes,yes,yes",
	  "2026-11-22", VERDICT_REVIEW, "PPUPPPPPPPPP",
	  { { "sworn_experience", "sworn_experience_years 1000000001 "
	      "years is more than total_experience_years 1000000000 "
	      "years" } } },
	{ "yes,10,9.99999999999999999999,yes,active,,yes,yes,yes,yes,yes,yes,"
	  "yes", "2026-11-22", VERDICT_PASS, "PPPPPPPPPPPP",
	  { { NULL, NULL } } },
	{ "yes,3,4,yes,active,,yes,yes,yes,yes,yes,yes,yes", "2026-11-22",
	  VERDICT_FAIL, "PFUPPPPPPPPP",
	  { { "sworn_experience", "sworn_experience_years 4 years is more "
	      "than total_experience_years 3 years" },
	    { "total_experience",
	      "total experience 3 years, needs 8 (short 5)" } } },
	{ "yes,,12,yes,active,,yes,yes,yes,yes,yes,yes,yes", "2026-11-22",
	  VERDICT_REVIEW, "PUPPPPPPPPPP",
	  { { "total_experience", "total_experience_years: missing" },
	    { "sworn_experience", "" } } },
	{ "yes,lots,4,yes,active,,yes,yes,yes,yes,yes,yes,yes", "2026-11-22",
	  VERDICT_FAIL, "PUFPPPPPPPPP",
	  { { "sworn_experience",
	      "sworn experience 4 years, needs 5 (short 1)" } } },
	{ "yes,10,,yes,active,,yes,yes,yes,yes,yes,yes,yes", "2026-11-22",
	  VERDICT_REVIEW, "PPUPPPPPPPPP",
	  { { "sworn_experience", "sworn_experience_years: missing" } } },
	{ "yes,10,5 years,yes,active,,yes,yes,yes,yes,yes,yes,yes",
	  "2026-11-22", VERDICT_REVIEW, "PPUPPPPPPPPP",
	  { { "sworn_experience",
	      "sworn_experience_years: invalid value \"5 years\"" } } },

	/* Missing and invalid booleans; FAIL wins over REVIEW. */
	{ "yes,10,6,yes,active,,yes,maybe,yes,yes,yes,yes,yes", "2026-11-22",
	  VERDICT_REVIEW, "PPPPPPUPPPPP",
	  { { "weapon", "weapon_qualified: invalid value \"maybe\"" } } },
	{ "yes,10,6,yes,active,,yes,say \"x\",yes,yes,yes,yes,yes",
	  "2026-11-22", VERDICT_REVIEW, "PPPPPPUPPPPP",
	  { { "weapon",
	      "weapon_qualified: invalid value \"say \\\"x\\\"\"" } } },
	{ "yes,10,6,yes,active,,yes,yes,yes,yes,,yes,yes", "2026-11-22",
	  VERDICT_REVIEW, "PPPPPPPPPUPP",
	  { { "passport", "passport_valid: missing" } } },
	{ "yes,10,6,yes,active,,yes,yes,yes,yes, \t ,yes,yes", "2026-11-22",
	  VERDICT_REVIEW, "PPPPPPPPPUPP",
	  { { "passport", "passport_valid: missing" } } },
	{ "no,10,6,yes,active,,yes,maybe,yes,yes,yes,yes,yes", "2026-11-22",
	  VERDICT_FAIL, "FPPPPPUPPPPP",
	  { { "citizenship", "us_citizen: \"no\"" },
	    { "weapon", "weapon_qualified: invalid value \"maybe\"" } } },
	{ ",,,,,,,,,,,,", "2026-11-22", VERDICT_REVIEW, "UUUUUUUUUUUU",
	  { { "service_recency", "employment_status: missing" },
	    { "english", "english_proficient: missing" } } },
};
/* clang-format on */

static void
test_judge_default(void **state)
{
	struct error err;
	struct rules *r;

	(void)state;
	r = rules_default(&err);
	if (r == NULL)
		fail_msg("default rules: %lu: %s", err.line, err.msg);
	run_judge_table(r, default_cases,
	    sizeof(default_cases) / sizeof(default_cases[0]), "default");
	rules_free(r);
}

/* Thresholds with a fraction, judged exactly. */
/* clang-format off */
static const struct judge_case fraction_cases[] = {
	{ "7.49", "2026-11-22", VERDICT_FAIL, "F",
	  { { "min_years", "min years 7.49 years, needs 7.5 (short 0.01)" } } },
	{ "7", "2026-11-22", VERDICT_FAIL, "F",
	  { { "min_years", "min years 7 years, needs 7.5 (short 0.5)" } } },
	{ "7.499999999", "2026-11-22", VERDICT_FAIL, "F",
	  { { "min_years", "min years 7.499999999 years, needs 7.5 "
	      "(short 0.000000001)" } } },
	{ "7.5", "2026-11-22", VERDICT_PASS, "P", { { "min_years", "" } } },
	{ "7.500000000000", "2026-11-22", VERDICT_PASS, "P",
	  { { NULL, NULL } } },
	{ "8", "2026-11-22", VERDICT_PASS, "P", { { NULL, NULL } } },
	{ "", "2026-11-22", VERDICT_REVIEW, "U",
	  { { "min_years", "years: missing" } } },
};
/* clang-format on */

static void
test_judge_fraction(void **state)
{
	static const char text[] =
	    "name t\nrule min_years required at-least 7.5 years \"d\"\n";
	struct error err;
	struct rules *r;

	(void)state;
	r = rules_parse(text, strlen(text), "t.rules", &err);
	if (r == NULL)
		fail_msg("%lu: %s", err.line, err.msg);
	run_judge_table(r, fraction_cases,
	    sizeof(fraction_cases) / sizeof(fraction_cases[0]), "fraction");
	rules_free(r);
}

/* Advisory criteria are judged but never change the verdict. */
/* clang-format off */
static const struct judge_case advisory_cases[] = {
	{ "yes,no,1,active,2000-01-01", "2026-11-22", VERDICT_PASS, "PFFP",
	  { { "nice", "b: \"no\"" },
	    { "nice2", "nice2 1, needs 3 (short 2)" } } },
	{ "yes,,x,separated,2000-01-01", "2026-11-22", VERDICT_PASS, "PUUF",
	  { { "nice", "b: missing" },
	    { "recent", "separated 2000-01-01, before 2025-11-22 "
	      "(1 year before 2026-11-22)" } } },
	{ "yes,yes,5,retired,2027-01-01", "2026-11-22", VERDICT_PASS, "PPPU",
	  { { "recent", "date: invalid value \"2027-01-01\" (after "
	      "2026-11-22)" } } },
	{ "no,no,1,active,", "2026-11-22", VERDICT_FAIL, "FFFP",
	  { { "must", "a: \"no\"" } } },
	{ ",yes,5,active,", "2026-11-22", VERDICT_REVIEW, "UPPP",
	  { { "must", "a: missing" } } },
};
/* clang-format on */

static void
test_advisory(void **state)
{
	static const char text[] =
	    "name t\nrule must required true a \"A\"\nrule nice advisory true "
	    "b \"B\"\nrule nice2 advisory at-least 3 c \"C\"\nrule recent "
	    "advisory within 1 status date \"D\"\n";
	static const int required[] = { 1, 0, 0, 0 };
	struct error err;
	struct rules *r;
	size_t i;

	(void)state;
	r = rules_parse(text, strlen(text), "t.rules", &err);
	if (r == NULL)
		fail_msg("%lu: %s", err.line, err.msg);
	for (i = 0; i < sizeof(required) / sizeof(required[0]); i++)
		assert_int_equal(rules_required(r, i), required[i]);
	run_judge_table(r, advisory_cases,
	    sizeof(advisory_cases) / sizeof(advisory_cases[0]), "advisory");
	rules_free(r);
}

/*
 * rules_prepare() changes no finding: judged before it, after it for
 * the same as-of date, and after it for another (whose cutoff must not be
 * used), a within test comes out the same, and as the table says.
 */
/* clang-format off */
static const struct {
	const char *prepared; /* the as-of date given to rules_prepare() */
	const char *asof; /* the one judged with */
	const char *cells;
	char outcome;
} prepare_cases[] = {
	{ "2026-11-22", "2026-11-22", "retired,2017-11-22", 'P' },
	{ "2026-11-22", "2026-11-22", "retired,2017-11-21", 'F' },
	{ "2026-11-22", "2026-11-22", "active,", 'P' },
	{ "2026-11-22", "2026-11-22", "retired,2026-11-23", 'U' },
	{ "2028-02-29", "2028-02-29", "retired,2019-02-28", 'P' },
	{ "2028-02-29", "2028-02-29", "retired,2019-02-27", 'F' },
	{ "2000-01-01", "2026-11-22", "retired,2017-11-21", 'F' },
	{ "2026-11-22", "2020-01-01", "retired,2017-11-21", 'P' },
	{ "2026-11-22", "2020-01-01", "retired,2010-12-31", 'F' },
};
/* clang-format on */

static void
test_prepare(void **state)
{
	static const char text[] = "name t\nrule a required true x \"A\"\n"
	                           "rule r required within 9 s d \"R\"\n";
	struct finding before[2], after[2];
	struct fixture fx;
	struct error err;
	struct rules *r;
	int32_t prepared, asof;
	enum verdict v0, v1;
	size_t i, k;
	char cells[64];

	(void)state;
	for (i = 0; i < sizeof(prepare_cases) / sizeof(prepare_cases[0]); i++) {
		r = rules_parse(text, strlen(text), "t.rules", &err);
		if (r == NULL)
			fail_msg("%lu: %s", err.line, err.msg);
		assert_int_equal(
		    value_parse_iso(prepare_cases[i].prepared, &prepared), 0);
		assert_int_equal(
		    value_parse_iso(prepare_cases[i].asof, &asof), 0);
		(void)snprintf(
		    cells, sizeof(cells), "yes,%s", prepare_cases[i].cells);
		make_record(&fx, cells);
		v0 = rules_judge(r, &fx.rec, fx.col, asof, before);
		rules_prepare(r, prepared);
		v1 = rules_judge(r, &fx.rec, fx.col, asof, after);
		if (outcome_letter(after[1].outcome) !=
		    prepare_cases[i].outcome)
			print_message("case %zu: %s\n", i, cells);
		assert_int_equal(
		    outcome_letter(after[1].outcome), prepare_cases[i].outcome);
		assert_int_equal(v1, v0);
		for (k = 0; k < 2; k++) {
			assert_int_equal(after[k].outcome, before[k].outcome);
			/* A pass has nothing more to compare. */
			if (after[k].outcome == OUTCOME_PASS)
				continue;
			assert_int_equal(after[k].why, before[k].why);
			assert_int_equal(after[k].column, before[k].column);
			assert_int_equal(after[k].value, before[k].value);
		}
		rules_free(r);
	}
}

/* ---- Columns and lookups. ---- */

static void
test_columns_default(void **state)
{
	static const char *const names[] = {
		"us_citizen",
		"total_experience_years",
		"sworn_experience_years",
		"full_service_department",
		"employment_status",
		"separation_date",
		"english_proficient",
		"weapon_qualified",
		"manual_transmission",
		"background_clear",
		"passport_valid",
		"physical_test",
		"agility_test",
	};
	static const char *const ids[] = {
		"citizenship",
		"total_experience",
		"sworn_experience",
		"full_service_department",
		"service_recency",
		"english",
		"weapon",
		"manual_transmission",
		"background",
		"passport",
		"physical_test",
		"agility_test",
	};
	const struct column_want *cols;
	struct error err;
	struct rules *r;
	size_t i, n;

	(void)state;
	r = rules_default(&err);
	if (r == NULL)
		fail_msg("default rules: %lu: %s", err.line, err.msg);
	assert_string_equal(rules_name(r), "civpol-inl-2008");
	cols = rules_columns(r, &n);
	assert_int_equal(n, sizeof(names) / sizeof(names[0]));
	for (i = 0; i < n; i++) {
		assert_string_equal(cols[i].name, names[i]);
		assert_int_equal(cols[i].required, 1);
	}
	assert_int_equal(rules_count(r), sizeof(ids) / sizeof(ids[0]));
	for (i = 0; i < rules_count(r); i++) {
		assert_string_equal(rules_id(r, i), ids[i]);
		assert_int_equal(rules_find(r, ids[i]), i);
		assert_int_equal(rules_required(r, i), 1);
	}
	rules_free(r);
}

struct find_case {
	const char *id;
	size_t index;
};

static void
test_find(void **state)
{
	static const struct find_case cases[] = {
		{ "citizenship", 0 },
		{ "passport", 9 },
		{ "agility_test", 11 },
		{ "Passport", (size_t)-1 },
		{ "passport ", (size_t)-1 },
		{ "", (size_t)-1 },
		{ "nope", (size_t)-1 },
		{ NULL, (size_t)-1 },
	};
	struct error err;
	struct rules *r;
	size_t i;

	(void)state;
	r = rules_default(&err);
	assert_non_null(r);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(rules_find(r, cases[i].id), cases[i].index);
	rules_free(r);
}

/*
 * Column names that normalise alike share a slot, named as first written;
 * reasons name a column as the rule itself wrote it.
 */
/* clang-format off */
static const struct judge_case slot_cases[] = {
	{ "yes,3", "2026-11-22", VERDICT_PASS, "PPP", { { NULL, NULL } } },
	{ ",3", "2026-11-22", VERDICT_REVIEW, "UUP",
	  { { "a", "US_Citizen: missing" }, { "b", "u.s.citizen: missing" } } },
	{ "9,3", "2026-11-22", VERDICT_REVIEW, "UUP",
	  { { "a", "US_Citizen: invalid value \"9\"" },
	    { "c", "" } } },
	{ "7,8", "2026-11-22", VERDICT_REVIEW, "UUU",
	  { { "c", "Yrs 8 is more than US_CITIZEN 7" } } },
};
/* clang-format on */

static void
test_slots(void **state)
{
	static const char text[] =
	    "name t\nrule a required true US_Citizen \"d\"\nrule b required "
	    "true u.s.citizen \"e\"\nrule c required at-least 1 Yrs not-above "
	    "US_CITIZEN \"f\"\n";
	static const char *const names[] = { "US_Citizen", "Yrs" };
	const struct column_want *cols;
	struct error err;
	struct rules *r;
	size_t i, n;

	(void)state;
	r = rules_parse(text, strlen(text), "t.rules", &err);
	if (r == NULL)
		fail_msg("%lu: %s", err.line, err.msg);
	cols = rules_columns(r, &n);
	assert_int_equal(n, sizeof(names) / sizeof(names[0]));
	for (i = 0; i < n; i++) {
		assert_string_equal(cols[i].name, names[i]);
		assert_int_equal(cols[i].required, 1);
	}
	run_judge_table(
	    r, slot_cases, sizeof(slot_cases) / sizeof(slot_cases[0]), "slots");
	rules_free(r);
}

/*
 * col[] maps slots to fields in any order; an unbound slot (HEADER_ABSENT)
 * or an index past the record's fields reads as missing.
 */
struct bind_case {
	size_t slot; /* the passport_valid slot is 10 */
	size_t index; /* what col[slot] is set to, or 0 to keep it */
	enum verdict verdict;
	const char *reason; /* the passport criterion's */
};

static void
test_bindings(void **state)
{
	static const struct bind_case cases[] = {
		{ 10, 0, VERDICT_PASS, "" },
		{ 10, HEADER_ABSENT, VERDICT_REVIEW,
		    "passport_valid: missing" },
		{ 10, 15, VERDICT_REVIEW, "passport_valid: missing" },
		{ 10, 1000, VERDICT_REVIEW, "passport_valid: missing" },
		{ 10, 1, VERDICT_REVIEW,
		    "passport_valid: invalid value \"Jane Doe\"" },
		{ 10, 2, VERDICT_FAIL, "passport_valid: \"no\"" },
	};
	/* An id, a name, then the 13 columns in reverse, last one false. */
	static const char cells[] =
	    "A-1,Jane Doe,no,yes,yes,yes,yes,yes,yes,,active,yes,6,10,yes";
	struct finding found[MAX_CELLS];
	struct fixture fx;
	struct error err;
	struct rules *r;
	char reason[REASON_BUF];
	size_t i, k, pass;
	int32_t asof;
	enum verdict v;

	(void)state;
	r = rules_default(&err);
	assert_non_null(r);
	pass = rules_find(r, "passport");
	assert_int_equal(value_parse_iso("2026-11-22", &asof), 0);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		make_record(&fx, cells);
		assert_int_equal(fx.rec.nfields, 15);
		for (k = 0; k < 13; k++)
			fx.col[k] = 2 + (12 - k);
		/* agility_test (slot 12, field 2) says no: point it away. */
		fx.col[12] = 3;
		if (cases[i].index != 0)
			fx.col[cases[i].slot] = cases[i].index;
		v = rules_judge(r, &fx.rec, fx.col, asof, found);
		(void)rules_reason(r, pass, &found[pass], &fx.rec, fx.col, asof,
		    reason, sizeof(reason));
		if (v != cases[i].verdict ||
		    strcmp(reason, cases[i].reason) != 0)
			fail_msg("case %zu: got %s \"%s\", expected %s \"%s\"",
			    i, verdict_name(v), reason,
			    verdict_name(cases[i].verdict), cases[i].reason);
	}
	rules_free(r);
}

/* rules_reason() cuts to fit and returns the length it wrote. */
struct cut_case {
	size_t size;
	size_t len;
	const char *text;
};

static void
test_reason_cut(void **state)
{
	static const struct cut_case cases[] = {
		{ 512, 23, "passport_valid: missing" },
		{ 24, 23, "passport_valid: missing" },
		{ 23, 22, "passport_valid: missin" },
		{ 10, 9, "passport_" },
		{ 1, 0, "" },
		{ 0, 0, "untouched" },
	};
	static const char cells[] =
	    "yes,10,6,yes,active,,yes,yes,yes,yes,,yes,yes";
	struct finding found[MAX_CELLS];
	struct fixture fx;
	struct rules *r;
	char buf[REASON_BUF];
	size_t i, len, pass;
	int32_t asof;

	(void)state;
	r = rules_default(NULL);
	assert_non_null(r);
	pass = rules_find(r, "passport");
	assert_int_equal(value_parse_iso("2026-11-22", &asof), 0);
	make_record(&fx, cells);
	assert_int_equal(
	    rules_judge(r, &fx.rec, fx.col, asof, found), VERDICT_REVIEW);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		strcpy(buf, "untouched");
		len = rules_reason(r, pass, &found[pass], &fx.rec, fx.col, asof,
		    buf, cases[i].size);
		assert_int_equal(len, cases[i].len);
		assert_string_equal(buf, cases[i].text);
	}
	rules_free(r);
}

/* ---- Text, hash and round trip. ---- */

/* The hash as rules.c documents it, computed independently. */
static void
expected_hash(const char *s, size_t n, char out[13])
{
	uint64_t h = UINT64_C(14695981039346656037);
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= UINT64_C(1099511628211);
	}
	(void)snprintf(out, 13, "%012llx", (unsigned long long)(h >> 16));
}

struct hash_case {
	const char *text;
	const char *hash; /* or NULL: compare with expected_hash() */
};

static void
test_hash(void **state)
{
	static const struct hash_case cases[] = {
		{ "name t\nrule a required true c \"d\"\n", "7100f53f09b5" },
		{ "name t\nrule a required true c \"d\"", NULL },
		{ "name t\nrule a required true c \"D\"\n", NULL },
		{ "name t\r\nrule a required true c \"d\"\r\n", NULL },
	};
	char want[13];
	struct rules *r;
	const char *h;
	size_t i, k, len;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		r = rules_parse(
		    cases[i].text, strlen(cases[i].text), "t", NULL);
		assert_non_null(r);
		expected_hash(cases[i].text, strlen(cases[i].text), want);
		if (cases[i].hash != NULL)
			assert_string_equal(want, cases[i].hash);
		h = rules_hash(r);
		assert_string_equal(h, want);
		assert_int_equal(strlen(h), 12);
		for (k = 0; k < 12; k++)
			assert_true((h[k] >= '0' && h[k] <= '9') ||
			    (h[k] >= 'a' && h[k] <= 'f'));
		assert_memory_equal(rules_text(r, &len), cases[i].text,
		    strlen(cases[i].text) + 1);
		assert_int_equal(len, strlen(cases[i].text));
		rules_free(r);
	}
}

/* Two sets are the same set: ids, descriptions, levels, columns, hash. */
static void
assert_same_set(const struct rules *a, const struct rules *b)
{
	const struct column_want *ca, *cb;
	size_t i, na, nb;

	assert_string_equal(rules_name(a), rules_name(b));
	assert_string_equal(rules_hash(a), rules_hash(b));
	assert_int_equal(rules_count(a), rules_count(b));
	for (i = 0; i < rules_count(a); i++) {
		assert_string_equal(rules_id(a, i), rules_id(b, i));
		assert_string_equal(
		    rules_description(a, i), rules_description(b, i));
		assert_int_equal(rules_required(a, i), rules_required(b, i));
	}
	ca = rules_columns(a, &na);
	cb = rules_columns(b, &nb);
	assert_int_equal(na, nb);
	for (i = 0; i < na; i++) {
		assert_string_equal(ca[i].name, cb[i].name);
		assert_int_equal(ca[i].required, cb[i].required);
	}
}

/*
 * --print-rules output parsed again is the same set, whichever set it
 * came from; the default's text is the compiled-in file, byte for byte.
 */
static void
test_round_trip(void **state)
{
	static const char *const texts[] = {
		NULL, /* the default */
		"# c\r\nname x\r\nrule a advisory true c \"q \\\" \\\\\"\r\n",
		"name y\nrule b required within 3 s d \"d\"\n"
		"rule c required at-least 0.5 e not-above f \"e\"",
	};
	struct error err;
	struct rules *a, *b;
	const char *text;
	char want[13];
	size_t i, len;

	(void)state;
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		if (texts[i] == NULL)
			a = rules_default(&err);
		else
			a = rules_parse(texts[i], strlen(texts[i]), "t", &err);
		if (a == NULL)
			fail_msg("case %zu: %lu: %s", i, err.line, err.msg);
		text = rules_text(a, &len);
		if (texts[i] == NULL) {
			char *file = slurp("data/civpol-2008.rules");

			assert_int_equal(len, strlen(file));
			assert_memory_equal(text, file, len + 1);
			free(file);
		}
		expected_hash(text, len, want);
		assert_string_equal(rules_hash(a), want);
		b = rules_parse(text, len, "<print-rules>", &err);
		if (b == NULL)
			fail_msg(
			    "case %zu: reparse: %lu: %s", i, err.line, err.msg);
		assert_same_set(a, b);
		rules_free(b);
		rules_free(a);
	}
	rules_free(NULL);
}

/* ---- An edited default set. ---- */

struct edit_case {
	const char *cells;
	enum verdict before;
	enum verdict after;
	const char *reason; /* total_experience's, after the edit */
};

static void
test_edited(void **state)
{
	static const struct edit_case cases[] = {
		{ "yes,9,6,yes,active,,yes,yes,yes,yes,yes,yes,yes",
		    VERDICT_PASS, VERDICT_FAIL,
		    "total experience 9 years, needs 10 (short 1)" },
		{ "yes,9.75,6,yes,active,,yes,yes,yes,yes,yes,yes,yes",
		    VERDICT_PASS, VERDICT_FAIL,
		    "total experience 9.75 years, needs 10 (short 0.25)" },
		{ "yes,10,6,yes,active,,yes,yes,yes,yes,yes,yes,yes",
		    VERDICT_PASS, VERDICT_PASS, "" },
		{ "yes,7,6,yes,active,,yes,yes,yes,yes,yes,yes,yes",
		    VERDICT_FAIL, VERDICT_FAIL,
		    "total experience 7 years, needs 10 (short 3)" },
		{ "yes,9,12,yes,active,,yes,yes,yes,yes,yes,yes,yes",
		    VERDICT_REVIEW, VERDICT_FAIL,
		    "total experience 9 years, needs 10 (short 1)" },
	};
	static const char from[] = "at-least 8 total_experience_years";
	static const char to[] = "at-least 10 total_experience_years";
	struct finding found[MAX_CELLS];
	struct fixture fx;
	struct error err;
	struct rules *def, *ed;
	const char *text, *at;
	char *edited, reason[REASON_BUF];
	size_t len, head, i, total;
	int32_t asof;
	enum verdict v1, v2;

	(void)state;
	def = rules_default(&err);
	assert_non_null(def);
	text = rules_text(def, &len);
	at = strstr(text, from);
	assert_non_null(at);
	head = (size_t)(at - text);
	edited = malloc(len + 2);
	assert_non_null(edited);
	memcpy(edited, text, head);
	memcpy(edited + head, to, sizeof(to) - 1);
	memcpy(edited + head + sizeof(to) - 1, at + sizeof(from) - 1,
	    len - head - (sizeof(from) - 1));
	ed = rules_parse(edited, len + 1, "mine.rules", &err);
	if (ed == NULL)
		fail_msg("edited: %lu: %s", err.line, err.msg);
	assert_string_not_equal(rules_hash(def), rules_hash(ed));
	total = rules_find(ed, "total_experience");
	assert_int_equal(value_parse_iso("2026-11-22", &asof), 0);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		make_record(&fx, cases[i].cells);
		v1 = rules_judge(def, &fx.rec, fx.col, asof, found);
		v2 = rules_judge(ed, &fx.rec, fx.col, asof, found);
		(void)rules_reason(ed, total, &found[total], &fx.rec, fx.col,
		    asof, reason, sizeof(reason));
		if (v1 != cases[i].before || v2 != cases[i].after ||
		    strcmp(reason, cases[i].reason) != 0)
			fail_msg(
			    "case %zu: got %s/%s \"%s\", expected %s/%s \"%s\"",
			    i, verdict_name(v1), verdict_name(v2), reason,
			    verdict_name(cases[i].before),
			    verdict_name(cases[i].after), cases[i].reason);
	}
	rules_free(ed);
	rules_free(def);
	free(edited);
}

/* ---- The table of tests against its documentation. ---- */

/*
 * Every kind of test in the table is documented where users read of it:
 * its synopsis in the language's reference, the comments of
 * data/unpol-ipo.rules, and an entry of its own (".It Cm KEYWORD") in
 * the man page's RULES FILES section.
 */
static void
test_documented(void **state)
{
	char *man = slurp("src/civpol-screen.1");
	char *reference = slurp("data/unpol-ipo.rules");
	char want[256], keyword[64];
	const char *syn;
	size_t i, k;

	(void)state;
	for (i = 0; (syn = rules_test_synopsis(i)) != NULL; i++) {
		for (k = 0;
		     syn[k] != '\0' && syn[k] != ' ' && k + 1 < sizeof(keyword);
		     k++)
			keyword[k] = syn[k];
		keyword[k] = '\0';
		(void)snprintf(want, sizeof(want), " %s\n", syn);
		if (strstr(reference, want) == NULL)
			fail_msg("\"%s\" is not in data/unpol-ipo.rules' "
			         "comments",
			    syn);
		(void)snprintf(want, sizeof(want), "\n.It Cm %s ", keyword);
		if (strstr(man, want) == NULL)
			fail_msg(
			    "\"%s\" has no entry in the man page", keyword);
	}
	assert_true(i >= 8);
	free(man);
	free(reference);
}

/*
 * rules_slots(): the cells a finding speaks of, by their columns' names,
 * for each criterion of a set with every kind of node: a test, a test of
 * two columns, any-of and all-of groups, a not, a when clause, and a
 * test with not-above.  The columns, in rules_columns() order: x, status,
 * date, en, fr, yrs, banned, y, kind, sworn.
 */
struct finding_slots_case {
	const char *cells;
	/* Per criterion, in rule order, its slots' names joined with ','
	 * (empty for none), the criteria joined with '|'. */
	const char *slots;
};

/* clang-format off */
static const struct finding_slots_case finding_slots_cases[] = {
	/* Every criterion passes (or does not apply): no slots. */
	{ "yes,active,,60,,9,no,,unarmed,5", "||||||" },
	/* A test's cell; within's date; an any-of's two failing members;
	 * an all-of's failing member only; a not's held test; a missing
	 * when cell, and the test's own. */
	{ "no,retired,2001-01-01,10,20,3,yes,no,,9",
	  "x|date|en,fr|x,yrs|banned|y,kind|sworn" },
	/* Unknown: a missing status; an any-of with one member unknown
	 * speaks of both that did not pass; an all-of unknown of its
	 * unknown member. */
	{ "yes,,2001-01-01,,10,x,no,yes,armed,4",
	  "|status|en,fr|yrs|||sworn" },
};
/* clang-format on */

static void
test_finding_slots(void **state)
{
	static const char text[] =
	    "name t\n"
	    "rule a required true x \"a\"\n"
	    "rule w required within 9 status date \"w\"\n"
	    "rule g required any-of \"g\"\n"
	    "  at-least 60 en\n"
	    "  at-least 60 fr\n"
	    "end\n"
	    "rule h required all-of \"h\"\n"
	    "  true x\n"
	    "  at-least 5 yrs\n"
	    "end\n"
	    "rule n required not true banned \"n\"\n"
	    "rule c required true y when kind is armed \"c\"\n"
	    "rule s required at-least 5 sworn not-above yrs \"s\"\n";
	const struct column_want *cols;
	struct finding found[MAX_CELLS];
	struct fixture fx;
	struct error err;
	struct rules *r;
	size_t slots[4], i, k, j, n, ncols;
	char got[256];
	int32_t asof;

	(void)state;
	r = rules_parse(text, strlen(text), "t.rules", &err);
	if (r == NULL)
		fail_msg("%lu: %s", err.line, err.msg);
	cols = rules_columns(r, &ncols);
	assert_true(rules_findings(r) <= MAX_CELLS);
	assert_int_equal(value_parse_iso("2026-11-22", &asof), 0);
	for (i = 0;
	     i < sizeof(finding_slots_cases) / sizeof(finding_slots_cases[0]);
	     i++) {
		make_record(&fx, finding_slots_cases[i].cells);
		assert_int_equal(fx.rec.nfields, ncols);
		(void)rules_judge(r, &fx.rec, fx.col, asof, found);
		got[0] = '\0';
		for (k = 0; k < rules_count(r); k++) {
			n = rules_slots(r, k, &found[k], slots, 4);
			assert_true(n <= 4);
			if (k > 0)
				strcat(got, "|");
			for (j = 0; j < n; j++) {
				if (j > 0)
					strcat(got, ",");
				strcat(got, cols[slots[j]].name);
			}
		}
		if (strcmp(got, finding_slots_cases[i].slots) != 0)
			fail_msg("case %zu (%s): slots %s, expected %s", i,
			    finding_slots_cases[i].cells, got,
			    finding_slots_cases[i].slots);
	}
	/* Room for one slot: the count says how many there were. */
	make_record(&fx, finding_slots_cases[1].cells);
	(void)rules_judge(r, &fx.rec, fx.col, asof, found);
	assert_int_equal(rules_slots(r, 2, &found[2], slots, 1), 2);
	assert_string_equal(cols[slots[0]].name, "en");
	assert_int_equal(rules_slots(r, 99, &found[0], slots, 1), 0);
	rules_free(r);
}

/*
 * A set of 34,000 rules (about 1 MiB), each with a column of its own:
 * read whole, ids and columns all found; the duplicate at its end
 * named with its first line.  Reading it takes linear time (make
 * bench measures how long); a search quadratic in the rules would
 * take minutes here.
 */
static void
test_large_set(void **state)
{
	enum { NRULES = 34000 };
	size_t size = (size_t)NRULES * 64 + 128, len, n;
	const struct column_want *cols;
	char *text = malloc(size);
	struct error err;
	struct rules *r;
	int k;

	(void)state;
	assert_non_null(text);
	len = (size_t)snprintf(text, size, "name big\n");
	for (k = 0; k < NRULES; k++)
		len += (size_t)snprintf(text + len, size - len,
		    "rule r%05d required true column_%05d \"rule %d\"\n", k, k,
		    k);
	r = rules_parse(text, len, "big.rules", &err);
	if (r == NULL)
		fail_msg("%lu: %s", err.line, err.msg);
	assert_int_equal(rules_count(r), NRULES);
	cols = rules_columns(r, &n);
	assert_int_equal(n, NRULES);
	assert_string_equal(cols[NRULES - 1].name, "column_33999");
	assert_int_equal(rules_find(r, "r33999"), NRULES - 1);
	rules_free(r);
	/* One column for all, in many spellings; a duplicate id last. */
	len = (size_t)snprintf(text, size, "name big\n");
	for (k = 0; k < NRULES; k++)
		len += (size_t)snprintf(text + len, size - len,
		    "rule r%05d required true %s \"x\"\n", k,
		    k % 2 ? "US_Citizen" : "us.citizen");
	len += (size_t)snprintf(
	    text + len, size - len, "rule r00007 required true c \"x\"\n");
	r = rules_parse(text, len, "big.rules", &err);
	assert_null(r);
	assert_int_equal(err.line, NRULES + 2);
	assert_string_equal(
	    err.msg, "duplicate rule id \"r00007\" (first on line 9)");
	len -= strlen("rule r00007 required true c \"x\"\n");
	r = rules_parse(text, len, "big.rules", &err);
	assert_non_null(r);
	(void)rules_columns(r, &n);
	assert_int_equal(n, 1);
	rules_free(r);
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_parse_null_err),
		cmocka_unit_test(test_judge_default),
		cmocka_unit_test(test_judge_fraction),
		cmocka_unit_test(test_advisory),
		cmocka_unit_test(test_prepare),
		cmocka_unit_test(test_columns_default),
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_slots),
		cmocka_unit_test(test_bindings),
		cmocka_unit_test(test_reason_cut),
		cmocka_unit_test(test_hash),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_edited),
		cmocka_unit_test(test_documented),
		cmocka_unit_test(test_finding_slots),
		cmocka_unit_test(test_large_set),
	};

	return cmocka_run_group_tests_name("rules", tests, NULL, NULL);
}
