// SPDX-License-Identifier: GPL-2.0
/*
 * nl_stress: many ftalias netlink requests from one process, for the
 * shell tests (one ftaliasctl exec per request is too slow under TCG).
 *
 *   nl_stress cycles N         N times: alias-new "cycle" then alias-del
 *   nl_stress fill PREFIX N    alias-new PREFIX0 .. PREFIX<N-1>;
 *                              prints "created C errno E" (E of the last
 *                              failure, 0 if none); exit 0 iff all created
 *   nl_stress churn SECONDS [PAUSE_FILE]
 *                              for the races test: alias new, set, dump and
 *                              del in a loop until SECONDS have passed,
 *                              errors ignored, the family looked up again
 *                              whenever the module went away; prints the
 *                              number of requests answered
 *   nl_stress sockets SECONDS AF [PAUSE_FILE]
 *                              socket(AF, SOCK_RDM) and close() in a loop
 *
 * churn and sockets wait between rounds while PAUSE_FILE exists (a dump in
 * progress and an open socket hold the module: life_races.sh's unload windows).
 *
 * Exit 0 on success, 1 on failure, 4 if the family is missing (at start).
 * The requests go through the generated client (tools/ynl, libynl.a) on
 * lib/dp_util.h's socket and helpers.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>

#include "lib/dp_util.h"

/*
 * A dp_* function's return as this program reports it: 0, the errno of
 * the kernel's answer (EPROTO: an answer the client refused, a dump
 * interrupted), or -1 if no answer came.
 */
static int kerr(struct dp_nl *nl, int ret)
{
	return ret >= 0 ? 0 : dp_ynl_answered(nl) ? -ret : -1;
}

static const char *kerr_str(struct dp_nl *nl, int err)
{
	return err > 0 ? strerror(err) : nl->ys->err.msg[0] ?
	       nl->ys->err.msg : strerror(errno);
}

/* alias-new NAME; its id, or 0 with *err set (see kerr()). */
static uint32_t alias_new(struct dp_nl *nl, const char *name, int *err)
{
	int id = dp_alias_new(nl, name, -1, -1);

	*err = kerr(nl, id);
	return id > 0 ? id : 0;
}

static int cycles(struct dp_nl *nl, long n)
{
	uint32_t id;
	int err;
	long i;

	for (i = 0; i < n; i++) {
		id = alias_new(nl, "cycle", &err);
		if (!id) {
			fprintf(stderr, "cycle %ld: alias-new: %s\n", i,
				kerr_str(nl, err));
			return 1;
		}
		err = kerr(nl, dp_alias_del(nl, id));
		if (err) {
			fprintf(stderr, "cycle %ld: alias-del: %s\n", i,
				kerr_str(nl, err));
			return 1;
		}
	}
	printf("cycles %ld\n", n);
	return 0;
}

static int fill(struct dp_nl *nl, const char *prefix, long n)
{
	long i, created = 0;
	int last_err = 0;

	for (i = 0; i < n; i++) {
		char name[32];
		int err;

		snprintf(name, sizeof(name), "%s%ld", prefix, i);
		if (alias_new(nl, name, &err)) {
			created++;
			continue;
		}
		if (err < 0) {
			fprintf(stderr, "netlink: %s\n", kerr_str(nl, err));
			return 1;
		}
		last_err = err;
	}
	printf("created %ld errno %d\n", created, last_err);
	return created == n ? 0 : 1;
}

static time_t deadline(const char *seconds)
{
	return time(NULL) + atol(seconds);
}

static const char *pause_file;

/* Waits while the pause file exists. */
static void hold(time_t end)
{
	while (pause_file && !access(pause_file, F_OK) && time(NULL) < end)
		usleep(10000);
}

static int no_answer(struct dp_nl *nl, const char *what)
{
	fprintf(stderr, "churn: %s: no answer: %s\n", what, kerr_str(nl, -1));
	return 1;
}

/*
 * Requests race with module unload and namespace exit, so any of them may
 * fail; what counts is that the kernel answers each one (or that the
 * family is gone) and that its log stays clean.  A request fails the
 * program only when no answer came (kerr() < 0).
 */
static int churn(struct dp_nl *nl, time_t end)
{
	long answered = 0;
	unsigned int i = 0;

	while (time(NULL) < end) {
		struct ftalias_alias_set_req *set;
		struct ftalias_alias_get_list *l;
		int err;

		hold(end);
		if (!nl) {
			/* the family looked up again, on a new socket */
			nl = dp_nl_open();
			if (!nl) {
				usleep(20000);	/* module unloaded: let it come back */
				continue;
			}
		}
		if (!alias_new(nl, "churn", &err) && err < 0)
			return no_answer(nl, "alias-new");
		answered++;
		if (err == ENOENT || err == EOPNOTSUPP) {
			dp_nl_close(nl);	/* the family went away */
			nl = NULL;
			continue;
		}
		set = ftalias_alias_set_req_alloc();
		ftalias_alias_set_req_set_name(set, "churn");
		ftalias_alias_set_req_set_mode(set, i++ & 1 ? 0600 : 0640);
		if (kerr(nl, dp_alias_set_send(nl, set)) < 0)
			return no_answer(nl, "alias-set");
		answered++;

		/* A dump, read to its end (NLMSG_DONE or an error). */
		l = ftalias_alias_get_dump(nl->ys);
		if (l)
			ftalias_alias_get_list_free(l);
		else if (kerr(nl, dp_ynl_err(nl)) < 0)
			return no_answer(nl, "alias-get dump");
		answered++;

		if (kerr(nl, dp_alias_del_name(nl, "churn")) < 0)
			return no_answer(nl, "alias-del");
		answered++;
	}
	printf("answered %ld\n", answered);
	dp_nl_close(nl);
	return 0;
}

static int sockets(int af, time_t end)
{
	long created = 0;

	while (time(NULL) < end) {
		int s;

		hold(end);
		s = socket(af, SOCK_RDM, 0);
		if (s < 0) {
			usleep(20000);	/* module unloaded: let it come back */
			continue;
		}
		created++;
		close(s);
		usleep(1000);	/* leave rmmod windows without a socket */
	}
	printf("sockets %ld\n", created);
	return 0;
}

int main(int argc, char **argv)
{
	struct dp_nl *nl;

	if (argc < 3) {
		fprintf(stderr, "usage: nl_stress cycles N | fill PREFIX N | churn SECONDS [PAUSE] | sockets SECONDS AF [PAUSE]\n");
		return 2;
	}
	nl = dp_nl_open();
	if (!nl) {
		fprintf(stderr, "family %s not found\n", FTALIAS_FAMILY_NAME);
		return 4;
	}
	if (!strcmp(argv[1], "churn") && argc <= 4) {
		pause_file = argv[3];
		return churn(nl, deadline(argv[2]));
	}
	if (!strcmp(argv[1], "sockets") && (argc == 4 || argc == 5)) {
		pause_file = argv[4];
		return sockets(atoi(argv[3]), deadline(argv[2]));
	}
	if (!strcmp(argv[1], "cycles"))
		return cycles(nl, atol(argv[2]));
	if (!strcmp(argv[1], "fill") && argc == 4)
		return fill(nl, argv[2], atol(argv[3]));
	fprintf(stderr, "usage: nl_stress cycles N | fill PREFIX N | churn SECONDS [PAUSE] | sockets SECONDS AF [PAUSE]\n");
	return 2;
}
