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
	const unsigned char *u = (const unsigned char *)s;
	size_t o = 0, i = 0, lim = n < ERROR_QUOTE_MAX ? n : ERROR_QUOTE_MAX;
	size_t tn, k, step, bad;
	unsigned cp;
	char tmp[8];

	if (size < 2) {
		if (size == 1)
			buf[0] = '\0';
		return buf;
	}
	buf[o++] = '"';
	while (i < lim) {
		tn = 0;
		step = 1;
		if (u[i] == '"' || u[i] == '\\') {
			tmp[tn++] = '\\';
			tmp[tn++] = (char)u[i];
		} else if (u[i] < 0x20 || u[i] == 0x7f) {
			tmp[tn++] = '\\';
			tmp[tn++] = 'x';
			tmp[tn++] = hex[u[i] >> 4];
			tmp[tn++] = hex[u[i] & 15];
		} else if (u[i] < 0x80) {
			tmp[tn++] = (char)u[i];
		} else {
			/* A byte that is no UTF-8 as \xNN; a character a
			 * terminal would act on (C1, bidi) as \uXXXX. */
			k = utf8_sequence(u + i, lim - i, &bad);
			cp = k > 0 ? utf8_control(u + i, k) : 0;
			if (k == 0) {
				tmp[tn++] = '\\';
				tmp[tn++] = 'x';
				tmp[tn++] = hex[u[i] >> 4];
				tmp[tn++] = hex[u[i] & 15];
			} else if (cp != 0) {
				tmp[tn++] = '\\';
				tmp[tn++] = 'u';
				tmp[tn++] = hex[cp >> 12 & 15];
				tmp[tn++] = hex[cp >> 8 & 15];
				tmp[tn++] = hex[cp >> 4 & 15];
				tmp[tn++] = hex[cp & 15];
				step = k;
			} else {
				for (step = 0; step < k; step++)
					tmp[tn++] = (char)u[i + step];
			}
		}
		if (o + tn + 1 >= size)
			break;
		for (k = 0; k < tn; k++)
			buf[o++] = tmp[k];
		i += step;
	}
	/* The closing quote, and a mark of what was cut, as room allows. */
	tn = 0;
	tmp[tn++] = '"';
	if (lim < n) {
		tmp[tn++] = '.';
		tmp[tn++] = '.';
		tmp[tn++] = '.';
	}
	for (k = 0; k < tn && o + 1 < size; k++)
		buf[o++] = tmp[k];
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
