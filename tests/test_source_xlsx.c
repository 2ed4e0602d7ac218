/*
 * test_source_xlsx.c - unit tests for the .xlsx source: a workbook's
 * worksheet in, records out, through reader.h.
 *
 * Each case is the XML of a workbook's parts (a worksheet, maybe a
 * second, the shared strings, the styles, the workbook part), packed
 * here (xlsx_pack.h), the options, and what the reader must yield,
 * rendered: the first record's file on a line, then a line per record,
 * "ROW:FIELD|FIELD", a field's kind marked before its text (# a
 * number, @ a date, ? a boolean, nothing for text); a bad record's line
 * has "!" for ":" and its message after " : "; a failure is "fail:
 * MESSAGE" and a refused open "open: MESSAGE".  The rendering checks,
 * at every record, that the first is the header and no other is, that
 * each good record after the header is as wide as it, and, after the
 * end or a failure, that it is said again.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reader.h"
#include "xlsx_pack.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

#define NS "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define WS(rows)                                                               \
	"<worksheet xmlns=\"" NS "\"><sheetData>" rows                         \
	"</sheetData></worksheet>"
/* Shared strings 0 to 6. */
#define SST                                                                    \
	"<sst xmlns=\"" NS "\"><si><t>id</t></si><si><t>name</t></si>"         \
	"<si><t>age</t></si><si><t>A-1</t></si><si><t>Ann</t></si>"            \
	"<si><r><t>B</t></r><r><rPr><b/></rPr><t>ob</t></r></si>"              \
	"<si><t>a long string</t></si></sst>"
/* Cell formats: 0 General, 1 built-in date 14, 2 yyyy-mm-dd, 3 built-in
 * time 20, 4 "0.00", 5 a long US date, 6 built-in 22 (date and time). */
#define STYLES                                                                 \
	"<styleSheet xmlns=\"" NS "\"><numFmts count=\"3\">"                   \
	"<numFmt numFmtId=\"164\" formatCode=\"yyyy\\-mm\\-dd\"/>"             \
	"<numFmt numFmtId=\"165\" formatCode=\"0.00\"/>"                       \
	"<numFmt numFmtId=\"166\" formatCode=\"[$-409]mmmm d, yyyy;@\"/>"      \
	"</numFmts><cellXfs count=\"7\"><xf numFmtId=\"0\"/>"                  \
	"<xf numFmtId=\"14\"/><xf numFmtId=\"164\"/><xf numFmtId=\"20\"/>"     \
	"<xf numFmtId=\"165\"/><xf numFmtId=\"166\"/><xf numFmtId=\"22\"/>"    \
	"</cellXfs></styleSheet>"
#define HEADER                                                                 \
	"<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\">"    \
	"<v>1</v></c><c r=\"C1\" t=\"s\"><v>2</v></c></row>"
#define BOOK_OF(extra, sheets)                                                 \
	"<workbook xmlns=\"" NS "\" xmlns:r=\"http://schemas.openxmlformats."  \
	"org/officeDocument/2006/relationships\">" extra "<sheets>" sheets     \
	"</sheets></workbook>"
#define TWO_SHEETS                                                             \
	BOOK_OF("",                                                            \
	    "<sheet name=\"First\" sheetId=\"1\" r:id=\"rId1\"/>"              \
	    "<sheet name=\"Second\" sheetId=\"2\" r:id=\"rId2\"/>")

struct xcase {
	const char *name;
	const char *sheet;
	const char *sheet2;
	const char *strings;
	const char *styles;
	const char *book;
	const char *want_sheet; /* --sheet */
	size_t max_field;
	const char *want;
};

static const struct xcase cases[] = {
	{ "shared strings, numbers, dates, as a spreadsheet writes them",
	    WS(HEADER "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>3</v></c>"
	              "<c r=\"B2\" t=\"s\"><v>4</v></c><c r=\"C2\" s=\"0\" "
	              "t=\"n\"><v>7.5</v></c></row>"
	              "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>5</v></c>"
	              "<c r=\"B3\" s=\"1\"><v>43061</v></c>"
	              "<c r=\"C3\" s=\"2\"><v>43646.75</v></c></row>"),
	    NULL, SST, STYLES, NULL, NULL, 0,
	    "b.xlsx:Sheet1\n1:id|name|age\n2:A-1|Ann|#7.5\n"
	    "3:Bob|@2017-11-22|@2019-06-30\n" },
	{ "a sparse row: the cells between are empty",
	    WS(HEADER "<row r=\"2\"><c r=\"C2\"><v>5</v></c></row>"
	              "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>3</v></c>"
	              "<c r=\"C3\"><v>6</v></c></row>"),
	    NULL, SST, NULL, NULL, NULL, 0,
	    "b.xlsx:Sheet1\n1:id|name|age\n2:||#5\n3:A-1||#6\n" },
	{ "a short row is padded to the header's width",
	    WS(HEADER "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>3</v></c></row>"),
	    NULL, SST, NULL, NULL, NULL, 0,
	    "b.xlsx:Sheet1\n1:id|name|age\n2:A-1||\n" },
	{ "blank rows, before the header and after, are skipped",
	    WS("<row r=\"1\"><c r=\"A1\" s=\"1\"/><c r=\"B1\" t=\"inlineStr\">"
	       "<is><t></t></is></c></row><row r=\"2\"/>"
	       "<row r=\"3\"><c r=\"B3\" t=\"s\"><v>0</v></c>"
	       "<c r=\"C3\" t=\"s\"><v>1</v></c></row>"
	       "<row r=\"4\"><c r=\"A4\"><v></v></c><c r=\"B4\" t=\"str\">"
	       "<f>\"\"</f><v></v></c></row>"
	       "<row r=\"9\"><c r=\"C9\"><v>1</v></c></row>"),
	    NULL, SST, STYLES, NULL, NULL, 0,
	    "b.xlsx:Sheet1\n3:|id|name\n9:||#1\n" },
	{ "a value past the header's last column",
	    WS(HEADER "<row r=\"2\"><c r=\"A2\"><v>1</v></c>"
	              "<c r=\"E2\"><v>2</v></c></row>"
	              "<row r=\"3\"><c r=\"A3\"><v>3</v></c><c r=\"E3\" "
	              "s=\"1\"/><c r=\"F3\" t=\"inlineStr\"><is/></c></row>"),
	    NULL, SST, STYLES, NULL, NULL, 0,
	    "b.xlsx:Sheet1\n1:id|name|age\n2!#1||||#2 : cell E2 holds a "
	    "value past the header's last column, C\n3:#3||\n" },
	{ "inline strings, rich text, phonetic guides",
	    WS("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>one</t></is>"
	       "</c><c r=\"B1\" t=\"inlineStr\"><is><r><t>t</t></r><r><rPr>"
	       "<i/></rPr><t xml:space=\"preserve\">w o</t></r></is></c>"
	       "<c r=\"C1\" t=\"inlineStr\"><is><t>東京</t><rPh sb=\"0\" "
	       "eb=\"2\"><t>トウキョウ</t></rPh></is></c></row>"),
	    NULL, NULL, NULL, NULL, NULL, 0,
	    "b.xlsx:Sheet1\n1:one|tw o|東京\n" },
	{ "booleans, errors, formulas by their cached value",
	    WS("<row r=\"1\"><c r=\"A1\" t=\"b\"><v>1</v></c>"
	       "<c r=\"B1\" t=\"b\"><v>0</v></c><c r=\"C1\" t=\"e\">"
	       "<f>NA()</f><v>#N/A</v></c><c r=\"D1\" t=\"str\"><f>A1&amp;"
	       "\"x\"</f><v>TRUEx</v></c><c r=\"E1\"><f>1+1</f><v>2</v></c>"
	       "<c r=\"F1\"><f>1/3</f><v>0.33333333333333331</v></c>"
	       "<c r=\"G1\" t=\"e\"><v>#DIV/0!</v></c><c r=\"H1\"><f>X</f>"
	       "</c><c r=\"I1\"><v>9</v></c></row>"),
	    NULL, NULL, NULL, NULL, NULL, 0,
	    "b.xlsx:Sheet1\n1:?TRUE|?FALSE|#N/A|TRUEx|#2|#0.3333333333333333"
	    "|#DIV/0!||#9\n" },
	{ "numbers as the shortest text that reads back",
	    WS("<row><c><v>7.4999999999999991</v></c><c><v>1E-3</v></c>"
	       "<c><v>1e21</v></c><c><v>-0</v></c><c><v>12.0</v></c>"
	       "<c><v>0.30000000000000004</v></c><c><v>+5</v></c></row>"),
	    NULL, NULL, NULL, NULL, NULL, 0,
	    "b.xlsx:Sheet1\n1:#7.499999999999999|#0.001|#1e+21|#0|#12"
	    "|#0.30000000000000004|#5\n" },
	{ "number formats: dates, times, and numbers",
	    WS("<row><c s=\"1\"><v>60</v></c><c s=\"1\"><v>61</v></c>"
	       "<c s=\"3\"><v>0.3125</v></c><c s=\"4\"><v>3.5</v></c>"
	       "<c s=\"5\"><v>36585</v></c><c s=\"6\"><v>43061.999999</v></c>"
	       "<c s=\"1\"><v>-1</v></c><c s=\"1\"><v>0</v></c>"
	       "<c s=\"99\"><v>43061</v></c><c s=\"3\"><v>-1</v></c></row>"),
	    NULL, NULL, STYLES, NULL, NULL, 0,
	    "b.xlsx:Sheet1\n1:@1900-02-29|@1900-03-01|7:30:00|#3.5"
	    "|@2000-02-29|@2017-11-22|#-1|#0|#43061|#-1\n" },
	{ "the 1904 date system",
	    WS("<row><c s=\"1\"><v>41599</v></c><c s=\"1\"><v>0</v></c>"
	       "</row>"),
	    NULL, NULL, STYLES,
	    BOOK_OF("<workbookPr date1904=\"1\"/>",
	        "<sheet name=\"Mac\" sheetId=\"1\" r:id=\"rId1\"/>"),
	    NULL, 0, "b.xlsx:Mac\n1:@2017-11-22|@1904-01-01\n" },
	{ "ISO dates in cells of type d",
	    WS("<row><c t=\"d\"><v>2017-11-22T00:00:00</v></c><c t=\"d\">"
	       "<v>2017-11-22</v></c><c t=\"d\"><v>11/22/17</v></c></row>"),
	    NULL, NULL, NULL, NULL, NULL, 0,
	    "b.xlsx:Sheet1\n1:@2017-11-22|@2017-11-22|11/22/17\n" },
	{ "rows and cells with no reference follow the last",
	    WS("<row><c t=\"s\"><v>0</v></c><c t=\"s\"><v>1</v></c></row>"
	       "<row r=\"5\"><c r=\"B5\"><v>1</v></c></row>"
	       "<row><c><v>2</v></c><c><v>3</v></c></row>"),
	    NULL, SST, NULL, NULL, NULL, 0,
	    "b.xlsx:Sheet1\n1:id|name\n5:|#1\n6:#2|#3\n" },
	{ "a prefix on every name",
	    "<x:worksheet xmlns:x=\"" NS "\"><x:sheetData><x:row r=\"1\">"
	    "<x:c r=\"A1\" t=\"s\"><x:v>0</x:v></x:c></x:row>"
	    "</x:sheetData></x:worksheet>",
	    NULL, SST, NULL, NULL, NULL, 0, "b.xlsx:Sheet1\n1:id\n" },
	{ "cells that cannot be read; reading goes on",
	    WS(HEADER "<row r=\"2\"><c r=\"A2\"><v>abc</v></c></row>"
	              "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>99</v></c></row>"
	              "<row r=\"4\"><c r=\"A4\" t=\"x\"><v>1</v></c></row>"
	              "<row r=\"5\"><c r=\"A5\" t=\"b\"><v>2</v></c></row>"
	              "<row r=\"6\"><c r=\"A0\"><v>1</v></c></row>"
	              "<row r=\"7\"><c r=\"B7\"><v>1</v></c><c r=\"A7\">"
	              "<v>2</v></c></row>"
	              "<row r=\"x\"><c><v>1</v></c></row>"
	              "<row r=\"9\"><c r=\"A9\" t=\"s\"><v>-1</v></c></row>"
	              "<row r=\"10\"><c r=\"A10\"><v>1</v></c></row>"),
	    NULL, SST, NULL, NULL, NULL, 0,
	    "b.xlsx:Sheet1\n1:id|name|age\n"
	    "2!|| : cell A2: \"abc\" is not a number\n"
	    "3!|| : cell A3: no shared string 99 (there are 7)\n"
	    "4!|| : cell A4: unknown cell type \"x\"\n"
	    "5!|| : cell A5: \"2\" is not a boolean\n"
	    "6!|| : cell reference \"A0\" is not valid\n"
	    "7!|#1| : cell A7 comes after column B\n"
	    "8!|| : row number \"x\" is not valid\n"
	    "9!|| : cell A9: \"-1\" is not a shared string's number\n"
	    "10:#1||\n" },
	{ "cells over the field limit",
	    WS("<row><c t=\"s\"><v>0</v></c><c t=\"s\"><v>1</v></c></row>"
	       "<row><c t=\"s\"><v>6</v></c></row>"
	       "<row><c t=\"inlineStr\"><is><t>a long</t><t> one</t></is>"
	       "</c></row><row><c><v>1</v></c></row>"),
	    NULL, SST, NULL, NULL, NULL, 8,
	    "b.xlsx:Sheet1\n1:id|name\n2!| : cell A2 holds more than 8 bytes\n"
	    "3!| : cell A3 holds more than 8 bytes\n4:#1|\n" },
	{ "a bad header is the header",
	    WS("<row><c><v>x</v></c><c t=\"s\"><v>1</v></c></row>"
	       "<row><c><v>1</v></c></row>"),
	    NULL, SST, NULL, NULL, NULL, 0,
	    "b.xlsx:Sheet1\n1!| : cell A1: \"x\" is not a number\n2:#1|\n" },
	{ "the second sheet, by name", WS(HEADER),
	    WS("<row><c><v>2</v></c></row>"), SST, NULL, TWO_SHEETS, "second",
	    0, "b.xlsx:Second\n1:#2\n" },
	{ "the second sheet, by number", WS(HEADER),
	    WS("<row><c><v>2</v></c></row>"), SST, NULL, TWO_SHEETS, "2", 0,
	    "b.xlsx:Second\n1:#2\n" },
	{ "no such sheet", WS(HEADER), WS(""), SST, NULL, TWO_SHEETS, "Third",
	    0,
	    "open: no sheet \"Third\" in the workbook (its sheets: "
	    "\"First\", \"Second\")\n" },
	{ "the sheet's part is missing", WS(HEADER), NULL, SST, NULL,
	    TWO_SHEETS, "2", 0,
	    "open: no part xl/worksheets/sheet2.xml in the workbook\n" },
	{ "a workbook with no shared strings", WS(HEADER), NULL, NULL, NULL,
	    NULL, NULL, 0,
	    "b.xlsx:Sheet1\n1!|| : cell A1: no shared string 0 (there are "
	    "0)\n" },
	{ "malformed XML after two rows",
	    "<worksheet><sheetData><row><c><v>1</v></c></row>"
	    "<row><c><v>2</v></c></row><row><c><v>3</v></row>",
	    NULL, NULL, NULL, NULL, NULL, 0,
	    "b.xlsx:Sheet1\n1:#1\n2:#2\n"
	    "fail: xl/worksheets/sheet1.xml:1:93: mismatched tag\n" },
	{ "a DOCTYPE in the sheet",
	    "<!DOCTYPE w [<!ENTITY a \"aaaaaaaaaa\">]><worksheet/>", NULL, NULL,
	    NULL, NULL, NULL, 0,
	    "fail: xl/worksheets/sheet1.xml:1:13: document type declaration "
	    "refused (workbook XML has none, and its entities could expand "
	    "without end)\n" },
	{ "a row inside a row",
	    WS("<row><c><v>1</v></c><row><c><v>2</v></c></row></row>"), NULL,
	    NULL, NULL, NULL, NULL, 0,
	    "fail: xl/worksheets/sheet1.xml:1:109: a row inside a row\n" },
	{ "a cell inside a cell",
	    WS("<row><c><v>1</v></c></row><row><c><c><v>2</v></c></c></row>"),
	    NULL, NULL, NULL, NULL, NULL, 0,
	    "b.xlsx:Sheet1\n1:#1\n"
	    "fail: xl/worksheets/sheet1.xml:1:123: a cell inside a cell\n" },
	{ "a header and nothing else", WS(HEADER), NULL, SST, NULL, NULL, NULL,
	    0, "b.xlsx:Sheet1\n1:id|name|age\n" },
	{ "no rows at all", WS(""), NULL, NULL, NULL, NULL, NULL, 0, "" },
	{ "cells outside the sheet's data are not rows",
	    "<worksheet><sheetPr/><sheetData><row><c><v>1</v></c></row>"
	    "</sheetData><mergeCells><row><c><v>9</v></c></row>"
	    "</mergeCells></worksheet>",
	    NULL, NULL, NULL, NULL, NULL, 0, "b.xlsx:Sheet1\n1:#1\n" },
};

/* Appends printf-style text to out (size bytes) at *o. */
#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static void
add(char *out, size_t size, size_t *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(out + *o, size - *o, fmt, ap);
	va_end(ap);
	assert_true(n >= 0 && (size_t)n < size - *o);
	*o += (size_t)n;
}

/* Reads the workbook of the case and renders what the reader yields. */
static void
render(const struct xcase *c, char *out, size_t size)
{
	static const char marks[] = { 0, '#', '@', '?' };
	struct reader_options opt;
	struct reader *r;
	struct record rec;
	struct error err;
	enum reader_status st;
	unsigned char *book;
	size_t len, o = 0, i, width = 0;
	int n = 0;

	book = xlsx_pack_book(
	    c->sheet, c->sheet2, c->strings, c->styles, c->book, &len);
	assert_non_null(book);
	memset(&opt, 0, sizeof(opt));
	opt.xlsx.sheet = c->want_sheet;
	opt.max_field_size = c->max_field;
	out[0] = '\0';
	r = reader_open_mem(book, len, "b.xlsx", &opt, &err);
	if (r == NULL) {
		assert_string_equal(err.file, "b.xlsx");
		add(out, size, &o, "open: %s\n", err.msg);
		free(book);
		return;
	}
	while ((st = reader_next(r, &rec, &err)) == READER_OK ||
	    st == READER_BAD_RECORD) {
		if (n == 0)
			add(out, size, &o, "%s\n", rec.file);
		assert_int_equal(strncmp(rec.file, "b.xlsx:", 7), 0);
		assert_int_equal(rec.is_header, n == 0);
		assert_non_null(rec.kinds);
		assert_null(rec.source);
		if (n == 0)
			width = rec.nfields;
		else if (st == READER_OK)
			assert_int_equal(rec.nfields, width);
		add(out, size, &o, "%lu%c", rec.line,
		    st == READER_OK ? ':' : '!');
		for (i = 0; i < rec.nfields; i++) {
			assert_true(rec.kinds[i] < sizeof(marks));
			if (i > 0)
				add(out, size, &o, "|");
			if (marks[rec.kinds[i]] != 0)
				add(out, size, &o, "%c", marks[rec.kinds[i]]);
			add(out, size, &o, "%.*s", (int)rec.fields[i].len,
			    rec.fields[i].ptr);
		}
		if (st == READER_BAD_RECORD) {
			assert_ptr_equal(err.file, rec.file);
			assert_int_equal(err.line, rec.line);
			add(out, size, &o, " : %s", err.msg);
		}
		add(out, size, &o, "\n");
		n++;
	}
	if (st == READER_FAIL) {
		struct error again;

		assert_string_equal(err.file, "b.xlsx");
		add(out, size, &o, "fail: %s\n", err.msg);
		assert_int_equal(reader_next(r, &rec, &again), READER_FAIL);
		assert_string_equal(again.msg, err.msg);
	} else {
		assert_int_equal(reader_next(r, &rec, &err), READER_EOF);
	}
	assert_string_equal(reader_kind(r), "xlsx");
	assert_int_equal(reader_delimiter(r), 0);
	assert_int_equal(reader_saw_bad_utf8(r), 0);
	reader_free(r);
	free(book);
}

static void
test_cases(void **state)
{
	char out[4096];
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		print_message("%s\n", cases[i].name);
		render(&cases[i], out, sizeof(out));
		if (strcmp(out, cases[i].want) != 0)
			print_message("got:\n%s", out);
		assert_string_equal(out, cases[i].want);
	}
}

/*
 * A row of 16,384 cells, each a column past the last: Excel's widest,
 * read whole; the header 3 columns wide makes it one bad record.
 */
static void
test_widest_row(void **state)
{
	struct xcase c = { "widest", NULL, NULL, SST, NULL, NULL, NULL, 0,
		NULL };
	struct reader *r;
	struct record rec;
	struct error err;
	unsigned char *book;
	size_t len, n = 0, i;
	char *xml;

	(void)state;
	xml = malloc(16384 * 24 + 512);
	assert_non_null(xml);
	n += (size_t)sprintf(xml, "<worksheet><sheetData>" HEADER "<row>");
	for (i = 0; i < 16384; i++)
		n += (size_t)sprintf(xml + n, "<c><v>%zu</v></c>", i);
	(void)sprintf(xml + n, "</row></sheetData></worksheet>");
	c.sheet = xml;
	book = xlsx_pack_book(c.sheet, NULL, c.strings, NULL, NULL, &len);
	assert_non_null(book);
	r = reader_open_mem(book, len, "b.xlsx", NULL, &err);
	assert_non_null(r);
	assert_int_equal(reader_next(r, &rec, &err), READER_OK);
	assert_int_equal(reader_next(r, &rec, &err), READER_BAD_RECORD);
	assert_int_equal(rec.nfields, 16384);
	assert_string_equal(err.msg,
	    "cell XFD2 holds a value past the "
	    "header's last column, C");
	assert_int_equal(reader_next(r, &rec, &err), READER_EOF);
	reader_free(r);
	free(book);
	free(xml);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_widest_row),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
