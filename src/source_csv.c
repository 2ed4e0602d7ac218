/*
 * source_csv.c - CSV records, through libcsv: the reader's CSV source.
 *
 * RFC 4180: quoted fields, doubled quotes, delimiters and newlines
 * inside quotes; LF, CRLF and CR line endings; blank lines (empty, or
 * only spaces and tabs) between records are skipped.  libcsv runs in
 * strict mode, so a stray quote is an error, never a swallowed file, and
 * is told that no byte is a space, so that it trims nothing.  The
 * delimiter is given, or chosen from the header line.
 *
 * The input's bytes come as UTF-8 from a decoder (decode.h) and are cut
 * into physical lines here, and libcsv gets one line, or the part of one
 * that is buffered, per csv_parse() call: so the line of every byte is
 * known, a parse error maps to its line, and a record is complete
 * exactly when a call that fed its last line returns.  The one exception
 * is a run of buffered lines that cannot go wrong (whole, unquoted,
 * LF-ended, none blank: see batch()), which libcsv gets in one call, its
 * records then handed on one by one.  libcsv's field callback copies
 * each field into an arena owned by the source and points a struct field
 * at the copy, or, for a field of an unquoted line, points it into the
 * line itself; the arena and the field index grow (before a call, never
 * in a callback) to what the largest record needs and stay, so that a
 * record in steady state costs no allocation.  A malformed record
 * (quoting error, wrong field count, a field over the field limit, a
 * record over the record limit) is handed on with what was read of it,
 * and reading goes on at the next line.
 *
 * Offsets count bytes of the decoded stream, after any byte order mark:
 * the mark is not part of the text, so the first record of a file that
 * starts with one is at offset 0.  This is the only file that includes
 * <csv.h>.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "lines.h"
#include "error.h"
#include "reader.h"
#include "source.h"
#include "utf8.h"

enum {
	/* libcsv's field buffer grows by this much at a time. */
	READER_CSV_BLOCK = 4096,
	/* The first sizes of the record arena and of the field index. */
	READER_ARENA_START = 4096,
	READER_FIELDS_START = 64,
	/* The size of the buffer, as a plain constant. */
	READER_CAP = DECODE_BUFSIZE,
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

struct csv_source {
	/* Borrowed from the caller of the open. */
	const char *name;

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
	 * views of that line in dec.buf: view is where the next field
	 * starts, and the line is span_len bytes at span.
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
	 * batch_base in dec.buf, at decoded offset batch_off.  batch_next
	 * is the next one to hand on; the batch is done when it reaches
	 * batch_n.
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

	/* The input's bytes, as UTF-8, in lines. */
	struct lines ln;
};

/*
 * Records that reading cannot go on: what failed, and errno's reason
 * when errnum is not 0.  Every later call says the same.
 */
static void
set_failed(struct csv_source *r, const char *what, int errnum)
{
	char reason[128];

	if (errnum != 0)
		(void)error_set(&r->fail, r->name, r->ln.line, "%s: %s", what,
		    error_errno(errnum, reason, sizeof(reason)));
	else
		(void)error_set(&r->fail, r->name, r->ln.line, "%s", what);
	r->state = READER_STATE_FAILED;
}

/* Copies the failure into err. */
static enum reader_status
failed(const struct csv_source *r, struct error *err)
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
 */
static void
parser_reset(struct csv_source *r, int first)
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
 * More bytes (lines_more()): 1 when some were added, 0 at the end of the
 * input, -1 when reading failed for good.
 */
static int
more(struct csv_source *r)
{
	int rc = lines_more(&r->ln, &r->fail);

	if (rc < 0)
		r->state = READER_STATE_FAILED;
	return rc;
}

/* Chooses the delimiter from the header line; 0, or -1 on failure. */
static int
detect_delimiter(struct csv_source *r)
{
	int d = lines_delimiter(&r->ln, &r->fail);

	if (d < 0) {
		r->state = READER_STATE_FAILED;
		return -1;
	}
	r->delim = d;
	r->delim_known = 1;
	csv_set_delim(&r->csv, (unsigned char)r->delim);
	return 0;
}

/*
 * Grows the arena to at least need bytes and the field index to at least
 * nfields entries, each by doubling, and never past what the record limit
 * lets a record use.  Returns 0, or -1 when out of memory.
 */
static int
reserve(struct csv_source *r, size_t need, size_t nfields)
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
 * Returns 0, or -1 (the reader failed).
 */
static int
reserve_for(struct csv_source *r, size_t len)
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
 * already went wrong (room is then 0).
 */
static void
field_refused(struct csv_source *r, size_t len)
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
 * against the record limit.  s is libcsv's, reused after the call;
 * data is the source.
 */
static void
on_field(void *s, size_t len, void *data)
{
	struct csv_source *r = data;
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
 * dec.buf and nothing is copied.  feed() and batch() made sure that the
 * limits cannot be reached (see above) and that the field index has
 * room; they point vnext at the first free entry, and count the fields
 * when libcsv returns.
 */
static void
on_field_view(void *s, size_t len, void *data)
{
	struct csv_source *r = data;
	struct field *f = r->vnext++;

	(void)s;
	f->ptr = r->view;
	f->len = len;
	r->view += len + 1;
}

/*
 * Nonzero when the len bytes at dec.buf[dec.pos] hold no '"' (see
 * next_quote()).
 */
static int
no_quote(struct csv_source *r, size_t len)
{
	return lines_next_quote(&r->ln) >= r->ln.dec.pos + len;
}

/* libcsv's record callback. */
static void
on_record(int c, void *data)
{
	struct csv_source *r = data;

	(void)c;
	r->rec_done = 1;
}

/*
 * Feeds libcsv the len bytes at dec.buf[dec.pos] (one segment) and consumes
 * them.  A record that starts here and ends with this whole line (term
 * set) holding no quote is read as views of the line (on_field_view()):
 * the line stays in dec.buf until the next reader_next() moves it.  A parse
 * error, or a field or record over its limit, drops libcsv's state and
 * the rest of the line.  Returns 1 when a record is complete (good or
 * bad), 0 when more must be fed, -1 on failure.
 */
static int
feed(struct csv_source *r, size_t len, int term)
{
	size_t n, before = r->nfields;

	if (reserve_for(r, len) < 0)
		return -1;
	r->seg_line = r->ln.line;
	if (term && r->ln.off == r->rec_off && len <= r->max_field &&
	    no_quote(r, len)) {
		r->viewing = 1;
		r->view = r->ln.dec.buf + r->ln.dec.pos;
		r->span = r->view;
		r->span_len = len;
		r->vnext = r->fields + r->nfields;
		n = csv_parse(
		    &r->csv, r->view, len, on_field_view, on_record, r);
		r->nfields = (size_t)(r->vnext - r->fields);
	} else
		n = csv_parse(&r->csv, r->ln.dec.buf + r->ln.dec.pos, len,
		    on_field, on_record, r);
	if (n < len) {
		if (csv_error(&r->csv) != CSV_EPARSE) {
			set_failed(r, "out of memory", 0);
			return -1;
		}
		if (r->rerr == REC_OK) {
			/* libcsv stops on the offending byte. */
			r->rerr = r->ln.dec.buf[r->ln.dec.pos + n] == '"'
			    ? REC_STRAY_QUOTE
			    : REC_AFTER_QUOTE;
			r->rerr_line = r->seg_line;
		}
	}
	lines_consume(&r->ln, len, term);
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
 * Hands the record on: fills rec, checks the field count and the
 * encoding, and says what went wrong, if anything.
 */
static enum reader_status
finish(struct csv_source *r, struct record *rec, struct error *err)
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
	    !utf8_all_ascii((const unsigned char *)r->span, r->span_len)) {
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

/* libcsv's record callback in a batch. */
static void
on_record_batch(int c, void *data)
{
	struct csv_source *r = data;

	(void)c;
	if (r->batch_n < READER_BATCH)
		r->batch_end[r->batch_n] = (size_t)(r->vnext - r->fields);
	r->batch_n++;
}

/*
 * Reads, with one csv_parse() call, the run of whole lines that starts
 * at dec.buf[dec.pos] (with no record in progress, on a line known not to be
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
 * -1 on failure.
 */
static int
batch(struct csv_source *r)
{
	const char *p = r->ln.dec.buf + r->ln.dec.pos;
	size_t lim = r->ln.dec.end - r->ln.dec.pos, end = 0, k = 0, n;
	const char *nl;

	/* Views are not checked against the field limit: see feed(). */
	if (r->max_field < READER_CAP)
		return 0;
	if (lines_next_cr(&r->ln) - r->ln.dec.pos < lim)
		lim = lines_next_cr(&r->ln) - r->ln.dec.pos;
	if (lines_next_quote(&r->ln) - r->ln.dec.pos < lim)
		lim = lines_next_quote(&r->ln) - r->ln.dec.pos;
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
	r->batch_line = r->ln.line;
	r->batch_off = r->ln.off;
	r->batch_base = p;
	r->view = p;
	r->vnext = r->fields;
	n = csv_parse(&r->csv, p, end, on_field_view, on_record_batch, r);
	if (n < end || r->batch_n != k) {
		set_failed(r, "out of memory", 0);
		return -1;
	}
	r->ln.dec.pos += end;
	r->ln.off += end;
	r->ln.line += k;
	r->ln.after_cr = 0;
	return (int)k;
}

/*
 * Hands on the next record of a batch (see batch()).
 */
static enum reader_status
batch_record(struct csv_source *r, struct record *rec, struct error *err)
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
 * starts on); else READER_EOF, for good.
 */
static enum reader_status
at_eof(struct csv_source *r, struct record *rec, struct error *err)
{
	r->skip_line = 0;
	if (r->in_record) {
		r->in_record = 0;
		r->seg_line = r->ln.line;
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

static void csv_free_source(void *s);

/*
 * Checks the options and sets everything up over in (borrowed, and
 * outliving the source).  Returns NULL and fills err on failure.
 */
static void *
csv_open(struct input *in, const char *name, const struct reader_options *opt,
    struct error *err)
{
	struct csv_source *r;
	size_t max = (size_t)READER_MAX_FIELD_DEFAULT;
	char quoted[ERROR_QUOTE_BUF];
	int delim = opt != NULL ? opt->csv.delimiter : 0;

	if (delim < 0 || delim > 255) {
		(void)error_set(err, name, 0, "invalid delimiter %d", delim);
		return NULL;
	}
	if (delim == '"' || delim == '\n' || delim == '\r') {
		char c = (char)delim;

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
	r->delim = ',';
	if (delim != 0) {
		r->delim = delim;
		r->delim_known = 1;
	}
	if (opt != NULL && opt->max_field_size != 0)
		max = opt->max_field_size;
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
	if (lines_init(
	        &r->ln, in, opt != NULL ? opt->csv.encoding : NULL, err) != 0) {
		free(r);
		return NULL;
	}
	r->arena = malloc(READER_ARENA_START);
	r->fields = malloc(READER_FIELDS_START * sizeof(struct field));
	if (r->arena == NULL || r->fields == NULL) {
		(void)error_set(err, name, 0, "out of memory");
		csv_free_source(r);
		return NULL;
	}
	r->arena_cap = READER_ARENA_START;
	r->fields_cap = READER_FIELDS_START;
	parser_reset(r, 1);
	return r;
}

static enum reader_status
csv_next(void *s, struct record *rec, struct error *err)
{
	struct csv_source *r = s;
	size_t len;
	int term, rc;

	if (r->state == READER_STATE_DONE)
		return READER_EOF;
	if (r->state == READER_STATE_FAILED)
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
		if (r->ln.dec.pos == r->ln.dec.end) {
			rc = more(r);
			if (rc < 0)
				return failed(r, err);
			if (rc == 0)
				return at_eof(r, rec, err);
		}
		if (r->ln.after_cr) {
			r->ln.after_cr = 0;
			if (r->ln.dec.buf[r->ln.dec.pos] == '\n') {
				/* The second half of a CRLF cut by a read. */
				if (!r->in_record) {
					lines_consume(&r->ln, 1, 0);
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
			len = lines_segment(&r->ln, &term);
			lines_consume(&r->ln, len, term);
			r->skip_line = !term;
			continue;
		}
		if (!r->in_record) {
			rc = lines_skip_blank(&r->ln, &r->fail);
			if (rc < 0) {
				r->state = READER_STATE_FAILED;
				return failed(r, err);
			}
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
			r->rec_line = r->ln.line;
			r->rec_off = r->ln.off;
			r->field_line = r->ln.line;
			r->fed = 0;
		}
		len = lines_segment(&r->ln, &term);
		rc = feed(r, len, term);
		if (rc < 0)
			return failed(r, err);
		if (rc > 0)
			return finish(r, rec, err);
	}
}

static int
csv_delimiter(const void *s)
{
	const struct csv_source *r = s;

	return r->delim;
}

static int
csv_saw_bad_utf8(const void *s)
{
	const struct csv_source *r = s;

	return r->bad_utf8;
}

static void
csv_free_source(void *s)
{
	struct csv_source *r = s;

	if (r == NULL)
		return;
	csv_free(&r->csv);
	lines_release(&r->ln);
	free(r->arena);
	free(r->fields);
	free(r);
}

const struct source source_csv = {
	.name = "csv",
	.sniff = NULL,
	.open = csv_open,
	.next = csv_next,
	.saw_bad_utf8 = csv_saw_bad_utf8,
	.delimiter = csv_delimiter,
	.free = csv_free_source,
};
