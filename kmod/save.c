// SPDX-License-Identifier: GPL-2.0
/*
 * alias-save: the state of an alias as a stream of records, for a restore
 * after a reboot, a module upgrade or on another machine (seed 004's
 * migration).  The records are top-level attributes of the "save" set,
 * each followed by its CRC-32; user space writes their bytes to a file as
 * they come, whatever messages carried them.
 *
 * Everything is copied in start() (or, before Linux 6.2, in the first
 * dumpit() call) under the namespace's lock, which keeps the alias's
 * configuration and its table entry still, and the replay cache under the
 * alias's lock in one hold (ftalias_rc_snapshot()): configuration and
 * cache show one moment; the members' ack is read just before it, then
 * the requests they sent that wait for their reply are copied
 * (ftalias_reqs_snapshot()) with the replies held for them
 * (ftalias_held_snapshot()), and their last transaction id is read last
 * (see ftalias_save_open()).  The
 * dump then encodes the copy, at the reader's pace, without touching the
 * alias again.  A copy is as large as the cache: a namespace holds at
 * most FTALIAS_SAVE_MAX of them at a time, each charged to the memory
 * cgroup of the saver.
 */

#include <linux/capability.h>
#include <linux/crc32.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <net/genetlink.h>
#include <net/sock.h>

#include "alias.h"
#include "compat.h"
#include "ftalias.h"
#include "generated/netlink-gen.h"
#include "log.h"
#include "netlink.h"
#include "replay.h"
#include "request.h"
#include "trace.h"

/* Alias ids in one dsts record. */
#define FTALIAS_SAVE_DSTS_MAX	512
/* Saves in progress in a network namespace. */
#define FTALIAS_SAVE_MAX	4

enum ftalias_save_phase {
	FTALIAS_SAVE_P_HEADER,
	FTALIAS_SAVE_P_ALIAS,
	FTALIAS_SAVE_P_IDS,
	FTALIAS_SAVE_P_DSTS,
	FTALIAS_SAVE_P_RECORDS,
	FTALIAS_SAVE_P_REQUESTS,
	FTALIAS_SAVE_P_HELD,
	FTALIAS_SAVE_P_CKPT,
	FTALIAS_SAVE_P_INPUTS,
	FTALIAS_SAVE_P_OUTPUTS,
	FTALIAS_SAVE_P_TRAILER,
	FTALIAS_SAVE_P_END,
};

/* The copy of the alias, and where the dump is in it. */
struct ftalias_save_state {
	struct ftalias_net *fn;		/* counted in its saves */
	struct ftalias_rc_snap snap;
	struct ftalias_rc_snap reqs;	/* the members' requests */
	struct ftalias_rc_snap held;	/* the replies held for them */
	struct sk_buff *alias;		/* the alias record */
	struct ftalias_ckpt_blob *ckpt;	/* its checkpoint, referenced */
	struct ftalias_input_copy *inputs; /* its log's inputs */
	u32 nr_inputs;
	struct ftalias_output_copy *outputs; /* and outputs */
	u32 nr_outputs;
	u32 *dsts;
	u32 nr_dsts;
	u64 xid;
	u64 ack;
	u64 cookie;
	u32 freeze_us;			/* how long the copy held it frozen */
	/* The cursor. */
	u8 phase;			/* enum ftalias_save_phase */
	bool head;			/* the record at @off went out */
	u32 index;			/* dsts given */
	size_t off;			/* in snap.buf, reqs.buf, held.buf */
	u32 sent;			/* payload bytes of @off given */
	u64 ckpt_sent;			/* bytes of @ckpt given */
	u32 input_at;			/* inputs given */
	u32 output_at;			/* outputs given */
};

struct ftalias_save_ctx {
	struct ftalias_save_state *st;
	u32 alias_id;
	bool move;			/* stays frozen until deleted */
	bool deferred;			/* the checks wait for dumpit() */
	bool done;
};

/* The ids of the aliases @alias's members sent to. */
static int ftalias_save_dsts(struct ftalias_alias *alias,
			     struct ftalias_save_state *st)
{
	unsigned long id;
	void *entry;
	u32 n = 0;

	xa_for_each(&alias->dsts, id, entry)
		n++;
	if (!n)
		return 0;
	st->dsts = kvmalloc_array(n, sizeof(*st->dsts), GFP_KERNEL_ACCOUNT);
	if (!st->dsts)
		return -ENOMEM;
	/* Only members add to it, and the snapshot is a moment: no more. */
	xa_for_each(&alias->dsts, id, entry) {
		if (st->nr_dsts == n)
			break;
		st->dsts[st->nr_dsts++] = id;
	}
	return 0;
}

/*
 * The cookies of the requester aliases in the table (the copy has those
 * of the restored requesters that are not, and of the moved ones): read
 * now, under the table's lock.  Entries of a requester that is an alias
 * are forgotten when it leaves the table, or stray when it is moved
 * (ftalias_alias_forget_dsts()), so it is there.
 */
static void ftalias_save_cookies(struct ftalias_net *fn,
				 struct ftalias_save_state *st)
{
	struct ftalias_rc_snap_rec *r;
	struct ftalias_alias *x;
	size_t off;

	lockdep_assert_held(&fn->lock);

	for (off = 0; off < st->snap.used; off += ALIGN(sizeof(*r) + r->len, 8)) {
		r = st->snap.buf + off;
		if (r->kind != FTALIAS_RC_SNAP_CLIENT || r->cookie)
			continue;
		x = __ftalias_alias_by_id(fn, r->id.alias);
		/* A cookie of nobody: the restore keeps them for no one. */
		r->cookie = !WARN_ON_ONCE(!x) ? x->cookie : U64_MAX;
	}
}

/* The alias record, encoded now: its configuration is still under the lock. */
static int ftalias_save_alias(struct net *net, struct ftalias_alias *alias,
			      struct ftalias_save_state *st)
{
	struct nlattr *nest;

	st->alias = alloc_skb(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!st->alias)
		return -ENOMEM;
	nest = nla_nest_start(st->alias, FTALIAS_A_SAVE_ALIAS);
	if (!nest || ftalias_nl_put_alias(st->alias, net, alias, true))
		return -EMSGSIZE;
	nla_nest_end(st->alias, nest);
	return 0;
}

/*
 * The copy of a frozen @alias (ftalias_alias_freeze()): nothing of what
 * it copies moves meanwhile.
 */
static int ftalias_save_copy(struct netlink_callback *cb, struct net *net,
			     struct ftalias_alias *alias,
			     struct ftalias_save_state *st,
			     const struct nlattr *attr)
{
	struct ftalias_net *fn = ftalias_net(net);
	int err;

	/*
	 * Members raise the ack without the lock: read before the cache, a
	 * smaller one is safe (it frees less); the xid after it, a larger one
	 * is safe (no ID of the copy is issued again).
	 */
	st->ack = atomic64_read(&alias->reqs.ack);
	err = ftalias_rc_snapshot(alias, &st->snap);
	if (err == -ENOENT)
		NL_SET_ERR_MSG_ATTR(cb->extack, attr, "alias being deleted");
	else if (err == -EFBIG)
		NL_SET_ERR_MSG(cb->extack,
			       "replay cache too large to copy at once");
	else if (err == -EAGAIN)
		NL_SET_ERR_MSG(cb->extack,
			       "replay cache kept growing during the copy");
	if (err)
		return err;
	err = ftalias_reqs_snapshot(alias, &st->reqs);
	if (err == -EFBIG)
		NL_SET_ERR_MSG(cb->extack,
			       "members' requests too large to copy at once");
	else if (err == -EAGAIN)
		NL_SET_ERR_MSG(cb->extack,
			       "members' requests kept growing during the copy");
	if (err)
		return err;
	err = ftalias_held_snapshot(alias, &st->held);
	if (err == -EFBIG)
		NL_SET_ERR_MSG(cb->extack,
			       "held replies too large to copy at once");
	else if (err == -EAGAIN)
		NL_SET_ERR_MSG(cb->extack,
			       "held replies kept growing during the copy");
	if (err)
		return err;
	/* A reference: the blob never changes, the copy is in dumpit(). */
	st->ckpt = ftalias_log_ckpt_get(alias);
	/* The same for the inputs' messages. */
	err = ftalias_log_inputs_copy(alias, &st->inputs, &st->nr_inputs);
	if (err == -EAGAIN)
		NL_SET_ERR_MSG(cb->extack, "inputs kept coming during the copy");
	if (err)
		return err;
	err = ftalias_outputs_copy(alias, &st->outputs, &st->nr_outputs);
	if (err == -EAGAIN)
		NL_SET_ERR_MSG(cb->extack, "outputs kept coming during the copy");
	if (err)
		return err;
	st->xid = atomic64_read(&alias->reqs.xid);
	st->cookie = alias->cookie;
	ftalias_save_cookies(fn, st);
	err = ftalias_save_dsts(alias, st);
	if (!err)
		err = ftalias_save_alias(net, alias, st);
	return err;
}

/*
 * CAP_NET_ADMIN (the records hold every payload of the cache), the alias,
 * and its copy.  Runs in the sender's context.
 */
static int ftalias_save_open(struct netlink_callback *cb, u32 alias_id,
			     const struct nlattr *attr)
{
	struct ftalias_save_ctx *ctx = (void *)cb->ctx;
	struct net *net = sock_net(cb->skb->sk);
	struct ftalias_net *fn = ftalias_net(net);
	struct ftalias_save_state *st = ctx->st;
	struct ftalias_alias *alias;
	ktime_t start;
	int err;

	if (!netlink_ns_capable(cb->skb, net->user_ns, CAP_NET_ADMIN)) {
		NL_SET_ERR_MSG(cb->extack,
			       "CAP_NET_ADMIN required in the network namespace");
		return -EPERM;
	}
	if (!alias_id) {
		NL_SET_ERR_ATTR_MISS(cb->extack, NULL, FTALIAS_A_SAVE_ALIAS_ID);
		NL_SET_ERR_MSG(cb->extack, "alias id required");
		return -EINVAL;
	}
	if (atomic_inc_return(&fn->saves) > FTALIAS_SAVE_MAX) {
		atomic_dec(&fn->saves);
		NL_SET_ERR_MSG(cb->extack,
			       "too many saves in progress in the network namespace");
		return -EBUSY;
	}
	st->fn = fn;
	mutex_lock(&fn->lock);
	alias = __ftalias_alias_by_id(fn, alias_id);
	if (!alias) {
		NL_SET_ERR_MSG_ATTR(cb->extack, attr, "no alias with this id");
		err = -ENOENT;
		goto out;
	}
	/* The room for the cache's copy is made before the freeze. */
	err = ftalias_rc_snap_reserve(alias, &st->snap);
	start = ktime_get();
	if (!err)
		err = ftalias_alias_freeze(alias);
	if (err == -ENOENT)
		NL_SET_ERR_MSG_ATTR(cb->extack, attr, "alias being deleted");
	else if (err == -EBUSY)
		NL_SET_ERR_MSG_ATTR(cb->extack, attr, "alias being moved");
	else if (err == -EAGAIN)
		NL_SET_ERR_MSG(cb->extack,
			       "answers to its members' requests kept coming");
	else if (err == -EFBIG)
		NL_SET_ERR_MSG(cb->extack,
			       "replay cache too large to copy at once");
	if (err)
		goto out;
	err = ftalias_save_copy(cb, net, alias, st, attr);
	st->freeze_us = min_t(s64, ktime_us_delta(ktime_get(), start),
			      U32_MAX);
	if (!err && ctx->move)
		ftalias_alias_move(alias, NETLINK_CB(cb->skb).portid);
	else
		ftalias_alias_thaw(alias);
	if (!err)
		trace_ftalias_save_freeze(alias, st->freeze_us,
					  st->snap.entries, st->reqs.entries,
					  st->held.entries, ctx->move);
out:
	mutex_unlock(&fn->lock);
	return err;
}

static void ftalias_save_free(struct ftalias_save_ctx *ctx)
{
	struct ftalias_save_state *st = ctx->st;

	if (!st)
		return;
	if (st->fn)
		atomic_dec(&st->fn->saves);
	ftalias_rc_snap_free(&st->snap);
	ftalias_rc_snap_free(&st->reqs);
	ftalias_rc_snap_free(&st->held);
	consume_skb(st->alias);
	ftalias_ckpt_blob_put(st->ckpt);
	ftalias_log_inputs_copy_free(st->inputs, st->nr_inputs);
	kvfree(st->outputs);
	kvfree(st->dsts);
	kfree(st);
	ctx->st = NULL;
}

/*
 * A failed start() is never followed by done().  Before Linux 6.2 start()
 * has no extack: the checks wait for the first dumpit() call, as in
 * netlink.c's cache dumps.
 */
int ftalias_nl_alias_save_dump_start(struct netlink_callback *cb)
{
	struct ftalias_save_ctx *ctx = (void *)cb->ctx;
	struct nlattr **tb = ftalias_dumpit_attrs(cb);
	struct nlattr *attr = tb ? tb[FTALIAS_A_SAVE_ALIAS_ID] : NULL;
	int err;

	BUILD_BUG_ON(sizeof(*ctx) > sizeof(cb->ctx));

	memset(ctx, 0, sizeof(*ctx));
	ctx->st = kzalloc(sizeof(*ctx->st), GFP_KERNEL);
	if (!ctx->st)
		return -ENOMEM;
	ctx->move = tb && nla_get_flag(tb[FTALIAS_A_SAVE_MOVE]);
	if (!cb->extack) {
		/* 0 is refused by the policy: it means "none" here. */
		ctx->alias_id = attr ? nla_get_u32(attr) : 0;
		ctx->deferred = true;
		return 0;
	}
	err = ftalias_save_open(cb, attr ? nla_get_u32(attr) : 0, attr);
	if (err)
		ftalias_save_free(ctx);
	return err;
}

int ftalias_nl_alias_save_dump_done(struct netlink_callback *cb)
{
	ftalias_save_free((void *)cb->ctx);
	return 0;
}

/* The CRC of record @rec, the attribute after it. */
static int ftalias_save_crc(struct sk_buff *skb, const struct nlattr *rec)
{
	u32 crc = ~crc32_le(~0U, (const u8 *)rec, rec->nla_len);

	return nla_put_u32(skb, FTALIAS_A_SAVE_CRC, crc);
}

/* Record @rec and its CRC, or nothing and -EMSGSIZE. */
static int ftalias_save_end(struct sk_buff *skb, struct nlattr *rec)
{
	nla_nest_end(skb, rec);
	if (ftalias_save_crc(skb, rec)) {
		nla_nest_cancel(skb, rec);
		return -EMSGSIZE;
	}
	return 0;
}

static int ftalias_save_put_header(struct sk_buff *skb,
				   const struct ftalias_save_state *st)
{
	struct nlattr *rec = nla_nest_start(skb, FTALIAS_A_SAVE_HEADER);

	if (!rec)
		return -EMSGSIZE;
	if (nla_put_u32(skb, FTALIAS_A_SAVE_HEADER_VERSION,
			FTALIAS_SAVE_VERSION) ||
	    nla_put_u32(skb, FTALIAS_A_SAVE_HEADER_DROPPED, st->snap.dropped) ||
	    nla_put_u32(skb, FTALIAS_A_SAVE_HEADER_FREEZE_US, st->freeze_us)) {
		nla_nest_cancel(skb, rec);
		return -EMSGSIZE;
	}
	return ftalias_save_end(skb, rec);
}

static int ftalias_save_put_alias(struct sk_buff *skb,
				  const struct ftalias_save_state *st)
{
	struct nlattr *rec;

	if (skb_tailroom(skb) < st->alias->len + nla_total_size(sizeof(u32)))
		return -EMSGSIZE;
	rec = skb_put_data(skb, st->alias->data, st->alias->len);
	return ftalias_save_crc(skb, rec);
}

static int ftalias_save_put_ids(struct sk_buff *skb,
				const struct ftalias_save_state *st)
{
	struct nlattr *rec = nla_nest_start(skb, FTALIAS_A_SAVE_IDS);

	if (!rec)
		return -EMSGSIZE;
	if (nla_put_u64_64bit(skb, FTALIAS_A_SAVE_IDS_XID, st->xid,
			      FTALIAS_A_SAVE_IDS_PAD) ||
	    nla_put_u64_64bit(skb, FTALIAS_A_SAVE_IDS_ACK, st->ack,
			      FTALIAS_A_SAVE_IDS_PAD) ||
	    nla_put_u64_64bit(skb, FTALIAS_A_SAVE_IDS_COOKIE, st->cookie,
			      FTALIAS_A_SAVE_IDS_PAD)) {
		nla_nest_cancel(skb, rec);
		return -EMSGSIZE;
	}
	return ftalias_save_end(skb, rec);
}

/* A plain record: @type with @len bytes, and its CRC. */
static int ftalias_save_put_data(struct sk_buff *skb, int type,
				 const void *data, u32 len)
{
	struct nlattr *rec;

	if (skb_tailroom(skb) < nla_total_size(len) +
				nla_total_size(sizeof(u32)))
		return -EMSGSIZE;
	rec = __nla_reserve(skb, type, len);
	memcpy(nla_data(rec), data, len);
	return ftalias_save_crc(skb, rec);
}

static int ftalias_save_put_trailer(struct sk_buff *skb,
				    const struct ftalias_save_state *st)
{
	struct nlattr *rec = nla_nest_start(skb, FTALIAS_A_SAVE_TRAILER);

	if (!rec)
		return -EMSGSIZE;
	if (nla_put_u32(skb, FTALIAS_A_SAVE_TRAILER_ENTRIES,
			st->snap.entries) ||
	    nla_put_u32(skb, FTALIAS_A_SAVE_TRAILER_JRECS, st->snap.jrecs) ||
	    nla_put_u32(skb, FTALIAS_A_SAVE_TRAILER_CLIENTS,
			st->snap.clients) ||
	    nla_put_u64_64bit(skb, FTALIAS_A_SAVE_TRAILER_BYTES,
			      st->snap.bytes, FTALIAS_A_SAVE_TRAILER_PAD) ||
	    nla_put_u32(skb, FTALIAS_A_SAVE_TRAILER_REQUESTS,
			st->reqs.entries) ||
	    nla_put_u32(skb, FTALIAS_A_SAVE_TRAILER_HELD, st->held.entries) ||
	    (st->ckpt &&
	     nla_put_u64_64bit(skb, FTALIAS_A_SAVE_TRAILER_CKPT_BYTES,
			       st->ckpt->bytes, FTALIAS_A_SAVE_TRAILER_PAD)) ||
	    (st->nr_inputs &&
	     nla_put_u32(skb, FTALIAS_A_SAVE_TRAILER_INPUTS, st->nr_inputs)) ||
	    (st->nr_outputs &&
	     nla_put_u32(skb, FTALIAS_A_SAVE_TRAILER_OUTPUTS,
			 st->nr_outputs))) {
		nla_nest_cancel(skb, rec);
		return -EMSGSIZE;
	}
	return ftalias_save_end(skb, rec);
}

/* The head of an entry or journal record, with its first bytes. */
static int ftalias_save_put_head(struct sk_buff *skb,
				 const struct ftalias_rc_snap_rec *r)
{
	u32 first = min_t(u32, r->len, FTALIAS_SAVE_CHUNK);
	struct nlattr *rec;
	int err;

	if (r->kind == FTALIAS_RC_SNAP_CLIENT) {
		rec = nla_nest_start(skb, FTALIAS_A_SAVE_CLIENT);
		if (!rec)
			return -EMSGSIZE;
		err = nla_put_u32(skb, FTALIAS_A_SAVE_CLIENT_NODE, r->id.node) ||
		      nla_put_u32(skb, FTALIAS_A_SAVE_CLIENT_ALIAS,
				  r->id.alias) ||
		      nla_put_u64_64bit(skb, FTALIAS_A_SAVE_CLIENT_ACKED,
					r->acked, FTALIAS_A_SAVE_CLIENT_PAD) ||
		      nla_put_u64_64bit(skb, FTALIAS_A_SAVE_CLIENT_COOKIE,
					r->cookie, FTALIAS_A_SAVE_CLIENT_PAD);
	} else if (r->kind == FTALIAS_RC_SNAP_REQUEST) {
		rec = nla_nest_start(skb, FTALIAS_A_SAVE_REQUEST);
		if (!rec)
			return -EMSGSIZE;
		err = nla_put(skb, FTALIAS_A_SAVE_REQUEST_KEY, sizeof(r->id),
			      &r->id) ||
		      nla_put_u32(skb, FTALIAS_A_SAVE_REQUEST_DEST_ALIAS,
				  r->alias) ||
		      ((r->flags & FTALIAS_F_REDELIVERED) &&
		       nla_put_flag(skb, FTALIAS_A_SAVE_REQUEST_DELIVERED)) ||
		      (first < r->len &&
		       nla_put_u32(skb, FTALIAS_A_SAVE_REQUEST_LEN, r->len)) ||
		      nla_put(skb, FTALIAS_A_SAVE_REQUEST_PAYLOAD, first,
			      r->data) ||
		      nla_put_u64_64bit(skb, FTALIAS_A_SAVE_REQUEST_DEST_COOKIE,
					r->cookie, FTALIAS_A_SAVE_REQUEST_PAD);
	} else if (r->kind == FTALIAS_RC_SNAP_HELD) {
		rec = nla_nest_start(skb, FTALIAS_A_SAVE_HELD);
		if (!rec)
			return -EMSGSIZE;
		err = nla_put(skb, FTALIAS_A_SAVE_HELD_KEY, sizeof(r->id),
			      &r->id) ||
		      (r->err &&
		       nla_put_u32(skb, FTALIAS_A_SAVE_HELD_ERR, r->err)) ||
		      nla_put_u32(skb, FTALIAS_A_SAVE_HELD_SRC_PORT, r->port) ||
		      nla_put_u32(skb, FTALIAS_A_SAVE_HELD_SRC_ALIAS, r->alias) ||
		      (r->flags &&
		       nla_put_u32(skb, FTALIAS_A_SAVE_HELD_FLAGS, r->flags)) ||
		      (first < r->len &&
		       nla_put_u32(skb, FTALIAS_A_SAVE_HELD_LEN, r->len)) ||
		      nla_put(skb, FTALIAS_A_SAVE_HELD_PAYLOAD, first, r->data);
	} else if (r->kind == FTALIAS_RC_SNAP_JREC) {
		rec = nla_nest_start(skb, FTALIAS_A_SAVE_JREC);
		if (!rec)
			return -EMSGSIZE;
		err = nla_put(skb, FTALIAS_A_SAVE_JREC_KEY, sizeof(r->id),
			      &r->id) ||
		      nla_put_u32(skb, FTALIAS_A_SAVE_JREC_DEST_ALIAS,
				  r->alias) ||
		      ((r->flags & FTALIAS_J_REPLIED) &&
		       nla_put_flag(skb, FTALIAS_A_SAVE_JREC_REPLIED)) ||
		      (first < r->len &&
		       nla_put_u32(skb, FTALIAS_A_SAVE_JREC_LEN, r->len)) ||
		      nla_put(skb, FTALIAS_A_SAVE_JREC_PAYLOAD, first, r->data);
	} else {
		rec = nla_nest_start(skb, FTALIAS_A_SAVE_ENTRY);
		if (!rec)
			return -EMSGSIZE;
		err = nla_put(skb, FTALIAS_A_SAVE_ENTRY_KEY, sizeof(r->id),
			      &r->id) ||
		      nla_put_u32(skb, FTALIAS_A_SAVE_ENTRY_STATE, r->state) ||
		      nla_put_u32(skb, FTALIAS_A_SAVE_ENTRY_AGE_MS, r->age_ms) ||
		      (r->state == FTALIAS_RC_IN_PROGRESS &&
		       (nla_put_u32(skb, FTALIAS_A_SAVE_ENTRY_SRC_PORT,
				    r->port) ||
			nla_put_u32(skb, FTALIAS_A_SAVE_ENTRY_SRC_ALIAS,
				    r->alias))) ||
		      (first < r->len &&
		       nla_put_u32(skb, FTALIAS_A_SAVE_ENTRY_LEN, r->len)) ||
		      nla_put(skb, FTALIAS_A_SAVE_ENTRY_PAYLOAD, first, r->data);
	}
	if (err) {
		nla_nest_cancel(skb, rec);
		return -EMSGSIZE;
	}
	return ftalias_save_end(skb, rec);
}

/* The next record of copy @snap; 1 at its end. */
static int ftalias_save_put_next(struct sk_buff *skb,
				 struct ftalias_save_state *st,
				 const struct ftalias_rc_snap *snap)
{
	const struct ftalias_rc_snap_rec *r;
	u32 n;
	int err;

	if (st->off >= snap->used) {
		st->off = 0;
		return 1;
	}
	r = snap->buf + st->off;
	if (!st->head) {
		err = ftalias_save_put_head(skb, r);
		if (err)
			return err;
		st->head = true;
		st->sent = min_t(u32, r->len, FTALIAS_SAVE_CHUNK);
	} else if (st->sent < r->len) {
		n = min_t(u32, r->len - st->sent, FTALIAS_SAVE_CHUNK);
		err = ftalias_save_put_data(skb, FTALIAS_A_SAVE_DATA,
					    r->data + st->sent, n);
		if (err)
			return err;
		st->sent += n;
	}
	if (st->sent >= r->len) {
		st->off += ALIGN(sizeof(*r) + r->len, 8);
		st->head = false;
		st->sent = 0;
	}
	return 0;
}

/* A data record of @n bytes to fill, with room for its CRC; or NULL. */
static struct nlattr *ftalias_save_data_rec(struct sk_buff *skb, u32 n)
{
	if (skb_tailroom(skb) < nla_total_size(n) + nla_total_size(sizeof(u32)))
		return NULL;
	return __nla_reserve(skb, FTALIAS_A_SAVE_DATA, n);
}

/*
 * The next record of the checkpoint: its head with its first bytes, then
 * data records; 1 at its end (or when the alias has none).
 */
static int ftalias_save_put_ckpt(struct sk_buff *skb,
				 struct ftalias_save_state *st)
{
	const struct ftalias_ckpt_blob *blob = st->ckpt;
	struct nlattr *rec, *data;
	u32 n;
	int err;

	if (!blob)
		return 1;
	n = min_t(u64, blob->bytes - st->ckpt_sent, FTALIAS_SAVE_CHUNK);
	if (!st->head) {
		rec = nla_nest_start(skb, FTALIAS_A_SAVE_CHECKPOINT);
		if (!rec)
			return -EMSGSIZE;
		data = NULL;
		if (!nla_put_u64_64bit(skb, FTALIAS_A_SAVE_CHECKPOINT_SEQ,
				       blob->seq, FTALIAS_A_SAVE_CHECKPOINT_PAD) &&
		    (!blob->input ||
		     !nla_put_u64_64bit(skb, FTALIAS_A_SAVE_CHECKPOINT_INPUT,
					blob->input,
					FTALIAS_A_SAVE_CHECKPOINT_PAD)) &&
		    (n == blob->bytes ||
		     !nla_put_u64_64bit(skb, FTALIAS_A_SAVE_CHECKPOINT_LEN,
					blob->bytes,
					FTALIAS_A_SAVE_CHECKPOINT_PAD)))
			data = nla_reserve(skb, FTALIAS_A_SAVE_CHECKPOINT_PAYLOAD,
					   n);
		if (!data) {
			nla_nest_cancel(skb, rec);
			return -EMSGSIZE;
		}
		ftalias_ckpt_blob_read(blob, 0, nla_data(data), n);
		err = ftalias_save_end(skb, rec);
		if (err)
			return err;
		st->head = true;
	} else {
		data = ftalias_save_data_rec(skb, n);
		if (!data)
			return -EMSGSIZE;
		ftalias_ckpt_blob_read(blob, st->ckpt_sent, nla_data(data), n);
		err = ftalias_save_crc(skb, data);
		if (err)
			return err;
	}
	st->ckpt_sent += n;
	if (st->ckpt_sent < blob->bytes)
		return 0;
	st->head = false;
	return 1;
}

/* The head of input @c, with its first @n bytes. */
static int ftalias_save_put_input_head(struct sk_buff *skb,
				       const struct ftalias_input_copy *c,
				       u32 n)
{
	const struct ftalias_skb_cb *cb = ftalias_cb(c->skb);
	struct nlattr *rec, *data;

	rec = nla_nest_start(skb, FTALIAS_A_SAVE_INPUT);
	if (!rec)
		return -EMSGSIZE;
	data = NULL;
	if (!nla_put_u64_64bit(skb, FTALIAS_A_SAVE_INPUT_SEQ, c->seq,
			       FTALIAS_A_SAVE_INPUT_PAD) &&
	    !nla_put(skb, FTALIAS_A_SAVE_INPUT_KEY, sizeof(cb->id), &cb->id) &&
	    !nla_put_u32(skb, FTALIAS_A_SAVE_INPUT_FLAGS,
			 cb->flags & ~FTALIAS_F_REPLAY) &&
	    !nla_put_u32(skb, FTALIAS_A_SAVE_INPUT_SRC_PORT, cb->src_port) &&
	    !nla_put_u32(skb, FTALIAS_A_SAVE_INPUT_SRC_ALIAS, cb->src_alias) &&
	    !nla_put_u32(skb, FTALIAS_A_SAVE_INPUT_ARG_LEN, cb->aux) &&
	    (!c->pending || !nla_put_flag(skb, FTALIAS_A_SAVE_INPUT_PENDING)) &&
	    (n == c->skb->len ||
	     !nla_put_u32(skb, FTALIAS_A_SAVE_INPUT_LEN, c->skb->len)))
		data = nla_reserve(skb, FTALIAS_A_SAVE_INPUT_PAYLOAD, n);
	if (!data) {
		nla_nest_cancel(skb, rec);
		return -EMSGSIZE;
	}
	/* Cannot fail: the bytes are there. */
	WARN_ON_ONCE(skb_copy_bits(c->skb, 0, nla_data(data), n));
	return ftalias_save_end(skb, rec);
}

/*
 * The next record of the inputs: an input's head with its first bytes,
 * then data records; 1 after the last (or when there is none).
 */
static int ftalias_save_put_input(struct sk_buff *skb,
				  struct ftalias_save_state *st)
{
	const struct ftalias_input_copy *c;
	struct nlattr *data;
	u32 n;
	int err;

	if (st->input_at == st->nr_inputs)
		return 1;
	c = &st->inputs[st->input_at];
	n = min_t(u32, c->skb->len - st->sent, FTALIAS_SAVE_CHUNK);
	if (!st->head) {
		err = ftalias_save_put_input_head(skb, c, n);
		if (err)
			return err;
		st->head = true;
	} else {
		data = ftalias_save_data_rec(skb, n);
		if (!data)
			return -EMSGSIZE;
		WARN_ON_ONCE(skb_copy_bits(c->skb, st->sent, nla_data(data), n));
		err = ftalias_save_crc(skb, data);
		if (err)
			return err;
	}
	st->sent += n;
	if (st->sent < c->skb->len)
		return 0;
	st->head = false;
	st->sent = 0;
	st->input_at++;
	return 0;
}

/* The next output record; 1 after the last (or when there is none). */
static int ftalias_save_put_output(struct sk_buff *skb,
				   struct ftalias_save_state *st)
{
	const struct ftalias_output_copy *c;
	struct nlattr *rec;

	if (st->output_at == st->nr_outputs)
		return 1;
	c = &st->outputs[st->output_at];
	rec = nla_nest_start(skb, FTALIAS_A_SAVE_OUTPUT);
	if (!rec)
		return -EMSGSIZE;
	if (nla_put(skb, FTALIAS_A_SAVE_OUTPUT_KEY, sizeof(c->id), &c->id) ||
	    nla_put_u32(skb, FTALIAS_A_SAVE_OUTPUT_DST, c->dst) ||
	    nla_put_u32(skb, FTALIAS_A_SAVE_OUTPUT_LEN, c->len) ||
	    nla_put_u32(skb, FTALIAS_A_SAVE_OUTPUT_SUM, c->sum)) {
		nla_nest_cancel(skb, rec);
		return -EMSGSIZE;
	}
	if (ftalias_save_end(skb, rec))
		return -EMSGSIZE;
	st->output_at++;
	return 0;
}

/* The next record; 0 or -EMSGSIZE (it does not fit). */
static int ftalias_save_put(struct sk_buff *skb, struct ftalias_save_state *st)
{
	int err = 0;
	u32 n;

	switch (st->phase) {
	case FTALIAS_SAVE_P_HEADER:
		err = ftalias_save_put_header(skb, st);
		break;
	case FTALIAS_SAVE_P_ALIAS:
		err = ftalias_save_put_alias(skb, st);
		break;
	case FTALIAS_SAVE_P_IDS:
		err = ftalias_save_put_ids(skb, st);
		break;
	case FTALIAS_SAVE_P_DSTS:
		n = min_t(u32, st->nr_dsts - st->index, FTALIAS_SAVE_DSTS_MAX);
		if (!n)
			break;
		err = ftalias_save_put_data(skb, FTALIAS_A_SAVE_DSTS,
					    st->dsts + st->index,
					    n * sizeof(*st->dsts));
		if (err)
			return err;
		st->index += n;
		return 0;
	case FTALIAS_SAVE_P_RECORDS:
	case FTALIAS_SAVE_P_REQUESTS:
	case FTALIAS_SAVE_P_HELD:
		err = ftalias_save_put_next(skb, st,
					    st->phase == FTALIAS_SAVE_P_RECORDS ?
					    &st->snap :
					    st->phase == FTALIAS_SAVE_P_REQUESTS ?
					    &st->reqs : &st->held);
		if (err <= 0)
			return err;
		err = 0;
		break;
	case FTALIAS_SAVE_P_CKPT:
		err = ftalias_save_put_ckpt(skb, st);
		if (err <= 0)
			return err;
		err = 0;
		break;
	case FTALIAS_SAVE_P_INPUTS:
		err = ftalias_save_put_input(skb, st);
		if (err <= 0)
			return err;
		err = 0;
		break;
	case FTALIAS_SAVE_P_OUTPUTS:
		err = ftalias_save_put_output(skb, st);
		if (err <= 0)
			return err;
		err = 0;
		break;
	case FTALIAS_SAVE_P_TRAILER:
		err = ftalias_save_put_trailer(skb, st);
		break;
	default:
		return 0;
	}
	if (!err)
		st->phase++;
	return err;
}

int ftalias_nl_alias_save_dumpit(struct sk_buff *skb,
				 struct netlink_callback *cb)
{
	struct ftalias_save_ctx *ctx = (void *)cb->ctx;
	struct ftalias_save_state *st = ctx->st;
	unsigned int start;
	void *hdr;
	int err = 0;

	if (ctx->done)
		return 0;
	if (ctx->deferred) {
		ctx->deferred = false;
		err = ftalias_save_open(cb, ctx->alias_id, NULL);
		if (err) {
			ctx->done = true;
			return err;
		}
	}
	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  &ftalias_nl_family, NLM_F_MULTI,
			  FTALIAS_CMD_ALIAS_SAVE);
	if (!hdr)
		return -EMSGSIZE;
	start = skb->len;
	while (st->phase < FTALIAS_SAVE_P_END) {
		err = ftalias_save_put(skb, st);
		if (err)
			break;
	}
	if (st->phase == FTALIAS_SAVE_P_END)
		ctx->done = true;
	if (skb->len == start) {
		genlmsg_cancel(skb, hdr);
		/* A record that does not fit an empty message: never silent. */
		return ctx->done ? 0 : -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return skb->len;
}
