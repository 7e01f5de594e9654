// SPDX-License-Identifier: GPL-2.0
/*
 * libftalias (tools/lib) against the kernel's stable area: ftalias_pa_call()
 * round trips and what a wait does with other messages (stray replies
 * dropped, requests kept for ftalias_pa_receive()), timeouts and failure
 * notices, the roll-forward point and auto-reply records answering a re-send by
 * the kernel (seed 000 Figs. 6-7, 13), handler records and redundant
 * delivery, orphan notices after the server member process is killed with
 * SIGKILL (reply, record, discard), and the relay journal (Figs. 17-18)
 * with the relay process killed after sending Y and after C replied, and
 * a journal of two requests answered out of order.
 *
 * Processes that must die for real are forked children killed with
 * SIGKILL; they report each step on a pipe, and every wait is on a
 * condition with a deadline, never a fixed sleep.  Each test runs in a
 * network namespace of its own.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include "lib/dp_util.h"
#include "libftalias.h"

#pragma GCC diagnostic ignored "-Wclobbered"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "lib/kselftest_harness.h"

#define WAIT_MS		20000	/* bound of every wait */
#define GRACE_MS	20000	/* of the aliases: TCG guests are slow */
#define KIND(m)		((int)(m).kind)	/* enum pa_msg_kind, for ASSERT_EQ */

FIXTURE(sl) {
	struct dp_nl *nl;
	char buf[FTALIAS_MSG_MAX];
};

FIXTURE_SETUP(sl)
{
	if (dp_af() <= 0)
		SKIP(return, "ftalias not loaded");
	ASSERT_EQ(0, unshare(CLONE_NEWNET));
	self->nl = dp_nl_open();
	ASSERT_NE(NULL, self->nl);
}

FIXTURE_TEARDOWN(sl)
{
	dp_nl_close(self->nl);
}

static uint32_t new_alias(struct dp_nl *nl, const char *name)
{
	int id = dp_alias_new(nl, name, -1, GRACE_MS);

	return id > 0 ? id : 0;
}

static struct pa_sock *member(uint32_t alias, uint32_t priority)
{
	struct pa_member_opts o = { .priority = priority };
	struct pa_sock *ps = NULL;

	return ftalias_pa_open_member(&ps, alias, &o) ? NULL : ps;
}

static struct pa_sock *client(void)
{
	struct pa_sock *ps = NULL;

	return ftalias_pa_open(&ps) ? NULL : ps;
}

static bool wait_active(struct pa_sock *ps)
{
	return DP_WAIT_FOR(ftalias_pa_active(ps) == 1, WAIT_MS);
}

/* The next message of ps, within WAIT_MS: 0 or -errno. */
static int next_msg(struct pa_sock *ps, struct pa_msg *m, char *buf,
		    size_t size)
{
	return ftalias_pa_receive(ps, m, buf, size, WAIT_MS);
}

static bool data_is(const struct pa_msg *m, const char *buf, const char *s)
{
	return m->len == strlen(s) && !memcmp(buf, s, m->len);
}

/* Waits for the reply to id and compares it with s. */
static bool reply_is(struct pa_sock *ps, const struct ftalias_id *id,
		     const char *s)
{
	char rep[256];
	size_t len = 0;

	if (ftalias_pa_wait_reply(ps, id, rep, sizeof(rep), &len, WAIT_MS))
		return false;
	return len == strlen(s) && !memcmp(rep, s, len);
}

/* ---- children that get killed ------------------------------------------ */

/* Reads len bytes a child wrote on its pipe, within WAIT_MS. */
static int from_child(int fd, void *p, size_t len)
{
	struct pollfd pf = { .fd = fd, .events = POLLIN };
	ssize_t n;

	if (poll(&pf, 1, WAIT_MS) != 1)
		return -ETIMEDOUT;
	n = read(fd, p, len);
	return n == (ssize_t)len ? 0 : -EIO;
}

static void to_parent(int fd, const void *p, size_t len)
{
	if (write(fd, p, len) != (ssize_t)len)
		_exit(3);
}

static void kill_child(pid_t pid)
{
	int st;

	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
}

enum child_plan {
	CHILD_BLOCK,		/* block the request, stop */
	CHILD_RELAY_SENT,	/* block X, send Y with parent X, stop */
	CHILD_RELAY_REPLIED,	/* ... and read C's reply, stop */
	CHILD_RELAY_TWO,	/* block X, send Y and Y2 with parent X, stop */
};

/*
 * A member process of alias with the given priority: it says 'j' once it
 * joined, takes one request, follows plan, reports the IDs involved, and
 * waits to be killed (or dies with the test).
 */
static pid_t child_member(uint32_t alias, uint32_t priority,
			  enum child_plan plan, uint32_t to, int *rfd)
{
	pid_t pid, parent = getpid();
	int p[2];

	if (pipe(p))
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid) {
		close(p[1]);
		*rfd = p[0];
		return pid;
	}
	close(p[0]);
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)	/* it died before the prctl() */
		_exit(2);
	{
		static char buf[FTALIAS_MSG_MAX];
		struct pa_sock *ps = member(alias, priority);
		struct ftalias_id y;
		struct pa_msg m;
		char y_data[64];
		size_t len;

		if (!ps)
			_exit(2);
		to_parent(p[1], "j", 1);
		if (next_msg(ps, &m, buf, sizeof(buf)) ||
		    m.kind != PA_MSG_REQUEST)
			_exit(4);
		if (ftalias_pa_block_request(ps, &m.id))
			_exit(5);
		if (plan != CHILD_BLOCK) {
			snprintf(y_data, sizeof(y_data), "y(%.*s)", (int)m.len,
				 buf);
			if (ftalias_pa_send(ps, to, y_data, strlen(y_data),
					    &m.id, &y))
				_exit(6);
		}
		to_parent(p[1], &m.id, sizeof(m.id));
		if (plan != CHILD_BLOCK)
			to_parent(p[1], &y, sizeof(y));
		if (plan == CHILD_RELAY_TWO) {
			snprintf(y_data, sizeof(y_data), "second(%.*s)",
				 (int)m.len, buf);
			if (ftalias_pa_send(ps, to, y_data, strlen(y_data),
					    &m.id, &y))
				_exit(8);
			to_parent(p[1], &y, sizeof(y));
		}
		if (plan == CHILD_RELAY_REPLIED) {
			if (ftalias_pa_wait_reply(ps, &y, buf, sizeof(buf),
						  &len, WAIT_MS))
				_exit(7);
			to_parent(p[1], "r", 1);
		}
		for (;;)
			pause();
	}
}

/* ---- lookups ---------------------------------------------------------------- */

TEST_F(sl, lookups)
{
	uint32_t a = new_alias(self->nl, "lib.lookup"), id = 0;
	struct pa_sock *ps = NULL;
	char long_name[FTALIAS_NAME_MAX_LEN + 2];
	int af = 0;

	ASSERT_NE(0u, a);
	ASSERT_EQ(0, ftalias_pa_family(&af));
	EXPECT_EQ(dp_af(), af);
	ASSERT_EQ(0, ftalias_pa_alias_id("lib.lookup", &id));
	EXPECT_EQ(a, id);
	EXPECT_EQ(-ENOENT, ftalias_pa_alias_id("lib.none", &id));
	memset(long_name, 'n', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = 0;
	EXPECT_EQ(-EINVAL, ftalias_pa_alias_id(long_name, &id));
	EXPECT_EQ(-EINVAL, ftalias_pa_alias_id("", &id));
	EXPECT_EQ(-ENOENT, ftalias_pa_open_member(&ps, a + 1000, NULL));
	ASSERT_EQ(0, ftalias_pa_open_member(&ps, a, NULL));
	EXPECT_EQ(1, ftalias_pa_active(ps));
	EXPECT_EQ(0, ftalias_pa_close(ps));
	EXPECT_EQ(0, ftalias_pa_close(NULL));
}

/* ---- PA_Call ---------------------------------------------------------------- */

struct echo {
	struct pa_sock *ps;
	int n;			/* requests to answer */
	struct ftalias_id ids[8];
	int got;
	int err;
};

/* A server thread: answers n requests with "echo:<request>". */
static void *echo_main(void *arg)
{
	static char buf[FTALIAS_MSG_MAX];
	struct echo *e = arg;
	char rep[300];
	struct pa_msg m;

	while (e->got < e->n) {
		e->err = next_msg(e->ps, &m, buf, sizeof(buf));
		if (e->err)
			break;
		if (m.kind != PA_MSG_REQUEST) {
			e->err = -EPROTO;
			break;
		}
		e->ids[e->got++] = m.id;
		snprintf(rep, sizeof(rep), "echo:%.*s", (int)m.len, buf);
		e->err = ftalias_pa_reply(e->ps, &m.id, rep, strlen(rep), 0);
		if (e->err)
			break;
	}
	return NULL;
}

TEST_F(sl, call_round_trip_and_strays)
{
	uint32_t srv = new_alias(self->nl, "lib.echo");
	struct echo e = { .n = 5 };
	struct ftalias_id id[3], old;
	struct pa_sock *c;
	struct pa_stats st;
	pthread_t th;
	char rep[64];
	size_t len;
	int i;

	ASSERT_NE(0u, srv);
	e.ps = member(srv, 0);
	c = client();
	ASSERT_NE(NULL, e.ps);
	ASSERT_NE(NULL, c);
	ASSERT_EQ(0, pthread_create(&th, NULL, echo_main, &e));

	for (i = 0; i < 3; i++) {
		char req[16], want[32];

		snprintf(req, sizeof(req), "r%d", i);
		snprintf(want, sizeof(want), "echo:r%d", i);
		len = 0;
		ASSERT_EQ(0,
			  ftalias_pa_call(c, srv, req, strlen(req), rep,
					  sizeof(rep), &len, WAIT_MS, &id[i]));
		ASSERT_EQ(strlen(want), len);
		EXPECT_EQ(0, memcmp(rep, want, len));
		EXPECT_EQ(0u, id[i].alias);
		if (i)
			EXPECT_EQ(id[i - 1].xid + 1, id[i].xid);
	}

	/* a request given up on: its reply is a stray for the next call */
	ASSERT_EQ(0, ftalias_pa_send(c, srv, "old", 3, NULL, &old));
	EXPECT_EQ(0, ftalias_pa_forget(c, &old));
	EXPECT_EQ(-ENOENT, ftalias_pa_forget(c, &old));
	len = 0;
	ASSERT_EQ(0, ftalias_pa_call(c, srv, "new", 3, rep, sizeof(rep), &len,
				     WAIT_MS, NULL));
	ASSERT_EQ(8u, len);
	EXPECT_EQ(0, memcmp(rep, "echo:new", 8));
	ftalias_pa_get_stats(c, &st);
	EXPECT_EQ(1u, st.strays);
	EXPECT_EQ(0u, st.stashed);

	ASSERT_EQ(0, pthread_join(th, NULL));
	EXPECT_EQ(0, e.err);
	ASSERT_EQ(5, e.got);
	for (i = 0; i < 3; i++)
		EXPECT_TRUE(ftalias_pa_id_eq(&e.ids[i], &id[i]));
	EXPECT_TRUE(ftalias_pa_id_eq(&e.ids[3], &old));

	/* no such alias */
	EXPECT_EQ(-ENOENT, ftalias_pa_call(c, srv + 1000, "x", 1, rep,
					   sizeof(rep), &len, WAIT_MS, NULL));
	ftalias_pa_close(c);
	ftalias_pa_close(e.ps);
}

TEST_F(sl, timeout_truncation_notice)
{
	uint32_t srv = new_alias(self->nl, "lib.slow");
	uint32_t none = dp_alias_new(self->nl, "lib.nobody", -1, 100);
	struct ftalias_id late, next;
	struct pa_sock *s, *c;
	struct pa_stats st;
	struct pa_msg m;
	char rep[4];
	size_t len;

	ASSERT_NE(0u, srv);
	ASSERT_GT((int)none, 0);
	s = member(srv, 0);
	c = client();
	ASSERT_NE(NULL, s);
	ASSERT_NE(NULL, c);

	/* nobody answers in time: the request stays with the kernel */
	EXPECT_EQ(-ETIMEDOUT, ftalias_pa_call(c, srv, "late", 4, rep,
					      sizeof(rep), &len, 50, &late));
	ASSERT_EQ(0, next_msg(s, &m, self->buf, sizeof(self->buf)));
	ASSERT_EQ(PA_MSG_REQUEST, KIND(m));
	EXPECT_TRUE(ftalias_pa_id_eq(&m.id, &late));
	ASSERT_EQ(0, ftalias_pa_reply(s, &late, "late-rep", 8, 0));

	/* the next wait drops it; a reply too long for the buffer */
	ASSERT_EQ(0, ftalias_pa_send(c, srv, "next", 4, NULL, &next));
	ASSERT_EQ(0, next_msg(s, &m, self->buf, sizeof(self->buf)));
	EXPECT_TRUE(ftalias_pa_id_eq(&m.id, &next));
	ASSERT_EQ(0, ftalias_pa_reply(s, &next, "next-reply", 10, 0));
	len = 0;
	EXPECT_EQ(-EMSGSIZE, ftalias_pa_wait_reply(c, &next, rep, sizeof(rep),
						   &len, WAIT_MS));
	EXPECT_EQ(10u, len);
	EXPECT_EQ(0, memcmp(rep, "next", 4));
	ftalias_pa_get_stats(c, &st);
	EXPECT_EQ(1u, st.strays);
	EXPECT_EQ(-EAGAIN,
		  ftalias_pa_wait_reply(c, &next, rep, sizeof(rep), &len, 0));
	ftalias_pa_forget(c, &next);

	/* an alias without members: the notice after its grace period */
	EXPECT_EQ(-EHOSTUNREACH,
		  ftalias_pa_call(c, none, "x", 1, rep, sizeof(rep), &len,
				  WAIT_MS, NULL));
	ftalias_pa_close(c);
	ftalias_pa_close(s);
}

/* A member that calls another alias keeps its own requests meanwhile. */
TEST_F(sl, wait_keeps_requests)
{
	uint32_t a = new_alias(self->nl, "lib.a"), b = new_alias(self->nl, "lib.b");
	struct pa_sock *sa, *sb, *c;
	struct ftalias_id xa, y;
	struct pa_stats st;
	struct pa_msg m;
	char rep[64];
	size_t len = 0;

	ASSERT_NE(0u, a);
	ASSERT_NE(0u, b);
	sa = member(a, 0);
	sb = member(b, 0);
	c = client();
	ASSERT_NE(NULL, sa);
	ASSERT_NE(NULL, sb);
	ASSERT_NE(NULL, c);

	ASSERT_EQ(0, ftalias_pa_send(c, a, "to-a", 4, NULL, &xa));
	ASSERT_EQ(0, ftalias_pa_send(sa, b, "to-b", 4, NULL, &y));
	EXPECT_EQ(a, y.alias);
	ASSERT_EQ(0, next_msg(sb, &m, self->buf, sizeof(self->buf)));
	ASSERT_EQ(0, ftalias_pa_reply(sb, &y, "rep-b", 5, 0));
	/* sa's queue: the request to-a, then rep-b */
	ASSERT_EQ(0, ftalias_pa_wait_reply(sa, &y, rep, sizeof(rep), &len,
					   WAIT_MS));
	EXPECT_EQ(5u, len);
	EXPECT_EQ(1u, ftalias_pa_pending(sa));
	ftalias_pa_get_stats(sa, &st);
	EXPECT_EQ(1u, st.stashed);
	EXPECT_EQ(0u, st.strays);
	ASSERT_EQ(0,
		  ftalias_pa_receive(sa, &m, self->buf, sizeof(self->buf), 0));
	EXPECT_EQ(PA_MSG_REQUEST, KIND(m));
	EXPECT_TRUE(ftalias_pa_id_eq(&m.id, &xa));
	EXPECT_TRUE(data_is(&m, self->buf, "to-a"));
	EXPECT_EQ(0u, ftalias_pa_pending(sa));
	EXPECT_EQ(-EAGAIN,
		  ftalias_pa_receive(sa, &m, self->buf, sizeof(self->buf), 0));
	ASSERT_EQ(0, ftalias_pa_reply(sa, &xa, "rep-a", 5, 0));
	EXPECT_TRUE(reply_is(c, &xa, "rep-a"));
	ftalias_pa_close(c);
	ftalias_pa_close(sb);
	ftalias_pa_close(sa);
}

/* ---- PA_blockRequest, PA_setRedProcess (Figs. 6, 7, 13) --------------------- */

TEST_F(sl, block_auto_reply_resend)
{
	uint32_t srv = new_alias(self->nl, "lib.bank");
	uint32_t cli = new_alias(self->nl, "lib.teller");
	struct pa_sock *s, *c1, *c2, *plain;
	struct ftalias_id id, unknown = { .port = 4242, .xid = 9 };
	struct pa_msg m;
	char rep[64];
	size_t len = 0;

	ASSERT_NE(0u, srv);
	ASSERT_NE(0u, cli);
	s = member(srv, 0);
	c1 = member(cli, 10);
	c2 = member(cli, 5);
	plain = client();
	ASSERT_NE(NULL, s);
	ASSERT_NE(NULL, c1);
	ASSERT_NE(NULL, c2);
	ASSERT_NE(NULL, plain);

	ASSERT_EQ(0, ftalias_pa_send(c1, srv, "pay", 3, NULL, &id));
	EXPECT_EQ(cli, id.alias);
	ASSERT_EQ(0, next_msg(s, &m, self->buf, sizeof(self->buf)));
	ASSERT_EQ(PA_MSG_REQUEST, KIND(m));
	ASSERT_TRUE(ftalias_pa_id_eq(&m.id, &id));

	/* the roll-forward point, then the outcome */
	EXPECT_EQ(-EPERM, ftalias_pa_block_request(plain, &id));
	EXPECT_EQ(-ENOENT, ftalias_pa_block_request(s, &unknown));
	ASSERT_EQ(0, ftalias_pa_block_request(s, &id));
	EXPECT_EQ(-EINVAL, ftalias_pa_set_red_process(
				   s, &id, FTALIAS_RECORD_BLOCK, NULL, 0));
	EXPECT_EQ(-EINVAL, ftalias_pa_set_red_process(s, &id, 99, "x", 1));
	ASSERT_EQ(0, ftalias_pa_set_red_process(
			     s, &id, FTALIAS_RECORD_AUTO_REPLY, "paid", 4));
	EXPECT_EQ(-EEXIST, ftalias_pa_block_request(s, &id));
	EXPECT_EQ(-EINVAL, ftalias_pa_reply(s, &id, "paid", 4, 0x100));
	ASSERT_EQ(0, ftalias_pa_reply(s, &id, "paid", 4, 0));
	EXPECT_TRUE(reply_is(c1, &id, "paid"));

	/* Fig. 7: the client's backup re-sends; the kernel answers */
	ASSERT_EQ(0, ftalias_pa_close(c1));
	ASSERT_TRUE(wait_active(c2));
	ASSERT_EQ(0, ftalias_pa_call_resend(c2, srv, &id, "pay", 3, rep,
					    sizeof(rep), &len, WAIT_MS));
	ASSERT_EQ(4u, len);
	EXPECT_EQ(0, memcmp(rep, "paid", 4));
	EXPECT_EQ(-EAGAIN,
		  ftalias_pa_receive(s, &m, self->buf, sizeof(self->buf), 0));
	/* IDs of other aliases cannot be re-sent */
	EXPECT_EQ(-EPERM, ftalias_pa_call_resend(plain, srv, &id, "pay", 3, rep,
						 sizeof(rep), &len, WAIT_MS));
	ftalias_pa_close(plain);
	ftalias_pa_close(c2);
	ftalias_pa_close(s);
}

/*
 * ftalias_pa_reply(PA_REPLY_RECORD), and a re-send while the request is
 * pending.
 */
TEST_F(sl, reply_record_and_ealready)
{
	uint32_t srv = new_alias(self->nl, "lib.store");
	uint32_t cli = new_alias(self->nl, "lib.shop");
	struct pa_sock *s, *c;
	struct ftalias_id id;
	struct pa_msg m;
	char rep[64];
	size_t len = 0;

	ASSERT_NE(0u, srv);
	ASSERT_NE(0u, cli);
	s = member(srv, 0);
	c = member(cli, 0);
	ASSERT_NE(NULL, s);
	ASSERT_NE(NULL, c);

	ASSERT_EQ(0, ftalias_pa_send(c, srv, "buy", 3, NULL, &id));
	ASSERT_EQ(0, next_msg(s, &m, self->buf, sizeof(self->buf)));
	ASSERT_TRUE(ftalias_pa_id_eq(&m.id, &id));
	/* pending: the re-send is refused, the ID stays awaited */
	EXPECT_EQ(-EALREADY, ftalias_pa_resend(c, srv, &id, "buy", 3));
	ASSERT_EQ(0, ftalias_pa_reply(s, &id, "sold", 4, PA_REPLY_RECORD));
	EXPECT_TRUE(reply_is(c, &id, "sold"));
	/* answered and recorded: the kernel answers the re-send */
	ASSERT_EQ(0, ftalias_pa_call_resend(c, srv, &id, "buy", 3, rep,
					    sizeof(rep), &len, WAIT_MS));
	EXPECT_EQ(4u, len);
	EXPECT_EQ(0, memcmp(rep, "sold", 4));
	EXPECT_EQ(-EAGAIN,
		  ftalias_pa_receive(s, &m, self->buf, sizeof(self->buf), 0));
	/* the alias will not re-send it: the server may forget it */
	EXPECT_EQ(0, ftalias_pa_ack(c, id.xid));
	EXPECT_EQ(0, ftalias_pa_ack(c, id.xid + 1));
	EXPECT_EQ(-EINVAL, ftalias_pa_ack(c, id.xid + 2));
	EXPECT_EQ(0, ftalias_pa_ack(c, 1)); /* it only grows: ignored */
	ftalias_pa_close(c);
	ftalias_pa_close(s);
}

TEST_F(sl, handler_redundant)
{
	uint32_t srv = new_alias(self->nl, "lib.files");
	uint32_t cli = new_alias(self->nl, "lib.editor");
	struct pa_sock *s, *c1, *c2;
	struct ftalias_id id;
	struct pa_msg m;
	char rep[64];

	ASSERT_NE(0u, srv);
	ASSERT_NE(0u, cli);
	s = member(srv, 0);
	c1 = member(cli, 10);
	c2 = member(cli, 5);
	ASSERT_NE(NULL, s);
	ASSERT_NE(NULL, c1);
	ASSERT_NE(NULL, c2);

	ASSERT_EQ(0, ftalias_pa_send(c1, srv, "delete f", 8, NULL, &id));
	ASSERT_EQ(0, next_msg(s, &m, self->buf, sizeof(self->buf)));
	ASSERT_EQ(0, ftalias_pa_block_request(s, &id));
	ASSERT_EQ(0, ftalias_pa_set_red_process(s, &id, FTALIAS_RECORD_HANDLER,
						"arg-42", 6));
	ASSERT_EQ(0, ftalias_pa_reply(s, &id, "deleted", 7, 0));
	EXPECT_TRUE(reply_is(c1, &id, "deleted"));

	ASSERT_EQ(0, ftalias_pa_close(c1));
	ASSERT_TRUE(wait_active(c2));
	ASSERT_EQ(0, ftalias_pa_resend(c2, srv, &id, "delete f", 8));
	ASSERT_EQ(0, next_msg(s, &m, self->buf, sizeof(self->buf)));
	ASSERT_EQ(PA_MSG_REDUNDANT, KIND(m));
	EXPECT_TRUE(ftalias_pa_id_eq(&m.id, &id));
	EXPECT_TRUE(!!(m.flags & FTALIAS_F_REDUNDANT));
	EXPECT_TRUE(!!(m.flags & FTALIAS_F_RESENT));
	EXPECT_TRUE(data_is(&m, self->buf, "delete f"));
	ASSERT_EQ(6u, m.arg_len);
	EXPECT_EQ(0, memcmp(m.arg, "arg-42", 6));
	EXPECT_EQ(0u, m.trunc);
	snprintf(rep, sizeof(rep), "recomputed %.*s", (int)m.arg_len,
		 (const char *)m.arg);
	ASSERT_EQ(0, ftalias_pa_reply(s, &id, rep, strlen(rep), 0));
	EXPECT_TRUE(reply_is(c2, &id, "recomputed arg-42"));
	ftalias_pa_close(c2);
	ftalias_pa_close(s);
}

/*
 * A control buffer too small for the argument: the message is still
 * reported as redundant (the kernel's flags come after the argument and
 * are lost), and as cut.
 */
TEST_F(sl, ctrunc_keeps_kind)
{
	uint32_t srv = new_alias(self->nl, "lib.small");
	uint32_t cli = new_alias(self->nl, "lib.small-cli");
	struct pa_member_opts o = { .ctl_size = 1 };	/* the minimum */
	struct pa_sock *s = NULL, *c;
	static char arg[2000];
	struct ftalias_id id;
	struct pa_stats st;
	struct pa_msg m;

	ASSERT_NE(0u, srv);
	ASSERT_NE(0u, cli);
	ASSERT_EQ(0, ftalias_pa_open_member(&s, srv, &o));
	c = member(cli, 0);
	ASSERT_NE(NULL, c);
	memset(arg, 'a', sizeof(arg));

	ASSERT_EQ(0, ftalias_pa_send(c, srv, "op", 2, NULL, &id));
	ASSERT_EQ(0, next_msg(s, &m, self->buf, sizeof(self->buf)));
	EXPECT_EQ(0u, m.trunc);
	ASSERT_EQ(0, ftalias_pa_set_red_process(s, &id, FTALIAS_RECORD_HANDLER,
						arg, sizeof(arg)));
	ASSERT_EQ(0, ftalias_pa_reply(s, &id, "done", 4, 0));
	EXPECT_TRUE(reply_is(c, &id, "done"));
	ASSERT_EQ(0, ftalias_pa_resend(c, srv, &id, "op", 2));
	ASSERT_EQ(0, next_msg(s, &m, self->buf, sizeof(self->buf)));
	EXPECT_EQ(PA_MSG_REDUNDANT, KIND(m));
	EXPECT_TRUE(ftalias_pa_id_eq(&m.id, &id));
	EXPECT_EQ((unsigned int)PA_TRUNC_CTL, m.trunc);
	EXPECT_LT(m.arg_len, sizeof(arg));
	ftalias_pa_get_stats(s, &st);
	EXPECT_EQ(1u, st.ctrunc);
	ASSERT_EQ(0, ftalias_pa_reply(s, &id, "done", 4, 0));
	EXPECT_TRUE(reply_is(c, &id, "done"));
	ftalias_pa_close(c);
	ftalias_pa_close(s);
}

TEST_F(sl, discard_live)
{
	uint32_t srv = new_alias(self->nl, "lib.undo");
	struct pa_sock *s, *c;
	struct ftalias_id id;
	struct pa_msg m;

	ASSERT_NE(0u, srv);
	s = member(srv, 0);
	c = client();
	ASSERT_NE(NULL, s);
	ASSERT_NE(NULL, c);
	ASSERT_EQ(0, ftalias_pa_send(c, srv, "try", 3, NULL, &id));
	ASSERT_EQ(0, next_msg(s, &m, self->buf, sizeof(self->buf)));
	ASSERT_EQ(0, ftalias_pa_block_request(s, &id));
	ASSERT_EQ(0, ftalias_pa_discard(s, &id));
	EXPECT_EQ(-ENOENT, ftalias_pa_discard(s, &id));
	/* rolled back, still this member's request: it answers it */
	ASSERT_EQ(0, ftalias_pa_reply(s, &id, "undone", 6, 0));
	EXPECT_TRUE(reply_is(c, &id, "undone"));
	EXPECT_EQ(-ENOENT, ftalias_pa_reply(s, &id, "again", 5, 0));
	ftalias_pa_close(c);
	ftalias_pa_close(s);
}

/* ---- orphan notices after SIGKILL ------------------------------------------ */

enum resolve { BY_REPLY, BY_RECORD, BY_DISCARD };

static void orphan_case(struct __test_metadata *_metadata,
			FIXTURE_DATA(sl) *self, enum resolve how)
{
	uint32_t srv = new_alias(self->nl, "lib.orphan");
	struct ftalias_id id, blocked;
	struct pa_sock *p2, *c;
	struct pa_msg m;
	char j;
	pid_t pid;
	int rfd;

	ASSERT_NE(0u, srv);
	pid = child_member(srv, 10, CHILD_BLOCK, 0, &rfd);
	ASSERT_GT(pid, 0);
	ASSERT_EQ(0, from_child(rfd, &j, 1));	/* joined: the active one */
	p2 = member(srv, 5);
	c = client();
	ASSERT_NE(NULL, p2);
	ASSERT_NE(NULL, c);

	ASSERT_EQ(0, ftalias_pa_send(c, srv, "create f", 8, NULL, &id));
	ASSERT_EQ(0, from_child(rfd, &blocked, sizeof(blocked)));
	EXPECT_TRUE(ftalias_pa_id_eq(&blocked, &id));
	kill_child(pid);
	close(rfd);

	ASSERT_EQ(0, next_msg(p2, &m, self->buf, sizeof(self->buf)));
	ASSERT_EQ(PA_MSG_ORPHAN, KIND(m));
	EXPECT_TRUE(ftalias_pa_id_eq(&m.id, &id));
	EXPECT_TRUE(!!(m.flags & FTALIAS_F_ORPHAN));
	EXPECT_TRUE(data_is(&m, self->buf, "create f"));
	EXPECT_EQ(0u, m.journal_len);
	EXPECT_EQ(NULL, m.journal);
	EXPECT_EQ(0u, m.trunc);
	EXPECT_EQ(1, ftalias_pa_active(p2));
	/* the request itself is held on the entry */
	EXPECT_EQ(-EAGAIN,
		  ftalias_pa_receive(p2, &m, self->buf, sizeof(self->buf), 0));

	switch (how) {
	case BY_REPLY:
		ASSERT_EQ(0, ftalias_pa_reply(p2, &id, "created", 7,
					      PA_REPLY_RECORD));
		EXPECT_TRUE(reply_is(c, &id, "created"));
		break;
	case BY_RECORD:
		ASSERT_EQ(0, ftalias_pa_set_red_process(
				     p2, &id, FTALIAS_RECORD_AUTO_REPLY,
				     "created", 7));
		EXPECT_TRUE(reply_is(c, &id, "created"));
		EXPECT_EQ(-EAGAIN, ftalias_pa_receive(p2, &m, self->buf,
						      sizeof(self->buf), 0));
		break;
	case BY_DISCARD:
		ASSERT_EQ(0, ftalias_pa_discard(p2, &id));
		ASSERT_EQ(0, next_msg(p2, &m, self->buf, sizeof(self->buf)));
		ASSERT_EQ(PA_MSG_REQUEST, KIND(m));
		EXPECT_TRUE(ftalias_pa_id_eq(&m.id, &id));
		EXPECT_TRUE(!!(m.flags & FTALIAS_F_REDELIVERED));
		EXPECT_TRUE(data_is(&m, self->buf, "create f"));
		ASSERT_EQ(0, ftalias_pa_reply(p2, &id, "again", 5, 0));
		EXPECT_TRUE(reply_is(c, &id, "again"));
		break;
	}
	ftalias_pa_close(c);
	ftalias_pa_close(p2);
}

TEST_F(sl, orphan_reply)
{
	orphan_case(_metadata, self, BY_REPLY);
}

TEST_F(sl, orphan_record)
{
	orphan_case(_metadata, self, BY_RECORD);
}

TEST_F(sl, orphan_discard)
{
	orphan_case(_metadata, self, BY_DISCARD);
}

/*
 * ---- the relay journal (Figs. 17-18)
 * -----------------------------------------
 */

static void relay_case(struct __test_metadata *_metadata,
		       FIXTURE_DATA(sl) *self, enum child_plan plan)
{
	uint32_t rel = new_alias(self->nl, "lib.relay");
	uint32_t srv = new_alias(self->nl, "lib.server");
	struct pa_sock *b2, *cs, *a;
	struct ftalias_id x, bx, y;
	const struct pa_journal_entry *e;
	struct pa_msg m;
	char rep[64], j;
	size_t len = 0;
	pid_t pid;
	int rfd;

	ASSERT_NE(0u, rel);
	ASSERT_NE(0u, srv);
	pid = child_member(rel, 10, plan, srv, &rfd);
	ASSERT_GT(pid, 0);
	ASSERT_EQ(0, from_child(rfd, &j, 1));
	b2 = member(rel, 5);
	cs = member(srv, 0);
	a = client();
	ASSERT_NE(NULL, b2);
	ASSERT_NE(NULL, cs);
	ASSERT_NE(NULL, a);

	/* #1 A -> B; #2-#3 B journals Y under X and sends it */
	ASSERT_EQ(0, ftalias_pa_send(a, rel, "x", 1, NULL, &x));
	ASSERT_EQ(0, from_child(rfd, &bx, sizeof(bx)));
	ASSERT_EQ(0, from_child(rfd, &y, sizeof(y)));
	EXPECT_TRUE(ftalias_pa_id_eq(&bx, &x));
	EXPECT_EQ(rel, y.alias);
	ASSERT_EQ(0, next_msg(cs, &m, self->buf, sizeof(self->buf)));
	ASSERT_EQ(PA_MSG_REQUEST, KIND(m));
	EXPECT_TRUE(ftalias_pa_id_eq(&m.id, &y));
	EXPECT_TRUE(data_is(&m, self->buf, "y(x)"));
	if (plan == CHILD_RELAY_REPLIED) {
		/* #4 C executes, records, replies; B reads it */
		ASSERT_EQ(0,
			  ftalias_pa_reply(cs, &y, "res", 3, PA_REPLY_RECORD));
		ASSERT_EQ(0, from_child(rfd, &j, 1));
	}
	kill_child(pid);
	close(rfd);

	/* #5 B' gets X's orphan notice with the journal */
	ASSERT_EQ(0, next_msg(b2, &m, self->buf, sizeof(self->buf)));
	ASSERT_EQ(PA_MSG_ORPHAN, KIND(m));
	EXPECT_TRUE(ftalias_pa_id_eq(&m.id, &x));
	EXPECT_TRUE(data_is(&m, self->buf, "x"));
	EXPECT_EQ(0u, m.trunc);
	ASSERT_EQ(1u, m.journal_len);
	e = &m.journal[0];
	EXPECT_TRUE(ftalias_pa_id_eq(&e->id, &y));
	EXPECT_EQ(srv, e->alias);
	ASSERT_EQ(4u, e->len);
	EXPECT_EQ(0, memcmp(e->data, "y(x)", 4));
	EXPECT_EQ(plan == CHILD_RELAY_REPLIED, e->replied);

	/* #6-#7 B' re-sends Y with its ID */
	if (plan == CHILD_RELAY_SENT) {
		/* still pending at C: its one reply comes to B' */
		EXPECT_EQ(-EALREADY, ftalias_pa_resend(b2, e->alias, &e->id,
						       e->data, e->len));
		ASSERT_EQ(0,
			  ftalias_pa_reply(cs, &y, "res", 3, PA_REPLY_RECORD));
		ASSERT_EQ(0, ftalias_pa_wait_reply(b2, &y, rep, sizeof(rep),
						   &len, WAIT_MS));
	} else {
		/* C's cache answers; C does not execute it again */
		ASSERT_EQ(0, ftalias_pa_call_resend(
				     b2, e->alias, &e->id, e->data, e->len, rep,
				     sizeof(rep), &len, WAIT_MS));
	}
	ASSERT_EQ(3u, len);
	EXPECT_EQ(0, memcmp(rep, "res", 3));
	EXPECT_EQ(-EAGAIN,
		  ftalias_pa_receive(cs, &m, self->buf, sizeof(self->buf), 0));

	/* #8-#10 B' answers X, recorded; A gets it once */
	ASSERT_EQ(0, ftalias_pa_reply(b2, &x, rep, len, PA_REPLY_RECORD));
	EXPECT_TRUE(reply_is(a, &x, "res"));
	EXPECT_EQ(-EAGAIN,
		  ftalias_pa_wait_reply(a, &x, rep, sizeof(rep), &len, 0));
	ftalias_pa_close(a);
	ftalias_pa_close(cs);
	ftalias_pa_close(b2);
}

TEST_F(sl, relay_dies_after_sending)
{
	relay_case(_metadata, self, CHILD_RELAY_SENT);
}

TEST_F(sl, relay_dies_after_server_replied)
{
	relay_case(_metadata, self, CHILD_RELAY_REPLIED);
}

/*
 * Two requests journaled under X (records padded to FTALIAS_JOURNAL_ALIGN);
 * C answers them in the other order: the wait for the first keeps the
 * reply to the second.
 */
TEST_F(sl, relay_journal_of_two)
{
	uint32_t rel = new_alias(self->nl, "lib.relay2");
	uint32_t srv = new_alias(self->nl, "lib.server2");
	struct ftalias_id x, bx, y[2];
	struct pa_sock *b2, *cs, *a;
	struct pa_stats st;
	struct pa_msg m;
	char rep[64], j;
	size_t len = 0;
	pid_t pid;
	int rfd, i;

	ASSERT_NE(0u, rel);
	ASSERT_NE(0u, srv);
	pid = child_member(rel, 10, CHILD_RELAY_TWO, srv, &rfd);
	ASSERT_GT(pid, 0);
	ASSERT_EQ(0, from_child(rfd, &j, 1));
	b2 = member(rel, 5);
	cs = member(srv, 0);
	a = client();
	ASSERT_NE(NULL, b2);
	ASSERT_NE(NULL, cs);
	ASSERT_NE(NULL, a);

	ASSERT_EQ(0, ftalias_pa_send(a, rel, "x", 1, NULL, &x));
	ASSERT_EQ(0, from_child(rfd, &bx, sizeof(bx)));
	ASSERT_EQ(0, from_child(rfd, &y[0], sizeof(y[0])));
	ASSERT_EQ(0, from_child(rfd, &y[1], sizeof(y[1])));
	for (i = 0; i < 2; i++) {
		ASSERT_EQ(0, next_msg(cs, &m, self->buf, sizeof(self->buf)));
		EXPECT_TRUE(ftalias_pa_id_eq(&m.id, &y[i]));
	}
	kill_child(pid);
	close(rfd);

	ASSERT_EQ(0, next_msg(b2, &m, self->buf, sizeof(self->buf)));
	ASSERT_EQ(PA_MSG_ORPHAN, KIND(m));
	EXPECT_TRUE(ftalias_pa_id_eq(&m.id, &x));
	EXPECT_EQ(0u, m.trunc);
	ASSERT_EQ(2u, m.journal_len);
	EXPECT_TRUE(ftalias_pa_id_eq(&m.journal[0].id, &y[0]));
	EXPECT_TRUE(ftalias_pa_id_eq(&m.journal[1].id, &y[1]));
	ASSERT_EQ(4u, m.journal[0].len);
	EXPECT_EQ(0, memcmp(m.journal[0].data, "y(x)", 4));
	ASSERT_EQ(9u, m.journal[1].len);
	EXPECT_EQ(0, memcmp(m.journal[1].data, "second(x)", 9));
	for (i = 0; i < 2; i++) {
		EXPECT_EQ(srv, m.journal[i].alias);
		EXPECT_FALSE(m.journal[i].replied);
		EXPECT_EQ(-EALREADY,
			  ftalias_pa_resend(b2, srv, &m.journal[i].id,
					    m.journal[i].data,
					    m.journal[i].len));
	}
	ASSERT_EQ(0, ftalias_pa_reply(cs, &y[1], "res2", 4, PA_REPLY_RECORD));
	ASSERT_EQ(0, ftalias_pa_reply(cs, &y[0], "res1", 4, PA_REPLY_RECORD));
	ASSERT_EQ(0, ftalias_pa_wait_reply(b2, &y[0], rep, sizeof(rep), &len,
					   WAIT_MS));
	EXPECT_EQ(0, memcmp(rep, "res1", 4));
	EXPECT_EQ(1u, ftalias_pa_pending(b2));
	ASSERT_EQ(0,
		  ftalias_pa_wait_reply(b2, &y[1], rep, sizeof(rep), &len, 0));
	EXPECT_EQ(0, memcmp(rep, "res2", 4));
	EXPECT_EQ(0u, ftalias_pa_pending(b2));
	ftalias_pa_get_stats(b2, &st);
	EXPECT_EQ(1u, st.stashed);
	EXPECT_EQ(0u, st.strays);

	ASSERT_EQ(0, ftalias_pa_reply(b2, &x, "res1+res2", 9, PA_REPLY_RECORD));
	EXPECT_TRUE(reply_is(a, &x, "res1+res2"));
	EXPECT_EQ(-EAGAIN,
		  ftalias_pa_receive(cs, &m, self->buf, sizeof(self->buf), 0));
	ftalias_pa_close(a);
	ftalias_pa_close(cs);
	ftalias_pa_close(b2);
}

TEST_HARNESS_MAIN
