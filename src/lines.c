/*
 * lines.c - decoded bytes cut into physical lines; see lines.h.
 *
 * The next CR and the next quote are looked for once and remembered
 * until the position passes them (lines_next_byte()), so that a buffer
 * with few of them (a CR in an LF file, a quote in a file of plain
 * values) is searched about once, however many lines it holds.
 */
#include <stdlib.h>
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
	ln->keeping = 0;
	ln->kept = NULL;
	ln->keep_len = 0;
	ln->keep_cap = 0;
	return decode_init(&ln->dec, in, encoding, err);
}

void
lines_release(struct lines *ln)
{
	decode_release(&ln->dec);
	free(ln->kept);
	ln->kept = NULL;
}

void
lines_keep(struct lines *ln, size_t limit)
{
	ln->keeping = 1;
	ln->keep_pos = ln->dec.pos;
	ln->keep_len = 0;
	ln->keep_limit = limit;
	ln->keep_cut = 0;
}

/*
 * Copies the n bytes at s after what is kept, up to the limit.  Returns
 * 0, or -1 when out of memory.
 */
static int
keep_bytes(struct lines *ln, const char *s, size_t n)
{
	size_t cap;
	char *p;

	if (n > ln->keep_limit - ln->keep_len) {
		n = ln->keep_limit - ln->keep_len;
		ln->keep_cut = 1;
	}
	if (n > ln->keep_cap - ln->keep_len) {
		cap = ln->keep_cap > 0 ? 2 * ln->keep_cap : 4096;
		if (cap < ln->keep_len + n)
			cap = ln->keep_len + n;
		if (cap > ln->keep_limit)
			cap = ln->keep_limit;
		p = realloc(ln->kept, cap);
		if (p == NULL)
			return -1;
		ln->kept = p;
		ln->keep_cap = cap;
	}
	if (n > 0)
		memcpy(ln->kept + ln->keep_len, s, n);
	ln->keep_len += n;
	return 0;
}

const char *
lines_kept(struct lines *ln, size_t *len, int *cut)
{
	const char *tail = ln->dec.buf + ln->keep_pos;
	size_t n = ln->dec.pos - ln->keep_pos;

	ln->keeping = 0;
	*cut = ln->keep_cut;
	if (ln->keep_len == 0 && !ln->keep_cut) {
		*cut = n > ln->keep_limit;
		*len = *cut ? ln->keep_limit : n;
		return tail;
	}
	if (keep_bytes(ln, tail, n) != 0)
		return NULL;
	*cut = ln->keep_cut;
	*len = ln->keep_len;
	return ln->kept;
}

int
lines_more(struct lines *ln, struct error *err)
{
	int rc;

	ln->cr.known = 0;
	ln->quote.known = 0;
	/* The kept bytes that the refill is about to drop are copied. */
	if (ln->keeping) {
		if (keep_bytes(ln, ln->dec.buf + ln->keep_pos,
		        ln->dec.pos - ln->keep_pos) != 0)
			return error_set(
			    err, ln->dec.in->name, ln->line, "out of memory");
		ln->keep_pos = 0;
	}
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
lines_skip_blank(struct lines *ln, int delim, struct error *err)
{
	size_t i = 0, len;
	int term;

	for (;;) {
		const char *p = ln->dec.buf + ln->dec.pos;
		size_t n = ln->dec.end - ln->dec.pos;

		while (i < n && i < LINES_LOOKAHEAD &&
		    (p[i] == ' ' || p[i] == '\t') && p[i] != delim)
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

long
lines_buffer_line(struct lines *ln, struct error *err)
{
	size_t i = 0, n;
	const char *p;

	for (;;) {
		p = ln->dec.buf + ln->dec.pos;
		n = ln->dec.end - ln->dec.pos;
		while (i < n && i < LINES_LOOKAHEAD && p[i] != '\n' &&
		    p[i] != '\r')
			i++;
		if (i < n || i == LINES_LOOKAHEAD || ln->dec.eof)
			return (long)i;
		if (lines_more(ln, err) < 0)
			return -1;
	}
}

int
lines_delimiter(struct lines *ln, struct error *err)
{
	long len = lines_buffer_line(ln, err);
	int inq = 0, comma = 0, semi = 0, tab = 0;
	const char *p = ln->dec.buf + ln->dec.pos;
	size_t n, i;

	if (len < 0)
		return -1;
	i = (size_t)len;
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

int
lines_utf16_hint(struct lines *ln)
{
	const char *p = ln->dec.buf + ln->dec.pos;
	size_t n = ln->dec.end - ln->dec.pos, i, odd = 0, even = 0;

	if (n > LINES_LOOKAHEAD)
		n = LINES_LOOKAHEAD;
	for (i = 0; i < n && p[i] != '\n' && p[i] != '\r'; i++) {
		if (p[i] != '\0')
			continue;
		if (i % 2)
			odd++;
		else
			even++;
	}
	/*
	 * Text of UTF-16 read as bytes has a NUL in nearly every other
	 * byte, at the same parity; stray NULs or random bytes do not.
	 */
	if (4 * (odd + even) < i || (odd < 9 * even && even < 9 * odd))
		return 0;
	return odd > even ? 'l' : 'b';
}

/* The LF of a CRLF cut by a read belongs to the line before. */
static void
finish_crlf(struct lines *ln)
{
	if (!ln->after_cr || ln->dec.pos == ln->dec.end)
		return;
	ln->after_cr = 0;
	if (ln->dec.buf[ln->dec.pos] == '\n')
		lines_consume(ln, 1, 0);
}

enum lines_end
lines_skip_record(struct lines *ln, int delim, struct lines_field *st)
{
	enum lines_end e;

	while ((e = lines_skip_field(ln, delim, st)) == LINES_FIELD_END) {
		st->at_start = 1;
		st->quoted = 0;
		st->quote_seen = 0;
	}
	return e;
}

enum lines_end
lines_skip_line(struct lines *ln)
{
	size_t len;
	int term;

	finish_crlf(ln);
	if (ln->dec.pos == ln->dec.end)
		return LINES_MORE;
	len = lines_segment(ln, &term);
	lines_consume(ln, len, term);
	return term ? LINES_RECORD_END : LINES_MORE;
}

/*
 * A segment at a time (lines_segment()), so that line breaks inside a
 * quoted field are counted as lines.
 */
enum lines_end
lines_skip_field(struct lines *ln, int delim, struct lines_field *st)
{
	const char *p;
	size_t len, i;
	int term;
	char c;

	for (finish_crlf(ln); ln->dec.pos < ln->dec.end; finish_crlf(ln)) {
		p = ln->dec.buf + ln->dec.pos;
		len = lines_segment(ln, &term);
		for (i = 0; i < len; i++) {
			c = p[i];
			if (st->at_start) {
				st->at_start = 0;
				if (c == '"') {
					st->quoted = 1;
					continue;
				}
			}
			if (c == '\n' || c == '\r') {
				if (!st->quoted || st->quote_seen)
					break;
				continue;
			}
			if (st->quote_seen) {
				st->quote_seen = 0;
				/* "" is a quote; else the quoted part ended. */
				if (c == '"')
					continue;
				st->quoted = 0;
			} else if (st->quoted) {
				st->quote_seen = c == '"';
				continue;
			}
			if (c == delim) {
				lines_consume(ln, i + 1, 0);
				return LINES_FIELD_END;
			}
		}
		lines_consume(ln, len, term);
		if (i < len)
			return LINES_RECORD_END;
	}
	return LINES_MORE;
}
