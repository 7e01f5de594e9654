// SPDX-License-Identifier: GPL-2.0
/*
 * dp_demo: the server and the client of the failover story in demo.sh.
 *
 *   dp_demo server ALIAS_ID NAME WORK_MS
 *	Joins the alias and answers each request with "NAME: <request>"
 *	after WORK_MS of pretended work.  Prints "NAME (pid P, port Q)
 *	ready" once it is a member and "NAME: took <request>" for each.
 *   dp_demo client ALIAS_ID COUNT PAUSE_MS
 *	Sends COUNT requests, one at a time, PAUSE_MS apart, and prints each
 *	reply with its round-trip time; "(redelivered)" when the member
 *	that answered got it again after the one before died.  Ends with a
 *	summary; exit 1 if any request failed or went unanswered.
 */
#define _GNU_SOURCE
#include "../../selftests/lib/dp_util.h"

static int server(int af, uint32_t alias, const char *name, int work_ms)
{
	int fd = dp_socket(af, alias, -1, 0);

	if (fd < 0) {
		fprintf(stderr, "%s: join alias %u: %s\n", name, alias,
			strerror(-fd));
		return 1;
	}
	printf("%s (pid %d, port %u) ready\n", name, getpid(), dp_port(fd));
	fflush(stdout);
	for (;;) {
		char in[256], out[320];
		struct dp_msg m;
		ssize_t n = dp_recv(fd, in, sizeof(in) - 1, &m, 0);
		int len;

		if (n < 0) {
			if (n == -EINTR)
				continue;
			fprintf(stderr, "%s: recv: %s\n", name, strerror(-n));
			return 1;
		}
		if (!m.has_id)
			continue;
		in[n] = 0;
		printf("%s: took %s%s\n", name, in,
		       m.flags & FTALIAS_F_REDELIVERED ? " (redelivered)" : "");
		dp_pause_ms(work_ms);	/* the work */
		len = snprintf(out, sizeof(out), "%s%s: %s", name,
			       m.flags & FTALIAS_F_REDELIVERED ?
			       " (redelivered)" : "", in);
		dp_send_reply(fd, &m.id, out, len, 0);
	}
}

static int client(int af, uint32_t alias, int count, int pause_ms)
{
	int fd = dp_socket(af, 0, -1, 0), i, replies = 0, failed = 0;
	int64_t worst = 0;

	if (fd < 0) {
		fprintf(stderr, "client: %s\n", strerror(-fd));
		return 1;
	}
	for (i = 1; i <= count; i++) {
		struct ftalias_id id;
		char req[64], rep[320];
		struct dp_msg m;
		int64_t t0 = dp_now_ms(), dt;
		ssize_t n;
		int err;

		snprintf(req, sizeof(req), "request %d", i);
		err = dp_send_req(fd, af, alias, req, strlen(req), &id, 0);
		if (err) {
			printf("client: %s: %s\n", req, strerror(-err));
			failed++;
			continue;
		}
		if (dp_wait_readable(fd, 30000) <= 0) {
			printf("client: %s: no answer in 30 s\n", req);
			failed++;
			continue;
		}
		n = dp_recv(fd, rep, sizeof(rep) - 1, &m, 0);
		dt = dp_now_ms() - t0;
		if (n < 0 || !m.has_reply_to || !dp_id_eq(&m.reply_to, &id)) {
			printf("client: %s: bad answer\n", req);
			failed++;
			continue;
		}
		if (m.err) {
			printf("client: %s failed: %s\n", req, strerror(m.err));
			failed++;
			continue;
		}
		rep[n] = 0;
		replies++;
		if (dt > worst)
			worst = dt;
		printf("client: %-11s -> \"%s\"  %lld ms\n", req, rep,
		       (long long)dt);
		fflush(stdout);
		dp_pause_ms(pause_ms);	/* the demo's pace */
	}
	printf("client: %d requests, %d replies, %d failed; slowest %lld ms\n",
	       count, replies, failed, (long long)worst);
	return failed || replies != count;
}

int main(int argc, char **argv)
{
	int af = dp_af();

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (af < 0) {
		fprintf(stderr, "ftalias is not loaded\n");
		return 1;
	}
	if (argc == 5 && !strcmp(argv[1], "server"))
		return server(af, atoi(argv[2]), argv[3], atoi(argv[4]));
	if (argc == 5 && !strcmp(argv[1], "client"))
		return client(af, atoi(argv[2]), atoi(argv[3]), atoi(argv[4]));
	fprintf(stderr, "usage: dp_demo server ALIAS_ID NAME WORK_MS | client ALIAS_ID COUNT PAUSE_MS\n");
	return 2;
}
