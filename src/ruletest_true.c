/*
 * ruletest_true.c - "true COLUMN": the column holds a true value (yes y
 * true t 1 x pass passed; false is no n false f 0 fail failed).
 */
#include "ruletest.h"
#include "value.h"

enum { WHY_FALSE = WHY_KIND };

static int
parse_true(struct ruleparse *ps, struct test *t)
{
	return ruleparse_column(ps, &t->slot[0], &t->colname[0]);
}

/*
 * Most sets are mostly true tests: this loop is the judging's hot spot.
 * The record's fields are held in locals, as the compiler must assume
 * that a finding written may change anything reached through jg.
 */
static unsigned
judge_true(
    const struct test *t, size_t n, struct judging *jg, struct finding *out)
{
	const struct test *end = t + n;
	const struct field *fields = jg->rec->fields;
	const size_t *col = jg->col;
	size_t nfields = jg->rec->nfields;
	unsigned seen = 0;

	for (; t < end; t++) {
		struct finding *f = &out[t->out];
		size_t k = col[t->slot[0]];
		enum value_status st = VALUE_MISSING;
		int v = 0;

		if (k < nfields)
			st = value_bool(fields[k].ptr, fields[k].len, &v);
		if (st == VALUE_OK && v) {
			/* A pass, the usual case, adds no bit that counts. */
			f->outcome = OUTCOME_PASS;
			continue;
		}
		f->column = t->slot[0];
		f->value = 0;
		if (st == VALUE_OK) {
			f->outcome = OUTCOME_FAIL;
			f->why = WHY_FALSE;
		} else {
			f->outcome = OUTCOME_UNKNOWN;
			f->why =
			    st == VALUE_MISSING ? WHY_MISSING : WHY_INVALID;
		}
		seen |= (1u << f->outcome) & t->req;
	}
	return seen;
}

/* "us_citizen: \"no\"" */
static void
reason_true(const struct test *t, const char *id, const struct finding *f,
    const struct judging *jg, struct reason *out)
{
	(void)id;
	reason_str(out, t->colname[0]);
	reason_str(out, ": ");
	reason_cell(out, jg, f->column);
}

const struct ruletest ruletest_true = {
	.keyword = "true",
	.synopsis = "true COLUMN",
	.parse = parse_true,
	.judge = judge_true,
	.reason = reason_true,
};
