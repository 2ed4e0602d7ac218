/*
 * test_xlsx_styles.c - unit tests for xlsx_styles.h: which number
 * formats show a date or a time, built in by number and custom by
 * code, and what a styles part makes of each cell format.  Tables of
 * {format, expected}; the styles parts are packed into a workbook in
 * memory (xlsx_pack.h) and read through zipfile.h.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "xlsx_styles.h"
#include "zipfile.h"
#include "xlsx_pack.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define N XLSX_NUMFMT_NUMBER
#define D XLSX_NUMFMT_DATE
#define T XLSX_NUMFMT_TIME

static void
test_builtin(void **state)
{
	unsigned long id;
	enum xlsx_numfmt want;

	(void)state;
	for (id = 0; id < 200; id++) {
		want = N;
		if ((id >= 14 && id <= 17) || id == 22 ||
		    (id >= 27 && id <= 31) || (id >= 34 && id <= 36) ||
		    (id >= 50 && id <= 58))
			want = D;
		else if ((id >= 18 && id <= 21) || (id >= 45 && id <= 47) ||
		    id == 32 || id == 33)
			want = T;
		if (xlsx_numfmt_builtin(id) != want)
			print_message("built-in format %lu\n", id);
		assert_int_equal(xlsx_numfmt_builtin(id), want);
	}
	assert_int_equal(xlsx_numfmt_builtin(4294967295ul), N);
}

static void
test_code(void **state)
{
	static const struct {
		const char *code;
		enum xlsx_numfmt want;
	} cases[] = {
		/* Dates, as Excel, LibreOffice and others write them. */
		{ "yyyy-mm-dd", D },
		{ "yyyy\\-mm\\-dd", D },
		{ "mm/dd/yy", D },
		{ "MM/DD/YY", D },
		{ "m/d/yyyy", D },
		{ "d/m/yy", D },
		{ "dd.mm.yyyy", D },
		{ "d mmm yy", D },
		{ "mmmm d, yyyy", D },
		{ "mmm-yy", D },
		{ "yyyy", D },
		{ "dddd", D },
		{ "[$-409]mmmm d, yyyy;@", D },
		{ "[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy", D },
		{ "m/d/yy h:mm", D },
		{ "yyyy-mm-dd hh:mm:ss", D },
		{ "[Red]yyyy-mm-dd", D },
		{ "yyyy\"年\"m\"月\"d\"日\"", D },
		{ "[$-411]ge.m.d", D },
		{ "mm", D }, /* alone, a month */
		{ "\"due \"yyyy-mm-dd", D },
		/* Times: h, s, minutes next to them, elapsed time, AM/PM. */
		{ "h:mm", T },
		{ "hh:mm:ss", T },
		{ "h:mm AM/PM", T },
		{ "h:mm:ss a/p", T },
		{ "[h]:mm:ss", T },
		{ "[mm]:ss", T },
		{ "[ss]", T },
		{ "mm:ss", T },
		{ "mm:ss.0", T },
		{ "mmss.0", T },
		{ "h\"h\"mm", T },
		{ "hh\"時\"mm\"分\"", T },
		/* Numbers, text and quoted or escaped letters. */
		{ "General", N },
		{ "general", N },
		{ "0", N },
		{ "0.00", N },
		{ "#,##0.00", N },
		{ "0%", N },
		{ "0.00E+00", N },
		{ "##0.0e-0", N },
		{ "# ?/?", N },
		{ "@", N },
		{ "\"yes\";\"yes\";\"no\"", N },
		{ "\"TRUE\";\"TRUE\";\"FALSE\"", N },
		{ "0 \"days\"", N },
		{ "0 \"yyyy-mm-dd\"", N },
		{ "0\\d", N },
		{ "0\\y\\e\\a\\r\\s", N },
		{ "_(* #,##0_);_(* (#,##0);_(* \"-\"_);_(@_)", N },
		{ "[Red][<=100]0;[Blue]0", N },
		{ "[$€-407] #,##0.00", N },
		{ "#,##0 ;(#,##0)", N },
		{ "0;yyyy", N }, /* a date only for negative numbers */
		{ "", N },
		{ "\"unterminated", N },
		{ "[", N },
		{ "\\", N },
	};
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		enum xlsx_numfmt got =
		    xlsx_numfmt_code(cases[i].code, strlen(cases[i].code));

		if (got != cases[i].want)
			print_message("\"%s\": got %d, want %d\n",
			    cases[i].code, got, cases[i].want);
		assert_int_equal(got, cases[i].want);
	}
}

/* Reads styles.xml text xml (packed with the smallest workbook) into
 * st; returns what xlsx_styles_read() does, err filled. */
static int
read_styles(const char *xml, struct xlsx_styles *st, struct error *err)
{
	struct zipfile *z;
	struct input in;
	unsigned char *book;
	size_t len;
	int rc;

	book = xlsx_pack_book("<worksheet/>", NULL, NULL, xml, NULL, &len);
	assert_non_null(book);
	input_open_mem(&in, book, len, "s.xlsx", 0);
	z = zipfile_open(&in, err);
	assert_non_null(z);
	rc = xlsx_styles_read(st, z, "xl/styles.xml", err);
	zipfile_free(z);
	input_close(&in);
	free(book);
	return rc;
}

static void
test_read(void **state)
{
	static const struct {
		const char *name;
		const char *xml;
		const char *kinds; /* one of N, D, T per cell format */
	} cases[] = {
		{ "built in and custom",
		    "<styleSheet xmlns=\"http://schemas.openxmlformats.org/"
		    "spreadsheetml/2006/main\"><numFmts count=\"2\">"
		    "<numFmt numFmtId=\"164\" formatCode=\"yyyy\\-mm\\-dd\"/>"
		    "<numFmt numFmtId=\"165\" "
		    "formatCode=\"0.00&quot;d&quot;\"/>"
		    "</numFmts><cellXfs count=\"6\"><xf numFmtId=\"0\"/>"
		    "<xf numFmtId=\"14\"/><xf numFmtId=\"164\"/>"
		    "<xf numFmtId=\"165\"/><xf numFmtId=\"20\"/><xf/>"
		    "</cellXfs></styleSheet>",
		    "NDDNTN" },
		{ "only cellXfs count, not cellStyleXfs or dxfs",
		    "<styleSheet><cellStyleXfs><xf numFmtId=\"14\"/>"
		    "</cellStyleXfs><cellXfs><xf numFmtId=\"1\"/>"
		    "<xf numFmtId=\"166\"/></cellXfs><dxfs><dxf>"
		    "<numFmt numFmtId=\"166\" formatCode=\"d/m/y\"/></dxf>"
		    "</dxfs></styleSheet>",
		    "NN" },
		{ "formats after the cell formats, and a built-in id redefined",
		    "<x:styleSheet xmlns:x=\"http://schemas.openxmlformats.org/"
		    "spreadsheetml/2006/main\"><x:cellXfs><x:xf "
		    "numFmtId=\"170\"/>"
		    "<x:xf numFmtId=\"14\"/></x:cellXfs><x:numFmts>"
		    "<x:numFmt numFmtId=\"14\" formatCode=\"0.0\"/>"
		    "<x:numFmt numFmtId=\"170\" formatCode=\"h:mm\"/>"
		    "<x:numFmt numFmtId=\"170\" formatCode=\"d.m.yyyy\"/>"
		    "</x:numFmts></x:styleSheet>",
		    "DN" },
		{ "unreadable ids are General",
		    "<styleSheet><cellXfs><xf numFmtId=\"x14\"/>"
		    "<xf numFmtId=\"-14\"/><xf numFmtId=\"99999999999999\"/>"
		    "</cellXfs></styleSheet>",
		    "NNN" },
		{ "no cell formats", "<styleSheet/>", "" },
	};
	struct xlsx_styles st;
	struct error err;
	size_t i, k;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		print_message("%s\n", cases[i].name);
		assert_int_equal(read_styles(cases[i].xml, &st, &err), 0);
		assert_int_equal(st.nxf, strlen(cases[i].kinds));
		for (k = 0; k < st.nxf; k++)
			assert_int_equal(xlsx_styles_kind(&st, k),
			    cases[i].kinds[k] == 'D'       ? D
			        : cases[i].kinds[k] == 'T' ? T
			                                   : N);
		/* A cell format the workbook lacks is General. */
		assert_int_equal(xlsx_styles_kind(&st, st.nxf), N);
		assert_int_equal(xlsx_styles_kind(&st, 4000000000ul), N);
		xlsx_styles_release(&st);
	}
}

static void
test_read_errors(void **state)
{
	static const struct {
		const char *xml;
		const char *msg;
	} cases[] = {
		{ "<styleSheet><cellXfs><xf numFmtId=\"14\">",
		    "xl/styles.xml:1:40: no element found" },
		{ "<?xml version=\"1.0\"?>\n<!DOCTYPE s [<!ENTITY a \"b\">]>"
		  "<styleSheet/>",
		    "xl/styles.xml:2:13: document type declaration refused "
		    "(workbook XML has none, and its entities could expand "
		    "without end)" },
		{ "<styleSheet>&a;</styleSheet>",
		    "xl/styles.xml:1:13: undefined entity" },
	};
	struct xlsx_styles st;
	struct error err;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		memset(&err, 0, sizeof(err));
		assert_int_equal(read_styles(cases[i].xml, &st, &err), -1);
		assert_string_equal(err.file, "s.xlsx");
		assert_string_equal(err.msg, cases[i].msg);
		xlsx_styles_release(&st);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtin),
		cmocka_unit_test(test_code),
		cmocka_unit_test(test_read),
		cmocka_unit_test(test_read_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
