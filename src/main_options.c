/*
 * main_options.c - the program's options: the one table that defines
 * them, and what is made from it.  getopt_long's short-option string and
 * long options, --help's option lines, the usage line and the bash and
 * zsh completion scripts all come from the table, and a test checks the
 * man page against --help.  Parsing fills a struct config (main.h) and
 * checks that the options given go together; main.c then runs with it.
 * Part of the program, not the library: it prints and sees argv.
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "header.h"
#include "main.h"
#include "report.h"
#include "rules.h"
#include "value.h"
#include "verdict.h"

#define MAX_FIELD_LIMIT ((size_t)256 * 1024 * 1024)

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

/* Prints a usage error and the synopsis to stderr; returns EXIT_TROUBLE. */
int
options_usage_error(const char *fmt, ...)
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
		return options_usage_error(
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

/*
 * Parses --color's WHEN: auto, always or never, and always when it is
 * not given (--color alone).  Returns WHEN, or NULL when invalid.
 */
static const char *
parse_color(const char *s)
{
	if (s == NULL)
		return "always";
	if (strcmp(s, "auto") == 0 || strcmp(s, "always") == 0 ||
	    strcmp(s, "never") == 0)
		return s;
	return NULL;
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

/* Sets cfg to the defaults that no option has changed yet. */
void
config_init(struct config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->report.formula_guard = 1;
	cfg->color = "auto";
}

/* Frees what options_parse() allocated in cfg. */
void
config_release(struct config *cfg)
{
	free(cfg->maps);
	free(cfg->header_names);
}

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
		return options_usage_error(
		    "--expect and --compare-rules do not go together");
	if (name == NULL)
		name = report_format_name(0, kind);
	cfg->report.format = report_format_find(name, kind);
	if (cfg->report.format != NULL)
		return -1;
	if (kind == REPORT_KIND_SCREEN &&
	    report_format_find(name, REPORT_KIND_EXPECT) != NULL)
		return options_usage_error(
		    "--format %s goes with --expect", name);
	return options_usage_error("invalid format \"%s\"%s (expected %s)",
	    name,
	    kind == REPORT_KIND_EXPECT        ? " for --expect"
	        : kind == REPORT_KIND_COMPARE ? " for --compare-rules"
	                                      : "",
	    format_names(names, sizeof(names), kind, ", ", " or ", ""));
}

/*
 * getopt_long's arguments, made from the table: longopts (NOPTIONS + 1
 * entries) and shortopts (2 * NOPTIONS + 2 bytes), which starts with ':'
 * so that a missing argument is told from an unknown option.
 */
static void
build_getopt(struct option *longopts, char *shortopts)
{
	size_t i, ns = 0;

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
}

/*
 * The checks made once every option is read: the report's format, and
 * the options that do not go together.  nfiles is the number of FILEs
 * named.  Returns -1 to go on, or an exit status.
 */
static int
check_options(struct config *cfg, int nfiles)
{
	int rc = choose_format(cfg);

	if (rc >= 0)
		return rc;
	if (cfg->expect && cfg->report.summary_only)
		return options_usage_error(
		    "--expect and --summary do not go together");
	if (cfg->update &&
	    (nfiles == 0 || cfg->output != NULL || cfg->format_name != NULL ||
	        cfg->report.summary_only))
		return options_usage_error(nfiles == 0
		        ? "--update rewrites fixture FILEs: name them"
		        : "--update writes its FILEs in place and says what "
		          "changed as text: no -o, --format or --summary");
	if (cfg->report.summary_only &&
	    !report_format_takes(cfg->report.format, FORMAT_SUMMARY))
		return options_usage_error(
		    "--summary prints the text summary; it does"
		    " not go with --format %s",
		    report_format_title(cfg->report.format));
	return -1;
}

/*
 * Parses argv into cfg, then checks the options together
 * (check_options()).  Returns -1 to go on, or an exit status.
 * cfg->maps and cfg->header_names are allocated; the caller frees them
 * with config_release().
 */
int
options_parse(int argc, char **argv, struct config *cfg)
{
	struct option longopts[NOPTIONS + 1];
	char shortopts[2 * NOPTIONS + 2];
	int c, rc;

	build_getopt(longopts, shortopts);
	opterr = 0;
	while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		switch (c) {
		case OPT_AS_OF:
			rc = value_parse_iso(optarg, &cfg->as_of);
			if (rc == -2)
				return options_usage_error(
				    "invalid --as-of date \"%s\""
				    " (expected 1900 or later)",
				    optarg);
			if (rc != 0)
				return options_usage_error(
				    "invalid --as-of date \"%s\""
				    " (expected a real date, YYYY-MM-DD)",
				    optarg);
			cfg->as_of_given = 1;
			break;
		case OPT_COLOR:
			cfg->color = parse_color(optarg);
			if (cfg->color == NULL)
				return options_usage_error(
				    "invalid --color \"%s\""
				    " (expected auto, always or never)",
				    optarg);
			break;
		case 'd':
			cfg->reader.csv.delimiter = parse_delimiter(optarg);
			if (cfg->reader.csv.delimiter < 0)
				return options_usage_error(
				    "invalid delimiter \"%s\""
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
				return options_usage_error(
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
				return options_usage_error(
				    "invalid --map \"%s\""
				    " (expected COLUMN=HEADER)",
				    optarg);
			m = realloc(cfg->maps, (cfg->nmaps + 1) * sizeof(*m));
			if (m == NULL)
				return options_usage_error("out of memory");
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
				return options_usage_error(
				    "invalid --max-field-size \"%s\""
				    " (expected 1 to 256M bytes)",
				    optarg);
			break;
		case OPT_NO_GUARD:
			cfg->report.formula_guard = 0;
			break;
		case OPT_ONLY:
			if (parse_only(optarg, &cfg->report.only) != 0)
				return options_usage_error(
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
				return options_usage_error(
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
				return options_usage_error(
				    "option \"-%c\" needs an"
				    " argument",
				    optopt);
			return options_usage_error(
			    "option \"%s\" needs an argument",
			    argv[optind - 1]);
		default:
			if (optopt != 0 && optopt < 256)
				return options_usage_error(
				    "unknown option \"-%c\"", optopt);
			return options_usage_error(
			    "unknown option \"%s\"", argv[optind - 1]);
		}
	}
	return check_options(cfg, argc - optind);
}
