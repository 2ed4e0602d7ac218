/*
 * ruletest_at_most.c - "at-most N OPERAND": the operand (a column's
 * number, or one made from a date: ruletest.h) is at most N.
 */
#include "ruletest.h"
#include "value.h"

enum { WHY_OVER = WHY_KIND };

static int
parse_at_most(struct ruleparse *ps, struct test *t)
{
	if (ruleparse_number(ps, "at-most", &t->number, NULL) != 0)
		return -1;
	return ruleparse_operand(ps, t);
}

static enum outcome
judge_one(const struct test *t, struct judging *jg, struct finding *f)
{
	struct decimal v;
	char buf[24];
	enum outcome o;

	o = ruletest_operand(t, jg, &v, buf, f);
	if (o != OUTCOME_PASS)
		return o; /* unknown, or a fail when empty fails */
	if (value_decimal_cmp(&v, &t->number) > 0)
		return ruletest_found(f, OUTCOME_FAIL, WHY_OVER, t->slot[0], 0);
	return ruletest_pass(f);
}

static unsigned
judge_at_most(
    const struct test *t, size_t n, struct judging *jg, struct finding *out)
{
	return ruletest_judge_each(t, n, jg, out, judge_one);
}

/* "age 63 on 2026-11-22, must be at most 62" */
static void
reason_at_most(const struct test *t, const char *id, const struct finding *f,
    const struct judging *jg, struct reason *out)
{
	(void)f;
	reason_operand(out, t, id, jg);
	reason_str(out, ", must be at most ");
	reason_number(out, &t->number);
}

const struct ruletest ruletest_at_most = {
	.keyword = "at-most",
	.synopsis = "at-most N OPERAND",
	.parse = parse_at_most,
	.judge = judge_at_most,
	.reason = reason_at_most,
};
