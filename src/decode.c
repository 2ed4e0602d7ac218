/*
 * decode.c - the bytes of an input as UTF-8; see decode.h.
 *
 * Without conversion the input is read straight into buf.  With it, raw
 * bytes go through a second buffer of the same size and iconv writes
 * into buf.  iconv is never given more input than its room surely holds
 * once decoded, so that it never stops for room: glibc's converters,
 * stopped in the middle of a character that decodes to two (a JIS X
 * 0213 kana with a semi-voiced mark), give its second half again on
 * every later call, for ever.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "decode.h"

/* The most UTF-8 bytes that one input byte may decode to (TSCII: 12). */
#define DECODE_GROWTH 16

/* Fills err with what failed and errno's reason; returns -1. */
static int
fail(const struct decoder *d, struct error *err, const char *what, int errnum)
{
	char reason[128];

	if (errnum == 0)
		return error_set(err, d->in->name, 0, "%s", what);
	return error_set(err, d->in->name, 0, "%s: %s", what,
	    error_errno(errnum, reason, sizeof(reason)));
}

/* Nonzero when the encoding name means UTF-8, which needs no conversion. */
static int
is_utf8_name(const char *name)
{
	return (ascii_prefix_fold(name, "utf-8") && name[5] == '\0') ||
	    (ascii_prefix_fold(name, "utf8") && name[4] == '\0');
}

/*
 * The size of one code unit of the named encoding: what is skipped when
 * a sequence cannot be decoded.
 */
static size_t
encoding_unit(const char *name)
{
	static const char *const two[] = { "utf-16", "utf16", "ucs-2", "ucs2" };
	static const char *const four[] = { "utf-32", "utf32", "ucs-4",
		"ucs4" };
	size_t i;

	for (i = 0; i < sizeof(two) / sizeof(two[0]); i++)
		if (ascii_prefix_fold(name, two[i]))
			return 2;
	for (i = 0; i < sizeof(four) / sizeof(four[0]); i++)
		if (ascii_prefix_fold(name, four[i]))
			return 4;
	return 1;
}

/* Opens a conversion from the named encoding; 0, or -1 with errno set. */
static int
open_converter(struct decoder *d, const char *from)
{
	iconv_t cd = iconv_open("UTF-8", from);

	/* (iconv_t)-1 is how iconv_open() says it failed. */
	if (cd == (iconv_t)-1) /* NOLINT(performance-no-int-to-ptr) */
		return -1;
	d->cd = cd;
	d->converting = 1;
	return 0;
}

static void
close_converter(struct decoder *d)
{
	if (d->converting)
		(void)iconv_close(d->cd);
	d->converting = 0;
}

int
decode_init(struct decoder *d, struct input *in, const char *encoding,
    struct error *err)
{
	char quoted[ERROR_QUOTE_BUF];

	d->pos = 0;
	d->end = 0;
	d->eof = 0;
	d->in = in;
	d->started = 0;
	d->raw_eof = 0;
	d->converting = 0;
	d->unit = 1;
	d->rbuf = NULL;
	d->rpos = 0;
	d->rend = 0;
	d->replaced = 0;
	d->first_replaced = 0;
	d->from = NULL;
	d->base = 0;
	if (encoding == NULL || is_utf8_name(encoding))
		return 0;
	d->from = encoding;
	/* iconv would take "" for the locale's encoding: not a name. */
	if (encoding[0] == '\0' || open_converter(d, encoding) < 0)
		return error_set(err, in->name, 0, "unknown encoding %s",
		    error_quote(
		        quoted, sizeof(quoted), encoding, strlen(encoding)));
	d->unit = encoding_unit(encoding);
	return 0;
}

void
decode_release(struct decoder *d)
{
	close_converter(d);
	free(d->rbuf);
	d->rbuf = NULL;
}

/* Reads at most room bytes into buf; notes the end of the input. */
static ssize_t
raw_read(struct decoder *d, char *buf, size_t room)
{
	ssize_t n = input_read(d->in, buf, room);

	if (n == 0)
		d->raw_eof = 1;
	return n;
}

/* The byte order marks, longest first where one begins another. */
static const struct {
	const char *bytes;
	size_t len;
	const char *encoding; /* NULL: UTF-8, the mark is only dropped */
	size_t unit;
} marks[] = {
	{ "\xef\xbb\xbf", 3, NULL, 1 },
	{ "\xff\xfe\0\0", 4, "UTF-32LE", 4 },
	{ "\0\0\xfe\xff", 4, "UTF-32BE", 4 },
	{ "\xff\xfe", 2, "UTF-16LE", 2 },
	{ "\xfe\xff", 2, "UTF-16BE", 2 },
};
#define NMARKS (sizeof(marks) / sizeof(marks[0]))

/*
 * Nonzero while the n bytes at b may still grow into a longer mark than
 * they hold: some mark begins with them and is longer.
 */
static int
bom_prefix(const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < NMARKS; i++)
		if (marks[i].len > n && memcmp(marks[i].bytes, b, n) == 0)
			return 1;
	return 0;
}

/*
 * Looks for a byte order mark before anything else is read, reading
 * only while the bytes so far could still be one, so that a pipe is
 * never waited on for bytes a record does not need.  Returns 0, or -1.
 */
static int
start(struct decoder *d, struct error *err)
{
	const char *from = NULL;
	size_t skip = 0, i;
	ssize_t n;

	d->started = 1;
	while (bom_prefix(d->buf, d->end)) {
		n = raw_read(d, d->buf + d->end, DECODE_BUFSIZE - d->end);
		if (n < 0)
			return fail(d, err, "cannot read", errno);
		if (n == 0)
			break;
		d->end += (size_t)n;
	}
	for (i = 0; i < NMARKS; i++) {
		if (d->end < marks[i].len ||
		    memcmp(d->buf, marks[i].bytes, marks[i].len) != 0)
			continue;
		/* The file says what it is, whatever was named. */
		close_converter(d);
		skip = marks[i].len;
		from = marks[i].encoding;
		d->unit = marks[i].unit;
		break;
	}
	if (from != NULL && open_converter(d, from) < 0)
		return fail(d, err, "cannot convert from Unicode", errno);
	if (skip > 0)
		d->from = from;
	if (!d->converting) {
		/* The mark is not part of the text: offsets count after it. */
		d->pos = skip;
		d->base = -(long long)skip;
		return 0;
	}
	d->rbuf = malloc(DECODE_BUFSIZE);
	if (d->rbuf == NULL)
		return fail(d, err, "out of memory", 0);
	memcpy(d->rbuf, d->buf + skip, d->end - skip);
	d->rpos = 0;
	d->rend = d->end - skip;
	d->pos = d->end = 0;
	return 0;
}

/* Appends U+FFFD, the replacement character, at buf[end], and counts it. */
static void
put_replacement(struct decoder *d)
{
	if (d->replaced++ == 0)
		d->first_replaced =
		    (unsigned long long)(d->base + (long long)d->end);
	memcpy(d->buf + d->end, "\xef\xbf\xbd", 3);
	d->end += 3;
}

/*
 * Converts raw bytes into buf[end...], reading more raw bytes only when
 * nothing could be converted (so that what is there is handed on
 * without waiting).  Returns the count of bytes added, 0 at the end, -1
 * on failure.
 */
static ssize_t
convert(struct decoder *d, struct error *err)
{
	size_t start_end = d->end;

	for (;;) {
		char *in = d->rbuf + d->rpos;
		char *out = d->buf + d->end;
		size_t outleft = DECODE_BUFSIZE - d->end;
		size_t take = outleft / DECODE_GROWTH;
		size_t before = d->rpos, inleft, k;
		ssize_t n;
		int e = 0;

		if (take > d->rend - d->rpos)
			take = d->rend - d->rpos;
		if (take > 0) {
			inleft = take;
			k = iconv(d->cd, &in, &inleft, &out, &outleft);
			if (k == (size_t)-1)
				e = errno;
			d->rpos += take - inleft;
			d->end = DECODE_BUFSIZE - outleft;
			if (e == EILSEQ && outleft >= 3) {
				put_replacement(d);
				k = d->rend - d->rpos;
				d->rpos += d->unit < k ? d->unit : k;
				continue;
			}
			if (e != 0 && e != EILSEQ && e != E2BIG && e != EINVAL)
				return fail(d, err, "cannot convert", e);
		}
		if (DECODE_BUFSIZE - d->end < DECODE_ROOM)
			break;
		/* Input was taken: there may be more to convert. */
		if (d->rpos > before)
			continue;
		if (d->end > start_end)
			break;
		/* Nothing converted: what is left is a partial sequence. */
		if (d->raw_eof) {
			if (d->rpos == d->rend)
				break;
			put_replacement(d);
			d->rpos = d->rend;
			continue;
		}
		if (d->rpos > 0) {
			memmove(d->rbuf, d->rbuf + d->rpos, d->rend - d->rpos);
			d->rend -= d->rpos;
			d->rpos = 0;
		}
		n = raw_read(d, d->rbuf + d->rend, DECODE_BUFSIZE - d->rend);
		if (n < 0)
			return fail(d, err, "cannot read", errno);
		d->rend += (size_t)n;
	}
	return (ssize_t)(d->end - start_end);
}

int
decode_more(struct decoder *d, struct error *err)
{
	ssize_t n;

	if (!d->started) {
		if (start(d, err) < 0)
			return -1;
		if (d->end > d->pos)
			return 1;
	}
	if (d->eof)
		return 0;
	if (d->pos > 0) {
		memmove(d->buf, d->buf + d->pos, d->end - d->pos);
		d->end -= d->pos;
		d->base += (long long)d->pos;
		d->pos = 0;
	}
	if (d->converting)
		n = convert(d, err);
	else if (d->raw_eof)
		n = 0;
	else {
		n = raw_read(d, d->buf + d->end, DECODE_BUFSIZE - d->end);
		if (n < 0)
			return fail(d, err, "cannot read", errno);
		d->end += (size_t)n;
	}
	if (n < 0)
		return -1;
	if (n == 0) {
		d->eof = 1;
		return 0;
	}
	return 1;
}
