/*
 * ruletest_within.c - "within N [UNIT] STATUS-COLUMN DATE-COLUMN": the
 * status says actively serving, or separated on a date no more than N
 * calendar years (or months) before the as-of date, inclusive; and
 * "within N UNIT DATE-COLUMN": the date itself is no more than that
 * before the as-of date.  The date is read only for a separated officer,
 * and a date after the as-of date is invalid.
 */
#include "ruletest.h"
#include "value.h"

enum {
	WHY_OLD = WHY_KIND /* the date is before the cutoff */
};

static int
parse_within(struct ruleparse *ps, struct test *t)
{
	int said;

	if (ruleparse_period(ps, "within", t, 1) != 0)
		return -1;
	said = t->months != 0;
	if (!said)
		t->months = 12;
	if (ruleparse_column(ps, &t->slot[0], &t->colname[0]) != 0)
		return -1;
	if (!ruleparse_at_test_end(ps))
		return ruleparse_column(ps, &t->slot[1], &t->colname[1]);
	if (!said)
		return ruleparse_error(ps,
		    "missing unit: \"within N DATE-COLUMN\" needs years or "
		    "months after N");
	/* The date alone: it goes in slot 1, as in the other form. */
	t->slot[1] = t->slot[0];
	t->colname[1] = t->colname[0];
	t->slot[0] = RULETEST_NO_SLOT;
	t->colname[0] = NULL;
	return 0;
}

/* The cutoff day: N periods before asof. */
static void
prepare_within(struct test *t, int32_t asof)
{
	ruletest_prepare_limit(t, asof, -1);
}

static enum outcome
judge_one(const struct test *t, struct judging *jg, struct finding *f)
{
	enum employment e = EMPLOYMENT_SEPARATED;
	enum value_status st;
	int32_t day = 0;
	enum outcome o;
	const char *s;
	size_t n;

	if (t->slot[0] != RULETEST_NO_SLOT) {
		ruletest_cell(jg, t->slot[0], &s, &n);
		st = value_employment(s, n, &e);
		if (st != VALUE_OK)
			return ruletest_unreadable(jg, f, st, t->slot[0]);
		if (e == EMPLOYMENT_ACTIVE)
			return ruletest_pass(f);
	}
	o = ruletest_past_date(jg, t->slot[1], &day, f);
	if (o != OUTCOME_PASS)
		return o;
	if (day < ruletest_limit_day(t, jg->asof, -1))
		return ruletest_found(
		    f, OUTCOME_FAIL, WHY_OLD, t->slot[1], day);
	return ruletest_pass(f);
}

static unsigned
judge_within(
    const struct test *t, size_t n, struct judging *jg, struct finding *out)
{
	return ruletest_judge_each(t, n, jg, out, judge_one);
}

/*
 * "separated 2016-03-02, before 2017-11-22 (9 years before 2026-11-22)",
 * or for a date alone "first_aid_course 2016-03-02, before ...".
 */
static void
reason_within(const struct test *t, const char *id, const struct finding *f,
    const struct judging *jg, struct reason *out)
{
	(void)id;
	if (t->slot[0] != RULETEST_NO_SLOT) {
		reason_str(out, "separated ");
	} else {
		reason_str(out, t->colname[1]);
		reason_str(out, " ");
	}
	reason_date(out, (int32_t)f->value);
	reason_str(out, ", before ");
	reason_limit(out, t, jg, -1, "");
}

const struct ruletest ruletest_within = {
	.keyword = "within",
	.synopsis = "within N [UNIT] [STATUS-COLUMN] DATE-COLUMN",
	.parse = parse_within,
	.prepare = prepare_within,
	.judge = judge_within,
	.reason = reason_within,
};
