/*
 * utf8.h - what is and is not UTF-8.
 *
 * One decoder for the whole program: the reader asks whether a field is
 * valid UTF-8 (to suggest --encoding), and the reports ask where each
 * character ends (to repair or escape it).  Both follow Unicode 3.9: no
 * overlong forms, no surrogates, nothing over U+10FFFF, and each
 * maximal ill-formed subpart (table 3-7) counts as one bad character.
 */
#ifndef CIVPOL_UTF8_H
#define CIVPOL_UTF8_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/*
 * The length of the well-formed sequence at s (n > 0 bytes, s[0] >=
 * 0x80), or 0 with *bad set to the length of its maximal ill-formed
 * subpart, which stands for one U+FFFD.
 */
size_t utf8_sequence(const unsigned char *s, size_t n, size_t *bad);

/*
 * Nonzero when the n bytes at s are all ASCII: 32 at a time, then 8 at
 * a time, then the last 8 (again, in part), or byte by byte when there
 * are fewer than 8.  Inline: the reader asks it of every record.
 */
static inline int
utf8_all_ascii(const unsigned char *s, size_t n)
{
	const uint64_t highs = UINT64_C(0x8080808080808080);
	uint64_t a, b, c, d;
	size_t i;

	if (n < 8) {
		for (i = 0; i < n; i++)
			if (s[i] & 0x80)
				return 0;
		return 1;
	}
	for (i = 0; i + 32 <= n; i += 32) {
		memcpy(&a, s + i, 8);
		memcpy(&b, s + i + 8, 8);
		memcpy(&c, s + i + 16, 8);
		memcpy(&d, s + i + 24, 8);
		if (((a | b | c | d) & highs) != 0)
			return 0;
	}
	for (; i + 8 <= n; i += 8) {
		memcpy(&a, s + i, 8);
		if ((a & highs) != 0)
			return 0;
	}
	memcpy(&a, s + n - 8, 8);
	return (a & highs) == 0;
}

/*
 * The code point of the well-formed k-byte sequence at s when a
 * terminal could act on it: a C1 control (U+0080 to U+009F), or a
 * bidirectional override or isolate (U+202A to U+202E, U+2066 to
 * U+2069); else 0.
 */
unsigned utf8_control(const unsigned char *s, size_t k);

/* Nonzero when the n bytes at s are valid UTF-8. */
int utf8_valid(const unsigned char *s, size_t n);

#endif
