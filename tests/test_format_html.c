/*
 * test_format_html.c - unit tests for format_html.c, through report.h:
 * the spool that holds the table's rows until the summary is out.
 *
 * One table of cases and one loop.  A case is a run of records (a letter
 * each: P, F and R are judged as PASS, FAIL and REVIEW by a small rule
 * set, E is a malformed record), repeated some times, through an html
 * report on an in-memory stream, on /dev/full, or on nothing (-q), with
 * an --only mask and a TMPDIR: a fresh directory, unset (so /tmp), a
 * directory that does not exist, or a file.  Each case says what the
 * calls must return and why (errno, and whether report_write_dir() names
 * the spool's directory), and how many rows the page must have.  The
 * page is checked whole where it was written: it starts with the
 * doctype, ends with </html>, counts every record, and has the rows in
 * input order; and a fresh TMPDIR is empty both while the report runs
 * (the spool is removed from it at once) and after.  Enough records to
 * make a page of some megabytes go through the spool in several pieces.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "header.h"
#include "report.h"
#include "rules.h"
#include "value.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const char mini_rules[] =
    "name mini\n"
    "rule citizen    required true     us_citizen \"U.S. citizen\"\n"
    "rule experience required at-least 8 years  \"8 years\"\n";

/* Where the case's TMPDIR is. */
enum tmpdir { TMP_FRESH, TMP_UNSET, TMP_MISSING, TMP_FILE };
/* Where the report goes. */
enum stream { TO_MEMORY, TO_FULL, TO_NOTHING };

struct html_case {
	const char *name;
	const char *records; /* P, F, R, E */
	size_t repeat;
	unsigned only;
	enum tmpdir tmp;
	enum stream to;
	int want_rc; /* of the last call: 0 or -1 */
	int want_errno;
	int want_dir; /* report_write_dir() is the TMPDIR */
	size_t want_rows; /* rows on the page, when it is written */
};

/* The number of entries in directory path, but . and .. */
static size_t
entries(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *de;
	size_t n = 0;

	assert_non_null(d);
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0)
			n++;
	(void)closedir(d);
	return n;
}

/* The statuses of the rows of page, in order, one letter each. */
static void
row_statuses(const char *page, char *out, size_t size)
{
	static const char tag[] = "<tr class=\"s-";
	const char *p = page;
	size_t n = 0;

	while ((p = strstr(p, tag)) != NULL) {
		p += sizeof(tag) - 1;
		assert_true(n + 1 < size);
		out[n++] = (char)(*p - 'a' + 'A');
	}
	out[n] = '\0';
}

/* The letters of c's records that only lets through, as row_statuses(). */
static void
want_statuses(const struct html_case *c, char *out, size_t size)
{
	static const char verdict_of[] = "PFRE";
	size_t r, i, n = 0;
	const char *v;

	for (r = 0; r < c->repeat; r++) {
		for (i = 0; c->records[i] != '\0'; i++) {
			v = strchr(verdict_of, c->records[i]);
			assert_non_null(v);
			if (c->only != 0 &&
			    !(c->only & (1u << (unsigned)(v - verdict_of))))
				continue;
			assert_true(n + 1 < size);
			out[n++] = c->records[i];
		}
	}
	out[n] = '\0';
}

static void
test_spool(void **state)
{
	static const struct html_case cases[] = {
		{ "one of each", "PFRE", 1, 0, TMP_FRESH, TO_MEMORY, 0, 0, 0,
		    4 },
		{ "no records", "", 1, 0, TMP_FRESH, TO_MEMORY, 0, 0, 0, 0 },
		{ "only fail and error", "PFREFP", 1,
		    (1u << VERDICT_FAIL) | (1u << VERDICT_ERROR), TMP_FRESH,
		    TO_MEMORY, 0, 0, 0, 3 },
		{ "only, none let through", "PPP", 1, 1u << VERDICT_REVIEW,
		    TMP_FRESH, TO_MEMORY, 0, 0, 0, 0 },
		/* Some megabytes: read back from the spool in many pieces. */
		{ "many", "PFRPFE", 1500, 0, TMP_FRESH, TO_MEMORY, 0, 0, 0,
		    9000 },
		{ "TMPDIR unset: /tmp", "PF", 1, 0, TMP_UNSET, TO_MEMORY, 0, 0,
		    0, 2 },
		{ "TMPDIR missing", "PF", 1, 0, TMP_MISSING, TO_MEMORY, -1,
		    ENOENT, 1, 0 },
		{ "TMPDIR a file", "FP", 1, 0, TMP_FILE, TO_MEMORY, -1, ENOTDIR,
		    1, 0 },
		/* No record written, no spool needed. */
		{ "TMPDIR missing, only none", "PP", 1, 1u << VERDICT_FAIL,
		    TMP_MISSING, TO_MEMORY, 0, 0, 0, 0 },
		{ "quiet: no spool", "PFRE", 1, 0, TMP_MISSING, TO_NOTHING, 0,
		    0, 0, 0 },
		/* The stream fails, not the spool. */
		{ "full disk", "PFRE", 1, 0, TMP_FRESH, TO_FULL, -1, ENOSPC, 0,
		    0 },
	};
	char dir[] = "/tmp/test-html-XXXXXX";
	char tmpdir[64], missing[64], file[64], got[16384], want[16384];
	struct report_options opt;
	struct finding findings[4];
	struct field fields[4];
	size_t idx[4] = { 2, 3, 0, 1 }, i, r, k;
	struct report_columns cols = { 0, 1, HEADER_ABSENT, HEADER_ABSENT,
		HEADER_ABSENT };
	struct record rec;
	struct rules *rules;
	struct report *rp;
	struct error err;
	char *page;
	size_t len;
	unsigned long total;
	const char *saved;
	int32_t asof;
	FILE *fp;
	int rc;
	enum verdict v;

	(void)state;
	assert_non_null(mkdtemp(dir));
	(void)snprintf(missing, sizeof(missing), "%s/missing", dir);
	(void)snprintf(file, sizeof(file), "%s/file", dir);
	fp = fopen(file, "w");
	assert_non_null(fp);
	assert_int_equal(fclose(fp), 0);
	saved = getenv("TMPDIR");
	rules = rules_parse(mini_rules, strlen(mini_rules), "mini.rules", &err);
	assert_non_null(rules);
	assert_int_equal(value_parse_iso("2026-01-01", &asof), 0);
	for (i = 0; i < NELEM(cases); i++) {
		const struct html_case *c = &cases[i];

		print_message("case %zu: %s\n", i, c->name);
		(void)snprintf(tmpdir, sizeof(tmpdir), "%s/tmp%zu", dir, i);
		assert_int_equal(mkdir(tmpdir, 0700), 0);
		if (c->tmp == TMP_UNSET)
			assert_int_equal(unsetenv("TMPDIR"), 0);
		else
			assert_int_equal(setenv("TMPDIR",
			                     c->tmp == TMP_FRESH      ? tmpdir
			                         : c->tmp == TMP_FILE ? file
			                                              : missing,
			                     1),
			    0);
		page = NULL;
		len = 0;
		fp = NULL;
		if (c->to == TO_MEMORY)
			fp = open_memstream(&page, &len);
		else if (c->to == TO_FULL)
			fp = fopen("/dev/full", "w");
		if (c->to != TO_NOTHING)
			assert_non_null(fp);
		memset(&opt, 0, sizeof(opt));
		opt.format = report_format_find("html", 0);
		assert_non_null(opt.format);
		opt.only = c->only;
		opt.ran_at = 0;
		rp = report_new(fp, &opt, rules, asof);
		assert_non_null(rp);
		memset(&rec, 0, sizeof(rec));
		rec.file = "t.csv";
		rec.fields = fields;
		rec.nfields = 4;
		fields[0] = (struct field){ "applicant_id", 12 };
		fields[1] = (struct field){ "full_name", 9 };
		fields[2] = (struct field){ "us_citizen", 10 };
		fields[3] = (struct field){ "years", 5 };
		rec.line = 1;
		rec.is_header = 1;
		rc = report_file(rp, &rec, &cols);
		assert_int_equal(rc, 0);
		rec.is_header = 0;
		for (r = 0; r < c->repeat && rc == 0; r++) {
			for (k = 0; c->records[k] != '\0' && rc == 0; k++) {
				char ch = c->records[k];

				rec.line++;
				fields[0] = (struct field){ &c->records[k], 1 };
				fields[1] = (struct field){ "Pat Doe", 7 };
				fields[2] = ch == 'F'
				    ? (struct field){ "no", 2 }
				    : ch == 'R' ? (struct field){ "", 0 }
				                : (struct field){ "yes", 3 };
				fields[3] = (struct field){ "10", 2 };
				if (ch == 'E') {
					(void)error_set(&err, "t.csv", rec.line,
					    "record has 3 fields, header has "
					    "4");
					rc = report_error(rp, &rec, &err);
				} else {
					v = rules_judge(
					    rules, &rec, idx, asof, findings);
					rc = report_record(
					    rp, &rec, idx, v, findings);
				}
				/* The spool is out of the directory. */
				if (c->tmp == TMP_FRESH)
					assert_int_equal(entries(tmpdir), 0);
			}
		}
		if (rc == 0)
			rc = report_finish(rp);
		assert_int_equal(rc, c->want_rc);
		assert_int_equal(report_write_errno(rp), c->want_errno);
		if (c->want_dir) {
			assert_non_null(report_write_dir(rp));
			assert_string_equal(
			    report_write_dir(rp), getenv("TMPDIR"));
		} else {
			assert_null(report_write_dir(rp));
		}
		total = 0;
		for (k = 0; k < VERDICT_COUNT; k++)
			total += report_count(rp, (enum verdict)k);
		report_free(rp);
		if (fp != NULL)
			(void)fclose(fp);
		if (c->tmp == TMP_FRESH)
			assert_int_equal(entries(tmpdir), 0);
		if (c->to == TO_MEMORY && c->want_rc == 0) {
			char count[64];

			assert_true(len > 0);
			assert_memory_equal(page, "<!DOCTYPE html>\n", 16);
			assert_string_equal(page + len - 8, "</html>\n");
			(void)snprintf(count, sizeof(count), "<p>%lu record%s",
			    total, total == 1 ? "" : "s");
			assert_non_null(strstr(page, count));
			row_statuses(page, got, sizeof(got));
			want_statuses(c, want, sizeof(want));
			assert_int_equal(strlen(got), c->want_rows);
			assert_string_equal(got, want);
		}
		free(page);
		assert_int_equal(rmdir(tmpdir), 0);
	}
	if (saved != NULL)
		assert_int_equal(setenv("TMPDIR", saved, 1), 0);
	else
		assert_int_equal(unsetenv("TMPDIR"), 0);
	assert_int_equal(unlink(file), 0);
	assert_int_equal(rmdir(dir), 0);
	rules_free(rules);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spool),
	};

	return cmocka_run_group_tests_name("format_html", tests, NULL, NULL);
}
