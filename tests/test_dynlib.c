/*
 * test_dynlib.c - unit tests for dynlib.c and dynlib.h: a library opened
 * when needed, its functions found by name into a struct of pointers.
 *
 * The library loaded is the C library itself (libc.so.6, there on any
 * glibc system), so that the test needs nothing more; a pointer found
 * must call the very function the program links.  Each case of the table
 * names a library and the functions asked for, and what must come of
 * it: a handle with every pointer filled, or NULL with a message that
 * names the library, what it was for, and the missing function.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "dynlib.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* The functions the cases may ask for. */
struct fns {
	__typeof__(strlen) *strlen;
	__typeof__(abs) *abs;
	void (*missing)(void);
};

static const struct dynlib_entry both[] = {
	DYNLIB_ENTRY(struct fns, strlen),
	DYNLIB_ENTRY(struct fns, abs),
};

static const struct dynlib_entry with_missing[] = {
	DYNLIB_ENTRY(struct fns, strlen),
	{ "civpol_no_such_function", offsetof(struct fns, missing) },
};

struct dynlib_case {
	const char *soname;
	const struct dynlib_entry *e;
	size_t n;
	int opens;
	const char *why[3]; /* what the message must hold, when it fails */
};

static const struct dynlib_case cases[] = {
	{ "libc.so.6", both, NELEM(both), 1, { NULL } },
	{ "libc.so.6", both, 0, 1, { NULL } },
	{ "libcivpol-absent.so.9", both, NELEM(both), 0,
	    { "cannot load libcivpol-absent.so.9 for the test",
	        "libcivpol-absent.so.9" } },
	{ "libc.so.6", with_missing, NELEM(with_missing), 0,
	    { "libc.so.6 (for the test) has no function "
	      "civpol_no_such_function" } },
};

static void
test_cases(void **state)
{
	size_t k, j;

	(void)state;
	for (k = 0; k < NELEM(cases); k++) {
		const struct dynlib_case *c = &cases[k];
		struct fns f;
		char why[256] = "";
		void *h;

		memset(&f, 0, sizeof(f));
		h = dynlib_open(
		    c->soname, "the test", c->e, c->n, &f, why, sizeof(why));
		if ((h != NULL) != c->opens)
			fail_msg("case %zu (%s): %s, why \"%s\"", k, c->soname,
			    h != NULL ? "opened" : "failed", why);
		for (j = 0; !c->opens && j < NELEM(c->why); j++)
			if (c->why[j] != NULL && strstr(why, c->why[j]) == NULL)
				fail_msg("case %zu: \"%s\" lacks \"%s\"", k,
				    why, c->why[j]);
		if (h != NULL && c->n > 0) {
			assert_non_null(f.strlen);
			assert_int_equal(f.strlen("civpol"), 6);
			assert_int_equal(f.abs(-7), 7);
		}
		if (h != NULL && c->n == 0)
			assert_null(f.strlen);
		dynlib_close(h);
	}
	dynlib_close(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
	};

	return cmocka_run_group_tests_name("dynlib", tests, NULL, NULL);
}
