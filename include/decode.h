/*
 * decode.h - the bytes of an input as UTF-8, for the CSV source.
 *
 * A decoder reads its input into one fixed buffer (DECODE_BUFSIZE bytes)
 * and hands it on as UTF-8: a UTF-8 byte order mark at the start is
 * dropped (and wins over a given encoding: the file says what it is), a
 * UTF-16 mark switches to UTF-16 of that byte order, and a named
 * encoding is converted with iconv.  Bytes that the encoding cannot
 * decode, and a sequence cut short by the end of the input, become
 * U+FFFD.  Without conversion the bytes are passed on exactly as read.
 *
 * The struct is the caller's storage, so that the CSV source can read
 * buf[pos, end) directly; the fields after "private" are the decoder's.
 */
#ifndef CIVPOL_DECODE_H
#define CIVPOL_DECODE_H

#include <iconv.h>
#include <stddef.h>

#include "error.h"
#include "input.h"

#define DECODE_BUFSIZE ((size_t)64 * 1024)
/* Free room that decode_more() needs to make progress: some characters. */
#define DECODE_ROOM 256

struct decoder {
	/* Decoded bytes not yet consumed: buf[pos, end). */
	size_t pos;
	size_t end;
	/* No more decoded bytes will come. */
	int eof;
	/*
	 * Sequences that had no character in the encoding and became U+FFFD,
	 * how many, and where the first one is in the decoded stream.
	 */
	unsigned long replaced;
	unsigned long long first_replaced;
	/* The encoding converted from, or NULL.  Static or borrowed. */
	const char *from;

	/* Private. */
	long long base; /* the decoded offset of buf[0] */
	struct input *in;
	int started; /* the byte order mark has been looked for */
	int raw_eof; /* the input has said end of file */
	int converting;
	iconv_t cd;
	size_t unit; /* bytes skipped over a sequence that cannot decode */
	char *rbuf; /* raw bytes not yet converted: rbuf[rpos, rend) */
	size_t rpos;
	size_t rend;
	char buf[DECODE_BUFSIZE];
};

/*
 * Sets d up over in and encoding (NULL or a UTF-8 name: no conversion).
 * Borrowed: in must outlive d.  Returns 0, or -1 with err filled (the
 * input's name, no line) when iconv does not know the encoding.  The
 * caller releases d with decode_release().
 */
int decode_init(struct decoder *d, struct input *in, const char *encoding,
    struct error *err);

/* Frees what d holds; d itself is the caller's. */
void decode_release(struct decoder *d);

/*
 * Moves the unconsumed bytes to the front of buf and appends more,
 * reading the input only when nothing is left to convert.  Returns 1
 * when bytes were added, 0 at the end of the input (d->eof is then set),
 * -1 on failure with err filled (the input's name, no line).  Needs
 * DECODE_ROOM free bytes after the move.
 */
int decode_more(struct decoder *d, struct error *err);

#endif
