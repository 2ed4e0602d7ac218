/*
 * rules_impl.h - a rule set's insides, shared by the files of the rules
 * module: rules.c (the table of rule tests, the judging plan, judging,
 * the accessors), rules_parse.c (the grammar of a rules file),
 * ruleparse.c (what its lines are read with, each kind's parse()
 * included) and rules_reason.c (findings in words).  Not a contract:
 * only those four include it.
 *
 * A parsed set keeps a verbatim copy of its text (so that --print-rules
 * round-trips and the hash names exactly what was read) and, beside it,
 * one arena holding every string taken from that text: each comes from
 * its own stretch of the text, ended by a blank, a quote, a comma, a
 * bracket or the line's end, and is no longer than it, and no stretch
 * gives more than two (a column's name and its normal form), so the
 * arena needs at most two bytes per byte of text and never moves.  Ids
 * and columns are found through hashed indexes, so that reading a set is
 * linear in its size.
 */
#ifndef CIVPOL_RULES_IMPL_H
#define CIVPOL_RULES_IMPL_H

#include <stddef.h>
#include <string.h>

#include "error.h"
#include "lineparse.h"
#include "rules.h"
#include "ruletest.h"
#include "strindex.h"

/* How deep nodes may nest, so that judging's recursion is bounded. */
#define MAX_DEPTH 32

#define NO_NODE ((size_t)-1)

enum node_op { NODE_TEST, NODE_ALL, NODE_ANY, NODE_NOT };

/* A node of a test tree; members are linked in order by next. */
struct node {
	enum node_op op;
	struct test test; /* NODE_TEST */
	size_t child; /* the first member, or NO_NODE */
	size_t next; /* the next member of the same group, or NO_NODE */
	unsigned long line;
	/* The node's text on its line, for "must not hold: ...". */
	const char *text;
	size_t text_len;
};

/* What a when clause's finding says beside its outcome. */
enum { WHEN_NONE, WHEN_NOT, WHEN_MISSING };

struct criterion {
	const char *id; /* in the arena */
	const char *description; /* in the arena, unescaped */
	int required;
	unsigned long line;
	size_t root; /* the test's tree */
	/* when COLUMN is WORD / in [WORDS]: slot, or RULETEST_NO_SLOT. */
	size_t when_slot;
	const char *when_col;
	size_t when_first;
	size_t when_n;
	const struct word *when_words; /* set once the set is parsed */
};

/*
 * A line about a column: a vocabulary (the column, by its normal form,
 * and its words), or "empty COLUMN fails".
 */
struct vocab_line {
	const char *norm; /* in the arena */
	const char *name;
	unsigned long line;
	int empty_fails; /* an empty line, not a vocabulary */
	size_t yes_first, nyes, no_first, nno;
};

struct rules {
	char *text; /* the verbatim text, NUL-terminated */
	size_t len;
	char *arena;
	size_t arena_used;
	size_t arena_size;
	const char *name; /* in the arena */
	const char *source; /* in the arena, or NULL */
	char hash[13];
	struct criterion *crit;
	size_t ncrit;
	size_t crit_cap;
	struct node *nodes;
	size_t nnodes;
	size_t nodes_cap;
	struct word *words; /* every list's words, in the arena */
	size_t nwords;
	size_t words_cap;
	struct vocab_line *vlines;
	size_t nvlines;
	size_t vlines_cap;
	struct column_want *cols; /* names in the arena */
	const char **col_norm; /* each column's normal form, in the arena */
	size_t ncols;
	size_t cols_cap;
	size_t norm_cap;
	/* The criteria by id and the columns by normal form. */
	struct strindex ids;
	struct strindex col_index;
	/*
	 * The judging plan, made once the set is parsed: a copy of the test
	 * of every criterion judged in the plan, grouped by kind in the
	 * table's order, so that judging a record calls each kind once (see
	 * struct run); then the whole criteria, by index.
	 */
	struct test *plan;
	size_t nplan;
	struct run *runs;
	size_t nruns;
	size_t *whole;
	size_t nwhole;
	int conditional;
	/* Each column slot's vocabulary, or NULL; and whether an empty
	 * cell of it fails (NULL when none does). */
	struct vocab *vocabs;
	const struct vocab **slot_vocab;
	unsigned char *empty_fails;
	/* A profile's words for each slot (rules_translate()), or NULL. */
	struct translation_list *tr;
	struct word *tr_words;
};

/* The tests of one kind in the plan: plan[first, first + n). */
struct run {
	const struct ruletest *kind;
	size_t first;
	size_t n;
};

/* A group whose members are being read, on the lines after its own. */
struct open_group {
	size_t node;
	size_t depth; /* the group's own depth, from 0 at a rule's test */
	size_t last; /* its last member so far, or NO_NODE */
	const char *word;
	unsigned long line;
};

/* A parse at a position in one line of the text. */
struct ruleparse {
	struct rules *r;
	struct lineparse lp;
	int have_name;
	struct open_group open[MAX_DEPTH];
	size_t depth;
};

/* Nonzero when the n bytes at s are exactly the NUL-terminated word w. */
static inline int
word_is(const char *s, size_t n, const char *w)
{
	return strlen(w) == n && memcmp(s, w, n) == 0;
}

/* What judging rec as of asof starts from, for rules_judge() and
 * rules_reason() alike; the cells are read as they are asked for. */
static inline void
rules_judging_init(struct judging *jg, const struct rules *r,
    const struct record *rec, const size_t *col, int32_t asof)
{
	jg->rec = rec;
	jg->col = col;
	jg->tr = r->tr;
	jg->empty_fails = r->empty_fails;
	jg->plain = r->tr == NULL && r->vocabs == NULL;
	jg->asof = asof;
	jg->known = 0;
	jg->known_dates = 0;
}

/* error_quote() into buf, the caller's ERROR_QUOTE_BUF bytes. */
static inline char *
quote(char *buf, const char *s, size_t n)
{
	return error_quote(buf, ERROR_QUOTE_BUF, s, n);
}

/* Every kind of test, one row each, in the order messages list them. */
extern const struct ruletest *const rules_ruletests[];
/* The number of rows of rules_ruletests[]. */
extern const size_t rules_nruletests;

/*
 * rules.c: the set's indexes, the vocabularies and the plan.
 */

/* The number that the n bytes at s name in ix, or (size_t)-1. */
size_t rules_index_find(
    const struct rules *r, const struct strindex *ix, const char *s, size_t n);

/* Adds number k, whose key is key; 0, or -1 out of memory. */
int rules_index_add(struct strindex *ix, const char *key, size_t k);

/*
 * Gives the vocabularies to their columns' true tests, once every line
 * is read; an error at the line of a vocabulary no rule reads.  0 or -1.
 */
int rules_give_vocabularies(struct ruleparse *ps);

/*
 * Makes the judging plan (see struct rules), once every list's words
 * are in place; 0, or -1 out of memory.
 */
int rules_make_plan(struct rules *r);

/*
 * ruleparse.c: what the lines are read with, beside ruletest.h's
 * ruleparse_ functions.  Each fails with the error filled, at the line.
 */

/*
 * Room in the arena for what the rest of the line can give, plus a NUL;
 * where to write, or NULL.
 */
char *ruleparse_arena_room(struct ruleparse *ps);

/*
 * Keeps the n bytes written at ruleparse_arena_room(), adding a NUL.
 * Borrowed: valid until rules_free().
 */
const char *ruleparse_arena_keep(struct rules *r, size_t n);

/*
 * Copies the n bytes at s into the arena with a NUL.  Borrowed: valid
 * until rules_free().
 */
char *ruleparse_arena_copy(struct ruleparse *ps, const char *s, size_t n);

/*
 * Makes room for one more of what *items holds (*cap of size bytes
 * each, *n used); 0 or -1.
 */
int ruleparse_grow(
    struct ruleparse *ps, void *items, size_t *cap, size_t n, size_t size);

/*
 * Reads a column name and its normal form (of length *normlen) into the
 * arena.  Borrowed: *name and *norm are valid until rules_free().
 */
int ruleparse_read_column_name(struct ruleparse *ps, const char **name,
    const char **norm, size_t *normlen);

/* Reads a list into the set's words, at *first and *n; 0 or -1. */
int ruleparse_read_list(
    struct ruleparse *ps, const char *what, size_t *first, size_t *n);

#endif
