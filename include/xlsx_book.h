/*
 * xlsx_book.h - a workbook's structure: its sheets, in tab order, the
 * parts that hold them, and its date system.
 *
 * An .xlsx archive is an Open Packaging Conventions package: its
 * _rels/.rels names the main part (xl/workbook.xml, as a rule), whose
 * own relationships (xl/_rels/workbook.xml.rels) name each sheet's part,
 * the shared strings and the styles.  The workbook part lists the
 * sheets in tab order (name, visibility, relationship id) and says
 * whether dates count from 1900 or 1904 (workbookPr date1904).  This
 * module reads those three parts and chooses the sheet to screen.
 */
#ifndef CIVPOL_XLSX_BOOK_H
#define CIVPOL_XLSX_BOOK_H

#include <stddef.h>

#include "error.h"
#include "zipfile.h"

/* The most bytes of sheet names, relationships and part names that a
 * workbook's structure may keep: 16 MiB. */
#define XLSX_BOOK_MAX ((size_t)16 << 20)

enum xlsx_sheet_kind {
	XLSX_SHEET_WORKSHEET = 0, /* cells: what can be screened */
	XLSX_SHEET_CHART, /* a chart sheet */
	XLSX_SHEET_OTHER /* a dialog or macro sheet, or one with no part */
};

struct xlsx_sheet {
	const char *name; /* as its tab shows it */
	const char *part; /* its part's name, or NULL */
	enum xlsx_sheet_kind kind;
	int hidden; /* state="hidden" or "veryHidden" */
};

/* A workbook's structure.  Caller's storage; see xlsx_book_read(). */
struct xlsx_book {
	struct xlsx_sheet *sheets; /* in tab order */
	size_t nsheets;
	int date1904; /* dates count days from 1904-01-01 */
	const char *strings_part; /* sharedStrings.xml, or NULL */
	const char *styles_part; /* styles.xml, or NULL */
	/* Where the strings above live. */
	char **blocks;
	size_t nblocks;
	size_t blocks_cap;
	size_t kept; /* bytes in blocks */
};

/*
 * Reads the structure of the workbook in z into b, which need not be
 * set up.  Returns 0, or -1 with err filled (b then holds nothing to
 * release) when z is not a workbook (another kind of zip: a word
 * processing document, an OpenDocument spreadsheet...) or its parts are
 * missing or malformed.  The caller releases b with xlsx_book_release().
 */
int xlsx_book_read(struct xlsx_book *b, struct zipfile *z, struct error *err);

/*
 * The index in b->sheets of the sheet to screen: the one that want
 * names, by its name (exactly, else ignoring ASCII case) or, failing
 * that, by its number in tab order from 1; or, when want is NULL, the
 * first worksheet not hidden (the first worksheet when all are).
 * Returns -1 and fills err (file: name) when there is no such sheet,
 * naming the sheets there are, or it is no worksheet.
 */
long xlsx_book_find(const struct xlsx_book *b, const char *want,
    const char *name, struct error *err);

/* Frees what b holds; b itself is the caller's. */
void xlsx_book_release(struct xlsx_book *b);

#endif
