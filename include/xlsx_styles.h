/*
 * xlsx_styles.h - which of a workbook's cell formats show a number as a
 * date or a time.
 *
 * A worksheet keeps a date as a number, days since an epoch; only the
 * number format of the cell's style (its s attribute, an index into
 * styles.xml's cellXfs) says that it is one.  A format is a built-in
 * one by number (ECMA-376 Part 1, 18.8.30: 14 to 17 and 22 are dates,
 * 18 to 21 and 45 to 47 times; the East Asian ones, 27 to 36 and 50 to
 * 58, dates but for 32 and 33, times) or a custom one by its code, a
 * date when it has a day, month or year token outside quoted text
 * ("yyyy-mm-dd", "d mmm yy", "[$-409]mmmm d, yyyy;@"), a time when it
 * has only hours, minutes or seconds ("h:mm", "[h]:mm:ss").  "m" is a
 * month, but a minute right after an hour or right before a second, as
 * Excel reads it.
 */
#ifndef CIVPOL_XLSX_STYLES_H
#define CIVPOL_XLSX_STYLES_H

#include <stddef.h>

#include "error.h"
#include "zipfile.h"

/* What a number format makes of a number. */
enum xlsx_numfmt {
	XLSX_NUMFMT_NUMBER = 0, /* a number (or text, a percentage...) */
	XLSX_NUMFMT_DATE, /* a date, maybe with a time of day */
	XLSX_NUMFMT_TIME /* a time of day or a duration, no date */
};

/* The most cell formats and custom number formats a workbook may have
 * (Excel allows 64,000 and about 250). */
#define XLSX_STYLES_MAX_XF ((size_t)1 << 20)
#define XLSX_STYLES_MAX_NUMFMT ((size_t)1 << 16)

/* What the built-in number format numbered id shows. */
enum xlsx_numfmt xlsx_numfmt_builtin(unsigned long id);

/* What the format code in the n bytes at code shows (its first
 * section, for positive numbers). */
enum xlsx_numfmt xlsx_numfmt_code(const char *code, size_t n);

/* A workbook's cell formats: what each shows.  Caller's storage. */
struct xlsx_styles {
	unsigned char *kind; /* each cell format's enum xlsx_numfmt */
	size_t nxf;
};

/*
 * Reads the cell formats from the part named part of z (styles.xml),
 * into st, which need not be set up.  Returns 0, or -1 with err filled
 * (st then holds nothing to release).  The caller releases st with
 * xlsx_styles_release().
 */
int xlsx_styles_read(struct xlsx_styles *st, struct zipfile *z,
    const char *part, struct error *err);

/*
 * What cell format xf shows: a number when the workbook has no such
 * format, as a spreadsheet falls back to General.
 */
enum xlsx_numfmt
xlsx_styles_kind(const struct xlsx_styles *st, unsigned long xf);

/* Frees what st holds; st itself is the caller's. */
void xlsx_styles_release(struct xlsx_styles *st);

#endif
