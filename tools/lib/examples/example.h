/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the libftalias examples share: alias arguments as ftaliasctl takes
 * them ({ NAME | id ID }), numbers, a one-line trace per event.
 */
#ifndef _FTALIAS_EXAMPLE_H
#define _FTALIAS_EXAMPLE_H

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "libftalias.h"

static const char *ex_prog = "example";

/* A line of the trace: "prog[pid]: ...". */
static inline void __attribute__((format(printf, 1, 2))) ex_trace(const char *fmt, ...)
{
	va_list ap;

	printf("%s[%d]: ", ex_prog, (int)getpid());
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

static inline void __attribute__((noreturn, format(printf, 1, 2)))
ex_die(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "%s: ", ex_prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static inline void ex_init(const char *argv0)
{
	const char *slash = strrchr(argv0, '/');

	ex_prog = slash ? slash + 1 : argv0;
	setvbuf(stdout, NULL, _IOLBF, 0);	/* traces read by tests */
}

static inline unsigned long ex_number(const char *s, const char *what)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 0);
	if (errno || end == s || *end || *s == '-')
		ex_die("bad %s: %s", what, s);
	return v;
}

/*
 * The alias at argv[*i]: NAME, or "id" ID.  Advances *i past it; exits
 * on error.
 */
static inline uint32_t ex_alias_arg(int argc, char **argv, int *i)
{
	uint32_t id;
	int err;

	if (*i >= argc)
		ex_die("an alias is missing (NAME or id ID)");
	if (!strcmp(argv[*i], "id")) {
		if (*i + 1 >= argc)
			ex_die("id needs a number");
		id = ex_number(argv[*i + 1], "alias id");
		if (!id || id > UINT32_MAX)
			ex_die("bad alias id: %s", argv[*i + 1]);
		*i += 2;
		return id;
	}
	err = ftalias_pa_alias_id(argv[*i], &id);
	if (err)
		ex_die("alias %s: %s", argv[*i],
		       err == -EAFNOSUPPORT ? "ftalias module not loaded" :
					      strerror(-err));
	(*i)++;
	return id;
}

static inline double ex_ms_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1e3 + (t.tv_nsec - t0->tv_nsec) / 1e6;
}

/* The data of a message as a C string (buf has room for the NUL). */
static inline const char *ex_str(char *buf, size_t len, size_t size)
{
	buf[len < size ? len : size - 1] = 0;
	return buf;
}

#endif /* _FTALIAS_EXAMPLE_H */
