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
 * The requests go through the generated client (tools/ynl, libynl.a).
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

#include "ynl.h"
#include "ftalias-user.h"

/*
 * The errno of the kernel's answer to the client's last failed request on
 * ys (EPROTO: an answer the client refused, a dump interrupted); -1 if no
 * answer came.  The client does not match sequence numbers: after a
 * failure of its own it may have left the rest of an answer on the socket
 * (a dump's later parts, which each recv() makes the kernel fill in), so
 * that goes first.
 */
static int kerr(struct ynl_sock *ys)
{
	int code = ys->err.code;
	char buf[8192];

	if (code > 0 && code < __YNL_ERRNO_END)
		return code;
	while (recv(ynl_socket_get_fd(ys), buf, sizeof(buf), MSG_DONTWAIT) >= 0)
		;
	return code ? EPROTO : -1;
}

static const char *kerr_str(struct ynl_sock *ys, int err)
{
	return err > 0 ? strerror(err) : ys->err.msg[0] ? ys->err.msg :
	       strerror(errno);
}

/* alias-new NAME; its id, or 0 with *err set (see kerr()). */
static uint32_t alias_new(struct ynl_sock *ys, const char *name, int *err)
{
	struct ftalias_alias_new_req *req = ftalias_alias_new_req_alloc();
	struct ftalias_alias_new_rsp *rsp;
	uint32_t id = 0;

	ftalias_alias_new_req_set_name(req, name);
	rsp = ftalias_alias_new(ys, req);
	ftalias_alias_new_req_free(req);
	*err = rsp ? 0 : kerr(ys);
	if (rsp) {
		id = rsp->id;
		ftalias_alias_new_rsp_free(rsp);
	}
	return id;
}

/* alias-del by id, or by name if id is 0: 0 or kerr(). */
static int alias_del(struct ynl_sock *ys, uint32_t id, const char *name)
{
	struct ftalias_alias_del_req *req = ftalias_alias_del_req_alloc();
	int err;

	if (id)
		ftalias_alias_del_req_set_id(req, id);
	else
		ftalias_alias_del_req_set_name(req, name);
	err = ftalias_alias_del(ys, req) ? kerr(ys) : 0;
	ftalias_alias_del_req_free(req);
	return err;
}

static int cycles(struct ynl_sock *ys, long n)
{
	uint32_t id;
	int err;
	long i;

	for (i = 0; i < n; i++) {
		id = alias_new(ys, "cycle", &err);
		if (!id) {
			fprintf(stderr, "cycle %ld: alias-new: %s\n", i,
				kerr_str(ys, err));
			return 1;
		}
		err = alias_del(ys, id, NULL);
		if (err) {
			fprintf(stderr, "cycle %ld: alias-del: %s\n", i,
				kerr_str(ys, err));
			return 1;
		}
	}
	printf("cycles %ld\n", n);
	return 0;
}

static int fill(struct ynl_sock *ys, const char *prefix, long n)
{
	long i, created = 0;
	int last_err = 0;

	for (i = 0; i < n; i++) {
		char name[32];
		int err;

		snprintf(name, sizeof(name), "%s%ld", prefix, i);
		if (alias_new(ys, name, &err)) {
			created++;
			continue;
		}
		if (err < 0) {
			fprintf(stderr, "netlink: %s\n", kerr_str(ys, err));
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

static int no_answer(struct ynl_sock *ys, const char *what)
{
	fprintf(stderr, "churn: %s: no answer: %s\n", what, kerr_str(ys, -1));
	return 1;
}

/*
 * Requests race with module unload and namespace exit, so any of them may
 * fail; what counts is that the kernel answers each one (or that the
 * family is gone) and that its log stays clean.  A request fails the
 * program only when no answer came (kerr() < 0).
 */
static int churn(struct ynl_sock *ys, time_t end)
{
	long answered = 0;
	unsigned int i = 0;

	while (time(NULL) < end) {
		struct ftalias_alias_set_req *set;
		struct ftalias_alias_get_list *l;
		int err;

		hold(end);
		if (!ys) {
			/* the family looked up again, on a new socket */
			ys = ynl_sock_create(&ynl_ftalias_family, NULL);
			if (!ys) {
				usleep(20000);	/* module unloaded: let it come back */
				continue;
			}
		}
		if (!alias_new(ys, "churn", &err) && err < 0)
			return no_answer(ys, "alias-new");
		answered++;
		if (err == ENOENT || err == EOPNOTSUPP) {
			ynl_sock_destroy(ys);	/* the family went away */
			ys = NULL;
			continue;
		}
		set = ftalias_alias_set_req_alloc();
		ftalias_alias_set_req_set_name(set, "churn");
		ftalias_alias_set_req_set_mode(set, i++ & 1 ? 0600 : 0640);
		err = ftalias_alias_set(ys, set) ? kerr(ys) : 0;
		ftalias_alias_set_req_free(set);
		if (err < 0)
			return no_answer(ys, "alias-set");
		answered++;

		/* A dump, read to its end (NLMSG_DONE or an error). */
		l = ftalias_alias_get_dump(ys);
		if (l)
			ftalias_alias_get_list_free(l);
		else if (kerr(ys) < 0)
			return no_answer(ys, "alias-get dump");
		answered++;

		if (alias_del(ys, 0, "churn") < 0)
			return no_answer(ys, "alias-del");
		answered++;
	}
	printf("answered %ld\n", answered);
	if (ys)
		ynl_sock_destroy(ys);
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
	struct ynl_sock *ys;

	if (argc < 3) {
		fprintf(stderr, "usage: nl_stress cycles N | fill PREFIX N | churn SECONDS [PAUSE] | sockets SECONDS AF [PAUSE]\n");
		return 2;
	}
	ys = ynl_sock_create(&ynl_ftalias_family, NULL);
	if (!ys) {
		fprintf(stderr, "family %s not found\n", FTALIAS_FAMILY_NAME);
		return 4;
	}
	if (!strcmp(argv[1], "churn") && argc <= 4) {
		pause_file = argv[3];
		return churn(ys, deadline(argv[2]));
	}
	if (!strcmp(argv[1], "sockets") && (argc == 4 || argc == 5)) {
		pause_file = argv[4];
		return sockets(atoi(argv[3]), deadline(argv[2]));
	}
	if (!strcmp(argv[1], "cycles"))
		return cycles(ys, atol(argv[2]));
	if (!strcmp(argv[1], "fill") && argc == 4)
		return fill(ys, argv[2], atol(argv[3]));
	fprintf(stderr, "usage: nl_stress cycles N | fill PREFIX N | churn SECONDS [PAUSE] | sockets SECONDS AF [PAUSE]\n");
	return 2;
}
