/*
 * format_compare_jsonl.c - the --compare-rules report as JSON lines:
 * one object per record whose decision the new rule set changes.
 *
 * {"file":F,"line":N,"id":I,"name":M,"old":{"rules":{"name":R,
 * "hash":H},"status":S,"failed":[...],"unknown":[...],
 * "reasons":{ID:REASON,...}},"new":{...}}, "id" and "name" null where
 * the input has no such column.
 */
#include <stdio.h>
#include <string.h>

#include "compare.h"
#include "format.h"

/* One "ID":"REASON" member, after a comma unless it is the first. */
static void
json_reason(struct report *rp, const char *id, size_t idlen, size_t k,
    const char *text, size_t len)
{
	if (k > 0)
		out_byte(&rp->out, ',');
	out_json(&rp->out, id, idlen);
	out_byte(&rp->out, ':');
	out_json(&rp->out, text, len);
}

static void
side(struct report *rp, const struct entry *e, enum compare_side s)
{
	const struct report *by = s == COMPARE_OLD ? rp->old : rp;
	const struct entry *x = s == COMPARE_OLD ? e->old : e;
	const char *name = rules_name(by->rules);
	char *d;

	out_str(&rp->out,
	    s == COMPARE_OLD ? ",\"old\":{\"rules\":{\"name\":"
	                     : ",\"new\":{\"rules\":{\"name\":");
	out_json(&rp->out, name, strlen(name));
	out_str(&rp->out, ",\"hash\":\"");
	out_str(&rp->out, rules_hash(by->rules));
	d = out_room(&rp->out, compare_ids_room(rp) + 64);
	if (d == NULL)
		return;
	d = put_str(d, "\"},\"status\":\"");
	d = put_str(d, verdict_name(x->verdict));
	d = put_str(d, "\",\"failed\":[");
	d = compare_put_ids(rp, d, e, s, 0, ',', 1);
	d = put_str(d, "],\"unknown\":[");
	d = compare_put_ids(rp, d, e, s, 1, ',', 1);
	d = put_str(d, "],\"reasons\":{");
	out_done(&rp->out, d);
	compare_each_reason(rp, e, s, json_reason);
	out_str(&rp->out, "}}");
}

/* "key":"cell" or "key":null. */
static void
key_cell(struct report *rp, const char *key, const struct field *f)
{
	out_str(&rp->out, key);
	if (f == NULL)
		out_str(&rp->out, "null");
	else
		out_json(&rp->out, f->ptr, f->len);
}

static void
compare_jsonl_record(struct report *rp, const struct entry *e)
{
	const char *file = report_file_of(e->rec);

	if (e->old == NULL || !compare_changed(rp, e))
		return;
	out_str(&rp->out, "{\"file\":");
	out_json(&rp->out, file, strlen(file));
	out_str(&rp->out, ",\"line\":");
	out_ulong(&rp->out, e->rec->line);
	key_cell(rp, ",\"id\":", report_cell(e->rec, rp->cols.id));
	key_cell(rp, ",\"name\":", report_cell(e->rec, rp->cols.name));
	side(rp, e, COMPARE_OLD);
	side(rp, e, COMPARE_NEW);
	out_str(&rp->out, "}\n");
}

const struct format format_compare_jsonl = {
	.name = "jsonl",
	.flags = FORMAT_COMPARE,
	.record = compare_jsonl_record,
	.error = compare_jsonl_record,
};
