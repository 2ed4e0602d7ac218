/*
 * report.c - decisions in, text out; see report.h.
 *
 * Every format is written into one fixed buffer of the report's own
 * (OUT_BUFSIZE bytes) and handed to stdio with a single fwrite() when it
 * fills, so that most records cost no call into stdio; a caller that
 * wants each answer out at once (an interactive pipe) calls
 * report_flush() after each record.  The per-byte work is
 * a copy and a check, eight bytes at a time where it can be, never a
 * printf(): a writer asks for room for the most its piece can grow to
 * (out_room()), then writes through a plain pointer; a csv row asks once
 * for the whole row, and a text or jsonl line once for all but its
 * reasons.  Once a write
 * has failed the report stops writing but goes on counting, and every
 * call returns -1.  The summary's counts cover every record, whatever
 * opt->only lets through.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "header.h"
#include "value.h"

/* The report's own output buffer. */
#define OUT_BUFSIZE ((size_t)64 * 1024)
/* The longest piece of input escaped in one go: its escaped form (at
 * most 6 bytes a byte, and a sequence's tail) always fits the buffer. */
#define CHUNK (OUT_BUFSIZE / 8)
/* The most distinct expected_failed ids that an expect line lists. */
#define EXPECT_IDS_MAX 64
/* Room for one criterion's reason, truncated to fit. */
#define REASON_MAX 512
/* The width that text status words are padded to. */
#define STATUS_WIDTH 6
/* The most that put_ulong() writes: 20 digits and then some. */
#define ULONG_ROOM 24
/* The most that put_status() writes: colour, word, reset, padding. */
#define STATUS_ROOM 32

struct report {
	FILE *out;
	struct report_options opt;
	const struct rules *rules;
	int32_t asof;
	size_t nrules;
	struct report_columns cols;
	int failed; /* a write failed: sticky */
	int started; /* the first entry is out (text: the first line) */
	int text_lines; /* text: a record line was written */
	int bad_utf8; /* report_note_bad_utf8() was called */
	unsigned long counts[VERDICT_COUNT];
	unsigned long mismatches;
	unsigned long *nfail; /* per criterion: records it failed */
	unsigned long *nunknown; /* per criterion: records it was unknown */
	const char **ids; /* per criterion: rules_id() */
	size_t *idlen; /* per criterion: its length */
	size_t ids_room; /* every id and a separator after each */
	/* Every criterion is required: a PASS verdict means all passed. */
	int all_required;
	/* Nothing is written for a record: the summary alone, or no stream. */
	int count_only;
	/* The current record's failed and unknown criteria, in rule order. */
	size_t *failed_ix, nfailed;
	size_t *unknown_ix, nunknown_ix;
	size_t *order; /* scratch for the summary's sort */
	unsigned char *want; /* scratch for expected_failed sets */
	/* csv: the current file's header width, for malformed records. */
	int has_width;
	size_t width;
	/* csv: the last header row written, to notice a different one. */
	int have_header;
	size_t hdr_nfields;
	size_t *hdr_lens;
	char *hdr_bytes;
	/* The output buffer, len bytes of it in use. */
	char *buf;
	size_t len;
};

/* clang-format off */
static const char *const status_word[VERDICT_COUNT] = {
	"PASS", "FAIL", "REVIEW", "ERROR"
};

static const char *const status_color[VERDICT_COUNT] = {
	"\033[32m", "\033[31m", "\033[33m", "\033[1;31m"
};

static const char color_reset[] = "\033[0m";

static const char hex_digit[] = "0123456789abcdef";

/* Bytes that make a csv cell need quotes. */
static const unsigned char csv_special[256] = {
	['\n'] = 1, ['\r'] = 1, ['"'] = 1, [','] = 1
};

/* Bytes that may start a formula in a spreadsheet. */
static const unsigned char formula_start[256] = {
	['\t'] = 1, ['\r'] = 1, ['+'] = 1, ['-'] = 1, ['='] = 1, ['@'] = 1
};
/* clang-format on */

/* Control bytes, which text output writes as \xNN. */
static int
is_control(unsigned char c)
{
	return c < 0x20 || c == 0x7f;
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
 * Output.  Pieces go into rp->buf, through out_bytes() or through a
 * pointer that out_room() vouches for; out_flush() hands the buffer to
 * stdio.  After a failure nothing more reaches the stream.
 */

static void
out_flush(struct report *rp)
{
	if (rp->len > 0 && !rp->failed && rp->out != NULL &&
	    fwrite(rp->buf, 1, rp->len, rp->out) != rp->len)
		rp->failed = 1;
	rp->len = 0;
}

/*
 * Makes room for n more bytes (n at most OUT_BUFSIZE), flushing when
 * needed, and returns where to write them (borrowed: valid until the
 * next output call).  out_done() then says where the writing ended.
 */
static char *
out_room(struct report *rp, size_t n)
{
	if (n > OUT_BUFSIZE - rp->len)
		out_flush(rp);
	return rp->buf + rp->len;
}

/* end points into rp->buf, just past what was written. */
static void
out_done(struct report *rp, const char *end)
{
	rp->len = (size_t)(end - rp->buf);
}

/* p is borrowed for the call. */
static void
out_bytes(struct report *rp, const char *p, size_t n)
{
	if (n == 0)
		return;
	if (n > OUT_BUFSIZE - rp->len) {
		out_flush(rp);
		if (n > OUT_BUFSIZE / 2) {
			if (!rp->failed && rp->out != NULL &&
			    fwrite(p, 1, n, rp->out) != n)
				rp->failed = 1;
			return;
		}
	}
	memcpy(rp->buf + rp->len, p, n);
	rp->len += n;
}

static void
out_byte(struct report *rp, char c)
{
	if (rp->len == OUT_BUFSIZE)
		out_flush(rp);
	rp->buf[rp->len++] = c;
}

/* s is borrowed for the call. */
static void
out_str(struct report *rp, const char *s)
{
	out_bytes(rp, s, strlen(s));
}

static void
out_spaces(struct report *rp, size_t n)
{
	while (n-- > 0)
		out_byte(rp, ' ');
}

/* Returns 0, or -1 once the stream has failed (sticky). */
static int
status_of(struct report *rp)
{
	if (!rp->failed && rp->out != NULL && ferror(rp->out))
		rp->failed = 1;
	return rp->failed ? -1 : 0;
}

/*
 * Ends an entry; returns status_of().  The entry stays in rp->buf, with
 * the entries before it, until the buffer fills, report_flush() or
 * report_finish(): one fwrite() for many records.
 */
static int
end_entry(struct report *rp)
{
	return status_of(rp);
}

/*
 * Writers through a pointer: each writes at d, which has room for what
 * it writes, and returns the end of what it wrote.  Their sources are
 * borrowed for the call.
 */

static char *
put_bytes(char *d, const char *s, size_t n)
{
	memcpy(d, s, n);
	return d + n;
}

/* For literals: inlined, strlen() and memcpy() become a few moves. */
static char *
put_str(char *d, const char *s)
{
	return put_bytes(d, s, strlen(s));
}

static char *
put_ulong(char *d, unsigned long v)
{
	char tmp[ULONG_ROOM];
	size_t i = sizeof(tmp);

	do {
		tmp[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0);
	return put_bytes(d, tmp + i, sizeof(tmp) - i);
}

/* Writes control bytes as \xNN, other bytes as they are; at most 4n. */
static char *
put_text(char *d, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i;

	for (i = 0; i < n; i++) {
		if (!is_control(u[i])) {
			*d++ = (char)u[i];
			continue;
		}
		*d++ = '\\';
		*d++ = 'x';
		*d++ = hex_digit[u[i] >> 4];
		*d++ = hex_digit[u[i] & 15];
	}
	return d;
}

/*
 * Returns the length of the well-formed UTF-8 sequence at s (n > 0
 * bytes, s[0] >= 0x80), or 0 with *bad set to the length of its maximal
 * ill-formed subpart (Unicode 3.9, table 3-7), which becomes one U+FFFD.
 */
static size_t
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

/*
 * Eight bytes at a time.  With ones = 0x0101..01 and highs = 0x8080..80,
 * (x - ones) & ~x & highs is nonzero exactly when a byte of x is zero,
 * and (x - k * ones) & ~x & highs exactly when a byte is below k (for
 * k <= 0x80); x ^ (c * ones) has a zero byte where x has a byte c.
 */
#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

/* Nonzero when one of the bytes of w is a comma, a quote, CR or LF. */
static inline uint64_t
csv_special8(uint64_t w)
{
	uint64_t a = w ^ (ONES * ','), b = w ^ (ONES * '"');
	uint64_t c = w ^ (ONES * '\r'), e = w ^ (ONES * '\n');
	uint64_t zero = ((a - ONES) & ~a) | ((b - ONES) & ~b);

	zero |= ((c - ONES) & ~c) | ((e - ONES) & ~e);
	return zero & HIGHS;
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

/*
 * Writes the body of a JSON string for the characters of s (n bytes)
 * that start before limit (a sequence may end up to 3 bytes past it):
 * quotes and backslashes escaped, control bytes as \n \r \t \b \f or
 * \u00XX, each ill-formed UTF-8 subpart as U+FFFD, so that the output
 * is always valid UTF-8.  At most 6 * limit + 4 bytes.  *used receives
 * the number of bytes of s consumed.
 */
static char *
put_json(char *d, const char *s, size_t n, size_t limit, size_t *used)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, k, bad, words_from = 0;
	unsigned char c;
	uint64_t w;

	while (i < limit) {
		/* Plain words are copied whole; a word that is not, bytewise. */
		while (i >= words_from && limit - i >= 8) {
			memcpy(&w, s + i, 8);
			if (json_special8(w)) {
				words_from = i + 8;
				break;
			}
			memcpy(d, &w, 8);
			d += 8;
			i += 8;
		}
		if (i >= limit)
			break;
		c = u[i];
		if (json_plain(c)) {
			*d++ = (char)c;
			i++;
			continue;
		}
		if (c >= 0x80) {
			k = utf8_sequence(u + i, n - i, &bad);
			if (k > 0) {
				d = put_bytes(d, s + i, k);
				i += k;
			} else {
				*d++ = (char)0xef;
				*d++ = (char)0xbf;
				*d++ = (char)0xbd;
				i += bad;
			}
			continue;
		}
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
		i++;
	}
	*used = i;
	return d;
}

/*
 * A plain number: an optional sign, digits, and optionally a point and
 * digits.
 */
static int
plain_number(const char *s, size_t n)
{
	size_t i = 0, digits;

	if (i < n && (s[i] == '-' || s[i] == '+'))
		i++;
	for (digits = 0; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		digits++;
	if (digits == 0)
		return 0;
	if (i == n)
		return 1;
	if (s[i] != '.')
		return 0;
	for (i++, digits = 0; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		digits++;
	return digits > 0 && i == n;
}

/*
 * Nonzero when a spreadsheet could take the cell for a formula: it
 * starts with = + - @ tab or CR and is not a plain number.
 */
static int
risky_cell(const char *s, size_t n)
{
	return n > 0 && formula_start[(unsigned char)s[0]] &&
	    !plain_number(s, n);
}

/*
 * Copies n bytes from s to d and returns nonzero when they hold a byte
 * that needs csv quoting: the common case of put_csv_cell(), for the
 * hot loop of csv_record(), its one caller (so that it is inlined).
 * Words of 8 (or 4) bytes are copied and checked at once, the last one
 * overlapping the one before it, so that no byte past s + n is read.
 */
static inline uint64_t
copy_csv_plain(char *d, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	uint64_t w, found = 0;
	uint32_t lo, hi;
	size_t i;

	if (n >= 8) {
		for (i = 0; i + 8 < n; i += 8) {
			memcpy(&w, s + i, 8);
			memcpy(d + i, &w, 8);
			found |= csv_special8(w);
		}
		memcpy(&w, s + n - 8, 8);
		memcpy(d + n - 8, &w, 8);
		return found | csv_special8(w);
	}
	if (n >= 4) {
		memcpy(&lo, s, 4);
		memcpy(&hi, s + n - 4, 4);
		memcpy(d, &lo, 4);
		memcpy(d + n - 4, &hi, 4);
		return csv_special8(lo | (uint64_t)hi << 32);
	}
	if (n == 0)
		return 0;
	/* One to three bytes: 0, n / 2 and n - 1 cover them all. */
	d[0] = s[0];
	d[n / 2] = s[n / 2];
	d[n - 1] = s[n - 1];
	return csv_special[u[0]] | csv_special[u[n / 2]] |
	    csv_special[u[n - 1]];
}

/* The most that put_csv_cell() writes for a cell of n bytes. */
static size_t
csv_cell_room(size_t n)
{
	return 2 * n + 3;
}

/*
 * Writes one csv cell: quoted only when it holds a comma, a quote, CR
 * or LF (quotes doubled), with a leading ' when guard is set and the
 * cell is risky.  At most csv_cell_room(n) bytes.
 */
static char *
put_csv_cell(char *d, const char *s, size_t n, int guard)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i;
	int quote = 0;

	for (i = 0; i < n && !quote; i++)
		quote = csv_special[u[i]];
	guard = guard && risky_cell(s, n);
	if (!quote) {
		if (guard)
			*d++ = '\'';
		return put_bytes(d, s, n);
	}
	*d++ = '"';
	if (guard)
		*d++ = '\'';
	for (i = 0; i < n; i++) {
		if (u[i] == '"')
			*d++ = '"';
		*d++ = s[i];
	}
	*d++ = '"';
	return d;
}

/*
 * Writers into the buffer, in chunks where the input may be longer than
 * the buffer.  Their sources are borrowed for the call.
 */

/* Text with control bytes as \xNN, so that a line stays one line. */
static void
out_text(struct report *rp, const char *s, size_t n)
{
	size_t k;

	while (n > 0) {
		k = n < CHUNK ? n : CHUNK;
		out_done(rp, put_text(out_room(rp, 4 * k), s, k));
		s += k;
		n -= k;
	}
}

/* A JSON string, quotes included: see put_json(). */
static void
out_json(struct report *rp, const char *s, size_t n)
{
	size_t k, used;

	out_byte(rp, '"');
	while (n > 0) {
		k = n < CHUNK ? n : CHUNK;
		out_done(rp, put_json(out_room(rp, 6 * k + 4), s, n, k, &used));
		s += used;
		n -= used;
	}
	out_byte(rp, '"');
}

/* A csv cell: see put_csv_cell(); one longer than the buffer in pieces. */
static void
out_csv_cell(struct report *rp, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	const char *q;
	size_t i;
	int guard = rp->opt.formula_guard && risky_cell(s, n);

	if (n <= OUT_BUFSIZE / 2 - 2) {
		out_done(rp,
		    put_csv_cell(out_room(rp, csv_cell_room(n)), s, n,
		        rp->opt.formula_guard));
		return;
	}
	for (i = 0; i < n; i++)
		if (csv_special[u[i]])
			break;
	if (i < n)
		out_byte(rp, '"');
	if (guard)
		out_byte(rp, '\'');
	if (i == n) {
		out_bytes(rp, s, n);
		return;
	}
	while (n > 0) {
		q = memchr(s, '"', n);
		if (q == NULL) {
			out_bytes(rp, s, n);
			break;
		}
		i = (size_t)(q - s) + 1;
		out_bytes(rp, s, i);
		out_byte(rp, '"');
		s += i;
		n -= i;
	}
	out_byte(rp, '"');
}

/* A number in decimal. */
static void
out_ulong(struct report *rp, unsigned long v)
{
	out_done(rp, put_ulong(out_room(rp, ULONG_ROOM), v));
}

/* The file name of rec, or "" when it has none.  Borrowed from rec. */
static const char *
file_of(const struct record *rec)
{
	return rec->file != NULL ? rec->file : "";
}

/* The field of rec at index, or NULL when absent.  Borrowed from rec. */
static const struct field *
cell(const struct record *rec, size_t index)
{
	if (index == HEADER_ABSENT || index >= rec->nfields)
		return NULL;
	return &rec->fields[index];
}

/*
 * The report's life.
 */

/*
 * out and r are borrowed and must outlive the report; opt is copied.
 * The caller frees the result with report_free().
 */
struct report *
report_new(FILE *out, const struct report_options *opt, const struct rules *r,
    int32_t asof)
{
	struct report *rp;
	size_t n = rules_count(r), i, alloc = n > 0 ? n : 1;

	rp = calloc(1, sizeof(*rp));
	if (rp == NULL)
		return NULL;
	rp->out = out;
	if (opt != NULL)
		rp->opt = *opt;
	rp->rules = r;
	rp->asof = asof;
	rp->nrules = n;
	rp->cols.id = HEADER_ABSENT;
	rp->cols.name = HEADER_ABSENT;
	rp->cols.expected_status = HEADER_ABSENT;
	rp->cols.expected_failed = HEADER_ABSENT;
	rp->buf = malloc(OUT_BUFSIZE);
	rp->nfail = calloc(alloc, sizeof(*rp->nfail));
	rp->nunknown = calloc(alloc, sizeof(*rp->nunknown));
	rp->ids = calloc(alloc, sizeof(*rp->ids));
	rp->idlen = calloc(alloc, sizeof(*rp->idlen));
	rp->failed_ix = calloc(alloc, sizeof(*rp->failed_ix));
	rp->unknown_ix = calloc(alloc, sizeof(*rp->unknown_ix));
	rp->order = calloc(alloc, sizeof(*rp->order));
	rp->want = calloc(n + 1, 1);
	if (rp->buf == NULL || rp->nfail == NULL || rp->nunknown == NULL ||
	    rp->ids == NULL || rp->idlen == NULL || rp->failed_ix == NULL ||
	    rp->unknown_ix == NULL || rp->order == NULL || rp->want == NULL) {
		report_free(rp);
		return NULL;
	}
	rp->count_only = rp->opt.format != REPORT_EXPECT &&
	    ((rp->opt.format == REPORT_TEXT && rp->opt.summary_only) ||
	        out == NULL);
	rp->all_required = 1;
	for (i = 0; i < n; i++) {
		if (!rules_required(r, i))
			rp->all_required = 0;
		rp->ids[i] = rules_id(r, i);
		rp->idlen[i] = strlen(rp->ids[i]);
		rp->ids_room += rp->idlen[i] + 1;
	}
	return rp;
}

/* Frees rp and what it owns; the stream stays open. */
void
report_free(struct report *rp)
{
	if (rp == NULL)
		return;
	free(rp->buf);
	free(rp->nfail);
	free(rp->nunknown);
	free(rp->ids);
	free(rp->idlen);
	free(rp->failed_ix);
	free(rp->unknown_ix);
	free(rp->order);
	free(rp->want);
	free(rp->hdr_lens);
	free(rp->hdr_bytes);
	free(rp);
}

/*
 * The text report's first line and the blank line after it, once; in
 * the other formats this only marks the report as started.
 */
static void
text_start(struct report *rp)
{
	const char *name = rules_name(rp->rules);
	char day[11];

	if (rp->started)
		return;
	rp->started = 1;
	if (rp->opt.format != REPORT_TEXT)
		return;
	out_str(rp, "rules ");
	out_text(rp, name, strlen(name));
	out_str(rp, " (");
	out_str(rp, rules_hash(rp->rules));
	out_str(rp, "), as of ");
	out_str(rp, value_format_date(rp->asof, day));
	out_str(rp, "\n\n");
}

/* Nonzero when hdr's fields are those of the last header row written. */
static int
same_header(const struct report *rp, const struct record *hdr)
{
	size_t i, off = 0;

	if (!rp->have_header || hdr->nfields != rp->hdr_nfields)
		return 0;
	for (i = 0; i < hdr->nfields; i++) {
		if (hdr->fields[i].len != rp->hdr_lens[i] ||
		    (hdr->fields[i].len > 0 &&
		        memcmp(hdr->fields[i].ptr, rp->hdr_bytes + off,
		            hdr->fields[i].len) != 0))
			return 0;
		off += rp->hdr_lens[i];
	}
	return 1;
}

/* Keeps a copy of hdr's fields; returns 0, or -1 when out of memory. */
static int
keep_header(struct report *rp, const struct record *hdr)
{
	size_t i, total = 0, off = 0;
	size_t *lens;
	char *bytes;

	for (i = 0; i < hdr->nfields; i++)
		total += hdr->fields[i].len;
	lens = malloc((hdr->nfields > 0 ? hdr->nfields : 1) * sizeof(*lens));
	bytes = malloc(total > 0 ? total : 1);
	if (lens == NULL || bytes == NULL) {
		free(lens);
		free(bytes);
		return -1;
	}
	for (i = 0; i < hdr->nfields; i++) {
		lens[i] = hdr->fields[i].len;
		if (lens[i] > 0)
			memcpy(bytes + off, hdr->fields[i].ptr, lens[i]);
		off += lens[i];
	}
	free(rp->hdr_lens);
	free(rp->hdr_bytes);
	rp->hdr_lens = lens;
	rp->hdr_bytes = bytes;
	rp->hdr_nfields = hdr->nfields;
	rp->have_header = 1;
	return 0;
}

/* hdr and cols are borrowed for the call only. */
int
report_file(struct report *rp, const struct record *hdr,
    const struct report_columns *cols)
{
	size_t i;

	if (cols != NULL)
		rp->cols = *cols;
	else {
		rp->cols.id = HEADER_ABSENT;
		rp->cols.name = HEADER_ABSENT;
		rp->cols.expected_status = HEADER_ABSENT;
		rp->cols.expected_failed = HEADER_ABSENT;
	}
	if (hdr != NULL) {
		rp->has_width = 1;
		rp->width = hdr->nfields;
	}
	text_start(rp);
	if (rp->opt.format == REPORT_CSV && hdr != NULL &&
	    !same_header(rp, hdr)) {
		/* Out of memory only costs a repeated header row later. */
		if (keep_header(rp, hdr) != 0)
			rp->have_header = 0;
		for (i = 0; i < hdr->nfields; i++) {
			out_csv_cell(
			    rp, hdr->fields[i].ptr, hdr->fields[i].len);
			out_byte(rp, ',');
		}
		out_str(rp, "screen_status,screen_failed,screen_unknown\n");
	}
	return end_entry(rp);
}

/*
 * The per-record formats.  report_entry() has put the record's failed
 * and unknown criteria in rp->failed_ix and rp->unknown_ix.
 */

/*
 * Writes the ids of the n criteria in ix, joined with sep, each in
 * double quotes when json is set.  At most ids_room + 2 * n bytes.
 */
static char *
put_ids(const struct report *rp, char *d, const size_t *ix, size_t n, char sep,
    int json)
{
	size_t k;

	for (k = 0; k < n; k++) {
		if (k > 0)
			*d++ = sep;
		if (json)
			*d++ = '"';
		d = put_bytes(d, rp->ids[ix[k]], rp->idlen[ix[k]]);
		if (json)
			*d++ = '"';
	}
	return d;
}

/* The same, into the buffer; ids too many for it go one at a time. */
static void
out_ids(struct report *rp, const size_t *ix, size_t n, char sep, int json)
{
	size_t k;

	if (rp->ids_room + 2 * n <= OUT_BUFSIZE) {
		out_done(rp,
		    put_ids(rp, out_room(rp, rp->ids_room + 2 * n), ix, n, sep,
		        json));
		return;
	}
	for (k = 0; k < n; k++) {
		if (k > 0)
			out_byte(rp, sep);
		if (json)
			out_byte(rp, '"');
		out_bytes(rp, rp->ids[ix[k]], rp->idlen[ix[k]]);
		if (json)
			out_byte(rp, '"');
	}
}

/*
 * Writes the status word, coloured when asked, and padded when pad is
 * set.  At most STATUS_ROOM bytes.
 */
static char *
put_status(const struct report *rp, char *d, enum verdict v, int pad)
{
	size_t n = strlen(status_word[v]);

	if (rp->opt.color)
		d = put_str(d, status_color[v]);
	d = put_bytes(d, status_word[v], n);
	if (rp->opt.color)
		d = put_str(d, color_reset);
	for (; pad && n < STATUS_WIDTH; n++)
		*d++ = ' ';
	return d;
}

/*
 * Writes "ID: REASON" for the n criteria in ix, each after "; " unless
 * it is the first (*first says), marked when advisory.  All arguments
 * are borrowed for the call.
 */
static void
text_reasons(struct report *rp, const size_t *ix, size_t n,
    const struct finding *f, const struct record *rec, const size_t *col,
    int *first)
{
	char reason[REASON_MAX];
	size_t k, i, len;

	for (k = 0; k < n; k++) {
		i = ix[k];
		if (!*first)
			out_str(rp, "; ");
		*first = 0;
		out_bytes(rp, rp->ids[i], rp->idlen[i]);
		out_str(rp, ": ");
		len = rules_reason(rp->rules, i, &f[i], rec, col, rp->asof,
		    reason, sizeof(reason));
		out_text(rp, reason, len);
		if (!rules_required(rp->rules, i))
			out_str(rp, " (advisory)");
	}
}

/* The length of s, or CHUNK + 1 when it is longer than CHUNK. */
static size_t
short_len(const char *s)
{
	size_t n;

	for (n = 0; n <= CHUNK && s[n] != '\0'; n++)
		continue;
	return n;
}

/*
 * One text line: FILE:LINE  STATUS  ID  NAME  | reasons, or the message
 * for an ERROR record.  The part before the reasons is written through
 * one out_room() unless a cell is too long for that.  All arguments are
 * borrowed for the call.
 */
static void
text_record(struct report *rp, const struct record *rec, const size_t *col,
    enum verdict v, const struct finding *f, const char *message)
{
	const struct field *id = cell(rec, rp->cols.id);
	const struct field *name = cell(rec, rp->cols.name);
	const char *file = file_of(rec);
	size_t flen = short_len(file);
	size_t idlen = id != NULL ? id->len : 0;
	size_t namelen = name != NULL ? name->len : 0, room;
	int list = v == VERDICT_ERROR || rp->nfailed + rp->nunknown_ix > 0;
	int pad = id != NULL || name != NULL || list;
	int first = 1;
	char *d;

	rp->text_lines = 1;
	/* Each byte escaped at worst, the line number, status, separators. */
	room = 4 * (flen + idlen + namelen) + ULONG_ROOM + STATUS_ROOM + 16;
	if (flen <= CHUNK && idlen <= CHUNK && namelen <= CHUNK &&
	    room <= OUT_BUFSIZE) {
		d = out_room(rp, room);
		d = put_text(d, file, flen);
		*d++ = ':';
		d = put_ulong(d, rec->line);
		d = put_str(d, "  ");
		d = put_status(rp, d, v, pad);
		if (id != NULL) {
			d = put_str(d, "  ");
			d = put_text(d, id->ptr, id->len);
		}
		if (name != NULL) {
			d = put_str(d, "  ");
			d = put_text(d, name->ptr, name->len);
		}
		if (list)
			d = put_str(d, "  | ");
		out_done(rp, d);
	} else {
		out_text(rp, file, strlen(file));
		out_byte(rp, ':');
		out_ulong(rp, rec->line);
		out_str(rp, "  ");
		out_done(rp, put_status(rp, out_room(rp, STATUS_ROOM), v, pad));
		if (id != NULL) {
			out_str(rp, "  ");
			out_text(rp, id->ptr, id->len);
		}
		if (name != NULL) {
			out_str(rp, "  ");
			out_text(rp, name->ptr, name->len);
		}
		if (list)
			out_str(rp, "  | ");
	}
	if (v == VERDICT_ERROR) {
		if (message != NULL)
			out_text(rp, message, strlen(message));
	} else {
		text_reasons(
		    rp, rp->failed_ix, rp->nfailed, f, rec, col, &first);
		text_reasons(
		    rp, rp->unknown_ix, rp->nunknown_ix, f, rec, col, &first);
	}
	out_byte(rp, '\n');
}

/*
 * One csv row: the fields in input order, padded with empty cells to
 * the header's width, the three screen columns, then any fields beyond
 * the header's width (only a malformed record has them).  The row asks
 * for room once, unless it is longer than the buffer.  All arguments are
 * borrowed for the call.
 */
static void
csv_record(struct report *rp, const struct record *rec, enum verdict v)
{
	size_t width = rp->has_width ? rp->width : rec->nfields;
	size_t i, m, n, room, total = 0;
	int guard = rp->opt.formula_guard;
	uint64_t special = 0;
	unsigned char risky = 0;
	const char *s;
	char *d, *start;

	/* The fields are in memory, so their total length cannot wrap. */
	for (i = 0; i < rec->nfields; i++)
		total += rec->fields[i].len;
	room = 2 * total + 4 * rec->nfields + width + rp->ids_room + 16;
	if (total > OUT_BUFSIZE || rec->nfields > OUT_BUFSIZE ||
	    width > OUT_BUFSIZE || room > OUT_BUFSIZE) {
		for (i = 0; i < width; i++) {
			if (i < rec->nfields)
				out_csv_cell(
				    rp, rec->fields[i].ptr, rec->fields[i].len);
			out_byte(rp, ',');
		}
		out_str(rp, status_word[v]);
		out_byte(rp, ',');
		out_ids(rp, rp->failed_ix, rp->nfailed, ';', 0);
		out_byte(rp, ',');
		out_ids(rp, rp->unknown_ix, rp->nunknown_ix, ';', 0);
		for (i = width; i < rec->nfields; i++) {
			out_byte(rp, ',');
			out_csv_cell(
			    rp, rec->fields[i].ptr, rec->fields[i].len);
		}
		out_byte(rp, '\n');
		return;
	}
	/*
	 * Copy the cells as they are, noting any byte that needs quotes and
	 * any first byte that may need the guard; in the rare row that has
	 * one, write the cells again, each as put_csv_cell() says.
	 */
	d = out_room(rp, room);
	start = d;
	m = width < rec->nfields ? width : rec->nfields;
	for (i = 0; i < m; i++) {
		s = rec->fields[i].ptr;
		n = rec->fields[i].len;
		special |= copy_csv_plain(d, s, n);
		if (n > 0)
			risky |= formula_start[(unsigned char)s[0]];
		d += n;
		*d++ = ',';
	}
	if (special || (guard && risky)) {
		d = start;
		for (i = 0; i < m; i++) {
			d = put_csv_cell(
			    d, rec->fields[i].ptr, rec->fields[i].len, guard);
			*d++ = ',';
		}
	}
	for (; i < width; i++)
		*d++ = ',';
	d = put_str(d, status_word[v]);
	*d++ = ',';
	d = put_ids(rp, d, rp->failed_ix, rp->nfailed, ';', 0);
	*d++ = ',';
	d = put_ids(rp, d, rp->unknown_ix, rp->nunknown_ix, ';', 0);
	for (i = width; i < rec->nfields; i++) {
		*d++ = ',';
		d = put_csv_cell(
		    d, rec->fields[i].ptr, rec->fields[i].len, guard);
	}
	*d++ = '\n';
	out_done(rp, d);
}

/* The "reasons" members for the n criteria in ix; *first as above. */
static void
json_reasons(struct report *rp, const size_t *ix, size_t n,
    const struct finding *f, const struct record *rec, const size_t *col,
    int *first)
{
	char reason[REASON_MAX];
	size_t k, i, len;

	for (k = 0; k < n; k++) {
		i = ix[k];
		if (!*first)
			out_byte(rp, ',');
		*first = 0;
		out_byte(rp, '"');
		out_bytes(rp, rp->ids[i], rp->idlen[i]);
		out_str(rp, "\":");
		len = rules_reason(rp->rules, i, &f[i], rec, col, rp->asof,
		    reason, sizeof(reason));
		out_json(rp, reason, len);
	}
}

/*
 * One JSON object on one line.  The part before the reasons is written
 * through one out_room() unless a cell is too long for that.  All
 * arguments are borrowed for the call.
 */
static void
json_record(struct report *rp, const struct record *rec, const size_t *col,
    enum verdict v, const struct finding *f, const char *message)
{
	const struct field *id = cell(rec, rp->cols.id);
	const struct field *name = cell(rec, rp->cols.name);
	const char *file = file_of(rec);
	size_t flen = short_len(file);
	size_t idlen = id != NULL ? id->len : 0;
	size_t namelen = name != NULL ? name->len : 0, room, used;
	int first = 1;
	char *d;

	/* Each byte escaped at worst, the ids quoted, the fixed text. */
	room = 6 * (flen + idlen + namelen) + rp->ids_room + 2 * rp->nrules;
	room += ULONG_ROOM + 128;
	if (flen <= CHUNK && idlen <= CHUNK && namelen <= CHUNK &&
	    room <= OUT_BUFSIZE) {
		d = out_room(rp, room);
		d = put_str(d, "{\"file\":\"");
		d = put_json(d, file, flen, flen, &used);
		d = put_str(d, "\",\"line\":");
		d = put_ulong(d, rec->line);
		if (id != NULL) {
			d = put_str(d, ",\"id\":\"");
			d = put_json(d, id->ptr, idlen, idlen, &used);
			*d++ = '"';
		}
		if (name != NULL) {
			d = put_str(d, ",\"name\":\"");
			d = put_json(d, name->ptr, namelen, namelen, &used);
			*d++ = '"';
		}
		d = put_str(d, ",\"status\":\"");
		d = put_str(d, status_word[v]);
		d = put_str(d, "\",\"failed\":[");
		d = put_ids(rp, d, rp->failed_ix, rp->nfailed, ',', 1);
		d = put_str(d, "],\"unknown\":[");
		d = put_ids(rp, d, rp->unknown_ix, rp->nunknown_ix, ',', 1);
		d = put_str(d, "],\"reasons\":{");
		out_done(rp, d);
	} else {
		out_str(rp, "{\"file\":");
		out_json(rp, file, strlen(file));
		out_str(rp, ",\"line\":");
		out_ulong(rp, rec->line);
		if (id != NULL) {
			out_str(rp, ",\"id\":");
			out_json(rp, id->ptr, id->len);
		}
		if (name != NULL) {
			out_str(rp, ",\"name\":");
			out_json(rp, name->ptr, name->len);
		}
		out_str(rp, ",\"status\":\"");
		out_str(rp, status_word[v]);
		out_str(rp, "\",\"failed\":[");
		out_ids(rp, rp->failed_ix, rp->nfailed, ',', 1);
		out_str(rp, "],\"unknown\":[");
		out_ids(rp, rp->unknown_ix, rp->nunknown_ix, ',', 1);
		out_str(rp, "],\"reasons\":{");
	}
	json_reasons(rp, rp->failed_ix, rp->nfailed, f, rec, col, &first);
	json_reasons(rp, rp->unknown_ix, rp->nunknown_ix, f, rec, col, &first);
	if (v == VERDICT_ERROR) {
		out_str(rp, "},\"error\":");
		out_json(rp, message != NULL ? message : "",
		    message != NULL ? strlen(message) : 0);
		out_str(rp, "}\n");
	} else
		out_str(rp, "}}\n");
}

/*
 * The expect format.
 */

static char
ascii_lower(char c)
{
	if (c >= 'A' && c <= 'Z')
		return (char)(c - 'A' + 'a');
	return c;
}

/* Nonzero when n bytes at s equal word (lower-case) ignoring ASCII case. */
static int
equal_fold(const char *s, size_t n, const char *word)
{
	size_t i;

	if (strlen(word) != n)
		return 0;
	for (i = 0; i < n; i++)
		if (ascii_lower(s[i]) != word[i])
			return 0;
	return 1;
}

/* The verdict that n bytes at s name, or VERDICT_COUNT when none. */
static enum verdict
parse_verdict(const char *s, size_t n)
{
	/* clang-format off */
	static const char *const lower_word[VERDICT_COUNT] = {
		"pass", "fail", "review", "error"
	};
	/* clang-format on */
	int v;

	for (v = 0; v < VERDICT_COUNT; v++)
		if (equal_fold(s, n, lower_word[v]))
			return (enum verdict)v;
	return VERDICT_COUNT;
}

/* The index of the criterion whose id is n bytes at s, or rp->nrules. */
static size_t
find_id(const struct report *rp, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < rp->nrules; i++)
		if (rp->idlen[i] == n && memcmp(rp->ids[i], s, n) == 0)
			return i;
	return rp->nrules;
}

/*
 * Calls each() for every trimmed non-empty id of an expected_failed cell
 * (n bytes at s, borrowed for the call), in the order given, with its
 * rank among them.  When distinct is set, an id that an earlier piece
 * gave is skipped, and once EXPECT_IDS_MAX distinct ids are out, each()
 * gets "..." for the rest: every piece is compared with at most that
 * many, so that a cell of a million ids costs linear time, not hours.
 */
static void
each_expected_id(struct report *rp, const char *s, size_t n, int distinct,
    void (*each)(struct report *, const char *, size_t, size_t))
{
	const char *seen[EXPECT_IDS_MAX];
	size_t seen_len[EXPECT_IDS_MAX];
	size_t start = 0, end, k = 0, len, j;
	const char *id;

	while (start <= n) {
		for (end = start; end < n && s[end] != ';'; end++)
			continue;
		id = s + start;
		len = end - start;
		start = end + 1;
		value_trim(&id, &len);
		if (len == 0)
			continue;
		if (distinct) {
			for (j = 0; j < k; j++)
				if (seen_len[j] == len &&
				    memcmp(seen[j], id, len) == 0)
					break;
			if (j < k)
				continue;
			if (k == EXPECT_IDS_MAX) {
				each(rp, "...", 3, k);
				return;
			}
			seen[k] = id;
			seen_len[k] = len;
		}
		each(rp, id, len, k++);
	}
}

/* Marks an expected id in rp->want; an unknown id marks rp->nrules. */
static void
mark_expected(struct report *rp, const char *id, size_t len, size_t k)
{
	(void)k;
	rp->want[find_id(rp, id, len)] = 1;
}

/* Writes an expected id, after a ';' unless it is the first. */
static void
write_expected(struct report *rp, const char *id, size_t len, size_t k)
{
	if (k > 0)
		out_byte(rp, ';');
	out_text(rp, id, len);
}

/* Writes FILE:LINE: for the expect format. */
static void
expect_where(struct report *rp, const struct record *rec)
{
	out_text(rp, file_of(rec), strlen(file_of(rec)));
	out_byte(rp, ':');
	out_ulong(rp, rec->line);
	out_str(rp, ": ");
}

/*
 * Compares one record's decision with its expected columns and writes a
 * line when they differ.  All arguments are borrowed for the call.
 */
static void
expect_record(struct report *rp, const struct record *rec, enum verdict v,
    const char *message)
{
	const struct field *st = cell(rec, rp->cols.expected_status);
	const struct field *ef = cell(rec, rp->cols.expected_failed);
	const char *s = NULL, *fs = NULL;
	size_t n = 0, fn = 0, i, k;
	char quoted[ERROR_QUOTE_MAX * 4 + 8];
	enum verdict want;
	int check = 0, differ;

	if (rp->cols.expected_status == HEADER_ABSENT) {
		rp->mismatches++;
		expect_where(rp, rec);
		out_str(rp, "no expected_status column\n");
		return;
	}
	if (st != NULL) {
		s = st->ptr;
		n = st->len;
		value_trim(&s, &n);
	}
	if (n == 0) {
		rp->mismatches++;
		expect_where(rp, rec);
		out_str(rp, "expected_status: missing\n");
		return;
	}
	want = parse_verdict(s, n);
	if (want == VERDICT_COUNT) {
		rp->mismatches++;
		expect_where(rp, rec);
		out_str(rp, "expected_status: invalid value ");
		out_str(
		    rp, error_quote(quoted, sizeof(quoted), st->ptr, st->len));
		out_byte(rp, '\n');
		return;
	}
	if (ef != NULL) {
		fs = ef->ptr;
		fn = ef->len;
		value_trim(&fs, &fn);
		check = fn > 0;
	}
	differ = want != v;
	if (check) {
		/* rp->want[nrules] marks an expected id that no rule has. */
		memset(rp->want, 0, rp->nrules + 1);
		each_expected_id(rp, fs, fn, 0, mark_expected);
		for (k = 0; k < rp->nfailed; k++)
			rp->want[rp->failed_ix[k]] ^= 1;
		for (i = 0; i <= rp->nrules; i++)
			if (rp->want[i])
				differ = 1;
	}
	if (!differ)
		return;
	rp->mismatches++;
	expect_where(rp, rec);
	out_str(rp, "expected ");
	out_str(rp, status_word[want]);
	if (check) {
		out_str(rp, " [");
		each_expected_id(rp, fs, fn, 1, write_expected);
		out_byte(rp, ']');
	}
	out_str(rp, ", got ");
	out_str(rp, status_word[v]);
	if (v == VERDICT_ERROR) {
		out_str(rp, " (");
		if (message != NULL)
			out_text(rp, message, strlen(message));
		out_byte(rp, ')');
	}
	if (check) {
		out_str(rp, " [");
		out_ids(rp, rp->failed_ix, rp->nfailed, ';', 0);
		out_byte(rp, ']');
	}
	out_byte(rp, '\n');
}

/*
 * Nonzero when all n findings at f passed: most records' case, told
 * without a branch per finding.  f is borrowed for the call.
 */
static int
all_pass(const struct finding *f, size_t n)
{
	unsigned any = 0;
	size_t i;

	for (i = 0; i < n; i++)
		any |= (unsigned)f[i].outcome;
	return any == 0;
}

/*
 * Counts the record and notes its failed and unknown criteria (none for
 * an ERROR record).  By rules_judge()'s verdict, a FAIL or REVIEW record
 * has a criterion that did not pass, and a PASS record has none when
 * every criterion is required, so only a PASS record under advisory
 * criteria needs a look first.  f is borrowed for the call.
 */
static void
tally(struct report *rp, enum verdict v, const struct finding *f)
{
	size_t i;

	rp->counts[v]++;
	rp->nfailed = 0;
	rp->nunknown_ix = 0;
	if (v == VERDICT_ERROR ||
	    (v == VERDICT_PASS &&
	        (rp->all_required || all_pass(f, rp->nrules))))
		return;
	for (i = 0; i < rp->nrules; i++) {
		if (f[i].outcome == OUTCOME_PASS)
			continue;
		if (f[i].outcome == OUTCOME_FAIL) {
			rp->nfail[i]++;
			rp->failed_ix[rp->nfailed++] = i;
		} else {
			rp->nunknown[i]++;
			rp->unknown_ix[rp->nunknown_ix++] = i;
		}
	}
}

/*
 * Counts the record (tally()), then writes it in the report's format.
 * All arguments are borrowed for the call.
 */
static int
report_entry(struct report *rp, const struct record *rec, const size_t *col,
    enum verdict v, const struct finding *f, const char *message)
{
	if ((unsigned)v >= VERDICT_COUNT)
		v = VERDICT_ERROR;
	tally(rp, v, f);
	if (!rp->started)
		text_start(rp);
	if (rp->failed)
		return -1;
	if (rp->opt.format == REPORT_EXPECT) {
		expect_record(rp, rec, v, message);
		return end_entry(rp);
	}
	if (rp->opt.only != 0 && (rp->opt.only & (1u << v)) == 0)
		return end_entry(rp);
	switch (rp->opt.format) {
	case REPORT_CSV:
		csv_record(rp, rec, v);
		break;
	case REPORT_JSONL:
		json_record(rp, rec, col, v, f, message);
		break;
	case REPORT_TEXT:
	default:
		if (!rp->opt.summary_only)
			text_record(rp, rec, col, v, f, message);
		break;
	}
	return end_entry(rp);
}

/*
 * All arguments are borrowed for the call only.  A report that writes
 * nothing for each record (the summary alone, or no stream) only counts,
 * once its start is out.
 */
int
report_record(struct report *rp, const struct record *rec, const size_t *col,
    enum verdict v, const struct finding *f)
{
	if (rp->count_only && rp->started && (unsigned)v < VERDICT_ERROR) {
		tally(rp, v, f);
		return status_of(rp);
	}
	if (v == VERDICT_ERROR)
		return report_entry(rp, rec, col, v, NULL, "");
	return report_entry(rp, rec, col, v, f, NULL);
}

/* rec and message are borrowed for the call only. */
int
report_error(struct report *rp, const struct record *rec, const char *message)
{
	return report_entry(rp, rec, NULL, VERDICT_ERROR, NULL, message);
}

void
report_note_bad_utf8(struct report *rp)
{
	rp->bad_utf8 = 1;
}

/*
 * Writes title and one aligned line per criterion counted in count[]
 * (borrowed for the call), most frequent first, ties in rule order.
 */
static void
summary_block(struct report *rp, const char *title, const unsigned long *count)
{
	size_t i, j, k, n = 0, width = 0;

	for (i = 0; i < rp->nrules; i++) {
		if (count[i] == 0)
			continue;
		/* Insertion sort: stable, so ties stay in rule order. */
		for (j = n; j > 0 && count[rp->order[j - 1]] < count[i]; j--)
			rp->order[j] = rp->order[j - 1];
		rp->order[j] = i;
		n++;
		if (rp->idlen[i] > width)
			width = rp->idlen[i];
	}
	if (n == 0)
		return;
	out_str(rp, title);
	out_byte(rp, '\n');
	for (k = 0; k < n; k++) {
		i = rp->order[k];
		out_str(rp, "  ");
		out_bytes(rp, rp->ids[i], rp->idlen[i]);
		out_spaces(rp, width - rp->idlen[i] + 2);
		out_ulong(rp, count[i]);
		out_byte(rp, '\n');
	}
}

/* The text summary. */
static void
text_summary(struct report *rp)
{
	unsigned long total = 0;
	int v;

	for (v = 0; v < VERDICT_COUNT; v++)
		total += rp->counts[v];
	/* A blank line parts the records from the summary, if any were
	 * written. */
	if (rp->text_lines)
		out_byte(rp, '\n');
	out_str(rp, "screened ");
	out_ulong(rp, total);
	out_str(rp, " records: ");
	for (v = 0; v < VERDICT_COUNT; v++) {
		if (v > 0)
			out_str(rp, ", ");
		out_ulong(rp, rp->counts[v]);
		out_byte(rp, ' ');
		out_str(rp, status_word[v]);
	}
	out_byte(rp, '\n');
	summary_block(rp, "failed:", rp->nfail);
	summary_block(rp, "unknown:", rp->nunknown);
	if (rp->bad_utf8)
		out_str(rp,
		    "note: the input is not valid UTF-8; if names look"
		    " wrong, try --encoding windows-1252\n");
}

int
report_finish(struct report *rp)
{
	unsigned long total = 0;
	int v;

	text_start(rp);
	if (rp->opt.format == REPORT_TEXT)
		text_summary(rp);
	else if (rp->opt.format == REPORT_EXPECT) {
		for (v = 0; v < VERDICT_COUNT; v++)
			total += rp->counts[v];
		out_str(rp, "expect: ");
		out_ulong(rp, total);
		out_str(rp, " records, ");
		out_ulong(rp, rp->mismatches);
		out_str(rp, " mismatches\n");
	}
	out_flush(rp);
	if (!rp->failed && rp->out != NULL && fflush(rp->out) != 0)
		rp->failed = 1;
	return status_of(rp);
}

/* rp is borrowed for the call; the stream stays open. */
int
report_flush(struct report *rp)
{
	out_flush(rp);
	if (!rp->failed && rp->out != NULL && fflush(rp->out) != 0)
		rp->failed = 1;
	return status_of(rp);
}

unsigned long
report_count(const struct report *rp, enum verdict v)
{
	if ((unsigned)v >= VERDICT_COUNT)
		return 0;
	return rp->counts[v];
}

unsigned long
report_mismatches(const struct report *rp)
{
	return rp->mismatches;
}
