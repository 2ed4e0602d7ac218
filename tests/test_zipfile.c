/*
 * test_zipfile.c - unit tests for zipfile.h: a zip archive's parts read
 * within limits.  Each case is an archive built here with libzip (a
 * part's bytes, its compression, and sometimes a byte changed after)
 * and what opening the archive, opening the part and reading it all
 * must give: the part's bytes, or the message (compared up to its
 * length, where libzip's own sizes follow).  The bombs are real: a part
 * that inflates more than 100 times over, deflated or bzip2'd, and one
 * whose directory says it is smaller than it inflates to.  Then the
 * ways in: memory, a regular file, and a pipe (copied to a temporary
 * file first), and a temporary file that cannot be made.
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

#include "input.h"
#include "zipfile.h"
#include "xlsx_pack.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define MIB ((size_t)1 << 20)

/* How a case's one part is stored, and what is done to it after. */
enum store { STORED, DEFLATED, BZIP2, ENCRYPTED };
enum harm {
	HARM_NONE,
	HARM_TRUNCATE, /* the archive's last 30 bytes cut off */
	HARM_FLIP, /* a byte of the part's data changed */
	HARM_SHRINK /* the directory says the part is 1000 bytes */
};

/*
 * An archive holding one part, x.xml: size bytes of fill (or text,
 * when not NULL), stored as store says, harmed as harm says.  The
 * caller frees the result.
 */
static unsigned char *
build(const char *text, size_t size, char fill, enum store store,
    enum harm harm, size_t *len)
{
	unsigned char *buf, *p;
	char *data = NULL;
	zip_source_t *src, *zs;
	zip_int64_t n;
	zip_t *za;
	size_t i;

	if (text == NULL) {
		data = malloc(size);
		assert_non_null(data);
		memset(data, fill, size);
		text = data;
	} else {
		size = strlen(text);
	}
	src = zip_source_buffer_create(NULL, 0, 0, NULL);
	assert_non_null(src);
	zip_source_keep(src);
	za = zip_open_from_source(src, ZIP_TRUNCATE, NULL);
	assert_non_null(za);
	zs = zip_source_buffer(za, text, size, 0);
	assert_non_null(zs);
	n = zip_file_add(za, "x.xml", zs, 0);
	assert_true(n >= 0);
	assert_int_equal(zip_set_file_compression(za, (zip_uint64_t)n,
	                     store == STORED      ? ZIP_CM_STORE
	                         : store == BZIP2 ? ZIP_CM_BZIP2
	                                          : ZIP_CM_DEFLATE,
	                     9),
	    0);
	if (store == ENCRYPTED)
		assert_int_equal(zip_file_set_encryption(za, (zip_uint64_t)n,
		                     ZIP_EM_AES_256, "secret"),
		    0);
	assert_int_equal(zip_close(za), 0);
	assert_int_equal(zip_source_open(src), 0);
	assert_int_equal(zip_source_seek(src, 0, SEEK_END), 0);
	n = zip_source_tell(src);
	assert_true(n > 0);
	assert_int_equal(zip_source_seek(src, 0, SEEK_SET), 0);
	buf = malloc((size_t)n);
	assert_non_null(buf);
	assert_int_equal(zip_source_read(src, buf, (zip_uint64_t)n), n);
	(void)zip_source_close(src);
	zip_source_free(src);
	free(data);
	*len = (size_t)n;
	switch (harm) {
	case HARM_NONE:
		break;
	case HARM_TRUNCATE:
		*len -= 30;
		break;
	case HARM_FLIP:
		/* The data follows the 30-byte local header and the name. */
		buf[30 + 5 + 2] ^= 0x55;
		break;
	case HARM_SHRINK:
		/* The central directory entry's uncompressed size. */
		for (i = 0; i + 4 <= *len; i++)
			if (memcmp(buf + i, "PK\1\2", 4) == 0)
				break;
		assert_true(i + 28 <= *len);
		p = buf + i + 24;
		p[0] = 1000 & 0xff;
		p[1] = 1000 >> 8;
		p[2] = 0;
		p[3] = 0;
		break;
	}
	return buf;
}

/*
 * Reads the whole of part x.xml of z, counting its bytes into *n and,
 * when check is set, checking them against fill (or text); returns 0,
 * or -1 with err.
 */
static int
read_part(struct zipfile *z, const char *text, char fill, int check, size_t *n,
    struct error *err)
{
	static char buf[65536];
	struct zippart *p = zippart_open(z, "x.xml", err);
	ssize_t got;
	ssize_t i;

	*n = 0;
	if (p == NULL)
		return -1;
	while ((got = zippart_read(p, buf, sizeof(buf), err)) > 0) {
		for (i = 0; check && i < got; i++)
			assert_int_equal(
			    buf[i], text != NULL ? text[*n + (size_t)i] : fill);
		*n += (size_t)got;
	}
	zippart_close(p);
	return got < 0 ? -1 : 0;
}

static void
test_parts(void **state)
{
	static const struct {
		const char *name;
		const char *text; /* or size bytes of fill */
		size_t size;
		enum store store;
		enum harm harm;
		const char *open_err; /* zipfile_open()'s, or NULL */
		const char *err; /* opening or reading the part's, or NULL */
	} cases[] = {
		{ "stored", "<a>hello</a>", 0, STORED, HARM_NONE, NULL, NULL },
		{ "deflated", "<a>hello</a>", 0, DEFLATED, HARM_NONE, NULL,
		    NULL },
		{ "deflated, empty", "", 0, DEFLATED, HARM_NONE, NULL, NULL },
		{ "1 MiB of spaces: ratios mean little so far", NULL, MIB,
		    DEFLATED, HARM_NONE, NULL, NULL },
		{ "4 MiB of spaces: a bomb", NULL, 4 * MIB, DEFLATED, HARM_NONE,
		    NULL, "x.xml would inflate from " },
		{ "4 MiB of spaces in bzip2: a bomb", NULL, 4 * MIB, BZIP2,
		    HARM_NONE, NULL, "x.xml would inflate from " },
		{ "bzip2, small", "<a/>", 0, BZIP2, HARM_NONE, NULL,
		    "x.xml is compressed with bzip2; a workbook's parts are "
		    "stored or deflated" },
		{ "encrypted", "<a/>", 0, ENCRYPTED, HARM_NONE, NULL,
		    "x.xml is encrypted (save the workbook without a "
		    "password)" },
		{ "inflates past what it says", NULL, 2 * MIB, DEFLATED,
		    HARM_SHRINK, NULL,
		    "x.xml inflates past the 1000 bytes it says it holds (a "
		    "zip bomb?)" },
		{ "cut short", "<a>hello</a>", 0, DEFLATED, HARM_TRUNCATE,
		    "not a zip archive, or one cut short (its directory at "
		    "the end is missing)",
		    NULL },
		{ "a byte of stored data changed", "<a>hello</a>", 0, STORED,
		    HARM_FLIP, NULL,
		    "x.xml: corrupt (its CRC does not match)" },
		{ "a byte of deflated data changed",
		    "<worksheet><sheetData><row r=\"1\"/></sheetData>"
		    "</worksheet>",
		    0, DEFLATED, HARM_FLIP, NULL, "x.xml: corrupt" },
	};
	struct zipfile *z;
	struct input in;
	struct error err;
	unsigned char *buf;
	size_t len, n, i;
	int rc;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		print_message("%s\n", cases[i].name);
		buf = build(cases[i].text, cases[i].size, ' ', cases[i].store,
		    cases[i].harm, &len);
		input_open_mem(&in, buf, len, "z.xlsx", 0);
		memset(&err, 0, sizeof(err));
		z = zipfile_open(&in, &err);
		if (cases[i].open_err != NULL) {
			assert_null(z);
			assert_string_equal(err.file, "z.xlsx");
			assert_string_equal(err.msg, cases[i].open_err);
			free(buf);
			continue;
		}
		assert_non_null(z);
		assert_string_equal(zipfile_name(z), "z.xlsx");
		assert_true(zipfile_has(z, "x.xml"));
		assert_true(zipfile_has(z, "X.XML"));
		assert_false(zipfile_has(z, "y.xml"));
		rc = read_part(z, cases[i].text, ' ',
		    cases[i].harm == HARM_NONE, &n, &err);
		if (cases[i].err == NULL) {
			if (rc != 0)
				print_message("%s\n", err.msg);
			assert_int_equal(rc, 0);
			assert_int_equal(n,
			    cases[i].text != NULL ? strlen(cases[i].text)
			                          : cases[i].size);
		} else {
			assert_int_equal(rc, -1);
			print_message("  %s\n", err.msg);
			assert_string_equal(err.file, "z.xlsx");
			if (strncmp(err.msg, cases[i].err,
			        strlen(cases[i].err)) != 0)
				print_message("got \"%s\"\n", err.msg);
			assert_int_equal(strncmp(err.msg, cases[i].err,
			                     strlen(cases[i].err)),
			    0);
		}
		assert_null(zippart_open(z, "y.xml", &err));
		assert_string_equal(err.msg, "no part y.xml in the workbook");
		zipfile_free(z);
		free(buf);
	}
	/* Not an archive at all. */
	input_open_mem(&in, "hello", 5, "z.xlsx", 0);
	assert_null(zipfile_open(&in, &err));
	assert_string_equal(err.msg,
	    "not a zip archive, or one cut short "
	    "(its directory at the end is missing)");
	zipfile_free(NULL);
	zippart_close(NULL);
}

/* Opens the archive at path as the reader would, and reads x.xml. */
static void
expect_readable(const char *path, const char *text)
{
	struct zipfile *z;
	struct input in;
	struct error err;
	size_t n;

	assert_int_equal(input_open(&in, path, "p.xlsx", 0, &err), 0);
	/* The reader looks at the first bytes before the source opens. */
	assert_int_equal(input_look(&in, 4), 4);
	z = zipfile_open(&in, &err);
	if (z == NULL)
		print_message("%s\n", err.msg);
	assert_non_null(z);
	assert_int_equal(read_part(z, text, 0, 1, &n, &err), 0);
	assert_int_equal(n, strlen(text));
	zipfile_free(z);
	input_close(&in);
}

/* A regular file, read where it is; a pipe, copied to a file first. */
static void
test_file_and_pipe(void **state)
{
	static const char text[] = "<row r=\"1\"><c><v>1</v></c></row>";
	char path[] = "/tmp/test_zipfile.XXXXXX",
	     dir[] = "/tmp/test_zipfile.XXXXXX", fifo[64];
	struct zipfile *z;
	struct input in;
	struct error err;
	unsigned char *buf;
	size_t len;
	pid_t pid;
	int fd, status;

	(void)state;
	buf = build(text, 0, 0, DEFLATED, HARM_NONE, &len);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, buf, len), (ssize_t)len);
	(void)close(fd);
	expect_readable(path, text);
	assert_int_equal(unlink(path), 0);

	assert_non_null(mkdtemp(dir));
	(void)snprintf(fifo, sizeof(fifo), "%s/fifo", dir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		fd = open(fifo, O_WRONLY);
		_exit(fd >= 0 && write(fd, buf, len) == (ssize_t)len ? 0 : 1);
	}
	(void)alarm(30);
	expect_readable(fifo, text);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	(void)alarm(0);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);

	/* Where no temporary file can be made, the pipe is not read. */
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		fd = open(fifo, O_WRONLY);
		(void)signal(SIGPIPE, SIG_IGN);
		_exit(fd >= 0 ? 0 : 1);
	}
	assert_int_equal(setenv("TMPDIR", "/nonexistent-civpol", 1), 0);
	assert_int_equal(input_open(&in, fifo, "p.xlsx", 0, &err), 0);
	z = zipfile_open(&in, &err);
	assert_null(z);
	assert_string_equal(err.msg,
	    "cannot make a temporary file in "
	    "/nonexistent-civpol: no such file or "
	    "directory");
	input_close(&in);
	assert_int_equal(unsetenv("TMPDIR"), 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_int_equal(unlink(fifo), 0);
	assert_int_equal(rmdir(dir), 0);
	free(buf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parts),
		cmocka_unit_test(test_file_and_pipe),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
