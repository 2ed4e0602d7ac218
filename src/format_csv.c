/*
 * format_csv.c - the csv report, for a spreadsheet or a program.
 *
 * One header row: the union of the inputs' columns in first-seen order
 * (columns.h, as csvkit's csvstack does; report_plan() gives every
 * input's header first), then screen_status, screen_failed and
 * screen_unknown (ids joined with ';'), screen_reasons (the reasons in
 * words, as the text report gives them, joined with "; "; for an ERROR
 * the reader's message with its line), screen_not_applicable (ids,
 * written only for a rule set with when clauses) and screen_source (an
 * ERROR record's text as it was read, so that no byte of it is lost;
 * empty for the others).  Every row is as wide as the header, each
 * record's cells under their own header names, empty where its input
 * has no such column; an input that was screened before loses its
 * screen_ columns, which are written anew.
 *
 * A cell is quoted only when it holds a comma, a quote, CR or LF (quotes
 * doubled), and, unless the guard is off, a cell that a spreadsheet
 * would run as a formula gets a leading ' (OWASP's advice against CSV
 * injection); that covers every cell written, the screen_ ones too.
 *
 * A row asks for room once.  The usual row, from an input whose columns
 * are the header's in order, is copied into the buffer and checked eight
 * bytes at a time (copy_csv_plain()); only a row with a cell that needs
 * quotes or the guard is then written again, cell by cell.  With ones =
 * 0x0101..01 and highs = 0x8080..80, x ^ (c * ones) has a zero byte where
 * x has a byte c, and (y - ones) & ~y & highs is nonzero exactly when y
 * has a zero byte.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "columns.h"
#include "format.h"

#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

/* The report's own columns, after the inputs'. */
static const char *const screen_columns[] = { "screen_status", "screen_failed",
	"screen_unknown", "screen_reasons", "screen_not_applicable",
	"screen_source" };
#define NSCREEN (sizeof(screen_columns) / sizeof(screen_columns[0]))
/* The one written only for a set with when clauses. */
#define SCREEN_NOT_APPLICABLE 4

struct csv_state {
	/* The header: the union of the inputs' columns. */
	struct columns cols;
	int planned;
	int header_out;
	/* The current input: its field for each column, or COLUMNS_NONE. */
	size_t *field_of;
	size_t width; /* its header's field count */
	int identity; /* its fields are the header's columns, in order */
	/* The screen_reasons cell being made. */
	char *reasons;
	size_t reasons_len;
	size_t reasons_cap;
};

/* clang-format off */
/* Bytes that make a csv cell need quotes. */
static const unsigned char csv_special[256] = {
	['\n'] = 1, ['\r'] = 1, ['"'] = 1, [','] = 1
};

/* Bytes that may start a formula in a spreadsheet, or hide one (NUL). */
static const unsigned char formula_start[256] = {
	['\0'] = 1, ['\t'] = 1, ['\r'] = 1, ['+'] = 1, ['-'] = 1, ['='] = 1,
	['@'] = 1
};
/* clang-format on */

/* Nonzero when one of the bytes of w is a comma, a quote, CR or LF. */
static inline uint64_t
csv_special8(uint64_t w)
{
	uint64_t a = w ^ (ONES * ','), b = w ^ (ONES * '"');
	uint64_t c = w ^ (ONES * '\r'), e = w ^ (ONES * '\n');
	uint64_t zero = ((a - ONES) & ~a) | ((b - ONES) & ~b);

	zero |= ((c - ONES) & ~c) | ((e - ONES) & ~e);
	return zero & HIGHS;
}

/*
 * A plain number: an optional sign, digits, and optionally a point and
 * digits.
 */
static int
plain_number(const char *s, size_t n)
{
	size_t i = 0, digits;

	if (i < n && (s[i] == '-' || s[i] == '+'))
		i++;
	for (digits = 0; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		digits++;
	if (digits == 0)
		return 0;
	if (i == n)
		return 1;
	if (s[i] != '.')
		return 0;
	for (i++, digits = 0; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		digits++;
	return digits > 0 && i == n;
}

/*
 * Nonzero when a spreadsheet could take the cell for a formula: it
 * starts with = + - @ tab, CR or NUL (which LibreOffice drops, then runs
 * what follows) and is not a plain number.
 */
static int
risky_cell(const char *s, size_t n)
{
	return n > 0 && formula_start[(unsigned char)s[0]] &&
	    !plain_number(s, n);
}

/*
 * Copies n bytes from s to d and returns nonzero when they hold a byte
 * that needs quoting.  Words of 8 (or 4) bytes are copied and checked
 * at once, the last one overlapping the one before it, so that no byte
 * past s + n is read.
 */
static inline uint64_t
copy_csv_plain(char *d, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	uint64_t w, found = 0;
	uint32_t lo, hi;
	size_t i;

	if (n >= 8) {
		for (i = 0; i + 8 < n; i += 8) {
			memcpy(&w, s + i, 8);
			memcpy(d + i, &w, 8);
			found |= csv_special8(w);
		}
		memcpy(&w, s + n - 8, 8);
		memcpy(d + n - 8, &w, 8);
		return found | csv_special8(w);
	}
	if (n >= 4) {
		memcpy(&lo, s, 4);
		memcpy(&hi, s + n - 4, 4);
		memcpy(d, &lo, 4);
		memcpy(d + n - 4, &hi, 4);
		return csv_special8(lo | (uint64_t)hi << 32);
	}
	if (n == 0)
		return 0;
	/* One to three bytes: 0, n / 2 and n - 1 cover them all. */
	d[0] = s[0];
	d[n / 2] = s[n / 2];
	d[n - 1] = s[n - 1];
	return csv_special[u[0]] | csv_special[u[n / 2]] |
	    csv_special[u[n - 1]];
}

/*
 * Writes one cell as it must be written: quoted only when needed, with
 * a leading ' when guard is set and the cell is risky.  At most 2n + 3
 * bytes.
 */
static char *
put_csv_cell(char *d, const char *s, size_t n, int guard)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i;
	int quote = 0;

	for (i = 0; i < n && !quote; i++)
		quote = csv_special[u[i]];
	guard = guard && risky_cell(s, n);
	if (!quote) {
		if (guard)
			*d++ = '\'';
		return put_bytes(d, s, n);
	}
	*d++ = '"';
	if (guard)
		*d++ = '\'';
	for (i = 0; i < n; i++) {
		if (u[i] == '"')
			*d++ = '"';
		*d++ = s[i];
	}
	*d++ = '"';
	return d;
}

/*
 * The most that the fields of rec can take as csv cells: each byte
 * doubled, quotes, a guard and a separator each.  The fields are in
 * memory, so their total cannot wrap.
 */
static size_t
record_size(const struct record *rec)
{
	size_t i, total = 0;

	for (i = 0; i < rec->nfields; i++)
		total += rec->fields[i].len;
	return 2 * total + 4 * rec->nfields;
}

/* Nonzero when the n bytes at s name one of the report's own columns. */
static int
is_screen_column(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < NSCREEN; i++)
		if (strlen(screen_columns[i]) == n &&
		    memcmp(screen_columns[i], s, n) == 0)
			return 1;
	return 0;
}

/* Adds the columns of hdr that the header lacks; 0, or -1 out of memory. */
static int
csv_plan(struct report *rp, const struct record *hdr)
{
	struct csv_state *st = rp->state;

	st->planned = 1;
	return columns_add(&st->cols, hdr, is_screen_column);
}

/* The header row: the columns, then the report's own. */
static void
write_header(struct report *rp)
{
	struct csv_state *st = rp->state;
	size_t k, room = 64 * NSCREEN;
	char *d;

	for (k = 0; k < st->cols.n; k++)
		room += 2 * st->cols.col[k].len + 4;
	d = out_room(&rp->out, room);
	if (d == NULL)
		return;
	for (k = 0; k < st->cols.n; k++) {
		d = put_csv_cell(d, st->cols.col[k].name, st->cols.col[k].len,
		    rp->opt.formula_guard);
		*d++ = ',';
	}
	for (k = 0; k < NSCREEN; k++) {
		if (k == SCREEN_NOT_APPLICABLE && !rules_conditional(rp->rules))
			continue;
		d = put_str(d, screen_columns[k]);
		*d++ = k + 1 < NSCREEN ? ',' : '\n';
	}
	out_done(&rp->out, d);
	st->header_out = 1;
}

/*
 * Places the fields of an input under the header's columns.  Out of
 * memory, every cell of the input stays empty; its records still have
 * their rows.
 */
static void
csv_file(struct report *rp, const struct record *hdr)
{
	struct csv_state *st = rp->state;

	if (!st->planned)
		(void)csv_plan(rp, hdr);
	free(st->field_of);
	st->field_of = malloc((st->cols.n + 1) * sizeof(*st->field_of));
	st->width = hdr->nfields;
	st->identity = st->field_of != NULL &&
	    columns_place(&st->cols, hdr, st->field_of) == 0 &&
	    columns_identity(&st->cols, st->field_of, hdr->nfields);
	if (!st->header_out)
		write_header(rp);
}

/* Appends len bytes at s to the reasons cell. */
static void
reasons_add(struct csv_state *st, const char *s, size_t len)
{
	if (len > st->reasons_cap - st->reasons_len)
		len = st->reasons_cap - st->reasons_len;
	memcpy(st->reasons + st->reasons_len, s, len);
	st->reasons_len += len;
}

/* "ID: REASON", after "; " unless it is the first, marked if advisory. */
static void
csv_reason(
    struct report *rp, size_t i, size_t k, const char *reason, size_t len)
{
	struct csv_state *st = rp->state;

	if (k > 0)
		reasons_add(st, "; ", 2);
	reasons_add(st, rp->ids[i], rp->idlen[i]);
	reasons_add(st, ": ", 2);
	reasons_add(st, reason, len);
	if (!rules_required(rp->rules, i))
		reasons_add(st, " (advisory)", 11);
}

/* Makes the reasons cell of e: its reasons, or an ERROR's message. */
static void
make_reasons(struct report *rp, const struct entry *e)
{
	struct csv_state *st = rp->state;
	char line[48];
	int n;

	st->reasons_len = 0;
	if (e->verdict != VERDICT_ERROR) {
		report_each_reason(rp, e, csv_reason);
		return;
	}
	n = snprintf(line, sizeof(line), "line %lu: ", e->error_line);
	if (e->error_line > 0 && n > 0)
		reasons_add(st, line, (size_t)n);
	if (e->message != NULL)
		reasons_add(st, e->message, strlen(e->message));
	/* A record over the limit is kept in part: say so, not in
	 * screen_source, whose bytes are the record's. */
	if (e->rec->source != NULL && e->rec->source_cut) {
		char cut[96];

		n = snprintf(cut, sizeof(cut),
		    " (screen_source holds its first %zu bytes)",
		    e->rec->source_len);
		if (n > 0)
			reasons_add(st, cut, (size_t)n);
	}
}

/*
 * The cells of the input's columns, for an input whose columns are the
 * header's in order: copied as they are, noting any byte that needs
 * quotes and any first byte that may need the guard; in the rare row
 * that has one, written again, each as put_csv_cell() says.
 */
static char *
put_plain_row(char *d, const struct record *rec, size_t width, int guard)
{
	size_t i, n, m = width < rec->nfields ? width : rec->nfields;
	uint64_t special = 0;
	unsigned char risky = 0;
	char *start = d;
	const char *s;

	for (i = 0; i < m; i++) {
		s = rec->fields[i].ptr;
		n = rec->fields[i].len;
		special |= copy_csv_plain(d, s, n);
		if (n > 0)
			risky |= formula_start[(unsigned char)s[0]];
		d += n;
		*d++ = ',';
	}
	if (special || (guard && risky)) {
		d = start;
		for (i = 0; i < m; i++) {
			d = put_csv_cell(
			    d, rec->fields[i].ptr, rec->fields[i].len, guard);
			*d++ = ',';
		}
	}
	for (; i < width; i++)
		*d++ = ',';
	return d;
}

/* The cells of the header's columns, each from its field, if any. */
static char *
put_placed_row(
    char *d, const struct csv_state *st, const struct record *rec, int guard)
{
	size_t u, k;

	for (u = 0; u < st->cols.n; u++) {
		k = st->field_of != NULL ? st->field_of[u] : COLUMNS_NONE;
		if (k != COLUMNS_NONE && k < rec->nfields)
			d = put_csv_cell(
			    d, rec->fields[k].ptr, rec->fields[k].len, guard);
		*d++ = ',';
	}
	return d;
}

/*
 * One row, as wide as the header: the input's cells, then the report's
 * own.  The row asks for room once.
 */
static void
csv_record(struct report *rp, const struct entry *e)
{
	struct csv_state *st = rp->state;
	const struct record *rec = e->rec;
	int guard = rp->opt.formula_guard;
	size_t srclen = e->verdict == VERDICT_ERROR && rec->source != NULL
	    ? rec->source_len
	    : 0;
	char *d;

	make_reasons(rp, e);
	d = out_room(&rp->out,
	    record_size(rec) + st->cols.n + 2 * rp->ids_room + 2 * rp->nrules +
	        2 * (st->reasons_len + srclen) + 32);
	if (d == NULL)
		return;
	if (st->identity)
		d = put_plain_row(d, rec, st->cols.n, guard);
	else
		d = put_placed_row(d, st, rec, guard);
	d = put_str(d, verdict_name(e->verdict));
	*d++ = ',';
	d = report_put_ids(rp, d, e->failed, e->nfailed, ';', 0);
	*d++ = ',';
	d = report_put_ids(rp, d, e->unknown, e->nunknown, ';', 0);
	*d++ = ',';
	d = put_csv_cell(d, st->reasons, st->reasons_len, guard);
	*d++ = ',';
	if (rules_conditional(rp->rules)) {
		d = report_put_ids(
		    rp, d, e->not_applicable, e->nnot_applicable, ';', 0);
		*d++ = ',';
	}
	if (srclen > 0)
		d = put_csv_cell(d, rec->source, srclen, guard);
	*d++ = '\n';
	out_done(&rp->out, d);
}

char *
format_csv_cell(char *d, const char *s, size_t n, int guard)
{
	return put_csv_cell(d, s, n, guard);
}

/* Room for the longest reasons cell: every criterion's, or a message. */
static int
csv_init(struct report *rp)
{
	struct csv_state *st = rp->state;
	size_t i, cap = ERROR_MSG_MAX + 64;

	for (i = 0; i < rp->nrules; i++)
		cap += rp->idlen[i] + REPORT_REASON_MAX + 16;
	st->reasons = malloc(cap);
	st->reasons_cap = cap;
	return st->reasons != NULL ? 0 : -1;
}

static void
csv_release(struct report *rp)
{
	struct csv_state *st = rp->state;

	columns_release(&st->cols);
	free(st->field_of);
	free(st->reasons);
}

const struct format format_csv = {
	.name = "csv",
	.flags = FORMAT_ONLY | FORMAT_GUARD | FORMAT_PLAN,
	.state_size = sizeof(struct csv_state),
	.init = csv_init,
	.plan = csv_plan,
	.file = csv_file,
	.record = csv_record,
	.error = csv_record,
	.release = csv_release,
};
