/*
 * gen.c - writes a deterministic, realistic applicant file for the
 * benchmark: `gen N > file` prints the canonical header and N records.
 *
 * The same N always gives the same bytes (its own splitmix64 generator
 * with a fixed seed; no rand(), no clock, no locale), and the first
 * 100,000 records of `gen 1000000` are `gen 100000`.  The values are the
 * kind a personnel office exports: mostly applicants who pass, a good
 * share who fail one or more criteria (each criterion has its own rate),
 * some who go to review because a cell is missing or says something the
 * rules cannot read, names quoted for a comma and a few with doubled
 * quotes, both date forms and mixed spelling of yes and no.  Dates are
 * spread around the nine-year cutoff of the as-of date the benchmark uses
 * (2026-11-22, so the cutoff is 2017-11-22), the boundary days included.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OUT_BUFSIZE (256 * 1024)
#define SEED UINT64_C(0x2008c1f01ce5eed5)

/* The output buffer and the generator state, passed around explicitly. */
struct gen {
	uint64_t state;
	char buf[OUT_BUFSIZE];
	size_t len;
	int failed;
};

static const char header[] =
    "applicant_id,full_name,us_citizen,total_experience_years,"
    "sworn_experience_years,full_service_department,employment_status,"
    "separation_date,english_proficient,weapon_qualified,"
    "manual_transmission,background_clear,passport_valid,physical_test,"
    "agility_test\n";

static const char *const first_names[] = { "Maria", "James", "Robert", "Linda",
	"Kevin", "Aisha", "Thomas", "Patricia", "Dmitri", "Grace", "Hector",
	"Brian", "Sandra", "Michael", "Rachel", "Carl", "Pierre", "Tanya",
	"Marcus", "Helen", "Luis", "Owen", "Nadia", "Victor", "Emily", "Frank",
	"Joyce", "Walter", "Irene", "George", "Yusuf", "Daniel", "Karen",
	"Samuel", "Olivia", "Ahmed", "Diane", "Ana Mar\303\255a", "Curtis",
	"Naomi", "Paul", "Teresa", "Jorge", "Jos\303\251", "Mei", "Kwame",
	"Ingrid", "Sean", "Fatima", "Raj", "Chloe", "Andre", "Lucia", "Tomasz",
	"Keisha", "Hiroshi", "Bridget", "Omar", "Rosa", "Derek", "Zoe",
	"Nikolai", "Amara", "Wesley", "Priya", "Connor", "Ren\303\251e",
	"Malik", "Siobhan", "Anthony", "Christine", "Jamal", "Elena", "Douglas",
	"Yolanda" };

static const char *const last_names[] = { "Gonzalez", "O'Brien", "Smith",
	"Nguyen", "Walsh", "Bello", "Reed", "Lowe", "Volkov", "Kim", "Alvarez",
	"Foster", "Okafor", "Turner", "Stein", "Jenkins", "Dubois", "Brooks",
	"Hill", "Park", "Ortega", "Price", "Haddad", "Chen", "Carter",
	"Moretti", "Adams", "Grant", "Bauer", "Demir", "Reyes", "Liu", "Ward",
	"Martin", "Karimi", "Foley", "Ruiz", "Boyd", "Fischer", "Ingram",
	"Vance", "Castillo", "Johnson", "Williams", "Brown", "Jones", "Garcia",
	"Miller", "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez",
	"Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Lee",
	"Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez",
	"Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright",
	"Scott", "Torres", "Nguy\341\273\205n", "MacDonald", "Kowalski",
	"Mensah", "Patel", "Schmidt", "Rossi", "M\303\274ller", "Yamamoto",
	"O'Neill", "Delgado", "Abara", "Novak", "Santos", "Lindqvist", "Haugen",
	"Chowdhury", "Fitzgerald" };

static const char *const suffixes[] = { "Jr.", "Sr.", "III" };
static const char *const nicknames[] = { "Danny", "Bud", "Kit", "Red", "Sonny",
	"Ace", "Doc", "Tex" };

/* Ways of writing true and false, and how often each appears (weights). */
struct word {
	const char *text;
	unsigned weight;
};

static const struct word yes_words[] = { { "yes", 800 }, { "Yes", 80 },
	{ "YES", 30 }, { "y", 20 }, { "Y", 15 }, { "true", 15 }, { "TRUE", 10 },
	{ "1", 15 }, { "x", 8 }, { "t", 2 }, { " yes", 3 }, { "yes ", 2 } };
static const struct word no_words[] = { { "no", 800 }, { "No", 80 },
	{ "NO", 30 }, { "n", 30 }, { "N", 15 }, { "false", 15 },
	{ "FALSE", 10 }, { "0", 15 }, { "f", 3 }, { " no", 2 } };
static const struct word pass_words[] = { { "pass", 800 }, { "Pass", 60 },
	{ "PASS", 30 }, { "passed", 60 }, { "Passed", 20 }, { "yes", 20 },
	{ "y", 5 }, { "1", 5 } };
static const struct word fail_words[] = { { "fail", 800 }, { "Fail", 60 },
	{ "FAIL", 30 }, { "failed", 80 }, { "Failed", 20 }, { "no", 10 } };
static const struct word active_words[] = { { "active", 800 }, { "Active", 80 },
	{ "serving", 40 }, { "employed", 40 }, { "Employed", 20 },
	{ "current", 30 }, { "ACTIVE", 10 } };
static const struct word separated_words[] = { { "retired", 600 },
	{ "Retired", 100 }, { "separated", 120 }, { "resigned", 100 },
	{ "former", 60 }, { "Separated", 20 } };

/* Cells that no rule can read: each goes to review, never to a FAIL. */
static const char *const bad_bools[] = { "maybe", "N/A", "unknown", "pending",
	"?", "yes/no", "TBD" };
static const char *const bad_years[] = { "8 years", "\"7,5\"", "-3", "ten",
	"1e1", ".5", "12+", "n/a", "5." };
static const char *const bad_status[] = { "on leave", "unknown", "suspended",
	"N/A", "terminated?" };
static const char *const bad_dates[] = { "2/30/2020", "2019-13-01", "unknown",
	"2027-01-15", "12/31/2026", "2019/06/30", "31/12/2019", "2026-11-23",
	"June 2019", "2019-6-30" };

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* The as-of date the data is made for, and its nine-year cutoff. */
#define ASOF_Y 2026
#define ASOF_M 11
#define ASOF_D 22
#define CUTOFF_Y 2017

static uint64_t
next(struct gen *g)
{
	uint64_t z;

	g->state += UINT64_C(0x9e3779b97f4a7c15);
	z = g->state;
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

/* A number in [0, n); the bias of the modulo is far below what matters. */
static unsigned
below(struct gen *g, unsigned n)
{
	return (unsigned)(next(g) % n);
}

/* Nonzero with probability per_million / 1,000,000. */
static int
chance(struct gen *g, unsigned per_million)
{
	return below(g, 1000000) < per_million;
}

static void
flush(struct gen *g)
{
	if (g->len > 0 && fwrite(g->buf, 1, g->len, stdout) != g->len)
		g->failed = 1;
	g->len = 0;
}

/* Appends the n bytes at s (borrowed for the call). */
static void
put(struct gen *g, const char *s, size_t n)
{
	if (g->len + n > sizeof(g->buf))
		flush(g);
	memcpy(g->buf + g->len, s, n);
	g->len += n;
}

/* Appends the NUL-terminated s (borrowed for the call). */
static void
puts_(struct gen *g, const char *s)
{
	put(g, s, strlen(s));
}

static void
putc_(struct gen *g, char c)
{
	put(g, &c, 1);
}

/* Appends v in decimal, at least width digits (zero-padded). */
static void
put_uint(struct gen *g, unsigned long v, int width)
{
	char tmp[24];
	int n = 0;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0);
	while (n < width)
		tmp[n++] = '0';
	while (n > 0)
		putc_(g, tmp[--n]);
}

/* Picks a word by weight; the result is borrowed from the static table. */
static const char *
pick(struct gen *g, const struct word *w, size_t n)
{
	unsigned total = 0, r;
	size_t i;

	for (i = 0; i < n; i++)
		total += w[i].weight;
	r = below(g, total);
	for (i = 0; i < n; i++) {
		if (r < w[i].weight)
			return w[i].text;
		r -= w[i].weight;
	}
	return w[0].text;
}

/* Howard Hinnant's days_from_civil: days since 1970-01-01. */
static long
days_from_civil(long y, long m, long d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* Howard Hinnant's civil_from_days; y, m and d are the caller's. */
static void
civil_from_days(long z, long *y, long *m, long *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

/*
 * Writes day in one of the forms people export: YYYY-MM-DD mostly, then
 * M/D/YYYY, sometimes zero-padded, and M/D/YY.
 */
static void
put_date(struct gen *g, long day)
{
	long y, m, d;
	unsigned form = below(g, 100);

	civil_from_days(day, &y, &m, &d);
	if (form < 60) {
		put_uint(g, (unsigned long)y, 4);
		putc_(g, '-');
		put_uint(g, (unsigned long)m, 2);
		putc_(g, '-');
		put_uint(g, (unsigned long)d, 2);
	} else if (form < 90) {
		int pad = form < 65 ? 2 : 1;

		put_uint(g, (unsigned long)m, pad);
		putc_(g, '/');
		put_uint(g, (unsigned long)d, pad);
		putc_(g, '/');
		put_uint(g, (unsigned long)y, 4);
	} else {
		put_uint(g, (unsigned long)m, 1);
		putc_(g, '/');
		put_uint(g, (unsigned long)d, 1);
		putc_(g, '/');
		put_uint(g, (unsigned long)(y % 100), 2);
	}
}

/*
 * Writes a years value: whole years mostly, else one or two fraction
 * digits ("15.5", "7.25"), sometimes "8.0" or a leading zero ("09").
 * tenths is the value in tenths of a year.
 */
static void
put_years(struct gen *g, unsigned tenths)
{
	unsigned form = below(g, 100);

	if (form < 6)
		putc_(g, '0');
	put_uint(g, tenths / 10, 1);
	if (tenths % 10 != 0) {
		putc_(g, '.');
		put_uint(g, tenths % 10, 1);
		if (form >= 90)
			putc_(g, '5');
	} else if (form >= 94)
		puts_(g, ".0");
}

/* Writes a full name, quoted when it holds a comma or a quote. */
static void
put_name(struct gen *g)
{
	const char *first = first_names[below(g, NELEM(first_names))];
	const char *last = last_names[below(g, NELEM(last_names))];
	unsigned form = below(g, 1000);

	if (form < 860) {
		puts_(g, first);
		putc_(g, ' ');
		puts_(g, last);
	} else if (form < 910) {
		puts_(g, first);
		putc_(g, ' ');
		putc_(g, (char)('A' + below(g, 26)));
		puts_(g, ". ");
		puts_(g, last);
	} else if (form < 970) {
		/* "Last, First" or "Last, First M." */
		putc_(g, '"');
		puts_(g, last);
		puts_(g, ", ");
		puts_(g, first);
		if (form >= 955) {
			putc_(g, ' ');
			putc_(g, (char)('A' + below(g, 26)));
			putc_(g, '.');
		}
		putc_(g, '"');
	} else if (form < 994) {
		/* "First Last, Jr." */
		putc_(g, '"');
		puts_(g, first);
		putc_(g, ' ');
		puts_(g, last);
		puts_(g, ", ");
		puts_(g, suffixes[below(g, NELEM(suffixes))]);
		putc_(g, '"');
	} else {
		/* "First ""Nick"" Last", sometimes with a comma too. */
		putc_(g, '"');
		puts_(g, first);
		puts_(g, " \"\"");
		puts_(g, nicknames[below(g, NELEM(nicknames))]);
		puts_(g, "\"\" ");
		puts_(g, last);
		if (form >= 998)
			puts_(g, ", Jr.");
		putc_(g, '"');
	}
}

/* The columns that can be made unreadable, by kind. */
enum kind { KIND_BOOL, KIND_TEST, KIND_YEARS, KIND_STATUS, KIND_DATE };

/* Column index (0 = applicant_id) and kind of each rule column. */
static const struct {
	int column;
	enum kind kind;
} rule_columns[] = { { 2, KIND_BOOL }, { 3, KIND_YEARS }, { 4, KIND_YEARS },
	{ 5, KIND_BOOL }, { 6, KIND_STATUS }, { 7, KIND_DATE },
	{ 8, KIND_BOOL }, { 9, KIND_BOOL }, { 10, KIND_BOOL },
	{ 11, KIND_BOOL }, { 12, KIND_BOOL }, { 13, KIND_TEST },
	{ 14, KIND_TEST } };

/* Per-million rate at which each boolean column (2, 5, 8..14) is false. */
static const unsigned false_rate[15] = { 0, 0, 15000, 0, 0, 15000, 0, 0, 12000,
	12000, 25000, 8000, 15000, 15000, 15000 };

/* Writes the unreadable text for a cell of kind k: blank or nonsense. */
static void
put_bad(struct gen *g, enum kind k)
{
	if (below(g, 100) < 45) {
		if (below(g, 4) == 0)
			putc_(g, ' ');
		return;
	}
	switch (k) {
	case KIND_BOOL:
	case KIND_TEST:
		puts_(g, bad_bools[below(g, NELEM(bad_bools))]);
		break;
	case KIND_YEARS:
		puts_(g, bad_years[below(g, NELEM(bad_years))]);
		break;
	case KIND_STATUS:
		puts_(g, bad_status[below(g, NELEM(bad_status))]);
		break;
	case KIND_DATE:
		puts_(g, bad_dates[below(g, NELEM(bad_dates))]);
		break;
	}
}

static void
put_record(struct gen *g, unsigned long id, long asof, long cutoff)
{
	unsigned total, sworn;
	int bad = -1, separated, c;

	/* About one record in 40 has one cell that no rule can read. */
	if (chance(g, 25000))
		bad = rule_columns[below(g, NELEM(rule_columns))].column;

	/* Experience in tenths of a year; a few short of 8 or of 5. */
	if (chance(g, 40000))
		total = 20 + below(g, 60); /* 2.0 .. 7.9 */
	else if (chance(g, 5000))
		total = 80; /* exactly 8 */
	else
		total = 80 + below(g, 230); /* 8.0 .. 30.9 */
	if (chance(g, 40000))
		sworn = 10 + below(g, 40); /* 1.0 .. 4.9 */
	else if (chance(g, 5000))
		sworn = 50; /* exactly 5 */
	else
		sworn = 50 + below(g, total > 50 ? total - 50 + 1 : 1);
	if (chance(g, 5000))
		sworn = total + 5 + below(g, 40); /* sworn > total: review */
	separated = below(g, 100) < 38;

	puts_(g, "A-");
	put_uint(g, id, 7);
	for (c = 1; c < 15; c++) {
		putc_(g, ',');
		if (c == bad) {
			put_bad(g, rule_columns[c - 2].kind);
			continue;
		}
		switch (c) {
		case 1:
			put_name(g);
			break;
		case 3:
			put_years(g, total);
			break;
		case 4:
			put_years(g, sworn);
			break;
		case 6:
			if (separated)
				puts_(g,
				    pick(g, separated_words,
				        NELEM(separated_words)));
			else
				puts_(g,
				    pick(g, active_words, NELEM(active_words)));
			break;
		case 7:
			if (separated) {
				unsigned r = below(g, 1000);
				long day;

				if (r < 5)
					day = cutoff;
				else if (r < 10)
					day = cutoff - 1;
				else if (r < 70)
					day = cutoff - 1 - below(g, 8000);
				else
					day = cutoff +
					    below(g,
					        (unsigned)(asof - cutoff + 1));
				put_date(g, day);
			} else if (below(g, 100) < 2) {
				/* An active officer's date is never read. */
				puts_(
				    g, below(g, 2) ? "unknown" : "2015-06-30");
			}
			break;
		case 13:
		case 14:
			if (chance(g, false_rate[c]))
				puts_(
				    g, pick(g, fail_words, NELEM(fail_words)));
			else
				puts_(
				    g, pick(g, pass_words, NELEM(pass_words)));
			break;
		default:
			if (chance(g, false_rate[c]))
				puts_(g, pick(g, no_words, NELEM(no_words)));
			else
				puts_(g, pick(g, yes_words, NELEM(yes_words)));
			break;
		}
	}
	putc_(g, '\n');
}

int
main(int argc, char **argv)
{
	struct gen *g;
	unsigned long n, i;
	long asof, cutoff;
	char *end;
	int failed;

	if (argc != 2 || argv[1][0] < '0' || argv[1][0] > '9') {
		fputs("usage: gen N > file\n", stderr);
		return 2;
	}
	n = strtoul(argv[1], &end, 10);
	if (*end != '\0' || n > 9999999) {
		fputs("gen: N must be a number up to 9999999\n", stderr);
		return 2;
	}
	g = malloc(sizeof(*g));
	if (g == NULL) {
		fputs("gen: out of memory\n", stderr);
		return 2;
	}
	g->state = SEED;
	g->len = 0;
	g->failed = 0;
	asof = days_from_civil(ASOF_Y, ASOF_M, ASOF_D);
	cutoff = days_from_civil(CUTOFF_Y, ASOF_M, ASOF_D);
	puts_(g, header);
	for (i = 1; i <= n; i++)
		put_record(g, i, asof, cutoff);
	flush(g);
	if (fflush(stdout) != 0 || ferror(stdout))
		g->failed = 1;
	failed = g->failed;
	free(g);
	if (failed) {
		fputs("gen: write error\n", stderr);
		return 2;
	}
	return 0;
}
