/*
 * test_lines.c - unit tests for lines.c and lines.h: decoded bytes cut
 * into physical lines, blank lines skipped, the delimiter chosen.
 *
 * Each case is {bytes, encoding, skip blank lines or not, expected
 * rendering}, run at every read size in read_sizes[].  The rendering
 * drives the cutter as the CSV source does (lines_segment() and
 * lines_consume(), lines_more() when the buffer is used up, the second
 * half of a CRLF cut by a read consumed alone when after_cr says so) and
 * writes one line "LINE@OFFSET:TEXT" per physical line, where LINE and
 * OFFSET are the cutter's at the line's first byte and TEXT is the line
 * with its ending, bytes outside printable ASCII as \xNN; a blank line
 * skipped is "LINE@OFFSET:blank".  So the rendering is the same however
 * the reads cut the input, and a CRLF cut in two must still come out as
 * one ending.  The delimiter cases are {bytes, expected delimiter}, also
 * checking that nothing is consumed.  Cases of a LINES_LOOKAHEAD-sized
 * line, for blank lines and delimiters, are built by a second table.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lines.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* A literal's bytes and length, NUL bytes included. */
#define IN(s) s, sizeof(s) - 1

static const size_t read_sizes[] = { 1, 2, 3, 5, 64, 0 };

/* A growable byte string, always NUL-terminated. */
struct sbuf {
	char *p;
	size_t len;
	size_t cap;
};

static void
sb_add(struct sbuf *sb, const void *s, size_t n)
{
	if (sb->len + n + 1 > sb->cap) {
		size_t cap = sb->cap ? sb->cap : 64;
		char *p;

		while (sb->len + n + 1 > cap)
			cap *= 2;
		p = realloc(sb->p, cap);
		assert_non_null(p);
		sb->p = p;
		sb->cap = cap;
	}
	if (n > 0)
		memcpy(sb->p + sb->len, s, n);
	sb->len += n;
	sb->p[sb->len] = '\0';
}

static void
sb_str(struct sbuf *sb, const char *s)
{
	sb_add(sb, s, strlen(s));
}

/* Appends bytes as the rendering shows them: \xNN outside ' '..'~'. */
static void
sb_shown(struct sbuf *sb, const char *s, size_t n)
{
	char esc[5];
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x20 && c < 0x7f)
			sb_add(sb, &c, 1);
		else {
			(void)snprintf(esc, sizeof(esc), "\\x%02x", c);
			sb_add(sb, esc, 4);
		}
	}
}

/* "LINE@OFFSET:". */
static void
sb_where(struct sbuf *sb, unsigned long line, unsigned long long off)
{
	char tmp[64];

	(void)snprintf(tmp, sizeof(tmp), "%lu@%llu:", line, off);
	sb_str(sb, tmp);
}

/*
 * Reads the len bytes at in (from encoding, at read size rs) to the end
 * and returns the rendering, to be freed with free(); first, when delim
 * is not NULL, sets *delim to lines_delimiter().  *cuts counts the
 * lines that came in more than one segment, or with the LF of their
 * CRLF apart.  Borrowed: in, encoding, delim and cuts.
 */
static char *
render(const char *in, size_t len, const char *encoding, size_t rs,
    int skip_blank, int *delim, unsigned long *cuts)
{
	struct sbuf sb = { NULL, 0, 0 };
	struct input src;
	struct error err;
	struct lines *ln = malloc(sizeof(*ln));
	size_t seg;
	int term, rc, in_line = 0, last_blank = 0;

	assert_non_null(ln);
	*cuts = 0;
	sb_str(&sb, "");
	input_open_mem(&src, in, len, "mem", rs);
	assert_int_equal(lines_init(ln, &src, encoding, &err), 0);
	if (delim != NULL) {
		*delim = lines_delimiter(ln, &err);
		assert_int_equal(ln->line, 1);
		assert_int_equal(ln->off, 0);
	}
	for (;;) {
		if (ln->dec.pos == ln->dec.end) {
			rc = lines_more(ln, &err);
			assert_true(rc >= 0);
			if (rc == 0)
				break;
			continue;
		}
		if (ln->after_cr) {
			ln->after_cr = 0;
			if (ln->dec.buf[ln->dec.pos] == '\n') {
				/* The rest of a CRLF: onto the line before. */
				lines_consume(ln, 1, 0);
				(*cuts)++;
				if (!last_blank) {
					sb.len--;
					sb_str(&sb, "\\x0a\n");
				}
				continue;
			}
		}
		if (!in_line && skip_blank) {
			unsigned long line = ln->line;
			unsigned long long off = ln->off;

			rc = lines_skip_blank(ln, ',', &err);
			assert_true(rc >= 0);
			if (rc > 0) {
				sb_where(&sb, line, off);
				sb_str(&sb, "blank\n");
				last_blank = 1;
				continue;
			}
			assert_int_equal(ln->line, line);
			assert_int_equal(ln->off, off);
			if (ln->dec.pos == ln->dec.end)
				continue;
		}
		if (!in_line)
			sb_where(&sb, ln->line, ln->off);
		else
			(*cuts)++;
		seg = lines_segment(ln, &term);
		sb_shown(&sb, ln->dec.buf + ln->dec.pos, seg);
		lines_consume(ln, seg, term);
		in_line = !term;
		if (term) {
			sb_str(&sb, "\n");
			last_blank = 0;
		}
	}
	if (in_line)
		sb_str(&sb, "$\n");
	assert_int_equal(lines_more(ln, &err), 0);
	lines_release(ln);
	input_close(&src);
	free(ln);
	return sb.p;
}

struct lcase {
	const char *in;
	size_t len;
	const char *encoding;
	int skip_blank;
	const char *want;
};

/* A last line without an ending renders with "$" after it. */
static const struct lcase cases[] = {
	{ IN(""), NULL, 0, "" },
	{ IN("abc"), NULL, 0, "1@0:abc$\n" },
	{ IN("a\nb\n"), NULL, 0, "1@0:a\\x0a\n2@2:b\\x0a\n" },
	{ IN("a\r\nb\r\n"), NULL, 0, "1@0:a\\x0d\\x0a\n2@3:b\\x0d\\x0a\n" },
	{ IN("a\rb\r"), NULL, 0, "1@0:a\\x0d\n2@2:b\\x0d\n" },
	{ IN("a\n\rb"), NULL, 0, "1@0:a\\x0a\n2@2:\\x0d\n3@3:b$\n" },
	{ IN("\r\n\r\n"), NULL, 0, "1@0:\\x0d\\x0a\n2@2:\\x0d\\x0a\n" },
	{ IN("\n\r"), NULL, 0, "1@0:\\x0a\n2@1:\\x0d\n" },
	{ IN("\r\r\n"), NULL, 0, "1@0:\\x0d\n2@1:\\x0d\\x0a\n" },
	{ IN("a\n\n\nb"), NULL, 0,
	    "1@0:a\\x0a\n2@2:\\x0a\n3@3:\\x0a\n4@4:b$\n" },
	{ IN("ab\r\ncd\ref\ngh"), NULL, 0,
	    "1@0:ab\\x0d\\x0a\n2@4:cd\\x0d\n3@7:ef\\x0a\n4@10:gh$\n" },
	{ IN("x\r"), NULL, 0, "1@0:x\\x0d\n" },
	{ IN("a\0b\nc"), NULL, 0, "1@0:a\\x00b\\x0a\n2@4:c$\n" },
	{ IN("\"a\nb\"\n"), NULL, 0, "1@0:\"a\\x0a\n2@3:b\"\\x0a\n" },
	/* Offsets count decoded bytes: no mark, UTF-8 for other encodings. */
	{ IN("\xef\xbb\xbfz\nb"), NULL, 0, "1@0:z\\x0a\n2@2:b$\n" },
	{ IN("\xff\xfez\0\r\0\n\0b\0"), NULL, 0, "1@0:z\\x0d\\x0a\n2@3:b$\n" },
	{ IN("\xfe\xff\0\r\0x"), NULL, 0, "1@0:\\x0d\n2@1:x$\n" },
	{ IN("\xe9\r\n\xe9"), "windows-1252", 0,
	    "1@0:\\xc3\\xa9\\x0d\\x0a\n2@4:\\xc3\\xa9$\n" },
	/* Blank lines: nothing but spaces and tabs before the ending. */
	{ IN("\n\na\n"), NULL, 1, "1@0:blank\n2@1:blank\n3@2:a\\x0a\n" },
	{ IN(" \t\r\n\r\nx"), NULL, 1, "1@0:blank\n2@4:blank\n3@6:x$\n" },
	{ IN("\r\r\nx\r"), NULL, 1, "1@0:blank\n2@1:blank\n3@3:x\\x0d\n" },
	{ IN("  a\n"), NULL, 1, "1@0:  a\\x0a\n" },
	{ IN("a\n   "), NULL, 1, "1@0:a\\x0a\n2@2:blank\n" },
	{ IN("\t"), NULL, 1, "1@0:blank\n" },
	{ IN(" \r"), NULL, 1, "1@0:blank\n" },
	{ IN("x\n \x0b\n"), NULL, 1, "1@0:x\\x0a\n2@2: \\x0b\\x0a\n" },
	{ IN("\xc2\xa0\n"), NULL, 1, "1@0:\\xc2\\xa0\\x0a\n" },
	{ IN("a\r\n\t\r\n b\r\n"), NULL, 1,
	    "1@0:a\\x0d\\x0a\n2@3:blank\n3@6: b\\x0d\\x0a\n" },
	{ IN("\xff\xfe \0\r\0\n\0x\0"), NULL, 1, "1@0:blank\n2@3:x$\n" },
};

static void
test_cases(void **state)
{
	unsigned long cuts;
	size_t i, k;
	char *got;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		for (k = 0; k < NELEM(read_sizes); k++) {
			got = render(cases[i].in, cases[i].len,
			    cases[i].encoding, read_sizes[k],
			    cases[i].skip_blank, NULL, &cuts);
			if (strcmp(got, cases[i].want) != 0)
				print_message("case %zu, read size %zu\n", i,
				    read_sizes[k]);
			assert_string_equal(got, cases[i].want);
			/* All in one buffer: each line is one segment. */
			if (read_sizes[k] == 0)
				assert_int_equal(cuts, 0);
			free(got);
		}
	}
}

/*
 * Lines of n bytes c then an ending, then "z": with n at the edges of
 * LINES_LOOKAHEAD, a line of spaces stops being blank and a delimiter
 * stops counting, and lines longer than the buffer come through whole.
 */
static void
test_long_lines(void **state)
{
	static const struct {
		char c;
		size_t n;
		const char *end;
		int skip_blank;
		int blank;
		int delim;
	} big[] = {
		{ ' ', LINES_LOOKAHEAD - 1, "\n", 1, 1, ',' },
		{ ' ', LINES_LOOKAHEAD - 1, "\r\n", 1, 1, ',' },
		{ '\t', LINES_LOOKAHEAD - 1, "\r", 1, 1, '\t' },
		{ ' ', LINES_LOOKAHEAD, "\n", 1, 0, ',' },
		{ ' ', LINES_LOOKAHEAD + 1, "\n", 1, 0, ',' },
		{ 'x', 3 * DECODE_BUFSIZE, "\r\n", 0, 0, ',' },
		{ 'x', DECODE_BUFSIZE - 1, "\r\n", 0, 0, ',' },
		/* A ';' at the look's last byte counts, one byte later not. */
		{ 'a', LINES_LOOKAHEAD - 1, ";b\n", 0, 0, ';' },
		{ 'a', LINES_LOOKAHEAD, ";b\n", 0, 0, ',' },
	};
	struct sbuf in = { NULL, 0, 0 }, want = { NULL, 0, 0 };
	char tmp[64], *got;
	unsigned long cuts;
	size_t i, k;
	int delim;

	(void)state;
	for (i = 0; i < NELEM(big); i++) {
		in.len = 0;
		for (k = 0; k < big[i].n; k++)
			sb_add(&in, &big[i].c, 1);
		sb_str(&in, big[i].end);
		sb_str(&in, "z");
		want.len = 0;
		if (big[i].blank)
			sb_str(&want, "1@0:blank\n");
		else {
			sb_str(&want, "1@0:");
			sb_shown(&want, in.p, big[i].n + strlen(big[i].end));
			sb_str(&want, "\n");
		}
		(void)snprintf(tmp, sizeof(tmp), "2@%zu:z$\n",
		    big[i].n + strlen(big[i].end));
		sb_str(&want, tmp);
		for (k = 0; k < NELEM(read_sizes); k++) {
			if (read_sizes[k] == 1 && big[i].n > DECODE_BUFSIZE)
				continue; /* slow, and read size 2 cuts as well */
			got = render(in.p, in.len, NULL, read_sizes[k],
			    big[i].skip_blank, &delim, &cuts);
			if (strcmp(got, want.p) != 0 || delim != big[i].delim)
				print_message("case %zu, read size %zu\n", i,
				    read_sizes[k]);
			assert_true(strcmp(got, want.p) == 0);
			assert_int_equal(delim, big[i].delim);
			free(got);
		}
	}
	free(in.p);
	free(want.p);
}

static void
test_delimiter(void **state)
{
	static const struct {
		const char *in;
		size_t len;
		const char *encoding;
		int want;
	} dcases[] = {
		{ IN("a,b\n"), NULL, ',' },
		{ IN("a;b\n"), NULL, ';' },
		{ IN("a\tb\n"), NULL, '\t' },
		{ IN("ab\n"), NULL, ',' },
		{ IN(""), NULL, ',' },
		{ IN("\n;"), NULL, ',' },
		{ IN("a;b\tc,d"), NULL, ',' },
		{ IN("a\tb;c"), NULL, ';' },
		{ IN("a\tb"), NULL, '\t' },
		/* Only the first line counts, whatever ends it. */
		{ IN("a;b\nc,d"), NULL, ';' },
		{ IN("a;b\rc,d"), NULL, ';' },
		{ IN("a\tb\r\nc;d"), NULL, '\t' },
		/* Delimiters inside quotes do not count. */
		{ IN("\"a,b\";c\n"), NULL, ';' },
		{ IN("\"a;b\"\tc\n"), NULL, '\t' },
		{ IN("\"a,b;c\td\"\n"), NULL, ',' },
		{ IN("\"x\"\"y,z\";q\n"), NULL, ';' },
		{ IN("\"a,b\",c\n"), NULL, ',' },
		{ IN("a;\"b,c\""), NULL, ';' },
		/* A quoted line break ends the look all the same. */
		{ IN("\"a;\nb\"\tc\n"), NULL, ',' },
		{ IN("\xef\xbb\xbfz;b\n"), NULL, ';' },
		{ IN("\xff\xfez\0\t\0b\0"), NULL, '\t' },
		{ IN("caf\xe9;x"), "windows-1252", ';' },
	};
	char *with, *without;
	unsigned long cuts;
	size_t i, k;
	int got;

	(void)state;
	for (i = 0; i < NELEM(dcases); i++) {
		for (k = 0; k < NELEM(read_sizes); k++) {
			got = 0;
			with = render(dcases[i].in, dcases[i].len,
			    dcases[i].encoding, read_sizes[k], 0, &got, &cuts);
			if (got != dcases[i].want)
				print_message("case %zu, read size %zu\n", i,
				    read_sizes[k]);
			assert_int_equal(got, dcases[i].want);
			/* Nothing consumed: the lines are all there. */
			without = render(dcases[i].in, dcases[i].len,
			    dcases[i].encoding, read_sizes[k], 0, NULL, &cuts);
			assert_string_equal(with, without);
			free(with);
			free(without);
		}
	}
}

/*
 * A read that fails after two lines: lines_more() says so, at the line
 * it has reached.  The failing read is a descriptor open only for
 * writing, swapped in for the input's.
 */
static void
test_read_error(void **state)
{
	struct input src;
	struct error err;
	struct lines *ln = malloc(sizeof(*ln));
	size_t seg;
	int term, fd;

	(void)state;
	assert_non_null(ln);
	fd = open("/dev/null", O_WRONLY);
	assert_true(fd >= 0);
	input_open_mem(&src, "a\nb\nc\n", 6, "r.csv", 4);
	assert_int_equal(lines_init(ln, &src, NULL, &err), 0);
	assert_int_equal(lines_more(ln, &err), 1);
	while (ln->dec.pos < ln->dec.end) {
		seg = lines_segment(ln, &term);
		lines_consume(ln, seg, term);
	}
	assert_int_equal(ln->line, 3);
	src.fd = fd;
	memset(&err, 0, sizeof(err));
	assert_int_equal(lines_more(ln, &err), -1);
	assert_string_equal(err.file, "r.csv");
	assert_int_equal(err.line, 3);
	assert_string_equal(err.msg, "cannot read: bad file descriptor");
	lines_release(ln);
	(void)close(fd);
	free(ln);
}

/* An encoding iconv does not know: refused, as decode_init() does. */
static void
test_unknown_encoding(void **state)
{
	struct input src;
	struct error err;
	struct lines *ln = malloc(sizeof(*ln));

	(void)state;
	assert_non_null(ln);
	input_open_mem(&src, "a\n", 2, "u.csv", 0);
	assert_int_equal(lines_init(ln, &src, "klingon", &err), -1);
	assert_string_equal(err.file, "u.csv");
	assert_string_equal(err.msg, "unknown encoding \"klingon\"");
	lines_release(ln);
	free(ln);
}

/* Reads bytes into ln from a memory input at read size rs. */
static struct lines *
open_lines(struct input *src, const char *in, size_t len, size_t rs)
{
	struct lines *ln = malloc(sizeof(*ln));
	struct error err;

	assert_non_null(ln);
	input_open_mem(src, in, len, "mem", rs);
	assert_int_equal(lines_init(ln, src, NULL, &err), 0);
	assert_int_equal(lines_more(ln, &err), 1);
	return ln;
}

/*
 * Blank or not, by the delimiter: spaces and tabs are blank unless they
 * are the delimiter; a line of delimiters is a record of empty cells.
 */
static void
test_blank_delimiter(void **state)
{
	static const struct {
		const char *in;
		int delim;
		int blank;
	} blanks[] = {
		{ "\t\t\t\n", ',', 1 },
		{ "\t\t\t\n", '\t', 0 },
		{ " \t\n", '\t', 0 },
		{ "   \n", '\t', 1 },
		{ " \t \n", ';', 1 },
		{ ",,,\n", ',', 0 },
		{ ";;\r\n", ';', 0 },
		{ "\n", '\t', 1 },
		{ " \n", ' ', 0 },
		{ "\t\n", 0, 1 },
	};
	struct input src;
	struct error err;
	struct lines *ln;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(blanks); i++) {
		ln = open_lines(&src, blanks[i].in, strlen(blanks[i].in), 0);
		assert_int_equal(lines_skip_blank(ln, blanks[i].delim, &err),
		    blanks[i].blank);
		assert_int_equal(ln->line, blanks[i].blank ? 2 : 1);
		lines_release(ln);
		free(ln);
	}
}

/* A header line with NUL bytes: UTF-16 read as bytes, and which order. */
static void
test_utf16_hint(void **state)
{
	static const struct {
		const char *in;
		size_t len;
		int hint;
	} hints[] = {
		{ IN("a\0,\0b\0\n\0"), 'l' },
		{ IN("\0a\0,\0b\0\n"), 'b' },
		{ IN("i\0d\0,\0n\0a\0m\0e\0\r\0\n\0"), 'l' },
		{ IN("a,b\n"), 0 },
		{ IN("a,b\nc\0d\n"), 0 },
		/* A stray NUL or random bytes are not UTF-16. */
		{ IN("name\0,id\n"), 0 },
		{ IN("\x93\0\xfa\x11\0\x07\x80\x01\0\0\x12\x34\n"), 0 },
	};
	struct input src;
	struct lines *ln;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(hints); i++) {
		ln = open_lines(&src, hints[i].in, hints[i].len, 0);
		assert_int_equal(lines_utf16_hint(ln), hints[i].hint);
		lines_release(ln);
		free(ln);
	}
}

/*
 * Skipping the rest of a field by its quotes, from a state: what is
 * left after it, what ended it, and the line reached.  At every read
 * size, as the CSV source calls it (lines_more() on LINES_MORE).
 */
static void
test_skip_field(void **state)
{
	static const struct {
		const char *in;
		int quoted, quote_seen;
		enum lines_end end;
		const char *rest;
		unsigned long line;
	} skips[] = {
		{ "abc,def\n", 0, 0, LINES_FIELD_END, "def\n", 1 },
		{ "abc\ndef\n", 0, 0, LINES_RECORD_END, "def\n", 2 },
		{ "abc\r\ndef", 0, 0, LINES_RECORD_END, "def", 2 },
		{ "a,b\"c\n", 0, 0, LINES_FIELD_END, "b\"c\n", 1 },
		{ "x,\ny\"\n", 1, 0, LINES_RECORD_END, "", 3 },
		{ "x,\ny\",z\n", 1, 0, LINES_FIELD_END, "z\n", 2 },
		{ "\"\",\"\n1\n", 1, 0, LINES_RECORD_END, "1\n", 2 },
		{ ",z\n", 1, 1, LINES_FIELD_END, "z\n", 1 },
		{ "\n2\n", 1, 1, LINES_RECORD_END, "2\n", 2 },
		/* A doubled quote: still inside, the comma too. */
		{ "\"a,b\"\nc\n", 1, 1, LINES_RECORD_END, "c\n", 2 },
		{ "tail,c\n", 1, 1, LINES_FIELD_END, "c\n", 1 },
		{ "no end", 1, 0, LINES_MORE, "", 1 },
		{ "no end\r\nstill", 1, 0, LINES_MORE, "", 2 },
	};
	static const size_t sizes[] = { 1, 2, 3, 0 };
	struct lines_field st;
	struct input src;
	struct error err;
	struct lines *ln;
	enum lines_end e;
	size_t i, k;
	int rc;

	(void)state;
	for (i = 0; i < NELEM(skips); i++) {
		for (k = 0; k < NELEM(sizes); k++) {
			ln = open_lines(
			    &src, skips[i].in, strlen(skips[i].in), sizes[k]);
			st.at_start = 0;
			st.quoted = skips[i].quoted;
			st.quote_seen = skips[i].quote_seen;
			do {
				e = lines_skip_field(ln, ',', &st);
				rc = e == LINES_MORE ? lines_more(ln, &err) : 0;
			} while (rc > 0);
			if (e != skips[i].end)
				print_message(
				    "case %zu, read size %zu\n", i, sizes[k]);
			assert_int_equal(e, skips[i].end);
			if (ln->line != skips[i].line)
				print_message("case %zu size %zu line %lu\n", i,
				    sizes[k], ln->line);
			assert_int_equal(ln->line, skips[i].line);
			/* What is left: the rest of the buffer and input,
			 * less the LF of a CRLF cut by a read. */
			for (;;) {
				while (ln->dec.pos == ln->dec.end &&
				    lines_more(ln, &err) > 0)
					continue;
				if (!ln->after_cr ||
				    ln->dec.pos == ln->dec.end ||
				    ln->dec.buf[ln->dec.pos] != '\n')
					break;
				ln->after_cr = 0;
				lines_consume(ln, 1, 0);
			}
			if (strlen(skips[i].rest) > 0 &&
			    (ln->dec.pos == ln->dec.end ||
			        ln->dec.buf[ln->dec.pos] != skips[i].rest[0]))
				fail_msg("case %zu, read size %zu: rest", i,
				    sizes[k]);
			lines_release(ln);
			free(ln);
		}
	}
}

/*
 * The bytes kept since lines_keep(), across refills, and cut at the
 * limit.
 */
static void
test_keep(void **state)
{
	static const size_t sizes[] = { 1, 3, 0 };
	const char *in = "head\nrecord one\nrecord two\n", *got;
	struct input src;
	struct error err;
	struct lines *ln;
	size_t k, n, seg;
	int term, cut;

	(void)state;
	for (k = 0; k < NELEM(sizes); k++) {
		ln = open_lines(&src, in, strlen(in), sizes[k]);
		/* Past the header, then keep two lines. */
		do {
			seg = lines_segment(ln, &term);
			lines_consume(ln, seg, term);
		} while (!term && lines_more(ln, &err) > 0);
		if (ln->dec.pos == ln->dec.end)
			assert_int_equal(lines_more(ln, &err), 1);
		lines_keep(ln, 1000);
		while (ln->line < 4) {
			if (ln->dec.pos == ln->dec.end)
				assert_int_equal(lines_more(ln, &err), 1);
			seg = lines_segment(ln, &term);
			lines_consume(ln, seg, term);
		}
		got = lines_kept(ln, &n, &cut);
		assert_int_equal(cut, 0);
		assert_int_equal(n, 22);
		assert_memory_equal(got, "record one\nrecord two\n", 22);
		/* At a limit of 5, only the first 5 bytes, and cut. */
		lines_release(ln);
		free(ln);
		ln = open_lines(&src, in, strlen(in), sizes[k]);
		lines_keep(ln, 5);
		while (ln->line < 3) {
			if (ln->dec.pos == ln->dec.end)
				assert_int_equal(lines_more(ln, &err), 1);
			seg = lines_segment(ln, &term);
			lines_consume(ln, seg, term);
		}
		got = lines_kept(ln, &n, &cut);
		assert_int_equal(cut, 1);
		assert_int_equal(n, 5);
		assert_memory_equal(got, "head\nr", 5);
		lines_release(ln);
		free(ln);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_long_lines),
		cmocka_unit_test(test_delimiter),
		cmocka_unit_test(test_read_error),
		cmocka_unit_test(test_unknown_encoding),
		cmocka_unit_test(test_blank_delimiter),
		cmocka_unit_test(test_utf16_hint),
		cmocka_unit_test(test_skip_field),
		cmocka_unit_test(test_keep),
	};

	return cmocka_run_group_tests_name("lines", tests, NULL, NULL);
}
