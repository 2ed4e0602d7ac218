/*
 * ruletest_at_least.c - "at-least N OPERAND [not-above COLUMN2]": the
 * operand (a column's number, or one made from a date: ruletest.h) is at
 * least N; with not-above, a value greater than COLUMN2's is a data
 * error, and the criterion is unknown.
 */
#include "ruletest.h"
#include "value.h"

enum {
	WHY_SHORT = WHY_KIND, /* the value is below N */
	WHY_ABOVE /* the value is above COLUMN2's */
};

static int
parse_at_least(struct ruleparse *ps, struct test *t)
{
	if (ruleparse_number(ps, "at-least", &t->number, NULL) != 0)
		return -1;
	if (ruleparse_operand(ps, t) != 0)
		return -1;
	if (!ruleparse_keyword(ps, "not-above"))
		return 0;
	return ruleparse_column(ps, &t->slot[1], &t->colname[1]);
}

static enum outcome
judge_one(const struct test *t, struct judging *jg, struct finding *f)
{
	struct decimal v, limit;
	char buf[24];
	enum outcome o;

	o = ruletest_operand(t, jg, &v, buf, f);
	if (o != OUTCOME_PASS)
		return o; /* unknown, or a fail when empty fails */
	if (t->slot[1] != RULETEST_NO_SLOT &&
	    ruletest_number(jg, t->slot[1], &limit) == VALUE_OK &&
	    value_decimal_cmp(&v, &limit) > 0)
		return ruletest_found(
		    f, OUTCOME_UNKNOWN, WHY_ABOVE, t->slot[0], 0);
	if (value_decimal_cmp(&v, &t->number) < 0)
		return ruletest_found(
		    f, OUTCOME_FAIL, WHY_SHORT, t->slot[0], 0);
	return ruletest_pass(f);
}

static unsigned
judge_at_least(
    const struct test *t, size_t n, struct judging *jg, struct finding *out)
{
	return ruletest_judge_each(t, n, jg, out, judge_one);
}

/*
 * "total experience 6.5 years, needs 8 (short 1.5)", "age 24 on
 * 2026-11-22, needs 25 (short 1)", or "sworn_experience_years 12 years
 * is more than total_experience_years 10 years".
 */
static void
reason_at_least(const struct test *t, const char *id, const struct finding *f,
    const struct judging *jg, struct reason *out)
{
	struct judging copy = *jg;
	char diff[REASON_NUMBER_MAX], buf[24];
	struct finding ignored;
	struct decimal v, w;

	copy.known = 0;
	copy.known_dates = 0;
	if (f->why == WHY_SHORT) {
		reason_operand(out, t, id, jg);
		reason_str(out, ", needs ");
		reason_number(out, &t->number);
		reason_str(out, " (short ");
		if (ruletest_operand(t, &copy, &v, buf, &ignored) ==
		    OUTCOME_PASS)
			(void)value_decimal_sub(
			    &t->number, &v, diff, sizeof(diff));
		else
			diff[0] = '\0';
		reason_str(out, diff);
		reason_str(out, ")");
		return;
	}
	reason_operand(out, t, NULL, jg);
	reason_str(out, " is more than ");
	reason_str(out, t->colname[1]);
	reason_str(out, " ");
	if (ruletest_number(&copy, t->slot[1], &w) == VALUE_OK)
		reason_number(out, &w);
	else
		reason_cell(out, jg, t->slot[1]);
	reason_unit(out, t->colname[1]);
}

const struct ruletest ruletest_at_least = {
	.keyword = "at-least",
	.synopsis = "at-least N OPERAND [not-above COLUMN2]",
	.parse = parse_at_least,
	.judge = judge_at_least,
	.reason = reason_at_least,
};
