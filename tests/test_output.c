/*
 * test_output.c - unit tests for output.c and output.h: the escapers,
 * each writer as one piece, the buffer, and write errors.
 *
 * The escapers (put_text, put_json, put_html) are a table of {bytes,
 * expected text}, written into a buffer filled with a guard byte so that
 * a write past the promised bound (4n, 6n, 6n) shows; put_json's and
 * put_html's cases cover every escape, ill-formed UTF-8 repaired as
 * U+FFFD per maximal subpart (Unicode 3.9 table 3-8), and specials on
 * either side of the eight-byte boundaries of their word-at-a-time copy;
 * put_html's, the names that would be markup if they were not escaped.  The writers (put_ulong
 * through out_ulong) go to a stream from open_memstream(), one piece per
 * case, and to a NULL stream, which drops them.  Long entries (a table
 * of kind, byte and count) between "<" and ">" must make the buffer grow
 * past OUTPUT_BUFSIZE and shrink back once written; long runs of
 * out_bytes() go around the buffer without reordering anything, and
 * many small pieces never make it grow.
 * Last come write errors: a stream on /dev/full fails, buffered or not,
 * and the failure is sticky; after a failure nothing more reaches the
 * stream, even once the stream could take it again; and a format's own
 * failure (output_fail()) keeps its first reason in words.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "output.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* A literal's bytes and length, NUL bytes included. */
#define IN(s) s, sizeof(s) - 1

/* U+FFFD, the replacement character. */
#define R "\xef\xbf\xbd"

/*
 * A stream that gathers what it is given in memory: once f is closed,
 * p (freed with free()) and len hold everything.
 */
struct sink {
	FILE *f;
	char *p;
	size_t len;
};

static void
sink_open(struct sink *s)
{
	s->f = open_memstream(&s->p, &s->len);
	assert_non_null(s->f);
}

/*
 * put_text() (T), put_json() (J) and put_html() (H): {which, bytes,
 * expected text}.
 */
static void
test_escapers(void **state)
{
	static const struct {
		char which;
		const char *in;
		size_t n;
		const char *want;
	} cases[] = {
		{ 'T', IN(""), "" },
		{ 'T', IN("abc"), "abc" },
		{ 'T', IN("a\nb"), "a\\x0ab" },
		{ 'T', IN("\t\r"), "\\x09\\x0d" },
		{ 'T', IN("\0"), "\\x00" },
		{ 'T', IN("\x1b[31m"), "\\x1b[31m" },
		{ 'T', IN("\x1f "), "\\x1f " },
		{ 'T', IN("~\x7f"), "~\\x7f" },
		{ 'T', IN("\\x41\""), "\\x41\"" }, /* only controls change */
		/* Bytes that are no character: a terminal must not get them. */
		{ 'T', IN("\x80\xff"), "\\x80\\xff" },
		{ 'T',
		    IN("\x9b"
		       "31m"),
		    "\\x9b31m" },
		{ 'T', IN("caf\xe9!"), "caf\\xe9!" },
		{ 'T', IN("\xe2\x82"), "\\xe2\\x82" },
		{ 'T', IN("Fran\xc3\xa7ois"), "Fran\xc3\xa7ois" },
		{ 'T', IN("\xe2\x82\xac \xf0\x9f\x98\x80"),
		    "\xe2\x82\xac \xf0\x9f\x98\x80" },
		{ 'T', IN("\x01\x02\x03"), "\\x01\\x02\\x03" },
		/* C1 controls, U+0080 to U+009F, as characters. */
		{ 'T',
		    IN("a\xc2\x80"
		       "b"),
		    "a\\u0080b" },
		{ 'T', IN("\xc2\x85"), "\\u0085" },
		{ 'T',
		    IN("\xc2\x9b"
		       "2J"),
		    "\\u009b2J" },
		{ 'T', IN("\xc2\x9f\xc2\xa0"), "\\u009f\xc2\xa0" },
		/* Bidirectional overrides and isolates; their neighbours kept. */
		{ 'T', IN("\xe2\x80\xa9\xe2\x80\xaa"), "\xe2\x80\xa9\\u202a" },
		{ 'T', IN("evil\xe2\x80\xaegnp.exe"), "evil\\u202egnp.exe" },
		{ 'T', IN("\xe2\x80\xac\xe2\x80\xad"), "\\u202c\\u202d" },
		{ 'T', IN("\xe2\x81\xa5\xe2\x81\xa6\xe2\x81\xa9\xe2\x81\xaa"),
		    "\xe2\x81\xa5\\u2066\\u2069\xe2\x81\xaa" },
		{ 'J', IN(""), "" },
		{ 'J', IN("abc"), "abc" },
		{ 'J', IN("\""), "\\\"" },
		{ 'J', IN("\\"), "\\\\" },
		{ 'J', IN("/"), "/" },
		{ 'J', IN("\n\r\t\b\f"), "\\n\\r\\t\\b\\f" },
		{ 'J', IN("\0"), "\\u0000" },
		{ 'J', IN("\x01\x1f"), "\\u0001\\u001f" },
		{ 'J', IN("\x0b"), "\\u000b" },
		{ 'J', IN("\x1b[0m"), "\\u001b[0m" },
		/* JSON escapes U+0000..U+001F only: DEL is kept. */
		{ 'J', IN(" ~\x7f"), " ~\x7f" },
		{ 'J', IN("Fran\xc3\xa7ois"), "Fran\xc3\xa7ois" },
		{ 'J', IN("\xe2\x82\xac"), "\xe2\x82\xac" },
		{ 'J', IN("\xe0\xa0\x80"), "\xe0\xa0\x80" },
		{ 'J', IN("\xf0\x9f\x98\x80"), "\xf0\x9f\x98\x80" },
		{ 'J', IN("\xf4\x8f\xbf\xbf"), "\xf4\x8f\xbf\xbf" },
		{ 'J', IN("\xef\xbb\xbf"), "\xef\xbb\xbf" },
		/* Line breaks that some JSON readers take for line ends. */
		{ 'J',
		    IN("a\xe2\x80\xa8"
		       "b"),
		    "a\\u2028b" },
		{ 'J', IN("\xe2\x80\xa9"), "\\u2029" },
		{ 'J', IN("\xc2\x85"), "\\u0085" },
		{ 'J', IN("\xc2\x84\xc2\x86\xe2\x80\xa7\xe2\x80\xaa"),
		    "\xc2\x84\xc2\x86\xe2\x80\xa7\xe2\x80\xaa" },
		{ 'J', IN("abcdefg\xe2\x80\xa8hijklmnop"),
		    "abcdefg\\u2028hijklmnop" },
		/* Ill-formed: one U+FFFD per maximal subpart. */
		{ 'J', IN("\xff"), R },
		{ 'J', IN("caf\xe9"), "caf" R },
		{ 'J', IN("\xc0\xaf"), R R },
		{ 'J', IN("\xe0\x80\x80"), R R R },
		{ 'J', IN("\xed\xa0\x80"), R R R },
		{ 'J', IN("\xf4\x90\x80\x80"), R R R R },
		{ 'J', IN("\xe2\x82"), R },
		{ 'J', IN("\xf0\x9f\x98"), R },
		{ 'J', IN("\xe2\x82z"), R "z" },
		{ 'J', IN("\xe2\x82\""), R "\\\"" },
		{ 'J',
		    IN("\x61\xf1\x80\x80\xe1\x80\xc2\x62\x80\x63\x80\xbf\x64"),
		    "a" R R R "b" R "c" R R "d" },
		/* Around the eight-byte words. */
		{ 'J', IN("0123456789abcdef"), "0123456789abcdef" },
		{ 'J', IN("01234567\"9abcdef"), "01234567\\\"9abcdef" },
		{ 'J', IN("0123456\n"), "0123456\\n" },
		{ 'J', IN("\n1234567"), "\\n1234567" },
		{ 'J', IN("abcdefgh\\"), "abcdefgh\\\\" },
		{ 'J', IN("ab\"cdefghijklmnopq"), "ab\\\"cdefghijklmnopq" },
		{ 'J', IN("abcdefg\xc3\xa9hijklmnop"),
		    "abcdefg\xc3\xa9hijklmnop" },
		{ 'J', IN("abcdefg\xe9hijklmnop"), "abcdefg" R "hijklmnop" },
		{ 'J', IN("abcdefghijklmno\xf0\x9f\x98\x80"),
		    "abcdefghijklmno\xf0\x9f\x98\x80" },
		{ 'J', IN("!#[]!#[]!#[]!#[]"), "!#[]!#[]!#[]!#[]" },
		{ 'J', IN("\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f"),
		    "\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f" },
		{ 'J', IN("        \x1f        "), "        \\u001f        " },
		{ 'J', IN("\x80\x80\x80\x80\x80\x80\x80\x80\x80"),
		    R R R R R R R R R },
		{ 'H', IN(""), "" },
		{ 'H', IN("Maria Gonzalez"), "Maria Gonzalez" },
		{ 'H', IN("&<>\"'"), "&amp;&lt;&gt;&quot;&#39;" },
		{ 'H', IN("<script>alert(1)</script>"),
		    "&lt;script&gt;alert(1)&lt;/script&gt;" },
		{ 'H', IN("\"><img src=x onerror=alert(1)>"),
		    "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" },
		{ 'H', IN("O'Brien & Sons"), "O&#39;Brien &amp; Sons" },
		{ 'H', IN("&amp;"), "&amp;amp;" }, /* references are text */
		{ 'H', IN("]]>--><!--"), "]]&gt;--&gt;&lt;!--" },
		{ 'H', IN("/=`{}\\"), "/=`{}\\" },
		/* Controls as the text report shows them. */
		{ 'H', IN("a\nb\tc\rd"), "a\\x0ab\\x09c\\x0dd" },
		{ 'H', IN("\0\x1b[31m\x7f"), "\\x00\\x1b[31m\\x7f" },
		{ 'H', IN("\xc2\x85\xc2\x9b"), "\\u0085\\u009b" },
		{ 'H', IN("evil\xe2\x80\xaegnp.exe"), "evil\\u202egnp.exe" },
		{ 'H', IN("\xe2\x81\xa6x\xe2\x81\xa9"), "\\u2066x\\u2069" },
		/* Characters kept, however many bytes. */
		{ 'H', IN("Fran\xc3\xa7ois \xe2\x82\xac \xf0\x9f\x98\x80"),
		    "Fran\xc3\xa7ois \xe2\x82\xac \xf0\x9f\x98\x80" },
		{ 'H', IN("\xc2\xa0\xef\xbb\xbf\xef\xbf\xbd"),
		    "\xc2\xa0\xef\xbb\xbf\xef\xbf\xbd" },
		{ 'H', IN("\xef\xb7\x8f\xef\xb7\xb0\xef\xbf\xbc"),
		    "\xef\xb7\x8f\xef\xb7\xb0\xef\xbf\xbc" },
		/* Ill-formed: one U+FFFD per maximal subpart. */
		{ 'H', IN("caf\xe9"), "caf" R },
		{ 'H', IN("\xc0\xaf<"), R R "&lt;" },
		{ 'H', IN("\xed\xa0\x80"), R R R },
		{ 'H', IN("\xe2\x82'"), R "&#39;" },
		/* Noncharacters, which HTML and XML refuse. */
		{ 'H', IN("\xef\xb7\x90\xef\xb7\xaf"), R R },
		{ 'H', IN("\xef\xbf\xbe\xef\xbf\xbf"), R R },
		{ 'H', IN("\xf0\x9f\xbf\xbe\xf4\x8f\xbf\xbf"), R R },
		{ 'H', IN("\xf0\x9f\xbf\xbd"), "\xf0\x9f\xbf\xbd" },
		/* Around the eight-byte words: each special at its offset. */
		{ 'H', IN("abcdefgh&"), "abcdefgh&amp;" },
		{ 'H', IN("&bcdefghijklmnop"), "&amp;bcdefghijklmnop" },
		{ 'H', IN("abcdefg<ijklmnop"), "abcdefg&lt;ijklmnop" },
		{ 'H', IN("abcdefgh>jklmnop"), "abcdefgh&gt;jklmnop" },
		{ 'H', IN("0123456\"89abcdef'"), "0123456&quot;89abcdef&#39;" },
		{ 'H', IN("0123456789abcde\x7f"), "0123456789abcde\\x7f" },
		{ 'H',
		    IN("0123\x1f"
		       "56789abcdef"),
		    "0123\\x1f56789abcdef" },
		{ 'H', IN("abcdefg\xc3\xa9hijklmnop"),
		    "abcdefg\xc3\xa9hijklmnop" },
		{ 'H', IN("abcdefg\xe9hijklmnop"), "abcdefg" R "hijklmnop" },
		{ 'H', IN("!#$%()*+,-./:;=?@[]^_`{|}~"),
		    "!#$%()*+,-./:;=?@[]^_`{|}~" },
		{ 'H', IN("\"\"\"\"\"\"\"\""),
		    "&quot;&quot;&quot;&quot;&quot;&quot;&quot;&quot;" },
	};
	char buf[256];
	char *end;
	size_t i, bound;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		memset(buf, '#', sizeof(buf));
		if (cases[i].which == 'T') {
			end = put_text(buf, cases[i].in, cases[i].n);
			bound = 4 * cases[i].n;
		} else if (cases[i].which == 'H') {
			end = put_html(buf, cases[i].in, cases[i].n);
			bound = 6 * cases[i].n;
		} else {
			end = put_json(buf, cases[i].in, cases[i].n);
			bound = 6 * cases[i].n;
		}
		/* Within the promised bound, and nothing written past it. */
		assert_true((size_t)(end - buf) <= bound);
		assert_int_equal(buf[bound], '#');
		*end = '\0';
		if (strcmp(buf, cases[i].want) != 0)
			print_message("case %zu\n", i);
		assert_string_equal(buf, cases[i].want);
	}
}

/* The out_ writers; ROOM is out_room(), put_bytes() and out_done(). */
enum piece_kind { BYTES, BYTE, STR, ULONG, SPACES, TEXT, JSON, HTML, ROOM };

struct piece {
	enum piece_kind kind;
	const char *s; /* BYTES, BYTE, STR, TEXT, JSON, HTML, ROOM */
	size_t n; /* s's length; SPACES: the count */
	unsigned long v; /* ULONG */
	const char *want;
	size_t want_len;
};

static const struct piece pieces[] = {
	{ BYTES, IN("ab\0c"), 0, IN("ab\0c") },
	{ BYTES, IN(""), 0, IN("") },
	{ BYTE, "\n", 1, 0, IN("\n") },
	{ BYTE, "", 1, 0, IN("\0") },
	{ STR, "hello", 0, 0, IN("hello") },
	{ ULONG, NULL, 0, 0, IN("0") },
	{ ULONG, NULL, 0, 9, IN("9") },
	{ ULONG, NULL, 0, 10, IN("10") },
	{ ULONG, NULL, 0, 100, IN("100") },
	{ ULONG, NULL, 0, 1234567, IN("1234567") },
	{ ULONG, NULL, 0, 4294967295UL, IN("4294967295") },
#if ULONG_MAX == 18446744073709551615UL
	{ ULONG, NULL, 0, ULONG_MAX, IN("18446744073709551615") },
#endif
	{ SPACES, NULL, 3, 0, IN("   ") },
	{ SPACES, NULL, 0, 0, IN("") },
	{ TEXT, IN("a\x01"), 0, IN("a\\x01") },
	{ JSON, IN("a\"b"), 0, IN("\"a\\\"b\"") },
	{ JSON, IN(""), 0, IN("\"\"") },
	{ JSON, IN("\xff\n"), 0, IN("\"" R "\\n\"") },
	{ HTML, IN("<a&b>"), 0, IN("&lt;a&amp;b&gt;") },
	{ HTML, IN("\xff\n"), 0, IN(R "\\x0a") },
	{ ROOM, IN("xyz"), 0, IN("xyz") },
};

/* Writes one piece of kind k.  Borrowed: o and s, for the call. */
static void
put_piece(struct output *o, enum piece_kind k, const char *s, size_t n,
    unsigned long v)
{
	char *d;

	switch (k) {
	case BYTES:
		out_bytes(o, s, n);
		break;
	case BYTE:
		out_byte(o, s[0]);
		break;
	case STR:
		out_str(o, s);
		break;
	case ULONG:
		out_ulong(o, v);
		break;
	case SPACES:
		out_spaces(o, n);
		break;
	case TEXT:
		out_text(o, s, n);
		break;
	case JSON:
		out_json(o, s, n);
		break;
	case HTML:
		out_html(o, s, n);
		break;
	case ROOM:
		d = out_room(o, n);
		assert_non_null(d);
		out_done(o, put_bytes(d, s, n));
		break;
	}
}

static void
test_pieces(void **state)
{
	const struct piece *p;
	struct output o, none;
	struct sink s;
	size_t i;

	(void)state;
	assert_int_equal(output_init(&none, NULL), 0);
	for (i = 0; i < NELEM(pieces); i++) {
		p = &pieces[i];
		sink_open(&s);
		assert_int_equal(output_init(&o, s.f), 0);
		put_piece(&o, p->kind, p->s, p->n, p->v);
		put_piece(&none, p->kind, p->s, p->n, p->v);
		assert_int_equal(output_flush(&o), 0);
		output_release(&o);
		assert_int_equal(fclose(s.f), 0);
		if (s.len != p->want_len)
			print_message("piece %zu\n", i);
		assert_int_equal(s.len, p->want_len);
		assert_memory_equal(s.p, p->want, s.len);
		free(s.p);
	}
	/* A NULL stream drops everything, a long entry too, and never fails. */
	out_spaces(&none, 2 * OUTPUT_BUFSIZE);
	assert_int_equal(output_flush(&none), 0);
	assert_int_equal(none.cap, OUTPUT_BUFSIZE);
	output_release(&none);
	assert_null(none.buf);
}

/*
 * Long entries between "<" and ">": count bytes c through the writer,
 * each of which comes out as unit (BYTE: count pieces of one byte).
 * grows: the buffer must be larger than OUTPUT_BUFSIZE right after the
 * entry (and is back to it after the flush, in every case).
 */
static void
test_long_entries(void **state)
{
	static const struct {
		enum piece_kind kind;
		char c;
		size_t count;
		const char *unit;
		int grows;
	} cases[] = {
		{ ROOM, 'x', 3 * OUTPUT_BUFSIZE, "x", 1 },
		{ ROOM, 'x', OUTPUT_BUFSIZE, "x", 0 },
		{ ROOM, 'x', OUTPUT_BUFSIZE + 1, "x", 1 },
		{ SPACES, ' ', 200000, " ", 1 },
		{ TEXT, '\x01', 30000, "\\x01", 1 },
		/* Room for 4 * 16384 = OUTPUT_BUFSIZE: fits once drained. */
		{ TEXT, 'a', OUTPUT_BUFSIZE / 4, "a", 0 },
		{ TEXT, 'a', OUTPUT_BUFSIZE / 4 + 1, "a", 1 },
		{ JSON, '"', 20000, "\\\"", 1 },
		{ JSON, 'a', 11000, "a", 1 }, /* room asked: 6n + 2 */
		{ HTML, '"', 20000, "&quot;", 1 },
		{ HTML, 'a', OUTPUT_BUFSIZE / 6, "a", 0 }, /* room asked: 6n */
		{ HTML, 'a', OUTPUT_BUFSIZE / 6 + 1, "a", 1 },
		/* Up to half the buffer goes through it; more goes around. */
		{ BYTES, 'b', OUTPUT_BUFSIZE / 2, "b", 0 },
		{ BYTES, 'b', OUTPUT_BUFSIZE / 2 + 1, "b", 0 },
		{ BYTES, 'b', 5 * OUTPUT_BUFSIZE, "b", 0 },
		{ BYTE, 'm', 3 * OUTPUT_BUFSIZE + 7, "m", 0 },
	};
	struct output o;
	struct sink s;
	char *in;
	size_t i, k, ulen, at;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		in = malloc(cases[i].count);
		assert_non_null(in);
		memset(in, cases[i].c, cases[i].count);
		sink_open(&s);
		assert_int_equal(output_init(&o, s.f), 0);
		out_str(&o, "<");
		if (cases[i].kind == BYTE)
			for (k = 0; k < cases[i].count; k++)
				out_byte(&o, cases[i].c);
		else
			put_piece(&o, cases[i].kind, in, cases[i].count, 0);
		if ((o.cap > OUTPUT_BUFSIZE) != cases[i].grows)
			print_message("case %zu: cap %zu\n", i, o.cap);
		assert_int_equal(o.cap > OUTPUT_BUFSIZE, cases[i].grows);
		out_str(&o, ">");
		assert_int_equal(output_flush(&o), 0);
		assert_int_equal(o.cap, OUTPUT_BUFSIZE);
		assert_int_equal(o.len, 0);
		output_release(&o);
		assert_int_equal(fclose(s.f), 0);

		/* "<", the entry (quoted when JSON), ">". */
		ulen = strlen(cases[i].unit);
		at = cases[i].kind == JSON ? 2 : 1;
		assert_int_equal(s.len, cases[i].count * ulen + 2 * at);
		assert_memory_equal(s.p, "<\"", at);
		for (k = 0; k < cases[i].count; k++, at += ulen)
			if (memcmp(s.p + at, cases[i].unit, ulen) != 0)
				break;
		if (k < cases[i].count)
			print_message("case %zu: unit %zu differs\n", i, k);
		assert_int_equal(k, cases[i].count);
		assert_memory_equal(
		    s.p + at, cases[i].kind == JSON ? "\">" : ">", s.len - at);
		free(s.p);
		free(in);
	}
}

/*
 * A stream on /dev/full: the failure shows at the flush (buffered), at
 * the buffer's own write (unbuffered), or at a long run written around
 * the buffer, and stays: after clearerr() and more writes, the output
 * still says it failed, with the first reason.
 */
static void
test_dev_full(void **state)
{
	static const struct {
		int mode;
		size_t n;
	} cases[] = {
		{ _IOFBF, 1 },
		{ _IONBF, 1 },
		{ _IOFBF, OUTPUT_BUFSIZE / 2 + 1 },
		{ _IONBF, OUTPUT_BUFSIZE / 2 + 1 },
		{ _IOFBF, 3 * OUTPUT_BUFSIZE },
	};
	static const char zeros[3 * OUTPUT_BUFSIZE];
	struct output o;
	FILE *f;
	size_t i;
	int rc;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		f = fopen("/dev/full", "w");
		if (f == NULL) {
			print_message("no /dev/full: skipped\n");
			return;
		}
		assert_int_equal(setvbuf(f, NULL, cases[i].mode, 0), 0);
		assert_int_equal(output_init(&o, f), 0);
		assert_int_equal(output_status(&o), 0);
		out_bytes(&o, zeros, cases[i].n);
		rc = output_flush(&o);
		if (rc != -1 || o.errnum != ENOSPC)
			print_message("case %zu: errnum %d\n", i, o.errnum);
		assert_int_equal(rc, -1);
		assert_int_equal(o.errnum, ENOSPC);
		clearerr(f);
		assert_int_equal(output_status(&o), -1);
		out_str(&o, "more");
		out_spaces(&o, 2 * OUTPUT_BUFSIZE);
		assert_int_equal(output_flush(&o), -1);
		assert_int_equal(o.errnum, ENOSPC);
		output_release(&o);
		(void)fclose(f);
	}
}

/*
 * An unbuffered stream on a file whose descriptor is swapped for a
 * read-only one while "second" is written, then put back: the file
 * holds "first" and nothing after it.
 */
static void
test_nothing_after_failure(void **state)
{
	struct output o;
	char got[64];
	FILE *f;
	int fd, saved, ro;
	ssize_t n;

	(void)state;
	f = tmpfile();
	assert_non_null(f);
	assert_int_equal(setvbuf(f, NULL, _IONBF, 0), 0);
	fd = fileno(f);
	saved = dup(fd);
	ro = open("/dev/null", O_RDONLY);
	assert_true(saved >= 0 && ro >= 0);
	assert_int_equal(output_init(&o, f), 0);
	out_str(&o, "first");
	assert_int_equal(output_flush(&o), 0);

	assert_int_equal(dup2(ro, fd), fd);
	out_str(&o, "second");
	assert_int_equal(output_flush(&o), -1);
	assert_int_equal(o.errnum, EBADF);

	assert_int_equal(dup2(saved, fd), fd);
	clearerr(f);
	out_str(&o, "third");
	out_bytes(&o, "fourth", 6);
	assert_int_equal(output_flush(&o), -1);
	assert_int_equal(o.errnum, EBADF);
	output_release(&o);

	n = pread(saved, got, sizeof(got), 0);
	assert_int_equal(n, 5);
	assert_memory_equal(got, "first", 5);
	(void)fclose(f);
	(void)close(saved);
	(void)close(ro);
}

/*
 * output_fail(): a format's own failure, with its reason in words (cut
 * to fit) or none; the first failure stays, whatever comes after, and
 * nothing more reaches the stream.
 */
static void
test_fail(void **state)
{
	static const struct {
		int errnum;
		const char *why; /* NULL: none */
		const char *want; /* what o.why holds */
	} cases[] = {
		{ 0,
		    "cannot write 16385 columns: a worksheet holds at most "
		    "16384",
		    "cannot write 16385 columns: a worksheet holds at most "
		    "16384" },
		{ ENOMEM, NULL, "" },
		{ ENOSPC, "", "" },
	};
	char longwhy[OUTPUT_WHY_MAX * 2];
	struct output o;
	struct sink s;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		sink_open(&s);
		assert_int_equal(output_init(&o, s.f), 0);
		out_str(&o, "kept");
		assert_int_equal(output_flush(&o), 0);
		output_fail(&o, cases[i].errnum, cases[i].why);
		assert_int_equal(output_status(&o), -1);
		assert_int_equal(o.errnum, cases[i].errnum);
		assert_string_equal(o.why, cases[i].want);
		/* A later failure does not replace the first. */
		output_fail(&o, EIO, "later");
		assert_int_equal(o.errnum, cases[i].errnum);
		assert_string_equal(o.why, cases[i].want);
		out_str(&o, "dropped");
		assert_int_equal(output_flush(&o), -1);
		output_release(&o);
		assert_int_equal(fclose(s.f), 0);
		assert_int_equal(s.len, 4);
		assert_memory_equal(s.p, "kept", 4);
		free(s.p);
	}
	/* A reason longer than the room is cut, NUL-terminated. */
	memset(longwhy, 'x', sizeof(longwhy) - 1);
	longwhy[sizeof(longwhy) - 1] = '\0';
	assert_int_equal(output_init(&o, NULL), 0);
	output_fail(&o, 0, longwhy);
	assert_int_equal(strlen(o.why), OUTPUT_WHY_MAX - 1);
	output_release(&o);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escapers),
		cmocka_unit_test(test_pieces),
		cmocka_unit_test(test_long_entries),
		cmocka_unit_test(test_dev_full),
		cmocka_unit_test(test_nothing_after_failure),
		cmocka_unit_test(test_fail),
	};

	return cmocka_run_group_tests_name("output", tests, NULL, NULL);
}
