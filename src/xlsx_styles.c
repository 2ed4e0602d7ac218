/*
 * xlsx_styles.c - which cell formats show a date or a time; see
 * xlsx_styles.h.
 *
 * styles.xml lists the custom number formats (numFmts/numFmt: an id
 * and a code) and the cell formats (cellXfs/xf: a numFmtId, among other
 * things); other lists hold xf and numFmt elements too (cellStyleXfs,
 * dxfs), which a cell's s attribute never names, so only the two lists
 * are read.  Each xf's number format is looked up once the whole part
 * is read, since nothing says the lists come in order.
 */
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "xmlpart.h"
#include "grow.h"
#include "xlsx_styles.h"

enum xlsx_numfmt
xlsx_numfmt_builtin(unsigned long id)
{
	if ((id >= 14 && id <= 17) || id == 22)
		return XLSX_NUMFMT_DATE;
	if ((id >= 18 && id <= 21) || (id >= 45 && id <= 47))
		return XLSX_NUMFMT_TIME;
	/* East Asian locales: eras, 年月日, and times in 時分秒. */
	if (id == 32 || id == 33)
		return XLSX_NUMFMT_TIME;
	if ((id >= 27 && id <= 36) || (id >= 50 && id <= 58))
		return XLSX_NUMFMT_DATE;
	return XLSX_NUMFMT_NUMBER;
}

/* Nonzero when the n bytes at s start with word, case ignored. */
static int
starts(const char *s, size_t n, const char *word)
{
	size_t i, k = strlen(word);

	if (n < k)
		return 0;
	for (i = 0; i < k; i++)
		if (ascii_lower((unsigned char)s[i]) != (unsigned char)word[i])
			return 0;
	return 1;
}

/* The next letter token at or after s[i], lower-cased, skipping what
 * is not a letter; 0 at the section's end. */
static int
next_letter(const char *s, size_t n, size_t i)
{
	for (; i < n && s[i] != ';'; i++) {
		unsigned char c = ascii_lower((unsigned char)s[i]);

		if (c == '"' || c == '\\' || c == '[')
			return 0;
		if (c >= 'a' && c <= 'z')
			return c;
	}
	return 0;
}

/* An elapsed-time bracket, [h] [mm] [ss]: its letter, else 0. */
static int
elapsed(const char *s, size_t n)
{
	size_t i;
	int c;

	if (n == 0)
		return 0;
	c = ascii_lower((unsigned char)s[0]);
	if (c != 'h' && c != 'm' && c != 's')
		return 0;
	for (i = 1; i < n; i++)
		if (ascii_lower((unsigned char)s[i]) != c)
			return 0;
	return c;
}

enum xlsx_numfmt
xlsx_numfmt_code(const char *s, size_t n)
{
	int date = 0, time = 0, last = 0, c;
	size_t i = 0, j;

	while (i < n && s[i] != ';') {
		c = ascii_lower((unsigned char)s[i]);
		if (c == '"') {
			/* Quoted text, shown as it is. */
			for (i++; i < n && s[i] != '"'; i++)
				;
			i++;
			continue;
		}
		if (c == '\\' || c == '_' || c == '*') {
			/* An escaped character, a space as wide as one, a
			 * fill: the next character is text. */
			i += 2;
			continue;
		}
		if (c == '[') {
			/* A colour, a condition, a locale, or elapsed time. */
			for (j = i + 1; j < n && s[j] != ']'; j++)
				;
			c = elapsed(s + i + 1, j - i - 1);
			if (c != 0) {
				time = 1;
				last = c;
			}
			i = j + 1;
			continue;
		}
		if (starts(s + i, n - i, "general")) {
			i += 7;
			continue;
		}
		if (c == 'e' && i + 1 < n &&
		    (s[i + 1] == '+' || s[i + 1] == '-')) {
			/* Scientific notation: 0.00E+00. */
			i += 2;
			continue;
		}
		if (starts(s + i, n - i, "am/pm") ||
		    starts(s + i, n - i, "a/p")) {
			time = 1;
			i += starts(s + i, n - i, "am/pm") ? 5 : 3;
			continue;
		}
		switch (c) {
		case 'y':
		case 'd':
		case 'e': /* an era's year */
		case 'g': /* an era */
			date = 1;
			last = c;
			break;
		case 'h':
		case 's':
			time = 1;
			last = c;
			break;
		case 'm':
			/* The whole run of m's is one token. */
			for (j = i; j + 1 < n &&
			     ascii_lower((unsigned char)s[j + 1]) == 'm';
			     j++)
				;
			if (last == 'h' || next_letter(s, n, j + 1) == 's') {
				time = 1;
				last = 's';
			} else {
				date = 1;
				last = 'm';
			}
			i = j;
			break;
		default:
			break;
		}
		i++;
	}
	if (date)
		return XLSX_NUMFMT_DATE;
	return time ? XLSX_NUMFMT_TIME : XLSX_NUMFMT_NUMBER;
}

/* A custom number format: its id, what it shows, and its place. */
struct numfmt {
	unsigned long id;
	size_t at;
	unsigned char kind;
};

/* The state of reading styles.xml. */
struct reading {
	struct numfmt *fmts;
	size_t nfmts, fmts_cap;
	unsigned long *xf_fmt; /* each cell format's numFmtId */
	size_t nxf, xf_cap;
	int in_numfmts;
	int in_cellxfs;
};

/* A numFmtId attribute's value; 0 (General) when absent or unreadable. */
static unsigned long
fmt_id(const char **attrs)
{
	const char *v = xmlpart_attr(attrs, "numFmtId");
	unsigned long id = 0;

	if (v == NULL)
		return 0;
	for (; *v >= '0' && *v <= '9'; v++) {
		if (id > 100000000ul)
			return 0;
		id = id * 10 + (unsigned long)(*v - '0');
	}
	return *v == '\0' ? id : 0;
}

static void
on_start(struct xmlpart *x, void *ud, const char *name, const char **attrs)
{
	struct reading *r = ud;
	const char *code;

	if (strcmp(name, "numFmts") == 0) {
		r->in_numfmts = 1;
	} else if (strcmp(name, "cellXfs") == 0) {
		r->in_cellxfs = 1;
	} else if (r->in_numfmts && strcmp(name, "numFmt") == 0) {
		code = xmlpart_attr(attrs, "formatCode");
		if (grow_array(&r->fmts, &r->fmts_cap, r->nfmts + 1,
		        sizeof(*r->fmts), 64, XLSX_STYLES_MAX_NUMFMT) != 0) {
			xmlpart_fail(x,
			    "more than %zu number formats, or out "
			    "of memory",
			    XLSX_STYLES_MAX_NUMFMT);
			return;
		}
		r->fmts[r->nfmts].id = fmt_id(attrs);
		r->fmts[r->nfmts].at = r->nfmts;
		r->fmts[r->nfmts].kind = (unsigned char)(code != NULL
		        ? xlsx_numfmt_code(code, strlen(code))
		        : XLSX_NUMFMT_NUMBER);
		r->nfmts++;
	} else if (r->in_cellxfs && strcmp(name, "xf") == 0) {
		if (grow_array(&r->xf_fmt, &r->xf_cap, r->nxf + 1,
		        sizeof(*r->xf_fmt), 64, XLSX_STYLES_MAX_XF) != 0) {
			xmlpart_fail(x,
			    "more than %zu cell formats, or out "
			    "of memory",
			    XLSX_STYLES_MAX_XF);
			return;
		}
		r->xf_fmt[r->nxf++] = fmt_id(attrs);
	}
}

static void
on_end(struct xmlpart *x, void *ud, const char *name)
{
	struct reading *r = ud;

	(void)x;
	if (strcmp(name, "numFmts") == 0)
		r->in_numfmts = 0;
	else if (strcmp(name, "cellXfs") == 0)
		r->in_cellxfs = 0;
}

/* Orders custom formats by id, then by their place in the part. */
static int
by_id(const void *a, const void *b)
{
	const struct numfmt *x = a, *y = b;

	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return x->at < y->at ? -1 : x->at > y->at;
}

/*
 * What number format id shows: the workbook's own (the last one of
 * that id, as a map would keep it), else built in.  r->fmts is sorted
 * by by_id().
 */
static unsigned char
lookup(const struct reading *r, unsigned long id)
{
	size_t lo = 0, hi = r->nfmts, mid;

	/* The first format with a larger id, or with this id, the end. */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (r->fmts[mid].id <= id)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo > 0 && r->fmts[lo - 1].id == id)
		return r->fmts[lo - 1].kind;
	return (unsigned char)xlsx_numfmt_builtin(id);
}

int
xlsx_styles_read(struct xlsx_styles *st, struct zipfile *z, const char *part,
    struct error *err)
{
	static const struct xmlpart_handlers h = { on_start, on_end, NULL };
	struct reading r;
	int rc;
	size_t i;

	memset(st, 0, sizeof(*st));
	memset(&r, 0, sizeof(r));
	rc = xmlpart_parse(z, part, &h, &r, err);
	if (rc == 0 && r.nxf > 0) {
		st->kind = malloc(r.nxf);
		if (st->kind == NULL)
			rc =
			    error_set(err, zipfile_name(z), 0, "out of memory");
	}
	if (rc == 0 && st->kind != NULL) {
		if (r.nfmts > 1)
			qsort(r.fmts, r.nfmts, sizeof(*r.fmts), by_id);
		for (i = 0; i < r.nxf; i++)
			st->kind[i] = lookup(&r, r.xf_fmt[i]);
		st->nxf = r.nxf;
	}
	free(r.fmts);
	free(r.xf_fmt);
	return rc;
}

enum xlsx_numfmt
xlsx_styles_kind(const struct xlsx_styles *st, unsigned long xf)
{
	if (xf >= st->nxf)
		return XLSX_NUMFMT_NUMBER;
	return (enum xlsx_numfmt)st->kind[xf];
}

void
xlsx_styles_release(struct xlsx_styles *st)
{
	free(st->kind);
	st->kind = NULL;
	st->nxf = 0;
}
