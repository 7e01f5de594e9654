// SPDX-License-Identifier: GPL-2.0
/*
 * Checkpoints of an alias (FTALIAS_CMSG_CHECKPOINT, seed 004): the active
 * member commits its state in chunks; a member that becomes active reads
 * the latest checkpoint, whole and in order, before any request; a newer
 * checkpoint replaces the older one; alias-get shows them; and every bad
 * call gets its errno and leaves no checkpoint behind.
 *
 * A member "dies" by closing its socket: the kernel sees nothing else when
 * a process is killed.  Every wait is on a condition, with a deadline.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include "lib/kselftest_harness.h"
#include "lib/dp_util.h"

#define WAIT_MS		20000
#define CHUNK		65536
#define MAX_PARAM	"/sys/module/ftalias/parameters/ckpt_max_bytes"
#define TOTAL_PARAM	"/sys/module/ftalias/parameters/cache_total_bytes"

static int name_seq;

FIXTURE(ck) {
	struct dp_nl *nl;
	int af;
	char saved_max[32];	/* ckpt_max_bytes to restore, or "" */
	char saved_total[32];	/* cache_total_bytes to restore, or "" */
	char buf[FTALIAS_MSG_MAX];
	char cbuf[1024];
	uint32_t flags;		/* of the last got_request() */
};

/* A module parameter into buf, to write back at the teardown. */
static int read_param(const char *path, char *buf, size_t size)
{
	long v = dp_read_long(path);

	if (v < 0)
		return -EIO;
	snprintf(buf, size, "%ld", v);
	return 0;
}

FIXTURE_SETUP(ck)
{
	self->af = dp_af();
	ASSERT_GT(self->af, 0) TH_LOG("ftalias module not loaded");
	self->nl = dp_nl_open();
	ASSERT_NE(NULL, self->nl);
}

FIXTURE_TEARDOWN(ck)
{
	if (self->saved_max[0])
		dp_write_str(MAX_PARAM, self->saved_max);
	if (self->saved_total[0])
		dp_write_str(TOTAL_PARAM, self->saved_total);
	dp_nl_close(self->nl);
}

static uint32_t new_alias(struct dp_nl *nl)
{
	char name[32];
	int id;

	snprintf(name, sizeof(name), "ck%d-%d", getpid(), name_seq++);
	id = dp_alias_new(nl, name, -1, 2000);
	return id > 0 ? id : 0;
}

static struct dp_alias alias_of(struct dp_nl *nl, uint32_t alias)
{
	struct dp_alias a;

	if (dp_alias_get(nl, alias, &a))
		memset(&a, 0xff, sizeof(a));
	return a;
}

/* A blob whose every byte depends on its seed and offset. */
static char *blob(size_t len, unsigned int seed)
{
	char *p = malloc(len ? len : 1);
	size_t i;

	for (i = 0; p && i < len; i++)
		p[i] = (char)(i * 131 + seed * 7 + (i >> 12));
	return p;
}

/*
 * Read a whole checkpoint from fd: chunks flagged FTALIAS_F_CHECKPOINT from
 * the alias, FTALIAS_CKPT_MORE on all but the last, one sequence number.
 * Returns its length (into out, of size size), or -errno / -EPROTO.
 */
static ssize_t read_ckpt(FIXTURE_DATA(ck) *self, int fd, uint32_t alias,
			 char *out, size_t size, uint64_t *seq)
{
	size_t got = 0;
	struct dp_msg m;
	ssize_t n;

	for (;;) {
		n = dp_recv_wait_aux(fd, self->buf, sizeof(self->buf), &m,
				     self->cbuf, sizeof(self->cbuf), WAIT_MS);
		if (n < 0)
			return n;
		if (!m.has_ckpt || m.flags != FTALIAS_F_CHECKPOINT ||
		    m.from.sfa_type != FTALIAS_ADDR_ALIAS ||
		    m.from.sfa_alias != alias || m.from.sfa_port ||
		    m.has_id || m.has_reply_to || m.ckpt.reserved ||
		    (m.ckpt.flags & ~FTALIAS_CKPT_MORE) ||
		    (got && m.ckpt.seq != *seq) || got + n > size)
			return -EPROTO;
		*seq = m.ckpt.seq;
		memcpy(out + got, self->buf, n);
		got += n;
		if (!(m.ckpt.flags & FTALIAS_CKPT_MORE))
			return got;
	}
}

/* The next message of fd is the request s (not a checkpoint). */
static bool got_request(FIXTURE_DATA(ck) *self, int fd, const char *s,
			struct ftalias_id *id)
{
	struct dp_msg m;
	ssize_t n = dp_recv_wait_aux(fd, self->buf, sizeof(self->buf), &m,
				     self->cbuf, sizeof(self->cbuf), WAIT_MS);

	if (n != (ssize_t)strlen(s) || !m.has_id || m.has_ckpt ||
	    memcmp(self->buf, s, n))
		return false;
	self->flags = m.flags;
	if (id)
		*id = m.id;
	return true;
}

/*
 * 200 KiB of state in 64 KiB chunks; the member dies with a request
 * unread: the backup reads the checkpoint, whole, then the request.
 */
TEST_F(ck, commit_and_load)
{
	const size_t len = 200 * 1024 + 17;
	uint32_t s = new_alias(self->nl);
	int c = dp_socket(self->af, 0, -1, 0);
	int m1 = dp_socket(self->af, s, 10, 0);
	int m2 = dp_socket(self->af, s, 5, 0);
	char *st = blob(len, 1), *got = malloc(len + CHUNK);
	struct ftalias_id id;
	int m3;
	struct dp_alias a;
	uint64_t seq = 0;

	ASSERT_NE(0U, s);
	ASSERT_TRUE(st && got);
	ASSERT_EQ(1, dp_is_active(m1));
	a = alias_of(self->nl, s);
	EXPECT_EQ(0U, a.ckpt_seq);
	EXPECT_EQ(0U, a.checkpoints);

	ASSERT_EQ(0, dp_checkpoint(m1, st, len, CHUNK));
	a = alias_of(self->nl, s);
	EXPECT_EQ(1U, a.ckpt_seq);
	EXPECT_EQ(len, a.ckpt_bytes);
	EXPECT_EQ(1U, a.checkpoints);
	EXPECT_EQ(0U, a.ckpt_loads);
	/* Nothing comes back to the member that committed it. */
	EXPECT_TRUE(dp_nothing_queued(m1));
	EXPECT_TRUE(dp_nothing_queued(m2));

	ASSERT_EQ(0, dp_send_req(c, self->af, s, "after", 5, &id, 0));
	close(m1);
	ASSERT_EQ((ssize_t)len, read_ckpt(self, m2, s, got, len + CHUNK, &seq));
	EXPECT_EQ(1U, seq);
	EXPECT_EQ(0, memcmp(st, got, len));
	EXPECT_TRUE(got_request(self, m2, "after", NULL));
	EXPECT_EQ(0U, self->flags);
	a = alias_of(self->nl, s);
	EXPECT_EQ(1U, a.ckpt_loads);

	/* And again to the next one. */
	m3 = dp_socket(self->af, s, 1, 0);
	close(m2);
	ASSERT_EQ((ssize_t)len, read_ckpt(self, m3, s, got, len + CHUNK, &seq));
	EXPECT_EQ(0, memcmp(st, got, len));
	/* m2 read the request and did not answer: it comes again, after. */
	EXPECT_TRUE(got_request(self, m3, "after", NULL));
	EXPECT_EQ((uint32_t)FTALIAS_F_REDELIVERED, self->flags);
	EXPECT_TRUE(dp_nothing_queued(m3));
	EXPECT_EQ(2U, alias_of(self->nl, s).ckpt_loads);
	close(m3);
	close(c);
	free(st);
	free(got);
	EXPECT_EQ(0, dp_alias_del(self->nl, s));
}

/* A newer checkpoint replaces the older; an empty one is one. */
TEST_F(ck, replaced)
{
	uint32_t s = new_alias(self->nl);
	int m1 = dp_socket(self->af, s, 10, 0);
	int m2 = dp_socket(self->af, s, 5, 0);
	char *a1 = blob(100000, 2), *a2 = blob(3000, 3);
	char got[4096];
	struct dp_alias a;
	uint64_t seq = 0;
	int m3;

	ASSERT_NE(0U, s);
	ASSERT_EQ(0, dp_checkpoint(m1, a1, 100000, CHUNK));
	ASSERT_EQ(0, dp_checkpoint(m1, a2, 3000, 1000));
	a = alias_of(self->nl, s);
	EXPECT_EQ(2U, a.ckpt_seq);
	EXPECT_EQ(3000U, a.ckpt_bytes);
	close(m1);
	ASSERT_EQ(3000, read_ckpt(self, m2, s, got, sizeof(got), &seq));
	EXPECT_EQ(2U, seq);
	EXPECT_EQ(0, memcmp(a2, got, 3000));
	EXPECT_TRUE(dp_nothing_queued(m2));

	ASSERT_EQ(0, dp_ckpt_chunk(m2, NULL, 0, 0));
	a = alias_of(self->nl, s);
	EXPECT_EQ(3U, a.ckpt_seq);
	EXPECT_EQ(0U, a.ckpt_bytes);
	EXPECT_EQ(3U, a.checkpoints);
	m3 = dp_socket(self->af, s, 1, 0);
	close(m2);
	ASSERT_EQ(0, read_ckpt(self, m3, s, got, sizeof(got), &seq));
	EXPECT_EQ(3U, seq);
	close(m3);
	free(a1);
	free(a2);
	EXPECT_EQ(0, dp_alias_del(self->nl, s));
}

/* FTALIAS_CKPT_BASE: commit only on that checkpoint (compare and swap). */
static int commit_on(int fd, const char *s, uint64_t base)
{
	struct ftalias_ckpt ck = { .flags = FTALIAS_CKPT_BASE, .seq = base };

	return dp_send_cmsgs(fd, s, strlen(s), FTALIAS_CMSG_CHECKPOINT, &ck,
			     sizeof(ck), 0, NULL, 0);
}

TEST_F(ck, compare_and_swap)
{
	uint32_t s = new_alias(self->nl);
	int m1 = dp_socket(self->af, s, 10, 0), m2;
	uint64_t seq = 0;
	char got[16];

	ASSERT_NE(0U, s);
	ASSERT_EQ(0, commit_on(m1, "A", 0));
	ASSERT_EQ(0, commit_on(m1, "B", 1));
	EXPECT_EQ(2U, alias_of(self->nl, s).ckpt_seq);
	/* Built on 1, which is not the alias's any more; on none; on 3. */
	EXPECT_EQ(-ESTALE, commit_on(m1, "C", 1));
	EXPECT_EQ(-ESTALE, commit_on(m1, "C", 0));
	EXPECT_EQ(-ESTALE, commit_on(m1, "C", 3));
	EXPECT_EQ(2U, alias_of(self->nl, s).ckpt_seq);
	/* Its staged chunks go with the refusal. */
	ASSERT_EQ(0, dp_ckpt_chunk(m1, "xx", 2, FTALIAS_CKPT_MORE));
	EXPECT_EQ(-ESTALE, commit_on(m1, "D", 1));
	ASSERT_EQ(0, commit_on(m1, "E", 2));
	EXPECT_EQ(3U, alias_of(self->nl, s).ckpt_seq);
	EXPECT_EQ(1U, alias_of(self->nl, s).ckpt_bytes);
	/* The next member learns 3 from the load, and builds on it. */
	m2 = dp_socket(self->af, s, 5, 0);
	close(m1);
	ASSERT_EQ(1, read_ckpt(self, m2, s, got, sizeof(got), &seq));
	EXPECT_EQ('E', got[0]);
	EXPECT_EQ(3U, seq);
	EXPECT_EQ(0, commit_on(m2, "F", seq));
	EXPECT_EQ(4U, alias_of(self->nl, s).ckpt_seq);
	close(m2);
	EXPECT_EQ(0, dp_alias_del(self->nl, s));
}

/* No checkpoint: a new active member gets the requests only. */
TEST_F(ck, none)
{
	uint32_t s = new_alias(self->nl);
	int c = dp_socket(self->af, 0, -1, 0);
	int m1 = dp_socket(self->af, s, 10, 0);
	int m2 = dp_socket(self->af, s, 5, 0);

	ASSERT_NE(0U, s);
	ASSERT_EQ(0, dp_send_req(c, self->af, s, "x", 1, NULL, 0));
	close(m1);
	EXPECT_TRUE(got_request(self, m2, "x", NULL));
	EXPECT_EQ(0U, alias_of(self->nl, s).ckpt_loads);
	close(m2);
	close(c);
	EXPECT_EQ(0, dp_alias_del(self->nl, s));
}

/* Every bad call: its errno, and no checkpoint left behind. */
TEST_F(ck, errors)
{
	uint32_t s = new_alias(self->nl);
	int c = dp_socket(self->af, 0, -1, 0);
	int m1 = dp_socket(self->af, s, 10, 0);
	int m2 = dp_socket(self->af, s, 5, 0);
	struct sockaddr_ftalias sa = dp_addr(self->af, FTALIAS_ADDR_ALIAS, s, 0);
	struct ftalias_ckpt ck = {};
	struct ftalias_id id = {};
	union {
		char b[CMSG_SPACE(sizeof(struct ftalias_ckpt)) + 8];
		struct cmsghdr align;
	} cb;
	struct iovec iov = { self->buf, 10 };
	struct msghdr mh = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = cb.b,
	};
	char *big = calloc(1, FTALIAS_MSG_MAX + 1);
	struct cmsghdr *cm;
	uint64_t seq = 0;
	char got[16];

	ASSERT_NE(0U, s);
	ASSERT_NE(NULL, big);
	memset(self->buf, 'x', sizeof(self->buf));
	/* Not a member; not the active member. */
	EXPECT_EQ(-EPERM, dp_ckpt_chunk(c, "a", 1, 0));
	EXPECT_EQ(-EBUSY, dp_ckpt_chunk(m2, "a", 1, 0));
	EXPECT_EQ(-EBUSY, dp_ckpt_chunk(m2, "a", 1, FTALIAS_CKPT_MORE));
	/* Bad flags, reserved, seq. */
	EXPECT_EQ(-EINVAL, dp_ckpt_chunk(m1, "a", 1, 0x8));
	EXPECT_EQ(-EINVAL, dp_ckpt_chunk(m1, "a", 1, FTALIAS_CKPT_MORE |
					 FTALIAS_CKPT_ABORT));
	EXPECT_EQ(-EINVAL, dp_ckpt_chunk(m1, "a", 1, FTALIAS_CKPT_ABORT));
	ck.reserved = 1;
	EXPECT_EQ(-EINVAL, dp_send_cmsgs(m1, "a", 1, FTALIAS_CMSG_CHECKPOINT,
					 &ck, sizeof(ck), 0, NULL, 0));
	ck.reserved = 0;
	/* A seq without BASE; BASE on a chunk that is not the last. */
	ck.seq = 1;
	EXPECT_EQ(-EINVAL, dp_send_cmsgs(m1, "a", 1, FTALIAS_CMSG_CHECKPOINT,
					 &ck, sizeof(ck), 0, NULL, 0));
	ck.flags = FTALIAS_CKPT_BASE | FTALIAS_CKPT_MORE;
	EXPECT_EQ(-EINVAL, dp_send_cmsgs(m1, "a", 1, FTALIAS_CMSG_CHECKPOINT,
					 &ck, sizeof(ck), 0, NULL, 0));
	ck.flags = FTALIAS_CKPT_BASE | FTALIAS_CKPT_ABORT;
	EXPECT_EQ(-EINVAL, dp_send_cmsgs(m1, NULL, 0, FTALIAS_CMSG_CHECKPOINT,
					 &ck, sizeof(ck), 0, NULL, 0));
	/* Built on a checkpoint 1 the alias never had. */
	ck.flags = FTALIAS_CKPT_BASE;
	EXPECT_EQ(-ESTALE, dp_send_cmsgs(m1, "a", 1, FTALIAS_CMSG_CHECKPOINT,
					 &ck, sizeof(ck), 0, NULL, 0));
	ck.flags = 0;
	ck.seq = 0;
	/* Not alone: with another control message, with an address. */
	EXPECT_EQ(-EINVAL, dp_send_cmsgs(m1, "a", 1, FTALIAS_CMSG_CHECKPOINT,
					 &ck, sizeof(ck), FTALIAS_CMSG_ID,
					 &id, sizeof(id)));
	EXPECT_EQ(-EINVAL, dp_send_cmsgs(m1, "a", 1, FTALIAS_CMSG_CHECKPOINT,
					 &ck, sizeof(ck), FTALIAS_CMSG_PARENT,
					 &id, sizeof(id)));
	memset(&cb, 0, sizeof(cb));
	mh.msg_controllen = CMSG_SPACE(sizeof(ck));
	cm = CMSG_FIRSTHDR(&mh);
	cm->cmsg_level = SOL_FTALIAS;
	cm->cmsg_type = FTALIAS_CMSG_CHECKPOINT;
	cm->cmsg_len = CMSG_LEN(sizeof(ck));
	mh.msg_name = &sa;
	mh.msg_namelen = sizeof(sa);
	EXPECT_EQ(-1, sendmsg(m1, &mh, 0));
	EXPECT_EQ(EINVAL, errno);
	/* A short control message. */
	mh.msg_name = NULL;
	mh.msg_namelen = 0;
	cm->cmsg_len = CMSG_LEN(sizeof(ck) - 8);
	EXPECT_EQ(-1, sendmsg(m1, &mh, 0));
	EXPECT_EQ(EINVAL, errno);
	/* Larger than a message. */
	iov.iov_len = FTALIAS_MSG_MAX + 1;
	cm->cmsg_len = CMSG_LEN(sizeof(ck));
	iov.iov_base = big;
	EXPECT_EQ(-1, sendmsg(m1, &mh, 0));
	EXPECT_EQ(EMSGSIZE, errno);
	free(big);
	EXPECT_EQ(0U, alias_of(self->nl, s).ckpt_seq);
	EXPECT_EQ(0U, alias_of(self->nl, s).checkpoints);

	/* FTALIAS_CKPT_ABORT drops what was staged: the commit has "b" only. */
	ASSERT_EQ(0, dp_ckpt_chunk(m1, self->buf, 1000, FTALIAS_CKPT_MORE));
	ASSERT_EQ(0, dp_ckpt_chunk(m1, NULL, 0, FTALIAS_CKPT_ABORT));
	ASSERT_EQ(0, dp_ckpt_chunk(m1, "b", 1, 0));
	EXPECT_EQ(1U, alias_of(self->nl, s).ckpt_bytes);

	/* A chunk of a member that is not active any more: its stage goes. */
	ASSERT_EQ(0, dp_ckpt_chunk(m1, self->buf, 1000, FTALIAS_CKPT_MORE));
	ASSERT_EQ(0, dp_member_set(self->nl, s, dp_port(m2),
				   FTALIAS_MEMBER_STATE_ACTIVE, -1));
	EXPECT_EQ(0, dp_is_active(m1));
	EXPECT_EQ(-EBUSY, dp_ckpt_chunk(m1, "c", 1, 0));
	EXPECT_EQ(1U, alias_of(self->nl, s).ckpt_seq);
	/* m2 was given checkpoint 1 ("b") when it became active. */
	ASSERT_EQ(1, read_ckpt(self, m2, s, got, sizeof(got), &seq));
	EXPECT_EQ('b', got[0]);
	EXPECT_EQ(1U, seq);

	/* Demoted and active again: the chunks of its earlier period go. */
	ASSERT_EQ(0, dp_ckpt_chunk(m2, self->buf, 1000, FTALIAS_CKPT_MORE));
	ASSERT_EQ(0, dp_member_set(self->nl, s, dp_port(m1),
				   FTALIAS_MEMBER_STATE_ACTIVE, -1));
	ASSERT_EQ(0, dp_member_set(self->nl, s, dp_port(m2),
				   FTALIAS_MEMBER_STATE_ACTIVE, -1));
	EXPECT_EQ(-EBUSY, dp_ckpt_chunk(m2, "e", 1, 0));
	EXPECT_EQ(1U, alias_of(self->nl, s).ckpt_seq);
	ASSERT_EQ(1, read_ckpt(self, m2, s, got, sizeof(got), &seq));
	ASSERT_EQ(0, dp_ckpt_chunk(m2, "f", 1, 0));
	EXPECT_EQ(2U, alias_of(self->nl, s).ckpt_seq);
	EXPECT_EQ(1U, alias_of(self->nl, s).ckpt_bytes);

	/* The alias gone: EIDRM. */
	ASSERT_EQ(0, dp_ckpt_chunk(m2, self->buf, 1000, FTALIAS_CKPT_MORE));
	EXPECT_EQ(0, dp_alias_del(self->nl, s));
	EXPECT_EQ(-EIDRM, dp_ckpt_chunk(m2, "d", 1, 0));
	close(m1);
	close(m2);
	close(c);
}

/* ckpt_max_bytes: EFBIG, and the chunks staged are dropped. */
TEST_F(ck, too_big)
{
	uint32_t s = new_alias(self->nl);
	int m1 = dp_socket(self->af, s, 10, 0);
	char *st = blob(300000, 4);
	int i, err = 0;

	ASSERT_NE(0U, s);
	ASSERT_EQ(0, read_param(MAX_PARAM, self->saved_max,
				sizeof(self->saved_max)));
	EXPECT_EQ(16UL << 20, strtoul(self->saved_max, NULL, 0));
	ASSERT_EQ(0, dp_write_str(MAX_PARAM, "200000"));
	EXPECT_EQ(-EFBIG, dp_checkpoint(m1, st, 300000, CHUNK));
	EXPECT_EQ(0U, alias_of(self->nl, s).ckpt_seq);
	/* What was staged before the EFBIG is not part of the next one. */
	ASSERT_EQ(0, dp_checkpoint(m1, st, 200000, CHUNK));
	EXPECT_EQ(200000U, alias_of(self->nl, s).ckpt_bytes);
	/* Many small chunks are bounded too (FTALIAS_CKPT_CHUNKS_MAX). */
	for (i = 0; i < 5000 && !err; i++)
		err = dp_ckpt_chunk(m1, st, 1, FTALIAS_CKPT_MORE);
	EXPECT_EQ(-EFBIG, err);
	EXPECT_EQ(4096, i);
	EXPECT_EQ(200000U, alias_of(self->nl, s).ckpt_bytes);
	EXPECT_EQ(1U, alias_of(self->nl, s).ckpt_seq);
	close(m1);
	free(st);
	EXPECT_EQ(0, dp_alias_del(self->nl, s));
}

/* cache_total_bytes counts checkpoints: ENOBUFS over it. */
TEST_F(ck, total_limit)
{
	uint32_t s = new_alias(self->nl);
	int m1 = dp_socket(self->af, s, 10, 0);
	char *st = blob(CHUNK, 5), v[32];
	uint64_t before;

	ASSERT_NE(0U, s);
	ASSERT_EQ(0, read_param(TOTAL_PARAM, self->saved_total,
				sizeof(self->saved_total)));
	before = dp_total_bytes(self->nl);
	snprintf(v, sizeof(v), "%llu", (unsigned long long)before + 4096);
	ASSERT_EQ(0, dp_write_str(TOTAL_PARAM, v));
	EXPECT_EQ(-ENOBUFS, dp_checkpoint(m1, st, CHUNK, CHUNK));
	EXPECT_EQ(0U, alias_of(self->nl, s).ckpt_seq);
	EXPECT_EQ(before, dp_total_bytes(self->nl));
	ASSERT_EQ(0, dp_write_str(TOTAL_PARAM, self->saved_total));
	ASSERT_EQ(0, dp_checkpoint(m1, st, CHUNK, CHUNK));
	EXPECT_LT(before + CHUNK, dp_total_bytes(self->nl));
	/* Deleting the alias gives the bytes back. */
	close(m1);
	EXPECT_EQ(0, dp_alias_del(self->nl, s));
	EXPECT_EQ(before, dp_total_bytes(self->nl));
	free(st);
}

/* A member that dies with chunks staged, and one with its checkpoint
 * unread: nothing is left (kmemleak on the debug kernel).
 */
TEST_F(ck, close_with_stage)
{
	uint32_t s = new_alias(self->nl);
	int m1 = dp_socket(self->af, s, 10, 0);
	int m2 = dp_socket(self->af, s, 5, 0);
	int m3 = dp_socket(self->af, s, 1, 0);
	char *st = blob(CHUNK, 6), *got = malloc(CHUNK);
	uint64_t seq = 0;

	ASSERT_NE(0U, s);
	ASSERT_NE(NULL, got);
	ASSERT_EQ(0, dp_checkpoint(m1, st, CHUNK, 4096));
	ASSERT_EQ(0, dp_ckpt_chunk(m1, st, CHUNK, FTALIAS_CKPT_MORE));
	close(m1);
	/* m2 has the checkpoint queued, unread, and dies too. */
	ASSERT_EQ(1, dp_wait_readable(m2, WAIT_MS));
	close(m2);
	ASSERT_EQ(CHUNK, read_ckpt(self, m3, s, got, CHUNK, &seq));
	EXPECT_EQ(0, memcmp(st, got, CHUNK));
	free(got);
	EXPECT_EQ(2U, alias_of(self->nl, s).ckpt_loads);
	close(m3);
	free(st);
	EXPECT_EQ(0, dp_alias_del(self->nl, s));
}

static int restore(uint16_t fam, const struct dp_saved *s, char *extack,
		   size_t size)
{
	struct dp_rst r;
	int err;

	err = dp_rst_open(&r, fam);
	if (err)
		return err;
	err = dp_restore(&r, s, NULL, 0, 65536);
	snprintf(extack, size, "%s", r.extack);
	close(r.fd);
	return err;
}

static bool alias_gone(struct dp_nl *nl, uint32_t id)
{
	struct dp_alias a;

	return dp_alias_get(nl, id, &a) == -ENOENT;
}

/*
 * Restore sv without its nth record of type (-1: the last one); its
 * errno, -ENOENT if there is no such record.
 */
static int restore_without(uint16_t fam, const struct dp_saved *sv, int type,
			   int nth, char *extack, size_t size)
{
	struct dp_saved bad = { .buf = malloc(sv->len), .len = sv->len };
	long off = -1, o;
	int n = 0, err;

	if (!bad.buf)
		return -ENOMEM;
	memcpy(bad.buf, sv->buf, sv->len);
	if (nth >= 0)
		off = dp_find_rec(&bad, type, nth);
	while (nth < 0 && (o = dp_find_rec(&bad, type, n++)) >= 0)
		off = o;
	err = off < 0 ? -ENOENT : 0;
	if (!err) {
		dp_cut_rec(&bad, off);
		err = restore(fam, &bad, extack, size);
	}
	free(bad.buf);
	return err;
}

/*
 * alias-save carries the checkpoint (a record, then data records), and
 * alias-restore brings it back: the next active member reads it, its
 * sequence goes on.  A file cut short, or over ckpt_max_bytes, restores
 * nothing.
 */
TEST_F(ck, save_restore)
{
	const size_t len = 200 * 1024 + 17;
	uint32_t s = new_alias(self->nl);
	int m1 = dp_socket(self->af, s, 10, 0), m2;
	char *st = blob(len, 7), *got = malloc(len + CHUNK), ext[256];
	struct dp_saved sv;
	struct dp_alias a;
	uint64_t seq = 0;

	ASSERT_NE(0U, s);
	ASSERT_TRUE(st && got);
	ASSERT_EQ(0, dp_checkpoint(m1, "old", 3, CHUNK));
	ASSERT_EQ(0, dp_checkpoint(m1, st, len, CHUNK));
	close(m1);
	ASSERT_EQ(0, dp_save(self->nl->fam, s, &sv));
	EXPECT_LE(0, dp_find_rec(&sv, FTALIAS_A_SAVE_CHECKPOINT, 0));
	EXPECT_EQ(-1, dp_find_rec(&sv, FTALIAS_A_SAVE_CHECKPOINT, 1));
	ASSERT_EQ(0, dp_alias_del(self->nl, s));

	/* Cut short: its last data record missing. */
	EXPECT_EQ(-EINVAL, restore_without(self->nl->fam, &sv,
					   FTALIAS_A_SAVE_DATA, -1, ext,
					   sizeof(ext)));
	TH_LOG("cut short: %s", ext);
	EXPECT_TRUE(alias_gone(self->nl, s));
	/* Its head missing: data records with no record before them. */
	EXPECT_EQ(-EINVAL, restore_without(self->nl->fam, &sv,
					   FTALIAS_A_SAVE_CHECKPOINT, 0, ext,
					   sizeof(ext)));
	EXPECT_TRUE(alias_gone(self->nl, s));
	/* Over ckpt_max_bytes. */
	ASSERT_EQ(0, read_param(MAX_PARAM, self->saved_max,
				sizeof(self->saved_max)));
	ASSERT_EQ(0, dp_write_str(MAX_PARAM, "200000"));
	EXPECT_EQ(-EFBIG, restore(self->nl->fam, &sv, ext, sizeof(ext)));
	EXPECT_TRUE(alias_gone(self->nl, s));
	ASSERT_EQ(0, dp_write_str(MAX_PARAM, self->saved_max));

	ASSERT_EQ(0, restore(self->nl->fam, &sv, ext, sizeof(ext)))
		TH_LOG("%s", ext);
	a = alias_of(self->nl, s);
	EXPECT_EQ(2U, a.ckpt_seq);
	EXPECT_EQ(len, a.ckpt_bytes);
	EXPECT_EQ(2U, a.checkpoints);
	m2 = dp_socket(self->af, s, 5, 0);
	ASSERT_LT(0, m2);
	ASSERT_EQ((ssize_t)len, read_ckpt(self, m2, s, got, len + CHUNK, &seq));
	EXPECT_EQ(2U, seq);
	EXPECT_EQ(0, memcmp(st, got, len));
	ASSERT_EQ(0, dp_checkpoint(m2, "new", 3, CHUNK));
	EXPECT_EQ(3U, alias_of(self->nl, s).ckpt_seq);
	close(m2);
	EXPECT_EQ(0, dp_alias_del(self->nl, s));
	free(sv.buf);
	free(st);
	free(got);
}

/* Sets the u64 attribute @attr of the record at @off to 0, CRC again. */
static void zero_u64(struct dp_saved *s, long off, int attr)
{
	struct nlattr *rec = (void *)(s->buf + off), *a, *crc;
	int rem = rec->nla_len - NLA_HDRLEN;
	uint32_t v;

	a = (void *)((char *)rec + NLA_HDRLEN);
	while (rem >= NLA_HDRLEN) {
		if ((a->nla_type & NLA_TYPE_MASK) == attr)
			memset((char *)a + NLA_HDRLEN, 0, 8);
		rem -= NLA_ALIGN(a->nla_len);
		a = (void *)((char *)a + NLA_ALIGN(a->nla_len));
	}
	crc = (void *)((char *)rec + NLA_ALIGN(rec->nla_len));
	v = dp_crc32(rec, rec->nla_len);
	memcpy((char *)crc + NLA_HDRLEN, &v, 4);
}

/*
 * fuzz_nl seeds 553707757 and 886611746: a restore without CAP_NET_ADMIN
 * got ERANGE from a checkpoint record of seq 0 (a policy range), before
 * its EPERM.  The privilege comes first; seq 0 is EINVAL for root.
 */
TEST_F(ck, restore_seq0_unprivileged)
{
	uint32_t s = new_alias(self->nl);
	int m1 = dp_socket(self->af, s, 10, 0), st;
	char ext[256];
	struct dp_saved sv;
	pid_t pid;
	long off;

	ASSERT_NE(0U, s);
	ASSERT_EQ(0, dp_ckpt_chunk(m1, "x", 1, 0));
	close(m1);
	ASSERT_EQ(0, dp_save(self->nl->fam, s, &sv));
	ASSERT_EQ(0, dp_alias_del(self->nl, s));
	off = dp_find_rec(&sv, FTALIAS_A_SAVE_CHECKPOINT, 0);
	ASSERT_LT(0, off);
	zero_u64(&sv, off, FTALIAS_A_SAVE_CHECKPOINT_SEQ);
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		if (setgid(65534) || setuid(65534))
			_exit(10);
		_exit(restore(self->nl->fam, &sv, ext, sizeof(ext)) == -EPERM ?
		      0 : 11);
	}
	ASSERT_EQ(pid, waitpid(pid, &st, 0));
	EXPECT_TRUE(WIFEXITED(st) && !WEXITSTATUS(st)) TH_LOG("status %#x", st);
	EXPECT_EQ(-EINVAL, restore(self->nl->fam, &sv, ext, sizeof(ext)));
	EXPECT_STREQ("checkpoint seq 0", ext);
	EXPECT_TRUE(alias_gone(self->nl, s));
	free(sv.buf);
}

/* An empty checkpoint is one empty message, restored too. */
TEST_F(ck, empty_saved)
{
	uint32_t s = new_alias(self->nl);
	int m1 = dp_socket(self->af, s, 10, 0), m2;
	struct dp_saved sv;
	uint64_t seq = 0;
	char got[16], ext[256];

	ASSERT_NE(0U, s);
	ASSERT_EQ(0, dp_ckpt_chunk(m1, NULL, 0, 0));
	close(m1);
	ASSERT_EQ(0, dp_save(self->nl->fam, s, &sv));
	ASSERT_EQ(0, dp_alias_del(self->nl, s));
	ASSERT_EQ(0, restore(self->nl->fam, &sv, ext, sizeof(ext)))
		TH_LOG("%s", ext);
	EXPECT_EQ(1U, alias_of(self->nl, s).ckpt_seq);
	m2 = dp_socket(self->af, s, 5, 0);
	ASSERT_EQ(0, read_ckpt(self, m2, s, got, sizeof(got), &seq));
	EXPECT_EQ(1U, seq);
	EXPECT_TRUE(dp_nothing_queued(m2));
	close(m2);
	free(sv.buf);
	EXPECT_EQ(0, dp_alias_del(self->nl, s));
}

/* A save of an alias waits for no member: a commit after it goes on. */
TEST_F(ck, save_thaws)
{
	uint32_t s = new_alias(self->nl);
	int m1 = dp_socket(self->af, s, 10, 0);
	struct ftalias_ckpt ck = {};
	struct dp_saved sv;
	struct iovec iov = { "next", 4 };
	union {
		char b[CMSG_SPACE(sizeof(ck))];
		struct cmsghdr align;
	} cb = {};
	struct msghdr mh = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = cb.b, .msg_controllen = sizeof(cb.b),
	};
	struct cmsghdr *cm = CMSG_FIRSTHDR(&mh);

	ASSERT_NE(0U, s);
	ASSERT_EQ(0, dp_ckpt_chunk(m1, "state", 5, 0));
	ASSERT_EQ(0, dp_save(self->nl->fam, s, &sv));
	free(sv.buf);
	cm->cmsg_level = SOL_FTALIAS;
	cm->cmsg_type = FTALIAS_CMSG_CHECKPOINT;
	cm->cmsg_len = CMSG_LEN(sizeof(ck));
	memcpy(CMSG_DATA(cm), &ck, sizeof(ck));
	EXPECT_EQ(4, sendmsg(m1, &mh, MSG_DONTWAIT));
	EXPECT_EQ(2U, alias_of(self->nl, s).ckpt_seq);
	close(m1);
	EXPECT_EQ(0, dp_alias_del(self->nl, s));
}

/* ---- the input log (input-log on) ------------------------------------- */

#define LOG_PARAM	"/sys/module/ftalias/parameters/log_max_inputs"

static uint32_t new_logged_alias(struct dp_nl *nl)
{
	uint32_t s = new_alias(nl);

	if (s && dp_alias_set(nl, s, FTALIAS_A_ALIAS_INPUT_LOG, 1, 1))
		return 0;
	return s;
}

/* Read request s from fd and answer it with r (NULL: no answer). */
static bool serve_one(FIXTURE_DATA(ck) *self, int fd, const char *s,
		      const char *r, struct ftalias_id *id)
{
	struct ftalias_id got;

	if (!got_request(self, fd, s, &got))
		return false;
	if (id)
		*id = got;
	return !r || !dp_send_reply(fd, &got, r, strlen(r), 0);
}

/* The client's next message is the reply r to id. */
static bool got_reply(FIXTURE_DATA(ck) *self, int fd, const char *r,
		      const struct ftalias_id *id)
{
	struct dp_msg m;
	ssize_t n = dp_recv_wait(fd, self->buf, sizeof(self->buf), &m,
				 WAIT_MS);

	return n == (ssize_t)strlen(r) && m.has_reply_to &&
	       dp_id_eq(&m.reply_to, id) && !memcmp(self->buf, r, n);
}

/*
 * The backup reads the checkpoint, then the inputs its predecessor read
 * after it, in order, flagged FTALIAS_F_REPLAY (one of them answered, one
 * not), then the request it never read.  Its reply to the answered one is
 * dropped; the others reach the client, once.
 */
TEST_F(ck, input_log_replay)
{
	uint32_t s = new_logged_alias(self->nl);
	int c = dp_socket(self->af, 0, -1, 0);
	int m1 = dp_socket(self->af, s, 10, 0);
	int m2 = dp_socket(self->af, s, 5, 0);
	struct ftalias_id id[6], got;
	const char *req[] = { "r0", "r1", "r2", "r3", "r4" };
	struct dp_alias a;
	uint64_t seq = 0;
	char st[8];
	int i;

	ASSERT_NE(0U, s);
	for (i = 0; i < 5; i++)
		ASSERT_EQ(0, dp_send_req(c, self->af, s, req[i], 2, &id[i], 0));
	/* r0, r1 answered and checkpointed; r2 answered; r3 read only. */
	ASSERT_TRUE(serve_one(self, m1, "r0", "a0", NULL));
	ASSERT_TRUE(serve_one(self, m1, "r1", "a1", NULL));
	ASSERT_EQ(0, dp_checkpoint(m1, "S2", 2, CHUNK));
	ASSERT_TRUE(serve_one(self, m1, "r2", "a2", NULL));
	ASSERT_TRUE(serve_one(self, m1, "r3", NULL, NULL));
	a = alias_of(self->nl, s);
	EXPECT_TRUE(a.input_log);
	EXPECT_TRUE(a.has_log);
	EXPECT_EQ(4U, a.inputs_logged);
	EXPECT_EQ(2U, a.log_inputs);
	EXPECT_GT(a.log_bytes, 4U);
	EXPECT_EQ(2U, a.ckpt_input);
	EXPECT_TRUE(got_reply(self, c, "a0", &id[0]));
	EXPECT_TRUE(got_reply(self, c, "a1", &id[1]));
	EXPECT_TRUE(got_reply(self, c, "a2", &id[2]));

	close(m1);
	ASSERT_EQ(2, read_ckpt(self, m2, s, st, sizeof(st), &seq));
	EXPECT_EQ(0, memcmp(st, "S2", 2));
	ASSERT_TRUE(serve_one(self, m2, "r2", "A2", &got));
	EXPECT_EQ((uint32_t)FTALIAS_F_REPLAY, self->flags);
	EXPECT_TRUE(dp_id_eq(&got, &id[2]));
	ASSERT_TRUE(serve_one(self, m2, "r3", "A3", &got));
	EXPECT_EQ((uint32_t)FTALIAS_F_REPLAY, self->flags);
	EXPECT_TRUE(dp_id_eq(&got, &id[3]));
	/* Then live: r4, never read, not redelivered. */
	ASSERT_TRUE(serve_one(self, m2, "r4", "A4", &got));
	EXPECT_EQ(0U, self->flags);
	EXPECT_TRUE(dp_nothing_queued(m2));
	/* A2 dropped; A3 and A4 reach the client, once. */
	EXPECT_TRUE(got_reply(self, c, "A3", &id[3]));
	EXPECT_TRUE(got_reply(self, c, "A4", &id[4]));
	EXPECT_TRUE(dp_nothing_queued(c));
	a = alias_of(self->nl, s);
	EXPECT_EQ(2U, a.inputs_replayed);
	EXPECT_EQ(1U, a.replay_suppressed);
	/* r4 was in m1's queue; r3, logged, is replayed, not redelivered. */
	EXPECT_EQ(1U, a.redelivered);
	EXPECT_EQ(0U, a.pending);
	/* r4 too is in the log now; a reply to an unknown ID is still one. */
	EXPECT_EQ(3U, a.log_inputs);
	id[5] = id[4];
	id[5].xid += 1000;
	EXPECT_EQ(-ENOENT, dp_send_reply(m2, &id[5], "x", 1, 0));
	EXPECT_EQ(1U, alias_of(self->nl, s).replay_suppressed);

	/* A checkpoint covers what m2 read: the log empties. */
	ASSERT_EQ(0, dp_checkpoint(m2, "S5", 2, CHUNK));
	a = alias_of(self->nl, s);
	EXPECT_EQ(0U, a.log_inputs);
	EXPECT_EQ(0U, a.log_bytes);
	EXPECT_EQ(5U, a.ckpt_input);
	close(m2);
	close(c);
	EXPECT_EQ(0, dp_alias_del(self->nl, s));
}

/*
 * Without a checkpoint, a new member reads every input; a member that dies
 * while reading the replay leaves it whole to the next.  The log's bytes
 * count against cache_total_bytes and come back with it.
 */
TEST_F(ck, input_log_no_checkpoint)
{
	uint64_t before = dp_total_bytes(self->nl);
	uint32_t s = new_logged_alias(self->nl);
	int c = dp_socket(self->af, 0, -1, 0);
	int m1 = dp_socket(self->af, s, 10, 0);
	int m2 = dp_socket(self->af, s, 5, 0);
	int m3 = dp_socket(self->af, s, 1, 0);
	struct ftalias_id id[2];

	ASSERT_NE(0U, s);
	ASSERT_EQ(0, dp_send_req(c, self->af, s, "x0", 2, &id[0], 0));
	ASSERT_EQ(0, dp_send_req(c, self->af, s, "x1", 2, &id[1], 0));
	ASSERT_TRUE(serve_one(self, m1, "x0", "a0", NULL));
	ASSERT_TRUE(serve_one(self, m1, "x1", "a1", NULL));
	EXPECT_GT(dp_total_bytes(self->nl), before);
	close(m1);
	ASSERT_TRUE(serve_one(self, m2, "x0", NULL, NULL));
	EXPECT_EQ((uint32_t)FTALIAS_F_REPLAY, self->flags);
	close(m2);
	ASSERT_TRUE(serve_one(self, m3, "x0", "b0", NULL));
	EXPECT_EQ((uint32_t)FTALIAS_F_REPLAY, self->flags);
	ASSERT_TRUE(serve_one(self, m3, "x1", "b1", NULL));
	EXPECT_EQ((uint32_t)FTALIAS_F_REPLAY, self->flags);
	EXPECT_TRUE(dp_nothing_queued(m3));
	EXPECT_TRUE(got_reply(self, c, "a0", &id[0]));
	EXPECT_TRUE(got_reply(self, c, "a1", &id[1]));
	EXPECT_TRUE(dp_nothing_queued(c));
	EXPECT_EQ(4U, alias_of(self->nl, s).inputs_replayed);
	EXPECT_EQ(2U, alias_of(self->nl, s).replay_suppressed);
	EXPECT_EQ(0U, alias_of(self->nl, s).ckpt_loads);

	/* input-log off drops the log. */
	ASSERT_EQ(0, dp_alias_set(self->nl, s, FTALIAS_A_ALIAS_INPUT_LOG, 0, 1));
	EXPECT_FALSE(alias_of(self->nl, s).has_log);
	EXPECT_EQ(before, dp_total_bytes(self->nl));
	close(m3);
	close(c);
	EXPECT_EQ(0, dp_alias_del(self->nl, s));
	EXPECT_EQ(before, dp_total_bytes(self->nl));
}

/*
 * A request a member read and then took back by a demotion stays with it
 * (it may answer); the new active member replays it too: the first reply
 * wins, the second is dropped.  Its checkpoint, not the demoted one's.
 */
TEST_F(ck, input_log_demoted)
{
	uint32_t s = new_logged_alias(self->nl);
	int c = dp_socket(self->af, 0, -1, 0);
	int m1 = dp_socket(self->af, s, 10, 0);
	int m2 = dp_socket(self->af, s, 5, 0);
	struct ftalias_id id, got;

	ASSERT_NE(0U, s);
	ASSERT_EQ(0, dp_send_req(c, self->af, s, "d0", 2, &id, 0));
	ASSERT_TRUE(serve_one(self, m1, "d0", NULL, &got));
	ASSERT_EQ(0, dp_member_set(self->nl, s, dp_port(m2),
				   FTALIAS_MEMBER_STATE_ACTIVE, -1));
	ASSERT_TRUE(serve_one(self, m2, "d0", NULL, NULL));
	EXPECT_EQ((uint32_t)FTALIAS_F_REPLAY, self->flags);
	EXPECT_EQ(0, dp_send_reply(m1, &got, "old", 3, 0));
	EXPECT_EQ(0, dp_send_reply(m2, &got, "new", 3, 0));
	EXPECT_TRUE(got_reply(self, c, "old", &id));
	EXPECT_TRUE(dp_nothing_queued(c));
	EXPECT_EQ(1U, alias_of(self->nl, s).replay_suppressed);
	EXPECT_EQ(-EBUSY, dp_checkpoint(m1, "S", 1, CHUNK));
	EXPECT_EQ(0, dp_checkpoint(m2, "S", 1, CHUNK));
	EXPECT_EQ(0U, alias_of(self->nl, s).log_inputs);
	close(m1);
	close(m2);
	close(c);
	EXPECT_EQ(0, dp_alias_del(self->nl, s));
}

/*
 * log_max_inputs: the request past it is not read (ENOBUFS) and stays
 * first in the queue until a checkpoint frees the log.
 */
TEST_F(ck, input_log_full)
{
	uint32_t s = new_logged_alias(self->nl);
	int c = dp_socket(self->af, 0, -1, 0);
	int m1 = dp_socket(self->af, s, 10, 0);
	char saved[32];
	struct dp_msg m;

	ASSERT_NE(0U, s);
	ASSERT_EQ(0, read_param(LOG_PARAM, saved, sizeof(saved)));
	ASSERT_EQ(0, dp_write_str(LOG_PARAM, "2"));
	ASSERT_EQ(0, dp_send_req(c, self->af, s, "f0", 2, NULL, 0));
	ASSERT_EQ(0, dp_send_req(c, self->af, s, "f1", 2, NULL, 0));
	ASSERT_EQ(0, dp_send_req(c, self->af, s, "f2", 2, NULL, 0));
	EXPECT_TRUE(serve_one(self, m1, "f0", "a", NULL));
	EXPECT_TRUE(serve_one(self, m1, "f1", "a", NULL));
	EXPECT_EQ(-ENOBUFS, (int)dp_recv(m1, self->buf, sizeof(self->buf),
					 &m, MSG_DONTWAIT));
	EXPECT_EQ(2U, alias_of(self->nl, s).log_inputs);
	EXPECT_EQ(0, dp_checkpoint(m1, "S", 1, CHUNK));
	EXPECT_TRUE(serve_one(self, m1, "f2", "a", NULL));
	EXPECT_EQ(1U, alias_of(self->nl, s).log_inputs);
	EXPECT_EQ(0, dp_write_str(LOG_PARAM, saved));
	close(m1);
	close(c);
	EXPECT_EQ(0, dp_alias_del(self->nl, s));
}

/*
 * alias-save carries the log's inputs after the checkpoint (records, then
 * data records for a large one); alias-restore brings them back, and the
 * next active member reads the checkpoint, then the inputs, in order.  An
 * input cut short restores nothing.
 */
TEST_F(ck, input_log_save_restore)
{
	uint32_t s = new_logged_alias(self->nl);
	int c = dp_socket(self->af, 0, -1, 0);
	int m1 = dp_socket(self->af, s, 10, 0), m2;
	char big[5001], st[8], ext[256];
	struct ftalias_id id;
	struct dp_saved sv;
	struct dp_alias a;
	uint64_t seq = 0;

	ASSERT_NE(0U, s);
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = 0;
	ASSERT_EQ(0, dp_send_req(c, self->af, s, "q0", 2, NULL, 0));
	ASSERT_EQ(0, dp_send_req(c, self->af, s, "q1", 2, NULL, 0));
	ASSERT_EQ(0, dp_send_req(c, self->af, s, big, 5000, NULL, 0));
	ASSERT_TRUE(serve_one(self, m1, "q0", "a0", NULL));
	ASSERT_EQ(0, dp_checkpoint(m1, "S1", 2, CHUNK));
	ASSERT_TRUE(serve_one(self, m1, "q1", "a1", NULL));
	ASSERT_TRUE(serve_one(self, m1, big, NULL, NULL));
	close(m1);
	ASSERT_EQ(0, dp_save(self->nl->fam, s, &sv));
	EXPECT_LE(0, dp_find_rec(&sv, FTALIAS_A_SAVE_INPUT, 1));
	EXPECT_EQ(-1, dp_find_rec(&sv, FTALIAS_A_SAVE_INPUT, 2));
	EXPECT_LE(0, dp_find_rec(&sv, FTALIAS_A_SAVE_DATA, 0));
	ASSERT_EQ(0, dp_alias_del(self->nl, s));

	/* The large input's last data record missing. */
	EXPECT_EQ(-EINVAL, restore_without(self->nl->fam, &sv,
					   FTALIAS_A_SAVE_DATA, -1, ext,
					   sizeof(ext)));
	TH_LOG("cut short: %s", ext);
	EXPECT_TRUE(alias_gone(self->nl, s));
	/* An input missing: the trailer does not add up. */
	EXPECT_EQ(-EINVAL, restore_without(self->nl->fam, &sv,
					   FTALIAS_A_SAVE_INPUT, 0, ext,
					   sizeof(ext)));
	EXPECT_TRUE(alias_gone(self->nl, s));

	ASSERT_EQ(0, restore(self->nl->fam, &sv, ext, sizeof(ext)))
		TH_LOG("%s", ext);
	a = alias_of(self->nl, s);
	EXPECT_TRUE(a.input_log);
	EXPECT_EQ(2U, a.log_inputs);
	EXPECT_EQ(1U, a.ckpt_input);
	m2 = dp_socket(self->af, s, 5, 0);
	ASSERT_LT(0, m2);
	ASSERT_EQ(2, read_ckpt(self, m2, s, st, sizeof(st), &seq));
	EXPECT_EQ(0, memcmp(st, "S1", 2));
	ASSERT_TRUE(serve_one(self, m2, "q1", "b1", NULL));
	EXPECT_EQ((uint32_t)FTALIAS_F_REPLAY, self->flags);
	ASSERT_TRUE(serve_one(self, m2, big, "b2", &id));
	EXPECT_EQ((uint32_t)FTALIAS_F_REPLAY, self->flags);
	EXPECT_TRUE(dp_nothing_queued(m2));
	a = alias_of(self->nl, s);
	EXPECT_EQ(2U, a.replay_suppressed);
	EXPECT_EQ(2U, a.inputs_replayed);
	/*
	 * q2 was pending at the save, but its requester, a socket, cannot
	 * send it again: not kept.  A checkpoint frees both.
	 */
	ASSERT_EQ(0, dp_checkpoint(m2, "S3", 2, CHUNK));
	EXPECT_EQ(0U, alias_of(self->nl, s).log_inputs);
	close(m2);
	close(c);
	EXPECT_EQ(0, dp_alias_del(self->nl, s));
	free(sv.buf);
}

/*
 * An input pending at the save, of a requester alias saved too: after both
 * are restored, the requester sends the request again; it is the input's.
 * The member's reply to its replay answers it, whether the reply came
 * first (kept with the input) or the request did (linked to the input,
 * not delivered again): once, and never executed twice.
 */
static void pending_case(FIXTURE_DATA(ck) *self,
			 struct __test_metadata *_metadata, bool reply_first)
{
	uint32_t s = new_logged_alias(self->nl), r = new_alias(self->nl);
	int m1 = dp_socket(self->af, s, 10, 0);
	int r1 = dp_socket(self->af, r, 10, 0), m2, r2;
	struct dp_saved ss, rs;
	struct ftalias_id id, got;
	char ext[256];
	struct dp_msg m;
	ssize_t n;

	ASSERT_NE(0U, s);
	ASSERT_NE(0U, r);
	ASSERT_EQ(0, dp_send_req(r1, self->af, s, "p", 1, &id, 0));
	ASSERT_TRUE(serve_one(self, m1, "p", NULL, NULL));
	ASSERT_EQ(1U, alias_of(self->nl, s).log_inputs);
	ASSERT_EQ(0, dp_save(self->nl->fam, s, &ss));
	ASSERT_EQ(0, dp_save(self->nl->fam, r, &rs));
	close(m1);
	close(r1);
	ASSERT_EQ(0, dp_alias_del(self->nl, r));
	ASSERT_EQ(0, dp_alias_del(self->nl, s));
	ASSERT_EQ(0, restore(self->nl->fam, &ss, ext, sizeof(ext)))
		TH_LOG("%s", ext);
	ASSERT_EQ(0, restore(self->nl->fam, &rs, ext, sizeof(ext)))
		TH_LOG("%s", ext);

	if (reply_first) {
		m2 = dp_socket(self->af, s, 5, 0);
		ASSERT_TRUE(serve_one(self, m2, "p", "P", &got));
		EXPECT_EQ((uint32_t)FTALIAS_F_REPLAY, self->flags);
		EXPECT_TRUE(dp_id_eq(&got, &id));
		/* Kept: no request yet. */
		EXPECT_EQ(1U, alias_of(self->nl, s).replay_suppressed);
		r2 = dp_socket(self->af, r, 5, 0);
	} else {
		r2 = dp_socket(self->af, r, 5, 0);
		/* The request is held for want of a member. */
		ASSERT_TRUE(dp_wait_readable(r2, 500) == 0);
		m2 = dp_socket(self->af, s, 5, 0);
		ASSERT_TRUE(serve_one(self, m2, "p", "P", &got));
		EXPECT_EQ((uint32_t)FTALIAS_F_REPLAY, self->flags);
		EXPECT_EQ(0U, alias_of(self->nl, s).replay_suppressed);
	}
	n = dp_recv_wait(r2, self->buf, sizeof(self->buf), &m, WAIT_MS);
	EXPECT_EQ(1, n);
	EXPECT_TRUE(m.has_reply_to && dp_id_eq(&m.reply_to, &id));
	EXPECT_EQ('P', self->buf[0]);
	/* Executed once: nothing more for the member, nor the requester. */
	EXPECT_TRUE(dp_nothing_queued(m2));
	EXPECT_TRUE(dp_nothing_queued(r2));
	EXPECT_EQ(0U, alias_of(self->nl, s).pending);
	close(m2);
	close(r2);
	EXPECT_EQ(0, dp_alias_del(self->nl, r));
	EXPECT_EQ(0, dp_alias_del(self->nl, s));
	free(ss.buf);
	free(rs.buf);
}

TEST_F(ck, input_log_restored_pending_reply_first)
{
	pending_case(self, _metadata, true);
}

TEST_F(ck, input_log_restored_pending_request_first)
{
	pending_case(self, _metadata, false);
}

/*
 * The requests a member sends while it serves logged inputs are outputs:
 * a member replaying those inputs sends them again under the same IDs.
 * n0's answer was read by the member that died: sent again, the
 * destination's cache answers it.  n1's answer came but was not read:
 * kept, given at the re-issue, not sent.  n2 is still pending: not sent,
 * its answer comes once.  A new request gets a new ID; a checkpoint
 * frees the outputs its member issued; a request other than the one
 * logged at its place (other bytes of the same length) ends the re-issue.
 */
TEST_F(ck, input_log_outputs)
{
	uint32_t s = new_logged_alias(self->nl);
	uint32_t d = new_alias(self->nl);
	int c = dp_socket(self->af, 0, -1, 0);
	int m1 = dp_socket(self->af, s, 10, 0);
	int m2 = dp_socket(self->af, s, 5, 0);
	int m3 = dp_socket(self->af, s, 1, 0);
	int d1 = dp_socket(self->af, d, 10, 0);
	struct ftalias_id id[3], o[6], got, n2;
	struct dp_alias a;
	uint64_t seq = 0;
	char st[8];

	ASSERT_NE(0U, s);
	ASSERT_NE(0U, d);
	ASSERT_EQ(0, dp_alias_set(self->nl, d, FTALIAS_A_ALIAS_RECORD_REPLIES,
				  1, 1));
	ASSERT_EQ(0, dp_send_req(c, self->af, s, "r0", 2, &id[0], 0));
	ASSERT_EQ(0, dp_send_req(c, self->af, s, "r1", 2, &id[1], 0));
	/* r0: n0, answered and read; r0 answered. */
	ASSERT_TRUE(serve_one(self, m1, "r0", NULL, NULL));
	ASSERT_TRUE(serve_one(self, m1, "r1", NULL, NULL));
	ASSERT_EQ(0, dp_send_req(m1, self->af, d, "n0", 2, &o[0], 0));
	ASSERT_TRUE(serve_one(self, d1, "n0", "D0", NULL));
	ASSERT_TRUE(got_reply(self, m1, "D0", &o[0]));
	ASSERT_EQ(0, dp_send_reply(m1, &id[0], "a0", 2, 0));
	/* r1: n1 answered, the answer not read; n2 pending. */
	ASSERT_EQ(0, dp_send_req(m1, self->af, d, "n1", 2, &o[1], 0));
	ASSERT_TRUE(serve_one(self, d1, "n1", "D1", NULL));
	ASSERT_EQ(0, dp_send_req(m1, self->af, d, "n2", 2, &o[2], 0));
	ASSERT_TRUE(serve_one(self, d1, "n2", NULL, &n2));
	EXPECT_TRUE(dp_id_eq(&n2, &o[2]));
	a = alias_of(self->nl, s);
	EXPECT_EQ(3U, a.log_outputs);
	EXPECT_EQ(0U, a.requests_reissued);
	EXPECT_TRUE(got_reply(self, c, "a0", &id[0]));

	close(m1);
	ASSERT_TRUE(serve_one(self, m2, "r0", NULL, NULL));
	EXPECT_EQ((uint32_t)FTALIAS_F_REPLAY, self->flags);
	ASSERT_TRUE(serve_one(self, m2, "r1", NULL, NULL));
	EXPECT_EQ((uint32_t)FTALIAS_F_REPLAY, self->flags);
	/* D1, kept for the re-issue, is not given before it. */
	EXPECT_TRUE(dp_nothing_queued(m2));
	ASSERT_EQ(0, dp_send_req(m2, self->af, d, "n0", 2, &got, 0));
	EXPECT_TRUE(dp_id_eq(&got, &o[0]));
	EXPECT_TRUE(got_reply(self, m2, "D0", &o[0]));
	ASSERT_EQ(0, dp_send_reply(m2, &id[0], "A0", 2, 0));
	ASSERT_EQ(0, dp_send_req(m2, self->af, d, "n1", 2, &got, 0));
	EXPECT_TRUE(dp_id_eq(&got, &o[1]));
	EXPECT_TRUE(got_reply(self, m2, "D1", &o[1]));
	ASSERT_EQ(0, dp_send_req(m2, self->af, d, "n2", 2, &got, 0));
	EXPECT_TRUE(dp_id_eq(&got, &o[2]));
	EXPECT_TRUE(dp_nothing_queued(m2));
	/* The destination's member saw each once; n0 came from its cache. */
	EXPECT_TRUE(dp_nothing_queued(d1));
	EXPECT_EQ(1U, alias_of(self->nl, d).cache.hits_auto);
	EXPECT_EQ(0, dp_send_reply(d1, &n2, "D2", 2, 0));
	EXPECT_TRUE(got_reply(self, m2, "D2", &o[2]));
	EXPECT_TRUE(dp_nothing_queued(m2));
	/* Past the log: a new ID, sent as new. */
	ASSERT_EQ(0, dp_send_req(m2, self->af, d, "n3", 2, &o[3], 0));
	EXPECT_GT(o[3].xid, o[2].xid);
	ASSERT_TRUE(serve_one(self, d1, "n3", "D3", NULL));
	EXPECT_EQ(0U, self->flags);
	EXPECT_TRUE(got_reply(self, m2, "D3", &o[3]));
	ASSERT_EQ(0, dp_send_reply(m2, &id[1], "A1", 2, 0));
	EXPECT_TRUE(got_reply(self, c, "A1", &id[1]));
	EXPECT_TRUE(dp_nothing_queued(c));
	a = alias_of(self->nl, s);
	EXPECT_EQ(3U, a.requests_reissued);
	EXPECT_EQ(4U, a.log_outputs);
	EXPECT_EQ(1U, a.replay_suppressed);

	/* A checkpoint frees them; r2's output is logged after it. */
	ASSERT_EQ(0, dp_checkpoint(m2, "S2", 2, CHUNK));
	EXPECT_EQ(0U, alias_of(self->nl, s).log_outputs);
	ASSERT_EQ(0, dp_send_req(c, self->af, s, "r2", 2, &id[2], 0));
	ASSERT_TRUE(serve_one(self, m2, "r2", NULL, NULL));
	ASSERT_EQ(0, dp_send_req(m2, self->af, d, "n4", 2, &o[4], 0));
	ASSERT_TRUE(serve_one(self, d1, "n4", "D4", NULL));
	EXPECT_EQ(1U, alias_of(self->nl, s).log_outputs);

	/* m3 replays r2 but sends other bytes (of n4's length): a new ID. */
	close(m2);
	ASSERT_EQ(2, read_ckpt(self, m3, s, st, sizeof(st), &seq));
	ASSERT_TRUE(serve_one(self, m3, "r2", NULL, NULL));
	EXPECT_EQ((uint32_t)FTALIAS_F_REPLAY, self->flags);
	EXPECT_TRUE(dp_nothing_queued(m3));
	ASSERT_EQ(0, dp_send_req(m3, self->af, d, "nX", 2, &o[5], 0));
	EXPECT_GT(o[5].xid, o[4].xid);
	/* n4's answer, kept no more, is the member's as before. */
	EXPECT_TRUE(got_reply(self, m3, "D4", &o[4]));
	ASSERT_TRUE(serve_one(self, d1, "nX", "D5", NULL));
	EXPECT_EQ(0U, self->flags);
	EXPECT_TRUE(got_reply(self, m3, "D5", &o[5]));
	a = alias_of(self->nl, s);
	EXPECT_EQ(3U, a.requests_reissued);
	EXPECT_EQ(1U, a.log_outputs);
	/* input-log off forgets them. */
	ASSERT_EQ(0, dp_alias_set(self->nl, s, FTALIAS_A_ALIAS_INPUT_LOG, 0, 1));
	EXPECT_FALSE(alias_of(self->nl, s).has_log);
	close(m3);
	close(d1);
	close(c);
	EXPECT_EQ(0, dp_alias_del(self->nl, s));
	EXPECT_EQ(0, dp_alias_del(self->nl, d));
}

/*
 * alias-save carries the outputs (moved: the destination's cache keeps
 * the entries of the alias's requests), and the answer kept for one as a
 * held reply: after the restore, the replaying member's n0 is answered
 * by the destination's cache under its ID, n1 by the kept answer, and the
 * destination's member sees neither again.  An output record missing
 * restores nothing; save -> restore -> save gives the same outputs.
 */
TEST_F(ck, input_log_outputs_save_restore)
{
	uint32_t s = new_logged_alias(self->nl);
	uint32_t d = new_alias(self->nl);
	int c = dp_socket(self->af, 0, -1, 0);
	int m1 = dp_socket(self->af, s, 10, 0);
	int d1 = dp_socket(self->af, d, 10, 0), m2;
	struct ftalias_id o[2], got;
	struct dp_saved sv, sv2;
	struct dp_part mv;
	struct dp_alias a;
	char ext[256];
	long at, at2, n;

	ASSERT_NE(0U, s);
	ASSERT_NE(0U, d);
	ASSERT_EQ(0, dp_alias_set(self->nl, d, FTALIAS_A_ALIAS_RECORD_REPLIES,
				  1, 1));
	/* D1 is held from m1's close to m2's join: no expiry meanwhile. */
	ASSERT_EQ(0, dp_alias_set(self->nl, s, FTALIAS_A_ALIAS_GRACE_MS,
				  60000, 4));
	ASSERT_EQ(0, dp_send_req(c, self->af, s, "r0", 2, NULL, 0));
	ASSERT_TRUE(serve_one(self, m1, "r0", NULL, NULL));
	ASSERT_EQ(0, dp_send_req(m1, self->af, d, "n0", 2, &o[0], 0));
	ASSERT_TRUE(serve_one(self, d1, "n0", "D0", NULL));
	ASSERT_TRUE(got_reply(self, m1, "D0", &o[0]));
	ASSERT_EQ(0, dp_send_req(m1, self->af, d, "n1", 2, &o[1], 0));
	ASSERT_TRUE(serve_one(self, d1, "n1", "D1", NULL));
	close(m1);
	EXPECT_EQ(2U, alias_of(self->nl, s).log_outputs);

	ASSERT_EQ(0, dp_save_move(&mv, self->nl->fam, s, &sv));
	EXPECT_LE(0, dp_find_rec(&sv, FTALIAS_A_SAVE_OUTPUT, 1));
	EXPECT_EQ(-1, dp_find_rec(&sv, FTALIAS_A_SAVE_OUTPUT, 2));
	EXPECT_LE(0, dp_find_rec(&sv, FTALIAS_A_SAVE_HELD, 0));
	ASSERT_EQ(0, dp_alias_del(self->nl, s));
	dp_part_close(&mv);

	/* An output missing: the trailer does not add up. */
	EXPECT_EQ(-EINVAL, restore_without(self->nl->fam, &sv,
					   FTALIAS_A_SAVE_OUTPUT, 0, ext,
					   sizeof(ext)));
	TH_LOG("output missing: %s", ext);
	EXPECT_TRUE(alias_gone(self->nl, s));
	ASSERT_EQ(0, restore(self->nl->fam, &sv, ext, sizeof(ext)))
		TH_LOG("%s", ext);
	EXPECT_EQ(2U, alias_of(self->nl, s).log_outputs);
	/* The same outputs when saved again. */
	ASSERT_EQ(0, dp_save(self->nl->fam, s, &sv2));
	at = dp_find_rec(&sv, FTALIAS_A_SAVE_OUTPUT, 0);
	at2 = dp_find_rec(&sv2, FTALIAS_A_SAVE_OUTPUT, 0);
	n = dp_find_rec(&sv, FTALIAS_A_SAVE_TRAILER, 0) - at;
	ASSERT_LE(0, at2);
	EXPECT_EQ(n, dp_find_rec(&sv2, FTALIAS_A_SAVE_TRAILER, 0) - at2);
	EXPECT_EQ(0, memcmp((char *)sv2.buf + at2, (char *)sv.buf + at, n));

	m2 = dp_socket(self->af, s, 5, 0);
	ASSERT_LT(0, m2);
	ASSERT_TRUE(serve_one(self, m2, "r0", NULL, NULL));
	EXPECT_EQ((uint32_t)FTALIAS_F_REPLAY, self->flags);
	EXPECT_TRUE(dp_nothing_queued(m2));
	ASSERT_EQ(0, dp_send_req(m2, self->af, d, "n0", 2, &got, 0));
	EXPECT_TRUE(dp_id_eq(&got, &o[0]));
	EXPECT_TRUE(got_reply(self, m2, "D0", &o[0]));
	ASSERT_EQ(0, dp_send_req(m2, self->af, d, "n1", 2, &got, 0));
	EXPECT_TRUE(dp_id_eq(&got, &o[1]));
	EXPECT_TRUE(got_reply(self, m2, "D1", &o[1]));
	EXPECT_TRUE(dp_nothing_queued(m2));
	EXPECT_TRUE(dp_nothing_queued(d1));
	a = alias_of(self->nl, d);
	EXPECT_EQ(1U, a.cache.hits_auto);
	EXPECT_EQ(2U, alias_of(self->nl, s).requests_reissued);
	close(m2);
	close(d1);
	close(c);
	EXPECT_EQ(0, dp_alias_del(self->nl, s));
	EXPECT_EQ(0, dp_alias_del(self->nl, d));
	free(sv.buf);
	free(sv2.buf);
}

/*
 * An answer kept for a re-issue outlives a replaying member that dies
 * before it re-issues: with no active member it is a held reply (grace-ms),
 * and the next member gets it kept again, at its re-issue.
 */
TEST_F(ck, input_log_outputs_idle)
{
	uint32_t s = new_logged_alias(self->nl);
	uint32_t d = new_alias(self->nl);
	int c = dp_socket(self->af, 0, -1, 0);
	int m1 = dp_socket(self->af, s, 10, 0);
	int m2 = dp_socket(self->af, s, 5, 0);
	int d1 = dp_socket(self->af, d, 10, 0), m3;
	struct ftalias_id o, got;

	ASSERT_NE(0U, s);
	ASSERT_NE(0U, d);
	ASSERT_EQ(0, dp_alias_set(self->nl, s, FTALIAS_A_ALIAS_GRACE_MS,
				  60000, 4));
	ASSERT_EQ(0, dp_send_req(c, self->af, s, "r0", 2, NULL, 0));
	ASSERT_TRUE(serve_one(self, m1, "r0", NULL, NULL));
	ASSERT_EQ(0, dp_send_req(m1, self->af, d, "n0", 2, &o, 0));
	ASSERT_TRUE(serve_one(self, d1, "n0", "D0", NULL));
	close(m1);
	/* m2 replays r0, D0 kept for it; it dies before it re-issues. */
	ASSERT_TRUE(serve_one(self, m2, "r0", NULL, NULL));
	EXPECT_TRUE(dp_nothing_queued(m2));
	close(m2);
	m3 = dp_socket(self->af, s, 1, 0);
	ASSERT_LT(0, m3);
	ASSERT_TRUE(serve_one(self, m3, "r0", NULL, NULL));
	EXPECT_TRUE(dp_nothing_queued(m3));
	ASSERT_EQ(0, dp_send_req(m3, self->af, d, "n0", 2, &got, 0));
	EXPECT_TRUE(dp_id_eq(&got, &o));
	EXPECT_TRUE(got_reply(self, m3, "D0", &o));
	EXPECT_TRUE(dp_nothing_queued(m3));
	EXPECT_TRUE(dp_nothing_queued(d1));
	EXPECT_EQ(1U, alias_of(self->nl, s).requests_reissued);
	close(m3);
	close(d1);
	close(c);
	EXPECT_EQ(0, dp_alias_del(self->nl, s));
	EXPECT_EQ(0, dp_alias_del(self->nl, d));
}

/* A one-chunk checkpoint naming the last input its state holds. */
static int commit_upto(int fd, const char *s, const struct ftalias_id *upto,
		       uint32_t flags)
{
	struct ftalias_ckpt ck = { .flags = flags };

	return dp_send_cmsgs(fd, s, strlen(s), FTALIAS_CMSG_CHECKPOINT, &ck,
			     sizeof(ck), FTALIAS_CMSG_CKPT_INPUT, upto,
			     sizeof(*upto));
}

/*
 * A member that read ahead (a library waiting for a reply keeps the
 * requests it reads meanwhile) commits a state holding the inputs up to
 * the one it names: those read after it stay logged, and the next member
 * replays them after the checkpoint.  The control message goes with the
 * last chunk only; an ID the log does not have covers no more inputs.
 */
TEST_F(ck, input_log_read_ahead)
{
	uint32_t s = new_logged_alias(self->nl);
	int c = dp_socket(self->af, 0, -1, 0);
	int m1 = dp_socket(self->af, s, 10, 0);
	int m2 = dp_socket(self->af, s, 5, 0);
	struct ftalias_id id[3], got, none;
	struct dp_alias a;
	uint64_t seq = 0;
	char st[8];
	int i;

	ASSERT_NE(0U, s);
	for (i = 0; i < 3; i++)
		ASSERT_EQ(0, dp_send_req(c, self->af, s, i ? i == 1 ? "r1" :
					 "r2" : "r0", 2, &id[i], 0));
	ASSERT_TRUE(serve_one(self, m1, "r0", "a0", NULL));
	ASSERT_TRUE(serve_one(self, m1, "r1", NULL, NULL));
	/* Only with the last chunk, and only with a checkpoint. */
	EXPECT_EQ(-EINVAL, commit_upto(m1, "S", &id[0], FTALIAS_CKPT_MORE));
	EXPECT_EQ(-EINVAL, dp_send_cmsgs(m1, "x", 1, FTALIAS_CMSG_CKPT_INPUT,
					 &id[0], sizeof(id[0]), 0, NULL, 0));
	EXPECT_EQ(0U, alias_of(self->nl, s).ckpt_seq);
	/* An ID the log does not have: no input covered. */
	none = id[0];
	none.xid += 1000;
	ASSERT_EQ(0, commit_upto(m1, "S0", &none, 0));
	a = alias_of(self->nl, s);
	EXPECT_EQ(1U, a.ckpt_seq);
	EXPECT_EQ(0U, a.ckpt_input);
	EXPECT_EQ(2U, a.log_inputs);
	/* r1 read, not in the state. */
	ASSERT_EQ(0, commit_upto(m1, "S1", &id[0], 0));
	a = alias_of(self->nl, s);
	EXPECT_EQ(2U, a.ckpt_seq);
	EXPECT_EQ(1U, a.ckpt_input);
	EXPECT_EQ(1U, a.log_inputs);
	EXPECT_TRUE(got_reply(self, c, "a0", &id[0]));

	close(m1);
	ASSERT_EQ(2, read_ckpt(self, m2, s, st, sizeof(st), &seq));
	EXPECT_EQ(0, memcmp(st, "S1", 2));
	ASSERT_TRUE(serve_one(self, m2, "r1", "b1", &got));
	EXPECT_EQ((uint32_t)FTALIAS_F_REPLAY, self->flags);
	EXPECT_TRUE(dp_id_eq(&got, &id[1]));
	ASSERT_TRUE(serve_one(self, m2, "r2", "b2", NULL));
	EXPECT_EQ(0U, self->flags);
	EXPECT_TRUE(got_reply(self, c, "b1", &id[1]));
	EXPECT_TRUE(got_reply(self, c, "b2", &id[2]));
	EXPECT_TRUE(dp_nothing_queued(c));
	/* Not below the checkpoint it replaces: r0 is covered already. */
	ASSERT_EQ(0, commit_upto(m2, "S2", &id[0], 0));
	EXPECT_EQ(1U, alias_of(self->nl, s).ckpt_input);
	ASSERT_EQ(0, commit_upto(m2, "S3", &id[2], 0));
	a = alias_of(self->nl, s);
	EXPECT_EQ(3U, a.ckpt_input);
	EXPECT_EQ(0U, a.log_inputs);
	close(m2);
	close(c);
	EXPECT_EQ(0, dp_alias_del(self->nl, s));
}

/* A read whose copy to the user fails (EFAULT). */
static int read_fault(int fd)
{
	struct iovec iov = { (void *)1, 64 };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };

	return recvmsg(fd, &mh, MSG_DONTWAIT) < 0 ? -errno : 0;
}

/*
 * A request, or a replayed input, whose copy to the user failed is read
 * again: logged once, and the member's position moves once.
 */
TEST_F(ck, input_log_copy_fails)
{
	uint32_t s = new_logged_alias(self->nl);
	int c = dp_socket(self->af, 0, -1, 0);
	int m1 = dp_socket(self->af, s, 10, 0);
	int m2 = dp_socket(self->af, s, 5, 0);
	struct ftalias_id id;

	ASSERT_NE(0U, s);
	ASSERT_EQ(0, dp_send_req(c, self->af, s, "e0", 2, &id, 0));
	ASSERT_EQ(0, dp_wait_readable(m1, WAIT_MS) > 0 ? 0 : -1);
	EXPECT_EQ(-EFAULT, read_fault(m1));
	EXPECT_EQ(1U, alias_of(self->nl, s).inputs_logged);
	ASSERT_TRUE(serve_one(self, m1, "e0", NULL, NULL));
	EXPECT_EQ(1U, alias_of(self->nl, s).inputs_logged);
	EXPECT_EQ(1U, alias_of(self->nl, s).log_inputs);
	close(m1);
	ASSERT_EQ(0, dp_wait_readable(m2, WAIT_MS) > 0 ? 0 : -1);
	EXPECT_EQ(-EFAULT, read_fault(m2));
	ASSERT_TRUE(serve_one(self, m2, "e0", "E0", NULL));
	EXPECT_EQ((uint32_t)FTALIAS_F_REPLAY, self->flags);
	EXPECT_TRUE(got_reply(self, c, "E0", &id));
	EXPECT_TRUE(dp_nothing_queued(m2));
	ASSERT_EQ(0, dp_checkpoint(m2, "S", 1, CHUNK));
	EXPECT_EQ(1U, alias_of(self->nl, s).ckpt_input);
	EXPECT_EQ(0U, alias_of(self->nl, s).log_inputs);
	close(m2);
	close(c);
	EXPECT_EQ(0, dp_alias_del(self->nl, s));
}

TEST_HARNESS_MAIN
