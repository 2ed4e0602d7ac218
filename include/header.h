/*
 * header.h - which field of a record holds which column.
 *
 * A header name matches a column name when the two are equal ignoring
 * case and every byte that is not an ASCII letter or digit: "U.S. Citizen",
 * "us_citizen" and "USCITIZEN" are one column.  A --map COLUMN=HEADER
 * pair names the header to use for a column instead.
 */
#ifndef CIVPOL_HEADER_H
#define CIVPOL_HEADER_H

#include <stddef.h>

#include "error.h"
#include "reader.h"

/* The index of a column that the header does not have. */
#define HEADER_ABSENT ((size_t)-1)

/* One --map COLUMN=HEADER.  Borrowed: the strings must outlive it. */
struct column_map {
	const char *column;
	const char *header;
};

/* A column the caller looks for. */
struct column_want {
	const char *name; /* Borrowed: must outlive the want. */
	int required; /* absent: an error, not HEADER_ABSENT */
};

/*
 * Writes the normal form of the n bytes at s (every byte that is not an
 * ASCII letter or digit left out, letters lower-cased) to out, which has
 * room for n bytes, and returns its length.  Two names match when their
 * normal forms are equal and not empty.
 */
size_t header_normalise(const char *s, size_t n, char *out);

/* Nonzero when header text a (alen bytes) matches column name b. */
int header_match(const char *a, size_t alen, const char *b);

/*
 * Finds each wanted column in hdr, writing its field index (or
 * HEADER_ABSENT) to index[i].  Fails, filling err with hdr's file and
 * line, when a required column is absent (one message naming every
 * absent column and the headers found), when two headers match one
 * column (naming both), or when a map names a header that hdr lacks.
 * A map whose column is not wanted is the caller's to reject first
 * (header_check_maps()).  Returns 0 or -1.
 */
int header_bind(const struct record *hdr, const struct column_want *want,
    size_t nwant, const struct column_map *maps, size_t nmaps, size_t *index,
    struct error *err);

/*
 * Checks that every map names a wanted column (by header_match()) and no
 * column is mapped twice.  Returns 0, or -1 with err (no file) filled.
 */
int header_check_maps(const struct column_want *want, size_t nwant,
    const struct column_map *maps, size_t nmaps, struct error *err);

#endif
