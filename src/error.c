/*
 * error.c - filling a struct error; see error.h.
 */
#include <stdio.h>
#include <string.h>

#include "ascii.h"
#include "error.h"

int
error_set(struct error *err, const char *file, unsigned long line,
    const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return -1;
	err->file = file;
	err->line = line;
	va_start(ap, fmt);
	(void)vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return -1;
}

char *
error_quote(char *buf, size_t size, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t o = 0, i, lim = n < ERROR_QUOTE_MAX ? n : ERROR_QUOTE_MAX;
	char tmp[8];
	size_t tn, k;

	if (size == 0)
		return buf;
	for (i = 0; i <= lim + 1; i++) {
		unsigned char c;

		tn = 0;
		if (i == 0 || i == lim + 1) {
			tmp[tn++] = '"';
			if (i == lim + 1 && lim < n) {
				tmp[tn++] = '.';
				tmp[tn++] = '.';
				tmp[tn++] = '.';
			}
		} else {
			c = (unsigned char)s[i - 1];
			if (c == '"' || c == '\\') {
				tmp[tn++] = '\\';
				tmp[tn++] = (char)c;
			} else if (c < 0x20 || c == 0x7f) {
				tmp[tn++] = '\\';
				tmp[tn++] = 'x';
				tmp[tn++] = hex[c >> 4];
				tmp[tn++] = hex[c & 15];
			} else
				tmp[tn++] = (char)c;
		}
		if (o + tn >= size)
			break;
		for (k = 0; k < tn; k++)
			buf[o++] = tmp[k];
	}
	buf[o] = '\0';
	return buf;
}

char *
error_errno(int errnum, char *buf, size_t size)
{
	if (strerror_r(errnum, buf, size) != 0)
		(void)snprintf(buf, size, "error %d", errnum);
	/* "I/O error" keeps its capitals; "No such file" does not. */
	if (buf[0] >= 'A' && buf[0] <= 'Z' && buf[1] >= 'a' && buf[1] <= 'z')
		buf[0] = (char)ascii_lower((unsigned char)buf[0]);
	return buf;
}
