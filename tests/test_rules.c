/*
 * test_rules.c - unit tests for the rules module: the rules-file parser
 * (every error message, with its line), judging the default set and
 * edited sets cell by cell (verdicts, outcomes and the exact reasons),
 * advisory criteria, column slots, and the --print-rules round trip; the
 * language of data/unpol-ipo.rules (each kind of test at its calendar and
 * number boundaries, groups as Kleene's logic, when, vocabularies, "empty
 * ... fails", sources), the shipped sets, and a data source's words
 * (rules_translate()).  Every test is a table of cases and one loop over
 * it.
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

/* Below, beside the helpers it needs. */
static void run_cases(struct rules *r, const struct judge_case *cases,
    size_t ncases, const char *table);

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
	run_cases(r, default_cases,
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
	run_cases(r, fraction_cases,
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
	run_cases(r, advisory_cases,
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
	run_cases(
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

/* ---- The language's new tests, groups, when, vocabularies. ---- */

/* Parses text or fails the test.  The caller frees it with rules_free(). */
static struct rules *
parse_ok(const char *text)
{
	struct error err;
	struct rules *r;

	r = rules_parse(text, strlen(text), "t.rules", &err);
	if (r == NULL)
		fail_msg("%lu: %s", err.line, err.msg);
	return r;
}

/* Nonzero when findings x and y say the same (a pass has only its
 * outcome). */
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
 * Judges every case of a table against r, checking the verdict, each
 * outcome, that a passing criterion has no reason and any other has one,
 * and the reasons named; with room for every finding rules_judge()
 * writes (rules_findings(), the members of
 * groups included; nothing past them is touched) and outcomes that may
 * be N, not applicable.  Then judges each case again after
 * rules_prepare() for its as-of date, which must change no finding and
 * no reason.
 */
static void
run_cases(struct rules *r, const struct judge_case *cases, size_t ncases,
    const char *table)
{
	struct finding *found, *again, sentinel;
	struct fixture fx;
	char got[MAX_CELLS + 1], reason[REASON_BUF], other[REASON_BUF];
	const struct judge_case *jc;
	size_t i, k, nc, nf, ncols, len, idx;
	enum verdict v;
	int32_t asof;

	nc = rules_count(r);
	nf = rules_findings(r);
	assert_true(nc <= MAX_CELLS);
	assert_true(nf >= nc);
	(void)rules_columns(r, &ncols);
	found = malloc((nf + 1) * sizeof(*found));
	again = malloc((nf + 1) * sizeof(*again));
	assert_non_null(found);
	assert_non_null(again);
	memset(&sentinel, 0x5a, sizeof(sentinel));
	for (i = 0; i < ncases; i++) {
		jc = &cases[i];
		make_record(&fx, jc->cells);
		if (fx.rec.nfields != ncols)
			fail_msg(
			    "%s case %zu: %zu cells, the set has %zu columns",
			    table, i, fx.rec.nfields, ncols);
		assert_int_equal(value_parse_iso(jc->asof, &asof), 0);
		memset(found, 0xa5, nf * sizeof(*found));
		memcpy(&found[nf], &sentinel, sizeof(sentinel));
		v = rules_judge(r, &fx.rec, fx.col, asof, found);
		assert_memory_equal(&found[nf], &sentinel, sizeof(sentinel));
		for (k = 0; k < nc; k++)
			got[k] = outcome_letter(found[k].outcome);
		got[nc] = '\0';
		if (v != jc->verdict || strcmp(got, jc->outcomes) != 0)
			fail_msg("%s case %zu (%s, %s): got %s %s, expected "
			         "%s %s",
			    table, i, jc->cells, jc->asof, verdict_name(v), got,
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
		/* Prepared for the day: the same findings and reasons. */
		rules_prepare(r, asof);
		memset(again, 0x3c, nf * sizeof(*again));
		memcpy(&again[nf], &sentinel, sizeof(sentinel));
		if (rules_judge(r, &fx.rec, fx.col, asof, again) != v)
			fail_msg(
			    "%s case %zu: prepared, another verdict", table, i);
		assert_memory_equal(&again[nf], &sentinel, sizeof(sentinel));
		for (k = 0; k < nc; k++) {
			if (!same_finding(&found[k], &again[k]))
				fail_msg("%s case %zu: prepared, %s differs",
				    table, i, rules_id(r, k));
			(void)rules_reason(r, k, &found[k], &fx.rec, fx.col,
			    asof, reason, sizeof(reason));
			(void)rules_reason(r, k, &again[k], &fx.rec, fx.col,
			    asof, other, sizeof(other));
			if (strcmp(reason, other) != 0)
				fail_msg("%s case %zu: prepared, %s: \"%s\", "
				         "not \"%s\"",
				    table, i, rules_id(r, k), other, reason);
		}
	}
	free(found);
	free(again);
}

/*
 * Age in completed years, at its boundaries: the 25th birthday and the
 * day before, the 63rd and the day before; February 29 birthdays (24 on
 * 2025-02-28, 25 on 2025-03-01); dates after the as-of date.  The
 * column: dob.
 */
/* clang-format off */
static const struct judge_case age_cases[] = {
	{ "2001-11-22", "2026-11-22", VERDICT_PASS, "PPP",
	  { { "age", "" } } },
	{ "2001-11-23", "2026-11-22", VERDICT_FAIL, "FPF",
	  { { "age", "age 24 on 2026-11-22, must be between 25 and 62" },
	    { "age_min", "age 24 on 2026-11-22, needs 25 (short 1)" } } },
	{ "1963-11-22", "2026-11-22", VERDICT_FAIL, "FFP",
	  { { "age", "age 63 on 2026-11-22, must be between 25 and 62" },
	    { "age_max", "age 63 on 2026-11-22, must be at most 62" } } },
	{ "1963-11-23", "2026-11-22", VERDICT_PASS, "PPP",
	  { { NULL, NULL } } },
	{ "11/22/01", "2026-11-22", VERDICT_PASS, "PPP", { { NULL, NULL } } },
	{ " 11/23/2001 ", "2026-11-22", VERDICT_FAIL, "FPF",
	  { { "age", "age 24 on 2026-11-22, must be between 25 and 62" } } },
	{ "2026-11-22", "2026-11-22", VERDICT_FAIL, "FPF",
	  { { "age", "age 0 on 2026-11-22, must be between 25 and 62" },
	    { "age_min", "age 0 on 2026-11-22, needs 25 (short 25)" } } },
	{ "1900-01-01", "2026-11-22", VERDICT_FAIL, "FFP",
	  { { "age_max", "age 126 on 2026-11-22, must be at most 62" } } },
	/* February 29. */
	{ "2000-02-29", "2025-02-28", VERDICT_FAIL, "FPF",
	  { { "age", "age 24 on 2025-02-28, must be between 25 and 62" } } },
	{ "2000-02-29", "2025-03-01", VERDICT_PASS, "PPP",
	  { { NULL, NULL } } },
	{ "2000-02-29", "2024-02-29", VERDICT_FAIL, "FPF",
	  { { "age_min", "age 24 on 2024-02-29, needs 25 (short 1)" } } },
	{ "2000-02-29", "2024-02-28", VERDICT_FAIL, "FPF",
	  { { "age_min", "age 23 on 2024-02-28, needs 25 (short 2)" } } },
	{ "2001-02-28", "2026-02-28", VERDICT_PASS, "PPP",
	  { { NULL, NULL } } },
	{ "2000-03-01", "2025-02-28", VERDICT_FAIL, "FPF",
	  { { "age", "age 24 on 2025-02-28, must be between 25 and 62" } } },
	{ "1962-02-29", "2026-11-22", VERDICT_REVIEW, "UUU",
	  { { "age", "dob: invalid value \"1962-02-29\"" } } },
	/* Unusable dates. */
	{ "", "2026-11-22", VERDICT_REVIEW, "UUU",
	  { { "age", "dob: missing" }, { "age_max", "dob: missing" } } },
	{ "2026-11-23", "2026-11-22", VERDICT_REVIEW, "UUU",
	  { { "age", "dob: invalid value \"2026-11-23\" (after 2026-11-22)" },
	    { "age_min",
	      "dob: invalid value \"2026-11-23\" (after 2026-11-22)" } } },
	{ "2/30/2001", "2026-11-22", VERDICT_REVIEW, "UUU",
	  { { "age", "dob: invalid value \"2/30/2001\"" } } },
	{ "25", "2026-11-22", VERDICT_REVIEW, "UUU",
	  { { "age_max", "dob: invalid value \"25\"" } } },
};
/* clang-format on */

static void
test_age(void **state)
{
	struct rules *r = parse_ok(
	    "name t\n"
	    "rule age required between 25 62 age(dob) \"aged 25 to 62\"\n"
	    "rule age_max advisory at-most 62 age(dob) \"at most 62\"\n"
	    "rule age_min advisory at-least 25 age(dob) \"at least 25\"\n");

	(void)state;
	run_cases(
	    r, age_cases, sizeof(age_cases) / sizeof(age_cases[0]), "age");
	rules_free(r);
}

/*
 * Numbers compared exactly, at any length: between with decimal bounds,
 * equal bounds, at-most; a column named in years is counted in them.
 * The columns: points, ratio, five, service_years.
 */
/* clang-format off */
static const struct judge_case number_cases[] = {
	{ "7.5,0.5,5,40", "2026-11-22", VERDICT_PASS, "PPPP",
	  { { NULL, NULL } } },
	{ "10.25,0,5.0,0", "2026-11-22", VERDICT_PASS, "PPPP",
	  { { NULL, NULL } } },
	{ "007.50,00.50,05.000,040.0", "2026-11-22", VERDICT_PASS, "PPPP",
	  { { NULL, NULL } } },
	{ "8,0.49999999999999999999,5,39.99999999999999999999", "2026-11-22",
	  VERDICT_PASS, "PPPP", { { NULL, NULL } } },
	{ "7.49,0.5,5,40", "2026-11-22", VERDICT_FAIL, "FPPP",
	  { { "test_score",
	      "test score 7.49, must be between 7.5 and 10.25" } } },
	{ "10.250000000001,0.5000000000001,5.000000001,40.000000000001",
	  "2026-11-22", VERDICT_FAIL, "FFFF",
	  { { "test_score",
	      "test score 10.250000000001, must be between 7.5 and 10.25" },
	    { "ratio_cap",
	      "ratio cap 0.5000000000001, must be at most 0.5" } } },
	{ "99999999999999999999,1,4.999,41", "2026-11-22", VERDICT_FAIL,
	  "FFFF",
	  { { "test_score", "test score 99999999999999999999, must be "
	      "between 7.5 and 10.25" },
	    { "exact", "exact 4.999, must be between 5 and 5" } } },
	{ "0,0,5,41", "2026-11-22", VERDICT_FAIL, "FPPF",
	  { { "test_score", "test score 0, must be between 7.5 and 10.25" },
	    { "max_service", "max service 41 years, must be at most 40" } } },
	{ "10.2500,.5,5,40", "2026-11-22", VERDICT_PASS, "PUPP",
	  { { "ratio_cap", "ratio: invalid value \".5\"" } } },
	{ ",x,,-1", "2026-11-22", VERDICT_REVIEW, "UUUU",
	  { { "test_score", "points: missing" },
	    { "max_service", "service_years: invalid value \"-1\"" } } },
	{ "7.5 years,0,5,40", "2026-11-22", VERDICT_REVIEW, "UPPP",
	  { { "test_score", "points: invalid value \"7.5 years\"" } } },
};
/* clang-format on */

static void
test_numbers(void **state)
{
	struct rules *r = parse_ok(
	    "name t\n"
	    "rule test_score required between 7.5 10.25 points \"score\"\n"
	    "rule ratio_cap advisory at-most 0.5 ratio \"ratio\"\n"
	    "rule exact advisory between 5 5 five \"exactly five\"\n"
	    "rule max_service advisory at-most 40 service_years \"at most "
	    "40 years\"\n");

	(void)state;
	run_cases(r, number_cases,
	    sizeof(number_cases) / sizeof(number_cases[0]), "numbers");
	rules_free(r);
}

/*
 * years-since() and months-since(): completed periods counted back from
 * the as-of date, month ends clamping (January 31 is not a month before
 * February 28).  The column: checked.
 */
/* clang-format off */
static const struct judge_case since_cases[] = {
	{ "2026-01-31", "2026-02-28", VERDICT_FAIL, "FPF",
	  { { "a_month", "months since checked 0 on 2026-02-28, needs 1 "
	      "(short 1)" },
	    { "held", "years since checked 0 on 2026-02-28, needs 1 "
	      "(short 1)" } } },
	{ "2026-01-31", "2026-03-01", VERDICT_PASS, "PPF",
	  { { "a_month", "" } } },
	{ "2026-01-31", "2026-03-30", VERDICT_PASS, "PPF",
	  { { NULL, NULL } } },
	{ "2026-01-31", "2026-03-31", VERDICT_PASS, "PFF",
	  { { "recent", "months since checked 2 on 2026-03-31, must be at "
	      "most 1" } } },
	{ "2024-01-31", "2024-02-29", VERDICT_FAIL, "FPF",
	  { { "a_month", "months since checked 0 on 2024-02-29, needs 1 "
	      "(short 1)" } } },
	{ "2024-01-29", "2024-02-29", VERDICT_PASS, "PPF",
	  { { NULL, NULL } } },
	{ "2024-02-29", "2025-02-28", VERDICT_PASS, "PFF",
	  { { "recent", "months since checked 11 on 2025-02-28, must be at "
	      "most 1" },
	    { "held", "years since checked 0 on 2025-02-28, needs 1 "
	      "(short 1)" } } },
	{ "2024-02-29", "2025-03-01", VERDICT_PASS, "PFP",
	  { { "recent", "months since checked 12 on 2025-03-01, must be at "
	      "most 1" } } },
	{ "2023-02-28", "2024-02-29", VERDICT_PASS, "PFP",
	  { { NULL, NULL } } },
	{ "2026-11-22", "2026-11-22", VERDICT_FAIL, "FPF",
	  { { "a_month", "months since checked 0 on 2026-11-22, needs 1 "
	      "(short 1)" } } },
	{ "2026-11-23", "2026-11-22", VERDICT_REVIEW, "UUU",
	  { { "a_month",
	      "checked: invalid value \"2026-11-23\" (after 2026-11-22)" },
	    { "held",
	      "checked: invalid value \"2026-11-23\" (after 2026-11-22)" } } },
	{ "", "2026-11-22", VERDICT_REVIEW, "UUU",
	  { { "recent", "checked: missing" } } },
};
/* clang-format on */

static void
test_since(void **state)
{
	struct rules *r = parse_ok(
	    "name t\n"
	    "rule a_month required at-least 1 months-since(checked) \"m\"\n"
	    "rule recent advisory at-most 1 months-since(checked) \"r\"\n"
	    "rule held advisory at-least 1 years-since(checked) \"y\"\n");

	(void)state;
	run_cases(r, since_cases, sizeof(since_cases) / sizeof(since_cases[0]),
	    "since");
	rules_free(r);
}

/*
 * before N UNIT: on or before the as-of date less N; a licence issued
 * exactly a year before passes, a day later fails; 2024-02-29 less a
 * year is 2023-02-28.  The column: issued.
 */
/* clang-format off */
static const struct judge_case before_cases[] = {
	{ "2025-11-22", "2026-11-22", VERDICT_PASS, "PF",
	  { { "long_held", "issued 2025-11-22, needs 2025-05-22 or earlier "
	      "(18 months before 2026-11-22)" } } },
	{ "2025-11-23", "2026-11-22", VERDICT_FAIL, "FF",
	  { { "driving_licence", "issued 2025-11-23, needs 2025-11-22 or "
	      "earlier (1 year before 2026-11-22)" } } },
	{ "11/22/25", "2026-11-22", VERDICT_PASS, "PF", { { NULL, NULL } } },
	{ "2025-05-22", "2026-11-22", VERDICT_PASS, "PP", { { NULL, NULL } } },
	{ "2025-05-23", "2026-11-22", VERDICT_PASS, "PF", { { NULL, NULL } } },
	{ "2023-02-28", "2024-02-29", VERDICT_PASS, "PF",
	  { { "long_held", "issued 2023-02-28, needs 2022-08-29 or earlier "
	      "(18 months before 2024-02-29)" } } },
	{ "2023-03-01", "2024-02-29", VERDICT_FAIL, "FF",
	  { { "driving_licence", "issued 2023-03-01, needs 2023-02-28 or "
	      "earlier (1 year before 2024-02-29)" } } },
	{ "2026-11-22", "2026-11-22", VERDICT_FAIL, "FF",
	  { { "driving_licence", "issued 2026-11-22, needs 2025-11-22 or "
	      "earlier (1 year before 2026-11-22)" } } },
	{ "2026-11-23", "2026-11-22", VERDICT_REVIEW, "UU",
	  { { "driving_licence",
	      "issued: invalid value \"2026-11-23\" (after 2026-11-22)" } } },
	{ "1900-01-01", "2026-11-22", VERDICT_PASS, "PP", { { NULL, NULL } } },
	{ "", "2026-11-22", VERDICT_REVIEW, "UU",
	  { { "driving_licence", "issued: missing" } } },
	{ "last year", "2026-11-22", VERDICT_REVIEW, "UU",
	  { { "long_held", "issued: invalid value \"last year\"" } } },
};
/* clang-format on */

static void
test_before(void **state)
{
	struct rules *r = parse_ok(
	    "name t\n"
	    "rule driving_licence required before 1 year issued \"a year\"\n"
	    "rule long_held advisory before 18 months issued \"18 months\"\n");

	(void)state;
	run_cases(r, before_cases,
	    sizeof(before_cases) / sizeof(before_cases[0]), "before");
	rules_free(r);
}

/*
 * after N UNIT: on or after the as-of date plus N; any date, a past one
 * too.  2026-08-31 plus 6 months is 2027-02-28, 2027-08-31's is
 * 2028-02-29.  The columns: passport_expires, visa_expires.
 */
/* clang-format off */
static const struct judge_case after_cases[] = {
	{ "2027-05-22,2027-11-22", "2026-11-22", VERDICT_PASS, "PP",
	  { { "passport", "" } } },
	{ "2027-05-21,2027-11-21", "2026-11-22", VERDICT_FAIL, "FF",
	  { { "passport", "passport_expires 2027-05-21, needs 2027-05-22 or "
	      "later (6 months after 2026-11-22)" },
	    { "visa", "visa_expires 2027-11-21, needs 2027-11-22 or later "
	      "(1 year after 2026-11-22)" } } },
	{ "2027-01-10,2030-01-01", "2026-11-22", VERDICT_FAIL, "FP",
	  { { "passport", "passport_expires 2027-01-10, needs 2027-05-22 or "
	      "later (6 months after 2026-11-22)" } } },
	{ "2027-02-28,2027-08-31", "2026-08-31", VERDICT_PASS, "PP",
	  { { NULL, NULL } } },
	{ "2027-02-27,2027-08-30", "2026-08-31", VERDICT_FAIL, "FF",
	  { { "passport", "passport_expires 2027-02-27, needs 2027-02-28 or "
	      "later (6 months after 2026-08-31)" } } },
	{ "2028-02-29,2028-08-31", "2027-08-31", VERDICT_PASS, "PP",
	  { { NULL, NULL } } },
	{ "2028-02-28,2028-08-31", "2027-08-31", VERDICT_FAIL, "FP",
	  { { "passport", "passport_expires 2028-02-28, needs 2028-02-29 or "
	      "later (6 months after 2027-08-31)" } } },
	{ "2024-08-29,2025-02-28", "2024-02-29", VERDICT_PASS, "PP",
	  { { NULL, NULL } } },
	{ "2024-08-28,2025-02-27", "2024-02-29", VERDICT_FAIL, "FF",
	  { { "visa", "visa_expires 2025-02-27, needs 2025-02-28 or later "
	      "(1 year after 2024-02-29)" } } },
	{ "2020-01-01,2026-11-22", "2026-11-22", VERDICT_FAIL, "FF",
	  { { "passport", "passport_expires 2020-01-01, needs 2027-05-22 or "
	      "later (6 months after 2026-11-22)" } } },
	{ "9999-12-31,12/31/99", "2026-11-22", VERDICT_PASS, "PF",
	  { { "visa", "visa_expires 1999-12-31, needs 2027-11-22 or later "
	      "(1 year after 2026-11-22)" } } },
	{ ",x", "2026-11-22", VERDICT_REVIEW, "UU",
	  { { "passport", "passport_expires: missing" },
	    { "visa", "visa_expires: invalid value \"x\"" } } },
};
/* clang-format on */

static void
test_after(void **state)
{
	struct rules *r = parse_ok(
	    "name t\n"
	    "rule passport required after 6 months passport_expires \"6 "
	    "months beyond\"\n"
	    "rule visa advisory after 1 year visa_expires \"a year\"\n");

	(void)state;
	run_cases(r, after_cases, sizeof(after_cases) / sizeof(after_cases[0]),
	    "after");
	rules_free(r);
}

/*
 * within N months DATE and within N months STATUS DATE.  The columns:
 * first_aid_course, status, separated_on, refresher_date.
 */
/* clang-format off */
static const struct judge_case within_cases[] = {
	{ "2026-05-22,active,,2026-10-22", "2026-11-22", VERDICT_PASS, "PPP",
	  { { NULL, NULL } } },
	{ "2026-05-21,retired,2025-05-22,2026-10-21", "2026-11-22",
	  VERDICT_FAIL, "FPF",
	  { { "first_aid", "first_aid_course 2026-05-21, before 2026-05-22 "
	      "(6 months before 2026-11-22)" },
	    { "refresher", "refresher_date 2026-10-21, before 2026-10-22 "
	      "(1 month before 2026-11-22)" } } },
	{ "2026-11-22,separated,2025-05-21,2026-11-22", "2026-11-22",
	  VERDICT_FAIL, "PFP",
	  { { "recency", "separated 2025-05-21, before 2025-05-22 "
	      "(18 months before 2026-11-22)" } } },
	{ "2026-11-23,active,2030-01-01,2026-11-23", "2026-11-22",
	  VERDICT_REVIEW, "UPU",
	  { { "first_aid", "first_aid_course: invalid value \"2026-11-23\" "
	      "(after 2026-11-22)" },
	    { "refresher", "refresher_date: invalid value \"2026-11-23\" "
	      "(after 2026-11-22)" } } },
	{ "2026-02-28,retired,2025-02-28,2026-07-31", "2026-08-31",
	  VERDICT_PASS, "PPP", { { NULL, NULL } } },
	{ "2026-02-27,retired,2025-02-27,2026-07-30", "2026-08-31",
	  VERDICT_FAIL, "FFF",
	  { { "first_aid", "first_aid_course 2026-02-27, before 2026-02-28 "
	      "(6 months before 2026-08-31)" },
	    { "recency", "separated 2025-02-27, before 2025-02-28 "
	      "(18 months before 2026-08-31)" } } },
	{ "2026-01-01,active,,2026-02-28", "2026-03-31", VERDICT_PASS, "PPP",
	  { { NULL, NULL } } },
	{ "2026-01-01,active,,2026-02-27", "2026-03-31", VERDICT_PASS, "PPF",
	  { { "refresher", "refresher_date 2026-02-27, before 2026-02-28 "
	      "(1 month before 2026-03-31)" } } },
	{ ",on leave,,", "2026-11-22", VERDICT_REVIEW, "UUU",
	  { { "first_aid", "first_aid_course: missing" },
	    { "recency", "status: invalid value \"on leave\"" } } },
	{ "2026-06-01,retired,,2026-11-01", "2026-11-22", VERDICT_REVIEW,
	  "PUP", { { "recency", "separated_on: missing" } } },
};
/* clang-format on */

static void
test_within_months(void **state)
{
	struct rules *r = parse_ok(
	    "name t\n"
	    "rule first_aid required within 6 months first_aid_course \"a\"\n"
	    "rule recency required within 18 months status separated_on "
	    "\"b\"\n"
	    "rule refresher advisory within 1 month refresher_date \"c\"\n");

	(void)state;
	run_cases(r, within_cases,
	    sizeof(within_cases) / sizeof(within_cases[0]), "within");
	rules_free(r);
}

/* one-of: case and the white space around a word are ignored. */
/* clang-format off */
static const struct judge_case one_of_cases[] = {
	{ "U.S. Citizen", "2026-11-22", VERDICT_PASS, "P", { { NULL, NULL } } },
	{ " u.s. citizen ", "2026-11-22", VERDICT_PASS, "P",
	  { { NULL, NULL } } },
	{ "AMERICAN", "2026-11-22", VERDICT_PASS, "P", { { NULL, NULL } } },
	{ "\tamerican\r\n", "2026-11-22", VERDICT_PASS, "P",
	  { { NULL, NULL } } },
	{ "French", "2026-11-22", VERDICT_FAIL, "F",
	  { { "citizenship", "citizenship \"French\", not one of "
	      "\"U.S. Citizen\", \"American\"" } } },
	{ " French ", "2026-11-22", VERDICT_FAIL, "F",
	  { { "citizenship", "citizenship \"French\", not one of "
	      "\"U.S. Citizen\", \"American\"" } } },
	{ "U.S.  Citizen", "2026-11-22", VERDICT_FAIL, "F",
	  { { "citizenship", "citizenship \"U.S.  Citizen\", not one of "
	      "\"U.S. Citizen\", \"American\"" } } },
	{ "Americans", "2026-11-22", VERDICT_FAIL, "F", { { NULL, NULL } } },
	{ "", "2026-11-22", VERDICT_REVIEW, "U",
	  { { "citizenship", "citizenship: missing" } } },
	{ " \t ", "2026-11-22", VERDICT_REVIEW, "U",
	  { { "citizenship", "citizenship: missing" } } },
};
/* clang-format on */

static void
test_one_of(void **state)
{
	struct rules *r = parse_ok(
	    "name t\n"
	    "rule citizenship required one-of citizenship [\"U.S. Citizen\", "
	    "American] \"citizen\"\n");

	(void)state;
	run_cases(r, one_of_cases,
	    sizeof(one_of_cases) / sizeof(one_of_cases[0]), "one-of");
	rules_free(r);
}

/*
 * Groups are three-valued, as Kleene's logic: the truth tables of
 * any-of, all-of and not, a criterion each, over members that pass
 * (yes), fail (no) or are unknown (empty).  The columns: a, b.
 */
/* clang-format off */
static const struct judge_case any_of_cases[] = {
	{ "yes,yes", "2026-11-22", VERDICT_PASS, "P", { { "g", "" } } },
	{ "yes,no", "2026-11-22", VERDICT_PASS, "P", { { NULL, NULL } } },
	{ "yes,", "2026-11-22", VERDICT_PASS, "P", { { NULL, NULL } } },
	{ "no,yes", "2026-11-22", VERDICT_PASS, "P", { { NULL, NULL } } },
	{ "no,no", "2026-11-22", VERDICT_FAIL, "F",
	  { { "g", "a: \"no\" and b: \"no\"" } } },
	{ "no,", "2026-11-22", VERDICT_REVIEW, "U",
	  { { "g", "a: \"no\" and b: missing" } } },
	{ ",yes", "2026-11-22", VERDICT_PASS, "P", { { NULL, NULL } } },
	{ ",no", "2026-11-22", VERDICT_REVIEW, "U",
	  { { "g", "a: missing and b: \"no\"" } } },
	{ ",", "2026-11-22", VERDICT_REVIEW, "U",
	  { { "g", "a: missing and b: missing" } } },
	{ "maybe,no", "2026-11-22", VERDICT_REVIEW, "U",
	  { { "g", "a: invalid value \"maybe\" and b: \"no\"" } } },
};

static const struct judge_case all_of_cases[] = {
	{ "yes,yes", "2026-11-22", VERDICT_PASS, "P", { { "g", "" } } },
	{ "yes,no", "2026-11-22", VERDICT_FAIL, "F", { { "g", "b: \"no\"" } } },
	{ "yes,", "2026-11-22", VERDICT_REVIEW, "U",
	  { { "g", "b: missing" } } },
	{ "no,yes", "2026-11-22", VERDICT_FAIL, "F", { { "g", "a: \"no\"" } } },
	{ "no,no", "2026-11-22", VERDICT_FAIL, "F",
	  { { "g", "a: \"no\" and b: \"no\"" } } },
	/* A failed all-of lists its failures only. */
	{ "no,", "2026-11-22", VERDICT_FAIL, "F", { { "g", "a: \"no\"" } } },
	{ ",yes", "2026-11-22", VERDICT_REVIEW, "U",
	  { { "g", "a: missing" } } },
	{ ",no", "2026-11-22", VERDICT_FAIL, "F", { { "g", "b: \"no\"" } } },
	{ ",", "2026-11-22", VERDICT_REVIEW, "U",
	  { { "g", "a: missing and b: missing" } } },
};

static const struct judge_case not_cases[] = {
	{ "yes", "2026-11-22", VERDICT_FAIL, "F",
	  { { "g", "must not hold: true a (a \"yes\")" } } },
	{ " Yes ", "2026-11-22", VERDICT_FAIL, "F",
	  { { "g", "must not hold: true a (a \"Yes\")" } } },
	{ "no", "2026-11-22", VERDICT_PASS, "P", { { "g", "" } } },
	{ "", "2026-11-22", VERDICT_REVIEW, "U", { { "g", "a: missing" } } },
	{ "maybe", "2026-11-22", VERDICT_REVIEW, "U",
	  { { "g", "a: invalid value \"maybe\"" } } },
};
/* clang-format on */

static void
test_kleene(void **state)
{
	static const char any_text[] = "name t\n"
	                               "rule g required any-of \"a or b\"\n"
	                               "    true a\n"
	                               "\ttrue b\n"
	                               "end\n";
	static const char all_text[] = "name t\n"
	                               "rule g required all-of \"a and b\"\n"
	                               "    true a\n"
	                               "    true b\n"
	                               "end\n";
	static const char not_text[] =
	    "name t\nrule g required not true a \"not a\"\n";
	struct rules *r;

	(void)state;
	r = parse_ok(any_text);
	assert_true(rules_findings(r) > rules_count(r));
	run_cases(r, any_of_cases,
	    sizeof(any_of_cases) / sizeof(any_of_cases[0]), "any-of");
	rules_free(r);
	r = parse_ok(all_text);
	assert_true(rules_findings(r) > rules_count(r));
	run_cases(r, all_of_cases,
	    sizeof(all_of_cases) / sizeof(all_of_cases[0]), "all-of");
	rules_free(r);
	r = parse_ok(not_text);
	assert_true(rules_findings(r) > rules_count(r));
	run_cases(
	    r, not_cases, sizeof(not_cases) / sizeof(not_cases[0]), "not");
	rules_free(r);
}

/*
 * Nested groups: a member group's reason is in parentheses; not of a
 * group names the group's line; not of a test quotes the cells it read.
 * The columns: english, french, interpreter, banned, a, b, score, total.
 */
/* clang-format off */
static const struct judge_case nested_cases[] = {
	{ "70,,no,no,no,no,50,80", "2026-11-22", VERDICT_PASS, "PPP",
	  { { "lang", "" }, { "neither", "" } } },
	{ "50,,no,no,no,no,50,80", "2026-11-22", VERDICT_REVIEW, "UPP",
	  { { "lang", "english 50, needs 60 (short 10) and french: missing "
	      "and (interpreter: \"no\")" } } },
	{ "50,55,yes,no,yes,no,70,80", "2026-11-22", VERDICT_PASS, "PFF",
	  { { "neither", "must not hold: any-of (line 10)" },
	    { "capped", "must not hold: at-least 60 score not-above total "
	      "(score \"70\", total \"80\")" } } },
	{ "50,55,yes,yes,,,70,60", "2026-11-22", VERDICT_FAIL, "FUU",
	  { { "lang", "english 50, needs 60 (short 10) and french 55, needs "
	      "60 (short 5) and (must not hold: true banned (banned "
	      "\"yes\"))" },
	    { "neither", "(a: missing and b: missing)" } } },
	{ "50,55,yes,yes,,,70,60", "2026-11-22", VERDICT_FAIL, "FUU",
	  { { "capped", "score 70 is more than total 60" } } },
	{ "50,,yes,,no,no,,", "2026-11-22", VERDICT_REVIEW, "UPU",
	  { { "lang", "english 50, needs 60 (short 10) and french: missing "
	      "and (banned: missing)" },
	    { "capped", "score: missing" } } },
	{ "x,61,no,,no,yes,59,80", "2026-11-22", VERDICT_PASS, "PFP",
	  { { "neither", "must not hold: any-of (line 10)" } } },
};
/* clang-format on */

static void
test_nested(void **state)
{
	struct rules *r = parse_ok(
	    "name t\n"
	    "rule lang required any-of \"a language, or an interpreter\"\n"
	    "    at-least 60 english\n"
	    "    at-least 60 french\n"
	    "    all-of\n"
	    "        true interpreter\n"
	    "        not true banned\n"
	    "    end\n"
	    "end\n"
	    "rule neither advisory not any-of \"neither a nor b\"\n"
	    "    true a\n"
	    "    true b\n"
	    "end\n"
	    "rule capped advisory not at-least 60 score not-above total "
	    "\"c\"\n");

	(void)state;
	/* A finding per criterion, and one at least per member of each
	 * group (3 + 2 + 2). */
	assert_int_equal(rules_count(r), 3);
	assert_true(rules_findings(r) >= 3 + 7);
	assert_int_equal(rules_conditional(r), 0);
	run_cases(r, nested_cases,
	    sizeof(nested_cases) / sizeof(nested_cases[0]), "nested");
	rules_free(r);
}

/*
 * Tests nest at most 32 deep: a test under 31 nots or 31 groups is
 * read, under 32 it is not (at its line).
 */
static void
test_depth(void **state)
{
	static const struct {
		int nots; /* else groups */
		int levels;
		unsigned long line; /* 0: parses */
	} cases[] = {
		{ 1, 31, 0 },
		{ 1, 32, 2 },
		{ 1, 40, 2 },
		{ 0, 31, 0 },
		{ 0, 32, 34 },
	};
	char text[4096];
	struct error err;
	struct rules *r;
	size_t i, len;
	int k;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		len = (size_t)snprintf(
		    text, sizeof(text), "name t\nrule a required ");
		if (cases[i].nots) {
			for (k = 0; k < cases[i].levels; k++)
				len += (size_t)snprintf(
				    text + len, sizeof(text) - len, "not ");
			len += (size_t)snprintf(
			    text + len, sizeof(text) - len, "true b \"d\"\n");
		} else {
			len += (size_t)snprintf(
			    text + len, sizeof(text) - len, "any-of \"d\"\n");
			for (k = 1; k < cases[i].levels; k++)
				len += (size_t)snprintf(
				    text + len, sizeof(text) - len, "all-of\n");
			len += (size_t)snprintf(
			    text + len, sizeof(text) - len, "true b\n");
			for (k = 0; k < cases[i].levels; k++)
				len += (size_t)snprintf(
				    text + len, sizeof(text) - len, "end\n");
		}
		assert_true(len < sizeof(text));
		memset(&err, 0, sizeof(err));
		r = rules_parse(text, len, "t.rules", &err);
		if (cases[i].line == 0) {
			if (r == NULL)
				fail_msg(
				    "case %zu: %lu: %s", i, err.line, err.msg);
			rules_free(r);
			continue;
		}
		if (r != NULL)
			fail_msg("case %zu: parsed", i);
		assert_string_equal(
		    err.msg, "tests nested too deep (at most 32)");
		assert_int_equal(err.line, cases[i].line);
	}
}

/*
 * when: the criterion is judged when the condition's column holds the
 * word (or one of the words; case and blanks ignored), not applicable
 * otherwise, and when it is empty it may apply: a pass passes, anything
 * else is unknown.  The columns: firearms_test, mission, driving_test,
 * english, french.
 */
/* clang-format off */
static const struct judge_case when_cases[] = {
	{ "yes,armed,yes,yes,no", "2026-11-22", VERDICT_PASS, "PPP",
	  { { NULL, NULL } } },
	{ "no, ARMED ,yes,no,no", "2026-11-22", VERDICT_FAIL, "FPF",
	  { { "firearms", "firearms_test: \"no\"" },
	    { "lang", "english: \"no\" and french: \"no\"" } } },
	{ "no,unarmed,no,no,no", "2026-11-22", VERDICT_PASS, "NNN",
	  { { "firearms", "not applicable (mission \"unarmed\")" },
	    { "driving", "not applicable (mission \"unarmed\")" } } },
	{ "maybe, Unarmed ,,,", "2026-11-22", VERDICT_PASS, "NNN",
	  { { "lang", "not applicable (mission \"Unarmed\")" } } },
	{ "no,police unit,no,no,no", "2026-11-22", VERDICT_PASS, "NFN",
	  { { "firearms", "not applicable (mission \"police unit\")" },
	    { "driving", "driving_test: \"no\"" } } },
	{ "no,Police  Unit,no,no,no", "2026-11-22", VERDICT_PASS, "NNN",
	  { { NULL, NULL } } },
	/* The condition missing: it may apply. */
	{ "yes,,yes,yes,no", "2026-11-22", VERDICT_PASS, "PPP",
	  { { "firearms", "" } } },
	{ "no,,yes,no,yes", "2026-11-22", VERDICT_REVIEW, "UPP",
	  { { "firearms",
	      "firearms_test: \"no\" (mission: missing, so it may apply)" } } },
	{ ",,no,,", "2026-11-22", VERDICT_REVIEW, "UUU",
	  { { "firearms",
	      "firearms_test: missing (mission: missing, so it may apply)" },
	    { "lang", "english: missing and french: missing (mission: "
	      "missing, so it may apply)" } } },
	{ "no, \t ,no,no,no", "2026-11-22", VERDICT_REVIEW, "UUU",
	  { { "driving",
	      "driving_test: \"no\" (mission: missing, so it may apply)" } } },
};
/* clang-format on */

static void
test_when(void **state)
{
	struct rules *r = parse_ok(
	    "name t\n"
	    "rule firearms required true firearms_test when mission is armed "
	    "\"firearms test passed\"\n"
	    "rule driving advisory true driving_test when mission in [armed, "
	    "\"Police Unit\"] \"driving test passed\"\n"
	    "rule lang required any-of when mission in [ARMED] \"a language\"\n"
	    "    true english\n"
	    "    true french\n"
	    "end\n");
	struct rules *plain;

	(void)state;
	assert_int_equal(rules_conditional(r), 1);
	run_cases(
	    r, when_cases, sizeof(when_cases) / sizeof(when_cases[0]), "when");
	rules_free(r);
	plain = rules_default(NULL);
	assert_non_null(plain);
	assert_int_equal(rules_conditional(plain), 0);
	rules_free(plain);
}

/*
 * vocabulary: its words replace the usual ones for the column's true
 * tests (so the usual ones are invalid there), in either order; other
 * columns keep the usual words.  The columns: skills, flag, other.
 */
/* clang-format off */
static const struct judge_case vocabulary_cases[] = {
	{ "basic,yep,yes", "2026-11-22", VERDICT_PASS, "PPP",
	  { { NULL, NULL } } },
	{ "Very Good,YEP,y", "2026-11-22", VERDICT_PASS, "PPP",
	  { { NULL, NULL } } },
	{ " GOOD ,\tyep,1", "2026-11-22", VERDICT_PASS, "PPP",
	  { { NULL, NULL } } },
	{ "none,nope,yes", "2026-11-22", VERDICT_FAIL, "FFP",
	  { { "skills", "skills: \"none\"" }, { "flag", "flag: \"nope\"" } } },
	{ "yes,yes,yes", "2026-11-22", VERDICT_REVIEW, "UUP",
	  { { "skills", "skills: invalid value \"yes\"" },
	    { "flag", "flag: invalid value \"yes\"" } } },
	{ "no,n,no", "2026-11-22", VERDICT_FAIL, "UUF",
	  { { "skills", "skills: invalid value \"no\"" },
	    { "other", "other: \"no\"" } } },
	{ ",,basic", "2026-11-22", VERDICT_REVIEW, "UUU",
	  { { "skills", "skills: missing" },
	    { "other", "other: invalid value \"basic\"" } } },
	{ "very  good,yep,yes", "2026-11-22", VERDICT_REVIEW, "UPP",
	  { { "skills", "skills: invalid value \"very  good\"" } } },
};
/* clang-format on */

static void
test_vocabulary(void **state)
{
	struct rules *r = parse_ok(
	    "name t\n"
	    "vocabulary skills true [basic, good, \"very good\"] false "
	    "[none]\n"
	    "vocabulary Flag false [nope] true [yep]\n"
	    "rule skills required true skills \"computer skills\"\n"
	    "rule flag advisory true flag \"a flag\"\n"
	    "rule other required true other \"other\"\n");

	(void)state;
	run_cases(r, vocabulary_cases,
	    sizeof(vocabulary_cases) / sizeof(vocabulary_cases[0]),
	    "vocabulary");
	rules_free(r);
}

/*
 * "empty COLUMN fails": an empty cell fails the tests that read it (an
 * invalid one stays unknown); other columns' empty cells stay unknown.
 * The columns: score, done, dob, other, english, french.
 */
/* clang-format off */
static const struct judge_case empty_cases[] = {
	{ "70,yes,2000-01-01,yes,60,", "2026-11-22", VERDICT_PASS, "PPPPP",
	  { { NULL, NULL } } },
	{ ",,,yes,60,x", "2026-11-22", VERDICT_FAIL, "FFFPP",
	  { { "score", "score: missing" }, { "done", "done: missing" } } },
	{ " , ,\t,yes,,70", "2026-11-22", VERDICT_FAIL, "FFFPP",
	  { { "adult", "dob: missing" } } },
	{ "x,maybe,2/30/2000,yes,,", "2026-11-22", VERDICT_FAIL, "UUUPF",
	  { { "score", "score: invalid value \"x\"" },
	    { "lang", "english: missing and french: missing" } } },
	{ "70,yes,2000-01-01,,59,x", "2026-11-22", VERDICT_REVIEW, "PPPUU",
	  { { "other", "other: missing" },
	    { "lang", "english 59, needs 60 (short 1) and french: invalid "
	      "value \"x\"" } } },
	{ "70,yes,2030-01-01,yes,60,", "2026-11-22", VERDICT_REVIEW, "PPUPP",
	  { { "adult",
	      "dob: invalid value \"2030-01-01\" (after 2026-11-22)" } } },
};
/* clang-format on */

static void
test_empty_fails(void **state)
{
	struct rules *r =
	    parse_ok("name t\n"
	             "empty score fails\n"
	             "empty done fails\n"
	             "empty DOB fails\n"
	             "rule score required at-least 60 score \"score\"\n"
	             "rule done required true done \"done\"\n"
	             "rule adult required at-least 18 age(dob) \"adult\"\n"
	             "rule other required true other \"other\"\n"
	             "rule lang required any-of \"a language\"\n"
	             "    at-least 60 english\n"
	             "    at-least 60 french\n"
	             "end\n"
	             "empty english fails\n"
	             "empty french fails\n");

	(void)state;
	run_cases(r, empty_cases, sizeof(empty_cases) / sizeof(empty_cases[0]),
	    "empty");
	rules_free(r);
}

/* ---- Where a set comes from; the shipped sets. ---- */

struct source_case {
	const char *text;
	const char *source; /* NULL: none */
};

/* clang-format off */
static const struct source_case source_cases[] = {
	{ "name t\nsource \"INL, 2008\"\nrule a required true c \"d\"\n",
	  "INL, 2008" },
	{ "# x.rules - the comment\nname t\nsource \"say \\\"hi\\\" \\\\\"\n"
	  "rule a required true c \"d\"\n", "say \"hi\" \\" },
	/* The first paragraph of the opening comment, on one line, less
	 * a leading "FILE - ". */
	{ "# my.rules - the set for X,\n#   continued here.\n#\n# more\n"
	  "name t\nrule a required true c \"d\"\n",
	  "the set for X, continued here." },
	{ "# my.rules - the set\r\n# again\r\n\r\nname t\r\n"
	  "rule a required true c \"d\"\r\n", "the set again" },
	{ "\xef\xbb\xbf#Just words\nname t\nrule a required true c \"d\"\n",
	  "Just words" },
	{ "# a b - c\nname t\nrule a required true c \"d\"\n", "a b - c" },
	{ "# a - b - c\nname t\nrule a required true c \"d\"\n", "b - c" },
	/* No opening comment. */
	{ "name t\nrule a required true c \"d\"\n# late\n", NULL },
	{ "\n# after a blank line\nname t\nrule a required true c \"d\"\n",
	  NULL },
	{ "  # indented\nname t\nrule a required true c \"d\"\n", NULL },
};
/* clang-format on */

static void
test_source(void **state)
{
	struct rules *r;
	const char *s;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(source_cases) / sizeof(source_cases[0]); i++) {
		r = parse_ok(source_cases[i].text);
		s = rules_source(r);
		if (source_cases[i].source == NULL) {
			if (s != NULL)
				fail_msg("case %zu: source \"%s\"", i, s);
		} else {
			if (s == NULL)
				fail_msg("case %zu: no source", i);
			if (strcmp(s, source_cases[i].source) != 0)
				fail_msg("case %zu: \"%s\", expected \"%s\"", i,
				    s, source_cases[i].source);
		}
		rules_free(r);
	}
}

/*
 * The shipped sets: named by their files, the default first; each is its
 * file's text (the same hash), with its source.
 */
static void
test_shipped(void **state)
{
	static const struct {
		const char *name;
		const char *file;
		const char *set_name;
		size_t count;
		const char *source;
	} sets[] = {
		{ "civpol-2008", "data/civpol-2008.rules", "civpol-inl-2008",
		    12,
		    "the minimum qualifications for U.S. international "
		    "civilian police (CIVPOL) service, as published by the "
		    "U.S. Department of State's Bureau of International "
		    "Narcotics and Law Enforcement Affairs (INL), October "
		    "2008." },
		{ "unpol-ipo", "data/unpol-ipo.rules", "unpol-ipo", 14,
		    "UN Police Division Minimum Recruitment Requirements "
		    "(United Nations Peacekeeping, un.org), and the 2012 SOP "
		    "on the Assessment of Individual Police Officers" },
	};
	static const char *const unknown[] = { "nope", "", "UNPOL-IPO",
		"unpol-ipo.rules", "data/unpol-ipo.rules", "civpol" };
	struct rules *r, *disk, *def;
	struct error err;
	char *text;
	size_t i, len;

	(void)state;
	for (i = 0; i < sizeof(sets) / sizeof(sets[0]); i++) {
		assert_non_null(rules_shipped_name(i));
		assert_string_equal(rules_shipped_name(i), sets[i].name);
		r = rules_shipped(sets[i].name, &err);
		if (r == NULL)
			fail_msg(
			    "%s: %lu: %s", sets[i].name, err.line, err.msg);
		text = slurp(sets[i].file);
		disk = rules_parse(text, strlen(text), sets[i].file, &err);
		if (disk == NULL)
			fail_msg(
			    "%s: %lu: %s", sets[i].file, err.line, err.msg);
		assert_string_equal(rules_hash(r), rules_hash(disk));
		assert_memory_equal(
		    rules_text(r, &len), text, strlen(text) + 1);
		assert_int_equal(len, strlen(text));
		assert_same_set(r, disk);
		assert_string_equal(rules_name(r), sets[i].set_name);
		assert_int_equal(rules_count(r), sets[i].count);
		assert_non_null(rules_source(r));
		assert_string_equal(rules_source(r), sets[i].source);
		assert_string_equal(rules_source(disk), sets[i].source);
		rules_free(disk);
		rules_free(r);
		free(text);
	}
	assert_null(rules_shipped_name(i));
	assert_null(rules_shipped_name(i + 1));
	assert_null(rules_shipped_name((size_t)-1));
	/* The default is the first shipped set. */
	def = rules_default(&err);
	assert_non_null(def);
	r = rules_shipped(rules_shipped_name(0), &err);
	assert_non_null(r);
	assert_string_equal(rules_hash(def), rules_hash(r));
	assert_string_equal(rules_source(def), sets[0].source);
	rules_free(r);
	rules_free(def);
	/* No set of that name: NULL, and err untouched. */
	for (i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++) {
		memset(&err, 0, sizeof(err));
		err.line = 777;
		assert_null(rules_shipped(unknown[i], &err));
		assert_int_equal(err.line, 777);
		assert_null(err.file);
		assert_string_equal(err.msg, "");
	}
}

/*
 * The unpol-ipo set judged.  Its columns: date_of_birth,
 * police_experience_years, employment_status, separation_date,
 * language_test_english, language_test_french, driving_licence_issued,
 * driving_test, firearms_test, computer_skills, previous_un_mission,
 * map_reading, negotiation, interviewing, first_aid.  Its criteria: age
 * age_preferred experience service_recency language driving_licence
 * driving_test firearms_test computer_skills previous_un_mission
 * map_reading negotiation interviewing first_aid.
 */
/* clang-format off */
static const struct judge_case unpol_cases[] = {
	{ "1980-05-01,10,active,,75,,2010-01-01,pass,passed,basic,yes,yes,"
	  "yes,yes,yes", "2026-11-22", VERDICT_PASS, "PPPPPPPPPPPPPP",
	  { { NULL, NULL } } },
	{ "1963-11-22,4.5,retired,2021-11-21,59,,2025-11-23,fail,yes,yes,no,"
	  "no,no,no,no", "2026-11-22", VERDICT_FAIL, "FFFFFFFPPFFFFF",
	  { { "age", "age 63 on 2026-11-22, must be between 25 and 62" },
	    { "age_preferred", "age 63 on 2026-11-22, must be at most 54" } } },
	{ "1963-11-22,4.5,retired,2021-11-21,59,,2025-11-23,fail,yes,yes,no,"
	  "no,no,no,no", "2026-11-22", VERDICT_FAIL, "FFFFFFFPPFFFFF",
	  { { "experience", "experience 4.5 years, needs 5 (short 0.5)" },
	    { "service_recency", "separated 2021-11-21, before 2021-11-22 "
	      "(5 years before 2026-11-22)" } } },
	{ "1963-11-22,4.5,retired,2021-11-21,59,,2025-11-23,fail,yes,yes,no,"
	  "no,no,no,no", "2026-11-22", VERDICT_FAIL, "FFFFFFFPPFFFFF",
	  { { "language", "language_test_english 59, needs 60 (short 1) and "
	      "language_test_french: missing" },
	    { "driving_licence", "driving_licence_issued 2025-11-23, needs "
	      "2025-11-22 or earlier (1 year before 2026-11-22)" } } },
	{ "2001-11-23,5,separated,2021-11-22,,61,2025-11-22,yes,yes,advanced,"
	  ",,,,", "2026-11-22", VERDICT_FAIL, "FPPPPPPPPUUUUU",
	  { { "age", "age 24 on 2026-11-22, must be between 25 and 62" },
	    { "first_aid", "first_aid: missing" } } },
	{ "1990-01-01,5,active,,,,2020-01-01,yes,yes,t,yes,yes,yes,yes,yes",
	  "2026-11-22", VERDICT_FAIL, "PPPPFPPPUPPPPP",
	  { { "language", "language_test_english: missing and "
	      "language_test_french: missing" },
	    { "computer_skills", "computer_skills: invalid value \"t\"" } } },
	{ "1990-01-01,5,active,,x,70,2027-01-01,yes,yes,none,yes,yes,yes,yes,"
	  "yes", "2026-11-22", VERDICT_FAIL, "PPPPPUPPFPPPPP",
	  { { "driving_licence", "driving_licence_issued: invalid value "
	      "\"2027-01-01\" (after 2026-11-22)" },
	    { "computer_skills", "computer_skills: \"none\"" } } },
	{ "1990-01-01,5,active,,x,,2020-01-01,yes,yes,good,yes,yes,yes,yes,"
	  "yes", "2026-11-22", VERDICT_REVIEW, "PPPPUPPPPPPPPP",
	  { { "language", "language_test_english: invalid value \"x\" and "
	      "language_test_french: missing" } } },
	{ "1972-11-22,5,active,,60,,2020-01-01,yes,yes,good,yes,yes,yes,yes,"
	  "yes", "2026-11-22", VERDICT_PASS, "PPPPPPPPPPPPPP",
	  { { NULL, NULL } } },
	{ "1971-11-22,5,active,,60,,2020-01-01,yes,yes,good,yes,yes,yes,yes,"
	  "yes", "2026-11-22", VERDICT_PASS, "PFPPPPPPPPPPPP",
	  { { "age_preferred", "age 55 on 2026-11-22, must be at most 54" } } },
};
/* clang-format on */

static void
test_judge_unpol(void **state)
{
	struct error err;
	struct rules *r;

	(void)state;
	r = rules_shipped("unpol-ipo", &err);
	if (r == NULL)
		fail_msg("unpol-ipo: %lu: %s", err.line, err.msg);
	assert_true(rules_findings(r) > rules_count(r));
	assert_int_equal(rules_conditional(r), 0);
	run_cases(r, unpol_cases, sizeof(unpol_cases) / sizeof(unpol_cases[0]),
	    "unpol-ipo");
	rules_free(r);
}

/* ---- A data source's words: rules_translate(). ---- */

/*
 * Translations apply to the columns the set reads (by header_match()),
 * the first that matches winning; "" makes a cell missing; translations
 * of other columns change nothing; reasons quote the cell as the sheet
 * has it.  The columns: us_citizen, firearms_test, mission, status, sep.
 */
/* clang-format off */
static const struct judge_case translate_cases[] = {
	{ "U.S. Citizen,yes,FPU,active,", "2026-11-22", VERDICT_PASS, "PPP",
	  { { NULL, NULL } } },
	{ " u.s. CITIZEN ,yes,Formed Unit,On Leave,", "2026-11-22",
	  VERDICT_PASS, "PPP", { { NULL, NULL } } },
	{ "citizen,yes,armed,active,", "2026-11-22", VERDICT_PASS, "PPP",
	  { { NULL, NULL } } },
	{ "Foreign,yes,armed,active,", "2026-11-22", VERDICT_FAIL, "FPP",
	  { { "cit", "us_citizen: \"Foreign\"" } } },
	{ "unknown,yes,armed,active,", "2026-11-22", VERDICT_REVIEW, "UPP",
	  { { "cit", "us_citizen: missing" } } },
	{ "yes,yes,armed,active,", "2026-11-22", VERDICT_PASS, "PPP",
	  { { NULL, NULL } } },
	{ "maybe,yes,armed,active,", "2026-11-22", VERDICT_REVIEW, "UPP",
	  { { "cit", "us_citizen: invalid value \"maybe\"" } } },
	{ "yes,no,Police,active,", "2026-11-22", VERDICT_PASS, "PNP",
	  { { "firearms", "not applicable (mission \"Police\")" } } },
	{ "yes,no,FPU,active,", "2026-11-22", VERDICT_FAIL, "PFP",
	  { { "firearms", "firearms_test: \"no\"" } } },
	{ "yes,no,N/A,active,", "2026-11-22", VERDICT_REVIEW, "PUP",
	  { { "firearms",
	      "firearms_test: \"no\" (mission: missing, so it may apply)" } } },
	{ "yes,yes,armed,Sabbatical,", "2026-11-22", VERDICT_REVIEW, "PPU",
	  { { "recent", "status: invalid value \"Sabbatical\"" } } },
};
/* clang-format on */

static void
test_translate(void **state)
{
	static const struct translation tr[] = {
		{ "us_citizen", "U.S. Citizen", 12, "yes", 3 },
		{ "US Citizen", "citizen", 7, "yes", 3 },
		/* Shadowed by the line before: the first match wins. */
		{ "us_citizen", "CITIZEN", 7, "no", 2 },
		{ "U.S.Citizen", "Foreign", 7, "no", 2 },
		{ "us_citizen", "unknown", 7, "", 0 },
		{ "mission", "FPU", 3, "armed", 5 },
		{ "mission", "formed unit", 11, "armed", 5 },
		{ "mission", "n/a", 3, "", 0 },
		{ "status", "on leave", 8, "active", 6 },
		/* Columns the set does not read. */
		{ "employment_status", "Sabbatical", 10, "active", 6 },
		{ "us_citizen_2", "maybe", 5, "yes", 3 },
		{ "---", "maybe", 5, "yes", 3 },
		{ "", "maybe", 5, "yes", 3 },
	};
	static const char text[] =
	    "name t\n"
	    "rule cit required true us_citizen \"citizen\"\n"
	    "rule firearms required true firearms_test when mission is armed "
	    "\"firearms\"\n"
	    "rule recent required within 1 year status sep \"r\"\n";
	/* With the first two words only, then none: the cells read as the
	 * sheet has them. */
	static const struct judge_case first_two[] = {
		{ "U.S. Citizen,yes,FPU,active,", "2026-11-22", VERDICT_PASS,
		    "PNP",
		    { { "firearms", "not applicable (mission \"FPU\")" } } },
		{ "Foreign,yes,armed,active,", "2026-11-22", VERDICT_REVIEW,
		    "UPP",
		    { { "cit", "us_citizen: invalid value \"Foreign\"" } } },
	};
	static const struct judge_case untranslated[] = {
		{ "U.S. Citizen,yes,FPU,active,", "2026-11-22", VERDICT_REVIEW,
		    "UNP",
		    { { "cit", "us_citizen: invalid value \"U.S. Citizen\"" },
		        { "firearms", "not applicable (mission \"FPU\")" } } },
	};
	struct error err;
	struct rules *r = parse_ok(text);
	char hash[13];

	(void)state;
	(void)snprintf(hash, sizeof(hash), "%s", rules_hash(r));
	assert_int_equal(
	    rules_translate(r, tr, sizeof(tr) / sizeof(tr[0]), &err), 0);
	assert_string_equal(rules_hash(r), hash);
	run_cases(r, translate_cases,
	    sizeof(translate_cases) / sizeof(translate_cases[0]), "translate");
	/* Translating again replaces the words; none leaves none. */
	assert_int_equal(rules_translate(r, tr, 2, &err), 0);
	run_cases(r, first_two, sizeof(first_two) / sizeof(first_two[0]),
	    "first two");
	assert_int_equal(rules_translate(r, NULL, 0, &err), 0);
	run_cases(r, untranslated, 1, "untranslated");
	/* Only words for other columns: as if none. */
	assert_int_equal(rules_translate(r, tr + 9, 4, &err), 0);
	run_cases(r, untranslated, 1, "unrelated");
	rules_free(r);
}

/*
 * Three ways to judge a true test give the same findings and reasons,
 * and the same as value_bool(): the plain fast loop; the slower one
 * that a set takes when a profile's word is present (here for a word no
 * cell holds), which reads the usual words from ruletest_true.c's own
 * list; and a vocabulary line that spells out the usual words.  This
 * pins that list to value_bool()'s words.
 */
static void
test_true_paths(void **state)
{
	static const char *const cells[] = { "yes", " yes ", "\tY", "TRUE",
		"True", "t", "T", "1", "x", "X", "pass", "Passed", "PASS", "no",
		"No", "n", "N", "false", "FALSE", "f", "0", "fail", "FAILED",
		"failed", "\v yes \f", "\r\nno\r\n", "", " ", "\t", "maybe",
		"ye", "yess", "2", "00", "01", "10", "nO", "tRuE", "passe",
		"fails", "oui", "\xc3\xa9", "y es", "+1", "1.0", "true.", "-",
		"yes\xc2\xa0", "nope", "none", "x x" };
	static const char plain_text[] =
	    "name t\nrule a required true c \"d\"\n";
	static const char vocab_text[] =
	    "name t\nvocabulary c true [yes, y, true, t, 1, x, pass, passed] "
	    "false [no, n, false, f, 0, fail, failed]\n"
	    "rule a required true c \"d\"\n";
	static const struct translation never = { "c", "zzz-never", 9, "yes",
		3 };
	struct rules *r[3];
	struct finding f[3][4];
	struct field field;
	struct record rec;
	struct error err;
	char reason[3][REASON_BUF];
	size_t col[1] = { 0 }, i, k;
	enum verdict v[3];
	enum value_status st;
	int32_t asof = 20779;
	int b = -1;

	(void)state;
	r[0] = parse_ok(plain_text);
	r[1] = parse_ok(plain_text);
	r[2] = parse_ok(vocab_text);
	assert_int_equal(rules_translate(r[1], &never, 1, &err), 0);
	for (k = 0; k < 3; k++)
		assert_true(rules_findings(r[k]) <= 4);
	memset(&rec, 0, sizeof(rec));
	rec.nfields = 1;
	rec.fields = &field;
	for (i = 0; i < sizeof(cells) / sizeof(cells[0]); i++) {
		field.ptr = cells[i];
		field.len = strlen(cells[i]);
		for (k = 0; k < 3; k++) {
			v[k] = rules_judge(r[k], &rec, col, asof, f[k]);
			(void)rules_reason(r[k], 0, &f[k][0], &rec, col, asof,
			    reason[k], sizeof(reason[k]));
		}
		st = value_bool(cells[i], strlen(cells[i]), &b);
		for (k = 1; k < 3; k++)
			if (v[k] != v[0] || !same_finding(&f[k][0], &f[0][0]) ||
			    strcmp(reason[k], reason[0]) != 0)
				fail_msg("\"%s\": way %zu: %s \"%s\", the "
				         "plain way: %s \"%s\"",
				    cells[i], k, verdict_name(v[k]), reason[k],
				    verdict_name(v[0]), reason[0]);
		if (f[0][0].outcome !=
		    (st == VALUE_OK ? (b ? OUTCOME_PASS : OUTCOME_FAIL)
		                    : OUTCOME_UNKNOWN))
			fail_msg("\"%s\": %c, but value_bool() says %d (%d)",
			    cells[i], outcome_letter(f[0][0].outcome), (int)st,
			    b);
	}
	/* A cell past the record's fields is missing, every way. */
	rec.nfields = 0;
	for (k = 0; k < 3; k++) {
		assert_int_equal(
		    rules_judge(r[k], &rec, col, asof, f[k]), VERDICT_REVIEW);
		(void)rules_reason(r[k], 0, &f[k][0], &rec, col, asof,
		    reason[k], sizeof(reason[k]));
		assert_string_equal(reason[k], "c: missing");
	}
	for (k = 0; k < 3; k++)
		rules_free(r[k]);
}

/* ---- The parser: the language's new lines and their errors. ---- */

#define R2 "name t\nrule a required "

/* clang-format off */
static const struct parse_case language_cases[] = {
	/* Success. */
	{ R2 "any-of \"d\"\n true b\n true c\nend\n", 0, 0, NULL, 1, "d" },
	{ R2 "all-of \"d\"\n any-of\n  true b\n  not true c\n end\n"
	  "\tat-least 1 e\nend  \t\nrule b advisory true f \"e\"\n", 0, 0,
	  NULL, 2, "e" },
	{ R2 "any-of \"d\"\n\n # a note\n true b\n\nend\n", 0, 0, NULL, 1,
	  "d" },
	{ R2 "any-of \"d\"\r\n true b\r\nend", 0, 0, NULL, 1, "d" },
	{ R2 "not not true b \"d\"\n", 0, 0, NULL, 1, "d" },
	{ R2 "not any-of \"d\"\n true b\nend\n", 0, 0, NULL, 1, "d" },
	{ R2 "true b when c is \"Police Unit\" \"d\"\n", 0, 0, NULL, 1, "d" },
	{ R2 "true b when c in [x, \"y z\"] \"d\"\n", 0, 0, NULL, 1, "d" },
	{ R2 "any-of when c is x \"d\"\n true b\nend\n", 0, 0, NULL, 1, "d" },
	{ R2 "one-of b [x] \"d\"\n", 0, 0, NULL, 1, "d" },
	{ R2 "at-most 0 b \"d\"\n", 0, 0, NULL, 1, "d" },
	{ R2 "between 5 5 b \"d\"\n", 0, 0, NULL, 1, "d" },
	{ R2 "between 7.50 7.5 b \"d\"\n", 0, 0, NULL, 1, "d" },
	{ R2 "between 0 999999999.999999999 b \"d\"\n", 0, 0, NULL, 1, "d" },
	{ R2 "at-least 25 age(b) \"d\"\n", 0, 0, NULL, 1, "d" },
	{ R2 "at-least 2 years-since(b) not-above c \"d\"\n", 0, 0, NULL, 1,
	  "d" },
	{ R2 "at-most 6 months-since(U.S.-b) \"d\"\n", 0, 0, NULL, 1, "d" },
	{ R2 "after 6 months b \"d\"\nrule b required after 1 year b \"e\"\n"
	  "rule c required before 1 month b \"f\"\n"
	  "rule d required before 2 years b \"g\"\n"
	  "rule e required within 0 months b \"h\"\n"
	  "rule f required within 3 year s b \"i\"\n", 0, 0, NULL, 6, "i" },
	{ "name t\nsource \"INL\"\nvocabulary b false [n] true [y]\n"
	  "empty b fails\nrule a required true b \"d\"\n", 0, 0, NULL, 1,
	  "d" },

	/* Groups: a missing "end", at the next rule or the file's end. */
	{ R2 "any-of \"d\"\n true b\nrule b required true c \"e\"\n", 0, 4,
	  "missing \"end\" for the any-of on line 2", 0, NULL },
	{ R2 "all-of \"d\"\n true b\n", 0, 3,
	  "missing \"end\" for the all-of on line 2", 0, NULL },
	{ R2 "all-of \"d\"\n true b\n# done\n\n", 0, 5,
	  "missing \"end\" for the all-of on line 2", 0, NULL },
	{ R2 "any-of \"d\"\n all-of\n  true b\n", 0, 4,
	  "missing \"end\" for the all-of on line 3", 0, NULL },
	{ R2 "any-of \"d\"\n all-of\n  true b\n end\n", 0, 5,
	  "missing \"end\" for the any-of on line 2", 0, NULL },
	{ R2 "any-of \"d\"\n all-of\n  true b\nrule b required true c \"e\"\n",
	  0, 5, "missing \"end\" for the all-of on line 3", 0, NULL },
	{ R2 "not any-of \"d\"\n true b\n", 0, 3,
	  "missing \"end\" for the any-of on line 2", 0, NULL },
	/* "end" with no group; an empty group; what follows a member. */
	{ R2 "true b \"d\"\nend\n", 0, 3, "\"end\" with no group to end", 0,
	  NULL },
	{ "name t\nend\n", 0, 2, "\"end\" with no group to end", 0, NULL },
	{ R2 "any-of \"d\"\n true b\nend\nend\n", 0, 5,
	  "\"end\" with no group to end", 0, NULL },
	{ R2 "any-of \"d\"\nend\n", 0, 3,
	  "empty any-of (from line 2): a group needs members", 0, NULL },
	{ R2 "any-of \"d\"\n all-of\n end\n true b\nend\n", 0, 4,
	  "empty all-of (from line 3): a group needs members", 0, NULL },
	{ R2 "not all-of \"d\"\n\nend\n", 0, 4,
	  "empty all-of (from line 2): a group needs members", 0, NULL },
	{ R2 "any-of \"d\"\n true b\nend x\n", 0, 4,
	  "unexpected \"x\" after \"end\"", 0, NULL },
	{ R2 "any-of \"d\"\n true b c\nend\n", 0, 3,
	  "unexpected \"c\" after the test", 0, NULL },
	{ R2 "any-of \"d\"\n true b \"e\"\nend\n", 0, 3,
	  "unexpected \"\\\"e\\\"\" after the test", 0, NULL },
	{ R2 "any-of \"d\"\n true b when c is x\nend\n", 0, 3,
	  "unexpected \"when\" after the test", 0, NULL },
	{ R2 "any-of \"d\"\n all-of x\n true b\n end\nend\n", 0, 3,
	  "unexpected \"x\" after the test", 0, NULL },
	{ R2 "any-of \"d\"\n name x\nend\n", 0, 3,
	  "unknown test \"name\" (expected " TEST_LIST ")", 0, NULL },
	{ R2 "any-of \"d\"\n End\nend\n", 0, 3,
	  "unknown test \"End\" (expected " TEST_LIST ")", 0, NULL },
	{ R2 "any-of true b \"d\"\n", 0, 2,
	  "unexpected \"true\" before the description", 0, NULL },
	{ R2 "any-of\n", 0, 2, "missing description", 0, NULL },
	{ R2 "not \"d\"\n", 0, 2, "missing test (expected " TEST_LIST ")", 0,
	  NULL },
	{ R2 "not\n", 0, 2, "missing test (expected " TEST_LIST ")", 0, NULL },
	{ R2 "not x b \"d\"\n", 0, 2,
	  "unknown test \"x\" (expected " TEST_LIST ")", 0, NULL },

	/* Operands. */
	{ R2 "at-least 25 age( \"d\"\n", 0, 2,
	  "bad operand \"age(\" (expected age(COLUMN))", 0, NULL },
	{ R2 "at-least 25 age() \"d\"\n", 0, 2,
	  "bad operand \"age()\" (expected age(COLUMN))", 0, NULL },
	{ R2 "at-least 25 age(x \"d\"\n", 0, 2,
	  "bad operand \"age(x\" (expected age(COLUMN))", 0, NULL },
	{ R2 "at-least 25 age(x)y \"d\"\n", 0, 2,
	  "bad operand \"age(x)y\" (expected age(COLUMN))", 0, NULL },
	{ R2 "at-least 25 age(a b) \"d\"\n", 0, 2,
	  "bad operand \"age(a\" (expected age(COLUMN))", 0, NULL },
	{ R2 "at-most 3 years-since() \"d\"\n", 0, 2,
	  "bad operand \"years-since()\" (expected years-since(COLUMN))", 0,
	  NULL },
	{ R2 "between 1 2 months-since(x \"d\"\n", 0, 2,
	  "bad operand \"months-since(x\" (expected months-since(COLUMN))", 0,
	  NULL },
	{ R2 "at-least 25 age(---) \"d\"\n", 0, 2,
	  "bad column name \"---\" (no letter or digit)", 0, NULL },
	{ R2 "at-least 25 \"d\"\n", 0, 2, "missing column name", 0, NULL },
	{ R2 "at-most 62\n", 0, 2, "missing column name", 0, NULL },
	{ R2 "at-most x \"d\"\n", 0, 2, "bad number \"x\"", 0, NULL },
	{ R2 "at-most\n", 0, 2, "missing number after \"at-most\"", 0, NULL },
	{ R2 "at-most -1 b \"d\"\n", 0, 2, "bad number \"-1\"", 0, NULL },
	{ R2 "at-most 62 age(b) c \"d\"\n", 0, 2,
	  "unexpected \"c\" before the description", 0, NULL },

	/* between. */
	{ R2 "between 62 25 age(b) \"d\"\n", 0, 2,
	  "\"between\" needs its lower bound first", 0, NULL },
	{ R2 "between 7.51 7.5 b \"d\"\n", 0, 2,
	  "\"between\" needs its lower bound first", 0, NULL },
	{ R2 "between 25 age(b) \"d\"\n", 0, 2, "bad number \"age(b)\"", 0,
	  NULL },
	{ R2 "between 25 \"d\"\n", 0, 2, "missing number after \"between\"",
	  0, NULL },
	{ R2 "between\n", 0, 2, "missing number after \"between\"", 0, NULL },
	{ R2 "between 1 1000000000 b \"d\"\n", 0, 2,
	  "number too large \"1000000000\" (at most 999999999.999999999)", 0,
	  NULL },
	{ R2 "between 1 2.0000000001 b \"d\"\n", 0, 2,
	  "too many digits after the point in \"2.0000000001\" (at most 9)",
	  0, NULL },

	/* Units of after, before and within. */
	{ R2 "after 6 passport \"d\"\n", 0, 2,
	  "missing unit after \"after 6\" (years or months)", 0, NULL },
	{ R2 "before 1 \"d\"\n", 0, 2,
	  "missing unit after \"before 1\" (years or months)", 0, NULL },
	{ R2 "before 1\n", 0, 2,
	  "missing unit after \"before 1\" (years or months)", 0, NULL },
	{ R2 "after 6 weeks passport \"d\"\n", 0, 2,
	  "missing unit after \"after 6\" (years or months)", 0, NULL },
	{ R2 "after 6 Months passport \"d\"\n", 0, 2,
	  "missing unit after \"after 6\" (years or months)", 0, NULL },
	{ R2 "after 6.5 months p \"d\"\n", 0, 2,
	  "\"after\" takes a whole number of years or months", 0, NULL },
	{ R2 "before 1.0 year p \"d\"\n", 0, 2,
	  "\"before\" takes a whole number of years or months", 0, NULL },
	{ R2 "within 1.5 months p \"d\"\n", 0, 2,
	  "\"within\" takes a whole number of years or months", 0, NULL },
	{ R2 "after months p \"d\"\n", 0, 2, "bad number \"months\"", 0,
	  NULL },
	{ R2 "after\n", 0, 2, "missing number after \"after\"", 0, NULL },
	{ R2 "before \"d\"\n", 0, 2, "missing number after \"before\"", 0,
	  NULL },
	{ R2 "after 6 months \"d\"\n", 0, 2, "missing column name", 0, NULL },
	{ R2 "after 6 months p q \"d\"\n", 0, 2,
	  "unexpected \"q\" before the description", 0, NULL },
	{ R2 "within 6 months \"d\"\n", 0, 2, "missing column name", 0,
	  NULL },
	{ R2 "within 6 months s d e \"d\"\n", 0, 2,
	  "unexpected \"e\" before the description", 0, NULL },

	/* Lists. */
	{ R2 "one-of b [x, y \"d\"\n", 0, 2,
	  "unterminated list (missing ']')", 0, NULL },
	{ R2 "one-of b [\n", 0, 2, "unterminated list (missing ']')", 0,
	  NULL },
	{ R2 "one-of b [] \"d\"\n", 0, 2, "empty list (a word at least)", 0,
	  NULL },
	{ R2 "one-of b \"d\"\n", 0, 2, "missing word (a list in [ ])", 0,
	  NULL },
	{ R2 "one-of b\n", 0, 2, "missing word (a list in [ ])", 0, NULL },
	{ R2 "one-of b x \"d\"\n", 0, 2, "missing word (a list in [ ])", 0,
	  NULL },
	{ R2 "one-of b [x,,y] \"d\"\n", 0, 2, "empty word in the list", 0,
	  NULL },
	{ R2 "one-of b [x, \"\"] \"d\"\n", 0, 2, "empty word in the list", 0,
	  NULL },
	{ R2 "one-of b [\"x]\n", 0, 2, "unterminated word", 0, NULL },
	{ R2 "one-of b [\"x\\y\"] \"d\"\n", 0, 2,
	  "bad escape \"\\\\y\" in the word (only \\\" and \\\\)", 0, NULL },
	{ R2 "one-of b [x] y \"d\"\n", 0, 2,
	  "unexpected \"y\" before the description", 0, NULL },
	{ R2 "one-of [x] \"d\"\n", 0, 2, "missing word (a list in [ ])", 0,
	  NULL },

	/* when. */
	{ R2 "true b when c armed \"d\"\n", 0, 2,
	  "missing \"is\" or \"in\" after \"when c\"", 0, NULL },
	{ R2 "true b when c \"d\"\n", 0, 2,
	  "missing \"is\" or \"in\" after \"when c\"", 0, NULL },
	{ R2 "true b when c\n", 0, 2,
	  "missing \"is\" or \"in\" after \"when c\"", 0, NULL },
	{ R2 "true b when c IS x \"d\"\n", 0, 2,
	  "missing \"is\" or \"in\" after \"when c\"", 0, NULL },
	{ R2 "true b when \"d\"\n", 0, 2, "missing column name", 0, NULL },
	{ R2 "true b when --- is x \"d\"\n", 0, 2,
	  "bad column name \"---\" (no letter or digit)", 0, NULL },
	{ R2 "true b when c is\n", 0, 2, "missing value after \"is\"", 0,
	  NULL },
	{ R2 "true b when c is \"\" \"d\"\n", 0, 2,
	  "empty value after \"is\"", 0, NULL },
	{ R2 "true b when c is \"d\"\n", 0, 2, "missing description", 0,
	  NULL },
	{ R2 "true b when c in [] \"d\"\n", 0, 2,
	  "empty list (a value at least)", 0, NULL },
	{ R2 "true b when c in x \"d\"\n", 0, 2,
	  "missing value (a list in [ ])", 0, NULL },
	{ R2 "true b when c in [x \"d\"\n", 0, 2,
	  "unterminated list (missing ']')", 0, NULL },
	{ R2 "true b when c is x y \"d\"\n", 0, 2,
	  "unexpected \"y\" before the description", 0, NULL },
	{ R2 "true b when c is x when e is y \"d\"\n", 0, 2,
	  "unexpected \"when\" before the description", 0, NULL },

	/* vocabulary. */
	{ "name t\nvocabulary z true [y] false [n]\n"
	  "rule a required true b \"d\"\n", 0, 2,
	  "vocabulary for \"z\", a column that no rule reads", 0, NULL },
	{ "name t\nvocabulary b true [y] false [n]\n"
	  "vocabulary B true [y] false [n]\nrule a required true b \"d\"\n",
	  0, 3, "vocabulary for \"B\" given twice (first on line 2)", 0,
	  NULL },
	{ "name t\nvocabulary\n", 0, 2, "missing column name", 0, NULL },
	{ "name t\nvocabulary ---\n", 0, 2,
	  "bad column name \"---\" (no letter or digit)", 0, NULL },
	{ "name t\nvocabulary b\n", 0, 2,
	  "missing \"true\" list in the vocabulary for \"b\"", 0, NULL },
	{ "name t\nvocabulary b true [y]\n", 0, 2,
	  "missing \"false\" list in the vocabulary for \"b\"", 0, NULL },
	{ "name t\nvocabulary b false [n]\n", 0, 2,
	  "missing \"true\" list in the vocabulary for \"b\"", 0, NULL },
	{ "name t\nvocabulary b true [y] true [z]\n", 0, 2,
	  "missing \"false\" list in the vocabulary for \"b\"", 0, NULL },
	{ "name t\nvocabulary b yes [y] false [n]\n", 0, 2,
	  "missing \"true\" list in the vocabulary for \"b\"", 0, NULL },
	{ "name t\nvocabulary b true y false [n]\n", 0, 2,
	  "missing word (a list in [ ])", 0, NULL },
	{ "name t\nvocabulary b true [] false [n]\n", 0, 2,
	  "empty list (a word at least)", 0, NULL },
	{ "name t\nvocabulary b true [y] false [n] x\n", 0, 2,
	  "unexpected \"x\" after the vocabulary", 0, NULL },

	/* empty COLUMN fails. */
	{ "name t\nrule a required true b \"d\"\n\nempty Z fails\n", 0, 4,
	  "\"empty ... fails\" for \"Z\", a column that no rule reads", 0,
	  NULL },
	{ "name t\nempty b fails\nempty B fails\n"
	  "rule a required true b \"d\"\n", 0, 3,
	  "\"empty B fails\" given twice (first on line 2)", 0, NULL },
	{ "name t\nempty\n", 0, 2, "missing column name", 0, NULL },
	{ "name t\nempty b\n", 0, 2, "missing \"fails\" after \"empty b\"", 0,
	  NULL },
	{ "name t\nempty b fail\n", 0, 2,
	  "missing \"fails\" after \"empty b\"", 0, NULL },
	{ "name t\nempty b fails x\n", 0, 2, "unexpected \"x\" after \"fails\"",
	  0, NULL },

	/* source. */
	{ "name t\nsource \"a\"\nsource \"b\"\n", 0, 3, "\"source\" given twice",
	  0, NULL },
	{ "name t\nsource INL\n", 0, 2, "missing source", 0, NULL },
	{ "name t\nsource\n", 0, 2, "missing source", 0, NULL },
	{ "name t\nsource \"\"\n", 0, 2, "empty source", 0, NULL },
	{ "name t\nsource \"a\" b\n", 0, 2, "unexpected \"b\" after the source",
	  0, NULL },
	{ "name t\nsource \"a\n", 0, 2, "unterminated source", 0, NULL },
};
/* clang-format on */

#undef R2

static void
test_parse_language(void **state)
{
	const struct parse_case *pc;
	struct error err;
	struct rules *r;
	size_t i, len;

	(void)state;
	for (i = 0; i < sizeof(language_cases) / sizeof(language_cases[0]);
	     i++) {
		pc = &language_cases[i];
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
			assert_string_equal(
			    rules_description(r, pc->count - 1), pc->desc);
			rules_free(r);
			continue;
		}
		if (r != NULL) {
			rules_free(r);
			fail_msg(
			    "case %zu: parsed, expected \"%s\"", i, pc->msg);
		}
		if (strcmp(err.msg, pc->msg) != 0 || err.line != pc->line)
			fail_msg("case %zu: got %lu: %s; expected %lu: %s", i,
			    err.line, err.msg, pc->line, pc->msg);
		assert_non_null(err.file);
		assert_string_equal(err.file, "t.rules");
	}
}

/*
 * rules_findings(): one finding at least per criterion, more for a set
 * with groups; rules_judge() writes none past it (see run_cases()).
 */
static void
test_findings(void **state)
{
	static const struct {
		const char *text;
		int more; /* nonzero: a set with groups */
	} cases[] = {
		{ "name t\nrule a required true b \"d\"\n", 0 },
		{ "name t\nrule a required any-of \"d\"\n true b\nend\n", 1 },
		{ "name t\nrule a required not true b \"d\"\n", 1 },
		{ "name t\nrule a required true b \"d\"\nrule c required "
		  "all-of \"e\"\n true b\n any-of\n  true c\n  true d\n "
		  "end\nend\n",
		    1 },
	};
	struct rules *r;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		r = parse_ok(cases[i].text);
		assert_true(rules_findings(r) >= rules_count(r));
		if (cases[i].more)
			assert_true(rules_findings(r) > rules_count(r));
		rules_free(r);
	}
	r = rules_default(NULL);
	assert_non_null(r);
	assert_true(rules_findings(r) >= rules_count(r));
	rules_free(r);
}

/*
 * not of a test quotes the cells the test read, in parentheses, as for
 * every kind: "must not hold: within 6 months d (d \"2026-11-01\")",
 * also for "within N UNIT DATE-COLUMN", whose date is in slot 1 with
 * slot 0 unused (once "d , d ...)", and the test's text with the blank
 * before the description).  The other kinds are in test_nested().
 */
static void
test_not_within_date(void **state)
{
	/* clang-format off */
	static const struct judge_case cases[] = {
		{ "2026-11-01", "2026-11-22", VERDICT_FAIL, "F",
		  { { "a", "must not hold: within 6 months d "
		      "(d \"2026-11-01\")" } } },
		{ "2026-01-01", "2026-11-22", VERDICT_PASS, "P",
		  { { "a", "" } } },
	};
	/* clang-format on */
	struct rules *r;

	(void)state;
	r = parse_ok("name t\nrule a required not within 6 months d \"x\"\n");
	run_cases(r, cases, sizeof(cases) / sizeof(cases[0]), "not within");
	rules_free(r);
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
		cmocka_unit_test(test_age),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_since),
		cmocka_unit_test(test_before),
		cmocka_unit_test(test_after),
		cmocka_unit_test(test_within_months),
		cmocka_unit_test(test_one_of),
		cmocka_unit_test(test_kleene),
		cmocka_unit_test(test_nested),
		cmocka_unit_test(test_depth),
		cmocka_unit_test(test_when),
		cmocka_unit_test(test_vocabulary),
		cmocka_unit_test(test_empty_fails),
		cmocka_unit_test(test_source),
		cmocka_unit_test(test_shipped),
		cmocka_unit_test(test_judge_unpol),
		cmocka_unit_test(test_translate),
		cmocka_unit_test(test_true_paths),
		cmocka_unit_test(test_parse_language),
		cmocka_unit_test(test_findings),
		cmocka_unit_test(test_not_within_date),
	};

	return cmocka_run_group_tests_name("rules", tests, NULL, NULL);
}
