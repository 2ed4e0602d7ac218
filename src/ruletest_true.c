/*
 * ruletest_true.c - "true COLUMN": the column holds a true value (yes y
 * true t 1 x pass passed; false is no n false f 0 fail failed), or one
 * of the words a vocabulary line gives the column.
 */
#include "ruletest.h"
#include "value.h"

enum { WHY_FALSE = WHY_KIND };

static int
parse_true(struct ruleparse *ps, struct test *t)
{
	return ruleparse_column(ps, &t->slot[0], &t->colname[0]);
}

/* value_bool() with the words of vocabulary vb. */
static enum value_status
vocab_bool(const struct vocab *vb, const char *s, size_t n, int *v)
{
	value_trim(&s, &n);
	if (n == 0)
		return VALUE_MISSING;
	if (ruletest_word_in(vb->yes, vb->nyes, s, n))
		*v = 1;
	else if (ruletest_word_in(vb->no, vb->nno, s, n))
		*v = 0;
	else
		return VALUE_INVALID;
	return VALUE_OK;
}

/* One test the slower way: with a profile's words or a vocabulary. */
static enum outcome
judge_one(const struct test *t, struct judging *jg, struct finding *f)
{
	enum value_status st;
	const char *s;
	size_t len;
	int v = 0;

	ruletest_cell(jg, t->slot[0], &s, &len);
	st = t->vocab != NULL ? vocab_bool(t->vocab, s, len, &v)
	                      : value_bool(s, len, &v);
	if (st != VALUE_OK)
		return ruletest_unreadable(jg, f, st, t->slot[0]);
	if (!v)
		return ruletest_found(
		    f, OUTCOME_FAIL, WHY_FALSE, t->slot[0], 0);
	return ruletest_pass(f);
}

/*
 * Most sets are mostly true tests: this loop is the judging's hot spot.
 * The record's fields are held in locals, as the compiler must assume
 * that a finding written may change anything reached through jg.  A set
 * with a vocabulary or under a profile's words takes the slower way, so
 * that this one stays as it is.
 */
static unsigned
judge_true(
    const struct test *t, size_t n, struct judging *jg, struct finding *out)
{
	const struct test *end = t + n;
	const struct field *fields = jg->rec->fields;
	const size_t *col = jg->col;
	size_t nfields = jg->rec->nfields;
	unsigned seen = 0;

	if (!jg->plain)
		return ruletest_judge_each(t, n, jg, out, judge_one);
	for (; t < end; t++) {
		struct finding *f = &out[t->out];
		size_t k = col[t->slot[0]];
		enum value_status st = VALUE_MISSING;
		int v = 0;

		if (k < nfields)
			st = value_bool(fields[k].ptr, fields[k].len, &v);
		if (st == VALUE_OK && v) {
			/* A pass, the usual case, adds no bit that counts. */
			f->outcome = OUTCOME_PASS;
			continue;
		}
		f->column = t->slot[0];
		f->value = 0;
		if (st == VALUE_OK) {
			f->outcome = OUTCOME_FAIL;
			f->why = WHY_FALSE;
		} else {
			f->outcome = ruletest_unreadable(jg, f, st, t->slot[0]);
		}
		seen |= (1u << f->outcome) & t->req;
	}
	return seen;
}

/* "us_citizen: \"no\"" */
static void
reason_true(const struct test *t, const char *id, const struct finding *f,
    const struct judging *jg, struct reason *out)
{
	(void)id;
	reason_str(out, t->colname[0]);
	reason_str(out, ": ");
	reason_cell(out, jg, f->column);
}

const struct ruletest ruletest_true = {
	.keyword = "true",
	.synopsis = "true COLUMN",
	.parse = parse_true,
	.judge = judge_true,
	.reason = reason_true,
};
