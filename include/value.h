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

#include "ascii.h"

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
 * the judging loop instead of calling them: value_trim(), value_bool(),
 * value_years() and value_employment().
 */

/*
 * Shrinks the view *s, *n to exclude surrounding white space (space, tab,
 * CR, LF).  A cell with no white space at either end, the usual case,
 * costs two tests.
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
	while (len > 0 && ascii_is_space((unsigned char)p[0])) {
		p++;
		len--;
	}
	while (len > 0 && ascii_is_space((unsigned char)p[len - 1]))
		len--;
	*s = p;
	*n = len;
}

/*
 * Boolean.  True: yes y true t 1 x pass passed.  False: no n false f 0
 * fail failed.
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
		/* Digits are compared as they are: ascii_fold_letter() is for
		 * letters. */
		if (s[0] == '1' || ascii_fold_letter(s[0]) == 'y' ||
		    ascii_fold_letter(s[0]) == 't' ||
		    ascii_fold_letter(s[0]) == 'x')
			v = 1;
		else if (s[0] == '0' || ascii_fold_letter(s[0]) == 'n' ||
		    ascii_fold_letter(s[0]) == 'f')
			v = 0;
		break;
	case 2:
		if (ascii_fold_letter(s[0]) == 'n' &&
		    ascii_fold_letter(s[1]) == 'o')
			v = 0;
		break;
	case 3:
		if (ascii_fold_letter(s[0]) == 'y' &&
		    ascii_fold_letter(s[1]) == 'e' &&
		    ascii_fold_letter(s[2]) == 's')
			v = 1;
		break;
	case 4:
		if (ascii_letters_are(s, "true") ||
		    ascii_letters_are(s, "pass"))
			v = 1;
		else if (ascii_letters_are(s, "fail"))
			v = 0;
		break;
	case 5:
		if (ascii_letters_are(s, "false"))
			v = 0;
		break;
	case 6:
		if (ascii_letters_are(s, "passed"))
			v = 1;
		else if (ascii_letters_are(s, "failed"))
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
	while (i < n && ascii_is_digit((unsigned char)s[i])) {
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
		while (i < n && ascii_is_digit((unsigned char)s[i])) {
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
 * employment_status: see enum employment.
 */
static inline enum value_status
value_employment(const char *s, size_t n, enum employment *out)
{
	value_trim(&s, &n);
	switch (n) {
	case 0:
		return VALUE_MISSING;
	case 6:
		if (ascii_letters_are(s, "active")) {
			*out = EMPLOYMENT_ACTIVE;
			return VALUE_OK;
		}
		if (ascii_letters_are(s, "former")) {
			*out = EMPLOYMENT_SEPARATED;
			return VALUE_OK;
		}
		break;
	case 7:
		if (ascii_letters_are(s, "serving") ||
		    ascii_letters_are(s, "current")) {
			*out = EMPLOYMENT_ACTIVE;
			return VALUE_OK;
		}
		if (ascii_letters_are(s, "retired")) {
			*out = EMPLOYMENT_SEPARATED;
			return VALUE_OK;
		}
		break;
	case 8:
		if (ascii_letters_are(s, "employed")) {
			*out = EMPLOYMENT_ACTIVE;
			return VALUE_OK;
		}
		if (ascii_letters_are(s, "resigned")) {
			*out = EMPLOYMENT_SEPARATED;
			return VALUE_OK;
		}
		break;
	case 9:
		if (ascii_letters_are(s, "separated")) {
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
