/*
 * report.h - decisions in, text out, in any of the formats of the table
 * in report.c (text, csv, jsonl, and --expect's comparison with expected
 * decisions).
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

struct format;

/* What a format takes besides writing records. */
enum format_flag {
	FORMAT_SUMMARY = 1 << 0, /* --summary: the summary alone */
	FORMAT_ONLY = 1 << 1, /* --only: some statuses only */
	FORMAT_COLOR = 1 << 2, /* --color */
	FORMAT_GUARD = 1 << 3, /* --no-formula-guard */
	FORMAT_EXPECT = 1 << 4, /* an --expect report, not a screening one */
	FORMAT_PLAN = 1 << 5, /* one header for all inputs: report_plan() */
	FORMAT_UPDATE = 1 << 6, /* --update's, not one --format names */
	FORMAT_COMPARE = 1 << 7, /* a --compare-rules report */
	FORMAT_BINARY = 1 << 8 /* bytes for a program, not a terminal */
};

/* Which formats a name is looked up among: report_format_find(). */
enum report_kind {
	REPORT_KIND_SCREEN = 0, /* screening reports */
	REPORT_KIND_EXPECT = 1, /* --expect reports */
	REPORT_KIND_COMPARE = 2 /* --compare-rules reports */
};

struct fixture;

struct report_options {
	/* The format: from report_format_find(); NULL means text. */
	const struct format *format;
	int color; /* formats with FORMAT_COLOR: ANSI colour */
	int formula_guard; /* formats with FORMAT_GUARD: guard risky cells */
	unsigned only; /* bit (1u << verdict) set: print those; 0: all */
	int summary_only; /* formats with FORMAT_SUMMARY: no records */
	/* The profile in use, named beside the rules, or NULL.  Borrowed:
	 * must outlive the report. */
	const char *profile;
	const char *profile_hash;
	/* --update: the fixture the update report notes its changes in.
	 * Borrowed: must outlive the report. */
	struct fixture *fixture;
	/* --compare-rules: the old rule set, judged beside the report's
	 * (report_compare()).  Borrowed: must outlive the report. */
	const struct rules *compare_old;
	/* When the run started, in seconds since 1970 (UTC): the html
	 * report says so. */
	int64_t ran_at;
};

/*
 * The format named name (NUL-terminated), among the formats of kind (an
 * enum report_kind), or NULL.  Static storage.
 */
const struct format *report_format_find(const char *name, int kind);

/* The --update report's format.  Static storage. */
const struct format *report_format_update(void);

/*
 * The screening formats' names, in table order (the first is the
 * default), for --help and messages: the i-th, or NULL past the last.
 * Static storage.
 */
const char *report_format_name(size_t i, int kind);

/* Nonzero when format f takes option flag (a FORMAT_ flag). */
int report_format_takes(const struct format *f, unsigned flag);

/* f's name.  Static storage. */
const char *report_format_title(const struct format *f);

/* The columns of one input file that a report shows, or HEADER_ABSENT. */
struct report_columns {
	size_t id; /* applicant_id */
	size_t name; /* full_name */
	size_t expected_status; /* expected_status, for --expect */
	size_t expected_failed; /* expected_failed, for --expect */
	size_t expected_unknown; /* expected_unknown, for --expect */
};

struct report;

/*
 * Creates a report on out (not closed by report_free()), or on nothing
 * when out is NULL (it still counts and compares: for --quiet), for rules
 * r and as-of day asof.  Borrowed: out and r must outlive the report.
 * Returns NULL when out of memory.  The caller frees it with
 * report_free().
 */
struct report *report_new(FILE *out, const struct report_options *opt,
    const struct rules *r, int32_t asof);

/*
 * Declares the header of an input before anything is written, for the
 * formats that write one header for all inputs (FORMAT_PLAN: the csv
 * report writes the union of their columns): the caller reads every
 * input's header first, plans each in order, then screens.  A format
 * that is not planned for takes the first input's header as its plan.
 * Returns 0, or -1 when out of memory.
 */
int report_plan(struct report *rp, const struct record *hdr);

/*
 * Starts an input file: hdr is its header record, cols the columns bound
 * in it.  The csv format writes its one header row the first time: the
 * union of the planned headers (report_plan()), or this first header
 * when none was planned, a later file's columns then placed under it
 * where their names are in it.  Returns 0, or -1 on a write error.
 */
int report_file(struct report *rp, const struct record *hdr,
    const struct report_columns *cols);

/*
 * Reports one judged record: findings f (rules_count() of them) as
 * rules_judge() wrote them with col, and the verdict v.  Returns 0, or -1
 * on a write error.
 */
int report_record(struct report *rp, const struct record *rec,
    const size_t *col, enum verdict v, const struct finding *f);

/*
 * Reports one record judged by two rule sets (--compare-rules): by the
 * report's as report_record() takes it, and by the old set (the
 * options' compare_old) with old_col, old_v and old_f.  Returns 0, or -1
 * on a write error.
 */
int report_compare(struct report *rp, const struct record *rec,
    const size_t *col, enum verdict v, const struct finding *f,
    const size_t *old_col, enum verdict old_v, const struct finding *old_f);

/*
 * Reports a malformed record (VERDICT_ERROR) with the error that the
 * reader gave: its message, and its line.  Returns 0, or -1 on a write
 * error.
 */
int report_error(
    struct report *rp, const struct record *rec, const struct error *err);

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

/* The errno of the first write that failed, or 0. */
int report_write_errno(const struct report *rp);

/* --compare-rules: the number of records whose decision changed. */
unsigned long report_changed(const struct report *rp);
/*
 * When the first write that failed was to a temporary file of the
 * format's own (the html report's spool), not to the stream: the
 * directory it was in; else NULL.  Borrowed: valid until report_free().
 */
const char *report_write_dir(const struct report *rp);
/*
 * Why the first write failed in words, when the format said more than an
 * errno can (a limit of its file format, its library's error), or NULL.
 * Borrowed: valid until report_free().
 */
const char *report_write_why(const struct report *rp);

/* --expect: the number of records whose decision differed. */
unsigned long report_mismatches(const struct report *rp);

/*
 * --expect: the number of records whose expected_ cells name a criterion
 * the rule set does not have (an error in the fixture).
 */
unsigned long report_expect_errors(const struct report *rp);

/* Frees rp; report_free(NULL) does nothing. */
void report_free(struct report *rp);

#endif
