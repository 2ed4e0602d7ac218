/*
 * ascii.h - ASCII character classes and case folding, whatever the locale.
 *
 * Every comparison that ignores case in civpol-screen ignores ASCII case
 * only, and goes through here: header names, vocabulary words, status
 * words, encoding names.  The C library's <ctype.h> depends on the
 * locale and takes int arguments that must not be negative; these take
 * any byte and never change meaning.  Everything is static inline: the
 * judging loop calls some of them for nearly every cell.
 */
#ifndef CIVPOL_ASCII_H
#define CIVPOL_ASCII_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

static inline int
ascii_is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static inline int
ascii_is_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline int
ascii_is_alnum(unsigned char c)
{
	return ascii_is_alpha(c) || ascii_is_digit(c);
}

/*
 * The white space that values are trimmed of: all of ASCII's, space,
 * tab, LF, VT, FF and CR.
 */
static inline int
ascii_is_space(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* c lower-cased if it is an upper-case ASCII letter, else c. */
static inline unsigned char
ascii_lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

/*
 * Nonzero when the n bytes at s are the NUL-terminated word, ignoring
 * ASCII case; word is lower-case.
 */
static inline int
ascii_equal_fold(const char *s, size_t n, const char *word)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (word[i] == '\0' ||
		    ascii_lower((unsigned char)s[i]) != (unsigned char)word[i])
			return 0;
	return word[n] == '\0';
}

/* Nonzero when s starts with prefix (lower-case), ignoring ASCII case. */
static inline int
ascii_prefix_fold(const char *s, const char *prefix)
{
	size_t i;

	for (i = 0; prefix[i] != '\0'; i++)
		if (ascii_lower((unsigned char)s[i]) !=
		    (unsigned char)prefix[i])
			return 0;
	return 1;
}

/*
 * Nonzero when the bytes at s are the word w (4 to 16 lower-case ASCII
 * letters; s has as many bytes as w) in any case: the judging loop's
 * fast form of ascii_equal_fold() for a word of known length.  Setting
 * bit 0x20 of a byte lower-cases an upper-case letter, and the only
 * bytes it turns into a given lower-case letter are that letter and its
 * upper case, so the test is exact for letters without a table.  The
 * words are compared four or eight bytes at a time, the last load
 * overlapping the first.
 */
static inline int
ascii_letters_are(const char *s, const char *w)
{
	const uint64_t fold8 = UINT64_C(0x2020202020202020);
	const uint32_t fold4 = UINT32_C(0x20202020);
	size_t n = strlen(w);
	uint64_t a, b, x, y;
	uint32_t c, d, u, v;

	if (n >= 8) {
		memcpy(&a, s, 8);
		memcpy(&b, s + n - 8, 8);
		memcpy(&x, w, 8);
		memcpy(&y, &w[n - 8], 8);
		return ((a | fold8) == x) & ((b | fold8) == y);
	}
	memcpy(&c, s, 4);
	memcpy(&d, s + n - 4, 4);
	memcpy(&u, w, 4);
	memcpy(&v, &w[n - 4], 4);
	return ((c | fold4) == u) & ((d | fold4) == v);
}

/*
 * The byte c with bit 0x20 set: its lower case when it is a letter, for
 * comparing with a lower-case letter (as ascii_letters_are() does).
 */
static inline unsigned char
ascii_fold_letter(char c)
{
	return (unsigned char)c | 0x20;
}

#endif
