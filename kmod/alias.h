/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _FTALIAS_ALIAS_H
#define _FTALIAS_ALIAS_H

#include <linux/build_bug.h>
#include <linux/ktime.h>
#include <linux/refcount.h>
#include <linux/seqlock.h>
#include <linux/skbuff.h>
#include <linux/workqueue.h>
#include <linux/uidgid.h>
#include <uapi/linux/ftalias_genl.h>

#include "ftalias.h"
#include "log.h"
#include "member.h"
#include "output.h"
#include "replay.h"

/*
 * Ids allocated to aliases created without one stay at or below this; the
 * ids of cluster aliases created without one are above it (alias.c).
 */
#define FTALIAS_ALIAS_LOCAL_ID_MAX	0x7fffffffU

/* Access mode bits, in each of the owner, group and other triplets. */
#define FTALIAS_MODE_SEND	04
#define FTALIAS_MODE_JOIN	02
#define FTALIAS_MODE_VALID	0666

/*
 * Configuration of an alias; see ftalias.yaml for the meaning of each field.
 * Laid out without padding: alias-set compares two of them with memcmp().
 */
struct ftalias_alias_cfg {
	kuid_t uid;
	kgid_t gid;
	u32 grace_ms;
	u32 cache_max_entries;
	u32 cache_ttl_ms;
	u16 mode;
	u8 policy;		/* enum ftalias_promotion_policy */
	u8 record_replies;	/* every reply is recorded as an auto-reply */
	u64 cache_max_bytes;
	u8 input_log;		/* requests read are logged: log.c */
	u8 scope;		/* enum ftalias_alias_scope, set at alias-new */
	u8 reserved[6];		/* zero */
};

static_assert(sizeof(struct ftalias_alias_cfg) == 40, "padding in the cfg");

/*
 * An alias.  The table fields (@name_node, @id, @name) are described in
 * ftalias.h.  @cfg is written under the table's lock and @lock, inside
 * @cfg_seq (__ftalias_alias_cfg_store()); the data path reads it under
 * @lock, but for the access mode (uid, gid, mode), which
 * ftalias_alias_may() reads without locks under @cfg_seq.
 *
 * The data-path state is protected by @lock, a spinlock taken in process
 * context only (sendmsg, recvmsg's reply, release, netlink, @work):
 *  - @members (join order), @nr_members, @nr_seq_members, @active, @idle_since,
 *    @incarnation, @join_seq and the member fields of each struct
 *    ftalias_sock;
 *  - @pending: every request sent to the alias and not answered yet, in
 *    send order (struct ftalias_req), @nr_pending, @nr_held;
 *  - @held_replies: replies to the requests of members while the alias
 *    has no active member;
 *  - @stats, @dead (set when the alias leaves the table: no request is
 *    accepted or held any more);
 *  - @frozen (read with READ_ONCE() by its waiters): alias-save copies
 *    the alias (ftalias_alias_freeze()).  Requests sent to it are held,
 *    its members' records and replies wait (ftalias_alias_lock_thawed()),
 *    its work and the shrinker leave it alone, so that the copy is one
 *    moment of it; @mover and @move_deadline: it stays frozen after the
 *    copy, for a move (ftalias_alias_move()).
 * @active is written with WRITE_ONCE() (under @lock), for the one reader
 * without it: a sender waiting for room (ftalias_active_full(),
 * READ_ONCE()).
 * Lock order: see ftalias.h.
 * @work fails the requests held longer than the grace period; it is
 * cancelled when the alias leaves the table.
 * @reqs holds the requests the members of this alias sent to others
 * (they outlive the member that sent them); @dsts the ids of the aliases
 * they were sent to, whose replay caches may hold entries of this alias
 * (added under its xarray lock while the alias is not @dead, so that the
 * alias's deletion sees every one).  @rc is the replay cache
 * (replay.c), under @lock too; it exists while the alias is in its table.
 * @cookie, random and never 0, tells this alias from an earlier one with
 * the same id: the entries of its requests in other caches are its own
 * only when they were recorded for this cookie (save and restore carry
 * it).  Set before the alias is linked, constant after.  @stray_node
 * links it, under the table's lock, in ftalias_net.strays while its cache
 * holds restored entries of requesters that are not in the table
 * (request.c).  @log, the alias log (its checkpoints, log.c), is under
 * @lock too.
 */
struct ftalias_alias {
	struct hlist_node name_node;	/* in ftalias_net.names */
	u32 id;
	char name[FTALIAS_NAME_MAX_LEN + 1];
	struct ftalias_alias_cfg cfg;
	refcount_t ref;
	struct rcu_head rcu;

	spinlock_t lock;		/* the data-path state below */
	seqcount_spinlock_t cfg_seq;	/* @cfg's writes, under @lock */
	bool dead;
	bool frozen;			/* alias-save copies it */
	u32 mover;			/* frozen for a move: the saver's portid */
	unsigned long move_deadline;	/* and until when, in jiffies */
	struct list_head members;
	u32 nr_members;
	u32 nr_seq_members;		/* SOCK_SEQPACKET members */
	struct ftalias_sock *active;
	ktime_t idle_since;		/* when @active became NULL */
	u32 incarnation;
	u64 join_seq;
	struct list_head pending;
	u32 nr_pending;
	u32 nr_held;
	struct sk_buff_head held_replies;
	struct ftalias_alias_stats stats;
	struct delayed_work work;
	struct net *net;
	struct ftalias_reqs reqs;
	struct ftalias_outputs outputs;	/* under @reqs' xa_lock: output.c */
	struct xarray dsts;		/* aliases its members sent to */
	u64 cookie;
	struct list_head stray_node;	/* in ftalias_net.strays */
	struct ftalias_rc rc;
	struct ftalias_log log;
};

/* The alias object (alias.c): everything else calls down into it. */
int ftalias_alias_cache_init(void);
void ftalias_alias_cache_exit(void);

void ftalias_alias_cfg_default(struct ftalias_alias_cfg *cfg);
bool ftalias_alias_name_valid(const char *name);
u32 ftalias_alias_cluster_id(const char *name);

struct ftalias_alias *ftalias_alias_new(struct net *net, const char *name,
					const struct ftalias_alias_cfg *cfg);
struct ftalias_alias *ftalias_alias_get(struct ftalias_net *fn, u32 id);
bool ftalias_alias_may(struct ftalias_alias *alias, struct net *net, u16 bit);
void ftalias_alias_put(struct ftalias_alias *alias);
void __ftalias_alias_cfg_store(struct ftalias_alias *alias,
			       const struct ftalias_alias_cfg *cfg);

int ftalias_alias_wait_thawed(struct ftalias_alias *alias);
int ftalias_alias_lock_thawed(struct ftalias_alias *alias, bool nonblock)
	__acquires(&alias->lock);

struct ftalias_alias *__ftalias_alias_by_id(struct ftalias_net *fn, u32 id);

#endif /* _FTALIAS_ALIAS_H */
