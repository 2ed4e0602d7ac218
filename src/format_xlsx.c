/*
 * format_xlsx.c - the xlsx report: an Excel workbook for a recruiter,
 * written with libxlsxwriter.
 *
 * Three kinds of sheet.  "Screened" holds one row per record: every
 * input column as it came (the union of the inputs' headers, as the csv
 * report makes it; text as text, and where the input said so (a
 * workbook's cells, rec->kinds) numbers as numbers, dates as dates and
 * booleans as booleans), then Status, Failed, Unknown, Not applicable
 * (for a rule set with when clauses) and Reasons, the reasons in words
 * after each criterion's description.  Each input cell that a failing
 * criterion speaks of (rules_slots(): for a group, the cells of the
 * members that made its outcome) is filled red, each one an unknown
 * criterion speaks of amber, with the reasons in the cell's comment; the
 * status cell is coloured and says its word.  The header row is bold,
 * frozen and filtered; each column is as wide as its widest cell, within
 * a cap.  "Summary" counts the records by status and the failures and
 * unknowns by criterion, with a bar chart of them; "Rules" says how the
 * workbook was made: the program, the rule set (name, hash, source,
 * every rule and its text), the profile, the as-of date and the inputs.
 *
 * Strings are always written as strings (worksheet_write_string(), which
 * makes an inline string), never as formulas, so that nothing in the
 * workbook can run; text that is not UTF-8 or that XML cannot carry is
 * made fit first (xlsx_look_text()).
 *
 * Memory stays bounded however many records: the workbook is written in
 * libxlsxwriter's constant_memory mode, in which each worksheet's rows
 * go to a temporary file of its own as soon as the next row starts, so
 * that each sheet must be written row by row, in order.  The Screened
 * sheets are written record by record; the Summary and Rules sheets,
 * known only at the end, are added then, after the Screened ones in the
 * tabs.  The widths of the columns and the filter's range are set at the
 * end too: libxlsxwriter keeps them apart and writes them when it puts
 * the sheet together.  Past Excel's 1,048,576 rows (or 3 GiB of a sheet's
 * XML, short of the zip's 4 GiB) the rows go on in "Screened 2",
 * "Screened 3" and so on, each with the header again.
 *
 * Cell comments are the exception: libxlsxwriter keeps every comment in
 * memory until the workbook is closed, and a spreadsheet program draws
 * each one, slowly, as it opens the file.  So only the first
 * XLSX_COMMENTS_MAX comments are written, whole rows at a time: the
 * rows after the first that would pass it have the Reasons column alone,
 * and the Summary sheet says up to which record the comments go.
 *
 * libxlsxwriter writes a workbook to a file that it names and seeks in,
 * not to a stream, and a report goes to a stream (standard output, a
 * pipe, or -o's temporary file, which main.c renames at the end so that
 * the report is whole or not there).  So the workbook is made in a
 * temporary file of its own, in $TMPDIR (or /tmp), removed from its
 * directory as soon as it is made and named to libxlsxwriter as
 * /dev/fd/N; at the end its bytes are copied into the stream.  Nothing
 * is left behind when the run is killed, and every -o rule (whole or not
 * at all, the old file kept on failure) holds as for the other formats.
 * A terminal is refused (FORMAT_BINARY; main.c says so).
 *
 * libxlsxwriter prints a line of its own on stderr when it fails (a full
 * disk, say); the report's failure then follows as for any write error.
 * It is loaded only when this report starts (format_xlsx_lib.h says
 * why), so that the other formats do not pay for it.
 *
 * The report is three files sharing format_xlsx.h: this one (the
 * format's row of report.c's table: the workbook, its file and cell
 * formats, the Screened sheets and their header, the end),
 * format_xlsx_record.c (a record's row of a Screened sheet: its cells,
 * their fills and comments, the Reasons) and format_xlsx_sheets.c (the
 * Summary and Rules sheets, added at the end).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "columns.h"
#include "format.h"
#include "format_xlsx.h"
#include "format_xlsx_lib.h"
#include "xlsx_look.h"

/* The bytes copied from the workbook's file into the stream at once. */
#define XLSX_COPY_BUF ((size_t)64 * 1024)

static const char *const own_names[NOWN] = { "Status", "Failed", "Unknown",
	"Not applicable", "Reasons" };

/*
 * Fails the report with a libxlsxwriter error: out of memory as ENOMEM,
 * the others in words, with errno's reason for those about files.
 */
static void
fail_lxw(struct report *rp, lxw_error err, int errnum)
{
	struct xlsx_state *st = rp->state;
	char why[OUTPUT_WHY_MAX], reason[128];
	const char *what = st->lib.lxw_strerror(err);
	size_t n;

	if (err == LXW_ERROR_MEMORY_MALLOC_FAILED) {
		output_fail(&rp->out, ENOMEM, NULL);
		return;
	}
	/* "Error creating output xlsx file. Usually ..." as a message:
	 * lower-case, no full stop. */
	n = (size_t)snprintf(why, sizeof(why), "cannot write the workbook: %s",
	    what != NULL ? what : "unknown error");
	if (n >= sizeof(why))
		n = sizeof(why) - 1;
	if (n > 0 && why[n - 1] == '.')
		why[--n] = '\0';
	n = strlen("cannot write the workbook: ");
	if (why[n] >= 'A' && why[n] <= 'Z')
		why[n] = (char)(why[n] - 'A' + 'a');
	if (errnum != 0 && err != LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED) {
		n = strlen(why);
		(void)snprintf(why + n, sizeof(why) - n, " (%s)",
		    error_errno(errnum, reason, sizeof(reason)));
	}
	output_fail(&rp->out, errnum, why);
}

/* Notes a libxlsxwriter call's error, if any; returns nonzero then. */
int
xlsx_check(struct report *rp, lxw_error err)
{
	if (err == LXW_NO_ERROR)
		return 0;
	fail_lxw(rp, err, errno);
	return 1;
}

/* A format with a fill's colours, bold when asked, a date when asked. */
static lxw_format *
new_format(
    const struct xlsx_state *st, enum xlsx_look_fill f, int bold, int date)
{
	struct xlsx_look_colours c = xlsx_look_colours_of(f);
	lxw_format *fmt = st->lib.workbook_add_format(st->wb);

	if (fmt == NULL)
		return NULL;
	if (c.fill != 0) {
		st->lib.format_set_pattern(fmt, LXW_PATTERN_SOLID);
		st->lib.format_set_bg_color(fmt, c.fill);
		st->lib.format_set_font_color(fmt, c.font);
	}
	if (bold)
		st->lib.format_set_bold(fmt);
	if (date)
		st->lib.format_set_num_format(fmt, "yyyy-mm-dd");
	return fmt;
}

static int
make_formats(struct xlsx_state *st)
{
	int f, ok = 1;

	for (f = 0; f < XLSX_LOOK_NFILLS; f++) {
		st->cell[f][0] = new_format(st, (enum xlsx_look_fill)f, 0, 0);
		st->cell[f][1] = new_format(st, (enum xlsx_look_fill)f, 0, 1);
		st->status[f] = new_format(st, (enum xlsx_look_fill)f, 1, 0);
		ok = ok && st->cell[f][0] != NULL && st->cell[f][1] != NULL &&
		    st->status[f] != NULL;
	}
	st->bold = new_format(st, XLSX_LOOK_PLAIN, 1, 0);
	st->date = new_format(st, XLSX_LOOK_PLAIN, 0, 1);
	return ok && st->bold != NULL && st->date != NULL ? 0 : -1;
}

/*
 * Makes the workbook's file: a temporary file in $TMPDIR (or /tmp),
 * unlinked at once, that libxlsxwriter opens again as /dev/fd/N.
 * Returns 0, or -1 with errno set.
 */
static int
open_file(struct xlsx_state *st, char *name, size_t size)
{
	const char *dir = getenv("TMPDIR");
	char *path;
	size_t len;

	if (dir == NULL || dir[0] == '\0')
		dir = "/tmp";
	st->tmpdir = strdup(dir);
	len = strlen(dir) + sizeof("/civpol-screen-XXXXXX");
	path = malloc(len);
	if (st->tmpdir == NULL || path == NULL) {
		free(path);
		errno = ENOMEM;
		return -1;
	}
	(void)snprintf(path, len, "%s/civpol-screen-XXXXXX", dir);
	st->fd = mkstemp(path);
	if (st->fd >= 0)
		(void)unlink(path);
	free(path);
	if (st->fd < 0)
		return -1;
	(void)snprintf(name, size, "/dev/fd/%d", st->fd);
	return 0;
}

static void
xlsx_start(struct report *rp)
{
	struct xlsx_state *st = rp->state;
	lxw_workbook_options opt;
	char name[32], why[OUTPUT_WHY_MAX], reason[128];
	int e;

	if (rp->out.stream == NULL)
		return;
	if (xlsxlib_open(&st->lib, why, sizeof(why)) != 0) {
		output_fail(&rp->out, 0, why);
		return;
	}
	if (open_file(st, name, sizeof(name)) != 0) {
		e = errno;
		(void)snprintf(why, sizeof(why),
		    "cannot make a temporary file for the workbook in %s: %s",
		    st->tmpdir != NULL ? st->tmpdir : "/tmp",
		    error_errno(e, reason, sizeof(reason)));
		output_fail(&rp->out, e, why);
		return;
	}
	memset(&opt, 0, sizeof(opt));
	opt.constant_memory = LXW_TRUE;
	opt.tmpdir = st->tmpdir;
	st->wb = st->lib.workbook_new_opt(name, &opt);
	if (st->wb == NULL || make_formats(st) != 0) {
		output_fail(&rp->out, ENOMEM, NULL);
		return;
	}
	(void)xlsx_add_sheet(rp);
}

/* Places the report's own columns after the union's. */
static void
place_own(struct report *rp)
{
	struct xlsx_state *st = rp->state;
	size_t k, at = st->cols.n;

	for (k = 0; k < NOWN; k++) {
		if (k == OWN_NOT_APPLICABLE && !rules_conditional(rp->rules))
			st->own[k] = COLUMNS_NONE;
		else
			st->own[k] = at++;
	}
	st->ncells = at;
}

/*
 * Writes the n bytes at s as a string cell, made fit (xlsx_look_text()),
 * in format fmt; notes its width for column col when widest is set.
 * Returns 0, or -1 when the report failed.
 */
int
xlsx_put_string(struct report *rp, lxw_worksheet *ws, lxw_row_t row, size_t col,
    const char *s, size_t n, lxw_format *fmt)
{
	struct xlsx_state *st = rp->state;
	size_t len, width;
	int cut;

	len = xlsx_look_text(st->text, s, n, &width, &cut);
	if (cut)
		st->cut++;
	if (ws == st->sheets[st->nsheets - 1].ws && st->widest != NULL &&
	    width > st->widest[col])
		st->widest[col] = width;
	st->row_bytes += len + XLSX_LOOK_CELL_BYTES;
	if (len == 0 && fmt == NULL)
		return 0;
	return xlsx_check(rp,
	           st->lib.worksheet_write_string(
	               ws, row, (lxw_col_t)col, st->text, fmt))
	    ? -1
	    : 0;
}

/* The header row of a Screened sheet: the union's names, then ours. */
static void
write_header(struct report *rp, lxw_worksheet *ws)
{
	struct xlsx_state *st = rp->state;
	size_t k;

	for (k = 0; k < st->cols.n; k++)
		if (xlsx_put_string(rp, ws, 0, k, st->cols.col[k].name,
		        st->cols.col[k].len, st->bold) != 0)
			return;
	for (k = 0; k < NOWN; k++)
		if (st->own[k] != COLUMNS_NONE &&
		    xlsx_put_string(rp, ws, 0, st->own[k], own_names[k],
		        strlen(own_names[k]), st->bold) != 0)
			return;
	st->lib.worksheet_freeze_panes(ws, 1, 0);
}

lxw_worksheet *
xlsx_add_sheet(struct report *rp)
{
	struct xlsx_state *st = rp->state;
	char name[XLSX_LOOK_NAME_ROOM];
	struct sheet *sheets;
	lxw_worksheet *ws;

	sheets = realloc(st->sheets, (st->nsheets + 1) * sizeof(*sheets));
	if (sheets == NULL) {
		output_fail(&rp->out, ENOMEM, NULL);
		return NULL;
	}
	st->sheets = sheets;
	xlsx_look_sheet_name(name, "Screened", st->nsheets + 1);
	ws = st->lib.workbook_add_worksheet(st->wb, name);
	if (ws == NULL) {
		output_fail(&rp->out, ENOMEM, NULL);
		return NULL;
	}
	st->lib.worksheet_set_comments_author(ws, "civpol-screen");
	st->sheets[st->nsheets].ws = ws;
	st->sheets[st->nsheets].rows = 0;
	st->nsheets++;
	st->bytes = 0;
	if (st->header_out) {
		st->row_bytes = 0;
		write_header(rp, ws);
		st->sheets[st->nsheets - 1].rows = 1;
		st->bytes = st->row_bytes;
	}
	return ws;
}

/* Nonzero when the union and ours fit in a worksheet; else fails. */
static int
columns_fit(struct report *rp)
{
	struct xlsx_state *st = rp->state;
	char why[OUTPUT_WHY_MAX];

	if (st->ncells <= XLSX_LOOK_COLS_MAX)
		return 1;
	(void)snprintf(why, sizeof(why),
	    "cannot write %zu columns: a worksheet holds at most %d",
	    st->ncells, XLSX_LOOK_COLS_MAX);
	output_fail(&rp->out, 0, why);
	return 0;
}

/* The first header, once every input is planned: the Screened header. */
static void
start_header(struct report *rp)
{
	struct xlsx_state *st = rp->state;
	lxw_worksheet *ws = st->sheets[st->nsheets - 1].ws;

	place_own(rp);
	if (!columns_fit(rp))
		return;
	st->widest = calloc(st->ncells + 1, sizeof(*st->widest));
	st->fill = calloc(st->cols.n + 1, sizeof(*st->fill));
	st->marked = malloc((st->cols.n + 1) * sizeof(*st->marked));
	if (st->widest == NULL || st->fill == NULL || st->marked == NULL) {
		output_fail(&rp->out, ENOMEM, NULL);
		return;
	}
	st->row_bytes = 0;
	write_header(rp, ws);
	st->header_out = 1;
	st->sheets[st->nsheets - 1].rows = 1;
	st->bytes = st->row_bytes;
}

static int
xlsx_plan(struct report *rp, const struct record *hdr)
{
	struct xlsx_state *st = rp->state;

	st->planned = 1;
	return columns_add(&st->cols, hdr, NULL);
}

/* The records counted so far, every status, shown or not (--only). */
unsigned long
xlsx_counted(const struct report *rp)
{
	unsigned long n = 0;
	int v;

	for (v = 0; v < VERDICT_COUNT; v++)
		n += rp->counts[v];
	return n;
}

/* Keeps the input's name for the Rules sheet. */
static void
add_input(struct report *rp, const struct record *hdr)
{
	struct xlsx_state *st = rp->state;
	const char *name = report_file_of(hdr);
	unsigned long *counts;
	char **names;

	names = realloc(st->inputs, (st->ninputs + 1) * sizeof(*names));
	if (names != NULL)
		st->inputs = names;
	counts = realloc(st->input_first, (st->ninputs + 1) * sizeof(*counts));
	if (counts != NULL)
		st->input_first = counts;
	if (names == NULL || counts == NULL) {
		output_fail(&rp->out, ENOMEM, NULL);
		return;
	}
	st->inputs[st->ninputs] = strdup(name);
	st->input_first[st->ninputs] = xlsx_counted(rp);
	if (st->inputs[st->ninputs] == NULL) {
		output_fail(&rp->out, ENOMEM, NULL);
		return;
	}
	st->ninputs++;
}

/*
 * Places an input's fields under the header, both ways.  Out of memory,
 * the report fails: a workbook is not written in part.
 */
static void
xlsx_file(struct report *rp, const struct record *hdr)
{
	struct xlsx_state *st = rp->state;
	size_t k, u;

	if (st->wb == NULL || rp->out.failed)
		return;
	if (!st->planned) {
		st->planned = 1;
		if (columns_add(&st->cols, hdr, NULL) != 0) {
			output_fail(&rp->out, ENOMEM, NULL);
			return;
		}
	}
	add_input(rp, hdr);
	if (!st->header_out)
		start_header(rp);
	if (rp->out.failed)
		return;
	free(st->field_of);
	free(st->col_of);
	st->field_of = malloc((st->cols.n + 1) * sizeof(*st->field_of));
	st->col_of = malloc((hdr->nfields + 1) * sizeof(*st->col_of));
	st->width_in = hdr->nfields;
	if (st->field_of == NULL || st->col_of == NULL ||
	    columns_place(&st->cols, hdr, st->field_of) != 0) {
		output_fail(&rp->out, ENOMEM, NULL);
		return;
	}
	for (k = 0; k < hdr->nfields; k++)
		st->col_of[k] = COLUMNS_NONE;
	for (u = 0; u < st->cols.n; u++)
		if (st->field_of[u] != COLUMNS_NONE)
			st->col_of[st->field_of[u]] = u;
}

static void
finish_screened(struct report *rp)
{
	struct xlsx_state *st = rp->state;
	lxw_worksheet *ws;
	size_t s, c;

	for (s = 0; s < st->nsheets && !rp->out.failed; s++) {
		ws = st->sheets[s].ws;
		for (c = 0; c < st->ncells; c++)
			if (xlsx_check(rp,
			        st->lib.worksheet_set_column(ws, (lxw_col_t)c,
			            (lxw_col_t)c,
			            xlsx_look_column_width(st->widest[c]),
			            NULL)))
				return;
		if (st->ncells > 0 && st->sheets[s].rows > 0 &&
		    xlsx_check(rp,
		        st->lib.worksheet_autofilter(ws, 0, 0,
		            (lxw_row_t)(st->sheets[s].rows - 1),
		            (lxw_col_t)(st->ncells - 1))))
			return;
	}
}

/* Copies the workbook's file into the report's stream. */
static void
copy_out(struct report *rp)
{
	struct xlsx_state *st = rp->state;
	char *buf = malloc(XLSX_COPY_BUF);
	ssize_t n;

	if (buf == NULL) {
		output_fail(&rp->out, ENOMEM, NULL);
		return;
	}
	if (lseek(st->fd, 0, SEEK_SET) != 0) {
		output_fail(&rp->out, errno, NULL);
		free(buf);
		return;
	}
	for (;;) {
		n = read(st->fd, buf, XLSX_COPY_BUF);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		out_bytes(&rp->out, buf, (size_t)n);
	}
	if (n < 0)
		output_fail(&rp->out, errno, NULL);
	free(buf);
}

static void
xlsx_finish(struct report *rp)
{
	struct xlsx_state *st = rp->state;
	lxw_workbook *wb = st->wb;
	lxw_error err;

	if (wb == NULL || rp->out.failed)
		return;
	if (!st->header_out)
		start_header(rp);
	if (!rp->out.failed)
		finish_screened(rp);
	if (!rp->out.failed)
		xlsx_write_summary(rp);
	if (!rp->out.failed)
		xlsx_write_rules(rp);
	if (rp->out.failed)
		return;
	st->wb = NULL;
	errno = 0;
	err = st->lib.workbook_close(wb);
	if (err != LXW_NO_ERROR) {
		fail_lxw(rp, err, errno);
		return;
	}
	copy_out(rp);
}

/*
 * Room for the Reasons cell, the comments and the notes.  The report's
 * ids are not there yet (report_new() calls init first): the rules say.
 */
static int
xlsx_init(struct report *rp)
{
	struct xlsx_state *st = rp->state;
	size_t i, cap = ERROR_MSG_MAX + 64;
	const char *d;

	st->fd = -1;
	for (i = 0; i < rp->nrules; i++) {
		d = rules_description(rp->rules, i);
		cap += strlen(rules_id(rp->rules, i)) +
		    (d != NULL ? strlen(d) : 0) + REPORT_REASON_MAX + 16;
	}
	st->comment_cap = cap;
	st->reasons_cap = cap + XLSX_LOOK_TEXT_ROOM;
	st->notes_cap = (rp->nrules + 1) * XLSX_SLOTS_MAX;
	st->comment = malloc(st->comment_cap);
	st->reasons = malloc(st->reasons_cap);
	st->notes = malloc(st->notes_cap * sizeof(*st->notes));
	st->reason = malloc((rp->nrules + 1) * REPORT_REASON_MAX);
	st->reason_len = calloc(rp->nrules + 1, sizeof(*st->reason_len));
	st->text = malloc(XLSX_LOOK_TEXT_ROOM);
	if (st->comment == NULL || st->reasons == NULL || st->notes == NULL ||
	    st->reason == NULL || st->reason_len == NULL || st->text == NULL)
		return -1;
	return 0;
}

static void
xlsx_release(struct report *rp)
{
	struct xlsx_state *st = rp->state;
	size_t i;

	if (st->wb != NULL)
		st->lib.lxw_workbook_free(st->wb);
	xlsxlib_close(&st->lib);
	if (st->fd >= 0)
		(void)close(st->fd);
	free(st->tmpdir);
	columns_release(&st->cols);
	free(st->field_of);
	free(st->col_of);
	free(st->sheets);
	free(st->widest);
	free(st->fill);
	free(st->marked);
	free(st->notes);
	free(st->reason);
	free(st->reason_len);
	free(st->reasons);
	free(st->comment);
	free(st->text);
	for (i = 0; i < st->ninputs; i++)
		free(st->inputs[i]);
	free(st->inputs);
	free(st->input_first);
}

const struct format format_xlsx = {
	.name = "xlsx",
	.flags = FORMAT_ONLY | FORMAT_PLAN | FORMAT_BINARY,
	.state_size = sizeof(struct xlsx_state),
	.init = xlsx_init,
	.start = xlsx_start,
	.plan = xlsx_plan,
	.file = xlsx_file,
	.record = xlsx_record,
	.error = xlsx_record,
	.finish = xlsx_finish,
	.release = xlsx_release,
};
