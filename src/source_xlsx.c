/*
 * source_xlsx.c - the rows of an Excel workbook's worksheet as records:
 * the reader's .xlsx source.
 *
 * An input that starts like a zip archive is this source's.  Opening it
 * reads the workbook's structure (xlsx_book.h), its cell formats
 * (xlsx_styles.h) and its shared strings (xlsx_strings.h), chooses the
 * sheet (reader_options' xlsx.sheet, or the first worksheet shown),
 * and readies its part for parsing (xmlpart.h).  Each reader_next()
 * then parses on until a row with a value ends, and hands it on as a
 * record: the parse pauses there, so memory is bounded by the row, not
 * the sheet.
 *
 * A row's cells come with their references ("C17"); a cell with
 * nothing in it may be left out, so each value goes to its column's
 * field and the columns between get empty ones.  What each cell holds
 * becomes the text a recruiter sees (xlsx_cell.h): a shared or inline
 * string (its rich-text runs joined), a number, a date or a time by its
 * number format, TRUE or FALSE, an error's text ("#N/A"), a formula's
 * cached value.  The first row with a value is the header; a row with
 * none is blank and skipped; a later row is padded with empty fields to
 * the header's width, and a row with a value past it, or a cell that
 * cannot be read, is handed on as READER_BAD_RECORD with what could be
 * read of it.  Records name their file as "NAME:SHEET" and their line
 * as the row's number.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "source.h"
#include "xlsx_book.h"
#include "xlsx_cell.h"
#include "xlsx_strings.h"
#include "xlsx_styles.h"
#include "xmlpart.h"

/* What a cell's t attribute says it holds. */
enum cell_type {
	CELL_NUMBER = 0, /* n, or no t: a number, maybe a date */
	CELL_SHARED, /* s: an index into the shared strings */
	CELL_BOOL, /* b: 0 or 1 */
	CELL_ERROR, /* e: #N/A, #DIV/0! ... */
	CELL_STR, /* str: a formula's text */
	CELL_INLINE, /* inlineStr: text in the cell, <is> */
	CELL_DATE, /* d: an ISO 8601 date */
	CELL_UNKNOWN
};

enum state { STATE_READING = 0, STATE_DONE, STATE_FAILED };

struct xlsx_source {
	const char *name; /* borrowed: the input's */
	char *file; /* "NAME:SHEET", what records name */
	struct zipfile *z;
	struct xlsx_book book;
	struct xlsx_styles styles;
	struct xlsx_strings strings;
	struct xmlpart *sheet;
	enum state state;
	struct error fail;

	/* The row being read: its fields and their kinds. */
	struct fields fs;
	unsigned char *kinds;
	size_t kinds_cap;
	unsigned long row; /* its number */
	unsigned long long row_off; /* its offset in the sheet's part */
	unsigned next_col; /* the column a cell with no reference is in */
	int in_sheetdata;
	int in_row;
	int row_ready; /* a row with a value ended: hand it on */
	int row_bad; /* rerr says what is wrong with it */
	size_t row_width; /* 1 + the last column with a value, read or not */
	struct error rerr;

	/* The cell being read. */
	int in_cell;
	unsigned col;
	enum cell_type type;
	char type_text[16]; /* for a message about an unknown type */
	unsigned long xf; /* its style */
	int in_v, in_is, in_t, in_rph;
	char *val; /* its text, from <v> or <is> */
	size_t val_len, val_cap;
	int val_long; /* it was longer than the field limit */

	unsigned long long nrecords;
	size_t header_fields;
};

/* Two 'P' 'K' signatures: a local file header, an empty archive. */
static enum source_sniff
xlsx_sniff(const unsigned char *head, size_t n, int eof)
{
	static const unsigned char local[4] = { 'P', 'K', 3, 4 };
	static const unsigned char empty[4] = { 'P', 'K', 5, 6 };
	size_t k = n < 4 ? n : 4;

	if (memcmp(head, local, k) != 0 && memcmp(head, empty, k) != 0)
		return SOURCE_NO;
	if (n < 4)
		return eof ? SOURCE_NO : SOURCE_MORE;
	return SOURCE_YES;
}

/* Marks the row bad (the first reason stays); a printf-style reason. */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void
row_error(struct xlsx_source *s, const char *fmt, ...)
{
	va_list ap;

	if (s->row_bad)
		return;
	s->row_bad = 1;
	s->rerr.file = s->file;
	s->rerr.line = s->row;
	va_start(ap, fmt);
	(void)vsnprintf(s->rerr.msg, sizeof(s->rerr.msg), fmt, ap);
	va_end(ap);
}

/* The reference of the cell being read, for a message: "C17". */
static const char *
cell_name(const struct xlsx_source *s, char *buf, size_t size)
{
	char col[XLSX_COLUMN_BUF];

	(void)snprintf(
	    buf, size, "%s%lu", xlsx_column_name(s->col, col), s->row);
	return buf;
}

/*
 * Marks the row bad for the cell being read: "cell C17" and the rest,
 * printf-style.
 */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void
cell_error(struct xlsx_source *s, const char *fmt, ...)
{
	char ref[32], rest[ERROR_MSG_MAX];
	va_list ap;

	if (s->row_bad)
		return;
	va_start(ap, fmt);
	(void)vsnprintf(rest, sizeof(rest), fmt, ap);
	va_end(ap);
	row_error(s, "cell %s%s", cell_name(s, ref, sizeof(ref)), rest);
}

/* Reads a row's r attribute (digits, 1 to XLSX_MAX_ROWS) into *row. */
static int
row_number(const char *v, unsigned long *row)
{
	unsigned long r = 0;

	if (*v < '1' || *v > '9')
		return -1;
	for (; *v >= '0' && *v <= '9'; v++) {
		r = r * 10 + (unsigned long)(*v - '0');
		if (r > XLSX_MAX_ROWS)
			return -1;
	}
	if (*v != '\0')
		return -1;
	*row = r;
	return 0;
}

static void
start_row(struct xmlpart *x, struct xlsx_source *s, const char **attrs)
{
	const char *r = xmlpart_attr(attrs, "r");
	unsigned long n;
	char q[ERROR_QUOTE_BUF];

	fields_clear(&s->fs);
	s->row_bad = 0;
	s->row_width = 0;
	s->in_row = 1;
	s->next_col = 0;
	s->row_off = xmlpart_offset(x);
	if (r != NULL && row_number(r, &n) == 0) {
		s->row = n;
		return;
	}
	s->row++;
	if (r != NULL)
		row_error(s, "row number %s is not valid",
		    error_quote(q, sizeof(q), r, strlen(r)));
}

/* The cell type that a t attribute's value names. */
static enum cell_type
cell_type(const char *t)
{
	static const struct {
		const char *name;
		enum cell_type type;
	} types[] = { { "n", CELL_NUMBER }, { "s", CELL_SHARED },
		{ "b", CELL_BOOL }, { "e", CELL_ERROR }, { "str", CELL_STR },
		{ "inlineStr", CELL_INLINE }, { "d", CELL_DATE } };
	size_t i;

	if (t == NULL)
		return CELL_NUMBER;
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(t, types[i].name) == 0)
			return types[i].type;
	return CELL_UNKNOWN;
}

static void
start_cell(struct xlsx_source *s, const char **attrs)
{
	static const char *const names[3] = { "r", "t", "s" };
	const char *v[3], *r, *t, *st;
	char q[ERROR_QUOTE_BUF], ref[32], prev[XLSX_COLUMN_BUF];
	unsigned long row;
	unsigned col = s->next_col;

	xmlpart_attrs(attrs, names, v, 3);
	r = v[0];
	t = v[1];
	st = v[2];
	s->in_cell = 1;
	s->val_len = 0;
	s->val_long = 0;
	s->type = cell_type(t);
	if (s->type == CELL_UNKNOWN)
		(void)snprintf(s->type_text, sizeof(s->type_text), "%s", t);
	/* The style's index: one past every format when unreadable, so
	 * that it reads as General. */
	s->xf = 0;
	for (; st != NULL && *st >= '0' && *st <= '9'; st++)
		s->xf = s->xf < 100000000ul
		    ? s->xf * 10 + (unsigned long)(*st - '0')
		    : s->xf;
	if (st != NULL && *st != '\0')
		s->xf = (unsigned long)-1;
	if (r != NULL && xlsx_cell_ref(r, strlen(r), &col, &row) != 0) {
		row_error(s, "cell reference %s is not valid",
		    error_quote(q, sizeof(q), r, strlen(r)));
		col = s->next_col;
	} else if (col < s->next_col) {
		s->col = col;
		row_error(s, "cell %s comes after column %s",
		    cell_name(s, ref, sizeof(ref)),
		    xlsx_column_name(s->next_col - 1, prev));
		col = s->next_col;
	} else if (col >= XLSX_MAX_COLUMNS) {
		row_error(s, "more than %u cells in the row", XLSX_MAX_COLUMNS);
		col = XLSX_MAX_COLUMNS - 1;
	}
	s->col = col;
	s->next_col = col + 1;
}

/* Nonzero when name is the one-letter name c. */
static int
named(const char *name, char c)
{
	return name[0] == c && name[1] == '\0';
}

/* The elements of a worksheet, the most frequent first. */
static void
on_start(struct xmlpart *x, void *ud, const char *name, const char **attrs)
{
	struct xlsx_source *s = ud;

	if (!s->in_sheetdata) {
		if (strcmp(name, "sheetData") == 0)
			s->in_sheetdata = 1;
	} else if (named(name, 'c')) {
		if (s->in_cell)
			xmlpart_fail(x, "a cell inside a cell");
		else if (s->in_row)
			start_cell(s, attrs);
	} else if (named(name, 'v')) {
		s->in_v = s->in_cell;
	} else if (strcmp(name, "row") == 0) {
		if (s->in_row)
			xmlpart_fail(x, "a row inside a row");
		else
			start_row(x, s, attrs);
	} else if (!s->in_cell) {
		return;
	} else if (strcmp(name, "is") == 0) {
		s->in_is = 1;
	} else if (s->in_is && strcmp(name, "rPh") == 0) {
		s->in_rph++;
	} else if (s->in_is && named(name, 't')) {
		s->in_t = 1;
	}
}

static void
on_text(struct xmlpart *x, void *ud, const char *text, size_t n)
{
	struct xlsx_source *s = ud;
	size_t want;
	char *p;

	(void)x;
	if (!(s->in_v && s->type != CELL_INLINE) &&
	    !(s->in_t && s->in_rph == 0 && s->type == CELL_INLINE))
		return;
	if (s->val_long || s->val_len + n > s->fs.max_field) {
		s->val_long = 1;
		return;
	}
	if (s->val_len + n > s->val_cap) {
		want = s->val_cap == 0 ? 256 : s->val_cap;
		while (want < s->val_len + n)
			want *= 2;
		if (want > s->fs.max_field)
			want = s->fs.max_field;
		p = realloc(s->val, want);
		if (p == NULL) {
			xmlpart_fail(x, "out of memory");
			return;
		}
		s->val = p;
		s->val_cap = want;
	}
	memcpy(s->val + s->val_len, text, n);
	s->val_len += n;
}

/* Makes room for n kinds; 0, or -1 when out of memory. */
static int
kinds_reserve(struct xlsx_source *s, size_t n)
{
	size_t cap = s->kinds_cap == 0 ? 64 : s->kinds_cap;
	unsigned char *k;

	if (n <= s->kinds_cap)
		return 0;
	while (cap < n)
		cap *= 2;
	k = realloc(s->kinds, cap);
	if (k == NULL)
		return -1;
	s->kinds = k;
	s->kinds_cap = cap;
	return 0;
}

/*
 * Adds the n bytes at v, of kind kind, as the field of the cell being
 * read, after empty fields for the columns before it.
 */
static void
add_value(struct xmlpart *x, struct xlsx_source *s, const char *v, size_t n,
    enum field_kind kind)
{
	size_t gap = s->col - s->fs.n, i;
	enum fields_refusal why = FIELDS_ADDED;
	char ref[32];

	if (s->row_bad)
		return;
	if (n > s->fs.max_field) {
		/* As one read from <v> or <is> would be: the row goes on. */
		row_error(s, "cell %s holds more than %zu bytes",
		    cell_name(s, ref, sizeof(ref)), s->fs.max_field);
		return;
	}
	if (fields_reserve(&s->fs, n, gap + 1) != 0 ||
	    kinds_reserve(s, s->fs.n + gap + 1) != 0) {
		xmlpart_fail(x, "out of memory");
		return;
	}
	for (i = 0; i < gap && why == FIELDS_ADDED; i++) {
		s->kinds[s->fs.n] = FIELD_TEXT;
		why = fields_add(&s->fs, "", 0);
	}
	if (why == FIELDS_ADDED) {
		s->kinds[s->fs.n] = (unsigned char)kind;
		why = fields_add(&s->fs, v, n);
	}
	if (why != FIELDS_ADDED)
		row_error(s, "row longer than %zu bytes", s->fs.max_record);
}

/* A number cell: a date or a time by its format, else the number. */
static void
number_value(struct xmlpart *x, struct xlsx_source *s, double v)
{
	char buf[XLSX_NUMBER_BUF];
	size_t n;

	switch (xlsx_styles_kind(&s->styles, s->xf)) {
	case XLSX_NUMFMT_DATE:
		if (xlsx_date_text(v, s->book.date1904, buf) == 0) {
			add_value(x, s, buf, strlen(buf), FIELD_DATE);
			return;
		}
		break;
	case XLSX_NUMFMT_TIME:
		n = xlsx_time_text(v, buf);
		if (n > 0) {
			add_value(x, s, buf, n, FIELD_TEXT);
			return;
		}
		break;
	case XLSX_NUMFMT_NUMBER:
		break;
	}
	n = xlsx_number_text(v, buf);
	add_value(x, s, buf, n, FIELD_NUMBER);
}

/* A t="d" cell: ISO 8601, of which the date is kept. */
static void
date_value(struct xmlpart *x, struct xlsx_source *s)
{
	const char *v = s->val;
	size_t i;
	int iso = s->val_len == 10 || (s->val_len > 10 && s->val[10] == 'T');

	for (i = 0; iso && i < 10; i++)
		iso = (i == 4 || i == 7) ? v[i] == '-'
		                         : v[i] >= '0' && v[i] <= '9';
	add_value(
	    x, s, v, iso ? 10 : s->val_len, iso ? FIELD_DATE : FIELD_TEXT);
}

/* Reads an unsigned decimal index, the whole of the n bytes at v. */
static int
index_value(const char *v, size_t n, unsigned long *out)
{
	unsigned long k = 0;
	size_t i;

	if (n == 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (v[i] < '0' || v[i] > '9' || k > 0xffffffffUL)
			return -1;
		k = k * 10 + (unsigned long)(v[i] - '0');
	}
	*out = k;
	return 0;
}

/* At the end of a cell: its value, as text, to its field. */
static void
end_cell(struct xmlpart *x, struct xlsx_source *s)
{
	char q[ERROR_QUOTE_BUF];
	const char *str;
	unsigned long i;
	size_t n;
	double d;

	s->in_cell = 0;
	s->in_v = s->in_is = s->in_t = s->in_rph = 0;
	if (s->val_long) {
		cell_error(s, " holds more than %zu bytes", s->fs.max_field);
		return;
	}
	if (s->val_len == 0)
		return;
	if (s->col + 1 > s->row_width)
		s->row_width = s->col + 1;
	if (s->row_bad)
		return;
	switch (s->type) {
	case CELL_NUMBER:
		/* Most numbers are written as their shortest text already. */
		if (xlsx_styles_kind(&s->styles, s->xf) == XLSX_NUMFMT_NUMBER &&
		    xlsx_number_is_shortest(s->val, s->val_len))
			add_value(x, s, s->val, s->val_len, FIELD_NUMBER);
		else if (xlsx_number_parse(s->val, s->val_len, &d) != 0)
			cell_error(s, ": %s is not a number",
			    error_quote(q, sizeof(q), s->val, s->val_len));
		else
			number_value(x, s, d);
		break;
	case CELL_SHARED:
		if (index_value(s->val, s->val_len, &i) != 0)
			cell_error(s, ": %s is not a shared string's number",
			    error_quote(q, sizeof(q), s->val, s->val_len));
		else if (xlsx_strings_get(&s->strings, i, &str, &n) != 0)
			cell_error(s, ": no shared string %lu (there are %zu)",
			    i, s->strings.n);
		else if (n > 0)
			add_value(x, s, str, n, FIELD_TEXT);
		break;
	case CELL_BOOL:
		if (s->val_len == 1 && (s->val[0] == '0' || s->val[0] == '1'))
			add_value(x, s, s->val[0] == '1' ? "TRUE" : "FALSE",
			    s->val[0] == '1' ? 4 : 5, FIELD_BOOL);
		else
			cell_error(s, ": %s is not a boolean",
			    error_quote(q, sizeof(q), s->val, s->val_len));
		break;
	case CELL_ERROR:
	case CELL_STR:
	case CELL_INLINE:
		add_value(x, s, s->val, s->val_len, FIELD_TEXT);
		break;
	case CELL_DATE:
		date_value(x, s);
		break;
	case CELL_UNKNOWN:
		cell_error(s, ": unknown cell type %s",
		    error_quote(
		        q, sizeof(q), s->type_text, strlen(s->type_text)));
		break;
	}
}

/*
 * At the end of a row: a blank one is dropped; one with a value is
 * padded to the header's width, checked against it, and handed on
 * (the parse pauses).
 */
static void
end_row(struct xmlpart *x, struct xlsx_source *s)
{
	char ref[32], col[XLSX_COLUMN_BUF];
	size_t i, want;

	s->in_row = 0;
	if (s->fs.n == 0 && !s->row_bad)
		return;
	if (s->nrecords > 0 && s->fs.n > s->header_fields && !s->row_bad) {
		s->col = (unsigned)s->fs.n - 1;
		row_error(s,
		    "cell %s holds a value past the header's last "
		    "column, %s",
		    cell_name(s, ref, sizeof(ref)),
		    xlsx_column_name(s->header_fields > 0
		            ? (unsigned)s->header_fields - 1
		            : 0,
		        col));
	}
	/* A row is as wide as the header; the header, as its last cell
	 * with a value, read or not. */
	want = s->nrecords > 0 ? s->header_fields : s->row_width;
	if (s->fs.n < want) {
		if (fields_reserve(&s->fs, 0, want - s->fs.n) != 0 ||
		    kinds_reserve(s, want) != 0) {
			xmlpart_fail(x, "out of memory");
			return;
		}
		for (i = s->fs.n; i < want; i++) {
			s->kinds[i] = FIELD_TEXT;
			(void)fields_add(&s->fs, "", 0);
		}
	}
	s->row_ready = 1;
	xmlpart_pause(x);
}

static void
on_end(struct xmlpart *x, void *ud, const char *name)
{
	struct xlsx_source *s = ud;

	if (!s->in_sheetdata)
		return;
	if (named(name, 'v'))
		s->in_v = 0;
	else if (named(name, 'c') && s->in_cell)
		end_cell(x, s);
	else if (s->in_row && !s->in_cell && strcmp(name, "row") == 0)
		end_row(x, s);
	else if (strcmp(name, "sheetData") == 0)
		s->in_sheetdata = 0;
	else if (strcmp(name, "is") == 0)
		s->in_is = 0;
	else if (strcmp(name, "rPh") == 0 && s->in_rph > 0)
		s->in_rph--;
	else if (named(name, 't'))
		s->in_t = 0;
}

static void xlsx_free(void *v);

/* "NAME:SHEET", for the records; NULL when out of memory. */
static char *
record_file(const char *name, const char *sheet)
{
	size_t a = strlen(name), b = strlen(sheet);
	char *f = malloc(a + b + 2);

	if (f == NULL)
		return NULL;
	memcpy(f, name, a);
	f[a] = ':';
	memcpy(f + a + 1, sheet, b);
	f[a + 1 + b] = '\0';
	return f;
}

/*
 * Reads the workbook's structure, formats and strings, and readies the
 * chosen sheet.  Returns 0, or -1 with err filled.
 */
static int
open_book(struct xlsx_source *s, const char *name,
    const struct reader_options *opt, struct error *err)
{
	static const struct xmlpart_handlers h = { on_start, on_end, on_text };
	const struct xlsx_sheet *sh;
	long i;

	if (xlsx_book_read(&s->book, s->z, err) != 0)
		return -1;
	i = xlsx_book_find(
	    &s->book, opt != NULL ? opt->xlsx.sheet : NULL, name, err);
	if (i < 0)
		return -1;
	sh = &s->book.sheets[i];
	if (s->book.styles_part != NULL &&
	    xlsx_styles_read(&s->styles, s->z, s->book.styles_part, err) != 0)
		return -1;
	if (s->book.strings_part != NULL &&
	    xlsx_strings_read(
	        &s->strings, s->z, s->book.strings_part, 0, err) != 0)
		return -1;
	s->file = record_file(name, sh->name);
	if (s->file == NULL)
		return error_set(err, name, 0, "out of memory");
	s->sheet = xmlpart_open(s->z, sh->part, &h, s, err);
	return s->sheet != NULL ? 0 : -1;
}

static void *
xlsx_open(struct input *in, const char *name, const struct reader_options *opt,
    struct error *err)
{
	struct xlsx_source *s = calloc(1, sizeof(*s));
	size_t max = READER_MAX_FIELD_DEFAULT;

	if (s == NULL) {
		(void)error_set(err, name, 0, "out of memory");
		return NULL;
	}
	s->name = name;
	if (opt != NULL && opt->max_field_size != 0)
		max = opt->max_field_size;
	if (fields_init(&s->fs, max,
	        8 *
	            (max > READER_MAX_FIELD_DEFAULT
	                    ? max
	                    : READER_MAX_FIELD_DEFAULT)) != 0 ||
	    kinds_reserve(s, 64) != 0) {
		(void)error_set(err, name, 0, "out of memory");
		xlsx_free(s);
		return NULL;
	}
	s->z = zipfile_open(in, err);
	if (s->z == NULL || open_book(s, name, opt, err) != 0) {
		xlsx_free(s);
		return NULL;
	}
	return s;
}

/* Hands the row just read on as a record. */
static enum reader_status
hand_on(struct xlsx_source *s, struct record *rec, struct error *err)
{
	rec->file = s->file;
	rec->line = s->row;
	rec->offset = s->row_off;
	rec->is_header = s->nrecords == 0;
	rec->nfields = s->fs.n;
	rec->fields = s->fs.field;
	rec->kinds = s->kinds;
	rec->source = NULL;
	rec->source_len = 0;
	rec->source_cut = 0;
	if (rec->is_header)
		s->header_fields = s->fs.n;
	s->nrecords++;
	if (!s->row_bad)
		return READER_OK;
	if (err != NULL)
		*err = s->rerr;
	return READER_BAD_RECORD;
}

static enum reader_status
xlsx_next(void *v, struct record *rec, struct error *err)
{
	struct xlsx_source *s = v;
	enum xmlpart_status st;

	for (;;) {
		if (s->state == STATE_DONE)
			return READER_EOF;
		if (s->state == STATE_FAILED) {
			if (err != NULL)
				*err = s->fail;
			return READER_FAIL;
		}
		st = xmlpart_run(s->sheet, &s->fail);
		if (s->row_ready) {
			s->row_ready = 0;
			return hand_on(s, rec, err);
		}
		if (st == XMLPART_FAILED)
			s->state = STATE_FAILED;
		else if (st == XMLPART_DONE)
			s->state = STATE_DONE;
	}
}

/* Workbook XML is UTF-8 (expat has checked it): never bad. */
static int
xlsx_saw_bad_utf8(const void *s)
{
	(void)s;
	return 0;
}

static void
xlsx_free(void *v)
{
	struct xlsx_source *s = v;

	if (s == NULL)
		return;
	xmlpart_free(s->sheet);
	xlsx_strings_release(&s->strings);
	xlsx_styles_release(&s->styles);
	xlsx_book_release(&s->book);
	zipfile_free(s->z);
	fields_release(&s->fs);
	free(s->kinds);
	free(s->val);
	free(s->file);
	free(s);
}

const struct source source_xlsx = {
	.name = "xlsx",
	.sniff = xlsx_sniff,
	.open = xlsx_open,
	.next = xlsx_next,
	.saw_bad_utf8 = xlsx_saw_bad_utf8,
	.replaced = NULL,
	.delimiter = NULL,
	.free = xlsx_free,
};
