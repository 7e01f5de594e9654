// SPDX-License-Identifier: GPL-2.0
/*
 * The outputs of the alias log: the requests the active member of an
 * alias with input-log sent since the alias's latest checkpoint, by ID
 * (seed 004: "requests it re-issues reuse their original IDs").
 *
 * A member that becomes active replays the inputs logged after the
 * checkpoint (log.c) and, being deterministic, sends the requests its
 * predecessor sent for them again, in the same order.  Each is stamped
 * with the ID the first one had, not a new one, so that the destination
 * treats it as the same request: while the first is pending, the
 * re-issue is not sent at all (its answer comes once); an answer that
 * came back after the member that sent it went away is kept here and
 * given when the request is re-issued; otherwise the request is sent
 * again under its ID and the destination's replay cache answers it.
 * A request that is not the one logged at that place (another
 * destination or length) ends the re-issue: the outputs from there on
 * are forgotten and new IDs are stamped.
 *
 * The outputs are under the xa_lock of the alias's requester table, the
 * lock that stamps its members' IDs (request.c calls in with it held);
 * the alias's lock is held above it where the alias's members and held
 * replies are concerned.  Nothing here calls up into the request code.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/crc32.h>
#include <linux/hash.h>
#include <linux/lockdep.h>
#include <linux/slab.h>

#include "alias.h"
#include "ftalias.h"
#include "msg.h"
#include "output.h"
#include "sock.h"

void ftalias_outputs_init(struct ftalias_outputs *outs)
{
	INIT_LIST_HEAD(&outs->list);
}

/*
 * The hash of @alias's outputs, allocated with the first: process
 * context, no locks held.  0 or -ENOMEM.
 */
static int ftalias_outputs_hash(struct ftalias_alias *alias)
{
	struct ftalias_outputs *outs = &alias->outputs;
	struct hlist_head *hash;

	if (READ_ONCE(outs->hash))
		return 0;
	hash = kcalloc(1 << FTALIAS_OUTPUT_HASH_BITS, sizeof(*hash),
		       GFP_KERNEL_ACCOUNT);
	if (!hash)
		return -ENOMEM;
	xa_lock(&alias->reqs.xa);
	/* A closed table's are gone for good (ftalias_log_destroy()). */
	if (!outs->hash && !alias->reqs.closed) {
		WRITE_ONCE(outs->hash, hash);
		hash = NULL;
	}
	xa_unlock(&alias->reqs.xa);
	kfree(hash);
	return 0;
}

/**
 * ftalias_output_prepare() - memory for an output, before a request
 * @alias: the sender's alias
 * @fsk: the sender, its member
 * @out: set to an entry for __ftalias_output_add(), or NULL when @alias
 *	has no input-log; free it with kfree() if it is left
 *
 * Process context, no locks held.
 *
 * Return: 0 or -ENOMEM.
 */
int ftalias_output_prepare(struct ftalias_alias *alias,
			   struct ftalias_sock *fsk,
			   struct ftalias_output **out)
{
	int err;

	*out = NULL;
	/* Another than the member made active last sends no output. */
	if (!READ_ONCE(alias->cfg.input_log) ||
	    READ_ONCE(fsk->active_inc) != READ_ONCE(alias->outputs.inc))
		return 0;
	err = ftalias_outputs_hash(alias);
	if (err)
		return err;
	*out = kmalloc(sizeof(**out), GFP_KERNEL_ACCOUNT);
	return *out ? 0 : -ENOMEM;
}

static struct hlist_head *ftalias_output_bucket(struct ftalias_outputs *outs,
						u64 xid)
{
	return &outs->hash[hash_64(xid, FTALIAS_OUTPUT_HASH_BITS)];
}

static struct ftalias_output *
__ftalias_output_find(struct ftalias_outputs *outs, const struct ftalias_id *id)
{
	struct ftalias_output *o;

	if (!outs->hash)
		return NULL;
	hlist_for_each_entry(o, ftalias_output_bucket(outs, id->xid), hnode)
		if (!memcmp(&o->id, id, sizeof(*id)))
			return o;
	return NULL;
}

/* The output after @o, or NULL. */
static struct ftalias_output *ftalias_output_after(struct ftalias_outputs *outs,
						   struct ftalias_output *o)
{
	return list_is_last(&o->node, &outs->list) ? NULL :
	       list_next_entry(o, node);
}

/* @o as the newest output. */
static void __ftalias_output_link(struct ftalias_outputs *outs,
				  struct ftalias_output *o,
				  const struct ftalias_id *id, u32 dst, u32 len,
				  u32 sum)
{
	o->id = *id;
	o->seq = ++outs->seq;
	o->dst = dst;
	o->len = len;
	o->sum = sum;
	o->landing = false;
	o->answer = NULL;
	list_add_tail(&o->node, &outs->list);
	hlist_add_head(&o->hnode, ftalias_output_bucket(outs, id->xid));
	outs->nr++;
}

/*
 * Whether @o waits to be issued again by the member of period @outs->inc:
 * at or after its @next.
 */
static bool ftalias_output_owed(const struct ftalias_outputs *outs,
				const struct ftalias_output *o)
{
	return outs->next && o->seq >= outs->next->seq;
}

/*
 * The answer kept with @o, if any, goes to @answers (as a held reply: its
 * grace period from now), or is freed with @answers NULL.  Whether there
 * was one.
 */
static bool __ftalias_output_release(struct ftalias_output *o,
				     struct sk_buff_head *answers)
{
	if (!o->answer)
		return false;
	if (answers) {
		o->answer->tstamp = ktime_get();
		__skb_queue_tail(answers, o->answer);
	} else {
		kfree_skb(o->answer);
	}
	o->answer = NULL;
	return true;
}

/*
 * Unlink @o; its answer, if any, goes to @answers (NULL: freed).  A
 * request still pending is no longer an output: its answer goes to the
 * active member as any other.
 */
static void __ftalias_output_del(struct ftalias_outputs *outs,
				 struct ftalias_output *o,
				 struct sk_buff_head *answers)
{
	if (outs->next == o)
		outs->next = ftalias_output_after(outs, o);
	list_del(&o->node);
	hlist_del(&o->hnode);
	outs->nr--;
	__ftalias_output_release(o, answers);
	kfree(o);
}

/* @o and every output after it go (see __ftalias_output_del()). */
static void __ftalias_outputs_cut(struct ftalias_outputs *outs,
				  struct ftalias_output *o,
				  struct sk_buff_head *answers)
{
	struct ftalias_output *tmp;

	list_for_each_entry_safe_from(o, tmp, &outs->list, node)
		__ftalias_output_del(outs, o, answers);
	outs->next = NULL;
}

/* Every output goes (see __ftalias_output_del()). */
static void __ftalias_outputs_cut_all(struct ftalias_outputs *outs,
				      struct sk_buff_head *answers)
{
	if (!list_empty(&outs->list))
		__ftalias_outputs_cut(outs,
				      list_first_entry(&outs->list,
						       struct ftalias_output,
						       node),
				      answers);
}

/*
 * What tells a request from another of the same length: the CRC-32
 * (IEEE 802.3, crc32_le() as the save records' CRCs) of its bytes, the
 * same on every architecture (a replay that sends other bytes ends the
 * re-issue rather than get another request's answer).
 */
static u32 ftalias_output_sum(const struct sk_buff *skb)
{
	struct skb_seq_state st;
	unsigned int at = 0, n;
	const u8 *data;
	u32 crc = ~0U;

	skb_prepare_seq_read((struct sk_buff *)skb, 0, skb->len, &st);
	while ((n = skb_seq_read(at, &data, &st))) {
		crc = crc32_le(crc, data, n);
		at += n;
	}
	return ~crc;
}

/**
 * ftalias_output_take() - the ID a member's new request is sent with
 * @alias: the sender's alias
 * @fsk: the sender, a member of @alias
 * @dst: the id of the request's destination alias
 * @skb: the request
 * @sum: set to its ftalias_output_sum() (0 when it is no output), for
 *	__ftalias_output_add()
 * @id: set to the logged ID (FTALIAS_OUTPUT_REISSUE, _ANSWERED)
 * @answers: gets the answer kept for it (FTALIAS_OUTPUT_ANSWERED; none
 *	when it is on its way to the alias, or the request still pending),
 *	and those kept for the outputs a divergence forgets: queue them to
 *	@fsk once no lock is held
 *
 * Only the member made active last logs its requests and re-issues those
 * logged (a demoted member's are not outputs).  Before the request goes
 * to its destination, which a re-issue that is answered already does not
 * need.  A re-issue that then is not sent gives its place back with
 * ftalias_output_untake().  Process context, no spinlock held.
 *
 * Return: enum ftalias_output_verdict; FTALIAS_OUTPUT_FROZEN while
 * alias-save copies @alias (wait for the thaw, then take again).
 */
enum ftalias_output_verdict
ftalias_output_take(struct ftalias_alias *alias, struct ftalias_sock *fsk,
		    u32 dst, const struct sk_buff *skb, u32 *sum,
		    struct ftalias_id *id, struct sk_buff_head *answers)
{
	struct ftalias_outputs *outs = &alias->outputs;
	enum ftalias_output_verdict v;
	struct ftalias_output *o;
	struct ftalias_req *req;

	*sum = 0;
	if (!READ_ONCE(alias->cfg.input_log) || !READ_ONCE(outs->hash) ||
	    READ_ONCE(fsk->active_inc) != READ_ONCE(outs->inc))
		return FTALIAS_OUTPUT_NONE;
	*sum = ftalias_output_sum(skb);
	xa_lock(&alias->reqs.xa);
	o = outs->next;
	if (!outs->hash || !outs->inc ||
	    READ_ONCE(fsk->active_inc) != outs->inc) {
		v = FTALIAS_OUTPUT_NONE;
		goto out;
	}
	/* The copy is one moment: nothing moves in the outputs. */
	if (alias->reqs.frozen) {
		v = FTALIAS_OUTPUT_FROZEN;
		goto out;
	}
	/* Not the request sent then: the member diverged, stamp anew. */
	if (o && (o->dst != dst || o->len != skb->len || o->sum != *sum)) {
		__ftalias_outputs_cut(outs, o, answers);
		o = NULL;
	}
	if (!o) {
		v = outs->nr >= READ_ONCE(ftalias_log_max_inputs) ?
		    FTALIAS_OUTPUT_FULL : FTALIAS_OUTPUT_NEW;
		goto out;
	}
	*id = o->id;
	outs->next = ftalias_output_after(outs, o);
	outs->reissued++;
	v = FTALIAS_OUTPUT_ANSWERED;
	if (o->answer) {
		__skb_queue_tail(answers, o->answer);
		o->answer = NULL;
	} else if (!o->landing) {
		/* Still pending: its answer comes.  xa_load() may nest. */
		req = xa_load(&alias->reqs.xa, (unsigned long)id->xid);
		if (!req || memcmp(&req->id, id, sizeof(*id)))
			v = FTALIAS_OUTPUT_REISSUE;
	}
	/* FTALIAS_LAST_ID: as if sent. */
	if (v == FTALIAS_OUTPUT_ANSWERED)
		fsk->last_id = *id;
out:
	xa_unlock(&alias->reqs.xa);
	return v;
}

/*
 * The request @fsk re-issued under @id (FTALIAS_OUTPUT_REISSUE) was not
 * sent: its next request takes the ID again, unless it was demoted, or
 * took another since.
 */
void ftalias_output_untake(struct ftalias_alias *alias,
			   struct ftalias_sock *fsk,
			   const struct ftalias_id *id)
{
	struct ftalias_outputs *outs = &alias->outputs;
	struct ftalias_output *o;

	xa_lock(&alias->reqs.xa);
	o = __ftalias_output_find(outs, id);
	if (o && outs->inc && READ_ONCE(fsk->active_inc) == outs->inc &&
	    outs->next == ftalias_output_after(outs, o)) {
		outs->next = o;
		outs->reissued--;
	}
	xa_unlock(&alias->reqs.xa);
}

/*
 * The request of FTALIAS_OUTPUT_NEW entered the table under @id: logged
 * with *@out (ftalias_output_prepare(); if there was none, one is
 * allocated now), which is then the log's; not if @fsk was demoted or
 * another member promoted meanwhile.
 */
void __ftalias_output_add(struct ftalias_alias *alias,
			  struct ftalias_sock *fsk,
			  const struct ftalias_id *id, u32 dst, u32 len,
			  u32 sum, struct ftalias_output **out)
{
	struct ftalias_outputs *outs = &alias->outputs;
	struct ftalias_output *o = *out;

	lockdep_assert_held(&alias->reqs.xa.xa_lock);

	if (!outs->hash || outs->next || !outs->inc ||
	    READ_ONCE(fsk->active_inc) != outs->inc)
		return;
	if (!o)
		o = kmalloc(sizeof(*o), GFP_ATOMIC | __GFP_NOWARN);
	if (!o)
		return;
	*out = NULL;
	__ftalias_output_link(outs, o, id, dst, len, sum);
}

/*
 * The request of @id left the table of @alias for an answer not routed
 * yet (under the table's xa_lock): a re-issue meanwhile waits for that
 * answer rather than sending the request again.
 */
void __ftalias_output_landing(struct ftalias_alias *alias,
			      const struct ftalias_id *id)
{
	struct ftalias_output *o;

	lockdep_assert_held(&alias->reqs.xa.xa_lock);

	o = __ftalias_output_find(&alias->outputs, id);
	if (o)
		o->landing = true;
}

/**
 * __ftalias_output_keep() - keep an answer for the member that re-issues
 * @alias: the requester alias, locked
 * @skb: a reply or failure notice to one of its requests, ready to be
 *	held (__ftalias_hold_reply()'s ownership)
 *
 * An answer to an output the active member has not issued again yet is
 * kept with the output, and given when it does (__ftalias_output_take()):
 * not before, when the member would not know the request.
 *
 * Return: true if @skb was kept (it is the output's).
 */
bool __ftalias_output_keep(struct ftalias_alias *alias, struct sk_buff *skb)
{
	struct ftalias_outputs *outs = &alias->outputs;
	struct ftalias_output *o;
	bool kept = false;

	lockdep_assert_held(&alias->lock);

	xa_lock(&alias->reqs.xa);
	o = __ftalias_output_find(outs, &ftalias_cb(skb)->id);
	if (o) {
		o->landing = false;
		if (ftalias_output_owed(outs, o) && !o->answer) {
			o->answer = skb;
			kept = true;
		}
	}
	xa_unlock(&alias->reqs.xa);
	return kept;
}

/**
 * __ftalias_outputs_promoted() - a member of @alias becomes active
 * @alias: the alias, locked
 * @m: the member
 * @replays: whether it replays the log (it owes a checkpoint or inputs)
 *
 * A member that replays issues the outputs again from the first; for one
 * that does not, they are forgotten, their kept answers given to it with
 * the held replies.
 */
void __ftalias_outputs_promoted(struct ftalias_alias *alias,
				struct ftalias_sock *m, bool replays)
{
	struct ftalias_outputs *outs = &alias->outputs;

	lockdep_assert_held(&alias->lock);

	xa_lock(&alias->reqs.xa);
	WRITE_ONCE(outs->inc, m->active_inc);
	if (!replays)
		__ftalias_outputs_cut_all(outs, &alias->held_replies);
	else
		outs->next = list_first_entry_or_null(&outs->list,
						      struct ftalias_output,
						      node);
	xa_unlock(&alias->reqs.xa);
}

/*
 * The active member of @alias committed a checkpoint: the outputs it
 * issued are in its state and go; those it has not issued again yet stay.
 */
void __ftalias_outputs_trim(struct ftalias_alias *alias)
{
	struct ftalias_outputs *outs = &alias->outputs;
	struct ftalias_output *o, *tmp;

	lockdep_assert_held(&alias->lock);

	xa_lock(&alias->reqs.xa);
	list_for_each_entry_safe(o, tmp, &outs->list, node) {
		if (o == outs->next)
			break;
		__ftalias_output_del(outs, o, &alias->held_replies);
	}
	xa_unlock(&alias->reqs.xa);
}

/**
 * __ftalias_outputs_drop() - forget the outputs of @alias
 * @alias: the alias, locked
 * @dead: the alias goes (ftalias_log_destroy()): their kept answers are
 *	freed, and the hash; otherwise (input-log off) the answers become
 *	held replies
 *
 * Return: whether any answer became a held reply.
 */
bool __ftalias_outputs_drop(struct ftalias_alias *alias, bool dead)
{
	struct ftalias_outputs *outs = &alias->outputs;
	u32 held = skb_queue_len(&alias->held_replies);

	lockdep_assert_held(&alias->lock);

	xa_lock(&alias->reqs.xa);
	__ftalias_outputs_cut_all(outs, dead ? NULL : &alias->held_replies);
	if (dead) {
		kfree(outs->hash);
		WRITE_ONCE(outs->hash, NULL);
	}
	xa_unlock(&alias->reqs.xa);
	return skb_queue_len(&alias->held_replies) != held;
}

/**
 * __ftalias_outputs_idle() - @alias has no active member any more
 * @alias: the alias, locked
 *
 * The answers kept for a re-issue become held replies, dropped after the
 * alias's grace period as those are; the next active member starts from
 * the first output, and gets them kept again (__ftalias_flush_held()).
 *
 * Return: whether any answer became a held reply (the caller schedules
 * the alias's work for their grace period).
 */
bool __ftalias_outputs_idle(struct ftalias_alias *alias)
{
	struct ftalias_outputs *outs = &alias->outputs;
	struct ftalias_output *o;
	bool moved = false;

	lockdep_assert_held(&alias->lock);

	if (!READ_ONCE(outs->hash))
		return false;
	xa_lock(&alias->reqs.xa);
	outs->next = NULL;
	/* A demoted member's requests are no outputs. */
	WRITE_ONCE(outs->inc, 0);
	list_for_each_entry(o, &outs->list, node)
		moved |= __ftalias_output_release(o, &alias->held_replies);
	xa_unlock(&alias->reqs.xa);
	return moved;
}

/*
 * A member of @alias was released: the answers kept for its requests stop
 * being charged to it (ftalias_reply_disown()).  Under the alias's lock,
 * as the held replies are.
 */
void __ftalias_outputs_disown(struct ftalias_alias *alias)
{
	struct ftalias_output *o;

	lockdep_assert_held(&alias->lock);

	if (!READ_ONCE(alias->outputs.hash))
		return;
	xa_lock(&alias->reqs.xa);
	list_for_each_entry(o, &alias->outputs.list, node)
		if (o->answer)
			ftalias_reply_disown(o->answer);
	xa_unlock(&alias->reqs.xa);
}

/**
 * ftalias_outputs_copy() - alias-save's copy of the outputs of @alias
 * @alias: the alias, frozen (ftalias_alias_freeze(): its members send
 *	nothing, so the outputs stay as they are)
 * @copy: set to them, oldest first (kvfree()); NULL when there is none
 * @n: set to their number
 *
 * Their kept answers go with the held replies (ftalias_held_snapshot()).
 *
 * Return: 0, -ENOMEM or -EAGAIN (they kept changing).
 */
int ftalias_outputs_copy(struct ftalias_alias *alias,
			 struct ftalias_output_copy **copy, u32 *n)
{
	struct ftalias_outputs *outs = &alias->outputs;
	struct ftalias_output_copy *c;
	struct ftalias_output *o;
	int tries;
	u32 nr, i;

	*copy = NULL;
	*n = 0;
	for (tries = 0; tries < 3; tries++) {
		xa_lock(&alias->reqs.xa);
		nr = outs->nr;
		xa_unlock(&alias->reqs.xa);
		if (!nr)
			return 0;
		c = kvmalloc_array(nr, sizeof(*c), GFP_KERNEL_ACCOUNT);
		if (!c)
			return -ENOMEM;
		xa_lock(&alias->reqs.xa);
		if (outs->nr != nr) {
			xa_unlock(&alias->reqs.xa);
			kvfree(c);
			continue;
		}
		i = 0;
		list_for_each_entry(o, &outs->list, node) {
			c[i].id = o->id;
			c[i].dst = o->dst;
			c[i].len = o->len;
			c[i].sum = o->sum;
			i++;
		}
		xa_unlock(&alias->reqs.xa);
		*copy = c;
		*n = nr;
		return 0;
	}
	return -EAGAIN;
}

/**
 * ftalias_output_restore() - an output of a restore, after those before
 * @alias: the staged alias of the restore, in no table
 * @c: the output, checked (restore.c)
 *
 * Process context.  What the alias holds goes with it if the restore
 * fails (ftalias_log_destroy()).
 *
 * Return: 0 or -ENOMEM.
 */
int ftalias_output_restore(struct ftalias_alias *alias,
			   const struct ftalias_output_copy *c)
{
	struct ftalias_output *o;
	int err;

	err = ftalias_outputs_hash(alias);
	if (err)
		return err;
	o = kmalloc(sizeof(*o), GFP_KERNEL_ACCOUNT);
	if (!o)
		return -ENOMEM;
	xa_lock(&alias->reqs.xa);
	__ftalias_output_link(&alias->outputs, o, &c->id, c->dst, c->len,
			      c->sum);
	xa_unlock(&alias->reqs.xa);
	return 0;
}

/* What alias-get shows of the outputs of @alias, under its lock. */
void __ftalias_outputs_info(struct ftalias_alias *alias, u32 *nr,
			    u64 *reissued)
{
	lockdep_assert_held(&alias->lock);

	xa_lock(&alias->reqs.xa);
	*nr = alias->outputs.nr;
	*reissued = alias->outputs.reissued;
	xa_unlock(&alias->reqs.xa);
}
