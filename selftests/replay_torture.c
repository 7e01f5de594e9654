// SPDX-License-Identifier: GPL-2.0
/*
 * Exactly-once torture: a non-idempotent bank-transfer ledger served by
 * replicas of an alias that keep getting killed with SIGKILL, clients
 * that must each get the right answer to every transfer exactly once.
 *
 * The ledger lives in memory shared by the replicas (their "disk"): an
 * append-only log of transfers and, per (client, sequence), the log slot
 * of the transfer, whose store is the commit.  A server serving a request:
 *
 *   block (the roll-forward point) -> die? -> write the log slot -> die?
 *   -> commit -> die? -> record the reply -> die? -> reply
 *
 * Every "die?" is a SIGKILL of itself with a small probability; the
 * parent also kills the active replica whenever the ledger has moved by
 * a random number of transfers, and starts a new replica for each one
 * that died.  Requests of even sequence record an auto-reply, odd ones a
 * handler argument (the slot) from which the reply is computed again.  An
 * orphan notice is resolved from the ledger: committed -> record the
 * reply, else discard (the request is delivered again and executed).
 *
 * Half of the clients are plain sockets, half members of their own client
 * alias acknowledging their transfers (FTALIAS_ACK).
 *
 * At the end: every transfer committed exactly once, every client got the
 * reply naming its slot, no request was ever delivered as new after its
 * commit, the balances match the transfers the clients made, and at
 * least EO_MIN_KILLS replicas were killed.
 *
 * Environment: EO_REQUESTS (total, default 20000), EO_CLIENTS (8),
 * EO_MIN_KILLS (20), EO_SEED.
 */
#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>

#include "lib/kselftest_harness.h"
#include "lib/dp_util.h"
#include "libftalias.h"

#define REPLICAS	3
#define MAX_CLIENTS	32
#define ACCOUNTS	16
#define CALL_MS		120000

struct slot {
	uint32_t client, seq;
	uint32_t from, to;
	int64_t amount;
};

struct ledger {
	_Atomic uint64_t next_slot;
	_Atomic uint64_t committed;	/* transfers committed */
	_Atomic uint64_t dups;		/* a committed request delivered as new */
	_Atomic uint64_t self_kills;
	_Atomic uint64_t orphans, redundant, discards;
	_Atomic int active_pid;
	_Atomic int clients_done;
	_Atomic int overflow;		/* out of log slots: the test is wrong */
	uint32_t per_client;
	uint32_t nslots;
	struct slot *slots;		/* nslots */
	_Atomic uint32_t *commit;	/* [client][seq]: slot + 1, 0 */
	_Atomic uint32_t *reply;	/* [client][seq]: slot + 1 as replied */
};

static struct ledger *lg;
static unsigned int die_one_in = 1500;
/* The test's process: its replicas and clients die with it. */
static pid_t torture_pid;

/*
 * A child forked just before its parent got SIGKILL would outlive it:
 * PR_SET_PDEATHSIG acts on deaths after the prctl() only.
 */
static void die_with_parent(int code)
{
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != torture_pid)
		_exit(code);
}

static uint64_t env_u64(const char *name, uint64_t def)
{
	const char *v = getenv(name);

	return v && *v ? strtoull(v, NULL, 0) : def;
}

static void *shared(size_t len)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

/* The transfer of (client, seq), the same in every process. */
static void transfer_of(uint32_t c, uint32_t s, uint32_t *from, uint32_t *to,
			int64_t *amount)
{
	uint32_t h = (c * 2654435761u) ^ (s * 40503u + 17);

	*from = h % ACCOUNTS;
	*to = (h / ACCOUNTS + 1 + *from) % ACCOUNTS;
	if (*to == *from)
		*to = (*from + 1) % ACCOUNTS;
	*amount = 1 + h % 1000;
}

static _Atomic uint32_t *cell(_Atomic uint32_t *t, uint32_t c, uint32_t s)
{
	return &t[(size_t)c * lg->per_client + s];
}

/* ---- a replica --------------------------------------------------------- */

static void maybe_die(unsigned int *rnd)
{
	if (rand_r(rnd) % die_one_in == 0) {
		atomic_fetch_add(&lg->self_kills, 1);
		raise(SIGKILL);
	}
}

static int parse(const char *buf, size_t len, uint32_t *c, uint32_t *s)
{
	char tmp[64];

	if (len >= sizeof(tmp))
		return -1;
	memcpy(tmp, buf, len);
	tmp[len] = 0;
	return sscanf(tmp, "xfer %u %u", c, s) == 2 &&
	       *c < MAX_CLIENTS && *s < lg->per_client ? 0 : -1;
}

static int reply_text(char *out, size_t size, uint32_t slot1)
{
	return snprintf(out, size, "ok %u", slot1);
}

/* Record (even: auto-reply, odd: handler argument) the outcome. */
static int record(struct pa_sock *ps, const struct ftalias_id *id,
		  uint32_t s, uint32_t slot1)
{
	char rep[32];
	int n = reply_text(rep, sizeof(rep), slot1);

	if (s % 2 == 0)
		return ftalias_pa_set_red_process(
			ps, id, FTALIAS_RECORD_AUTO_REPLY, rep, n);
	return ftalias_pa_set_red_process(ps, id, FTALIAS_RECORD_HANDLER,
					  &slot1, sizeof(slot1));
}

static void serve_request(struct pa_sock *ps, const struct pa_msg *m,
			  const char *buf, unsigned int *rnd)
{
	uint32_t c, s, slot1, from, to;
	struct slot *sl;
	int64_t amount;
	uint64_t slot;
	char rep[32];
	int n;

	if (parse(buf, m->len, &c, &s))
		return;
	if (atomic_load(cell(lg->commit, c, s))) {
		/* Committed, yet delivered as a new request: a duplicate. */
		atomic_fetch_add(&lg->dups, 1);
		return;
	}
	if (ftalias_pa_block_request(ps, &m->id))
		return;		/* its requester is gone */
	maybe_die(rnd);
	slot = atomic_fetch_add(&lg->next_slot, 1);
	if (slot >= lg->nslots) {
		atomic_store(&lg->overflow, 1);
		_exit(4);
	}
	transfer_of(c, s, &from, &to, &amount);
	sl = &lg->slots[slot];
	sl->client = c;
	sl->seq = s;
	sl->from = from;
	sl->to = to;
	sl->amount = amount;
	maybe_die(rnd);
	slot1 = slot + 1;
	atomic_store(cell(lg->commit, c, s), slot1);
	atomic_fetch_add(&lg->committed, 1);
	maybe_die(rnd);
	if (record(ps, &m->id, s, slot1))
		return;
	maybe_die(rnd);
	n = reply_text(rep, sizeof(rep), slot1);
	ftalias_pa_reply(ps, &m->id, rep, n, 0);
}

static void serve_orphan(struct pa_sock *ps, const struct pa_msg *m,
			 const char *buf)
{
	uint32_t c, s, slot1;

	atomic_fetch_add(&lg->orphans, 1);
	if (parse(buf, m->len, &c, &s))
		return;
	slot1 = atomic_load(cell(lg->commit, c, s));
	if (!slot1) {
		/* Not executed: roll back, it comes again as a request. */
		atomic_fetch_add(&lg->discards, 1);
		ftalias_pa_discard(ps, &m->id);
		return;
	}
	record(ps, &m->id, s, slot1);
}

static void replica(uint32_t alias, unsigned int seed)
{
	struct pa_member_opts o = { .priority = seed % 100 };
	unsigned int rnd = seed;
	struct pa_sock *ps;
	char buf[256], rep[32];
	struct pa_msg m;
	uint32_t slot1;
	int r;

	die_with_parent(2);
	if (ftalias_pa_open_member(&ps, alias, &o))
		_exit(2);
	for (;;) {
		if (ftalias_pa_active(ps) == 1)
			atomic_store(&lg->active_pid, getpid());
		r = ftalias_pa_receive(ps, &m, buf, sizeof(buf), 100);
		if (r == -ETIMEDOUT || r == -EAGAIN || r == -EINTR)
			continue;
		if (r)
			_exit(3);
		switch (m.kind) {
		case PA_MSG_REQUEST:
			serve_request(ps, &m, buf, &rnd);
			break;
		case PA_MSG_REDUNDANT:
			atomic_fetch_add(&lg->redundant, 1);
			if (m.arg_len != sizeof(slot1))
				break;
			memcpy(&slot1, m.arg, sizeof(slot1));
			ftalias_pa_reply(ps, &m.id, rep,
					 reply_text(rep, sizeof(rep), slot1),
					 0);
			break;
		case PA_MSG_ORPHAN:
			serve_orphan(ps, &m, buf);
			break;
		default:
			break;
		}
	}
}

/* ---- a client ---------------------------------------------------------- */

static void client(uint32_t alias, uint32_t c, uint32_t calias)
{
	char req[64], rep[64];
	struct ftalias_id id;
	struct pa_sock *ps;
	unsigned int slot1;
	size_t len;
	uint32_t s;
	int r;

	die_with_parent(10);
	r = calias ? ftalias_pa_open_member(&ps, calias, NULL) :
		     ftalias_pa_open(&ps);
	if (r)
		_exit(10);
	for (s = 0; s < lg->per_client; s++) {
		len = snprintf(req, sizeof(req), "xfer %u %u", c, s);
		r = ftalias_pa_call(ps, alias, req, len, rep, sizeof(rep) - 1,
				    &len, CALL_MS, &id);
		if (r) {
			fprintf(stderr, "client %u seq %u: %s, ID " DP_ID_FMT "\n",
				c, s, strerror(-r), DP_ID_ARGS(id));
			_exit(11);
		}
		rep[len] = 0;
		if (sscanf(rep, "ok %u", &slot1) != 1)
			_exit(12);
		/* Twice would be a duplicate reply. */
		if (atomic_exchange(cell(lg->reply, c, s), slot1))
			_exit(13);
		if (calias)
			ftalias_pa_ack(ps, id.xid + 1);
	}
	atomic_fetch_add(&lg->clients_done, 1);
	ftalias_pa_close(ps);
	_exit(0);
}

/* ---- the test ---------------------------------------------------------- */

static char ledger_name[32];

static void dump_state(struct dp_nl *nl, uint32_t alias)
{
	struct dp_alias a;
	char cmd[160];

	if (dp_alias_get(nl, alias, &a))
		return;
	ksft_print_msg("alias: members %u active %u pending %u held %u; cache: entries %llu in progress %llu waiting %llu orphans %llu held hits %llu\n",
		       a.members, a.active_port, a.pending, a.held,
		       (unsigned long long)a.cache.entries,
		       (unsigned long long)a.cache.in_progress,
		       (unsigned long long)a.cache.waiting,
		       (unsigned long long)a.cache.orphans,
		       (unsigned long long)a.cache.hits_held);
	fflush(stdout);
	snprintf(cmd, sizeof(cmd),
		 "ftaliasctl cache show %s 2>&1 | head -20; ftaliasctl member show %s 2>&1",
		 ledger_name, ledger_name);
	if (system(cmd))
		ksft_print_msg("no cache show\n");
}

static pid_t spawn_replica(uint32_t alias, unsigned int seed)
{
	pid_t pid = fork();

	if (!pid)
		replica(alias, seed);
	return pid;
}

FIXTURE(eo) {
};

FIXTURE_SETUP(eo)
{
}

FIXTURE_TEARDOWN(eo)
{
}

/* Long on the debug kernel under TCG; run_tests.sh has its own limit. */
TEST_F_TIMEOUT(eo, ledger, 3000)
{
	uint64_t total = env_u64("EO_REQUESTS", 20000);
	uint32_t nclients = env_u64("EO_CLIENTS", 8);
	uint64_t min_kills = env_u64("EO_MIN_KILLS", 20);
	unsigned int rnd = env_u64("EO_SEED", getpid());
	pid_t replicas[REPLICAS], clients[MAX_CLIENTS];
	int64_t balance[ACCOUNTS] = { 0 }, expect[ACCOUNTS] = { 0 };
	uint32_t calias[MAX_CLIENTS] = { 0 };
	uint64_t kills = 0, mark, gap, i;
	uint32_t alias, c, s, from, to;
	struct dp_alias a;
	struct dp_nl *nl;
	int64_t amount, t0;
	char name[32];
	int status, k;
	pid_t pid;

	ASSERT_LE(nclients, (uint32_t)MAX_CLIENTS);
	ASSERT_GT(nclients, 0U);
	ksft_print_msg("seed %u, %llu requests, %u clients\n", rnd,
		       (unsigned long long)total, nclients);
	nl = dp_nl_open();
	ASSERT_NE(NULL, nl);
	lg = shared(sizeof(*lg));
	ASSERT_NE(NULL, lg);
	lg->per_client = (total + nclients - 1) / nclients;
	/* An execution a kill interrupts before its commit wastes a slot. */
	lg->nslots = 2 * lg->per_client * nclients + 1024;
	lg->slots = shared(sizeof(struct slot) * lg->nslots);
	lg->commit = shared(sizeof(uint32_t) * MAX_CLIENTS * lg->per_client);
	lg->reply = shared(sizeof(uint32_t) * MAX_CLIENTS * lg->per_client);
	ASSERT_NE(NULL, lg->slots);
	ASSERT_NE(NULL, lg->commit);
	ASSERT_NE(NULL, lg->reply);

	torture_pid = getpid();
	snprintf(ledger_name, sizeof(ledger_name), "ledger%d", getpid());
	k = dp_alias_new(nl, ledger_name, -1, 60000);
	ASSERT_GT(k, 0);
	alias = k;
	for (c = 0; c < nclients; c += 2) {
		snprintf(name, sizeof(name), "teller%d-%u", getpid(), c);
		k = dp_alias_new(nl, name, -1, 60000);
		ASSERT_GT(k, 0);
		calias[c] = k;
	}

	for (k = 0; k < REPLICAS; k++)
		replicas[k] = spawn_replica(alias, rand_r(&rnd));
	for (c = 0; c < nclients; c++) {
		pid = fork();
		if (!pid)
			client(alias, c, calias[c]);
		clients[c] = pid;
	}

	/*
	 * Kill the active replica whenever the ledger moved by a random gap
	 * (so kills land at every phase of the work), start a new one for
	 * every replica that died.
	 */
	t0 = dp_now_ms();
	mark = 0;
	gap = 5 + rand_r(&rnd) % (2 * total / (min_kills * 2 + 1) + 1);
	while ((uint32_t)atomic_load(&lg->clients_done) < nclients) {
		ASSERT_EQ(0, atomic_load(&lg->overflow));
		pid = waitpid(-1, &status, WNOHANG);
		if (pid > 0) {
			for (k = 0; k < REPLICAS; k++)
				if (replicas[k] == pid)
					break;
			if (k < REPLICAS) {
				replicas[k] = spawn_replica(alias,
							    rand_r(&rnd));
				continue;
			}
			/* A client ended: it must have succeeded. */
			for (c = 0; c < nclients; c++)
				if (clients[c] == pid)
					clients[c] = 0;
			if (!WIFEXITED(status) || WEXITSTATUS(status))
				dump_state(nl, alias);
			ASSERT_TRUE(WIFEXITED(status) &&
				    !WEXITSTATUS(status))
				TH_LOG("client failed: status %#x", status);
			continue;
		}
		if (atomic_load(&lg->committed) >= mark + gap) {
			/* The pid a replica saw itself active under, if it
			 * is still a live replica; else wait for a fresh one.
			 */
			pid = atomic_exchange(&lg->active_pid, 0);
			for (k = 0; pid && k < REPLICAS; k++)
				if (replicas[k] == pid)
					break;
			if (pid && k < REPLICAS) {
				kill(pid, SIGKILL);
				kills++;
				mark = atomic_load(&lg->committed);
				gap = 5 + rand_r(&rnd) %
					  (2 * total / (min_kills * 2 + 1) + 1);
				continue;
			}
		}
		dp_pause_ms(2);
	}
	for (c = 0; c < nclients; c++) {
		if (!clients[c])
			continue;
		ASSERT_EQ(clients[c], waitpid(clients[c], &status, 0));
		ASSERT_TRUE(WIFEXITED(status) && !WEXITSTATUS(status))
			TH_LOG("client %u failed: status %#x", c, status);
	}
	for (k = 0; k < REPLICAS; k++) {
		kill(replicas[k], SIGKILL);
		waitpid(replicas[k], NULL, 0);
	}

	ksft_print_msg("%.1f s, %llu kills by the test, %llu self-kills, %llu orphans, %llu discards, %llu redundant deliveries\n",
		       (dp_now_ms() - t0) / 1000.0, (unsigned long long)kills,
		       (unsigned long long)lg->self_kills,
		       (unsigned long long)lg->orphans,
		       (unsigned long long)lg->discards,
		       (unsigned long long)lg->redundant);
	ASSERT_EQ(0, dp_alias_get(nl, alias, &a));
	ksft_print_msg("cache: %llu recorded, %llu auto hits, %llu handler hits, %llu held, %llu orphans, %llu acked, %llu entries left\n",
		       (unsigned long long)a.cache.recorded,
		       (unsigned long long)a.cache.hits_auto,
		       (unsigned long long)a.cache.hits_handler,
		       (unsigned long long)a.cache.hits_held,
		       (unsigned long long)a.cache.orphans,
		       (unsigned long long)a.cache.evict_ack,
		       (unsigned long long)a.cache.entries);

	/* Exactly once: each transfer committed once, replied with its slot. */
	EXPECT_EQ(0U, atomic_load(&lg->dups));
	EXPECT_EQ((uint64_t)lg->per_client * nclients,
		  atomic_load(&lg->committed));
	for (c = 0; c < nclients; c++) {
		for (s = 0; s < lg->per_client; s++) {
			uint32_t slot1 = atomic_load(cell(lg->commit, c, s));

			ASSERT_NE(0U, slot1) TH_LOG("%u/%u not executed", c, s);
			ASSERT_EQ(slot1, atomic_load(cell(lg->reply, c, s)))
				TH_LOG("%u/%u: wrong reply", c, s);
			ASSERT_EQ(c, lg->slots[slot1 - 1].client);
			ASSERT_EQ(s, lg->slots[slot1 - 1].seq);
			transfer_of(c, s, &from, &to, &amount);
			expect[from] -= amount;
			expect[to] += amount;
		}
	}
	/* The ledger balances: only committed slots count. */
	for (i = 0; i < atomic_load(&lg->next_slot) && i < lg->nslots; i++) {
		struct slot *sl = &lg->slots[i];

		if (atomic_load(cell(lg->commit, sl->client, sl->seq)) != i + 1)
			continue;
		balance[sl->from] -= sl->amount;
		balance[sl->to] += sl->amount;
	}
	for (k = 0; k < ACCOUNTS; k++)
		EXPECT_EQ(expect[k], balance[k]) TH_LOG("account %d", k);
	EXPECT_GE(kills + atomic_load(&lg->self_kills), min_kills);
	/* Plain clients' entries went with their replies. */
	EXPECT_EQ(0U, a.cache.in_progress);

	EXPECT_EQ(0, dp_alias_del(nl, alias));
	for (c = 0; c < nclients; c++)
		if (calias[c])
			EXPECT_EQ(0, dp_alias_del(nl, calias[c]));
	dp_nl_close(nl);
}

TEST_HARNESS_MAIN
