/*
 * xlsx_look.h - what a cell of an Excel workbook can hold, and how the
 * xlsx report (format_xlsx*.c) dresses it: text made fit for a cell, the
 * widths of columns, the colour of an outcome or a verdict, and when the
 * rows go on to another sheet.
 *
 * Nothing here knows libxlsxwriter: these are the report's decisions,
 * kept apart so that they can be tested one by one.  The limits are
 * Excel's (its "specifications and limits"): 32,767 characters in a
 * cell, 1,048,576 rows and 16,384 columns in a worksheet, 31 characters
 * in a sheet's name.
 */
#ifndef CIVPOL_XLSX_LOOK_H
#define CIVPOL_XLSX_LOOK_H

#include <stddef.h>
#include <stdint.h>

#include "verdict.h"

/* The longest text of a cell, in characters (code points). */
#define XLSX_LOOK_CHARS_MAX 32767
/* The rows of a worksheet, its header row included. */
#define XLSX_LOOK_ROWS_MAX 1048576UL
/* The columns of a worksheet. */
#define XLSX_LOOK_COLS_MAX 16384
/*
 * The most XML that one sheet may take before the rows go on to the
 * next: a part of the zip may not pass 4 GiB without ZIP64, which the
 * workbook does not use (some versions of Excel ask to repair a file
 * that has it), so a sheet stops well short, at 3 GiB as estimated.
 */
#define XLSX_LOOK_SHEET_BYTES ((unsigned long long)3 << 30)
/* What one cell is taken to cost in a sheet's XML beside its text. */
#define XLSX_LOOK_CELL_BYTES 96
/* The most that xlsx_look_text() writes, its NUL included. */
#define XLSX_LOOK_TEXT_ROOM ((size_t)4 * XLSX_LOOK_CHARS_MAX + 8)
/* Room for a sheet's name from xlsx_look_sheet_name(), its NUL included. */
#define XLSX_LOOK_NAME_ROOM 32
/* A column's width, in characters, at most; a longer cell wraps out of
 * view, its whole text a click away. */
#define XLSX_LOOK_WIDTH_MAX 60

/*
 * Writes the n bytes at s into d as text that a cell can hold, and a NUL:
 * each ill-formed UTF-8 sequence (a maximal subpart, utf8.h) as U+FFFD; a
 * NUL byte, which XML cannot carry, as Excel's escape _x0000_; and a
 * literal "_xHHHH_" in the text with its first '_' as _x005F_, so that
 * Excel does not take it for an escape.  The result is cut to
 * XLSX_LOOK_CHARS_MAX characters, counting each escape's seven, and *cut
 * is then set (else cleared).  *width receives the text's width on a
 * screen, in characters: 2 for an East Asian wide or full-width
 * character, 0 for a combining mark, 1 for the others.  d has room for
 * XLSX_LOOK_TEXT_ROOM bytes.  Returns the length written, the NUL left
 * out.
 */
size_t
xlsx_look_text(char *d, const char *s, size_t n, size_t *width, int *cut);

/*
 * The width of a column whose widest cell is chars characters wide, in
 * Excel's units (characters of the default font): a little room beside
 * the text for the header's filter button, and no more than
 * XLSX_LOOK_WIDTH_MAX.
 */
double xlsx_look_column_width(size_t chars);

/*
 * Nonzero when a row estimated at row_bytes bytes of XML must start a
 * new sheet, the current one holding rows rows (its header's included)
 * and bytes bytes: when it is full (XLSX_LOOK_ROWS_MAX), or when the row
 * would take it past XLSX_LOOK_SHEET_BYTES.  A sheet always takes its
 * first record, however long.
 */
int xlsx_look_sheet_full(
    unsigned long rows, unsigned long long bytes, unsigned long long row_bytes);

/*
 * Writes the name of the k-th sheet of base (k from 1) into buf
 * (XLSX_LOOK_NAME_ROOM bytes): base itself for the first, then "base 2",
 * "base 3", ...  base is ASCII and short enough.  Returns buf.
 */
char *xlsx_look_sheet_name(char *buf, const char *base, unsigned long k);

/*
 * How a cell is dressed, from the plainest up: a cell that holds more
 * than one finding takes the highest (a failing cell stays red when
 * another criterion is unknown of it).
 */
enum xlsx_look_fill {
	XLSX_LOOK_PLAIN = 0,
	XLSX_LOOK_PASSED, /* green: a PASS status */
	XLSX_LOOK_UNKNOWN, /* amber: an unknown cell, a REVIEW status */
	XLSX_LOOK_FAILED, /* red: a failing cell, a FAIL status */
	XLSX_LOOK_ERROR, /* dark red: an ERROR status */
	XLSX_LOOK_NFILLS
};

/* The fill of an input cell that a criterion with outcome o speaks of. */
enum xlsx_look_fill xlsx_look_fill_of_outcome(enum outcome o);

/* The fill of a status cell of verdict v. */
enum xlsx_look_fill xlsx_look_fill_of_verdict(enum verdict v);

/* The colours of a fill, as 0xRRGGBB; fill 0 and font 0 for a plain cell. */
struct xlsx_look_colours {
	uint32_t fill;
	uint32_t font;
};

/* The colours of fill f: Excel's own "Good", "Neutral" and "Bad" styles. */
struct xlsx_look_colours xlsx_look_colours_of(enum xlsx_look_fill f);

#endif
