/*
 * rules_parse.c - reading a rules file into a struct rules: its lines,
 * the directives (name, source, vocabulary, empty), and rules with their
 * ids, levels, tests and groups of tests, when clauses and descriptions;
 * see rules_parse() in rules.h.
 *
 * The language is documented in the comments of data/unpol-ipo.rules
 * (and data/civpol-2008.rules, the default, documents what it uses).
 * Lines and their words are lineparse.c's; columns, lists and the arena
 * that keeps them ruleparse.c's; a test's operands are read by its
 * kind's row of the table (ruletest.h).  Once every line is read,
 * rules.c gives the vocabularies to their columns and makes the plan.
 *
 * What a file lacks ("missing \"name\"", "no rules") is reported at its
 * last line, and running out of memory at line 0.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "lineparse.h"
#include "rules.h"
#include "rules_impl.h"
#include "ruletest.h"

/* The word that opens each kind of node but a test, for messages. */
static const char *const node_words[] = { "", "all-of", "any-of", "not" };

/* Nonzero when the n bytes at s make a valid rule id. */
static int
valid_id(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || !ascii_is_alpha((unsigned char)s[0]))
		return 0;
	for (i = 1; i < n; i++)
		if (!ascii_is_alnum((unsigned char)s[i]) && s[i] != '_')
			return 0;
	return 1;
}

/*
 * Writes the keywords of the table, then the groups', into buf (size
 * bytes) as "a, b or c" for messages; returns buf.
 */
static const char *
test_list(char *buf, size_t size)
{
	size_t i, len = 0, n = rules_nruletests + 3;

	buf[0] = '\0';
	for (i = 0; i < n && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s",
		    i == 0          ? ""
		        : i + 1 < n ? ", "
		                    : " or ",
		    i < rules_nruletests
		        ? rules_ruletests[i]->keyword
		        : node_words[i - rules_nruletests + 1]);
	return buf;
}

/* The kind whose keyword is the n bytes at s, or NULL. */
static const struct ruletest *
find_kind(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < rules_nruletests; i++)
		if (word_is(s, n, rules_ruletests[i]->keyword))
			return rules_ruletests[i];
	return NULL;
}

/* Adds a node of op on the current line; its index, or NO_NODE. */
static size_t
new_node(struct ruleparse *ps, enum node_op op, size_t start)
{
	struct rules *r = ps->r;
	struct node *nd;

	if (ruleparse_grow(ps, &r->nodes, &r->nodes_cap, r->nnodes,
	        sizeof(*r->nodes)) != 0)
		return NO_NODE;
	nd = &r->nodes[r->nnodes];
	memset(nd, 0, sizeof(*nd));
	nd->op = op;
	nd->child = NO_NODE;
	nd->next = NO_NODE;
	nd->line = ps->lp.line;
	nd->text = ps->lp.p + start;
	nd->test.slot[0] = RULETEST_NO_SLOT;
	nd->test.slot[1] = RULETEST_NO_SLOT;
	return r->nnodes++;
}

/* Where the next word starts on the line. */
static size_t
next_start(struct ruleparse *ps)
{
	(void)lineparse_peek(&ps->lp);
	return ps->lp.i;
}

/*
 * Reads a node at depth: "not NODE", "all-of" or "any-of" (whose
 * members follow on the lines after, until "end"), or a test.  *out
 * receives its index.  Returns 0 or -1.
 */
static int
parse_node(struct ruleparse *ps, size_t depth, size_t *out)
{
	struct rules *r = ps->r;
	char q[ERROR_QUOTE_BUF], list[160];
	size_t start = next_start(ps), k, child = NO_NODE, n;
	struct open_group *g;
	enum node_op op;
	const char *s;

	if (depth >= MAX_DEPTH)
		return ruleparse_error(
		    ps, "tests nested too deep (at most %d)", MAX_DEPTH);
	if (lineparse_word(&ps->lp, &s, &n) != 0)
		return ruleparse_error(ps, "missing test (expected %s)",
		    test_list(list, sizeof(list)));
	if (word_is(s, n, "not") || word_is(s, n, "all-of") ||
	    word_is(s, n, "any-of")) {
		op = word_is(s, n, "not")     ? NODE_NOT
		    : word_is(s, n, "all-of") ? NODE_ALL
		                              : NODE_ANY;
		k = new_node(ps, op, start);
		if (k == NO_NODE)
			return -1;
		if (op == NODE_NOT) {
			if (parse_node(ps, depth + 1, &child) != 0)
				return -1;
			r->nodes[k].child = child;
		} else {
			g = &ps->open[ps->depth++];
			g->node = k;
			g->depth = depth;
			g->last = NO_NODE;
			g->word = node_words[op];
			g->line = ps->lp.line;
		}
		r->nodes[k].text_len = ps->lp.i - start;
		*out = k;
		return 0;
	}
	k = new_node(ps, NODE_TEST, start);
	if (k == NO_NODE)
		return -1;
	r->nodes[k].test.kind = find_kind(s, n);
	if (r->nodes[k].test.kind == NULL)
		return ruleparse_error(ps, "unknown test %s (expected %s)",
		    quote(q, s, n), test_list(list, sizeof(list)));
	if (r->nodes[k].test.kind->parse(ps, &r->nodes[k].test) != 0)
		return -1;
	r->nodes[k].text_len = ps->lp.i - start;
	*out = k;
	return 0;
}

/*
 * Reads a member line of the group being read: "end", or a node.
 * Returns 0 or -1.
 */
static int
parse_member(struct ruleparse *ps)
{
	struct rules *r = ps->r;
	struct open_group *g = &ps->open[ps->depth - 1];
	size_t m = NO_NODE;

	if (ruleparse_keyword(ps, "end")) {
		if (g->last == NO_NODE)
			return ruleparse_error(ps,
			    "empty %s (from line %lu): a group needs members",
			    g->word, g->line);
		ps->depth--;
		return lineparse_end(&ps->lp, "after \"end\"");
	}
	if (parse_node(ps, g->depth + 1, &m) != 0)
		return -1;
	/* parse_node() may have opened a group: g is still ours. */
	if (g->last == NO_NODE)
		r->nodes[g->node].child = m;
	else
		r->nodes[g->last].next = m;
	g->last = m;
	return lineparse_end(&ps->lp, "after the test");
}

/* Reads "when COLUMN is WORD" or "when COLUMN in [WORDS]"; 0 or -1. */
static int
parse_when(struct ruleparse *ps, struct criterion *c)
{
	struct rules *r = ps->r;
	char *dst;
	size_t len;

	if (ruleparse_column(ps, &c->when_slot, &c->when_col) != 0)
		return -1;
	if (ruleparse_keyword(ps, "in"))
		return ruleparse_read_list(
		    ps, "value", &c->when_first, &c->when_n);
	if (!ruleparse_keyword(ps, "is"))
		return ruleparse_error(ps,
		    "missing \"is\" or \"in\" after \"when %s\"", c->when_col);
	dst = ruleparse_arena_room(ps);
	if (dst == NULL ||
	    lineparse_string(&ps->lp, "value after \"is\"", 0, dst, &len) != 0)
		return -1;
	if (len == 0)
		return ruleparse_error(ps, "empty value after \"is\"");
	if (ruleparse_grow(ps, &r->words, &r->words_cap, r->nwords,
	        sizeof(*r->words)) != 0)
		return -1;
	c->when_first = r->nwords;
	c->when_n = 1;
	r->words[r->nwords].s = ruleparse_arena_keep(r, len);
	r->words[r->nwords].n = len;
	r->nwords++;
	return 0;
}

/* Parses the rest of a rule line; returns 0 or -1. */
static int
parse_rule(struct ruleparse *ps)
{
	struct rules *r = ps->r;
	struct criterion c;
	char q[ERROR_QUOTE_BUF];
	const char *s;
	char *dst;
	size_t n, i;

	if (!ps->have_name)
		return ruleparse_error(
		    ps, "\"name\" must come before the first rule");
	memset(&c, 0, sizeof(c));
	c.line = ps->lp.line;
	c.when_slot = RULETEST_NO_SLOT;
	if (lineparse_word(&ps->lp, &s, &n) != 0)
		return ruleparse_error(ps, "missing rule id");
	if (!valid_id(s, n))
		return ruleparse_error(ps, "bad rule id %s", quote(q, s, n));
	i = rules_index_find(r, &r->ids, s, n);
	if (i != (size_t)-1)
		return ruleparse_error(ps,
		    "duplicate rule id %s (first on line %lu)", quote(q, s, n),
		    r->crit[i].line);
	c.id = ruleparse_arena_copy(ps, s, n);
	if (c.id == NULL)
		return -1;

	if (lineparse_word(&ps->lp, &s, &n) != 0)
		return ruleparse_error(
		    ps, "missing level (expected required or advisory)");
	if (word_is(s, n, "required"))
		c.required = 1;
	else if (word_is(s, n, "advisory"))
		c.required = 0;
	else
		return ruleparse_error(ps,
		    "unknown level %s (expected required or advisory)",
		    quote(q, s, n));

	if (parse_node(ps, 0, &c.root) != 0)
		return -1;
	if (ruleparse_keyword(ps, "when") && parse_when(ps, &c) != 0)
		return -1;
	if (lineparse_word(&ps->lp, &s, &n) == 0)
		return ruleparse_error(
		    ps, "unexpected %s before the description", quote(q, s, n));
	if (lineparse_at_end(&ps->lp))
		return ruleparse_error(ps, "missing description");
	dst = ruleparse_arena_room(ps);
	if (dst == NULL ||
	    lineparse_quoted(&ps->lp, "description", dst, &n) != 0)
		return -1;
	if (n == 0)
		return ruleparse_error(ps, "empty description");
	c.description = ruleparse_arena_keep(r, n);
	if (lineparse_end(&ps->lp, "after the description") != 0)
		return -1;

	if (ruleparse_grow(
	        ps, &r->crit, &r->crit_cap, r->ncrit, sizeof(*r->crit)) != 0)
		return -1;
	r->crit[r->ncrit] = c;
	if (rules_index_add(&r->ids, r->crit[r->ncrit].id, r->ncrit) != 0)
		return ruleparse_error(ps, "out of memory");
	r->ncrit++;
	return 0;
}

/* Parses the rest of a name line; returns 0 or -1. */
static int
parse_name(struct ruleparse *ps)
{
	const char *s;
	size_t n;

	if (ps->have_name)
		return ruleparse_error(ps, "\"name\" given twice");
	if (lineparse_word(&ps->lp, &s, &n) != 0)
		return ruleparse_error(ps, "missing set name");
	ps->r->name = ruleparse_arena_copy(ps, s, n);
	if (ps->r->name == NULL)
		return -1;
	ps->have_name = 1;
	return lineparse_end(&ps->lp, "after the name");
}

/* Parses the rest of a source line; returns 0 or -1. */
static int
parse_source(struct ruleparse *ps)
{
	struct rules *r = ps->r;
	char *dst;
	size_t n;

	if (r->source != NULL)
		return ruleparse_error(ps, "\"source\" given twice");
	dst = ruleparse_arena_room(ps);
	if (dst == NULL || lineparse_quoted(&ps->lp, "source", dst, &n) != 0)
		return -1;
	if (n == 0)
		return ruleparse_error(ps, "empty source");
	r->source = ruleparse_arena_keep(r, n);
	return lineparse_end(&ps->lp, "after the source");
}

/*
 * Parses the rest of a vocabulary line: COLUMN true [WORDS] false
 * [WORDS], the two lists in either order.  Returns 0 or -1.
 */
static int
parse_vocabulary(struct ruleparse *ps)
{
	struct rules *r = ps->r;
	struct vocab_line v;
	size_t normlen, k;
	int have_yes = 0, have_no = 0;

	memset(&v, 0, sizeof(v));
	v.line = ps->lp.line;
	v.name = v.norm = "";
	if (ruleparse_read_column_name(ps, &v.name, &v.norm, &normlen) != 0)
		return -1;
	for (k = 0; k < r->nvlines; k++)
		if (!r->vlines[k].empty_fails &&
		    strcmp(r->vlines[k].norm, v.norm) == 0)
			return ruleparse_error(ps,
			    "vocabulary for \"%s\" given twice (first on line "
			    "%lu)",
			    v.name, r->vlines[k].line);
	while (!have_yes || !have_no) {
		if (!have_yes && ruleparse_keyword(ps, "true")) {
			if (ruleparse_read_list(
			        ps, "word", &v.yes_first, &v.nyes) != 0)
				return -1;
			have_yes = 1;
		} else if (!have_no && ruleparse_keyword(ps, "false")) {
			if (ruleparse_read_list(
			        ps, "word", &v.no_first, &v.nno) != 0)
				return -1;
			have_no = 1;
		} else
			return ruleparse_error(ps,
			    "missing \"%s\" list in the vocabulary for \"%s\"",
			    have_yes ? "false" : "true", v.name);
	}
	if (ruleparse_grow(ps, &r->vlines, &r->vlines_cap, r->nvlines,
	        sizeof(*r->vlines)) != 0)
		return -1;
	r->vlines[r->nvlines++] = v;
	return lineparse_end(&ps->lp, "after the vocabulary");
}

/* Parses the rest of an "empty COLUMN fails" line; returns 0 or -1. */
static int
parse_empty(struct ruleparse *ps)
{
	struct rules *r = ps->r;
	struct vocab_line v;
	size_t normlen, k;

	memset(&v, 0, sizeof(v));
	v.line = ps->lp.line;
	v.empty_fails = 1;
	v.name = v.norm = "";
	if (ruleparse_read_column_name(ps, &v.name, &v.norm, &normlen) != 0)
		return -1;
	if (!ruleparse_keyword(ps, "fails"))
		return ruleparse_error(
		    ps, "missing \"fails\" after \"empty %s\"", v.name);
	for (k = 0; k < r->nvlines; k++)
		if (r->vlines[k].empty_fails &&
		    strcmp(r->vlines[k].norm, v.norm) == 0)
			return ruleparse_error(ps,
			    "\"empty %s fails\" given twice (first on line "
			    "%lu)",
			    v.name, r->vlines[k].line);
	if (ruleparse_grow(ps, &r->vlines, &r->vlines_cap, r->nvlines,
	        sizeof(*r->vlines)) != 0)
		return -1;
	r->vlines[r->nvlines++] = v;
	return lineparse_end(&ps->lp, "after \"fails\"");
}

/* Parses one line that is not blank nor a comment; returns 0 or -1. */
static int
parse_line(struct ruleparse *ps)
{
	struct open_group *g;
	char q[ERROR_QUOTE_BUF];
	const char *s;
	size_t wn;

	if (ps->depth > 0) {
		if (ruleparse_keyword(ps, "rule")) {
			g = &ps->open[ps->depth - 1];
			return ruleparse_error(ps,
			    "missing \"end\" for the %s on line %lu", g->word,
			    g->line);
		}
		return parse_member(ps);
	}
	if (lineparse_run(&ps->lp, &s, &wn) != 0)
		return 0;
	if (word_is(s, wn, "rule"))
		return parse_rule(ps);
	if (word_is(s, wn, "name"))
		return parse_name(ps);
	if (word_is(s, wn, "source"))
		return parse_source(ps);
	if (word_is(s, wn, "vocabulary"))
		return parse_vocabulary(ps);
	if (word_is(s, wn, "empty"))
		return parse_empty(ps);
	if (word_is(s, wn, "end"))
		return ruleparse_error(ps, "\"end\" with no group to end");
	return ruleparse_error(ps, "unknown directive %s", quote(q, s, wn));
}

/*
 * The opening comment's first paragraph, on one line, less a leading
 * "FILE - ", into the arena; NULL when the text opens with no comment.
 */
static const char *
opening_comment(struct rules *r)
{
	const char *p = r->text, *end = r->text + r->len, *eol, *s;
	char *out = r->arena + r->arena_used, *dash;
	size_t n = 0, room = r->arena_size - r->arena_used;

	if (r->len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	while (p < end && *p == '#') {
		for (eol = p; eol < end && *eol != '\n' && *eol != '\r'; eol++)
			continue;
		s = p + 1;
		while (s < eol && (*s == ' ' || *s == '\t'))
			s++;
		if (s == eol)
			break;
		if (n > 0 && n + 1 < room)
			out[n++] = ' ';
		for (; s < eol && n + 1 < room; s++)
			out[n++] = *s;
		p = eol;
		while (p < end && (*p == '\n' || *p == '\r'))
			p++;
	}
	if (n == 0)
		return NULL;
	out[n] = '\0';
	dash = strstr(out, " - ");
	if (dash != NULL && memchr(out, ' ', (size_t)(dash - out)) == NULL)
		out = dash + 3;
	r->arena_used += n + 1;
	return out;
}

struct rules *
rules_parse(const char *text, size_t len, const char *file, struct error *err)
{
	struct ruleparse ps;
	struct rules *r;
	int st;

	if (len > (SIZE_MAX - 16) / 2) {
		error_set(err, file, 0, "out of memory");
		return NULL;
	}
	r = calloc(1, sizeof(*r));
	if (r == NULL) {
		error_set(err, file, 0, "out of memory");
		return NULL;
	}
	r->text = malloc(len + 1);
	r->arena_size = 2 * len + 16;
	r->arena = malloc(r->arena_size);
	if (r->text == NULL || r->arena == NULL) {
		rules_free(r);
		error_set(err, file, 0, "out of memory");
		return NULL;
	}
	if (len > 0)
		memcpy(r->text, text, len);
	r->text[len] = '\0';
	r->len = len;

	memset(&ps, 0, sizeof(ps));
	ps.r = r;
	lineparse_init(&ps.lp, r->text, len, file, "rules file", err);
	while ((st = lineparse_next(&ps.lp)) > 0)
		if (parse_line(&ps) != 0) {
			st = -1;
			break;
		}
	if (st == 0 && ps.depth > 0)
		st = ruleparse_error(&ps,
		    "missing \"end\" for the %s on line %lu",
		    ps.open[ps.depth - 1].word, ps.open[ps.depth - 1].line);
	/* What the file lacks is reported at its last line. */
	if (st == 0 && !ps.have_name)
		st = ruleparse_error(&ps, "missing \"name\"");
	if (st == 0 && r->ncrit == 0)
		st = ruleparse_error(&ps, "no rules");
	if (st == 0)
		st = rules_give_vocabularies(&ps);
	if (st == 0 && rules_make_plan(r) != 0) {
		ps.lp.line = 0;
		st = ruleparse_error(&ps, "out of memory");
	}
	if (st != 0) {
		rules_free(r);
		return NULL;
	}
	if (r->source == NULL)
		r->source = opening_comment(r);
	lineparse_hash(r->text, r->len, r->hash);
	return r;
}
