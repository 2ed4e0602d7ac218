/*
 * fields.c - one record's fields within the record limit; see fields.h.
 */
#include <stdlib.h>

#include "fields.h"

/* The first sizes of the arena and of the index. */
#define ARENA_START 4096
#define FIELDS_START 64

int
fields_init(struct fields *fs, size_t max_field, size_t max_record)
{
	fs->max_field = max_field;
	fs->max_record = max_record;
	fs->arena = malloc(ARENA_START);
	fs->field = malloc(FIELDS_START * sizeof(*fs->field));
	fs->arena_cap = ARENA_START;
	fs->field_cap = FIELDS_START;
	fields_clear(fs);
	return fs->arena != NULL && fs->field != NULL ? 0 : -1;
}

void
fields_release(struct fields *fs)
{
	free(fs->arena);
	free(fs->field);
	fs->arena = NULL;
	fs->field = NULL;
}

/*
 * Each grows by doubling, never past what the limit lets a record use;
 * the views of the fields copied so far follow their bytes.
 */
int
fields_reserve(struct fields *fs, size_t bytes, size_t nfields)
{
	size_t need = fs->used + bytes, cap, i;
	size_t most = fs->max_record / sizeof(struct field);
	struct field *f;
	char *p;

	nfields += fs->n;
	if (need > fs->max_record || need < fs->used)
		need = fs->max_record;
	if (nfields > most || nfields < fs->n)
		nfields = most;
	if (need > fs->arena_cap) {
		cap = fs->arena_cap * 2;
		if (cap < need)
			cap = need;
		if (cap > fs->max_record)
			cap = fs->max_record;
		p = realloc(fs->arena, cap);
		if (p == NULL)
			return -1;
		fs->arena = p;
		fs->arena_cap = cap;
		for (i = 0; i < fs->n; i++) {
			fs->field[i].ptr = p;
			p += fs->field[i].len;
		}
	}
	if (nfields > fs->field_cap) {
		cap = fs->field_cap * 2;
		if (cap < nfields)
			cap = nfields;
		if (cap > most)
			cap = most;
		f = realloc(fs->field, cap * sizeof(*f));
		if (f == NULL)
			return -1;
		fs->field = f;
		fs->field_cap = cap;
	}
	return 0;
}
