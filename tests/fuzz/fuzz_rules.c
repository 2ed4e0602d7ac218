/*
 * fuzz_rules.c - libFuzzer harness: arbitrary bytes as a rules file.
 *
 * Checked: no crash, no leak; an error always has a message; a set that
 * parses gives back its text verbatim, and that text parses again to a
 * set with the same hash, ids and columns (the --print-rules round trip).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rules *a, *b;
	struct error err;
	const char *text;
	size_t len, i, na, nb;

	a = rules_parse((const char *)data, size, "fuzz.rules", &err);
	if (a == NULL) {
		if (err.msg[0] == '\0')
			abort();
		return 0;
	}
	text = rules_text(a, &len);
	if (len != size || memcmp(text, data, size) != 0)
		abort();
	b = rules_parse(text, len, "again.rules", &err);
	if (b == NULL || strcmp(rules_hash(a), rules_hash(b)) != 0 ||
	    rules_count(a) != rules_count(b))
		abort();
	for (i = 0; i < rules_count(a); i++)
		if (strcmp(rules_id(a, i), rules_id(b, i)) != 0 ||
		    rules_find(b, rules_id(a, i)) != i)
			abort();
	(void)rules_columns(a, &na);
	(void)rules_columns(b, &nb);
	if (na != nb)
		abort();
	rules_free(a);
	rules_free(b);
	return 0;
}
