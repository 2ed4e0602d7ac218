/*
 * source_csv.h - the CSV source's own state, shared by its two files:
 * source_csv.c (the source: records, their errors and their ends) and
 * source_csv_views.c (records read without a copy, one line or a batch
 * of lines at a time).  Not a contract: nothing else includes it.
 */
#ifndef CIVPOL_SOURCE_CSV_H
#define CIVPOL_SOURCE_CSV_H

#include <stddef.h>

#include <csv.h>

#include "decode.h"
#include "error.h"
#include "fields.h"
#include "lines.h"
#include "reader.h"

enum {
	/* libcsv's field buffer grows by this much at a time. */
	READER_CSV_BLOCK = 4096,
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

/* After an error, what is skipped to reach the end of the record. */
enum skip {
	SKIP_NONE = 0,
	/* The rest of the line, which libcsv could not parse, kept as the
	 * record's text until its end or the record limit. */
	SKIP_LINE,
	/* After the record was handed on (see give_up_field()), the rest of
	 * its line, or of the record, by its quotes. */
	SKIP_REST_OF_LINE,
	SKIP_REST_OF_RECORD
};

/*
 * libcsv's parser states, from libcsv.c (3.0.3): struct csv_parser's
 * pstate is public, its values are not.  A field whose bytes pass the
 * guard is left to lines_skip_field(), which must know whether it is
 * quoted and just saw a quote; libcsv cannot skip a field without
 * keeping all of it.  test_reader's "long quoted field over lines"
 * case fails if these change.
 */
enum { LIBCSV_FIELD_BEGUN = 2, LIBCSV_FIELD_MIGHT_HAVE_ENDED = 3 };

struct csv_source {
	/* Borrowed from the caller of the open. */
	const char *name;

	/* Skipping to the end of a record after an error, and how. */
	enum skip skip;
	struct lines_field skip_state;
	/* libcsv holds part of a record. */
	int in_record;

	/* The parser and the limits. */
	struct csv_parser csv;
	int delim;
	int delim_known;
	/* Give up on a field still being read after this many raw bytes. */
	size_t guard;
	/* Raw bytes fed since a field or record ended (an upper bound). */
	size_t fed;
	/* Fields libcsv handed on, refused ones too. */
	unsigned long fields_seen;
	/* The record handed on was read in a batch (see batch()). */
	int batched;
	/* The line of the first byte the decoder could not decode, or 0. */
	unsigned long replaced_line;
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
	/* The record's fields, within the limits. */
	struct fields fs;
	/* The record handed on is fs.field[first, fs.n): see batch(). */
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

void set_failed(struct csv_source *r, const char *what, int errnum);
int reserve_for(struct csv_source *r, size_t len);
void on_record(int c, void *data);
enum reader_status
finish(struct csv_source *r, struct record *rec, struct error *err);

/* In source_csv_views.c. */
int no_quote(struct csv_source *r, size_t len);
size_t feed_view(struct csv_source *r, size_t len);
int batch(struct csv_source *r);
enum reader_status
batch_record(struct csv_source *r, struct record *rec, struct error *err);

#endif
