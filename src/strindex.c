/*
 * strindex.c - a hashed index of numbers by their keys; see strindex.h.
 */
#include <stdlib.h>

#include "strindex.h"

void
strindex_release(struct strindex *ix)
{
	free(ix->slot);
	free(ix->hash);
	ix->slot = NULL;
	ix->hash = NULL;
	ix->cap = 0;
	ix->count = 0;
}

uint64_t
strindex_hash(const char *s, size_t n)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= UINT64_C(0x100000001b3);
	}
	return h;
}

size_t
strindex_find(const struct strindex *ix, uint64_t h,
    int (*same)(const void *ctx, size_t k), const void *ctx)
{
	size_t at;

	if (ix->cap == 0)
		return (size_t)-1;
	for (at = (size_t)h & (ix->cap - 1); ix->slot[at] != 0;
	     at = (at + 1) & (ix->cap - 1))
		if (ix->hash[at] == h && same(ctx, ix->slot[at] - 1))
			return ix->slot[at] - 1;
	return (size_t)-1;
}

/* Puts number k of hash h into the arrays of cap slots. */
static void
put(size_t *slot, uint64_t *hash, size_t cap, uint64_t h, size_t k)
{
	size_t at = (size_t)h & (cap - 1);

	while (slot[at] != 0)
		at = (at + 1) & (cap - 1);
	slot[at] = k + 1;
	hash[at] = h;
}

int
strindex_add(struct strindex *ix, uint64_t h, size_t k)
{
	size_t cap, i, *slot;
	uint64_t *hash;

	if (2 * (ix->count + 1) > ix->cap) {
		cap = ix->cap == 0 ? 64 : 2 * ix->cap;
		if (cap > SIZE_MAX / sizeof(*hash))
			return -1;
		slot = calloc(cap, sizeof(*slot));
		hash = malloc(cap * sizeof(*hash));
		if (slot == NULL || hash == NULL) {
			free(slot);
			free(hash);
			return -1;
		}
		for (i = 0; i < ix->cap; i++)
			if (ix->slot[i] != 0)
				put(slot, hash, cap, ix->hash[i],
				    ix->slot[i] - 1);
		free(ix->slot);
		free(ix->hash);
		ix->slot = slot;
		ix->hash = hash;
		ix->cap = cap;
	}
	put(ix->slot, ix->hash, ix->cap, h, k);
	ix->count++;
	return 0;
}
