/*
 * columns.h - one header for several inputs: the union of their columns,
 * and where each input's fields go under it.
 *
 * The reports that write one header row for all their inputs (the csv
 * and xlsx formats, FORMAT_PLAN) are told every input's header first
 * (report_plan()), and then place each input's fields under the union.
 * Columns are told apart by name and by occurrence: the second column
 * named "notes" in an input is the union's second "notes" column, so an
 * input with a repeated name keeps all its columns.  The union keeps the
 * order in which columns were first seen, as csvkit's csvstack does.
 * Finding a name is hashed (strindex.h): linear in the headers, however
 * wide.
 */
#ifndef CIVPOL_COLUMNS_H
#define CIVPOL_COLUMNS_H

#include <stddef.h>

#include "reader.h"
#include "strindex.h"

/* A column of the union that an input does not have. */
#define COLUMNS_NONE ((size_t)-1)

/* One column of the union: a name, and which of that name it is. */
struct column {
	char *name; /* a copy, NUL-terminated */
	size_t len;
	size_t occ; /* 0 for the first column of this name in its input */
};

struct columns {
	struct column *col;
	size_t n;
	/* Private. */
	size_t cap;
	struct strindex index;
};

/* An empty union; the caller releases it with columns_release(). */
#define COLUMNS_INIT                                                           \
	{                                                                      \
		NULL, 0, 0, STRINDEX_INIT                                      \
	}

/* Frees what c holds; c is then empty. */
void columns_release(struct columns *c);

/*
 * Adds the columns of hdr that the union lacks, in order, but for those
 * that skip (when not NULL) says to leave out (skip(s, n) nonzero for the
 * name of n bytes at s).  Returns 0, or -1 when out of memory (the union
 * then holds some of them).
 */
int columns_add(struct columns *c, const struct record *hdr,
    int (*skip)(const char *s, size_t n));

/*
 * Places the fields of hdr under the union: field_of[u] (room for c->n)
 * becomes the index of hdr's field under column u, or COLUMNS_NONE.
 * Returns 0, or -1 when out of memory (every field_of[u] is then
 * COLUMNS_NONE).
 */
int columns_place(
    const struct columns *c, const struct record *hdr, size_t *field_of);

/*
 * Nonzero when field_of (as columns_place() wrote it for a header of
 * nfields fields) puts field u under column u, for every column and
 * field: the input's columns are the union's, in order.
 */
int columns_identity(
    const struct columns *c, const size_t *field_of, size_t nfields);

#endif
