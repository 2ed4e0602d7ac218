/*
 * ruletest_within.c - "within N STATUS-COLUMN DATE-COLUMN": the status
 * says actively serving, or separated on a date no more than N whole
 * calendar years before the as-of date, inclusive.  The date is read
 * only for a separated officer, and a date after the as-of date is
 * invalid.
 */
#include <stdio.h>

#include "ruletest.h"
#include "value.h"

enum {
	WHY_AFTER = WHY_KIND, /* the date lies after the as-of date */
	WHY_OLD /* separated on value, before the cutoff */
};

static int
parse_within(struct ruleparse *ps, struct test *t)
{
	t->count = -1;
	if (ruleparse_number(ps, "within", &t->number, &t->count) != 0)
		return -1;
	if (t->count < 0)
		return ruleparse_error(ps, "\"within\" takes whole years");
	if (ruleparse_column(ps, &t->slot[0], &t->colname[0]) != 0)
		return -1;
	return ruleparse_column(ps, &t->slot[1], &t->colname[1]);
}

/* The cutoff day: N years before asof. */
static void
prepare_within(struct test *t, int32_t asof)
{
	t->day = value_years_before(asof, t->count);
	t->day_asof = asof;
	t->have_day = 1;
}

static enum outcome
judge_one(const struct test *t, struct judging *jg, struct finding *f)
{
	enum employment e = EMPLOYMENT_ACTIVE;
	enum value_status st;
	int32_t cutoff, day = 0;
	const char *s;
	size_t n;

	ruletest_cell(jg, t->slot[0], &s, &n);
	st = value_employment(s, n, &e);
	if (st != VALUE_OK)
		return ruletest_unreadable(f, st, t->slot[0]);
	if (e == EMPLOYMENT_ACTIVE)
		return ruletest_pass(f);
	ruletest_cell(jg, t->slot[1], &s, &n);
	st = value_date(s, n, &day);
	if (st != VALUE_OK)
		return ruletest_unreadable(f, st, t->slot[1]);
	if (day > jg->asof)
		return ruletest_found(
		    f, OUTCOME_UNKNOWN, WHY_AFTER, t->slot[1], day);
	if (t->have_day && t->day_asof == jg->asof)
		cutoff = t->day;
	else
		cutoff = value_years_before(jg->asof, t->count);
	if (day < cutoff)
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
 * "separation_date: invalid value \"...\" (after 2026-11-22)", or
 * "separated 2016-03-02, before 2017-11-22 (9 years before 2026-11-22)".
 */
static void
reason_within(const struct test *t, const char *id, const struct finding *f,
    const struct judging *jg, struct reason *out)
{
	char num[32];

	(void)id;
	if (f->why == WHY_AFTER) {
		reason_str(out, t->colname[1]);
		reason_str(out, ": invalid value ");
		reason_cell(out, jg, f->column);
		reason_str(out, " (after ");
		reason_date(out, jg->asof);
		reason_str(out, ")");
		return;
	}
	reason_str(out, "separated ");
	reason_date(out, (int32_t)f->value);
	reason_str(out, ", before ");
	reason_date(out, value_years_before(jg->asof, t->count));
	(void)snprintf(num, sizeof(num), " (%d years before ", t->count);
	reason_str(out, num);
	reason_date(out, jg->asof);
	reason_str(out, ")");
}

const struct ruletest ruletest_within = {
	.keyword = "within",
	.synopsis = "within N STATUS-COLUMN DATE-COLUMN",
	.parse = parse_within,
	.prepare = prepare_within,
	.judge = judge_within,
	.reason = reason_within,
};
