// SPDX-License-Identifier: GPL-2.0
/*
 * counter: a server whose state lives only in its memory, kept across
 * crashes by the checkpoints of its alias (seed 004), and its client.
 *
 *   counter [-p PRIORITY] [-f FILE] [-i N] [-F L] [-t MS]
 *           [-k N [-K apply|checkpoint|reply]] serve ALIAS
 *   counter [-c K] [-s START] [-n N] [-t MS] [-w MS] call ALIAS
 *
 * The server holds COUNTERS counters and serves "add K D" (counter K
 * plus D; the reply is its new value, "K=V").  Adding is not idempotent:
 * a request executed twice, or lost, shows in the values.  For each
 * request the server
 *
 *   1. applies it to its state, and notes its ID and reply in the state;
 *   2. commits the state as its alias's checkpoint
 *      (ftalias_pa_checkpoint());
 *   3. replies.
 *
 * A member that becomes active reads the alias's checkpoint first
 * (PA_MSG_CHECKPOINT) and takes it as its state.  The requests its
 * predecessor had not answered come next, again: one whose ID the state
 * notes as the last applied (the predecessor died between 2 and 3) gets
 * the noted reply without being applied again; any other is applied.
 * Every request is checkpointed before its reply, so no answered request
 * is missing from the state.
 *
 * -i N relies on the alias's input log instead (ftaliasctl alias set
 * ALIAS input-log on): the alias logs every request its active member
 * reads (an input), and the server commits a checkpoint every N inputs
 * rather than before every reply, at step 2 of its Nth input since the
 * last one (before the reply: the request the state notes as the last is
 * in it).  A member that becomes active reads the checkpoint, then the
 * inputs read after it, in the order they were read (FTALIAS_F_REPLAY),
 * then live requests.  It applies the replayed inputs like any other, and
 * they count toward N: from the checkpoint's state they give the same
 * replies, which the kernel drops for the requests answered already
 * (replay-suppressed) and passes on for the one still pending.  A request
 * the checkpoint covers but that its predecessor did not answer (it died
 * between 2 and 3) comes again as above (FTALIAS_F_REDELIVERED) and is
 * answered from the state.  At most N inputs are replayed, all but the
 * last answered already: a member reads at most N inputs past its last
 * checkpoint, and checkpoints the Nth before replying to it.  Once it has
 * read them, at the first live request (or when none comes for
 * REPLAY_IDLE_MS), the server prints "replayed R inputs after checkpoint
 * S" (S 0: no checkpoint yet).  With -i, the server traces its
 * checkpoints rather than each request.
 *
 * -F L makes the server a client of another alias too, L, the ledger (a
 * counter server of its own, whose alias has record-replies on): before
 * applying an "add K D" it calls L with the same "add K D"
 * (ftalias_pa_call() on its member socket, -t bounding the wait) and gets
 * the ledger's new value "K=V"; it then applies the add and checks that
 * its own new value is V.  A forward lost or made twice shows: the server
 * prints "MISMATCH" and exits 1.  With -i (the alias's input log), the
 * alias logs these calls too (its outputs), and a member replaying the
 * inputs makes them again, in the same order: each gets the ID of the
 * first one, and the kernel gives its answer (kept, or on its way) or
 * sends it again for the ledger's replay cache to answer
 * (FTALIAS_F_RESENT): the ledger does not apply it twice, and the answer
 * is the one of the first time.  Without -i, a request applied again
 * after a failover is forwarded again, a new request to the ledger.
 *
 * -f FILE keeps the counters in FILE too, as one line of text rewritten
 * in place: a buffered file update of seed 004 (ftalias_pa_stage_write()),
 * staged with each checkpoint and made only once the checkpoint that holds
 * the same counters is committed.
 * A member that restores a checkpoint finds FILE as that checkpoint says
 * (the library writes it again) and says so.  FTALIAS_PA_TEST_CRASH=C:S
 * (libftalias's test hook) aborts the server at step S of the writes of
 * its Cth checkpoint: 1 after the commit, 2 after the write, 3 after its
 * fsync.
 *
 * -k N -K POINT aborts on the Nth request right after POINT: "apply"
 * (the checkpoint does not have it: the backup applies it), "checkpoint"
 * (it does: the backup answers it from the state; with -i, right before
 * the reply, after a checkpoint only on the Nth input) or "reply"
 * (answered: the backup goes on with the next).
 *
 * The client adds 1 to counter (i % COUNTERS) for i in 0..N-1, or with
 * -c K to counter K alone, one ftalias_pa_call() each, and checks each new
 * value: START (-s, default 0) plus the adds so far.  Clients that each
 * add to a counter of their own (-c) may run at once and still know every
 * value.  -w MS paces the calls: a pause of MS ms before each but the
 * first.  Exits 0 if all were right and no stray reply came (an answer to
 * a request already answered, or whose call had timed out, -t).
 */
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdbool.h>

#include "example.h"

#define COUNTERS	4
#define REPLY_LEN	64
#define REPLAY_IDLE_MS	200	/* -i: no request for so long ends a replay */

enum point { P_NONE, P_APPLY, P_CHECKPOINT, P_REPLY };

/* What the checkpoint holds: all of the server's state. */
struct state {
	uint64_t counter[COUNTERS];
	uint64_t applied;		/* requests applied */
	struct ftalias_id last;		/* the last request applied */
	char last_reply[REPLY_LEN];	/* and its reply */
};

struct server {
	struct pa_sock *ps;
	struct state st;
	const char *file;		/* -f */
	uint32_t ledger;		/* -F: each add goes there first (0: no) */
	int timeout_ms;			/* -t: for the ledger's reply */
	unsigned long served;
	unsigned long die_at;		/* 0: never */
	enum point die_after;
	unsigned long every;		/* -i: a checkpoint every N inputs */
	unsigned long since;		/* inputs read since the checkpoint */
	bool replaying;			/* reading a checkpoint's inputs */
	uint64_t replay_ckpt;		/* that checkpoint (0: none) */
	unsigned long replayed;		/* inputs read again after it */
};

static void point(struct server *s, enum point p, const char *req)
{
	if (s->die_after != p || s->served != s->die_at)
		return;
	ex_trace("aborting after %s of '%s'",
		 p == P_APPLY ? "apply" : p == P_CHECKPOINT ? "checkpoint" :
		 "reply", req);
	abort();
}

/* The counters as the line -f keeps: fixed width, rewritten in place. */
static void file_line(const struct state *st, char *buf, size_t size)
{
	snprintf(buf, size, "%010" PRIu64 " %010" PRIu64 " %010" PRIu64
		 " %010" PRIu64 "\n", st->counter[0], st->counter[1],
		 st->counter[2], st->counter[3]);
}

static void reply(struct server *s, const struct ftalias_id *id,
		  const char *rep)
{
	int err = ftalias_pa_reply(s->ps, id, rep, strlen(rep), 0);

	if (err)
		ex_trace("  reply failed: %s", strerror(-err));
}

/*
 * -F: "add K D" to the ledger first; its new value of counter K in
 * *@ledger_v.
 */
static void forward(struct server *s, const char *req, unsigned int k,
		    uint64_t *ledger_v)
{
	char rep[REPLY_LEN], ids[PA_ID_STRLEN];
	struct ftalias_id id = { 0 };
	unsigned int lk;
	size_t len = 0;
	int n = 0, err;

	err = ftalias_pa_call(s->ps, s->ledger, req, strlen(req), rep,
			      sizeof(rep) - 1, &len, s->timeout_ms, &id);
	ftalias_pa_id_str(&id, ids, sizeof(ids));
	if (err)
		ex_die("'%s' to the ledger (alias %u) as %s: %s", req,
		       s->ledger, ids, strerror(-err));
	ex_str(rep, len, sizeof(rep));
	if (sscanf(rep, "%u=%" SCNu64 "%n", &lk, ledger_v, &n) != 2 ||
	    rep[n] || lk != k)
		ex_die("MISMATCH: '%s' to the ledger as %s -> '%s'", req, ids,
		       rep);
}

/* Commit the state (and, with -f, the file's line) as the checkpoint. */
static void commit(struct server *s)
{
	int err;

	if (s->file) {
		char line[64];

		file_line(&s->st, line, sizeof(line));
		err = ftalias_pa_stage_write(s->ps, s->file, 0, line,
					     strlen(line));
		if (err)
			ex_die("stage write: %s", strerror(-err));
	}
	err = ftalias_pa_checkpoint(s->ps, &s->st, sizeof(s->st));
	if (err)
		ex_die("checkpoint: %s", strerror(-err));
	s->since = 0;
	if (s->every)
		ex_trace("checkpoint: %" PRIu64 " requests applied",
			 s->st.applied);
}

/* -i: the inputs read again after a checkpoint, once all are read. */
static void replay_done(struct server *s)
{
	if (!s->replaying)
		return;
	s->replaying = false;
	if (s->every || s->replayed)
		ex_trace("replayed %lu inputs after checkpoint %" PRIu64,
			 s->replayed, s->replay_ckpt);
}

static void serve(struct server *s, const struct pa_msg *m, const char *req)
{
	char ids[PA_ID_STRLEN];
	const char *rep;
	bool applied = false;
	unsigned int k;
	uint64_t d, ledger_v;

	ftalias_pa_id_str(&m->id, ids, sizeof(ids));
	if (ftalias_pa_id_eq(&m->id, &s->st.last)) {
		ex_trace("request %s '%s': applied before (in the checkpoint), answered again -> '%s'",
			 ids, req, s->st.last_reply);
		rep = s->st.last_reply;
	} else if (sscanf(req, "add %u %" SCNu64, &k, &d) != 2 ||
		   k >= COUNTERS) {
		rep = "EINVAL";
	} else {
		if (s->ledger)
			forward(s, req, k, &ledger_v);
		s->served++;
		s->st.counter[k] += d;
		if (s->ledger && s->st.counter[k] != ledger_v)
			ex_die("MISMATCH: request %s '%s': counter %u at %" PRIu64
			       ", the ledger's at %" PRIu64, ids, req, k,
			       s->st.counter[k], ledger_v);
		s->st.applied++;
		s->st.last = m->id;
		snprintf(s->st.last_reply, sizeof(s->st.last_reply),
			 "%u=%" PRIu64, k, s->st.counter[k]);
		rep = s->st.last_reply;
		applied = true;
		point(s, P_APPLY, req);
	}
	/* Every input counts with -i; without, every request applied. */
	if (s->every ? ++s->since >= s->every : applied)
		commit(s);
	if (applied) {
		point(s, P_CHECKPOINT, req);
		if (!s->every)
			ex_trace("request %s '%s': applied, checkpointed -> '%s'",
				 ids, req, rep);
	}
	reply(s, &m->id, rep);
	if (applied)
		point(s, P_REPLY, req);
}

/* The alias's checkpoint: the state, and FILE as it says. */
static void checkpoint(struct server *s, const struct pa_msg *m)
{
	char want[64], got[64] = "";
	ssize_t n;
	int fd;

	if (m->err || m->arg_len != sizeof(s->st))
		ex_die("checkpoint of %zu bytes: %s", m->arg_len,
		       m->err ? strerror(-m->err) : "not a state");
	replay_done(s);
	memcpy(&s->st, m->arg, sizeof(s->st));
	s->since = 0;
	s->replaying = true;
	s->replay_ckpt = m->id.xid;
	s->replayed = 0;
	ex_trace("restored checkpoint %" PRIu64 ": %" PRIu64 " requests applied",
		 (uint64_t)m->id.xid, s->st.applied);
	if (!s->file)
		return;
	file_line(&s->st, want, sizeof(want));
	fd = open(s->file, O_RDONLY | O_CLOEXEC);
	n = fd < 0 ? -1 : read(fd, got, sizeof(got) - 1);
	if (fd >= 0)
		close(fd);
	got[n > 0 ? n : 0] = 0;
	if (strcmp(got, want))
		ex_trace("FILE MISMATCH: %s holds '%.43s', the checkpoint '%.43s'",
			 s->file, got, want);
	else
		ex_trace("%s matches the checkpoint", s->file);
}

static int serve_main(struct server *s, uint32_t alias,
		      const struct pa_member_opts *mo)
{
	static char buf[FTALIAS_MSG_MAX + 1];
	struct pa_msg m;
	uint32_t port;
	int err;

	err = ftalias_pa_open_member(&s->ps, alias, mo);
	if (err)
		ex_die("joining alias %u: %s", alias, strerror(-err));
	ftalias_pa_port(s->ps, &port, NULL);
	ex_trace("member of alias %u, port %u, %s", alias, port,
		 ftalias_pa_active(s->ps) == 1 ? "active" : "backup (waiting)");
	for (;;) {
		err = ftalias_pa_receive(s->ps, &m, buf, sizeof(buf) - 1,
					 s->replaying ? REPLAY_IDLE_MS : -1);
		if (err == -ETIMEDOUT) {
			replay_done(s);
			continue;
		}
		if (err == -EINTR)
			continue;
		if (err)
			ex_die("receive: %s", strerror(-err));
		switch (m.kind) {
		case PA_MSG_CHECKPOINT:
			checkpoint(s, &m);
			break;
		case PA_MSG_REQUEST:
			if (!(m.flags & FTALIAS_F_REPLAY)) {
				replay_done(s);
			} else {
				/* inputs logged before any checkpoint? */
				if (!s->replaying) {
					s->replaying = true;
					s->replay_ckpt = 0;
					s->replayed = 0;
				}
				s->replayed++;
			}
			serve(s, &m, ex_str(buf, m.len, sizeof(buf)));
			break;
		default:
			ex_trace("ignored a message of kind %d", m.kind);
		}
	}
}

struct client {
	unsigned long n;		/* -n */
	int counter;			/* -c, or -1: each in turn */
	uint64_t start;			/* -s */
	int timeout_ms;			/* -t */
	unsigned long pause_ms;		/* -w */
};

static int call_main(uint32_t alias, const struct client *c)
{
	uint64_t want[COUNTERS];
	char req[64], rep[REPLY_LEN], exp[REPLY_LEN];
	unsigned long i, wrong = 0;
	struct pa_stats pst;
	struct pa_sock *ps;
	unsigned int k;
	size_t len;
	int err;

	for (k = 0; k < COUNTERS; k++)
		want[k] = c->start;
	err = ftalias_pa_open(&ps);
	if (err)
		ex_die("socket: %s", strerror(-err));
	for (i = 0; i < c->n; i++) {
		if (i && c->pause_ms) {
			struct timespec ts = {
				.tv_sec = c->pause_ms / 1000,
				.tv_nsec = (c->pause_ms % 1000) * 1000000L,
			};

			while (nanosleep(&ts, &ts) && errno == EINTR)
				;
		}
		k = c->counter < 0 ? i % COUNTERS : (unsigned int)c->counter;
		snprintf(req, sizeof(req), "add %u 1", k);
		snprintf(exp, sizeof(exp), "%u=%" PRIu64, k, ++want[k]);
		len = 0;
		err = ftalias_pa_call(ps, alias, req, strlen(req), rep,
				      sizeof(rep) - 1, &len, c->timeout_ms,
				      NULL);
		if (err) {
			ex_trace("%s, want '%s': %s", req, exp, strerror(-err));
			wrong++;
			continue;
		}
		ex_str(rep, len, sizeof(rep));
		if (strcmp(rep, exp)) {
			ex_trace("%s -> '%s', want '%s': WRONG", req, rep, exp);
			wrong++;
		}
	}
	ftalias_pa_get_stats(ps, &pst);
	ex_trace("%lu calls, %lu wrong, %" PRIu64 " stray replies", c->n,
		 wrong, pst.strays);
	ftalias_pa_close(ps);
	return wrong || pst.strays ? 1 : 0;
}

static void __attribute__((noreturn)) usage(int status)
{
	fprintf(status ? stderr : stdout,
		"usage: %s [-p PRIORITY] [-f FILE] [-i N] [-F L] [-t MS]\n"
		"          [-k N [-K apply|checkpoint|reply]] serve ALIAS\n"
		"       %s [-c K] [-s START] [-n N] [-t MS] [-w MS] call ALIAS\n"
		"  ALIAS   NAME or id ID (ftaliasctl alias add NAME)\n"
		"  -p N    member priority (higher becomes active first)\n"
		"  -f FILE keep the counters in FILE too, written after each checkpoint\n"
		"  -i N    checkpoint every N inputs, not before every reply: the alias\n"
		"          needs input-log on, its log replays the inputs after it\n"
		"  -F L    make each add on alias L (NAME, the ledger) first and check\n"
		"          the values: exit 1 on a MISMATCH (-i makes it exactly once)\n"
		"  -k N    abort() on the Nth request...\n"
		"  -K P    ...right after P: apply, checkpoint (default) or reply\n"
		"  -c K    add to counter K (0..%d) only (default: each in turn)\n"
		"  -s N    the counters' value before the first add (default 0)\n"
		"  -n N    requests to make (default 12)\n"
		"  -t MS   wait for each reply (of L, with -F) at most MS ms (default 20000)\n"
		"  -w MS   pause MS ms between two calls (default 0)\n",
		ex_prog, ex_prog, COUNTERS - 1);
	exit(status);
}

int main(int argc, char **argv)
{
	struct server s = { .die_after = P_CHECKPOINT };
	const char *ledger = NULL;
	struct client cl = { .n = 12, .counter = -1, .timeout_ms = 20000 };
	struct pa_member_opts mo = { 0 };
	unsigned long v;
	uint32_t alias;
	bool serving;
	int c, i;

	ex_init(argv[0]);
	while ((c = getopt(argc, argv, "p:f:i:F:k:K:c:s:n:t:w:h")) != -1) {
		switch (c) {
		case 'f':
			s.file = optarg;
			break;
		case 'F':
			ledger = optarg;
			break;
		case 'p':
			mo.priority = ex_number(optarg, "priority");
			break;
		case 'i':
			s.every = ex_number(optarg, "input count");
			if (!s.every)
				ex_die("-i needs at least 1 input");
			break;
		case 'k':
			s.die_at = ex_number(optarg, "request number");
			break;
		case 'K':
			if (!strcmp(optarg, "apply"))
				s.die_after = P_APPLY;
			else if (!strcmp(optarg, "checkpoint"))
				s.die_after = P_CHECKPOINT;
			else if (!strcmp(optarg, "reply"))
				s.die_after = P_REPLY;
			else
				usage(2);
			break;
		case 'c':
			v = ex_number(optarg, "counter");
			if (v >= COUNTERS)
				ex_die("bad counter: %s (0 to %d)", optarg,
				       COUNTERS - 1);
			cl.counter = v;
			break;
		case 's':
			cl.start = ex_number(optarg, "start value");
			break;
		case 'n':
			cl.n = ex_number(optarg, "request count");
			break;
		case 't':
			v = ex_number(optarg, "timeout");
			if (v > INT32_MAX)
				ex_die("bad timeout: %s", optarg);
			cl.timeout_ms = v;
			break;
		case 'w':
			cl.pause_ms = ex_number(optarg, "pause");
			break;
		case 'h':
			usage(0);
		default:
			usage(2);
		}
	}
	if (!s.die_at)
		s.die_after = P_NONE;
	i = optind;
	if (i >= argc)
		usage(2);
	if (!strcmp(argv[i], "serve"))
		serving = true;
	else if (!strcmp(argv[i], "call"))
		serving = false;
	else
		usage(2);
	i++;
	alias = ex_alias_arg(argc, argv, &i);
	if (i != argc)
		usage(2);
	if (ledger) {
		int j = 0;

		if (!serving)
			usage(2);
		s.ledger = ex_alias_arg(1, (char **)&ledger, &j);
		if (s.ledger == alias)
			ex_die("-F: the ledger is the alias served");
	}
	s.timeout_ms = cl.timeout_ms;
	return serving ? serve_main(&s, alias, &mo) : call_main(alias, &cl);
}
