/*
 * input.c - the bytes of one input; see input.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "input.h"

static void
setup(struct input *in, const char *name, size_t read_size)
{
	memset(in, 0, sizeof(*in));
	in->name = name;
	in->fd = -1;
	in->read_size = read_size != 0 ? read_size : (size_t)-1;
}

int
input_open(struct input *in, const char *path, const char *name,
    size_t read_size, struct error *err)
{
	char reason[128];
	struct stat st;
	int fd, e = 0;

	setup(in, name, read_size);
	if (strcmp(path, "-") == 0) {
		in->fd = 0;
		return 0;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) != 0)
		e = errno;
	else if (S_ISDIR(st.st_mode))
		e = EISDIR;
	if (e != 0) {
		if (fd >= 0)
			(void)close(fd);
		return error_set(err, name, 0, "cannot open: %s",
		    error_errno(e, reason, sizeof(reason)));
	}
	in->fd = fd;
	in->own_fd = 1;
	return 0;
}

void
input_open_mem(struct input *in, const void *buf, size_t len, const char *name,
    size_t read_size)
{
	setup(in, name, read_size);
	in->mem = buf;
	in->mem_len = buf != NULL ? len : 0;
}

/* Reads at most n bytes from the source itself. */
static ssize_t
source_read(struct input *in, void *buf, size_t n)
{
	size_t want = n < in->read_size ? n : in->read_size;
	ssize_t got;

	if (in->fd < 0) {
		size_t left = in->mem_len - in->mem_pos;

		if (want > left)
			want = left;
		if (want > 0)
			memcpy(buf, in->mem + in->mem_pos, want);
		in->mem_pos += want;
		got = (ssize_t)want;
	} else {
		do
			got = read(in->fd, buf, want);
		while (got < 0 && errno == EINTR);
	}
	if (got == 0)
		in->eof = 1;
	return got;
}

ssize_t
input_look(struct input *in, size_t n)
{
	ssize_t got;

	if (n > INPUT_HEAD)
		n = INPUT_HEAD;
	while (in->head_len < n && !in->eof) {
		got =
		    source_read(in, in->head + in->head_len, n - in->head_len);
		if (got < 0)
			return -1;
		in->head_len += (size_t)got;
	}
	return (ssize_t)(in->head_len < n ? in->head_len : n);
}

ssize_t
input_read(struct input *in, void *buf, size_t n)
{
	size_t k = in->head_len - in->head_pos;

	if (k > 0) {
		if (k > n)
			k = n;
		if (k > in->read_size)
			k = in->read_size;
		memcpy(buf, in->head + in->head_pos, k);
		in->head_pos += k;
		return (ssize_t)k;
	}
	if (in->eof)
		return 0;
	return source_read(in, buf, n);
}

void
input_close(struct input *in)
{
	if (in->own_fd)
		(void)close(in->fd);
	in->own_fd = 0;
	in->fd = -1;
}
