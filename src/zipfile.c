/*
 * zipfile.c - the parts of a zip archive, read within limits; see
 * zipfile.h.  The one file that includes <zip.h>.  libzip is opened
 * when an archive is (dynlib.h says why), and reached through struct
 * ziplib.
 *
 * libzip reads the central directory at the end of the archive when it
 * opens it, and each part from its local header on; the sizes checked
 * here are the directory's, and the count of bytes inflated is kept
 * here too, so that a part whose data inflates past what the directory
 * says stops where it says.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zip.h>

#include "dynlib.h"
#include "zipfile.h"

/*
 * The libzip the build found (the Makefile says its soname), else
 * Debian's and Ubuntu's libzip4.
 */
#ifndef ZIPFILE_SONAME
#define ZIPFILE_SONAME "libzip.so.4"
#endif

/* The libzip functions this file calls. */
struct ziplib {
	__typeof__(zip_discard) *zip_discard;
	__typeof__(zip_error_code_system) *zip_error_code_system;
	__typeof__(zip_error_code_zip) *zip_error_code_zip;
	__typeof__(zip_error_fini) *zip_error_fini;
	__typeof__(zip_error_init) *zip_error_init;
	__typeof__(zip_error_init_with_code) *zip_error_init_with_code;
	__typeof__(zip_error_strerror) *zip_error_strerror;
	__typeof__(zip_fclose) *zip_fclose;
	__typeof__(zip_fdopen) *zip_fdopen;
	__typeof__(zip_file_get_error) *zip_file_get_error;
	__typeof__(zip_fopen_index) *zip_fopen_index;
	__typeof__(zip_fread) *zip_fread;
	__typeof__(zip_get_error) *zip_get_error;
	__typeof__(zip_name_locate) *zip_name_locate;
	__typeof__(zip_open_from_source) *zip_open_from_source;
	__typeof__(zip_source_buffer_create) *zip_source_buffer_create;
	__typeof__(zip_source_free) *zip_source_free;
	__typeof__(zip_stat_index) *zip_stat_index;
	__typeof__(zip_stat_init) *zip_stat_init;
};

#define ENTRY(f) DYNLIB_ENTRY(struct ziplib, f)

static const struct dynlib_entry ziplib_entries[] = {
	ENTRY(zip_discard),
	ENTRY(zip_error_code_system),
	ENTRY(zip_error_code_zip),
	ENTRY(zip_error_fini),
	ENTRY(zip_error_init),
	ENTRY(zip_error_init_with_code),
	ENTRY(zip_error_strerror),
	ENTRY(zip_fclose),
	ENTRY(zip_fdopen),
	ENTRY(zip_file_get_error),
	ENTRY(zip_fopen_index),
	ENTRY(zip_fread),
	ENTRY(zip_get_error),
	ENTRY(zip_name_locate),
	ENTRY(zip_open_from_source),
	ENTRY(zip_source_buffer_create),
	ENTRY(zip_source_free),
	ENTRY(zip_stat_index),
	ENTRY(zip_stat_init),
};

struct zipfile {
	struct ziplib zl;
	void *handle; /* libzip's, from dynlib_open() */
	zip_t *za;
	const char *name; /* borrowed from the input */
};

struct zippart {
	struct zipfile *z;
	zip_file_t *zf;
	char *part; /* its name, for messages */
	zip_uint64_t size; /* what the directory says it inflates to */
	zip_uint64_t done; /* inflated so far */
};

/* A libzip error code in words, for a message about name. */
static const char *
zip_words(const struct ziplib *zl, int code, int sys, char *buf, size_t size)
{
	char reason[128];

	switch (code) {
	case ZIP_ER_NOZIP:
		return "not a zip archive, or one cut short (its directory "
		       "at the end is missing)";
	case ZIP_ER_INCONS:
		return "a corrupt zip archive (its directory does not agree "
		       "with its contents)";
	case ZIP_ER_MULTIDISK:
		return "a zip archive split over several files";
	case ZIP_ER_MEMORY:
		return "out of memory";
	case ZIP_ER_CRC:
		return "corrupt (its CRC does not match)";
	case ZIP_ER_ZLIB:
	case ZIP_ER_COMPRESSED_DATA:
		return "corrupt (its compressed data cannot be inflated)";
	case ZIP_ER_EOF:
		return "cut short";
	case ZIP_ER_READ:
	case ZIP_ER_SEEK:
	case ZIP_ER_OPEN:
		(void)snprintf(buf, size, "cannot read: %s",
		    sys != 0 ? error_errno(sys, reason, sizeof(reason))
		             : "read error");
		return buf;
	default:
		break;
	}
	{
		zip_error_t ze;

		zl->zip_error_init_with_code(&ze, code);
		(void)snprintf(buf, size, "%s", zl->zip_error_strerror(&ze));
		zl->zip_error_fini(&ze);
		/* libzip's sentences start with a capital; messages do not. */
		if (buf[0] >= 'A' && buf[0] <= 'Z' && buf[1] >= 'a' &&
		    buf[1] <= 'z')
			buf[0] = (char)(buf[0] - 'A' + 'a');
	}
	return buf;
}

/* Fills err from a libzip error, about the archive as a whole. */
static int
zip_fail(const struct ziplib *zl, struct error *err, const char *name,
    zip_error_t *ze)
{
	char buf[256];

	return error_set(err, name, 0, "%s",
	    zip_words(zl, zl->zip_error_code_zip(ze),
	        zl->zip_error_code_system(ze), buf, sizeof(buf)));
}

/* Writes all n bytes at buf to fd; 0, or -1 with errno set. */
static int
write_all(int fd, const char *buf, size_t n)
{
	ssize_t w;

	while (n > 0) {
		w = write(fd, buf, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		buf += w;
		n -= (size_t)w;
	}
	return 0;
}

/*
 * Copies what in holds to a temporary file in $TMPDIR (or /tmp),
 * unlinked at once, and returns its descriptor, at offset 0; or -1
 * with err filled.
 */
static int
spool(struct input *in, struct error *err)
{
	const char *dir = getenv("TMPDIR");
	char path[4096], reason[128];
	unsigned long long total = 0;
	size_t bufsize = (size_t)64 * 1024;
	char *buf;
	ssize_t got;
	int fd, e = 0;

	if (dir == NULL || dir[0] == '\0')
		dir = "/tmp";
	if ((size_t)snprintf(path, sizeof(path), "%s/civpol-screen-XXXXXX",
	        dir) >= sizeof(path))
		return error_set(err, in->name, 0,
		    "cannot spool the workbook: TMPDIR is too long");
	buf = malloc(bufsize);
	if (buf == NULL)
		return error_set(err, in->name, 0, "out of memory");
	fd = mkstemp(path);
	if (fd < 0) {
		e = errno;
		free(buf);
		return error_set(err, in->name, 0,
		    "cannot make a temporary file in %s: %s", dir,
		    error_errno(e, reason, sizeof(reason)));
	}
	(void)unlink(path);
	for (;;) {
		got = input_read(in, buf, bufsize);
		if (got <= 0) {
			if (got < 0)
				e = errno;
			break;
		}
		total += (unsigned long long)got;
		if (total > ZIPFILE_SPOOL_MAX)
			break;
		if (write_all(fd, buf, (size_t)got) != 0) {
			e = errno;
			break;
		}
	}
	free(buf);
	if (e == 0 && total <= ZIPFILE_SPOOL_MAX && lseek(fd, 0, SEEK_SET) == 0)
		return fd;
	(void)close(fd);
	if (total > ZIPFILE_SPOOL_MAX)
		return error_set(err, in->name, 0,
		    "a workbook through a pipe may be at most 1 GiB; "
		    "name its file instead");
	return error_set(err, in->name, 0, "cannot read: %s",
	    error_errno(e != 0 ? e : EIO, reason, sizeof(reason)));
}

struct zipfile *
zipfile_open(struct input *in, struct error *err)
{
	struct zipfile *z = calloc(1, sizeof(*z));
	zip_source_t *src;
	zip_error_t ze;
	struct stat st;
	char reason[256];
	int fd, code = 0;
	const struct ziplib *zl;

	if (z == NULL) {
		(void)error_set(err, in->name, 0, "out of memory");
		return NULL;
	}
	z->name = in->name;
	z->handle = dynlib_open(ZIPFILE_SONAME, "reading a workbook",
	    ziplib_entries, sizeof(ziplib_entries) / sizeof(ziplib_entries[0]),
	    &z->zl, reason, sizeof(reason));
	if (z->handle == NULL) {
		(void)error_set(err, in->name, 0, "%s", reason);
		free(z);
		return NULL;
	}
	zl = &z->zl;
	if (in->fd < 0) {
		zl->zip_error_init(&ze);
		src =
		    zl->zip_source_buffer_create(in->mem, in->mem_len, 0, &ze);
		if (src != NULL) {
			z->za = zl->zip_open_from_source(src, ZIP_RDONLY, &ze);
			if (z->za == NULL)
				zl->zip_source_free(src);
		}
		if (z->za == NULL)
			(void)zip_fail(zl, err, in->name, &ze);
		zl->zip_error_fini(&ze);
	} else {
		if (fstat(in->fd, &st) != 0) {
			(void)error_set(err, in->name, 0, "cannot read: %s",
			    error_errno(errno, reason, sizeof(reason)));
			zipfile_free(z);
			return NULL;
		}
		/* libzip owns the descriptor it is given: a copy of ours. */
		fd = S_ISREG(st.st_mode) ? dup(in->fd) : spool(in, err);
		if (fd < 0) {
			if (S_ISREG(st.st_mode))
				(void)error_set(err, in->name, 0,
				    "cannot read: %s",
				    error_errno(errno, reason, sizeof(reason)));
			zipfile_free(z);
			return NULL;
		}
		z->za = zl->zip_fdopen(fd, ZIP_RDONLY, &code);
		if (z->za == NULL) {
			(void)close(fd);
			zl->zip_error_init_with_code(&ze, code);
			(void)zip_fail(zl, err, in->name, &ze);
			zl->zip_error_fini(&ze);
		}
	}
	if (z->za == NULL) {
		zipfile_free(z);
		return NULL;
	}
	return z;
}

const char *
zipfile_name(const struct zipfile *z)
{
	return z->name;
}

int
zipfile_has(struct zipfile *z, const char *part)
{
	return z->zl.zip_name_locate(z->za, part, ZIP_FL_NOCASE) >= 0;
}

/* A compression method's name, for a message. */
static const char *
method_name(zip_uint16_t m, char *buf, size_t size)
{
	switch (m) {
	case ZIP_CM_BZIP2:
		return "bzip2";
	case ZIP_CM_DEFLATE64:
		return "deflate64";
	case ZIP_CM_LZMA:
	case ZIP_CM_LZMA2:
		return "lzma";
	case ZIP_CM_XZ:
		return "xz";
	default:
		(void)snprintf(buf, size, "method %u", (unsigned)m);
		return buf;
	}
}

/*
 * Checks what the directory says of a part against the limits (see
 * zipfile.h); 0, or -1 with err filled.
 */
static int
check_part(struct zipfile *z, const char *part, const zip_stat_t *st,
    struct error *err)
{
	zip_uint64_t need = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE |
	    ZIP_STAT_COMP_METHOD | ZIP_STAT_ENCRYPTION_METHOD;
	char buf[32];

	if ((st->valid & need) != need)
		return error_set(err, z->name, 0,
		    "%s: its size is not in the zip directory", part);
	if (st->encryption_method != ZIP_EM_NONE)
		return error_set(err, z->name, 0,
		    "%s is encrypted (save the workbook without a password)",
		    part);
	if (st->size > ZIPFILE_PART_MAX)
		return error_set(err, z->name, 0,
		    "%s would inflate to %llu bytes, more than the 4 GiB a "
		    "part may",
		    part, (unsigned long long)st->size);
	if (st->size > ZIPFILE_RATIO_GRACE &&
	    st->size / ZIPFILE_RATIO_MAX > st->comp_size)
		return error_set(err, z->name, 0,
		    "%s would inflate from %llu to %llu bytes, more than %u "
		    "times its size (a zip bomb?)",
		    part, (unsigned long long)st->comp_size,
		    (unsigned long long)st->size, ZIPFILE_RATIO_MAX);
	if (st->comp_method != ZIP_CM_STORE &&
	    st->comp_method != ZIP_CM_DEFLATE)
		return error_set(err, z->name, 0,
		    "%s is compressed with %s; a workbook's parts are "
		    "stored or deflated",
		    part, method_name(st->comp_method, buf, sizeof(buf)));
	return 0;
}

struct zippart *
zippart_open(struct zipfile *z, const char *part, struct error *err)
{
	const struct ziplib *zl = &z->zl;
	struct zippart *p;
	zip_int64_t idx;
	zip_stat_t st;

	idx = zl->zip_name_locate(z->za, part, ZIP_FL_NOCASE);
	if (idx < 0) {
		(void)error_set(
		    err, z->name, 0, "no part %s in the workbook", part);
		return NULL;
	}
	zl->zip_stat_init(&st);
	if (zl->zip_stat_index(z->za, (zip_uint64_t)idx, 0, &st) != 0) {
		(void)zip_fail(zl, err, z->name, zl->zip_get_error(z->za));
		return NULL;
	}
	if (check_part(z, part, &st, err) != 0)
		return NULL;
	p = calloc(1, sizeof(*p));
	if (p != NULL)
		p->part = strdup(part);
	if (p == NULL || p->part == NULL) {
		free(p);
		(void)error_set(err, z->name, 0, "out of memory");
		return NULL;
	}
	p->z = z;
	p->size = st.size;
	p->zf = zl->zip_fopen_index(z->za, (zip_uint64_t)idx, 0);
	if (p->zf == NULL) {
		char buf[256];
		zip_error_t *ze = zl->zip_get_error(z->za);

		(void)error_set(err, z->name, 0, "%s: %s", part,
		    zip_words(zl, zl->zip_error_code_zip(ze),
		        zl->zip_error_code_system(ze), buf, sizeof(buf)));
		zippart_close(p);
		return NULL;
	}
	return p;
}

ssize_t
zippart_read(struct zippart *p, void *buf, size_t n, struct error *err)
{
	const struct ziplib *zl = &p->z->zl;
	zip_int64_t got;
	zip_uint64_t left = p->size - p->done;
	char words[256];
	zip_error_t *ze;

	/* One byte more than is left tells a part that runs over. */
	if (n > left + 1)
		n = (size_t)(left + 1);
	got = zl->zip_fread(p->zf, buf, n);
	if (got < 0) {
		ze = zl->zip_file_get_error(p->zf);
		return error_set(err, p->z->name, 0, "%s: %s", p->part,
		    zip_words(zl, zl->zip_error_code_zip(ze),
		        zl->zip_error_code_system(ze), words, sizeof(words)));
	}
	p->done += (zip_uint64_t)got;
	if (p->done > p->size)
		return error_set(err, p->z->name, 0,
		    "%s inflates past the %llu bytes it says it holds (a zip "
		    "bomb?)",
		    p->part, (unsigned long long)p->size);
	return (ssize_t)got;
}

void
zippart_close(struct zippart *p)
{
	if (p == NULL)
		return;
	if (p->zf != NULL)
		(void)p->z->zl.zip_fclose(p->zf);
	free(p->part);
	free(p);
}

void
zipfile_free(struct zipfile *z)
{
	if (z == NULL)
		return;
	if (z->za != NULL)
		z->zl.zip_discard(z->za);
	dynlib_close(z->handle);
	free(z);
}
