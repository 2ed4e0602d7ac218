/*
 * format_xlsx_lib.h - libxlsxwriter, loaded only when the xlsx report is
 * asked for.  Not a contract: only format_xlsx*.c include it.
 *
 * libxlsxwriter needs libminizip, zlib and OpenSSL's libcrypto, and the
 * program does not link it (dynlib.h says why): the xlsx report opens
 * it (the soname of the version whose header it was built with,
 * libxlsxwriter.so.N from LXW_SOVERSION) and reaches the functions it
 * uses through this table.
 */
#ifndef CIVPOL_FORMAT_XLSX_LIB_H
#define CIVPOL_FORMAT_XLSX_LIB_H

#include <stddef.h>

#include <xlsxwriter.h>

struct xlsxlib {
	void *handle; /* dlopen()'s, or NULL when not open */
	__typeof__(workbook_new_opt) *workbook_new_opt;
	__typeof__(workbook_add_format) *workbook_add_format;
	__typeof__(workbook_add_worksheet) *workbook_add_worksheet;
	__typeof__(workbook_add_chart) *workbook_add_chart;
	__typeof__(workbook_close) *workbook_close;
	__typeof__(lxw_workbook_free) *lxw_workbook_free;
	__typeof__(lxw_strerror) *lxw_strerror;
	__typeof__(format_set_pattern) *format_set_pattern;
	__typeof__(format_set_bg_color) *format_set_bg_color;
	__typeof__(format_set_font_color) *format_set_font_color;
	__typeof__(format_set_bold) *format_set_bold;
	__typeof__(format_set_num_format) *format_set_num_format;
	__typeof__(worksheet_write_string) *worksheet_write_string;
	__typeof__(worksheet_write_number) *worksheet_write_number;
	__typeof__(worksheet_write_datetime) *worksheet_write_datetime;
	__typeof__(worksheet_write_boolean) *worksheet_write_boolean;
	__typeof__(worksheet_write_comment_opt) *worksheet_write_comment_opt;
	__typeof__(worksheet_set_comments_author)
	    *worksheet_set_comments_author;
	__typeof__(worksheet_set_column) *worksheet_set_column;
	__typeof__(worksheet_freeze_panes) *worksheet_freeze_panes;
	__typeof__(worksheet_autofilter) *worksheet_autofilter;
	__typeof__(worksheet_insert_chart_opt) *worksheet_insert_chart_opt;
	__typeof__(chart_add_series) *chart_add_series;
	__typeof__(chart_series_set_categories) *chart_series_set_categories;
	__typeof__(chart_series_set_values) *chart_series_set_values;
	__typeof__(chart_series_set_name) *chart_series_set_name;
	__typeof__(chart_series_set_fill) *chart_series_set_fill;
	__typeof__(chart_title_set_name) *chart_title_set_name;
	__typeof__(chart_legend_set_position) *chart_legend_set_position;
	__typeof__(chart_axis_set_reverse) *chart_axis_set_reverse;
};

/*
 * Opens libxlsxwriter and fills every entry of lib.  Returns 0, or -1
 * with why (size bytes) saying what failed, lib then closed.  The
 * caller closes it with xlsxlib_close().
 */
int xlsxlib_open(struct xlsxlib *lib, char *why, size_t size);

/* Closes lib, if open. */
void xlsxlib_close(struct xlsxlib *lib);

#endif
