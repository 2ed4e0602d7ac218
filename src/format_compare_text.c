/*
 * format_compare_text.c - the --compare-rules report as text: each
 * record whose decision the new rule set changes, then the moves.
 *
 *   FILE:LINE: ID: PASS [] -> FAIL [citizenship] | now: citizenship: ...
 *
 * The brackets hold the failed criteria, "unknown [...]" the unknown
 * ones where either side has some; "was:" gives the old reasons and
 * "now:" the new, where there are any.  Then "compare: N records, M
 * changed", and one line per move of status ("PASS -> FAIL  12").
 */
#include <string.h>

#include "compare.h"
#include "format.h"
#include "value.h"

/* One side: STATUS [failed] and, when asked, unknown [...]. */
static void
side(struct report *rp, const struct entry *e, enum compare_side s,
    int with_unknown)
{
	const struct entry *x = s == COMPARE_OLD ? e->old : e;
	char *d = out_room(&rp->out, compare_ids_room(rp) + 32);

	if (d == NULL)
		return;
	d = put_str(d, verdict_name(x->verdict));
	d = put_str(d, " [");
	d = compare_put_ids(rp, d, e, s, 0, ';', 0);
	*d++ = ']';
	if (with_unknown) {
		d = put_str(d, " unknown [");
		d = compare_put_ids(rp, d, e, s, 1, ';', 0);
		*d++ = ']';
	}
	out_done(&rp->out, d);
}

struct compare_text_state {
	const char *label; /* "was: " or "now: ", before the first reason */
};

/* "ID: REASON", after "; " unless first, after the label when first. */
static void
reason(struct report *rp, const char *id, size_t idlen, size_t k,
    const char *text, size_t len)
{
	struct compare_text_state *st = rp->state;

	if (k == 0) {
		out_str(&rp->out, " | ");
		out_str(&rp->out, st->label);
	} else
		out_str(&rp->out, "; ");
	out_text(&rp->out, id, idlen);
	out_str(&rp->out, ": ");
	out_text(&rp->out, text, len);
}

static void
compare_record(struct report *rp, const struct entry *e)
{
	struct compare_text_state *st = rp->state;
	const struct field *id = report_cell(e->rec, rp->cols.id);
	const char *file = report_file_of(e->rec);
	int with_unknown;

	if (e->old == NULL || !compare_changed(rp, e))
		return;
	with_unknown = e->nunknown > 0 || e->old->nunknown > 0;
	out_text(&rp->out, file, strlen(file));
	out_byte(&rp->out, ':');
	out_ulong(&rp->out, e->rec->line);
	out_str(&rp->out, ": ");
	if (id != NULL && id->len > 0) {
		out_text(&rp->out, id->ptr, id->len);
		out_str(&rp->out, ": ");
	}
	side(rp, e, COMPARE_OLD, with_unknown);
	out_str(&rp->out, " -> ");
	side(rp, e, COMPARE_NEW, with_unknown);
	st->label = "was: ";
	compare_each_reason(rp, e, COMPARE_OLD, reason);
	st->label = "now: ";
	compare_each_reason(rp, e, COMPARE_NEW, reason);
	out_byte(&rp->out, '\n');
}

/* "rules OLD (HASH) -> NEW (HASH), as of DATE", as the text report's. */
static void
compare_start(struct report *rp)
{
	const char *old = rp->old != NULL ? rules_name(rp->old->rules) : "";
	const char *now = rules_name(rp->rules);

	out_str(&rp->out, "rules ");
	out_text(&rp->out, old, strlen(old));
	out_str(&rp->out, " (");
	out_str(&rp->out, rp->old != NULL ? rules_hash(rp->old->rules) : "");
	out_str(&rp->out, ") -> ");
	out_text(&rp->out, now, strlen(now));
	report_put_provenance(rp);
}

/* An ERROR record is said, as it is left out of the comparison. */
static void
compare_error(struct report *rp, const struct entry *e)
{
	const char *file = report_file_of(e->rec);

	out_text(&rp->out, file, strlen(file));
	out_byte(&rp->out, ':');
	out_ulong(&rp->out, e->rec->line);
	out_str(&rp->out, ": ERROR, not compared: ");
	if (e->message != NULL)
		out_text(&rp->out, e->message, strlen(e->message));
	out_byte(&rp->out, '\n');
}

static void
compare_finish(struct report *rp)
{
	unsigned long total = 0, changed;
	int v, w;

	for (v = 0; v < VERDICT_COUNT; v++)
		total += rp->counts[v];
	changed = report_changed(rp);
	out_str(&rp->out, "compare: ");
	out_ulong(&rp->out, total);
	out_str(&rp->out, total == 1 ? " record, " : " records, ");
	out_ulong(&rp->out, changed);
	out_str(&rp->out, " changed\n");
	for (v = 0; v < VERDICT_ERROR; v++)
		for (w = 0; w < VERDICT_ERROR; w++) {
			if (v == w || rp->moves[v][w] == 0)
				continue;
			out_str(&rp->out, "  ");
			out_str(&rp->out, verdict_name((enum verdict)v));
			out_str(&rp->out, " -> ");
			out_str(&rp->out, verdict_name((enum verdict)w));
			out_spaces(&rp->out,
			    16 - strlen(verdict_name((enum verdict)v)) -
			        strlen(verdict_name((enum verdict)w)));
			out_ulong(&rp->out, rp->moves[v][w]);
			out_byte(&rp->out, '\n');
		}
}

const struct format format_compare_text = {
	.name = "text",
	.flags = FORMAT_COMPARE,
	.state_size = sizeof(struct compare_text_state),
	.start = compare_start,
	.record = compare_record,
	.error = compare_error,
	.finish = compare_finish,
};
