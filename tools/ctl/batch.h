/* SPDX-License-Identifier: GPL-2.0 */
/* ftaliasctl -batch FILE: one command per line, as ip -batch. */
#ifndef FTALIASCTL_BATCH_H
#define FTALIASCTL_BATCH_H

#include <stdbool.h>

/* The longest command line a batch file may hold, in words. */
enum { BATCH_MAX_WORDS = 256 };

/*
 * Split @line in place into at most @max words (NUL-terminated, into
 * @argv): words end at blanks; '...' and "..." hold blanks and '#'; a
 * backslash keeps the next character as it is; a '#' that starts a word
 * starts a comment.  Returns the number of words, or -1 after printing
 * the error (an unterminated quote, a trailing backslash, too many words).
 */
int batch_split(char *line, char **argv, int max);

/*
 * Run @run for each command of @file ("-": standard input), in order.
 * Blank and comment lines are skipped; a line that ends in a backslash
 * goes on on the next one.  A command that fails is reported with the
 * file and line; the run stops there unless @force.  Returns EXIT_OK, or
 * the exit status of the first command that failed (EXIT_USAGE for a
 * line that cannot be split, EXIT_REFUSED for a file that cannot be
 * read).
 */
int batch_run(const char *file, bool force, int (*run)(int argc, char **argv));

#endif /* FTALIASCTL_BATCH_H */
