/*
 * fields.h - one record's fields: their bytes in an arena, their views
 * in an index, within the record limit.
 *
 * A source builds each record here: fields_add() copies a field's bytes,
 * or a source points index entries at bytes of its own (views, which
 * it makes room for with fields_reserve() and counts in n itself).  The arena and the index grow, by doubling, to what the
 * largest record needs, and stay, so that a record in steady state costs
 * no allocation; they never grow past the record limit.  A field costs
 * its bytes and its 16 bytes of index against that limit.
 *
 * The struct is the caller's storage; its fields are read directly.
 */
#ifndef CIVPOL_FIELDS_H
#define CIVPOL_FIELDS_H

#include <stddef.h>
#include <string.h>

#include "reader.h"

struct fields {
	struct field *field; /* the index: field[0, n) */
	size_t n;
	size_t field_cap;
	char *arena; /* the copied bytes: arena[0, used) */
	size_t used;
	size_t arena_cap;
	size_t max_field; /* the longest field */
	size_t max_record; /* the record limit */
	size_t room; /* what the limit leaves this record */
	int refused; /* a field of this record was refused */
};

/* What fields_add() says of a field it refuses. */
enum fields_refusal {
	FIELDS_ADDED = 0,
	FIELDS_FIELD_LONG, /* the field is over max_field */
	FIELDS_RECORD_LONG, /* the record would be over max_record */
	FIELDS_REFUSED /* the record was refused already */
};

/*
 * Sets fs up for fields of at most max_field bytes and records of at
 * most max_record (bytes and index).  Returns 0, or -1 when out of
 * memory.  The caller releases fs with fields_release().
 */
int fields_init(struct fields *fs, size_t max_field, size_t max_record);

/* Frees what fs holds; fs itself is the caller's. */
void fields_release(struct fields *fs);

/* Starts a new record: no fields, the whole limit left. */
static inline void
fields_clear(struct fields *fs)
{
	fs->n = 0;
	fs->used = 0;
	fs->room = fs->max_record;
	fs->refused = 0;
}

/*
 * Makes room, before they come, for bytes more bytes in at most nfields
 * more fields, within the limit, so that adding them never allocates.
 * Returns 0, or -1 when out of memory.
 */
int fields_reserve(struct fields *fs, size_t bytes, size_t nfields);

/*
 * Adds a field, a copy of the len bytes at s, when there is room (see
 * fields_reserve()) and it is within the limits; else refuses it, and
 * every field after it in the record, and says why.
 */
static inline enum fields_refusal
fields_add(struct fields *fs, const char *s, size_t len)
{
	struct field *f;

	if (fs->refused)
		return FIELDS_REFUSED;
	if (len > fs->max_field || len + sizeof(struct field) > fs->room) {
		fs->refused = 1;
		return len > fs->max_field ? FIELDS_FIELD_LONG
		                           : FIELDS_RECORD_LONG;
	}
	fs->room -= len + sizeof(struct field);
	f = &fs->field[fs->n++];
	f->ptr = fs->arena + fs->used;
	f->len = len;
	if (len > 0)
		memcpy(fs->arena + fs->used, s, len);
	fs->used += len;
	return FIELDS_ADDED;
}

#endif
