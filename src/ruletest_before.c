/*
 * ruletest_before.c - "before N UNIT DATE-COLUMN": the date is at least
 * N calendar years or months before the as-of date, that is, on or
 * before the as-of date less N of them (a licence held for a year:
 * "before 1 year driving_licence_issued").  A date after the as-of date
 * is invalid.
 */
#include "ruletest.h"
#include "value.h"

enum { WHY_RECENT = WHY_KIND };

static int
parse_before(struct ruleparse *ps, struct test *t)
{
	if (ruleparse_period(ps, "before", t, 0) != 0)
		return -1;
	return ruleparse_column(ps, &t->slot[0], &t->colname[0]);
}

/* The last day that passes: N periods before asof. */
static void
prepare_before(struct test *t, int32_t asof)
{
	ruletest_prepare_limit(t, asof, -1);
}

static enum outcome
judge_one(const struct test *t, struct judging *jg, struct finding *f)
{
	int32_t day = 0;
	enum outcome o;

	o = ruletest_past_date(jg, t->slot[0], &day, f);
	if (o != OUTCOME_PASS)
		return o;
	if (day > ruletest_limit_day(t, jg->asof, -1))
		return ruletest_found(
		    f, OUTCOME_FAIL, WHY_RECENT, t->slot[0], day);
	return ruletest_pass(f);
}

static unsigned
judge_before(
    const struct test *t, size_t n, struct judging *jg, struct finding *out)
{
	return ruletest_judge_each(t, n, jg, out, judge_one);
}

/*
 * "driving_licence_issued 2026-05-01, needs 2025-11-22 or earlier (1
 * year before 2026-11-22)"
 */
static void
reason_before(const struct test *t, const char *id, const struct finding *f,
    const struct judging *jg, struct reason *out)
{
	(void)id;
	reason_str(out, t->colname[0]);
	reason_str(out, " ");
	reason_date(out, (int32_t)f->value);
	reason_str(out, ", needs ");
	reason_limit(out, t, jg, -1, " or earlier");
}

const struct ruletest ruletest_before = {
	.keyword = "before",
	.synopsis = "before N UNIT DATE-COLUMN",
	.parse = parse_before,
	.prepare = prepare_before,
	.judge = judge_before,
	.reason = reason_before,
};
