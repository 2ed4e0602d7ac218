/*
 * format_xlsx_lib.c - libxlsxwriter, loaded when the xlsx report is asked
 * for; see format_xlsx_lib.h and dynlib.h.
 */
#include <string.h>

#include "dynlib.h"
#include "format_xlsx_lib.h"

#define ENTRY(f) DYNLIB_ENTRY(struct xlsxlib, f)

static const struct dynlib_entry entries[] = {
	ENTRY(workbook_new_opt),
	ENTRY(workbook_add_format),
	ENTRY(workbook_add_worksheet),
	ENTRY(workbook_add_chart),
	ENTRY(workbook_close),
	ENTRY(lxw_workbook_free),
	ENTRY(lxw_strerror),
	ENTRY(format_set_pattern),
	ENTRY(format_set_bg_color),
	ENTRY(format_set_font_color),
	ENTRY(format_set_bold),
	ENTRY(format_set_num_format),
	ENTRY(worksheet_write_string),
	ENTRY(worksheet_write_number),
	ENTRY(worksheet_write_datetime),
	ENTRY(worksheet_write_boolean),
	ENTRY(worksheet_write_comment_opt),
	ENTRY(worksheet_set_comments_author),
	ENTRY(worksheet_set_column),
	ENTRY(worksheet_freeze_panes),
	ENTRY(worksheet_autofilter),
	ENTRY(worksheet_insert_chart_opt),
	ENTRY(chart_add_series),
	ENTRY(chart_series_set_categories),
	ENTRY(chart_series_set_values),
	ENTRY(chart_series_set_name),
	ENTRY(chart_series_set_fill),
	ENTRY(chart_title_set_name),
	ENTRY(chart_legend_set_position),
	ENTRY(chart_axis_set_reverse),
};
#define NENTRIES (sizeof(entries) / sizeof(entries[0]))

/* The library whose header the program was built with. */
#define SONAME "libxlsxwriter.so." LXW_SOVERSION

int
xlsxlib_open(struct xlsxlib *lib, char *why, size_t size)
{
	memset(lib, 0, sizeof(*lib));
	lib->handle = dynlib_open(
	    SONAME, "the xlsx report", entries, NENTRIES, lib, why, size);
	return lib->handle != NULL ? 0 : -1;
}

void
xlsxlib_close(struct xlsxlib *lib)
{
	dynlib_close(lib->handle);
	memset(lib, 0, sizeof(*lib));
}
