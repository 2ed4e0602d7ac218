/*
 * ruleparse.c - the parser's side of ruletest.h: what the lines of a
 * rules file are read with, by rules_parse.c and by each kind's parse():
 * errors at the line being read, room in the set's arena, growing
 * arrays, columns (found or added by their normal form), lists of
 * words, numbers, periods and operands.  Each reads from where the last
 * one stopped.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "grow.h"
#include "lineparse.h"
#include "rules.h"
#include "rules_impl.h"
#include "ruletest.h"
#include "value.h"

int
ruleparse_error(struct ruleparse *ps, const char *fmt, ...)
{
	struct error *err = ps->lp.err;
	va_list ap;

	if (err == NULL)
		return -1;
	err->file = ps->lp.file;
	err->line = ps->lp.line;
	va_start(ap, fmt);
	(void)vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return -1;
}

/*
 * Room in the arena for what the rest of the line can give, plus a NUL;
 * the arena's bound makes it there, but is checked.  Returns where to
 * write, or NULL with the error filled.
 */
char *
ruleparse_arena_room(struct ruleparse *ps)
{
	struct rules *r = ps->r;

	if (ps->lp.n - ps->lp.i >= r->arena_size - r->arena_used) {
		ruleparse_error(ps, "out of memory");
		return NULL;
	}
	return r->arena + r->arena_used;
}

/* Keeps the n bytes written at ruleparse_arena_room(), adding a NUL. */
const char *
ruleparse_arena_keep(struct rules *r, size_t n)
{
	char *s = r->arena + r->arena_used;

	s[n] = '\0';
	r->arena_used += n + 1;
	return s;
}

/*
 * Copies the n bytes at s into the arena with a NUL.  The result is
 * valid until rules_free(); NULL (with err filled) only if the arena's
 * bound were wrong.
 */
char *
ruleparse_arena_copy(struct ruleparse *ps, const char *s, size_t n)
{
	struct rules *r = ps->r;
	char *out;

	if (n >= r->arena_size - r->arena_used) {
		ruleparse_error(ps, "out of memory");
		return NULL;
	}
	out = r->arena + r->arena_used;
	memcpy(out, s, n);
	out[n] = '\0';
	r->arena_used += n + 1;
	return out;
}

/*
 * Makes room for one more of what *items holds (*cap of size bytes
 * each, *n used); returns 0, or -1 with the error filled.
 */
int
ruleparse_grow(
    struct ruleparse *ps, void *items, size_t *cap, size_t n, size_t size)
{
	if (grow_array(items, cap, n + 1, size, 16, SIZE_MAX) != 0)
		return ruleparse_error(ps, "out of memory");
	return 0;
}

int
ruleparse_keyword(struct ruleparse *ps, const char *word)
{
	return lineparse_keyword(&ps->lp, word);
}

int
ruleparse_at_test_end(struct ruleparse *ps)
{
	size_t save = ps->lp.i, n;
	const char *s;
	int end = 1;

	/* Nothing is consumed, the blanks before the next word included. */
	if (lineparse_word(&ps->lp, &s, &n) == 0)
		end = word_is(s, n, "when");
	ps->lp.i = save;
	return end;
}

int
ruleparse_number(
    struct ruleparse *ps, const char *keyword, struct decimal *out, int *count)
{
	char q[ERROR_QUOTE_BUF];
	const char *s, *dot;
	size_t n, i;
	int c = 0;

	if (lineparse_word(&ps->lp, &s, &n) != 0)
		return ruleparse_error(
		    ps, "missing number after \"%s\"", keyword);
	if (value_decimal(s, n, out) != VALUE_OK)
		return ruleparse_error(ps, "bad number %s", quote(q, s, n));
	dot = memchr(s, '.', n);
	if (dot != NULL && (size_t)(s + n - dot - 1) > 9)
		return ruleparse_error(ps,
		    "too many digits after the point in %s (at most 9)",
		    quote(q, s, n));
	if (out->nwhole > 9)
		return ruleparse_error(ps,
		    "number too large %s (at most 999999999.999999999)",
		    quote(q, s, n));
	for (i = 0; i < out->nwhole; i++)
		c = c * 10 + (out->whole[i] - '0');
	if (count != NULL && dot == NULL)
		*count = c;
	return 0;
}

/* 12 or 1 for a unit word, 0 for any other. */
static int
unit_months(const char *s, size_t n)
{
	if (word_is(s, n, "year") || word_is(s, n, "years"))
		return 12;
	if (word_is(s, n, "month") || word_is(s, n, "months"))
		return 1;
	return 0;
}

int
ruleparse_period(struct ruleparse *ps, const char *keyword, struct test *t,
    int unit_optional)
{
	struct decimal d;
	size_t save, n;
	const char *s;

	t->count = -1;
	if (ruleparse_number(ps, keyword, &d, &t->count) != 0)
		return -1;
	if (t->count < 0)
		return ruleparse_error(ps,
		    "\"%s\" takes a whole number of years or months", keyword);
	t->number = d;
	save = ps->lp.i;
	t->months = 0;
	if (lineparse_word(&ps->lp, &s, &n) == 0)
		t->months = unit_months(s, n);
	if (t->months != 0)
		return 0;
	ps->lp.i = save;
	if (unit_optional)
		return 0;
	return ruleparse_error(ps,
	    "missing unit after \"%s %d\" (years or months)", keyword,
	    t->count);
}

/*
 * Reads a column name into the arena, and its normal form after it;
 * *name and *norm (of length *normlen, NUL-terminated) are valid until
 * rules_free().  Returns 0 or -1.
 */
int
ruleparse_read_column_name(
    struct ruleparse *ps, const char **name, const char **norm, size_t *normlen)
{
	struct rules *r = ps->r;
	char q[ERROR_QUOTE_BUF];
	const char *s;
	char *copy, *nf;
	size_t n, i;

	if (lineparse_word(&ps->lp, &s, &n) != 0)
		return ruleparse_error(ps, "missing column name");
	for (i = 0; i < n && !ascii_is_alnum((unsigned char)s[i]); i++)
		continue;
	if (i == n)
		return ruleparse_error(ps,
		    "bad column name %s (no letter or digit)", quote(q, s, n));
	copy = ruleparse_arena_copy(ps, s, n);
	if (copy == NULL)
		return -1;
	/* The normal form, no longer than the name, just after it. */
	if (n >= r->arena_size - r->arena_used)
		return ruleparse_error(ps, "out of memory");
	nf = r->arena + r->arena_used;
	*normlen = header_normalise(copy, n, nf);
	nf[*normlen] = '\0';
	r->arena_used += *normlen + 1;
	*name = copy;
	*norm = nf;
	return 0;
}

int
ruleparse_column(struct ruleparse *ps, size_t *slot, const char **name)
{
	struct rules *r = ps->r;
	/* Set because clang's analyzer, not following the variadic
	 * ruleparse_error(), takes its -1 for a possible 0. */
	const char *norm = NULL;
	size_t t = 0;

	if (ruleparse_read_column_name(ps, name, &norm, &t) != 0)
		return -1;
	*slot = rules_index_find(r, &r->col_index, norm, t);
	if (*slot != (size_t)-1)
		return 0;
	if (ruleparse_grow(
	        ps, &r->cols, &r->cols_cap, r->ncols, sizeof(*r->cols)) != 0 ||
	    ruleparse_grow(ps, &r->col_norm, &r->norm_cap, r->ncols,
	        sizeof(*r->col_norm)) != 0)
		return -1;
	r->cols[r->ncols].name = *name;
	r->cols[r->ncols].required = 1;
	r->col_norm[r->ncols] = norm;
	if (rules_index_add(&r->col_index, norm, r->ncols) != 0)
		return ruleparse_error(ps, "out of memory");
	*slot = r->ncols++;
	return 0;
}

int
ruleparse_operand(struct ruleparse *ps, struct test *t)
{
	static const struct {
		const char *word;
		enum operand op;
	} ops[] = {
		{ "age(", OPERAND_AGE },
		{ "years-since(", OPERAND_YEARS },
		{ "months-since(", OPERAND_MONTHS },
	};
	struct lineparse inner;
	char q[ERROR_QUOTE_BUF];
	const char *s;
	size_t n, k, w;

	t->operand = OPERAND_NUMBER;
	if (lineparse_word(&ps->lp, &s, &n) != 0)
		return ruleparse_error(ps, "missing column name");
	for (k = 0; k < sizeof(ops) / sizeof(ops[0]); k++) {
		w = strlen(ops[k].word);
		if (n >= w && memcmp(s, ops[k].word, w) == 0)
			break;
	}
	if (k == sizeof(ops) / sizeof(ops[0])) {
		ps->lp.i -= n;
		return ruleparse_column(ps, &t->slot[0], &t->colname[0]);
	}
	if (n == w + 1 || s[n - 1] != ')')
		return ruleparse_error(ps,
		    "bad operand %s (expected %sCOLUMN))", quote(q, s, n),
		    ops[k].word);
	/* The column between the parentheses, read as a line of its own. */
	inner = ps->lp;
	ps->lp.p = s + w;
	ps->lp.n = n - w - 1;
	ps->lp.i = 0;
	if (ruleparse_column(ps, &t->slot[0], &t->colname[0]) != 0)
		return -1;
	if (!lineparse_at_end(&ps->lp))
		return ruleparse_error(ps,
		    "bad operand %s (expected %sCOLUMN))", quote(q, s, n),
		    ops[k].word);
	ps->lp.p = inner.p;
	ps->lp.n = inner.n;
	ps->lp.i = inner.i;
	t->operand = ops[k].op;
	return 0;
}

/*
 * Reads a list into the set's words: *first and *n receive where.
 * Returns 0 or -1.
 */
int
ruleparse_read_list(
    struct ruleparse *ps, const char *what, size_t *first, size_t *n)
{
	struct rules *r = ps->r;
	char *dst;
	size_t len;
	int st;

	if (lineparse_list_open(&ps->lp, what) != 0)
		return -1;
	*first = r->nwords;
	for (;;) {
		dst = ruleparse_arena_room(ps);
		if (dst == NULL)
			return -1;
		st = lineparse_list_item(&ps->lp, what, dst, &len);
		if (st < 0)
			return -1;
		if (st == 0)
			break;
		if (ruleparse_grow(ps, &r->words, &r->words_cap, r->nwords,
		        sizeof(*r->words)) != 0)
			return -1;
		r->words[r->nwords].s = ruleparse_arena_keep(r, len);
		r->words[r->nwords].n = len;
		r->nwords++;
	}
	*n = r->nwords - *first;
	if (*n == 0)
		return ruleparse_error(ps, "empty list (a %s at least)", what);
	return 0;
}

int
ruleparse_list(struct ruleparse *ps, const char *what, struct test *t)
{
	return ruleparse_read_list(ps, what, &t->words_first, &t->nwords);
}
