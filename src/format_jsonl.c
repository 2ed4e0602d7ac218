/*
 * format_jsonl.c - the jsonl report: one JSON object per record and
 * line, for a program at the other end of a pipe.
 *
 * {"file":F,"line":N,"id":I,"name":M,"status":S,"failed":[...],
 * "unknown":[...],"reasons":{ID:REASON,...}} with "id" and "name" where
 * the file has those columns, "not_applicable":[...] after "unknown" for
 * a rule set with when clauses, and "error" for an ERROR record.  Always
 * valid UTF-8: an ill-formed input byte becomes U+FFFD.
 */
#include <string.h>

#include "format.h"

/* One "ID":"REASON" member of "reasons", after a comma unless first. */
static void
json_reason(
    struct report *rp, size_t i, size_t k, const char *reason, size_t len)
{
	char *d = out_room(&rp->out, rp->idlen[i] + 6 * len + 8);

	if (d == NULL)
		return;
	if (k > 0)
		*d++ = ',';
	*d++ = '"';
	d = put_bytes(d, rp->ids[i], rp->idlen[i]);
	d = put_str(d, "\":\"");
	d = put_json(d, reason, len);
	*d++ = '"';
	out_done(&rp->out, d);
}

/*
 * One object on one line.  The part before the reasons asks for room
 * once.
 */
static void
json_record(struct report *rp, const struct entry *e)
{
	const struct field *id = report_cell(e->rec, rp->cols.id);
	const struct field *name = report_cell(e->rec, rp->cols.name);
	const char *file = report_file_of(e->rec);
	size_t flen = strlen(file);
	size_t idlen = id != NULL ? id->len : 0;
	size_t namelen = name != NULL ? name->len : 0;
	char *d;

	/* Each byte escaped at worst, the ids quoted, the fixed text. */
	d = out_room(&rp->out,
	    6 * (flen + idlen + namelen) + rp->ids_room + 2 * rp->nrules +
	        OUTPUT_ULONG_ROOM + 128);
	if (d == NULL)
		return;
	d = put_str(d, "{\"file\":\"");
	d = put_json(d, file, flen);
	d = put_str(d, "\",\"line\":");
	d = put_ulong(d, e->rec->line);
	if (id != NULL) {
		d = put_str(d, ",\"id\":\"");
		d = put_json(d, id->ptr, idlen);
		*d++ = '"';
	}
	if (name != NULL) {
		d = put_str(d, ",\"name\":\"");
		d = put_json(d, name->ptr, namelen);
		*d++ = '"';
	}
	d = put_str(d, ",\"status\":\"");
	d = put_str(d, verdict_name(e->verdict));
	d = put_str(d, "\",\"failed\":[");
	d = report_put_ids(rp, d, e->failed, e->nfailed, ',', 1);
	d = put_str(d, "],\"unknown\":[");
	d = report_put_ids(rp, d, e->unknown, e->nunknown, ',', 1);
	if (rules_conditional(rp->rules)) {
		d = put_str(d, "],\"not_applicable\":[");
		d = report_put_ids(
		    rp, d, e->not_applicable, e->nnot_applicable, ',', 1);
	}
	d = put_str(d, "],\"reasons\":{");
	out_done(&rp->out, d);
	if (e->verdict == VERDICT_ERROR) {
		out_str(&rp->out, "},\"error\":");
		out_json(&rp->out, e->message != NULL ? e->message : "",
		    e->message != NULL ? strlen(e->message) : 0);
		out_str(&rp->out, "}\n");
		return;
	}
	report_each_reason(rp, e, json_reason);
	out_str(&rp->out, "}}\n");
}

const struct format format_jsonl = {
	.name = "jsonl",
	.flags = FORMAT_ONLY,
	.state_size = 0,
	.record = json_record,
	.error = json_record,
};
