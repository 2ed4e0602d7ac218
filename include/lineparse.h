/*
 * lineparse.h - the words of a line-oriented text file: a rules file or
 * a profile.
 *
 * Both are read line by line; a line ends with LF, CR LF or CR alone,
 * and the file may start with a UTF-8 byte order mark.  Blank lines and
 * lines whose first non-blank byte is '#' are skipped; a NUL byte is an
 * error.  Words are runs of bytes that are not blanks (space or tab).
 * A string is a word, or text in double quotes in which \" is a quote
 * and \\ a backslash; a list is strings in square brackets, parted by
 * commas or blanks: ["U.S. Citizen", American].  Every function that
 * fails fills the caller's struct error with the file and line and
 * returns -1.
 */
#ifndef CIVPOL_LINEPARSE_H
#define CIVPOL_LINEPARSE_H

#include <stddef.h>

#include "error.h"

struct lineparse {
	/* The whole text, and where its next line starts.  Borrowed. */
	const char *text;
	size_t len;
	size_t next;
	const char *file;
	const char *kind; /* "rules file", for messages */
	unsigned long line; /* the current line's number, from 1 */
	struct error *err;
	/* The current line, n bytes at p without its ending; i is where. */
	const char *p;
	size_t n;
	size_t i;
};

/*
 * Starts reading the len bytes at text, a kind of file ("rules file")
 * named file.  Borrowed: text, file, kind and err must outlive lp.
 */
void lineparse_init(struct lineparse *lp, const char *text, size_t len,
    const char *file, const char *kind, struct error *err);

/*
 * Moves to the next line that is not blank nor a comment.  Returns 1,
 * 0 at the end of the text (lp->line is then the last line's number, at
 * least 1), or -1 on a NUL byte.
 */
int lineparse_next(struct lineparse *lp);

/* Fills the error at the current line; returns -1. */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
int
lineparse_error(struct lineparse *lp, const char *fmt, ...);

/* Nonzero when only blanks are left on the line. */
int lineparse_at_end(struct lineparse *lp);

/* The next byte that is not a blank, or -1 at the end of the line. */
int lineparse_peek(struct lineparse *lp);

/*
 * Reads the next word into *s and *n (borrowed from the text).  Returns
 * 0, or -1 (consuming nothing, setting no error) at the end of the line
 * or where a quoted string begins.
 */
int lineparse_word(struct lineparse *lp, const char **s, size_t *n);

/*
 * Reads the next run of bytes that are not blanks, a quote or not, into
 * *s and *n (borrowed from the text).  Returns 0, or -1 at the end of
 * the line.
 */
int lineparse_run(struct lineparse *lp, const char **s, size_t *n);

/*
 * Nonzero when the next word is word, which is then consumed; else
 * nothing is consumed.
 */
int lineparse_keyword(struct lineparse *lp, const char *word);

/*
 * Reads a quoted string, unescaped, into dst, which has room for the
 * rest of the line; *n receives its length.  what names it in messages
 * ("description").  Returns 0 or -1.
 */
int
lineparse_quoted(struct lineparse *lp, const char *what, char *dst, size_t *n);

/*
 * Reads a string (a word or a quoted string) as lineparse_quoted() does;
 * a bare word ends at a blank, and also at ',' or ']' when in_list.
 */
int lineparse_string(
    struct lineparse *lp, const char *what, int in_list, char *dst, size_t *n);

/*
 * Reads the '[' that opens a list; returns 0, or -1 when there is none
 * (what names the list in the message).
 */
int lineparse_list_open(struct lineparse *lp, const char *what);

/*
 * Reads the next string of an open list into dst, as lineparse_string()
 * does.  Returns 1, 0 at the list's ']' (consumed), or -1.  An empty
 * string is an error.
 */
int lineparse_list_item(
    struct lineparse *lp, const char *what, char *dst, size_t *n);

/*
 * A short hash of a file's text (len bytes at text): the top 48 bits of
 * its 64-bit FNV-1a, as 12 lower-case hex digits and a NUL.
 */
void lineparse_hash(const char *text, size_t len, char out[13]);

/*
 * Fails, naming what is left on the line, unless only blanks are.
 * after says where ("after the description").  Returns 0 or -1.
 */
int lineparse_end(struct lineparse *lp, const char *after);

#endif
