// SPDX-License-Identifier: GPL-2.0
/*
 * The life of a request sent to an alias: stamped, sent, delivered to
 * the active member or held while there is none, answered (by a member
 * or from the replay cache), routed back to its requester, or failed; the
 * alias's work item that runs the grace periods and TTLs; and
 * ftalias_alias_unlock(), which acts on what the replay cache leaves.
 * The locking rules are in alias.h (alias state), request.h (requests)
 * and sock.h (sockets).
 *
 * A request sent to an alias is kept by its requester (struct ftalias_req
 * in the requester's struct ftalias_reqs, and on the alias's pending list)
 * until its reply arrives.  The member it was delivered to gets a clone of
 * it; when that member goes away, or is demoted before reading it, the
 * request is delivered again, from the requester's copy, to the next
 * active member.  Nothing is kept on the serving side, so the same rule
 * holds when the serving side is another node (cluster mode).
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/jhash.h>
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/lockdep.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/wait_bit.h>
#include <linux/workqueue.h>
#include <net/sock.h>

#include "alias.h"
#include "cluster.h"
#include "ftalias.h"
#include "log.h"
#include "msg.h"
#include "output.h"
#include "replay.h"
#include "request.h"
#include "sock.h"
#include "trace.h"

/*
 * The transaction id is the key of a requester's xarray: 64-bit indices.
 * (On 32-bit, a table keyed by the whole ID would be needed.)
 */
static_assert(sizeof(unsigned long) == sizeof(u64), "64-bit kernels only");

/* Held requests whose grace period ends within this much fail together. */
#define FTALIAS_GRACE_SLACK	(HZ / 100 + 1)
/* When what waits on a requester being copied is tried again. */
#define FTALIAS_FROZEN_RETRY	(HZ / 20 + 1)

/*
 * A requester on another node with requests pending here: its requests'
 * table, as a socket's or an alias's is theirs.  Made by the first
 * request that comes from it (in the namespace's cluster work, which alone
 * adds requests to it), closed when its node goes down or comes up again
 * (another generation), when cluster mode goes off, or empty when there
 * are many.  In ftalias_net.proxies under its proxy_lock, read under RCU.
 */
struct ftalias_proxy {
	struct hlist_node node;
	u32 peer;		/* its node */
	u32 gen;		/* that node's generation (cluster.h) */
	u32 alias;		/* the requester: an alias, or 0 and a port */
	u32 port;
	u32 rgen;		/* and its table (a later one replaces it) */
	struct ftalias_reqs reqs;
	struct rcu_head rcu;
};

enum {
	/* Requesters of other nodes a namespace keeps tables for. */
	FTALIAS_PROXIES_MAX	= 65536,
	/* Past this many, the empty ones go first. */
	FTALIAS_PROXIES_SWEEP	= 1024,
	/* Messages of other nodes one run of the work takes. */
	FTALIAS_REMOTE_BUDGET	= 256,
	/* Answers waiting for a frozen alias, at most. */
	FTALIAS_REMOTE_LATER_MAX = 1024,
	/* A request sent on is probed after 1 s, then 2, 4 and every 8 s. */
	FTALIAS_REMOTE_PROBE_MS	= 1000,
	FTALIAS_REMOTE_PROBES	= 3,
	/* A request sent back is routed again after 20 ms, up to 2.56 s. */
	FTALIAS_REMOTE_NACK_MS	= 10,
	FTALIAS_REMOTE_NACKS	= 8,
};

static u32 ftalias_proxy_hash(u32 peer, u32 alias, u32 port)
{
	return jhash_3words(peer, alias, port, 0);
}

/* The table of requester @id, of another node; under RCU.  NULL: none. */
static struct ftalias_proxy *ftalias_proxy_find(struct ftalias_net *fn,
						const struct ftalias_id *id)
{
	u32 port = id->alias ? 0 : id->port;
	struct ftalias_proxy *p;

	hash_for_each_possible_rcu(fn->proxies, p, node,
				   ftalias_proxy_hash(id->node, id->alias, port))
		if (p->peer == id->node && p->alias == id->alias &&
		    p->port == port)
			return p;
	return NULL;
}

/* A requester table's generation as data messages carry it (never 0). */
static u32 ftalias_rgen(const struct ftalias_reqs *reqs)
{
	return (u32)reqs->gen ?: 1;
}

/*
 * A request from another node that is held here (no active member) goes
 * back to its node; its requester's table is a proxy's.
 */
static bool ftalias_req_from_node(const struct ftalias_req *req)
{
	return req->id.node;
}

void ftalias_reqs_init(struct ftalias_reqs *reqs)
{
	static atomic64_t gen = ATOMIC64_INIT(0);

	xa_init(&reqs->xa);
	atomic64_set(&reqs->xid, 0);
	atomic64_set(&reqs->ack, 0);
	reqs->closed = false;
	reqs->frozen = false;
	reqs->copying = false;
	reqs->parked = 0;
	atomic_set(&reqs->landing, 0);
	reqs->gen = atomic64_inc_return(&gen);
	reqs->pin = 0;
}

/*
 * Whether @reqs holds no request (a reserved entry that keeps a node,
 * __ftalias_reqs_pin(), is none).
 */
bool ftalias_reqs_empty(struct ftalias_reqs *reqs)
{
	unsigned long xid = 0;

	return !xa_find(&reqs->xa, &xid, ULONG_MAX, XA_PRESENT);
}

/*
 * Keep the xarray's leaf of @xid, just filled, when its requests are
 * answered: a reserved entry (invisible to xa_load() and xa_find()) in its
 * last slot, moved on when the ids do.  Without it, a requester with one
 * request at a time allocated and freed (after an RCU grace period) every
 * node down to its leaf on every request.  Best effort: without memory,
 * or where a request is, the old pin stays.
 */
static void __ftalias_reqs_pin(struct ftalias_reqs *reqs, unsigned long xid)
{
	unsigned long pin = xid | (XA_CHUNK_SIZE - 1);
	void *old;

	lockdep_assert_held(&reqs->xa.xa_lock);

	if (pin == reqs->pin || pin == xid)
		return;
	old = __xa_cmpxchg(&reqs->xa, pin, NULL, XA_ZERO_ENTRY,
			   GFP_ATOMIC | __GFP_NOWARN);
	if (old)
		return;
	if (reqs->pin)
		__xa_cmpxchg(&reqs->xa, reqs->pin, XA_ZERO_ENTRY, NULL, 0);
	reqs->pin = pin;
}

/* A request stops waiting on an in-progress replay-cache entry. */
static void __ftalias_note_hold(struct ftalias_alias *alias,
				struct ftalias_req *req)
{
	u64 ms = ktime_ms_delta(ktime_get(), req->held_since);

	lockdep_assert_held(&alias->lock);

	req->waiting = false;
	alias->rc.waiting--;
	if (ms > alias->rc.stats.longest_hold_ms)
		alias->rc.stats.longest_hold_ms = ms;
}

/* Unlink a request that left its requester's table from its alias. */
static void __ftalias_req_unlink(struct ftalias_alias *alias,
				 struct ftalias_req *req)
{
	lockdep_assert_held(&alias->lock);

	if (req->held)
		alias->nr_held--;
	if (req->waiting)
		__ftalias_note_hold(alias, req);
	req->held = false;
	req->holder = NULL;
	list_del_init(&req->node);
	alias->nr_pending--;
	__ftalias_log_req_gone(alias, req);
}

static void ftalias_route(struct ftalias_net *fn, struct sk_buff *skb,
			  struct ftalias_req *req);
static void ftalias_route_answers(struct ftalias_alias *alias);

/*
 * @req left its requester's table @reqs (under its lock) for an answer
 * that ftalias_route() takes to an alias: counted until it is there.
 */
static void __ftalias_req_landing(struct ftalias_reqs *reqs,
				  struct ftalias_req *req)
{
	if (!req->owner_gen)
		return;
	req->landing = true;
	atomic_inc(&reqs->landing);
	__ftalias_output_landing(container_of(reqs, struct ftalias_alias, reqs),
				 &req->id);
}

/*
 * Take the pending state of @req away from its requester, under the
 * alias's lock.  -ENOENT when another taker had it first (it unlinked the
 * request under that lock already), or when the requester goes away
 * (ftalias_reqs_close(), which unlinks it as soon as it gets the lock);
 * -EBUSY while the requester is copied, unless @force (the alias goes).
 */
static int __ftalias_req_steal(struct ftalias_alias *alias,
			       struct ftalias_req *req, bool force)
{
	struct ftalias_reqs *reqs = req->owner;
	int err = 0;

	lockdep_assert_held(&alias->lock);

	xa_lock(&reqs->xa);
	if (reqs->copying && !force)
		err = -EBUSY;
	else if (__xa_cmpxchg(&reqs->xa, (unsigned long)req->id.xid, req,
			      NULL, GFP_ATOMIC) != req)
		err = -ENOENT;
	else
		__ftalias_req_landing(reqs, req);
	xa_unlock(&reqs->xa);
	return err;
}

/*
 * Run the alias's work in @delay jiffies at the latest (grace periods,
 * TTLs, retries and cache answers share it).
 */
void __ftalias_schedule(struct ftalias_alias *alias, unsigned long delay)
{
	struct delayed_work *dw = &alias->work;

	lockdep_assert_held(&alias->lock);

	if (alias->dead)
		return;
	if (delayed_work_pending(dw) &&
	    time_before_eq(READ_ONCE(dw->timer.expires), jiffies + delay))
		return;
	mod_delayed_work(system_wq, dw, delay);
}

/*
 * Held for want of an active member: for the grace period, or, from
 * another node, until the work sends it back there (__ftalias_reroute()).
 */
static void __ftalias_hold(struct ftalias_alias *alias, struct ftalias_req *req)
{
	lockdep_assert_held(&alias->lock);

	req->holder = NULL;
	req->held = true;
	req->held_since = ktime_get();
	alias->nr_held++;
	alias->stats.held++;
	trace_ftalias_request_held(alias, req, FTALIAS_TRACE_HELD_NO_ACTIVE);
	__ftalias_schedule(alias, ftalias_req_from_node(req) ? 0 :
			   msecs_to_jiffies(alias->cfg.grace_ms));
}

/* Held again after a delivery failed: the alias's work tries again. */
static void __ftalias_hold_again(struct ftalias_alias *alias,
				 struct ftalias_req *req, unsigned long delay)
{
	lockdep_assert_held(&alias->lock);

	req->holder = NULL;
	req->held = true;
	req->held_since = ktime_get();
	alias->nr_held++;
	trace_ftalias_request_held(alias, req, FTALIAS_TRACE_HELD_RETRY);
	__ftalias_schedule(alias, delay);
}

/*
 * Held after another node sent @req back: routed again by the work after
 * a delay that doubles with each NACK (20 ms to 2.56 s), failed when the
 * grace period from the first one ends.
 */
static void __ftalias_hold_nacked(struct ftalias_alias *alias,
				  struct ftalias_req *req)
{
	ktime_t since = req->held_since;
	unsigned long delay;

	lockdep_assert_held(&alias->lock);

	if (req->nacks < FTALIAS_REMOTE_NACKS)
		req->nacks++;
	delay = msecs_to_jiffies(FTALIAS_REMOTE_NACK_MS << req->nacks);
	req->next_at = jiffies + delay;
	__ftalias_hold_again(alias, req, delay);
	/* Its grace period runs from the first NACK in a row. */
	if (req->nacks > 1)
		req->held_since = since;
}

/*
 * The node serving cluster alias @alias, which has no active member here,
 * and in @gen that node's generation; 0: none (or not a cluster alias).
 */
static u32 __ftalias_route_of(struct ftalias_alias *alias, u32 *gen)
{
	struct ftalias_net *fn = ftalias_net(alias->net);
	u32 node;

	lockdep_assert_held(&alias->lock);

	if (alias->cfg.scope != FTALIAS_ALIAS_SCOPE_CLUSTER || alias->frozen)
		return 0;
	rcu_read_lock();
	node = ftalias_cluster_route(fn, alias->id);
	*gen = node ? ftalias_cluster_node_gen(fn, node) : 0;
	rcu_read_unlock();
	return *gen ? node : 0;
}

/*
 * Send @req on to @node (generation @gen), which serves @alias: it stays
 * pending here, its copy kept, until it is answered; sent again when that
 * node goes or sends it back.  Held, for the work to try again, when no
 * copy can be made.
 */
static void __ftalias_send_remote(struct ftalias_alias *alias,
				  struct ftalias_req *req, u32 node, u32 gen,
				  struct sk_buff *clone, u64 ack)
{
	unsigned long probe = msecs_to_jiffies(FTALIAS_REMOTE_PROBE_MS);
	struct ftalias_cluster_data *d;
	struct sk_buff *skb = clone;

	lockdep_assert_held(&alias->lock);

	if (!skb)
		skb = skb_clone(req->skb, GFP_ATOMIC | __GFP_NOWARN);
	if (!skb) {
		__ftalias_hold_again(alias, req, 1);
		return;
	}
	d = ftalias_cluster_data(skb);
	*d = (struct ftalias_cluster_data) {
		.id	= req->id,
		.alias	= alias->id,
		.rgen	= ftalias_rgen(req->owner),
		.rflags	= req->flags & (FTALIAS_F_RESENT |
					FTALIAS_F_REDELIVERED),
		.type	= FTALIAS_CLUSTER_REQ,
		.ack	= ack,
	};
	d->id.node = node;
	req->holder = NULL;
	req->remote = node;
	req->remote_gen = gen;
	/* Lost on the way, or there: its probe finds out. */
	req->next_at = jiffies + probe;
	req->probes = 0;
	__ftalias_schedule(alias, probe);
	if (req->delivered) {
		alias->stats.redelivered++;
	} else {
		alias->stats.delivered++;
		req->delivered = true;
	}
	ftalias_cluster_xmit(ftalias_net(alias->net), skb);
}

/*
 * A held reply's request copy stops being charged to its requester's
 * socket once that socket is released (it is @dead), so that a closed
 * member is not kept, with its namespace, for the grace period: as its
 * unanswered requests (ftalias_reqs_disown()), it is then charged to no
 * socket.  Once answered, a request's copy is touched by nobody but its
 * last reference, and the reply holds one: the lock of the alias holding
 * the reply is enough.  ftalias_member_leave() sets @dead under that lock
 * and walks the held replies after, so that none is missed.
 */
void __ftalias_held_reply_disown(struct ftalias_alias *alias,
				 struct sk_buff *skb)
{
	lockdep_assert_held(&alias->lock);

	ftalias_reply_disown(skb);
}

/*
 * Keep a reply to the alias's requests for its next active member, at most
 * grace-ms (in the order they came, so the oldest is first).  It keeps its
 * request, and so the requester's send-buffer charge, until it is read or
 * dropped: the replies held are bounded by what the members sent (their
 * SO_SNDBUF), as for every unread reply.
 */
void __ftalias_hold_reply(struct ftalias_alias *alias,
			  struct sk_buff *skb)
{
	lockdep_assert_held(&alias->lock);

	ftalias_skb_adopt(skb);
	__ftalias_held_reply_disown(alias, skb);
	skb->tstamp = ktime_get();
	__skb_queue_tail(&alias->held_replies, skb);
	__ftalias_schedule(alias, msecs_to_jiffies(alias->cfg.grace_ms));
}

/* Queue @q's messages to @fsk, in order; no spinlock held. */
static void ftalias_queue_all(struct ftalias_sock *fsk, struct sk_buff_head *q)
{
	struct sk_buff *skb;

	while ((skb = __skb_dequeue(q)))
		ftalias_queue(fsk, skb);
}

/*
 * A reply or failure notice to a request of @alias that its active member
 * is to issue again (a replay) waits with that output until it does
 * (output.c), held as __ftalias_hold_reply() holds one.
 */
static bool __ftalias_answer_kept(struct ftalias_alias *alias,
				  struct sk_buff *skb)
{
	u8 kind = ftalias_cb(skb)->kind;

	lockdep_assert_held(&alias->lock);

	if (!READ_ONCE(alias->outputs.hash) ||
	    (kind != FTALIAS_MSG_REPLY && kind != FTALIAS_MSG_NOTICE))
		return false;
	ftalias_skb_adopt(skb);
	__ftalias_held_reply_disown(alias, skb);
	return __ftalias_output_keep(alias, skb);
}

/*
 * Queue @req to member @to.  @clone is a clone of req->skb, or NULL to make
 * one here; if that fails, the request stays held and the alias's work
 * tries again.
 */
static void __ftalias_deliver(struct ftalias_alias *alias,
			      struct ftalias_req *req, struct ftalias_sock *to,
			      struct sk_buff *clone)
{
	struct sk_buff *made = NULL;
	struct ftalias_skb_cb *cb;
	unsigned long delay = 1;
	enum ftalias_rc_verdict verdict = FTALIAS_RC_DELIVER;
	int err;

	lockdep_assert_held(&alias->lock);

	/*
	 * alias-save copies the alias: held until it thaws (no timer); or
	 * @to has not been given the alias's checkpoint yet (no memory):
	 * held until the work gives it.
	 */
	if (alias->frozen || to->ckpt_owed) {
		kfree_skb(clone);
		req->holder = NULL;
		req->held = true;
		req->held_since = ktime_get();
		alias->nr_held++;
		alias->stats.held++;
		trace_ftalias_request_held(alias, req,
					   alias->frozen ?
					   FTALIAS_TRACE_HELD_FROZEN :
					   FTALIAS_TRACE_HELD_CHECKPOINT);
		return;
	}
	/* A restored input's, sent again: replayed, or answered. */
	switch (__ftalias_log_link(alias, req, &made)) {
	case FTALIAS_LOG_REPLAYED:
		kfree_skb(clone);
		req->holder = to;
		return;
	case FTALIAS_LOG_ANSWERED:
		verdict = FTALIAS_RC_ANSWERED;
		break;
	case FTALIAS_LOG_RETRY:
		verdict = FTALIAS_RC_RETRY;
		break;
	case FTALIAS_LOG_DELIVER:
		/* The replay cache first: the request may have been seen. */
		verdict = __ftalias_rc_check(alias, req, &made);
		break;
	}
	switch (verdict) {
	case FTALIAS_RC_DELIVER:
		break;
	case FTALIAS_RC_DELIVER_SKB:
		kfree_skb(clone);
		clone = made;
		break;
	case FTALIAS_RC_WAIT:
		kfree_skb(clone);
		req->waiting = true;
		req->holder = NULL;
		req->held_since = ktime_get();
		alias->rc.waiting++;
		return;
	case FTALIAS_RC_ANSWERED:
		kfree_skb(clone);
		/*
		 * Its requester goes away and took it first: it goes soon; or
		 * its table is being copied: the answer waits for the copy.
		 */
		err = __ftalias_req_steal(alias, req, false);
		if (err) {
			kfree_skb(made);
			if (err == -EBUSY)
				delay = FTALIAS_FROZEN_RETRY;
			goto hold;
		}
		__ftalias_req_unlink(alias, req);
		ftalias_cb(made)->req = req;
		ftalias_skb_adopt(made);
		/* Routed by whoever took the lock, once it lets it go. */
		__skb_queue_tail(&alias->rc.answers, made);
		__ftalias_rc_replied(alias, &req->id);
		return;
	case FTALIAS_RC_RETRY:
		kfree_skb(clone);
		/* Doubling with each failure in a row, reset by a success. */
		delay = __ftalias_rc_backoff(alias);
		goto hold;
	}

	if (!clone)
		clone = skb_clone(req->skb, GFP_ATOMIC | __GFP_NOWARN);
	if (!clone)
		goto hold;
	cb = ftalias_cb(clone);
	cb->req = req;
	cb->flags |= req->flags;
	refcount_inc(&req->ref);
	trace_ftalias_request_delivered(alias, req, to, clone);

	if (req->delivered) {
		alias->stats.redelivered++;
		to->stats.redelivered++;
	} else {
		alias->stats.delivered++;
		req->delivered = true;
	}
	to->stats.delivered++;
	req->holder = to;
	req->inc = to->active_inc;
	req->remote = 0;
	/* A member is released only after it left @alias->members. */
	WARN_ON_ONCE(!ftalias_queue(to, clone));
	return;

hold:
	/* Held again: the alias's work tries again soon. */
	__ftalias_hold_again(alias, req, delay);
}

/*
 * Whether @req, on @alias's pending list, is still its requester's: only
 * then may it be delivered.  Whoever takes a request from its requester's
 * table unlinks it in the same hold of the alias's lock, except a
 * requester that goes away (ftalias_reqs_close()), which unlinks it just
 * after: such a request stays where it is until then.
 */
static bool __ftalias_req_still(struct ftalias_alias *alias,
				struct ftalias_req *req, bool *closed)
{
	struct ftalias_reqs *reqs = req->owner;
	bool owned;

	lockdep_assert_held(&alias->lock);

	/* Off the pending list: answered (a clone was still queued). */
	if (list_empty(&req->node)) {
		*closed = false;
		return false;
	}
	xa_lock(&reqs->xa);
	owned = xa_load(&reqs->xa, (unsigned long)req->id.xid) == req;
	*closed = reqs->closed;
	xa_unlock(&reqs->xa);
	return owned;
}

static bool __ftalias_req_owned(struct ftalias_alias *alias,
				struct ftalias_req *req)
{
	bool owned, closed;

	owned = __ftalias_req_still(alias, req, &closed);
	/* An answered request must never be delivered again. */
	WARN_ON_ONCE(!owned && !closed);
	return owned;
}

/*
 * Whether @req, whose clone a member reads, still waits for its reply:
 * it may have been answered (by another member) or failed meanwhile.
 */
static bool __ftalias_req_pending(struct ftalias_alias *alias,
				  struct ftalias_req *req)
{
	bool closed;

	return __ftalias_req_still(alias, req, &closed);
}

/* Give the held requests and replies to the active member, in order. */
void __ftalias_flush_held(struct ftalias_alias *alias)
{
	struct ftalias_sock *active = alias->active;
	struct ftalias_req *req, *tmp;
	struct sk_buff_head notices;
	struct sk_buff *skb;
	unsigned long retry;

	lockdep_assert_held(&alias->lock);

	if (!active || alias->frozen)
		return;
	/* A new active member reads the alias's checkpoint first. */
	retry = __ftalias_log_give(alias, active);
	if (retry) {
		__ftalias_schedule(alias, retry);
		return;
	}
	__skb_queue_head_init(&notices);
	retry = __ftalias_rc_notify(alias, active, &notices);
	/* A member is released only after it left the alias. */
	while ((skb = __skb_dequeue(&notices)))
		WARN_ON_ONCE(!ftalias_queue(active, skb));
	if (retry)
		__ftalias_schedule(alias, retry);
	list_for_each_entry_safe(req, tmp, &alias->pending, node) {
		if (!req->held || !__ftalias_req_owned(alias, req))
			continue;
		req->held = false;
		alias->nr_held--;
		/* Logged: given above with the inputs, not again. */
		if (ftalias_req_replayed(req)) {
			req->holder = active;
			continue;
		}
		__ftalias_deliver(alias, req, active, NULL);
	}
	while ((skb = __skb_dequeue(&alias->held_replies)))
		if (!__ftalias_answer_kept(alias, skb))
			ftalias_queue(active, skb);
	/* Its restored requests go out from the work, which takes no lock. */
	if (READ_ONCE(alias->reqs.parked))
		__ftalias_schedule(alias, 0);
}

static void ftalias_next(unsigned long *next, unsigned long t);

/*
 * Ask the node @req was sent on to whether it still has it: a request,
 * or its answer, lost on the way (a congested or overloaded receiver, no
 * memory) or there (that node forgot the requesters of this one without
 * this one seeing it go) would wait for ever.  Its node answers only if
 * it does not have it (NACK lost), after any answer it sent: the links
 * keep their order.  After 1 s, then 2, 4, and every 8 s.
 */
static void __ftalias_probe(struct ftalias_alias *alias,
			    struct ftalias_req *req)
{
	struct ftalias_cluster_data *d;
	struct sk_buff *skb;

	lockdep_assert_held(&alias->lock);

	if (req->probes < FTALIAS_REMOTE_PROBES)
		req->probes++;
	req->next_at = jiffies + msecs_to_jiffies(FTALIAS_REMOTE_PROBE_MS <<
						  req->probes);
	/* None now: the next one. */
	skb = alloc_skb(0, GFP_ATOMIC | __GFP_NOWARN);
	if (!skb)
		return;
	d = ftalias_cluster_data(skb);
	*d = (struct ftalias_cluster_data) {
		.id	= req->id,
		.alias	= alias->id,
		.rgen	= ftalias_rgen(req->owner),
		.type	= FTALIAS_CLUSTER_PROBE,
	};
	d->id.node = req->remote;
	ftalias_cluster_xmit(ftalias_net(alias->net), skb);
}

/*
 * The alias's requests and other nodes (cluster mode), from its work:
 *  - those sent on to a node that went since (down, up again, cluster
 *    mode off) are delivered again, flagged FTALIAS_F_REDELIVERED; the
 *    others are probed from time to time (__ftalias_probe());
 *  - with no active member here, the held ones go to the node serving
 *    the alias, if one does, and those that came from another node go
 *    back to it (to @bounced, for ftalias_remote_bounce()): it routes them
 *    again; those another node sent back wait for their delay.
 * @next gets when it has to run again for them.
 */
static void __ftalias_reroute(struct ftalias_alias *alias,
			      struct list_head *bounced, unsigned long *next)
{
	struct ftalias_net *fn = ftalias_net(alias->net);
	struct ftalias_sock *active = alias->active;
	struct ftalias_req *req, *tmp;
	u32 node = 0, gen = 0;
	ktime_t now = ktime_get();
	bool from_node;

	lockdep_assert_held(&alias->lock);

	/* Only a cluster alias has requests sent on or of other nodes. */
	if (alias->cfg.scope != FTALIAS_ALIAS_SCOPE_CLUSTER ||
	    alias->frozen || alias->dead)
		return;
	if (!active)
		node = __ftalias_route_of(alias, &gen);
	list_for_each_entry_safe(req, tmp, &alias->pending, node) {
		from_node = ftalias_req_from_node(req);
		if (req->remote) {
			if (ftalias_cluster_node_gen(fn, req->remote) !=
			    req->remote_gen)
				goto again;
			/*
			 * Still there?  Its node says no if not.  Not sent
			 * back within a probe's time: taken there, so a
			 * later NACK starts a grace period of its own.
			 */
			if (!time_before(jiffies, req->next_at)) {
				req->nacks = 0;
				__ftalias_probe(alias, req);
			}
			ftalias_next(next, req->next_at);
			continue;
		}
		if (!req->held || active || (!from_node && !node))
			continue;
		/*
		 * Sent back by a node: routed again after its delay, until its
		 * grace period (from the first time) ends: then it fails.
		 */
		if (!from_node && req->nacks) {
			if (ktime_after(now, ktime_add_ms(req->held_since,
							  alias->cfg.grace_ms)))
				continue;
			if (time_before(jiffies, req->next_at)) {
				ftalias_next(next, req->next_at);
				continue;
			}
		}
again:
		if (!__ftalias_req_pending(alias, req))
			continue;
		if (req->remote) {
			req->remote = 0;
			req->flags |= FTALIAS_F_REDELIVERED;
		} else if (from_node) {
			if (__ftalias_req_steal(alias, req, true))
				continue;
			__ftalias_req_unlink(alias, req);
			__ftalias_rc_gone(alias, &req->id);
			list_add_tail(&req->node, bounced);
			continue;
		} else {
			req->held = false;
			alias->nr_held--;
		}
		if (active)
			__ftalias_deliver(alias, req, active, NULL);
		else if (node && !from_node)
			__ftalias_send_remote(alias, req, node, gen, NULL, 0);
		else
			__ftalias_hold(alias, req);
	}
}

/*
 * In-progress entries that requests waited on were resolved or left the
 * cache (rc->released): those requests are delivered (or answered) as the
 * cache now says.  One request at most per entry: IDs are unique among
 * pending requests.
 */
static void __ftalias_release_waiting(struct ftalias_alias *alias)
{
	struct ftalias_req *req, *tmp;

	lockdep_assert_held(&alias->lock);

	while (alias->rc.released) {
		alias->rc.released = false;
		list_for_each_entry_safe(req, tmp, &alias->pending, node) {
			if (!alias->rc.waiting)
				break;
			if (!req->waiting ||
			    __ftalias_rc_in_progress(alias, &req->id) ||
			    !__ftalias_req_owned(alias, req))
				continue;
			__ftalias_note_hold(alias, req);
			if (alias->active)
				__ftalias_deliver(alias, req, alias->active,
						  NULL);
			else
				__ftalias_hold(alias, req);
		}
	}
}

/*
 * The table of the requester named by an ID: its alias's, or its
 * socket's, or for another node's, its proxy's.  Under rcu_read_lock();
 * NULL when it is gone.
 */
static struct ftalias_reqs *ftalias_reqs_of(struct ftalias_net *fn,
					    const struct ftalias_id *id)
{
	struct ftalias_alias *alias;
	struct ftalias_sock *fsk;

	struct ftalias_proxy *p;

	if (id->node) {
		p = ftalias_proxy_find(fn, id);
		return p ? &p->reqs : NULL;
	}
	if (id->alias) {
		alias = xa_load(&fn->aliases, id->alias);
		return alias ? &alias->reqs : NULL;
	}
	fsk = xa_load(&fn->ports, id->port);
	return fsk ? &fsk->reqs : NULL;
}

/**
 * __ftalias_req_find() - the pending request @id sent to @alias
 * @alias: the alias, locked
 * @id: a request ID
 *
 * Return: the request (valid while the lock is held), or NULL.
 */
static struct ftalias_req *__ftalias_req_find(struct ftalias_alias *alias,
					      const struct ftalias_id *id)
{
	struct ftalias_net *fn = ftalias_net(alias->net);
	struct ftalias_reqs *reqs;
	struct ftalias_req *req;

	lockdep_assert_held(&alias->lock);

	rcu_read_lock();
	reqs = ftalias_reqs_of(fn, id);
	req = NULL;
	if (reqs) {
		/* In the table, it is pending: its pending state is ours. */
		xa_lock(&reqs->xa);
		req = xa_load(&reqs->xa, (unsigned long)id->xid);
		if (req && (req->dst != alias ||
			    memcmp(&req->id, id, sizeof(*id))))
			req = NULL;
		xa_unlock(&reqs->xa);
	}
	rcu_read_unlock();
	return req;
}

/*
 * A member is released: the requests it sent stay its alias's, but their
 * copies must no longer be charged to its socket, or they would keep the
 * socket, and with it its namespace and the module, alive for as long as
 * they wait (without bound in an alias that has no member).  req->skb is
 * protected by req->dst->lock; a request still in @reqs under that lock
 * was taken by nobody, so its copy is there to orphan.  Called without
 * locks, in process context; the walk ends as soon as nothing is charged
 * to the socket any more (sk_wmem_alloc back at its base of 1: only
 * requests are charged to it, and a socket being released sends nothing).
 */
void ftalias_reqs_disown(struct ftalias_reqs *reqs, struct sock *sk)
{
	struct ftalias_alias *dst;
	struct ftalias_req *req;
	unsigned long xid = 0;

	while (refcount_read(&sk->sk_wmem_alloc) > 1) {
		xa_lock(&reqs->xa);
		req = xa_find(&reqs->xa, &xid, ULONG_MAX, XA_PRESENT);
		if (req)
			refcount_inc(&req->ref);
		/* A parked request is charged to no socket. */
		dst = req ? req->dst : NULL;
		xa_unlock(&reqs->xa);
		if (!req)
			break;
		if (dst) {
			spin_lock(&dst->lock);
			if (xa_load(&reqs->xa, xid) == req && req->skb &&
			    req->skb->sk == sk)
				skb_orphan(req->skb);
			spin_unlock(&dst->lock);
		}
		ftalias_req_put(req);
		if (xid == ULONG_MAX)
			break;
		xid++;
		cond_resched();
	}
}

/**
 * ftalias_stamp() - the ID of a new request from a socket
 * @fsk: the sending socket, bound
 * @id: filled in
 */
void ftalias_stamp(struct ftalias_sock *fsk, struct ftalias_id *id)
{
	struct ftalias_alias *alias = fsk->alias;

	id->node = 0;
	id->port = fsk->port;
	if (alias) {
		id->alias = alias->id;
		id->incarnation = READ_ONCE(alias->incarnation);
		id->xid = atomic64_inc_return(&alias->reqs.xid);
	} else {
		id->alias = 0;
		id->incarnation = 0;
		id->xid = atomic64_inc_return(&fsk->reqs.xid);
	}
}

/*
 * Tell the requesters of the failed requests on @failed, with a message
 * carrying the request's ID and @err.  Process context, no spinlock held
 * (the alias's worker, or alias deletion under the table's mutex): the
 * list may be long, so it yields between requests.
 */
static void ftalias_fail_reqs(struct net *net, struct list_head *failed,
			      int err)
{
	struct ftalias_net *fn = ftalias_net(net);
	struct ftalias_req *req, *tmp;
	u32 dst;
	struct ftalias_skb_cb *cb;
	struct sk_buff *skb;

	list_for_each_entry_safe(req, tmp, failed, node) {
		list_del_init(&req->node);
		/* A parked request (never sent) has the id only. */
		dst = req->dst ? req->dst->id : req->parked;
		trace_ftalias_request_failed(req, net, dst, err);
		/* The clones still queued do not need the sender's copy. */
		kfree_skb(req->skb);
		req->skb = NULL;
		/*
		 * A few bytes, and without them a requester would wait for
		 * ever: worth __GFP_NOFAIL.
		 */
		skb = alloc_skb(0, GFP_KERNEL | __GFP_NOFAIL);
		if (skb) {
			cb = ftalias_cb(skb);
			memset(cb, 0, sizeof(*cb));
			cb->kind = FTALIAS_MSG_NOTICE;
			cb->id = req->id;
			cb->to_alias = !!req->id.alias;
			cb->src_alias = dst;
			cb->err = err;
			ftalias_route(fn, skb, req);
		}
		ftalias_req_put(req);
		cond_resched();
	}
}

/*
 * Send a NACK for request @id (of node @id->node) to alias @alias, for
 * @why (enum ftalias_cluster_nack); @delivered: a member had it here.
 */
static void ftalias_remote_nack(struct ftalias_net *fn,
				const struct ftalias_id *id, u32 alias,
				u32 rgen, u32 why, bool delivered)
{
	struct ftalias_cluster_data *d;
	struct sk_buff *skb;

	/* A few bytes, without which the request waits for its probe. */
	skb = alloc_skb(0, GFP_KERNEL | __GFP_NOFAIL);
	d = ftalias_cluster_data(skb);
	*d = (struct ftalias_cluster_data) {
		.id	= *id,
		.alias	= alias,
		.rgen	= rgen,
		.err	= why,
		.rflags	= delivered ? FTALIAS_CLUSTER_NACK_DELIVERED : 0,
		.type	= FTALIAS_CLUSTER_NACK,
	};
	ftalias_cluster_xmit(fn, skb);
}

/*
 * The requests of other nodes on @bounced (__ftalias_reroute()), out of
 * their tables and alias: each goes back to its node.  Process context,
 * no lock held.
 */
static void ftalias_remote_bounce(struct net *net, struct list_head *bounced)
{
	struct ftalias_net *fn = ftalias_net(net);
	struct ftalias_req *req, *tmp;

	list_for_each_entry_safe(req, tmp, bounced, node) {
		list_del_init(&req->node);
		ftalias_remote_nack(fn, &req->id, req->dst->id, req->remote_gen,
				    FTALIAS_CLUSTER_NACK_MOVED, req->delivered);
		ftalias_req_put(req);
	}
}

/* Keep in @next the earliest of @next and @t (0: none). */
static void ftalias_next(unsigned long *next, unsigned long t)
{
	if (t && (!*next || time_before(t, *next)))
		*next = t;
}

/*
 * Move the held and waiting requests of @alias whose grace period ended
 * by @now to @failed; keep in @next when the next one ends.
 */
static void __ftalias_fail_expired(struct ftalias_alias *alias, ktime_t now,
				   struct list_head *failed,
				   unsigned long *next)
{
	ktime_t start, deadline, orphaned;
	struct ftalias_req *req, *tmp;
	int err;

	lockdep_assert_held(&alias->lock);

	list_for_each_entry_safe(req, tmp, &alias->pending, node) {
		if (!req->held && !req->waiting)
			continue;
		start = req->held_since;
		/*
		 * A request waiting on an in-progress entry waits while a
		 * member owns the entry; once none does, and the alias has
		 * no active member, its grace period runs from the later.
		 */
		if (req->waiting) {
			orphaned = start;
			if (!__ftalias_rc_unowned(alias, &req->id, &orphaned))
				continue;
			if (ktime_after(alias->idle_since, start))
				start = alias->idle_since;
			if (ktime_after(orphaned, start))
				start = orphaned;
		}
		/*
		 * By the clock, not in jiffies: jiffies lag behind it while
		 * the CPU that keeps them misses ticks (a stalled vCPU), and
		 * a request would fail that much before a whole grace period
		 * has passed.  The timer may fire before the deadline for
		 * the same reason: then this runs again later.
		 */
		deadline = ktime_add_ms(start, alias->cfg.grace_ms);
		if (ktime_before(now, deadline)) {
			ftalias_next(next, jiffies + 1 +
				     usecs_to_jiffies(ktime_us_delta(deadline,
								     now)));
			continue;
		}
		err = __ftalias_req_steal(alias, req, false);
		/* One of a requester being copied fails after the copy. */
		if (err == -EBUSY)
			ftalias_next(next, jiffies + FTALIAS_FROZEN_RETRY);
		if (err)
			continue;
		__ftalias_req_unlink(alias, req);
		__ftalias_rc_gone(alias, &req->id);
		list_add_tail(&req->node, failed);
		alias->stats.failed++;
	}
}

/* Under the alias's lock: frozen no more, for a move neither. */
/*
 * Wake the waiters of a frozen alias (ftalias_alias_wait_thawed(),
 * ftalias_alias_lock_thawed()), once the flags they wait on changed.
 */
static void ftalias_alias_wake(struct ftalias_alias *alias)
{
	/*
	 * wake_up_var() reads the wait queue without its lock: the flags'
	 * stores (released by the alias's lock only) must be seen first.
	 * Pairs with the barrier of the waiters' prepare_to_wait_event().
	 */
	smp_mb();
	wake_up_var(&alias->frozen);
}

static void __ftalias_alias_unfreeze(struct ftalias_alias *alias)
{
	lockdep_assert_held(&alias->lock);

	xa_lock(&alias->reqs.xa);
	WRITE_ONCE(alias->reqs.frozen, false);
	WRITE_ONCE(alias->reqs.copying, false);
	xa_unlock(&alias->reqs.xa);
	WRITE_ONCE(alias->frozen, false);
	if (alias->mover) {
		WRITE_ONCE(alias->mover, 0);
		atomic_dec(&ftalias_net(alias->net)->moves);
	}
}

/* Under the alias's lock; the caller wakes the waiters once it let go. */
static void __ftalias_alias_thaw(struct ftalias_alias *alias)
{
	__ftalias_alias_unfreeze(alias);
	__ftalias_flush_held(alias);
	__ftalias_schedule(alias, 0);
}

static void ftalias_reqs_issue_parked(struct ftalias_alias *alias);

/*
 * Fail the requests held longer than the grace period, retry deliveries,
 * drop the replay-cache entries older than their TTL, route the answers
 * made from the cache.
 */
static void ftalias_alias_work(struct work_struct *work)
{
	struct ftalias_alias *alias = container_of(to_delayed_work(work),
						   struct ftalias_alias, work);
	unsigned long grace, next = 0;
	struct sk_buff_head drop;
	struct sk_buff *skb;
	ktime_t now, expiry;
	bool issue = false, thawed = false;
	LIST_HEAD(bounced);
	LIST_HEAD(failed);

	__skb_queue_head_init(&drop);
	spin_lock(&alias->lock);
	/* A move that was not done in time: the alias goes on. */
	if (alias->mover && time_after_eq(jiffies, alias->move_deadline)) {
		__ftalias_alias_thaw(alias);
		thawed = true;
	}
	/*
	 * A frozen alias stays as it is: its thaw runs the work again.  Once
	 * a move's copy is made, its cache ages as any other.
	 */
	if (alias->mover && !alias->dead) {
		next = __ftalias_rc_expire(alias);
		ftalias_next(&next, alias->move_deadline);
		goto sched;
	}
	if (alias->dead || alias->frozen)
		goto out;
	next = __ftalias_rc_expire(alias);
	__ftalias_reroute(alias, &bounced, &next);
	if (alias->active) {
		__ftalias_flush_held(alias);
		issue = READ_ONCE(alias->reqs.parked);
		goto sched;
	}
	/* Replies nobody came to take within the grace period are dropped. */
	now = ktime_get();
	expiry = ktime_sub_ms(now, alias->cfg.grace_ms);
	while ((skb = skb_peek(&alias->held_replies)) &&
	       ktime_before(skb->tstamp, expiry)) {
		__skb_unlink(skb, &alias->held_replies);
		__skb_queue_tail(&drop, skb);
		alias->stats.failed++;
	}
	grace = msecs_to_jiffies(alias->cfg.grace_ms);
	if (skb)
		ftalias_next(&next, jiffies + grace -
			     msecs_to_jiffies(ktime_ms_delta(now, skb->tstamp)));
	__ftalias_fail_expired(alias, now, &failed, &next);
sched:
	/* A little slack, so that what expires together goes together. */
	if (next)
		__ftalias_schedule(alias, (time_after(next, jiffies) ?
					   next - jiffies : 0) +
					  FTALIAS_GRACE_SLACK);
out:
	ftalias_alias_unlock(alias);
	if (thawed)
		ftalias_alias_wake(alias);
	__skb_queue_purge(&drop);
	ftalias_remote_bounce(alias->net, &bounced);
	ftalias_fail_reqs(alias->net, &failed, EHOSTUNREACH);
	if (issue)
		ftalias_reqs_issue_parked(alias);
}

/* The request state of a new alias (ftalias_alias_new() made the rest). */
void ftalias_alias_dp_init(struct ftalias_alias *alias)
{
	INIT_DELAYED_WORK(&alias->work, ftalias_alias_work);
	ftalias_reqs_init(&alias->reqs);
	ftalias_outputs_init(&alias->outputs);
	ftalias_log_init(&alias->log);
	xa_init_flags(&alias->dsts, XA_FLAGS_ACCOUNT);
}

/*
 * A member of @alias sends to alias @dst (or @dst's cache, restored,
 * holds entries of @alias's requests): remember @dst, so that the
 * deletion of @alias can forget its entries there.  Once per destination.
 */
int ftalias_alias_note_dst(struct ftalias_alias *alias, u32 dst)
{
	int err = 0;

	if (xa_load(&alias->dsts, dst))
		return 0;
	xa_lock(&alias->dsts);
	/* Dead: nothing is recorded for its requests any more. */
	if (!READ_ONCE(alias->dead))
		err = __xa_insert(&alias->dsts, dst, xa_mk_value(0),
				  GFP_ATOMIC | __GFP_NOWARN);
	xa_unlock(&alias->dsts);
	return err == -EBUSY ? 0 : err;
}

/*
 * Forget the entries of deleted (or missing) alias @client in @dst's
 * replay cache, a batch at a time.
 */
void ftalias_client_gone(struct ftalias_alias *dst, u32 client)
{
	spin_lock(&dst->lock);
	while (__ftalias_rc_client_gone(dst, client)) {
		ftalias_alias_unlock(dst);
		cond_resched();
		spin_lock(&dst->lock);
	}
	ftalias_alias_unlock(dst);
}

/*
 * @dst holds restored entries of alias @client (the alias that came with
 * their id, with their cookie), up to transaction id @last_xid: they are
 * @client's now, forgotten with it; or, when @client's table has no room
 * for @dst, forgotten at once.  Its members' next IDs are above them
 * all: @client may come from a save older than @dst's, made before its
 * members sent those requests, and a new request must never get an
 * old one's reply.
 */
static void ftalias_alias_adopt(struct ftalias_alias *client,
				struct ftalias_alias *dst, u64 last_xid)
{
	u64 xid = atomic64_read(&client->reqs.xid);

	if (ftalias_alias_note_dst(client, dst->id)) {
		ftalias_client_gone(dst, client->id);
		return;
	}
	while (xid < last_xid &&
	       !atomic64_try_cmpxchg(&client->reqs.xid, &xid, last_xid))
		;
}

/*
 * @dst's cache meets alias @client, in the table: the entries restored
 * there for @client's id are taken by it or dropped (enum
 * ftalias_rc_stray).  Returns whether @dst holds strays still.
 */
static bool ftalias_alias_meet(struct ftalias_alias *client,
			       struct ftalias_alias *dst)
{
	enum ftalias_rc_stray v;
	u64 last_xid;
	bool left;

	spin_lock(&dst->lock);
	v = __ftalias_rc_stray_meet(dst, client->id, client->cookie, &last_xid);
	left = dst->rc.nr_strays;
	spin_unlock(&dst->lock);
	if (v == FTALIAS_RC_STRAY_OURS)
		ftalias_alias_adopt(client, dst, last_xid);
	else if (v == FTALIAS_RC_STRAY_NOT_OURS)
		ftalias_client_gone(dst, client->id);
	return left;
}

/**
 * ftalias_alias_strays_meet() - a new alias meets the restored entries of
 * its id
 * @fn: the namespace's ftalias state, its lock held
 * @alias: the alias, just linked (its members cannot send yet)
 *
 * The caches of ftalias_net.strays may hold entries restored for an
 * alias with @alias's id that was not in the table: @alias takes them if
 * its cookie is theirs (it is that alias, restored), drops them if not
 * (an unrelated alias that got the id, whose requests must never meet
 * them).  A cache left without such entries leaves the list.
 */
void ftalias_alias_strays_meet(struct ftalias_net *fn,
			       struct ftalias_alias *alias)
{
	struct ftalias_alias *dst, *tmp;

	lockdep_assert_held(&fn->lock);

	list_for_each_entry_safe(dst, tmp, &fn->strays, stray_node) {
		if (!ftalias_alias_meet(alias, dst))
			list_del_init(&dst->stray_node);
		cond_resched();
	}
}

/**
 * ftalias_alias_strays_restored() - a restored cache meets the table
 * @fn: the namespace's ftalias state, its lock held
 * @alias: a restored alias, just linked (its members cannot send yet)
 * @clients: its cache's requester aliases, each a stray (restore.c
 *	checked it before the link)
 * @n: how many
 *
 * A requester in the table with the saved cookie takes its entries
 * (@alias itself may be one); one without it drops them; the others
 * wait for an alias of their id (ftalias_alias_strays_meet()), @alias
 * on the namespace's list.
 */
void ftalias_alias_strays_restored(struct ftalias_net *fn,
				   struct ftalias_alias *alias,
				   const struct ftalias_rc_client_info *clients,
				   int n)
{
	struct ftalias_alias *x;
	bool left;
	int i;

	lockdep_assert_held(&fn->lock);

	for (i = 0; i < n; i++) {
		x = __ftalias_alias_by_id(fn, clients[i].alias);
		if (x)
			ftalias_alias_meet(x, alias);
		cond_resched();
	}
	spin_lock(&alias->lock);
	left = alias->rc.nr_strays;
	spin_unlock(&alias->lock);
	if (left)
		list_add_tail(&alias->stray_node, &fn->strays);
}

/* @client was moved away: its entries in @dst stray (see below). */
static void ftalias_client_moved(struct ftalias_net *fn,
				 struct ftalias_alias *dst,
				 struct ftalias_alias *client)
{
	bool stray;

	lockdep_assert_held(&fn->lock);

	spin_lock(&dst->lock);
	stray = __ftalias_rc_client_moved(dst, client->id, client->cookie);
	spin_unlock(&dst->lock);
	if (stray && list_empty(&dst->stray_node))
		list_add_tail(&dst->stray_node, &fn->strays);
}

/**
 * ftalias_alias_forget_dsts() - forget a deleted alias in the caches of
 * the aliases its members sent to
 * @fn: the namespace's ftalias state, its lock held
 * @alias: the alias, out of the table and dead (ftalias_alias_dp_kill())
 *
 * @moved: it was frozen for a move
 *
 * Nothing can send its requests again: their replay-cache entries go, so
 * that an alias created later with the same id never meets them.  The
 * table's lock keeps that alias from being created meanwhile.  A moved
 * alias will send them again once restored: they stay, strays of its
 * cookie, which an alias of its id adopts only if it is the same one
 * (ftalias_alias_strays_meet()).
 */
void ftalias_alias_forget_dsts(struct ftalias_net *fn,
			       struct ftalias_alias *alias, bool moved)
{
	struct ftalias_alias *dst;
	unsigned long id;
	void *entry;

	lockdep_assert_held(&fn->lock);

	list_del_init(&alias->stray_node);
	/* Pairs with ftalias_alias_note_dst(): no insertion after this. */
	xa_lock(&alias->dsts);
	xa_unlock(&alias->dsts);
	/* The namespace goes: every cache goes with it anyway. */
	if (fn->exiting)
		goto out;
	xa_for_each(&alias->dsts, id, entry) {
		dst = __ftalias_alias_by_id(fn, id);
		if (dst && moved)
			ftalias_client_moved(fn, dst, alias);
		else if (dst)
			ftalias_client_gone(dst, alias->id);
		cond_resched();
	}
out:
	xa_destroy(&alias->dsts);
}

/**
 * ftalias_alias_dp_kill() - an alias leaves its table
 * @alias: the alias
 *
 * Fails the requests sent to it (EIDRM to their requesters) and the ones
 * its members sent; its members stay members of a dead alias until they
 * are closed, and their sends fail with EIDRM.  Returns whether it was
 * frozen for a move.  Process context, under the table's mutex: the walks
 * that may be long and do the work (failing the
 * requests, closing the alias's own) yield between requests; the walk
 * under the alias's spinlock only moves requests to a private list.
 */
bool ftalias_alias_dp_kill(struct ftalias_alias *alias)
{
	struct ftalias_req *req, *tmp;
	struct ftalias_sock *old;
	struct sk_buff_head drop;
	LIST_HEAD(failed);
	bool moved;

	__skb_queue_head_init(&drop);
	spin_lock(&alias->lock);
	WRITE_ONCE(alias->dead, true);
	/*
	 * A moved alias goes frozen: its waiters learn that it is gone.  Its
	 * table is closed first: a member waiting to send a new request
	 * must not get an ID after the saved ones.
	 */
	moved = alias->mover;
	xa_lock(&alias->reqs.xa);
	alias->reqs.closed = true;
	xa_unlock(&alias->reqs.xa);
	__ftalias_alias_unfreeze(alias);
	list_for_each_entry_safe(req, tmp, &alias->pending, node) {
		if (__ftalias_req_steal(alias, req, true))
			continue;
		__ftalias_req_unlink(alias, req);
		list_add_tail(&req->node, &failed);
		alias->stats.failed++;
	}
	skb_queue_splice_init(&alias->held_replies, &drop);
	old = alias->active;
	if (old && alias->nr_seq_members)
		__ftalias_conn_active_changed(alias, old, NULL);
	WRITE_ONCE(alias->active, NULL);
	spin_unlock(&alias->lock);

	/* Senders waiting for room in @old learn that the alias is gone; the
	 * table's lock keeps @old from being released meanwhile.
	 */
	if (old)
		ftalias_wake_senders(old);
	ftalias_alias_wake(alias);

	cancel_delayed_work_sync(&alias->work);
	/* Answers made before: their requests left their tables. */
	ftalias_route_answers(alias);
	ftalias_reqs_close(&alias->reqs);
	ftalias_fail_reqs(alias->net, &failed, EIDRM);
	__skb_queue_purge(&drop);
	ftalias_rc_destroy(alias);
	ftalias_log_destroy(alias);
	return moved;
}

/* Waiting for the end of the copy of @alias's table (not of a move). */
static int ftalias_wait_copied(struct ftalias_alias *alias)
{
	return wait_var_event_killable(&alias->frozen,
				       !READ_ONCE(alias->reqs.copying));
}

/*
 * Lock @alias for an administrator's change: once a save's copy is made,
 * but not while it is moved (-EBUSY), which may last move_timeout_ms;
 * -EINTR: a fatal signal.  The lock is held either way.
 */
static int ftalias_alias_lock_unmoved(struct ftalias_alias *alias)
	__acquires(&alias->lock)
{
	spin_lock(&alias->lock);
	while (alias->frozen && !alias->mover) {
		spin_unlock(&alias->lock);
		if (wait_var_event_killable(&alias->frozen,
					    !READ_ONCE(alias->frozen) ||
					    READ_ONCE(alias->mover))) {
			spin_lock(&alias->lock);
			return -EINTR;
		}
		spin_lock(&alias->lock);
	}
	return alias->mover ? -EBUSY : 0;
}

/**
 * ftalias_alias_freeze() - hold an alias still while alias-save copies it
 * @alias: the alias, referenced, under the table's lock
 *
 * Until ftalias_alias_thaw(): the requests sent to it are held, not
 * failed or delivered, and the acks they carry wait for the next ones;
 * its members' records, replies and new requests wait in their send
 * calls (ftalias_alias_lock_thawed()), as do replies to its members'
 * requests, and the answers to them from other caches and their failures
 * wait in the other aliases' works; its own work and the shrinker skip
 * it.  Then it waits, a second at most, for the answers taken out of its
 * table before to be routed to it (struct ftalias_reqs.landing), so that
 * a copy has each of its members' requests either pending or answered.
 *
 * Return: 0, -ENOENT (it is being deleted), -EBUSY (it is being moved) or
 * -EAGAIN (answers kept coming for a second: thawed).
 */
int ftalias_alias_freeze(struct ftalias_alias *alias)
{
	struct ftalias_reqs *reqs = &alias->reqs;

	lockdep_assert_held(&ftalias_net(alias->net)->lock);

	spin_lock(&alias->lock);
	if (alias->dead || alias->frozen) {
		spin_unlock(&alias->lock);
		return alias->dead ? -ENOENT : -EBUSY;
	}
	WRITE_ONCE(alias->frozen, true);
	xa_lock(&reqs->xa);
	WRITE_ONCE(reqs->frozen, true);
	WRITE_ONCE(reqs->copying, true);
	xa_unlock(&reqs->xa);
	spin_unlock(&alias->lock);
	if (wait_var_event_timeout(&reqs->landing,
				   atomic_read(&reqs->landing) <= 0, HZ))
		return 0;
	ftalias_alias_thaw(alias);
	return -EAGAIN;
}

/**
 * ftalias_alias_thaw() - what waited on a frozen alias goes on
 * @alias: the alias, referenced, frozen
 *
 * The held requests are delivered, the work runs, the waiters wake.
 */
void ftalias_alias_thaw(struct ftalias_alias *alias)
{
	spin_lock(&alias->lock);
	__ftalias_alias_thaw(alias);
	ftalias_alias_unlock(alias);
	ftalias_alias_wake(alias);
}

/**
 * ftalias_alias_move() - a frozen alias stays frozen, for a move
 * @alias: the alias, referenced, frozen, under the table's lock
 * @portid: the netlink socket that saved it
 *
 * alias-save with move copied it: nothing may change it before it is
 * deleted (__ftalias_alias_unlink(), which then keeps its entries in
 * other caches).  Thawed if @portid's socket closes first
 * (ftalias_alias_moves_end()), or after move_timeout_ms (its work).
 */
void ftalias_alias_move(struct ftalias_alias *alias, u32 portid)
{
	unsigned long timeout;

	lockdep_assert_held(&ftalias_net(alias->net)->lock);

	timeout = msecs_to_jiffies(max(READ_ONCE(ftalias_move_timeout_ms), 1U));
	spin_lock(&alias->lock);
	WRITE_ONCE(alias->mover, portid);
	alias->move_deadline = jiffies + timeout;
	atomic_inc(&ftalias_net(alias->net)->moves);
	/*
	 * The copy is made: others may answer its members' requests again
	 * (the answers are lost with it; restored, they are sent again).
	 */
	xa_lock(&alias->reqs.xa);
	WRITE_ONCE(alias->reqs.copying, false);
	xa_unlock(&alias->reqs.xa);
	__ftalias_schedule(alias, timeout);
	spin_unlock(&alias->lock);
	/* Administrators waiting for the thaw are refused instead. */
	ftalias_alias_wake(alias);
}

/**
 * ftalias_alias_move_claim() - the deletion that ends a move is coming
 * @alias: the alias, under the table's lock (which the deletion holds too)
 * @portid: the netlink socket deleting it
 *
 * Return: whether @alias is frozen for a move that @portid began; then
 * its timeout can no longer thaw it before the deletion.
 */
bool ftalias_alias_move_claim(struct ftalias_alias *alias, u32 portid)
{
	bool mine;

	lockdep_assert_held(&ftalias_net(alias->net)->lock);

	spin_lock(&alias->lock);
	mine = alias->mover && alias->mover == portid;
	if (mine)
		alias->move_deadline = jiffies + MAX_JIFFY_OFFSET;
	spin_unlock(&alias->lock);
	return mine;
}

/**
 * ftalias_alias_moves_end() - a netlink socket closed: its moves end
 * @fn: the namespace's ftalias state, its lock held
 * @portid: the socket's
 *
 * The aliases it saved for a move and did not delete thaw: the move did
 * not happen.
 */
void ftalias_alias_moves_end(struct ftalias_net *fn, u32 portid)
{
	struct ftalias_alias *alias;
	unsigned long id;
	bool thawed;

	lockdep_assert_held(&fn->lock);

	xa_for_each(&fn->aliases, id, alias) {
		spin_lock(&alias->lock);
		thawed = alias->mover == portid;
		if (thawed)
			__ftalias_alias_thaw(alias);
		ftalias_alias_unlock(alias);
		if (thawed)
			ftalias_alias_wake(alias);
		cond_resched();
	}
}

/**
 * ftalias_reqs_close() - a requester goes away: drop its pending requests
 * @reqs: the requester's table
 *
 * Their clones already queued to members stay there; a reply to them fails
 * with ENOENT.
 */
void ftalias_reqs_close(struct ftalias_reqs *reqs)
{
	struct ftalias_alias *alias;
	struct ftalias_req *req;
	struct sk_buff *skb;
	unsigned long xid;

	xa_lock(&reqs->xa);
	reqs->closed = true;
	xa_unlock(&reqs->xa);

	xa_for_each(&reqs->xa, xid, req) {
		if (xa_cmpxchg(&reqs->xa, xid, req, NULL, 0) != req)
			continue;
		/*
		 * Sent or parked: only the alias's work sends a parked request,
		 * and ftalias_alias_dp_kill() cancelled it before it closed the
		 * table (@closed stops it for a staged alias's table too).
		 */
		alias = req->dst;
		if (!alias) {
			xa_lock(&reqs->xa);
			WRITE_ONCE(reqs->parked, reqs->parked - 1);
			xa_unlock(&reqs->xa);
			ftalias_req_put(req);
			continue;
		}
		spin_lock(&alias->lock);
		__ftalias_req_unlink(alias, req);
		__ftalias_rc_gone(alias, &req->id);
		skb = req->skb;
		req->skb = NULL;
		ftalias_alias_unlock(alias);
		kfree_skb(skb);
		ftalias_req_put(req);
		/* Process context (release, alias deletion): no spinlock held. */
		cond_resched();
	}
	xa_destroy(&reqs->xa);
}

/*
 * A reply or notice to a request of another node goes back there: its
 * request (which the message held) is done with here.
 */
static void ftalias_route_remote(struct ftalias_net *fn, struct sk_buff *skb,
				 struct ftalias_req *req)
{
	struct ftalias_skb_cb cb = *ftalias_cb(skb);
	struct ftalias_cluster_data *d;
	u32 rgen = req ? req->remote_gen : 0;

	skb_orphan(skb);
	if (!rgen) {
		kfree_skb(skb);
		return;
	}
	d = ftalias_cluster_data(skb);
	*d = (struct ftalias_cluster_data) {
		.id	= cb.id,
		.alias	= cb.src_alias,
		.rgen	= rgen,
	};
	if (cb.kind == FTALIAS_MSG_REPLY) {
		d->type = FTALIAS_CLUSTER_REPLY;
		d->port = cb.src_port;
	} else {
		d->type = FTALIAS_CLUSTER_NOTICE;
		d->err = cb.err;
		/* A notice carries no bytes. */
		if (pskb_trim(skb, 0)) {
			kfree_skb(skb);
			return;
		}
	}
	ftalias_cluster_xmit(fn, skb);
}

/*
 * ftalias_route() - queue a reply or notice to the requester of its ID
 * @fn: the namespace's ftalias state
 * @skb: the message, ftalias_cb(skb)->id naming the request; consumed
 * @req: the request it answers, taken out of its requester's table
 *
 * To the port of the ID, or to the active member of its alias (held until
 * there is one), or to the ID's node.  Never waits for room: what a
 * requester can get back is bounded by what it sent.
 */
static void ftalias_route(struct ftalias_net *fn, struct sk_buff *skb,
			  struct ftalias_req *req)
{
	struct ftalias_skb_cb *cb = ftalias_cb(skb);
	struct ftalias_alias *alias;
	struct ftalias_sock *fsk;

	if (cb->id.node) {
		ftalias_route_remote(fn, skb, req);
		return;
	}

	rcu_read_lock();
	if (cb->to_alias) {
		alias = xa_load(&fn->aliases, cb->id.alias);
		if (!alias)
			goto drop;
		spin_lock(&alias->lock);
		/* Landed, if it left this alias's table (not a later one's). */
		if (req && req->landing && req->owner_gen == alias->reqs.gen) {
			req->landing = false;
			if (atomic_dec_and_test(&alias->reqs.landing) &&
			    READ_ONCE(alias->reqs.frozen))
				wake_up_var(&alias->reqs.landing);
		}
		trace_ftalias_reply_routed(skb, alias, NULL);
		if (cb->kind == FTALIAS_MSG_REPLY)
			__ftalias_rc_journal_replied(alias, &cb->id);
		/*
		 * An alias served by connections takes no reply; a new active
		 * member reads the alias's checkpoint first.
		 */
		if (alias->nr_seq_members || alias->dead)
			kfree_skb(skb);
		else if (__ftalias_answer_kept(alias, skb))
			;	/* the output's, for its re-issue */
		else if (alias->active && !alias->active->ckpt_owed)
			ftalias_queue(alias->active, skb);
		else
			__ftalias_hold_reply(alias, skb);
		spin_unlock(&alias->lock);
	} else {
		fsk = xa_load(&fn->ports, cb->id.port);
		if (!fsk)
			goto drop;
		trace_ftalias_reply_routed(skb, NULL, fsk);
		ftalias_queue(fsk, skb);
	}
	rcu_read_unlock();
	return;
drop:
	rcu_read_unlock();
	trace_ftalias_reply_routed(skb, NULL, NULL);
	kfree_skb(skb);
}

/* Route the replies the kernel made from the cache; not under the lock. */
static void ftalias_route_answers(struct ftalias_alias *alias)
{
	struct ftalias_net *fn = ftalias_net(alias->net);
	struct sk_buff_head q;
	struct sk_buff *skb;

	if (skb_queue_empty_lockless(&alias->rc.answers))
		return;
	__skb_queue_head_init(&q);
	spin_lock(&alias->lock);
	skb_queue_splice_init(&alias->rc.answers, &q);
	spin_unlock(&alias->lock);
	while ((skb = __skb_dequeue(&q)))
		ftalias_route(fn, skb, ftalias_cb(skb)->req);
}

/**
 * ftalias_alias_unlock() - let an alias's lock go, acting on what its
 * replay cache left
 * @alias: the alias, locked
 *
 * The replay cache never calls the request code: what one of its calls
 * leads to is done here, by whoever called it.  Under the lock, the
 * requests waiting on entries that were resolved or left go on (which
 * may complete more entries), then the alias's work is armed for the
 * TTL of a first completed entry; after
 * it, the answers the cache made are routed to their requesters (never
 * under the lock: a requester may be another alias, and two alias locks
 * never nest).  Every hold of an alias's lock that may have called into
 * its replay cache ends here, so that no answer is stranded.
 */
void ftalias_alias_unlock(struct ftalias_alias *alias)
	__releases(&alias->lock)
{
	struct ftalias_rc *rc = &alias->rc;

	lockdep_assert_held(&alias->lock);

	/* First: delivering a released request may complete an entry. */
	if (rc->released)
		__ftalias_release_waiting(alias);
	if (rc->arm_ttl) {
		rc->arm_ttl = false;
		__ftalias_schedule(alias,
				   msecs_to_jiffies(alias->cfg.cache_ttl_ms));
	}
	/* A flag left set here would be lost until the next unlock. */
	WARN_ON_ONCE(rc->released || rc->arm_ttl);
	spin_unlock(&alias->lock);
	ftalias_route_answers(alias);
}

/*
 * The message of the request @id pending at @alias, for the replay cache
 * to copy; NULL if there is none.
 */
static const struct sk_buff *__ftalias_request_of(struct ftalias_alias *alias,
						  const struct ftalias_id *id)
{
	struct ftalias_req *req;

	lockdep_assert_held(&alias->lock);

	req = __ftalias_req_find(alias, id);
	return req ? req->skb : NULL;
}

/**
 * ftalias_record() - a member writes its alias's replay cache
 * @fsk: the member
 * @rec: what to record (validated by the caller: type, flags)
 * @data: the reply or argument, from ftalias_rc_data_alloc() (NULL when
 *	@len is 0); consumed
 * @len: its length
 * @nonblock: -EAGAIN rather than wait while the alias is frozen
 *
 * Return: as __ftalias_rc_record(), -EAGAIN (frozen and @nonblock) or
 * -EINTR (a fatal signal while frozen).
 */
int ftalias_record(struct ftalias_sock *fsk, const struct ftalias_record *rec,
		   void *data, u32 len, bool nonblock)
{
	struct ftalias_alias *alias = fsk->alias;
	const struct sk_buff *request;
	struct ftalias_rc_new n = {};
	int err, tries = 0;

	if (rec->type != FTALIAS_RECORD_DISCARD) {
		err = ftalias_rc_new_alloc(&n, rec->type == FTALIAS_RECORD_BLOCK,
					   len);
		if (err)
			goto out;
	}
	do {
		err = ftalias_alias_lock_thawed(alias, nonblock);
		if (err) {
			spin_unlock(&alias->lock);
			goto frozen;
		}
		request = rec->type == FTALIAS_RECORD_DISCARD ? NULL :
			  __ftalias_request_of(alias, &rec->id);
		err = __ftalias_rc_record(alias, fsk, rec, request, &data, len,
					  &n);
		ftalias_alias_unlock(alias);
		/* The copy of the request, of the size it has. */
	} while (err == -EAGAIN && tries++ < 2 &&
		 !(err = ftalias_rc_new_request(&n)));
out:
	if (err == -EAGAIN)
		err = -ENOMEM;
frozen:
	ftalias_rc_new_free(&n);
	ftalias_rc_data_free(data, len);
	return err;
}

/**
 * ftalias_journal_add() - journal a request a member makes for another
 * @fsk: the member
 * @parent: the ID of the request of its alias it is serving
 * @id: the ID the new request will be sent with
 * @dst: the alias it is sent to
 * @skb: a clone of the new request; consumed
 * @nonblock: -EAGAIN rather than wait while the alias is frozen
 *
 * Return: as __ftalias_rc_journal_add(), -EAGAIN (frozen and @nonblock)
 * or -EINTR (a fatal signal while frozen).
 */
int ftalias_journal_add(struct ftalias_sock *fsk,
			const struct ftalias_id *parent,
			const struct ftalias_id *id, u32 dst,
			struct sk_buff *skb, bool nonblock)
{
	struct ftalias_alias *alias = fsk->alias;
	const struct sk_buff *request;
	struct ftalias_rc_new n = {};
	struct ftalias_jrec *jr;
	int err, tries = 0;

	jr = ftalias_rc_jrec_new(id, dst, skb);
	err = ftalias_rc_new_alloc(&n, true, 0);
	if (!jr || err) {
		if (!jr)
			kfree_skb(skb);
		err = -ENOMEM;
		goto out;
	}
	do {
		err = ftalias_alias_lock_thawed(alias, nonblock);
		if (err) {
			spin_unlock(&alias->lock);
			goto frozen;
		}
		request = __ftalias_request_of(alias, parent);
		err = __ftalias_rc_journal_add(alias, fsk, parent, request, &jr,
					       &n);
		ftalias_alias_unlock(alias);
		/* The copy of the parent request, of the size it has. */
	} while (err == -EAGAIN && tries++ < 2 &&
		 !(err = ftalias_rc_new_request(&n)));
out:
	if (err == -EAGAIN)
		err = -ENOMEM;
frozen:
	ftalias_rc_new_free(&n);
	ftalias_rc_jrec_free(jr);
	return err;
}

/**
 * ftalias_flush_cache() - empty a replay cache (netlink cache-flush)
 * @alias: the alias, referenced
 * @in_progress: the in-progress entries too: the requests held on them
 *	are delivered again (executed again)
 * @flushed: how many entries went
 *
 * The entries recorded before the call go, a batch at a time: the lock is
 * let go in between.  A save's freeze is waited for.
 *
 * Return: 0, -EBUSY (the alias is being moved: some may have gone) or
 * -EINTR (a fatal signal while it was frozen).
 */
int ftalias_flush_cache(struct ftalias_alias *alias, bool in_progress,
			u32 *flushed)
{
	int err;
	u64 last;

	*flushed = 0;
	err = ftalias_alias_lock_unmoved(alias);
	if (err)
		goto out;
	last = alias->rc.seq;
	while (__ftalias_rc_flush(alias, in_progress, last, flushed)) {
		ftalias_alias_unlock(alias);
		cond_resched();
		err = ftalias_alias_lock_unmoved(alias);
		if (err)
			break;
	}
out:
	ftalias_alias_unlock(alias);
	return err;
}

/*
 * Take the pending request @id of requester table @reqs for a reply from a
 * member of @alias: it leaves the table and @alias in one hold of the
 * alias's lock, as with every other taker, so that nothing delivers it
 * again once it is answered.  Its pending state's reference becomes the
 * caller's.
 */
static int __ftalias_req_take(struct ftalias_alias *alias,
			      struct ftalias_reqs *reqs,
			      const struct ftalias_id *id,
			      struct ftalias_req **reqp)
{
	XA_STATE(xas, &reqs->xa, (unsigned long)id->xid);
	struct ftalias_req *req;
	int err = 0;

	lockdep_assert_held(&alias->lock);

	/* One walk of the table finds the request and takes it out. */
	xas_lock(&xas);
	req = xas_load(&xas);
	/*
	 * The reserved entry of __ftalias_reqs_pin() is no request, and a
	 * parked one (restored, not sent again yet) is pending nowhere.
	 */
	if (!req || xa_is_zero(req) || memcmp(&req->id, id, sizeof(*id)) ||
	    !req->dst)
		err = -ENOENT;
	else if (req->dst != alias)
		err = -EPERM;
	else if (reqs->copying)
		err = -EBUSY;
	if (!err) {
		xas_store(&xas, NULL);
		__ftalias_req_landing(reqs, req);
	}
	xas_unlock(&xas);
	if (err)
		return err;
	__ftalias_req_unlink(alias, req);
	__ftalias_rc_replied(alias, id);
	alias->stats.replies++;
	*reqp = req;
	return 0;
}

/**
 * ftalias_send_reply() - answer a request
 * @fsk: the replying socket, a member of the alias the request was sent to
 * @id: the request's ID
 * @skb: the reply; consumed
 * @nonblock: -EAGAIN rather than wait while its alias or the requester's
 *	is frozen (alias-save)
 *
 * The first reply to a request wins; the request leaves its requester's
 * table at once.
 *
 * Return: 0 (also for a logged input's request answered already: the
 * reply is dropped, ftalias_log_swallow()), -ENOENT (no pending request
 * with this ID: never sent, answered already, failed, or its requester
 * went away), -EPERM (@fsk is not a member of the alias the request was
 * sent to), -EAGAIN or -EINTR (frozen).
 */
int ftalias_send_reply(struct ftalias_sock *fsk, const struct ftalias_id *id,
		       struct sk_buff *skb, bool nonblock)
{
	struct ftalias_net *fn = ftalias_net(sock_net(&fsk->sk));
	struct ftalias_alias *alias = fsk->alias, *frozen;
	struct ftalias_sock *to = NULL;
	bool requester;
	struct ftalias_skb_cb *cb;
	struct ftalias_reqs *reqs;
	struct ftalias_req *req;
	int err = -ENOENT;

again:
	/* A member reading logged inputs again answers them again. */
	if (alias && ftalias_log_swallow(alias, fsk, id, &skb)) {
		kfree_skb(skb);
		return 0;
	}
	rcu_read_lock();
	/* Only members answer requests; a dead alias has none pending. */
	if (!alias) {
		err = -EPERM;
		goto out;
	}
	/*
	 * A requester that is a socket is looked up once: the reply goes
	 * to the socket whose table held the request (released meanwhile,
	 * ftalias_queue() drops it), never to a later socket on its port.
	 * @reqs, found under RCU, stays valid for the take.
	 */
	if (id->alias || id->node) {
		reqs = ftalias_reqs_of(fn, id);
	} else {
		to = xa_load(&fn->ports, id->port);
		reqs = to ? &to->reqs : NULL;
	}
	if (!reqs)
		goto out;
	spin_lock(&alias->lock);
	/* The answering member's alias, or the requester, may be frozen. */
	frozen = alias->frozen ? alias : NULL;
	err = frozen ? -EBUSY : __ftalias_req_take(alias, reqs, id, &req);
	if (!err)
		fsk->stats.replies++;
	ftalias_alias_unlock(alias);
	if (err == -EBUSY && nonblock) {
		err = -EAGAIN;
	} else if (err == -EBUSY) {
		/* Only an alias's table is copied (a socket's has no @to). */
		requester = !frozen;
		if (requester)
			frozen = container_of(reqs, struct ftalias_alias, reqs);
		if (!refcount_inc_not_zero(&frozen->ref))
			frozen = NULL;
		rcu_read_unlock();
		/* Gone meanwhile: the next try says what became of it. */
		err = !frozen ? 0 : requester ? ftalias_wait_copied(frozen) :
			ftalias_alias_wait_thawed(frozen);
		if (frozen)
			ftalias_alias_put(frozen);
		if (!err)
			goto again;
		kfree_skb(skb);
		return err;
	}
	if (err)
		goto out;

	/*
	 * The reply carries the request, whose copy stays charged to the
	 * requester's send buffer until the reply is read: a requester
	 * that does not read its replies stops being able to send.
	 */
	cb = ftalias_cb(skb);
	memset(cb, 0, sizeof(*cb));
	cb->kind = FTALIAS_MSG_REPLY;
	cb->id = *id;
	cb->req = req;
	cb->to_alias = !!id->alias;
	cb->src_port = fsk->port;
	cb->src_alias = alias->id;
	ftalias_skb_adopt(skb);
	if (to) {
		trace_ftalias_reply_routed(skb, NULL, to);
		ftalias_queue(to, skb);
	} else {
		ftalias_route(fn, skb, req);
	}
	skb = NULL;
out:
	rcu_read_unlock();
	kfree_skb(skb);
	return err;
}

/**
 * ftalias_request_read() - a member reads a request (recvmsg)
 * @fsk: the member
 * @skb: the message, FTALIAS_MSG_REQUEST or FTALIAS_MSG_REPLAY, taken off
 *	its receive queue, not copied to the user yet
 *
 * With its alias's input-log, the request is logged as the next input of
 * the active member; a logged input read again (FTALIAS_MSG_REPLAY) moves
 * the member's position in the log.  A request the member holds while
 * it is no longer active goes back to the alias, for the active member:
 * every input of the state is in the log.
 *
 * Return: 0 (read it), -EAGAIN (not the member's: drop @skb and read the
 * next), -ENOBUFS (the log is full until a checkpoint) or -ENOMEM (queue
 * @skb back).
 */
int ftalias_request_read(struct ftalias_sock *fsk, struct sk_buff *skb)
{
	struct ftalias_alias *alias = fsk->alias;
	struct ftalias_skb_cb *cb = ftalias_cb(skb);
	struct ftalias_req *req = cb->req;
	struct ftalias_input *in = NULL;
	bool pending;
	int err = 0;

	if (!alias || !READ_ONCE(alias->cfg.input_log))
		return 0;
	if (cb->kind == FTALIAS_MSG_REPLAY) {
		/* Given for an earlier active period: not the state's. */
		if (skb->priority != READ_ONCE(fsk->active_inc))
			return -EAGAIN;
		/* Read again after a failed copy: the position is there. */
		if (cb->to_alias)
			return 0;
		spin_lock(&alias->lock);
		__ftalias_log_replay_read(alias, fsk, &cb->id);
		spin_unlock(&alias->lock);
		cb->to_alias = 1;
		return 0;
	}
	if (req->dst != alias)
		return 0;
	if (ftalias_log_prepare(alias))
		return -ENOMEM;
	/* Logged at a read whose copy failed: once only. */
	if (!cb->to_alias) {
		in = ftalias_input_new(skb);
		if (!in)
			return -ENOMEM;
	}

	spin_lock(&alias->lock);
	pending = __ftalias_req_pending(alias, req);
	if (!alias->cfg.input_log || alias->dead) {
		err = 0;
	} else if (alias->active == fsk && !fsk->ckpt_owed &&
		   req->inc == fsk->active_inc) {
		if (in)
			err = __ftalias_log_input(alias, fsk, &in,
						  pending ? req : NULL);
		if (!err)
			cb->to_alias = 1;
	} else if (req->holder == fsk && pending) {
		/*
		 * Queued before the member was demoted (and maybe promoted
		 * again, to replay the log first): the active member's.
		 */
		req->holder = NULL;
		req->held = true;
		req->held_since = ktime_get();
		alias->nr_held++;
		trace_ftalias_request_held(alias, req,
					   FTALIAS_TRACE_HELD_TAKEN_BACK);
		if (alias->active)
			__ftalias_flush_held(alias);
		else
			__ftalias_schedule(alias, 0);
		err = -EAGAIN;
	} else if (alias->active == fsk) {
		/* Of an earlier active period, answered since: nobody's. */
		err = -EAGAIN;
	}
	ftalias_alias_unlock(alias);
	ftalias_input_free(in);
	return err;
}

/*
 * The ack a request of an alias's members carries (RIFL): the lowest
 * transaction id the alias may still send again, that is the lowest of
 * its FTALIAS_ACK and its oldest pending request.  0: none.  Sockets that
 * are not members need none: their entries go with their replies.
 */
static u64 ftalias_reqs_ack(struct ftalias_reqs *reqs)
{
	u64 ack = atomic64_read(&reqs->ack);
	unsigned long first = 0;

	if (!ack)
		return 0;
	if (xa_find(&reqs->xa, &first, ULONG_MAX, XA_PRESENT) &&
	    first < ack)
		ack = first;
	return ack;
}

/* A sender waiting for room at the active member of an alias. */
struct ftalias_wait_active {
	const struct ftalias_alias *alias;
	const struct ftalias_sock *active;
};

/*
 * Whether the sender still waits.  Asked after the alias's lock was let
 * go: a promotion in between, whose wake-up of the old active member's
 * senders may have come before this sender was on the wait queue, ends
 * the wait too.
 */
static bool ftalias_active_full(const void *arg)
{
	const struct ftalias_wait_active *wa = arg;

	return READ_ONCE(wa->alias->active) == wa->active &&
	       ftalias_rcv_full(wa->active) && !READ_ONCE(wa->active->dead) &&
	       !READ_ONCE(wa->alias->dead);
}

/*
 * The request record of @skb from @fsk to @alias, with a clone of @skb
 * for its delivery in @clone; NULL when out of memory (@skb is freed).
 */
static struct ftalias_req *ftalias_req_new(struct ftalias_sock *fsk,
					   struct ftalias_reqs *reqs,
					   struct ftalias_alias *alias,
					   struct sk_buff *skb, bool resent,
					   struct sk_buff **clone)
{
	struct ftalias_skb_cb *cb = ftalias_cb(skb);
	struct ftalias_req *req;

	memset(cb, 0, sizeof(*cb));
	cb->kind = FTALIAS_MSG_REQUEST;
	cb->src_port = fsk->port;
	cb->src_alias = fsk->alias ? fsk->alias->id : 0;

	req = ftalias_req_alloc();
	*clone = skb_clone(skb, GFP_KERNEL);
	if (!req || !*clone ||
	    (fsk->alias && ftalias_alias_note_dst(fsk->alias, alias->id))) {
		if (req)
			ftalias_req_free(req);
		kfree_skb(*clone);
		kfree_skb(skb);
		return NULL;
	}
	/* Complete before the request is visible in @reqs. */
	INIT_LIST_HEAD(&req->node);
	req->owner = reqs;
	req->owner_gen = fsk->alias ? reqs->gen : 0;
	req->flags = resent ? FTALIAS_F_RESENT : 0;
	refcount_set(&req->ref, 1);
	refcount_inc(&alias->ref);
	req->dst = alias;
	req->skb = skb;
	return req;
}

/* Enter @req into @reqs under @id; -EALREADY when the ID is pending. */
static int __ftalias_req_enter(struct ftalias_reqs *reqs,
			       struct ftalias_req *req,
			       const struct ftalias_id *id)
{
	bool pinned;
	void *old;
	int err;

	lockdep_assert_held(&reqs->xa.xa_lock);

	req->id = *id;
	/* The pin's slot holds a reserved entry, not NULL. */
	pinned = id->xid == reqs->pin;
	old = __xa_cmpxchg(&reqs->xa, (unsigned long)id->xid,
			   pinned ? XA_ZERO_ENTRY : NULL, req,
			   GFP_ATOMIC | __GFP_NOWARN);
	err = xa_is_err(old) ? xa_err(old) : old ? -EALREADY : 0;
	if (!err && pinned)
		reqs->pin = 0;
	return err;
}

/*
 * Enter @req into its requester's table @reqs with ID @id, stamped now if
 * @stamp (for a member's output, FTALIAS_OUTPUT_NEW in @ov, logged with
 * @out: output.c); under @alias's lock, the request's destination.  @ack
 * is set to the ack the request carries (ftalias_reqs_ack()), and @fsk's
 * @last_id becomes @id.
 */
static int __ftalias_req_insert(struct ftalias_alias *alias,
				struct ftalias_sock *fsk,
				struct ftalias_reqs *reqs,
				struct ftalias_req *req, struct ftalias_id *id,
				bool stamp, enum ftalias_output_verdict ov,
				u32 sum, struct ftalias_output **out, u64 *ack)
{
	int err;

	lockdep_assert_held(&alias->lock);

	*ack = 0;
	xa_lock(&reqs->xa);
	if (reqs->closed) {
		err = -EIDRM;
		goto out;
	}
	if (reqs->frozen) {
		err = -EBUSY;
		goto out;
	}
	do {
		if (stamp)
			ftalias_stamp(fsk, id);
		err = __ftalias_req_enter(reqs, req, id);
		/* A fresh ID taken by a member's re-send: stamp again. */
	} while (err == -EALREADY && stamp);
	if (err) {
		/* A re-issue, answered when its first sending's answer comes. */
		if (err == -EALREADY && ov == FTALIAS_OUTPUT_REISSUE)
			fsk->last_id = *id;
		goto out;
	}
	if (ov == FTALIAS_OUTPUT_NEW)
		__ftalias_output_add(fsk->alias, fsk, id, alias->id,
				     req->skb->len, sum, out);
	__ftalias_reqs_pin(reqs, (unsigned long)id->xid);
	/* FTALIAS_LAST_ID: sent from here on. */
	fsk->last_id = *id;
	*ack = ftalias_reqs_ack(reqs);
out:
	xa_unlock(&reqs->xa);
	return err;
}

/*
 * @req, in its requester's table, becomes pending at @alias: delivered
 * to @active with @clone (NULL: one is made), or while there is none sent
 * on to the node serving the cluster alias (with @ack), or held.  @clone
 * is consumed.
 */
static void __ftalias_req_pend(struct ftalias_alias *alias,
			       struct ftalias_req *req,
			       struct ftalias_sock *active,
			       struct sk_buff *clone, bool resent, u64 ack)
{
	u32 node = 0, gen;

	lockdep_assert_held(&alias->lock);

	ftalias_cb(req->skb)->id = req->id;
	if (clone)
		ftalias_cb(clone)->id = req->id;
	/* The pending state owns the request and its reference. */
	list_add_tail(&req->node, &alias->pending);
	alias->nr_pending++;
	alias->stats.sent++;
	if (resent)
		alias->stats.resent++;
	trace_ftalias_request_queued(alias, req);
	if (!active && !ftalias_req_from_node(req))
		node = __ftalias_route_of(alias, &gen);
	if (active) {
		__ftalias_deliver(alias, req, active, clone);
	} else if (node) {
		__ftalias_send_remote(alias, req, node, gen, clone, ack);
	} else {
		kfree_skb(clone);
		__ftalias_hold(alias, req);
	}
}

/**
 * ftalias_send_request() - send a request to an alias
 * @fsk: the sending socket, bound
 * @alias: the destination, referenced by the caller until this returns
 *	(ftalias_alias_unlock() still reads it once the request, which has
 *	a reference of its own, may be answered and freed)
 * @skb: the request, charged to @fsk; consumed
 * @id: the ID to send with (not FTALIAS_SEND_NEW), or filled in with the
 *	stamped one
 * @mode: enum ftalias_send_mode
 * @timeo: how long to wait for room in the active member's queue
 *
 * A new ID is stamped only once the request is sure to be queued or held,
 * so that a send that fails uses no transaction id.
 *
 * Return: 0, -EAGAIN / -EINTR / -ERESTARTSYS (no room, no time), -ENOENT
 * (the alias was deleted), -EIDRM (the sender's alias was deleted),
 * -EALREADY (a request with this ID is pending), -ENOBUFS (the sender's
 * alias logs log_max_inputs outputs), -ENOMEM.
 */
int ftalias_send_request(struct ftalias_sock *fsk, struct ftalias_alias *alias,
			 struct sk_buff *skb, struct ftalias_id *id,
			 enum ftalias_send_mode mode, long *timeo)
{
	bool resent = mode == FTALIAS_SEND_RESENT;
	bool stamp = mode == FTALIAS_SEND_NEW;
	struct ftalias_reqs *reqs = fsk->alias ? &fsk->alias->reqs : &fsk->reqs;
	enum ftalias_output_verdict ov = FTALIAS_OUTPUT_NONE;
	struct ftalias_wait_active wa = { .alias = alias };
	struct ftalias_output *out = NULL;
	struct sk_buff_head answers;
	struct ftalias_sock *active;
	struct ftalias_req *req;
	struct sk_buff *clone;
	u32 sum = 0;
	u64 ack;
	int err;

	__skb_queue_head_init(&answers);
	/*
	 * A member's new request may be an output of its alias, or re-issue
	 * one (output.c): one answered already needs no destination.
	 */
	if (stamp && fsk->alias) {
		err = ftalias_output_prepare(fsk->alias, fsk, &out);
		while (!err) {
			ov = ftalias_output_take(fsk->alias, fsk, alias->id,
						 skb, &sum, id, &answers);
			if (ov != FTALIAS_OUTPUT_FROZEN)
				break;
			/* alias-save copies the sender's alias: see the thaw. */
			err = !*timeo ? -EAGAIN :
			      ftalias_alias_wait_thawed(fsk->alias);
		}
		if (err || ov == FTALIAS_OUTPUT_FULL ||
		    ov == FTALIAS_OUTPUT_ANSWERED) {
			kfree(out);
			kfree_skb(skb);
			ftalias_queue_all(fsk, &answers);
			return err ?: ov == FTALIAS_OUTPUT_FULL ? -ENOBUFS : 0;
		}
		if (ov == FTALIAS_OUTPUT_REISSUE) {
			stamp = false;
			resent = true;
		}
	}
	req = ftalias_req_new(fsk, reqs, alias, skb, resent, &clone);
	if (!req) {
		err = -ENOMEM;
		goto err_out;
	}

	for (;;) {
		spin_lock(&alias->lock);
		if (alias->dead) {
			err = -ENOENT;
			break;
		}
		/* Served by connections: it takes no request. */
		if (alias->nr_seq_members) {
			err = -EPROTOTYPE;
			break;
		}
		active = alias->active;
		if (active && ftalias_rcv_full(active)) {
			if (!*timeo) {
				err = -EAGAIN;
				break;
			}
			sock_hold(&active->sk);
			spin_unlock(&alias->lock);
			wa.active = active;
			err = ftalias_wait_for_room(active, timeo,
						    ftalias_active_full, &wa);
			sock_put(&active->sk);
			if (err)
				goto err_free;
			continue;
		}

		err = __ftalias_req_insert(alias, fsk, reqs, req, id, stamp,
					   ov, sum, &out, &ack);
		/*
		 * A re-issue whose first sending came back pending meanwhile
		 * (another member re-issued it): answered when it comes.
		 */
		if (err == -EALREADY && ov == FTALIAS_OUTPUT_REISSUE) {
			ov = FTALIAS_OUTPUT_ANSWERED;
			err = 0;
			break;
		}
		if (err == -EBUSY) {
			/* The sender's alias is frozen: see the thaw. */
			spin_unlock(&alias->lock);
			err = !*timeo ? -EAGAIN :
			      ftalias_alias_wait_thawed(fsk->alias);
			if (err)
				goto err_free;
			continue;
		}
		if (err)
			break;
		/* The acked entries go with the next request, if frozen. */
		if (ack && !alias->frozen)
			__ftalias_rc_ack(alias, id, ack);
		__ftalias_req_pend(alias, req, active, clone, resent, ack);
		ftalias_alias_unlock(alias);
		kfree(out);
		ftalias_queue_all(fsk, &answers);
		return 0;
	}
	spin_unlock(&alias->lock);
err_free:
	req->skb = NULL;
	ftalias_alias_put(alias);
	ftalias_req_free(req);
	kfree_skb(clone);
	kfree_skb(skb);
err_out:
	kfree(out);
	/* Not sent: the member's next request takes the ID again. */
	if (ov == FTALIAS_OUTPUT_REISSUE)
		ftalias_output_untake(fsk->alias, fsk, id);
	ftalias_queue_all(fsk, &answers);
	return err;
}

/*
 * The next parked request of @reqs from @xid on, referenced, with its
 * destination's id in @dst; NULL when none is left.
 */
static struct ftalias_req *ftalias_reqs_next_parked(struct ftalias_reqs *reqs,
						    unsigned long *xid,
						    u32 *dst)
{
	struct ftalias_req *req;

	xa_lock(&reqs->xa);
	/* Frozen: the thaw runs the work again. */
	if (!reqs->parked || reqs->closed || reqs->frozen) {
		xa_unlock(&reqs->xa);
		return NULL;
	}
	xa_for_each_start(&reqs->xa, *xid, req, *xid) {
		if (req->parked)
			break;
	}
	if (req) {
		refcount_inc(&req->ref);
		*dst = req->parked;
	}
	xa_unlock(&reqs->xa);
	return req;
}

/*
 * Take parked @req at @xid out of @reqs for ftalias_fail_reqs() (onto
 * @failed), unless someone else did; under the table's lock.
 */
static void __ftalias_req_unpark_failed(struct ftalias_reqs *reqs,
					struct ftalias_req *req,
					unsigned long xid,
					struct list_head *failed)
{
	lockdep_assert_held(&reqs->xa.xa_lock);

	if (reqs->closed || reqs->frozen || !req->parked ||
	    xa_load(&reqs->xa, xid) != req)
		return;
	__xa_erase(&reqs->xa, xid);
	WRITE_ONCE(reqs->parked, reqs->parked - 1);
	/* Its failure notice comes back to the alias. */
	__ftalias_req_landing(reqs, req);
	list_add_tail(&req->node, failed);
}

/*
 * Send parked @req of @alias (at @xid in its table) to @dst, referenced
 * (the reference becomes the request's), or fail it onto @failed when
 * @dst cannot take it.
 */
static void ftalias_req_unpark(struct ftalias_alias *alias,
			       struct ftalias_req *req, unsigned long xid,
			       struct ftalias_alias *dst,
			       struct list_head *failed)
{
	struct ftalias_reqs *reqs = &alias->reqs;
	bool mine;

	spin_lock(&dst->lock);
	xa_lock(&reqs->xa);
	if (dst->dead || dst->nr_seq_members) {
		__ftalias_req_unpark_failed(reqs, req, xid, failed);
		mine = false;
	} else {
		mine = !reqs->closed && !reqs->frozen && req->parked &&
		       xa_load(&reqs->xa, xid) == req;
	}
	if (mine) {
		req->dst = dst;
		req->parked = 0;
		WRITE_ONCE(reqs->parked, reqs->parked - 1);
	}
	xa_unlock(&reqs->xa);
	if (!mine) {
		spin_unlock(&dst->lock);
		ftalias_alias_put(dst);
		return;
	}
	ftalias_cb(req->skb)->src_port = req->id.port;
	ftalias_cb(req->skb)->src_alias = alias->id;
	__ftalias_req_pend(dst, req, dst->active, NULL, true, 0);
	ftalias_alias_unlock(dst);
}

/*
 * @alias, restored with requests of its members, has an active member:
 * each is sent to its destination again, as its member would re-send it
 * (FTALIAS_F_RESENT, and FTALIAS_F_REDELIVERED when a member there had it
 * once), so that the destination's replay cache answers it, waits for the
 * entry in progress or delivers it.  A destination that is gone (another
 * alias of its id is not it: the cookies tell), or serves connections,
 * fails it with EHOSTUNREACH.  From the alias's work, without locks;
 * ftalias_alias_dp_kill() cancels the work before it closes the table.
 */
static void ftalias_reqs_issue_parked(struct ftalias_alias *alias)
{
	struct ftalias_net *fn = ftalias_net(alias->net);
	struct ftalias_reqs *reqs = &alias->reqs;
	struct ftalias_alias *dst;
	struct ftalias_req *req;
	unsigned long xid = 0;
	LIST_HEAD(failed);
	u32 id;

	while ((req = ftalias_reqs_next_parked(reqs, &xid, &id))) {
		dst = ftalias_alias_get(fn, id);
		/* Only the alias it was sent to, not another of that id. */
		if (dst && (dst->cookie != req->parked_cookie ||
			    ftalias_alias_note_dst(alias, id))) {
			ftalias_alias_put(dst);
			dst = NULL;
		}
		if (dst) {
			ftalias_req_unpark(alias, req, xid, dst, &failed);
		} else {
			xa_lock(&reqs->xa);
			__ftalias_req_unpark_failed(reqs, req, xid, &failed);
			xa_unlock(&reqs->xa);
		}
		ftalias_req_put(req);
		if (xid == ULONG_MAX)
			break;
		xid++;
		cond_resched();
	}
	ftalias_fail_reqs(alias->net, &failed, EHOSTUNREACH);
}

/*
 * Call @fn on @req, at @xid of @reqs and sent to @dst, if it is still
 * there, under the lock that keeps its bytes (@dst's) and the table's.
 */
static int ftalias_req_walk_sent(struct ftalias_reqs *reqs,
				 struct ftalias_req *req, unsigned long xid,
				 struct ftalias_alias *dst,
				 int (*fn)(struct ftalias_req *req, void *arg),
				 void *arg)
{
	int err = 0;

	spin_lock(&dst->lock);
	xa_lock(&reqs->xa);
	if (xa_load(&reqs->xa, xid) == req && req->skb)
		err = fn(req, arg);
	xa_unlock(&reqs->xa);
	spin_unlock(&dst->lock);
	return err;
}

/*
 * Call @fn on each request of @reqs, sent or parked, in the order of their
 * transaction ids, under the lock that keeps its bytes (its destination's,
 * and the table's; a parked request's: the table's) and while it is in the
 * table; stop at its first error.
 */
static int ftalias_reqs_walk(struct ftalias_reqs *reqs,
			     int (*fn)(struct ftalias_req *req, void *arg),
			     void *arg)
{
	struct ftalias_alias *dst;
	struct ftalias_req *req;
	unsigned long xid;
	int err = 0;

	for (xid = 0; !err; xid++) {
		xa_lock(&reqs->xa);
		req = xa_find(&reqs->xa, &xid, ULONG_MAX, XA_PRESENT);
		/* Set once, from NULL, under the table's lock. */
		dst = req ? req->dst : NULL;
		if (req && !dst) {
			/* Parked: its bytes are the table's until it is sent. */
			if (req->skb)
				err = fn(req, arg);
			xa_unlock(&reqs->xa);
			goto next;
		}
		if (req)
			refcount_inc(&req->ref);
		xa_unlock(&reqs->xa);
		if (!req)
			break;
		err = ftalias_req_walk_sent(reqs, req, xid, dst, fn, arg);
		ftalias_req_put(req);
next:
		if (xid == ULONG_MAX)
			break;
		cond_resched();
	}
	return err;
}

static int ftalias_req_snap_size(struct ftalias_req *req, void *arg)
{
	*(u64 *)arg += ftalias_rc_snap_size(req->skb->len);
	return 0;
}

static int ftalias_req_snap_copy(struct ftalias_req *req, void *arg)
{
	struct ftalias_rc_snap *snap = arg;
	struct ftalias_rc_snap_rec *r;

	r = ftalias_rc_snap_add(snap, FTALIAS_RC_SNAP_REQUEST, req->skb->len);
	if (!r)
		return -EAGAIN;
	r->id = req->id;
	r->alias = req->dst ? req->dst->id : req->parked;
	r->cookie = req->dst ? req->dst->cookie : req->parked_cookie;
	if (req->delivered)
		r->flags = FTALIAS_F_REDELIVERED;
	WARN_ON_ONCE(skb_copy_bits(req->skb, 0, r->data, r->len));
	snap->entries++;
	snap->bytes += r->len;
	return 0;
}

/**
 * ftalias_reqs_snapshot() - copy the requests of an alias's members
 * @alias: the alias, referenced, under the namespace's lock
 * @snap: zeroed before the first call; ftalias_rc_snap_free() after
 *
 * For alias-save: every request of the alias's members that waits for its
 * reply, sent or parked, lowest transaction id first, as records of kind
 * FTALIAS_RC_SNAP_REQUEST (@snap->entries counts them).  Room for them is
 * made from a first walk, and again if requests came in between.
 *
 * Return: 0, -ENOMEM, -EFBIG or -EAGAIN (the requests kept growing).
 */
int ftalias_reqs_snapshot(struct ftalias_alias *alias,
			  struct ftalias_rc_snap *snap)
{
	struct ftalias_reqs *reqs = &alias->reqs;
	int tries, err = -EAGAIN;
	u64 need;

	for (tries = 0; tries < 3 && err == -EAGAIN; tries++) {
		need = 0;
		ftalias_reqs_walk(reqs, ftalias_req_snap_size, &need);
		err = ftalias_rc_snap_room(snap, need, tries);
		if (err)
			return err;
		err = ftalias_reqs_walk(reqs, ftalias_req_snap_copy, snap);
	}
	return err;
}

/**
 * ftalias_reqs_restore() - a saved request of an alias's members, parked
 * @alias: the staged alias of a restore, in no table
 * @r: the record: its ID, destination and bytes
 *
 * The request waits in the alias's table, keeping the entries of its ID
 * in its destination's cache (ftalias_reqs_ack()), until the alias has an
 * active member: then it is sent again (ftalias_reqs_issue_parked()).
 *
 * Return: 0, -EEXIST (a request with this ID came before), -ENOMEM.
 */
int ftalias_reqs_restore(struct ftalias_alias *alias,
			 const struct ftalias_rc_snap_rec *r)
{
	struct ftalias_reqs *reqs = &alias->reqs;
	struct ftalias_skb_cb *cb;
	struct ftalias_req *req;
	struct sk_buff *skb;
	int err;

	req = ftalias_req_alloc();
	skb = alloc_skb(r->len, GFP_KERNEL_ACCOUNT);
	if (!req || !skb) {
		kfree_skb(skb);
		if (req)
			ftalias_req_free(req);
		return -ENOMEM;
	}
	skb_put_data(skb, r->data, r->len);
	cb = ftalias_cb(skb);
	memset(cb, 0, sizeof(*cb));
	cb->kind = FTALIAS_MSG_REQUEST;
	INIT_LIST_HEAD(&req->node);
	req->id = r->id;
	req->owner = reqs;
	req->owner_gen = reqs->gen;
	req->parked = r->alias;
	req->parked_cookie = r->cookie;
	req->delivered = r->flags & FTALIAS_F_REDELIVERED;
	req->flags = FTALIAS_F_RESENT | (r->flags & FTALIAS_F_REDELIVERED);
	refcount_set(&req->ref, 1);
	req->skb = skb;
	err = xa_insert(&reqs->xa, (unsigned long)r->id.xid, req,
			GFP_KERNEL_ACCOUNT);
	if (err) {
		req->skb = NULL;
		ftalias_req_free(req);
		kfree_skb(skb);
		return err == -EBUSY ? -EEXIST : err;
	}
	xa_lock(&reqs->xa);
	WRITE_ONCE(reqs->parked, reqs->parked + 1);
	xa_unlock(&reqs->xa);
	return 0;
}

/* A held reply (or notice) @skb as a record of @snap; false: no room. */
static bool ftalias_held_snap_add(struct ftalias_rc_snap *snap,
				  const struct sk_buff *skb)
{
	const struct ftalias_skb_cb *cb = ftalias_cb(skb);
	struct ftalias_rc_snap_rec *r;

	r = ftalias_rc_snap_add(snap, FTALIAS_RC_SNAP_HELD, skb->len);
	if (!r)
		return false;
	r->id = cb->id;
	r->port = cb->src_port;
	r->alias = cb->src_alias;
	r->flags = cb->flags;
	r->err = cb->kind == FTALIAS_MSG_NOTICE ? cb->err : 0;
	WARN_ON_ONCE(skb_copy_bits(skb, 0, r->data, r->len));
	snap->entries++;
	snap->bytes += r->len;
	return true;
}

/**
 * ftalias_held_snapshot() - copy the replies an alias holds for its members
 * @alias: the alias, referenced, under the namespace's lock
 * @snap: zeroed before the first call; ftalias_rc_snap_free() after
 *
 * For alias-save: the replies and failure notices to the requests of the
 * alias's members that came while it had no active member, oldest first,
 * as records of kind FTALIAS_RC_SNAP_HELD (@snap->entries counts them).
 * Their requests have left the alias's table: without them, nothing would
 * answer the requests again.
 *
 * Return: 0, -ENOMEM, -EFBIG or -EAGAIN (they kept growing).
 */
int ftalias_held_snapshot(struct ftalias_alias *alias,
			  struct ftalias_rc_snap *snap)
{
	struct ftalias_output *o;
	struct sk_buff *skb;
	int tries, err = -EAGAIN;
	u64 need;

	for (tries = 0; tries < 3 && err == -EAGAIN; tries++) {
		need = 0;
		spin_lock(&alias->lock);
		skb_queue_walk(&alias->held_replies, skb)
			need += ftalias_rc_snap_size(skb->len);
		xa_lock(&alias->reqs.xa);
		list_for_each_entry(o, &alias->outputs.list, node)
			if (o->answer)
				need += ftalias_rc_snap_size(o->answer->len);
		xa_unlock(&alias->reqs.xa);
		spin_unlock(&alias->lock);
		err = ftalias_rc_snap_room(snap, need, tries);
		if (err)
			return err;
		err = -EAGAIN;
		spin_lock(&alias->lock);
		skb_queue_walk(&alias->held_replies, skb)
			if (!ftalias_held_snap_add(snap, skb))
				goto again;
		/* Those kept for a re-issue too: held again after a restore. */
		xa_lock(&alias->reqs.xa);
		list_for_each_entry(o, &alias->outputs.list, node) {
			if (o->answer && !ftalias_held_snap_add(snap, o->answer)) {
				xa_unlock(&alias->reqs.xa);
				goto again;
			}
		}
		xa_unlock(&alias->reqs.xa);
		err = 0;
again:
		spin_unlock(&alias->lock);
	}
	return err;
}

/**
 * ftalias_held_restore() - a saved reply held for the alias's members
 * @alias: the staged alias of a restore, in no table
 * @r: the record
 *
 * Held again, for the alias's first active member, from now on for at most
 * its grace period (the alias's work, scheduled when the restore links the
 * alias, drops it after).
 *
 * Return: 0 or -ENOMEM.
 */
int ftalias_held_restore(struct ftalias_alias *alias,
			 const struct ftalias_rc_snap_rec *r)
{
	struct ftalias_skb_cb *cb;
	struct sk_buff *skb;

	skb = alloc_skb(r->len, GFP_KERNEL_ACCOUNT);
	if (!skb)
		return -ENOMEM;
	skb_put_data(skb, r->data, r->len);
	cb = ftalias_cb(skb);
	memset(cb, 0, sizeof(*cb));
	cb->kind = r->err ? FTALIAS_MSG_NOTICE : FTALIAS_MSG_REPLY;
	cb->id = r->id;
	cb->to_alias = 1;
	cb->src_port = r->port;
	cb->src_alias = r->alias;
	cb->flags = r->flags;
	cb->err = r->err;
	ftalias_skb_adopt(skb);
	skb->tstamp = ktime_get();
	spin_lock(&alias->lock);
	__skb_queue_tail(&alias->held_replies, skb);
	spin_unlock(&alias->lock);
	return 0;
}

/*
 * Requests across nodes: the namespace's cluster work (cluster.c) queues
 * the data messages it took on ftalias_net.cluster_rxq and runs this
 * file's work, which also closes the proxies of nodes that went and has
 * every cluster alias's work route its requests again when the routes or
 * nodes changed.
 */

/* Close @p: its requests leave their aliases.  Process context. */
static void ftalias_proxy_close(struct ftalias_net *fn, struct ftalias_proxy *p)
{
	spin_lock(&fn->proxy_lock);
	hash_del_rcu(&p->node);
	fn->nr_proxies--;
	spin_unlock(&fn->proxy_lock);
	ftalias_reqs_close(&p->reqs);
	kfree_rcu(p, rcu);
}

/*
 * Close the proxies whose node is no longer up in the generation they
 * were made in (all when cluster mode is off), or (@empty) those with no
 * request.  Only the work adds proxies or requests to them.
 */
static void ftalias_proxies_sweep(struct ftalias_net *fn, bool empty)
{
	struct ftalias_proxy *p;
	struct hlist_node *tmp;
	int bkt;

	hash_for_each_safe(fn->proxies, bkt, tmp, p, node) {
		if (empty ? ftalias_reqs_empty(&p->reqs) :
			    ftalias_cluster_node_gen(fn, p->peer) != p->gen)
			ftalias_proxy_close(fn, p);
		cond_resched();
	}
}

/*
 * The table of requester @id of node @id->node, up in generation @gen,
 * whose own table is @rgen.
 */
static struct ftalias_proxy *ftalias_proxy_get(struct ftalias_net *fn,
					       const struct ftalias_id *id,
					       u32 gen, u32 rgen)
{
	u32 port = id->alias ? 0 : id->port;
	struct ftalias_proxy *p;

	rcu_read_lock();
	p = ftalias_proxy_find(fn, id);
	rcu_read_unlock();
	if (p && p->gen == gen && p->rgen == rgen)
		return p;
	/*
	 * Of an earlier generation of its node, or of an earlier requester
	 * with the same address (a socket's port taken again, an alias made
	 * again): its requests are nobody's any more.
	 */
	if (p)
		ftalias_proxy_close(fn, p);
	/* The empty ones go, at most once a second: a walk of them all. */
	if (fn->nr_proxies >= FTALIAS_PROXIES_SWEEP &&
	    time_after(jiffies, fn->proxies_swept + HZ)) {
		ftalias_proxies_sweep(fn, true);
		fn->proxies_swept = jiffies;
	}
	if (fn->nr_proxies >= FTALIAS_PROXIES_MAX)
		return NULL;
	p = kzalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return NULL;
	p->peer = id->node;
	p->gen = gen;
	p->alias = id->alias;
	p->port = port;
	p->rgen = rgen;
	ftalias_reqs_init(&p->reqs);
	spin_lock(&fn->proxy_lock);
	hash_add_rcu(fn->proxies, &p->node,
		     ftalias_proxy_hash(p->peer, p->alias, port));
	fn->nr_proxies++;
	spin_unlock(&fn->proxy_lock);
	return p;
}

/*
 * A request of another node to a cluster alias here: pending at the
 * alias as any, its requester's table a proxy's; sent back (NACK) when
 * the alias is not here or has no active member, or when that member has
 * no room (or the alias is frozen): this node holds no request of
 * another, which that node keeps and routes again.  A request already
 * pending (its node sent it again after a lost link) is dropped: the one
 * here is answered.
 */
static void ftalias_remote_req(struct ftalias_net *fn, struct sk_buff *skb)
{
	struct ftalias_cluster_data d = *ftalias_cluster_data(skb);
	struct ftalias_alias *alias;
	struct ftalias_proxy *p;
	struct ftalias_req *req;
	struct ftalias_skb_cb *cb;
	u32 gen, why = FTALIAS_CLUSTER_NACK_BUSY;
	int err;

	rcu_read_lock();
	gen = ftalias_cluster_node_gen(fn, d.id.node);
	alias = xa_load(&fn->aliases, d.alias);
	if (alias && !refcount_inc_not_zero(&alias->ref))
		alias = NULL;
	rcu_read_unlock();
	/* Its node went meanwhile: it sends it elsewhere. */
	if (!gen)
		goto drop;
	/* A cluster alias's scope is set when it is made, and stays. */
	if (!alias || alias->cfg.scope != FTALIAS_ALIAS_SCOPE_CLUSTER) {
		why = FTALIAS_CLUSTER_NACK_NO_ALIAS;
		goto nack;
	}
	p = ftalias_proxy_get(fn, &d.id, gen, d.rgen);
	req = p ? ftalias_req_alloc() : NULL;
	if (!req)
		goto nack;

	cb = ftalias_cb(skb);
	memset(cb, 0, sizeof(*cb));
	cb->kind = FTALIAS_MSG_REQUEST;
	cb->src_port = d.id.port;
	cb->src_alias = d.id.alias;
	INIT_LIST_HEAD(&req->node);
	req->owner = &p->reqs;
	req->remote_gen = d.rgen;
	req->flags = d.rflags;
	refcount_set(&req->ref, 1);
	/* The request's reference; ours is kept until the unlock. */
	refcount_inc(&alias->ref);
	req->dst = alias;
	req->skb = skb;

	spin_lock(&alias->lock);
	err = 0;
	if (alias->dead) {
		why = FTALIAS_CLUSTER_NACK_NO_ALIAS;
		err = -ENOENT;
	} else if (alias->nr_seq_members || !alias->active) {
		why = FTALIAS_CLUSTER_NACK_MOVED;
		err = -EHOSTUNREACH;
	} else if (alias->frozen || ftalias_rcv_full(alias->active)) {
		err = -ENOBUFS;
	} else {
		xa_lock(&p->reqs.xa);
		err = p->reqs.closed ? -EIDRM :
		      __ftalias_req_enter(&p->reqs, req, &d.id);
		xa_unlock(&p->reqs.xa);
	}
	if (err) {
		spin_unlock(&alias->lock);
		req->skb = NULL;
		ftalias_alias_put(alias);
		ftalias_req_free(req);
		if (err == -EALREADY)
			goto drop;
		goto nack;
	}
	if (d.ack && !alias->frozen)
		__ftalias_rc_ack(alias, &req->id, d.ack);
	__ftalias_req_pend(alias, req, alias->active, NULL,
			   d.rflags & FTALIAS_F_RESENT, 0);
	ftalias_alias_unlock(alias);
	ftalias_alias_put(alias);
	return;

nack:
	ftalias_remote_nack(fn, &d.id, d.alias, d.rgen, why, false);
drop:
	if (alias)
		ftalias_alias_put(alias);
	kfree_skb(skb);
}

/*
 * The request @id of this node that was sent to node @peer, referenced,
 * and its table in @reqsp; NULL if there is none.  Under RCU.
 */
static struct ftalias_req *ftalias_remote_find(struct ftalias_net *fn,
					       const struct ftalias_id *id,
					       struct ftalias_reqs **reqsp)
{
	struct ftalias_reqs *reqs = ftalias_reqs_of(fn, id);
	struct ftalias_req *req = NULL;

	if (!reqs)
		return NULL;
	xa_lock(&reqs->xa);
	req = xa_load(&reqs->xa, (unsigned long)id->xid);
	if (req && (xa_is_zero(req) || !req->dst ||
		    memcmp(&req->id, id, sizeof(*id))))
		req = NULL;
	if (req)
		refcount_inc(&req->ref);
	xa_unlock(&reqs->xa);
	*reqsp = reqs;
	return req;
}

/*
 * A reply, notice or NACK from node @d->id.node for one of this node's
 * requests: taken as one from a member here, or sent again.  false: the
 * alias or the requester is frozen (alias-save), try again later.
 */
static bool ftalias_remote_answer(struct ftalias_net *fn, struct sk_buff *skb)
{
	struct ftalias_cluster_data d = *ftalias_cluster_data(skb);
	struct ftalias_id id = d.id;
	struct ftalias_req *req, *taken;
	struct ftalias_reqs *reqs;
	struct ftalias_alias *dst;
	struct ftalias_skb_cb *cb;
	int err = -ENOENT;

	id.node = 0;
	rcu_read_lock();
	req = ftalias_remote_find(fn, &id, &reqs);
	/* Of this requester, not of an earlier one with its address. */
	if (!req || ftalias_rgen(reqs) != d.rgen)
		goto stale;
	dst = req->dst;
	spin_lock(&dst->lock);
	/* Only from the node it was sent to, while it waits for it. */
	if (req->remote != d.id.node || !__ftalias_req_pending(dst, req)) {
		spin_unlock(&dst->lock);
		goto stale;
	}
	if (dst->frozen) {
		spin_unlock(&dst->lock);
		err = -EBUSY;
		goto stale;
	}
	if (d.type == FTALIAS_CLUSTER_NACK) {
		/* Lost there: a member may have had it before. */
		req->remote = 0;
		if ((d.rflags & FTALIAS_CLUSTER_NACK_DELIVERED) ||
		    d.err == FTALIAS_CLUSTER_NACK_LOST)
			req->flags |= FTALIAS_F_REDELIVERED;
		if (dst->active)
			__ftalias_deliver(dst, req, dst->active, NULL);
		else
			__ftalias_hold_nacked(dst, req);
		ftalias_alias_unlock(dst);
		rcu_read_unlock();
		ftalias_req_put(req);
		kfree_skb(skb);
		return true;
	}
	err = __ftalias_req_take(dst, reqs, &id, &taken);
	ftalias_alias_unlock(dst);
	if (err)
		goto stale;

	cb = ftalias_cb(skb);
	memset(cb, 0, sizeof(*cb));
	cb->id = id;
	cb->req = taken;
	cb->to_alias = !!id.alias;
	cb->src_alias = d.alias;
	if (d.type == FTALIAS_CLUSTER_REPLY) {
		cb->kind = FTALIAS_MSG_REPLY;
		cb->src_port = d.port;
		cb->src_node = d.id.node;
	} else {
		cb->kind = FTALIAS_MSG_NOTICE;
		cb->err = d.err;
	}
	ftalias_skb_adopt(skb);
	ftalias_route(fn, skb, taken);
	rcu_read_unlock();
	ftalias_req_put(req);
	return true;

stale:
	rcu_read_unlock();
	if (req)
		ftalias_req_put(req);
	if (err == -EBUSY)
		return false;
	ftalias_cluster_stale(fn);
	kfree_skb(skb);
	return true;
}

/*
 * A node asks whether a request it sent is still here: if not (never
 * came, answered, or forgotten with its requester's proxy), it is told
 * so (NACK lost) and sends it again.  Its answer, if one was sent, went
 * before.
 */
static void ftalias_remote_probe(struct ftalias_net *fn, struct sk_buff *skb)
{
	struct ftalias_cluster_data d = *ftalias_cluster_data(skb);
	struct ftalias_proxy *p;
	struct ftalias_req *req;
	bool here = false;
	u32 gen;

	kfree_skb(skb);
	rcu_read_lock();
	gen = ftalias_cluster_node_gen(fn, d.id.node);
	p = ftalias_proxy_find(fn, &d.id);
	if (p && p->gen == gen && p->rgen == d.rgen) {
		xa_lock(&p->reqs.xa);
		req = xa_load(&p->reqs.xa, (unsigned long)d.id.xid);
		here = req && !xa_is_zero(req) && req->dst &&
		       req->dst->id == d.alias &&
		       !memcmp(&req->id, &d.id, sizeof(d.id));
		xa_unlock(&p->reqs.xa);
	}
	rcu_read_unlock();
	/* Its node went meanwhile: it sends it elsewhere. */
	if (!here && gen)
		ftalias_remote_nack(fn, &d.id, d.alias, d.rgen,
				    FTALIAS_CLUSTER_NACK_LOST, false);
}

/* Every cluster alias's work routes its requests again. */
static void ftalias_remote_reroute_all(struct ftalias_net *fn)
{
	struct ftalias_alias *alias;
	unsigned long id;

	rcu_read_lock();
	xa_for_each(&fn->aliases, id, alias) {
		if (alias->cfg.scope != FTALIAS_ALIAS_SCOPE_CLUSTER)
			continue;
		spin_lock(&alias->lock);
		__ftalias_schedule(alias, 0);
		spin_unlock(&alias->lock);
	}
	rcu_read_unlock();
}

static void ftalias_remote_work(struct work_struct *work)
{
	struct ftalias_net *fn = container_of(to_delayed_work(work),
					      struct ftalias_net,
					      cluster_rx_work);
	struct sk_buff_head *later = &fn->cluster_rx_later;
	int budget = FTALIAS_REMOTE_BUDGET;
	struct sk_buff *skb;

	if (test_and_clear_bit(FTALIAS_CLUSTER_EV_CHANGED,
			       &fn->cluster_events)) {
		ftalias_proxies_sweep(fn, false);
		ftalias_remote_reroute_all(fn);
	}
	/*
	 * Answers wait, in the order they came, while the first of them
	 * waits for a frozen alias (alias-save): a reply is never overtaken
	 * by the NACK its node sent after it.  One try of the first per run.
	 */
	while ((skb = skb_dequeue(later))) {
		if (!ftalias_remote_answer(fn, skb)) {
			skb_queue_head(later, skb);
			break;
		}
	}
	/* Past this many waiting, the node socket is left to fill up. */
	while (skb_queue_len(later) < FTALIAS_REMOTE_LATER_MAX &&
	       budget-- > 0 && (skb = skb_dequeue(&fn->cluster_rxq))) {
		switch (ftalias_cluster_data(skb)->type) {
		case FTALIAS_CLUSTER_REQ:
			ftalias_remote_req(fn, skb);
			break;
		case FTALIAS_CLUSTER_PROBE:
			ftalias_remote_probe(fn, skb);
			break;
		default:
			if (!skb_queue_empty(later) ||
			    !ftalias_remote_answer(fn, skb))
				skb_queue_tail(later, skb);
			break;
		}
		cond_resched();
	}
	if (skb_queue_len(later) < FTALIAS_REMOTE_LATER_MAX &&
	    !skb_queue_empty(&fn->cluster_rxq))
		mod_delayed_work(system_highpri_wq, &fn->cluster_rx_work, 0);
	else if (!skb_queue_empty(&fn->cluster_rx_later))
		queue_delayed_work(system_highpri_wq, &fn->cluster_rx_work,
				   FTALIAS_FROZEN_RETRY);
	ftalias_cluster_rx_done(fn);
}

void ftalias_remote_net_init(struct ftalias_net *fn)
{
	spin_lock_init(&fn->proxy_lock);
	hash_init(fn->proxies);
	fn->nr_proxies = 0;
	skb_queue_head_init(&fn->cluster_rx_later);
	INIT_DELAYED_WORK(&fn->cluster_rx_work, ftalias_remote_work);
}

/*
 * Before the aliases go (cluster mode is off): no work runs any more, the
 * requests of other nodes leave their aliases.
 */
void ftalias_remote_net_exit(struct ftalias_net *fn)
{
	cancel_delayed_work_sync(&fn->cluster_rx_work);
	skb_queue_purge(&fn->cluster_rx_later);
	skb_queue_purge(&fn->cluster_rxq);
	ftalias_proxies_sweep(fn, false);
	WARN_ON_ONCE(fn->nr_proxies);
}

#ifdef FTALIAS_KUNIT
#include "request_test.c"
#endif
