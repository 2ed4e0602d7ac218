/*
 * profile.c - a source profile's parser; see profile.h.
 *
 * As a rule set does, a profile keeps its text and one arena of the
 * strings taken from it (each no longer than its own stretch of the
 * text, and at most two per stretch: a name and, for a list, nothing
 * more), so that the arena never moves and the maps and translations
 * handed out point into it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "grow.h"
#include "lineparse.h"
#include "profile.h"

struct profile {
	char *text;
	size_t len;
	char *arena;
	size_t arena_used;
	size_t arena_size;
	const char *name;
	char hash[13];
	struct column_map *maps;
	unsigned long *map_line;
	size_t nmaps;
	size_t maps_cap, map_line_cap;
	struct translation *tr;
	unsigned long *tr_line;
	size_t ntr;
	size_t tr_cap, tr_line_cap;
};

/* error_quote() into buf, the caller's ERROR_QUOTE_BUF bytes. */
static char *
quote(char *buf, const char *s, size_t n)
{
	return error_quote(buf, ERROR_QUOTE_BUF, s, n);
}

/* Room in the arena for the rest of the line; NULL when out. */
static char *
room(struct profile *p, struct lineparse *lp)
{
	if (lp->n - lp->i >= p->arena_size - p->arena_used) {
		lineparse_error(lp, "out of memory");
		return NULL;
	}
	return p->arena + p->arena_used;
}

/* Keeps the n bytes written at room(), adding a NUL. */
static const char *
keep(struct profile *p, size_t n)
{
	char *s = p->arena + p->arena_used;

	s[n] = '\0';
	p->arena_used += n + 1;
	return s;
}

/* Reads a string into the arena: *s and *n.  Returns 0 or -1. */
static int
read_string(struct profile *p, struct lineparse *lp, const char *what,
    const char **s, size_t *n)
{
	char *dst = room(p, lp);

	if (dst == NULL || lineparse_string(lp, what, 0, dst, n) != 0)
		return -1;
	*s = keep(p, *n);
	return 0;
}

/* Reads a column name (a word with a letter or digit); 0 or -1. */
static int
read_column(struct profile *p, struct lineparse *lp, const char **out)
{
	char q[ERROR_QUOTE_BUF];
	const char *s;
	size_t n, i;
	char *dst;

	if (lineparse_word(lp, &s, &n) != 0)
		return lineparse_error(lp, "missing column name");
	for (i = 0; i < n && !ascii_is_alnum((unsigned char)s[i]); i++)
		continue;
	if (i == n)
		return lineparse_error(lp,
		    "bad column name %s (no letter or digit)", quote(q, s, n));
	dst = room(p, lp);
	if (dst == NULL)
		return -1;
	memcpy(dst, s, n);
	*out = keep(p, n);
	return 0;
}

/* Says so, and returns -1 (in so many words, for the analyzers). */
static int
oom(struct lineparse *lp)
{
	(void)lineparse_error(lp, "out of memory");
	return -1;
}

/*
 * Makes room for one more column line (and its line number); 0, or -1
 * out of memory.
 */
static int
grow_maps(struct profile *p, struct lineparse *lp)
{
	if (grow_array(&p->map_line, &p->map_line_cap, p->nmaps + 1,
	        sizeof(*p->map_line), 16, SIZE_MAX) != 0 ||
	    grow_array(&p->maps, &p->maps_cap, p->nmaps + 1, sizeof(*p->maps),
	        16, SIZE_MAX) != 0)
		return oom(lp);
	return 0;
}

/* The same for a value line's word; 0, or -1 out of memory. */
static int
grow_tr(struct profile *p, struct lineparse *lp)
{
	if (grow_array(&p->tr_line, &p->tr_line_cap, p->ntr + 1,
	        sizeof(*p->tr_line), 16, SIZE_MAX) != 0 ||
	    grow_array(&p->tr, &p->tr_cap, p->ntr + 1, sizeof(*p->tr), 16,
	        SIZE_MAX) != 0)
		return oom(lp);
	return 0;
}

/* Parses the rest of a column line; 0 or -1. */
static int
parse_column(struct profile *p, struct lineparse *lp)
{
	const char *column = "", *header = "";
	size_t n = 0, k;

	if (read_column(p, lp, &column) != 0)
		return -1;
	if (lineparse_at_end(lp))
		return lineparse_error(
		    lp, "missing header after \"%s\"", column);
	if (read_string(p, lp, "header", &header, &n) != 0)
		return -1;
	if (n == 0)
		return lineparse_error(lp, "empty header");
	for (k = 0; k < p->nmaps; k++)
		if (header_match(
		        p->maps[k].column, strlen(p->maps[k].column), column))
			return lineparse_error(lp,
			    "column \"%s\" given twice (first on line %lu)",
			    column, p->map_line[k]);
	if (grow_maps(p, lp) != 0)
		return -1;
	p->maps[p->nmaps].column = column;
	p->maps[p->nmaps].header = header;
	p->map_line[p->nmaps++] = lp->line;
	return lineparse_end(lp, "after the header");
}

/* Adds the translation of word (n bytes at s) in column; 0 or -1. */
static int
add_word(struct profile *p, struct lineparse *lp, const char *column,
    const char *s, size_t n)
{
	char q[ERROR_QUOTE_BUF];
	const struct translation *t;
	size_t k, i;

	for (k = 0; k < p->ntr; k++) {
		t = &p->tr[k];
		if (t->from_len != n ||
		    !header_match(t->column, strlen(t->column), column))
			continue;
		for (i = 0; i < n; i++)
			if (ascii_fold_letter(t->from[i]) !=
			    ascii_fold_letter(s[i]))
				break;
		if (i == n)
			return lineparse_error(lp,
			    "value %s of \"%s\" given twice (first on line "
			    "%lu)",
			    quote(q, s, n), column, p->tr_line[k]);
	}
	if (grow_tr(p, lp) != 0)
		return -1;
	p->tr[p->ntr].column = column;
	p->tr[p->ntr].from = s;
	p->tr[p->ntr].from_len = n;
	p->tr_line[p->ntr++] = lp->line;
	return 0;
}

/* Parses the rest of a value line; 0 or -1. */
static int
parse_value(struct profile *p, struct lineparse *lp)
{
	const char *column = "", *s = "", *to = "";
	size_t first = p->ntr, n = 0, k;
	char *dst;
	int st;

	if (read_column(p, lp, &column) != 0)
		return -1;
	if (lineparse_peek(lp) == '[') {
		(void)lineparse_list_open(lp, "words");
		for (;;) {
			dst = room(p, lp);
			if (dst == NULL)
				return -1;
			st = lineparse_list_item(lp, "word", dst, &n);
			if (st < 0)
				return -1;
			if (st == 0)
				break;
			s = keep(p, n);
			if (add_word(p, lp, column, s, n) != 0)
				return -1;
		}
		if (p->ntr == first)
			return lineparse_error(
			    lp, "empty list (a word at least)");
	} else {
		if (read_string(p, lp, "word", &s, &n) != 0)
			return -1;
		if (n == 0)
			return lineparse_error(lp, "empty word");
		if (add_word(p, lp, column, s, n) != 0)
			return -1;
	}
	if (lineparse_at_end(lp))
		return lineparse_error(lp, "missing meaning after the word");
	if (read_string(p, lp, "meaning", &to, &n) != 0)
		return -1;
	for (k = first; k < p->ntr; k++) {
		p->tr[k].to = to;
		p->tr[k].to_len = n;
	}
	return lineparse_end(lp, "after the meaning");
}

/* Parses one line; 0 or -1. */
static int
parse_line(struct profile *p, struct lineparse *lp)
{
	char q[ERROR_QUOTE_BUF];
	const char *s;
	size_t n;

	if (lineparse_run(lp, &s, &n) != 0)
		return 0;
	if (n == 7 && memcmp(s, "profile", 7) == 0) {
		if (p->name != NULL)
			return lineparse_error(lp, "\"profile\" given twice");
		if (lineparse_word(lp, &s, &n) != 0)
			return lineparse_error(lp, "missing profile name");
		if (room(p, lp) == NULL)
			return -1;
		memcpy(p->arena + p->arena_used, s, n);
		p->name = keep(p, n);
		return lineparse_end(lp, "after the name");
	}
	if (p->name == NULL)
		return lineparse_error(lp, "\"profile NAME\" must come first");
	if (n == 6 && memcmp(s, "column", 6) == 0)
		return parse_column(p, lp);
	if (n == 5 && memcmp(s, "value", 5) == 0)
		return parse_value(p, lp);
	return lineparse_error(lp, "unknown directive %s", quote(q, s, n));
}

void
profile_free(struct profile *p)
{
	if (p == NULL)
		return;
	free(p->text);
	free(p->arena);
	free(p->maps);
	free(p->map_line);
	free(p->tr);
	free(p->tr_line);
	free(p);
}

/* The caller frees the result with profile_free(). */
struct profile *
profile_parse(const char *text, size_t len, const char *file, struct error *err)
{
	struct lineparse lp;
	struct profile *p;
	int st;

	if (len > (SIZE_MAX - 16) / 2) {
		error_set(err, file, 0, "out of memory");
		return NULL;
	}
	p = calloc(1, sizeof(*p));
	if (p == NULL) {
		error_set(err, file, 0, "out of memory");
		return NULL;
	}
	p->text = malloc(len + 1);
	p->arena_size = 2 * len + 16;
	p->arena = malloc(p->arena_size);
	if (p->text == NULL || p->arena == NULL) {
		profile_free(p);
		error_set(err, file, 0, "out of memory");
		return NULL;
	}
	if (len > 0)
		memcpy(p->text, text, len);
	p->text[len] = '\0';
	p->len = len;
	lineparse_init(&lp, p->text, len, file, "profile", err);
	while ((st = lineparse_next(&lp)) > 0)
		if (parse_line(p, &lp) != 0) {
			st = -1;
			break;
		}
	if (st == 0 && p->name == NULL)
		st = lineparse_error(&lp, "missing \"profile NAME\"");
	if (st != 0) {
		profile_free(p);
		return NULL;
	}
	lineparse_hash(p->text, p->len, p->hash);
	return p;
}

const char *
profile_name(const struct profile *p)
{
	return p->name;
}

const char *
profile_hash(const struct profile *p)
{
	return p->hash;
}

const struct column_map *
profile_maps(const struct profile *p, size_t *n)
{
	*n = p->nmaps;
	return p->maps;
}

const struct translation *
profile_translations(const struct profile *p, size_t *n)
{
	*n = p->ntr;
	return p->tr;
}
