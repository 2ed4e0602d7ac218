/*
 * error.h - errors as values.
 *
 * Every fallible function of the core fills a caller-owned struct error
 * instead of printing: the file and line the problem was found at, and a
 * message in the style of a compiler ("unterminated quoted field":
 * lower-case, what is wrong first, no final full stop).  Only main.c
 * turns one into text on stderr.
 */
#ifndef CIVPOL_ERROR_H
#define CIVPOL_ERROR_H

#include <stdarg.h>
#include <stddef.h>

#define ERROR_MSG_MAX 512

struct error {
	/* Borrowed: must outlive the error; NULL when none. */
	const char *file;
	/* Line of the input, from 1; 0 when the error has no line. */
	unsigned long line;
	char msg[ERROR_MSG_MAX];
};

/*
 * Fills err (which may be NULL: then nothing happens) with file, line and
 * a printf-style message, truncated to fit.  Returns -1, so that a caller
 * can write "return error_set(...)".
 */
#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
int
error_set(struct error *err, const char *file, unsigned long line,
    const char *fmt, ...);

/*
 * Writes the n bytes at s into buf (size bytes, NUL-terminated) as a
 * double-quoted string fit for a one-line message: '"' and '\\' are
 * escaped with a backslash, control bytes, DEL and bytes that are no
 * UTF-8 become \xNN, the characters a terminal would act on (C1
 * controls, bidirectional overrides and isolates) \uXXXX, other UTF-8
 * is kept, and a value longer than
 * ERROR_QUOTE_MAX bytes is cut there and marked with "...".  Returns buf.
 */
#define ERROR_QUOTE_MAX 60
/* Room for anything error_quote() writes: each byte as \xNN, and more. */
#define ERROR_QUOTE_BUF (ERROR_QUOTE_MAX * 4 + 8)
char *error_quote(char *buf, size_t size, const char *s, size_t n);

/*
 * Writes the file name s into buf (size bytes, NUL-terminated, cut to
 * fit) as messages show it: as it is, unless it holds a byte that a
 * terminal could act on (a control byte, DEL, a C1 control, a
 * bidirectional override, a byte that is no UTF-8), then quoted as GNU
 * tools quote it, for a shell: 'a'$'\n''b'.  Returns buf.
 */
char *error_name(char *buf, size_t size, const char *s);

/*
 * Writes strerror(errnum) into buf (size bytes), its first letter
 * lower-cased as messages want ("no such file or directory"); returns
 * buf.
 */
char *error_errno(int errnum, char *buf, size_t size);

#endif
