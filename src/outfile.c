/*
 * outfile.c - a report file written whole or not at all; see outfile.h.
 *
 * The temporary file is made with mkstemp() as ".NAME.XXXXXX" in the
 * target's directory, so that rename() replaces the target in one step,
 * on the same file system.  The data reaches the disk (fsync()) before
 * the rename, so that a crash leaves the old file or the new one, never
 * an empty one.
 */
/* realpath() is X/Open's in glibc's headers. */
#define _XOPEN_SOURCE 700

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "outfile.h"

/* Fills err with what failed at path and errno's reason; returns -1. */
static int
fail(struct error *err, const char *path, const char *what, int errnum)
{
	char reason[128];

	return error_set(err, path, 0, "%s: %s", what,
	    error_errno(errnum, reason, sizeof(reason)));
}

/* The umask, which can only be read by setting it. */
static mode_t
current_umask(void)
{
	mode_t m = umask(022);

	(void)umask(m);
	return m;
}

/*
 * The file to replace: path, or what its symbolic links lead to, so
 * that the links stay.  A link to nothing yet leads to its own target's
 * name.  The caller frees the result with free().
 */
static char *
resolve(const char *path)
{
	char *real = realpath(path, NULL);
	char link[PATH_MAX];
	ssize_t n;
	struct stat st;

	if (real != NULL)
		return real;
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
		n = readlink(path, link, sizeof(link) - 1);
		if (n > 0) {
			const char *slash = strrchr(path, '/');
			size_t dir = slash != NULL && link[0] != '/'
			    ? (size_t)(slash - path) + 1
			    : 0;
			char *joined = malloc(dir + (size_t)n + 1);

			/* A relative link names a file beside the link. */
			if (joined == NULL)
				return NULL;
			memcpy(joined, path, dir);
			memcpy(joined + dir, link, (size_t)n);
			joined[dir + (size_t)n] = '\0';
			return joined;
		}
	}
	return strdup(path);
}

/* Makes the temporary file's name: ".NAME.XXXXXX" beside target. */
static char *
tmp_name(const char *target)
{
	const char *slash = strrchr(target, '/');
	size_t dir = slash != NULL ? (size_t)(slash - target) + 1 : 0;
	size_t len = strlen(target);
	char *t = malloc(len + sizeof(".XXXXXX") + 1);

	if (t == NULL)
		return NULL;
	memcpy(t, target, dir);
	t[dir] = '.';
	memcpy(t + dir + 1, target + dir, len - dir);
	memcpy(t + len + 1, ".XXXXXX", sizeof(".XXXXXX"));
	return t;
}

int
outfile_open(struct outfile *of, const char *path, struct error *err)
{
	struct stat st;
	int fd, e;

	memset(of, 0, sizeof(*of));
	of->name = path;
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		/* A terminal, /dev/null, a pipe: nothing to replace. */
		of->fp = fopen(path, "w");
		if (of->fp == NULL)
			return fail(
			    err, path, "cannot open for writing", errno);
		return 0;
	}
	of->target = resolve(path);
	if (of->target == NULL)
		return fail(err, path, "cannot open for writing", ENOMEM);
	if (stat(of->target, &st) == 0) {
		of->keep_mode = 1;
		of->mode = st.st_mode & 07777;
		of->uid = st.st_uid;
		of->gid = st.st_gid;
	} else
		of->mode = 0666 & ~current_umask();
	of->tmp = tmp_name(of->target);
	if (of->tmp == NULL) {
		free(of->target);
		of->target = NULL;
		return fail(err, path, "cannot open for writing", ENOMEM);
	}
	fd = mkstemp(of->tmp);
	if (fd < 0) {
		e = errno;
		free(of->tmp);
		free(of->target);
		of->tmp = NULL;
		of->target = NULL;
		return fail(
		    err, path, "cannot create a temporary file beside it", e);
	}
	of->fp = fdopen(fd, "w");
	if (of->fp == NULL) {
		e = errno;
		(void)close(fd);
		outfile_abort(of);
		return fail(err, path, "cannot open for writing", e);
	}
	return 0;
}

int
outfile_replaces(const struct outfile *of)
{
	return of->tmp != NULL && of->keep_mode;
}

const char *
outfile_tmp(const struct outfile *of)
{
	return of->tmp;
}

void
outfile_abort(struct outfile *of)
{
	if (of->fp != NULL)
		(void)fclose(of->fp);
	if (of->tmp != NULL)
		(void)unlink(of->tmp);
	free(of->tmp);
	free(of->target);
	memset(of, 0, sizeof(*of));
}

int
outfile_commit(struct outfile *of, struct error *err)
{
	const char *what = "write error";
	int fd, e = 0;

	if (fflush(of->fp) != 0 || ferror(of->fp))
		e = errno != 0 ? errno : EIO;
	if (e == 0 && of->tmp != NULL) {
		fd = fileno(of->fp);
		/* The owner first: a change of owner may clear set-id bits. */
		if (of->keep_mode)
			(void)fchown(fd, of->uid, of->gid);
		if (fchmod(fd, of->mode) != 0 || fsync(fd) != 0)
			e = errno;
	}
	if (fclose(of->fp) != 0 && e == 0)
		e = errno;
	of->fp = NULL;
	if (e == 0 && of->tmp != NULL && rename(of->tmp, of->target) != 0) {
		e = errno;
		what = "cannot replace";
	}
	if (e != 0) {
		(void)fail(err, of->name, what, e);
		outfile_abort(of);
		return -1;
	}
	free(of->tmp);
	free(of->target);
	memset(of, 0, sizeof(*of));
	return 0;
}
