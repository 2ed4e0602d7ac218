/*
 * report.c - decisions in, text out; see report.h.
 *
 * This is the driver that every format shares: it holds the table of
 * formats, counts each record and notes its failed and unknown
 * criteria, applies the --only filter and hands each record to its
 * format's operations (see format.h).  The output buffer and the
 * escapers are output.c's; each format is a file of its own.  Once a
 * write has failed the report stops writing but goes on counting, and
 * every call returns -1.  The summary's counts cover every record,
 * whatever opt->only lets through.
 */
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "format.h"
#include "header.h"
#include "report.h"
#include "value.h"

extern const struct format format_text;
extern const struct format format_csv;
extern const struct format format_jsonl;
extern const struct format format_xlsx;
extern const struct format format_expect;
extern const struct format format_junit;
extern const struct format format_tap;
extern const struct format format_expect_jsonl;
extern const struct format format_update;
extern const struct format format_compare_text;
extern const struct format format_compare_csv;
extern const struct format format_compare_jsonl;
extern const struct format format_html;

/*
 * Every format, one row each.  The screening formats come in the order
 * --help lists them, the default first.
 */
static const struct format *const formats[] = {
	&format_text,
	&format_csv,
	&format_jsonl,
	&format_html,
	&format_xlsx,
	&format_expect,
	&format_junit,
	&format_tap,
	&format_expect_jsonl,
	&format_update,
	&format_compare_text,
	&format_compare_csv,
	&format_compare_jsonl,
};
#define NFORMATS (sizeof(formats) / sizeof(formats[0]))

/* Nonzero when format f is one of kind (enum report_kind). */
static int
of_kind(const struct format *f, int kind)
{
	unsigned want = kind == REPORT_KIND_EXPECT ? FORMAT_EXPECT
	    : kind == REPORT_KIND_COMPARE          ? FORMAT_COMPARE
	                                           : 0;

	if (f->flags & FORMAT_UPDATE)
		return 0;
	return (f->flags & (FORMAT_EXPECT | FORMAT_COMPARE)) == want;
}

const struct format *
report_format_find(const char *name, int kind)
{
	size_t i;

	for (i = 0; i < NFORMATS; i++)
		if (strcmp(formats[i]->name, name) == 0 &&
		    of_kind(formats[i], kind))
			return formats[i];
	return NULL;
}

const struct format *
report_format_update(void)
{
	return &format_update;
}

const char *
report_format_name(size_t i, int kind)
{
	size_t k;

	for (k = 0; k < NFORMATS; k++) {
		if (!of_kind(formats[k], kind))
			continue;
		if (i-- == 0)
			return formats[k]->name;
	}
	return NULL;
}

int
report_format_takes(const struct format *f, unsigned flag)
{
	return (f->flags & flag) != 0;
}

const char *
report_format_title(const struct format *f)
{
	return f->name;
}

const struct field *
report_cell(const struct record *rec, size_t index)
{
	if (index == HEADER_ABSENT || index >= rec->nfields)
		return NULL;
	return &rec->fields[index];
}

const char *
report_file_of(const struct record *rec)
{
	return rec->file != NULL ? rec->file : "";
}

void
report_put_provenance(struct report *rp)
{
	char day[11];

	out_str(&rp->out, " (");
	out_str(&rp->out, rules_hash(rp->rules));
	if (rp->opt.profile != NULL) {
		out_str(&rp->out, "), profile ");
		out_text(&rp->out, rp->opt.profile, strlen(rp->opt.profile));
		out_str(&rp->out, " (");
		out_str(&rp->out, rp->opt.profile_hash);
	}
	out_str(&rp->out, "), as of ");
	out_str(&rp->out, value_format_date(rp->asof, day));
	out_str(&rp->out, "\n\n");
}

void
report_each_reason(struct report *rp, const struct entry *e,
    void (*each)(
        struct report *rp, size_t i, size_t k, const char *reason, size_t len))
{
	char reason[REPORT_REASON_MAX];
	size_t k, i, len, nfu = e->nfailed + e->nunknown;

	for (k = 0; k < nfu + e->nnot_applicable; k++) {
		if (k < e->nfailed)
			i = e->failed[k];
		else if (k < nfu)
			i = e->unknown[k - e->nfailed];
		else
			i = e->not_applicable[k - nfu];
		len = rules_reason(rp->rules, i, &e->findings[i], e->rec,
		    e->col, rp->asof, reason, sizeof(reason));
		each(rp, i, k, reason, len);
	}
}

char *
report_put_ids(const struct report *rp, char *d, const size_t *ix, size_t n,
    char sep, int json)
{
	size_t k;

	for (k = 0; k < n; k++) {
		if (k > 0)
			*d++ = sep;
		if (json)
			*d++ = '"';
		d = put_bytes(d, rp->ids[ix[k]], rp->idlen[ix[k]]);
		if (json)
			*d++ = '"';
	}
	return d;
}

size_t
report_rank(struct report *rp, const unsigned long *count)
{
	size_t i, j, n = 0;

	for (i = 0; i < rp->nrules; i++) {
		if (count[i] == 0)
			continue;
		/* Insertion sort: stable, so ties stay in rule order. */
		for (j = n; j > 0 && count[rp->order[j - 1]] < count[i]; j--)
			rp->order[j] = rp->order[j - 1];
		rp->order[j] = i;
		n++;
	}
	return n;
}

struct report *
report_new(FILE *out, const struct report_options *opt, const struct rules *r,
    int32_t asof)
{
	struct report *rp;
	size_t n = rules_count(r), i, alloc = n > 0 ? n : 1;

	rp = calloc(1, sizeof(*rp));
	if (rp == NULL)
		return NULL;
	if (output_init(&rp->out, out) != 0) {
		free(rp);
		return NULL;
	}
	if (opt != NULL)
		rp->opt = *opt;
	rp->format = rp->opt.format != NULL ? rp->opt.format : formats[0];
	/* An option that the format does not take does not apply. */
	if (!(rp->format->flags & FORMAT_SUMMARY))
		rp->opt.summary_only = 0;
	if (!(rp->format->flags & FORMAT_COLOR))
		rp->opt.color = 0;
	if (!(rp->format->flags & FORMAT_GUARD))
		rp->opt.formula_guard = 0;
	if (!(rp->format->flags & FORMAT_ONLY))
		rp->opt.only = 0;
	rp->rules = r;
	rp->asof = asof;
	rp->nrules = n;
	rp->cols.id = HEADER_ABSENT;
	rp->cols.name = HEADER_ABSENT;
	rp->cols.expected_status = HEADER_ABSENT;
	rp->cols.expected_failed = HEADER_ABSENT;
	rp->cols.expected_unknown = HEADER_ABSENT;
	rp->nfail = calloc(alloc, sizeof(*rp->nfail));
	rp->nunknown = calloc(alloc, sizeof(*rp->nunknown));
	rp->ids = calloc(alloc, sizeof(*rp->ids));
	rp->idlen = calloc(alloc, sizeof(*rp->idlen));
	rp->failed_ix = calloc(alloc, sizeof(*rp->failed_ix));
	rp->unknown_ix = calloc(alloc, sizeof(*rp->unknown_ix));
	rp->na_ix = calloc(alloc, sizeof(*rp->na_ix));
	rp->expect_want = calloc(alloc + 1, 1);
	rp->order = calloc(alloc, sizeof(*rp->order));
	rp->state = calloc(1, rp->format->state_size + 1);
	if (rp->nfail == NULL || rp->nunknown == NULL || rp->ids == NULL ||
	    rp->idlen == NULL || rp->failed_ix == NULL ||
	    rp->unknown_ix == NULL || rp->na_ix == NULL || rp->order == NULL ||
	    rp->expect_want == NULL || rp->state == NULL) {
		report_free(rp);
		return NULL;
	}
	rp->count_only = rp->opt.summary_only ||
	    (out == NULL && !(rp->format->flags & FORMAT_EXPECT));
	rp->all_required = !rules_conditional(r);
	for (i = 0; i < n; i++) {
		if (!rules_required(r, i))
			rp->all_required = 0;
		rp->ids[i] = rules_id(r, i);
		rp->idlen[i] = strlen(rp->ids[i]);
		rp->ids_room += rp->idlen[i] + 1;
	}
	if (rp->opt.compare_old != NULL) {
		struct report_options counting;

		memset(&counting, 0, sizeof(counting));
		rp->old =
		    report_new(NULL, &counting, rp->opt.compare_old, asof);
		if (rp->old == NULL) {
			report_free(rp);
			return NULL;
		}
	}
	/* Last: a format's init may size what it needs by the ids. */
	if (rp->format->init != NULL && rp->format->init(rp) != 0) {
		report_free(rp);
		return NULL;
	}
	return rp;
}

/* Frees rp and what it owns; the stream stays open. */
void
report_free(struct report *rp)
{
	if (rp == NULL)
		return;
	report_free(rp->old);
	if (rp->state != NULL && rp->format->release != NULL)
		rp->format->release(rp);
	output_release(&rp->out);
	free(rp->state);
	free(rp->nfail);
	free(rp->nunknown);
	free(rp->ids);
	free(rp->idlen);
	free(rp->failed_ix);
	free(rp->unknown_ix);
	free(rp->na_ix);
	free(rp->expect_want);
	free(rp->order);
	free(rp);
}

/* The format's start, once, before anything else it writes. */
static void
start(struct report *rp)
{
	if (rp->started)
		return;
	rp->started = 1;
	if (rp->format->start != NULL)
		rp->format->start(rp);
}

int
report_file(struct report *rp, const struct record *hdr,
    const struct report_columns *cols)
{
	if (cols != NULL)
		rp->cols = *cols;
	else {
		rp->cols.id = HEADER_ABSENT;
		rp->cols.name = HEADER_ABSENT;
		rp->cols.expected_status = HEADER_ABSENT;
		rp->cols.expected_failed = HEADER_ABSENT;
		rp->cols.expected_unknown = HEADER_ABSENT;
	}
	start(rp);
	if (hdr != NULL && rp->format->file != NULL)
		rp->format->file(rp, hdr);
	return output_status(&rp->out);
}

/*
 * Nonzero when all n findings at f passed: most records' case, told
 * without a branch per finding.
 */
static int
all_pass(const struct finding *f, size_t n)
{
	unsigned any = 0;
	size_t i;

	for (i = 0; i < n; i++)
		any |= (unsigned)f[i].outcome;
	return any == 0;
}

/*
 * Counts the record and lists its failed and unknown criteria in e (none
 * for an ERROR record).  By rules_judge()'s verdict, a FAIL or REVIEW
 * record has a criterion that did not pass, and a PASS record has none
 * when every criterion is required, so only a PASS record under advisory
 * criteria needs a look first.
 */
static void
tally(struct report *rp, struct entry *e)
{
	const struct finding *f = e->findings;
	size_t i;

	rp->counts[e->verdict]++;
	e->failed = rp->failed_ix;
	e->unknown = rp->unknown_ix;
	e->not_applicable = rp->na_ix;
	e->nfailed = 0;
	e->nunknown = 0;
	e->nnot_applicable = 0;
	if (e->verdict == VERDICT_ERROR ||
	    (e->verdict == VERDICT_PASS &&
	        (rp->all_required || all_pass(f, rp->nrules))))
		return;
	for (i = 0; i < rp->nrules; i++) {
		if (f[i].outcome == OUTCOME_PASS)
			continue;
		if (f[i].outcome == OUTCOME_FAIL) {
			rp->nfail[i]++;
			rp->failed_ix[e->nfailed++] = i;
		} else if (f[i].outcome == OUTCOME_NOT_APPLICABLE) {
			rp->na_ix[e->nnot_applicable++] = i;
		} else {
			rp->nunknown[i]++;
			rp->unknown_ix[e->nunknown++] = i;
		}
	}
}

/* Counts the record, then hands it to the format. */
static int
report_entry(struct report *rp, struct entry *e)
{
	if ((unsigned)e->verdict >= VERDICT_COUNT)
		e->verdict = VERDICT_ERROR;
	tally(rp, e);
	if (e->old != NULL && compare_changed(rp, e))
		rp->changed++;
	start(rp);
	if (rp->out.failed)
		return -1;
	if (rp->opt.only != 0 && (rp->opt.only & (1u << e->verdict)) == 0)
		return output_status(&rp->out);
	if (rp->opt.summary_only)
		return output_status(&rp->out);
	if (e->verdict == VERDICT_ERROR)
		rp->format->error(rp, e);
	else
		rp->format->record(rp, e);
	return output_status(&rp->out);
}

/*
 * A report that writes nothing for each record (the summary alone, or
 * no stream) only counts, once its start is out.
 */
int
report_record(struct report *rp, const struct record *rec, const size_t *col,
    enum verdict v, const struct finding *f)
{
	struct entry e = { rec, col, v, f, NULL, 0, NULL, 0, NULL, 0, NULL, 0,
		NULL };

	/* Nothing was written: no write can have failed since the last. */
	if (rp->count_only && rp->started && (unsigned)v < VERDICT_ERROR) {
		tally(rp, &e);
		return rp->out.failed ? -1 : 0;
	}
	if ((unsigned)v >= VERDICT_ERROR) {
		e.verdict = VERDICT_ERROR;
		e.findings = NULL;
		e.message = "";
	}
	return report_entry(rp, &e);
}

int
report_error(
    struct report *rp, const struct record *rec, const struct error *err)
{
	struct entry e = { rec, NULL, VERDICT_ERROR, NULL, err->msg, err->line,
		NULL, 0, NULL, 0, NULL, 0, NULL };

	return report_entry(rp, &e);
}

int
report_compare(struct report *rp, const struct record *rec, const size_t *col,
    enum verdict v, const struct finding *f, const size_t *old_col,
    enum verdict old_v, const struct finding *old_f)
{
	struct entry e = { rec, col, v, f, NULL, 0, NULL, 0, NULL, 0, NULL, 0,
		NULL };
	struct entry old = { rec, old_col, old_v, old_f, NULL, 0, NULL, 0, NULL,
		0, NULL, 0, NULL };

	if ((unsigned)v >= VERDICT_ERROR || (unsigned)old_v >= VERDICT_ERROR ||
	    rp->old == NULL)
		return report_record(rp, rec, col, v, f);
	tally(rp->old, &old);
	rp->moves[old_v][v]++;
	e.old = &old;
	return report_entry(rp, &e);
}

int
report_plan(struct report *rp, const struct record *hdr)
{
	if (rp->format->plan == NULL)
		return 0;
	return rp->format->plan(rp, hdr);
}

void
report_note_bad_utf8(struct report *rp)
{
	rp->bad_utf8 = 1;
}

int
report_finish(struct report *rp)
{
	start(rp);
	if (rp->format->finish != NULL)
		rp->format->finish(rp);
	return output_flush(&rp->out);
}

int
report_flush(struct report *rp)
{
	return output_flush(&rp->out);
}

unsigned long
report_count(const struct report *rp, enum verdict v)
{
	if ((unsigned)v >= VERDICT_COUNT)
		return 0;
	return rp->counts[v];
}

int
report_write_errno(const struct report *rp)
{
	return rp->out.failed ? rp->out.errnum : 0;
}

const char *
report_write_dir(const struct report *rp)
{
	return rp->out.failed ? rp->failed_dir : NULL;
}

const char *
report_write_why(const struct report *rp)
{
	return rp->out.failed && rp->out.why[0] != '\0' ? rp->out.why : NULL;
}

unsigned long
report_mismatches(const struct report *rp)
{
	return rp->mismatches;
}

unsigned long
report_changed(const struct report *rp)
{
	return rp->changed;
}

unsigned long
report_expect_errors(const struct report *rp)
{
	return rp->expect_errors;
}
