/*
 * lines.c - decoded bytes cut into physical lines; see lines.h.
 *
 * The next CR and the next quote are looked for once and remembered
 * until the position passes them (lines_next_byte()), so that a buffer
 * with few of them (a CR in an LF file, a quote in a file of plain
 * values) is searched about once, however many lines it holds.
 */
#include <string.h>

#include "lines.h"

int
lines_init(
    struct lines *ln, struct input *in, const char *encoding, struct error *err)
{
	ln->line = 1;
	ln->off = 0;
	ln->after_cr = 0;
	ln->cr.known = 0;
	ln->quote.known = 0;
	return decode_init(&ln->dec, in, encoding, err);
}

void
lines_release(struct lines *ln)
{
	decode_release(&ln->dec);
}

int
lines_more(struct lines *ln, struct error *err)
{
	int rc;

	ln->cr.known = 0;
	ln->quote.known = 0;
	rc = decode_more(&ln->dec, err);
	if (rc < 0 && err != NULL)
		err->line = ln->line;
	return rc;
}

size_t
lines_segment(struct lines *ln, int *term)
{
	const char *p = ln->dec.buf + ln->dec.pos;
	size_t n = ln->dec.end - ln->dec.pos;
	const char *nl;
	size_t lim;

	lim = lines_next_cr(ln) - ln->dec.pos;
	nl = memchr(p, '\n', lim);
	if (nl != NULL) {
		*term = 1;
		return (size_t)(nl - p) + 1;
	}
	if (lim < n) {
		*term = 1;
		if (lim + 1 < n && p[lim + 1] == '\n')
			return lim + 2;
		return lim + 1;
	}
	*term = 0;
	return n;
}

int
lines_skip_blank(struct lines *ln, struct error *err)
{
	size_t i = 0, len;
	int term;

	for (;;) {
		const char *p = ln->dec.buf + ln->dec.pos;
		size_t n = ln->dec.end - ln->dec.pos;

		while (i < n && i < LINES_LOOKAHEAD &&
		    (p[i] == ' ' || p[i] == '\t'))
			i++;
		if (i == LINES_LOOKAHEAD)
			return 0;
		if (i < n) {
			if (p[i] != '\n' && p[i] != '\r')
				return 0;
			len = lines_segment(ln, &term);
			lines_consume(ln, len, term);
			return 1;
		}
		if (ln->dec.eof) {
			lines_consume(ln, n, 0);
			return 1;
		}
		if (lines_more(ln, err) < 0)
			return -1;
	}
}

int
lines_delimiter(struct lines *ln, struct error *err)
{
	size_t i = 0, n = 0;
	int inq = 0, comma = 0, semi = 0, tab = 0;
	const char *p;

	for (;;) {
		p = ln->dec.buf + ln->dec.pos;
		n = ln->dec.end - ln->dec.pos;
		while (i < n && i < LINES_LOOKAHEAD && p[i] != '\n' &&
		    p[i] != '\r')
			i++;
		if (i < n || i == LINES_LOOKAHEAD || ln->dec.eof)
			break;
		if (lines_more(ln, err) < 0)
			return -1;
	}
	for (n = 0; n < i; n++) {
		if (p[n] == '"')
			inq = !inq;
		else if (!inq && p[n] == ',')
			comma = 1;
		else if (!inq && p[n] == ';')
			semi = 1;
		else if (!inq && p[n] == '\t')
			tab = 1;
	}
	return comma ? ',' : semi ? ';' : tab ? '\t' : ',';
}
