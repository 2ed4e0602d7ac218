/*
 * xmlpart.h - one XML part of a zip archive, parsed as it is inflated,
 * by expat.
 *
 * The part's bytes go to expat 64 KiB at a time, and its elements and
 * text come back through handlers, element names without their
 * prefix ("row", whatever prefix the file gives it), so memory is
 * bounded by what the handlers keep.  A handler may pause the parse
 * (xmlpart_pause()): xmlpart_run() then returns, and the next call goes
 * on from the very next byte; that is how a worksheet is handed on one
 * row at a time.  A handler may also stop it with an error
 * (xmlpart_fail()).
 *
 * Workbook XML never has a document type declaration, and one is the
 * door to entity expansion (a billion laughs): the parse stops at the
 * first with an error, before any entity is declared; external
 * entities are never read.  Only <expat.h>'s own file includes it.
 */
#ifndef CIVPOL_XMLPART_H
#define CIVPOL_XMLPART_H

#include <stddef.h>

#include "error.h"
#include "zipfile.h"

struct xmlpart;

/*
 * What a part's elements and text are handed to; ud is the caller's,
 * given to xmlpart_open().  Borrowed: name, attrs and s are valid for
 * the call only.  attrs is NULL-terminated name, value pairs (see
 * xmlpart_attr()).  Any handler may be NULL.
 */
struct xmlpart_handlers {
	void (*start)(
	    struct xmlpart *x, void *ud, const char *name, const char **attrs);
	void (*end)(struct xmlpart *x, void *ud, const char *name);
	void (*text)(struct xmlpart *x, void *ud, const char *s, size_t n);
};

enum xmlpart_status {
	XMLPART_DONE = 0, /* the whole part is parsed */
	XMLPART_PAUSED, /* a handler paused: call xmlpart_run() again */
	XMLPART_FAILED /* err says why (file: the archive, msg: part:line:col) */
};

/*
 * Opens the part named part of z for parsing.  Borrowed: z and h must
 * outlive the result.  Returns NULL and fills err when the part is
 * missing or refused (zippart_open()) or memory runs out.  The caller
 * frees the result with xmlpart_free().
 */
struct xmlpart *xmlpart_open(struct zipfile *z, const char *part,
    const struct xmlpart_handlers *h, void *ud, struct error *err);

/*
 * Parses on: to the end of the part, until a handler pauses, or until
 * it fails (then err is filled, and every later call fails the same).
 */
enum xmlpart_status xmlpart_run(struct xmlpart *x, struct error *err);

/* From a handler: returns from xmlpart_run() after this event. */
void xmlpart_pause(struct xmlpart *x);

/*
 * From a handler: stops the parse; xmlpart_run() fails with the part's
 * name, the position and the printf-style message.
 */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void
xmlpart_fail(struct xmlpart *x, const char *fmt, ...);

/* The line the parse is at (from 1), for a handler's message. */
unsigned long xmlpart_line(const struct xmlpart *x);

/* The byte offset in the part of the event being handled. */
unsigned long long xmlpart_offset(const struct xmlpart *x);

/*
 * The value of the attribute whose name, without its prefix, is local,
 * or NULL; namespace declarations (xmlns, xmlns:P) are not attributes.
 * Borrowed: valid as long as attrs.
 */
const char *xmlpart_attr(const char **attrs, const char *local);

/*
 * Finds the values of n attributes in one pass: values[i] is the value
 * of the attribute whose local name is locals[i], or NULL.  Borrowed:
 * the values are valid as long as attrs.
 */
void xmlpart_attrs(const char **attrs, const char *const *locals,
    const char **values, size_t n);

/* Frees x; xmlpart_free(NULL) does nothing. */
void xmlpart_free(struct xmlpart *x);

/*
 * Parses the whole part named part of z with h (no pausing): open, run
 * and free.  Returns 0, or -1 with err filled.
 */
int xmlpart_parse(struct zipfile *z, const char *part,
    const struct xmlpart_handlers *h, void *ud, struct error *err);

#endif
