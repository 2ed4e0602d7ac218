/*
 * value.h - what the text of a cell means.
 *
 * The reader keeps field bytes exactly as they came; this module decides
 * what they say.  Every parser here ignores case and the white space
 * (all of ASCII's: space, tab, LF, VT, FF, CR) around a value, and
 * answers VALUE_MISSING when nothing is left, VALUE_INVALID when what is
 * left is not a word or number of its kind.  No parser depends on the locale or allocates.
 */
#ifndef CIVPOL_VALUE_H
#define CIVPOL_VALUE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ascii.h"

enum value_status { VALUE_OK = 0, VALUE_MISSING, VALUE_INVALID };

enum employment {
	EMPLOYMENT_ACTIVE, /* active serving employed current */
	EMPLOYMENT_SEPARATED /* retired separated resigned former */
};

/*
 * The cell parsers that judging runs for nearly every cell it reads are
 * defined here, static inline, so that the compiler can fold them into
 * the judging loop instead of calling them: value_trim(), value_bool(),
 * value_decimal() and value_employment().
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
 * fail failed.  Always inlined: judging's hot loop calls it for most
 * cells, and a compiler that sees a second caller would make it a call.
 */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
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
 * A decimal number as a cell writes it, not converted but viewed: its
 * whole digits without leading zeros ("" for zero) and its fraction
 * digits without trailing zeros, so that two decimals of any length
 * compare exactly.  Views into the text it was read from.
 */
struct decimal {
	const char *whole;
	size_t nwhole;
	const char *frac;
	size_t nfrac;
};

/*
 * A decimal: one or more digits, optionally a point and one or more
 * digits ("8", "8.0", "07.5"); not "-3", "7,5", "8 years", "1e1", ".5"
 * or "5.".  Any number of digits, read exactly.  Borrowed: *out views s.
 */
static inline enum value_status
value_decimal(const char *s, size_t n, struct decimal *out)
{
	size_t i = 0, start;

	value_trim(&s, &n);
	if (n == 0)
		return VALUE_MISSING;
	while (i < n && ascii_is_digit((unsigned char)s[i]))
		i++;
	if (i == 0)
		return VALUE_INVALID;
	out->nfrac = 0;
	if (i < n) {
		if (s[i] != '.')
			return VALUE_INVALID;
		start = ++i;
		while (i < n && ascii_is_digit((unsigned char)s[i]))
			i++;
		if (i == start || i < n)
			return VALUE_INVALID;
		out->frac = s + start;
		out->nfrac = n - start;
		while (out->nfrac > 0 && out->frac[out->nfrac - 1] == '0')
			out->nfrac--;
		n = start - 1;
	}
	while (n > 0 && s[0] == '0') {
		s++;
		n--;
	}
	out->whole = s;
	out->nwhole = n;
	if (out->nfrac == 0)
		out->frac = s + n;
	return VALUE_OK;
}

/* Below 0, 0 or above 0 as a is less than, equal to or more than b. */
static inline int
value_decimal_cmp(const struct decimal *a, const struct decimal *b)
{
	size_t m = a->nfrac < b->nfrac ? a->nfrac : b->nfrac;
	size_t i;

	if (a->nwhole != b->nwhole)
		return a->nwhole < b->nwhole ? -1 : 1;
	/* Most numbers have a digit or two: a loop, not a call. */
	for (i = 0; i < a->nwhole; i++)
		if (a->whole[i] != b->whole[i])
			return (unsigned char)a->whole[i] <
			        (unsigned char)b->whole[i]
			    ? -1
			    : 1;
	for (i = 0; i < m; i++)
		if (a->frac[i] != b->frac[i])
			return (unsigned char)a->frac[i] <
			        (unsigned char)b->frac[i]
			    ? -1
			    : 1;
	/* The longer fraction ends in a digit that is not 0. */
	return (a->nfrac > m) - (b->nfrac > m);
}

/*
 * Writes d as decimal text, "0" for zero, with no point when it is whole
 * ("8", "1.5"), into buf (size bytes, NUL-terminated, cut to fit), and
 * returns the length it would have.
 */
size_t value_decimal_format(const struct decimal *d, char *buf, size_t size);

/*
 * Writes a - b (a at least b) as value_decimal_format() would, exactly,
 * into buf (size bytes, NUL-terminated, cut to fit); returns the length
 * it would have.
 */
size_t value_decimal_sub(
    const struct decimal *a, const struct decimal *b, char *buf, size_t size);

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
 * The day number of the date months calendar months after day (before
 * it when months is negative): the same day of the month, or that
 * month's last day when it has fewer days (January 31 plus one month is
 * February 28 or 29).  value_years_before(day, y) is
 * value_add_months(day, -12 * y).
 */
int32_t value_add_months(int32_t day, int64_t months);

/*
 * The number of whole periods of step months (12: years, 1: months)
 * from day from to day to, counted back from to: the largest N for which
 * from is on or before value_add_months(to, -N * step).  0 when from is
 * after that for N = 0, that is, after to.  A person born on 2000-02-29
 * is 24 whole years old on 2025-02-28 and 25 on 2025-03-01.
 */
int64_t value_whole_periods(int32_t from, int32_t to, int step);

/*
 * Parses an as-of date, strictly YYYY-MM-DD (a real date, year 1900 to
 * 9999), NUL-terminated with nothing around it.  Returns 0; -1 when s is
 * not a real date so written; -2 for a real date before 1900.
 */
int value_parse_iso(const char *s, int32_t *out);

/* Writes day as YYYY-MM-DD and a NUL into buf[11]; returns buf. */
char *value_format_date(int32_t day, char buf[11]);

#endif
