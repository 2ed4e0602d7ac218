/*
 * format_html.c - the html report: one self-contained page for a person
 * who decides on applicants, to read, print and forward.
 *
 * At the top: the rule set and its hash, the profile, the as-of date, the
 * inputs, the program's version and when it ran; the statuses counted; a
 * bar chart (inline SVG) of how many records failed each criterion or
 * left it unknown, labelled with the criteria's descriptions, with the
 * same numbers in a small table.  Then one table row per record, in
 * input order (as --only lets through): where it was read, its id and
 * name, its status in colour and in words, and each failing, unknown or
 * not applicable criterion with its reason, or an ERROR record's message.
 *
 * The summary stands first but is known only at the end, so the rows go
 * to a spool, a temporary file in TMPDIR (or /tmp) removed as soon as it
 * is made, through an output buffer of their own; finish writes the top
 * of the page, then copies the spool after it.  Memory does not grow
 * with the records: only with the inputs named and the criteria.
 *
 * The page asks for nothing: its style is inline, it has no script, and
 * a Content-Security-Policy forbids every other load.  Every value is
 * escaped by put_html(), in text and in attributes.  The markup is
 * well-formed XML as well as HTML (every element closed, every attribute
 * quoted), so that an XML parser checks it strictly.  The status colours
 * meet WCAG AA (contrast ratios in the style sheet), and the status is
 * always written out too.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "chart.h"
#include "format.h"
#include "value.h"

/* The chart: its width, and the height of a criterion's row. */
#define CHART_WIDTH 720
#define CHART_ROW 40
/* A description longer than this many characters is cut in the chart. */
#define CHART_LABEL_CHARS 80
/* What the spool is read back in. */
#define SPOOL_CHUNK ((size_t)64 * 1024)
/* The fixed text of a row, besides its values. */
#define ROW_ROOM 256

struct html_state {
	char *dir; /* where the spool is made: TMPDIR or /tmp, a copy */
	FILE *spool; /* the rows, until finish; NULL until the first */
	struct output rows; /* in front of spool */
	unsigned long nrows; /* rows written */
	const struct entry *cur; /* the record being written */
	/* The inputs' names, copies, in the order they were read. */
	char **inputs;
	size_t ninputs;
	size_t inputs_cap;
	/* Per criterion: its id, in an <abbr> that holds its description. */
	char **label;
	size_t *label_len;
};

/* clang-format off */
/*
 * The style sheet.  Contrast (WCAG 2.1, AA needs 4.5:1 for text and 3:1
 * for the bars and borders against white):
 *   body #1b1b1b on #fff 17.2:1; muted #4d4d4d on #fff 8.5:1, on the
 *   table header's #eef0f3 7.4:1;
 *   PASS #0f5323 on #dcf3e3 7.9:1; FAIL #8c1d18 on #fbe4e2 7.5:1;
 *   REVIEW #5c3d00 on #fdefc3 8.6:1; ERROR #fff on #5b2a86 9.9:1;
 *   bars and row borders on #fff: failed #c0362c 5.5:1, unknown
 *   #a35f00 5.0:1 (hatched, and outlined in white from the failed part,
 *   as the two are 1.1:1 to each other), PASS #1e7b3a 5.3:1, ERROR
 *   #5b2a86 9.9:1.
 * Printed, on Letter or A4: margins that fit both, the table header on
 * every page, no row split across pages, and the colours printed.
 */
static const char style[] =
"body { margin: 0 auto; max-width: 72rem; padding: 1rem 1.5rem;"
" font: 15px/1.45 system-ui, -apple-system, \"Segoe UI\", Roboto,"
" \"Helvetica Neue\", Arial, sans-serif; color: #1b1b1b;"
" background: #fff; }\n"
"h1 { font-size: 1.6rem; margin: 0 0 .5rem; }\n"
"h2 { font-size: 1.2rem; margin: 1.5rem 0 .5rem;"
" border-bottom: 1px solid #c9ced6; padding-bottom: .2rem; }\n"
"code { font: .9em ui-monospace, \"DejaVu Sans Mono\", Menlo, Consolas,"
" monospace; }\n"
".muted, caption, figcaption { color: #4d4d4d; }\n"
"dl.about { display: grid; grid-template-columns: max-content 1fr;"
" gap: .15rem 1rem; margin: 0; }\n"
"dl.about dt { font-weight: 600; }\n"
"dl.about dd { margin: 0; overflow-wrap: anywhere; }\n"
"dl.about ul { margin: 0; padding: 0; list-style: none; }\n"
"ul.counts { display: flex; flex-wrap: wrap; gap: .75rem; padding: 0;"
" margin: .5rem 0; list-style: none; }\n"
"ul.counts li { min-width: 8rem; padding: .5rem .9rem;"
" border-radius: .4rem; border-left: .4rem solid; }\n"
"ul.counts .n { display: block; font-size: 1.6rem; font-weight: 700; }\n"
".s-pass { color: #0f5323; background: #dcf3e3; border-color: #1e7b3a; }\n"
".s-fail { color: #8c1d18; background: #fbe4e2; border-color: #c0362c; }\n"
".s-review { color: #5c3d00; background: #fdefc3; border-color: #a35f00; }\n"
".s-error { color: #fff; background: #5b2a86; border-color: #5b2a86; }\n"
"figure { margin: 0; }\n"
"svg.chart { display: block; width: 100%; max-width: 720px;"
" height: auto; }\n"
"svg.chart text { font: 13px system-ui, Arial, sans-serif;"
" fill: #1b1b1b; }\n"
"svg.chart .count { fill: #4d4d4d; }\n"
"svg.chart .fail, .key.fail { fill: #c0362c; background: #c0362c; }\n"
"svg.chart .unknown { fill: url(#hatch); stroke: #a35f00;"
" stroke-width: 1; }\n"
"svg.chart .gap { stroke: #fff; stroke-width: 2; }\n"
".key { display: inline-block; width: .9em; height: .9em;"
" vertical-align: -.1em; margin: 0 .3em 0 .8em; }\n"
".key.unknown { border: 1px solid #a35f00; background: repeating-linear-"
"gradient(135deg, #a35f00 0 2px, #fff 2px 5px); }\n"
"table { border-collapse: collapse; width: 100%; }\n"
"caption { text-align: left; padding: .3rem 0; }\n"
"th, td { text-align: left; vertical-align: top; padding: .3rem .5rem;"
" border-bottom: 1px solid #dde1e6; }\n"
"thead th { background: #eef0f3; border-bottom: 2px solid #9aa1ab; }\n"
"table.numbers { width: auto; margin-top: .75rem; }\n"
"table.numbers td.n { text-align: right; }\n"
"table.records { table-layout: fixed; }\n"
"table.records th:nth-child(1) { width: 17%; }\n"
"table.records th:nth-child(2) { width: 9%; }\n"
"table.records th:nth-child(3) { width: 15%; }\n"
"table.records th:nth-child(4) { width: 9%; }\n"
"table.records td { overflow-wrap: anywhere; }\n"
"table.records tbody tr { border-left-width: .35rem;"
" border-left-style: solid; }\n"
"tbody tr.s-pass, tbody tr.s-fail, tbody tr.s-review,"
" tbody tr.s-error { color: inherit; background: none; }\n"
".badge { display: inline-block; padding: 0 .4rem; border-radius: .25rem;"
" font-weight: 700; font-size: .85em; letter-spacing: .03em; }\n"
"td.where { font-size: .85em; }\n"
"ul.why { margin: 0; padding: 0; list-style: none; }\n"
"ul.why li { margin: 0 0 .15rem; }\n"
".tag { font-size: .8em; font-weight: 700; text-transform: uppercase;"
" margin-right: .3em; }\n"
"li.o-fail .tag { color: #8c1d18; }\n"
"li.o-unknown .tag { color: #5c3d00; }\n"
"li.o-na { color: #4d4d4d; }\n"
"abbr[title] { text-decoration: underline dotted; }\n"
"p.error { margin: 0; }\n"
"footer { margin-top: 2rem; font-size: .85em; color: #4d4d4d; }\n"
"@page { size: auto; margin: 14mm 12mm; }\n"
"@media print {\n"
"  body { max-width: none; padding: 0; font-size: 9pt; }\n"
"  h2 { break-after: avoid; }\n"
"  figure, table.numbers, ul.counts { break-inside: avoid; }\n"
"  thead { display: table-header-group; }\n"
"  tr { break-inside: avoid; page-break-inside: avoid; }\n"
"  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }\n"
"}\n";
/* clang-format on */

/* The class of a status, for its colours. */
static const char *const status_class[VERDICT_COUNT] = { "s-pass", "s-fail",
	"s-review", "s-error" };

/*
 * Fails the report for the spool's sake, unless it had failed already,
 * naming the spool's directory for the message.
 */
static void
spool_fail(struct report *rp, int errnum)
{
	struct html_state *st = rp->state;

	if (!rp->out.failed)
		rp->failed_dir = st->dir;
	output_fail(&rp->out, errnum, NULL);
}

/* Notes that the rows could not be written, so that the report fails. */
static void
rows_check(struct report *rp)
{
	struct html_state *st = rp->state;

	if (st->rows.failed)
		spool_fail(rp, st->rows.errnum);
}

/*
 * Opens the spool: a file in TMPDIR (or /tmp), removed at once, so that
 * nothing is left of it however the run ends.  Returns 0, or -1 with the
 * report failed.
 */
static int
spool_open(struct report *rp)
{
	struct html_state *st = rp->state;
	const char *dir = getenv("TMPDIR");
	char *path;
	size_t n;
	int fd, e;

	if (dir == NULL || dir[0] == '\0')
		dir = "/tmp";
	n = strlen(dir);
	st->dir = malloc(n + 1);
	path = malloc(n + 32);
	if (st->dir == NULL || path == NULL) {
		free(path);
		output_fail(&rp->out, ENOMEM, NULL);
		return -1;
	}
	memcpy(st->dir, dir, n + 1);
	memcpy(path, dir, n);
	memcpy(path + n, "/civpol-screen-html-XXXXXX", 27);
	fd = mkstemp(path);
	e = errno;
	if (fd >= 0) {
		(void)unlink(path);
		st->spool = fdopen(fd, "w+b");
		e = errno;
		if (st->spool == NULL)
			(void)close(fd);
	}
	free(path);
	if (st->spool == NULL) {
		spool_fail(rp, e);
		return -1;
	}
	/* The rows come in whole buffers already. */
	(void)setvbuf(st->spool, NULL, _IONBF, 0);
	if (output_init(&st->rows, st->spool) != 0) {
		(void)fclose(st->spool);
		st->spool = NULL;
		output_fail(&rp->out, ENOMEM, NULL);
		return -1;
	}
	return 0;
}

/* One criterion of a row: "fails ID: REASON", marked if advisory. */
static void
html_reason(
    struct report *rp, size_t i, size_t k, const char *reason, size_t len)
{
	struct html_state *st = rp->state;
	const struct entry *e = st->cur;
	char *d = out_room(&st->rows, st->label_len[i] + 6 * len + 96);

	if (d == NULL)
		return;
	if (k == 0)
		d = put_str(d, "<ul class=\"why\">");
	if (k < e->nfailed)
		d = put_str(d,
		    "<li class=\"o-fail\"><span class=\"tag\">fails</span> ");
	else if (k < e->nfailed + e->nunknown)
		d = put_str(d,
		    "<li class=\"o-unknown\"><span "
		    "class=\"tag\">unknown</span> ");
	else
		d = put_str(d, "<li class=\"o-na\">");
	d = put_bytes(d, st->label[i], st->label_len[i]);
	d = put_str(d, ": ");
	d = put_html(d, reason, len);
	if (!rules_required(rp->rules, i))
		d = put_str(d, " <span class=\"muted\">(advisory)</span>");
	d = put_str(d, "</li>");
	if (k + 1 == e->nfailed + e->nunknown + e->nnot_applicable)
		d = put_str(d, "</ul>");
	out_done(&st->rows, d);
}

/* One row of the table, into the spool. */
static void
html_record(struct report *rp, const struct entry *e)
{
	struct html_state *st = rp->state;
	struct report_who w;
	const char *msg = e->message != NULL ? e->message : "";
	size_t mlen = strlen(msg);
	char *d;

	report_who(rp, e, &w);
	/* A report on nothing (-q) drops its rows: no spool for them. */
	if (rp->out.stream == NULL)
		return;
	/* A spool that could not be made has failed the report for good. */
	if (st->spool == NULL && (st->dir != NULL || spool_open(rp) != 0))
		return;
	st->nrows++;
	st->cur = e;
	d = out_room(&st->rows,
	    6 * (w.flen + w.idlen + w.namelen + mlen) +
	        (size_t)2 * OUTPUT_ULONG_ROOM + ROW_ROOM);
	if (d == NULL) {
		rows_check(rp);
		return;
	}
	d = put_str(d, "<tr class=\"");
	d = put_str(d, status_class[e->verdict]);
	d = put_str(d, "\"><td class=\"where\">");
	d = put_html(d, w.file, w.flen);
	*d++ = ':';
	d = put_ulong(d, e->rec->line);
	d = put_str(d, "</td><td>");
	if (w.id != NULL)
		d = put_html(d, w.id->ptr, w.idlen);
	d = put_str(d, "</td><td>");
	if (w.name != NULL)
		d = put_html(d, w.name->ptr, w.namelen);
	d = put_str(d, "</td><td><span class=\"badge ");
	d = put_str(d, status_class[e->verdict]);
	d = put_str(d, "\">");
	d = put_str(d, verdict_name(e->verdict));
	d = put_str(d, "</span></td><td>");
	if (e->verdict == VERDICT_ERROR) {
		d = put_str(d, "<p class=\"error\">");
		/* The line that the reader names, when it is not the row's. */
		if (e->error_line > 0 && e->error_line != e->rec->line) {
			d = put_str(d, "line ");
			d = put_ulong(d, e->error_line);
			d = put_str(d, ": ");
		}
		d = put_html(d, msg, mlen);
		d = put_str(d, "</p>");
	}
	out_done(&st->rows, d);
	if (e->verdict != VERDICT_ERROR)
		report_each_reason(rp, e, html_reason);
	out_str(&st->rows, "</td></tr>\n");
	rows_check(rp);
}

/* Notes each input's name, for the top of the page. */
static void
html_file(struct report *rp, const struct record *hdr)
{
	struct html_state *st = rp->state;
	const char *name = report_file_of(hdr);
	size_t n = strlen(name), cap;
	char **grown;

	if (st->ninputs == st->inputs_cap) {
		cap = st->inputs_cap > 0 ? 2 * st->inputs_cap : 8;
		grown = realloc(st->inputs, cap * sizeof(*grown));
		if (grown == NULL) {
			output_fail(&rp->out, ENOMEM, NULL);
			return;
		}
		st->inputs = grown;
		st->inputs_cap = cap;
	}
	st->inputs[st->ninputs] = malloc(n + 1);
	if (st->inputs[st->ninputs] == NULL) {
		output_fail(&rp->out, ENOMEM, NULL);
		return;
	}
	memcpy(st->inputs[st->ninputs++], name, n + 1);
}

/* Writes the string s, escaped, as a piece. */
static void
put_value(struct report *rp, const char *s)
{
	out_html(&rp->out, s, strlen(s));
}

/*
 * The time t (seconds since 1970, UTC) as the page shows it, in a
 * <time> element.
 */
static void
put_time(struct report *rp, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char machine[32], shown[32];

	if (gmtime_r(&tt, &tm) == NULL ||
	    strftime(machine, sizeof(machine), "%Y-%m-%dT%H:%M:%SZ", &tm) ==
	        0 ||
	    strftime(shown, sizeof(shown), "%Y-%m-%d %H:%M UTC", &tm) == 0) {
		out_str(&rp->out, "unknown");
		return;
	}
	out_str(&rp->out, "<time datetime=\"");
	out_str(&rp->out, machine);
	out_str(&rp->out, "\">");
	out_str(&rp->out, shown);
	out_str(&rp->out, "</time>");
}

/* The head, and what the page is about. */
static void
write_top(struct report *rp)
{
	struct html_state *st = rp->state;
	const char *name = rules_name(rp->rules);
	char day[11];
	size_t k;

	value_format_date(rp->asof, day);
	out_str(&rp->out,
	    "<!DOCTYPE html>\n"
	    "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\""
	    " xml:lang=\"en\">\n"
	    "<head>\n"
	    "<meta charset=\"utf-8\" />\n"
	    "<meta http-equiv=\"Content-Security-Policy\""
	    " content=\"default-src 'none'; style-src 'unsafe-inline'\" />\n"
	    "<meta name=\"viewport\""
	    " content=\"width=device-width, initial-scale=1\" />\n"
	    "<meta name=\"generator\" content=\"civpol-screen " CIVPOL_VERSION
	    "\" />\n"
	    "<title>Screening report: ");
	put_value(rp, name);
	out_str(&rp->out, ", as of ");
	out_str(&rp->out, day);
	out_str(&rp->out, "</title>\n<style>\n");
	out_str(&rp->out, style);
	out_str(&rp->out,
	    "</style>\n</head>\n<body>\n<header>\n"
	    "<h1>Screening report</h1>\n"
	    "<dl class=\"about\">\n<dt>Rules</dt><dd>");
	put_value(rp, name);
	out_str(&rp->out, " <code>");
	put_value(rp, rules_hash(rp->rules));
	out_str(&rp->out, "</code></dd>\n");
	if (rp->opt.profile != NULL) {
		out_str(&rp->out, "<dt>Profile</dt><dd>");
		put_value(rp, rp->opt.profile);
		if (rp->opt.profile_hash != NULL) {
			out_str(&rp->out, " <code>");
			put_value(rp, rp->opt.profile_hash);
			out_str(&rp->out, "</code>");
		}
		out_str(&rp->out, "</dd>\n");
	}
	out_str(&rp->out, "<dt>As of</dt><dd><time datetime=\"");
	out_str(&rp->out, day);
	out_str(&rp->out, "\">");
	out_str(&rp->out, day);
	out_str(&rp->out, "</time></dd>\n<dt>Inputs</dt><dd>");
	if (st->ninputs == 0)
		out_str(&rp->out, "no input with a header");
	else {
		out_str(&rp->out, "<ul>");
		for (k = 0; k < st->ninputs; k++) {
			out_str(&rp->out, "<li>");
			put_value(rp, st->inputs[k]);
			out_str(&rp->out, "</li>");
		}
		out_str(&rp->out, "</ul>");
	}
	out_str(&rp->out,
	    "</dd>\n<dt>Program</dt><dd>civpol-screen " CIVPOL_VERSION
	    "</dd>\n<dt>Ran</dt><dd>");
	put_time(rp, rp->opt.ran_at);
	out_str(&rp->out, "</dd>\n</dl>\n</header>\n<main>\n");
}

/* The statuses counted. */
static void
write_counts(struct report *rp)
{
	unsigned long total = 0;
	int v;

	for (v = 0; v < VERDICT_COUNT; v++)
		total += rp->counts[v];
	out_str(&rp->out,
	    "<section aria-labelledby=\"summary\">\n"
	    "<h2 id=\"summary\">Summary</h2>\n<p>");
	out_ulong(&rp->out, total);
	out_str(&rp->out, total == 1 ? " record" : " records");
	out_str(&rp->out, " screened.</p>\n<ul class=\"counts\">\n");
	for (v = 0; v < VERDICT_COUNT; v++) {
		out_str(&rp->out, "<li class=\"");
		out_str(&rp->out, status_class[v]);
		out_str(&rp->out, "\"><span class=\"n\">");
		out_ulong(&rp->out, rp->counts[v]);
		out_str(&rp->out, "</span> ");
		out_str(&rp->out, verdict_name((enum verdict)v));
		out_str(&rp->out, "</li>\n");
	}
	out_str(&rp->out, "</ul>\n");
	if (rp->bad_utf8)
		out_str(&rp->out,
		    "<p>Note: the input is not valid UTF-8; if names look"
		    " wrong, screen it again with <code>--encoding"
		    " windows-1252</code>.</p>\n");
	out_str(&rp->out, "</section>\n");
}

/*
 * Ranks the criteria by failures and unknowns together, most first,
 * ties in rule order, leaving out those with neither: into rp->order,
 * and returns their number.  Their counts go to total (one per
 * criterion).
 */
static size_t
rank_criteria(struct report *rp, unsigned long *total)
{
	size_t i;

	for (i = 0; i < rp->nrules; i++) {
		total[i] = rp->nfail[i] + rp->nunknown[i];
		if (total[i] < rp->nfail[i])
			total[i] = (unsigned long)-1;
	}
	return report_rank(rp, total);
}

/* "3 failed, 1 unknown" for criterion i, as a piece. */
static void
put_counts(struct report *rp, size_t i)
{
	out_ulong(&rp->out, rp->nfail[i]);
	out_str(&rp->out, " failed, ");
	out_ulong(&rp->out, rp->nunknown[i]);
	out_str(&rp->out, " unknown");
}

/* One bar of the chart: the description, the counts, the bar. */
static void
write_bar(struct report *rp, size_t i, unsigned y, unsigned long max)
{
	const char *desc = rules_description(rp->rules, i);
	size_t n = strlen(desc),
	       cut = chart_label_cut(desc, n, CHART_LABEL_CHARS);
	struct chart_bar bar =
	    chart_bar(rp->nfail[i], rp->nunknown[i], max, CHART_WIDTH);

	out_str(&rp->out, "<g><title>");
	out_html(&rp->out, desc, n);
	out_str(&rp->out, ": ");
	put_counts(rp, i);
	out_str(&rp->out, "</title><text x=\"0\" y=\"");
	out_ulong(&rp->out, y + 14);
	out_str(&rp->out, "\">");
	out_html(&rp->out, desc, cut);
	if (cut < n)
		out_str(&rp->out, "\xe2\x80\xa6"); /* an ellipsis */
	out_str(&rp->out, "</text><text class=\"count\" x=\"");
	out_ulong(&rp->out, CHART_WIDTH);
	out_str(&rp->out, "\" y=\"");
	out_ulong(&rp->out, y + 14);
	out_str(&rp->out, "\" text-anchor=\"end\">");
	put_counts(rp, i);
	out_str(&rp->out, "</text>");
	if (bar.fail > 0) {
		out_str(&rp->out, "<rect class=\"fail\" x=\"0\" y=\"");
		out_ulong(&rp->out, y + 20);
		out_str(&rp->out, "\" width=\"");
		out_ulong(&rp->out, bar.fail);
		out_str(&rp->out, "\" height=\"14\" />");
	}
	if (bar.unknown > 0) {
		out_str(&rp->out, "<rect class=\"unknown\" x=\"");
		out_ulong(&rp->out, bar.fail);
		out_str(&rp->out, "\" y=\"");
		out_ulong(&rp->out, y + 20);
		out_str(&rp->out, "\" width=\"");
		out_ulong(&rp->out, bar.unknown);
		out_str(&rp->out, "\" height=\"14\" />");
	}
	if (bar.fail > 0 && bar.unknown > 0) {
		out_str(&rp->out, "<line class=\"gap\" x1=\"");
		out_ulong(&rp->out, bar.fail);
		out_str(&rp->out, "\" x2=\"");
		out_ulong(&rp->out, bar.fail);
		out_str(&rp->out, "\" y1=\"");
		out_ulong(&rp->out, y + 20);
		out_str(&rp->out, "\" y2=\"");
		out_ulong(&rp->out, y + 34);
		out_str(&rp->out, "\" />");
	}
	out_str(&rp->out, "</g>\n");
}

/*
 * The chart of failures and unknowns per criterion, most first, and the
 * same numbers in a table.
 */
static void
write_chart(struct report *rp)
{
	unsigned long *total, max;
	size_t k, n;

	out_str(&rp->out,
	    "<section aria-labelledby=\"criteria\">\n"
	    "<h2 id=\"criteria\">Criteria failed or unknown</h2>\n");
	total = calloc(rp->nrules + 1, sizeof(*total));
	if (total == NULL) {
		output_fail(&rp->out, ENOMEM, NULL);
		return;
	}
	n = rank_criteria(rp, total);
	if (n == 0) {
		out_str(&rp->out,
		    "<p>No record failed a criterion or left one"
		    " unknown.</p>\n</section>\n");
		free(total);
		return;
	}
	max = total[rp->order[0]];
	out_str(&rp->out,
	    "<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\""
	    " class=\"chart\" viewBox=\"0 0 ");
	out_ulong(&rp->out, CHART_WIDTH);
	out_byte(&rp->out, ' ');
	out_ulong(&rp->out, (unsigned long)n * CHART_ROW);
	out_str(&rp->out, "\" width=\"");
	out_ulong(&rp->out, CHART_WIDTH);
	out_str(&rp->out, "\" height=\"");
	out_ulong(&rp->out, (unsigned long)n * CHART_ROW);
	out_str(&rp->out,
	    "\" role=\"img\" aria-labelledby=\"chart-title chart-desc\">\n"
	    "<title id=\"chart-title\">Records that failed each criterion"
	    " or left it unknown</title>\n<desc id=\"chart-desc\">One bar per"
	    " criterion, most first: its failures in solid red, then its"
	    " unknowns hatched in amber; the table after the chart gives the"
	    " numbers.</desc>\n"
	    "<defs><pattern id=\"hatch\" width=\"5\" height=\"5\""
	    " patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
	    "<rect width=\"5\" height=\"5\" fill=\"#fff\" />"
	    "<rect width=\"2\" height=\"5\" fill=\"#a35f00\" />"
	    "</pattern></defs>\n");
	for (k = 0; k < n; k++)
		write_bar(rp, rp->order[k], (unsigned)k * CHART_ROW, max);
	out_str(&rp->out,
	    "</svg>\n<figcaption><span class=\"key fail\"></span>failed"
	    "<span class=\"key unknown\"></span>unknown (a value missing or"
	    " invalid)");
	if (n < rp->nrules) {
		out_str(&rp->out, "; ");
		out_ulong(&rp->out, (unsigned long)(rp->nrules - n));
		out_str(&rp->out,
		    rp->nrules - n == 1 ? " other criterion was"
		                        : " other criteria were");
		out_str(&rp->out, " neither failed nor unknown for any record");
	}
	out_str(&rp->out,
	    ".</figcaption>\n</figure>\n<table class=\"numbers\">\n"
	    "<caption>The chart's numbers</caption>\n"
	    "<thead><tr><th scope=\"col\">Criterion</th>"
	    "<th scope=\"col\">Description</th><th scope=\"col\">Failed</th>"
	    "<th scope=\"col\">Unknown</th></tr></thead>\n<tbody>\n");
	for (k = 0; k < n; k++) {
		size_t i = rp->order[k];

		out_str(&rp->out, "<tr><th scope=\"row\">");
		out_html(&rp->out, rp->ids[i], rp->idlen[i]);
		out_str(&rp->out, "</th><td>");
		put_value(rp, rules_description(rp->rules, i));
		out_str(&rp->out, "</td><td class=\"n\">");
		out_ulong(&rp->out, rp->nfail[i]);
		out_str(&rp->out, "</td><td class=\"n\">");
		out_ulong(&rp->out, rp->nunknown[i]);
		out_str(&rp->out, "</td></tr>\n");
	}
	out_str(&rp->out, "</tbody>\n</table>\n</section>\n");
	free(total);
}

/* The statuses that --only lets through, as words: "FAIL and REVIEW". */
static void
put_only(struct report *rp)
{
	int v, said = 0, left = 0;

	for (v = 0; v < VERDICT_COUNT; v++)
		left += (rp->opt.only & (1u << v)) != 0;
	for (v = 0; v < VERDICT_COUNT; v++) {
		if (!(rp->opt.only & (1u << v)))
			continue;
		if (said > 0)
			out_str(&rp->out, left == 1 ? " and " : ", ");
		out_str(&rp->out, verdict_name((enum verdict)v));
		said++;
		left--;
	}
}

/* The records' table, up to its rows. */
static void
write_table_head(struct report *rp)
{
	struct html_state *st = rp->state;
	unsigned long total = 0;
	int v;

	for (v = 0; v < VERDICT_COUNT; v++)
		total += rp->counts[v];
	out_str(&rp->out,
	    "<section aria-labelledby=\"records\">\n"
	    "<h2 id=\"records\">Records</h2>\n");
	if (rp->opt.only != 0) {
		out_str(&rp->out, "<p>Only the ");
		put_only(rp);
		out_str(&rp->out, " records are listed: ");
		out_ulong(&rp->out, st->nrows);
		out_str(&rp->out, " of ");
		out_ulong(&rp->out, total);
		out_str(
		    &rp->out, "; the counts above are of every record.</p>\n");
	}
	out_str(&rp->out,
	    "<table class=\"records\">\n"
	    "<caption>Each record in the order it was read, with every"
	    " criterion it failed or left unknown and why</caption>\n"
	    "<thead><tr><th scope=\"col\">Where</th><th scope=\"col\">ID</th>"
	    "<th scope=\"col\">Name</th><th scope=\"col\">Status</th>"
	    "<th scope=\"col\">Why</th></tr></thead>\n<tbody>\n");
}

/* Copies the rows from the spool to the report. */
static void
copy_rows(struct report *rp)
{
	struct html_state *st = rp->state;
	size_t n;
	char *d;

	if (st->spool == NULL)
		return;
	if (output_flush(&st->rows) != 0) {
		rows_check(rp);
		return;
	}
	if (fseek(st->spool, 0, SEEK_SET) != 0) {
		spool_fail(rp, errno);
		return;
	}
	for (;;) {
		d = out_room(&rp->out, SPOOL_CHUNK);
		if (d == NULL)
			return;
		n = fread(d, 1, SPOOL_CHUNK, st->spool);
		out_done(&rp->out, d + n);
		if (n < SPOOL_CHUNK)
			break;
	}
	if (ferror(st->spool))
		spool_fail(rp, errno != 0 ? errno : EIO);
}

static void
html_finish(struct report *rp)
{
	if (rp->out.failed)
		return;
	write_top(rp);
	write_counts(rp);
	write_chart(rp);
	write_table_head(rp);
	copy_rows(rp);
	out_str(&rp->out,
	    "</tbody>\n</table>\n</section>\n</main>\n<footer>\n<p>Made by"
	    " civpol-screen " CIVPOL_VERSION ".  Each criterion passes, fails,"
	    " is unknown (its value is missing or invalid) or does not apply;"
	    " a record is FAIL when a required criterion fails, REVIEW when"
	    " none fails but one is unknown, PASS otherwise, and ERROR when it"
	    " could not be read.</p>\n</footer>\n</body>\n</html>\n");
}

/* Each criterion's id, in an <abbr> whose title is its description. */
static int
html_init(struct report *rp)
{
	struct html_state *st = rp->state;
	const char *desc;
	size_t i, n;
	char *d;

	st->label = calloc(rp->nrules + 1, sizeof(*st->label));
	st->label_len = calloc(rp->nrules + 1, sizeof(*st->label_len));
	if (st->label == NULL || st->label_len == NULL)
		return -1;
	for (i = 0; i < rp->nrules; i++) {
		const char *id = rules_id(rp->rules, i);

		desc = rules_description(rp->rules, i);
		n = strlen(desc);
		st->label[i] = malloc(6 * (n + strlen(id)) + 32);
		if (st->label[i] == NULL)
			return -1;
		d = put_str(st->label[i], "<abbr title=\"");
		d = put_html(d, desc, n);
		d = put_str(d, "\">");
		d = put_html(d, id, strlen(id));
		d = put_str(d, "</abbr>");
		st->label_len[i] = (size_t)(d - st->label[i]);
	}
	return 0;
}

static void
html_release(struct report *rp)
{
	struct html_state *st = rp->state;
	size_t k;

	if (st->spool != NULL) {
		output_release(&st->rows);
		(void)fclose(st->spool);
	}
	for (k = 0; k < st->ninputs; k++)
		free(st->inputs[k]);
	free(st->inputs);
	for (k = 0; st->label != NULL && k < rp->nrules; k++)
		free(st->label[k]);
	free(st->label);
	free(st->label_len);
	free(st->dir);
}

const struct format format_html = {
	.name = "html",
	.flags = FORMAT_ONLY,
	.state_size = sizeof(struct html_state),
	.init = html_init,
	.file = html_file,
	.record = html_record,
	.error = html_record,
	.finish = html_finish,
	.release = html_release,
};
