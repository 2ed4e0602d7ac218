/*
 * lineparse.c - the words of a line-oriented text file; see lineparse.h.
 *
 * The parsers of rules files and profiles read their lines through
 * this, so that both take the same line ends, comments, strings and
 * lists, and say the same things about them.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "lineparse.h"
#include "strindex.h"

static int
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static void
skip_blanks(struct lineparse *lp)
{
	while (lp->i < lp->n && is_blank(lp->p[lp->i]))
		lp->i++;
}

/* error_quote() into buf, the caller's ERROR_QUOTE_BUF bytes. */
static char *
quote(char *buf, const char *s, size_t n)
{
	return error_quote(buf, ERROR_QUOTE_BUF, s, n);
}

void
lineparse_init(struct lineparse *lp, const char *text, size_t len,
    const char *file, const char *kind, struct error *err)
{
	memset(lp, 0, sizeof(*lp));
	lp->text = text;
	lp->len = len;
	lp->file = file;
	lp->kind = kind;
	lp->err = err;
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		lp->next = 3;
	lp->p = text + lp->next;
}

int
lineparse_error(struct lineparse *lp, const char *fmt, ...)
{
	va_list ap;

	if (lp->err == NULL)
		return -1;
	lp->err->file = lp->file;
	lp->err->line = lp->line;
	va_start(ap, fmt);
	(void)vsnprintf(lp->err->msg, sizeof(lp->err->msg), fmt, ap);
	va_end(ap);
	return -1;
}

int
lineparse_next(struct lineparse *lp)
{
	size_t start, end;

	while (lp->next < lp->len) {
		start = lp->next;
		for (end = start; end < lp->len; end++)
			if (lp->text[end] == '\n' || lp->text[end] == '\r')
				break;
		lp->next = end + 1;
		if (end + 1 < lp->len && lp->text[end] == '\r' &&
		    lp->text[end + 1] == '\n')
			lp->next++;
		lp->line++;
		lp->p = lp->text + start;
		lp->n = end - start;
		lp->i = 0;
		if (memchr(lp->p, '\0', lp->n) != NULL)
			return lineparse_error(lp, "NUL byte in %s", lp->kind);
		skip_blanks(lp);
		if (lp->i < lp->n && lp->p[lp->i] != '#')
			return 1;
	}
	/* What a file lacks is said at its last line. */
	if (lp->line == 0)
		lp->line = 1;
	lp->n = 0;
	lp->i = 0;
	return 0;
}

int
lineparse_at_end(struct lineparse *lp)
{
	skip_blanks(lp);
	return lp->i == lp->n;
}

int
lineparse_peek(struct lineparse *lp)
{
	skip_blanks(lp);
	return lp->i < lp->n ? (unsigned char)lp->p[lp->i] : -1;
}

int
lineparse_word(struct lineparse *lp, const char **s, size_t *n)
{
	skip_blanks(lp);
	if (lp->i == lp->n || lp->p[lp->i] == '"')
		return -1;
	return lineparse_run(lp, s, n);
}

int
lineparse_run(struct lineparse *lp, const char **s, size_t *n)
{
	size_t start;

	skip_blanks(lp);
	if (lp->i == lp->n)
		return -1;
	start = lp->i;
	while (lp->i < lp->n && !is_blank(lp->p[lp->i]))
		lp->i++;
	*s = lp->p + start;
	*n = lp->i - start;
	return 0;
}

int
lineparse_keyword(struct lineparse *lp, const char *word)
{
	size_t save = lp->i, n;
	const char *s;

	if (lineparse_word(lp, &s, &n) == 0 && strlen(word) == n &&
	    memcmp(s, word, n) == 0)
		return 1;
	lp->i = save;
	return 0;
}

int
lineparse_quoted(struct lineparse *lp, const char *what, char *dst, size_t *n)
{
	char q[ERROR_QUOTE_BUF];
	size_t i, k = 0;

	skip_blanks(lp);
	if (lp->i == lp->n || lp->p[lp->i] != '"')
		return lineparse_error(lp, "missing %s", what);
	for (i = lp->i + 1;; i++) {
		if (i == lp->n)
			return lineparse_error(lp, "unterminated %s", what);
		if (lp->p[i] == '"')
			break;
		if (lp->p[i] == '\\') {
			if (i + 1 == lp->n)
				return lineparse_error(
				    lp, "unterminated %s", what);
			if (lp->p[i + 1] != '"' && lp->p[i + 1] != '\\')
				return lineparse_error(lp,
				    "bad escape %s in the %s (only \\\" and "
				    "\\\\)",
				    quote(q, lp->p + i, 2), what);
			i++;
		}
		dst[k++] = lp->p[i];
	}
	lp->i = i + 1;
	*n = k;
	return 0;
}

int
lineparse_string(
    struct lineparse *lp, const char *what, int in_list, char *dst, size_t *n)
{
	size_t start;
	char c;

	skip_blanks(lp);
	if (lp->i < lp->n && lp->p[lp->i] == '"')
		return lineparse_quoted(lp, what, dst, n);
	start = lp->i;
	while (lp->i < lp->n) {
		c = lp->p[lp->i];
		if (is_blank(c) || (in_list && (c == ',' || c == ']')))
			break;
		lp->i++;
	}
	if (lp->i == start)
		return lineparse_error(lp, "missing %s", what);
	memcpy(dst, lp->p + start, lp->i - start);
	*n = lp->i - start;
	return 0;
}

int
lineparse_list_open(struct lineparse *lp, const char *what)
{
	if (lineparse_peek(lp) != '[')
		return lineparse_error(lp, "missing %s (a list in [ ])", what);
	lp->i++;
	return 0;
}

int
lineparse_list_item(
    struct lineparse *lp, const char *what, char *dst, size_t *n)
{
	int c = lineparse_peek(lp);

	if (c == ',') {
		lp->i++;
		c = lineparse_peek(lp);
	}
	if (c == ']') {
		lp->i++;
		return 0;
	}
	if (c < 0)
		return lineparse_error(lp, "unterminated list (missing ']')");
	if (c == ',')
		return lineparse_error(lp, "empty %s in the list", what);
	if (lineparse_string(lp, what, 1, dst, n) != 0)
		return -1;
	if (*n == 0)
		return lineparse_error(lp, "empty %s in the list", what);
	return 1;
}

int
lineparse_end(struct lineparse *lp, const char *after)
{
	char q[ERROR_QUOTE_BUF];
	const char *s;
	size_t n;

	if (lineparse_run(lp, &s, &n) != 0)
		return 0;
	return lineparse_error(lp, "unexpected %s %s", quote(q, s, n), after);
}

void
lineparse_hash(const char *text, size_t len, char out[13])
{
	static const char hex[] = "0123456789abcdef";
	uint64_t h = strindex_hash(text, len);
	int k;

	for (k = 0; k < 12; k++)
		out[k] = hex[(h >> (60 - 4 * k)) & 15];
	out[12] = '\0';
}
