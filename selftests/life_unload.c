// SPDX-License-Identifier: GPL-2.0
/*
 * Module unload against live state.  A holder process makes one of each
 * thing the module keeps: members of an alias, a request read and blocked
 * (in progress) that relayed a request to another alias (a relay journal
 * record), a completed replay-cache entry, a request waiting unread, a
 * request held by an alias without members, a connection accepted and
 * one waiting for accept(), in the initial namespace and in another one.
 *
 * While it lives, rmmod (delete_module, O_NONBLOCK) fails with
 * EWOULDBLOCK and changes nothing: the same counts before and after, and
 * the data path still answers.  Then the holders are killed with SIGKILL
 * while rmmod is retried in a loop, so that the unload comes the moment
 * the last socket is gone, with the aliases still holding orphaned
 * entries, journals and completed entries and the namespaces exiting: it
 * must get through within a bounded time, leave no slab cache of the
 * module, and a new insmod (FTALIAS_KO) must start empty and work.
 * kmemleak (debug kernel) and the kernel log are checked by the runner.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "lib/kselftest_harness.h"
#include "lib/dp_util.h"

struct held_state {
	uint32_t srv, down, held, lis;
};

static int must(int r, const char *what)
{
	if (r < 0) {
		fprintf(stderr, "holder: %s: %s\n", what, strerror(-r));
		_exit(1);
	}
	return r;
}

static void recv_one(int fd, struct dp_msg *m, const char *what)
{
	char buf[128];

	if (dp_wait_readable(fd, 10000) <= 0 ||
	    dp_recv(fd, buf, sizeof(buf), m, MSG_DONTWAIT) < 0) {
		fprintf(stderr, "holder: nothing for %s\n", what);
		_exit(1);
	}
}

/* Makes the state, writes it to wfd, then waits to be killed. */
static void holder(int wfd, bool netns)
{
	struct sockaddr_ftalias sa;
	struct held_state st;
	struct ftalias_id id, y;
	int af, m1, m2, dm, cl, lis, c1, c2, acc;
	struct dp_msg m;
	struct dp_nl *nl;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (netns && unshare(CLONE_NEWNET))
		_exit(1);
	af = dp_af();
	nl = dp_nl_open();
	if (af <= 0 || !nl)
		_exit(1);
	st.srv = must(dp_alias_new(nl, "srv", -1, 60000), "alias srv");
	st.down = must(dp_alias_new(nl, "down", -1, 60000), "alias down");
	st.held = must(dp_alias_new(nl, "held", -1, 60000), "alias held");
	st.lis = must(dp_alias_new(nl, "lis", -1, 60000), "alias lis");
	m1 = must(dp_socket(af, st.srv, 10, SOCK_NONBLOCK), "member 1");
	m2 = must(dp_socket(af, st.srv, 5, SOCK_NONBLOCK), "member 2");
	dm = must(dp_socket(af, st.down, -1, SOCK_NONBLOCK), "down member");
	cl = must(dp_socket(af, 0, -1, SOCK_NONBLOCK), "client");

	/* in progress, with a relayed request journaled */
	must(dp_send_req(cl, af, st.srv, "r1", 2, &id, 0), "r1");
	recv_one(m1, &m, "r1");
	must(dp_record(m1, &m.id, FTALIAS_RECORD_BLOCK, NULL, 0), "block r1");
	must(dp_send_req_cmsg(m1, af, st.down, "y", 1, FTALIAS_CMSG_PARENT,
			      &m.id, sizeof(m.id), &y), "relay y");
	recv_one(dm, &m, "y");
	/* completed, reply not sent */
	must(dp_send_req(cl, af, st.srv, "r2", 2, &id, 0), "r2");
	recv_one(m1, &m, "r2");
	must(dp_record(m1, &m.id, FTALIAS_RECORD_AUTO_REPLY, "ok", 2),
	     "record r2");
	/* unread */
	must(dp_send_req(cl, af, st.srv, "r3", 2, &id, 0), "r3");
	/* held: no member */
	must(dp_send_req(cl, af, st.held, "r4", 2, &id, 0), "r4");

	/* connections: one accepted, one waiting for accept() */
	lis = socket(af, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	sa = dp_addr(af, FTALIAS_ADDR_ALIAS, st.lis, 0);
	if (lis < 0 || bind(lis, (struct sockaddr *)&sa, sizeof(sa)) ||
	    listen(lis, 8))
		_exit(1);
	c1 = socket(af, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	c2 = socket(af, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (c1 < 0 || c2 < 0 ||
	    connect(c1, (struct sockaddr *)&sa, sizeof(sa)) ||
	    send(c1, "hello", 5, 0) != 5)
		_exit(1);
	acc = accept(lis, NULL, NULL);
	if (acc < 0 || connect(c2, (struct sockaddr *)&sa, sizeof(sa)))
		_exit(1);
	(void)m2;

	if (write(wfd, &st, sizeof(st)) != sizeof(st))
		_exit(1);
	for (;;)
		pause();
}

struct snap {
	struct dp_alias srv, down, held;
	int members, conns;
};

static int snapshot(struct dp_nl *nl, const struct held_state *st,
		    struct snap *s)
{
	struct dp_member m[8];
	struct dp_conn c[8];
	int r;

	memset(s, 0, sizeof(*s));
	r = dp_alias_get(nl, st->srv, &s->srv);
	r = r ?: dp_alias_get(nl, st->down, &s->down);
	r = r ?: dp_alias_get(nl, st->held, &s->held);
	if (r)
		return r;
	s->members = dp_members(nl, 0, m, 8);
	s->conns = dp_conns(nl, 0, c, 8);
	return s->members < 0 ? s->members : s->conns < 0 ? s->conns : 0;
}

static pid_t start_holder(struct __test_metadata *_metadata, bool netns,
			  struct held_state *st)
{
	int p[2];
	pid_t pid;

	if (pipe(p))
		return -1;
	pid = fork();
	if (!pid) {
		close(p[0]);
		holder(p[1], netns);
	}
	close(p[1]);
	EXPECT_EQ((ssize_t)sizeof(*st), read(p[0], st, sizeof(*st)))
		TH_LOG("the holder did not make its state");
	close(p[0]);
	return pid;
}

static _Atomic int unloaded;
static _Atomic int tries;

static void *rmmod_loop(void *arg)
{
	int64_t end = dp_now_ms() + 60000;

	(void)arg;
	while (dp_now_ms() < end) {
		tries++;
		if (!syscall(__NR_delete_module, "ftalias", O_NONBLOCK)) {
			unloaded = 1;
			break;
		}
		if (errno != EWOULDBLOCK && errno != EBUSY && errno != EAGAIN)
			break;
		usleep(200);
	}
	return NULL;
}

static bool slab_left(void)
{
	FILE *f = fopen("/proc/slabinfo", "re");
	char line[512];
	bool left = false;

	if (!f)
		return false;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "ftalias", 7)) {
			left = true;
			fprintf(stderr, "# left: %s", line);
		}
	fclose(f);
	return left;
}

/* A request and its reply through a new alias, kept or deleted. */
static bool round_trip(struct dp_nl *nl, bool keep)
{
	int af = dp_af(), a, mb, fd;
	struct ftalias_id id;
	struct dp_msg m;
	char buf[16], name[32];
	bool ok;

	snprintf(name, sizeof(name), "unload-rt%d", getpid());
	a = dp_alias_new(nl, name, -1, 1000);
	if (a <= 0)
		return false;
	mb = dp_socket(af, a, -1, SOCK_NONBLOCK);
	fd = dp_socket(af, 0, -1, SOCK_NONBLOCK);
	ok = mb >= 0 && fd >= 0 &&
	     !dp_send_req(fd, af, a, "q", 1, &id, 0) &&
	     dp_wait_readable(mb, 5000) > 0 &&
	     dp_recv(mb, buf, sizeof(buf), &m, 0) == 1 &&
	     !dp_send_reply(mb, &m.id, "a", 1, 0) &&
	     dp_wait_readable(fd, 5000) > 0 &&
	     dp_recv(fd, buf, sizeof(buf), &m, 0) == 1;
	close(mb);
	close(fd);
	if (!keep && dp_alias_del(nl, a))
		ok = false;
	return ok;
}

FIXTURE(unload) {
};

FIXTURE_VARIANT(unload) {
	bool netns;
};

FIXTURE_VARIANT_ADD(unload, init_netns) { .netns = false };
FIXTURE_VARIANT_ADD(unload, other_netns) { .netns = true };

FIXTURE_SETUP(unload)
{
	if (geteuid())
		SKIP(return, "needs root");
	if (!getenv("FTALIAS_KO") || access(getenv("FTALIAS_KO"), R_OK))
		SKIP(return, "FTALIAS_KO not set");
	if (access("/sys/module/ftalias", F_OK))
		SKIP(return, "module not loaded");
}

FIXTURE_TEARDOWN(unload)
{
	if (access("/sys/module/ftalias", F_OK))
		dp_module_load();
}

TEST_F_TIMEOUT(unload, busy_then_race, 300)
{
	struct held_state st, st2;
	struct snap before, after;
	struct dp_nl *nl;
	pthread_t t;
	pid_t h, h2;
	int64_t t0;

	h = start_holder(_metadata, variant->netns, &st);
	ASSERT_GT(h, 0);
	/* a second holder, so that two namespaces' worth goes at once */
	h2 = start_holder(_metadata, true, &st2);
	ASSERT_GT(h2, 0);

	nl = dp_nl_open();
	ASSERT_NE(NULL, nl);
	if (!variant->netns) {
		ASSERT_EQ(0, snapshot(nl, &st, &before));
		EXPECT_EQ(3U, before.srv.members + before.down.members);
		EXPECT_EQ(1U, before.srv.cache.in_progress);
		EXPECT_EQ(1U, before.srv.cache.journal);
		EXPECT_LE(2U, before.srv.cache.entries);
		EXPECT_EQ(1U, before.held.held);
		EXPECT_EQ(2, before.conns);
	}

	/* busy: refused, and nothing changed */
	EXPECT_NE(0, syscall(__NR_delete_module, "ftalias", O_NONBLOCK));
	EXPECT_EQ(EWOULDBLOCK, errno);
	ASSERT_EQ(0, access("/sys/module/ftalias", F_OK));
	if (!variant->netns) {
		ASSERT_EQ(0, snapshot(nl, &st, &after));
		EXPECT_EQ(before.srv.members, after.srv.members);
		EXPECT_EQ(before.srv.pending, after.srv.pending);
		EXPECT_EQ(before.held.held, after.held.held);
		EXPECT_EQ(before.srv.cache.entries, after.srv.cache.entries);
		EXPECT_EQ(before.srv.cache.journal, after.srv.cache.journal);
		EXPECT_EQ(before.conns, after.conns);
	}
	/* the data path still works next to it (the alias stays: the
	 * unload takes it)
	 */
	EXPECT_TRUE(round_trip(nl, true));
	dp_nl_close(nl);

	/* the unload races the holders' deaths */
	unloaded = 0;
	tries = 0;
	t0 = dp_now_ms();
	ASSERT_EQ(0, pthread_create(&t, NULL, rmmod_loop, NULL));
	kill(h, SIGKILL);
	kill(h2, SIGKILL);
	pthread_join(t, NULL);
	waitpid(h, NULL, 0);
	waitpid(h2, NULL, 0);
	ASSERT_TRUE(unloaded) TH_LOG("rmmod did not get through in 60 s (%d tries)",
				     (int)tries);
	ksft_print_msg("unloaded %lld ms after the kill, %d tries\n",
		       (long long)(dp_now_ms() - t0), (int)tries);
	EXPECT_NE(0, access("/sys/module/ftalias", F_OK));
	EXPECT_FALSE(slab_left());

	/* loaded again: empty and working */
	ASSERT_EQ(0, dp_module_load());
	nl = dp_nl_open();
	ASSERT_NE(NULL, nl);
	EXPECT_EQ(0, dp_members(nl, 0, NULL, 0));
	EXPECT_EQ(0, dp_conns(nl, 0, NULL, 0));
	EXPECT_EQ(-ENOENT, dp_alias_get(nl, st.srv, &after.srv));
	EXPECT_TRUE(round_trip(nl, false));
	dp_nl_close(nl);
}

TEST_HARNESS_MAIN
