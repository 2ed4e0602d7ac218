/*
 * expect.c - a record's decision against the one its fixture expects;
 * see expect.h.
 *
 * Ids are found through the report's table of ids (a linear search per
 * id: a cell names a few), and a cell of a million ids is compared in
 * linear time: each is marked once in a byte per criterion.
 */
#include <string.h>

#include "expect.h"
#include "header.h"
#include "value.h"

/* The index of the criterion whose id is n bytes at s, or rp->nrules. */
static size_t
find_id(const struct report *rp, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < rp->nrules; i++)
		if (rp->idlen[i] == n && memcmp(rp->ids[i], s, n) == 0)
			return i;
	return rp->nrules;
}

/*
 * The next id of a cell of n bytes at s (ids joined with ';', each
 * trimmed, the empty ones skipped), from *start on: 1 with *id and *len,
 * or 0 at the end.
 */
static int
next_id(const char *s, size_t n, size_t *start, const char **id, size_t *len)
{
	size_t end;

	while (*start <= n) {
		for (end = *start; end < n && s[end] != ';'; end++)
			continue;
		*id = s + *start;
		*len = end - *start;
		*start = end + 1;
		value_trim(id, len);
		if (*len > 0)
			return 1;
	}
	return 0;
}

void
expect_each_id(struct report *rp, const char *s, size_t n, void *ctx,
    void (*each)(void *ctx, const char *id, size_t len, size_t k))
{
	const char *seen[EXPECT_IDS_MAX] = { NULL };
	size_t seen_len[EXPECT_IDS_MAX] = { 0 };
	size_t start = 0, k = 0, len, j;
	const char *id;

	(void)rp;
	while (next_id(s, n, &start, &id, &len)) {
		for (j = 0; j < k; j++)
			if (seen_len[j] == len && memcmp(seen[j], id, len) == 0)
				break;
		if (j < k)
			continue;
		if (k == EXPECT_IDS_MAX) {
			each(ctx, "...", 3, k);
			return;
		}
		seen[k] = id;
		seen_len[k] = len;
		each(ctx, id, len, k++);
	}
}

const size_t *
expect_actual(const struct entry *e, enum expect_column c, size_t *n)
{
	if (c == EXPECT_UNKNOWN) {
		*n = e->nunknown;
		return e->unknown;
	}
	*n = e->nfailed;
	return e->failed;
}

const char *
expect_column_name(enum expect_column c)
{
	return c == EXPECT_UNKNOWN ? "expected_unknown" : "expected_failed";
}

/* The trimmed cell of column index k of rec: *s and *n (0 if none). */
static void
cell(const struct record *rec, size_t k, const char **s, size_t *n)
{
	const struct field *f = report_cell(rec, k);

	*s = "";
	*n = 0;
	if (f == NULL)
		return;
	*s = f->ptr;
	*n = f->len;
	value_trim(s, n);
}

/*
 * Marks the ids of the cell (n bytes at s) in want, each once; returns
 * 0, or -1 with r's problem set at the first id no rule has.
 */
static int
mark(struct report *rp, const char *s, size_t n, enum expect_column c,
    struct expect_result *r)
{
	size_t start = 0, len, i;
	const char *id;

	while (next_id(s, n, &start, &id, &len)) {
		i = find_id(rp, id, len);
		if (i == rp->nrules) {
			r->problem = EXPECT_UNKNOWN_ID;
			r->what = id;
			r->what_len = len;
			r->where = c;
			return -1;
		}
		rp->expect_want[i] = 1;
	}
	return 0;
}

/* Nonzero when e's ids in column c are exactly those marked in want. */
static int
same_ids(struct report *rp, const struct entry *e, enum expect_column c)
{
	const size_t *ix;
	size_t n, k, i;

	ix = expect_actual(e, c, &n);
	for (k = 0; k < n; k++)
		rp->expect_want[ix[k]] ^= 1;
	for (i = 0; i < rp->nrules; i++)
		if (rp->expect_want[i])
			return 0;
	return 1;
}

void
expect_judge(struct report *rp, const struct entry *e, struct expect_result *r)
{
	static const enum expect_column lists[] = { EXPECT_FAILED,
		EXPECT_UNKNOWN };
	size_t k, n;
	const char *s;
	int same = 1;

	memset(r, 0, sizeof(*r));
	r->want = VERDICT_COUNT;
	cell(e->rec, rp->cols.expected_failed, &r->ids[EXPECT_FAILED],
	    &r->ids_len[EXPECT_FAILED]);
	cell(e->rec, rp->cols.expected_unknown, &r->ids[EXPECT_UNKNOWN],
	    &r->ids_len[EXPECT_UNKNOWN]);
	if (rp->cols.expected_status == HEADER_ABSENT) {
		r->problem = EXPECT_NO_COLUMN;
		rp->mismatches++;
		return;
	}
	cell(e->rec, rp->cols.expected_status, &s, &n);
	if (n == 0) {
		r->problem = EXPECT_MISSING;
		rp->mismatches++;
		return;
	}
	r->want = verdict_parse(s, n);
	if (r->want == VERDICT_COUNT) {
		r->problem = EXPECT_INVALID;
		r->what = s;
		r->what_len = n;
		rp->mismatches++;
		return;
	}
	for (k = 0; k < sizeof(lists) / sizeof(lists[0]); k++) {
		if (r->ids_len[lists[k]] == 0)
			continue;
		memset(rp->expect_want, 0, rp->nrules + 1);
		if (mark(rp, r->ids[lists[k]], r->ids_len[lists[k]], lists[k],
		        r) != 0) {
			rp->expect_errors++;
			return;
		}
		if (same)
			same = same_ids(rp, e, lists[k]);
	}
	r->match = r->want == e->verdict && same;
	if (!r->match)
		rp->mismatches++;
}

/* A bounded writer into a caller's buffer, as ruletest.h's reasons are. */
struct words {
	char *buf;
	size_t size;
	size_t len;
};

static void
add(struct words *w, const char *s, size_t n)
{
	size_t room = w->size - 1 - w->len;

	if (n > room)
		n = room;
	memcpy(w->buf + w->len, s, n);
	w->len += n;
	w->buf[w->len] = '\0';
}

static void
add_str(struct words *w, const char *s)
{
	add(w, s, strlen(s));
}

/* An expected id, after ';' unless it is the first. */
static void
add_expected(void *ctx, const char *id, size_t len, size_t k)
{
	struct words *w = ctx;

	if (k > 0)
		add(w, ";", 1);
	add(w, id, len);
}

/* The ids of e's column c, joined with ';', in brackets. */
static void
add_actual(struct report *rp, struct words *w, const struct entry *e,
    enum expect_column c)
{
	const size_t *ix;
	size_t n, k;

	ix = expect_actual(e, c, &n);
	add(w, "[", 1);
	for (k = 0; k < n; k++) {
		if (k > 0)
			add(w, ";", 1);
		add(w, rp->ids[ix[k]], rp->idlen[ix[k]]);
	}
	add(w, "]", 1);
}

size_t
expect_describe(struct report *rp, const struct entry *e,
    const struct expect_result *r, char *buf, size_t size)
{
	char quoted[ERROR_QUOTE_BUF];
	struct words w = { buf, size, 0 };

	if (size == 0)
		return 0;
	buf[0] = '\0';
	switch (r->problem) {
	case EXPECT_NO_COLUMN:
		add_str(&w, "no expected_status column");
		return w.len;
	case EXPECT_MISSING:
		add_str(&w, "expected_status: missing");
		return w.len;
	case EXPECT_INVALID:
		add_str(&w, "expected_status: invalid value ");
		add_str(&w,
		    error_quote(quoted, sizeof(quoted), r->what, r->what_len));
		return w.len;
	case EXPECT_UNKNOWN_ID:
		add_str(&w, expect_column_name(r->where));
		add_str(&w, ": no criterion ");
		add_str(&w,
		    error_quote(quoted, sizeof(quoted), r->what, r->what_len));
		add_str(&w, " in the rule set");
		return w.len;
	case EXPECT_FINE:
		break;
	}
	add_str(&w, "expected ");
	add_str(&w, verdict_name(r->want));
	if (r->ids_len[EXPECT_FAILED] > 0) {
		add_str(&w, " [");
		expect_each_id(rp, r->ids[EXPECT_FAILED],
		    r->ids_len[EXPECT_FAILED], &w, add_expected);
		add_str(&w, "]");
	}
	if (r->ids_len[EXPECT_UNKNOWN] > 0) {
		add_str(&w, " unknown [");
		expect_each_id(rp, r->ids[EXPECT_UNKNOWN],
		    r->ids_len[EXPECT_UNKNOWN], &w, add_expected);
		add_str(&w, "]");
	}
	add_str(&w, ", got ");
	add_str(&w, verdict_name(e->verdict));
	if (e->verdict == VERDICT_ERROR) {
		add_str(&w, " (");
		if (e->message != NULL)
			add_str(&w, e->message);
		add_str(&w, ")");
	}
	if (r->ids_len[EXPECT_FAILED] > 0) {
		add_str(&w, " ");
		add_actual(rp, &w, e, EXPECT_FAILED);
	}
	if (r->ids_len[EXPECT_UNKNOWN] > 0) {
		add_str(&w, " unknown ");
		add_actual(rp, &w, e, EXPECT_UNKNOWN);
	}
	return w.len;
}

/* Writes FILE:LINE: and, where there is one, ID: */
static void
where(struct report *rp, const struct record *rec)
{
	const char *file = report_file_of(rec);
	const struct field *id = report_cell(rec, rp->cols.id);

	out_text(&rp->out, file, strlen(file));
	out_byte(&rp->out, ':');
	out_ulong(&rp->out, rec->line);
	out_str(&rp->out, ": ");
	if (id != NULL && id->len > 0) {
		out_text(&rp->out, id->ptr, id->len);
		out_str(&rp->out, ": ");
	}
}

/* "ID: REASON", after "; " unless it is the first. */
static void
write_reason(
    struct report *rp, size_t i, size_t k, const char *reason, size_t len)
{
	out_str(&rp->out, k > 0 ? "; " : ": ");
	out_bytes(&rp->out, rp->ids[i], rp->idlen[i]);
	out_str(&rp->out, ": ");
	out_text(&rp->out, reason, len);
	if (!rules_required(rp->rules, i))
		out_str(&rp->out, " (advisory)");
}

void
expect_write_line(struct report *rp, const struct entry *e,
    const struct expect_result *r, char *scratch)
{
	size_t n;

	where(rp, e->rec);
	n = expect_describe(rp, e, r, scratch, EXPECT_DESCRIBE_MAX);
	out_text(&rp->out, scratch, n);
	if (r->problem == EXPECT_FINE && e->verdict != VERDICT_ERROR)
		report_each_reason(rp, e, write_reason);
	out_byte(&rp->out, '\n');
}
