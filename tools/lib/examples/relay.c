// SPDX-License-Identifier: GPL-2.0
/*
 * relay: the relay server of seed 000 Figs. 14-18 on libftalias.
 *
 * Three roles, one program:
 *
 *   relay client [-n N] RELAY            process A: N calls to the relay
 *   relay relay  [-k N -s STEP] RELAY SERVER   process B, or its backup
 *                                        B' (a second instance)
 *   relay server SERVER                  process C
 *
 * Normal operation (Fig. 17): A sends X ("x<i>") to the relay alias (#1).
 * B marks X in progress (#2) and sends Y = "y(X)" to the server alias with
 * X as its parent: the kernel journals {X's ID, Y's ID, Y's bytes} in B's
 * alias's stable area and sends Y (#2, #3: one sendmsg()).  C executes Y,
 * records its reply and answers "res(Y)" (#4).  B records res X = res Y as
 * the auto-reply of X (#5) and replies to A (#6).
 *
 * B failing (Fig. 18): the kernel promotes B' and gives it an orphan
 * notice for X with the journal.  B' re-sends every journaled Y with its
 * own ID: C's replay cache answers a Y it executed (no second execution),
 * a Y still pending gets its first reply (-EALREADY, then a wait).  B'
 * then replies to X and records it.  With an empty journal (B died before
 * sending Y) B' rolls back: it discards X's entry, and X, held by the
 * kernel until then, is delivered again and relayed as new.  A only sees
 * a slower call.
 *
 * -k N -s STEP aborts B while relaying its Nth request, right after step
 * STEP: 2 (X marked in progress, nothing journaled), 3 (Y journaled and
 * sent), 4 (C's reply read), 5 (res X recorded, not sent: the kernel
 * answers the re-delivered X by itself, B' sees nothing).
 *
 * C counts what it executes: a Y executed twice is printed as DUPLICATE.
 */
#include <getopt.h>

#include "example.h"

enum limits {
	MSG_LEN = 1024,
	MAX_SEEN = 4096,
};

static void __attribute__((noreturn)) usage(int status)
{
	fprintf(status ? stderr : stdout,
		"usage: %s client [-n N] [-t TIMEOUT_MS] [-q] RELAY\n"
		"       %s relay [-p PRIORITY] [-k N -s 2|3|4|5] RELAY SERVER\n"
		"       %s server [-p PRIORITY] SERVER\n"
		"  RELAY, SERVER  alias NAME or id ID\n"
		"  -n N           requests (default 10)\n"
		"  -k N -s STEP   abort() relaying the Nth request after STEP of\n"
		"                 Fig. 17: 2 marked in progress, 3 Y sent,\n"
		"                 4 C replied, 5 res X recorded\n",
		ex_prog, ex_prog, ex_prog);
	exit(status);
}

static int wait_ms = 30000;

/* ---- process A ---------------------------------------------------------- */

static int client_main(int argc, char **argv)
{
	char req[64], expect[128], rep[MSG_LEN], ids[PA_ID_STRLEN];
	unsigned long n = 10, i, wrong = 0;
	struct pa_sock *ps;
	uint32_t relay;
	bool quiet = false;
	int c, a, err;

	while ((c = getopt(argc, argv, "n:t:q")) != -1) {
		switch (c) {
		case 'n':
			n = ex_number(optarg, "count");
			break;
		case 't':
			wait_ms = ex_number(optarg, "timeout");
			break;
		case 'q':
			quiet = true;
			break;
		default:
			usage(2);
		}
	}
	a = optind;
	relay = ex_alias_arg(argc, argv, &a);
	if (a != argc)
		usage(2);
	err = ftalias_pa_open(&ps);
	if (err)
		ex_die("socket: %s", strerror(-err));
	for (i = 0; i < n; i++) {
		struct ftalias_id id = { 0 };
		struct timespec t0;
		size_t len = 0;

		snprintf(req, sizeof(req), "x%lu.%d", i, (int)getpid());
		snprintf(expect, sizeof(expect), "res(y(%s))", req);
		clock_gettime(CLOCK_MONOTONIC, &t0);
		err = ftalias_pa_call(ps, relay, req, strlen(req), rep,
				      sizeof(rep) - 1, &len, wait_ms, &id);
		ftalias_pa_id_str(&id, ids, sizeof(ids));
		if (err) {
			wrong++;
			ex_trace("#1 X %s '%s': %s", ids, req, strerror(-err));
			continue;
		}
		ex_str(rep, len, sizeof(rep));
		if (strcmp(rep, expect)) {
			wrong++;
			ex_trace("#1 X %s '%s' -> '%s': WRONG", ids, req, rep);
		} else if (!quiet) {
			ex_trace("#1 X %s '%s' -> '%s' (%.1f ms)", ids, req, rep,
				 ex_ms_since(&t0));
		}
	}
	ex_trace("%lu calls, %lu wrong", n, wrong);
	ftalias_pa_close(ps);
	return wrong ? 1 : 0;
}

/* ---- process C ---------------------------------------------------------- */

static int server_main(int argc, char **argv)
{
	static char *seen[MAX_SEEN];
	char buf[MSG_LEN], rep[MSG_LEN + 8], ids[PA_ID_STRLEN];
	struct pa_member_opts mo = { 0 };
	unsigned long dups = 0;
	struct pa_sock *ps;
	size_t nseen = 0, i;
	struct pa_msg m;
	uint32_t server;
	int c, a, err;

	while ((c = getopt(argc, argv, "p:")) != -1) {
		switch (c) {
		case 'p':
			mo.priority = ex_number(optarg, "priority");
			break;
		default:
			usage(2);
		}
	}
	a = optind;
	server = ex_alias_arg(argc, argv, &a);
	if (a != argc)
		usage(2);
	err = ftalias_pa_open_member(&ps, server, &mo);
	if (err)
		ex_die("joining alias %u: %s", server, strerror(-err));
	ex_trace("C: member of alias %u", server);
	for (;;) {
		err = ftalias_pa_receive(ps, &m, buf, sizeof(buf) - 1, -1);
		if (err == -EINTR)
			continue;
		if (err)
			ex_die("receive: %s", strerror(-err));
		ex_str(buf, m.len, sizeof(buf));
		ftalias_pa_id_str(&m.id, ids, sizeof(ids));
		if (m.kind == PA_MSG_ORPHAN) {
			/* a C that died mid-request: roll back, execute again */
			ex_trace("C: orphan %s '%s': discarded", ids, buf);
			ftalias_pa_discard(ps, &m.id);
			continue;
		}
		if (m.kind != PA_MSG_REQUEST) {
			ex_trace("C: ignored a message of kind %d", m.kind);
			continue;
		}
		for (i = 0; i < nseen; i++)
			if (!strcmp(seen[i], buf))
				break;
		if (i < nseen) {
			dups++;
			ex_trace("C: DUPLICATE execution of %s '%s' (%lu)", ids,
				 buf, dups);
		} else if (nseen < MAX_SEEN) {
			seen[nseen++] = strdup(buf);
		}
		err = ftalias_pa_block_request(ps, &m.id);
		if (err)
			ex_trace("C: block %s: %s", ids, strerror(-err));
		snprintf(rep, sizeof(rep), "res(%s)", buf);
		ex_trace("#4 C: executed Y %s '%s', reply recorded%s", ids, buf,
			 m.flags & FTALIAS_F_RESENT ? " (re-sent)" : "");
		err = ftalias_pa_reply(ps, &m.id, rep, strlen(rep),
				       PA_REPLY_RECORD);
		if (err)
			ex_trace("C: reply %s: %s", ids, strerror(-err));
	}
}

/* ---- process B and B' --------------------------------------------------- */

struct relay {
	struct pa_sock *ps;
	uint32_t server;
	unsigned long relayed;
	unsigned long die_at;	/* 0: never */
	int die_step;
};

static void step_done(struct relay *r, int step)
{
	if (r->die_at == r->relayed && r->die_step == step) {
		ex_trace("B: aborting after step #%d, as asked", step);
		fflush(stdout);
		abort();
	}
}

/* Tells the servers' caches that requests below xid will not come again. */
static void ack(struct relay *r, uint64_t xid)
{
	int err = ftalias_pa_ack(r->ps, xid);

	if (err)
		ex_trace("B: ack %llu: %s", (unsigned long long)xid,
			 strerror(-err));
}

/* Fig. 17: relays X. */
static void relay_one(struct relay *r, const struct pa_msg *x, const char *req)
{
	char y[MSG_LEN], res[MSG_LEN], xs[PA_ID_STRLEN], ys[PA_ID_STRLEN];
	struct ftalias_id yid;
	size_t len;
	int err;

	r->relayed++;
	ftalias_pa_id_str(&x->id, xs, sizeof(xs));
	ex_trace("#1 B: X %s '%s'%s", xs, req,
		 x->flags & FTALIAS_F_REDELIVERED ? " (redelivered)" : "");

	/* #2: X is being relayed (the journal follows with Y) */
	err = ftalias_pa_block_request(r->ps, &x->id);
	if (err) {
		ex_trace("B: block %s: %s", xs, strerror(-err));
		return;
	}
	ex_trace("#2 B: X in progress");
	step_done(r, 2);

	/* #2, #3: Y journaled with X and sent, in one call */
	snprintf(y, sizeof(y), "y(%.1000s)", req);
	err = ftalias_pa_send(r->ps, r->server, y, strlen(y), &x->id, &yid);
	if (err) {
		ex_trace("B: send Y: %s; rolling X back", strerror(-err));
		ftalias_pa_discard(r->ps, &x->id);
		ftalias_pa_reply(r->ps, &x->id, "error", 5, 0);
		return;
	}
	ftalias_pa_id_str(&yid, ys, sizeof(ys));
	ex_trace("#3 B: Y %s '%s' journaled and sent", ys, y);
	step_done(r, 3);

	/* #4: C's reply */
	err = ftalias_pa_wait_reply(r->ps, &yid, res, sizeof(res) - 1, &len,
				    wait_ms);
	if (err) {
		/* -ETIMEDOUT: still pending; X stays in progress */
		ex_trace("B: waiting for Y %s: %s", ys, strerror(-err));
		return;
	}
	ex_str(res, len, sizeof(res));
	ex_trace("#4 B: res Y '%s'", res);
	step_done(r, 4);

	/* #5: record res X, #6: send it */
	err = ftalias_pa_set_red_process(r->ps, &x->id,
					 FTALIAS_RECORD_AUTO_REPLY, res, len);
	if (err)
		ex_trace("B: record %s: %s", xs, strerror(-err));
	ex_trace("#5 B: res X recorded");
	step_done(r, 5);
	err = ftalias_pa_reply(r->ps, &x->id, res, len, 0);
	ex_trace("#6 B: replied to X %s%s%s", xs, err ? ": " : "",
		 err ? strerror(-err) : "");
	/* C may forget Y: this alias will never re-send it */
	ack(r, yid.xid + 1);
}

/* Fig. 18: B' takes over X from the journal B left. */
static void recover(struct relay *r, const struct pa_msg *x, const char *req)
{
	char res[MSG_LEN], xs[PA_ID_STRLEN], ys[PA_ID_STRLEN];
	uint64_t last_xid = 0;
	size_t len = 0, i;
	int err;

	ftalias_pa_id_str(&x->id, xs, sizeof(xs));
	ex_trace("#5 B': orphan X %s '%s', journal of %zu request(s)%s", xs,
		 req, x->journal_len,
		 x->trunc & PA_TRUNC_CTL ? " (CUT SHORT)" : "");
	if (!x->journal_len) {
		/* B died before relaying: roll back, X comes again */
		err = ftalias_pa_discard(r->ps, &x->id);
		ex_trace("B': nothing relayed: X discarded, will be relayed anew%s%s",
			 err ? ": " : "", err ? strerror(-err) : "");
		return;
	}
	/*
	 * Re-send every journaled request, replied or not: the reply of a
	 * replied one went to B and died with it, and C's replay cache gives
	 * it again; one still pending gets its first reply.
	 */
	for (i = 0; i < x->journal_len; i++) {
		const struct pa_journal_entry *e = &x->journal[i];
		char y[MSG_LEN];

		len = e->len < sizeof(y) - 1 ? e->len : sizeof(y) - 1;
		memcpy(y, e->data, len);
		y[len] = 0;
		ftalias_pa_id_str(&e->id, ys, sizeof(ys));
		ex_trace("#6 B': re-send Y %s '%s' to alias %u (%s)", ys, y,
			 e->alias, e->replied ? "C had replied" : "no reply yet");
		err = ftalias_pa_call_resend(r->ps, e->alias, &e->id, e->data,
					     e->len, res, sizeof(res) - 1, &len,
					     wait_ms);
		if (err) {
			ex_trace("B': Y %s: %s; X left in progress", ys,
				 strerror(-err));
			return;
		}
		ex_str(res, len, sizeof(res));
		ex_trace("#7 B': res Y '%s'", res);
		if (e->id.xid > last_xid)
			last_xid = e->id.xid;
	}
	/* #8: res X, recorded for X's re-sends and sent */
	err = ftalias_pa_reply(r->ps, &x->id, res, len, PA_REPLY_RECORD);
	ex_trace("#8 B': replied to X %s and recorded%s%s", xs, err ? ": " : "",
		 err ? strerror(-err) : "");
	if (!err)
		ack(r, last_xid + 1);
}

static int relay_main(int argc, char **argv)
{
	struct relay r = { .die_step = 0 };
	struct pa_member_opts mo = { 0 };
	char buf[MSG_LEN];
	uint32_t alias, port;
	struct pa_msg m;
	bool active;
	int c, a, err;

	while ((c = getopt(argc, argv, "p:k:s:t:")) != -1) {
		switch (c) {
		case 'p':
			mo.priority = ex_number(optarg, "priority");
			break;
		case 'k':
			r.die_at = ex_number(optarg, "request number");
			break;
		case 's':
			r.die_step = ex_number(optarg, "step");
			break;
		case 't':
			wait_ms = ex_number(optarg, "timeout");
			break;
		default:
			usage(2);
		}
	}
	if (r.die_at && (r.die_step < 2 || r.die_step > 5))
		usage(2);
	a = optind;
	alias = ex_alias_arg(argc, argv, &a);
	r.server = ex_alias_arg(argc, argv, &a);
	if (a != argc)
		usage(2);
	err = ftalias_pa_open_member(&r.ps, alias, &mo);
	if (err)
		ex_die("joining alias %u: %s", alias, strerror(-err));
	ftalias_pa_port(r.ps, &port, NULL);
	active = ftalias_pa_active(r.ps) == 1;
	ex_trace("B: member of alias %u, port %u, %s; server alias %u", alias,
		 port, active ? "active" : "backup (waiting)", r.server);
	for (;;) {
		err = ftalias_pa_receive(r.ps, &m, buf, sizeof(buf) - 1, -1);
		if (err == -EINTR)
			continue;
		if (err)
			ex_die("receive: %s", strerror(-err));
		if (!active) {
			active = true;
			ex_trace("B': active now");
		}
		ex_str(buf, m.len, sizeof(buf));
		switch (m.kind) {
		case PA_MSG_REQUEST:
			relay_one(&r, &m, buf);
			break;
		case PA_MSG_ORPHAN:
			recover(&r, &m, buf);
			break;
		case PA_MSG_REPLY:
			/* a reply to B's request, arrived before its notice */
			ex_trace("B: reply to %s nobody waits for",
				 ftalias_pa_id_str(&m.id, buf, sizeof(buf)));
			break;
		default:
			ex_trace("B: ignored a message of kind %d", m.kind);
		}
	}
}

int main(int argc, char **argv)
{
	const char *role;

	ex_init(argv[0]);
	if (argc < 2)
		usage(2);
	role = argv[1];
	if (!strcmp(role, "-h") || !strcmp(role, "--help"))
		usage(0);
	/* getopt() on the role's own arguments */
	argv[1] = argv[0];
	argc--;
	argv++;
	if (!strcmp(role, "client"))
		return client_main(argc, argv);
	if (!strcmp(role, "relay"))
		return relay_main(argc, argv);
	if (!strcmp(role, "server"))
		return server_main(argc, argv);
	usage(2);
}
