/*
 * format_xlsx.h - the xlsx report's own state, shared by its three files:
 * format_xlsx.c (the format's row of report.c's table: the workbook, its
 * file and cell formats, the Screened sheets and their header),
 * format_xlsx_record.c (a record's row of a Screened sheet: its cells,
 * their fills and comments, the Reasons) and format_xlsx_sheets.c (the
 * Summary and Rules sheets, added at the end).  Not a contract: only
 * format_xlsx*.c include it.
 */
#ifndef CIVPOL_FORMAT_XLSX_H
#define CIVPOL_FORMAT_XLSX_H

#include <stddef.h>

#include "columns.h"
#include "format.h"
#include "format_xlsx_lib.h"
#include "xlsx_look.h"

/* Cell comments written at most, whole rows at a time (format_xlsx.c
 * says why). */
#define XLSX_COMMENTS_MAX 10000UL
/* The slots of one criterion's finding that get a fill, at most. */
#define XLSX_SLOTS_MAX 16

/* The report's own columns of a Screened sheet, after the inputs'. */
enum own_column {
	OWN_STATUS,
	OWN_FAILED,
	OWN_UNKNOWN,
	OWN_NOT_APPLICABLE, /* only for a rule set with when clauses */
	OWN_REASONS,
	NOWN
};

/* A Screened sheet, and its rows (the header's included). */
struct sheet {
	lxw_worksheet *ws;
	unsigned long rows;
};

/* A criterion's reason that goes in the comment of an input cell. */
struct note {
	size_t col; /* the union's column */
	size_t crit;
};

struct xlsx_state {
	struct xlsxlib lib; /* libxlsxwriter, once the report starts */
	lxw_workbook *wb; /* NULL: nothing is written (-q) or it is over */
	int fd; /* the workbook's file, unlinked; -1 when none */
	char *tmpdir; /* for libxlsxwriter's own temporary files */
	/* The cell formats: cell[fill][date], status[fill], and the rest. */
	lxw_format *cell[XLSX_LOOK_NFILLS][2];
	lxw_format *status[XLSX_LOOK_NFILLS];
	lxw_format *bold;
	lxw_format *date;
	/* The header: the union of the inputs' columns. */
	struct columns cols;
	int planned;
	int header_out;
	size_t own[NOWN]; /* each own column's place, or COLUMNS_NONE */
	size_t ncells; /* the union's columns and the own ones */
	/* The current input: its field under each column, and the column
	 * of each of its fields (COLUMNS_NONE when none). */
	size_t *field_of;
	size_t *col_of;
	size_t width_in; /* its header's field count */
	/* The Screened sheets, the current one last. */
	struct sheet *sheets;
	size_t nsheets;
	unsigned long long bytes; /* the current sheet's XML, estimated */
	size_t *widest; /* per Screened column, in characters */
	/* The record being written. */
	const struct entry *e;
	unsigned char *fill; /* per union column: enum xlsx_look_fill */
	size_t *marked; /* the columns with a fill */
	size_t nmarked;
	struct note *notes;
	size_t nnotes;
	size_t notes_cap;
	/* Per criterion i, its reason at reason + i * REPORT_REASON_MAX. */
	char *reason;
	size_t *reason_len;
	size_t slots[XLSX_SLOTS_MAX];
	char *reasons; /* the Reasons cell */
	size_t reasons_len;
	size_t reasons_cap;
	char *comment;
	size_t comment_cap;
	char *text; /* a cell's text made fit (XLSX_LOOK_TEXT_ROOM) */
	unsigned long long row_bytes;
	/* Comments: how many, and up to which record (0: none yet). */
	unsigned long ncomments;
	unsigned long commented_records;
	int comments_over;
	unsigned long records; /* written to the Screened sheets */
	unsigned long cut; /* cells cut to XLSX_LOOK_CHARS_MAX */
	/* The inputs, for the Rules sheet: names (copies), and how many
	 * records had been counted when each started. */
	char **inputs;
	unsigned long *input_first;
	size_t ninputs;
};

/* Notes a libxlsxwriter call's error, if any; returns nonzero then. */
int xlsx_check(struct report *rp, lxw_error err);

/*
 * Writes the n bytes at s as a string cell, made fit, in format fmt,
 * noting its width on the current Screened sheet.  Returns 0, or -1 when
 * the report failed.
 */
int xlsx_put_string(struct report *rp, lxw_worksheet *ws, lxw_row_t row,
    size_t col, const char *s, size_t n, lxw_format *fmt);

/*
 * Adds the next Screened sheet, with its header row once it is known.
 * Borrowed: the workbook owns it; NULL when the report failed.
 */
lxw_worksheet *xlsx_add_sheet(struct report *rp);

/* The records counted so far, every status, shown or not (--only). */
unsigned long xlsx_counted(const struct report *rp);

/* One row of a Screened sheet: the format's record and error operation. */
void xlsx_record(struct report *rp, const struct entry *e);

/* Adds the Summary sheet: counts by status and criterion, a chart. */
void xlsx_write_summary(struct report *rp);

/* Adds the Rules sheet: how the workbook was made. */
void xlsx_write_rules(struct report *rp);

#endif
