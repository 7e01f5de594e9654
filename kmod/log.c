// SPDX-License-Identifier: GPL-2.0
/*
 * The alias log: the checkpoints of an alias's state, and the inputs its
 * active members read since the latest one (seed 004).
 *
 * The active member of an alias sends a checkpoint of its state in chunks
 * (FTALIAS_CMSG_CHECKPOINT, FTALIAS_CKPT_MORE on all but the last).  The
 * chunks are staged on its socket; the last commits them, under the
 * alias's lock, as the alias's latest checkpoint with the next sequence
 * number of its log, in place of the one before.  A member that becomes
 * active is given that checkpoint before any request (ckpt_owed, checked
 * by the request code), so that it starts from the state the requests
 * after it expect.
 *
 * With input-log on, every request the active member reads is logged
 * (the request code calls __ftalias_log_input() from recvmsg), numbered
 * in the order read; a commit covers the inputs up to the last one its
 * member read, which it frees.  A new active member reads the checkpoint,
 * then the inputs after it (FTALIAS_F_REPLAY), then live requests: the
 * state its predecessor had.  Replies to those answered already are
 * dropped (ftalias_log_swallow()).  The semantics are in
 * Documentation/uapi.rst.
 *
 * Locking: the stage is under the socket's ckpt_lock mutex; the log, and
 * a member's ckpt_owed and last_input, under the alias's lock (alias.h).
 * Nothing here calls up into the request or socket code.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/hash.h>
#include <linux/jhash.h>
#include <linux/lockdep.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <net/sock.h>

#include "alias.h"
#include "ftalias.h"
#include "log.h"
#include "msg.h"
#include "output.h"
#include "replay.h"
#include "sock.h"
#include "trace.h"

/* The retry delay of a checkpoint that could not be given (no memory). */
#define FTALIAS_CKPT_RETRY		((unsigned long)HZ / 50)

void ftalias_log_init(struct ftalias_log *log)
{
	INIT_LIST_HEAD(&log->inputs);
}

/*
 * Allocate the hash of @alias's inputs before its first input, in process
 * context without locks.
 *
 * Return: 0 or -ENOMEM.
 */
int ftalias_log_prepare(struct ftalias_alias *alias)
{
	struct hlist_head *hash;

	if (READ_ONCE(alias->log.hash))
		return 0;
	hash = kcalloc(1 << FTALIAS_LOG_HASH_BITS, sizeof(*hash),
		       GFP_KERNEL_ACCOUNT);
	if (!hash)
		return -ENOMEM;
	spin_lock(&alias->lock);
	/* A dead alias's log is gone for good (ftalias_log_destroy()). */
	if (!alias->log.hash && !alias->dead) {
		alias->log.hash_seed = get_random_u32();
		WRITE_ONCE(alias->log.hash, hash);
		hash = NULL;
	}
	spin_unlock(&alias->lock);
	kfree(hash);
	return 0;
}

static struct hlist_head *ftalias_log_bucket(struct ftalias_log *log,
					     const struct ftalias_id *id)
{
	u32 h = jhash2((const u32 *)id, sizeof(*id) / sizeof(u32),
		       log->hash_seed);

	return &log->hash[hash_32(h, FTALIAS_LOG_HASH_BITS)];
}

/*
 * The input of request @skb (FTALIAS_MSG_REQUEST, being read by a member),
 * not logged yet: a clone of it as the message a new active member reads
 * again.  Process context.
 */
struct ftalias_input *ftalias_input_new(struct sk_buff *skb)
{
	struct ftalias_skb_cb *cb;
	struct ftalias_input *in;

	in = kmalloc(sizeof(*in), GFP_KERNEL_ACCOUNT);
	if (!in)
		return NULL;
	/* A clone has no owner, no destructor: the log's alone. */
	in->skb = skb_clone(skb, GFP_KERNEL);
	if (!in->skb) {
		kfree(in);
		return NULL;
	}
	cb = ftalias_cb(in->skb);
	cb->kind = FTALIAS_MSG_REPLAY;
	cb->req = NULL;
	cb->to_alias = 0;
	cb->flags |= FTALIAS_F_REPLAY;
	in->id = cb->id;
	in->req = NULL;
	in->seq = 0;
	in->cost = sizeof(*in) + in->skb->truesize;
	in->waiting = false;
	in->expires = 0;
	in->reply = NULL;
	return in;
}

void ftalias_input_free(struct ftalias_input *in)
{
	if (!in)
		return;
	kfree_skb(in->skb);
	kfree_skb(in->reply);
	kfree(in);
}

/* A kept reply goes (its input answered, or gone). */
static void __ftalias_input_reply_drop(struct ftalias_alias *alias,
				       struct ftalias_input *in)
{
	if (!in->reply)
		return;
	in->cost -= in->reply->truesize;
	alias->log.input_bytes -= in->reply->truesize;
	ftalias_rc_charge_log(alias, -(s64)in->reply->truesize);
	kfree_skb(in->reply);
	in->reply = NULL;
}

/* A restored input stops waiting for its request. */
static void __ftalias_input_wait_end(struct ftalias_alias *alias,
				     struct ftalias_input *in)
{
	if (!in->waiting)
		return;
	in->waiting = false;
	alias->log.nr_waiting--;
	__ftalias_input_reply_drop(alias, in);
}

/**
 * __ftalias_log_req_gone() - a request leaves its alias
 * @alias: the alias, locked
 * @req: the request: answered, failed, or its requester gone
 *
 * Its input, if it was logged, stays as an answered one (a reply to its
 * replay is dropped).
 */
void __ftalias_log_req_gone(struct ftalias_alias *alias,
			    struct ftalias_req *req)
{
	struct ftalias_input *in = req->input;

	lockdep_assert_held(&alias->lock);

	if (!in)
		return;
	__ftalias_input_wait_end(alias, in);
	in->req = NULL;
	req->input = NULL;
}

/* Take @in out of the log, to @free, which the caller frees unlocked. */
static void __ftalias_log_unlink(struct ftalias_alias *alias,
				 struct ftalias_input *in,
				 struct list_head *free)
{
	struct ftalias_log *log = &alias->log;

	lockdep_assert_held(&alias->lock);

	if (in->req)
		__ftalias_log_req_gone(alias, in->req);
	__ftalias_input_wait_end(alias, in);
	hlist_del(&in->hnode);
	list_move_tail(&in->node, free);
	log->nr_inputs--;
	log->input_bytes -= in->cost;
	ftalias_rc_charge_log(alias, -(s64)in->cost);
}

void ftalias_inputs_free(struct list_head *free)
{
	struct ftalias_input *in, *tmp;

	list_for_each_entry_safe(in, tmp, free, node)
		ftalias_input_free(in);
}

/**
 * __ftalias_log_input() - log a request the active member reads
 * @alias: its alias, locked, with input-log on and its hash prepared
 * @fsk: the member, active
 * @inp: the input, from ftalias_input_new(); taken (set to NULL) when
 *	logged
 * @req: the request while it is pending (still its requester's), or NULL
 *
 * A request read again (the copy to the user failed and it was queued
 * back) is not logged twice.
 *
 * Return: 0, or -ENOBUFS (over log_max_inputs or cache_total_bytes: a
 * checkpoint frees the log).
 */
int __ftalias_log_input(struct ftalias_alias *alias, struct ftalias_sock *fsk,
			struct ftalias_input **inp, struct ftalias_req *req)
{
	struct ftalias_log *log = &alias->log;
	struct ftalias_input *in = *inp;

	lockdep_assert_held(&alias->lock);

	if (req && req->input) {
		fsk->last_input = max(fsk->last_input, req->input->seq);
		return 0;
	}
	/* A dead alias's log is gone (ftalias_log_destroy()). */
	if (!log->hash)
		return 0;
	/* Restored ones waiting for their request do not count. */
	if (log->nr_inputs - log->nr_waiting >=
	    READ_ONCE(ftalias_log_max_inputs) ||
	    !ftalias_rc_room(alias, in->cost))
		return -ENOBUFS;
	in->seq = ++log->input_seq;
	list_add_tail(&in->node, &log->inputs);
	hlist_add_head(&in->hnode, ftalias_log_bucket(log, &in->id));
	log->nr_inputs++;
	log->input_bytes += in->cost;
	ftalias_rc_charge_log(alias, in->cost);
	if (req) {
		in->req = req;
		req->input = in;
	}
	fsk->last_input = in->seq;
	alias->stats.inputs_logged++;
	*inp = NULL;
	return 0;
}

/*
 * @fsk, active, reads a logged input of request @id again: its state now
 * includes the first one after the last it read (inputs are read again in
 * order; one ID may have been read more than once).
 */
void __ftalias_log_replay_read(struct ftalias_alias *alias,
			       struct ftalias_sock *fsk,
			       const struct ftalias_id *id)
{
	struct ftalias_log *log = &alias->log;
	struct ftalias_input *in;
	u64 next = 0;

	lockdep_assert_held(&alias->lock);

	if (!log->hash || alias->active != fsk)
		return;
	hlist_for_each_entry(in, ftalias_log_bucket(log, id), hnode)
		if (in->seq > fsk->last_input && (!next || in->seq < next) &&
		    !memcmp(&in->id, id, sizeof(*id)))
			next = in->seq;
	if (next)
		fsk->last_input = next;
}

/*
 * The input of request @id that @fsk read last (the highest number up to
 * its position), or NULL; under the alias's lock, its log's hash there.
 */
static struct ftalias_input *__ftalias_log_read_last(struct ftalias_alias *alias,
						     struct ftalias_sock *fsk,
						     const struct ftalias_id *id)
{
	struct ftalias_log *log = &alias->log;
	struct ftalias_input *in, *last = NULL;

	lockdep_assert_held(&alias->lock);

	hlist_for_each_entry(in, ftalias_log_bucket(log, id), hnode)
		if (in->seq <= fsk->last_input &&
		    (!last || in->seq > last->seq) &&
		    !memcmp(&in->id, id, sizeof(*id)))
			last = in;
	return last;
}

/**
 * ftalias_log_swallow() - whether a member's reply is to a replayed input
 * @alias: the replying member's alias
 * @fsk: the member
 * @id: the ID the reply names
 * @skb: the reply; taken (set to NULL) when a restored input keeps it
 *
 * A member that reads logged inputs again (FTALIAS_F_REPLAY) answers them
 * again.  The input a reply answers is the last one of its ID the member
 * read (its position in the log): if its request is still pending, the
 * reply goes the usual way; else it is dropped, and counted, even if
 * another request of the same ID, not read yet, is pending (IDs of an
 * alias restored elsewhere may be used again).  A restored input that
 * waits for its request keeps the reply for it.
 *
 * Return: true if the reply is to be dropped (or was kept).
 */
bool ftalias_log_swallow(struct ftalias_alias *alias, struct ftalias_sock *fsk,
			 const struct ftalias_id *id, struct sk_buff **skb)
{
	struct ftalias_log *log = &alias->log;
	struct ftalias_input *last;
	bool drop = false;

	if (!READ_ONCE(log->hash))
		return false;
	spin_lock(&alias->lock);
	/* Gone with a dead alias's log (ftalias_log_destroy()). */
	if (!log->hash)
		goto out;
	last = __ftalias_log_read_last(alias, fsk, id);
	if (!last || last->req)
		goto out;
	drop = true;
	alias->stats.replay_suppressed++;
	if (!last->waiting || last->reply)
		goto out;
	if (!ftalias_rc_room(alias, (*skb)->truesize)) {
		/* Its request, sent again, is delivered again. */
		__ftalias_input_wait_end(alias, last);
		goto out;
	}
	last->reply = *skb;
	*skb = NULL;
	/* The sender's charge goes; the log's comes. */
	skb_orphan(last->reply);
	memset(last->reply->cb, 0, sizeof(last->reply->cb));
	ftalias_cb(last->reply)->src_port = fsk->port;
	last->cost += last->reply->truesize;
	log->input_bytes += last->reply->truesize;
	ftalias_rc_charge_log(alias, last->reply->truesize);
out:
	spin_unlock(&alias->lock);
	return drop;
}

/**
 * __ftalias_log_link() - whether a request to deliver is a logged input's
 * @alias: its alias, locked
 * @req: the request, on its pending list, owned by its requester
 * @skb: with FTALIAS_LOG_ANSWERED, the reply (a REPLY message whose
 *	@req the caller sets)
 *
 * A restored input whose request was pending at the save waits for its
 * restored requester to send it again.  The request is then the input's:
 * answered with the member's reply if it came first (the input lets go of
 * it when the request leaves the alias, __ftalias_log_req_gone());
 * else not delivered, the active member replaying the input; but if the
 * alias's checkpoint covers the input (nobody replays it any more), it
 * is delivered again, FTALIAS_F_REDELIVERED, as any request pending when
 * its member died after the checkpoint.
 */
enum ftalias_log_verdict __ftalias_log_link(struct ftalias_alias *alias,
					    struct ftalias_req *req,
					    struct sk_buff **skb)
{
	struct ftalias_log *log = &alias->log;
	struct ftalias_skb_cb *cb;
	struct ftalias_input *in = req->input;
	u32 port;

	lockdep_assert_held(&alias->lock);

	if (!log->nr_waiting || !log->hash)
		return FTALIAS_LOG_DELIVER;
	if (!in) {
		hlist_for_each_entry(in, ftalias_log_bucket(log, &req->id),
				     hnode)
			if (in->waiting && !in->req &&
			    !memcmp(&in->id, &req->id, sizeof(req->id)))
				break;
		if (!in)
			return FTALIAS_LOG_DELIVER;
	}
	if (!in->waiting)
		return FTALIAS_LOG_DELIVER;
	if (in->reply) {
		/* Cloned: kept until the answer reached the request. */
		*skb = skb_clone(in->reply, GFP_ATOMIC | __GFP_NOWARN);
		if (!*skb)
			return FTALIAS_LOG_RETRY;
		in->req = req;
		req->input = in;
		cb = ftalias_cb(*skb);
		port = cb->src_port;
		memset(cb, 0, sizeof(*cb));
		cb->kind = FTALIAS_MSG_REPLY;
		cb->id = req->id;
		cb->to_alias = !!req->id.alias;
		cb->src_port = port;
		cb->src_alias = alias->id;
		return FTALIAS_LOG_ANSWERED;
	}
	__ftalias_input_wait_end(alias, in);
	if (log->ckpt && in->seq <= log->ckpt->input) {
		req->flags |= FTALIAS_F_REDELIVERED;
		return FTALIAS_LOG_DELIVER;
	}
	in->req = req;
	req->input = in;
	return FTALIAS_LOG_REPLAYED;
}

/*
 * Free the inputs up to @last (all: U64_MAX) of @alias's log, to @free.
 * A pending request among them is no longer logged: if its member goes
 * away, it is delivered again (FTALIAS_F_REDELIVERED) to a member whose
 * checkpoint has its effect.
 */
static void __ftalias_log_trim(struct ftalias_alias *alias, u64 last,
			       struct list_head *free)
{
	struct ftalias_input *in, *tmp;

	lockdep_assert_held(&alias->lock);

	list_for_each_entry_safe(in, tmp, &alias->log.inputs, node) {
		if (in->seq > last)
			break;
		/* Still waiting for its request to be sent again: kept. */
		if (in->waiting && last != U64_MAX &&
		    time_before(jiffies, in->expires))
			continue;
		__ftalias_log_unlink(alias, in, free);
	}
}

/*
 * input-log turned off: the inputs logged go, and the outputs.  Under the
 * alias's lock.  Returns whether answers kept for the outputs became held
 * replies (__ftalias_outputs_drop()).
 */
bool __ftalias_log_inputs_drop(struct ftalias_alias *alias)
{
	LIST_HEAD(free);
	bool held;

	lockdep_assert_held(&alias->lock);

	__ftalias_log_trim(alias, U64_MAX, &free);
	held = __ftalias_outputs_drop(alias, false);
	/* Rare (an alias-set): freed here rather than carried up. */
	ftalias_inputs_free(&free);
	return held;
}

void ftalias_ckpt_blob_put(struct ftalias_ckpt_blob *blob)
{
	if (!blob || !refcount_dec_and_test(&blob->ref))
		return;
	__skb_queue_purge(&blob->chunks);
	kfree(blob);
}

/*
 * Make the chunks of @blob, numbered @blob->seq, the messages a new
 * active member reads (the alias's id goes in at each delivery: a
 * restored alias may have another).
 */
static void ftalias_ckpt_blob_seal(struct ftalias_ckpt_blob *blob)
{
	struct ftalias_skb_cb *cb;
	struct sk_buff *skb;

	skb_queue_walk(&blob->chunks, skb) {
		cb = ftalias_cb(skb);
		memset(cb, 0, sizeof(*cb));
		cb->kind = FTALIAS_MSG_CHECKPOINT;
		cb->flags = FTALIAS_F_CHECKPOINT;
		cb->id.xid = blob->seq;
		cb->aux = skb_queue_is_last(&blob->chunks, skb) ?
			  0 : FTALIAS_CKPT_MORE;
	}
}

/*
 * A checkpoint @seq of @bytes to be filled by ftalias_ckpt_blob_fill()
 * (alias-restore), in no alias yet.
 */
struct ftalias_ckpt_blob *ftalias_ckpt_blob_new(u64 seq, u64 bytes)
{
	struct ftalias_ckpt_blob *blob;
	struct sk_buff *skb;
	int err;

	blob = kzalloc(sizeof(*blob), GFP_KERNEL_ACCOUNT);
	if (!blob)
		return NULL;
	refcount_set(&blob->ref, 1);
	__skb_queue_head_init(&blob->chunks);
	blob->seq = seq;
	blob->bytes = bytes;
	blob->cost = sizeof(*blob);
	/* An empty checkpoint is one empty message. */
	if (!bytes) {
		skb = ftalias_alloc_data(0, GFP_KERNEL_ACCOUNT, &err);
		if (!skb) {
			kfree(blob);
			return NULL;
		}
		__skb_queue_tail(&blob->chunks, skb);
		blob->cost += skb->truesize;
	}
	return blob;
}

/**
 * ftalias_ckpt_blob_fill() - the next bytes of a checkpoint being restored
 * @blob: from ftalias_ckpt_blob_new()
 * @off: the bytes filled so far
 * @data: the next ones
 * @len: how many, at most @blob->bytes - @off
 *
 * Chunks of FTALIAS_MSG_MAX bytes, but the last.
 *
 * Return: 0 or -ENOMEM.
 */
int ftalias_ckpt_blob_fill(struct ftalias_ckpt_blob *blob, u64 off,
			   const void *data, u32 len)
{
	struct sk_buff *skb;
	u32 at, n;
	int err;

	while (len) {
		/* 64-bit kernels only (request.c). */
		at = off % FTALIAS_MSG_MAX;
		if (!at) {
			n = min_t(u64, blob->bytes - off, FTALIAS_MSG_MAX);
			/* Order-0 pages beyond its head (replay.c). */
			skb = ftalias_alloc_data(n, GFP_KERNEL_ACCOUNT, &err);
			if (!skb)
				return err;
			__skb_queue_tail(&blob->chunks, skb);
			blob->cost += skb->truesize;
		}
		skb = skb_peek_tail(&blob->chunks);
		n = min_t(u32, skb->len - at, len);
		/* Cannot fail: the room is there. */
		WARN_ON_ONCE(skb_store_bits(skb, at, data, n));
		off += n;
		data += n;
		len -= n;
	}
	return 0;
}

/* @len bytes of @blob's data from @off, which the caller keeps in it. */
void ftalias_ckpt_blob_read(const struct ftalias_ckpt_blob *blob, u64 off,
			    void *to, u32 len)
{
	struct sk_buff *skb;
	u32 n;

	skb_queue_walk(&blob->chunks, skb) {
		if (!len)
			return;
		if (off >= skb->len) {
			off -= skb->len;
			continue;
		}
		n = min_t(u64, skb->len - off, len);
		/* Cannot fail: the bytes are there. */
		WARN_ON_ONCE(skb_copy_bits(skb, off, to, n));
		to += n;
		len -= n;
		off = 0;
	}
	WARN_ON_ONCE(len);
}

/* Drop what @fsk staged; under its checkpoint mutex, or when it is freed. */
void ftalias_ckpt_stage_purge(struct ftalias_sock *fsk)
{
	__skb_queue_purge(&fsk->ckpt_stage);
	fsk->ckpt_staged = 0;
}

/*
 * The chunks @fsk staged and @last, copied into a new blob in chunks of
 * FTALIAS_MSG_MAX (the last one shorter), whatever sizes they were sent
 * in: a new active member gets the fewest messages, and a restored
 * checkpoint is cut the same way.  In process context, no lock but the
 * socket's checkpoint mutex.
 */
static struct ftalias_ckpt_blob *ftalias_ckpt_blob_of(struct ftalias_sock *fsk,
						      struct sk_buff *last)
{
	struct sk_buff *skb = skb_peek(&fsk->ckpt_stage) ?: last;
	u64 bytes = fsk->ckpt_staged + last->len, off = 0;
	struct ftalias_ckpt_blob *blob;
	u32 at = 0, n;
	void *buf;

	blob = ftalias_ckpt_blob_new(0, bytes);
	buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!blob || !buf)
		goto fail;
	while (skb) {
		n = min_t(u32, skb->len - at, PAGE_SIZE);
		/* Cannot fail: the bytes are there. */
		WARN_ON_ONCE(skb_copy_bits(skb, at, buf, n));
		if (n && ftalias_ckpt_blob_fill(blob, off, buf, n))
			goto fail;
		off += n;
		at += n;
		if (at < skb->len)
			continue;
		at = 0;
		if (skb == last)
			skb = NULL;
		else if (skb_queue_is_last(&fsk->ckpt_stage, skb))
			skb = last;
		else
			skb = skb->next;
	}
	kfree(buf);
	return blob;

fail:
	kfree(buf);
	ftalias_ckpt_blob_put(blob);
	return NULL;
}

/*
 * Commit the chunks @fsk staged and @last as the alias's checkpoint, under
 * the socket's checkpoint mutex; with FTALIAS_CKPT_BASE in @ck, only if
 * @ck->seq is the sequence number of the alias's checkpoint (0: none), the
 * one the member's state was built on.  The stage is left to the caller.
 */
static int ftalias_ckpt_commit(struct ftalias_sock *fsk, struct sk_buff *last,
			       const struct ftalias_ckpt *ck,
			       const struct ftalias_id *last_in, bool nonblock)
{
	struct ftalias_alias *alias = fsk->alias;
	struct ftalias_ckpt_blob *blob, *old;
	struct ftalias_input *in;
	LIST_HEAD(free);
	int err;

	lockdep_assert_held(&fsk->ckpt_lock);

	blob = ftalias_ckpt_blob_of(fsk, last);
	if (!blob)
		return -ENOMEM;
	err = ftalias_alias_lock_thawed(alias, nonblock);
	if (err)
		goto unlock;
	old = alias->log.ckpt;
	/*
	 * Only the member active since its first chunk, which read the
	 * checkpoint it was given: a demoted member (even one active again
	 * since) or one that has not read it yet would drop a newer state.
	 */
	if (alias->dead)
		err = -EIDRM;
	else if (alias->active != fsk || fsk->ckpt_owed ||
		 fsk->active_inc != fsk->ckpt_inc)
		err = -EBUSY;
	/* Built on another checkpoint than the alias's (compare and swap). */
	else if (ck->flags & FTALIAS_CKPT_BASE &&
		 ck->seq != (old ? old->seq : 0))
		err = -ESTALE;
	else if (blob->cost > (old ? old->cost : 0) &&
		 !ftalias_rc_room(alias, blob->cost - (old ? old->cost : 0)))
		err = -ENOBUFS;
	if (err)
		goto unlock;
	blob->seq = ++alias->log.seq;
	/*
	 * The state has the inputs its member read, and only those; or, when
	 * it read ahead, those up to the one it names (FTALIAS_CMSG_CKPT_INPUT):
	 * the inputs read after it stay logged.  One the log has no more
	 * (covered, or never logged) adds none.
	 */
	blob->input = fsk->last_input;
	if (last_in) {
		in = alias->log.hash ?
		     __ftalias_log_read_last(alias, fsk, last_in) : NULL;
		blob->input = max(in ? in->seq : 0, old ? old->input : 0);
	}
	ftalias_ckpt_blob_seal(blob);
	alias->log.ckpt = blob;
	ftalias_rc_charge_log(alias, (s64)blob->cost -
				     (s64)(old ? old->cost : 0));
	__ftalias_log_trim(alias, blob->input, &free);
	__ftalias_outputs_trim(alias);
	alias->stats.checkpoints++;
	trace_ftalias_checkpoint(alias, fsk, blob->seq, blob->bytes,
				 skb_queue_len(&blob->chunks));
	spin_unlock(&alias->lock);
	ftalias_ckpt_blob_put(old);
	ftalias_inputs_free(&free);
	return 0;

unlock:
	spin_unlock(&alias->lock);
	ftalias_ckpt_blob_put(blob);
	return err;
}

/**
 * ftalias_checkpoint() - a chunk of a checkpoint (FTALIAS_CMSG_CHECKPOINT)
 * @fsk: the sending socket, a member of an alias
 * @skb: the chunk's data, owned by no socket; NULL with FTALIAS_CKPT_ABORT;
 *	consumed
 * @ck: the control message, checked by the caller
 * @last_in: with the last chunk (FTALIAS_CMSG_CKPT_INPUT), the ID of the last
 *	input the state holds; NULL: the last one the member read
 * @nonblock: -EAGAIN rather than wait (for another thread's chunk, or while
 *	the alias is frozen)
 *
 * On an error but -EAGAIN, -EINTR and -ENOMEM (send the chunk again), the
 * chunks staged so far are dropped.
 *
 * Return: 0; -EBUSY (not the active member, not since the first chunk, or
 * the alias's checkpoint not given yet), -ESTALE (FTALIAS_CKPT_BASE and
 * @ck->seq names another checkpoint than the alias's), -EFBIG (over
 * ckpt_max_bytes or FTALIAS_CKPT_CHUNKS_MAX), -ENOBUFS (over
 * cache_total_bytes), -EIDRM (the alias is gone), -EAGAIN, -EINTR or
 * -ENOMEM.
 */
int ftalias_checkpoint(struct ftalias_sock *fsk, struct sk_buff *skb,
		       const struct ftalias_ckpt *ck,
		       const struct ftalias_id *last_in, bool nonblock)
{
	unsigned long max = READ_ONCE(ftalias_ckpt_max_bytes);
	bool more = ck->flags & FTALIAS_CKPT_MORE, abort = !skb;
	int err = 0;

	if (nonblock ? !mutex_trylock(&fsk->ckpt_lock) :
		       mutex_lock_interruptible(&fsk->ckpt_lock)) {
		kfree_skb(skb);
		return nonblock ? -EAGAIN : -EINTR;
	}
	if (abort)
		goto out;
	/* The stage is of one active period (checked again at the commit). */
	if (skb_queue_empty(&fsk->ckpt_stage))
		fsk->ckpt_inc = READ_ONCE(fsk->active_inc);
	if (READ_ONCE(fsk->alias->active) != fsk ||
	    fsk->ckpt_inc != READ_ONCE(fsk->active_inc)) {
		err = -EBUSY;
	} else if (fsk->ckpt_staged + skb->len > max ||
		   skb_queue_len(&fsk->ckpt_stage) + 1 >
		   FTALIAS_CKPT_CHUNKS_MAX - more) {
		err = -EFBIG;
	} else if (more) {
		__skb_queue_tail(&fsk->ckpt_stage, skb);
		fsk->ckpt_staged += skb->len;
		skb = NULL;
	} else {
		err = ftalias_ckpt_commit(fsk, skb, ck, last_in, nonblock);
		if (!err)
			abort = true;
	}
out:
	if (abort || (err && err != -EAGAIN && err != -EINTR &&
		      err != -ENOMEM))
		ftalias_ckpt_stage_purge(fsk);
	mutex_unlock(&fsk->ckpt_lock);
	kfree_skb(skb);
	return err;
}

/*
 * @m becomes the active member of @alias: it owes the alias's checkpoint
 * and the inputs logged after it, if any, before any request
 * (__ftalias_log_give()); its state is the checkpoint's until it reads
 * them.
 */
void __ftalias_log_promoted(struct ftalias_alias *alias,
			    struct ftalias_sock *m)
{
	struct ftalias_log *log = &alias->log;

	lockdep_assert_held(&alias->lock);

	/* A SOCK_SEQPACKET member reads its connections only. */
	m->ckpt_owed = (log->ckpt || log->nr_inputs) &&
		       m->sk.sk_type == SOCK_RDM;
	m->last_input = log->ckpt ? log->ckpt->input : 0;
	__ftalias_outputs_promoted(alias, m, m->ckpt_owed);
}

/*
 * A clone of @skb (of the log) at the tail of @to, for member @m; false
 * without memory.  An input's clone carries in skb->priority (of no use
 * to AF_FTALIAS otherwise) the active period of @m it is given for: read
 * in another one, it is not the state's (ftalias_request_read()).
 */
static bool ftalias_log_clone_to(struct sk_buff_head *to,
				 const struct sk_buff *skb,
				 struct ftalias_alias *alias,
				 const struct ftalias_sock *m)
{
	struct ftalias_skb_cb *cb;
	struct sk_buff *c;

	c = skb_clone((struct sk_buff *)skb, GFP_ATOMIC | __GFP_NOWARN);
	if (!c)
		return false;
	cb = ftalias_cb(c);
	/* A checkpoint's chunk is the alias's (a restore may renumber it). */
	if (cb->kind == FTALIAS_MSG_CHECKPOINT) {
		cb->id.alias = alias->id;
		cb->src_alias = alias->id;
	} else {
		c->priority = m->active_inc;
	}
	__skb_queue_tail(to, c);
	return true;
}

/**
 * __ftalias_log_give() - give a new active member the alias's checkpoint
 * @alias: the alias, locked
 * @to: its active member
 *
 * All the chunks and logged inputs or none: clones of them are queued to
 * @to, which then no longer owes them.  Requests are not delivered to a
 * member that owes them (they are held), so that it reads them first.
 *
 * Return: 0, or the delay in jiffies after which to try again (no memory
 * for the clones).
 */
unsigned long __ftalias_log_give(struct ftalias_alias *alias,
				 struct ftalias_sock *to)
{
	struct ftalias_ckpt_blob *blob = alias->log.ckpt;
	struct ftalias_input *in;
	struct sk_buff_head q;
	struct sk_buff *skb, *c;
	u32 chunks, given = 0;

	lockdep_assert_held(&alias->lock);

	if (!to->ckpt_owed)
		return 0;
	__skb_queue_head_init(&q);
	if (blob) {
		skb_queue_walk(&blob->chunks, skb)
			if (!ftalias_log_clone_to(&q, skb, alias, to))
				goto retry;
	}
	chunks = skb_queue_len(&q);
	list_for_each_entry(in, &alias->log.inputs, node) {
		/* Restored ones kept for their request: in the state. */
		if (blob && in->seq <= blob->input)
			continue;
		if (!ftalias_log_clone_to(&q, in->skb, alias, to))
			goto retry;
		given++;
	}
	to->ckpt_owed = false;
	if (blob) {
		alias->stats.ckpt_loads++;
		trace_ftalias_checkpoint_load(alias, to, blob->seq,
					      blob->bytes, chunks);
	}
	alias->stats.inputs_replayed += given;
	/* A member is released only after it left the alias. */
	while ((c = __skb_dequeue(&q)))
		WARN_ON_ONCE(!ftalias_queue(to, c));
	return 0;

retry:
	__skb_queue_purge(&q);
	return FTALIAS_CKPT_RETRY;
}

void __ftalias_log_info(struct ftalias_alias *alias,
			struct ftalias_log_info *info)
{
	const struct ftalias_ckpt_blob *blob = alias->log.ckpt;

	lockdep_assert_held(&alias->lock);

	info->ckpt_seq = blob ? blob->seq : 0;
	info->ckpt_bytes = blob ? blob->bytes : 0;
	info->ckpt_input = blob ? blob->input : 0;
	info->inputs = alias->log.nr_inputs;
	info->input_bytes = alias->log.input_bytes;
	__ftalias_outputs_info(alias, &info->outputs, &info->reissued);
}

/* Free the log of a dead alias (ftalias_alias_dp_kill()). */
void ftalias_log_destroy(struct ftalias_alias *alias)
{
	struct ftalias_ckpt_blob *blob;
	struct hlist_head *hash;
	LIST_HEAD(free);

	spin_lock(&alias->lock);
	blob = alias->log.ckpt;
	alias->log.ckpt = NULL;
	if (blob)
		ftalias_rc_charge_log(alias, -(s64)blob->cost);
	/* Requests still pending (their requester closing) forget theirs. */
	__ftalias_log_trim(alias, U64_MAX, &free);
	__ftalias_outputs_drop(alias, true);
	hash = alias->log.hash;
	WRITE_ONCE(alias->log.hash, NULL);
	spin_unlock(&alias->lock);
	ftalias_ckpt_blob_put(blob);
	ftalias_inputs_free(&free);
	kfree(hash);
}

/* A reference to the checkpoint of @alias, or NULL (alias-save). */
struct ftalias_ckpt_blob *ftalias_log_ckpt_get(struct ftalias_alias *alias)
{
	struct ftalias_ckpt_blob *blob;

	spin_lock(&alias->lock);
	blob = alias->log.ckpt;
	if (blob)
		refcount_inc(&blob->ref);
	spin_unlock(&alias->lock);
	return blob;
}

/**
 * ftalias_log_inputs_copy() - alias-save's copy of the inputs of a log
 * @alias: the alias, frozen
 * @copy: set to a new array (ftalias_log_inputs_copy_free()), or NULL
 * @n: set to its length
 *
 * Return: 0, -ENOMEM, or -EAGAIN (inputs kept coming: a frozen alias
 * holds new requests, but its members may read those queued before).
 */
int ftalias_log_inputs_copy(struct ftalias_alias *alias,
			    struct ftalias_input_copy **copy, u32 *n)
{
	struct ftalias_input_copy *c = NULL;
	struct ftalias_input *in;
	u32 want, i = 0;
	int tries;

	*copy = NULL;
	*n = 0;
	for (tries = 0; tries < 3; tries++) {
		/* A guess, checked under the lock. */
		want = data_race(alias->log.nr_inputs) + 8;
		kvfree(c);
		c = kvmalloc_array(want, sizeof(*c), GFP_KERNEL_ACCOUNT);
		if (!c)
			return -ENOMEM;
		spin_lock(&alias->lock);
		if (alias->log.nr_inputs > want) {
			spin_unlock(&alias->lock);
			continue;
		}
		list_for_each_entry(in, &alias->log.inputs, node) {
			/* The message never changes: shared, not copied. */
			c[i].skb = skb_get(in->skb);
			c[i].seq = in->seq;
			/*
			 * Only a requester alias, restored too, sends its
			 * request again: a socket's request dies with it.
			 */
			c[i].pending = (in->req || in->waiting) &&
				       in->id.alias && !in->id.node;
			i++;
		}
		spin_unlock(&alias->lock);
		if (!i) {
			kvfree(c);
			return 0;
		}
		*copy = c;
		*n = i;
		return 0;
	}
	kvfree(c);
	return -EAGAIN;
}

void ftalias_log_inputs_copy_free(struct ftalias_input_copy *copy, u32 n)
{
	u32 i;

	for (i = 0; i < n; i++)
		kfree_skb(copy[i].skb);
	kvfree(copy);
}

/**
 * ftalias_input_restored() - an input of a restored log, to be filled
 * @seq: its number
 * @id: its request's ID
 * @flags: the FTALIAS_F_* it was read with
 * @src_port: its request's source port
 * @src_alias: and source alias
 * @arg_len: bytes of handler argument before the request's
 * @len: bytes of its message, at most 2 * FTALIAS_MSG_MAX
 * @pending: its request was not answered at the save
 *
 * Its message is filled with skb_store_bits() (restore.c).
 *
 * Return: the input, or NULL without memory.
 */
struct ftalias_input *ftalias_input_restored(u64 seq,
					     const struct ftalias_id *id,
					     u32 flags, u32 src_port,
					     u32 src_alias, u32 arg_len,
					     u32 len, bool pending)
{
	struct sk_buff *tail;
	struct ftalias_skb_cb *cb;
	struct ftalias_input *in;
	int err;

	in = kzalloc(sizeof(*in), GFP_KERNEL_ACCOUNT);
	if (!in)
		return NULL;
	/* A request and a handler argument: two pieces of at most 64 KiB. */
	in->skb = ftalias_alloc_data(min_t(u32, len, FTALIAS_MSG_MAX),
				     GFP_KERNEL_ACCOUNT, &err);
	if (in->skb && len > FTALIAS_MSG_MAX) {
		tail = ftalias_alloc_data(len - FTALIAS_MSG_MAX,
					  GFP_KERNEL_ACCOUNT, &err);
		if (!tail) {
			kfree_skb(in->skb);
			in->skb = NULL;
		} else {
			skb_shinfo(in->skb)->frag_list = tail;
			in->skb->len += tail->len;
			in->skb->data_len += tail->len;
			in->skb->truesize += tail->truesize;
		}
	}
	if (!in->skb) {
		kfree(in);
		return NULL;
	}
	cb = ftalias_cb(in->skb);
	memset(cb, 0, sizeof(*cb));
	cb->kind = FTALIAS_MSG_REPLAY;
	cb->id = *id;
	cb->src_port = src_port;
	cb->src_alias = src_alias;
	cb->flags = flags | FTALIAS_F_REPLAY;
	cb->aux = arg_len;
	in->id = *id;
	in->seq = seq;
	in->waiting = pending;
	in->cost = sizeof(*in) + in->skb->truesize;
	return in;
}

/**
 * ftalias_log_restore() - give a restored alias its checkpoint and inputs
 * @alias: the alias being restored, in no table yet
 * @blob: the checkpoint, filled, or NULL; consumed on success
 * @inputs: its inputs (ftalias_input_restored()), in order; taken on
 *	success
 *
 * Return: 0, -ENOMEM, or -ENOBUFS (over cache_total_bytes).
 */
int ftalias_log_restore(struct ftalias_alias *alias,
			struct ftalias_ckpt_blob *blob,
			struct list_head *inputs)
{
	unsigned long expires = jiffies +
				msecs_to_jiffies(alias->cfg.cache_ttl_ms);
	struct ftalias_log *log = &alias->log;
	struct ftalias_input *in, *tmp;
	u64 cost = blob ? blob->cost : 0;

	if (!list_empty(inputs) && ftalias_log_prepare(alias))
		return -ENOMEM;
	list_for_each_entry(in, inputs, node)
		cost += in->cost;
	if (blob)
		ftalias_ckpt_blob_seal(blob);
	spin_lock(&alias->lock);
	if (WARN_ON_ONCE(log->ckpt || log->nr_inputs) ||
	    !ftalias_rc_room(alias, cost)) {
		spin_unlock(&alias->lock);
		return -ENOBUFS;
	}
	if (blob) {
		log->ckpt = blob;
		log->seq = blob->seq;
		log->input_seq = blob->input;
	}
	list_for_each_entry_safe(in, tmp, inputs, node) {
		list_move_tail(&in->node, &log->inputs);
		hlist_add_head(&in->hnode, ftalias_log_bucket(log, &in->id));
		log->nr_inputs++;
		log->input_bytes += in->cost;
		log->input_seq = max(log->input_seq, in->seq);
		if (in->waiting) {
			in->expires = expires;
			log->nr_waiting++;
		}
	}
	ftalias_rc_charge_log(alias, cost);
	spin_unlock(&alias->lock);
	return 0;
}

#ifdef FTALIAS_KUNIT
#include "log_test.c"
#endif
