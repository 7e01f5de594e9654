// SPDX-License-Identifier: GPL-2.0
/*
 * fileclient: the client of fileserver (seed 000 Figs. 8-9, PA_Call).
 *
 * Creates PREFIX0 .. PREFIX<N-1>, creates PREFIX0 again (must fail with
 * EEXIST), deletes them all, deletes PREFIX0 again (must fail with
 * ENOENT), one ftalias_pa_call() each, and checks every reply.  None of these
 * requests is idempotent: a request the servers executed twice, or lost,
 * shows as a wrong reply.  Server failovers in between are invisible here
 * but as a longer call.  Exits 0 if every reply was the expected one.
 */
#include <getopt.h>

#include "example.h"

struct client {
	struct pa_sock *ps;
	uint32_t alias;
	int timeout_ms;
	bool quiet;
	unsigned long calls, wrong;
};

static void call(struct client *c, const char *req, const char *expect)
{
	char rep[512], ids[PA_ID_STRLEN];
	struct ftalias_id id = { 0 };
	struct timespec t0;
	size_t len = 0;
	int err;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	err = ftalias_pa_call(c->ps, c->alias, req, strlen(req), rep,
			      sizeof(rep) - 1, &len, c->timeout_ms, &id);
	c->calls++;
	if (err) {
		c->wrong++;
		ex_trace("%s %s: %s", req,
			 ftalias_pa_id_str(&id, ids, sizeof(ids)),
			 strerror(-err));
		return;
	}
	ex_str(rep, len, sizeof(rep));
	if (strncmp(rep, expect, strlen(expect))) {
		c->wrong++;
		ex_trace("%s %s -> '%s': WRONG, expected '%s...'", req,
			 ftalias_pa_id_str(&id, ids, sizeof(ids)), rep, expect);
	} else if (!c->quiet) {
		ex_trace("%s %s -> '%s' (%.1f ms)", req,
			 ftalias_pa_id_str(&id, ids, sizeof(ids)), rep,
			 ex_ms_since(&t0));
	}
}

static void __attribute__((noreturn)) usage(int status)
{
	fprintf(status ? stderr : stdout,
		"usage: %s [-n N] [-p PREFIX] [-t TIMEOUT_MS] [-q] ALIAS\n"
		"  ALIAS  NAME or id ID of the fileserver alias\n"
		"  -n N   files to create and delete (default 10)\n"
		"  -p P   file name prefix (default f<pid>-)\n"
		"  -t MS  give up on a reply after MS (default 30000)\n"
		"  -q     print only wrong replies and the summary\n",
		ex_prog);
	exit(status);
}

int main(int argc, char **argv)
{
	struct client c = { .timeout_ms = 30000 };
	char prefix[32], req[128], expect[128];
	const char *pfx = NULL;
	unsigned long n = 10, i;
	struct pa_stats st;
	int opt, a, err;

	ex_init(argv[0]);
	while ((opt = getopt(argc, argv, "n:p:t:qh")) != -1) {
		switch (opt) {
		case 'n':
			n = ex_number(optarg, "count");
			break;
		case 'p':
			pfx = optarg;
			break;
		case 't':
			c.timeout_ms = ex_number(optarg, "timeout");
			break;
		case 'q':
			c.quiet = true;
			break;
		case 'h':
			usage(0);
		default:
			usage(2);
		}
	}
	a = optind;
	c.alias = ex_alias_arg(argc, argv, &a);
	if (a != argc || !n)
		usage(2);
	if (!pfx) {
		snprintf(prefix, sizeof(prefix), "f%d-", (int)getpid());
		pfx = prefix;
	}
	if (strlen(pfx) > 40)
		ex_die("prefix too long");

	err = ftalias_pa_open(&c.ps);
	if (err)
		ex_die("socket: %s", strerror(-err));

	for (i = 0; i < n; i++) {
		snprintf(req, sizeof(req), "create %s%lu", pfx, i);
		snprintf(expect, sizeof(expect), "ok created %s%lu", pfx, i);
		call(&c, req, expect);
	}
	snprintf(req, sizeof(req), "create %s0", pfx);
	snprintf(expect, sizeof(expect), "error EEXIST %s0", pfx);
	call(&c, req, expect);
	for (i = 0; i < n; i++) {
		snprintf(req, sizeof(req), "delete %s%lu", pfx, i);
		snprintf(expect, sizeof(expect), "ok deleted %s%lu ", pfx, i);
		call(&c, req, expect);
	}
	snprintf(req, sizeof(req), "delete %s0", pfx);
	snprintf(expect, sizeof(expect), "error ENOENT %s0", pfx);
	call(&c, req, expect);

	ftalias_pa_get_stats(c.ps, &st);
	ex_trace("%lu calls, %lu wrong, %llu stray replies", c.calls, c.wrong,
		 (unsigned long long)st.strays);
	ftalias_pa_close(c.ps);
	return c.wrong ? 1 : 0;
}
