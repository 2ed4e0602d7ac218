/*
 * fixture.c - a fixture file rewritten with new expected_ cells; see
 * fixture.h.
 *
 * The file is held whole (a fixture is a list of cases, not a stream),
 * and written out once: the bytes between the records that change as
 * they were, each changed record field by field, its other fields'
 * bytes as they were.
 */
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "grow.h"
#include "header.h"

/* The most a fixture may be: it is held in memory whole. */
#define FIXTURE_MAX ((size_t)256 * 1024 * 1024)

struct change {
	unsigned long long offset;
	char *cell[FIXTURE_COLUMNS];
};

struct fixture {
	const char *path;
	char *text;
	size_t len;
	size_t bom; /* bytes of the UTF-8 byte order mark, 0 or 3 */
	int delim;
	size_t header; /* where the header starts, after blank lines */
	size_t col[FIXTURE_COLUMNS];
	int add; /* no expected_status: the three columns are added */
	struct change *ch;
	size_t nch;
	size_t cap;
};

static const char *const column_names[FIXTURE_COLUMNS] = { "expected_status",
	"expected_failed", "expected_unknown" };

struct fixture *
fixture_load(const char *path, struct error *err)
{
	struct fixture *fx;
	size_t got, cap = 0;
	FILE *f;

	fx = calloc(1, sizeof(*fx));
	if (fx == NULL) {
		(void)error_set(err, path, 0, "out of memory");
		return NULL;
	}
	fx->path = path;
	f = fopen(path, "rb");
	if (f == NULL) {
		(void)error_set(err, path, 0, "cannot open for --update");
		free(fx);
		return NULL;
	}
	/* The whole file, in room that grows as it comes, one byte past
	 * the limit telling a file that is over it. */
	got = 0;
	do {
		if (grow_array(&fx->text, &cap, got + 65536, 1, 65536,
		        FIXTURE_MAX + 1) != 0 &&
		    grow_array(&fx->text, &cap, FIXTURE_MAX + 1, 1, 65536,
		        FIXTURE_MAX + 1) != 0) {
			(void)error_set(err, path, 0, "out of memory");
			fclose(f);
			fixture_free(fx);
			return NULL;
		}
		got += fread(fx->text + got, 1, cap - got, f);
	} while (got == cap && got <= FIXTURE_MAX);
	if (ferror(f) || got > FIXTURE_MAX) {
		(void)error_set(err, path, 0,
		    ferror(f) ? "cannot read for --update"
		              : "larger than 256 MiB: too large for --update");
		fclose(f);
		fixture_free(fx);
		return NULL;
	}
	fclose(f);
	fx->len = got;
	if (got >= 3 && memcmp(fx->text, "\xef\xbb\xbf", 3) == 0)
		fx->bom = 3;
	else if (got >= 2 &&
	    (memcmp(fx->text, "\xff\xfe", 2) == 0 ||
	        memcmp(fx->text, "\xfe\xff", 2) == 0 ||
	        (got >= 4 && memcmp(fx->text, "\0\0\xfe\xff", 4) == 0))) {
		(void)error_set(err, path, 0,
		    "not UTF-8: --update rewrites UTF-8 files only");
		fixture_free(fx);
		return NULL;
	}
	return fx;
}

void
fixture_free(struct fixture *fx)
{
	size_t i, k;

	if (fx == NULL)
		return;
	for (i = 0; i < fx->nch; i++)
		for (k = 0; k < FIXTURE_COLUMNS; k++)
			free(fx->ch[i].cell[k]);
	free(fx->ch);
	free(fx->text);
	free(fx);
}

/* Where the quoted text that starts at p (a quote) ends: after its
 * closing quote, a doubled quote being a quote. */
static size_t
quoted_end(const struct fixture *fx, size_t p)
{
	const char *t = fx->text;

	for (p++; p < fx->len; p++) {
		if (t[p] != '"')
			continue;
		if (p + 1 < fx->len && t[p + 1] == '"') {
			p++;
			continue;
		}
		return p + 1;
	}
	return p;
}

/*
 * The end of the field that starts at p: the delimiter or line end
 * after it, or the end of the text.
 */
static size_t
field_end(const struct fixture *fx, size_t p)
{
	const char *t = fx->text;

	if (p < fx->len && t[p] == '"')
		p = quoted_end(fx, p);
	while (p < fx->len && t[p] != fx->delim && t[p] != '\n' && t[p] != '\r')
		p++;
	return p;
}

int
fixture_header(struct fixture *fx, const struct record *hdr,
    const size_t col[FIXTURE_COLUMNS], struct error *err)
{
	size_t p = fx->bom + (size_t)hdr->offset, e, k;

	if (hdr->offset > fx->len - fx->bom)
		return error_set(err, fx->path, hdr->line,
		    "the header is not where it was read: not updated");
	/* The reader skips blank lines before the header: the columns are
	 * added where the header is, not at the start of the file. */
	fx->header = p;
	fx->delim = ',';
	if (hdr->nfields > 1) {
		/* The byte after the first field's text is the delimiter. */
		if (p < fx->len && fx->text[p] == '"') {
			e = quoted_end(fx, p);
			fx->delim =
			    e < fx->len ? (unsigned char)fx->text[e] : ',';
		} else if (p + hdr->fields[0].len < fx->len)
			fx->delim =
			    (unsigned char)fx->text[p + hdr->fields[0].len];
		if (fx->delim != ',' && fx->delim != ';' && fx->delim != '\t' &&
		    fx->delim != '|')
			return error_set(err, fx->path, hdr->line,
			    "cannot find the header's delimiter for --update");
	}
	for (k = 0; k < FIXTURE_COLUMNS; k++)
		fx->col[k] = col[k];
	fx->add = col[0] == HEADER_ABSENT;
	return 0;
}

int
fixture_change(struct fixture *fx, unsigned long long offset,
    const char *const cell[FIXTURE_COLUMNS])
{
	struct change *grown;
	size_t k;

	if (fx->nch == fx->cap) {
		fx->cap = fx->cap == 0 ? 64 : fx->cap * 2;
		grown = realloc(fx->ch, fx->cap * sizeof(*grown));
		if (grown == NULL)
			return -1;
		fx->ch = grown;
	}
	fx->ch[fx->nch].offset = offset;
	for (k = 0; k < FIXTURE_COLUMNS; k++) {
		fx->ch[fx->nch].cell[k] = strdup(cell[k]);
		if (fx->ch[fx->nch].cell[k] == NULL) {
			while (k-- > 0)
				free(fx->ch[fx->nch].cell[k]);
			return -1;
		}
	}
	fx->nch++;
	return 0;
}

size_t
fixture_changes(const struct fixture *fx)
{
	return fx->nch;
}

/* Writes a cell, quoted when it holds the delimiter, a quote or a line end. */
static void
put_cell(const struct fixture *fx, FILE *out, const char *s)
{
	const char *p;

	if (strpbrk(s, "\"\r\n") == NULL && strchr(s, fx->delim) == NULL) {
		fputs(s, out);
		return;
	}
	putc('"', out);
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			putc('"', out);
		putc(*p, out);
	}
	putc('"', out);
}

/* The added columns' cells (or names), each after a delimiter. */
static void
put_added(const struct fixture *fx, FILE *out, const char *const *cells)
{
	size_t k;

	for (k = 0; k < FIXTURE_COLUMNS; k++) {
		putc(fx->delim, out);
		put_cell(fx, out, cells[k]);
	}
}

/*
 * Writes the record that starts at p with change c (or, for the header
 * when columns are added, c NULL); returns where its line end starts.
 */
static size_t
put_record(
    const struct fixture *fx, FILE *out, size_t p, const struct change *c)
{
	size_t start, k, i = 0;

	for (;;) {
		start = p;
		p = field_end(fx, p);
		for (k = 0; k < FIXTURE_COLUMNS; k++)
			if (c != NULL && !fx->add && fx->col[k] == i)
				break;
		if (c != NULL && k < FIXTURE_COLUMNS)
			put_cell(fx, out, c->cell[k]);
		else
			fwrite(fx->text + start, 1, p - start, out);
		if (p >= fx->len || fx->text[p] != fx->delim)
			break;
		putc(fx->delim, out);
		p++;
		i++;
	}
	if (fx->add)
		put_added(fx, out,
		    c != NULL ? (const char *const *)c->cell : column_names);
	return p;
}

int
fixture_write(const struct fixture *fx, FILE *out, struct error *err)
{
	size_t pos = 0, start, i;

	if (fx->add) {
		fwrite(fx->text, 1, fx->header, out);
		pos = put_record(fx, out, fx->header, NULL);
	}
	for (i = 0; i < fx->nch; i++) {
		start = fx->bom + (size_t)fx->ch[i].offset;
		if (start < pos || start > fx->len)
			return error_set(err, fx->path, 0,
			    "a record is not where it was read: not updated");
		fwrite(fx->text + pos, 1, start - pos, out);
		pos = put_record(fx, out, start, &fx->ch[i]);
	}
	fwrite(fx->text + pos, 1, fx->len - pos, out);
	if (ferror(out))
		return error_set(err, fx->path, 0, "write error");
	return 0;
}
