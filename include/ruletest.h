/*
 * ruletest.h - what a rule test implements, and what it may use of the
 * rules parser and of the record being judged.
 *
 * A rule test is the part of a rule line after the level: "true
 * us_citizen", "at-least 8 total_experience_years".  Each kind of test is
 * one file, src/ruletest_NAME.c, defining one struct ruletest (its row):
 * the keyword that starts it, its synopsis for the documentation, and
 * four operations.  parse reads the operands after the keyword into a
 * struct test; prepare (optional) works out once what judging would
 * otherwise work out per record for an as-of day; judge decides one
 * record for a run of tests of its kind (rules.c judges a set's tests
 * grouped by kind, one call per kind and record), writing a struct
 * finding for each; reason puts a finding that did not pass into
 * words.  Adding a kind is adding its file and one row to the
 * table in rules.c; the parser's messages and the documentation check
 * take the keywords from there.
 *
 * Everything a test's operations receive is borrowed for the call.
 */
#ifndef CIVPOL_RULETEST_H
#define CIVPOL_RULETEST_H

#include <stddef.h>
#include <stdint.h>

#include "reader.h"
#include "rules.h"
#include "value.h"

/* A column slot that a test does not use. */
#define RULETEST_NO_SLOT ((size_t)-1)

/*
 * The reason codes kept in struct finding's why that every kind shares.
 * A kind numbers its own from WHY_KIND up.
 */
enum ruletest_why {
	WHY_NONE = 0, /* passed */
	WHY_MISSING, /* the slot's cell is empty */
	WHY_INVALID, /* the slot's cell is not a value of its kind */
	WHY_KIND = 16
};

/* One test as parsed: what each kind reads is its own to say. */
struct test {
	const struct ruletest *kind;
	/* Column slots, RULETEST_NO_SLOT when unused, and their names as
	 * the rule wrote them. */
	size_t slot[2];
	const char *colname[2];
	/* A number of the kind's, as written, and as a count if whole. */
	struct decimal number;
	int count;
	/* What prepare() worked out, for the as-of day day_asof. */
	int32_t day;
	int32_t day_asof;
	int have_day;
	/* Set by rules.c: where the test's finding goes, and ~0u when its
	 * outcome counts towards the verdict (required), 0 when not. */
	size_t out;
	unsigned req;
};

/* What a parse is working on; see the ruleparse_ functions. */
struct ruleparse;

/* What judging is working on: one record, as bound. */
struct judging {
	const struct record *rec;
	const size_t *col; /* field index of each column slot */
	int32_t asof;
	/* The numbers of the first 64 slots, read once (ruletest_at_least.c). */
	uint64_t known;
	enum value_status number_status[64];
	struct decimal numbers[64];
};

/* A bounded writer of reasons into a caller's buffer. */
struct reason {
	char *buf;
	size_t size;
	size_t len;
};

struct ruletest {
	const char *keyword;
	/* The test as the documentation writes it: "true COLUMN". */
	const char *synopsis;
	/* Reads the operands after the keyword; returns 0 or -1. */
	int (*parse)(struct ruleparse *ps, struct test *t);
	/* May be NULL. */
	void (*prepare)(struct test *t, int32_t asof);
	/*
	 * Judges the n tests at t, all of this kind, writing the finding
	 * of each to out[t[k].out].  Returns the outcomes that count, as
	 * bits: the OR of (1u << outcome) & t[k].req.
	 */
	unsigned (*judge)(const struct test *t, size_t n, struct judging *jg,
	    struct finding *out);
	/* For a finding whose why is the kind's own (WHY_KIND or more). */
	void (*reason)(const struct test *t, const char *id,
	    const struct finding *f, const struct judging *jg,
	    struct reason *out);
};

/*
 * The parser's side: each function reads the rule line from where the
 * last one stopped, and fails with ruleparse_error(), which fills the
 * caller's struct error with the file and line, and returns -1.
 */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
int
ruleparse_error(struct ruleparse *ps, const char *fmt, ...);

/*
 * Reads N: digits, optionally a point and at most 9 digits, at most
 * 999999999.999999999, into *out, and, when N has no point, into *count
 * (which may be NULL).  keyword names the test in "missing number
 * after" messages.  Borrowed: *out is valid until rules_free().
 */
int ruleparse_number(
    struct ruleparse *ps, const char *keyword, struct decimal *out, int *count);

/*
 * Reads a column name, finding or adding its slot.  *name is the name as
 * written.  Borrowed: valid until rules_free().
 */
int ruleparse_column(struct ruleparse *ps, size_t *slot, const char **name);

/*
 * Nonzero when the next word is word, which is then consumed; else
 * nothing is consumed.
 */
int ruleparse_keyword(struct ruleparse *ps, const char *word);

/*
 * The judging side.
 */

/*
 * Points *s and *n at the cell of column slot, untrimmed (empty when the
 * slot is unbound or past the record's fields).  Borrowed: valid as long
 * as the record.
 */
static inline void
ruletest_cell(const struct judging *jg, size_t slot, const char **s, size_t *n)
{
	size_t k = jg->col[slot];

	if (k >= jg->rec->nfields) {
		*s = "";
		*n = 0;
		return;
	}
	*s = jg->rec->fields[k].ptr;
	*n = jg->rec->fields[k].len;
}

/* Fills *f and returns its outcome. */
static inline enum outcome
ruletest_found(
    struct finding *f, enum outcome o, int why, size_t slot, int64_t value)
{
	f->outcome = o;
	f->why = why;
	f->column = slot;
	f->value = value;
	return o;
}

/* Fills *f for a pass, which has nothing to explain; returns its outcome. */
static inline enum outcome
ruletest_pass(struct finding *f)
{
	f->outcome = OUTCOME_PASS;
	return OUTCOME_PASS;
}

/*
 * The judge of a kind that needs no loop of its own: judges the n tests
 * at t one by one with one(), as struct ruletest's judge says.
 */
static inline unsigned
ruletest_judge_each(const struct test *t, size_t n, struct judging *jg,
    struct finding *out,
    enum outcome (*one)(
        const struct test *t, struct judging *jg, struct finding *f))
{
	unsigned seen = 0;
	size_t k;

	for (k = 0; k < n; k++)
		seen |= (1u << one(&t[k], jg, &out[t[k].out])) & t[k].req;
	return seen;
}

/* Fills *f for a cell of slot that did not parse as st says. */
static inline enum outcome
ruletest_unreadable(struct finding *f, enum value_status st, size_t slot)
{
	return ruletest_found(f, OUTCOME_UNKNOWN,
	    st == VALUE_MISSING ? WHY_MISSING : WHY_INVALID, slot, 0);
}

/*
 * The reason side: each appends to out, cutting what does not fit.
 */
void reason_bytes(struct reason *out, const char *s, size_t n);
void reason_str(struct reason *out, const char *s);
/* The most of a number that a reason quotes. */
#define REASON_NUMBER_MAX 128

/* A number as value_decimal_format() writes it. */
void reason_number(struct reason *out, const struct decimal *d);
/* A day as YYYY-MM-DD. */
void reason_date(struct reason *out, int32_t day);
/* Slot's cell, trimmed, in double quotes as error_quote() writes it. */
void reason_cell(struct reason *out, const struct judging *jg, size_t slot);

#endif
