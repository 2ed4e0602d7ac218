/*
 * ruletest.c - what the kinds of rule test share: writing reasons into
 * a bounded buffer; see ruletest.h.
 */
#include <string.h>

#include "error.h"
#include "ruletest.h"
#include "value.h"

void
reason_bytes(struct reason *out, const char *s, size_t n)
{
	size_t room;

	if (out->size == 0)
		return;
	room = out->size - 1 - out->len;
	if (n > room)
		n = room;
	memcpy(out->buf + out->len, s, n);
	out->len += n;
	out->buf[out->len] = '\0';
}

void
reason_str(struct reason *out, const char *s)
{
	reason_bytes(out, s, strlen(s));
}

void
reason_number(struct reason *out, const struct decimal *d)
{
	char buf[REASON_NUMBER_MAX];
	size_t n = value_decimal_format(d, buf, sizeof(buf));

	reason_bytes(out, buf, n < sizeof(buf) ? n : sizeof(buf) - 1);
}

void
reason_date(struct reason *out, int32_t day)
{
	char buf[11];

	reason_str(out, value_format_date(day, buf));
}

void
reason_cell(struct reason *out, const struct judging *jg, size_t slot)
{
	char q[ERROR_QUOTE_BUF];
	const char *s;
	size_t n;

	ruletest_cell(jg, slot, &s, &n);
	value_trim(&s, &n);
	reason_str(out, error_quote(q, sizeof(q), s, n));
}
