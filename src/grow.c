/*
 * grow.c - room in an array that grows; see grow.h.
 */
#include <stdint.h>
#include <stdlib.h>

#include "grow.h"

int
grow_array(void *items, size_t *cap, size_t need, size_t size, size_t first,
    size_t most)
{
	void **p = items;
	size_t want = *cap == 0 ? first : *cap;
	void *q;

	if (need <= *cap)
		return 0;
	if (size == 0 || most > SIZE_MAX / size)
		most = size == 0 ? 0 : SIZE_MAX / size;
	if (need > most)
		return -1;
	if (want == 0)
		want = 1;
	while (want < need)
		want = want > most / 2 ? most : want * 2;
	q = realloc(*p, want * size);
	if (q == NULL)
		return -1;
	*p = q;
	*cap = want;
	return 0;
}
