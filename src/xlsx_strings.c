/*
 * xlsx_strings.c - a workbook's shared strings; see xlsx_strings.h.
 *
 * The text of the <t> elements of each <si> (outside any <rPh>) is
 * appended to one growing buffer, and each <si>'s end noted, so that a
 * string costs its bytes and one offset.  Both grow by doubling, within
 * the limit.
 */
#include <stdlib.h>
#include <string.h>

#include "xmlpart.h"
#include "grow.h"
#include "xlsx_strings.h"

/* The state of reading sharedStrings.xml. */
struct reading {
	struct xlsx_strings *ss;
	int in_si;
	int in_t;
	int in_rph; /* depth of <rPh> elements */
};

/* What the table takes now, with want bytes and items more. */
static int
over(const struct xlsx_strings *ss, size_t bytes, size_t items)
{
	size_t index = (ss->n + items) * sizeof(size_t);

	return ss->used + bytes > ss->max ||
	    index > ss->max - (ss->used + bytes);
}

static void
on_start(struct xmlpart *x, void *ud, const char *name, const char **attrs)
{
	struct reading *r = ud;

	(void)x;
	(void)attrs;
	if (strcmp(name, "si") == 0)
		r->in_si = 1;
	else if (r->in_si && strcmp(name, "rPh") == 0)
		r->in_rph++;
	else if (r->in_si && r->in_rph == 0 && strcmp(name, "t") == 0)
		r->in_t = 1;
}

static void
on_end(struct xmlpart *x, void *ud, const char *name)
{
	struct reading *r = ud;
	struct xlsx_strings *ss = r->ss;

	if (strcmp(name, "t") == 0) {
		r->in_t = 0;
	} else if (strcmp(name, "rPh") == 0 && r->in_rph > 0) {
		r->in_rph--;
	} else if (strcmp(name, "si") == 0 && r->in_si) {
		r->in_si = 0;
		if (over(ss, 0, 1) ||
		    grow_array(&ss->end, &ss->ncap, ss->n + 1, sizeof(*ss->end),
		        256, ss->max / sizeof(*ss->end)) != 0) {
			xmlpart_fail(x,
			    "the shared strings take more than %zu "
			    "bytes, or memory ran out",
			    ss->max);
			return;
		}
		ss->end[ss->n++] = ss->used;
	}
}

static void
on_text(struct xmlpart *x, void *ud, const char *s, size_t n)
{
	struct reading *r = ud;
	struct xlsx_strings *ss = r->ss;

	if (!r->in_t)
		return;
	if (over(ss, n, 1) ||
	    grow_array(&ss->bytes, &ss->cap, ss->used + n, 1, 256, ss->max) !=
	        0) {
		xmlpart_fail(x,
		    "the shared strings take more than %zu bytes, "
		    "or memory ran out",
		    ss->max);
		return;
	}
	memcpy(ss->bytes + ss->used, s, n);
	ss->used += n;
}

int
xlsx_strings_read(struct xlsx_strings *ss, struct zipfile *z, const char *part,
    size_t max, struct error *err)
{
	static const struct xmlpart_handlers h = { on_start, on_end, on_text };
	struct reading r;

	memset(ss, 0, sizeof(*ss));
	ss->max = max != 0 ? max : XLSX_STRINGS_MAX;
	memset(&r, 0, sizeof(r));
	r.ss = ss;
	if (xmlpart_parse(z, part, &h, &r, err) != 0) {
		xlsx_strings_release(ss);
		return -1;
	}
	return 0;
}

int
xlsx_strings_get(
    const struct xlsx_strings *ss, unsigned long i, const char **s, size_t *n)
{
	size_t from;

	if (i >= ss->n)
		return -1;
	from = i > 0 ? ss->end[i - 1] : 0;
	*s = ss->bytes != NULL ? ss->bytes + from : "";
	*n = ss->end[i] - from;
	return 0;
}

void
xlsx_strings_release(struct xlsx_strings *ss)
{
	free(ss->bytes);
	free(ss->end);
	memset(ss, 0, sizeof(*ss));
}
