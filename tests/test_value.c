/*
 * test_value.c - unit tests for value.c: every vocabulary word, exact
 * decimals (reading, comparing, subtracting), both date forms, the calendar arithmetic and the
 * formatters.  Each test is a table of cases and one loop; the expected
 * day numbers were computed independently (Python's date.toordinal()).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "value.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

enum { MISSING = VALUE_MISSING, INVALID = VALUE_INVALID, OK = VALUE_OK };

/* The largest number a rules file may write. */
#define MAX_TEXT "999999999.999999999"

/* Writes the text of a case into buf with its status, for failures. */
static void
note(const char *what, const char *s, size_t n)
{
	char buf[128];
	size_t i, o = 0;

	for (i = 0; i < n && o + 5 < sizeof(buf); i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c >= 0x7f)
			o += (size_t)snprintf(
			    buf + o, sizeof(buf) - o, "\\x%02x", c);
		else
			buf[o++] = (char)c;
	}
	buf[o] = '\0';
	print_message("%s: \"%s\"\n", what, buf);
}

/* Lower-cases or upper-cases ASCII letters of src into dst. */
static void
recase(char *dst, const char *src, int upper)
{
	for (; *src != '\0'; src++, dst++) {
		char c = *src;

		if (upper && c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		else if (!upper && c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		*dst = c;
	}
	*dst = '\0';
}

/* The white space every vocabulary word is tried with: before, after. */
static const struct {
	const char *pre, *post;
} wrap[] = {
	{ "", "" },
	{ " ", "" },
	{ "", " " },
	{ "\t", "\t" },
	{ "\r\n", "\r\n" },
	{ " \t\r\n", " \t\r\n" },
	{ "\n", "" },
	{ "", "\r" },
	{ "  \t ", "\t  " },
	/* All of ASCII's white space: VT and FF too. */
	{ "\v", "\f" },
	{ "\f \v", "\r\v\f" },
};

/* Capitalises the first letter: "Yes". */
static void
capital(char *dst, const char *src)
{
	recase(dst, src, 0);
	if (dst[0] >= 'a' && dst[0] <= 'z')
		dst[0] = (char)(dst[0] - 'a' + 'A');
}

/*
 * Calls check(word-variant, expected) for each case and decoration of
 * word: lower, UPPER and Capital, each wrapped every way in wrap[].
 */
static void
each_variant(
    const char *word, void (*check)(const char *, size_t, int), int expected)
{
	char v[3][32], buf[128];
	size_t i, k;

	recase(v[0], word, 0);
	recase(v[1], word, 1);
	capital(v[2], word);
	for (k = 0; k < 3; k++) {
		for (i = 0; i < NELEM(wrap); i++) {
			(void)snprintf(buf, sizeof(buf), "%s%s%s", wrap[i].pre,
			    v[k], wrap[i].post);
			check(buf, strlen(buf), expected);
		}
	}
}

static void
check_bool(const char *s, size_t n, int expected)
{
	int out = -1;
	enum value_status st;

	st = value_bool(s, n, &out);
	if (st != VALUE_OK || out != expected)
		note("bool", s, n);
	assert_int_equal(st, VALUE_OK);
	assert_int_equal(out, expected);
}

static void
test_bool_words(void **state)
{
	static const struct {
		const char *word;
		int value;
	} cases[] = {
		{ "yes", 1 },
		{ "y", 1 },
		{ "true", 1 },
		{ "t", 1 },
		{ "1", 1 },
		{ "x", 1 },
		{ "pass", 1 },
		{ "passed", 1 },
		{ "no", 0 },
		{ "n", 0 },
		{ "false", 0 },
		{ "f", 0 },
		{ "0", 0 },
		{ "fail", 0 },
		{ "failed", 0 },
		{ "YeS", 1 },
		{ "PaSsEd", 1 },
		{ "fAlSe", 0 },
		{ "FaIlEd", 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(cases); i++)
		each_variant(cases[i].word, check_bool, cases[i].value);
}

static void
test_bool_other(void **state)
{
	static const struct {
		const char *s;
		size_t n; /* 0: strlen(s) */
		int status;
	} cases[] = {
		{ "", 0, MISSING },
		{ " ", 0, MISSING },
		{ " \t\r\n ", 0, MISSING },
		{ "\t\t", 0, MISSING },
		{ "maybe", 0, INVALID },
		{ "yes!", 0, INVALID },
		{ "tru", 0, INVALID },
		{ "1.0", 0, INVALID },
		{ "y e s", 0, INVALID },
		{ "yess", 0, INVALID },
		{ "ye", 0, INVALID },
		{ "2", 0, INVALID },
		{ "-1", 0, INVALID },
		{ "01", 0, INVALID },
		{ "on", 0, INVALID },
		{ "off", 0, INVALID },
		{ "nope", 0, INVALID },
		{ "pass ed", 0, INVALID },
		{ "passedd", 0, INVALID },
		{ "truefalse", 0, INVALID },
		{ "\"yes\"", 0, INVALID },
		{ "\xc2\xa0yes", 0, INVALID },
		{ "y\0", 2, INVALID },
		{ "\0y", 2, INVALID },
		{ "\0", 1, INVALID },
		{ "Y\xc3\xa9s", 0, INVALID },
		{ "a very long value that is no word at all", 0, INVALID },
		/* Bytes one bit 0x20 away from a letter or digit, and
		 * bytes whose bit 0x20 set makes one. */
		{ "\x11", 0, INVALID },
		{ "\x10", 0, INVALID },
		{ "\x19", 0, INVALID },
		{ "\x14", 0, INVALID },
		{ "\x0e", 0, INVALID },
		{ "\x06", 0, INVALID },
		{ "9", 0, INVALID },
		{ "\xd9", 0, INVALID },
		{ "\xf9", 0, INVALID },
		{ "y\x0f", 0, INVALID },
		{ "N\x0f", 0, INVALID },
		{ "Y\x05S", 0, INVALID },
		{ "YE\x13", 0, INVALID },
		{ "tr\025e", 0, INVALID },
		{ "\364rue", 0, INVALID },
		{ "pa\x13s", 0, INVALID },
		{ "fai\x0c", 0, INVALID },
		{ "f\001lse", 0, INVALID },
		{ "passe\x04", 0, INVALID },
		{ "\006ailed", 0, INVALID },
		{ "PASS\305D", 0, INVALID },
	};
	size_t i, n;
	int out;
	enum value_status st;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		n = cases[i].n != 0 ? cases[i].n : strlen(cases[i].s);
		out = 42;
		st = value_bool(cases[i].s, n, &out);
		if ((int)st != cases[i].status || out != 42)
			note("bool", cases[i].s, n);
		assert_int_equal(st, cases[i].status);
		/* A failed parse leaves *out alone. */
		assert_int_equal(out, 42);
	}
}

static void
check_employment(const char *s, size_t n, int expected)
{
	enum employment out = (enum employment) - 1;
	enum value_status st;

	st = value_employment(s, n, &out);
	if (st != VALUE_OK || (int)out != expected)
		note("employment", s, n);
	assert_int_equal(st, VALUE_OK);
	assert_int_equal(out, expected);
}

static void
test_employment(void **state)
{
	static const struct {
		const char *word;
		int value;
	} cases[] = {
		{ "active", EMPLOYMENT_ACTIVE },
		{ "serving", EMPLOYMENT_ACTIVE },
		{ "employed", EMPLOYMENT_ACTIVE },
		{ "current", EMPLOYMENT_ACTIVE },
		{ "retired", EMPLOYMENT_SEPARATED },
		{ "separated", EMPLOYMENT_SEPARATED },
		{ "resigned", EMPLOYMENT_SEPARATED },
		{ "former", EMPLOYMENT_SEPARATED },
		{ "AcTiVe", EMPLOYMENT_ACTIVE },
		{ "sEpArAtEd", EMPLOYMENT_SEPARATED },
	};
	static const struct {
		const char *s;
		int status;
	} bad[] = {
		{ "", MISSING },
		{ " \t\r\n", MISSING },
		{ "activ", INVALID },
		{ "actives", INVALID },
		{ "retire", INVALID },
		{ "separate", INVALID },
		{ "on leave", INVALID },
		{ "yes", INVALID },
		{ "1", INVALID },
		{ "fired", INVALID },
		{ "active duty", INVALID },
		{ "re-tired", INVALID },
		{ "seperated", INVALID },
		{ "separat\005d", INVALID },
		{ "\023eparated", INVALID },
		{ "employe\x04", INVALID },
		{ "act\x09ve", INVALID },
		{ "\001ctive", INVALID },
		{ "currently", INVALID },
		{ "employed!", INVALID },
		{ "separatedseparated", INVALID },
	};
	size_t i;
	enum employment out;
	enum value_status st;

	(void)state;
	for (i = 0; i < NELEM(cases); i++)
		each_variant(cases[i].word, check_employment, cases[i].value);
	for (i = 0; i < NELEM(bad); i++) {
		out = (enum employment)7;
		st = value_employment(bad[i].s, strlen(bad[i].s), &out);
		if ((int)st != bad[i].status)
			note("employment", bad[i].s, strlen(bad[i].s));
		assert_int_equal(st, bad[i].status);
		assert_int_equal(out, 7);
	}
}

static void
test_trim(void **state)
{
	static const struct {
		const char *s;
		size_t off, len;
	} cases[] = {
		{ "", 0, 0 },
		{ "   ", 3, 0 },
		{ "a", 0, 1 },
		{ " a ", 1, 1 },
		{ "\t\r\n a b \n\r\t", 4, 3 },
		{ "\va\f", 1, 1 },
		{ "\v\f", 2, 0 },
		{ "a\v\fb", 0, 4 },
		{ "x \t", 0, 1 },
		{ " \t\rx", 3, 1 },
	};
	size_t i, n;
	const char *p;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		p = cases[i].s;
		n = strlen(p);
		value_trim(&p, &n);
		if (n != cases[i].len)
			note("trim", cases[i].s, strlen(cases[i].s));
		if (cases[i].len > 0)
			assert_ptr_equal(p, cases[i].s + cases[i].off);
		assert_int_equal(n, cases[i].len);
	}
}

/* The normal text of the decimal in the n bytes at s, or NULL. */
static const char *
decimal_text(
    const char *s, size_t n, char *buf, size_t size, enum value_status *st)
{
	struct decimal d;

	*st = value_decimal(s, n, &d);
	if (*st != VALUE_OK)
		return NULL;
	(void)value_decimal_format(&d, buf, size);
	return buf;
}

static void
test_decimal(void **state)
{
	static const struct {
		const char *s;
		int status;
		const char *text; /* as value_decimal_format() writes it */
	} cases[] = {
		{ "8", OK, "8" },
		{ "8.0", OK, "8" },
		{ "07.5", OK, "7.5" },
		{ "0", OK, "0" },
		{ "0.0", OK, "0" },
		{ "000", OK, "0" },
		{ "000008", OK, "8" },
		{ "0000000000000000000000008", OK, "8" },
		{ "00000000000000000000000008.50", OK, "8.5" },
		{ "7.99", OK, "7.99" },
		{ " 8 ", OK, "8" },
		{ "\t\r\n12.25\r\n", OK, "12.25" },
		{ "0.000000001", OK, "0.000000001" },
		{ "0.0000000019", OK, "0.0000000019" },
		{ "7.999999999999999999999", OK, "7.999999999999999999999" },
		{ "8.0000000001", OK, "8.0000000001" },
		{ "10.0000000001", OK, "10.0000000001" },
		{ "1000000001", OK, "1000000001" },
		{ MAX_TEXT, OK, MAX_TEXT },
		{ MAX_TEXT "9999", OK, MAX_TEXT "9999" },
		{ "99999999999999999999999999999999", OK,
		    "99999999999999999999999999999999" },
		{ "100.000", OK, "100" },
		{ "", MISSING, NULL },
		{ "  ", MISSING, NULL },
		{ "\t\r\n", MISSING, NULL },
		{ "-3", INVALID, NULL },
		{ "+3", INVALID, NULL },
		{ "7,5", INVALID, NULL },
		{ "8 years", INVALID, NULL },
		{ "1e1", INVALID, NULL },
		{ ".5", INVALID, NULL },
		{ "5.", INVALID, NULL },
		{ "8..0", INVALID, NULL },
		{ "0x10", INVALID, NULL },
		{ "8.0.0", INVALID, NULL },
		{ "8 .0", INVALID, NULL },
		{ "8. 0", INVALID, NULL },
		{ "8 8", INVALID, NULL },
		{ ".", INVALID, NULL },
		{ "eight", INVALID, NULL },
		{ "inf", INVALID, NULL },
		{ "nan", INVALID, NULL },
		{ "8y", INVALID, NULL },
		{ "1 000", INVALID, NULL },
		{ "\xd9\xa8", INVALID, NULL },
		{ "8\v", OK, "8" },
		{ "\f7.5\v", OK, "7.5" },
	};
	/* A NUL byte is a byte like any other: never a terminator. */
	static const struct {
		const char *s;
		size_t n;
		int status;
	} nul_cases[] = {
		{ "8\0", 2, INVALID },
		{ "\08", 2, INVALID },
		{ "8.5\01", 5, INVALID },
		{ "85", 1, OK },
	};
	char buf[64];
	const char *got;
	enum value_status st;
	size_t i, n;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		n = strlen(cases[i].s);
		got = decimal_text(cases[i].s, n, buf, sizeof(buf), &st);
		if ((int)st != cases[i].status ||
		    (got != NULL && strcmp(got, cases[i].text) != 0))
			note("decimal", cases[i].s, n);
		assert_int_equal(st, cases[i].status);
		if (cases[i].status == OK)
			assert_string_equal(got, cases[i].text);
	}
	for (i = 0; i < NELEM(nul_cases); i++) {
		got = decimal_text(
		    nul_cases[i].s, nul_cases[i].n, buf, sizeof(buf), &st);
		assert_int_equal(st, nul_cases[i].status);
	}
}

/* The comparisons the rules make come out exactly, at any precision. */
static void
test_decimal_compare(void **state)
{
	static const struct {
		const char *a, *b;
		int cmp; /* sign of a - b */
	} cases[] = {
		{ "7.99", "8", -1 },
		{ "8", "8", 0 },
		{ "8.0", "8", 0 },
		{ "08.000", "8", 0 },
		{ "7.9999999999", "8", -1 },
		{ "7.999999999", "8", -1 },
		{ "8.0000000001", "8", 1 },
		{ "8.000000001", "8", 1 },
		{ "10.0000000001", "10", 1 },
		{ "1000000001", "1000000000", 1 },
		{ "999999999999999999999", "1000000000000000000000", -1 },
		{ "4.99", "5", -1 },
		{ "5", "5.0", 0 },
		{ "5.01", "5", 1 },
		{ "10", "9.999999999", 1 },
		{ "0.1", "0.09", 1 },
		{ "0", "0.0000000000001", -1 },
		{ "0", "000.000", 0 },
		{ "12.345", "12.3451", -1 },
		{ "12.3450", "12.345", 0 },
	};
	struct decimal a = { "", 0, "", 0 }, b = a;
	size_t i;
	int cmp;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		assert_int_equal(
		    value_decimal(cases[i].a, strlen(cases[i].a), &a),
		    VALUE_OK);
		assert_int_equal(
		    value_decimal(cases[i].b, strlen(cases[i].b), &b),
		    VALUE_OK);
		cmp = value_decimal_cmp(&a, &b);
		cmp = (cmp > 0) - (cmp < 0);
		if (cmp != cases[i].cmp)
			print_message(
			    "compare \"%s\" \"%s\"\n", cases[i].a, cases[i].b);
		assert_int_equal(cmp, cases[i].cmp);
		cmp = value_decimal_cmp(&b, &a);
		assert_int_equal((cmp > 0) - (cmp < 0), -cases[i].cmp);
	}
}

/* a - b, exactly, and cut to fit a small buffer from the right. */
static void
test_decimal_sub(void **state)
{
	static const struct {
		const char *a, *b;
		size_t size;
		const char *text;
	} cases[] = {
		{ "8", "7.5", 64, "0.5" },
		{ "8", "6", 64, "2" },
		{ "8", "8", 64, "0" },
		{ "5", "4.99", 64, "0.01" },
		{ "10", "9.999999999", 64, "0.000000001" },
		{ "8", "7.99999999999999999999", 64, "0.00000000000000000001" },
		{ "100", "0.5", 64, "99.5" },
		{ "1000000001", "1000000000", 64, "1" },
		{ "12.25", "0.75", 64, "11.5" },
		{ "0.3", "0.1", 64, "0.2" },
		{ "62", "0", 64, "62" },
		{ "100", "1", 3, "99" },
		{ "100", "1", 2, "9" },
		{ "8", "7.123456789", 5, "0.87" },
	};
	struct decimal a = { "", 0, "", 0 }, b = a;
	char buf[64];
	size_t i, n;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		assert_int_equal(
		    value_decimal(cases[i].a, strlen(cases[i].a), &a),
		    VALUE_OK);
		assert_int_equal(
		    value_decimal(cases[i].b, strlen(cases[i].b), &b),
		    VALUE_OK);
		memset(buf, 'Z', sizeof(buf));
		n = value_decimal_sub(&a, &b, buf, cases[i].size);
		if (strcmp(buf, cases[i].text) != 0)
			print_message(
			    "%s - %s = %s\n", cases[i].a, cases[i].b, buf);
		assert_string_equal(buf, cases[i].text);
		assert_true(n >= strlen(cases[i].text));
	}
	/*
	 * Past 128 places (once, only those were counted): the length is
	 * the whole result's, and the text its first bytes, whatever the
	 * buffer.  1 followed by 150 zeros and .0001, less 1, is 150 nines
	 * and .0001.
	 */
	{
		static char big[160], want[160], got[200];

		memset(big, '0', sizeof(big));
		big[0] = '1';
		memcpy(big + 151, ".0001", 6);
		memset(want, '9', 150);
		memcpy(want + 150, ".0001", 6);
		assert_int_equal(value_decimal(big, strlen(big), &a), VALUE_OK);
		assert_int_equal(value_decimal("1", 1, &b), VALUE_OK);
		n = value_decimal_sub(&a, &b, got, sizeof(got));
		assert_int_equal(n, 155);
		assert_string_equal(got, want);
		n = value_decimal_sub(&a, &b, buf, sizeof(buf));
		assert_int_equal(n, 155);
		assert_int_equal(strlen(buf), sizeof(buf) - 1);
		assert_memory_equal(buf, want, sizeof(buf) - 1);
	}
}

static void
test_date(void **state)
{
	static const struct {
		const char *s;
		int status;
		int32_t day;
	} cases[] = {
		{ "2017-11-22", OK, 17492 },
		{ "11/22/2017", OK, 17492 },
		{ "11/22/17", OK, 17492 },
		{ " 2017-11-22 ", OK, 17492 },
		{ "\t\r\n11/22/2017\r\n", OK, 17492 },
		{ "1/5/2017", OK, 17171 },
		{ "01/05/2017", OK, 17171 },
		{ "1/05/17", OK, 17171 },
		{ "01/5/17", OK, 17171 },
		{ "2017-01-05", OK, 17171 },
		{ "1970-01-01", OK, 0 },
		{ "12/31/1969", OK, -1 },
		{ "1/1/1970", OK, 0 },
		{ "1/1/70", OK, 0 },
		{ "1/1/68", OK, 35794 },
		{ "1/1/2068", OK, 35794 },
		{ "1/1/69", OK, -365 },
		{ "1/1/00", OK, 10957 },
		{ "12/31/99", OK, 10956 },
		{ "2000-02-29", OK, 11016 },
		{ "2/29/2000", OK, 11016 },
		{ "2/29/00", OK, 11016 },
		{ "2024-02-29", OK, 19782 },
		{ "2/29/24", OK, 19782 },
		{ "2004-02-29", OK, 12477 },
		{ "1900-01-01", OK, -25567 },
		{ "1/1/1900", OK, -25567 },
		{ "1900-02-28", OK, -25509 },
		{ "1900-03-01", OK, -25508 },
		{ "9999-12-31", OK, 2932896 },
		{ "", MISSING, 0 },
		{ "   ", MISSING, 0 },
		{ "\r\n", MISSING, 0 },
		{ "1900-02-29", INVALID, 0 },
		{ "2/29/1900", INVALID, 0 },
		{ "2023-02-29", INVALID, 0 },
		{ "2/29/23", INVALID, 0 },
		{ "2100-02-29", INVALID, 0 },
		{ "2024-02-30", INVALID, 0 },
		{ "2/30/2024", INVALID, 0 },
		{ "2017-13-01", INVALID, 0 },
		{ "13/1/2017", INVALID, 0 },
		{ "2017-00-10", INVALID, 0 },
		{ "0/10/2017", INVALID, 0 },
		{ "2017-11-00", INVALID, 0 },
		{ "11/0/2017", INVALID, 0 },
		{ "2017-04-31", INVALID, 0 },
		{ "4/31/2017", INVALID, 0 },
		{ "2017-12-32", INVALID, 0 },
		{ "1899-12-31", INVALID, 0 },
		{ "12/31/1899", INVALID, 0 },
		{ "0000-01-01", INVALID, 0 },
		{ "2017-1-5", INVALID, 0 },
		{ "2017-01-5", INVALID, 0 },
		{ "2017-1-05", INVALID, 0 },
		{ "17-11-22", INVALID, 0 },
		{ "02017-11-22", INVALID, 0 },
		{ "2017-011-22", INVALID, 0 },
		{ "2017/11/22", INVALID, 0 },
		{ "11-22-2017", INVALID, 0 },
		{ "11/22/217", INVALID, 0 },
		{ "11/22/02017", INVALID, 0 },
		{ "11/22/7", INVALID, 0 },
		{ "2017-11-22T00:00", INVALID, 0 },
		{ "2017-11-22 00:00", INVALID, 0 },
		{ "1/2/3", INVALID, 0 },
		{ "011/22/2017", INVALID, 0 },
		{ "11/022/2017", INVALID, 0 },
		{ "11//2017", INVALID, 0 },
		{ "/22/2017", INVALID, 0 },
		{ "11/22/", INVALID, 0 },
		{ "11/22", INVALID, 0 },
		{ "11/22/2017/", INVALID, 0 },
		{ "2017-11-22-", INVALID, 0 },
		{ "2017-11--2", INVALID, 0 },
		{ "-017-11-22", INVALID, 0 },
		{ "2017-11-2a", INVALID, 0 },
		{ "11/22/20 17", INVALID, 0 },
		{ "11 /22/2017", INVALID, 0 },
		{ "+1/22/2017", INVALID, 0 },
		{ "yesterday", INVALID, 0 },
		{ "20171122", INVALID, 0 },
	};
	size_t i;
	int32_t out;
	enum value_status st;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		out = -42;
		st = value_date(cases[i].s, strlen(cases[i].s), &out);
		if ((int)st != cases[i].status ||
		    (st == VALUE_OK && out != cases[i].day))
			note("date", cases[i].s, strlen(cases[i].s));
		assert_int_equal(st, cases[i].status);
		if (cases[i].status == OK)
			assert_int_equal(out, cases[i].day);
		else
			assert_int_equal(out, -42);
	}
}

/* Known anchors for days_from_civil, computed independently. */
static void
test_days_from_civil(void **state)
{
	static const struct {
		int y, m, d;
		int32_t day;
	} cases[] = {
		{ 1970, 1, 1, 0 },
		{ 1969, 12, 31, -1 },
		{ 2017, 11, 22, 17492 },
		{ 2026, 11, 22, 20779 },
		{ 1900, 1, 1, -25567 },
		{ 2000, 2, 29, 11016 },
		{ 2000, 1, 1, 10957 },
		{ 9999, 12, 31, 2932896 },
		{ 1, 1, 1, -719162 },
	};
	size_t i;
	int y, m, d;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		assert_int_equal(
		    value_days_from_civil(cases[i].y, cases[i].m, cases[i].d),
		    cases[i].day);
		value_civil_from_days(cases[i].day, &y, &m, &d);
		assert_int_equal(y, cases[i].y);
		assert_int_equal(m, cases[i].m);
		assert_int_equal(d, cases[i].d);
	}
}

/* The test's own calendar, to walk day by day beside value.c's. */
static int
test_month_days(int y, int m)
{
	static const int len[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
		31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : len[m - 1];
}

/*
 * Walks every day from 0001-01-01 to 9999-12-31 with the test's own
 * calendar, checking both conversions at each; the date functions the
 * rules use (1900 to 2100) lie well inside.
 */
static void
test_round_trip(void **state)
{
	int y = 1, m = 1, d = 1, yy, mm, dd;
	int32_t day = -719162;
	char buf[11], want[40];

	(void)state;
	while (y <= 9999) {
		if (value_days_from_civil(y, m, d) != day) {
			print_message("days_from_civil %d-%d-%d\n", y, m, d);
			assert_int_equal(value_days_from_civil(y, m, d), day);
		}
		value_civil_from_days(day, &yy, &mm, &dd);
		if (yy != y || mm != m || dd != d) {
			print_message("civil_from_days %d\n", (int)day);
			assert_int_equal(yy, y);
			assert_int_equal(mm, m);
			assert_int_equal(dd, d);
		}
		if (y >= 1900 && y <= 2100) {
			(void)snprintf(
			    want, sizeof(want), "%04d-%02d-%02d", y, m, d);
			assert_string_equal(value_format_date(day, buf), want);
		}
		day++;
		if (++d > test_month_days(y, m)) {
			d = 1;
			if (++m > 12) {
				m = 1;
				y++;
			}
		}
	}
	assert_int_equal(day, 2932897);
}

static void
test_years_before(void **state)
{
	static const struct {
		int y, m, d, years, ty, tm, td;
	} cases[] = {
		{ 2026, 11, 22, 9, 2017, 11, 22 },
		{ 2024, 2, 29, 1, 2023, 2, 28 },
		{ 2024, 2, 29, 4, 2020, 2, 29 },
		{ 2024, 2, 29, 9, 2015, 2, 28 },
		{ 2024, 2, 29, 124, 1900, 2, 28 },
		{ 2024, 2, 29, 24, 2000, 2, 29 },
		{ 2025, 2, 28, 1, 2024, 2, 28 },
		{ 2025, 3, 1, 1, 2024, 3, 1 },
		{ 2026, 1, 1, 9, 2017, 1, 1 },
		{ 2026, 12, 31, 9, 2017, 12, 31 },
		{ 2017, 11, 22, 0, 2017, 11, 22 },
		{ 2017, 11, 22, -9, 2026, 11, 22 },
		{ 2000, 2, 29, -1, 2001, 2, 28 },
		{ 1970, 1, 1, 70, 1900, 1, 1 },
		{ 1900, 1, 1, 9, 1891, 1, 1 },
	};
	size_t i;
	int32_t from, got;
	int y, m, d;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		from =
		    value_days_from_civil(cases[i].y, cases[i].m, cases[i].d);
		got = value_years_before(from, cases[i].years);
		value_civil_from_days(got, &y, &m, &d);
		if (y != cases[i].ty || m != cases[i].tm || d != cases[i].td)
			print_message("%d-%d-%d minus %d\n", cases[i].y,
			    cases[i].m, cases[i].d, cases[i].years);
		assert_int_equal(y, cases[i].ty);
		assert_int_equal(m, cases[i].tm);
		assert_int_equal(d, cases[i].td);
	}
}

static void
test_parse_iso(void **state)
{
	static const struct {
		const char *s;
		int rc;
		int32_t day;
	} cases[] = {
		{ "2017-11-22", 0, 17492 },
		{ "2026-11-22", 0, 20779 },
		{ "2024-02-29", 0, 19782 },
		{ "1900-01-01", 0, -25567 },
		{ "9999-12-31", 0, 2932896 },
		{ "2026-02-30", -1, 0 },
		{ "2023-02-29", -1, 0 },
		/* A real date, but before 1900: said apart. */
		{ "1899-12-31", -2, 0 },
		{ "0001-01-01", -2, 0 },
		{ "1600-02-29", -2, 0 },
		{ "1700-02-29", -1, 0 },
		{ "1899-02-30", -1, 0 },
		{ "2026-13-01", -1, 0 },
		{ "2026-00-01", -1, 0 },
		{ "2026-01-00", -1, 0 },
		{ "11/22/2017", -1, 0 },
		{ "11/22/17", -1, 0 },
		{ " 2017-11-22", -1, 0 },
		{ "2017-11-22 ", -1, 0 },
		{ "2017-11-22\n", -1, 0 },
		{ "2017-11-2", -1, 0 },
		{ "2017-1-22", -1, 0 },
		{ "2017-11-222", -1, 0 },
		{ "2017/11/22", -1, 0 },
		{ "20171122", -1, 0 },
		{ "", -1, 0 },
		{ "today", -1, 0 },
	};
	size_t i;
	int32_t out;
	int rc;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		out = -42;
		rc = value_parse_iso(cases[i].s, &out);
		if (rc != cases[i].rc)
			note("parse_iso", cases[i].s, strlen(cases[i].s));
		assert_int_equal(rc, cases[i].rc);
		assert_int_equal(out, cases[i].rc == 0 ? cases[i].day : -42);
	}
	assert_int_equal(value_parse_iso(NULL, &out), -1);
}

static void
test_format_date(void **state)
{
	static const struct {
		int32_t day;
		const char *text;
	} cases[] = {
		{ 17492, "2017-11-22" },
		{ 0, "1970-01-01" },
		{ -1, "1969-12-31" },
		{ -25567, "1900-01-01" },
		{ 11016, "2000-02-29" },
		{ 2932896, "9999-12-31" },
		{ -719162, "0001-01-01" },
	};
	char buf[11];
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		memset(buf, 'Z', sizeof(buf));
		assert_ptr_equal(value_format_date(cases[i].day, buf), buf);
		assert_string_equal(buf, cases[i].text);
	}
}

/* Day numbers far outside four-digit years never overrun buf[11]. */
static void
test_format_date_extreme(void **state)
{
	static const int32_t cases[] = {
		INT32_MAX,
		INT32_MIN,
		2932897,
		-719163,
		-800000,
	};
	char buf[11];
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		assert_ptr_equal(value_format_date(cases[i], buf), buf);
		assert_true(strlen(buf) <= 10);
	}
}

/*
 * value_add_months(): the same day of the month, or the month's last day
 * when it has fewer; back for negative months; February 29 in leap years
 * only.
 */
static void
test_add_months(void **state)
{
	static const struct {
		int y, m, d;
		int64_t months;
		int ty, tm, td;
	} cases[] = {
		{ 2026, 11, 22, 0, 2026, 11, 22 },
		{ 2026, 11, 22, 6, 2027, 5, 22 },
		{ 2026, 11, 22, -6, 2026, 5, 22 },
		{ 2026, 11, 22, -12, 2025, 11, 22 },
		{ 2026, 11, 22, -1200, 1926, 11, 22 },
		{ 2026, 12, 15, 1, 2027, 1, 15 },
		{ 2026, 1, 15, -1, 2025, 12, 15 },
		{ 2026, 1, 15, -13, 2024, 12, 15 },
		/* Month ends clamp. */
		{ 2026, 1, 31, 1, 2026, 2, 28 },
		{ 2024, 1, 31, 1, 2024, 2, 29 },
		{ 2026, 1, 31, 2, 2026, 3, 31 },
		{ 2026, 1, 31, 3, 2026, 4, 30 },
		{ 2026, 10, 31, 1, 2026, 11, 30 },
		{ 2026, 3, 31, -1, 2026, 2, 28 },
		{ 2024, 3, 31, -1, 2024, 2, 29 },
		{ 2026, 5, 31, -3, 2026, 2, 28 },
		{ 2026, 8, 31, 6, 2027, 2, 28 },
		{ 2027, 8, 31, 6, 2028, 2, 29 },
		{ 2026, 2, 28, 1, 2026, 3, 28 },
		/* February 29. */
		{ 2024, 2, 29, -12, 2023, 2, 28 },
		{ 2024, 2, 29, 12, 2025, 2, 28 },
		{ 2024, 2, 29, 48, 2028, 2, 29 },
		{ 2024, 2, 29, -48, 2020, 2, 29 },
		{ 2024, 2, 29, 1, 2024, 3, 29 },
		{ 2000, 3, 31, -1, 2000, 2, 29 },
		{ 1900, 3, 31, -1, 1900, 2, 28 },
		{ 2100, 3, 31, -1, 2100, 2, 28 },
		/* Across 1970 and far from the usual years. */
		{ 1970, 1, 1, -1, 1969, 12, 1 },
		{ 1969, 12, 31, 2, 1970, 2, 28 },
		{ 1, 1, 31, -1, 0, 12, 31 },
		{ 9999, 12, 31, 1, 10000, 1, 31 },
		{ 1970, 1, 1, 120000, 11970, 1, 1 },
	};
	size_t i;
	int32_t from, got;
	int y, m, d;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		from =
		    value_days_from_civil(cases[i].y, cases[i].m, cases[i].d);
		got = value_add_months(from, cases[i].months);
		value_civil_from_days(got, &y, &m, &d);
		if (y != cases[i].ty || m != cases[i].tm || d != cases[i].td)
			print_message("case %zu: %d-%d-%d plus %lld months: "
			              "%d-%d-%d\n",
			    i, cases[i].y, cases[i].m, cases[i].d,
			    (long long)cases[i].months, y, m, d);
		assert_int_equal(y, cases[i].ty);
		assert_int_equal(m, cases[i].tm);
		assert_int_equal(d, cases[i].td);
	}
}

/* Month counts and days far beyond any date clamp; nothing overflows. */
static void
test_add_months_far(void **state)
{
	static const struct {
		int32_t day;
		int64_t months;
		int32_t want;
	} cases[] = {
		{ 0, INT64_MAX, INT32_MAX },
		{ 0, INT64_MIN, INT32_MIN },
		{ 0, INT64_MAX - 1, INT32_MAX },
		{ 0, INT64_MIN + 1, INT32_MIN },
		{ INT32_MAX, INT64_MAX, INT32_MAX },
		{ INT32_MIN, INT64_MIN, INT32_MIN },
		{ INT32_MAX, INT64_MIN, INT32_MIN },
		{ INT32_MIN, INT64_MAX, INT32_MAX },
		{ INT32_MAX, 1, INT32_MAX },
		{ INT32_MIN, -1, INT32_MIN },
		/* INT32_MAX is 5881580-07-11, INT32_MIN -5877641-06-24. */
		{ INT32_MAX, -1, INT32_MAX - 30 },
		{ INT32_MIN, 1, INT32_MIN + 30 },
		{ INT32_MAX, 0, INT32_MAX },
		{ INT32_MIN, 0, INT32_MIN },
		/* 1970-01-01 a thousand years on and back. */
		{ 0, (int64_t)1000 * 12, 365243 },
		{ 0, (int64_t)-1000 * 12, -365242 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		if (value_add_months(cases[i].day, cases[i].months) !=
		    cases[i].want)
			print_message("case %zu\n", i);
		assert_int_equal(
		    value_add_months(cases[i].day, cases[i].months),
		    cases[i].want);
	}
}

/*
 * value_whole_periods(): the largest N for which from is on or before
 * to less N periods; 0 when from is after to.
 */
static void
test_whole_periods(void **state)
{
	static const struct {
		const char *from, *to;
		int step;
		int64_t want;
	} cases[] = {
		/* Completed years: birthdays. */
		{ "2001-11-22", "2026-11-22", 12, 25 },
		{ "2001-11-22", "2026-11-21", 12, 24 },
		{ "2001-11-23", "2026-11-22", 12, 24 },
		{ "1963-11-22", "2026-11-22", 12, 63 },
		{ "1963-11-23", "2026-11-22", 12, 62 },
		{ "2000-02-29", "2025-02-28", 12, 24 },
		{ "2000-02-29", "2025-03-01", 12, 25 },
		{ "2000-02-29", "2024-02-29", 12, 24 },
		{ "2000-02-29", "2024-02-28", 12, 23 },
		{ "2000-02-29", "2001-02-28", 12, 0 },
		{ "2000-02-29", "2001-03-01", 12, 1 },
		{ "2023-02-28", "2024-02-29", 12, 1 },
		{ "2023-02-28", "2024-02-28", 12, 1 },
		{ "2023-03-01", "2024-02-29", 12, 0 },
		{ "1900-01-01", "9999-12-31", 12, 8099 },
		/* Completed months: month ends. */
		{ "2026-01-31", "2026-02-28", 1, 0 },
		{ "2026-01-31", "2026-03-01", 1, 1 },
		{ "2026-01-31", "2026-03-30", 1, 1 },
		{ "2026-01-31", "2026-03-31", 1, 2 },
		{ "2024-01-31", "2024-02-29", 1, 0 },
		{ "2024-01-29", "2024-02-29", 1, 1 },
		{ "2026-03-31", "2026-04-30", 1, 0 },
		{ "2026-03-31", "2026-05-01", 1, 1 },
		{ "2026-02-28", "2026-03-28", 1, 1 },
		{ "2026-02-28", "2026-03-27", 1, 0 },
		{ "2025-03-01", "2026-02-28", 1, 11 },
		{ "2025-11-22", "2026-11-22", 1, 12 },
		{ "2026-10-23", "2026-11-22", 1, 0 },
		{ "1900-01-01", "9999-12-31", 1, 97199 },
		/* Two-year periods. */
		{ "2000-01-01", "2004-01-01", 24, 2 },
		{ "2000-01-01", "2003-12-31", 24, 1 },
		/* The same day, from after to, steps that are no steps. */
		{ "2026-11-22", "2026-11-22", 12, 0 },
		{ "2026-11-22", "2026-11-22", 1, 0 },
		{ "2026-11-23", "2026-11-22", 12, 0 },
		{ "2030-01-01", "2026-11-22", 1, 0 },
		{ "2000-01-01", "2026-11-22", 0, 0 },
		{ "2000-01-01", "2026-11-22", -12, 0 },
	};
	size_t i;
	int32_t from, to;
	int64_t got;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		assert_int_equal(value_parse_iso(cases[i].from, &from), 0);
		assert_int_equal(value_parse_iso(cases[i].to, &to), 0);
		got = value_whole_periods(from, to, cases[i].step);
		if (got != cases[i].want)
			print_message("case %zu: %s to %s by %d: %lld\n", i,
			    cases[i].from, cases[i].to, cases[i].step,
			    (long long)got);
		assert_int_equal(got, cases[i].want);
	}
}

/* Day numbers at int32_t's ends: no overflow, the exact count. */
static void
test_whole_periods_far(void **state)
{
	static const struct {
		int32_t from, to;
		int step;
		int64_t want;
	} cases[] = {
		/* -5877641-06-24 (+30: 07-24) to 5881580-07-11; the counts
		 * back stay within int32_t, so none is clamped. */
		{ INT32_MIN, INT32_MAX, 12, 11759221 },
		{ INT32_MIN + 30, INT32_MAX, 12, 11759220 },
		{ INT32_MIN + 30, INT32_MAX, 1, 141110651 },
		{ INT32_MAX, INT32_MIN, 1, 0 },
		{ INT32_MAX, INT32_MAX, 12, 0 },
		{ INT32_MIN, INT32_MIN, 1, 0 },
		{ INT32_MIN, 0, 12, 5879610 },
		{ 0, INT32_MAX, 1, 70555326 },
		{ INT32_MIN, INT32_MAX, INT32_MAX, 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		if (value_whole_periods(cases[i].from, cases[i].to,
		        cases[i].step) != cases[i].want)
			print_message("case %zu\n", i);
		assert_int_equal(value_whole_periods(
		                     cases[i].from, cases[i].to, cases[i].step),
		    cases[i].want);
	}
}

/* The test's own month arithmetic, on (year, month, day). */
static void
own_add_months(int *y, int *m, int *d, int months)
{
	int total = *y * 12 + (*m - 1) + months;

	*y = total / 12;
	*m = total % 12 + 1;
	if (*d > test_month_days(*y, *m))
		*d = test_month_days(*y, *m);
}

/*
 * Both functions beside the test's own calendar, for every day of
 * 2023-2024 (a common year and a leap year) and 1899-1900: every month
 * count from -27 to 27, and the whole periods up to a few years on,
 * found by walking N up; value_years_before(day, y) is
 * value_add_months(day, -12 * y).
 */
static void
test_add_months_walk(void **state)
{
	static const int starts[][2] = { { 2023, 1 }, { 1899, 1 } };
	int32_t day, to, step_to;
	int y, m, d, yy, mm, dd, k, s, w, step;
	int64_t n;

	(void)state;
	for (s = 0; s < 2; s++) {
		y = starts[s][0];
		m = 1;
		d = 1;
		day = value_days_from_civil(y, m, d);
		while (y < starts[s][0] + 2) {
			for (k = -27; k <= 27; k++) {
				yy = y;
				mm = m;
				dd = d;
				own_add_months(&yy, &mm, &dd, k);
				assert_int_equal(value_add_months(day, k),
				    value_days_from_civil(yy, mm, dd));
			}
			for (k = -3; k <= 3; k++)
				assert_int_equal(value_years_before(day, k),
				    value_add_months(day, -12 * (int64_t)k));
			for (step = 1; step <= 12; step += 11)
				for (w = 0; w < 800; w += 37) {
					to = day + w;
					n = 0;
					for (;;) {
						value_civil_from_days(
						    to, &yy, &mm, &dd);
						own_add_months(&yy, &mm, &dd,
						    -(int)(n + 1) * step);
						step_to = value_days_from_civil(
						    yy, mm, dd);
						if (step_to < day)
							break;
						n++;
					}
					assert_int_equal(
					    value_whole_periods(day, to, step),
					    n);
				}
			day++;
			if (++d > test_month_days(y, m)) {
				d = 1;
				if (++m > 12) {
					m = 1;
					y++;
				}
			}
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bool_words),
		cmocka_unit_test(test_bool_other),
		cmocka_unit_test(test_employment),
		cmocka_unit_test(test_trim),
		cmocka_unit_test(test_decimal),
		cmocka_unit_test(test_decimal_compare),
		cmocka_unit_test(test_decimal_sub),
		cmocka_unit_test(test_date),
		cmocka_unit_test(test_days_from_civil),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_years_before),
		cmocka_unit_test(test_parse_iso),
		cmocka_unit_test(test_format_date),
		cmocka_unit_test(test_format_date_extreme),
		cmocka_unit_test(test_add_months),
		cmocka_unit_test(test_add_months_far),
		cmocka_unit_test(test_whole_periods),
		cmocka_unit_test(test_whole_periods_far),
		cmocka_unit_test(test_add_months_walk),
	};

	return cmocka_run_group_tests_name("value", tests, NULL, NULL);
}
