/*
 * timeit.c - runs a command several times and prints its best wall time
 * and its peak resident set size, for the benchmark.
 *
 *   timeit [-n RUNS] [-i FILE | -s TEXT] [-o FILE] [-x STATUS] CMD [ARG...]
 *
 * Each run forks, points the child's standard input at FILE (default
 * /dev/null) or at a pipe that is fed TEXT (with "\n" escapes turned into
 * newlines) and then closed, its standard output at FILE (default
 * /dev/null), and execs CMD; the wall time runs from just before the fork
 * to the child's exit, on the monotonic clock.  A child that exits with
 * a status other than 0 or STATUS (say 1, "some applicant failed"), or
 * is killed, is an error.  It prints "BEST_SECONDS PEAK_RSS_KIB": the
 * shortest run and the largest peak RSS over all runs, which is
 * getrusage(RUSAGE_CHILDREN)'s ru_maxrss (KiB on Linux and the BSDs).
 * A C helper rather than date(1) around the command, so that the
 * timer's own start-up is not counted (it matters for the one-record
 * latency, where the whole run is a millisecond or two), and so that
 * peak RSS does not need GNU time.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct plan {
	long runs;
	const char *in; /* a file for stdin, or NULL */
	char *text; /* text to feed through a pipe, or NULL */
	size_t textlen;
	const char *out; /* a file for stdout */
	int ok_status; /* an exit status besides 0 that is not an error */
	char **argv;
};

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Turns each "\n" in s into a newline, in place; returns the length. */
static size_t
unescape(char *s)
{
	size_t i, o = 0;

	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] == '\\' && s[i + 1] == 'n') {
			s[o++] = '\n';
			i++;
		} else
			s[o++] = s[i];
	}
	s[o] = '\0';
	return o;
}

/* In the child: sets up fd to path (opened with flags), or exits 127. */
static void
redirect(int fd, const char *path, int flags)
{
	int f = open(path, flags, 0644);

	if (f < 0 || dup2(f, fd) < 0) {
		fprintf(stderr, "timeit: %s: %s\n", path, strerror(errno));
		_exit(127);
	}
	close(f);
}

/* Writes all n bytes at p to fd; a reader that quits early is fine. */
static void
feed(int fd, const char *p, size_t n)
{
	ssize_t w;

	while (n > 0) {
		w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		p += w;
		n -= (size_t)w;
	}
}

/* Runs the plan once; returns the wall time, or a negative on error. */
static double
run_once(const struct plan *pl)
{
	int pipefd[2] = { -1, -1 };
	int status;
	pid_t pid;
	double t0, t1;

	if (pl->text != NULL && pipe(pipefd) != 0) {
		perror("timeit: pipe");
		return -1;
	}
	t0 = now();
	pid = fork();
	if (pid < 0) {
		perror("timeit: fork");
		return -1;
	}
	if (pid == 0) {
		if (pl->text != NULL) {
			close(pipefd[1]);
			if (dup2(pipefd[0], STDIN_FILENO) < 0)
				_exit(127);
			close(pipefd[0]);
		} else
			redirect(STDIN_FILENO,
			    pl->in != NULL ? pl->in : "/dev/null", O_RDONLY);
		redirect(STDOUT_FILENO, pl->out, O_WRONLY | O_CREAT | O_TRUNC);
		execvp(pl->argv[0], pl->argv);
		fprintf(
		    stderr, "timeit: %s: %s\n", pl->argv[0], strerror(errno));
		_exit(127);
	}
	if (pl->text != NULL) {
		close(pipefd[0]);
		feed(pipefd[1], pl->text, pl->textlen);
		close(pipefd[1]);
	}
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			perror("timeit: waitpid");
			return -1;
		}
	}
	t1 = now();
	if (WIFSIGNALED(status)) {
		fprintf(stderr, "timeit: %s: killed by signal %d\n",
		    pl->argv[0], WTERMSIG(status));
		return -1;
	}
	if (WEXITSTATUS(status) != 0 && WEXITSTATUS(status) != pl->ok_status) {
		fprintf(stderr, "timeit: %s: exit status %d\n", pl->argv[0],
		    WEXITSTATUS(status));
		return -1;
	}
	return t1 - t0;
}

static int
usage(void)
{
	fputs("usage: timeit [-n runs] [-i file | -s text] [-o file]"
	      " [-x status] cmd [arg ...]\n",
	    stderr);
	return 2;
}

int
main(int argc, char **argv)
{
	struct plan pl;
	struct rusage ru;
	double best = -1, t;
	long i;
	int c;

	memset(&pl, 0, sizeof(pl));
	pl.runs = 3;
	pl.out = "/dev/null";
	pl.ok_status = -1;
	while ((c = getopt(argc, argv, "+i:n:o:s:x:")) != -1) {
		switch (c) {
		case 'i':
			pl.in = optarg;
			break;
		case 'n':
			pl.runs = strtol(optarg, NULL, 10);
			if (pl.runs < 1 || pl.runs > 1000)
				return usage();
			break;
		case 'o':
			pl.out = optarg;
			break;
		case 's':
			pl.text = optarg;
			pl.textlen = unescape(optarg);
			break;
		case 'x':
			pl.ok_status = (int)strtol(optarg, NULL, 10);
			break;
		default:
			return usage();
		}
	}
	if (optind >= argc || (pl.in != NULL && pl.text != NULL))
		return usage();
	pl.argv = argv + optind;
	/* A reader that exits before the whole text is fed is no error. */
	signal(SIGPIPE, SIG_IGN);
	for (i = 0; i < pl.runs; i++) {
		t = run_once(&pl);
		if (t < 0)
			return 1;
		if (best < 0 || t < best)
			best = t;
	}
	if (getrusage(RUSAGE_CHILDREN, &ru) != 0) {
		perror("timeit: getrusage");
		return 1;
	}
	printf("%.6f %ld\n", best, (long)ru.ru_maxrss);
	return 0;
}
