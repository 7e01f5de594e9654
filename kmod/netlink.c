// SPDX-License-Identifier: GPL-2.0
/*
 * Handlers of the "ftalias" generic netlink family.  The policies and the
 * op table are generated from Documentation/netlink/specs/ftalias.yaml
 * into generated/netlink-gen.c; the alias table and its locking live in
 * aliastab.c, the notifications of members and connections in notify.c.
 */

#include <linux/capability.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/uidgid.h>
#include <net/genetlink.h>
#include <net/sock.h>

#include "alias.h"
#include "aliastab.h"
#include "cluster.h"
#include "compat.h"	/* struct genl_split_ops, registration before 6.2 */
#include "ftalias.h"
#include "generated/netlink-gen.h"
#include "log.h"
#include "netlink.h"
#include "notify.h"
#include "replay.h"
#include "sock.h"

static_assert((int)FTALIAS_RC_IN_PROGRESS == FTALIAS_CACHE_STATE_IN_PROGRESS);
static_assert((int)FTALIAS_RC_AUTO_REPLY == FTALIAS_CACHE_STATE_AUTO_REPLY);
static_assert((int)FTALIAS_RC_HANDLER == FTALIAS_CACHE_STATE_HANDLER);

struct ftalias_nl_dump_ctx {
	unsigned long next_id;
	bool done;		/* U32_MAX was sent: next_id cannot go on */
};

/* Member dump: the alias filter, and where to go on. */
struct ftalias_nl_member_dump_ctx {
	unsigned long next_id;
	u64 next_seq;		/* join_seq to start from in alias next_id */
	u32 filter;		/* alias id, 0: all */
	bool remote;		/* this node's done: other nodes' from @rpos */
	bool done;
	struct ftalias_cluster_pos rpos;
};

/*
 * Replay-cache and relay-journal dumps: the alias, referenced from start()
 * to done(), and where ftalias_rc_dump() or ftalias_rc_journal_dump()
 * stopped.
 */
enum {
	/* Entries or records copied under the alias's lock at a time. */
	FTALIAS_NL_RC_BATCH	= 32,
};

/* What a cache or journal dump keeps between its calls (start to done). */
struct ftalias_nl_rc_dump_state {
	struct ftalias_rc_cursor cur;
	union {
		struct ftalias_rc_info ri[FTALIAS_NL_RC_BATCH];
		struct ftalias_jrec_info ji[FTALIAS_NL_RC_BATCH];
	};
};

struct ftalias_nl_rc_dump_ctx {
	struct ftalias_alias *alias;
	struct ftalias_nl_rc_dump_state *st;
	u16 attr;		/* the alias id attribute, checks deferred */
	bool done;
};

/* A u64 counter of a stats struct, as an attribute of its nest. */
struct ftalias_nl_counter {
	u16 type;
	u16 offset;
};

/* The counters of struct ftalias_alias_stats, attributes of the stats nest. */
static const struct ftalias_nl_counter ftalias_nl_alias_counters[] = {
#define FTALIAS_NL_COUNTER(attr, field)					\
	{ FTALIAS_A_ALIAS_STATS_##attr,					\
	  offsetof(struct ftalias_alias_stats, field) }
	FTALIAS_NL_COUNTER(SENT, sent),
	FTALIAS_NL_COUNTER(DELIVERED, delivered),
	FTALIAS_NL_COUNTER(REDELIVERED, redelivered),
	FTALIAS_NL_COUNTER(RESENT, resent),
	FTALIAS_NL_COUNTER(REPLIES, replies),
	FTALIAS_NL_COUNTER(HELD, held),
	FTALIAS_NL_COUNTER(FAILED, failed),
	FTALIAS_NL_COUNTER(PROMOTIONS, promotions),
	FTALIAS_NL_COUNTER(CHECKPOINTS, checkpoints),
	FTALIAS_NL_COUNTER(CKPT_LOADS, ckpt_loads),
	FTALIAS_NL_COUNTER(INPUTS_LOGGED, inputs_logged),
	FTALIAS_NL_COUNTER(INPUTS_REPLAYED, inputs_replayed),
	FTALIAS_NL_COUNTER(REPLAY_SUPPRESSED, replay_suppressed),
	FTALIAS_NL_COUNTER(REQUESTS_REISSUED, requests_reissued),
#undef FTALIAS_NL_COUNTER
};

/* The counters of struct ftalias_rc_stats, attributes of the cache nest. */
static const struct ftalias_nl_counter ftalias_nl_rc_counters[] = {
#define FTALIAS_NL_RC_COUNTER(attr, field)				\
	{ FTALIAS_A_CACHE_STATS_##attr,					\
	  offsetof(struct ftalias_rc_stats, field) }
	FTALIAS_NL_RC_COUNTER(RECORDED, recorded),
	FTALIAS_NL_RC_COUNTER(HITS_AUTO, hits_auto),
	FTALIAS_NL_RC_COUNTER(HITS_HANDLER, hits_handler),
	FTALIAS_NL_RC_COUNTER(HITS_HELD, hits_held),
	FTALIAS_NL_RC_COUNTER(MISSES, misses),
	FTALIAS_NL_RC_COUNTER(EVICT_ACK, evict_ack),
	FTALIAS_NL_RC_COUNTER(EVICT_TTL, evict_ttl),
	FTALIAS_NL_RC_COUNTER(EVICT_LRU, evict_lru),
	FTALIAS_NL_RC_COUNTER(EVICT_SHRINK, evict_shrink),
	FTALIAS_NL_RC_COUNTER(EVICT_FLUSH, evict_flush),
	FTALIAS_NL_RC_COUNTER(REFUSED, refused),
	FTALIAS_NL_RC_COUNTER(ORPHANS, orphans),
	FTALIAS_NL_RC_COUNTER(JOURNALED, journaled),
	FTALIAS_NL_RC_COUNTER(LONGEST_HOLD_MS, longest_hold_ms),
#undef FTALIAS_NL_RC_COUNTER
};

/* The counters in @tb (a parsed nest) into @stats, as @table says. */
static void ftalias_nl_get_counters(struct nlattr **tb, void *stats,
				    const struct ftalias_nl_counter *table,
				    unsigned int n)
{
	unsigned int i;
	u64 v;

	for (i = 0; i < n; i++) {
		if (!tb[table[i].type])
			continue;
		v = nla_get_u64(tb[table[i].type]);
		memcpy((char *)stats + table[i].offset, &v, sizeof(v));
	}
}

/**
 * ftalias_nl_get_stats() - the counters of an alias from its nests
 * @stats: an alias's stats nest (alias-stats set), validated, or NULL
 * @cache: its cache nest (cache-stats set), validated, or NULL
 * @st: set from @stats; counters absent stay as they were
 * @rc: set from the counters of @cache
 */
void ftalias_nl_get_stats(const struct nlattr *stats,
			  const struct nlattr *cache,
			  struct ftalias_alias_stats *st,
			  struct ftalias_rc_stats *rc)
{
	struct nlattr *tb[FTALIAS_A_CACHE_STATS_MAX + 1];

	BUILD_BUG_ON((int)FTALIAS_A_ALIAS_STATS_MAX >
		     (int)FTALIAS_A_CACHE_STATS_MAX);

	if (stats && !nla_parse_nested(tb, FTALIAS_A_ALIAS_STATS_MAX, stats,
				       ftalias_alias_stats_nl_policy, NULL))
		ftalias_nl_get_counters(tb, st, ftalias_nl_alias_counters,
					ARRAY_SIZE(ftalias_nl_alias_counters));
	if (cache && !nla_parse_nested(tb, FTALIAS_A_CACHE_STATS_MAX, cache,
				       ftalias_cache_stats_nl_policy, NULL))
		ftalias_nl_get_counters(tb, rc, ftalias_nl_rc_counters,
					ARRAY_SIZE(ftalias_nl_rc_counters));
}

static size_t ftalias_nl_cache_stats_size(void)
{
	return nla_total_size(0) +			/* CACHE */
	       nla_total_size(sizeof(u32)) * 4 +	/* ENTRIES..WAITING */
	       nla_total_size_64bit(sizeof(u64)) *	/* BYTES, counters */
	       (1 + ARRAY_SIZE(ftalias_nl_rc_counters));
}

static size_t ftalias_nl_alias_size(void)
{
	return nla_total_size(sizeof(u32)) +		/* ID */
	       nla_total_size(FTALIAS_NAME_MAX_LEN + 1) + /* NAME */
	       nla_total_size(sizeof(u32)) * 6 +	/* UID..ENTRIES */
	       nla_total_size_64bit(sizeof(u64)) +	/* MAX_BYTES */
	       nla_total_size(sizeof(u32)) +		/* TTL */
	       nla_total_size(sizeof(u32)) * 5 +	/* INCARNATION..HELD */
	       nla_total_size(0) +			/* STATS */
	       nla_total_size_64bit(sizeof(u64)) *	/* its counters */
	       ARRAY_SIZE(ftalias_nl_alias_counters) +
	       nla_total_size(sizeof(u8)) * 3 +		/* RECORD_REPLIES, INPUT_LOG, SCOPE */
	       nla_total_size_64bit(sizeof(u64)) * 4 +	/* CKPT_*, LOG_BYTES */
	       nla_total_size(sizeof(u32)) * 2 +	/* LOG_INPUTS, _OUTPUTS */
	       ftalias_nl_cache_stats_size();		/* CACHE */
}

/* The data-path state of an alias, copied under its lock. */
struct ftalias_nl_alias_dp {
	u32 incarnation;
	u32 members;
	u32 active_port;
	u32 pending;
	u32 held;
	struct ftalias_alias_stats stats;
	struct ftalias_log_info log;
	/* The replay cache, from ftalias_rc_stats(). */
	struct ftalias_rc_stats rc;
	u64 rc_bytes;
	u32 rc_entries;
	u32 rc_in_progress;
	u32 rc_journal;
	u32 rc_waiting;
};

static void ftalias_nl_alias_dp(struct ftalias_alias *alias,
				struct ftalias_nl_alias_dp *dp)
{
	spin_lock(&alias->lock);
	dp->incarnation = alias->incarnation;
	dp->members = alias->nr_members;
	dp->active_port = alias->active ? alias->active->port : 0;
	dp->pending = alias->nr_pending;
	dp->held = alias->nr_held;
	dp->stats = alias->stats;
	__ftalias_log_info(alias, &dp->log);
	dp->stats.requests_reissued = dp->log.reissued;
	spin_unlock(&alias->lock);
	ftalias_rc_stats(alias, &dp->rc, &dp->rc_entries, &dp->rc_in_progress,
			 &dp->rc_bytes, &dp->rc_journal, &dp->rc_waiting);
}

/* The u64 counters of @base that @table names, as attributes of a nest. */
static int ftalias_nl_put_counters(struct sk_buff *skb,
				   const struct ftalias_nl_counter *table,
				   unsigned int n, const void *base, int pad)
{
	unsigned int i;
	u64 v;

	for (i = 0; i < n; i++) {
		memcpy(&v, (const char *)base + table[i].offset, sizeof(v));
		if (nla_put_u64_64bit(skb, table[i].type, v, pad))
			return -EMSGSIZE;
	}
	return 0;
}

static int ftalias_nl_put_alias_stats(struct sk_buff *skb,
				      const struct ftalias_alias_stats *st)
{
	struct nlattr *nest;

	/* Every counter of struct ftalias_alias_stats: an attribute. */
	BUILD_BUG_ON(sizeof(*st) !=
		     sizeof(u64) * ARRAY_SIZE(ftalias_nl_alias_counters));

	nest = nla_nest_start(skb, FTALIAS_A_ALIAS_STATS);
	if (!nest)
		return -EMSGSIZE;
	if (ftalias_nl_put_counters(skb, ftalias_nl_alias_counters,
				    ARRAY_SIZE(ftalias_nl_alias_counters), st,
				    FTALIAS_A_ALIAS_STATS_PAD)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int ftalias_nl_put_cache_stats(struct sk_buff *skb,
				      const struct ftalias_nl_alias_dp *dp)
{
	struct nlattr *nest;

	/* Every counter of struct ftalias_rc_stats (all u64): an attribute. */
	BUILD_BUG_ON(sizeof(dp->rc) !=
		     sizeof(u64) * ARRAY_SIZE(ftalias_nl_rc_counters));

	nest = nla_nest_start(skb, FTALIAS_A_ALIAS_CACHE);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(skb, FTALIAS_A_CACHE_STATS_ENTRIES, dp->rc_entries) ||
	    nla_put_u64_64bit(skb, FTALIAS_A_CACHE_STATS_BYTES, dp->rc_bytes,
			      FTALIAS_A_CACHE_STATS_PAD) ||
	    nla_put_u32(skb, FTALIAS_A_CACHE_STATS_IN_PROGRESS,
			dp->rc_in_progress) ||
	    nla_put_u32(skb, FTALIAS_A_CACHE_STATS_JOURNAL, dp->rc_journal) ||
	    nla_put_u32(skb, FTALIAS_A_CACHE_STATS_WAITING, dp->rc_waiting))
		goto cancel;
	if (ftalias_nl_put_counters(skb, ftalias_nl_rc_counters,
				    ARRAY_SIZE(ftalias_nl_rc_counters), &dp->rc,
				    FTALIAS_A_CACHE_STATS_PAD))
		goto cancel;
	nla_nest_end(skb, nest);
	return 0;

cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

/**
 * ftalias_nl_put_alias() - the attributes of an alias, as alias-get shows it
 * @skb: where they go
 * @net: the namespace of the reader (uid and gid are mapped into it)
 * @alias: the alias, under its namespace's lock
 * @saved: for alias-save's alias record, which has no log-outputs (its
 *	output records carry the outputs)
 *
 * Return: 0 or -EMSGSIZE (the caller cancels what it started).
 */
int ftalias_nl_put_alias(struct sk_buff *skb, struct net *net,
			 struct ftalias_alias *alias, bool saved)
{
	const struct ftalias_alias_cfg *cfg = &alias->cfg;
	struct ftalias_nl_alias_dp dp;

	lockdep_assert_held(&ftalias_net(net)->lock);

	ftalias_nl_alias_dp(alias, &dp);

	if (nla_put_u32(skb, FTALIAS_A_ALIAS_ID, alias->id) ||
	    nla_put_string(skb, FTALIAS_A_ALIAS_NAME, alias->name) ||
	    nla_put_u32(skb, FTALIAS_A_ALIAS_UID,
			from_kuid_munged(net->user_ns, cfg->uid)) ||
	    nla_put_u32(skb, FTALIAS_A_ALIAS_GID,
			from_kgid_munged(net->user_ns, cfg->gid)) ||
	    nla_put_u32(skb, FTALIAS_A_ALIAS_MODE, cfg->mode) ||
	    nla_put_u32(skb, FTALIAS_A_ALIAS_POLICY, cfg->policy) ||
	    nla_put_u32(skb, FTALIAS_A_ALIAS_GRACE_MS, cfg->grace_ms) ||
	    nla_put_u32(skb, FTALIAS_A_ALIAS_CACHE_MAX_ENTRIES,
			cfg->cache_max_entries) ||
	    nla_put_u64_64bit(skb, FTALIAS_A_ALIAS_CACHE_MAX_BYTES,
			      cfg->cache_max_bytes, FTALIAS_A_ALIAS_PAD) ||
	    nla_put_u32(skb, FTALIAS_A_ALIAS_CACHE_TTL_MS, cfg->cache_ttl_ms) ||
	    nla_put_u32(skb, FTALIAS_A_ALIAS_INCARNATION, dp.incarnation) ||
	    nla_put_u32(skb, FTALIAS_A_ALIAS_MEMBERS, dp.members) ||
	    (dp.active_port &&
	     nla_put_u32(skb, FTALIAS_A_ALIAS_ACTIVE_PORT, dp.active_port)) ||
	    nla_put_u32(skb, FTALIAS_A_ALIAS_PENDING, dp.pending) ||
	    nla_put_u32(skb, FTALIAS_A_ALIAS_HELD, dp.held) ||
	    ftalias_nl_put_alias_stats(skb, &dp.stats) ||
	    nla_put_u8(skb, FTALIAS_A_ALIAS_RECORD_REPLIES,
		       cfg->record_replies) ||
	    ftalias_nl_put_cache_stats(skb, &dp) ||
	    (dp.log.ckpt_seq &&
	     (nla_put_u64_64bit(skb, FTALIAS_A_ALIAS_CKPT_SEQ,
				dp.log.ckpt_seq, FTALIAS_A_ALIAS_PAD) ||
	      nla_put_u64_64bit(skb, FTALIAS_A_ALIAS_CKPT_BYTES,
				dp.log.ckpt_bytes, FTALIAS_A_ALIAS_PAD) ||
	      nla_put_u64_64bit(skb, FTALIAS_A_ALIAS_CKPT_INPUT,
				dp.log.ckpt_input, FTALIAS_A_ALIAS_PAD))) ||
	    nla_put_u8(skb, FTALIAS_A_ALIAS_INPUT_LOG, cfg->input_log) ||
	    ((cfg->input_log || dp.log.inputs) &&
	     (nla_put_u32(skb, FTALIAS_A_ALIAS_LOG_INPUTS, dp.log.inputs) ||
	      (!saved && nla_put_u32(skb, FTALIAS_A_ALIAS_LOG_OUTPUTS,
				     dp.log.outputs)) ||
	      nla_put_u64_64bit(skb, FTALIAS_A_ALIAS_LOG_BYTES,
				dp.log.input_bytes, FTALIAS_A_ALIAS_PAD))) ||
	    /* Saved only when not the default: older modules restore it. */
	    ((!saved || cfg->scope) &&
	     nla_put_u8(skb, FTALIAS_A_ALIAS_SCOPE, cfg->scope)))
		return -EMSGSIZE;
	return 0;
}

static int ftalias_nl_fill_alias(struct sk_buff *skb, struct net *net,
				 struct ftalias_alias *alias, u32 portid,
				 u32 seq, int flags, u8 cmd,
				 struct netlink_callback *cb)
{
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &ftalias_nl_family, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;
	if (cb)
		genl_dump_check_consistent(cb, hdr);
	if (ftalias_nl_put_alias(skb, net, alias, false)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

void __ftalias_nl_notify(struct net *net, struct ftalias_alias *alias, u8 cmd)
{
	struct sk_buff *skb;

	lockdep_assert_held(&ftalias_net(net)->lock);

	if (!ftalias_nl_listened(net))
		return;
	skb = genlmsg_new(ftalias_nl_alias_size(), GFP_KERNEL);
	if (skb && ftalias_nl_fill_alias(skb, net, alias, 0, 0, 0, cmd, NULL)) {
		nlmsg_free(skb);
		skb = NULL;
	}
	ftalias_nl_event(net, skb, FTALIAS_NLGRP_EVENTS);
}

int ftalias_nl_pre_doit_admin(const struct genl_split_ops *ops,
			      struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);

	if (!netlink_ns_capable(skb, net->user_ns, CAP_NET_ADMIN)) {
		NL_SET_ERR_MSG(info->extack,
			       "CAP_NET_ADMIN required in the network namespace");
		return -EPERM;
	}
	return 0;
}

/*
 * Apply the configuration attributes present in @info to @cfg.  Nothing of
 * the alias is touched, so a failure leaves no trace.
 */
int ftalias_nl_parse_cfg(struct net *net, struct nlattr **tb,
			 struct netlink_ext_ack *extack,
			 struct ftalias_alias_cfg *cfg)
{
	struct nlattr *attr;

	attr = tb[FTALIAS_A_ALIAS_UID];
	if (attr) {
		cfg->uid = make_kuid(net->user_ns, nla_get_u32(attr));
		if (!uid_valid(cfg->uid)) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "uid not mapped in the namespace's user namespace");
			return -EINVAL;
		}
	}
	attr = tb[FTALIAS_A_ALIAS_GID];
	if (attr) {
		cfg->gid = make_kgid(net->user_ns, nla_get_u32(attr));
		if (!gid_valid(cfg->gid)) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "gid not mapped in the namespace's user namespace");
			return -EINVAL;
		}
	}
	attr = tb[FTALIAS_A_ALIAS_MODE];
	if (attr) {
		cfg->mode = nla_get_u32(attr);
		if (cfg->mode & ~FTALIAS_MODE_VALID) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "mode bits 0111 are reserved");
			return -EINVAL;
		}
	}
	attr = tb[FTALIAS_A_ALIAS_POLICY];
	if (attr)
		cfg->policy = nla_get_u32(attr);
	attr = tb[FTALIAS_A_ALIAS_GRACE_MS];
	if (attr)
		cfg->grace_ms = nla_get_u32(attr);
	attr = tb[FTALIAS_A_ALIAS_CACHE_MAX_ENTRIES];
	if (attr) {
		cfg->cache_max_entries = nla_get_u32(attr);
		if (cfg->cache_max_entries > ftalias_cache_entries_limit) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "above the cache_max_entries module parameter");
			return -ERANGE;
		}
	}
	attr = tb[FTALIAS_A_ALIAS_CACHE_MAX_BYTES];
	if (attr) {
		cfg->cache_max_bytes = nla_get_u64(attr);
		if (cfg->cache_max_bytes > ftalias_cache_bytes_limit) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "above the cache_max_bytes module parameter");
			return -ERANGE;
		}
	}
	attr = tb[FTALIAS_A_ALIAS_CACHE_TTL_MS];
	if (attr)
		cfg->cache_ttl_ms = nla_get_u32(attr);
	attr = tb[FTALIAS_A_ALIAS_RECORD_REPLIES];
	if (attr)
		cfg->record_replies = nla_get_u8(attr);
	attr = tb[FTALIAS_A_ALIAS_INPUT_LOG];
	if (attr)
		cfg->input_log = nla_get_u8(attr);
	return 0;
}

/* A name must be the whole attribute: no bytes hidden after a NUL. */
int ftalias_nl_check_name(const struct nlattr *attr,
			  struct netlink_ext_ack *extack)
{
	const char *name = nla_data(attr);

	if (strnlen(name, nla_len(attr)) + 1 != nla_len(attr) ||
	    !ftalias_alias_name_valid(name)) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "alias name must be 1 to 31 letters, digits, '.', '_', ':' or '-'");
		return -EINVAL;
	}
	return 0;
}

/*
 * Find the alias a request designates: by id, or by name when @by_name
 * allows it and no id is given.  With both, they must name the same alias.
 */
static struct ftalias_alias *__ftalias_nl_lookup(struct ftalias_net *fn,
						 struct genl_info *info,
						 bool by_name)
{
	struct nlattr *id = info->attrs[FTALIAS_A_ALIAS_ID];
	struct nlattr *name;
	struct ftalias_alias *alias;

	lockdep_assert_held(&fn->lock);

	name = by_name ? info->attrs[FTALIAS_A_ALIAS_NAME] : NULL;
	if (!id && !name) {
		NL_SET_ERR_MSG(info->extack, "alias id or name required");
		return ERR_PTR(-EINVAL);
	}
	if (name && ftalias_nl_check_name(info->attrs[FTALIAS_A_ALIAS_NAME], info->extack))
		return ERR_PTR(-EINVAL);
	if (id) {
		alias = __ftalias_alias_by_id(fn, nla_get_u32(id));
		if (!alias) {
			NL_SET_ERR_MSG_ATTR(info->extack, id,
					    "no alias with this id");
			return ERR_PTR(-ENOENT);
		}
		if (name && nla_strcmp(name, alias->name)) {
			NL_SET_ERR_MSG_ATTR(info->extack, name,
					    "alias id and name do not match");
			return ERR_PTR(-ENOENT);
		}
		return alias;
	}
	alias = __ftalias_alias_by_name(fn, nla_data(name));
	if (!alias) {
		NL_SET_ERR_MSG_ATTR(info->extack, name,
				    "no alias with this name");
		return ERR_PTR(-ENOENT);
	}
	return alias;
}

int ftalias_nl_family_info_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct ftalias_net *fn = ftalias_net(net);
	struct sk_buff *msg;
	u32 count;
	void *hdr;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put(msg, info->snd_portid, info->snd_seq,
			  &ftalias_nl_family, 0, FTALIAS_CMD_FAMILY_INFO_GET);
	if (!hdr)
		goto nla_put_failure;

	mutex_lock(&fn->lock);
	count = fn->count;
	mutex_unlock(&fn->lock);

	if (nla_put_u32(msg, FTALIAS_A_FAMILY_INFO_VERSION,
			FTALIAS_FAMILY_VERSION) ||
	    nla_put_u32(msg, FTALIAS_A_FAMILY_INFO_AF_FAMILY, ftalias_af) ||
	    nla_put_u32(msg, FTALIAS_A_FAMILY_INFO_ALIASES, count) ||
	    nla_put_u32(msg, FTALIAS_A_FAMILY_INFO_MAX_ALIASES,
			ftalias_max_aliases) ||
	    nla_put_u32(msg, FTALIAS_A_FAMILY_INFO_CACHE_MAX_ENTRIES_LIMIT,
			ftalias_cache_entries_limit) ||
	    nla_put_u64_64bit(msg, FTALIAS_A_FAMILY_INFO_CACHE_MAX_BYTES_LIMIT,
			      ftalias_cache_bytes_limit,
			      FTALIAS_A_FAMILY_INFO_PAD) ||
	    nla_put_u64_64bit(msg,
			      FTALIAS_A_FAMILY_INFO_CACHE_TOTAL_BYTES_LIMIT,
			      READ_ONCE(ftalias_cache_total_limit),
			      FTALIAS_A_FAMILY_INFO_PAD) ||
	    nla_put_u64_64bit(msg, FTALIAS_A_FAMILY_INFO_CACHE_TOTAL_BYTES,
			      ftalias_rc_total_bytes(),
			      FTALIAS_A_FAMILY_INFO_PAD))
		goto nla_put_failure;

	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

nla_put_failure:
	nlmsg_free(msg);
	return -EMSGSIZE;
}

int ftalias_nl_alias_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct ftalias_net *fn = ftalias_net(net);
	struct ftalias_alias *alias;
	struct sk_buff *msg;
	int err;

	msg = genlmsg_new(ftalias_nl_alias_size(), GFP_KERNEL);
	if (!msg)
		return -ENOMEM;

	mutex_lock(&fn->lock);
	alias = __ftalias_nl_lookup(fn, info, true);
	if (IS_ERR(alias))
		err = PTR_ERR(alias);
	else
		err = ftalias_nl_fill_alias(msg, net, alias, info->snd_portid,
					    info->snd_seq, 0,
					    FTALIAS_CMD_ALIAS_GET, NULL);
	mutex_unlock(&fn->lock);

	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

/*
 * The dump takes no attributes.  Linux 6.2+ refuses them before this runs;
 * older kernels share the do policy between do and dump (compat.c), so
 * refuse them here to behave the same everywhere.
 */
int ftalias_nl_alias_get_dump_start(struct netlink_callback *cb)
{
	if (nlmsg_attrlen(cb->nlh, GENL_HDRLEN)) {
		NL_SET_ERR_MSG(cb->extack,
			       "the alias dump takes no attributes");
		return -EINVAL;
	}
	return 0;
}

int ftalias_nl_alias_get_dumpit(struct sk_buff *skb,
				struct netlink_callback *cb)
{
	struct ftalias_nl_dump_ctx *ctx = (void *)cb->ctx;
	struct net *net = sock_net(skb->sk);
	struct ftalias_net *fn = ftalias_net(net);
	struct ftalias_alias *alias;
	unsigned long id;
	int err = 0;

	BUILD_BUG_ON(sizeof(*ctx) > sizeof(cb->ctx));

	if (ctx->done)
		return 0;

	mutex_lock(&fn->lock);
	cb->seq = fn->genid;
	xa_for_each_start(&fn->aliases, id, alias, ctx->next_id) {
		err = ftalias_nl_fill_alias(skb, net, alias,
					    NETLINK_CB(cb->skb).portid,
					    cb->nlh->nlmsg_seq, NLM_F_MULTI,
					    FTALIAS_CMD_ALIAS_GET, cb);
		if (err)
			break;
		/* id + 1 would wrap to 0 on 32-bit for the highest id */
		if (id == U32_MAX)
			ctx->done = true;
		else
			ctx->next_id = id + 1;
	}
	mutex_unlock(&fn->lock);

	/* A full skb: return what it holds, the dump goes on from next_id. */
	if (err == -EMSGSIZE && skb->len)
		err = 0;
	return err ?: skb->len;
}

int ftalias_nl_alias_new_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct ftalias_net *fn = ftalias_net(net);
	struct nlattr *id = info->attrs[FTALIAS_A_ALIAS_ID];
	struct nlattr *scope = info->attrs[FTALIAS_A_ALIAS_SCOPE];
	struct ftalias_alias_cfg cfg;
	struct sk_buff *msg;
	struct ftalias_alias *alias;
	u32 new_id;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, FTALIAS_A_ALIAS_NAME))
		return -EINVAL;
	err = ftalias_nl_check_name(info->attrs[FTALIAS_A_ALIAS_NAME], info->extack);
	if (err)
		return err;
	ftalias_alias_cfg_default(&cfg);
	err = ftalias_nl_parse_cfg(net, info->attrs, info->extack, &cfg);
	if (err)
		return err;
	/* Only alias-new's policy has it (and a saved alias's: restore.c). */
	if (scope)
		cfg.scope = nla_get_u8(scope);
	new_id = id ? nla_get_u32(id) : 0;
	if (!new_id && cfg.scope == FTALIAS_ALIAS_SCOPE_CLUSTER)
		new_id = ftalias_alias_cluster_id(nla_data(info->attrs[FTALIAS_A_ALIAS_NAME]));

	alias = ftalias_alias_alloc(net,
				    nla_data(info->attrs[FTALIAS_A_ALIAS_NAME]),
				    &cfg);
	if (!alias)
		return -ENOMEM;
	msg = genlmsg_new(ftalias_nl_alias_size(), GFP_KERNEL);
	if (!msg) {
		ftalias_alias_put(alias);
		return -ENOMEM;
	}

	mutex_lock(&fn->lock);
	err = __ftalias_alias_link(fn, alias, new_id, info->extack);
	if (err) {
		mutex_unlock(&fn->lock);
		ftalias_alias_put(alias);
		nlmsg_free(msg);
		return err;
	}
	/* The reply is sized for an alias: filling it cannot fail. */
	err = ftalias_nl_fill_alias(msg, net, alias, info->snd_portid,
				    info->snd_seq, 0, FTALIAS_CMD_ALIAS_NEW,
				    NULL);
	if (WARN_ON_ONCE(err)) {
		__ftalias_alias_unlink(fn, alias);
		mutex_unlock(&fn->lock);
		nlmsg_free(msg);
		return err;
	}
	__ftalias_nl_notify(net, alias, FTALIAS_CMD_ALIAS_ADD_NTF);
	mutex_unlock(&fn->lock);

	return genlmsg_reply(msg, info);
}

int ftalias_nl_alias_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct ftalias_net *fn = ftalias_net(net);
	struct ftalias_alias *alias;

	mutex_lock(&fn->lock);
	alias = __ftalias_nl_lookup(fn, info, true);
	if (IS_ERR(alias)) {
		mutex_unlock(&fn->lock);
		return PTR_ERR(alias);
	}
	/* The end of this socket's move, not of a move that ended. */
	if (nla_get_flag(info->attrs[FTALIAS_A_ALIAS_MOVED]) &&
	    !ftalias_alias_move_claim(alias, info->snd_portid)) {
		mutex_unlock(&fn->lock);
		NL_SET_ERR_MSG(info->extack,
			       "not being moved by this socket (the move ended): not deleted");
		return -ESTALE;
	}
	__ftalias_nl_notify(net, alias, FTALIAS_CMD_ALIAS_DEL_NTF);
	__ftalias_alias_unlink(fn, alias);
	mutex_unlock(&fn->lock);
	return 0;
}

int ftalias_nl_alias_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct ftalias_net *fn = ftalias_net(net);
	struct nlattr *id = info->attrs[FTALIAS_A_ALIAS_ID];
	struct nlattr *name = info->attrs[FTALIAS_A_ALIAS_NAME];
	struct ftalias_alias *alias, *other;
	struct ftalias_alias_cfg cfg;
	bool rename = false;
	int err;

	/* With an id, a name renames the alias; alone, it designates it. */
	if (id && name) {
		err = ftalias_nl_check_name(info->attrs[FTALIAS_A_ALIAS_NAME], info->extack);
		if (err)
			return err;
	}

	mutex_lock(&fn->lock);
	alias = __ftalias_nl_lookup(fn, info, !id);
	if (IS_ERR(alias)) {
		err = PTR_ERR(alias);
		goto out_unlock;
	}
	if (id && name && nla_strcmp(name, alias->name)) {
		if (alias->cfg.scope == FTALIAS_ALIAS_SCOPE_CLUSTER) {
			NL_SET_ERR_MSG_ATTR(info->extack, name,
					    "a cluster alias keeps its name (other nodes know it by it)");
			err = -EINVAL;
			goto out_unlock;
		}
		other = __ftalias_alias_by_name(fn, nla_data(name));
		if (other) {
			NL_SET_ERR_MSG_ATTR(info->extack, name,
					    "alias name already in use");
			err = -EEXIST;
			goto out_unlock;
		}
		rename = true;
	}
	cfg = alias->cfg;
	err = ftalias_nl_parse_cfg(net, info->attrs, info->extack, &cfg);
	if (err)
		goto out_unlock;

	if (!rename && !memcmp(&cfg, &alias->cfg, sizeof(cfg)))
		goto out_unlock;
	if (rename)
		/* bumps genid */
		__ftalias_alias_rename(fn, alias, nla_data(name));
	else
		fn->genid++;
	__ftalias_alias_set_cfg(fn, net, alias, &cfg);
	__ftalias_nl_notify(net, alias, FTALIAS_CMD_ALIAS_CHANGE_NTF);

out_unlock:
	mutex_unlock(&fn->lock);
	return err;
}

/* The alias named by FTALIAS_A_MEMBER_ALIAS_ID, required. */
static struct ftalias_alias *
__ftalias_nl_member_alias(struct ftalias_net *fn, struct genl_info *info)
{
	struct nlattr *id = info->attrs[FTALIAS_A_MEMBER_ALIAS_ID];
	struct ftalias_alias *alias;

	lockdep_assert_held(&fn->lock);

	alias = __ftalias_alias_by_id(fn, nla_get_u32(id));
	if (!alias) {
		NL_SET_ERR_MSG_ATTR(info->extack, id, "no alias with this id");
		return ERR_PTR(-ENOENT);
	}
	return alias;
}

/* The member of @alias on @port, copied under the alias's lock. */
static int ftalias_nl_member_lookup(struct ftalias_alias *alias, u32 port,
				    struct ftalias_member_info *mi)
{
	struct ftalias_sock *m;

	spin_lock(&alias->lock);
	m = __ftalias_member_by_port(alias, port);
	if (m)
		ftalias_member_info(alias, m, mi);
	spin_unlock(&alias->lock);
	return m ? 0 : -ENOENT;
}

int ftalias_nl_member_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *port = info->attrs[FTALIAS_A_MEMBER_PORT];
	struct net *net = genl_info_net(info);
	struct ftalias_net *fn = ftalias_net(net);
	struct ftalias_member_info mi;
	struct ftalias_alias *alias;
	struct sk_buff *msg;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, FTALIAS_A_MEMBER_ALIAS_ID) ||
	    GENL_REQ_ATTR_CHECK(info, FTALIAS_A_MEMBER_PORT))
		return -EINVAL;

	mutex_lock(&fn->lock);
	alias = __ftalias_nl_member_alias(fn, info);
	if (IS_ERR(alias)) {
		err = PTR_ERR(alias);
	} else {
		err = ftalias_nl_member_lookup(alias, nla_get_u32(port), &mi);
		if (err)
			NL_SET_ERR_MSG_ATTR(info->extack, port,
					    "no member with this port in the alias");
	}
	mutex_unlock(&fn->lock);
	if (err)
		return err;

	msg = genlmsg_new(ftalias_nl_member_size(), GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	err = ftalias_nl_fill_member(msg, &mi, info->snd_portid, info->snd_seq,
				     0, FTALIAS_CMD_MEMBER_GET, NULL);
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

/*
 * The dump takes one optional attribute, the alias id.  Linux 6.2+ checks
 * it against the dump policy; older kernels share the do policy (compat.c),
 * so refuse the port here too.
 */
int ftalias_nl_member_get_dump_start(struct netlink_callback *cb)
{
	struct ftalias_nl_member_dump_ctx *ctx = (void *)cb->ctx;
	unsigned int i, maxattr = genl_dumpit_info(cb)->op.maxattr;
	struct nlattr **tb = ftalias_dumpit_attrs(cb);

	BUILD_BUG_ON(sizeof(*ctx) > sizeof(cb->ctx));

	if (!tb)
		return 0;
	for (i = 0; i <= maxattr; i++) {
		if (tb[i] && i != FTALIAS_A_MEMBER_ALIAS_ID) {
			NL_SET_ERR_MSG_ATTR(cb->extack, tb[i],
					    "the member dump takes only the alias id");
			return -EINVAL;
		}
	}
	if (tb[FTALIAS_A_MEMBER_ALIAS_ID]) {
		struct ftalias_net *fn = ftalias_net(sock_net(cb->skb->sk));
		bool found;

		ctx->filter = nla_get_u32(tb[FTALIAS_A_MEMBER_ALIAS_ID]);
		ctx->next_id = ctx->filter;
		mutex_lock(&fn->lock);
		found = __ftalias_alias_by_id(fn, ctx->filter);
		mutex_unlock(&fn->lock);
		if (!found) {
			NL_SET_ERR_MSG_ATTR(cb->extack,
					    tb[FTALIAS_A_MEMBER_ALIAS_ID],
					    "no alias with this id");
			return -ENOENT;
		}
	}
	return 0;
}

/* The members other nodes announced for their cluster aliases. */
static int ftalias_nl_member_dump_remote(struct sk_buff *skb,
					 struct netlink_callback *cb)
{
	struct ftalias_nl_member_dump_ctx *ctx = (void *)cb->ctx;
	struct ftalias_cluster_pos next[4];
	struct ftalias_member_info mi[4];
	int i, nr, err = 0;

	do {
		nr = ftalias_cluster_members(sock_net(skb->sk), ctx->filter,
					     &ctx->rpos, mi, next,
					     ARRAY_SIZE(mi));
		for (i = 0; i < nr && !err; i++) {
			err = ftalias_nl_fill_member(skb, &mi[i],
						     NETLINK_CB(cb->skb).portid,
						     cb->nlh->nlmsg_seq,
						     NLM_F_MULTI,
						     FTALIAS_CMD_MEMBER_GET,
						     cb);
			if (!err)
				ctx->rpos = next[i];
		}
	} while (nr == ARRAY_SIZE(mi) && !err);
	if (!err)
		ctx->done = true;
	if (err == -EMSGSIZE && skb->len)
		err = 0;
	return err ?: skb->len;
}

int ftalias_nl_member_get_dumpit(struct sk_buff *skb,
				 struct netlink_callback *cb)
{
	struct ftalias_nl_member_dump_ctx *ctx = (void *)cb->ctx;
	struct net *net = sock_net(skb->sk);
	struct ftalias_net *fn = ftalias_net(net);
	struct ftalias_member_info mi;
	struct ftalias_alias *alias;
	struct ftalias_sock *m;
	unsigned long id;
	int err = 0;

	if (ctx->done)
		return 0;
	if (ctx->remote)
		return ftalias_nl_member_dump_remote(skb, cb);

	mutex_lock(&fn->lock);
	cb->seq = fn->genid;
	/* An alias deleted during the dump ends it (NLM_F_DUMP_INTR). */
	xa_for_each_start(&fn->aliases, id, alias, ctx->next_id) {
		if (ctx->filter && id != ctx->filter)
			break;
		if (id != ctx->next_id)
			ctx->next_seq = 0;
		ctx->next_id = id;
		spin_lock(&alias->lock);
		list_for_each_entry(m, &alias->members, member_node) {
			if (m->join_seq < ctx->next_seq)
				continue;
			ftalias_member_info(alias, m, &mi);
			err = ftalias_nl_fill_member(skb, &mi,
						     NETLINK_CB(cb->skb).portid,
						     cb->nlh->nlmsg_seq,
						     NLM_F_MULTI,
						     FTALIAS_CMD_MEMBER_GET,
						     cb);
			if (err)
				break;
			ctx->next_seq = m->join_seq + 1;
		}
		spin_unlock(&alias->lock);
		if (err)
			break;
		if (id == U32_MAX)
			break;
		ctx->next_id = id + 1;
		ctx->next_seq = 0;
	}
	mutex_unlock(&fn->lock);

	/* Full: this node's go on in the next part. */
	if (err)
		return err == -EMSGSIZE && skb->len ? skb->len : err;
	/* This node's are all in: then the other nodes'. */
	ctx->remote = true;
	return ftalias_nl_member_dump_remote(skb, cb);
}

int ftalias_nl_member_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct ftalias_net *fn = ftalias_net(net);
	struct nlattr **tb = info->attrs;
	u32 prio, state, *pprio = NULL, *pstate = NULL;
	struct ftalias_alias *alias;
	u32 port;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, FTALIAS_A_MEMBER_ALIAS_ID) ||
	    GENL_REQ_ATTR_CHECK(info, FTALIAS_A_MEMBER_PORT))
		return -EINVAL;
	if (!tb[FTALIAS_A_MEMBER_PRIORITY] && !tb[FTALIAS_A_MEMBER_STATE]) {
		NL_SET_ERR_MSG(info->extack,
			       "nothing to change: priority or state required");
		return -EINVAL;
	}
	port = nla_get_u32(tb[FTALIAS_A_MEMBER_PORT]);
	if (tb[FTALIAS_A_MEMBER_PRIORITY]) {
		prio = nla_get_u32(tb[FTALIAS_A_MEMBER_PRIORITY]);
		pprio = &prio;
	}
	if (tb[FTALIAS_A_MEMBER_STATE]) {
		state = nla_get_u32(tb[FTALIAS_A_MEMBER_STATE]);
		pstate = &state;
	}

	mutex_lock(&fn->lock);
	alias = __ftalias_nl_member_alias(fn, info);
	if (IS_ERR(alias))
		err = PTR_ERR(alias);
	else
		err = __ftalias_member_set(fn, net, alias, port, pprio, pstate,
					   info->extack);
	mutex_unlock(&fn->lock);
	return err;
}

/* ---- replay cache and relay journal ------------------------------------ */

static size_t ftalias_nl_id_size(void)
{
	return nla_total_size(0) +			/* the nest */
	       nla_total_size(sizeof(u32)) * 4 +	/* NODE..INCARNATION */
	       nla_total_size_64bit(sizeof(u64));	/* XID */
}

/* A message of @payload bytes of attributes, headers included. */
static size_t ftalias_nl_msg_size(size_t payload)
{
	/* genlmsg_total_size() leaves the netlink header out. */
	return nlmsg_total_size(genlmsg_msg_size(payload));
}

/* The largest cache-get message: dumps give only what fits. */
static size_t ftalias_nl_cache_entry_size(void)
{
	return ftalias_nl_msg_size(nla_total_size(sizeof(u32)) * 6 +
				   ftalias_nl_id_size());
}

static size_t ftalias_nl_journal_rec_size(void)
{
	return ftalias_nl_msg_size(nla_total_size(sizeof(u32)) * 3 +
				   nla_total_size(sizeof(u8)) +
				   ftalias_nl_id_size() * 2);
}

static int ftalias_nl_put_id(struct sk_buff *skb, int type,
			     const struct ftalias_id *id)
{
	struct nlattr *nest;

	nest = nla_nest_start(skb, type);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(skb, FTALIAS_A_ID_NODE, id->node) ||
	    nla_put_u32(skb, FTALIAS_A_ID_ALIAS, id->alias) ||
	    nla_put_u32(skb, FTALIAS_A_ID_PORT, id->port) ||
	    nla_put_u32(skb, FTALIAS_A_ID_INCARNATION, id->incarnation) ||
	    nla_put_u64_64bit(skb, FTALIAS_A_ID_XID, id->xid,
			      FTALIAS_A_ID_PAD)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int ftalias_nl_fill_cache_entry(struct sk_buff *skb,
				       struct netlink_callback *cb,
				       u32 alias_id,
				       const struct ftalias_rc_info *ri)
{
	void *hdr;

	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  &ftalias_nl_family, NLM_F_MULTI,
			  FTALIAS_CMD_CACHE_GET);
	if (!hdr)
		return -EMSGSIZE;
	genl_dump_check_consistent(cb, hdr);
	if (nla_put_u32(skb, FTALIAS_A_CACHE_ENTRY_ALIAS_ID, alias_id) ||
	    ftalias_nl_put_id(skb, FTALIAS_A_CACHE_ENTRY_ID, &ri->id) ||
	    nla_put_u32(skb, FTALIAS_A_CACHE_ENTRY_STATE, ri->state) ||
	    nla_put_u32(skb, FTALIAS_A_CACHE_ENTRY_AGE_MS, ri->age_ms) ||
	    nla_put_u32(skb, FTALIAS_A_CACHE_ENTRY_SIZE, ri->size) ||
	    (ri->state == FTALIAS_RC_IN_PROGRESS && ri->owner_port &&
	     nla_put_u32(skb, FTALIAS_A_CACHE_ENTRY_OWNER_PORT,
			 ri->owner_port)) ||
	    nla_put_u32(skb, FTALIAS_A_CACHE_ENTRY_JOURNAL, ri->journal)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

static int ftalias_nl_fill_journal_rec(struct sk_buff *skb,
				       struct netlink_callback *cb,
				       u32 alias_id,
				       const struct ftalias_jrec_info *ji)
{
	void *hdr;

	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  &ftalias_nl_family, NLM_F_MULTI,
			  FTALIAS_CMD_JOURNAL_GET);
	if (!hdr)
		return -EMSGSIZE;
	genl_dump_check_consistent(cb, hdr);
	if (nla_put_u32(skb, FTALIAS_A_JOURNAL_REC_ALIAS_ID, alias_id) ||
	    ftalias_nl_put_id(skb, FTALIAS_A_JOURNAL_REC_PARENT, &ji->parent) ||
	    ftalias_nl_put_id(skb, FTALIAS_A_JOURNAL_REC_ID, &ji->id) ||
	    nla_put_u32(skb, FTALIAS_A_JOURNAL_REC_DEST_ALIAS, ji->alias) ||
	    nla_put_u8(skb, FTALIAS_A_JOURNAL_REC_REPLIED,
		       !!(ji->flags & FTALIAS_J_REPLIED)) ||
	    nla_put_u32(skb, FTALIAS_A_JOURNAL_REC_SIZE, ji->size)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

/*
 * The checks of a replay-cache or relay-journal dump: CAP_NET_ADMIN (the
 * entries show who talks to whom), then the alias named by the required
 * attribute @attr, referenced until ftalias_nl_rc_dump_done().  Runs in
 * the sender's context.  Older kernels check the attributes against the
 * dump's policy too (compat.c).
 */
static int ftalias_nl_rc_dump_open(struct netlink_callback *cb,
				   unsigned int attr)
{
	struct ftalias_nl_rc_dump_ctx *ctx = (void *)cb->ctx;
	struct nlattr **tb = ftalias_dumpit_attrs(cb);
	struct net *net = sock_net(cb->skb->sk);
	struct ftalias_alias *alias;

	if (!netlink_ns_capable(cb->skb, net->user_ns, CAP_NET_ADMIN)) {
		NL_SET_ERR_MSG(cb->extack,
			       "CAP_NET_ADMIN required in the network namespace");
		return -EPERM;
	}
	if (!tb || !tb[attr]) {
		NL_SET_ERR_ATTR_MISS(cb->extack, NULL, attr);
		NL_SET_ERR_MSG(cb->extack, "alias id required");
		return -EINVAL;
	}
	alias = ftalias_alias_get(ftalias_net(net), nla_get_u32(tb[attr]));
	if (!alias) {
		NL_SET_ERR_MSG_ATTR(cb->extack, tb[attr],
				    "no alias with this id");
		return -ENOENT;
	}
	ctx->alias = alias;
	return 0;
}

/*
 * A failed start() is never followed by done().  Before Linux 6.2 start()
 * has no extack (cb->extack is NULL): the checks then wait for the first
 * dumpit() call, still made by the sender, whose error and message
 * NLMSG_DONE carries.
 */
static int ftalias_nl_rc_dump_start(struct netlink_callback *cb,
				    unsigned int attr)
{
	struct ftalias_nl_rc_dump_ctx *ctx = (void *)cb->ctx;
	int err;

	BUILD_BUG_ON(sizeof(*ctx) > sizeof(cb->ctx));

	memset(ctx, 0, sizeof(*ctx));
	ctx->st = kzalloc(sizeof(*ctx->st), GFP_KERNEL);
	if (!ctx->st)
		return -ENOMEM;
	if (!cb->extack) {
		ctx->attr = attr;
		return 0;
	}
	err = ftalias_nl_rc_dump_open(cb, attr);
	/* No done() after a failed start(). */
	if (err) {
		kfree(ctx->st);
		ctx->st = NULL;
	}
	return err;
}

/* The checks start() deferred, in the first dumpit() call. */
static int ftalias_nl_rc_dump_deferred(struct netlink_callback *cb)
{
	struct ftalias_nl_rc_dump_ctx *ctx = (void *)cb->ctx;
	int err;

	if (ctx->alias || !ctx->attr)
		return 0;
	err = ftalias_nl_rc_dump_open(cb, ctx->attr);
	ctx->attr = 0;
	if (err)
		ctx->done = true;
	return err;
}

int ftalias_nl_cache_get_dump_start(struct netlink_callback *cb)
{
	return ftalias_nl_rc_dump_start(cb, FTALIAS_A_CACHE_ENTRY_ALIAS_ID);
}

int ftalias_nl_journal_get_dump_start(struct netlink_callback *cb)
{
	return ftalias_nl_rc_dump_start(cb, FTALIAS_A_JOURNAL_REC_ALIAS_ID);
}

int ftalias_nl_rc_dump_done(struct netlink_callback *cb)
{
	struct ftalias_nl_rc_dump_ctx *ctx = (void *)cb->ctx;

	if (ctx->alias)
		ftalias_alias_put(ctx->alias);
	ctx->alias = NULL;
	kfree(ctx->st);
	ctx->st = NULL;
	return 0;
}

/*
 * How many messages of @size still fit in @skb, at most a batch.  The
 * cursor moves past every entry copied, so a batch is never larger than
 * what the skb takes.
 */
static int ftalias_nl_rc_batch(struct sk_buff *skb, size_t size)
{
	return min_t(size_t, FTALIAS_NL_RC_BATCH, skb_tailroom(skb) / size);
}

int ftalias_nl_cache_get_dumpit(struct sk_buff *skb,
				struct netlink_callback *cb)
{
	struct ftalias_nl_rc_dump_ctx *ctx = (void *)cb->ctx;
	size_t size = ftalias_nl_cache_entry_size();
	struct ftalias_rc_info *ri = ctx->st->ri;
	int i, n, max, err;

	if (ctx->done)
		return 0;
	err = ftalias_nl_rc_dump_deferred(cb);
	if (err)
		return err;
	while ((max = ftalias_nl_rc_batch(skb, size))) {
		n = ftalias_rc_dump(ctx->alias, &ctx->st->cur, ri, max,
				    &cb->seq);
		if (n <= 0) {
			ctx->done = true;
			err = n;
			break;
		}
		for (i = 0; i < n && !err; i++)
			err = ftalias_nl_fill_cache_entry(skb, cb,
							  ctx->alias->id,
							  &ri[i]);
		/* Sized to fit: an entry lost here is a sizing bug. */
		if (WARN_ON_ONCE(err))
			break;
	}
	if (err)
		return err;
	/* Not even one entry fits an empty skb: never end the dump silently. */
	if (!ctx->done && !skb->len)
		return -EMSGSIZE;
	return skb->len;
}

int ftalias_nl_journal_get_dumpit(struct sk_buff *skb,
				  struct netlink_callback *cb)
{
	struct ftalias_nl_rc_dump_ctx *ctx = (void *)cb->ctx;
	size_t size = ftalias_nl_journal_rec_size();
	struct ftalias_jrec_info *ji = ctx->st->ji;
	int i, n, max, err;

	if (ctx->done)
		return 0;
	err = ftalias_nl_rc_dump_deferred(cb);
	if (err)
		return err;
	while ((max = ftalias_nl_rc_batch(skb, size))) {
		n = ftalias_rc_journal_dump(ctx->alias, &ctx->st->cur, ji,
					    max, &cb->seq);
		if (n <= 0) {
			ctx->done = true;
			err = n;
			break;
		}
		for (i = 0; i < n && !err; i++)
			err = ftalias_nl_fill_journal_rec(skb, cb,
							  ctx->alias->id,
							  &ji[i]);
		if (WARN_ON_ONCE(err))
			break;
	}
	if (err)
		return err;
	if (!ctx->done && !skb->len)
		return -EMSGSIZE;
	return skb->len;
}

int ftalias_nl_cache_flush_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *in_progress =
		info->attrs[FTALIAS_A_CACHE_FLUSH_IN_PROGRESS];
	struct nlattr *id = info->attrs[FTALIAS_A_CACHE_FLUSH_ALIAS_ID];
	struct net *net = genl_info_net(info);
	struct ftalias_alias *alias;
	struct sk_buff *msg;
	u32 flushed = 0;
	void *hdr;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, FTALIAS_A_CACHE_FLUSH_ALIAS_ID)) {
		NL_SET_ERR_MSG(info->extack, "alias id required");
		return -EINVAL;
	}
	msg = genlmsg_new(nla_total_size(sizeof(u32)) * 2, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	alias = ftalias_alias_get(ftalias_net(net), nla_get_u32(id));
	if (!alias) {
		NL_SET_ERR_MSG_ATTR(info->extack, id, "no alias with this id");
		nlmsg_free(msg);
		return -ENOENT;
	}
	/* Without the table's lock: held requests may be delivered again. */
	err = ftalias_flush_cache(alias, nla_get_flag(in_progress), &flushed);
	ftalias_alias_put(alias);
	if (err) {
		if (err == -EBUSY)
			NL_SET_ERR_MSG_ATTR(info->extack, id, "alias being moved");
		nlmsg_free(msg);
		return err;
	}

	hdr = genlmsg_put(msg, info->snd_portid, info->snd_seq,
			  &ftalias_nl_family, 0, FTALIAS_CMD_CACHE_FLUSH);
	if (!hdr ||
	    nla_put_u32(msg, FTALIAS_A_CACHE_FLUSH_ALIAS_ID, nla_get_u32(id)) ||
	    nla_put_u32(msg, FTALIAS_A_CACHE_FLUSH_FLUSHED, flushed)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

/* Connections (conntab.c). */

int ftalias_nl_conn_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *id = info->attrs[FTALIAS_A_CONN_ID];
	struct net *net = genl_info_net(info);
	struct ftalias_conn_snap s;
	struct sk_buff *msg;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, FTALIAS_A_CONN_ID))
		return -EINVAL;
	err = ftalias_conn_get(net, nla_get_u32(id), &s);
	if (err) {
		NL_SET_ERR_MSG_ATTR(info->extack, id,
				    "no connection with this id");
		return err;
	}
	msg = genlmsg_new(ftalias_nl_conn_size(), GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	err = ftalias_nl_fill_conn(msg, &s, info->snd_portid, info->snd_seq,
				   0, FTALIAS_CMD_CONN_GET, NULL);
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

struct ftalias_nl_conn_dump_ctx {
	u32 next_id;
	u32 alias;
	bool done;
	bool checked;
};

/* CAP_NET_ADMIN; before Linux 6.2 (no extack in start()) in dumpit(). */
static int ftalias_nl_conn_dump_check(struct netlink_callback *cb)
{
	struct net *net = sock_net(cb->skb->sk);

	if (!netlink_ns_capable(cb->skb, net->user_ns, CAP_NET_ADMIN)) {
		NL_SET_ERR_MSG(cb->extack,
			       "CAP_NET_ADMIN required in the network namespace");
		return -EPERM;
	}
	return 0;
}

int ftalias_nl_conn_get_dump_start(struct netlink_callback *cb)
{
	struct ftalias_nl_conn_dump_ctx *ctx = (void *)cb->ctx;
	struct nlattr **tb = ftalias_dumpit_attrs(cb);
	unsigned int maxattr;
	int err;

	BUILD_BUG_ON(sizeof(*ctx) > sizeof(cb->ctx));

	memset(ctx, 0, sizeof(*ctx));
	/* Parsed with the do policy before 6.2: bound by its maxattr. */
	maxattr = genl_dumpit_info(cb)->op.maxattr;
	if (tb && maxattr >= FTALIAS_A_CONN_LOCAL_ALIAS &&
	    tb[FTALIAS_A_CONN_LOCAL_ALIAS])
		ctx->alias = nla_get_u32(tb[FTALIAS_A_CONN_LOCAL_ALIAS]);
	if (!cb->extack)
		return 0;
	err = ftalias_nl_conn_dump_check(cb);
	ctx->checked = !err;
	return err;
}

struct ftalias_nl_conn_fill_arg {
	struct sk_buff *skb;
	struct netlink_callback *cb;
};

static int ftalias_nl_conn_fill_one(void *arg,
				    const struct ftalias_conn_snap *s)
{
	struct ftalias_nl_conn_fill_arg *a = arg;

	return ftalias_nl_fill_conn(a->skb, s,
				    NETLINK_CB(a->cb->skb).portid,
				    a->cb->nlh->nlmsg_seq, NLM_F_MULTI,
				    FTALIAS_CMD_CONN_GET, a->cb);
}

int ftalias_nl_conn_get_dumpit(struct sk_buff *skb,
			       struct netlink_callback *cb)
{
	struct ftalias_nl_conn_dump_ctx *ctx = (void *)cb->ctx;
	struct ftalias_nl_conn_fill_arg arg = { .skb = skb, .cb = cb };
	int err;

	if (ctx->done)
		return 0;
	if (!ctx->checked) {
		err = ftalias_nl_conn_dump_check(cb);
		if (err) {
			ctx->done = true;
			return err;
		}
		ctx->checked = true;
	}
	/* cb->seq is set under the table's lock, before the first fill. */
	err = ftalias_conn_dump(sock_net(skb->sk), ctx->alias, &ctx->next_id,
				ftalias_nl_conn_fill_one, &arg, &cb->seq);
	if (err == 1) {
		ctx->done = true;
		return skb->len;
	}
	/* A full message: the next one goes on; an empty one cannot. */
	if (err == -EMSGSIZE && skb->len)
		return skb->len;
	return err;
}

int ftalias_nl_conn_drop_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *id = info->attrs[FTALIAS_A_CONN_ID];
	struct ftalias_conn_snap s;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, FTALIAS_A_CONN_ID))
		return -EINVAL;
	err = ftalias_conn_drop(genl_info_net(info), nla_get_u32(id), &s);
	if (err) {
		NL_SET_ERR_MSG_ATTR(info->extack, id,
				    "no connection with this id");
		return err;
	}
	ftalias_nl_conn_notify(genl_info_net(info), &s, NULL,
			       FTALIAS_CONN_DROP_REASON_ADMIN);
	return 0;
}

/* The cluster-stats nest's counters, in struct ftalias_cluster_stats. */
static const struct ftalias_nl_counter ftalias_nl_cluster_counters[] = {
#define FTALIAS_NL_CL_COUNTER(attr, field)				\
	{ FTALIAS_A_CLUSTER_STATS_##attr,				\
	  offsetof(struct ftalias_cluster_stats, field) }
	FTALIAS_NL_CL_COUNTER(TX, tx),
	FTALIAS_NL_CL_COUNTER(TX_ERRORS, tx_errors),
	FTALIAS_NL_CL_COUNTER(RX, rx),
	FTALIAS_NL_CL_COUNTER(RX_BAD, rx_bad),
	FTALIAS_NL_CL_COUNTER(RX_REFUSED, rx_refused),
	FTALIAS_NL_CL_COUNTER(RESTARTS, restarts),
	FTALIAS_NL_CL_COUNTER(TOPOLOGY_EVENTS, topology_events),
	FTALIAS_NL_CL_COUNTER(REQ_TX, req_tx),
	FTALIAS_NL_CL_COUNTER(REQ_RX, req_rx),
	FTALIAS_NL_CL_COUNTER(REPLY_TX, reply_tx),
	FTALIAS_NL_CL_COUNTER(REPLY_RX, reply_rx),
	FTALIAS_NL_CL_COUNTER(NACK_TX, nack_tx),
	FTALIAS_NL_CL_COUNTER(NACK_RX, nack_rx),
	FTALIAS_NL_CL_COUNTER(RX_STALE, rx_stale),
#undef FTALIAS_NL_CL_COUNTER
};

static int ftalias_nl_cluster_reply(struct genl_info *info, u8 cmd)
{
	struct ftalias_cluster_info ci;
	struct sk_buff *msg;
	struct nlattr *nest;
	bool on;
	void *hdr;

	/* Every counter of struct ftalias_cluster_stats: an attribute. */
	BUILD_BUG_ON(sizeof(ci.stats) !=
		     sizeof(u64) * ARRAY_SIZE(ftalias_nl_cluster_counters));

	on = ftalias_cluster_get(genl_info_net(info), &ci);
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put(msg, info->snd_portid, info->snd_seq,
			  &ftalias_nl_family, 0, cmd);
	if (!hdr)
		goto nla_put_failure;
	if (nla_put_u8(msg, FTALIAS_A_CLUSTER_ENABLED, on))
		goto nla_put_failure;
	if (on) {
		if (nla_put_u32(msg, FTALIAS_A_CLUSTER_NODE, ci.node) ||
		    nla_put_u64_64bit(msg, FTALIAS_A_CLUSTER_BOOT_ID,
				      ci.boot_id, FTALIAS_A_CLUSTER_PAD) ||
		    nla_put_u32(msg, FTALIAS_A_CLUSTER_NODES, ci.nodes) ||
		    nla_put_u32(msg, FTALIAS_A_CLUSTER_NODES_UP, ci.nodes_up))
			goto nla_put_failure;
		nest = nla_nest_start(msg, FTALIAS_A_CLUSTER_STATS);
		if (!nest)
			goto nla_put_failure;
		if (ftalias_nl_put_counters(msg, ftalias_nl_cluster_counters,
					    ARRAY_SIZE(ftalias_nl_cluster_counters),
					    &ci.stats, FTALIAS_A_CLUSTER_STATS_PAD))
			goto nla_put_failure;
		nla_nest_end(msg, nest);
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

nla_put_failure:
	nlmsg_free(msg);
	return -EMSGSIZE;
}

int ftalias_nl_cluster_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	return ftalias_nl_cluster_reply(info, FTALIAS_CMD_CLUSTER_GET);
}

int ftalias_nl_cluster_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	int err;

	if (GENL_REQ_ATTR_CHECK(info, FTALIAS_A_CLUSTER_ENABLED))
		return -EINVAL;
	err = ftalias_cluster_set(genl_info_net(info),
				  nla_get_u8(info->attrs[FTALIAS_A_CLUSTER_ENABLED]),
				  info->extack);
	if (err)
		return err;
	return ftalias_nl_cluster_reply(info, FTALIAS_CMD_CLUSTER_SET);
}

/* Where a node dump goes on (ftalias_cluster_nodes()). */
struct ftalias_nl_node_dump_ctx {
	u64 pos;
};

enum {
	/* Nodes copied under the cluster's locks at a time. */
	FTALIAS_NL_NODE_BATCH	= 8,
};

int ftalias_nl_node_get_dumpit(struct sk_buff *skb,
			       struct netlink_callback *cb)
{
	struct ftalias_nl_node_dump_ctx *ctx = (void *)cb->ctx;
	struct ftalias_node_info ni[FTALIAS_NL_NODE_BATCH];
	struct net *net = sock_net(skb->sk);
	u64 pos;
	int nr, i;

	BUILD_BUG_ON(sizeof(*ctx) > sizeof(cb->ctx));

	for (;;) {
		pos = ctx->pos;
		nr = ftalias_cluster_nodes(net, &pos, ni, ARRAY_SIZE(ni));
		if (nr < 0) {
			if (skb->len)
				break;
			NL_SET_ERR_MSG(cb->extack, "cluster mode is off");
			return nr;
		}
		if (!nr)
			break;
		for (i = 0; i < nr; i++) {
			if (ftalias_nl_fill_node(skb, &ni[i],
						 NETLINK_CB(cb->skb).portid,
						 cb->nlh->nlmsg_seq,
						 NLM_F_MULTI,
						 FTALIAS_CMD_NODE_GET))
				return skb->len ?: -EMSGSIZE;
			/* The next one's position, as the batch gave it. */
			ctx->pos = ni[i].self ? 1 : (u64)ni[i].addr + 2;
		}
	}
	return skb->len;
}

/**
 * ftalias_nl_init() - register the generic netlink family
 *
 * Before Linux 6.2, through ftalias_compat_register_family() (compat.c),
 * which folds the generated split ops into the API of those kernels.
 *
 * Return: 0 or the error of genl_register_family().
 */
int __init ftalias_nl_init(void)
{
	return ftalias_compat_register_family(&ftalias_nl_family);
}

void ftalias_nl_exit(void)
{
	genl_unregister_family(&ftalias_nl_family);
}
