/*
 * test_reader.c - unit tests for the reader: CSV bytes in, records out.
 *
 * Every case runs through reader_open_mem() at every read size in
 * read_sizes[], so that reads cut the input everywhere (a CRLF, a byte
 * order mark, a doubled quote, a UTF-16 character), and what the reader
 * yields is rendered compactly and compared with the expected text: a
 * line "LINE@OFFSET:FIELD|FIELD" per record, then, for a bad record,
 * "ELINE:MESSAGE".  Field bytes outside printable ASCII, '|' and '\\'
 * render as \xNN; a record with no field renders as "(none)".  The
 * rendering also checks, at every record, the file name, the header flag
 * and, after the end, that the end is repeated.  Cases whose bytes are
 * better built than written (UTF-16, megabytes, 200,000 columns) are made
 * by functions in a second table run through the same loop.  Last come
 * what memory cannot show: open failures, a real file, standard input,
 * and pipes (a record is handed on without waiting for the next one; an
 * endless line ends in an error, not in exhausted memory).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "reader.h"

/* A literal's bytes and length, NUL bytes included. */
#define IN(s) s, sizeof(s) - 1

static const size_t read_sizes[] = { 1, 2, 3, 5, 64, 0 };

/* A growable byte string, always NUL-terminated. */
struct sbuf {
	char *p;
	size_t len;
	size_t cap;
};

/* Appends the n bytes at s.  Borrowed: sb and s, for the call. */
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

/* Appends the string s.  Borrowed: sb and s, for the call. */
static void
sb_str(struct sbuf *sb, const char *s)
{
	sb_add(sb, s, strlen(s));
}

/* Appends c, n times.  Borrowed: sb, for the call. */
static void
sb_rep(struct sbuf *sb, char c, size_t n)
{
	char chunk[4096];
	size_t k;

	memset(chunk, c, sizeof(chunk));
	while (n > 0) {
		k = n < sizeof(chunk) ? n : sizeof(chunk);
		sb_add(sb, chunk, k);
		n -= k;
	}
}

/* Appends a number.  Borrowed: sb, for the call. */
static void
sb_num(struct sbuf *sb, unsigned long long v)
{
	char tmp[32];

	(void)snprintf(tmp, sizeof(tmp), "%llu", v);
	sb_str(sb, tmp);
}

/* Appends one field as the rendering shows it.  Borrowed: sb and f. */
static void
render_field(struct sbuf *sb, const struct field *f)
{
	static const char hex[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < f->len; i++) {
		unsigned char c = (unsigned char)f->ptr[i];
		char esc[4] = { '\\', 'x', hex[c >> 4], hex[c & 15] };

		if (c >= 0x20 && c < 0x7f && c != '|' && c != '\\')
			sb_add(sb, &c, 1);
		else
			sb_add(sb, esc, 4);
	}
}

/*
 * Checks a record's source text by its meaning: none for a good record;
 * for a bad one, when the input's bytes are its decoded bytes (in is not
 * NULL), exactly the input's bytes from the record's offset on, and
 * then a line end or the end of the input, so that no byte is lost.
 */
static void
check_source(
    const struct record *rec, enum reader_status st, const char *in, size_t len)
{
	size_t at;

	if (st == READER_OK) {
		assert_null(rec->source);
		return;
	}
	assert_non_null(rec->source);
	if (in == NULL || rec->source_cut)
		return;
	if (len >= 3 && memcmp(in, "\xef\xbb\xbf", 3) == 0) {
		in += 3;
		len -= 3;
	}
	at = (size_t)rec->offset;
	assert_true(at + rec->source_len <= len);
	assert_memory_equal(rec->source, in + at, rec->source_len);
	at += rec->source_len;
	assert_true(at == len || in[at] == '\n' || in[at] == '\r');
}

/*
 * Reads r to its end and returns the rendering of what it yielded, to be
 * freed with free(); *delim and *bad get reader_delimiter() and
 * reader_saw_bad_utf8() at the end.  in and len are the input's bytes
 * for check_source(), or NULL.  Borrowed: r, name, delim, bad.
 */
static char *
render(struct reader *r, const char *name, int *delim, int *bad, const char *in,
    size_t len)
{
	struct sbuf sb = { NULL, 0, 0 };
	struct record rec, before;
	struct error err;
	enum reader_status st;
	unsigned long n = 0;
	size_t i;

	sb_str(&sb, "");
	for (;;) {
		memset(&err, 0, sizeof(err));
		st = reader_next(r, &rec, &err);
		if (st == READER_EOF)
			break;
		if (st == READER_FAIL) {
			sb_str(&sb, "FAIL:");
			sb_str(&sb, err.msg);
			sb_str(&sb, "\n");
			break;
		}
		assert_true(st == READER_OK || st == READER_BAD_RECORD);
		check_source(&rec, st, in, len);
		assert_ptr_equal(rec.file, name);
		assert_int_equal(rec.is_header, n == 0);
		sb_num(&sb, rec.line);
		sb_str(&sb, "@");
		sb_num(&sb, rec.offset);
		sb_str(&sb, ":");
		if (rec.nfields == 0)
			sb_str(&sb, "(none)");
		for (i = 0; i < rec.nfields; i++) {
			if (i > 0)
				sb_str(&sb, "|");
			render_field(&sb, &rec.fields[i]);
		}
		sb_str(&sb, "\n");
		if (st == READER_BAD_RECORD) {
			assert_ptr_equal(err.file, name);
			sb_str(&sb, "E");
			sb_num(&sb, err.line);
			sb_str(&sb, ":");
			sb_str(&sb, err.msg);
			sb_str(&sb, "\n");
		}
		n++;
	}
	if (st == READER_EOF) {
		/* After the end, the end again, and rec untouched. */
		memset(&rec, 0x5a, sizeof(rec));
		memcpy(&before, &rec, sizeof(rec));
		assert_int_equal(reader_next(r, &rec, &err), READER_EOF);
		assert_int_equal(reader_next(r, &rec, &err), READER_EOF);
		assert_memory_equal(&rec, &before, sizeof(rec));
	}
	*delim = reader_delimiter(r);
	*bad = reader_saw_bad_utf8(r);
	return sb.p;
}

struct input {
	const char *what;
	const char *in;
	size_t len;
	int delimiter;
	size_t max;
	const char *encoding;
	const char *want;
	/* The delimiter reader_delimiter() reports; 0: not checked. */
	int want_delim;
	int want_bad_utf8;
};

/* Runs one case at every read size.  Borrowed: c, for the call. */
static void
check(const struct input *c)
{
	static const char name[] = "t.csv";
	struct reader_options opt;
	struct reader *r;
	struct error err;
	size_t k;
	char *got;
	int delim, bad, plain;

	for (k = 0; k < sizeof(read_sizes) / sizeof(read_sizes[0]); k++) {
		memset(&opt, 0, sizeof(opt));
		opt.csv.delimiter = c->delimiter;
		opt.max_field_size = c->max;
		opt.csv.encoding = c->encoding;
		opt.read_size = read_sizes[k];
		r = reader_open_mem(c->in, c->len, name, &opt, &err);
		if (r == NULL)
			print_message("%s: %s\n", c->what, err.msg);
		assert_non_null(r);
		/* Offsets count UTF-8 bytes: only such input is compared. */
		plain = c->encoding == NULL &&
		    (c->len == 0 ||
		        ((unsigned char)c->in[0] != 0xff &&
		            (unsigned char)c->in[0] != 0xfe &&
		            c->in[0] != '\0'));
		got =
		    render(r, name, &delim, &bad, plain ? c->in : NULL, c->len);
		reader_free(r);
		if (strcmp(got, c->want) != 0 ||
		    (c->want_delim != 0 && delim != c->want_delim) ||
		    bad != c->want_bad_utf8)
			print_message("case \"%s\", read size %zu\n", c->what,
			    read_sizes[k]);
		if (strlen(c->want) < 4096)
			assert_string_equal(got, c->want);
		else
			assert_true(strcmp(got, c->want) == 0);
		if (c->want_delim != 0)
			assert_int_equal(delim, c->want_delim);
		assert_int_equal(bad, c->want_bad_utf8);
		free(got);
	}
}

static const struct input cases[] = {
	/* Quoting, as RFC 4180 has it. */
	{ "simple", IN("a,b,c\n1,2,3\n"), 0, 0, NULL, "1@0:a|b|c\n2@6:1|2|3\n",
	    ',', 0 },
	{ "quoted, doubled quotes", IN("a,b\n\"x,y\",\"he said \"\"hi\"\"\"\n"),
	    0, 0, NULL, "1@0:a|b\n2@4:x,y|he said \"hi\"\n", 0, 0 },
	{ "empty quoted fields", IN("a,b\n\"\",\"\"\n"), 0, 0, NULL,
	    "1@0:a|b\n2@4:|\n", 0, 0 },
	{ "newline in quotes", IN("a,b\n\"l1\nl2\",x\nc,d\n"), 0, 0, NULL,
	    "1@0:a|b\n2@4:l1\\x0al2|x\n4@14:c|d\n", 0, 0 },
	{ "whitespace lines in quotes kept", IN("a\n\"x\n  \n\ny\"\n"), 0, 0,
	    NULL, "1@0:a\n2@2:x\\x0a  \\x0a\\x0ay\n", 0, 0 },
	/* Line endings. */
	{ "crlf", IN("a,b\r\nc,d\r\n"), 0, 0, NULL, "1@0:a|b\n2@5:c|d\n", 0,
	    0 },
	{ "cr", IN("a,b\rc,d\r"), 0, 0, NULL, "1@0:a|b\n2@4:c|d\n", 0, 0 },
	{ "mixed endings", IN("a,b\r\nc,d\re,f\ng,h"), 0, 0, NULL,
	    "1@0:a|b\n2@5:c|d\n3@9:e|f\n4@13:g|h\n", 0, 0 },
	{ "crlf in quotes", IN("a\r\n\"x\r\ny\"\r\nz\r\n"), 0, 0, NULL,
	    "1@0:a\n2@3:x\\x0d\\x0ay\n4@11:z\n", 0, 0 },
	{ "cr in quotes", IN("a\n\"x\ry\"\nb\n"), 0, 0, NULL,
	    "1@0:a\n2@2:x\\x0dy\n4@8:b\n", 0, 0 },
	{ "cr, then crlf", IN("a\r\r\nb\n"), 0, 0, NULL, "1@0:a\n3@4:b\n", 0,
	    0 },
	{ "lf, then cr", IN("a\n\rb\n"), 0, 0, NULL, "1@0:a\n3@3:b\n", 0, 0 },
	/* Blank lines. */
	{ "blank lines", IN("a,b\n\n  \n\t\nc,d\n\r\n \r\ne,f\n"), 0, 0, NULL,
	    "1@0:a|b\n5@10:c|d\n8@19:e|f\n", 0, 0 },
	{ "leading blank lines", IN("\n \r\na,b\n"), 0, 0, NULL, "3@4:a|b\n", 0,
	    0 },
	{ "blank lines only", IN("\n \n\t\r\n"), 0, 0, NULL, "", 0, 0 },
	{ "whitespace last line", IN("a\n   "), 0, 0, NULL, "1@0:a\n", 0, 0 },
	/* Field bytes as they came. */
	{ "spaces kept", IN("a,b\n  a  , b \n"), 0, 0, NULL,
	    "1@0:a|b\n2@4:  a  | b \n", 0, 0 },
	{ "tabs kept", IN("a,b\n\tx,y\t\n"), 0, 0, NULL,
	    "1@0:a|b\n2@4:\\x09x|y\\x09\n", 0, 0 },
	{ "nul bytes", IN("a,b\nx\0y,\0\n"), 0, 0, NULL,
	    "1@0:a|b\n2@4:x\\x00y|\\x00\n", 0, 0 },
	{ "empty fields", IN("a,b,c\n,,\n"), 0, 0, NULL, "1@0:a|b|c\n2@6:||\n",
	    0, 0 },
	{ "trailing empty field", IN("a,b,\n1,2,\n"), 0, 0, NULL,
	    "1@0:a|b|\n2@5:1|2|\n", 0, 0 },
	{ "pipe and backslash", IN("a,b\nx|y,\\\n"), 0, 0, NULL,
	    "1@0:a|b\n2@4:x\\x7cy|\\x5c\n", 0, 0 },
	/* The end of the input. */
	{ "no final newline", IN("a,b\n1,2"), 0, 0, NULL, "1@0:a|b\n2@4:1|2\n",
	    0, 0 },
	{ "quoted field at the end", IN("a\n\"x\""), 0, 0, NULL,
	    "1@0:a\n2@2:x\n", 0, 0 },
	{ "empty last field at the end", IN("a,b\n1,"), 0, 0, NULL,
	    "1@0:a|b\n2@4:1|\n", 0, 0 },
	{ "empty file", IN(""), 0, 0, NULL, "", ',', 0 },
	{ "header only", IN("a,b,c\n"), 0, 0, NULL, "1@0:a|b|c\n", 0, 0 },
	/* Byte order marks. */
	{ "utf-8 bom",
	    IN("\xef\xbb\xbf"
	       "a,b\n1,2\n"),
	    0, 0, NULL, "1@0:a|b\n2@4:1|2\n", 0, 0 },
	{ "bom only", IN("\xef\xbb\xbf"), 0, 0, NULL, "", 0, 0 },
	{ "half a bom", IN("\xef\xbb"), 0, 0, NULL, "1@0:\\xef\\xbb\n", 0, 1 },
	{ "bom, then a blank line", IN("\xef\xbb\xbf\r\na;b\n"), 0, 0, NULL,
	    "2@2:a|b\n", ';', 0 },
	/* Quoting errors: the record as read, then reading goes on. */
	{ "unterminated", IN("a,b\n1,2\n\"x,y\n"), 0, 0, NULL,
	    "1@0:a|b\n2@4:1|2\n3@8:(none)\nE3:unterminated quoted field\n", 0,
	    0 },
	{ "unterminated, on its own line", IN("a,b\n\"p\nq\",\"r\ns"), 0, 0,
	    NULL, "1@0:a|b\n2@4:p\\x0aq\nE3:unterminated quoted field\n", 0,
	    0 },
	{ "stray quote", IN("a,b\nx,ab\"c\n1,2\n"), 0, 0, NULL,
	    "1@0:a|b\n2@4:x\nE2:stray quote in unquoted field\n3@11:1|2\n", 0,
	    0 },
	{ "quote after a space", IN("a\n \"x\"\nb\n"), 0, 0, NULL,
	    "1@0:a\n2@2:(none)\nE2:stray quote in unquoted field\n3@7:b\n", 0,
	    0 },
	{ "text after closing quote", IN("a,b\n\"ab\"c,d\n1,2\n"), 0, 0, NULL,
	    "1@0:a|b\n2@4:(none)\nE2:text after closing quote\n3@12:1|2\n", 0,
	    0 },
	{ "space after closing quote", IN("a,b\n\"ab\" ,x\n"), 0, 0, NULL,
	    "1@0:a|b\n2@4:(none)\nE2:text after closing quote\n", 0, 0 },
	{ "error on a record's second line", IN("a,b\n\"x\ny\"z,1\n3,4\n"), 0,
	    0, NULL,
	    "1@0:a|b\n2@4:(none)\nE3:text after closing quote\n4@13:3|4\n", 0,
	    0 },
	{ "error, then crlf", IN("a,b\r\nx\"y,1\r\n2,3\r\n"), 0, 0, NULL,
	    "1@0:a|b\n2@5:(none)\nE2:stray quote in unquoted field\n"
	    "3@12:2|3\n",
	    0, 0 },
	{ "error in the header", IN("a,\"b\"c\n1,2\n"), 0, 0, NULL,
	    "1@0:a\nE1:text after closing quote\n2@7:1|2\n"
	    "E2:record has 2 fields, header has 1\n",
	    0, 0 },
	/* Field counts. */
	{ "field counts", IN("a,b,c\n1,2\n1,2,3,4\n5,6,7\nx\n"), 0, 0, NULL,
	    "1@0:a|b|c\n2@6:1|2\nE2:record has 2 fields, header has 3\n"
	    "3@10:1|2|3|4\nE3:record has 4 fields, header has 3\n"
	    "4@18:5|6|7\n5@24:x\nE5:record has 1 field, header has 3\n",
	    0, 0 },
	/* Limits: max 16 bytes a field, so 64 a record with its index. */
	{ "field of exactly max",
	    IN("h1,h2\n1234567890123456,x\n12345678901234567,y\nz,w\n"), 0, 16,
	    NULL,
	    "1@0:h1|h2\n2@6:1234567890123456|x\n3@25:(none)\n"
	    "E3:field longer than 16 bytes\n4@45:z|w\n",
	    0, 0 },
	{ "field too long, mid line",
	    IN("h,i\nabcdefghijklmnopqrstuvwxyz,b\nc,d\n"), 0, 16, NULL,
	    "1@0:h|i\n2@4:(none)\nE2:field longer than 16 bytes\n3@33:c|d\n", 0,
	    0 },
	{ "last field too long", IN("h,i\nab,abcdefghijklmnopq\nc,d\n"), 0, 16,
	    NULL, "1@0:h|i\n2@4:ab\nE2:field longer than 16 bytes\n3@25:c|d\n",
	    0, 0 },
	/*
	 * A field over the limit makes its whole record one ERROR, read to
	 * its end by its quotes, at the line the field starts on.
	 */
	{ "long quoted field with a line break and a delimiter",
	    IN("a,b\n\"0123456789ABCDEFG,\nx\",1\nc,d\n"), 0, 16, NULL,
	    "1@0:a|b\n2@4:(none)\nE2:field longer than 16 bytes\n"
	    "4@29:c|d\n",
	    0, 0 },
	{ "long field, then a quoted one with a line break",
	    IN("a,b\n0123456789ABCDEFGH,\"x\ny\"\nc,d\n"), 0, 16, NULL,
	    "1@0:a|b\n2@4:(none)\nE2:field longer than 16 bytes\n"
	    "4@29:c|d\n",
	    0, 0 },
	{ "small max limits fields, not records",
	    IN("h,i,j\naaaaaaaa,bbbbbbbb,cccccccc\n"), 0, 8, NULL,
	    "1@0:h|i|j\n2@6:aaaaaaaa|bbbbbbbb|cccccccc\n", 0, 0 },
	/* Delimiters. */
	{ "detect semicolon", IN("a;b;c\n1;2;3\n"), 0, 0, NULL,
	    "1@0:a|b|c\n2@6:1|2|3\n", ';', 0 },
	{ "detect tab", IN("a\tb\n1\t2\n"), 0, 0, NULL, "1@0:a|b\n2@4:1|2\n",
	    '\t', 0 },
	{ "comma in quotes only", IN("\"x,y\";z\n1;2\n"), 0, 0, NULL,
	    "1@0:x,y|z\n2@8:1|2\n", ';', 0 },
	{ "comma wins", IN("a,b;c\n1,2;3\n"), 0, 0, NULL,
	    "1@0:a|b;c\n2@6:1|2;3\n", ',', 0 },
	{ "semicolon wins over tab", IN("a;b\tc\n"), 0, 0, NULL,
	    "1@0:a|b\\x09c\n", ';', 0 },
	{ "nothing to detect", IN("abc\n1\n"), 0, 0, NULL, "1@0:abc\n2@4:1\n",
	    ',', 0 },
	{ "detect after blank lines", IN("\n \na;b\n1;2\n"), 0, 0, NULL,
	    "3@3:a|b\n4@7:1|2\n", ';', 0 },
	{ "detect, crlf", IN("a;b\r\n1;2\r\n"), 0, 0, NULL,
	    "1@0:a|b\n2@5:1|2\n", ';', 0 },
	{ "explicit pipe", IN("a|b\n1,2|3\n"), '|', 0, NULL,
	    "1@0:a|b\n2@4:1,2|3\n", '|', 0 },
	{ "explicit semicolon", IN("a,b;c\n"), ';', 0, NULL, "1@0:a,b|c\n", ';',
	    0 },
	/* Encodings. */
	{ "windows-1252", IN("name\ncaf\xe9\n\x80\n"), 0, 0, "windows-1252",
	    "1@0:name\n2@5:caf\\xc3\\xa9\n3@11:\\xe2\\x82\\xac\n", 0, 0 },
	{ "windows-1252, undefined byte", IN("a\n\x81x\n"), 0, 0,
	    "windows-1252", "1@0:a\n2@2:\\xef\\xbf\\xbdx\n", 0, 0 },
	{ "latin1", IN("a\n\xe9\n"), 0, 0, "latin1", "1@0:a\n2@2:\\xc3\\xa9\n",
	    0, 0 },
	{ "named utf-8", IN("a\n\xc3\xa9\n"), 0, 0, "UTF-8",
	    "1@0:a\n2@2:\\xc3\\xa9\n", 0, 0 },
	{ "named utf8, bad byte kept", IN("a\n\xe9\n"), 0, 0, "utf8",
	    "1@0:a\n2@2:\\xe9\n", 0, 1 },
	{ "utf-8 bom beats the encoding",
	    IN("\xef\xbb\xbf"
	       "a\n\xc3\xa9\n"),
	    0, 0, "windows-1252", "1@0:a\n2@2:\\xc3\\xa9\n", 0, 0 },
	{ "latin1, error line", IN("a\n\xe9\"x\n"), 0, 0, "latin1",
	    "1@0:a\n2@2:(none)\nE2:stray quote in unquoted field\n", 0, 0 },
	/* Invalid UTF-8, noticed. */
	{ "valid utf-8", IN("a,b\n\xc3\xa9,\xf0\x9f\x98\x80\n"), 0, 0, NULL,
	    "1@0:a|b\n2@4:\\xc3\\xa9|\\xf0\\x9f\\x98\\x80\n", 0, 0 },
	{ "latin1 byte", IN("a\n\xe9\n"), 0, 0, NULL, "1@0:a\n2@2:\\xe9\n", 0,
	    1 },
	{ "overlong", IN("a\n\xc0\xaf\n"), 0, 0, NULL,
	    "1@0:a\n2@2:\\xc0\\xaf\n", 0, 1 },
	{ "overlong, 3 bytes", IN("a\n\xe0\x80\xaf\n"), 0, 0, NULL,
	    "1@0:a\n2@2:\\xe0\\x80\\xaf\n", 0, 1 },
	{ "surrogate", IN("a\n\xed\xa0\x80\n"), 0, 0, NULL,
	    "1@0:a\n2@2:\\xed\\xa0\\x80\n", 0, 1 },
	{ "beyond U+10FFFF", IN("a\n\xf4\x90\x80\x80\n"), 0, 0, NULL,
	    "1@0:a\n2@2:\\xf4\\x90\\x80\\x80\n", 0, 1 },
	{ "truncated", IN("a\n\xe2\x82\n"), 0, 0, NULL,
	    "1@0:a\n2@2:\\xe2\\x82\n", 0, 1 },
	{ "sequence cut by a delimiter", IN("a,b\n\xc3,\xa9\n"), 0, 0, NULL,
	    "1@0:a|b\n2@4:\\xc3|\\xa9\n", 0, 1 },
	{ "bad byte after 8 ascii", IN("a\nabcdefghij\xff\n"), 0, 0, NULL,
	    "1@0:a\n2@2:abcdefghij\\xff\n", 0, 1 },
	{ "bad byte in a bad record", IN("a,b\n\xff,x\"\n"), 0, 0, NULL,
	    "1@0:a|b\n2@4:\\xff\nE2:stray quote in unquoted field\n", 0, 1 },
	/*
	 * A whole unquoted line is read as views of the buffer (at the
	 * largest read size), a quoted one or one cut by a read is copied:
	 * both ways give the same fields, offsets and UTF-8 verdict.
	 */
	{ "views, then a copy, then views", IN("a,b\nx,\"y\"\"\"\nz,\n,w\n"), 0,
	    0, NULL, "1@0:a|b\n2@4:x|y\"\n3@12:z|\n4@15:|w\n", 0, 0 },
	{ "views, crlf and cr", IN("a,b\r\n1,2\r3,4\r\n"), 0, 0, NULL,
	    "1@0:a|b\n2@5:1|2\n3@9:3|4\n", 0, 0 },
	{ "views, sequence at a line's end", IN("a,b\nx,\xc3\xa9\r\n"), 0, 0,
	    NULL, "1@0:a|b\n2@4:x|\\xc3\\xa9\n", 0, 0 },
	{ "views, sequence cut by the line's end", IN("a\n\xc3\n\xa9\n"), 0, 0,
	    NULL, "1@0:a\n2@2:\\xc3\n3@4:\\xa9\n", 0, 1 },
	{ "views, valid then invalid after ascii",
	    IN("a,b\n\xc3\xa9,0123456789\xc3\n"), 0, 0, NULL,
	    "1@0:a|b\n2@4:\\xc3\\xa9|0123456789\\xc3\n", 0, 1 },
	{ "views, valid sequence after ascii words",
	    IN("a,b\n0123456789abcdef\xc3\xa9,x\n0123456789\xc3\xa9,\"y\"\n"),
	    0, 0, NULL,
	    "1@0:a|b\n2@4:0123456789abcdef\\xc3\\xa9|x\n"
	    "3@25:0123456789\\xc3\\xa9|y\n",
	    0, 0 },
	{ "copied quoted field, bad byte", IN("a,b\n\"\xc3\",x\n"), 0, 0, NULL,
	    "1@0:a|b\n2@4:\\xc3|x\n", 0, 1 },
	{ "line longer than the field limit, fields not", IN("a,b\nxy,z\n"), 0,
	    3, NULL, "1@0:a|b\n2@4:xy|z\n", 0, 0 },
	{ "field over the limit in a short line", IN("a,b\nxyzw,z\n"), 0, 3,
	    NULL, "1@0:a|b\n2@4:(none)\nE2:field longer than 3 bytes\n", 0, 0 },
	/* Runs of plain lines, which the reader may read several at once. */
	{ "run with blank lines and a leading space",
	    IN("a,b\n1,2\n3,4\n\n5,6\n  \n7,8\n 9,x\n\t\n10,11\n"), 0, 0, NULL,
	    "1@0:a|b\n2@4:1|2\n3@8:3|4\n5@13:5|6\n7@20:7|8\n8@24: 9|x\n"
	    "10@31:10|11\n",
	    0, 0 },
	{ "run with wrong field counts", IN("a,b\n1,2\n3\n4,5\n6,7,8\n9,10\n"),
	    0, 0, NULL,
	    "1@0:a|b\n2@4:1|2\n3@8:3\nE3:record has 1 field, header has 2\n"
	    "4@10:4|5\n5@14:6|7|8\nE5:record has 3 fields, header has 2\n"
	    "6@20:9|10\n",
	    0, 0 },
	{ "run with a bad byte", IN("a\nx\ny\xff\nz\n"), 0, 0, NULL,
	    "1@0:a\n2@2:x\n3@4:y\\xff\n4@7:z\n", 0, 1 },
	{ "run cut by crlf and cr", IN("a\nb\nc\r\nd\ne\rf\ng\n"), 0, 0, NULL,
	    "1@0:a\n2@2:b\n3@4:c\n4@7:d\n5@9:e\n6@11:f\n7@13:g\n", 0, 0 },
	{ "run of empty fields and blank lines", IN("a,b\n1,2\n,\n\n\n,\n"), 0,
	    0, NULL, "1@0:a|b\n2@4:1|2\n3@8:|\n6@12:|\n", 0, 0 },
	{ "run cut by a quote", IN("a,b\n1,2\n\"3\",4\n5,6\n7,8\n"), 0, 0, NULL,
	    "1@0:a|b\n2@4:1|2\n3@8:3|4\n4@14:5|6\n5@18:7|8\n", 0, 0 },
	{ "run, semicolons", IN("a;b\n1;2\n3,4;5\n"), 0, 0, NULL,
	    "1@0:a|b\n2@4:1|2\n3@8:3,4|5\n", ';', 0 },
};

static void
test_cases(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		check(&cases[i]);
}

/*
 * Appends s (UTF-8) to sb as UTF-16, little-endian when le is set.
 * Borrowed: sb and s, for the call.
 */
static void
put_utf16(struct sbuf *sb, const char *s, int le)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned long cp;
	unsigned char u[4];
	int k, extra;

	while (*p != '\0') {
		extra = *p >= 0xf0 ? 3 : *p >= 0xe0 ? 2 : *p >= 0xc0 ? 1 : 0;
		cp = extra == 0 ? *p : *p & (0x3f >> extra);
		for (k = 1; k <= extra; k++)
			cp = (cp << 6) | (p[k] & 0x3f);
		p += extra + 1;
		if (cp >= 0x10000) {
			unsigned long hi = 0xd800 + ((cp - 0x10000) >> 10);
			unsigned long lo = 0xdc00 + ((cp - 0x10000) & 0x3ff);

			u[le ? 1 : 0] = (unsigned char)(hi >> 8);
			u[le ? 0 : 1] = (unsigned char)(hi & 0xff);
			u[le ? 3 : 2] = (unsigned char)(lo >> 8);
			u[le ? 2 : 3] = (unsigned char)(lo & 0xff);
			sb_add(sb, u, 4);
		} else {
			u[le ? 1 : 0] = (unsigned char)(cp >> 8);
			u[le ? 0 : 1] = (unsigned char)(cp & 0xff);
			sb_add(sb, u, 2);
		}
	}
}

static const char utf16_text[] = "name,city\r\nJos\xc3\xa9,Z\xc3\xbcrich\n"
                                 "\xf0\x9f\x98\x80,x\n";
static const char utf16_want[] =
    "1@0:name|city\n2@11:Jos\\xc3\\xa9|Z\\xc3\\xbcrich\n"
    "3@25:\\xf0\\x9f\\x98\\x80|x\n";

static void
make_utf16le(struct sbuf *in, struct sbuf *want)
{
	sb_add(in, "\xff\xfe", 2);
	put_utf16(in, utf16_text, 1);
	sb_str(want, utf16_want);
}

static void
make_utf16be(struct sbuf *in, struct sbuf *want)
{
	sb_add(in, "\xfe\xff", 2);
	put_utf16(in, utf16_text, 0);
	sb_str(want, utf16_want);
}

/* A lone surrogate, then a byte short of a code unit at the end. */
static void
make_utf16_broken(struct sbuf *in, struct sbuf *want)
{
	sb_add(in, "\xff\xfe", 2);
	put_utf16(in, "a\n", 1);
	sb_add(in, "\x00\xd8", 2);
	put_utf16(in, "b\n", 1);
	sb_add(in, "c", 1);
	sb_str(want, "1@0:a\n2@2:\\xef\\xbf\\xbdb\n3@7:\\xef\\xbf\\xbd\n");
}

/* A quoted field of max (16) quotes, then one of 17. */
static void
make_quoted_max(struct sbuf *in, struct sbuf *want)
{
	size_t i;

	sb_str(in, "h\n\"");
	for (i = 0; i < 16; i++)
		sb_str(in, "\"\"");
	sb_str(in, "\"\n\"");
	for (i = 0; i < 17; i++)
		sb_str(in, "\"\"");
	sb_str(in, "\"\nz\n");
	sb_str(want, "1@0:h\n2@2:");
	sb_rep(want, '"', 16);
	/* 2 + 1 + 32 + 2, and 37 + 1 + 34 + 2. */
	sb_str(want,
	    "\n3@37:(none)\nE3:field longer than 16 bytes\n"
	    "4@74:z\n");
}

/* A line of 3 MB and no field limit near it: given up, then reading on. */
static void
make_endless(struct sbuf *in, struct sbuf *want)
{
	sb_str(in, "h\n");
	sb_rep(in, 'x', 3000000);
	sb_str(in, "\nok\n");
	sb_str(want,
	    "1@0:h\n2@2:(none)\nE2:field longer than 16 bytes\n"
	    "3@3000003:ok\n");
}

/*
 * A quoted field that passes the guard (2 * 16 + 3 bytes and a read
 * buffer) before it ends, with 30,000 line breaks and delimiters in it:
 * one ERROR, at the line it starts on, and reading goes on after the
 * record's end, by its quotes, not at the next physical line.  Then the
 * same field ending its record.
 */
static void
make_long_quoted_lines(struct sbuf *in, struct sbuf *want)
{
	size_t i;

	sb_str(in, "h,i\n\"");
	for (i = 0; i < 30000; i++)
		sb_str(in, "x,\n");
	sb_str(in, "\",1\nc,d\n\"");
	for (i = 0; i < 30000; i++)
		sb_str(in, "\"\",\n");
	sb_str(in, "\"\ne,f\n");
	/* 4 + 1 + 90000 + 4 = 90009; then 4 more; then 1 + 120000 + 2. */
	sb_str(want,
	    "1@0:h|i\n2@4:(none)\nE2:field longer than 16 bytes\n"
	    "30003@90009:c|d\n30004@90013:(none)\n"
	    "E30004:field longer than 16 bytes\n"
	    "60005@210016:e|f\n");
}

/* The same, with no line end at all, and quoted. */
static void
make_endless_quoted(struct sbuf *in, struct sbuf *want)
{
	sb_str(in, "h\n\"");
	sb_rep(in, 'x', 3000000);
	sb_str(want, "1@0:h\n2@2:(none)\nE2:field longer than 16 bytes\n");
}

/* Fields of exactly the default limit and one byte more. */
static void
make_default_max(struct sbuf *in, struct sbuf *want)
{
	sb_str(in, "h\n");
	sb_rep(in, 'x', READER_MAX_FIELD_DEFAULT);
	sb_str(in, "\n");
	sb_rep(in, 'y', READER_MAX_FIELD_DEFAULT + 1);
	sb_str(in, "\nz\n");
	sb_str(want, "1@0:h\n2@2:");
	sb_rep(want, 'x', READER_MAX_FIELD_DEFAULT);
	sb_str(want, "\n3@");
	sb_num(want, 2 + READER_MAX_FIELD_DEFAULT + 1);
	sb_str(want, ":(none)\nE3:field longer than 1048576 bytes\n4@");
	sb_num(want, 2 + 2 * (READER_MAX_FIELD_DEFAULT + 1) + 1);
	sb_str(want, ":z\n");
}

/*
 * A header of 200,000 columns of 1 to 4 letters, and a record to match:
 * within the record limit (4 MiB with a 16-byte index entry a field).
 */
static void
make_wide(struct sbuf *in, struct sbuf *want)
{
	struct sbuf names = { NULL, 0, 0 };
	char name[8];
	size_t i, v, n, k;

	for (i = 0; i < 200000; i++) {
		v = i;
		n = 0;
		do {
			name[n++] = (char)('a' + v % 26);
			v /= 26;
		} while (v > 0);
		for (k = 0; k < n; k++)
			sb_add(&names, &name[n - 1 - k], 1);
		sb_str(&names, i + 1 < 200000 ? "," : "\n");
	}
	sb_add(in, names.p, names.len);
	sb_str(want, "1@0:");
	for (i = 0; i < names.len; i++)
		sb_add(want, names.p[i] == ',' ? "|" : names.p + i, 1);
	sb_num(want, 2);
	sb_str(want, "@");
	sb_num(want, names.len);
	sb_str(want, ":");
	for (i = 0; i < 200000; i++) {
		sb_str(in, i + 1 < 200000 ? "1," : "1\n");
		sb_str(want, i + 1 < 200000 ? "1|" : "1\n");
	}
	free(names.p);
}

/*
 * Lines of nothing but spaces around the reader's lookahead limit
 * (READER_BUFSIZE - 256 bytes, see reader.c): shorter ones are blank,
 * longer ones a record of one field, whatever the read size.
 */
static void
make_long_blank(struct sbuf *in, struct sbuf *want)
{
	size_t n, off = 2;
	unsigned long line = 2;

	sb_str(in, "h\n");
	sb_str(want, "1@0:h\n");
	for (n = READER_BUFSIZE - 258; n <= READER_BUFSIZE - 254; n++) {
		sb_rep(in, ' ', n);
		sb_str(in, "\n");
		if (n >= READER_BUFSIZE - 256) {
			sb_num(want, line);
			sb_str(want, "@");
			sb_num(want, off);
			sb_str(want, ":");
			sb_rep(want, ' ', n);
			sb_str(want, "\n");
		}
		off += n + 1;
		line++;
	}
}

/* A header whose first ';' is just past the lookahead limit. */
static void
make_long_header(struct sbuf *in, struct sbuf *want)
{
	sb_rep(in, 'a', READER_BUFSIZE - 256);
	sb_str(in, ";b\n1;2\n");
	sb_str(want, "1@0:");
	sb_rep(want, 'a', READER_BUFSIZE - 256);
	sb_str(want, ";b\n2@");
	sb_num(want, READER_BUFSIZE - 256 + 3);
	sb_str(want, ":1;2\n");
}

/*
 * A record of 500,000 one-byte fields: each takes its byte and 16 bytes
 * of index from the 8 MiB a record may use, so the 493,448th is refused
 * (8388608 / 17 = 493447), the record is handed on with what fitted, and
 * reading goes on at the next line.
 */
static void
make_too_many_fields(struct sbuf *in, struct sbuf *want)
{
	size_t i;

	sb_str(in, "h\n");
	sb_str(want, "1@0:h\n2@2:");
	for (i = 0; i < 500000; i++)
		sb_str(in, i + 1 < 500000 ? "a," : "a\n");
	for (i = 0; i < 493447; i++)
		sb_str(want, i + 1 < 493447 ? "a|" : "a\n");
	sb_str(want, "E2:record longer than 8388608 bytes\n3@1000002:c\n");
	sb_str(in, "c\n");
}

/*
 * Many short lines, more than one read of the reader takes in one go,
 * with a blank line after every 7th record, a line of spaces after every
 * 11th, and a short record after every 13th.
 */
static void
make_many_lines(struct sbuf *in, struct sbuf *want)
{
	unsigned long line = 2, i;
	unsigned long long off = 4;

	sb_str(in, "a,b\n");
	sb_str(want, "1@0:a|b\n");
	for (i = 0; i < 3000; i++) {
		sb_num(in, i);
		sb_str(in, ",x\n");
		sb_num(want, line);
		sb_str(want, "@");
		sb_num(want, off);
		sb_str(want, ":");
		sb_num(want, i);
		sb_str(want, "|x\n");
		off += (i < 10 ? 1 : i < 100 ? 2 : i < 1000 ? 3 : 4) + 3;
		line++;
		if (i % 7 == 0) {
			sb_str(in, "\n");
			off += 1;
			line++;
		}
		if (i % 11 == 0) {
			sb_str(in, "   \n");
			off += 4;
			line++;
		}
		if (i % 13 == 0) {
			sb_str(in, "y\n");
			sb_num(want, line);
			sb_str(want, "@");
			sb_num(want, off);
			sb_str(want, ":y\nE");
			sb_num(want, line);
			sb_str(want, ":record has 1 field, header has 2\n");
			off += 2;
			line++;
		}
	}
}

/*
 * Shift_JISX0213 0x82 0xf5 decodes to two characters, U+304B U+309A (6
 * bytes of UTF-8), here at decoded offset READER_BUFSIZE - 5, so that a
 * buffer filled whole has room for the first but not the second: glibc's
 * converter, stopped for room in its middle, gives U+309A again on every
 * later call, for ever, unless it is never stopped for room.
 */
static void
make_jisx0213(struct sbuf *in, struct sbuf *want)
{
	sb_str(in, "h\n");
	sb_rep(in, 'a', READER_BUFSIZE - 7);
	sb_str(in, "\x82\xf5\nz\n");
	sb_str(want, "1@0:h\n2@2:");
	sb_rep(want, 'a', READER_BUFSIZE - 7);
	sb_str(want, "\\xe3\\x81\\x8b\\xe3\\x82\\x9a\n3@");
	sb_num(want, READER_BUFSIZE + 2);
	sb_str(want, ":z\n");
}

struct generated {
	const char *what;
	void (*make)(struct sbuf *in, struct sbuf *want);
	size_t max;
	const char *encoding;
};

static const struct generated generated[] = {
	{ "utf-16le", make_utf16le, 0, NULL },
	{ "utf-16be", make_utf16be, 0, NULL },
	{ "utf-16 bom beats the encoding", make_utf16le, 0, "windows-1252" },
	{ "utf-16, broken", make_utf16_broken, 0, NULL },
	{ "quoted field of max", make_quoted_max, 16, NULL },
	{ "endless line", make_endless, 16, NULL },
	{ "endless quoted field", make_endless_quoted, 16, NULL },
	{ "long quoted field over lines", make_long_quoted_lines, 16, NULL },
	{ "default limit", make_default_max, 0, NULL },
	{ "200,000 columns", make_wide, 0, NULL },
	{ "too many fields", make_too_many_fields, 8, NULL },
	{ "long blank lines", make_long_blank, 0, NULL },
	{ "long header line", make_long_header, 0, NULL },
	{ "long header line, converted", make_long_header, 0, "latin1" },
	{ "jis x 0213 pair across the buffer end", make_jisx0213, 0,
	    "SHIFT_JISX0213" },
	{ "many short lines", make_many_lines, 0, NULL },
};

static void
test_generated(void **state)
{
	struct sbuf in, want;
	struct input c;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(generated) / sizeof(generated[0]); i++) {
		memset(&in, 0, sizeof(in));
		memset(&want, 0, sizeof(want));
		sb_str(&in, "");
		sb_str(&want, "");
		generated[i].make(&in, &want);
		memset(&c, 0, sizeof(c));
		c.what = generated[i].what;
		c.in = in.p;
		c.len = in.len;
		c.max = generated[i].max;
		c.encoding = generated[i].encoding;
		c.want = want.p;
		check(&c);
		free(in.p);
		free(want.p);
	}
}

struct open_failure {
	/* NULL: reader_open_mem() over "a\n". */
	const char *path;
	int delimiter;
	const char *encoding;
	const char *want;
};

static const struct open_failure open_failures[] = {
	{ "/nonexistent/civpol/x.csv", 0, NULL,
	    "cannot open: no such file or directory" },
	{ "/tmp", 0, NULL, "cannot open: is a directory" },
	/* An input is opened before its bytes tell what kind it is. */
	{ "/nonexistent/x.csv", 0, "no-such-encoding",
	    "cannot open: no such file or directory" },
	{ NULL, 0, "no-such-encoding",
	    "unknown encoding \"no-such-encoding\"" },
	{ NULL, '"', NULL, "invalid delimiter \"\\\"\"" },
	{ NULL, '\n', NULL, "invalid delimiter \"\\x0a\"" },
	{ NULL, 300, NULL, "invalid delimiter 300" },
};

static void
test_open_failures(void **state)
{
	const struct open_failure *f;
	struct reader_options opt;
	struct reader *r;
	struct error err;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(open_failures) / sizeof(open_failures[0]); i++) {
		f = &open_failures[i];
		memset(&opt, 0, sizeof(opt));
		opt.csv.delimiter = f->delimiter;
		opt.csv.encoding = f->encoding;
		memset(&err, 0, sizeof(err));
		err.line = 99;
		if (f->path != NULL)
			r = reader_open(f->path, "in.csv", &opt, &err);
		else
			r = reader_open_mem("a\n", 2, "in.csv", &opt, &err);
		assert_null(r);
		assert_string_equal(err.file, "in.csv");
		assert_int_equal(err.line, 0);
		assert_string_equal(err.msg, f->want);
	}
	reader_free(NULL);
}

static const char file_text[] = "a;b\r\n\"x\r\ny\";2\r\n\r\nz;\"\"\"\"";
static const char file_want[] = "1@0:a|b\n2@5:x\\x0d\\x0ay|2\n5@17:z|\"\n";

/* A real file, by name and as standard input. */
static void
test_file(void **state)
{
	static const char fname[] = "f.csv", sname[] = "<stdin>";
	char path[] = "/tmp/test_reader.XXXXXX";
	struct reader *r;
	struct error err;
	char *got;
	int fd, saved, delim, bad;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, file_text, sizeof(file_text) - 1),
	    (ssize_t)(sizeof(file_text) - 1));

	r = reader_open(path, fname, NULL, &err);
	assert_non_null(r);
	got = render(r, fname, &delim, &bad, NULL, 0);
	reader_free(r);
	assert_string_equal(got, file_want);
	assert_int_equal(delim, ';');
	free(got);

	/* "-" reads standard input and leaves it open. */
	assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
	saved = dup(0);
	assert_true(saved >= 0);
	assert_int_equal(dup2(fd, 0), 0);
	r = reader_open("-", sname, NULL, &err);
	assert_non_null(r);
	got = render(r, sname, &delim, &bad, NULL, 0);
	reader_free(r);
	assert_true(fcntl(0, F_GETFD) != -1);
	assert_int_equal(dup2(saved, 0), 0);
	(void)close(saved);
	assert_string_equal(got, file_want);
	free(got);

	(void)close(fd);
	assert_int_equal(unlink(path), 0);
}

/*
 * A read error stops the reader, and it says so again if asked again:
 * standard input opened on a directory cannot be read.
 */
static void
test_read_error(void **state)
{
	static const char name[] = "<stdin>";
	struct reader *r;
	struct record rec;
	struct error err;
	int k, fd, saved;

	(void)state;
	fd = open("/tmp", O_RDONLY);
	assert_true(fd >= 0);
	saved = dup(0);
	assert_true(saved >= 0);
	assert_int_equal(dup2(fd, 0), 0);
	r = reader_open("-", name, NULL, &err);
	assert_non_null(r);
	for (k = 0; k < 2; k++) {
		memset(&err, 0, sizeof(err));
		assert_int_equal(reader_next(r, &rec, &err), READER_FAIL);
		assert_ptr_equal(err.file, name);
		assert_int_equal(err.line, 1);
		assert_string_equal(err.msg, "cannot read: is a directory");
	}
	reader_free(r);
	assert_int_equal(dup2(saved, 0), 0);
	(void)close(saved);
	(void)close(fd);
}

/*
 * Makes a FIFO in a fresh directory; dir (PATH_MAX-ish) gets the
 * directory and path the FIFO.  Borrowed: dir and path, for the call.
 */
static void
make_fifo(char *dir, char *path, size_t size)
{
	assert_non_null(mkdtemp(dir));
	(void)snprintf(path, size, "%s/fifo", dir);
	assert_int_equal(mkfifo(path, 0600), 0);
}

/* Reads one record that must be OK; checks its line and fields. */
static void
expect_record(struct reader *r, unsigned long line, const char *want)
{
	struct sbuf sb = { NULL, 0, 0 };
	struct record rec;
	struct error err;
	size_t i;

	assert_int_equal(reader_next(r, &rec, &err), READER_OK);
	assert_int_equal(rec.line, line);
	sb_str(&sb, "");
	for (i = 0; i < rec.nfields; i++) {
		if (i > 0)
			sb_str(&sb, "|");
		render_field(&sb, &rec.fields[i]);
	}
	assert_string_equal(sb.p, want);
	free(sb.p);
}

/* Writes s to fd, as UTF-16LE when utf16 is set.  Borrowed: s. */
static void
write_as(int fd, const char *s, int utf16)
{
	struct sbuf sb = { NULL, 0, 0 };

	sb_str(&sb, "");
	if (utf16)
		put_utf16(&sb, s, 1);
	else
		sb_str(&sb, s);
	assert_int_equal(write(fd, sb.p, sb.len), (ssize_t)sb.len);
	free(sb.p);
}

struct pipe_mode {
	const char *encoding;
	/* Sent as UTF-16LE with a byte order mark. */
	int utf16;
};

static const struct pipe_mode pipe_modes[] = {
	{ NULL, 0 },
	{ "latin1", 0 },
	{ NULL, 1 },
};

/*
 * A pipe that feeds one record at a time gets each record at once: the
 * reader (and its decoder) never waits for bytes a complete record does
 * not need, here not even for the LF of a CRLF.  A hang is killed by the
 * alarm.
 */
static void
test_pipe_prompt(void **state)
{
	char dir[] = "/tmp/test_reader.XXXXXX", path[64];
	const struct pipe_mode *m;
	struct reader_options opt;
	struct reader *r;
	struct record rec;
	struct error err;
	size_t i;
	int keep, wfd;

	(void)state;
	make_fifo(dir, path, sizeof(path));
	for (i = 0; i < sizeof(pipe_modes) / sizeof(pipe_modes[0]); i++) {
		m = &pipe_modes[i];
		memset(&opt, 0, sizeof(opt));
		opt.csv.encoding = m->encoding;
		keep = open(path, O_RDONLY | O_NONBLOCK);
		assert_true(keep >= 0);
		wfd = open(path, O_WRONLY);
		assert_true(wfd >= 0);
		r = reader_open(path, "p.csv", &opt, &err);
		assert_non_null(r);
		(void)close(keep);
		(void)alarm(30);

		if (m->utf16)
			assert_int_equal(write(wfd, "\xff\xfe", 2), 2);
		write_as(wfd, "a,b\r\n1,2\r", m->utf16);
		expect_record(r, 1, "a|b");
		expect_record(r, 2, "1|2");
		write_as(wfd, "\n\"3\n", m->utf16);
		write_as(wfd, "x\",4\n", m->utf16);
		expect_record(r, 3, "3\\x0ax|4");
		write_as(wfd, "5,6", m->utf16);
		(void)close(wfd);
		expect_record(r, 5, "5|6");
		assert_int_equal(reader_next(r, &rec, &err), READER_EOF);
		(void)alarm(0);
		reader_free(r);
	}
	assert_int_equal(unlink(path), 0);
	assert_int_equal(rmdir(dir), 0);
}

/*
 * A writer that never stops and never ends its line: the reader gives up
 * on the field instead of reading (and holding) it all, and hands the
 * record on.  A hang is killed by the alarm.
 */
static void
test_pipe_endless(void **state)
{
	char dir[] = "/tmp/test_reader.XXXXXX", path[64];
	struct reader_options opt;
	struct reader *r;
	struct record rec;
	struct error err;
	pid_t pid;
	int status;

	(void)state;
	make_fifo(dir, path, sizeof(path));
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		static char chunk[65536];
		int fd;

		(void)signal(SIGPIPE, SIG_IGN);
		fd = open(path, O_WRONLY);
		if (fd < 0 || write(fd, "h\n", 2) != 2)
			_exit(1);
		memset(chunk, 'x', sizeof(chunk));
		while (write(fd, chunk, sizeof(chunk)) > 0)
			continue;
		_exit(errno == EPIPE ? 0 : 1);
	}
	memset(&opt, 0, sizeof(opt));
	opt.max_field_size = 16;
	(void)alarm(60);
	r = reader_open(path, "p.csv", &opt, &err);
	assert_non_null(r);
	expect_record(r, 1, "h");
	assert_int_equal(reader_next(r, &rec, &err), READER_BAD_RECORD);
	assert_int_equal(rec.line, 2);
	assert_int_equal(rec.nfields, 0);
	assert_string_equal(err.msg, "field longer than 16 bytes");
	reader_free(r);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	(void)alarm(0);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(rmdir(dir), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_generated),
		cmocka_unit_test(test_open_failures),
		cmocka_unit_test(test_file),
		cmocka_unit_test(test_read_error),
		cmocka_unit_test(test_pipe_prompt),
		cmocka_unit_test(test_pipe_endless),
	};

	return cmocka_run_group_tests_name("reader", tests, NULL, NULL);
}
