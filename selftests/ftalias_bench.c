// SPDX-License-Identifier: GPL-2.0
/*
 * ftalias_bench: request/reply round trip, throughput and failover time of
 * AF_FTALIAS SOCK_RDM next to AF_UNIX SOCK_SEQPACKET and SOCK_DGRAM, UDP
 * over loopback and TIPC SOCK_RDM (node-local, no bearer), all measured in
 * one run on the same machine.  It only reports: no figure makes it fail.
 *
 * Every transport is measured the same way: one server process with one
 * socket (SOCK_SEQPACKET: a listening socket and one connection per
 * client, served by one epoll loop) echoes each request back with the same
 * length; 1..N client processes send requests of a given size and wait for
 * the replies.
 *
 *   round trip   one request in flight per client: median and p99 of the
 *                send-to-reply time, and the requests per second of all
 *                clients together
 *   pipelined    --window requests in flight per client: requests per
 *                second, where the per-message CPU cost shows rather than
 *                the wake-ups
 *   failover     (ftalias) a primary and a backup member, a client in a
 *                request loop, kill -9 of the primary: time from the kill
 *                to the first reply from the backup
 *
 * ftalias: the alias is created over generic netlink (alias-new, default
 * attributes: promotion policy auto) and deleted at the end, or given with
 * --alias.  The server binds to
 * it as a member and answers with sendmsg() and FTALIAS_CMSG_REPLY_TO set
 * to the FTALIAS_CMSG_ID of the request.
 *
 * Needs root for: net.unix.max_dgram_qlen (raised so that pipelined
 * AF_UNIX SOCK_DGRAM cannot deadlock on its 10-message default queue),
 * SO_RCVBUFFORCE on the UDP sockets (UDP drops instead of blocking) and
 * "modprobe tipc".  Run "ftalias_bench -h" for the options.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <poll.h>
#include <sched.h>
#include <stddef.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/tipc.h>

#include "../include/uapi/linux/ftalias.h"
#include "dp_util.h"

#ifndef AF_TIPC
#define AF_TIPC 30
#endif
#ifndef SOL_TIPC
#define SOL_TIPC 271
#endif

enum limits {
	MAX_CLIENTS = 64,
	MAX_WINDOW = 1024,
	MAX_SIZE = 60000,	/* below FTALIAS_MSG_MAX, TIPC and UDP limits */
	MAX_SAMPLES = 1 << 20,	/* round-trip samples kept per client */
	MAX_TRIALS = 100,
	IO_TIMEOUT_S = 10,	/* SO_SNDTIMEO, SO_RCVTIMEO of clients */
	READY_TIMEOUT_MS = 20000,
	TIPC_SERVICE = 0x46540000,	/* + pid: the server's service type */
	SERVER_TAG = 'S',
	PRIMARY_TAG = 'P',
	BACKUP_TAG = 'B',
};

/* Options */
static unsigned int opt_duration_ms = 1200;
static unsigned int opt_rounds = 3;
static unsigned int opt_warmup = 50;
static unsigned int opt_window = 32;
static unsigned int opt_trials = 5;
static unsigned int opt_sizes[8] = { 64, 4096 };
static unsigned int opt_nsizes = 2;
static unsigned int opt_clients[8] = { 1, 4 };
static unsigned int opt_nclients = 2;
static unsigned int opt_alias;
static bool opt_no_pipeline;
static int opt_cpu = -1;

static int ftalias_af = -1;
static int run_id;		/* names the AF_UNIX and TIPC addresses */
static uint32_t alias_id;
static bool alias_created;
static char alias_name[64];

/* What a server learnt about the sender of a request, to answer it. */
struct peer {
	struct sockaddr_storage addr;
	socklen_t alen;
	struct ftalias_id id;
	int fd;
};

struct transport {
	const char *name;
	bool selected;
	const char *skip;	/* why it cannot run here, NULL if it can */
	/* Server process: open and bind, once. */
	int (*srv_open)(int prio);
	ssize_t (*srv_recv)(int fd, void *buf, size_t len, struct peer *p);
	ssize_t (*srv_send)(int fd, const void *buf, size_t len,
			    const struct peer *p);
	bool connected;		/* srv_open gives a listening socket */
	/* Client process. */
	int (*cl_open)(void);
	ssize_t (*cl_send)(int fd, const void *buf, size_t len);
	ssize_t (*cl_recv)(int fd, void *buf, size_t len);
};

/* Shared between the processes of one figure (MAP_SHARED). */
struct client_result {
	uint64_t replies;	/* counted: received before the deadline */
	uint32_t nsamples;
	int err;		/* errno of the failure, 0 if none */
	char where[32];
};

struct shared {
	uint16_t udp_port;
	int srv_err;		/* the server's failure, 0 if none */
	char srv_where[16];
	int64_t t0, deadline;	/* CLOCK_MONOTONIC ns */
	/* failover */
	volatile uint64_t primary_replies;
	volatile int64_t first_backup_ns;
	volatile uint32_t redelivered;
	struct client_result res[MAX_CLIENTS];
};

static struct shared *shm;
static uint32_t *samples;	/* MAX_CLIENTS * MAX_SAMPLES, shared */

static int64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* A lost message or a stuck sender ends a figure, not the run. */
static void set_timeouts(int fd, bool recv)
{
	struct timeval tv = { .tv_sec = IO_TIMEOUT_S };

	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	if (recv)
		setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
}

/* ------------------------------------------------------------------ */
/*
 * An AF_UNIX datagram stays charged to its sender's SO_SNDBUF until it is
 * read; an ftalias request stays charged to its requester until its reply
 * is read.  With a window of 4 KiB requests in flight the clients and the
 * server could each block on their own full send buffer, none reading:
 * make room for the window (it changes when a sender blocks, not what a
 * message costs).
 */
static void window_bufs(int fd)
{
	int sz = 8 << 20;

	if (setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &sz, sizeof(sz)))
		setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sz, sizeof(sz));
}

/* AF_FTALIAS SOCK_RDM */

/* A member of alias (priority prio, 0: the default). */
static int fta_join(uint32_t alias, int prio)
{
	struct sockaddr_ftalias a = {
		.sfa_family = ftalias_af,
		.sfa_type = FTALIAS_ADDR_ALIAS,
		.sfa_alias = alias,
	};
	uint32_t p = prio;
	int fd;

	fd = socket(ftalias_af, SOCK_RDM, 0);
	if (fd < 0)
		return -1;
	if (prio && setsockopt(fd, SOL_FTALIAS, FTALIAS_PRIORITY, &p, sizeof(p)))
		goto err;
	if (bind(fd, (struct sockaddr *)&a, sizeof(a)))
		goto err;
	return fd;
err:
	close(fd);
	return -1;
}

static int fta_srv_open(int prio)
{
	return fta_join(alias_id, prio);
}

/* recvmsg() with room for the ftalias control messages. */
union fta_cbuf {
	char buf[CMSG_SPACE(sizeof(struct ftalias_id)) +
		 CMSG_SPACE(sizeof(struct ftalias_id)) +
		 2 * CMSG_SPACE(sizeof(uint32_t))];
	struct cmsghdr align;
};

static ssize_t fta_srv_recv(int fd, void *buf, size_t len, struct peer *p)
{
	union fta_cbuf cb;
	struct iovec iov = { buf, len };
	struct msghdr m = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = cb.buf, .msg_controllen = sizeof(cb.buf),
	};
	struct cmsghdr *c;
	ssize_t n;

	n = recvmsg(fd, &m, 0);
	if (n < 0)
		return n;
	for (c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c)) {
		if (c->cmsg_level == SOL_FTALIAS &&
		    c->cmsg_type == FTALIAS_CMSG_ID) {
			memcpy(&p->id, CMSG_DATA(c), sizeof(p->id));
			return n;
		}
	}
	errno = EBADMSG;	/* a request without its ID */
	return -1;
}

/*
 * The reply to p->id; record: also recorded as the request's auto-reply
 * (FTALIAS_CMSG_RECORD with FTALIAS_CMSG_REPLY_TO).
 */
static ssize_t fta_reply(int fd, const void *buf, size_t len,
			 const struct peer *p, bool record)
{
	union {
		char buf[CMSG_SPACE(sizeof(struct ftalias_id)) +
			 CMSG_SPACE(sizeof(struct ftalias_record))];
		struct cmsghdr align;
	} cb;
	struct ftalias_record rec = {
		.id = p->id,
		.type = FTALIAS_RECORD_AUTO_REPLY,
	};
	struct iovec iov = { (void *)buf, len };
	struct msghdr m = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = cb.buf,
		.msg_controllen = CMSG_SPACE(sizeof(p->id)),
	};
	struct cmsghdr *c;

	memset(&cb, 0, sizeof(cb));
	if (record)
		m.msg_controllen += CMSG_SPACE(sizeof(rec));
	c = CMSG_FIRSTHDR(&m);
	c->cmsg_level = SOL_FTALIAS;
	c->cmsg_type = FTALIAS_CMSG_REPLY_TO;
	c->cmsg_len = CMSG_LEN(sizeof(p->id));
	memcpy(CMSG_DATA(c), &p->id, sizeof(p->id));
	if (record) {
		c = CMSG_NXTHDR(&m, c);
		c->cmsg_level = SOL_FTALIAS;
		c->cmsg_type = FTALIAS_CMSG_RECORD;
		c->cmsg_len = CMSG_LEN(sizeof(rec));
		memcpy(CMSG_DATA(c), &rec, sizeof(rec));
	}
	return sendmsg(fd, &m, 0);
}

static ssize_t fta_srv_send(int fd, const void *buf, size_t len,
			    const struct peer *p)
{
	return fta_reply(fd, buf, len, p, false);
}

static int fta_cl_open(void)
{
	struct sockaddr_ftalias a = {
		.sfa_family = ftalias_af,
		.sfa_type = FTALIAS_ADDR_PORT,
	};
	int fd;

	fd = socket(ftalias_af, SOCK_RDM, 0);
	if (fd < 0)
		return -1;
	window_bufs(fd);
	if (bind(fd, (struct sockaddr *)&a, sizeof(a))) {
		close(fd);
		return -1;
	}
	return fd;
}

static ssize_t fta_send_to(int fd, uint32_t alias, const void *buf,
			   size_t len)
{
	struct sockaddr_ftalias a = {
		.sfa_family = ftalias_af,
		.sfa_type = FTALIAS_ADDR_ALIAS,
		.sfa_alias = alias,
	};

	return sendto(fd, buf, len, 0, (struct sockaddr *)&a, sizeof(a));
}

static ssize_t fta_cl_send(int fd, const void *buf, size_t len)
{
	return fta_send_to(fd, alias_id, buf, len);
}

/*
 * The last reply's FTALIAS_CMSG_FLAGS, for the failover client, and its
 * FTALIAS_CMSG_REPLY_TO, for the replay-cache duplicates.
 */
static uint32_t fta_last_flags;
static struct ftalias_id fta_last_reply_to;

static ssize_t fta_cl_recv(int fd, void *buf, size_t len)
{
	union fta_cbuf cb;
	struct iovec iov = { buf, len };
	struct msghdr m = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = cb.buf, .msg_controllen = sizeof(cb.buf),
	};
	struct cmsghdr *c;
	bool reply = false;
	uint32_t v;
	ssize_t n;

	n = recvmsg(fd, &m, 0);
	if (n < 0)
		return n;
	fta_last_flags = 0;
	for (c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c)) {
		if (c->cmsg_level != SOL_FTALIAS)
			continue;
		switch (c->cmsg_type) {
		case FTALIAS_CMSG_REPLY_TO:
			memcpy(&fta_last_reply_to, CMSG_DATA(c),
			       sizeof(fta_last_reply_to));
			reply = true;
			break;
		case FTALIAS_CMSG_FLAGS:
			memcpy(&fta_last_flags, CMSG_DATA(c), sizeof(v));
			break;
		case FTALIAS_CMSG_ERRNO:
			memcpy(&v, CMSG_DATA(c), sizeof(v));
			errno = v;
			return -1;
		}
	}
	if (!reply) {
		errno = EBADMSG;
		return -1;
	}
	return n;
}

/* ------------------------------------------------------------------ */
/* AF_UNIX: abstract names of this run */

static socklen_t unix_addr(struct sockaddr_un *a, const char *what)
{
	int n;

	memset(a, 0, sizeof(*a));
	a->sun_family = AF_UNIX;
	n = snprintf(a->sun_path + 1, sizeof(a->sun_path) - 1,
		     "ftalias-bench-%d-%s", run_id, what);
	return offsetof(struct sockaddr_un, sun_path) + 1 + n;
}

static int unix_srv_open(int type)
{
	struct sockaddr_un a;
	socklen_t alen = unix_addr(&a, type == SOCK_DGRAM ? "dgram" : "seqpacket");
	int fd;

	fd = socket(AF_UNIX, type, 0);
	if (fd < 0)
		return -1;
	window_bufs(fd);
	if (bind(fd, (struct sockaddr *)&a, alen) ||
	    (type == SOCK_SEQPACKET && listen(fd, MAX_CLIENTS))) {
		close(fd);
		return -1;
	}
	return fd;
}

static int unix_dgram_srv_open(int prio)
{
	(void)prio;
	return unix_srv_open(SOCK_DGRAM);
}

static int unix_seqpacket_srv_open(int prio)
{
	(void)prio;
	return unix_srv_open(SOCK_SEQPACKET);
}

static int unix_cl_open(int type)
{
	struct sockaddr_un a;
	socklen_t alen = unix_addr(&a, type == SOCK_DGRAM ? "dgram" : "seqpacket");
	sa_family_t fam = AF_UNIX;
	int fd;

	fd = socket(AF_UNIX, type, 0);
	if (fd < 0)
		return -1;
	window_bufs(fd);
	/* A datagram client needs an address for the replies: autobind. */
	if ((type == SOCK_DGRAM && bind(fd, (struct sockaddr *)&fam, sizeof(fam))) ||
	    connect(fd, (struct sockaddr *)&a, alen)) {
		close(fd);
		return -1;
	}
	return fd;
}

static int unix_dgram_cl_open(void)
{
	return unix_cl_open(SOCK_DGRAM);
}

static int unix_seqpacket_cl_open(void)
{
	return unix_cl_open(SOCK_SEQPACKET);
}

/* Datagram servers (unix dgram, UDP, TIPC): answer the source address. */
static ssize_t dgram_srv_recv(int fd, void *buf, size_t len, struct peer *p)
{
	p->alen = sizeof(p->addr);
	return recvfrom(fd, buf, len, 0, (struct sockaddr *)&p->addr, &p->alen);
}

static ssize_t dgram_srv_send(int fd, const void *buf, size_t len,
			      const struct peer *p)
{
	return sendto(fd, buf, len, 0, (const struct sockaddr *)&p->addr, p->alen);
}

/* Connected clients (unix, UDP). */
static ssize_t conn_send(int fd, const void *buf, size_t len)
{
	return send(fd, buf, len, 0);
}

static ssize_t conn_recv(int fd, void *buf, size_t len)
{
	return recv(fd, buf, len, 0);
}

/* SOCK_SEQPACKET server: peer->fd is the connection. */
static ssize_t conn_srv_send(int fd, const void *buf, size_t len,
			     const struct peer *p)
{
	(void)fd;
	return send(p->fd, buf, len, 0);
}

/* ------------------------------------------------------------------ */
/* UDP over loopback */

static void udp_bufs(int fd)
{
	int sz = 8 << 20;	/* UDP drops what does not fit */

	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &sz, sizeof(sz)))
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &sz, sizeof(sz));
}

static int udp_srv_open(int prio)
{
	struct sockaddr_in a = {
		.sin_family = AF_INET,
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	socklen_t alen = sizeof(a);
	int fd;

	(void)prio;
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0)
		return -1;
	udp_bufs(fd);
	if (bind(fd, (struct sockaddr *)&a, sizeof(a)) ||
	    getsockname(fd, (struct sockaddr *)&a, &alen)) {
		close(fd);
		return -1;
	}
	shm->udp_port = ntohs(a.sin_port);
	return fd;
}

static int udp_cl_open(void)
{
	struct sockaddr_in a = {
		.sin_family = AF_INET,
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
		.sin_port = htons(shm->udp_port),
	};
	int fd;

	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0)
		return -1;
	udp_bufs(fd);
	if (connect(fd, (struct sockaddr *)&a, sizeof(a))) {
		close(fd);
		return -1;
	}
	return fd;
}

/* ------------------------------------------------------------------ */
/*
 * TIPC SOCK_RDM, node scope.  Node-local TIPC needs no bearer and no node
 * address: address 0 is this node (in_own_node() in net/tipc/addr.h).
 */

static uint32_t tipc_type(void)
{
	return TIPC_SERVICE + ((uint32_t)run_id & 0xffff);
}

static int tipc_srv_open(int prio)
{
	struct sockaddr_tipc a = {
		.family = AF_TIPC,
		.addrtype = TIPC_ADDR_NAMESEQ,
		.scope = TIPC_NODE_SCOPE,
		.addr.nameseq = { .type = tipc_type(), .lower = 1, .upper = 1 },
	};
	int fd;

	(void)prio;
	fd = socket(AF_TIPC, SOCK_RDM, 0);
	if (fd < 0)
		return -1;
	if (bind(fd, (struct sockaddr *)&a, sizeof(a))) {
		close(fd);
		return -1;
	}
	return fd;
}

static int tipc_cl_open(void)
{
	return socket(AF_TIPC, SOCK_RDM, 0);
}

static ssize_t tipc_cl_send(int fd, const void *buf, size_t len)
{
	struct sockaddr_tipc a = {
		.family = AF_TIPC,
		.addrtype = TIPC_ADDR_NAME,
		.addr.name = {
			.name = { .type = tipc_type(), .instance = 1 },
			.domain = 0,
		},
	};

	return sendto(fd, buf, len, 0, (struct sockaddr *)&a, sizeof(a));
}

/* A message TIPC returns as undeliverable carries TIPC_ERRINFO. */
static ssize_t tipc_cl_recv(int fd, void *buf, size_t len)
{
	union {
		char buf[CMSG_SPACE(2 * sizeof(uint32_t)) +
			 CMSG_SPACE(sizeof(struct tipc_name_seq)) + 64];
		struct cmsghdr align;
	} cb;
	struct iovec iov = { buf, len };
	struct msghdr m = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = cb.buf, .msg_controllen = sizeof(cb.buf),
	};
	struct cmsghdr *c;
	ssize_t n;

	n = recvmsg(fd, &m, 0);
	if (n < 0)
		return n;
	for (c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c)) {
		if (c->cmsg_level == SOL_TIPC && c->cmsg_type == TIPC_ERRINFO) {
			errno = EREMOTEIO;
			return -1;
		}
	}
	return n;
}

/* ------------------------------------------------------------------ */

enum { T_FTALIAS, T_UNIX_SEQPACKET, T_UNIX_DGRAM, T_UDP, T_TIPC, NR_T };

static struct transport transports[NR_T] = {
	[T_FTALIAS] = {
		.name = "ftalias",
		.srv_open = fta_srv_open, .srv_recv = fta_srv_recv,
		.srv_send = fta_srv_send,
		.cl_open = fta_cl_open, .cl_send = fta_cl_send,
		.cl_recv = fta_cl_recv,
	},
	[T_UNIX_SEQPACKET] = {
		.name = "unix-seqpacket", .connected = true,
		.srv_open = unix_seqpacket_srv_open, .srv_send = conn_srv_send,
		.cl_open = unix_seqpacket_cl_open, .cl_send = conn_send,
		.cl_recv = conn_recv,
	},
	[T_UNIX_DGRAM] = {
		.name = "unix-dgram",
		.srv_open = unix_dgram_srv_open, .srv_recv = dgram_srv_recv,
		.srv_send = dgram_srv_send,
		.cl_open = unix_dgram_cl_open, .cl_send = conn_send,
		.cl_recv = conn_recv,
	},
	[T_UDP] = {
		.name = "udp",
		.srv_open = udp_srv_open, .srv_recv = dgram_srv_recv,
		.srv_send = dgram_srv_send,
		.cl_open = udp_cl_open, .cl_send = conn_send,
		.cl_recv = conn_recv,
	},
	[T_TIPC] = {
		.name = "tipc",
		.srv_open = tipc_srv_open, .srv_recv = dgram_srv_recv,
		.srv_send = dgram_srv_send,
		.cl_open = tipc_cl_open, .cl_send = tipc_cl_send,
		.cl_recv = tipc_cl_recv,
	},
};

/* ------------------------------------------------------------------ */
/* Processes */

static char iobuf[MAX_SIZE];

/* Tell the parent: 0 ready, else the errno of the failure. */
static void report(int wfd, int err)
{
	unsigned char c = err > 255 ? 255 : err;

	if (write(wfd, &c, 1) != 1)
		_exit(1);
}

/* Waits for n reports; returns 0 or the first errno reported. */
static int wait_ready(int rfd, unsigned int n)
{
	struct pollfd p = { .fd = rfd, .events = POLLIN };
	unsigned char c;
	int err = 0;

	while (n--) {
		if (poll(&p, 1, READY_TIMEOUT_MS) != 1)
			return ETIMEDOUT;
		if (read(rfd, &c, 1) != 1)
			return EPIPE;
		if (c && !err)
			err = c;
	}
	return err;
}

static void server_fail(const char *where)
{
	shm->srv_err = errno ? errno : EIO;
	snprintf(shm->srv_where, sizeof(shm->srv_where), "%s", where);
	_exit(1);
}

static void serve_seqpacket(const struct transport *t, int lfd, char tag)
{
	struct epoll_event ev = { .events = EPOLLIN }, evs[MAX_CLIENTS + 1];
	struct peer p;
	int ep, i, n;
	ssize_t len;

	ep = epoll_create1(0);
	ev.data.fd = lfd;
	if (ep < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &ev))
		server_fail("epoll");
	for (;;) {
		n = epoll_wait(ep, evs, MAX_CLIENTS + 1, -1);
		if (n < 0 && errno != EINTR)
			server_fail("epoll_wait");
		for (i = 0; i < n; i++) {
			int fd = evs[i].data.fd;

			if (fd == lfd) {
				int c = accept(lfd, NULL, NULL);

				ev.data.fd = c;
				if (c < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, c, &ev))
					server_fail("accept");
				set_timeouts(c, false);
				window_bufs(c);
				continue;
			}
			len = recv(fd, iobuf, sizeof(iobuf), 0);
			if (len <= 0) {
				close(fd);
				continue;
			}
			iobuf[0] = tag;
			p.fd = fd;
			if (t->srv_send(-1, iobuf, len, &p) < 0)
				server_fail("send");
		}
	}
}

/* The server process: echoes each request, first byte set to tag. */
static pid_t start_server(const struct transport *t, int prio, char tag,
			  int *err)
{
	int pfd[2];
	pid_t pid;

	if (pipe(pfd)) {
		*err = errno;
		return -1;
	}
	pid = fork();
	if (pid < 0) {
		*err = errno;
		return -1;
	}
	if (!pid) {
		struct peer p;
		ssize_t n;
		int fd;

		close(pfd[0]);
		fd = t->srv_open(prio);
		report(pfd[1], fd < 0 ? errno : 0);
		if (fd < 0)
			_exit(1);
		set_timeouts(fd, false);
		close(pfd[1]);
		if (t->connected)
			serve_seqpacket(t, fd, tag);
		for (;;) {
			n = t->srv_recv(fd, iobuf, sizeof(iobuf), &p);
			if (n < 0) {
				if (errno == EINTR)
					continue;
				server_fail("recv");
			}
			if (n > 0)
				iobuf[0] = tag;
			if (t->srv_send(fd, iobuf, n, &p) < 0)
				server_fail("send");
		}
	}
	close(pfd[1]);
	*err = wait_ready(pfd[0], 1);
	close(pfd[0]);
	if (*err) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		return -1;
	}
	return pid;
}

static void stop(pid_t pid)
{
	if (pid <= 0)
		return;
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

static int client_fail(struct client_result *r, const char *where)
{
	r->err = errno ? errno : EIO;
	snprintf(r->where, sizeof(r->where), "%s", where);
	return 1;
}

/* One request and its reply. */
static int round_trip(const struct transport *t, int fd, size_t size,
		      struct client_result *r)
{
	ssize_t n;

	if (t->cl_send(fd, iobuf, size) != (ssize_t)size)
		return client_fail(r, "send");
	n = t->cl_recv(fd, iobuf, sizeof(iobuf));
	if (n != (ssize_t)size) {
		if (n >= 0)
			errno = EMSGSIZE;
		return client_fail(r, "recv");
	}
	return 0;
}

static int client_body(const struct transport *t, unsigned int idx,
		       size_t size, unsigned int window, int ready, int go)
{
	struct client_result *r = &shm->res[idx];
	uint32_t *s = samples + (size_t)idx * MAX_SAMPLES;
	int64_t prev, now, deadline;
	unsigned int i, inflight = 0;
	unsigned char c;
	int fd;

	memset(iobuf, 'r', size);
	fd = t->cl_open();
	if (fd < 0) {
		report(ready, errno);
		return client_fail(r, "open");
	}
	set_timeouts(fd, true);
	for (i = 0; i < opt_warmup; i++) {
		if (round_trip(t, fd, size, r)) {
			report(ready, r->err);
			return 1;
		}
	}
	report(ready, 0);
	if (read(go, &c, 1) != 1)
		return client_fail(r, "go");
	deadline = shm->deadline;

	if (!window) {
		prev = now_ns();
		do {
			if (round_trip(t, fd, size, r))
				return 1;
			now = now_ns();
			if (now > deadline)
				break;
			if (r->nsamples < MAX_SAMPLES)
				s[r->nsamples++] = now - prev;
			r->replies++;
			prev = now;
		} while (1);
		return 0;
	}

	/* Pipelined: keep window requests in flight until the deadline. */
	now = now_ns();
	for (;;) {
		ssize_t n;

		while (inflight < window && now <= deadline) {
			if (t->cl_send(fd, iobuf, size) != (ssize_t)size)
				return client_fail(r, "send");
			inflight++;
		}
		if (!inflight)
			break;
		n = t->cl_recv(fd, iobuf, sizeof(iobuf));
		if (n != (ssize_t)size) {
			if (n >= 0)
				errno = EMSGSIZE;
			return client_fail(r, "recv");
		}
		inflight--;
		if (now <= deadline)
			r->replies++;
		/* Reading the clock costs a syscall on some guests. */
		if (!(r->replies & 15) || now > deadline)
			now = now_ns();
	}
	return 0;
}

/*
 * One figure, measured in --rounds parts interleaved with the other
 * transports' (so that a drift of the machine's speed hits all alike):
 * the samples and replies of every round pooled.
 */
struct figure {
	bool done;
	int err;
	char why[64];
	uint32_t *samples;	/* round-trip times, ns */
	size_t nsamples;
	uint64_t replies;
	double secs;
	double median_us, p99_us, rps;
};

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

static void fail_figure(struct figure *f, int err, const char *what)
{
	f->err = err;
	snprintf(f->why, sizeof(f->why), "%s: %s", what, strerror(err));
}

/* Pool the round-trip samples of client slot i into f. */
static void add_samples(struct figure *f, unsigned int i)
{
	size_t n = shm->res[i].nsamples;
	uint32_t *all;

	if (!n || f->err)
		return;
	all = realloc(f->samples, (f->nsamples + n) * sizeof(*all));
	if (!all) {
		fail_figure(f, ENOMEM, "samples");
		return;
	}
	f->samples = all;
	memcpy(all + f->nsamples, samples + (size_t)i * MAX_SAMPLES,
	       n * sizeof(*all));
	f->nsamples += n;
}

/*
 * One round of a figure: a server, nclients clients, window 0 = round
 * trip; for ms milliseconds.
 */
static void measure(const struct transport *t, size_t size,
		    unsigned int nclients, unsigned int window,
		    unsigned int ms, struct figure *f)
{
	pid_t server, pids[MAX_CLIENTS];
	int ready[2], go[2], err = 0;
	unsigned int i, n = 0;
	size_t total = 0;

	if (f->err)
		return;
	f->done = true;
	memset(shm->res, 0, sizeof(shm->res));
	shm->srv_err = 0;
	server = start_server(t, 0, SERVER_TAG, &err);
	if (server < 0) {
		fail_figure(f, err, "server");
		return;
	}
	if (pipe(ready) || pipe(go)) {
		fail_figure(f, errno, "pipe");
		stop(server);
		return;
	}
	for (; n < nclients; n++) {
		pids[n] = fork();
		if (pids[n] < 0)
			break;
		if (!pids[n]) {
			close(ready[0]);
			close(go[1]);
			_exit(client_body(t, n, size, window, ready[1], go[0]));
		}
	}
	close(ready[1]);
	close(go[0]);
	err = n < nclients ? errno : wait_ready(ready[0], n);
	if (!err) {
		shm->t0 = now_ns();
		shm->deadline = shm->t0 + (int64_t)ms * 1000000;
	}
	/* On error the clients see EOF on go and stop. */
	for (i = 0; !err && i < n; i++)
		if (write(go[1], "g", 1) != 1)
			err = errno;
	close(go[1]);
	close(ready[0]);
	for (i = 0; i < n; i++)
		waitpid(pids[i], NULL, 0);
	stop(server);

	/* The first failure, not the others' "go" that it caused. */
	for (i = 0; i < n; i++) {
		struct client_result *r = &shm->res[i];

		if (r->err && (!f->err || strstr(f->why, " go:"))) {
			f->err = r->err;
			snprintf(f->why, sizeof(f->why), "client %s: %s",
				 r->where, strerror(r->err));
		}
		f->replies += r->replies;
		total += r->nsamples;
	}
	if (err && !f->err)
		fail_figure(f, err, "setup");
	/* A client's timeout is the consequence of the server's failure. */
	if (shm->srv_err) {
		f->err = shm->srv_err;
		snprintf(f->why, sizeof(f->why), "server %s: %s",
			 shm->srv_where, strerror(shm->srv_err));
	}
	if (f->err)
		return;
	f->secs += ms / 1000.0;
	if (window || !total)
		return;
	for (i = 0; i < n; i++)
		add_samples(f, i);
}

static void finish_figure(struct figure *f)
{
	if (f->err || !f->done)
		return;
	if (f->secs > 0)
		f->rps = f->replies / f->secs;
	if (f->nsamples) {
		qsort(f->samples, f->nsamples, sizeof(*f->samples), cmp_u32);
		f->median_us = f->samples[f->nsamples / 2] / 1000.0;
		f->p99_us = f->samples[f->nsamples * 99 / 100] / 1000.0;
	}
	free(f->samples);
	f->samples = NULL;
}

/* ------------------------------------------------------------------ */
/* Failover */

static int failover_client(int ready)
{
	const struct transport *t = &transports[T_FTALIAS];
	struct client_result *r = &shm->res[0];
	int fd;

	memset(iobuf, 'f', 64);
	fd = t->cl_open();
	if (fd < 0) {
		report(ready, errno);
		return client_fail(r, "open");
	}
	set_timeouts(fd, true);
	report(ready, 0);
	for (;;) {
		ssize_t n;

		if (t->cl_send(fd, iobuf, 64) != 64)
			return client_fail(r, "send");
		n = t->cl_recv(fd, iobuf, sizeof(iobuf));
		if (n != 64) {
			if (n >= 0)
				errno = EMSGSIZE;
			return client_fail(r, "recv");
		}
		if (fta_last_flags & FTALIAS_F_REDELIVERED)
			shm->redelivered++;
		if (iobuf[0] == BACKUP_TAG) {
			shm->first_backup_ns = now_ns();
			return 0;
		}
		shm->primary_replies++;
	}
}

/*
 * One trial: returns the failover time in ns, or -1 with *why set;
 * *reaped: from the kill to waitpid() of the primary, which returns after
 * its files (the member socket) are released.  The
 * primary has the higher priority, so it is active whatever the order of
 * the joins.
 */
static int64_t failover_trial(int64_t *reaped, char *why, size_t whylen)
{
	const struct transport *t = &transports[T_FTALIAS];
	pid_t primary, backup = -1, client = -1;
	int64_t t_kill, ret = -1, until;
	int ready[2], err = 0;

	memset(shm->res, 0, sizeof(shm->res));
	shm->primary_replies = 0;
	shm->first_backup_ns = 0;
	primary = start_server(t, 2, PRIMARY_TAG, &err);
	if (primary < 0) {
		snprintf(why, whylen, "primary: %s", strerror(err));
		return -1;
	}
	backup = start_server(t, 1, BACKUP_TAG, &err);
	if (backup < 0) {
		snprintf(why, whylen, "backup: %s", strerror(err));
		goto out;
	}
	if (pipe(ready)) {
		snprintf(why, whylen, "pipe: %s", strerror(errno));
		goto out;
	}
	client = fork();
	if (!client) {
		close(ready[0]);
		_exit(failover_client(ready[1]));
	}
	close(ready[1]);
	err = client < 0 ? errno : wait_ready(ready[0], 1);
	close(ready[0]);
	if (err) {
		snprintf(why, whylen, "client: %s", strerror(err));
		goto out;
	}
	/* Let the client run a little, in the loop, before the kill. */
	until = now_ns() + 5000000000LL;
	while (shm->primary_replies < 100 && !shm->res[0].err &&
	       !shm->first_backup_ns && now_ns() < until)
		usleep(1000);
	if (shm->primary_replies < 100 || shm->first_backup_ns) {
		snprintf(why, whylen, "client: %s",
			 shm->res[0].err ? strerror(shm->res[0].err) :
			 shm->first_backup_ns ? "backup answered first" :
			 "no replies from the primary");
		goto out;
	}
	t_kill = now_ns();
	kill(primary, SIGKILL);
	waitpid(primary, NULL, 0);
	*reaped = now_ns() - t_kill;
	primary = -1;
	waitpid(client, NULL, 0);
	client = -1;
	if (shm->res[0].err)
		snprintf(why, whylen, "client %s: %s", shm->res[0].where,
			 strerror(shm->res[0].err));
	else
		ret = shm->first_backup_ns - t_kill;
out:
	stop(client);
	stop(primary);
	stop(backup);
	return ret;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

static void failover(void)
{
	int64_t times[MAX_TRIALS], reaped[MAX_TRIALS];
	unsigned int i, n = 0;
	char why[96] = "";

	printf("\nFailover (ftalias): primary and backup member, one client in a 64 B request loop,\n"
	       "kill -9 of the primary; time from the kill to the first reply from the backup\n");
	shm->redelivered = 0;
	for (i = 0; i < opt_trials; i++) {
		int64_t d = failover_trial(&reaped[n], why, sizeof(why));

		if (d < 0) {
			printf("  trial %u: failed: %s\n", i + 1, why);
			continue;
		}
		times[n++] = d;
	}
	if (!n)
		return;
	qsort(times, n, sizeof(times[0]), cmp_i64);
	qsort(reaped, n, sizeof(reaped[0]), cmp_i64);
	printf("  %u trials: median %.0f us, min %.0f us, max %.0f us (target <= 1000 us: %s)\n",
	       n, times[n / 2] / 1000.0, times[0] / 1000.0,
	       times[n - 1] / 1000.0,
	       times[n / 2] <= 1000000 ? "met" : "MISSED");
	printf("  kill to waitpid() of the primary: median %.0f us, min %.0f us, max %.0f us\n",
	       reaped[n / 2] / 1000.0, reaped[0] / 1000.0,
	       reaped[n - 1] / 1000.0);
	printf("  replies flagged FTALIAS_F_REDELIVERED: %u\n", shm->redelivered);
}

/* ------------------------------------------------------------------ */
/* Setup */

/* The alias, over generic netlink (dp_util.h, shared with the tests). */
static struct dp_nl *nl;

static const char *setup_ftalias(void)
{
	int fd, err;

	ftalias_af = dp_af();
	if (ftalias_af < 0)
		return "module not loaded";
	fd = socket(ftalias_af, SOCK_RDM, 0);
	if (fd < 0)
		return "socket(AF_FTALIAS, SOCK_RDM) failed";
	close(fd);
	if (opt_alias) {
		alias_id = opt_alias;
		return NULL;
	}
	snprintf(alias_name, sizeof(alias_name), "bench-%d", (int)getpid());
	nl = dp_nl_open();
	if (!nl)
		return "no ftalias generic netlink family";
	err = dp_alias_new(nl, alias_name, -1, -1);
	if (err < 0) {
		fprintf(stderr, "ftalias_bench: alias-new %s: %s\n", alias_name,
			strerror(-err));
		return "cannot create an alias";
	}
	alias_id = err;
	alias_created = true;
	return NULL;
}

static void cleanup_ftalias(void)
{
	int err;

	if (!alias_created)
		return;
	err = dp_alias_del(nl, alias_id);
	if (err)
		fprintf(stderr, "ftalias_bench: alias-del %s: %s\n", alias_name,
			strerror(err < 0 ? -err : err));
	dp_nl_close(nl);
}

static const char *setup_tipc(void)
{
	int fd = socket(AF_TIPC, SOCK_RDM, 0);

	if (fd < 0 && errno == EAFNOSUPPORT) {
		if (system("modprobe tipc 2>/dev/null")) {
			/* socket() below says why */
		}
		fd = socket(AF_TIPC, SOCK_RDM, 0);
	}
	if (fd < 0)
		return "no AF_TIPC (modprobe tipc)";
	close(fd);
	return NULL;
}

/*
 * AF_UNIX datagram and seqpacket sockets take their queue length limit
 * from net.unix.max_dgram_qlen (default 10) when created.  A pipelined
 * client blocked on a full server queue while the server is blocked on
 * the client's full queue would deadlock: make room for every request and
 * reply in flight.  It changes when senders block, not what a message
 * costs.
 */
static unsigned int unix_qlen_needed(void)
{
	unsigned int i, most = 1;

	for (i = 0; i < opt_nclients; i++)
		if (opt_clients[i] > most)
			most = opt_clients[i];
	return 2 * most * opt_window + 16;
}

static void setup_unix(void)
{
	unsigned int need = unix_qlen_needed(), cur = 0;
	FILE *f = fopen("/proc/sys/net/unix/max_dgram_qlen", "r+");

	if (!f)
		return;
	if (fscanf(f, "%u", &cur) == 1 && cur < need) {
		rewind(f);
		fprintf(f, "%u\n", need);
	}
	fclose(f);
}

static bool unix_dgram_qlen_ok(void)
{
	FILE *f = fopen("/proc/sys/net/unix/max_dgram_qlen", "r");
	unsigned int cur = 0;

	if (f) {
		if (fscanf(f, "%u", &cur) != 1)
			cur = 0;
		fclose(f);
	}
	return cur >= unix_qlen_needed();
}

static int parse_list(const char *s, unsigned int *v, unsigned int max,
		      unsigned int lo, unsigned int hi)
{
	unsigned int n = 0;
	char *end;

	for (;;) {
		unsigned long x = strtoul(s, &end, 0);

		if (end == s || x < lo || x > hi || n == max)
			return -1;
		v[n++] = x;
		if (!*end)
			return n;
		if (*end != ',')
			return -1;
		s = end + 1;
	}
}

static int select_transports(const char *list)
{
	char *dup = strdup(list), *tok, *save = NULL;
	int i, ok = 0;

	for (tok = strtok_r(dup, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		bool hit = false;

		for (i = 0; i < NR_T; i++) {
			/* "unix" selects both AF_UNIX types. */
			if (!strcmp(tok, transports[i].name) ||
			    (!strcmp(tok, "unix") && !strncmp(transports[i].name, "unix-", 5))) {
				transports[i].selected = true;
				hit = true;
			}
		}
		if (!hit) {
			fprintf(stderr, "ftalias_bench: unknown transport '%s'\n", tok);
			ok = -1;
		}
	}
	free(dup);
	return ok;
}

static void usage(FILE *f)
{
	fprintf(f,
"Usage: ftalias_bench [OPTIONS]\n"
"  -o, --only LIST       transports: ftalias,unix-seqpacket,unix-dgram,udp,tipc\n"
"                        (unix = both AF_UNIX types; default all)\n"
"  -d, --duration MS     measuring time of each figure (default %u)\n"
"  -r, --rounds N        parts of a figure, interleaved with the other\n"
"                        transports' (default %u)\n"
"  -s, --sizes LIST      message sizes in bytes (default 64,4096)\n"
"  -c, --clients LIST    numbers of client processes (default 1,4)\n"
"  -w, --window N        requests in flight per client, pipelined (default %u)\n"
"  -P, --no-pipeline     round trips only\n"
"  -W, --warmup N        round trips per client before measuring (default %u)\n"
"  -f, --failover N      failover trials, 0 for none (default %u)\n"
"  -a, --alias ID        use this alias instead of creating one\n"
"  -C, --cpu N           run every process on CPU N: no cross-CPU wake-ups,\n"
"                        the cost of the code path only\n"
"  -h, --help\n",
		opt_duration_ms, opt_rounds, opt_window, opt_warmup, opt_trials);
}

/* ------------------------------------------------------------------ */
/* Report */

#define NSZ 8
#define NCL 8
static struct figure rtt[NR_T][NSZ][NCL], pipe_fig[NR_T][NSZ][NCL];

static void print_figure(const char *mode, unsigned int size, unsigned int ncl,
			 const struct transport *t, const struct figure *f,
			 bool latency)
{
	printf("%-10s %6u %7u  %-15s ", mode, size, ncl, t->name);
	if (t->skip)
		printf(" skipped: %s\n", t->skip);
	else if (f->err)
		printf(" failed: %s\n", f->why);
	else if (latency)
		printf("%9.1f %9.1f %10.0f\n", f->median_us, f->p99_us, f->rps);
	else
		printf("%9s %9s %10.0f\n", "-", "-", f->rps);
}

/*
 * The figures of one size and number of clients: round trips, then
 * pipelined, each in --rounds rounds over the transports, the order
 * rotated each round.
 */
static void measure_group(unsigned int si, unsigned int ci)
{
	unsigned int size = opt_sizes[si], ncl = opt_clients[ci];
	unsigned int ms = opt_duration_ms / opt_rounds, r, i, ti, mode;

	for (mode = 0; mode < 2; mode++) {
		unsigned int window = mode ? opt_window : 0;

		if (mode && opt_no_pipeline)
			break;
		for (r = 0; r < opt_rounds; r++) {
			for (i = 0; i < NR_T; i++) {
				const struct transport *t;

				ti = (i + r) % NR_T;
				t = &transports[ti];
				if (t->selected && !t->skip)
					measure(t, size, ncl, window, ms,
						mode ? &pipe_fig[ti][si][ci] :
						&rtt[ti][si][ci]);
			}
		}
		for (ti = 0; ti < NR_T; ti++) {
			struct figure *f = mode ? &pipe_fig[ti][si][ci] :
					   &rtt[ti][si][ci];

			if (!transports[ti].selected)
				continue;
			finish_figure(f);
			print_figure(mode ? "pipelined" : "round-trip", size,
				     ncl, &transports[ti], f, !mode);
		}
	}
}

static bool usable(int ti, const struct figure *f)
{
	return transports[ti].selected && !transports[ti].skip && f->done &&
	       !f->err;
}

/*
 * A ratio ftalias / peer as a table cell, with its target: lower is
 * better for round trips (max), higher for throughput.  target 0: none.
 */
static const char *ratio_cell(char *buf, size_t len, bool ok, double fta,
			      double other, double target, bool max)
{
	double r = fta / other;

	if (!ok)
		snprintf(buf, len, "-");
	else if (target <= 0)
		snprintf(buf, len, "%.2f", r);
	else
		snprintf(buf, len, "%.2f %s%.2f %s", r, max ? "<=" : ">=",
			 target, (max ? r <= target : r >= target) ? "met" : "MISSED");
	return buf;
}

static void print_ratios(unsigned int si, unsigned int ci)
{
	unsigned int size = opt_sizes[si], ncl = opt_clients[ci];
	const struct figure *fr = &rtt[T_FTALIAS][si][ci];
	const struct figure *fp = &pipe_fig[T_FTALIAS][si][ci];
	char c1[32], c2[32], c3[32];
	int p;

	for (p = T_UNIX_SEQPACKET; p < NR_T; p++) {
		const struct figure *r = &rtt[p][si][ci], *q = &pipe_fig[p][si][ci];
		bool is_unix = p == T_UNIX_SEQPACKET || p == T_UNIX_DGRAM;
		bool rok = usable(T_FTALIAS, fr) && usable(p, r);
		bool pok = usable(T_FTALIAS, fp) && usable(p, q);
		double target = 0;

		if (!rok && !pok)
			continue;
		if (is_unix)
			target = 1.10;
		else if (p == T_TIPC && size == 64)
			target = 1.0;
		else if (p == T_TIPC && size == 4096)
			target = 0.75;
		printf("%6u %7u  %-15s %-20s %-20s %s\n", size, ncl,
		       transports[p].name,
		       ratio_cell(c1, sizeof(c1), rok, fr->median_us,
				  r->median_us, target, true),
		       ratio_cell(c2, sizeof(c2), rok, fr->rps, r->rps,
				  is_unix ? 0.9 : 0, false),
		       ratio_cell(c3, sizeof(c3), pok, fp->rps, q->rps,
				  is_unix ? 0.9 : 0, false));
	}
}

int main(int argc, char **argv)
{
	static const struct option lopts[] = {
		{ "only", required_argument, NULL, 'o' },
		{ "duration", required_argument, NULL, 'd' },
		{ "rounds", required_argument, NULL, 'r' },
		{ "sizes", required_argument, NULL, 's' },
		{ "clients", required_argument, NULL, 'c' },
		{ "window", required_argument, NULL, 'w' },
		{ "no-pipeline", no_argument, NULL, 'P' },
		{ "warmup", required_argument, NULL, 'W' },
		{ "failover", required_argument, NULL, 'f' },
		{ "alias", required_argument, NULL, 'a' },
		{ "cpu", required_argument, NULL, 'C' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	const char *only = "ftalias,unix,udp,tipc", *cs;
	unsigned int si, ci;
	char date[64], cs_buf[64] = "?";
	struct utsname u;
	time_t now;
	FILE *f;
	int c, n;

	while ((c = getopt_long(argc, argv, "o:d:r:s:c:w:PW:f:a:C:h", lopts, NULL)) != -1) {
		unsigned int v;

		switch (c) {
		case 'o':
			only = optarg;
			break;
		case 'd':
			if (parse_list(optarg, &opt_duration_ms, 1, 10, 600000) != 1)
				goto bad;
			break;
		case 'r':
			if (parse_list(optarg, &opt_rounds, 1, 1, 100) != 1)
				goto bad;
			break;
		case 's':
			n = parse_list(optarg, opt_sizes, NSZ, 1, MAX_SIZE);
			if (n < 0)
				goto bad;
			opt_nsizes = n;
			break;
		case 'c':
			n = parse_list(optarg, opt_clients, NCL, 1, MAX_CLIENTS);
			if (n < 0)
				goto bad;
			opt_nclients = n;
			break;
		case 'w':
			if (parse_list(optarg, &opt_window, 1, 1, MAX_WINDOW) != 1)
				goto bad;
			break;
		case 'P':
			opt_no_pipeline = true;
			break;
		case 'W':
			if (parse_list(optarg, &opt_warmup, 1, 0, 1000000) != 1)
				goto bad;
			break;
		case 'f':
			if (parse_list(optarg, &opt_trials, 1, 0, MAX_TRIALS) != 1)
				goto bad;
			break;
		case 'a':
			if (parse_list(optarg, &v, 1, 1, UINT32_MAX) != 1)
				goto bad;
			opt_alias = v;
			break;
		case 'C':
			if (parse_list(optarg, &v, 1, 0, CPU_SETSIZE - 1) != 1)
				goto bad;
			opt_cpu = v;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			goto bad;
		}
	}
	if (optind != argc || select_transports(only) ||
	    opt_duration_ms / opt_rounds < 10)
		goto bad;

	shm = mmap(NULL, sizeof(*shm), PROT_READ | PROT_WRITE,
		   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	samples = mmap(NULL, (size_t)MAX_CLIENTS * MAX_SAMPLES * sizeof(*samples),
		       PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (shm == MAP_FAILED || samples == MAP_FAILED) {
		perror("ftalias_bench: mmap");
		return 1;
	}
	run_id = getpid();
	if (opt_cpu >= 0) {
		cpu_set_t set;

		CPU_ZERO(&set);
		CPU_SET(opt_cpu, &set);
		if (sched_setaffinity(0, sizeof(set), &set)) {
			perror("ftalias_bench: sched_setaffinity");
			return 1;
		}
	}
	signal(SIGPIPE, SIG_IGN);
	setvbuf(stdout, NULL, _IOLBF, 0);

	if (transports[T_FTALIAS].selected)
		transports[T_FTALIAS].skip = setup_ftalias();
	if (transports[T_TIPC].selected)
		transports[T_TIPC].skip = setup_tipc();
	setup_unix();
	if ((transports[T_UNIX_DGRAM].selected ||
	     transports[T_UNIX_SEQPACKET].selected) && !opt_no_pipeline &&
	    !unix_dgram_qlen_ok())
		fprintf(stderr, "ftalias_bench: net.unix.max_dgram_qlen is low: "
			"pipelined AF_UNIX may deadlock (run as root)\n");

	uname(&u);
	now = time(NULL);
	strftime(date, sizeof(date), "%Y-%m-%d %H:%M UTC", gmtime(&now));
	f = fopen("/sys/devices/system/clocksource/clocksource0/current_clocksource", "r");
	if (f) {
		if (fscanf(f, "%63s", cs_buf) != 1)
			strcpy(cs_buf, "?");
		fclose(f);
	}
	cs = cs_buf;
	printf("ftalias_bench: kernel %s, %ld CPUs, clocksource %s, %s\n",
	       u.release, sysconf(_SC_NPROCESSORS_ONLN), cs, date);
	printf("%u ms per figure in %u rounds, %u warm-up round trips per client",
	       opt_duration_ms, opt_rounds, opt_warmup);
	if (opt_cpu >= 0)
		printf(", every process on CPU %d", opt_cpu);
	printf("\n");
	if (transports[T_FTALIAS].selected && !transports[T_FTALIAS].skip)
		printf("ftalias: family %d, alias %" PRIu32 "\n", ftalias_af, alias_id);

	printf("\nround trip: 1 request in flight per client; pipelined: %u per client\n"
	       "latency in microseconds, req/s of all clients together\n\n",
	       opt_window);
	printf("%-10s %6s %7s  %-15s %9s %9s %10s\n", "mode", "bytes",
	       "clients", "transport", "median", "p99", "req/s");
	for (si = 0; si < opt_nsizes; si++)
		for (ci = 0; ci < opt_nclients; ci++)
			measure_group(si, ci);

	if (transports[T_FTALIAS].selected && !transports[T_FTALIAS].skip) {
		printf("\nftalias / peer, with the targets of issue 3 (none for udp)\n\n");
		printf("%6s %7s  %-15s %-20s %-20s %s\n", "bytes", "clients",
		       "peer", "round-trip median", "round-trip req/s",
		       "pipelined req/s");
		for (si = 0; si < opt_nsizes; si++)
			for (ci = 0; ci < opt_nclients; ci++)
				print_ratios(si, ci);
		if (opt_trials)
			failover();
	}
	cleanup_ftalias();
	return 0;
bad:
	usage(stderr);
	return 2;
}
