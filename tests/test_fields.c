/*
 * test_fields.c - unit tests for fields.c and fields.h: one record's
 * fields copied into an arena, within a field limit and a record limit.
 *
 * Every expected value is worked out by hand from the header's contract:
 * a field costs its bytes and sizeof(struct field) (16) against the
 * record limit; a field over max_field is FIELDS_FIELD_LONG, one that
 * would take the record over max_record is FIELDS_RECORD_LONG, and every
 * field after either, in the same record, is FIELDS_REFUSED.  The cases
 * are records, each a list of field lengths and what fields_add() says
 * of each; a field's bytes are a pattern that includes NUL bytes, copied
 * from a scratch buffer that is then spoiled, so that a view that does
 * not point at a copy shows.  fields_clear() must give a record the
 * whole limit back, after a refusal too.  fields_reserve() is checked as it grows
 * the arena several times with fields added between growths (the views
 * must follow their bytes), and when asked for more than the limit (it
 * stops there).  fields_add() is only asked for what fields_reserve()
 * made room for, as the header requires.  fields_release() is called
 * once per fields_init(): the header does not promise that a second call
 * is harmless.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "fields.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* A literal's bytes and length, NUL bytes included. */
#define IN(s) s, sizeof(s) - 1

/* What a field costs against the record limit besides its bytes. */
#define COST ((size_t)sizeof(struct field))

/* The most fields, and the longest field, any case below adds. */
#define MOST_FIELDS 2000
#define LONGEST 200

/*
 * Byte j of field i's pattern: NUL where 31 i + 7 j is a multiple of
 * 256, as at the first byte of field 0.
 */
static char
pattern(size_t i, size_t j)
{
	return (char)(unsigned char)((i * 31 + j * 7) % 256);
}

/*
 * Adds field i of the pattern, len bytes, copied from a scratch buffer
 * that is spoiled afterwards.
 */
static enum fields_refusal
add_pattern(struct fields *fs, size_t i, size_t len)
{
	char scratch[LONGEST + 1];
	enum fields_refusal why;
	size_t j;

	assert_true(len <= LONGEST);
	for (j = 0; j < len; j++)
		scratch[j] = pattern(i, j);
	why = fields_add(fs, scratch, len);
	memset(scratch, 'X', sizeof(scratch));
	return why;
}

/*
 * Checks that fs holds n fields, field i of the pattern with len[i]
 * bytes, each a view inside arena[0, used), and used their total.
 */
static void
check_views(const struct fields *fs, const size_t *len, size_t n)
{
	size_t i, j, total = 0;

	assert_int_equal(fs->n, n);
	for (i = 0; i < n; i++) {
		const struct field *f = &fs->field[i];

		if (f->len != len[i])
			print_message("field %zu: length %zu, not %zu\n", i,
			    f->len, len[i]);
		assert_int_equal(f->len, len[i]);
		total += len[i];
		if (len[i] == 0)
			continue;
		assert_true(f->ptr >= fs->arena);
		assert_true(f->ptr + f->len <= fs->arena + fs->used);
		for (j = 0; j < len[i]; j++) {
			if (f->ptr[j] != pattern(i, j))
				print_message("field %zu, byte %zu\n", i, j);
			assert_int_equal(f->ptr[j], pattern(i, j));
		}
	}
	assert_int_equal(fs->used, total);
}

/* A fresh fields: no fields, the limits as given, the whole limit left. */
static void
test_init(void **state)
{
	static const struct {
		size_t max_field;
		size_t max_record;
	} cases[] = {
		{ 0, 0 },
		{ 10, 100 },
		{ 100, 15 },
		{ (size_t)1 << 20, (size_t)8 << 20 },
	};
	struct fields fs;
	size_t i;

	(void)state;
	/* The header's "16 bytes of index", which every case counts on. */
	assert_int_equal(COST, 16);
	for (i = 0; i < NELEM(cases); i++) {
		assert_int_equal(
		    fields_init(&fs, cases[i].max_field, cases[i].max_record),
		    0);
		assert_int_equal(fs.n, 0);
		assert_int_equal(fs.used, 0);
		assert_int_equal(fs.max_field, cases[i].max_field);
		assert_int_equal(fs.max_record, cases[i].max_record);
		assert_int_equal(fs.room, cases[i].max_record);
		fields_release(&fs);
	}
}

/*
 * Fields given as literals, NUL bytes and empty fields among them: each
 * view has the bytes given, in a copy, and the room left is the limit
 * less each field's bytes and 16.
 */
static void
test_add(void **state)
{
	static const struct {
		size_t n;
		struct {
			const char *s;
			size_t len;
		} f[5];
		size_t want_used;
		size_t want_room; /* of a 1000-byte limit */
	} cases[] = {
		{ 0, { { NULL, 0 } }, 0, 1000 },
		{ 1, { { IN("") } }, 0, 984 },
		{ 3, { { IN("") }, { IN("") }, { IN("") } }, 0, 952 },
		{ 1, { { IN("abc") } }, 3, 981 },
		{ 1, { { IN("\0") } }, 1, 983 },
		{ 1, { { IN("a\0b") } }, 3, 981 },
		{ 1, { { IN("\0\0\0") } }, 3, 981 },
		{ 1, { { IN("ends in NUL\0") } }, 12, 972 },
		{ 2, { { IN("\0") }, { IN("") } }, 1, 967 },
		{ 3, { { IN("id") }, { IN("") }, { IN("x\0y\0z") } }, 7, 945 },
		{ 5,
		    { { IN("") }, { IN("\xff\0\x80") }, { IN("") },
		        { IN("\r\n") }, { IN("\"q\"") } },
		    8, 912 },
		{ 2, { { IN("0123456789") }, { IN("ten bytes!") } }, 20, 948 },
	};
	enum fields_refusal why;
	char scratch[16];
	struct fields fs;
	size_t i, k;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		assert_int_equal(fields_init(&fs, 16, 1000), 0);
		assert_int_equal(
		    fields_reserve(&fs, cases[i].want_used, cases[i].n), 0);
		for (k = 0; k < cases[i].n; k++) {
			assert_true(cases[i].f[k].len <= sizeof(scratch));
			memcpy(scratch, cases[i].f[k].s, cases[i].f[k].len);
			why = fields_add(&fs, scratch, cases[i].f[k].len);
			if (why != FIELDS_ADDED)
				print_message("case %zu, field %zu\n", i, k);
			assert_int_equal(why, FIELDS_ADDED);
			memset(scratch, 'X', sizeof(scratch));
		}
		assert_int_equal(fs.n, cases[i].n);
		assert_int_equal(fs.used, cases[i].want_used);
		assert_int_equal(fs.room, cases[i].want_room);
		for (k = 0; k < cases[i].n; k++) {
			if (fs.field[k].len != cases[i].f[k].len)
				print_message("case %zu, field %zu\n", i, k);
			assert_int_equal(fs.field[k].len, cases[i].f[k].len);
			if (cases[i].f[k].len > 0)
				assert_memory_equal(fs.field[k].ptr,
				    cases[i].f[k].s, cases[i].f[k].len);
		}
		fields_release(&fs);
	}
}

/*
 * fields_reserve() asked each step for more bytes and fields than the
 * arena and index hold, so that each step grows both, then fields
 * added: step field k has k % (maxlen + 1) bytes, so empty fields come
 * along.  After each step every view, old and new, must still show its
 * bytes.  The limit is far above what the steps use.
 */
static void
test_growth(void **state)
{
	static const struct {
		size_t extra_bytes; /* asked for beyond arena_cap - used */
		size_t extra_fields; /* asked for beyond field_cap - n */
		size_t nadd;
		size_t maxlen;
	} steps[] = {
		{ 1000, 10, 10, 50 },
		{ 5000, 100, 100, 40 },
		{ 20000, 300, 300, 100 },
		{ 100000, 1000, 1000, LONGEST },
		{ 1, 1, 1, 0 },
		{ 1, 1, 0, 0 },
	};
	static size_t len[MOST_FIELDS];
	size_t i, k, bytes, nfields, total, old_arena, old_field;
	struct fields fs;

	(void)state;
	assert_int_equal(fields_init(&fs, LONGEST, (size_t)4 << 20), 0);
	for (i = 0; i < NELEM(steps); i++) {
		total = 0;
		for (k = 0; k < steps[i].nadd; k++)
			total += k % (steps[i].maxlen + 1);
		/* The table asks for room for what the step adds. */
		assert_true(total <= steps[i].extra_bytes);
		assert_true(steps[i].nadd <= steps[i].extra_fields);
		assert_true(fs.n + steps[i].nadd <= MOST_FIELDS);

		old_arena = fs.arena_cap;
		old_field = fs.field_cap;
		bytes = fs.arena_cap - fs.used + steps[i].extra_bytes;
		nfields = fs.field_cap - fs.n + steps[i].extra_fields;
		assert_int_equal(fields_reserve(&fs, bytes, nfields), 0);
		if (fs.arena_cap <= old_arena || fs.field_cap <= old_field)
			print_message("step %zu did not grow\n", i);
		assert_true(fs.arena_cap > old_arena);
		assert_true(fs.field_cap > old_field);
		assert_true(fs.arena_cap >= fs.used + bytes);
		assert_true(fs.field_cap >= fs.n + nfields);
		/* The fields of earlier steps, in the new arena. */
		check_views(&fs, len, fs.n);

		for (k = 0; k < steps[i].nadd; k++) {
			len[fs.n] = k % (steps[i].maxlen + 1);
			assert_int_equal(
			    add_pattern(&fs, fs.n, len[fs.n]), FIELDS_ADDED);
		}
		check_views(&fs, len, fs.n);
	}
	assert_int_equal(fs.n, 1411);
	fields_release(&fs);
}

/*
 * Records of field lengths at small limits, and what fields_add() says
 * of each field: then n, used and room after the record.  Each record is
 * run twice, fields_clear() between: the answers must be the same.
 */
static void
test_refusals(void **state)
{
	static const struct {
		size_t max_field;
		size_t max_record;
		size_t nlen;
		size_t len[6];
		enum fields_refusal want[6];
		size_t want_n, want_used, want_room;
	} cases[] = {
		/* Within both limits: room is 1000 - 13 - 3 * 16. */
		{ 10, 1000, 3, { 3, 0, 10 },
		    { FIELDS_ADDED, FIELDS_ADDED, FIELDS_ADDED }, 3, 13, 939 },
		/* max_field + 1, and every field after it. */
		{ 10, 1000, 4, { 10, 11, 0, 1 },
		    { FIELDS_ADDED, FIELDS_FIELD_LONG, FIELDS_REFUSED,
		        FIELDS_REFUSED },
		    1, 10, 974 },
		{ 10, 1000, 2, { 11, 0 }, { FIELDS_FIELD_LONG, FIELDS_REFUSED },
		    0, 0, 1000 },
		{ 0, 1000, 4, { 0, 0, 1, 0 },
		    { FIELDS_ADDED, FIELDS_ADDED, FIELDS_FIELD_LONG,
		        FIELDS_REFUSED },
		    2, 0, 968 },
		/* 50 + 16 leaves 34: 19 + 16 = 35 is over, then all is. */
		{ 100, 100, 3, { 50, 19, 0 },
		    { FIELDS_ADDED, FIELDS_RECORD_LONG, FIELDS_REFUSED }, 1, 50,
		    34 },
		/* 0 + 16 would fit in the 34 left, but the record is done. */
		{ 100, 100, 4, { 50, 30, 0, 1 },
		    { FIELDS_ADDED, FIELDS_RECORD_LONG, FIELDS_REFUSED,
		        FIELDS_REFUSED },
		    1, 50, 34 },
		/* 18 + 16 = 34: exactly the rest of the limit. */
		{ 100, 100, 2, { 50, 18 }, { FIELDS_ADDED, FIELDS_ADDED }, 2,
		    68, 0 },
		/* One field of the whole limit less 16, and one byte more. */
		{ 100, 100, 1, { 84 }, { FIELDS_ADDED }, 1, 84, 0 },
		{ 100, 100, 2, { 85, 0 },
		    { FIELDS_RECORD_LONG, FIELDS_REFUSED }, 0, 0, 100 },
		/* Empty fields cost 16 each: three fit in 50, a fourth not. */
		{ 100, 50, 5, { 0, 0, 0, 0, 0 },
		    { FIELDS_ADDED, FIELDS_ADDED, FIELDS_ADDED,
		        FIELDS_RECORD_LONG, FIELDS_REFUSED },
		    3, 0, 2 },
		{ 100, 15, 2, { 0, 0 }, { FIELDS_RECORD_LONG, FIELDS_REFUSED },
		    0, 0, 15 },
		{ 10, 20, 2, { 5, 0 }, { FIELDS_RECORD_LONG, FIELDS_REFUSED },
		    0, 0, 20 },
		{ 10, 20, 1, { 4 }, { FIELDS_ADDED }, 1, 4, 0 },
		/*
		 * A record that fills the limit exactly: the next field is
		 * over it, not "refused already" (which would lose it with
		 * no error).  The same with a limit of 0 and the first field.
		 */
		{ 100, 100, 3, { 50, 18, 0 },
		    { FIELDS_ADDED, FIELDS_ADDED, FIELDS_RECORD_LONG }, 2, 68,
		    0 },
		{ 100, 48, 4, { 0, 0, 0, 0 },
		    { FIELDS_ADDED, FIELDS_ADDED, FIELDS_ADDED,
		        FIELDS_RECORD_LONG },
		    3, 0, 0 },
		{ 10, 0, 1, { 0 }, { FIELDS_RECORD_LONG }, 0, 0, 0 },
	};
	size_t i, k, run, bytes, added[6];
	enum fields_refusal why;
	struct fields fs;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		assert_int_equal(
		    fields_init(&fs, cases[i].max_field, cases[i].max_record),
		    0);
		for (run = 0; run < 2; run++) {
			bytes = 0;
			for (k = 0; k < cases[i].nlen; k++)
				bytes += cases[i].len[k];
			assert_int_equal(
			    fields_reserve(&fs, bytes, cases[i].nlen), 0);
			for (k = 0; k < cases[i].nlen; k++) {
				why = add_pattern(&fs, fs.n, cases[i].len[k]);
				if (why != cases[i].want[k])
					print_message("case %zu, run %zu, "
					              "field %zu: %d\n",
					    i, run, k, (int)why);
				assert_int_equal(why, cases[i].want[k]);
				if (why == FIELDS_ADDED)
					added[fs.n - 1] = cases[i].len[k];
			}
			assert_int_equal(fs.n, cases[i].want_n);
			assert_int_equal(fs.used, cases[i].want_used);
			assert_int_equal(fs.room, cases[i].want_room);
			/* A refusal leaves the fields before it alone. */
			check_views(&fs, added, fs.n);
			fields_clear(&fs);
			assert_int_equal(fs.n, 0);
			assert_int_equal(fs.used, 0);
			assert_int_equal(fs.room, cases[i].max_record);
		}
		fields_release(&fs);
	}
}

/*
 * A record, refused or full or not, then fields_clear() and a second
 * record that needs the whole limit back: all of it is added.
 */
static void
test_clear(void **state)
{
	static const struct {
		size_t max_field;
		size_t max_record;
		size_t nfirst;
		size_t first[4];
		size_t nsecond;
		size_t second[4];
		size_t want_room; /* after the second record */
	} cases[] = {
		{ 100, 100, 2, { 50, 30 }, 1, { 84 }, 0 },
		{ 100, 100, 2, { 50, 18 }, 1, { 84 }, 0 },
		{ 100, 100, 1, { 101 }, 1, { 84 }, 0 },
		{ 100, 100, 0, { 0 }, 1, { 84 }, 0 },
		{ 100, 100, 3, { 10, 10, 10 }, 2, { 40, 28 }, 0 },
		/* 3 * (10 + 16) + 16 = 94 of 100. */
		{ 10, 100, 1, { 11 }, 4, { 10, 10, 10, 0 }, 6 },
		{ 100, 50, 4, { 0, 0, 0, 0 }, 3, { 0, 0, 0 }, 2 },
	};
	size_t i, k, bytes, len[4];
	enum fields_refusal why;
	struct fields fs;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		assert_int_equal(
		    fields_init(&fs, cases[i].max_field, cases[i].max_record),
		    0);
		bytes = 0;
		for (k = 0; k < cases[i].nfirst; k++)
			bytes += cases[i].first[k];
		assert_int_equal(
		    fields_reserve(&fs, bytes, cases[i].nfirst), 0);
		for (k = 0; k < cases[i].nfirst; k++)
			(void)add_pattern(&fs, fs.n, cases[i].first[k]);
		fields_clear(&fs);
		bytes = 0;
		for (k = 0; k < cases[i].nsecond; k++)
			bytes += cases[i].second[k];
		assert_int_equal(
		    fields_reserve(&fs, bytes, cases[i].nsecond), 0);
		for (k = 0; k < cases[i].nsecond; k++) {
			len[k] = cases[i].second[k];
			why = add_pattern(&fs, k, len[k]);
			if (why != FIELDS_ADDED)
				print_message("case %zu, field %zu\n", i, k);
			assert_int_equal(why, FIELDS_ADDED);
		}
		check_views(&fs, len, cases[i].nsecond);
		assert_int_equal(fs.room, cases[i].want_room);
		fields_release(&fs);
	}
}

/*
 * fields_reserve() asked for more bytes and more fields than the record
 * limit allows (up to SIZE_MAX, so that used + bytes wraps), maybe after
 * some fields, maybe after a first reserve of over half the limit (so
 * that doubling would overshoot it), and then again: the arena stops at
 * the limit, but holds the longest field a record can have (max_record
 * - 16); the index holds the most fields a record can have (max_record
 * / 16, all empty).  The limits are well above any first size, so that
 * both must grow to reach them.  Then the record is filled with empty
 * fields, and after fields_clear() with one field of max_record - 16
 * bytes, within what was reserved.
 */
static void
test_reserve_limit(void **state)
{
	static const struct {
		size_t max_record;
		size_t pre_bytes, pre_fields; /* reserved first, within */
		size_t nfirst; /* fields of 10 bytes added first */
		size_t bytes;
		size_t nfields;
	} cases[] = {
		{ 100000, 0, 0, 0, SIZE_MAX, SIZE_MAX },
		{ 100000, 0, 0, 0, 100001, 6251 },
		{ 100000, 0, 0, 3, SIZE_MAX, SIZE_MAX },
		{ 100000, 0, 0, 3, SIZE_MAX - 1, SIZE_MAX - 1 },
		{ 100008, 0, 0, 0, 200000, 10000 },
		{ 65536, 0, 0, 0, 65537, 4097 },
		{ 65536, 0, 0, 5, 1000000, 1000000 },
		{ (size_t)1 << 20, 0, 0, 0, (size_t)1 << 21, (size_t)1 << 20 },
		/* Over half the limit first: doubling would overshoot it. */
		{ 100000, 60000, 4000, 0, SIZE_MAX, SIZE_MAX },
		{ 100000, 90000, 6000, 2, 100001, 6251 },
		{ 65536, 40000, 3000, 0, 65537, 4097 },
	};
	static char big[(size_t)1 << 20];
	size_t i, k, most;
	struct fields fs;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		most = cases[i].max_record / COST;
		assert_int_equal(
		    fields_init(&fs, cases[i].max_record, cases[i].max_record),
		    0);
		assert_int_equal(fields_reserve(&fs,
		                     cases[i].pre_bytes + 10 * cases[i].nfirst,
		                     cases[i].pre_fields + cases[i].nfirst),
		    0);
		for (k = 0; k < cases[i].nfirst; k++)
			assert_int_equal(add_pattern(&fs, k, 10), FIELDS_ADDED);
		for (k = 0; k < 2; k++) {
			/* Twice: a second ask changes nothing. */
			assert_int_equal(fields_reserve(&fs, cases[i].bytes,
			                     cases[i].nfields),
			    0);
			if (fs.arena_cap > cases[i].max_record ||
			    fs.field_cap < most)
				print_message("case %zu: arena_cap %zu, "
				              "field_cap %zu\n",
				    i, fs.arena_cap, fs.field_cap);
			assert_true(fs.arena_cap <= cases[i].max_record);
			assert_true(fs.arena_cap >= cases[i].max_record - COST);
			assert_true(fs.field_cap >= most);
			/* No more index than a record can fill. */
			assert_true(fs.field_cap <= most);
		}
		/* Empty fields until one is refused: most of them fit. */
		fields_clear(&fs);
		while (fs.n < fs.field_cap &&
		    fields_add(&fs, "", 0) == FIELDS_ADDED)
			continue;
		assert_int_equal(fs.n, most);
		/* One field as long as a record's bytes can be. */
		fields_clear(&fs);
		assert_true(cases[i].max_record - COST <= sizeof(big));
		memset(big, 0, sizeof(big));
		big[0] = 'a';
		big[cases[i].max_record - COST - 1] = 'z';
		assert_int_equal(
		    fields_add(&fs, big, cases[i].max_record - COST),
		    FIELDS_ADDED);
		assert_int_equal(fs.n, 1);
		assert_int_equal(fs.used, cases[i].max_record - COST);
		assert_true(fs.used <= fs.arena_cap);
		assert_memory_equal(fs.field[0].ptr, big, fs.used);
		assert_int_equal(fs.room, 0);
		fields_release(&fs);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init),
		cmocka_unit_test(test_add),
		cmocka_unit_test(test_growth),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_clear),
		cmocka_unit_test(test_reserve_limit),
	};

	return cmocka_run_group_tests_name("fields", tests, NULL, NULL);
}
