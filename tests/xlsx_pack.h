/*
 * xlsx_pack.h - test support: a workbook built in memory from the XML
 * of its parts, packed by libzip (stored, not deflated, so that it is
 * quick and any bytes go in as they are).  Included by
 * test_source_xlsx.c and fuzz/fuzz_xlsx.c; not part of the program.
 */
#ifndef CIVPOL_TEST_XLSX_PACK_H
#define CIVPOL_TEST_XLSX_PACK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

/* Not every includer uses every function. */
#if defined(__GNUC__)
#define XLSX_PACK_UNUSED __attribute__((unused))
#else
#define XLSX_PACK_UNUSED
#endif

/* One part: its name and its bytes. */
struct xlsx_part {
	const char *name;
	const char *text;
	size_t len;
};

/*
 * Packs the n parts into a zip archive in memory.  Returns it (*len
 * bytes), or NULL when libzip fails.  The caller frees the result.
 */
XLSX_PACK_UNUSED static unsigned char *
xlsx_pack(const struct xlsx_part *parts, size_t n, size_t *len)
{
	unsigned char *buf = NULL;
	zip_source_t *src, *zs;
	zip_error_t ze;
	zip_int64_t idx, size;
	zip_t *za;
	size_t i;

	*len = 0;
	zip_error_init(&ze);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	zip_error_fini(&ze);
	if (src == NULL)
		return NULL;
	zip_source_keep(src);
	za = zip_open_from_source(src, ZIP_TRUNCATE, NULL);
	if (za == NULL) {
		zip_source_free(src);
		zip_source_free(src);
		return NULL;
	}
	for (i = 0; i < n; i++) {
		zs = zip_source_buffer(za, parts[i].text, parts[i].len, 0);
		idx = zs != NULL ? zip_file_add(za, parts[i].name, zs,
		                       ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE)
		                 : -1;
		if (idx < 0) {
			if (zs != NULL)
				zip_source_free(zs);
			zip_discard(za);
			zip_source_free(src);
			return NULL;
		}
		(void)zip_set_file_compression(
		    za, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
	}
	if (zip_close(za) != 0) {
		zip_discard(za);
		zip_source_free(src);
		return NULL;
	}
	if (zip_source_open(src) == 0) {
		if (zip_source_seek(src, 0, SEEK_END) == 0 &&
		    (size = zip_source_tell(src)) >= 0 &&
		    zip_source_seek(src, 0, SEEK_SET) == 0) {
			buf = malloc(size > 0 ? (size_t)size : 1);
			if (buf != NULL &&
			    zip_source_read(src, buf, (zip_uint64_t)size) !=
			        size) {
				free(buf);
				buf = NULL;
			}
			*len = (size_t)size;
		}
		(void)zip_source_close(src);
	}
	zip_source_free(src);
	return buf;
}

static const char xlsx_pack_rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/"
    "2006/relationships\"><Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
    "</Relationships>";

static const char xlsx_pack_workbook[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/"
    "2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/"
    "officeDocument/2006/relationships\"><sheets>"
    "<sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/>"
    "</sheets></workbook>";

/*
 * A workbook of one or two sheets: the XML of the first sheet, of the
 * second (or NULL), of the shared strings and the styles (NULL: the
 * workbook has none) and of the workbook part (NULL: one sheet,
 * Sheet1).  The sheets are xl/worksheets/sheet1.xml and sheet2.xml,
 * relationships rId1 and rId2.  Returns what xlsx_pack() does.
 */
XLSX_PACK_UNUSED static unsigned char *
xlsx_pack_book(const char *sheet, const char *sheet2, const char *strings,
    const char *styles, const char *book, size_t *len)
{
	char rels[2048];
	struct xlsx_part parts[8];
	size_t n = 0;

	(void)snprintf(rels, sizeof(rels),
	    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/"
	    "2006/relationships\">"
	    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats."
	    "org/officeDocument/2006/relationships/worksheet\" "
	    "Target=\"worksheets/sheet1.xml\"/>"
	    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats."
	    "org/officeDocument/2006/relationships/worksheet\" "
	    "Target=\"/xl/worksheets/sheet2.xml\"/>"
	    "%s%s</Relationships>",
	    strings != NULL
	        ? "<Relationship Id=\"rId3\" Type=\"http://schemas."
	          "openxmlformats.org/officeDocument/2006/relationships/"
	          "sharedStrings\" Target=\"sharedStrings.xml\"/>"
	        : "",
	    styles != NULL
	        ? "<Relationship Id=\"rId4\" Type=\"http://schemas."
	          "openxmlformats.org/officeDocument/2006/relationships/"
	          "styles\" Target=\"./styles.xml\"/>"
	        : "");
	parts[n++] = (struct xlsx_part){ "_rels/.rels", xlsx_pack_rels,
		sizeof(xlsx_pack_rels) - 1 };
	parts[n++] = (struct xlsx_part){ "xl/_rels/workbook.xml.rels", rels,
		strlen(rels) };
	book = book != NULL ? book : xlsx_pack_workbook;
	parts[n++] =
	    (struct xlsx_part){ "xl/workbook.xml", book, strlen(book) };
	parts[n++] = (struct xlsx_part){ "xl/worksheets/sheet1.xml", sheet,
		strlen(sheet) };
	if (sheet2 != NULL)
		parts[n++] = (struct xlsx_part){ "xl/worksheets/sheet2.xml",
			sheet2, strlen(sheet2) };
	if (strings != NULL)
		parts[n++] = (struct xlsx_part){ "xl/sharedStrings.xml",
			strings, strlen(strings) };
	if (styles != NULL)
		parts[n++] = (struct xlsx_part){ "xl/styles.xml", styles,
			strlen(styles) };
	return xlsx_pack(parts, n, len);
}

#endif
