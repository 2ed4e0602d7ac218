/*
 * test_xlsx_book.c - unit tests for xlsx_book.h: a workbook's sheets,
 * their parts and its date system, and the choice of a sheet.  Each
 * structure case is the package's relationships, the workbook's and the
 * workbook part (packed here), and the sheets it must give, rendered
 * "name=part" with "(hidden)", "(chart)" or "(other)" after each, and
 * the date system and the strings' and styles' parts; or the message it
 * fails with.  Then the sheet chosen for each --sheet, in a table.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "xlsx_book.h"
#include "zipfile.h"
#include "xlsx_pack.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define T "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#define RELS                                                                   \
	"<Relationships "                                                      \
	"xmlns=\"http://schemas.openxmlformats.org/package/2006/"              \
	"relationships\">"
#define MAIN(target)                                                           \
	RELS "<Relationship Id=\"rId1\" Type=\"" T                             \
	     "officeDocument\" Target=\"" target "\"/></Relationships>"
#define REL(id, type, target)                                                  \
	"<Relationship Id=\"" id "\" Type=\"" T type "\" Target=\"" target     \
	"\"/>"
#define BOOK(body)                                                             \
	"<workbook "                                                           \
	"xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " \
	"xmlns:r=\"" T "\">" body "</workbook>"
#define SHEET(name, id)                                                        \
	"<sheet name=\"" name "\" sheetId=\"1\" r:id=\"" id "\"/>"

/* The parts of a case: NULL names a part the case leaves out. */
struct parts {
	const char *rels; /* _rels/.rels */
	const char *main_name; /* the workbook part's name */
	const char *main; /* its XML */
	const char *main_rels_name;
	const char *main_rels;
};

/* A workbook of the case's parts, opened; *book is the caller's to free. */
static struct zipfile *
open_book(const struct parts *p, struct input *in, unsigned char **book)
{
	struct xlsx_part parts[4];
	struct error err;
	struct zipfile *z;
	size_t n = 0, len;

	if (p->rels != NULL)
		parts[n++] = (struct xlsx_part){ "_rels/.rels", p->rels,
			strlen(p->rels) };
	if (p->main != NULL)
		parts[n++] = (struct xlsx_part){ p->main_name, p->main,
			strlen(p->main) };
	if (p->main_rels != NULL)
		parts[n++] = (struct xlsx_part){ p->main_rels_name,
			p->main_rels, strlen(p->main_rels) };
	parts[n++] = (struct xlsx_part){ "mimetype", "x", 1 };
	*book = xlsx_pack(parts, n, &len);
	assert_non_null(*book);
	input_open_mem(in, *book, len, "b.xlsx", 0);
	z = zipfile_open(in, &err);
	assert_non_null(z);
	return z;
}

/* Renders the structure b into buf. */
static void
render(const struct xlsx_book *b, char *buf, size_t size)
{
	static const char *const kinds[] = { "", " (chart)", " (other)" };
	size_t i, o = 0;

	buf[0] = '\0';
	for (i = 0; i < b->nsheets; i++)
		o += (size_t)snprintf(buf + o, size - o, "%s=%s%s%s; ",
		    b->sheets[i].name,
		    b->sheets[i].part != NULL ? b->sheets[i].part : "-",
		    b->sheets[i].hidden ? " (hidden)" : "",
		    kinds[b->sheets[i].kind]);
	(void)snprintf(buf + o, size - o, "%s strings=%s styles=%s",
	    b->date1904 ? "1904" : "1900",
	    b->strings_part != NULL ? b->strings_part : "-",
	    b->styles_part != NULL ? b->styles_part : "-");
}

static void
test_structure(void **state)
{
	static const struct {
		const char *name;
		struct parts p;
		const char *want;
	} cases[] = {
		{ "as LibreOffice writes it",
		    { MAIN("xl/workbook.xml"), "xl/workbook.xml",
		        BOOK("<workbookPr date1904=\"false\"/><sheets>" SHEET(
		            "applicants", "rId2") "</sheets>"),
		        "xl/_rels/workbook.xml.rels",
		        RELS REL("rId1", "styles", "styles.xml")
		            REL("rId2", "worksheet", "worksheets/sheet1.xml")
		                REL("rId3", "sharedStrings",
		                    "sharedStrings.xml") "</Relationships>" },
		    "applicants=xl/worksheets/sheet1.xml; 1900 "
		    "strings=xl/sharedStrings.xml styles=xl/styles.xml" },
		{ "1904, hidden and chart sheets, paths of every kind",
		    { MAIN("/book/main.xml"), "book/main.xml",
		        BOOK("<workbookPr date1904=\"1\"/><sheets>" SHEET(
		            "A", "r1") "<sheet name=\"B\" state=\"hidden\" "
		                       "r:id=\"r2\"/>"
		                       "<sheet name=\"C\" state=\"veryHidden\" "
		                       "r:id=\"r3\"/>" SHEET("Chart", "r4")
		                           SHEET("Lost", "r9")
		                               SHEET("Mac", "r5") "</sheets>"),
		        "book/_rels/main.xml.rels",
		        RELS REL("r1", "worksheet", "./s/../s/one%20sheet.xml")
		            REL("r2", "worksheet", "/other/two.xml") REL(
		                "r3", "worksheet", "s/three.xml") REL("r4",
		                "chartsheet", "c/1.xml") REL("r5",
		                "xlMacrosheet", "m.xml") "</Relationships>" },
		    "A=book/s/one sheet.xml; B=other/two.xml (hidden); "
		    "C=book/s/three.xml (hidden); Chart=book/c/1.xml (chart); "
		    "Lost=- (other); Mac=book/m.xml (other); 1904 strings=- "
		    "styles=-" },
		{ "strict OOXML: other URIs, the same last segments",
		    { RELS
		        "<Relationship Id=\"a\" Type=\"http://purl.oclc.org/"
		        "ooxml/officeDocument/relationships/officeDocument\" "
		        "Target=\"xl/workbook.xml\"/></Relationships>",
		        "xl/workbook.xml",
		        "<workbook xmlns=\"http://purl.oclc.org/ooxml/"
		        "spreadsheetml/main\" xmlns:r=\"http://purl.oclc.org/"
		        "ooxml/officeDocument/relationships\"><workbookPr "
		        "date1904=\"true\"/><sheets><sheet name=\"S\" "
		        "sheetId=\"1\" r:id=\"b\"/></sheets></workbook>",
		        "xl/_rels/workbook.xml.rels",
		        RELS
		        "<Relationship Id=\"b\" Type=\"http://purl.oclc.org/"
		        "ooxml/officeDocument/relationships/worksheet\" "
		        "Target=\"worksheets/sheet1.xml\"/>"
		        "</Relationships>" },
		    "S=xl/worksheets/sheet1.xml; 1904 strings=- styles=-" },
		{ "external targets are not parts",
		    { MAIN("xl/workbook.xml"), "xl/workbook.xml",
		        BOOK("<sheets>" SHEET("S", "x") "</sheets>"),
		        "xl/_rels/workbook.xml.rels",
		        RELS "<Relationship Id=\"x\" Type=\"" T "worksheet\" "
		             "Target=\"http://example.org/s.xml\" "
		             "TargetMode=\"External\"/></Relationships>" },
		    "S=- (other); 1900 strings=- styles=-" },
		{ "no relationships for the workbook",
		    { MAIN("xl/workbook.xml"), "xl/workbook.xml",
		        BOOK("<sheets>" SHEET("S", "rId1") "</sheets>"), NULL,
		        NULL },
		    "S=- (other); 1900 strings=- styles=-" },
		{ "a target above the package is none",
		    { MAIN("../../etc/passwd"), NULL, NULL, NULL, NULL },
		    "not a workbook: _rels/.rels names no main part" },
		{ "no package relationships",
		    { NULL, "xl/workbook.xml", BOOK(""), NULL, NULL },
		    "a zip archive, but not an Excel workbook (no "
		    "_rels/.rels)" },
		{ "no main part named",
		    { RELS "</Relationships>", NULL, NULL, NULL, NULL },
		    "not a workbook: _rels/.rels names no main part" },
		{ "the main part missing",
		    { MAIN("xl/workbook.xml"), NULL, NULL, NULL, NULL },
		    "no part xl/workbook.xml in the workbook" },
		{ "a word processing document",
		    { MAIN("word/document.xml"), "word/document.xml",
		        "<w:document xmlns:w=\"urn:w\"><w:body/></w:document>",
		        NULL, NULL },
		    "word/document.xml:1:1: not a workbook: the main part "
		    "holds a <document>" },
		{ "a sheet with no name",
		    { MAIN("xl/workbook.xml"), "xl/workbook.xml",
		        BOOK("<sheets><sheet r:id=\"rId1\"/></sheets>"), NULL,
		        NULL },
		    "xl/workbook.xml:1:164: a sheet with no name" },
	};
	struct xlsx_book b;
	struct zipfile *z;
	struct input in;
	struct error err;
	unsigned char *book;
	char got[1024];
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		print_message("%s\n", cases[i].name);
		z = open_book(&cases[i].p, &in, &book);
		memset(&err, 0, sizeof(err));
		if (xlsx_book_read(&b, z, &err) == 0) {
			render(&b, got, sizeof(got));
			xlsx_book_release(&b);
		} else {
			assert_string_equal(err.file, "b.xlsx");
			(void)snprintf(got, sizeof(got), "%s", err.msg);
		}
		assert_string_equal(got, cases[i].want);
		zipfile_free(z);
		free(book);
	}
}

/* An OpenDocument file is told apart from other zip archives. */
static void
test_opendocument(void **state)
{
	struct xlsx_part parts[2] = {
		{ "mimetype", "application/vnd.oasis.opendocument.spreadsheet",
		    46 },
		{ "content.xml", "<office:document-content/>", 26 },
	};
	struct xlsx_book b;
	struct zipfile *z;
	struct input in;
	struct error err;
	unsigned char *book;
	size_t len;

	(void)state;
	book = xlsx_pack(parts, 2, &len);
	assert_non_null(book);
	input_open_mem(&in, book, len, "b.ods", 0);
	z = zipfile_open(&in, &err);
	assert_non_null(z);
	assert_int_equal(xlsx_book_read(&b, z, &err), -1);
	assert_string_equal(err.msg,
	    "an OpenDocument file, not an Excel "
	    "workbook (save it as .xlsx)");
	zipfile_free(z);
	free(book);
}

static void
test_find(void **state)
{
	static const struct {
		const char *want; /* --sheet, or NULL */
		long index;
		const char *err;
	} cases[] = {
		{ NULL, 2, NULL }, /* "hidden" and "Chart" come first */
		{ "Applicants", 2, NULL },
		{ "APPLICANTS", 2, NULL },
		{ "applicants", 3, NULL }, /* the exact name first */
		{ "2", 4, NULL }, /* a sheet named "2" */
		{ "1", 0, NULL }, /* the first: hidden, but named */
		{ "4", 3, NULL },
		{ "6", -1,
		    "no sheet 6: the workbook has 5 (\"hidden\", "
		    "\"Chart\", \"Applicants\", \"applicants\", \"2\")" },
		{ "0", -1,
		    "no sheet 0: the workbook has 5 (\"hidden\", "
		    "\"Chart\", \"Applicants\", \"applicants\", \"2\")" },
		{ "Notes", -1,
		    "no sheet \"Notes\" in the workbook (its "
		    "sheets: \"hidden\", \"Chart\", \"Applicants\", "
		    "\"applicants\", \"2\")" },
		{ "chart", -1, "sheet \"Chart\" is a chart, not a worksheet" },
		{ "02", -1, "sheet \"Chart\" is a chart, not a worksheet" },
	};
	static const struct xlsx_sheet sheets[] = {
		{ "hidden", "h.xml", XLSX_SHEET_WORKSHEET, 1 },
		{ "Chart", "c.xml", XLSX_SHEET_CHART, 0 },
		{ "Applicants", "a.xml", XLSX_SHEET_WORKSHEET, 0 },
		{ "applicants", "b.xml", XLSX_SHEET_WORKSHEET, 0 },
		{ "2", "2.xml", XLSX_SHEET_WORKSHEET, 0 },
	};
	static const struct xlsx_sheet only_hidden[] = {
		{ "Chart", "c.xml", XLSX_SHEET_CHART, 0 },
		{ "h1", "h1.xml", XLSX_SHEET_WORKSHEET, 1 },
		{ "h2", "h2.xml", XLSX_SHEET_WORKSHEET, 1 },
	};
	struct xlsx_book b;
	struct error err;
	size_t i;
	long got;

	(void)state;
	memset(&b, 0, sizeof(b));
	b.sheets = (struct xlsx_sheet *)sheets;
	b.nsheets = NELEM(sheets);
	for (i = 0; i < NELEM(cases); i++) {
		memset(&err, 0, sizeof(err));
		got = xlsx_book_find(&b, cases[i].want, "b.xlsx", &err);
		if (got != cases[i].index)
			print_message("--sheet %s: %ld\n",
			    cases[i].want != NULL ? cases[i].want : "(none)",
			    got);
		assert_int_equal(got, cases[i].index);
		if (cases[i].err != NULL) {
			assert_string_equal(err.file, "b.xlsx");
			assert_string_equal(err.msg, cases[i].err);
		}
	}
	/* All worksheets hidden: the first of them. */
	b.sheets = (struct xlsx_sheet *)only_hidden;
	b.nsheets = NELEM(only_hidden);
	assert_int_equal(xlsx_book_find(&b, NULL, "b.xlsx", &err), 1);
	/* No worksheet at all. */
	b.nsheets = 1;
	assert_int_equal(xlsx_book_find(&b, NULL, "b.xlsx", &err), -1);
	assert_string_equal(err.msg, "the workbook has no worksheet");
	b.nsheets = 0;
	assert_int_equal(xlsx_book_find(&b, "x", "b.xlsx", &err), -1);
	assert_string_equal(
	    err.msg, "no sheet \"x\" in the workbook (its sheets: none)");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_structure),
		cmocka_unit_test(test_opendocument),
		cmocka_unit_test(test_find),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
