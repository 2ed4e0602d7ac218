/*
 * test_xlsx_look.c - unit tests for xlsx_look.c: text made fit for a cell
 * (U+FFFD for ill-formed UTF-8, Excel's escapes for NUL and for a
 * literal _xHHHH_, the cut at 32,767 characters, the width on a screen),
 * column widths, when the rows go on to another sheet and its name, and
 * the colour of each outcome and verdict.  Each test is a table of cases
 * and one loop.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "xlsx_look.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* A literal's bytes and length, NUL bytes included. */
#define IN(s) s, sizeof(s) - 1

struct text_case {
	const char *in;
	size_t n;
	const char *want;
	size_t width;
};

/* clang-format off */
static const struct text_case text_cases[] = {
	{ IN(""), "", 0 },
	{ IN("Maria Gonzalez"), "Maria Gonzalez", 14 },
	/* Control bytes are kept (libxlsxwriter escapes them) but have
	 * no width. */
	{ IN("a\tb\r\nc"), "a\tb\r\nc", 3 },
	/* NUL, which XML cannot carry, as Excel's escape. */
	{ IN("a\0b"), "a_x0000_b", 2 },
	/* A literal escape keeps its text: its '_' is escaped. */
	{ IN("_x0041_"), "_x005F_x0041_", 7 },
	{ IN("a_X00fF_b"), "a_x005F_X00fF_b", 9 },
	/* Not escapes: left alone. */
	{ IN("_x004_"), "_x004_", 6 },
	{ IN("_x0041"), "_x0041", 6 },
	{ IN("_xG041_"), "_xG041_", 7 },
	{ IN("snake_case_name"), "snake_case_name", 15 },
	/* UTF-8 kept; widths: accented 1, CJK 2, combining 0. */
	{ IN("Jos\xc3\xa9"), "Jos\xc3\xa9", 4 },
	{ IN("\xe5\xb1\xb1\xe7\x94\xb0"), "\xe5\xb1\xb1\xe7\x94\xb0", 4 },
	{ IN("e\xcc\x81"), "e\xcc\x81", 1 },
	{ IN("\xf0\x9f\x98\x80"), "\xf0\x9f\x98\x80", 2 },
	/* Ill-formed: each maximal subpart one U+FFFD. */
	{ IN("a\xff" "b"), "a\xef\xbf\xbd" "b", 3 },
	{ IN("\xe5\xb1"), "\xef\xbf\xbd", 1 },
	{ IN("\xed\xa0\x80"), "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd", 3 },
	{ IN("\xc0\xaf"), "\xef\xbf\xbd\xef\xbf\xbd", 2 },
};
/* clang-format on */

static void
test_text(void **state)
{
	char *d = malloc(XLSX_LOOK_TEXT_ROOM);
	size_t i, len, width;
	int cut;

	(void)state;
	assert_non_null(d);
	for (i = 0; i < NELEM(text_cases); i++) {
		const struct text_case *c = &text_cases[i];

		len = xlsx_look_text(d, c->in, c->n, &width, &cut);
		if (len != strlen(c->want) || strcmp(d, c->want) != 0 ||
		    width != c->width || cut)
			fail_msg("case %zu: got \"%s\" (%zu, width %zu, cut "
			         "%d), expected \"%s\" (width %zu)",
			    i, d, len, width, cut, c->want, c->width);
	}
	free(d);
}

/*
 * The cut: a text of n copies of unit is cut at 32,767 characters, as
 * libxlsxwriter counts them (an escape's seven included), never inside a
 * character or an escape.
 */
struct cut_case {
	const char *unit;
	size_t unit_len;
	size_t n;
	size_t want_len;
	int cut;
};

/* clang-format off */
static const struct cut_case cut_cases[] = {
	{ IN("a"), 32767, 32767, 0 }, /* exactly full */
	{ IN("a"), 32768, 32767, 1 },
	{ IN("a"), 100000, 32767, 1 },
	{ IN("\xc3\xa9"), 40000, 2 * 32767, 1 },
	{ IN("\xf0\x9f\x98\x80"), 40000, 4 * 32767, 1 },
	{ IN("\xff"), 40000, 3 * 32767, 1 }, /* each a U+FFFD */
	{ IN("\0"), 5000, 4681 * 7, 1 }, /* 4,681 escapes */
	/* 2,520 units of 13 characters, then one more escape. */
	{ IN("_x0041_"), 3000, 32767, 1 },
	{ IN("_x0041_"), 2520, 2520 * 13, 0 },
};
/* clang-format on */

static void
test_cut(void **state)
{
	char *d = malloc(XLSX_LOOK_TEXT_ROOM), *in;
	size_t i, k, len, width;
	int cut;

	(void)state;
	assert_non_null(d);
	for (i = 0; i < NELEM(cut_cases); i++) {
		const struct cut_case *c = &cut_cases[i];

		in = malloc(c->unit_len * c->n);
		assert_non_null(in);
		for (k = 0; k < c->n; k++)
			memcpy(in + k * c->unit_len, c->unit, c->unit_len);
		len = xlsx_look_text(d, in, c->unit_len * c->n, &width, &cut);
		if (len != c->want_len || cut != c->cut || strlen(d) != len)
			fail_msg("case %zu: length %zu, cut %d; expected %zu, "
			         "%d",
			    i, len, cut, c->want_len, c->cut);
		assert_true(len < XLSX_LOOK_TEXT_ROOM);
		free(in);
	}
	free(d);
}

struct width_case {
	size_t chars;
	double width;
};

static const struct width_case width_cases[] = {
	{ 0, 2.0 },
	{ 6, 8.0 },
	{ XLSX_LOOK_WIDTH_MAX, XLSX_LOOK_WIDTH_MAX + 2.0 },
	{ XLSX_LOOK_WIDTH_MAX + 1, XLSX_LOOK_WIDTH_MAX + 2.0 },
	{ 100000, XLSX_LOOK_WIDTH_MAX + 2.0 },
};

static void
test_column_width(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(width_cases); i++)
		if (xlsx_look_column_width(width_cases[i].chars) !=
		    width_cases[i].width)
			fail_msg("case %zu: %zu characters: width %g, not %g",
			    i, width_cases[i].chars,
			    xlsx_look_column_width(width_cases[i].chars),
			    width_cases[i].width);
}

struct sheet_case {
	unsigned long rows;
	unsigned long long bytes;
	unsigned long long row_bytes;
	int full;
};

#define GIB ((unsigned long long)1 << 30)

/* clang-format off */
static const struct sheet_case sheet_cases[] = {
	/* The header alone: the first record goes in, however long. */
	{ 1, 100, 5 * GIB, 0 },
	{ 0, 0, 100, 0 },
	{ 2, 200, 100, 0 },
	/* The last row of a sheet, and past it. */
	{ XLSX_LOOK_ROWS_MAX - 1, 1000, 100, 0 },
	{ XLSX_LOOK_ROWS_MAX, 1000, 100, 1 },
	{ XLSX_LOOK_ROWS_MAX + 1, 1000, 100, 1 },
	/* Bytes: up to the limit exactly, then one past it. */
	{ 500, 3 * GIB - 100, 100, 0 },
	{ 500, 3 * GIB - 100, 101, 1 },
	{ 500, 3 * GIB, 0, 0 },
	{ 2, 10, 4 * GIB, 1 },
	/* No wrap-around however large. */
	{ 500, ~0ULL - 10, 100, 1 },
	{ 500, 100, ~0ULL, 1 },
};
/* clang-format on */

static void
test_sheet_full(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(sheet_cases); i++) {
		const struct sheet_case *c = &sheet_cases[i];

		if (xlsx_look_sheet_full(c->rows, c->bytes, c->row_bytes) !=
		    c->full)
			fail_msg("case %zu: rows %lu bytes %llu row %llu: "
			         "expected %d",
			    i, c->rows, c->bytes, c->row_bytes, c->full);
	}
}

struct name_case {
	unsigned long k;
	const char *want;
};

static const struct name_case name_cases[] = {
	{ 0, "Screened" },
	{ 1, "Screened" },
	{ 2, "Screened 2" },
	{ 10, "Screened 10" },
	{ 4294967295UL, "Screened 4294967295" },
};

static void
test_sheet_name(void **state)
{
	char buf[XLSX_LOOK_NAME_ROOM];
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(name_cases); i++) {
		assert_string_equal(
		    xlsx_look_sheet_name(buf, "Screened", name_cases[i].k),
		    name_cases[i].want);
		/* Excel's limit on a sheet's name. */
		assert_true(strlen(buf) <= 31);
	}
}

struct outcome_case {
	enum outcome o;
	enum xlsx_look_fill fill;
	uint32_t rgb;
};

static const struct outcome_case outcome_cases[] = {
	{ OUTCOME_PASS, XLSX_LOOK_PLAIN, 0 },
	{ OUTCOME_FAIL, XLSX_LOOK_FAILED, 0xffc7ce },
	{ OUTCOME_UNKNOWN, XLSX_LOOK_UNKNOWN, 0xffeb9c },
	{ OUTCOME_NOT_APPLICABLE, XLSX_LOOK_PLAIN, 0 },
};

struct verdict_case {
	enum verdict v;
	enum xlsx_look_fill fill;
	uint32_t rgb;
	uint32_t font;
};

static const struct verdict_case verdict_cases[] = {
	{ VERDICT_PASS, XLSX_LOOK_PASSED, 0xc6efce, 0x006100 },
	{ VERDICT_FAIL, XLSX_LOOK_FAILED, 0xffc7ce, 0x9c0006 },
	{ VERDICT_REVIEW, XLSX_LOOK_UNKNOWN, 0xffeb9c, 0x9c5700 },
	{ VERDICT_ERROR, XLSX_LOOK_ERROR, 0xc00000, 0xffffff },
};

static void
test_fills(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(outcome_cases); i++) {
		const struct outcome_case *c = &outcome_cases[i];

		assert_int_equal(xlsx_look_fill_of_outcome(c->o), c->fill);
		assert_int_equal(xlsx_look_colours_of(c->fill).fill, c->rgb);
	}
	for (i = 0; i < NELEM(verdict_cases); i++) {
		const struct verdict_case *c = &verdict_cases[i];

		assert_int_equal(xlsx_look_fill_of_verdict(c->v), c->fill);
		assert_int_equal(xlsx_look_colours_of(c->fill).fill, c->rgb);
		assert_int_equal(xlsx_look_colours_of(c->fill).font, c->font);
	}
	/* A failing cell stays red when another criterion is unknown of
	 * it: the order that the report takes the highest of. */
	assert_true(XLSX_LOOK_FAILED > XLSX_LOOK_UNKNOWN);
	assert_true(XLSX_LOOK_UNKNOWN > XLSX_LOOK_PLAIN);
	assert_int_equal(xlsx_look_colours_of(XLSX_LOOK_NFILLS).fill, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_cut),
		cmocka_unit_test(test_column_width),
		cmocka_unit_test(test_sheet_full),
		cmocka_unit_test(test_sheet_name),
		cmocka_unit_test(test_fills),
	};

	return cmocka_run_group_tests_name("xlsx_look", tests, NULL, NULL);
}
