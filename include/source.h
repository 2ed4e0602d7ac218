/*
 * source.h - what a kind of input implements for the reader.
 *
 * Each kind of input is one file, src/source_NAME.c, defining one struct
 * source (its row): its name, how to tell its bytes, and its
 * operations.  reader.c looks at the first bytes of an input and asks
 * each row in turn, the table's order, whether they are its kind; the
 * last row (CSV) takes whatever no other row claims.  The row that
 * claims the input opens it, hands on its records one at a time and
 * frees it.  Adding a kind of input is adding its file and one row to
 * the table in reader.c.
 */
#ifndef CIVPOL_SOURCE_H
#define CIVPOL_SOURCE_H

#include <stddef.h>

#include "error.h"
#include "input.h"
#include "reader.h"

/* What a source says of an input's first bytes. */
enum source_sniff {
	SOURCE_NO = 0, /* not this kind */
	SOURCE_YES, /* this kind */
	SOURCE_MORE /* cannot tell yet: look at more bytes, if any */
};

struct source {
	const char *name;
	/*
	 * Tells the n bytes at head, the input's first (all of it when eof
	 * is set), as its kind or not.  NULL: takes anything.
	 */
	enum source_sniff (*sniff)(
	    const unsigned char *head, size_t n, int eof);
	/*
	 * Readies the records of in (which reader.c closes).  Borrowed: in
	 * and name must outlive the result.  Returns
	 * the source's own state, or NULL with err filled.
	 */
	void *(*open)(struct input *in, const char *name,
	    const struct reader_options *opt, struct error *err);
	enum reader_status (*next)(
	    void *s, struct record *rec, struct error *err);
	/* Nonzero once a field held bytes that are not valid UTF-8. */
	int (*saw_bad_utf8)(const void *s);
	/* See reader_replaced(); may be NULL: nothing is ever replaced. */
	unsigned long (*replaced)(
	    const void *s, unsigned long *line, const char **encoding);
	/* The field delimiter in force, or 0 for a source without one. */
	int (*delimiter)(const void *s);
	void (*free)(void *s);
};

#endif
