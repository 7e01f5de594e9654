// SPDX-License-Identifier: GPL-2.0
/*
 * Messages of AF_FTALIAS sockets: the control block every message
 * carries, the request record a request (and its reply) holds, how
 * messages are charged to the socket they are queued to, and the one
 * wait of a sender for room in a full receive queue.  Nothing here calls
 * up into the socket, request or replay-cache code.
 */

#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/wait.h>
#include <net/sock.h>

#include "alias.h"
#include "msg.h"
#include "sock.h"

static struct kmem_cache *ftalias_req_cache __ro_after_init;

int __init ftalias_req_cache_init(void)
{
	ftalias_req_cache = KMEM_CACHE(ftalias_req, SLAB_ACCOUNT);
	return ftalias_req_cache ? 0 : -ENOMEM;
}

void ftalias_req_cache_exit(void)
{
	kmem_cache_destroy(ftalias_req_cache);
}

struct ftalias_req *ftalias_req_alloc(void)
{
	return kmem_cache_zalloc(ftalias_req_cache, GFP_KERNEL);
}

/* A request that was never published: no reference taken yet. */
void ftalias_req_free(struct ftalias_req *req)
{
	kmem_cache_free(ftalias_req_cache, req);
}

void ftalias_req_put(struct ftalias_req *req)
{
	if (!refcount_dec_and_test(&req->ref))
		return;
	WARN_ON_ONCE(!list_empty(&req->node));
	/* Still here only when answered: the other ends free it earlier. */
	consume_skb(req->skb);
	if (req->dst)
		ftalias_alias_put(req->dst);
	kmem_cache_free(ftalias_req_cache, req);
}

/*
 * Destructor of every message the data path holds: uncharges the socket
 * it is queued to, if any, and drops the request it carries (a request's
 * clone, or a reply that keeps its request, and so the requester's send
 * buffer charge, until it is read).
 */
static void ftalias_skb_destructor(struct sk_buff *skb)
{
	struct ftalias_req *req = ftalias_cb(skb)->req;

	if (skb->sk)
		sock_rfree(skb);
	if (req)
		ftalias_req_put(req);
}

/*
 * Make @skb the data path's, owned by no socket: the sender's charge, or
 * the charge of the queue it was on, is released.  Its ftalias_skb_cb
 * must be filled in.
 */
void ftalias_skb_adopt(struct sk_buff *skb)
{
	if (skb->destructor != ftalias_skb_destructor) {
		skb_orphan(skb);
		skb->destructor = ftalias_skb_destructor;
	} else if (skb->sk) {
		sock_rfree(skb);
		skb->sk = NULL;
	}
}

void ftalias_skb_set_owner_r(struct sk_buff *skb, struct ftalias_sock *fsk)
{
	ftalias_skb_adopt(skb);
	skb->sk = &fsk->sk;
	atomic_add(skb->truesize, &fsk->sk.sk_rmem_alloc);
}

/*
 * The request copy of reply @skb, held for a requester alias, stops being
 * charged to the member that sent it once that member is released: see
 * __ftalias_held_reply_disown() (request.c) for the locking.
 */
void ftalias_reply_disown(struct sk_buff *skb)
{
	struct ftalias_req *req = ftalias_cb(skb)->req;
	struct sock *sk;

	if (!req || !req->skb)
		return;
	sk = req->skb->sk;
	if (sk && READ_ONCE(ftalias_sk(sk)->dead))
		skb_orphan(req->skb);
}

/*
 * A message of @len bytes to fill with skb_store_bits(), made without a
 * high-order allocation (GFP_ATOMIC under the alias's lock): linear while
 * it fits in a page, a full page of head and order-0 page fragments
 * beyond.  At most MAX_SKB_FRAGS - 1 fragments: from v6.5 (09c2c90705bb)
 * until a fix of 2025, alloc_skb_with_frags() fails with EMSGSIZE past
 * that.  A whole orphan notice and an answer fit, which
 * ftalias_rc_module_init() (replay.c) asserts at build time, and so does a chunk of a
 * checkpoint (FTALIAS_MSG_MAX, log.c).
 *
 * Return: the message, or NULL with *@err set: -ENOMEM (try again later)
 * or -EMSGSIZE (never fits).
 */
struct sk_buff *ftalias_alloc_data(u32 len, gfp_t gfp, int *err)
{
	u32 head = min_t(u32, len, SKB_MAX_HEAD(0));
	struct sk_buff *msg;

	*err = -ENOMEM;
	if (len == head) {
		msg = alloc_skb(len, gfp | __GFP_NOWARN);
		if (msg)
			skb_put(msg, len);
		return msg;
	}
	msg = alloc_skb_with_frags(head, len - head, 0, err,
				   gfp | __GFP_NOWARN);
	if (!msg) {
		if (*err != -EMSGSIZE)
			*err = -ENOMEM;
		return NULL;
	}
	skb_put(msg, head);
	msg->len += len - head;
	msg->data_len = len - head;
	return msg;
}

bool ftalias_rcv_full(const struct ftalias_sock *fsk)
{
	return atomic_read(&fsk->sk.sk_rmem_alloc) >= READ_ONCE(fsk->sk.sk_rcvbuf);
}

/**
 * ftalias_queue() - queue a message to a socket
 * @fsk: the receiving socket
 * @skb: the message, its ftalias_skb_cb filled in; consumed
 *
 * The receive buffer limit is the caller's business: senders wait for room
 * before, replies and hand-overs never wait.
 *
 * Return: false if @fsk was released (and @skb freed).
 */
bool ftalias_queue(struct ftalias_sock *fsk, struct sk_buff *skb)
{
	struct sk_buff_head *q = &fsk->sk.sk_receive_queue;
	unsigned long flags;

	ftalias_skb_set_owner_r(skb, fsk);
	spin_lock_irqsave(&q->lock, flags);
	if (fsk->dead) {
		spin_unlock_irqrestore(&q->lock, flags);
		kfree_skb(skb);
		return false;
	}
	__skb_queue_tail(q, skb);
	spin_unlock_irqrestore(&q->lock, flags);
	fsk->sk.sk_data_ready(&fsk->sk);
	return true;
}

/* Put back at the head a message recvmsg() took but could not copy. */
void ftalias_requeue(struct ftalias_sock *fsk, struct sk_buff *skb)
{
	struct sk_buff_head *q = &fsk->sk.sk_receive_queue;
	unsigned long flags;

	spin_lock_irqsave(&q->lock, flags);
	if (fsk->dead) {
		spin_unlock_irqrestore(&q->lock, flags);
		kfree_skb(skb);
		return;
	}
	__skb_queue_head(q, skb);
	spin_unlock_irqrestore(&q->lock, flags);
	/* Another reader may have gone to sleep on the empty queue. */
	fsk->sk.sk_data_ready(&fsk->sk);
}

/**
 * ftalias_recv_skb() - the next message of @fsk's receive queue
 * @fsk: the receiving socket
 * @flags: recvmsg()'s flags (MSG_PEEK, MSG_DONTWAIT)
 * @err: set when no message is returned
 *
 * skb_recv_datagram(), except that a wait ended by a signal is never
 * restarted: -EINTR, as with a receive timeout, instead of -ERESTARTSYS.
 * recvmmsg() keeps the error of a receive that fails after its first
 * message in sk_err and returns the count; the next call on the socket
 * (recvmsg(), recvmmsg(), getsockopt(SO_ERROR)) reports it, and no
 * signal is pending then to turn -ERESTARTSYS into -EINTR or a restart:
 * errno 512 would reach user space.
 *
 * Return: the message, taken off the queue unless MSG_PEEK, or NULL and
 * *@err: -EAGAIN, -EINTR, a kept error, or 0 (RCV_SHUTDOWN).
 */
struct sk_buff *ftalias_recv_skb(struct ftalias_sock *fsk, unsigned int flags,
				 int *err)
{
	struct sk_buff *skb = skb_recv_datagram(&fsk->sk, flags, err);

	if (!skb && *err == -ERESTARTSYS)
		*err = -EINTR;
	return skb;
}

/* Wake the senders waiting for room in @fsk's receive queue. */
void ftalias_wake_senders(struct ftalias_sock *fsk)
{
	/*
	 * The room was made before: a sender that checks for room after
	 * prepare_to_wait() sees it, or is seen on the wait queue here.
	 * The barrier pairs with the one of set_current_state() in
	 * prepare_to_wait().
	 */
	smp_mb();
	/* Lockless check, ordered by the barrier above. */
	if (waitqueue_active(&fsk->peer_wait))
		wake_up_interruptible_all(&fsk->peer_wait);
}

/* A socket that is not a member is released: refuse and drop its queue. */
void ftalias_sock_purge(struct ftalias_sock *fsk)
{
	struct sk_buff_head *q = &fsk->sk.sk_receive_queue;
	struct sk_buff_head drop;
	unsigned long flags;

	__skb_queue_head_init(&drop);
	spin_lock_irqsave(&q->lock, flags);
	WRITE_ONCE(fsk->dead, true);
	skb_queue_splice_init(q, &drop);
	spin_unlock_irqrestore(&q->lock, flags);
	__skb_queue_purge(&drop);
	ftalias_wake_senders(fsk);
}

/**
 * ftalias_wait_for_room() - sleep once, until a peer may have room
 * @to: the socket waited on (its peer_wait), referenced
 * @timeo: the time left to wait, updated
 * @full: whether the caller must still wait, given @arg: asked once the
 *	task is on @to's wait queue, so that the wake-up of whoever makes
 *	room or ends the wait after that is not missed
 *	(ftalias_wake_senders())
 * @arg: its argument
 *
 * One sleep at most, as unix_wait_for_peer(): the caller checks again for
 * room and for what ends its wait, and calls again.
 *
 * Return: 0, or sock_intr_errno() when a signal is pending.
 */
int ftalias_wait_for_room(struct ftalias_sock *to, long *timeo,
			  bool (*full)(const void *arg), const void *arg)
{
	DEFINE_WAIT(wait);

	prepare_to_wait(&to->peer_wait, &wait, TASK_INTERRUPTIBLE);
	if (full(arg))
		*timeo = schedule_timeout(*timeo);
	finish_wait(&to->peer_wait, &wait);
	return signal_pending(current) ? sock_intr_errno(*timeo) : 0;
}
