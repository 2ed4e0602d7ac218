/*
 * format_xlsx_sheets.c - the xlsx report's Summary and Rules sheets,
 * added once every record is in, after the Screened ones (format_xlsx.c
 * has the rest of the report, format_xlsx.h the state they share).
 * "Summary" counts the records by status and the failures and unknowns
 * by criterion, with a bar chart of them, and notes where the comments
 * stop, which statuses are shown and which cells were cut; "Rules" says
 * how the workbook was made: the program, the rule set (name, hash,
 * source, every rule and its text), the profile, the as-of date and the
 * inputs with their records.
 */
#include <stdio.h>
#include <string.h>

#include "format.h"
#include "format_xlsx.h"
#include "format_xlsx_lib.h"
#include "value.h"
#include "xlsx_look.h"

/* A row of two cells, a label in bold and a string. */
static void
put_pair(struct report *rp, lxw_worksheet *ws, lxw_row_t row, const char *label,
    const char *value)
{
	struct xlsx_state *st = rp->state;

	if (xlsx_put_string(rp, ws, row, 0, label, strlen(label), st->bold) ==
	    0)
		(void)xlsx_put_string(
		    rp, ws, row, 1, value, strlen(value), NULL);
}

/* A number cell. */
static void
put_number(struct report *rp, lxw_worksheet *ws, lxw_row_t row, size_t col,
    unsigned long v, lxw_format *fmt)
{
	struct xlsx_state *st = rp->state;

	(void)xlsx_check(rp,
	    st->lib.worksheet_write_number(
	        ws, row, (lxw_col_t)col, (double)v, fmt));
}

/* The as-of date, as a date. */
static void
put_asof(struct report *rp, lxw_worksheet *ws, lxw_row_t row)
{
	struct xlsx_state *st = rp->state;
	lxw_datetime dt;

	memset(&dt, 0, sizeof(dt));
	value_civil_from_days(rp->asof, &dt.year, &dt.month, &dt.day);
	if (xlsx_put_string(rp, ws, row, 0, "As of", 5, st->bold) == 0)
		(void)xlsx_check(rp,
		    st->lib.worksheet_write_datetime(
		        ws, row, 1, &dt, st->date));
}

/* Summary: where its tables start, for the chart. */
#define SUMMARY_STATUS_ROW 6
#define SUMMARY_CRITERIA_ROW (SUMMARY_STATUS_ROW + VERDICT_COUNT + 1)

/* The bar chart of failures and unknowns by criterion, beside them. */
static void
summary_chart(struct report *rp, lxw_worksheet *ws)
{
	struct xlsx_state *st = rp->state;
	lxw_row_t first = SUMMARY_CRITERIA_ROW + 1;
	lxw_row_t last = (lxw_row_t)(first + rp->nrules - 1);
	lxw_chart_fill red = { 0 }, amber = { 0 };
	lxw_chart_options opt;
	lxw_chart_series *s;
	lxw_chart *ch;

	if (rp->nrules == 0)
		return;
	ch = st->lib.workbook_add_chart(st->wb, LXW_CHART_BAR);
	if (ch == NULL) {
		output_fail(&rp->out, ENOMEM, NULL);
		return;
	}
	st->lib.chart_title_set_name(ch, "Failures and unknowns by criterion");
	red.color = xlsx_look_colours_of(XLSX_LOOK_FAILED).font;
	amber.color = xlsx_look_colours_of(XLSX_LOOK_UNKNOWN).font;
	s = st->lib.chart_add_series(ch, NULL, NULL);
	if (s != NULL) {
		st->lib.chart_series_set_categories(
		    s, "Summary", first, 0, last, 0);
		st->lib.chart_series_set_values(
		    s, "Summary", first, 2, last, 2);
		st->lib.chart_series_set_name(s, "Failed");
		st->lib.chart_series_set_fill(s, &red);
	}
	s = st->lib.chart_add_series(ch, NULL, NULL);
	if (s != NULL) {
		st->lib.chart_series_set_categories(
		    s, "Summary", first, 0, last, 0);
		st->lib.chart_series_set_values(
		    s, "Summary", first, 3, last, 3);
		st->lib.chart_series_set_name(s, "Unknown");
		st->lib.chart_series_set_fill(s, &amber);
	}
	/* Bars run down in rule order, as the table does. */
	st->lib.chart_axis_set_reverse(ch->y_axis);
	st->lib.chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
	memset(&opt, 0, sizeof(opt));
	opt.x_scale = 1.5;
	opt.y_scale = rp->nrules > 12 ? (double)rp->nrules / 8.0 : 1.5;
	(void)xlsx_check(
	    rp, st->lib.worksheet_insert_chart_opt(ws, 1, 6, ch, &opt));
}

/* Where the comments go, in words, for the Summary sheet. */
static void
comments_note(struct report *rp, char *buf, size_t size)
{
	struct xlsx_state *st = rp->state;

	if (!st->comments_over)
		(void)snprintf(buf, size,
		    "every red or amber cell carries its reasons in a comment");
	else if (st->commented_records > 0)
		(void)snprintf(buf, size,
		    "comments on red and amber cells of records 1 to %lu "
		    "(%lu comments at most); after them, the Reasons column",
		    st->commented_records, XLSX_COMMENTS_MAX);
	else
		(void)snprintf(buf, size,
		    "no comments (%lu at most); the Reasons column says why",
		    XLSX_COMMENTS_MAX);
}

/* Which statuses the Screened sheet shows (--only), in words. */
static void
only_note(const struct report *rp, char *buf, size_t size)
{
	size_t len;
	int v;

	len = (size_t)snprintf(buf, size, "the Screened sheet holds the");
	for (v = 0; v < VERDICT_COUNT && len < size; v++)
		if (rp->opt.only & (1u << v))
			len += (size_t)snprintf(buf + len, size - len, " %s",
			    verdict_name((enum verdict)v));
	if (len < size)
		(void)snprintf(buf + len, size - len,
		    " records alone; the counts cover them all");
}

/* The widest criterion's description, in characters, roughly. */
static size_t
widest_description(const struct report *rp)
{
	size_t i, n, widest = 0;
	const char *d;

	for (i = 0; i < rp->nrules; i++) {
		d = rules_description(rp->rules, i);
		n = d != NULL ? strlen(d) : 0;
		if (n > widest)
			widest = n;
	}
	return widest;
}

void
xlsx_write_summary(struct report *rp)
{
	struct xlsx_state *st = rp->state;
	lxw_worksheet *ws = st->lib.workbook_add_worksheet(st->wb, "Summary");
	static const char *const heads[] = { "Criterion", "Level", "Failed",
		"Unknown", "Description" };
	char text[OUTPUT_WHY_MAX + 64];
	unsigned long total;
	lxw_row_t row;
	size_t i;
	int v;

	if (ws == NULL) {
		output_fail(&rp->out, ENOMEM, NULL);
		return;
	}
	total = xlsx_counted(rp);
	(void)xlsx_put_string(rp, ws, 0, 0, "Screening summary", 17, st->bold);
	(void)snprintf(text, sizeof(text), "%s (%s)", rules_name(rp->rules),
	    rules_hash(rp->rules));
	put_pair(rp, ws, 1, "Rule set", text);
	put_asof(rp, ws, 2);
	(void)xlsx_put_string(rp, ws, 3, 0, "Records", 7, st->bold);
	put_number(rp, ws, 3, 1, total, NULL);
	(void)xlsx_put_string(
	    rp, ws, SUMMARY_STATUS_ROW - 1, 0, "Status", 6, st->bold);
	(void)xlsx_put_string(
	    rp, ws, SUMMARY_STATUS_ROW - 1, 1, "Records", 7, st->bold);
	for (v = 0; v < VERDICT_COUNT; v++) {
		row = (lxw_row_t)(SUMMARY_STATUS_ROW + v);
		(void)xlsx_put_string(rp, ws, row, 0,
		    verdict_name((enum verdict)v),
		    strlen(verdict_name((enum verdict)v)),
		    st->status[xlsx_look_fill_of_verdict((enum verdict)v)]);
		put_number(rp, ws, row, 1, rp->counts[v], NULL);
	}
	for (i = 0; i < sizeof(heads) / sizeof(*heads); i++)
		(void)xlsx_put_string(rp, ws, SUMMARY_CRITERIA_ROW, i, heads[i],
		    strlen(heads[i]), st->bold);
	for (i = 0; i < rp->nrules; i++) {
		const char *level =
		    rules_required(rp->rules, i) ? "required" : "advisory";
		const char *d = rules_description(rp->rules, i);

		row = (lxw_row_t)(SUMMARY_CRITERIA_ROW + 1 + i);
		(void)xlsx_put_string(
		    rp, ws, row, 0, rp->ids[i], rp->idlen[i], NULL);
		(void)xlsx_put_string(
		    rp, ws, row, 1, level, strlen(level), NULL);
		put_number(rp, ws, row, 2, rp->nfail[i], NULL);
		put_number(rp, ws, row, 3, rp->nunknown[i], NULL);
		(void)xlsx_put_string(rp, ws, row, 4, d != NULL ? d : "",
		    d != NULL ? strlen(d) : 0, NULL);
	}
	/* Notes, one a row, after the criteria. */
	row = (lxw_row_t)(SUMMARY_CRITERIA_ROW + 2 + rp->nrules);
	comments_note(rp, text, sizeof(text));
	put_pair(rp, ws, row++, "Comments", text);
	if (rp->opt.only != 0) {
		only_note(rp, text, sizeof(text));
		put_pair(rp, ws, row++, "Shown", text);
	}
	if (st->nsheets > 1) {
		(void)snprintf(text, sizeof(text),
		    "the records fill %zu Screened sheets (a sheet holds "
		    "%lu rows)",
		    st->nsheets, XLSX_LOOK_ROWS_MAX);
		put_pair(rp, ws, row++, "Sheets", text);
	}
	if (st->cut > 0) {
		(void)snprintf(text, sizeof(text),
		    "%lu cells cut to %d characters, the most a cell holds",
		    st->cut, XLSX_LOOK_CHARS_MAX);
		put_pair(rp, ws, row, "Cut", text);
	}
	(void)xlsx_check(rp, st->lib.worksheet_set_column(ws, 0, 0, 22, NULL));
	(void)xlsx_check(rp, st->lib.worksheet_set_column(ws, 1, 1, 12, NULL));
	(void)xlsx_check(rp,
	    st->lib.worksheet_set_column(ws, 4, 4,
	        xlsx_look_column_width(widest_description(rp)), NULL));
	summary_chart(rp, ws);
}

/* The rule set's text, a line a row, from row on. */
static void
rules_text_rows(struct report *rp, lxw_worksheet *ws, lxw_row_t row)
{
	size_t len, at = 0, end;
	const char *text = rules_text(rp->rules, &len);

	while (at < len && !rp->out.failed && row < XLSX_LOOK_ROWS_MAX) {
		for (end = at; end < len && text[end] != '\n'; end++)
			;
		if (xlsx_put_string(rp, ws, row++, 0, text + at,
		        end > at && text[end - 1] == '\r' ? end - at - 1
		                                          : end - at,
		        NULL) != 0)
			return;
		at = end + 1;
	}
}

void
xlsx_write_rules(struct report *rp)
{
	struct xlsx_state *st = rp->state;
	lxw_worksheet *ws = st->lib.workbook_add_worksheet(st->wb, "Rules");
	const char *source = rules_source(rp->rules);
	char text[256];
	lxw_row_t row = 0;
	size_t i;

	if (ws == NULL) {
		output_fail(&rp->out, ENOMEM, NULL);
		return;
	}
	(void)xlsx_put_string(
	    rp, ws, row++, 0, "How this workbook was made", 26, st->bold);
	put_pair(rp, ws, row++, "Program", "civpol-screen " CIVPOL_VERSION);
	put_pair(rp, ws, row++, "Rule set", rules_name(rp->rules));
	put_pair(rp, ws, row++, "Rule set hash", rules_hash(rp->rules));
	put_pair(rp, ws, row++, "Source", source != NULL ? source : "");
	if (rp->opt.profile != NULL) {
		(void)snprintf(text, sizeof(text), "%s (%s)", rp->opt.profile,
		    rp->opt.profile_hash != NULL ? rp->opt.profile_hash : "");
		put_pair(rp, ws, row++, "Profile", text);
	} else
		put_pair(rp, ws, row++, "Profile", "none");
	put_asof(rp, ws, row++);
	(void)xlsx_put_string(rp, ws, row, 0, "Inputs", 6, st->bold);
	(void)xlsx_put_string(rp, ws, row++, 2, "Records", 7, st->bold);
	for (i = 0; i < st->ninputs && !rp->out.failed; i++) {
		(void)xlsx_put_string(
		    rp, ws, row, 1, st->inputs[i], strlen(st->inputs[i]), NULL);
		put_number(rp, ws, row++, 2,
		    (i + 1 < st->ninputs ? st->input_first[i + 1]
		                         : xlsx_counted(rp)) -
		        st->input_first[i],
		    NULL);
	}
	row++;
	(void)xlsx_put_string(rp, ws, row, 0, "Id", 2, st->bold);
	(void)xlsx_put_string(rp, ws, row, 1, "Level", 5, st->bold);
	(void)xlsx_put_string(rp, ws, row++, 2, "Description", 11, st->bold);
	for (i = 0; i < rp->nrules && !rp->out.failed; i++) {
		const char *level =
		    rules_required(rp->rules, i) ? "required" : "advisory";
		const char *d = rules_description(rp->rules, i);

		(void)xlsx_put_string(
		    rp, ws, row, 0, rp->ids[i], rp->idlen[i], NULL);
		(void)xlsx_put_string(
		    rp, ws, row, 1, level, strlen(level), NULL);
		(void)xlsx_put_string(rp, ws, row++, 2, d != NULL ? d : "",
		    d != NULL ? strlen(d) : 0, NULL);
	}
	row++;
	(void)xlsx_put_string(
	    rp, ws, row++, 0, "The rule set as written", 23, st->bold);
	rules_text_rows(rp, ws, row);
	(void)xlsx_check(rp, st->lib.worksheet_set_column(ws, 0, 0, 24, NULL));
	(void)xlsx_check(rp, st->lib.worksheet_set_column(ws, 1, 1, 30, NULL));
	(void)xlsx_check(rp, st->lib.worksheet_set_column(ws, 2, 2, 60, NULL));
}
