/*
 * xlsx_cell.h - a workbook cell's reference and value as text, as a
 * recruiter sees them.
 *
 * A worksheet names each cell by its column letters and row number
 * ("AB17") and keeps a number as the text of a double, whatever the
 * cell shows; dates are numbers too, days since an epoch, told apart
 * only by the cell's number format (xlsx_styles.h).  These functions
 * turn that into what the rules read: a number as the shortest text
 * that reads back as the same double, a date as YYYY-MM-DD, a time as
 * hours, minutes and seconds.  No state, no allocation: source_xlsx.c
 * calls them for every cell.
 */
#ifndef CIVPOL_XLSX_CELL_H
#define CIVPOL_XLSX_CELL_H

#include <stddef.h>

/* Excel's limits: columns A to XFD, rows 1 to 1,048,576. */
#define XLSX_MAX_COLUMNS 16384u
#define XLSX_MAX_ROWS 1048576ul

/* Room for a column's letters and a NUL. */
#define XLSX_COLUMN_BUF 4
/* Room for any text xlsx_number_text() or xlsx_time_text() writes. */
#define XLSX_NUMBER_BUF 40

/*
 * Reads the cell reference in the n bytes at s ("A1", "AB17", "XFD1048576":
 * upper-case column letters, then a row number without leading zeros,
 * within Excel's limits) into *col (from 0: A is 0, AA is 26) and *row
 * (from 1).  Returns 0, or -1 when s is no such reference.
 */
int xlsx_cell_ref(const char *s, size_t n, unsigned *col, unsigned long *row);

/*
 * Writes the letters of column col (from 0, below XLSX_MAX_COLUMNS)
 * and a NUL into buf, at least XLSX_COLUMN_BUF bytes; returns buf.
 */
char *xlsx_column_name(unsigned col, char *buf);

/*
 * Reads the decimal number in the n bytes at s, as a worksheet writes
 * it in a <v> element ("7.5", "-3", "1E-3", "4.5e+21"), into *out.
 * Returns 0, or -1 when s is not such a number (white space, hex, "inf"
 * and "nan" are not) or is out of a double's range.
 */
int xlsx_number_parse(const char *s, size_t n, double *out);

/*
 * Writes v as the shortest decimal text that reads back (strtod) as
 * the same double, laid out as JavaScript writes numbers: plain digits
 * from 1e-7 up to 1e21 (7.5, 0.1, 100000000000000000000), an exponent
 * beyond (1e+21, 1.5e-7); -0 as "0".  v must be finite.  Writes a NUL
 * into buf (at least XLSX_NUMBER_BUF bytes) and returns the length.
 */
size_t xlsx_number_text(double v, char *buf);

/*
 * Nonzero when the n bytes at s are what xlsx_number_text() writes for
 * the number they say, so that they need not be read and written again:
 * plain digits, no sign but a '-' (and not "-0"), no leading zero but
 * the one before a point, no trailing zero after one, at most 15
 * significant digits, from 0.000001 on.  Zero when not, or not sure.
 */
int xlsx_number_is_shortest(const char *s, size_t n);

/*
 * Writes the date of serial, a cell's number under a date format, into
 * buf[11] as YYYY-MM-DD and a NUL: days since 1899-12-31 in the 1900
 * date system (date1904 zero), with the day Excel counts that never was,
 * serial 60, as 1900-02-29; days since 1904-01-01 in the 1904 system.
 * A time of day is dropped (after rounding to the millisecond, as a
 * spreadsheet shows it).  Returns 0, or -1 when serial is no date
 * between 1900-01-01 (1904-01-01) and 9999-12-31.
 */
int xlsx_date_text(double serial, int date1904, char buf[11]);

/*
 * Writes serial, a cell's number under a time format (a fraction of a
 * day), into buf (at least XLSX_NUMBER_BUF bytes) as hours, minutes and
 * seconds, the hours counted from 0 and not wrapped at 24 ("7:30:00",
 * "36:00:00"), rounded to the second.  Returns the length, or 0 when
 * serial is negative or too large to be a time.
 */
size_t xlsx_time_text(double serial, char *buf);

#endif
