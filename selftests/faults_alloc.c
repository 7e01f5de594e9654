// SPDX-License-Identifier: GPL-2.0
/*
 * Allocation failures, systematically: every operation of the module is
 * run again and again with the n-th allocation made on its behalf failing
 * (fail-nth, Documentation/fault-injection/fault-injection.rst), n = 1, 2,
 * ... until a run meets no allocation left to fail.  Failslab and
 * fail_page_alloc are restricted to call chains through the module's text
 * by the stack-trace filter, so the failures are the module's own
 * allocations (and those it asks other code for: genlmsg_new(), sk_alloc(),
 * skb clones), not the netlink core's or the syscall layer's.
 *
 * Each run must either succeed, with the state the operation promises, or
 * fail with ENOMEM or ENOBUFS and leave the state as it found it (nothing
 * created, nothing queued, nothing half-joined), after which the same
 * operation without a fault succeeds: no request lost, none delivered
 * twice, no table out of step with its objects.  Leaks are kmemleak's
 * (faults.sh scans after the run) and the slab counts of the lifetime
 * tests.
 *
 * Needs the debug kernel (CONFIG_FAULT_INJECTION_STACKTRACE_FILTER,
 * FAILSLAB, FAIL_PAGE_ALLOC): skips elsewhere.  FTALIAS_FAULTS_MAX (300)
 * bounds n per operation.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <stdio.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/kselftest_harness.h"
#include "lib/dp_util.h"

#define DBG	"/sys/kernel/debug/"

static int write_str(const char *path, const char *v)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC), ok;

	if (fd < 0)
		return -errno;
	ok = write(fd, v, strlen(v)) == (ssize_t)strlen(v);
	close(fd);
	return ok ? 0 : -EIO;
}

static int write_u64(const char *path, unsigned long long v)
{
	char b[32];

	snprintf(b, sizeof(b), "%llu", v);
	return write_str(path, b);
}

/* The module's text: [lo, hi) from its symbols in /proc/kallsyms. */
static int module_text(unsigned long long *lo, unsigned long long *hi)
{
	FILE *f = fopen("/proc/kallsyms", "re");
	char line[512], type, name[256], mod[64];
	unsigned long long a;

	*lo = ~0ULL;
	*hi = 0;
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%llx %c %255s [%63[^]]]", &a, &type, name,
			   mod) != 4 || strcmp(mod, "ftalias"))
			continue;
		if (type != 't' && type != 'T')
			continue;
		if (a < *lo)
			*lo = a;
		if (a > *hi)
			*hi = a;
	}
	fclose(f);
	if (!*hi || !*lo)
		return -ENOENT;
	*hi += 4096;	/* past the start of the last function */
	return 0;
}

/*
 * Failslab and fail_page_alloc failing pct % of the module's allocations
 * for every task (task-filter off: the alias's kernel worker, its timers
 * and softirq context too, which fail-nth cannot reach), or none again
 * (pct 0: the defaults fail-nth works with).
 */
static int fault_random(unsigned int pct)
{
	static const char *const attrs[] = { DBG "failslab/", DBG "fail_page_alloc/" };
	char p[128];
	size_t i;

	for (i = 0; i < 2; i++) {
		snprintf(p, sizeof(p), "%stask-filter", attrs[i]);
		if (write_str(p, "N"))
			return -EIO;
		snprintf(p, sizeof(p), "%sinterval", attrs[i]);
		if (write_u64(p, 1))
			return -EIO;
		snprintf(p, sizeof(p), "%stimes", attrs[i]);
		if (write_str(p, pct ? "-1" : "1"))
			return -EIO;
		snprintf(p, sizeof(p), "%sprobability", attrs[i]);
		if (write_u64(p, pct))
			return -EIO;
	}
	return 0;
}

/* Configures failslab and fail_page_alloc for fail-nth in the module. */
static int fault_injection_setup(void)
{
	static const char *const attrs[] = { DBG "failslab/", DBG "fail_page_alloc/" };
	unsigned long long lo, hi;
	char p[128];
	size_t i;

	if (access("/proc/thread-self/fail-nth", W_OK) ||
	    access(DBG "failslab/require-start", W_OK) ||
	    access(DBG "fail_page_alloc/require-start", W_OK))
		return -EOPNOTSUPP;
	if (module_text(&lo, &hi))
		return -ENOENT;
	for (i = 0; i < 2; i++) {
#define SET(f, v) do { snprintf(p, sizeof(p), "%s%s", attrs[i], f); \
		if (write_u64(p, v)) return -EIO; } while (0)
		SET("probability", 0);
		SET("verbose", 0);
		SET("stacktrace-depth", 32);
		SET("require-start", lo);
		SET("require-end", hi);
		SET("reject-start", 0);
		SET("reject-end", 0);
#undef SET
		snprintf(p, sizeof(p), "%signore-gfp-wait", attrs[i]);
		if (write_str(p, "N"))
			return -EIO;
	}
	if (write_str(DBG "fail_page_alloc/ignore-gfp-highmem", "N") ||
	    write_u64(DBG "fail_page_alloc/min-order", 0))
		return -EIO;
	return fault_random(0);
}

static void fail_nth(unsigned int n)
{
	if (write_u64("/proc/thread-self/fail-nth", n))
		abort();
}

/* 0: the n-th allocation was failed (the counter ran out), else not. */
static unsigned int fail_nth_left(void)
{
	char b[32] = "";
	int fd = open("/proc/thread-self/fail-nth", O_RDONLY | O_CLOEXEC);
	ssize_t n = fd < 0 ? -1 : read(fd, b, sizeof(b) - 1);

	if (fd >= 0)
		close(fd);
	return n > 0 ? strtoul(b, NULL, 0) : 1;
}

/* ---- the state an operation works on ---------------------------------- */

struct fctx {
	struct dp_nl *nl;
	int af;
	uint32_t alias, alias2;
	int member, member2, client, lis, conn, child;
	uint32_t grace;
	struct ftalias_id id;
	char name[32];
	uint64_t recorded;
	int n;		/* this run's fail-nth */
};

static bool allowed(int err)
{
	return err == -ENOMEM || err == -ENOBUFS;
}

/* The aliases of the namespace (alias-get dump); *has: name among them. */
struct adump {
	const char *name;
	int n;
	bool has;
};

static int alias_count(struct dp_nl *nl, const char *name, bool *has)
{
	struct ftalias_alias_get_list *l = ftalias_alias_get_dump(nl->ys);
	struct adump d = { name, 0, false };

	if (l) {
		ynl_dump_foreach(l, a) {
			d.n++;
			if (d.name && a->name && !strcmp(a->name, d.name))
				d.has = true;
		}
		ftalias_alias_get_list_free(l);
	}
	if (has)
		*has = d.has;
	return l ? d.n : dp_ynl_err(nl);
}

static bool quiet(int fd, int ms)
{
	return dp_wait_readable(fd, ms) <= 0;
}

static void fctx_close(struct fctx *c)
{
	int *fds[] = { &c->member, &c->member2, &c->client, &c->lis,
		       &c->conn, &c->child };
	size_t i;

	for (i = 0; i < sizeof(fds) / sizeof(fds[0]); i++) {
		if (*fds[i] >= 0)
			close(*fds[i]);
		*fds[i] = -1;
	}
	if (c->alias)
		dp_alias_del(c->nl, c->alias);
	if (c->alias2)
		dp_alias_del(c->nl, c->alias2);
	c->alias = c->alias2 = 0;
}

/* An alias with members and a client (a member of alias2, if set). */
static int setup_alias(struct fctx *c, int members)
{
	int r;

	snprintf(c->name, sizeof(c->name), "flt%d-%d", getpid(), c->n);
	r = dp_alias_new(c->nl, c->name, -1, 60000);
	if (r < 0)
		return r;
	c->alias = r;
	if (members >= 1) {
		c->member = dp_socket(c->af, c->alias, 10, SOCK_NONBLOCK);
		if (c->member < 0)
			return c->member;
	}
	if (members >= 2) {
		c->member2 = dp_socket(c->af, c->alias, 5, SOCK_NONBLOCK);
		if (c->member2 < 0)
			return c->member2;
	}
	c->client = dp_socket(c->af, c->alias2, -1, SOCK_NONBLOCK);
	return c->client < 0 ? c->client : 0;
}

/* A request of the client, read by the member: c->id. */
static int setup_request(struct fctx *c)
{
	struct dp_msg m;
	char buf[64];
	int r = setup_alias(c, 1);

	if (r)
		return r;
	r = dp_send_req(c->client, c->af, c->alias, "req", 3, &c->id, 0);
	if (r)
		return r;
	if (dp_wait_readable(c->member, 5000) <= 0)
		return -ETIMEDOUT;
	r = dp_recv(c->member, buf, sizeof(buf), &m, MSG_DONTWAIT);
	return r == 3 ? 0 : -EPROTO;
}

static uint64_t recorded(struct fctx *c)
{
	struct dp_alias a;

	return dp_alias_get(c->nl, c->alias, &a) ? ~0ULL : a.cache.recorded;
}

/* One message in fd, then none. */
static bool exactly_one(int fd, const char *what, struct dp_msg *m)
{
	char buf[128];

	if (dp_wait_readable(fd, 5000) <= 0) {
		ksft_print_msg("%s: nothing arrived\n", what);
		return false;
	}
	if (dp_recv(fd, buf, sizeof(buf), m, MSG_DONTWAIT) < 0) {
		ksft_print_msg("%s: recv failed\n", what);
		return false;
	}
	if (!quiet(fd, 50)) {
		ksft_print_msg("%s: a second message arrived\n", what);
		return false;
	}
	return true;
}

/* ---- the operations ----------------------------------------------------- */

struct fop {
	const char *name;
	int (*setup)(struct fctx *c);
	int (*op)(struct fctx *c);
	/* the state after op returned err (0 or an allowed -errno) */
	bool (*check)(struct fctx *c, int err);
};

static int nosetup(struct fctx *c)
{
	(void)c;
	return 0;
}

static int op_alias_new(struct fctx *c)
{
	struct ftalias_alias_new_req *req = ftalias_alias_new_req_alloc();
	int id;

	snprintf(c->name, sizeof(c->name), "fltnew%d-%d", getpid(), c->n);
	ftalias_alias_new_req_set_name(req, c->name);
	ftalias_alias_new_req_set_grace_ms(req, 1000);
	ftalias_alias_new_req_set_cache_max_entries(req, 100);
	id = dp_alias_new_send(c->nl, req);
	return id < 0 ? id : 0;
}

static bool ck_alias_new(struct fctx *c, int err)
{
	bool has;
	int n = alias_count(c->nl, c->name, &has);

	if (n < 0 || has != !err) {
		ksft_print_msg("alias-new returned %d, alias %s\n", err,
			       has ? "exists" : "does not exist");
		return false;
	}
	return true;
}

static void delete_named(struct dp_nl *nl, const char *name)
{
	struct ftalias_alias_del_req *req = ftalias_alias_del_req_alloc();

	ftalias_alias_del_req_set_name(req, name);
	ftalias_alias_del(nl->ys, req);
	ftalias_alias_del_req_free(req);
}

static int setup_plain_alias(struct fctx *c)
{
	return setup_alias(c, 0);
}

static int op_alias_set(struct fctx *c)
{
	return dp_alias_set(c->nl, c->alias, FTALIAS_A_ALIAS_GRACE_MS, 1234, 4);
}

static bool ck_alias_set(struct fctx *c, int err)
{
	struct dp_alias a;

	if (dp_alias_get(c->nl, c->alias, &a))
		return false;
	return a.grace_ms == (err ? 60000u : 1234u);
}

static int op_alias_del(struct fctx *c)
{
	return dp_alias_del(c->nl, c->alias);
}

static bool ck_alias_del(struct fctx *c, int err)
{
	struct dp_alias a;
	int r = dp_alias_get(c->nl, c->alias, &a);

	if (!err) {
		c->alias = 0;
		return r == -ENOENT;
	}
	return r == 0;
}

static int op_socket(struct fctx *c)
{
	c->conn = socket(c->af, SOCK_RDM | SOCK_CLOEXEC, 0);
	return c->conn < 0 ? -errno : 0;
}

static bool ck_socket(struct fctx *c, int err)
{
	struct sockaddr_ftalias sa = dp_addr(c->af, FTALIAS_ADDR_PORT, 0, 0);

	if (err)
		return c->conn < 0;
	return !bind(c->conn, (struct sockaddr *)&sa, sizeof(sa));
}

static int setup_unbound(struct fctx *c)
{
	int r = setup_alias(c, 0);

	if (r)
		return r;
	c->conn = socket(c->af, SOCK_RDM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	return c->conn < 0 ? -errno : 0;
}

static int op_join(struct fctx *c)
{
	struct sockaddr_ftalias sa = dp_addr(c->af, FTALIAS_ADDR_ALIAS,
					     c->alias, 0);

	return bind(c->conn, (struct sockaddr *)&sa, sizeof(sa)) ? -errno : 0;
}

static bool ck_join(struct fctx *c, int err)
{
	struct dp_member m[4];
	int n = dp_members(c->nl, c->alias, m, 4);

	if (n != (err ? 0 : 1)) {
		ksft_print_msg("bind returned %d, %d members\n", err, n);
		return false;
	}
	/* a failed bind left the socket unbound: it can try again */
	if (err && op_join(c))
		return false;
	if (dp_members(c->nl, c->alias, m, 4) != 1)
		return false;
	/* and it serves */
	if (dp_send_req(c->client, c->af, c->alias, "x", 1, NULL, 0))
		return false;
	return dp_wait_readable(c->conn, 5000) > 0;
}

static int setup_one_member(struct fctx *c)
{
	return setup_alias(c, 1);
}

static int op_request(struct fctx *c)
{
	return dp_send_req(c->client, c->af, c->alias, "req", 3, &c->id, 0);
}

static bool ck_request(struct fctx *c, int err)
{
	struct dp_alias a;
	struct dp_msg m;

	if (err) {
		if (!quiet(c->member, 100)) {
			ksft_print_msg("failed send delivered a request\n");
			return false;
		}
		if (dp_alias_get(c->nl, c->alias, &a) || a.pending) {
			ksft_print_msg("failed send left %u pending\n",
				       a.pending);
			return false;
		}
		if (op_request(c))
			return false;
	}
	if (!exactly_one(c->member, "request", &m))
		return false;
	if (!m.has_id || !dp_id_eq(&m.id, &c->id)) {
		ksft_print_msg("request delivered with another ID\n");
		return false;
	}
	if (dp_send_reply(c->member, &m.id, "rep", 3, 0))
		return false;
	return exactly_one(c->client, "reply", &m);
}

/* The requester a member of its own alias: its replies are recorded. */
static int setup_record(struct fctx *c)
{
	char name[40];
	int r;

	snprintf(name, sizeof(name), "fltc%d-%d", getpid(), c->n);
	r = dp_alias_new(c->nl, name, -1, -1);
	if (r < 0)
		return r;
	c->alias2 = r;
	r = setup_request(c);

	c->recorded = recorded(c);
	return r;
}

static int op_reply_record(struct fctx *c)
{
	return dp_reply_record(c->member, &c->id, "rep", 3);
}

static bool ck_reply_record(struct fctx *c, int err)
{
	struct dp_msg m;

	if (err) {
		if (!quiet(c->client, 100)) {
			ksft_print_msg("failed reply+record sent a reply\n");
			return false;
		}
		if (recorded(c) != c->recorded) {
			ksft_print_msg("failed reply+record recorded\n");
			return false;
		}
		err = op_reply_record(c);
		if (err) {
			ksft_print_msg("reply+record again: %d\n", err);
			return false;
		}
	}
	if (recorded(c) != c->recorded + 1) {
		ksft_print_msg("recorded %llu, was %llu\n",
			       (unsigned long long)recorded(c),
			       (unsigned long long)c->recorded);
		return false;
	}
	return exactly_one(c->client, "reply", &m) && m.has_reply_to &&
	       dp_id_eq(&m.reply_to, &c->id);
}

static int op_block(struct fctx *c)
{
	return dp_record(c->member, &c->id, FTALIAS_RECORD_BLOCK, NULL, 0);
}

static bool ck_block(struct fctx *c, int err)
{
	struct dp_alias a;

	if (dp_alias_get(c->nl, c->alias, &a))
		return false;
	if (a.cache.in_progress != (err ? 0u : 1u)) {
		ksft_print_msg("block returned %d, %llu in progress\n", err,
			       (unsigned long long)a.cache.in_progress);
		return false;
	}
	if (err && op_block(c))
		return false;
	/* the reply resolves it */
	if (dp_reply_record(c->member, &c->id, "rep", 3))
		return false;
	return !dp_alias_get(c->nl, c->alias, &a) && !a.cache.in_progress;
}

/*
 * The one message of fd within 5 s, into big buffers (a 64 KiB payload
 * and its control messages), then none: its length or -errno.
 */
static ssize_t exactly_one_big(int fd, const char *what, struct dp_msg *m)
{
	static char buf[FTALIAS_MSG_MAX], cbuf[FTALIAS_MSG_MAX + 1024];
	ssize_t n;

	if (dp_wait_readable(fd, 5000) <= 0) {
		ksft_print_msg("%s: nothing arrived\n", what);
		return -ETIMEDOUT;
	}
	n = dp_recv_aux(fd, buf, sizeof(buf), m, MSG_DONTWAIT, cbuf,
			sizeof(cbuf));
	if (n < 0) {
		ksft_print_msg("%s: recv failed: %zd\n", what, n);
		return n;
	}
	if (!quiet(fd, 50)) {
		ksft_print_msg("%s: a second message arrived\n", what);
		return -EEXIST;
	}
	return n;
}

#define BIG_REPLY	60000
#define BIG_JOURNAL	30000

/*
 * A 60000-byte auto-reply recorded for the client alias's request: a
 * re-send is answered by the kernel with a message made in page
 * fragments, under the alias's lock (atomic allocations).
 */
static int setup_answer(struct fctx *c)
{
	static char big[BIG_REPLY];
	struct dp_msg m;
	int r = setup_record(c);

	if (r)
		return r;
	memset(big, 'a', sizeof(big));
	r = dp_reply_record(c->member, &c->id, big, sizeof(big));
	if (r)
		return r;
	if (exactly_one_big(c->client, "first reply", &m) != BIG_REPLY)
		return -EPROTO;
	return 0;
}

static int op_resend(struct fctx *c)
{
	return dp_send_req_cmsg(c->client, c->af, c->alias, "req", 3,
				FTALIAS_CMSG_ID, &c->id, sizeof(c->id), NULL);
}

static uint64_t hits_auto(struct fctx *c)
{
	struct dp_alias a;

	return dp_alias_get(c->nl, c->alias, &a) ? ~0ULL : a.cache.hits_auto;
}

/* Answered by the kernel exactly once, at once or by the alias's work. */
static bool ck_answer(struct fctx *c, int err)
{
	struct dp_msg m;

	if (err) {
		if (!quiet(c->client, 100) || !quiet(c->member, 0)) {
			ksft_print_msg("failed re-send went somewhere\n");
			return false;
		}
		err = op_resend(c);
		if (err) {
			ksft_print_msg("re-send again: %d\n", err);
			return false;
		}
	}
	if (exactly_one_big(c->client, "answer", &m) != BIG_REPLY ||
	    !m.has_reply_to || !dp_id_eq(&m.reply_to, &c->id))
		return false;
	if (!quiet(c->member, 0)) {
		ksft_print_msg("the re-send reached the member\n");
		return false;
	}
	return hits_auto(c) == 1;
}

/*
 * Two members; the active one blocked its request and journaled a 30000-
 * byte request to the client's alias, then closes: the orphan notice to
 * the new active member is made under the alias's lock.
 */
static int setup_orphan(struct fctx *c)
{
	static char big[BIG_JOURNAL];
	struct ftalias_id child;
	struct dp_msg m;
	char name[40];
	int r;

	snprintf(name, sizeof(name), "fltc%d-%d", getpid(), c->n);
	r = dp_alias_new(c->nl, name, -1, -1);
	if (r < 0)
		return r;
	c->alias2 = r;
	r = setup_alias(c, 2);
	if (r)
		return r;
	if (dp_is_active(c->member) != 1)
		return -EPROTO;
	r = dp_send_req(c->client, c->af, c->alias, "req", 3, &c->id, 0);
	if (r)
		return r;
	if (exactly_one_big(c->member, "request", &m) != 3)
		return -EPROTO;
	r = dp_record(c->member, &c->id, FTALIAS_RECORD_BLOCK, NULL, 0);
	if (r)
		return r;
	memset(big, 'j', sizeof(big));
	r = dp_send_req_cmsg(c->member, c->af, c->alias2, big, sizeof(big),
			     FTALIAS_CMSG_PARENT, &c->id, sizeof(c->id),
			     &child);
	if (r)
		return r;
	/* The client is the journaled request's server: it reads it. */
	return exactly_one_big(c->client, "journaled request",
			       &m) == BIG_JOURNAL ? 0 : -EPROTO;
}

/* The new active member gets one notice, with the journal, whatever failed. */
static bool ck_orphan(struct fctx *c, int err)
{
	const struct ftalias_journal_rec *j;
	struct dp_msg m;

	(void)err;
	if (exactly_one_big(c->member2, "orphan notice", &m) != 3)
		return false;
	if (!(m.flags & FTALIAS_F_ORPHAN) || !dp_id_eq(&m.id, &c->id) ||
	    m.aux_type != FTALIAS_CMSG_JOURNAL ||
	    m.aux_len != sizeof(*j) + BIG_JOURNAL) {
		ksft_print_msg("notice: flags %#x, journal %d of %zu bytes\n",
			       m.flags, m.aux_type, m.aux_len);
		return false;
	}
	j = m.aux;
	if (j->len != BIG_JOURNAL || j->alias != c->alias2) {
		ksft_print_msg("journal record: %u bytes to %u\n", j->len,
			       j->alias);
		return false;
	}
	return true;
}

/* Two members, a request unread by the active one, which closes. */
static int setup_failover(struct fctx *c)
{
	int r = setup_alias(c, 2);

	if (r)
		return r;
	if (dp_is_active(c->member) != 1)
		return -EPROTO;
	return dp_send_req(c->client, c->af, c->alias, "req", 3, &c->id, 0);
}

static int op_close_active(struct fctx *c)
{
	close(c->member);
	c->member = -1;
	return 0;
}

static bool ck_failover(struct fctx *c, int err)
{
	struct dp_msg m;
	struct pollfd p[2] = {
		{ .fd = c->member2, .events = POLLIN },
		{ .fd = c->client, .events = POLLIN },
	};

	(void)err;
	/* the promoted member gets it, or the client hears why not */
	if (poll(p, 2, 5000) <= 0) {
		ksft_print_msg("request lost in the failover\n");
		return false;
	}
	if (p[1].revents & POLLIN) {
		char buf[64];

		dp_recv(c->client, buf, sizeof(buf), &m, MSG_DONTWAIT);
		ksft_print_msg("client told: errno %u\n", m.err);
		return m.err != 0 && quiet(c->member2, 100);
	}
	if (!exactly_one(c->member2, "redelivery", &m))
		return false;
	return dp_id_eq(&m.id, &c->id);
}

/* A SEQPACKET listener on a port; a connecting socket in c->conn. */
static int setup_listener(struct fctx *c)
{
	struct sockaddr_ftalias sa = dp_addr(c->af, FTALIAS_ADDR_PORT, 0, 0);

	c->lis = socket(c->af, SOCK_SEQPACKET | SOCK_CLOEXEC | SOCK_NONBLOCK,
			0);
	if (c->lis < 0 || bind(c->lis, (struct sockaddr *)&sa, sizeof(sa)) ||
	    listen(c->lis, 8))
		return -errno;
	c->conn = socket(c->af, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	return c->conn < 0 ? -errno : 0;
}

static int op_connect(struct fctx *c)
{
	struct sockaddr_ftalias sa = dp_addr(c->af, FTALIAS_ADDR_PORT, 0,
					     dp_port(c->lis));

	return connect(c->conn, (struct sockaddr *)&sa, sizeof(sa)) ? -errno : 0;
}

static bool ck_connect(struct fctx *c, int err)
{
	struct dp_conn t[4];
	char b[8];
	int n = dp_conns(c->nl, 0, t, 4), fd;

	if (n != (err ? 0 : 1)) {
		ksft_print_msg("connect returned %d, %d in the table\n", err, n);
		return false;
	}
	fd = accept(c->lis, NULL, NULL);
	if (err) {
		if (fd >= 0 || errno != EAGAIN) {
			ksft_print_msg("failed connect left a connection to accept\n");
			return false;
		}
		if (op_connect(c))
			return false;
		fd = accept(c->lis, NULL, NULL);
	}
	if (fd < 0)
		return false;
	c->child = fd;
	if (send(c->conn, "hi", 2, 0) != 2)
		return false;
	return dp_wait_readable(c->child, 5000) > 0 &&
	       recv(c->child, b, sizeof(b), 0) == 2 &&
	       dp_conns(c->nl, 0, t, 4) == 1;
}

/* Many aliases (and members), dumped. */
static int setup_many(struct fctx *c)
{
	int r = setup_alias(c, 2), i;
	char name[32];

	for (i = 0; !r && i < 40; i++) {
		snprintf(name, sizeof(name), "fltm%d-%d", getpid(), i);
		r = dp_alias_new(c->nl, name, -1, -1);
		r = r < 0 ? r : 0;
	}
	return r;
}

static int op_dumps(struct fctx *c)
{
	struct dp_member m[4];
	int n = alias_count(c->nl, NULL, NULL), k;

	if (n < 0)
		return n;
	if (n < 41) {
		ksft_print_msg("alias dump: %d\n", n);
		return -EPROTO;
	}
	k = dp_members(c->nl, c->alias, m, 4);
	if (k < 0)
		return k;
	return k == 2 ? 0 : -EPROTO;
}

static bool ck_dumps(struct fctx *c, int err)
{
	(void)c;
	(void)err;
	return true;
}

static void teardown_many(struct fctx *c)
{
	char name[32];
	int i;

	for (i = 0; i < 40; i++) {
		snprintf(name, sizeof(name), "fltm%d-%d", getpid(), i);
		delete_named(c->nl, name);
	}
}

/* A completed entry of a member client (kept until its ack). */
static int setup_flush(struct fctx *c)
{
	int r = setup_request(c);

	if (r)
		return r;
	return dp_record(c->member, &c->id, FTALIAS_RECORD_AUTO_REPLY, "r", 1);
}

static int op_flush(struct fctx *c)
{
	uint32_t n = 0;

	return dp_cache_flush(c->nl, c->alias, false, &n);
}

static bool ck_flush(struct fctx *c, int err)
{
	struct dp_alias a;

	if (dp_alias_get(c->nl, c->alias, &a))
		return false;
	return a.cache.entries == (err ? 1u : 0u);
}

static int setup_conn(struct fctx *c)
{
	int r = setup_listener(c);

	if (r || (r = op_connect(c)))
		return r;
	c->child = accept(c->lis, NULL, NULL);
	return c->child < 0 ? -errno : 0;
}

static int op_conn_drop(struct fctx *c)
{
	struct dp_conn t[2];

	if (dp_conns(c->nl, 0, t, 2) != 1)
		return -EPROTO;
	return dp_conn_drop(c->nl, t[0].id);
}

static bool ck_conn_drop(struct fctx *c, int err)
{
	struct dp_conn t[2];
	char b[4];

	if (dp_conns(c->nl, 0, t, 2) != (err ? 1 : 0))
		return false;
	if (err)
		return send(c->conn, "x", 1, 0) == 1;
	return recv(c->child, b, sizeof(b), MSG_DONTWAIT) < 0 &&
	       errno == ECONNRESET;
}

static const struct fop fops[] = {
	{ "alias-new", nosetup, op_alias_new, ck_alias_new },
	{ "alias-set", setup_plain_alias, op_alias_set, ck_alias_set },
	{ "alias-del", setup_one_member, op_alias_del, ck_alias_del },
	{ "socket", nosetup, op_socket, ck_socket },
	{ "member-join", setup_unbound, op_join, ck_join },
	{ "request", setup_one_member, op_request, ck_request },
	{ "reply-record", setup_record, op_reply_record, ck_reply_record },
	{ "record-block", setup_request, op_block, ck_block },
	{ "failover", setup_failover, op_close_active, ck_failover },
	{ "connect", setup_listener, op_connect, ck_connect },
	{ "dumps", setup_many, op_dumps, ck_dumps },
	{ "cache-flush", setup_flush, op_flush, ck_flush },
	{ "conn-drop", setup_conn, op_conn_drop, ck_conn_drop },
	{ "cache-answer", setup_answer, op_resend, ck_answer },
	{ "orphan-notice", setup_orphan, op_close_active, ck_orphan },
};

FIXTURE(faults) {
	struct dp_nl *nl, *events;
	int af, aliases;
};

FIXTURE_VARIANT(faults) {
	int op;
};

#define FOP(i, n) FIXTURE_VARIANT_ADD(faults, n) { .op = i }
FOP(0, alias_new);
FOP(1, alias_set);
FOP(2, alias_del);
FOP(3, socket);
FOP(4, member_join);
FOP(5, request);
FOP(6, reply_record);
FOP(7, record_block);
FOP(8, failover);
FOP(9, connect);
FOP(10, dumps);
FOP(11, cache_flush);
FOP(12, conn_drop);
FOP(13, cache_answer);
FOP(14, orphan_notice);

FIXTURE_SETUP(faults)
{
	int r = fault_injection_setup();

	if (r == -EOPNOTSUPP)
		SKIP(return, "no fail-nth with a stack-trace filter (debug kernel only)");
	ASSERT_EQ(0, r);
	self->af = dp_af();
	ASSERT_GT(self->af, 0);
	self->nl = dp_nl_open();
	ASSERT_NE(NULL, self->nl);
	/* a listener, so that every change allocates its notification */
	self->events = dp_events_open();
	ASSERT_NE(NULL, self->events);
	self->aliases = alias_count(self->nl, NULL, NULL);
	ASSERT_LE(0, self->aliases);
}

FIXTURE_TEARDOWN(faults)
{
	dp_nl_close(self->events);
	dp_nl_close(self->nl);
}

TEST_F_TIMEOUT(faults, each_allocation, 600)
{
	const struct fop *f = &fops[variant->op];
	unsigned int max = getenv("FTALIAS_FAULTS_MAX") ?
			   atoi(getenv("FTALIAS_FAULTS_MAX")) : 300;
	unsigned int n, failed = 0, survived = 0;
	bool clean = false;

	for (n = 1; n <= max && !clean; n++) {
		struct fctx c = {
			.nl = self->nl, .af = self->af, .n = n,
			.member = -1, .member2 = -1, .client = -1, .lis = -1,
			.conn = -1, .child = -1,
		};
		int err;

		ASSERT_EQ(0, f->setup(&c)) TH_LOG("%s: setup", f->name);
		fail_nth(n);
		err = f->op(&c);
		clean = fail_nth_left() != 0;
		fail_nth(0);
		if (clean) {
			EXPECT_EQ(0, err) TH_LOG("%s failed with %d and no fault",
						 f->name, err);
		} else if (err) {
			EXPECT_TRUE(allowed(err))
				TH_LOG("%s: allocation %u failed: errno %d",
				       f->name, n, -err);
			failed++;
		} else {
			survived++;
		}
		EXPECT_TRUE(f->check(&c, err))
			TH_LOG("%s: state after allocation %u failed (op %d)",
			       f->name, n, err);
		if (f->op == op_alias_new)
			delete_named(c.nl, c.name);
		if (f->setup == setup_many)
			teardown_many(&c);
		fctx_close(&c);
		if (_metadata->exit_code)
			break;
	}
	EXPECT_TRUE(clean) TH_LOG("%s: still allocating after %u", f->name, max);
	ksft_print_msg("%s: %u allocations failed in turn: %u made it fail cleanly, %u were survived\n",
		       f->name, n - 1 - clean, failed, survived);
	EXPECT_EQ(self->aliases, alias_count(self->nl, NULL, NULL));
}

/* ---- a cache answer that fails in the sender's task ---------------------- */

/*
 * The kernel's answer to a re-sent request is made under the alias's lock
 * (GFP_ATOMIC) by whoever delivers the request: for a re-send while the
 * alias has an active member, the sender's own task (ftalias_send_request(),
 * __ftalias_deliver(), __ftalias_rc_check()), which fail-nth reaches.  When
 * that allocation fails the request is held (the trace event
 * ftalias_request_held, reason=retry, in the sender's task, read back from
 * a trace instance of the test's own) and the alias's worker answers it
 * later: the sender sees its sendmsg() succeed and then exactly one
 * answer, never an error, and the member never sees the request.
 */
FIXTURE(answer_retry) {
	struct dp_nl *nl;
	int af;
	char inst[64];
};

static int inst_write(const char *inst, const char *file, const char *v,
		      int flags)
{
	char p[160];
	int fd, ok;

	snprintf(p, sizeof(p), "%s/%s", inst, file);
	fd = open(p, O_WRONLY | O_CLOEXEC | flags);
	if (fd < 0)
		return -errno;
	ok = write(fd, v, strlen(v)) == (ssize_t)strlen(v);
	close(fd);
	return ok ? 0 : -EIO;
}

/* The number of "reason=retry" held events of alias in the instance. */
static int retries_traced(const char *inst, uint32_t alias)
{
	char p[160], line[512], pat[32];
	int n = 0;
	FILE *f;

	snprintf(p, sizeof(p), "%s/trace", inst);
	snprintf(pat, sizeof(pat), " alias=%u ", alias);
	f = fopen(p, "re");
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f))
		n += strstr(line, "ftalias_request_held:") &&
		     strstr(line, pat) && strstr(line, "reason=retry");
	fclose(f);
	/* empty it for the next run */
	inst_write(inst, "trace", "", O_TRUNC);
	return n;
}

FIXTURE_SETUP(answer_retry)
{
	int r = fault_injection_setup();

	if (r == -EOPNOTSUPP)
		SKIP(return, "no fail-nth with a stack-trace filter (debug kernel only)");
	ASSERT_EQ(0, r);
	self->af = dp_af();
	ASSERT_GT(self->af, 0);
	self->nl = dp_nl_open();
	ASSERT_NE(NULL, self->nl);
	r = dp_trace_instance_new(self->inst, sizeof(self->inst),
				  "ftalias-faults");
	if (r == -EOPNOTSUPP)
		SKIP(return, "no tracefs");
	ASSERT_EQ(0, r);
	ASSERT_EQ(0, inst_write(self->inst,
				"events/ftalias/ftalias_request_held/enable",
				"1", 0));
}

FIXTURE_TEARDOWN(answer_retry)
{
	if (self->inst[0]) {
		inst_write(self->inst,
			   "events/ftalias/ftalias_request_held/enable", "0", 0);
		dp_trace_instance_del(self->inst);
	}
	if (self->nl)
		dp_nl_close(self->nl);
}

TEST_F_TIMEOUT(answer_retry, in_sender_task, 600)
{
	unsigned int n, retried = 0, failed = 0;
	bool clean = false;

	for (n = 1; n <= 300 && !clean && !_metadata->exit_code; n++) {
		struct fctx c = {
			.nl = self->nl, .af = self->af, .n = n,
			.member = -1, .member2 = -1, .client = -1, .lis = -1,
			.conn = -1, .child = -1,
		};
		struct dp_alias a;
		struct dp_msg m = { 0 };
		int err, t;

		ASSERT_EQ(0, setup_answer(&c));
		ASSERT_EQ(0, dp_alias_get(c.nl, c.alias, &a));
		ASSERT_NE(0u, a.active_port);
		ASSERT_EQ(0, retries_traced(self->inst, c.alias));
		fail_nth(n);
		err = op_resend(&c);
		clean = fail_nth_left() != 0;
		fail_nth(0);
		t = retries_traced(self->inst, c.alias);
		ASSERT_LE(0, t);
		if (t) {
			/* the answer failed in this task: the send did not */
			retried++;
			EXPECT_EQ(0, err) TH_LOG("allocation %u", n);
		}
		if (err) {
			failed++;
			EXPECT_TRUE(allowed(err)) TH_LOG("allocation %u: %d",
							 n, err);
			EXPECT_TRUE(quiet(c.client, 100));
			ASSERT_EQ(0, op_resend(&c));
		}
		/* one answer, from the cache, whenever it was made */
		EXPECT_EQ(BIG_REPLY, exactly_one_big(c.client, "answer", &m))
			TH_LOG("allocation %u", n);
		EXPECT_TRUE(m.has_reply_to && dp_id_eq(&m.reply_to, &c.id));
		EXPECT_EQ(0u, m.err);
		EXPECT_TRUE(quiet(c.member, 0)) TH_LOG("allocation %u", n);
		EXPECT_EQ(1u, hits_auto(&c)) TH_LOG("allocation %u", n);
		fctx_close(&c);
	}
	EXPECT_TRUE(clean);
	/* fail-nth reached the answer's allocation in the sender's task */
	EXPECT_LT(0u, retried);
	ksft_print_msg("cache answer: %u allocations failed in turn: %u sends failed, %u answers retried by the worker\n",
		       n - 1 - clean, failed, retried);
}

/* ---- port and connection-ID allocation ---------------------------------- */

/*
 * Ports and connection IDs come from xa_alloc_cyclic(), which the sweep
 * above never fails.  The xarray allocates a node first with GFP_NOWAIT
 * under its lock and, when that fails, again with the caller's flags
 * after dropping it (xas_nomem()): one failure (fail-nth) is always
 * survived.  __xa_alloc_cyclic() tries once more from the bottom of the
 * range when its cursor is above it: two more.  And once the array has
 * the node an index falls in, allocating the index takes no memory at
 * all (the sweep's namespace has had its nodes long before).  So here
 * each run has a network namespace of its own, whose port and connection
 * tables are empty (the first port, the first connection ID need a node,
 * and so does port 64, past the first node), and several allocations
 * fail in a row: the n-th (fail-nth) and the next three slab allocations
 * (failslab: probability 100, times 4, this thread only).  A failed
 * bind() or connect() must fail with ENOMEM, keep no port or ID, leave
 * the socket unbound or unconnected and nothing in the connection table
 * or the accept queue.
 */
static int fault_run_arm(unsigned int n)
{
	if (write_str(DBG "failslab/task-filter", "Y") ||
	    write_str("/proc/thread-self/make-it-fail", "1") ||
	    write_u64(DBG "failslab/interval", 1) ||
	    write_u64(DBG "failslab/probability", 100) ||
	    write_str(DBG "failslab/times", "4"))
		return -EIO;
	fail_nth(n);
	return 0;
}

/* Disarms; 0 if the n-th allocation was failed. */
static unsigned int fault_run_disarm(void)
{
	unsigned int left = fail_nth_left();

	fail_nth(0);
	if (write_str(DBG "failslab/times", "0") ||
	    write_u64(DBG "failslab/probability", 0) ||
	    write_str("/proc/thread-self/make-it-fail", "0") ||
	    write_str(DBG "failslab/task-filter", "N") ||
	    write_str(DBG "failslab/times", "1"))
		abort();
	return left;
}

static uint32_t conn_id(int fd)
{
	struct ftalias_conn_info ci = { 0 };
	socklen_t len = sizeof(ci);

	return getsockopt(fd, SOL_FTALIAS, FTALIAS_CONN_INFO, &ci, &len) ?
	       0 : ci.id;
}

FIXTURE(idalloc) {
	int af;
	bool set;
};

FIXTURE_SETUP(idalloc)
{
	int r = fault_injection_setup();

	if (r == -EOPNOTSUPP)
		SKIP(return, "no fail-nth with a stack-trace filter (debug kernel only)");
	ASSERT_EQ(0, r);
	self->set = true;
	self->af = dp_af();
	ASSERT_GT(self->af, 0);
}

FIXTURE_TEARDOWN(idalloc)
{
	if (self->set) {
		fail_nth(0);
		write_str("/proc/thread-self/make-it-fail", "0");
		fault_random(0);
	}
}

TEST_F(idalloc, port)
{
	struct sockaddr_ftalias sa = dp_addr(self->af, FTALIAS_ADDR_PORT, 0, 0);
	unsigned int n, failed = 0;
	bool clean = false;

	for (n = 1; n <= 100 && !clean && !_metadata->exit_code; n++) {
		int s, s2, err;

		ASSERT_EQ(0, unshare(CLONE_NEWNET));
		s = socket(self->af, SOCK_RDM | SOCK_CLOEXEC, 0);
		ASSERT_LE(0, s);
		ASSERT_EQ(0, fault_run_arm(n));
		err = bind(s, (struct sockaddr *)&sa, sizeof(sa)) ? errno : 0;
		clean = fault_run_disarm() != 0;
		if (err) {
			failed++;
			EXPECT_EQ(ENOMEM, err) TH_LOG("allocation %u", n);
			EXPECT_EQ(0u, dp_port(s)) TH_LOG("allocation %u", n);
			ASSERT_EQ(0, bind(s, (struct sockaddr *)&sa,
					  sizeof(sa)));
		}
		/* the failed bind took no port */
		EXPECT_EQ(1u, dp_port(s)) TH_LOG("allocation %u", n);
		s2 = socket(self->af, SOCK_RDM | SOCK_CLOEXEC, 0);
		ASSERT_EQ(0, bind(s2, (struct sockaddr *)&sa, sizeof(sa)));
		EXPECT_EQ(2u, dp_port(s2)) TH_LOG("allocation %u", n);
		close(s2);
		close(s);
	}
	EXPECT_TRUE(clean);
	EXPECT_LT(0u, failed) TH_LOG("no bind() failed");
	ksft_print_msg("bind: %u allocations failed in turn, %u binds failed\n",
		       n - 1 - clean, failed);
}

/*
 * connect() allocates the accepting end's port and a connection ID: the
 * child's port is the first past the array's first node, the connection
 * the first of the namespace.
 */
#define FILLERS		61

TEST_F(idalloc, connection)
{
	struct sockaddr_ftalias any = dp_addr(self->af, FTALIAS_ADDR_PORT, 0, 0);
	unsigned int n, failed = 0;
	bool clean = false;

	for (n = 1; n <= 300 && !clean && !_metadata->exit_code; n++) {
		int l, c, a, err, i, fill[FILLERS];
		uint32_t p;
		struct sockaddr_ftalias to;
		struct dp_nl *nl;

		ASSERT_EQ(0, unshare(CLONE_NEWNET));
		nl = dp_nl_open();
		ASSERT_NE(NULL, nl);
		l = socket(self->af, SOCK_SEQPACKET | SOCK_CLOEXEC |
			   SOCK_NONBLOCK, 0);
		c = socket(self->af, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
		ASSERT_LE(0, l);
		ASSERT_LE(0, c);
		ASSERT_EQ(0, bind(l, (struct sockaddr *)&any, sizeof(any)));
		ASSERT_EQ(0, listen(l, 8));
		ASSERT_EQ(0, bind(c, (struct sockaddr *)&any, sizeof(any)));
		/* ports 1 to 63 taken: the child's, 64, needs a new node */
		for (i = 0; i < FILLERS; i++) {
			fill[i] = socket(self->af, SOCK_RDM | SOCK_CLOEXEC, 0);
			ASSERT_LE(0, fill[i]);
			ASSERT_EQ(0, bind(fill[i], (struct sockaddr *)&any,
					  sizeof(any)));
		}
		ASSERT_EQ(63u, dp_port(fill[FILLERS - 1]));
		to = dp_addr(self->af, FTALIAS_ADDR_PORT, 0, dp_port(l));
		ASSERT_EQ(0, fault_run_arm(n));
		err = connect(c, (struct sockaddr *)&to, sizeof(to)) ? errno : 0;
		clean = fault_run_disarm() != 0;
		if (err) {
			failed++;
			EXPECT_EQ(ENOMEM, err) TH_LOG("allocation %u", n);
			EXPECT_EQ(0, dp_conns(nl, 0, NULL, 0));
			EXPECT_EQ(-1, accept(l, NULL, NULL));
			EXPECT_EQ(EAGAIN, errno);
			EXPECT_EQ(-1, send(c, "x", 1, MSG_NOSIGNAL));
			EXPECT_EQ(ENOTCONN, errno);
			ASSERT_EQ(0, connect(c, (struct sockaddr *)&to,
					     sizeof(to)));
		}
		/* the failed connect took no connection ID and no port */
		EXPECT_EQ(1u, conn_id(c)) TH_LOG("allocation %u", n);
		EXPECT_EQ(1, dp_conns(nl, 0, NULL, 0));
		a = accept(l, NULL, NULL);
		ASSERT_LE(0, a);
		/*
		 * The child's port: 64, or 65 when the failed connect had
		 * allocated 64 (the allocation is cyclic), which it freed.
		 */
		p = dp_port(a);
		EXPECT_TRUE(p == 64 || (err && p == 65))
			TH_LOG("allocation %u: port %u", n, p);
		if (p == 65) {
			to = dp_addr(self->af, FTALIAS_ADDR_PORT, 0, 64);
			EXPECT_EQ(-1, sendto(fill[0], "x", 1, MSG_DONTWAIT,
					     (struct sockaddr *)&to,
					     sizeof(to)));
			EXPECT_EQ(ECONNREFUSED, errno);
		}
		ASSERT_EQ(1, send(c, "x", 1, 0));
		close(a);
		for (i = 0; i < FILLERS; i++)
			close(fill[i]);
		close(c);
		close(l);
		dp_nl_close(nl);
	}
	EXPECT_TRUE(clean);
	EXPECT_LT(0u, failed) TH_LOG("no connect() failed");
	ksft_print_msg("connect: %u allocations failed in turn, %u connects failed\n",
		       n - 1 - clean, failed);
}

/* ---- random failures, in every context --------------------------------- */

#define RND_REQS	600
#define RND_PCT		10
#define RND_IDLE_REQS	100
#define RND_MAX_XID	4096

struct rnd {
	int af, client, member[2];
	uint32_t alias;
	uint8_t st[RND_MAX_XID + 1];	/* by xid: 1 sent, 2 answered */
	unsigned int sent, outstanding, replies, notices, send_errs,
		     reply_errs, reply_retries, delivered, redelivered, joins,
		     failovers, unknown, dups, bad_errno;
};

static bool rnd_allowed(int err)
{
	return allowed(err) || err == -EAGAIN;
}

/* A member of the alias, retried while the allocations fail. */
static int rnd_join(struct rnd *r)
{
	int i, fd = -ENOMEM;

	for (i = 0; i < 1000 && rnd_allowed(fd); i++)
		fd = dp_socket(r->af, r->alias, -1, SOCK_NONBLOCK);
	if (fd >= 0)
		r->joins++;
	return fd;
}

/* Members answer what they got (a reply refused for memory is retried). */
static void rnd_serve(struct rnd *r)
{
	int i;

	for (i = 0; i < 2; i++) {
		char buf[256];
		struct dp_msg m;
		int err, k;

		while (r->member[i] >= 0 &&
		       dp_recv(r->member[i], buf, sizeof(buf), &m,
			       MSG_DONTWAIT) >= 0) {
			if (!m.has_id)
				continue;
			r->delivered++;
			if (m.flags & FTALIAS_F_REDELIVERED)
				r->redelivered++;
			err = -ENOMEM;
			for (k = 0; k < 1000 && rnd_allowed(err); k++) {
				err = dp_send_reply(r->member[i], &m.id, buf,
						    m.len, MSG_DONTWAIT);
				r->reply_retries += !!err;
			}
			if (err) {
				r->reply_errs++;
				if (!rnd_allowed(err))
					r->bad_errno++;
			}
		}
	}
}

/* The client's answers: one per request, a reply or a failure notice. */
static void rnd_collect(struct rnd *r)
{
	char buf[256];
	struct dp_msg m;

	while (dp_recv(r->client, buf, sizeof(buf), &m, MSG_DONTWAIT) >= 0) {
		uint64_t x = m.reply_to.xid;

		if (!m.has_reply_to || x < 1 || x > RND_MAX_XID || !r->st[x]) {
			r->unknown++;
			continue;
		}
		if (r->st[x] == 2) {
			r->dups++;
			continue;
		}
		r->st[x] = 2;
		r->outstanding--;
		if (m.err)
			r->notices++;
		else
			r->replies++;
	}
}

/* Members serve and the client collects until nothing is outstanding. */
static void rnd_drain(struct rnd *r, int ms)
{
	int64_t end = dp_now_ms() + ms;

	while (r->outstanding && dp_now_ms() < end) {
		rnd_serve(r);
		rnd_collect(r);
		dp_pause_ms(5);
	}
}

/* One request to alias; the kernel refuses it or it must be answered. */
static void rnd_send(struct rnd *r, uint32_t alias, int i)
{
	struct ftalias_id id;
	char buf[64];
	int err;

	snprintf(buf, sizeof(buf), "request %d", i);
	err = dp_send_req(r->client, r->af, alias, buf, strlen(buf), &id,
			  MSG_DONTWAIT);
	if (!err && id.xid >= 1 && id.xid <= RND_MAX_XID && !r->st[id.xid]) {
		r->st[id.xid] = 1;
		r->sent++;
		r->outstanding++;
	} else if (!err) {
		r->unknown++;
	} else {
		r->send_errs++;
		if (!rnd_allowed(err))
			r->bad_errno++;
	}
}

/*
 * Requests through an alias with two members while pct % of the module's
 * allocations fail anywhere; every 25 requests the active member takes
 * what is queued for it and is closed without an answer (its requests go
 * to the other member: the clones are made by close(), and when one
 * fails, the request is held and the alias's worker tries again) and a
 * new member joins.  Then requests to an alias without members, which its
 * worker fails after the grace period, the faults still on.  With
 * the faults off again, every request sent must have had exactly one
 * answer, a reply or a failure notice, within the grace period; system
 * calls fail with ENOMEM, ENOBUFS or EAGAIN only; and the alias serves.
 * The kernel log and kmemleak are the runner's.
 */
FIXTURE(random_faults) {
	bool set;
};

FIXTURE_SETUP(random_faults)
{
	int r = fault_injection_setup();

	if (r == -EOPNOTSUPP)
		SKIP(return, "no failslab with a stack-trace filter (debug kernel only)");
	ASSERT_EQ(0, r);
	self->set = true;
}

/* The faults go off whatever the test did. */
FIXTURE_TEARDOWN(random_faults)
{
	if (self->set)
		fault_random(0);
}

TEST_F_TIMEOUT(random_faults, everywhere, 180)
{
	struct rnd *r = calloc(1, sizeof(*r));
	struct dp_nl *nl = dp_nl_open();
	int i, err, aliases, idle;
	char name[32];

	ASSERT_NE(NULL, r);
	ASSERT_NE(NULL, nl);
	r->af = dp_af();
	ASSERT_GT(r->af, 0);
	aliases = alias_count(nl, NULL, NULL);
	snprintf(name, sizeof(name), "rnd%d", getpid());
	err = dp_alias_new(nl, name, -1, 10000);
	ASSERT_LT(0, err);
	r->alias = err;
	snprintf(name, sizeof(name), "rnd%d-idle", getpid());
	idle = dp_alias_new(nl, name, -1, 100);
	ASSERT_LT(0, idle);
	r->client = dp_socket(r->af, 0, -1, SOCK_NONBLOCK);
	ASSERT_LE(0, r->client);
	for (i = 0; i < 2; i++) {
		r->member[i] = rnd_join(r);
		ASSERT_LE(0, r->member[i]);
	}

	ASSERT_EQ(0, fault_random(RND_PCT));
	for (i = 0; i < RND_REQS && !_metadata->exit_code; i++) {
		char buf[256];

		rnd_send(r, r->alias, i);
		/* the members read a quarter of the time: requests queue up */
		if (i % 4 == 0)
			rnd_serve(r);
		rnd_collect(r);
		if (i % 25 == 24) {
			/*
			 * the active one takes what is queued and goes
			 * without an answer: redelivered from the worker
			 */
			int k = dp_is_active(r->member[1]) == 1;
			struct dp_msg m;

			while (dp_recv(r->member[k], buf, sizeof(buf), &m,
				       MSG_DONTWAIT) >= 0)
				;
			close(r->member[k]);
			r->failovers++;
			r->member[k] = rnd_join(r);
			if (r->member[k] < 0) {
				r->bad_errno += !rnd_allowed(r->member[k]);
				r->member[k] = -1;
			}
		}
	}
	/*
	 * Requests to an alias without members, failed by its worker after
	 * the grace period (the notices are allocated there), the faults
	 * still on while it works.
	 */
	for (i = 0; i < RND_IDLE_REQS; i++)
		rnd_send(r, idle, i);
	rnd_drain(r, 10000);
	ASSERT_EQ(0, fault_random(0));

	/* Faults off: what is in flight must come to an end. */
	for (i = 0; i < 2; i++)
		if (r->member[i] < 0)
			r->member[i] = rnd_join(r);
	rnd_drain(r, 15000);
	ksft_print_msg("%u%% of the allocations failing: %u requests sent (%u refused), %u deliveries (%u redelivered after %u failovers), %u replies, %u failure notices, %u reply attempts refused (%u for good), %u members joined\n",
		       RND_PCT, r->sent, r->send_errs, r->delivered,
		       r->redelivered, r->failovers, r->replies, r->notices,
		       r->reply_retries, r->reply_errs, r->joins);
	{
		struct dp_alias a;

		ASSERT_EQ(0, dp_alias_get(nl, r->alias, &a));
		ksft_print_msg("alias: %llu delivered, %llu redelivered, %llu held, %llu failed\n",
			       (unsigned long long)a.delivered,
			       (unsigned long long)a.redelivered,
			       (unsigned long long)a.held_total,
			       (unsigned long long)a.failed);
	}
	EXPECT_EQ(0U, r->outstanding) TH_LOG("requests without an answer");
	EXPECT_EQ(0U, r->dups) TH_LOG("requests answered twice");
	EXPECT_EQ(0U, r->unknown) TH_LOG("answers to requests never sent");
	EXPECT_EQ(0U, r->bad_errno) TH_LOG("an errno other than ENOMEM, ENOBUFS, EAGAIN");
	EXPECT_LT(0U, r->send_errs) TH_LOG("no fault was met");
	EXPECT_LT(0U, r->redelivered) TH_LOG("no request was redelivered");
	EXPECT_LT(0U, r->notices) TH_LOG("no request failed after the grace period");

	/* The alias serves as before. */
	{
		struct ftalias_id id;

		memset(r->st, 0, sizeof(r->st));
		ASSERT_EQ(0, dp_send_req(r->client, r->af, r->alias, "last", 4,
					 &id, 0));
		ASSERT_GE((uint64_t)RND_MAX_XID, id.xid);
		r->st[id.xid] = 1;
		r->outstanding = 1;
		r->replies = 0;
		rnd_drain(r, 5000);
		EXPECT_EQ(1U, r->replies) TH_LOG("no reply with the faults off");
	}
	for (i = 0; i < 2; i++)
		if (r->member[i] >= 0)
			close(r->member[i]);
	close(r->client);
	EXPECT_EQ(0, dp_alias_del(nl, r->alias));
	EXPECT_EQ(0, dp_alias_del(nl, idle));
	EXPECT_EQ(aliases, alias_count(nl, NULL, NULL));
	dp_nl_close(nl);
	free(r);
}

TEST_HARNESS_MAIN
