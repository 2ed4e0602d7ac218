/*
 * verdict.h - what a judgment can be, and the names it goes by.
 *
 * A criterion's outcome is pass, fail, unknown or not applicable; an
 * applicant's verdict is PASS, FAIL, REVIEW or, for a record that could
 * not be read, ERROR.
 * The names here are the only spelling of the verdicts: reports write
 * them, --only and expected_status cells are read with verdict_parse().
 */
#ifndef CIVPOL_VERDICT_H
#define CIVPOL_VERDICT_H

#include <stddef.h>

/*
 * A criterion that applies only when another column holds a given value
 * is not applicable otherwise: an outcome that never changes the
 * verdict.
 */
enum outcome {
	OUTCOME_PASS = 0,
	OUTCOME_FAIL,
	OUTCOME_UNKNOWN,
	OUTCOME_NOT_APPLICABLE
};

enum verdict {
	VERDICT_PASS = 0,
	VERDICT_FAIL,
	VERDICT_REVIEW,
	VERDICT_ERROR,
	VERDICT_COUNT
};

/* "PASS", "FAIL", "REVIEW" or "ERROR"; static storage. */
const char *verdict_name(enum verdict v);

/*
 * The verdict whose name is the n bytes at s, ignoring ASCII case (and
 * nothing else: the caller trims), or VERDICT_COUNT when there is none.
 */
enum verdict verdict_parse(const char *s, size_t n);

#endif
