/*
 * format_compare_csv.c - the --compare-rules report as csv: one row per
 * record whose decision the new rule set changes, with its place and
 * the old and the new status, failed and unknown criteria (ids joined
 * with ';') and reasons (joined with "; "):
 *
 *   file,line,applicant_id,full_name,old_status,old_failed,old_unknown,
 *   old_reasons,new_status,new_failed,new_unknown,new_reasons
 *
 * Cells are written as the csv report writes them, guarded against a
 * spreadsheet's formulas unless the guard is off.
 */
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "format.h"

struct compare_csv_state {
	char *reasons; /* a side's reasons cell, being made */
	size_t len;
	size_t cap;
};

static void
compare_csv_start(struct report *rp)
{
	out_str(&rp->out,
	    "file,line,applicant_id,full_name,old_status,old_failed,"
	    "old_unknown,old_reasons,new_status,new_failed,new_unknown,"
	    "new_reasons\n");
}

/* Appends "ID: REASON" to the cell, after "; " unless it is the first. */
static void
add_reason(struct report *rp, const char *id, size_t idlen, size_t k,
    const char *text, size_t len)
{
	struct compare_csv_state *st = rp->state;
	size_t need = st->len + idlen + len + 8;
	char *grown;

	if (need > st->cap) {
		grown = realloc(st->reasons, need * 2);
		if (grown == NULL) {
			rp->out.failed = 1;
			return;
		}
		st->reasons = grown;
		st->cap = need * 2;
	}
	if (k > 0) {
		memcpy(st->reasons + st->len, "; ", 2);
		st->len += 2;
	}
	memcpy(st->reasons + st->len, id, idlen);
	st->len += idlen;
	memcpy(st->reasons + st->len, ": ", 2);
	st->len += 2;
	memcpy(st->reasons + st->len, text, len);
	st->len += len;
}

/* A cell as the csv report writes it. */
static void
cell(struct report *rp, const char *s, size_t n, int last)
{
	char *d = out_room(&rp->out, 2 * n + 4);

	if (d == NULL)
		return;
	d = format_csv_cell(d, s, n, rp->opt.formula_guard);
	*d++ = last ? '\n' : ',';
	out_done(&rp->out, d);
}

/* One side's four cells. */
static void
side(struct report *rp, const struct entry *e, enum compare_side s)
{
	struct compare_csv_state *st = rp->state;
	const struct entry *x = s == COMPARE_OLD ? e->old : e;
	char *d;

	d = out_room(&rp->out, compare_ids_room(rp) + 32);
	if (d == NULL)
		return;
	d = put_str(d, verdict_name(x->verdict));
	*d++ = ',';
	d = compare_put_ids(rp, d, e, s, 0, ';', 0);
	*d++ = ',';
	d = compare_put_ids(rp, d, e, s, 1, ';', 0);
	*d++ = ',';
	out_done(&rp->out, d);
	st->len = 0;
	compare_each_reason(rp, e, s, add_reason);
	cell(rp, st->reasons != NULL ? st->reasons : "", st->len,
	    s == COMPARE_NEW);
}

static void
compare_csv_record(struct report *rp, const struct entry *e)
{
	const struct field *id = report_cell(e->rec, rp->cols.id);
	const struct field *name = report_cell(e->rec, rp->cols.name);
	const char *file = report_file_of(e->rec);
	char line[32];
	int n;

	if (e->old == NULL || !compare_changed(rp, e))
		return;
	cell(rp, file, strlen(file), 0);
	n = snprintf(line, sizeof(line), "%lu", e->rec->line);
	cell(rp, line, (size_t)n, 0);
	cell(rp, id != NULL ? id->ptr : "", id != NULL ? id->len : 0, 0);
	cell(
	    rp, name != NULL ? name->ptr : "", name != NULL ? name->len : 0, 0);
	side(rp, e, COMPARE_OLD);
	side(rp, e, COMPARE_NEW);
}

static void
compare_csv_release(struct report *rp)
{
	struct compare_csv_state *st = rp->state;

	free(st->reasons);
}

const struct format format_compare_csv = {
	.name = "csv",
	.flags = FORMAT_COMPARE | FORMAT_GUARD,
	.state_size = sizeof(struct compare_csv_state),
	.start = compare_csv_start,
	.record = compare_csv_record,
	.error = compare_csv_record,
	.release = compare_csv_release,
};
