/*
 * reader.c - CSV bytes in, records out, one at a time; see reader.h.
 *
 * Bytes come from a file descriptor (read(2), never stdio, so that a pipe
 * feeding one record at a time gets each record handed on at once) or
 * from memory, and go through at most two fixed buffers: the raw bytes,
 * only when iconv must convert them to UTF-8, and the decoded bytes.  The
 * decoded bytes are cut into physical lines here (LF, CRLF and CR all end
 * a line), and libcsv gets one line, or the part of one that is buffered,
 * per csv_parse() call: so the line of every byte is known, a parse error
 * maps to its line, and a record is complete exactly when a call that fed
 * its last line returns.  The one exception is a run of buffered lines
 * that cannot go wrong (whole, unquoted, LF-ended, none blank: see
 * batch()), which libcsv gets in one call, its records then handed on one
 * by one.  libcsv's field callback copies each field into an arena owned
 * by the reader and points a struct field at the copy, or, for a field
 * of an unquoted line, points it into the line itself; the arena and the
 * field index grow (before a call, never in a callback) to what the
 * largest record needs and stay, so that a record in steady state costs
 * no allocation.
 * Offsets count bytes of the decoded stream, after any byte order mark:
 * the mark is not part of the text, so the first record of a file that
 * starts with one is at offset 0.  This is the only file that includes
 * <csv.h>.
 */
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <csv.h>

#include "error.h"
#include "reader.h"

enum {
	/* libcsv's field buffer grows by this much at a time. */
	READER_CSV_BLOCK = 4096,
	/* The first sizes of the record arena and of the field index. */
	READER_ARENA_START = 4096,
	READER_FIELDS_START = 64,
	/* Free room the decoder needs to make progress: some characters. */
	READER_DECODE_ROOM = 256,
	/* The most UTF-8 bytes that one input byte may decode to (TSCII: 12). */
	READER_DECODE_GROWTH = 16,
	/*
	 * How far a look at the start of a line goes (blank or not, which
	 * delimiter): what the buffer surely holds, whatever the read size,
	 * so that the answer never depends on how the input was cut.
	 */
	READER_LOOKAHEAD = READER_BUFSIZE - READER_DECODE_ROOM,
	/* The size of each buffer, as a plain constant. */
	READER_CAP = READER_BUFSIZE,
	/* The most records read by one csv_parse() call (see batch()). */
	READER_BATCH = 128
};

/* Why the record being read is bad, if it is. */
enum rec_error {
	REC_OK = 0,
	REC_STRAY_QUOTE,
	REC_AFTER_QUOTE,
	REC_UNTERMINATED,
	REC_FIELD_LONG,
	REC_RECORD_LONG
};

enum reader_state {
	READER_STATE_READING = 0,
	READER_STATE_DONE,
	READER_STATE_FAILED
};

/* A byte's position in the decoded buffer, looked for once. */
struct next_byte {
	size_t at; /* its index, or dend; valid when known */
	int known;
};

struct reader {
	/* Borrowed from the caller of reader_open(). */
	const char *name;

	/* The source: fd, or mem when fd is -1. */
	int fd;
	int own_fd;
	const unsigned char *mem;
	size_t mem_len;
	size_t mem_pos;
	size_t read_size;
	/* The source has said end of file; it is not asked again. */
	int raw_eof;

	/* Conversion to UTF-8, when converting. */
	int converting;
	iconv_t cd;
	/* Bytes skipped over a sequence the encoding cannot decode. */
	size_t unit;
	/* Raw bytes not yet converted: rbuf[rpos, rend). */
	char *rbuf;
	size_t rpos;
	size_t rend;
	/* The byte order mark has been looked for. */
	int sniffed;

	/* Decoded bytes not yet consumed: dbuf[dpos, dend). */
	size_t dpos;
	size_t dend;
	/* Where the next '\r' and the next '"' are (see next_byte()). */
	struct next_byte cr;
	struct next_byte quote;
	/* No more decoded bytes will come. */
	int eof;
	/* Line and decoded offset of dbuf[dpos]. */
	unsigned long line;
	unsigned long long off;
	/* The last line consumed ended with '\r': a '\n' next belongs to it. */
	int after_cr;
	/* Dropping the rest of a line after an error. */
	int skip_line;
	/* libcsv holds part of a record. */
	int in_record;

	/* The parser and the limits. */
	struct csv_parser csv;
	int delim;
	int delim_known;
	size_t max_field;
	size_t max_record;
	/* Give up on a field still being read after this many raw bytes. */
	size_t guard;
	/* Raw bytes fed since a field or record ended (an upper bound). */
	size_t fed;
	/* Line of the bytes being fed; line the field being read starts on. */
	unsigned long seg_line;
	unsigned long field_line;

	/*
	 * The record being read: its fields are arena bytes, in order, or,
	 * for a record read whole from one unquoted line (viewing is set),
	 * views of that line in dbuf: view is where the next field starts,
	 * and the line is span_len bytes at span.
	 */
	unsigned long rec_line;
	unsigned long long rec_off;
	int viewing;
	const char *view;
	/* Where on_field_view() puts the next field. */
	struct field *vnext;
	const char *span;
	size_t span_len;
	char *arena;
	size_t used;
	size_t arena_cap;
	/* What the record limit leaves: 0 once the record went wrong. */
	size_t room;
	struct field *fields;
	size_t nfields;
	size_t fields_cap;
	/* The record handed on is fields[first, nfields): see batch(). */
	size_t first;
	int rec_done;
	enum rec_error rerr;
	unsigned long rerr_line;

	/*
	 * The records read in one batch (see batch()): record k has the
	 * fields from batch_end[k - 1] (0 for the first) up to batch_end[k]
	 * and starts on line batch_line + k; the batch's bytes start at
	 * batch_base in dbuf, at decoded offset batch_off.  batch_next is the
	 * next one to hand on; the batch is done when it reaches batch_n.
	 */
	size_t batch_end[READER_BATCH];
	size_t batch_n;
	size_t batch_next;
	unsigned long batch_line;
	unsigned long long batch_off;
	const char *batch_base;

	unsigned long long nrecords;
	size_t header_fields;
	int bad_utf8;
	enum reader_state state;
	/* What went wrong, once state is READER_STATE_FAILED. */
	struct error fail;

	char dbuf[READER_CAP];
};

/* ASCII only, whatever the locale. */
static int
ascii_lower(int c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 'a';
	return c;
}

/*
 * Nonzero when s starts with prefix, ignoring ASCII case.  Borrowed: both
 * strings, for the call.
 */
static int
ascii_prefix(const char *s, const char *prefix)
{
	size_t i;

	for (i = 0; prefix[i] != '\0'; i++)
		if (ascii_lower((unsigned char)s[i]) != prefix[i])
			return 0;
	return 1;
}

/*
 * Nonzero when the encoding name means UTF-8, which needs no conversion.
 * Borrowed: name, for the call.
 */
static int
is_utf8_name(const char *name)
{
	return (ascii_prefix(name, "utf-8") && name[5] == '\0') ||
	    (ascii_prefix(name, "utf8") && name[4] == '\0');
}

/*
 * The size of one code unit of the named encoding: what is skipped when
 * a sequence cannot be decoded.  Borrowed: name, for the call.
 */
static size_t
encoding_unit(const char *name)
{
	static const char *const two[] = { "utf-16", "utf16", "ucs-2", "ucs2" };
	static const char *const four[] = { "utf-32", "utf32", "ucs-4",
		"ucs4" };
	size_t i;

	for (i = 0; i < sizeof(two) / sizeof(two[0]); i++)
		if (ascii_prefix(name, two[i]))
			return 2;
	for (i = 0; i < sizeof(four) / sizeof(four[0]); i++)
		if (ascii_prefix(name, four[i]))
			return 4;
	return 1;
}

/*
 * Writes the reason for errnum into buf (size bytes), its first letter
 * lower-cased as messages want.  Borrowed: buf, for the call.
 */
static void
errno_text(int errnum, char *buf, size_t size)
{
	if (strerror_r(errnum, buf, size) != 0)
		(void)snprintf(buf, size, "error %d", errnum);
	if (buf[0] >= 'A' && buf[0] <= 'Z' && buf[1] >= 'a' && buf[1] <= 'z')
		buf[0] = (char)ascii_lower(buf[0]);
}

/*
 * Records that reading cannot go on: what failed, and errno's reason
 * when errnum is not 0.  Every later reader_next() says the same.
 * Borrowed: r and what, for the call.
 */
static void
set_failed(struct reader *r, const char *what, int errnum)
{
	char reason[128];

	if (errnum != 0) {
		errno_text(errnum, reason, sizeof(reason));
		(void)error_set(
		    &r->fail, r->name, r->line, "%s: %s", what, reason);
	} else
		(void)error_set(&r->fail, r->name, r->line, "%s", what);
	r->state = READER_STATE_FAILED;
}

/* Copies the failure into err.  Borrowed: r and err, for the call. */
static enum reader_status
failed(const struct reader *r, struct error *err)
{
	if (err != NULL)
		*err = r->fail;
	return READER_FAIL;
}

/* libcsv is told that no byte is a space, so it trims nothing. */
static int
no_space(unsigned char c)
{
	(void)c;
	return 0;
}

/*
 * Sets up libcsv afresh: at open, and after an error, when its state
 * must be dropped (csv_fini() would hand on the half-read record).
 * Borrowed: r, for the call.
 */
static void
parser_reset(struct reader *r, int first)
{
	if (!first)
		csv_free(&r->csv);
	/* csv_init() fails only for a NULL parser. */
	(void)csv_init(&r->csv, CSV_STRICT | CSV_STRICT_FINI);
	csv_set_delim(&r->csv, (unsigned char)r->delim);
	csv_set_space_func(&r->csv, no_space);
	csv_set_blk_size(&r->csv, READER_CSV_BLOCK);
}

/*
 * Asks the source for at most room bytes into buf.  Returns the count, 0
 * at end of file, -1 with errno set.  Borrowed: r and buf, for the call.
 */
static ssize_t
source_read(struct reader *r, char *buf, size_t room)
{
	size_t want = room < r->read_size ? room : r->read_size;
	ssize_t n;

	if (r->fd < 0) {
		size_t left = r->mem_len - r->mem_pos;

		if (want > left)
			want = left;
		if (want > 0)
			memcpy(buf, r->mem + r->mem_pos, want);
		r->mem_pos += want;
		return (ssize_t)want;
	}
	do
		n = read(r->fd, buf, want);
	while (n < 0 && errno == EINTR);
	return n;
}

/*
 * Opens a conversion from the named encoding to UTF-8 into r->cd.
 * Returns 0, or -1 with errno set.  Borrowed: r and from, for the call.
 */
static int
open_converter(struct reader *r, const char *from)
{
	iconv_t cd = iconv_open("UTF-8", from);

	/* (iconv_t)-1 is how iconv_open() says it failed. */
	if (cd == (iconv_t)-1) /* NOLINT(performance-no-int-to-ptr) */
		return -1;
	r->cd = cd;
	r->converting = 1;
	return 0;
}

/* Closes r->cd, if open.  Borrowed: r, for the call. */
static void
close_converter(struct reader *r)
{
	if (r->converting)
		(void)iconv_close(r->cd);
	r->converting = 0;
}

/* Appends U+FFFD, the replacement character, at dbuf[dend]. */
static void
put_replacement(struct reader *r)
{
	r->dbuf[r->dend++] = (char)0xef;
	r->dbuf[r->dend++] = (char)0xbf;
	r->dbuf[r->dend++] = (char)0xbd;
}

/*
 * Converts raw bytes into dbuf[dend...], reading more raw bytes only when
 * nothing could be converted (so that what is there is handed on without
 * waiting).  Bytes the encoding cannot decode, and a sequence cut short
 * by the end of the input, become U+FFFD.  iconv is never given more
 * input than its room surely holds once decoded, so that it never stops
 * for room: glibc's converters, stopped in the middle of a character
 * that decodes to two (a JIS X 0213 kana with a semi-voiced mark), give
 * its second half again on every later call, for ever.  Needs
 * READER_DECODE_ROOM free bytes.  Returns the count of bytes added, 0 at
 * the end, -1 on failure.  Borrowed: r, for the call.
 */
static ssize_t
decode(struct reader *r)
{
	size_t start = r->dend;

	for (;;) {
		char *in = r->rbuf + r->rpos;
		char *out = r->dbuf + r->dend;
		size_t outleft = READER_CAP - r->dend;
		size_t take = outleft / READER_DECODE_GROWTH;
		size_t before = r->rpos, inleft, k;
		ssize_t n;
		int e = 0;

		if (take > r->rend - r->rpos)
			take = r->rend - r->rpos;
		if (take > 0) {
			inleft = take;
			k = iconv(r->cd, &in, &inleft, &out, &outleft);
			if (k == (size_t)-1)
				e = errno;
			r->rpos += take - inleft;
			r->dend = READER_CAP - outleft;
			if (e == EILSEQ && outleft >= 3) {
				put_replacement(r);
				k = r->rend - r->rpos;
				r->rpos += r->unit < k ? r->unit : k;
				continue;
			}
			if (e != 0 && e != EILSEQ && e != E2BIG &&
			    e != EINVAL) {
				set_failed(r, "cannot convert", e);
				return -1;
			}
		}
		if (READER_CAP - r->dend < READER_DECODE_ROOM)
			break;
		/* Input was taken: there may be more to convert. */
		if (r->rpos > before)
			continue;
		if (r->dend > start)
			break;
		/* Nothing converted: what is left is a partial sequence. */
		if (r->raw_eof) {
			if (r->rpos == r->rend)
				break;
			put_replacement(r);
			r->rpos = r->rend;
			continue;
		}
		if (r->rpos > 0) {
			memmove(r->rbuf, r->rbuf + r->rpos, r->rend - r->rpos);
			r->rend -= r->rpos;
			r->rpos = 0;
		}
		n = source_read(r, r->rbuf + r->rend, READER_CAP - r->rend);
		if (n < 0) {
			set_failed(r, "cannot read", errno);
			return -1;
		}
		if (n == 0)
			r->raw_eof = 1;
		r->rend += (size_t)n;
	}
	return (ssize_t)(r->dend - start);
}

/*
 * Moves the unconsumed bytes to the front of dbuf and appends more.
 * Returns 1 when bytes were added, 0 at the end of the input (r->eof is
 * then set), -1 on failure.  Needs READER_DECODE_ROOM free bytes after the
 * move.  Borrowed: r, for the call.
 */
static int
more(struct reader *r)
{
	ssize_t n;

	if (r->eof)
		return 0;
	if (r->dpos > 0) {
		memmove(r->dbuf, r->dbuf + r->dpos, r->dend - r->dpos);
		r->dend -= r->dpos;
		r->dpos = 0;
	}
	r->cr.known = 0;
	r->quote.known = 0;
	if (r->converting)
		n = decode(r);
	else if (r->raw_eof)
		n = 0;
	else {
		n = source_read(r, r->dbuf + r->dend, READER_CAP - r->dend);
		if (n < 0) {
			set_failed(r, "cannot read", errno);
			return -1;
		}
		if (n == 0)
			r->raw_eof = 1;
		r->dend += (size_t)n;
	}
	if (n < 0)
		return -1;
	if (n == 0) {
		r->eof = 1;
		return 0;
	}
	return 1;
}

/* Nonzero while the n bytes at b may still grow into a byte order mark. */
static int
bom_prefix(const unsigned char *b, size_t n)
{
	if (n == 0)
		return 1;
	if (n == 1)
		return b[0] == 0xef || b[0] == 0xff || b[0] == 0xfe;
	return n == 2 && b[0] == 0xef && b[1] == 0xbb;
}

/*
 * Looks for a byte order mark before anything else is read: a UTF-8 one
 * is dropped (and wins over opt->encoding: the file says what it is), a
 * UTF-16 one switches to UTF-16 of that byte order.  Reads only while the
 * bytes so far could still be a mark, so a pipe is never waited on for
 * bytes a record does not need.  Returns 0, or -1 on failure.
 * Borrowed: r, for the call.
 */
static int
sniff(struct reader *r)
{
	const unsigned char *b = (const unsigned char *)r->dbuf;
	const char *utf16 = NULL;
	size_t skip = 0;
	ssize_t n;

	r->sniffed = 1;
	while (bom_prefix(b, r->dend)) {
		n = source_read(r, r->dbuf + r->dend, READER_CAP - r->dend);
		if (n < 0) {
			set_failed(r, "cannot read", errno);
			return -1;
		}
		if (n == 0) {
			r->raw_eof = 1;
			break;
		}
		r->dend += (size_t)n;
	}
	if (r->dend >= 3 && b[0] == 0xef && b[1] == 0xbb && b[2] == 0xbf)
		skip = 3;
	else if (r->dend >= 2 && b[0] == 0xff && b[1] == 0xfe)
		utf16 = "UTF-16LE";
	else if (r->dend >= 2 && b[0] == 0xfe && b[1] == 0xff)
		utf16 = "UTF-16BE";
	if (skip > 0 || utf16 != NULL)
		close_converter(r);
	if (utf16 != NULL) {
		skip = 2;
		r->unit = 2;
		if (open_converter(r, utf16) < 0) {
			set_failed(r, "cannot convert from UTF-16", errno);
			return -1;
		}
	}
	if (!r->converting) {
		r->dpos = skip;
		return 0;
	}
	r->rbuf = malloc(READER_CAP);
	if (r->rbuf == NULL) {
		set_failed(r, "out of memory", 0);
		return -1;
	}
	memcpy(r->rbuf, r->dbuf + skip, r->dend - skip);
	r->rpos = 0;
	r->rend = r->dend - skip;
	r->dpos = r->dend = 0;
	return 0;
}

/*
 * The index of the next byte c at or after dpos, or dend.  It is looked
 * for once and remembered in *nb until dpos passes it, so that a buffer
 * with few such bytes (a '\r' in an LF file, a '"' in a file of plain
 * values) is searched about once.  Borrowed: r and nb, for the call.
 */
static size_t
next_byte(struct reader *r, struct next_byte *nb, char c)
{
	const char *p;

	if (!nb->known || nb->at < r->dpos) {
		p = memchr(r->dbuf + r->dpos, c, r->dend - r->dpos);
		nb->at = p != NULL ? (size_t)(p - r->dbuf) : r->dend;
		nb->known = 1;
	}
	return nb->at;
}

/* The index of the next '\r' at or after dpos, or dend. */
static size_t
next_cr(struct reader *r)
{
	return next_byte(r, &r->cr, '\r');
}

/*
 * The length of the segment that starts at dbuf[dpos]: the rest of the
 * physical line with its terminator (LF, CRLF or CR), or what is buffered
 * of it.  *term is set to 1 when the terminator is included.  Borrowed:
 * r and term, for the call.
 */
static size_t
segment(struct reader *r, int *term)
{
	const char *p = r->dbuf + r->dpos;
	size_t n = r->dend - r->dpos;
	const char *nl;
	size_t lim;

	lim = next_cr(r) - r->dpos;
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

/*
 * Moves past len bytes, of which the last ends the line when term is set.
 * Borrowed: r, for the call.
 */
static void
consume(struct reader *r, size_t len, int term)
{
	r->dpos += len;
	r->off += len;
	if (term) {
		r->line++;
		r->after_cr = r->dbuf[r->dpos - 1] == '\r';
	}
}

/*
 * At the start of a line, with no record in progress: consumes the line
 * and returns 1 when it is blank (nothing but spaces and tabs before its
 * end), returns 0 when it is not, -1 on failure.  A line that starts with
 * READER_LOOKAHEAD spaces and tabs is taken as not blank (a record of one
 * field), so that memory stays bounded.  Borrowed: r, for the call.
 */
static int
skip_blank(struct reader *r)
{
	size_t i = 0, len;
	int term, rc;

	for (;;) {
		const char *p = r->dbuf + r->dpos;
		size_t n = r->dend - r->dpos;

		while (i < n && i < READER_LOOKAHEAD &&
		    (p[i] == ' ' || p[i] == '\t'))
			i++;
		if (i == READER_LOOKAHEAD)
			return 0;
		if (i < n) {
			if (p[i] != '\n' && p[i] != '\r')
				return 0;
			len = segment(r, &term);
			consume(r, len, term);
			return 1;
		}
		if (r->eof) {
			consume(r, n, 0);
			return 1;
		}
		rc = more(r);
		if (rc < 0)
			return -1;
	}
}

/*
 * Chooses the delimiter from the header line (its first READER_LOOKAHEAD
 * bytes at most): ',' if it holds a comma outside quotes; else ';' or,
 * failing that, a tab, outside quotes likewise; else ','.  Returns 0, or
 * -1 on failure.  Borrowed: r, for the call.
 */
static int
detect_delimiter(struct reader *r)
{
	size_t i = 0, n = 0;
	int inq = 0, comma = 0, semi = 0, tab = 0;
	const char *p;

	for (;;) {
		p = r->dbuf + r->dpos;
		n = r->dend - r->dpos;
		while (i < n && i < READER_LOOKAHEAD && p[i] != '\n' &&
		    p[i] != '\r')
			i++;
		if (i < n || i == READER_LOOKAHEAD || r->eof)
			break;
		if (more(r) < 0)
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
	r->delim = comma ? ',' : semi ? ';' : tab ? '\t' : ',';
	r->delim_known = 1;
	csv_set_delim(&r->csv, (unsigned char)r->delim);
	return 0;
}

/*
 * Grows the arena to at least need bytes and the field index to at least
 * nfields entries, each by doubling, and never past what the record limit
 * lets a record use.  Returns 0, or -1 when out of memory.  Borrowed: r,
 * for the call.
 */
static int
reserve(struct reader *r, size_t need, size_t nfields)
{
	size_t cap, i, most = r->max_record / sizeof(struct field) + 1;
	struct field *f;
	char *p;

	if (need > r->max_record)
		need = r->max_record;
	if (nfields > most)
		nfields = most;
	if (need > r->arena_cap) {
		cap = r->arena_cap * 2;
		if (cap < need)
			cap = need;
		if (cap > r->max_record)
			cap = r->max_record;
		p = realloc(r->arena, cap);
		if (p == NULL)
			return -1;
		r->arena = p;
		r->arena_cap = cap;
		/* The views of the fields read so far follow the bytes. */
		for (i = 0; i < r->nfields; i++) {
			r->fields[i].ptr = p;
			p += r->fields[i].len;
		}
	}
	if (nfields > r->fields_cap) {
		cap = r->fields_cap * 2;
		if (cap < nfields)
			cap = nfields;
		if (cap > most)
			cap = most;
		f = realloc(r->fields, cap * sizeof(*f));
		if (f == NULL)
			return -1;
		r->fields = f;
		r->fields_cap = cap;
	}
	return 0;
}

/*
 * Makes sure that whatever libcsv hands on while it is fed len more
 * bytes fits: the field it holds (at most r->fed bytes) and len bytes
 * more, in at most len + 1 fields.  So the callbacks never allocate.
 * Returns 0, or -1 (the reader failed).  Borrowed: r, for the call.
 */
static int
reserve_for(struct reader *r, size_t len)
{
	if (r->used + r->fed + len <= r->arena_cap &&
	    r->nfields + len + 1 <= r->fields_cap)
		return 0;
	if (reserve(r, r->used + r->fed + len, r->nfields + len + 1) == 0)
		return 0;
	set_failed(r, "out of memory", 0);
	return -1;
}

/*
 * The slow side of on_field(): the field is over a limit, or the record
 * already went wrong (room is then 0).  Borrowed: r, for the call.
 */
static void
field_refused(struct reader *r, size_t len)
{
	if (r->rerr != REC_OK)
		return;
	r->rerr = len > r->max_field ? REC_FIELD_LONG : REC_RECORD_LONG;
	r->rerr_line = r->seg_line;
	r->room = 0;
}

/*
 * libcsv's field callback: copies the field into the arena (which
 * reserve_for() made big enough), unless the record already went wrong
 * or this field makes it so.  A field costs its bytes and its index entry
 * against the record limit.  Borrowed: s, for the call (libcsv reuses
 * it); data is the reader.
 */
static void
on_field(void *s, size_t len, void *data)
{
	struct reader *r = data;
	struct field *f;

	if (len > r->max_field || len + sizeof(struct field) > r->room) {
		field_refused(r, len);
		return;
	}
	r->room -= len + sizeof(struct field);
	f = &r->fields[r->nfields++];
	f->ptr = r->arena + r->used;
	f->len = len;
	r->used += len;
	if (len > 0)
		memcpy(r->arena + r->used - len, s, len);
}

/*
 * A record read as views is one line of at most READER_CAP bytes, no
 * longer than the field limit: no field of it can be over that limit,
 * and its bytes and index cannot reach the record limit (which is at
 * least 8 * READER_MAX_FIELD_DEFAULT), so on_field_view() checks
 * neither.
 */
_Static_assert((size_t)READER_CAP + 17 * ((size_t)READER_CAP + 1) <=
        8 * (size_t)READER_MAX_FIELD_DEFAULT,
    "a line read as views could reach the record limit");

/*
 * libcsv's field callback for a record read from one whole line that
 * holds no quote: libcsv hands on each field's bytes exactly as they
 * stand in the line (it trims nothing, and unquoted fields have no
 * escapes), one delimiter apart, so the field is a view of the line in
 * dbuf and nothing is copied.  feed() and batch() made sure that the
 * limits cannot be reached (see above) and that the field index has
 * room; they point vnext at the first free entry, and count the fields
 * when libcsv returns.  Borrowed: s, unused; data is the reader.
 */
static void
on_field_view(void *s, size_t len, void *data)
{
	struct reader *r = data;
	struct field *f = r->vnext++;

	(void)s;
	f->ptr = r->view;
	f->len = len;
	r->view += len + 1;
}

/* The index of the next '"' at or after dpos, or dend. */
static size_t
next_quote(struct reader *r)
{
	return next_byte(r, &r->quote, '"');
}

/*
 * Nonzero when the len bytes at dbuf[dpos] hold no '"' (see
 * next_quote()).  Borrowed: r, for the call.
 */
static int
no_quote(struct reader *r, size_t len)
{
	return next_quote(r) >= r->dpos + len;
}

/* libcsv's record callback.  Borrowed: data is the reader. */
static void
on_record(int c, void *data)
{
	struct reader *r = data;

	(void)c;
	r->rec_done = 1;
}

/*
 * Feeds libcsv the len bytes at dbuf[dpos] (one segment) and consumes
 * them.  A record that starts here and ends with this whole line (term
 * set) holding no quote is read as views of the line (on_field_view()):
 * the line stays in dbuf until the next reader_next() moves it.  A parse
 * error, or a field or record over its limit, drops libcsv's state and
 * the rest of the line.  Returns 1 when a record is complete (good or
 * bad), 0 when more must be fed, -1 on failure.  Borrowed: r, for the
 * call.
 */
static int
feed(struct reader *r, size_t len, int term)
{
	size_t n, before = r->nfields;

	if (reserve_for(r, len) < 0)
		return -1;
	r->seg_line = r->line;
	if (term && r->off == r->rec_off && len <= r->max_field &&
	    no_quote(r, len)) {
		r->viewing = 1;
		r->view = r->dbuf + r->dpos;
		r->span = r->view;
		r->span_len = len;
		r->vnext = r->fields + r->nfields;
		n = csv_parse(
		    &r->csv, r->view, len, on_field_view, on_record, r);
		r->nfields = (size_t)(r->vnext - r->fields);
	} else
		n = csv_parse(
		    &r->csv, r->dbuf + r->dpos, len, on_field, on_record, r);
	if (n < len) {
		if (csv_error(&r->csv) != CSV_EPARSE) {
			set_failed(r, "out of memory", 0);
			return -1;
		}
		if (r->rerr == REC_OK) {
			/* libcsv stops on the offending byte. */
			r->rerr = r->dbuf[r->dpos + n] == '"' ? REC_STRAY_QUOTE
			                                      : REC_AFTER_QUOTE;
			r->rerr_line = r->seg_line;
		}
	}
	consume(r, len, term);
	if (r->nfields != before || r->rec_done) {
		/* A field ended: the one being read starts on this line. */
		r->field_line = r->seg_line;
		r->fed = len;
	} else
		r->fed += len;
	if (r->fed > r->guard && r->rerr == REC_OK && !r->rec_done) {
		r->rerr = REC_FIELD_LONG;
		r->rerr_line = r->seg_line;
	}
	if (r->rerr != REC_OK) {
		parser_reset(r, 0);
		r->in_record = 0;
		r->skip_line = !term;
		return 1;
	}
	if (r->rec_done) {
		r->in_record = 0;
		return 1;
	}
	return 0;
}

/*
 * Nonzero when the n bytes at s are all ASCII: 32 at a time, then 8 at
 * a time, then the last 8 (again, in part), or byte by byte when there
 * are fewer than 8.
 */
static int
all_ascii(const unsigned char *s, size_t n)
{
	const uint64_t high = UINT64_C(0x8080808080808080);
	uint64_t a, b, c, d;
	size_t i;

	if (n < 8) {
		for (i = 0; i < n; i++)
			if (s[i] & 0x80)
				return 0;
		return 1;
	}
	for (i = 0; i + 32 <= n; i += 32) {
		memcpy(&a, s + i, 8);
		memcpy(&b, s + i + 8, 8);
		memcpy(&c, s + i + 16, 8);
		memcpy(&d, s + i + 24, 8);
		if (((a | b | c | d) & high) != 0)
			return 0;
	}
	for (; i + 8 <= n; i += 8) {
		memcpy(&a, s + i, 8);
		if ((a & high) != 0)
			return 0;
	}
	memcpy(&a, s + n - 8, 8);
	return (a & high) == 0;
}

/*
 * Nonzero when the n bytes at s are valid UTF-8: no overlong forms, no
 * surrogates, nothing over U+10FFFF, no sequence cut short.  Runs of
 * ASCII are passed over eight bytes at a time.
 */
static int
utf8_valid(const unsigned char *s, size_t n)
{
	const uint64_t high = UINT64_C(0x8080808080808080);
	size_t i = 0, k, len;
	unsigned char lo, hi;
	uint64_t w;

	while (i < n) {
		unsigned char c = s[i];

		lo = 0x80;
		hi = 0xbf;
		if (c < 0x80) {
			i++;
			while (n - i >= 8) {
				memcpy(&w, s + i, 8);
				if ((w & high) != 0)
					break;
				i += 8;
			}
			continue;
		} else if (c >= 0xc2 && c <= 0xdf)
			len = 2;
		else if (c >= 0xe0 && c <= 0xef) {
			len = 3;
			if (c == 0xe0)
				lo = 0xa0;
			else if (c == 0xed)
				hi = 0x9f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			len = 4;
			if (c == 0xf0)
				lo = 0x90;
			else if (c == 0xf4)
				hi = 0x8f;
		} else
			return 0;
		if (n - i < len || s[i + 1] < lo || s[i + 1] > hi)
			return 0;
		for (k = 2; k < len; k++)
			if (s[i + k] < 0x80 || s[i + k] > 0xbf)
				return 0;
		i += len;
	}
	return 1;
}

/*
 * Hands the record on: fills rec, checks the field count and the
 * encoding, and says what went wrong, if anything.  Borrowed: r, rec and
 * err, for the call; rec's fields are valid until the next reader_next()
 * or reader_free().
 */
static enum reader_status
finish(struct reader *r, struct record *rec, struct error *err)
{
	size_t i, nf = r->nfields - r->first;

	rec->file = r->name;
	rec->line = r->rec_line;
	rec->offset = r->rec_off;
	rec->is_header = r->nrecords == 0;
	rec->nfields = nf;
	rec->fields = r->fields + r->first;
	/* A bad header's fields, as read, are the count to match. */
	if (rec->is_header)
		r->header_fields = nf;
	r->nrecords++;
	/*
	 * Valid UTF-8 cut at ASCII bytes leaves valid pieces, and pieces
	 * joined by ASCII bytes are valid only when each is: so a record
	 * read as views, whose fields are its line less the delimiters and
	 * the line's end, is checked as that line, in one go.  Most lines
	 * are all ASCII, which is quicker to tell.
	 */
	if (!r->viewing) {
		r->span = r->arena;
		r->span_len = r->used;
	}
	if (!r->bad_utf8 &&
	    !all_ascii((const unsigned char *)r->span, r->span_len)) {
		if (r->viewing)
			r->bad_utf8 = !utf8_valid(
			    (const unsigned char *)r->span, r->span_len);
		else
			for (i = 0; i < nf && !r->bad_utf8; i++)
				r->bad_utf8 = !utf8_valid(
				    (const unsigned char *)rec->fields[i].ptr,
				    rec->fields[i].len);
	}
	switch (r->rerr) {
	case REC_OK:
		break;
	case REC_STRAY_QUOTE:
		(void)error_set(err, r->name, r->rerr_line,
		    "stray quote in unquoted field");
		return READER_BAD_RECORD;
	case REC_AFTER_QUOTE:
		(void)error_set(
		    err, r->name, r->rerr_line, "text after closing quote");
		return READER_BAD_RECORD;
	case REC_UNTERMINATED:
		(void)error_set(
		    err, r->name, r->rerr_line, "unterminated quoted field");
		return READER_BAD_RECORD;
	case REC_FIELD_LONG:
		(void)error_set(err, r->name, r->rerr_line,
		    "field longer than %zu bytes", r->max_field);
		return READER_BAD_RECORD;
	case REC_RECORD_LONG:
		(void)error_set(err, r->name, r->rerr_line,
		    "record longer than %zu bytes", r->max_record);
		return READER_BAD_RECORD;
	}
	if (!rec->is_header && nf != r->header_fields) {
		(void)error_set(err, r->name, r->rec_line,
		    "record has %zu field%s, header has %zu", nf,
		    nf == 1 ? "" : "s", r->header_fields);
		return READER_BAD_RECORD;
	}
	return READER_OK;
}

/* libcsv's record callback in a batch.  Borrowed: data is the reader. */
static void
on_record_batch(int c, void *data)
{
	struct reader *r = data;

	(void)c;
	if (r->batch_n < READER_BATCH)
		r->batch_end[r->batch_n] = (size_t)(r->vnext - r->fields);
	r->batch_n++;
}

/*
 * Reads, with one csv_parse() call, the run of whole lines that starts
 * at dbuf[dpos] (with no record in progress, on a line known not to be
 * blank) and that a record-at-a-time reading would read as views
 * (feed()): lines ended by LF alone, with no '"' and no '\r' in them,
 * and none blank.  A line that starts with a space, a tab or its LF, and
 * so may be blank, ends the run; so do the first CR or quote, the end of
 * what is buffered, and READER_BATCH lines.  Every such line is one
 * record, and libcsv hands on its fields exactly as on_field_view()
 * expects, one delimiter or LF apart; libcsv cannot fail on bytes
 * without a quote, but for want of memory.  The records are handed on
 * one by one (batch_record()) before anything more is read, so their
 * views stay valid; the lines, their line numbers and offsets come out
 * exactly as one line at a time would give them.  Returns the number of
 * records read (0 when the run is under two lines, left to feed()), or
 * -1 on failure.  Borrowed: r, for the call.
 */
static int
batch(struct reader *r)
{
	const char *p = r->dbuf + r->dpos;
	size_t lim = r->dend - r->dpos, end = 0, k = 0, n;
	const char *nl;

	/* Views are not checked against the field limit: see feed(). */
	if (r->max_field < READER_CAP)
		return 0;
	if (next_cr(r) - r->dpos < lim)
		lim = next_cr(r) - r->dpos;
	if (next_quote(r) - r->dpos < lim)
		lim = next_quote(r) - r->dpos;
	while (k < READER_BATCH && end < lim) {
		if (k > 0 &&
		    (p[end] == ' ' || p[end] == '\t' || p[end] == '\n'))
			break;
		nl = memchr(p + end, '\n', lim - end);
		if (nl == NULL)
			break;
		end = (size_t)(nl - p) + 1;
		k++;
	}
	if (k < 2)
		return 0;
	if (reserve_for(r, end) < 0)
		return -1;
	r->batch_n = 0;
	r->batch_next = 0;
	r->batch_line = r->line;
	r->batch_off = r->off;
	r->batch_base = p;
	r->view = p;
	r->vnext = r->fields;
	n = csv_parse(&r->csv, p, end, on_field_view, on_record_batch, r);
	if (n < end || r->batch_n != k) {
		set_failed(r, "out of memory", 0);
		return -1;
	}
	r->dpos += end;
	r->off += end;
	r->line += k;
	r->after_cr = 0;
	return (int)k;
}

/*
 * Hands on the next record of a batch (see batch()).  Borrowed: r, rec
 * and err, for the call; rec's fields are valid until the next
 * reader_next() or reader_free().
 */
static enum reader_status
batch_record(struct reader *r, struct record *rec, struct error *err)
{
	size_t k = r->batch_next++;
	const struct field *f, *last;

	r->first = k == 0 ? 0 : r->batch_end[k - 1];
	r->nfields = r->batch_end[k];
	f = &r->fields[r->first];
	last = &r->fields[r->nfields - 1];
	r->rec_line = r->batch_line + k;
	r->rec_off =
	    r->batch_off + (unsigned long long)(f->ptr - r->batch_base);
	r->viewing = 1;
	r->span = f->ptr;
	r->span_len = (size_t)(last->ptr + last->len - f->ptr);
	r->rerr = REC_OK;
	return finish(r, rec, err);
}

/*
 * At the end of the input: hands on a last record that had no line end,
 * or says that its quoted field never ended (at the line that field
 * starts on); else READER_EOF, for good.  Borrowed: r, rec and err, for
 * the call.
 */
static enum reader_status
at_eof(struct reader *r, struct record *rec, struct error *err)
{
	r->skip_line = 0;
	if (r->in_record) {
		r->in_record = 0;
		r->seg_line = r->line;
		if (reserve_for(r, 0) < 0)
			return failed(r, err);
		if (csv_fini(&r->csv, on_field, on_record, r) != 0) {
			/* csv_fini() leaves the parser as it was. */
			parser_reset(r, 0);
			if (r->rerr == REC_OK) {
				r->rerr = REC_UNTERMINATED;
				r->rerr_line = r->field_line;
			}
			return finish(r, rec, err);
		}
		if (r->rec_done)
			return finish(r, rec, err);
	}
	r->state = READER_STATE_DONE;
	return READER_EOF;
}

/*
 * What reader_open() and reader_open_mem() share: checks the options and
 * sets up everything but the source.  Returns NULL and fills err on
 * failure.  Borrowed: name (kept), opt and err.  The caller frees the
 * result with reader_free().
 */
static struct reader *
reader_new(
    const char *name, const struct reader_options *opt, struct error *err)
{
	struct reader *r;
	size_t max = (size_t)READER_MAX_FIELD_DEFAULT;
	char quoted[4 * ERROR_QUOTE_MAX + 8];

	if (opt != NULL && (opt->delimiter < 0 || opt->delimiter > 255)) {
		(void)error_set(
		    err, name, 0, "invalid delimiter %d", opt->delimiter);
		return NULL;
	}
	if (opt != NULL &&
	    (opt->delimiter == '"' || opt->delimiter == '\n' ||
	        opt->delimiter == '\r')) {
		char c = (char)opt->delimiter;

		(void)error_set(err, name, 0, "invalid delimiter %s",
		    error_quote(quoted, sizeof(quoted), &c, 1));
		return NULL;
	}
	r = calloc(1, sizeof(*r));
	if (r == NULL) {
		(void)error_set(err, name, 0, "out of memory");
		return NULL;
	}
	r->name = name;
	r->fd = -1;
	r->unit = 1;
	r->line = 1;
	r->delim = ',';
	r->read_size = READER_CAP;
	if (opt != NULL) {
		if (opt->max_field_size != 0)
			max = opt->max_field_size;
		if (opt->read_size != 0 && opt->read_size < READER_CAP)
			r->read_size = opt->read_size;
		if (opt->delimiter != 0) {
			r->delim = opt->delimiter;
			r->delim_known = 1;
		}
	}
	/* Keeps 4 * max and the guard below SIZE_MAX. */
	if (max > (SIZE_MAX - 2 * (size_t)READER_CAP) / 8)
		max = (SIZE_MAX - 2 * (size_t)READER_CAP) / 8;
	r->max_field = max;
	/*
	 * A record's bytes and field index may use 8 times the larger of
	 * max and the default: a small --max-field-size limits fields, not
	 * the number of them, and a header of 200,000 short names fits.
	 */
	r->max_record = 8 *
	    (max > READER_MAX_FIELD_DEFAULT ? max : READER_MAX_FIELD_DEFAULT);
	/*
	 * A field of max bytes, quoted with every byte a doubled quote, is
	 * 2 * max + 2 raw bytes, and a CRLF ending a record may add one;
	 * the count is an upper bound that may be over by one call's bytes.
	 */
	r->guard = 2 * max + 3 + READER_CAP;
	if (opt != NULL && opt->encoding != NULL &&
	    !is_utf8_name(opt->encoding)) {
		if (open_converter(r, opt->encoding) < 0) {
			(void)error_set(err, name, 0, "unknown encoding %s",
			    error_quote(quoted, sizeof(quoted), opt->encoding,
			        strlen(opt->encoding)));
			free(r);
			return NULL;
		}
		r->unit = encoding_unit(opt->encoding);
	}
	r->arena = malloc(READER_ARENA_START);
	r->fields = malloc(READER_FIELDS_START * sizeof(struct field));
	if (r->arena == NULL || r->fields == NULL) {
		(void)error_set(err, name, 0, "out of memory");
		reader_free(r);
		return NULL;
	}
	r->arena_cap = READER_ARENA_START;
	r->fields_cap = READER_FIELDS_START;
	parser_reset(r, 1);
	return r;
}

struct reader *
reader_open(const char *path, const char *name,
    const struct reader_options *opt, struct error *err)
{
	struct reader *r;
	struct stat st;
	char reason[128];
	int fd, e;

	r = reader_new(name, opt, err);
	if (r == NULL)
		return NULL;
	if (strcmp(path, "-") == 0) {
		r->fd = 0;
		return r;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		e = errno;
		reader_free(r);
		errno_text(e, reason, sizeof(reason));
		(void)error_set(err, name, 0, "cannot open: %s", reason);
		return NULL;
	}
	r->fd = fd;
	r->own_fd = 1;
	e = 0;
	if (fstat(fd, &st) != 0)
		e = errno;
	else if (S_ISDIR(st.st_mode))
		e = EISDIR;
	if (e != 0) {
		reader_free(r);
		errno_text(e, reason, sizeof(reason));
		(void)error_set(err, name, 0, "cannot open: %s", reason);
		return NULL;
	}
	return r;
}

struct reader *
reader_open_mem(const void *buf, size_t len, const char *name,
    const struct reader_options *opt, struct error *err)
{
	struct reader *r;

	r = reader_new(name, opt, err);
	if (r == NULL)
		return NULL;
	r->mem = buf;
	r->mem_len = buf != NULL ? len : 0;
	return r;
}

enum reader_status
reader_next(struct reader *r, struct record *rec, struct error *err)
{
	size_t len;
	int term, rc;

	if (r->state == READER_STATE_DONE)
		return READER_EOF;
	if (r->state == READER_STATE_FAILED)
		return failed(r, err);
	if (!r->sniffed && sniff(r) < 0)
		return failed(r, err);
	if (r->batch_next < r->batch_n)
		return batch_record(r, rec, err);
	r->nfields = 0;
	r->first = 0;
	r->used = 0;
	r->viewing = 0;
	r->room = r->max_record;
	r->rerr = REC_OK;
	r->rec_done = 0;
	for (;;) {
		if (r->dpos == r->dend) {
			rc = more(r);
			if (rc < 0)
				return failed(r, err);
			if (rc == 0)
				return at_eof(r, rec, err);
		}
		if (r->after_cr) {
			r->after_cr = 0;
			if (r->dbuf[r->dpos] == '\n') {
				/* The second half of a CRLF cut by a read. */
				if (!r->in_record) {
					consume(r, 1, 0);
					continue;
				}
				rc = feed(r, 1, 0);
				if (rc < 0)
					return failed(r, err);
				if (rc > 0)
					return finish(r, rec, err);
				continue;
			}
		}
		if (r->skip_line) {
			len = segment(r, &term);
			consume(r, len, term);
			r->skip_line = !term;
			continue;
		}
		if (!r->in_record) {
			rc = skip_blank(r);
			if (rc < 0)
				return failed(r, err);
			if (rc > 0)
				continue;
			if (!r->delim_known && detect_delimiter(r) < 0)
				return failed(r, err);
			if (r->nrecords > 0) {
				rc = batch(r);
				if (rc < 0)
					return failed(r, err);
				if (rc > 0)
					return batch_record(r, rec, err);
			}
			r->in_record = 1;
			r->rec_line = r->line;
			r->rec_off = r->off;
			r->field_line = r->line;
			r->fed = 0;
		}
		len = segment(r, &term);
		rc = feed(r, len, term);
		if (rc < 0)
			return failed(r, err);
		if (rc > 0)
			return finish(r, rec, err);
	}
}

int
reader_delimiter(const struct reader *r)
{
	return r->delim;
}

int
reader_saw_bad_utf8(const struct reader *r)
{
	return r->bad_utf8;
}

void
reader_free(struct reader *r)
{
	if (r == NULL)
		return;
	csv_free(&r->csv);
	close_converter(r);
	if (r->own_fd)
		(void)close(r->fd);
	free(r->rbuf);
	free(r->arena);
	free(r->fields);
	free(r);
}
