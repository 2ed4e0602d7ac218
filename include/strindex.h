/*
 * strindex.h - a hashed index from keys to the numbers 0, 1, ... of what
 * they name, for finding names in linear time (rule ids, column names).
 *
 * The index keeps numbers and the keys' hashes, not the keys: its owner
 * keeps those, and says whether number k names the key looked for.
 * Open addressing, kept at most half full.
 */
#ifndef CIVPOL_STRINDEX_H
#define CIVPOL_STRINDEX_H

#include <stddef.h>
#include <stdint.h>

struct strindex {
	size_t *slot; /* a number plus one, 0 when empty */
	uint64_t *hash; /* the hash of each slot's key */
	size_t cap; /* a power of two, or 0 */
	size_t count;
};

/* An empty index; the caller releases it with strindex_release(). */
#define STRINDEX_INIT                                                          \
	{                                                                      \
		NULL, NULL, 0, 0                                               \
	}

/* Frees what ix holds; ix is then empty. */
void strindex_release(struct strindex *ix);

/* 64-bit FNV-1a over the n bytes at s, the hash the index is meant for. */
uint64_t strindex_hash(const char *s, size_t n);

/*
 * The number whose key hashes to h and that same(ctx, k) says names the
 * key looked for, or (size_t)-1.
 */
size_t strindex_find(const struct strindex *ix, uint64_t h,
    int (*same)(const void *ctx, size_t k), const void *ctx);

/* Adds number k, whose key hashes to h; 0, or -1 when out of memory. */
int strindex_add(struct strindex *ix, uint64_t h, size_t k);

#endif
