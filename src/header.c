/*
 * header.c - which field of a record holds which column; see header.h.
 *
 * Names are compared in a normal form: every byte that is not an ASCII
 * letter or digit removed, letters lower-cased.  header_bind() puts every
 * header field into that form once, in one allocation, and then compares
 * each wanted name's form with each field's by length and memcmp(), so a
 * header of 200,000 fields costs one pass plus nwant short compares per
 * field.  Error messages list names, so they are built with bounded
 * appends into a buffer of ERROR_MSG_MAX bytes and say "and N more" for
 * what does not fit.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "header.h"

/* At most this many found headers are listed in an error message. */
#define LIST_MAX 20
/* Room kept at the end of a list for " and N more". */
#define MORE_ROOM 32

/* A message under construction: always NUL-terminated, never overrun. */
struct msg {
	char buf[ERROR_MSG_MAX];
	size_t len;
};

/* The header fields in normal form: field k is text[off[k]..off[k+1]). */
struct norm {
	size_t *off;
	char *text;
};

/*
 * Nonzero for an ASCII letter or digit, whose lower-case form goes to
 * *out, the caller's.
 */
static int
norm_byte(unsigned char c, char *out)
{
	if (!ascii_is_alnum(c))
		return 0;
	*out = (char)ascii_lower(c);
	return 1;
}

size_t
header_normalise(const char *s, size_t n, char *out)
{
	size_t i, o = 0;
	char c;

	for (i = 0; i < n; i++)
		if (norm_byte((unsigned char)s[i], &c))
			out[o++] = c;
	return o;
}

/*
 * The next byte of s's normal form at or after *i (advanced past it), or
 * -1 at the end.
 */
static int
next_norm(const char *s, size_t n, size_t *i)
{
	char c;

	while (*i < n) {
		if (norm_byte((unsigned char)s[(*i)++], &c))
			return (unsigned char)c;
	}
	return -1;
}

int
header_match(const char *a, size_t alen, const char *b)
{
	size_t i = 0, j = 0, blen = strlen(b);
	int ca, cb;

	do {
		ca = next_norm(a, alen, &i);
		cb = next_norm(b, blen, &j);
		if (ca != cb)
			return 0;
	} while (ca >= 0);
	return 1;
}

/*
 * Nonzero when s's normal form is empty: such a name matches nothing.
 */
static int
norm_empty(const char *s)
{
	size_t i = 0;

	return next_norm(s, strlen(s), &i) < 0;
}

/*
 * Nonzero when a and b have one normal form and b's is not empty.
 */
static int
name_match(const char *a, const char *b)
{
	return !norm_empty(b) && header_match(a, strlen(a), b);
}

static void
msg_add(struct msg *m, const char *s)
{
	while (*s != '\0' && m->len + 1 < sizeof(m->buf))
		m->buf[m->len++] = *s++;
	m->buf[m->len] = '\0';
}

/*
 * Appends item k of a list (its n bytes at s, quoted, after ", " unless
 * it is the first) when it fits before byte limit of m.  Returns 0, or
 * -1 when it does not fit and nothing was appended.
 */
static int
msg_item(struct msg *m, size_t k, const char *s, size_t n, size_t limit)
{
	char q[ERROR_QUOTE_BUF];
	size_t need;

	(void)error_quote(q, sizeof(q), s, n);
	need = strlen(q) + (k > 0 ? 2 : 0);
	if (limit > sizeof(m->buf) - 1)
		limit = sizeof(m->buf) - 1;
	if (m->len + need > limit)
		return -1;
	if (k > 0)
		msg_add(m, ", ");
	msg_add(m, q);
	return 0;
}

/* Ends a list of which n items were left out. */
static void
msg_more(struct msg *m, size_t n)
{
	char tmp[MORE_ROOM];

	if (n == 0)
		return;
	(void)snprintf(tmp, sizeof(tmp), " and %zu more", n);
	msg_add(m, tmp);
}

/*
 * Appends the header's field texts as a list, as many as fit, and how
 * many were left out.
 */
static void
msg_found(struct msg *m, const struct record *hdr)
{
	size_t k, limit = sizeof(m->buf) - MORE_ROOM;

	if (hdr->nfields == 0) {
		msg_add(m, "found no headers");
		return;
	}
	msg_add(m, "found ");
	for (k = 0; k < hdr->nfields && k < LIST_MAX; k++)
		if (msg_item(m, k, hdr->fields[k].ptr, hdr->fields[k].len,
		        limit) != 0)
			break;
	msg_more(m, hdr->nfields - k);
}

/*
 * Appends the wanted names as a list, as many as fit before limit.
 */
static void
msg_wanted(
    struct msg *m, const struct column_want *want, size_t nwant, size_t limit)
{
	size_t k;

	if (nwant == 0) {
		msg_add(m, "none");
		return;
	}
	for (k = 0; k < nwant; k++)
		if (msg_item(m, k, want[k].name, strlen(want[k].name),
		        limit - MORE_ROOM) != 0)
			break;
	msg_more(m, nwant - k);
}

static void
msg_quote(struct msg *m, const char *s, size_t n)
{
	char q[ERROR_QUOTE_BUF];

	msg_add(m, error_quote(q, sizeof(q), s, n));
}

/*
 * Puts every field of hdr into normal form in nm.  Returns 0, or -1 when
 * out of memory.  The caller frees nm with norm_release().
 */
static int
norm_init(struct norm *nm, const struct record *hdr)
{
	size_t k, total = 0;

	nm->off = NULL;
	nm->text = NULL;
	for (k = 0; k < hdr->nfields; k++) {
		if (hdr->fields[k].len > SIZE_MAX - 1 - total)
			return -1;
		total += hdr->fields[k].len;
	}
	if (hdr->nfields >= SIZE_MAX / sizeof(*nm->off))
		return -1;
	nm->off = malloc((hdr->nfields + 1) * sizeof(*nm->off));
	nm->text = malloc(total + 1);
	if (nm->off == NULL || nm->text == NULL)
		return -1;
	nm->off[0] = 0;
	for (k = 0; k < hdr->nfields; k++)
		nm->off[k + 1] = nm->off[k] +
		    header_normalise(hdr->fields[k].ptr, hdr->fields[k].len,
		        nm->text + nm->off[k]);
	return 0;
}

/* Frees what norm_init() allocated in nm (not nm itself). */
static void
norm_release(struct norm *nm)
{
	free(nm->off);
	free(nm->text);
}

/*
 * The index of the first map whose column names want (a non-empty
 * name), or nmaps.
 */
static size_t
find_map(const char *want, const struct column_map *maps, size_t nmaps)
{
	size_t j;

	if (norm_empty(want))
		return nmaps;
	for (j = 0; j < nmaps; j++)
		if (header_match(maps[j].column, strlen(maps[j].column), want))
			return j;
	return nmaps;
}

/*
 * Finds the fields whose normal form is the t bytes at key: the first in
 * *first and the second in *second (HEADER_ABSENT when none).  An empty
 * key matches nothing.
 */
static void
find_fields(const struct norm *nm, size_t nfields, const char *key, size_t t,
    size_t *first, size_t *second)
{
	size_t k;

	*first = HEADER_ABSENT;
	*second = HEADER_ABSENT;
	if (t == 0)
		return;
	for (k = 0; k < nfields; k++) {
		if (nm->off[k + 1] - nm->off[k] != t ||
		    memcmp(nm->text + nm->off[k], key, t) != 0)
			continue;
		if (*first == HEADER_ABSENT)
			*first = k;
		else {
			*second = k;
			return;
		}
	}
}

/*
 * Finds the fields whose text is exactly the n bytes at s, as
 * find_fields() does.
 */
static void
find_exact(const struct record *hdr, const char *s, size_t n, size_t *first,
    size_t *second)
{
	size_t k;

	*first = HEADER_ABSENT;
	*second = HEADER_ABSENT;
	for (k = 0; k < hdr->nfields; k++) {
		if (hdr->fields[k].len != n ||
		    memcmp(hdr->fields[k].ptr, s, n) != 0)
			continue;
		if (*first == HEADER_ABSENT)
			*first = k;
		else {
			*second = k;
			return;
		}
	}
}

/*
 * Fills err with the message for two fields, a and b, that match one
 * column; map is the map in force or NULL.
 */
static int
duplicate(const struct record *hdr, const struct column_want *w,
    const struct column_map *map, size_t a, size_t b, struct error *err)
{
	struct msg m;
	char tmp[64];

	m.len = 0;
	m.buf[0] = '\0';
	msg_add(&m, "headers ");
	msg_quote(&m, hdr->fields[a].ptr, hdr->fields[a].len);
	(void)snprintf(tmp, sizeof(tmp), " (column %zu) and ", a + 1);
	msg_add(&m, tmp);
	msg_quote(&m, hdr->fields[b].ptr, hdr->fields[b].len);
	(void)snprintf(tmp, sizeof(tmp), " (column %zu) both match ", b + 1);
	msg_add(&m, tmp);
	if (map != NULL) {
		msg_quote(&m, map->header, strlen(map->header));
		msg_add(&m, " of --map ");
		msg_quote(&m, map->column, strlen(map->column));
		msg_add(&m, "; rename one of them in the file");
	} else {
		msg_quote(&m, w->name, strlen(w->name));
		msg_add(&m, "; choose one with --map ");
		msg_add(&m, w->name);
		msg_add(&m, "=HEADER");
	}
	return error_set(err, hdr->file, hdr->line, "%s", m.buf);
}

/* Fills err for a map whose header hdr lacks. */
static int
map_absent(
    const struct record *hdr, const struct column_map *map, struct error *err)
{
	struct msg m;

	m.len = 0;
	m.buf[0] = '\0';
	msg_add(&m, "--map ");
	msg_quote(&m, map->column, strlen(map->column));
	msg_add(&m, ": no header ");
	msg_quote(&m, map->header, strlen(map->header));
	msg_add(&m, "; ");
	msg_found(&m, hdr);
	return error_set(err, hdr->file, hdr->line, "%s", m.buf);
}

/*
 * Fills err for the required columns that index marks absent.
 */
static int
missing(const struct record *hdr, const struct column_want *want, size_t nwant,
    const size_t *index, struct error *err)
{
	struct msg m;
	size_t i, n = 0, k = 0;
	/* The absent columns get at most half the message. */
	size_t limit = sizeof(m.buf) / 2 - MORE_ROOM;

	for (i = 0; i < nwant; i++)
		if (want[i].required && index[i] == HEADER_ABSENT)
			n++;
	m.len = 0;
	m.buf[0] = '\0';
	msg_add(&m, n == 1 ? "missing column " : "missing columns ");
	for (i = 0; i < nwant; i++) {
		if (!want[i].required || index[i] != HEADER_ABSENT)
			continue;
		if (msg_item(
		        &m, k, want[i].name, strlen(want[i].name), limit) != 0)
			break;
		k++;
	}
	msg_more(&m, n - k);
	msg_add(&m, "; ");
	msg_found(&m, hdr);
	return error_set(err, hdr->file, hdr->line, "%s", m.buf);
}

int
header_bind(const struct record *hdr, const struct column_want *want,
    size_t nwant, const struct column_map *maps, size_t nmaps, size_t *index,
    struct error *err)
{
	struct norm nm;
	char *key = NULL;
	size_t i, j, t, first, second, keymax = 1, nabsent = 0;
	const char *name;
	int rc = -1;

	for (i = 0; i < nwant; i++) {
		index[i] = HEADER_ABSENT;
		t = strlen(want[i].name);
		keymax = t > keymax ? t : keymax;
	}
	for (j = 0; j < nmaps; j++) {
		t = strlen(maps[j].header);
		keymax = t > keymax ? t : keymax;
	}
	key = malloc(keymax);
	if (key == NULL || norm_init(&nm, hdr) != 0) {
		if (key != NULL)
			norm_release(&nm);
		free(key);
		return error_set(err, hdr->file, hdr->line, "out of memory");
	}
	for (i = 0; i < nwant; i++) {
		j = find_map(want[i].name, maps, nmaps);
		name = j < nmaps ? maps[j].header : want[i].name;
		first = HEADER_ABSENT;
		second = HEADER_ABSENT;
		/*
		 * A map names a header by its exact text first, so that it
		 * can choose between two headers of one normal form.
		 */
		if (j < nmaps && name[0] != '\0')
			find_exact(hdr, name, strlen(name), &first, &second);
		if (first == HEADER_ABSENT) {
			t = header_normalise(name, strlen(name), key);
			find_fields(&nm, hdr->nfields, key, t, &first, &second);
		}
		if (second != HEADER_ABSENT) {
			(void)duplicate(hdr, &want[i],
			    j < nmaps ? &maps[j] : NULL, first, second, err);
			goto out;
		}
		if (first == HEADER_ABSENT && j < nmaps) {
			(void)map_absent(hdr, &maps[j], err);
			goto out;
		}
		index[i] = first;
		if (first == HEADER_ABSENT && want[i].required)
			nabsent++;
	}
	if (nabsent > 0) {
		(void)missing(hdr, want, nwant, index, err);
		goto out;
	}
	rc = 0;
out:
	norm_release(&nm);
	free(key);
	return rc;
}

int
header_check_maps(const struct column_want *want, size_t nwant,
    const struct column_map *maps, size_t nmaps, struct error *err)
{
	struct msg m;
	size_t i, j, k;

	for (k = 0; k < nmaps; k++) {
		for (i = 0; i < nwant; i++)
			if (name_match(maps[k].column, want[i].name))
				break;
		m.len = 0;
		m.buf[0] = '\0';
		msg_add(&m, "--map ");
		msg_quote(&m, maps[k].column, strlen(maps[k].column));
		if (i == nwant) {
			msg_add(&m, ": unknown column; known columns: ");
			msg_wanted(&m, want, nwant, sizeof(m.buf) - 1);
			return error_set(err, NULL, 0, "%s", m.buf);
		}
		for (j = 0; j < k; j++) {
			if (!name_match(maps[j].column, want[i].name))
				continue;
			msg_add(&m, ": column ");
			msg_quote(&m, want[i].name, strlen(want[i].name));
			msg_add(&m, " mapped twice, also by --map ");
			msg_quote(&m, maps[j].column, strlen(maps[j].column));
			return error_set(err, NULL, 0, "%s", m.buf);
		}
	}
	return 0;
}
