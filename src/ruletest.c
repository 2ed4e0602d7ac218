/*
 * ruletest.c - what the kinds of rule test share: writing reasons into
 * a bounded buffer; see ruletest.h.
 */
#include <stdio.h>
#include <string.h>

#include "ascii.h"
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

	ruletest_raw_cell(jg, slot, &s, &n);
	value_trim(&s, &n);
	reason_str(out, error_quote(q, sizeof(q), s, n));
}

/* Nonzero when the n bytes at s are w, ignoring ASCII case. */
static int
same_word(const struct word *w, const char *s, size_t n)
{
	size_t i;

	if (w->n != n)
		return 0;
	for (i = 0; i < n; i++)
		if (ascii_fold_letter(s[i]) != ascii_fold_letter(w->s[i]))
			return 0;
	return 1;
}

int
ruletest_word_in(const struct word *w, size_t nw, const char *s, size_t n)
{
	size_t k;

	value_trim(&s, &n);
	for (k = 0; k < nw; k++)
		if (same_word(&w[k], s, n))
			return 1;
	return 0;
}

void
ruletest_translate(
    const struct judging *jg, size_t slot, const char **s, size_t *n)
{
	const struct translation_list *tl = &jg->tr[slot];
	const char *t = *s;
	size_t k, len = *n;

	if (tl->n == 0)
		return;
	value_trim(&t, &len);
	for (k = 0; k < tl->n; k++)
		if (same_word(&tl->from[k], t, len)) {
			*s = tl->to[k].s;
			*n = tl->to[k].n;
			return;
		}
}

int32_t
ruletest_limit_day(const struct test *t, int32_t asof, int sign)
{
	if (t->have_day && t->day_asof == asof)
		return t->day;
	return value_add_months(
	    asof, (int64_t)sign * t->count * (int64_t)t->months);
}

void
ruletest_prepare_limit(struct test *t, int32_t asof, int sign)
{
	t->have_day = 0;
	t->day = ruletest_limit_day(t, asof, sign);
	t->day_asof = asof;
	t->have_day = 1;
}

enum outcome
ruletest_operand_date(const struct test *t, struct judging *jg,
    struct decimal *v, char buf[24], struct finding *f)
{
	int32_t day = 0;
	enum outcome o;
	uint64_t periods;
	char *d = buf + 23;

	o = ruletest_past_date(jg, t->slot[0], &day, f);
	if (o != OUTCOME_PASS)
		return o;
	periods = (uint64_t)value_whole_periods(
	    day, jg->asof, t->operand == OPERAND_MONTHS ? 1 : 12);
	/* The digits, from the last; a decimal views them. */
	do {
		*--d = (char)('0' + periods % 10);
		periods /= 10;
	} while (periods > 0);
	(void)value_decimal(d, (size_t)(buf + 23 - d), v);
	return OUTCOME_PASS;
}

void
reason_period(struct reason *out, const struct test *t)
{
	char num[32];

	(void)snprintf(num, sizeof(num), "%d ", t->count);
	reason_str(out, num);
	if (t->months == 1)
		reason_str(out, t->count == 1 ? "month" : "months");
	else
		reason_str(out, t->count == 1 ? "year" : "years");
}

void
reason_limit(struct reason *out, const struct test *t, const struct judging *jg,
    int sign, const char *then)
{
	reason_date(out, ruletest_limit_day(t, jg->asof, sign));
	reason_str(out, then);
	reason_str(out, " (");
	reason_period(out, t);
	reason_str(out, sign > 0 ? " after " : " before ");
	reason_date(out, jg->asof);
	reason_str(out, ")");
}

/* Nonzero when name, less what ends it that is no letter or digit, ends
 * in unit, ignoring case. */
static int
counted_in(const char *name, const char *unit)
{
	size_t n = strlen(name), u = strlen(unit), i;

	while (n > 0 && !ascii_is_alnum((unsigned char)name[n - 1]))
		n--;
	if (n < u)
		return 0;
	for (i = 0; i < u; i++)
		if (ascii_fold_letter(name[n - u + i]) !=
		    (unsigned char)unit[i])
			return 0;
	return 1;
}

void
reason_operand(struct reason *out, const struct test *t, const char *id,
    const struct judging *jg)
{
	static const char *const since[] = { "", "age", "years since ",
		"months since " };
	struct judging copy = *jg;
	struct finding f;
	struct decimal v;
	char buf[24];
	size_t k;

	if (t->operand != OPERAND_NUMBER) {
		reason_str(out, since[t->operand]);
		if (t->operand != OPERAND_AGE)
			reason_str(out, t->colname[0]);
		reason_str(out, " ");
		if (ruletest_operand(t, &copy, &v, buf, &f) == OUTCOME_PASS)
			reason_number(out, &v);
		reason_str(out, " on ");
		reason_date(out, jg->asof);
		return;
	}
	if (id != NULL)
		for (k = 0; id[k] != '\0'; k++)
			reason_bytes(out, id[k] == '_' ? " " : &id[k], 1);
	else
		reason_str(out, t->colname[0]);
	reason_str(out, " ");
	copy.known = 0;
	copy.known_dates = 0;
	if (ruletest_operand(t, &copy, &v, buf, &f) == OUTCOME_PASS)
		reason_number(out, &v);
	else
		reason_cell(out, jg, t->slot[0]);
	reason_unit(out, t->colname[0]);
}

void
reason_unit(struct reason *out, const char *column)
{
	if (counted_in(column, "years"))
		reason_str(out, " years");
	else if (counted_in(column, "months"))
		reason_str(out, " months");
}
