/*
 * test_screen.c - unit tests for screen.c and screen.h: the core's one
 * loop, from input files through the default rule set to a report.
 *
 * The group's setup writes the fixtures below into a fresh directory
 * from mkdtemp(), and its teardown removes them.  Each case screens some
 * of them, by path, with the compiled-in rules as of 2026-11-22 into a
 * jsonl or csv report on an in-memory stream, as main.c does (every
 * input planned first when the case says so), and then checks what came
 * out: the report's counts, the statuses and header line it wrote,
 * screen_trouble(), and every warning the callback was told, with its
 * kind, file and line.  The counts of the fixtures that are copies of
 * tests/fixtures/ files are what `civpol-screen --as-of 2026-11-22
 * --summary` prints for those files.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "header.h"
#include "report.h"
#include "rules.h"
#include "screen.h"
#include "value.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

#define MAX_FILES 4
#define MAX_WARNINGS 16
#define PATH_LEN 256

/* clang-format off */
/* The default set's columns, with id and name first. */
#define HD "applicant_id,full_name,us_citizen,total_experience_years," \
    "sworn_experience_years,full_service_department,employment_status," \
    "separation_date,english_proficient,weapon_qualified," \
    "manual_transmission,background_clear,passport_valid,physical_test," \
    "agility_test"

/* The columns the csv report adds after the input's. */
#define SCREEN_COLS ",screen_status,screen_failed,screen_unknown," \
    "screen_reasons,screen_source"

/* A good record's values after the id and name, and with them. */
#define GOOD "yes,12,10,yes,active,,yes,yes,yes,yes,yes,pass,pass"
/* clang-format on */

/* The fixtures, written into the group's directory. */
static const struct fixture {
	const char *name;
	const char *text;
} fixtures[] = {
	/* tests/fixtures/small.csv: 1 PASS, 1 FAIL, 1 REVIEW. */
	{ "small.csv",
	    HD "\n"
	       "B-1,Alice Able,yes,12,10,yes,active,,yes,yes,yes,yes,yes,pass,"
	       "pass\n"
	       "B-2,Bob Baker,no,12,10,yes,active,,yes,yes,yes,yes,yes,pass,"
	       "pass\n"
	       "B-3,Cara Cole,yes,12,10,yes,active,,yes,yes,yes,yes,,pass,"
	       "pass\n" },
	/* tests/fixtures/all-pass.csv: 2 PASS. */
	{ "all-pass.csv",
	    HD "\n"
	       "P-1,Pat Pass," GOOD "\n"
	       "P-2,Quinn Pass," GOOD "\n" },
	/* tests/fixtures/all-review.csv: 3 REVIEW. */
	{ "all-review.csv",
	    HD "\n"
	       "R-1,Rita Review,yes,12,10,yes,active,,yes,yes,yes,yes,,pass,"
	       "pass\n"
	       "R-2,Rob Review,yes,12,10,yes,active,,yes,maybe,yes,yes,yes,"
	       "pass,pass\n"
	       "R-3,Ray Review,yes,10,12,yes,active,,yes,yes,yes,yes,yes,pass,"
	       "pass\n" },
	/* tests/fixtures/bad-records.csv: 3 PASS and 5 ERROR, the
	 * malformed records on lines 3, 5, 6, 7 and 9. */
	{ "bad-records.csv",
	    HD "\n"
	       "E-1,Good One," GOOD "\n"
	       "E-2,Too Few,yes,12\n"
	       "E-3,Good Two," GOOD "\n"
	       "E-4,Too Many," GOOD ",extra,more\n"
	       "E-5,Stray \"quote," GOOD "\n"
	       "E-6,\"Closed\" then text," GOOD "\n"
	       "E-7,Good Three," GOOD "\n"
	       "E-8,\"Never closed," GOOD "\n" },
	/* small.csv's columns and one more, in the middle: 1 PASS. */
	{ "notes.csv",
	    "applicant_id,full_name,notes,us_citizen,total_experience_years,"
	    "sworn_experience_years,full_service_department,"
	    "employment_status,separation_date,english_proficient,"
	    "weapon_qualified,manual_transmission,background_clear,"
	    "passport_valid,physical_test,agility_test\n"
	    "N-1,Nora Notes,a note," GOOD "\n" },
	/* us_citizen under another name: 1 PASS, 1 FAIL with a --map. */
	{ "renamed.csv",
	    "applicant_id,full_name,Citizenship,total_experience_years,"
	    "sworn_experience_years,full_service_department,"
	    "employment_status,separation_date,english_proficient,"
	    "weapon_qualified,manual_transmission,background_clear,"
	    "passport_valid,physical_test,agility_test\n"
	    "M-1,Mia Map," GOOD "\n"
	    "M-2,Max Map,no,12,10,yes,active,,yes,yes,yes,yes,yes,pass,"
	    "pass\n" },
	/* Nothing at all: no header, no records, no trouble. */
	{ "empty.csv", "" },
};

/* The group's directory of fixtures. */
static char fixture_dir[] = "/tmp/test_screen.XXXXXX";

/* Writes dir/name into buf (PATH_LEN bytes); returns buf. */
static char *
fixture_path(char *buf, const char *name)
{
	int n = snprintf(buf, PATH_LEN, "%s/%s", fixture_dir, name);

	assert_true(n > 0 && n < PATH_LEN);
	return buf;
}

static int
setup(void **state)
{
	char path[PATH_LEN];
	size_t i, len;
	FILE *fp;

	(void)state;
	if (mkdtemp(fixture_dir) == NULL)
		return -1;
	for (i = 0; i < NELEM(fixtures); i++) {
		fp = fopen(fixture_path(path, fixtures[i].name), "w");
		if (fp == NULL)
			return -1;
		len = strlen(fixtures[i].text);
		if (fwrite(fixtures[i].text, 1, len, fp) != len) {
			(void)fclose(fp);
			return -1;
		}
		if (fclose(fp) != 0)
			return -1;
	}
	return 0;
}

static int
teardown(void **state)
{
	char path[PATH_LEN];
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(fixtures); i++)
		(void)unlink(fixture_path(path, fixtures[i].name));
	return rmdir(fixture_dir);
}

/* One warning the callback was told. */
struct warning {
	enum screen_warning kind;
	char file[PATH_LEN]; /* "" when none */
	unsigned long line;
	char msg[ERROR_MSG_MAX];
};

/* Every warning of a run, in order. */
struct warnings {
	struct warning w[MAX_WARNINGS];
	size_t n;
};

static void
on_warn(void *ctx, enum screen_warning kind, const struct error *err)
{
	struct warnings *ws = ctx;
	struct warning *w;

	assert_non_null(err);
	assert_true(ws->n < MAX_WARNINGS);
	w = &ws->w[ws->n++];
	w->kind = kind;
	(void)snprintf(
	    w->file, sizeof(w->file), "%s", err->file != NULL ? err->file : "");
	w->line = err->line;
	(void)snprintf(w->msg, sizeof(w->msg), "%s", err->msg);
}

/* How many warnings of kind ws holds. */
static size_t
count_kind(const struct warnings *ws, enum screen_warning kind)
{
	size_t i, n = 0;

	for (i = 0; i < ws->n; i++)
		if (ws->w[i].kind == kind)
			n++;
	return n;
}

/* What a case screens and how. */
struct run {
	const char *format; /* "jsonl" or "csv" */
	int plan; /* screen_plan() every input first */
	unsigned long max_warnings;
	const char *files[MAX_FILES]; /* fixture names, up to a NULL */
};

/* What a run left behind.  The caller frees out with free(). */
struct result {
	char *out;
	size_t len;
	unsigned long counts[VERDICT_COUNT];
	int trouble;
	struct warnings warnings;
};

/*
 * Screens run's files with the default rules and maps into a report on
 * an in-memory stream.  Every call must succeed.
 */
static void
screen_run(const struct run *run, const struct column_map *maps, size_t nmaps,
    struct result *res)
{
	char path[MAX_FILES][PATH_LEN];
	struct report_options ropt;
	struct screen_options sopt;
	struct rules *rules;
	struct report *rp;
	struct screen *sc;
	struct error err;
	size_t i, n;
	int v;
	FILE *fp;

	memset(res, 0, sizeof(*res));
	rules = rules_default(&err);
	assert_non_null(rules);
	memset(&ropt, 0, sizeof(ropt));
	ropt.format = report_format_find(run->format, 0);
	assert_non_null(ropt.format);
	ropt.formula_guard = 1;
	memset(&sopt, 0, sizeof(sopt));
	sopt.as_of = value_days_from_civil(2026, 11, 22);
	sopt.max_warnings = run->max_warnings;
	sopt.maps = maps;
	sopt.nmaps = nmaps;
	rules_prepare(rules, sopt.as_of);
	fp = open_memstream(&res->out, &res->len);
	assert_non_null(fp);
	rp = report_new(fp, &ropt, rules, sopt.as_of);
	assert_non_null(rp);
	sc = screen_new(rules, rp, &sopt, on_warn, &res->warnings, &err);
	assert_non_null(sc);
	for (n = 0; n < MAX_FILES && run->files[n] != NULL; n++)
		fixture_path(path[n], run->files[n]);
	if (run->plan)
		for (i = 0; i < n; i++)
			screen_plan(sc, path[i]);
	for (i = 0; i < n; i++)
		assert_int_equal(screen_input(sc, path[i]), 0);
	assert_int_equal(report_finish(rp), 0);
	res->trouble = screen_trouble(sc);
	for (v = 0; v < VERDICT_COUNT; v++)
		res->counts[v] = report_count(rp, (enum verdict)v);
	screen_free(sc);
	report_free(rp);
	assert_int_equal(fclose(fp), 0);
	rules_free(rules);
}

/* The number of lines in out (each ends in '\n'). */
static size_t
count_lines(const char *out, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		if (out[i] == '\n')
			n++;
	return n;
}

/*
 * The statuses of a jsonl report's records, in order, each followed by
 * a space, into buf (size bytes).
 */
static void
jsonl_statuses(const char *out, char *buf, size_t size)
{
	static const char key[] = "\"status\":\"";
	const char *p = out, *end;
	size_t used = 0;

	buf[0] = '\0';
	while ((p = strstr(p, key)) != NULL) {
		p += sizeof(key) - 1;
		end = strchr(p, '"');
		assert_non_null(end);
		assert_true(used + (size_t)(end - p) + 2 <= size);
		memcpy(buf + used, p, (size_t)(end - p));
		used += (size_t)(end - p);
		buf[used++] = ' ';
		buf[used] = '\0';
		p = end;
	}
}

/*
 * Good files, alone or one after another: the counts are the binary's
 * summary's, each record has one line of the jsonl report, in input
 * order, and nothing is wrong.
 */
static void
test_counts(void **state)
{
	static const struct {
		struct run run;
		unsigned long
		    counts[VERDICT_COUNT]; /* PASS FAIL REVIEW ERROR */
		const char *statuses;
	} cases[] = {
		{ { "jsonl", 0, 0, { "small.csv" } }, { 1, 1, 1, 0 },
		    "PASS FAIL REVIEW " },
		{ { "jsonl", 0, 0, { "all-pass.csv" } }, { 2, 0, 0, 0 },
		    "PASS PASS " },
		{ { "jsonl", 0, 0, { "all-review.csv" } }, { 0, 0, 3, 0 },
		    "REVIEW REVIEW REVIEW " },
		{ { "jsonl", 0, 0, { "empty.csv" } }, { 0, 0, 0, 0 }, "" },
		{ { "jsonl", 0, 0, { "small.csv", "all-pass.csv" } },
		    { 3, 1, 1, 0 }, "PASS FAIL REVIEW PASS PASS " },
		{ { "jsonl", 0, 0,
		      { "all-review.csv", "empty.csv", "small.csv" } },
		    { 1, 1, 4, 0 }, "REVIEW REVIEW REVIEW PASS FAIL REVIEW " },
		{ { "jsonl", 1, 0, { "all-pass.csv", "small.csv" } },
		    { 3, 1, 1, 0 }, "PASS PASS PASS FAIL REVIEW " },
	};
	unsigned long total;
	struct result res;
	char got[256];
	size_t i;
	int v;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		screen_run(&cases[i].run, NULL, 0, &res);
		total = 0;
		for (v = 0; v < VERDICT_COUNT; v++) {
			if (res.counts[v] != cases[i].counts[v])
				print_message("case %zu, verdict %d\n", i, v);
			assert_int_equal(res.counts[v], cases[i].counts[v]);
			total += res.counts[v];
		}
		assert_int_equal(count_lines(res.out, res.len), total);
		jsonl_statuses(res.out, got, sizeof(got));
		assert_string_equal(got, cases[i].statuses);
		assert_int_equal(res.trouble, 0);
		assert_int_equal(res.warnings.n, 0);
		free(res.out);
	}
}

/*
 * Inputs that cannot be screened: one not there, a directory, one whose
 * header lacks a required column.  Each gives one SCREEN_INPUT warning
 * naming it and makes screen_trouble() nonzero, planned or not, and the
 * inputs after it are still screened.
 */
static void
test_trouble(void **state)
{
	static const struct {
		struct run run;
		unsigned long counts[VERDICT_COUNT];
		const char *bad; /* the input warned of, "." the directory */
	} cases[] = {
		{ { "jsonl", 0, 0, { "missing.csv" } }, { 0, 0, 0, 0 },
		    "missing.csv" },
		{ { "jsonl", 0, 0, { "missing.csv", "small.csv" } },
		    { 1, 1, 1, 0 }, "missing.csv" },
		{ { "jsonl", 0, 0, { "small.csv", "missing.csv" } },
		    { 1, 1, 1, 0 }, "missing.csv" },
		{ { "csv", 1, 0, { "missing.csv", "small.csv" } },
		    { 1, 1, 1, 0 }, "missing.csv" },
		{ { "csv", 1, 0, { "small.csv", "missing.csv" } },
		    { 1, 1, 1, 0 }, "missing.csv" },
		{ { "jsonl", 0, 0, { "." } }, { 0, 0, 0, 0 }, "." },
		{ { "jsonl", 0, 0, { "renamed.csv", "all-pass.csv" } },
		    { 2, 0, 0, 0 }, "renamed.csv" },
		{ { "csv", 1, 0, { "renamed.csv", "all-pass.csv" } },
		    { 2, 0, 0, 0 }, "renamed.csv" },
	};
	char want_file[PATH_LEN];
	struct result res;
	size_t i;
	int v;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		screen_run(&cases[i].run, NULL, 0, &res);
		assert_int_not_equal(res.trouble, 0);
		if (res.warnings.n != 1)
			print_message(
			    "case %zu: %zu warnings\n", i, res.warnings.n);
		assert_int_equal(res.warnings.n, 1);
		assert_int_equal(res.warnings.w[0].kind, SCREEN_INPUT);
		assert_string_equal(res.warnings.w[0].file,
		    fixture_path(want_file, cases[i].bad));
		assert_true(res.warnings.w[0].msg[0] != '\0');
		for (v = 0; v < VERDICT_COUNT; v++)
			assert_int_equal(res.counts[v], cases[i].counts[v]);
		free(res.out);
	}
}

/*
 * Malformed records under each max_warnings: the first max_warnings of
 * an input are warned of one by one (kind, file and line), then one
 * closing count of the rest, with no line; 0 is no limit.  Every one is
 * still an ERROR in the report's counts, and none is trouble.  The limit
 * is per input: two inputs get a count each.
 */
static void
test_max_warnings(void **state)
{
	static const struct {
		struct run run;
		size_t warned; /* record warnings, before a count */
		const char *closing; /* the count's message, or NULL */
	} cases[] = {
		{ { "jsonl", 0, 0, { "bad-records.csv" } }, 5, NULL },
		{ { "jsonl", 0, 1, { "bad-records.csv" } }, 1,
		    "4 more malformed records not shown" },
		{ { "jsonl", 0, 2, { "bad-records.csv" } }, 2,
		    "3 more malformed records not shown" },
		{ { "jsonl", 0, 4, { "bad-records.csv" } }, 4,
		    "1 more malformed record not shown" },
		{ { "jsonl", 0, 5, { "bad-records.csv" } }, 5, NULL },
		{ { "jsonl", 0, 6, { "bad-records.csv" } }, 5, NULL },
		{ { "csv", 0, 2, { "bad-records.csv" } }, 2,
		    "3 more malformed records not shown" },
		{ { "jsonl", 0, 2, { "bad-records.csv", "bad-records.csv" } },
		    2, "3 more malformed records not shown" },
		{ { "csv", 1, 2, { "bad-records.csv", "bad-records.csv" } }, 2,
		    "3 more malformed records not shown" },
	};
	static const unsigned long bad_lines[] = { 3, 5, 6, 7, 9 };
	size_t i, k, nfiles, f, at;
	char path[PATH_LEN];
	const struct warning *w;
	struct result res;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		screen_run(&cases[i].run, NULL, 0, &res);
		nfiles = 0;
		while (nfiles < MAX_FILES && cases[i].run.files[nfiles] != NULL)
			nfiles++;
		fixture_path(path, "bad-records.csv");
		assert_int_equal(res.trouble, 0);
		assert_int_equal(count_kind(&res.warnings, SCREEN_INPUT), 0);
		assert_int_equal(res.warnings.n,
		    nfiles * (cases[i].warned + (cases[i].closing != NULL)));
		at = 0;
		for (f = 0; f < nfiles; f++) {
			for (k = 0; k < cases[i].warned; k++) {
				w = &res.warnings.w[at++];
				assert_int_equal(w->kind, SCREEN_RECORD);
				assert_string_equal(w->file, path);
				assert_int_equal(w->line, bad_lines[k]);
				assert_true(w->msg[0] != '\0');
			}
			if (cases[i].closing == NULL)
				continue;
			w = &res.warnings.w[at++];
			assert_int_equal(w->kind, SCREEN_RECORD);
			assert_string_equal(w->file, path);
			assert_int_equal(w->line, 0);
			assert_string_equal(w->msg, cases[i].closing);
		}
		assert_int_equal(res.counts[VERDICT_ERROR], 5 * nfiles);
		assert_int_equal(res.counts[VERDICT_PASS], 3 * nfiles);
		assert_int_equal(res.counts[VERDICT_FAIL], 0);
		assert_int_equal(res.counts[VERDICT_REVIEW], 0);
		free(res.out);
	}
}

/*
 * The csv report over inputs with different headers: planned, its
 * header row is the union of their columns in order of first sight; not
 * planned, it is the first input's (report.h: "a format that is not
 * planned for takes the first input's header as its plan").  Either way
 * it is written once, and every record has its row.  An input that
 * cannot be opened adds nothing to the plan.
 */
static void
test_plan(void **state)
{
	/* clang-format off */
	static const struct {
		struct run run;
		const char *first_line;
		size_t lines; /* header rows and records */
	} cases[] = {
		{ { "csv", 1, 0, { "small.csv", "notes.csv" } },
		  HD ",notes" SCREEN_COLS, 1 + 4 },
		{ { "csv", 1, 0, { "notes.csv", "small.csv" } },
		  "applicant_id,full_name,notes,us_citizen,"
		  "total_experience_years,sworn_experience_years,"
		  "full_service_department,employment_status,separation_date,"
		  "english_proficient,weapon_qualified,manual_transmission,"
		  "background_clear,passport_valid,physical_test,agility_test"
		  SCREEN_COLS, 1 + 4 },
		{ { "csv", 1, 0, { "small.csv", "missing.csv", "notes.csv" } },
		  HD ",notes" SCREEN_COLS, 1 + 4 },
		{ { "csv", 1, 0, { "small.csv", "all-pass.csv" } },
		  HD SCREEN_COLS, 1 + 5 },
		/* Not planned: the first input's header is the plan. */
		{ { "csv", 0, 0, { "small.csv", "notes.csv" } },
		  HD SCREEN_COLS, 1 + 4 },
	};
	/* clang-format on */
	struct result res;
	const char *nl;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		screen_run(&cases[i].run, NULL, 0, &res);
		nl = memchr(res.out, '\n', res.len);
		assert_non_null(nl);
		if ((size_t)(nl - res.out) != strlen(cases[i].first_line) ||
		    memcmp(res.out, cases[i].first_line,
		        strlen(cases[i].first_line)) != 0)
			print_message("case %zu: first line %.*s\n", i,
			    (int)(nl - res.out), res.out);
		assert_int_equal(nl - res.out, strlen(cases[i].first_line));
		assert_memory_equal(
		    res.out, cases[i].first_line, strlen(cases[i].first_line));
		assert_int_equal(count_lines(res.out, res.len), cases[i].lines);
		free(res.out);
	}
}

/*
 * --map pairs: one that names no column the rules or reports look for,
 * or a column mapped twice, makes screen_new() fail with err filled and
 * no warning; a good one binds a header of another name, which without
 * it is refused, and one for a report's column shows in the report.
 */
static void
test_maps(void **state)
{
	static const struct column_map no_column[] = { { "nope", "X" } };
	static const struct column_map twice[] = {
		{ "us_citizen", "Citizenship" },
		{ "US Citizen", "Other" },
	};
	static const struct column_map good[] = {
		{ "us_citizen", "Citizenship" },
	};
	static const struct column_map optional[] = {
		{ "applicant_id", "full_name" },
	};
	static const struct {
		const struct column_map *maps;
		size_t nmaps;
		int want_new;
		const char *file;
		unsigned long counts[VERDICT_COUNT];
		int trouble;
		const char *in_out; /* a piece of the jsonl report, or NULL */
	} cases[] = {
		{ no_column, NELEM(no_column), 0, NULL, { 0 }, 0, NULL },
		{ twice, NELEM(twice), 0, NULL, { 0 }, 0, NULL },
		{ good, NELEM(good), 1, "renamed.csv", { 1, 1, 0, 0 }, 0,
		    "\"id\":\"M-2\",\"name\":\"Max Map\",\"status\":\"FAIL\"" },
		{ NULL, 0, 1, "renamed.csv", { 0, 0, 0, 0 }, 1, NULL },
		{ optional, NELEM(optional), 1, "small.csv", { 1, 1, 1, 0 }, 0,
		    "\"id\":\"Bob Baker\",\"name\":\"Bob Baker\"" },
	};
	struct screen_options sopt;
	struct warnings ws;
	struct rules *rules;
	struct report *rp;
	struct screen *sc;
	struct error err;
	struct run run;
	struct result res;
	size_t i;
	int v;

	(void)state;
	rules = rules_default(&err);
	assert_non_null(rules);
	for (i = 0; i < NELEM(cases); i++) {
		if (cases[i].want_new) {
			memset(&run, 0, sizeof(run));
			run.format = "jsonl";
			run.files[0] = cases[i].file;
			screen_run(&run, cases[i].maps, cases[i].nmaps, &res);
			for (v = 0; v < VERDICT_COUNT; v++)
				assert_int_equal(
				    res.counts[v], cases[i].counts[v]);
			assert_int_equal(res.trouble != 0, cases[i].trouble);
			if (cases[i].in_out != NULL)
				assert_non_null(
				    strstr(res.out, cases[i].in_out));
			free(res.out);
			continue;
		}
		rp = report_new(NULL, &(struct report_options){ 0 }, rules, 0);
		assert_non_null(rp);
		memset(&sopt, 0, sizeof(sopt));
		sopt.maps = cases[i].maps;
		sopt.nmaps = cases[i].nmaps;
		memset(&ws, 0, sizeof(ws));
		memset(&err, 0, sizeof(err));
		sc = screen_new(rules, rp, &sopt, on_warn, &ws, &err);
		assert_null(sc);
		assert_true(err.msg[0] != '\0');
		assert_int_equal(ws.n, 0);
		report_free(rp);
	}
	rules_free(rules);
	screen_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_trouble),
		cmocka_unit_test(test_max_warnings),
		cmocka_unit_test(test_plan),
		cmocka_unit_test(test_maps),
	};

	return cmocka_run_group_tests_name("screen", tests, setup, teardown);
}
