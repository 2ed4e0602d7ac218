/*
 * chart.c - the geometry of the html report's bar chart; see chart.h.
 *
 * Scaling is done in double: a count of records is exact in a double up
 * to 2^53, and beyond that a bar is still within a unit of its length,
 * where v * width in integers could wrap.
 */
#include "chart.h"
#include "utf8.h"

unsigned
chart_scale(unsigned long v, unsigned long max, unsigned width)
{
	double r;

	if (v == 0 || max == 0)
		return 0;
	if (v >= max)
		return width;
	r = (double)v * (double)width / (double)max + 0.5;
	if (r < 1.0)
		return 1;
	if (r >= (double)width)
		return width;
	return (unsigned)r;
}

struct chart_bar
chart_bar(unsigned long nfail, unsigned long nunknown, unsigned long max,
    unsigned width)
{
	struct chart_bar bar;
	unsigned long total = nfail + nunknown;
	unsigned whole;

	if (total < nfail)
		total = (unsigned long)-1; /* saturated: counts as max */
	bar.fail = chart_scale(nfail, max, width);
	whole = chart_scale(total, max, width);
	bar.unknown = whole - bar.fail;
	/* Rounding may leave a few unknowns no unit: give them one, taken
	 * from the failures' part when the bar is already full. */
	if (nunknown > 0 && bar.unknown == 0) {
		if (whole < width)
			bar.unknown = 1;
		else if (bar.fail > 1) {
			bar.fail--;
			bar.unknown = 1;
		}
	}
	return bar;
}

size_t
chart_label_cut(const char *s, size_t n, size_t most)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, k, bad, chars = 0;

	while (i < n && chars < most) {
		if (u[i] < 0x80) {
			i++;
		} else {
			k = utf8_sequence(u + i, n - i, &bad);
			i += k > 0 ? k : bad;
		}
		chars++;
	}
	return i;
}
