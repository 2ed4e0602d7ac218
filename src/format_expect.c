/*
 * format_expect.c - the --expect report: only the records whose decision
 * differs from their expected_status and expected_failed columns, as
 * FILE:LINE: expected FAIL [passport], got PASS [], then a count.
 *
 * An expected_failed cell is criterion ids joined with ';'; when it is
 * not empty, the set of failed criteria must be that set too.  A cell
 * of a million ids is compared in linear time: at most EXPECT_IDS_MAX
 * distinct ids are listed (then "..."), and each piece is compared with
 * at most that many.
 */
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "header.h"
#include "value.h"

/* The most distinct expected_failed ids that an expect line lists. */
#define EXPECT_IDS_MAX 64

struct expect_state {
	unsigned char *want; /* per criterion, and one for unknown ids */
};

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
 * Calls each() for every trimmed non-empty id of an expected_failed cell
 * (n bytes at s), in the order given, with its rank among them.  When
 * distinct is set, an id that an earlier piece gave is skipped, and once
 * EXPECT_IDS_MAX distinct ids are out, each() gets "..." for the rest.
 */
static void
each_expected_id(struct report *rp, const char *s, size_t n, int distinct,
    void (*each)(struct report *, const char *, size_t, size_t))
{
	const char *seen[EXPECT_IDS_MAX];
	size_t seen_len[EXPECT_IDS_MAX];
	size_t start = 0, end, k = 0, len, j;
	const char *id;

	while (start <= n) {
		for (end = start; end < n && s[end] != ';'; end++)
			continue;
		id = s + start;
		len = end - start;
		start = end + 1;
		value_trim(&id, &len);
		if (len == 0)
			continue;
		if (distinct) {
			for (j = 0; j < k; j++)
				if (seen_len[j] == len &&
				    memcmp(seen[j], id, len) == 0)
					break;
			if (j < k)
				continue;
			if (k == EXPECT_IDS_MAX) {
				each(rp, "...", 3, k);
				return;
			}
			seen[k] = id;
			seen_len[k] = len;
		}
		each(rp, id, len, k++);
	}
}

/* Marks an expected id in want; an unknown id marks want[nrules]. */
static void
mark_expected(struct report *rp, const char *id, size_t len, size_t k)
{
	struct expect_state *st = rp->state;

	(void)k;
	st->want[find_id(rp, id, len)] = 1;
}

/* Writes an expected id, after a ';' unless it is the first. */
static void
write_expected(struct report *rp, const char *id, size_t len, size_t k)
{
	if (k > 0)
		out_byte(&rp->out, ';');
	out_text(&rp->out, id, len);
}

/* Writes FILE:LINE: and counts a mismatch. */
static void
mismatch(struct report *rp, const struct record *rec)
{
	const char *file = report_file_of(rec);

	rp->mismatches++;
	out_text(&rp->out, file, strlen(file));
	out_byte(&rp->out, ':');
	out_ulong(&rp->out, rec->line);
	out_str(&rp->out, ": ");
}

/*
 * Nonzero when the failed criteria of e differ from the expected ids in
 * the n bytes at s.
 */
static int
failed_differ(struct report *rp, const struct entry *e, const char *s, size_t n)
{
	struct expect_state *st = rp->state;
	size_t i, k;

	/* want[nrules] marks an expected id that no rule has. */
	memset(st->want, 0, rp->nrules + 1);
	each_expected_id(rp, s, n, 0, mark_expected);
	for (k = 0; k < e->nfailed; k++)
		st->want[e->failed[k]] ^= 1;
	for (i = 0; i <= rp->nrules; i++)
		if (st->want[i])
			return 1;
	return 0;
}

static void
expect_record(struct report *rp, const struct entry *e)
{
	const struct record *rec = e->rec;
	const struct field *st = report_cell(rec, rp->cols.expected_status);
	const struct field *ef = report_cell(rec, rp->cols.expected_failed);
	const char *s = NULL, *fs = NULL;
	size_t n = 0, fn = 0;
	char quoted[ERROR_QUOTE_BUF];
	enum verdict want;
	int check = 0, differ;
	char *d;

	if (rp->cols.expected_status == HEADER_ABSENT) {
		mismatch(rp, rec);
		out_str(&rp->out, "no expected_status column\n");
		return;
	}
	if (st != NULL) {
		s = st->ptr;
		n = st->len;
		value_trim(&s, &n);
	}
	if (n == 0) {
		mismatch(rp, rec);
		out_str(&rp->out, "expected_status: missing\n");
		return;
	}
	want = verdict_parse(s, n);
	if (want == VERDICT_COUNT) {
		mismatch(rp, rec);
		out_str(&rp->out, "expected_status: invalid value ");
		out_str(&rp->out,
		    error_quote(quoted, sizeof(quoted), st->ptr, st->len));
		out_byte(&rp->out, '\n');
		return;
	}
	if (ef != NULL) {
		fs = ef->ptr;
		fn = ef->len;
		value_trim(&fs, &fn);
		check = fn > 0;
	}
	differ = want != e->verdict || (check && failed_differ(rp, e, fs, fn));
	if (!differ)
		return;
	mismatch(rp, rec);
	out_str(&rp->out, "expected ");
	out_str(&rp->out, verdict_name(want));
	if (check) {
		out_str(&rp->out, " [");
		each_expected_id(rp, fs, fn, 1, write_expected);
		out_byte(&rp->out, ']');
	}
	out_str(&rp->out, ", got ");
	out_str(&rp->out, verdict_name(e->verdict));
	if (e->verdict == VERDICT_ERROR) {
		out_str(&rp->out, " (");
		if (e->message != NULL)
			out_text(&rp->out, e->message, strlen(e->message));
		out_byte(&rp->out, ')');
	}
	if (check) {
		d = out_room(&rp->out, rp->ids_room + 2 * rp->nrules + 4);
		if (d == NULL)
			return;
		d = put_str(d, " [");
		d = report_put_ids(rp, d, e->failed, e->nfailed, ';', 0);
		*d++ = ']';
		out_done(&rp->out, d);
	}
	out_byte(&rp->out, '\n');
}

static int
expect_init(struct report *rp)
{
	struct expect_state *st = rp->state;

	st->want = calloc(rp->nrules + 1, 1);
	return st->want != NULL ? 0 : -1;
}

static void
expect_finish(struct report *rp)
{
	unsigned long total = 0;
	int v;

	for (v = 0; v < VERDICT_COUNT; v++)
		total += rp->counts[v];
	out_str(&rp->out, "expect: ");
	out_ulong(&rp->out, total);
	out_str(&rp->out, " records, ");
	out_ulong(&rp->out, rp->mismatches);
	out_str(&rp->out, " mismatches\n");
}

static void
expect_release(struct report *rp)
{
	struct expect_state *st = rp->state;

	free(st->want);
}

const struct format format_expect = {
	.name = "text",
	.flags = FORMAT_EXPECT,
	.state_size = sizeof(struct expect_state),
	.init = expect_init,
	.record = expect_record,
	.error = expect_record,
	.finish = expect_finish,
	.release = expect_release,
};
