/*
 * format_csv.c - the csv report, for a spreadsheet or a program.
 *
 * Every input column, verbatim and in input order, then screen_status,
 * screen_failed and screen_unknown (criterion ids joined with ';').  A
 * cell is quoted only when it holds a comma, a quote, CR or LF (quotes
 * doubled), and, unless the guard is off, a cell that a spreadsheet
 * would run as a formula gets a leading ' (OWASP's advice against CSV
 * injection).  The header row is written for the first file, and again
 * only when a later file's header differs.
 *
 * A row is copied into the buffer and checked eight bytes at a time at
 * once (copy_csv_plain()); only the rare row with a cell that needs
 * quotes or the guard is then written again, cell by cell.  With ones = 0x0101..01 and
 * highs = 0x8080..80, x ^ (c * ones) has a zero byte where x has a byte
 * c, and (y - ones) & ~y & highs is nonzero exactly when y has a zero
 * byte.
 */
#include <stdlib.h>
#include <string.h>

#include "format.h"

#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

struct csv_state {
	/* The current file's header width, for malformed records. */
	int has_width;
	size_t width;
	/* The last header row written, to notice a different one. */
	int have_header;
	size_t hdr_nfields;
	size_t *hdr_lens;
	char *hdr_bytes;
};

/* clang-format off */
/* Bytes that make a csv cell need quotes. */
static const unsigned char csv_special[256] = {
	['\n'] = 1, ['\r'] = 1, ['"'] = 1, [','] = 1
};

/* Bytes that may start a formula in a spreadsheet. */
static const unsigned char formula_start[256] = {
	['\t'] = 1, ['\r'] = 1, ['+'] = 1, ['-'] = 1, ['='] = 1, ['@'] = 1
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
 * starts with = + - @ tab or CR and is not a plain number.
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

/* Nonzero when hdr's fields are those of the last header row written. */
static int
same_header(const struct csv_state *st, const struct record *hdr)
{
	size_t i, off = 0;

	if (!st->have_header || hdr->nfields != st->hdr_nfields)
		return 0;
	for (i = 0; i < hdr->nfields; i++) {
		if (hdr->fields[i].len != st->hdr_lens[i] ||
		    (hdr->fields[i].len > 0 &&
		        memcmp(hdr->fields[i].ptr, st->hdr_bytes + off,
		            hdr->fields[i].len) != 0))
			return 0;
		off += st->hdr_lens[i];
	}
	return 1;
}

/* Keeps a copy of hdr's fields; returns 0, or -1 when out of memory. */
static int
keep_header(struct csv_state *st, const struct record *hdr)
{
	size_t i, total = 0, off = 0;
	size_t *lens;
	char *bytes;

	for (i = 0; i < hdr->nfields; i++)
		total += hdr->fields[i].len;
	lens = malloc((hdr->nfields > 0 ? hdr->nfields : 1) * sizeof(*lens));
	bytes = malloc(total > 0 ? total : 1);
	if (lens == NULL || bytes == NULL) {
		free(lens);
		free(bytes);
		return -1;
	}
	for (i = 0; i < hdr->nfields; i++) {
		lens[i] = hdr->fields[i].len;
		if (lens[i] > 0)
			memcpy(bytes + off, hdr->fields[i].ptr, lens[i]);
		off += lens[i];
	}
	free(st->hdr_lens);
	free(st->hdr_bytes);
	st->hdr_lens = lens;
	st->hdr_bytes = bytes;
	st->hdr_nfields = hdr->nfields;
	st->have_header = 1;
	return 0;
}

static void
csv_file(struct report *rp, const struct record *hdr)
{
	struct csv_state *st = rp->state;
	size_t i;
	char *d;

	st->has_width = 1;
	st->width = hdr->nfields;
	if (same_header(st, hdr))
		return;
	/* Out of memory only costs a repeated header row later. */
	if (keep_header(st, hdr) != 0)
		st->have_header = 0;
	d = out_room(&rp->out, record_size(hdr) + 64);
	if (d == NULL)
		return;
	for (i = 0; i < hdr->nfields; i++) {
		d = put_csv_cell(d, hdr->fields[i].ptr, hdr->fields[i].len,
		    rp->opt.formula_guard);
		*d++ = ',';
	}
	d = put_str(d, "screen_status,screen_failed,screen_unknown\n");
	out_done(&rp->out, d);
}

/*
 * One row: the fields in input order, padded with empty cells to the
 * header's width, the three screen columns, then any fields beyond the
 * header's width (only a malformed record has them).  The cells are
 * copied as they are, noting any byte that needs quotes and any first
 * byte that may need the guard; in the rare row that has one, the cells
 * are written again, each as put_csv_cell() says.
 */
static void
csv_record(struct report *rp, const struct entry *e)
{
	struct csv_state *st = rp->state;
	const struct record *rec = e->rec;
	size_t width = st->has_width ? st->width : rec->nfields;
	size_t i, m, n;
	int guard = rp->opt.formula_guard;
	uint64_t special = 0;
	unsigned char risky = 0;
	const char *s;
	char *d, *start;

	d = out_room(&rp->out,
	    record_size(rec) + width + rp->ids_room + 2 * rp->nrules + 16);
	if (d == NULL)
		return;
	start = d;
	m = width < rec->nfields ? width : rec->nfields;
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
	d = put_str(d, verdict_name(e->verdict));
	*d++ = ',';
	d = report_put_ids(rp, d, e->failed, e->nfailed, ';', 0);
	*d++ = ',';
	d = report_put_ids(rp, d, e->unknown, e->nunknown, ';', 0);
	for (i = width; i < rec->nfields; i++) {
		*d++ = ',';
		d = put_csv_cell(
		    d, rec->fields[i].ptr, rec->fields[i].len, guard);
	}
	*d++ = '\n';
	out_done(&rp->out, d);
}

static void
csv_release(struct report *rp)
{
	struct csv_state *st = rp->state;

	free(st->hdr_lens);
	free(st->hdr_bytes);
}

const struct format format_csv = {
	.name = "csv",
	.flags = FORMAT_ONLY | FORMAT_GUARD,
	.state_size = sizeof(struct csv_state),
	.file = csv_file,
	.record = csv_record,
	.error = csv_record,
	.finish = NULL,
	.release = csv_release,
};
