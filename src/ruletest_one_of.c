/*
 * ruletest_one_of.c - "one-of COLUMN [WORD, ...]": the column holds one
 * of the words, ignoring case and surrounding white space
 * (one-of citizenship ["U.S. Citizen", American]).
 */
#include "error.h"
#include "ruletest.h"
#include "value.h"

enum { WHY_OTHER = WHY_KIND };

static int
parse_one_of(struct ruleparse *ps, struct test *t)
{
	if (ruleparse_column(ps, &t->slot[0], &t->colname[0]) != 0)
		return -1;
	return ruleparse_list(ps, "word", t);
}

static enum outcome
judge_one(const struct test *t, struct judging *jg, struct finding *f)
{
	const char *s;
	size_t n;

	ruletest_cell(jg, t->slot[0], &s, &n);
	value_trim(&s, &n);
	if (n == 0)
		return ruletest_unreadable(jg, f, VALUE_MISSING, t->slot[0]);
	if (!ruletest_word_in(t->words, t->nwords, s, n))
		return ruletest_found(
		    f, OUTCOME_FAIL, WHY_OTHER, t->slot[0], 0);
	return ruletest_pass(f);
}

static unsigned
judge_one_of(
    const struct test *t, size_t n, struct judging *jg, struct finding *out)
{
	return ruletest_judge_each(t, n, jg, out, judge_one);
}

/* "citizenship \"French\", not one of \"U.S. Citizen\", \"American\"" */
static void
reason_one_of(const struct test *t, const char *id, const struct finding *f,
    const struct judging *jg, struct reason *out)
{
	char q[ERROR_QUOTE_BUF];
	size_t k;

	(void)id;
	(void)f;
	reason_str(out, t->colname[0]);
	reason_str(out, " ");
	reason_cell(out, jg, t->slot[0]);
	reason_str(out, ", not one of ");
	for (k = 0; k < t->nwords; k++) {
		if (k > 0)
			reason_str(out, ", ");
		reason_str(out,
		    error_quote(q, sizeof(q), t->words[k].s, t->words[k].n));
	}
}

const struct ruletest ruletest_one_of = {
	.keyword = "one-of",
	.synopsis = "one-of COLUMN [WORD, ...]",
	.parse = parse_one_of,
	.judge = judge_one_of,
	.reason = reason_one_of,
};
