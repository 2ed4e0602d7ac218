/*
 * fuzz_reader.c - libFuzzer harness: arbitrary bytes as a CSV file.
 *
 * The first input byte chooses the reader's options (delimiter, a small
 * field limit, the read size, an encoding) and whether the canonical
 * header is put in front, so that the bytes also run through the header
 * binding, the rules and every report format.  Checked: no crash, no
 * leak, and records in = records out (every record the reader hands on
 * is reported exactly once).
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

static const char canonical[] =
    "applicant_id,full_name,us_citizen,total_experience_years,"
    "sworn_experience_years,full_service_department,employment_status,"
    "separation_date,english_proficient,weapon_qualified,"
    "manual_transmission,background_clear,passport_valid,physical_test,"
    "agility_test\n";

static void
screen(const char *buf, size_t len, const struct reader_options *opt,
    enum report_format format, struct rules *rules)
{
	struct column_want want[32];
	size_t index[32];
	struct finding findings[32];
	const struct column_want *rc;
	struct report_options ropt;
	struct report_columns cols;
	struct report *rp;
	struct reader *rd;
	struct record rec;
	struct error err;
	enum reader_status st;
	unsigned long records = 0, reported = 0;
	size_t n, i;
	FILE *out;
	int bound = 0;

	rc = rules_columns(rules, &n);
	if (n + 2 > 32 || rules_count(rules) > 32)
		abort();
	for (i = 0; i < n; i++)
		want[i] = rc[i];
	want[n].name = "applicant_id";
	want[n].required = 0;
	want[n + 1].name = "full_name";
	want[n + 1].required = 0;

	out = fopen("/dev/null", "w");
	if (out == NULL)
		abort();
	memset(&ropt, 0, sizeof(ropt));
	ropt.format = format;
	ropt.formula_guard = 1;
	rp = report_new(out, &ropt, rules, 20779); /* 2026-11-22 */
	rd = reader_open_mem(buf, len, "fuzz", opt, &err);
	if (rd == NULL || rp == NULL)
		abort();
	for (;;) {
		st = reader_next(rd, &rec, &err);
		if (st == READER_EOF || st == READER_FAIL)
			break;
		if (rec.is_header) {
			bound = st == READER_OK &&
			    header_bind(
			        &rec, want, n + 2, NULL, 0, index, &err) == 0;
			if (bound) {
				cols.id = index[n];
				cols.name = index[n + 1];
				cols.expected_status = HEADER_ABSENT;
				cols.expected_failed = HEADER_ABSENT;
				(void)report_file(rp, &rec, &cols);
			}
			continue;
		}
		records++;
		if (!bound)
			continue;
		if (st == READER_BAD_RECORD)
			(void)report_error(rp, &rec, err.msg);
		else
			(void)report_record(rp, &rec, index,
			    rules_judge(rules, &rec, index, 20779, findings),
			    findings);
		reported++;
	}
	/* After the end, the end again. */
	if (st == READER_EOF && reader_next(rd, &rec, &err) != READER_EOF)
		abort();
	(void)report_finish(rp);
	if (bound) {
		unsigned long counted = 0;
		int v;

		for (v = 0; v < VERDICT_COUNT; v++)
			counted += report_count(rp, (enum verdict)v);
		if (counted != reported || reported != records)
			abort();
	}
	report_free(rp);
	reader_free(rd);
	fclose(out);
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
	opt.delimiter = delims[sel & 3];
	opt.read_size = reads[(sel >> 2) & 3];
	opt.max_field_size = (sel & 16) ? 64 : 0;
	opt.encoding = (sel & 32) ? "windows-1252" : NULL;

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
	screen(buf, len, &opt,
	    (enum report_format)((sel >> 7) ? REPORT_JSONL : REPORT_CSV),
	    rules);
	if (sel & 128)
		screen(buf, len, &opt, REPORT_TEXT, rules);
	free(buf);
	rules_free(rules);
	return 0;
}
