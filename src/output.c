/*
 * output.c - the reports' output buffer and shared escapers; see
 * output.h.
 *
 * The JSON and HTML escapers copy runs of plain bytes eight at a time: with ones
 * = 0x0101..01 and highs = 0x8080..80, (x - k * ones) & ~x & highs is
 * nonzero exactly when a byte of x is below k (for k <= 0x80), and
 * x ^ (c * ones) has a zero byte where x has a byte c.
 */
#include <errno.h>
#include <stdlib.h>

#include "output.h"
#include "utf8.h"

#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

static const char hex_digit[] = "0123456789abcdef";

int
output_init(struct output *o, FILE *stream)
{
	o->stream = stream;
	o->len = 0;
	o->failed = 0;
	o->errnum = 0;
	o->why[0] = '\0';
	o->cap = OUTPUT_BUFSIZE;
	o->buf = malloc(OUTPUT_BUFSIZE);
	return o->buf != NULL ? 0 : -1;
}

void
output_release(struct output *o)
{
	free(o->buf);
	o->buf = NULL;
	o->len = 0;
}

/* Notes that writing failed, and why, the first time. */
static void
fail(struct output *o, int errnum)
{
	if (!o->failed) {
		o->failed = 1;
		o->errnum = errnum;
		o->why[0] = '\0';
	}
}

void
output_fail(struct output *o, int errnum, const char *why)
{
	if (o->failed)
		return;
	fail(o, errnum);
	if (why != NULL)
		(void)snprintf(o->why, sizeof(o->why), "%s", why);
}

/* A buffer grown for a long entry goes back to its usual size. */
void
output_drain(struct output *o)
{
	char *small;

	if (o->len > 0 && !o->failed && o->stream != NULL &&
	    fwrite(o->buf, 1, o->len, o->stream) != o->len)
		fail(o, errno);
	o->len = 0;
	if (o->cap > OUTPUT_BUFSIZE) {
		small = realloc(o->buf, OUTPUT_BUFSIZE);
		if (small != NULL) {
			o->buf = small;
			o->cap = OUTPUT_BUFSIZE;
		}
	}
}

int
output_flush(struct output *o)
{
	output_drain(o);
	if (!o->failed && o->stream != NULL && fflush(o->stream) != 0)
		fail(o, errno);
	return output_status(o);
}

char *
output_room(struct output *o, size_t n)
{
	char *grown;

	output_drain(o);
	if (n <= o->cap)
		return o->buf;
	grown = realloc(o->buf, n);
	if (grown == NULL) {
		fail(o, ENOMEM);
		return NULL;
	}
	o->buf = grown;
	o->cap = n;
	return o->buf;
}

/* A long run of bytes goes to stdio as it is, not through the buffer. */
void
out_bytes(struct output *o, const char *s, size_t n)
{
	char *d;

	if (n > OUTPUT_BUFSIZE / 2) {
		output_drain(o);
		if (!o->failed && o->stream != NULL &&
		    fwrite(s, 1, n, o->stream) != n)
			fail(o, errno);
		return;
	}
	d = out_room(o, n);
	if (d != NULL)
		out_done(o, put_bytes(d, s, n));
}

void
out_ulong(struct output *o, unsigned long v)
{
	char *d = out_room(o, OUTPUT_ULONG_ROOM);

	if (d != NULL)
		out_done(o, put_ulong(d, v));
}

void
out_spaces(struct output *o, size_t n)
{
	char *d = out_room(o, n);

	if (d != NULL) {
		memset(d, ' ', n);
		out_done(o, d + n);
	}
}

/* Writes \xNN for the byte c. */
static char *
put_hex_byte(char *d, unsigned char c)
{
	*d++ = '\\';
	*d++ = 'x';
	*d++ = hex_digit[c >> 4];
	*d++ = hex_digit[c & 15];
	return d;
}

/* Writes \uNNNN for the code point c, at most U+FFFF. */
static char *
put_u_escape(char *d, unsigned c)
{
	*d++ = '\\';
	*d++ = 'u';
	*d++ = hex_digit[(c >> 12) & 15];
	*d++ = hex_digit[(c >> 8) & 15];
	*d++ = hex_digit[(c >> 4) & 15];
	*d++ = hex_digit[c & 15];
	return d;
}

char *
put_text(char *d, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, k, bad;
	unsigned c;

	while (i < n) {
		if (u[i] >= 0x20 && u[i] < 0x7f) {
			*d++ = (char)u[i++];
			continue;
		}
		if (u[i] < 0x80) {
			d = put_hex_byte(d, u[i++]);
			continue;
		}
		k = utf8_sequence(u + i, n - i, &bad);
		if (k == 0) {
			for (k = 0; k < bad; k++)
				d = put_hex_byte(d, u[i++]);
			continue;
		}
		c = utf8_control(u + i, k);
		d = c != 0 ? put_u_escape(d, c) : put_bytes(d, s + i, k);
		i += k;
	}
	return d;
}

void
out_text(struct output *o, const char *s, size_t n)
{
	char *d = out_room(o, 4 * n);

	if (d != NULL)
		out_done(o, put_text(d, s, n));
}

/*
 * Bytes that a JSON string can hold as they are: printable ASCII but for
 * the quote and the backslash, and DEL.
 */
static int
json_plain(unsigned char c)
{
	return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
}

/*
 * Nonzero when one of the bytes of w is not json_plain: a control byte,
 * a quote, a backslash or a byte of 0x80 or more.
 */
static inline uint64_t
json_special8(uint64_t w)
{
	uint64_t q = w ^ (ONES * '"'), b = w ^ (ONES * '\\');
	uint64_t hit = ((w - ONES * 0x20) & ~w) | ((q - ONES) & ~q);

	hit |= ((b - ONES) & ~b) | w;
	return hit & HIGHS;
}

/* The escape of a control byte, a quote or a backslash; at most 6 bytes. */
static char *
put_json_escape(char *d, unsigned char c)
{
	*d++ = '\\';
	switch (c) {
	case '"':
	case '\\':
		*d++ = (char)c;
		break;
	case '\b':
		*d++ = 'b';
		break;
	case '\f':
		*d++ = 'f';
		break;
	case '\n':
		*d++ = 'n';
		break;
	case '\r':
		*d++ = 'r';
		break;
	case '\t':
		*d++ = 't';
		break;
	default:
		*d++ = 'u';
		*d++ = '0';
		*d++ = '0';
		*d++ = hex_digit[c >> 4];
		*d++ = hex_digit[c & 15];
		break;
	}
	return d;
}

/*
 * The code point of the k-byte UTF-8 sequence at s when it is a line
 * break that JSON allows raw but that some readers take for a line end
 * (U+0085, U+2028, U+2029); else 0.
 */
static unsigned
json_line_break(const unsigned char *s, size_t k)
{
	if (k == 2 && s[0] == 0xc2 && s[1] == 0x85)
		return 0x85;
	if (k == 3 && s[0] == 0xe2 && s[1] == 0x80 &&
	    (s[2] == 0xa8 || s[2] == 0xa9))
		return 0x2000u + (s[2] & 0x3fu);
	return 0;
}

char *
put_json(char *d, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, k, bad, words_from = 0;
	unsigned char c;
	uint64_t w;

	while (i < n) {
		/* Plain words are copied whole; a word that is not, bytewise. */
		while (i >= words_from && n - i >= 8) {
			memcpy(&w, s + i, 8);
			if (json_special8(w)) {
				words_from = i + 8;
				break;
			}
			memcpy(d, &w, 8);
			d += 8;
			i += 8;
		}
		if (i >= n)
			break;
		c = u[i];
		if (json_plain(c)) {
			*d++ = (char)c;
			i++;
		} else if (c < 0x80) {
			d = put_json_escape(d, c);
			i++;
		} else {
			k = utf8_sequence(u + i, n - i, &bad);
			if (k > 0) {
				d = json_line_break(u + i, k)
				    ? put_u_escape(d, json_line_break(u + i, k))
				    : put_bytes(d, s + i, k);
				i += k;
			} else {
				d = put_str(d, "\xef\xbf\xbd");
				i += bad;
			}
		}
	}
	return d;
}

void
out_json(struct output *o, const char *s, size_t n)
{
	char *d = out_room(o, 6 * n + 2);

	if (d == NULL)
		return;
	*d++ = '"';
	d = put_json(d, s, n);
	*d++ = '"';
	out_done(o, d);
}

/*
 * Nonzero when one of the bytes of w needs a look before it goes into
 * HTML: a control byte, DEL, a byte of 0x80 or more, or one of & < > "
 * and '.
 */
static inline uint64_t
html_special8(uint64_t w)
{
	uint64_t a = w ^ (ONES * '&'), l = w ^ (ONES * '<');
	uint64_t g = w ^ (ONES * '>'), q = w ^ (ONES * '"');
	uint64_t p = w ^ (ONES * '\''), del = w ^ (ONES * 0x7f);
	uint64_t hit = ((w - ONES * 0x20) & ~w) | w;

	hit |= ((a - ONES) & ~a) | ((l - ONES) & ~l) | ((g - ONES) & ~g);
	hit |= ((q - ONES) & ~q) | ((p - ONES) & ~p) | ((del - ONES) & ~del);
	return hit & HIGHS;
}

/*
 * Nonzero when the well-formed k-byte sequence at s is a noncharacter:
 * U+FDD0 to U+FDEF, or the last two code points of a plane.
 */
static int
html_noncharacter(const unsigned char *s, size_t k)
{
	unsigned c;

	if (k == 3) {
		c = (s[0] & 0x0fu) << 12 | (s[1] & 0x3fu) << 6 | (s[2] & 0x3fu);
		return (c >= 0xfdd0 && c <= 0xfdef) || c >= 0xfffe;
	}
	/* Four bytes: U+nFFFE and U+nFFFF end in bf bf and bf be. */
	return k == 4 && (s[1] & 0x0fu) == 0x0f && s[2] == 0xbf &&
	    (s[3] == 0xbe || s[3] == 0xbf);
}

/* Bytes that HTML text can hold as they are: printable ASCII but & < > " '. */
static int
html_plain(unsigned char c)
{
	return c >= 0x20 && c < 0x7f && c != '&' && c != '<' && c != '>' &&
	    c != '"' && c != '\'';
}

/* One ASCII byte that is not plain: a reference, or \xNN. */
static char *
put_html_ascii(char *d, unsigned char c)
{
	switch (c) {
	case '&':
		return put_str(d, "&amp;");
	case '<':
		return put_str(d, "&lt;");
	case '>':
		return put_str(d, "&gt;");
	case '"':
		return put_str(d, "&quot;");
	case '\'':
		return put_str(d, "&#39;");
	default:
		return put_hex_byte(d, c);
	}
}

char *
put_html(char *d, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, k, bad, words_from = 0;
	unsigned c;
	uint64_t w;

	while (i < n) {
		/* Plain words are copied whole; a word that is not, bytewise. */
		while (i >= words_from && n - i >= 8) {
			memcpy(&w, s + i, 8);
			if (html_special8(w)) {
				words_from = i + 8;
				break;
			}
			memcpy(d, &w, 8);
			d += 8;
			i += 8;
		}
		if (i >= n)
			break;
		if (u[i] < 0x80) {
			if (html_plain(u[i]))
				*d++ = (char)u[i];
			else
				d = put_html_ascii(d, u[i]);
			i++;
			continue;
		}
		k = utf8_sequence(u + i, n - i, &bad);
		if (k == 0 || html_noncharacter(u + i, k)) {
			d = put_str(d, "\xef\xbf\xbd");
			i += k == 0 ? bad : k;
			continue;
		}
		c = utf8_control(u + i, k);
		d = c != 0 ? put_u_escape(d, c) : put_bytes(d, s + i, k);
		i += k;
	}
	return d;
}

void
out_html(struct output *o, const char *s, size_t n)
{
	char *d = out_room(o, 6 * n);

	if (d != NULL)
		out_done(o, put_html(d, s, n));
}
