/*
 * test_grow.c - unit tests for grow.c and grow.h: room in an array that
 * grows by doubling, within a limit.
 *
 * Each case starts from an array of cap elements (none when cap is 0,
 * every element written) and asks for need; the table gives the answer
 * and the room after.  Where the call succeeds every old element must
 * still be there and every new one writable (valgrind and ASan see
 * that); where it fails, the array and its room must be as they were.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "grow.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

struct grow_case {
	const char *what;
	size_t cap; /* room before */
	size_t need;
	size_t size; /* bytes of an element */
	size_t first, most;
	int rc; /* 0 or -1 */
	size_t cap_after;
};

static const struct grow_case cases[] = {
	{ "empty, first room", 0, 1, 4, 16, 1000, 0, 16 },
	{ "empty, need past first: doubled", 0, 40, 4, 16, 1000, 0, 64 },
	{ "room enough: nothing to do", 16, 16, 4, 16, 1000, 0, 16 },
	{ "one more: doubled", 16, 17, 4, 16, 1000, 0, 32 },
	{ "doubling stops at most", 512, 513, 4, 16, 1000, 0, 1000 },
	{ "need of exactly most", 999, 1000, 4, 16, 1000, 0, 1000 },
	{ "need past most", 1000, 1001, 1, 16, 1000, -1, 1000 },
	{ "need past most from empty", 0, 2000, 8, 16, 1000, -1, 0 },
	{ "first of 0 starts at 1", 0, 1, 8, 0, 10, 0, 1 },
	{ "bytes that size_t cannot count", 0, SIZE_MAX / 2, 4, 16, SIZE_MAX,
	    -1, 0 },
	{ "most of 0: nothing", 0, 1, 4, 16, 0, -1, 0 },
};

static void
test_cases(void **state)
{
	size_t k, i;

	(void)state;
	for (k = 0; k < NELEM(cases); k++) {
		const struct grow_case *c = &cases[k];
		unsigned char *a = NULL, *before;
		size_t cap = c->cap;
		int rc;

		if (c->cap > 0) {
			a = malloc(c->cap * c->size);
			assert_non_null(a);
			for (i = 0; i < c->cap * c->size; i++)
				a[i] = (unsigned char)i;
		}
		before = a;
		rc = grow_array(&a, &cap, c->need, c->size, c->first, c->most);
		if (rc != c->rc || cap != c->cap_after)
			fail_msg("%s: rc %d, cap %zu (expected %d, %zu)",
			    c->what, rc, cap, c->rc, c->cap_after);
		if (rc != 0)
			assert_ptr_equal(a, before);
		for (i = 0; i < c->cap * c->size; i++)
			assert_int_equal(a[i], (unsigned char)i);
		if (rc == 0 && cap > 0)
			memset(a, 0, cap * c->size);
		free(a);
	}
}

/* An array of structs grown one at a time, as the parsers grow theirs. */
static void
test_one_at_a_time(void **state)
{
	struct pair {
		size_t n;
		double d;
	} *v = NULL;
	size_t n, cap = 0, grew = 0, last = 0;

	(void)state;
	for (n = 0; n < 5000; n++) {
		assert_int_equal(
		    grow_array(&v, &cap, n + 1, sizeof(*v), 16, 4096),
		    n < 4096 ? 0 : -1);
		if (n >= 4096)
			break;
		if (cap != last) {
			grew++;
			last = cap;
		}
		v[n].n = n;
		v[n].d = (double)n / 2;
	}
	assert_int_equal(cap, 4096);
	assert_int_equal(grew, 9); /* 16, 32, ..., 4096 */
	for (n = 0; n < 4096; n++)
		assert_int_equal(v[n].n, n);
	free(v);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_one_at_a_time),
	};

	return cmocka_run_group_tests_name("grow", tests, NULL, NULL);
}
