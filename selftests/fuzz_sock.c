// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_sock: the AF_FTALIAS socket fuzzer.
 *
 * Worker processes make random sequences of socket, bind, connect, listen,
 * accept, sendmsg/sendmmsg, recvmsg/recvmmsg, setsockopt, getsockopt,
 * poll/epoll, shutdown, getsockname/getpeername, ioctl, fcntl, dup and
 * close calls on a small fd table, with random addresses (alias and port
 * types, ids from the pool of the namespace or random, short, exact and
 * long lengths, other families), control messages of every SOL_FTALIAS
 * type with right and wrong lengths and contents (FTALIAS_CMSG_ID_OUT with
 * good and bad user addresses, truncated headers, SCM_RIGHTS junk), flags
 * and sizes (0 .. 70000, the 65536 boundary), replies to IDs seen and
 * explicit-ID re-sends.  Workers live in the initial network namespace and
 * in --netns others; one in four runs as nobody (no CAP_NET_ADMIN), so
 * the alias modes (0666, 0444, 0222, 0600 for nobody, 0) decide.  A
 * periodic SIGALRM (no SA_RESTART) bounds every blocking call, and lands
 * in the middle of the kernel's waits.
 *
 * The parent, from its own stream, kills -9 a random worker and respawns
 * it with a new stream id, makes netlink admin calls (alias add/del/set,
 * member-set, cache-flush, conn-drop) and deletes and recreates a whole
 * namespace under traffic (--no-chaos: none of it).
 *
 * Oracles: no errno >= 4096, none of 512..530 (ERESTART* leaking), no
 * ENOSYS, no return value below -1 or above what was asked; sendmsg of
 * more than FTALIAS_MSG_MAX never succeeds; recvmsg's msg_controllen
 * never grows; getsockopt(SOL_FTALIAS) never returns a longer optlen; no
 * signal but the parent's SIGKILL ends a worker (SIGSEGV/SIGBUS from a
 * bad kernel copy); every SIGKILLed worker is reaped within 10 s (else
 * its /proc/PID/stack and wchan are printed: a stuck task); at the end no
 * alias, member or connection is left, every namespace's FTALIAS socket
 * count (/proc/net/protocols) is 0 and the module's refcnt is back to its
 * value before the run; no "BUG:", "WARNING:", KASAN, UBSAN, lockdep or
 * hung-task report appeared in the kernel log.  The run sets
 * hung_task_timeout_secs to 10 (restored at the end).
 *
 * Options (besides fz_parse's --seed --count --seconds --steps --minimize):
 *   --procs N     workers (default 4, at most 32)
 *   --netns N     namespaces besides the initial one (default 1, at most 3)
 *   --no-chaos    no kills, no admin calls, no namespace churn
 *   --unpriv 1    the single worker of --procs 1 runs as nobody
 *   --kmemleak 0  skip the kmemleak scan at the end (debug kernel)
 *   --mask LIST   ops not to make (comma separated op names, see ops[])
 * FTALIAS_FUZZ_SOCK_SELFCHECK=1 makes any data received a failure: a test
 * of the reduction (--procs 1 --no-chaos --minimize).
 * --count is the total number of calls of all workers (default 200000);
 * with --procs 1 --no-chaos the number of steps (a step makes 1 to 5
 * calls: a socket, say, gets its timeouts, a bind and a listen).
 *
 * Reproducing: with --procs 1 --no-chaos the run is deterministic (one
 * worker, in a fresh namespace it sets up itself, every step drawn from
 * fz_rng_init(seed, stream 1, step)): a failure it detects prints
 *   selftests/fuzz_sock --procs 1 --no-chaos --seed S --steps LIST
 * and with --minimize LIST is reduced by fz_ddmin, each attempt in a
 * fresh child and namespace.  Timing still enters a little: a blocking
 * call ends with EAGAIN (SO_RCVTIMEO) or EINTR (the alarm), grace periods
 * expire in the kernel's own time.
 * With several workers, kills and admin calls, interleavings differ from
 * run to run: the seed gives each worker's stream of calls and the
 * parent's stream of actions, not their order.  A failure then prints the
 * seed, every worker's stream id and the ring of its last 32 calls;
 * replaying one worker's stream (--procs 1 --no-chaos) may or may not
 * fail.  A kernel splat panics the debug guest: the last "ftalias-fuzz:"
 * mark in the console names the seed, a stream and its step.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/sockios.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <grp.h>

#include "lib/fuzz_util.h"
#include "lib/dp_util.h"

#define NSLOT		8
#define MAXPROCS	32
#define MAXNS		4
#define NALIAS		6
#define MOD_REFCNT	"/sys/module/ftalias/refcnt"
#define NPORTS		32
#define NIDS		16
#define RING		32
#define RINGLEN		120
#define BIGBUF		(70000 + 64)
#define NOBODY		65534
#define KILL_WAIT_MS	10000

enum {
	OP_SOCKET, OP_BIND, OP_CONNECT, OP_LISTEN, OP_ACCEPT, OP_SEND,
	OP_SENDMMSG, OP_REPLY, OP_RESEND, OP_RECV, OP_RECVMMSG, OP_SETOPT,
	OP_GETOPT, OP_POLL, OP_EPOLL, OP_SHUTDOWN, OP_GETNAME, OP_IOCTL,
	OP_FCNTL, OP_DUP, OP_CLOSE, OP_RW, OP_CKPT, NOP
};

static const char *const ops[NOP] = {
	"socket", "bind", "connect", "listen", "accept", "send", "sendmmsg",
	"reply", "resend", "recv", "recvmmsg", "setsockopt", "getsockopt",
	"poll", "epoll", "shutdown", "getname", "ioctl", "fcntl", "dup",
	"close", "rw", "checkpoint",
};

/* Weights of the ops, out of their sum. */
static const unsigned int weight[NOP] = {
	8, 6, 5, 2, 4, 16, 2, 6, 2, 16, 2, 6, 5, 3, 2, 1, 3, 1, 1, 1, 4, 2, 3,
};

struct pool {
	uint32_t alias[NALIAS];
	uint32_t port[NPORTS];
	struct ftalias_id id[NIDS];
	unsigned int nport, nid;
};

struct wslot {
	pid_t pid;
	uint64_t stream;
	int ns;
	bool unpriv;
	uint64_t step, calls;
	unsigned int ring_pos;
	char ring[RING][RINGLEN];
};

struct shm {
	atomic_ullong total;
	atomic_ullong opcount[NOP];
	atomic_ullong hist[4097];
	atomic_int stop;
	atomic_int failed;
	char fail[256];
	char kind[64];
	uint64_t fail_step;
	struct pool pool[MAXNS];
	struct wslot w[MAXPROCS];
};

static struct fz_opts o;
static struct shm *shm;
static int af;
static int nprocs = 4, nnetns = 1, kmemleak = 1;
static bool no_chaos, unpriv1;
static bool masked[NOP];
/* FTALIAS_FUZZ_SOCK_SELFCHECK=1: any data received is a "failure" */
static bool selfcheck;

/* ---- worker state ---------------------------------------------------- */

static struct wslot *me;
static struct pool *pl;
static int fds[NSLOT];
static int epfd = -1;
static char *big;		/* BIGBUF bytes of data */
static char *rbuf;		/* BIGBUF bytes to receive into */
static char *page;		/* RW page, PROT_NONE page, read-only page */
static long pagesz;
static int cur_op;
static uint64_t cur_step;
static char *cur_ring;
static volatile sig_atomic_t alarms;

static int opt_other(const char *opt, const char *val)
{
	if (!strcmp(opt, "--procs")) {
		nprocs = atoi(val);
	} else if (!strcmp(opt, "--netns")) {
		nnetns = atoi(val);
	} else if (!strcmp(opt, "--unpriv")) {
		unpriv1 = atoi(val) != 0;
	} else if (!strcmp(opt, "--no-chaos")) {
		no_chaos = true;
		return 0;
	} else if (!strcmp(opt, "--kmemleak")) {
		kmemleak = atoi(val);
	} else if (!strcmp(opt, "--mask")) {
		char *dup = strdup(val), *save = NULL, *t;
		int i;

		for (t = strtok_r(dup, ",", &save); t;
		     t = strtok_r(NULL, ",", &save)) {
			for (i = 0; i < NOP && strcmp(ops[i], t); i++)
				;
			if (i == NOP)
				fz_die("unknown op '%s' in --mask", t);
			masked[i] = true;
		}
		free(dup);
	} else {
		return -1;
	}
	return 1;
}

/* ---- the call record and the oracles -------------------------------- */

static void fail(const char *kind, const char *fmt, ...)
{
	va_list ap;
	int expected = 0;

	if (atomic_compare_exchange_strong(&shm->failed, &expected, 1)) {
		va_start(ap, fmt);
		vsnprintf(shm->fail, sizeof(shm->fail), fmt, ap);
		va_end(ap);
		snprintf(shm->kind, sizeof(shm->kind), "%s", kind);
		shm->fail_step = cur_step;
	}
	_exit(3);
}

/* Names the call about to be made in the ring of the worker. */
static void note(const char *fmt, ...)
{
	va_list ap;
	int n;

	cur_ring = me->ring[me->ring_pos++ % RING];
	n = snprintf(cur_ring, RINGLEN, "%" PRIu64 " ", cur_step);
	va_start(ap, fmt);
	vsnprintf(cur_ring + n, RINGLEN - n, fmt, ap);
	va_end(ap);
}

/* The result of the call named by note(): counted and checked. */
static long done(long ret)
{
	int e = errno;
	size_t n = strnlen(cur_ring, RINGLEN);

	me->calls++;
	atomic_fetch_add_explicit(&shm->total, 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&shm->opcount[cur_op], 1,
				  memory_order_relaxed);
	if (ret == -1) {
		snprintf(cur_ring + n, RINGLEN - n, " = -%d", e);
		atomic_fetch_add_explicit(&shm->hist[e < 4096 ? e : 4096], 1,
					  memory_order_relaxed);
		if (e <= 0 || e >= 4096)
			fail("errno-range", "%s: errno %d", ops[cur_op], e);
		if (e >= 512 && e <= 530)
			fail("erestart", "%s: errno %d (ERESTART* leaked)",
			     ops[cur_op], e);
		if (e == ENOSYS)
			fail("enosys", "%s: ENOSYS", ops[cur_op]);
	} else {
		snprintf(cur_ring + n, RINGLEN - n, " = %ld", ret);
		atomic_fetch_add_explicit(&shm->hist[0], 1,
					  memory_order_relaxed);
		if (ret < -1)
			fail("ret-range", "%s: returned %ld", ops[cur_op], ret);
	}
	errno = e;
	return ret;
}

#define CALL(expr, ...) (note(__VA_ARGS__), done((long)(expr)))

/* ---- random pieces ---------------------------------------------------- */

static uint32_t pick_alias(struct fz_rng *r)
{
	if (fz_pct(r, 88))
		return pl->alias[fz_below(r, NALIAS)];
	if (fz_pct(r, 60))
		return 1 + fz_below(r, 64);
	return fz_interesting(r);
}

static uint32_t pick_port(struct fz_rng *r)
{
	if (pl->nport && fz_pct(r, 85))
		return pl->port[fz_below(r, pl->nport < NPORTS ? pl->nport :
					 NPORTS)];
	if (fz_pct(r, 50))
		return 1 + fz_below(r, 256);
	return fz_interesting(r);
}

static void add_port(uint32_t port)
{
	if (port)
		pl->port[pl->nport++ % NPORTS] = port;
}

static void add_id(const struct ftalias_id *id)
{
	pl->id[pl->nid++ % NIDS] = *id;
}

static void pick_id(struct fz_rng *r, struct ftalias_id *id)
{
	if (pl->nid && fz_pct(r, 85)) {
		*id = pl->id[fz_below(r, pl->nid < NIDS ? pl->nid : NIDS)];
		if (fz_pct(r, 10))
			id->xid += (int)fz_below(r, 5) - 2;
		if (fz_pct(r, 4))
			id->incarnation++;
		return;
	}
	memset(id, 0, sizeof(*id));
	id->alias = fz_pct(r, 50) ? pick_alias(r) : 0;
	id->port = pick_port(r);
	id->incarnation = fz_below(r, 3);
	id->xid = fz_pct(r, 70) ? 1 + fz_below(r, 50) : fz_interesting(r);
	if (fz_pct(r, 5))
		id->node = fz_interesting(r);
}

/* A bad user address: NULL, low, unmapped, straddling, read-only, kernel. */
static void *bad_ptr(struct fz_rng *r, size_t len)
{
	switch (fz_below(r, 7)) {
	case 0: return NULL;
	case 1: return (void *)(uintptr_t)(1 + fz_below(r, 4095));
	case 2: return page + pagesz;
	case 3: return page + pagesz - (len > 1 ? len / 2 : 1);
	case 4: return page + 2 * pagesz;
	case 5: return (void *)0xffff888000000000ULL;
	default: return (void *)0x8000000000000000ULL;
	}
}

static int slot(struct fz_rng *r)
{
	return fz_below(r, NSLOT);
}

static socklen_t addr_len(struct fz_rng *r)
{
	static const int lens[] = { 0, 1, 2, 4, 15, 17, 20, 64, 128, 129,
				    4096, -1 };

	if (fz_pct(r, 88))
		return sizeof(struct sockaddr_ftalias);
	return lens[fz_below(r, sizeof(lens) / sizeof(lens[0]))];
}

/* A random destination or bind address into ss; returns its length. */
static socklen_t gen_addr(struct fz_rng *r, struct sockaddr_storage *ss,
			  bool for_bind)
{
	struct sockaddr_ftalias *sa = (void *)ss;
	static const int fams[] = { 0, AF_UNIX, AF_INET, AF_NETLINK, 0xffff };

	memset(ss, 0, sizeof(*ss));
	if (fz_pct(r, 3))
		fz_bytes(r, ss, sizeof(*ss));
	sa->sfa_family = fz_pct(r, 95) ? af :
			 fams[fz_below(r, sizeof(fams) / sizeof(fams[0]))];
	switch (fz_below(r, 20)) {
	case 0:
		sa->sfa_type = fz_pct(r, 50) ? 0 : fz_u64(r);
		break;
	case 1 ... 9:
		sa->sfa_type = FTALIAS_ADDR_ALIAS;
		sa->sfa_alias = pick_alias(r);
		if (fz_pct(r, 8))
			sa->sfa_port = pick_port(r);
		break;
	default:
		sa->sfa_type = FTALIAS_ADDR_PORT;
		if (!for_bind || fz_pct(r, 8))
			sa->sfa_port = pick_port(r);
		if (fz_pct(r, 4))
			sa->sfa_alias = pick_alias(r);
		break;
	}
	if (for_bind && fz_pct(r, 85))
		sa->sfa_port = 0;
	if (fz_pct(r, 4))
		sa->sfa_node = fz_interesting(r);
	return addr_len(r);
}

static int pick_flags(struct fz_rng *r, bool recv)
{
	static const int fl[] = { MSG_DONTWAIT, MSG_PEEK, MSG_OOB, MSG_TRUNC,
				  MSG_WAITALL, MSG_EOR, MSG_NOSIGNAL, MSG_MORE,
				  MSG_CONFIRM, MSG_ERRQUEUE, MSG_CMSG_CLOEXEC,
				  MSG_ZEROCOPY, MSG_FASTOPEN, 0x10 };
	int f = 0, i;

	if (fz_pct(r, 3))
		return fz_u64(r);
	if (fz_pct(r, 80)) {
		f = MSG_DONTWAIT;
		if (fz_pct(r, 50))
			f |= MSG_NOSIGNAL;
		if (recv && fz_pct(r, 15))
			f |= MSG_PEEK;
		if (recv && fz_pct(r, 15))
			f |= MSG_TRUNC;
		return f;
	}
	for (i = fz_below(r, 3); i >= 0; i--)
		f |= fl[fz_below(r, sizeof(fl) / sizeof(fl[0]))];
	return f;
}

static size_t pick_size(struct fz_rng *r)
{
	static const size_t b[] = { 0, 1, 65535, 65536, 65537, 70000, 4096 };

	switch (fz_below(r, 100)) {
	case 0 ... 49: return fz_below(r, 65);
	case 50 ... 74: return 65 + fz_below(r, 4032);
	case 75 ... 86: return 4097 + fz_below(r, 61439);
	case 87 ... 94: return b[fz_below(r, sizeof(b) / sizeof(b[0]))];
	default: return fz_below(r, 70001);
	}
}

/* ---- control messages ------------------------------------------------ */

static struct ftalias_id idout;

/* Appends one random control message at *pos of cbuf (size cap). */
static void gen_cmsg(struct fz_rng *r, char *cbuf, size_t cap, size_t *pos,
		     int force_type, const struct ftalias_id *force_id)
{
	char data[128];
	struct cmsghdr *c;
	size_t len = 0, room;
	int level = SOL_FTALIAS, type;

	memset(data, 0, sizeof(data));
	type = force_type ? force_type : (int)fz_below(r, 13);
	switch (type) {
	case FTALIAS_CMSG_ID:
	case FTALIAS_CMSG_REPLY_TO:
	case FTALIAS_CMSG_PARENT:
		if (force_id)
			memcpy(data, force_id, sizeof(*force_id));
		else
			pick_id(r, (void *)data);
		len = sizeof(struct ftalias_id);
		break;
	case FTALIAS_CMSG_ID_OUT: {
		uint64_t a = fz_pct(r, 70) ? (uintptr_t)&idout :
			     (uintptr_t)bad_ptr(r, sizeof(idout));

		if (fz_pct(r, 5))
			a = (uintptr_t)&idout + 1 + fz_below(r, 7);
		memcpy(data, &a, 8);
		len = 8;
		break;
	}
	case FTALIAS_CMSG_RECORD: {
		struct ftalias_record *rec = (void *)data;

		if (force_id)
			rec->id = *force_id;
		else
			pick_id(r, &rec->id);
		rec->type = fz_pct(r, 90) ? 1 + fz_below(r, 4) : fz_u64(r);
		rec->flags = fz_pct(r, 92) ? 0 : fz_u64(r);
		len = sizeof(*rec);
		break;
	}
	case FTALIAS_CMSG_CHECKPOINT: {
		struct ftalias_ckpt *ck = (void *)data;

		ck->flags = !fz_pct(r, 90) ? fz_u64(r) :
			    fz_pct(r, 70) ? FTALIAS_CKPT_MORE :
			    fz_pct(r, 80) ? 0 : FTALIAS_CKPT_ABORT;
		ck->reserved = fz_pct(r, 95) ? 0 : fz_u64(r);
		ck->seq = fz_pct(r, 95) ? 0 : fz_u64(r);
		len = sizeof(*ck);
		break;
	}
	case FTALIAS_CMSG_FLAGS:
	case FTALIAS_CMSG_ERRNO:
	case FTALIAS_CMSG_HANDLER_ARG:
	case FTALIAS_CMSG_JOURNAL:
		len = fz_below(r, 32);
		fz_bytes(r, data, len);
		break;
	case FTALIAS_CMSG_CHECKPOINT + 1: {
		/* SCM_RIGHTS junk */
		int f[4] = { fds[0], -1, 0, 99999 }, i, n = 1 + fz_below(r, 4);

		for (i = 0; i < n; i++)
			f[i] = fz_pct(r, 50) ? fds[fz_below(r, NSLOT)] : f[i];
		level = SOL_SOCKET;
		type = SCM_RIGHTS;
		memcpy(data, f, n * sizeof(int));
		len = n * sizeof(int);
		break;
	}
	default:
		level = fz_pct(r, 50) ? SOL_FTALIAS : (int)fz_u64(r);
		type = fz_pct(r, 50) ? (int)fz_below(r, 20) : (int)fz_u64(r);
		len = fz_below(r, 64);
		fz_bytes(r, data, len);
		break;
	}
	/* wrong lengths */
	if (fz_pct(r, 8)) {
		static const int d[] = { -8, -4, -1, 1, 4, 8 };

		len += d[fz_below(r, 6)];
		if ((ssize_t)len < 0 || len > sizeof(data))
			len = fz_below(r, 33);
	}
	room = cap - *pos;
	if (CMSG_SPACE(len) > room)
		return;
	c = (void *)(cbuf + *pos);
	c->cmsg_level = level;
	c->cmsg_type = type;
	c->cmsg_len = CMSG_LEN(len);
	memcpy(CMSG_DATA(c), data, len);
	*pos += CMSG_SPACE(len);
}

/* A msg_control of 0..3 control messages; returns its length. */
static size_t gen_control(struct fz_rng *r, char *cbuf, size_t cap)
{
	size_t pos = 0;
	int i, n;

	if (fz_pct(r, 45))
		return 0;
	n = fz_pct(r, 75) ? 1 : 2 + fz_below(r, 2);
	for (i = 0; i < n; i++)
		gen_cmsg(r, cbuf, cap, &pos, 0, NULL);
	if (fz_pct(r, 6)) {	/* truncated */
		if (pos && fz_pct(r, 50))
			pos -= 1 + fz_below(r, pos < 16 ? pos : 16);
		else
			pos = fz_below(r, sizeof(struct cmsghdr));
	} else if (fz_pct(r, 4) && pos + 32 <= cap) {	/* trailing junk */
		fz_bytes(r, cbuf + pos, 32);
		pos += 1 + fz_below(r, 32);
	}
	return pos;
}

/* Fills iov with data of total size len (or bad pointers); returns iovcnt. */
static int gen_iov(struct fz_rng *r, struct iovec *iov, int max, char *base,
		   size_t len)
{
	int n = 1, i;
	size_t off = 0;

	if (fz_pct(r, 12))
		n = 2 + fz_below(r, max - 1);
	for (i = 0; i < n; i++) {
		size_t k = i == n - 1 ? len - off : fz_below(r, len - off + 1);

		iov[i].iov_base = base + off;
		iov[i].iov_len = k;
		off += k;
	}
	if (fz_pct(r, 3)) {
		i = fz_below(r, n);
		iov[i].iov_base = bad_ptr(r, iov[i].iov_len);
	}
	if (fz_pct(r, 1))
		iov[fz_below(r, n)].iov_len = fz_interesting(r);
	return n;
}

/* ---- the ops ------------------------------------------------------------ */

static void store_name(int fd)
{
	struct sockaddr_ftalias sa;
	socklen_t len = sizeof(sa);

	memset(&sa, 0, sizeof(sa));
	cur_op = OP_GETNAME;
	if (CALL(getsockname(fd, (void *)&sa, &len), "getsockname(%d)", fd) ==
	    0 && sa.sfa_family == af)
		add_port(sa.sfa_port);
}

static void set_timeouts(int fd)
{
	struct timeval tv = { 0, 20000 };
	int op = cur_op;

	cur_op = OP_SETOPT;
	CALL(setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)),
	     "rcvtimeo(%d)", fd);
	CALL(setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)),
	     "sndtimeo(%d)", fd);
	cur_op = op;
}

static void put_fd(int s, int fd)
{
	if (fds[s] >= 0) {
		int op = cur_op;

		cur_op = OP_CLOSE;
		CALL(close(fds[s]), "close(%d)", fds[s]);
		cur_op = op;
	}
	fds[s] = fd;
}

static void op_socket(struct fz_rng *r, int s)
{
	static const int types[] = { SOCK_STREAM, SOCK_DGRAM, SOCK_RAW,
				     SOCK_PACKET, 0, 7, 11 };
	int type, proto = 0, fam = af, fd;

	if (fz_pct(r, 50))
		type = SOCK_RDM;
	else if (fz_pct(r, 85))
		type = SOCK_SEQPACKET;
	else
		type = types[fz_below(r, sizeof(types) / sizeof(types[0]))];
	if (fz_pct(r, 40))
		type |= SOCK_NONBLOCK;
	if (fz_pct(r, 50))
		type |= SOCK_CLOEXEC;
	if (fz_pct(r, 4))
		proto = fz_pct(r, 50) ? 1 : (int)fz_u64(r);
	fd = CALL(socket(fam, type, proto), "socket(%d, %#x, %d)", fam, type,
		  proto);
	if (fd < 0)
		return;
	put_fd(s, fd);
	if (fz_pct(r, 88))
		set_timeouts(fd);
	/* most sockets get a useful start */
	if (fz_pct(r, 50)) {
		struct sockaddr_ftalias sa = dp_addr(af, FTALIAS_ADDR_PORT, 0, 0);

		if (fz_pct(r, 55)) {
			sa.sfa_type = FTALIAS_ADDR_ALIAS;
			sa.sfa_alias = pl->alias[fz_below(r, NALIAS)];
		}
		cur_op = OP_BIND;
		if (CALL(bind(fd, (void *)&sa, sizeof(sa)), "bind(%d, %u)",
			 fd, sa.sfa_alias) == 0)
			store_name(fd);
		if ((type & 0xf) == SOCK_SEQPACKET && fz_pct(r, 60)) {
			cur_op = OP_LISTEN;
			CALL(listen(fd, 8), "listen(%d, 8)", fd);
		}
	}
}

static void op_bind(struct fz_rng *r, int fd)
{
	struct sockaddr_storage ss;
	socklen_t len;
	void *p = &ss;

	if (fz_pct(r, 30)) {	/* options before bind */
		uint32_t v = fz_pct(r, 50) ? fz_below(r, 10) : fz_u64(r);

		cur_op = OP_SETOPT;
		CALL(setsockopt(fd, SOL_FTALIAS, fz_pct(r, 50) ?
				FTALIAS_PRIORITY : FTALIAS_ROLE, &v, 4),
		     "setsockopt(%d, prio/role %u)", fd, v);
		cur_op = OP_BIND;
	}
	len = gen_addr(r, &ss, true);
	if (fz_pct(r, 2))
		p = bad_ptr(r, len);
	if (CALL(bind(fd, p, len), "bind(%d, t%u a%u p%u, %d)", fd,
		 ((struct sockaddr_ftalias *)&ss)->sfa_type,
		 ((struct sockaddr_ftalias *)&ss)->sfa_alias,
		 ((struct sockaddr_ftalias *)&ss)->sfa_port, (int)len) == 0)
		store_name(fd);
}

static void op_connect(struct fz_rng *r, int fd)
{
	struct sockaddr_storage ss;
	socklen_t len = gen_addr(r, &ss, false);
	struct sockaddr_ftalias *sa = (void *)&ss;

	if (fz_pct(r, 15)) {	/* an identity first */
		struct ftalias_identity id;

		memset(&id, 0, sizeof(id));
		if (fz_pct(r, 50))
			id.alias = pick_alias(r);
		else
			id.port = pick_port(r);
		if (fz_pct(r, 5))
			id.node = 1;
		if (fz_pct(r, 5))
			id.flags = fz_u64(r);
		fz_bytes(r, id.name, fz_below(r, sizeof(id.name) + 1));
		cur_op = OP_SETOPT;
		CALL(setsockopt(fd, SOL_FTALIAS, FTALIAS_IDENTITY, &id,
				fz_pct(r, 90) ? sizeof(id) : fz_below(r, 64)),
		     "identity(%d, a%u p%u)", fd, id.alias, id.port);
		cur_op = OP_CONNECT;
	}
	if (fz_pct(r, 3))
		sa->sfa_family = AF_UNSPEC;	/* disconnect, as AF_UNIX */
	if (CALL(connect(fd, (void *)&ss, len), "connect(%d, t%u a%u p%u, %d)",
		 fd, sa->sfa_type, sa->sfa_alias, sa->sfa_port, (int)len) == 0)
		store_name(fd);
}

static void op_listen(struct fz_rng *r, int fd)
{
	static const int bl[] = { 0, 1, 2, 5, 16, -1, -1000, INT32_MIN,
				  INT32_MAX, 4096, 65536 };
	int b = bl[fz_below(r, sizeof(bl) / sizeof(bl[0]))];

	if (CALL(listen(fd, b), "listen(%d, %d)", fd, b) == 0)
		store_name(fd);
}

static void op_accept(struct fz_rng *r, int fd)
{
	struct sockaddr_storage ss;
	socklen_t len = fz_pct(r, 80) ? sizeof(ss) : fz_below(r, 24);
	int fl = fz_pct(r, 80) ? SOCK_NONBLOCK : 0, nfd;
	bool addr = fz_pct(r, 60);

	if (fz_pct(r, 30))
		fl |= SOCK_CLOEXEC;
	if (fz_pct(r, 2))
		fl = fz_u64(r);
	nfd = CALL(accept4(fd, addr ? (void *)&ss : NULL, addr ? &len : NULL,
			   fl), "accept4(%d, %#x)", fd, fl);
	if (nfd < 0)
		return;
	if (addr && len > sizeof(ss))
		fail("accept-len", "accept4 addrlen %u", len);
	put_fd(slot(r), nfd);
	if (fz_pct(r, 80))
		set_timeouts(nfd);
	store_name(nfd);
}

static char cbuf_send[4][512];

/* One message to send into m; returns its data length. */
static size_t gen_send_msg(struct fz_rng *r, struct msghdr *m,
			   struct sockaddr_storage *ss, struct iovec *iov,
			   char *cbuf, bool want_addr)
{
	size_t len = pick_size(r);

	memset(m, 0, sizeof(*m));
	if (want_addr) {
		m->msg_name = ss;
		m->msg_namelen = gen_addr(r, ss, false);
		if (fz_pct(r, 1))
			m->msg_name = bad_ptr(r, m->msg_namelen);
	}
	m->msg_iov = iov;
	m->msg_iovlen = gen_iov(r, iov, 5, big, len);
	m->msg_controllen = gen_control(r, cbuf, 512);
	m->msg_control = m->msg_controllen ? cbuf : NULL;
	if (fz_pct(r, 1))
		m->msg_control = bad_ptr(r, m->msg_controllen);
	if (fz_pct(r, 1))
		m->msg_flags = fz_u64(r);	/* ignored by the kernel */
	return len;
}

static void check_send(long ret, size_t len, const struct msghdr *m)
{
	size_t i, tot = 0;

	for (i = 0; i < m->msg_iovlen; i++)
		tot += m->msg_iov[i].iov_len;
	if (ret > 0 && (size_t)ret > tot)
		fail("send-len", "sendmsg returned %ld of %zu", ret, tot);
	if (ret > FTALIAS_MSG_MAX && tot == len)
		fail("send-max", "sendmsg of %zu bytes succeeded", len);
}

static void op_send(struct fz_rng *r, int fd)
{
	struct sockaddr_storage ss;
	struct iovec iov[5];
	struct msghdr m;
	int fl = pick_flags(r, false);
	size_t len = gen_send_msg(r, &m, &ss, iov, cbuf_send[0],
				  fz_pct(r, 70));
	long ret;

	memset(&idout, 0, sizeof(idout));
	ret = CALL(sendmsg(fd, &m, fl), "sendmsg(%d, %zu, c%zu, n%u, %#x)",
		   fd, len, (size_t)m.msg_controllen, m.msg_namelen, fl);
	check_send(ret, len, &m);
	if (ret >= 0 && idout.xid)
		add_id(&idout);
}

static void op_sendmmsg(struct fz_rng *r, int fd)
{
	struct sockaddr_storage ss[4];
	struct iovec iov[4][5];
	struct mmsghdr mm[4];
	unsigned int n = 1 + fz_below(r, 4), i;
	int fl = pick_flags(r, false);
	long ret;

	for (i = 0; i < n; i++) {
		gen_send_msg(r, &mm[i].msg_hdr, &ss[i], iov[i], cbuf_send[i],
			     fz_pct(r, 70));
		mm[i].msg_len = 0;
	}
	ret = CALL(sendmmsg(fd, mm, n, fl), "sendmmsg(%d, %u, %#x)", fd, n, fl);
	if (ret > (long)n)
		fail("sendmmsg-count", "sendmmsg returned %ld of %u", ret, n);
	for (i = 0; ret > 0 && i < (unsigned int)ret; i++)
		check_send(mm[i].msg_len, ~0, &mm[i].msg_hdr);
}

/* A reply (REPLY_TO an ID seen), or an explicit-ID re-send. */
static void op_reply(struct fz_rng *r, int fd, bool resend)
{
	struct sockaddr_ftalias sa = dp_addr(af, FTALIAS_ADDR_ALIAS,
					     pick_alias(r), 0);
	char *cbuf = cbuf_send[0];
	struct ftalias_id id;
	struct iovec iov;
	struct msghdr m;
	size_t pos = 0, len = fz_pct(r, 90) ? fz_below(r, 256) : pick_size(r);
	long ret;
	int fl = fz_pct(r, 90) ? MSG_DONTWAIT | MSG_NOSIGNAL :
		 pick_flags(r, false);

	pick_id(r, &id);
	memset(&m, 0, sizeof(m));
	gen_cmsg(r, cbuf, 512, &pos, resend ? FTALIAS_CMSG_ID :
		 FTALIAS_CMSG_REPLY_TO, &id);
	if (!resend && fz_pct(r, 20))
		gen_cmsg(r, cbuf, 512, &pos, FTALIAS_CMSG_RECORD, &id);
	if (resend && fz_pct(r, 20))
		gen_cmsg(r, cbuf, 512, &pos, FTALIAS_CMSG_ID_OUT, NULL);
	if (!resend && fz_pct(r, 10))
		gen_cmsg(r, cbuf, 512, &pos, 0, NULL);
	if (resend || fz_pct(r, 3)) {
		m.msg_name = &sa;
		m.msg_namelen = sizeof(sa);
	}
	iov.iov_base = big;
	iov.iov_len = len;
	m.msg_iov = &iov;
	m.msg_iovlen = 1;
	m.msg_control = cbuf;
	m.msg_controllen = pos;
	cur_op = resend ? OP_RESEND : OP_REPLY;
	memset(&idout, 0, sizeof(idout));
	ret = CALL(sendmsg(fd, &m, fl), "%s(%d, a%u p%u x%llu, %zu)",
		   resend ? "resend" : "reply", fd, id.alias, id.port,
		   (unsigned long long)id.xid, len);
	check_send(ret, len, &m);
}

/*
 * A chunk of a checkpoint (FTALIAS_CMSG_CHECKPOINT) of a member, alone
 * but now and then: staged, committed, aborted or refused.
 */
static void op_ckpt(struct fz_rng *r, int fd)
{
	char *cbuf = cbuf_send[0];
	size_t pos = 0, len = fz_pct(r, 80) ? fz_below(r, 4096) : pick_size(r);
	int fl = fz_pct(r, 90) ? MSG_DONTWAIT | MSG_NOSIGNAL :
		 pick_flags(r, false);
	struct iovec iov;
	struct msghdr m;
	long ret;

	memset(&m, 0, sizeof(m));
	gen_cmsg(r, cbuf, 512, &pos, FTALIAS_CMSG_CHECKPOINT, NULL);
	if (fz_pct(r, 5))
		gen_cmsg(r, cbuf, 512, &pos, 0, NULL);
	iov.iov_base = big;
	iov.iov_len = len;
	m.msg_iov = &iov;
	m.msg_iovlen = 1;
	m.msg_control = cbuf;
	m.msg_controllen = pos;
	ret = CALL(sendmsg(fd, &m, fl), "checkpoint(%d, %zu, c%zu)", fd, len,
		   pos);
	check_send(ret, len, &m);
}

/* Checks the control messages received and keeps the IDs. */
static void parse_control(struct msghdr *m, size_t given)
{
	struct cmsghdr *c;

	if (m->msg_controllen > given)
		fail("ctl-len", "recvmsg msg_controllen %zu > %zu",
		     (size_t)m->msg_controllen, given);
	if (!m->msg_control)
		return;
	for (c = CMSG_FIRSTHDR(m); c; c = CMSG_NXTHDR(m, c)) {
		if (c->cmsg_level != SOL_FTALIAS)
			continue;
		if (c->cmsg_type < FTALIAS_CMSG_ID ||
		    c->cmsg_type > FTALIAS_CMSG_CHECKPOINT)
			fail("ctl-type", "recvmsg cmsg type %d", c->cmsg_type);
		if ((c->cmsg_type == FTALIAS_CMSG_ID ||
		     c->cmsg_type == FTALIAS_CMSG_REPLY_TO) &&
		    c->cmsg_len == CMSG_LEN(sizeof(struct ftalias_id))) {
			struct ftalias_id id;

			memcpy(&id, CMSG_DATA(c), sizeof(id));
			add_id(&id);
		} else if ((c->cmsg_type == FTALIAS_CMSG_ID ||
			    c->cmsg_type == FTALIAS_CMSG_REPLY_TO) &&
			   !(m->msg_flags & MSG_CTRUNC)) {
			fail("ctl-idlen", "recvmsg ID cmsg_len %zu",
			     (size_t)c->cmsg_len);
		}
	}
}

static char cbuf_recv[4][1024];

static size_t gen_recv_msg(struct fz_rng *r, struct msghdr *m,
			   struct sockaddr_storage *ss, struct iovec *iov,
			   char *cbuf, char *buf)
{
	size_t len, cl;

	switch (fz_below(r, 10)) {
	case 0 ... 3: len = 65536 + fz_below(r, 2) * 4000; break;
	case 4 ... 6: len = fz_below(r, 65); break;
	case 7 ... 8: len = 65 + fz_below(r, 4032); break;
	default: len = fz_below(r, 2) ? 0 : 65535;
	}
	switch (fz_below(r, 10)) {
	case 0 ... 5: cl = 256; break;
	case 6 ... 7: cl = fz_below(r, sizeof(struct cmsghdr) + 8); break;
	case 8: cl = CMSG_SPACE(sizeof(struct ftalias_id)); break;
	default: cl = fz_below(r, 1024);
	}
	memset(m, 0, sizeof(*m));
	if (fz_pct(r, 75)) {
		m->msg_name = ss;
		m->msg_namelen = fz_pct(r, 85) ? sizeof(*ss) : fz_below(r, 17);
	}
	m->msg_iov = iov;
	m->msg_iovlen = gen_iov(r, iov, 4, buf, len);
	m->msg_control = cl ? cbuf : NULL;
	m->msg_controllen = cl;
	if (fz_pct(r, 1))
		m->msg_control = bad_ptr(r, cl);
	return len;
}

static void check_recv(long ret, int fl, struct msghdr *m, size_t cl)
{
	size_t i, tot = 0;

	for (i = 0; i < m->msg_iovlen; i++)
		tot += m->msg_iov[i].iov_len;
	if (ret > 0 && (size_t)ret > tot && !(fl & MSG_TRUNC))
		fail("recv-len", "recvmsg returned %ld of %zu", ret, tot);
	if (ret > FTALIAS_MSG_MAX)
		fail("recv-max", "recvmsg returned %ld", ret);
	if (ret >= 0 && m->msg_control == cbuf_recv[0] + 0)
		parse_control(m, cl);
	else if (ret >= 0 && m->msg_controllen > cl)
		fail("ctl-len", "msg_controllen %zu > %zu",
		     (size_t)m->msg_controllen, cl);
}

static void op_recv(struct fz_rng *r, int fd)
{
	struct sockaddr_storage ss;
	struct iovec iov[4];
	struct msghdr m;
	int fl = pick_flags(r, true);
	size_t len = gen_recv_msg(r, &m, &ss, iov, cbuf_recv[0], rbuf);
	size_t cl = m.msg_controllen;
	long ret;

	ret = CALL(recvmsg(fd, &m, fl), "recvmsg(%d, %zu, c%zu, %#x)", fd, len,
		   cl, fl);
	check_recv(ret, fl, &m, cl);
	if (selfcheck && ret > 0)
		fail("selfcheck", "recvmsg got %ld bytes (selfcheck)", ret);
}

static void op_recvmmsg(struct fz_rng *r, int fd)
{
	struct sockaddr_storage ss[4];
	struct iovec iov[4][4];
	struct mmsghdr mm[4];
	struct timespec ts = { 0, fz_below(r, 20000000) };
	unsigned int n = 1 + fz_below(r, 4), i;
	int fl = pick_flags(r, true);
	size_t cl[4];
	long ret;

	for (i = 0; i < n; i++) {
		gen_recv_msg(r, &mm[i].msg_hdr, &ss[i], iov[i], cbuf_recv[i],
			     rbuf + i * 16384);
		/* four buffers of 16 KiB in rbuf */
		iov[i][0].iov_len = iov[i][0].iov_len > 16384 ? 16384 :
				    iov[i][0].iov_len;
		mm[i].msg_hdr.msg_iovlen = 1;
		cl[i] = mm[i].msg_hdr.msg_controllen;
	}
	ret = CALL(recvmmsg(fd, mm, n, fl, fz_pct(r, 50) ? &ts : NULL),
		   "recvmmsg(%d, %u, %#x)", fd, n, fl);
	if (ret > (long)n)
		fail("recvmmsg-count", "recvmmsg returned %ld of %u", ret, n);
	for (i = 0; ret > 0 && i < (unsigned int)ret; i++) {
		if (mm[i].msg_hdr.msg_controllen > cl[i])
			fail("ctl-len", "recvmmsg msg_controllen %zu > %zu",
			     (size_t)mm[i].msg_hdr.msg_controllen, cl[i]);
		if (mm[i].msg_len > 16384 && !(fl & MSG_TRUNC))
			fail("recv-len", "recvmmsg msg_len %u", mm[i].msg_len);
	}
}

static const int sockopts[] = {
	SO_RCVBUF, SO_SNDBUF, SO_RCVTIMEO, SO_SNDTIMEO, SO_PEEK_OFF, SO_ERROR,
	SO_TYPE, SO_PROTOCOL, SO_DOMAIN, SO_RCVLOWAT, SO_SNDLOWAT,
	SO_PASSCRED, SO_PEERCRED, SO_LINGER, SO_KEEPALIVE, SO_REUSEADDR,
	SO_PRIORITY, SO_MARK, SO_RCVBUFFORCE, SO_SNDBUFFORCE, SO_TIMESTAMP,
	SO_ZEROCOPY, SO_ACCEPTCONN, SO_BUSY_POLL, SO_RXQ_OVFL, SO_PASSSEC,
	SO_COOKIE, SO_MEMINFO, SO_INCOMING_CPU, SO_BINDTODEVICE,
};

/* level and name; *size the natural size of the value */
static void pick_opt(struct fz_rng *r, int *level, int *name, size_t *size)
{
	static const size_t fsz[] = {
		0, 4, 4, 4, 4, sizeof(struct ftalias_id), 8,
		sizeof(struct ftalias_identity), sizeof(struct ftalias_identity),
		sizeof(struct ftalias_conn_info),
	};

	if (fz_pct(r, 3)) {
		*level = fz_pct(r, 50) ? (int)fz_below(r, 300) : (int)fz_u64(r);
		*name = fz_below(r, 70);
		*size = 4;
	} else if (fz_pct(r, 70)) {
		*level = SOL_FTALIAS;
		*name = fz_pct(r, 90) ? 1 + (int)fz_below(r, 9) :
			(int)fz_interesting(r);
		*size = *name >= 1 && *name <= 9 ? fsz[*name] : 4;
	} else {
		*level = SOL_SOCKET;
		*name = sockopts[fz_below(r, sizeof(sockopts) /
					     sizeof(sockopts[0]))];
		*size = *name == SO_RCVTIMEO || *name == SO_SNDTIMEO ?
			sizeof(struct timeval) : *name == SO_LINGER ?
			sizeof(struct linger) : *name == SO_PEERCRED ? 12 : 4;
	}
}

static socklen_t opt_len(struct fz_rng *r, size_t size)
{
	static const int l[] = { 0, 1, 2, 3, 7, 9, 64, 200, 4096, 1 << 20,
				 -1 };

	if (fz_pct(r, 80))
		return size;
	if (fz_pct(r, 40))
		return size + (int)fz_below(r, 3) - 1;
	return l[fz_below(r, sizeof(l) / sizeof(l[0]))];
}

static void op_setopt(struct fz_rng *r, int fd)
{
	int level, name;
	size_t size;
	socklen_t len;
	/* the value at the end of the page: over-reads fault */
	char *v;

	pick_opt(r, &level, &name, &size);
	len = opt_len(r, size);
	v = page + pagesz - (len <= (socklen_t)pagesz ? len : pagesz);
	fz_bytes(r, v, len <= (socklen_t)pagesz ? len : pagesz);
	if (level == SOL_SOCKET && (name == SO_RCVTIMEO ||
				    name == SO_SNDTIMEO) && fz_pct(r, 80)) {
		struct timeval tv = { 0, fz_below(r, 50000) };

		memcpy(v, &tv, len < sizeof(tv) ? len : sizeof(tv));
	} else if (level == SOL_SOCKET && fz_pct(r, 70) && len >= 4) {
		uint32_t x = fz_pct(r, 50) ? fz_below(r, 300000) :
			     fz_interesting(r);

		memcpy(v, &x, 4);
	} else if (level == SOL_FTALIAS && name == FTALIAS_ACK && len >= 8 &&
		   fz_pct(r, 70)) {
		uint64_t x = pl->nid ? pl->id[fz_below(r, pl->nid < NIDS ?
					      pl->nid : NIDS)].xid : 1;

		x += (int)fz_below(r, 3) - 1;
		memcpy(v, &x, 8);
	} else if (level == SOL_FTALIAS && name <= 4 && fz_pct(r, 70) &&
		   len >= 4) {
		uint32_t x = fz_below(r, 4);

		memcpy(v, &x, 4);
	}
	if (level == SOL_SOCKET && name == SO_BINDTODEVICE)
		v = "lo";
	if (fz_pct(r, 3))
		v = bad_ptr(r, len);
	CALL(setsockopt(fd, level, name, v, len),
	     "setsockopt(%d, %d, %d, %d)", fd, level, name, (int)len);
}

static void op_getopt(struct fz_rng *r, int fd)
{
	int level, name;
	size_t size;
	socklen_t len, given;
	socklen_t *lp = &len;
	char *v = rbuf;
	long ret;

	pick_opt(r, &level, &name, &size);
	given = len = fz_pct(r, 30) ? 64 : opt_len(r, size);
	if (fz_pct(r, 3))
		v = bad_ptr(r, len);
	else if (fz_pct(r, 10))
		v = page + pagesz - (size < 64 ? size : 64);	/* tight */
	if (fz_pct(r, 2))
		lp = bad_ptr(r, sizeof(len));
	ret = CALL(getsockopt(fd, level, name, v, lp),
		   "getsockopt(%d, %d, %d, %d)", fd, level, name, (int)given);
	if (ret == 0 && lp == &len && level == SOL_FTALIAS &&
	    (int)given >= 0 && len > given)
		fail("getopt-len", "getsockopt(%d) optlen %u > %u", name, len,
		     given);
	if (ret == 0 && level == SOL_FTALIAS && name == FTALIAS_LAST_ID &&
	    v == rbuf && len == sizeof(struct ftalias_id))
		add_id((void *)rbuf);
}

static void op_poll(struct fz_rng *r)
{
	struct pollfd p[4];
	int n = 1 + fz_below(r, 4), i, t = fz_pct(r, 80) ? 0 : fz_below(r, 10);

	for (i = 0; i < n; i++) {
		p[i].fd = fds[slot(r)];
		p[i].events = fz_pct(r, 80) ? POLLIN | POLLOUT | POLLRDHUP :
			      fz_u64(r);
		p[i].revents = 0;
	}
	CALL(poll(p, n, t), "poll(%d, %d)", n, t);
}

static void op_epoll(struct fz_rng *r)
{
	struct epoll_event ev[4];
	int fd = fds[slot(r)], t = fz_below(r, 3);

	if (epfd < 0)
		epfd = CALL(epoll_create1(EPOLL_CLOEXEC), "epoll_create1");
	if (fz_pct(r, 40)) {
		CALL(epoll_wait(epfd, ev, 4, t), "epoll_wait(%d)", t);
		return;
	}
	ev[0].events = fz_pct(r, 70) ? EPOLLIN | EPOLLOUT | EPOLLRDHUP :
		       (uint32_t)fz_u64(r);
	if (fz_pct(r, 20))
		ev[0].events |= EPOLLET;
	if (fz_pct(r, 10))
		ev[0].events |= EPOLLONESHOT;
	if (fz_pct(r, 5))
		ev[0].events |= EPOLLEXCLUSIVE;
	ev[0].data.u64 = 0;
	i_ctl:
	CALL(epoll_ctl(epfd, 1 + fz_below(r, 3), fd, ev), "epoll_ctl(%d)", fd);
	if (fz_pct(r, 10)) {
		fd = fds[slot(r)];
		goto i_ctl;
	}
}

static void op_getname(struct fz_rng *r, int fd)
{
	struct sockaddr_storage ss;
	socklen_t len = fz_pct(r, 80) ? sizeof(struct sockaddr_ftalias) :
			fz_pct(r, 80) ? fz_below(r, 24) : (socklen_t)-1;
	socklen_t given = len;
	long ret;
	bool peer = fz_pct(r, 50);

	memset(&ss, 0, sizeof(ss));
	ret = CALL(peer ? getpeername(fd, (void *)&ss, &len) :
		   getsockname(fd, (void *)&ss, &len), "%s(%d, %d)",
		   peer ? "getpeername" : "getsockname", fd, (int)given);
	if (ret == 0 && given == sizeof(struct sockaddr_ftalias) &&
	    ((struct sockaddr_ftalias *)&ss)->sfa_family == af)
		add_port(((struct sockaddr_ftalias *)&ss)->sfa_port);
}

static void op_ioctl(struct fz_rng *r, int fd)
{
	static const unsigned long cmds[] = { SIOCINQ, SIOCOUTQ, FIONBIO,
					      SIOCGSTAMP_OLD, FIOASYNC,
					      SIOCATMARK, SIOCGIFINDEX };
	unsigned long cmd = fz_pct(r, 90) ?
		cmds[fz_below(r, sizeof(cmds) / sizeof(cmds[0]))] :
		(unsigned long)fz_u64(r);
	int v = fz_below(r, 2);
	void *p = fz_pct(r, 95) ? (void *)&v : bad_ptr(r, 4);

	if (cmd == FIOASYNC)
		v = 0;	/* no SIGIO */
	if (cmd == FIOASYNC && p != &v)
		return;
	CALL(ioctl(fd, cmd, p), "ioctl(%d, %#lx)", fd, cmd);
}

static void op_rw(struct fz_rng *r, int fd)
{
	size_t len = pick_size(r);

	if (fz_pct(r, 50))
		CALL(write(fd, big, len), "write(%d, %zu)", fd, len);
	else
		CALL(recv(fd, rbuf, len, MSG_DONTWAIT), "recv(%d, %zu)", fd,
		     len);
}

/* One step of a worker. */
static void step(uint64_t stream, uint64_t n)
{
	static unsigned int wsum;
	struct fz_rng r;
	unsigned int w;
	int s, fd, op;

	if (!wsum)
		for (op = 0; op < NOP; op++)
			wsum += weight[op];
	fz_rng_init(&r, o.seed, stream, n);
	cur_step = n;
	me->step = n;
	w = fz_below(&r, wsum);
	for (op = 0; w >= weight[op]; op++)
		w -= weight[op];
	if (masked[op])
		return;
	s = slot(&r);
	fd = fds[s];
	cur_op = op;
	/* an op on an empty slot makes a socket there first */
	if (fd < 0 && op != OP_POLL && op != OP_EPOLL) {
		cur_op = op = OP_SOCKET;
		if (masked[op])
			return;
	}
	switch (op) {
	case OP_SOCKET: op_socket(&r, s); break;
	case OP_BIND: op_bind(&r, fd); break;
	case OP_CONNECT: op_connect(&r, fd); break;
	case OP_LISTEN: op_listen(&r, fd); break;
	case OP_ACCEPT: op_accept(&r, fd); break;
	case OP_SEND: op_send(&r, fd); break;
	case OP_SENDMMSG: op_sendmmsg(&r, fd); break;
	case OP_REPLY: op_reply(&r, fd, false); break;
	case OP_RESEND: op_reply(&r, fd, true); break;
	case OP_CKPT: op_ckpt(&r, fd); break;
	case OP_RECV: op_recv(&r, fd); break;
	case OP_RECVMMSG: op_recvmmsg(&r, fd); break;
	case OP_SETOPT: op_setopt(&r, fd); break;
	case OP_GETOPT: op_getopt(&r, fd); break;
	case OP_POLL: op_poll(&r); break;
	case OP_EPOLL: op_epoll(&r); break;
	case OP_SHUTDOWN: {
		int how = fz_pct(&r, 90) ? (int)fz_below(&r, 3) :
			  (int)fz_u64(&r);

		CALL(shutdown(fd, how), "shutdown(%d, %d)", fd, how);
		break;
	}
	case OP_GETNAME: op_getname(&r, fd); break;
	case OP_IOCTL: op_ioctl(&r, fd); break;
	case OP_FCNTL: {
		long fl = CALL(fcntl(fd, F_GETFL), "F_GETFL(%d)", fd);

		if (fl >= 0)
			CALL(fcntl(fd, F_SETFL, fl ^ O_NONBLOCK),
			     "F_SETFL(%d, %#lx)", fd, fl ^ O_NONBLOCK);
		break;
	}
	case OP_DUP: {
		int t = slot(&r), nfd;

		if (t == s)
			break;
		nfd = CALL(dup(fd), "dup(%d)", fd);
		if (nfd >= 0)
			put_fd(t, nfd);
		break;
	}
	case OP_CLOSE:
		CALL(close(fd), "close(%d)", fd);
		fds[s] = -1;
		break;
	case OP_RW: op_rw(&r, fd); break;
	}
}

static void on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

static void on_fatal(int sig)
{
	/* a bad kernel copy (or a bug here): the parent reports it */
	signal(sig, SIG_DFL);
	snprintf(shm->fail, sizeof(shm->fail), "signal %d in a worker", sig);
	raise(sig);
}

/* Sets the worker up: namespace, privileges, buffers, signals. */
static void worker_init(int wi, int nsfd)
{
	struct sigaction sa;
	struct itimerval it = { { 0, 100000 }, { 0, 100000 } };
	int i;

	me = &shm->w[wi];
	pl = &shm->pool[me->ns];
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (nsfd >= 0 && setns(nsfd, CLONE_NEWNET))
		fz_die("setns: %s", strerror(errno));
	if (me->unpriv && (setgroups(0, NULL) || setresgid(NOBODY, NOBODY,
							    NOBODY) ||
			   setresuid(NOBODY, NOBODY, NOBODY)))
		fz_die("setresuid: %s", strerror(errno));
	pagesz = sysconf(_SC_PAGESIZE);
	big = malloc(BIGBUF);
	rbuf = malloc(BIGBUF);
	page = mmap(NULL, 3 * pagesz, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!big || !rbuf || page == MAP_FAILED)
		fz_die("out of memory");
	mprotect(page + pagesz, pagesz, PROT_NONE);
	mprotect(page + 2 * pagesz, pagesz, PROT_READ);
	for (i = 0; i < BIGBUF; i++)
		big[i] = i * 7;
	for (i = 0; i < NSLOT; i++)
		fds[i] = -1;
	signal(SIGPIPE, SIG_IGN);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);	/* no SA_RESTART: EINTR */
	sa.sa_handler = on_fatal;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	setitimer(ITIMER_REAL, &it, NULL);
}

/* Runs steps from o (deterministic) or until told to stop. */
static void worker_run(bool det)
{
	uint64_t n;
	char what[64];

	for (n = 0; det ? n < o.count : !atomic_load(&shm->stop); n++) {
		uint64_t st = det ? fz_step_at(&o, n) : n;

		if (n % 2000 == 0) {
			snprintf(what, sizeof(what), "stream=%" PRIu64 " pid=%d",
				 me->stream, getpid());
			fz_mark("fuzz_sock", o.seed, st, what);
		}
		step(me->stream, st);
		if (!det && atomic_load_explicit(&shm->total,
						 memory_order_relaxed) >=
		    o.count)
			break;
	}
}

/* ---- setup by netlink ------------------------------------------------- */

static int alias_new(struct dp_nl *nl, const char *name, uint32_t mode,
		     uint32_t uid, int policy, uint32_t grace)
{
	struct ftalias_alias_new_req *req = ftalias_alias_new_req_alloc();

	ftalias_alias_new_req_set_name(req, name);
	ftalias_alias_new_req_set_mode(req, mode);
	ftalias_alias_new_req_set_uid(req, uid);
	ftalias_alias_new_req_set_policy(req, policy);
	ftalias_alias_new_req_set_grace_ms(req, grace);
	return dp_alias_new_send(nl, req);
}

static const uint32_t modes[NALIAS] = { 0666, 0666, 0666, 0444, 0222, 0600 };
static unsigned int alias_gen;

static int make_alias(struct dp_nl *nl, int ns, int i)
{
	char name[32];
	int id;

	snprintf(name, sizeof(name), "fz%d_%d_%u", i, (int)getpid() % 100000,
		 alias_gen++);
	id = alias_new(nl, name, modes[i], i == 5 ? NOBODY : 0, i == 1,
		       i == 2 ? 2000 : 150);
	if (id < 0)
		return id;
	shm->pool[ns].alias[i] = id;
	return 0;
}

static void setup_pool(struct dp_nl *nl, int ns)
{
	int i, err;

	memset(&shm->pool[ns], 0, sizeof(shm->pool[ns]));
	for (i = 0; i < NALIAS; i++) {
		err = make_alias(nl, ns, i);
		if (err)
			fz_die("alias-new in namespace %d: %s", ns,
			       strerror(-err));
	}
}

/* ---- the deterministic run and its reduction ------------------------- */

static const char *sig_kind(int sig)
{
	static char b[32];

	snprintf(b, sizeof(b), "signal-%d", sig);
	return b;
}

/*
 * One deterministic run of the given steps in a fresh child and namespace;
 * returns the failure kind ("" for none) in kind.
 */
static void det_run(const uint64_t *steps, size_t n, char *kind, size_t ksz)
{
	pid_t pid;
	int st = 0;
	double t0 = fz_now();

	atomic_store(&shm->failed, 0);
	shm->kind[0] = shm->fail[0] = 0;
	memset(&shm->w[0], 0, sizeof(shm->w[0]));
	shm->w[0].stream = 1;
	shm->w[0].unpriv = unpriv1;
	kind[0] = 0;
	pid = fork();
	if (pid < 0)
		fz_die("fork: %s", strerror(errno));
	if (!pid) {
		struct dp_nl *nl;

		if (unshare(CLONE_NEWNET))
			fz_die("unshare: %s", strerror(errno));
		nl = dp_nl_open();
		if (!nl)
			fz_die("netlink in the new namespace");
		setup_pool(nl, 0);
		dp_nl_close(nl);
		if (steps) {
			o.steps = (uint64_t *)steps;
			o.count = n;
		}
		worker_init(0, -1);
		worker_run(true);
		_exit(0);
	}
	shm->w[0].pid = pid;
	while (waitpid(pid, &st, WNOHANG) == 0) {
		if (o.seconds && fz_now() - t0 > o.seconds + 60) {
			kill(pid, SIGKILL);
			waitpid(pid, &st, 0);
			break;
		}
		dp_pause_ms(20);
	}
	if (WIFSIGNALED(st) && WTERMSIG(st) != SIGKILL)
		snprintf(kind, ksz, "%s", sig_kind(WTERMSIG(st)));
	else if (WIFEXITED(st) && WEXITSTATUS(st) == 3)
		snprintf(kind, ksz, "%s", shm->kind);
	else if (WIFEXITED(st) && WEXITSTATUS(st))
		snprintf(kind, ksz, "exit-%d", WEXITSTATUS(st));
}

static char want_kind[64];

static bool det_fails(const uint64_t *s, size_t n, void *arg)
{
	char kind[64];

	(void)arg;
	det_run(s, n, kind, sizeof(kind));
	return kind[0] && !strcmp(kind, want_kind);
}

static void print_ring(FILE *f, struct wslot *w)
{
	unsigned int i, k = w->ring_pos < RING ? 0 : w->ring_pos - RING;

	fprintf(f, "  worker pid %d stream %" PRIu64 " ns %d%s: %" PRIu64
		" calls, step %" PRIu64 "\n", w->pid, w->stream, w->ns,
		w->unpriv ? " nobody" : "", w->calls, w->step);
	for (i = k; i < w->ring_pos; i++)
		fprintf(f, "    %.*s\n", RINGLEN, w->ring[i % RING]);
}

/* ---- the parent -------------------------------------------------------- */

static int nsfd[MAXNS] = { -1, -1, -1, -1 };
static struct dp_nl *nl[MAXNS];
static uint64_t next_stream = 1;
static int old_hung = -1;
static int kmsg_fd = -1;
static long refcnt0 = -1;

static void write_str(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);

	if (fd < 0)
		return;
	if (write(fd, s, strlen(s)) < 0)
		fprintf(stderr, "write %s: %s\n", path, strerror(errno));
	close(fd);
}

static void restore_hung(void)
{
	char b[16];

	if (old_hung >= 0) {
		snprintf(b, sizeof(b), "%d", old_hung);
		write_str("/proc/sys/kernel/hung_task_timeout_secs", b);
	}
}

static void dump_stuck(pid_t pid)
{
	char path[64], buf[4096];
	int fd;
	ssize_t n;

	fprintf(stderr, "STUCK: worker %d not reaped %d ms after SIGKILL\n",
		pid, KILL_WAIT_MS);
	snprintf(path, sizeof(path), "/proc/%d/wchan", pid);
	fd = open(path, O_RDONLY);
	if (fd >= 0 && (n = read(fd, buf, sizeof(buf) - 1)) > 0) {
		buf[n] = 0;
		fprintf(stderr, "  wchan: %s\n", buf);
	}
	if (fd >= 0)
		close(fd);
	snprintf(path, sizeof(path), "/proc/%d/stack", pid);
	fd = open(path, O_RDONLY);
	if (fd >= 0 && (n = read(fd, buf, sizeof(buf) - 1)) > 0) {
		buf[n] = 0;
		fprintf(stderr, "  stack:\n%s", buf);
	}
	if (fd >= 0)
		close(fd);
}

static void report_failure(const char *why)
{
	int i;

	fprintf(stderr, "FAIL: %s\n", why);
	if (shm->fail[0])
		fprintf(stderr, "  oracle: %s (%s) at step %" PRIu64 "\n",
			shm->fail, shm->kind, shm->fail_step);
	fprintf(stderr, "  seed %" PRIu64 "; the workers' last calls "
		"(replay one stream: --procs 1 --no-chaos; the interleaving "
		"will differ):\n", o.seed);
	for (i = 0; i < nprocs; i++)
		print_ring(stderr, &shm->w[i]);
}

static bool failed_run;
static unsigned long n_kills, n_admin, n_nschurn;

/* Judges a reaped worker's status; true if it was a failure. */
static bool judge(int wi, int st)
{
	char why[128];

	if (WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL)
		return false;
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		return false;
	if (WIFSIGNALED(st))
		snprintf(why, sizeof(why), "worker %d (stream %" PRIu64
			 ") killed by signal %d", wi, shm->w[wi].stream,
			 WTERMSIG(st));
	else
		snprintf(why, sizeof(why), "worker %d (stream %" PRIu64
			 ") exited with %d", wi, shm->w[wi].stream,
			 WEXITSTATUS(st));
	report_failure(why);
	failed_run = true;
	return true;
}

/* SIGKILLs worker wi and reaps it within KILL_WAIT_MS. */
static void kill_worker(int wi)
{
	pid_t pid = shm->w[wi].pid;
	int64_t t0 = dp_now_ms();
	int st;

	if (pid <= 0)
		return;
	kill(pid, SIGKILL);
	for (;;) {
		pid_t p = waitpid(pid, &st, WNOHANG);

		if (p == pid) {
			judge(wi, st);
			break;
		}
		if (p < 0)
			break;
		if (dp_now_ms() - t0 > KILL_WAIT_MS) {
			dump_stuck(pid);
			report_failure("stuck task");
			failed_run = true;
			break;
		}
		dp_pause_ms(5);
	}
	shm->w[wi].pid = 0;
}

static void spawn(int wi)
{
	struct wslot *w = &shm->w[wi];
	pid_t pid;

	memset(w, 0, sizeof(*w));
	w->stream = next_stream++;
	w->ns = wi % (nnetns + 1);
	w->unpriv = wi % 4 == 3;
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		fz_die("fork: %s", strerror(errno));
	if (!pid) {
		worker_init(wi, w->ns ? nsfd[w->ns] : -1);
		worker_run(false);
		_exit(0);
	}
	w->pid = pid;
}

static void ns_create(int k)
{
	if (k) {
		if (unshare(CLONE_NEWNET))
			fz_die("unshare: %s", strerror(errno));
	}
	nsfd[k] = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	nl[k] = dp_nl_open();
	if (nsfd[k] < 0 || !nl[k])
		fz_die("namespace %d: no netlink", k);
	setup_pool(nl[k], k);
	if (k && setns(nsfd[0], CLONE_NEWNET))
		fz_die("setns back: %s", strerror(errno));
}

/* The FTALIAS socket count of namespace k (/proc/net/protocols). */
static long ns_sockets(int k)
{
	char line[256];
	long n = -1;
	FILE *f;

	if (k && setns(nsfd[k], CLONE_NEWNET))
		return -1;
	f = fopen("/proc/self/net/protocols", "r");
	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, "FTALIAS ", 8))
			sscanf(line + 8, "%*d %ld", &n);
	if (f)
		fclose(f);
	if (k && setns(nsfd[0], CLONE_NEWNET))
		fz_die("setns back: %s", strerror(errno));
	return n;
}

/* After its workers are gone: nothing of them is left in namespace k. */
static void ns_check_empty(int k)
{
	struct dp_member m[4];
	struct dp_conn c[4];
	int64_t t0 = dp_now_ms();
	int nm, nc;
	long ns;

	for (;;) {
		nm = dp_members(nl[k], 0, m, 4);
		nc = dp_conns(nl[k], 0, c, 4);
		ns = ns_sockets(k);
		if (nm == 0 && nc == 0 && ns <= 0)
			return;
		if (dp_now_ms() - t0 > 10000)
			break;
		dp_pause_ms(50);
	}
	fprintf(stderr, "FAIL: namespace %d: %d members, %d connections, "
		"%ld sockets left after its workers died\n", k, nm, nc, ns);
	failed_run = true;
}

static void ns_delete(int k)
{
	int i;

	dp_nl_close(nl[k]);
	nl[k] = NULL;
	close(nsfd[k]);
	nsfd[k] = -1;
	/* the last socket closed by these deaths frees the namespace */
	for (i = 0; i < nprocs; i++)
		if (shm->w[i].ns == k)
			kill_worker(i);
}

static void admin(struct fz_rng *r)
{
	int k = fz_below(r, nnetns + 1), i = fz_below(r, NALIAS), err = 0;
	uint32_t a = shm->pool[k].alias[i];
	struct dp_member m[16];
	struct dp_conn c[16];
	int n;

	switch (fz_below(r, 6)) {
	case 0:
		dp_alias_del(nl[k], a);
		err = make_alias(nl[k], k, i);
		break;
	case 1:
		n = dp_members(nl[k], a, m, 16);
		if (n > 0)
			dp_member_set(nl[k], a, m[fz_below(r, n < 16 ? n : 16)]
				      .port, fz_below(r, 3),
				      fz_pct(r, 30) ? (int)fz_below(r, 5) : -1);
		break;
	case 2:
		dp_cache_flush(nl[k], a, fz_pct(r, 50), NULL);
		break;
	case 3:
		n = dp_conns(nl[k], 0, c, 16);
		if (n > 0)
			dp_conn_drop(nl[k], c[fz_below(r, n < 16 ? n : 16)].id);
		break;
	case 4:
		dp_alias_set(nl[k], a, FTALIAS_A_ALIAS_MODE,
			     fz_pct(r, 70) ? modes[i] : fz_below(r, 0667) &
			     0666, 4);
		break;
	default:
		dp_alias_set(nl[k], a, FTALIAS_A_ALIAS_POLICY,
			     fz_below(r, 2), 4);
		break;
	}
	if (err)
		fprintf(stderr, "alias-new in namespace %d: %s\n", k,
			strerror(-err));
}

/* Scans the kernel log written since the start for reports. */
static int scan_kmsg(void)
{
	static const char *const bad[] = {
		"BUG:", "WARNING:", "KASAN:", "UBSAN:", "general protection",
		"possible circular", "possible recursive", "inconsistent lock",
		"suspicious RCU", "blocked for more than", "Oops",
		"unreferenced object", "refcount_t:", "list_add corruption",
		"list_del corruption",
	};
	char buf[8192];
	int found = 0;
	ssize_t n;
	size_t i;

	if (kmsg_fd < 0)
		return 0;
	while ((n = read(kmsg_fd, buf, sizeof(buf) - 1)) > 0 ||
	       (n < 0 && errno == EPIPE)) {
		if (n <= 0)
			continue;
		buf[n] = 0;
		for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
			if (strstr(buf, bad[i])) {
				fprintf(stderr, "KERNEL: %s", buf);
				found++;
				break;
			}
	}
	return found;
}

static void kmemleak_scan(void)
{
	const char *p = "/sys/kernel/debug/kmemleak";
	char buf[4096];
	ssize_t n;
	int fd;

	if (!kmemleak || access(p, W_OK))
		return;
	printf("kmemleak: scanning\n");
	fflush(stdout);
	sleep(6);
	write_str(p, "scan");
	write_str(p, "scan");
	fd = open(p, O_RDONLY);
	if (fd < 0)
		return;
	while ((n = read(fd, buf, sizeof(buf) - 1)) > 0) {
		buf[n] = 0;
		if (strstr(buf, "ftalias")) {
			fprintf(stderr, "LEAK (kmemleak):\n%s", buf);
			failed_run = true;
		}
	}
	close(fd);
}

static void print_stats(double secs)
{
	unsigned long long total = atomic_load(&shm->total);
	int i, shown = 0;

	printf("fuzz_sock: seed %" PRIu64 ": %llu calls in %.1f s, %.0f "
	       "calls/s\n  calls:", o.seed, total, secs,
	       secs > 0 ? total / secs : 0);
	for (i = 0; i < NOP; i++)
		printf(" %s %llu", ops[i], atomic_load(&shm->opcount[i]));
	printf("\n  ok %llu; errno:", atomic_load(&shm->hist[0]));
	for (i = 1; i <= 4096; i++) {
		unsigned long long v = atomic_load(&shm->hist[i]);

		if (v) {
			printf(" %s %llu", i < 4096 ? strerrorname_np(i) ?: "?" :
			       ">4095", v);
			shown++;
		}
	}
	printf("\n");
}

static int run_chaos(void)
{
	double t0 = fz_now(), last = t0;
	uint64_t tick = 0, seen;
	int i, k, st;

	for (k = 0; k <= nnetns; k++)
		ns_create(k);
	for (i = 0; i < nprocs; i++)
		spawn(i);
	for (;;) {
		struct fz_rng r;
		pid_t p;

		dp_pause_ms(20);
		while ((p = waitpid(-1, &st, WNOHANG)) > 0) {
			for (i = 0; i < nprocs && shm->w[i].pid != p; i++)
				;
			if (i == nprocs)
				continue;
			if (judge(i, st))
				goto out;
			shm->w[i].pid = 0;
			if (!atomic_load(&shm->stop) &&
			    atomic_load(&shm->total) < o.count)
				spawn(i);
		}
		if (failed_run || atomic_load(&shm->failed))
			goto out;
		seen = atomic_load(&shm->total);
		if (seen >= o.count || (o.seconds && fz_now() - t0 >= o.seconds))
			break;
		if (fz_now() - last >= 10) {
			last = fz_now();
			printf("  %.0f s: %" PRIu64 " calls, %.0f/s\n",
			       last - t0, seen, seen / (last - t0));
			fflush(stdout);
		}
		if (no_chaos)
			continue;
		fz_rng_init(&r, o.seed, 0, tick++);
		if (fz_pct(&r, 4)) {
			i = fz_below(&r, nprocs);
			n_kills++;
			kill_worker(i);
			if (failed_run)
				goto out;
			spawn(i);
		} else if (fz_pct(&r, 15)) {
			n_admin++;
			admin(&r);
		} else if (nnetns && fz_pct(&r, 1)) {
			k = 1 + fz_below(&r, nnetns);
			n_nschurn++;
			ns_delete(k);
			if (failed_run)
				goto out;
			ns_create(k);
			for (i = 0; i < nprocs; i++)
				if (i % (nnetns + 1) == k)
					spawn(i);
		}
	}
out:
	atomic_store(&shm->stop, 1);
	for (i = 0; i < nprocs; i++)
		kill_worker(i);
	print_stats(fz_now() - t0);
	printf("  parent: %lu kills, %lu admin calls, %lu namespaces "
	       "recreated, %" PRIu64 " streams\n", n_kills, n_admin, n_nschurn,
	       next_stream - 1);
	if (failed_run || atomic_load(&shm->failed)) {
		if (!failed_run)
			report_failure("oracle");
		for (k = 0; k <= nnetns; k++)
			for (i = 0; i < NALIAS; i++)
				dp_alias_del(nl[k], shm->pool[k].alias[i]);
		return 1;
	}
	for (k = 0; k <= nnetns; k++) {
		ns_check_empty(k);
		for (i = 0; i < NALIAS; i++)
			dp_alias_del(nl[k], shm->pool[k].alias[i]);
		if (dp_alias_get(nl[k], shm->pool[k].alias[0],
				 &(struct dp_alias){ 0 }) != -ENOENT) {
			fprintf(stderr, "FAIL: alias left in namespace %d\n", k);
			failed_run = true;
		}
	}
	for (k = 1; k <= nnetns; k++)
		ns_delete(k);
	return failed_run;
}

/* The module's refcnt back to its value before the run. */
static void check_refcnt(void)
{
	long v;

	if (refcnt0 < 0)
		return;
	if (!DP_WAIT_FOR((v = dp_read_long(MOD_REFCNT)) == refcnt0, 30000)) {
		fprintf(stderr, "FAIL: module refcnt %ld, was %ld: sockets "
			"leaked\n", v, refcnt0);
		failed_run = true;
	} else if (ns_sockets(0) > 0) {
		fprintf(stderr, "FAIL: %ld FTALIAS sockets left\n",
			ns_sockets(0));
		failed_run = true;
	}
}

static int run_det(void)
{
	double t0 = fz_now();
	char kind[64];
	uint64_t *s;
	size_t n, i;

	det_run(NULL, 0, kind, sizeof(kind));
	print_stats(fz_now() - t0);
	if (!kind[0])
		return 0;
	failed_run = true;
	fprintf(stderr, "FAIL: %s: %s at step %" PRIu64 "\n", kind, shm->fail,
		shm->fail_step);
	print_ring(stderr, &shm->w[0]);
	n = 0;
	s = malloc((shm->fail_step + 1) * sizeof(*s));
	for (i = 0; i < o.count; i++) {
		uint64_t st = fz_step_at(&o, i);

		if (st > shm->fail_step)
			break;
		s[n++] = st;
	}
	if (o.minimize) {
		snprintf(want_kind, sizeof(want_kind), "%s", kind);
		printf("minimizing %zu steps\n", n);
		fflush(stdout);
		fz_ddmin(s, &n, det_fails, NULL, 500);
	}
	fprintf(stderr, "reproduce: selftests/fuzz_sock --procs 1 --no-chaos%s --seed %"
		PRIu64 " --steps ", unpriv1 ? " --unpriv 1" : "", o.seed);
	fz_print_steps(stderr, s, n);
	fprintf(stderr, "\n");
	free(s);
	return 1;
}

int main(int argc, char **argv)
{
	int ret;

	fz_parse(&o, argc, argv, 200000, 0, opt_other);
	selfcheck = fz_env_u64("FTALIAS_FUZZ_SOCK_SELFCHECK", 0);
	af = dp_af();
	if (af <= 0)
		fz_die("ftalias module not loaded");
	if (nprocs < 1 || nprocs > MAXPROCS || nnetns < 0 ||
	    nnetns >= MAXNS)
		fz_die("--procs 1..%d, --netns 0..%d", MAXPROCS, MAXNS - 1);
	if (o.nsteps && nprocs != 1)
		fz_die("--steps needs --procs 1 --no-chaos");
	shm = mmap(NULL, sizeof(*shm), PROT_READ | PROT_WRITE,
		   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (shm == MAP_FAILED)
		fz_die("mmap: %s", strerror(errno));
	setvbuf(stdout, NULL, _IOLBF, 0);
	old_hung = dp_read_long("/proc/sys/kernel/hung_task_timeout_secs");
	write_str("/proc/sys/kernel/hung_task_timeout_secs", "10");
	atexit(restore_hung);
	kmsg_fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (kmsg_fd >= 0)
		lseek(kmsg_fd, 0, SEEK_END);
	refcnt0 = dp_read_long(MOD_REFCNT);
	printf("fuzz_sock: seed %" PRIu64 ", %" PRIu64 " calls, %d procs, "
	       "%d netns%s\n", o.seed, o.count, nprocs, nnetns,
	       no_chaos ? ", no chaos" : "");
	fz_mark("fuzz_sock", o.seed, 0, "start");
	if (nprocs == 1 && no_chaos)
		ret = run_det();
	else
		ret = run_chaos();
	check_refcnt();
	kmemleak_scan();
	if (scan_kmsg()) {
		fprintf(stderr, "FAIL: kernel reports in the log (seed %"
			PRIu64 ")\n", o.seed);
		failed_run = true;
	}
	fz_mark("fuzz_sock", o.seed, atomic_load(&shm->total), "end");
	if (ret || failed_run) {
		printf("fuzz_sock: FAIL (seed %" PRIu64 ")\n", o.seed);
		return 1;
	}
	printf("fuzz_sock: ok\n");
	return 0;
}
