/*
 * test_outfile.c - unit tests for outfile.c and outfile.h: a report file
 * written whole or not at all, through a temporary file renamed over the
 * target.
 *
 * Every case runs in a fresh directory from mkdtemp(), removed after it,
 * and checks what outfile.h promises, not how outfile.c keeps it: a new
 * file gets 0666 less the umask; a file replaced keeps its mode and
 * owner, and holds its old bytes until outfile_commit() (a temporary
 * ".NAME.XXXXXX" waits beside it meanwhile); outfile_abort() leaves the
 * target as it was and removes the temporary file; through a symbolic
 * link, the file it names is replaced and the link stays; a target that
 * exists and is not a regular file is written in place, with no
 * temporary file; outfile_replaces() is nonzero only when an existing
 * regular file is to be replaced; and a failure fills err with the path
 * and no line, creating nothing.  After every case the directory must
 * hold exactly the entries the case names: no temporary file is left
 * behind.  Cases that change the umask set it back.
 */
/* realpath() is X/Open's in glibc's headers. */
#define _XOPEN_SOURCE 700

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "outfile.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

#define OLD_TEXT "old report\n"
#define NEW_TEXT "new report, longer than the old one\n"

/* A path in a case's directory, made by join(). */
#define PATH_LEN 512

/* Writes dir/name into buf (PATH_LEN bytes); returns buf. */
static char *
join(char *buf, const char *dir, const char *name)
{
	int n = snprintf(buf, PATH_LEN, "%s/%s", dir, name);

	assert_true(n > 0 && n < PATH_LEN);
	return buf;
}

/* Makes a fresh directory for a case; dir gets its path. */
static void
make_dir(char *dir, size_t size)
{
	int n = snprintf(dir, size, "/tmp/test_outfile.XXXXXX");

	assert_true(n > 0 && (size_t)n < size);
	assert_non_null(mkdtemp(dir));
}

/* Removes dir and what is in it, one level of subdirectories deep. */
static void
remove_dir(const char *dir)
{
	char path[PATH_LEN];
	struct dirent *de;
	struct stat st;
	DIR *d;

	d = opendir(dir);
	assert_non_null(d);
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		join(path, dir, de->d_name);
		assert_int_equal(lstat(path, &st), 0);
		if (S_ISDIR(st.st_mode))
			remove_dir(path);
		else
			assert_int_equal(unlink(path), 0);
	}
	(void)closedir(d);
	assert_int_equal(rmdir(dir), 0);
}

/*
 * Checks that dir holds exactly the entries of want, a list of names
 * separated by single spaces in any order ("" for none).
 */
static void
check_entries(const char *dir, const char *want)
{
	char names[256], key[PATH_LEN];
	struct dirent *de;
	size_t nwant = 0, nseen = 0;
	const char *p;
	DIR *d;

	for (p = want; *p != '\0'; p++)
		if (p == want || p[-1] == ' ')
			nwant++;
	(void)snprintf(names, sizeof(names), " %s ", want);
	d = opendir(dir);
	assert_non_null(d);
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		nseen++;
		(void)snprintf(key, sizeof(key), " %s ", de->d_name);
		if (strstr(names, key) == NULL)
			print_message(
			    "%s: unexpected entry %s, not in \"%s\"\n", dir,
			    de->d_name, want);
		assert_non_null(strstr(names, key));
	}
	(void)closedir(d);
	if (nseen != nwant)
		print_message(
		    "%s: %zu entries, not \"%s\"\n", dir, nseen, want);
	assert_int_equal(nseen, nwant);
}

/* Writes text to path, creating it with mode (umask aside, chmod'ed). */
static void
write_file(const char *path, const char *text, mode_t mode)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	assert_int_equal(fputs(text, fp) >= 0, 1);
	assert_int_equal(fclose(fp), 0);
	assert_int_equal(chmod(path, mode), 0);
}

/* Checks that path is a regular file holding exactly want. */
static void
check_content(const char *path, const char *want)
{
	char buf[256];
	struct stat st;
	size_t n;
	FILE *fp;

	assert_int_equal(lstat(path, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	fp = fopen(path, "r");
	assert_non_null(fp);
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	(void)fclose(fp);
	buf[n] = '\0';
	assert_string_equal(buf, want);
}

/* Checks path's permission bits. */
static void
check_mode(const char *path, mode_t want)
{
	struct stat st;

	assert_int_equal(stat(path, &st), 0);
	if ((st.st_mode & 07777) != want)
		print_message("%s: mode %04o, not %04o\n", path,
		    (unsigned)(st.st_mode & 07777), (unsigned)want);
	assert_int_equal(st.st_mode & 07777, want);
}

/*
 * Checks that tmp is an existing regular file named ".NAME.XXXXXX" in
 * the directory dir (a real path), NAME the target's name.
 */
static void
check_tmp(const char *tmp, const char *dir, const char *name)
{
	char prefix[PATH_LEN];
	struct stat st;

	assert_non_null(tmp);
	(void)snprintf(prefix, sizeof(prefix), "%s/.%s.", dir, name);
	if (strncmp(tmp, prefix, strlen(prefix)) != 0)
		print_message("temporary file %s, not %sXXXXXX\n", tmp, prefix);
	assert_int_equal(strncmp(tmp, prefix, strlen(prefix)), 0);
	assert_int_equal(strlen(tmp), strlen(prefix) + 6);
	assert_int_equal(lstat(tmp, &st), 0);
	assert_true(S_ISREG(st.st_mode));
}

/* Writes NEW_TEXT to of's stream. */
static void
write_new(struct outfile *of)
{
	assert_non_null(of->fp);
	assert_true(fputs(NEW_TEXT, of->fp) >= 0);
}

/*
 * A new file, written and committed under each umask: its mode is 0666
 * less the umask, and nothing else is left in the directory.  Aborted,
 * it is not there at all.
 */
static void
test_new_file(void **state)
{
	static const struct {
		mode_t umask;
		int commit;
		mode_t want;
	} cases[] = {
		{ 022, 1, 0644 },
		{ 027, 1, 0640 },
		{ 077, 1, 0600 },
		{ 0, 1, 0666 },
		{ 0222, 1, 0444 },
		{ 022, 0, 0 },
	};
	char dir[64], path[PATH_LEN], real[PATH_MAX];
	struct outfile of;
	struct error err;
	mode_t saved;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		make_dir(dir, sizeof(dir));
		assert_non_null(realpath(dir, real));
		join(path, dir, "report.csv");
		saved = umask(cases[i].umask);
		assert_int_equal(outfile_open(&of, path, &err), 0);
		assert_int_equal(outfile_replaces(&of), 0);
		check_tmp(outfile_tmp(&of), real, "report.csv");
		write_new(&of);
		if (cases[i].commit) {
			assert_int_equal(outfile_commit(&of, &err), 0);
			(void)umask(saved);
			check_content(path, NEW_TEXT);
			check_mode(path, cases[i].want);
			check_entries(dir, "report.csv");
		} else {
			outfile_abort(&of);
			(void)umask(saved);
			check_entries(dir, "");
		}
		remove_dir(dir);
	}
}

/*
 * An existing file replaced: until the commit it holds its old bytes and
 * the temporary file waits beside it; after the commit it holds the new
 * bytes with its old mode, whatever the umask, and owner.  Aborted, it
 * is left as it was, mode included.  As root, the file is first given
 * to another owner, which the replacement must keep.
 */
static void
test_replace(void **state)
{
	static const struct {
		mode_t mode;
		int commit;
	} cases[] = {
		{ 0640, 1 },
		{ 0600, 1 },
		{ 0644, 1 },
		{ 0755, 1 },
		{ 0444, 1 },
		{ 0604, 1 },
		{ 0640, 0 },
		{ 0444, 0 },
	};
	char dir[64], path[PATH_LEN], real[PATH_MAX];
	struct outfile of;
	struct error err;
	struct stat before, after;
	mode_t saved;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		make_dir(dir, sizeof(dir));
		assert_non_null(realpath(dir, real));
		join(path, dir, "out.txt");
		write_file(path, OLD_TEXT, cases[i].mode);
		if (geteuid() == 0)
			assert_int_equal(chown(path, 4321, 8765), 0);
		assert_int_equal(stat(path, &before), 0);
		/* A umask that would change any mode it applied to. */
		saved = umask(077);
		assert_int_equal(outfile_open(&of, path, &err), 0);
		assert_int_not_equal(outfile_replaces(&of), 0);
		check_tmp(outfile_tmp(&of), real, "out.txt");
		write_new(&of);
		assert_int_equal(fflush(of.fp), 0);
		/* Written, not yet committed: the old bytes are there. */
		check_content(path, OLD_TEXT);
		check_mode(path, cases[i].mode);
		if (cases[i].commit) {
			assert_int_equal(outfile_commit(&of, &err), 0);
			check_content(path, NEW_TEXT);
		} else {
			outfile_abort(&of);
			check_content(path, OLD_TEXT);
		}
		(void)umask(saved);
		check_mode(path, cases[i].mode);
		assert_int_equal(stat(path, &after), 0);
		assert_int_equal(after.st_uid, before.st_uid);
		assert_int_equal(after.st_gid, before.st_gid);
		check_entries(dir, "out.txt");
		remove_dir(dir);
	}
}

/*
 * Through a symbolic link (relative or absolute, into the same directory
 * or another): the file it names is replaced, with the temporary file
 * beside that file, and the link stays the same link.  In sub/, "real"
 * is the file and the link is made in the case's directory or in sub/.
 */
static void
test_symlink(void **state)
{
	static const struct {
		const char *link; /* where the link is, in dir */
		const char *to; /* what it holds; "@" stands for dir */
		int commit;
	} cases[] = {
		{ "sub/link", "real", 1 },
		{ "link", "sub/real", 1 },
		{ "link", "./sub/../sub/real", 1 },
		{ "link", "@/sub/real", 1 },
		{ "sub/link", "real", 0 },
		{ "link", "@/sub/real", 0 },
	};
	char dir[64], real[PATH_MAX], subreal[PATH_MAX], path[PATH_LEN],
	    file[PATH_LEN], sub[PATH_LEN], to[PATH_LEN], got[PATH_LEN];
	struct outfile of;
	struct error err;
	struct stat st;
	ssize_t n;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		make_dir(dir, sizeof(dir));
		assert_non_null(realpath(dir, real));
		join(sub, dir, "sub");
		assert_int_equal(mkdir(sub, 0755), 0);
		assert_non_null(realpath(sub, subreal));
		join(file, sub, "real");
		write_file(file, OLD_TEXT, 0640);
		if (cases[i].to[0] == '@')
			(void)snprintf(
			    to, sizeof(to), "%s%s", dir, cases[i].to + 1);
		else
			(void)snprintf(to, sizeof(to), "%s", cases[i].to);
		join(path, dir, cases[i].link);
		assert_int_equal(symlink(to, path), 0);

		assert_int_equal(outfile_open(&of, path, &err), 0);
		assert_int_not_equal(outfile_replaces(&of), 0);
		check_tmp(outfile_tmp(&of), subreal, "real");
		write_new(&of);
		if (cases[i].commit) {
			assert_int_equal(outfile_commit(&of, &err), 0);
			check_content(file, NEW_TEXT);
		} else {
			outfile_abort(&of);
			check_content(file, OLD_TEXT);
		}
		check_mode(file, 0640);
		assert_int_equal(lstat(path, &st), 0);
		assert_true(S_ISLNK(st.st_mode));
		n = readlink(path, got, sizeof(got) - 1);
		assert_true(n > 0);
		got[n] = '\0';
		assert_string_equal(got, to);
		check_entries(dir,
		    strchr(cases[i].link, '/') != NULL ? "sub" : "sub link");
		check_entries(sub,
		    strchr(cases[i].link, '/') != NULL ? "real link" : "real");
		remove_dir(dir);
	}
}

/*
 * A symbolic link to a file not there yet: the file it names is
 * created and the link stays, as the header promises for any link.
 */
static void
test_dangling_symlink(void **state)
{
	static const struct {
		const char *to; /* what the link holds; "@" stands for dir */
	} cases[] = {
		{ "@/new.txt" },
		/* A relative link names a file beside the link. */
		{ "new.txt" },
	};
	char dir[64], path[PATH_LEN], file[PATH_LEN], to[PATH_LEN],
	    got[PATH_LEN];
	struct outfile of;
	struct error err;
	struct stat st;
	ssize_t n;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		make_dir(dir, sizeof(dir));
		if (cases[i].to[0] == '@')
			(void)snprintf(
			    to, sizeof(to), "%s%s", dir, cases[i].to + 1);
		else
			(void)snprintf(to, sizeof(to), "%s", cases[i].to);
		join(path, dir, "link");
		join(file, dir, "new.txt");
		assert_int_equal(symlink(to, path), 0);

		assert_int_equal(outfile_open(&of, path, &err), 0);
		assert_int_equal(outfile_replaces(&of), 0);
		write_new(&of);
		assert_int_equal(outfile_commit(&of, &err), 0);
		assert_int_equal(lstat(path, &st), 0);
		assert_true(S_ISLNK(st.st_mode));
		n = readlink(path, got, sizeof(got) - 1);
		assert_true(n > 0);
		got[n] = '\0';
		assert_string_equal(got, to);
		check_content(file, NEW_TEXT);
		check_entries(dir, "link new.txt");
		remove_dir(dir);
	}
}

/*
 * Paths that cannot be opened: in a directory that is not there, or
 * under a regular file.  outfile_open() fails with err naming the path
 * and no line, and nothing is created.
 */
static void
test_open_fails(void **state)
{
	static const struct {
		const char *name; /* in dir */
		const char *entries; /* what dir holds after */
	} cases[] = {
		{ "missing/out.csv", "" },
		{ "missing/deeper/out.csv", "" },
		{ "file/out.csv", "file" },
	};
	char dir[64], path[PATH_LEN], file[PATH_LEN];
	struct outfile of;
	struct error err;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		make_dir(dir, sizeof(dir));
		if (strcmp(cases[i].entries, "file") == 0)
			write_file(join(file, dir, "file"), OLD_TEXT, 0644);
		join(path, dir, cases[i].name);
		memset(&err, 0, sizeof(err));
		err.line = 99;
		assert_int_equal(outfile_open(&of, path, &err), -1);
		assert_true(err.msg[0] != '\0');
		assert_non_null(err.file);
		assert_string_equal(err.file, path);
		assert_int_equal(err.line, 0);
		check_entries(dir, cases[i].entries);
		if (strcmp(cases[i].entries, "file") == 0)
			check_content(file, OLD_TEXT);
		remove_dir(dir);
	}
}

/*
 * A target that exists and is not a regular file is written in place:
 * no temporary file, nothing replaced, the commit succeeds and the
 * device or pipe stays what it was.  Through a FIFO, the bytes written
 * come out at the other end, which shows they went to the target
 * itself.
 */
static void
test_in_place(void **state)
{
	static const struct {
		const char *path; /* NULL: a FIFO in a fresh directory */
		int commit;
	} cases[] = {
		{ "/dev/null", 1 },
		{ "/dev/null", 0 },
		{ NULL, 1 },
		{ NULL, 0 },
	};
	char dir[64], fifo[PATH_LEN], buf[128];
	const char *path;
	struct outfile of;
	struct error err;
	struct stat st;
	ssize_t n;
	size_t i;
	int rfd = -1;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		path = cases[i].path;
		if (path == NULL) {
			make_dir(dir, sizeof(dir));
			path = join(fifo, dir, "fifo");
			assert_int_equal(mkfifo(path, 0600), 0);
			/* A reader first, so that opening to write does not
			 * wait. */
			rfd = open(path, O_RDONLY | O_NONBLOCK);
			assert_true(rfd >= 0);
		}
		assert_int_equal(outfile_open(&of, path, &err), 0);
		assert_null(outfile_tmp(&of));
		assert_int_equal(outfile_replaces(&of), 0);
		write_new(&of);
		if (cases[i].commit)
			assert_int_equal(outfile_commit(&of, &err), 0);
		else
			outfile_abort(&of);
		assert_int_equal(stat(path, &st), 0);
		if (cases[i].path == NULL) {
			assert_true(S_ISFIFO(st.st_mode));
			n = read(rfd, buf, sizeof(buf) - 1);
			assert_true(n >= 0);
			buf[n] = '\0';
			/* Committed, the bytes were flushed; aborted, they
			 * may or may not have been: either way in place. */
			if (cases[i].commit)
				assert_string_equal(buf, NEW_TEXT);
			(void)close(rfd);
			check_entries(dir, "fifo");
			remove_dir(dir);
		} else {
			assert_true(S_ISCHR(st.st_mode));
		}
	}
}

/*
 * outfile_replaces() across the kinds of target: nonzero only for an
 * existing regular file, named or reached through a link.
 */
static void
test_replaces(void **state)
{
	enum kind { NEW, REGULAR, LINK_TO_REGULAR, EMPTY_REGULAR, DEVICE };
	static const struct {
		enum kind kind;
		int want;
	} cases[] = {
		{ NEW, 0 },
		{ REGULAR, 1 },
		{ LINK_TO_REGULAR, 1 },
		{ EMPTY_REGULAR, 1 },
		{ DEVICE, 0 },
	};
	char dir[64], path[PATH_LEN], file[PATH_LEN];
	struct outfile of;
	struct error err;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		make_dir(dir, sizeof(dir));
		join(path, dir, "target");
		join(file, dir, "file");
		switch (cases[i].kind) {
		case NEW:
			break;
		case REGULAR:
			write_file(path, OLD_TEXT, 0644);
			break;
		case LINK_TO_REGULAR:
			write_file(file, OLD_TEXT, 0644);
			assert_int_equal(symlink("file", path), 0);
			break;
		case EMPTY_REGULAR:
			write_file(path, "", 0644);
			break;
		case DEVICE:
			(void)snprintf(path, sizeof(path), "/dev/null");
			break;
		}
		assert_int_equal(outfile_open(&of, path, &err), 0);
		if ((outfile_replaces(&of) != 0) != cases[i].want)
			print_message("case %zu\n", i);
		assert_int_equal(outfile_replaces(&of) != 0, cases[i].want);
		outfile_abort(&of);
		remove_dir(dir);
	}
}

/*
 * A commit that cannot put the file in place (its temporary file taken
 * away first, so that the rename fails) returns -1 with err naming the
 * path as the user gave it, and the target is left as it was.
 */
static void
test_commit_fails(void **state)
{
	static const struct {
		int exists;
	} cases[] = { { 1 }, { 0 } };
	char dir[64], path[PATH_LEN];
	struct outfile of;
	struct error err;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		make_dir(dir, sizeof(dir));
		join(path, dir, "out.txt");
		if (cases[i].exists)
			write_file(path, OLD_TEXT, 0640);
		assert_int_equal(outfile_open(&of, path, &err), 0);
		write_new(&of);
		assert_non_null(outfile_tmp(&of));
		assert_int_equal(unlink(outfile_tmp(&of)), 0);
		memset(&err, 0, sizeof(err));
		assert_int_equal(outfile_commit(&of, &err), -1);
		assert_true(err.msg[0] != '\0');
		assert_non_null(err.file);
		assert_string_equal(err.file, path);
		assert_int_equal(err.line, 0);
		if (cases[i].exists) {
			check_content(path, OLD_TEXT);
			check_mode(path, 0640);
			check_entries(dir, "out.txt");
		} else {
			check_entries(dir, "");
		}
		remove_dir(dir);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_new_file),
		cmocka_unit_test(test_replace),
		cmocka_unit_test(test_symlink),
		cmocka_unit_test(test_dangling_symlink),
		cmocka_unit_test(test_open_fails),
		cmocka_unit_test(test_in_place),
		cmocka_unit_test(test_replaces),
		cmocka_unit_test(test_commit_fails),
	};

	return cmocka_run_group_tests_name("outfile", tests, NULL, NULL);
}
