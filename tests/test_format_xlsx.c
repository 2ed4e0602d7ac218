/*
 * test_format_xlsx.c - unit tests for format_xlsx*.c, the xlsx report,
 * read back from its bytes.
 *
 * A case is a script of steps (a file with its header, judged records,
 * malformed records, headers planned) run through a real report into an
 * in-memory stream, as test_report.c runs the text formats; the workbook
 * that comes out is opened here (its zip's central directory, each part
 * inflated with zlib) and its XML read for what a spreadsheet shows:
 * each cell's type, value and fill (through styles.xml), the comments,
 * the sheets' names.  So the checks are of the file, not of what the
 * code meant to write: numbers and dates from typed fields, red and
 * amber on exactly the cells that failing and unknown criteria speak of,
 * the status cells, text made fit for XML, no formula anywhere, the
 * Summary's counts and the Rules sheet.  And the failures: a header too
 * wide for a worksheet fails the report with a message, and a workbook
 * is not written in part.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "header.h"
#include "report.h"
#include "rules.h"
#include "value.h"
#include "split.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

#define MAX_STEPS 12
/* As many fields as a worksheet has columns, and one more. */
#define MAX_FIELDS 16385
#define MAX_WANTS 32
#define MAX_RULES 16
#define MAX_CHECKS 24

/* A small set: two required criteria, an advisory one, and a group. */
static const char mini_rules[] =
    "name mini\n"
    "rule citizen    required true     us_citizen \"U.S. citizen\"\n"
    "rule experience required at-least 8 years  \"8 years\"\n"
    "rule english    advisory true     english    \"English\"\n"
    "rule language   required any-of \"a language test passed\"\n"
    "  at-least 60 test_en\n"
    "  at-least 60 test_fr\n"
    "end\n";

/* The optional columns that reports use, as main.c binds them. */
static const char *const report_column_names[] = { "applicant_id", "full_name",
	"expected_status", "expected_failed" };

#define AS_OF "2026-01-01"
#define H "applicant_id|full_name|us_citizen|years|english|test_en|test_fr"

enum step_kind {
	STEP_END = 0,
	STEP_FILE, /* text: the header; arg: the file name */
	STEP_ROW, /* text: a record, judged; kinds: its fields' kinds */
	STEP_BAD, /* text: a malformed record, also its source; arg: the
	             reader's message */
	STEP_PLAN /* text: a header to plan */
};

struct step {
	enum step_kind kind;
	const char *text; /* fields separated by '|' */
	const char *arg;
	/* Each field's kind as a letter, T N D B, or NULL: all text. */
	const char *kinds;
};

/* Splits text at '|' into fields[]; returns their count. */
static size_t
split(const char *text, struct field *fields)
{
	return split_bars(text, strlen(text), fields, MAX_FIELDS);
}

/* What a run left: the workbook's bytes, and how the report ended. */
struct result {
	char *out;
	size_t len;
	int finish; /* report_finish()'s answer */
	char why[256]; /* report_write_why(), or "" */
};

/* The kinds' letters as enum field_kind values. */
static void
make_kinds(const char *letters, unsigned char *kinds, size_t n)
{
	size_t k;

	assert_int_equal(strlen(letters), n);
	for (k = 0; k < n; k++)
		kinds[k] = letters[k] == 'N' ? FIELD_NUMBER
		    : letters[k] == 'D'      ? FIELD_DATE
		    : letters[k] == 'B'      ? FIELD_BOOL
		                             : FIELD_TEXT;
}

/*
 * Runs steps through an xlsx report over rules (NULL: mini_rules) into
 * an in-memory stream.  The caller frees res->out with free().
 */
static void
run_script(const char *rules_text, const struct step *steps, unsigned only,
    struct result *res)
{
	struct column_want wants[MAX_WANTS];
	size_t index[MAX_WANTS];
	struct finding findings[MAX_RULES * 2];
	struct field *fields = malloc(MAX_FIELDS * sizeof(*fields));
	unsigned char kinds[MAX_FIELDS];
	struct report_columns cols;
	struct report_options opt;
	const struct column_want *rc;
	const char *why;
	struct rules *rules;
	struct report *rp;
	struct record rec;
	struct error err;
	enum verdict v;
	size_t nrc, i, k;
	int32_t asof;
	FILE *fp;

	assert_non_null(fields);
	memset(res, 0, sizeof(*res));
	memset(&rec, 0, sizeof(rec));
	rules = rules_parse(rules_text != NULL ? rules_text : mini_rules,
	    strlen(rules_text != NULL ? rules_text : mini_rules), "mini.rules",
	    &err);
	assert_non_null(rules);
	assert_true(rules_findings(rules) <= NELEM(findings));
	rc = rules_columns(rules, &nrc);
	for (i = 0; i < nrc; i++)
		wants[i] = rc[i];
	for (i = 0; i < NELEM(report_column_names); i++) {
		wants[nrc + i].name = report_column_names[i];
		wants[nrc + i].required = 0;
	}
	assert_int_equal(value_parse_iso(AS_OF, &asof), 0);
	fp = open_memstream(&res->out, &res->len);
	assert_non_null(fp);
	memset(&opt, 0, sizeof(opt));
	opt.format = report_format_find("xlsx", 0);
	assert_non_null(opt.format);
	opt.only = only;
	rp = report_new(fp, &opt, rules, asof);
	assert_non_null(rp);
	for (k = 0; k < MAX_STEPS && steps[k].kind != STEP_END; k++) {
		const struct step *s = &steps[k];

		rec.nfields = split(s->text, fields);
		rec.fields = fields;
		rec.kinds = NULL;
		if (s->kinds != NULL) {
			make_kinds(s->kinds, kinds, rec.nfields);
			rec.kinds = kinds;
		}
		switch (s->kind) {
		case STEP_FILE:
			rec.file = s->arg;
			rec.line = 1;
			rec.is_header = 1;
			assert_int_equal(header_bind(&rec, wants,
			                     nrc + NELEM(report_column_names),
			                     NULL, 0, index, &err),
			    0);
			cols.id = index[nrc];
			cols.name = index[nrc + 1];
			cols.expected_status = index[nrc + 2];
			cols.expected_failed = index[nrc + 3];
			(void)report_file(rp, &rec, &cols);
			break;
		case STEP_ROW:
			rec.line++;
			rec.is_header = 0;
			v = rules_judge(rules, &rec, index, asof, findings);
			(void)report_record(rp, &rec, index, v, findings);
			break;
		case STEP_BAD:
			rec.line++;
			rec.is_header = 0;
			rec.source = s->text;
			rec.source_len = strlen(s->text);
			(void)error_set(&err, rec.file, rec.line, "%s", s->arg);
			(void)report_error(rp, &rec, &err);
			rec.source = NULL;
			rec.source_len = 0;
			break;
		case STEP_PLAN:
			rec.is_header = 1;
			assert_int_equal(report_plan(rp, &rec), 0);
			break;
		case STEP_END:
			break;
		}
	}
	res->finish = report_finish(rp);
	why = report_write_why(rp);
	(void)snprintf(res->why, sizeof(res->why), "%s", why ? why : "");
	report_free(rp);
	assert_int_equal(fclose(fp), 0);
	rules_free(rules);
	free(fields);
}

/* ---- Reading the zip: its central directory, and zlib's inflate. ---- */

static unsigned
le16(const unsigned char *p)
{
	return (unsigned)p[0] | (unsigned)p[1] << 8;
}

static unsigned long
le32(const unsigned char *p)
{
	return (unsigned long)le16(p) | (unsigned long)le16(p + 2) << 16;
}

/*
 * The part called name of the zip in buf (len bytes), inflated and
 * NUL-terminated, or NULL when there is none.  The caller frees it.
 */
static char *
zip_part(const char *buf, size_t len, const char *name)
{
	const unsigned char *z = (const unsigned char *)buf, *e, *c, *l;
	unsigned long count, at, csize, usize, local;
	unsigned method, nlen, xlen, clen;
	size_t i, k;
	z_stream zs;
	char *out;

	assert_true(len >= 22);
	/* The end of the central directory: its signature, from the end. */
	for (i = len - 22;; i--) {
		if (le32(z + i) == 0x06054b50UL)
			break;
		assert_true(i > 0);
	}
	e = z + i;
	count = le16(e + 10);
	at = le32(e + 16);
	for (k = 0; k < count; k++) {
		assert_true(at + 46 <= len);
		c = z + at;
		assert_true(le32(c) == 0x02014b50UL);
		method = le16(c + 10);
		csize = le32(c + 20);
		usize = le32(c + 24);
		nlen = le16(c + 28);
		xlen = le16(c + 30);
		clen = le16(c + 32);
		local = le32(c + 42);
		if (nlen == strlen(name) && memcmp(c + 46, name, nlen) == 0) {
			l = z + local;
			assert_true(le32(l) == 0x04034b50UL);
			l += 30 + le16(l + 26) + le16(l + 28);
			out = malloc(usize + 1);
			assert_non_null(out);
			if (method == 0) {
				memcpy(out, l, usize);
			} else {
				assert_int_equal(method, 8);
				memset(&zs, 0, sizeof(zs));
				assert_int_equal(inflateInit2(&zs, -15), Z_OK);
				zs.next_in = (unsigned char *)(uintptr_t)l;
				zs.avail_in = (uInt)csize;
				zs.next_out = (unsigned char *)out;
				zs.avail_out = (uInt)usize;
				assert_int_equal(
				    inflate(&zs, Z_FINISH), Z_STREAM_END);
				assert_int_equal(zs.total_out, usize);
				(void)inflateEnd(&zs);
			}
			out[usize] = '\0';
			return out;
		}
		at += 46 + nlen + xlen + clen;
	}
	return NULL;
}

/* ---- Reading the XML, as far as these tests need. ---- */

/* The value of attribute attr in the tag that starts at tag, into buf. */
static int
attr(const char *tag, const char *attr_name, char *buf, size_t size)
{
	const char *end = strchr(tag, '>'), *p = tag;
	size_t n = strlen(attr_name), k;

	assert_non_null(end);
	while ((p = strstr(p, attr_name)) != NULL && p < end) {
		if (p[-1] == ' ' && p[n] == '=' && p[n + 1] == '"') {
			p += n + 2;
			for (k = 0; p[k] != '"' && k + 1 < size; k++)
				buf[k] = p[k];
			buf[k] = '\0';
			return 1;
		}
		p += n;
	}
	buf[0] = '\0';
	return 0;
}

/* The k-th (from 0) tag named tag in xml after start, or NULL. */
static const char *
nth_tag(const char *xml, const char *start, const char *tag, long k)
{
	const char *p = strstr(xml, start);
	size_t n = strlen(tag);

	if (p == NULL)
		return NULL;
	for (;;) {
		p = strstr(p + 1, tag);
		if (p == NULL)
			return NULL;
		if (p[n] != ' ' && p[n] != '>' && p[n] != '/')
			continue;
		if (k-- == 0)
			return p;
	}
}

/*
 * The fill colour of style s (an xf of cellXfs) as RRGGBB, or "" for
 * none, into buf.
 */
static void
style_fill(const char *styles, long s, char *buf, size_t size)
{
	const char *xf = nth_tag(styles, "<cellXfs", "<xf", s), *fill, *fg;
	char id[16];

	buf[0] = '\0';
	assert_non_null(xf);
	assert_true(attr(xf, "fillId", id, sizeof(id)));
	fill = nth_tag(styles, "<fills", "<fill", strtol(id, NULL, 10));
	assert_non_null(fill);
	fg = strstr(fill, "<fgColor");
	if (fg == NULL || fg > strstr(fill, "</fill>"))
		return;
	assert_true(attr(fg, "rgb", buf, size));
	/* ARGB: the alpha goes. */
	memmove(buf, buf + 2, strlen(buf + 2) + 1);
}

/* The first <t> or <t ...> element at or after p, or NULL. */
static const char *
text_tag(const char *p)
{
	while ((p = strstr(p, "<t")) != NULL) {
		if (p[2] == '>' || p[2] == ' ')
			return p;
		p += 2;
	}
	return NULL;
}

/* What a cell holds, as a spreadsheet reads it. */
struct cell {
	char type[16]; /* "s" inline string, "n" number, "b" boolean */
	char value[512];
	char fill[16]; /* RRGGBB, or "" */
	int date; /* its style is a date format */
};

/* Cell ref of the sheet part; 0 when it is not there. */
static int
find_cell(
    const char *sheet, const char *styles, const char *ref, struct cell *c)
{
	char want[32], s[16], t[16], id[16];
	const char *p, *end, *v, *xf;
	size_t k;

	memset(c, 0, sizeof(*c));
	(void)snprintf(want, sizeof(want), "<c r=\"%s\"", ref);
	p = strstr(sheet, want);
	if (p == NULL)
		return 0;
	end = strstr(p, "</c>");
	(void)attr(p, "t", t, sizeof(t));
	(void)snprintf(c->type, sizeof(c->type), "%s",
	    strcmp(t, "inlineStr") == 0 ? "s"
	        : strcmp(t, "b") == 0   ? "b"
	        : t[0] == '\0'          ? "n"
	                                : t);
	if (attr(p, "s", s, sizeof(s))) {
		style_fill(
		    styles, strtol(s, NULL, 10), c->fill, sizeof(c->fill));
		xf = nth_tag(styles, "<cellXfs", "<xf", strtol(s, NULL, 10));
		(void)attr(xf, "numFmtId", id, sizeof(id));
		c->date = strcmp(id, "0") != 0;
	}
	/* An empty cell with a style: <c r="C4" s="5"/>. */
	if (end == NULL || strchr(p, '>')[-1] == '/')
		return 1;
	v = c->type[0] == 's' ? text_tag(p) : strstr(p, "<v>");
	if (v == NULL || v > end)
		return 1;
	v = strchr(v, '>') + 1;
	for (k = 0; v[k] != '<' && k + 1 < sizeof(c->value); k++)
		c->value[k] = v[k];
	c->value[k] = '\0';
	return 1;
}

/* The comment on cell ref, into buf ("" when none). */
static void
find_comment(const char *comments, const char *ref, char *buf, size_t size)
{
	char want[32];
	const char *p, *end, *t;
	size_t k;

	buf[0] = '\0';
	if (comments == NULL)
		return;
	(void)snprintf(want, sizeof(want), "<comment ref=\"%s\"", ref);
	p = strstr(comments, want);
	if (p == NULL)
		return;
	end = strstr(p, "</comment>");
	t = text_tag(p);
	assert_true(t != NULL && t < end);
	t = strchr(t, '>') + 1;
	for (k = 0; t[k] != '<' && k + 1 < size; k++)
		buf[k] = t[k];
	buf[k] = '\0';
}

/* ---- The cases. ---- */

/*
 * One thing to check: cell ref of a sheet (1 Screened, 2 Summary, 3
 * Rules) holds value as type, with fill; or, when comment is set, the
 * comment on it (""; none).
 */
struct check {
	int sheet;
	const char *ref;
	const char *type; /* "s", "n", "b", or "-": no cell at all */
	const char *value;
	const char *fill;
	const char *comment; /* NULL: not checked */
	int date;
};

struct xlsx_case {
	const char *label;
	const char *rules; /* NULL: mini_rules */
	unsigned only;
	struct step steps[MAX_STEPS];
	struct check checks[MAX_CHECKS];
};

#define RED "FFC7CE"
#define AMBER "FFEB9C"
#define GREEN "C6EFCE"
#define DARK "C00000"

/* clang-format off */
#define F(hdr) { STEP_FILE, hdr, "f.csv", NULL }
#define R_PASS { STEP_ROW, "A1|Jane Doe|yes|9|yes|70|", NULL, NULL }
#define R_FAIL { STEP_ROW, "A2|John Roe|no|6.5|no|10|20", NULL, NULL }
#define R_REVIEW { STEP_ROW, "A3|Ann Poe||10|maybe|x|", NULL, NULL }
#define R_ERROR { STEP_BAD, "A4|Bad", "unterminated quoted field", NULL }

static const struct xlsx_case cases[] = {
	{ "one of each verdict", NULL, 0,
	  { F(H), R_PASS, R_FAIL, R_REVIEW, R_ERROR },
	  { /* The header, bold, then the report's own columns. */
	    { 1, "A1", "s", "applicant_id", "", NULL, 0 },
	    { 1, "H1", "s", "Status", "", NULL, 0 },
	    { 1, "I1", "s", "Failed", "", NULL, 0 },
	    { 1, "J1", "s", "Unknown", "", NULL, 0 },
	    { 1, "K1", "s", "Reasons", "", NULL, 0 },
	    /* PASS: nothing coloured but its status. */
	    { 1, "C2", "s", "yes", "", "", 0 },
	    { 1, "H2", "s", "PASS", GREEN, NULL, 0 },
	    { 1, "K2", "-", "", "", NULL, 0 },
	    /* FAIL: the failing cells red, both members of the failed
	     * group; the advisory english red too; the number as text. */
	    { 1, "C3", "s", "no", RED, "U.S. citizen: us_citizen: \"no\"", 0 },
	    { 1, "D3", "s", "6.5", RED, NULL, 0 },
	    { 1, "E3", "s", "no", RED, "English: english: \"no\"", 0 },
	    { 1, "F3", "s", "10", RED, NULL, 0 },
	    { 1, "G3", "s", "20", RED, NULL, 0 },
	    { 1, "B3", "s", "John Roe", "", "", 0 },
	    { 1, "H3", "s", "FAIL", RED, NULL, 0 },
	    { 1, "I3", "s", "citizen; experience; english; language", "",
	      NULL, 0 },
	    /* REVIEW: the empty cell amber, as a blank cell. */
	    { 1, "C4", "-", "", AMBER, "U.S. citizen: us_citizen: missing", 0 },
	    { 1, "H4", "s", "REVIEW", AMBER, NULL, 0 },
	    { 1, "J4", "s", "citizen; english; language", "", NULL, 0 },
	    /* ERROR: its cells, and the message with the text read. */
	    { 1, "A5", "s", "A4", "", NULL, 0 },
	    { 1, "H5", "s", "ERROR", DARK, NULL, 0 },
	    { 1, "K5", "s", "line 5: unterminated quoted field; as read: "
	      "A4|Bad", "", NULL, 0 },
	  } },
	{ "reasons in words", NULL, 0,
	  { F(H), R_FAIL },
	  { { 1, "K2", "s", "U.S. citizen: us_citizen: \"no\"; 8 years: "
	      "experience 6.5 years, needs 8 (short 1.5); English: english: "
	      "\"no\" (advisory); a language test passed: test_en 10, needs "
	      "60 (short 50) and test_fr 20, needs 60 (short 40)", "", NULL,
	      0 },
	    /* Each cell's comment: its criteria's reasons, a line each. */
	    { 1, "F2", "s", "10", RED, "a language test passed: test_en 10, "
	      "needs 60 (short 50) and test_fr 20, needs 60 (short 40)", 0 },
	  } },
	{ "the summary and the rules", NULL, 0,
	  { F(H), R_PASS, R_FAIL, R_REVIEW, R_ERROR },
	  { { 2, "A1", "s", "Screening summary", "", NULL, 0 },
	    { 2, "B2", "s", "mini (@HASH@)", "", NULL, 0 },
	    { 2, "B3", "n", "46023", "", NULL, 1 },
	    { 2, "B4", "n", "4", "", NULL, 0 },
	    { 2, "A7", "s", "PASS", GREEN, NULL, 0 },
	    { 2, "B7", "n", "1", "", NULL, 0 },
	    { 2, "B8", "n", "1", "", NULL, 0 },
	    { 2, "B9", "n", "1", "", NULL, 0 },
	    { 2, "A10", "s", "ERROR", DARK, NULL, 0 },
	    { 2, "B10", "n", "1", "", NULL, 0 },
	    { 2, "A12", "s", "Criterion", "", NULL, 0 },
	    /* citizen failed once, unknown once; experience failed. */
	    { 2, "A13", "s", "citizen", "", NULL, 0 },
	    { 2, "C13", "n", "1", "", NULL, 0 },
	    { 2, "D13", "n", "1", "", NULL, 0 },
	    { 2, "E13", "s", "U.S. citizen", "", NULL, 0 },
	    { 2, "B15", "s", "advisory", "", NULL, 0 },
	    { 2, "C16", "n", "1", "", NULL, 0 },
	    { 2, "D16", "n", "1", "", NULL, 0 },
	    { 3, "B2", "s", "civpol-screen " CIVPOL_VERSION, "", NULL, 0 },
	    { 3, "B3", "s", "mini", "", NULL, 0 },
	    { 3, "B4", "s", "@HASH@", "", NULL, 0 },
	    { 3, "B6", "s", "none", "", NULL, 0 },
	    { 3, "B7", "n", "46023", "", NULL, 1 },
	    { 3, "B9", "s", "f.csv", "", NULL, 0 },
	  } },
	{ "typed fields: numbers, dates and booleans", NULL, 0,
	  { F(H), { STEP_ROW, "A1|Jane Doe|TRUE|7.5|yes|70|2020-02-29",
	            NULL, "TTBNTNT" },
	    { STEP_ROW, "A2|x|FALSE|12|yes|70|1899-12-31", NULL, "TTBNTND" },
	    { STEP_ROW, "A3|x|yes|1e400|yes|70|2024-13-01", NULL, "TTTNTND" } },
	  { { 1, "C2", "b", "1", "", NULL, 0 },
	    { 1, "D2", "n", "7.5", RED, NULL, 0 },
	    { 1, "F2", "n", "70", "", NULL, 0 },
	    { 1, "G2", "s", "2020-02-29", "", NULL, 0 },
	    { 1, "C3", "b", "0", RED, NULL, 0 },
	    { 1, "D3", "n", "12", "", NULL, 0 },
	    /* Before 1900, Excel has no date: text. */
	    { 1, "G3", "s", "1899-12-31", "", NULL, 0 },
	    /* What does not read as its kind is text. */
	    { 1, "D4", "s", "1e400", AMBER, NULL, 0 },
	    { 1, "G4", "s", "2024-13-01", "", NULL, 0 } } },
	{ "a date field", "name d\nrule d required true ok \"ok\"\n", 0,
	  { F("ok|when"), { STEP_ROW, "no|2026-11-22", NULL, "TD" } },
	  { { 1, "A2", "s", "no", RED, NULL, 0 },
	    { 1, "B2", "n", "46348", "", NULL, 1 } } },
	{ "text made fit", NULL, 0,
	  { F(H), { STEP_ROW, "_x0041_|a\xff" "b|yes|9|yes|70|", NULL, NULL },
	    { STEP_ROW, "=SUM(1+1)|@cmd|yes|9|yes|70|", NULL, NULL } },
	  { { 1, "A2", "s", "_x005F_x0041_", "", NULL, 0 },
	    { 1, "B2", "s", "a\xef\xbf\xbd" "b", "", NULL, 0 },
	    /* A string, never a formula. */
	    { 1, "A3", "s", "=SUM(1+1)", "", NULL, 0 },
	    { 1, "B3", "s", "@cmd", "", NULL, 0 } } },
	{ "inputs stacked under the union of their headers", NULL, 0,
	  { { STEP_PLAN, H, NULL, NULL },
	    { STEP_PLAN, "notes|years|us_citizen|english|test_fr|test_en",
	      NULL, NULL },
	    F(H), R_PASS,
	    { STEP_FILE, "notes|years|us_citizen|english|test_fr|test_en",
	      "g.csv", NULL },
	    { STEP_ROW, "n1|3|yes|yes|80|", NULL, NULL } },
	  { { 1, "H1", "s", "notes", "", NULL, 0 },
	    { 1, "I1", "s", "Status", "", NULL, 0 },
	    { 1, "H2", "-", "", "", NULL, 0 },
	    { 1, "A3", "-", "", "", NULL, 0 },
	    { 1, "D3", "s", "3", RED, NULL, 0 },
	    { 1, "G3", "s", "80", "", NULL, 0 },
	    { 1, "H3", "s", "n1", "", NULL, 0 },
	    { 1, "I3", "s", "FAIL", RED, NULL, 0 },
	    { 3, "B9", "s", "f.csv", "", NULL, 0 },
	    { 3, "C9", "n", "1", "", NULL, 0 },
	    { 3, "B10", "s", "g.csv", "", NULL, 0 } } },
	{ "--only fail: the rest counted, not written", NULL,
	  1u << VERDICT_FAIL,
	  { F(H), R_PASS, R_FAIL, R_REVIEW },
	  { { 1, "H2", "s", "FAIL", RED, NULL, 0 },
	    { 1, "H3", "-", "", "", NULL, 0 },
	    { 2, "B4", "n", "3", "", NULL, 0 },
	    { 2, "A19", "s", "Shown", "", NULL, 0 },
	    { 2, "B19", "s", "the Screened sheet holds the FAIL records "
	      "alone; the counts cover them all", "", NULL, 0 },
	    /* The input's records, shown or not. */
	    { 3, "C9", "n", "3", "", NULL, 0 } } },
	{ "a set with when clauses: Not applicable",
	  "name w\nrule a required true x when kind is armed \"a\"\n", 0,
	  { F("x|kind"), { STEP_ROW, "no|unarmed", NULL, NULL },
	    { STEP_ROW, "no|", NULL, NULL } },
	  { { 1, "F1", "s", "Not applicable", "", NULL, 0 },
	    { 1, "F2", "s", "a", "", NULL, 0 },
	    { 1, "A2", "s", "no", "", "", 0 },
	    { 1, "C2", "s", "PASS", GREEN, NULL, 0 },
	    /* The condition missing: both cells amber. */
	    { 1, "A3", "s", "no", AMBER, NULL, 0 },
	    { 1, "B3", "-", "", AMBER, NULL, 0 } } },
	{ "no input: the header of the report's own columns", NULL, 0,
	  { { STEP_END, NULL, NULL, NULL } },
	  { { 1, "A1", "s", "Status", "", NULL, 0 },
	    { 2, "B4", "n", "0", "", NULL, 0 } } },
};
/* clang-format on */

/* Expands "@HASH@" in want to the hash, into buf. */
static const char *
expand(const char *want, const char *hash, char *buf, size_t size)
{
	const char *at = strstr(want, "@HASH@");

	if (at == NULL)
		return want;
	(void)snprintf(
	    buf, size, "%.*s%s%s", (int)(at - want), want, hash, at + 6);
	return buf;
}

static void
test_cases(void **state)
{
	char *sheet[4], *styles, *comments, *workbook, *all[8], got[512],
	    want[512];
	const char *hash;
	struct rules *r;
	struct result res;
	struct error err;
	struct cell c;
	size_t i, k;
	int s, found;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		const struct xlsx_case *xc = &cases[i];
		const char *text = xc->rules != NULL ? xc->rules : mini_rules;

		r = rules_parse(text, strlen(text), "mini.rules", &err);
		assert_non_null(r);
		hash = rules_hash(r);
		run_script(xc->rules, xc->steps, xc->only, &res);
		if (res.finish != 0)
			fail_msg(
			    "%s: the report failed: %s", xc->label, res.why);
		assert_memory_equal(res.out, "PK\x03\x04", 4);
		for (s = 1; s <= 3; s++) {
			(void)snprintf(
			    got, sizeof(got), "xl/worksheets/sheet%d.xml", s);
			sheet[s] = zip_part(res.out, res.len, got);
			assert_non_null(sheet[s]);
		}
		styles = zip_part(res.out, res.len, "xl/styles.xml");
		comments = zip_part(res.out, res.len, "xl/comments1.xml");
		workbook = zip_part(res.out, res.len, "xl/workbook.xml");
		assert_non_null(styles);
		assert_non_null(
		    strstr(workbook, "<sheet name=\"Screened\" sheetId=\"1\""));
		assert_non_null(strstr(workbook, "<sheet name=\"Summary\""));
		assert_non_null(strstr(workbook, "<sheet name=\"Rules\""));
		/* Nothing can run: no formula in any sheet. */
		all[0] = sheet[1];
		all[1] = sheet[2];
		all[2] = sheet[3];
		for (k = 0; k < 3; k++)
			if (strstr(all[k], "<f>") != NULL ||
			    strstr(all[k], "<f ") != NULL)
				fail_msg("%s: a formula in sheet %zu",
				    xc->label, k + 1);
		for (k = 0; k < MAX_CHECKS && xc->checks[k].ref != NULL; k++) {
			const struct check *ck = &xc->checks[k];

			found =
			    find_cell(sheet[ck->sheet], styles, ck->ref, &c);
			if (strcmp(ck->type, "-") == 0) {
				if (found &&
				    (c.value[0] != '\0' ||
				        strcmp(c.fill, ck->fill) != 0))
					fail_msg("%s: sheet %d %s: \"%s\" "
					         "fill %s, expected none",
					    xc->label, ck->sheet, ck->ref,
					    c.value, c.fill);
				if (!found && ck->fill[0] != '\0')
					fail_msg("%s: sheet %d %s: no cell",
					    xc->label, ck->sheet, ck->ref);
			} else if (!found || strcmp(c.type, ck->type) != 0 ||
			    strcmp(c.value,
			        expand(ck->value, hash, want, sizeof(want))) !=
			        0 ||
			    strcmp(c.fill, ck->fill) != 0 || c.date != ck->date)
				fail_msg("%s: sheet %d %s: %s \"%s\" fill "
				         "\"%s\" date %d; expected %s \"%s\" "
				         "fill \"%s\" date %d",
				    xc->label, ck->sheet, ck->ref, c.type,
				    c.value, c.fill, c.date, ck->type,
				    ck->value, ck->fill, ck->date);
			if (ck->comment == NULL)
				continue;
			find_comment(comments, ck->ref, got, sizeof(got));
			if (strcmp(got, ck->comment) != 0)
				fail_msg("%s: comment on %s: \"%s\", expected "
				         "\"%s\"",
				    xc->label, ck->ref, got, ck->comment);
		}
		for (s = 1; s <= 3; s++)
			free(sheet[s]);
		free(styles);
		free(comments);
		free(workbook);
		free(res.out);
		rules_free(r);
	}
}

/*
 * A header wider than a worksheet (16,384 columns, the report's own
 * included) fails the report, with a message, and nothing is written.
 */
static void
test_too_wide(void **state)
{
	enum { N = 16384 };
	char *hdr = malloc((size_t)N * 8 + 64), *p;
	struct step steps[3];
	struct result res;
	size_t k;

	(void)state;
	assert_non_null(hdr);
	p = hdr + sprintf(hdr, "us_citizen|years|english|test_en|test_fr");
	for (k = 5; k < N - 3; k++)
		p += sprintf(p, "|c%zu", k);
	memset(steps, 0, sizeof(steps));
	steps[0].kind = STEP_FILE;
	steps[0].text = hdr;
	steps[0].arg = "wide.csv";
	/* N - 3 columns and the report's four: one too many. */
	run_script(NULL, steps, 0, &res);
	assert_int_equal(res.finish, -1);
	assert_string_equal(res.why,
	    "cannot write 16385 columns: a worksheet holds at most 16384");
	assert_int_equal(res.len, 0);
	free(res.out);
	/* One column fewer fits. */
	*strrchr(hdr, '|') = '\0';
	run_script(NULL, steps, 0, &res);
	assert_int_equal(res.finish, 0);
	assert_memory_equal(res.out, "PK\x03\x04", 4);
	free(res.out);
	free(hdr);
}

/*
 * Comments are written whole rows at a time up to XLSX_COMMENTS_MAX
 * (10,000): with two a row, rows 1 to 5,000 have them and row 5,001 has
 * its fills but none, and the Summary says so.
 */
static void
test_comment_limit(void **state)
{
	char *sheet, *summary, *comments, *styles;
	struct result res;
	struct cell c;
	size_t k;

	(void)state;
	/* Too many rows for a script of steps: they are run here. */
	{
		struct column_want wants[MAX_WANTS];
		size_t index[MAX_WANTS], nrc, i;
		struct finding findings[MAX_RULES * 2];
		struct field fields[16];
		struct report_options opt;
		const struct column_want *rc;
		struct rules *r;
		struct report *rp;
		struct record rec;
		struct error err;
		int32_t asof;
		FILE *fp;

		r = rules_parse(mini_rules, strlen(mini_rules), "m", &err);
		assert_non_null(r);
		rc = rules_columns(r, &nrc);
		for (i = 0; i < nrc; i++)
			wants[i] = rc[i];
		assert_int_equal(value_parse_iso(AS_OF, &asof), 0);
		fp = open_memstream(&res.out, &res.len);
		assert_non_null(fp);
		memset(&opt, 0, sizeof(opt));
		opt.format = report_format_find("xlsx", 0);
		rp = report_new(fp, &opt, r, asof);
		assert_non_null(rp);
		memset(&rec, 0, sizeof(rec));
		rec.file = "f.csv";
		rec.nfields = split(H, fields);
		rec.fields = fields;
		assert_int_equal(
		    header_bind(&rec, wants, nrc, NULL, 0, index, &err), 0);
		assert_int_equal(report_file(rp, &rec, NULL), 0);
		/* us_citizen fails, years fails: two comments a row. */
		rec.nfields = split("A|B|no|1|yes|70|", fields);
		for (k = 0; k < 5001; k++) {
			rec.line = k + 2;
			(void)rules_judge(r, &rec, index, asof, findings);
			assert_int_equal(report_record(rp, &rec, index,
			                     VERDICT_FAIL, findings),
			    0);
		}
		assert_int_equal(report_finish(rp), 0);
		report_free(rp);
		assert_int_equal(fclose(fp), 0);
		rules_free(r);
	}
	sheet = zip_part(res.out, res.len, "xl/worksheets/sheet1.xml");
	summary = zip_part(res.out, res.len, "xl/worksheets/sheet2.xml");
	comments = zip_part(res.out, res.len, "xl/comments1.xml");
	styles = zip_part(res.out, res.len, "xl/styles.xml");
	assert_non_null(strstr(comments, "<comment ref=\"D5001\""));
	assert_null(strstr(comments, "<comment ref=\"C5002\""));
	assert_true(find_cell(sheet, styles, "C5002", &c));
	assert_string_equal(c.fill, RED);
	assert_non_null(strstr(summary,
	    "comments on red and amber cells of "
	    "records 1 to 5000"));
	free(sheet);
	free(summary);
	free(comments);
	free(styles);
	free(res.out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_too_wide),
		cmocka_unit_test(test_comment_limit),
	};

	return cmocka_run_group_tests_name("format_xlsx", tests, NULL, NULL);
}
