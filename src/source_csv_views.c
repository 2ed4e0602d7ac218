/*
 * source_csv_views.c - the CSV source's fast path: records read as views
 * of the decoded buffer instead of copies, a whole unquoted line at a
 * time, or a batch of such lines in one csv_parse() call.
 *
 * Most records of most files are plain lines: no quote, nothing to
 * unescape, so each field is exactly the bytes between two delimiters,
 * and nothing needs copying or checking against the limits (see the
 * assertion below).  The rest of the source is source_csv.c.
 */
#include <string.h>

#include "source_csv.h"

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
int
no_quote(struct csv_source *r, size_t len)
{
	return lines_next_quote(&r->ln) >= r->ln.dec.pos + len;
}

/*
 * Reads the whole line of len bytes at dec.buf[dec.pos], which holds no
 * quote and starts a record, as views (on_field_view()); the line stays
 * in dec.buf until the next reader_next() moves it.  Returns what
 * csv_parse() does.
 */
size_t
feed_view(struct csv_source *r, size_t len)
{
	size_t n;

	r->viewing = 1;
	r->view = r->ln.dec.buf + r->ln.dec.pos;
	r->span = r->view;
	r->span_len = len;
	r->vnext = r->fs.field + r->fs.n;
	n = csv_parse(&r->csv, r->view, len, on_field_view, on_record, r);
	r->fs.n = (size_t)(r->vnext - r->fs.field);
	return n;
}

/* libcsv's record callback in a batch. */
static void
on_record_batch(int c, void *data)
{
	struct csv_source *r = data;

	(void)c;
	if (r->batch_n < READER_BATCH)
		r->batch_end[r->batch_n] = (size_t)(r->vnext - r->fs.field);
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
int
batch(struct csv_source *r)
{
	const char *p = r->ln.dec.buf + r->ln.dec.pos;
	size_t lim = r->ln.dec.end - r->ln.dec.pos, end = 0, k = 0, n;
	const char *nl;

	/* Views are not checked against the field limit: see feed(). */
	if (r->fs.max_field < READER_CAP)
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
	r->vnext = r->fs.field;
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
enum reader_status
batch_record(struct csv_source *r, struct record *rec, struct error *err)
{
	size_t k = r->batch_next++;
	const struct field *f, *last;

	r->first = k == 0 ? 0 : r->batch_end[k - 1];
	r->fs.n = r->batch_end[k];
	f = &r->fs.field[r->first];
	last = &r->fs.field[r->fs.n - 1];
	r->rec_line = r->batch_line + k;
	r->rec_off =
	    r->batch_off + (unsigned long long)(f->ptr - r->batch_base);
	r->viewing = 1;
	r->batched = 1;
	r->span = f->ptr;
	r->span_len = (size_t)(last->ptr + last->len - f->ptr);
	r->rerr = REC_OK;
	return finish(r, rec, err);
}
