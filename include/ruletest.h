/*
 * ruletest.h - what a rule test implements, and what it may use of the
 * rules parser and of the record being judged.
 *
 * A rule test is the part of a rule line after the level, or a member
 * line of a group: "true us_citizen", "at-least 8
 * total_experience_years", "between 25 62 age(date_of_birth)".  Each
 * kind of test is
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
	WHY_FUTURE, /* the slot's date lies after the as-of date */
	/* rules.c's own, for a criterion judged as a whole: a group, a
	 * not, or a test that applies only when (its value: how). */
	WHY_WHOLE,
	WHY_KIND = 16
};

/* A word of a list in a rules file: ["U.S. Citizen", American]. */
struct word {
	const char *s; /* Borrowed: valid until rules_free(). */
	size_t n;
};

/* The words a yes/no column takes, when a vocabulary sets them. */
struct vocab {
	const struct word *yes;
	size_t nyes;
	const struct word *no;
	size_t nno;
};

/*
 * A profile's words for one column slot: a cell that reads from[k]
 * (ignoring case and surrounding white space) is judged as if it read
 * to[k].
 */
struct translation_list {
	const struct word *from;
	const struct word *to;
	size_t n;
};

/* What an operand is: a number in a column, or one made from a date. */
enum operand {
	OPERAND_NUMBER, /* COLUMN */
	OPERAND_AGE, /* age(COLUMN): whole years from it to the as-of date */
	OPERAND_YEARS, /* years-since(COLUMN), the same number */
	OPERAND_MONTHS /* months-since(COLUMN): whole months */
};

/* One test as parsed: what each kind reads is its own to say. */
struct test {
	const struct ruletest *kind;
	/* Column slots, RULETEST_NO_SLOT when unused, and their names as
	 * the rule wrote them. */
	size_t slot[2];
	const char *colname[2];
	/* Numbers of the kind's, as written, and the first as a count if
	 * whole. */
	struct decimal number;
	struct decimal number2;
	int count;
	/* For a count of calendar periods: 12 (years) or 1 (months). */
	int months;
	enum operand operand;
	/* A list of words (one-of): first and n in the set's words until
	 * the set is parsed, then words points at them. */
	size_t words_first;
	size_t nwords;
	const struct word *words;
	/* Set by rules.c once the set is parsed: the vocabulary of slot[0]
	 * (NULL: the usual yes and no words). */
	const struct vocab *vocab;
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
	/* A profile's words for each slot, or NULL when none has any. */
	const struct translation_list *tr;
	/* Per slot, nonzero when an empty cell fails; NULL when none. */
	const unsigned char *empty_fails;
	/* No profile's words and no vocabulary in the set: every true
	 * test may take the hot loop. */
	int plain;
	int32_t asof;
	/* The numbers of the first 64 slots, read once (ruletest_at_least.c). */
	uint64_t known;
	enum value_status number_status[64];
	struct decimal numbers[64];
	/* The dates of the first 64 slots, read once (ruletest_date()). */
	uint64_t known_dates;
	enum value_status date_status[64];
	int32_t dates[64];
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
	/*
	 * For a finding whose why is the kind's own (WHY_KIND or more).
	 * id is the criterion's id when the test is its whole test, NULL
	 * when the test is a member of a group.
	 */
	void (*reason)(const struct test *t, const char *id,
	    const struct finding *f, const struct judging *jg,
	    struct reason *out);
};

/*
 * The parser's side (ruleparse.c): each function reads the rule line
 * from where the last one stopped, and fails with ruleparse_error(),
 * which fills the caller's struct error with the file and line, and
 * returns -1.
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
 * Reads N UNIT: a whole number and year, years, month or months, into
 * t->count and t->months (12 or 1).  When unit_optional and the word
 * after N is no unit, nothing more is read and t->months is 0.
 */
int ruleparse_period(struct ruleparse *ps, const char *keyword, struct test *t,
    int unit_optional);

/*
 * Nonzero at the end of a test: the end of the line, the description's
 * quote, or "when".
 */
int ruleparse_at_test_end(struct ruleparse *ps);

/*
 * Reads a column name, finding or adding its slot.  *name is the name as
 * written.  Borrowed: valid until rules_free().
 */
int ruleparse_column(struct ruleparse *ps, size_t *slot, const char **name);

/*
 * Reads a number's operand into t: COLUMN, age(COLUMN),
 * years-since(COLUMN) or months-since(COLUMN), the column into slot 0.
 */
int ruleparse_operand(struct ruleparse *ps, struct test *t);

/*
 * Reads a list of words into the set's words, into t->words_first and
 * t->nwords; what names an item in messages.
 */
int ruleparse_list(struct ruleparse *ps, const char *what, struct test *t);

/*
 * Nonzero when the next word is word, which is then consumed; else
 * nothing is consumed.
 */
int ruleparse_keyword(struct ruleparse *ps, const char *word);

/*
 * The judging side.
 */

/*
 * Points *s and *n at what a profile's words make of the cell (n bytes
 * at s) in slot, when they make anything of it.
 */
void ruletest_translate(
    const struct judging *jg, size_t slot, const char **s, size_t *n);

/*
 * Points *s and *n at the cell of column slot as the record holds it,
 * untrimmed (empty when the slot is unbound or past the record's
 * fields).  Borrowed: valid as long as the record.
 */
static inline void
ruletest_raw_cell(
    const struct judging *jg, size_t slot, const char **s, size_t *n)
{
	size_t k = jg->col[slot];

	if (k >= jg->rec->nfields) {
		*s = "";
		*n = 0;
	} else {
		*s = jg->rec->fields[k].ptr;
		*n = jg->rec->fields[k].len;
	}
}

/*
 * Points *s and *n at the cell of column slot as it is judged: as a
 * profile's words make it.  Borrowed: valid as long as the record and
 * the rules.
 */
static inline void
ruletest_cell(const struct judging *jg, size_t slot, const char **s, size_t *n)
{
	ruletest_raw_cell(jg, slot, s, n);
	if (jg->tr != NULL)
		ruletest_translate(jg, slot, s, n);
}

/*
 * Nonzero when the n bytes at s, trimmed, are one of the nw words at w,
 * ignoring ASCII case.
 */
int ruletest_word_in(const struct word *w, size_t nw, const char *s, size_t n);

/*
 * The day of a date test's limit: t->count periods of t->months months
 * from the as-of day, back when sign is -1 and forward when it is 1,
 * worked out once by prepare() for an as-of day.
 */
int32_t ruletest_limit_day(const struct test *t, int32_t asof, int sign);
/* A date test's prepare(): works out its limit for asof, as above. */
void ruletest_prepare_limit(struct test *t, int32_t asof, int sign);

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

/*
 * Fills *f for a cell of slot that did not parse as st says: unknown,
 * but a fail when the cell is empty and an "empty COLUMN fails" line
 * says so of the slot.
 */
static inline enum outcome
ruletest_unreadable(const struct judging *jg, struct finding *f,
    enum value_status st, size_t slot)
{
	if (st == VALUE_MISSING)
		return ruletest_found(f,
		    jg->empty_fails != NULL && jg->empty_fails[slot]
		        ? OUTCOME_FAIL
		        : OUTCOME_UNKNOWN,
		    WHY_MISSING, slot, 0);
	return ruletest_found(f, OUTCOME_UNKNOWN, WHY_INVALID, slot, 0);
}

/* How many column slots the numbers memo of struct judging covers. */
#define RULETEST_NUMBERS_MEMO 64

/*
 * The number in column slot's cell, read once per record however many
 * tests read it (an at-least COLUMN is often another one's not-above
 * COLUMN2).  Returns value_decimal()'s status; *out is set only when it
 * is VALUE_OK.
 */
static inline enum value_status
ruletest_number(struct judging *jg, size_t slot, struct decimal *out)
{
	enum value_status st;
	const char *s;
	size_t n;

	if (slot < RULETEST_NUMBERS_MEMO && (jg->known >> slot & 1) != 0) {
		st = jg->number_status[slot];
		if (st == VALUE_OK)
			*out = jg->numbers[slot];
		return st;
	}
	ruletest_cell(jg, slot, &s, &n);
	st = value_decimal(s, n, out);
	if (slot < RULETEST_NUMBERS_MEMO) {
		jg->known |= UINT64_C(1) << slot;
		jg->number_status[slot] = st;
		if (st == VALUE_OK)
			jg->numbers[slot] = *out;
	}
	return st;
}

/*
 * The date in column slot's cell, read once per record however many
 * tests read it (age() of a date of birth in two criteria).  Returns
 * value_date()'s status; *out is set only when it is VALUE_OK.
 */
static inline enum value_status
ruletest_date(struct judging *jg, size_t slot, int32_t *out)
{
	enum value_status st;
	const char *s;
	size_t n;

	if (slot < RULETEST_NUMBERS_MEMO &&
	    (jg->known_dates >> slot & 1) != 0) {
		st = jg->date_status[slot];
		if (st == VALUE_OK)
			*out = jg->dates[slot];
		return st;
	}
	ruletest_cell(jg, slot, &s, &n);
	st = value_date(s, n, out);
	if (slot < RULETEST_NUMBERS_MEMO) {
		jg->known_dates |= UINT64_C(1) << slot;
		jg->date_status[slot] = st;
		if (st == VALUE_OK)
			jg->dates[slot] = *out;
	}
	return st;
}

/*
 * The date in column slot's cell, on or before the as-of date: returns
 * OUTCOME_PASS with *day; else fills *f (missing, invalid, or after the
 * as-of date: then nothing can be said of it yet) and returns
 * OUTCOME_UNKNOWN.
 */
static inline enum outcome
ruletest_past_date(
    struct judging *jg, size_t slot, int32_t *day, struct finding *f)
{
	enum value_status st = ruletest_date(jg, slot, day);

	if (st != VALUE_OK)
		return ruletest_unreadable(jg, f, st, slot);
	if (*day > jg->asof)
		return ruletest_found(
		    f, OUTCOME_UNKNOWN, WHY_FUTURE, slot, *day);
	return OUTCOME_PASS;
}

/* ruletest_operand() for an operand made from a date. */
enum outcome ruletest_operand_date(const struct test *t, struct judging *jg,
    struct decimal *v, char buf[24], struct finding *f);

/*
 * Reads the value of t's operand (enum operand) into *v, whose digits
 * may be kept in buf.  Returns OUTCOME_PASS when it was read; else fills
 * *f (missing, invalid, or for a date, after the as-of date) and returns
 * OUTCOME_UNKNOWN.
 */
static inline enum outcome
ruletest_operand(const struct test *t, struct judging *jg, struct decimal *v,
    char buf[24], struct finding *f)
{
	enum value_status st;

	if (t->operand != OPERAND_NUMBER)
		return ruletest_operand_date(t, jg, v, buf, f);
	st = ruletest_number(jg, t->slot[0], v);
	if (st != VALUE_OK)
		return ruletest_unreadable(jg, f, st, t->slot[0]);
	return OUTCOME_PASS;
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
/*
 * Slot's cell as the record holds it (not as a profile's words make it),
 * trimmed, in double quotes as error_quote() writes it.
 */
void reason_cell(struct reason *out, const struct judging *jg, size_t slot);
/* "6 months", "1 year": t's count of periods. */
void reason_period(struct reason *out, const struct test *t);
/*
 * A date test's limit and where it comes from, with then between them:
 * "2027-05-22 or later (6 months after 2026-11-22)", sign as for
 * ruletest_limit_day().
 */
void reason_limit(struct reason *out, const struct test *t,
    const struct judging *jg, int sign, const char *then);
/*
 * What t's operand is and holds: the criterion's id in words, or when
 * id is NULL the column's name, then the number ("total experience 7.5
 * years", "language_test_english 55"); or "age 63 on 2026-11-22",
 * "years since driving_licence_issued 0 on 2026-11-22".  A column whose
 * name ends in "years" or "months" is counted in them.
 */
void reason_operand(struct reason *out, const struct test *t, const char *id,
    const struct judging *jg);
/* " years" or " months" when column's name ends in it (see above). */
void reason_unit(struct reason *out, const char *column);

#endif
