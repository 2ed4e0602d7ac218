/*
 * reader.h - records in, one at a time, from any kind of input.
 *
 * An input is opened by what its bytes are, not by its name: each kind
 * of input is a source (source.h), and CSV, the last of them, takes
 * whatever no other claims.  What every source guarantees:
 * - The first record is the header (rec->is_header).  Every later record
 *   whose field count differs from the header's is READER_BAD_RECORD.
 * - Every record carries its file name, its position (the line it
 *   starts on, counting from 1, and its byte offset) and its fields;
 *   field bytes are kept exactly as they came, but for decoding to
 *   UTF-8.
 * - Records in = records out: a malformed record is handed on as
 *   READER_BAD_RECORD with what was read of it, and reading goes on.
 * - Memory for one record is bounded: its fields' bytes plus 16 bytes
 *   of index per field may take at most 8 times the larger of
 *   opt->max_field_size and READER_MAX_FIELD_DEFAULT.
 * - A record is handed on as soon as its last byte has been read, so a
 *   pipe that feeds one record at a time gets its answer at once.
 */
#ifndef CIVPOL_READER_H
#define CIVPOL_READER_H

#include <stddef.h>

#include "error.h"

#define READER_BUFSIZE ((size_t)64 * 1024)
#define READER_MAX_FIELD_DEFAULT ((size_t)1024 * 1024)

/* A view of one field: not NUL-terminated, may hold NUL bytes. */
struct field {
	const char *ptr;
	size_t len;
};

/*
 * What a field held where its input has types (a workbook's cells): a
 * report that can keep them (the xlsx report) writes a number as a
 * number and a date as a date.  The field's text is what the rules read
 * either way: a number as its shortest text, a date as YYYY-MM-DD,
 * a boolean as TRUE or FALSE.
 */
enum field_kind { FIELD_TEXT = 0, FIELD_NUMBER, FIELD_DATE, FIELD_BOOL };

struct record {
	/*
	 * Where the record comes from: the name reader_open() was given,
	 * or for a workbook that name and the sheet's ("a.xlsx:Sheet1").
	 * Borrowed: valid as long as the reader.
	 */
	const char *file;
	/* Line of the record's first byte, or a workbook's row, from 1. */
	unsigned long line;
	/* Byte offset of the record's first byte in the (decoded) input. */
	unsigned long long offset;
	/* 1 for the first record of the input, its header; else 0. */
	int is_header;
	size_t nfields;
	/* Borrowed: valid until the next reader_next() or reader_free(). */
	const struct field *fields;
	/*
	 * Each field's enum field_kind, or NULL when every field is text
	 * (CSV).  Borrowed: valid until the next reader_next() or
	 * reader_free().
	 */
	const unsigned char *kinds;
	/*
	 * For a READER_BAD_RECORD, the record's text exactly as read (after
	 * decoding), its line end left out, so that no byte of it is lost:
	 * source_len bytes, source_cut nonzero when it was longer than the
	 * record limit and the rest is not there.  NULL for a good record.
	 * Borrowed: valid until the next reader_next() or reader_free().
	 */
	const char *source;
	size_t source_len;
	int source_cut;
};

struct reader_options {
	/* Longest field allowed, in bytes; 0 means READER_MAX_FIELD_DEFAULT. */
	size_t max_field_size;
	/* Bytes asked of each read, at most READER_BUFSIZE; 0 means that.
	 * Smaller values exist so that tests can cut the input anywhere. */
	size_t read_size;
	/*
	 * The input has no header line: these are its columns' names, and
	 * reader_next() hands on a header record of them first (line 0);
	 * every record of the input is then data.  Borrowed: must outlive
	 * the reader.
	 */
	const struct field *header_names;
	size_t nheader_names;
	/* What only CSV input takes. */
	struct {
		/* ',' ';' '|' '\t', or 0: ',' unless the header line holds
		 * ';' or a tab and no comma (European exports use ';'). */
		int delimiter;
		/* Encoding name for iconv ("windows-1252"), or NULL for
		 * UTF-8. */
		const char *encoding;
	} csv;
	/* What only workbook input takes. */
	struct {
		/* The sheet to read, by name or by number in tab order from
		 * 1 ("2"); NULL for the first worksheet not hidden. */
		const char *sheet;
	} xlsx;
};

enum reader_status {
	READER_OK = 0, /* rec holds a record */
	READER_EOF, /* the input is exhausted; rec is untouched */
	READER_BAD_RECORD, /* rec holds what was read of a malformed record and
	                      err says why (file and line); reading goes on */
	READER_FAIL /* a read error or out of memory; err says why; stop */
};

struct reader;

/*
 * Opens path for reading; "-" means standard input (left open by
 * reader_free()).  name is how records and errors name the input
 * ("<stdin>" for "-" is the caller's choice).  Borrowed: name, and the
 * strings opt points to, must outlive the reader.  opt may be NULL for
 * the defaults.  Returns NULL and fills err when the input cannot be
 * opened (a directory included), or when it is a regular file and its
 * kind of input refuses it or its options.  An input that may keep a
 * read waiting (a pipe, a terminal) is not read here: its kind is told
 * by the first reader_next(), which fails where this would have.  The
 * caller frees the result with reader_free().
 */
struct reader *reader_open(const char *path, const char *name,
    const struct reader_options *opt, struct error *err);

/*
 * Like reader_open(), over len bytes at buf.  Borrowed: buf and name
 * must outlive the reader.  For tests and fuzzing.  The caller frees the
 * result with reader_free().
 */
struct reader *reader_open_mem(const void *buf, size_t len, const char *name,
    const struct reader_options *opt, struct error *err);

/*
 * Reads the next record into rec.  Borrowed: rec's fields are valid
 * until the next reader_next() or reader_free().
 */
enum reader_status
reader_next(struct reader *r, struct record *rec, struct error *err);

/* The kind of input ("csv"), once the first record was asked for. */
const char *reader_kind(const struct reader *r);

/* The CSV delimiter in force, once the header was read; 0 for others. */
int reader_delimiter(const struct reader *r);

/*
 * Nonzero once a field handed on held bytes that are not valid UTF-8
 * (input that may need an encoding option).
 */
int reader_saw_bad_utf8(const struct reader *r);

/*
 * How many sequences had no character in the input's encoding and were
 * read as U+FFFD; *line is where the first one was (0 when not known)
 * and *encoding the encoding's name.  Borrowed: *encoding is valid
 * until reader_free().
 */
unsigned long reader_replaced(
    const struct reader *r, unsigned long *line, const char **encoding);

/* Closes and frees r; reader_free(NULL) does nothing. */
void reader_free(struct reader *r);

#endif
