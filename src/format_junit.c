/*
 * format_junit.c - the --expect report as JUnit XML, for CI systems
 * (Jenkins, GitLab, GitHub's test reporters): one <testsuite> per input
 * file, one <testcase> per record, named by its applicant_id (else
 * "line N") with the file as its classname; a <failure> for a decision
 * that differs from the one expected, an <error> for a fixture's cell
 * that is wrong, each with the expected and actual decisions and the
 * reasons.  Each suite's <properties> name the rule set, its hash, the
 * profile and the as-of date.  The shape is that of Jenkins' JUnit
 * schema (tests/schema/junit.xsd checks it).
 *
 * A suite's counts stand in its opening tag but are known only at its
 * end: its test cases are written to a temporary file (the report's
 * output is pointed at it), then copied out after the tag.  Memory stays
 * bounded however many records there are.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "expect.h"
#include "format.h"
#include "value.h"

struct junit_state {
	FILE *spool; /* the open suite's test cases */
	FILE *stream; /* the report's own stream, while spooling */
	int spooling; /* the open suite's test cases are in the spool */
	char *suite; /* the open suite's file name (a copy), or NULL */
	unsigned long tests, failures, errors;
	char text[EXPECT_DESCRIBE_MAX];
};

/* An attribute: name="value", escaped. */
static void
attr(struct report *rp, const char *name, const char *value, size_t n)
{
	out_byte(&rp->out, ' ');
	out_str(&rp->out, name);
	out_str(&rp->out, "=\"");
	out_html(&rp->out, value, n);
	out_byte(&rp->out, '"');
}

static void
attr_ulong(struct report *rp, const char *name, unsigned long v)
{
	out_byte(&rp->out, ' ');
	out_str(&rp->out, name);
	out_str(&rp->out, "=\"");
	out_ulong(&rp->out, v);
	out_byte(&rp->out, '"');
}

/* One reason, on a line of its own in the failure's text. */
static void
junit_reason(
    struct report *rp, size_t i, size_t k, const char *reason, size_t len)
{
	(void)k;
	out_str(&rp->out, "\n");
	out_html(&rp->out, rp->ids[i], rp->idlen[i]);
	out_str(&rp->out, ": ");
	out_html(&rp->out, reason, len);
}

static void
property(struct report *rp, const char *name, const char *value)
{
	out_str(&rp->out, "      <property");
	attr(rp, "name", name, strlen(name));
	attr(rp, "value", value, strlen(value));
	out_str(&rp->out, "/>\n");
}

/*
 * Ends the open suite: its tag with its counts, its properties, then its
 * test cases from the spool.
 */
static void
close_suite(struct report *rp)
{
	struct junit_state *st = rp->state;
	char buf[8192], day[11];
	size_t n;

	if (st->suite == NULL)
		return;
	output_drain(&rp->out);
	if (st->spooling)
		rp->out.stream = st->stream;
	if (rp->out.stream == NULL) {
		free(st->suite);
		st->suite = NULL;
		return;
	}
	out_str(&rp->out, "  <testsuite");
	attr(rp, "name", st->suite, strlen(st->suite));
	attr_ulong(rp, "tests", st->tests);
	attr_ulong(rp, "failures", st->failures);
	attr_ulong(rp, "errors", st->errors);
	out_str(&rp->out, ">\n    <properties>\n");
	property(rp, "rules", rules_name(rp->rules));
	property(rp, "rules_hash", rules_hash(rp->rules));
	if (rp->opt.profile != NULL) {
		property(rp, "profile", rp->opt.profile);
		property(rp, "profile_hash", rp->opt.profile_hash);
	}
	property(rp, "as_of", value_format_date(rp->asof, day));
	out_str(&rp->out, "    </properties>\n");
	if (st->spooling &&
	    (fflush(st->spool) != 0 || fseek(st->spool, 0, SEEK_SET) != 0))
		rp->out.failed = 1;
	while (st->spooling && !rp->out.failed &&
	    (n = fread(buf, 1, sizeof(buf), st->spool)) > 0)
		out_bytes(&rp->out, buf, n);
	if (st->spooling && ferror(st->spool))
		rp->out.failed = 1;
	st->spooling = 0;
	out_str(&rp->out, "  </testsuite>\n");
	free(st->suite);
	st->suite = NULL;
}

/*
 * Starts a suite for the input whose header is hdr, its test cases
 * going to the spool (emptied of the last suite's).
 */
static void
junit_file(struct report *rp, const struct record *hdr)
{
	struct junit_state *st = rp->state;
	const char *name = report_file_of(hdr);

	close_suite(rp);
	st->tests = st->failures = st->errors = 0;
	st->suite = strdup(name);
	if (st->suite == NULL) {
		rp->out.failed = 1;
		return;
	}
	st->stream = rp->out.stream;
	/* An error the stream already has is the report's, before the
	 * spool stands in for it. */
	if (st->stream == NULL || output_status(&rp->out) != 0)
		return;
	if (st->spool == NULL)
		st->spool = tmpfile();
	if (st->spool == NULL || fflush(st->spool) != 0 ||
	    ftruncate(fileno(st->spool), 0) != 0 ||
	    fseek(st->spool, 0, SEEK_SET) != 0) {
		rp->out.failed = 1;
		return;
	}
	output_drain(&rp->out);
	rp->out.stream = st->spool;
	st->spooling = 1;
}

static void
junit_start(struct report *rp)
{
	out_str(&rp->out,
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<testsuites name=\"civpol-screen --expect\">\n");
}

/* One test case: passed, failed or in error. */
static void
junit_record(struct report *rp, const struct entry *e)
{
	struct junit_state *st = rp->state;
	const struct field *id = report_cell(e->rec, rp->cols.id);
	const char *file = report_file_of(e->rec);
	const char *kind;
	struct expect_result r;
	char line[48];
	size_t n;
	int len;

	expect_judge(rp, e, &r);
	st->tests++;
	out_str(&rp->out, "    <testcase");
	if (id != NULL && id->len > 0)
		attr(rp, "name", id->ptr, id->len);
	else {
		len = snprintf(line, sizeof(line), "line %lu", e->rec->line);
		attr(rp, "name", line, (size_t)len);
	}
	attr(rp, "classname", file, strlen(file));
	if (r.match) {
		out_str(&rp->out, "/>\n");
		return;
	}
	if (r.problem == EXPECT_FINE) {
		st->failures++;
		kind = "failure";
	} else {
		st->errors++;
		kind = "error";
	}
	n = expect_describe(rp, e, &r, st->text, sizeof(st->text));
	out_str(&rp->out, ">\n      <");
	out_str(&rp->out, kind);
	attr(rp, "type", r.problem == EXPECT_FINE ? "mismatch" : "fixture",
	    r.problem == EXPECT_FINE ? 8 : 7);
	attr(rp, "message", st->text, n);
	out_byte(&rp->out, '>');
	out_html(&rp->out, file, strlen(file));
	len = snprintf(line, sizeof(line), ":%lu: ", e->rec->line);
	out_bytes(&rp->out, line, (size_t)len);
	out_html(&rp->out, st->text, n);
	if (r.problem == EXPECT_FINE && e->verdict != VERDICT_ERROR)
		report_each_reason(rp, e, junit_reason);
	out_str(&rp->out, "</");
	out_str(&rp->out, kind);
	out_str(&rp->out, ">\n    </testcase>\n");
}

static void
junit_finish(struct report *rp)
{
	close_suite(rp);
	out_str(&rp->out, "</testsuites>\n");
}

static void
junit_release(struct report *rp)
{
	struct junit_state *st = rp->state;

	if (st->spool != NULL)
		(void)fclose(st->spool);
	free(st->suite);
}

const struct format format_junit = {
	.name = "junit",
	.flags = FORMAT_EXPECT,
	.state_size = sizeof(struct junit_state),
	.start = junit_start,
	.file = junit_file,
	.record = junit_record,
	.error = junit_record,
	.finish = junit_finish,
	.release = junit_release,
};
