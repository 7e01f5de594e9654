// SPDX-License-Identifier: GPL-2.0
/*
 * life_dp_stress: data-path races for life_races.sh, for a bounded time.
 *
 *   life_dp_stress traffic SECONDS AF [PAUSE_FILE]
 *	Rounds of about 300 ms until SECONDS have passed.  Each round makes an
 *	alias (policy auto or manual, grace 200 ms) with 4 member threads
 *	that serve, close (sometimes holding a request they read) and join
 *	again, 2 client threads that send without blocking, and a thread
 *	that runs member-set (state active, backup, draining; priority) and
 *	alias-set policy on random members.  The round ends with the alias
 *	deleted, either under load or once the clients are answered.
 *	Between rounds no socket is open, so that life_races.sh can unload the
 *	module.  Checks that each request got exactly one answer (a reply or
 *	an error message) and that no answer names an unknown request.
 *	Prints "rounds R requests N replies P errors E".
 *
 *   life_dp_stress netns SECONDS AF [PAUSE_FILE]
 *	Cycles: a child enters a new network namespace, starts the same
 *	traffic there plus requests held by an alias without members, and
 *	is killed with SIGKILL mid-traffic, so that the namespace exits with
 *	the sockets, timers and held requests just released.  Prints
 *	"netns cycles C".
 *
 * With PAUSE_FILE (both modes), no new round or cycle starts while that
 * file exists: life_races.sh creates it to get a moment without sockets, for
 * rmmod.
 *
 * Exit 0 on success, 1 on failure, 2 on usage errors.  Races with module
 * unload: a missing family or address family between rounds is waited
 * for, not an error.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>

#include "lib/dp_util.h"

enum limits {
	ROUND_MS = 300,
	GRACE_MS = 200,
	DRAIN_MS = 15000,	/* an answer must come within this */
	IDLE_MS = 30,		/* between rounds: no socket open */
	MEMBERS = 4,
	CLIENTS = 2,
	MAX_SENT = 1 << 16,	/* per client and round */
};

struct round {
	int af;
	uint32_t alias;
	int stop_send;		/* clients: stop sending, drain */
	int clients_done;	/* members and setter: stop */
	int forever;		/* netns mode: no end */
	int ready_fd;		/* netns mode: written once traffic runs */
	/* totals */
	uint32_t requests, replies, errors, lost, dups, unknown, send_errs,
		 last_send_err, sets;
};

static int flag(int *p)
{
	return __atomic_load_n(p, __ATOMIC_SEQ_CST);
}

static void set_flag(int *p)
{
	__atomic_store_n(p, 1, __ATOMIC_SEQ_CST);
}

static void add(uint32_t *p, uint32_t n)
{
	__atomic_add_fetch(p, n, __ATOMIC_SEQ_CST);
}

static bool alias_gone(int err)
{
	return err == -ENOENT || err == -EIDRM || err == -EAFNOSUPPORT;
}

static void *member_thread(void *arg)
{
	struct round *r = arg;
	unsigned int seed = (uintptr_t)&seed ^ time(NULL);
	struct timeval tv = { 0, 10000 };
	int fd = -1;

	while (!flag(&r->clients_done)) {
		char buf[256];
		struct dp_msg m;
		ssize_t n;

		if (fd < 0) {
			fd = dp_socket(r->af, r->alias, rand_r(&seed) % 4, 0);
			if (fd < 0) {
				if (alias_gone(fd))
					break;
				dp_pause_ms(1);
				continue;
			}
			setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
		}
		n = dp_recv(fd, buf, sizeof(buf), &m, 0);
		if (n >= 0 && m.has_id) {
			/* now and then die holding it: it must be redelivered */
			if (rand_r(&seed) % 16 == 0) {
				close(fd);
				fd = -1;
				continue;
			}
			dp_send_reply(fd, &m.id, buf, n, MSG_DONTWAIT);
		}
		if (rand_r(&seed) % 64 == 0) {
			close(fd);
			fd = -1;
		}
	}
	if (fd >= 0)
		close(fd);
	return NULL;
}

static void *client_thread(void *arg)
{
	struct round *r = arg;
	uint8_t *st = calloc(MAX_SENT + 1, 1);	/* by xid: 1 sent, 2 answered */
	uint32_t sent = 0, outstanding = 0, replies = 0, errors = 0;
	int64_t drain_end = 0;
	bool sending = true;
	int fd;

	fd = dp_socket(r->af, 0, -1, 0);
	if (fd < 0 || !st) {
		free(st);
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	for (;;) {
		if (sending && flag(&r->stop_send))
			sending = false;
		if (!sending) {
			if (!outstanding)
				break;
			if (!drain_end)
				drain_end = dp_now_ms() + DRAIN_MS;
			if (dp_now_ms() > drain_end)
				break;
		}
		if (sending && sent < MAX_SENT) {
			struct ftalias_id id;
			char buf[64];
			int err;

			snprintf(buf, sizeof(buf), "request %u", sent);
			err = dp_send_req(fd, r->af, r->alias, buf, strlen(buf),
					  &id, MSG_DONTWAIT);
			if (!err) {
				if (id.xid >= 1 && id.xid <= MAX_SENT && !st[id.xid]) {
					st[id.xid] = 1;
					outstanding++;
				} else {
					add(&r->unknown, 1);
				}
				sent++;
			} else if (alias_gone(err)) {
				sending = false;
			} else if (err != -EAGAIN) {
				add(&r->send_errs, 1);
				r->last_send_err = -err;
			}
		}
		dp_wait_readable(fd, sending ? 1 : 10);
		for (;;) {
			char buf[256];
			struct dp_msg m;

			if (dp_recv(fd, buf, sizeof(buf), &m, MSG_DONTWAIT) < 0)
				break;
			if (!m.has_reply_to || m.reply_to.xid < 1 ||
			    m.reply_to.xid > MAX_SENT || !st[m.reply_to.xid]) {
				add(&r->unknown, 1);
				continue;
			}
			if (st[m.reply_to.xid] == 2) {
				add(&r->dups, 1);
				continue;
			}
			st[m.reply_to.xid] = 2;
			outstanding--;
			if (m.err)
				errors++;
			else
				replies++;
		}
	}
	if (outstanding && !r->forever) {
		uint32_t x, shown = 0;

		fprintf(stderr, "client: %u of %u requests to alias %u unanswered after %d s:",
			outstanding, sent, r->alias, DRAIN_MS / 1000);
		for (x = 1; x <= MAX_SENT && shown < 8; x++)
			if (st[x] == 1) {
				fprintf(stderr, " xid %u", x);
				shown++;
			}
		fprintf(stderr, "\n");
		add(&r->lost, outstanding);
	}
	add(&r->requests, sent);
	add(&r->replies, replies);
	add(&r->errors, errors);
	close(fd);
	free(st);
	return NULL;
}

static int alias_set_policy(struct dp_nl *nl, uint32_t alias, int policy)
{
	return dp_alias_set(nl, alias, FTALIAS_A_ALIAS_POLICY, policy, 4);
}

/* member-set and alias-set on random members, errors ignored. */
static void *setter_thread(void *arg)
{
	struct round *r = arg;
	unsigned int seed = (uintptr_t)&seed ^ time(NULL);
	struct dp_nl *nl = dp_nl_open();

	if (!nl)
		return NULL;
	while (!flag(&r->clients_done)) {
		struct dp_member m[16];
		int n = dp_members(nl, r->alias, m, 16), pick, state;

		if (n == -ENOENT)
			break;
		if (n > 16)
			n = 16;
		if (n <= 0) {
			dp_pause_ms(1);
			continue;
		}
		pick = rand_r(&seed) % n;
		switch (rand_r(&seed) % 8) {
		case 0:
			state = FTALIAS_MEMBER_STATE_BACKUP;
			break;
		case 1:
			state = FTALIAS_MEMBER_STATE_DRAINING;
			break;
		case 2:
			alias_set_policy(nl, r->alias, rand_r(&seed) % 2);
			state = -1;
			break;
		default:
			state = FTALIAS_MEMBER_STATE_ACTIVE;
		}
		dp_member_set(nl, r->alias, m[pick].port, state,
			      rand_r(&seed) % 4 ? -1 : (int)(rand_r(&seed) % 4));
		add(&r->sets, 1);
		dp_pause_ms(1);
	}
	dp_nl_close(nl);
	return NULL;
}

/*
 * One round on a new alias.  Returns 0, or -1 if the module is not there
 * (the caller waits and tries again).
 */
static int run_round(struct dp_nl *nl, struct round *r, const char *name,
		     unsigned int *seed)
{
	pthread_t mt[MEMBERS], ct[CLIENTS], st;
	bool under_load = rand_r(seed) % 2;
	int i, id;

	id = dp_alias_new(nl, name, rand_r(seed) % 2, GRACE_MS);
	if (id < 0)
		return -1;
	r->alias = id;
	r->stop_send = r->clients_done = 0;
	for (i = 0; i < MEMBERS; i++)
		pthread_create(&mt[i], NULL, member_thread, r);
	for (i = 0; i < CLIENTS; i++)
		pthread_create(&ct[i], NULL, client_thread, r);
	pthread_create(&st, NULL, setter_thread, r);
	if (r->forever) {
		if (write(r->ready_fd, "x", 1) != 1)
			_exit(1);
		for (;;)
			pause();
	}

	dp_pause_ms(ROUND_MS);	/* the round's length */
	if (under_load)
		dp_alias_del(nl, r->alias);
	set_flag(&r->stop_send);
	for (i = 0; i < CLIENTS; i++)
		pthread_join(ct[i], NULL);
	set_flag(&r->clients_done);
	for (i = 0; i < MEMBERS; i++)
		pthread_join(mt[i], NULL);
	pthread_join(st, NULL);
	if (!under_load)
		dp_alias_del(nl, r->alias);
	return 0;
}

static const char *pause_file;

/* Waits while the pause file exists. */
static void hold(time_t end)
{
	while (pause_file && !access(pause_file, F_OK) && time(NULL) < end)
		dp_pause_ms(10);
}

static struct dp_nl *nl_wait(time_t end)
{
	struct dp_nl *nl;

	while (!(nl = dp_nl_open())) {
		if (time(NULL) >= end)
			return NULL;
		dp_pause_ms(20);	/* module unloaded: let it come back */
	}
	return nl;
}

static int traffic(time_t end, int af)
{
	unsigned int seed = getpid() ^ time(NULL);
	struct round r = { .af = af };
	int64_t longest = 0;
	long rounds = 0;
	char name[32];

	snprintf(name, sizeof(name), "dp%d", getpid());
	while (time(NULL) < end) {
		struct dp_nl *nl;

		int64_t t0;

		hold(end);
		nl = nl_wait(end);
		if (!nl)
			break;
		t0 = dp_now_ms();
		if (run_round(nl, &r, name, &seed) == 0)
			rounds++;
		else
			dp_pause_ms(20);
		if (dp_now_ms() - t0 > longest)
			longest = dp_now_ms() - t0;
		dp_nl_close(nl);
		dp_pause_ms(IDLE_MS);	/* a window without sockets for rmmod */
		if (r.lost || r.dups || r.unknown)
			break;
	}
	printf("rounds %ld requests %u replies %u errors %u sets %u longest %lld ms\n",
	       rounds, r.requests, r.replies, r.errors, r.sets,
	       (long long)longest);
	if (r.send_errs)
		printf("send errors %u, last %s\n", r.send_errs,
		       strerror(r.last_send_err));
	if (r.lost || r.dups || r.unknown) {
		fprintf(stderr, "FAIL: lost %u, answered twice %u, unknown answers %u\n",
			r.lost, r.dups, r.unknown);
		return 1;
	}
	return 0;
}

/* The child of a netns cycle: traffic until killed. */
static void __attribute__((noreturn)) netns_child(int af, int ready)
{
	static struct round r;
	unsigned int seed = getpid();
	struct ftalias_id id;
	struct dp_nl *nl;
	int held, fd, i;

	if (unshare(CLONE_NEWNET))
		_exit(1);
	nl = dp_nl_open();
	if (!nl)
		_exit(3);
	/* requests held (timers armed) by an alias without members */
	held = dp_alias_new(nl, "held", FTALIAS_PROMOTION_POLICY_AUTO, 60000);
	fd = dp_socket(af, 0, -1, 0);
	if (held < 0 || fd < 0)
		_exit(3);
	for (i = 0; i < 4; i++)
		dp_send_req(fd, af, held, "held", 4, &id, MSG_DONTWAIT);
	r.af = af;
	r.forever = 1;
	r.ready_fd = ready;
	run_round(nl, &r, "ns", &seed);
	_exit(1);
}

static int netns(time_t end, int af)
{
	unsigned int seed = getpid();
	long cycles = 0, failed = 0;

	while (time(NULL) < end) {
		int p[2], status;
		pid_t pid;
		char c;

		hold(end);
		if (pipe(p))
			return 1;
		pid = fork();
		if (pid < 0)
			return 1;
		if (!pid) {
			prctl(PR_SET_PDEATHSIG, SIGKILL);
			close(p[0]);
			netns_child(af, p[1]);
		}
		close(p[1]);
		/* it is ready (or died: module unloaded, EOF) */
		if (dp_wait_readable(p[0], 10000) > 0 && read(p[0], &c, 1) == 1) {
			/* let the traffic start, then kill it at a random point */
			dp_pause_ms(rand_r(&seed) % 40);
			cycles++;
		} else {
			failed++;
		}
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		close(p[0]);
		dp_pause_ms(IDLE_MS);	/* a window without sockets for rmmod */
	}
	printf("netns cycles %ld (not started %ld)\n", cycles, failed);
	return 0;
}

int main(int argc, char **argv)
{
	time_t end;
	int af;

	if (argc != 4 && argc != 5) {
		fprintf(stderr, "usage: life_dp_stress traffic|netns SECONDS AF [PAUSE_FILE]\n");
		return 2;
	}
	if (argc == 5)
		pause_file = argv[4];
	end = time(NULL) + atol(argv[2]);
	af = atoi(argv[3]);
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!strcmp(argv[1], "traffic"))
		return traffic(end, af);
	if (!strcmp(argv[1], "netns"))
		return netns(end, af);
	fprintf(stderr, "usage: life_dp_stress traffic|netns SECONDS AF [PAUSE_FILE]\n");
	return 2;
}
