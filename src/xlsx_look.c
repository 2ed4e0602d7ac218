/*
 * xlsx_look.c - what a workbook's cell can hold; see xlsx_look.h.
 *
 * The width of a character is the usual terminal's guess (as wcwidth()
 * gives it), from a short table of ranges: close enough to size a
 * column, which is all it is used for.
 */
#include <stdio.h>
#include <string.h>

#include "utf8.h"
#include "xlsx_look.h"

/* A range of code points, both ends included. */
struct range {
	uint32_t lo;
	uint32_t hi;
};

/* Combining marks: no width of their own. */
static const struct range zero_width[] = {
	{ 0x0300, 0x036f },
	{ 0x1ab0, 0x1aff },
	{ 0x1dc0, 0x1dff },
	{ 0x200b, 0x200f },
	{ 0x20d0, 0x20ff },
	{ 0xfe00, 0xfe0f },
	{ 0xfe20, 0xfe2f },
};

/* East Asian wide and full-width characters, and pictographs. */
static const struct range double_width[] = {
	{ 0x1100, 0x115f },
	{ 0x2e80, 0x303e },
	{ 0x3041, 0x33ff },
	{ 0x3400, 0x4dbf },
	{ 0x4e00, 0x9fff },
	{ 0xa000, 0xa4cf },
	{ 0xac00, 0xd7a3 },
	{ 0xf900, 0xfaff },
	{ 0xfe30, 0xfe4f },
	{ 0xff00, 0xff60 },
	{ 0xffe0, 0xffe6 },
	{ 0x1f300, 0x1f64f },
	{ 0x1f900, 0x1f9ff },
	{ 0x20000, 0x3fffd },
};

static int
in_ranges(uint32_t cp, const struct range *r, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++)
		if (cp >= r[k].lo && cp <= r[k].hi)
			return 1;
	return 0;
}

/* The code point of the well-formed k-byte sequence at s (k >= 2). */
static uint32_t
decode(const unsigned char *s, size_t k)
{
	uint32_t cp = s[0] & (0x7fu >> k);
	size_t i;

	for (i = 1; i < k; i++)
		cp = (cp << 6) | (s[i] & 0x3fu);
	return cp;
}

static size_t
cp_width(uint32_t cp)
{
	if (in_ranges(cp, zero_width, sizeof(zero_width) / sizeof(*zero_width)))
		return 0;
	if (in_ranges(
	        cp, double_width, sizeof(double_width) / sizeof(*double_width)))
		return 2;
	return 1;
}

static int
is_hex(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	    (c >= 'A' && c <= 'F');
}

/* Nonzero when the n bytes at s start with "_xHHHH_" (x or X). */
static int
escape_like(const unsigned char *s, size_t n)
{
	return n >= 7 && s[0] == '_' && (s[1] == 'x' || s[1] == 'X') &&
	    is_hex(s[2]) && is_hex(s[3]) && is_hex(s[4]) && is_hex(s[5]) &&
	    s[6] == '_';
}

/* The usual cell: short ASCII text with no NUL and no '_'. */
static int
plain(const char *s, size_t n)
{
	return n <= XLSX_LOOK_CHARS_MAX &&
	    utf8_all_ascii((const unsigned char *)s, n) &&
	    memchr(s, '\0', n) == NULL && memchr(s, '_', n) == NULL;
}

size_t
xlsx_look_text(char *d, const char *s, size_t n, size_t *width, int *cut)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, len = 0, chars = 0, w = 0, k, bad;

	*cut = 0;
	if (n > 0 && plain(s, n)) {
		memcpy(d, s, n);
		d[n] = '\0';
		for (i = 0; i < n; i++)
			w += u[i] >= 0x20;
		*width = w;
		return n;
	}
	while (i < n) {
		if (u[i] >= 0x80) {
			if (chars + 1 > XLSX_LOOK_CHARS_MAX)
				break;
			k = utf8_sequence(u + i, n - i, &bad);
			if (k == 0) {
				memcpy(d + len, "\xef\xbf\xbd", 3);
				len += 3;
				w++;
				i += bad;
			} else {
				memcpy(d + len, s + i, k);
				len += k;
				w += cp_width(decode(u + i, k));
				i += k;
			}
			chars++;
		} else if (u[i] == '\0' || escape_like(u + i, n - i)) {
			if (chars + 7 > XLSX_LOOK_CHARS_MAX)
				break;
			memcpy(
			    d + len, u[i] == '\0' ? "_x0000_" : "_x005F_", 7);
			len += 7;
			chars += 7;
			w += u[i] != '\0';
			i++;
		} else {
			if (chars + 1 > XLSX_LOOK_CHARS_MAX)
				break;
			w += u[i] >= 0x20;
			d[len++] = s[i++];
			chars++;
		}
	}
	*cut = i < n;
	d[len] = '\0';
	*width = w;
	return len;
}

double
xlsx_look_column_width(size_t chars)
{
	if (chars > XLSX_LOOK_WIDTH_MAX)
		chars = XLSX_LOOK_WIDTH_MAX;
	return (double)chars + 2.0;
}

int
xlsx_look_sheet_full(
    unsigned long rows, unsigned long long bytes, unsigned long long row_bytes)
{
	if (rows >= XLSX_LOOK_ROWS_MAX)
		return 1;
	if (rows < 2)
		return 0;
	return row_bytes > XLSX_LOOK_SHEET_BYTES ||
	    bytes > XLSX_LOOK_SHEET_BYTES - row_bytes;
}

char *
xlsx_look_sheet_name(char *buf, const char *base, unsigned long k)
{
	if (k <= 1)
		(void)snprintf(buf, XLSX_LOOK_NAME_ROOM, "%s", base);
	else
		(void)snprintf(buf, XLSX_LOOK_NAME_ROOM, "%s %lu", base, k);
	return buf;
}

enum xlsx_look_fill
xlsx_look_fill_of_outcome(enum outcome o)
{
	switch (o) {
	case OUTCOME_FAIL:
		return XLSX_LOOK_FAILED;
	case OUTCOME_UNKNOWN:
		return XLSX_LOOK_UNKNOWN;
	default:
		return XLSX_LOOK_PLAIN;
	}
}

enum xlsx_look_fill
xlsx_look_fill_of_verdict(enum verdict v)
{
	switch (v) {
	case VERDICT_PASS:
		return XLSX_LOOK_PASSED;
	case VERDICT_FAIL:
		return XLSX_LOOK_FAILED;
	case VERDICT_REVIEW:
		return XLSX_LOOK_UNKNOWN;
	default:
		return XLSX_LOOK_ERROR;
	}
}

struct xlsx_look_colours
xlsx_look_colours_of(enum xlsx_look_fill f)
{
	/* Excel's Good, Neutral and Bad cell styles, and white on dark
	 * red for a record that could not be read. */
	static const struct xlsx_look_colours colours[XLSX_LOOK_NFILLS] = {
		[XLSX_LOOK_PLAIN] = { 0, 0 },
		[XLSX_LOOK_PASSED] = { 0xc6efce, 0x006100 },
		[XLSX_LOOK_UNKNOWN] = { 0xffeb9c, 0x9c5700 },
		[XLSX_LOOK_FAILED] = { 0xffc7ce, 0x9c0006 },
		[XLSX_LOOK_ERROR] = { 0xc00000, 0xffffff },
	};

	if ((unsigned)f >= XLSX_LOOK_NFILLS)
		f = XLSX_LOOK_PLAIN;
	return colours[f];
}
