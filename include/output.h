/*
 * output.h - the reports' output layer: one buffer in front of a stdio
 * stream, and the escapers that the formats share.
 *
 * A format writes into the buffer and the buffer goes to stdio with one
 * fwrite() when it fills, at output_flush() and at the end, so that most
 * records cost no call into stdio.  The per-byte work is a copy and a
 * check, never a printf(): a writer asks once for room for the most that
 * its entry can grow to (out_room()), writes the whole of it through a
 * plain pointer with the put_ functions, and says where it stopped
 * (out_done()).  One layout for every entry, however long: when an entry
 * needs more room than the buffer has, the buffer grows to hold it, and
 * shrinks back once it has been written, so that memory follows the
 * largest single entry, never the input.  Once a write has failed
 * nothing more reaches the stream; output_status() says so, for good.
 *
 * The small writers are static inline: the formats call them for every
 * cell.
 */
#ifndef CIVPOL_OUTPUT_H
#define CIVPOL_OUTPUT_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Room for a failure's reason in words (output_fail()). */
#define OUTPUT_WHY_MAX 192
/* The buffer's usual size. */
#define OUTPUT_BUFSIZE ((size_t)64 * 1024)
/* The most that put_ulong() writes. */
#define OUTPUT_ULONG_ROOM 24

struct output {
	FILE *stream; /* NULL: everything is dropped */
	char *buf;
	size_t cap; /* OUTPUT_BUFSIZE, or more while a long entry is in */
	size_t len; /* bytes of buf in use */
	int failed; /* a write failed, or room could not be had: sticky */
	int errnum; /* why, when it failed */
	/* Why in words, when errnum does not say it (output_fail()), or "". */
	char why[OUTPUT_WHY_MAX];
};

/*
 * Sets o up to write to stream (or NULL: o then drops what it is
 * given).  Borrowed: stream must outlive o.  Returns 0, or -1 when out of
 * memory.  The caller releases o with output_release().
 */
int output_init(struct output *o, FILE *stream);

/* Frees o's buffer, dropping what it holds; the stream stays open. */
void output_release(struct output *o);

/* Hands the buffer to stdio; nothing more. */
void output_drain(struct output *o);

/*
 * Hands the buffer to stdio and flushes the stream, so that a reader at
 * the other end of a pipe has everything now.  Returns output_status().
 */
int output_flush(struct output *o);

/*
 * Fails o for good, unless it has failed already: for a format whose
 * writing fails in a way of its own (a limit of its file format, a
 * library's error, a spool file of its own, as the html report's).  errnum is the errno that says why, or 0; why (NULL
 * for none) says it in words, as a message does, and is copied, cut to
 * fit.
 */
void output_fail(struct output *o, int errnum, const char *why);

/* 0, or -1 once a write to the stream has failed (sticky). */
static inline int
output_status(struct output *o)
{
	if (!o->failed && o->stream != NULL && ferror(o->stream)) {
		o->failed = 1;
		o->errnum = 0;
	}
	return o->failed ? -1 : 0;
}

/* out_room()'s slow side: drains, and grows the buffer if need be. */
char *output_room(struct output *o, size_t n);

/*
 * Makes room for n more bytes and returns where to write them.
 * Borrowed: valid until the next output call.  out_done() then says
 * where the writing ended.  NULL only when memory for an entry of n
 * bytes cannot be had; o has then failed (errnum ENOMEM).
 */
static inline char *
out_room(struct output *o, size_t n)
{
	if (n > o->cap - o->len)
		return output_room(o, n);
	return o->buf + o->len;
}

/* end points into the buffer, just past what was written. */
static inline void
out_done(struct output *o, const char *end)
{
	o->len = (size_t)(end - o->buf);
}

/*
 * The put_ writers write at d, which has room for what they write, and
 * return the end of what they wrote.
 */

static inline char *
put_bytes(char *d, const char *s, size_t n)
{
	memcpy(d, s, n);
	return d + n;
}

/* For literals: inlined, strlen() and memcpy() become a few moves. */
static inline char *
put_str(char *d, const char *s)
{
	return put_bytes(d, s, strlen(s));
}

/* At most OUTPUT_ULONG_ROOM bytes. */
static inline char *
put_ulong(char *d, unsigned long v)
{
	char tmp[OUTPUT_ULONG_ROOM];
	size_t i = sizeof(tmp);

	do {
		tmp[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0);
	return put_bytes(d, tmp + i, sizeof(tmp) - i);
}

/* Text for a terminal: control bytes as \xNN.  At most 4n bytes. */
char *put_text(char *d, const char *s, size_t n);

/*
 * The body of a JSON string for the n bytes at s: quotes and
 * backslashes escaped, control bytes as \n \r \t \b \f or \u00XX,
 * each ill-formed UTF-8 subpart as U+FFFD, so that the output is always
 * valid UTF-8.  At most 6n bytes.
 */
char *put_json(char *d, const char *s, size_t n);

/*
 * Text for an HTML page, between tags or inside an attribute's quotes:
 * & < > " and ' as character references; control bytes, C1 controls
 * and bidirectional overrides shown as put_text() shows them (\xNN,
 * \uNNNN); each ill-formed UTF-8 subpart, and each noncharacter
 * (U+FDD0 to U+FDEF, U+nFFFE, U+nFFFF), as U+FFFD; so that the text is
 * always valid UTF-8 that neither HTML nor XML reads as markup (the
 * junit report writes its XML with it too).  At most 6n bytes.
 */
char *put_html(char *d, const char *s, size_t n);

/*
 * The out_ writers append one piece to the buffer; each asks for its
 * own room.
 */

void out_bytes(struct output *o, const char *s, size_t n);

static inline void
out_byte(struct output *o, char c)
{
	out_bytes(o, &c, 1);
}

static inline void
out_str(struct output *o, const char *s)
{
	out_bytes(o, s, strlen(s));
}

void out_ulong(struct output *o, unsigned long v);

void out_spaces(struct output *o, size_t n);

/* put_text() as a piece. */
void out_text(struct output *o, const char *s, size_t n);

/* A JSON string, quotes included (see put_json()), as a piece. */
void out_json(struct output *o, const char *s, size_t n);

/* put_html() as a piece. */
void out_html(struct output *o, const char *s, size_t n);

#endif
