/*
 * test_strindex.c - unit tests for strindex.c and strindex.h: the hashed
 * index from keys to their numbers, and the FNV-1a hash it is meant for.
 *
 * The hash is checked against known values: those of "", "a" and
 * "foobar" are the published 64-bit FNV-1a test vectors, the others were
 * worked out with a few lines of Python from the definition (a byte of
 * 0x80 or above must be taken unsigned, a NUL byte as any other).  The
 * index is checked as its owners use it: a key set owns the names, the
 * index holds numbers and hashes, and same() compares a name looked for
 * with name number k.  Each case of the growth test adds many generated
 * names with hashes made by one of several rules, some of which force
 * different keys to share a hash or a first slot, so that only same()
 * or the full hash tells them apart.  After every add the count must be
 * one more and the index at most half full; whenever the index grew,
 * every key added so far must still be found.  Then every key is found,
 * and absent keys are missed: new names, names of a hash the index
 * holds, and present names asked for with another hash.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strindex.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* A literal's bytes and length, NUL bytes included. */
#define IN(s) s, sizeof(s) - 1

/* Room for a generated name: "absent-" and any size_t, and a NUL. */
#define NAME_MAX_LEN 32

/* How a case makes key k's hash from its name. */
enum hash_rule {
	HASH_FNV, /* strindex_hash() of the name: distinct in practice */
	HASH_PAIRS, /* keys 2j and 2j + 1 share the hash of key 2j's name */
	HASH_ONE, /* every key has the same hash */
	HASH_HIGH /* distinct hashes, all with the same low 32 bits */
};

/* The names of a case's keys, numbered from 0, and their hashes. */
struct keyset {
	char (*name)[NAME_MAX_LEN];
	uint64_t *hash;
	size_t n;
};

/* What strindex_find() is asked for: a name, among the names of ks. */
struct query {
	const struct keyset *ks;
	const char *name;
};

/* The same() of the index's owner: name number k is the one looked for. */
static int
same_name(const void *ctx, size_t k)
{
	const struct query *q = ctx;

	/* The index hands on only numbers that were added. */
	assert_true(k < q->ks->n);
	return strcmp(q->ks->name[k], q->name) == 0;
}

/* A same() that must not be called: for an index that holds nothing. */
static int
same_never(const void *ctx, size_t k)
{
	(void)ctx;
	(void)k;
	fail_msg("same() called on an empty index");
	return 0;
}

/* Key k's hash under rule, from its name and those of ks. */
static uint64_t
make_hash(enum hash_rule rule, const struct keyset *ks, size_t k)
{
	const char *base;

	switch (rule) {
	case HASH_PAIRS:
		base = ks->name[k & ~(size_t)1];
		return strindex_hash(base, strlen(base));
	case HASH_ONE:
		return UINT64_C(0x0123456789abcdef);
	case HASH_HIGH:
		return ((uint64_t)(k + 1) << 32) | 0x5a5a5a5a;
	case HASH_FNV:
	default:
		return strindex_hash(ks->name[k], strlen(ks->name[k]));
	}
}

/* Makes n names, "key-K" with K from 0, and their hashes under rule. */
static void
keyset_make(struct keyset *ks, size_t n, enum hash_rule rule)
{
	size_t k;

	ks->n = n;
	ks->name = calloc(n + 1, sizeof(*ks->name));
	ks->hash = calloc(n + 1, sizeof(*ks->hash));
	assert_non_null(ks->name);
	assert_non_null(ks->hash);
	for (k = 0; k < n; k++)
		(void)snprintf(ks->name[k], sizeof(ks->name[k]), "key-%zu", k);
	for (k = 0; k < n; k++)
		ks->hash[k] = make_hash(rule, ks, k);
}

static void
keyset_free(struct keyset *ks)
{
	free(ks->name);
	free(ks->hash);
}

/* Finds name with hash h in ix, over the names of ks. */
static size_t
find(const struct strindex *ix, const struct keyset *ks, uint64_t h,
    const char *name)
{
	struct query q;

	q.ks = ks;
	q.name = name;
	return strindex_find(ix, h, same_name, &q);
}

/* Checks that each of the first n keys of ks is found as its number. */
static void
check_found(const struct strindex *ix, const struct keyset *ks, size_t n,
    const char *label)
{
	size_t k, got;

	for (k = 0; k < n; k++) {
		got = find(ix, ks, ks->hash[k], ks->name[k]);
		if (got != k)
			print_message("%s: %s found as %zu, not %zu\n", label,
			    ks->name[k], got, k);
		assert_int_equal(got, k);
	}
}

/* 64-bit FNV-1a of known byte strings. */
static void
test_hash(void **state)
{
	static const struct {
		const char *s;
		size_t n;
		uint64_t want;
	} cases[] = {
		{ IN(""), UINT64_C(0xcbf29ce484222325) },
		{ IN("a"), UINT64_C(0xaf63dc4c8601ec8c) },
		{ IN("b"), UINT64_C(0xaf63df4c8601f1a5) },
		{ IN("foobar"), UINT64_C(0x85944171f73967e8) },
		{ IN("\0"), UINT64_C(0xaf63bd4c8601b7df) },
		{ IN("a\0b"), UINT64_C(0xe5d29919042666b2) },
		{ IN("\xff"), UINT64_C(0xaf64724c8602eb6e) },
		{ IN("applicant_id"), UINT64_C(0xf23ba5978118ced7) },
	};
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		if (strindex_hash(cases[i].s, cases[i].n) != cases[i].want)
			print_message("case %zu\n", i);
		assert_int_equal(
		    strindex_hash(cases[i].s, cases[i].n), cases[i].want);
	}
	/* Only the n bytes count, not what follows them. */
	assert_int_equal(strindex_hash("ab", 1), UINT64_C(0xaf63dc4c8601ec8c));
}

/*
 * An empty index, fresh or released, finds nothing and never calls
 * same(), whatever the hash.
 */
static void
test_empty(void **state)
{
	static const uint64_t hashes[] = { 0, 1, UINT64_C(0xcbf29ce484222325),
		UINT64_MAX };
	struct strindex ix = STRINDEX_INIT;
	size_t i;

	(void)state;
	assert_int_equal(ix.count, 0);
	assert_int_equal(ix.cap, 0);
	for (i = 0; i < NELEM(hashes); i++)
		assert_int_equal(
		    strindex_find(&ix, hashes[i], same_never, NULL),
		    (size_t)-1);
	/* Releasing an empty index leaves it empty. */
	strindex_release(&ix);
	assert_null(ix.slot);
	assert_null(ix.hash);
	assert_int_equal(ix.cap, 0);
	assert_int_equal(ix.count, 0);
	for (i = 0; i < NELEM(hashes); i++)
		assert_int_equal(
		    strindex_find(&ix, hashes[i], same_never, NULL),
		    (size_t)-1);
}

/*
 * Many keys added under each hash rule.  The counts are large where the
 * rule spreads the keys and small where it piles them on one slot, as a
 * find there walks them all.
 */
static void
test_growth(void **state)
{
	static const struct {
		const char *label;
		size_t n;
		enum hash_rule rule;
	} cases[] = {
		{ "one key", 1, HASH_FNV },
		{ "up to the first size", 32, HASH_FNV },
		{ "one past the first size", 33, HASH_FNV },
		{ "distinct hashes", 50000, HASH_FNV },
		{ "pairs share a hash", 50000, HASH_PAIRS },
		{ "all share a hash", 500, HASH_ONE },
		{ "all share a first slot", 3000, HASH_HIGH },
	};
	struct strindex ix;
	struct keyset ks;
	char absent[NAME_MAX_LEN];
	size_t i, k, cap, grew;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		keyset_make(&ks, cases[i].n, cases[i].rule);
		ix = (struct strindex)STRINDEX_INIT;
		grew = 0;
		for (k = 0; k < ks.n; k++) {
			cap = ix.cap;
			assert_int_equal(strindex_add(&ix, ks.hash[k], k), 0);
			assert_int_equal(ix.count, k + 1);
			/* A power of two, at most half full. */
			assert_true(ix.cap > 0);
			assert_int_equal(ix.cap & (ix.cap - 1), 0);
			assert_true(2 * ix.count <= ix.cap);
			if (ix.cap != cap) {
				grew++;
				check_found(&ix, &ks, k + 1, cases[i].label);
			}
		}
		assert_true(grew >= 1);
		check_found(&ix, &ks, ks.n, cases[i].label);

		for (k = 0; k < ks.n; k++) {
			/* A name never added, with its own hash. */
			(void)snprintf(absent, sizeof(absent), "absent-%zu", k);
			assert_int_equal(
			    find(&ix, &ks,
			        strindex_hash(absent, strlen(absent)), absent),
			    (size_t)-1);
			/* A name never added, with a hash the index holds. */
			assert_int_equal(
			    find(&ix, &ks, ks.hash[k], absent), (size_t)-1);
			/* A name added, asked for with a hash it has not. */
			assert_int_equal(
			    find(&ix, &ks, ~ks.hash[k], ks.name[k]),
			    (size_t)-1);
		}

		strindex_release(&ix);
		assert_null(ix.slot);
		assert_null(ix.hash);
		assert_int_equal(ix.cap, 0);
		assert_int_equal(ix.count, 0);
		assert_int_equal(
		    find(&ix, &ks, ks.hash[0], ks.name[0]), (size_t)-1);
		keyset_free(&ks);
	}
}

/*
 * A released index is an empty one: filled again, it finds the new keys
 * only.  The second fill numbers the keys backwards, so that a number
 * left from the first fill would be found as the wrong one.
 */
static void
test_release_reuse(void **state)
{
	static const struct {
		size_t first;
		size_t second;
	} cases[] = { { 1, 1 }, { 100, 10 }, { 10, 1000 }, { 5000, 5000 } };
	struct strindex ix = STRINDEX_INIT;
	struct keyset ks;
	size_t i, k, n;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		n = cases[i].first > cases[i].second ? cases[i].first
		                                     : cases[i].second;
		keyset_make(&ks, n, HASH_FNV);
		for (k = 0; k < cases[i].first; k++)
			assert_int_equal(strindex_add(&ix, ks.hash[k], k), 0);
		strindex_release(&ix);
		assert_int_equal(ix.count, 0);
		for (k = 0; k < cases[i].second; k++) {
			size_t num = cases[i].second - 1 - k;

			assert_int_equal(
			    strindex_add(&ix, ks.hash[num], num), 0);
		}
		assert_int_equal(ix.count, cases[i].second);
		check_found(&ix, &ks, cases[i].second, "refilled");
		for (k = cases[i].second; k < cases[i].first; k++)
			assert_int_equal(
			    find(&ix, &ks, ks.hash[k], ks.name[k]), (size_t)-1);
		strindex_release(&ix);
		keyset_free(&ks);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hash),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_growth),
		cmocka_unit_test(test_release_reuse),
	};

	return cmocka_run_group_tests_name("strindex", tests, NULL, NULL);
}
