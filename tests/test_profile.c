/*
 * test_profile.c - unit tests for the profile module: a source profile
 * parsed (its name, hash, column maps and translations, the list form
 * and "" as a meaning), every error message with its line, and a
 * profile's words applied to a rule set through rules_translate().
 * Every test is a table of cases and one loop over it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "profile.h"
#include "reader.h"
#include "rules.h"
#include "value.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_ITEMS 8

/* The hash as profile.h documents it (rules_hash()'s), independently. */
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

/* ---- Parsing. ---- */

struct map_want {
	const char *column;
	const char *header;
};

struct tr_want {
	const char *column;
	const char *from;
	const char *to;
};

struct profile_case {
	const char *text;
	size_t len; /* 0: strlen(text) */
	const char *name;
	struct map_want maps[MAX_ITEMS]; /* up to the first NULL column */
	struct tr_want tr[MAX_ITEMS];
};

/* clang-format off */
static const struct profile_case profile_cases[] = {
	{ "profile p\n", 0, "p", { { NULL, NULL } }, { { NULL, NULL, NULL } } },
	{ "# acme's export\n"
	  "profile acme-ats\n"
	  "\n"
	  "column us_citizen \"U.S. Citizen\"\n"
	  "column date_of_birth DOB\n"
	  "value us_citizen \"U.S. Citizen\" yes\n"
	  "value us_citizen [Foreign, \"Dual national\" other] no\n"
	  "value us_citizen unknown \"\"\n"
	  "value employment_status \"On leave\" active\n", 0, "acme-ats",
	  { { "us_citizen", "U.S. Citizen" }, { "date_of_birth", "DOB" },
	    { NULL, NULL } },
	  { { "us_citizen", "U.S. Citizen", "yes" },
	    { "us_citizen", "Foreign", "no" },
	    { "us_citizen", "Dual national", "no" },
	    { "us_citizen", "other", "no" },
	    { "us_citizen", "unknown", "" },
	    { "employment_status", "On leave", "active" },
	    { NULL, NULL, NULL } } },
	/* Escapes, blanks, CR LF and CR line ends, a byte order mark. */
	{ "\xef\xbb\xbfprofile\tx\r\n"
	  "\tcolumn  a  \"say \\\"hi\\\" \\\\\"  \r\n"
	  "value a \"  Y  \" \"yes please\"\r", 0, "x",
	  { { "a", "say \"hi\" \\" }, { NULL, NULL } },
	  { { "a", "  Y  ", "yes please" }, { NULL, NULL, NULL } } },
	/* The same word for two columns; a '#' inside a line is text. */
	{ "profile p\nvalue a x yes\nvalue b X no\nvalue c #1 \"#2\"\n", 0,
	  "p", { { NULL, NULL } },
	  { { "a", "x", "yes" }, { "b", "X", "no" }, { "c", "#1", "#2" },
	    { NULL, NULL, NULL } } },
	/* Column names keep their spelling. */
	{ "profile p\ncolumn U.S.Citizen \"Citizen?\"\n", 0, "p",
	  { { "U.S.Citizen", "Citizen?" }, { NULL, NULL } },
	  { { NULL, NULL, NULL } } },
	/* A list's trailing comma is no item. */
	{ "profile p\nvalue a [x,] y\n", 0, "p", { { NULL, NULL } },
	  { { "a", "x", "y" }, { NULL, NULL, NULL } } },
};
/* clang-format on */

static void
test_parse(void **state)
{
	const struct profile_case *pc;
	const struct column_map *maps;
	const struct translation *tr;
	struct profile *p;
	struct error err;
	char want[13];
	size_t i, k, n, len;

	(void)state;
	for (i = 0; i < NELEM(profile_cases); i++) {
		pc = &profile_cases[i];
		len = pc->len != 0 ? pc->len : strlen(pc->text);
		memset(&err, 0, sizeof(err));
		p = profile_parse(pc->text, len, "t.profile", &err);
		if (p == NULL)
			fail_msg("case %zu: %lu: %s", i, err.line, err.msg);
		assert_string_equal(profile_name(p), pc->name);
		expected_hash(pc->text, len, want);
		assert_string_equal(profile_hash(p), want);
		maps = profile_maps(p, &n);
		for (k = 0; pc->maps[k].column != NULL; k++) {
			assert_true(k < n);
			assert_string_equal(maps[k].column, pc->maps[k].column);
			assert_string_equal(maps[k].header, pc->maps[k].header);
		}
		assert_int_equal(n, k);
		tr = profile_translations(p, &n);
		for (k = 0; pc->tr[k].column != NULL; k++) {
			assert_true(k < n);
			assert_string_equal(tr[k].column, pc->tr[k].column);
			assert_int_equal(
			    tr[k].from_len, strlen(pc->tr[k].from));
			assert_memory_equal(
			    tr[k].from, pc->tr[k].from, tr[k].from_len);
			assert_int_equal(tr[k].to_len, strlen(pc->tr[k].to));
			assert_non_null(tr[k].to);
			assert_memory_equal(
			    tr[k].to, pc->tr[k].to, tr[k].to_len);
		}
		assert_int_equal(n, k);
		profile_free(p);
	}
	profile_free(NULL);
}

/* The text is copied: the profile outlives the caller's buffer. */
static void
test_copied(void **state)
{
	char text[] = "profile p\ncolumn a b\nvalue a x y\n";
	const struct translation *tr;
	const struct column_map *maps;
	struct profile *p;
	size_t n;

	(void)state;
	p = profile_parse(text, strlen(text), "t.profile", NULL);
	assert_non_null(p);
	memset(text, 'z', strlen(text));
	assert_string_equal(profile_name(p), "p");
	maps = profile_maps(p, &n);
	assert_int_equal(n, 1);
	assert_string_equal(maps[0].header, "b");
	tr = profile_translations(p, &n);
	assert_int_equal(n, 1);
	assert_string_equal(tr[0].from, "x");
	assert_string_equal(tr[0].to, "y");
	profile_free(p);
}

/* ---- Errors. ---- */

struct error_case {
	const char *text;
	size_t len; /* 0: strlen(text) */
	unsigned long line;
	const char *msg;
};

/* clang-format off */
static const struct error_case error_cases[] = {
	/* The profile line: missing, late, twice, bad. */
	{ "", 0, 1, "missing \"profile NAME\"" },
	{ "# c\n", 0, 1, "missing \"profile NAME\"" },
	{ "# c\n\n", 0, 2, "missing \"profile NAME\"" },
	{ "column a b\nprofile p\n", 0, 1, "\"profile NAME\" must come first" },
	{ "# c\nvalue a b c\n", 0, 2, "\"profile NAME\" must come first" },
	{ "profile p\nprofile q\n", 0, 2, "\"profile\" given twice" },
	{ "profile p\ncolumn a b\n\nprofile p\n", 0, 4,
	  "\"profile\" given twice" },
	{ "profile\n", 0, 1, "missing profile name" },
	{ "profile \"p\"\n", 0, 1, "missing profile name" },
	{ "profile p q\n", 0, 1, "unexpected \"q\" after the name" },
	/* Directives. */
	{ "profile p\nfoo bar\n", 0, 2, "unknown directive \"foo\"" },
	{ "profile p\nColumn a b\n", 0, 2, "unknown directive \"Column\"" },
	{ "profile p\nrule a required true c \"d\"\n", 0, 2,
	  "unknown directive \"rule\"" },
	{ "profile p\n\"column\" a b\n", 0, 2,
	  "unknown directive \"\\\"column\\\"\"" },
	{ "profile p\n\0", 11, 2, "NUL byte in profile" },
	{ "profile p\r\rfoo\r", 0, 3, "unknown directive \"foo\"" },
	/* Column lines. */
	{ "profile p\ncolumn\n", 0, 2, "missing column name" },
	{ "profile p\ncolumn \"a\" b\n", 0, 2, "missing column name" },
	{ "profile p\ncolumn --- b\n", 0, 2,
	  "bad column name \"---\" (no letter or digit)" },
	{ "profile p\ncolumn a\n", 0, 2, "missing header after \"a\"" },
	{ "profile p\ncolumn a  \t\n", 0, 2, "missing header after \"a\"" },
	{ "profile p\ncolumn a \"\"\n", 0, 2, "empty header" },
	{ "profile p\ncolumn a \"b\n", 0, 2, "unterminated header" },
	{ "profile p\ncolumn a \"b\\q\"\n", 0, 2,
	  "bad escape \"\\\\q\" in the header (only \\\" and \\\\)" },
	{ "profile p\ncolumn a b c\n", 0, 2, "unexpected \"c\" after the header" },
	{ "profile p\ncolumn a \"b\" \"c\"\n", 0, 2,
	  "unexpected \"\\\"c\\\"\" after the header" },
	/* A column twice, by its normal form. */
	{ "profile p\ncolumn a x\ncolumn a y\n", 0, 3,
	  "column \"a\" given twice (first on line 2)" },
	{ "profile p\ncolumn us_citizen x\n\ncolumn U.S.Citizen y\n", 0, 4,
	  "column \"U.S.Citizen\" given twice (first on line 2)" },
	/* Value lines. */
	{ "profile p\nvalue\n", 0, 2, "missing column name" },
	{ "profile p\nvalue _ x y\n", 0, 2,
	  "bad column name \"_\" (no letter or digit)" },
	{ "profile p\nvalue a\n", 0, 2, "missing word" },
	{ "profile p\nvalue a \"\" y\n", 0, 2, "empty word" },
	{ "profile p\nvalue a x\n", 0, 2, "missing meaning after the word" },
	{ "profile p\nvalue a [x, y]\n", 0, 2,
	  "missing meaning after the word" },
	{ "profile p\nvalue a x \"y\n", 0, 2, "unterminated meaning" },
	{ "profile p\nvalue a x y z\n", 0, 2,
	  "unexpected \"z\" after the meaning" },
	{ "profile p\nvalue a [] y\n", 0, 2, "empty list (a word at least)" },
	{ "profile p\nvalue a [x y\n", 0, 2,
	  "unterminated list (missing ']')" },
	{ "profile p\nvalue a [x,,y] z\n", 0, 2, "empty word in the list" },
	{ "profile p\nvalue a [x, \"\"] z\n", 0, 2, "empty word in the list" },
	{ "profile p\nvalue a [\"x] z\n", 0, 2, "unterminated word" },
	/* A value twice, ignoring case, by the column's normal form, in
	 * one list or two lines. */
	{ "profile p\nvalue a Yes y\nvalue a yes n\n", 0, 3,
	  "value \"yes\" of \"a\" given twice (first on line 2)" },
	{ "profile p\nvalue a [x, X] y\n", 0, 2,
	  "value \"X\" of \"a\" given twice (first on line 2)" },
	{ "profile p\nvalue a_b [x, y] 1\n# c\nvalue A.B [z, Y] 2\n", 0, 4,
	  "value \"Y\" of \"A.B\" given twice (first on line 2)" },
	{ "profile p\nvalue a \"U.S. Citizen\" yes\nvalue a \"u.s. citizen\" "
	  "no\n", 0, 3,
	  "value \"u.s. citizen\" of \"a\" given twice (first on line 2)" },
};
/* clang-format on */

static void
test_errors(void **state)
{
	const struct error_case *ec;
	struct profile *p;
	struct error err;
	size_t i, len;

	(void)state;
	for (i = 0; i < NELEM(error_cases); i++) {
		ec = &error_cases[i];
		len = ec->len != 0 ? ec->len : strlen(ec->text);
		memset(&err, 0, sizeof(err));
		err.line = 12345;
		p = profile_parse(ec->text, len, "t.profile", &err);
		if (p != NULL) {
			profile_free(p);
			fail_msg(
			    "case %zu: parsed, expected \"%s\"", i, ec->msg);
		}
		if (err.line != ec->line || strcmp(err.msg, ec->msg) != 0)
			fail_msg("case %zu: got %lu: %s; expected %lu: %s", i,
			    err.line, err.msg, ec->line, ec->msg);
		assert_non_null(err.file);
		assert_string_equal(err.file, "t.profile");
		/* A NULL err is allowed: the parse still fails. */
		assert_null(profile_parse(ec->text, len, "t.profile", NULL));
	}
}

/* ---- A profile's words applied to a rule set. ---- */

struct apply_case {
	const char *cells; /* us_citizen, mission, date_of_birth */
	enum verdict verdict;
	const char *outcomes;
	const char *reason; /* criterion 0's */
};

/*
 * The translations of a parsed profile applied with rules_translate():
 * a column the set does not read (employment_status, years) is left
 * alone; "" makes a cell empty; reasons quote the cell as the sheet
 * wrote it.
 */
static void
test_apply(void **state)
{
	static const char profile_text[] =
	    "profile acme\n"
	    "value us_citizen \"U.S. Citizen\" yes\n"
	    "value US.Citizen [Foreign, \"Dual national\"] no\n"
	    "value us_citizen unknown \"\"\n"
	    "value mission [\"Formed Unit\", FPU] armed\n"
	    "value date_of_birth n/a \"\"\n"
	    "value employment_status \"On leave\" active\n"
	    "value years lots 99\n";
	static const char rules_text[] =
	    "name t\n"
	    "rule cit required true us_citizen \"citizen\"\n"
	    "rule mission advisory one-of mission [armed, unarmed] \"m\"\n"
	    "rule age required at-least 25 age(date_of_birth) \"age\"\n";
	static const struct apply_case cases[] = {
		{ "U.S. Citizen,FPU,2000-01-01", VERDICT_PASS, "PPP", "" },
		{ " u.s. citizen ,formed unit,2000-01-01", VERDICT_PASS, "PPP",
		    "" },
		{ "yes,armed,2000-01-01", VERDICT_PASS, "PPP", "" },
		{ "Foreign,armed,2000-01-01", VERDICT_FAIL, "FPP",
		    "us_citizen: \"Foreign\"" },
		{ "dual NATIONAL,armed,2000-01-01", VERDICT_FAIL, "FPP",
		    "us_citizen: \"dual NATIONAL\"" },
		{ "unknown,armed,2000-01-01", VERDICT_REVIEW, "UPP",
		    "us_citizen: missing" },
		{ "maybe,armed,2000-01-01", VERDICT_REVIEW, "UPP",
		    "us_citizen: invalid value \"maybe\"" },
		{ "yes,Formed,2000-01-01", VERDICT_PASS, "PFP", "" },
		{ "yes,armed,n/a", VERDICT_REVIEW, "PPU", "" },
		{ "yes,armed,N/A", VERDICT_REVIEW, "PPU", "" },
	};
	const struct translation *tr;
	struct field fields[3];
	struct finding found[16];
	struct record rec;
	struct profile *p;
	struct error err;
	struct rules *r;
	char cells[128], got[4], reason[256], hash[13], *c;
	size_t col[3] = { 0, 1, 2 }, i, k, n;
	int32_t asof;
	enum verdict v;

	(void)state;
	p = profile_parse(
	    profile_text, strlen(profile_text), "t.profile", &err);
	if (p == NULL)
		fail_msg("%lu: %s", err.line, err.msg);
	r = rules_parse(rules_text, strlen(rules_text), "t.rules", &err);
	if (r == NULL)
		fail_msg("%lu: %s", err.line, err.msg);
	assert_true(rules_findings(r) <= NELEM(found));
	tr = profile_translations(p, &n);
	assert_int_equal(n, 9);
	(void)snprintf(hash, sizeof(hash), "%s", rules_hash(r));
	assert_int_equal(rules_translate(r, tr, n, &err), 0);
	/* The set's hash is its text's, whatever a profile's words. */
	assert_string_equal(rules_hash(r), hash);
	assert_int_equal(value_parse_iso("2026-11-22", &asof), 0);
	for (i = 0; i < NELEM(cases); i++) {
		(void)snprintf(cells, sizeof(cells), "%s", cases[i].cells);
		for (k = 0, c = cells; k < 3; k++) {
			fields[k].ptr = c;
			c += strcspn(c, ",");
			fields[k].len = (size_t)(c - fields[k].ptr);
			if (*c == ',')
				*c++ = '\0';
		}
		memset(&rec, 0, sizeof(rec));
		rec.nfields = 3;
		rec.fields = fields;
		v = rules_judge(r, &rec, col, asof, found);
		for (k = 0; k < 3; k++)
			got[k] = "PFUN"[found[k].outcome];
		got[3] = '\0';
		(void)rules_reason(
		    r, 0, &found[0], &rec, col, asof, reason, sizeof(reason));
		if (v != cases[i].verdict ||
		    strcmp(got, cases[i].outcomes) != 0 ||
		    strcmp(reason, cases[i].reason) != 0)
			fail_msg("case %zu: got %s %s \"%s\", expected %s %s "
			         "\"%s\"",
			    i, verdict_name(v), got, reason,
			    verdict_name(cases[i].verdict), cases[i].outcomes,
			    cases[i].reason);
	}
	rules_free(r);
	profile_free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_copied),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_apply),
	};

	return cmocka_run_group_tests_name("profile", tests, NULL, NULL);
}
