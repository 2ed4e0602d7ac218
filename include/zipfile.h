/*
 * zipfile.h - the parts of a zip archive, read within limits (libzip).
 *
 * A workbook is a zip archive of XML parts.  This module opens one,
 * from a file, a pipe or memory, and reads a part as a stream of bytes,
 * inflated, with its CRC checked at its end.  Only libzip's own file
 * includes <zip.h>: the rest of the program sees an opaque handle.
 *
 * A zip can hold a bomb: a part a thousand times (deflate) or a million
 * times (bzip2) larger inflated than stored.  So a part is refused,
 * before a byte of it is inflated, when it is compressed any way but
 * stored or deflated (the two a spreadsheet writes), when it is
 * encrypted, when it says it inflates to more than ZIPFILE_PART_MAX
 * bytes, or to more than ZIPFILE_RATIO_MAX times its compressed size
 * (past the first ZIPFILE_RATIO_GRACE bytes, where ratios mean little);
 * and reading stops at once when a part inflates past the size it
 * says.  So the work a part costs is bounded by its size in the archive.
 * A pipe cannot be read out of order, as a zip must be: an archive on
 * one is first copied to a temporary file (unlinked at once), of at
 * most ZIPFILE_SPOOL_MAX bytes.
 */
#ifndef CIVPOL_ZIPFILE_H
#define CIVPOL_ZIPFILE_H

#include <stddef.h>
#include <sys/types.h>

#include "error.h"
#include "input.h"

/* What a part may inflate to: 4 GiB, and 100 times its stored size. */
#define ZIPFILE_PART_MAX ((unsigned long long)4 << 30)
#define ZIPFILE_RATIO_MAX 100u
#define ZIPFILE_RATIO_GRACE ((unsigned long long)1 << 20)
/* The largest archive read through a pipe: 1 GiB. */
#define ZIPFILE_SPOOL_MAX ((unsigned long long)1 << 30)

struct zipfile;
struct zippart;

/*
 * Opens the archive that in holds (its bytes from the first: those
 * looked at are read again).  A regular file is read where it is; a
 * pipe or a terminal is copied to a temporary file first; memory is
 * read in place.  Borrowed: in must outlive the result (its name names
 * the archive in messages).  Returns NULL and fills err (with in's name)
 * when in is no zip archive, is cut short or cannot be read.  The caller
 * frees the result with zipfile_free().
 */
struct zipfile *zipfile_open(struct input *in, struct error *err);

/* How messages name the archive.  Borrowed: valid as long as z. */
const char *zipfile_name(const struct zipfile *z);

/* Nonzero when the archive holds a part named part (case ignored). */
int zipfile_has(struct zipfile *z, const char *part);

/*
 * Opens the part named part (ASCII case ignored, as OPC names compare).
 * Returns NULL and fills err when there is no such part or it is refused
 * (see above).  Borrowed: z must outlive the result.  The caller closes
 * the result with zippart_close().
 */
struct zippart *
zippart_open(struct zipfile *z, const char *part, struct error *err);

/*
 * Reads at most n inflated bytes into buf.  Returns the count, 0 at the
 * end of the part (its CRC checked), or -1 with err filled when the
 * part is corrupt, inflates past its size, or cannot be read.
 */
ssize_t zippart_read(struct zippart *p, void *buf, size_t n, struct error *err);

/* Closes p; zippart_close(NULL) does nothing. */
void zippart_close(struct zippart *p);

/* Closes and frees z (and its temporary file); NULL does nothing. */
void zipfile_free(struct zipfile *z);

#endif
