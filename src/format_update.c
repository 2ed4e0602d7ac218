/*
 * format_update.c - the --update report: each record whose decision
 * differs from its fixture's expected_ cells is said as the text
 * --expect report says it, and noted in the fixture (fixture.h) with the
 * decision got, for main.c to write the fixture again once every record
 * is read.  Then a count.  Not a format to choose with --format: --update
 * picks it.
 */
#include <stdlib.h>
#include <string.h>

#include "expect.h"
#include "fixture.h"
#include "format.h"

struct update_state {
	unsigned long changed;
	char text[EXPECT_DESCRIBE_MAX];
	/* The decision's ids, joined with ';'. */
	char *ids;
	size_t ids_cap;
};

static void
update_file(struct report *rp, const struct record *hdr)
{
	const size_t col[FIXTURE_COLUMNS] = { rp->cols.expected_status,
		rp->cols.expected_failed, rp->cols.expected_unknown };
	struct error err;

	if (rp->opt.fixture != NULL &&
	    fixture_header(rp->opt.fixture, hdr, col, &err) != 0) {
		/* Said as a problem of the fixture; nothing is written. */
		rp->expect_errors++;
		out_text(&rp->out, err.msg, strlen(err.msg));
		out_byte(&rp->out, '\n');
	}
}

/* ids (n of them) joined with ';' into *at of buf; returns the end. */
static char *
put_ids(const struct report *rp, char *d, const size_t *ix, size_t n)
{
	d = report_put_ids(rp, d, ix, n, ';', 0);
	*d++ = '\0';
	return d;
}

static void
update_record(struct report *rp, const struct entry *e)
{
	struct update_state *st = rp->state;
	struct expect_result r;
	const char *cell[FIXTURE_COLUMNS];
	size_t need = 2 * rp->ids_room + 2 * rp->nrules + 8;
	char *d, *grown;

	expect_judge(rp, e, &r);
	if (r.match || e->verdict == VERDICT_ERROR)
		return;
	st->changed++;
	if (r.problem != EXPECT_NO_COLUMN)
		expect_write_line(rp, e, &r, st->text);
	if (rp->opt.fixture == NULL)
		return;
	if (need > st->ids_cap) {
		grown = realloc(st->ids, need);
		if (grown == NULL) {
			rp->out.failed = 1;
			return;
		}
		st->ids = grown;
		st->ids_cap = need;
	}
	cell[0] = verdict_name(e->verdict);
	cell[1] = st->ids;
	d = put_ids(rp, st->ids, e->failed, e->nfailed);
	cell[2] = d;
	(void)put_ids(rp, d, e->unknown, e->nunknown);
	if (fixture_change(rp->opt.fixture, e->rec->offset, cell) != 0)
		rp->out.failed = 1;
}

static void
update_finish(struct report *rp)
{
	struct update_state *st = rp->state;
	unsigned long total = 0;
	int v;

	for (v = 0; v < VERDICT_COUNT; v++)
		total += rp->counts[v];
	out_str(&rp->out, "update: ");
	out_ulong(&rp->out, total);
	out_str(&rp->out, total == 1 ? " record, " : " records, ");
	out_ulong(&rp->out, st->changed);
	out_str(&rp->out, " changed\n");
}

static void
update_release(struct report *rp)
{
	struct update_state *st = rp->state;

	free(st->ids);
}

const struct format format_update = {
	.name = "update",
	.flags = FORMAT_EXPECT | FORMAT_UPDATE,
	.state_size = sizeof(struct update_state),
	.file = update_file,
	.record = update_record,
	.error = update_record,
	.finish = update_finish,
	.release = update_release,
};
