/*
 * format_expect.c - the --expect report as text: only the records whose
 * decision differs from what their fixture expects (expect.h), one line
 * each, then a count.
 *
 *   FILE:LINE: ID: expected FAIL [passport], got PASS []: REASONS
 *
 * ID where the input has an applicant_id; the ids in brackets where the
 * fixture's expected_failed cell is not empty, and "unknown [...]" after
 * them where its expected_unknown cell is not empty; the reasons of the
 * decision got, as the text report gives them.  A fixture's cell that
 * is wrong has its own line ("expected_status: missing",
 * "expected_failed: no criterion \"pasport\" in the rule set").
 */
#include <string.h>

#include "expect.h"
#include "format.h"

static void
expect_record(struct report *rp, const struct entry *e)
{
	struct expect_result r;

	expect_judge(rp, e, &r);
	if (!r.match)
		expect_write_line(rp, e, &r, rp->state);
}

/* "N record(s), M mismatch(es)", and the fixture's errors. */
static void
expect_finish(struct report *rp)
{
	unsigned long total = 0;
	int v;

	for (v = 0; v < VERDICT_COUNT; v++)
		total += rp->counts[v];
	out_str(&rp->out, "expect: ");
	out_ulong(&rp->out, total);
	out_str(&rp->out, total == 1 ? " record, " : " records, ");
	out_ulong(&rp->out, rp->mismatches);
	out_str(&rp->out, rp->mismatches == 1 ? " mismatch" : " mismatches");
	if (rp->expect_errors > 0) {
		out_str(&rp->out, ", ");
		out_ulong(&rp->out, rp->expect_errors);
		out_str(
		    &rp->out, rp->expect_errors == 1 ? " error" : " errors");
		out_str(&rp->out, " in the fixture");
	}
	out_byte(&rp->out, '\n');
}

const struct format format_expect = {
	.name = "text",
	.flags = FORMAT_EXPECT,
	.state_size = EXPECT_DESCRIBE_MAX,
	.record = expect_record,
	.error = expect_record,
	.finish = expect_finish,
};
