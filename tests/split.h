/*
 * split.h - for the unit tests: a record's fields written as one string,
 * cut at '|' ("A-1|Jane Doe|yes").  Not a contract: only tests include
 * it, after <cmocka.h>.
 */
#ifndef CIVPOL_TESTS_SPLIT_H
#define CIVPOL_TESTS_SPLIT_H

#include <stddef.h>

#include "reader.h"

/*
 * Cuts the n bytes at text at each '|' into fields[] (views into text,
 * at most max of them, or the test fails); returns their count, 1 for
 * an empty text.
 */
static inline size_t
split_bars(const char *text, size_t n, struct field *fields, size_t max)
{
	size_t nf = 0, start = 0, i;

	for (i = 0; i <= n; i++) {
		if (i < n && text[i] != '|')
			continue;
		assert_true(nf < max);
		fields[nf].ptr = text + start;
		fields[nf].len = i - start;
		nf++;
		start = i + 1;
	}
	return nf;
}

#endif
