/*
 * fixture.h - a fixture file rewritten with new expected_ cells
 * (--update), every other byte kept.
 *
 * A fixture is a CSV file of known cases with expected_status and,
 * optionally, expected_failed and expected_unknown columns (expect.h).
 * --update screens it, and for each record whose decision differs from
 * its expected_ cells writes the decision got into them; a fixture with
 * no expected_status column gets all three columns, named in its header
 * and filled in every record.  Everything else stays as it was, byte for
 * byte: the other cells with their quoting, the line ends, blank lines,
 * the byte order mark, the delimiter; a record whose decision is the one
 * expected is not touched at all, so that a fixture whose decisions do
 * not change is rewritten to the same bytes.
 *
 * The reader hands on each record's offset, not where its fields lie:
 * libcsv says nothing of positions.  So this module splits the raw text
 * of the records it changes into fields again, by the quotes alone (a
 * record the reader accepted is well formed), to find the cells to
 * replace: that is all it parses.  Only UTF-8 files can be updated (the
 * offsets are those of the text as read, which for a file that was
 * converted are not its bytes').
 */
#ifndef CIVPOL_FIXTURE_H
#define CIVPOL_FIXTURE_H

#include <stdio.h>

#include "error.h"
#include "reader.h"

struct fixture;

/* The expected_ columns, in the order fixture_change() takes them. */
#define FIXTURE_COLUMNS 3

/*
 * Reads the fixture at path whole.  Returns NULL with err filled when it
 * cannot be read or is not UTF-8 (a UTF-16 or UTF-32 byte order mark).
 * The caller frees it with fixture_free().
 */
struct fixture *fixture_load(const char *path, struct error *err);

/* Frees fx; fixture_free(NULL) does nothing. */
void fixture_free(struct fixture *fx);

/*
 * Says where the expected_ columns are in the fixture's header hdr:
 * col[k] is the field index of expected_status, expected_failed and
 * expected_unknown, or HEADER_ABSENT (when expected_status is absent,
 * all three are added).  Returns 0, or -1 with err filled when the
 * header's text is not where the reader said it is.
 */
int fixture_header(struct fixture *fx, const struct record *hdr,
    const size_t col[FIXTURE_COLUMNS], struct error *err);

/*
 * Notes that the record at offset (as the reader gave it) gets the
 * values cell[k] (NUL-terminated, copied) in the expected_ columns.
 * Records come in input order.  Returns 0, or -1 out of memory.
 */
int fixture_change(struct fixture *fx, unsigned long long offset,
    const char *const cell[FIXTURE_COLUMNS]);

/* The number of changes noted. */
size_t fixture_changes(const struct fixture *fx);

/*
 * Writes the fixture with its changes to out.  Returns 0, or -1 with
 * err filled when a changed record's text is not where the reader said,
 * or a write fails.
 */
int fixture_write(const struct fixture *fx, FILE *out, struct error *err);

#endif
