/*
 * xlsx_book.c - a workbook's structure; see xlsx_book.h.
 *
 * Three parts are read, each whole, through expat: the package's
 * relationships, the workbook's relationships, then the workbook part
 * itself, whose sheet elements name their parts by relationship id.  A
 * relationship's target is a path relative to the part that has it
 * (or, starting with '/', to the package), percent-encoded as a URI.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "xmlpart.h"
#include "xlsx_book.h"

/* The most sheets and relationships a workbook may list. */
#define MAX_SHEETS 4096
#define MAX_RELS 8192

struct rel {
	const char *id;
	const char *type; /* the last segment of its type's URI */
	const char *target; /* the part it names, resolved */
};

/* The state of reading the three parts. */
struct reading {
	struct xlsx_book *b;
	const char *source; /* the part whose relationships are read */
	struct rel *rels;
	size_t nrels, rels_cap;
	size_t sheets_cap;
	int root_seen;
	int in_sheets;
	const char *main; /* the workbook part */
};

/*
 * Keeps a copy of the n bytes at s in b, within XLSX_BOOK_MAX.
 * Returns the copy, or NULL when over the limit or out of memory.
 */
static char *
keep(struct xlsx_book *b, const char *s, size_t n)
{
	char **grown, *p;
	size_t cap;

	if (n + 1 > XLSX_BOOK_MAX - b->kept)
		return NULL;
	if (b->nblocks == b->blocks_cap) {
		cap = b->blocks_cap == 0 ? 16 : 2 * b->blocks_cap;
		grown = realloc(b->blocks, cap * sizeof(*grown));
		if (grown == NULL)
			return NULL;
		b->blocks = grown;
		b->blocks_cap = cap;
	}
	p = malloc(n + 1);
	if (p == NULL)
		return NULL;
	if (n > 0)
		memcpy(p, s, n);
	p[n] = '\0';
	b->blocks[b->nblocks++] = p;
	b->kept += n + 1;
	return p;
}

/* The value of hex digit c, or -1. */
static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = ascii_lower((unsigned char)c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/*
 * The part that target names, relative to the part source ("" for the
 * package): its directory's path joined to target, "." and ".."
 * resolved, %XX decoded.  Kept in b; NULL when it climbs above the
 * package, is empty, or b is full.
 */
static const char *
resolve(struct xlsx_book *b, const char *source, const char *target)
{
	size_t n = strlen(source) + strlen(target) + 1, o = 0, seg, i;
	const char *slash = strrchr(source, '/'), *t = target;
	char *out = malloc(n + 1), *p;
	const char *r;

	if (out == NULL)
		return NULL;
	if (*t == '/') {
		t++;
	} else if (slash != NULL) {
		memcpy(out, source, (size_t)(slash - source) + 1);
		o = (size_t)(slash - source) + 1;
	}
	for (i = 0; t[i] != '\0'; i++) {
		if (t[i] == '%' && hexval(t[i + 1]) >= 0 &&
		    hexval(t[i + 2]) >= 0) {
			out[o++] =
			    (char)(hexval(t[i + 1]) * 16 + hexval(t[i + 2]));
			i += 2;
		} else {
			out[o++] = t[i];
		}
	}
	out[o] = '\0';
	/* Resolves "." and ".." in place, segment by segment. */
	o = 0;
	for (p = out; *p != '\0';) {
		seg = strcspn(p, "/");
		if ((seg == 1 && p[0] == '.') || seg == 0) {
			/* Nothing to keep. */
		} else if (seg == 2 && p[0] == '.' && p[1] == '.') {
			if (o == 0) {
				free(out);
				return NULL;
			}
			for (o--; o > 0 && out[o - 1] != '/'; o--)
				;
		} else {
			memmove(out + o, p, seg);
			o += seg;
			if (p[seg] == '/')
				out[o++] = '/';
		}
		p += seg;
		if (*p == '/')
			p++;
	}
	out[o] = '\0';
	r = o > 0 ? keep(b, out, o) : NULL;
	free(out);
	return r;
}

/* A Relationship element of a .rels part. */
static void
on_rel(struct xmlpart *x, void *ud, const char *name, const char **attrs)
{
	struct reading *r = ud;
	const char *id, *type, *target, *mode, *tail;
	struct rel *grown;

	if (strcmp(name, "Relationship") != 0)
		return;
	id = xmlpart_attr(attrs, "Id");
	type = xmlpart_attr(attrs, "Type");
	target = xmlpart_attr(attrs, "Target");
	mode = xmlpart_attr(attrs, "TargetMode");
	if (id == NULL || type == NULL || target == NULL ||
	    (mode != NULL && strcmp(mode, "External") == 0))
		return;
	if (r->nrels == MAX_RELS) {
		xmlpart_fail(x, "more than %d relationships", MAX_RELS);
		return;
	}
	if (r->nrels == r->rels_cap) {
		r->rels_cap = r->rels_cap == 0 ? 16 : 2 * r->rels_cap;
		grown = realloc(r->rels, r->rels_cap * sizeof(*grown));
		if (grown == NULL) {
			xmlpart_fail(x, "out of memory");
			return;
		}
		r->rels = grown;
	}
	tail = strrchr(type, '/');
	grown = &r->rels[r->nrels];
	grown->id = keep(r->b, id, strlen(id));
	grown->type = keep(r->b, tail != NULL ? tail + 1 : type,
	    strlen(tail != NULL ? tail + 1 : type));
	grown->target = resolve(r->b, r->source, target);
	if (grown->id == NULL || grown->type == NULL)
		xmlpart_fail(x,
		    "out of memory, or a workbook structure over "
		    "16 MiB");
	else if (grown->target != NULL)
		r->nrels++;
}

/* The relationship of type type (the first), or NULL. */
static const struct rel *
rel_of_type(const struct reading *r, const char *type)
{
	size_t i;

	for (i = 0; i < r->nrels; i++)
		if (strcmp(r->rels[i].type, type) == 0)
			return &r->rels[i];
	return NULL;
}

/* The relationship whose id is id, or NULL. */
static const struct rel *
rel_of_id(const struct reading *r, const char *id)
{
	size_t i;

	for (i = 0; i < r->nrels; i++)
		if (strcmp(r->rels[i].id, id) == 0)
			return &r->rels[i];
	return NULL;
}

/* An XML Schema boolean: "1" or "true". */
static int
xsd_true(const char *v)
{
	return v != NULL && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
}

/* A sheet element: its name, state and part. */
static void
add_sheet(struct xmlpart *x, struct reading *r, const char **attrs)
{
	struct xlsx_book *b = r->b;
	const char *name = xmlpart_attr(attrs, "name");
	const char *state = xmlpart_attr(attrs, "state");
	const char *id = xmlpart_attr(attrs, "id");
	const struct rel *rel = id != NULL ? rel_of_id(r, id) : NULL;
	struct xlsx_sheet *s;

	if (name == NULL) {
		xmlpart_fail(x, "a sheet with no name");
		return;
	}
	if (b->nsheets == r->sheets_cap) {
		if (b->nsheets == MAX_SHEETS) {
			xmlpart_fail(x, "more than %d sheets", MAX_SHEETS);
			return;
		}
		r->sheets_cap = r->sheets_cap == 0 ? 8 : 2 * r->sheets_cap;
		s = realloc(b->sheets, r->sheets_cap * sizeof(*s));
		if (s == NULL) {
			xmlpart_fail(x, "out of memory");
			return;
		}
		b->sheets = s;
	}
	s = &b->sheets[b->nsheets];
	s->name = keep(b, name, strlen(name));
	s->hidden = state != NULL && strcmp(state, "visible") != 0;
	s->part = rel != NULL ? rel->target : NULL;
	s->kind = XLSX_SHEET_OTHER;
	if (rel != NULL && strcmp(rel->type, "worksheet") == 0)
		s->kind = XLSX_SHEET_WORKSHEET;
	else if (rel != NULL && strcmp(rel->type, "chartsheet") == 0)
		s->kind = XLSX_SHEET_CHART;
	if (s->name == NULL) {
		xmlpart_fail(x,
		    "out of memory, or a workbook structure over "
		    "16 MiB");
		return;
	}
	b->nsheets++;
}

/* An element of the workbook part. */
static void
on_book(struct xmlpart *x, void *ud, const char *name, const char **attrs)
{
	struct reading *r = ud;

	if (!r->root_seen) {
		r->root_seen = 1;
		if (strcmp(name, "workbook") != 0)
			xmlpart_fail(x,
			    "not a workbook: the main part holds "
			    "a <%s>",
			    name);
		return;
	}
	if (strcmp(name, "workbookPr") == 0)
		r->b->date1904 = xsd_true(xmlpart_attr(attrs, "date1904"));
	else if (strcmp(name, "sheets") == 0)
		r->in_sheets = 1;
	else if (r->in_sheets && strcmp(name, "sheet") == 0)
		add_sheet(x, r, attrs);
}

static void
on_book_end(struct xmlpart *x, void *ud, const char *name)
{
	struct reading *r = ud;

	(void)x;
	if (strcmp(name, "sheets") == 0)
		r->in_sheets = 0;
}

/* The name of the .rels part of the part named part. */
static char *
rels_of(const char *part)
{
	const char *slash = strrchr(part, '/');
	size_t dir = slash != NULL ? (size_t)(slash - part) + 1 : 0;
	size_t n = strlen(part) + sizeof("_rels/.rels");
	char *s = malloc(n);

	if (s == NULL)
		return NULL;
	(void)snprintf(s, n, "%.*s_rels/%s.rels", (int)dir, part, part + dir);
	return s;
}

/* Reads the relationships of the part source in the part rels. */
static int
read_rels(struct reading *r, struct zipfile *z, const char *source,
    const char *rels, struct error *err)
{
	static const struct xmlpart_handlers h = { on_rel, NULL, NULL };

	r->source = source;
	r->nrels = 0;
	return xmlpart_parse(z, rels, &h, r, err);
}

/* Fills err for an archive that is not a workbook. */
static int
not_a_workbook(struct zipfile *z, struct error *err)
{
	if (zipfile_has(z, "mimetype") && zipfile_has(z, "content.xml"))
		return error_set(err, zipfile_name(z), 0,
		    "an OpenDocument file, not an Excel workbook (save it "
		    "as .xlsx)");
	return error_set(err, zipfile_name(z), 0,
	    "a zip archive, but not an Excel workbook (no _rels/.rels)");
}

int
xlsx_book_read(struct xlsx_book *b, struct zipfile *z, struct error *err)
{
	static const struct xmlpart_handlers h = { on_book, on_book_end, NULL };
	const struct rel *rel;
	struct reading r;
	char *rels = NULL;
	int rc = -1;

	memset(b, 0, sizeof(*b));
	memset(&r, 0, sizeof(r));
	r.b = b;
	if (!zipfile_has(z, "_rels/.rels")) {
		(void)not_a_workbook(z, err);
		goto out;
	}
	if (read_rels(&r, z, "", "_rels/.rels", err) != 0)
		goto out;
	rel = rel_of_type(&r, "officeDocument");
	if (rel == NULL) {
		(void)error_set(err, zipfile_name(z), 0,
		    "not a workbook: _rels/.rels names no main part");
		goto out;
	}
	r.main = rel->target;
	rels = rels_of(r.main);
	if (rels == NULL) {
		(void)error_set(err, zipfile_name(z), 0, "out of memory");
		goto out;
	}
	r.nrels = 0;
	if (zipfile_has(z, rels) && read_rels(&r, z, r.main, rels, err) != 0)
		goto out;
	if (xmlpart_parse(z, r.main, &h, &r, err) != 0)
		goto out;
	rel = rel_of_type(&r, "sharedStrings");
	b->strings_part = rel != NULL ? rel->target : NULL;
	rel = rel_of_type(&r, "styles");
	b->styles_part = rel != NULL ? rel->target : NULL;
	rc = 0;
out:
	free(rels);
	free(r.rels);
	if (rc != 0)
		xlsx_book_release(b);
	return rc;
}

/* Nonzero when a and b are the same but for ASCII case. */
static int
same_folded(const char *a, const char *b)
{
	for (; *a != '\0' && *b != '\0'; a++, b++)
		if (ascii_lower((unsigned char)*a) !=
		    ascii_lower((unsigned char)*b))
			return 0;
	return *a == *b;
}

/* Writes the sheets' names, quoted, into buf (size bytes). */
static void
list_sheets(const struct xlsx_book *b, char *buf, size_t size)
{
	char q[ERROR_QUOTE_BUF];
	size_t i, len = 0;
	int n;

	buf[0] = '\0';
	for (i = 0; i < b->nsheets && len < size; i++) {
		n = snprintf(buf + len, size - len, "%s%s", i > 0 ? ", " : "",
		    error_quote(q, sizeof(q), b->sheets[i].name,
		        strlen(b->sheets[i].name)));
		if (n < 0 || (size_t)n >= size - len) {
			/* Cut: end with a mark of it, as room allows. */
			if (size > 4)
				memcpy(buf + size - 4, "...", 4);
			return;
		}
		len += (size_t)n;
	}
}

/* The index of the sheet named or numbered want, or -1. */
static long
lookup_sheet(const struct xlsx_book *b, const char *want)
{
	unsigned long k = 0;
	size_t i;
	const char *p;

	for (i = 0; i < b->nsheets; i++)
		if (strcmp(b->sheets[i].name, want) == 0)
			return (long)i;
	for (i = 0; i < b->nsheets; i++)
		if (same_folded(b->sheets[i].name, want))
			return (long)i;
	for (p = want; *p >= '0' && *p <= '9' && k <= b->nsheets; p++)
		k = k * 10 + (unsigned long)(*p - '0');
	if (p == want || *p != '\0' || k == 0 || k > b->nsheets)
		return -1;
	return (long)k - 1;
}

long
xlsx_book_find(const struct xlsx_book *b, const char *want, const char *name,
    struct error *err)
{
	char q[ERROR_QUOTE_BUF], list[320];
	long i, first = -1;
	size_t k;

	if (want == NULL) {
		for (k = 0; k < b->nsheets; k++) {
			if (b->sheets[k].kind != XLSX_SHEET_WORKSHEET)
				continue;
			if (!b->sheets[k].hidden)
				return (long)k;
			if (first < 0)
				first = (long)k;
		}
		if (first < 0)
			(void)error_set(
			    err, name, 0, "the workbook has no worksheet");
		return first;
	}
	list_sheets(b, list, sizeof(list));
	i = lookup_sheet(b, want);
	if (i < 0 && want[strspn(want, "0123456789")] == '\0')
		(void)error_set(err, name, 0,
		    "no sheet %s: the workbook has %zu (%s)", want, b->nsheets,
		    b->nsheets > 0 ? list : "none");
	else if (i < 0)
		(void)error_set(err, name, 0,
		    "no sheet %s in the workbook (its sheets: %s)",
		    error_quote(q, sizeof(q), want, strlen(want)),
		    b->nsheets > 0 ? list : "none");
	if (i < 0)
		return -1;
	if (b->sheets[i].kind != XLSX_SHEET_WORKSHEET) {
		(void)error_set(err, name, 0, "sheet %s is %s, not a worksheet",
		    error_quote(q, sizeof(q), b->sheets[i].name,
		        strlen(b->sheets[i].name)),
		    b->sheets[i].kind == XLSX_SHEET_CHART ? "a chart"
		                                          : "no grid of cells");
		return -1;
	}
	return i;
}

void
xlsx_book_release(struct xlsx_book *b)
{
	size_t i;

	for (i = 0; i < b->nblocks; i++)
		free(b->blocks[i]);
	free(b->blocks);
	free(b->sheets);
	memset(b, 0, sizeof(*b));
}
