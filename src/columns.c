/*
 * columns.c - the union of several inputs' headers; see columns.h.
 *
 * A column is found by the hash of its name mixed with its occurrence,
 * so that the second "notes" is found as directly as the first; an
 * input's occurrences are counted with an index of its own names.
 */
#include <stdlib.h>
#include <string.h>

#include "columns.h"

void
columns_release(struct columns *c)
{
	size_t k;

	for (k = 0; k < c->n; k++)
		free(c->col[k].name);
	free(c->col);
	strindex_release(&c->index);
	c->col = NULL;
	c->n = 0;
	c->cap = 0;
}

/* The hash of the occ-th column named by the n bytes at s. */
static uint64_t
column_hash(const char *s, size_t n, size_t occ)
{
	return strindex_hash(s, n) ^
	    ((uint64_t)occ * UINT64_C(0x9e3779b97f4a7c15));
}

/* What a lookup of a column looks for. */
struct column_key {
	const struct column *col;
	const char *s;
	size_t n;
	size_t occ;
};

static int
same_column(const void *ctx, size_t k)
{
	const struct column_key *key = ctx;
	const struct column *c = &key->col[k];

	return c->occ == key->occ && c->len == key->n &&
	    (key->n == 0 || memcmp(c->name, key->s, key->n) == 0);
}

/* The column of the occ-th name s (n bytes), or COLUMNS_NONE. */
static size_t
find_column(const struct columns *c, const char *s, size_t n, size_t occ)
{
	struct column_key key = { c->col, s, n, occ };

	return strindex_find(
	    &c->index, column_hash(s, n, occ), same_column, &key);
}

/* What a lookup of a field's name among the fields before it looks for. */
struct field_key {
	const struct field *fields;
	const size_t *first; /* each name's first field */
	const char *s;
	size_t n;
};

static int
same_field(const void *ctx, size_t k)
{
	const struct field_key *key = ctx;
	const struct field *f = &key->fields[key->first[k]];

	return f->len == key->n &&
	    (key->n == 0 || memcmp(f->ptr, key->s, key->n) == 0);
}

/*
 * Numbers the fields of hdr by name: occ[k] is how many fields before k
 * have its name.  Linear in the header, however many names repeat.
 * Returns 0, or -1 when out of memory.
 */
static int
occurrences(const struct record *hdr, size_t *occ)
{
	struct strindex names = STRINDEX_INIT;
	struct field_key key = { hdr->fields, NULL, NULL, 0 };
	size_t *first, *count, k, id, nnames = 0;
	uint64_t h;
	int rc = 0;

	first = malloc((hdr->nfields + 1) * sizeof(*first));
	count = malloc((hdr->nfields + 1) * sizeof(*count));
	key.first = first;
	for (k = 0; first != NULL && count != NULL && k < hdr->nfields; k++) {
		key.s = hdr->fields[k].ptr;
		key.n = hdr->fields[k].len;
		h = strindex_hash(key.s, key.n);
		id = strindex_find(&names, h, same_field, &key);
		if (id == COLUMNS_NONE) {
			id = nnames++;
			first[id] = k;
			count[id] = 0;
			if (strindex_add(&names, h, id) != 0)
				break;
		}
		occ[k] = count[id]++;
	}
	if (first == NULL || count == NULL || k < hdr->nfields)
		rc = -1;
	strindex_release(&names);
	free(first);
	free(count);
	return rc;
}

/* Appends the occ-th column named by f; 0, or -1 when out of memory. */
static int
append(struct columns *c, const struct field *f, size_t occ)
{
	struct column *grown, *col;
	size_t cap;

	if (c->n == c->cap) {
		cap = c->cap > 0 ? 2 * c->cap : 32;
		grown = realloc(c->col, cap * sizeof(*grown));
		if (grown == NULL)
			return -1;
		c->col = grown;
		c->cap = cap;
	}
	col = &c->col[c->n];
	col->name = malloc(f->len + 1);
	if (col->name == NULL)
		return -1;
	if (f->len > 0)
		memcpy(col->name, f->ptr, f->len);
	col->name[f->len] = '\0';
	col->len = f->len;
	col->occ = occ;
	if (strindex_add(&c->index, column_hash(f->ptr, f->len, occ), c->n) !=
	    0) {
		free(col->name);
		return -1;
	}
	c->n++;
	return 0;
}

int
columns_add(struct columns *c, const struct record *hdr,
    int (*skip)(const char *s, size_t n))
{
	size_t *occ, k;
	int rc = -1;

	occ = malloc((hdr->nfields + 1) * sizeof(*occ));
	if (occ == NULL || occurrences(hdr, occ) != 0)
		goto out;
	for (k = 0; k < hdr->nfields; k++) {
		const struct field *f = &hdr->fields[k];

		if ((skip != NULL && skip(f->ptr, f->len)) ||
		    find_column(c, f->ptr, f->len, occ[k]) != COLUMNS_NONE)
			continue;
		if (append(c, f, occ[k]) != 0)
			goto out;
	}
	rc = 0;
out:
	free(occ);
	return rc;
}

int
columns_place(
    const struct columns *c, const struct record *hdr, size_t *field_of)
{
	size_t *occ, k, u;
	int rc = 0;

	for (u = 0; u < c->n; u++)
		field_of[u] = COLUMNS_NONE;
	occ = malloc((hdr->nfields + 1) * sizeof(*occ));
	if (occ == NULL || occurrences(hdr, occ) != 0)
		rc = -1;
	for (k = 0; rc == 0 && k < hdr->nfields; k++) {
		u = find_column(
		    c, hdr->fields[k].ptr, hdr->fields[k].len, occ[k]);
		if (u != COLUMNS_NONE)
			field_of[u] = k;
	}
	free(occ);
	return rc;
}

int
columns_identity(
    const struct columns *c, const size_t *field_of, size_t nfields)
{
	size_t u;

	if (c->n != nfields)
		return 0;
	for (u = 0; u < c->n; u++)
		if (field_of[u] != u)
			return 0;
	return 1;
}
