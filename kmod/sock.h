/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _FTALIAS_SOCK_H
#define _FTALIAS_SOCK_H

#include <linux/list.h>
#include <linux/pid.h>
#include <linux/wait.h>
#include <net/sock.h>
#include <uapi/linux/ftalias.h>

#include "member.h"
#include "request.h"

struct ftalias_alias;
struct ftalias_conn;
struct ftalias_net;

/*
 * An AF_FTALIAS socket.
 *
 *  - @port, @alias and @reqs.closed are set by bind() under lock_sock()
 *    and published by the store-release of @bound: the data path reads
 *    them after a load-acquire of @bound, without locks.  @alias holds a
 *    reference of the alias until the socket is destroyed.
 *  - @member_node, @priority, @role, @draining, @join_seq, @active_inc
 *    and @stats are protected by the alias's lock; @priority and @role
 *    are also written by setsockopt() under lock_sock() before bind().
 *  - @dead (under sk_receive_queue.lock) is set by release(): nothing is
 *    queued to the socket afterwards.
 *  - @peer_wait: senders waiting for room in this socket's receive queue.
 *  - @last_id (under the xa_lock of the requester table, @reqs or its
 *    alias's): the ID of the last request sent.
 *  - @reqs: the requests this socket sent and that wait for a reply, when
 *    it is not a member (a member's requests belong to its alias).
 *  - SOCK_SEQPACKET only (conntab.h has the rules): @peer, @conn, @reset,
 *    @accepting, @nr_pending, @acceptq, @conns; @ident (under lock_sock(),
 *    fixed once connected) and @peer_ident (fixed before @peer is set).
 *
 * The socket is freed after an RCU grace period (SOCK_RCU_FREE), so that
 * the data path may look ports up under rcu_read_lock().
 */
struct ftalias_sock {
	struct sock sk;		/* must be first */
	u32 port;
	bool bound;
	bool dead;
	u8 role;		/* enum ftalias_member_role */
	bool draining;
	u32 priority;
	struct ftalias_alias *alias;
	struct list_head member_node;
	u64 join_seq;
	u32 active_inc;
	struct pid *pid;
	struct ftalias_member_stats stats;
	wait_queue_head_t peer_wait;
	struct ftalias_id last_id;	/* under the requester table's lock */
	struct ftalias_reqs reqs;
	struct mutex ckpt_lock;		/* a checkpoint being sent: log.c */
	struct sk_buff_head ckpt_stage;	/* under @ckpt_lock */
	u64 ckpt_staged;		/* bytes of @ckpt_stage */
	u32 ckpt_inc;			/* @active_inc at its first chunk */
	bool ckpt_owed;			/* under the alias's lock: log.c */
	u64 last_input;			/* under the alias's lock: the input
					 * it read last (log.c)
					 */

	struct ftalias_sock *peer;
	struct ftalias_conn *conn;
	bool reset;
	bool accepting;
	bool ident_set;
	u32 nr_pending;
	struct list_head acceptq;
	struct list_head conns;
	struct ftalias_identity ident;
};

static inline struct ftalias_sock *ftalias_sk(const struct sock *sk)
{
	return container_of(sk, struct ftalias_sock, sk);
}

/*
 * Whether bind() completed: then @port and @alias may be read without
 * locks.  Pairs with the smp_store_release() of bind().
 */
static inline bool ftalias_bound(const struct ftalias_sock *fsk)
{
	/* Pairs with the smp_store_release() of bind(). */
	return smp_load_acquire(&fsk->bound);
}

#endif /* _FTALIAS_SOCK_H */
