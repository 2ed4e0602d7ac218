/*
 * format_expect_jsonl.c - the --expect report as JSON lines: one object
 * per record, matched or not, for a program to read.
 *
 * {"file":F,"line":N,"id":I,"match":B,"expected":{"status":S,
 * "failed":[...],"unknown":[...]},"actual":{"status":S,"failed":[...],
 * "unknown":[...],"reasons":{ID:REASON,...}},"problem":P}: "id" null
 * where the input has none; an expected list null where its cell is
 * empty (not compared), each list its first EXPECT_IDS_MAX distinct
 * ids, and "status" null where the fixture's cell is
 * missing or invalid; "problem" null, or what is wrong with the
 * fixture's cells; "error" (the reader's message) in "actual" for an
 * ERROR record.
 */
#include <string.h>

#include "expect.h"
#include "format.h"

struct xjson_state {
	char text[EXPECT_DESCRIBE_MAX];
};

/*
 * One quoted id of a list, after a comma unless it is the first; past
 * EXPECT_IDS_MAX distinct ids, the "..." that stands for the rest is
 * not an id, and is left out.
 */
static void
json_id(void *ctx, const char *id, size_t len, size_t k)
{
	struct report *rp = ctx;

	if (k == EXPECT_IDS_MAX)
		return;
	if (k > 0)
		out_byte(&rp->out, ',');
	out_json(&rp->out, id, len);
}

/* One "ID":"REASON" member, after a comma unless it is the first. */
static void
json_reason(
    struct report *rp, size_t i, size_t k, const char *reason, size_t len)
{
	if (k > 0)
		out_byte(&rp->out, ',');
	out_json(&rp->out, rp->ids[i], rp->idlen[i]);
	out_byte(&rp->out, ':');
	out_json(&rp->out, reason, len);
}

/* "key":[ids] from a fixture's cell, or null when it is empty. */
static void
expected_list(struct report *rp, const char *key, const struct expect_result *r,
    enum expect_column c)
{
	out_str(&rp->out, key);
	if (r->problem != EXPECT_FINE && r->problem != EXPECT_UNKNOWN_ID) {
		out_str(&rp->out, "null");
		return;
	}
	if (r->ids_len[c] == 0) {
		out_str(&rp->out, "null");
		return;
	}
	out_byte(&rp->out, '[');
	expect_each_id(rp, r->ids[c], r->ids_len[c], rp, json_id);
	out_byte(&rp->out, ']');
}

static void
xjson_record(struct report *rp, const struct entry *e)
{
	struct xjson_state *st = rp->state;
	const struct field *id = report_cell(e->rec, rp->cols.id);
	const char *file = report_file_of(e->rec);
	struct expect_result r;
	size_t n;
	char *d;

	expect_judge(rp, e, &r);
	out_str(&rp->out, "{\"file\":");
	out_json(&rp->out, file, strlen(file));
	out_str(&rp->out, ",\"line\":");
	out_ulong(&rp->out, e->rec->line);
	out_str(&rp->out, ",\"id\":");
	if (id != NULL)
		out_json(&rp->out, id->ptr, id->len);
	else
		out_str(&rp->out, "null");
	out_str(&rp->out, r.match ? ",\"match\":true" : ",\"match\":false");
	out_str(&rp->out, ",\"expected\":{\"status\":");
	if (r.want < VERDICT_COUNT) {
		out_byte(&rp->out, '"');
		out_str(&rp->out, verdict_name(r.want));
		out_byte(&rp->out, '"');
	} else
		out_str(&rp->out, "null");
	expected_list(rp, ",\"failed\":", &r, EXPECT_FAILED);
	expected_list(rp, ",\"unknown\":", &r, EXPECT_UNKNOWN);
	d = out_room(&rp->out, 2 * rp->ids_room + 2 * rp->nrules + 96);
	if (d == NULL)
		return;
	d = put_str(d, "},\"actual\":{\"status\":\"");
	d = put_str(d, verdict_name(e->verdict));
	d = put_str(d, "\",\"failed\":[");
	d = report_put_ids(rp, d, e->failed, e->nfailed, ',', 1);
	d = put_str(d, "],\"unknown\":[");
	d = report_put_ids(rp, d, e->unknown, e->nunknown, ',', 1);
	d = put_str(d, "],\"reasons\":{");
	out_done(&rp->out, d);
	if (e->verdict != VERDICT_ERROR)
		report_each_reason(rp, e, json_reason);
	out_byte(&rp->out, '}');
	if (e->verdict == VERDICT_ERROR) {
		out_str(&rp->out, ",\"error\":");
		out_json(&rp->out, e->message != NULL ? e->message : "",
		    e->message != NULL ? strlen(e->message) : 0);
	}
	out_str(&rp->out, "},\"problem\":");
	if (r.problem == EXPECT_FINE)
		out_str(&rp->out, "null");
	else {
		n = expect_describe(rp, e, &r, st->text, sizeof(st->text));
		out_json(&rp->out, st->text, n);
	}
	out_str(&rp->out, "}\n");
}

const struct format format_expect_jsonl = {
	.name = "jsonl",
	.flags = FORMAT_EXPECT,
	.state_size = sizeof(struct xjson_state),
	.record = xjson_record,
	.error = xjson_record,
};
