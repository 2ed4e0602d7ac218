/*
 * format_xlsx_record.c - the xlsx report's record: one row of a Screened
 * sheet (format_xlsx.c has the rest of the report, format_xlsx.h the
 * state they share).  The input's cells come first, each as the input
 * said it was (text, number, date or boolean), filled red or amber where
 * a failing or unknown criterion speaks of it, with the reasons in its
 * comment while there is room (XLSX_COMMENTS_MAX); then Status, Failed,
 * Unknown, Not applicable and Reasons.  A row that would pass a sheet's
 * rows or bytes starts the next Screened sheet.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "columns.h"
#include "format.h"
#include "format_xlsx.h"
#include "format_xlsx_lib.h"
#include "header.h"
#include "value.h"
#include "xlsx_look.h"

/* Appends len bytes at s to the Reasons cell, as far as there is room. */
static void
reasons_add(struct xlsx_state *st, const char *s, size_t len)
{
	if (len > st->reasons_cap - st->reasons_len)
		len = st->reasons_cap - st->reasons_len;
	if (len > 0)
		memcpy(st->reasons + st->reasons_len, s, len);
	st->reasons_len += len;
}

static void
reasons_str(struct xlsx_state *st, const char *s)
{
	reasons_add(st, s, strlen(s));
}

/* Criterion i's description, or its id when it has none. */
static const char *
description(const struct report *rp, size_t i)
{
	const char *d = rules_description(rp->rules, i);

	return d != NULL && d[0] != '\0' ? d : rp->ids[i];
}

/*
 * Marks the cells that criterion i's finding speaks of with its fill,
 * and notes its reason for their comments.
 */
static void
mark_cells(struct report *rp, size_t i)
{
	struct xlsx_state *st = rp->state;
	const struct entry *e = st->e;
	const struct finding *f = &e->findings[i];
	enum xlsx_look_fill fill = xlsx_look_fill_of_outcome(f->outcome);
	size_t n, k, field, u;

	if (fill == XLSX_LOOK_PLAIN || e->col == NULL || st->col_of == NULL)
		return;
	n = rules_slots(rp->rules, i, f, st->slots, XLSX_SLOTS_MAX);
	if (n > XLSX_SLOTS_MAX)
		n = XLSX_SLOTS_MAX;
	for (k = 0; k < n; k++) {
		field = e->col[st->slots[k]];
		if (field == HEADER_ABSENT || field >= st->width_in)
			continue;
		u = st->col_of[field];
		if (u == COLUMNS_NONE)
			continue;
		if (st->fill[u] == XLSX_LOOK_PLAIN)
			st->marked[st->nmarked++] = u;
		if (fill > st->fill[u])
			st->fill[u] = (unsigned char)fill;
		if (st->nnotes < st->notes_cap) {
			st->notes[st->nnotes].col = u;
			st->notes[st->nnotes].crit = i;
			st->nnotes++;
		}
	}
}

/*
 * One criterion's reason (report_each_reason()): into the Reasons cell
 * as "DESCRIPTION: REASON", and onto the cells it speaks of.
 */
static void
xlsx_reason(
    struct report *rp, size_t i, size_t k, const char *reason, size_t len)
{
	struct xlsx_state *st = rp->state;

	if (len >= REPORT_REASON_MAX)
		len = REPORT_REASON_MAX - 1;
	memcpy(st->reason + i * REPORT_REASON_MAX, reason, len);
	st->reason_len[i] = len;
	if (k > 0)
		reasons_str(st, "; ");
	reasons_str(st, description(rp, i));
	reasons_str(st, ": ");
	reasons_add(st, reason, len);
	if (!rules_required(rp->rules, i))
		reasons_str(st, " (advisory)");
	mark_cells(rp, i);
}

/* The Reasons cell of an ERROR: the reader's message and the text. */
static void
error_reasons(struct xlsx_state *st, const struct entry *e)
{
	char line[48];
	int n;

	n = snprintf(line, sizeof(line), "line %lu: ", e->error_line);
	if (e->error_line > 0 && n > 0)
		reasons_add(st, line, (size_t)n);
	if (e->message != NULL)
		reasons_str(st, e->message);
	if (e->rec->source == NULL)
		return;
	reasons_str(
	    st, e->rec->source_cut ? "; as read, in part: " : "; as read: ");
	reasons_add(st, e->rec->source, e->rec->source_len);
}

/*
 * Writes field k of the record at (row, col) with fill: as a number, a
 * date or a boolean when the input said it was one and its text reads
 * as one, else as a string.
 */
static int
put_field(struct report *rp, lxw_worksheet *ws, lxw_row_t row, size_t col,
    size_t k, enum xlsx_look_fill fill)
{
	struct xlsx_state *st = rp->state;
	const struct record *rec = st->e->rec;
	const struct field *f = &rec->fields[k];
	int kind = rec->kinds != NULL ? rec->kinds[k] : FIELD_TEXT;
	lxw_format *fmt = fill != XLSX_LOOK_PLAIN ? st->cell[fill][0] : NULL;
	lxw_datetime dt;
	size_t len, width;
	int32_t day;
	double v;
	char *end;
	int cut;

	if (kind == FIELD_TEXT || f->len == 0 || f->len > 64)
		return xlsx_put_string(rp, ws, row, col, f->ptr, f->len, fmt);
	len = xlsx_look_text(st->text, f->ptr, f->len, &width, &cut);
	st->row_bytes += len + XLSX_LOOK_CELL_BYTES;
	if (width > st->widest[col])
		st->widest[col] = width;
	if (kind == FIELD_NUMBER) {
		errno = 0;
		v = strtod(st->text, &end);
		if (end == st->text + len && errno == 0 && isfinite(v))
			return xlsx_check(rp,
			           st->lib.worksheet_write_number(
			               ws, row, (lxw_col_t)col, v, fmt))
			    ? -1
			    : 0;
	} else if (kind == FIELD_DATE) {
		if (value_parse_iso(st->text, &day) == 0) {
			memset(&dt, 0, sizeof(dt));
			value_civil_from_days(
			    day, &dt.year, &dt.month, &dt.day);
			return xlsx_check(rp,
			           st->lib.worksheet_write_datetime(ws, row,
			               (lxw_col_t)col, &dt, st->cell[fill][1]))
			    ? -1
			    : 0;
		}
	} else if (kind == FIELD_BOOL) {
		if (strcmp(st->text, "TRUE") == 0 ||
		    strcmp(st->text, "FALSE") == 0)
			return xlsx_check(rp,
			           st->lib.worksheet_write_boolean(ws, row,
			               (lxw_col_t)col, st->text[0] == 'T', fmt))
			    ? -1
			    : 0;
	}
	return xlsx_check(rp,
	           st->lib.worksheet_write_string(
	               ws, row, (lxw_col_t)col, st->text, fmt))
	    ? -1
	    : 0;
}

/* Writes the ids of the n criteria at ix, joined with "; ". */
static int
put_ids(struct report *rp, lxw_worksheet *ws, lxw_row_t row, size_t col,
    const size_t *ix, size_t n)
{
	struct xlsx_state *st = rp->state;
	size_t k, len = 0;

	for (k = 0; k < n; k++) {
		if (k > 0) {
			memcpy(st->comment + len, "; ", 2);
			len += 2;
		}
		memcpy(st->comment + len, rp->ids[ix[k]], rp->idlen[ix[k]]);
		len += rp->idlen[ix[k]];
	}
	return xlsx_put_string(rp, ws, row, col, st->comment, len, NULL);
}

/*
 * Writes the comment of column u: the reasons noted for it, each after
 * its criterion's description, one a line.
 */
static int
put_comment(struct report *rp, lxw_worksheet *ws, lxw_row_t row, size_t u)
{
	struct xlsx_state *st = rp->state;
	lxw_comment_options opt;
	size_t k, i, len = 0, n, width;
	const char *d;
	int cut;

	for (k = 0; k < st->nnotes; k++) {
		if (st->notes[k].col != u)
			continue;
		i = st->notes[k].crit;
		d = description(rp, i);
		n = strlen(d);
		if (len + n + 3 + st->reason_len[i] > st->comment_cap)
			break;
		if (len > 0)
			st->comment[len++] = '\n';
		memcpy(st->comment + len, d, n);
		len += n;
		memcpy(st->comment + len, ": ", 2);
		len += 2;
		memcpy(st->comment + len, st->reason + i * REPORT_REASON_MAX,
		    st->reason_len[i]);
		len += st->reason_len[i];
	}
	(void)xlsx_look_text(st->text, st->comment, len, &width, &cut);
	memset(&opt, 0, sizeof(opt));
	opt.x_scale = 2.5;
	opt.y_scale = 1.5;
	return xlsx_check(rp,
	           st->lib.worksheet_write_comment_opt(
	               ws, row, (lxw_col_t)u, st->text, &opt))
	    ? -1
	    : 0;
}

/* The comments of the row's marked cells, while there is room for all. */
static void
put_comments(struct report *rp, lxw_worksheet *ws, lxw_row_t row)
{
	struct xlsx_state *st = rp->state;
	size_t k;

	if (st->nmarked == 0 || st->comments_over)
		return;
	if (st->ncomments + st->nmarked > XLSX_COMMENTS_MAX) {
		st->comments_over = 1;
		return;
	}
	for (k = 0; k < st->nmarked; k++)
		if (put_comment(rp, ws, row, st->marked[k]) != 0)
			return;
	st->ncomments += st->nmarked;
	st->commented_records = st->records + 1;
}

/* Clears the fills of the last record's cells. */
static void
clear_marks(struct xlsx_state *st)
{
	size_t k;

	for (k = 0; k < st->nmarked; k++)
		st->fill[st->marked[k]] = XLSX_LOOK_PLAIN;
	st->nmarked = 0;
	st->nnotes = 0;
}

/*
 * The bytes the row of e will take, roughly: its fields and its Reasons
 * cell, and the cost of every cell.
 */
static unsigned long long
estimate(const struct xlsx_state *st, const struct entry *e)
{
	unsigned long long n = st->reasons_len;
	size_t k;

	for (k = 0; k < e->rec->nfields; k++)
		n += e->rec->fields[k].len;
	return n + (unsigned long long)st->ncells * XLSX_LOOK_CELL_BYTES;
}

/* One row of a Screened sheet: the input's cells, then the report's. */
void
xlsx_record(struct report *rp, const struct entry *e)
{
	struct xlsx_state *st = rp->state;
	const struct record *rec = e->rec;
	lxw_worksheet *ws;
	lxw_row_t row;
	size_t u, k;
	enum xlsx_look_fill fill;

	if (st->wb == NULL || rp->out.failed || !st->header_out)
		return;
	clear_marks(st);
	st->e = e;
	st->reasons_len = 0;
	if (e->verdict == VERDICT_ERROR)
		error_reasons(st, e);
	else
		report_each_reason(rp, e, xlsx_reason);
	if (xlsx_look_sheet_full(
	        st->sheets[st->nsheets - 1].rows, st->bytes, estimate(st, e)) &&
	    xlsx_add_sheet(rp) == NULL)
		return;
	if (rp->out.failed)
		return;
	ws = st->sheets[st->nsheets - 1].ws;
	row = (lxw_row_t)st->sheets[st->nsheets - 1].rows;
	st->row_bytes = 0;
	for (u = 0; u < st->cols.n; u++) {
		k = st->field_of != NULL ? st->field_of[u] : COLUMNS_NONE;
		if (k == COLUMNS_NONE || k >= rec->nfields)
			continue;
		if (put_field(rp, ws, row, u, k,
		        (enum xlsx_look_fill)st->fill[u]) != 0)
			return;
	}
	fill = xlsx_look_fill_of_verdict(e->verdict);
	if (xlsx_put_string(rp, ws, row, st->own[OWN_STATUS],
	        verdict_name(e->verdict), strlen(verdict_name(e->verdict)),
	        st->status[fill]) != 0 ||
	    put_ids(rp, ws, row, st->own[OWN_FAILED], e->failed, e->nfailed) !=
	        0 ||
	    put_ids(rp, ws, row, st->own[OWN_UNKNOWN], e->unknown,
	        e->nunknown) != 0)
		return;
	if (st->own[OWN_NOT_APPLICABLE] != COLUMNS_NONE &&
	    put_ids(rp, ws, row, st->own[OWN_NOT_APPLICABLE], e->not_applicable,
	        e->nnot_applicable) != 0)
		return;
	if (xlsx_put_string(rp, ws, row, st->own[OWN_REASONS], st->reasons,
	        st->reasons_len, NULL) != 0)
		return;
	put_comments(rp, ws, row);
	st->sheets[st->nsheets - 1].rows++;
	st->bytes += st->row_bytes;
	st->records++;
}
