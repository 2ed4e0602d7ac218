/*
 * dynlib.c - a shared library loaded when it is first needed; see
 * dynlib.h.
 *
 * POSIX lets dlsym()'s answer be used as a function pointer; it is
 * copied into place with memcpy(), which ISO C's rules on pointer
 * conversions do not forbid.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include "dynlib.h"

void *
dynlib_open(const char *soname, const char *what, const struct dynlib_entry *e,
    size_t n, void *fns, char *why, size_t size)
{
	const char *err;
	void *handle, *p;
	size_t k;

	handle = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
	if (handle == NULL) {
		err = dlerror();
		(void)snprintf(why, size, "cannot load %s for %s: %s", soname,
		    what, err != NULL ? err : "unknown error");
		return NULL;
	}
	for (k = 0; k < n; k++) {
		p = dlsym(handle, e[k].name);
		if (p == NULL) {
			(void)snprintf(why, size,
			    "%s (for %s) has no function %s: is it the "
			    "version the program was built with?",
			    soname, what, e[k].name);
			(void)dlclose(handle);
			return NULL;
		}
		memcpy((char *)fns + e[k].offset, &p, sizeof(p));
	}
	return handle;
}

void
dynlib_close(void *handle)
{
	if (handle != NULL)
		(void)dlclose(handle);
}
