/*
 * reader.c - records in from any kind of input; see reader.h.
 *
 * This file holds the table of sources and tells an input's kind by its
 * first bytes (see source.h); the sources themselves are src/source_*.c.
 * A file or memory is told at once, so that reader_open() can refuse
 * what its source refuses; an input that may keep us waiting (a pipe,
 * a terminal) is told at the first reader_next(), so that opening it
 * never waits for its first bytes.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "reader.h"
#include "source.h"

extern const struct source source_csv;
extern const struct source source_xlsx;

/* Every kind of input, one row each; the last takes anything. */
static const struct source *const sources[] = {
	&source_xlsx,
	&source_csv,
};
#define NSOURCES (sizeof(sources) / sizeof(sources[0]))

struct reader {
	const struct source *kind;
	void *s; /* the kind's own; NULL until the kind is told */
	struct input in;
	/* For telling the kind later: the caller's name and options. */
	const char *name;
	struct reader_options opt;
	int has_opt;
	/* Telling it later failed: every reader_next() says so. */
	int failed;
	struct error fail;
	/* Names given for a headerless input, until their header is out. */
	const struct field *names;
	size_t nnames;
};

/*
 * Looks at as few of the input's first bytes as it takes for a row to
 * claim it, so that a pipe is never waited on for more.  Returns the
 * row, or NULL with err filled when the input cannot be read.
 */
static const struct source *
sniff(struct input *in, struct error *err)
{
	char reason[128];
	size_t i, n = 0;
	ssize_t got;
	int more, final;

	for (;;) {
		more = 0;
		/* With all the bytes there are, every row must decide. */
		final = in->eof || n == INPUT_HEAD;
		for (i = 0; i < NSOURCES; i++) {
			enum source_sniff says = SOURCE_YES;

			if (sources[i]->sniff != NULL)
				says = sources[i]->sniff(in->head, n, final);
			if (says == SOURCE_YES && !more)
				return sources[i];
			if (says == SOURCE_MORE && !final)
				more = 1;
		}
		got = input_look(in, n + 1);
		if (got < 0) {
			(void)error_set(err, in->name, 1, "cannot read: %s",
			    error_errno(errno, reason, sizeof(reason)));
			return NULL;
		}
		n = (size_t)got;
	}
}

/* Tells the kind of input r holds and opens it; 0, or -1 with err filled. */
static int
start(struct reader *r, struct error *err)
{
	r->kind = sniff(&r->in, err);
	if (r->kind != NULL)
		r->s = r->kind->open(
		    &r->in, r->name, r->has_opt ? &r->opt : NULL, err);
	return r->s != NULL ? 0 : -1;
}

/* Nonzero when in may keep a read waiting: not a regular file. */
static int
may_wait(const struct input *in)
{
	struct stat st;

	return in->fd >= 0 && (fstat(in->fd, &st) != 0 || !S_ISREG(st.st_mode));
}

/*
 * Opens the kind of input that r holds, now or (see above) at the first
 * reader_next(); frees r on failure.
 */
static struct reader *
open_kind(struct reader *r, const char *name, const struct reader_options *opt,
    struct error *err)
{
	r->name = name;
	if (opt != NULL) {
		r->opt = *opt;
		r->has_opt = 1;
		if (opt->nheader_names > 0) {
			r->names = opt->header_names;
			r->nnames = opt->nheader_names;
		}
	}
	if (may_wait(&r->in) || start(r, err) == 0)
		return r;
	input_close(&r->in);
	free(r);
	return NULL;
}

/* The read size asked for, within what the sources' buffers hold. */
static size_t
read_size(const struct reader_options *opt)
{
	if (opt == NULL || opt->read_size == 0 ||
	    opt->read_size > READER_BUFSIZE)
		return READER_BUFSIZE;
	return opt->read_size;
}

struct reader *
reader_open(const char *path, const char *name,
    const struct reader_options *opt, struct error *err)
{
	struct reader *r = calloc(1, sizeof(*r));

	if (r == NULL) {
		(void)error_set(err, name, 0, "out of memory");
		return NULL;
	}
	if (input_open(&r->in, path, name, read_size(opt), err) != 0) {
		free(r);
		return NULL;
	}
	return open_kind(r, name, opt, err);
}

struct reader *
reader_open_mem(const void *buf, size_t len, const char *name,
    const struct reader_options *opt, struct error *err)
{
	struct reader *r = calloc(1, sizeof(*r));

	if (r == NULL) {
		(void)error_set(err, name, 0, "out of memory");
		return NULL;
	}
	input_open_mem(&r->in, buf, len, name, read_size(opt));
	return open_kind(r, name, opt, err);
}

enum reader_status
reader_next(struct reader *r, struct record *rec, struct error *err)
{
	if (r->s == NULL && !r->failed && start(r, &r->fail) != 0)
		r->failed = 1;
	if (r->failed) {
		if (err != NULL)
			*err = r->fail;
		return READER_FAIL;
	}
	if (r->names != NULL) {
		memset(rec, 0, sizeof(*rec));
		rec->file = r->name;
		rec->is_header = 1;
		rec->nfields = r->nnames;
		rec->fields = r->names;
		r->names = NULL;
		return READER_OK;
	}
	return r->kind->next(r->s, rec, err);
}

const char *
reader_kind(const struct reader *r)
{
	return r->s != NULL ? r->kind->name : "unknown";
}

int
reader_delimiter(const struct reader *r)
{
	return r->s != NULL && r->kind->delimiter != NULL
	    ? r->kind->delimiter(r->s)
	    : 0;
}

int
reader_saw_bad_utf8(const struct reader *r)
{
	return r->s != NULL && r->kind->saw_bad_utf8(r->s);
}

unsigned long
reader_replaced(
    const struct reader *r, unsigned long *line, const char **encoding)
{
	*line = 0;
	*encoding = NULL;
	if (r->s == NULL || r->kind->replaced == NULL)
		return 0;
	return r->kind->replaced(r->s, line, encoding);
}

void
reader_free(struct reader *r)
{
	if (r == NULL)
		return;
	if (r->s != NULL)
		r->kind->free(r->s);
	input_close(&r->in);
	free(r);
}
