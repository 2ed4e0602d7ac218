/*
 * test_input.c - unit tests for input.c: a byte source over memory, a
 * file or standard input, with a first look at its head.
 *
 * Each case is {bytes, how many to look at, read size, how many to ask
 * of each read}, run over memory, over a file and over standard input
 * (a pipe): the look returns the head it promises, and the reads then
 * give every byte exactly once, in order (the looked-at bytes included,
 * not repeated), none longer than the read size or the request, and 0
 * at the end, again and again.  Last come the files that cannot be
 * opened (a directory, a missing file): -1 and "cannot open: ...".
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "input.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* A literal's bytes and length, NUL bytes included. */
#define IN(s) s, sizeof(s) - 1

enum where { MEM, FILE_PATH, STDIN };

/* The most that a case asks of one read. */
#define MAX_ASK 1000

static const struct {
	const char *in;
	size_t len;
	size_t look; /* asked of input_look(); 0: no look */
	size_t read_size;
	size_t ask; /* asked of each input_read() */
} cases[] = {
	{ IN("abcdef"), 0, 0, 100 },
	{ IN("abcdef"), 0, 1, 100 },
	{ IN("abcdef"), 3, 0, 100 },
	{ IN("abcdef"), 3, 1, 100 },
	{ IN("abcdef"), 3, 2, 100 },
	{ IN("abcdef"), 3, 0, 2 },
	{ IN("abcdef"), 6, 0, 1 },
	{ IN("abcdef"), 10, 0, 4 },
	{ IN("abcdef"), 10, 1, 4 },
	{ IN("\xef\xbb\xbf"
	     "a,b\n"),
	    4, 0, 3 },
	{ IN("\xff\xfe"
	     "a\0"),
	    2, 1, 1 },
	{ IN("a\0b\0c"), 5, 2, 3 },
	{ IN(""), 0, 0, 10 },
	{ IN(""), 4, 0, 10 },
	{ IN(""), 4, 1, 10 },
	{ IN("x"), 1, 0, 1 },
	/* Longer than INPUT_HEAD: the look stops there. */
	{ IN("0123456789abcdefghijklmnopqrstuvwxyz"), 100, 0, 7 },
	{ IN("0123456789abcdefghijklmnopqrstuvwxyz"), INPUT_HEAD, 1, 50 },
	{ IN("0123456789abcdefghijklmnopqrstuvwxyz"), INPUT_HEAD - 1, 5, 9 },
	{ IN("0123456789abcdefghijklmnopqrstuvwxyz"), 17, 0, 1000 },
};

/* Writes the n bytes at s to a new temporary file; returns its path. */
static char *
make_file(const char *s, size_t n)
{
	char *path = strdup("/tmp/test_input_XXXXXX");
	int fd;

	assert_non_null(path);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, s, n), (ssize_t)n);
	assert_int_equal(close(fd), 0);
	return path;
}

/* Looks, then reads in to its end, checking each step against case i. */
static void
drain(struct input *in, size_t i)
{
	char got[MAX_ASK];
	size_t total = 0, want_look, limit;
	ssize_t n;
	int k;

	if (cases[i].look > 0) {
		want_look =
		    cases[i].look < INPUT_HEAD ? cases[i].look : INPUT_HEAD;
		if (want_look > cases[i].len)
			want_look = cases[i].len;
		n = input_look(in, cases[i].look);
		if (n != (ssize_t)want_look)
			print_message("case %zu: look %zd\n", i, n);
		assert_int_equal(n, (ssize_t)want_look);
		assert_memory_equal(in->head, cases[i].in, want_look);
		/* Looking again gives the same head. */
		assert_int_equal(input_look(in, want_look), (ssize_t)want_look);
	}
	limit = cases[i].ask;
	if (cases[i].read_size != 0 && cases[i].read_size < limit)
		limit = cases[i].read_size;
	for (;;) {
		n = input_read(in, got, cases[i].ask);
		assert_true(n >= 0);
		if (n == 0)
			break;
		if ((size_t)n > limit || total + (size_t)n > cases[i].len)
			print_message(
			    "case %zu: read %zd at %zu\n", i, n, total);
		assert_true((size_t)n <= limit);
		/* The read size cuts exactly: never fewer while bytes remain. */
		if (cases[i].read_size == 1)
			assert_int_equal(n, 1);
		assert_true(total + (size_t)n <= cases[i].len);
		assert_memory_equal(got, cases[i].in + total, (size_t)n);
		total += (size_t)n;
	}
	assert_int_equal(total, cases[i].len);
	for (k = 0; k < 3; k++)
		assert_int_equal(input_read(in, got, sizeof(got)), 0);
}

/* Runs every case from one kind of input. */
static void
run(enum where w)
{
	struct input in;
	struct error err;
	char *path;
	size_t i;
	int saved, fds[2];

	for (i = 0; i < NELEM(cases); i++) {
		memset(&err, 0, sizeof(err));
		assert_true(cases[i].ask <= MAX_ASK);
		switch (w) {
		case MEM:
			input_open_mem(&in, cases[i].in, cases[i].len, "m",
			    cases[i].read_size);
			drain(&in, i);
			input_close(&in);
			break;
		case FILE_PATH:
			path = make_file(cases[i].in, cases[i].len);
			assert_int_equal(input_open(&in, path, "f",
			                     cases[i].read_size, &err),
			    0);
			assert_string_equal(in.name, "f");
			drain(&in, i);
			input_close(&in);
			assert_int_equal(unlink(path), 0);
			free(path);
			break;
		case STDIN:
			/* Every case fits in a pipe's buffer. */
			assert_int_equal(pipe(fds), 0);
			assert_int_equal(
			    write(fds[1], cases[i].in, cases[i].len),
			    (ssize_t)cases[i].len);
			assert_int_equal(close(fds[1]), 0);
			saved = dup(0);
			assert_true(saved >= 0);
			assert_int_equal(dup2(fds[0], 0), 0);
			assert_int_equal(close(fds[0]), 0);
			assert_int_equal(
			    input_open(&in, "-", "-", cases[i].read_size, &err),
			    0);
			drain(&in, i);
			input_close(&in);
			/* Standard input is left open. */
			assert_true(fcntl(0, F_GETFD) != -1);
			assert_int_equal(dup2(saved, 0), 0);
			assert_int_equal(close(saved), 0);
			break;
		}
	}
}

static void
test_mem(void **state)
{
	(void)state;
	run(MEM);
}

static void
test_file(void **state)
{
	(void)state;
	run(FILE_PATH);
}

static void
test_stdin(void **state)
{
	(void)state;
	run(STDIN);
}

/* A NULL buffer is an empty input, whatever length comes with it. */
static void
test_mem_null(void **state)
{
	struct input in;
	char got[4];

	(void)state;
	input_open_mem(&in, NULL, 10, "m", 0);
	assert_int_equal(input_look(&in, 4), 0);
	assert_int_equal(input_read(&in, got, sizeof(got)), 0);
	input_close(&in);
}

static void
test_open_fails(void **state)
{
	static const struct {
		const char *path;
		const char *want;
	} cases_fail[] = {
		{ ".", "cannot open: is a directory" },
		{ "/", "cannot open: is a directory" },
		{ "/nonexistent-civpol/applicants.csv",
		    "cannot open: no such file or directory" },
		{ "", "cannot open: no such file or directory" },
	};
	struct input in;
	struct error err;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(cases_fail); i++) {
		memset(&err, 0, sizeof(err));
		err.line = 99;
		assert_int_equal(
		    input_open(&in, cases_fail[i].path, "the name", 0, &err),
		    -1);
		assert_string_equal(err.file, "the name");
		assert_int_equal(err.line, 0);
		assert_string_equal(err.msg, cases_fail[i].want);
		/* Nothing is left open. */
		assert_int_equal(in.own_fd, 0);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mem),
		cmocka_unit_test(test_file),
		cmocka_unit_test(test_stdin),
		cmocka_unit_test(test_mem_null),
		cmocka_unit_test(test_open_fails),
	};

	return cmocka_run_group_tests_name("input", tests, NULL, NULL);
}
