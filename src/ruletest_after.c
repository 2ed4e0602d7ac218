/*
 * ruletest_after.c - "after N UNIT DATE-COLUMN": the date is at least N
 * calendar years or months after the as-of date (a passport valid six
 * months beyond it: "after 6 months passport_expires").  Any date may
 * be tested, one in the past included.
 */
#include "ruletest.h"
#include "value.h"

enum { WHY_EARLY = WHY_KIND };

static int
parse_after(struct ruleparse *ps, struct test *t)
{
	if (ruleparse_period(ps, "after", t, 0) != 0)
		return -1;
	return ruleparse_column(ps, &t->slot[0], &t->colname[0]);
}

/* The first day that passes: N periods after asof. */
static void
prepare_after(struct test *t, int32_t asof)
{
	ruletest_prepare_limit(t, asof, 1);
}

static enum outcome
judge_one(const struct test *t, struct judging *jg, struct finding *f)
{
	enum value_status st;
	int32_t day = 0;

	st = ruletest_date(jg, t->slot[0], &day);
	if (st != VALUE_OK)
		return ruletest_unreadable(jg, f, st, t->slot[0]);
	if (day < ruletest_limit_day(t, jg->asof, 1))
		return ruletest_found(
		    f, OUTCOME_FAIL, WHY_EARLY, t->slot[0], day);
	return ruletest_pass(f);
}

static unsigned
judge_after(
    const struct test *t, size_t n, struct judging *jg, struct finding *out)
{
	return ruletest_judge_each(t, n, jg, out, judge_one);
}

/*
 * "passport_expires 2027-01-10, needs 2027-05-22 or later (6 months
 * after 2026-11-22)"
 */
static void
reason_after(const struct test *t, const char *id, const struct finding *f,
    const struct judging *jg, struct reason *out)
{
	(void)id;
	reason_str(out, t->colname[0]);
	reason_str(out, " ");
	reason_date(out, (int32_t)f->value);
	reason_str(out, ", needs ");
	reason_limit(out, t, jg, 1, " or later");
}

const struct ruletest ruletest_after = {
	.keyword = "after",
	.synopsis = "after N UNIT DATE-COLUMN",
	.parse = parse_after,
	.prepare = prepare_after,
	.judge = judge_after,
	.reason = reason_after,
};
