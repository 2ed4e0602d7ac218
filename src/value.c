/*
 * value.c - what the text of a cell means; see value.h.
 *
 * These parsers run once for every cell the rules read, so they stay on
 * the stack and never call the C library's locale-dependent helpers: a
 * cell with no white space at its ends is not trimmed at all; a
 * vocabulary word is recognised by its length, then compared a few bytes
 * at a time with ASCII letters folded to lower case by one OR (see
 * ascii_letters_are()); numbers and dates are read digit by digit.  The
 * hottest of them (value_trim(), value_bool(), value_years() and
 * value_employment()) are defined static inline in value.h, so that
 * judging does not pay a call for each cell; the dates, the calendar
 * arithmetic and the formatters are here.  Day numbers count days since
 * 1970-01-01 in the proleptic Gregorian calendar, computed with Howard
 * Hinnant's days_from_civil and civil_from_days algorithms.
 */
#include <stdio.h>
#include <string.h>

#include "value.h"

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
 * there are none or too many.
 */
static size_t
read_digits(const char *s, size_t n, size_t *i, size_t max, int *v)
{
	size_t k = 0;
	int x = 0;

	while (*i < n && ascii_is_digit((unsigned char)s[*i])) {
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
 */
static int
split_date(const char *s, size_t n, int *y, int *m, int *d)
{
	size_t i = 0, k;

	if (n == 10 && s[4] == '-') {
		/*
		 * YYYY-MM-DD: eight digits at fixed places, '-' at 4 and 7.
		 * A byte below '0' wraps to a large unsigned value, so one
		 * test per byte tells a digit.
		 */
		unsigned d0 = (unsigned char)s[0] - (unsigned)'0';
		unsigned d1 = (unsigned char)s[1] - (unsigned)'0';
		unsigned d2 = (unsigned char)s[2] - (unsigned)'0';
		unsigned d3 = (unsigned char)s[3] - (unsigned)'0';
		unsigned d5 = (unsigned char)s[5] - (unsigned)'0';
		unsigned d6 = (unsigned char)s[6] - (unsigned)'0';
		unsigned d8 = (unsigned char)s[8] - (unsigned)'0';
		unsigned d9 = (unsigned char)s[9] - (unsigned)'0';

		if ((d0 > 9) | (d1 > 9) | (d2 > 9) | (d3 > 9) | (d5 > 9) |
		    (d6 > 9) | (d8 > 9) | (d9 > 9) | (s[7] != '-'))
			return -1;
		*y = (int)(d0 * 1000 + d1 * 100 + d2 * 10 + d3);
		*m = (int)(d5 * 10 + d6);
		*d = (int)(d8 * 10 + d9);
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

/*
 * Hinnant's days_from_civil for a date that valid_date() accepted (years
 * 1900 to 9999): every quantity is then positive and small, so unsigned
 * 32-bit arithmetic serves, and no era can be negative.
 */
static int32_t
days_from_civil_valid(int y, int m, int d)
{
	unsigned yy = (unsigned)y - (m <= 2);
	unsigned mm = (unsigned)m, era = yy / 400, yoe = yy - era * 400;
	unsigned doy =
	    (153 * (mm > 2 ? mm - 3 : mm + 9) + 2) / 5 + (unsigned)d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return (int32_t)(era * 146097 + doe) - 719468;
}

enum value_status
value_date(const char *s, size_t n, int32_t *out)
{
	int y = 0, m = 0, d = 0;

	value_trim(&s, &n);
	if (n == 0)
		return VALUE_MISSING;
	if (split_date(s, n, &y, &m, &d) != 0 || !valid_date(y, m, d))
		return VALUE_INVALID;
	*out = days_from_civil_valid(y, m, d);
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

int32_t
value_add_months(int32_t day, int64_t months)
{
	/* Far past any day an int32_t holds, and far from overflow. */
	const int64_t far = INT64_C(1) << 40;
	int64_t y, total;
	int m, d;

	if (months > far)
		months = far;
	if (months < -far)
		months = -far;
	civil_from_days64(day, &y, &m, &d);
	/* Months from year 0, then back to a year and a month. */
	total = y * 12 + (m - 1) + months;
	y = total >= 0 ? total / 12 : -((-total + 11) / 12);
	m = (int)(total - y * 12) + 1;
	if (d > month_days(y, m))
		d = month_days(y, m);
	return clamp_day(days_from_civil64(y, m, d));
}

int64_t
value_whole_periods(int32_t from, int32_t to, int step)
{
	int64_t fy, ty, n;
	int fm, fd, tm, td;

	int64_t total, y;
	int m, d;

	if (from > to || step <= 0)
		return 0;
	civil_from_days64(from, &fy, &fm, &fd);
	civil_from_days64(to, &ty, &tm, &td);
	n = ((ty - fy) * 12 + (tm - fm)) / step;
	/*
	 * n periods back from to lands in from's month or later; at most
	 * one too many, when it lands in from's month before from's day.
	 * That date, as value_add_months() makes it, is compared as a
	 * year, month and day, with no day numbers.
	 */
	if (n > 0) {
		total = ty * 12 + (tm - 1) - n * step;
		y = total >= 0 ? total / 12 : -((-total + 11) / 12);
		m = (int)(total - y * 12) + 1;
		d = td < month_days(y, m) ? td : month_days(y, m);
		if (y == fy && m == fm && d < fd)
			n--;
	}
	return n;
}

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
	if (split_date(s, n, &y, &m, &d) != 0 || m < 1 || m > 12 || d < 1 ||
	    d > month_days(y, m))
		return -1;
	if (!valid_date(y, m, d))
		return -2;
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

/* Appends c to buf (size bytes) at *len if it fits; counts it anyway. */
static void
put_char(char *buf, size_t size, size_t *len, char c)
{
	if (*len + 1 < size)
		buf[*len] = c;
	(*len)++;
}

/* Ends the text of put_char() with a NUL; returns its full length. */
static size_t
end_text(char *buf, size_t size, size_t len)
{
	if (size > 0)
		buf[len < size ? len : size - 1] = '\0';
	return len;
}

size_t
value_decimal_format(const struct decimal *d, char *buf, size_t size)
{
	size_t i, len = 0;

	if (d->nwhole == 0)
		put_char(buf, size, &len, '0');
	for (i = 0; i < d->nwhole; i++)
		put_char(buf, size, &len, d->whole[i]);
	if (d->nfrac > 0)
		put_char(buf, size, &len, '.');
	for (i = 0; i < d->nfrac; i++)
		put_char(buf, size, &len, d->frac[i]);
	return end_text(buf, size, len);
}

/*
 * The digit of d at place p of a layout with w whole places and then
 * fraction places: leading and trailing places d lacks are 0.
 */
static int
digit_at(const struct decimal *d, size_t w, size_t p)
{
	if (p < w)
		return p + d->nwhole < w ? 0
		                         : d->whole[p + d->nwhole - w] - '0';
	p -= w;
	return p < d->nfrac ? d->frac[p] - '0' : 0;
}

/*
 * Subtracts place by place from the right, twice, keeping no digits: a
 * first pass finds the first whole place and the last fraction place
 * that are not 0, which fixes where each digit goes in the text; the
 * second writes each digit where it goes, if it is within buf.  Any
 * number of places, in time linear in them.
 */
size_t
value_decimal_sub(
    const struct decimal *a, const struct decimal *b, char *buf, size_t size)
{
	size_t w = a->nwhole > b->nwhole ? a->nwhole : b->nwhole;
	size_t f = a->nfrac > b->nfrac ? a->nfrac : b->nfrac;
	size_t places = w + f, p, first = w, last = w, at, len;
	int borrow = 0, x;

	for (p = places; p-- > 0;) {
		x = digit_at(a, w, p) - digit_at(b, w, p) - borrow;
		borrow = x < 0;
		if (x == 0)
			continue;
		if (p < w)
			first = p;
		else if (last == w)
			last = p + 1;
	}
	/* "0" for no whole digits; a point before any fraction digits. */
	len = (first == w ? 1 : w - first) + (last > w ? 1 + last - w : 0);
	if (size == 0)
		return len;
	if (first == w && size > 1)
		buf[0] = '0';
	if (last > w && (first == w ? 1 : w - first) < size - 1)
		buf[first == w ? 1 : w - first] = '.';
	borrow = 0;
	for (p = places; p-- > 0;) {
		x = digit_at(a, w, p) - digit_at(b, w, p) - borrow;
		borrow = x < 0;
		if (p < first || p >= last)
			continue;
		at = p < w ? p - first
		           : (first == w ? 1 : w - first) + 1 + p - w;
		if (at < size - 1)
			buf[at] = (char)('0' + (x < 0 ? x + 10 : x));
	}
	buf[len < size ? len : size - 1] = '\0';
	return len;
}
