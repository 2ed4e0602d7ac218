/*
 * profile.h - a source profile: what one data source's sheets call the
 * columns that rules read, and what their words mean.
 *
 * A profile describes a source (an applicant tracking system's export, a
 * mission's own sheet), not a programme, so one profile serves every
 * rule set, and the rule set's hash does not change with it.  It is a
 * line-oriented text file (lineparse.h):
 *
 *   profile NAME
 *       The profile's name, one word, shown in reports with a hash of
 *       the file's text.  Exactly once, first.
 *   column COLUMN "HEADER"
 *       The rules' COLUMN is read from the header HEADER (its exact
 *       text first, then ignoring case and all but letters and digits),
 *       as --map COLUMN=HEADER does; a --map of the same column wins.
 *   value COLUMN "WORD" "MEANING"
 *   value COLUMN [WORDS] "MEANING"
 *       A cell of COLUMN that reads WORD (ignoring case and surrounding
 *       white space) is judged as if it read MEANING: value us_citizen
 *       "U.S. Citizen" yes.  MEANING may be "" (the cell is then empty).
 *
 * Lines about columns that a rule set does not read are left alone, so
 * that a profile for a source serves every set.
 */
#ifndef CIVPOL_PROFILE_H
#define CIVPOL_PROFILE_H

#include <stddef.h>

#include "error.h"
#include "header.h"
#include "rules.h"

struct profile;

/*
 * Parses a profile's text (len bytes, copied).  file names it in errors.
 * Borrowed: file must outlive the profile.  Returns NULL and fills err
 * (file, line, message) on any error.  The caller frees the result with
 * profile_free().
 */
struct profile *profile_parse(
    const char *text, size_t len, const char *file, struct error *err);

/* Frees p; profile_free(NULL) does nothing. */
void profile_free(struct profile *p);

/* The profile line's name.  Borrowed: valid until profile_free(). */
const char *profile_name(const struct profile *p);

/*
 * A short hash of the text, 12 hex digits, as rules_hash().  Borrowed:
 * valid until profile_free().
 */
const char *profile_hash(const struct profile *p);

/*
 * The column lines, as --map pairs, in the file's order; *n receives
 * their number.  Borrowed: valid until profile_free().
 */
const struct column_map *profile_maps(const struct profile *p, size_t *n);

/*
 * The value lines, one translation per word, in the file's order, for
 * rules_translate(); *n receives their number.  Borrowed: valid until
 * profile_free().
 */
const struct translation *
profile_translations(const struct profile *p, size_t *n);

#endif
