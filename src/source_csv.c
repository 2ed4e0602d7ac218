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
 * record in steady state costs no allocation.  A malformed record is
 * handed on with the fields that could be read and its text as read:
 * a quoting error ends it at the end of its line; a field or a record
 * over its limit makes the whole record one error, read to its end by
 * its quotes (without keeping a field past the guard: see enum skip);
 * a wrong field count is just that.
 *
 * Offsets count bytes of the decoded stream, after any byte order mark:
 * the mark is not part of the text, so the first record of a file that
 * starts with one is at offset 0.  The fast path, records read as views
 * of the buffer, is source_csv_views.c; source_csv.h is the state the
 * two share, and with them the only files that include <csv.h>.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "source.h"
#include "source_csv.h"
#include "utf8.h"

/*
 * Records that reading cannot go on: what failed, and errno's reason
 * when errnum is not 0.  Every later call says the same.
 */
void
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
 * Makes sure that whatever libcsv hands on while it is fed len more
 * bytes fits: the field it holds (at most r->fed bytes) and len bytes
 * more, in at most len + 1 fields.  So the callbacks never allocate.
 * Returns 0, or -1 (the reader failed).
 */
int
reserve_for(struct csv_source *r, size_t len)
{
	if (r->fs.used + r->fed + len <= r->fs.arena_cap &&
	    r->fs.n + len + 1 <= r->fs.field_cap)
		return 0;
	if (fields_reserve(&r->fs, r->fed + len, len + 1) == 0)
		return 0;
	set_failed(r, "out of memory", 0);
	return -1;
}

/*
 * libcsv's field callback: copies the field into the record (for which
 * reserve_for() made room), unless the record already went wrong or
 * this field makes it so.  s is libcsv's, reused after the call; data
 * is the source.
 */
static void
on_field(void *s, size_t len, void *data)
{
	struct csv_source *r = data;
	enum fields_refusal why;

	r->fields_seen++;
	why = fields_add(&r->fs, s, len);
	if (why == FIELDS_ADDED || why == FIELDS_REFUSED || r->rerr != REC_OK)
		return;
	r->rerr = why == FIELDS_FIELD_LONG ? REC_FIELD_LONG : REC_RECORD_LONG;
	r->rerr_line = r->rerr == REC_FIELD_LONG ? r->field_line : r->seg_line;
}

/* libcsv's record callback. */
void
on_record(int c, void *data)
{
	struct csv_source *r = data;

	(void)c;
	r->rec_done = 1;
}

/*
 * After a field whose bytes passed the guard: the record is handed on
 * now, one ERROR, so that an endless line through a pipe ends in an
 * answer, not in waiting; libcsv's state is dropped (it would keep the
 * whole field), and the rest of the record is skipped later, by its
 * quotes as libcsv's state says they stand (SKIP_REST_OF_RECORD).
 */
static void
give_up_field(struct csv_source *r)
{
	if (r->rerr == REC_OK) {
		r->rerr = REC_FIELD_LONG;
		r->rerr_line = r->field_line;
	}
	r->skip_state.at_start = 0;
	r->skip_state.quoted = r->csv.quoted &&
	    (r->csv.pstate == LIBCSV_FIELD_BEGUN ||
	        r->csv.pstate == LIBCSV_FIELD_MIGHT_HAVE_ENDED);
	r->skip_state.quote_seen = r->skip_state.quoted &&
	    r->csv.pstate == LIBCSV_FIELD_MIGHT_HAVE_ENDED;
	parser_reset(r, 0);
	r->skip = SKIP_REST_OF_RECORD;
}

/*
 * Feeds libcsv the len bytes at dec.buf[dec.pos] (one segment) and
 * consumes them.  A record that starts here and ends with this whole
 * line (term set) holding no quote is read as views of the line
 * (on_field_view()): the line stays in dec.buf until the next
 * reader_next() moves it.  A field or a record over its limit makes the
 * record bad, and reading goes on to its end with libcsv while its
 * fields end (they are refused); a field that will not end (the guard)
 * ends the record now (give_up_field()).  A parse error drops libcsv's
 * state and the rest of the line (SKIP_LINE).  Returns 1 when a record
 * is complete (good or bad), 0 when more must be fed, -1 on failure.
 */
static int
feed(struct csv_source *r, size_t len, int term)
{
	unsigned long before = r->fields_seen;
	size_t n;

	if (reserve_for(r, len) < 0)
		return -1;
	r->seg_line = r->ln.line;
	if (term && r->ln.off == r->rec_off && len <= r->fs.max_field &&
	    no_quote(r, len))
		n = feed_view(r, len);
	else
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
		parser_reset(r, 0);
		lines_consume(&r->ln, len, term);
		if (term)
			return 1;
		r->skip = SKIP_LINE;
		return 0;
	}
	lines_consume(&r->ln, len, term);
	if (r->fields_seen != before || r->rec_done) {
		/* A field ended: the one being read starts on this line. */
		r->field_line = r->seg_line;
		r->fed = len;
	} else
		r->fed += len;
	if (r->rec_done)
		return 1;
	if (r->fed <= r->guard)
		return 0;
	give_up_field(r);
	return 1;
}

/*
 * Skips on after an error (see enum skip).  Returns 1 when the record
 * is to be handed on: its line ended, or its text reached the record
 * limit (the rest of the line is then skipped after it); else 0, when
 * more must be read or the skipping of a record handed on goes on.
 */
static int
skip_on(struct csv_source *r)
{
	enum lines_end e;

	if (r->skip == SKIP_REST_OF_RECORD)
		e = lines_skip_record(&r->ln, r->delim, &r->skip_state);
	else
		e = lines_skip_line(&r->ln);
	if (e == LINES_RECORD_END) {
		e = r->skip == SKIP_LINE;
		r->skip = SKIP_NONE;
		return (int)e;
	}
	if (r->skip == SKIP_LINE && lines_keep_full(&r->ln)) {
		r->skip = SKIP_REST_OF_LINE;
		return 1;
	}
	return 0;
}

/*
 * The text of the record just read: the bytes kept since it began (or,
 * in a batch, its line), *n of them, *cut when some were not kept.
 */
static const char *
record_text(struct csv_source *r, size_t *n, int *cut)
{
	const char *s;

	*cut = 0;
	if (r->batched) {
		*n = r->span_len;
		return r->span;
	}
	s = lines_kept(&r->ln, n, cut);
	if (s == NULL) {
		/* Out of memory for the text: it says it is cut. */
		*n = 0;
		*cut = 1;
		return "";
	}
	return s;
}

/*
 * Notes the line of the first byte that the decoder could not decode
 * (a U+FFFD it put in), once the record that holds it is read: the
 * record's first line, and the line breaks of its text before it.
 */
static void
note_replaced(struct csv_source *r, const char *text, size_t n)
{
	unsigned long long at = r->ln.dec.first_replaced;
	unsigned long line = r->rec_line;
	size_t i, upto;

	if (at < r->rec_off) {
		r->replaced_line = line;
		return;
	}
	upto = at - r->rec_off < n ? (size_t)(at - r->rec_off) : n;
	for (i = 0; i < upto; i++)
		if (text[i] == '\n' ||
		    (text[i] == '\r' && (i + 1 == n || text[i + 1] != '\n')))
			line++;
	r->replaced_line = line;
}

/*
 * Points rec's source at the text of a bad record, and notes where the
 * first undecodable byte was: what needs the record's text.
 */
static void
use_text(struct csv_source *r, struct record *rec, int bad)
{
	unsigned long long end =
	    r->batched ? r->rec_off + r->span_len : r->ln.off;
	int replaced = r->ln.dec.replaced > 0 && r->replaced_line == 0 &&
	    r->ln.dec.first_replaced < end;
	const char *s;
	size_t n;
	int cut;

	if (!bad && !replaced) {
		if (!r->batched)
			lines_unkeep(&r->ln);
		return;
	}
	s = record_text(r, &n, &cut);
	/* Handed on before its end: its text is cut. */
	if (r->skip == SKIP_REST_OF_LINE || r->skip == SKIP_REST_OF_RECORD)
		cut = 1;
	if (replaced)
		note_replaced(r, s, n);
	if (!bad)
		return;
	if (!cut && n > 0 && s[n - 1] == '\n')
		n--;
	if (!cut && n > 0 && s[n - 1] == '\r')
		n--;
	rec->source = s;
	rec->source_len = n;
	rec->source_cut = cut;
}

/*
 * Hands the record on: fills rec, checks the field count and the
 * encoding, and says what went wrong, if anything.
 */
enum reader_status
finish(struct csv_source *r, struct record *rec, struct error *err)
{
	enum reader_status st = READER_BAD_RECORD;
	size_t i, nf = r->fs.n - r->first;

	r->in_record = 0;
	rec->source = NULL;
	rec->source_len = 0;
	rec->source_cut = 0;

	rec->file = r->name;
	rec->line = r->rec_line;
	rec->offset = r->rec_off;
	rec->is_header = r->nrecords == 0;
	rec->nfields = nf;
	rec->fields = r->fs.field + r->first;
	rec->kinds = NULL;
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
		r->span = r->fs.arena;
		r->span_len = r->fs.used;
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
		if (rec->is_header || nf == r->header_fields)
			st = READER_OK;
		else
			(void)error_set(err, r->name, r->rec_line,
			    "record has %zu field%s, header has %zu", nf,
			    nf == 1 ? "" : "s", r->header_fields);
		break;
	case REC_STRAY_QUOTE:
		(void)error_set(err, r->name, r->rerr_line,
		    "stray quote in unquoted field");
		break;
	case REC_AFTER_QUOTE:
		(void)error_set(
		    err, r->name, r->rerr_line, "text after closing quote");
		break;
	case REC_UNTERMINATED:
		(void)error_set(
		    err, r->name, r->rerr_line, "unterminated quoted field");
		break;
	case REC_FIELD_LONG:
		(void)error_set(err, r->name, r->rerr_line,
		    "field longer than %zu bytes", r->fs.max_field);
		break;
	case REC_RECORD_LONG:
		(void)error_set(err, r->name, r->rerr_line,
		    "record longer than %zu bytes", r->fs.max_record);
		break;
	}
	use_text(r, rec, st == READER_BAD_RECORD);
	return st;
}

/*
 * At the end of the input: hands on a last record that had no line end,
 * or says that its quoted field never ended (at the line that field
 * starts on); else READER_EOF, for good.
 */
static enum reader_status
at_eof(struct csv_source *r, struct record *rec, struct error *err)
{
	if (r->in_record) {
		r->seg_line = r->ln.line;
		if (r->skip == SKIP_LINE) {
			/* The error is said; libcsv was set afresh. */
			r->skip = SKIP_NONE;
			return finish(r, rec, err);
		}
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
		r->in_record = 0;
	}
	r->skip = SKIP_NONE;
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
	/* Named columns: the first line is a record like the others. */
	if (opt != NULL && opt->nheader_names > 0) {
		r->nrecords = 1;
		r->header_fields = opt->nheader_names;
	}
	if (delim != 0) {
		r->delim = delim;
		r->delim_known = 1;
	}
	if (opt != NULL && opt->max_field_size != 0)
		max = opt->max_field_size;
	/* Keeps 4 * max and the guard below SIZE_MAX. */
	if (max > (SIZE_MAX - 2 * (size_t)READER_CAP) / 8)
		max = (SIZE_MAX - 2 * (size_t)READER_CAP) / 8;
	/*
	 * A record's bytes and field index may use 8 times the larger of
	 * max and the default: a small --max-field-size limits fields, not
	 * the number of them, and a header of 200,000 short names fits.
	 */
	if (fields_init(&r->fs, max,
	        8 *
	            (max > READER_MAX_FIELD_DEFAULT
	                    ? max
	                    : READER_MAX_FIELD_DEFAULT)) != 0) {
		(void)error_set(err, name, 0, "out of memory");
		csv_free_source(r);
		return NULL;
	}
	/*
	 * A field of max bytes, quoted with every byte a doubled quote, is
	 * 2 * max + 2 raw bytes, and a CRLF ending a record may add one;
	 * the count is an upper bound that may be over by one call's bytes.
	 */
	r->guard = 2 * max + 3 + READER_CAP;
	if (lines_init(
	        &r->ln, in, opt != NULL ? opt->csv.encoding : NULL, err) != 0) {
		csv_free_source(r);
		return NULL;
	}
	parser_reset(r, 1);
	return r;
}

/* What begin_record() found at the start of a line. */
enum begin {
	BEGIN_FAILED = -1,
	BEGIN_RECORD, /* a record begins: feed it */
	BEGIN_BLANK, /* a blank line, consumed */
	BEGIN_BATCH /* a batch of records was read: hand them on */
};

/*
 * At the start of a line with no record in progress: skips a blank
 * line, reads the header's delimiter (refusing a header that looks like
 * UTF-16 read as bytes), reads a batch where it can, or begins a record.
 */
static enum begin
begin_record(struct csv_source *r)
{
	int rc, hint;

	rc = lines_skip_blank(&r->ln, r->delim_known ? r->delim : 0, &r->fail);
	if (rc != 0) {
		if (rc < 0)
			r->state = READER_STATE_FAILED;
		return rc < 0 ? BEGIN_FAILED : BEGIN_BLANK;
	}
	if (!r->delim_known && detect_delimiter(r) < 0)
		return BEGIN_FAILED;
	if (r->nrecords == 0 && !r->ln.dec.converting) {
		/* However the header line came in: the same bytes judged. */
		if (lines_buffer_line(&r->ln, &r->fail) < 0) {
			r->state = READER_STATE_FAILED;
			return BEGIN_FAILED;
		}
		hint = lines_utf16_hint(&r->ln);
		if (hint != 0) {
			(void)error_set(&r->fail, r->name, r->ln.line,
			    "NUL bytes in the header line: this looks like "
			    "UTF-16 with no byte order mark; try --encoding %s",
			    hint == 'l' ? "utf-16le" : "utf-16be");
			r->state = READER_STATE_FAILED;
			return BEGIN_FAILED;
		}
	}
	if (r->nrecords > 0) {
		rc = batch(r);
		if (rc != 0)
			return rc < 0 ? BEGIN_FAILED : BEGIN_BATCH;
	}
	r->in_record = 1;
	r->rec_line = r->ln.line;
	r->rec_off = r->ln.off;
	r->field_line = r->ln.line;
	r->fed = 0;
	lines_keep(&r->ln, r->fs.max_record);
	return BEGIN_RECORD;
}

static enum reader_status
csv_next(void *s, struct record *rec, struct error *err)
{
	struct csv_source *r = s;
	size_t len;
	int term, rc;
	char c;

	if (r->state == READER_STATE_DONE)
		return READER_EOF;
	if (r->state == READER_STATE_FAILED)
		return failed(r, err);
	if (r->batch_next < r->batch_n)
		return batch_record(r, rec, err);
	fields_clear(&r->fs);
	r->first = 0;
	r->viewing = 0;
	r->batched = 0;
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
		c = r->ln.dec.buf[r->ln.dec.pos];
		if (r->ln.after_cr) {
			r->ln.after_cr = 0;
			/* The second half of a CRLF cut by a read. */
			if (c == '\n' &&
			    (!r->in_record || r->skip != SKIP_NONE)) {
				lines_consume(&r->ln, 1, 0);
				continue;
			}
			if (c == '\n') {
				rc = feed(r, 1, 0);
				if (rc != 0)
					return rc < 0 ? failed(r, err)
					              : finish(r, rec, err);
				continue;
			}
		}
		if (r->skip != SKIP_NONE) {
			if (skip_on(r))
				return finish(r, rec, err);
			continue;
		}
		if (!r->in_record) {
			switch (begin_record(r)) {
			case BEGIN_FAILED:
				return failed(r, err);
			case BEGIN_BLANK:
				continue;
			case BEGIN_BATCH:
				return batch_record(r, rec, err);
			case BEGIN_RECORD:
				break;
			}
		}
		len = lines_segment(&r->ln, &term);
		rc = feed(r, len, term);
		if (rc != 0)
			return rc < 0 ? failed(r, err) : finish(r, rec, err);
	}
}

static int
csv_delimiter(const void *s)
{
	const struct csv_source *r = s;

	return r->delim;
}

static unsigned long
csv_replaced(const void *s, unsigned long *line, const char **encoding)
{
	const struct csv_source *r = s;

	*line = r->replaced_line;
	*encoding = r->ln.dec.from;
	return r->ln.dec.replaced;
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
	fields_release(&r->fs);
	free(r);
}

const struct source source_csv = {
	.name = "csv",
	.sniff = NULL,
	.open = csv_open,
	.next = csv_next,
	.saw_bad_utf8 = csv_saw_bad_utf8,
	.replaced = csv_replaced,
	.delimiter = csv_delimiter,
	.free = csv_free_source,
};
