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
	/*
	 * Private: the stretch being kept (see lines_keep()): it starts at
	 * dec.buf[keep_pos] while still there; what a refill moved out of
	 * the buffer is in kept (keep_len bytes, at most keep_limit).
	 */
	int keeping;
	size_t keep_pos;
	char *kept;
	size_t keep_len;
	size_t keep_cap;
	size_t keep_limit;
	int keep_cut;
};

/* The quote state of a CSV field being skipped (lines_skip_field()). */
struct lines_field {
	int at_start; /* no byte of the field seen yet */
	int quoted; /* the field began with a quote */
	int quote_seen; /* quoted, and its last byte was a quote */
};

/* What lines_skip_field() found. */
enum lines_end {
	LINES_MORE = 0, /* the end is not buffered yet: lines_more() */
	LINES_FIELD_END, /* a delimiter: another field of the record follows */
	LINES_RECORD_END /* the end of the line, and of the record */
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
 * blank (nothing but spaces and tabs that are not delim before its end),
 * returns 0 when it is not, -1 with err filled on failure.  A line of
 * delimiters is a record of empty cells, never blank.  A line that
 * starts with LINES_LOOKAHEAD spaces and tabs is taken as not blank (a
 * record of one field), so that memory stays bounded.
 */
int lines_skip_blank(struct lines *ln, int delim, struct error *err);

/*
 * Reads until the line at dec.pos is buffered whole, or its first
 * LINES_LOOKAHEAD bytes, or the input ends, consuming nothing; returns
 * how many of its bytes (less its line end) are there, or -1 with err
 * filled on a read error.  What is buffered then does not depend on how
 * the input came in.
 */
long lines_buffer_line(struct lines *ln, struct error *err);

/*
 * Whether the line at dec.pos (its first LINES_LOOKAHEAD bytes, which
 * must be buffered: lines_buffer_line()) looks like UTF-16 read as
 * bytes: 'l' when a quarter of its bytes or more are NUL, nine in ten
 * of them at odd offsets (a little-endian text), 'b' when at even ones,
 * else 0.
 */
int lines_utf16_hint(struct lines *ln);

/*
 * Starts keeping the bytes consumed from dec.pos on (a record's text):
 * what a refill would drop is copied aside, at most limit bytes in all.
 */
void lines_keep(struct lines *ln, size_t limit);

/*
 * The bytes consumed since lines_keep(), then stops keeping: *len of
 * them, *cut nonzero when more than the limit were consumed and the
 * rest is not there.  Borrowed: valid until the next lines_keep(),
 * lines_more() or lines_release().  NULL when out of memory.
 */
const char *lines_kept(struct lines *ln, size_t *len, int *cut);

/* Stops keeping, when the kept bytes are not wanted after all. */
static inline void
lines_unkeep(struct lines *ln)
{
	ln->keeping = 0;
}

/*
 * Skips what is buffered of the CSV field that the position is in, by
 * RFC 4180's quoting, without keeping it: up to and with the delimiter
 * or the line end that ends it, or all that is buffered when neither
 * is.  st carries the quote state from one call to the next.  A quote
 * followed by anything but a quote, the delimiter or a line end ends the
 * quoted part; the field goes on unquoted.
 */
enum lines_end
lines_skip_field(struct lines *ln, int delim, struct lines_field *st);

/*
 * Skips what is buffered of the record, field by field as
 * lines_skip_field() does: LINES_RECORD_END at its end, else LINES_MORE.
 */
enum lines_end
lines_skip_record(struct lines *ln, int delim, struct lines_field *st);

/* Skips what is buffered of the line; LINES_RECORD_END at its end. */
enum lines_end lines_skip_line(struct lines *ln);

/* Nonzero once the stretch being kept passed its limit (lines_keep()). */
static inline int
lines_keep_full(const struct lines *ln)
{
	return ln->keep_cut;
}

/*
 * Chooses a delimiter from the line that starts at dec.pos (its first
 * LINES_LOOKAHEAD bytes at most), consuming nothing: ',' if it holds a
 * comma outside quotes; else ';' or, failing that, a tab, outside quotes
 * likewise; else ','.  Returns it, or -1 with err filled on failure.
 */
int lines_delimiter(struct lines *ln, struct error *err);

#endif
