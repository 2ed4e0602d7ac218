/*
 * format_jsonl.c - the jsonl report: one JSON object per record and
 * line, for a program at the other end of a pipe.
 *
 * {"file":F,"line":N,"id":I,"name":M,"status":S,"failed":[...],
 * "unknown":[...],"reasons":{ID:REASON,...},"record":{HEADER:CELL,...},
 * "rules":{"name":R,"hash":H},"as_of":D}: "id" and "name" are null where
 * the input has no such column; "not_applicable":[...] follows "unknown"
 * for a rule set with when clauses; an ERROR record has "error" (the
 * reader's message) and "source" (its text as read) after "reasons";
 * "profile":{"name":P,"hash":H} comes before "as_of" when a profile is
 * in force.  "record" holds every column of the input, in its order,
 * under its header's name (a key written before gets " (2)", " (3)" ...,
 * the first that makes it unique), null where an ERROR record has no
 * such cell.  Always valid UTF-8: an ill-formed input byte becomes
 * U+FFFD.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "strindex.h"
#include "value.h"

struct json_state {
	/* The current input's columns, as the keys of "record": each one
	 * quoted, escaped and followed by ':', one after another. */
	char *keys;
	size_t *key_at; /* where each starts in keys; key_at[n] is the end */
	size_t nkeys;
	/* The tail every line ends with: rules, profile and as-of. */
	char *tail;
	size_t tail_len;
};

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

/* The length of what put_json() writes for the n bytes at s, at most. */
static size_t
json_room(size_t n)
{
	return 6 * n + 2;
}

/* What a lookup of a key among those made looks for. */
struct key_lookup {
	const struct json_state *st;
	const char *s; /* the quoted, escaped key */
	size_t n;
};

/* Nonzero when key k (less its ':') is the key looked up. */
static int
same_key(const void *ctx, size_t k)
{
	const struct key_lookup *lk = ctx;
	const struct json_state *st = lk->st;
	size_t len = st->key_at[k + 1] - st->key_at[k] - 1;

	return len == lk->n &&
	    memcmp(st->keys + st->key_at[k], lk->s, len) == 0;
}

/*
 * Appends the key of header cell s (n bytes) to the growing key buffer,
 * quoted and escaped, made unique among those before it: a key already
 * there gets " (2)", then " (3)" ..., the first that is not.  Compared
 * as written, so that two cells that write alike (bytes that are no
 * UTF-8 both become U+FFFD) are told apart too.  Returns 0, or -1 out
 * of memory.
 */
static int
add_key(struct json_state *st, struct strindex *seen, size_t *cap,
    const char *s, size_t n)
{
	struct key_lookup lk;
	unsigned long copy = 1;
	char num[32], *grown, *d, *start;
	size_t need, len = 0, base;

	need = st->key_at[st->nkeys] + json_room(n) + sizeof(num) + 4;
	if (st->keys == NULL || need > *cap) {
		*cap = need * 2;
		grown = realloc(st->keys, *cap);
		if (grown == NULL)
			return -1;
		st->keys = grown;
	}
	start = st->keys + st->key_at[st->nkeys];
	d = start;
	*d++ = '"';
	d = put_json(d, s, n);
	base = (size_t)(d - start);
	for (;;) {
		d = start + base;
		if (copy > 1) {
			len =
			    (size_t)snprintf(num, sizeof(num), " (%lu)", copy);
			d = put_bytes(d, num, len);
		}
		*d++ = '"';
		lk.st = st;
		lk.s = start;
		lk.n = (size_t)(d - start);
		if (strindex_find(seen, strindex_hash(lk.s, lk.n), same_key,
		        &lk) == (size_t)-1)
			break;
		copy++;
	}
	*d++ = ':';
	st->key_at[st->nkeys + 1] = (size_t)(d - st->keys);
	if (strindex_add(seen, strindex_hash(lk.s, lk.n), st->nkeys) != 0)
		return -1;
	st->nkeys++;
	return 0;
}

/*
 * Learns the input's columns.  Out of memory, "record" is empty for its
 * records: the rest of each line is still whole.
 */
static void
json_file(struct report *rp, const struct record *hdr)
{
	struct json_state *st = rp->state;
	struct strindex seen = STRINDEX_INIT;
	size_t k, cap = 0;

	free(st->keys);
	free(st->key_at);
	st->keys = NULL;
	st->nkeys = 0;
	st->key_at = calloc(hdr->nfields + 1, sizeof(*st->key_at));
	if (st->key_at == NULL)
		return;
	for (k = 0; k < hdr->nfields; k++)
		if (add_key(st, &seen, &cap, hdr->fields[k].ptr,
		        hdr->fields[k].len) != 0) {
			st->nkeys = 0;
			break;
		}
	strindex_release(&seen);
}

/* Writes "rules":{...}, "profile":{...} and "as_of" into st->tail. */
static int
json_init(struct report *rp)
{
	struct json_state *st = rp->state;
	const char *name = rules_name(rp->rules);
	const char *prof = rp->opt.profile;
	char day[11];
	size_t room = json_room(strlen(name)) + 128;
	char *d;

	if (prof != NULL)
		room += json_room(strlen(prof)) + 64;
	st->tail = malloc(room);
	if (st->tail == NULL)
		return -1;
	d = put_str(st->tail, ",\"rules\":{\"name\":\"");
	d = put_json(d, name, strlen(name));
	d = put_str(d, "\",\"hash\":\"");
	d = put_str(d, rules_hash(rp->rules));
	d = put_str(d, "\"}");
	if (prof != NULL) {
		d = put_str(d, ",\"profile\":{\"name\":\"");
		d = put_json(d, prof, strlen(prof));
		d = put_str(d, "\",\"hash\":\"");
		d = put_str(d, rp->opt.profile_hash);
		d = put_str(d, "\"}");
	}
	d = put_str(d, ",\"as_of\":\"");
	d = put_str(d, value_format_date(rp->asof, day));
	d = put_str(d, "\"}\n");
	st->tail_len = (size_t)(d - st->tail);
	return 0;
}

static void
json_release(struct report *rp)
{
	struct json_state *st = rp->state;

	free(st->keys);
	free(st->key_at);
	free(st->tail);
}

/* "id":"..." or "id":null for cell f. */
static char *
put_key_cell(char *d, const char *key, const struct field *f)
{
	d = put_str(d, key);
	if (f == NULL)
		return put_str(d, "null");
	*d++ = '"';
	d = put_json(d, f->ptr, f->len);
	*d++ = '"';
	return d;
}

/* "record":{...}: every column under its key. */
static void
put_record(struct report *rp, const struct record *rec)
{
	struct json_state *st = rp->state;
	size_t k, room = st->nkeys > 0 ? st->key_at[st->nkeys] + 16 : 16;
	char *d;

	for (k = 0; k < rec->nfields && k < st->nkeys; k++)
		room += json_room(rec->fields[k].len) + 6;
	room += 5 * st->nkeys;
	d = out_room(&rp->out, room);
	if (d == NULL)
		return;
	d = put_str(d, ",\"record\":{");
	for (k = 0; k < st->nkeys; k++) {
		if (k > 0)
			*d++ = ',';
		d = put_bytes(d, st->keys + st->key_at[k],
		    st->key_at[k + 1] - st->key_at[k]);
		if (k >= rec->nfields) {
			d = put_str(d, "null");
			continue;
		}
		*d++ = '"';
		d = put_json(d, rec->fields[k].ptr, rec->fields[k].len);
		*d++ = '"';
	}
	*d++ = '}';
	out_done(&rp->out, d);
}

/*
 * One object on one line.  The part before the reasons asks for room
 * once.
 */
static void
json_record(struct report *rp, const struct entry *e)
{
	struct json_state *st = rp->state;
	struct report_who w;
	char *d;

	report_who(rp, e, &w);
	/* Each byte escaped at worst, the ids quoted, the fixed text. */
	d = out_room(&rp->out,
	    6 * (w.flen + w.idlen + w.namelen) + rp->ids_room + 2 * rp->nrules +
	        OUTPUT_ULONG_ROOM + 128);
	if (d == NULL)
		return;
	d = put_str(d, "{\"file\":\"");
	d = put_json(d, w.file, w.flen);
	d = put_str(d, "\",\"line\":");
	d = put_ulong(d, e->rec->line);
	d = put_key_cell(d, ",\"id\":", w.id);
	d = put_key_cell(d, ",\"name\":", w.name);
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
		out_str(&rp->out, ",\"source\":");
		if (e->rec->source != NULL)
			out_json(&rp->out, e->rec->source, e->rec->source_len);
		else
			out_str(&rp->out, "null");
	} else {
		report_each_reason(rp, e, json_reason);
		out_byte(&rp->out, '}');
	}
	put_record(rp, e->rec);
	out_bytes(&rp->out, st->tail, st->tail_len);
}

const struct format format_jsonl = {
	.name = "jsonl",
	.flags = FORMAT_ONLY,
	.state_size = sizeof(struct json_state),
	.init = json_init,
	.file = json_file,
	.record = json_record,
	.error = json_record,
	.release = json_release,
};
