// SPDX-License-Identifier: GPL-2.0
/*
 * A reboot under load (issue 19's third test): a server alias with
 * 10,000 recorded replies and 5 requests in progress, its client alias
 * with those 5 and 3 more (held at the server, which lost its member)
 * waiting for their reply.  Both are saved, deleted, the module is
 * unloaded and loaded again (FTALIAS_KO), and both are restored, the
 * client first.  Then:
 *  - the server's new member gets the 5 orphan notices;
 *  - the client's new member's 8 requests go out again by themselves,
 *    each answered once (the 5 from the cache once the orphans are
 *    answered, the 3 by the member): none lost, none twice;
 *  - its re-sends of the 10,000 are answered from the restored cache
 *    (hits-auto counts them all) and never reach the server's member.
 * NL_REBOOT_N sets the number of recorded replies (default 10,000).
 * Then the same with the load running: both aliases saved with move.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <unistd.h>
#include <sys/syscall.h>

#include "lib/kselftest_harness.h"
#include "lib/dp_util.h"

#define WAIT_MS		30000
#define N_PROG		5
#define N_HELD		3
#define BATCH		64

static int unload(void)
{
	int i;

	/* Sockets and aliases go asynchronously: a few tries. */
	for (i = 0; i < 200; i++) {
		if (!syscall(__NR_delete_module, "ftalias", O_NONBLOCK))
			return 0;
		if (errno != EAGAIN && errno != EWOULDBLOCK)
			return -errno;
		dp_pause_ms(50);
	}
	return -EBUSY;
}

FIXTURE(rb) {
	struct dp_nl *nl;
	int af;
	uint32_t s, c;
	unsigned int n;
	struct ftalias_id *ids;
	char buf[256];
};

static uint32_t alias_new(struct dp_nl *nl, const char *tag)
{
	char name[32];
	int id;

	snprintf(name, sizeof(name), "rb%d-%s", getpid(), tag);
	id = dp_alias_new(nl, name, -1, 60000);
	return id > 0 ? id : 0;
}

FIXTURE_SETUP(rb)
{
	const char *n = getenv("NL_REBOOT_N");

	if (geteuid())
		SKIP(return, "needs root");
	if (!getenv("FTALIAS_KO") || access(getenv("FTALIAS_KO"), R_OK))
		SKIP(return, "FTALIAS_KO not set");
	if (access("/sys/module/ftalias", F_OK))
		SKIP(return, "module not loaded");
	self->n = n ? strtoul(n, NULL, 0) : 10000;
	self->ids = calloc(self->n, sizeof(*self->ids));
	ASSERT_NE(NULL, self->ids);
	self->af = dp_af();
	self->nl = dp_nl_open();
	ASSERT_NE(NULL, self->nl);
	self->s = alias_new(self->nl, "s");
	self->c = alias_new(self->nl, "c");
	ASSERT_NE(0U, self->s);
	ASSERT_NE(0U, self->c);
	ASSERT_EQ(0, dp_alias_set(self->nl, self->s,
				  FTALIAS_A_ALIAS_CACHE_MAX_ENTRIES,
				  2 * self->n + 64, 4));
	ASSERT_EQ(0, dp_alias_set(self->nl, self->s,
				  FTALIAS_A_ALIAS_CACHE_MAX_BYTES, 64 << 20, 8));
}

FIXTURE_TEARDOWN(rb)
{
	if (access("/sys/module/ftalias", F_OK))
		dp_module_load();
	if (self->nl) {
		dp_alias_del(self->nl, self->s);
		dp_alias_del(self->nl, self->c);
		dp_nl_close(self->nl);
	}
	free(self->ids);
}

/* Requests i..i+n of the client, each read, answered and recorded. */
static int round_trips(FIXTURE_DATA(rb) *self, int cli, int srv,
		       unsigned int i, unsigned int n)
{
	struct dp_msg m;
	unsigned int k;
	int len;

	for (k = i; k < i + n; k++) {
		len = snprintf(self->buf, sizeof(self->buf), "q%u", k);
		if (dp_send_req(cli, self->af, self->s, self->buf, len,
				&self->ids[k], 0))
			return -errno;
	}
	for (k = i; k < i + n; k++) {
		if (dp_recv_wait(srv, self->buf, sizeof(self->buf), &m,
				 WAIT_MS) < 0)
			return -EIO;
		len = snprintf(self->buf, sizeof(self->buf), "a%llu",
			       (unsigned long long)m.id.xid);
		if (dp_reply_record(srv, &m.id, self->buf, len))
			return -errno;
	}
	for (k = i; k < i + n; k++)
		if (dp_recv_wait(cli, self->buf, sizeof(self->buf), &m,
				 WAIT_MS) < 0)
			return -EIO;
	return 0;
}

/* The module unloaded and loaded again; a new netlink socket. */
static void reboot(struct __test_metadata *_metadata, FIXTURE_DATA(rb) *self)
{
	dp_nl_close(self->nl);
	self->nl = NULL;
	ASSERT_EQ(0, unload());
	ASSERT_EQ(0, dp_module_load());
	self->nl = dp_nl_open();
	ASSERT_NE(NULL, self->nl);
	self->af = dp_af();
}

static void restore(struct __test_metadata *_metadata, uint16_t fam,
		    const struct dp_saved *s, uint32_t id)
{
	struct dp_rst r;

	ASSERT_EQ(0, dp_rst_open(&r, fam));
	ASSERT_EQ(0, dp_restore(&r, s, NULL, 0, 65536)) TH_LOG("%s", r.extack);
	EXPECT_EQ(id, r.id);
	close(r.fd);
}

TEST_F_TIMEOUT(rb, save_unload_restore, 1200)
{
	struct ftalias_id prog[N_PROG], held[N_HELD], id;
	unsigned int i, k, orphans = 0, answered[N_PROG + N_HELD] = { 0 };
	struct dp_saved ss, sc;
	struct dp_alias a;
	struct dp_msg m;
	int srv, cli, len;

	srv = dp_socket(self->af, self->s, -1, 0);
	cli = dp_socket(self->af, self->c, -1, 0);
	ASSERT_GE(srv, 0);
	ASSERT_GE(cli, 0);
	for (i = 0; i < self->n; i += BATCH)
		ASSERT_EQ(0, round_trips(self, cli, srv, i,
					 self->n - i < BATCH ? self->n - i : BATCH));
	/* 5 in progress at the server: read and blocked, not answered */
	for (k = 0; k < N_PROG; k++) {
		len = snprintf(self->buf, sizeof(self->buf), "p%u", k);
		ASSERT_EQ(0, dp_send_req(cli, self->af, self->s, self->buf, len,
					 &prog[k], 0));
		ASSERT_LT(0, dp_recv_wait(srv, self->buf, sizeof(self->buf), &m,
					  WAIT_MS));
		ASSERT_EQ(0, dp_record(srv, &m.id, FTALIAS_RECORD_BLOCK, NULL, 0));
	}
	/* the server's member goes; 3 more wait for the next one */
	close(srv);
	for (k = 0; k < N_HELD; k++) {
		len = snprintf(self->buf, sizeof(self->buf), "h%u", k);
		ASSERT_EQ(0, dp_send_req(cli, self->af, self->s, self->buf, len,
					 &held[k], 0));
	}
	ASSERT_EQ(0, dp_alias_get(self->nl, self->s, &a));
	EXPECT_EQ(self->n + N_PROG, a.cache.entries);
	/* the 5 in progress are held again too, for the next member */
	EXPECT_EQ((uint32_t)(N_PROG + N_HELD), a.held);

	/* shutdown: saved, deleted, the module unloaded and loaded again */
	ASSERT_EQ(0, dp_save(self->nl->fam, self->s, &ss));
	ASSERT_EQ(0, dp_save(self->nl->fam, self->c, &sc));
	close(cli);
	ASSERT_EQ(0, dp_alias_del(self->nl, self->c));
	ASSERT_EQ(0, dp_alias_del(self->nl, self->s));
	reboot(_metadata, self);

	/* boot: the client first (restore all goes by name) */
	restore(_metadata, self->nl->fam, &sc, self->c);
	restore(_metadata, self->nl->fam, &ss, self->s);
	free(sc.buf);
	free(ss.buf);
	ASSERT_EQ(0, dp_alias_get(self->nl, self->s, &a));
	EXPECT_EQ(self->n + N_PROG, a.cache.entries);
	EXPECT_EQ((uint64_t)N_PROG, a.cache.in_progress);

	/* the server's member: 5 orphan notices, answered with a record */
	srv = dp_socket(self->af, self->s, -1, 0);
	ASSERT_GE(srv, 0);
	for (k = 0; k < N_PROG; k++) {
		ASSERT_LT(0, dp_recv_wait(srv, self->buf, sizeof(self->buf), &m,
					  WAIT_MS));
		ASSERT_NE(0U, m.flags & FTALIAS_F_ORPHAN);
		orphans++;
		ASSERT_EQ(0, dp_reply_record(srv, &m.id, "orphan", 6));
	}
	EXPECT_EQ((unsigned int)N_PROG, orphans);

	/* the client's member: its 8 requests go out again by themselves */
	cli = dp_socket(self->af, self->c, -1, 0);
	ASSERT_GE(cli, 0);
	for (k = 0; k < N_HELD; k++) {
		ASSERT_LT(0, dp_recv_wait(srv, self->buf, sizeof(self->buf), &m,
					  WAIT_MS));
		EXPECT_EQ(0U, m.flags & FTALIAS_F_ORPHAN);
		EXPECT_NE(0U, m.flags & FTALIAS_F_RESENT);
		ASSERT_EQ(0, dp_reply_record(srv, &m.id, "held", 4));
	}
	for (k = 0; k < N_PROG + N_HELD; k++) {
		ASSERT_LE(0, dp_recv_wait(cli, self->buf, sizeof(self->buf), &m,
					  WAIT_MS));
		EXPECT_EQ(0U, m.err) TH_LOG("notice %u for xid %llu", m.err,
					    (unsigned long long)m.reply_to.xid);
		for (i = 0; i < N_PROG; i++)
			if (dp_id_eq(&m.reply_to, &prog[i]))
				answered[i]++;
		for (i = 0; i < N_HELD; i++)
			if (dp_id_eq(&m.reply_to, &held[i]))
				answered[N_PROG + i]++;
	}
	for (k = 0; k < N_PROG + N_HELD; k++)
		EXPECT_EQ(1U, answered[k]) TH_LOG("request %u", k);

	/* the re-sends of the 10,000: the restored cache answers them */
	for (i = 0; i < self->n; i++) {
		ASSERT_EQ(0, dp_send_req_cmsg(cli, self->af, self->s, "q", 1,
					      FTALIAS_CMSG_ID, &self->ids[i],
					      sizeof(self->ids[i]), NULL));
		ASSERT_LT(0, dp_recv_wait(cli, self->buf, sizeof(self->buf), &m,
					  WAIT_MS));
		ASSERT_TRUE(dp_id_eq(&m.reply_to, &self->ids[i]));
		len = snprintf(self->buf + 128, 64, "a%llu",
			       (unsigned long long)self->ids[i].xid);
		ASSERT_EQ(0, memcmp(self->buf, self->buf + 128, len));
	}
	/* the 5 that waited for the orphans came back as re-sends too */
	ASSERT_EQ(0, dp_alias_get(self->nl, self->s, &a));
	EXPECT_EQ((uint64_t)self->n + N_PROG, a.cache.hits_auto);
	EXPECT_TRUE(dp_nothing_queued(srv));
	EXPECT_TRUE(dp_nothing_queued(cli));
	TH_LOG("%u replies saved and answered again, %u orphan notices, %u requests sent again",
	       self->n, orphans, N_PROG + N_HELD);
	/* and a new request goes on from the saved counter */
	ASSERT_EQ(0, dp_send_req(cli, self->af, self->s, "new", 3, &id, 0));
	EXPECT_EQ(held[N_HELD - 1].xid + 1, id.xid);
	close(cli);
	close(srv);
}

/* ---- a move under live load ------------------------------------------ */

#define LQ	8192		/* the load's requests, at most */

struct load {
	int af, srv, cli;
	uint32_t s;
	int stop;			/* __atomic */
	/* By transaction id: the client alias's members count from 1. */
	uint8_t committed[LQ];		/* the server's members: recorded */
	uint8_t answered[LQ];		/* the client's members: read */
	uint64_t last;			/* the client's last ID */
	int answers, bad;
	char why[128];
};

static bool load_stopped(struct load *l)
{
	return __atomic_load_n(&l->stop, __ATOMIC_ACQUIRE);
}

/* A server member: records and sends "a<xid>" for each request. */
static void *load_server(void *arg)
{
	struct load *l = arg;
	char buf[64], out[32];
	struct dp_msg m;
	ssize_t n;
	int len, err;

	while (!load_stopped(l)) {
		n = dp_recv_wait(l->srv, buf, sizeof(buf), &m, 50);
		if (n == -ETIMEDOUT)
			continue;
		if (n < 0)
			break;
		if (m.id.xid >= LQ || !m.has_id) {
			snprintf(l->why, sizeof(l->why), "server: xid %llu",
				 (unsigned long long)m.id.xid);
			l->bad++;
			continue;
		}
		len = snprintf(out, sizeof(out), "a%llu",
			       (unsigned long long)m.id.xid);
		err = dp_reply_record(l->srv, &m.id, out, len);
		/* Recorded once and for all, or not at all (the alias went). */
		if (!err)
			l->committed[m.id.xid]++;
		else if (err != -EIDRM)
			snprintf(l->why, sizeof(l->why), "server: record %d",
				 err), l->bad++;
		if (err)
			break;
	}
	return NULL;
}

/* Reads what came for the client's member: 0, or -errno. */
static int load_read(struct load *l, int ms)
{
	char buf[64], want[32];
	struct dp_msg m;
	ssize_t n;

	n = dp_recv_wait(l->cli, buf, sizeof(buf), &m, ms);
	if (n < 0)
		return (int)n;
	if (m.err || m.reply_to.xid >= LQ) {
		snprintf(l->why, sizeof(l->why), "client: err %u xid %llu",
			 m.err, (unsigned long long)m.reply_to.xid);
		l->bad++;
		return 0;
	}
	snprintf(want, sizeof(want), "a%llu",
		 (unsigned long long)m.reply_to.xid);
	if (n != (ssize_t)strlen(want) || memcmp(buf, want, n)) {
		snprintf(l->why, sizeof(l->why), "client: reply to %llu",
			 (unsigned long long)m.reply_to.xid);
		l->bad++;
	}
	l->answered[m.reply_to.xid]++;
	l->answers++;
	return 0;
}

/* A client member: one request after another until it is stopped. */
static void *load_client(void *arg)
{
	struct load *l = arg;
	struct ftalias_id id;
	int err;

	while (!load_stopped(l) && l->last + 1 < LQ) {
		if (dp_send_req(l->cli, l->af, l->s, "q", 1, &id, 0))
			break;		/* its alias went (EIDRM) */
		l->last = id.xid;
		do {
			err = load_read(l, 50);
		} while (err == -ETIMEDOUT && !load_stopped(l));
		if (err && err != -ETIMEDOUT)
			break;
	}
	return NULL;
}

/*
 * A move under live load: the client alias's member sends request after
 * request, the server's member records a reply to each, while both
 * aliases are saved with move (the server first), deleted, the module
 * reloaded and both restored.  The requests caught by the freeze (a reply
 * waiting in the kernel, a request held) come back as the client's
 * restored requests; the new server member runs those the cache does not
 * answer.  Every ID the client was given is answered exactly once, and
 * recorded by one server member exactly once: nothing lost, nothing run
 * twice.
 */
TEST_F_TIMEOUT(rb, move_under_load, 600)
{
	struct dp_part ds, dc;
	struct dp_saved ss, sc;
	struct load *l;
	pthread_t ts, tc;
	uint64_t x;
	int i;

	l = calloc(1, sizeof(*l));
	ASSERT_NE(NULL, l);
	l->af = self->af;
	l->s = self->s;
	l->srv = dp_socket(self->af, self->s, -1, 0);
	l->cli = dp_socket(self->af, self->c, -1, 0);
	ASSERT_GE(l->srv, 0);
	ASSERT_GE(l->cli, 0);
	ASSERT_EQ(0, pthread_create(&ts, NULL, load_server, l));
	ASSERT_EQ(0, pthread_create(&tc, NULL, load_client, l));
	for (i = 0; i < WAIT_MS && __atomic_load_n(&l->answers,
						    __ATOMIC_RELAXED) < 300; i++)
		dp_pause_ms(1);
	ASSERT_LE(300, __atomic_load_n(&l->answers, __ATOMIC_RELAXED));

	/* shutdown, under load: both moved, the server first */
	ASSERT_EQ(0, dp_save_move(&ds, self->nl->fam, self->s, &ss));
	ASSERT_EQ(0, dp_save_move(&dc, self->nl->fam, self->c, &sc));
	ASSERT_EQ(0, dp_alias_del(self->nl, self->c));
	ASSERT_EQ(0, dp_alias_del(self->nl, self->s));
	__atomic_store_n(&l->stop, 1, __ATOMIC_RELEASE);
	pthread_join(tc, NULL);
	pthread_join(ts, NULL);
	dp_part_close(&ds);
	dp_part_close(&dc);
	close(l->srv);
	close(l->cli);
	EXPECT_EQ(0, l->bad) TH_LOG("%s", l->why);
	TH_LOG("before the move: %d answers of %llu requests", l->answers,
	       (unsigned long long)l->last);

	reboot(_metadata, self);
	l->af = self->af;
	restore(_metadata, self->nl->fam, &sc, self->c);
	restore(_metadata, self->nl->fam, &ss, self->s);
	free(sc.buf);
	free(ss.buf);

	/* boot: new members; the client's caught requests go out again */
	__atomic_store_n(&l->stop, 0, __ATOMIC_RELEASE);
	l->srv = dp_socket(self->af, self->s, -1, 0);
	l->cli = dp_socket(self->af, self->c, -1, 0);
	ASSERT_GE(l->srv, 0);
	ASSERT_GE(l->cli, 0);
	ASSERT_EQ(0, pthread_create(&ts, NULL, load_server, l));
	for (x = 1; x <= l->last; x++)
		while (!l->answered[x] && !load_read(l, WAIT_MS))
			;
	__atomic_store_n(&l->stop, 1, __ATOMIC_RELEASE);
	pthread_join(ts, NULL);
	EXPECT_EQ(0, l->bad) TH_LOG("%s", l->why);
	for (x = 1; x <= l->last; x++) {
		EXPECT_EQ(1, l->answered[x]) TH_LOG("xid %llu answered %u times",
						     (unsigned long long)x,
						     l->answered[x]);
		EXPECT_EQ(1, l->committed[x]) TH_LOG("xid %llu recorded %u times",
						      (unsigned long long)x,
						      l->committed[x]);
	}
	EXPECT_TRUE(dp_nothing_queued(l->cli));
	close(l->srv);
	close(l->cli);
	free(l);
}

TEST_HARNESS_MAIN
