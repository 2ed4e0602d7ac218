/*
 * test_chart.c - unit tests for chart.c and chart.h: the lengths of the
 * html report's bars and how much of a label fits.
 *
 * Three tables and a loop each.  chart_scale(): {count, largest count,
 * width, length}, with rounding either way, the one-unit floor for a
 * count small against the largest, counts too large for count * width
 * to fit in an unsigned long, and the zeros.  chart_bar(): {failures,
 * unknowns, largest total, width, the two parts}, where the rounding of
 * two parts could hide one of them; and for every bar of a sweep, the
 * promises of chart.h: each part at least 1 when its count is not 0,
 * the two within the width, and bars of one total equally long.
 * chart_label_cut(): {bytes, characters allowed, bytes kept}, with
 * characters of every length and ill-formed bytes, which count as one
 * character per maximal subpart, as put_html() shows them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>

#include "chart.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* A literal's bytes and length. */
#define IN(s) s, sizeof(s) - 1

static void
test_scale(void **state)
{
	static const struct {
		unsigned long v, max;
		unsigned width, want;
	} cases[] = {
		{ 0, 0, 600, 0 },
		{ 0, 10, 600, 0 },
		{ 5, 0, 600, 0 },
		{ 10, 10, 600, 600 },
		{ 5, 10, 600, 300 },
		{ 1, 3, 600, 200 },
		{ 2, 3, 600, 400 },
		{ 1, 3, 100, 33 }, /* 33.3 rounds down */
		{ 2, 3, 100, 67 }, /* 66.7 rounds up */
		{ 1, 8, 100, 13 }, /* 12.5 rounds up */
		{ 3, 44, 600, 41 }, /* 40.9 */
		{ 1, 1000000, 600, 1 }, /* 0.0006: a unit all the same */
		{ 1, 1199, 600, 1 }, /* 0.5004 */
		{ 999999, 1000000, 600, 600 }, /* 599.9994 */
		{ 11, 10, 600, 600 }, /* over the largest: as the largest */
		{ ULONG_MAX, ULONG_MAX, 600, 600 },
		{ ULONG_MAX / 2, ULONG_MAX, 600, 300 },
		{ ULONG_MAX / 4, ULONG_MAX / 2, 600, 300 },
		{ 1, ULONG_MAX, 600, 1 },
		{ 7, 7, 1, 1 },
		{ 3, 7, 1, 1 },
	};
	size_t i;
	unsigned got;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		got = chart_scale(cases[i].v, cases[i].max, cases[i].width);
		if (got != cases[i].want)
			print_message("case %zu: got %u\n", i, got);
		assert_int_equal(got, cases[i].want);
	}
}

static void
test_bar(void **state)
{
	static const struct {
		unsigned long nfail, nunknown, max;
		unsigned width;
		struct chart_bar want;
	} cases[] = {
		{ 0, 0, 0, 600, { 0, 0 } },
		{ 0, 0, 10, 600, { 0, 0 } },
		{ 3, 0, 3, 600, { 600, 0 } },
		{ 0, 3, 3, 600, { 0, 600 } },
		{ 3, 5, 8, 600, { 225, 375 } },
		{ 1, 1, 4, 600, { 150, 150 } },
		{ 3, 2, 10, 100, { 30, 20 } },
		/* 1/3 and 2/3 of 100: 33 and 67, the whole 100. */
		{ 1, 2, 3, 100, { 33, 67 } },
		/* Parts that round to nothing get a unit each. */
		{ 1, 1, 10000, 600, { 1, 1 } },
		{ 500, 1, 1000, 600, { 300, 1 } },
		/* A full bar with a tiny unknown: the unit comes off the
		 * failures' part. */
		{ 99999, 1, 100000, 600, { 599, 1 } },
		{ 1, 99999, 100000, 600, { 1, 599 } },
		{ ULONG_MAX - 1, 1, ULONG_MAX, 600, { 599, 1 } },
		/* A total past ULONG_MAX counts as the largest. */
		{ ULONG_MAX, ULONG_MAX, ULONG_MAX, 600, { 599, 1 } },
		{ 1, 1, 2, 2, { 1, 1 } },
	};
	struct chart_bar got, ref;
	unsigned long f, u, max = 50;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		got = chart_bar(cases[i].nfail, cases[i].nunknown, cases[i].max,
		    cases[i].width);
		if (got.fail != cases[i].want.fail ||
		    got.unknown != cases[i].want.unknown)
			print_message(
			    "case %zu: got %u+%u\n", i, got.fail, got.unknown);
		assert_int_equal(got.fail, cases[i].want.fail);
		assert_int_equal(got.unknown, cases[i].want.unknown);
	}
	/* Every bar with a total up to max, on a narrow chart. */
	for (f = 0; f <= max; f++) {
		for (u = 0; f + u <= max; u++) {
			got = chart_bar(f, u, max, 20);
			assert_true(got.fail + got.unknown <= 20);
			assert_int_equal(got.fail > 0, f > 0);
			assert_int_equal(got.unknown > 0, u > 0);
			ref = chart_bar(f + u, 0, max, 20);
			/* One total, one length, but for a unit added to
			 * show a part that rounded to nothing. */
			if (f > 0 && u > 0)
				assert_true(
				    got.fail + got.unknown == ref.fail ||
				    got.fail + got.unknown == ref.fail + 1);
			else
				assert_int_equal(
				    got.fail + got.unknown, ref.fail);
		}
	}
}

static void
test_label_cut(void **state)
{
	static const struct {
		const char *s;
		size_t n, most, want;
	} cases[] = {
		{ IN(""), 5, 0 },
		{ IN("abc"), 0, 0 },
		{ IN("abc"), 2, 2 },
		{ IN("abc"), 3, 3 },
		{ IN("abc"), 10, 3 },
		{ IN("caf\xc3\xa9 au lait"), 4, 5 },
		{ IN("caf\xc3\xa9 au lait"), 3, 3 },
		{ IN("\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac"), 2, 6 },
		{ IN("\xf0\x9f\x98\x80x"), 1, 4 },
		{ IN("\xf0\x9f\x98\x80x"), 2, 5 },
		/* Ill-formed: one character per maximal subpart. */
		{ IN("\xe2\x82x"), 1, 2 },
		{ IN("\xff\xfe"), 1, 1 },
		{ IN("\xc0\xaf"), 1, 1 },
		/* A truncated sequence at the end is one character. */
		{ IN("ab\xf0\x9f\x98"), 3, 5 },
		{ IN("ab\xf0\x9f\x98"), 2, 2 },
	};
	size_t i, got;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		got = chart_label_cut(cases[i].s, cases[i].n, cases[i].most);
		if (got != cases[i].want)
			print_message("case %zu: got %zu\n", i, got);
		assert_int_equal(got, cases[i].want);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scale),
		cmocka_unit_test(test_bar),
		cmocka_unit_test(test_label_cut),
	};

	return cmocka_run_group_tests_name("chart", tests, NULL, NULL);
}
