// SPDX-License-Identifier: GPL-2.0
/*
 * Scale of the data path: one alias with 1,000 members (the member dump
 * lists them all in join order, exactly one is active, promotion on close
 * hands queued and read-but-unanswered requests to the next one), and
 * 10,000 aliases with one member each (created over netlink, one request
 * to each, every reply back to the right request).
 */
#define _GNU_SOURCE
#include <sched.h>
#include <sys/resource.h>

#include "lib/dp_util.h"

#pragma GCC diagnostic ignored "-Wclobbered"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "lib/kselftest_harness.h"

enum limits {
	NMEMBERS = 1000,
	NALIASES = 10000,
	BATCH = 100,		/* requests in flight in the alias test */
	WAIT_MS = 10000,	/* for a message that must come */
};

static int raise_nofile(rlim_t n)
{
	struct rlimit rl = { n, n };

	return setrlimit(RLIMIT_NOFILE, &rl);
}

FIXTURE(scale) {
	int af;
	struct dp_nl *nl;
	int client;
	uint32_t cport;
};

FIXTURE_SETUP(scale)
{
	self->af = dp_af();
	if (self->af < 0)
		SKIP(return, "ftalias not loaded");
	ASSERT_EQ(0, unshare(CLONE_NEWNET));
	ASSERT_EQ(0, raise_nofile(NALIASES + 256)) TH_LOG("RLIMIT_NOFILE: %s",
							  strerror(errno));
	self->nl = dp_nl_open();
	ASSERT_NE(NULL, self->nl);
	self->client = dp_socket(self->af, 0, -1, 0);
	ASSERT_GE(self->client, 0) TH_LOG("client: %s", strerror(-self->client));
	self->cport = dp_port(self->client);
}

FIXTURE_TEARDOWN(scale)
{
	dp_nl_close(self->nl);
}

/* Receives one message within WAIT_MS; returns its length or -errno. */
static ssize_t recv_wait(int fd, void *buf, size_t size, struct dp_msg *m)
{
	return dp_recv_wait(fd, buf, size, m, WAIT_MS);
}

/*
 * The client's request `tag` is answered by member fd: checks what the
 * member got (flags `want_flags`) and that the reply comes back to the
 * client with the stamped ID.
 */
static void serve_one(struct __test_metadata *_metadata, int client, int fd,
		      const struct ftalias_id *id, uint32_t tag,
		      uint32_t want_flags)
{
	uint32_t in = 0, out;
	struct dp_msg m;

	ASSERT_EQ(4, recv_wait(fd, &in, sizeof(in), &m));
	EXPECT_EQ(tag, in);
	ASSERT_TRUE(m.has_id);
	EXPECT_TRUE(dp_id_eq(id, &m.id))
		TH_LOG("got " DP_ID_FMT ", sent " DP_ID_FMT, DP_ID_ARGS(m.id),
		       DP_ID_ARGS(*id));
	EXPECT_EQ(want_flags, m.flags & FTALIAS_F_REDELIVERED);
	out = ~tag;
	ASSERT_EQ(0, dp_send_reply(fd, &m.id, &out, sizeof(out), 0));
	ASSERT_EQ(4, recv_wait(client, &in, sizeof(in), &m));
	EXPECT_EQ(~tag, in);
	ASSERT_TRUE(m.has_reply_to);
	EXPECT_TRUE(dp_id_eq(id, &m.reply_to));
	EXPECT_EQ(0u, m.err);
}

/* The member dump: n entries, in join order, one active (index want). */
static void check_dump(struct __test_metadata *_metadata, struct dp_nl *nl,
		       uint32_t alias, const int *fds, int n, int want)
{
	static struct dp_member m[NMEMBERS + 1];
	int got = dp_members(nl, alias, m, NMEMBERS + 1), i, j, active = 0;

	ASSERT_EQ(n, got);
	for (i = 0, j = 0; i < got; i++, j++) {
		while (j < NMEMBERS && fds[j] < 0)
			j++;
		ASSERT_LT(j, NMEMBERS);
		EXPECT_EQ(alias, m[i].alias);
		EXPECT_EQ(dp_port(fds[j]), m[i].port) TH_LOG("entry %d", i);
		EXPECT_EQ((uint32_t)getpid(), m[i].pid);
		if (m[i].state == FTALIAS_MEMBER_STATE_ACTIVE) {
			active++;
			EXPECT_EQ(want, j);
		} else {
			EXPECT_EQ((uint32_t)FTALIAS_MEMBER_STATE_BACKUP, m[i].state);
		}
	}
	EXPECT_EQ(1, active);
}

TEST_F_TIMEOUT(scale, members_1000, 600)
{
	static int fds[NMEMBERS];
	struct ftalias_id id1, id2;
	struct dp_alias a, b;
	uint32_t tag = 1, in;
	struct dp_msg m;
	int64_t t0;
	int alias, i, n;

	alias = dp_alias_new(self->nl, "big", -1, -1);
	ASSERT_GT(alias, 0) TH_LOG("alias-new: %s", strerror(-alias));
	t0 = dp_now_ms();
	for (i = 0; i < NMEMBERS; i++) {
		fds[i] = dp_socket(self->af, alias, -1, 0);
		ASSERT_GE(fds[i], 0) TH_LOG("member %d: %s", i, strerror(-fds[i]));
	}
	TH_LOG("%d members joined in %lld ms", NMEMBERS,
	       (long long)(dp_now_ms() - t0));
	ASSERT_EQ(0, dp_alias_get(self->nl, alias, &a));
	EXPECT_EQ((uint32_t)NMEMBERS, a.members);
	EXPECT_TRUE(a.has_active);
	EXPECT_EQ(dp_port(fds[0]), a.active_port);
	t0 = dp_now_ms();
	check_dump(_metadata, self->nl, alias, fds, NMEMBERS, 0);
	TH_LOG("member dump of %d in %lld ms", NMEMBERS,
	       (long long)(dp_now_ms() - t0));
	EXPECT_EQ(1, dp_is_active(fds[0]));
	for (i = 1; i < NMEMBERS; i += 111)
		EXPECT_EQ(0, dp_is_active(fds[i]));

	/* request/reply through the first member */
	ASSERT_EQ(0, dp_send_req(self->client, self->af, alias, &tag, 4, &id1, 0));
	serve_one(_metadata, self->client, fds[0], &id1, tag, 0);

	/* queued, unread, then the active closes: the next one gets it */
	tag = 2;
	ASSERT_EQ(0, dp_send_req(self->client, self->af, alias, &tag, 4, &id1, 0));
	ASSERT_EQ(0, close(fds[0]));
	fds[0] = -1;
	EXPECT_EQ(1, dp_is_active(fds[1]));
	serve_one(_metadata, self->client, fds[1], &id1, tag, 0);

	/* read but unanswered: redelivered, marked */
	tag = 3;
	ASSERT_EQ(0, dp_send_req(self->client, self->af, alias, &tag, 4, &id2, 0));
	ASSERT_EQ(4, recv_wait(fds[1], &in, sizeof(in), &m));
	EXPECT_EQ(tag, in);
	ASSERT_EQ(0, dp_alias_get(self->nl, alias, &a));
	ASSERT_EQ(0, close(fds[1]));
	fds[1] = -1;
	EXPECT_EQ(1, dp_is_active(fds[2]));
	serve_one(_metadata, self->client, fds[2], &id2, tag, FTALIAS_F_REDELIVERED);
	ASSERT_EQ(0, dp_alias_get(self->nl, alias, &b));
	EXPECT_EQ(a.incarnation + 1, b.incarnation);
	EXPECT_EQ(a.promotions + 1, b.promotions);
	EXPECT_EQ(dp_port(fds[2]), b.active_port);

	/* half of the backups leave: nobody is promoted */
	for (i = NMEMBERS - 1; i >= NMEMBERS / 2; i--) {
		ASSERT_EQ(0, close(fds[i]));
		fds[i] = -1;
	}
	n = NMEMBERS / 2 - 2;
	ASSERT_EQ(0, dp_alias_get(self->nl, alias, &a));
	EXPECT_EQ((uint32_t)n, a.members);
	EXPECT_EQ(b.incarnation, a.incarnation);
	check_dump(_metadata, self->nl, alias, fds, n, 2);

	/* and the rest of the line takes over one after the other */
	for (i = 2; i < 12; i++) {
		tag = 100 + i;
		ASSERT_EQ(0, dp_send_req(self->client, self->af, alias, &tag, 4,
					 &id1, 0));
		ASSERT_EQ(0, close(fds[i]));
		fds[i] = -1;
		n--;
		serve_one(_metadata, self->client, fds[i + 1], &id1, tag, 0);
	}
	check_dump(_metadata, self->nl, alias, fds, n, 12);
	for (i = 12; i < NMEMBERS / 2; i++)
		close(fds[i]);
	ASSERT_EQ(0, dp_alias_get(self->nl, alias, &a));
	EXPECT_EQ(0u, a.members);
	EXPECT_FALSE(a.has_active);
	EXPECT_EQ(0u, a.pending);
	EXPECT_EQ(0u, a.failed);
	EXPECT_EQ(0, dp_alias_del(self->nl, alias));
}

TEST_F_TIMEOUT(scale, aliases_10000, 900)
{
	static uint32_t ids[NALIASES];
	static int fds[NALIASES];
	static struct ftalias_id sent[NALIASES];
	static uint8_t answered[NALIASES];
	uint32_t bad_req = 0, bad_rep = 0, bad_from = 0, dup = 0;
	uint32_t extra_buf[2];
	struct dp_msg extra;
	int64_t t0;
	int i, n, done;

	t0 = dp_now_ms();
	n = dp_alias_new_many(self->nl, "s", NALIASES, ids);
	ASSERT_EQ(NALIASES, n) TH_LOG("created %d (max_aliases?)", n);
	TH_LOG("%d aliases created in %lld ms", NALIASES,
	       (long long)(dp_now_ms() - t0));
	t0 = dp_now_ms();
	for (i = 0; i < NALIASES; i++) {
		fds[i] = dp_socket(self->af, ids[i], -1, 0);
		ASSERT_GE(fds[i], 0) TH_LOG("member of %u: %s", ids[i],
					    strerror(-fds[i]));
	}
	TH_LOG("%d members joined in %lld ms", NALIASES,
	       (long long)(dp_now_ms() - t0));
	n = dp_members(self->nl, 0, NULL, 0);
	EXPECT_EQ(NALIASES, n) TH_LOG("member dump of all aliases");

	t0 = dp_now_ms();
	for (done = 0; done < NALIASES; done += BATCH) {
		int k = NALIASES - done < BATCH ? NALIASES - done : BATCH;

		for (i = done; i < done + k; i++) {
			uint32_t tag = i;
			int err = dp_send_req(self->client, self->af, ids[i],
					      &tag, 4, &sent[i], 0);

			ASSERT_EQ(0, err) TH_LOG("send to %u: %s", ids[i],
						 strerror(-err));
		}
		for (i = done; i < done + k; i++) {
			uint32_t in = ~0u, out[2];
			struct dp_msg m;

			ASSERT_EQ(4, recv_wait(fds[i], &in, 4, &m))
				TH_LOG("member of alias %u got nothing", ids[i]);
			if (in != (uint32_t)i || !m.has_id ||
			    !dp_id_eq(&m.id, &sent[i]))
				bad_req++;
			out[0] = i;
			out[1] = ids[i];
			ASSERT_EQ(0, dp_send_reply(fds[i], &m.id, out,
						   sizeof(out), 0));
		}
		for (i = 0; i < k; i++) {
			uint32_t in[2];
			struct dp_msg m;

			ASSERT_EQ(8, recv_wait(self->client, in, sizeof(in), &m));
			if (!m.has_reply_to || m.err || in[0] >= NALIASES ||
			    in[1] != ids[in[0]] ||
			    !dp_id_eq(&m.reply_to, &sent[in[0]])) {
				bad_rep++;
				continue;
			}
			if (m.from.sfa_type == FTALIAS_ADDR_ALIAS &&
			    m.from.sfa_alias != in[1])
				bad_from++;
			if (answered[in[0]]++)
				dup++;
		}
	}
	TH_LOG("%d request/replies in %lld ms", NALIASES,
	       (long long)(dp_now_ms() - t0));
	EXPECT_EQ(0u, bad_req);
	EXPECT_EQ(0u, bad_rep);
	EXPECT_EQ(0u, bad_from);
	EXPECT_EQ(0u, dup);
	for (i = 0, n = 0; i < NALIASES; i++)
		n += answered[i] == 1;
	EXPECT_EQ(NALIASES, n);
	/* nothing else arrived */
	EXPECT_EQ(-EAGAIN, dp_recv(self->client, extra_buf, sizeof(extra_buf), &extra,
				   MSG_DONTWAIT));

	t0 = dp_now_ms();
	for (i = 0; i < NALIASES; i++)
		close(fds[i]);
	EXPECT_EQ(0, dp_alias_del_many(self->nl, ids, NALIASES));
	TH_LOG("closed and deleted in %lld ms", (long long)(dp_now_ms() - t0));
	EXPECT_EQ(-ENOENT, dp_alias_get(self->nl, ids[NALIASES / 2],
					&(struct dp_alias){ 0 }));
	EXPECT_EQ(0, dp_members(self->nl, 0, NULL, 0));
}

TEST_HARNESS_MAIN
