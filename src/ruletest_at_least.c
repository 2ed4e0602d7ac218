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

/* How many column slots the numbers memo covers. */
#define NUMBERS_MEMO 64

/*
 * The number in column slot's cell, read once per record however many
 * tests read it (an at-least COLUMN is often another one's not-above
 * COLUMN2).  Returns value_decimal()'s status; *out is set only when it
 * is VALUE_OK.
 */
static inline enum value_status
slot_number(struct judging *jg, size_t slot, struct decimal *out)
{
	enum value_status st;
	const char *s;
	size_t n;

	if (slot < NUMBERS_MEMO && (jg->known >> slot & 1) != 0) {
		if (jg->number_status[slot] == VALUE_OK)
			*out = jg->numbers[slot];
		return jg->number_status[slot];
	}
	ruletest_cell(jg, slot, &s, &n);
	st = value_decimal(s, n, out);
	if (slot < NUMBERS_MEMO) {
		jg->known |= UINT64_C(1) << slot;
		jg->number_status[slot] = st;
		if (st == VALUE_OK)
			jg->numbers[slot] = *out;
	}
	return st;
}

static int
parse_at_least(struct ruleparse *ps, struct test *t)
{
	if (ruleparse_number(ps, "at-least", &t->number, NULL) != 0)
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
	struct decimal v, limit;

	st = slot_number(jg, t->slot[0], &v);
	if (st != VALUE_OK)
		return ruletest_unreadable(f, st, t->slot[0]);
	if (t->slot[1] != RULETEST_NO_SLOT &&
	    slot_number(jg, t->slot[1], &limit) == VALUE_OK &&
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
	/* The numbers read serve only the tests of this record. */
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
	char diff[REASON_NUMBER_MAX];
	struct decimal v, w;
	const char *s;
	size_t k, n;

	ruletest_cell(jg, t->slot[0], &s, &n);
	(void)value_decimal(s, n, &v);
	if (f->why == WHY_SHORT) {
		for (k = 0; id[k] != '\0'; k++)
			reason_bytes(out, id[k] == '_' ? " " : &id[k], 1);
		reason_str(out, " ");
		reason_number(out, &v);
		reason_str(out, " years, needs ");
		reason_number(out, &t->number);
		reason_str(out, " (short ");
		(void)value_decimal_sub(&t->number, &v, diff, sizeof(diff));
		reason_str(out, diff);
		reason_str(out, ")");
		return;
	}
	reason_str(out, t->colname[0]);
	reason_str(out, " ");
	reason_number(out, &v);
	reason_str(out, " years is more than ");
	reason_str(out, t->colname[1]);
	reason_str(out, " ");
	ruletest_cell(jg, t->slot[1], &s, &n);
	if (value_decimal(s, n, &w) == VALUE_OK)
		reason_number(out, &w);
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
