/*
 * utf8.c - what is and is not UTF-8; see utf8.h.
 *
 * Runs of ASCII, the usual text, are passed over eight bytes at a time.
 */
#include <stdint.h>
#include <string.h>

#include "utf8.h"

#define HIGHS UINT64_C(0x8080808080808080)

size_t
utf8_sequence(const unsigned char *s, size_t n, size_t *bad)
{
	unsigned char c = s[0], lo = 0x80, hi = 0xbf;
	size_t need, k;

	if (c >= 0xc2 && c <= 0xdf)
		need = 1;
	else if (c == 0xe0) {
		need = 2;
		lo = 0xa0;
	} else if (c == 0xed) {
		need = 2;
		hi = 0x9f;
	} else if (c >= 0xe1 && c <= 0xef)
		need = 2;
	else if (c == 0xf0) {
		need = 3;
		lo = 0x90;
	} else if (c == 0xf4) {
		need = 3;
		hi = 0x8f;
	} else if (c >= 0xf1 && c <= 0xf3)
		need = 3;
	else {
		*bad = 1;
		return 0;
	}
	for (k = 1; k <= need; k++) {
		if (k >= n || s[k] < lo || s[k] > hi) {
			*bad = k;
			return 0;
		}
		lo = 0x80;
		hi = 0xbf;
	}
	return need + 1;
}

unsigned
utf8_control(const unsigned char *s, size_t k)
{
	if (k == 2 && s[0] == 0xc2 && s[1] <= 0x9f)
		return s[1];
	if (k == 3 && s[0] == 0xe2 && s[1] == 0x80 && s[2] >= 0xaa &&
	    s[2] <= 0xae)
		return 0x2000u + (s[2] & 0x3fu);
	if (k == 3 && s[0] == 0xe2 && s[1] == 0x81 && s[2] >= 0xa6 &&
	    s[2] <= 0xa9)
		return 0x2040u + (s[2] & 0x3fu);
	return 0;
}

int
utf8_valid(const unsigned char *s, size_t n)
{
	size_t i = 0, k, bad;
	uint64_t w;

	while (i < n) {
		if (s[i] < 0x80) {
			i++;
			while (n - i >= 8) {
				memcpy(&w, s + i, 8);
				if ((w & HIGHS) != 0)
					break;
				i += 8;
			}
			continue;
		}
		k = utf8_sequence(s + i, n - i, &bad);
		if (k == 0)
			return 0;
		i += k;
	}
	return 1;
}
