// SPDX-License-Identifier: GPL-2.0
/*
 * The ftalias trace events (Documentation/tracing.rst), read back from a
 * trace instance of tracefs: a failover under SIGKILL gives, in order,
 * the request queued and delivered to the active member, the member's
 * leave, the request taken back and held, the promotion of the backup
 * with the next incarnation, the request delivered again (redelivered)
 * and its reply routed to the requester; the re-send of the answered ID
 * gives a replay-cache hit answered by the kernel; a second connection
 * with the identity of a first drops it as stale; a request to an alias
 * without members is held, then fails after the grace period.
 *
 * A checkpoint is committed, and given to the backup that becomes active
 * before the request it gets again.
 *
 * Each test runs in its own network namespace; only the events of that
 * namespace count (their netns field).  Skipped when tracefs is missing.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "lib/dp_util.h"

#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "lib/kselftest_harness.h"

#define WAIT_MS		20000
#define TRACEFS		DP_TRACEFS
#define MAX_EVENTS	256
#define LINE_MAX_LEN	512

struct event {
	char name[40];
	char line[LINE_MAX_LEN];
};

FIXTURE(tp) {
	struct dp_nl *nl;
	int af;
	unsigned long netns;
	char inst[128];		/* the trace instance's directory */
	struct event ev[MAX_EVENTS];
	int nev;
	char buf[4096];
};

static int inst_write(FIXTURE_DATA(tp) *self, const char *file, const char *s)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", self->inst, file);
	return dp_write_str(path, s);
}

FIXTURE_SETUP(tp)
{
	struct stat st;

	self->af = dp_af();
	ASSERT_GT(self->af, 0) TH_LOG("ftalias module not loaded");
	if (access(TRACEFS "/instances", F_OK) &&
	    mount("nodev", TRACEFS, "tracefs", 0, NULL) &&
	    access(TRACEFS "/instances", F_OK))
		SKIP(return, "no tracefs on this kernel");
	if (access(TRACEFS "/events", F_OK))
		SKIP(return, "no trace events on this kernel");
	/* The module has its trace system, or it is too old: fail. */
	ASSERT_EQ(0, access(TRACEFS "/events/ftalias", F_OK))
		TH_LOG("no " TRACEFS "/events/ftalias: module without tracepoints");

	ASSERT_EQ(0, unshare(CLONE_NEWNET));
	ASSERT_EQ(0, stat("/proc/self/ns/net", &st));
	self->netns = st.st_ino;
	self->nl = dp_nl_open();
	ASSERT_NE(NULL, self->nl);

	/* An instance of our own: its buffer, its clock, its events. */
	ASSERT_EQ(0, dp_trace_instance_new(self->inst, sizeof(self->inst),
					   "ftalias"));
	/* Events of several CPUs are merged by time: one clock for all. */
	inst_write(self, "trace_clock", "global");
	ASSERT_EQ(0, inst_write(self, "events/ftalias/enable", "1"));
}

FIXTURE_TEARDOWN(tp)
{
	if (self->inst[0]) {
		inst_write(self, "events/ftalias/enable", "0");
		dp_trace_instance_del(self->inst);
	}
	if (self->nl)
		dp_nl_close(self->nl);
}

/* The value of " key=" in an event's line (-1 if missing). */
static long long field(const struct event *e, const char *key)
{
	char pat[48];
	const char *p;

	snprintf(pat, sizeof(pat), " %s=", key);
	p = strstr(e->line, pat);
	if (!p)
		return -1;
	return strtoll(p + strlen(pat), NULL, 0);
}

/* The word value of " key=" (a symbolic field) equals s. */
static bool field_is(const struct event *e, const char *key, const char *s)
{
	char pat[48];
	const char *p;
	size_t n = strlen(s);

	snprintf(pat, sizeof(pat), " %s=", key);
	p = strstr(e->line, pat);
	if (!p)
		return false;
	p += strlen(pat);
	return !strncmp(p, s, n) && (p[n] == ' ' || p[n] == '\n' || !p[n]);
}

/* The ID of a request event equals id (id=NODE:ALIAS:PORT:INC:XID). */
static bool id_is(const struct event *e, const struct ftalias_id *id)
{
	unsigned int node, alias, port, inc;
	unsigned long long xid;
	const char *p = strstr(e->line, " id=");

	if (!p || sscanf(p, " id=%u:%u:%u:%u:%llu", &node, &alias, &port,
			 &inc, &xid) != 5)
		return false;
	return node == id->node && alias == id->alias && port == id->port &&
	       inc == id->incarnation && xid == id->xid;
}

/* Reads the ftalias events of our namespace from the instance's buffer. */
static int read_events(FIXTURE_DATA(tp) *self)
{
	char path[256], line[LINE_MAX_LEN];
	FILE *f;

	snprintf(path, sizeof(path), "%s/trace", self->inst);
	f = fopen(path, "r");
	if (!f)
		return -errno;
	self->nev = 0;
	while (fgets(line, sizeof(line), f) && self->nev < MAX_EVENTS) {
		struct event *e = &self->ev[self->nev];
		const char *p = strstr(line, ": ftalias_");
		size_t n;

		if (line[0] == '#' || !p)
			continue;
		p += 2;
		n = strcspn(p, ":");
		if (n >= sizeof(e->name))
			continue;
		memcpy(e->name, p, n);
		e->name[n] = 0;
		snprintf(e->line, sizeof(e->line), "%s", p + n + 1);
		if (field(e, "netns") != (long long)self->netns)
			continue;
		self->nev++;
	}
	fclose(f);
	return self->nev;
}

static void dump_events(FIXTURE_DATA(tp) *self)
{
	int i;

	for (i = 0; i < self->nev; i++)
		fprintf(stderr, "#   %s:%s", self->ev[i].name, self->ev[i].line);
}

/*
 * The first event named name at or after *from that matches (match may
 * be NULL); *from moves past it.  NULL if none.
 */
typedef bool (*match_fn)(const struct event *e, const void *arg);

static const struct event *next_event(FIXTURE_DATA(tp) *self, int *from,
				      const char *name, match_fn match,
				      const void *arg)
{
	int i;

	for (i = *from; i < self->nev; i++) {
		if (strcmp(self->ev[i].name, name))
			continue;
		if (match && !match(&self->ev[i], arg))
			continue;
		*from = i + 1;
		return &self->ev[i];
	}
	return NULL;
}

static bool match_id(const struct event *e, const void *arg)
{
	return id_is(e, arg);
}

/* Receive one message within WAIT_MS; its length or -errno. */
static ssize_t recv_wait(int fd, void *buf, size_t size, struct dp_msg *m)
{
	return dp_recv_wait(fd, buf, size, m, WAIT_MS);
}

static int sp_socket(int af, int type, uint32_t port)
{
	struct sockaddr_ftalias sa = dp_addr(af, FTALIAS_ADDR_PORT, 0, port);
	int fd = socket(af, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -errno;
	if (type == 'l') {
		if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) ||
		    listen(fd, 8))
			goto fail;
	}
	return fd;
fail:
	close(fd);
	return -errno;
}

/* A SOCK_SEQPACKET connection to port with the identity of alias ident. */
static int sp_connect(int af, uint32_t port, uint32_t ident)
{
	struct sockaddr_ftalias sa = dp_addr(af, FTALIAS_ADDR_PORT, 0, port);
	struct ftalias_identity id = { .alias = ident };
	int fd = sp_socket(af, 'c', 0), err;

	if (fd < 0)
		return fd;
	if (setsockopt(fd, SOL_FTALIAS, FTALIAS_IDENTITY, &id, sizeof(id)) ||
	    connect(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		err = -errno;
		close(fd);
		return err;
	}
	return fd;
}

static uint32_t sp_conn_id(int fd)
{
	struct ftalias_conn_info ci;
	socklen_t len = sizeof(ci);

	memset(&ci, 0, sizeof(ci));
	if (getsockopt(fd, SOL_FTALIAS, FTALIAS_CONN_INFO, &ci, &len))
		return 0;
	return ci.id;
}

/* The active member of a failover: reports its port, takes a request, hangs. */
static void __attribute__((noreturn))
member_proc(int af, uint32_t alias, int out)
{
	struct dp_msg m;
	uint32_t port;
	char buf[64];
	int fd = dp_socket(af, alias, 10, 0);

	if (fd < 0)
		_exit(1);
	port = dp_port(fd);
	if (write(out, &port, sizeof(port)) != sizeof(port))
		_exit(1);
	if (dp_recv(fd, buf, sizeof(buf), &m, 0) < 0 || !m.has_id)
		_exit(1);
	if (write(out, &m.id, sizeof(m.id)) != sizeof(m.id))
		_exit(1);
	for (;;)
		pause();
}

#define EXPECT_EVENT(e, what)						\
	do {								\
		EXPECT_NE(NULL, e) TH_LOG("missing: %s", what);		\
		if (!(e)) {						\
			dump_events(self);				\
			return;						\
		}							\
	} while (0)

TEST_F(tp, failover_cache_hit_stale_conn)
{
	uint32_t s = dp_alias_new(self->nl, "tp-server", -1, -1);
	uint32_t ca = dp_alias_new(self->nl, "tp-client", -1, -1);
	uint32_t port1, port2, cport, lport, inc;
	const struct event *e;
	struct ftalias_id id, got;
	struct dp_msg m;
	int p[2], m2, cli, l, c1, c2, st, at = 0;
	char want[32];
	pid_t pid;

	ASSERT_GT((int)s, 0);
	ASSERT_GT((int)ca, 0);
	ASSERT_EQ(0, pipe(p));
	pid = fork();
	ASSERT_GE(pid, 0);
	if (!pid) {
		close(p[0]);
		member_proc(self->af, s, p[1]);
	}
	close(p[1]);
	ASSERT_EQ((ssize_t)sizeof(port1), read(p[0], &port1, sizeof(port1)));
	/* The backup joins after the active member, with a lower priority. */
	m2 = dp_socket(self->af, s, 5, 0);
	ASSERT_GE(m2, 0);
	port2 = dp_port(m2);
	cli = dp_socket(self->af, ca, -1, 0);	/* a member of the client alias */
	ASSERT_GE(cli, 0);
	cport = dp_port(cli);
	ASSERT_EQ(1, dp_is_active(cli));

	ASSERT_EQ(0, dp_send_req(cli, self->af, s, "ping", 4, &id, 0));
	ASSERT_EQ((ssize_t)sizeof(got), read(p[0], &got, sizeof(got)));
	ASSERT_TRUE(dp_id_eq(&id, &got));
	ASSERT_EQ(0, kill(pid, SIGKILL));
	ASSERT_EQ(pid, waitpid(pid, &st, 0));
	close(p[0]);

	/* The backup, promoted, gets it again and answers (recorded). */
	ASSERT_EQ(4, recv_wait(m2, self->buf, sizeof(self->buf), &m));
	ASSERT_TRUE(dp_id_eq(&id, &m.id));
	EXPECT_TRUE((m.flags & FTALIAS_F_REDELIVERED) != 0);
	ASSERT_EQ(0, dp_reply_record(m2, &id, "pong", 4));
	ASSERT_EQ(4, recv_wait(cli, self->buf, sizeof(self->buf), &m));
	ASSERT_TRUE(m.has_reply_to && dp_id_eq(&id, &m.reply_to));

	/* The re-send of the answered ID: the replay cache answers. */
	ASSERT_EQ(0, dp_send_req_cmsg(cli, self->af, s, "ping", 4,
				      FTALIAS_CMSG_ID, &id, sizeof(id), NULL));
	ASSERT_EQ(4, recv_wait(cli, self->buf, sizeof(self->buf), &m));
	ASSERT_TRUE(m.has_reply_to && dp_id_eq(&id, &m.reply_to));
	EXPECT_EQ(0, memcmp(self->buf, "pong", 4));
	EXPECT_TRUE(dp_nothing_queued(m2));

	/* Newest wins: a second connection with the client alias's identity. */
	l = sp_socket(self->af, 'l', 0);
	ASSERT_GE(l, 0);
	lport = dp_port(l);
	c1 = sp_connect(self->af, lport, ca);
	ASSERT_GE(c1, 0);
	c2 = sp_connect(self->af, lport, ca);
	ASSERT_GE(c2, 0);

	ASSERT_GT(read_events(self), 0);

	e = next_event(self, &at, "ftalias_request_queued", match_id, &id);
	EXPECT_EVENT(e, "ftalias_request_queued of the request");
	EXPECT_EQ(s, field(e, "alias"));
	EXPECT_EQ(4, field(e, "len"));
	EXPECT_EQ(0, field(e, "flags"));
	EXPECT_EQ(ca, id.alias);
	EXPECT_EQ(cport, id.port);

	e = next_event(self, &at, "ftalias_request_delivered", match_id, &id);
	EXPECT_EVENT(e, "ftalias_request_delivered to the active member");
	EXPECT_EQ(port1, field(e, "port"));
	EXPECT_EQ(0, field(e, "redelivered"));
	inc = field(e, "inc");

	e = next_event(self, &at, "ftalias_member_leave", NULL, NULL);
	EXPECT_EVENT(e, "ftalias_member_leave of the killed member");
	EXPECT_EQ(s, field(e, "alias"));
	EXPECT_EQ(port1, field(e, "port"));
	EXPECT_EQ(1, field(e, "active"));

	e = next_event(self, &at, "ftalias_request_held", match_id, &id);
	EXPECT_EVENT(e, "ftalias_request_held, taken back");
	EXPECT_TRUE(field_is(e, "reason", "taken_back")) TH_LOG("%s", e->line);
	EXPECT_EQ(FTALIAS_F_REDELIVERED, field(e, "flags"));

	e = next_event(self, &at, "ftalias_promotion", NULL, NULL);
	EXPECT_EVENT(e, "ftalias_promotion of the backup");
	EXPECT_EQ(s, field(e, "alias"));
	EXPECT_EQ(port1, field(e, "old_port"));	/* the member that left */
	EXPECT_EQ(port2, field(e, "new_port"));
	EXPECT_EQ(inc + 1, field(e, "inc"));
	EXPECT_EQ(1, field(e, "held"));

	e = next_event(self, &at, "ftalias_request_delivered", match_id, &id);
	EXPECT_EVENT(e, "ftalias_request_delivered again, to the backup");
	EXPECT_EQ(port2, field(e, "port"));
	EXPECT_EQ(1, field(e, "redelivered"));
	EXPECT_EQ(inc + 1, field(e, "inc"));
	EXPECT_TRUE(field(e, "flags") & FTALIAS_F_REDELIVERED);

	e = next_event(self, &at, "ftalias_reply_routed", match_id, &id);
	EXPECT_EVENT(e, "ftalias_reply_routed of the backup's reply");
	EXPECT_TRUE(field_is(e, "kind", "reply")) TH_LOG("%s", e->line);
	EXPECT_EQ(s, field(e, "src_alias"));
	EXPECT_EQ(port2, field(e, "src_port"));
	EXPECT_EQ(ca, field(e, "dst_alias"));
	EXPECT_EQ(cport, field(e, "dst_port"));
	EXPECT_TRUE(field_is(e, "outcome", "queued")) TH_LOG("%s", e->line);

	e = next_event(self, &at, "ftalias_request_queued", match_id, &id);
	EXPECT_EVENT(e, "ftalias_request_queued of the re-send");
	EXPECT_EQ(FTALIAS_F_RESENT, field(e, "flags"));

	e = next_event(self, &at, "ftalias_cache_hit", match_id, &id);
	EXPECT_EVENT(e, "ftalias_cache_hit of the re-send");
	EXPECT_EQ(s, field(e, "alias"));
	EXPECT_TRUE(field_is(e, "kind", "auto_reply")) TH_LOG("%s", e->line);
	EXPECT_EQ(4, field(e, "len"));

	e = next_event(self, &at, "ftalias_reply_routed", match_id, &id);
	EXPECT_EVENT(e, "ftalias_reply_routed of the cache's answer");
	EXPECT_EQ(0, field(e, "src_port"));
	EXPECT_EQ(cport, field(e, "dst_port"));
	EXPECT_TRUE(field_is(e, "outcome", "queued")) TH_LOG("%s", e->line);

	e = next_event(self, &at, "ftalias_conn_stale", NULL, NULL);
	EXPECT_EVENT(e, "ftalias_conn_stale");
	EXPECT_EQ(sp_conn_id(c2), field(e, "new_id"));
	EXPECT_NE(0, field(e, "old_id"));
	EXPECT_NE(field(e, "new_id"), field(e, "old_id"));
	EXPECT_EQ(0, field(e, "ep_alias"));
	EXPECT_EQ(lport, field(e, "ep_port"));
	EXPECT_EQ(dp_port(c1), field(e, "old_port"));
	EXPECT_EQ(dp_port(c2), field(e, "new_port"));
	snprintf(want, sizeof(want), " ident=0:%u:", ca);
	EXPECT_NE(NULL, strstr(e->line, want)) TH_LOG("%s", e->line);

	close(c2);
	close(c1);
	close(l);
	close(cli);
	close(m2);
	EXPECT_EQ(0, dp_alias_del(self->nl, s));
	EXPECT_EQ(0, dp_alias_del(self->nl, ca));
}

/* No member: the request is held, then fails after the grace period. */
TEST_F(tp, held_then_failed)
{
	uint32_t s = dp_alias_new(self->nl, "tp-empty", -1, 200);
	const struct event *e;
	struct ftalias_id id;
	struct dp_msg m;
	int cli, at = 0;

	ASSERT_GT((int)s, 0);
	cli = dp_socket(self->af, 0, -1, 0);
	ASSERT_GE(cli, 0);
	ASSERT_EQ(0, dp_send_req(cli, self->af, s, "lost", 4, &id, 0));
	ASSERT_EQ(0, recv_wait(cli, self->buf, sizeof(self->buf), &m));
	EXPECT_EQ((uint32_t)EHOSTUNREACH, m.err);

	ASSERT_GT(read_events(self), 0);
	e = next_event(self, &at, "ftalias_request_queued", match_id, &id);
	EXPECT_EVENT(e, "ftalias_request_queued");
	e = next_event(self, &at, "ftalias_request_held", match_id, &id);
	EXPECT_EVENT(e, "ftalias_request_held");
	EXPECT_TRUE(field_is(e, "reason", "no_active")) TH_LOG("%s", e->line);
	EXPECT_EQ(200, field(e, "grace_ms"));
	e = next_event(self, &at, "ftalias_request_failed", match_id, &id);
	EXPECT_EVENT(e, "ftalias_request_failed");
	EXPECT_EQ(s, field(e, "alias"));
	EXPECT_EQ(EHOSTUNREACH, field(e, "err"));
	e = next_event(self, &at, "ftalias_reply_routed", match_id, &id);
	EXPECT_EVENT(e, "ftalias_reply_routed of the notice");
	EXPECT_TRUE(field_is(e, "kind", "notice")) TH_LOG("%s", e->line);
	EXPECT_EQ(s, field(e, "src_alias"));
	EXPECT_EQ(dp_port(cli), field(e, "dst_port"));

	close(cli);
	EXPECT_EQ(0, dp_alias_del(self->nl, s));
}

/*
 * alias-save with move freezes the alias and keeps it frozen: the copy is
 * traced, and a request sent meanwhile is held, "frozen", until the
 * saver's socket closes and the alias thaws.
 */
TEST_F(tp, save_freeze)
{
	uint32_t s = dp_alias_new(self->nl, "tp-frozen", -1, 20000);
	const struct event *e;
	struct ftalias_id id;
	struct dp_saved sv;
	struct dp_part d;
	struct dp_msg m;
	int srv, cli, at = 0;

	ASSERT_GT((int)s, 0);
	srv = dp_socket(self->af, s, -1, 0);
	cli = dp_socket(self->af, 0, -1, 0);
	ASSERT_GE(srv, 0);
	ASSERT_GE(cli, 0);
	ASSERT_EQ(0, dp_save_move(&d, self->nl->fam, s, &sv));
	free(sv.buf);
	ASSERT_EQ(0, dp_send_req(cli, self->af, s, "held", 4, &id, 0));
	dp_part_close(&d);
	ASSERT_EQ(4, recv_wait(srv, self->buf, sizeof(self->buf), &m));

	ASSERT_GT(read_events(self), 0);
	e = next_event(self, &at, "ftalias_save_freeze", NULL, NULL);
	EXPECT_EVENT(e, "ftalias_save_freeze");
	EXPECT_EQ(s, field(e, "alias"));
	EXPECT_EQ(1, field(e, "move"));
	EXPECT_EQ(0, field(e, "entries"));
	EXPECT_LE(0, field(e, "frozen_us"));
	e = next_event(self, &at, "ftalias_request_held", match_id, &id);
	EXPECT_EVENT(e, "ftalias_request_held");
	EXPECT_TRUE(field_is(e, "reason", "frozen")) TH_LOG("%s", e->line);
	e = next_event(self, &at, "ftalias_request_delivered", match_id, &id);
	EXPECT_EVENT(e, "ftalias_request_delivered after the thaw");

	close(cli);
	close(srv);
	EXPECT_EQ(0, dp_alias_del(self->nl, s));
}

/*
 * A checkpoint committed (ftalias_checkpoint), then given to the backup
 * that the primary's death makes active (ftalias_checkpoint_load), after
 * its promotion and before the request it gets again.
 */
TEST_F(tp, checkpoint)
{
	uint32_t s = dp_alias_new(self->nl, "tp-ckpt", -1, 20000), p1;
	char *st = malloc(70000);
	int m1, m2, cli, at = 0;
	const struct event *e;
	struct ftalias_id id;
	struct dp_msg m;

	ASSERT_GT((int)s, 0);
	ASSERT_NE(NULL, st);
	m1 = dp_socket(self->af, s, 10, 0);
	m2 = dp_socket(self->af, s, 5, 0);
	cli = dp_socket(self->af, 0, -1, 0);
	ASSERT_GE(m1, 0);
	ASSERT_GE(m2, 0);
	ASSERT_GE(cli, 0);
	p1 = dp_port(m1);
	memset(st, 's', 70000);
	/* 70000 bytes sent in 18 chunks of at most 4096 B. */
	ASSERT_EQ(0, dp_checkpoint(m1, st, 70000, 4096));
	ASSERT_EQ(0, dp_send_req(cli, self->af, s, "after", 5, &id, 0));
	close(m1);
	ASSERT_EQ(65536, recv_wait(m2, st, FTALIAS_MSG_MAX, &m));
	EXPECT_EQ((uint32_t)FTALIAS_F_CHECKPOINT, m.flags);
	ASSERT_EQ(70000 - 65536, recv_wait(m2, st, FTALIAS_MSG_MAX, &m));
	ASSERT_EQ(5, recv_wait(m2, st, FTALIAS_MSG_MAX, &m));
	free(st);

	ASSERT_GT(read_events(self), 0);
	e = next_event(self, &at, "ftalias_checkpoint", NULL, NULL);
	EXPECT_EVENT(e, "ftalias_checkpoint");
	EXPECT_EQ(s, field(e, "alias"));
	EXPECT_EQ(p1, field(e, "port"));
	EXPECT_EQ(1, field(e, "seq"));
	EXPECT_EQ(70000, field(e, "bytes"));
	/* Kept in 2 chunks of FTALIAS_MSG_MAX (the last one shorter). */
	EXPECT_EQ(2, field(e, "chunks"));
	e = next_event(self, &at, "ftalias_promotion", NULL, NULL);
	EXPECT_EVENT(e, "ftalias_promotion");
	e = next_event(self, &at, "ftalias_checkpoint_load", NULL, NULL);
	EXPECT_EVENT(e, "ftalias_checkpoint_load");
	EXPECT_EQ(dp_port(m2), field(e, "port"));
	EXPECT_EQ(1, field(e, "seq"));
	EXPECT_EQ(2, field(e, "chunks"));
	e = next_event(self, &at, "ftalias_request_delivered", match_id, &id);
	EXPECT_EVENT(e, "ftalias_request_delivered after the load");

	close(cli);
	close(m2);
	EXPECT_EQ(0, dp_alias_del(self->nl, s));
}

TEST_HARNESS_MAIN
