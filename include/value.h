/*
 * value.h - what the text of a cell means.
 *
 * The reader keeps field bytes exactly as they came; this module decides
 * what they say.  Every parser here ignores case and the white space
 * (space, tab, CR, LF) around a value, and answers VALUE_MISSING when
 * nothing is left, VALUE_INVALID when what is left is not a word or number
 * of its kind.  No parser depends on the locale or allocates.
 */
#ifndef CIVPOL_VALUE_H
#define CIVPOL_VALUE_H

#include <stddef.h>
#include <stdint.h>

enum value_status { VALUE_OK = 0, VALUE_MISSING, VALUE_INVALID };

/* Years are fixed point: whole years times VALUE_YEAR_SCALE. */
#define VALUE_YEAR_SCALE INT64_C(1000000000)
/* The largest years value: 999999999.999999999 years. */
#define VALUE_YEARS_MAX (INT64_C(1000000000) * VALUE_YEAR_SCALE - 1)

enum employment {
	EMPLOYMENT_ACTIVE, /* active serving employed current */
	EMPLOYMENT_SEPARATED /* retired separated resigned former */
};

/*
 * Shrinks the view *s, *n to exclude surrounding white space (space, tab,
 * CR, LF).  The pointer stays borrowed from the caller.
 */
void value_trim(const char **s, size_t *n);

/*
 * Boolean.  True: yes y true t 1 x pass passed.  False: no n false f 0
 * fail failed.
 */
enum value_status value_bool(const char *s, size_t n, int *out);

/*
 * Years: one or more digits, optionally a point and one or more digits
 * ("8", "8.0", "07.5"); not "-3", "7,5", "8 years", "1e1", ".5" or "5.".
 * *out is the value times VALUE_YEAR_SCALE, with fraction digits past the
 * ninth dropped (so comparing it with a threshold of at most nine
 * fraction digits is exact) and values above VALUE_YEARS_MAX clamped.
 */
enum value_status value_years(const char *s, size_t n, int64_t *out);

/* employment_status: see enum employment. */
enum value_status
value_employment(const char *s, size_t n, enum employment *out);

/*
 * A calendar date: YYYY-MM-DD (two-digit month and day), or U.S.
 * M/D/YYYY or M/D/YY (one or two digits for month and day).  Two-digit
 * years follow POSIX strptime %y: 69-99 are 1969-1999, 00-68 are
 * 2000-2068.  The date must exist (no February 30) and its year be 1900
 * or later.  *out is the day number (days since 1970-01-01).  Whether the
 * date lies after an as-of date is the caller's question.
 */
enum value_status value_date(const char *s, size_t n, int32_t *out);

/* Day number of a proleptic Gregorian date; no range check. */
int32_t value_days_from_civil(int y, int m, int d);

/* The date of day number days. */
void value_civil_from_days(int32_t days, int *y, int *m, int *d);

/*
 * The day number of the date years calendar years before day: same month
 * and day, February 29 becoming February 28 when the year has none.
 */
int32_t value_years_before(int32_t day, int years);

/*
 * Parses an as-of date, strictly YYYY-MM-DD (a real date, year 1900 to
 * 9999), NUL-terminated with nothing around it.  Returns 0 or -1.
 */
int value_parse_iso(const char *s, int32_t *out);

/* Writes day as YYYY-MM-DD and a NUL into buf[11]; returns buf. */
char *value_format_date(int32_t day, char buf[11]);

/*
 * Writes a years value as decimal text, with no trailing zeros in the
 * fraction and no point when it is whole ("8", "1.5"), and a NUL.
 * buf should hold at least VALUE_YEARS_BUF bytes.  Returns buf.
 */
#define VALUE_YEARS_BUF 32
char *value_format_years(int64_t years, char *buf);

#endif
