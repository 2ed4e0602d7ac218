/*
 * fuzz_value.c - libFuzzer harness: arbitrary bytes as a cell, through
 * every value parser.
 *
 * Checked: no crash; results stay in their documented ranges; every
 * parser says VALUE_MISSING exactly when nothing is left after trimming;
 * a parsed date formats back to a date that parses to the same day, and
 * its calendar date maps back to it; a number formats to text that parses
 * back to an equal number, which compares equal to itself and, less 0,
 * subtracts to itself.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "value.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data, *t = s;
	static char buf[1 << 17], diff[1 << 17];
	char date[11], iso[64];
	struct decimal num, back, zero = { "", 0, "", 0 };
	enum employment emp;
	enum value_status st[4];
	int32_t day, again;
	size_t tn = size, k, len;
	int b, y, m, d;

	value_trim(&t, &tn);
	if (t < s || t + tn > s + size ||
	    (tn > 0 && (t[0] == ' ' || t[tn - 1] == ' ')))
		abort();
	st[0] = value_bool(s, size, &b);
	if (st[0] == VALUE_OK && b != 0 && b != 1)
		abort();
	st[1] = value_employment(s, size, &emp);
	if (st[1] == VALUE_OK && emp != EMPLOYMENT_ACTIVE &&
	    emp != EMPLOYMENT_SEPARATED)
		abort();
	st[2] = value_decimal(s, size, &num);
	if (st[2] == VALUE_OK && size < sizeof(buf)) {
		len = value_decimal_format(&num, buf, sizeof(buf));
		if (len >= sizeof(buf) ||
		    value_decimal(buf, len, &back) != VALUE_OK ||
		    value_decimal_cmp(&num, &back) != 0 ||
		    value_decimal_cmp(&num, &zero) < 0)
			abort();
		len = value_decimal_sub(&num, &zero, diff, sizeof(diff));
		if (len < 128 && strcmp(diff, buf) != 0)
			abort();
	}
	st[3] = value_date(s, size, &day);
	if (st[3] == VALUE_OK) {
		value_format_date(day, date);
		if (value_date(date, strlen(date), &again) != VALUE_OK ||
		    again != day)
			abort();
		value_civil_from_days(day, &y, &m, &d);
		if (y < 1900 || y > 9999 ||
		    value_days_from_civil(y, m, d) != day)
			abort();
		if (value_years_before(day, 9) >= day ||
		    value_years_before(day, 0) != day)
			abort();
	}
	for (k = 0; k < 4; k++)
		if ((st[k] == VALUE_MISSING) != (tn == 0))
			abort();
	if (size < sizeof(iso)) {
		memcpy(iso, data, size);
		iso[size] = '\0';
		if (value_parse_iso(iso, &day) == 0) {
			value_format_date(day, date);
			if (strcmp(date, iso) != 0)
				abort();
		}
	}
	return 0;
}
