/*
 * test_error.c - unit tests for error.c: error_set() and error_quote().
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "error.h"

static void
test_set(void **state)
{
	struct error err;
	char longer[2 * ERROR_MSG_MAX];

	(void)state;
	assert_int_equal(error_set(&err, "a.csv", 17, "bad %s %d", "x", 3), -1);
	assert_string_equal(err.file, "a.csv");
	assert_int_equal(err.line, 17);
	assert_string_equal(err.msg, "bad x 3");
	/* Truncated to fit, still terminated. */
	memset(longer, 'y', sizeof(longer) - 1);
	longer[sizeof(longer) - 1] = '\0';
	error_set(&err, NULL, 0, "%s", longer);
	assert_null(err.file);
	assert_int_equal(strlen(err.msg), ERROR_MSG_MAX - 1);
	/* A NULL error is allowed. */
	assert_int_equal(error_set(NULL, "f", 1, "x"), -1);
}

static void
test_quote(void **state)
{
	static const struct {
		const char *in;
		size_t len;
		size_t size;
		const char *want;
	} cases[] = {
		{ "maybe", 5, 64, "\"maybe\"" },
		{ "", 0, 64, "\"\"" },
		{ "a\"b\\c", 5, 64, "\"a\\\"b\\\\c\"" },
		{ "a\nb\tc\x7f", 6, 64, "\"a\\x0ab\\x09c\\x7f\"" },
		{ "n\0l", 3, 64, "\"n\\x00l\"" },
		{ "Mar\xc3\xad"
		  "a",
		    6, 64,
		    "\"Mar\xc3\xad"
		    "a\"" },
		/* What a terminal would act on, and what is no UTF-8. */
		{ "\xff", 1, 64, "\"\\xff\"" },
		{ "c1\xc2\x9b", 4, 64, "\"c1\\u009b\"" },
		{ "\xc2\x85x", 3, 64, "\"\\u0085x\"" },
		{ "evil\xe2\x80\xaegnp", 10, 64, "\"evil\\u202egnp\"" },
		{ "\xe2\x81\xa6", 3, 64, "\"\\u2066\"" },
		{ "\xe2\x80\xa9", 3, 64, "\"\xe2\x80\xa9\"" },
		/* Cut where the buffer ends, never in the middle of an escape,
		 * and closed. */
		{ "abcdef", 6, 5, "\"ab\"" },
		{ "a\nb", 3, 4, "\"a\"" },
		{ "abc", 3, 2, "\"" },
		{ "abc", 3, 1, "" },
		/* Longer than ERROR_QUOTE_MAX: cut and marked. */
		{ "0123456789012345678901234567890123456789"
		  "0123456789012345678901234567890123456789",
		    80, 128,
		    "\"01234567890123456789012345678901234567890123456789012345"
		    "6789"
		    "\"..." },
	};
	char buf[128];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(buf, '#', sizeof(buf));
		error_quote(buf, cases[i].size, cases[i].in, cases[i].len);
		assert_string_equal(buf, cases[i].want);
	}
}

/* File names for stderr: as they are, or quoted as GNU tools do. */
static void
test_name(void **state)
{
	static const struct {
		const char *name;
		size_t size;
		const char *want;
	} cases[] = {
		{ "applicants.csv", 64, "applicants.csv" },
		{ "../data/a b.csv", 64, "../data/a b.csv" },
		{ "it's.csv", 64, "it's.csv" },
		{ "Fran\xc3\xa7ois.csv", 64, "Fran\xc3\xa7ois.csv" },
		{ "", 64, "" },
		{ "a\nb", 64, "'a'$'\\n''b'" },
		{ "\nb", 64, "$'\\n''b'" },
		{ "a\n", 64, "'a'$'\\n'" },
		{ "\t\r", 64, "$'\\t\\r'" },
		{ "\x1b[31mred", 64, "$'\\033''[31mred'" },
		{ "it's\n", 64, "'it'\\''s'$'\\n'" },
		{ "del\x7f", 64, "'del'$'\\177'" },
		{ "c1\xc2\x9b", 64, "'c1'$'\\302\\233'" },
		{ "evil\xe2\x80\xaegnp.csv", 64,
		    "'evil'$'\\342\\200\\256''gnp.csv'" },
		{ "latin\xe9.csv", 64, "'latin'$'\\351''.csv'" },
		/* Cut to fit, NUL-terminated. */
		{ "a\nb", 6, "'a'$'" },
		{ "abc", 2, "a" },
	};
	char buf[64];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(buf, 'Z', sizeof(buf));
		assert_ptr_equal(
		    error_name(buf, cases[i].size, cases[i].name), buf);
		assert_string_equal(buf, cases[i].want);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_set),
		cmocka_unit_test(test_quote),
		cmocka_unit_test(test_name),
	};

	return cmocka_run_group_tests_name("error", tests, NULL, NULL);
}
