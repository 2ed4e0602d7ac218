/*
 * value.c - what the text of a cell means; see value.h.
 *
 * These parsers run once for every cell the rules read, so they stay on
 * the stack and never call the C library's locale-dependent helpers: a
 * cell with no white space at its ends is not trimmed at all; a
 * vocabulary word is recognised by its length, then compared a few bytes
 * at a time with ASCII letters folded to lower case by one OR (see
 * word_is()); numbers and dates are read digit by digit.  Day numbers count days since
 * 1970-01-01 in the proleptic Gregorian calendar, computed with Howard
 * Hinnant's days_from_civil and civil_from_days algorithms.
 */
#include <stdio.h>
#include <string.h>

#include "value.h"

static int
is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int
is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/*
 * The trimming that every parser starts with: a cell with no white space
 * at either end, the usual case, costs two tests.  The pointer stays
 * borrowed from the caller.
 */
static inline void
trim(const char **s, size_t *n)
{
	const char *p = *s;
	size_t len = *n;

	/* Every white space byte is below '!'. */
	if (len == 0 ||
	    ((unsigned char)p[0] > ' ' && (unsigned char)p[len - 1] > ' '))
		return;
	while (len > 0 && is_space((unsigned char)p[0])) {
		p++;
		len--;
	}
	while (len > 0 && is_space((unsigned char)p[len - 1]))
		len--;
	*s = p;
	*n = len;
}

/*
 * Nonzero when the bytes at s are the word w (4 to 16 lower-case ASCII
 * letters; s has as many bytes as w) in any case.  Setting bit 0x20 of a byte
 * lower-cases an upper-case letter, and the only bytes it turns into a
 * given lower-case letter are that letter and its upper case, so the
 * test is exact without a table or the locale.  The words are compared
 * four or eight bytes at a time, the last load overlapping the first.
 * Both are borrowed for the call.
 */
static inline int
word_is(const char *s, const char *w)
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

/* The byte c lower-cased if it is an ASCII letter, else a non-letter. */
static inline unsigned char
fold(char c)
{
	return (unsigned char)c | 0x20;
}

/* The pointer stays borrowed from the caller. */
void
value_trim(const char **s, size_t *n)
{
	trim(s, n);
}

/* s is borrowed for the call; *out is the caller's. */
enum value_status
value_bool(const char *s, size_t n, int *out)
{
	int v = -1;

	trim(&s, &n);
	switch (n) {
	case 0:
		return VALUE_MISSING;
	case 1:
		/* Digits are compared as they are: fold() is for letters. */
		if (s[0] == '1' || fold(s[0]) == 'y' || fold(s[0]) == 't' ||
		    fold(s[0]) == 'x')
			v = 1;
		else if (s[0] == '0' || fold(s[0]) == 'n' || fold(s[0]) == 'f')
			v = 0;
		break;
	case 2:
		if (fold(s[0]) == 'n' && fold(s[1]) == 'o')
			v = 0;
		break;
	case 3:
		if (fold(s[0]) == 'y' && fold(s[1]) == 'e' && fold(s[2]) == 's')
			v = 1;
		break;
	case 4:
		if (word_is(s, "true") || word_is(s, "pass"))
			v = 1;
		else if (word_is(s, "fail"))
			v = 0;
		break;
	case 5:
		if (word_is(s, "false"))
			v = 0;
		break;
	case 6:
		if (word_is(s, "passed"))
			v = 1;
		else if (word_is(s, "failed"))
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

/* s is borrowed for the call; *out is the caller's. */
enum value_status
value_years(const char *s, size_t n, int64_t *out)
{
	/* What the fraction's digits are worth, by how many there are. */
	static const int64_t scale[10] = { 1000000000, 100000000, 10000000,
		1000000, 100000, 10000, 1000, 100, 10, 1 };
	int64_t whole = 0, frac = 0;
	size_t i = 0, start, nfrac = 0;

	trim(&s, &n);
	if (n == 0)
		return VALUE_MISSING;
	/*
	 * The whole part stops growing once it passes the largest whole
	 * number of years, so that any run of digits (leading zeros
	 * included) is read without overflow and then clamped.
	 */
	while (i < n && is_digit((unsigned char)s[i])) {
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
		while (i < n && is_digit((unsigned char)s[i])) {
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

/* s is borrowed for the call; *out is the caller's. */
enum value_status
value_employment(const char *s, size_t n, enum employment *out)
{
	trim(&s, &n);
	switch (n) {
	case 0:
		return VALUE_MISSING;
	case 6:
		if (word_is(s, "active")) {
			*out = EMPLOYMENT_ACTIVE;
			return VALUE_OK;
		}
		if (word_is(s, "former")) {
			*out = EMPLOYMENT_SEPARATED;
			return VALUE_OK;
		}
		break;
	case 7:
		if (word_is(s, "serving") || word_is(s, "current")) {
			*out = EMPLOYMENT_ACTIVE;
			return VALUE_OK;
		}
		if (word_is(s, "retired")) {
			*out = EMPLOYMENT_SEPARATED;
			return VALUE_OK;
		}
		break;
	case 8:
		if (word_is(s, "employed")) {
			*out = EMPLOYMENT_ACTIVE;
			return VALUE_OK;
		}
		if (word_is(s, "resigned")) {
			*out = EMPLOYMENT_SEPARATED;
			return VALUE_OK;
		}
		break;
	case 9:
		if (word_is(s, "separated")) {
			*out = EMPLOYMENT_SEPARATED;
			return VALUE_OK;
		}
		break;
	default:
		break;
	}
	return VALUE_INVALID;
}

static int
is_leap(int64_t y)
{
	return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

static int
month_days(int64_t y, int m)
{
	static const unsigned char days[12] = { 31, 28, 31, 30, 31, 30, 31, 31,
		30, 31, 30, 31 };

	if (m == 2 && is_leap(y))
		return 29;
	return days[m - 1];
}

/*
 * Reads the run of digits at s[*i] (at most max of them, else fails) into
 * *v and advances *i.  Returns the number of digits read, or 0 when
 * there are none or too many.  s is borrowed for the call.
 */
static size_t
read_digits(const char *s, size_t n, size_t *i, size_t max, int *v)
{
	size_t k = 0;
	int x = 0;

	while (*i < n && is_digit((unsigned char)s[*i])) {
		if (k == max)
			return 0;
		x = x * 10 + (s[*i] - '0');
		(*i)++;
		k++;
	}
	*v = x;
	return k;
}

/*
 * Parses the trimmed text of a date in either form into y, m and d (the
 * caller's), without checking that the date exists.  Returns 0 or -1.
 * s is borrowed for the call.
 */
static int
split_date(const char *s, size_t n, int *y, int *m, int *d)
{
	static const unsigned char iso_digit[8] = { 0, 1, 2, 3, 5, 6, 8, 9 };
	size_t i = 0, k;

	if (n == 10 && s[4] == '-') {
		/* YYYY-MM-DD: eight digits at fixed places, '-' at 4 and 7. */
		for (k = 0; k < 8; k++)
			if (!is_digit((unsigned char)s[iso_digit[k]]))
				return -1;
		if (s[7] != '-')
			return -1;
		*y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 +
		    (s[2] - '0') * 10 + (s[3] - '0');
		*m = (s[5] - '0') * 10 + (s[6] - '0');
		*d = (s[8] - '0') * 10 + (s[9] - '0');
		return 0;
	}
	if (read_digits(s, n, &i, 2, m) == 0 || i >= n || s[i] != '/')
		return -1;
	i++;
	if (read_digits(s, n, &i, 2, d) == 0 || i >= n || s[i] != '/')
		return -1;
	i++;
	k = read_digits(s, n, &i, 4, y);
	if (i != n)
		return -1;
	if (k == 2)
		*y += *y >= 69 ? 1900 : 2000;
	else if (k != 4)
		return -1;
	return 0;
}

/* Nonzero when y-m-d is a real date in 1900..9999. */
static int
valid_date(int y, int m, int d)
{
	return y >= 1900 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	    d <= month_days(y, m);
}

/* s is borrowed for the call; *out is the caller's. */
enum value_status
value_date(const char *s, size_t n, int32_t *out)
{
	int y = 0, m = 0, d = 0;

	trim(&s, &n);
	if (n == 0)
		return VALUE_MISSING;
	if (split_date(s, n, &y, &m, &d) != 0 || !valid_date(y, m, d))
		return VALUE_INVALID;
	*out = value_days_from_civil(y, m, d);
	return VALUE_OK;
}

/*
 * Hinnant's days_from_civil in 64 bits, so that no int argument can
 * overflow it.
 */
static int64_t
days_from_civil64(int64_t y, int64_t m, int64_t d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* A 64-bit day number clamped into int32_t. */
static int32_t
clamp_day(int64_t day)
{
	if (day > INT32_MAX)
		return INT32_MAX;
	if (day < INT32_MIN)
		return INT32_MIN;
	return (int32_t)day;
}

/* A result beyond int32_t is clamped, not wrapped. */
int32_t
value_days_from_civil(int y, int m, int d)
{
	return clamp_day(days_from_civil64(y, m, d));
}

/* Hinnant's civil_from_days; y, m and d are the caller's. */
static void
civil_from_days64(int64_t z, int64_t *y, int *m, int *d)
{
	int64_t era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

/* y, m and d are the caller's. */
void
value_civil_from_days(int32_t days, int *y, int *m, int *d)
{
	int64_t yy;

	civil_from_days64(days, &yy, m, d);
	/* Every int32_t day number falls within a year that fits an int. */
	*y = (int)yy;
}

/* A result beyond int32_t is clamped, not wrapped. */
int32_t
value_years_before(int32_t day, int years)
{
	int64_t y;
	int m, d;

	civil_from_days64(day, &y, &m, &d);
	y -= years;
	if (m == 2 && d == 29 && !is_leap(y))
		d = 28;
	return clamp_day(days_from_civil64(y, m, d));
}

/* s is borrowed for the call; *out is the caller's. */
int
value_parse_iso(const char *s, int32_t *out)
{
	int y = 0, m = 0, d = 0;
	size_t n;

	if (s == NULL)
		return -1;
	/* Only the first 11 bytes matter: a date and its NUL. */
	n = strnlen(s, 11);
	if (n != 10 || s[4] != '-')
		return -1;
	if (split_date(s, n, &y, &m, &d) != 0 || !valid_date(y, m, d))
		return -1;
	*out = value_days_from_civil(y, m, d);
	return 0;
}

/* Writes v as exactly width digits at p, the caller's. */
static void
put_digits(char *p, int v, int width)
{
	while (width-- > 0) {
		p[width] = (char)('0' + v % 10);
		v /= 10;
	}
}

/* buf is the caller's; the result is buf. */
char *
value_format_date(int32_t day, char buf[11])
{
	int y, m, d;

	value_civil_from_days(day, &y, &m, &d);
	if (y < 0 || y > 9999) {
		/* Outside four-digit years: cut to fit, never overrun. */
		(void)snprintf(buf, 11, "%d-%02d-%02d", y, m, d);
		return buf;
	}
	put_digits(buf, y, 4);
	buf[4] = '-';
	put_digits(buf + 5, m, 2);
	buf[7] = '-';
	put_digits(buf + 8, d, 2);
	buf[10] = '\0';
	return buf;
}

/* buf is the caller's (VALUE_YEARS_BUF bytes); the result is buf. */
char *
value_format_years(int64_t years, char *buf)
{
	char tmp[24];
	uint64_t mag, whole, frac;
	size_t o = 0, t = 0;
	int k;

	if (years < 0) {
		buf[o++] = '-';
		mag = (uint64_t)0 - (uint64_t)years;
	} else
		mag = (uint64_t)years;
	whole = mag / (uint64_t)VALUE_YEAR_SCALE;
	frac = mag % (uint64_t)VALUE_YEAR_SCALE;
	do {
		tmp[t++] = (char)('0' + whole % 10);
		whole /= 10;
	} while (whole > 0);
	while (t > 0)
		buf[o++] = tmp[--t];
	if (frac > 0) {
		buf[o++] = '.';
		k = 9;
		while (frac % 10 == 0) {
			frac /= 10;
			k--;
		}
		/* k digits are left, the last one nonzero. */
		o += (size_t)k;
		for (t = 1; t <= (size_t)k; t++) {
			buf[o - t] = (char)('0' + frac % 10);
			frac /= 10;
		}
	}
	buf[o] = '\0';
	return buf;
}
