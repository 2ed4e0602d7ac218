/*
 * compare.h - what the --compare-rules reports share: whether a
 * record's decision changed between the old rule set and the new, and
 * the reasons on either side.
 *
 * A record judged by both sets comes to a compare report as one entry
 * whose old member is its judgment by the old set (report_compare()):
 * ids and reasons of the old side are the old set's (rp->old).
 */
#ifndef CIVPOL_COMPARE_H
#define CIVPOL_COMPARE_H

#include <stddef.h>

#include "format.h"

/* Which side of a comparison. */
enum compare_side { COMPARE_OLD, COMPARE_NEW };

/*
 * Nonzero when e's decision differs between the sets: its status, or
 * the ids (by name) of its failed or unknown criteria.
 */
int compare_changed(const struct report *rp, const struct entry *e);

/*
 * Calls each() for every failed, unknown and not applicable criterion
 * of side s of e, in that order, with its id, its rank k and its reason
 * in words.  Borrowed, all of them, for the call.
 */
void compare_each_reason(struct report *rp, const struct entry *e,
    enum compare_side s,
    void (*each)(struct report *rp, const char *id, size_t idlen, size_t k,
        const char *reason, size_t len));

/* The ids of side s's failed (or unknown) criteria, joined with sep. */
char *compare_put_ids(const struct report *rp, char *d, const struct entry *e,
    enum compare_side s, int unknown, char sep, int json);

/* Room for what compare_put_ids() writes of either side. */
size_t compare_ids_room(const struct report *rp);

#endif
