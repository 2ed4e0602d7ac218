/*
 * main.c - the civpol-screen command: streams, the run's steps and exit
 * statuses.
 *
 * The program's files, main*.c, are the only ones that see argv, print
 * to stderr or exit; this one runs the steps.  It loads a rule set
 * (rules.h), opens each input with the reader (reader.h), binds the
 * header's columns (header.h), judges every record and hands the
 * decisions to a report (report.h), then turns what happened into one
 * of three exit statuses.  The options are defined, parsed and
 * documented (--help, --completion) in main_options.c, from one table;
 * main.h is what the two files share.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "error.h"
#include "fixture.h"
#include "main.h"
#include "outfile.h"
#include "profile.h"
#include "reader.h"
#include "report.h"
#include "rules.h"
#include "screen.h"
#include "value.h"

#define RULES_FILE_MAX ((size_t)1024 * 1024)
/* Room for a file name as messages show it (error_name()). */
#define NAME_SHOWN_MAX 4096
#define OUT_BUFSIZE ((size_t)64 * 1024)
/* Malformed records warned of one by one in an input; then a count. */
#define MAX_RECORD_WARNINGS 100

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
 * A report on fp and the screen that feeds it, into *rp and *sc: 0, or
 * -1 with the trouble said (the caller frees what was made).
 */
static int
start_screen(struct config *cfg, struct rules *rules,
    const struct profile *profile, FILE *fp, struct report **rp,
    struct screen **sc)
{
	struct screen_options so;
	struct error err;

	*sc = NULL;
	*rp = report_new(fp, &cfg->report, rules, cfg->as_of);
	screen_options_of(cfg, profile, &so);
	if (*rp == NULL)
		error_set(&err, NULL, 0, "out of memory");
	else
		*sc = screen_new(rules, *rp, &so, warn_screen, NULL, &err);
	if (*sc == NULL) {
		warn_error(&err);
		return -1;
	}
	return 0;
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
	if (start_screen(cfg, rules, profile, stdout, &rp, &sc) != 0)
		goto out;
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
	struct screen *sc = NULL;
	struct report *rp = NULL;
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
		return options_usage_error("--format %s is not for a terminal"
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
	if (start_screen(cfg, rules, profile, sk.fp, &rp, &sc) != 0) {
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

/*
 * The day the rules judge by (--as-of, else today) and the time the run
 * started, into cfg.  Returns -1 to go on, or an exit status.
 */
static int
set_dates(struct config *cfg)
{
	struct error err;

	if (!cfg->as_of_given)
		cfg->as_of = today();
	if (run_time(&cfg->report.ran_at, &err) != 0) {
		warn_error(&err);
		return EXIT_TROUBLE;
	}
	return -1;
}

/*
 * The rule set in force into *rules, read through the profile (when
 * there is one) put into *profile, and with --compare-rules the old set
 * into *old, read through the same profile.  Returns -1 to go on, or an
 * exit status (the trouble said on stderr).  Whatever is loaded stays
 * in *rules, *old and *profile, for the caller to free with rules_free()
 * and profile_free() whichever way it goes.
 */
static int
load_rule_sets(struct config *cfg, struct rules **rules, struct rules **old,
    struct profile **profile)
{
	const struct translation *tr = NULL;
	struct error err;
	size_t ntr = 0;

	*rules = load_rules(cfg->rules_file, &err);
	if (*rules != NULL && cfg->profile_file != NULL && !cfg->print_rules) {
		*profile = load_profile(cfg->profile_file, &err);
		tr = *profile != NULL ? profile_translations(*profile, &ntr)
		                      : NULL;
		if (*profile == NULL ||
		    rules_translate(*rules, tr, ntr, &err) != 0) {
			rules_free(*rules);
			*rules = NULL;
		}
	}
	if (*rules != NULL && cfg->compare_rules != NULL && !cfg->print_rules) {
		*old = load_rules(cfg->compare_rules, &err);
		if (*old == NULL ||
		    (*profile != NULL &&
		        rules_translate(*old, tr, ntr, &err) != 0)) {
			rules_free(*rules);
			*rules = NULL;
		} else {
			rules_prepare(*old, cfg->as_of);
			cfg->report.compare_old = *old;
		}
	}
	if (*rules == NULL) {
		warn_error(&err);
		return EXIT_TROUBLE;
	}
	return -1;
}

/* --update of each of the nfiles fixtures; the worst exit status. */
static int
update_fixtures(struct config *cfg, struct rules *rules,
    const struct profile *profile, int nfiles, char **files)
{
	int i, rc, status = EXIT_PASS;

	rules_prepare(rules, cfg->as_of);
	cfg->report.format = report_format_update();
	if (profile != NULL) {
		cfg->report.profile = profile_name(profile);
		cfg->report.profile_hash = profile_hash(profile);
	}
	for (i = 0; i < nfiles; i++) {
		rc = update_fixture(cfg, rules, profile, files[i]);
		if (rc > status)
			status = rc;
	}
	return status;
}

/* What the options ask for, done with the rules; an exit status. */
static int
run(struct config *cfg, struct rules *rules, const struct profile *profile,
    int nfiles, char **files)
{
	if (cfg->print_rules)
		return print_rules(cfg, rules);
	if (cfg->update)
		return update_fixtures(cfg, rules, profile, nfiles, files);
	return screen(cfg, rules, profile, nfiles, files);
}

/*
 * Each step returns -1 to go on to the next, or the run's exit status;
 * whatever the steps loaded is freed at the end, whichever way it went.
 */
int
main(int argc, char **argv)
{
	struct profile *profile = NULL;
	struct rules *rules = NULL, *old = NULL;
	struct config cfg;
	int status;

	open_std_fds();
	catch_signals();
	config_init(&cfg);
	status = options_parse(argc, argv, &cfg);
	if (status < 0)
		status = set_dates(&cfg);
	if (status < 0 && cfg.list_rules)
		status = list_rules();
	if (status < 0)
		status = load_rule_sets(&cfg, &rules, &old, &profile);
	if (status < 0)
		status =
		    run(&cfg, rules, profile, argc - optind, argv + optind);
	rules_free(rules);
	rules_free(old);
	profile_free(profile);
	config_release(&cfg);
	return status;
}
