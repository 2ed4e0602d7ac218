/*
 * test_fixture.c - unit tests for fixture.c: a fixture file rewritten
 * with new expected_ cells, every other byte kept.  Each case is a
 * fixture's bytes, the changes --update would note (by record, through
 * the offsets the real reader gives, as main.c does) and the bytes
 * expected back, written out by hand.  The output is also read again
 * with the reader and compared with the input record by record: the
 * same records, the same cells, but for the expected_ cells of the
 * records changed, which hold the new values.  Fixtures that do not
 * change must come back byte for byte (CRLF, CR, a byte order mark,
 * quoted fields holding delimiters, quotes and line ends, blank lines,
 * no final line end).  Then the files that cannot be loaded (missing,
 * a directory, UTF-16 and UTF-32), and the failures of fixture_header()
 * and fixture_write() (text not where the reader said, a full disk).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "header.h"
#include "reader.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

#define MAX_ROWS 12
#define MAX_FIELDS 8
#define MAX_CHANGES 4

/* What "@L@" in a case's text stands for: a cell longer than a buffer. */
#define LONG_LEN ((size_t)70000)

/* The case's text with each "@L@" made LONG_LEN 'y's.  Caller frees. */
static char *
expand(const char *s, size_t n, size_t *outlen)
{
	size_t count = 0, i, len = 0;
	char *out;

	for (i = 0; i + 3 <= n; i++)
		if (memcmp(s + i, "@L@", 3) == 0)
			count++;
	out = malloc(n + count * LONG_LEN + 1);
	assert_non_null(out);
	for (i = 0; i < n; i++) {
		if (i + 3 <= n && memcmp(s + i, "@L@", 3) == 0) {
			memset(out + len, 'y', LONG_LEN);
			len += LONG_LEN;
			i += 2;
			continue;
		}
		out[len++] = s[i];
	}
	out[len] = '\0';
	*outlen = len;
	return out;
}

/* Writes n bytes at s to a new temporary file; returns its name. */
static char *
temp_file(const void *s, size_t n)
{
	char *name = strdup("/tmp/test_fixture.XXXXXX");
	int fd;

	assert_non_null(name);
	fd = mkstemp(name);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, s, n), (ssize_t)n);
	assert_int_equal(close(fd), 0);
	return name;
}

/* A CSV text read with the reader: each record's fields, copied. */
struct table {
	size_t nrows;
	size_t nfields[MAX_ROWS];
	char *cell[MAX_ROWS][MAX_FIELDS];
	size_t len[MAX_ROWS][MAX_FIELDS];
	unsigned long long offset[MAX_ROWS];
};

static void
table_free(struct table *t)
{
	size_t r, k;

	for (r = 0; r < t->nrows; r++)
		for (k = 0; k < t->nfields[r]; k++)
			free(t->cell[r][k]);
}

/* Reads n bytes at s, every record good, into t; returns 0 or -1. */
static int
table_read(const char *s, size_t n, int delim, struct table *t)
{
	struct reader_options opt;
	struct reader *rd;
	struct record rec;
	struct error err;
	enum reader_status st;
	size_t k;

	memset(t, 0, sizeof(*t));
	memset(&opt, 0, sizeof(opt));
	opt.csv.delimiter = delim;
	rd = reader_open_mem(s, n, "fixture.csv", &opt, &err);
	if (rd == NULL)
		return -1;
	while ((st = reader_next(rd, &rec, &err)) == READER_OK) {
		if (t->nrows == MAX_ROWS || rec.nfields > MAX_FIELDS)
			break;
		t->offset[t->nrows] = rec.offset;
		t->nfields[t->nrows] = rec.nfields;
		for (k = 0; k < rec.nfields; k++) {
			t->cell[t->nrows][k] = malloc(rec.fields[k].len + 1);
			assert_non_null(t->cell[t->nrows][k]);
			memcpy(t->cell[t->nrows][k], rec.fields[k].ptr,
			    rec.fields[k].len);
			t->cell[t->nrows][k][rec.fields[k].len] = '\0';
			t->len[t->nrows][k] = rec.fields[k].len;
		}
		t->nrows++;
	}
	reader_free(rd);
	return st == READER_EOF ? 0 : -1;
}

/* The index of the header cell name in t, or HEADER_ABSENT. */
static size_t
table_column(const struct table *t, const char *name)
{
	size_t k;

	for (k = 0; k < t->nfields[0]; k++)
		if (strcmp(t->cell[0][k], name) == 0)
			return k;
	return HEADER_ABSENT;
}

static const char *const expected_names[FIXTURE_COLUMNS] = { "expected_status",
	"expected_failed", "expected_unknown" };

/* One change: the data record (1 for the first after the header). */
struct change_spec {
	size_t record;
	const char *cell[FIXTURE_COLUMNS];
};

struct update_case {
	const char *name;
	const char *in;
	size_t inlen;
	int delim; /* the reader's delimiter option, 0 to sniff */
	struct change_spec changes[MAX_CHANGES];
	const char *out; /* NULL: the same as in */
	size_t outlen;
};

/*
 * Checks the meaning of what c wrote (out, n bytes): read again, it has
 * the input's records and cells, the changed records' expected_ cells
 * holding the new values (and, where the fixture had no expected_status
 * column, the three columns added).  Returns a complaint, or NULL.
 */
static const char *
same_but_changed(const struct update_case *c, const struct table *in,
    const char *out, size_t n)
{
	static char why[256];
	const struct change_spec *ch;
	struct table t;
	size_t r, k, j, col, nch;
	const char *want;
	char *cell;
	size_t len;
	int added = table_column(in, expected_names[0]) == HEADER_ABSENT;

	if (table_read(out, n, c->delim, &t) != 0) {
		table_free(&t);
		return "the output cannot be read back";
	}
	snprintf(
	    why, sizeof(why), "%zu records back, %zu in", t.nrows, in->nrows);
	if (t.nrows != in->nrows)
		goto bad;
	for (r = 0; r < t.nrows; r++) {
		ch = NULL;
		for (nch = 0; nch < MAX_CHANGES && c->changes[nch].record > 0;
		     nch++)
			if (c->changes[nch].record == r)
				ch = &c->changes[nch];
		snprintf(why, sizeof(why), "record %zu: %zu fields back", r,
		    t.nfields[r]);
		if (t.nfields[r] !=
		    in->nfields[r] + (added && (r == 0 || ch != NULL) ? 3 : 0))
			goto bad;
		for (k = 0; k < t.nfields[r]; k++) {
			want = k < in->nfields[r] ? in->cell[r][k] : NULL;
			for (j = 0; j < FIXTURE_COLUMNS; j++) {
				col = added
				    ? in->nfields[0] + j
				    : table_column(in, expected_names[j]);
				if (col != k)
					continue;
				if (r == 0)
					want = expected_names[j];
				else if (ch != NULL)
					want = ch->cell[j];
			}
			assert_non_null(want);
			cell = expand(want, strlen(want), &len);
			snprintf(why, sizeof(why),
			    "record %zu field %zu: \"%.40s\", want \"%.40s\"",
			    r, k, t.cell[r][k], cell);
			if (t.len[r][k] != len ||
			    memcmp(t.cell[r][k], cell, len) != 0) {
				free(cell);
				goto bad;
			}
			free(cell);
		}
	}
	table_free(&t);
	return NULL;
bad:
	table_free(&t);
	return why;
}

#define S(x) x, sizeof(x) - 1

/* clang-format off */
static const struct update_case update_cases[] = {
	{ "nothing changes", S("id,expected_status,expected_failed\n"
	    "A,PASS,\nB,FAIL,citizen\n"), 0, { { 0 } }, NULL, 0 },
	{ "nothing changes: BOM, CRLF, quotes, blank lines, no last line end",
	    S("\xef\xbb\xbf\"id\",note,expected_status\r\n"
	      "\"A\",\"a, \"\"b\"\"\r\nc\",PASS\r\n\r\nB,,FAIL"), 0, { { 0 } },
	    NULL, 0 },
	{ "nothing changes: CR line ends, ';'",
	    S("id;note;expected_status\r\"A\";\"x;y\";PASS\r"), 0, { { 0 } },
	    NULL, 0 },
	{ "one record changed, the others byte for byte",
	    S("id,note,expected_status,expected_failed,expected_unknown\n"
	      "A,\" x \",PASS,,\nB,y,PASS,, \nC,\"z\",PASS,,\n"), 0,
	    { { 2, { "FAIL", "citizen", "" } } },
	    S("id,note,expected_status,expected_failed,expected_unknown\n"
	      "A,\" x \",PASS,,\nB,y,FAIL,citizen,\nC,\"z\",PASS,,\n") },
	{ "CRLF kept on a changed record",
	    S("id,expected_status\r\nA,PASS\r\nB,PASS\r\n"), 0,
	    { { 1, { "FAIL", "", "" } } },
	    S("id,expected_status\r\nA,FAIL\r\nB,PASS\r\n") },
	{ "a quoted field of commas, quotes and line ends before the cells",
	    S("id,note,expected_status,expected_failed\n"
	      "A,\"1,2\n3\r\n\"\"4\"\"\",PASS,\nB,x,PASS,\n"), 0,
	    { { 1, { "REVIEW", "", "" } },
	      { 2, { "FAIL", "citizen;experience", "" } } },
	    S("id,note,expected_status,expected_failed\n"
	      "A,\"1,2\n3\r\n\"\"4\"\"\",REVIEW,\nB,x,FAIL,citizen;experience\n") },
	{ "quoted expected cells replaced",
	    S("id,expected_status,expected_failed\nA,\"PASS\",\"a,\"\"b\"\"\"\n"),
	    0, { { 1, { "FAIL", "citizen", "" } } },
	    S("id,expected_status,expected_failed\nA,FAIL,citizen\n") },
	{ "quoted empty cells replaced",
	    S("id,expected_status,expected_failed\nA,\"\",\"\"\n"), 0,
	    { { 1, { "PASS", "", "" } } },
	    S("id,expected_status,expected_failed\nA,PASS,\n") },
	{ "';' delimiter: ids joined with ';' quoted",
	    S("id;expected_status;expected_failed\nA;PASS;\n"), 0,
	    { { 1, { "FAIL", "citizen;experience", "" } } },
	    S("id;expected_status;expected_failed\nA;FAIL;\"citizen;experience\"\n") },
	{ "';' delimiter, ids with spaces",
	    S("id;expected_status;expected_failed\nA;PASS;\n"), 0,
	    { { 1, { "FAIL", "citizen ; experience", "" } } },
	    S("id;expected_status;expected_failed\n"
	      "A;FAIL;\"citizen ; experience\"\n") },
	{ "tab delimiter",
	    S("id\texpected_status\texpected_failed\texpected_unknown\n"
	      "A\tPASS\t\t\n"), 0, { { 1, { "REVIEW", "", "english" } } },
	    S("id\texpected_status\texpected_failed\texpected_unknown\n"
	      "A\tREVIEW\t\tenglish\n") },
	{ "'|' delimiter", S("id|expected_status\nA|PASS\n"), '|',
	    { { 1, { "FAIL", "a|b", "" } } },
	    S("id|expected_status\nA|FAIL\n") },
	{ "new cells with quotes, commas and line ends quoted",
	    S("id,expected_status,expected_failed,expected_unknown\nA,,,\n"), 0,
	    { { 1, { "FAIL", "a \"b\"", "x,\ny" } } },
	    S("id,expected_status,expected_failed,expected_unknown\n"
	      "A,FAIL,\"a \"\"b\"\"\",\"x,\ny\"\n") },
	{ "a new cell with a CR alone quoted",
	    S("id,expected_status,expected_failed\nA,,\n"), 0,
	    { { 1, { "FAIL", "a\rb", "" } } },
	    S("id,expected_status,expected_failed\nA,FAIL,\"a\rb\"\n") },
	{ "no expected_ columns: three added, BOM and CRLF kept",
	    S("\xef\xbb\xbfid,note\r\nA,\"q,\"\r\nB,\r\n"), 0,
	    { { 1, { "PASS", "", "" } },
	      { 2, { "FAIL", "citizen;experience", "" } } },
	    S("\xef\xbb\xbfid,note,expected_status,expected_failed,"
	      "expected_unknown\r\nA,\"q,\",PASS,,\r\n"
	      "B,,FAIL,citizen;experience,\r\n") },
	{ "no expected_ columns, quoted first header field, ';'",
	    S("\"id\";name\nA;b\n"), 0, { { 1, { "FAIL", "citizen", "" } } },
	    S("\"id\";name;expected_status;expected_failed;expected_unknown\n"
	      "A;b;FAIL;citizen;\n") },
	{ "no expected_ columns, one column, no last line end", S("id\nA"), 0,
	    { { 1, { "PASS", "", "" } } },
	    S("id,expected_status,expected_failed,expected_unknown\nA,PASS,,") },
	{ "blank lines before the header, expected_ columns there",
	    S("\r\n\r\nid,expected_status\r\nA,PASS\r\n"), 0,
	    { { 1, { "FAIL", "", "" } } },
	    S("\r\n\r\nid,expected_status\r\nA,FAIL\r\n") },
	{ "blank lines before the header: columns added to the header",
	    S("\n\nid,name\nA,b\n"), 0, { { 1, { "PASS", "", "" } } },
	    S("\n\nid,name,expected_status,expected_failed,expected_unknown\n"
	      "A,b,PASS,,\n") },
	{ "BOM, a blank line, the header: columns added to the header",
	    S("\xef\xbb\xbf\n\"id\";name\nA;b\n"), 0,
	    { { 1, { "FAIL", "citizen;english", "" } } },
	    S("\xef\xbb\xbf\n\"id\";name;expected_status;expected_failed;"
	      "expected_unknown\nA;b;FAIL;\"citizen;english\";\n") },
	{ "expected_status alone: the ids have nowhere to go",
	    S("id,expected_status\nA,PASS\n"), 0,
	    { { 1, { "FAIL", "citizen", "english" } } },
	    S("id,expected_status\nA,FAIL\n") },
	{ "expected_status first, last record with no line end",
	    S("expected_status,id\nPASS,A\nPASS,B"), 0,
	    { { 2, { "FAIL", "", "" } } },
	    S("expected_status,id\nPASS,A\nFAIL,B") },
	{ "expected_ columns out of order",
	    S("expected_unknown,id,expected_failed,expected_status\n,A,,PASS\n"),
	    0, { { 1, { "REVIEW", "", "english" } } },
	    S("expected_unknown,id,expected_failed,expected_status\n"
	      "english,A,,REVIEW\n") },
	{ "CR line ends", S("id,expected_status\rA,PASS\rB,PASS\r"), 0,
	    { { 2, { "FAIL", "", "" } } },
	    S("id,expected_status\rA,PASS\rB,FAIL\r") },
	{ "blank lines around changed records",
	    S("id,expected_status\n\nA,PASS\n\n\nB,PASS\n\n"), 0,
	    { { 1, { "FAIL", "", "" } }, { 2, { "REVIEW", "", "" } } },
	    S("id,expected_status\n\nA,FAIL\n\n\nB,REVIEW\n\n") },
	{ "long cells kept, a long cell written",
	    S("id,note,expected_status,expected_failed\n"
	      "A,\"@L@\",PASS,\nB,@L@,PASS,\n"), 0,
	    { { 2, { "FAIL", "@L@", "" } } },
	    S("id,note,expected_status,expected_failed\n"
	      "A,\"@L@\",PASS,\nB,@L@,FAIL,@L@\n") },
	{ "UTF-8 kept",
	    S("id,n\xc3\xa9v,expected_status\n\xc3\x81,\xe2\x80\x9cx\xe2\x80\x9d,"
	      "PASS\n"), 0, { { 1, { "FAIL", "", "" } } },
	    S("id,n\xc3\xa9v,expected_status\n\xc3\x81,\xe2\x80\x9cx\xe2\x80\x9d,"
	      "FAIL\n") },
	{ "every record changed",
	    S("id,expected_status,expected_failed\nA,,\nB,,\nC,,\nD,,\n"), 0,
	    { { 1, { "PASS", "", "" } }, { 2, { "FAIL", "citizen", "" } },
	      { 3, { "REVIEW", "", "" } }, { 4, { "FAIL", "english", "" } } },
	    S("id,expected_status,expected_failed\n"
	      "A,PASS,\nB,FAIL,citizen\nC,REVIEW,\nD,FAIL,english\n") },
};
/* clang-format on */

static void
test_update(void **state)
{
	char *in, *want, *path, *out, *cells[FIXTURE_COLUMNS];
	size_t inlen, wantlen, outlen, i, k, j, nch, col[FIXTURE_COLUMNS];
	const struct update_case *c;
	const char *why;
	struct fixture *fx;
	struct record hdr;
	struct field hf[MAX_FIELDS];
	struct column_want wants[FIXTURE_COLUMNS];
	struct table t;
	struct error err;
	FILE *fp;

	(void)state;
	for (k = 0; k < FIXTURE_COLUMNS; k++) {
		wants[k].name = expected_names[k];
		wants[k].required = 0;
	}
	for (i = 0; i < NELEM(update_cases); i++) {
		c = &update_cases[i];
		in = expand(c->in, c->inlen, &inlen);
		if (c->out != NULL)
			want = expand(c->out, c->outlen, &wantlen);
		else
			want = expand(c->in, c->inlen, &wantlen);
		if (table_read(in, inlen, c->delim, &t) != 0 || t.nrows == 0)
			fail_msg("%s: the input cannot be read", c->name);
		path = temp_file(in, inlen);
		fx = fixture_load(path, &err);
		if (fx == NULL)
			fail_msg("%s: %s", c->name, err.msg);
		/* The header as the reader gave it, bound as main.c binds it. */
		memset(&hdr, 0, sizeof(hdr));
		hdr.file = path;
		hdr.line = 1;
		hdr.is_header = 1;
		hdr.offset = t.offset[0];
		hdr.nfields = t.nfields[0];
		for (k = 0; k < t.nfields[0]; k++) {
			hf[k].ptr = t.cell[0][k];
			hf[k].len = t.len[0][k];
		}
		hdr.fields = hf;
		assert_int_equal(header_bind(&hdr, wants, FIXTURE_COLUMNS, NULL,
		                     0, col, &err),
		    0);
		if (fixture_header(fx, &hdr, col, &err) != 0)
			fail_msg("%s: header: %s", c->name, err.msg);
		for (nch = 0; nch < MAX_CHANGES && c->changes[nch].record > 0;
		     nch++) {
			assert_true(c->changes[nch].record < t.nrows);
			/* Cells are copied: ours are gone before the write. */
			for (k = 0; k < FIXTURE_COLUMNS; k++)
				cells[k] = expand(c->changes[nch].cell[k],
				    strlen(c->changes[nch].cell[k]), &j);
			if (fixture_change(fx, t.offset[c->changes[nch].record],
			        (const char *const *)cells) != 0)
				fail_msg("%s: out of memory", c->name);
			for (k = 0; k < FIXTURE_COLUMNS; k++) {
				memset(cells[k], '#', strlen(cells[k]));
				free(cells[k]);
			}
		}
		if (fixture_changes(fx) != nch)
			fail_msg("%s: %zu changes, want %zu", c->name,
			    fixture_changes(fx), nch);
		out = NULL;
		outlen = 0;
		fp = open_memstream(&out, &outlen);
		assert_non_null(fp);
		if (fixture_write(fx, fp, &err) != 0)
			fail_msg("%s: write: %s", c->name, err.msg);
		assert_int_equal(fclose(fp), 0);
		if (outlen != wantlen || memcmp(out, want, outlen) != 0)
			fail_msg(
			    "%s: wrote (%zu bytes)\n%.300s\nwant (%zu)\n%.300s",
			    c->name, outlen, out, wantlen, want);
		why = same_but_changed(c, &t, out, outlen);
		if (why != NULL)
			fail_msg("%s: read back: %s", c->name, why);
		fixture_free(fx);
		table_free(&t);
		assert_int_equal(unlink(path), 0);
		free(path);
		free(out);
		free(in);
		free(want);
	}
}

/* Fixtures that cannot be loaded, and some that can. */
static void
test_load(void **state)
{
	enum place { FILE_OF, MISSING, DIRECTORY };
	static const struct {
		const char *name;
		enum place place;
		const char *text; /* the file's bytes */
		size_t len;
		const char *msg; /* the error, or NULL: loaded */
	} cases[] = {
		{ "plain UTF-8", FILE_OF, S("id,expected_status\nA,PASS\n"),
		    NULL },
		{ "UTF-8 byte order mark", FILE_OF,
		    S("\xef\xbb\xbfid,expected_status\n"), NULL },
		{ "empty file", FILE_OF, S(""), NULL },
		{ "a file of one byte", FILE_OF, S("\xff"), NULL },
		{ "Latin-1 with no mark: the reader's to judge", FILE_OF,
		    S("id,n\xe9v\n"), NULL },
		{ "UTF-16 LE", FILE_OF, S("\xff\xfei\0d\0,\0"),
		    "not UTF-8: --update rewrites UTF-8 files only" },
		{ "UTF-16 BE", FILE_OF, S("\xfe\xff\0i\0d\0,"),
		    "not UTF-8: --update rewrites UTF-8 files only" },
		{ "UTF-16 LE mark alone", FILE_OF, S("\xff\xfe"),
		    "not UTF-8: --update rewrites UTF-8 files only" },
		{ "UTF-32 LE", FILE_OF, S("\xff\xfe\0\0i\0\0\0"),
		    "not UTF-8: --update rewrites UTF-8 files only" },
		{ "UTF-32 BE", FILE_OF, S("\0\0\xfe\xff\0\0\0i"),
		    "not UTF-8: --update rewrites UTF-8 files only" },
		{ "no such file", MISSING, S(""), "cannot open for --update" },
		{ "a directory", DIRECTORY, S(""), "cannot read for --update" },
	};
	char dir[] = "/tmp/test_fixture_dir.XXXXXX";
	struct fixture *fx;
	struct error err;
	char *path, *out;
	size_t i, outlen;
	FILE *fp;

	(void)state;
	fixture_free(NULL);
	for (i = 0; i < NELEM(cases); i++) {
		if (cases[i].place == FILE_OF) {
			path = temp_file(cases[i].text, cases[i].len);
		} else if (cases[i].place == DIRECTORY) {
			assert_non_null(mkdtemp(dir));
			path = strdup(dir);
		} else {
			path = strdup("/tmp/test_fixture.no/such/file.csv");
		}
		assert_non_null(path);
		memset(&err, 0, sizeof(err));
		fx = fixture_load(path, &err);
		if (cases[i].msg == NULL && fx == NULL)
			fail_msg("%s: not loaded: %s", cases[i].name, err.msg);
		if (cases[i].msg != NULL &&
		    (fx != NULL || strcmp(err.msg, cases[i].msg) != 0 ||
		        err.file != path))
			fail_msg("%s: said \"%s\", want \"%s\"", cases[i].name,
			    fx != NULL ? "(loaded)" : err.msg, cases[i].msg);
		if (fx != NULL) {
			/* With no change, the same bytes come back. */
			out = NULL;
			fp = open_memstream(&out, &outlen);
			assert_non_null(fp);
			assert_int_equal(fixture_changes(fx), 0);
			if (fixture_write(fx, fp, &err) != 0)
				fail_msg("%s: %s", cases[i].name, err.msg);
			assert_int_equal(fclose(fp), 0);
			if (outlen != cases[i].len ||
			    memcmp(out, cases[i].text, outlen) != 0)
				fail_msg("%s: not the same bytes back",
				    cases[i].name);
			free(out);
		}
		fixture_free(fx);
		if (cases[i].place == FILE_OF)
			assert_int_equal(unlink(path), 0);
		else if (cases[i].place == DIRECTORY)
			assert_int_equal(rmdir(path), 0);
		free(path);
	}
}

/*
 * fixture_header() and fixture_write() when the text is not where the
 * reader said, or the output cannot be written.
 */
static void
test_failures(void **state)
{
	static const char text[] = "id,expected_status\nA,PASS\nB,PASS\n";
	static const struct {
		const char *name;
		unsigned long long hdr_offset; /* where the header is said */
		unsigned long long offset[2]; /* changes at (0: none) */
		int full; /* write to /dev/full, unbuffered */
		const char *msg; /* or NULL: written */
	} cases[] = {
		{ "all well", 0, { 19, 26 }, 0, NULL },
		{ "header elsewhere: no delimiter after its first field", 3,
		    { 0, 0 }, 0,
		    "cannot find the header's delimiter for --update" },
		{ "header past the end", 1000, { 0, 0 }, 0,
		    "the header is not where it was read: not updated" },
		{ "a change past the end", 0, { 19, 1000 }, 0,
		    "a record is not where it was read: not updated" },
		{ "changes out of order", 0, { 26, 19 }, 0,
		    "a record is not where it was read: not updated" },
		{ "the same record twice", 0, { 19, 19 }, 0,
		    "a record is not where it was read: not updated" },
		{ "a full disk", 0, { 19, 0 }, 1, "write error" },
		{ "a full disk, no change", 0, { 0, 0 }, 1, "write error" },
	};
	static const char *const cells[FIXTURE_COLUMNS] = { "FAIL", "", "" };
	const size_t col[FIXTURE_COLUMNS] = { 1, HEADER_ABSENT, HEADER_ABSENT };
	const struct field hf[2] = { { "id", 2 }, { "expected_status", 15 } };
	struct fixture *fx;
	struct record hdr;
	struct error err;
	char *path, *out;
	size_t i, k, outlen;
	int rc;
	FILE *fp;

	(void)state;
	path = temp_file(text, sizeof(text) - 1);
	for (i = 0; i < NELEM(cases); i++) {
		fx = fixture_load(path, &err);
		assert_non_null(fx);
		memset(&hdr, 0, sizeof(hdr));
		hdr.line = 1;
		hdr.offset = cases[i].hdr_offset;
		hdr.nfields = 2;
		hdr.fields = hf;
		memset(&err, 0, sizeof(err));
		rc = fixture_header(fx, &hdr, col, &err);
		for (k = 0; rc == 0 && k < 2 && cases[i].offset[k] > 0; k++)
			assert_int_equal(
			    fixture_change(fx, cases[i].offset[k], cells), 0);
		out = NULL;
		if (rc == 0 && cases[i].full) {
			fp = fopen("/dev/full", "wb");
			assert_non_null(fp);
			assert_int_equal(setvbuf(fp, NULL, _IONBF, 0), 0);
		} else {
			fp = open_memstream(&out, &outlen);
			assert_non_null(fp);
		}
		if (rc == 0)
			rc = fixture_write(fx, fp, &err);
		fclose(fp);
		if (cases[i].msg == NULL && rc != 0)
			fail_msg("%s: %s", cases[i].name, err.msg);
		if (cases[i].msg != NULL &&
		    (rc != -1 || strcmp(err.msg, cases[i].msg) != 0))
			fail_msg("%s: %d \"%s\", want \"%s\"", cases[i].name,
			    rc, err.msg, cases[i].msg);
		if (cases[i].msg == NULL &&
		    strcmp(out, "id,expected_status\nA,FAIL\nB,FAIL\n") != 0)
			fail_msg("%s: wrote \"%s\"", cases[i].name, out);
		free(out);
		fixture_free(fx);
	}
	assert_int_equal(unlink(path), 0);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_update),
		cmocka_unit_test(test_load),
		cmocka_unit_test(test_failures),
	};

	return cmocka_run_group_tests_name("fixture", tests, NULL, NULL);
}
