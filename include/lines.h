/*
 * lines.h - decoded bytes cut into physical lines, for the CSV source.
 *
 * LF, CRLF and CR each end a line, and a CRLF cut in two by a read is
 * still one ending.  The cutter knows the line and the byte offset of
 * every byte it hands on, so that the CSV source can give each record,
 * and each error, its exact line.  It reads through a decoder
 * (decode.h), whose buffer is the only copy of the bytes: a segment is
 * a view of that buffer, valid until the next lines_more().
 *
 * The struct is the caller's storage; the fields after "private" are the
 * cutter's.
 */
#ifndef CIVPOL_LINES_H
#define CIVPOL_LINES_H

#include <stddef.h>
#include <string.h>

#include "decode.h"
#include "error.h"
#include "input.h"

/*
 * How far a look at the start of a line goes (blank or not, which
 * delimiter): what the buffer surely holds, whatever the read size, so
 * that the answer never depends on how the input was cut.
 */
#define LINES_LOOKAHEAD (DECODE_BUFSIZE - DECODE_ROOM)

/* A byte's position in the buffer, looked for once. */
struct lines_mark {
	size_t at; /* its index, or dec.end; valid when known */
	int known;
};

struct lines {
	/* The bytes not yet consumed: dec.buf[dec.pos, dec.end). */
	struct decoder dec;
	/* Line and decoded offset of dec.buf[dec.pos]. */
	unsigned long line;
	unsigned long long off;
	/* The last line consumed ended with CR: a LF next belongs to it. */
	int after_cr;

	/* Private: where the next CR and the next quote are. */
	struct lines_mark cr;
	struct lines_mark quote;
};

/*
 * Sets ln up over in and encoding, as decode_init() does.  Borrowed: in
 * must outlive ln.  Returns 0, or -1 with err filled.  The caller
 * releases ln with lines_release().
 */
int lines_init(struct lines *ln, struct input *in, const char *encoding,
    struct error *err);

/* Frees what ln holds; ln itself is the caller's. */
void lines_release(struct lines *ln);

/*
 * Moves the unconsumed bytes to the front of the buffer and appends more
 * (decode_more()).  Returns 1 when bytes were added, 0 at the end of the
 * input, -1 with err filled (at the current line) on failure.
 */
int lines_more(struct lines *ln, struct error *err);

/*
 * The length of the segment that starts at dec.buf[dec.pos]: the rest
 * of the physical line with its ending, or what is buffered of it.
 * *term is set to 1 when the ending is included.
 */
size_t lines_segment(struct lines *ln, int *term);

/*
 * The small helpers are inline: the CSV source calls them for every
 * record it does not read in a batch.
 */

/* Moves past len bytes, of which the last ends the line when term is set. */
static inline void
lines_consume(struct lines *ln, size_t len, int term)
{
	ln->dec.pos += len;
	ln->off += len;
	if (term) {
		ln->line++;
		ln->after_cr = ln->dec.buf[ln->dec.pos - 1] == '\r';
	}
}

/*
 * The index of the next byte c at or after dec.pos, or dec.end, looked
 * for once and remembered in *m until the position passes it.
 */
static inline size_t
lines_next_byte(struct lines *ln, struct lines_mark *m, char c)
{
	const char *p;

	if (!m->known || m->at < ln->dec.pos) {
		p = memchr(
		    ln->dec.buf + ln->dec.pos, c, ln->dec.end - ln->dec.pos);
		m->at = p != NULL ? (size_t)(p - ln->dec.buf) : ln->dec.end;
		m->known = 1;
	}
	return m->at;
}

/* The index of the next CR at or after dec.pos, or dec.end. */
static inline size_t
lines_next_cr(struct lines *ln)
{
	return lines_next_byte(ln, &ln->cr, '\r');
}

/* The index of the next '"' at or after dec.pos, or dec.end. */
static inline size_t
lines_next_quote(struct lines *ln)
{
	return lines_next_byte(ln, &ln->quote, '"');
}

/*
 * At the start of a line: consumes the line and returns 1 when it is
 * blank (nothing but spaces and tabs before its end), returns 0 when it
 * is not, -1 with err filled on failure.  A line that starts with
 * LINES_LOOKAHEAD spaces and tabs is taken as not blank (a record of one
 * field), so that memory stays bounded.
 */
int lines_skip_blank(struct lines *ln, struct error *err);

/*
 * Chooses a delimiter from the line that starts at dec.pos (its first
 * LINES_LOOKAHEAD bytes at most), consuming nothing: ',' if it holds a
 * comma outside quotes; else ';' or, failing that, a tab, outside quotes
 * likewise; else ','.  Returns it, or -1 with err filled on failure.
 */
int lines_delimiter(struct lines *ln, struct error *err);

#endif
