/*
 * format.h - what an output format implements, and what it may read of
 * the report that drives it.
 *
 * Each format is one file, src/format_NAME.c, defining one struct format
 * (its row): its name, what options it takes, and its operations, which
 * report.c calls in this order: init (once, when the report is made),
 * plan (for each input, FORMAT_PLAN formats only), start (once, before
 * anything else is written), file (at each input's header), record or error (once per
 * record, in input order, after the report has counted it), finish
 * (once, at the end), release.  An operation writes through rp->out and
 * never fails: a write error is sticky in the output and report.c turns
 * it into a status.  Adding a format is adding its file and one row to
 * the table in report.c; the program (main.c, main_options.c) takes the
 * name, the help line and the options the format accepts from there.
 */
#ifndef CIVPOL_FORMAT_H
#define CIVPOL_FORMAT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "output.h"
#include "report.h"
#include "rules.h"

/* One record, judged or not, as the formats see it. */
struct entry {
	const struct record *rec;
	const size_t *col; /* the rules' column slots, for reasons */
	enum verdict verdict;
	const struct finding *findings; /* NULL for ERROR */
	const char *message; /* ERROR: what the reader said; else NULL */
	unsigned long error_line; /* ERROR: the line it said it of */
	/* The failed, unknown and not applicable criteria, in rule order
	 * (none for ERROR). */
	const size_t *failed;
	size_t nfailed;
	const size_t *unknown;
	size_t nunknown;
	const size_t *not_applicable;
	size_t nnot_applicable;
	/* --compare-rules: the same record judged by the old rule set
	 * (ids and reasons: rp->old), or NULL. */
	const struct entry *old;
};

/*
 * The report, as the formats see it.  Everything here is report.c's,
 * but for state, which is the format's own (state_size bytes, zeroed).
 */
struct report {
	struct output out;
	const struct format *format;
	struct report_options opt;
	const struct rules *rules;
	int32_t asof;
	size_t nrules;
	const char **ids; /* per criterion: rules_id() */
	size_t *idlen; /* per criterion: its length */
	size_t ids_room; /* every id and a separator after each */
	struct report_columns cols; /* of the current file */
	unsigned long counts[VERDICT_COUNT];
	unsigned long *nfail; /* per criterion: records it failed */
	unsigned long *nunknown; /* per criterion: records it was unknown */
	unsigned long mismatches; /* for the expect formats to count */
	unsigned long expect_errors; /* likewise (expect.h) */
	unsigned char *expect_want; /* expect.c's: a byte per criterion */
	int bad_utf8; /* report_note_bad_utf8() was called */
	/* Set by a format whose own temporary file failed first: the
	 * directory it was in, for report_write_dir().  Borrowed from the
	 * format's state. */
	const char *failed_dir;
	void *state;
	/* The rest is the driver's. */
	int started;
	int count_only; /* records are counted, not written */
	int all_required; /* every criterion is required, and applies */
	size_t *failed_ix;
	size_t *unknown_ix;
	size_t *na_ix;
	size_t *order; /* report_rank()'s answer */
	/* --compare-rules: a report of the old set, for its ids, lists and
	 * counts; it writes nothing.  NULL otherwise. */
	struct report *old;
	/* --compare-rules: records by old and new verdict, and those whose
	 * decision changed (compare.h). */
	unsigned long moves[VERDICT_COUNT][VERDICT_COUNT];
	unsigned long changed;
};

/*
 * Writes one csv cell as the csv report writes them: quoted only when
 * it must be, with a leading ' when guard is set and a spreadsheet
 * could run it.  At most 2n + 3 bytes.  For the reports that write csv
 * besides the csv report itself.
 */
char *format_csv_cell(char *d, const char *s, size_t n, int guard);

struct format {
	const char *name;
	unsigned flags;
	size_t state_size;
	/* Returns 0, or -1 when out of memory; may be NULL. */
	int (*init)(struct report *rp);
	void (*start)(struct report *rp);
	/* FORMAT_PLAN: an input's header, before anything is written;
	 * returns 0, or -1 when out of memory. */
	int (*plan)(struct report *rp, const struct record *hdr);
	void (*file)(struct report *rp, const struct record *hdr);
	void (*record)(struct report *rp, const struct entry *e);
	void (*error)(struct report *rp, const struct entry *e);
	void (*finish)(struct report *rp);
	/* Frees what state points to; may be NULL. */
	void (*release)(struct report *rp);
};

/*
 * Helpers the formats share, defined in report.c.
 */

/*
 * The field of rec at index, or NULL when absent.  Borrowed: valid as
 * long as rec.
 */
const struct field *report_cell(const struct record *rec, size_t index);

/*
 * The file name of rec, or "" when it has none.  Borrowed: valid as long
 * as rec.
 */
const char *report_file_of(const struct record *rec);

/*
 * Calls each() for every failed criterion of e, then every unknown one,
 * with the criterion's index i, its rank k among them (0 for the first)
 * and its reason (len bytes at reason, as rules_reason() writes it).
 */
void report_each_reason(struct report *rp, const struct entry *e,
    void (*each)(
        struct report *rp, size_t i, size_t k, const char *reason, size_t len));

/*
 * Writes the ids of the n criteria in ix at d, joined with sep, each in
 * double quotes when json is set, and returns the end: at most
 * rp->ids_room + 2n bytes.
 */
char *report_put_ids(const struct report *rp, char *d, const size_t *ix,
    size_t n, char sep, int json);

/*
 * Ranks the criteria counted in count[] (one count per criterion), most
 * frequent first, ties in rule order, leaving out those counted 0: their
 * indices go to rp->order, and their number is returned.
 */
size_t report_rank(struct report *rp, const unsigned long *count);

/*
 * Who a record is, as the reports name it: the file it was read from,
 * its id and name cells (NULL when it has none) and their lengths.
 * Borrowed: valid as long as the record.
 */
struct report_who {
	const char *file;
	const struct field *id, *name;
	size_t flen, idlen, namelen;
};

/* Fills *w for the record of e. */
static inline void
report_who(const struct report *rp, const struct entry *e, struct report_who *w)
{
	w->file = report_file_of(e->rec);
	w->flen = strlen(w->file);
	w->id = report_cell(e->rec, rp->cols.id);
	w->name = report_cell(e->rec, rp->cols.name);
	w->idlen = w->id != NULL ? w->id->len : 0;
	w->namelen = w->name != NULL ? w->name->len : 0;
}

/*
 * The text reports' first line from the rule set's hash on: " (HASH),
 * profile FILE (HASH), as of DATE" and a blank line (no profile part
 * without one).
 */
void report_put_provenance(struct report *rp);

/* Room for one criterion's reason, truncated to fit. */
#define REPORT_REASON_MAX 512

#endif
