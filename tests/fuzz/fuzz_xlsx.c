/*
 * fuzz_xlsx.c - libFuzzer harness: arbitrary bytes as a workbook.
 *
 * The first input byte chooses how the rest is read, and the reader's
 * options (the sheet, a small field limit).  With its low bit clear the
 * rest is a whole archive, as a file would bring it (the seeds are
 * real workbooks; what does not start with a zip signature is read as
 * CSV, and is left to fuzz_reader).  With it set, the rest is the XML of four parts,
 * parted by the line "--part--": a worksheet, the shared strings, the
 * styles and the workbook part, packed into a workbook here (stored, so
 * that the fuzzer's changes reach expat and the cell reader as they
 * are, not a CRC check).  Every record is then screened with the
 * default rules into the csv and text reports.
 *
 * Checked: no crash, no leak; the first record is the header and no
 * other is; a good record after the header is as wide as it; each
 * field's kind is one of the four and its text what that kind says (a
 * number the shortest text that reads back as itself, a date
 * YYYY-MM-DD, a boolean TRUE or FALSE); records in = records out;
 * after the end, the end again, and after a failure, the same failure.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "header.h"
#include "reader.h"
#include "report.h"
#include "rules.h"
#include "xlsx_cell.h"
#include "../xlsx_pack.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { MAXCOLS = 32, EXTRA = 4, NPARTS = 4 };

static const char *const extra[EXTRA] = { "applicant_id", "full_name",
	"expected_status", "expected_failed" };

static const char separator[] = "\n--part--\n";

/* Checks that a field's text is what its kind says. */
static void
check_field(const struct field *f, unsigned char kind)
{
	char buf[XLSX_NUMBER_BUF], text[64];
	double v;
	size_t i;

	switch (kind) {
	case FIELD_TEXT:
		break;
	case FIELD_NUMBER:
		if (f->len == 0 || f->len >= sizeof(text))
			abort();
		memcpy(text, f->ptr, f->len);
		text[f->len] = '\0';
		v = strtod(text, NULL);
		if (xlsx_number_text(v, buf) != f->len ||
		    memcmp(buf, f->ptr, f->len) != 0)
			abort();
		break;
	case FIELD_DATE:
		if (f->len != 10)
			abort();
		for (i = 0; i < 10; i++)
			if ((i == 4 || i == 7)
			        ? f->ptr[i] != '-'
			        : f->ptr[i] < '0' || f->ptr[i] > '9')
				abort();
		break;
	case FIELD_BOOL:
		if (!(f->len == 4 && memcmp(f->ptr, "TRUE", 4) == 0) &&
		    !(f->len == 5 && memcmp(f->ptr, "FALSE", 5) == 0))
			abort();
		break;
	default:
		abort();
	}
}

/* Reads and screens the workbook of len bytes at buf. */
static void
screen(const unsigned char *buf, size_t len, const struct reader_options *opt,
    struct rules *rules)
{
	struct column_want want[MAXCOLS + EXTRA];
	size_t index[MAXCOLS + EXTRA];
	struct finding findings[MAXCOLS];
	const struct column_want *rc;
	struct report_options ropt, topt;
	struct report_columns cols;
	struct report *rp, *rt;
	struct reader *rd;
	struct record rec;
	struct error err, first;
	enum reader_status st;
	enum verdict v;
	unsigned long records = 0, reported = 0, counted;
	size_t n, i, width = 0;
	FILE *out;
	int bound = 0, seen = 0;

	rc = rules_columns(rules, &n);
	if (n > MAXCOLS)
		abort();
	for (i = 0; i < n; i++)
		want[i] = rc[i];
	for (i = 0; i < EXTRA; i++) {
		want[n + i].name = extra[i];
		want[n + i].required = 0;
	}
	out = fopen("/dev/null", "w");
	if (out == NULL)
		abort();
	memset(&ropt, 0, sizeof(ropt));
	ropt.format = report_format_find("csv", 0);
	ropt.formula_guard = 1;
	memset(&topt, 0, sizeof(topt));
	topt.format = report_format_find("text", 0);
	rp = report_new(out, &ropt, rules, 20779); /* 2026-11-22 */
	rt = report_new(out, &topt, rules, 20779);
	if (rp == NULL || rt == NULL)
		abort();
	rd = reader_open_mem(buf, len, "fuzz.xlsx", opt, &err);
	for (;;) {
		if (rd == NULL)
			break;
		st = reader_next(rd, &rec, &err);
		if (st == READER_EOF || st == READER_FAIL)
			break;
		if (rec.is_header != !seen || rec.kinds == NULL)
			abort();
		for (i = 0; i < rec.nfields; i++)
			check_field(&rec.fields[i], rec.kinds[i]);
		if (!seen) {
			seen = 1;
			width = rec.nfields;
			bound = st == READER_OK &&
			    header_bind(&rec, want, n + EXTRA, NULL, 0, index,
			        &err) == 0;
			if (bound) {
				cols.id = index[n];
				cols.name = index[n + 1];
				cols.expected_status = index[n + 2];
				cols.expected_failed = index[n + 3];
				(void)report_file(rp, &rec, &cols);
				(void)report_file(rt, &rec, &cols);
			}
			continue;
		}
		if (st == READER_OK && rec.nfields != width)
			abort();
		records++;
		if (!bound)
			continue;
		if (st == READER_BAD_RECORD) {
			(void)report_error(rp, &rec, &err);
			(void)report_error(rt, &rec, &err);
		} else {
			v = rules_judge(rules, &rec, index, 20779, findings);
			(void)report_record(rp, &rec, index, v, findings);
			(void)report_record(rt, &rec, index, v, findings);
		}
		reported++;
	}
	if (rd != NULL && st == READER_EOF &&
	    reader_next(rd, &rec, &err) != READER_EOF)
		abort();
	if (rd != NULL && st == READER_FAIL) {
		first = err;
		if (reader_next(rd, &rec, &err) != READER_FAIL ||
		    strcmp(first.msg, err.msg) != 0)
			abort();
	}
	(void)report_finish(rp);
	(void)report_finish(rt);
	if (bound) {
		counted = 0;
		for (i = 0; i < VERDICT_COUNT; i++)
			counted += report_count(rp, (enum verdict)i);
		if (reported != records || counted != reported)
			abort();
	}
	report_free(rp);
	report_free(rt);
	reader_free(rd);
	fclose(out);
}

/* Finds the separator in s[0, n): its offset, or n. */
static size_t
part_end(const char *s, size_t n)
{
	size_t k = sizeof(separator) - 1, i;

	for (i = 0; i + k <= n; i++)
		if (memcmp(s + i, separator, k) == 0)
			return i;
	return n;
}

/* Packs the parts in data (see above) into a workbook; NULL if libzip
 * fails.  The caller frees the result. */
static unsigned char *
pack_parts(const char *data, size_t size, size_t *len)
{
	static const char *const names[NPARTS] = { "xl/worksheets/sheet1.xml",
		"xl/sharedStrings.xml", "xl/styles.xml", "xl/workbook.xml" };
	static const char rels[] =
	    "<Relationships xmlns=\"http://schemas.openxmlformats.org/"
	    "package/2006/relationships\">"
	    "<Relationship Id=\"rId1\" Type=\"x/worksheet\" "
	    "Target=\"worksheets/sheet1.xml\"/>"
	    "<Relationship Id=\"rId2\" Type=\"x/worksheet\" "
	    "Target=\"worksheets/sheet2.xml\"/>"
	    "<Relationship Id=\"rId3\" Type=\"x/sharedStrings\" "
	    "Target=\"sharedStrings.xml\"/>"
	    "<Relationship Id=\"rId4\" Type=\"x/styles\" "
	    "Target=\"styles.xml\"/></Relationships>";
	/* What a part the input does not reach is. */
	static const char *const defaults[NPARTS] = { "<worksheet/>", "<sst/>",
		"<styleSheet/>", xlsx_pack_workbook };
	struct xlsx_part parts[NPARTS + 2];
	size_t n = 0, k, at = 0, end;

	parts[n++] = (struct xlsx_part){ "_rels/.rels", xlsx_pack_rels,
		sizeof(xlsx_pack_rels) - 1 };
	parts[n++] = (struct xlsx_part){ "xl/_rels/workbook.xml.rels", rels,
		sizeof(rels) - 1 };
	for (k = 0; k < NPARTS; k++) {
		if (at > size) {
			parts[n++] = (struct xlsx_part){ names[k], defaults[k],
				strlen(defaults[k]) };
			continue;
		}
		end = at + part_end(data + at, size - at);
		parts[n++] =
		    (struct xlsx_part){ names[k], data + at, end - at };
		at = end + sizeof(separator) - 1;
	}
	return xlsx_pack(parts, n, len);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const sheets[4] = { NULL, "1", "2", "Sheet1" };
	struct reader_options opt;
	struct rules *rules;
	struct error err;
	unsigned char *book;
	unsigned sel;
	size_t len;

	if (size == 0)
		return 0;
	sel = data[0];
	data++;
	size--;
	memset(&opt, 0, sizeof(opt));
	opt.xlsx.sheet = sheets[(sel >> 1) & 3];
	opt.max_field_size = (sel & 8) ? 16 : 0;
	rules = rules_default(&err);
	if (rules == NULL)
		abort();
	if (sel & 1) {
		book = pack_parts((const char *)data, size, &len);
		if (book == NULL)
			abort();
		screen(book, len, &opt, rules);
		free(book);
	} else if (size >= 4 &&
	    (memcmp(data, "PK\3\4", 4) == 0 ||
	        memcmp(data, "PK\5\6", 4) == 0)) {
		/* Anything else is CSV, fuzz_reader's business. */
		screen(data, size, &opt, rules);
	}
	rules_free(rules);
	return 0;
}
