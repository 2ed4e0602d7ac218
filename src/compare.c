/*
 * compare.c - what the --compare-rules reports share; see compare.h.
 *
 * The two sets may name their criteria apart and in another order, so
 * lists are compared as sets of names: each id of one side is looked
 * for among the other's (a record fails a few criteria, not thousands).
 */
#include <string.h>

#include "compare.h"

/* The report whose ids side s uses, and that side's entry. */
static const struct report *
side_report(const struct report *rp, enum compare_side s)
{
	return s == COMPARE_OLD ? rp->old : rp;
}

static const struct entry *
side_entry(const struct entry *e, enum compare_side s)
{
	return s == COMPARE_OLD ? e->old : e;
}

/* Nonzero when the id lists a (of ra) and b (of rb) hold the same names. */
static int
same_names(const struct report *ra, const size_t *a, size_t na,
    const struct report *rb, const size_t *b, size_t nb)
{
	size_t i, j;

	if (na != nb)
		return 0;
	for (i = 0; i < na; i++) {
		for (j = 0; j < nb; j++)
			if (ra->idlen[a[i]] == rb->idlen[b[j]] &&
			    memcmp(ra->ids[a[i]], rb->ids[b[j]],
			        ra->idlen[a[i]]) == 0)
				break;
		if (j == nb)
			return 0;
	}
	return 1;
}

int
compare_changed(const struct report *rp, const struct entry *e)
{
	const struct entry *o = e->old;

	if (o == NULL)
		return 0;
	return e->verdict != o->verdict ||
	    !same_names(
	        rp->old, o->failed, o->nfailed, rp, e->failed, e->nfailed) ||
	    !same_names(
	        rp->old, o->unknown, o->nunknown, rp, e->unknown, e->nunknown);
}

void
compare_each_reason(struct report *rp, const struct entry *e,
    enum compare_side s,
    void (*each)(struct report *rp, const char *id, size_t idlen, size_t k,
        const char *reason, size_t len))
{
	const struct report *by = side_report(rp, s);
	const struct entry *x = side_entry(e, s);
	char reason[REPORT_REASON_MAX];
	size_t k, i, len, nfu;

	if (x == NULL || by == NULL)
		return;
	nfu = x->nfailed + x->nunknown;
	for (k = 0; k < nfu + x->nnot_applicable; k++) {
		if (k < x->nfailed)
			i = x->failed[k];
		else if (k < nfu)
			i = x->unknown[k - x->nfailed];
		else
			i = x->not_applicable[k - nfu];
		len = rules_reason(by->rules, i, &x->findings[i], x->rec,
		    x->col, by->asof, reason, sizeof(reason));
		each(rp, by->ids[i], by->idlen[i], k, reason, len);
	}
}

char *
compare_put_ids(const struct report *rp, char *d, const struct entry *e,
    enum compare_side s, int unknown, char sep, int json)
{
	const struct report *by = side_report(rp, s);
	const struct entry *x = side_entry(e, s);

	if (x == NULL || by == NULL)
		return d;
	return unknown
	    ? report_put_ids(by, d, x->unknown, x->nunknown, sep, json)
	    : report_put_ids(by, d, x->failed, x->nfailed, sep, json);
}

size_t
compare_ids_room(const struct report *rp)
{
	size_t room = 2 * rp->ids_room + 2 * rp->nrules;

	if (rp->old != NULL)
		room += 2 * rp->old->ids_room + 2 * rp->old->nrules;
	return room + 16;
}
