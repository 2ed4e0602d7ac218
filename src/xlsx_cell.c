/*
 * xlsx_cell.c - a workbook cell's reference and value as text; see
 * xlsx_cell.h.
 *
 * Numbers are read with strtod() once their text is checked to be
 * plain decimal (strtod() would take hex, "inf" and leading blanks), and
 * written back with the fewest significant digits that read back the
 * same: for a normal double, 15 digits (trailing zeros dropped) always
 * do when any 15 or fewer do (a double holds 15 decimal digits
 * exactly), else 16, else 17, which always do; a subnormal one is
 * tried from 1 digit up.  The program never
 * calls setlocale(), so the decimal point is '.'.
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "value.h"
#include "xlsx_cell.h"

int
xlsx_cell_ref(const char *s, size_t n, unsigned *col, unsigned long *row)
{
	unsigned long c = 0, r = 0;
	size_t i = 0, letters;

	while (i < n && s[i] >= 'A' && s[i] <= 'Z' && i < 3) {
		c = c * 26 + (unsigned long)(s[i] - 'A' + 1);
		i++;
	}
	letters = i;
	if (letters == 0 || c > XLSX_MAX_COLUMNS || i == n || s[i] < '1' ||
	    s[i] > '9')
		return -1;
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
		r = r * 10 + (unsigned long)(s[i] - '0');
		if (r > XLSX_MAX_ROWS)
			return -1;
	}
	if (i != n)
		return -1;
	*col = (unsigned)(c - 1);
	*row = r;
	return 0;
}

char *
xlsx_column_name(unsigned col, char *buf)
{
	char rev[XLSX_COLUMN_BUF];
	size_t n = 0, i;
	unsigned long c = (unsigned long)col % XLSX_MAX_COLUMNS + 1;

	/* Bijective base 26: A is 1, Z 26, AA 27. */
	while (c > 0 && n < sizeof(rev) - 1) {
		c--;
		rev[n++] = (char)('A' + c % 26);
		c /= 26;
	}
	for (i = 0; i < n; i++)
		buf[i] = rev[n - 1 - i];
	buf[n] = '\0';
	return buf;
}

/* The count of decimal digits at s[*i, n), consumed. */
static size_t
digits(const char *s, size_t n, size_t *i)
{
	size_t start = *i;

	while (*i < n && s[*i] >= '0' && s[*i] <= '9')
		(*i)++;
	return *i - start;
}

int
xlsx_number_parse(const char *s, size_t n, double *out)
{
	char buf[512];
	size_t i = 0, mant;
	double v;
	char *end;

	if (i < n && (s[i] == '-' || s[i] == '+'))
		i++;
	mant = digits(s, n, &i);
	if (i < n && s[i] == '.') {
		i++;
		mant += digits(s, n, &i);
	}
	if (mant == 0)
		return -1;
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '-' || s[i] == '+'))
			i++;
		if (digits(s, n, &i) == 0)
			return -1;
	}
	if (i != n || n >= sizeof(buf))
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	/* Too large is refused; too small reads as what a double holds. */
	v = strtod(buf, &end);
	if (end != buf + n || !isfinite(v))
		return -1;
	*out = v;
	return 0;
}

size_t
xlsx_number_text(double v, char *buf)
{
	/* dig holds at least one digit, as "%e" writes one; the "0" says
	 * so to an analyzer that cannot see into snprintf(). */
	char e[40], dig[24] = "0";
	size_t k = 0, o = 0, j;
	const char *p;
	long exp10;
	int prec;
	long n;

	if (v == 0) {
		memcpy(buf, "0", 2);
		return 1;
	}
	/* A subnormal holds fewer digits: any count may be the least. */
	for (prec = fabs(v) < DBL_MIN ? 1 : 15; prec < 17; prec++) {
		(void)snprintf(e, sizeof(e), "%.*e", prec - 1, v);
		if (strtod(e, NULL) == v)
			break;
	}
	if (prec == 17)
		(void)snprintf(e, sizeof(e), "%.*e", prec - 1, v);
	/* e is "[-]D.DDDDe[+-]XX": its digits, then its exponent. */
	p = e;
	if (*p == '-')
		buf[o++] = *p++;
	for (; *p != 'e'; p++)
		if (*p != '.')
			dig[k++] = *p;
	exp10 = strtol(p + 1, NULL, 10);
	while (k > 1 && dig[k - 1] == '0')
		k--;
	/* n: where the decimal point goes, counted in digits from the
	 * first (ECMAScript's Number::toString). */
	n = exp10 + 1;
	if ((long)k <= n && n <= 21) {
		for (j = 0; j < k; j++)
			buf[o++] = dig[j];
		for (j = k; (long)j < n; j++)
			buf[o++] = '0';
	} else if (n > 0 && n <= 21) {
		for (j = 0; j < k; j++) {
			if ((long)j == n)
				buf[o++] = '.';
			buf[o++] = dig[j];
		}
	} else if (n > -6 && n <= 0) {
		buf[o++] = '0';
		buf[o++] = '.';
		for (; n < 0; n++)
			buf[o++] = '0';
		for (j = 0; j < k; j++)
			buf[o++] = dig[j];
	} else {
		buf[o++] = dig[0];
		if (k > 1)
			buf[o++] = '.';
		for (j = 1; j < k; j++)
			buf[o++] = dig[j];
		o += (size_t)snprintf(buf + o, XLSX_NUMBER_BUF - o, "e%c%ld",
		    n - 1 < 0 ? '-' : '+', n - 1 < 0 ? 1 - n : n - 1);
		return o;
	}
	buf[o] = '\0';
	return o;
}

int
xlsx_number_is_shortest(const char *s, size_t n)
{
	size_t i = 0, start, sig = 0, zeros = 0;

	if (i < n && s[i] == '-')
		i++;
	start = i;
	if (i < n && s[i] == '0') {
		i++;
		if (i == n)
			return start == 0; /* "0", not "-0" */
		if (s[i] != '.')
			return 0;
		/* 0.000001 and up; 0.0000001 is written 1e-7. */
		for (i++; i < n && s[i] == '0'; i++)
			zeros++;
		if (zeros > 5 || i == n)
			return 0;
	} else {
		for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			sig++;
		if (sig == 0 || sig > 15)
			return 0;
		if (i == n)
			return 1;
		if (s[i] != '.')
			return 0;
		i++;
	}
	start = i;
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		sig++;
	return i == n && i > start && s[n - 1] != '0' && sig <= 15;
}

/* The last serial of each date system: 9999-12-31. */
#define SERIAL_MAX_1900 2958465.0
#define SERIAL_MAX_1904 2957003.0

int
xlsx_date_text(double serial, int date1904, char buf[11])
{
	double ms;
	long days;
	int32_t day;

	if (!(serial >= 0) ||
	    serial >= (date1904 ? SERIAL_MAX_1904 : SERIAL_MAX_1900) + 1)
		return -1;
	/* As a spreadsheet shows it: rounded to the millisecond. */
	ms = floor(serial * 86400000.0 + 0.5);
	days = (long)floor(ms / 86400000.0);
	if (days > (long)(date1904 ? SERIAL_MAX_1904 : SERIAL_MAX_1900))
		return -1;
	if (date1904) {
		day = value_days_from_civil(1904, 1, 1) + (int32_t)days;
	} else if (days == 60) {
		/* Lotus 1-2-3 counted 1900 as a leap year, and Excel kept
		 * the day. */
		memcpy(buf, "1900-02-29", sizeof("1900-02-29"));
		return 0;
	} else if (days < 1) {
		return -1;
	} else {
		day = value_days_from_civil(1899, 12, days < 60 ? 31 : 30) +
		    (int32_t)days;
	}
	(void)value_format_date(day, buf);
	return 0;
}

/* Ten million days: far beyond any time a sheet means. */
#define TIME_DAYS_MAX 1e7

size_t
xlsx_time_text(double serial, char *buf)
{
	unsigned long secs;
	int n;

	if (!(serial >= 0) || serial >= TIME_DAYS_MAX)
		return 0;
	secs = (unsigned long)floor(serial * 86400.0 + 0.5);
	n = snprintf(buf, XLSX_NUMBER_BUF, "%lu:%02lu:%02lu", secs / 3600,
	    secs / 60 % 60, secs % 60);
	return n > 0 ? (size_t)n : 0;
}
