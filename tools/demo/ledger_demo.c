// SPDX-License-Identifier: GPL-2.0
/*
 * ledger_demo: the bank ledger of the exactly-once story in demo.sh, on
 * libftalias.
 *
 * The "disk" is a directory on tmpfs that every replica sees: DISK/ledger
 * (opening balances, the transfers applied, the balances now; rewritten
 * whole and renamed over the old one, so a commit is one rename(2)) and
 * DISK/tellers (the tellers' own journal: each transfer sent, with its
 * request ID, and each reply written down).  A transfer moves money: it
 * is not idempotent, and one applied twice shows in the balances.
 *
 *   ledger_demo open DISK NAME=AMOUNT...
 *	Opens the ledger with these accounts; empties the tellers' journal.
 *
 *   ledger_demo server [-p PRIO] [-k N -K commit|record] NAME ALIAS DISK
 *	A replica of the ledger's server, member of ALIAS.  For each
 *	request "xfer N FROM TO AMOUNT": block (the roll-forward point),
 *	apply and commit, then reply recording the reply as the auto-reply.
 *	-k N -K commit stops right after committing transfer N, -K record
 *	right after recording its auto-reply, before replying: it prints
 *	"stops before replying" and waits to be killed.  An orphan notice
 *	(a request its predecessor blocked and never answered) is looked up
 *	in the ledger by request ID: applied -> record and send the reply it
 *	gave, else discard (the request comes again and is executed).
 *
 *   ledger_demo teller [-k N] NAME ALIAS CLIENT_ALIAS DISK
 *	A teller, member of CLIENT_ALIAS (so that a backup can re-send its
 *	requests with their IDs).  Once active, it first re-sends with its
 *	ID a transfer the journal has sent but not answered (its
 *	predecessor died), then reads transfer numbers, one a line, on
 *	standard input and makes each transfer of the table below, checking
 *	the reply.  -k N: stops once the reply to transfer N came, before
 *	writing it down, and waits to be killed.  Exit 1 on a wrong reply.
 *
 *   ledger_demo check DISK N
 *	Exactly once: transfers 1..N each applied once with the amount of
 *	the table and answered once with the reply the ledger gives; the
 *	balances are the opening ones plus the transfers, the total the
 *	opening total.  Prints the ledger; exit 1 if any of this is false.
 *
 * Request IDs are printed as ftaliasctl cache show prints them,
 * NODE:ALIAS:PORT:INCARNATION:XID.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "libftalias.h"

#define MAX_ACCOUNTS	8
#define MAX_XFERS	64
#define NAME_MAX_LEN	15
#define ID_LEN		64
#define REPLY_LEN	128
#define CALL_MS		30000

/* The transfers a teller makes: transfer N is table[N - 1]. */
static const struct {
	const char *from, *to;
	long amount;
} table[] = {
	{ "alice", "bob", 100 },
	{ "bob", "carol", 50 },
	{ "carol", "alice", 25 },
	{ "alice", "carol", 200 },
	{ "bob", "alice", 75 },
	{ "carol", "bob", 10 },
};

#define NR_TABLE	(sizeof(table) / sizeof(table[0]))

static const char *prog = "ledger_demo";
static const char *who = "ledger_demo";

static void __attribute__((format(printf, 1, 2))) say(const char *fmt, ...)
{
	va_list ap;

	printf("%s: ", who);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

static void __attribute__((noreturn, format(printf, 1, 2)))
die(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "%s: ", who);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

/* Where the demo kills this process: stop here until it does. */
static void __attribute__((noreturn)) wait_to_be_killed(void)
{
	fflush(stdout);
	for (;;)
		pause();
}

static void id_fmt(const struct ftalias_id *id, char *buf, size_t size)
{
	snprintf(buf, size, "%u:%u:%u:%u:%llu", id->node, id->alias, id->port,
		 id->incarnation, (unsigned long long)id->xid);
}

static int id_parse(const char *s, struct ftalias_id *id)
{
	unsigned long long xid;

	memset(id, 0, sizeof(*id));
	if (sscanf(s, "%u:%u:%u:%u:%llu", &id->node, &id->alias, &id->port,
		   &id->incarnation, &xid) != 5)
		return -EINVAL;
	id->xid = xid;
	return 0;
}

static uint32_t alias_arg(const char *name)
{
	uint32_t id;
	int err = ftalias_pa_alias_id(name, &id);

	if (err)
		die("alias %s: %s", name, err == -EAFNOSUPPORT ?
		    "the ftalias module is not loaded" : strerror(-err));
	return id;
}

static unsigned long number(const char *s, const char *what)
{
	unsigned long v;
	char *end;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || end == s || *end || *s == '-')
		die("bad %s: %s", what, s);
	return v;
}

static uint32_t incarnation(const struct pa_sock *ps)
{
	socklen_t len = sizeof(uint32_t);
	uint32_t v = 0;

	getsockopt(ftalias_pa_fd(ps), SOL_FTALIAS, FTALIAS_INCARNATION, &v,
		   &len);
	return v;
}

/* ---- the ledger on "the disk" ------------------------------------------- */

struct account {
	char name[NAME_MAX_LEN + 1];
	long opening, balance;
};

struct xfer {
	unsigned int n;
	char from[NAME_MAX_LEN + 1], to[NAME_MAX_LEN + 1];
	long amount;
	char id[ID_LEN];
	long from_after, to_after;	/* the balances it left */
};

struct ledger {
	unsigned int nr_accounts, nr_xfers;
	struct account acct[MAX_ACCOUNTS];
	struct xfer x[MAX_XFERS];
};

static void disk_path(char *buf, const char *disk, const char *file)
{
	snprintf(buf, PATH_MAX, "%s/%s", disk, file);
}

static struct account *account(struct ledger *lg, const char *name)
{
	unsigned int i;

	for (i = 0; i < lg->nr_accounts; i++)
		if (!strcmp(lg->acct[i].name, name))
			return &lg->acct[i];
	return NULL;
}

static void ledger_load(const char *disk, struct ledger *lg)
{
	char p[PATH_MAX], line[256], name[NAME_MAX_LEN + 1];
	struct account *a;
	struct xfer *x;
	long v;
	FILE *f;

	memset(lg, 0, sizeof(*lg));
	disk_path(p, disk, "ledger");
	f = fopen(p, "r");
	if (!f)
		die("%s: %s", p, strerror(errno));
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "open %15s %ld", name, &v) == 2) {
			if (lg->nr_accounts == MAX_ACCOUNTS)
				die("%s: too many accounts", p);
			a = &lg->acct[lg->nr_accounts++];
			snprintf(a->name, sizeof(a->name), "%s", name);
			a->opening = v;
			a->balance = v;
		} else if (!strncmp(line, "xfer ", 5)) {
			if (lg->nr_xfers == MAX_XFERS)
				die("%s: too many transfers", p);
			x = &lg->x[lg->nr_xfers++];
			if (sscanf(line, "xfer %u %15s %15s %ld by %63s after %ld %ld",
				   &x->n, x->from, x->to, &x->amount, x->id,
				   &x->from_after, &x->to_after) != 7)
				die("%s: bad line: %s", p, line);
		} else if (sscanf(line, "balance %15s %ld", name, &v) == 2) {
			a = account(lg, name);
			if (!a)
				die("%s: balance of no account: %s", p, line);
			a->balance = v;
		}
	}
	fclose(f);
}

/* The commit: the new ledger goes to a temporary file renamed over it. */
static void ledger_save(const char *disk, const struct ledger *lg)
{
	char p[PATH_MAX], tmp[PATH_MAX], name[32];
	const struct xfer *x;
	unsigned int i;
	FILE *f;

	disk_path(p, disk, "ledger");
	snprintf(name, sizeof(name), "ledger.%d", (int)getpid());
	disk_path(tmp, disk, name);
	f = fopen(tmp, "w");
	if (!f)
		die("%s: %s", tmp, strerror(errno));
	for (i = 0; i < lg->nr_accounts; i++)
		fprintf(f, "open %s %ld\n", lg->acct[i].name,
			lg->acct[i].opening);
	for (i = 0; i < lg->nr_xfers; i++) {
		x = &lg->x[i];
		fprintf(f, "xfer %u %s %s %ld by %s after %ld %ld\n", x->n,
			x->from, x->to, x->amount, x->id, x->from_after,
			x->to_after);
	}
	for (i = 0; i < lg->nr_accounts; i++)
		fprintf(f, "balance %s %ld\n", lg->acct[i].name,
			lg->acct[i].balance);
	if (fclose(f))
		die("%s: %s", tmp, strerror(errno));
	if (rename(tmp, p))
		die("rename %s: %s", p, strerror(errno));
}

/* The reply to a transfer, the same from its ledger line every time. */
static void xfer_reply(const struct xfer *x, char *buf, size_t size)
{
	snprintf(buf, size, "ok xfer %u: %s %ld, %s %ld", x->n, x->from,
		 x->from_after, x->to, x->to_after);
}

static const struct xfer *xfer_by_id(const struct ledger *lg, const char *id)
{
	unsigned int i;

	for (i = 0; i < lg->nr_xfers; i++)
		if (!strcmp(lg->x[i].id, id))
			return &lg->x[i];
	return NULL;
}

static int cmd_open(int argc, char **argv)
{
	char p[PATH_MAX], name[NAME_MAX_LEN + 1];
	struct ledger lg = { 0 };
	struct account *a;
	int i, fd;
	long v;

	if (argc < 4)
		die("usage: %s open DISK NAME=AMOUNT...", prog);
	if (mkdir(argv[2], 0755) && errno != EEXIST)
		die("%s: %s", argv[2], strerror(errno));
	for (i = 3; i < argc; i++) {
		if (sscanf(argv[i], "%15[a-z]=%ld", name, &v) != 2 ||
		    lg.nr_accounts == MAX_ACCOUNTS)
			die("bad account: %s", argv[i]);
		a = &lg.acct[lg.nr_accounts++];
		snprintf(a->name, sizeof(a->name), "%s", name);
		a->opening = v;
		a->balance = v;
	}
	ledger_save(argv[2], &lg);
	disk_path(p, argv[2], "tellers");
	fd = open(p, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		die("%s: %s", p, strerror(errno));
	close(fd);
	return 0;
}

/* ---- a replica of the server -------------------------------------------- */

enum stop { STOP_NONE, STOP_COMMIT, STOP_RECORD };

struct server {
	struct pa_sock *ps;
	const char *disk;
	unsigned int stop_at;
	enum stop stop;
};

static void server_reply(struct server *s, const struct ftalias_id *id,
			 const char *rep, unsigned int flags)
{
	int err = ftalias_pa_reply(s->ps, id, rep, strlen(rep), flags);

	if (err)
		say("  reply failed: %s", strerror(-err));
}

static void serve(struct server *s, const struct pa_msg *m, const char *req)
{
	char from[NAME_MAX_LEN + 1], to[NAME_MAX_LEN + 1], id[ID_LEN];
	char what[160], rep[REPLY_LEN];
	struct account *af, *at;
	struct ledger lg;
	struct xfer *x;
	unsigned int n;
	long amount;
	int err;

	id_fmt(&m->id, id, sizeof(id));
	if (sscanf(req, "xfer %u %15s %15s %ld", &n, from, to, &amount) != 4) {
		/* nothing done: no block, no record */
		say("bad request [%s] '%s'", id, req);
		server_reply(s, &m->id, "error bad request", 0);
		return;
	}
	snprintf(what, sizeof(what), "xfer %u %s->%s %ld [%s]%s", n, from, to,
		 amount, id, m->flags & FTALIAS_F_REDELIVERED ?
		 " (redelivered)" : "");

	/* 1. the roll-forward point */
	err = ftalias_pa_block_request(s->ps, &m->id);
	if (err) {
		say("%s: block failed: %s", what, strerror(-err));
		server_reply(s, &m->id, "error block failed", 0);
		return;
	}

	/* 2. apply and commit: not undoable, not idempotent */
	ledger_load(s->disk, &lg);
	af = account(&lg, from);
	at = account(&lg, to);
	if (!af || !at || af == at || lg.nr_xfers == MAX_XFERS) {
		say("%s: no such transfer", what);
		server_reply(s, &m->id, "error no such account", 0);
		return;
	}
	if (xfer_by_id(&lg, id))
		say("%s: ALREADY IN THE LEDGER, applied again", what);
	af->balance -= amount;
	at->balance += amount;
	x = &lg.x[lg.nr_xfers++];
	x->n = n;
	snprintf(x->from, sizeof(x->from), "%s", from);
	snprintf(x->to, sizeof(x->to), "%s", to);
	x->amount = amount;
	snprintf(x->id, sizeof(x->id), "%s", id);
	x->from_after = af->balance;
	x->to_after = at->balance;
	ledger_save(s->disk, &lg);
	xfer_reply(x, rep, sizeof(rep));
	if (s->stop == STOP_COMMIT && s->stop_at == n) {
		say("%s: blocked, committed; stops before replying", what);
		wait_to_be_killed();
	}

	/* 3. record the reply, 4. reply */
	if (s->stop == STOP_RECORD && s->stop_at == n) {
		err = ftalias_pa_set_red_process(s->ps, &m->id,
						 FTALIAS_RECORD_AUTO_REPLY, rep,
						 strlen(rep));
		if (err)
			die("%s: record: %s", what, strerror(-err));
		say("%s: blocked, committed, auto-reply recorded; stops before replying",
		    what);
		wait_to_be_killed();
	}
	say("%s: blocked, committed, replied (reply recorded)", what);
	server_reply(s, &m->id, rep, PA_REPLY_RECORD);
}

/* A request its predecessor blocked and left unanswered. */
static void orphan(struct server *s, const struct pa_msg *m, const char *req)
{
	char id[ID_LEN], rep[REPLY_LEN];
	const struct xfer *x;
	struct ledger lg;
	int err;

	id_fmt(&m->id, id, sizeof(id));
	ledger_load(s->disk, &lg);
	x = xfer_by_id(&lg, id);
	if (!x) {
		say("orphan notice [%s] '%s': not in the ledger, discarded (executed again)",
		    id, req);
		err = ftalias_pa_discard(s->ps, &m->id);
		if (err)
			say("  discard failed: %s", strerror(-err));
		return;
	}
	xfer_reply(x, rep, sizeof(rep));
	say("orphan notice [%s] '%s': in the ledger, not executed again; reply recorded and sent",
	    id, req);
	server_reply(s, &m->id, rep, PA_REPLY_RECORD);
}

static int cmd_server(int argc, char **argv)
{
	struct pa_member_opts mo = { 0 };
	static char buf[FTALIAS_MSG_MAX + 1];
	struct server s = { 0 };
	bool active;
	uint32_t port;
	struct pa_msg m;
	int c, err;

	while ((c = getopt(argc - 1, argv + 1, "p:k:K:")) != -1) {
		switch (c) {
		case 'p':
			mo.priority = number(optarg, "priority");
			break;
		case 'k':
			s.stop_at = number(optarg, "transfer number");
			break;
		case 'K':
			if (!strcmp(optarg, "commit"))
				s.stop = STOP_COMMIT;
			else if (!strcmp(optarg, "record"))
				s.stop = STOP_RECORD;
			else
				die("-K commit or -K record");
			break;
		default:
			die("usage: %s server [-p PRIO] [-k N -K commit|record] NAME ALIAS DISK",
			    prog);
		}
	}
	argv += optind + 1;
	if (argc - 1 - optind != 3 || (s.stop_at == 0) != (s.stop == STOP_NONE))
		die("usage: %s server [-p PRIO] [-k N -K commit|record] NAME ALIAS DISK",
		    prog);
	who = argv[0];
	s.disk = argv[2];
	err = ftalias_pa_open_member(&s.ps, alias_arg(argv[1]), &mo);
	if (err)
		die("joining %s: %s", argv[1], strerror(-err));
	ftalias_pa_port(s.ps, &port, NULL);
	active = ftalias_pa_active(s.ps) == 1;
	say("pid %d, port %u, member of %s, %s", (int)getpid(), port, argv[1],
	    active ? "active" : "backup");

	for (;;) {
		/* A backup looks at its state between short waits. */
		err = ftalias_pa_receive(s.ps, &m, buf, sizeof(buf) - 1,
					 active ? -1 : 20);
		if (!active && ftalias_pa_active(s.ps) == 1) {
			active = true;
			say("active now (incarnation %u)", incarnation(s.ps));
		}
		if (err == -ETIMEDOUT || err == -EINTR)
			continue;
		if (err)
			die("receive: %s", strerror(-err));
		buf[m.len < sizeof(buf) - 1 ? m.len : sizeof(buf) - 1] = 0;
		switch (m.kind) {
		case PA_MSG_REQUEST:
			serve(&s, &m, buf);
			break;
		case PA_MSG_ORPHAN:
			orphan(&s, &m, buf);
			break;
		case PA_MSG_REDUNDANT:
			/* it records no handler entries */
			say("unexpected redundant request '%s'", buf);
			server_reply(&s, &m.id, "error redundant", 0);
			break;
		default:
			say("ignored a message of kind %d", m.kind);
		}
	}
}

/* ---- a teller ----------------------------------------------------------- */

struct teller {
	struct pa_sock *ps;
	uint32_t alias;
	const char *disk;
	unsigned int stop_at;
	unsigned int wrong;
};

static void __attribute__((format(printf, 2, 3)))
journal_add(const struct teller *t, const char *fmt, ...)
{
	char p[PATH_MAX], line[256];
	va_list ap;
	int fd, n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line) - 1, fmt, ap);
	va_end(ap);
	line[n++] = '\n';
	disk_path(p, t->disk, "tellers");
	fd = open(p, O_WRONLY | O_APPEND | O_CLOEXEC);
	if (fd < 0 || write(fd, line, n) != n)
		die("%s: %s", p, strerror(errno));
	close(fd);
}

static void request_of(unsigned int n, char *buf, size_t size)
{
	snprintf(buf, size, "xfer %u %s %s %ld", n, table[n - 1].from,
		 table[n - 1].to, table[n - 1].amount);
}

static void check_reply(struct teller *t, unsigned int n, const char *id,
			const char *rep, const char *how)
{
	char expect[32];

	snprintf(expect, sizeof(expect), "ok xfer %u:", n);
	if (strncmp(rep, expect, strlen(expect))) {
		t->wrong++;
		say("xfer %u [%s]%s -> \"%s\": WRONG", n, id, how, rep);
		return;
	}
	journal_add(t, "done %u %s", n, rep);
	say("xfer %u %s->%s %ld [%s]%s -> \"%s\"", n, table[n - 1].from,
	    table[n - 1].to, table[n - 1].amount, id, how, rep);
}

static void transfer(struct teller *t, unsigned int n)
{
	char req[64], rep[REPLY_LEN], id[ID_LEN];
	struct ftalias_id fid;
	size_t len = 0;
	int err;

	request_of(n, req, sizeof(req));
	err = ftalias_pa_send(t->ps, t->alias, req, strlen(req), NULL, &fid);
	if (err)
		die("xfer %u: send: %s", n, strerror(-err));
	id_fmt(&fid, id, sizeof(id));
	journal_add(t, "sent %u %s", n, id);
	err = ftalias_pa_wait_reply(t->ps, &fid, rep, sizeof(rep) - 1, &len,
				    CALL_MS);
	if (err) {
		t->wrong++;
		say("xfer %u [%s]: %s", n, id, strerror(-err));
		return;
	}
	rep[len] = 0;
	if (n == t->stop_at) {
		say("xfer %u [%s]: the reply came; stops before writing it down",
		    n, id);
		wait_to_be_killed();
	}
	check_reply(t, n, id, rep, "");
}

/* Re-send with its ID a transfer sent and never written down as answered. */
static void recover(struct teller *t)
{
	char p[PATH_MAX], line[256], id[ID_LEN] = "", sid[ID_LEN];
	char req[64], rep[REPLY_LEN];
	unsigned int n, last = 0;
	struct ftalias_id fid;
	size_t len = 0;
	FILE *f;
	int err;

	disk_path(p, t->disk, "tellers");
	f = fopen(p, "r");
	if (!f)
		die("%s: %s", p, strerror(errno));
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "sent %u %63s", &n, sid) == 2) {
			last = n;
			snprintf(id, sizeof(id), "%s", sid);
		} else if (sscanf(line, "done %u", &n) == 1 && n == last) {
			last = 0;
		}
	}
	fclose(f);
	if (!last)
		return;
	if (last > NR_TABLE || id_parse(id, &fid))
		die("%s: bad journal", p);
	say("the journal has xfer %u sent as [%s], no reply written down: re-sending it with that ID",
	    last, id);
	request_of(last, req, sizeof(req));
	err = ftalias_pa_call_resend(t->ps, t->alias, &fid, req, strlen(req),
				     rep, sizeof(rep) - 1, &len, CALL_MS);
	if (err) {
		t->wrong++;
		say("xfer %u [%s] re-sent: %s", last, id, strerror(-err));
		return;
	}
	rep[len] = 0;
	check_reply(t, last, id, rep, " re-sent");
}

static int cmd_teller(int argc, char **argv)
{
	static char buf[FTALIAS_MSG_MAX + 1];
	struct teller t = { 0 };
	char line[64];
	uint32_t port;
	struct pa_msg m;
	unsigned long n;
	int c, err;

	while ((c = getopt(argc - 1, argv + 1, "k:")) != -1) {
		switch (c) {
		case 'k':
			t.stop_at = number(optarg, "transfer number");
			break;
		default:
			die("usage: %s teller [-k N] NAME ALIAS CLIENT_ALIAS DISK",
			    prog);
		}
	}
	argv += optind + 1;
	if (argc - 1 - optind != 4)
		die("usage: %s teller [-k N] NAME ALIAS CLIENT_ALIAS DISK",
		    prog);
	who = argv[0];
	t.alias = alias_arg(argv[1]);
	t.disk = argv[3];
	err = ftalias_pa_open_member(&t.ps, alias_arg(argv[2]), NULL);
	if (err)
		die("joining %s: %s", argv[2], strerror(-err));
	ftalias_pa_port(t.ps, &port, NULL);
	if (ftalias_pa_active(t.ps) == 1) {
		say("pid %d, port %u, member of %s, active", (int)getpid(),
		    port, argv[2]);
	} else {
		say("pid %d, port %u, member of %s, backup", (int)getpid(),
		    port, argv[2]);
		/* Nothing comes to a backup teller: look between waits. */
		while (ftalias_pa_active(t.ps) != 1) {
			err = ftalias_pa_receive(t.ps, &m, buf, sizeof(buf),
						 20);
			if (!err)
				say("ignored a message of kind %d", m.kind);
			else if (err != -ETIMEDOUT && err != -EINTR)
				die("receive: %s", strerror(-err));
		}
		say("active now (incarnation %u)", incarnation(t.ps));
	}
	recover(&t);
	while (fgets(line, sizeof(line), stdin)) {
		line[strcspn(line, "\n")] = 0;
		n = number(line, "transfer number");
		if (!n || n > NR_TABLE)
			die("no transfer %lu", n);
		transfer(&t, n);
	}
	ftalias_pa_close(t.ps);
	return t.wrong ? 1 : 0;
}

/* ---- the proof ---------------------------------------------------------- */

static int cmd_check(int argc, char **argv)
{
	char p[PATH_MAX], line[256], rep[REPLY_LEN], *r;
	unsigned int i, n, nr, applied, answered, bad = 0;
	long expect[MAX_ACCOUNTS], total = 0, opened = 0;
	const struct xfer *x = NULL;
	struct ledger lg;
	struct account *a;
	FILE *f;

	if (argc != 4)
		die("usage: %s check DISK N", prog);
	nr = number(argv[3], "count");
	if (nr > NR_TABLE)
		die("only %zu transfers in the table", NR_TABLE);
	ledger_load(argv[2], &lg);
	for (i = 0; i < lg.nr_accounts; i++)
		expect[i] = lg.acct[i].opening;
	disk_path(p, argv[2], "tellers");

	for (n = 1; n <= nr; n++) {
		applied = 0;
		for (i = 0; i < lg.nr_xfers; i++) {
			if (lg.x[i].n != n)
				continue;
			x = &lg.x[i];
			applied++;
		}
		if (applied != 1) {
			printf("  xfer %u: applied %u times: WRONG\n", n, applied);
			bad++;
			continue;
		}
		if (strcmp(x->from, table[n - 1].from) ||
		    strcmp(x->to, table[n - 1].to) ||
		    x->amount != table[n - 1].amount) {
			printf("  xfer %u: not the transfer the teller made: WRONG\n",
			       n);
			bad++;
		}
		a = account(&lg, x->from);
		if (a)
			expect[a - lg.acct] -= x->amount;
		a = account(&lg, x->to);
		if (a)
			expect[a - lg.acct] += x->amount;
		/* answered once, with the reply its ledger line gives */
		xfer_reply(x, rep, sizeof(rep));
		answered = 0;
		f = fopen(p, "r");
		if (!f)
			die("%s: %s", p, strerror(errno));
		while (fgets(line, sizeof(line), f)) {
			if (sscanf(line, "done %u", &i) != 1 || i != n)
				continue;
			r = strchr(line + 5, ' ');
			r = r ? r + 1 : line;
			r[strcspn(r, "\n")] = 0;
			answered++;
			if (strcmp(r, rep)) {
				printf("  xfer %u: the teller got \"%s\", the ledger says \"%s\": WRONG\n",
				       n, r, rep);
				bad++;
			}
		}
		fclose(f);
		printf("  xfer %u %s->%s %ld by [%s]: applied once, answered %u time%s%s\n",
		       n, x->from, x->to, x->amount, x->id, answered,
		       answered == 1 ? "" : "s", answered == 1 ? "" : ": WRONG");
		if (answered != 1)
			bad++;
	}
	if (lg.nr_xfers != nr) {
		printf("  %u transfers in the ledger, %u made: WRONG\n",
		       lg.nr_xfers, nr);
		bad++;
	}
	printf("  balances:");
	for (i = 0; i < lg.nr_accounts; i++) {
		a = &lg.acct[i];
		printf(" %s %ld (opened %ld)", a->name, a->balance, a->opening);
		total += a->balance;
		opened += a->opening;
		if (a->balance != expect[i])
			bad++;
	}
	printf("; total %ld, opened with %ld\n", total, opened);
	for (i = 0; i < lg.nr_accounts; i++)
		if (lg.acct[i].balance != expect[i])
			printf("  %s: %ld, the transfers make it %ld: WRONG\n",
			       lg.acct[i].name, lg.acct[i].balance, expect[i]);
	if (total != opened) {
		printf("  money was made or lost: WRONG\n");
		bad++;
	}
	if (bad) {
		printf("NOT exactly once: %u thing%s wrong\n", bad,
		       bad == 1 ? "" : "s");
		return 1;
	}
	printf("exactly once: %u transfers, each applied once and answered once; the balances add up\n",
	       nr);
	return 0;
}

int main(int argc, char **argv)
{
	prog = argc ? argv[0] : prog;
	setvbuf(stdout, NULL, _IOLBF, 0);	/* read by demo.sh */
	signal(SIGPIPE, SIG_IGN);
	if (argc >= 2 && !strcmp(argv[1], "open"))
		return cmd_open(argc, argv);
	if (argc >= 2 && !strcmp(argv[1], "server"))
		return cmd_server(argc, argv);
	if (argc >= 2 && !strcmp(argv[1], "teller"))
		return cmd_teller(argc, argv);
	if (argc >= 2 && !strcmp(argv[1], "check"))
		return cmd_check(argc, argv);
	fprintf(stderr,
		"usage: %s open DISK NAME=AMOUNT...\n"
		"       %s server [-p PRIO] [-k N -K commit|record] NAME ALIAS DISK\n"
		"       %s teller [-k N] NAME ALIAS CLIENT_ALIAS DISK\n"
		"       %s check DISK N\n", prog, prog, prog, prog);
	return 2;
}
