/*
 * value.h - what the text of a cell means.
 *
 * The reader keeps field bytes exactly as they came; this module decides
 * what they say.  Every parser here ignores case and the white space
 * (space, tab, CR, LF) around a value, and answers VALUE_MISSING when
 * nothing is left, VALUE_INVALID when what is left is not a word or number
 * of its kind.  No parser depends on the locale or allocates.
 */
#ifndef CIVPOL_VALUE_H
#define CIVPOL_VALUE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

enum value_status { VALUE_OK = 0, VALUE_MISSING, VALUE_INVALID };

/* Years are fixed point: whole years times VALUE_YEAR_SCALE. */
#define VALUE_YEAR_SCALE INT64_C(1000000000)
/* The largest years value: 999999999.999999999 years. */
#define VALUE_YEARS_MAX (INT64_C(1000000000) * VALUE_YEAR_SCALE - 1)

enum employment {
	EMPLOYMENT_ACTIVE, /* active serving employed current */
	EMPLOYMENT_SEPARATED /* retired separated resigned former */
};

/*
 * The cell parsers that judging runs for nearly every cell it reads are
 * defined here, static inline, so that the compiler can fold them into
 * the judging loop (rules.c) instead of calling them: value_trim(),
 * value_bool(), value_years() and value_employment().  Their helpers
 * carry the value_ prefix and a trailing underscore; they are not part of
 * the contract.  None depends on the locale or allocates.
 */

/* Nonzero for the white space that parsers trim: space, tab, CR, LF. */
static inline int
value_is_space_(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Nonzero for an ASCII digit. */
static inline int
value_is_digit_(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* The byte c lower-cased if it is an ASCII letter, else a non-letter. */
static inline unsigned char
value_fold_(char c)
{
	return (unsigned char)c | 0x20;
}

/*
 * Nonzero when the bytes at s are the word w (4 to 16 lower-case ASCII
 * letters; s has as many bytes as w) in any case.  Setting bit 0x20 of a
 * byte lower-cases an upper-case letter, and the only bytes it turns into
 * a given lower-case letter are that letter and its upper case, so the
 * test is exact without a table or the locale.  The words are compared
 * four or eight bytes at a time, the last load overlapping the first.
 * Both are borrowed for the call.
 */
static inline int
value_word_is_(const char *s, const char *w)
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
 * Shrinks the view *s, *n to exclude surrounding white space (space, tab,
 * CR, LF).  A cell with no white space at either end, the usual case,
 * costs two tests.  The pointer stays borrowed from the caller.
 */
static inline void
value_trim(const char **s, size_t *n)
{
	const char *p = *s;
	size_t len = *n;

	/* Every white space byte is below '!'. */
	if (len == 0 ||
	    ((unsigned char)p[0] > ' ' && (unsigned char)p[len - 1] > ' '))
		return;
	while (len > 0 && value_is_space_((unsigned char)p[0])) {
		p++;
		len--;
	}
	while (len > 0 && value_is_space_((unsigned char)p[len - 1]))
		len--;
	*s = p;
	*n = len;
}

/*
 * Boolean.  True: yes y true t 1 x pass passed.  False: no n false f 0
 * fail failed.  s is borrowed for the call; *out is the caller's.
 */
static inline enum value_status
value_bool(const char *s, size_t n, int *out)
{
	int v = -1;

	value_trim(&s, &n);
	switch (n) {
	case 0:
		return VALUE_MISSING;
	case 1:
		/* Digits are compared as they are: value_fold_() is for
		 * letters. */
		if (s[0] == '1' || value_fold_(s[0]) == 'y' ||
		    value_fold_(s[0]) == 't' || value_fold_(s[0]) == 'x')
			v = 1;
		else if (s[0] == '0' || value_fold_(s[0]) == 'n' ||
		    value_fold_(s[0]) == 'f')
			v = 0;
		break;
	case 2:
		if (value_fold_(s[0]) == 'n' && value_fold_(s[1]) == 'o')
			v = 0;
		break;
	case 3:
		if (value_fold_(s[0]) == 'y' && value_fold_(s[1]) == 'e' &&
		    value_fold_(s[2]) == 's')
			v = 1;
		break;
	case 4:
		if (value_word_is_(s, "true") || value_word_is_(s, "pass"))
			v = 1;
		else if (value_word_is_(s, "fail"))
			v = 0;
		break;
	case 5:
		if (value_word_is_(s, "false"))
			v = 0;
		break;
	case 6:
		if (value_word_is_(s, "passed"))
			v = 1;
		else if (value_word_is_(s, "failed"))
			v = 0;
		break;
	default:
		break;
	}
	if (v < 0)
		return VALUE_INVALID;
	*out = v;
	return VALUE_OK;
}

/*
 * Years: one or more digits, optionally a point and one or more digits
 * ("8", "8.0", "07.5"); not "-3", "7,5", "8 years", "1e1", ".5" or "5.".
 * *out is the value times VALUE_YEAR_SCALE, with fraction digits past the
 * ninth dropped (so comparing it with a threshold of at most nine
 * fraction digits is exact) and values above VALUE_YEARS_MAX clamped.
 * s is borrowed for the call; *out is the caller's.
 */
static inline enum value_status
value_years(const char *s, size_t n, int64_t *out)
{
	/* What the fraction's digits are worth, by how many there are. */
	static const int64_t scale[10] = { 1000000000, 100000000, 10000000,
		1000000, 100000, 10000, 1000, 100, 10, 1 };
	int64_t whole = 0, frac = 0;
	size_t i = 0, start, nfrac = 0;

	value_trim(&s, &n);
	if (n == 0)
		return VALUE_MISSING;
	/*
	 * The whole part stops growing once it passes the largest whole
	 * number of years, so that any run of digits (leading zeros
	 * included) is read without overflow and then clamped.
	 */
	while (i < n && value_is_digit_((unsigned char)s[i])) {
		if (whole < VALUE_YEAR_SCALE)
			whole = whole * 10 + (s[i] - '0');
		i++;
	}
	if (i == 0)
		return VALUE_INVALID;
	if (i < n) {
		if (s[i] != '.')
			return VALUE_INVALID;
		i++;
		start = i;
		while (i < n && value_is_digit_((unsigned char)s[i])) {
			if (nfrac < 9) {
				frac = frac * 10 + (s[i] - '0');
				nfrac++;
			}
			i++;
		}
		if (i == start || i < n)
			return VALUE_INVALID;
	}
	if (whole >= VALUE_YEAR_SCALE)
		*out = VALUE_YEARS_MAX;
	else
		*out = whole * VALUE_YEAR_SCALE + frac * scale[nfrac];
	return VALUE_OK;
}

/*
 * employment_status: see enum employment.  s is borrowed for the call;
 * *out is the caller's.
 */
static inline enum value_status
value_employment(const char *s, size_t n, enum employment *out)
{
	value_trim(&s, &n);
	switch (n) {
	case 0:
		return VALUE_MISSING;
	case 6:
		if (value_word_is_(s, "active")) {
			*out = EMPLOYMENT_ACTIVE;
			return VALUE_OK;
		}
		if (value_word_is_(s, "former")) {
			*out = EMPLOYMENT_SEPARATED;
			return VALUE_OK;
		}
		break;
	case 7:
		if (value_word_is_(s, "serving") ||
		    value_word_is_(s, "current")) {
			*out = EMPLOYMENT_ACTIVE;
			return VALUE_OK;
		}
		if (value_word_is_(s, "retired")) {
			*out = EMPLOYMENT_SEPARATED;
			return VALUE_OK;
		}
		break;
	case 8:
		if (value_word_is_(s, "employed")) {
			*out = EMPLOYMENT_ACTIVE;
			return VALUE_OK;
		}
		if (value_word_is_(s, "resigned")) {
			*out = EMPLOYMENT_SEPARATED;
			return VALUE_OK;
		}
		break;
	case 9:
		if (value_word_is_(s, "separated")) {
			*out = EMPLOYMENT_SEPARATED;
			return VALUE_OK;
		}
		break;
	default:
		break;
	}
	return VALUE_INVALID;
}

/*
 * A calendar date: YYYY-MM-DD (two-digit month and day), or U.S.
 * M/D/YYYY or M/D/YY (one or two digits for month and day).  Two-digit
 * years follow POSIX strptime %y: 69-99 are 1969-1999, 00-68 are
 * 2000-2068.  The date must exist (no February 30) and its year be 1900
 * or later.  *out is the day number (days since 1970-01-01).  Whether the
 * date lies after an as-of date is the caller's question.
 */
enum value_status value_date(const char *s, size_t n, int32_t *out);

/* Day number of a proleptic Gregorian date; no range check. */
int32_t value_days_from_civil(int y, int m, int d);

/* The date of day number days. */
void value_civil_from_days(int32_t days, int *y, int *m, int *d);

/*
 * The day number of the date years calendar years before day: same month
 * and day, February 29 becoming February 28 when the year has none.
 */
int32_t value_years_before(int32_t day, int years);

/*
 * Parses an as-of date, strictly YYYY-MM-DD (a real date, year 1900 to
 * 9999), NUL-terminated with nothing around it.  Returns 0 or -1.
 */
int value_parse_iso(const char *s, int32_t *out);

/* Writes day as YYYY-MM-DD and a NUL into buf[11]; returns buf. */
char *value_format_date(int32_t day, char buf[11]);

/*
 * Writes a years value as decimal text, with no trailing zeros in the
 * fraction and no point when it is whole ("8", "1.5"), and a NUL.
 * buf should hold at least VALUE_YEARS_BUF bytes.  Returns buf.
 */
#define VALUE_YEARS_BUF 32
char *value_format_years(int64_t years, char *buf);

#endif
