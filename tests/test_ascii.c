/*
 * test_ascii.c - unit tests for ascii.h: the character classes and the
 * case folding that every case-blind comparison goes through.  The
 * classes are checked at the bytes on either side of each range (and at
 * bytes above 0x7f, which a locale might call letters), and counted over
 * all 256 bytes; the word comparisons are tables of {bytes, word,
 * expected}; ascii_letters_are() is also tried with one byte changed at
 * every position of words of 4 to 16 letters, since its overlapping
 * loads cover each byte in a different way for each length.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "ascii.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static void
test_classes(void **state)
{
	static const struct {
		unsigned char c;
		int digit, alpha, alnum, space;
		unsigned char lower;
	} cases[] = {
		{ 0x00, 0, 0, 0, 0, 0x00 },
		{ '\b', 0, 0, 0, 0, '\b' },
		{ '\t', 0, 0, 0, 1, '\t' },
		{ '\n', 0, 0, 0, 1, '\n' },
		{ '\v', 0, 0, 0, 1, '\v' },
		{ '\f', 0, 0, 0, 1, '\f' },
		{ '\r', 0, 0, 0, 1, '\r' },
		{ 0x0e, 0, 0, 0, 0, 0x0e },
		{ ' ', 0, 0, 0, 1, ' ' },
		{ '/', 0, 0, 0, 0, '/' },
		{ '0', 1, 0, 1, 0, '0' },
		{ '9', 1, 0, 1, 0, '9' },
		{ ':', 0, 0, 0, 0, ':' },
		{ '@', 0, 0, 0, 0, '@' },
		{ 'A', 0, 1, 1, 0, 'a' },
		{ 'M', 0, 1, 1, 0, 'm' },
		{ 'Z', 0, 1, 1, 0, 'z' },
		{ '[', 0, 0, 0, 0, '[' },
		{ '`', 0, 0, 0, 0, '`' },
		{ 'a', 0, 1, 1, 0, 'a' },
		{ 'z', 0, 1, 1, 0, 'z' },
		{ '{', 0, 0, 0, 0, '{' },
		{ 0x7f, 0, 0, 0, 0, 0x7f },
		{ 0x80, 0, 0, 0, 0, 0x80 },
		{ 0xa0, 0, 0, 0, 0, 0xa0 }, /* no-break space in Latin-1 */
		{ 0xc1, 0, 0, 0, 0, 0xc1 }, /* A acute in Latin-1 */
		{ 0xc9, 0, 0, 0, 0, 0xc9 }, /* E acute in Latin-1 */
		{ 0xe9, 0, 0, 0, 0, 0xe9 }, /* e acute in Latin-1 */
		{ 0xff, 0, 0, 0, 0, 0xff },
	};
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		unsigned char c = cases[i].c;

		if ((ascii_is_digit(c) != 0) != cases[i].digit ||
		    (ascii_is_alpha(c) != 0) != cases[i].alpha ||
		    (ascii_is_alnum(c) != 0) != cases[i].alnum ||
		    (ascii_is_space(c) != 0) != cases[i].space ||
		    ascii_lower(c) != cases[i].lower)
			print_message("byte 0x%02x\n", c);
		assert_int_equal(ascii_is_digit(c) != 0, cases[i].digit);
		assert_int_equal(ascii_is_alpha(c) != 0, cases[i].alpha);
		assert_int_equal(ascii_is_alnum(c) != 0, cases[i].alnum);
		assert_int_equal(ascii_is_space(c) != 0, cases[i].space);
		assert_int_equal(ascii_lower(c), cases[i].lower);
	}
}

/* Over all 256 bytes: 10 digits, 52 letters, 6 spaces, 26 changed. */
static void
test_class_counts(void **state)
{
	int c, digit = 0, alpha = 0, alnum = 0, space = 0, lowered = 0;

	(void)state;
	for (c = 0; c < 256; c++) {
		digit += ascii_is_digit((unsigned char)c) != 0;
		alpha += ascii_is_alpha((unsigned char)c) != 0;
		alnum += ascii_is_alnum((unsigned char)c) != 0;
		space += ascii_is_space((unsigned char)c) != 0;
		lowered += ascii_lower((unsigned char)c) != c;
	}
	assert_int_equal(digit, 10);
	assert_int_equal(alpha, 52);
	assert_int_equal(alnum, 62);
	assert_int_equal(space, 6);
	assert_int_equal(lowered, 26);
}

static void
test_equal_fold(void **state)
{
	static const struct {
		const char *s;
		size_t n;
		const char *word;
		int want;
	} cases[] = {
		{ "pass", 4, "pass", 1 },
		{ "PASS", 4, "pass", 1 },
		{ "PaSs", 4, "pass", 1 },
		{ "pas", 3, "pass", 0 },
		{ "passes", 6, "pass", 0 },
		{ "passes", 4, "pass", 1 }, /* only n bytes count */
		{ "", 0, "", 1 },
		{ "", 0, "a", 0 },
		{ "a", 1, "", 0 },
		{ "P\0SS", 4, "pass", 0 },
		{ "pass\0", 5, "pass", 0 },
		{ " pass", 5, "pass", 0 }, /* no trimming */
		{ "@", 1, "`", 0 }, /* 0x40 and 0x60 differ only in bit 0x20 */
		{ "[", 1, "{", 0 },
		{ "\xc3\x89", 2, "\xc3\xa9", 0 }, /* E and e acute: not ASCII */
		{ "caf\xc3\xa9", 5, "caf\xc3\xa9", 1 }, /* the same bytes */
		{ "UTF-8", 5, "utf-8", 1 },
		{ "Windows-1252", 12, "windows-1252", 1 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		int got =
		    ascii_equal_fold(cases[i].s, cases[i].n, cases[i].word);

		if ((got != 0) != cases[i].want)
			print_message("case %zu: \"%s\" vs \"%s\"\n", i,
			    cases[i].s, cases[i].word);
		assert_int_equal(got != 0, cases[i].want);
	}
}

static void
test_prefix_fold(void **state)
{
	static const struct {
		const char *s;
		const char *prefix;
		int want;
	} cases[] = {
		{ "UTF-8", "utf-8", 1 },
		{ "utf-16le", "utf-16", 1 },
		{ "UCS-4BE", "ucs-4", 1 },
		{ "UTF", "utf-8", 0 }, /* s ends first */
		{ "Utf8", "utf-8", 0 },
		{ "", "", 1 },
		{ "x", "", 1 },
		{ "", "a", 0 },
		{ "@", "`", 0 },
		{ "xutf-8", "utf-8", 0 },
		{ "\xc3\xa9t\xc3\xa9", "\xc3\xa9", 1 },
		{ "\xc3\x89T\xc3\x89", "\xc3\xa9", 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		int got = ascii_prefix_fold(cases[i].s, cases[i].prefix);

		if ((got != 0) != cases[i].want)
			print_message("case %zu: \"%s\" vs \"%s\"\n", i,
			    cases[i].s, cases[i].prefix);
		assert_int_equal(got != 0, cases[i].want);
	}
}

static void
test_letters_are(void **state)
{
	static const struct {
		const char *s;
		const char *w;
		int want;
	} cases[] = {
		{ "pass", "pass", 1 },
		{ "PASS", "pass", 1 },
		{ "pasS", "pass", 1 },
		{ "pasT", "pass", 0 },
		{ "Pass", "fail", 0 },
		{ "REVIEW", "review", 1 },
		{ "REVxEW", "review", 0 },
		{ "xEVIEW", "review", 0 },
		{ "REVIEx", "review", 0 },
		{ "Unknown", "unknown", 1 },
		{ "EMPLOYED", "employed", 1 },
		{ "EMPLOYEd", "employed", 1 },
		{ "EMPLOYEE", "employed", 0 },
		{ "Unemployed", "unemployed", 1 },
		{ "UNEMPLOYEX", "unemployed", 0 },
		{ "ABCDEFGHIJKLMNOP", "abcdefghijklmnop", 1 },
		{ "ABCDEFGHIJKLMNOQ", "abcdefghijklmnop", 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		int got = ascii_letters_are(cases[i].s, cases[i].w);

		if ((got != 0) != cases[i].want)
			print_message("case %zu: \"%s\" vs \"%s\"\n", i,
			    cases[i].s, cases[i].w);
		assert_int_equal(got != 0, cases[i].want);
	}
}

/*
 * For every word length from 4 to 16: the word in upper case matches,
 * and changing any one byte (to a neighbouring letter, to its byte with
 * the high bit set, or to NUL) makes it not match.
 */
static void
test_letters_are_each_position(void **state)
{
	static const char alphabet[] = "qwertyuiopasdfghjklz";
	static const unsigned char flips[] = { 0x01, 0x80, 0xff };
	char w[17], s[17];
	size_t n, i, f;

	(void)state;
	for (n = 4; n <= 16; n++) {
		memcpy(w, alphabet, n);
		w[n] = '\0';
		for (i = 0; i < n; i++)
			s[i] = (char)(w[i] - 'a' + 'A');
		s[n] = '\0';
		assert_true(ascii_letters_are(s, w));
		for (i = 0; i < n; i++) {
			for (f = 0; f < NELEM(flips); f++) {
				char keep = s[i];

				s[i] = (char)((unsigned char)keep ^ flips[f]);
				if (ascii_letters_are(s, w))
					print_message(
					    "length %zu, byte %zu ^ 0x%02x\n",
					    n, i, flips[f]);
				assert_false(ascii_letters_are(s, w));
				s[i] = keep;
			}
		}
	}
}

static void
test_fold_letter(void **state)
{
	static const struct {
		char c;
		unsigned char want;
	} cases[] = {
		{ 'A', 'a' },
		{ 'a', 'a' },
		{ 'Z', 'z' },
		{ 'z', 'z' },
		{ '@', '`' }, /* not a letter: bit 0x20 set all the same */
		{ '0', '0' },
		{ '\0', ' ' },
		{ '\x80', 0xa0 },
		{ '\xff', 0xff },
	};
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(cases); i++)
		assert_int_equal(ascii_fold_letter(cases[i].c), cases[i].want);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_classes),
		cmocka_unit_test(test_class_counts),
		cmocka_unit_test(test_equal_fold),
		cmocka_unit_test(test_prefix_fold),
		cmocka_unit_test(test_letters_are),
		cmocka_unit_test(test_letters_are_each_position),
		cmocka_unit_test(test_fold_letter),
	};

	return cmocka_run_group_tests_name("ascii", tests, NULL, NULL);
}
