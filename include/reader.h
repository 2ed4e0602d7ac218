/*
 * reader.h - CSV bytes in, records out, one at a time.
 *
 * The reader hides libcsv: no libcsv type appears here.  It reads its
 * input through one fixed buffer (READER_BUFSIZE bytes), so memory stays
 * constant however long the input is, and hands a record on as soon as
 * its last byte has been read, so a pipe that feeds one record at a time
 * gets its answer at once.
 *
 * What it guarantees:
 * - RFC 4180: quoted fields, doubled quotes, delimiters and newlines
 *   inside quotes; LF, CRLF and CR line endings; blank lines (empty, or
 *   only spaces and tabs) between records are skipped.  libcsv runs in
 *   strict mode, so a stray quote is an error, never a swallowed file.
 * - Field bytes are kept exactly as they came: no trimming.
 * - A UTF-8 byte order mark at the start is removed; a UTF-16 (LE or BE)
 *   byte order mark switches the input to UTF-16, converted to UTF-8;
 *   opt->encoding converts from any encoding iconv knows.
 * - The first record is the header (rec->is_header).  Every later record
 *   whose field count differs from the header's is READER_BAD_RECORD.
 * - Every record carries its file name, the physical line it starts on
 *   (newlines inside quoted fields counted) and its byte offset.
 * - Memory for one record is bounded: its fields' bytes plus 16 bytes
 *   of index per field may take at most 8 times the larger of
 *   opt->max_field_size and READER_MAX_FIELD_DEFAULT.
 * - A malformed record (quoting error, wrong field count, a field over
 *   opt->max_field_size, a record over the bound above) is handed on as READER_BAD_RECORD with what was
 *   read of it, and reading goes on at the next line: no record is lost.
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

struct record {
	/* Borrowed from the caller of reader_open(): the name it was given. */
	const char *file;
	/* Physical line of the record's first byte, from 1. */
	unsigned long line;
	/* Byte offset of the record's first byte in the (decoded) input. */
	unsigned long long offset;
	/* 1 for the first record of the input, its header; else 0. */
	int is_header;
	size_t nfields;
	/* Borrowed: valid until the next reader_next() or reader_free(). */
	const struct field *fields;
};

struct reader_options {
	/* ',' ';' '|' '\t', or 0: ',' unless the header line holds ';' or
	 * a tab and no comma (European exports use ';'). */
	int delimiter;
	/* Longest field allowed, in bytes; 0 means READER_MAX_FIELD_DEFAULT. */
	size_t max_field_size;
	/* Encoding name for iconv ("windows-1252"), or NULL for UTF-8. */
	const char *encoding;
	/* Bytes asked of each read, at most READER_BUFSIZE; 0 means that.
	 * Smaller values exist so that tests can cut the input anywhere. */
	size_t read_size;
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
 * ("<stdin>" for "-" is the caller's choice); it is borrowed and must
 * outlive the reader.  opt may be NULL for the defaults.  Returns NULL
 * and fills err when the file cannot be opened (a directory included) or
 * the encoding is unknown.  The caller frees the result with reader_free().
 */
struct reader *reader_open(const char *path, const char *name,
    const struct reader_options *opt, struct error *err);

/*
 * Like reader_open(), over len bytes at buf, which are borrowed and must
 * outlive the reader.  For tests and fuzzing.  The caller frees the
 * result with reader_free().
 */
struct reader *reader_open_mem(const void *buf, size_t len, const char *name,
    const struct reader_options *opt, struct error *err);

/*
 * Reads the next record into rec.  rec's fields are borrowed: valid until
 * the next reader_next() or reader_free().
 */
enum reader_status
reader_next(struct reader *r, struct record *rec, struct error *err);

/* The delimiter in force: given, or detected once the header was read. */
int reader_delimiter(const struct reader *r);

/*
 * Nonzero once a field handed on held bytes that are not valid UTF-8
 * (input that may need an encoding option).
 */
int reader_saw_bad_utf8(const struct reader *r);

/* Closes and frees r; reader_free(NULL) does nothing. */
void reader_free(struct reader *r);

#endif
