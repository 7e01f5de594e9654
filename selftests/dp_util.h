/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers of the ftalias data-path selftests (failover, scale, dp_stress):
 * a small generic netlink client for the alias and member commands, and
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
#include <sys/socket.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "../include/uapi/linux/ftalias.h"

#define DP_NLBUF	(64 * 1024)

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

static inline int dp_af(void)
{
	FILE *f = fopen("/sys/module/ftalias/parameters/family", "r");
	int af = -1;

	if (!f)
		return -1;
	if (fscanf(f, "%d", &af) != 1)
		af = -1;
	fclose(f);
	return af;
}

/* ---- generic netlink -------------------------------------------------- */

struct dp_nl {
	int fd;
	uint16_t fam;
	uint32_t seq;
	char buf[DP_NLBUF];
};

struct dp_req {
	struct nlmsghdr nlh;
	struct genlmsghdr g;
	char attrs[512];
};

static inline void dp_req_init(struct dp_nl *nl, struct dp_req *r,
			       uint16_t type, uint8_t cmd, uint16_t flags)
{
	memset(r, 0, sizeof(*r));
	r->nlh.nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN);
	r->nlh.nlmsg_type = type;
	r->nlh.nlmsg_flags = NLM_F_REQUEST | flags;
	r->nlh.nlmsg_seq = nl->seq++;
	r->g.cmd = cmd;
	r->g.version = 1;
}

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

/* Calls fn(type, payload, len, arg) for each attribute of a genl message. */
static inline void dp_attrs(struct nlmsghdr *nlh,
			    void (*fn)(int, void *, int, void *), void *arg)
{
	struct nlattr *nla = (void *)((char *)NLMSG_DATA(nlh) + GENL_HDRLEN);
	int rem = nlh->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN);

	while (rem >= NLA_HDRLEN && nla->nla_len >= NLA_HDRLEN &&
	       nla->nla_len <= rem) {
		fn(nla->nla_type & NLA_TYPE_MASK, (char *)nla + NLA_HDRLEN,
		   nla->nla_len - NLA_HDRLEN, arg);
		rem -= NLA_ALIGN(nla->nla_len);
		nla = (void *)((char *)nla + NLA_ALIGN(nla->nla_len));
	}
}

static inline uint64_t dp_nla_uint(void *p, int len)
{
	uint64_t v = 0;

	if (len == 8)
		memcpy(&v, p, 8);
	else if (len == 4)
		v = *(uint32_t *)p;
	return v;
}

/*
 * Sends one request (or a batch of n back-to-back requests with sequence
 * numbers first..first+n-1) and reads until each has its ack (or, for a
 * dump, NLMSG_DONE).  cb, if set, sees every other message of those
 * sequence numbers.  Returns 0 if all succeeded, else the -errno of the
 * last failure; *nok, if set, gets the number of successes.
 */
static inline int dp_nl_xfer(struct dp_nl *nl, const void *msg, size_t len,
			     uint32_t first, int n, bool dump,
			     void (*cb)(struct nlmsghdr *, void *), void *arg,
			     int *nok)
{
	int done = 0, ok = 0, err = 0;

	if (send(nl->fd, msg, len, 0) != (ssize_t)len)
		return -errno;
	while (done < n) {
		ssize_t got = recv(nl->fd, nl->buf, sizeof(nl->buf), 0);
		struct nlmsghdr *nlh;

		if (got < 0)
			return -errno;
		if (got == 0)
			return -EIO;
		for (nlh = (void *)nl->buf; NLMSG_OK(nlh, got);
		     nlh = NLMSG_NEXT(nlh, got)) {
			if (nlh->nlmsg_seq < first || nlh->nlmsg_seq >= first + n)
				continue;
			if (nlh->nlmsg_type == NLMSG_DONE) {
				int e = 0;

				/* A dump's error may come here (before 6.2). */
				if (nlh->nlmsg_len >= NLMSG_LENGTH(sizeof(e)))
					memcpy(&e, NLMSG_DATA(nlh), sizeof(e));
				done++;
				if (e)
					err = e;
				else
					ok++;
				continue;
			}
			if (nlh->nlmsg_type != NLMSG_ERROR) {
				if (cb)
					cb(nlh, arg);
				continue;
			}
			/* an ack: with a dump, only an error ends it */
			if (((struct nlmsgerr *)NLMSG_DATA(nlh))->error) {
				err = ((struct nlmsgerr *)NLMSG_DATA(nlh))->error;
				done++;
			} else if (!dump) {
				done++;
				ok++;
			}
		}
	}
	if (nok)
		*nok = ok;
	return err;
}

static inline int dp_nl_req(struct dp_nl *nl, struct dp_req *r,
			    void (*cb)(struct nlmsghdr *, void *), void *arg)
{
	bool dump = r->nlh.nlmsg_flags & NLM_F_DUMP;

	return dp_nl_xfer(nl, r, r->nlh.nlmsg_len, r->nlh.nlmsg_seq, 1, dump,
			  cb, arg, NULL);
}



static inline void dp_family_attr(int type, void *p, int len, void *arg)
{
	if (type == CTRL_ATTR_FAMILY_ID && len >= 2)
		memcpy(arg, p, 2);
}

static inline void dp_family_cb(struct nlmsghdr *nlh, void *arg)
{
	dp_attrs(nlh, dp_family_attr, arg);
}

/* Looks the ftalias family up again (after a module reload). */
static inline int dp_nl_resolve(struct dp_nl *nl)
{
	struct dp_req r;
	int err;

	nl->fam = 0;
	dp_req_init(nl, &r, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, NLM_F_ACK);
	dp_put(&r, CTRL_ATTR_FAMILY_NAME, FTALIAS_FAMILY_NAME,
	       sizeof(FTALIAS_FAMILY_NAME));
	err = dp_nl_req(nl, &r, dp_family_cb, &nl->fam);
	if (err)
		return err;
	return nl->fam ? 0 : -ENOENT;
}

/* A netlink socket of the current network namespace; NULL on failure. */
static inline struct dp_nl *dp_nl_open(void)
{
	struct dp_nl *nl = calloc(1, sizeof(*nl));
	int one = 1;

	if (!nl)
		return NULL;
	nl->seq = 1;
	nl->fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (nl->fd < 0) {
		free(nl);
		return NULL;
	}
	setsockopt(nl->fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	if (dp_nl_resolve(nl)) {
		close(nl->fd);
		free(nl);
		return NULL;
	}
	return nl;
}

static inline void dp_nl_close(struct dp_nl *nl)
{
	if (nl) {
		close(nl->fd);
		free(nl);
	}
}

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
		 failed, promotions;
	struct dp_cache cache;
};

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

static inline void dp_cache_attr(int type, void *p, int len, void *arg)
{
	struct dp_cache *c = arg;
	uint64_t v = dp_nla_uint(p, len);

	switch (type) {
	case FTALIAS_A_CACHE_STATS_ENTRIES: c->entries = v; break;
	case FTALIAS_A_CACHE_STATS_BYTES: c->bytes = v; break;
	case FTALIAS_A_CACHE_STATS_IN_PROGRESS: c->in_progress = v; break;
	case FTALIAS_A_CACHE_STATS_JOURNAL: c->journal = v; break;
	case FTALIAS_A_CACHE_STATS_WAITING: c->waiting = v; break;
	case FTALIAS_A_CACHE_STATS_RECORDED: c->recorded = v; break;
	case FTALIAS_A_CACHE_STATS_HITS_AUTO: c->hits_auto = v; break;
	case FTALIAS_A_CACHE_STATS_HITS_HANDLER: c->hits_handler = v; break;
	case FTALIAS_A_CACHE_STATS_HITS_HELD: c->hits_held = v; break;
	case FTALIAS_A_CACHE_STATS_MISSES: c->misses = v; break;
	case FTALIAS_A_CACHE_STATS_EVICT_ACK: c->evict_ack = v; break;
	case FTALIAS_A_CACHE_STATS_EVICT_TTL: c->evict_ttl = v; break;
	case FTALIAS_A_CACHE_STATS_EVICT_LRU: c->evict_lru = v; break;
	case FTALIAS_A_CACHE_STATS_EVICT_SHRINK: c->evict_shrink = v; break;
	case FTALIAS_A_CACHE_STATS_EVICT_FLUSH: c->evict_flush = v; break;
	case FTALIAS_A_CACHE_STATS_REFUSED: c->refused = v; break;
	case FTALIAS_A_CACHE_STATS_ORPHANS: c->orphans = v; break;
	case FTALIAS_A_CACHE_STATS_JOURNALED: c->journaled = v; break;
	case FTALIAS_A_CACHE_STATS_LONGEST_HOLD_MS:
		c->longest_hold_ms = v;
		break;
	}
}

static inline void dp_stats_attr(int type, void *p, int len, void *arg)
{
	struct dp_alias *a = arg;
	uint64_t v = dp_nla_uint(p, len);

	switch (type) {
	case FTALIAS_A_ALIAS_STATS_SENT: a->sent = v; break;
	case FTALIAS_A_ALIAS_STATS_DELIVERED: a->delivered = v; break;
	case FTALIAS_A_ALIAS_STATS_REDELIVERED: a->redelivered = v; break;
	case FTALIAS_A_ALIAS_STATS_RESENT: a->resent = v; break;
	case FTALIAS_A_ALIAS_STATS_REPLIES: a->replies = v; break;
	case FTALIAS_A_ALIAS_STATS_HELD: a->held_total = v; break;
	case FTALIAS_A_ALIAS_STATS_FAILED: a->failed = v; break;
	case FTALIAS_A_ALIAS_STATS_PROMOTIONS: a->promotions = v; break;
	}
}

static inline void dp_alias_attr(int type, void *p, int len, void *arg)
{
	struct dp_alias *a = arg;
	uint32_t v = dp_nla_uint(p, len);

	switch (type) {
	case FTALIAS_A_ALIAS_ID: a->id = v; break;
	case FTALIAS_A_ALIAS_INCARNATION: a->incarnation = v; break;
	case FTALIAS_A_ALIAS_MEMBERS: a->members = v; break;
	case FTALIAS_A_ALIAS_ACTIVE_PORT:
		a->active_port = v;
		a->has_active = true;
		break;
	case FTALIAS_A_ALIAS_PENDING: a->pending = v; break;
	case FTALIAS_A_ALIAS_HELD: a->held = v; break;
	case FTALIAS_A_ALIAS_POLICY: a->policy = v; break;
	case FTALIAS_A_ALIAS_GRACE_MS: a->grace_ms = v; break;
	case FTALIAS_A_ALIAS_CACHE:
		dp_nest(p, len, dp_cache_attr, &a->cache);
		break;
	case FTALIAS_A_ALIAS_STATS: {
		struct nlattr *nla = p;
		int rem = len;

		while (rem >= NLA_HDRLEN && nla->nla_len >= NLA_HDRLEN &&
		       nla->nla_len <= rem) {
			dp_stats_attr(nla->nla_type & NLA_TYPE_MASK,
				      (char *)nla + NLA_HDRLEN,
				      nla->nla_len - NLA_HDRLEN, a);
			rem -= NLA_ALIGN(nla->nla_len);
			nla = (void *)((char *)nla + NLA_ALIGN(nla->nla_len));
		}
		break;
	}
	}
}

static inline void dp_alias_cb(struct nlmsghdr *nlh, void *arg)
{
	dp_attrs(nlh, dp_alias_attr, arg);
}

/*
 * alias-new NAME with the given policy and grace period (-1: the default);
 * returns the new id or -errno.
 */
static inline int dp_alias_new(struct dp_nl *nl, const char *name,
			       int policy, int grace_ms)
{
	struct dp_alias a = { 0 };
	struct dp_req r;
	int err;

	dp_req_init(nl, &r, nl->fam, FTALIAS_CMD_ALIAS_NEW, NLM_F_ACK);
	dp_put(&r, FTALIAS_A_ALIAS_NAME, name, strlen(name) + 1);
	if (policy >= 0)
		dp_put_u32(&r, FTALIAS_A_ALIAS_POLICY, policy);
	if (grace_ms >= 0)
		dp_put_u32(&r, FTALIAS_A_ALIAS_GRACE_MS, grace_ms);
	err = dp_nl_req(nl, &r, dp_alias_cb, &a);
	if (err)
		return err;
	return a.id ? (int)a.id : -EPROTO;
}

static inline int dp_alias_get(struct dp_nl *nl, uint32_t id,
			       struct dp_alias *a)
{
	struct dp_req r;

	memset(a, 0, sizeof(*a));
	dp_req_init(nl, &r, nl->fam, FTALIAS_CMD_ALIAS_GET, NLM_F_ACK);
	dp_put_u32(&r, FTALIAS_A_ALIAS_ID, id);
	return dp_nl_req(nl, &r, dp_alias_cb, a);
}

/* alias-set of one attribute of u8, u32 or u64 type (len 1, 4 or 8). */
static inline int dp_alias_set(struct dp_nl *nl, uint32_t id, int attr,
			       uint64_t v, int len)
{
	struct dp_req r;
	uint8_t b = v;

	dp_req_init(nl, &r, nl->fam, FTALIAS_CMD_ALIAS_SET, NLM_F_ACK);
	dp_put_u32(&r, FTALIAS_A_ALIAS_ID, id);
	if (len == 1)
		dp_put(&r, attr, &b, 1);
	else if (len == 8)
		dp_put(&r, attr, &v, 8);
	else
		dp_put_u32(&r, attr, v);
	return dp_nl_req(nl, &r, NULL, NULL);
}

/* cache-flush; *flushed (if set) gets the count.  Returns 0 or -errno. */
static inline void dp_flush_attr(int type, void *p, int len, void *arg)
{
	if (type == FTALIAS_A_CACHE_FLUSH_FLUSHED)
		*(uint32_t *)arg = dp_nla_uint(p, len);
}

static inline void dp_flush_cb(struct nlmsghdr *nlh, void *arg)
{
	dp_attrs(nlh, dp_flush_attr, arg);
}

static inline int dp_cache_flush(struct dp_nl *nl, uint32_t id,
				 bool in_progress, uint32_t *flushed)
{
	uint32_t n = 0;
	struct dp_req r;
	int err;

	dp_req_init(nl, &r, nl->fam, FTALIAS_CMD_CACHE_FLUSH, NLM_F_ACK);
	dp_put_u32(&r, FTALIAS_A_CACHE_FLUSH_ALIAS_ID, id);
	if (in_progress)
		dp_put(&r, FTALIAS_A_CACHE_FLUSH_IN_PROGRESS, NULL, 0);
	err = dp_nl_req(nl, &r, dp_flush_cb, &n);
	if (flushed)
		*flushed = n;
	return err;
}

/* family-info-get: the replay-cache total limit and bytes of all aliases. */
struct dp_info {
	uint64_t total_limit, total_bytes;
};

static inline void dp_info_attr(int type, void *p, int len, void *arg)
{
	struct dp_info *in = arg;

	if (type == FTALIAS_A_FAMILY_INFO_CACHE_TOTAL_BYTES_LIMIT)
		in->total_limit = dp_nla_uint(p, len);
	else if (type == FTALIAS_A_FAMILY_INFO_CACHE_TOTAL_BYTES)
		in->total_bytes = dp_nla_uint(p, len);
}

static inline void dp_info_cb(struct nlmsghdr *nlh, void *arg)
{
	dp_attrs(nlh, dp_info_attr, arg);
}

static inline int dp_info(struct dp_nl *nl, struct dp_info *in)
{
	struct dp_req r;

	memset(in, 0, sizeof(*in));
	dp_req_init(nl, &r, nl->fam, FTALIAS_CMD_FAMILY_INFO_GET, NLM_F_ACK);
	return dp_nl_req(nl, &r, dp_info_cb, in);
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

/* cache-get: the entries of an alias's replay cache, as netlink shows them. */
struct dp_entry {
	struct ftalias_id id;
	uint32_t state, age_ms, size, owner_port, journal;
};

struct dp_entries {
	struct dp_entry *e;
	int n, max;
};

/* A nested id attribute (FTALIAS_A_ID_*) into a struct ftalias_id. */
static inline void dp_id_attr(int type, void *p, int len, void *arg)
{
	struct ftalias_id *id = arg;
	uint64_t v = dp_nla_uint(p, len);

	switch (type) {
	case FTALIAS_A_ID_NODE: id->node = v; break;
	case FTALIAS_A_ID_ALIAS: id->alias = v; break;
	case FTALIAS_A_ID_PORT: id->port = v; break;
	case FTALIAS_A_ID_INCARNATION: id->incarnation = v; break;
	case FTALIAS_A_ID_XID: id->xid = v; break;
	}
}

static inline void dp_entry_attr(int type, void *p, int len, void *arg)
{
	struct dp_entry *e = arg;

	switch (type) {
	case FTALIAS_A_CACHE_ENTRY_ID:
		dp_nest(p, len, dp_id_attr, &e->id);
		break;
	case FTALIAS_A_CACHE_ENTRY_STATE: e->state = dp_nla_uint(p, len); break;
	case FTALIAS_A_CACHE_ENTRY_AGE_MS: e->age_ms = dp_nla_uint(p, len); break;
	case FTALIAS_A_CACHE_ENTRY_SIZE: e->size = dp_nla_uint(p, len); break;
	case FTALIAS_A_CACHE_ENTRY_OWNER_PORT:
		e->owner_port = dp_nla_uint(p, len);
		break;
	case FTALIAS_A_CACHE_ENTRY_JOURNAL:
		e->journal = dp_nla_uint(p, len);
		break;
	}
}

static inline void dp_entries_cb(struct nlmsghdr *nlh, void *arg)
{
	struct dp_entries *es = arg;
	struct dp_entry e = { 0 };

	dp_attrs(nlh, dp_entry_attr, &e);
	if (es->n < es->max)
		es->e[es->n] = e;
	es->n++;
}

/*
 * Up to max entries of alias id's cache into e; returns how many it has
 * (may be more than max) or -errno.
 */
static inline int dp_cache_entries(struct dp_nl *nl, uint32_t id,
				   struct dp_entry *e, int max)
{
	struct dp_entries es = { .e = e, .max = max };
	struct dp_req r;
	int err;

	dp_req_init(nl, &r, nl->fam, FTALIAS_CMD_CACHE_GET,
		    NLM_F_REQUEST | NLM_F_DUMP);
	dp_put_u32(&r, FTALIAS_A_CACHE_ENTRY_ALIAS_ID, id);
	err = dp_nl_req(nl, &r, dp_entries_cb, &es);
	return err ? err : es.n;
}

static inline int dp_alias_del(struct dp_nl *nl, uint32_t id)
{
	struct dp_req r;

	dp_req_init(nl, &r, nl->fam, FTALIAS_CMD_ALIAS_DEL, NLM_F_ACK);
	dp_put_u32(&r, FTALIAS_A_ALIAS_ID, id);
	return dp_nl_req(nl, &r, NULL, NULL);
}

struct dp_ids {
	uint32_t *ids;
	int n;
};

static inline void dp_ids_cb(struct nlmsghdr *nlh, void *arg)
{
	struct dp_ids *d = arg;
	struct dp_alias a = { 0 };

	dp_attrs(nlh, dp_alias_attr, &a);
	if (a.id)
		d->ids[d->n++] = a.id;
}

/*
 * Creates n aliases PREFIX0..PREFIX<n-1> (64 requests per send); their ids
 * go to ids[] in creation order.  Returns the number created, or -errno of
 * an I/O error.
 */
static inline int dp_alias_new_many(struct dp_nl *nl, const char *prefix,
				    int n, uint32_t *ids)
{
	static char out[64 * sizeof(struct dp_req)];
	struct dp_ids d = { ids, 0 };
	int done = 0;

	while (done < n) {
		int k = n - done < 64 ? n - done : 64, i, err, ok = 0;
		uint32_t first = nl->seq;
		size_t len = 0;

		for (i = 0; i < k; i++) {
			struct dp_req r;
			char name[32];

			dp_req_init(nl, &r, nl->fam, FTALIAS_CMD_ALIAS_NEW,
				    NLM_F_ACK);
			snprintf(name, sizeof(name), "%s%d", prefix, done + i);
			dp_put(&r, FTALIAS_A_ALIAS_NAME, name, strlen(name) + 1);
			memcpy(out + len, &r, r.nlh.nlmsg_len);
			len += NLMSG_ALIGN(r.nlh.nlmsg_len);
		}
		err = dp_nl_xfer(nl, out, len, first, k, false, dp_ids_cb, &d,
				 &ok);
		if (err && ok == 0 && d.n == done)
			return err;
		done += k;
	}
	return d.n;
}

/* Deletes the aliases ids[0..n-1], 64 per send; returns -errno of the last failure. */
static inline int dp_alias_del_many(struct dp_nl *nl, const uint32_t *ids, int n)
{
	static char out[64 * sizeof(struct dp_req)];
	int done = 0, last = 0;

	while (done < n) {
		int k = n - done < 64 ? n - done : 64, i, err;
		uint32_t first = nl->seq;
		size_t len = 0;

		for (i = 0; i < k; i++) {
			struct dp_req r;

			dp_req_init(nl, &r, nl->fam, FTALIAS_CMD_ALIAS_DEL,
				    NLM_F_ACK);
			dp_put_u32(&r, FTALIAS_A_ALIAS_ID, ids[done + i]);
			memcpy(out + len, &r, r.nlh.nlmsg_len);
			len += NLMSG_ALIGN(r.nlh.nlmsg_len);
		}
		err = dp_nl_xfer(nl, out, len, first, k, false, NULL, NULL, NULL);
		if (err)
			last = err;
		done += k;
	}
	return last;
}

struct dp_member {
	uint32_t alias, port, pid, priority, role, state, queue_len,
		 incarnation;
	uint64_t delivered, redelivered, replies;
};

struct dp_members {
	struct dp_member *m;
	int n, max;
	int total;	/* all entries seen, even beyond max */
};

static inline void dp_member_attr(int type, void *p, int len, void *arg)
{
	struct dp_member *m = arg;
	uint64_t v = dp_nla_uint(p, len);

	switch (type) {
	case FTALIAS_A_MEMBER_ALIAS_ID: m->alias = v; break;
	case FTALIAS_A_MEMBER_PORT: m->port = v; break;
	case FTALIAS_A_MEMBER_PID: m->pid = v; break;
	case FTALIAS_A_MEMBER_PRIORITY: m->priority = v; break;
	case FTALIAS_A_MEMBER_ROLE: m->role = v; break;
	case FTALIAS_A_MEMBER_STATE: m->state = v; break;
	case FTALIAS_A_MEMBER_QUEUE_LEN: m->queue_len = v; break;
	case FTALIAS_A_MEMBER_INCARNATION: m->incarnation = v; break;
	case FTALIAS_A_MEMBER_DELIVERED: m->delivered = v; break;
	case FTALIAS_A_MEMBER_REDELIVERED: m->redelivered = v; break;
	case FTALIAS_A_MEMBER_REPLIES: m->replies = v; break;
	}
}

static inline void dp_members_cb(struct nlmsghdr *nlh, void *arg)
{
	struct dp_members *d = arg;
	struct dp_member m = { .state = ~0u };

	dp_attrs(nlh, dp_member_attr, &m);
	if (d->n < d->max)
		d->m[d->n++] = m;
	d->total++;
}

/*
 * member-get dump of one alias (alias 0: of every alias) into m[0..max-1];
 * returns the number of members dumped (which may exceed max) or -errno.
 */
static inline int dp_members(struct dp_nl *nl, uint32_t alias,
			     struct dp_member *m, int max)
{
	struct dp_members d = { m, 0, max, 0 };
	struct dp_req r;
	int err;

	dp_req_init(nl, &r, nl->fam, FTALIAS_CMD_MEMBER_GET, NLM_F_DUMP);
	if (alias)
		dp_put_u32(&r, FTALIAS_A_MEMBER_ALIAS_ID, alias);
	err = dp_nl_req(nl, &r, dp_members_cb, &d);
	return err ? err : d.total;
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
	struct dp_req r;

	dp_req_init(nl, &r, nl->fam, FTALIAS_CMD_MEMBER_SET, NLM_F_ACK);
	dp_put_u32(&r, FTALIAS_A_MEMBER_ALIAS_ID, alias);
	dp_put_u32(&r, FTALIAS_A_MEMBER_PORT, port);
	if (state >= 0)
		dp_put_u32(&r, FTALIAS_A_MEMBER_STATE, state);
	if (priority >= 0)
		dp_put_u32(&r, FTALIAS_A_MEMBER_PRIORITY, priority);
	return dp_nl_req(nl, &r, NULL, NULL);
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
 * A socket bound as a member of alias (priority < 0: the default), or as
 * a plain client (alias 0).  Returns the fd or -errno.
 */
static inline int dp_socket(int af, uint32_t alias, int priority, int flags)
{
	struct sockaddr_ftalias sa;
	int fd = socket(af, SOCK_RDM | SOCK_CLOEXEC | flags, 0), err;

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

static inline void dp_conn_attr(int type, void *p, int len, void *arg)
{
	struct dp_conn *c = arg;
	uint64_t v = dp_nla_uint(p, len);

	switch (type) {
	case FTALIAS_A_CONN_ID: c->id = v; break;
	case FTALIAS_A_CONN_SEQ: c->seq = v; break;
	case FTALIAS_A_CONN_STATE: c->state = v; break;
	case FTALIAS_A_CONN_EST_SEC: c->est_sec = v; break;
	case FTALIAS_A_CONN_EST_USEC: c->est_usec = v; break;
	case FTALIAS_A_CONN_LOCAL_ALIAS: c->local_alias = v; break;
	case FTALIAS_A_CONN_LISTEN_PORT: c->listen_port = v; break;
	case FTALIAS_A_CONN_LOCAL_PORT: c->local_port = v; break;
	case FTALIAS_A_CONN_LOCAL_PID: c->local_pid = v; break;
	case FTALIAS_A_CONN_LOCAL_QUEUE: c->local_queue = v; break;
	case FTALIAS_A_CONN_PEER_PORT: c->peer_port = v; break;
	case FTALIAS_A_CONN_PEER_PID: c->peer_pid = v; break;
	case FTALIAS_A_CONN_PEER_QUEUE: c->peer_queue = v; break;
	case FTALIAS_A_CONN_PEER_NODE: c->peer_node = v; break;
	case FTALIAS_A_CONN_PEER_ALIAS: c->peer_alias = v; break;
	case FTALIAS_A_CONN_PEER_LISTEN_PORT: c->peer_listen_port = v; break;
	case FTALIAS_A_CONN_PEER_NAME:
		snprintf(c->peer_name, sizeof(c->peer_name), "%.*s", len,
			 (char *)p);
		break;
	case FTALIAS_A_CONN_REASON: c->reason = v; break;
	case FTALIAS_A_CONN_NEW_ID: c->new_id = v; break;
	case FTALIAS_A_CONN_NEW_SEQ: c->new_seq = v; break;
	case FTALIAS_A_CONN_NEW_EST_SEC: c->new_est_sec = v; break;
	case FTALIAS_A_CONN_NEW_EST_USEC: c->new_est_usec = v; break;
	case FTALIAS_A_CONN_NEW_PEER_PORT: c->new_peer_port = v; break;
	case FTALIAS_A_CONN_NEW_PEER_PID: c->new_peer_pid = v; break;
	}
}

struct dp_conns {
	struct dp_conn *c;
	int n, max;
};

static inline void dp_conns_cb(struct nlmsghdr *nlh, void *arg)
{
	struct dp_conns *d = arg;
	struct dp_conn c;

	memset(&c, 0, sizeof(c));
	dp_attrs(nlh, dp_conn_attr, &c);
	if (d->n < d->max)
		d->c[d->n] = c;
	d->n++;
}

/*
 * conn-get dump (alias 0: the whole table) into c[0..max-1]; returns the
 * number of connections (may exceed max) or -errno.
 */
static inline int dp_conns(struct dp_nl *nl, uint32_t alias,
			   struct dp_conn *c, int max)
{
	struct dp_conns d = { c, 0, max };
	struct dp_req r;
	int err;

	dp_req_init(nl, &r, nl->fam, FTALIAS_CMD_CONN_GET, NLM_F_DUMP);
	if (alias)
		dp_put_u32(&r, FTALIAS_A_CONN_LOCAL_ALIAS, alias);
	err = dp_nl_req(nl, &r, dp_conns_cb, &d);
	return err ? err : d.n;
}

static inline int dp_conn_get(struct dp_nl *nl, uint32_t id,
			      struct dp_conn *c)
{
	struct dp_conns d = { c, 0, 1 };
	struct dp_req r;

	memset(c, 0, sizeof(*c));
	dp_req_init(nl, &r, nl->fam, FTALIAS_CMD_CONN_GET, NLM_F_ACK);
	dp_put_u32(&r, FTALIAS_A_CONN_ID, id);
	return dp_nl_req(nl, &r, dp_conns_cb, &d);
}

static inline int dp_conn_drop(struct dp_nl *nl, uint32_t id)
{
	struct dp_req r;

	dp_req_init(nl, &r, nl->fam, FTALIAS_CMD_CONN_DROP, NLM_F_ACK);
	dp_put_u32(&r, FTALIAS_A_CONN_ID, id);
	return dp_nl_req(nl, &r, NULL, NULL);
}

struct dp_mcgrp {
	const char *name;
	uint32_t id;
};

static inline void dp_mcgrp_attr(int type, void *p, int len, void *arg)
{
	struct nlattr *g = p, *a;
	struct dp_mcgrp *want = arg;
	int grem = len, arem;

	if (type != CTRL_ATTR_MCAST_GROUPS)
		return;
	for (; grem >= NLA_HDRLEN && g->nla_len >= NLA_HDRLEN &&
	     g->nla_len <= grem;
	     grem -= NLA_ALIGN(g->nla_len),
	     g = (void *)((char *)g + NLA_ALIGN(g->nla_len))) {
		uint32_t id = 0;
		bool found = false;

		for (a = (void *)((char *)g + NLA_HDRLEN),
		     arem = g->nla_len - NLA_HDRLEN;
		     arem >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN &&
		     a->nla_len <= arem;
		     arem -= NLA_ALIGN(a->nla_len),
		     a = (void *)((char *)a + NLA_ALIGN(a->nla_len))) {
			if (a->nla_type == CTRL_ATTR_MCAST_GRP_ID)
				memcpy(&id, (char *)a + NLA_HDRLEN, 4);
			if (a->nla_type == CTRL_ATTR_MCAST_GRP_NAME &&
			    !strcmp((char *)a + NLA_HDRLEN, want->name))
				found = true;
		}
		if (found)
			want->id = id;
	}
}

static inline void dp_mcgrp_cb(struct nlmsghdr *nlh, void *arg)
{
	dp_attrs(nlh, dp_mcgrp_attr, arg);
}

/*
 * Joins the family's multicast group @name on @nl: 0, -ENOENT (no such
 * group), -EPERM (admin-events without CAP_NET_ADMIN) or another -errno.
 */
static inline int dp_join(struct dp_nl *nl, const char *name)
{
	struct dp_mcgrp grp = { .name = name };
	struct dp_req r;
	int err;

	dp_req_init(nl, &r, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, NLM_F_ACK);
	dp_put(&r, CTRL_ATTR_FAMILY_NAME, FTALIAS_FAMILY_NAME,
	       sizeof(FTALIAS_FAMILY_NAME));
	err = dp_nl_req(nl, &r, dp_mcgrp_cb, &grp);
	if (err)
		return err;
	if (!grp.id)
		return -ENOENT;
	if (setsockopt(nl->fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &grp.id,
		       sizeof(grp.id)))
		return -errno;
	return 0;
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
 * Waits up to ms for the next conn-drop-ntf on an events socket; other
 * events are skipped.  Returns 0 with *c filled in, or -ETIMEDOUT, -errno.
 */
static inline int dp_conn_event(struct dp_nl *nl, int ms, struct dp_conn *c)
{
	int64_t end = dp_now_ms() + ms;

	for (;;) {
		struct pollfd p = { .fd = nl->fd, .events = POLLIN };
		struct nlmsghdr *nlh;
		ssize_t got;
		int left = end - dp_now_ms();

		if (left <= 0 || poll(&p, 1, left) <= 0)
			return -ETIMEDOUT;
		got = recv(nl->fd, nl->buf, sizeof(nl->buf), MSG_DONTWAIT);
		if (got < 0)
			return -errno;
		for (nlh = (void *)nl->buf; NLMSG_OK(nlh, got);
		     nlh = NLMSG_NEXT(nlh, got)) {
			struct genlmsghdr *g = NLMSG_DATA(nlh);

			if (nlh->nlmsg_type != nl->fam ||
			    g->cmd != FTALIAS_CMD_CONN_DROP_NTF)
				continue;
			memset(c, 0, sizeof(*c));
			dp_attrs(nlh, dp_conn_attr, c);
			return 0;
		}
	}
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
static inline int dp_part_start(struct dp_part *d, uint8_t cmd, uint16_t attr,
				uint32_t v)
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

#endif /* FTALIAS_DP_UTIL_H */
