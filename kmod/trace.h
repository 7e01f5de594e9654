/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tracepoints of ftalias (trace system "ftalias"), on the data path's
 * decisions: a request queued, held, delivered or failed, a promotion, a
 * member leaving, a reply routed, a replay-cache hit and a stale
 * connection dropped.  Documentation/tracing.rst describes each event.
 *
 * Every field is a plain integer copied in TP_fast_assign() (under the
 * lock the call site holds): nothing is dereferenced when the trace is
 * read, and no alias name is copied (a rename rewrites it under another
 * lock; "ftaliasctl alias show" maps ids to names).  @netns is the inode
 * number of the network namespace (as in /proc/PID/ns/net): alias ids
 * and ports are per namespace.  Disabled, each event costs its static
 * branch only.  CREATE_TRACE_POINTS is defined in trace.c only.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM ftalias

#if !defined(_FTALIAS_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _FTALIAS_TRACE_H

#include <linux/tracepoint.h>
#include <net/net_namespace.h>
#include <net/sock.h>

#include "alias.h"
#include "conntab.h"
#include "member.h"
#include "replay.h"
#include "sock.h"

#ifndef _FTALIAS_TRACE_ENUMS
#define _FTALIAS_TRACE_ENUMS
/* Why ftalias_request_held: the reason argument. */
enum ftalias_trace_held {
	FTALIAS_TRACE_HELD_NO_ACTIVE,	/* the alias has no active member */
	FTALIAS_TRACE_HELD_TAKEN_BACK,	/* taken back from a member */
	FTALIAS_TRACE_HELD_RETRY,	/* no memory: the work retries */
	FTALIAS_TRACE_HELD_FROZEN,	/* alias-save is copying the alias */
	FTALIAS_TRACE_HELD_CHECKPOINT,	/* the active member is not given
					 * the checkpoint yet (no memory)
					 */
};

/* What ftalias_reply_routed did with the message. */
enum ftalias_trace_route {
	FTALIAS_TRACE_ROUTE_QUEUED,	/* to @dst_port */
	FTALIAS_TRACE_ROUTE_HELD,	/* for the alias's next active member */
	FTALIAS_TRACE_ROUTE_DROPPED,	/* its requester is gone */
};

/*
 * ftalias_reply_routed: where ftalias_route() sends a message, to the
 * active member of @alias or to @fsk (both NULL: dropped).  Called under
 * the alias's lock.
 */
static inline u32 ftalias_trace_netns(const struct ftalias_alias *alias,
				      const struct ftalias_sock *fsk)
{
	if (alias)
		return alias->net->ns.inum;
	return fsk ? sock_net(&fsk->sk)->ns.inum : 0;
}

static inline u32 ftalias_trace_dst_port(const struct ftalias_alias *alias,
					 const struct ftalias_sock *fsk)
{
	if (alias)
		return alias->active && !alias->active->ckpt_owed &&
		       !alias->nr_seq_members ? alias->active->port : 0;
	return fsk ? fsk->port : 0;
}

static inline u8 ftalias_trace_outcome(const struct ftalias_alias *alias,
				       const struct ftalias_sock *fsk)
{
	if (!alias)
		return fsk ? FTALIAS_TRACE_ROUTE_QUEUED :
			     FTALIAS_TRACE_ROUTE_DROPPED;
	if (alias->nr_seq_members)
		return FTALIAS_TRACE_ROUTE_DROPPED;
	/* A new active member reads the alias's checkpoint first. */
	if (alias->active && !alias->active->ckpt_owed)
		return FTALIAS_TRACE_ROUTE_QUEUED;
	return alias->dead ? FTALIAS_TRACE_ROUTE_DROPPED :
			     FTALIAS_TRACE_ROUTE_HELD;
}
#endif

TRACE_DEFINE_ENUM(FTALIAS_TRACE_HELD_NO_ACTIVE);
TRACE_DEFINE_ENUM(FTALIAS_TRACE_HELD_TAKEN_BACK);
TRACE_DEFINE_ENUM(FTALIAS_TRACE_HELD_RETRY);
TRACE_DEFINE_ENUM(FTALIAS_TRACE_HELD_FROZEN);
TRACE_DEFINE_ENUM(FTALIAS_TRACE_HELD_CHECKPOINT);
TRACE_DEFINE_ENUM(FTALIAS_TRACE_ROUTE_QUEUED);
TRACE_DEFINE_ENUM(FTALIAS_TRACE_ROUTE_HELD);
TRACE_DEFINE_ENUM(FTALIAS_TRACE_ROUTE_DROPPED);
TRACE_DEFINE_ENUM(FTALIAS_RC_IN_PROGRESS);
TRACE_DEFINE_ENUM(FTALIAS_RC_AUTO_REPLY);
TRACE_DEFINE_ENUM(FTALIAS_RC_HANDLER);
TRACE_DEFINE_ENUM(FTALIAS_MSG_DATAGRAM);
TRACE_DEFINE_ENUM(FTALIAS_MSG_REQUEST);
TRACE_DEFINE_ENUM(FTALIAS_MSG_REPLY);
TRACE_DEFINE_ENUM(FTALIAS_MSG_NOTICE);
TRACE_DEFINE_ENUM(FTALIAS_MSG_ORPHAN);
TRACE_DEFINE_ENUM(FTALIAS_MSG_CHECKPOINT);
TRACE_DEFINE_ENUM(FTALIAS_MSG_REPLAY);

#define ftalias_show_held(r)						\
	__print_symbolic(r,						\
			 { FTALIAS_TRACE_HELD_NO_ACTIVE, "no_active" },	\
			 { FTALIAS_TRACE_HELD_TAKEN_BACK, "taken_back" }, \
			 { FTALIAS_TRACE_HELD_RETRY, "retry" },		\
			 { FTALIAS_TRACE_HELD_FROZEN, "frozen" },	\
			 { FTALIAS_TRACE_HELD_CHECKPOINT, "checkpoint" })

#define ftalias_show_route(r)						\
	__print_symbolic(r,						\
			 { FTALIAS_TRACE_ROUTE_QUEUED, "queued" },	\
			 { FTALIAS_TRACE_ROUTE_HELD, "held" },		\
			 { FTALIAS_TRACE_ROUTE_DROPPED, "dropped" })

#define ftalias_show_hit(s)						\
	__print_symbolic(s,						\
			 { FTALIAS_RC_IN_PROGRESS, "held" },		\
			 { FTALIAS_RC_AUTO_REPLY, "auto_reply" },	\
			 { FTALIAS_RC_HANDLER, "handler" })

#define ftalias_show_kind(k)						\
	__print_symbolic(k,						\
			 { FTALIAS_MSG_DATAGRAM, "datagram" },		\
			 { FTALIAS_MSG_REQUEST, "request" },		\
			 { FTALIAS_MSG_REPLY, "reply" },		\
			 { FTALIAS_MSG_NOTICE, "notice" },		\
			 { FTALIAS_MSG_ORPHAN, "orphan" },		\
			 { FTALIAS_MSG_CHECKPOINT, "checkpoint" },	\
			 { FTALIAS_MSG_REPLAY, "replay" })

/*
 * The fields of a request ID are id_node, id_alias, id_port, id_inc and
 * id_xid, printed as id=NODE:ALIAS:PORT:INCARNATION:XID.
 */

/*
 * A request was stamped (or re-sent with its ID) and is on the alias's
 * pending list; ftalias_request_delivered or _held follows.
 */
TRACE_EVENT(ftalias_request_queued,
	    TP_PROTO(const struct ftalias_alias *alias,
		     const struct ftalias_req *req),
	    TP_ARGS(alias, req),
	    TP_STRUCT__entry(__field(u32, netns)
			     __field(u32, alias)
			     __field(u32, id_node)
			     __field(u32, id_alias)
			     __field(u32, id_port)
			     __field(u32, id_inc)
			     __field(u64, id_xid)
			     __field(u32, len)
			     __field(u32, flags)
	    ),
	    TP_fast_assign(__entry->netns = alias->net->ns.inum;
			   __entry->alias = alias->id;
			   __entry->id_node = req->id.node;
			   __entry->id_alias = req->id.alias;
			   __entry->id_port = req->id.port;
			   __entry->id_inc = req->id.incarnation;
			   __entry->id_xid = req->id.xid;
			   __entry->len = req->skb ? req->skb->len : 0;
			   __entry->flags = req->flags;
	    ),
	    TP_printk("netns=%u alias=%u id=%u:%u:%u:%u:%llu len=%u flags=0x%x",
		      __entry->netns, __entry->alias, __entry->id_node,
		      __entry->id_alias, __entry->id_port, __entry->id_inc,
		      (unsigned long long)__entry->id_xid, __entry->len,
		      __entry->flags)
);

/*
 * A request (or what the replay cache made of it) was queued to member
 * @port; @redelivered: it was delivered to some member before.
 */
TRACE_EVENT(ftalias_request_delivered,
	    TP_PROTO(const struct ftalias_alias *alias,
		     const struct ftalias_req *req,
		     const struct ftalias_sock *to, const struct sk_buff *skb),
	    TP_ARGS(alias, req, to, skb),
	    TP_STRUCT__entry(__field(u32, netns)
			     __field(u32, alias)
			     __field(u32, id_node)
			     __field(u32, id_alias)
			     __field(u32, id_port)
			     __field(u32, id_inc)
			     __field(u64, id_xid)
			     __field(u32, port)
			     __field(u32, inc)
			     __field(u32, len)
			     __field(u32, flags)
			     __field(u8, redelivered)
	    ),
	    TP_fast_assign(__entry->netns = alias->net->ns.inum;
			   __entry->alias = alias->id;
			   __entry->id_node = req->id.node;
			   __entry->id_alias = req->id.alias;
			   __entry->id_port = req->id.port;
			   __entry->id_inc = req->id.incarnation;
			   __entry->id_xid = req->id.xid;
			   __entry->port = to->port;
			   __entry->inc = alias->incarnation;
			   __entry->len = skb->len;
			   __entry->flags = ftalias_cb(skb)->flags;
			   __entry->redelivered = req->delivered;
	    ),
	    TP_printk("netns=%u alias=%u id=%u:%u:%u:%u:%llu port=%u inc=%u len=%u flags=0x%x redelivered=%u",
		      __entry->netns, __entry->alias, __entry->id_node,
		      __entry->id_alias, __entry->id_port, __entry->id_inc,
		      (unsigned long long)__entry->id_xid, __entry->port,
		      __entry->inc, __entry->len, __entry->flags,
		      __entry->redelivered)
);

/* A request is held: it waits for an active member, or for memory. */
TRACE_EVENT(ftalias_request_held,
	    TP_PROTO(const struct ftalias_alias *alias,
		     const struct ftalias_req *req, int reason),
	    TP_ARGS(alias, req, reason),
	    TP_STRUCT__entry(__field(u32, netns)
			     __field(u32, alias)
			     __field(u32, id_node)
			     __field(u32, id_alias)
			     __field(u32, id_port)
			     __field(u32, id_inc)
			     __field(u64, id_xid)
			     __field(u32, grace_ms)
			     __field(u32, flags)
			     __field(u8, reason)
	    ),
	    TP_fast_assign(__entry->netns = alias->net->ns.inum;
			   __entry->alias = alias->id;
			   __entry->id_node = req->id.node;
			   __entry->id_alias = req->id.alias;
			   __entry->id_port = req->id.port;
			   __entry->id_inc = req->id.incarnation;
			   __entry->id_xid = req->id.xid;
			   __entry->grace_ms = alias->cfg.grace_ms;
			   __entry->flags = req->flags;
			   __entry->reason = reason;
	    ),
	    TP_printk("netns=%u alias=%u id=%u:%u:%u:%u:%llu reason=%s grace_ms=%u flags=0x%x",
		      __entry->netns, __entry->alias, __entry->id_node,
		      __entry->id_alias, __entry->id_port, __entry->id_inc,
		      (unsigned long long)__entry->id_xid,
		      ftalias_show_held(__entry->reason), __entry->grace_ms,
		      __entry->flags)
);

/*
 * The kernel failed a request: EHOSTUNREACH after the grace period (or
 * when the destination of a restored request is gone), EIDRM when its
 * alias was deleted.  Its requester gets a notice.
 */
TRACE_EVENT(ftalias_request_failed,
	    TP_PROTO(const struct ftalias_req *req, const struct net *net,
		     u32 dst, int err),
	    TP_ARGS(req, net, dst, err),
	    TP_STRUCT__entry(__field(u32, netns)
			     __field(u32, alias)
			     __field(u32, id_node)
			     __field(u32, id_alias)
			     __field(u32, id_port)
			     __field(u32, id_inc)
			     __field(u64, id_xid)
			     __field(int, err)
	    ),
	    TP_fast_assign(__entry->netns = net->ns.inum;
			   __entry->alias = dst;
			   __entry->id_node = req->id.node;
			   __entry->id_alias = req->id.alias;
			   __entry->id_port = req->id.port;
			   __entry->id_inc = req->id.incarnation;
			   __entry->id_xid = req->id.xid;
			   __entry->err = err;
	    ),
	    TP_printk("netns=%u alias=%u id=%u:%u:%u:%u:%llu err=%d",
		      __entry->netns, __entry->alias, __entry->id_node,
		      __entry->id_alias, __entry->id_port, __entry->id_inc,
		      (unsigned long long)__entry->id_xid, __entry->err)
);

/*
 * Member @new_port became the alias's active member, incarnation @inc;
 * @old_port was active before (0: none), also when it left (after its
 * ftalias_member_leave); @held requests wait for it.
 */
TRACE_EVENT(ftalias_promotion,
	    TP_PROTO(const struct ftalias_alias *alias,
		     const struct ftalias_sock *old,
		     const struct ftalias_sock *m),
	    TP_ARGS(alias, old, m),
	    TP_STRUCT__entry(__field(u32, netns)
			     __field(u32, alias)
			     __field(u32, old_port)
			     __field(u32, new_port)
			     __field(u32, inc)
			     __field(u32, held)
	    ),
	    TP_fast_assign(__entry->netns = alias->net->ns.inum;
			   __entry->alias = alias->id;
			   __entry->old_port = old ? old->port : 0;
			   __entry->new_port = m->port;
			   __entry->inc = alias->incarnation;
			   __entry->held = alias->nr_held;
	    ),
	    TP_printk("netns=%u alias=%u old_port=%u new_port=%u inc=%u held=%u",
		      __entry->netns, __entry->alias, __entry->old_port,
		      __entry->new_port, __entry->inc, __entry->held)
);

/* A member's socket is released; @active: it was the active member. */
TRACE_EVENT(ftalias_member_leave,
	    TP_PROTO(const struct ftalias_alias *alias,
		     const struct ftalias_sock *m),
	    TP_ARGS(alias, m),
	    TP_STRUCT__entry(__field(u32, netns)
			     __field(u32, alias)
			     __field(u32, port)
			     __field(u32, inc)
			     __field(u8, active)
	    ),
	    TP_fast_assign(__entry->netns = alias->net->ns.inum;
			   __entry->alias = alias->id;
			   __entry->port = m->port;
			   __entry->inc = alias->incarnation;
			   __entry->active = alias->active == m;
	    ),
	    TP_printk("netns=%u alias=%u port=%u inc=%u active=%u",
		      __entry->netns, __entry->alias, __entry->port,
		      __entry->inc, __entry->active)
);

/*
 * A reply (or a notice) to request @id is routed to its requester: the
 * port of the ID, or the active member of its alias.  @alias or @fsk is
 * where it goes (both NULL: the requester is gone, @netns is then 0);
 * the outcome mirrors ftalias_route().
 */
TRACE_EVENT(ftalias_reply_routed,
	    TP_PROTO(const struct sk_buff *skb,
		     const struct ftalias_alias *alias,
		     const struct ftalias_sock *fsk),
	    TP_ARGS(skb, alias, fsk),
	    TP_STRUCT__entry(__field(u32, netns)
			     __field(u32, id_node)
			     __field(u32, id_alias)
			     __field(u32, id_port)
			     __field(u32, id_inc)
			     __field(u64, id_xid)
			     __field(u32, src_alias)
			     __field(u32, src_port)
			     __field(u32, dst_alias)
			     __field(u32, dst_port)
			     __field(u32, len)
			     __field(u8, kind)
			     __field(u8, outcome)
	    ),
	    TP_fast_assign(const struct ftalias_skb_cb *cb = ftalias_cb(skb);

			   __entry->id_node = cb->id.node;
			   __entry->id_alias = cb->id.alias;
			   __entry->id_port = cb->id.port;
			   __entry->id_inc = cb->id.incarnation;
			   __entry->id_xid = cb->id.xid;
			   __entry->src_alias = cb->src_alias;
			   __entry->src_port = cb->src_port;
			   __entry->kind = cb->kind;
			   __entry->len = skb->len;
			   __entry->netns = ftalias_trace_netns(alias, fsk);
			   __entry->dst_alias = alias ? alias->id : 0;
			   __entry->dst_port = ftalias_trace_dst_port(alias, fsk);
			   __entry->outcome = ftalias_trace_outcome(alias, fsk);
	    ),
	    TP_printk("netns=%u id=%u:%u:%u:%u:%llu kind=%s src_alias=%u src_port=%u dst_alias=%u dst_port=%u len=%u outcome=%s",
		      __entry->netns, __entry->id_node, __entry->id_alias,
		      __entry->id_port, __entry->id_inc,
		      (unsigned long long)__entry->id_xid,
		      ftalias_show_kind(__entry->kind), __entry->src_alias,
		      __entry->src_port, __entry->dst_alias,
		      __entry->dst_port, __entry->len,
		      ftalias_show_route(__entry->outcome))
);

/*
 * A request met a replay-cache entry of its ID: answered by the kernel
 * (auto_reply), delivered with the handler argument (handler), or held
 * until the entry is resolved (held: in progress).  @len: bytes recorded.
 */
TRACE_EVENT(ftalias_cache_hit,
	    TP_PROTO(const struct ftalias_alias *alias,
		     const struct ftalias_req *req, int state, u32 len),
	    TP_ARGS(alias, req, state, len),
	    TP_STRUCT__entry(__field(u32, netns)
			     __field(u32, alias)
			     __field(u32, id_node)
			     __field(u32, id_alias)
			     __field(u32, id_port)
			     __field(u32, id_inc)
			     __field(u64, id_xid)
			     __field(u32, len)
			     __field(u8, kind)
	    ),
	    TP_fast_assign(__entry->netns = alias->net->ns.inum;
			   __entry->alias = alias->id;
			   __entry->id_node = req->id.node;
			   __entry->id_alias = req->id.alias;
			   __entry->id_port = req->id.port;
			   __entry->id_inc = req->id.incarnation;
			   __entry->id_xid = req->id.xid;
			   __entry->len = len;
			   __entry->kind = state;
	    ),
	    TP_printk("netns=%u alias=%u id=%u:%u:%u:%u:%llu kind=%s len=%u",
		      __entry->netns, __entry->alias, __entry->id_node,
		      __entry->id_alias, __entry->id_port, __entry->id_inc,
		      (unsigned long long)__entry->id_xid,
		      ftalias_show_hit(__entry->kind), __entry->len)
);

/*
 * Newest wins: connection @new_id, with the identity of connection
 * @old_id to the same endpoint, drops it.  The endpoint is @ep_alias, or
 * the listening port @ep_port; the identity is (@node, @ident_alias,
 * @ident_port); @old_port, @old_peer_port: the connecting and accepting
 * ports of the old connection; @new_port: the new connecting port.
 */
TRACE_EVENT(ftalias_conn_stale,
	    TP_PROTO(const struct sock *sk, const struct ftalias_conn *old,
		     const struct ftalias_conn *c),
	    TP_ARGS(sk, old, c),
	    TP_STRUCT__entry(__field(u32, netns)
			     __field(u32, old_id)
			     __field(u32, new_id)
			     __field(u32, ep_alias)
			     __field(u32, ep_port)
			     __field(u32, node)
			     __field(u32, ident_alias)
			     __field(u32, ident_port)
			     __field(u32, old_port)
			     __field(u32, old_peer_port)
			     __field(u32, new_port)
			     __field(u64, old_seq)
	    ),
	    TP_fast_assign(__entry->netns = sock_net(sk)->ns.inum;
			   __entry->old_id = old->id;
			   __entry->new_id = c->id;
			   __entry->ep_alias = old->key.ep_alias;
			   __entry->ep_port = old->key.ep_port;
			   __entry->node = old->key.node;
			   __entry->ident_alias = old->key.alias;
			   __entry->ident_port = old->key.port;
			   __entry->old_port = old->port[0];
			   __entry->old_peer_port = old->port[1];
			   __entry->new_port = c->port[0];
			   __entry->old_seq = old->seq;
	    ),
	    TP_printk("netns=%u old_id=%u new_id=%u ep_alias=%u ep_port=%u ident=%u:%u:%u old_port=%u old_peer_port=%u new_port=%u old_seq=%llu",
		      __entry->netns, __entry->old_id, __entry->new_id,
		      __entry->ep_alias, __entry->ep_port, __entry->node,
		      __entry->ident_alias, __entry->ident_port,
		      __entry->old_port, __entry->old_peer_port,
		      __entry->new_port, (unsigned long long)__entry->old_seq)
);

/*
 * alias-save copied @alias: it was frozen for @frozen_us microseconds
 * (the wait for the answers on their way to it included), while @entries
 * cache entries, @requests requests of its members and @held replies held
 * for them were copied.  @move: it stays frozen until it is deleted.
 */
TRACE_EVENT(ftalias_save_freeze,
	    TP_PROTO(const struct ftalias_alias *alias, u32 frozen_us,
		     u32 entries, u32 requests, u32 held, bool move),
	    TP_ARGS(alias, frozen_us, entries, requests, held, move),
	    TP_STRUCT__entry(__field(u32, netns)
			     __field(u32, alias)
			     __field(u32, frozen_us)
			     __field(u32, entries)
			     __field(u32, requests)
			     __field(u32, held)
			     __field(bool, move)
	    ),
	    TP_fast_assign(__entry->netns = alias->net->ns.inum;
			   __entry->alias = alias->id;
			   __entry->frozen_us = frozen_us;
			   __entry->entries = entries;
			   __entry->requests = requests;
			   __entry->held = held;
			   __entry->move = move;
	    ),
	    TP_printk("netns=%u alias=%u frozen_us=%u entries=%u requests=%u held=%u move=%d",
		      __entry->netns, __entry->alias, __entry->frozen_us,
		      __entry->entries, __entry->requests, __entry->held,
		      __entry->move)
);

/*
 * The checkpoints of an alias (log.c): committed by its active member
 * (ftalias_checkpoint), given to a member that became active
 * (ftalias_checkpoint_load): sequence number @seq, @bytes of data in
 * @chunks chunks.
 */
DECLARE_EVENT_CLASS(ftalias_ckpt_class,
		    TP_PROTO(const struct ftalias_alias *alias,
			     const struct ftalias_sock *m, u64 seq, u64 bytes,
			     u32 chunks),
		    TP_ARGS(alias, m, seq, bytes, chunks),
		    TP_STRUCT__entry(__field(u32, netns)
				     __field(u32, alias)
				     __field(u32, port)
				     __field(u32, chunks)
				     __field(u64, seq)
				     __field(u64, bytes)
		    ),
		    TP_fast_assign(__entry->netns = alias->net->ns.inum;
				   __entry->alias = alias->id;
				   __entry->port = m->port;
				   __entry->chunks = chunks;
				   __entry->seq = seq;
				   __entry->bytes = bytes;
		    ),
		    TP_printk("netns=%u alias=%u port=%u seq=%llu bytes=%llu chunks=%u",
			      __entry->netns, __entry->alias, __entry->port,
			      __entry->seq, __entry->bytes, __entry->chunks)
);

DEFINE_EVENT(ftalias_ckpt_class, ftalias_checkpoint,
	     TP_PROTO(const struct ftalias_alias *alias,
		      const struct ftalias_sock *m, u64 seq, u64 bytes,
		      u32 chunks),
	     TP_ARGS(alias, m, seq, bytes, chunks));

DEFINE_EVENT(ftalias_ckpt_class, ftalias_checkpoint_load,
	     TP_PROTO(const struct ftalias_alias *alias,
		      const struct ftalias_sock *m, u64 seq, u64 bytes,
		      u32 chunks),
	     TP_ARGS(alias, m, seq, bytes, chunks));

#endif /* _FTALIAS_TRACE_H */

/* Out of tree: Kbuild adds -I$(src) for trace.c (CFLAGS_trace.o). */
#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE trace
#include <trace/define_trace.h>
