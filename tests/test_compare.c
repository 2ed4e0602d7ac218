/*
 * test_compare.c - unit tests for compare.c: what the --compare-rules
 * reports share.  A report of a new rule set is made with an old set
 * beside it (report_new() with compare_old) whose criteria are the same
 * in part, in another order and with one renamed, so that the index of a
 * criterion in one set says nothing of its index in the other: lists
 * must be compared, and ids written, by name and by side.  Entries are
 * built by hand from the criteria's names, or, for the reasons, judged
 * by each set with rules_judge() from one record.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "header.h"
#include "report.h"
#include "rules.h"
#include "value.h"
#include "split.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

#define MAX_IDS 8
#define MAX_FIELDS 8

/* The new set: citizen 0, experience 1, english 2. */
static const char new_rules[] =
    "name new\n"
    "rule citizen    required true     us_citizen \"U.S. citizen\"\n"
    "rule experience required at-least 8 years  \"8 years\"\n"
    "rule english    advisory true     english    \"English\"\n";

/* The old set: english 0, citizen 1, exp 2 (experience, renamed). */
static const char old_rules[] =
    "name old\n"
    "rule english    advisory true     english    \"English\"\n"
    "rule citizen    required true     us_citizen \"U.S. citizen\"\n"
    "rule exp        required at-least 5 years    \"5 years\"\n";

struct fix {
	struct rules *new_set;
	struct rules *old_set;
	struct report *rp;
	int32_t asof;
};

static struct rules *
parse(const char *text)
{
	struct rules *r;
	struct error err;

	r = rules_parse(text, strlen(text), "compare.rules", &err);
	if (r == NULL)
		fail_msg("rules: %s", err.msg);
	return r;
}

static void
fix_open(struct fix *f)
{
	struct report_options opt;

	memset(f, 0, sizeof(*f));
	f->new_set = parse(new_rules);
	f->old_set = parse(old_rules);
	assert_int_equal(value_parse_iso("2026-01-01", &f->asof), 0);
	memset(&opt, 0, sizeof(opt));
	opt.format = report_format_find("text", REPORT_KIND_COMPARE);
	assert_non_null(opt.format);
	opt.compare_old = f->old_set;
	f->rp = report_new(NULL, &opt, f->new_set, f->asof);
	assert_non_null(f->rp);
	assert_non_null(f->rp->old);
}

static void
fix_close(struct fix *f)
{
	report_free(f->rp);
	rules_free(f->new_set);
	rules_free(f->old_set);
}

/* The criteria named in names (';'-joined, or NULL) as indices of rp's. */
static size_t
indices(const struct report *rp, const char *names, size_t *ix)
{
	size_t n = 0, i, len;
	const char *p = names, *end;

	while (p != NULL && *p != '\0') {
		end = strchr(p, ';');
		len = end != NULL ? (size_t)(end - p) : strlen(p);
		for (i = 0; i < rp->nrules; i++)
			if (rp->idlen[i] == len &&
			    memcmp(rp->ids[i], p, len) == 0)
				break;
		if (i == rp->nrules)
			fail_msg("no criterion %.*s", (int)len, p);
		assert_true(n < MAX_IDS);
		ix[n++] = i;
		p = end != NULL ? end + 1 : NULL;
	}
	return n;
}

/* A side of a record, by names. */
struct side_spec {
	enum verdict v;
	const char *failed;
	const char *unknown;
};

struct side {
	size_t failed[MAX_IDS];
	size_t unknown[MAX_IDS];
	struct entry e;
};

static void
side_build(struct side *s, const struct report *by, const struct side_spec *p,
    const struct record *rec)
{
	memset(s, 0, sizeof(*s));
	s->e.rec = rec;
	s->e.verdict = p->v;
	s->e.failed = s->failed;
	s->e.nfailed = indices(by, p->failed, s->failed);
	s->e.unknown = s->unknown;
	s->e.nunknown = indices(by, p->unknown, s->unknown);
}

static void
test_changed(void **state)
{
	static const struct {
		const char *name;
		int has_old;
		struct side_spec old, now;
		int changed;
	} cases[] = {
		{ "both pass", 1, { VERDICT_PASS, NULL, NULL },
		    { VERDICT_PASS, NULL, NULL }, 0 },
		{ "same name, other index", 1,
		    { VERDICT_FAIL, "citizen", NULL },
		    { VERDICT_FAIL, "citizen", NULL }, 0 },
		{ "same index, other name", 1,
		    { VERDICT_FAIL, "english", NULL },
		    { VERDICT_FAIL, "citizen", NULL }, 1 },
		{ "same names in another order", 1,
		    { VERDICT_FAIL, "english;citizen", NULL },
		    { VERDICT_FAIL, "citizen;english", NULL }, 0 },
		{ "a renamed criterion is another", 1,
		    { VERDICT_FAIL, "exp", NULL },
		    { VERDICT_FAIL, "experience", NULL }, 1 },
		{ "status alone changed", 1, { VERDICT_PASS, NULL, NULL },
		    { VERDICT_REVIEW, NULL, NULL }, 1 },
		{ "status changed, same ids", 1,
		    { VERDICT_FAIL, NULL, "citizen" },
		    { VERDICT_REVIEW, NULL, "citizen" }, 1 },
		{ "one failed more", 1, { VERDICT_FAIL, "citizen", NULL },
		    { VERDICT_FAIL, "citizen;english", NULL }, 1 },
		{ "one failed fewer", 1,
		    { VERDICT_FAIL, "citizen;english", NULL },
		    { VERDICT_FAIL, "english", NULL }, 1 },
		{ "failed same, unknown differ", 1,
		    { VERDICT_FAIL, "citizen", "english" },
		    { VERDICT_FAIL, "citizen", NULL }, 1 },
		{ "unknown same by name", 1,
		    { VERDICT_REVIEW, NULL, "english" },
		    { VERDICT_REVIEW, NULL, "english" }, 0 },
		{ "failed on one side, unknown on the other", 1,
		    { VERDICT_FAIL, "citizen", "english" },
		    { VERDICT_FAIL, "english", "citizen" }, 1 },
		{ "no old judgment", 0, { VERDICT_PASS, NULL, NULL },
		    { VERDICT_FAIL, "citizen", NULL }, 0 },
	};
	struct side o, n;
	struct record rec;
	struct fix f;
	size_t i;
	int got;

	(void)state;
	fix_open(&f);
	memset(&rec, 0, sizeof(rec));
	for (i = 0; i < NELEM(cases); i++) {
		side_build(&o, f.rp->old, &cases[i].old, &rec);
		side_build(&n, f.rp, &cases[i].now, &rec);
		n.e.old = cases[i].has_old ? &o.e : NULL;
		got = compare_changed(f.rp, &n.e) != 0;
		if (got != cases[i].changed)
			fail_msg("%s: changed %d, want %d", cases[i].name, got,
			    cases[i].changed);
	}
	fix_close(&f);
}

static void
test_put_ids(void **state)
{
	static const struct {
		const char *name;
		struct side_spec old, now;
		int has_old;
		enum compare_side s;
		int unknown;
		char sep;
		int json;
		const char *want;
	} cases[] = {
		{ "new failed", { VERDICT_FAIL, "exp", NULL },
		    { VERDICT_FAIL, "experience;english", NULL }, 1,
		    COMPARE_NEW, 0, ';', 0, "experience;english" },
		{ "old failed, by the old set's names",
		    { VERDICT_FAIL, "english;exp", NULL },
		    { VERDICT_FAIL, "citizen", NULL }, 1, COMPARE_OLD, 0, ';',
		    0, "english;exp" },
		{ "old unknown", { VERDICT_REVIEW, "exp", "citizen;english" },
		    { VERDICT_PASS, NULL, NULL }, 1, COMPARE_OLD, 1, ' ', 0,
		    "citizen english" },
		{ "new unknown, none", { VERDICT_REVIEW, NULL, "english" },
		    { VERDICT_FAIL, "english", NULL }, 1, COMPARE_NEW, 1, ';',
		    0, "" },
		{ "json", { VERDICT_FAIL, "exp;citizen", NULL },
		    { VERDICT_PASS, NULL, NULL }, 1, COMPARE_OLD, 0, ',', 1,
		    "\"exp\",\"citizen\"" },
		{ "json, one", { VERDICT_PASS, NULL, NULL },
		    { VERDICT_FAIL, "english", NULL }, 1, COMPARE_NEW, 0, ',',
		    1, "\"english\"" },
		{ "old side of a record with no old judgment",
		    { VERDICT_FAIL, "exp", NULL },
		    { VERDICT_FAIL, "citizen", NULL }, 0, COMPARE_OLD, 0, ';',
		    0, "" },
	};
	struct side o, n;
	struct record rec;
	struct fix f;
	char *buf, *end;
	size_t i, room;

	(void)state;
	fix_open(&f);
	memset(&rec, 0, sizeof(rec));
	room = compare_ids_room(f.rp);
	buf = malloc(room + 1);
	assert_non_null(buf);
	for (i = 0; i < NELEM(cases); i++) {
		side_build(&o, f.rp->old, &cases[i].old, &rec);
		side_build(&n, f.rp, &cases[i].now, &rec);
		n.e.old = cases[i].has_old ? &o.e : NULL;
		memset(buf, '#', room + 1);
		end = compare_put_ids(f.rp, buf, &n.e, cases[i].s,
		    cases[i].unknown, cases[i].sep, cases[i].json);
		if (end < buf || (size_t)(end - buf) > room ||
		    (size_t)(end - buf) != strlen(cases[i].want) ||
		    memcmp(buf, cases[i].want, (size_t)(end - buf)) != 0 ||
		    *end != '#')
			fail_msg("%s: wrote \"%.*s\", want \"%s\"",
			    cases[i].name, end >= buf ? (int)(end - buf) : 0,
			    buf, cases[i].want);
	}
	free(buf);
	fix_close(&f);
}

/*
 * compare_ids_room() holds the most either side can write: every
 * criterion failed, then every one unknown, json, of each side.
 */
static void
test_room(void **state)
{
	static const struct {
		const char *name;
		enum compare_side s;
		int unknown;
		int json;
	} cases[] = {
		{ "new failed", COMPARE_NEW, 0, 0 },
		{ "new unknown, json", COMPARE_NEW, 1, 1 },
		{ "old failed, json", COMPARE_OLD, 0, 1 },
		{ "old unknown", COMPARE_OLD, 1, 0 },
	};
	static const struct side_spec all_new = { VERDICT_FAIL,
		"citizen;experience;english", "citizen;experience;english" };
	static const struct side_spec all_old = { VERDICT_FAIL,
		"english;citizen;exp", "english;citizen;exp" };
	struct side o, n;
	struct record rec;
	struct fix f;
	char *buf, *end;
	size_t i, room;

	(void)state;
	fix_open(&f);
	memset(&rec, 0, sizeof(rec));
	room = compare_ids_room(f.rp);
	buf = malloc(room);
	assert_non_null(buf);
	side_build(&o, f.rp->old, &all_old, &rec);
	side_build(&n, f.rp, &all_new, &rec);
	n.e.old = &o.e;
	for (i = 0; i < NELEM(cases); i++) {
		/* Both lists of a side, one after the other, as reports do. */
		end = compare_put_ids(
		    f.rp, buf, &n.e, cases[i].s, 0, ',', cases[i].json);
		end = compare_put_ids(
		    f.rp, end, &n.e, cases[i].s, 1, ',', cases[i].json);
		if ((size_t)(end - buf) > room)
			fail_msg("%s: %zu bytes, room %zu", cases[i].name,
			    (size_t)(end - buf), room);
	}
	free(buf);
	fix_close(&f);
}

/* What compare_each_reason() handed on. */
struct heard {
	char text[2048];
	size_t len;
	size_t calls;
	int bad_rank;
};

static struct heard heard;

static void
hear(struct report *rp, const char *id, size_t idlen, size_t k,
    const char *reason, size_t len)
{
	(void)rp;
	if (k != heard.calls)
		heard.bad_rank = 1;
	heard.len += (size_t)snprintf(heard.text + heard.len,
	    sizeof(heard.text) - heard.len, "%s%.*s: %.*s",
	    heard.calls > 0 ? "; " : "", (int)idlen, id, (int)len, reason);
	heard.calls++;
}

/* One record judged by a set: its columns, findings and entry. */
struct judged {
	size_t col[4];
	struct finding f[8];
	size_t failed[8], unknown[8], na[8];
	struct entry e;
};

static void
judge(struct judged *j, const struct rules *r, const struct record *rec,
    int32_t asof)
{
	const struct column_want *w;
	struct error err;
	size_t nw, i;

	memset(j, 0, sizeof(*j));
	w = rules_columns(r, &nw);
	assert_true(nw <= NELEM(j->col));
	assert_int_equal(header_bind(&rec[0], w, nw, NULL, 0, j->col, &err), 0);
	j->e.rec = &rec[1];
	j->e.col = j->col;
	j->e.verdict = rules_judge(r, &rec[1], j->col, asof, j->f);
	j->e.findings = j->f;
	j->e.failed = j->failed;
	j->e.unknown = j->unknown;
	j->e.not_applicable = j->na;
	for (i = 0; i < rules_count(r); i++) {
		if (j->f[i].outcome == OUTCOME_FAIL)
			j->failed[j->e.nfailed++] = i;
		else if (j->f[i].outcome == OUTCOME_UNKNOWN)
			j->unknown[j->e.nunknown++] = i;
		else if (j->f[i].outcome == OUTCOME_NOT_APPLICABLE)
			j->na[j->e.nnot_applicable++] = i;
	}
}

/* Splits text at '|' into f; returns the count. */
static size_t
split(const char *text, struct field *f)
{
	return split_bars(text, strlen(text), f, MAX_FIELDS);
}

/*
 * compare_each_reason(): failed, then unknown criteria of the side asked
 * for, with that side's ids and that side's reasons, ranks from 0.
 */
static void
test_each_reason(void **state)
{
	static const struct {
		const char *name;
		const char *row; /* us_citizen|years|english */
		int has_old;
		enum compare_side s;
		const char *ids; /* the criteria heard, in order */
	} cases[] = {
		{ "new side: failed, then unknown", "no||no", 1, COMPARE_NEW,
		    "citizen;english;experience" },
		{ "old side: its order, its names", "no||no", 1, COMPARE_OLD,
		    "english;citizen;exp" },
		{ "old side passes, new fails", "yes|6|yes", 1, COMPARE_OLD,
		    "" },
		{ "new side of the same", "yes|6|yes", 1, COMPARE_NEW,
		    "experience" },
		{ "no old judgment: nothing of the old side", "no|1|no", 0,
		    COMPARE_OLD, "" },
		{ "all pass", "yes|9|yes", 1, COMPARE_NEW, "" },
	};
	struct field hf[MAX_FIELDS], rf[MAX_FIELDS];
	struct record rec[2];
	struct judged jn, jo;
	const struct rules *by;
	char reason[REPORT_REASON_MAX], want[2048];
	size_t ix[MAX_IDS], i, k, n, len;
	struct fix f;

	(void)state;
	fix_open(&f);
	memset(rec, 0, sizeof(rec));
	rec[0].nfields = split("us_citizen|years|english", hf);
	rec[0].fields = hf;
	rec[0].is_header = 1;
	rec[0].line = 1;
	for (i = 0; i < NELEM(cases); i++) {
		rec[1].nfields = split(cases[i].row, rf);
		rec[1].fields = rf;
		rec[1].line = 2;
		judge(&jn, f.new_set, rec, f.asof);
		judge(&jo, f.old_set, rec, f.asof);
		jn.e.old = cases[i].has_old ? &jo.e : NULL;
		memset(&heard, 0, sizeof(heard));
		compare_each_reason(f.rp, &jn.e, cases[i].s, hear);
		/* What should be heard: the side's ids, its set's reasons. */
		by = cases[i].s == COMPARE_OLD ? f.old_set : f.new_set;
		n = indices(cases[i].s == COMPARE_OLD ? f.rp->old : f.rp,
		    cases[i].ids, ix);
		want[0] = '\0';
		for (k = 0, len = 0; k < n; k++) {
			rules_reason(by, ix[k],
			    &(cases[i].s == COMPARE_OLD ? jo.f : jn.f)[ix[k]],
			    &rec[1],
			    cases[i].s == COMPARE_OLD ? jo.col : jn.col, f.asof,
			    reason, sizeof(reason));
			assert_true(reason[0] != '\0');
			len += (size_t)snprintf(want + len, sizeof(want) - len,
			    "%s%s: %s", k > 0 ? "; " : "", rules_id(by, ix[k]),
			    reason);
		}
		if (heard.calls != n || heard.bad_rank ||
		    strcmp(heard.text, want) != 0)
			fail_msg("%s: heard %zu \"%s\", want %zu \"%s\"",
			    cases[i].name, heard.calls, heard.text, n, want);
	}
	fix_close(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_changed),
		cmocka_unit_test(test_put_ids),
		cmocka_unit_test(test_room),
		cmocka_unit_test(test_each_reason),
	};

	return cmocka_run_group_tests_name("compare", tests, NULL, NULL);
}
