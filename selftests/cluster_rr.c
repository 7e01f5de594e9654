// SPDX-License-Identifier: GPL-2.0
/*
 * cluster_rr: a server and a client of an alias, for cluster_requests.sh,
 * which runs them in the nodes (network namespaces) of a TIPC cluster to
 * check requests and replies crossing nodes.
 *
 *   cluster_rr serve ALIAS_ID [-x K] [-H]
 *	Joins the alias (a SOCK_RDM member), prints "port PORT", then for
 *	each request read one line, flushed at once:
 *
 *	  req node=N alias=A port=P inc=I xid=X flags=F src_node=S len=L
 *
 *	N..X: the request's ID (FTALIAS_CMSG_ID: N is the requester's node,
 *	0 when local), F: FTALIAS_CMSG_FLAGS (0 without it), S: msg_name's
 *	sfa_node, L: the payload's length.  It answers each with the same
 *	payload (FTALIAS_CMSG_REPLY_TO).  -x K: at the K-th request read,
 *	prints its line and "exit at request K", then exits (0) without
 *	answering it.  -H: answers nothing (holds what it read).  Anything
 *	read that is not a request prints "other ..." and is not answered.
 *
 *   cluster_rr call ALIAS_ID -n N [-w W] [-s BYTES] [-t SECONDS] [-E ERRNO] [-v] [-m ALIAS]
 *	A client socket (bound to a port of its own; with -m, a member of
 *	ALIAS, whose requests are that alias's) prints "port PORT",
 *	then sends N requests to the alias, at most W (default 1) unanswered
 *	at a time.  Request i (from 0) is "rr %06d" of i, or, with -s, BYTES
 *	bytes (0 to 65536) of a pattern that depends on i.  Each answer is
 *	matched to its request by the ID in FTALIAS_CMSG_REPLY_TO against
 *	the ID the kernel stamped (FTALIAS_CMSG_ID_OUT); a reply must echo
 *	the request's payload and come from the alias (sfa_alias).  -v
 *	prints one line per answer:
 *
 *	  reply xid=X src_node=S port=P flags=F len=L
 *	  notice xid=X errno=E
 *
 *	Then a summary:
 *
 *	  replies R dups D errors E nodes S1,S2,...   ("-": none)
 *
 *	R: requests answered as expected (a reply; with -E, a failure
 *	notice FTALIAS_CMSG_ERRNO = ERRNO instead), D: answers to a request
 *	already answered, E: anything else (a notice, or with -E a reply,
 *	a wrong payload, an answer to no request of ours, a failed send),
 *	S: the sorted distinct sfa_node of the replies.  Exit 0 only if
 *	R == N, D == 0 and E == 0 within SECONDS (default 60) of the
 *	start; else what is missing is printed and the exit status is 1.
 *
 * Usage errors exit 2.  The address family number is the module parameter
 * "family".
 */
#define _GNU_SOURCE
#include <getopt.h>
#include <stdarg.h>
#include <poll.h>

#include "lib/dp_util.h"

enum limits {
	SHOW_MAX = 20,		/* xids listed in a failure message */
	SAY_MAX = 10,		/* problems printed one by one */
	SEND_SLACK = 1024,	/* bytes a request costs beyond its payload */
};

static const char *prog = "cluster_rr";

static void die(const char *what, int err)
{
	fprintf(stderr, "%s: %s: %s\n", prog, what, strerror(err));
	exit(1);
}

static void usage(void)
{
	fputs("usage: cluster_rr serve ALIAS_ID [-x K] [-H]\n"
	      "       cluster_rr call ALIAS_ID -n N [-w W] [-s BYTES] [-t SECONDS] [-E ERRNO] [-v] [-m ALIAS]\n",
	      stderr);
	exit(2);
}

static unsigned long number(const char *s, unsigned long max)
{
	unsigned long v;
	char *end;

	errno = 0;
	v = strtoul(s, &end, 0);
	if (errno || !*s || *end || v > max)
		usage();
	return v;
}

static int family(void)
{
	int af = dp_af();

	if (af < 0)
		die("/sys/module/ftalias/parameters/family", -af);
	return af;
}

static void flush(void)
{
	if (fflush(stdout))
		die("stdout", errno);
}

/* ---- serve ----------------------------------------------------------- */

static int serve(uint32_t alias, unsigned long exit_at, bool hold)
{
	static char buf[FTALIAS_MSG_MAX + 1];
	unsigned long nr = 0;
	struct dp_msg m;
	ssize_t n;
	int fd, err;

	fd = dp_socket(family(), alias, -1, 0);
	if (fd < 0)
		die("bind to the alias", -fd);
	printf("port %u\n", dp_port(fd));
	flush();
	for (;;) {
		n = dp_recv(fd, buf, sizeof(buf), &m, 0);
		if (n == -EINTR)
			continue;
		if (n < 0)
			die("recvmsg", -n);
		if (m.msg_flags & (MSG_TRUNC | MSG_CTRUNC))
			die("recvmsg: truncated", EMSGSIZE);
		if (!m.has_id) {
			printf("other len=%zd src_node=%u port=%u reply_to=%d errno=%u\n",
			       n, m.from.sfa_node, m.from.sfa_port,
			       m.has_reply_to, m.err);
			flush();
			continue;
		}
		nr++;
		printf("req node=%u alias=%u port=%u inc=%u xid=%llu flags=%u src_node=%u len=%zd\n",
		       m.id.node, m.id.alias, m.id.port, m.id.incarnation,
		       (unsigned long long)m.id.xid, m.flags, m.from.sfa_node,
		       n);
		if (nr == exit_at) {
			printf("exit at request %lu\n", nr);
			flush();
			exit(0);
		}
		flush();
		if (hold)
			continue;
		err = dp_send_reply(fd, &m.id, buf, n, 0);
		if (err) {
			/* the client reports it missing; this says why */
			printf("reply-error xid=%llu: %s\n",
			       (unsigned long long)m.id.xid, strerror(-err));
			flush();
		}
	}
}

/* ---- call ------------------------------------------------------------ */

struct req {
	struct ftalias_id id;
	bool sent;
	int answers;		/* expected answers taken */
};

struct call {
	uint32_t alias;
	uint32_t member_of;	/* -m: the alias it sends as a member of */
	unsigned long n, window, nodes_nr;
	long size;		/* -s, or -1: "rr %06d" */
	uint32_t expect_errno;	/* -E: each answered by this notice */
	bool verbose;
	struct req *reqs;
	uint32_t *nodes;	/* distinct sfa_node of the replies */
	unsigned long replies, dups, errors, inflight, sent, said;
};

/* Prints a problem, the first SAY_MAX only (the rest are counted). */
static __attribute__((format(printf, 2, 3)))
void problem(struct call *c, const char *fmt, ...)
{
	va_list ap;

	if (c->said++ >= SAY_MAX)
		return;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
}

/* Request i's payload into buf (FTALIAS_MSG_MAX + 1 bytes); its length. */
static size_t payload(const struct call *c, unsigned long i, char *buf)
{
	size_t k, len;
	int h;

	if (c->size < 0)
		return snprintf(buf, 16, "rr %06lu", i);
	len = c->size;
	h = snprintf(buf, 32, "rr %lu ", i);
	for (k = h; k < len; k++)
		buf[k] = (char)(i * 7 + k * 13);
	return len;
}

static void add_node(struct call *c, uint32_t node)
{
	unsigned long i;

	for (i = 0; i < c->nodes_nr; i++)
		if (c->nodes[i] == node)
			return;
	c->nodes[c->nodes_nr++] = node;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

static struct req *find(struct call *c, const struct ftalias_id *id)
{
	unsigned long i;

	for (i = 0; i < c->sent; i++)
		if (dp_id_eq(&c->reqs[i].id, id))
			return &c->reqs[i];
	return NULL;
}

/* One answer read: counted. */
static void answer(struct call *c, const struct dp_msg *m, const char *data,
		   char *want)
{
	struct req *r;
	size_t len;

	if (!m->has_reply_to) {
		problem(c, "error: a message without FTALIAS_CMSG_REPLY_TO (len %zd, src_node %u port %u)\n",
			m->len, m->from.sfa_node, m->from.sfa_port);
		c->errors++;
		return;
	}
	r = find(c, &m->reply_to);
	if (m->err) {
		if (c->verbose)
			printf("notice xid=%llu errno=%u\n",
			       (unsigned long long)m->reply_to.xid, m->err);
	} else if (c->verbose) {
		printf("reply xid=%llu src_node=%u port=%u flags=%u len=%zd\n",
		       (unsigned long long)m->reply_to.xid, m->from.sfa_node,
		       m->from.sfa_port, m->flags, m->len);
	}
	if (!r) {
		problem(c, "error: an answer to no request of ours: " DP_ID_FMT "\n",
			DP_ID_ARGS(m->reply_to));
		c->errors++;
		return;
	}
	if (r->answers) {
		problem(c, "dup: a second answer to xid %llu (errno %u, src_node %u)\n",
			(unsigned long long)r->id.xid, m->err,
			m->from.sfa_node);
		c->dups++;
		return;
	}
	c->inflight--;
	r->answers++;
	if (m->err) {
		if (m->err == c->expect_errno) {
			c->replies++;
			return;
		}
		problem(c, "error: xid %llu failed: errno %u (%s)\n",
			(unsigned long long)r->id.xid, m->err, strerror(m->err));
		c->errors++;
		return;
	}
	add_node(c, m->from.sfa_node);
	if (c->expect_errno) {
		problem(c, "error: xid %llu answered, want errno %u\n",
			(unsigned long long)r->id.xid, c->expect_errno);
		c->errors++;
		return;
	}
	len = payload(c, r - c->reqs, want);
	if ((size_t)m->len != len || memcmp(data, want, len)) {
		problem(c, "error: xid %llu: the reply (%zd bytes) does not echo the request (%zu bytes)\n",
			(unsigned long long)r->id.xid, m->len, len);
		c->errors++;
		return;
	}
	if (m->from.sfa_alias != c->alias) {
		problem(c, "error: xid %llu: the reply comes from alias %u, want %u\n",
			(unsigned long long)r->id.xid, m->from.sfa_alias,
			c->alias);
		c->errors++;
		return;
	}
	c->replies++;
}

static void summary(struct call *c)
{
	unsigned long i, shown = 0;

	if (c->said > SAY_MAX)
		printf("(%lu more problems not shown)\n", c->said - SAY_MAX);
	qsort(c->nodes, c->nodes_nr, sizeof(*c->nodes), cmp_u32);
	printf("replies %lu dups %lu errors %lu nodes ", c->replies, c->dups,
	       c->errors);
	for (i = 0; i < c->nodes_nr; i++)
		printf("%s%u", i ? "," : "", c->nodes[i]);
	printf("%s\n", c->nodes_nr ? "" : "-");
	if (c->replies + c->errors >= c->n)
		return;
	printf("missing: %lu of %lu requests unanswered (%lu never sent); xids:",
	       c->n - c->replies - c->errors, c->n, c->n - c->sent);
	for (i = 0; i < c->sent && shown < SHOW_MAX; i++) {
		if (c->reqs[i].answers)
			continue;
		printf(" %llu", (unsigned long long)c->reqs[i].id.xid);
		shown++;
	}
	printf("%s\n", shown == SHOW_MAX ? " ..." : "");
}

static int call(struct call *c, int seconds)
{
	static char buf[FTALIAS_MSG_MAX + 1], want[FTALIAS_MSG_MAX + 32];
	int64_t end = dp_now_ms() + seconds * 1000LL, left;
	int af = family(), fd, err, sndbuf;
	struct timeval tv;
	struct dp_msg m;
	size_t len;
	ssize_t n;

	c->reqs = calloc(c->n ? c->n : 1, sizeof(*c->reqs));
	c->nodes = calloc(c->n ? c->n : 1, sizeof(*c->nodes));
	if (!c->reqs || !c->nodes)
		die("calloc", ENOMEM);
	fd = dp_socket(af, c->member_of, -1, 0);
	if (fd < 0)
		die(c->member_of ? "join the alias of -m" : "bind to a port", -fd);
	/* room for W requests in flight (the kernel doubles it) */
	sndbuf = c->window * ((c->size < 0 ? 16 : c->size) + SEND_SLACK);
	if (setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &sndbuf, sizeof(sndbuf)))
		setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof(sndbuf));
	printf("port %u\n", dp_port(fd));
	flush();

	while (c->sent < c->n || c->inflight) {
		left = end - dp_now_ms();
		if (left <= 0)
			break;
		if (c->sent < c->n && c->inflight < c->window) {
			/* a send that waits for room ends with the time left */
			tv.tv_sec = left / 1000;
			tv.tv_usec = left % 1000 * 1000;
			setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
			len = payload(c, c->sent, buf);
			err = dp_send_req(fd, af, c->alias, buf, len,
					  &c->reqs[c->sent].id, 0);
			if (err == -EINTR)
				continue;
			if (err == -EAGAIN)
				break;	/* the time is up */
			if (err) {
				problem(c, "error: request %lu: sendmsg: %s\n",
					c->sent, strerror(-err));
				c->errors++;
				c->reqs[c->sent].answers = -1;
				c->sent++;
				continue;
			}
			c->reqs[c->sent].sent = true;
			c->sent++;
			c->inflight++;
			continue;
		}
		n = dp_recv_wait(fd, buf, sizeof(buf), &m, left);
		if (n == -ETIMEDOUT || n == -EINTR)
			continue;
		if (n < 0)
			die("recvmsg", -n);
		if (m.msg_flags & (MSG_TRUNC | MSG_CTRUNC))
			die("recvmsg: truncated", EMSGSIZE);
		answer(c, &m, buf, want);
	}
	/* answers already queued behind the last one: dups or strays */
	while ((n = dp_recv(fd, buf, sizeof(buf), &m, MSG_DONTWAIT)) >= 0)
		answer(c, &m, buf, want);
	summary(c);
	flush();
	return c->replies == c->n && !c->dups && !c->errors ? 0 : 1;
}

int main(int argc, char **argv)
{
	struct call c = { .window = 1, .size = -1 };
	unsigned long exit_at = 0;
	int seconds = 60, opt;
	bool hold = false;
	const char *mode;
	uint32_t alias;

	if (argc < 3)
		usage();
	mode = argv[1];
	alias = number(argv[2], 0xffffffffUL);
	optind = 3;
	if (!strcmp(mode, "serve")) {
		while ((opt = getopt(argc, argv, "x:H")) != -1) {
			switch (opt) {
			case 'x':
				exit_at = number(optarg, ~0UL);
				break;
			case 'H':
				hold = true;
				break;
			default:
				usage();
			}
		}
		if (optind != argc)
			usage();
		return serve(alias, exit_at, hold);
	}
	if (strcmp(mode, "call"))
		usage();
	c.alias = alias;
	c.n = ~0UL;
	while ((opt = getopt(argc, argv, "n:w:s:t:E:vm:")) != -1) {
		switch (opt) {
		case 'm':
			c.member_of = number(optarg, UINT32_MAX);
			break;
		case 'n':
			c.n = number(optarg, 1UL << 20);
			break;
		case 'w':
			c.window = number(optarg, 1UL << 16);
			break;
		case 's':
			c.size = number(optarg, FTALIAS_MSG_MAX);
			break;
		case 't':
			seconds = number(optarg, 86400);
			break;
		case 'E':
			c.expect_errno = number(optarg, 4095);
			break;
		case 'v':
			c.verbose = true;
			break;
		default:
			usage();
		}
	}
	if (optind != argc || c.n == ~0UL || !c.window)
		usage();
	return call(&c, seconds);
}
