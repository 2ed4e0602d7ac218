/*
 * ruletest_between.c - "between N M OPERAND": the operand (a column's
 * number, or one made from a date: ruletest.h) is at least N and at
 * most M, both bounds included.
 */
#include "ruletest.h"
#include "value.h"

enum { WHY_OUTSIDE = WHY_KIND };

static int
parse_between(struct ruleparse *ps, struct test *t)
{
	if (ruleparse_number(ps, "between", &t->number, NULL) != 0 ||
	    ruleparse_number(ps, "between", &t->number2, NULL) != 0)
		return -1;
	if (value_decimal_cmp(&t->number, &t->number2) > 0)
		return ruleparse_error(
		    ps, "\"between\" needs its lower bound first");
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
	if (value_decimal_cmp(&v, &t->number) < 0 ||
	    value_decimal_cmp(&v, &t->number2) > 0)
		return ruletest_found(
		    f, OUTCOME_FAIL, WHY_OUTSIDE, t->slot[0], 0);
	return ruletest_pass(f);
}

static unsigned
judge_between(
    const struct test *t, size_t n, struct judging *jg, struct finding *out)
{
	return ruletest_judge_each(t, n, jg, out, judge_one);
}

/* "age 24 on 2026-11-22, must be between 25 and 62" */
static void
reason_between(const struct test *t, const char *id, const struct finding *f,
    const struct judging *jg, struct reason *out)
{
	(void)f;
	reason_operand(out, t, id, jg);
	reason_str(out, ", must be between ");
	reason_number(out, &t->number);
	reason_str(out, " and ");
	reason_number(out, &t->number2);
}

const struct ruletest ruletest_between = {
	.keyword = "between",
	.synopsis = "between N M OPERAND",
	.parse = parse_between,
	.judge = judge_between,
	.reason = reason_between,
};
