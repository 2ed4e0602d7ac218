/*
 * test_xmlpart.c - unit tests for xmlpart.h: an XML part of a zip
 * parsed by expat as it inflates.  Each case is a part's text and the
 * events a recording handler sees (rendered "<name attr=value>", text
 * in brackets, "</name>", and "|" where the parse paused and was run
 * again), or the message it fails with.  The handler pauses after every
 * element named "p" and fails at an element named "boom", so that
 * pausing (within a 64 KiB buffer and across two) and a handler's
 * failure are tested with the parser's own errors, the refusal of a
 * DOCTYPE, and names whose namespace prefix is dropped.
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
#include "xmlpart.h"
#include "zipfile.h"
#include "xlsx_pack.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* What the handlers saw, rendered. */
struct seen {
	char buf[4096];
	size_t len;
};

static void
put(struct seen *s, const char *t, size_t n)
{
	if (s->len + n >= sizeof(s->buf))
		n = sizeof(s->buf) - 1 - s->len;
	memcpy(s->buf + s->len, t, n);
	s->len += n;
	s->buf[s->len] = '\0';
}

static void
on_start(struct xmlpart *x, void *ud, const char *name, const char **attrs)
{
	struct seen *s = ud;
	size_t i;

	if (strcmp(name, "boom") == 0) {
		xmlpart_fail(x, "boom at line %lu", xmlpart_line(x));
		return;
	}
	put(s, "<", 1);
	put(s, name, strlen(name));
	for (i = 0; attrs[i] != NULL; i += 2) {
		const char *local = strchr(attrs[i], ':');

		local = local != NULL ? local + 1 : attrs[i];
		/* xmlpart_attr() finds each by its local name, but for a
		 * namespace declaration, which is none. */
		if (strncmp(attrs[i], "xmlns", 5) == 0) {
			if (strcmp(attrs[i], "xmlns") != 0)
				assert_ptr_not_equal(
				    xmlpart_attr(attrs, local), attrs[i + 1]);
			continue;
		}
		assert_ptr_equal(xmlpart_attr(attrs, local), attrs[i + 1]);
		put(s, " ", 1);
		put(s, local, strlen(local));
		put(s, "=", 1);
		put(s, attrs[i + 1], strlen(attrs[i + 1]));
	}
	put(s, ">", 1);
	assert_null(xmlpart_attr(attrs, "nosuch"));
}

static void
on_end(struct xmlpart *x, void *ud, const char *name)
{
	struct seen *s = ud;

	put(s, "</", 2);
	put(s, name, strlen(name));
	put(s, ">", 1);
	if (strcmp(name, "p") == 0)
		xmlpart_pause(x);
}

static void
on_text(struct xmlpart *x, void *ud, const char *t, size_t n)
{
	struct seen *s = ud;
	size_t i;

	(void)x;
	/* White space between elements is not shown. */
	for (i = 0; i < n && (t[i] == ' ' || t[i] == '\n'); i++)
		;
	if (i == n)
		return;
	put(s, "[", 1);
	put(s, t, n);
	put(s, "]", 1);
}

/* Parses the part text (n bytes) to its end or failure; renders what
 * the handlers saw into s, and the failure, if any, into err. */
static enum xmlpart_status
parse(const char *text, size_t n, struct seen *s, struct error *err)
{
	static const struct xmlpart_handlers h = { on_start, on_end, on_text };
	struct xlsx_part part = { "p.xml", text, n };
	struct xmlpart *x;
	struct zipfile *z;
	struct input in;
	enum xmlpart_status st;
	unsigned char *book;
	size_t len;

	book = xlsx_pack(&part, 1, &len);
	assert_non_null(book);
	input_open_mem(&in, book, len, "t.xlsx", 0);
	z = zipfile_open(&in, err);
	assert_non_null(z);
	memset(s, 0, sizeof(*s));
	x = xmlpart_open(z, "p.xml", &h, s, err);
	assert_non_null(x);
	while ((st = xmlpart_run(x, err)) == XMLPART_PAUSED)
		put(s, "|", 1);
	if (st == XMLPART_FAILED) {
		struct error again;

		/* Every later run says the same. */
		assert_int_equal(xmlpart_run(x, &again), XMLPART_FAILED);
		assert_string_equal(again.msg, err->msg);
	} else {
		assert_int_equal(xmlpart_run(x, err), XMLPART_DONE);
	}
	xmlpart_free(x);
	zipfile_free(z);
	free(book);
	return st;
}

static void
test_cases(void **state)
{
	static const struct {
		const char *name;
		const char *text;
		size_t len; /* 0: strlen(text) */
		const char *seen; /* what the handlers saw */
		const char *err; /* the message, or NULL */
	} cases[] = {
		{ "elements, text, attributes",
		    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		    "<a k=\"v &amp; w\"><b>x&lt;y&#233;</b><c/></a>",
		    0, "<a k=v & w><b>[x][<][y][é]</b><c></c></a>", NULL },
		{ "prefixes dropped; namespace declarations are no attributes",
		    "<x:w xmlns:x=\"urn:a\" xmlns:r=\"urn:r\"><x:s r:id=\"r1\" "
		    "name=\"n\"/><s xmlns=\"urn:a\"/><c xmlns:r=\"urn\" "
		    "r=\"A1\"/></x:w>",
		    0, "<w><s id=r1 name=n></s><s></s><c r=A1></c></w>", NULL },
		{ "a pause after each p", "<d><p>1</p><p/><q><p>3</p></q></d>",
		    0, "<d><p>[1]</p>|<p></p>|<q><p>[3]</p>|</q></d>", NULL },
		{ "UTF-16, with its byte order mark",
		    "\xff\xfe<\0a\0>\0\xe9\0<\0/\0a\0>\0", 18, "<a>[é]</a>",
		    NULL },
		{ "a handler's failure", "<a>\n<b/>\n<boom/></a>", 0,
		    "<a><b></b>", "p.xml:3:1: boom at line 3" },
		{ "not well-formed", "<a><b></a>", 0, "<a><b>",
		    "p.xml:1:9: mismatched tag" },
		{ "cut short", "<a><b>", 0, "<a><b>",
		    "p.xml:1:7: no element found" },
		{ "empty", "", 0, "", "p.xml:1:1: no element found" },
		{ "a DOCTYPE", "<!DOCTYPE a><a/>", 0, "",
		    "p.xml:1:12: document type declaration refused (workbook "
		    "XML has none, and its entities could expand without "
		    "end)" },
		{ "billion laughs",
		    "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n"
		    "<!ENTITY lol \"lol\">\n"
		    "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
		    "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
		    "]>\n<lolz>&lol2;</lolz>",
		    0, "",
		    "p.xml:2:16: document type declaration refused (workbook "
		    "XML has none, and its entities could expand without "
		    "end)" },
		{ "an entity not declared", "<a>&lol;</a>", 0, "<a>",
		    "p.xml:1:4: undefined entity" },
		{ "an encoding expat does not know",
		    "<?xml version=\"1.0\" encoding=\"klingon\"?><a/>", 0, "",
		    "p.xml:1:31: unknown encoding" },
		{ "bytes that are not UTF-8", "<a>\xff</a>", 0, "<a>",
		    "p.xml:1:4: not well-formed (invalid token)" },
	};
	struct seen s;
	struct error err;
	enum xmlpart_status st;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		print_message("%s\n", cases[i].name);
		memset(&err, 0, sizeof(err));
		st = parse(cases[i].text,
		    cases[i].len != 0 ? cases[i].len : strlen(cases[i].text),
		    &s, &err);
		assert_string_equal(s.buf, cases[i].seen);
		if (cases[i].err == NULL) {
			assert_int_equal(st, XMLPART_DONE);
		} else {
			assert_int_equal(st, XMLPART_FAILED);
			assert_string_equal(err.file, "t.xlsx");
			assert_string_equal(err.msg, cases[i].err);
		}
	}
}

/*
 * Pauses go on in the same buffer, and across buffers: 30,000 p
 * elements, about 150 KB, and every one is seen once, in order.
 */
static void
test_many_pauses(void **state)
{
	static const struct xmlpart_handlers h = { on_start, on_end, NULL };
	const size_t count = 30000;
	struct xlsx_part part;
	struct xmlpart *x;
	struct zipfile *z;
	struct input in;
	struct error err;
	struct seen s;
	unsigned char *book;
	size_t len, i, n = 0, pauses = 0;
	char *text;

	(void)state;
	text = malloc(count * 4 + 16);
	assert_non_null(text);
	n = (size_t)sprintf(text, "<d>");
	for (i = 0; i < count; i++)
		n += (size_t)sprintf(text + n, "<p/>");
	n += (size_t)sprintf(text + n, "</d>");
	part = (struct xlsx_part){ "p.xml", text, n };
	book = xlsx_pack(&part, 1, &len);
	assert_non_null(book);
	input_open_mem(&in, book, len, "t.xlsx", 0);
	z = zipfile_open(&in, &err);
	assert_non_null(z);
	x = xmlpart_open(z, "p.xml", &h, &s, &err);
	assert_non_null(x);
	for (;;) {
		memset(&s, 0, sizeof(s));
		if (xmlpart_run(x, &err) != XMLPART_PAUSED)
			break;
		/* Exactly one p since the last pause. */
		assert_string_equal(s.buf + (pauses == 0 ? 3 : 0), "<p></p>");
		pauses++;
	}
	assert_string_equal(s.buf, "</d>");
	assert_int_equal(pauses, count);
	xmlpart_free(x);
	assert_null(xmlpart_open(z, "nosuch.xml", &h, &s, &err));
	assert_string_equal(err.msg, "no part nosuch.xml in the workbook");
	zipfile_free(z);
	free(book);
	free(text);
	xmlpart_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_many_pauses),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
