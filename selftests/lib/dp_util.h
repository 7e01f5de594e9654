/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers of the ftalias data-path selftests (failover_kill, scale_dp,
 * life_dp_stress, ...; the benchmark and the demos under tools/ too):
 * the family's commands on the generated netlink client (tools/ynl, linked
 * from libynl.a), raw netlink messages for the tests that need them, and
 * AF_FTALIAS socket calls with their control messages.  Header-only: each
 * test is one .c file.  Functions return 0 or a positive count on success
 * and -errno on failure; none of them exits.
 */
#ifndef FTALIAS_DP_UTIL_H
#define FTALIAS_DP_UTIL_H

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/socket.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "../../include/uapi/linux/ftalias.h"
#include "ynl.h"
#include "ftalias-user.h"

/* ---- time ------------------------------------------------------------ */

static inline int64_t dp_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* A short pause inside a loop that polls a condition. */
static inline void dp_pause_ms(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/*
 * Polls COND (an expression) every 2 ms until it holds or MS have passed;
 * true if it held.  The tests' one wait loop: they wait for a condition,
 * never for a fixed time, and a bound only ends a wait that failed.
 */
#define DP_WAIT_FOR(cond, ms) ({					\
	int64_t __dp_end = dp_now_ms() + (ms);				\
	bool __dp_ok;							\
									\
	while (!(__dp_ok = (cond)) && dp_now_ms() < __dp_end)		\
		dp_pause_ms(2);						\
	__dp_ok;							\
})

/* Microseconds from a to b. */
static inline int64_t dp_us_between(const struct timespec *a,
				    const struct timespec *b)
{
	return (b->tv_sec - a->tv_sec) * 1000000LL +
	       (b->tv_nsec - a->tv_nsec) / 1000;
}

/* ---- the address family -------------------------------------------- */

/* State letter of a thread of this process ('S': sleeping in the kernel). */
static inline char dp_task_state(pid_t tid)
{
	char path[64], buf[512], *c;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/self/task/%d/stat", (int)tid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = 0;
	c = strrchr(buf, ')');
	return c && c[1] == ' ' ? c[2] : 0;
}

/* The number a file of /proc or /sys holds, or -1. */
static inline long dp_read_long(const char *path)
{
	FILE *f = fopen(path, "r");
	long v = -1;

	if (!f)
		return -1;
	if (fscanf(f, "%ld", &v) != 1)
		v = -1;
	fclose(f);
	return v;
}

/* Writes S to the file at PATH: 0 or -errno. */
static inline int dp_write_str(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, s, strlen(s));
	if (n < 0)
		n = -errno;
	close(fd);
	return n < 0 ? (int)n : 0;
}

#define DP_TRACEFS	"/sys/kernel/tracing"

/* The top level's "record-cmd" before dp_trace_instance_new(), or -1. */
static long dp_trace_record_cmd = -1;

/*
 * A trace instance of the test's own, DP_TRACEFS/instances/TAG-PID, its
 * path in INST: 0, -EOPNOTSUPP without tracefs, or -errno.
 *
 * An instance takes "record-cmd" from the top level when it is made, and
 * with it set the first event enabled in it hooks the scheduler's
 * sched_switch and sched_wakeup tracepoints (the last disabled unhooks
 * them): the kernel patches its hottest code while every CPU runs it.
 * Under QEMU TCG a CPU has taken an int3 left by such a patch after the
 * patch was over ("Oops: int3" in ttwu_do_activate, writing 0 to an
 * instance's events/ftalias/enable on 6.12). The tests read no command
 * names: the option is cleared while the instance is made and put back
 * by dp_trace_instance_del().
 */
static inline int dp_trace_instance_new(char *inst, size_t len,
					const char *tag)
{
	if (access(DP_TRACEFS "/instances", F_OK) &&
	    mount("nodev", DP_TRACEFS, "tracefs", 0, NULL) &&
	    access(DP_TRACEFS "/instances", F_OK))
		return -EOPNOTSUPP;
	dp_trace_record_cmd = dp_read_long(DP_TRACEFS "/options/record-cmd");
	if (dp_trace_record_cmd > 0)
		dp_write_str(DP_TRACEFS "/options/record-cmd", "0");
	snprintf(inst, len, DP_TRACEFS "/instances/%s-%d", tag, getpid());
	if (mkdir(inst, 0700)) {
		int err = -errno;

		inst[0] = 0;
		return err;
	}
	return 0;
}

/* Removes the instance dp_trace_instance_new() made, if it made one. */
static inline void dp_trace_instance_del(char *inst)
{
	if (inst[0])
		rmdir(inst);
	inst[0] = 0;
	if (dp_trace_record_cmd > 0)
		dp_write_str(DP_TRACEFS "/options/record-cmd", "1");
	dp_trace_record_cmd = -1;
}

/* Loads the module from $FTALIAS_KO: 0, -ENOENT without it, or -errno. */
static inline int dp_module_load(void)
{
	const char *ko = getenv("FTALIAS_KO");
	int fd = ko ? open(ko, O_RDONLY | O_CLOEXEC) : -1, r;

	if (fd < 0)
		return -ENOENT;
	r = syscall(__NR_finit_module, fd, "", 0);
	close(fd);
	return r ? -errno : 0;
}

/* The module's address family (its parameter "family"), or -1. */
static inline int dp_af(void)
{
	return dp_read_long("/sys/module/ftalias/parameters/family");
}

/* ---- generic netlink -------------------------------------------------- */

/*
 * The family's commands go through the generated client (ftalias-user.h,
 * tools/ynl, make regen) on a YNL socket; a test calls it on ys directly
 * where no helper below fits.  Raw messages (the dumps read one part at a
 * time, the fuzzer's) go on sockets of their own.
 */
struct dp_nl {
	struct ynl_sock *ys;
	int fd;			/* ys's socket: poll() it for notifications */
	uint16_t fam;		/* the family's id */
};

/*
 * The -errno of the generated client's last failure on nl: the kernel's
 * answer, -EPROTO for a failure of the client's own (a reply it refused,
 * a dump marked interrupted), else the errno of the socket call.  The
 * client does not match sequence numbers, and after a failure of its own
 * it may have left the rest of an answer on the socket (a dump's later
 * parts, which each recv() makes the kernel fill in): that is read and
 * dropped first, so that the next request reads its own answer.
 */
static inline int dp_ynl_err(struct dp_nl *nl)
{
	int code = nl->ys->err.code, err = errno ? -errno : -EIO;
	char buf[8192];

	if (code > 0 && code < __YNL_ERRNO_END)
		return -code;
	while (recv(nl->fd, buf, sizeof(buf), MSG_DONTWAIT) >= 0)
		;
	return code ? -EPROTO : err;
}

/*
 * Whether a dump that failed may be asked again: the kernel marked it
 * NLM_F_DUMP_INTR (the table changed under it: a replay cache's TTL work,
 * a member leaving), which YNL refuses.  The rest of the dump is read off
 * the socket first.  A dump retried DP_DUMP_TRIES times fails as it came.
 */
#define DP_DUMP_TRIES	50

static inline bool dp_dump_retry(struct dp_nl *nl, int *tries)
{
	if (nl->ys->err.code != YNL_ERROR_DUMP_INTER || ++*tries > DP_DUMP_TRIES)
		return false;
	dp_ynl_err(nl);
	return true;
}

/*
 * Whether the kernel answered nl's last failed request: then dp_ynl_err()
 * is its errno (or -EPROTO, an answer the client refused); if not, the
 * socket call failed and no answer came.
 */
static inline bool dp_ynl_answered(struct dp_nl *nl)
{
	return nl->ys->err.code != 0;
}

/*
 * A netlink socket of the current network namespace; NULL on failure,
 * with *yerr (if set) saying why (code ENOENT: the family is missing).
 */
static inline struct dp_nl *dp_nl_open_yerr(struct ynl_error *yerr)
{
	struct dp_nl *nl = calloc(1, sizeof(*nl));

	if (!nl) {
		if (yerr) {
			yerr->code = ENOMEM;
			snprintf(yerr->msg, sizeof(yerr->msg), "%s",
				 strerror(ENOMEM));
		}
		return NULL;
	}
	nl->ys = ynl_sock_create(&ynl_ftalias_family, yerr);
	if (!nl->ys) {
		free(nl);
		return NULL;
	}
	nl->fd = ynl_socket_get_fd(nl->ys);
	nl->fam = nl->ys->family_id;
	/* as before: not inherited by the programs a test executes */
	fcntl(nl->fd, F_SETFD, FD_CLOEXEC);
	return nl;
}

/* A netlink socket of the current network namespace; NULL on failure. */
static inline struct dp_nl *dp_nl_open(void)
{
	return dp_nl_open_yerr(NULL);
}

static inline void dp_nl_close(struct dp_nl *nl)
{
	if (nl) {
		ynl_sock_destroy(nl->ys);
		free(nl);
	}
}

/* ---- raw messages ----------------------------------------------------- */

struct dp_req {
	struct nlmsghdr nlh;
	struct genlmsghdr g;
	char attrs[512];
};

static inline void dp_put(struct dp_req *r, uint16_t type, const void *d,
			  size_t len)
{
	struct nlattr *nla = (void *)((char *)r + NLMSG_ALIGN(r->nlh.nlmsg_len));

	nla->nla_type = type;
	nla->nla_len = NLA_HDRLEN + len;
	memcpy((char *)nla + NLA_HDRLEN, d, len);
	r->nlh.nlmsg_len = NLMSG_ALIGN(r->nlh.nlmsg_len) + NLA_ALIGN(nla->nla_len);
}

static inline void dp_put_u32(struct dp_req *r, uint16_t type, uint32_t v)
{
	dp_put(r, type, &v, 4);
}

/* Calls fn(type, payload, len, arg) for each attribute of a nest. */
static inline void dp_nest(void *p, int len,
			   void (*fn)(int, void *, int, void *), void *arg)
{
	struct nlattr *nla = p;
	int rem = len;

	while (rem >= NLA_HDRLEN && nla->nla_len >= NLA_HDRLEN &&
	       nla->nla_len <= rem) {
		fn(nla->nla_type & NLA_TYPE_MASK, (char *)nla + NLA_HDRLEN,
		   nla->nla_len - NLA_HDRLEN, arg);
		rem -= NLA_ALIGN(nla->nla_len);
		nla = (void *)((char *)nla + NLA_ALIGN(nla->nla_len));
	}
}

/* Calls fn(type, payload, len, arg) for each attribute of a genl message. */
static inline void dp_attrs(struct nlmsghdr *nlh,
			    void (*fn)(int, void *, int, void *), void *arg)
{
	dp_nest((char *)NLMSG_DATA(nlh) + GENL_HDRLEN,
		nlh->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN), fn, arg);
}

/*
 * The generated client's parser of a reply (its rsp_parse function and
 * attribute set) on a message read raw: obj, calloc'ed by the caller, is
 * freed with the generated _free function.  0 or -errno.
 */
int ftalias_cache_get_rsp_dump_parse(const struct nlmsghdr *nlh,
				     struct ynl_parse_arg *yarg);
int ftalias_journal_get_rsp_dump_parse(const struct nlmsghdr *nlh,
				       struct ynl_parse_arg *yarg);
int ftalias_conn_get_rsp_parse(const struct nlmsghdr *nlh,
			       struct ynl_parse_arg *yarg);
extern const struct ynl_policy_nest ftalias_cache_entry_nest;
extern const struct ynl_policy_nest ftalias_journal_rec_nest;
extern const struct ynl_policy_nest ftalias_conn_nest;

/*
 * The socket the parsers see (they read the family's header length from
 * it and write their errors to it): one per program, not for threads that
 * parse at once.
 */
static struct ynl_sock dp_parse_ys = { .family = &ynl_ftalias_family };

static inline int dp_parse(const struct nlmsghdr *nlh, ynl_parse_cb_t parse,
			   const struct ynl_policy_nest *policy, void *obj)
{
	struct ynl_parse_arg yarg = {
		.ys = &dp_parse_ys, .rsp_policy = policy, .data = obj,
	};

	dp_parse_ys.err.code = 0;
	if (parse(nlh, &yarg) >= YNL_PARSE_CB_OK)
		return 0;
	return dp_parse_ys.err.code > 0 &&
	       dp_parse_ys.err.code < __YNL_ERRNO_END ?
	       -(int)dp_parse_ys.err.code : -EPROTO;
}

/* ---- the family's commands -------------------------------------------- */

/* The replay cache of an alias (alias-get's cache nest). */
struct dp_cache {
	uint64_t entries, bytes, in_progress, journal, waiting, recorded;
	uint64_t hits_auto, hits_handler, hits_held, misses;
	uint64_t evict_ack, evict_ttl, evict_lru, evict_shrink, evict_flush;
	uint64_t refused, orphans, journaled, longest_hold_ms;
};

/* alias-get / alias-new replies */
struct dp_alias {
	uint32_t id, incarnation, members, active_port, pending, held;
	uint32_t policy, grace_ms;
	bool has_active;
	uint64_t sent, delivered, redelivered, resent, replies, held_total,
		 failed, promotions, checkpoints, ckpt_loads;
	uint64_t ckpt_seq, ckpt_bytes;	/* 0: no checkpoint */
	uint64_t ckpt_input;		/* with ckpt_seq */
	bool input_log, has_log;	/* has_log: the log_* fields */
	uint32_t log_inputs, log_outputs;
	uint64_t log_bytes, inputs_logged, inputs_replayed, replay_suppressed;
	uint64_t requests_reissued;
	struct dp_cache cache;
};

/* An alias as the generated client parsed it (alias-get, alias-new). */
#define DP_ALIAS_FROM(a, r) do {					\
	memset((a), 0, sizeof(*(a)));					\
	(a)->id = (r)->id;						\
	(a)->incarnation = (r)->incarnation;				\
	(a)->members = (r)->members;					\
	(a)->active_port = (r)->active_port;				\
	(a)->has_active = (r)->_present.active_port;			\
	(a)->pending = (r)->pending;					\
	(a)->held = (r)->held;						\
	(a)->policy = (r)->policy;					\
	(a)->grace_ms = (r)->grace_ms;					\
	(a)->sent = (r)->stats.sent;					\
	(a)->delivered = (r)->stats.delivered;				\
	(a)->redelivered = (r)->stats.redelivered;			\
	(a)->resent = (r)->stats.resent;				\
	(a)->replies = (r)->stats.replies;				\
	(a)->held_total = (r)->stats.held;				\
	(a)->failed = (r)->stats.failed;				\
	(a)->promotions = (r)->stats.promotions;			\
	(a)->checkpoints = (r)->stats.checkpoints;			\
	(a)->ckpt_loads = (r)->stats.ckpt_loads;			\
	(a)->ckpt_seq = (r)->ckpt_seq;					\
	(a)->ckpt_bytes = (r)->ckpt_bytes;				\
	(a)->ckpt_input = (r)->ckpt_input;				\
	(a)->input_log = (r)->input_log;				\
	(a)->has_log = (r)->_present.log_inputs;			\
	(a)->log_inputs = (r)->log_inputs;				\
	(a)->log_outputs = (r)->log_outputs;				\
	(a)->log_bytes = (r)->log_bytes;				\
	(a)->inputs_logged = (r)->stats.inputs_logged;			\
	(a)->inputs_replayed = (r)->stats.inputs_replayed;		\
	(a)->replay_suppressed = (r)->stats.replay_suppressed;		\
	(a)->requests_reissued = (r)->stats.requests_reissued;		\
	(a)->cache.entries = (r)->cache.entries;			\
	(a)->cache.bytes = (r)->cache.bytes;				\
	(a)->cache.in_progress = (r)->cache.in_progress;		\
	(a)->cache.journal = (r)->cache.journal;			\
	(a)->cache.waiting = (r)->cache.waiting;			\
	(a)->cache.recorded = (r)->cache.recorded;			\
	(a)->cache.hits_auto = (r)->cache.hits_auto;			\
	(a)->cache.hits_handler = (r)->cache.hits_handler;		\
	(a)->cache.hits_held = (r)->cache.hits_held;			\
	(a)->cache.misses = (r)->cache.misses;				\
	(a)->cache.evict_ack = (r)->cache.evict_ack;			\
	(a)->cache.evict_ttl = (r)->cache.evict_ttl;			\
	(a)->cache.evict_lru = (r)->cache.evict_lru;			\
	(a)->cache.evict_shrink = (r)->cache.evict_shrink;		\
	(a)->cache.evict_flush = (r)->cache.evict_flush;		\
	(a)->cache.refused = (r)->cache.refused;			\
	(a)->cache.orphans = (r)->cache.orphans;			\
	(a)->cache.journaled = (r)->cache.journaled;			\
	(a)->cache.longest_hold_ms = (r)->cache.longest_hold_ms;	\
} while (0)

/*
 * Sends alias-new req (a test sets the attributes it wants) and frees it;
 * returns the new id or -errno.
 */
static inline int dp_alias_new_send(struct dp_nl *nl,
				    struct ftalias_alias_new_req *req)
{
	struct ftalias_alias_new_rsp *rsp = ftalias_alias_new(nl->ys, req);
	int ret;

	ftalias_alias_new_req_free(req);
	if (!rsp)
		return dp_ynl_err(nl);
	ret = rsp->id ? (int)rsp->id : -EPROTO;
	ftalias_alias_new_rsp_free(rsp);
	return ret;
}

/*
 * alias-new NAME with the given policy and grace period (-1: the default);
 * returns the new id or -errno.
 */
static inline int dp_alias_new(struct dp_nl *nl, const char *name,
			       int policy, int grace_ms)
{
	struct ftalias_alias_new_req *req = ftalias_alias_new_req_alloc();

	ftalias_alias_new_req_set_name(req, name);
	if (policy >= 0)
		ftalias_alias_new_req_set_policy(req, policy);
	if (grace_ms >= 0)
		ftalias_alias_new_req_set_grace_ms(req, grace_ms);
	return dp_alias_new_send(nl, req);
}

static inline int dp_alias_get(struct dp_nl *nl, uint32_t id,
			       struct dp_alias *a)
{
	struct ftalias_alias_get_req *req = ftalias_alias_get_req_alloc();
	struct ftalias_alias_get_rsp *rsp;

	memset(a, 0, sizeof(*a));
	ftalias_alias_get_req_set_id(req, id);
	rsp = ftalias_alias_get(nl->ys, req);
	ftalias_alias_get_req_free(req);
	if (!rsp)
		return dp_ynl_err(nl);
	DP_ALIAS_FROM(a, rsp);
	ftalias_alias_get_rsp_free(rsp);
	return 0;
}

/* Sends alias-set req (a test sets the attributes) and frees it; 0 or -errno. */
static inline int dp_alias_set_send(struct dp_nl *nl,
				    struct ftalias_alias_set_req *req)
{
	int err = ftalias_alias_set(nl->ys, req) ? dp_ynl_err(nl) : 0;

	ftalias_alias_set_req_free(req);
	return err;
}

/*
 * alias-set of one attribute; len is its size (1, 4 or 8), which must be
 * the attribute's type's.  Returns 0 or -errno.
 */
static inline int dp_alias_set(struct dp_nl *nl, uint32_t id, int attr,
			       uint64_t v, int len)
{
	struct ftalias_alias_set_req *req = ftalias_alias_set_req_alloc();
	int want = 4;

	ftalias_alias_set_req_set_id(req, id);
	switch (attr) {
	case FTALIAS_A_ALIAS_UID:
		ftalias_alias_set_req_set_uid(req, v);
		break;
	case FTALIAS_A_ALIAS_GID:
		ftalias_alias_set_req_set_gid(req, v);
		break;
	case FTALIAS_A_ALIAS_MODE:
		ftalias_alias_set_req_set_mode(req, v);
		break;
	case FTALIAS_A_ALIAS_POLICY:
		ftalias_alias_set_req_set_policy(req, v);
		break;
	case FTALIAS_A_ALIAS_GRACE_MS:
		ftalias_alias_set_req_set_grace_ms(req, v);
		break;
	case FTALIAS_A_ALIAS_CACHE_MAX_ENTRIES:
		ftalias_alias_set_req_set_cache_max_entries(req, v);
		break;
	case FTALIAS_A_ALIAS_CACHE_MAX_BYTES:
		ftalias_alias_set_req_set_cache_max_bytes(req, v);
		want = 8;
		break;
	case FTALIAS_A_ALIAS_CACHE_TTL_MS:
		ftalias_alias_set_req_set_cache_ttl_ms(req, v);
		break;
	case FTALIAS_A_ALIAS_RECORD_REPLIES:
		ftalias_alias_set_req_set_record_replies(req, v);
		want = 1;
		break;
	case FTALIAS_A_ALIAS_INPUT_LOG:
		ftalias_alias_set_req_set_input_log(req, v);
		want = 1;
		break;
	default:
		want = -1;
	}
	if (len != want) {
		ftalias_alias_set_req_free(req);
		return -EINVAL;
	}
	return dp_alias_set_send(nl, req);
}

/* cache-flush; *flushed (if set) gets the count.  Returns 0 or -errno. */
static inline int dp_cache_flush(struct dp_nl *nl, uint32_t id,
				 bool in_progress, uint32_t *flushed)
{
	struct ftalias_cache_flush_req *req = ftalias_cache_flush_req_alloc();
	struct ftalias_cache_flush_rsp *rsp;

	ftalias_cache_flush_req_set_alias_id(req, id);
	if (in_progress)
		ftalias_cache_flush_req_set_in_progress(req);
	rsp = ftalias_cache_flush(nl->ys, req);
	ftalias_cache_flush_req_free(req);
	if (flushed)
		*flushed = rsp ? rsp->flushed : 0;
	if (!rsp)
		return dp_ynl_err(nl);
	ftalias_cache_flush_rsp_free(rsp);
	return 0;
}

/* family-info-get: the replay-cache total limit and bytes of all aliases. */
struct dp_info {
	uint64_t total_limit, total_bytes;
};

static inline int dp_info(struct dp_nl *nl, struct dp_info *in)
{
	struct ftalias_family_info_get_rsp *rsp;

	memset(in, 0, sizeof(*in));
	rsp = ftalias_family_info_get(nl->ys);
	if (!rsp)
		return dp_ynl_err(nl);
	in->total_limit = rsp->cache_total_bytes_limit;
	in->total_bytes = rsp->cache_total_bytes;
	ftalias_family_info_get_rsp_free(rsp);
	return 0;
}

/* ~0 when family-info fails: no test takes that for a figure. */
static inline uint64_t dp_total_bytes(struct dp_nl *nl)
{
	struct dp_info in;

	return dp_info(nl, &in) ? ~0ULL : in.total_bytes;
}

static inline uint64_t dp_total_limit(struct dp_nl *nl)
{
	struct dp_info in;

	return dp_info(nl, &in) ? ~0ULL : in.total_limit;
}

/* A request ID as the generated client parsed it (an id nest). */
static inline struct ftalias_id dp_id_from(const struct ftalias_id_attrs *a)
{
	struct ftalias_id id = {
		.node = a->node, .alias = a->alias, .port = a->port,
		.incarnation = a->incarnation, .xid = a->xid,
	};

	return id;
}

/* cache-get: the entries of an alias's replay cache, as netlink shows them. */
struct dp_entry {
	struct ftalias_id id;
	uint32_t state, age_ms, size, owner_port, journal;
};

static inline struct dp_entry
dp_entry_from(const struct ftalias_cache_get_rsp_dump *r)
{
	struct dp_entry e = {
		.id = dp_id_from(&r->id), .state = r->state,
		.age_ms = r->age_ms, .size = r->size,
		.owner_port = r->owner_port, .journal = r->journal,
	};

	return e;
}

/* A cache-get message read raw (a dump in parts) into *e; 0 or -errno. */
static inline int dp_entry_parse(const struct nlmsghdr *nlh,
				 struct dp_entry *e)
{
	struct ftalias_cache_get_rsp_dump r;
	int err;

	memset(&r, 0, sizeof(r));
	err = dp_parse(nlh, ftalias_cache_get_rsp_dump_parse,
		       &ftalias_cache_entry_nest, &r);
	*e = dp_entry_from(&r);
	return err;
}

/*
 * Up to max entries of alias id's cache into e; returns how many it has
 * (may be more than max) or -errno.
 */
static inline int dp_cache_entries(struct dp_nl *nl, uint32_t id,
				   struct dp_entry *e, int max)
{
	struct ftalias_cache_get_req_dump *req =
		ftalias_cache_get_req_dump_alloc();
	struct ftalias_cache_get_rsp_list *l;
	int n = 0, tries = 0;

	ftalias_cache_get_req_dump_set_alias_id(req, id);
	do
		l = ftalias_cache_get_dump(nl->ys, req);
	while (!l && dp_dump_retry(nl, &tries));
	ftalias_cache_get_req_dump_free(req);
	if (!l)
		return dp_ynl_err(nl);
	ynl_dump_foreach(l, r) {
		if (n < max)
			e[n] = dp_entry_from(r);
		n++;
	}
	ftalias_cache_get_rsp_list_free(l);
	return n;
}

/* Sends alias-del req and frees it; 0 or -errno. */
static inline int dp_alias_del_send(struct dp_nl *nl,
				    struct ftalias_alias_del_req *req)
{
	int err = ftalias_alias_del(nl->ys, req) ? dp_ynl_err(nl) : 0;

	ftalias_alias_del_req_free(req);
	return err;
}

static inline int dp_alias_del(struct dp_nl *nl, uint32_t id)
{
	struct ftalias_alias_del_req *req = ftalias_alias_del_req_alloc();

	ftalias_alias_del_req_set_id(req, id);
	return dp_alias_del_send(nl, req);
}

/* alias-del with moved: only the end of nl's own move of alias id. */
static inline int dp_alias_del_moved(struct dp_nl *nl, uint32_t id)
{
	struct ftalias_alias_del_req *req = ftalias_alias_del_req_alloc();

	ftalias_alias_del_req_set_id(req, id);
	ftalias_alias_del_req_set_moved(req);
	return dp_alias_del_send(nl, req);
}

static inline int dp_alias_del_name(struct dp_nl *nl, const char *name)
{
	struct ftalias_alias_del_req *req = ftalias_alias_del_req_alloc();

	ftalias_alias_del_req_set_name(req, name);
	return dp_alias_del_send(nl, req);
}

/*
 * Creates n aliases PREFIX0..PREFIX<n-1>; their ids go to ids[] in
 * creation order.  Returns the number created, or the -errno of the last
 * failure if none of a group of 64 (the first one with a failure) was.
 */
static inline int dp_alias_new_many(struct dp_nl *nl, const char *prefix,
				    int n, uint32_t *ids)
{
	int done = 0, made = 0;

	while (done < n) {
		int k = n - done < 64 ? n - done : 64, i, err = 0, ok = 0;
		int before = made;

		for (i = 0; i < k; i++) {
			char name[32];
			int id;

			snprintf(name, sizeof(name), "%s%d", prefix, done + i);
			id = dp_alias_new(nl, name, -1, -1);
			if (id < 0) {
				err = id;
				continue;
			}
			ids[made++] = id;
			ok++;
		}
		if (err && ok == 0 && before == done)
			return err;
		done += k;
	}
	return made;
}

/* Deletes the aliases ids[0..n-1]; returns -errno of the last failure. */
static inline int dp_alias_del_many(struct dp_nl *nl, const uint32_t *ids, int n)
{
	int i, err, last = 0;

	for (i = 0; i < n; i++) {
		err = dp_alias_del(nl, ids[i]);
		if (err)
			last = err;
	}
	return last;
}

struct dp_member {
	uint32_t alias, port, pid, priority, role, state, queue_len,
		 incarnation;
	uint64_t delivered, redelivered, replies;
};

/* A member as the generated client parsed it (state ~0 when absent). */
#define DP_MEMBER_FROM(m, r) do {					\
	memset((m), 0, sizeof(*(m)));					\
	(m)->alias = (r)->alias_id;					\
	(m)->port = (r)->port;						\
	(m)->pid = (r)->pid;						\
	(m)->priority = (r)->priority;					\
	(m)->role = (r)->role;						\
	(m)->state = (r)->_present.state ? (uint32_t)(r)->state : ~0u;	\
	(m)->queue_len = (r)->queue_len;				\
	(m)->incarnation = (r)->incarnation;				\
	(m)->delivered = (r)->delivered;				\
	(m)->redelivered = (r)->redelivered;				\
	(m)->replies = (r)->replies;					\
} while (0)

/* member-get of one member (a doit); 0 or -errno. */
static inline int dp_member_get(struct dp_nl *nl, uint32_t alias,
				uint32_t port, struct dp_member *m)
{
	struct ftalias_member_get_req *req = ftalias_member_get_req_alloc();
	struct ftalias_member_get_rsp *rsp;

	memset(m, 0, sizeof(*m));
	ftalias_member_get_req_set_alias_id(req, alias);
	ftalias_member_get_req_set_port(req, port);
	rsp = ftalias_member_get(nl->ys, req);
	ftalias_member_get_req_free(req);
	if (!rsp)
		return dp_ynl_err(nl);
	DP_MEMBER_FROM(m, rsp);
	ftalias_member_get_rsp_free(rsp);
	return 0;
}

/*
 * member-get dump of one alias (alias 0: of every alias) into m[0..max-1];
 * returns the number of members dumped (which may exceed max) or -errno.
 */
static inline int dp_members(struct dp_nl *nl, uint32_t alias,
			     struct dp_member *m, int max)
{
	struct ftalias_member_get_req_dump *req =
		ftalias_member_get_req_dump_alloc();
	struct ftalias_member_get_list *l;
	int n = 0, tries = 0;

	if (alias)
		ftalias_member_get_req_dump_set_alias_id(req, alias);
	do
		l = ftalias_member_get_dump(nl->ys, req);
	while (!l && dp_dump_retry(nl, &tries));
	ftalias_member_get_req_dump_free(req);
	if (!l)
		return dp_ynl_err(nl);
	ynl_dump_foreach(l, r) {
		if (n < max)
			DP_MEMBER_FROM(&m[n], r);
		n++;
	}
	ftalias_member_get_list_free(l);
	return n;
}

/* The active member of an alias from a dump; returns 0 or -ENOENT. */
static inline int dp_active_member(struct dp_nl *nl, uint32_t alias,
				   struct dp_member *out)
{
	struct dp_member m[64];
	int n = dp_members(nl, alias, m, 64), i;

	if (n < 0)
		return n;
	for (i = 0; i < n && i < 64; i++)
		if (m[i].state == FTALIAS_MEMBER_STATE_ACTIVE) {
			*out = m[i];
			return 0;
		}
	return -ENOENT;
}

/* member-set: state and priority -1 leave them alone. */
static inline int dp_member_set(struct dp_nl *nl, uint32_t alias,
				uint32_t port, int state, int priority)
{
	struct ftalias_member_set_req *req = ftalias_member_set_req_alloc();
	int err;

	ftalias_member_set_req_set_alias_id(req, alias);
	ftalias_member_set_req_set_port(req, port);
	if (state >= 0)
		ftalias_member_set_req_set_state(req, state);
	if (priority >= 0)
		ftalias_member_set_req_set_priority(req, priority);
	err = ftalias_member_set(nl->ys, req) ? dp_ynl_err(nl) : 0;
	ftalias_member_set_req_free(req);
	return err;
}

/* ---- AF_FTALIAS sockets ------------------------------------------------ */

static inline struct sockaddr_ftalias dp_addr(int af, int type,
					      uint32_t alias, uint32_t port)
{
	struct sockaddr_ftalias sa;

	memset(&sa, 0, sizeof(sa));
	sa.sfa_family = af;
	sa.sfa_type = type;
	sa.sfa_alias = alias;
	sa.sfa_port = port;
	return sa;
}

/*
 * A socket of type (SOCK_RDM, SOCK_SEQPACKET) bound as a member of alias
 * (priority < 0: the default), or to a port of its own (alias 0).
 * Returns the fd or -errno.
 */
static inline int dp_socket_type(int af, int type, uint32_t alias,
				 int priority, int flags)
{
	struct sockaddr_ftalias sa;
	int fd = socket(af, type | SOCK_CLOEXEC | flags, 0), err;

	if (fd < 0)
		return -errno;
	if (priority >= 0) {
		uint32_t p = priority;

		if (setsockopt(fd, SOL_FTALIAS, FTALIAS_PRIORITY, &p, sizeof(p)))
			goto fail;
	}
	if (alias)
		sa = dp_addr(af, FTALIAS_ADDR_ALIAS, alias, 0);
	else
		sa = dp_addr(af, FTALIAS_ADDR_PORT, 0, 0);
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)))
		goto fail;
	return fd;
fail:
	err = -errno;
	close(fd);
	return err;
}

/* A SOCK_RDM member of alias, or a plain client (alias 0); fd or -errno. */
static inline int dp_socket(int af, uint32_t alias, int priority, int flags)
{
	return dp_socket_type(af, SOCK_RDM, alias, priority, flags);
}

static inline uint32_t dp_port(int fd)
{
	struct sockaddr_ftalias sa;
	socklen_t len = sizeof(sa);

	memset(&sa, 0, sizeof(sa));
	if (getsockname(fd, (struct sockaddr *)&sa, &len))
		return 0;
	return sa.sfa_port;
}

static inline int dp_is_active(int fd)
{
	uint32_t v = 0;
	socklen_t len = sizeof(v);

	if (getsockopt(fd, SOL_FTALIAS, FTALIAS_ACTIVE, &v, &len))
		return -errno;
	return v;
}

/*
 * Sends a request to an alias; *id (if set) gets the ID the kernel
 * stamped (FTALIAS_CMSG_ID_OUT).  Returns 0 or -errno.
 */
static inline int dp_send_req(int fd, int af, uint32_t alias, const void *buf,
			      size_t len, struct ftalias_id *id, int flags)
{
	struct sockaddr_ftalias sa = dp_addr(af, FTALIAS_ADDR_ALIAS, alias, 0);
	union {
		char b[CMSG_SPACE(sizeof(uint64_t))];
		struct cmsghdr align;
	} c;
	struct iovec iov = { (void *)buf, len };
	struct msghdr mh = {
		.msg_name = &sa, .msg_namelen = sizeof(sa),
		.msg_iov = &iov, .msg_iovlen = 1,
	};

	if (id) {
		struct cmsghdr *cm;
		uint64_t p = (uintptr_t)id;

		memset(&c, 0, sizeof(c));
		mh.msg_control = c.b;
		mh.msg_controllen = sizeof(c.b);
		cm = CMSG_FIRSTHDR(&mh);
		cm->cmsg_level = SOL_FTALIAS;
		cm->cmsg_type = FTALIAS_CMSG_ID_OUT;
		cm->cmsg_len = CMSG_LEN(sizeof(p));
		memcpy(CMSG_DATA(cm), &p, sizeof(p));
	}
	return sendmsg(fd, &mh, flags) == (ssize_t)len ? 0 : -errno;
}

/* Sends the reply to request id.  Returns 0 or -errno. */
static inline int dp_send_reply(int fd, const struct ftalias_id *id,
				const void *buf, size_t len, int flags)
{
	union {
		char b[CMSG_SPACE(sizeof(struct ftalias_id))];
		struct cmsghdr align;
	} c;
	struct iovec iov = { (void *)buf, len };
	struct msghdr mh = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = c.b, .msg_controllen = sizeof(c.b),
	};
	struct cmsghdr *cm;

	memset(&c, 0, sizeof(c));
	cm = CMSG_FIRSTHDR(&mh);
	cm->cmsg_level = SOL_FTALIAS;
	cm->cmsg_type = FTALIAS_CMSG_REPLY_TO;
	cm->cmsg_len = CMSG_LEN(sizeof(*id));
	memcpy(CMSG_DATA(cm), id, sizeof(*id));
	return sendmsg(fd, &mh, flags) == (ssize_t)len ? 0 : -errno;
}

/* What recvmsg() said besides the data. */
struct dp_msg {
	ssize_t len;
	struct sockaddr_ftalias from;
	bool has_id, has_reply_to;
	struct ftalias_id id, reply_to;
	uint32_t flags;		/* FTALIAS_CMSG_FLAGS */
	uint32_t err;		/* FTALIAS_CMSG_ERRNO */
	int msg_flags;
	bool has_ckpt;
	struct ftalias_ckpt ckpt;	/* FTALIAS_CMSG_CHECKPOINT */
	/* FTALIAS_CMSG_HANDLER_ARG or FTALIAS_CMSG_JOURNAL, with dp_recv_aux() */
	int aux_type;
	size_t aux_len;
	const void *aux;
};

/*
 * recvmsg() into buf, control messages into cbuf (aux points into it);
 * returns the length or -errno.
 */
static inline ssize_t dp_recv_aux(int fd, void *buf, size_t size,
				  struct dp_msg *m, int flags, void *cbuf,
				  size_t csize)
{
	struct iovec iov = { buf, size };
	struct msghdr mh = {
		.msg_name = &m->from, .msg_namelen = sizeof(m->from),
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = cbuf, .msg_controllen = csize,
	};
	struct cmsghdr *cm;
	ssize_t n;

	memset(m, 0, sizeof(*m));
	n = recvmsg(fd, &mh, flags);
	if (n < 0)
		return -errno;
	m->len = n;
	m->msg_flags = mh.msg_flags;
	for (cm = CMSG_FIRSTHDR(&mh); cm; cm = CMSG_NXTHDR(&mh, cm)) {
		size_t dl = cm->cmsg_len - CMSG_LEN(0);

		if (cm->cmsg_level != SOL_FTALIAS)
			continue;
		switch (cm->cmsg_type) {
		case FTALIAS_CMSG_ID:
			if (dl >= sizeof(m->id)) {
				memcpy(&m->id, CMSG_DATA(cm), sizeof(m->id));
				m->has_id = true;
			}
			break;
		case FTALIAS_CMSG_REPLY_TO:
			if (dl >= sizeof(m->reply_to)) {
				memcpy(&m->reply_to, CMSG_DATA(cm),
				       sizeof(m->reply_to));
				m->has_reply_to = true;
			}
			break;
		case FTALIAS_CMSG_FLAGS:
			if (dl >= 4)
				memcpy(&m->flags, CMSG_DATA(cm), 4);
			break;
		case FTALIAS_CMSG_ERRNO:
			if (dl >= 4)
				memcpy(&m->err, CMSG_DATA(cm), 4);
			break;
		case FTALIAS_CMSG_CHECKPOINT:
			if (dl >= sizeof(m->ckpt)) {
				memcpy(&m->ckpt, CMSG_DATA(cm), sizeof(m->ckpt));
				m->has_ckpt = true;
			}
			break;
		case FTALIAS_CMSG_HANDLER_ARG:
		case FTALIAS_CMSG_JOURNAL:
			m->aux_type = cm->cmsg_type;
			m->aux_len = dl;
			m->aux = CMSG_DATA(cm);
			break;
		}
	}
	return n;
}

/* recvmsg() into buf; returns the length or -errno. */
static inline ssize_t dp_recv(int fd, void *buf, size_t size, struct dp_msg *m,
			      int flags)
{
	union {
		char b[512];
		struct cmsghdr align;
	} c;

	return dp_recv_aux(fd, buf, size, m, flags, c.b, sizeof(c.b));
}

/*
 * sendmsg() with no address and up to two control messages of level
 * SOL_FTALIAS (type 0: none).  Returns 0 or -errno.
 */
static inline int dp_send_cmsgs(int fd, const void *buf, size_t len,
				int t1, const void *d1, size_t l1,
				int t2, const void *d2, size_t l2)
{
	union {
		char b[2 * CMSG_SPACE(sizeof(struct ftalias_record))];
		struct cmsghdr align;
	} c;
	struct iovec iov = { (void *)buf, len };
	struct msghdr mh = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = c.b, .msg_controllen = 0,
	};
	struct cmsghdr *cm;

	memset(&c, 0, sizeof(c));
	mh.msg_controllen = (t1 ? CMSG_SPACE(l1) : 0) + (t2 ? CMSG_SPACE(l2) : 0);
	cm = CMSG_FIRSTHDR(&mh);
	if (t1) {
		cm->cmsg_level = SOL_FTALIAS;
		cm->cmsg_type = t1;
		cm->cmsg_len = CMSG_LEN(l1);
		memcpy(CMSG_DATA(cm), d1, l1);
		cm = CMSG_NXTHDR(&mh, cm);
	}
	if (t2) {
		cm->cmsg_level = SOL_FTALIAS;
		cm->cmsg_type = t2;
		cm->cmsg_len = CMSG_LEN(l2);
		memcpy(CMSG_DATA(cm), d2, l2);
	}
	if (!mh.msg_controllen)
		mh.msg_control = NULL;
	return sendmsg(fd, &mh, 0) == (ssize_t)len ? 0 : -errno;
}

/* One chunk of a checkpoint (FTALIAS_CMSG_CHECKPOINT); 0 or -errno. */
static inline int dp_ckpt_chunk(int fd, const void *buf, size_t len,
				uint32_t flags)
{
	struct ftalias_ckpt ck = { .flags = flags };

	return dp_send_cmsgs(fd, buf, len, FTALIAS_CMSG_CHECKPOINT, &ck,
			     sizeof(ck), 0, NULL, 0);
}

/* A whole checkpoint, in chunks of at most @chunk bytes; 0 or -errno. */
static inline int dp_checkpoint(int fd, const void *buf, size_t len,
				size_t chunk)
{
	const char *p = buf;
	size_t n;
	int err;

	do {
		n = len < chunk ? len : chunk;
		err = dp_ckpt_chunk(fd, p, n, n < len ? FTALIAS_CKPT_MORE : 0);
		if (err)
			return err;
		p += n;
		len -= n;
	} while (len);
	return 0;
}

/* FTALIAS_CMSG_RECORD alone: write the replay cache, send nothing. */
static inline int dp_record(int fd, const struct ftalias_id *id, int type,
			    const void *buf, size_t len)
{
	struct ftalias_record rec = { .id = *id, .type = type };

	return dp_send_cmsgs(fd, buf, len, FTALIAS_CMSG_RECORD, &rec,
			     sizeof(rec), 0, NULL, 0);
}

/* A reply recorded as the request's auto-reply. */
static inline int dp_reply_record(int fd, const struct ftalias_id *id,
				  const void *buf, size_t len)
{
	struct ftalias_record rec = {
		.id = *id, .type = FTALIAS_RECORD_AUTO_REPLY,
	};

	return dp_send_cmsgs(fd, buf, len, FTALIAS_CMSG_REPLY_TO, id,
			     sizeof(*id), FTALIAS_CMSG_RECORD, &rec,
			     sizeof(rec));
}

/*
 * A request to an alias with control messages t1 (and t2, 0: none); *out
 * (if set) gets the stamped ID.  Returns 0 or -errno.
 */
static inline int dp_send_req_cmsg(int fd, int af, uint32_t alias,
				   const void *buf, size_t len, int t1,
				   const void *d1, size_t l1,
				   struct ftalias_id *out)
{
	struct sockaddr_ftalias sa = dp_addr(af, FTALIAS_ADDR_ALIAS, alias, 0);
	union {
		char b[CMSG_SPACE(sizeof(struct ftalias_id)) +
		       CMSG_SPACE(sizeof(uint64_t))];
		struct cmsghdr align;
	} c;
	struct iovec iov = { (void *)buf, len };
	struct msghdr mh = {
		.msg_name = &sa, .msg_namelen = sizeof(sa),
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = c.b,
	};
	struct cmsghdr *cm;
	uint64_t p = (uintptr_t)out;

	memset(&c, 0, sizeof(c));
	mh.msg_controllen = CMSG_SPACE(l1) + (out ? CMSG_SPACE(sizeof(p)) : 0);
	cm = CMSG_FIRSTHDR(&mh);
	cm->cmsg_level = SOL_FTALIAS;
	cm->cmsg_type = t1;
	cm->cmsg_len = CMSG_LEN(l1);
	memcpy(CMSG_DATA(cm), d1, l1);
	if (out) {
		cm = CMSG_NXTHDR(&mh, cm);
		cm->cmsg_level = SOL_FTALIAS;
		cm->cmsg_type = FTALIAS_CMSG_ID_OUT;
		cm->cmsg_len = CMSG_LEN(sizeof(p));
		memcpy(CMSG_DATA(cm), &p, sizeof(p));
	}
	return sendmsg(fd, &mh, 0) == (ssize_t)len ? 0 : -errno;
}

/* Waits up to ms for fd to be readable: 1 readable, 0 timeout, -errno. */
static inline int dp_wait_readable(int fd, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	int n = poll(&p, 1, ms);

	return n < 0 ? -errno : n;
}

/*
 * One message within ms (its control messages into cbuf): its length, or
 * -errno (-ETIMEDOUT: nothing came).
 */
static inline ssize_t dp_recv_wait_aux(int fd, void *buf, size_t size,
				       struct dp_msg *m, void *cbuf,
				       size_t csize, int ms)
{
	int r = dp_wait_readable(fd, ms);

	if (r <= 0)
		return r ? r : -ETIMEDOUT;
	return dp_recv_aux(fd, buf, size, m, MSG_DONTWAIT, cbuf, csize);
}

static inline ssize_t dp_recv_wait(int fd, void *buf, size_t size,
				   struct dp_msg *m, int ms)
{
	union {
		char b[512];
		struct cmsghdr align;
	} c;

	return dp_recv_wait_aux(fd, buf, size, m, c.b, sizeof(c.b), ms);
}

/* Nothing is queued on fd (a peek finds no message). */
static inline bool dp_nothing_queued(int fd)
{
	char b[8];

	return recv(fd, b, sizeof(b), MSG_DONTWAIT | MSG_PEEK) < 0 &&
	       errno == EAGAIN;
}

/* CRC-32 of IEEE 802.3, as zlib's crc32(0, p, n): saved alias records. */
static inline uint32_t dp_crc32(const void *p, size_t n)
{
	const uint8_t *b = p;
	uint32_t crc = ~0U;
	int k;

	while (n--) {
		crc ^= *b++;
		for (k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xedb88320U & -(crc & 1));
	}
	return ~crc;
}

static inline bool dp_id_eq(const struct ftalias_id *a,
			    const struct ftalias_id *b)
{
	return !memcmp(a, b, sizeof(*a));
}

#define DP_ID_FMT	"{node %u alias %u port %u inc %u xid %llu}"
#define DP_ID_ARGS(i)	(i).node, (i).alias, (i).port, (i).incarnation, \
			(unsigned long long)(i).xid

/* ---- connections (SOCK_SEQPACKET) ------------------------------------ */

/* A connection of conn-get, or a conn-drop-ntf event. */
struct dp_conn {
	uint32_t id, state, est_usec, local_alias, listen_port, local_port;
	uint32_t local_pid, local_queue, peer_port, peer_pid, peer_queue;
	uint32_t peer_node, peer_alias, peer_listen_port, reason;
	uint64_t seq, est_sec;
	char peer_name[FTALIAS_IDENTITY_NAME_LEN + 1];
	/* conn-drop-ntf with reason stale: the connection that replaced it */
	uint32_t new_id, new_est_usec, new_peer_port, new_peer_pid;
	uint64_t new_seq, new_est_sec;
};

/* A connection as the generated client parsed it (conn-get, the event). */
#define DP_CONN_FROM(c, r) do {						\
	memset((c), 0, sizeof(*(c)));					\
	(c)->id = (r)->id;						\
	(c)->seq = (r)->seq;						\
	(c)->state = (r)->state;					\
	(c)->est_sec = (r)->est_sec;					\
	(c)->est_usec = (r)->est_usec;					\
	(c)->local_alias = (r)->local_alias;				\
	(c)->listen_port = (r)->listen_port;				\
	(c)->local_port = (r)->local_port;				\
	(c)->local_pid = (r)->local_pid;				\
	(c)->local_queue = (r)->local_queue;				\
	(c)->peer_port = (r)->peer_port;				\
	(c)->peer_pid = (r)->peer_pid;					\
	(c)->peer_queue = (r)->peer_queue;				\
	(c)->peer_node = (r)->peer_node;				\
	(c)->peer_alias = (r)->peer_alias;				\
	(c)->peer_listen_port = (r)->peer_listen_port;			\
	if ((r)->peer_name)						\
		snprintf((c)->peer_name, sizeof((c)->peer_name), "%s",	\
			 (r)->peer_name);				\
} while (0)

static inline void dp_conn_from_ntf(struct dp_conn *c,
				    const struct ftalias_conn_drop_ntf_rsp *r)
{
	DP_CONN_FROM(c, r);
	c->reason = r->reason;
	c->new_id = r->new_id;
	c->new_seq = r->new_seq;
	c->new_est_sec = r->new_est_sec;
	c->new_est_usec = r->new_est_usec;
	c->new_peer_port = r->new_peer_port;
	c->new_peer_pid = r->new_peer_pid;
}

/* A conn-get message read raw (a dump in parts) into *c; 0 or -errno. */
static inline int dp_conn_parse(const struct nlmsghdr *nlh, struct dp_conn *c)
{
	struct ftalias_conn_get_rsp r;
	int err;

	memset(&r, 0, sizeof(r));
	err = dp_parse(nlh, ftalias_conn_get_rsp_parse, &ftalias_conn_nest, &r);
	DP_CONN_FROM(c, &r);
	free(r.peer_name);
	return err;
}

/*
 * conn-get dump (alias 0: the whole table) into c[0..max-1]; returns the
 * number of connections (may exceed max) or -errno.
 */
static inline int dp_conns(struct dp_nl *nl, uint32_t alias,
			   struct dp_conn *c, int max)
{
	struct ftalias_conn_get_req_dump *req =
		ftalias_conn_get_req_dump_alloc();
	struct ftalias_conn_get_list *l;
	int n = 0, tries = 0;

	if (alias)
		ftalias_conn_get_req_dump_set_local_alias(req, alias);
	do
		l = ftalias_conn_get_dump(nl->ys, req);
	while (!l && dp_dump_retry(nl, &tries));
	ftalias_conn_get_req_dump_free(req);
	if (!l)
		return dp_ynl_err(nl);
	ynl_dump_foreach(l, r) {
		if (n < max)
			DP_CONN_FROM(&c[n], r);
		n++;
	}
	ftalias_conn_get_list_free(l);
	return n;
}

static inline int dp_conn_get(struct dp_nl *nl, uint32_t id,
			      struct dp_conn *c)
{
	struct ftalias_conn_get_req *req = ftalias_conn_get_req_alloc();
	struct ftalias_conn_get_rsp *rsp;

	memset(c, 0, sizeof(*c));
	ftalias_conn_get_req_set_id(req, id);
	rsp = ftalias_conn_get(nl->ys, req);
	ftalias_conn_get_req_free(req);
	if (!rsp)
		return dp_ynl_err(nl);
	DP_CONN_FROM(c, rsp);
	ftalias_conn_get_rsp_free(rsp);
	return 0;
}

static inline int dp_conn_drop(struct dp_nl *nl, uint32_t id)
{
	struct ftalias_conn_drop_req *req = ftalias_conn_drop_req_alloc();
	int err;

	ftalias_conn_drop_req_set_id(req, id);
	err = ftalias_conn_drop(nl->ys, req) ? dp_ynl_err(nl) : 0;
	ftalias_conn_drop_req_free(req);
	return err;
}

/*
 * Joins the family's multicast group @name on @nl: 0, -ENOENT (no such
 * group), -EPERM (admin-events without CAP_NET_ADMIN) or another -errno.
 */
static inline int dp_join(struct dp_nl *nl, const char *name)
{
	return ynl_subscribe(nl->ys, name) ? dp_ynl_err(nl) : 0;
}

/*
 * A netlink socket of the current namespace on the events and admin-events
 * groups (every notification; needs CAP_NET_ADMIN); or NULL.
 */
static inline struct dp_nl *dp_events_open(void)
{
	struct dp_nl *nl = dp_nl_open();

	if (!nl)
		return NULL;
	if (dp_join(nl, FTALIAS_MCGRP_EVENTS) ||
	    dp_join(nl, FTALIAS_MCGRP_ADMIN_EVENTS)) {
		dp_nl_close(nl);
		return NULL;
	}
	return nl;
}

/*
 * The next notification on an events socket within ms, parsed by the
 * generated client (free it with ynl_ntf_free()); NULL with *err set to
 * -ETIMEDOUT or another -errno.
 */
static inline struct ynl_ntf_base_type *dp_ntf_next(struct dp_nl *nl, int ms,
						    int *err)
{
	int64_t end = dp_now_ms() + ms;

	for (;;) {
		struct pollfd p = { .fd = nl->fd, .events = POLLIN };
		struct ynl_ntf_base_type *ntf = ynl_ntf_dequeue(nl->ys);
		int left = end - dp_now_ms();

		if (ntf)
			return ntf;
		if (left <= 0 || poll(&p, 1, left) <= 0) {
			*err = -ETIMEDOUT;
			return NULL;
		}
		if (ynl_ntf_check(nl->ys) < 0) {
			*err = dp_ynl_err(nl);
			return NULL;
		}
	}
}

/*
 * Waits up to ms for the next conn-drop-ntf on an events socket; other
 * events are skipped.  Returns 0 with *c filled in, or -ETIMEDOUT, -errno.
 */
static inline int dp_conn_event(struct dp_nl *nl, int ms, struct dp_conn *c)
{
	int64_t end = dp_now_ms() + ms;
	struct ynl_ntf_base_type *ntf;
	int err = 0;

	while ((ntf = dp_ntf_next(nl, end - dp_now_ms(), &err))) {
		bool drop = ntf->cmd == FTALIAS_CMD_CONN_DROP_NTF;

		if (drop)
			dp_conn_from_ntf(c, &((struct ftalias_conn_drop_ntf *)
					      ntf)->obj);
		ynl_ntf_free(ntf);
		if (drop)
			return 0;
	}
	return err;
}

/*
 * A dump read one part (one recv(), one dumpit() call of the kernel) at a
 * time, so that a test can change the table between the parts.  The
 * kernel sizes a part by the largest buffer a recv() on the socket ever
 * offered (max_recvmsg_len, at least NLMSG_GOODSIZE): this socket never
 * offers more than DP_PART_BUF, and offers it once before the dump, so
 * that every part has the same room.  While the caller holds part n, the
 * kernel has built part n + 1 already (netlink_recvmsg() dumps on once
 * the queue is drained): a change made then shows from part n + 2.
 */
#define DP_PART_BUF	4096

struct dp_part {
	int fd;
	uint16_t fam;
	uint32_t seq;
	int parts;		/* recv() calls that returned a part */
	bool done;		/* NLMSG_DONE or an error came */
	bool intr;		/* some message had NLM_F_DUMP_INTR */
	int err;		/* the dump's -errno */
	char buf[DP_PART_BUF];
};

/* The next datagram within 20 s, at most DP_PART_BUF bytes; or -errno. */
static inline ssize_t dp_part_recv(struct dp_part *d)
{
	ssize_t got;

	if (dp_wait_readable(d->fd, 20000) != 1)
		return -ETIMEDOUT;
	got = recv(d->fd, d->buf, sizeof(d->buf), MSG_TRUNC | MSG_DONTWAIT);
	if (got < 0)
		return -errno;
	return got > (ssize_t)sizeof(d->buf) ? -EMSGSIZE : got;
}

/* A socket of family fam for dumps in parts.  Returns 0 or -errno. */
static inline int dp_part_open(struct dp_part *d, uint16_t fam)
{
	struct dp_req r;
	struct nlmsghdr *nlh;
	ssize_t got;

	memset(d, 0, sizeof(*d));
	d->fam = fam;
	d->fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (d->fd < 0)
		return -errno;
	/* An alias-get of no alias: its error is read with DP_PART_BUF. */
	memset(&r, 0, sizeof(r));
	r.nlh.nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN);
	r.nlh.nlmsg_type = fam;
	r.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	r.nlh.nlmsg_seq = ++d->seq;
	r.g.cmd = FTALIAS_CMD_ALIAS_GET;
	r.g.version = 1;
	dp_put_u32(&r, FTALIAS_A_ALIAS_ID, 0xfffffff0);
	if (send(d->fd, &r, r.nlh.nlmsg_len, 0) != (ssize_t)r.nlh.nlmsg_len)
		return -errno;
	got = dp_part_recv(d);
	if (got < 0)
		return got;
	nlh = (void *)d->buf;
	if (!NLMSG_OK(nlh, got) || nlh->nlmsg_type != NLMSG_ERROR)
		return -EPROTO;
	return 0;
}

/* Sends the dump request cmd with the u32 attribute attr (0: none). */
static inline int dp_part_start_flag(struct dp_part *d, uint8_t cmd,
				     uint16_t attr, uint32_t v, uint16_t flag);

static inline int dp_part_start(struct dp_part *d, uint8_t cmd, uint16_t attr,
				uint32_t v)
{
	return dp_part_start_flag(d, cmd, attr, v, 0);
}

/* As dp_part_start(), with flag attribute @flag too (0: none). */
static inline int dp_part_start_flag(struct dp_part *d, uint8_t cmd,
				     uint16_t attr, uint32_t v, uint16_t flag)
{
	struct dp_req r;

	memset(&r, 0, sizeof(r));
	r.nlh.nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN);
	r.nlh.nlmsg_type = d->fam;
	r.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	r.nlh.nlmsg_seq = ++d->seq;
	r.g.cmd = cmd;
	r.g.version = 1;
	if (attr)
		dp_put_u32(&r, attr, v);
	if (flag)
		dp_put(&r, flag, "", 0);
	d->parts = 0;
	d->done = d->intr = false;
	d->err = 0;
	if (send(d->fd, &r, r.nlh.nlmsg_len, 0) != (ssize_t)r.nlh.nlmsg_len)
		return -errno;
	return 0;
}

/*
 * Reads the next part; cb sees each of its messages.  Returns how many
 * messages (NLMSG_DONE aside) the part had, or -errno.
 */
static inline int dp_part_next(struct dp_part *d,
			       void (*cb)(struct nlmsghdr *, void *),
			       void *arg)
{
	struct nlmsghdr *nlh;
	ssize_t got;
	int n = 0;

	if (d->done)
		return -ENODATA;
	got = dp_part_recv(d);
	if (got < 0)
		return got;
	d->parts++;
	for (nlh = (void *)d->buf; NLMSG_OK(nlh, got);
	     nlh = NLMSG_NEXT(nlh, got)) {
		if (nlh->nlmsg_seq != d->seq)
			continue;
		/* NLMSG_DONE too: a dump may be cut short after its last part. */
		if (nlh->nlmsg_flags & NLM_F_DUMP_INTR)
			d->intr = true;
		if (nlh->nlmsg_type == NLMSG_DONE ||
		    nlh->nlmsg_type == NLMSG_ERROR) {
			int e = 0;

			if (nlh->nlmsg_len >= NLMSG_LENGTH(sizeof(e)))
				memcpy(&e, NLMSG_DATA(nlh), sizeof(e));
			d->done = true;
			d->err = e;
			break;
		}
		if (cb)
			cb(nlh, arg);
		n++;
	}
	return n;
}

/* Reads the parts left; the messages (of all of them) or -errno. */
static inline int dp_part_rest(struct dp_part *d,
			       void (*cb)(struct nlmsghdr *, void *),
			       void *arg)
{
	int n = 0, got;

	while (!d->done) {
		got = dp_part_next(d, cb, arg);
		if (got < 0)
			return got;
		n += got;
	}
	return d->err ? d->err : n;
}

static inline void dp_part_close(struct dp_part *d)
{
	if (d->fd > 0)
		close(d->fd);
	d->fd = -1;
}

/* ---- alias-save and alias-restore (nl_save, the benchmark) ---------- */

/* The records of a save, as they came: the attributes of every message. */
struct dp_saved {
	uint8_t *buf;
	size_t len;
	size_t cap;
};

static inline void dp_saved_add(struct nlmsghdr *nlh, void *arg)
{
	struct dp_saved *s = arg;
	size_t n = nlh->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN);

	if (s->len + n > s->cap) {
		s->cap = (s->len + n) * 2;
		s->buf = realloc(s->buf, s->cap);
		if (!s->buf)
			abort();
	}
	memcpy(s->buf + s->len, (char *)NLMSG_DATA(nlh) + GENL_HDRLEN, n);
	s->len += n;
}

/* alias-save of alias id (0: no id attribute); 0 or -errno. */
static inline int dp_save(uint16_t fam, uint32_t id, struct dp_saved *s)
{
	struct dp_part d;
	int ret;

	memset(s, 0, sizeof(*s));
	ret = dp_part_open(&d, fam);
	if (!ret)
		ret = dp_part_start(&d, FTALIAS_CMD_ALIAS_SAVE,
				    id ? FTALIAS_A_SAVE_ALIAS_ID : 0, id);
	if (!ret)
		ret = dp_part_rest(&d, dp_saved_add, s);
	dp_part_close(&d);
	return ret < 0 ? ret : 0;
}

/*
 * alias-save with move of alias id over @d, which stays open: the alias
 * stays frozen until it is deleted, @d is closed (dp_part_close()) or
 * move_timeout_ms passes.  0 or -errno.
 */
static inline int dp_save_move(struct dp_part *d, uint16_t fam, uint32_t id,
			       struct dp_saved *s)
{
	int ret;

	memset(s, 0, sizeof(*s));
	ret = dp_part_open(d, fam);
	if (!ret)
		ret = dp_part_start_flag(d, FTALIAS_CMD_ALIAS_SAVE,
					 FTALIAS_A_SAVE_ALIAS_ID, id,
					 FTALIAS_A_SAVE_MOVE);
	if (!ret)
		ret = dp_part_rest(d, dp_saved_add, s);
	return ret < 0 ? ret : 0;
}

/* The length of the record at @p with its CRC after it, or 0. */
static inline size_t dp_pair_len(const uint8_t *p, size_t left)
{
	const struct nlattr *a = (const void *)p;

	if (left < NLA_HDRLEN || a->nla_len < NLA_HDRLEN ||
	    (size_t)NLA_ALIGN(a->nla_len) + NLA_HDRLEN + 4 > left)
		return 0;
	return NLA_ALIGN(a->nla_len) + NLA_HDRLEN + 4;
}

/* The offset of the @nth record of @type in @s, or -1. */
static inline long dp_find_rec(const struct dp_saved *s, int type, int nth)
{
	size_t off = 0, n;
	const struct nlattr *a;

	while ((n = dp_pair_len(s->buf + off, s->len - off))) {
		a = (const void *)(s->buf + off);
		if ((a->nla_type & NLA_TYPE_MASK) == type && !nth--)
			return off;
		off += n;
	}
	return -1;
}

/* Cuts the record at @off and its CRC out of @s. */
static inline void dp_cut_rec(struct dp_saved *s, long off)
{
	size_t n = dp_pair_len(s->buf + off, s->len - off);

	memmove(s->buf + off, s->buf + off + n, s->len - off - n);
	s->len -= n;
}

struct dp_rst {
	int fd;
	uint16_t fam;
	uint32_t seq;
	uint32_t handle;
	uint32_t id;		/* of the restored alias, at the end */
	char extack[256];
};

static inline int dp_rst_open(struct dp_rst *r, uint16_t fam)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	int one = 1;

	memset(r, 0, sizeof(*r));
	r->fam = fam;
	r->fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (r->fd < 0)
		return -errno;
	setsockopt(r->fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	if (bind(r->fd, (void *)&sa, sizeof(sa)))
		return -errno;
	return 0;
}

/*
 * One alias-restore message: @len bytes of records, with the handle of
 * @r (after the first), @name and @id if set.  0 or -errno (extack in
 * r->extack).
 */
static inline int dp_rst_send(struct dp_rst *r, const uint8_t *recs,
			      size_t len, const char *name, uint32_t id)
{
	static uint8_t buf[1 << 17];
	struct nlmsghdr *nlh = (void *)buf;
	struct genlmsghdr *g = NLMSG_DATA(nlh);
	struct nlattr *a;
	size_t off = NLMSG_LENGTH(GENL_HDRLEN);
	ssize_t got;

	memset(buf, 0, off);
	nlh->nlmsg_type = r->fam;
	nlh->nlmsg_flags = NLM_F_REQUEST;
	nlh->nlmsg_seq = ++r->seq;
	g->cmd = FTALIAS_CMD_ALIAS_RESTORE;
	g->version = 1;
#define PUT(type, data, dlen) do {					\
		a = (void *)(buf + off);				\
		a->nla_type = (type);					\
		a->nla_len = NLA_HDRLEN + (dlen);			\
		memcpy(buf + off + NLA_HDRLEN, (data), (dlen));		\
		off += NLA_ALIGN(a->nla_len);				\
	} while (0)
	if (r->handle)
		PUT(FTALIAS_A_SAVE_HANDLE, &r->handle, 4);
	if (name)
		PUT(FTALIAS_A_SAVE_NEW_NAME, name, strlen(name) + 1);
	if (id)
		PUT(FTALIAS_A_SAVE_NEW_ID, &id, 4);
#undef PUT
	memcpy(buf + off, recs, len);
	nlh->nlmsg_len = off + len;
	if (send(r->fd, buf, nlh->nlmsg_len, 0) != (ssize_t)nlh->nlmsg_len)
		return -errno;
	got = recv(r->fd, buf, sizeof(buf), 0);
	if (got < (ssize_t)NLMSG_HDRLEN)
		return -EIO;
	r->extack[0] = 0;
	if (nlh->nlmsg_type == NLMSG_ERROR) {
		struct nlmsgerr *e = NLMSG_DATA(nlh);
		size_t aoff = NLMSG_HDRLEN + sizeof(*e) + e->msg.nlmsg_len -
			      NLMSG_HDRLEN;

		/* the request is echoed unless capped; find the message */
		if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
			aoff = NLMSG_HDRLEN + sizeof(*e) +
			       NLMSG_ALIGN(e->msg.nlmsg_len) - NLMSG_HDRLEN;
		else
			aoff = NLMSG_HDRLEN + sizeof(*e);
		while (aoff + NLA_HDRLEN <= nlh->nlmsg_len) {
			a = (void *)(buf + aoff);
			if (a->nla_len < NLA_HDRLEN)
				break;
			if ((a->nla_type & NLA_TYPE_MASK) == NLMSGERR_ATTR_MSG)
				snprintf(r->extack, sizeof(r->extack), "%s",
					 (char *)a + NLA_HDRLEN);
			aoff += NLA_ALIGN(a->nla_len);
		}
		return e->error;
	}
	for (off = NLMSG_LENGTH(GENL_HDRLEN); off + NLA_HDRLEN <= nlh->nlmsg_len;
	     off += NLA_ALIGN(a->nla_len)) {
		a = (void *)(buf + off);
		if (a->nla_len < NLA_HDRLEN)
			break;
		if (a->nla_type == FTALIAS_A_SAVE_HANDLE)
			memcpy(&r->handle, (char *)a + NLA_HDRLEN, 4);
		if (a->nla_type == FTALIAS_A_SAVE_NEW_ID)
			memcpy(&r->id, (char *)a + NLA_HDRLEN, 4);
	}
	return 0;
}

/*
 * Restores the records of @s: the first three in the first message, then
 * messages of up to @msg bytes.  0 or the first -errno; r stays open.
 */
static inline int dp_restore(struct dp_rst *r, const struct dp_saved *s,
			     const char *name, uint32_t id, size_t msg)
{
	size_t off = 0, start, n;
	int recs, err, first = 1;

	while (off < s->len) {
		start = off;
		recs = 0;
		while (off < s->len) {
			n = dp_pair_len(s->buf + off, s->len - off);
			if (!n)
				return -EPIPE;
			if (off + n - start > msg && recs >= (first ? 3 : 1))
				break;
			off += n;
			recs++;
		}
		err = dp_rst_send(r, s->buf + start, off - start,
			       first ? name : NULL, first ? id : 0);
		if (err)
			return err;
		first = 0;
	}
	return 0;
}

#endif /* FTALIAS_DP_UTIL_H */
