/*
 * input.h - the bytes of one input: a file, standard input, or memory.
 *
 * The first thing read from an input is a look at its first bytes, to
 * tell what kind of input it is (reader.c asks each source whether the
 * bytes are its kind); those bytes are then read again like any others,
 * so that a pipe is never asked twice for anything.  Reads go through
 * read(2), never stdio, so that a pipe that feeds one record at a time
 * is answered at once.
 */
#ifndef CIVPOL_INPUT_H
#define CIVPOL_INPUT_H

#include <stddef.h>
#include <sys/types.h>

#include "error.h"

/* The most bytes input_look() can hold. */
#define INPUT_HEAD 16

struct input {
	const char *name; /* how messages name the input */
	int fd; /* -1: the input is mem */
	int own_fd; /* fd is closed by input_close() */
	const unsigned char *mem;
	size_t mem_len;
	size_t mem_pos;
	size_t read_size; /* the most asked of each read */
	/* Bytes looked at and not yet read again: head[head_pos, head_len). */
	unsigned char head[INPUT_HEAD];
	size_t head_len;
	size_t head_pos;
	int eof; /* a read said end of file */
};

/*
 * Opens path for reading; "-" means standard input (left open by
 * input_close()).  name is how messages name the input.  Borrowed: name
 * must outlive in.  read_size is the most asked of each read (0: no
 * limit below the caller's room); smaller values let tests cut the input
 * anywhere.  Returns 0, or -1 with err filled when path cannot be opened
 * or is a directory.  The caller closes in with input_close().
 */
int input_open(struct input *in, const char *path, const char *name,
    size_t read_size, struct error *err);

/*
 * Sets in up over the len bytes at buf.  Borrowed: buf and name must
 * outlive in.  The caller closes in with input_close().
 */
void input_open_mem(struct input *in, const void *buf, size_t len,
    const char *name, size_t read_size);

/*
 * Makes sure that the first n bytes (at most INPUT_HEAD) have been
 * looked at, reading only what is missing, and returns how many there
 * are (fewer at the end of the input), or -1 with errno set.  They are
 * in->head[0..n) until the first input_read().
 */
ssize_t input_look(struct input *in, size_t n);

/*
 * Reads at most n bytes into buf, the bytes looked at first.  Returns
 * the count, 0 at the end of the input, or -1 with errno set.
 */
ssize_t input_read(struct input *in, void *buf, size_t n);

/* Closes in's file, if it owns one. */
void input_close(struct input *in);

#endif
