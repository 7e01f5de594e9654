/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _FTALIAS_CONNTAB_H
#define _FTALIAS_CONNTAB_H

#include <linux/hashtable.h>
#include <linux/list.h>
#include <linux/net.h>
#include <linux/refcount.h>
#include <linux/spinlock.h>
#include <linux/time64.h>
#include <linux/types.h>
#include <linux/xarray.h>
#include <uapi/linux/ftalias.h>

struct ftalias_alias;
struct ftalias_net;
struct ftalias_sock;
struct net;

enum {
	FTALIAS_CONN_HASH_BITS	= 8,
};

/*
 * The key of the newest-wins rule: the endpoint connected to (an alias,
 * or a listening port) and the identity of the connecting side.
 */
struct ftalias_conn_key {
	u32 ep_alias;
	u32 ep_port;		/* the listener's, when @ep_alias is 0 */
	u32 node;
	u32 alias;
	u32 port;
};

/*
 * The connection table of a namespace (struct ftalias_conns, in struct
 * ftalias_net) and its connections.
 *
 * Lifetime / locking requirements
 * -------------------------------
 *
 *  - @lock (spinlock, process context only) protects the table (@ids,
 *    @keys, @count, @seq, @genid), every struct ftalias_conn's @key_node,
 *    @lnode, @anode, @listener, @end, @state, and the connection fields of
 *    the sockets: @accepting, @nr_pending, @acceptq and @conns of a
 *    listener, @conn of a connected socket, and @ident of a listener
 *    (also under its lock_sock()).
 *  - Lock order: see ftalias.h (@lock nests inside an alias's lock).
 *    The alias code changes the active member under its lock and tells
 *    the table (__ftalias_conn_active_changed()), so that connect() sees
 *    "is the active member" and the connections of a demoted listener go
 *    in one step.
 *  - A connection is *linked* while in @ids and @keys: established, until
 *    an end is closed or the connection is dropped.  Each end's socket
 *    holds a reference of the struct ftalias_conn (@ref), dropped when the
 *    socket is destroyed; @end[i] is cleared under @lock when that end is
 *    released, so a linked connection's ends may be used under @lock.
 *  - The data path (sendmsg, recvmsg, poll) does not take @lock (but a
 *    send its peer refused, to wait for the peer's close): a connected
 *    socket's @peer is set before its state becomes TCP_ESTABLISHED and
 *    holds a reference of the peer socket until the socket is destroyed;
 *    @reset and sk_shutdown are written under the socket's receive queue
 *    lock (a reset's sk_shutdown with a store-release after @reset) and
 *    read without it (sk_shutdown with a load-acquire, then @reset).
 *  - A child socket (the accepting side, made by connect()) waits on its
 *    listener's @acceptq until accept() grafts it, or is freed by
 *    ftalias_conn_free_child() when the listener goes or the pending
 *    connection is dropped.
 *  - Sockets hold their namespace: the table is empty at namespace exit.
 */
struct ftalias_conns {
	spinlock_t lock;		/* the table, see above */
	struct xarray ids;		/* id -> struct ftalias_conn */
	DECLARE_HASHTABLE(keys, FTALIAS_CONN_HASH_BITS);
	u64 seq;			/* the counter of the last one */
	u32 next_id;
	u32 count;
	u32 genid;
};

struct ftalias_conn {
	struct hlist_node key_node;	/* in @keys while linked */
	struct list_head lnode;		/* in @listener->conns */
	struct list_head anode;		/* in @listener->acceptq: pending */
	struct ftalias_sock *listener;
	struct ftalias_sock *end[2];	/* connecting side, accepting side */
	struct ftalias_conn_key key;
	struct ftalias_identity ident[2];	/* of each end */
	struct timespec64 est;		/* wall clock */
	u64 seq;
	u32 id;				/* 0 once unlinked */
	u32 local_alias;
	u32 listen_port;
	u32 port[2];			/* of each end */
	u8 state;			/* enum ftalias_conn_state */
	refcount_t ref;
};

/* A connection as netlink shows it, copied under the table's lock. */
struct ftalias_conn_snap {
	u64 seq;
	s64 est_sec;
	u32 est_usec;
	u32 id;
	u32 state;
	u32 local_alias;
	u32 listen_port;
	u32 local_port;
	u32 local_pid;
	u32 local_queue;
	u32 peer_port;
	u32 peer_pid;
	u32 peer_queue;
	struct ftalias_identity ident;
};

void ftalias_conns_init(struct ftalias_conns *t);
void ftalias_conns_exit(struct ftalias_conns *t);

/* For the socket type (seqpacket.c), which sits above the table. */
struct ftalias_conns *ftalias_conns_of(const struct ftalias_sock *fsk);
void ftalias_conn_put(struct ftalias_conn *c);
u32 ftalias_conn_hash(const struct ftalias_conn_key *k);
struct ftalias_sock *ftalias_conn_peer(const struct ftalias_sock *fsk);
void ftalias_conn_end(struct ftalias_sock *fsk, bool reset);
u8 ftalias_conn_shutdown_of(const struct ftalias_sock *fsk);
void ftalias_conn_shut(struct ftalias_sock *fsk, u8 how);
struct ftalias_conn *__ftalias_conn_find(struct ftalias_conns *t,
					 const struct ftalias_conn_key *k,
					 u32 hash);
void ftalias_conn_free_child(struct ftalias_sock *child);
void __ftalias_conn_snap(struct ftalias_conns *t, const struct ftalias_conn *c,
			 struct ftalias_conn_snap *s, bool ntf);
void __ftalias_conn_listener_gone(struct ftalias_conns *t,
				  struct ftalias_sock *l, bool all);
void ftalias_conn_close(struct ftalias_sock *fsk);
void __ftalias_conn_link(struct ftalias_conns *t, struct ftalias_conn *c,
			 u32 hash, struct ftalias_sock *l,
			 struct ftalias_conn *old,
			 struct ftalias_conn_snap *snap_old);

void __ftalias_conn_active_changed(struct ftalias_alias *alias,
				   struct ftalias_sock *old,
				   struct ftalias_sock *new);

int ftalias_conn_get(struct net *net, u32 id, struct ftalias_conn_snap *s);
int ftalias_conn_dump(struct net *net, u32 alias, u32 *next_id,
		      int (*fill)(void *arg, const struct ftalias_conn_snap *s),
		      void *arg, u32 *genid);
int ftalias_conn_drop(struct net *net, u32 id, struct ftalias_conn_snap *s);

#endif /* _FTALIAS_CONNTAB_H */
