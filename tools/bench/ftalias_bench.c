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
 *   cache        (ftalias) the replay cache: a duplicate answered from the
 *                cache against a round trip, round trips with a large and
 *                a small cache, recording against not recording, a
 *                64 KiB checkpoint every 100 requests against none
 *                (seed 004), kernel memory per entry (see "Replay cache"
 *                below)
 *   conn         (ftalias) SOCK_SEQPACKET connections through an alias: the
 *                round trip next to AF_UNIX SOCK_SEQPACKET, and the time a
 *                reconnect with the same identity takes to drop the stale
 *                connection (newest wins; see "Connections" below)
 *   save         (ftalias) alias-save and alias-restore of a cache of
 *                10,000 entries of 1 KiB: entries per second each way,
 *                the time the alias waits for the copy, bytes per entry
 *                (see "Saving an alias" below)
 *   pinned       ftalias and unix-dgram, 1 client, round trip and
 *                pipelined, every process on one CPU (see "The pinned pass")
 *   profile      (not by default) where the CPU of a pinned round trip
 *                goes, from perf record -e cpu-clock (see "Where the CPU
 *                goes")
 *
 * The run ends with the targets of issue 18, part 2, each with this run's
 * figure and met or MISSED (see targets_block()).
 *
 * ftalias: the alias is created over generic netlink (alias-new, default
 * attributes: promotion policy auto) and deleted at the end, or given with
 * --alias.  The server binds to
 * it as a member and answers with sendmsg() and FTALIAS_CMSG_REPLY_TO set
 * to the FTALIAS_CMSG_ID of the request.
 *
 * Needs root for: net.unix.max_dgram_qlen (raised so that pipelined
 * AF_UNIX SOCK_DGRAM cannot deadlock on its 10-message default queue),
 * SO_RCVBUFFORCE on the UDP sockets (UDP drops instead of blocking),
 * "modprobe tipc" and the memory cgroup of the replay-cache fill.  Run
 * "ftalias_bench -h" for the options.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <math.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
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
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/tipc.h>

#include "../../include/uapi/linux/ftalias.h"
#include "../../selftests/lib/dp_util.h"

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
static bool opt_pinned;		/* "pinned" in --only */
static bool opt_profile;	/* "profile" in --only, or --profile */
static int opt_pin_cpu = -1;	/* the pinned pass's CPU; -1: the last allowed */
static cpu_set_t base_cpus;	/* the affinity the run started with */

/* The figures of the issue-18 targets block; NAN: not measured. */
static double tgt_entry_bytes = NAN, tgt_record_pct = NAN;
static double tgt_ckpt_pct = NAN;
static double tgt_save_rate = NAN, tgt_restore_rate = NAN;
static double tgt_save_freeze_ms = NAN, tgt_save_bytes = NAN;
static double tgt_failover_us = NAN;

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
	/* Instead of client_body(): the replay-cache duplicates. */
	int (*cl_body)(unsigned int idx, int ready, int go);
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

/*
 * Called with true once the clients of a figure are ready, before the
 * measured part starts, and with false when they are done (the profile
 * turns perf on and off); false returned on true: the figure fails.
 */
static bool (*measure_hook)(bool on);

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

again:
	m.msg_controllen = sizeof(cb.buf);
	n = recvmsg(fd, &m, 0);
	if (n < 0)
		return n;
	for (c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c)) {
		if (c->cmsg_level != SOL_FTALIAS)
			continue;
		if (c->cmsg_type == FTALIAS_CMSG_ID) {
			memcpy(&p->id, CMSG_DATA(c), sizeof(p->id));
			return n;
		}
		/* The alias's checkpoint, first: a bench server has no state. */
		if (c->cmsg_type == FTALIAS_CMSG_CHECKPOINT)
			goto again;
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
	double mean_us, median_us, p99_us, rps;
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
	bool hooked = false;

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
			_exit(t->cl_body ? t->cl_body(n, ready[1], go[0]) :
			      client_body(t, n, size, window, ready[1], go[0]));
		}
	}
	close(ready[1]);
	close(go[0]);
	err = n < nclients ? errno : wait_ready(ready[0], n);
	if (!err && measure_hook) {
		hooked = measure_hook(true);
		if (!hooked)
			err = EIO;
	}
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
	if (hooked)
		measure_hook(false);
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
		uint64_t sum = 0;
		size_t i;

		for (i = 0; i < f->nsamples; i++)
			sum += f->samples[i];
		f->mean_us = sum / (double)f->nsamples / 1000.0;
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

/*
 * The failover figure of the issue-18 targets is what the module adds to
 * the victim's own death: for each trial, the kill to the backup's first
 * reply minus the kill to waitpid() of the victim; the median of those.
 */
static void failover(void)
{
	int64_t times[MAX_TRIALS], reaped[MAX_TRIALS], diff[MAX_TRIALS];
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
		diff[n] = d - reaped[n];
		times[n++] = d;
	}
	if (!n)
		return;
	qsort(times, n, sizeof(times[0]), cmp_i64);
	qsort(reaped, n, sizeof(reaped[0]), cmp_i64);
	qsort(diff, n, sizeof(diff[0]), cmp_i64);
	printf("  %u trials: median %.0f us, min %.0f us, max %.0f us\n",
	       n, times[n / 2] / 1000.0, times[0] / 1000.0,
	       times[n - 1] / 1000.0);
	printf("  kill to waitpid() of the primary: median %.0f us, min %.0f us, max %.0f us\n",
	       reaped[n / 2] / 1000.0, reaped[0] / 1000.0,
	       reaped[n - 1] / 1000.0);
	printf("  the first minus the second, per trial: median %.0f us, min %.0f us, max %.0f us\n",
	       diff[n / 2] / 1000.0, diff[0] / 1000.0, diff[n - 1] / 1000.0);
	tgt_failover_us = diff[n / 2] / 1000.0;
	printf("  replies flagged FTALIAS_F_REDELIVERED: %u\n", shm->redelivered);
}

/* ------------------------------------------------------------------ */
/*
 * Saving an alias ("save" in --only): a server alias whose member recorded
 * SV_ENTRIES replies of SV_PAYLOAD bytes to a client alias, saved and
 * restored SV_ROUNDS times each (the median of each figure):
 *
 *   save      alias-save read whole (64 KiB receive buffer): entries/s
 *   freeze    how long the alias was frozen for the copy (the header
 *             record's freeze-us): its requests held, its members'
 *             sends waiting
 *   first     from the dump request to its first message, the same for
 *             an alias with an empty cache taken off: the freeze, the
 *             allocation of the copy's room before it, and the first
 *             records
 *   restore   alias-restore of the records in 48 KiB messages (as
 *             ftaliasctl alias restore sends them), the alias deleted
 *             before each: entries/s
 *   size      bytes of the records per entry beyond its payload
 *
 * The peer: the same bytes written through an AF_UNIX SOCK_STREAM
 * socketpair in 64 KiB pieces to a reader thread, which is what moving
 * them between user space and the kernel costs at least.
 */

enum {
	SV_ENTRIES = 10000,
	SV_PAYLOAD = 1024,
	SV_ROUNDS = 3,
	SV_MSG = 48 * 1024,
	SV_WAIT_MS = 20000,
};

static bool opt_save;		/* "save" in --only */

/* The header's freeze-us of a save (its first record) in ms, or -1. */
static double sv_freeze_ms(const struct dp_saved *s)
{
	const struct nlattr *h = (const void *)s->buf, *a;
	uint32_t us;
	int rem;

	if (s->len < NLA_HDRLEN || h->nla_len > s->len ||
	    (h->nla_type & NLA_TYPE_MASK) != FTALIAS_A_SAVE_HEADER)
		return -1;
	rem = h->nla_len - NLA_HDRLEN;
	for (a = (const void *)((const char *)h + NLA_HDRLEN);
	     rem >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN && a->nla_len <= rem;
	     rem -= NLA_ALIGN(a->nla_len),
	     a = (const void *)((const char *)a + NLA_ALIGN(a->nla_len))) {
		if ((a->nla_type & NLA_TYPE_MASK) ==
		    FTALIAS_A_SAVE_HEADER_FREEZE_US &&
		    a->nla_len == NLA_HDRLEN + sizeof(us)) {
			memcpy(&us, (const char *)a + NLA_HDRLEN, sizeof(us));
			return us / 1000.0;
		}
	}
	return -1;
}

static double sv_median(double *v, int n)
{
	int i, j;
	double t;

	for (i = 1; i < n; i++)
		for (j = i; j > 0 && v[j - 1] > v[j]; j--) {
			t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Seconds to the first message of alias id's save, and to its end. */
static int sv_save(uint16_t fam, uint32_t id, struct dp_saved *s,
		   double *first, double *all)
{
	int64_t t0 = now_ns();
	struct dp_part d;
	int ret;

	memset(s, 0, sizeof(*s));
	ret = dp_part_open(&d, fam);
	t0 = now_ns();
	if (!ret)
		ret = dp_part_start(&d, FTALIAS_CMD_ALIAS_SAVE,
				    FTALIAS_A_SAVE_ALIAS_ID, id);
	if (!ret)
		ret = dp_part_next(&d, dp_saved_add, s);
	*first = (now_ns() - t0) / 1e9;
	if (ret >= 0)
		ret = dp_part_rest(&d, dp_saved_add, s);
	*all = (now_ns() - t0) / 1e9;
	dp_part_close(&d);
	return ret < 0 ? ret : 0;
}

struct sv_peer {
	int fd;
	size_t len;
};

static void *sv_peer_reader(void *arg)
{
	struct sv_peer *p = arg;
	static char buf[1 << 16];
	size_t got = 0;
	ssize_t n;

	while (got < p->len) {
		n = read(p->fd, buf, sizeof(buf));
		if (n <= 0)
			break;
		got += n;
	}
	return NULL;
}

/* Seconds to write @len bytes of @buf through an AF_UNIX stream. */
static double sv_peer(const uint8_t *buf, size_t len)
{
	struct sv_peer p = { .len = len };
	int sv[2], err = 0;
	size_t off = 0, n;
	pthread_t th;
	int64_t t0;

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv))
		return NAN;
	p.fd = sv[1];
	t0 = now_ns();
	if (pthread_create(&th, NULL, sv_peer_reader, &p)) {
		close(sv[0]);
		close(sv[1]);
		return NAN;
	}
	while (off < len && !err) {
		n = len - off < 65536 ? len - off : 65536;
		if (write(sv[0], buf + off, n) != (ssize_t)n)
			err = 1;
		off += n;
	}
	close(sv[0]);
	pthread_join(th, NULL);
	close(sv[1]);
	return err ? NAN : (now_ns() - t0) / 1e9;
}

/* The server's cache: SV_ENTRIES replies recorded for the client alias. */
static int sv_fill(uint32_t srv_alias, uint32_t cli_alias, int *srv, int *cli)
{
	static uint8_t buf[SV_PAYLOAD], in[SV_PAYLOAD + 64];
	struct ftalias_id id;
	struct dp_msg m;
	int i;

	*srv = dp_socket(ftalias_af, srv_alias, -1, 0);
	*cli = dp_socket(ftalias_af, cli_alias, -1, 0);
	if (*srv < 0 || *cli < 0)
		return -errno;
	memset(buf, 'x', sizeof(buf));
	for (i = 0; i < SV_ENTRIES; i++) {
		if (dp_send_req(*cli, ftalias_af, srv_alias, "q", 1, &id, 0) ||
		    dp_recv_wait(*srv, in, sizeof(in), &m, SV_WAIT_MS) != 1 ||
		    dp_reply_record(*srv, &m.id, buf, sizeof(buf)) ||
		    dp_recv_wait(*cli, in, sizeof(in), &m, SV_WAIT_MS) !=
		    SV_PAYLOAD)
			return -EIO;
	}
	return 0;
}

static void save_section(void)
{
	double t_save[SV_ROUNDS], t_first[SV_ROUNDS], t_empty[SV_ROUNDS];
	double t_rst[SV_ROUNDS], t_peer[SV_ROUNDS], t_freeze[SV_ROUNDS], x;
	uint32_t srv_alias = 0, cli_alias = 0, empty = 0;
	struct dp_saved s = { 0 }, e = { 0 };
	int srv = -1, cli = -1, i, err;
	struct dp_nl *nl;
	char name[3][40];
	struct dp_rst r;
	double save_s, first_s, rst_s, peer_s;

	printf("\nsaving an alias: %u entries of %u B recorded for a client alias, "
	       "median of %u\n\n", SV_ENTRIES, SV_PAYLOAD, SV_ROUNDS);
	if (ftalias_af < 0)
		ftalias_af = dp_af();
	nl = ftalias_af < 0 ? NULL : dp_nl_open();
	if (!nl) {
		printf("  - (module not loaded)\n");
		return;
	}
	for (i = 0; i < 3; i++)
		snprintf(name[i], sizeof(name[i]), "bench-sv%d-%d", i,
			 (int)getpid());
	err = dp_alias_new(nl, name[0], -1, 3000);
	srv_alias = err > 0 ? err : 0;
	err = dp_alias_new(nl, name[1], -1, 3000);
	cli_alias = err > 0 ? err : 0;
	err = dp_alias_new(nl, name[2], -1, 3000);
	empty = err > 0 ? err : 0;
	if (!srv_alias || !cli_alias || !empty) {
		printf("  - (alias-new failed)\n");
		goto out;
	}
	err = sv_fill(srv_alias, cli_alias, &srv, &cli);
	if (err) {
		printf("  - (filling the cache: %s)\n", strerror(-err));
		goto out;
	}
	close(srv);
	srv = -1;
	for (i = 0; i < SV_ROUNDS; i++) {
		free(e.buf);
		err = sv_save(nl->fam, empty, &e, &t_empty[i], &x);
		free(s.buf);
		if (!err)
			err = sv_save(nl->fam, srv_alias, &s, &t_first[i],
				      &t_save[i]);
		if (err) {
			printf("  - (alias-save: %s)\n", strerror(-err));
			goto out;
		}
		t_freeze[i] = sv_freeze_ms(&s);
		t_peer[i] = sv_peer(s.buf, s.len);
	}
	for (i = 0; i < SV_ROUNDS; i++) {
		int64_t t0;

		err = dp_alias_del(nl, srv_alias);
		if (!err)
			err = dp_rst_open(&r, nl->fam);
		if (err) {
			printf("  - (alias-del: %s)\n", strerror(-err));
			goto out;
		}
		t0 = now_ns();
		err = dp_restore(&r, &s, NULL, 0, SV_MSG);
		t_rst[i] = (now_ns() - t0) / 1e9;
		close(r.fd);
		if (err) {
			printf("  - (alias-restore: %s: %s)\n", strerror(-err),
			       r.extack);
			goto out;
		}
	}
	save_s = sv_median(t_save, SV_ROUNDS);
	first_s = sv_median(t_first, SV_ROUNDS) - sv_median(t_empty, SV_ROUNDS);
	rst_s = sv_median(t_rst, SV_ROUNDS);
	peer_s = sv_median(t_peer, SV_ROUNDS);
	tgt_save_rate = SV_ENTRIES / save_s;
	tgt_restore_rate = SV_ENTRIES / rst_s;
	tgt_save_freeze_ms = sv_median(t_freeze, SV_ROUNDS);
	tgt_save_bytes = (double)s.len / SV_ENTRIES - SV_PAYLOAD;
	printf("%-34s %12.0f entries/s  %8.1f MB/s\n", "save (the whole dump)",
	       tgt_save_rate, s.len / save_s / 1e6);
	printf("%-34s %12.0f entries/s  %8.1f MB/s\n", "restore (48 KiB messages)",
	       tgt_restore_rate, s.len / rst_s / 1e6);
	printf("%-34s %12.2f ms\n", "freeze for the copy", tgt_save_freeze_ms);
	printf("%-34s %12.2f ms\n", "dump request to its first message",
	       first_s > 0 ? first_s * 1000 : 0);
	printf("%-34s %12.1f B beyond the %u B payload (%zu B in all)\n",
	       "records per entry", tgt_save_bytes, SV_PAYLOAD, s.len);
	printf("%-34s %12.1f MB/s: save %.2fx, restore %.2fx its time\n",
	       "peer: the bytes through AF_UNIX", s.len / peer_s / 1e6,
	       save_s / peer_s, rst_s / peer_s);
out:
	if (srv >= 0)
		close(srv);
	if (cli >= 0)
		close(cli);
	for (i = 0; i < 3; i++) {
		uint32_t id = i == 0 ? srv_alias : i == 1 ? cli_alias : empty;

		if (id)
			dp_alias_del(nl, id);
	}
	free(s.buf);
	free(e.buf);
	dp_nl_close(nl);
}

/* ------------------------------------------------------------------ */
/*
 * Replay cache (issue "Stable area").  The client is a member of a client
 * alias: it may re-send its IDs (FTALIAS_CMSG_ID), so the server alias
 * keeps the entries of its requests (a plain socket's go with their
 * replies); it never acknowledges (FTALIAS_ACK), so they stay until
 * evicted.  Three server aliases, each with its own cache:
 *
 *   none    never recorded: the round trip without deduplication
 *   small   RC_SMALL entries, cache-max-entries RC_SMALL
 *   large   --cache-entries entries, cache-max-entries as many
 *
 * Both caches are filled, then stay full: each recorded reply evicts the
 * least recently recorded entry, so both do the same work per request
 * and only the size of the table differs.  The TTL is the longest there
 * is.  The memory figure is taken around the fill of the large cache:
 * /proc/meminfo Slab + VmallocUsed of the guest before and after, and the
 * memory.stat "slab" of a child memory cgroup (v2) the filling server
 * runs in, which sees the accounted allocations only (the entry and its
 * payload, not the rhashtable buckets).
 */

enum {
	RC_SMALL = 1000,
	RC_PAYLOAD = 64,	/* request and reply bytes */
	RC_FILL_WINDOW = 256,	/* requests in flight while filling */
	RC_SETTLE_MS = 3000,	/* for the old bucket tables to be freed */
};

enum { RC_NONE, RC_SMALL_C, RC_LARGE_C, RC_CLIENT, RC_CKPT, RC_NR_ALIAS };

static unsigned int opt_cache_entries = 1000000;
static bool opt_cache;		/* "cache" in --only */

static struct dp_nl *rc_nl;
static uint32_t rc_alias[RC_NR_ALIAS];
static uint32_t rc_dst;		/* the server alias of the figure measured */
static char rc_cg_procs[320];	/* cgroup.procs the fill server joins, or "" */

static int write_str(const char *path, const char *str)
{
	ssize_t len = strlen(str);
	int fd = open(path, O_WRONLY | O_CLOEXEC), err = 0;

	if (fd < 0)
		return -errno;
	if (write(fd, str, len) != len)
		err = errno ? -errno : -EIO;
	close(fd);
	return err;
}

static int rc_srv_open(int prio)
{
	return fta_join(rc_dst, prio);
}

/*
 * The fill server joins the memory cgroup before it allocates anything;
 * its receive buffer takes the whole window (a client waiting for room
 * would wait for the server's wake-ups).
 */
static int rc_fill_srv_open(int prio)
{
	int err, fd, sz = 8 << 20;

	if (rc_cg_procs[0]) {
		err = write_str(rc_cg_procs, "0");
		if (err) {
			errno = -err;
			return -1;
		}
	}
	fd = rc_srv_open(prio);
	if (fd >= 0 &&
	    setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &sz, sizeof(sz)))
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &sz, sizeof(sz));
	return fd;
}

static ssize_t rc_srv_send_record(int fd, const void *buf, size_t len,
				  const struct peer *p)
{
	return fta_reply(fd, buf, len, p, true);
}

/*
 * A server that commits a checkpoint of CKPT_BYTES after every CKPT_EVERY
 * replies (seed 004's cost), in chunks of FTALIAS_MSG_MAX.
 */
enum { CKPT_BYTES = 64 << 10, CKPT_EVERY = 100 };

static ssize_t rc_srv_send_ckpt(int fd, const void *buf, size_t len,
				const struct peer *p)
{
	static char state[CKPT_BYTES];
	static unsigned int n;
	ssize_t ret = fta_reply(fd, buf, len, p, false);

	if (ret >= 0 && ++n % CKPT_EVERY == 0) {
		state[n % CKPT_BYTES]++;
		if (dp_checkpoint(fd, state, sizeof(state), FTALIAS_MSG_MAX)) {
			perror("checkpoint");
			return -1;
		}
	}
	return ret;
}

static int rc_cl_open(void)
{
	int fd = fta_join(rc_alias[RC_CLIENT], 0);

	if (fd >= 0)
		window_bufs(fd);
	return fd;
}

static ssize_t rc_cl_send(int fd, const void *buf, size_t len)
{
	return fta_send_to(fd, rc_dst, buf, len);
}

/* The re-send of request id (FTALIAS_CMSG_ID), to rc_dst. */
static ssize_t rc_resend(int fd, const struct ftalias_id *id, const void *buf,
			 size_t len)
{
	struct sockaddr_ftalias a = {
		.sfa_family = ftalias_af,
		.sfa_type = FTALIAS_ADDR_ALIAS,
		.sfa_alias = rc_dst,
	};
	union {
		char buf[CMSG_SPACE(sizeof(*id))];
		struct cmsghdr align;
	} cb;
	struct iovec iov = { (void *)buf, len };
	struct msghdr m = {
		.msg_name = &a, .msg_namelen = sizeof(a),
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = cb.buf, .msg_controllen = sizeof(cb.buf),
	};
	struct cmsghdr *c;

	memset(&cb, 0, sizeof(cb));
	c = CMSG_FIRSTHDR(&m);
	c->cmsg_level = SOL_FTALIAS;
	c->cmsg_type = FTALIAS_CMSG_ID;
	c->cmsg_len = CMSG_LEN(sizeof(*id));
	memcpy(CMSG_DATA(c), id, sizeof(*id));
	return sendmsg(fd, &m, 0);
}

static int rc_dup_body(unsigned int idx, int ready, int go);

static struct transport rc_plain_t = {
	.name = "ftalias, no recording",
	.srv_open = rc_srv_open, .srv_recv = fta_srv_recv,
	.srv_send = fta_srv_send,
	.cl_open = rc_cl_open, .cl_send = rc_cl_send, .cl_recv = fta_cl_recv,
};

static struct transport rc_record_t = {
	.name = "ftalias, recording",
	.srv_open = rc_srv_open, .srv_recv = fta_srv_recv,
	.srv_send = rc_srv_send_record,
	.cl_open = rc_cl_open, .cl_send = rc_cl_send, .cl_recv = fta_cl_recv,
};

static struct transport rc_ckpt_t = {
	.name = "ftalias, checkpoints",
	.srv_open = rc_srv_open, .srv_recv = fta_srv_recv,
	.srv_send = rc_srv_send_ckpt,
	.cl_open = rc_cl_open, .cl_send = rc_cl_send, .cl_recv = fta_cl_recv,
};

static struct transport rc_dup_t = {
	.name = "ftalias, duplicates",
	.srv_open = rc_srv_open, .srv_recv = fta_srv_recv,
	.srv_send = rc_srv_send_record,
	.cl_open = rc_cl_open, .cl_send = rc_cl_send, .cl_recv = fta_cl_recv,
	.cl_body = rc_dup_body,
};

static struct transport rc_fill_t = {
	.name = "ftalias, fill",
	.srv_open = rc_fill_srv_open, .srv_recv = fta_srv_recv,
	.srv_send = rc_srv_send_record,
	.cl_open = rc_cl_open, .cl_send = rc_cl_send, .cl_recv = fta_cl_recv,
};

/*
 * A recorded round trip, then the re-send of its ID, which the kernel
 * answers from the cache: *rt and *dup get the two times.
 */
static int rc_dup_iter(int fd, struct client_result *r, int64_t *rt,
		       int64_t *dup)
{
	const struct transport *t = &rc_dup_t;
	struct ftalias_id id;
	int64_t t0, t1;
	ssize_t n;

	t0 = now_ns();
	if (round_trip(t, fd, RC_PAYLOAD, r))
		return 1;
	t1 = now_ns();
	id = fta_last_reply_to;
	if (rc_resend(fd, &id, iobuf, RC_PAYLOAD) != RC_PAYLOAD)
		return client_fail(r, "re-send");
	n = t->cl_recv(fd, iobuf, sizeof(iobuf));
	if (n != RC_PAYLOAD ||
	    memcmp(&fta_last_reply_to, &id, sizeof(id))) {
		if (n >= 0)
			errno = EBADMSG;
		return client_fail(r, "re-send recv");
	}
	*dup = now_ns() - t1;
	*rt = t1 - t0;
	return 0;
}

/*
 * The duplicates' client (one, idx 0): slot 0 gets the round trips, slot
 * 1 the re-sends; res[1].replies counts every re-send, warm-up included.
 */
static int rc_dup_body(unsigned int idx, int ready, int go)
{
	struct client_result *r = &shm->res[0], *rd = &shm->res[1];
	uint32_t *s = samples, *sd = samples + MAX_SAMPLES;
	int64_t rt, dup, deadline;
	unsigned int i;
	unsigned char c;
	int fd;

	(void)idx;
	memset(iobuf, 'd', RC_PAYLOAD);
	fd = rc_cl_open();
	if (fd < 0) {
		report(ready, errno);
		return client_fail(r, "open");
	}
	set_timeouts(fd, true);
	for (i = 0; i < opt_warmup; i++, rd->replies++) {
		if (rc_dup_iter(fd, r, &rt, &dup)) {
			report(ready, r->err);
			return 1;
		}
	}
	report(ready, 0);
	if (read(go, &c, 1) != 1)
		return client_fail(r, "go");
	deadline = shm->deadline;
	for (;;) {
		if (rc_dup_iter(fd, r, &rt, &dup))
			return 1;
		rd->replies++;
		if (now_ns() > deadline)
			break;
		if (r->nsamples < MAX_SAMPLES) {
			s[r->nsamples++] = rt;
			sd[rd->nsamples++] = dup;
		}
		r->replies++;
	}
	return 0;
}

/* One round of the duplicates: round trips in frt, re-sends in fdup. */
static uint64_t rc_resends;

static void rc_measure_dup(unsigned int ms, struct figure *frt,
			   struct figure *fdup)
{
	if (frt->err)
		return;
	measure(&rc_dup_t, RC_PAYLOAD, 1, 0, ms, frt);
	rc_resends += shm->res[1].replies;
	fdup->done = true;
	if (frt->err) {
		fdup->err = frt->err;
		memcpy(fdup->why, frt->why, sizeof(fdup->why));
		return;
	}
	fdup->secs += ms / 1000.0;
	fdup->replies += shm->res[0].replies;
	add_samples(fdup, 1);
}

/* The fill client: n requests, RC_FILL_WINDOW in flight, every reply read. */
static int rc_fill_client(unsigned int n)
{
	const struct transport *t = &rc_fill_t;
	struct client_result *r = &shm->res[0];
	unsigned int sent = 0;
	ssize_t len;
	int fd;

	memset(iobuf, 'c', RC_PAYLOAD);
	fd = t->cl_open();
	if (fd < 0)
		return client_fail(r, "open");
	set_timeouts(fd, true);
	while (r->replies < n) {
		while (sent < n && sent - r->replies < RC_FILL_WINDOW) {
			if (t->cl_send(fd, iobuf, RC_PAYLOAD) != RC_PAYLOAD)
				return client_fail(r, "send");
			sent++;
		}
		len = t->cl_recv(fd, iobuf, sizeof(iobuf));
		if (len != RC_PAYLOAD) {
			if (len >= 0)
				errno = EMSGSIZE;
			return client_fail(r, "recv");
		}
		r->replies++;
	}
	return 0;
}

/* Kernel memory, before and after the fill of the large cache. */
struct rc_mem {
	int64_t cg_slab;	/* memory.stat "slab" of the cgroup, -1: none */
	int64_t kernel;		/* /proc/meminfo Slab + VmallocUsed, bytes */
	unsigned int entry_size;	/* /proc/slabinfo: ftalias_rc_entry's */
};

static char cg_root[256], cg_dir[288];
static bool cg_mounted, cg_enabled;

static int64_t cg_slab(void)
{
	char path[320], key[64];
	long long v;
	int64_t ret = -1;
	FILE *f;

	snprintf(path, sizeof(path), "%s/memory.stat", cg_dir);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fscanf(f, "%63s %lld", key, &v) == 2)
		if (!strcmp(key, "slab"))
			ret = v;
	fclose(f);
	return ret;
}

/*
 * A child cgroup (cgroup v2, mounted here if it is not) with the memory
 * controller, for the fill server.  Returns NULL or why not.
 */
static const char *cg_setup(void)
{
	char line[512], mnt[256], type[64], ctl[256] = "", path[288];
	FILE *f = fopen("/proc/self/mounts", "r");

	while (f && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%*s %255s %63s", mnt, type) == 2 &&
		    !strcmp(type, "cgroup2")) {
			snprintf(cg_root, sizeof(cg_root), "%s", mnt);
			break;
		}
	}
	if (f)
		fclose(f);
	if (!cg_root[0]) {
		snprintf(cg_root, sizeof(cg_root), "/tmp/ftalias-bench-cgroup-%d",
			 run_id);
		if (mkdir(cg_root, 0700)) {
			cg_root[0] = 0;
			return "cannot mount cgroup2";
		}
		if (mount("cgroup2", cg_root, "cgroup2", 0, NULL)) {
			rmdir(cg_root);
			cg_root[0] = 0;
			return "cannot mount cgroup2";
		}
		cg_mounted = true;
	}
	snprintf(path, sizeof(path), "%s/cgroup.subtree_control", cg_root);
	f = fopen(path, "r");
	if (f) {
		if (!fgets(ctl, sizeof(ctl), f))
			ctl[0] = 0;
		fclose(f);
	}
	if (!strstr(ctl, "memory")) {
		if (write_str(path, "+memory"))
			return "no memory controller";
		cg_enabled = true;
	}
	snprintf(cg_dir, sizeof(cg_dir), "%s/ftalias-bench-%d", cg_root, run_id);
	if (mkdir(cg_dir, 0755)) {
		cg_dir[0] = 0;
		return "cannot create a cgroup";
	}
	if (cg_slab() < 0)
		return "no memory.stat slab";
	snprintf(rc_cg_procs, sizeof(rc_cg_procs), "%s/cgroup.procs", cg_dir);
	return NULL;
}

static void cg_cleanup(void)
{
	char path[288];

	rc_cg_procs[0] = 0;
	if (cg_dir[0])
		rmdir(cg_dir);
	if (cg_enabled) {
		/* Fails while the entries keep the cgroup alive: harmless. */
		snprintf(path, sizeof(path), "%s/cgroup.subtree_control", cg_root);
		write_str(path, "-memory");
	}
	if (cg_mounted) {
		umount2(cg_root, MNT_DETACH);
		rmdir(cg_root);
	}
}

static int64_t meminfo_kb(const char *key)
{
	char k[64];
	long long v;
	int64_t ret = -1;
	FILE *f = fopen("/proc/meminfo", "r");

	if (!f)
		return -1;
	while (fscanf(f, "%63s %lld kB ", k, &v) == 2)
		if (!strcmp(k, key))
			ret = v;
	fclose(f);
	return ret;
}

static void rc_mem_read(struct rc_mem *m)
{
	char line[512], name[64];
	unsigned int size;
	FILE *f;

	memset(m, 0, sizeof(*m));
	m->cg_slab = cg_dir[0] ? cg_slab() : -1;
	m->kernel = (meminfo_kb("Slab:") + meminfo_kb("VmallocUsed:")) * 1024;
	f = fopen("/proc/slabinfo", "r");
	while (f && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%63s %*d %*d %u", name, &size) == 2 &&
		    !strcmp(name, "ftalias_rc_entry"))
			m->entry_size = size;
	}
	if (f)
		fclose(f);
}

/*
 * Until the kernel's memory stops moving: the bucket tables the hash
 * table outgrew are freed after an RCU grace period.
 */
static void rc_settle(void)
{
	int64_t until = now_ns() + RC_SETTLE_MS * 1000000LL, prev, cur;

	prev = meminfo_kb("Slab:") + meminfo_kb("VmallocUsed:");
	while (now_ns() < until) {
		usleep(100000);
		cur = meminfo_kb("Slab:") + meminfo_kb("VmallocUsed:");
		if (llabs(cur - prev) < 64)
			return;
		prev = cur;
	}
}

/*
 * Fill the cache of rc_dst with n entries: a recording server (in the
 * memory cgroup, if any, when mem is set) and one client.  Returns 0 or
 * -1 with why set; *secs gets the time it took.
 */
static int rc_fill(unsigned int n, double *secs, struct rc_mem *mem,
		   char *why, size_t whylen)
{
	char procs[sizeof(rc_cg_procs)];
	pid_t server, client;
	int64_t t0;
	int err = 0;

	memcpy(procs, rc_cg_procs, sizeof(procs));
	if (!mem)
		rc_cg_procs[0] = 0;
	memset(shm->res, 0, sizeof(shm->res));
	shm->srv_err = 0;
	server = start_server(&rc_fill_t, 0, SERVER_TAG, &err);
	memcpy(rc_cg_procs, procs, sizeof(procs));
	if (server < 0) {
		snprintf(why, whylen, "server: %s", strerror(err));
		return -1;
	}
	if (mem)
		rc_mem_read(&mem[0]);
	t0 = now_ns();
	client = fork();
	if (!client)
		_exit(rc_fill_client(n));
	if (client < 0) {
		snprintf(why, whylen, "fork: %s", strerror(errno));
		stop(server);
		return -1;
	}
	waitpid(client, NULL, 0);
	*secs = (now_ns() - t0) / 1e9;
	if (mem && !shm->res[0].err && !shm->srv_err) {
		rc_settle();
		rc_mem_read(&mem[1]);
	}
	stop(server);
	if (shm->srv_err) {
		snprintf(why, whylen, "server %s: %s", shm->srv_where,
			 strerror(shm->srv_err));
		return -1;
	}
	if (shm->res[0].err) {
		snprintf(why, whylen, "client %s: %s", shm->res[0].where,
			 strerror(shm->res[0].err));
		return -1;
	}
	return 0;
}

/* alias-set of the cache limits, all at once. */
static int rc_limits(uint32_t id, uint32_t entries, uint64_t bytes,
		     uint32_t ttl_ms)
{
	struct ftalias_alias_set_req *req = ftalias_alias_set_req_alloc();
	int err;

	ftalias_alias_set_req_set_id(req, id);
	ftalias_alias_set_req_set_cache_max_entries(req, entries);
	ftalias_alias_set_req_set_cache_max_bytes(req, bytes);
	ftalias_alias_set_req_set_cache_ttl_ms(req, ttl_ms);
	err = ftalias_alias_set(rc_nl->ys, req) ? dp_ynl_err(rc_nl) : 0;
	ftalias_alias_set_req_free(req);
	return err;
}

static const char *rc_setup(void)
{
	static const char *const tag[RC_NR_ALIAS] = {
		"none", "small", "large", "client", "ckpt",
	};
	char name[64];
	int i, id;

	if (ftalias_af < 0)
		ftalias_af = dp_af();
	if (ftalias_af < 0)
		return "module not loaded";
	rc_nl = dp_nl_open();
	if (!rc_nl)
		return "no ftalias generic netlink family";
	for (i = 0; i < RC_NR_ALIAS; i++) {
		snprintf(name, sizeof(name), "bench-%d-cache-%s", run_id, tag[i]);
		id = dp_alias_new(rc_nl, name, -1, -1);
		if (id < 0) {
			fprintf(stderr, "ftalias_bench: alias-new %s: %s\n",
				name, strerror(-id));
			return "cannot create an alias";
		}
		rc_alias[i] = id;
	}
	return NULL;
}

static void rc_cleanup(void)
{
	int i, err;

	for (i = 0; i < RC_NR_ALIAS; i++) {
		if (!rc_alias[i])
			continue;
		err = dp_alias_del(rc_nl, rc_alias[i]);
		if (err)
			fprintf(stderr, "ftalias_bench: alias-del %u: %s\n",
				rc_alias[i], strerror(-err));
	}
	dp_nl_close(rc_nl);
	cg_cleanup();
}

/*
 * Limits for n entries (they never bind on bytes; the module refuses
 * what is above its own limits), then the fill.
 */
static int rc_prepare(int ai, unsigned int n, double *secs,
		      struct rc_mem *mem, char *why, size_t whylen)
{
	uint64_t bytes = (uint64_t)n * 1024;
	struct dp_alias a;
	int err;

	if (bytes < 64 << 20)
		bytes = 64 << 20;
	if (bytes > 1 << 30)
		bytes = 1 << 30;
	err = rc_limits(rc_alias[ai], n, bytes, FTALIAS_CACHE_TTL_MS_MAX);
	if (err) {
		snprintf(why, whylen, "alias-set cache-max-entries %u: %s", n,
			 strerror(-err));
		return -1;
	}
	rc_dst = rc_alias[ai];
	if (rc_fill(n, secs, mem, why, whylen))
		return -1;
	err = dp_alias_get(rc_nl, rc_alias[ai], &a);
	if (!err && a.cache.entries != n) {
		snprintf(why, whylen, "%" PRIu64 " entries after the fill, not %u",
			 a.cache.entries, n);
		return -1;
	}
	return 0;
}

enum { F_NONE, F_SMALL, F_LARGE, F_DUP_RT, F_DUP, F_CKPT, RC_NFIG };

/* rps false: the re-sends, whose rate is their round trips'. */
static void rc_print(const char *what, const struct figure *f, bool rps)
{
	printf("  %-44s", what);
	if (f->err)
		printf(" failed: %s\n", f->why);
	else if (rps)
		printf("%9.1f %9.1f %10.0f\n", f->median_us, f->p99_us, f->rps);
	else
		printf("%9.1f %9.1f %10s\n", f->median_us, f->p99_us, "-");
}

/* A ratio as the report gives it: "r <=target met". */
static void rc_ratio(const char *what, const struct figure *a,
		     const struct figure *b, double target)
{
	double r;

	printf("  %-52s ", what);
	if (a->err || b->err || !a->nsamples || !b->nsamples ||
	    b->median_us <= 0) {
		printf("-\n");
		return;
	}
	r = a->median_us / b->median_us;
	printf("%.2f <=%.2f %s\n", r, target, r <= target ? "met" : "MISSED");
}

static void rc_print_memory(const struct rc_mem *m, unsigned int n,
			    const struct dp_alias *a)
{
	double all = (m[1].kernel - m[0].kernel) / (double)n;
	double cg = (m[1].cg_slab - m[0].cg_slab) / (double)n;
	double beyond = all - RC_PAYLOAD;

	printf("  %-52s %.1f B <=96 B %s\n",
	       "memory per entry beyond the 64 B payload", beyond,
	       beyond <= 96 ? "met" : "MISSED");
	tgt_entry_bytes = beyond;
	printf("    method: /proc/meminfo Slab + VmallocUsed of the guest, before and\n"
	       "    after the fill: %.1f B/entry", all);
	if (m[0].cg_slab >= 0 && m[1].cg_slab >= 0)
		printf("; of it, charged to the filling server's memory\n"
		       "    cgroup (v2 memory.stat \"slab\": the entry, its payload): %.1f B/entry,\n"
		       "    the rest (rhashtable buckets, slab page slack) not accounted\n",
		       cg);
	else
		printf(" (no memory cgroup)\n");
	if (m[1].entry_size)
		printf("    /proc/slabinfo: ftalias_rc_entry objects of %u B",
		       m[1].entry_size);
	if (a)
		printf("%sthe module counts %.1f B/entry (cache bytes)",
		       m[1].entry_size ? "; " : "    ",
		       a->cache.bytes / (double)n);
	if (m[1].entry_size || a)
		printf("\n");
}

static void cache_section(void)
{
	struct figure fig[RC_NFIG] = {};
	struct rc_mem mem[2] = {};
	unsigned int n = opt_cache_entries, ms = opt_duration_ms / opt_rounds;
	unsigned int r, i;
	struct dp_alias a, sa;
	bool have_a = false;
	double small_s = 0, large_s = 0;
	uint64_t hits0 = 0;
	char why[96], what[64];
	const char *skip, *cg;
	int large_err = 0;

	printf("\nReplay cache (ftalias, issue \"Stable area\"): %u B requests from a member of a\n"
	       "client alias that never acks; the server records each reply as its auto-reply\n",
	       RC_PAYLOAD);
	skip = rc_setup();
	if (skip) {
		printf("  skipped: %s\n", skip);
		rc_cleanup();
		return;
	}
	cg = cg_setup();
	if (cg)
		printf("  no memory cgroup: %s\n", cg);

	if (rc_prepare(RC_SMALL_C, RC_SMALL, &small_s, NULL, why, sizeof(why))) {
		printf("  fill of %u entries failed: %s\n", RC_SMALL, why);
		fig[F_SMALL].err = EIO;
		strcpy(fig[F_SMALL].why, "no fill");
		fig[F_DUP_RT] = fig[F_DUP] = fig[F_SMALL];
	}
	if (rc_prepare(RC_LARGE_C, n, &large_s, mem, why, sizeof(why))) {
		printf("  fill of %u entries failed: %s\n", n, why);
		large_err = 1;
		fig[F_LARGE].err = EIO;
		strcpy(fig[F_LARGE].why, "no fill");
	} else if (!dp_alias_get(rc_nl, rc_alias[RC_LARGE_C], &a)) {
		have_a = true;
	}
	if (!large_err)
		printf("  fill, %u requests in flight: %u entries in %.1f s (%.0f/s), %u in %.1f s\n",
		       RC_FILL_WINDOW, n, large_s, large_s > 0 ? n / large_s : 0,
		       RC_SMALL, small_s);
	if (!dp_alias_get(rc_nl, rc_alias[RC_SMALL_C], &sa))
		hits0 = sa.cache.hits_auto;

	/* Interleaved rounds, as the transports' figures. */
	for (r = 0; r < opt_rounds; r++) {
		for (i = 0; i < 5; i++) {
			switch ((i + r) % 5) {
			case 0:
				rc_dst = rc_alias[RC_NONE];
				measure(&rc_plain_t, RC_PAYLOAD, 1, 0, ms,
					&fig[F_NONE]);
				break;
			case 1:
				rc_dst = rc_alias[RC_SMALL_C];
				measure(&rc_record_t, RC_PAYLOAD, 1, 0, ms,
					&fig[F_SMALL]);
				break;
			case 2:
				rc_dst = rc_alias[RC_LARGE_C];
				measure(&rc_record_t, RC_PAYLOAD, 1, 0, ms,
					&fig[F_LARGE]);
				break;
			case 3:
				rc_dst = rc_alias[RC_SMALL_C];
				rc_measure_dup(ms, &fig[F_DUP_RT], &fig[F_DUP]);
				break;
			case 4:
				rc_dst = rc_alias[RC_CKPT];
				measure(&rc_ckpt_t, RC_PAYLOAD, 1, 0, ms,
					&fig[F_CKPT]);
				break;
			}
		}
	}
	for (i = 0; i < RC_NFIG; i++)
		finish_figure(&fig[i]);

	printf("\n  %-44s %9s %9s %10s\n", "1 client, latency in microseconds",
	       "median", "p99", "req/s");
	rc_print("round trip, no recording, empty cache", &fig[F_NONE], true);
	snprintf(what, sizeof(what), "round trip, recording, %u entries", RC_SMALL);
	rc_print(what, &fig[F_SMALL], true);
	snprintf(what, sizeof(what), "round trip, recording, %u entries", n);
	rc_print(what, &fig[F_LARGE], true);
	snprintf(what, sizeof(what), "duplicate: round trip (%u entries)", RC_SMALL);
	rc_print(what, &fig[F_DUP_RT], true);
	rc_print("duplicate: re-send to reply from the cache", &fig[F_DUP],
		 false);
	rc_print("round trip, a 64 KiB checkpoint every 100", &fig[F_CKPT],
		 true);
	if (!fig[F_DUP].err && !dp_alias_get(rc_nl, rc_alias[RC_SMALL_C], &sa))
		printf("  re-sends: %" PRIu64 ", answered by the kernel (hits-auto): %" PRIu64 "\n",
		       rc_resends, sa.cache.hits_auto - hits0);

	printf("\n  against the targets:\n");
	rc_ratio("duplicate from the cache / its round trip", &fig[F_DUP],
		 &fig[F_DUP_RT], 0.5);
	snprintf(what, sizeof(what), "round trip, %u entries / %u entries", n,
		 RC_SMALL);
	rc_ratio(what, &fig[F_LARGE], &fig[F_SMALL], 1.15);
	printf("  %-52s ", "recording / not recording (dedup overhead)");
	if (fig[F_SMALL].err || fig[F_NONE].err || fig[F_NONE].median_us <= 0) {
		printf("-\n");
	} else {
		double o = (fig[F_SMALL].median_us / fig[F_NONE].median_us - 1) * 100;

		printf("%+.1f %% <=4 %% %s\n", o, o <= 4 ? "met" : "MISSED");
		tgt_record_pct = o;
	}
	/* A checkpoint costs one round trip in 100: the mean shows it. */
	printf("  %-52s ", "checkpoint 64 KiB/100 requests / none (mean)");
	if (fig[F_CKPT].err || fig[F_NONE].err || fig[F_NONE].mean_us <= 0) {
		printf("-\n");
	} else {
		double o = (fig[F_CKPT].mean_us / fig[F_NONE].mean_us - 1) * 100;

		printf("%+.1f %% <=5 %% %s\n", o, o <= 5 ? "met" : "MISSED");
		tgt_ckpt_pct = o;
	}
	if (large_err)
		printf("  %-52s -\n", "memory per entry beyond the 64 B payload");
	else
		rc_print_memory(mem, n, have_a ? &a : NULL);
	rc_cleanup();
}

/* ------------------------------------------------------------------ */
/*
 * Connections (issue "Connections", kmod/seqpacket.c and kmod/conntab.c).
 * Three aliases of the run:
 *
 *   rtt     the round-trip server's: a SOCK_SEQPACKET member listens on
 *           it, accepts, and serve_seqpacket() echoes, as for AF_UNIX
 *           SOCK_SEQPACKET, which is measured beside it in the same
 *           interleaved rounds
 *   drop    B's listener in the stale-drop figure
 *   ident   the identity of A and A': this process is an (RDM) member,
 *           so both connecting sockets may name it (FTALIAS_IDENTITY)
 *
 * The stale drop, in this process: B's listener and the connection it
 * accepted from A; a thread of B blocks in poll() on that accepted
 * socket; A' connects with A's identity, and the kernel resets A's
 * connection inside that connect() (newest wins).  The times are from
 * just before A''s connect(), and from its return, to the poll thread's
 * wake-up with POLLERR|POLLHUP (CLOCK_MONOTONIC, read by the thread as
 * poll() returns).  Each trial's new connection is the next trial's old
 * one.
 */

enum { CN_RTT, CN_DROP, CN_IDENT, CN_NR_ALIAS };
enum {
	CN_WARMUP = 5,		/* drops before the measured ones */
	CN_POLL_MS = 5000,	/* a poll() that sees no reset ends a trial */
	CN_MAX_DROPS = 100000,
};

static bool opt_conn;		/* "conn" in --only */
static unsigned int opt_drops = 200;
static struct dp_nl *cn_nl;
static uint32_t cn_alias[CN_NR_ALIAS];

static int fta_sp_srv_open(int prio)
{
	struct sockaddr_ftalias a = dp_addr(ftalias_af, FTALIAS_ADDR_ALIAS,
					    cn_alias[CN_RTT], 0);
	int fd;

	(void)prio;
	fd = socket(ftalias_af, SOCK_SEQPACKET, 0);
	if (fd < 0)
		return -1;
	window_bufs(fd);
	if (bind(fd, (struct sockaddr *)&a, sizeof(a)) ||
	    listen(fd, MAX_CLIENTS)) {
		close(fd);
		return -1;
	}
	return fd;
}

/* A SOCK_SEQPACKET socket with identity alias ident (0: the default). */
static int fta_sp_socket(uint32_t ident)
{
	struct ftalias_identity id = { .alias = ident };
	int fd, err;

	fd = socket(ftalias_af, SOCK_SEQPACKET, 0);
	if (fd < 0)
		return -1;
	window_bufs(fd);
	if (ident && setsockopt(fd, SOL_FTALIAS, FTALIAS_IDENTITY, &id,
				sizeof(id))) {
		err = errno;
		close(fd);
		errno = err;
		return -1;
	}
	return fd;
}

static int fta_sp_connect_fd(int fd, uint32_t alias)
{
	struct sockaddr_ftalias a = dp_addr(ftalias_af, FTALIAS_ADDR_ALIAS,
					    alias, 0);

	return connect(fd, (struct sockaddr *)&a, sizeof(a));
}

/* fta_sp_socket(ident), connected to alias. */
static int fta_sp_connect(uint32_t alias, uint32_t ident)
{
	int fd = fta_sp_socket(ident), err;

	if (fd >= 0 && fta_sp_connect_fd(fd, alias)) {
		err = errno;
		close(fd);
		errno = err;
		return -1;
	}
	return fd;
}

static int fta_sp_cl_open(void)
{
	return fta_sp_connect(cn_alias[CN_RTT], 0);
}

static struct transport fta_sp_t = {
	.name = "ftalias-seqpacket", .connected = true,
	.srv_open = fta_sp_srv_open, .srv_send = conn_srv_send,
	.cl_open = fta_sp_cl_open, .cl_send = conn_send, .cl_recv = conn_recv,
};

static const char *cn_setup(void)
{
	static const char *const tag[CN_NR_ALIAS] = { "rtt", "drop", "ident" };
	char name[64];
	int i, id, fd;

	if (ftalias_af < 0)
		ftalias_af = dp_af();
	if (ftalias_af < 0)
		return "module not loaded";
	fd = socket(ftalias_af, SOCK_SEQPACKET, 0);
	if (fd < 0)
		return "socket(AF_FTALIAS, SOCK_SEQPACKET) failed";
	close(fd);
	cn_nl = dp_nl_open();
	if (!cn_nl)
		return "no ftalias generic netlink family";
	for (i = 0; i < CN_NR_ALIAS; i++) {
		snprintf(name, sizeof(name), "bench-%d-conn-%s", run_id, tag[i]);
		id = dp_alias_new(cn_nl, name, -1, -1);
		if (id < 0) {
			fprintf(stderr, "ftalias_bench: alias-new %s: %s\n",
				name, strerror(-id));
			return "cannot create an alias";
		}
		cn_alias[i] = id;
	}
	return NULL;
}

static void cn_cleanup(void)
{
	int i, err;

	for (i = 0; i < CN_NR_ALIAS; i++) {
		if (!cn_alias[i])
			continue;
		err = dp_alias_del(cn_nl, cn_alias[i]);
		if (err)
			fprintf(stderr, "ftalias_bench: alias-del %u: %s\n",
				cn_alias[i], strerror(-err));
		cn_alias[i] = 0;
	}
	dp_nl_close(cn_nl);
	cn_nl = NULL;
}

/* B's poll thread: one poll() per trial on the fd it is given. */
struct cn_poller {
	pthread_t th;
	sem_t start, done;
	int fd;			/* -1: exit */
	volatile pid_t tid;
	volatile int polling;	/* set just before poll() */
	int64_t woke_ns;
	short revents;
	int ret;
};

static void *cn_poll_thread(void *arg)
{
	struct cn_poller *p = arg;

	p->tid = gettid();
	for (;;) {
		struct pollfd pfd;

		while (sem_wait(&p->start) && errno == EINTR)
			;
		if (p->fd < 0)
			return NULL;
		pfd = (struct pollfd){ .fd = p->fd, .events = POLLIN };
		__atomic_store_n(&p->polling, 1, __ATOMIC_SEQ_CST);
		p->ret = poll(&pfd, 1, CN_POLL_MS);
		p->woke_ns = now_ns();
		p->revents = pfd.revents;
		sem_post(&p->done);
	}
}

/*
 * Start the thread's poll() on fd; returns once the thread sleeps in it
 * (flag set, then the task asleep), 0, or -1 after 2 s.
 */
static int cn_poll_start(struct cn_poller *p, int fd)
{
	int64_t until = now_ns() + 2000000000LL;

	p->fd = fd;
	p->polling = 0;
	sem_post(&p->start);
	while (!__atomic_load_n(&p->polling, __ATOMIC_SEQ_CST) ||
	       dp_task_state(p->tid) != 'S') {
		if (now_ns() > until)
			return -1;
		sched_yield();
	}
	return 0;
}

static void cn_poll_wait(struct cn_poller *p)
{
	while (sem_wait(&p->done) && errno == EINTR)
		;
}

struct cn_drops {
	unsigned int n, failed, not_reset, warmup, negative, nplain;
	char why[96];
	int64_t *before, *after, *conn;	/* ns, per trial */
	int64_t *plain;		/* connect() without a drop, ns */
};

/*
 * The drop trials.  Returns 0, or -1 with d->why set when the setup
 * failed; a failing trial is counted in d->failed and ends the figure.
 */
static int cn_measure_drops(struct cn_drops *d)
{
	struct cn_poller p = { .fd = -1 };
	struct timeval tv = { .tv_sec = IO_TIMEOUT_S };
	unsigned int i, total = CN_WARMUP + opt_drops;
	int l = -1, m = -1, c_old = -1, s_old = -1, c_new, s_new, ret = -1;
	int err;
	bool thread = false;
	char buf[16];

	d->before = calloc(opt_drops, sizeof(*d->before));
	d->after = calloc(opt_drops, sizeof(*d->after));
	d->conn = calloc(opt_drops, sizeof(*d->conn));
	d->plain = calloc(opt_drops, sizeof(*d->plain));
	if (!d->before || !d->after || !d->conn || !d->plain) {
		snprintf(d->why, sizeof(d->why), "calloc: %s", strerror(ENOMEM));
		goto out;
	}
	/* B's listener; this process's membership of the identity alias. */
	l = socket(ftalias_af, SOCK_SEQPACKET, 0);
	if (l >= 0) {
		struct sockaddr_ftalias a = dp_addr(ftalias_af,
						    FTALIAS_ADDR_ALIAS,
						    cn_alias[CN_DROP], 0);

		if (bind(l, (struct sockaddr *)&a, sizeof(a)) ||
		    listen(l, 16)) {
			close(l);
			l = -1;
		}
	}
	if (l < 0) {
		snprintf(d->why, sizeof(d->why), "listener: %s", strerror(errno));
		goto out;
	}
	setsockopt(l, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	m = fta_join(cn_alias[CN_IDENT], 0);
	if (m < 0) {
		snprintf(d->why, sizeof(d->why), "member of the identity alias: %s",
			 strerror(errno));
		goto out;
	}
	if (sem_init(&p.start, 0, 0) || sem_init(&p.done, 0, 0) ||
	    pthread_create(&p.th, NULL, cn_poll_thread, &p)) {
		snprintf(d->why, sizeof(d->why), "poll thread: %s",
			 strerror(errno));
		goto out;
	}
	thread = true;
	c_old = fta_sp_connect(cn_alias[CN_DROP], cn_alias[CN_IDENT]);
	if (c_old < 0) {
		snprintf(d->why, sizeof(d->why), "connect A: %s", strerror(errno));
		goto out;
	}
	s_old = accept(l, NULL, NULL);
	if (s_old < 0) {
		snprintf(d->why, sizeof(d->why), "accept A: %s", strerror(errno));
		goto out;
	}
	ret = 0;
	for (i = 0; i < total; i++) {
		int64_t t0, t1;
		short want = POLLERR | POLLHUP;

		c_new = fta_sp_socket(cn_alias[CN_IDENT]);
		if (c_new < 0) {
			snprintf(d->why, sizeof(d->why), "trial %u: socket A': %s",
				 i + 1, strerror(errno));
			d->failed++;
			break;
		}
		if (cn_poll_start(&p, s_old)) {
			snprintf(d->why, sizeof(d->why),
				 "trial %u: poll thread not asleep", i + 1);
			/* It may still be on its way into poll(): let it end. */
			cn_poll_wait(&p);
			close(c_new);
			d->failed++;
			break;
		}
		t0 = now_ns();
		err = fta_sp_connect_fd(c_new, cn_alias[CN_DROP]);
		t1 = now_ns();
		if (err) {
			snprintf(d->why, sizeof(d->why), "trial %u: connect A': %s",
				 i + 1, strerror(errno));
			close(c_new);
			/* Nothing reset s_old: the poll() times out. */
			cn_poll_wait(&p);
			d->failed++;
			break;
		}
		cn_poll_wait(&p);
		if (p.ret != 1 || (p.revents & want) != want) {
			snprintf(d->why, sizeof(d->why),
				 "trial %u: poll() returned %d, revents %#x",
				 i + 1, p.ret, (unsigned int)p.revents);
			close(c_new);
			d->failed++;
			break;
		}
		/* The old end is reset: ECONNRESET, not data or EOF. */
		if (recv(s_old, buf, sizeof(buf), MSG_DONTWAIT) != -1 ||
		    errno != ECONNRESET)
			d->not_reset++;
		s_new = accept(l, NULL, NULL);
		if (s_new < 0) {
			snprintf(d->why, sizeof(d->why), "trial %u: accept A': %s",
				 i + 1, strerror(errno));
			close(c_new);
			d->failed++;
			break;
		}
		close(s_old);
		close(c_old);
		s_old = s_new;
		c_old = c_new;
		if (i < CN_WARMUP) {
			d->warmup++;
			continue;
		}
		d->before[d->n] = p.woke_ns - t0;
		d->after[d->n] = p.woke_ns - t1;
		d->conn[d->n] = t1 - t0;
		if (d->after[d->n] < 0)
			d->negative++;
		d->n++;
	}
	/* The same connect() with an identity of its own: nothing to drop. */
	for (i = 0; !d->failed && i < CN_WARMUP + opt_drops; i++) {
		int64_t t0;

		c_new = fta_sp_socket(0);
		if (c_new < 0)
			break;
		t0 = now_ns();
		err = fta_sp_connect_fd(c_new, cn_alias[CN_DROP]);
		if (!err && i >= CN_WARMUP)
			d->plain[d->nplain++] = now_ns() - t0;
		s_new = err ? -1 : accept(l, NULL, NULL);
		close(c_new);
		if (s_new < 0)
			break;
		close(s_new);
	}
out:
	if (thread) {
		p.fd = -1;
		sem_post(&p.start);
		pthread_join(p.th, NULL);
	}
	if (c_old >= 0)
		close(c_old);
	if (s_old >= 0)
		close(s_old);
	if (m >= 0)
		close(m);
	if (l >= 0)
		close(l);
	return ret;
}

/* "mean 1.0 us, median 1.0 us, max 1.0 us" of n sorted ns values. */
static void print_stats(const char *what, int64_t *v, unsigned int n)
{
	double sum = 0;
	unsigned int i;

	qsort(v, n, sizeof(*v), cmp_i64);
	for (i = 0; i < n; i++)
		sum += v[i];
	printf("  %-44s %9.1f %9.1f %9.1f %9.1f\n", what, sum / n / 1000.0,
	       v[n / 2] / 1000.0, v[n * 99 / 100] / 1000.0,
	       v[n - 1] / 1000.0);
}

static void cn_keepalive(void)
{
	long t = dp_read_long("/proc/sys/net/ipv4/tcp_keepalive_time");
	long iv = dp_read_long("/proc/sys/net/ipv4/tcp_keepalive_intvl");
	long pr = dp_read_long("/proc/sys/net/ipv4/tcp_keepalive_probes");

	if (t < 0 || iv < 0 || pr < 0) {
		printf("  TCP keepalive: cannot read /proc/sys/net/ipv4/tcp_keepalive_*\n");
		return;
	}
	printf("  TCP would notice the dead peer after keepalive_time + probes*intvl = %ld + %ld*%ld s = %ld s\n"
	       "    (net.ipv4.tcp_keepalive_time, _probes, _intvl of this guest, with SO_KEEPALIVE set)\n",
	       t, pr, iv, t + pr * iv);
}

#define NSZ 8
#define NCL 8

static const char *ratio_cell(char *buf, size_t len, bool ok, double fta,
			      double other, double target, bool max);

static void conn_section(void)
{
	static const char *const peer = "unix-seqpacket";
	struct figure fig[2][NSZ][NCL] = {};
	const struct transport *ts[2] = {
		&fta_sp_t, &transports[T_UNIX_SEQPACKET],
	};
	unsigned int ms = opt_duration_ms / opt_rounds, si, ci, r, i;
	unsigned int rsi = 0, rci = 0;
	struct cn_drops d = {};
	const struct figure *rf;
	char c1[32], c2[32], what[64];
	const char *skip;

	printf("\nConnections (ftalias SOCK_SEQPACKET through an alias, issue \"Connections\"):\n"
	       "one server process accepts and echoes (epoll), as for %s beside it;\n"
	       "1 request in flight per client, latency in microseconds\n", peer);
	skip = cn_setup();
	if (skip) {
		printf("  skipped: %s\n", skip);
		cn_cleanup();
		return;
	}
	printf("ftalias: family %d, server alias %" PRIu32 "\n\n", ftalias_af,
	       cn_alias[CN_RTT]);
	printf("%-10s %6s %7s  %-17s %9s %9s %9s %10s\n", "mode", "bytes",
	       "clients", "transport", "mean", "median", "p99", "req/s");
	for (si = 0; si < opt_nsizes; si++) {
		for (ci = 0; ci < opt_nclients; ci++) {
			for (r = 0; r < opt_rounds; r++)
				for (i = 0; i < 2; i++)
					measure(ts[(i + r) % 2], opt_sizes[si],
						opt_clients[ci], 0, ms,
						&fig[(i + r) % 2][si][ci]);
			for (i = 0; i < 2; i++) {
				struct figure *f = &fig[i][si][ci];

				finish_figure(f);
				printf("%-10s %6u %7u  %-17s ", "round-trip",
				       opt_sizes[si], opt_clients[ci],
				       ts[i]->name);
				if (f->err)
					printf(" failed: %s\n", f->why);
				else
					printf("%9.1f %9.1f %9.1f %10.0f\n",
					       f->mean_us, f->median_us,
					       f->p99_us, f->rps);
			}
			/* The drop is compared with the smallest, 1 client. */
			if (opt_sizes[si] < opt_sizes[rsi])
				rsi = si;
			if (opt_clients[ci] < opt_clients[rci])
				rci = ci;
		}
	}

	printf("\n%s / %s, target <= 1.10\n\n", ts[0]->name, peer);
	printf("%6s %7s  %-20s %s\n", "bytes", "clients", "round-trip median",
	       "round-trip mean");
	for (si = 0; si < opt_nsizes; si++) {
		for (ci = 0; ci < opt_nclients; ci++) {
			const struct figure *a = &fig[0][si][ci], *b = &fig[1][si][ci];
			bool ok = !a->err && !b->err && a->nsamples && b->nsamples;

			printf("%6u %7u  %-20s %s\n", opt_sizes[si], opt_clients[ci],
			       ratio_cell(c1, sizeof(c1), ok, a->median_us,
					  b->median_us, 1.10, true),
			       ratio_cell(c2, sizeof(c2), ok, a->mean_us,
					  b->mean_us, 1.10, true));
		}
	}

	printf("\nStale connection dropped by a reconnect (newest wins): server B holds the\n"
	       "connection it accepted from A, a thread of B blocks in poll() on it; A'\n"
	       "connects with A's identity (FTALIAS_IDENTITY alias %" PRIu32 "); %u trials after\n"
	       "%u warm-up drops, microseconds\n\n", cn_alias[CN_IDENT], opt_drops,
	       CN_WARMUP);
	if (cn_measure_drops(&d)) {
		printf("  failed: %s\n", d.why);
	} else {
		if (d.failed)
			printf("  stopped after %u trials: %s\n", d.n, d.why);
		if (d.n) {
			int64_t med;
			double mean = 0;

			printf("  %-44s %9s %9s %9s %9s\n", "", "mean",
			       "median", "p99", "max");
			print_stats("before A' connect() to B's POLLERR|POLLHUP",
				    d.before, d.n);
			med = d.before[d.n / 2];
			for (i = 0; i < d.n; i++)
				mean += d.before[i];
			mean /= d.n;
			print_stats("return of connect() to POLLERR|POLLHUP",
				    d.after, d.n);
			print_stats("connect() of A', the drop inside", d.conn,
				    d.n);
			if (d.nplain)
				print_stats("connect(), own identity, nothing dropped",
					    d.plain, d.nplain);
			if (d.negative)
				printf("  B's thread woke before connect() returned in %u of %u trials\n",
				       d.negative, d.n);
			printf("  old accepted socket not ECONNRESET on recv() after the wake-up: %u of %u\n",
			       d.not_reset, d.n + d.warmup);
			rf = &fig[0][rsi][rci];
			snprintf(what, sizeof(what),
				 "drop time / round trip (%u B, %u client%s)",
				 opt_sizes[rsi], opt_clients[rci],
				 opt_clients[rci] == 1 ? "" : "s");
			printf("\n  against the target (the drop within one %s round trip):\n",
			       ts[0]->name);
			printf("  %-44s median %s, mean %s\n", what,
			       ratio_cell(c1, sizeof(c1),
					  !rf->err && rf->nsamples,
					  med / 1000.0, rf->median_us, 1.0, true),
			       ratio_cell(c2, sizeof(c2),
					  !rf->err && rf->nsamples,
					  mean / 1000.0, rf->mean_us, 1.0, true));
		}
	}
	free(d.before);
	free(d.after);
	free(d.conn);
	free(d.plain);
	cn_keepalive();
	cn_cleanup();
}

/* ------------------------------------------------------------------ */
/* Setup */

/* The alias, over generic netlink (selftests/lib/dp_util.h, as the tests). */
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

		if (!strcmp(tok, "cache")) {
			opt_cache = true;
			continue;
		}
		if (!strcmp(tok, "conn")) {
			opt_conn = true;
			continue;
		}
		if (!strcmp(tok, "save")) {
			opt_save = true;
			continue;
		}
		if (!strcmp(tok, "pinned")) {
			opt_pinned = true;
			continue;
		}
		if (!strcmp(tok, "profile")) {
			opt_profile = true;
			continue;
		}
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
"                        (unix = both AF_UNIX types), pinned: ftalias and\n"
"                        unix-dgram again with every process on one CPU,\n"
"                        cache: the replay cache figures (ftalias), conn:\n"
"                        SOCK_SEQPACKET connections (ftalias), save:\n"
"                        alias-save and alias-restore (ftalias); default all\n"
"                        but profile: where the CPU goes (as --profile)\n"
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
"  -p, --pin-cpu N       the CPU of the pinned pass and the profile\n"
"                        (default: --cpu, else the last CPU the run may use)\n"
"  -R, --profile         where the CPU of a pinned ftalias and unix-dgram\n"
"                        round trip goes: perf record -e cpu-clock, a\n"
"                        breakdown by kind of code (needs perf: linux-perf)\n"
"  -e, --cache-entries N entries of the large replay cache, at least %u\n"
"                        (default %u)\n"
"  -D, --drops N         stale-connection drops timed by conn (default %u)\n"
"  -h, --help\n",
		opt_duration_ms, opt_rounds, opt_window, opt_warmup, opt_trials,
		RC_SMALL, opt_cache_entries, opt_drops);
}

/* ------------------------------------------------------------------ */
/* Report */

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
		bool rok = usable(T_FTALIAS, fr) && usable(p, r);
		bool pok = usable(T_FTALIAS, fp) && usable(p, q);

		if (!rok && !pok)
			continue;
		printf("%6u %7u  %-15s %-20s %-20s %s\n", size, ncl,
		       transports[p].name,
		       ratio_cell(c1, sizeof(c1), rok, fr->median_us,
				  r->median_us, 0, true),
		       ratio_cell(c2, sizeof(c2), rok, fr->rps, r->rps, 0,
				  false),
		       ratio_cell(c3, sizeof(c3), pok, fp->rps, q->rps, 0,
				  false));
	}
}

/* ------------------------------------------------------------------ */
/*
 * The pinned pass: ftalias and unix-dgram, one client, round trip and
 * pipelined at each size, with the server and the client on one CPU
 * (each figure's processes inherit this process's affinity), in
 * interleaved rounds as the rest.  With no cross-CPU wake-up a round trip
 * is the CPU time of one request and its reply: the ratio is that of the
 * two code paths.
 */
enum { PIN_FTA, PIN_UNIX, PIN_NR };

static const int pin_t[PIN_NR] = { T_FTALIAS, T_UNIX_DGRAM };
static struct figure pin_rtt[PIN_NR][NSZ], pin_pipe[PIN_NR][NSZ];
static int pin_cpu_used = -1;	/* the pinned pass ran on it */

/* --pin-cpu, else --cpu, else the last CPU the run may use. */
static int pin_cpu(void)
{
	int cpu;

	if (opt_pin_cpu >= 0)
		return opt_pin_cpu;
	if (opt_cpu >= 0)
		return opt_cpu;
	for (cpu = CPU_SETSIZE - 1; cpu > 0; cpu--)
		if (CPU_ISSET(cpu, &base_cpus))
			break;
	return cpu;
}

/* Every process forked from now on runs on cpu; -1: as the run started. */
static int pin_to(int cpu)
{
	cpu_set_t set;

	if (cpu < 0)
		return sched_setaffinity(0, sizeof(base_cpus), &base_cpus);
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	return sched_setaffinity(0, sizeof(set), &set);
}

static bool fig_ok(const struct figure *f)
{
	return f->done && !f->err;
}

static void pinned_section(void)
{
	unsigned int ms = opt_duration_ms / opt_rounds, si, r, i, mode;
	int cpu = pin_cpu();
	char c1[32], c2[32];

	printf("\nPinned: ftalias and unix-dgram, 1 client, every process on CPU %d: no\n"
	       "cross-CPU wake-ups, the CPU time of the code path\n\n", cpu);
	for (i = 0; i < PIN_NR; i++) {
		const struct transport *t = &transports[pin_t[i]];

		if (t->skip) {
			printf("  skipped: %s: %s\n", t->name, t->skip);
			return;
		}
	}
	if (pin_to(cpu)) {
		printf("  skipped: sched_setaffinity(CPU %d): %s\n", cpu,
		       strerror(errno));
		return;
	}
	pin_cpu_used = cpu;
	printf("%-10s %6s %7s  %-15s %9s %9s %10s\n", "mode", "bytes",
	       "clients", "transport", "median", "p99", "req/s");
	for (si = 0; si < opt_nsizes; si++) {
		for (mode = 0; mode < 2 && !(mode && opt_no_pipeline); mode++) {
			unsigned int window = mode ? opt_window : 0;

			for (r = 0; r < opt_rounds; r++) {
				for (i = 0; i < PIN_NR; i++) {
					unsigned int k = (i + r) % PIN_NR;

					measure(&transports[pin_t[k]],
						opt_sizes[si], 1, window, ms,
						mode ? &pin_pipe[k][si] :
						&pin_rtt[k][si]);
				}
			}
			for (i = 0; i < PIN_NR; i++) {
				struct figure *f = mode ? &pin_pipe[i][si] :
						   &pin_rtt[i][si];

				finish_figure(f);
				print_figure(mode ? "pipelined" : "round-trip",
					     opt_sizes[si], 1,
					     &transports[pin_t[i]], f, !mode);
			}
		}
	}
	pin_to(-1);

	printf("\nftalias / unix-dgram, pinned\n\n%6s  %-20s %s\n", "bytes",
	       "round-trip median", "pipelined req/s");
	for (si = 0; si < opt_nsizes; si++) {
		const struct figure *fr = &pin_rtt[PIN_FTA][si];
		const struct figure *ur = &pin_rtt[PIN_UNIX][si];
		const struct figure *fp = &pin_pipe[PIN_FTA][si];
		const struct figure *up = &pin_pipe[PIN_UNIX][si];

		printf("%6u  %-20s %s\n", opt_sizes[si],
		       ratio_cell(c1, sizeof(c1), fig_ok(fr) && fig_ok(ur),
				  fr->median_us, ur->median_us, 0, true),
		       ratio_cell(c2, sizeof(c2), fig_ok(fp) && fig_ok(up),
				  fp->rps, up->rps, 0, false));
	}
}

/* ------------------------------------------------------------------ */
/* The targets of issue 18, part 2, from this run's figures. */

static int size_index(unsigned int size)
{
	unsigned int i;

	for (i = 0; i < opt_nsizes; i++)
		if (opt_sizes[i] == size)
			return i;
	return -1;
}

/*
 * a / b of a figure (median round trip, or req/s when rps): NAN with *why
 * set if either is missing.
 */
static double fig_ratio(const struct figure *a, const struct figure *b,
			bool rps, char *why, size_t len)
{
	const struct figure *bad = !fig_ok(a) ? a : !fig_ok(b) ? b : NULL;
	double x = rps ? a->rps : a->median_us, y = rps ? b->rps : b->median_us;

	if (bad) {
		snprintf(why, len, "%s", bad->err ? bad->why : "not measured");
		return NAN;
	}
	if (y <= 0) {
		snprintf(why, len, "no replies");
		return NAN;
	}
	return x / y;
}

/*
 * One line of the block: the figure v with prec decimals and its unit,
 * the target, met or MISSED (max: v must not exceed the target); NAN:
 * why it is missing.
 */
static void target_line(const char *what, double v, int prec,
			const char *unit, double target, bool max,
			const char *why)
{
	char fig[32], tg[32];

	printf("  %-60s ", what);
	if (isnan(v)) {
		printf("- (%s)\n", why);
		return;
	}
	snprintf(fig, sizeof(fig), "%.*f%s", prec, v, unit);
	snprintf(tg, sizeof(tg), "%s%.*f%s", max ? "<=" : ">=", prec, target,
		 unit);
	printf("%-10s %-11s %s\n", fig, tg,
	       (max ? v <= target : v >= target) ? "met" : "MISSED");
}

static void targets_block(void)
{
	int s64 = size_index(64), s4k = size_index(4096), c1 = -1;
	const char *sv_why;
	char why[96], what[80];
	unsigned int i;
	double v;

	for (i = 0; i < opt_nclients; i++)
		if (opt_clients[i] == 1 && c1 < 0)
			c1 = i;
	printf("\nrequest-path targets (ratios of this run's figures; it never fails on a figure)\n\n");

	strcpy(why, !opt_pinned ? "no \"pinned\" in --only" :
	       "64 not in --sizes");
	v = opt_pinned && s64 >= 0 ?
	    fig_ratio(&pin_rtt[PIN_FTA][s64], &pin_rtt[PIN_UNIX][s64], false,
		      why, sizeof(why)) : NAN;
	target_line("one-vCPU round trip (median), ftalias / unix-dgram, 64 B",
		    v, 2, "", 1.05, true, why);
	strcpy(why, !opt_pinned ? "no \"pinned\" in --only" :
	       "4096 not in --sizes");
	v = opt_pinned && s4k >= 0 ?
	    fig_ratio(&pin_rtt[PIN_FTA][s4k], &pin_rtt[PIN_UNIX][s4k], false,
		      why, sizeof(why)) : NAN;
	target_line("one-vCPU round trip (median), ftalias / unix-dgram, 4 KiB",
		    v, 2, "", 1.05, true, why);

	snprintf(why, sizeof(why), "%s",
		 !transports[T_FTALIAS].selected ||
		 !transports[T_UNIX_DGRAM].selected ?
		 "ftalias and unix-dgram not both in --only" :
		 opt_no_pipeline ? "--no-pipeline" :
		 s64 < 0 ? "64 not in --sizes" : "1 not in --clients");
	v = s64 >= 0 && c1 >= 0 && transports[T_UNIX_DGRAM].selected ?
	    fig_ratio(&pipe_fig[T_FTALIAS][s64][c1],
		      &pipe_fig[T_UNIX_DGRAM][s64][c1], true, why,
		      sizeof(why)) : NAN;
	snprintf(what, sizeof(what),
		 "pipelined 64 B, %u in flight, 1 client, ftalias / unix-dgram",
		 opt_window);
	target_line(what, v, 2, "", 0.95, false, why);
	if (opt_pinned && s64 >= 0 && !opt_no_pipeline) {
		v = fig_ratio(&pin_pipe[PIN_FTA][s64], &pin_pipe[PIN_UNIX][s64],
			      true, why, sizeof(why));
		printf("  %-60s ", "  the same pinned (information, no target)");
		if (isnan(v))
			printf("- (%s)\n", why);
		else
			printf("%.2f\n", v);
	}

	target_line("bytes per cached entry beyond the 64 B payload",
		    tgt_entry_bytes, 1, " B", 96, true,
		    opt_cache ? "cache section failed" : "no \"cache\" in --only");
	target_line("recording overhead (recording / not recording round trip)",
		    tgt_record_pct, 1, " %", 4, true,
		    opt_cache ? "cache section failed" : "no \"cache\" in --only");
	target_line("checkpoint overhead (64 KiB every 100 requests, mean)",
		    tgt_ckpt_pct, 1, " %", 5, true,
		    opt_cache ? "cache section failed" : "no \"cache\" in --only");
	sv_why = opt_save ? "save section failed" : "no \"save\" in --only";
	target_line("alias-save, entries of 1 KiB per second",
		    tgt_save_rate, 0, "", 50000, false, sv_why);
	target_line("alias-restore, entries of 1 KiB per second",
		    tgt_restore_rate, 0, "", 50000, false, sv_why);
	target_line("save: freeze per 10,000 entries",
		    tgt_save_freeze_ms, 1, " ms", 50, true, sv_why);
	target_line("save: bytes of the file per entry beyond its payload",
		    tgt_save_bytes, 1, " B", 64, true, sv_why);
	target_line("failover minus the victim's death (median per trial)",
		    tgt_failover_us / 1000, 2, " ms", 0.3, true,
		    !opt_trials ? "--failover 0" :
		    !transports[T_FTALIAS].selected ? "no \"ftalias\" in --only" :
		    "no trial succeeded");
}

/* ------------------------------------------------------------------ */
/*
 * Where the CPU goes ("profile" in --only, or --profile): a pinned 64 B
 * (and 4 KiB) round-trip loop of ftalias, then of unix-dgram, each sampled
 * by "perf record -e cpu-clock -g" on the pinned CPU.  cpu-clock is a
 * software clock (TCG has no PMU); each sample's period is the CPU time
 * it stands for, in ns.  One perf runs through all the loops (its start
 * and perf script take long under TCG), with its events disabled (-D -1);
 * measure() enables them over perf's control FIFO once the clients of a
 * loop are ready and disables them when they are done, so that only the
 * measured loops are sampled, and a loop's replies are its requests.
 * perf's clock is CLOCK_MONOTONIC (-k), as ours: a sample belongs to the
 * loop whose enabled window holds its time.
 *
 * Each sample goes to the first frame of its kernel call chain that is
 * not a lock or interrupt-flag helper: with interrupts off the sampling
 * interrupt waits for them to be enabled again, so such samples land on
 * _raw_spin_unlock_irqrestore() and belong to its caller.  The frames are
 * sorted into categories by name (prof_cats); a sample of the idle task
 * is idle time, not the loop's.
 */
enum {
	PROF_PERIOD_NS = 250000,	/* 4 kHz */
	PROF_TOP = 12,			/* symbols listed per profile */
	PROF_SYM = 64,
	PROF_ACK_MS = 60000,		/* perf's answer to a command */
	PROF_START_MS = 900000,		/* its start under TCG: minutes when busy */
};

enum {
	PC_PROTO, PC_SKB, PC_SCHED, PC_SYSCALL, PC_USER, PC_IRQ, PC_OTHER,
	PC_NR
};

/* Matched in this order, by substring; PC_PROTO by DSO or prefix. */
static const struct {
	const char *name;
	const char *const *match;
} prof_cats[PC_NR] = {
	[PC_PROTO] = { "protocol (ftalias module / af_unix)",
		(const char *const[]){ NULL } },
	[PC_IRQ] = { "interrupts, timers, perf's sampling",
		(const char *const[]){ "perf_", "hrtimer", "apic", "sysvec",
			"irq_exit", "irq_enter", "__irq", "tick", "timer",
			"softirq", "clockevent", "native_write_msr", NULL } },
	[PC_SCHED] = { "scheduler, wake-up, wait",
		(const char *const[]){ "sched", "wake", "ttwu", "enqueue_",
			"dequeue_", "pick_next", "pick_task", "put_prev",
			"set_next", "switch_to", "__switch", "switch_mm",
			"update_curr", "update_load", "update_cfs", "update_rq",
			"update_min_vruntime", "reweight", "place_entity",
			"balance", "newidle", "psi_", "task_tick",
			"finish_task_switch", "prepare_task_switch",
			"select_task_rq", "check_preempt", "resched",
			"prepare_to_wait", "finish_wait", "wait_woken",
			"cpuacct", "account_", "vtime", "vruntime",
			"__calc_delta", "set_task_cpu", "activate_task",
			"mm_cid", "rseq", "__cgroup_account", "cgroup_rstat",
			"sock_def_readable", "sock_def_write_space", NULL } },
	[PC_SYSCALL] = { "syscall entry/exit, socket layer",
		(const char *const[]){ "entry_SYSCALL", "syscall",
			"exit_to_user", "__x64_sys", "__sys_", "___sys_",
			"sock_sendmsg", "sock_recvmsg", "copy_msghdr",
			"__copy_msghdr", "move_addr_to", "sockfd_lookup",
			"__fget", "fdget", "fput", "import_iovec",
			"security_", "apparmor", "selinux", "bpf_lsm",
			"__audit", "srso_", "return_thunk", "clear_bhb",
			"fpregs", "fpu", "scm_", "__cmsg", "put_cmsg",
			"cmsghdr", "sock_def_", "lock_sock", "release_sock",
			NULL } },
	[PC_SKB] = { "skb alloc/free/copy, slab, memcg",
		(const char *const[]){ "skb", "kmem_cache", "kmalloc",
			"kfree", "slab", "alloc_pages", "free_pages",
			"free_unref", "get_page_from_freelist", "memcg",
			"obj_cgroup", "obj_stock", "copy_", "memcpy",
			"memmove", "memset", "csum", "check_object_size",
			"check_heap_object", "virt_addr_valid", "ksize",
			"sock_wfree", "sock_rfree", "sock_alloc_send",
			"page_frag", "rep_movs", "clear_page", "iov_iter",
			"_copy", "__kmem", "krealloc", "kvfree", NULL } },
	[PC_USER] = { "user space (the bench, libc)",
		(const char *const[]){ NULL } },
	[PC_OTHER] = { "other kernel", (const char *const[]){ NULL } },
};

/* Frames a sample skips to its caller's: see above. */
static const char *const prof_helpers[] = {
	"_raw_spin_", "_raw_read_", "_raw_write_", "__raw_spin",
	"queued_spin", "queued_read", "queued_write", "native_queued",
	"__local_bh_enable", "local_bh_enable", "__rcu_read_unlock",
	"rcu_read_unlock", "preempt_schedule", "__preempt", "spin_unlock",
	"mutex_unlock", "mutex_lock", "up_read", "down_read", "up_write",
	"down_write", NULL,
};

struct prof_sym {
	char name[PROF_SYM];
	int cat;
	uint64_t ns;
};

struct prof {
	bool done;
	int64_t on, off;	/* the window perf was enabled in */
	char why[96];		/* why there is no profile */
	uint64_t requests;
	uint64_t ctxt;		/* context switches in the guest meanwhile */
	uint64_t busy_ns, idle_ns, perf_ns, proto_incl_ns;
	uint64_t cat_ns[PC_NR];
	unsigned int samples;
	struct prof_sym *syms;
	unsigned int nsyms, cap;
};

static const char *prof_perf = "perf";
static struct prof *prof_cur;	/* the loop measured */
static char prof_dir[64];
static pid_t prof_pid = -1;
static int prof_ctl = -1, prof_ack = -1;
static char prof_err[160];	/* what perf said when it failed */

static bool prof_match(const char *sym, const char *const *m)
{
	for (; *m; m++)
		if (strstr(sym, *m))
			return true;
	return false;
}

static bool prof_is_proto(const char *sym, const char *dso)
{
	return !strcmp(dso, "[ftalias]") || !strncmp(sym, "unix_", 5) ||
	       !strncmp(sym, "__unix_", 7) || !strncmp(sym, "ftalias_", 8);
}

static int prof_category(const char *sym, const char *dso, bool user)
{
	static const int order[] = { PC_IRQ, PC_SCHED, PC_SYSCALL, PC_SKB };
	unsigned int i;

	if (user)
		return PC_USER;
	if (prof_is_proto(sym, dso))
		return PC_PROTO;
	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		if (prof_match(sym, prof_cats[order[i]].match))
			return order[i];
	return PC_OTHER;
}

static void prof_add_sym(struct prof *p, const char *sym, int cat,
			 uint64_t ns)
{
	unsigned int i;

	for (i = 0; i < p->nsyms; i++) {
		if (!strcmp(p->syms[i].name, sym)) {
			p->syms[i].ns += ns;
			return;
		}
	}
	if (p->nsyms == p->cap) {
		unsigned int cap = p->cap ? 2 * p->cap : 256;
		struct prof_sym *n = realloc(p->syms, cap * sizeof(*n));

		if (!n)
			return;
		p->syms = n;
		p->cap = cap;
	}
	snprintf(p->syms[p->nsyms].name, PROF_SYM, "%s", sym);
	p->syms[p->nsyms].cat = cat;
	p->syms[p->nsyms++].ns = ns;
}

/* One sample: its period, the idle task's or not, its frames. */
struct prof_sample {
	uint64_t ns;
	bool idle, perf, user, proto_seen, placed;
	char sym[PROF_SYM];
	int cat;
};

static void prof_end_sample(struct prof *p, struct prof_sample *s)
{
	if (!s->ns)
		return;
	p->samples++;
	if (s->idle) {
		p->idle_ns += s->ns;
	} else if (s->perf) {
		p->perf_ns += s->ns;
	} else {
		if (!s->placed) {	/* no kernel frame: user space */
			s->cat = PC_USER;
			strcpy(s->sym, "[user space]");
		}
		p->busy_ns += s->ns;
		p->cat_ns[s->cat] += s->ns;
		if (s->proto_seen)
			p->proto_incl_ns += s->ns;
		prof_add_sym(p, s->sym, s->cat, s->ns);
	}
	memset(s, 0, sizeof(*s));
}

/* The loop whose window holds t (ns), or NULL. */
static struct prof *prof_at(struct prof *profs, unsigned int n, int64_t t)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (profs[i].done && profs[i].on <= t && t <= profs[i].off)
			return &profs[i];
	return NULL;
}

/*
 * perf script -F comm,time,period,ip,sym,dso --ns: a line "comm
 * seconds.nanoseconds: period" per sample, then one "\taddress symbol
 * (dso)" line per frame, innermost first, then an empty line.
 */
static void prof_parse(struct prof *profs, unsigned int nprofs, FILE *f)
{
	struct prof_sample s = {};
	char line[512], comm[64], sym[256], *lp, *rp;
	unsigned long long ns, ip, sec, nsec;
	struct prof *p = NULL;
	int off;

	while (fgets(line, sizeof(line), f)) {
		if (line[0] == '\n') {
			if (p)
				prof_end_sample(p, &s);
			continue;
		}
		if (line[0] != '\t') {
			if (p)
				prof_end_sample(p, &s);
			memset(&s, 0, sizeof(s));
			p = NULL;
			if (sscanf(line, "%63s %llu.%llu: %llu", comm, &sec, &nsec,
				   &ns) == 4)
				p = prof_at(profs, nprofs,
					    (int64_t)(sec * 1000000000ULL + nsec));
			if (p) {
				s.ns = ns;
				s.idle = !strncmp(comm, "swapper", 7);
				s.perf = !strcmp(comm, "perf");
			}
			continue;
		}
		if (!s.ns || sscanf(line, " %llx %n", &ip, &off) != 1)
			continue;
		lp = strrchr(line, '(');
		rp = lp ? strrchr(lp, ')') : NULL;
		if (!lp || !rp || lp - line <= off)
			continue;
		*rp = 0;
		lp[-1] = 0;
		snprintf(sym, sizeof(sym), "%s", line + off);
		if (ip < 0xffff800000000000ULL)	/* a user-space frame */
			continue;
		if (prof_is_proto(sym, lp + 1))
			s.proto_seen = true;
		if (s.placed || prof_match(sym, prof_helpers))
			continue;
		s.placed = true;
		s.cat = prof_category(sym, lp + 1, false);
		if (!strcmp(lp + 1, "[ftalias]"))
			snprintf(s.sym, sizeof(s.sym), "%.50s [ftalias]", sym);
		else
			snprintf(s.sym, sizeof(s.sym), "%.60s", sym);
	}
	if (p)
		prof_end_sample(p, &s);
}

/*
 * Send perf a control command ("enable", "disable"), wait ms for its
 * ack ("ack\n\0").
 */
static bool prof_cmd_wait(const char *cmd, int ms)
{
	struct pollfd pf = { .fd = prof_ack, .events = POLLIN };
	char ack[16];
	ssize_t n;

	if (write(prof_ctl, cmd, strlen(cmd)) != (ssize_t)strlen(cmd))
		return false;
	if (poll(&pf, 1, ms) != 1)
		return false;
	n = read(prof_ack, ack, sizeof(ack) - 1);
	return n > 0 && !strncmp(ack, "ack", 3);
}

static bool prof_cmd(const char *cmd)
{
	return prof_cmd_wait(cmd, PROF_ACK_MS);
}

static bool prof_hook(bool on)
{
	bool ok;

	if (on)
		prof_cur->on = now_ns();
	ok = prof_cmd(on ? "enable\n" : "disable\n");
	if (!on)
		prof_cur->off = now_ns();
	return ok;
}

static void prof_read_err(void)
{
	char path[96];
	FILE *f;

	prof_err[0] = 0;
	snprintf(path, sizeof(path), "%s/perf.err", prof_dir);
	f = fopen(path, "r");
	if (!f)
		return;
	while (fgets(prof_err, sizeof(prof_err), f) &&
	       (prof_err[0] == '\n' || strstr(prof_err, "perf record:")))
		;
	fclose(f);
	prof_err[strcspn(prof_err, "\n")] = 0;
}

/*
 * perf record on cpu, its events disabled, writing to prof_dir; returns
 * once it has answered its first control command.
 */
static int prof_start(int cpu, char *why, size_t len)
{
	char ctl[96], ack[96], data[96], err[96], cpus[16], period[16];
	char control[200];
	struct pollfd pf = { .events = POLLIN };
	int i;

	snprintf(ctl, sizeof(ctl), "%s/ctl", prof_dir);
	snprintf(ack, sizeof(ack), "%s/ack", prof_dir);
	snprintf(data, sizeof(data), "%s/perf.data", prof_dir);
	snprintf(err, sizeof(err), "%s/perf.err", prof_dir);
	unlink(ctl);
	unlink(ack);
	if (mkfifo(ctl, 0600) || mkfifo(ack, 0600)) {
		snprintf(why, len, "mkfifo: %s", strerror(errno));
		return -1;
	}
	/* Read-write: neither open waits for perf. */
	prof_ctl = open(ctl, O_RDWR | O_CLOEXEC);
	prof_ack = open(ack, O_RDWR | O_CLOEXEC);
	if (prof_ctl < 0 || prof_ack < 0) {
		snprintf(why, len, "open fifo: %s", strerror(errno));
		return -1;
	}
	pf.fd = prof_ack;
	snprintf(control, sizeof(control), "fifo:%s,%s", ctl, ack);
	snprintf(cpus, sizeof(cpus), "%d", cpu);
	snprintf(period, sizeof(period), "%d", PROF_PERIOD_NS);
	prof_pid = fork();
	if (prof_pid < 0) {
		snprintf(why, len, "fork: %s", strerror(errno));
		return -1;
	}
	if (!prof_pid) {
		int fd = open(err, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
			      0600);
		cpu_set_t set = base_cpus;

		if (fd >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
		}
		/* perf itself off the CPU it samples, if there is another */
		CPU_CLR(cpu, &set);
		if (!CPU_COUNT(&set) ||
		    sched_setaffinity(0, sizeof(set), &set))
			pin_to(-1);
		execlp(prof_perf, prof_perf, "record", "-e", "cpu-clock",
		       "-c", period, "-C", cpus, "-g", "-D", "-1",
		       "-k", "CLOCK_MONOTONIC", "--no-buildid",
		       "--no-buildid-cache", "--no-bpf-event", "--synth=no",
		       "--control", control, "-o", data, (char *)NULL);
		_exit(127);
	}
	/*
	 * Ready when it answers a first command (perf 6.1 has no "ping"):
	 * it reads its control FIFO once it has started, which takes a
	 * minute or more under TCG.
	 */
	for (i = 0; i * 1000 < PROF_START_MS; i++) {
		if (waitpid(prof_pid, NULL, WNOHANG) == prof_pid) {
			prof_pid = -1;
			snprintf(why, len, "perf record exited");
			return -1;
		}
		if (!i && write(prof_ctl, "disable\n", 8) != 8)
			break;
		if (poll(&pf, 1, 1000) == 1)
			break;
	}
	if (poll(&pf, 1, 0) != 1 ||
	    read(prof_ack, ack, sizeof(ack)) <= 0 || strncmp(ack, "ack", 3)) {
		snprintf(why, len, "perf record does not answer");
		return -1;
	}
	return 0;
}

static void prof_stop(void)
{
	if (prof_pid > 0) {
		kill(prof_pid, SIGINT);
		waitpid(prof_pid, NULL, 0);
	}
	prof_pid = -1;
	if (prof_ctl >= 0)
		close(prof_ctl);
	if (prof_ack >= 0)
		close(prof_ack);
	prof_ctl = prof_ack = -1;
}

/* One loop: transport t, size, pinned (perf is running), for ms. */
/* The context switches of the whole guest so far (/proc/stat ctxt). */
static uint64_t ctxt_switches(void)
{
	unsigned long long v = 0;
	char line[256];
	FILE *f = fopen("/proc/stat", "r");

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "ctxt %llu", &v) == 1)
			break;
	fclose(f);
	return v;
}

static void prof_run(const struct transport *t, unsigned int size,
		     unsigned int ms, struct prof *p)
{
	struct figure f = {};
	uint64_t ctxt = ctxt_switches();

	p->done = true;
	prof_cur = p;
	measure_hook = prof_hook;
	measure(t, size, 1, 0, ms, &f);
	measure_hook = NULL;
	p->ctxt = ctxt_switches() - ctxt;
	free(f.samples);
	if (f.err) {
		snprintf(p->why, sizeof(p->why), "%s", f.why);
		p->done = false;
		return;
	}
	p->requests = f.replies;
}

/* perf script of the whole run, its samples shared out to the loops. */
static void prof_script(struct prof *profs, unsigned int n)
{
	char cmd[256];
	unsigned int i;
	FILE *out;

	snprintf(cmd, sizeof(cmd),
		 "%s script -i %s/perf.data -F comm,time,period,ip,sym,dso --ns 2>/dev/null",
		 prof_perf, prof_dir);
	out = popen(cmd, "r");
	if (!out) {
		for (i = 0; i < n; i++)
			snprintf(profs[i].why, sizeof(profs[i].why),
				 "perf script: %s", strerror(errno));
		return;
	}
	prof_parse(profs, n, out);
	pclose(out);
	for (i = 0; i < n; i++)
		if (profs[i].done && !profs[i].why[0] && !profs[i].samples)
			snprintf(profs[i].why, sizeof(profs[i].why),
				 "no samples");
}

static int cmp_sym(const void *a, const void *b)
{
	const struct prof_sym *x = a, *y = b;

	return x->ns < y->ns ? 1 : x->ns > y->ns ? -1 : 0;
}

static bool prof_ok(const struct prof *p)
{
	return p->done && !p->why[0] && p->requests && p->busy_ns;
}

/* CPU microseconds per request. */
static double prof_us(const struct prof *p, uint64_t ns)
{
	return ns / 1000.0 / p->requests;
}

static void prof_print(const char *name, struct prof *p)
{
	unsigned int i, n;

	printf("\n  %s: top symbols (self, the lock helpers' samples given to their caller)\n",
	       name);
	qsort(p->syms, p->nsyms, sizeof(*p->syms), cmp_sym);
	for (i = 0, n = 0; i < p->nsyms && n < PROF_TOP; i++, n++)
		printf("    %5.1f %%  %6.2f us  %-44s %s\n",
		       100.0 * p->syms[i].ns / p->busy_ns,
		       prof_us(p, p->syms[i].ns), p->syms[i].name,
		       prof_cats[p->syms[i].cat].name);
	if (!strcmp(name, "ftalias")) {
		printf("  ftalias module functions:\n");
		for (i = 0, n = 0; i < p->nsyms && n < PROF_TOP; i++) {
			if (p->syms[i].cat != PC_PROTO)
				continue;
			printf("    %5.1f %%  %6.2f us  %s\n",
			       100.0 * p->syms[i].ns / p->busy_ns,
			       prof_us(p, p->syms[i].ns), p->syms[i].name);
			n++;
		}
	}
}

/* Per request, the CPU of symbol @name in @p, in microseconds. */
static double prof_sym_us(const struct prof *p, const char *name)
{
	unsigned int i;

	for (i = 0; i < p->nsyms; i++)
		if (!strcmp(p->syms[i].name, name))
			return prof_us(p, p->syms[i].ns);
	return 0;
}

struct prof_diff {
	const char *name;
	int cat;
	double us;
};

static int cmp_diff(const void *a, const void *b)
{
	const struct prof_diff *x = a, *y = b;

	return x->us < y->us ? 1 : x->us > y->us ? -1 : 0;
}

/*
 * Where ftalias's extra CPU per request goes: the symbols whose time per
 * request differs most between ftalias (@f) and unix-dgram (@u), the
 * module's own functions counted against af_unix's as one "protocol" row.
 */
static void prof_print_diff(const struct prof *f, const struct prof *u)
{
	struct prof_diff *d = calloc(f->nsyms + u->nsyms + 1, sizeof(*d));
	double proto = (f->cat_ns[PC_PROTO] / 1000.0) / f->requests -
		       (u->cat_ns[PC_PROTO] / 1000.0) / u->requests;
	unsigned int i, n = 0;

	if (!d)
		return;
	d[n++] = (struct prof_diff){ "(ftalias module - af_unix code)",
				     PC_PROTO, proto };
	for (i = 0; i < f->nsyms; i++)
		if (f->syms[i].cat != PC_PROTO)
			d[n++] = (struct prof_diff){ f->syms[i].name,
				f->syms[i].cat,
				prof_us(f, f->syms[i].ns) -
				prof_sym_us(u, f->syms[i].name) };
	for (i = 0; i < u->nsyms; i++)
		if (u->syms[i].cat != PC_PROTO &&
		    !prof_sym_us(f, u->syms[i].name))
			d[n++] = (struct prof_diff){ u->syms[i].name,
				u->syms[i].cat, -prof_us(u, u->syms[i].ns) };
	qsort(d, n, sizeof(*d), cmp_diff);
	printf("\n  ftalias - unix-dgram, the largest differences per request (self time)\n");
	for (i = 0; i < n && i < PROF_TOP; i++)
		printf("    %+7.2f us  %-44s %s\n", d[i].us, d[i].name,
		       prof_cats[d[i].cat].name);
	free(d);
}

static void profile_section(void)
{
	static const int pt[2] = { T_FTALIAS, T_UNIX_DGRAM };
	struct prof prof[NSZ][2] = {};
	unsigned int ms = opt_duration_ms * 2, si, i, c;
	int cpu = pin_cpu(), k;
	int64_t t0 = now_ns(), t1;
	char why[96];

	printf("\nWhere the CPU goes: perf record -e cpu-clock -g (%d us period) on CPU %d\n"
	       "while a pinned 1-client round-trip loop runs for %u ms; per request: the\n"
	       "CPU time of the samples of the loop (not the idle task's) over its requests\n",
	       PROF_PERIOD_NS / 1000, cpu, ms);
	for (i = 0; i < 2; i++) {
		if (transports[pt[i]].skip) {
			printf("  skipped: %s: %s\n", transports[pt[i]].name,
			       transports[pt[i]].skip);
			return;
		}
	}
	if (system("command -v perf >/dev/null 2>&1")) {
		printf("  skipped: no perf in PATH (Debian: apt-get install linux-perf;\n"
		       "  make deps installs it)\n");
		return;
	}
	snprintf(prof_dir, sizeof(prof_dir), "/tmp/ftalias-bench-perf-%d",
		 run_id);
	if (mkdir(prof_dir, 0700) && errno != EEXIST) {
		printf("  skipped: mkdir %s: %s\n", prof_dir, strerror(errno));
		return;
	}
	if (prof_start(cpu, why, sizeof(why))) {
		prof_stop();
		prof_read_err();
		printf("  skipped: %s%s%s\n", why, prof_err[0] ? ": " : "",
		       prof_err);
		return;
	}
	printf("  perf record ready after %.1f s\n", (now_ns() - t0) / 1e9);
	if (pin_to(cpu)) {
		printf("  skipped: sched_setaffinity(CPU %d): %s\n", cpu,
		       strerror(errno));
		prof_stop();
		return;
	}
	for (si = 0; si < opt_nsizes; si++)
		for (i = 0; i < 2; i++)
			prof_run(&transports[pt[i]], opt_sizes[si], ms,
				 &prof[si][i]);
	pin_to(-1);
	prof_stop();
	t1 = now_ns();
	printf("  loops done after %.1f s, perf script...\n", (t1 - t0) / 1e9);
	prof_script(&prof[0][0], NSZ * 2);

	for (si = 0; si < opt_nsizes; si++) {
		printf("\n  %u B, CPU per request in microseconds (share of the busy samples)\n",
		       opt_sizes[si]);
		for (i = 0; i < 2; i++) {
			struct prof *p = &prof[si][i];

			if (!prof_ok(p))
				printf("  %s: no profile: %s\n",
				       transports[pt[i]].name,
				       p->why[0] ? p->why : "no requests");
		}
		printf("  %-40s %16s %16s %9s\n", "", "ftalias", "unix-dgram",
		       "ftalias-unix");
		for (c = 0; c <= PC_NR; c++) {
			double v[2] = { NAN, NAN };

			printf("  %-40s", c < PC_NR ? prof_cats[c].name :
			       "total (busy samples)");
			for (k = 0; k < 2; k++) {
				struct prof *p = &prof[si][k];
				uint64_t ns = c < PC_NR ? p->cat_ns[c] : p->busy_ns;

				if (!prof_ok(p)) {
					printf(" %16s", "-");
					continue;
				}
				v[k] = prof_us(p, ns);
				printf(" %7.2f (%5.1f%%)", v[k],
				       100.0 * ns / p->busy_ns);
			}
			if (!isnan(v[0]) && !isnan(v[1]))
				printf(" %+9.2f", v[0] - v[1]);
			printf("\n");
		}
		for (k = 0; k < 2; k++) {
			struct prof *p = &prof[si][k];

			if (!prof_ok(p))
				continue;
			printf("  %s: %" PRIu64 " requests, %.2f context switches each (whole run),\n"
			       "    %u samples, idle %.1f %%, perf itself %.1f %%;\n"
			       "    in or under %s code (call chain): %.2f us per request\n",
			       transports[pt[k]].name, p->requests,
			       (double)p->ctxt / p->requests, p->samples,
			       100.0 * p->idle_ns /
			       (p->idle_ns + p->perf_ns + p->busy_ns),
			       100.0 * p->perf_ns /
			       (p->idle_ns + p->perf_ns + p->busy_ns),
			       k ? "af_unix" : "ftalias module",
			       prof_us(p, p->proto_incl_ns));
		}
		for (k = 0; k < 2; k++)
			if (prof_ok(&prof[si][k]))
				prof_print(transports[pt[k]].name,
					   &prof[si][k]);
		if (prof_ok(&prof[si][0]) && prof_ok(&prof[si][1]))
			prof_print_diff(&prof[si][0], &prof[si][1]);
	}
	for (si = 0; si < opt_nsizes; si++)
		for (i = 0; i < 2; i++)
			free(prof[si][i].syms);
	if (system("rm -rf /tmp/ftalias-bench-perf-[0-9]*")) {
		/* a leftover directory in /tmp: harmless */
	}
	printf("\n  (the loops under perf took %.0f s, perf script %.0f s)\n",
	       (t1 - t0) / 1e9, (now_ns() - t1) / 1e9);
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
		{ "pin-cpu", required_argument, NULL, 'p' },
		{ "profile", no_argument, NULL, 'R' },
		{ "cache-entries", required_argument, NULL, 'e' },
		{ "drops", required_argument, NULL, 'D' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	const char *only = "ftalias,unix,udp,tipc,pinned,cache,conn,save", *cs;
	unsigned int si, ci;
	bool any = false;
	char date[64], cs_buf[64] = "?";
	struct utsname u;
	time_t now;
	FILE *f;
	int c, n;

	while ((c = getopt_long(argc, argv, "o:d:r:s:c:w:PW:f:a:C:p:Re:D:h", lopts, NULL)) != -1) {
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
		case 'R':
			opt_profile = true;
			break;
		case 'p':
			if (parse_list(optarg, &v, 1, 0, CPU_SETSIZE - 1) != 1)
				goto bad;
			opt_pin_cpu = v;
			break;
		case 'e':
			if (parse_list(optarg, &opt_cache_entries, 1, RC_SMALL,
				       1 << 24) != 1)
				goto bad;
			break;
		case 'D':
			if (parse_list(optarg, &opt_drops, 1, 1, CN_MAX_DROPS) != 1)
				goto bad;
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
	if (sched_getaffinity(0, sizeof(base_cpus), &base_cpus)) {
		perror("ftalias_bench: sched_getaffinity");
		return 1;
	}
	signal(SIGPIPE, SIG_IGN);
	setvbuf(stdout, NULL, _IOLBF, 0);

	if (transports[T_FTALIAS].selected || opt_pinned || opt_profile)
		transports[T_FTALIAS].skip = setup_ftalias();
	if (transports[T_TIPC].selected)
		transports[T_TIPC].skip = setup_tipc();
	setup_unix();
	if ((transports[T_UNIX_DGRAM].selected ||
	     transports[T_UNIX_SEQPACKET].selected || opt_pinned) &&
	    !opt_no_pipeline &&
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

	for (n = 0; n < NR_T; n++)
		any |= transports[n].selected;
	if (any) {
		printf("\nround trip: 1 request in flight per client; pipelined: %u per client\n"
		       "latency in microseconds, req/s of all clients together\n\n",
		       opt_window);
		printf("%-10s %6s %7s  %-15s %9s %9s %10s\n", "mode", "bytes",
		       "clients", "transport", "median", "p99", "req/s");
	}
	for (si = 0; any && si < opt_nsizes; si++)
		for (ci = 0; ci < opt_nclients; ci++)
			measure_group(si, ci);

	if (transports[T_FTALIAS].selected && !transports[T_FTALIAS].skip) {
		printf("\nftalias / peer, unpinned (the targets: the last block)\n\n");
		printf("%6s %7s  %-15s %-20s %-20s %s\n", "bytes", "clients",
		       "peer", "round-trip median", "round-trip req/s",
		       "pipelined req/s");
		for (si = 0; si < opt_nsizes; si++)
			for (ci = 0; ci < opt_nclients; ci++)
				print_ratios(si, ci);
	}
	if (opt_pinned)
		pinned_section();
	if (transports[T_FTALIAS].selected && !transports[T_FTALIAS].skip &&
	    opt_trials)
		failover();
	if (opt_conn)
		conn_section();
	if (opt_cache)
		cache_section();
	if (opt_save)
		save_section();
	if (opt_profile)
		profile_section();
	if (transports[T_FTALIAS].selected || opt_pinned || opt_cache ||
	    opt_save)
		targets_block();
	cleanup_ftalias();
	return 0;
bad:
	usage(stderr);
	return 2;
}
