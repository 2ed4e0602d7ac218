/*
 * verdict.c - the names of the verdicts; see verdict.h.
 */
#include "ascii.h"
#include "verdict.h"

static const char *const upper[VERDICT_COUNT] = { "PASS", "FAIL", "REVIEW",
	"ERROR" };
static const char *const lower[VERDICT_COUNT] = { "pass", "fail", "review",
	"error" };

const char *
verdict_name(enum verdict v)
{
	return (unsigned)v < VERDICT_COUNT ? upper[v] : "?";
}

enum verdict
verdict_parse(const char *s, size_t n)
{
	int v;

	for (v = 0; v < VERDICT_COUNT; v++)
		if (ascii_equal_fold(s, n, lower[v]))
			return (enum verdict)v;
	return VERDICT_COUNT;
}
