/*
 * format_xlsx_lib.c - libxlsxwriter, loaded when the xlsx report is asked
 * for; see format_xlsx_lib.h.
 *
 * The entries are rows of a table, each a function's name and where its
 * pointer goes; dlsym() fills them one by one.  POSIX lets dlsym()'s
 * answer be used as a function pointer; it is copied into place with
 * memcpy(), which ISO C's rules on pointer conversions do not forbid.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include "format_xlsx_lib.h"

/* One entry of struct xlsxlib: the function's name, and its place. */
struct entry {
	const char *name;
	size_t offset;
};

#define ENTRY(f)                                                               \
	{                                                                      \
#f, offsetof(struct xlsxlib, f)                                \
	}

static const struct entry entries[] = {
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
	const char *err;
	size_t k;
	void *p;

	memset(lib, 0, sizeof(*lib));
	lib->handle = dlopen(SONAME, RTLD_NOW | RTLD_LOCAL);
	if (lib->handle == NULL) {
		err = dlerror();
		(void)snprintf(why, size,
		    "cannot load " SONAME " for the xlsx report: %s",
		    err != NULL ? err : "unknown error");
		return -1;
	}
	for (k = 0; k < NENTRIES; k++) {
		p = dlsym(lib->handle, entries[k].name);
		if (p == NULL) {
			(void)snprintf(why, size,
			    SONAME " has no function %s: is it libxlsxwriter "
			           "%s?",
			    entries[k].name, LXW_VERSION);
			xlsxlib_close(lib);
			return -1;
		}
		memcpy((char *)lib + entries[k].offset, &p, sizeof(p));
	}
	return 0;
}

void
xlsxlib_close(struct xlsxlib *lib)
{
	if (lib->handle != NULL)
		(void)dlclose(lib->handle);
	memset(lib, 0, sizeof(*lib));
}
