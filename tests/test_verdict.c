/*
 * test_verdict.c - unit tests for verdict.c: the one spelling of each
 * verdict, and reading it back.  verdict_parse() ignores ASCII case and
 * nothing else: no trimming, no prefixes, no other languages' case
 * folding, and only the n bytes it is given count.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "verdict.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* A literal's bytes and length, NUL bytes included. */
#define IN(s) s, sizeof(s) - 1

static void
test_name(void **state)
{
	static const struct {
		enum verdict v;
		const char *want;
	} cases[] = {
		{ VERDICT_PASS, "PASS" },
		{ VERDICT_FAIL, "FAIL" },
		{ VERDICT_REVIEW, "REVIEW" },
		{ VERDICT_ERROR, "ERROR" },
		{ VERDICT_COUNT, "?" },
		{ (enum verdict)99, "?" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(cases); i++)
		assert_string_equal(verdict_name(cases[i].v), cases[i].want);
}

static void
test_parse(void **state)
{
	static const struct {
		const char *s;
		size_t n;
		enum verdict want;
	} cases[] = {
		{ IN("PASS"), VERDICT_PASS },
		{ IN("pass"), VERDICT_PASS },
		{ IN("Pass"), VERDICT_PASS },
		{ IN("FAIL"), VERDICT_FAIL },
		{ IN("fAiL"), VERDICT_FAIL },
		{ IN("REVIEW"), VERDICT_REVIEW },
		{ IN("Review"), VERDICT_REVIEW },
		{ IN("ERROR"), VERDICT_ERROR },
		{ IN("eRrOr"), VERDICT_ERROR },
		{ "PASSED", 4, VERDICT_PASS }, /* only n bytes count */
		{ IN(""), VERDICT_COUNT },
		{ IN("PAS"), VERDICT_COUNT },
		{ IN("PASSED"), VERDICT_COUNT },
		{ IN("FAILS"), VERDICT_COUNT },
		{ IN(" PASS"), VERDICT_COUNT },
		{ IN("PASS "), VERDICT_COUNT },
		{ IN("PASS\n"), VERDICT_COUNT },
		{ IN("PASS\0"), VERDICT_COUNT },
		{ IN("P\0SS"), VERDICT_COUNT },
		{ IN("P@SS"), VERDICT_COUNT },
		{ IN("?"), VERDICT_COUNT },
		{ IN("OK"), VERDICT_COUNT },
		{ IN("UNKNOWN"), VERDICT_COUNT },
		{ IN("REV\xc4\xb0"
		     "EW"),
		    VERDICT_COUNT }, /* a capital I with a dot */
		{ IN("\xef\xbb\xbfPASS"), VERDICT_COUNT },
	};
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		enum verdict got = verdict_parse(cases[i].s, cases[i].n);

		if (got != cases[i].want)
			print_message("case %zu: \"%s\"\n", i, cases[i].s);
		assert_int_equal(got, cases[i].want);
	}
}

/* Every verdict's name reads back as that verdict. */
static void
test_round_trip(void **state)
{
	const char *name;
	int v;

	(void)state;
	for (v = 0; v < VERDICT_COUNT; v++) {
		name = verdict_name((enum verdict)v);
		assert_int_equal(verdict_parse(name, strlen(name)), v);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_name),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_round_trip),
	};

	return cmocka_run_group_tests_name("verdict", tests, NULL, NULL);
}
