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
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
	dp_nl_close(self->nl);
	self->nl = NULL;
	ASSERT_EQ(0, unload());
	ASSERT_EQ(0, dp_module_load());
	self->nl = dp_nl_open();
	ASSERT_NE(NULL, self->nl);
	self->af = dp_af();

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

TEST_HARNESS_MAIN
