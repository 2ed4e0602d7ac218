/*
 * report.h - decisions in, text out: the text, csv and jsonl reports,
 * the summary, and the comparison with expected decisions (--expect).
 *
 * A report writes to a stdio stream that the caller opened and owns, and
 * never prints anywhere else.  It gathers entries in a buffer of its own
 * and hands them on when the buffer fills, at report_flush() and at
 * report_finish().  Every record gets exactly one entry, ERROR
 * records included, in input order (unless filtered out by only_mask;
 * the summary still counts them).  Write errors are sticky: every call
 * returns -1 once the stream has failed, and the caller reports it.
 */
#ifndef CIVPOL_REPORT_H
#define CIVPOL_REPORT_H

#include <stdint.h>
#include <stdio.h>

#include "reader.h"
#include "rules.h"

enum report_format {
	REPORT_TEXT = 0, /* one line per applicant, then a summary */
	REPORT_CSV, /* input columns verbatim + screen_status,
	                    screen_failed, screen_unknown */
	REPORT_JSONL, /* one JSON object per record */
	REPORT_EXPECT /* only the records whose decision differs from
	                    their expected_status / expected_failed columns */
};

struct report_options {
	enum report_format format;
	int color; /* text: ANSI colour */
	int formula_guard; /* csv: prefix risky cells with ' */
	unsigned only; /* bit (1u << verdict) set: print those; 0: all */
	int summary_only; /* text: the header and summary, no records */
};

/* The columns of one input file that a report shows, or HEADER_ABSENT. */
struct report_columns {
	size_t id; /* applicant_id */
	size_t name; /* full_name */
	size_t expected_status; /* expected_status, for REPORT_EXPECT */
	size_t expected_failed; /* expected_failed, for REPORT_EXPECT */
};

struct report;

/*
 * Creates a report on out (borrowed, not closed by report_free()), or on
 * nothing when out is NULL (it still counts and compares: for --quiet), for
 * rules r (borrowed; must outlive the report) and as-of day asof.
 * Returns NULL when out of memory.  The caller frees it with report_free().
 */
struct report *report_new(FILE *out, const struct report_options *opt,
    const struct rules *r, int32_t asof);

/*
 * Starts an input file: hdr is its header record, cols the columns bound
 * in it.  The csv format writes the header row the first time, and again
 * only when a later file's header differs.  Both are borrowed for the
 * call only.  Returns 0, or -1 on a write error.
 */
int report_file(struct report *rp, const struct record *hdr,
    const struct report_columns *cols);

/*
 * Reports one judged record: findings f (rules_count() of them) as
 * rules_judge() wrote them with col, and the verdict v.  Returns 0, or -1
 * on a write error.  All arguments are borrowed for the call only.
 */
int report_record(struct report *rp, const struct record *rec,
    const size_t *col, enum verdict v, const struct finding *f);

/*
 * Reports a malformed record (VERDICT_ERROR) with its message (the error
 * that the reader gave).  Returns 0, or -1 on a write error.
 */
int
report_error(struct report *rp, const struct record *rec, const char *message);

/*
 * Notes that the input held bytes that are not UTF-8, so that the text
 * summary warns once that it may need --encoding.
 */
void report_note_bad_utf8(struct report *rp);

/*
 * Hands every entry reported so far to the stream and flushes the
 * stream, so that a reader at the other end of a pipe has them now.
 * Returns 0, or -1 if any write failed.
 */
int report_flush(struct report *rp);

/*
 * Ends the report: the text summary, or the expect closing line, and a
 * flush.  Returns 0, or -1 if any write failed.
 */
int report_finish(struct report *rp);

/* The number of records reported with verdict v. */
unsigned long report_count(const struct report *rp, enum verdict v);

/* REPORT_EXPECT: the number of records whose decision differed. */
unsigned long report_mismatches(const struct report *rp);

/* Frees rp; report_free(NULL) does nothing. */
void report_free(struct report *rp);

#endif
