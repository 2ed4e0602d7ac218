/*
 * expect.h - a record's decision against the one its fixture expects:
 * what every --expect report (text, junit, tap, jsonl) compares.
 *
 * A fixture has an expected_status column (PASS, FAIL, REVIEW or ERROR,
 * case ignored) and, optionally, expected_failed and expected_unknown:
 * criterion ids joined with ';'.  An empty expected_failed or
 * expected_unknown cell is not compared; a cell that is not empty must
 * name exactly the criteria that failed (or were unknown).  An id that
 * the rule set does not have is an error in the fixture, not a
 * mismatch: the report says so, and the run ends with status 2.
 */
#ifndef CIVPOL_EXPECT_H
#define CIVPOL_EXPECT_H

#include <stddef.h>

#include "format.h"

/* The expected_ columns, as expect_judge() reads them. */
enum expect_column {
	EXPECT_STATUS,
	EXPECT_FAILED,
	EXPECT_UNKNOWN,
	EXPECT_NCOLUMNS
};

/* What is wrong with the fixture's cell, when something is. */
enum expect_problem {
	EXPECT_FINE = 0,
	EXPECT_NO_COLUMN, /* the input has no expected_status column */
	EXPECT_MISSING, /* expected_status is empty */
	EXPECT_INVALID, /* expected_status is no status */
	EXPECT_UNKNOWN_ID /* an id in expected_failed/unknown no rule has */
};

struct expect_result {
	enum expect_problem problem;
	/* EXPECT_INVALID: the cell; EXPECT_UNKNOWN_ID: the id, and the
	 * column it is in.  Borrowed: valid as long as the record. */
	const char *what;
	size_t what_len;
	enum expect_column where;
	enum verdict want; /* when the problem is not the status's */
	/* Trimmed expected_failed and expected_unknown cells, n = 0 when
	 * empty (not compared).  Borrowed: valid as long as the record. */
	const char *ids[EXPECT_NCOLUMNS];
	size_t ids_len[EXPECT_NCOLUMNS];
	int match; /* the decision is the one expected */
};

/*
 * Compares entry e (a record as judged, or an ERROR) with its expected_
 * cells into *r, and counts it in the report: rp->mismatches for a
 * decision that differs or a status cell that is missing or invalid,
 * rp->expect_errors for an unknown id.
 */
void
expect_judge(struct report *rp, const struct entry *e, struct expect_result *r);

/*
 * Calls each() for every id of an expected_failed or expected_unknown
 * cell (n bytes at s), trimmed, the first of each distinct id only, in
 * the order given, with its rank among them; past EXPECT_IDS_MAX of
 * them each() gets "..." once and no more.
 */
#define EXPECT_IDS_MAX 64
void expect_each_id(struct report *rp, const char *s, size_t n, void *ctx,
    void (*each)(void *ctx, const char *id, size_t len, size_t k));

/* The ids of e in column c (failed or unknown), as e has them. */
const size_t *
expect_actual(const struct entry *e, enum expect_column c, size_t *n);

/* "expected_failed" or "expected_unknown".  Static storage. */
const char *expect_column_name(enum expect_column c);

/*
 * Puts what r says of e into words, into buf (size bytes, NUL-ended,
 * cut to fit), and returns its length: "expected FAIL [passport], got
 * PASS []", with " unknown [...]" where expected_unknown is compared and
 * " (MESSAGE)" after an ERROR; or the fixture's problem,
 * "expected_status: missing", "expected_failed: no criterion
 * \"pasport\" in the rule set".  Ids are quoted raw (the writer
 * escapes them).
 */
#define EXPECT_DESCRIBE_MAX ((size_t)16 * 1024)
size_t expect_describe(struct report *rp, const struct entry *e,
    const struct expect_result *r, char *buf, size_t size);

/*
 * Writes the text report's line for e: FILE:LINE: ID: then what
 * expect_describe() says, then the reasons of the decision got, and a
 * newline.  scratch is the caller's EXPECT_DESCRIBE_MAX bytes.
 */
void expect_write_line(struct report *rp, const struct entry *e,
    const struct expect_result *r, char *scratch);

#endif
