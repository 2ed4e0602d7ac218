/*
 * rules.h - a rule set: parsed from a rules file, or one of the sets
 * shipped in the program, and one loop that judges a record against any
 * set.
 *
 * The shipped sets are the files data/NAME.rules, compiled in at build
 * time; data/civpol-2008.rules is the default, and the comments of
 * data/unpol-ipo.rules document the whole language.  Judging is
 * three-valued: each criterion passes, fails, or is unknown (its value
 * missing or invalid), and groups of tests combine these as Kleene's
 * logic does; a criterion that applies only when another column holds a
 * given value is otherwise not applicable.  The applicant is FAIL when a
 * required criterion fails, else REVIEW when one is unknown, else PASS.
 * Advisory criteria are judged and reported but never change the
 * verdict.  Reasons are made only when asked for (rules_reason()), so
 * that judging stays cheap.
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
 * A data source's word and what it means for one column: a cell of
 * column that reads from (ignoring case and surrounding white space) is
 * judged as if it read to (see profile.h).
 */
struct translation {
	const char *column;
	const char *from;
	size_t from_len;
	const char *to;
	size_t to_len;
};

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

/*
 * The name of the i-th set shipped in the program ("civpol-2008", the
 * default, first), or NULL past the last.  Static storage.
 */
const char *rules_shipped_name(size_t i);

/*
 * The shipped set called name, parsed, or NULL (err untouched) when
 * there is none of that name.  The caller frees it with rules_free().
 */
struct rules *rules_shipped(const char *name, struct error *err);

/* Frees r; rules_free(NULL) does nothing. */
void rules_free(struct rules *r);

/* The text the set was parsed from.  Borrowed: valid until rules_free(). */
const char *rules_text(const struct rules *r, size_t *len);

/* The name line's value.  Borrowed: valid until rules_free(). */
const char *rules_name(const struct rules *r);

/*
 * Where the set comes from: its source line's text, or else the first
 * paragraph of the comment that opens the file, on one line, less a
 * leading "FILE - "; NULL when it has neither.  Borrowed: valid until
 * rules_free().
 */
const char *rules_source(const struct rules *r);

/*
 * Nonzero when some criterion applies only when (a when clause), so
 * that a criterion can be not applicable.
 */
int rules_conditional(const struct rules *r);

/*
 * The number of findings that rules_judge() writes: one per criterion,
 * then one per node of the criteria's tests (a test, a group, a not).
 */
size_t rules_findings(const struct rules *r);

/*
 * Judges the set with a data source's words: each of the n translations
 * at t whose column a criterion reads (by header_match()) applies to that
 * column's cells, the first that matches winning; the others are left
 * alone.  Borrowed: t and its strings must outlive r.  Returns 0, or -1
 * with err filled when out of memory.
 */
int rules_translate(
    struct rules *r, const struct translation *t, size_t n, struct error *err);

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
 * rules_findings() findings to out, criterion i's at out[i], and returns
 * the verdict (never VERDICT_ERROR).  Touches no heap.
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
 * value \"maybe\"", "not applicable (mission_type \"unarmed\")".  f is
 * out + i for the out that rules_judge() filled, whose group members'
 * findings it reads too.  For a passing finding it writes "".
 */
size_t rules_reason(const struct rules *r, size_t i, const struct finding *f,
    const struct record *rec, const size_t *col, int32_t asof, char *buf,
    size_t size);

/*
 * Writes to slots (room for max) the column slots whose cells made
 * criterion i's finding f what it is, as rules_reason() speaks of them:
 * for a test, the cell its reason names; for a group, those of the
 * members that made its outcome; for a not, the cells of what held; and
 * the when clause's cell when it is missing (so that the criterion may
 * apply).  A slot may come more than once.  Returns their number, which
 * may be more than max (then only max are written); 0 for a pass or a
 * criterion not applicable.  f is out + i as for rules_reason().
 * Touches no heap.
 */
size_t rules_slots(const struct rules *r, size_t i, const struct finding *f,
    size_t *slots, size_t max);

#endif
