/*
 * xlsx_strings.h - a workbook's shared strings: the text of its cells,
 * each string kept once and named by its index.
 *
 * A worksheet's text cells (t="s") hold an index into
 * xl/sharedStrings.xml, which lists each string as an <si>: plain text
 * in one <t>, or rich text, runs of <r><t>...</t></r>; phonetic guides
 * (<rPh>, the furigana over Japanese text) are not part of the text.
 * Any cell may name any string, so the whole table is kept, within
 * XLSX_STRINGS_MAX bytes: each string's bytes and 8 more for its index.
 */
#ifndef CIVPOL_XLSX_STRINGS_H
#define CIVPOL_XLSX_STRINGS_H

#include <stddef.h>

#include "error.h"
#include "zipfile.h"

/* The most memory the shared strings may take: 256 MiB. */
#define XLSX_STRINGS_MAX ((size_t)256 << 20)

/* The table.  Caller's storage; see xlsx_strings_read(). */
struct xlsx_strings {
	char *bytes; /* every string's text, one after the other */
	size_t used, cap;
	size_t *end; /* string i is bytes[end[i - 1], end[i]) */
	size_t n, ncap;
	size_t max; /* the limit in force */
};

/*
 * Reads the shared strings from the part named part of z into ss, which
 * need not be set up, keeping at most max bytes (0: XLSX_STRINGS_MAX).
 * Returns 0, or -1 with err filled (ss then holds nothing to release).
 * The caller releases ss with xlsx_strings_release().
 */
int xlsx_strings_read(struct xlsx_strings *ss, struct zipfile *z,
    const char *part, size_t max, struct error *err);

/*
 * Points *s and *n at string i.  Returns 0, or -1 when there is no
 * string i.  Borrowed: *s is valid until xlsx_strings_release().
 */
int xlsx_strings_get(
    const struct xlsx_strings *ss, unsigned long i, const char **s, size_t *n);

/* Frees what ss holds; ss itself is the caller's. */
void xlsx_strings_release(struct xlsx_strings *ss);

#endif
