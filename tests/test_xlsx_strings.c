/*
 * test_xlsx_strings.c - unit tests for xlsx_strings.h: a workbook's
 * shared strings.  Each case is the XML of a sharedStrings part, the
 * limit in force, and the strings it must give, rendered "[s0][s1]...",
 * or the message it must fail with.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "xlsx_strings.h"
#include "zipfile.h"
#include "xlsx_pack.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define SST                                                                    \
	"<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/"   \
	"main\">"

static void
test_cases(void **state)
{
	static const struct {
		const char *name;
		const char *xml;
		size_t max;
		const char *want; /* the strings, or the message */
	} cases[] = {
		{ "plain",
		    SST "<si><t>yes</t></si><si><t>A-1001</t></si></sst>", 0,
		    "[yes][A-1001]" },
		{ "rich text: the runs joined",
		    SST "<si><r><rPr><b/></rPr><t>Mar</t></r><r><t "
		        "xml:space=\"preserve\">ia </t></r><r><t>G</t></r>"
		        "</si></sst>",
		    0, "[Maria G]" },
		{ "a phonetic guide is not text",
		    SST
		    "<si><t>東京</t><rPh sb=\"0\" eb=\"2\"><t>トウキョウ</t>"
		    "</rPh><phoneticPr fontId=\"1\"/></si></sst>",
		    0, "[東京]" },
		{ "empty strings, and white space kept",
		    SST "<si><t/></si><si></si><si><t> a\nb </t></si></sst>", 0,
		    "[][][ a\nb ]" },
		{ "entities and character references",
		    SST "<si><t>O&apos;Brien &amp; &#x41;</t></si></sst>", 0,
		    "[O'Brien & A]" },
		{ "pretty-printed: white space between runs is not text",
		    SST "\n  <si>\n    <r><t>a</t></r>\n    <r><t>b</t></r>\n  "
		        "</si>\n</sst>",
		    0, "[ab]" },
		{ "a prefix",
		    "<x:sst "
		    "xmlns:x=\"urn:x\"><x:si><x:t>p</x:t></x:si></x:sst>",
		    0, "[p]" },
		{ "text outside a string is not one",
		    SST "<t>stray</t><si><t>s</t></si></sst>", 0, "[s]" },
		{ "within the limit: 3 bytes and 2 offsets",
		    SST "<si><t>ab</t></si><si><t>c</t></si></sst>",
		    3 + 2 * sizeof(size_t), "[ab][c]" },
		{ "over the limit by a byte",
		    SST "<si><t>ab</t></si><si><t>cd</t></si></sst>",
		    3 + 2 * sizeof(size_t),
		    "xl/sharedStrings.xml:1:97: the shared strings take more "
		    "than 19 bytes, or memory ran out" },
		{ "over the limit by a string",
		    SST "<si><t>ab</t></si><si><t>c</t></si><si/></sst>",
		    3 + 2 * sizeof(size_t),
		    "xl/sharedStrings.xml:1:112: the shared strings take more "
		    "than 19 bytes, or memory ran out" },
		{ "malformed", SST "<si><t>a</si></sst>", 0,
		    "xl/sharedStrings.xml:1:82: mismatched tag" },
	};
	struct xlsx_strings ss;
	struct zipfile *z;
	struct input in;
	struct error err;
	unsigned char *book;
	char got[256];
	const char *s;
	size_t len, n, i, k, o;
	int rc;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		print_message("%s\n", cases[i].name);
		book = xlsx_pack_book(
		    "<worksheet/>", NULL, cases[i].xml, NULL, NULL, &len);
		assert_non_null(book);
		input_open_mem(&in, book, len, "s.xlsx", 0);
		z = zipfile_open(&in, &err);
		assert_non_null(z);
		rc = xlsx_strings_read(
		    &ss, z, "xl/sharedStrings.xml", cases[i].max, &err);
		if (rc != 0) {
			assert_string_equal(err.file, "s.xlsx");
			assert_string_equal(err.msg, cases[i].want);
		} else {
			o = 0;
			got[0] = '\0';
			for (k = 0; xlsx_strings_get(&ss, k, &s, &n) == 0;
			     k++) {
				assert_true(o + n + 3 < sizeof(got));
				got[o++] = '[';
				memcpy(got + o, s, n);
				o += n;
				got[o++] = ']';
				got[o] = '\0';
			}
			assert_int_equal(k, ss.n);
			assert_string_equal(got, cases[i].want);
			assert_int_equal(
			    xlsx_strings_get(&ss, 4000000000ul, &s, &n), -1);
		}
		xlsx_strings_release(&ss);
		zipfile_free(z);
		free(book);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
