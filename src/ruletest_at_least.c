/*
 * ruletest_at_least.c - "at-least N COLUMN [not-above COLUMN2]": the
 * column holds years of at least N; with not-above, a value greater than
 * COLUMN2's is a data error, and the criterion is unknown.
 */
#include "ruletest.h"
#include "value.h"

enum {
	WHY_SHORT = WHY_KIND, /* the years are below N */
	WHY_ABOVE /* the years are above COLUMN2's */
};

/* How many column slots the years memo covers. */
#define YEARS_MEMO 64

/*
 * The years of column slot's cell, parsed once per record however many
 * tests read them (an at-least COLUMN is often another one's not-above
 * COLUMN2).  Returns value_years()'s status; *out is set only when it is
 * VALUE_OK.
 */
static inline enum value_status
slot_years(struct judging *jg, size_t slot, int64_t *out)
{
	enum value_status st;
	const char *s;
	size_t n;

	if (slot < YEARS_MEMO && (jg->known >> slot & 1) != 0) {
		if (jg->years_status[slot] == VALUE_OK)
			*out = jg->years[slot];
		return jg->years_status[slot];
	}
	ruletest_cell(jg, slot, &s, &n);
	st = value_years(s, n, out);
	if (slot < YEARS_MEMO) {
		jg->known |= UINT64_C(1) << slot;
		jg->years_status[slot] = st;
		if (st == VALUE_OK)
			jg->years[slot] = *out;
	}
	return st;
}

static int
parse_at_least(struct ruleparse *ps, struct test *t)
{
	int whole;

	if (ruleparse_number(ps, "at-least", &t->number, &whole) != 0)
		return -1;
	if (ruleparse_column(ps, &t->slot[0], &t->colname[0]) != 0)
		return -1;
	if (!ruleparse_keyword(ps, "not-above"))
		return 0;
	return ruleparse_column(ps, &t->slot[1], &t->colname[1]);
}

static enum outcome
judge_one(const struct test *t, struct judging *jg, struct finding *f)
{
	enum value_status st;
	int64_t v = 0, limit = 0;

	st = slot_years(jg, t->slot[0], &v);
	if (st != VALUE_OK)
		return ruletest_unreadable(f, st, t->slot[0]);
	if (t->slot[1] != RULETEST_NO_SLOT &&
	    slot_years(jg, t->slot[1], &limit) == VALUE_OK && v > limit)
		return ruletest_found(
		    f, OUTCOME_UNKNOWN, WHY_ABOVE, t->slot[0], v);
	if (v < t->number)
		return ruletest_found(
		    f, OUTCOME_FAIL, WHY_SHORT, t->slot[0], v);
	return ruletest_pass(f);
}

static unsigned
judge_at_least(
    const struct test *t, size_t n, struct judging *jg, struct finding *out)
{
	/* The years read serve only the tests of this record. */
	jg->known = 0;
	return ruletest_judge_each(t, n, jg, out, judge_one);
}

/*
 * "total experience 6.5 years, needs 8 (short 1.5)", or
 * "sworn_experience_years 12 years is more than total_experience_years
 * 10 years".
 */
static void
reason_at_least(const struct test *t, const char *id, const struct finding *f,
    const struct judging *jg, struct reason *out)
{
	const char *s;
	size_t k, n;
	int64_t w = 0;

	if (f->why == WHY_SHORT) {
		for (k = 0; id[k] != '\0'; k++)
			reason_bytes(out, id[k] == '_' ? " " : &id[k], 1);
		reason_str(out, " ");
		reason_years(out, f->value);
		reason_str(out, " years, needs ");
		reason_years(out, t->number);
		reason_str(out, " (short ");
		reason_years(out, t->number - f->value);
		reason_str(out, ")");
		return;
	}
	reason_str(out, t->colname[0]);
	reason_str(out, " ");
	reason_years(out, f->value);
	reason_str(out, " years is more than ");
	reason_str(out, t->colname[1]);
	reason_str(out, " ");
	ruletest_cell(jg, t->slot[1], &s, &n);
	if (value_years(s, n, &w) == VALUE_OK)
		reason_years(out, w);
	else
		reason_cell(out, jg, t->slot[1]);
	reason_str(out, " years");
}

const struct ruletest ruletest_at_least = {
	.keyword = "at-least",
	.synopsis = "at-least N COLUMN [not-above COLUMN2]",
	.parse = parse_at_least,
	.judge = judge_at_least,
	.reason = reason_at_least,
};
