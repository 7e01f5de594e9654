// SPDX-License-Identifier: GPL-2.0
/*
 * ftaliasctl -batch FILE: the commands of a file (or of standard input),
 * one per line, with the options given on the command line, as
 * ip -batch does.  "ftaliasctl -config alias show" writes such a file.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "ctl.h"

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

int batch_split(char *line, char **argv, int max)
{
	char *in = line, *out = line;
	int argc = 0;
	char quote;

	for (;;) {
		while (is_blank(*in))
			in++;
		if (!*in || *in == '#')
			return argc;
		if (argc == max)
			return error("more than %d words on one line", max);
		argv[argc++] = out;
		quote = 0;
		for (; *in; in++) {
			if (quote && *in == quote) {
				quote = 0;
			} else if (!quote && (*in == '\'' || *in == '"')) {
				quote = *in;
			} else if (!quote && is_blank(*in)) {
				break;
			} else if (*in == '\\' && quote != '\'') {
				if (!*++in)
					return error("a backslash at the end of the line");
				*out++ = *in;
			} else {
				*out++ = *in;
			}
		}
		if (quote)
			return error("unterminated %c", quote);
		/* *in is a blank or the end: the word ends here. */
		if (*in)
			in++;
		*out++ = '\0';
	}
}

/*
 * Whether @line (@n bytes, its newline included) goes on on the next one:
 * it ends in a backslash that batch_split() would not take as a character
 * of a word, outside a comment.  If so, the backslash and what follows it
 * are cut off (*@n).
 */
static bool continues(char *line, size_t *n)
{
	bool word_start = true;
	char quote = 0;
	size_t i;

	for (i = 0; i < *n; i++) {
		if (quote) {
			if (line[i] == quote)
				quote = 0;
			else if (line[i] == '\\' && quote == '"')
				i++;
			continue;
		}
		if (line[i] == '#' && word_start)
			return false;
		word_start = is_blank(line[i]);
		if (line[i] == '\'' || line[i] == '"') {
			quote = line[i];
		} else if (line[i] == '\\') {
			/* Only the line's end after it? */
			if (strspn(line + i + 1, "\r\n") == *n - i - 1) {
				*n = i;
				return true;
			}
			i++;
		}
	}
	return false;
}

/* What read_command() returns when it has no command to run. */
enum {
	READ_END	= -1,	/* the end of the file */
	READ_ERROR	= -2,	/* the file cannot be read (printed) */
	READ_BAD	= -3,	/* the command's lines are wrong (printed) */
};

/*
 * One command: the physical lines from *@lineno on, joined (a continued
 * line goes on where its backslash was), in *@cmd.  Returns its length,
 * or one of READ_*.
 */
static ssize_t read_command(FILE *f, char **cmd, size_t *cap,
			    unsigned long *lineno, unsigned long *first)
{
	char *line = NULL, *grown;
	size_t lcap = 0, len = 0, n;
	bool more = true, nul = false;
	ssize_t got;

	*first = *lineno + 1;
	while (more && (got = getline(&line, &lcap, f)) >= 0) {
		++*lineno;
		n = got;
		more = continues(line, &n);
		/* The rest of the command's lines go with a NUL byte. */
		nul = nul || memchr(line, '\0', n);
		if (nul)
			continue;
		if (len + n + 1 > *cap) {
			grown = realloc(*cmd, len + n + 1);
			if (!grown) {
				free(line);
				error("out of memory");
				return READ_ERROR;
			}
			*cmd = grown;
			*cap = len + n + 1;
		}
		memcpy(*cmd + len, line, n);
		len += n;
		(*cmd)[len] = '\0';
	}
	free(line);
	if (ferror(f)) {
		error("reading the batch file: %s", strerror(errno));
		return READ_ERROR;
	}
	if (*lineno < *first)
		return READ_END;
	if (nul) {
		error("a NUL byte in the line");
		return READ_BAD;
	}
	if (more) {
		error("the file ends in a continued line");
		return READ_BAD;
	}
	return len;
}

int batch_run(const char *file, bool force, int (*run)(int argc, char **argv))
{
	unsigned long lineno = 0, first;
	char *argv[BATCH_MAX_WORDS + 1];
	int argc, ret = EXIT_OK, rc;
	const char *name = file;
	char *cmd = NULL;
	size_t cap = 0;
	ssize_t got;
	FILE *f;

	if (!strcmp(file, "-")) {
		f = stdin;
		name = "<stdin>";
	} else {
		f = fopen(file, "re");
		if (!f) {
			error("cannot open the batch file \"%s\": %s", file,
			      strerror(errno));
			return EXIT_REFUSED;
		}
	}

	while ((got = read_command(f, &cmd, &cap, &lineno, &first)) != READ_END &&
	       got != READ_ERROR) {
		argc = got == READ_BAD ? -1 :
			batch_split(cmd, argv, BATCH_MAX_WORDS);
		if (!argc)
			continue;
		if (argc > 0) {
			argv[argc] = NULL;
			if (argv[0][0] == '-') {
				error("\"%s\": options go on the command line, before -batch",
				      argv[0]);
				argc = -1;
			}
		}
		rc = argc < 0 ? EXIT_USAGE : run(argc, argv);
		if (rc == EXIT_OK)
			continue;
		fflush(stdout);
		fprintf(stderr, "ftaliasctl: %s:%lu: command failed\n", name,
			first);
		if (ret == EXIT_OK)
			ret = rc;
		if (!force)
			break;
	}
	if (got == READ_ERROR && ret == EXIT_OK)
		ret = EXIT_REFUSED;
	free(cmd);
	if (f != stdin)
		fclose(f);
	return ret;
}
