/*
 * main.c - the civpol-screen command: options, streams and exit statuses.
 *
 * This is the only file that sees argv, prints to stderr or exits.  It
 * loads a rule set (rules.h), opens each input with the reader (reader.h),
 * binds the header's columns (header.h), judges every record and hands
 * the decisions to a report (report.h), then turns what happened into one
 * of three exit statuses.  The option table below is the one place that
 * options are defined: getopt_long's arguments and --help are made from
 * it, and a test checks the man page against --help.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "error.h"
#include "header.h"
#include "reader.h"
#include "report.h"
#include "rules.h"
#include "value.h"

#define PROG "civpol-screen"

/* Exit statuses: see the man page and --help. */
enum {
	EXIT_PASS = 0, /* every record is PASS (--expect: all matched) */
	EXIT_REJECT = 1, /* a FAIL or REVIEW (--expect: a mismatch) */
	EXIT_TROUBLE = 2 /* usage, input, rules or write error, or an ERROR */
};

#define RULES_FILE_MAX ((size_t)1024 * 1024)
/* Room for a file name as messages show it (error_name()). */
#define NAME_SHOWN_MAX 4096
#define OUT_BUFSIZE ((size_t)64 * 1024)
#define MAX_FIELD_LIMIT ((size_t)256 * 1024 * 1024)

/* Long-only options get codes above the range of short ones. */
enum {
	OPT_AS_OF = 256,
	OPT_COLOR,
	OPT_ENCODING,
	OPT_EXPECT,
	OPT_MAP,
	OPT_MAX_FIELD,
	OPT_NO_GUARD,
	OPT_ONLY,
	OPT_PRINT_RULES,
	OPT_RULES,
	OPT_SUMMARY
};

struct option_doc {
	const char *name; /* long name */
	int code; /* short letter, or an OPT_ code */
	int has_arg; /* no_argument, required_argument, optional_argument */
	const char *arg; /* the argument's name in --help */
	const char *help; /* one line */
	/* Or, for a line made from a table, what writes it into buf. */
	const char *(*describe)(char *buf, size_t size);
};

static const char *describe_formats(char *buf, size_t size);

/* Every option, in the order --help lists them. */
static const struct option_doc options[] = {
	{ "as-of", OPT_AS_OF, required_argument, "DATE",
	    "judge as of DATE (YYYY-MM-DD), not today", NULL },
	{ "color", OPT_COLOR, optional_argument, "WHEN",
	    "colour the status: auto (default), always, never", NULL },
	{ "delimiter", 'd', required_argument, "CHAR",
	    "delimiter: , ; | or tab (default: from the header)", NULL },
	{ "encoding", OPT_ENCODING, required_argument, "NAME",
	    "input encoding, e.g. windows-1252 (default: UTF-8)", NULL },
	{ "expect", OPT_EXPECT, no_argument, NULL,
	    "print where decisions differ from expected_status", NULL },
	{ "format", 'f', required_argument, "FORMAT", NULL, describe_formats },
	{ "help", 'h', no_argument, NULL, "print this help and exit", NULL },
	{ "map", OPT_MAP, required_argument, "COL=HEADER",
	    "read column COL from header HEADER", NULL },
	{ "max-field-size", OPT_MAX_FIELD, required_argument, "N",
	    "longest field in bytes, K or M suffix (default 1M)", NULL },
	{ "no-formula-guard", OPT_NO_GUARD, no_argument, NULL,
	    "csv: write cells starting with = + - @ untouched", NULL },
	{ "only", OPT_ONLY, required_argument, "STATUS",
	    "print only pass, fail, review or error records", NULL },
	{ "output", 'o', required_argument, "FILE",
	    "write the report to FILE, not standard output", NULL },
	{ "print-rules", OPT_PRINT_RULES, no_argument, NULL,
	    "print the rule set in force and exit", NULL },
	{ "quiet", 'q', no_argument, NULL,
	    "print nothing; the exit status tells", NULL },
	{ "rules", OPT_RULES, required_argument, "FILE",
	    "screen with the rules in FILE (default: built in)", NULL },
	{ "summary", OPT_SUMMARY, no_argument, NULL, "print only the summary",
	    NULL },
	{ "version", 'V', no_argument, NULL, "print the version and exit",
	    NULL },
};
#define NOPTIONS (sizeof(options) / sizeof(options[0]))

static const char usage_text[] =
    "usage: " PROG " [-hqV] [-d char] [-f format] [-o file] [--as-of date]\n"
    "                     [--rules file] [--map col=header] [file ...]\n";

struct config {
	struct report_options report;
	struct reader_options reader;
	const char *output;
	const char *rules_file;
	const char *color;
	int print_rules;
	int quiet;
	int expect;
	int as_of_given;
	int32_t as_of;
	struct column_map *maps;
	size_t nmaps;
};

/*
 * strerror(e) with its first letter lower-cased, as every message here
 * is.  Borrowed: valid until the next call.
 */
static const char *
errtext(int e)
{
	static char buf[128];

	return error_errno(e, buf, sizeof(buf));
}

/*
 * Writes the screening formats' names into buf (size bytes), joined
 * with sep and, before the last, last; returns buf.
 */
static const char *
format_names(char *buf, size_t size, const char *sep, const char *last,
    const char *first_note)
{
	const char *name;
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; (name = report_format_name(i)) != NULL && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s%s",
		    i == 0                                  ? ""
		        : report_format_name(i + 1) == NULL ? last
		                                            : sep,
		    name, i == 0 ? first_note : "");
	return buf;
}

/* --format's help line: "report format: text (default), csv, jsonl". */
static const char *
describe_formats(char *buf, size_t size)
{
	char names[256];

	(void)snprintf(buf, size, "report format: %s",
	    format_names(names, sizeof(names), ", ", ", ", " (default)"));
	return buf;
}

/* Prints "civpol-screen: FILE:LINE: message" for err to stderr. */
static void
warn_error(const struct error *err)
{
	char name[NAME_SHOWN_MAX];

	if (err->file != NULL && err->line > 0)
		fprintf(stderr, PROG ": %s:%lu: %s\n",
		    error_name(name, sizeof(name), err->file), err->line,
		    err->msg);
	else if (err->file != NULL)
		fprintf(stderr, PROG ": %s: %s\n",
		    error_name(name, sizeof(name), err->file), err->msg);
	else
		fprintf(stderr, PROG ": %s\n", err->msg);
}

/* Prints a usage error and the synopsis to stderr; returns EXIT_TROUBLE. */
#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
static int
usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs(PROG ": ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\n", stderr);
	fputs(usage_text, stderr);
	return EXIT_TROUBLE;
}

static int
print_help(void)
{
	char left[64], line[256];
	size_t i;

	fputs(usage_text, stdout);
	fputs(
	    "\nScreen applicants for international civilian police (CIVPOL)"
	    " service\nagainst the minimum qualifications, reading CSV records"
	    " from each FILE\n(standard input when none, or -).\n\n",
	    stdout);
	for (i = 0; i < NOPTIONS; i++) {
		const struct option_doc *o = &options[i];
		int n;

		if (o->code < 256)
			n = snprintf(
			    left, sizeof(left), "-%c, --%s", o->code, o->name);
		else
			n = snprintf(left, sizeof(left), "    --%s", o->name);
		if (o->arg != NULL && n > 0 && (size_t)n < sizeof(left))
			(void)snprintf(left + n, sizeof(left) - (size_t)n,
			    o->has_arg == optional_argument ? "[=%s]" : " %s",
			    o->arg);
		printf("  %-26s %s\n", left,
		    o->help != NULL ? o->help
		                    : o->describe(line, sizeof(line)));
	}
	fputs(
	    "\nExit status:\n"
	    "  0  every record is PASS (with --expect: every record matched)\n"
	    "  1  at least one FAIL or REVIEW (with --expect: a mismatch)\n"
	    "  2  a usage error, an unreadable input, a bad rules file, a write"
	    " error,\n     or a malformed (ERROR) record\n",
	    stdout);
	fputs("\nExamples:\n"
	      "  " PROG " --format csv applicants.csv > screened.csv\n"
	      "  " PROG " --only fail --format jsonl < applicants.csv"
	      " | jq -r .name\n",
	    stdout);
	return EXIT_PASS;
}

/* Parses a --max-field-size value: digits, then an optional K or M. */
static int
parse_size(const char *s, size_t *out)
{
	size_t v = 0, mult = 1;

	if (*s < '0' || *s > '9')
		return -1;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (v > (MAX_FIELD_LIMIT - (size_t)(*s - '0')) / 10)
			return -1;
		v = v * 10 + (size_t)(*s - '0');
	}
	if (*s == 'K' || *s == 'k')
		mult = 1024;
	else if (*s == 'M' || *s == 'm')
		mult = (size_t)1024 * 1024;
	if (mult != 1)
		s++;
	if (*s != '\0' || v == 0 || v > MAX_FIELD_LIMIT / mult)
		return -1;
	*out = v * mult;
	return 0;
}

static int
parse_delimiter(const char *s)
{
	if (strcmp(s, "tab") == 0 || strcmp(s, "\\t") == 0 ||
	    strcmp(s, "\t") == 0)
		return '\t';
	if (strcmp(s, ",") == 0 || strcmp(s, ";") == 0 || strcmp(s, "|") == 0)
		return (unsigned char)s[0];
	return -1;
}

static int
parse_only(const char *s, unsigned *mask)
{
	enum verdict v = verdict_parse(s, strlen(s));

	if (v == VERDICT_COUNT)
		return -1;
	*mask |= 1u << v;
	return 0;
}

static int32_t
today(void)
{
	time_t now = time(NULL);
	struct tm tm;

	if (localtime_r(&now, &tm) == NULL)
		return value_days_from_civil(1970, 1, 1);
	return value_days_from_civil(
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/*
 * Parses argv into cfg.  Returns -1 to go on, or an exit status.
 * cfg->maps is allocated; the caller frees it.
 */
static int
parse_options(int argc, char **argv, struct config *cfg)
{
	struct option longopts[NOPTIONS + 1];
	char shortopts[2 * NOPTIONS + 2], names[256];
	size_t i, ns = 0;
	int c, rc;

	shortopts[ns++] = ':';
	for (i = 0; i < NOPTIONS; i++) {
		longopts[i].name = options[i].name;
		longopts[i].has_arg = options[i].has_arg;
		longopts[i].flag = NULL;
		longopts[i].val = options[i].code;
		if (options[i].code < 256) {
			shortopts[ns++] = (char)options[i].code;
			if (options[i].has_arg == required_argument)
				shortopts[ns++] = ':';
		}
	}
	longopts[NOPTIONS] = (struct option){ NULL, 0, NULL, 0 };
	shortopts[ns] = '\0';

	opterr = 0;
	while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		switch (c) {
		case OPT_AS_OF:
			rc = value_parse_iso(optarg, &cfg->as_of);
			if (rc == -2)
				return usage_error("invalid --as-of date \"%s\""
				                   " (expected 1900 or later)",
				    optarg);
			if (rc != 0)
				return usage_error(
				    "invalid --as-of date \"%s\""
				    " (expected a real date, YYYY-MM-DD)",
				    optarg);
			cfg->as_of_given = 1;
			break;
		case OPT_COLOR:
			cfg->color = optarg != NULL ? optarg : "always";
			if (strcmp(cfg->color, "auto") != 0 &&
			    strcmp(cfg->color, "always") != 0 &&
			    strcmp(cfg->color, "never") != 0)
				return usage_error(
				    "invalid --color \"%s\""
				    " (expected auto, always or never)",
				    optarg);
			break;
		case 'd':
			cfg->reader.csv.delimiter = parse_delimiter(optarg);
			if (cfg->reader.csv.delimiter < 0)
				return usage_error("invalid delimiter \"%s\""
				                   " (expected , ; | or tab)",
				    optarg);
			break;
		case OPT_ENCODING:
			cfg->reader.csv.encoding = optarg;
			break;
		case OPT_EXPECT:
			cfg->expect = 1;
			break;
		case 'f':
			cfg->report.format = report_format_find(optarg, 0);
			if (cfg->report.format == NULL)
				return usage_error(
				    "invalid format \"%s\" (expected %s)",
				    optarg,
				    format_names(names, sizeof(names), ", ",
				        " or ", ""));
			break;
		case 'h':
			return print_help();
		case OPT_MAP: {
			const char *eq = strchr(optarg, '=');
			struct column_map *m;

			if (eq == NULL || eq == optarg || eq[1] == '\0')
				return usage_error("invalid --map \"%s\""
				                   " (expected COLUMN=HEADER)",
				    optarg);
			m = realloc(cfg->maps, (cfg->nmaps + 1) * sizeof(*m));
			if (m == NULL)
				return usage_error("out of memory");
			cfg->maps = m;
			/* The column is optarg up to '='; cut it there. */
			optarg[eq - optarg] = '\0';
			m[cfg->nmaps].column = optarg;
			m[cfg->nmaps].header = eq + 1;
			cfg->nmaps++;
			break;
		}
		case OPT_MAX_FIELD:
			if (parse_size(optarg, &cfg->reader.max_field_size) !=
			    0)
				return usage_error(
				    "invalid --max-field-size \"%s\""
				    " (expected 1 to 256M bytes)",
				    optarg);
			break;
		case OPT_NO_GUARD:
			cfg->report.formula_guard = 0;
			break;
		case OPT_ONLY:
			if (parse_only(optarg, &cfg->report.only) != 0)
				return usage_error(
				    "invalid --only \"%s\""
				    " (expected pass, fail, review or error)",
				    optarg);
			break;
		case 'o':
			cfg->output = optarg;
			break;
		case OPT_PRINT_RULES:
			cfg->print_rules = 1;
			break;
		case 'q':
			cfg->quiet = 1;
			break;
		case OPT_RULES:
			cfg->rules_file = optarg;
			break;
		case OPT_SUMMARY:
			cfg->report.summary_only = 1;
			break;
		case 'V':
			puts(PROG " " CIVPOL_VERSION);
			return EXIT_PASS;
		case ':':
			if (optopt != 0 && optopt < 256)
				return usage_error("option \"-%c\" needs an"
				                   " argument",
				    optopt);
			return usage_error("option \"%s\" needs an argument",
			    argv[optind - 1]);
		default:
			if (optopt != 0 && optopt < 256)
				return usage_error(
				    "unknown option \"-%c\"", optopt);
			return usage_error(
			    "unknown option \"%s\"", argv[optind - 1]);
		}
	}
	return -1;
}

/*
 * Reads the rules file at path into a new rule set, or NULL with err
 * filled.  The caller frees the result with rules_free().
 */
static struct rules *
load_rules(const char *path, struct error *err)
{
	struct rules *r = NULL;
	FILE *f;
	char *buf;
	size_t n;

	f = fopen(path, "rb");
	if (f == NULL) {
		error_set(
		    err, path, 0, "cannot open rules file: %s", errtext(errno));
		return NULL;
	}
	buf = malloc(RULES_FILE_MAX + 1);
	if (buf == NULL) {
		fclose(f);
		error_set(err, path, 0, "out of memory");
		return NULL;
	}
	n = fread(buf, 1, RULES_FILE_MAX + 1, f);
	if (ferror(f))
		error_set(
		    err, path, 0, "cannot read rules file: %s", errtext(errno));
	else if (n > RULES_FILE_MAX)
		error_set(err, path, 0, "rules file larger than %zu bytes",
		    RULES_FILE_MAX);
	else
		r = rules_parse(buf, n, path, err);
	free(buf);
	fclose(f);
	return r;
}

/* Nonzero when the input at path may keep us waiting (a pipe, a tty). */
static int
interactive_input(const char *path)
{
	struct stat st;
	int rc;

	if (strcmp(path, "-") == 0)
		rc = fstat(STDIN_FILENO, &st);
	else
		rc = stat(path, &st);
	return rc == 0 && !S_ISREG(st.st_mode);
}

struct run {
	const struct config *cfg;
	const struct rules *rules;
	struct report *report;
	FILE *out;
	struct column_want *wants;
	size_t nwants, nrule_cols;
	size_t *index; /* field index of each want */
	struct finding *findings; /* rules_count() of them */
	int trouble; /* an error that makes the status 2 */
	int write_failed;
	int write_errno;
};

/* The optional columns that reports use, after the rules' own. */
static const char *const report_column_names[] = { "applicant_id", "full_name",
	"expected_status", "expected_failed" };
#define NREPORT_COLUMNS 4

/* Notes a failed write (rc != 0) and its errno, the first one only. */
static int
note_write(struct run *run, int rc)
{
	if (rc != 0 && !run->write_failed) {
		run->write_failed = 1;
		run->write_errno = errno;
	}
	return rc;
}

/*
 * Says once, after an input, that bytes with no character in its
 * encoding were read as U+FFFD, and where the first was.
 */
static void
warn_replaced(const struct reader *rd, const char *name)
{
	const char *encoding;
	unsigned long line, n = reader_replaced(rd, &line, &encoding);
	struct error err;

	if (n == 0)
		return;
	error_set(&err, name, line,
	    "%lu byte sequence%s with no character in %s read as U+FFFD%s", n,
	    n == 1 ? "" : "s",
	    encoding != NULL ? encoding : "the input's encoding",
	    line > 0 ? ", the first here" : "");
	warn_error(&err);
}

/* Screens every record of one input; a failure to open or bind is noted. */
static void
screen_file(struct run *run, const char *path)
{
	const struct config *cfg = run->cfg;
	const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	struct report_columns cols;
	struct reader *rd;
	struct record rec;
	struct error err;
	enum reader_status st;
	int flush_each = interactive_input(path);

	rd = reader_open(path, name, &cfg->reader, &err);
	if (rd == NULL) {
		warn_error(&err);
		run->trouble = 1;
		return;
	}
	st = reader_next(rd, &rec, &err);
	if (st == READER_EOF)
		goto done;
	if (st != READER_OK) {
		warn_error(&err);
		if (st == READER_BAD_RECORD) {
			error_set(&err, name, 0,
			    "cannot read the header; skipping the file");
			warn_error(&err);
		}
		run->trouble = 1;
		goto done;
	}
	if (header_bind(&rec, run->wants, run->nwants, cfg->maps, cfg->nmaps,
	        run->index, &err) != 0) {
		warn_error(&err);
		run->trouble = 1;
		goto done;
	}
	cols.id = run->index[run->nrule_cols];
	cols.name = run->index[run->nrule_cols + 1];
	cols.expected_status = run->index[run->nrule_cols + 2];
	cols.expected_failed = run->index[run->nrule_cols + 3];
	if (cfg->expect && cols.expected_status == HEADER_ABSENT) {
		error_set(&err, name, rec.line,
		    "--expect needs an expected_status column");
		warn_error(&err);
		run->trouble = 1;
		goto done;
	}
	if (note_write(run, report_file(run->report, &rec, &cols)) != 0)
		goto done;

	for (;;) {
		enum verdict v;

		st = reader_next(rd, &rec, &err);
		if (st == READER_EOF)
			break;
		if (st == READER_FAIL) {
			warn_error(&err);
			run->trouble = 1;
			break;
		}
		if (st == READER_BAD_RECORD) {
			warn_error(&err);
			if (note_write(run,
			        report_error(run->report, &rec, err.msg)) != 0)
				break;
		} else {
			v = rules_judge(run->rules, &rec, run->index,
			    cfg->as_of, run->findings);
			if (note_write(run,
			        report_record(run->report, &rec, run->index, v,
			            run->findings)) != 0)
				break;
		}
		if (flush_each && run->out != NULL &&
		    note_write(run, report_flush(run->report)) != 0)
			break;
	}
done:
	if (reader_saw_bad_utf8(rd))
		report_note_bad_utf8(run->report);
	warn_replaced(rd, name);
	reader_free(rd);
}

/* Sets up the column wants: the rules' columns, then the reports'. */
static int
setup_wants(struct run *run, struct error *err)
{
	const struct column_want *rc;
	size_t n, i;

	rc = rules_columns(run->rules, &n);
	run->nrule_cols = n;
	run->nwants = n + NREPORT_COLUMNS;
	run->wants = calloc(run->nwants, sizeof(*run->wants));
	run->index = calloc(run->nwants, sizeof(*run->index));
	run->findings =
	    calloc(rules_count(run->rules) + 1, sizeof(*run->findings));
	if (run->wants == NULL || run->index == NULL || run->findings == NULL)
		return error_set(err, NULL, 0, "out of memory");
	for (i = 0; i < n; i++)
		run->wants[i] = rc[i];
	for (i = 0; i < NREPORT_COLUMNS; i++) {
		run->wants[n + i].name = report_column_names[i];
		run->wants[n + i].required = 0;
	}
	return header_check_maps(
	    run->wants, run->nwants, run->cfg->maps, run->cfg->nmaps, err);
}

static int
use_color(const struct config *cfg)
{
	const char *nc;

	if (strcmp(cfg->color, "always") == 0)
		return 1;
	if (strcmp(cfg->color, "never") == 0 || cfg->output != NULL)
		return 0;
	nc = getenv("NO_COLOR");
	if (nc != NULL && nc[0] != '\0')
		return 0;
	return isatty(STDOUT_FILENO);
}

/* Writes the rule set's text to stdout. */
static int
print_rules(const struct rules *r)
{
	size_t len;
	const char *text = rules_text(r, &len);

	if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0) {
		fprintf(stderr, PROG ": write error: %s\n", errtext(errno));
		return EXIT_TROUBLE;
	}
	return EXIT_PASS;
}

static int
screen(struct config *cfg, struct rules *rules, int nfiles, char **files)
{
	char dash[] = "-";
	char *stdin_only[] = { dash };
	struct run run;
	struct error err;
	int i, status;

	memset(&run, 0, sizeof(run));
	run.cfg = cfg;
	rules_prepare(rules, cfg->as_of);
	run.rules = rules;
	if (setup_wants(&run, &err) != 0) {
		fprintf(stderr, PROG ": %s\n", err.msg);
		status = EXIT_TROUBLE;
		goto out;
	}
	if (!cfg->quiet) {
		if (cfg->output != NULL) {
			run.out = fopen(cfg->output, "w");
			if (run.out == NULL) {
				fprintf(stderr,
				    PROG ": %s: cannot open for"
				         " writing: %s\n",
				    cfg->output, errtext(errno));
				status = EXIT_TROUBLE;
				goto out;
			}
		} else
			run.out = stdout;
		(void)setvbuf(run.out, NULL, _IOFBF, OUT_BUFSIZE);
		cfg->report.color =
		    report_format_takes(cfg->report.format, FORMAT_COLOR) &&
		    use_color(cfg);
	}
	if (cfg->expect)
		cfg->report.format = report_format_find("text", 1);
	/* Quiet, the report writes nothing, but it still counts and
	 * compares. */
	run.report = report_new(run.out, &cfg->report, rules, cfg->as_of);
	if (run.report == NULL) {
		fprintf(stderr, PROG ": out of memory\n");
		status = EXIT_TROUBLE;
		goto out;
	}

	if (nfiles == 0) {
		nfiles = 1;
		files = stdin_only;
	}
	for (i = 0; i < nfiles && !run.write_failed; i++)
		screen_file(&run, files[i]);

	if (!run.write_failed)
		(void)note_write(&run, report_finish(run.report));
	if (run.out != NULL) {
		(void)note_write(&run, fflush(run.out));
		(void)note_write(&run, ferror(run.out) ? -1 : 0);
		if (run.out != stdout)
			(void)note_write(&run, fclose(run.out));
		run.out = NULL;
	}

	if (run.write_failed) {
		fprintf(stderr, PROG ": %s: write error: %s\n",
		    cfg->output != NULL ? cfg->output : "<stdout>",
		    errtext(run.write_errno));
		status = EXIT_TROUBLE;
	} else if (cfg->expect)
		status = run.trouble                    ? EXIT_TROUBLE
		    : report_mismatches(run.report) > 0 ? EXIT_REJECT
		                                        : EXIT_PASS;
	else if (run.trouble || report_count(run.report, VERDICT_ERROR) > 0)
		status = EXIT_TROUBLE;
	else if (report_count(run.report, VERDICT_FAIL) > 0 ||
	    report_count(run.report, VERDICT_REVIEW) > 0)
		status = EXIT_REJECT;
	else
		status = EXIT_PASS;
out:
	report_free(run.report);
	if (run.out != NULL && run.out != stdout)
		fclose(run.out);
	free(run.wants);
	free(run.index);
	free(run.findings);
	return status;
}

int
main(int argc, char **argv)
{
	struct config cfg;
	struct rules *rules;
	struct error err;
	int status;

	memset(&cfg, 0, sizeof(cfg));
	cfg.report.format = report_format_find(report_format_name(0), 0);
	cfg.report.formula_guard = 1;
	cfg.color = "auto";

	status = parse_options(argc, argv, &cfg);
	if (status >= 0) {
		free(cfg.maps);
		return status;
	}
	if (cfg.expect && cfg.report.summary_only) {
		free(cfg.maps);
		return usage_error("--expect and --summary do not go together");
	}
	if (cfg.report.summary_only &&
	    !report_format_takes(cfg.report.format, FORMAT_SUMMARY)) {
		free(cfg.maps);
		return usage_error("--summary prints the text summary; it does"
		                   " not go with --format %s",
		    report_format_title(cfg.report.format));
	}
	if (!cfg.as_of_given)
		cfg.as_of = today();

	if (cfg.rules_file != NULL)
		rules = load_rules(cfg.rules_file, &err);
	else
		rules = rules_default(&err);
	if (rules == NULL) {
		warn_error(&err);
		free(cfg.maps);
		return EXIT_TROUBLE;
	}
	if (cfg.print_rules)
		status = print_rules(rules);
	else
		status = screen(&cfg, rules, argc - optind, argv + optind);
	rules_free(rules);
	free(cfg.maps);
	return status;
}
