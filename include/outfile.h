/*
 * outfile.h - a report file written whole or not at all (-o FILE).
 *
 * The report is written to a temporary file beside the target, in its
 * directory, and renamed over it when the run ends well: until then the
 * target is as it was, so it may be one of the inputs (read whole before
 * it is replaced, as with sort -o), and a run that fails or is killed
 * leaves it untouched.  Through a symbolic link, the file it names is
 * replaced, and the link stays.  A new file gets the usual mode (0666
 * less the umask); one replaced keeps its mode, and its owner where that
 * is allowed.  A target that exists and is not a regular file (a
 * terminal, /dev/null, a pipe) is written in place.
 */
#ifndef CIVPOL_OUTFILE_H
#define CIVPOL_OUTFILE_H

#include <stdio.h>
#include <sys/types.h>

#include "error.h"

struct outfile {
	FILE *fp; /* where to write */
	/* Private. */
	const char *name; /* the path as the user named it */
	char *target; /* the file replaced at the end */
	char *tmp; /* the temporary file, or NULL when writing in place */
	int keep_mode; /* the target existed: its mode and owner */
	mode_t mode;
	uid_t uid;
	gid_t gid;
};

/*
 * Opens the output for the path the user named.  Borrowed: path must
 * outlive of.  Returns 0, or -1 with err filled (path, no line).  The
 * caller ends it with outfile_commit() or outfile_abort().
 */
int outfile_open(struct outfile *of, const char *path, struct error *err);

/*
 * The temporary file's path, for a signal handler to remove, or NULL.
 * Borrowed: valid until outfile_commit() or outfile_abort().
 */
const char *outfile_tmp(const struct outfile *of);

/*
 * Ends the output well: flushes and closes it, then puts it in place of
 * the target.  Returns 0, or -1 with err filled (path, no line), the
 * target then left as it was.
 */
int outfile_commit(struct outfile *of, struct error *err);

/* Nonzero when a file will be replaced (not written in place, nor new). */
int outfile_replaces(const struct outfile *of);

/* Ends the output badly: the temporary file is removed. */
void outfile_abort(struct outfile *of);

#endif
