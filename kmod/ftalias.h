/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ftalias: fault-tolerant request/reply messaging over port aliases.
 *
 * Locks
 * -----
 *
 * Every lock of the module, outermost first; a lock is only ever taken
 * while holding locks above it in this list:
 *
 *  1. lock_sock() of an AF_FTALIAS socket: bind(), connect(), listen(),
 *     accept(), the socket options that change its identity; or, never
 *     with it, struct ftalias_sock.ckpt_lock (mutex, log.c): a checkpoint
 *     being sent, staged and committed (it may wait for a frozen alias).
 *  2. struct ftalias_net.lock (mutex): the alias table (@aliases, @names,
 *     @count, @next_id, @genid, @exiting, @strays), membership changes
 *     and the netlink notifications of both (see below).
 *  2a. The cluster's (cluster.c), never under a lock below, outermost
 *     first:
 *     - struct ftalias_net.cluster_lock (mutex), never with the table
 *       lock: cluster mode turned on and off, its netlink readers;
 *     - struct ftalias_cluster.lock (mutex): a cluster's node table and
 *       the sends and receives on its TIPC sockets (which take those
 *       sockets' own locks), taken alone by the cluster's work items;
 *     - struct ftalias_net.cluster_local_lock (mutex): the members this
 *       node announces for its cluster aliases; taken under the table
 *       lock too (member events, alias deletion: member.c, aliastab.c).
 *  3. ftalias_rc_lock (spinlock, replay.c): the module's list of replay
 *     caches, walked by the shrinker.
 *  4. struct ftalias_alias.lock (spinlock): the alias's data-path state:
 *     members and the active member, pending and held requests, held
 *     replies, the replay cache (alias.h, replay.h); its @cfg_seq
 *     (seqcount_spinlock_t) is written under it only, and read without
 *     locks by the permission check.  Two alias locks are
 *     never nested: answers the replay cache makes for a requester that
 *     is another alias are routed after the lock is let go
 *     (ftalias_alias_unlock(), request.c).
 *  5. struct ftalias_conns.lock (spinlock): the connection table of a
 *     namespace and the connection fields of its sockets (conntab.h).
 *  6. Innermost, never nested in each other, each taken under any of the
 *     above or alone:
 *     - a socket's receive queue lock (irqsave);
 *     - xa_lock of a requester table, struct ftalias_reqs.xa (request.h),
 *       which also guards its senders' struct ftalias_sock.last_id and,
 *       for an alias's table, the alias's outputs (output.h): under an
 *       alias's lock (entering or taking a request, routing an answer to
 *       it) or alone;
 *     - xa_lock of struct ftalias_alias.dsts (alias.h): alone (a member
 *       sends to a new destination; the alias's deletion);
 *     - xa_lock of struct ftalias_net.ports (and @next_port): alone,
 *       under lock_sock() (bind, release) or 5 (a connection's child);
 *     - xa_lock of struct ftalias_net.aliases: under 2 only (the table
 *       changes under the mutex; the data path reads it under RCU);
 *     - xa_lock of struct ftalias_conns.ids (conntab.h): under 5, or alone
 *       when a connection's id is allocated;
 *     - struct ftalias_net.proxy_lock (spinlock): the requesters of other
 *       nodes (request.c), alone (their requests go in and out under
 *       their tables' xa_lock);
 *     - the locks of struct ftalias_net.cluster_txq and cluster_rxq, and
 *       of the xarrays cluster_routes and cluster_up: under any of the
 *       above, or alone (cluster.h).
 *
 * The data path (sendmsg, recvmsg, poll) takes only 4 to 6 (and a
 * checkpoint's chunk the socket's ckpt_lock above them), and the
 * socket state it reads without them under rcu_read_lock() (the ports
 * and aliases xarrays; sockets are SOCK_RCU_FREE, aliases freed by
 * call_rcu()).  The headers named above say which fields each lock
 * protects; the order is kept here only.
 *
 * Lifetime / locking requirements
 * -------------------------------
 *
 * struct ftalias_net, one per network namespace (net_generic()):
 *
 *  - @lock (mutex) serialises every change of the alias table: create,
 *    change, rename and delete, and the teardown at namespace exit.  It is
 *    taken by the netlink handlers (process context, may sleep) and by the
 *    pernet exit.  Under it run: the xarray's internal lock, the slab
 *    allocator and the netlink multicast of the events group (notifications
 *    are sent under @lock so that listeners see one namespace's changes in
 *    order).  Nothing there takes @lock.
 *  - @aliases (xarray, alias id -> struct ftalias_alias) and @names
 *    (hash of hlists, alias name -> struct ftalias_alias) always hold the
 *    same set of aliases.  Both are changed only under @lock, and neither
 *    an insertion into @names nor a rename can fail, so the two never get
 *    out of step.  Today every lookup runs under @lock; the xarray also
 *    allows lookups by id under rcu_read_lock(), for the data path.
 *  - @count, @next_id, @genid and @exiting (set by the pernet exit) are
 *    read and written under @lock.
 *    @genid grows on every change so that a dump spread over several
 *    messages can flag NLM_F_DUMP_INTR (genl_dump_check_consistent()).
 *
 * struct ftalias_alias:
 *
 *  - @ref: the alias table holds one reference, dropped when the alias
 *    leaves the table (__ftalias_alias_unlink()).  An RCU reader that found
 *    the alias may take its own reference with refcount_inc_not_zero().
 *    The last ftalias_alias_put() frees the alias after an RCU grace
 *    period (call_rcu()), so readers inside rcu_read_lock() never see freed
 *    memory.  Module exit runs rcu_barrier() before destroying the cache.
 *  - @name (rewritten in place by a rename) and @cfg (replaced as a whole
 *    by alias-set) are read and written under the table's @lock only.
 *  - An alias never outlives its namespace: the pernet exit unlinks every
 *    alias, and the struct holds no reference to the struct net.
 *
 * @ports maps the port of every bound socket to the socket; changed by
 * bind() and release() (the xarray's own lock), read under
 * rcu_read_lock() by the data path (sockets are SOCK_RCU_FREE).
 * Membership changes (bind to an alias, release of a member, member-set)
 * also take @lock, so that their notifications are ordered too; the data
 * path (sendmsg, recvmsg) never takes it.  See alias.h for the data-path
 * state of an alias and request.h for requests.
 *
 * Free paths: alias-del (netlink); the failure paths of alias-new (the
 * caller's reference, before or after __ftalias_alias_link()); namespace
 * exit; module unload (namespace exit for every namespace, through
 * unregister_pernet_subsys()).
 * The connection table (@conns) has its own lock and rules, in conntab.h.
 * Module unload is refused by the core while an AF_FTALIAS socket exists,
 * since every socket pins the module (proto_ops.owner, proto.owner).
 */
#ifndef _FTALIAS_H
#define _FTALIAS_H

#include <linux/mutex.h>
#include <linux/hashtable.h>
#include <linux/skbuff.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <linux/types.h>
#include <linux/xarray.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include "conntab.h"

struct ftalias_cluster;

enum ftalias_limits {
	/* AF_SNA: reserved in linux/socket.h, never implemented by Linux. */
	FTALIAS_AF_DEFAULT			= 22,
	FTALIAS_MAX_ALIASES_DEFAULT		= 65536,
	FTALIAS_CACHE_ENTRIES_LIMIT_DEFAULT	= 1 << 20,
	FTALIAS_CACHE_BYTES_LIMIT_DEFAULT	= 1 << 30,
	FTALIAS_CACHE_TOTAL_LIMIT_DEFAULT	= 1 << 30,

	/* Defaults of a new alias. */
	FTALIAS_ALIAS_MODE_DEFAULT		= 0644,
	FTALIAS_ALIAS_GRACE_MS_DEFAULT		= 3000,
	FTALIAS_ALIAS_CACHE_ENTRIES_DEFAULT	= 65536,
	FTALIAS_ALIAS_CACHE_BYTES_DEFAULT	= 64 << 20,
	FTALIAS_ALIAS_CACHE_TTL_MS_DEFAULT	= 300000,

	/* 512 buckets: 4 KiB per namespace, short chains up to ~10k aliases. */
	FTALIAS_NAME_HASH_BITS			= 9,
	/* Requesters of other nodes with requests here (request.c). */
	FTALIAS_PROXY_HASH_BITS			= 8,
};

/*
 * Module parameters, read-only once the module is loaded, but for the
 * total cache limit, the move timeout and the checkpoint limit (see
 * main.c).
 */
extern int ftalias_af;
extern unsigned int ftalias_max_aliases;
extern unsigned int ftalias_cache_entries_limit;
extern unsigned long ftalias_cache_bytes_limit;
extern unsigned long ftalias_cache_total_limit;
extern unsigned int ftalias_move_timeout_ms;
extern unsigned long ftalias_ckpt_max_bytes;
extern unsigned int ftalias_log_max_inputs;

struct ftalias_net {
	struct mutex lock;		/* the alias table, see above */
	struct xarray aliases;
	DECLARE_HASHTABLE(names, FTALIAS_NAME_HASH_BITS);
	u32 next_id;
	u32 count;
	u32 genid;
	bool exiting;			/* the namespace goes */
	struct xarray ports;		/* port -> struct ftalias_sock */
	u32 next_port;			/* under the lock of @ports */
	struct ftalias_conns conns;	/* SOCK_SEQPACKET, see conntab.h */
	atomic64_t rc_bytes;		/* its replay caches, see replay.c */
	atomic_t saves;			/* alias-save copies held, save.c */
	atomic_t moves;			/* aliases frozen for a move, request.c */
	struct list_head strays;	/* under @lock: request.c */
	struct xarray restores;		/* under @lock: restore.c */
	u32 nr_restores;
	u32 next_restore;
	struct mutex cluster_lock;	/* @cluster, see cluster.h */
	struct ftalias_cluster *cluster; /* cluster mode on, cluster.c */
	u32 cluster_self;		/* its TIPC address while on, or 0 */
	struct mutex cluster_local_lock; /* the two below */
	struct xarray cluster_local;	/* alias id -> members announced */
	struct ftalias_cluster *cluster_kick; /* @cluster, to send them */
	/*
	 * Requests across nodes (cluster.h): what cluster.c knows, read by
	 * request.c under RCU; the messages between the two.
	 */
	struct ftalias_cluster __rcu *cluster_live; /* @cluster, for xmit */
	struct xarray cluster_routes;	/* alias id -> node serving it */
	struct xarray cluster_up;	/* node -> its generation, while up */
	struct sk_buff_head cluster_txq; /* request.c -> cluster.c */
	u32 cluster_txq_bytes;		/* under its lock: truesize */
	atomic64_t cluster_tx_dropped;	/* for want of room in it */
	u32 cluster_gen;		/* of the last node up: cluster.c */
	struct sk_buff_head cluster_rxq; /* cluster.c -> request.c */
	struct delayed_work cluster_rx_work;
	struct sk_buff_head cluster_rx_later; /* request.c: answers waiting
					       * for a frozen alias
					       */
	unsigned long cluster_events;	/* FTALIAS_CLUSTER_EV_* bits */
	atomic64_t cluster_rx_stale;
	/* Requesters of other nodes (request.c): struct ftalias_proxy */
	spinlock_t proxy_lock;
	DECLARE_HASHTABLE(proxies, FTALIAS_PROXY_HASH_BITS);
	u32 nr_proxies;			/* under @proxy_lock */
	unsigned long proxies_swept;	/* jiffies, by request.c's work */
};

extern unsigned int ftalias_net_id;

/* The namespace's state, made and torn down by the pernet ops (main.c). */
void ftalias_net_init(struct ftalias_net *fn);
void ftalias_net_exit(struct ftalias_net *fn);

static inline struct ftalias_net *ftalias_net(const struct net *net)
{
	return net_generic(net, ftalias_net_id);
}

#endif /* _FTALIAS_H */
