/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by the ftalias fuzzers (fuzz_nl, fuzz_sock): a seeded generator,
 * the common command line, progress marks in the kernel log and the
 * delta-debugging reduction of a failing run to its shortest reproducer.
 *
 * Every step of a run draws from its own generator, seeded by (seed, stream,
 * step), so any subset of the steps can be replayed on its own: a
 * reproducer is a seed plus a list of step numbers (--steps 3,17,90-95).
 *
 * Command line of every fuzzer (environment in parentheses):
 *   --seed N        (FTALIAS_FUZZ_SEED)     default: from the clock, printed
 *   --count N       (FTALIAS_FUZZ_COUNT)    steps to run
 *   --seconds N     (FTALIAS_FUZZ_SECONDS)  stop earlier after this long
 *   --steps LIST    replay only these steps (N, N-M, comma separated)
 *   --minimize      on a failure found by the fuzzer itself, reduce the
 *                   steps to a shortest failing list and print it
 * A kernel splat panics the debug guest: the last "ftalias-fuzz:" mark in
 * the console log names the seed and the step reached; selftests/vm/
 * fuzz-repro.sh reduces such a run by booting a guest per attempt.
 */
#ifndef FTALIAS_FUZZ_UTIL_H
#define FTALIAS_FUZZ_UTIL_H

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct fz_rng {
	uint64_t s;
};

static inline uint64_t fz_mix(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* The generator of one step of one stream (a process, a thread). */
static inline void fz_rng_init(struct fz_rng *r, uint64_t seed,
			       uint64_t stream, uint64_t step)
{
	r->s = fz_mix(seed ^ fz_mix(stream + 0x9e3779b97f4a7c15ULL) ^
		      fz_mix(step * 0x2545f4914f6cdd1dULL + 1));
}

static inline uint64_t fz_u64(struct fz_rng *r)
{
	r->s += 0x9e3779b97f4a7c15ULL;
	return fz_mix(r->s);
}

/* Uniform in [0, n); n > 0. */
static inline uint32_t fz_below(struct fz_rng *r, uint32_t n)
{
	return (uint32_t)(((fz_u64(r) >> 32) * (uint64_t)n) >> 32);
}

/* True with probability pct/100. */
static inline bool fz_pct(struct fz_rng *r, unsigned int pct)
{
	return fz_below(r, 100) < pct;
}

static inline void fz_bytes(struct fz_rng *r, void *p, size_t n)
{
	uint8_t *b = p;

	while (n) {
		uint64_t v = fz_u64(r);
		size_t k = n < 8 ? n : 8;

		memcpy(b, &v, k);
		b += k;
		n -= k;
	}
}

/* An "interesting" integer: boundaries more often than noise. */
static inline uint64_t fz_interesting(struct fz_rng *r)
{
	static const uint64_t v[] = {
		0, 1, 2, 3, 7, 8, 15, 16, 31, 32, 63, 64, 127, 128, 255, 256,
		1023, 1024, 4095, 4096, 65535, 65536, 65537, 0x7fffffff,
		0x80000000, 0xfffffffe, 0xffffffff, 0x100000000ULL,
		0x7fffffffffffffffULL, 0x8000000000000000ULL, ~0ULL,
	};

	if (fz_pct(r, 70))
		return v[fz_below(r, sizeof(v) / sizeof(v[0]))] +
		       (fz_pct(r, 20) ? (uint64_t)(int)fz_below(r, 3) - 1 : 0);
	return fz_u64(r) >> fz_below(r, 64);
}

struct fz_opts {
	uint64_t seed;
	uint64_t count;
	unsigned int seconds;
	bool minimize;
	bool verbose;
	/* --steps: the steps to replay, sorted; NULL: 0 .. count - 1 */
	uint64_t *steps;
	size_t nsteps;
};

static inline void fz_die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

static inline void fz_add_step(struct fz_opts *o, uint64_t s)
{
	o->steps = realloc(o->steps, (o->nsteps + 1) * sizeof(*o->steps));
	if (!o->steps)
		fz_die("out of memory");
	o->steps[o->nsteps++] = s;
}

static inline void fz_parse_steps(struct fz_opts *o, const char *list)
{
	char *dup = strdup(list), *save = NULL, *tok;

	for (tok = strtok_r(dup, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		char *end;
		uint64_t a = strtoull(tok, &end, 0), b = a;

		if (*end == '-')
			b = strtoull(end + 1, &end, 0);
		if (*end || b < a || b - a > 100000000)
			fz_die("bad --steps item '%s'", tok);
		for (; a <= b; a++)
			fz_add_step(o, a);
	}
	free(dup);
}

static inline uint64_t fz_env_u64(const char *name, uint64_t def)
{
	const char *v = getenv(name);

	return v && *v ? strtoull(v, NULL, 0) : def;
}

/*
 * Parses the common options; the others go to other(arg, value), which
 * returns how many values it took (0 for a flag, 1), or -1 for an unknown
 * option; value is "" after the last argument.
 */
static inline void fz_parse(struct fz_opts *o, int argc, char **argv,
			    uint64_t def_count, unsigned int def_seconds,
			    int (*other)(const char *opt, const char *val))
{
	struct timespec ts;
	int i;

	clock_gettime(CLOCK_REALTIME, &ts);
	memset(o, 0, sizeof(*o));
	o->seed = fz_env_u64("FTALIAS_FUZZ_SEED",
			     fz_mix(ts.tv_sec ^ ts.tv_nsec ^ getpid()) >> 16);
	o->count = fz_env_u64("FTALIAS_FUZZ_COUNT", def_count);
	o->seconds = fz_env_u64("FTALIAS_FUZZ_SECONDS", def_seconds);
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		int took;

		if (!strcmp(a, "--minimize")) {
			o->minimize = true;
		} else if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) {
			o->verbose = true;
		} else if (strcmp(a, "--seed") && strcmp(a, "--count") &&
			   strcmp(a, "--seconds") && strcmp(a, "--steps")) {
			took = other ? other(a, v ? v : "") : -1;
			if (took < 0)
				fz_die("unknown option %s", a);
			if (took && !v)
				fz_die("option %s needs a value", a);
			i += took;
		} else if (!v) {
			fz_die("option %s needs a value", a);
		} else if (!strcmp(a, "--seed")) {
			o->seed = strtoull(v, NULL, 0), i++;
		} else if (!strcmp(a, "--count")) {
			o->count = strtoull(v, NULL, 0), i++;
		} else if (!strcmp(a, "--seconds")) {
			o->seconds = strtoul(v, NULL, 0), i++;
		} else {
			fz_parse_steps(o, v), i++;
		}
	}
	if (o->nsteps)
		o->count = o->nsteps;
}

/* The n-th step of the run. */
static inline uint64_t fz_step_at(const struct fz_opts *o, uint64_t n)
{
	return o->steps ? o->steps[n] : n;
}

static inline double fz_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * A progress mark in the kernel log (and on stdout): what a crash report
 * needs to name the seed and the step reached.  Written before the step it
 * names, so the last mark before a splat is at or before the culprit.
 */
static inline void fz_mark(const char *fuzzer, uint64_t seed, uint64_t step,
			   const char *what)
{
	static int kmsg = -2;
	char buf[160];
	int n;

	if (kmsg == -2)
		kmsg = open("/dev/kmsg", O_WRONLY | O_CLOEXEC);
	n = snprintf(buf, sizeof(buf), "ftalias-fuzz: %s seed=%" PRIu64
		     " step=%" PRIu64 " %s\n", fuzzer, seed, step, what);
	if (kmsg >= 0 && write(kmsg, buf, n) < 0)
		kmsg = -1;
}

/* Prints steps as the --steps list it came from (ranges folded). */
static inline void fz_print_steps(FILE *f, const uint64_t *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		size_t j = i;

		while (j + 1 < n && s[j + 1] == s[j] + 1)
			j++;
		if (j > i)
			fprintf(f, "%s%" PRIu64 "-%" PRIu64, i ? "," : "",
				s[i], s[j]);
		else
			fprintf(f, "%s%" PRIu64, i ? "," : "", s[i]);
		i = j + 1;
	}
}

/*
 * Delta debugging (Zeller's ddmin): reduces steps[0..*n) to a list that
 * still fails(list) and from which no single chunk can be removed.
 * fails() must reset the state it tests (a fresh namespace, say).
 * Bounded by max_tries runs of fails().
 */
static inline void fz_ddmin(uint64_t *steps, size_t *n,
			    bool (*fails)(const uint64_t *s, size_t n, void *arg),
			    void *arg, unsigned int max_tries)
{
	size_t chunks = 2;
	uint64_t *tmp = malloc(*n * sizeof(*tmp) + 1);

	if (!tmp)
		return;
	while (*n >= 2 && max_tries) {
		size_t size = (*n + chunks - 1) / chunks, c;
		bool reduced = false;

		for (c = 0; c < chunks && max_tries; c++) {
			size_t lo = c * size, hi = lo + size, k = 0, i;

			if (lo >= *n)
				break;
			if (hi > *n)
				hi = *n;
			/* the complement of chunk c */
			for (i = 0; i < *n; i++)
				if (i < lo || i >= hi)
					tmp[k++] = steps[i];
			max_tries--;
			if (k && fails(tmp, k, arg)) {
				memcpy(steps, tmp, k * sizeof(*tmp));
				*n = k;
				if (chunks > 2)
					chunks--;
				reduced = true;
				break;
			}
		}
		if (!reduced) {
			if (chunks >= *n)
				break;
			chunks = chunks * 2 < *n ? chunks * 2 : *n;
		}
	}
	free(tmp);
}

#endif /* FTALIAS_FUZZ_UTIL_H */
