/*
 * dynlib.h - a shared library loaded when it is first needed, its
 * functions reached through a table.
 *
 * The program is linked with libcsv and expat alone.  The workbook
 * reader's libzip and the xlsx report's libxlsxwriter each bring
 * OpenSSL's libcrypto (and zlib, bzip2, minizip): linked, the dynamic
 * loader maps and relocates them for every run, whatever its input and
 * format, which took the peak RSS of any run from 1.5 to 3.9 MiB and a
 * record through a pipe from 2.5 to 3.4 ms.  So those libraries are
 * opened with dlopen() by the module that needs them, when a workbook
 * is read or written, and their functions are found with dlsym().
 *
 * A module keeps a struct of function pointers, each declared with the
 * type of the header's own prototype (__typeof__, which GCC and clang
 * take in C11 as they do asm), so that a call through it is checked as
 * a direct call would be; and a table of entries, each a function's name
 * and its place in that struct.
 */
#ifndef CIVPOL_DYNLIB_H
#define CIVPOL_DYNLIB_H

#include <stddef.h>

/* One function of a library: its name, and where its pointer goes. */
struct dynlib_entry {
	const char *name;
	size_t offset;
};

/* The entry of function f in the struct of pointers of type T. */
#define DYNLIB_ENTRY(T, f)                                                     \
	{                                                                      \
#f, offsetof(T, f)                                             \
	}

/*
 * Opens the library soname (for what, in a message: "the xlsx report")
 * and fills the pointer of every one of the n entries in the struct at
 * fns.  Returns the library's handle, or NULL with why (size bytes)
 * saying what failed, nothing left open.
 */
void *dynlib_open(const char *soname, const char *what,
    const struct dynlib_entry *e, size_t n, void *fns, char *why, size_t size);

/* Closes a handle dynlib_open() gave, or does nothing for NULL. */
void dynlib_close(void *handle);

#endif
