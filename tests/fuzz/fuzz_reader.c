/*
 * fuzz_reader.c - libFuzzer harness: arbitrary bytes as a CSV file.
 *
 * The first input byte chooses the reader's options (delimiter, a small
 * field limit, the read size, an encoding) and whether the canonical
 * header is put in front, so that the bytes also run through the header
 * binding, the rules and every report format, the expect comparison
 * and report_flush() included.  Checked: no crash, no leak, and records
 * in = records out (every record the reader hands on is reported exactly
 * once).  Then the same bytes are read twice in lockstep, cut by two
 * different read sizes (and, for pure ASCII, once through the
 * windows-1252 converter): the records, their lines, offsets, fields and
 * errors must be the same, since the answer must never depend on how the
 * input was cut.  Where the reader's bytes are the input's own, every
 * record must start at the start of a physical line, at an offset past
 * the last one, on the line that the line ends before it say.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "header.h"
#include "reader.h"
#include "report.h"
#include "rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { MAXCOLS = 32, EXTRA = 5 };

static const char canonical[] =
    "applicant_id,full_name,us_citizen,total_experience_years,"
    "sworn_experience_years,full_service_department,employment_status,"
    "separation_date,english_proficient,weapon_qualified,"
    "manual_transmission,background_clear,passport_valid,physical_test,"
    "agility_test\n";

/* The columns a report shows besides the rules' own, all optional. */
static const char *const extra[EXTRA] = { "applicant_id", "full_name",
	"expected_status", "expected_failed", "expected_unknown" };

static void
check_counts(const struct report *rp, unsigned long reported)
{
	unsigned long counted = 0;
	int v;

	for (v = 0; v < VERDICT_COUNT; v++)
		counted += report_count(rp, (enum verdict)v);
	if (counted != reported)
		abort();
}

static void
screen(const char *buf, size_t len, const struct reader_options *opt,
    const char *format, struct rules *rules)
{
	struct column_want want[MAXCOLS + EXTRA];
	size_t index[MAXCOLS + EXTRA];
	struct finding findings[MAXCOLS];
	const struct column_want *rc;
	struct report_options ropt, xopt;
	struct report_columns cols;
	struct report *rp, *rx;
	struct reader *rd;
	struct record rec;
	struct error err;
	enum reader_status st;
	enum verdict v;
	unsigned long records = 0, reported = 0;
	size_t n, i;
	FILE *out;
	int bound = 0;

	rc = rules_columns(rules, &n);
	if (n > MAXCOLS || rules_findings(rules) > MAXCOLS)
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
	ropt.format = report_format_find(format, 0);
	ropt.formula_guard = 1;
	ropt.color = strcmp(format, "text") == 0;
	memset(&xopt, 0, sizeof(xopt));
	xopt.format = report_format_find("text", 1);
	rp = report_new(out, &ropt, rules, 20779); /* 2026-11-22 */
	rx = report_new(out, &xopt, rules, 20779);
	rd = reader_open_mem(buf, len, "fuzz", opt, &err);
	if (rd == NULL || rp == NULL || rx == NULL)
		abort();
	for (;;) {
		st = reader_next(rd, &rec, &err);
		if (st == READER_EOF || st == READER_FAIL)
			break;
		if (rec.is_header) {
			bound = st == READER_OK &&
			    header_bind(&rec, want, n + EXTRA, NULL, 0, index,
			        &err) == 0;
			if (bound) {
				cols.id = index[n];
				cols.name = index[n + 1];
				cols.expected_status = index[n + 2];
				cols.expected_failed = index[n + 3];
				cols.expected_unknown = index[n + 4];
				(void)report_file(rp, &rec, &cols);
				(void)report_file(rx, &rec, &cols);
				(void)report_flush(rp);
			}
			continue;
		}
		records++;
		if (!bound)
			continue;
		if (st == READER_BAD_RECORD) {
			(void)report_error(rp, &rec, &err);
			(void)report_error(rx, &rec, &err);
		} else {
			v = rules_judge(rules, &rec, index, 20779, findings);
			(void)report_record(rp, &rec, index, v, findings);
			(void)report_record(rx, &rec, index, v, findings);
		}
		reported++;
		if (reported % 7 == 0)
			(void)report_flush(rx);
	}
	/* After the end, the end again. */
	if (st == READER_EOF && reader_next(rd, &rec, &err) != READER_EOF)
		abort();
	if (reader_saw_bad_utf8(rd))
		report_note_bad_utf8(rp);
	(void)report_finish(rp);
	(void)report_finish(rx);
	if (bound) {
		if (reported != records)
			abort();
		check_counts(rp, reported);
		check_counts(rx, reported);
		if (report_mismatches(rx) > reported)
			abort();
	}
	report_free(rp);
	report_free(rx);
	reader_free(rd);
	fclose(out);
}

/*
 * Checks that record x starts a physical line of the n bytes at view,
 * the reader's decoded input, past *pos, on the line that the line ends
 * before it say; *pos and *lines carry the count from one record to the
 * next.  LF, CR LF and a lone CR each end one line.
 */
static void
check_place(const struct record *x, const char *view, size_t n, size_t *pos,
    unsigned long *lines)
{
	size_t off = (size_t)x->offset, i;

	if (x->offset > n || (x->is_header ? off < *pos : off <= *pos))
		abort();
	if (off > 0 && view[off - 1] != '\n' && view[off - 1] != '\r')
		abort();
	if (off > 0 && off < n && view[off - 1] == '\r' && view[off] == '\n')
		abort();
	for (i = *pos; i < off; i++)
		if (view[i] == '\r' ||
		    (view[i] == '\n' && (i == 0 || view[i - 1] != '\r')))
			(*lines)++;
	*pos = off;
	if (x->line != *lines + 1)
		abort();
}

/*
 * Reads buf with options a and b in lockstep and checks that both give
 * the same records; view (n bytes), when not NULL, is what the reader
 * decodes buf to, for check_place().  All borrowed for the call.
 */
static void
same_records(const char *buf, size_t len, const struct reader_options *a,
    const struct reader_options *b, const char *view, size_t n)
{
	struct reader *ra, *rb;
	struct record x, y;
	struct error ea, eb;
	enum reader_status sa, sb;
	unsigned long lines = 0;
	size_t pos = 0, i;

	ra = reader_open_mem(buf, len, "fuzz", a, &ea);
	rb = reader_open_mem(buf, len, "fuzz", b, &eb);
	if (ra == NULL || rb == NULL)
		abort();
	for (;;) {
		sa = reader_next(ra, &x, &ea);
		sb = reader_next(rb, &y, &eb);
		/* An input in memory fails only as a whole, as one the
		 * reader refuses (UTF-16 with no byte order mark), and then
		 * with both options alike. */
		if (sa != sb)
			abort();
		if (sa == READER_FAIL) {
			if (strcmp(ea.msg, eb.msg) != 0)
				abort();
			break;
		}
		if (sa == READER_EOF)
			break;
		if (x.line != y.line || x.offset != y.offset ||
		    x.is_header != y.is_header || x.nfields != y.nfields)
			abort();
		for (i = 0; i < x.nfields; i++)
			if (x.fields[i].len != y.fields[i].len ||
			    (x.fields[i].len > 0 &&
			        memcmp(x.fields[i].ptr, y.fields[i].ptr,
			            x.fields[i].len) != 0))
				abort();
		if (sa == READER_BAD_RECORD &&
		    (ea.line != eb.line || strcmp(ea.msg, eb.msg) != 0))
			abort();
		if (view != NULL)
			check_place(&x, view, n, &pos, &lines);
	}
	if (reader_delimiter(ra) != reader_delimiter(rb) ||
	    reader_saw_bad_utf8(ra) != reader_saw_bad_utf8(rb))
		abort();
	reader_free(ra);
	reader_free(rb);
}

/* Nonzero when none of the n bytes at s has its high bit set. */
static int
ascii(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return 0;
	return 1;
}

/*
 * Compares the reading of buf with options opt (read size reads[r]) to
 * one cut by the next read size, and by the other encoding when that
 * cannot change the bytes.  All borrowed for the call.
 */
static void
compare_cuts(const char *buf, size_t len, const struct reader_options *opt,
    const size_t *reads, unsigned r)
{
	struct reader_options alt = *opt;
	const char *view = buf;
	size_t n = len;
	/* ASCII reads the same in any encoding, but for NUL bytes: with no
	 * encoding named, a header line of them is refused as UTF-16. */
	int plain = ascii(buf, len) && memchr(buf, '\0', len) == NULL;

	alt.read_size = reads[(r + 1) & 3];
	if (plain)
		alt.csv.encoding =
		    opt->csv.encoding == NULL ? "windows-1252" : NULL;
	/* A UTF-8 byte order mark is dropped, whatever the encoding. */
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
		view = buf + 3;
		n = len - 3;
	} else if (!plain && opt->csv.encoding != NULL)
		view = NULL;
	else if (len >= 2 &&
	    (memcmp(buf, "\xff\xfe", 2) == 0 ||
	        memcmp(buf, "\xfe\xff", 2) == 0))
		view = NULL;
	same_records(buf, len, opt, &alt, view, n);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int delims[4] = { 0, ',', ';', '\t' };
	static const size_t reads[4] = { 0, 1, 7, 4096 };
	struct reader_options opt;
	struct rules *rules;
	struct error err;
	unsigned sel;
	char *buf;
	size_t len;

	if (size == 0)
		return 0;
	sel = data[0];
	data++;
	size--;
	memset(&opt, 0, sizeof(opt));
	opt.csv.delimiter = delims[sel & 3];
	opt.read_size = reads[(sel >> 2) & 3];
	opt.max_field_size = (sel & 16) ? 64 : 0;
	opt.csv.encoding = (sel & 32) ? "windows-1252" : NULL;

	rules = rules_default(&err);
	if (rules == NULL)
		abort();
	buf = malloc(sizeof(canonical) + size);
	if (buf == NULL)
		abort();
	len = 0;
	if (sel & 64) {
		memcpy(buf, canonical, sizeof(canonical) - 1);
		len = sizeof(canonical) - 1;
	}
	if (size > 0)
		memcpy(buf + len, data, size);
	len += size;
	screen(buf, len, &opt, (sel >> 7) ? "jsonl" : "csv", rules);
	if (sel & 128)
		screen(buf, len, &opt, "text", rules);
	compare_cuts(buf, len, &opt, reads, (sel >> 2) & 3);
	free(buf);
	rules_free(rules);
	return 0;
}
