/*
 * screen.h - the core's one loop: each input's records read, judged
 * against a rule set and handed to a report, in input order.
 *
 * main.c names the inputs and says where the report goes; a screen
 * opens each input by what it is, binds its header, judges every record
 * and reports it, and says what went wrong through a callback (it prints
 * nothing itself).  With a format that writes one header for all inputs
 * (FORMAT_PLAN), every input's header is read first (screen_plan()); an
 * input that cannot be read twice (standard input, a pipe) is kept open
 * between the two passes, a file is opened again.
 */
#ifndef CIVPOL_SCREEN_H
#define CIVPOL_SCREEN_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "header.h"
#include "reader.h"
#include "report.h"
#include "rules.h"

struct screen_options {
	struct reader_options reader;
	/* --map COLUMN=HEADER pairs.  Borrowed: must outlive the screen. */
	const struct column_map *maps;
	size_t nmaps;
	/* A profile's column lines: each applies where no --map names its
	 * column, and only when the rules read that column.  Borrowed:
	 * must outlive the screen. */
	const struct column_map *profile_maps;
	size_t nprofile_maps;
	int32_t as_of;
	int expect; /* each input needs an expected_status column */
	/* Malformed records warned of one by one in an input; past them,
	 * one closing count.  0: no limit. */
	unsigned long max_warnings;
	/* --compare-rules: the old rule set, every record judged by it too
	 * and reported with report_compare(); NULL otherwise.  Borrowed:
	 * must outlive the screen. */
	const struct rules *old_rules;
};

/* What the warning callback is told besides the error. */
enum screen_warning {
	SCREEN_INPUT, /* an input, or its header, could not be read */
	SCREEN_RECORD, /* a malformed record, or a closing count of them */
	SCREEN_NOTE /* worth saying; nothing is lost */
};

struct screen;

/*
 * A screen of the inputs against r, into rp, with options opt (copied).
 * warn(ctx, kind, err) is told every problem.  Borrowed: r, rp, ctx and
 * opt's maps must outlive the screen.  Returns NULL and fills err when
 * out of memory or a map names no column.  The caller frees it with
 * screen_free().
 */
struct screen *screen_new(const struct rules *r, struct report *rp,
    const struct screen_options *opt,
    void (*warn)(void *ctx, enum screen_warning kind, const struct error *err),
    void *ctx, struct error *err);

/*
 * Reads ahead the header of the next input, path ("-" for standard
 * input), and plans the report for it (report_plan()).  Call it for
 * every input, in order, before the first screen_input(), or not at all.
 */
void screen_plan(struct screen *sc, const char *path);

/*
 * Screens the next input, path: every record judged and reported, an
 * answer handed on at once when the input is a pipe or a terminal.
 * Returns 0, or -1 when a write failed (the report is then over).
 */
int screen_input(struct screen *sc, const char *path);

/*
 * Nonzero when some input could not be screened whole: it could not be
 * opened or read to its end, or its header was refused.
 */
int screen_trouble(const struct screen *sc);

/* Frees sc and what it keeps open; screen_free(NULL) does nothing. */
void screen_free(struct screen *sc);

#endif
