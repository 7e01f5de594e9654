/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _FTALIAS_MSG_H
#define _FTALIAS_MSG_H

#include <linux/ktime.h>
#include <linux/list.h>
#include <linux/refcount.h>
#include <linux/skbuff.h>
#include <linux/types.h>
#include <uapi/linux/ftalias.h>

struct ftalias_alias;
struct ftalias_input;
struct ftalias_reqs;
struct ftalias_sock;

/*
 * A request sent to an alias and not answered yet, kept on the requester's
 * side so that it can be delivered again when the member holding it goes
 * away.  @node, @holder, @skb, @flags, @queued, @held, @waiting,
 * @held_since, @remote, @remote_gen, @next_at, @probes and @nacks are
 * protected by @dst's
 * lock.  A request sent on to the node serving a cluster alias (@remote)
 * is neither held nor has a @holder; one that came from another node has
 * that node in @id.node, and its requester's table is a proxy's
 * (request.c).  @holder is the member the
 * request was delivered to, NULL while it is held (@held: for want of an
 * active member, counted in dst->nr_held) or waiting on an in-progress
 * replay-cache entry (@waiting, counted in dst->rc.waiting).
 *
 * A request restored with its requester alias (alias-restore) is parked
 * until that alias has an active member: @dst is NULL and @parked the id
 * of its destination, both under the requester table's xa_lock, and it is
 * on no list; ftalias_reqs_issue_parked() sends it.
 */
struct ftalias_req {
	struct list_head node;		/* in dst->pending */
	struct ftalias_id id;
	struct ftalias_alias *dst;	/* holds a reference */
	struct ftalias_reqs *owner;	/* valid while on dst->pending */
	u64 owner_gen;			/* owner->gen of an alias; 0: a socket's */
	u32 parked;			/* destination id, while @dst is NULL */
	u64 parked_cookie;		/* and that alias's cookie */
	struct sk_buff *skb;		/* as sent, charged to the sending socket
					 * until it is released; NULL once the
					 * requester's table went away
					 */
	struct ftalias_sock *holder;
	ktime_t held_since;		/* when it was held */
	u32 flags;			/* FTALIAS_F_* of the next delivery */
	bool delivered;			/* to some member, once */
	bool queued;			/* scratch of the hand-over */
	bool held;
	bool waiting;
	bool landing;			/* counted in owner->landing */
	refcount_t ref;
	struct ftalias_input *input;	/* its entry in @dst's log, once a
					 * member read it (input-log): log.h
					 */
	u32 inc;			/* @holder's active_inc when it was
					 * queued to it
					 */
	u32 remote;			/* sent to that node (cluster.h), which
					 * serves @dst; 0: not sent off
					 */
	u32 remote_gen;			/* that node's generation then; of a
					 * request from another node, its
					 * requester's table's (rgen,
					 * cluster.h)
					 */
	unsigned long next_at;		/* jiffies: sent on, when to probe
					 * it; held after a NACK, when to
					 * route it again
					 */
	u8 probes;			/* probes sent since it was sent on */
	u8 nacks;			/* NACKs since it was first held */
};

enum ftalias_msg_kind {
	FTALIAS_MSG_DATAGRAM,	/* to a port */
	FTALIAS_MSG_REQUEST,	/* to an alias: @req is set */
	FTALIAS_MSG_REPLY,	/* to the requester of @id */
	FTALIAS_MSG_NOTICE,	/* the kernel failed request @id: @err */
	FTALIAS_MSG_ORPHAN,	/* orphan notice of request @id */
	FTALIAS_MSG_CHECKPOINT,	/* a chunk of checkpoint @id.xid: log.c */
	FTALIAS_MSG_REPLAY,	/* a logged input @id given again: log.c;
				 * @req is NULL
				 */
};

/* skb->cb of every message queued to an AF_FTALIAS socket. */
struct ftalias_skb_cb {
	struct ftalias_id id;
	struct ftalias_req *req;	/* a reference, for requests */
	u32 src_port;
	u32 src_alias;
	u8 kind;			/* enum ftalias_msg_kind */
	u8 to_alias;			/* replies: routed by id.alias;
					 * requests: logged already (a
					 * read that failed, log.c)
					 */
	u16 flags;			/* FTALIAS_F_* */
	union {
		u32 err;		/* notices */
		u32 src_node;		/* replies: the node of the member
					 * that answered, 0 this one
					 */
		u32 aux;		/* requests, orphan notices: bytes
					 * of handler argument or journal
					 * before the request's; checkpoints:
					 * FTALIAS_CKPT_MORE
					 */
	};
};

static inline struct ftalias_skb_cb *ftalias_cb(const struct sk_buff *skb)
{
	BUILD_BUG_ON(sizeof(struct ftalias_skb_cb) > sizeof(skb->cb));
	return (struct ftalias_skb_cb *)skb->cb;
}

int ftalias_req_cache_init(void);
void ftalias_req_cache_exit(void);
struct ftalias_req *ftalias_req_alloc(void);
void ftalias_req_free(struct ftalias_req *req);
void ftalias_req_put(struct ftalias_req *req);

struct sk_buff *ftalias_alloc_data(u32 len, gfp_t gfp, int *err);
void ftalias_skb_adopt(struct sk_buff *skb);
void ftalias_reply_disown(struct sk_buff *skb);
void ftalias_skb_set_owner_r(struct sk_buff *skb, struct ftalias_sock *fsk);
bool ftalias_queue(struct ftalias_sock *fsk, struct sk_buff *skb);
void ftalias_requeue(struct ftalias_sock *fsk, struct sk_buff *skb);
struct sk_buff *ftalias_recv_skb(struct ftalias_sock *fsk, unsigned int flags,
				 int *err);
bool ftalias_rcv_full(const struct ftalias_sock *fsk);
void ftalias_wake_senders(struct ftalias_sock *fsk);
void ftalias_sock_purge(struct ftalias_sock *fsk);
int ftalias_wait_for_room(struct ftalias_sock *to, long *timeo,
			  bool (*full)(const void *arg), const void *arg);

#endif /* _FTALIAS_MSG_H */
