// SPDX-License-Identifier: GPL-2.0
/*
 * Transparent failover: 4 client processes send 10,000 requests in all (8
 * in flight each) to an alias served by 3 member processes, while the
 * active member is killed with SIGKILL several times mid-stream and a
 * replacement joins after each kill.  Every request must get exactly one
 * reply, the reply must echo the request, and no client may see an error.
 *
 * Duplicate executions (a request taken by a member that died before
 * replying, executed again by the next one) are allowed until the replay
 * cache lands: they are counted and printed, as are the requests
 * redelivered with FTALIAS_F_REDELIVERED.
 *
 * Variants: policy auto (the kernel promotes), and policy manual, where
 * the test plays the cluster manager: it checks that nobody is promoted
 * after the kill, then promotes a backup with member-set state active.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>

#include "lib/dp_util.h"

#pragma GCC diagnostic ignored "-Wclobbered"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "lib/kselftest_harness.h"

enum limits {
	NREQ = 10000,
	NCLIENTS = 4,
	PER_CLIENT = NREQ / NCLIENTS,
	WINDOW = 8,		/* requests in flight per client */
	SERVER_BATCH = 8,	/* requests a member reads before replying */
	MAX_MEMBERS = 32,
	STALL_MS = 30000,	/* no progress for this long: fail */
	READY_MS = 10000,
	PROMOTE_MS = 10000,
	MAX_REQ = 16 + 255,
	REQ_MAGIC = 0x72657131,	/* "req1" */
	REP_MAGIC = 0x72657031,	/* "rep1" */
};

struct req {
	uint32_t magic, client, seq, len;
	uint8_t fill[MAX_REQ - 16];
};

struct rep {
	uint32_t magic, pid, flags, reqlen;
	struct req req;
};

struct member_slot {
	pid_t pid;
	uint32_t port;
	uint32_t ready;
	uint32_t served;
	uint32_t killed;
};

/* Shared by all processes of a test (MAP_SHARED). */
struct shared {
	uint32_t exec[NREQ];	/* times a member executed request seq */
	uint32_t replied[NREQ];	/* replies a client got for seq */
	uint32_t replies_total;
	/* seen by members */
	uint32_t redelivered_rx, backup_rx, reply_errs, last_reply_err,
		 bad_req;
	/* seen by clients */
	uint32_t client_redelivered, dup_replies, bad_replies, err_msgs,
		 last_err_msg, unknown_ids, bad_ids, send_errs, last_send_err,
		 stalls;
	struct member_slot mem[MAX_MEMBERS];
	char client_log[NCLIENTS][160];
};

static void make_req(struct req *r, uint32_t client, uint32_t seq)
{
	uint32_t i;

	r->magic = REQ_MAGIC;
	r->client = client;
	r->seq = seq;
	r->len = 16 + (seq * 7919u) % (MAX_REQ - 16 + 1);
	for (i = 0; i < r->len - 16; i++)
		r->fill[i] = (uint8_t)(seq * 31 + i);
}

static uint32_t inc(uint32_t *p)
{
	return __atomic_add_fetch(p, 1, __ATOMIC_SEQ_CST);
}

static uint32_t get(uint32_t *p)
{
	return __atomic_load_n(p, __ATOMIC_SEQ_CST);
}

/* A member: serves until killed. */
static void __attribute__((noreturn))
member_main(struct shared *sh, int slot, int af, uint32_t alias)
{
	struct member_slot *ms = &sh->mem[slot];
	pid_t pid = getpid();
	int fd = dp_socket(af, alias, -1, 0);

	if (fd < 0) {
		fprintf(stderr, "member %d: join: %s\n", slot, strerror(-fd));
		_exit(1);
	}
	ms->port = dp_port(fd);
	__atomic_store_n(&ms->ready, 1, __ATOMIC_SEQ_CST);

	for (;;) {
		static struct req in[SERVER_BATCH];
		struct dp_msg m[SERVER_BATCH];
		int n = 0, i;

		while (n < SERVER_BATCH) {
			ssize_t len = dp_recv(fd, &in[n], sizeof(in[n]), &m[n],
					      n ? MSG_DONTWAIT : 0);

			if (len == -EINTR)
				continue;
			if (len < 0)
				break;
			n++;
		}
		if (!n) {
			fprintf(stderr, "member %d: recv failed\n", slot);
			_exit(1);
		}
		for (i = 0; i < n; i++) {
			struct rep out;
			int err;

			if (!m[i].has_id || m[i].len < 16 ||
			    in[i].magic != REQ_MAGIC || in[i].seq >= NREQ ||
			    in[i].len != m[i].len) {
				inc(&sh->bad_req);
				continue;
			}
			if (dp_is_active(fd) != 1)
				inc(&sh->backup_rx);
			if (m[i].flags & FTALIAS_F_REDELIVERED)
				inc(&sh->redelivered_rx);
			inc(&sh->exec[in[i].seq]);
			out.magic = REP_MAGIC;
			out.pid = pid;
			out.flags = m[i].flags;
			out.reqlen = m[i].len;
			memcpy(&out.req, &in[i], m[i].len);
			err = dp_send_reply(fd, &m[i].id, &out, 16 + m[i].len, 0);
			if (err) {
				inc(&sh->reply_errs);
				sh->last_reply_err = -err;
			} else {
				inc(&ms->served);
			}
		}
	}
}

/* A client: sends PER_CLIENT requests, WINDOW in flight, checks replies. */
static int client_main(struct shared *sh, int c, int af, uint32_t alias)
{
	static struct ftalias_id ids[PER_CLIENT];
	static uint8_t got[PER_CLIENT];
	int sent = 0, rcvd = 0, fd;
	int64_t last = dp_now_ms();
	uint32_t port;

	fd = dp_socket(af, 0, -1, 0);
	if (fd < 0) {
		snprintf(sh->client_log[c], sizeof(sh->client_log[c]),
			 "client %d: bind: %s", c, strerror(-fd));
		return 1;
	}
	port = dp_port(fd);

	while (rcvd < PER_CLIENT) {
		while (sent < PER_CLIENT && sent - rcvd < WINDOW) {
			struct req r;
			int err;

			make_req(&r, c, c * PER_CLIENT + sent);
			err = dp_send_req(fd, af, alias, &r, r.len, &ids[sent], 0);
			if (err == -EINTR)
				continue;
			if (err) {
				inc(&sh->send_errs);
				sh->last_send_err = -err;
				snprintf(sh->client_log[c], sizeof(sh->client_log[c]),
					 "client %d: send %d: %s", c, sent,
					 strerror(-err));
				return 1;
			}
			/* a client's IDs: alias 0, its port, xid 1, 2, ... */
			if (ids[sent].alias || ids[sent].port != port ||
			    ids[sent].xid != (uint64_t)sent + 1)
				inc(&sh->bad_ids);
			sent++;
		}
		if (dp_wait_readable(fd, 1000) <= 0) {
			if (dp_now_ms() - last > STALL_MS) {
				inc(&sh->stalls);
				snprintf(sh->client_log[c], sizeof(sh->client_log[c]),
					 "client %d: no reply for %d s: sent %d, got %d",
					 c, STALL_MS / 1000, sent, rcvd);
				return 1;
			}
			continue;
		}
		for (;;) {
			struct rep in;
			struct req want;
			struct dp_msg m;
			ssize_t len = dp_recv(fd, &in, sizeof(in), &m, MSG_DONTWAIT);
			uint64_t slot;

			if (len < 0)
				break;
			last = dp_now_ms();
			if (m.err) {
				inc(&sh->err_msgs);
				sh->last_err_msg = m.err;
			}
			if (!m.has_reply_to) {
				inc(&sh->unknown_ids);
				continue;
			}
			slot = m.reply_to.xid - 1;
			if (slot >= (uint64_t)sent || !dp_id_eq(&m.reply_to, &ids[slot])) {
				inc(&sh->unknown_ids);
				continue;
			}
			if (got[slot]++) {
				inc(&sh->dup_replies);
				continue;
			}
			rcvd++;
			inc(&sh->replies_total);
			inc(&sh->replied[c * PER_CLIENT + slot]);
			if (m.err)
				continue;
			make_req(&want, c, c * PER_CLIENT + slot);
			if (len < 16 || in.magic != REP_MAGIC || !in.pid ||
			    in.reqlen != want.len || len != 16 + want.len ||
			    memcmp(&in.req, &want, want.len)) {
				inc(&sh->bad_replies);
				continue;
			}
			if (in.flags & FTALIAS_F_REDELIVERED)
				inc(&sh->client_redelivered);
		}
	}
	snprintf(sh->client_log[c], sizeof(sh->client_log[c]),
		 "client %d: %d requests, %d replies", c, sent, rcvd);
	return 0;
}

FIXTURE(failover) {
	int af;
	struct dp_nl *nl;
	uint32_t alias;
	struct shared *sh;
	int nmem;
	pid_t clients[NCLIENTS];
};

FIXTURE_VARIANT(failover) {
	int policy;
	int kills;
};

FIXTURE_VARIANT_ADD(failover, auto_sigkill) {
	.policy = FTALIAS_PROMOTION_POLICY_AUTO,
	.kills = 4,
};

FIXTURE_VARIANT_ADD(failover, manual_set_active) {
	.policy = FTALIAS_PROMOTION_POLICY_MANUAL,
	.kills = 3,
};

static int spawn_member(struct shared *sh, int slot, int af, uint32_t alias)
{
	pid_t pid = fork();
	int64_t end;

	if (pid < 0)
		return -errno;
	if (!pid) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		member_main(sh, slot, af, alias);
	}
	sh->mem[slot].pid = pid;
	end = dp_now_ms() + READY_MS;
	while (!get(&sh->mem[slot].ready)) {
		if (dp_now_ms() > end || waitpid(pid, NULL, WNOHANG) == pid)
			return -ETIMEDOUT;
		dp_pause_ms(1);
	}
	return 0;
}

static int slot_of(struct shared *sh, int nmem, pid_t pid)
{
	int i;

	for (i = 0; i < nmem; i++)
		if (sh->mem[i].pid == pid && !sh->mem[i].killed)
			return i;
	return -1;
}

FIXTURE_SETUP(failover)
{
	int i, err;

	self->af = dp_af();
	if (self->af < 0)
		SKIP(return, "ftalias not loaded");
	ASSERT_EQ(0, unshare(CLONE_NEWNET));
	self->nl = dp_nl_open();
	ASSERT_NE(NULL, self->nl);
	self->sh = mmap(NULL, sizeof(*self->sh), PROT_READ | PROT_WRITE,
			MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, self->sh);
	err = dp_alias_new(self->nl, "fo", variant->policy, 10000);
	ASSERT_GT(err, 0) TH_LOG("alias-new: %s", strerror(-err));
	self->alias = err;
	for (i = 0; i < 3; i++) {
		err = spawn_member(self->sh, i, self->af, self->alias);
		self->nmem++;
		ASSERT_EQ(0, err) TH_LOG("member %d did not join", i);
	}
}

FIXTURE_TEARDOWN(failover)
{
	int i;

	if (!self->sh)
		return;
	for (i = 0; i < self->nmem; i++)
		if (!self->sh->mem[i].killed) {
			kill(self->sh->mem[i].pid, SIGKILL);
			waitpid(self->sh->mem[i].pid, NULL, 0);
		}
	for (i = 0; i < NCLIENTS; i++)
		if (self->clients[i] > 0) {
			kill(self->clients[i], SIGKILL);
			waitpid(self->clients[i], NULL, 0);
		}
	dp_nl_close(self->nl);
}

/* Waits until at least n replies arrived; false on a stall. */
static bool wait_replies(struct shared *sh, uint32_t n)
{
	uint32_t seen = get(&sh->replies_total);
	int64_t last = dp_now_ms();

	while (get(&sh->replies_total) < n) {
		uint32_t now = get(&sh->replies_total);

		if (now != seen) {
			seen = now;
			last = dp_now_ms();
		} else if (dp_now_ms() - last > STALL_MS) {
			return false;
		}
		dp_pause_ms(1);
	}
	return true;
}

TEST_F_TIMEOUT(failover, sigkill_active, 600)
{
	struct shared *sh = self->sh;
	struct dp_member act;
	struct dp_alias a0, a;
	uint32_t dup_exec = 0, missing = 0, multi = 0, never_exec = 0;
	uint32_t at_kill = NREQ;
	int k, i, err, nkilled = 0;

	/*
	 * The first member to join is active; the others are backups.  With
	 * policy manual the cluster manager may have to say so first.
	 */
	if (variant->policy == FTALIAS_PROMOTION_POLICY_MANUAL &&
	    dp_active_member(self->nl, self->alias, &act) == -ENOENT) {
		TH_LOG("manual: no member active after the joins; member-set the first");
		ASSERT_EQ(0, dp_member_set(self->nl, self->alias, sh->mem[0].port,
					   FTALIAS_MEMBER_STATE_ACTIVE, -1));
	}
	ASSERT_EQ(0, dp_active_member(self->nl, self->alias, &act));
	EXPECT_EQ((uint32_t)sh->mem[0].pid, act.pid);
	EXPECT_EQ(sh->mem[0].port, act.port);
	ASSERT_EQ(0, dp_alias_get(self->nl, self->alias, &a0));
	EXPECT_EQ(3u, a0.members);

	for (i = 0; i < NCLIENTS; i++) {
		self->clients[i] = fork();
		ASSERT_GE(self->clients[i], 0);
		if (!self->clients[i]) {
			prctl(PR_SET_PDEATHSIG, SIGKILL);
			_exit(client_main(sh, i, self->af, self->alias));
		}
	}

	for (k = 1; k <= variant->kills; k++) {
		uint32_t target = (uint64_t)NREQ * k / (variant->kills + 1);
		struct dp_alias before, after;
		int64_t end;
		int slot;

		ASSERT_TRUE(wait_replies(sh, target))
			TH_LOG("kill %d: stuck at %u replies", k,
			       get(&sh->replies_total));
		ASSERT_EQ(0, dp_alias_get(self->nl, self->alias, &before));
		ASSERT_EQ(0, dp_active_member(self->nl, self->alias, &act));
		slot = slot_of(sh, self->nmem, act.pid);
		ASSERT_GE(slot, 0) TH_LOG("active pid %u is not a member", act.pid);
		at_kill = get(&sh->replies_total);
		ASSERT_EQ(0, kill(act.pid, SIGKILL));
		ASSERT_EQ((pid_t)act.pid, waitpid(act.pid, NULL, 0));
		sh->mem[slot].killed = 1;
		nkilled++;
		TH_LOG("kill %d: member %d (pid %u port %u) at %u replies, queue %u",
		       k, slot, act.pid, act.port, at_kill, act.queue_len);

		if (variant->policy == FTALIAS_PROMOTION_POLICY_MANUAL) {
			struct dp_member m[MAX_MEMBERS], none;
			int n = dp_members(self->nl, self->alias, m, MAX_MEMBERS);

			/* manual: the kernel promotes nobody */
			EXPECT_EQ(-ENOENT, dp_active_member(self->nl, self->alias,
							    &none));
			ASSERT_GT(n, 0);
			for (i = 0; i < n; i++)
				if (m[i].state == FTALIAS_MEMBER_STATE_BACKUP)
					break;
			ASSERT_LT(i, n) TH_LOG("no backup left");
			err = dp_member_set(self->nl, self->alias, m[i].port,
					    FTALIAS_MEMBER_STATE_ACTIVE, -1);
			ASSERT_EQ(0, err) TH_LOG("member-set active: %s",
						 strerror(-err));
		}

		/* a new active member, and the incarnation moved on */
		end = dp_now_ms() + PROMOTE_MS;
		while (dp_active_member(self->nl, self->alias, &act) ||
		       act.pid == (uint32_t)sh->mem[slot].pid) {
			ASSERT_LT(dp_now_ms(), end) TH_LOG("kill %d: nobody promoted", k);
			dp_pause_ms(1);
		}
		ASSERT_EQ(0, dp_alias_get(self->nl, self->alias, &after));
		EXPECT_GT(after.incarnation, before.incarnation);
		EXPECT_EQ(act.port, after.active_port);

		/* a replacement joins as a backup */
		ASSERT_LT(self->nmem, MAX_MEMBERS);
		err = spawn_member(sh, self->nmem, self->af, self->alias);
		self->nmem++;
		ASSERT_EQ(0, err) TH_LOG("replacement did not join");
	}
	EXPECT_LT(at_kill, (uint32_t)NREQ)
		TH_LOG("the last kill came after the run: not mid-stream");

	for (i = 0; i < NCLIENTS; i++) {
		int status;

		ASSERT_EQ(self->clients[i], waitpid(self->clients[i], &status, 0));
		self->clients[i] = 0;
		EXPECT_TRUE(WIFEXITED(status) && !WEXITSTATUS(status))
			TH_LOG("client %d failed", i);
		TH_LOG("%s", sh->client_log[i]);
	}

	for (i = 0; i < NREQ; i++) {
		if (!sh->replied[i])
			missing++;
		if (sh->replied[i] > 1)
			multi++;
		if (sh->exec[i] > 1)
			dup_exec += sh->exec[i] - 1;
		if (!sh->exec[i])
			never_exec++;
	}
	ASSERT_EQ(0, dp_alias_get(self->nl, self->alias, &a));
	TH_LOG("%d kills; duplicate executions %u; redelivered: %u seen by members, %u echoed to clients, %llu by the kernel",
	       nkilled, dup_exec, get(&sh->redelivered_rx),
	       get(&sh->client_redelivered), (unsigned long long)a.redelivered);
	TH_LOG("alias stats: sent %llu delivered %llu redelivered %llu replies %llu held %llu failed %llu promotions %llu incarnation %u",
	       (unsigned long long)a.sent, (unsigned long long)a.delivered,
	       (unsigned long long)a.redelivered, (unsigned long long)a.replies,
	       (unsigned long long)a.held_total, (unsigned long long)a.failed,
	       (unsigned long long)a.promotions, a.incarnation);
	for (i = 0; i < self->nmem; i++)
		TH_LOG("member %d pid %d port %u served %u%s", i, sh->mem[i].pid,
		       sh->mem[i].port, sh->mem[i].served,
		       sh->mem[i].killed ? " (killed)" : "");

	/* exactly one good reply per request, at the client */
	EXPECT_EQ(0u, missing);
	EXPECT_EQ(0u, multi);
	EXPECT_EQ(0u, get(&sh->dup_replies));
	EXPECT_EQ(0u, get(&sh->bad_replies));
	EXPECT_EQ(0u, get(&sh->unknown_ids));
	EXPECT_EQ(0u, get(&sh->bad_ids));
	EXPECT_EQ(0u, get(&sh->err_msgs)) TH_LOG("last error message: %s",
						  strerror(sh->last_err_msg));
	EXPECT_EQ(0u, get(&sh->send_errs));
	EXPECT_EQ(0u, get(&sh->stalls));
	EXPECT_EQ((uint32_t)NREQ, get(&sh->replies_total));
	/* what the members saw */
	EXPECT_EQ(0u, never_exec);
	EXPECT_EQ(0u, get(&sh->bad_req));
	EXPECT_EQ(0u, get(&sh->backup_rx));
	EXPECT_EQ(0u, get(&sh->reply_errs)) TH_LOG("last reply error: %s",
						    strerror(sh->last_reply_err));
	/* the kernel's counters */
	EXPECT_EQ((uint64_t)NREQ, a.sent);
	EXPECT_EQ((uint64_t)NREQ, a.replies);
	EXPECT_EQ(0u, a.failed);
	EXPECT_EQ(0u, a.pending);
	EXPECT_EQ(a0.promotions + nkilled, a.promotions);
	EXPECT_GE(a.redelivered, (uint64_t)get(&sh->redelivered_rx));
	EXPECT_EQ(a.incarnation, a0.incarnation + nkilled);
	EXPECT_EQ(3u, a.members);
	/* the replies that echo a redelivery: at most one per redelivery */
	EXPECT_LE(get(&sh->client_redelivered), get(&sh->redelivered_rx));
}

TEST_HARNESS_MAIN
