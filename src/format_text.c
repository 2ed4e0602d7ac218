/*
 * format_text.c - the text report, for a person at a terminal.
 *
 * A first line names the rule set, its hash and the as-of date; then one
 * line per record, FILE:LINE  STATUS  ID  NAME  | reasons (or the
 * reader's message for an ERROR record), with control bytes shown as
 * \xNN so that a line stays one line; then the summary: the statuses
 * counted, and how many records failed (or left unknown) each
 * criterion, most frequent first.  Colour is ANSI, when asked for.
 */
#include <string.h>

#include "format.h"
#include "value.h"

/* The width that status words are padded to. */
#define STATUS_WIDTH 6
/* The most that put_status() writes: colour, word, reset, padding. */
#define STATUS_ROOM 32

struct text_state {
	int lines; /* a record line was written */
};

/* clang-format off */
static const char *const status_color[VERDICT_COUNT] = {
	"\033[32m", "\033[31m", "\033[33m", "\033[1;31m"
};
/* clang-format on */

static const char color_reset[] = "\033[0m";

static void
text_start(struct report *rp)
{
	const char *name = rules_name(rp->rules);

	out_str(&rp->out, "rules ");
	out_text(&rp->out, name, strlen(name));
	report_put_provenance(rp);
}

/*
 * Writes the status word, coloured when asked, and padded when pad is
 * set.  At most STATUS_ROOM bytes.
 */
static char *
put_status(const struct report *rp, char *d, enum verdict v, int pad)
{
	const char *word = verdict_name(v);
	size_t n = strlen(word);

	if (rp->opt.color)
		d = put_str(d, status_color[v]);
	d = put_bytes(d, word, n);
	if (rp->opt.color)
		d = put_str(d, color_reset);
	for (; pad && n < STATUS_WIDTH; n++)
		*d++ = ' ';
	return d;
}

/* "ID: REASON", after "; " unless it is the first, marked if advisory. */
static void
text_reason(
    struct report *rp, size_t i, size_t k, const char *reason, size_t len)
{
	char *d = out_room(&rp->out, rp->idlen[i] + 4 * len + 32);

	if (d == NULL)
		return;
	if (k > 0)
		d = put_str(d, "; ");
	d = put_bytes(d, rp->ids[i], rp->idlen[i]);
	d = put_str(d, ": ");
	d = put_text(d, reason, len);
	if (!rules_required(rp->rules, i))
		d = put_str(d, " (advisory)");
	out_done(&rp->out, d);
}

/*
 * FILE:LINE  STATUS  ID  NAME  | reasons, or the message of an ERROR.
 * The part before the reasons asks for room once.
 */
static void
text_record(struct report *rp, const struct entry *e)
{
	struct text_state *st = rp->state;
	struct report_who w;
	int list = e->verdict == VERDICT_ERROR ||
	    e->nfailed + e->nunknown + e->nnot_applicable > 0;
	char *d;

	report_who(rp, e, &w);
	st->lines = 1;
	d = out_room(&rp->out,
	    4 * (w.flen + w.idlen + w.namelen) + OUTPUT_ULONG_ROOM +
	        STATUS_ROOM + 16);
	if (d == NULL)
		return;
	d = put_text(d, w.file, w.flen);
	*d++ = ':';
	d = put_ulong(d, e->rec->line);
	d = put_str(d, "  ");
	d = put_status(
	    rp, d, e->verdict, w.id != NULL || w.name != NULL || list);
	if (w.id != NULL) {
		d = put_str(d, "  ");
		d = put_text(d, w.id->ptr, w.id->len);
	}
	if (w.name != NULL) {
		d = put_str(d, "  ");
		d = put_text(d, w.name->ptr, w.name->len);
	}
	if (list)
		d = put_str(d, "  | ");
	out_done(&rp->out, d);
	if (e->verdict == VERDICT_ERROR && e->message != NULL)
		out_text(&rp->out, e->message, strlen(e->message));
	else if (e->verdict != VERDICT_ERROR)
		report_each_reason(rp, e, text_reason);
	out_byte(&rp->out, '\n');
}

/*
 * Writes title and one aligned line per criterion counted in count[],
 * most frequent first, ties in rule order.
 */
static void
summary_block(struct report *rp, const char *title, const unsigned long *count)
{
	size_t i, k, n, width = 0;

	n = report_rank(rp, count);
	if (n == 0)
		return;
	for (k = 0; k < n; k++)
		if (rp->idlen[rp->order[k]] > width)
			width = rp->idlen[rp->order[k]];
	out_str(&rp->out, title);
	out_byte(&rp->out, '\n');
	for (k = 0; k < n; k++) {
		i = rp->order[k];
		out_str(&rp->out, "  ");
		out_bytes(&rp->out, rp->ids[i], rp->idlen[i]);
		out_spaces(&rp->out, width - rp->idlen[i] + 2);
		out_ulong(&rp->out, count[i]);
		out_byte(&rp->out, '\n');
	}
}

static void
text_finish(struct report *rp)
{
	struct text_state *st = rp->state;
	unsigned long total = 0;
	int v;

	for (v = 0; v < VERDICT_COUNT; v++)
		total += rp->counts[v];
	/* A blank line parts the records from the summary, if any. */
	if (st->lines)
		out_byte(&rp->out, '\n');
	out_str(&rp->out, "screened ");
	out_ulong(&rp->out, total);
	out_str(&rp->out, " records: ");
	for (v = 0; v < VERDICT_COUNT; v++) {
		if (v > 0)
			out_str(&rp->out, ", ");
		out_ulong(&rp->out, rp->counts[v]);
		out_byte(&rp->out, ' ');
		out_str(&rp->out, verdict_name((enum verdict)v));
	}
	out_byte(&rp->out, '\n');
	summary_block(rp, "failed:", rp->nfail);
	summary_block(rp, "unknown:", rp->nunknown);
	if (rp->bad_utf8)
		out_str(&rp->out,
		    "note: the input is not valid UTF-8; if names look"
		    " wrong, try --encoding windows-1252\n");
}

const struct format format_text = {
	.name = "text",
	.flags = FORMAT_SUMMARY | FORMAT_ONLY | FORMAT_COLOR,
	.state_size = sizeof(struct text_state),
	.start = text_start,
	.record = text_record,
	.error = text_record,
	.finish = text_finish,
};
