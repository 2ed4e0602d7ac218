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
 * made fit first (xlsxcell_text()).
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
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "columns.h"
#include "format.h"
#include "format_xlsx_lib.h"
#include "header.h"
#include "value.h"
#include "xlsxcell.h"

/* Cell comments written at most, whole rows at a time (see above). */
#define XLSX_COMMENTS_MAX 10000UL
/* The slots of one criterion's finding that get a fill, at most. */
#define XLSX_SLOTS_MAX 16
/* The bytes copied from the workbook's file into the stream at once. */
#define XLSX_COPY_BUF ((size_t)64 * 1024)

/* The report's own columns of a Screened sheet, after the inputs'. */
enum own_column {
	OWN_STATUS,
	OWN_FAILED,
	OWN_UNKNOWN,
	OWN_NOT_APPLICABLE, /* only for a rule set with when clauses */
	OWN_REASONS,
	NOWN
};

static const char *const own_names[NOWN] = { "Status", "Failed", "Unknown",
	"Not applicable", "Reasons" };

/* A Screened sheet, and its rows (the header's included). */
struct sheet {
	lxw_worksheet *ws;
	unsigned long rows;
};

/* A criterion's reason that goes in the comment of an input cell. */
struct note {
	size_t col; /* the union's column */
	size_t crit;
};

struct xlsx_state {
	struct xlsxlib lib; /* libxlsxwriter, once the report starts */
	lxw_workbook *wb; /* NULL: nothing is written (-q) or it is over */
	int fd; /* the workbook's file, unlinked; -1 when none */
	char *tmpdir; /* for libxlsxwriter's own temporary files */
	/* The cell formats: cell[fill][date], status[fill], and the rest. */
	lxw_format *cell[XLSXCELL_NFILLS][2];
	lxw_format *status[XLSXCELL_NFILLS];
	lxw_format *bold;
	lxw_format *date;
	/* The header: the union of the inputs' columns. */
	struct columns cols;
	int planned;
	int header_out;
	size_t own[NOWN]; /* each own column's place, or COLUMNS_NONE */
	size_t ncells; /* the union's columns and the own ones */
	/* The current input: its field under each column, and the column
	 * of each of its fields (COLUMNS_NONE when none). */
	size_t *field_of;
	size_t *col_of;
	size_t width_in; /* its header's field count */
	/* The Screened sheets, the current one last. */
	struct sheet *sheets;
	size_t nsheets;
	unsigned long long bytes; /* the current sheet's XML, estimated */
	size_t *widest; /* per Screened column, in characters */
	/* The record being written. */
	const struct entry *e;
	unsigned char *fill; /* per union column: enum xlsxcell_fill */
	size_t *marked; /* the columns with a fill */
	size_t nmarked;
	struct note *notes;
	size_t nnotes;
	size_t notes_cap;
	/* Per criterion i, its reason at reason + i * REPORT_REASON_MAX. */
	char *reason;
	size_t *reason_len;
	size_t slots[XLSX_SLOTS_MAX];
	char *reasons; /* the Reasons cell */
	size_t reasons_len;
	size_t reasons_cap;
	char *comment;
	size_t comment_cap;
	char *text; /* a cell's text made fit (XLSXCELL_TEXT_ROOM) */
	unsigned long long row_bytes;
	/* Comments: how many, and up to which record (0: none yet). */
	unsigned long ncomments;
	unsigned long commented_records;
	int comments_over;
	unsigned long records; /* written to the Screened sheets */
	unsigned long cut; /* cells cut to XLSXCELL_CHARS_MAX */
	/* The inputs, for the Rules sheet: names (copies), and how many
	 * records had been counted when each started. */
	char **inputs;
	unsigned long *input_first;
	size_t ninputs;
};

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
static int
check(struct report *rp, lxw_error err)
{
	if (err == LXW_NO_ERROR)
		return 0;
	fail_lxw(rp, err, errno);
	return 1;
}

/* A format with a fill's colours, bold when asked, a date when asked. */
static lxw_format *
new_format(
    const struct xlsx_state *st, enum xlsxcell_fill f, int bold, int date)
{
	struct xlsxcell_colours c = xlsxcell_colours_of(f);
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

	for (f = 0; f < XLSXCELL_NFILLS; f++) {
		st->cell[f][0] = new_format(st, (enum xlsxcell_fill)f, 0, 0);
		st->cell[f][1] = new_format(st, (enum xlsxcell_fill)f, 0, 1);
		st->status[f] = new_format(st, (enum xlsxcell_fill)f, 1, 0);
		ok = ok && st->cell[f][0] != NULL && st->cell[f][1] != NULL &&
		    st->status[f] != NULL;
	}
	st->bold = new_format(st, XLSXCELL_PLAIN, 1, 0);
	st->date = new_format(st, XLSXCELL_PLAIN, 0, 1);
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

/* Adds the next Screened sheet, with its header row once it is known. */
static lxw_worksheet *add_sheet(struct report *rp);

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
	(void)add_sheet(rp);
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
 * Writes the n bytes at s as a string cell, made fit (xlsxcell_text()),
 * in format fmt; notes its width for column col when widest is set.
 * Returns 0, or -1 when the report failed.
 */
static int
put_string(struct report *rp, lxw_worksheet *ws, lxw_row_t row, size_t col,
    const char *s, size_t n, lxw_format *fmt)
{
	struct xlsx_state *st = rp->state;
	size_t len, width;
	int cut;

	len = xlsxcell_text(st->text, s, n, &width, &cut);
	if (cut)
		st->cut++;
	if (ws == st->sheets[st->nsheets - 1].ws && st->widest != NULL &&
	    width > st->widest[col])
		st->widest[col] = width;
	st->row_bytes += len + XLSXCELL_CELL_BYTES;
	if (len == 0 && fmt == NULL)
		return 0;
	return check(rp,
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
		if (put_string(rp, ws, 0, k, st->cols.col[k].name,
		        st->cols.col[k].len, st->bold) != 0)
			return;
	for (k = 0; k < NOWN; k++)
		if (st->own[k] != COLUMNS_NONE &&
		    put_string(rp, ws, 0, st->own[k], own_names[k],
		        strlen(own_names[k]), st->bold) != 0)
			return;
	st->lib.worksheet_freeze_panes(ws, 1, 0);
}

static lxw_worksheet *
add_sheet(struct report *rp)
{
	struct xlsx_state *st = rp->state;
	char name[XLSXCELL_NAME_ROOM];
	struct sheet *sheets;
	lxw_worksheet *ws;

	sheets = realloc(st->sheets, (st->nsheets + 1) * sizeof(*sheets));
	if (sheets == NULL) {
		output_fail(&rp->out, ENOMEM, NULL);
		return NULL;
	}
	st->sheets = sheets;
	xlsxcell_sheet_name(name, "Screened", st->nsheets + 1);
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

	if (st->ncells <= XLSXCELL_COLS_MAX)
		return 1;
	(void)snprintf(why, sizeof(why),
	    "cannot write %zu columns: a worksheet holds at most %d",
	    st->ncells, XLSXCELL_COLS_MAX);
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
static unsigned long
counted(const struct report *rp)
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
	st->input_first[st->ninputs] = counted(rp);
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
	enum xlsxcell_fill fill = xlsxcell_fill_of_outcome(f->outcome);
	size_t n, k, field, u;

	if (fill == XLSXCELL_PLAIN || e->col == NULL || st->col_of == NULL)
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
		if (st->fill[u] == XLSXCELL_PLAIN)
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
    size_t k, enum xlsxcell_fill fill)
{
	struct xlsx_state *st = rp->state;
	const struct record *rec = st->e->rec;
	const struct field *f = &rec->fields[k];
	int kind = rec->kinds != NULL ? rec->kinds[k] : FIELD_TEXT;
	lxw_format *fmt = fill != XLSXCELL_PLAIN ? st->cell[fill][0] : NULL;
	lxw_datetime dt;
	size_t len, width;
	int32_t day;
	double v;
	char *end;
	int cut;

	if (kind == FIELD_TEXT || f->len == 0 || f->len > 64)
		return put_string(rp, ws, row, col, f->ptr, f->len, fmt);
	len = xlsxcell_text(st->text, f->ptr, f->len, &width, &cut);
	st->row_bytes += len + XLSXCELL_CELL_BYTES;
	if (width > st->widest[col])
		st->widest[col] = width;
	if (kind == FIELD_NUMBER) {
		errno = 0;
		v = strtod(st->text, &end);
		if (end == st->text + len && errno == 0 && isfinite(v))
			return check(rp,
			           st->lib.worksheet_write_number(
			               ws, row, (lxw_col_t)col, v, fmt))
			    ? -1
			    : 0;
	} else if (kind == FIELD_DATE) {
		if (value_parse_iso(st->text, &day) == 0) {
			memset(&dt, 0, sizeof(dt));
			value_civil_from_days(
			    day, &dt.year, &dt.month, &dt.day);
			return check(rp,
			           st->lib.worksheet_write_datetime(ws, row,
			               (lxw_col_t)col, &dt, st->cell[fill][1]))
			    ? -1
			    : 0;
		}
	} else if (kind == FIELD_BOOL) {
		if (strcmp(st->text, "TRUE") == 0 ||
		    strcmp(st->text, "FALSE") == 0)
			return check(rp,
			           st->lib.worksheet_write_boolean(ws, row,
			               (lxw_col_t)col, st->text[0] == 'T', fmt))
			    ? -1
			    : 0;
	}
	return check(rp,
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
	return put_string(rp, ws, row, col, st->comment, len, NULL);
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
	(void)xlsxcell_text(st->text, st->comment, len, &width, &cut);
	memset(&opt, 0, sizeof(opt));
	opt.x_scale = 2.5;
	opt.y_scale = 1.5;
	return check(rp,
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
		st->fill[st->marked[k]] = XLSXCELL_PLAIN;
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
	return n + (unsigned long long)st->ncells * XLSXCELL_CELL_BYTES;
}

/* One row of a Screened sheet: the input's cells, then the report's. */
static void
xlsx_record(struct report *rp, const struct entry *e)
{
	struct xlsx_state *st = rp->state;
	const struct record *rec = e->rec;
	lxw_worksheet *ws;
	lxw_row_t row;
	size_t u, k;
	enum xlsxcell_fill fill;

	if (st->wb == NULL || rp->out.failed || !st->header_out)
		return;
	clear_marks(st);
	st->e = e;
	st->reasons_len = 0;
	if (e->verdict == VERDICT_ERROR)
		error_reasons(st, e);
	else
		report_each_reason(rp, e, xlsx_reason);
	if (xlsxcell_sheet_full(
	        st->sheets[st->nsheets - 1].rows, st->bytes, estimate(st, e)) &&
	    add_sheet(rp) == NULL)
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
		        (enum xlsxcell_fill)st->fill[u]) != 0)
			return;
	}
	fill = xlsxcell_fill_of_verdict(e->verdict);
	if (put_string(rp, ws, row, st->own[OWN_STATUS],
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
	if (put_string(rp, ws, row, st->own[OWN_REASONS], st->reasons,
	        st->reasons_len, NULL) != 0)
		return;
	put_comments(rp, ws, row);
	st->sheets[st->nsheets - 1].rows++;
	st->bytes += st->row_bytes;
	st->records++;
}

/* The widths, the frozen header and the filter of each Screened sheet. */
static void
finish_screened(struct report *rp)
{
	struct xlsx_state *st = rp->state;
	lxw_worksheet *ws;
	size_t s, c;

	for (s = 0; s < st->nsheets && !rp->out.failed; s++) {
		ws = st->sheets[s].ws;
		for (c = 0; c < st->ncells; c++)
			if (check(rp,
			        st->lib.worksheet_set_column(ws, (lxw_col_t)c,
			            (lxw_col_t)c,
			            xlsxcell_column_width(st->widest[c]),
			            NULL)))
				return;
		if (st->ncells > 0 && st->sheets[s].rows > 0 &&
		    check(rp,
		        st->lib.worksheet_autofilter(ws, 0, 0,
		            (lxw_row_t)(st->sheets[s].rows - 1),
		            (lxw_col_t)(st->ncells - 1))))
			return;
	}
}

/* A row of two cells, a label in bold and a string. */
static void
put_pair(struct report *rp, lxw_worksheet *ws, lxw_row_t row, const char *label,
    const char *value)
{
	struct xlsx_state *st = rp->state;

	if (put_string(rp, ws, row, 0, label, strlen(label), st->bold) == 0)
		(void)put_string(rp, ws, row, 1, value, strlen(value), NULL);
}

/* A number cell. */
static void
put_number(struct report *rp, lxw_worksheet *ws, lxw_row_t row, size_t col,
    unsigned long v, lxw_format *fmt)
{
	struct xlsx_state *st = rp->state;

	(void)check(rp,
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
	if (put_string(rp, ws, row, 0, "As of", 5, st->bold) == 0)
		(void)check(rp,
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
	red.color = xlsxcell_colours_of(XLSXCELL_FAILED).font;
	amber.color = xlsxcell_colours_of(XLSXCELL_UNKNOWN).font;
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
	(void)check(rp, st->lib.worksheet_insert_chart_opt(ws, 1, 6, ch, &opt));
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

static void
write_summary(struct report *rp)
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
	total = counted(rp);
	(void)put_string(rp, ws, 0, 0, "Screening summary", 17, st->bold);
	(void)snprintf(text, sizeof(text), "%s (%s)", rules_name(rp->rules),
	    rules_hash(rp->rules));
	put_pair(rp, ws, 1, "Rule set", text);
	put_asof(rp, ws, 2);
	(void)put_string(rp, ws, 3, 0, "Records", 7, st->bold);
	put_number(rp, ws, 3, 1, total, NULL);
	(void)put_string(
	    rp, ws, SUMMARY_STATUS_ROW - 1, 0, "Status", 6, st->bold);
	(void)put_string(
	    rp, ws, SUMMARY_STATUS_ROW - 1, 1, "Records", 7, st->bold);
	for (v = 0; v < VERDICT_COUNT; v++) {
		row = (lxw_row_t)(SUMMARY_STATUS_ROW + v);
		(void)put_string(rp, ws, row, 0, verdict_name((enum verdict)v),
		    strlen(verdict_name((enum verdict)v)),
		    st->status[xlsxcell_fill_of_verdict((enum verdict)v)]);
		put_number(rp, ws, row, 1, rp->counts[v], NULL);
	}
	for (i = 0; i < sizeof(heads) / sizeof(*heads); i++)
		(void)put_string(rp, ws, SUMMARY_CRITERIA_ROW, i, heads[i],
		    strlen(heads[i]), st->bold);
	for (i = 0; i < rp->nrules; i++) {
		const char *level =
		    rules_required(rp->rules, i) ? "required" : "advisory";
		const char *d = rules_description(rp->rules, i);

		row = (lxw_row_t)(SUMMARY_CRITERIA_ROW + 1 + i);
		(void)put_string(
		    rp, ws, row, 0, rp->ids[i], rp->idlen[i], NULL);
		(void)put_string(rp, ws, row, 1, level, strlen(level), NULL);
		put_number(rp, ws, row, 2, rp->nfail[i], NULL);
		put_number(rp, ws, row, 3, rp->nunknown[i], NULL);
		(void)put_string(rp, ws, row, 4, d != NULL ? d : "",
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
		    st->nsheets, XLSXCELL_ROWS_MAX);
		put_pair(rp, ws, row++, "Sheets", text);
	}
	if (st->cut > 0) {
		(void)snprintf(text, sizeof(text),
		    "%lu cells cut to %d characters, the most a cell holds",
		    st->cut, XLSXCELL_CHARS_MAX);
		put_pair(rp, ws, row, "Cut", text);
	}
	(void)check(rp, st->lib.worksheet_set_column(ws, 0, 0, 22, NULL));
	(void)check(rp, st->lib.worksheet_set_column(ws, 1, 1, 12, NULL));
	(void)check(rp,
	    st->lib.worksheet_set_column(
	        ws, 4, 4, xlsxcell_column_width(widest_description(rp)), NULL));
	summary_chart(rp, ws);
}

/* The rule set's text, a line a row, from row on. */
static void
rules_text_rows(struct report *rp, lxw_worksheet *ws, lxw_row_t row)
{
	size_t len, at = 0, end;
	const char *text = rules_text(rp->rules, &len);

	while (at < len && !rp->out.failed && row < XLSXCELL_ROWS_MAX) {
		for (end = at; end < len && text[end] != '\n'; end++)
			;
		if (put_string(rp, ws, row++, 0, text + at,
		        end > at && text[end - 1] == '\r' ? end - at - 1
		                                          : end - at,
		        NULL) != 0)
			return;
		at = end + 1;
	}
}

static void
write_rules(struct report *rp)
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
	(void)put_string(
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
	(void)put_string(rp, ws, row, 0, "Inputs", 6, st->bold);
	(void)put_string(rp, ws, row++, 2, "Records", 7, st->bold);
	for (i = 0; i < st->ninputs && !rp->out.failed; i++) {
		(void)put_string(
		    rp, ws, row, 1, st->inputs[i], strlen(st->inputs[i]), NULL);
		put_number(rp, ws, row++, 2,
		    (i + 1 < st->ninputs ? st->input_first[i + 1]
		                         : counted(rp)) -
		        st->input_first[i],
		    NULL);
	}
	row++;
	(void)put_string(rp, ws, row, 0, "Id", 2, st->bold);
	(void)put_string(rp, ws, row, 1, "Level", 5, st->bold);
	(void)put_string(rp, ws, row++, 2, "Description", 11, st->bold);
	for (i = 0; i < rp->nrules && !rp->out.failed; i++) {
		const char *level =
		    rules_required(rp->rules, i) ? "required" : "advisory";
		const char *d = rules_description(rp->rules, i);

		(void)put_string(
		    rp, ws, row, 0, rp->ids[i], rp->idlen[i], NULL);
		(void)put_string(rp, ws, row, 1, level, strlen(level), NULL);
		(void)put_string(rp, ws, row++, 2, d != NULL ? d : "",
		    d != NULL ? strlen(d) : 0, NULL);
	}
	row++;
	(void)put_string(
	    rp, ws, row++, 0, "The rule set as written", 23, st->bold);
	rules_text_rows(rp, ws, row);
	(void)check(rp, st->lib.worksheet_set_column(ws, 0, 0, 24, NULL));
	(void)check(rp, st->lib.worksheet_set_column(ws, 1, 1, 30, NULL));
	(void)check(rp, st->lib.worksheet_set_column(ws, 2, 2, 60, NULL));
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
		write_summary(rp);
	if (!rp->out.failed)
		write_rules(rp);
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
	st->reasons_cap = cap + XLSXCELL_TEXT_ROOM;
	st->notes_cap = (rp->nrules + 1) * XLSX_SLOTS_MAX;
	st->comment = malloc(st->comment_cap);
	st->reasons = malloc(st->reasons_cap);
	st->notes = malloc(st->notes_cap * sizeof(*st->notes));
	st->reason = malloc((rp->nrules + 1) * REPORT_REASON_MAX);
	st->reason_len = calloc(rp->nrules + 1, sizeof(*st->reason_len));
	st->text = malloc(XLSXCELL_TEXT_ROOM);
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
