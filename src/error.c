/*
 * error.c - filling a struct error; see error.h.
 */
#include <stdio.h>
#include <string.h>

#include "ascii.h"
#include "error.h"
#include "utf8.h"

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

/* A bounded writer for error_name(). */
struct name_out {
	char *buf;
	size_t size;
	size_t len;
};

static void
name_put(struct name_out *o, const char *s)
{
	while (*s != '\0') {
		if (o->len + 1 < o->size)
			o->buf[o->len] = *s;
		o->len++;
		s++;
	}
}

/* The length of the safe character at s (n > 0 bytes), or 0. */
static size_t
safe_char(const unsigned char *s, size_t n)
{
	size_t k, bad;

	if (s[0] < 0x80)
		return s[0] >= 0x20 && s[0] != 0x7f;
	k = utf8_sequence(s, n, &bad);
	return k > 0 && utf8_control(s, k) == 0 ? k : 0;
}

/* One unsafe byte inside $'...': a named escape, else three octal digits. */
static void
name_escape(struct name_out *o, unsigned char c)
{
	static const char named[] = "\a\b\t\n\v\f\r";
	static const char letter[] = "abtnvfr";
	char tmp[5];
	const char *p = c != 0 ? strchr(named, c) : NULL;

	if (p != NULL) {
		tmp[0] = '\\';
		tmp[1] = letter[p - named];
		tmp[2] = '\0';
	} else {
		tmp[0] = '\\';
		tmp[1] = (char)('0' + (c >> 6));
		tmp[2] = (char)('0' + ((c >> 3) & 7));
		tmp[3] = (char)('0' + (c & 7));
		tmp[4] = '\0';
	}
	name_put(o, tmp);
}

char *
error_name(char *buf, size_t size, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	struct name_out o = { buf, size, 0 };
	size_t n = strlen(s), i, k;
	char one[2] = { 0, 0 };
	/* 0: outside quotes, 'q': in '...', 'e': in $'...'. */
	int in = 0;

	for (i = 0; i < n && safe_char(u + i, n - i) > 0;)
		i += safe_char(u + i, n - i);
	if (i == n) {
		name_put(&o, s);
		goto out;
	}
	for (i = 0; i < n; i += k) {
		k = safe_char(u + i, n - i);
		if (k > 0) {
			if (in != 'q')
				name_put(&o, in == 'e' ? "''" : "'");
			in = 'q';
			for (; k > 0; k--, i++) {
				one[0] = s[i];
				name_put(&o, one[0] == '\'' ? "'\\''" : one);
			}
			continue;
		}
		if (in != 'e')
			name_put(&o, in == 'q' ? "'$'" : "$'");
		in = 'e';
		name_escape(&o, u[i]);
		k = 1;
	}
	name_put(&o, "'");
out:
	if (size > 0)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return buf;
}
