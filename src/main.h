/*
 * main.h - what the program's own files share: its name, its exit
 * statuses, the run's configuration as the options set it, and the
 * option parser that fills it.  Not a contract: only main*.c include
 * it.  These files are the program, not the library: the Makefile links
 * them into the binary alone, as they print, exit and see argv.
 * main.c runs the steps; main_options.c holds the option table and
 * what is made from it (getopt_long's arguments, --help, the usage
 * line and the completion scripts).
 */
#ifndef CIVPOL_MAIN_H
#define CIVPOL_MAIN_H

#include <stddef.h>
#include <stdint.h>

#include "header.h"
#include "reader.h"
#include "report.h"

#define PROG "civpol-screen"

/* Exit statuses: see the man page and --help. */
enum {
	EXIT_PASS = 0, /* every record is PASS (--expect: all matched) */
	EXIT_REJECT = 1, /* a FAIL or REVIEW (--expect: a mismatch) */
	EXIT_TROUBLE = 2 /* usage, input, rules or write error, or an ERROR */
};

/* The run, as the options set it. */
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

/* Sets cfg to the defaults that no option has changed yet. */
void config_init(struct config *cfg);

/* Frees what options_parse() allocated in cfg. */
void config_release(struct config *cfg);

/*
 * Parses argv into cfg and checks that the options go together.
 * Returns -1 to go on, or an exit status (--help, --version and
 * --completion print and return EXIT_PASS; a usage error is said on
 * stderr).  cfg->maps and cfg->header_names are allocated; the caller
 * frees them with config_release().  optind is then the first FILE.
 */
int options_parse(int argc, char **argv, struct config *cfg);

/* Prints a usage error and the synopsis to stderr; returns EXIT_TROUBLE. */
#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
int
options_usage_error(const char *fmt, ...);

#endif
