/*
 * rules_reason.c - a finding in words (rules_reason()) and the columns
 * those words speak of (rules_slots()), made only when a report asks,
 * from the findings rules_judge() wrote; see rules.h.  A kind's own
 * reasons are its row's (ruletest.h); this file words what every kind
 * shares (a cell missing, invalid, or a date after the as-of day) and
 * the groups, nots and when clauses of criteria judged as a whole.
 */
#include <stdint.h>
#include <stdio.h>

#include "rules.h"
#include "rules_impl.h"
#include "ruletest.h"

/* The name test t wrote for slot.  Valid until rules_free(). */
static const char *
slot_name(const struct test *t, size_t slot)
{
	if (slot == t->slot[0] || t->colname[1] == NULL)
		return t->colname[0];
	return t->colname[1];
}

/* The reason for test t's finding f; id as struct ruletest's reason. */
static void
reason_test(const struct test *t, const char *id, const struct finding *f,
    const struct judging *jg, struct reason *o)
{
	switch (f->why) {
	case WHY_MISSING:
		reason_str(o, slot_name(t, f->column));
		reason_str(o, ": missing");
		break;
	case WHY_INVALID:
		reason_str(o, slot_name(t, f->column));
		reason_str(o, ": invalid value ");
		reason_cell(o, jg, f->column);
		break;
	case WHY_FUTURE:
		reason_str(o, slot_name(t, f->column));
		reason_str(o, ": invalid value ");
		reason_cell(o, jg, f->column);
		reason_str(o, " (after ");
		reason_date(o, jg->asof);
		reason_str(o, ")");
		break;
	default:
		if (f->why >= WHY_KIND)
			t->kind->reason(t, id, f, jg, o);
		break;
	}
}

/*
 * The reason for node k, whose outcome is not a pass, with the findings
 * at out (as rules_judge() wrote them); id as struct ruletest's reason.
 * A group lists its members that made its outcome, joined with " and ",
 * in parentheses when it is itself a member.
 */
static void
reason_node(const struct rules *r, size_t k, const char *id,
    const struct finding *out, const struct judging *jg, struct reason *o)
{
	const struct node *nd = &r->nodes[k];
	const struct finding *f = &out[r->ncrit + k];
	const struct node *ch;
	enum outcome want;
	size_t m, listed = 0;
	char num[32];

	switch (nd->op) {
	case NODE_TEST:
		reason_test(&nd->test, id, f, jg, o);
		return;
	case NODE_NOT:
		if (f->outcome != OUTCOME_FAIL) {
			reason_node(r, nd->child, NULL, out, jg, o);
			return;
		}
		ch = &r->nodes[nd->child];
		reason_str(o, "must not hold: ");
		reason_bytes(o, ch->text, ch->text_len);
		if (ch->op != NODE_TEST) {
			(void)snprintf(
			    num, sizeof(num), " (line %lu)", ch->line);
			reason_str(o, num);
			return;
		}
		listed = 0;
		for (m = 0; m < 2; m++) {
			if (ch->test.slot[m] == RULETEST_NO_SLOT)
				continue;
			reason_str(o, listed++ == 0 ? " (" : ", ");
			reason_str(o, ch->test.colname[m]);
			reason_str(o, " ");
			reason_cell(o, jg, ch->test.slot[m]);
		}
		if (listed > 0)
			reason_str(o, ")");
		return;
	default:
		break;
	}
	/* An all-of that failed lists its failures; any other group, every
	 * member that did not pass. */
	want = nd->op == NODE_ALL && f->outcome == OUTCOME_FAIL ? OUTCOME_FAIL
	                                                        : OUTCOME_PASS;
	if (id == NULL)
		reason_str(o, "(");
	for (m = nd->child; m != NO_NODE; m = r->nodes[m].next) {
		enum outcome mo = out[r->ncrit + m].outcome;

		if (mo == OUTCOME_PASS || (want == OUTCOME_FAIL && mo != want))
			continue;
		if (listed++ > 0)
			reason_str(o, " and ");
		reason_node(r, m, NULL, out, jg, o);
	}
	if (id == NULL)
		reason_str(o, ")");
}

/* The reason for criterion i, judged as a whole, with finding f. */
static void
reason_whole(const struct rules *r, size_t i, const struct finding *f,
    const struct judging *jg, struct reason *o)
{
	const struct criterion *c = &r->crit[i];

	if (f->outcome == OUTCOME_NOT_APPLICABLE) {
		reason_str(o, "not applicable (");
		reason_str(o, c->when_col);
		reason_str(o, " ");
		reason_cell(o, jg, c->when_slot);
		reason_str(o, ")");
		return;
	}
	reason_node(r, c->root, c->id, f - i, jg, o);
	if (f->value == WHEN_MISSING) {
		reason_str(o, " (");
		reason_str(o, c->when_col);
		reason_str(o, ": missing, so it may apply)");
	}
}

size_t
rules_reason(const struct rules *r, size_t i, const struct finding *f,
    const struct record *rec, const size_t *col, int32_t asof, char *buf,
    size_t size)
{
	const struct criterion *c;
	struct judging jg;
	struct reason o;

	o.buf = buf;
	o.size = size;
	o.len = 0;
	if (size > 0)
		buf[0] = '\0';
	if (i >= r->ncrit || f->outcome == OUTCOME_PASS)
		return 0;
	c = &r->crit[i];
	rules_judging_init(&jg, r, rec, col, asof);
	if (f->why == WHY_WHOLE)
		reason_whole(r, i, f, &jg, &o);
	else
		reason_test(&r->nodes[c->root].test, c->id, f, &jg, &o);
	return o.len;
}

/* The slots that rules_slots() is gathering. */
struct slot_list {
	size_t *slots;
	size_t max;
	size_t n;
};

static void
slot_add(struct slot_list *sl, size_t slot)
{
	if (slot == RULETEST_NO_SLOT)
		return;
	if (sl->n < sl->max)
		sl->slots[sl->n] = slot;
	sl->n++;
}

/* Every slot that node k and its members read. */
static void
slots_all(const struct rules *r, size_t k, struct slot_list *sl)
{
	const struct node *nd = &r->nodes[k];
	size_t m;

	if (nd->op == NODE_TEST) {
		slot_add(sl, nd->test.slot[0]);
		slot_add(sl, nd->test.slot[1]);
		return;
	}
	for (m = nd->child; m != NO_NODE; m = r->nodes[m].next)
		slots_all(r, m, sl);
}

/* The slot a test's finding f speaks of; all its slots if none. */
static void
slots_test(const struct test *t, const struct finding *f, struct slot_list *sl)
{
	if (f->column != RULETEST_NO_SLOT) {
		slot_add(sl, f->column);
		return;
	}
	slot_add(sl, t->slot[0]);
	slot_add(sl, t->slot[1]);
}

/*
 * The slots of node k, whose outcome is not a pass, chosen as
 * reason_node() chooses what to speak of.
 */
static void
slots_node(const struct rules *r, size_t k, const struct finding *out,
    struct slot_list *sl)
{
	const struct node *nd = &r->nodes[k];
	const struct finding *f = &out[r->ncrit + k];
	enum outcome want, mo;
	size_t m;

	if (nd->op == NODE_TEST) {
		slots_test(&nd->test, f, sl);
		return;
	}
	if (nd->op == NODE_NOT) {
		if (f->outcome != OUTCOME_FAIL)
			slots_node(r, nd->child, out, sl);
		else
			slots_all(r, nd->child, sl);
		return;
	}
	want = nd->op == NODE_ALL && f->outcome == OUTCOME_FAIL ? OUTCOME_FAIL
	                                                        : OUTCOME_PASS;
	for (m = nd->child; m != NO_NODE; m = r->nodes[m].next) {
		mo = out[r->ncrit + m].outcome;
		if (mo == OUTCOME_PASS || (want == OUTCOME_FAIL && mo != want))
			continue;
		slots_node(r, m, out, sl);
	}
}

size_t
rules_slots(const struct rules *r, size_t i, const struct finding *f,
    size_t *slots, size_t max)
{
	struct slot_list sl = { slots, max, 0 };
	const struct criterion *c;

	if (i >= r->ncrit || f->outcome == OUTCOME_PASS ||
	    f->outcome == OUTCOME_NOT_APPLICABLE)
		return 0;
	c = &r->crit[i];
	if (f->why != WHY_WHOLE) {
		slots_test(&r->nodes[c->root].test, f, &sl);
		return sl.n;
	}
	slots_node(r, c->root, f - i, &sl);
	if (f->value == WHEN_MISSING)
		slot_add(&sl, c->when_slot);
	return sl.n;
}
