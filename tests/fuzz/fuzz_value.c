/*
 * fuzz_value.c - libFuzzer harness: arbitrary bytes as a cell, through
 * every value parser.
 *
 * Checked: no crash; results stay in their documented ranges; a parsed
 * date formats back to a date that parses to the same day; years format
 * to text that parses back to the same value.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "value.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	char buf[VALUE_YEARS_BUF], date[11], iso[64];
	enum employment emp;
	int32_t day, again;
	int64_t years, back;
	int b;

	if (value_bool(s, size, &b) == VALUE_OK && b != 0 && b != 1)
		abort();
	(void)value_employment(s, size, &emp);
	if (value_years(s, size, &years) == VALUE_OK) {
		if (years < 0 || years > VALUE_YEARS_MAX)
			abort();
		value_format_years(years, buf);
		if (value_years(buf, strlen(buf), &back) != VALUE_OK ||
		    back != years)
			abort();
	}
	if (value_date(s, size, &day) == VALUE_OK) {
		value_format_date(day, date);
		if (value_date(date, strlen(date), &again) != VALUE_OK ||
		    again != day)
			abort();
		if (value_years_before(day, 9) >= day)
			abort();
	}
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
