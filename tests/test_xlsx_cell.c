/*
 * test_xlsx_cell.c - unit tests for xlsx_cell.h: cell references,
 * numbers read from and written as text, and dates and times from a
 * spreadsheet's day serials.  Each is a table of {input, expected}.
 * Number text is also checked to read back as the same double for
 * doubles spread over every magnitude, and to have no shorter text
 * that does.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xlsx_cell.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static void
test_cell_ref(void **state)
{
	static const struct {
		const char *ref;
		int ok;
		unsigned col;
		unsigned long row;
	} cases[] = {
		{ "A1", 1, 0, 1 },
		{ "Z9", 1, 25, 9 },
		{ "AA10", 1, 26, 10 },
		{ "AZ1", 1, 51, 1 },
		{ "BA1", 1, 52, 1 },
		{ "ZZ1", 1, 701, 1 },
		{ "AAA1", 1, 702, 1 },
		{ "XFD1048576", 1, 16383, 1048576 },
		{ "AB17", 1, 27, 17 },
		{ "XFE1", 0, 0, 0 }, /* one column past Excel's last */
		{ "AAAA1", 0, 0, 0 }, /* four letters */
		{ "A1048577", 0, 0, 0 }, /* one row past Excel's last */
		{ "A0", 0, 0, 0 },
		{ "A01", 0, 0, 0 }, /* a leading zero */
		{ "A", 0, 0, 0 }, /* no row */
		{ "17", 0, 0, 0 }, /* no column */
		{ "a1", 0, 0, 0 }, /* lower case */
		{ "$A$1", 0, 0, 0 }, /* absolute: a formula's, not a cell's */
		{ "A1 ", 0, 0, 0 },
		{ " A1", 0, 0, 0 },
		{ "A1:B2", 0, 0, 0 },
		{ "", 0, 0, 0 },
		{ "A99999999999999999999", 0, 0, 0 },
	};
	unsigned col;
	unsigned long row;
	size_t i;
	int rc;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		col = 12345;
		row = 12345;
		rc = xlsx_cell_ref(
		    cases[i].ref, strlen(cases[i].ref), &col, &row);
		if ((rc == 0) != cases[i].ok ||
		    (cases[i].ok &&
		        (col != cases[i].col || row != cases[i].row)))
			print_message("ref \"%s\": rc %d col %u row %lu\n",
			    cases[i].ref, rc, col, row);
		assert_int_equal(rc == 0, cases[i].ok);
		if (cases[i].ok) {
			assert_int_equal(col, cases[i].col);
			assert_int_equal(row, cases[i].row);
		}
	}
}

static void
test_column_name(void **state)
{
	static const struct {
		unsigned col;
		const char *name;
	} cases[] = { { 0, "A" }, { 25, "Z" }, { 26, "AA" }, { 27, "AB" },
		{ 51, "AZ" }, { 52, "BA" }, { 701, "ZZ" }, { 702, "AAA" },
		{ 16383, "XFD" } };
	char buf[XLSX_COLUMN_BUF];
	unsigned col;
	unsigned long row;
	size_t i;
	char ref[16];

	(void)state;
	for (i = 0; i < NELEM(cases); i++)
		assert_string_equal(
		    xlsx_column_name(cases[i].col, buf), cases[i].name);
	/* Every column's name reads back as that column. */
	for (i = 0; i < XLSX_MAX_COLUMNS; i++) {
		(void)snprintf(ref, sizeof(ref), "%s1",
		    xlsx_column_name((unsigned)i, buf));
		assert_int_equal(
		    xlsx_cell_ref(ref, strlen(ref), &col, &row), 0);
		assert_int_equal(col, i);
	}
}

static void
test_number_parse(void **state)
{
	static const struct {
		const char *text;
		int ok;
		double v;
	} cases[] = {
		{ "7.5", 1, 7.5 },
		{ "12", 1, 12 },
		{ "-3", 1, -3 },
		{ "+4", 1, 4 },
		{ "0.1", 1, 0.1 },
		{ ".5", 1, 0.5 },
		{ "5.", 1, 5 },
		{ "1E-3", 1, 1e-3 },
		{ "4.5e+21", 1, 4.5e21 },
		{ "43646", 1, 43646 },
		{ "7.4999999999999991", 1, 7.4999999999999991 },
		{ "1e-400", 1, 0 }, /* below a double: zero */
		{ "1e400", 0, 0 }, /* above a double */
		{ "", 0, 0 },
		{ ".", 0, 0 },
		{ "-", 0, 0 },
		{ "1e", 0, 0 },
		{ "e5", 0, 0 },
		{ " 7", 0, 0 },
		{ "7 ", 0, 0 },
		{ "0x10", 0, 0 },
		{ "inf", 0, 0 },
		{ "nan", 0, 0 },
		{ "1,5", 0, 0 },
		{ "#N/A", 0, 0 },
		{ "TRUE", 0, 0 },
	};
	double v;
	size_t i;
	int rc;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		v = -99;
		rc =
		    xlsx_number_parse(cases[i].text, strlen(cases[i].text), &v);
		if ((rc == 0) != cases[i].ok)
			print_message("\"%s\": rc %d\n", cases[i].text, rc);
		assert_int_equal(rc == 0, cases[i].ok);
		if (cases[i].ok)
			assert_true(v == cases[i].v);
	}
}

static void
test_number_text(void **state)
{
	static const struct {
		double v;
		const char *text;
	} cases[] = {
		{ 7.5, "7.5" },
		{ 0.1, "0.1" },
		{ 0.1 + 0.2, "0.30000000000000004" },
		{ 1.0 / 3.0, "0.3333333333333333" },
		{ 2.0 / 3.0, "0.6666666666666666" },
		{ 7.4999999999999991, "7.499999999999999" },
		{ 12, "12" },
		{ 8.0, "8" },
		{ 7.99, "7.99" },
		{ 15.5, "15.5" },
		{ -3, "-3" },
		{ -0.5, "-0.5" },
		{ -0.0, "0" },
		{ 0, "0" },
		{ 43646, "43646" },
		{ 100, "100" },
		{ 1e20, "100000000000000000000" },
		{ 1e21, "1e+21" },
		{ 1.5e21, "1.5e+21" },
		{ 123456789012345680000.0, "123456789012345680000" },
		{ 0.000001, "0.000001" },
		{ 0.0000012345, "0.0000012345" },
		{ 1e-7, "1e-7" },
		{ 1.5e-7, "1.5e-7" },
		{ -1e-7, "-1e-7" },
		{ 5e-324, "5e-324" },
		{ 1.7976931348623157e308, "1.7976931348623157e+308" },
		{ 9007199254740993.0, "9007199254740992" },
		{ 123456789.123, "123456789.123" },
	};
	char buf[XLSX_NUMBER_BUF];
	size_t i, n;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		n = xlsx_number_text(cases[i].v, buf);
		if (strcmp(buf, cases[i].text) != 0)
			print_message("%.17g: got \"%s\"\n", cases[i].v, buf);
		assert_string_equal(buf, cases[i].text);
		assert_int_equal(n, strlen(buf));
	}
}

/*
 * Text that is already what xlsx_number_text() writes is told so, and
 * then is: each text said to be shortest is written back unchanged.
 */
static void
test_number_is_shortest(void **state)
{
	static const struct {
		const char *text;
		int shortest;
	} cases[] = {
		{ "0", 1 },
		{ "12", 1 },
		{ "7.5", 1 },
		{ "-7.5", 1 },
		{ "0.1", 1 },
		{ "100", 1 },
		{ "43646", 1 },
		{ "100.25", 1 },
		{ "123456789012345", 1 },
		{ "1.23456789012345", 1 },
		{ "0.000001", 1 },
		{ "0.0000012345", 1 },
		{ "-0", 0 },
		{ "7.50", 0 },
		{ "07.5", 0 },
		{ "00", 0 },
		{ "+5", 0 },
		{ ".5", 0 },
		{ "5.", 0 },
		{ "1e5", 0 },
		{ "1E-3", 0 },
		{ "1234567890123456", 0 },
		{ "1.234567890123456", 0 },
		{ "0.30000000000000004", 0 },
		{ "0.0000001", 0 },
		{ "0.0", 0 },
		{ "-", 0 },
		{ "", 0 },
		{ "1 ", 0 },
		{ "1,5", 0 },
	};
	char buf[XLSX_NUMBER_BUF];
	size_t i;
	int got;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		got = xlsx_number_is_shortest(
		    cases[i].text, strlen(cases[i].text));
		if (got != cases[i].shortest)
			print_message("\"%s\": %d\n", cases[i].text, got);
		assert_int_equal(got, cases[i].shortest);
		if (got) {
			(void)xlsx_number_text(
			    strtod(cases[i].text, NULL), buf);
			assert_string_equal(buf, cases[i].text);
		}
	}
}

/* The count of significant digits in the text of a number. */
static int
significant(const char *s)
{
	int n = 0, started = 0, trailing = 0;

	for (; *s != '\0' && *s != 'e'; s++) {
		if (*s < '0' || *s > '9')
			continue;
		if (*s != '0')
			started = 1;
		if (!started)
			continue;
		n++;
		trailing = *s == '0' ? trailing + 1 : 0;
	}
	/* Zeros that only place the point are not significant. */
	return n - (strchr(s, '.') == NULL ? trailing : 0);
}

/*
 * Doubles spread over every magnitude (a fixed pseudo-random walk):
 * each one's text reads back as it, and no fewer significant digits do.
 */
static void
test_number_round_trip(void **state)
{
	char buf[XLSX_NUMBER_BUF], shorter[64];
	unsigned long long x = 88172645463325252ULL;
	double v, back;
	int i, digits;

	(void)state;
	for (i = 0; i < 20000; i++) {
		/* xorshift64: bits for a mantissa and an exponent. */
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		v = ldexp((double)(x >> 11) / 9007199254740992.0,
		    (int)(x % 200) - 100);
		if (x & 1)
			v = -v;
		if (v == 0)
			continue;
		(void)xlsx_number_text(v, buf);
		back = strtod(buf, NULL);
		/* Plain text of 15 digits or fewer is known as shortest. */
		if (strchr(buf, 'e') == NULL && significant(buf) <= 15 &&
		    fabs(v) >= 1e-6 && fabs(v) < 1e15)
			assert_true(xlsx_number_is_shortest(buf, strlen(buf)));
		if (back != v)
			print_message("%.17g: \"%s\" reads back as %.17g\n", v,
			    buf, back);
		assert_true(back == v);
		digits = significant(buf);
		assert_true(digits >= 1 && digits <= 17);
		if (digits > 1) {
			(void)snprintf(
			    shorter, sizeof(shorter), "%.*e", digits - 2, v);
			assert_true(strtod(shorter, NULL) != v);
		}
	}
}

static void
test_date_text(void **state)
{
	static const struct {
		double serial;
		int date1904;
		const char *text; /* NULL: no date */
	} cases[] = {
		{ 1, 0, "1900-01-01" },
		{ 31, 0, "1900-01-31" },
		{ 59, 0, "1900-02-28" },
		{ 60, 0, "1900-02-29" }, /* the day that never was */
		{ 61, 0, "1900-03-01" },
		{ 367, 0, "1901-01-01" },
		{ 1462, 0, "1904-01-01" },
		{ 25569, 0, "1970-01-01" },
		{ 43061, 0, "2017-11-22" },
		{ 43646, 0, "2019-06-30" },
		{ 36585, 0, "2000-02-29" },
		{ 43061.99, 0, "2017-11-22" }, /* a time of day is dropped */
		{ 43061.9999999999, 0, "2017-11-23" }, /* midnight, rounded */
		{ 43061.4999, 0, "2017-11-22" },
		{ 2958465, 0, "9999-12-31" },
		{ 2958465.5, 0, "9999-12-31" },
		{ 2958466, 0, NULL },
		{ 0, 0, NULL }, /* Excel's 1900-01-00 */
		{ 0.5, 0, NULL },
		{ -1, 0, NULL },
		{ 0, 1, "1904-01-01" },
		{ 1, 1, "1904-01-02" },
		{ 41599, 1, "2017-11-22" }, /* 1462 days less than 1900's */
		{ 2957003, 1, "9999-12-31" },
		{ 2957004, 1, NULL },
		{ -1, 1, NULL },
		{ NAN, 0, NULL },
		{ INFINITY, 0, NULL },
	};
	char buf[11];
	size_t i;
	int rc;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		(void)strcpy(buf, "unchanged");
		rc = xlsx_date_text(cases[i].serial, cases[i].date1904, buf);
		if ((rc == 0) != (cases[i].text != NULL) ||
		    (rc == 0 && strcmp(buf, cases[i].text) != 0))
			print_message("serial %.10g (%s): rc %d \"%s\"\n",
			    cases[i].serial,
			    cases[i].date1904 ? "1904" : "1900", rc, buf);
		assert_int_equal(rc == 0, cases[i].text != NULL);
		if (cases[i].text != NULL)
			assert_string_equal(buf, cases[i].text);
	}
}

static void
test_time_text(void **state)
{
	static const struct {
		double serial;
		const char *text; /* NULL: no time */
	} cases[] = {
		{ 0, "0:00:00" },
		{ 0.5, "12:00:00" },
		{ 0.3125, "7:30:00" },
		{ 1.0 / 86400, "0:00:01" },
		{ 0.99999999, "24:00:00" }, /* rounded to the second */
		{ 1.5, "36:00:00" },
		{ 43061.75, "1033482:00:00" },
		{ -0.5, NULL },
		{ 1e8, NULL },
		{ NAN, NULL },
	};
	char buf[XLSX_NUMBER_BUF];
	size_t i, n;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		n = xlsx_time_text(cases[i].serial, buf);
		assert_int_equal(n > 0, cases[i].text != NULL);
		if (cases[i].text != NULL) {
			assert_string_equal(buf, cases[i].text);
			assert_int_equal(n, strlen(cases[i].text));
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cell_ref),
		cmocka_unit_test(test_column_name),
		cmocka_unit_test(test_number_parse),
		cmocka_unit_test(test_number_text),
		cmocka_unit_test(test_number_is_shortest),
		cmocka_unit_test(test_number_round_trip),
		cmocka_unit_test(test_date_text),
		cmocka_unit_test(test_time_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
