/*
 * format_tap.c - the --expect report as TAP, for Perl's prove and the
 * harnesses that read it: "TAP version 13" (Debian's prove 3.44 refuses
 * a version 14 line), one test point per record, "not ok" with a YAML
 * block (message, file, line, expected, got, reasons) for a decision
 * that differs or a fixture's cell that is wrong, and the plan at the
 * end, once the count is known.  YAML strings are double-quoted, with
 * the escapes that prove's reader knows (put_yaml()).
 */
#include <string.h>

#include "expect.h"
#include "format.h"
#include "utf8.h"

/*
 * The n bytes at s inside a YAML double-quoted string, as prove's
 * YAMLish reader reads it: '"' and '\\' escaped, a control byte, and
 * each byte of a character that YAML takes for a line break (U+0085,
 * U+2028, U+2029), as \xNN (the reader knows no \u), a byte that is no
 * UTF-8 as U+FFFD.  At most 4n bytes.
 */
static char *
put_yaml(char *d, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, k, bad, j;
	int brk;

	while (i < n) {
		if (u[i] == '"' || u[i] == '\\') {
			*d++ = '\\';
			*d++ = (char)u[i++];
			continue;
		}
		if (u[i] >= 0x20 && u[i] < 0x7f) {
			*d++ = (char)u[i++];
			continue;
		}
		k = u[i] < 0x80 ? 1 : utf8_sequence(u + i, n - i, &bad);
		if (k == 0) {
			d = put_str(d, "\xef\xbf\xbd");
			i += bad;
			continue;
		}
		brk = u[i] < 0x80 ||
		    (k == 2 && u[i] == 0xc2 && u[i + 1] == 0x85) ||
		    (k == 3 && u[i] == 0xe2 && u[i + 1] == 0x80 &&
		        (u[i + 2] == 0xa8 || u[i + 2] == 0xa9));
		for (j = 0; j < k; j++, i++) {
			if (!brk) {
				*d++ = (char)u[i];
				continue;
			}
			*d++ = '\\';
			*d++ = 'x';
			*d++ = hex[u[i] >> 4];
			*d++ = hex[u[i] & 15];
		}
	}
	return d;
}

struct tap_state {
	unsigned long n;
	char text[EXPECT_DESCRIBE_MAX];
};

static void
tap_start(struct report *rp)
{
	out_str(&rp->out, "TAP version 13\n");
}

/*
 * One reason as a member of the "reasons" mapping, keyed by its
 * criterion's id (letters, digits and '_': a plain YAML key).  Not a
 * list of "ID: REASON" strings: TAP::Parser's YAMLish reader (prove's)
 * takes a list item that holds ": " for a mapping, quoted or not.
 */
static void
tap_reason(
    struct report *rp, size_t i, size_t k, const char *reason, size_t len)
{
	char *d = out_room(&rp->out, rp->idlen[i] + 6 * len + 16);

	(void)k;
	if (d == NULL)
		return;
	d = put_str(d, "    ");
	d = put_bytes(d, rp->ids[i], rp->idlen[i]);
	d = put_str(d, ": \"");
	d = put_yaml(d, reason, len);
	d = put_str(d, "\"\n");
	out_done(&rp->out, d);
}

/* "  key: "value"" on a line, the value escaped. */
static void
yaml(struct report *rp, const char *key, const char *value, size_t n)
{
	char *d = out_room(&rp->out, strlen(key) + 4 * n + 8);

	if (d == NULL)
		return;
	d = put_str(d, "  ");
	d = put_str(d, key);
	d = put_str(d, ": \"");
	d = put_yaml(d, value, n);
	d = put_str(d, "\"\n");
	out_done(&rp->out, d);
}

/*
 * A test point's description: as the text report writes text, with
 * '#' and '\\' escaped, as TAP asks, so that a '#' in a name does not
 * start a directive ("# TODO" would hide a failure).
 */
static void
tap_description(struct report *rp, const char *s, size_t n)
{
	size_t start = 0, i;

	for (i = 0; i < n; i++) {
		if (s[i] != '#' && s[i] != '\\')
			continue;
		out_text(&rp->out, s + start, i - start);
		out_byte(&rp->out, '\\');
		out_byte(&rp->out, s[i]);
		start = i + 1;
	}
	out_text(&rp->out, s + start, n - start);
}

static void
tap_record(struct report *rp, const struct entry *e)
{
	struct tap_state *st = rp->state;
	const struct field *id = report_cell(e->rec, rp->cols.id);
	const char *file = report_file_of(e->rec);
	const char *status;
	struct expect_result r;
	size_t n;

	expect_judge(rp, e, &r);
	out_str(&rp->out, r.match ? "ok " : "not ok ");
	out_ulong(&rp->out, ++st->n);
	out_str(&rp->out, " - ");
	tap_description(rp, file, strlen(file));
	out_byte(&rp->out, ':');
	out_ulong(&rp->out, e->rec->line);
	if (id != NULL && id->len > 0) {
		out_byte(&rp->out, ' ');
		tap_description(rp, id->ptr, id->len);
	}
	out_byte(&rp->out, '\n');
	if (r.match)
		return;
	n = expect_describe(rp, e, &r, st->text, sizeof(st->text));
	out_str(&rp->out, "  ---\n");
	yaml(rp, "message", st->text, n);
	yaml(rp, "severity", r.problem == EXPECT_FINE ? "fail" : "error",
	    r.problem == EXPECT_FINE ? 4 : 5);
	yaml(rp, "file", file, strlen(file));
	out_str(&rp->out, "  line: ");
	out_ulong(&rp->out, e->rec->line);
	out_byte(&rp->out, '\n');
	if (r.problem == EXPECT_FINE) {
		status = verdict_name(r.want);
		yaml(rp, "expected", status, strlen(status));
		status = verdict_name(e->verdict);
		yaml(rp, "got", status, strlen(status));
		if (e->verdict != VERDICT_ERROR &&
		    e->nfailed + e->nunknown + e->nnot_applicable > 0) {
			out_str(&rp->out, "  reasons:\n");
			report_each_reason(rp, e, tap_reason);
		}
	}
	out_str(&rp->out, "  ...\n");
}

static void
tap_finish(struct report *rp)
{
	struct tap_state *st = rp->state;

	out_str(&rp->out, "1..");
	out_ulong(&rp->out, st->n);
	out_byte(&rp->out, '\n');
}

const struct format format_tap = {
	.name = "tap",
	.flags = FORMAT_EXPECT,
	.state_size = sizeof(struct tap_state),
	.start = tap_start,
	.record = tap_record,
	.error = tap_record,
	.finish = tap_finish,
};
