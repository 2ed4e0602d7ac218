/*
 * floor.c - the least a CSV screener can cost: parse the file with libcsv
 * and count fields and records, nothing else.  The benchmark measures
 * civpol-screen against it.
 *
 * `floor FILE` reads FILE with read(2), 64 KiB at a time, and hands each
 * chunk to csv_parse() with callbacks that only count.  The parser is set
 * up the way civpol-screen's reader must set it up to keep field bytes
 * exact: CSV_STRICT | CSV_STRICT_FINI (a stray quote is an error, not a
 * swallowed file) and a space function that calls no byte a space (so
 * libcsv trims nothing).  `floor --default FILE` uses libcsv's default
 * options instead (not strict, spaces and tabs trimmed), to show what
 * that configuration costs or saves.  The end-of-record callback counts
 * records: every real reader needs it, and it costs one call a record.
 * It prints "FIELDS RECORDS" and exits 0, or 1 with a message on error.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <csv.h>

#define READ_SIZE (64 * 1024)

struct counts {
	unsigned long fields;
	unsigned long records;
};

/* The field callback: s is libcsv's buffer, borrowed for the call. */
static void
count_field(void *s, size_t len, void *data)
{
	struct counts *c = data;

	(void)s;
	(void)len;
	c->fields++;
}

static void
count_record(int term, void *data)
{
	struct counts *c = data;

	(void)term;
	c->records++;
}

/* No byte is a space: fields are kept exactly as they came. */
static int
no_space(unsigned char c)
{
	(void)c;
	return 0;
}

int
main(int argc, char **argv)
{
	static char buf[READ_SIZE];
	struct csv_parser p;
	struct counts c = { 0, 0 };
	const char *path;
	int fd, strict = 1, rc = 0;
	ssize_t n;

	if (argc == 3 && strcmp(argv[1], "--default") == 0) {
		strict = 0;
		path = argv[2];
	} else if (argc == 2) {
		path = argv[1];
	} else {
		fputs("usage: floor [--default] FILE\n", stderr);
		return 1;
	}
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		fprintf(stderr, "floor: %s: %s\n", path, strerror(errno));
		return 1;
	}
	if (csv_init(&p, strict ? CSV_STRICT | CSV_STRICT_FINI : 0) != 0) {
		fputs("floor: csv_init failed\n", stderr);
		close(fd);
		return 1;
	}
	if (strict)
		csv_set_space_func(&p, no_space);
	for (;;) {
		n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			fprintf(
			    stderr, "floor: %s: %s\n", path, strerror(errno));
			rc = 1;
			break;
		}
		if (n == 0)
			break;
		if (csv_parse(&p, buf, (size_t)n, count_field, count_record,
		        &c) != (size_t)n) {
			fprintf(stderr, "floor: %s: %s\n", path,
			    csv_strerror(csv_error(&p)));
			rc = 1;
			break;
		}
	}
	if (rc == 0 && csv_fini(&p, count_field, count_record, &c) != 0) {
		fprintf(stderr, "floor: %s: %s\n", path,
		    csv_strerror(csv_error(&p)));
		rc = 1;
	}
	csv_free(&p);
	close(fd);
	if (rc == 0)
		printf("%lu %lu\n", c.fields, c.records);
	return rc;
}
