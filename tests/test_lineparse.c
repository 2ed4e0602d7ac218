/*
 * test_lineparse.c - unit tests for lineparse.c, the words of the
 * line-oriented files (rules files and profiles): line ends, the byte
 * order mark, comments and NUL bytes; words, runs and keywords; quoted
 * strings and their escapes; lists; what is left at a line's end; the
 * hash.  Every test is a table of cases and one loop over it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "error.h"
#include "lineparse.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Room for what a test reads: as much as a line of a case holds. */
#define ROOM 256

/* Starts lp on text (len bytes, or strlen(text) when 0) as a profile. */
static void
start(struct lineparse *lp, struct error *err, const char *text, size_t len)
{
	memset(err, 0, sizeof(*err));
	err->line = 12345;
	lineparse_init(lp, text, len != 0 ? len : strlen(text), "t.profile",
	    "profile", err);
}

/* The rest of lp's current line, from where it is, as a string. */
static const char *
rest(const struct lineparse *lp, char buf[ROOM])
{
	size_t n = lp->n - lp->i;

	assert_true(n < ROOM);
	memcpy(buf, lp->p + lp->i, n);
	buf[n] = '\0';
	return buf;
}

/* Fails the test unless err holds line and msg, for the named file. */
static void
assert_error(
    const struct error *err, unsigned long line, const char *msg, size_t i)
{
	if (err->line != line || strcmp(err->msg, msg) != 0)
		fail_msg("case %zu: got %lu: %s; expected %lu: %s", i,
		    err->line, err->msg, line, msg);
	assert_non_null(err->file);
	assert_string_equal(err->file, "t.profile");
}

/* ---- Lines. ---- */

/*
 * The lines lineparse_next() gives, each as "LINE:TEXT" (the line from
 * its first non-blank byte, without its end) joined by '|', then "=N"
 * for the line number at the end of the text, or "!N" for the NUL
 * error's line.
 */
struct lines_case {
	const char *text;
	size_t len; /* 0: strlen(text) */
	const char *lines;
};

/* clang-format off */
static const struct lines_case lines_cases[] = {
	/* Line ends: LF, CR LF, CR alone, none at the end. */
	{ "a\nb\n", 0, "1:a|2:b|=2" },
	{ "a\nb", 0, "1:a|2:b|=2" },
	{ "a\r\nb\r\n", 0, "1:a|2:b|=2" },
	{ "a\rb\r", 0, "1:a|2:b|=2" },
	{ "a\r\rb", 0, "1:a|3:b|=3" },
	{ "a\r\n\r\nb", 0, "1:a|3:b|=3" },
	{ "a\n\rb", 0, "1:a|3:b|=3" },
	{ "a\r\r\nb\n\r\n", 0, "1:a|3:b|=4" },
	{ "a\rb\nc\r\nd", 0, "1:a|2:b|3:c|4:d|=4" },
	/* Nothing at all: the end is said at line 1. */
	{ "", 0, "=1" },
	{ "\n", 0, "=1" },
	{ "\n\n\n", 0, "=3" },
	{ "\r\n\r\n", 0, "=2" },
	/* Blanks and comments are skipped; '#' later on a line is not a
	 * comment; blanks before a word are skipped, after it kept. */
	{ "# c\n  # d\n\t\n x \n", 0, "4:x |=4" },
	{ "a # b\n#\n", 0, "1:a # b|=2" },
	{ " \t#x\n\t y\t\n", 0, "2:y\t|=2" },
	{ "a\n# last\n", 0, "1:a|=2" },
	/* A UTF-8 byte order mark, only at the very start. */
	{ "\xef\xbb\xbf" "a\nb", 0, "1:a|2:b|=2" },
	{ "\xef\xbb\xbf", 0, "=1" },
	{ "\xef\xbb\xbf\r\n# c\r\na", 0, "3:a|=3" },
	{ "\xef\xbb\xbf\xef\xbb\xbf" "a", 0, "1:\xef\xbb\xbf" "a|=1" },
	{ "a\n\xef\xbb\xbf" "b", 0, "1:a|2:\xef\xbb\xbf" "b|=2" },
	{ "\xef\xbb", 0, "1:\xef\xbb|=1" },
	/* A NUL byte is an error on its line, in a comment or blank line
	 * too. */
	{ "a\nb\0c\n", 6, "1:a|!2" },
	{ "\0", 1, "!1" },
	{ "a\n# x\0\n", 7, "1:a|!2" },
	{ "a\n \0\nb", 6, "1:a|!2" },
	{ "a\r\rb\0", 5, "1:a|!3" },
};
/* clang-format on */

static void
test_lines(void **state)
{
	struct lineparse lp;
	struct error err;
	char got[ROOM], buf[ROOM];
	size_t i, len;
	int st;

	(void)state;
	for (i = 0; i < NELEM(lines_cases); i++) {
		start(&lp, &err, lines_cases[i].text, lines_cases[i].len);
		got[0] = '\0';
		len = 0;
		while ((st = lineparse_next(&lp)) > 0)
			len += (size_t)snprintf(got + len, sizeof(got) - len,
			    "%lu:%s|", lp.line, rest(&lp, buf));
		if (st == 0)
			(void)snprintf(
			    got + len, sizeof(got) - len, "=%lu", lp.line);
		else
			(void)snprintf(
			    got + len, sizeof(got) - len, "!%lu", err.line);
		if (strcmp(got, lines_cases[i].lines) != 0)
			fail_msg("case %zu: got \"%s\", expected \"%s\"", i,
			    got, lines_cases[i].lines);
		if (st < 0)
			assert_error(&err, lp.line, "NUL byte in profile", i);
		else
			assert_int_equal(err.line, 12345);
	}
}

/* The kind of file names itself in the NUL message. */
static void
test_nul_kind(void **state)
{
	static const char *const kinds[] = { "rules file", "profile", "x" };
	struct lineparse lp;
	struct error err;
	char want[64];
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(kinds); i++) {
		memset(&err, 0, sizeof(err));
		lineparse_init(&lp, "a\0", 2, "f", kinds[i], &err);
		assert_int_equal(lineparse_next(&lp), -1);
		(void)snprintf(want, sizeof(want), "NUL byte in %s", kinds[i]);
		assert_string_equal(err.msg, want);
		assert_string_equal(err.file, "f");
		assert_int_equal(err.line, 1);
	}
	/* Without an error to fill, the error still stops the reading. */
	lineparse_init(&lp, "a\0", 2, "f", "profile", NULL);
	assert_int_equal(lineparse_next(&lp), -1);
	assert_int_equal(lineparse_error(&lp, "x %d", 1), -1);
}

/* ---- Words. ---- */

/*
 * A script of calls on one line: each step is a letter, what it gave
 * is appended to the result:
 *   w  lineparse_word():     [TEXT] or -
 *   r  lineparse_run():      [TEXT] or -
 *   k  lineparse_keyword() of the case's keyword: 1 or 0
 *   p  lineparse_peek():     the byte, or -
 *   e  lineparse_at_end():   E (at the end) or .
 *   s  the rest of the line: {TEXT}
 */
struct words_case {
	const char *line;
	const char *keyword;
	const char *script;
	const char *result;
};

/* clang-format off */
static const struct words_case words_cases[] = {
	{ " foo  \"bar baz\" x", "", "wwsrrwwe",
	  "[foo]-{\"bar baz\" x}[\"bar][baz\"][x]-E" },
	{ "a\tb  ", "", "wpwpe", "[a]b[b]-E" },
	{ "a\tb  ", "", "ee", ".." },
	{ "rule x", "rul", "ksw", "0{rule x}[rule]" },
	{ "rule x", "rule", "ksw", "1{ x}[x]" },
	{ "rule x", "Rule", "kw", "0[rule]" },
	{ "rules x", "rule", "kw", "0[rules]" },
	{ "\"rule\" x", "rule", "kw", "0-" },
	{ "x  ", "rule", "wkwrpe", "[x]0---E" },
	{ "a\"b c", "", "ww", "[a\"b][c]" },
	{ "[a, b]", "", "pwr", "[[[a,][b]]" },
	{ "x #a", "", "wpw", "[x]#[#a]" },
	{ "\xc3\xa9t\xc3\xa9 x", "", "wp", "[\xc3\xa9t\xc3\xa9]x" },
};
/* clang-format on */

static void
test_words(void **state)
{
	const struct words_case *wc;
	struct lineparse lp;
	struct error err;
	char got[ROOM], buf[ROOM];
	const char *s, *step;
	size_t i, n, len;
	int c;

	(void)state;
	for (i = 0; i < NELEM(words_cases); i++) {
		wc = &words_cases[i];
		start(&lp, &err, wc->line, 0);
		assert_int_equal(lineparse_next(&lp), 1);
		len = 0;
		got[0] = '\0';
		for (step = wc->script; *step != '\0'; step++) {
			switch (*step) {
			case 'w':
			case 'r':
				if ((*step == 'w'
				            ? lineparse_word(&lp, &s, &n)
				            : lineparse_run(&lp, &s, &n)) != 0)
					len += (size_t)snprintf(
					    got + len, sizeof(got) - len, "-");
				else
					len += (size_t)snprintf(got + len,
					    sizeof(got) - len, "[%.*s]", (int)n,
					    s);
				break;
			case 'k':
				len += (size_t)snprintf(got + len,
				    sizeof(got) - len, "%d",
				    lineparse_keyword(&lp, wc->keyword));
				break;
			case 'p':
				c = lineparse_peek(&lp);
				if (c < 0)
					len += (size_t)snprintf(
					    got + len, sizeof(got) - len, "-");
				else
					len += (size_t)snprintf(got + len,
					    sizeof(got) - len, "%c", c);
				break;
			case 'e':
				len += (size_t)snprintf(got + len,
				    sizeof(got) - len, "%s",
				    lineparse_at_end(&lp) ? "E" : ".");
				break;
			default:
				len += (size_t)snprintf(got + len,
				    sizeof(got) - len, "{%s}", rest(&lp, buf));
				break;
			}
		}
		if (strcmp(got, wc->result) != 0)
			fail_msg("case %zu: got \"%s\", expected \"%s\"", i,
			    got, wc->result);
		/* Words never set an error. */
		assert_int_equal(err.line, 12345);
	}
}

/* lineparse_peek() gives a byte above 127 as a positive number. */
static void
test_peek_high_byte(void **state)
{
	struct lineparse lp;
	struct error err;

	(void)state;
	start(&lp, &err, " \xff", 0);
	assert_int_equal(lineparse_next(&lp), 1);
	assert_int_equal(lineparse_peek(&lp), 0xff);
}

/* ---- Quoted strings and strings. ---- */

/*
 * lineparse_string() or lineparse_quoted() after "x" on the second line
 * of "# c\nx LINE": what it read and what is left, or the error (always
 * at line 2).
 */
struct string_case {
	const char *line;
	int in_list;
	int quoted_only; /* 1: lineparse_quoted() instead */
	const char *value; /* NULL: an error */
	const char *left; /* the rest of the line, or the error */
};

/* clang-format off */
static const struct string_case string_cases[] = {
	/* Quoted: the escapes, an empty string, blanks kept inside. */
	{ "\"a \\\"b\\\" \\\\ c\" x", 0, 1, "a \"b\" \\ c", " x" },
	{ "\"\"", 0, 1, "", "" },
	{ "  \" a\tb \"y", 0, 1, " a\tb ", "y" },
	{ "\"a#b\"", 0, 1, "a#b", "" },
	{ "\"[a, b]\"", 1, 0, "[a, b]", "" },
	{ "\"\\\\\"", 0, 1, "\\", "" },
	{ "\"\xc3\xa9\"", 0, 1, "\xc3\xa9", "" },
	/* Quoted: errors. */
	{ "abc", 0, 1, NULL, "missing description" },
	{ "", 0, 1, NULL, "missing description" },
	{ "\"abc", 0, 1, NULL, "unterminated description" },
	{ "\"abc\\", 0, 1, NULL, "unterminated description" },
	{ "\"ab\\\"", 0, 1, NULL, "unterminated description" },
	{ "\"", 0, 1, NULL, "unterminated description" },
	{ "\"a\\nb\"", 0, 1, NULL,
	  "bad escape \"\\\\n\" in the description (only \\\" and \\\\)" },
	{ "\"a\\tb\"", 0, 0, NULL,
	  "bad escape \"\\\\t\" in the description (only \\\" and \\\\)" },
	{ "\"a\\'\"", 0, 1, NULL,
	  "bad escape \"\\\\'\" in the description (only \\\" and \\\\)" },
	{ "\"a\\\x01\"", 0, 1, NULL,
	  "bad escape \"\\\\\\x01\" in the description (only \\\" and "
	  "\\\\)" },
	/* Bare words: a blank ends one; in a list ',' and ']' too. */
	{ "abc def", 0, 0, "abc", " def" },
	{ "abc,def] x", 0, 0, "abc,def]", " x" },
	{ "abc,def] x", 1, 0, "abc", ",def] x" },
	{ "abc] x", 1, 0, "abc", "] x" },
	{ "a\"b\" c", 0, 0, "a\"b\"", " c" },
	{ "", 0, 0, NULL, "missing description" },
	{ "   ", 0, 0, NULL, "missing description" },
	{ ",a", 1, 0, NULL, "missing description" },
	{ "]", 1, 0, NULL, "missing description" },
	{ ",a", 0, 0, ",a", "" },
};
/* clang-format on */

static void
test_strings(void **state)
{
	const struct string_case *sc;
	struct lineparse lp;
	struct error err;
	char text[ROOM], dst[ROOM], buf[ROOM];
	size_t i, n;
	int st;

	(void)state;
	for (i = 0; i < NELEM(string_cases); i++) {
		sc = &string_cases[i];
		(void)snprintf(text, sizeof(text), "# c\nx %s", sc->line);
		start(&lp, &err, text, 0);
		assert_int_equal(lineparse_next(&lp), 1);
		assert_true(lineparse_keyword(&lp, "x"));
		memset(dst, '@', sizeof(dst));
		n = 999;
		st = sc->quoted_only
		    ? lineparse_quoted(&lp, "description", dst, &n)
		    : lineparse_string(
		          &lp, "description", sc->in_list, dst, &n);
		if (sc->value == NULL) {
			if (st == 0)
				fail_msg("case %zu: read \"%.*s\", expected "
				         "\"%s\"",
				    i, (int)n, dst, sc->left);
			assert_int_equal(st, -1);
			assert_error(&err, 2, sc->left, i);
			continue;
		}
		if (st != 0)
			fail_msg("case %zu: %s", i, err.msg);
		if (n != strlen(sc->value) || memcmp(dst, sc->value, n) != 0)
			fail_msg("case %zu: read \"%.*s\", expected \"%s\"", i,
			    (int)n, dst, sc->value);
		assert_string_equal(rest(&lp, buf), sc->left);
		assert_int_equal(err.line, 12345);
	}
}

/* ---- Lists. ---- */

/*
 * A list read with lineparse_list_open() and lineparse_list_item()
 * until either gives other than 1: the items as [ITEM], then "}" and
 * the rest of the line at the list's end, or "!" and the error.
 */
struct list_case {
	const char *line;
	const char *result;
};

/* clang-format off */
static const struct list_case list_cases[] = {
	{ "[a, b c,\"d e\"] x", "[a][b][c][d e]} x" },
	{ "[a b]", "[a][b]}" },
	{ "  [ a , b ]  ", "[a][b]}  " },
	{ "[a,b]]", "[a][b]}]" },
	{ "[\"U.S. Citizen\", American]", "[U.S. Citizen][American]}" },
	{ "[\"a,b\" \"c]\"]", "[a,b][c]]}" },
	{ "[\"say \\\"hi\\\"\"]", "[say \"hi\"]}" },
	{ "[x]\"d\"", "[x]}\"d\"" },
	/* An empty list is the caller's to refuse. */
	{ "[]", "}" },
	{ "[ ]", "}" },
	/* Errors. */
	{ "a, b", "!missing words (a list in [ ])" },
	{ "", "!missing words (a list in [ ])" },
	{ "\"[a]\"", "!missing words (a list in [ ])" },
	{ "[", "!unterminated list (missing ']')" },
	{ "[a", "[a]!unterminated list (missing ']')" },
	{ "[a,", "[a]!unterminated list (missing ']')" },
	{ "[a b \"d\"", "[a][b][d]!unterminated list (missing ']')" },
	{ "[a,,b]", "[a]!empty word in the list" },
	{ "[a, ,b]", "[a]!empty word in the list" },
	{ "[a, \"\"]", "[a]!empty word in the list" },
	{ "[\"\"]", "!empty word in the list" },
	{ "[\"a]", "!unterminated word" },
	{ "[\"a\\x\"]", "!bad escape \"\\\\x\" in the word (only \\\" and "
	  "\\\\)" },
};
/* clang-format on */

static void
test_lists(void **state)
{
	struct lineparse lp;
	struct error err;
	char got[ROOM], dst[ROOM], buf[ROOM];
	size_t i, n, len;
	int st;

	(void)state;
	for (i = 0; i < NELEM(list_cases); i++) {
		(void)snprintf(buf, sizeof(buf), "v %s", list_cases[i].line);
		start(&lp, &err, buf, 0);
		assert_int_equal(lineparse_next(&lp), 1);
		assert_true(lineparse_keyword(&lp, "v"));
		len = 0;
		got[0] = '\0';
		st = lineparse_list_open(&lp, "words");
		while (st == 0 &&
		    (st = lineparse_list_item(&lp, "word", dst, &n)) == 1) {
			len += (size_t)snprintf(got + len, sizeof(got) - len,
			    "[%.*s]", (int)n, dst);
			st = 0;
		}
		if (st == 0)
			(void)snprintf(got + len, sizeof(got) - len, "}%s",
			    rest(&lp, buf));
		else
			(void)snprintf(
			    got + len, sizeof(got) - len, "!%s", err.msg);
		if (strcmp(got, list_cases[i].result) != 0)
			fail_msg("case %zu: got \"%s\", expected \"%s\"", i,
			    got, list_cases[i].result);
		if (st != 0)
			assert_error(&err, 1, err.msg, i);
	}
}

/* ---- The end of a line. ---- */

struct end_case {
	const char *rest;
	const char *msg; /* NULL: at the end */
};

/* clang-format off */
static const struct end_case end_cases[] = {
	{ "", NULL },
	{ "  \t ", NULL },
	{ "x y", "unexpected \"x\" after the name" },
	{ "\"q\" r", "unexpected \"\\\"q\\\"\" after the name" },
	{ "#c", "unexpected \"#c\" after the name" },
	{ "a\x01", "unexpected \"a\\x01\" after the name" },
	{ "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijkl",
	  "unexpected \"abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz"
	  "abcdefgh\"... after the name" },
};
/* clang-format on */

static void
test_end(void **state)
{
	struct lineparse lp;
	struct error err;
	char buf[ROOM];
	size_t i;
	int st;

	(void)state;
	for (i = 0; i < NELEM(end_cases); i++) {
		(void)snprintf(
		    buf, sizeof(buf), "# c\nname %s\n# d\n", end_cases[i].rest);
		start(&lp, &err, buf, 0);
		assert_int_equal(lineparse_next(&lp), 1);
		assert_true(lineparse_keyword(&lp, "name"));
		st = lineparse_end(&lp, "after the name");
		if (end_cases[i].msg == NULL) {
			if (st != 0)
				fail_msg("case %zu: %s", i, err.msg);
			assert_int_equal(err.line, 12345);
			continue;
		}
		assert_int_equal(st, -1);
		assert_error(&err, 2, end_cases[i].msg, i);
	}
}

/* lineparse_error() formats at the current line; NULL err is allowed. */
static void
test_error(void **state)
{
	struct lineparse lp;
	struct error err;

	(void)state;
	start(&lp, &err, "a\n\nb\n", 0);
	assert_int_equal(lineparse_next(&lp), 1);
	assert_int_equal(lineparse_next(&lp), 1);
	assert_int_equal(lineparse_error(&lp, "bad %s %d", "thing", 7), -1);
	assert_error(&err, 3, "bad thing 7", 0);
	assert_int_equal(lineparse_next(&lp), 0);
	assert_int_equal(lineparse_error(&lp, "at the end"), -1);
	assert_error(&err, 3, "at the end", 0);
}

/* ---- The hash. ---- */

/* The top 48 bits of 64-bit FNV-1a, computed independently. */
struct hash_case {
	const char *text;
	size_t len; /* 0: strlen(text) */
	const char *hash;
};

static void
test_hash(void **state)
{
	static const struct hash_case cases[] = {
		/* FNV-1a's offset basis, 0xcbf29ce484222325. */
		{ "", 0, "cbf29ce48422" },
		{ "a", 0, "af63dc4c8601" },
		{ "foobar", 0, "85944171f739" },
		{ "profile p\n", 0, "1ed9ae16db3c" },
		{ "name t\nrule a required true c \"d\"\n", 0, "7100f53f09b5" },
	};
	char out[14];
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		memset(out, '@', sizeof(out));
		lineparse_hash(cases[i].text,
		    cases[i].len != 0 ? cases[i].len : strlen(cases[i].text),
		    out);
		assert_string_equal(out, cases[i].hash);
		assert_int_equal(out[13], '@');
	}
	/* Every byte counts, a NUL and a final newline too. */
	lineparse_hash("a\0", 2, out);
	assert_string_not_equal(out, "af63dc4c8601");
	lineparse_hash("profile p", 9, out);
	assert_string_not_equal(out, "1ed9ae16db3c");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_nul_kind),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_peek_high_byte),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_lists),
		cmocka_unit_test(test_end),
		cmocka_unit_test(test_error),
		cmocka_unit_test(test_hash),
	};

	return cmocka_run_group_tests_name("lineparse", tests, NULL, NULL);
}
