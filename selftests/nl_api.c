// SPDX-License-Identifier: GPL-2.0
/*
 * Generic netlink control plane of ftalias: every operation, its
 * validation and exact errnos, extack messages, no state left by failed
 * calls, dumps, privileges, user and network namespaces, notifications,
 * and the replay-cache operations on an alias without traffic (the
 * entries themselves need the data path: sock_api).
 *
 * Raw netlink sockets are used so that malformed requests (wrong
 * attribute lengths, missing NUL, unknown types, trailing bytes) can be
 * sent.  Every test runs forked in its own network namespace.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/capability.h>
#include <sys/fsuid.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "../include/uapi/linux/ftalias_genl.h"
/*
 * -Wextra noise from the harness itself: its macros pass _metadata, self
 * and variant to every test, and its setjmp() trips -Wclobbered.
 */
#pragma GCC diagnostic ignored "-Wclobbered"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "lib/kselftest_harness.h"

#define MSG_BUF		8192
#define RECV_BUF	65536
#define MAX_SNAP	256

/* ---- request building ------------------------------------------------ */

struct msg {
	union {
		struct nlmsghdr nlh;
		char buf[MSG_BUF];
	};
};

static void msg_init(struct msg *m, uint16_t type, uint16_t flags, uint8_t cmd)
{
	struct genlmsghdr *g;

	memset(m, 0, sizeof(*m));
	m->nlh.nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN);
	m->nlh.nlmsg_type = type;
	m->nlh.nlmsg_flags = NLM_F_REQUEST | flags;
	g = NLMSG_DATA(&m->nlh);
	g->cmd = cmd;
	g->version = FTALIAS_FAMILY_VERSION;
}

/* Appends an attribute of any length; returns its offset in the message. */
static int put_attr(struct msg *m, uint16_t type, const void *data, size_t len)
{
	int off = NLMSG_ALIGN(m->nlh.nlmsg_len);
	struct nlattr *nla = (struct nlattr *)(m->buf + off);

	if (off + NLA_HDRLEN + NLA_ALIGN(len) > MSG_BUF)
		abort();
	nla->nla_type = type;
	nla->nla_len = NLA_HDRLEN + len;
	if (len)
		memcpy((char *)nla + NLA_HDRLEN, data, len);
	m->nlh.nlmsg_len = off + NLA_ALIGN(nla->nla_len);
	return off;
}

static int put_u32(struct msg *m, uint16_t type, uint32_t v)
{
	return put_attr(m, type, &v, sizeof(v));
}

static int put_u8(struct msg *m, uint16_t type, uint8_t v)
{
	return put_attr(m, type, &v, sizeof(v));
}

static int put_u64(struct msg *m, uint16_t type, uint64_t v)
{
	return put_attr(m, type, &v, sizeof(v));
}

static int put_str(struct msg *m, uint16_t type, const char *s)
{
	return put_attr(m, type, s, strlen(s) + 1);
}

/* Appends raw bytes after the attributes (not an attribute). */
static void put_raw(struct msg *m, const void *data, size_t len)
{
	memcpy(m->buf + m->nlh.nlmsg_len, data, len);
	m->nlh.nlmsg_len += len;
}

/* ---- transport ------------------------------------------------------- */

struct nlres {
	int err;			/* positive errno, 0 on success */
	char extack[256];
	bool has_offs;
	uint32_t offs;
	bool has_miss;
	uint32_t miss_type;
	int nreplies;			/* non-ack messages with our seq */
	uint8_t reply_cmd;
	int reply_len;
	char reply[MSG_BUF];
};

static uint32_t seqno = 1;

/*
 * Bound at once: multicast delivery skips sockets whose port id is 0, the
 * id a notification excludes, so an unbound listener would hear nothing.
 */
static int nl_open(void)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	struct timeval tv = { .tv_sec = 10 };
	int one = 1, fd;

	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (fd < 0)
		return -1;
	if (setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one)) ||
	    setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one)) ||
	    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) ||
	    bind(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		close(fd);
		return -1;
	}
	return fd;
}

/* The extended-ack attributes at @off in the payload of @nlh. */
static void parse_ack_tlvs(struct nlmsghdr *nlh, size_t off, struct nlres *r)
{
	struct nlattr *nla;
	int rem;

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	nla = (struct nlattr *)((char *)NLMSG_DATA(nlh) + off);
	rem = (int)NLMSG_PAYLOAD(nlh, 0) - (int)off;
	while (rem >= NLA_HDRLEN && nla->nla_len >= NLA_HDRLEN &&
	       nla->nla_len <= rem) {
		void *d = (char *)nla + NLA_HDRLEN;
		int l = nla->nla_len - NLA_HDRLEN;

		switch (nla->nla_type & NLA_TYPE_MASK) {
		case NLMSGERR_ATTR_MSG:
			snprintf(r->extack, sizeof(r->extack), "%.*s", l,
				 (char *)d);
			break;
		case NLMSGERR_ATTR_OFFS:
			r->has_offs = true;
			memcpy(&r->offs, d, 4);
			break;
		case NLMSGERR_ATTR_MISS_TYPE:
			r->has_miss = true;
			memcpy(&r->miss_type, d, 4);
			break;
		}
		rem -= NLA_ALIGN(nla->nla_len);
		nla = (struct nlattr *)((char *)nla + NLA_ALIGN(nla->nla_len));
	}
}

static void parse_err(struct nlmsghdr *nlh, struct nlres *r)
{
	struct nlmsgerr *e = NLMSG_DATA(nlh);
	size_t off = sizeof(*e);

	r->err = -e->error;
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += e->msg.nlmsg_len - sizeof(struct nlmsghdr);
	parse_ack_tlvs(nlh, NLMSG_ALIGN(off), r);
}

/*
 * Sends one request with NLM_F_ACK and collects replies until the ack.
 * Returns the positive errno of the ack (0 on success), or -1 on a
 * transport failure.
 */
static int nl_xfer(int fd, struct msg *m, struct nlres *r)
{
	static char buf[RECV_BUF];
	uint32_t seq = seqno++;

	memset(r, 0, sizeof(*r));
	m->nlh.nlmsg_flags |= NLM_F_ACK;
	m->nlh.nlmsg_seq = seq;
	if (send(fd, m->buf, m->nlh.nlmsg_len, 0) != (ssize_t)m->nlh.nlmsg_len)
		return -1;
	for (;;) {
		ssize_t n = recv(fd, buf, sizeof(buf), 0);
		struct nlmsghdr *nlh;

		if (n <= 0)
			return -1;
		for (nlh = (struct nlmsghdr *)buf; NLMSG_OK(nlh, n);
		     nlh = NLMSG_NEXT(nlh, n)) {
			if (nlh->nlmsg_seq != seq)
				continue;
			if (nlh->nlmsg_type == NLMSG_ERROR) {
				parse_err(nlh, r);
				return r->err;
			}
			if (nlh->nlmsg_type == NLMSG_DONE ||
			    nlh->nlmsg_type == NLMSG_NOOP)
				continue;
			if (!r->nreplies++) {
				struct genlmsghdr *g = NLMSG_DATA(nlh);

				r->reply_cmd = g->cmd;
				r->reply_len = nlh->nlmsg_len < MSG_BUF ?
					       nlh->nlmsg_len : MSG_BUF;
				memcpy(r->reply, nlh, r->reply_len);
			}
		}
	}
}

/* Iterates the attributes of a generic netlink message. */
#define for_each_gattr(nla, rem, nlh)					\
	for (nla = (struct nlattr *)((char *)NLMSG_DATA(nlh) + GENL_HDRLEN), \
	     rem = (int)(nlh)->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN);	\
	     rem >= NLA_HDRLEN && nla->nla_len >= NLA_HDRLEN &&		\
	     nla->nla_len <= rem;					\
	     rem -= NLA_ALIGN(nla->nla_len),				\
	     nla = (struct nlattr *)((char *)nla + NLA_ALIGN(nla->nla_len)))

#define NLA_DATA(nla)	((void *)((char *)(nla) + NLA_HDRLEN))
#define NLA_LEN(nla)	((int)(nla)->nla_len - NLA_HDRLEN)

/* Resolves the family id and the "events" group id; 0 on success. */
static int resolve(int fd, uint16_t *fam, uint32_t *grp)
{
	struct nlattr *nla, *g, *a;
	struct nlmsghdr *nlh;
	struct nlres r;
	struct msg m;
	int rem, grem, arem;

	msg_init(&m, GENL_ID_CTRL, 0, CTRL_CMD_GETFAMILY);
	put_str(&m, CTRL_ATTR_FAMILY_NAME, FTALIAS_FAMILY_NAME);
	if (nl_xfer(fd, &m, &r) || !r.nreplies)
		return -1;
	*fam = 0;
	*grp = 0;
	nlh = (struct nlmsghdr *)r.reply;
	for_each_gattr(nla, rem, nlh) {
		if (nla->nla_type == CTRL_ATTR_FAMILY_ID)
			memcpy(fam, NLA_DATA(nla), 2);
		if ((nla->nla_type & NLA_TYPE_MASK) != CTRL_ATTR_MCAST_GROUPS)
			continue;
		for (g = NLA_DATA(nla), grem = NLA_LEN(nla);
		     grem >= NLA_HDRLEN && g->nla_len >= NLA_HDRLEN &&
		     g->nla_len <= grem;
		     grem -= NLA_ALIGN(g->nla_len),
		     g = (struct nlattr *)((char *)g + NLA_ALIGN(g->nla_len))) {
			uint32_t id = 0;
			bool events = false;

			for (a = NLA_DATA(g), arem = NLA_LEN(g);
			     arem >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN &&
			     a->nla_len <= arem;
			     arem -= NLA_ALIGN(a->nla_len),
			     a = (struct nlattr *)((char *)a + NLA_ALIGN(a->nla_len))) {
				if (a->nla_type == CTRL_ATTR_MCAST_GRP_ID)
					memcpy(&id, NLA_DATA(a), 4);
				if (a->nla_type == CTRL_ATTR_MCAST_GRP_NAME &&
				    !strcmp(NLA_DATA(a), FTALIAS_MCGRP_EVENTS))
					events = true;
			}
			if (events)
				*grp = id;
		}
	}
	return *fam && *grp ? 0 : -1;
}

/* ---- alias objects --------------------------------------------------- */

struct alias {
	uint32_t present;		/* bit per FTALIAS_A_ALIAS_* */
	uint32_t id, uid, gid, mode, policy, grace_ms;
	uint32_t cache_max_entries, cache_ttl_ms;
	uint64_t cache_max_bytes;
	uint8_t record_replies;
	uint8_t input_log;
	uint8_t scope;			/* read: in dp_present; put: put_scope */
	bool put_scope;
	char name[64];
	/* Data-path state (read only): bit per FTALIAS_A_ALIAS_* */
	uint32_t dp_present;
	uint32_t incarnation, members, active_port, pending, held;
};

#define DP_IDLE_ALIAS_ATTRS ((1u << FTALIAS_A_ALIAS_INCARNATION) | \
			     (1u << FTALIAS_A_ALIAS_MEMBERS) | \
			     (1u << FTALIAS_A_ALIAS_PENDING) | \
			     (1u << FTALIAS_A_ALIAS_HELD) | \
			     (1u << FTALIAS_A_ALIAS_STATS) | \
			     (1u << FTALIAS_A_ALIAS_CACHE) | \
			     (1u << FTALIAS_A_ALIAS_SCOPE))

/* The configuration: id .. cache-ttl-ms, record-replies and input-log. */
#define ALL_ALIAS_ATTRS	((((1u << (FTALIAS_A_ALIAS_CACHE_TTL_MS + 1)) - 1) & ~1u) | \
			 (1u << FTALIAS_A_ALIAS_RECORD_REPLIES) | \
			 (1u << FTALIAS_A_ALIAS_INPUT_LOG))

/* Parses an alias message; -1 if an attribute has a bad length or type. */
static int parse_alias(struct nlmsghdr *nlh, struct alias *a)
{
	struct nlattr *nla;
	int rem;

	memset(a, 0, sizeof(*a));
	for_each_gattr(nla, rem, nlh) {
		int t = nla->nla_type & NLA_TYPE_MASK;
		int l = NLA_LEN(nla);
		uint32_t *u32p = NULL;

		if (t == FTALIAS_A_ALIAS_PAD)
			continue;
		/* The log's state, when there is one: checked elsewhere. */
		if (t == FTALIAS_A_ALIAS_CKPT_SEQ ||
		    t == FTALIAS_A_ALIAS_CKPT_BYTES ||
		    t == FTALIAS_A_ALIAS_CKPT_INPUT ||
		    t == FTALIAS_A_ALIAS_LOG_INPUTS ||
		    t == FTALIAS_A_ALIAS_LOG_OUTPUTS ||
		    t == FTALIAS_A_ALIAS_LOG_BYTES) {
			if (l != (t == FTALIAS_A_ALIAS_LOG_INPUTS ||
				  t == FTALIAS_A_ALIAS_LOG_OUTPUTS ? 4 : 8) ||
			    a->dp_present & (1u << t))
				return -1;
			a->dp_present |= 1u << t;
			continue;
		}
		if (t == FTALIAS_A_ALIAS_SCOPE) {
			if (l != 1 || a->dp_present & (1u << t))
				return -1;
			memcpy(&a->scope, NLA_DATA(nla), 1);
			a->dp_present |= 1u << t;
			continue;
		}
		if (t == FTALIAS_A_ALIAS_CACHE) {
			if (!(nla->nla_type & NLA_F_NESTED) ||
			    a->dp_present & (1u << t))
				return -1;
			a->dp_present |= 1u << t;
			continue;
		}
		if (t >= FTALIAS_A_ALIAS_INCARNATION && t <= FTALIAS_A_ALIAS_STATS) {
			uint32_t *dp[] = {
				[FTALIAS_A_ALIAS_INCARNATION] = &a->incarnation,
				[FTALIAS_A_ALIAS_MEMBERS] = &a->members,
				[FTALIAS_A_ALIAS_ACTIVE_PORT] = &a->active_port,
				[FTALIAS_A_ALIAS_PENDING] = &a->pending,
				[FTALIAS_A_ALIAS_HELD] = &a->held,
				[FTALIAS_A_ALIAS_STATS] = NULL,
			};

			if (t == FTALIAS_A_ALIAS_STATS) {
				if (!(nla->nla_type & NLA_F_NESTED))
					return -1;
			} else if (l != 4) {
				return -1;
			} else {
				memcpy(dp[t], NLA_DATA(nla), 4);
			}
			if (a->dp_present & (1u << t))
				return -1;	/* duplicated attribute */
			a->dp_present |= 1u << t;
			continue;
		}
		switch (t) {
		case FTALIAS_A_ALIAS_ID: u32p = &a->id; break;
		case FTALIAS_A_ALIAS_UID: u32p = &a->uid; break;
		case FTALIAS_A_ALIAS_GID: u32p = &a->gid; break;
		case FTALIAS_A_ALIAS_MODE: u32p = &a->mode; break;
		case FTALIAS_A_ALIAS_POLICY: u32p = &a->policy; break;
		case FTALIAS_A_ALIAS_GRACE_MS: u32p = &a->grace_ms; break;
		case FTALIAS_A_ALIAS_CACHE_MAX_ENTRIES:
			u32p = &a->cache_max_entries; break;
		case FTALIAS_A_ALIAS_CACHE_TTL_MS:
			u32p = &a->cache_ttl_ms; break;
		case FTALIAS_A_ALIAS_CACHE_MAX_BYTES:
			if (l != 8)
				return -1;
			memcpy(&a->cache_max_bytes, NLA_DATA(nla), 8);
			break;
		case FTALIAS_A_ALIAS_RECORD_REPLIES:
			if (l != 1)
				return -1;
			memcpy(&a->record_replies, NLA_DATA(nla), 1);
			break;
		case FTALIAS_A_ALIAS_INPUT_LOG:
			if (l != 1)
				return -1;
			memcpy(&a->input_log, NLA_DATA(nla), 1);
			break;
		case FTALIAS_A_ALIAS_NAME:
			if (l < 2 || l > 32 || ((char *)NLA_DATA(nla))[l - 1])
				return -1;
			memcpy(a->name, NLA_DATA(nla), l);
			break;
		default:
			return -1;
		}
		if (u32p) {
			if (l != 4)
				return -1;
			memcpy(u32p, NLA_DATA(nla), 4);
		}
		if (a->present & (1u << t))
			return -1;		/* duplicated attribute */
		a->present |= 1u << t;
	}
	return 0;
}

static bool alias_eq(const struct alias *a, const struct alias *b)
{
	return a->present == b->present && a->id == b->id &&
	       !strcmp(a->name, b->name) && a->uid == b->uid &&
	       a->gid == b->gid && a->mode == b->mode &&
	       a->policy == b->policy && a->grace_ms == b->grace_ms &&
	       a->cache_max_entries == b->cache_max_entries &&
	       a->cache_max_bytes == b->cache_max_bytes &&
	       a->cache_ttl_ms == b->cache_ttl_ms &&
	       a->record_replies == b->record_replies &&
	       a->input_log == b->input_log && a->scope == b->scope;
}

static void alias_put(struct msg *m, const struct alias *a)
{
	if (a->present & (1u << FTALIAS_A_ALIAS_ID))
		put_u32(m, FTALIAS_A_ALIAS_ID, a->id);
	if (a->present & (1u << FTALIAS_A_ALIAS_NAME))
		put_str(m, FTALIAS_A_ALIAS_NAME, a->name);
	if (a->present & (1u << FTALIAS_A_ALIAS_UID))
		put_u32(m, FTALIAS_A_ALIAS_UID, a->uid);
	if (a->present & (1u << FTALIAS_A_ALIAS_GID))
		put_u32(m, FTALIAS_A_ALIAS_GID, a->gid);
	if (a->present & (1u << FTALIAS_A_ALIAS_MODE))
		put_u32(m, FTALIAS_A_ALIAS_MODE, a->mode);
	if (a->present & (1u << FTALIAS_A_ALIAS_POLICY))
		put_u32(m, FTALIAS_A_ALIAS_POLICY, a->policy);
	if (a->present & (1u << FTALIAS_A_ALIAS_GRACE_MS))
		put_u32(m, FTALIAS_A_ALIAS_GRACE_MS, a->grace_ms);
	if (a->present & (1u << FTALIAS_A_ALIAS_CACHE_MAX_ENTRIES))
		put_u32(m, FTALIAS_A_ALIAS_CACHE_MAX_ENTRIES,
			a->cache_max_entries);
	if (a->present & (1u << FTALIAS_A_ALIAS_CACHE_MAX_BYTES))
		put_u64(m, FTALIAS_A_ALIAS_CACHE_MAX_BYTES, a->cache_max_bytes);
	if (a->present & (1u << FTALIAS_A_ALIAS_CACHE_TTL_MS))
		put_u32(m, FTALIAS_A_ALIAS_CACHE_TTL_MS, a->cache_ttl_ms);
	if (a->present & (1u << FTALIAS_A_ALIAS_RECORD_REPLIES))
		put_u8(m, FTALIAS_A_ALIAS_RECORD_REPLIES, a->record_replies);
	if (a->present & (1u << FTALIAS_A_ALIAS_INPUT_LOG))
		put_u8(m, FTALIAS_A_ALIAS_INPUT_LOG, a->input_log);
	if (a->put_scope)
		put_u8(m, FTALIAS_A_ALIAS_SCOPE, a->scope);
}

struct dump {
	int n;			/* aliases seen */
	int nrecv;		/* recv() calls that returned data */
	bool intr;		/* NLM_F_DUMP_INTR seen */
	bool bad;		/* unparsable message */
	int err;		/* errno from an NLMSG_ERROR, 0 if none */
	struct alias *a;	/* n entries, in order received */
};

/* Dumps the aliases of the socket's netns into d (allocates d->a). */
static int dump_aliases(int fd, uint16_t fam, struct dump *d)
{
	static char buf[RECV_BUF];
	uint32_t seq = seqno++;
	int cap = 64;
	struct msg m;

	memset(d, 0, sizeof(*d));
	d->a = malloc(cap * sizeof(*d->a));
	msg_init(&m, fam, NLM_F_DUMP, FTALIAS_CMD_ALIAS_GET);
	m.nlh.nlmsg_seq = seq;
	if (!d->a || send(fd, m.buf, m.nlh.nlmsg_len, 0) < 0)
		return -1;
	for (;;) {
		ssize_t n = recv(fd, buf, sizeof(buf), 0);
		struct nlmsghdr *nlh;

		if (n <= 0)
			return -1;
		d->nrecv++;
		for (nlh = (struct nlmsghdr *)buf; NLMSG_OK(nlh, n);
		     nlh = NLMSG_NEXT(nlh, n)) {
			if (nlh->nlmsg_seq != seq)
				continue;
			if (nlh->nlmsg_flags & NLM_F_DUMP_INTR)
				d->intr = true;
			if (nlh->nlmsg_type == NLMSG_DONE)
				return 0;
			if (nlh->nlmsg_type == NLMSG_ERROR) {
				d->err = -((struct nlmsgerr *)NLMSG_DATA(nlh))->error;
				return d->err ? -1 : 0;
			}
			if (d->n == cap) {
				cap *= 2;
				d->a = realloc(d->a, cap * sizeof(*d->a));
				if (!d->a)
					return -1;
			}
			if (parse_alias(nlh, &d->a[d->n]))
				d->bad = true;
			else
				d->n++;
		}
	}
}

struct info {
	uint32_t present;
	uint32_t version, af_family, aliases, max_aliases, cme_limit;
	uint64_t cmb_limit, total_limit, total;
};

/* Every attribute of family-info-get but the pad. */
#define ALL_INFO_ATTRS ((((1u << (FTALIAS_A_FAMILY_INFO_CACHE_MAX_BYTES_LIMIT + 1)) - 1) & ~1u) | \
			(1u << FTALIAS_A_FAMILY_INFO_CACHE_TOTAL_BYTES_LIMIT) | \
			(1u << FTALIAS_A_FAMILY_INFO_CACHE_TOTAL_BYTES))

static int family_info(int fd, uint16_t fam, struct info *in, struct nlres *r)
{
	struct nlattr *nla;
	struct msg m;
	int rem;

	memset(in, 0, sizeof(*in));
	msg_init(&m, fam, 0, FTALIAS_CMD_FAMILY_INFO_GET);
	if (nl_xfer(fd, &m, r) || r->nreplies != 1)
		return -1;
	for_each_gattr(nla, rem, (struct nlmsghdr *)r->reply) {
		int t = nla->nla_type & NLA_TYPE_MASK;
		int want = t == FTALIAS_A_FAMILY_INFO_CACHE_MAX_BYTES_LIMIT ||
			   t == FTALIAS_A_FAMILY_INFO_CACHE_TOTAL_BYTES_LIMIT ||
			   t == FTALIAS_A_FAMILY_INFO_CACHE_TOTAL_BYTES ? 8 : 4;
		uint32_t v;

		if (t == FTALIAS_A_FAMILY_INFO_PAD)
			continue;
		if (NLA_LEN(nla) != want)
			return -1;
		memcpy(&v, NLA_DATA(nla), 4);
		switch (t) {
		case FTALIAS_A_FAMILY_INFO_VERSION: in->version = v; break;
		case FTALIAS_A_FAMILY_INFO_AF_FAMILY: in->af_family = v; break;
		case FTALIAS_A_FAMILY_INFO_ALIASES: in->aliases = v; break;
		case FTALIAS_A_FAMILY_INFO_MAX_ALIASES: in->max_aliases = v; break;
		case FTALIAS_A_FAMILY_INFO_CACHE_MAX_ENTRIES_LIMIT:
			in->cme_limit = v; break;
		case FTALIAS_A_FAMILY_INFO_CACHE_MAX_BYTES_LIMIT:
			memcpy(&in->cmb_limit, NLA_DATA(nla), 8); break;
		case FTALIAS_A_FAMILY_INFO_CACHE_TOTAL_BYTES_LIMIT:
			memcpy(&in->total_limit, NLA_DATA(nla), 8); break;
		case FTALIAS_A_FAMILY_INFO_CACHE_TOTAL_BYTES:
			memcpy(&in->total, NLA_DATA(nla), 8); break;
		default:
			return -1;
		}
		in->present |= 1u << t;
	}
	return 0;
}

static uint64_t read_param(const char *name)
{
	char path[128], buf[64] = "";
	FILE *f;

	snprintf(path, sizeof(path), "/sys/module/ftalias/parameters/%s", name);
	f = fopen(path, "r");
	if (!f)
		return UINT64_MAX;
	if (!fgets(buf, sizeof(buf), f))
		buf[0] = 0;
	fclose(f);
	return buf[0] ? strtoull(buf, NULL, 0) : UINT64_MAX;
}

/* Creates a sequence of aliases in batches; returns how many succeeded. */
#define BATCH 64
static int batch_new(int fd, uint16_t fam, const char *prefix, int first,
		     int count, int *last_err)
{
	static char buf[RECV_BUF], out[BATCH * 128];
	int done = 0, ok = 0, i;

	*last_err = 0;
	while (done < count) {
		int k = count - done < BATCH ? count - done : BATCH;
		uint32_t base = seqno;
		int len = 0, acks = 0;

		for (i = 0; i < k; i++) {
			struct msg m;
			char name[32];

			msg_init(&m, fam, NLM_F_ACK, FTALIAS_CMD_ALIAS_NEW);
			snprintf(name, sizeof(name), "%s%d", prefix,
				 first + done + i);
			put_str(&m, FTALIAS_A_ALIAS_NAME, name);
			m.nlh.nlmsg_seq = seqno++;
			memcpy(out + len, m.buf, m.nlh.nlmsg_len);
			len += NLMSG_ALIGN(m.nlh.nlmsg_len);
		}
		if (send(fd, out, len, 0) != len)
			return -1;
		while (acks < k) {
			ssize_t n = recv(fd, buf, sizeof(buf), 0);
			struct nlmsghdr *nlh;

			if (n <= 0)
				return -1;
			for (nlh = (struct nlmsghdr *)buf; NLMSG_OK(nlh, n);
			     nlh = NLMSG_NEXT(nlh, n)) {
				int e;

				if (nlh->nlmsg_type != NLMSG_ERROR ||
				    nlh->nlmsg_seq < base ||
				    nlh->nlmsg_seq >= base + k)
					continue;
				acks++;
				e = -((struct nlmsgerr *)NLMSG_DATA(nlh))->error;
				if (e)
					*last_err = e;
				else
					ok++;
			}
		}
		done += k;
	}
	return ok;
}

/* ---- shorthands ------------------------------------------------------ */

static int alias_new(int fd, uint16_t fam, const struct alias *a,
		     struct nlres *r)
{
	struct msg m;

	msg_init(&m, fam, 0, FTALIAS_CMD_ALIAS_NEW);
	alias_put(&m, a);
	return nl_xfer(fd, &m, r);
}

static int new_named(int fd, uint16_t fam, const char *name, uint32_t id,
		     struct alias *out)
{
	struct alias a = { .present = 1u << FTALIAS_A_ALIAS_NAME };
	struct nlres r;
	int err;

	snprintf(a.name, sizeof(a.name), "%s", name);
	if (id) {
		a.id = id;
		a.present |= 1u << FTALIAS_A_ALIAS_ID;
	}
	err = alias_new(fd, fam, &a, &r);
	if (!err && out && (r.nreplies != 1 ||
			    parse_alias((struct nlmsghdr *)r.reply, out)))
		return -1;
	return err;
}

/* get by id (if nonzero) and/or name (if non-NULL) */
static int alias_get(int fd, uint16_t fam, uint32_t id, const char *name,
		     struct alias *out, struct nlres *r)
{
	struct msg m;
	int err;

	msg_init(&m, fam, 0, FTALIAS_CMD_ALIAS_GET);
	if (id)
		put_u32(&m, FTALIAS_A_ALIAS_ID, id);
	if (name)
		put_str(&m, FTALIAS_A_ALIAS_NAME, name);
	err = nl_xfer(fd, &m, r);
	if (!err && (r->nreplies != 1 ||
		     parse_alias((struct nlmsghdr *)r->reply, out)))
		return -1;
	return err;
}

static int alias_del(int fd, uint16_t fam, uint32_t id, const char *name,
		     struct nlres *r)
{
	struct msg m;

	msg_init(&m, fam, 0, FTALIAS_CMD_ALIAS_DEL);
	if (id)
		put_u32(&m, FTALIAS_A_ALIAS_ID, id);
	if (name)
		put_str(&m, FTALIAS_A_ALIAS_NAME, name);
	return nl_xfer(fd, &m, r);
}

static int alias_set(int fd, uint16_t fam, const struct alias *a,
		     struct nlres *r)
{
	struct msg m;

	msg_init(&m, fam, 0, FTALIAS_CMD_ALIAS_SET);
	alias_put(&m, a);
	return nl_xfer(fd, &m, r);
}

static bool dump_eq(const struct dump *x, const struct dump *y)
{
	int i;

	if (x->n != y->n)
		return false;
	for (i = 0; i < x->n; i++)
		if (!alias_eq(&x->a[i], &y->a[i]))
			return false;
	return true;
}

/* The defaults of the contract, as a full alias without id and name. */
static struct alias defaults(void)
{
	struct alias a = {
		.present = ALL_ALIAS_ATTRS,
		.uid = setfsuid(-1),
		.gid = setfsgid(-1),
		.mode = 0644,
		.policy = FTALIAS_PROMOTION_POLICY_AUTO,
		.grace_ms = 3000,
		.cache_max_entries = 65536,
		.cache_max_bytes = 67108864,
		.cache_ttl_ms = 300000,
		.record_replies = 0,
	};
	return a;
}

/*
 * Expects a call to fail with errno E, with a non-empty extack message,
 * leaving the dump of the netns unchanged.  CALL is evaluated with r.
 */
#define EXPECT_FAIL_NOSTATE(E, CALL) do {				\
	struct dump __b, __a;						\
	ASSERT_EQ(0, dump_aliases(self->fd, self->fam, &__b));		\
	EXPECT_EQ(E, (CALL)) TH_LOG("extack: '%s'", r.extack);		\
	EXPECT_NE(0, r.extack[0]) TH_LOG("no extack message");		\
	ASSERT_EQ(0, dump_aliases(self->fd, self->fam, &__a));		\
	EXPECT_TRUE(dump_eq(&__b, &__a)) TH_LOG("state changed");	\
	free(__b.a);							\
	free(__a.a);							\
} while (0)

/* ---- fixture --------------------------------------------------------- */

FIXTURE(ftalias) {
	int fd;
	uint16_t fam;
	uint32_t grp;
};

/* Both fixtures: a genl socket in a network namespace of the test's own. */
#define FTALIAS_FIXTURE_SETUP()						\
	do {								\
		ASSERT_EQ(0, unshare(CLONE_NEWNET));			\
		self->fd = nl_open();					\
		ASSERT_GE(self->fd, 0);					\
		if (resolve(self->fd, &self->fam, &self->grp))		\
			SKIP(return, "generic netlink family ftalias not found (module not loaded?)"); \
	} while (0)

FIXTURE_SETUP(ftalias)
{
	FTALIAS_FIXTURE_SETUP();
}

FIXTURE_TEARDOWN(ftalias)
{
	close(self->fd);
}

TEST_F(ftalias, family_info)
{
	struct info in;
	struct nlres r;
	int i;

	ASSERT_EQ(0, family_info(self->fd, self->fam, &in, &r));
	EXPECT_EQ(FTALIAS_CMD_FAMILY_INFO_GET, r.reply_cmd);
	EXPECT_EQ(ALL_INFO_ATTRS, in.present);
	EXPECT_EQ(1u, in.version);
	EXPECT_EQ(read_param("family"), in.af_family);
	EXPECT_EQ(0u, in.aliases);
	EXPECT_EQ(read_param("max_aliases"), in.max_aliases);
	EXPECT_EQ(read_param("cache_max_entries"), in.cme_limit);
	EXPECT_EQ(read_param("cache_max_bytes"), in.cmb_limit);
	/* module-wide: other tests' aliases may hold bytes, never more */
	EXPECT_EQ(read_param("cache_total_bytes"), in.total_limit);
	EXPECT_LE(in.total, in.total_limit);
	TH_LOG("family %u max_aliases %u cache limits %u entries %llu bytes, total %llu of %llu bytes",
	       in.af_family, in.max_aliases, in.cme_limit,
	       (unsigned long long)in.cmb_limit,
	       (unsigned long long)in.total,
	       (unsigned long long)in.total_limit);

	for (i = 1; i <= 3; i++) {
		char name[8];

		snprintf(name, sizeof(name), "fi%d", i);
		ASSERT_EQ(0, new_named(self->fd, self->fam, name, 0, NULL));
	}
	ASSERT_EQ(0, family_info(self->fd, self->fam, &in, &r));
	EXPECT_EQ(3u, in.aliases);
	ASSERT_EQ(0, alias_del(self->fd, self->fam, 0, "fi2", &r));
	ASSERT_EQ(0, family_info(self->fd, self->fam, &in, &r));
	EXPECT_EQ(2u, in.aliases);
}

TEST_F(ftalias, new_defaults)
{
	struct alias want = defaults(), got, a;
	struct nlres r;
	struct dump d;
	struct msg m;

	msg_init(&m, self->fam, 0, FTALIAS_CMD_ALIAS_NEW);
	put_str(&m, FTALIAS_A_ALIAS_NAME, "alpha");
	ASSERT_EQ(0, nl_xfer(self->fd, &m, &r)) TH_LOG("%s", r.extack);
	ASSERT_EQ(1, r.nreplies);
	EXPECT_EQ(FTALIAS_CMD_ALIAS_NEW, r.reply_cmd);
	ASSERT_EQ(0, parse_alias((struct nlmsghdr *)r.reply, &got));
	EXPECT_EQ(ALL_ALIAS_ATTRS, got.present);
	/* a new alias: no member, nothing pending, no active port */
	EXPECT_EQ(DP_IDLE_ALIAS_ATTRS, got.dp_present);
	EXPECT_EQ(0u, got.incarnation);
	EXPECT_EQ(0u, got.members);
	EXPECT_EQ(0u, got.pending);
	EXPECT_EQ(0u, got.held);
	EXPECT_GE(got.id, 1u);
	want.id = got.id;
	strcpy(want.name, "alpha");
	EXPECT_TRUE(alias_eq(&want, &got))
		TH_LOG("id %u uid %u gid %u mode %o policy %u grace %u cme %u cmb %llu ttl %u",
		       got.id, got.uid, got.gid, got.mode, got.policy,
		       got.grace_ms, got.cache_max_entries,
		       (unsigned long long)got.cache_max_bytes,
		       got.cache_ttl_ms);

	ASSERT_EQ(0, alias_get(self->fd, self->fam, got.id, NULL, &a, &r));
	EXPECT_EQ(FTALIAS_CMD_ALIAS_GET, r.reply_cmd);
	EXPECT_TRUE(alias_eq(&want, &a));
	ASSERT_EQ(0, dump_aliases(self->fd, self->fam, &d));
	ASSERT_EQ(1, d.n);
	EXPECT_TRUE(alias_eq(&want, &d.a[0]));
	free(d.a);
}

TEST_F(ftalias, new_fsuid_default)
{
	struct alias got;

	/* uid/gid default to the caller's fsuid/fsgid, not its euid */
	ASSERT_EQ(0, setfsgid(4321) < 0);
	ASSERT_EQ(0, setfsuid(1234) < 0);
	ASSERT_EQ(1234, setfsuid(-1));
	ASSERT_EQ(0, new_named(self->fd, self->fam, "fs", 0, &got));
	setfsuid(0);
	setfsgid(0);
	EXPECT_EQ(1234u, got.uid);
	EXPECT_EQ(4321u, got.gid);
}

TEST_F(ftalias, new_all_attrs)
{
	uint64_t cme_max = read_param("cache_max_entries");
	uint64_t cmb_max = read_param("cache_max_bytes");
	struct alias lo = {
		.present = ALL_ALIAS_ATTRS, .id = 1234, .name = "lo.w_1:x-",
		.uid = 1000, .gid = 1001, .mode = 0, .policy = 1,
		.grace_ms = 0, .cache_max_entries = 1, .cache_max_bytes = 1,
		.cache_ttl_ms = 1, .record_replies = 1,
	};
	struct alias hi = {
		.present = ALL_ALIAS_ATTRS, .id = UINT32_MAX,
		.name = "Hi0123456789012345678901234567Z",	/* 31 bytes */
		.uid = 0, .gid = 0, .mode = 0666, .policy = 0,
		.grace_ms = FTALIAS_GRACE_MS_MAX,
		.cache_max_entries = cme_max, .cache_max_bytes = cmb_max,
		.cache_ttl_ms = FTALIAS_CACHE_TTL_MS_MAX,
	};
	const uint32_t modes[] = { 0600, 0640, 0420, 0246, 0066, 0400 };
	struct alias got;
	struct nlres r;
	struct dump d;
	unsigned int i;

	ASSERT_NE(UINT64_MAX, cme_max);
	ASSERT_NE(UINT64_MAX, cmb_max);
	ASSERT_EQ(31u, strlen(hi.name));

	ASSERT_EQ(0, alias_new(self->fd, self->fam, &lo, &r)) TH_LOG("%s", r.extack);
	ASSERT_EQ(0, parse_alias((struct nlmsghdr *)r.reply, &got));
	EXPECT_TRUE(alias_eq(&lo, &got));
	ASSERT_EQ(0, alias_new(self->fd, self->fam, &hi, &r)) TH_LOG("%s", r.extack);
	ASSERT_EQ(0, parse_alias((struct nlmsghdr *)r.reply, &got));
	EXPECT_TRUE(alias_eq(&hi, &got));

	ASSERT_EQ(0, alias_get(self->fd, self->fam, 0, lo.name, &got, &r));
	EXPECT_TRUE(alias_eq(&lo, &got));
	ASSERT_EQ(0, alias_get(self->fd, self->fam, hi.id, NULL, &got, &r));
	EXPECT_TRUE(alias_eq(&hi, &got));

	for (i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
		struct alias a = defaults();

		a.present &= ~(1u << FTALIAS_A_ALIAS_ID);
		snprintf(a.name, sizeof(a.name), "mode%o", modes[i]);
		a.mode = modes[i];
		EXPECT_EQ(0, alias_new(self->fd, self->fam, &a, &r))
			TH_LOG("mode %o: %s", modes[i], r.extack);
	}
	ASSERT_EQ(0, dump_aliases(self->fd, self->fam, &d));
	EXPECT_EQ(2 + (int)i, d.n);
	free(d.a);
}

TEST_F(ftalias, new_id_alloc)
{
	struct alias got[6];
	int i, j;

	ASSERT_EQ(0, new_named(self->fd, self->fam, "one", 1, &got[0]));
	ASSERT_EQ(1u, got[0].id);
	ASSERT_EQ(0, new_named(self->fd, self->fam, "two", 2, &got[1]));
	for (i = 2; i < 6; i++) {
		char name[8];

		snprintf(name, sizeof(name), "auto%d", i);
		ASSERT_EQ(0, new_named(self->fd, self->fam, name, 0, &got[i]));
		EXPECT_GE(got[i].id, 1u);
	}
	for (i = 0; i < 6; i++)
		for (j = i + 1; j < 6; j++)
			EXPECT_NE(got[i].id, got[j].id);
}

TEST_F(ftalias, new_duplicate)
{
	struct nlres r;
	struct alias a = { .present = (1u << FTALIAS_A_ALIAS_NAME) |
				      (1u << FTALIAS_A_ALIAS_ID) };

	ASSERT_EQ(0, new_named(self->fd, self->fam, "dup", 7, NULL));
	/* same id, other name */
	a.id = 7;
	strcpy(a.name, "other");
	EXPECT_FAIL_NOSTATE(EEXIST, alias_new(self->fd, self->fam, &a, &r));
	/* same name, other id */
	a.id = 8;
	strcpy(a.name, "dup");
	EXPECT_FAIL_NOSTATE(EEXIST, alias_new(self->fd, self->fam, &a, &r));
	/* same name, no id */
	a.present &= ~(1u << FTALIAS_A_ALIAS_ID);
	EXPECT_FAIL_NOSTATE(EEXIST, alias_new(self->fd, self->fam, &a, &r));
	/* the failing id and name are still free */
	ASSERT_EQ(0, new_named(self->fd, self->fam, "other", 8, NULL));
}

TEST_F(ftalias, new_missing_name)
{
	struct nlres r;
	struct msg m;
	struct dump d;

	msg_init(&m, self->fam, 0, FTALIAS_CMD_ALIAS_NEW);
	EXPECT_EQ(EINVAL, nl_xfer(self->fd, &m, &r));
	EXPECT_TRUE((r.has_miss && r.miss_type == FTALIAS_A_ALIAS_NAME) ||
		    strstr(r.extack, "name"))
		TH_LOG("missing attr not named: miss %d/%u extack '%s'",
		       r.has_miss, r.miss_type, r.extack);

	msg_init(&m, self->fam, 0, FTALIAS_CMD_ALIAS_NEW);
	put_u32(&m, FTALIAS_A_ALIAS_ID, 5);
	put_u32(&m, FTALIAS_A_ALIAS_MODE, 0600);
	EXPECT_EQ(EINVAL, nl_xfer(self->fd, &m, &r));
	EXPECT_TRUE((r.has_miss && r.miss_type == FTALIAS_A_ALIAS_NAME) ||
		    strstr(r.extack, "name"))
		TH_LOG("missing attr not named: miss %d/%u extack '%s'",
		       r.has_miss, r.miss_type, r.extack);

	ASSERT_EQ(0, dump_aliases(self->fd, self->fam, &d));
	EXPECT_EQ(0, d.n);
	free(d.a);
	ASSERT_EQ(0, new_named(self->fd, self->fam, "n", 5, NULL));
}

TEST_F(ftalias, malformed_messages)
{
	static const char junk[3] = { 1, 2, 3 };
	struct nlres r;
	struct msg m;
	struct dump d;
	int off;

	/* trailing bytes after the attributes */
	msg_init(&m, self->fam, 0, FTALIAS_CMD_ALIAS_NEW);
	put_str(&m, FTALIAS_A_ALIAS_NAME, "trail");
	put_raw(&m, junk, sizeof(junk));
	EXPECT_EQ(EINVAL, nl_xfer(self->fd, &m, &r));
	EXPECT_NE(0, r.extack[0]);

	/* attribute claiming more bytes than the message holds */
	msg_init(&m, self->fam, 0, FTALIAS_CMD_ALIAS_NEW);
	put_str(&m, FTALIAS_A_ALIAS_NAME, "trunc");
	off = put_u32(&m, FTALIAS_A_ALIAS_MODE, 0600);
	((struct nlattr *)(m.buf + off))->nla_len = 64;
	EXPECT_EQ(EINVAL, nl_xfer(self->fd, &m, &r));

	ASSERT_EQ(0, dump_aliases(self->fd, self->fam, &d));
	EXPECT_EQ(0, d.n);
	free(d.a);

	/* genl header missing entirely */
	msg_init(&m, self->fam, 0, FTALIAS_CMD_ALIAS_NEW);
	m.nlh.nlmsg_len = NLMSG_LENGTH(0);
	EXPECT_EQ(EINVAL, nl_xfer(self->fd, &m, &r));

	/* unknown command */
	msg_init(&m, self->fam, 0, FTALIAS_CMD_MAX + 1);
	EXPECT_EQ(EOPNOTSUPP, nl_xfer(self->fd, &m, &r));
	/* notifications are not requests */
	msg_init(&m, self->fam, 0, FTALIAS_CMD_ALIAS_ADD_NTF);
	put_str(&m, FTALIAS_A_ALIAS_NAME, "ntf");
	EXPECT_EQ(EOPNOTSUPP, nl_xfer(self->fd, &m, &r));
	/* family-info-get has no dump, alias-new has no dump */
	msg_init(&m, self->fam, NLM_F_DUMP, FTALIAS_CMD_ALIAS_NEW);
	EXPECT_EQ(EOPNOTSUPP, nl_xfer(self->fd, &m, &r));
	/* cache-get and journal-get are dumps only, cache-flush a do only */
	msg_init(&m, self->fam, 0, FTALIAS_CMD_CACHE_GET);
	put_u32(&m, FTALIAS_A_CACHE_ENTRY_ALIAS_ID, 1);
	EXPECT_EQ(EOPNOTSUPP, nl_xfer(self->fd, &m, &r));
	msg_init(&m, self->fam, 0, FTALIAS_CMD_JOURNAL_GET);
	put_u32(&m, FTALIAS_A_JOURNAL_REC_ALIAS_ID, 1);
	EXPECT_EQ(EOPNOTSUPP, nl_xfer(self->fd, &m, &r));
	msg_init(&m, self->fam, NLM_F_DUMP, FTALIAS_CMD_CACHE_FLUSH);
	put_u32(&m, FTALIAS_A_CACHE_FLUSH_ALIAS_ID, 1);
	EXPECT_EQ(EOPNOTSUPP, nl_xfer(self->fd, &m, &r));
	/* the alias dump takes no attributes, on every kernel */
	msg_init(&m, self->fam, NLM_F_DUMP, FTALIAS_CMD_ALIAS_GET);
	put_u32(&m, FTALIAS_A_ALIAS_ID, 1);
	EXPECT_EQ(EINVAL, nl_xfer(self->fd, &m, &r));

	ASSERT_EQ(0, dump_aliases(self->fd, self->fam, &d));
	EXPECT_EQ(0, d.n);
	free(d.a);
}

/* ---- table of invalid attributes, for alias-new and alias-set -------- */

FIXTURE(bad_attr) {
	int fd;
	uint16_t fam;
	uint32_t grp;
};

FIXTURE_VARIANT(bad_attr) {
	uint16_t type;
	uint16_t len;
	union {
		uint8_t u8;
		uint16_t u16;
		uint32_t u32;
		uint64_t u64;
		char str[48];
	} v;
	const char *limit_plus_one;	/* value = this module param + 1 */
	int err;
	bool policy;			/* rejected by the nla policy */
};

#define BAD_U32(n, t, val, e, pol)					\
	FIXTURE_VARIANT_ADD(bad_attr, n) {				\
		.type = t, .len = 4, .v = { .u32 = val }, .err = e,	\
		.policy = pol,						\
	}
#define BAD_STR(n, s, l, e, pol)					\
	FIXTURE_VARIANT_ADD(bad_attr, n) {				\
		.type = FTALIAS_A_ALIAS_NAME, .len = l, .v = { .str = s }, \
		.err = e, .policy = pol,				\
	}

BAD_STR(name_empty, "", 1, EINVAL, false);
BAD_STR(name_zero_len, "", 0, EINVAL, true);
BAD_STR(name_space, "a b", 4, EINVAL, false);
BAD_STR(name_slash, "a/b", 4, EINVAL, false);
BAD_STR(name_newline, "ab\n", 4, EINVAL, false);
BAD_STR(name_utf8, "caf\xc3\xa9", 6, EINVAL, false);
BAD_STR(name_32, "abcdefghijklmnopqrstuvwxyz012345", 33, EINVAL, true);
BAD_STR(name_no_nul, "abc", 3, EINVAL, true);
BAD_STR(name_inner_nul, "ab\0cd", 6, EINVAL, false);
BAD_U32(id_zero, FTALIAS_A_ALIAS_ID, 0, ERANGE, true);
BAD_U32(uid_unmapped, FTALIAS_A_ALIAS_UID, UINT32_MAX, EINVAL, false);
BAD_U32(gid_unmapped, FTALIAS_A_ALIAS_GID, UINT32_MAX, EINVAL, false);
BAD_U32(mode_0667, FTALIAS_A_ALIAS_MODE, 0667, ERANGE, true);
BAD_U32(mode_0777, FTALIAS_A_ALIAS_MODE, 0777, ERANGE, true);
BAD_U32(mode_01000, FTALIAS_A_ALIAS_MODE, 01000, ERANGE, true);
BAD_U32(mode_0111, FTALIAS_A_ALIAS_MODE, 0111, EINVAL, false);
BAD_U32(mode_0645, FTALIAS_A_ALIAS_MODE, 0645, EINVAL, false);
BAD_U32(mode_0001, FTALIAS_A_ALIAS_MODE, 0001, EINVAL, false);
BAD_U32(mode_0010, FTALIAS_A_ALIAS_MODE, 0010, EINVAL, false);
BAD_U32(mode_0100, FTALIAS_A_ALIAS_MODE, 0100, EINVAL, false);
BAD_U32(policy_2, FTALIAS_A_ALIAS_POLICY, 2, ERANGE, true);
BAD_U32(policy_max, FTALIAS_A_ALIAS_POLICY, UINT32_MAX, ERANGE, true);
BAD_U32(grace_over, FTALIAS_A_ALIAS_GRACE_MS, FTALIAS_GRACE_MS_MAX + 1,
	ERANGE, true);
BAD_U32(cme_zero, FTALIAS_A_ALIAS_CACHE_MAX_ENTRIES, 0, ERANGE, true);
BAD_U32(ttl_zero, FTALIAS_A_ALIAS_CACHE_TTL_MS, 0, ERANGE, true);
BAD_U32(ttl_over, FTALIAS_A_ALIAS_CACHE_TTL_MS, FTALIAS_CACHE_TTL_MS_MAX + 1,
	ERANGE, true);
BAD_U32(cmb_as_u32, FTALIAS_A_ALIAS_CACHE_MAX_BYTES, 4096, EINVAL, true);
/* pad is in the attribute set but no request takes it */
BAD_U32(pad_attr, FTALIAS_A_ALIAS_PAD, 1, EINVAL, true);
BAD_U32(unknown_type_max, FTALIAS_A_ALIAS_MAX + 1, 1, EINVAL, true);
BAD_U32(unknown_type_200, 200, 1, EINVAL, true);
BAD_U32(type_zero, 0, 1, EINVAL, true);

/* the cache nest is shown, never set */
BAD_U32(cache_nest, FTALIAS_A_ALIAS_CACHE, 1, EINVAL, true);
BAD_U32(rr_as_u32, FTALIAS_A_ALIAS_RECORD_REPLIES, 1, EINVAL, true);

FIXTURE_VARIANT_ADD(bad_attr, rr_2) {
	.type = FTALIAS_A_ALIAS_RECORD_REPLIES, .len = 1, .v = { .u8 = 2 },
	.err = ERANGE, .policy = true,
};
FIXTURE_VARIANT_ADD(bad_attr, rr_255) {
	.type = FTALIAS_A_ALIAS_RECORD_REPLIES, .len = 1, .v = { .u8 = 255 },
	.err = ERANGE, .policy = true,
};
BAD_U32(il_as_u32, FTALIAS_A_ALIAS_INPUT_LOG, 1, EINVAL, true);
FIXTURE_VARIANT_ADD(bad_attr, il_2) {
	.type = FTALIAS_A_ALIAS_INPUT_LOG, .len = 1, .v = { .u8 = 2 },
	.err = ERANGE, .policy = true,
};
/* The log's state is shown, never set. */
BAD_U32(log_inputs, FTALIAS_A_ALIAS_LOG_INPUTS, 1, EINVAL, true);
BAD_U32(log_outputs, FTALIAS_A_ALIAS_LOG_OUTPUTS, 1, EINVAL, true);
BAD_U32(ckpt_seq_u32, FTALIAS_A_ALIAS_CKPT_SEQ, 1, EINVAL, true);

FIXTURE_VARIANT_ADD(bad_attr, cmb_zero) {
	.type = FTALIAS_A_ALIAS_CACHE_MAX_BYTES, .len = 8, .v = { .u64 = 0 },
	.err = ERANGE, .policy = true,
};
FIXTURE_VARIANT_ADD(bad_attr, cme_over_limit) {
	.type = FTALIAS_A_ALIAS_CACHE_MAX_ENTRIES, .len = 4,
	.limit_plus_one = "cache_max_entries", .err = ERANGE,
};
FIXTURE_VARIANT_ADD(bad_attr, cmb_over_limit) {
	.type = FTALIAS_A_ALIAS_CACHE_MAX_BYTES, .len = 8,
	.limit_plus_one = "cache_max_bytes", .err = ERANGE,
};
FIXTURE_VARIANT_ADD(bad_attr, id_u8) {
	.type = FTALIAS_A_ALIAS_ID, .len = 1, .v = { .u8 = 5 },
	.err = EINVAL, .policy = true,
};
FIXTURE_VARIANT_ADD(bad_attr, id_u64) {
	.type = FTALIAS_A_ALIAS_ID, .len = 8, .v = { .u64 = 5 },
	.err = EINVAL, .policy = true,
};
FIXTURE_VARIANT_ADD(bad_attr, mode_u16) {
	.type = FTALIAS_A_ALIAS_MODE, .len = 2, .v = { .u16 = 0600 },
	.err = EINVAL, .policy = true,
};
FIXTURE_VARIANT_ADD(bad_attr, grace_u8) {
	.type = FTALIAS_A_ALIAS_GRACE_MS, .len = 1, .v = { .u8 = 10 },
	.err = EINVAL, .policy = true,
};
FIXTURE_VARIANT_ADD(bad_attr, uid_u64) {
	.type = FTALIAS_A_ALIAS_UID, .len = 8, .v = { .u64 = 0 },
	.err = EINVAL, .policy = true,
};

FIXTURE_SETUP(bad_attr)
{
	FTALIAS_FIXTURE_SETUP();
}

FIXTURE_TEARDOWN(bad_attr)
{
	close(self->fd);
}

/* Appends the variant's bad attribute; returns its offset. */
static int put_bad(const FIXTURE_VARIANT(bad_attr) *variant, struct msg *m)
{
	if (variant->limit_plus_one) {
		uint64_t v = read_param(variant->limit_plus_one);

		if (v == UINT64_MAX)
			return -1;
		v++;
		if (variant->len == 4) {
			if (v > UINT32_MAX)
				return -2;
			return put_u32(m, variant->type, v);
		}
		return put_u64(m, variant->type, v);
	}
	return put_attr(m, variant->type, &variant->v, variant->len);
}

TEST_F(bad_attr, new)
{
	struct nlres r;
	struct msg m;
	int off;

	/* an existing alias, which must stay untouched */
	ASSERT_EQ(0, new_named(self->fd, self->fam, "keep", 1, NULL));

	msg_init(&m, self->fam, 0, FTALIAS_CMD_ALIAS_NEW);
	if (variant->type != FTALIAS_A_ALIAS_NAME)
		put_str(&m, FTALIAS_A_ALIAS_NAME, "bad");
	if (variant->type != FTALIAS_A_ALIAS_ID)
		put_u32(&m, FTALIAS_A_ALIAS_ID, 4242);
	put_u32(&m, FTALIAS_A_ALIAS_GRACE_MS, 1234);	/* a valid one */
	off = put_bad(variant, &m);
	if (off == -2)
		SKIP(return, "limit is UINT32_MAX, cannot exceed it");
	ASSERT_GE(off, 0);
	EXPECT_FAIL_NOSTATE(variant->err, nl_xfer(self->fd, &m, &r));
	if (variant->policy) {
		EXPECT_TRUE(r.has_offs && r.offs == (uint32_t)off)
			TH_LOG("bad attr at %d, extack offset %d/%u", off,
			       r.has_offs, r.offs);
	}
	EXPECT_EQ(0, r.nreplies);
	/* the id and name of the failed call are still free */
	ASSERT_EQ(0, new_named(self->fd, self->fam, "bad", 4242, NULL));
}

TEST_F(bad_attr, set)
{
	struct alias before, after;
	struct nlres r;
	struct msg m;
	int off;

	ASSERT_EQ(0, new_named(self->fd, self->fam, "keep", 1, NULL));
	ASSERT_EQ(0, new_named(self->fd, self->fam, "target", 4242, &before));

	/* select by id (or by name when id is the bad attribute) */
	msg_init(&m, self->fam, 0, FTALIAS_CMD_ALIAS_SET);
	if (variant->type != FTALIAS_A_ALIAS_ID)
		put_u32(&m, FTALIAS_A_ALIAS_ID, 4242);
	else
		put_str(&m, FTALIAS_A_ALIAS_NAME, "target");
	put_u32(&m, FTALIAS_A_ALIAS_GRACE_MS, 1234);	/* a valid change */
	off = put_bad(variant, &m);
	if (off == -2)
		SKIP(return, "limit is UINT32_MAX, cannot exceed it");
	ASSERT_GE(off, 0);
	EXPECT_FAIL_NOSTATE(variant->err, nl_xfer(self->fd, &m, &r));
	if (variant->policy) {
		EXPECT_TRUE(r.has_offs && r.offs == (uint32_t)off)
			TH_LOG("bad attr at %d, extack offset %d/%u", off,
			       r.has_offs, r.offs);
	}
	ASSERT_EQ(0, alias_get(self->fd, self->fam, 4242, NULL, &after, &r));
	EXPECT_TRUE(alias_eq(&before, &after));
	EXPECT_EQ(3000u, after.grace_ms);
}

/* ---- get / del / set ------------------------------------------------- */

TEST_F(ftalias, get)
{
	struct alias a, b, got;
	struct nlres r;
	struct msg m;

	ASSERT_EQ(0, new_named(self->fd, self->fam, "ga", 10, &a));
	ASSERT_EQ(0, new_named(self->fd, self->fam, "gb", 20, &b));

	ASSERT_EQ(0, alias_get(self->fd, self->fam, 10, NULL, &got, &r));
	EXPECT_TRUE(alias_eq(&a, &got));
	ASSERT_EQ(0, alias_get(self->fd, self->fam, 0, "gb", &got, &r));
	EXPECT_TRUE(alias_eq(&b, &got));
	ASSERT_EQ(0, alias_get(self->fd, self->fam, 20, "gb", &got, &r));
	EXPECT_TRUE(alias_eq(&b, &got));

	EXPECT_EQ(ENOENT, alias_get(self->fd, self->fam, 10, "gb", &got, &r));
	EXPECT_NE(0, r.extack[0]);
	EXPECT_EQ(ENOENT, alias_get(self->fd, self->fam, 30, NULL, &got, &r));
	EXPECT_NE(0, r.extack[0]);
	EXPECT_EQ(ENOENT, alias_get(self->fd, self->fam, 0, "gc", &got, &r));
	EXPECT_NE(0, r.extack[0]);
	EXPECT_EQ(ENOENT, alias_get(self->fd, self->fam, 30, "ga", &got, &r));
	EXPECT_EQ(EINVAL, alias_get(self->fd, self->fam, 0, NULL, &got, &r));
	EXPECT_NE(0, r.extack[0]);

	/* strict: only id and name */
	msg_init(&m, self->fam, 0, FTALIAS_CMD_ALIAS_GET);
	put_u32(&m, FTALIAS_A_ALIAS_ID, 10);
	put_u32(&m, FTALIAS_A_ALIAS_MODE, 0600);
	EXPECT_EQ(EINVAL, nl_xfer(self->fd, &m, &r));
	EXPECT_NE(0, r.extack[0]);
	msg_init(&m, self->fam, 0, FTALIAS_CMD_ALIAS_GET);
	put_str(&m, FTALIAS_A_ALIAS_NAME, "ga");
	put_u32(&m, FTALIAS_A_ALIAS_UID, 0);
	EXPECT_EQ(EINVAL, nl_xfer(self->fd, &m, &r));
	msg_init(&m, self->fam, 0, FTALIAS_CMD_ALIAS_GET);
	put_u32(&m, FTALIAS_A_ALIAS_ID, 0);
	EXPECT_EQ(ERANGE, nl_xfer(self->fd, &m, &r));
	msg_init(&m, self->fam, 0, FTALIAS_CMD_ALIAS_GET);
	put_attr(&m, FTALIAS_A_ALIAS_NAME, "ga", 2);	/* no NUL */
	EXPECT_EQ(EINVAL, nl_xfer(self->fd, &m, &r));
}

TEST_F(ftalias, del)
{
	struct alias got;
	struct nlres r;
	struct msg m;
	struct dump d;

	ASSERT_EQ(0, new_named(self->fd, self->fam, "da", 1, NULL));
	ASSERT_EQ(0, new_named(self->fd, self->fam, "db", 2, NULL));
	ASSERT_EQ(0, new_named(self->fd, self->fam, "dc", 3, NULL));
	ASSERT_EQ(0, new_named(self->fd, self->fam, "dd", 4, NULL));

	EXPECT_FAIL_NOSTATE(ENOENT, alias_del(self->fd, self->fam, 1, "db", &r));
	EXPECT_FAIL_NOSTATE(ENOENT, alias_del(self->fd, self->fam, 9, NULL, &r));
	EXPECT_FAIL_NOSTATE(ENOENT, alias_del(self->fd, self->fam, 0, "zz", &r));
	EXPECT_FAIL_NOSTATE(EINVAL, alias_del(self->fd, self->fam, 0, NULL, &r));
	msg_init(&m, self->fam, 0, FTALIAS_CMD_ALIAS_DEL);
	put_u32(&m, FTALIAS_A_ALIAS_ID, 1);
	put_u32(&m, FTALIAS_A_ALIAS_GRACE_MS, 5);
	EXPECT_FAIL_NOSTATE(EINVAL, nl_xfer(self->fd, &m, &r));

	ASSERT_EQ(0, alias_del(self->fd, self->fam, 1, NULL, &r)) TH_LOG("%s", r.extack);
	EXPECT_EQ(0, r.nreplies);
	EXPECT_EQ(ENOENT, alias_get(self->fd, self->fam, 1, NULL, &got, &r));
	EXPECT_EQ(ENOENT, alias_get(self->fd, self->fam, 0, "da", &got, &r));
	ASSERT_EQ(0, alias_del(self->fd, self->fam, 0, "db", &r));
	EXPECT_EQ(ENOENT, alias_get(self->fd, self->fam, 2, NULL, &got, &r));
	ASSERT_EQ(0, alias_del(self->fd, self->fam, 3, "dc", &r));
	EXPECT_EQ(ENOENT, alias_get(self->fd, self->fam, 0, "dc", &got, &r));
	EXPECT_EQ(ENOENT, alias_del(self->fd, self->fam, 3, NULL, &r));

	ASSERT_EQ(0, dump_aliases(self->fd, self->fam, &d));
	ASSERT_EQ(1, d.n);
	EXPECT_STREQ("dd", d.a[0].name);
	free(d.a);
	/* deleted names and ids are reusable */
	ASSERT_EQ(0, new_named(self->fd, self->fam, "da", 1, NULL));
	ASSERT_EQ(0, new_named(self->fd, self->fam, "dc", 2, NULL));
}

TEST_F(ftalias, set)
{
	struct alias a, b, got, s;
	struct nlres r;
	struct dump d;

	ASSERT_EQ(0, new_named(self->fd, self->fam, "sa", 1, &a));
	ASSERT_EQ(0, new_named(self->fd, self->fam, "sb", 2, &b));

	/* by id: change everything but the id */
	s = (struct alias){
		.present = ALL_ALIAS_ATTRS, .id = 1, .name = "sa2",
		.uid = 7, .gid = 8, .mode = 0600, .policy = 1,
		.grace_ms = 10, .cache_max_entries = 100,
		.cache_max_bytes = 1 << 20, .cache_ttl_ms = 5000,
		.record_replies = 1,
	};
	ASSERT_EQ(0, alias_set(self->fd, self->fam, &s, &r)) TH_LOG("%s", r.extack);
	EXPECT_EQ(0, r.nreplies);
	ASSERT_EQ(0, alias_get(self->fd, self->fam, 1, NULL, &got, &r));
	EXPECT_TRUE(alias_eq(&s, &got));
	EXPECT_EQ(ENOENT, alias_get(self->fd, self->fam, 0, "sa", &got, &r));
	/* the old name is free again */
	ASSERT_EQ(0, new_named(self->fd, self->fam, "sa", 3, NULL));
	ASSERT_EQ(0, alias_del(self->fd, self->fam, 3, NULL, &r));

	/* by name only: change one attribute, the others stay */
	memset(&s, 0, sizeof(s));
	s.present = (1u << FTALIAS_A_ALIAS_NAME) | (1u << FTALIAS_A_ALIAS_MODE);
	strcpy(s.name, "sb");
	s.mode = 0444;
	ASSERT_EQ(0, alias_set(self->fd, self->fam, &s, &r)) TH_LOG("%s", r.extack);
	b.mode = 0444;
	ASSERT_EQ(0, alias_get(self->fd, self->fam, 2, NULL, &got, &r));
	EXPECT_TRUE(alias_eq(&b, &got));

	/* rename to a name used by another alias */
	memset(&s, 0, sizeof(s));
	s.present = (1u << FTALIAS_A_ALIAS_ID) | (1u << FTALIAS_A_ALIAS_NAME) |
		    (1u << FTALIAS_A_ALIAS_GRACE_MS);
	s.id = 2;
	strcpy(s.name, "sa2");
	s.grace_ms = 99;
	EXPECT_FAIL_NOSTATE(EEXIST, alias_set(self->fd, self->fam, &s, &r));
	ASSERT_EQ(0, alias_get(self->fd, self->fam, 2, NULL, &got, &r));
	EXPECT_TRUE(alias_eq(&b, &got));

	/* rename to its own name is fine */
	strcpy(s.name, "sb");
	ASSERT_EQ(0, alias_set(self->fd, self->fam, &s, &r)) TH_LOG("%s", r.extack);
	b.grace_ms = 99;
	ASSERT_EQ(0, alias_get(self->fd, self->fam, 0, "sb", &got, &r));
	EXPECT_TRUE(alias_eq(&b, &got));

	/* selection errors */
	memset(&s, 0, sizeof(s));
	s.present = (1u << FTALIAS_A_ALIAS_ID) | (1u << FTALIAS_A_ALIAS_MODE);
	s.id = 77;
	s.mode = 0400;
	EXPECT_FAIL_NOSTATE(ENOENT, alias_set(self->fd, self->fam, &s, &r));
	s.present = (1u << FTALIAS_A_ALIAS_NAME) | (1u << FTALIAS_A_ALIAS_MODE);
	strcpy(s.name, "nope");
	EXPECT_FAIL_NOSTATE(ENOENT, alias_set(self->fd, self->fam, &s, &r));
	s.present = 1u << FTALIAS_A_ALIAS_MODE;
	EXPECT_FAIL_NOSTATE(EINVAL, alias_set(self->fd, self->fam, &s, &r));

	/* a set that changes nothing succeeds */
	s.present = (1u << FTALIAS_A_ALIAS_ID);
	s.id = 2;
	EXPECT_EQ(0, alias_set(self->fd, self->fam, &s, &r)) TH_LOG("%s", r.extack);

	/* uid/gid set and read back */
	s.present = (1u << FTALIAS_A_ALIAS_ID) | (1u << FTALIAS_A_ALIAS_UID) |
		    (1u << FTALIAS_A_ALIAS_GID);
	s.uid = 65534;
	s.gid = 65533;
	ASSERT_EQ(0, alias_set(self->fd, self->fam, &s, &r));
	ASSERT_EQ(0, alias_get(self->fd, self->fam, 2, NULL, &got, &r));
	EXPECT_EQ(65534u, got.uid);
	EXPECT_EQ(65533u, got.gid);

	ASSERT_EQ(0, dump_aliases(self->fd, self->fam, &d));
	EXPECT_EQ(2, d.n);
	free(d.a);
	(void)a;
}

/* ---- dumps ----------------------------------------------------------- */

TEST_F(ftalias, dump_order)
{
	const uint32_t ids[] = { 30, 10, 20, 5, 1000000, 7 };
	struct dump d;
	unsigned int i;

	ASSERT_EQ(0, dump_aliases(self->fd, self->fam, &d));
	EXPECT_EQ(0, d.n);
	free(d.a);
	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		char name[16];

		snprintf(name, sizeof(name), "o%u", ids[i]);
		ASSERT_EQ(0, new_named(self->fd, self->fam, name, ids[i], NULL));
	}
	ASSERT_EQ(0, dump_aliases(self->fd, self->fam, &d));
	ASSERT_EQ((int)i, d.n);
	EXPECT_FALSE(d.bad);
	for (i = 1; i < (unsigned int)d.n; i++)
		EXPECT_LT(d.a[i - 1].id, d.a[i].id);
	for (i = 0; i < (unsigned int)d.n; i++)
		EXPECT_EQ(ALL_ALIAS_ATTRS, d.a[i].present);
	free(d.a);
}

#define BIG 2000

static void check_big(struct __test_metadata *_metadata, struct dump *d,
		      bool exact)
{
	static char seen[BIG];
	int i, k, others = 0;

	memset(seen, 0, sizeof(seen));
	for (i = 0; i < d->n; i++) {
		if (i)
			EXPECT_LT(d->a[i - 1].id, d->a[i].id);
		if (sscanf(d->a[i].name, "big%d", &k) == 1 && k >= 0 && k < BIG)
			seen[k]++;
		else
			others++;
	}
	if (!exact)
		return;
	for (k = 0; k < BIG; k++)
		EXPECT_EQ(1, seen[k]) TH_LOG("big%d seen %d times", k, seen[k]);
	EXPECT_LE(others, 1);
}

TEST_F_TIMEOUT(ftalias, dump_large, 300)
{
	struct dump d;
	int err;

	ASSERT_EQ(BIG, batch_new(self->fd, self->fam, "big", 0, BIG, &err))
		TH_LOG("errno %d", err);
	ASSERT_EQ(0, dump_aliases(self->fd, self->fam, &d));
	EXPECT_FALSE(d.bad);
	EXPECT_FALSE(d.intr);
	EXPECT_EQ(BIG, d.n);
	EXPECT_GT(d.nrecv, 2) TH_LOG("dump fit in %d messages", d.nrecv);
	check_big(_metadata, &d, true);
	free(d.a);
}

TEST_F_TIMEOUT(ftalias, dump_concurrent, 300)
{
	int err, i, intr = 0, status;
	pid_t pid;

	ASSERT_EQ(BIG, batch_new(self->fd, self->fam, "big", 0, BIG, &err));
	pid = fork();
	ASSERT_GE(pid, 0);
	if (!pid) {
		/* churn: add and delete one alias until killed */
		int fd = nl_open();
		uint16_t fam;
		uint32_t grp;
		struct nlres r;

		prctl(PR_SET_PDEATHSIG, SIGKILL);	/* even if an ASSERT fails */
		if (fd < 0 || resolve(fd, &fam, &grp))
			_exit(1);
		for (;;) {
			new_named(fd, fam, "churn", 0, NULL);
			alias_del(fd, fam, 0, "churn", &r);
		}
	}
	for (i = 0; i < 20; i++) {
		struct dump d;

		ASSERT_EQ(0, dump_aliases(self->fd, self->fam, &d));
		EXPECT_FALSE(d.bad);
		if (d.intr)
			intr++;
		check_big(_metadata, &d, !d.intr);
		free(d.a);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	TH_LOG("%d of 20 dumps interrupted", intr);
}

TEST_F_TIMEOUT(ftalias, new_enospc, 600)
{
	uint64_t max = read_param("max_aliases");
	struct info in;
	struct nlres r;
	struct dump d;
	int err, fd2;
	uint16_t fam;
	uint32_t grp;

	if (max == UINT64_MAX || max > 65536)
		SKIP(return, "max_aliases %llu too large to fill",
		     (unsigned long long)max);
	ASSERT_EQ((int)max, batch_new(self->fd, self->fam, "f", 0, max, &err))
		TH_LOG("errno %d", err);
	ASSERT_EQ(0, family_info(self->fd, self->fam, &in, &r));
	ASSERT_EQ(max, in.aliases);
	EXPECT_EQ(ENOSPC, new_named(self->fd, self->fam, "over", 0, NULL));
	EXPECT_EQ(ENOSPC, new_named(self->fd, self->fam, "over", 4000000, NULL));
	ASSERT_EQ(0, family_info(self->fd, self->fam, &in, &r));
	EXPECT_EQ(max, in.aliases);
	ASSERT_EQ(0, dump_aliases(self->fd, self->fam, &d));
	EXPECT_EQ((int)max, d.n);
	free(d.a);
	/* the limit is per netns */
	ASSERT_EQ(0, unshare(CLONE_NEWNET));
	fd2 = nl_open();
	ASSERT_GE(fd2, 0);
	ASSERT_EQ(0, resolve(fd2, &fam, &grp));
	EXPECT_EQ(0, new_named(fd2, fam, "over", 0, NULL));
	close(fd2);
	/* room again after a delete */
	ASSERT_EQ(0, alias_del(self->fd, self->fam, 0, "f0", &r));
	EXPECT_EQ(0, new_named(self->fd, self->fam, "over", 0, NULL));
}

/* ---- replay cache and relay journal ---------------------------------- */

/*
 * Dumps CMD, with the alias id ALIAS_ID in attribute ATTR (none when ATTR
 * is 0), counting the objects into *count.  Returns the positive errno of
 * the refused start (NLMSG_ERROR) or of the dump (NLMSG_DONE, with its
 * extack: before Linux 6.2 the cache dumps check their request there), 0,
 * or -1 on a transport failure.  A successful dump is never acked.
 */
static int dump_cmd(int fd, uint16_t fam, uint8_t cmd, uint16_t attr,
		    uint32_t alias_id, int *count, struct nlres *r)
{
	static char buf[RECV_BUF];
	uint32_t seq = seqno++;
	struct msg m;

	memset(r, 0, sizeof(*r));
	*count = 0;
	msg_init(&m, fam, NLM_F_DUMP, cmd);
	if (attr)
		put_u32(&m, attr, alias_id);
	m.nlh.nlmsg_seq = seq;
	if (send(fd, m.buf, m.nlh.nlmsg_len, 0) != (ssize_t)m.nlh.nlmsg_len)
		return -1;
	for (;;) {
		ssize_t n = recv(fd, buf, sizeof(buf), 0);
		struct nlmsghdr *nlh;

		if (n <= 0)
			return -1;
		for (nlh = (struct nlmsghdr *)buf; NLMSG_OK(nlh, n);
		     nlh = NLMSG_NEXT(nlh, n)) {
			if (nlh->nlmsg_seq != seq)
				continue;
			if (nlh->nlmsg_type == NLMSG_ERROR) {
				parse_err(nlh, r);
				return r->err;
			}
			if (nlh->nlmsg_type == NLMSG_DONE) {
				int e;

				memcpy(&e, NLMSG_DATA(nlh), sizeof(e));
				r->err = -e;
				parse_ack_tlvs(nlh, NLMSG_ALIGN(sizeof(e)), r);
				return r->err;
			}
			if (!(*count)++) {
				r->reply_cmd = ((struct genlmsghdr *)NLMSG_DATA(nlh))->cmd;
				r->reply_len = nlh->nlmsg_len < MSG_BUF ?
					       nlh->nlmsg_len : MSG_BUF;
				memcpy(r->reply, nlh, r->reply_len);
			}
			r->nreplies++;
		}
	}
}

static int cache_get(int fd, uint16_t fam, uint32_t alias_id, int *count,
		     struct nlres *r)
{
	return dump_cmd(fd, fam, FTALIAS_CMD_CACHE_GET,
			FTALIAS_A_CACHE_ENTRY_ALIAS_ID, alias_id, count, r);
}

static int journal_get(int fd, uint16_t fam, uint32_t alias_id, int *count,
		       struct nlres *r)
{
	return dump_cmd(fd, fam, FTALIAS_CMD_JOURNAL_GET,
			FTALIAS_A_JOURNAL_REC_ALIAS_ID, alias_id, count, r);
}

/*
 * cache-flush of ALIAS_ID (0: the attribute left out); *flushed from the
 * reply, which must also name the alias.
 */
static int cache_flush(int fd, uint16_t fam, uint32_t alias_id,
		       bool in_progress, uint32_t *flushed, struct nlres *r)
{
	uint32_t present = 0, id = 0;
	struct nlattr *nla;
	struct msg m;
	int err, rem;

	msg_init(&m, fam, 0, FTALIAS_CMD_CACHE_FLUSH);
	if (alias_id)
		put_u32(&m, FTALIAS_A_CACHE_FLUSH_ALIAS_ID, alias_id);
	if (in_progress)
		put_attr(&m, FTALIAS_A_CACHE_FLUSH_IN_PROGRESS, NULL, 0);
	err = nl_xfer(fd, &m, r);
	if (err)
		return err;
	if (r->nreplies != 1 || r->reply_cmd != FTALIAS_CMD_CACHE_FLUSH)
		return -1;
	for_each_gattr(nla, rem, (struct nlmsghdr *)r->reply) {
		int t = nla->nla_type & NLA_TYPE_MASK;

		if (NLA_LEN(nla) != 4)
			return -1;
		if (t == FTALIAS_A_CACHE_FLUSH_ALIAS_ID)
			memcpy(&id, NLA_DATA(nla), 4);
		else if (t == FTALIAS_A_CACHE_FLUSH_FLUSHED)
			memcpy(flushed, NLA_DATA(nla), 4);
		else
			return -1;
		present |= 1u << t;
	}
	if (present != ((1u << FTALIAS_A_CACHE_FLUSH_ALIAS_ID) |
			(1u << FTALIAS_A_CACHE_FLUSH_FLUSHED)) || id != alias_id)
		return -1;
	return 0;
}

/* The cache nest of an alias: a value per FTALIAS_A_CACHE_STATS_*. */
struct cache_stats {
	uint32_t present;
	uint64_t v[FTALIAS_A_CACHE_STATS_MAX + 1];
};

#define ALL_CACHE_STATS ((((1u << (FTALIAS_A_CACHE_STATS_MAX + 1)) - 1) & ~1u) & \
			 ~(1u << FTALIAS_A_CACHE_STATS_PAD))

static bool cache_stat_is_u32(int t)
{
	return t == FTALIAS_A_CACHE_STATS_ENTRIES ||
	       t == FTALIAS_A_CACHE_STATS_IN_PROGRESS ||
	       t == FTALIAS_A_CACHE_STATS_JOURNAL ||
	       t == FTALIAS_A_CACHE_STATS_WAITING;
}

/* alias-get of ID, its cache nest into *cs; -1 if absent or malformed. */
static int get_cache_stats(int fd, uint16_t fam, uint32_t id,
			   struct cache_stats *cs, struct nlres *r)
{
	struct nlattr *nla, *c;
	struct alias a;
	int rem, crem;

	memset(cs, 0, sizeof(*cs));
	if (alias_get(fd, fam, id, NULL, &a, r))
		return -1;
	for_each_gattr(nla, rem, (struct nlmsghdr *)r->reply) {
		if ((nla->nla_type & NLA_TYPE_MASK) != FTALIAS_A_ALIAS_CACHE)
			continue;
		for (c = NLA_DATA(nla), crem = NLA_LEN(nla);
		     crem >= NLA_HDRLEN && c->nla_len >= NLA_HDRLEN &&
		     c->nla_len <= crem;
		     crem -= NLA_ALIGN(c->nla_len),
		     c = (struct nlattr *)((char *)c + NLA_ALIGN(c->nla_len))) {
			int t = c->nla_type & NLA_TYPE_MASK;
			uint32_t v32;

			if (t == FTALIAS_A_CACHE_STATS_PAD)
				continue;
			if (t < 1 || t > FTALIAS_A_CACHE_STATS_MAX ||
			    cs->present & (1u << t))
				return -1;
			if (cache_stat_is_u32(t)) {
				if (NLA_LEN(c) != 4)
					return -1;
				memcpy(&v32, NLA_DATA(c), 4);
				cs->v[t] = v32;
			} else {
				if (NLA_LEN(c) != 8)
					return -1;
				memcpy(&cs->v[t], NLA_DATA(c), 8);
			}
			cs->present |= 1u << t;
		}
		return 0;
	}
	return -1;
}

/* cache-get and journal-get: the same start, checks and errors */
static void rc_dump_errors(struct __test_metadata *_metadata, int fd,
			   uint16_t fam, uint8_t cmd, uint16_t attr)
{
	struct nlres r;
	struct msg m;
	int n;

	/* the alias id is required, named as missing (6.1: in the message) */
	EXPECT_EQ(EINVAL, dump_cmd(fd, fam, cmd, 0, 0, &n, &r));
	EXPECT_NE(0, r.extack[0]);
	EXPECT_TRUE((r.has_miss && r.miss_type == attr) ||
		    strstr(r.extack, "alias id"))
		TH_LOG("miss %d/%u extack '%s'", r.has_miss, r.miss_type,
		       r.extack);
	EXPECT_EQ(ENOENT, dump_cmd(fd, fam, cmd, attr, 78, &n, &r));
	EXPECT_NE(NULL, strstr(r.extack, "no alias")) TH_LOG("'%s'", r.extack);
	EXPECT_EQ(0, n);
	EXPECT_EQ(ERANGE, dump_cmd(fd, fam, cmd, attr, 0, &n, &r));
	EXPECT_NE(0, r.extack[0]);
	/* only the alias id, on every kernel */
	msg_init(&m, fam, NLM_F_DUMP, cmd);
	put_u32(&m, attr, 77);
	put_u32(&m, attr + 1, 1);
	EXPECT_EQ(EINVAL, nl_xfer(fd, &m, &r));
	msg_init(&m, fam, NLM_F_DUMP, cmd);
	put_attr(&m, attr, "\x4d", 1);		/* a u8 for a u32 */
	EXPECT_EQ(EINVAL, nl_xfer(fd, &m, &r));
}

TEST_F(ftalias, cache_errors)
{
	uint32_t flushed = 0;
	struct nlres r;
	struct msg m;

	ASSERT_EQ(0, new_named(self->fd, self->fam, "rc", 77, NULL));

	rc_dump_errors(_metadata, self->fd, self->fam, FTALIAS_CMD_CACHE_GET,
		       FTALIAS_A_CACHE_ENTRY_ALIAS_ID);
	rc_dump_errors(_metadata, self->fd, self->fam, FTALIAS_CMD_JOURNAL_GET,
		       FTALIAS_A_JOURNAL_REC_ALIAS_ID);

	EXPECT_FAIL_NOSTATE(EINVAL, cache_flush(self->fd, self->fam, 0, false,
						&flushed, &r));
	EXPECT_TRUE(r.has_miss && r.miss_type == FTALIAS_A_CACHE_FLUSH_ALIAS_ID)
		TH_LOG("miss %d/%u", r.has_miss, r.miss_type);
	EXPECT_FAIL_NOSTATE(EINVAL, cache_flush(self->fd, self->fam, 0, true,
						&flushed, &r));
	EXPECT_FAIL_NOSTATE(ENOENT, cache_flush(self->fd, self->fam, 78, false,
						&flushed, &r));
	EXPECT_NE(NULL, strstr(r.extack, "no alias")) TH_LOG("'%s'", r.extack);
	EXPECT_FAIL_NOSTATE(ENOENT, cache_flush(self->fd, self->fam, 78, true,
						&flushed, &r));
	msg_init(&m, self->fam, 0, FTALIAS_CMD_CACHE_FLUSH);
	put_u32(&m, FTALIAS_A_CACHE_FLUSH_ALIAS_ID, 0);
	EXPECT_FAIL_NOSTATE(ERANGE, nl_xfer(self->fd, &m, &r));
	/* in-progress is a flag: no value (the policy's ERANGE) */
	msg_init(&m, self->fam, 0, FTALIAS_CMD_CACHE_FLUSH);
	put_u32(&m, FTALIAS_A_CACHE_FLUSH_ALIAS_ID, 77);
	put_u32(&m, FTALIAS_A_CACHE_FLUSH_IN_PROGRESS, 1);
	EXPECT_FAIL_NOSTATE(ERANGE, nl_xfer(self->fd, &m, &r));
	/* flushed is a reply attribute */
	msg_init(&m, self->fam, 0, FTALIAS_CMD_CACHE_FLUSH);
	put_u32(&m, FTALIAS_A_CACHE_FLUSH_ALIAS_ID, 77);
	put_u32(&m, FTALIAS_A_CACHE_FLUSH_FLUSHED, 1);
	EXPECT_FAIL_NOSTATE(EINVAL, nl_xfer(self->fd, &m, &r));
}

/* An alias without traffic: an empty cache, every counter 0. */
TEST_F(ftalias, cache_empty)
{
	struct cache_stats cs;
	uint32_t flushed;
	struct nlres r;
	int n, t;

	ASSERT_EQ(0, new_named(self->fd, self->fam, "rc", 5, NULL));
	ASSERT_EQ(0, new_named(self->fd, self->fam, "rc2", 6, NULL));

	EXPECT_EQ(0, cache_get(self->fd, self->fam, 5, &n, &r)) TH_LOG("%s", r.extack);
	EXPECT_EQ(0, n);
	EXPECT_EQ(0, journal_get(self->fd, self->fam, 5, &n, &r)) TH_LOG("%s", r.extack);
	EXPECT_EQ(0, n);

	flushed = 99;
	EXPECT_EQ(0, cache_flush(self->fd, self->fam, 5, false, &flushed, &r))
		TH_LOG("%s", r.extack);
	EXPECT_EQ(0u, flushed);
	flushed = 99;
	EXPECT_EQ(0, cache_flush(self->fd, self->fam, 6, true, &flushed, &r))
		TH_LOG("%s", r.extack);
	EXPECT_EQ(0u, flushed);

	ASSERT_EQ(0, get_cache_stats(self->fd, self->fam, 5, &cs, &r));
	EXPECT_EQ(ALL_CACHE_STATS, cs.present);
	for (t = 1; t <= FTALIAS_A_CACHE_STATS_MAX; t++)
		EXPECT_EQ(0u, cs.v[t]) TH_LOG("cache stat %d", t);

	/* a deleted alias has no cache to show or flush */
	ASSERT_EQ(0, alias_del(self->fd, self->fam, 5, NULL, &r));
	EXPECT_EQ(ENOENT, cache_get(self->fd, self->fam, 5, &n, &r));
	EXPECT_EQ(ENOENT, journal_get(self->fd, self->fam, 5, &n, &r));
	EXPECT_EQ(ENOENT, cache_flush(self->fd, self->fam, 5, false, &flushed,
				      &r));
	EXPECT_EQ(0, cache_get(self->fd, self->fam, 6, &n, &r));
}

/* record-replies: off by default, set and read back, alone or with others */
TEST_F(ftalias, record_replies)
{
	struct alias got, s;
	struct nlres r;

	ASSERT_EQ(0, new_named(self->fd, self->fam, "rr", 3, &got));
	EXPECT_TRUE(!!(got.present & (1u << FTALIAS_A_ALIAS_RECORD_REPLIES)));
	EXPECT_EQ(0, got.record_replies);

	memset(&s, 0, sizeof(s));
	s.present = (1u << FTALIAS_A_ALIAS_ID) |
		    (1u << FTALIAS_A_ALIAS_RECORD_REPLIES);
	s.id = 3;
	s.record_replies = 1;
	ASSERT_EQ(0, alias_set(self->fd, self->fam, &s, &r)) TH_LOG("%s", r.extack);
	ASSERT_EQ(0, alias_get(self->fd, self->fam, 3, NULL, &got, &r));
	EXPECT_EQ(1, got.record_replies);
	EXPECT_EQ(3000u, got.grace_ms);		/* the others stay */
	/* set again: no change, no error */
	EXPECT_EQ(0, alias_set(self->fd, self->fam, &s, &r));

	/* with another change, by name */
	s.present = (1u << FTALIAS_A_ALIAS_NAME) | (1u << FTALIAS_A_ALIAS_MODE) |
		    (1u << FTALIAS_A_ALIAS_RECORD_REPLIES);
	strcpy(s.name, "rr");
	s.mode = 0600;
	s.record_replies = 0;
	ASSERT_EQ(0, alias_set(self->fd, self->fam, &s, &r)) TH_LOG("%s", r.extack);
	ASSERT_EQ(0, alias_get(self->fd, self->fam, 0, "rr", &got, &r));
	EXPECT_EQ(0, got.record_replies);
	EXPECT_EQ(0600u, got.mode);

	/* at creation */
	s = defaults();
	s.present &= ~(1u << FTALIAS_A_ALIAS_ID);
	strcpy(s.name, "rr-on");
	s.record_replies = 1;
	ASSERT_EQ(0, alias_new(self->fd, self->fam, &s, &r)) TH_LOG("%s", r.extack);
	ASSERT_EQ(0, parse_alias((struct nlmsghdr *)r.reply, &got));
	EXPECT_EQ(1, got.record_replies);
	ASSERT_EQ(0, alias_get(self->fd, self->fam, 0, "rr-on", &got, &r));
	EXPECT_EQ(1, got.record_replies);
}

/*
 * input-log: off by default; on and off again, with the log's state shown
 * only while it is on; 2 is out of range and changes nothing.
 */
TEST_F(ftalias, input_log)
{
	const uint32_t log_attrs = (1u << FTALIAS_A_ALIAS_LOG_INPUTS) |
				   (1u << FTALIAS_A_ALIAS_LOG_OUTPUTS) |
				   (1u << FTALIAS_A_ALIAS_LOG_BYTES);
	struct alias got, s;
	struct nlres r;

	ASSERT_EQ(0, new_named(self->fd, self->fam, "il", 4, &got));
	EXPECT_TRUE(!!(got.present & (1u << FTALIAS_A_ALIAS_INPUT_LOG)));
	EXPECT_EQ(0, got.input_log);
	EXPECT_EQ(0u, got.dp_present & log_attrs);

	memset(&s, 0, sizeof(s));
	s.present = (1u << FTALIAS_A_ALIAS_ID) |
		    (1u << FTALIAS_A_ALIAS_INPUT_LOG);
	s.id = 4;
	s.input_log = 1;
	ASSERT_EQ(0, alias_set(self->fd, self->fam, &s, &r)) TH_LOG("%s", r.extack);
	ASSERT_EQ(0, alias_get(self->fd, self->fam, 4, NULL, &got, &r));
	EXPECT_EQ(1, got.input_log);
	EXPECT_EQ(log_attrs, got.dp_present & log_attrs);
	EXPECT_EQ(0, got.record_replies);

	s.input_log = 2;
	EXPECT_EQ(ERANGE, alias_set(self->fd, self->fam, &s, &r));
	ASSERT_EQ(0, alias_get(self->fd, self->fam, 4, NULL, &got, &r));
	EXPECT_EQ(1, got.input_log);

	s.input_log = 0;
	ASSERT_EQ(0, alias_set(self->fd, self->fam, &s, &r)) TH_LOG("%s", r.extack);
	ASSERT_EQ(0, alias_get(self->fd, self->fam, 4, NULL, &got, &r));
	EXPECT_EQ(0, got.input_log);
	EXPECT_EQ(0u, got.dp_present & log_attrs);
}

/* ---- privileges ------------------------------------------------------ */

static int drop_caps(void)
{
	cap_t caps = cap_init();	/* empty set */
	int ret;

	if (!caps)
		return -1;
	ret = cap_set_proc(caps);
	cap_free(caps);
	return ret;
}

/* ---- cluster mode ---------------------------------------------------- */

/* cluster-set; @enabled < 0 leaves the attribute out. */
static int cluster_set(int fd, uint16_t fam, int enabled, struct nlres *r)
{
	struct msg m;

	msg_init(&m, fam, 0, FTALIAS_CMD_CLUSTER_SET);
	if (enabled >= 0)
		put_u8(&m, FTALIAS_A_CLUSTER_ENABLED, enabled);
	return nl_xfer(fd, &m, r);
}

/* cluster-get: *enabled from its reply (-1 when it has none). */
static int cluster_get(int fd, uint16_t fam, int *enabled, struct nlres *r)
{
	struct nlattr *nla;
	struct msg m;
	int err, rem;

	*enabled = -1;
	msg_init(&m, fam, 0, FTALIAS_CMD_CLUSTER_GET);
	err = nl_xfer(fd, &m, r);
	if (err)
		return err;
	if (r->nreplies != 1 || r->reply_cmd != FTALIAS_CMD_CLUSTER_GET)
		return -1;
	for_each_gattr(nla, rem, (struct nlmsghdr *)r->reply)
		if ((nla->nla_type & NLA_TYPE_MASK) == FTALIAS_A_CLUSTER_ENABLED)
			*enabled = *(uint8_t *)NLA_DATA(nla);
	return 0;
}

static int node_get(int fd, uint16_t fam, int *count, struct nlres *r)
{
	return dump_cmd(fd, fam, FTALIAS_CMD_NODE_GET, 0, 0, count, r);
}

static void unpriv_checks(struct __test_metadata *_metadata, int fd,
			  uint16_t fam)
{
	struct alias got, s = {
		.present = (1u << FTALIAS_A_ALIAS_ID) | (1u << FTALIAS_A_ALIAS_MODE),
		.id = 1, .mode = 0600,
	};
	struct cache_stats cs;
	uint32_t flushed;
	struct info in;
	struct nlres r;
	struct dump d;
	int n, on;

	EXPECT_EQ(EPERM, new_named(fd, fam, "np", 0, NULL));
	EXPECT_EQ(EPERM, alias_del(fd, fam, 1, NULL, &r));
	EXPECT_NE(NULL, strstr(r.extack, "CAP_NET_ADMIN")) TH_LOG("'%s'", r.extack);
	EXPECT_EQ(EPERM, alias_set(fd, fam, &s, &r));
	EXPECT_NE(NULL, strstr(r.extack, "CAP_NET_ADMIN")) TH_LOG("'%s'", r.extack);
	EXPECT_EQ(0, alias_get(fd, fam, 1, NULL, &got, &r));
	EXPECT_STREQ("priv", got.name);
	EXPECT_EQ(0644u, got.mode);
	EXPECT_EQ(0, dump_aliases(fd, fam, &d));
	EXPECT_EQ(1, d.n);
	free(d.a);
	EXPECT_EQ(0, family_info(fd, fam, &in, &r));
	EXPECT_EQ(1u, in.aliases);

	/* the replay cache shows who talks to whom: CAP_NET_ADMIN */
	EXPECT_EQ(EPERM, cache_get(fd, fam, 1, &n, &r));
	EXPECT_NE(NULL, strstr(r.extack, "CAP_NET_ADMIN")) TH_LOG("'%s'", r.extack);
	EXPECT_EQ(0, n);
	EXPECT_EQ(EPERM, journal_get(fd, fam, 1, &n, &r));
	EXPECT_NE(NULL, strstr(r.extack, "CAP_NET_ADMIN")) TH_LOG("'%s'", r.extack);
	EXPECT_EQ(EPERM, cache_flush(fd, fam, 1, false, &flushed, &r));
	EXPECT_NE(NULL, strstr(r.extack, "CAP_NET_ADMIN")) TH_LOG("'%s'", r.extack);
	EXPECT_EQ(EPERM, cache_flush(fd, fam, 1, true, &flushed, &r));
	/* before the alias lookup: nothing learned about other ids */
	EXPECT_EQ(EPERM, cache_get(fd, fam, 999, &n, &r));
	EXPECT_EQ(EPERM, cache_flush(fd, fam, 999, false, &flushed, &r));
	/* its counters are part of the alias, readable by anyone */
	EXPECT_EQ(0, get_cache_stats(fd, fam, 1, &cs, &r));
	EXPECT_EQ(ALL_CACHE_STATS, cs.present);

	/* cluster mode: turned on by CAP_NET_ADMIN only, shown to anyone */
	EXPECT_EQ(EPERM, cluster_set(fd, fam, 1, &r));
	EXPECT_NE(NULL, strstr(r.extack, "CAP_NET_ADMIN")) TH_LOG("'%s'", r.extack);
	EXPECT_EQ(EPERM, cluster_set(fd, fam, 0, &r));
	EXPECT_EQ(0, cluster_get(fd, fam, &on, &r));
	EXPECT_EQ(0, on);
	EXPECT_EQ(ENOTCONN, node_get(fd, fam, &n, &r));
}

/* member-get and member-set refuse bad requests; no socket is needed */
TEST_F(ftalias, member_errors)
{
	struct nlres r;
	struct msg m;

	ASSERT_EQ(0, new_named(self->fd, self->fam, "mem", 77, NULL));

	msg_init(&m, self->fam, 0, FTALIAS_CMD_MEMBER_GET);
	EXPECT_EQ(EINVAL, nl_xfer(self->fd, &m, &r));
	msg_init(&m, self->fam, 0, FTALIAS_CMD_MEMBER_GET);
	put_u32(&m, FTALIAS_A_MEMBER_ALIAS_ID, 77);
	EXPECT_EQ(EINVAL, nl_xfer(self->fd, &m, &r));
	msg_init(&m, self->fam, 0, FTALIAS_CMD_MEMBER_GET);
	put_u32(&m, FTALIAS_A_MEMBER_ALIAS_ID, 78);
	put_u32(&m, FTALIAS_A_MEMBER_PORT, 1);
	EXPECT_EQ(ENOENT, nl_xfer(self->fd, &m, &r));
	EXPECT_NE(NULL, strstr(r.extack, "no alias")) TH_LOG("'%s'", r.extack);
	msg_init(&m, self->fam, 0, FTALIAS_CMD_MEMBER_GET);
	put_u32(&m, FTALIAS_A_MEMBER_ALIAS_ID, 77);
	put_u32(&m, FTALIAS_A_MEMBER_PORT, 1);
	EXPECT_EQ(ENOENT, nl_xfer(self->fd, &m, &r));
	EXPECT_NE(NULL, strstr(r.extack, "no member")) TH_LOG("'%s'", r.extack);
	msg_init(&m, self->fam, 0, FTALIAS_CMD_MEMBER_GET);
	put_u32(&m, FTALIAS_A_MEMBER_ALIAS_ID, 0);
	put_u32(&m, FTALIAS_A_MEMBER_PORT, 1);
	EXPECT_EQ(ERANGE, nl_xfer(self->fd, &m, &r));

	/* dumps: only the alias id, of an existing alias */
	msg_init(&m, self->fam, NLM_F_DUMP, FTALIAS_CMD_MEMBER_GET);
	put_u32(&m, FTALIAS_A_MEMBER_ALIAS_ID, 77);
	put_u32(&m, FTALIAS_A_MEMBER_PORT, 1);
	EXPECT_EQ(EINVAL, nl_xfer(self->fd, &m, &r));
	msg_init(&m, self->fam, NLM_F_DUMP, FTALIAS_CMD_MEMBER_GET);
	put_u32(&m, FTALIAS_A_MEMBER_ALIAS_ID, 78);
	EXPECT_EQ(ENOENT, nl_xfer(self->fd, &m, &r));

	msg_init(&m, self->fam, 0, FTALIAS_CMD_MEMBER_SET);
	put_u32(&m, FTALIAS_A_MEMBER_ALIAS_ID, 77);
	put_u32(&m, FTALIAS_A_MEMBER_PORT, 1);
	EXPECT_EQ(EINVAL, nl_xfer(self->fd, &m, &r));
	EXPECT_NE(NULL, strstr(r.extack, "nothing to change"))
		TH_LOG("'%s'", r.extack);
	msg_init(&m, self->fam, 0, FTALIAS_CMD_MEMBER_SET);
	put_u32(&m, FTALIAS_A_MEMBER_ALIAS_ID, 77);
	put_u32(&m, FTALIAS_A_MEMBER_PORT, 1);
	put_u32(&m, FTALIAS_A_MEMBER_STATE, FTALIAS_MEMBER_STATE_DRAINING + 1);
	EXPECT_EQ(ERANGE, nl_xfer(self->fd, &m, &r));
	msg_init(&m, self->fam, 0, FTALIAS_CMD_MEMBER_SET);
	put_u32(&m, FTALIAS_A_MEMBER_ALIAS_ID, 77);
	put_u32(&m, FTALIAS_A_MEMBER_PORT, 1);
	put_u32(&m, FTALIAS_A_MEMBER_PRIORITY, 5);
	EXPECT_EQ(ENOENT, nl_xfer(self->fd, &m, &r));
	msg_init(&m, self->fam, 0, FTALIAS_CMD_MEMBER_SET);
	put_u32(&m, FTALIAS_A_MEMBER_PORT, 1);
	put_u32(&m, FTALIAS_A_MEMBER_PRIORITY, 5);
	EXPECT_EQ(EINVAL, nl_xfer(self->fd, &m, &r));
}

TEST_F(ftalias, unprivileged)
{
	struct nlres r;
	int status;
	pid_t pid;

	ASSERT_EQ(0, new_named(self->fd, self->fam, "priv", 1, NULL));
	pid = fork();
	ASSERT_GE(pid, 0);
	if (!pid) {
		struct msg m;
		uint16_t fam;
		uint32_t grp;
		int fd;

		if (drop_caps())
			_exit(KSFT_FAIL);
		/* a socket opened without the capability */
		fd = nl_open();
		if (fd < 0 || resolve(fd, &fam, &grp))
			_exit(KSFT_FAIL);
		msg_init(&m, fam, 0, FTALIAS_CMD_ALIAS_NEW);
		put_str(&m, FTALIAS_A_ALIAS_NAME, "np");
		EXPECT_EQ(EPERM, nl_xfer(fd, &m, &r));
		EXPECT_NE(NULL, strstr(r.extack, "CAP_NET_ADMIN"))
			TH_LOG("extack '%s'", r.extack);
		unpriv_checks(_metadata, fd, fam);
		/* a socket opened with it, used by a task without it */
		unpriv_checks(_metadata, self->fd, self->fam);
		_exit(_metadata->exit_code);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

TEST_F(ftalias, unprivileged_uid)
{
	int status;
	pid_t pid;

	ASSERT_EQ(0, new_named(self->fd, self->fam, "priv", 1, NULL));
	pid = fork();
	ASSERT_GE(pid, 0);
	if (!pid) {
		uint16_t fam;
		uint32_t grp;
		int fd;

		/* an ordinary user: setuid clears all capabilities */
		if (setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
		    setresuid(65534, 65534, 65534))
			_exit(KSFT_FAIL);
		fd = nl_open();
		if (fd < 0 || resolve(fd, &fam, &grp))
			_exit(KSFT_FAIL);
		unpriv_checks(_metadata, fd, fam);
		_exit(_metadata->exit_code);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

/*
 * A user namespace mapping uid/gid 0 to 1000: its root has CAP_NET_ADMIN
 * over a netns it creates, cannot give an alias an id the netns's user
 * namespace cannot map, and has no power over the parent's netns.  Owner
 * ids are always in the user namespace owning the netns, whoever asks.
 */
static int write_file(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, s, strlen(s));
	close(fd);
	return n == (ssize_t)strlen(s) ? 0 : -1;
}

TEST_F(ftalias, user_namespace)
{
	int to_child[2], to_parent[2], status, nsfd, fd;
	struct alias pa = {
		.present = (1u << FTALIAS_A_ALIAS_NAME) |
			   (1u << FTALIAS_A_ALIAS_UID) | (1u << FTALIAS_A_ALIAS_GID),
		.name = "from-parent", .uid = 1000, .gid = 0,
	};
	char path[64], c = 0;
	struct nlres pr;
	struct dump d;
	uint16_t fam;
	uint32_t grp;
	pid_t pid;
	int i;

	ASSERT_EQ(0, new_named(self->fd, self->fam, "parent", 1, NULL));
	ASSERT_EQ(0, pipe(to_child));
	ASSERT_EQ(0, pipe(to_parent));
	pid = fork();
	ASSERT_GE(pid, 0);
	if (!pid) {
		struct alias a = { .present = 1u << FTALIAS_A_ALIAS_NAME };
		uint32_t flushed;
		struct alias got;
		struct nlres r;
		int ufd, n;

		if (unshare(CLONE_NEWUSER) || write(to_parent[1], &c, 1) != 1 ||
		    read(to_child[0], &c, 1) != 1)
			_exit(KSFT_FAIL);
		if (setresgid(0, 0, 0) || setresuid(0, 0, 0) ||
		    unshare(CLONE_NEWNET))
			_exit(KSFT_FAIL);
		ufd = nl_open();
		if (ufd < 0 || resolve(ufd, &fam, &grp))
			_exit(KSFT_FAIL);
		/* defaults: our fsuid/fsgid, seen as 0 */
		strcpy(a.name, "u-default");
		EXPECT_EQ(0, alias_new(ufd, fam, &a, &r)) TH_LOG("%s", r.extack);
		EXPECT_EQ(0, parse_alias((struct nlmsghdr *)r.reply, &got));
		EXPECT_EQ(0u, got.uid);
		EXPECT_EQ(0u, got.gid);
		a.present |= (1u << FTALIAS_A_ALIAS_UID) | (1u << FTALIAS_A_ALIAS_GID);
		strcpy(a.name, "u-zero");
		EXPECT_EQ(0, alias_new(ufd, fam, &a, &r)) TH_LOG("%s", r.extack);
		/* uid 1 and gid 1 have no mapping here */
		strcpy(a.name, "u-one");
		a.uid = 1;
		EXPECT_EQ(EINVAL, alias_new(ufd, fam, &a, &r));
		EXPECT_NE(0, r.extack[0]);
		a.uid = 0;
		a.gid = 1;
		EXPECT_EQ(EINVAL, alias_new(ufd, fam, &a, &r));
		/* kernel uid 1000 maps back to 0 */
		a.present = (1u << FTALIAS_A_ALIAS_NAME) | (1u << FTALIAS_A_ALIAS_UID);
		strcpy(a.name, "u-zero");
		a.uid = 0;
		EXPECT_EQ(0, alias_set(ufd, fam, &a, &r)) TH_LOG("%s", r.extack);
		/* no CAP_NET_ADMIN over the parent's netns */
		strcpy(a.name, "u-parent");
		a.present = 1u << FTALIAS_A_ALIAS_NAME;
		EXPECT_EQ(EPERM, alias_new(self->fd, self->fam, &a, &r));
		EXPECT_EQ(EPERM, alias_del(self->fd, self->fam, 1, NULL, &r));
		/* but may read it */
		EXPECT_EQ(0, alias_get(self->fd, self->fam, 1, NULL, &got, &r));
		/* the replay cache: of its own netns, not of the parent's */
		EXPECT_EQ(0, alias_get(ufd, fam, 0, "u-zero", &got, &r));
		EXPECT_EQ(0, cache_get(ufd, fam, got.id, &n, &r))
			TH_LOG("%s", r.extack);
		EXPECT_EQ(0, cache_flush(ufd, fam, got.id, true, &flushed, &r))
			TH_LOG("%s", r.extack);
		EXPECT_EQ(EPERM, cache_get(self->fd, self->fam, 1, &n, &r));
		EXPECT_EQ(EPERM, journal_get(self->fd, self->fam, 1, &n, &r));
		EXPECT_EQ(EPERM, cache_flush(self->fd, self->fam, 1, false,
					     &flushed, &r));

		if (write(to_parent[1], &c, 1) != 1)
			_exit(KSFT_FAIL);
		if (read(to_child[0], &c, 1) != 1)	/* parent has looked */
			_exit(KSFT_FAIL);
		_exit(_metadata->exit_code);
	}
	ASSERT_EQ(1, read(to_parent[0], &c, 1));
	snprintf(path, sizeof(path), "/proc/%d/setgroups", pid);
	ASSERT_EQ(0, write_file(path, "deny"));
	snprintf(path, sizeof(path), "/proc/%d/uid_map", pid);
	ASSERT_EQ(0, write_file(path, "0 1000 1\n"));
	snprintf(path, sizeof(path), "/proc/%d/gid_map", pid);
	ASSERT_EQ(0, write_file(path, "0 1000 1\n"));
	ASSERT_EQ(1, write(to_child[1], &c, 1));
	ASSERT_EQ(1, read(to_parent[0], &c, 1)) TH_LOG("child failed early");

	/* from the init user ns too, ids are those of the netns's userns */
	snprintf(path, sizeof(path), "/proc/%d/ns/net", pid);
	nsfd = open(path, O_RDONLY);
	ASSERT_GE(nsfd, 0);
	ASSERT_EQ(0, setns(nsfd, CLONE_NEWNET));
	close(nsfd);
	fd = nl_open();
	ASSERT_GE(fd, 0);
	ASSERT_EQ(0, resolve(fd, &fam, &grp));
	/* kuid 1000 is uid 0 there; uid 1000 there does not exist */
	EXPECT_EQ(EINVAL, alias_new(fd, fam, &pa, &pr));
	pa.uid = 0;
	EXPECT_EQ(0, alias_new(fd, fam, &pa, &pr)) TH_LOG("%s", pr.extack);
	ASSERT_EQ(0, dump_aliases(fd, fam, &d));
	EXPECT_EQ(3, d.n);
	for (i = 0; i < d.n; i++) {
		EXPECT_EQ(0u, d.a[i].uid) TH_LOG("%s", d.a[i].name);
		EXPECT_EQ(0u, d.a[i].gid) TH_LOG("%s", d.a[i].name);
	}
	free(d.a);
	close(fd);

	ASSERT_EQ(1, write(to_child[1], &c, 1));
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

/* ---- network namespaces ---------------------------------------------- */

TEST_F(ftalias, netns_isolation)
{
	struct alias a1, a2, got;
	struct info in;
	struct nlres r;
	struct dump d;
	uint16_t fam;
	uint32_t grp;
	int fd2;

	ASSERT_EQ(0, new_named(self->fd, self->fam, "same", 5, &a1));
	ASSERT_EQ(0, new_named(self->fd, self->fam, "only1", 6, NULL));
	ASSERT_EQ(0, unshare(CLONE_NEWNET));
	fd2 = nl_open();
	ASSERT_GE(fd2, 0);
	ASSERT_EQ(0, resolve(fd2, &fam, &grp));

	ASSERT_EQ(0, dump_aliases(fd2, fam, &d));
	EXPECT_EQ(0, d.n);
	free(d.a);
	EXPECT_EQ(ENOENT, alias_get(fd2, fam, 5, NULL, &got, &r));
	EXPECT_EQ(ENOENT, alias_get(fd2, fam, 0, "only1", &got, &r));
	EXPECT_EQ(ENOENT, alias_del(fd2, fam, 6, NULL, &r));
	ASSERT_EQ(0, family_info(fd2, fam, &in, &r));
	EXPECT_EQ(0u, in.aliases);

	ASSERT_EQ(0, new_named(fd2, fam, "same", 5, &a2));
	ASSERT_EQ(0, new_named(fd2, fam, "only2", 0, NULL));
	ASSERT_EQ(0, family_info(fd2, fam, &in, &r));
	EXPECT_EQ(2u, in.aliases);

	/* the first netns is unchanged, through the socket opened there */
	ASSERT_EQ(0, dump_aliases(self->fd, self->fam, &d));
	ASSERT_EQ(2, d.n);
	EXPECT_TRUE(alias_eq(&a1, &d.a[0]));
	EXPECT_STREQ("only1", d.a[1].name);
	free(d.a);
	ASSERT_EQ(0, alias_del(fd2, fam, 5, NULL, &r));
	ASSERT_EQ(0, alias_get(self->fd, self->fam, 5, "same", &got, &r));
	ASSERT_EQ(0, family_info(self->fd, self->fam, &in, &r));
	EXPECT_EQ(2u, in.aliases);
	close(fd2);
}

/* ---- notifications --------------------------------------------------- */

static int subscribe(int fd, uint32_t grp)
{
	return setsockopt(fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &grp,
			  sizeof(grp));
}

/*
 * Receives the next ftalias message (bounded by SO_RCVTIMEO).  Each
 * notification is its own datagram.
 */
static int recv_ntf(int fd, uint16_t fam, uint8_t *cmd, struct alias *a)
{
	static char buf[RECV_BUF];
	struct nlmsghdr *nlh;

	for (;;) {
		ssize_t n = recv(fd, buf, sizeof(buf), 0);

		if (n <= 0)
			return -1;
		for (nlh = (struct nlmsghdr *)buf; NLMSG_OK(nlh, n);
		     nlh = NLMSG_NEXT(nlh, n)) {
			if (nlh->nlmsg_type != fam)
				continue;
			*cmd = ((struct genlmsghdr *)NLMSG_DATA(nlh))->cmd;
			return parse_alias(nlh, a);
		}
	}
}

TEST_F(ftalias, notifications)
{
	struct alias created, got, s;
	struct nlres r;
	uint8_t cmd;
	int l;

	l = nl_open();
	ASSERT_GE(l, 0);
	ASSERT_EQ(0, subscribe(l, self->grp));

	ASSERT_EQ(0, new_named(self->fd, self->fam, "ntf", 0, &created));
	ASSERT_EQ(0, recv_ntf(l, self->fam, &cmd, &got));
	EXPECT_EQ(FTALIAS_CMD_ALIAS_ADD_NTF, cmd);
	EXPECT_EQ(ALL_ALIAS_ATTRS, got.present);
	EXPECT_TRUE(alias_eq(&created, &got));

	/* failed calls notify nothing; neither does a set without change */
	EXPECT_EQ(EEXIST, new_named(self->fd, self->fam, "ntf", 0, NULL));
	memset(&s, 0, sizeof(s));
	s.present = (1u << FTALIAS_A_ALIAS_ID) | (1u << FTALIAS_A_ALIAS_GRACE_MS);
	s.id = created.id;
	s.grace_ms = created.grace_ms;
	EXPECT_EQ(0, alias_set(self->fd, self->fam, &s, &r));
	s.grace_ms = FTALIAS_GRACE_MS_MAX + 1;
	EXPECT_EQ(ERANGE, alias_set(self->fd, self->fam, &s, &r));

	s.present |= (1u << FTALIAS_A_ALIAS_NAME) | (1u << FTALIAS_A_ALIAS_MODE);
	strcpy(s.name, "ntf2");
	s.grace_ms = 42;
	s.mode = 0640;
	ASSERT_EQ(0, alias_set(self->fd, self->fam, &s, &r)) TH_LOG("%s", r.extack);
	created.grace_ms = 42;
	created.mode = 0640;
	strcpy(created.name, "ntf2");
	ASSERT_EQ(0, recv_ntf(l, self->fam, &cmd, &got));
	EXPECT_EQ(FTALIAS_CMD_ALIAS_CHANGE_NTF, cmd)
		TH_LOG("a no-op or failed call notified?");
	EXPECT_TRUE(alias_eq(&created, &got));

	ASSERT_EQ(0, alias_del(self->fd, self->fam, 0, "ntf2", &r));
	ASSERT_EQ(0, recv_ntf(l, self->fam, &cmd, &got));
	EXPECT_EQ(FTALIAS_CMD_ALIAS_DEL_NTF, cmd);
	EXPECT_TRUE(alias_eq(&created, &got));
	close(l);
}

TEST_F(ftalias, notifications_other_netns)
{
	struct alias got, s;
	struct nlres r;
	uint16_t fam;
	uint32_t grp;
	uint8_t cmd;
	int l_old, l_new, fd2;

	/* listener in the fixture netns */
	l_old = nl_open();
	ASSERT_GE(l_old, 0);
	ASSERT_EQ(0, subscribe(l_old, self->grp));

	ASSERT_EQ(0, unshare(CLONE_NEWNET));
	fd2 = nl_open();
	ASSERT_GE(fd2, 0);
	ASSERT_EQ(0, resolve(fd2, &fam, &grp));
	l_new = nl_open();
	ASSERT_GE(l_new, 0);
	ASSERT_EQ(0, subscribe(l_new, grp));

	ASSERT_EQ(0, new_named(fd2, fam, "elsewhere", 3, NULL));
	memset(&s, 0, sizeof(s));
	s.present = (1u << FTALIAS_A_ALIAS_ID) | (1u << FTALIAS_A_ALIAS_MODE);
	s.id = 3;
	s.mode = 0600;
	ASSERT_EQ(0, alias_set(fd2, fam, &s, &r));
	ASSERT_EQ(0, alias_del(fd2, fam, 3, NULL, &r));

	/* the new netns listener saw all three */
	ASSERT_EQ(0, recv_ntf(l_new, fam, &cmd, &got));
	EXPECT_EQ(FTALIAS_CMD_ALIAS_ADD_NTF, cmd);
	EXPECT_STREQ("elsewhere", got.name);
	ASSERT_EQ(0, recv_ntf(l_new, fam, &cmd, &got));
	EXPECT_EQ(FTALIAS_CMD_ALIAS_CHANGE_NTF, cmd);
	EXPECT_EQ(0600u, got.mode);
	ASSERT_EQ(0, recv_ntf(l_new, fam, &cmd, &got));
	EXPECT_EQ(FTALIAS_CMD_ALIAS_DEL_NTF, cmd);

	/* the old one sees only its own netns's sentinel */
	ASSERT_EQ(0, new_named(self->fd, self->fam, "sentinel", 0, NULL));
	ASSERT_EQ(0, recv_ntf(l_old, self->fam, &cmd, &got));
	EXPECT_EQ(FTALIAS_CMD_ALIAS_ADD_NTF, cmd);
	EXPECT_STREQ("sentinel", got.name) TH_LOG("leaked across netns");
	close(l_old);
	close(l_new);
	close(fd2);
}

/*
 * Cluster mode refuses what cannot be: a request without the mode
 * (EINVAL) or with another value than 0 and 1 (ERANGE), turning it on
 * without TIPC loaded (EAFNOSUPPORT: nothing loads it) or before TIPC has
 * a node address (EADDRNOTAVAIL; this namespace's TIPC has none), and
 * leaves nothing behind; turning off what is off, or on nothing, is a
 * no-op.  The multi-node behaviour is cluster_nodes.sh's.
 */
TEST_F(ftalias, cluster_errors)
{
	struct nlres r;
	int on, n, err;

	EXPECT_EQ(0, cluster_get(self->fd, self->fam, &on, &r));
	EXPECT_EQ(0, on);
	EXPECT_EQ(ENOTCONN, node_get(self->fd, self->fam, &n, &r));
	EXPECT_NE(NULL, strstr(r.extack, "cluster mode is off")) TH_LOG("'%s'", r.extack);
	EXPECT_EQ(0, n);

	EXPECT_EQ(EINVAL, cluster_set(self->fd, self->fam, -1, &r));
	EXPECT_TRUE(r.has_miss && r.miss_type == FTALIAS_A_CLUSTER_ENABLED);
	EXPECT_EQ(ERANGE, cluster_set(self->fd, self->fam, 2, &r));
	EXPECT_EQ(ERANGE, cluster_set(self->fd, self->fam, 255, &r));
	EXPECT_EQ(0, cluster_set(self->fd, self->fam, 0, &r));

	/* TIPC is not loaded for us: EAFNOSUPPORT until modprobe tipc */
	err = cluster_set(self->fd, self->fam, 1, &r);
	if (err == EAFNOSUPPORT) {
		EXPECT_NE(NULL, strstr(r.extack, "modprobe tipc")) TH_LOG("'%s'", r.extack);
		EXPECT_EQ(0, cluster_get(self->fd, self->fam, &on, &r));
		EXPECT_EQ(0, on);
		if (system("modprobe -q tipc 2>/dev/null") ||
		    access("/proc/sys/net/tipc", F_OK))
			SKIP(return, "no TIPC in this kernel");
		err = cluster_set(self->fd, self->fam, 1, &r);
	}
	EXPECT_EQ(EADDRNOTAVAIL, err);
	EXPECT_NE(NULL, strstr(r.extack, "node address")) TH_LOG("'%s'", r.extack);
	/* twice: the first failure left nothing half made */
	EXPECT_EQ(EADDRNOTAVAIL, cluster_set(self->fd, self->fam, 1, &r));
	EXPECT_EQ(0, cluster_get(self->fd, self->fam, &on, &r));
	EXPECT_EQ(0, on);
	EXPECT_EQ(ENOTCONN, node_get(self->fd, self->fam, &n, &r));
}

/* FNV-1a of the name in the upper half of the ids: alias.c. */
static uint32_t cluster_id(const char *name)
{
	uint32_t h = 2166136261u;

	for (; *name; name++)
		h = (h ^ (uint8_t)*name) * 16777619u;
	return h | 0x80000000u;
}

TEST_F(ftalias, cluster_scope)
{
	struct alias a = {}, got, s;
	struct nlres r;

	/* a local alias: scope local shown, an id in the lower half */
	ASSERT_EQ(0, new_named(self->fd, self->fam, "loc", 0, &got));
	EXPECT_EQ(0, got.scope);
	EXPECT_TRUE(!!(got.dp_present & (1u << FTALIAS_A_ALIAS_SCOPE)));
	EXPECT_GE(0x7fffffffu, got.id);

	/* a cluster alias named without an id: the id of its name */
	a.present = 1u << FTALIAS_A_ALIAS_NAME;
	strcpy(a.name, "svc.cluster");
	a.scope = FTALIAS_ALIAS_SCOPE_CLUSTER;
	a.put_scope = true;
	ASSERT_EQ(0, alias_new(self->fd, self->fam, &a, &r)) TH_LOG("%s", r.extack);
	ASSERT_EQ(0, alias_get(self->fd, self->fam, 0, "svc.cluster", &got, &r));
	EXPECT_EQ(cluster_id("svc.cluster"), got.id);
	EXPECT_EQ(FTALIAS_ALIAS_SCOPE_CLUSTER, got.scope);

	/* with an id, that id */
	a.present |= 1u << FTALIAS_A_ALIAS_ID;
	a.id = 77;
	strcpy(a.name, "svc2");
	ASSERT_EQ(0, alias_new(self->fd, self->fam, &a, &r)) TH_LOG("%s", r.extack);
	ASSERT_EQ(0, alias_get(self->fd, self->fam, 77, NULL, &got, &r));
	EXPECT_EQ(FTALIAS_ALIAS_SCOPE_CLUSTER, got.scope);

	/* bad input, nothing left behind */
	a.present = 1u << FTALIAS_A_ALIAS_NAME;
	strcpy(a.name, "bad");
	a.scope = 2;
	EXPECT_FAIL_NOSTATE(ERANGE, alias_new(self->fd, self->fam, &a, &r));
	/* the id of its name taken by another alias */
	ASSERT_EQ(0, new_named(self->fd, self->fam, "holder", cluster_id("taken"),
			       NULL));
	strcpy(a.name, "taken");
	a.scope = FTALIAS_ALIAS_SCOPE_CLUSTER;
	EXPECT_FAIL_NOSTATE(EEXIST, alias_new(self->fd, self->fam, &a, &r));
	/* alias-set cannot change the scope */
	memset(&s, 0, sizeof(s));
	s.present = 1u << FTALIAS_A_ALIAS_ID;
	s.id = 77;
	s.put_scope = true;
	EXPECT_FAIL_NOSTATE(EINVAL, alias_set(self->fd, self->fam, &s, &r));
	/* a cluster alias keeps its name */
	s.put_scope = false;
	s.present |= 1u << FTALIAS_A_ALIAS_NAME;
	strcpy(s.name, "renamed");
	EXPECT_FAIL_NOSTATE(EINVAL, alias_set(self->fd, self->fam, &s, &r));
	EXPECT_NE(NULL, strstr(r.extack, "keeps its name")) TH_LOG("'%s'", r.extack);
	/* other changes are fine */
	s.present = (1u << FTALIAS_A_ALIAS_ID) | (1u << FTALIAS_A_ALIAS_GRACE_MS);
	s.grace_ms = 42;
	ASSERT_EQ(0, alias_set(self->fd, self->fam, &s, &r)) TH_LOG("%s", r.extack);
	ASSERT_EQ(0, alias_get(self->fd, self->fam, 77, NULL, &got, &r));
	EXPECT_EQ(42u, got.grace_ms);
	EXPECT_STREQ("svc2", got.name);
	EXPECT_EQ(FTALIAS_ALIAS_SCOPE_CLUSTER, got.scope);
}

TEST_HARNESS_MAIN
