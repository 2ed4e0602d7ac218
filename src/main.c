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
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "error.h"
#include "fixture.h"
#include "header.h"
#include "outfile.h"
#include "profile.h"
#include "reader.h"
#include "report.h"
#include "rules.h"
#include "screen.h"
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
/* Malformed records warned of one by one in an input; then a count. */
#define MAX_RECORD_WARNINGS 100

/* Long-only options get codes above the range of short ones. */
enum {
	OPT_AS_OF = 256,
	OPT_COLOR,
	OPT_COMPARE_RULES,
	OPT_COMPLETION,
	OPT_ENCODING,
	OPT_EXPECT,
	OPT_HEADER_NAMES,
	OPT_LIST_RULES,
	OPT_MAP,
	OPT_MAX_FIELD,
	OPT_NO_GUARD,
	OPT_ONLY,
	OPT_PRINT_RULES,
	OPT_PROFILE,
	OPT_RULES,
	OPT_SHEET,
	OPT_SUMMARY,
	OPT_UPDATE
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
	{ "compare-rules", OPT_COMPARE_RULES, required_argument, "OLD",
	    "show whose decision changes from rule set OLD", NULL },
	{ "completion", OPT_COMPLETION, required_argument, "SHELL",
	    "print the bash or zsh completion script, and exit", NULL },
	{ "delimiter", 'd', required_argument, "CHAR",
	    "delimiter: , ; | or tab (default: from the header)", NULL },
	{ "encoding", OPT_ENCODING, required_argument, "NAME",
	    "input encoding, e.g. windows-1252 (default: UTF-8)", NULL },
	{ "expect", OPT_EXPECT, no_argument, NULL,
	    "check expected_status; -f text, junit, tap or jsonl", NULL },
	{ "format", 'f', required_argument, "FORMAT", NULL, describe_formats },
	{ "header-names", OPT_HEADER_NAMES, required_argument, "NAMES",
	    "no header line: its columns are NAMES (a,b,...)", NULL },
	{ "help", 'h', no_argument, NULL, "print this help and exit", NULL },
	{ "list-rules", OPT_LIST_RULES, no_argument, NULL,
	    "list the rule sets built in, and exit", NULL },
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
	{ "profile", OPT_PROFILE, required_argument, "FILE",
	    "map headers and words as the profile in FILE says", NULL },
	{ "quiet", 'q', no_argument, NULL,
	    "print nothing; the exit status tells", NULL },
	{ "rules", OPT_RULES, required_argument, "NAME|FILE",
	    "screen with set NAME or rules FILE (civpol-2008)", NULL },
	{ "sheet", OPT_SHEET, required_argument, "NAME|N",
	    "workbook sheet to screen, by name or number", NULL },
	{ "summary", OPT_SUMMARY, no_argument, NULL, "print only the summary",
	    NULL },
	{ "update", OPT_UPDATE, no_argument, NULL,
	    "rewrite each FILE's expected_ columns as decided", NULL },
	{ "version", 'V', no_argument, NULL, "print the version and exit",
	    NULL },
};
#define NOPTIONS (sizeof(options) / sizeof(options[0]))

static const char usage_text[] =
    "usage: " PROG " [-hqV] [-d char] [-f format] [-o file] [--as-of date]\n"
    "                     [--rules name|file] [--profile file]\n"
    "                     [--map col=header] [file ...]\n";

struct config {
	struct report_options report;
	struct reader_options reader;
	const char *output;
	const char *format_name; /* -f, found once --expect is known */
	const char *rules_file;
	const char *compare_rules; /* --compare-rules OLD */
	const char *profile_file;
	const char *color;
	int print_rules;
	int list_rules;
	int update;
	int quiet;
	int expect;
	int as_of_given;
	int32_t as_of;
	struct column_map *maps;
	size_t nmaps;
	struct field *header_names;
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
format_names(char *buf, size_t size, int expect, const char *sep,
    const char *last, const char *first_note)
{
	const char *name;
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0;
	     (name = report_format_name(i, expect)) != NULL && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s%s",
		    i == 0                                          ? ""
		        : report_format_name(i + 1, expect) == NULL ? last
		                                                    : sep,
		    name, i == 0 ? first_note : "");
	return buf;
}

/* --format's help line: "format: text (default), csv, jsonl". */
static const char *
describe_formats(char *buf, size_t size)
{
	char names[256];

	(void)snprintf(buf, size, "format: %s",
	    format_names(names, sizeof(names), 0, ", ", ", ", " (default)"));
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
	    " or an Excel\nworkbook's (.xlsx) rows from each FILE (standard"
	    " input when none, or -).\n\n",
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
	      "  " PROG " --format xlsx -o screened.xlsx applicants.csv\n"
	      "  " PROG " --only fail --format jsonl < applicants.csv"
	      " | jq -r .name\n",
	    stdout);
	return EXIT_PASS;
}

/*
 * What a shell completes an option's argument with, by the argument's
 * name in the table: words (a format, a status), files, or nothing.
 */
enum completes { COMPLETE_NOTHING, COMPLETE_WORDS, COMPLETE_FILES };

/* The words an argument named arg completes to, joined with spaces. */
static enum completes
completion_of(const char *arg, char *words, size_t size)
{
	const char *s;
	size_t i, len = 0;
	int kind;

	words[0] = '\0';
	if (arg == NULL)
		return COMPLETE_NOTHING;
	if (strcmp(arg, "FILE") == 0)
		return COMPLETE_FILES;
	if (strcmp(arg, "STATUS") == 0) {
		(void)snprintf(words, size, "pass fail review error");
		return COMPLETE_WORDS;
	}
	if (strcmp(arg, "WHEN") == 0) {
		(void)snprintf(words, size, "auto always never");
		return COMPLETE_WORDS;
	}
	if (strcmp(arg, "SHELL") == 0) {
		(void)snprintf(words, size, "bash zsh");
		return COMPLETE_WORDS;
	}
	if (strcmp(arg, "FORMAT") == 0) {
		/* Every kind's names, each once. */
		for (kind = REPORT_KIND_SCREEN; kind <= REPORT_KIND_COMPARE;
		     kind++)
			for (i = 0; (s = report_format_name(i, kind)) != NULL;
			     i++) {
				if (strstr(words, s) != NULL)
					continue;
				len += (size_t)snprintf(words + len,
				    len < size ? size - len : 0, "%s%s",
				    len > 0 ? " " : "", s);
			}
		return COMPLETE_WORDS;
	}
	if (strcmp(arg, "NAME|FILE") == 0 || strcmp(arg, "OLD") == 0) {
		for (i = 0; (s = rules_shipped_name(i)) != NULL; i++)
			len += (size_t)snprintf(words + len,
			    len < size ? size - len : 0, "%s%s",
			    len > 0 ? " " : "", s);
		return COMPLETE_WORDS;
	}
	return COMPLETE_NOTHING;
}

/* The bash completion script: every option, and its argument's words. */
static void
completion_bash(void)
{
	char words[512];
	size_t i;

	printf("# bash completion for " PROG ", made by `" PROG
	       " --completion bash`\n"
	       "# from its option table.\n"
	       "_civpol_screen()\n{\n"
	       "\tlocal cur=${COMP_WORDS[COMP_CWORD]} "
	       "prev=${COMP_WORDS[COMP_CWORD-1]}\n"
	       "\tcase $prev in\n");
	for (i = 0; i < NOPTIONS; i++) {
		const struct option_doc *o = &options[i];
		enum completes c = completion_of(o->arg, words, sizeof(words));

		if (o->has_arg != required_argument)
			continue;
		printf("\t");
		if (o->code < 256)
			printf("-%c|", o->code);
		printf("--%s)\n", o->name);
		if (c == COMPLETE_FILES)
			printf("\t\tCOMPREPLY=($(compgen -f -- \"$cur\"))\n");
		else if (c == COMPLETE_WORDS)
			printf("\t\tCOMPREPLY=($(compgen -W \"%s\" -- \"$cur\")"
			       "%s)\n",
			    words,
			    strchr(o->arg, '|') != NULL ||
			            strcmp(o->arg, "OLD") == 0
			        ? " $(compgen -f -- \"$cur\")"
			        : "");
		else
			printf("\t\tCOMPREPLY=()\n");
		printf("\t\treturn ;;\n");
	}
	printf("\tesac\n\tif [[ $cur == -* ]]; then\n"
	       "\t\tCOMPREPLY=($(compgen -W \"");
	for (i = 0; i < NOPTIONS; i++) {
		if (options[i].code < 256)
			printf("-%c ", options[i].code);
		printf("--%s%s", options[i].name, i + 1 < NOPTIONS ? " " : "");
	}
	printf("\" -- \"$cur\"))\n\t\treturn\n\tfi\n"
	       "\tCOMPREPLY=($(compgen -f -- \"$cur\"))\n}\n"
	       "complete -o filenames -F _civpol_screen " PROG "\n");
}

/* s for a zsh _arguments description: [ ] : and ' made harmless. */
static void
zsh_text(const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '[' || *s == ']' || *s == ':' || *s == '\\')
			putchar('\\');
		if (*s == '\'')
			fputs("'\\''", stdout);
		else
			putchar(*s);
	}
}

/* The zsh completion function, for _arguments. */
static void
completion_zsh(void)
{
	char words[512], line[256];
	const char *help;
	size_t i;

	printf("#compdef " PROG "\n"
	       "# zsh completion for " PROG ", made by `" PROG
	       " --completion zsh`\n"
	       "# from its option table.\n"
	       "_arguments -s \\\n");
	for (i = 0; i < NOPTIONS; i++) {
		const struct option_doc *o = &options[i];
		enum completes c = completion_of(o->arg, words, sizeof(words));

		help =
		    o->help != NULL ? o->help : o->describe(line, sizeof(line));
		printf("  '");
		if (o->code < 256)
			printf("(-%c --%s)'{-%c%s,--%s%s}'", o->code, o->name,
			    o->code, o->has_arg == required_argument ? "+" : "",
			    o->name,
			    o->has_arg == required_argument ? "=" : "");
		else
			printf("--%s%s", o->name,
			    o->has_arg == required_argument       ? "="
			        : o->has_arg == optional_argument ? "=-"
			                                          : "");
		printf("[");
		zsh_text(help);
		printf("]");
		if (o->has_arg != no_argument) {
			printf(":");
			zsh_text(o->arg);
			printf(":");
			if (c == COMPLETE_FILES)
				printf("_files");
			else if (c == COMPLETE_WORDS)
				printf("(%s)", words);
		}
		printf("' \\\n");
	}
	printf("  '*:file:_files'\n");
}

/* --completion SHELL. */
static int
print_completion(const char *shell)
{
	if (strcmp(shell, "bash") == 0)
		completion_bash();
	else if (strcmp(shell, "zsh") == 0)
		completion_zsh();
	else
		return usage_error(
		    "invalid shell \"%s\" for --completion (expected bash or "
		    "zsh)",
		    shell);
	return fflush(stdout) == 0 && !ferror(stdout) ? EXIT_PASS
	                                              : EXIT_TROUBLE;
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

/* Frees what parse_options() allocated in cfg. */
static void
config_release(struct config *cfg)
{
	free(cfg->maps);
	free(cfg->header_names);
}

/* The latest SOURCE_DATE_EPOCH taken: the end of the year 9999. */
#define EPOCH_MAX INT64_C(253402300799)

/*
 * When the run started, for the reports that say so: now, or the time
 * SOURCE_DATE_EPOCH gives (seconds since 1970-01-01 UTC, as reproducible
 * builds set it), so that a report can be made again byte for byte.
 * Returns 0, or -1 with err filled.
 */
static int
run_time(int64_t *t, struct error *err)
{
	const char *s = getenv("SOURCE_DATE_EPOCH"), *p;
	int64_t v = 0;

	if (s == NULL || s[0] == '\0') {
		*t = (int64_t)time(NULL);
		return 0;
	}
	for (p = s; *p >= '0' && *p <= '9'; p++) {
		v = v * 10 + (*p - '0');
		if (v > EPOCH_MAX)
			break;
	}
	if (p == s || *p != '\0')
		return error_set(err, NULL, 0,
		    "invalid SOURCE_DATE_EPOCH (expected seconds since"
		    " 1970-01-01, before the year 10000)");
	*t = v;
	return 0;
}

/*
 * Parses argv into cfg.  Returns -1 to go on, or an exit status.
 * cfg->maps and cfg->header_names are allocated; the caller frees them
 * with config_release().
 */
/*
 * --header-names: the names parted by commas, as fields viewing arg.
 * Returns 0, or -1 out of memory.
 */
static int
split_names(struct config *cfg, const char *arg)
{
	size_t n = 1, k = 0;
	const char *p, *comma;

	for (p = arg; *p != '\0'; p++)
		n += *p == ',';
	free(cfg->header_names);
	cfg->header_names = calloc(n, sizeof(*cfg->header_names));
	if (cfg->header_names == NULL)
		return -1;
	for (p = arg;; p = comma + 1) {
		comma = strchr(p, ',');
		cfg->header_names[k].ptr = p;
		cfg->header_names[k].len =
		    comma != NULL ? (size_t)(comma - p) : strlen(p);
		k++;
		if (comma == NULL)
			break;
	}
	cfg->reader.header_names = cfg->header_names;
	cfg->reader.nheader_names = n;
	return 0;
}

/*
 * The report's format, from -f among the screening formats, or with
 * --expect among the expect formats.  Returns -1 to go on, or an exit
 * status.
 */
static int
choose_format(struct config *cfg)
{
	const char *name = cfg->format_name;
	int kind = cfg->expect   ? REPORT_KIND_EXPECT
	    : cfg->compare_rules ? REPORT_KIND_COMPARE
	                         : REPORT_KIND_SCREEN;
	char names[256];

	if (cfg->expect && cfg->compare_rules != NULL)
		return usage_error(
		    "--expect and --compare-rules do not go together");
	if (name == NULL)
		name = report_format_name(0, kind);
	cfg->report.format = report_format_find(name, kind);
	if (cfg->report.format != NULL)
		return -1;
	if (kind == REPORT_KIND_SCREEN &&
	    report_format_find(name, REPORT_KIND_EXPECT) != NULL)
		return usage_error("--format %s goes with --expect", name);
	return usage_error("invalid format \"%s\"%s (expected %s)", name,
	    kind == REPORT_KIND_EXPECT        ? " for --expect"
	        : kind == REPORT_KIND_COMPARE ? " for --compare-rules"
	                                      : "",
	    format_names(names, sizeof(names), kind, ", ", " or ", ""));
}

static int
parse_options(int argc, char **argv, struct config *cfg)
{
	struct option longopts[NOPTIONS + 1];
	char shortopts[2 * NOPTIONS + 2];
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
		case OPT_COMPARE_RULES:
			cfg->compare_rules = optarg;
			break;
		case OPT_COMPLETION:
			return print_completion(optarg);
		case OPT_EXPECT:
			cfg->expect = 1;
			break;
		case 'f':
			cfg->format_name = optarg;
			break;
		case OPT_HEADER_NAMES:
			if (split_names(cfg, optarg) != 0)
				return usage_error(
				    "--header-names: out of memory");
			break;
		case 'h':
			return print_help();
		case OPT_LIST_RULES:
			cfg->list_rules = 1;
			break;
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
		case OPT_PROFILE:
			cfg->profile_file = optarg;
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
		case OPT_SHEET:
			if (optarg[0] == '\0')
				return usage_error(
				    "invalid --sheet \"\""
				    " (expected a sheet's name or"
				    " number)");
			cfg->reader.xlsx.sheet = optarg;
			break;
		case OPT_SUMMARY:
			cfg->report.summary_only = 1;
			break;
		case OPT_UPDATE:
			cfg->update = 1;
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
	return choose_format(cfg);
}

/*
 * Reads the file at path, a kind of file ("rules file") of at most
 * RULES_FILE_MAX bytes, into *buf and *n.  Returns 0, or -1 with err
 * filled.  The caller frees *buf.
 */
static int
load_text(const char *path, const char *kind, char **buf, size_t *n,
    struct error *err)
{
	FILE *f;

	f = fopen(path, "rb");
	if (f == NULL)
		return error_set(
		    err, path, 0, "cannot open %s: %s", kind, errtext(errno));
	*buf = malloc(RULES_FILE_MAX + 1);
	if (*buf == NULL) {
		fclose(f);
		return error_set(err, path, 0, "out of memory");
	}
	*n = fread(*buf, 1, RULES_FILE_MAX + 1, f);
	if (ferror(f) || *n > RULES_FILE_MAX) {
		if (ferror(f))
			error_set(err, path, 0, "cannot read %s: %s", kind,
			    errtext(errno));
		else
			error_set(err, path, 0, "%s larger than %zu bytes",
			    kind, RULES_FILE_MAX);
		free(*buf);
		fclose(f);
		return -1;
	}
	fclose(f);
	return 0;
}

/*
 * The rule set that --rules names: a set built in, or else a rules file
 * (./NAME reads a file that has a built-in set's name); the default
 * when none is named.  NULL with err filled when it cannot be had.  The
 * caller frees the result with rules_free().
 */
static struct rules *
load_rules(const char *name, struct error *err)
{
	struct rules *r;
	char *buf = NULL;
	size_t n = 0;

	if (name == NULL)
		return rules_default(err);
	if (strchr(name, '/') == NULL) {
		r = rules_shipped(name, err);
		if (r != NULL)
			return r;
	}
	if (load_text(name, "rules file", &buf, &n, err) != 0) {
		if (errno == ENOENT && strchr(name, '/') == NULL) {
			char names[256];
			size_t i, len = 0;
			const char *s;

			names[0] = '\0';
			for (i = 0; (s = rules_shipped_name(i)) != NULL &&
			     len < sizeof(names);
			     i++)
				len += (size_t)snprintf(names + len,
				    sizeof(names) - len, "%s%s",
				    i > 0 ? ", " : "", s);
			error_set(err, name, 0,
			    "no such rule set or rules file (built in: %s)",
			    names);
		}
		return NULL;
	}
	r = rules_parse(buf, n, name, err);
	free(buf);
	return r;
}

/*
 * The profile in the file at path, or NULL with err filled.  The caller
 * frees the result with profile_free().
 */
static struct profile *
load_profile(const char *path, struct error *err)
{
	struct profile *p;
	char *buf = NULL;
	size_t n = 0;

	if (load_text(path, "profile", &buf, &n, err) != 0)
		return NULL;
	p = profile_parse(buf, n, path, err);
	free(buf);
	return p;
}

/*
 * --list-rules: each built-in set's name, the name and hash it gives
 * itself, and where it comes from.
 */
static int
list_rules(void)
{
	struct rules *r;
	struct error err;
	const char *name, *source;
	size_t i;

	for (i = 0; (name = rules_shipped_name(i)) != NULL; i++) {
		r = rules_shipped(name, &err);
		if (r == NULL) {
			warn_error(&err);
			return EXIT_TROUBLE;
		}
		source = rules_source(r);
		printf("%-12s  %s (%s)%s\n  %s\n", name, rules_name(r),
		    rules_hash(r), i == 0 ? ", the default" : "",
		    source != NULL ? source : "");
		rules_free(r);
	}
	if (fflush(stdout) == 0 && !ferror(stdout))
		return EXIT_PASS;
	error_set(&err, NULL, 0, "standard output: %s",
	    errtext(errno != 0 ? errno : EIO));
	warn_error(&err);
	return EXIT_TROUBLE;
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

/*
 * The report file being written (-o), for on_signal() to remove: a run
 * killed by SIGINT, SIGTERM or SIGHUP leaves the target as it was.
 */
static const char *volatile tmp_path;
/* What on_signal() says then, made beforehand: write(2) is all that a
 * handler may use. */
static char killed_msg[NAME_SHOWN_MAX + 96];
static size_t killed_len;

static void
on_signal(int sig)
{
	const char *p = tmp_path;

	if (p != NULL) {
		(void)unlink(p);
		(void)!write(STDERR_FILENO, killed_msg, killed_len);
	}
	(void)signal(sig, SIG_DFL);
	(void)raise(sig);
}

/* Catches the signals that end a run, unless they are ignored (nohup). */
static void
catch_signals(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa, old;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	(void)sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		if (sigaction(sigs[i], NULL, &old) == 0 &&
		    old.sa_handler != SIG_IGN)
			(void)sigaction(sigs[i], &sa, NULL);
}

/*
 * Standard input, output and error, when closed at the start, are
 * opened on /dev/null, so that no file opened later takes their place
 * and gets diagnostics written into it.
 */
static void
open_std_fds(void)
{
	int fd, n;

	for (fd = 0; fd <= 2; fd++) {
		if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
			continue;
		n = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
		if (n >= 0 && n != fd) {
			(void)dup2(n, fd);
			(void)close(n);
		}
	}
}

/* Where the report goes: standard output, a file (-o), or nowhere (-q). */
struct sink {
	FILE *fp; /* NULL: nowhere */
	struct outfile file;
	int to_file;
};

/* Opens the sink the options say; 0, or -1 (said on stderr). */
static int
open_sink(const struct config *cfg, struct sink *sk)
{
	char name[NAME_SHOWN_MAX];
	struct error err;

	memset(sk, 0, sizeof(*sk));
	if (cfg->quiet)
		return 0;
	if (cfg->output == NULL) {
		sk->fp = stdout;
	} else {
		if (outfile_open(&sk->file, cfg->output, &err) != 0) {
			warn_error(&err);
			return -1;
		}
		sk->fp = sk->file.fp;
		sk->to_file = 1;
		error_name(name, sizeof(name), cfg->output);
		(void)snprintf(killed_msg, sizeof(killed_msg),
		    PROG ": %s: %s, as the run was killed\n", name,
		    outfile_replaces(&sk->file) ? "left as it was"
		                                : "not written");
		killed_len = strlen(killed_msg);
		tmp_path = outfile_tmp(&sk->file);
	}
	(void)setvbuf(sk->fp, NULL, _IOFBF, OUT_BUFSIZE);
	return 0;
}

/*
 * Ends the sink: a file is put in place when ok is set, else left out
 * with a line that says so.  errnum is a write error seen, or 0; why, when
 * not NULL, says what failed in words instead.  Returns 0, or -1 when
 * something failed (said on stderr).
 */
static int
close_sink(const struct config *cfg, struct sink *sk, int ok, int errnum,
    const char *why)
{
	char name[NAME_SHOWN_MAX];
	struct error err;
	int replaces, in_place;

	if (sk->fp == NULL)
		return 0;
	if (!sk->to_file) {
		if (errnum == 0 && why == NULL &&
		    (fflush(stdout) != 0 || ferror(stdout)))
			errnum = errno != 0 ? errno : EIO;
		if (why != NULL)
			fprintf(stderr, PROG ": <stdout>: %s\n", why);
		else if (errnum != 0)
			fprintf(stderr, PROG ": <stdout>: write error: %s\n",
			    errtext(errnum));
		return errnum != 0 || why != NULL ? -1 : 0;
	}
	replaces = outfile_replaces(&sk->file);
	in_place = outfile_tmp(&sk->file) == NULL;
	tmp_path = NULL;
	error_name(name, sizeof(name), cfg->output);
	if (why != NULL)
		fprintf(stderr, PROG ": %s: %s\n", name, why);
	else if (errnum != 0)
		fprintf(stderr, PROG ": %s: write error: %s\n", name,
		    errtext(errnum));
	if (errnum != 0 || why != NULL || (!ok && !in_place)) {
		outfile_abort(&sk->file);
		if (!in_place)
			fprintf(stderr,
			    PROG ": %s: %s, as the report is not "
			         "whole\n",
			    name, replaces ? "left as it was" : "not written");
		return -1;
	}
	if (outfile_commit(&sk->file, &err) != 0) {
		warn_error(&err);
		return -1;
	}
	return 0;
}

/* Writes the rule set's text to the sink. */
static int
print_rules(const struct config *cfg, const struct rules *r)
{
	struct sink sk;
	size_t len;
	const char *text = rules_text(r, &len);
	int e = 0;

	if (open_sink(cfg, &sk) != 0)
		return EXIT_TROUBLE;
	if (sk.fp != NULL && fwrite(text, 1, len, sk.fp) != len)
		e = errno != 0 ? errno : EIO;
	return close_sink(cfg, &sk, 1, e, NULL) == 0 ? EXIT_PASS : EXIT_TROUBLE;
}

/* The screen's warnings, on stderr. */
static void
warn_screen(void *ctx, enum screen_warning kind, const struct error *err)
{
	(void)ctx;
	(void)kind;
	warn_error(err);
}

/* The exit status of a run whose report is rp. */
static int
run_status(const struct config *cfg, const struct report *rp, int trouble)
{
	if (cfg->expect)
		return trouble || report_expect_errors(rp) > 0 ? EXIT_TROUBLE
		    : report_mismatches(rp) > 0                ? EXIT_REJECT
		                                               : EXIT_PASS;
	if (cfg->compare_rules != NULL)
		return trouble || report_count(rp, VERDICT_ERROR) > 0
		    ? EXIT_TROUBLE
		    : report_changed(rp) > 0 ? EXIT_REJECT
		                             : EXIT_PASS;
	if (trouble || report_count(rp, VERDICT_ERROR) > 0)
		return EXIT_TROUBLE;
	if (report_count(rp, VERDICT_FAIL) > 0 ||
	    report_count(rp, VERDICT_REVIEW) > 0)
		return EXIT_REJECT;
	return EXIT_PASS;
}

/* The screen's options, from cfg and the profile (or NULL). */
static void
screen_options_of(const struct config *cfg, const struct profile *profile,
    struct screen_options *so)
{
	memset(so, 0, sizeof(*so));
	so->reader = cfg->reader;
	so->maps = cfg->maps;
	so->nmaps = cfg->nmaps;
	if (profile != NULL)
		so->profile_maps = profile_maps(profile, &so->nprofile_maps);
	so->as_of = cfg->as_of;
	so->expect = cfg->expect && !cfg->update;
	so->max_warnings = MAX_RECORD_WARNINGS;
	so->old_rules = cfg->report.compare_old;
}

/*
 * --update of the fixture at path: screened, its changes said on
 * standard output, then written back in place when every record could
 * be read.  Returns an exit status.
 */
static int
update_fixture(struct config *cfg, struct rules *rules,
    const struct profile *profile, const char *path)
{
	struct screen_options so;
	struct screen *sc = NULL;
	struct report *rp = NULL;
	struct outfile of;
	struct error err;
	unsigned long errors;
	int status = EXIT_TROUBLE;

	cfg->report.fixture = fixture_load(path, &err);
	if (cfg->report.fixture == NULL) {
		warn_error(&err);
		return EXIT_TROUBLE;
	}
	rp = report_new(stdout, &cfg->report, rules, cfg->as_of);
	screen_options_of(cfg, profile, &so);
	if (rp == NULL)
		error_set(&err, NULL, 0, "out of memory");
	else
		sc = screen_new(rules, rp, &so, warn_screen, NULL, &err);
	if (sc == NULL) {
		warn_error(&err);
		goto out;
	}
	if (screen_input(sc, path) != 0 || report_finish(rp) != 0) {
		error_set(&err, NULL, 0, "<stdout>: write error: %s",
		    errtext(report_write_errno(rp)));
		warn_error(&err);
		goto out;
	}
	errors = report_count(rp, VERDICT_ERROR);
	if (screen_trouble(sc) || errors > 0 || report_expect_errors(rp) > 0) {
		error_set(&err, path, 0, "not updated: %s",
		    errors > 0 ? "it has malformed (ERROR) records"
		               : "it could not be screened whole");
		warn_error(&err);
		goto out;
	}
	status = EXIT_PASS;
	if (fixture_changes(cfg->report.fixture) == 0)
		goto out;
	if (outfile_open(&of, path, &err) != 0) {
		warn_error(&err);
		status = EXIT_TROUBLE;
		goto out;
	}
	if (fixture_write(cfg->report.fixture, of.fp, &err) != 0) {
		outfile_abort(&of);
		warn_error(&err);
		status = EXIT_TROUBLE;
	} else if (outfile_commit(&of, &err) != 0) {
		warn_error(&err);
		status = EXIT_TROUBLE;
	}
out:
	screen_free(sc);
	report_free(rp);
	fixture_free(cfg->report.fixture);
	cfg->report.fixture = NULL;
	return status;
}

static int
screen(struct config *cfg, struct rules *rules, const struct profile *profile,
    int nfiles, char **files)
{
	char dash[] = "-";
	char *stdin_only[] = { dash };
	struct screen_options so;
	struct screen *sc = NULL;
	struct report *rp = NULL;
	struct error err;
	struct sink sk;
	int i, failed = 0, status = EXIT_TROUBLE;

	rules_prepare(rules, cfg->as_of);
	if (open_sink(cfg, &sk) != 0)
		return EXIT_TROUBLE;
	/* A workbook's bytes are for a program, not a terminal. */
	if (sk.fp != NULL &&
	    report_format_takes(cfg->report.format, FORMAT_BINARY) &&
	    isatty(fileno(sk.fp))) {
		(void)close_sink(cfg, &sk, 0, 0, NULL);
		return usage_error("--format %s is not for a terminal"
		                   " (use -o FILE, or a pipe)",
		    report_format_title(cfg->report.format));
	}
	if (sk.fp != NULL)
		cfg->report.color =
		    report_format_takes(cfg->report.format, FORMAT_COLOR) &&
		    use_color(cfg);
	/* Quiet, the report writes nothing, but it still counts and
	 * compares. */
	if (profile != NULL) {
		cfg->report.profile = profile_name(profile);
		cfg->report.profile_hash = profile_hash(profile);
	}
	rp = report_new(sk.fp, &cfg->report, rules, cfg->as_of);
	screen_options_of(cfg, profile, &so);
	if (rp == NULL)
		error_set(&err, NULL, 0, "out of memory");
	else
		sc = screen_new(rules, rp, &so, warn_screen, NULL, &err);
	if (sc == NULL) {
		warn_error(&err);
		(void)close_sink(cfg, &sk, 0, 0, NULL);
		goto out;
	}
	if (nfiles == 0) {
		nfiles = 1;
		files = stdin_only;
	}
	if (sk.fp != NULL &&
	    report_format_takes(cfg->report.format, FORMAT_PLAN))
		for (i = 0; i < nfiles; i++)
			screen_plan(sc, files[i]);
	for (i = 0; i < nfiles && !failed; i++)
		failed = screen_input(sc, files[i]) != 0;
	if (!failed)
		failed = report_finish(rp) != 0;
	if (failed && report_write_dir(rp) != NULL) {
		char name[NAME_SHOWN_MAX];

		fprintf(stderr,
		    PROG ": %s: cannot write a temporary file: %s\n",
		    error_name(name, sizeof(name), report_write_dir(rp)),
		    errtext(report_write_errno(rp)));
	}
	if (close_sink(cfg, &sk, !screen_trouble(sc),
	        failed ? report_write_errno(rp) : 0,
	        failed ? report_write_why(rp) : NULL) == 0)
		status = run_status(cfg, rp, screen_trouble(sc));
out:
	screen_free(sc);
	report_free(rp);
	return status;
}

int
main(int argc, char **argv)
{
	struct profile *profile = NULL;
	struct rules *old = NULL;
	const struct translation *tr = NULL;
	struct config cfg;
	struct rules *rules;
	struct error err;
	size_t ntr = 0;
	int status, rc, i;

	open_std_fds();
	catch_signals();
	memset(&cfg, 0, sizeof(cfg));
	cfg.report.formula_guard = 1;
	cfg.color = "auto";

	status = parse_options(argc, argv, &cfg);
	if (status >= 0) {
		config_release(&cfg);
		return status;
	}
	if (cfg.expect && cfg.report.summary_only) {
		config_release(&cfg);
		return usage_error("--expect and --summary do not go together");
	}
	if (cfg.update &&
	    (optind == argc || cfg.output != NULL || cfg.format_name != NULL ||
	        cfg.report.summary_only)) {
		config_release(&cfg);
		return usage_error(optind == argc
		        ? "--update rewrites fixture FILEs: name them"
		        : "--update writes its FILEs in place and says what "
		          "changed as text: no -o, --format or --summary");
	}
	if (cfg.report.summary_only &&
	    !report_format_takes(cfg.report.format, FORMAT_SUMMARY)) {
		config_release(&cfg);
		return usage_error("--summary prints the text summary; it does"
		                   " not go with --format %s",
		    report_format_title(cfg.report.format));
	}
	if (!cfg.as_of_given)
		cfg.as_of = today();
	if (run_time(&cfg.report.ran_at, &err) != 0) {
		warn_error(&err);
		config_release(&cfg);
		return EXIT_TROUBLE;
	}

	if (cfg.list_rules) {
		config_release(&cfg);
		return list_rules();
	}
	rules = load_rules(cfg.rules_file, &err);
	if (rules != NULL && cfg.profile_file != NULL && !cfg.print_rules) {
		profile = load_profile(cfg.profile_file, &err);
		tr = profile != NULL ? profile_translations(profile, &ntr)
		                     : NULL;
		if (profile == NULL ||
		    rules_translate(rules, tr, ntr, &err) != 0) {
			rules_free(rules);
			rules = NULL;
		}
	}
	/* --compare-rules: the old set, read through the same profile. */
	if (rules != NULL && cfg.compare_rules != NULL && !cfg.print_rules) {
		old = load_rules(cfg.compare_rules, &err);
		if (old == NULL ||
		    (profile != NULL &&
		        rules_translate(old, tr, ntr, &err) != 0)) {
			rules_free(rules);
			rules = NULL;
		} else {
			rules_prepare(old, cfg.as_of);
			cfg.report.compare_old = old;
		}
	}
	if (rules == NULL) {
		warn_error(&err);
		rules_free(old);
		profile_free(profile);
		config_release(&cfg);
		return EXIT_TROUBLE;
	}
	if (cfg.print_rules)
		status = print_rules(&cfg, rules);
	else if (cfg.update) {
		rules_prepare(rules, cfg.as_of);
		cfg.report.format = report_format_update();
		if (profile != NULL) {
			cfg.report.profile = profile_name(profile);
			cfg.report.profile_hash = profile_hash(profile);
		}
		status = EXIT_PASS;
		for (i = optind; i < argc; i++) {
			rc = update_fixture(&cfg, rules, profile, argv[i]);
			if (rc > status)
				status = rc;
		}
	} else
		status =
		    screen(&cfg, rules, profile, argc - optind, argv + optind);
	rules_free(rules);
	rules_free(old);
	profile_free(profile);
	config_release(&cfg);
	return status;
}
