/*
 * chart.h - the geometry of the html report's bar chart: how long each
 * bar and each part of it is drawn, and how much of a label fits.
 *
 * A bar stands for one criterion: the records that failed it, then
 * those it was unknown for, as two parts of one bar.  The longest bar
 * (the largest total) spans the whole width and every other is in
 * proportion to it, rounded to the nearest unit, so that bars compare by
 * eye; a count that is not zero always shows, as a part at least one
 * unit long, however small against the largest.
 */
#ifndef CIVPOL_CHART_H
#define CIVPOL_CHART_H

#include <stddef.h>

/* A bar's parts, in units of the chart's width. */
struct chart_bar {
	unsigned fail;
	unsigned unknown;
};

/*
 * The length of a bar for count v on a chart whose longest bar, for
 * count max, is width units long: v * width / max rounded to the
 * nearest unit, at least 1 when v is not 0, at most width (a v over max
 * counts as max); 0 when v or max is 0.
 */
unsigned chart_scale(unsigned long v, unsigned long max, unsigned width);

/*
 * The parts of the bar for nfail failures and nunknown unknowns, on a
 * chart whose largest total is max and whose width is width (at least
 * 2): the failures' part is chart_scale(nfail), and the bar as a whole
 * chart_scale(nfail + nunknown), so that bars of equal totals are equally
 * long; each part is at least 1 when its count is not 0, and the two
 * together are at most width.
 */
struct chart_bar chart_bar(unsigned long nfail, unsigned long nunknown,
    unsigned long max, unsigned width);

/*
 * The number of bytes of the n bytes at s that make up its first most
 * characters, never cutting a character (an ill-formed byte sequence is
 * one character, as put_html() shows it): all n when s has no more than
 * most characters.
 */
size_t chart_label_cut(const char *s, size_t n, size_t most);

#endif
