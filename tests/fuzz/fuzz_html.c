/*
 * fuzz_html.c - libFuzzer harness: arbitrary bytes as a value of the
 * html report, through put_html() and chart_label_cut().
 *
 * Checked: no crash; the text is within put_html()'s bound of 6n bytes
 * and valid UTF-8, with no control byte, no < > " or ', an & only where a
 * reference to one of & < > " ' starts, and no noncharacter, C1 control
 * or bidirectional override; bytes that need none of that come out
 * unchanged; and a label cut anywhere by chart_label_cut() is cut
 * between characters: its two parts, escaped one after the other, give
 * the text of the whole.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "output.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The five references that put_html() writes. */
static const char *const refs[] = { "&amp;", "&lt;", "&gt;", "&quot;",
	"&#39;" };

/* Checks the n bytes of text at t as put_html() promises them. */
static void
check_text(const char *t, size_t n)
{
	const unsigned char *u = (const unsigned char *)t;
	size_t i = 0, k, r, bad, len;

	if (!utf8_valid(u, n))
		abort();
	while (i < n) {
		if (u[i] < 0x20 || u[i] == 0x7f || u[i] == '<' || u[i] == '>' ||
		    u[i] == '"' || u[i] == '\'')
			abort();
		if (u[i] == '&') {
			for (r = 0; r < sizeof(refs) / sizeof(refs[0]); r++) {
				len = strlen(refs[r]);
				if (n - i >= len &&
				    memcmp(t + i, refs[r], len) == 0)
					break;
			}
			if (r == sizeof(refs) / sizeof(refs[0]))
				abort();
			i += len;
			continue;
		}
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		k = utf8_sequence(u + i, n - i, &bad);
		if (k == 0 || utf8_control(u + i, k) != 0)
			abort();
		/* U+FDD0..U+FDEF and U+nFFFE, U+nFFFF. */
		if ((k == 3 && u[i] == 0xef && u[i + 1] == 0xb7 &&
		        u[i + 2] >= 0x90 && u[i + 2] <= 0xaf) ||
		    (k == 3 && u[i] == 0xef && u[i + 1] == 0xbf &&
		        u[i + 2] >= 0xbe) ||
		    (k == 4 && (u[i + 1] & 0x0f) == 0x0f && u[i + 2] == 0xbf &&
		        u[i + 3] >= 0xbe))
			abort();
		i += k;
	}
}

/* Nonzero when put_html() has nothing to change in the n bytes at s. */
static int
plain(const unsigned char *s, size_t n)
{
	size_t i;

	if (!utf8_valid(s, n))
		return 0;
	for (i = 0; i < n; i++)
		if (s[i] < 0x20 || s[i] == 0x7f || s[i] == '&' || s[i] == '<' ||
		    s[i] == '>' || s[i] == '"' || s[i] == '\'' ||
		    s[i] == 0xc2 || s[i] == 0xe2 || s[i] == 0xef ||
		    s[i] >= 0xf0)
			return 0;
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	char *whole, *parts, *end, *mid;
	size_t n, cut, most;

	if (size > (1 << 16))
		return 0;
	whole = malloc(6 * size + 1);
	parts = malloc(6 * size + 1);
	if (whole == NULL || parts == NULL)
		abort();
	end = put_html(whole, s, size);
	n = (size_t)(end - whole);
	if (n > 6 * size)
		abort();
	check_text(whole, n);
	if (plain(data, size) && (n != size || memcmp(whole, s, size) != 0))
		abort();
	most = size > 0 ? data[0] % 64 : 0;
	cut = chart_label_cut(s, size, most);
	if (cut > size || (most >= size && cut != size))
		abort();
	mid = put_html(parts, s, cut);
	end = put_html(mid, s + cut, size - cut);
	if ((size_t)(end - parts) != n || memcmp(parts, whole, n) != 0)
		abort();
	free(whole);
	free(parts);
	return 0;
}
