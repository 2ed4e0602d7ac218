/*
 * rules.h - a rule set: parsed from a rules file, or the compiled-in
 * default, and one loop that judges a record against any set.
 *
 * The default set is data/civpol-2008.rules, compiled in at build time;
 * its comments document the format.  Judging is three-valued: each
 * criterion passes, fails, or is unknown (its value missing or invalid),
 * and the applicant is FAIL when a required criterion fails, else REVIEW
 * when one is unknown, else PASS.  Advisory criteria are judged and
 * reported but never change the verdict.  Reasons are made only when
 * asked for (rules_reason()), so that judging stays cheap.
 */
#ifndef CIVPOL_RULES_H
#define CIVPOL_RULES_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "header.h"
#include "reader.h"
#include "verdict.h"

/*
 * What a criterion found: enough to write its reason later.  A passing
 * finding has nothing to explain: only its outcome is set.
 */
struct finding {
	enum outcome outcome;
	int why; /* the test's own code for the reason (ruletest.h) */
	size_t column; /* the rule's column slot the reason speaks of */
	int64_t value; /* the number or day the reason quotes, if any */
};

struct rules;

/*
 * Parses a rules file's text (len bytes, not necessarily NUL-terminated;
 * copied).  file names it in errors.  Borrowed: file must outlive the
 * set.  Returns NULL and
 * fills err (file, line, message) on any error: unknown directive or
 * test, bad number, duplicate id, missing column name, and so on.  The
 * caller frees the result with rules_free().
 */
struct rules *
rules_parse(const char *text, size_t len, const char *file, struct error *err);

/*
 * The synopsis of the i-th kind of test in the table, as the
 * documentation writes it ("at-least N COLUMN [not-above COLUMN2]"), or
 * NULL past the last.  Static storage.
 */
const char *rules_test_synopsis(size_t i);

/* The compiled-in default set.  The caller frees it with rules_free(). */
struct rules *rules_default(struct error *err);

/* Frees r; rules_free(NULL) does nothing. */
void rules_free(struct rules *r);

/* The text the set was parsed from.  Borrowed: valid until rules_free(). */
const char *rules_text(const struct rules *r, size_t *len);

/* The name line's value.  Borrowed: valid until rules_free(). */
const char *rules_name(const struct rules *r);

/*
 * A short hash of the text, 12 hex digits.  Borrowed: valid until
 * rules_free().
 */
const char *rules_hash(const struct rules *r);

/* The number of criteria. */
size_t rules_count(const struct rules *r);

/* Criterion i's id.  Borrowed: valid until rules_free(). */
const char *rules_id(const struct rules *r, size_t i);

/* Criterion i's description.  Borrowed: valid until rules_free(). */
const char *rules_description(const struct rules *r, size_t i);

/* Nonzero when criterion i is required, zero when advisory. */
int rules_required(const struct rules *r, size_t i);

/*
 * The distinct columns the criteria read, in order of first use, as
 * wants for header_bind() (all required).  Borrowed: valid until
 * rules_free().  *n receives their number.
 */
const struct column_want *rules_columns(const struct rules *r, size_t *n);

/* The index of criterion id, or (size_t)-1. */
size_t rules_find(const struct rules *r, const char *id);

/*
 * Judges rec.  col[k] is the field index of column slot k (as bound by
 * header_bind() over rules_columns()); asof is a day number.  Writes
 * rules_count() findings to out and returns the verdict (never
 * VERDICT_ERROR).  Touches no heap.
 */
enum verdict rules_judge(const struct rules *r, const struct record *rec,
    const size_t *col, int32_t asof, struct finding *out);

/*
 * Readies r for judging against as-of day asof: works out once what
 * rules_judge() would otherwise work out for each record (the cutoff day
 * of each within test).  Optional: rules_judge() gives the same findings
 * with or without it, and for any asof, prepared or not.  Touches no
 * heap.
 */
void rules_prepare(struct rules *r, int32_t asof);

/*
 * Writes the reason for criterion i's finding f (about rec, as judged
 * with col and asof) into buf (size bytes, NUL-terminated, truncated to
 * fit) and returns its length: "total experience 6.5 years, needs 8
 * (short 1.5)", "passport_valid: missing", "weapon_qualified: invalid
 * value \"maybe\"".  For a passing finding it writes "".
 */
size_t rules_reason(const struct rules *r, size_t i, const struct finding *f,
    const struct record *rec, const size_t *col, int32_t asof, char *buf,
    size_t size);

#endif
