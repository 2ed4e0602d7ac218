/*
 * test_decode.c - unit tests for decode.c: an input's bytes as UTF-8.
 *
 * Each case is {bytes, encoding, expected UTF-8}, decoded from memory at
 * every read size in read_sizes[] (so that reads cut byte order marks
 * and characters anywhere) and twice at each: consuming everything that
 * decode_more() adds, and leaving the last few bytes unconsumed so that
 * they must be moved to the front of the buffer.  The cases cover a
 * UTF-8 mark dropped (even before a named encoding), UTF-16 marks of
 * either byte order switching to UTF-16, bytes passed on exactly as read
 * without conversion, windows-1252 and others through iconv, and U+FFFD
 * for bytes that cannot decode and for a character cut short by the
 * end.  Cases of more than one buffer are built by a second table.  Last
 * come an unknown encoding, refused at decode_init(), and a read error.
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

#include "decode.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* A literal's bytes and length, NUL bytes included. */
#define IN(s) s, sizeof(s) - 1

/* U+FFFD, the replacement character. */
#define R "\xef\xbf\xbd"
#define BOM8 "\xef\xbb\xbf"
#define BOM16LE "\xff\xfe"
#define BOM16BE "\xfe\xff"

static const size_t read_sizes[] = { 1, 2, 3, 5, 64, 0 };

struct dcase {
	const char *in;
	size_t len;
	const char *encoding;
	const char *want;
	size_t want_len;
};

static const struct dcase cases[] = {
	/* No conversion: bytes as read, but for a UTF-8 mark. */
	{ IN(""), NULL, IN("") },
	{ IN("abc"), NULL, IN("abc") },
	{ IN(BOM8 "abc"), NULL, IN("abc") },
	{ IN(BOM8), NULL, IN("") },
	{ IN(BOM8 BOM8 "a"), NULL, IN(BOM8 "a") },
	{ IN("\xef\xbbx"), NULL, IN("\xef\xbbx") },
	{ IN("\xef\xbb"), NULL, IN("\xef\xbb") },
	{ IN("\xef"), NULL, IN("\xef") },
	{ IN("\xff"), NULL, IN("\xff") },
	{ IN("\xfe"), NULL, IN("\xfe") },
	{ IN("a\xffz"), NULL, IN("a\xffz") },
	{ IN("a\0b"), NULL, IN("a\0b") },
	{ IN("caf\xc3\xa9"), NULL, IN("caf\xc3\xa9") },
	{ IN("a\xffz"), "UTF-8", IN("a\xffz") },
	{ IN(BOM8 "x"), "utf8", IN("x") },
	{ IN("\xc0\xaf"), "Utf-8", IN("\xc0\xaf") },
	/* UTF-16 by its mark. */
	{ IN(BOM16LE "a\0b\0"), NULL, IN("ab") },
	{ IN(BOM16LE "\xe9\0"), NULL, IN("\xc3\xa9") },
	{ IN(BOM16LE "\x3d\xd8\x00\xde"), NULL, IN("\xf0\x9f\x98\x80") },
	{ IN(BOM16LE "a\0\r\0\n\0"), NULL, IN("a\r\n") },
	{ IN(BOM16BE "\0a\0b"), NULL, IN("ab") },
	{ IN(BOM16BE "\x20\xac"), NULL, IN("\xe2\x82\xac") },
	{ IN(BOM16BE "\xd8\x3d\xde\x00"), NULL, IN("\xf0\x9f\x98\x80") },
	{ IN(BOM16LE), NULL, IN("") },
	{ IN(BOM16BE), NULL, IN("") },
	{ IN(BOM16LE BOM16LE "a\0"), NULL, IN(BOM8 "a") },
	{ IN(BOM16LE "a\0b"), NULL, IN("a" R) },
	{ IN(BOM16LE "\x00\xd8z\0"), NULL, IN(R "z") },
	{ IN(BOM16LE "\x00\xdcz\0"), NULL, IN(R "z") },
	{ IN(BOM16LE "a\0\x3d\xd8"), NULL, IN("a" R) },
	{ IN(BOM16BE "\xdc\x00\0a"), NULL, IN(R "a") },
	/* The file's mark wins over the named encoding. */
	{ IN(BOM16LE "a\0"), "windows-1252", IN("a") },
	{ IN(BOM16BE "\0a"), "ISO-8859-1", IN("a") },
	{ IN(BOM8 "caf\xc3\xa9"), "windows-1252", IN("caf\xc3\xa9") },
	{ IN(BOM8 "ab"), "UTF-16LE", IN("ab") },
	/* Named encodings. */
	{ IN("caf\xe9"), "windows-1252", IN("caf\xc3\xa9") },
	{ IN("caf\xe9"), "WINDOWS-1252", IN("caf\xc3\xa9") },
	{ IN("caf\xe9"), "cp1252", IN("caf\xc3\xa9") },
	{ IN("\x80\x93hi\x94"), "windows-1252",
	    IN("\xe2\x82\xac\xe2\x80\x9chi\xe2\x80\x9d") },
	{ IN("\xff"), "windows-1252", IN("\xc3\xbf") },
	{ IN("\xef\xbb"), "windows-1252", IN("\xc3\xaf\xc2\xbb") },
	{ IN("a\x81z"), "windows-1252", IN("a" R "z") },
	{ IN("\x81\x8d\x8f\x90\x9d"), "windows-1252", IN(R R R R R) },
	{ IN("\xe9t\xe9"), "ISO-8859-1", IN("\xc3\xa9t\xc3\xa9") },
	{ IN("\xe9"), "latin1", IN("\xc3\xa9") },
	{ IN("a\x80z"), "ASCII", IN("a" R "z") },
	{ IN("a\0b\0"), "UTF-16LE", IN("ab") },
	{ IN("a\0b"), "UTF-16LE", IN("a" R) },
	{ IN("\0a\xdc\x00\0b"), "UTF-16BE", IN("a" R "b") },
	{ IN("a\0\0\0"), "UTF-32LE", IN("a") },
	{ IN("\0\0\x11\0b\0\0\0"), "UTF-32LE", IN(R "b") },
	{ IN("a\0\0\0b\0"), "UTF-32LE", IN("a" R) },
	/*
	 * UTF-32 byte order marks: FF FE 00 00 is UTF-32LE's, not UTF-16LE's
	 * followed by a NUL, and 00 00 FE FF UTF-32BE's; each is dropped
	 * and switches to its encoding, as the UTF-16 marks do.
	 */
	{ IN("\xff\xfe\0\0a\0\0\0b\0\0\0"), "UTF-32LE", IN("ab") },
	{ IN("\0\0\xfe\xff\0\0\0a"), "UTF-32BE", IN("a") },
	{ IN("\xff\xfe\0\0a\0\0\0b\0\0\0"), NULL, IN("ab") },
	{ IN("\0\0\xfe\xff\0\0\0a"), NULL, IN("a") },
};

/* A growable byte string; p is never NULL once something was added. */
struct sbuf {
	char *p;
	size_t len;
	size_t cap;
};

static void
sb_add(struct sbuf *sb, const void *s, size_t n)
{
	if (sb->p == NULL || sb->len + n > sb->cap) {
		size_t cap = sb->cap ? sb->cap : 64;
		char *p;

		while (sb->len + n > cap)
			cap *= 2;
		p = realloc(sb->p, cap);
		assert_non_null(p);
		sb->p = p;
		sb->cap = cap;
	}
	if (n > 0)
		memcpy(sb->p + sb->len, s, n);
	sb->len += n;
}

/*
 * Decodes the len bytes at in from encoding at read size rs, leaving up
 * to keep bytes unconsumed after each decode_more(), and returns all
 * that came out (sb.p to be freed).  Borrowed: in and encoding.
 */
static struct sbuf
decode_all(
    const char *in, size_t len, const char *encoding, size_t rs, size_t keep)
{
	struct sbuf sb = { NULL, 0, 0 };
	struct input src;
	struct error err;
	struct decoder *d = malloc(sizeof(*d));
	size_t avail, take;
	int rc;

	assert_non_null(d);
	input_open_mem(&src, in, len, "mem", rs);
	assert_int_equal(decode_init(d, &src, encoding, &err), 0);
	for (;;) {
		rc = decode_more(d, &err);
		if (rc < 0)
			print_message("%s\n", err.msg);
		assert_true(rc >= 0);
		avail = d->end - d->pos;
		if (rc == 0)
			take = avail;
		else
			take = avail > keep ? avail - keep : 0;
		sb_add(&sb, d->buf + d->pos, take);
		d->pos += take;
		if (rc == 0)
			break;
	}
	assert_true(d->eof);
	assert_int_equal(decode_more(d, &err), 0);
	assert_int_equal(d->end - d->pos, 0);
	decode_release(d);
	input_close(&src);
	free(d);
	return sb;
}

/* Prints the first bytes of what came out, as hex, for a failure. */
static void
show(const char *what, const struct sbuf *sb)
{
	char hex[3 * 24 + 1];
	size_t i, o = 0;

	for (i = 0; i < sb->len && i < 24; i++)
		o += (size_t)snprintf(
		    hex + o, sizeof(hex) - o, "%02x ", (unsigned char)sb->p[i]);
	hex[o] = '\0';
	print_message("%s: %zu bytes: %s\n", what, sb->len, hex);
}

/*
 * Runs case c at every read size, consuming all or keeping some; but
 * for read size 1 when c is longer than a buffer (slow, and read size 2
 * cuts everywhere as well).
 */
static void
check(size_t i, const struct dcase *c)
{
	static const size_t keeps[] = { 0, 5 };
	struct sbuf sb;
	size_t k, j;

	for (k = 0; k < NELEM(read_sizes); k++) {
		if (read_sizes[k] == 1 && c->len > DECODE_BUFSIZE)
			continue;
		for (j = 0; j < NELEM(keeps); j++) {
			sb = decode_all(c->in, c->len, c->encoding,
			    read_sizes[k], keeps[j]);
			if (sb.len != c->want_len ||
			    memcmp(sb.p, c->want, sb.len) != 0) {
				print_message(
				    "case %zu, read size %zu, keep %zu\n", i,
				    read_sizes[k], keeps[j]);
				show("got", &sb);
			}
			assert_int_equal(sb.len, c->want_len);
			assert_memory_equal(sb.p, c->want, sb.len);
			free(sb.p);
		}
	}
}

static void
test_cases(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(cases); i++)
		check(i, &cases[i]);
}

/*
 * More than a buffer's worth: a mark (or none), then count times the
 * unit in, which decodes to the unit out, through encoding.
 */
static void
test_long(void **state)
{
	static const struct {
		const char *mark;
		const char *unit_in;
		size_t unit_in_len;
		size_t count;
		const char *encoding;
		const char *unit_out;
	} big[] = {
		{ "", IN("x"), 3 * DECODE_BUFSIZE + 1, NULL, "x" },
		{ BOM8, IN("x\n"), 70000, NULL, "x\n" },
		{ "", IN("\xe9"), 100000, "windows-1252", "\xc3\xa9" },
		{ BOM16LE, IN("\xac\x20"), 40000, NULL, "\xe2\x82\xac" },
		{ BOM16BE, IN("\xd8\x3d\xde\x00"), 30000, NULL,
		    "\xf0\x9f\x98\x80" },
		{ "", IN("\x81"), 30000, "windows-1252", R },
	};
	struct dcase c;
	struct sbuf in = { NULL, 0, 0 }, want = { NULL, 0, 0 };
	size_t i, k;

	(void)state;
	for (i = 0; i < NELEM(big); i++) {
		in.len = 0;
		want.len = 0;
		sb_add(&in, big[i].mark, strlen(big[i].mark));
		for (k = 0; k < big[i].count; k++) {
			sb_add(&in, big[i].unit_in, big[i].unit_in_len);
			sb_add(&want, big[i].unit_out, strlen(big[i].unit_out));
		}
		c.in = in.p;
		c.len = in.len;
		c.encoding = big[i].encoding;
		c.want = want.p;
		c.want_len = want.len;
		check(100 + i, &c);
	}
	free(in.p);
	free(want.p);
}

static void
test_unknown_encoding(void **state)
{
	static const struct {
		const char *encoding;
		const char *want;
	} bad[] = {
		{ "no-such-encoding", "unknown encoding \"no-such-encoding\"" },
		{ "windows-9999", "unknown encoding \"windows-9999\"" },
		{ "x\ny", "unknown encoding \"x\\x0ay\"" },
		/*
		 * An empty name is no encoding: iconv_open() would take it
		 * for the locale's own (ASCII in the C locale), and turn
		 * every byte over 0x7f into U+FFFD.
		 */
		{ "", "unknown encoding \"\"" },
	};
	struct input src;
	struct error err;
	struct decoder *d = malloc(sizeof(*d));
	size_t i;

	(void)state;
	assert_non_null(d);
	for (i = 0; i < NELEM(bad); i++) {
		memset(&err, 0, sizeof(err));
		err.line = 99;
		input_open_mem(&src, "abc", 3, "in.csv", 0);
		assert_int_equal(
		    decode_init(d, &src, bad[i].encoding, &err), -1);
		assert_string_equal(err.file, "in.csv");
		assert_int_equal(err.line, 0);
		assert_string_equal(err.msg, bad[i].want);
		/* Releasing what failed to start is harmless. */
		decode_release(d);
		input_close(&src);
	}
	free(d);
}

/* A read that fails (a descriptor open only for writing) is reported. */
static void
test_read_error(void **state)
{
	static const char *const encodings[] = { NULL, "windows-1252" };
	struct input src;
	struct error err;
	struct decoder *d = malloc(sizeof(*d));
	size_t i;
	int fd;

	(void)state;
	assert_non_null(d);
	for (i = 0; i < NELEM(encodings); i++) {
		memset(&err, 0, sizeof(err));
		fd = open("/dev/null", O_WRONLY);
		assert_true(fd >= 0);
		input_open_mem(&src, NULL, 0, "w.csv", 0);
		src.fd = fd;
		assert_int_equal(decode_init(d, &src, encodings[i], &err), 0);
		assert_int_equal(decode_more(d, &err), -1);
		assert_string_equal(err.file, "w.csv");
		assert_int_equal(err.line, 0);
		assert_string_equal(
		    err.msg, "cannot read: bad file descriptor");
		decode_release(d);
		(void)close(fd);
	}
	free(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_long),
		cmocka_unit_test(test_unknown_encoding),
		cmocka_unit_test(test_read_error),
	};

	return cmocka_run_group_tests_name("decode", tests, NULL, NULL);
}
