// SPDX-License-Identifier: GPL-2.0
/*
 * nl_stress: many ftalias netlink requests from one process, for the
 * shell tests (one ftaliasctl exec per request is too slow under TCG).
 *
 *   nl_stress cycles N         N times: alias-new "cycle" then alias-del
 *   nl_stress fill PREFIX N    alias-new PREFIX0 .. PREFIX<N-1>, batched;
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
 * progress and an open socket hold the module: races.sh's unload windows).
 *
 * Exit 0 on success, 1 on failure, 4 if the family is missing (at start).
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
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "../include/uapi/linux/ftalias_genl.h"

#define BUF	65536
#define BATCH	64

static char rbuf[BUF];
static uint32_t seqno = 1;
static uint16_t fam;

struct req {
	struct nlmsghdr nlh;
	struct genlmsghdr g;
	char attrs[256];
};

static void req_init(struct req *r, uint16_t type, uint8_t cmd)
{
	memset(r, 0, sizeof(*r));
	r->nlh.nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN);
	r->nlh.nlmsg_type = type;
	r->nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	r->nlh.nlmsg_seq = seqno++;
	r->g.cmd = cmd;
	r->g.version = 1;
}

static void put(struct req *r, uint16_t type, const void *d, size_t len)
{
	struct nlattr *nla = (void *)((char *)r + NLMSG_ALIGN(r->nlh.nlmsg_len));

	nla->nla_type = type;
	nla->nla_len = NLA_HDRLEN + len;
	memcpy((char *)nla + NLA_HDRLEN, d, len);
	r->nlh.nlmsg_len = NLMSG_ALIGN(r->nlh.nlmsg_len) + NLA_ALIGN(nla->nla_len);
}

/*
 * Sends len bytes holding n requests with seqs [first, first + n) and
 * waits for their n acks.  Calls cb on each reply.  Returns the number of
 * successful acks, *err the errno of the last failure, -1 on I/O error.
 */
static int xfer(int fd, const void *buf, size_t len, uint32_t first, int n,
		int *err, void (*cb)(struct nlmsghdr *))
{
	int acks = 0, ok = 0;

	*err = 0;
	if (send(fd, buf, len, 0) != (ssize_t)len)
		return -1;
	while (acks < n) {
		ssize_t got = recv(fd, rbuf, sizeof(rbuf), 0);
		struct nlmsghdr *nlh;

		if (got <= 0)
			return -1;
		for (nlh = (void *)rbuf; NLMSG_OK(nlh, got);
		     nlh = NLMSG_NEXT(nlh, got)) {
			if (nlh->nlmsg_seq < first || nlh->nlmsg_seq >= first + n)
				continue;
			if (nlh->nlmsg_type != NLMSG_ERROR) {
				if (cb)
					cb(nlh);
				continue;
			}
			acks++;
			if (((struct nlmsgerr *)NLMSG_DATA(nlh))->error)
				*err = -((struct nlmsgerr *)NLMSG_DATA(nlh))->error;
			else
				ok++;
		}
	}
	return ok;
}

static void resolve_cb(struct nlmsghdr *nlh)
{
	struct nlattr *nla = (void *)((char *)NLMSG_DATA(nlh) + GENL_HDRLEN);
	int rem = nlh->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN);

	while (rem >= NLA_HDRLEN && nla->nla_len >= NLA_HDRLEN &&
	       nla->nla_len <= rem) {
		if (nla->nla_type == CTRL_ATTR_FAMILY_ID)
			memcpy(&fam, (char *)nla + NLA_HDRLEN, 2);
		rem -= NLA_ALIGN(nla->nla_len);
		nla = (void *)((char *)nla + NLA_ALIGN(nla->nla_len));
	}
}

static uint32_t last_id;

static void new_cb(struct nlmsghdr *nlh)
{
	struct nlattr *nla = (void *)((char *)NLMSG_DATA(nlh) + GENL_HDRLEN);
	int rem = nlh->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN);

	while (rem >= NLA_HDRLEN && nla->nla_len >= NLA_HDRLEN &&
	       nla->nla_len <= rem) {
		if (nla->nla_type == FTALIAS_A_ALIAS_ID)
			memcpy(&last_id, (char *)nla + NLA_HDRLEN, 4);
		rem -= NLA_ALIGN(nla->nla_len);
		nla = (void *)((char *)nla + NLA_ALIGN(nla->nla_len));
	}
}

static int cycles(int fd, long n)
{
	struct req r;
	int err;
	long i;

	for (i = 0; i < n; i++) {
		req_init(&r, fam, FTALIAS_CMD_ALIAS_NEW);
		put(&r, FTALIAS_A_ALIAS_NAME, "cycle", 6);
		last_id = 0;
		if (xfer(fd, &r, r.nlh.nlmsg_len, r.nlh.nlmsg_seq, 1, &err,
			 new_cb) != 1 || !last_id) {
			fprintf(stderr, "cycle %ld: alias-new: %s\n", i,
				strerror(err));
			return 1;
		}
		req_init(&r, fam, FTALIAS_CMD_ALIAS_DEL);
		put(&r, FTALIAS_A_ALIAS_ID, &last_id, 4);
		if (xfer(fd, &r, r.nlh.nlmsg_len, r.nlh.nlmsg_seq, 1, &err,
			 NULL) != 1) {
			fprintf(stderr, "cycle %ld: alias-del: %s\n", i,
				strerror(err));
			return 1;
		}
	}
	printf("cycles %ld\n", n);
	return 0;
}

static int fill(int fd, const char *prefix, long n)
{
	static char out[BATCH * sizeof(struct req)];
	long done = 0, created = 0;
	int last_err = 0;

	while (done < n) {
		int k = n - done < BATCH ? n - done : BATCH;
		uint32_t first = seqno;
		size_t len = 0;
		int i, ok, err;

		for (i = 0; i < k; i++) {
			struct req r;
			char name[32];

			req_init(&r, fam, FTALIAS_CMD_ALIAS_NEW);
			snprintf(name, sizeof(name), "%s%ld", prefix, done + i);
			put(&r, FTALIAS_A_ALIAS_NAME, name, strlen(name) + 1);
			memcpy(out + len, &r, r.nlh.nlmsg_len);
			len += NLMSG_ALIGN(r.nlh.nlmsg_len);
		}
		ok = xfer(fd, out, len, first, k, &err, NULL);
		if (ok < 0) {
			perror("netlink");
			return 1;
		}
		created += ok;
		if (err)
			last_err = err;
		done += k;
	}
	printf("created %ld errno %d\n", created, last_err);
	return created == n ? 0 : 1;
}

static int resolve(int fd)
{
	struct req r;
	int err;

	fam = 0;
	req_init(&r, GENL_ID_CTRL, CTRL_CMD_GETFAMILY);
	put(&r, CTRL_ATTR_FAMILY_NAME, FTALIAS_FAMILY_NAME,
	    sizeof(FTALIAS_FAMILY_NAME));
	if (xfer(fd, &r, r.nlh.nlmsg_len, r.nlh.nlmsg_seq, 1, &err,
		 resolve_cb) != 1 || !fam)
		return -1;
	return 0;
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

/*
 * Requests race with module unload and namespace exit, so any of them may
 * fail; what counts is that the kernel answers each one (or that the
 * family is gone) and that its log stays clean.
 */
static int churn(int fd, time_t end)
{
	static char dump_buf[BUF];
	long answered = 0;
	unsigned int i = 0;

	while (time(NULL) < end) {
		struct req r;
		uint32_t mode = 0600;
		int err;

		hold(end);
		if (!fam && resolve(fd)) {
			usleep(20000);	/* module unloaded: let it come back */
			continue;
		}
		req_init(&r, fam, FTALIAS_CMD_ALIAS_NEW);
		put(&r, FTALIAS_A_ALIAS_NAME, "churn", 6);
		last_id = 0;
		if (xfer(fd, &r, r.nlh.nlmsg_len, r.nlh.nlmsg_seq, 1, &err,
			 new_cb) < 0)
			return 1;
		answered++;
		if (err == ENOENT || err == EOPNOTSUPP) {
			fam = 0;	/* the family went away */
			continue;
		}
		req_init(&r, fam, FTALIAS_CMD_ALIAS_SET);
		put(&r, FTALIAS_A_ALIAS_NAME, "churn", 6);
		mode = i++ & 1 ? 0600 : 0640;
		put(&r, FTALIAS_A_ALIAS_MODE, &mode, 4);
		if (xfer(fd, &r, r.nlh.nlmsg_len, r.nlh.nlmsg_seq, 1, &err,
			 NULL) < 0)
			return 1;
		answered++;

		/* A dump, read to its end (NLMSG_DONE or an error). */
		req_init(&r, fam, FTALIAS_CMD_ALIAS_GET);
		r.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
		if (send(fd, &r, r.nlh.nlmsg_len, 0) < 0)
			return 1;
		for (bool done = false; !done;) {
			ssize_t got = recv(fd, dump_buf, sizeof(dump_buf), 0);
			struct nlmsghdr *nlh;

			if (got <= 0)
				return 1;
			for (nlh = (void *)dump_buf; NLMSG_OK(nlh, got);
			     nlh = NLMSG_NEXT(nlh, got))
				if (nlh->nlmsg_seq == r.nlh.nlmsg_seq &&
				    (nlh->nlmsg_type == NLMSG_DONE ||
				     nlh->nlmsg_type == NLMSG_ERROR))
					done = true;
		}
		answered++;

		req_init(&r, fam, FTALIAS_CMD_ALIAS_DEL);
		put(&r, FTALIAS_A_ALIAS_NAME, "churn", 6);
		if (xfer(fd, &r, r.nlh.nlmsg_len, r.nlh.nlmsg_seq, 1, &err,
			 NULL) < 0)
			return 1;
		answered++;
	}
	printf("answered %ld\n", answered);
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
	int fd;

	if (argc < 3) {
		fprintf(stderr, "usage: nl_stress cycles N | fill PREFIX N | churn SECONDS [PAUSE] | sockets SECONDS AF [PAUSE]\n");
		return 2;
	}
	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (fd < 0) {
		perror("socket");
		return 1;
	}
	if (resolve(fd)) {
		fprintf(stderr, "family %s not found\n", FTALIAS_FAMILY_NAME);
		return 4;
	}
	if (!strcmp(argv[1], "churn") && argc <= 4) {
		pause_file = argv[3];
		return churn(fd, deadline(argv[2]));
	}
	if (!strcmp(argv[1], "sockets") && (argc == 4 || argc == 5)) {
		pause_file = argv[4];
		return sockets(atoi(argv[3]), deadline(argv[2]));
	}
	if (!strcmp(argv[1], "cycles"))
		return cycles(fd, atol(argv[2]));
	if (!strcmp(argv[1], "fill") && argc == 4)
		return fill(fd, argv[2], atol(argv[3]));
	fprintf(stderr, "usage: nl_stress cycles N | fill PREFIX N | churn SECONDS [PAUSE] | sockets SECONDS AF [PAUSE]\n");
	return 2;
}
