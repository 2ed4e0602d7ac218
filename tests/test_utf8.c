/*
 * test_utf8.c - unit tests for utf8.c and utf8.h: where a sequence ends,
 * whether bytes are valid UTF-8, whether they are all ASCII.
 *
 * utf8_sequence() is checked against Unicode 3.9 tables 3-7 (the
 * well-formed byte sequences) and 3-8 (maximal ill-formed subparts): at
 * each end of each row of table 3-7, just outside it (overlongs C0, C1,
 * E0 80, F0 80; surrogates ED A0; F4 90, over U+10FFFF), lone trail
 * bytes, and sequences cut short by the end of the bytes or by a byte
 * that cannot follow.  utf8_all_ascii() is tried at every length from 0
 * to 40, at every alignment, with one high byte at each position and
 * with high bytes just past the end (which must not count), since it
 * reads 32, 8 and then an overlapping 8 bytes at a time.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "utf8.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* A literal's bytes and length, NUL bytes included. */
#define IN(s) (const unsigned char *)(s), sizeof(s) - 1

static void
test_sequence(void **state)
{
	static const struct {
		const unsigned char *s;
		size_t n;
		size_t want; /* the sequence's length, or 0 */
		size_t bad; /* when want is 0: the ill-formed subpart's */
	} cases[] = {
		/* Table 3-7, each row at both ends. */
		{ IN("\xc2\x80"), 2, 0 },
		{ IN("\xdf\xbf"), 2, 0 },
		{ IN("\xe0\xa0\x80"), 3, 0 },
		{ IN("\xe0\xbf\xbf"), 3, 0 },
		{ IN("\xe1\x80\x80"), 3, 0 },
		{ IN("\xec\xbf\xbf"), 3, 0 },
		{ IN("\xed\x80\x80"), 3, 0 },
		{ IN("\xed\x9f\xbf"), 3, 0 }, /* U+D7FF */
		{ IN("\xee\x80\x80"), 3, 0 }, /* U+E000 */
		{ IN("\xef\xbf\xbf"), 3, 0 }, /* U+FFFF */
		{ IN("\xf0\x90\x80\x80"), 4, 0 }, /* U+10000 */
		{ IN("\xf0\xbf\xbf\xbf"), 4, 0 },
		{ IN("\xf1\x80\x80\x80"), 4, 0 },
		{ IN("\xf3\xbf\xbf\xbf"), 4, 0 },
		{ IN("\xf4\x80\x80\x80"), 4, 0 },
		{ IN("\xf4\x8f\xbf\xbf"), 4, 0 }, /* U+10FFFF */
		/* Only the sequence counts, not what follows it. */
		{ IN("\xc3\xa9xyz"), 2, 0 },
		{ IN("\xe2\x82\xac\xe2\x82\xac"), 3, 0 },
		/* Overlong forms: the lead byte alone is the subpart. */
		{ IN("\xc0\x80"), 0, 1 },
		{ IN("\xc0\xaf"), 0, 1 },
		{ IN("\xc1\xbf"), 0, 1 },
		{ IN("\xe0\x80\x80"), 0, 1 },
		{ IN("\xe0\x9f\xbf"), 0, 1 },
		{ IN("\xf0\x80\x80\x80"), 0, 1 },
		{ IN("\xf0\x8f\xbf\xbf"), 0, 1 },
		/* Surrogates U+D800..U+DFFF. */
		{ IN("\xed\xa0\x80"), 0, 1 },
		{ IN("\xed\xbf\xbf"), 0, 1 },
		/* Over U+10FFFF, and lead bytes that never start anything. */
		{ IN("\xf4\x90\x80\x80"), 0, 1 },
		{ IN("\xf4\xbf\xbf\xbf"), 0, 1 },
		{ IN("\xf5\x80\x80\x80"), 0, 1 },
		{ IN("\xf7\xbf\xbf\xbf"), 0, 1 },
		{ IN("\xf8\x88\x80\x80\x80"), 0, 1 },
		{ IN("\xfe"), 0, 1 },
		{ IN("\xff"), 0, 1 },
		/* Trail bytes with no lead. */
		{ IN("\x80"), 0, 1 },
		{ IN("\xbf\xbf"), 0, 1 },
		/* Cut short by the end of the bytes. */
		{ IN("\xc2"), 0, 1 },
		{ IN("\xe0"), 0, 1 },
		{ IN("\xe0\xa0"), 0, 2 },
		{ IN("\xe1\x80"), 0, 2 },
		{ IN("\xed\x9f"), 0, 2 },
		{ IN("\xf0\x90"), 0, 2 },
		{ IN("\xf0\x90\x80"), 0, 3 },
		{ IN("\xf4\x8f\xbf"), 0, 3 },
		/* Cut short by a byte that cannot follow. */
		{ IN("\xc2\x41"), 0, 1 },
		{ IN("\xc2\xc0"), 0, 1 },
		{ IN("\xdf\xc2\x80"), 0, 1 },
		{ IN("\xe0\xa0\x41"), 0, 2 },
		{ IN("\xe1\x80\xc2"), 0, 2 },
		{ IN("\xed\x9f\xc0"), 0, 2 },
		{ IN("\xef\xbf\x00"), 0, 2 },
		{ IN("\xf1\x80\x80\x41"), 0, 3 },
		{ IN("\xf0\x90\x80\xc0"), 0, 3 },
		{ IN("\xf4\x8f\xbf\x7f"), 0, 3 },
		{ IN("\xf1\x80\x41\x80"), 0, 2 },
		{ IN("\xf1\x41\x80\x80"), 0, 1 },
		/* Table 3-8's own example, from its second character. */
		{ IN("\xf1\x80\x80\xe1\x80\xc2\x62"), 0, 3 },
	};
	size_t i, bad, got;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		bad = 99;
		got = utf8_sequence(cases[i].s, cases[i].n, &bad);
		if (got != cases[i].want ||
		    (cases[i].want == 0 && bad != cases[i].bad))
			print_message(
			    "case %zu: length %zu, bad %zu\n", i, got, bad);
		assert_int_equal(got, cases[i].want);
		if (cases[i].want == 0)
			assert_int_equal(bad, cases[i].bad);
	}
}

static void
test_valid(void **state)
{
	static const struct {
		const unsigned char *s;
		size_t n;
		int want;
	} cases[] = {
		{ IN(""), 1 },
		{ IN("abc"), 1 },
		{ IN("a\0b"), 1 },
		{ IN("Fran\xc3\xa7ois"), 1 },
		{ IN("\xef\xbb\xbf"), 1 },
		{ IN("\xe2\x82\xac 5"), 1 },
		{ IN("\xf0\x9f\x98\x80"), 1 },
		{ IN("\xf4\x8f\xbf\xbf"), 1 },
		{ IN("\xc0\xaf"), 0 },
		{ IN("\xed\xa0\x80\xed\xb0\x80"), 0 }, /* a CESU-8 pair */
		{ IN("\xf4\x90\x80\x80"), 0 },
		{ IN("caf\xe9"), 0 }, /* Latin-1 */
		{ IN("abc\xe2\x82"), 0 },
		{ IN("\x80xyz"), 0 },
		/* After runs of ASCII long enough to be read a word at a time. */
		{ IN("0123456789abcdef\xc3\xa9"
		     "01234567"),
		    1 },
		{ IN("0123456789abcdef\xc3"
		     "01234567"),
		    0 },
		{ IN("01234567890123456\xff"), 0 },
		{ IN("0123456\xe2\x82\xac"
		     "0123456789"),
		    1 },
		{ IN("0123456\xe2\x82"
		     "0123456789"),
		    0 },
		{ IN("01234567\xf0\x9f\x98\x80"
		     "01234567\xf0\x9f\x98"),
		    0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		int got = utf8_valid(cases[i].s, cases[i].n);

		if ((got != 0) != cases[i].want)
			print_message("case %zu\n", i);
		assert_int_equal(got != 0, cases[i].want);
	}
}

/*
 * Every length from 0 to 40 at each of 8 alignments: ASCII is ASCII even
 * with high bytes on either side; one high byte anywhere inside is not.
 * utf8_valid() agrees: a lone high byte is ill-formed, and a two-byte
 * character at any position is well-formed.
 */
static void
test_all_ascii(void **state)
{
	static const unsigned char highs[] = { 0x80, 0xc3, 0xff };
	unsigned char buf[64];
	size_t n, at, pos, h;

	(void)state;
	for (at = 0; at < 8; at++) {
		for (n = 0; n <= 40; n++) {
			unsigned char *s = buf + 8 + at;

			memset(buf, 0x80, sizeof(buf));
			memset(s, 'a', n);
			if (!utf8_all_ascii(s, n))
				print_message("length %zu at %zu\n", n, at);
			assert_true(utf8_all_ascii(s, n));
			assert_true(utf8_valid(s, n));
			for (pos = 0; pos < n; pos++) {
				for (h = 0; h < NELEM(highs); h++) {
					s[pos] = highs[h];
					if (utf8_all_ascii(s, n))
						print_message(
						    "length %zu at %zu, 0x%02x "
						    "at %zu\n",
						    n, at, highs[h], pos);
					assert_false(utf8_all_ascii(s, n));
				}
				s[pos] = 0x80;
				assert_false(utf8_valid(s, n));
				if (pos + 1 < n) {
					s[pos] = 0xc3;
					s[pos + 1] = 0xa9;
					assert_true(utf8_valid(s, n));
					assert_false(utf8_all_ascii(s, n));
					s[pos + 1] = 'a';
				}
				s[pos] = 'a';
			}
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sequence),
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_all_ascii),
	};

	return cmocka_run_group_tests_name("utf8", tests, NULL, NULL);
}
