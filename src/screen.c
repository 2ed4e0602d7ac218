/*
 * screen.c - the core's one loop; see screen.h.
 *
 * The columns looked for in each header are the rule set's, then the
 * ones reports show (applicant_id, full_name, and for --expect the
 * expected ones), all bound by header_bind().  Judging writes into one
 * findings array that every record reuses.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "screen.h"

/* The optional columns that reports use, after the rules' own. */
static const char *const report_columns[] = { "applicant_id", "full_name",
	"expected_status", "expected_failed", "expected_unknown" };
#define NREPORT_COLUMNS (sizeof(report_columns) / sizeof(report_columns[0]))

/* An input whose header was read ahead (screen_plan()) and kept. */
struct pending {
	struct reader *rd; /* NULL: opened again when screened */
	enum reader_status st; /* of its header */
	struct record hdr;
	struct error err;
	int failed_open; /* rd is NULL because it could not be opened */
};

struct screen {
	const struct rules *rules;
	struct report *report;
	struct screen_options opt;
	void (*warn)(
	    void *ctx, enum screen_warning kind, const struct error *e);
	void *ctx;
	struct column_want *wants;
	size_t nwants;
	size_t nrule_cols;
	size_t *index; /* each want's field index */
	/* The --map pairs, then the profile's that apply. */
	struct column_map *maps;
	size_t nmaps;
	struct finding *findings;
	/* --compare-rules: the old set's columns, their field indexes and
	 * its findings. */
	const struct column_want *old_wants;
	size_t old_nwants;
	struct column_map *old_maps; /* the maps of its columns */
	size_t old_nmaps;
	size_t *old_index;
	struct finding *old_findings;
	struct pending *pending; /* one per planned input */
	size_t nplanned;
	size_t next; /* the next input to screen */
	int trouble;
	/* The current input's header, kept to know it again: its fields'
	 * bytes one after another, and each one's length. */
	char *hdr_bytes;
	size_t *hdr_len;
	size_t hdr_n;
};

/* Nonzero when map names a column the screen looks for: one the rules
 * read, or one the reports show (applicant_id, full_name, ...). */
static int
wanted(const struct screen *sc, const struct column_map *map)
{
	size_t i;

	for (i = 0; i < sc->nwants; i++)
		if (header_match(
		        map->column, strlen(map->column), sc->wants[i].name))
			return 1;
	return 0;
}

/*
 * The maps the screen binds with: every --map, then each profile map of
 * a column that the screen looks for and no --map names.  Returns 0, or -1
 * with err filled when out of memory.
 */
static int
merge_maps(struct screen *sc, struct error *err)
{
	const struct column_map *pm;
	size_t k, j, n = sc->opt.nmaps + sc->opt.nprofile_maps;

	sc->maps = calloc(n + 1, sizeof(*sc->maps));
	if (sc->maps == NULL)
		return error_set(err, NULL, 0, "out of memory");
	for (k = 0; k < sc->opt.nmaps; k++)
		sc->maps[sc->nmaps++] = sc->opt.maps[k];
	for (k = 0; k < sc->opt.nprofile_maps; k++) {
		pm = &sc->opt.profile_maps[k];
		if (!wanted(sc, pm))
			continue;
		for (j = 0; j < sc->opt.nmaps; j++)
			if (header_match(sc->opt.maps[j].column,
			        strlen(sc->opt.maps[j].column), pm->column))
				break;
		if (j == sc->opt.nmaps)
			sc->maps[sc->nmaps++] = *pm;
	}
	return 0;
}

struct screen *
screen_new(const struct rules *r, struct report *rp,
    const struct screen_options *opt,
    void (*warn)(void *ctx, enum screen_warning kind, const struct error *e),
    void *ctx, struct error *err)
{
	struct screen *sc = calloc(1, sizeof(*sc));
	const struct column_want *rc;
	size_t n, i;

	if (sc == NULL) {
		(void)error_set(err, NULL, 0, "out of memory");
		return NULL;
	}
	sc->rules = r;
	sc->report = rp;
	sc->opt = *opt;
	sc->warn = warn;
	sc->ctx = ctx;
	rc = rules_columns(r, &n);
	sc->nrule_cols = n;
	sc->nwants = n + NREPORT_COLUMNS;
	sc->wants = calloc(sc->nwants, sizeof(*sc->wants));
	sc->index = calloc(sc->nwants, sizeof(*sc->index));
	sc->findings = calloc(rules_findings(r) + 1, sizeof(*sc->findings));
	if (sc->wants == NULL || sc->index == NULL || sc->findings == NULL) {
		(void)error_set(err, NULL, 0, "out of memory");
		screen_free(sc);
		return NULL;
	}
	for (i = 0; i < n; i++)
		sc->wants[i] = rc[i];
	for (i = 0; i < NREPORT_COLUMNS; i++) {
		sc->wants[n + i].name = report_columns[i];
		sc->wants[n + i].required = 0;
	}
	if (header_check_maps(
	        sc->wants, sc->nwants, opt->maps, opt->nmaps, err) != 0 ||
	    merge_maps(sc, err) != 0) {
		screen_free(sc);
		return NULL;
	}
	if (opt->old_rules != NULL) {
		sc->old_wants = rules_columns(opt->old_rules, &sc->old_nwants);
		sc->old_index =
		    calloc(sc->old_nwants + 1, sizeof(*sc->old_index));
		sc->old_maps = calloc(sc->nmaps + 1, sizeof(*sc->old_maps));
		for (i = 0; sc->old_maps != NULL && i < sc->nmaps; i++)
			for (n = 0; n < sc->old_nwants; n++)
				if (header_match(sc->maps[i].column,
				        strlen(sc->maps[i].column),
				        sc->old_wants[n].name)) {
					sc->old_maps[sc->old_nmaps++] =
					    sc->maps[i];
					break;
				}
		sc->old_findings = calloc(rules_findings(opt->old_rules) + 1,
		    sizeof(*sc->old_findings));
		if (sc->old_index == NULL || sc->old_findings == NULL ||
		    sc->old_maps == NULL) {
			(void)error_set(err, NULL, 0, "out of memory");
			screen_free(sc);
			return NULL;
		}
	}
	return sc;
}

void
screen_free(struct screen *sc)
{
	size_t i;

	if (sc == NULL)
		return;
	for (i = 0; i < sc->nplanned; i++)
		reader_free(sc->pending[i].rd);
	free(sc->pending);
	free(sc->wants);
	free(sc->maps);
	free(sc->index);
	free(sc->findings);
	free(sc->old_index);
	free(sc->old_maps);
	free(sc->old_findings);
	free(sc->hdr_bytes);
	free(sc->hdr_len);
	free(sc);
}

/*
 * Keeps a copy of hdr, to know it again later in the input (as cat
 * makes of two files).  Out of memory, nothing is kept, and a repeated
 * header is screened as a record.
 */
static void
keep_header(struct screen *sc, const struct record *hdr)
{
	size_t i, total = 0, at = 0;

	free(sc->hdr_bytes);
	free(sc->hdr_len);
	sc->hdr_bytes = NULL;
	sc->hdr_len = NULL;
	sc->hdr_n = 0;
	for (i = 0; i < hdr->nfields; i++)
		total += hdr->fields[i].len;
	sc->hdr_bytes = malloc(total + 1);
	sc->hdr_len = malloc((hdr->nfields + 1) * sizeof(*sc->hdr_len));
	if (sc->hdr_bytes == NULL || sc->hdr_len == NULL)
		return;
	for (i = 0; i < hdr->nfields; i++) {
		if (hdr->fields[i].len > 0)
			memcpy(sc->hdr_bytes + at, hdr->fields[i].ptr,
			    hdr->fields[i].len);
		sc->hdr_len[i] = hdr->fields[i].len;
		at += hdr->fields[i].len;
	}
	sc->hdr_n = hdr->nfields;
}

/* Nonzero when rec is the input's header line again. */
static int
repeated_header(const struct screen *sc, const struct record *rec)
{
	size_t i, at = 0;

	if (sc->hdr_n == 0 || rec->nfields != sc->hdr_n)
		return 0;
	for (i = 0; i < rec->nfields; i++) {
		if (rec->fields[i].len != sc->hdr_len[i] ||
		    (sc->hdr_len[i] > 0 &&
		        memcmp(rec->fields[i].ptr, sc->hdr_bytes + at,
		            sc->hdr_len[i]) != 0))
			return 0;
		at += sc->hdr_len[i];
	}
	return 1;
}

int
screen_trouble(const struct screen *sc)
{
	return sc->trouble;
}

/* How messages name the input at path. */
static const char *
input_name(const char *path)
{
	return strcmp(path, "-") == 0 ? "<stdin>" : path;
}

/* Nonzero when the input at path can be read twice: a regular file. */
static int
rereadable(const char *path)
{
	struct stat st;

	return strcmp(path, "-") != 0 && stat(path, &st) == 0 &&
	    S_ISREG(st.st_mode);
}

/* Nonzero when the input at path may keep us waiting (a pipe, a tty). */
static int
interactive(const char *path)
{
	struct stat st;
	int rc;

	if (strcmp(path, "-") == 0)
		rc = fstat(STDIN_FILENO, &st);
	else
		rc = stat(path, &st);
	return rc == 0 && !S_ISREG(st.st_mode);
}

/* Opens path and reads its header into p; p->rd NULL when it cannot. */
static void
open_input(struct screen *sc, const char *path, struct pending *p)
{
	memset(p, 0, sizeof(*p));
	p->rd = reader_open(path, input_name(path), &sc->opt.reader, &p->err);
	if (p->rd == NULL) {
		p->failed_open = 1;
		return;
	}
	p->st = reader_next(p->rd, &p->hdr, &p->err);
}

void
screen_plan(struct screen *sc, const char *path)
{
	struct pending *grown, *p;

	grown = realloc(sc->pending, (sc->nplanned + 1) * sizeof(*grown));
	if (grown == NULL) {
		/* Not kept: it is screened as if it were not planned. */
		return;
	}
	sc->pending = grown;
	p = &sc->pending[sc->nplanned++];
	open_input(sc, path, p);
	if (p->st == READER_OK)
		(void)report_plan(sc->report, &p->hdr);
	/* A file is opened again when screened, its errors said then. */
	if (rereadable(path)) {
		reader_free(p->rd);
		p->rd = NULL;
		p->failed_open = 0;
	}
}

/* Tells the callback of err, and notes trouble for SCREEN_INPUT. */
static void
say(struct screen *sc, enum screen_warning kind, const struct error *err)
{
	if (kind == SCREEN_INPUT)
		sc->trouble = 1;
	sc->warn(sc->ctx, kind, err);
}

/*
 * Checks the header in p and starts the report's file.  Returns 1 to
 * read on, 0 when the input is done with, -1 on a write error.
 */
static int
start_input(struct screen *sc, struct pending *p, const char *name)
{
	struct report_columns cols;
	struct error err;

	if (p->rd == NULL || p->st == READER_EOF) {
		if (p->rd == NULL)
			say(sc, SCREEN_INPUT, &p->err);
		return 0;
	}
	if (p->st != READER_OK) {
		say(sc, SCREEN_INPUT, &p->err);
		if (p->st == READER_BAD_RECORD) {
			(void)error_set(&err, name, 0,
			    "cannot read the header; skipping the file");
			say(sc, SCREEN_INPUT, &err);
		}
		return 0;
	}
	if (header_bind(&p->hdr, sc->wants, sc->nwants, sc->maps, sc->nmaps,
	        sc->index, &err) != 0) {
		say(sc, SCREEN_INPUT, &err);
		return 0;
	}
	/* The old set's columns, bound by the same maps (those of columns
	 * it does not read left aside). */
	if (sc->opt.old_rules != NULL &&
	    header_bind(&p->hdr, sc->old_wants, sc->old_nwants, sc->old_maps,
	        sc->old_nmaps, sc->old_index, &err) != 0) {
		say(sc, SCREEN_INPUT, &err);
		return 0;
	}
	cols.id = sc->index[sc->nrule_cols];
	cols.name = sc->index[sc->nrule_cols + 1];
	cols.expected_status = sc->index[sc->nrule_cols + 2];
	cols.expected_failed = sc->index[sc->nrule_cols + 3];
	cols.expected_unknown = sc->index[sc->nrule_cols + 4];
	if (sc->opt.expect && cols.expected_status == HEADER_ABSENT) {
		(void)error_set(&err, name, p->hdr.line,
		    "--expect needs an expected_status column");
		say(sc, SCREEN_INPUT, &err);
		return 0;
	}
	keep_header(sc, &p->hdr);
	return report_file(sc->report, &p->hdr, &cols) == 0 ? 1 : -1;
}

/* The closing notes of an input: warnings held back, bytes replaced. */
static void
end_input(struct screen *sc, struct reader *rd, const char *name,
    unsigned long unsaid)
{
	const char *encoding;
	unsigned long line, n;
	struct error err;

	if (unsaid > 0) {
		(void)error_set(&err, name, 0,
		    "%lu more malformed record%s not shown", unsaid,
		    unsaid == 1 ? "" : "s");
		say(sc, SCREEN_RECORD, &err);
	}
	if (rd == NULL)
		return;
	if (reader_saw_bad_utf8(rd))
		report_note_bad_utf8(sc->report);
	n = reader_replaced(rd, &line, &encoding);
	if (n > 0) {
		(void)error_set(&err, name, line,
		    "%lu byte sequence%s with no character in %s read as "
		    "U+FFFD%s",
		    n, n == 1 ? "" : "s",
		    encoding != NULL ? encoding : "the input's encoding",
		    line > 0 ? ", the first here" : "");
		say(sc, SCREEN_NOTE, &err);
	}
}

/*
 * Reads and reports the records of an input whose header is bound.
 * Returns 0, or -1 on a write error.
 */
static int
read_records(struct screen *sc, struct reader *rd, const char *path,
    unsigned long *unsaid)
{
	int flush_each = interactive(path), rc = 0;
	unsigned long said = 0, repeats = 0, first_repeat = 0;
	enum reader_status st;
	struct record rec;
	struct error err;
	enum verdict v;

	while (rc == 0) {
		st = reader_next(rd, &rec, &err);
		if (st == READER_EOF)
			break;
		if (st == READER_FAIL) {
			say(sc, SCREEN_INPUT, &err);
			break;
		}
		if (st == READER_BAD_RECORD) {
			if (sc->opt.max_warnings == 0 ||
			    said < sc->opt.max_warnings) {
				say(sc, SCREEN_RECORD, &err);
				said++;
			} else
				(*unsaid)++;
			rc = report_error(sc->report, &rec, &err);
		} else if (repeated_header(sc, &rec)) {
			/* Not an applicant: the header again, as cat makes. */
			if (repeats++ == 0)
				first_repeat = rec.line;
			continue;
		} else {
			v = rules_judge(sc->rules, &rec, sc->index,
			    sc->opt.as_of, sc->findings);
			if (sc->opt.old_rules != NULL)
				rc = report_compare(sc->report, &rec, sc->index,
				    v, sc->findings, sc->old_index,
				    rules_judge(sc->opt.old_rules, &rec,
				        sc->old_index, sc->opt.as_of,
				        sc->old_findings),
				    sc->old_findings);
			else
				rc = report_record(sc->report, &rec, sc->index,
				    v, sc->findings);
		}
		if (rc == 0 && flush_each)
			rc = report_flush(sc->report);
	}
	if (repeats > 0) {
		if (repeats == 1)
			(void)error_set(&err, input_name(path), first_repeat,
			    "the header line again (as cat makes of several "
			    "files): skipped, not screened");
		else
			(void)error_set(&err, input_name(path), first_repeat,
			    "the header line again, %lu times, the first here "
			    "(as cat makes of several files): skipped, not "
			    "screened",
			    repeats);
		say(sc, SCREEN_NOTE, &err);
	}
	return rc;
}

int
screen_input(struct screen *sc, const char *path)
{
	const char *name = input_name(path);
	unsigned long unsaid = 0;
	struct pending fresh, *p = &fresh;
	int rc;

	/* A planned input kept open, or that could not be opened. */
	if (sc->next < sc->nplanned &&
	    (sc->pending[sc->next].rd != NULL ||
	        sc->pending[sc->next].failed_open))
		p = &sc->pending[sc->next];
	else
		open_input(sc, path, &fresh);
	sc->next++;
	rc = start_input(sc, p, name);
	if (rc > 0)
		rc = read_records(sc, p->rd, path, &unsaid);
	end_input(sc, p->rd, name, unsaid);
	reader_free(p->rd);
	p->rd = NULL;
	return rc < 0 ? -1 : 0;
}
