// SPDX-License-Identifier: GPL-2.0
/*
 * alias-restore: an alias rebuilt from the records of alias-save (save.c),
 * all or nothing.  The records come in several messages; the first makes
 * a restore, a staged alias out of every table, which the next ones fill
 * (its replay cache through ftalias_rc_restore()) and the one with the
 * trailer links into the namespace's table.  Every record is checked as it
 * comes: the policy, its CRC, its place in the order, its bounds.  The
 * first refusal, the sender's socket closing (NETLINK_URELEASE), 30
 * seconds without a message (checked at the next alias-restore of the
 * namespace) and the namespace going drop the whole restore: the staged
 * alias goes as if it never was.  Restores live in the namespace's
 * @restores, under its lock, and answer only the socket that began them.
 */

#include <linux/capability.h>
#include <linux/crc32.h>
#include <linux/mm.h>
#include <linux/netlink.h>
#include <linux/notifier.h>
#include <linux/slab.h>
#include <net/genetlink.h>
#include <net/net_namespace.h>
#include <net/sock.h>

#include "alias.h"
#include "aliastab.h"
#include "compat.h"	/* struct genl_split_ops before 6.2 */
#include "ftalias.h"
#include "generated/netlink-gen.h"
#include "log.h"
#include "netlink.h"
#include "replay.h"
#include "request.h"
#include "restore.h"

/* Restores in progress in a network namespace. */
#define FTALIAS_RESTORE_MAX	4
/* A restore idle this long is dropped. */
#define FTALIAS_RESTORE_IDLE	(30 * HZ)

/* Where a restore is in the records: each kind comes in its phase. */
enum ftalias_restore_phase {
	FTALIAS_RESTORE_P_HEADER,
	FTALIAS_RESTORE_P_ALIAS,
	FTALIAS_RESTORE_P_IDS,
	FTALIAS_RESTORE_P_BODY,		/* dsts, then the entries */
	FTALIAS_RESTORE_P_PROG,		/* entries in progress, journals */
	FTALIAS_RESTORE_P_DONE,		/* completed entries */
	FTALIAS_RESTORE_P_CLIENTS,
	FTALIAS_RESTORE_P_REQUESTS,	/* the members' requests */
	FTALIAS_RESTORE_P_HELD,		/* the replies held for them */
	FTALIAS_RESTORE_P_CKPT,		/* the checkpoint */
	FTALIAS_RESTORE_P_INPUTS,	/* the log's inputs */
	FTALIAS_RESTORE_P_OUTPUTS,	/* and outputs */
	FTALIAS_RESTORE_P_END,		/* the trailer came */
};

struct ftalias_restore {
	u32 handle;
	u32 portid;			/* of the socket that began it */
	unsigned long last;		/* jiffies of its last message */
	struct ftalias_alias *alias;	/* staged, in no table */
	u32 id;				/* to link with */
	u32 saved_id;			/* the alias record's */
	bool new_requester;		/* given a new-id, even the saved one */
	u32 version;			/* the header's */
	u32 incarnation;
	u64 xid;
	u64 ack;
	struct ftalias_alias_stats stats;
	struct ftalias_rc_stats rc_stats;
	u8 phase;			/* enum ftalias_restore_phase */
	bool jrec_ok;			/* the last record: in progress or
					 * one of its journal records
					 */
	struct ftalias_rc_snap_rec *part; /* waiting for data records */
	u32 have;			/* bytes of @part's payload so far */
	u32 entries;
	u32 jrecs;
	u32 clients;
	u32 requests;
	u32 held;
	u64 bytes;
	u32 nr_dsts;
	u64 cost;			/* what the records take in memory */
	struct ftalias_ckpt_blob *ckpt;	/* the checkpoint, being filled */
	u64 ckpt_have;			/* bytes of it so far */
	struct list_head inputs;	/* the log's, filled */
	struct ftalias_input *input;	/* the next one, being filled */
	u32 input_have;			/* bytes of it so far */
	u32 nr_inputs;
	u64 input_seq;			/* the last one's */
	u32 nr_outputs;
	u64 output_xid;			/* the last one's */
};

void ftalias_restore_net_init(struct ftalias_net *fn)
{
	xa_init_flags(&fn->restores, XA_FLAGS_ALLOC1);
}

static void __ftalias_restore_drop(struct ftalias_net *fn,
				   struct ftalias_restore *rs)
{
	struct ftalias_alias *alias = rs->alias;

	lockdep_assert_held(&fn->lock);

	xa_erase(&fn->restores, rs->handle);
	fn->nr_restores--;
	if (alias) {
		ftalias_alias_dp_kill(alias);
		xa_destroy(&alias->dsts);
		ftalias_alias_put(alias);
	}
	kvfree(rs->part);
	ftalias_ckpt_blob_put(rs->ckpt);
	ftalias_inputs_free(&rs->inputs);
	ftalias_input_free(rs->input);
	kfree(rs);
}

/* The namespace goes: its restores with it. */
void ftalias_restore_net_exit(struct ftalias_net *fn)
{
	struct ftalias_restore *rs;
	unsigned long handle;

	mutex_lock(&fn->lock);
	xa_for_each(&fn->restores, handle, rs)
		__ftalias_restore_drop(fn, rs);
	mutex_unlock(&fn->lock);
	xa_destroy(&fn->restores);
}

/* The restores of a socket that closed, or that nobody fed for a while. */
static void __ftalias_restore_reap(struct ftalias_net *fn, u32 portid)
{
	struct ftalias_restore *rs;
	unsigned long handle;

	lockdep_assert_held(&fn->lock);

	xa_for_each(&fn->restores, handle, rs)
		if ((portid && rs->portid == portid) ||
		    time_after(jiffies, rs->last + FTALIAS_RESTORE_IDLE))
			__ftalias_restore_drop(fn, rs);
}

static int ftalias_restore_urelease(struct notifier_block *nb,
				    unsigned long event, void *ptr)
{
	struct netlink_notify *n = ptr;
	struct ftalias_net *fn;

	if (event != NETLINK_URELEASE || n->protocol != NETLINK_GENERIC ||
	    !n->portid)
		return NOTIFY_DONE;
	fn = ftalias_net(n->net);
	/* Most sockets never restored or moved anything: no lock for them. */
	if (xa_empty(&fn->restores) && !atomic_read(&fn->moves))
		return NOTIFY_DONE;
	mutex_lock(&fn->lock);
	__ftalias_restore_reap(fn, n->portid);
	/* A move its saver did not finish: the alias thaws (save.c). */
	if (atomic_read(&fn->moves))
		ftalias_alias_moves_end(fn, n->portid);
	mutex_unlock(&fn->lock);
	return NOTIFY_DONE;
}

static struct notifier_block ftalias_restore_nb = {
	.notifier_call = ftalias_restore_urelease,
};

int ftalias_restore_init(void)
{
	return netlink_register_notifier(&ftalias_restore_nb);
}

void ftalias_restore_exit(void)
{
	netlink_unregister_notifier(&ftalias_restore_nb);
}

/* The alias record: the staged alias, its configuration and counters. */
static int ftalias_restore_alias(struct ftalias_restore *rs, struct net *net,
				 const struct nlattr *rec, struct genl_info *info)
{
	struct ftalias_net *fn = ftalias_net(net);
	/*
	 * Up to the last attribute of save-alias (ckpt-*, log-* are
	 * ignored: the checkpoint and input records restore them).
	 */
	struct nlattr *tb[FTALIAS_A_ALIAS_SCOPE + 1];
	struct netlink_ext_ack *extack = info->extack;
	struct ftalias_alias_cfg cfg;
	const struct nlattr *name;
	struct ftalias_alias *alias;
	int err;

	err = nla_parse_nested(tb, FTALIAS_A_ALIAS_SCOPE, rec,
			       ftalias_save_alias_nl_policy, extack);
	if (err)
		return err;
	name = info->attrs[FTALIAS_A_SAVE_NEW_NAME] ?: tb[FTALIAS_A_ALIAS_NAME];
	if (!name || !tb[FTALIAS_A_ALIAS_ID]) {
		NL_SET_ERR_MSG_ATTR(extack, rec, "alias record without its name or id");
		return -EINVAL;
	}
	err = ftalias_nl_check_name(name, extack);
	if (err)
		return err;
	rs->saved_id = nla_get_u32(tb[FTALIAS_A_ALIAS_ID]);
	rs->new_requester = !!info->attrs[FTALIAS_A_SAVE_NEW_ID];
	rs->id = info->attrs[FTALIAS_A_SAVE_NEW_ID] ?
		 nla_get_u32(info->attrs[FTALIAS_A_SAVE_NEW_ID]) : rs->saved_id;
	/* Told now rather than after every record: checked again at the end. */
	if (__ftalias_alias_by_name(fn, nla_data(name))) {
		NL_SET_ERR_MSG_ATTR(extack, name, "alias name already in use");
		return -EEXIST;
	}
	if (__ftalias_alias_by_id(fn, rs->id)) {
		NL_SET_ERR_MSG(extack, "alias id already in use");
		return -EEXIST;
	}
	ftalias_alias_cfg_default(&cfg);
	err = ftalias_nl_parse_cfg(net, tb, extack, &cfg);
	if (err)
		return err;
	if (tb[FTALIAS_A_ALIAS_SCOPE])
		cfg.scope = nla_get_u8(tb[FTALIAS_A_ALIAS_SCOPE]);
	if (tb[FTALIAS_A_ALIAS_INCARNATION])
		rs->incarnation = nla_get_u32(tb[FTALIAS_A_ALIAS_INCARNATION]);
	ftalias_nl_get_stats(tb[FTALIAS_A_ALIAS_STATS], tb[FTALIAS_A_ALIAS_CACHE],
			     &rs->stats, &rs->rc_stats);

	alias = ftalias_alias_alloc(net, nla_data(name), &cfg);
	if (!alias)
		return -ENOMEM;
	err = ftalias_rc_init(alias);
	if (err) {
		xa_destroy(&alias->dsts);
		ftalias_alias_put(alias);
		return err;
	}
	WRITE_ONCE(alias->rc.staged, true);
	rs->alias = alias;
	return 0;
}

static int ftalias_restore_dsts(struct ftalias_restore *rs,
				const struct nlattr *rec,
				struct netlink_ext_ack *extack)
{
	int i, n = nla_len(rec) / sizeof(u32);
	const u32 *ids = nla_data(rec);
	int err;

	if (nla_len(rec) % sizeof(u32) || n > 512) {
		NL_SET_ERR_MSG_ATTR(extack, rec,
				    "dsts: at most 512 alias ids of 4 bytes");
		return -EINVAL;
	}
	rs->nr_dsts += n;
	if (rs->nr_dsts > ftalias_max_aliases) {
		NL_SET_ERR_MSG_ATTR(extack, rec,
				    "dsts: more aliases than max_aliases");
		return -EINVAL;
	}
	for (i = 0; i < n; i++) {
		if (!ids[i]) {
			NL_SET_ERR_MSG_ATTR(extack, rec, "dsts: alias id 0");
			return -EINVAL;
		}
		err = xa_err(xa_store(&rs->alias->dsts, ids[i], xa_mk_value(0),
				      GFP_KERNEL_ACCOUNT));
		if (err)
			return err;
	}
	return 0;
}

/* A whole entry, journal record or client: into the staged cache. */
/*
 * Whether @id is one the saved alias gave to a request of its members:
 * of this node, of its id, of a port, of its incarnation or an older one,
 * within its counter.
 */
static bool ftalias_restore_own_key(const struct ftalias_restore *rs,
				    const struct ftalias_id *id)
{
	return !id->node && id->alias == rs->saved_id && id->port &&
	       id->xid && id->xid <= rs->xid &&
	       id->incarnation <= rs->incarnation;
}

/*
 * A request of the alias's members: parked until it has an active member.
 * Its ID must be one the alias gave before the save.  Given a new-id
 * (even the saved one) the alias is a new requester, with a new cookie
 * (see the ids record): the requests of the saved one are counted and
 * left out.
 */
static int ftalias_restore_request_apply(struct ftalias_restore *rs,
					 const struct ftalias_rc_snap_rec *r,
					 const struct nlattr *rec,
					 struct netlink_ext_ack *extack)
{
	int err;

	if (!ftalias_restore_own_key(rs, &r->id)) {
		NL_SET_ERR_MSG_ATTR(extack, rec,
				    "request key the alias did not give");
		return -EINVAL;
	}
	/* Its deletion forgets its entries where the dsts records say. */
	if (!xa_load(&rs->alias->dsts, r->alias)) {
		NL_SET_ERR_MSG_ATTR(extack, rec,
				    "request to an alias the dsts records do not name");
		return -EINVAL;
	}
	if (rs->requests >= rs->alias->cfg.cache_max_entries) {
		NL_SET_ERR_MSG_ATTR(extack, rec,
				    "more requests than the alias's cache-max-entries");
		return -EFBIG;
	}
	err = rs->new_requester ? 0 : ftalias_reqs_restore(rs->alias, r);
	if (err == -EEXIST) {
		NL_SET_ERR_MSG_ATTR(extack, rec,
				    "a request with this key came before");
		return -EINVAL;
	}
	if (!err)
		rs->requests++;
	return err;
}

/*
 * A reply (or notice) held for the alias's members: held again, for its
 * first active member.  It answers an ID the alias gave; left out, as the
 * requests, when the alias is a new requester.
 */
static int ftalias_restore_held_apply(struct ftalias_restore *rs,
				      const struct ftalias_rc_snap_rec *r,
				      const struct nlattr *rec,
				      struct netlink_ext_ack *extack)
{
	int err;

	if (!ftalias_restore_own_key(rs, &r->id)) {
		NL_SET_ERR_MSG_ATTR(extack, rec,
				    "held reply to a key the alias did not give");
		return -EINVAL;
	}
	if (r->err > MAX_ERRNO || r->flags > U16_MAX) {
		NL_SET_ERR_MSG_ATTR(extack, rec, "held reply err or flags out of range");
		return -EINVAL;
	}
	if (rs->held >= rs->alias->cfg.cache_max_entries) {
		NL_SET_ERR_MSG_ATTR(extack, rec,
				    "more held replies than the alias's cache-max-entries");
		return -EFBIG;
	}
	err = rs->new_requester ? 0 : ftalias_held_restore(rs->alias, r);
	if (!err)
		rs->held++;
	return err;
}

static int ftalias_restore_apply(struct ftalias_restore *rs,
				 const struct ftalias_rc_snap_rec *r,
				 const struct nlattr *rec,
				 struct netlink_ext_ack *extack)
{
	u64 cost = r->len + 128;
	int err;

	/*
	 * The cache charges a request's bytes; the skb that keeps them
	 * takes more, which a live cache gets only with a real request.
	 */
	if (r->kind == FTALIAS_RC_SNAP_JREC ||
	    (r->kind == FTALIAS_RC_SNAP_ENTRY &&
	     r->state == FTALIAS_RC_IN_PROGRESS))
		cost = SKB_TRUESIZE(r->len) + 128;
	if (r->kind == FTALIAS_RC_SNAP_REQUEST)
		cost = SKB_TRUESIZE(r->len) + sizeof(struct ftalias_req);
	else if (r->kind == FTALIAS_RC_SNAP_HELD)
		cost = SKB_TRUESIZE(r->len);
	rs->cost += cost;
	if (rs->cost > rs->alias->cfg.cache_max_bytes) {
		NL_SET_ERR_MSG_ATTR(extack, rec,
				    "over the alias's cache-max-bytes");
		return -EFBIG;
	}
	if (r->kind == FTALIAS_RC_SNAP_REQUEST)
		return ftalias_restore_request_apply(rs, r, rec, extack);
	if (r->kind == FTALIAS_RC_SNAP_HELD)
		return ftalias_restore_held_apply(rs, r, rec, extack);
	err = ftalias_rc_restore(rs->alias, r, r->data);
	switch (err) {
	case 0:
		break;
	case -EINVAL:
		if (r->kind == FTALIAS_RC_SNAP_ENTRY)
			NL_SET_ERR_MSG_ATTR(extack, rec,
					    "entry key of another node or of no alias");
		else if (r->kind == FTALIAS_RC_SNAP_JREC)
			NL_SET_ERR_MSG_ATTR(extack, rec,
					    "journal record with no entry in progress before it");
		else
			NL_SET_ERR_MSG_ATTR(extack, rec,
					    "requester alias with no entries");
		return err;
	case -EEXIST:
		if (r->kind == FTALIAS_RC_SNAP_CLIENT)
			NL_SET_ERR_MSG_ATTR(extack, rec,
					    "a client record of this alias came before");
		else
			NL_SET_ERR_MSG_ATTR(extack, rec,
					    "an entry with this key came before");
		return -EINVAL;
	case -EFBIG:
		NL_SET_ERR_MSG_ATTR(extack, rec,
				    "over the alias's cache limits, the module's or a journal's");
		return err;
	default:
		return err;
	}
	if (r->kind == FTALIAS_RC_SNAP_ENTRY)
		rs->entries++;
	else if (r->kind == FTALIAS_RC_SNAP_JREC)
		rs->jrecs++;
	else
		rs->clients++;
	rs->bytes += r->len;
	return 0;
}

/*
 * An entry or journal record: applied now, or kept in @part until its
 * data records bring the rest of its payload.
 */
static int ftalias_restore_payload(struct ftalias_restore *rs,
				   struct ftalias_rc_snap_rec *r,
				   const struct nlattr *payload,
				   const struct nlattr *len,
				   const struct nlattr *rec,
				   struct netlink_ext_ack *extack)
{
	struct ftalias_rc_snap_rec *part;
	u32 first;
	int err;

	if (!payload) {
		NL_SET_ERR_MSG_ATTR(extack, rec, "record without its payload");
		return -EINVAL;
	}
	first = nla_len(payload);
	r->len = len ? nla_get_u32(len) : first;
	if (r->len > FTALIAS_MSG_MAX || first > r->len ||
	    (len && first == r->len)) {
		NL_SET_ERR_MSG_ATTR(extack, len ?: payload,
				    "payload length out of bounds");
		return -EINVAL;
	}
	part = kvmalloc(sizeof(*part) + r->len, GFP_KERNEL_ACCOUNT);
	if (!part)
		return -ENOMEM;
	*part = *r;
	memcpy(part->data, nla_data(payload), first);
	if (first < r->len) {
		rs->part = part;
		rs->have = first;
		return 0;
	}
	err = ftalias_restore_apply(rs, part, rec, extack);
	kvfree(part);
	return err;
}

static int ftalias_restore_entry(struct ftalias_restore *rs,
				 const struct nlattr *rec,
				 struct netlink_ext_ack *extack)
{
	struct nlattr *tb[FTALIAS_A_SAVE_ENTRY_MAX + 1];
	struct ftalias_rc_snap_rec r = { .kind = FTALIAS_RC_SNAP_ENTRY };
	bool prog;
	int err;

	err = nla_parse_nested(tb, FTALIAS_A_SAVE_ENTRY_MAX, rec,
			       ftalias_save_entry_nl_policy, extack);
	if (err)
		return err;
	if (!tb[FTALIAS_A_SAVE_ENTRY_KEY] || !tb[FTALIAS_A_SAVE_ENTRY_STATE] ||
	    !tb[FTALIAS_A_SAVE_ENTRY_AGE_MS]) {
		NL_SET_ERR_MSG_ATTR(extack, rec, "entry without key, state or age-ms");
		return -EINVAL;
	}
	r.state = nla_get_u32(tb[FTALIAS_A_SAVE_ENTRY_STATE]);
	prog = r.state == FTALIAS_RC_IN_PROGRESS;
	if (prog ? rs->phase > FTALIAS_RESTORE_P_PROG :
		   rs->phase > FTALIAS_RESTORE_P_DONE) {
		NL_SET_ERR_MSG_ATTR(extack, rec, "record out of order");
		return -EINVAL;
	}
	rs->phase = prog ? FTALIAS_RESTORE_P_PROG : FTALIAS_RESTORE_P_DONE;
	rs->jrec_ok = prog;
	nla_memcpy(&r.id, tb[FTALIAS_A_SAVE_ENTRY_KEY], sizeof(r.id));
	r.age_ms = nla_get_u32(tb[FTALIAS_A_SAVE_ENTRY_AGE_MS]);
	if (prog) {
		if (!tb[FTALIAS_A_SAVE_ENTRY_SRC_PORT] ||
		    !tb[FTALIAS_A_SAVE_ENTRY_SRC_ALIAS]) {
			NL_SET_ERR_MSG_ATTR(extack, rec,
					    "entry in progress without its request's source");
			return -EINVAL;
		}
		r.port = nla_get_u32(tb[FTALIAS_A_SAVE_ENTRY_SRC_PORT]);
		r.alias = nla_get_u32(tb[FTALIAS_A_SAVE_ENTRY_SRC_ALIAS]);
	}
	return ftalias_restore_payload(rs, &r, tb[FTALIAS_A_SAVE_ENTRY_PAYLOAD],
				       tb[FTALIAS_A_SAVE_ENTRY_LEN], rec, extack);
}

static int ftalias_restore_jrec(struct ftalias_restore *rs,
				const struct nlattr *rec,
				struct netlink_ext_ack *extack)
{
	struct nlattr *tb[FTALIAS_A_SAVE_JREC_MAX + 1];
	struct ftalias_rc_snap_rec r = { .kind = FTALIAS_RC_SNAP_JREC };
	int err;

	err = nla_parse_nested(tb, FTALIAS_A_SAVE_JREC_MAX, rec,
			       ftalias_save_jrec_nl_policy, extack);
	if (err)
		return err;
	if (!rs->jrec_ok) {
		NL_SET_ERR_MSG_ATTR(extack, rec,
				    "journal record with no entry in progress before it");
		return -EINVAL;
	}
	if (!tb[FTALIAS_A_SAVE_JREC_KEY] || !tb[FTALIAS_A_SAVE_JREC_DEST_ALIAS]) {
		NL_SET_ERR_MSG_ATTR(extack, rec, "journal record without key or dest-alias");
		return -EINVAL;
	}
	nla_memcpy(&r.id, tb[FTALIAS_A_SAVE_JREC_KEY], sizeof(r.id));
	r.alias = nla_get_u32(tb[FTALIAS_A_SAVE_JREC_DEST_ALIAS]);
	if (tb[FTALIAS_A_SAVE_JREC_REPLIED])
		r.flags = FTALIAS_J_REPLIED;
	return ftalias_restore_payload(rs, &r, tb[FTALIAS_A_SAVE_JREC_PAYLOAD],
				       tb[FTALIAS_A_SAVE_JREC_LEN], rec, extack);
}

/* Whether the checkpoint record before has data records to come. */
static bool ftalias_restore_ckpt_open(const struct ftalias_restore *rs)
{
	return rs->ckpt && rs->ckpt_have < rs->ckpt->bytes;
}

/* The next bytes of the checkpoint, at @data (@n of them). */
static int ftalias_restore_ckpt_fill(struct ftalias_restore *rs,
				     const struct nlattr *rec,
				     const void *data, u32 n,
				     struct netlink_ext_ack *extack)
{
	int err;

	if (n > rs->ckpt->bytes - rs->ckpt_have || n > FTALIAS_SAVE_CHUNK) {
		NL_SET_ERR_MSG_ATTR(extack, rec,
				    "more data than the checkpoint's len");
		return -EINVAL;
	}
	err = ftalias_ckpt_blob_fill(rs->ckpt, rs->ckpt_have, data, n);
	if (!err)
		rs->ckpt_have += n;
	return err;
}

static int ftalias_restore_ckpt(struct ftalias_restore *rs,
				const struct nlattr *rec,
				struct netlink_ext_ack *extack)
{
	struct nlattr *tb[FTALIAS_A_SAVE_CHECKPOINT_MAX + 1];
	const struct nlattr *payload, *len;
	u64 bytes;
	int err;

	err = nla_parse_nested(tb, FTALIAS_A_SAVE_CHECKPOINT_MAX, rec,
			       ftalias_save_checkpoint_nl_policy, extack);
	if (err)
		return err;
	if (rs->version < 4) {
		NL_SET_ERR_MSG_ATTR(extack, rec,
				    "checkpoint record in records of a version without them");
		return -EINVAL;
	}
	payload = tb[FTALIAS_A_SAVE_CHECKPOINT_PAYLOAD];
	len = tb[FTALIAS_A_SAVE_CHECKPOINT_LEN];
	if (!tb[FTALIAS_A_SAVE_CHECKPOINT_SEQ] || !payload) {
		NL_SET_ERR_MSG_ATTR(extack, rec,
				    "checkpoint without seq or payload");
		return -EINVAL;
	}
	/* Not in the policy: an unprivileged restore gets EPERM first. */
	if (!nla_get_u64(tb[FTALIAS_A_SAVE_CHECKPOINT_SEQ])) {
		NL_SET_ERR_MSG_ATTR(extack, tb[FTALIAS_A_SAVE_CHECKPOINT_SEQ],
				    "checkpoint seq 0");
		return -EINVAL;
	}
	bytes = len ? nla_get_u64(len) : nla_len(payload);
	if (nla_len(payload) > bytes || (len && nla_len(payload) == bytes) ||
	    nla_len(payload) > FTALIAS_SAVE_CHUNK) {
		NL_SET_ERR_MSG_ATTR(extack, len ?: payload,
				    "payload length out of bounds");
		return -EINVAL;
	}
	if (bytes > READ_ONCE(ftalias_ckpt_max_bytes) ||
	    bytes > (u64)FTALIAS_CKPT_CHUNKS_MAX * FTALIAS_MSG_MAX) {
		NL_SET_ERR_MSG_ATTR(extack, len ?: payload,
				    "checkpoint over the ckpt_max_bytes module parameter");
		return -EFBIG;
	}
	rs->ckpt = ftalias_ckpt_blob_new(nla_get_u64(tb[FTALIAS_A_SAVE_CHECKPOINT_SEQ]),
					 bytes);
	if (!rs->ckpt)
		return -ENOMEM;
	if (tb[FTALIAS_A_SAVE_CHECKPOINT_INPUT])
		rs->ckpt->input = nla_get_u64(tb[FTALIAS_A_SAVE_CHECKPOINT_INPUT]);
	if (rs->ckpt->input >= FTALIAS_LOG_SEQ_MAX) {
		NL_SET_ERR_MSG_ATTR(extack, tb[FTALIAS_A_SAVE_CHECKPOINT_INPUT],
				    "checkpoint input out of range");
		return -EINVAL;
	}
	rs->phase = FTALIAS_RESTORE_P_CKPT;
	return ftalias_restore_ckpt_fill(rs, payload, nla_data(payload),
					 nla_len(payload), extack);
}

/* The next bytes of the input being filled; a whole one joins the list. */
static int ftalias_restore_input_fill(struct ftalias_restore *rs,
				      const struct nlattr *rec,
				      const void *data, u32 n,
				      struct netlink_ext_ack *extack)
{
	struct ftalias_input *in = rs->input;

	if (n > in->skb->len - rs->input_have || n > FTALIAS_SAVE_CHUNK) {
		NL_SET_ERR_MSG_ATTR(extack, rec, "more data than the input's len");
		return -EINVAL;
	}
	/* Cannot fail: the room is there. */
	WARN_ON_ONCE(skb_store_bits(in->skb, rs->input_have, data, n));
	rs->input_have += n;
	if (rs->input_have == in->skb->len) {
		list_add_tail(&in->node, &rs->inputs);
		rs->input = NULL;
	}
	return 0;
}

/*
 * An input of the log.  Its checks are in code, not in the policy: an
 * unprivileged restore gets EPERM first.
 */
static int ftalias_restore_input(struct ftalias_restore *rs,
				 const struct nlattr *rec,
				 struct netlink_ext_ack *extack)
{
	struct nlattr *tb[FTALIAS_A_SAVE_INPUT_MAX + 1];
	const struct nlattr *payload, *len;
	struct ftalias_id id;
	u32 bytes, arg_len;
	u64 seq;
	int err;

	err = nla_parse_nested(tb, FTALIAS_A_SAVE_INPUT_MAX, rec,
			       ftalias_save_input_nl_policy, extack);
	if (err)
		return err;
	if (rs->version < 5) {
		NL_SET_ERR_MSG_ATTR(extack, rec,
				    "input record in records of a version without them");
		return -EINVAL;
	}
	/* Nobody would read them again, nor free them. */
	if (!rs->alias->cfg.input_log) {
		NL_SET_ERR_MSG_ATTR(extack, rec,
				    "input record for an alias without input-log");
		return -EINVAL;
	}
	payload = tb[FTALIAS_A_SAVE_INPUT_PAYLOAD];
	len = tb[FTALIAS_A_SAVE_INPUT_LEN];
	if (!tb[FTALIAS_A_SAVE_INPUT_SEQ] || !tb[FTALIAS_A_SAVE_INPUT_KEY] ||
	    !payload) {
		NL_SET_ERR_MSG_ATTR(extack, rec, "input without seq, key or payload");
		return -EINVAL;
	}
	if (nla_len(tb[FTALIAS_A_SAVE_INPUT_KEY]) != sizeof(id)) {
		NL_SET_ERR_MSG_ATTR(extack, tb[FTALIAS_A_SAVE_INPUT_KEY],
				    "input key is not a request ID");
		return -EINVAL;
	}
	seq = nla_get_u64(tb[FTALIAS_A_SAVE_INPUT_SEQ]);
	if (!seq || seq <= rs->input_seq || seq >= FTALIAS_LOG_SEQ_MAX) {
		NL_SET_ERR_MSG_ATTR(extack, tb[FTALIAS_A_SAVE_INPUT_SEQ],
				    "input seq 0, not above the one before, or out of range");
		return -EINVAL;
	}
	bytes = len ? nla_get_u32(len) : nla_len(payload);
	arg_len = tb[FTALIAS_A_SAVE_INPUT_ARG_LEN] ?
		  nla_get_u32(tb[FTALIAS_A_SAVE_INPUT_ARG_LEN]) : 0;
	if (nla_len(payload) > bytes || (len && nla_len(payload) == bytes) ||
	    nla_len(payload) > FTALIAS_SAVE_CHUNK ||
	    bytes > 2 * FTALIAS_MSG_MAX || arg_len > bytes) {
		NL_SET_ERR_MSG_ATTR(extack, len ?: payload,
				    "input length out of bounds");
		return -EINVAL;
	}
	if (rs->nr_inputs >= READ_ONCE(ftalias_log_max_inputs)) {
		NL_SET_ERR_MSG_ATTR(extack, rec,
				    "more inputs than the log_max_inputs module parameter");
		return -EFBIG;
	}
	nla_memcpy(&id, tb[FTALIAS_A_SAVE_INPUT_KEY], sizeof(id));
	/* What it takes in memory, as the other records. */
	rs->cost += SKB_TRUESIZE(bytes) + sizeof(struct ftalias_input);
	if (rs->cost > rs->alias->cfg.cache_max_bytes) {
		NL_SET_ERR_MSG_ATTR(extack, rec, "over the alias's cache-max-bytes");
		return -EFBIG;
	}
	rs->input = ftalias_input_restored(seq, &id,
					   (tb[FTALIAS_A_SAVE_INPUT_FLAGS] ?
					    nla_get_u32(tb[FTALIAS_A_SAVE_INPUT_FLAGS]) : 0) &
					   FTALIAS_INPUT_FLAGS,
					   tb[FTALIAS_A_SAVE_INPUT_SRC_PORT] ?
					   nla_get_u32(tb[FTALIAS_A_SAVE_INPUT_SRC_PORT]) : 0,
					   tb[FTALIAS_A_SAVE_INPUT_SRC_ALIAS] ?
					   nla_get_u32(tb[FTALIAS_A_SAVE_INPUT_SRC_ALIAS]) : 0,
					   arg_len, bytes,
					   /* As save: a socket's goes with it. */
					   nla_get_flag(tb[FTALIAS_A_SAVE_INPUT_PENDING]) &&
					   id.alias && !id.node);
	if (!rs->input)
		return -ENOMEM;
	rs->input_have = 0;
	rs->input_seq = seq;
	rs->nr_inputs++;
	rs->phase = FTALIAS_RESTORE_P_INPUTS;
	return ftalias_restore_input_fill(rs, payload, nla_data(payload),
					  nla_len(payload), extack);
}

/*
 * An output of the log: a request an active member sent since the
 * checkpoint, by its ID, for the member that replays the inputs to send
 * again under it.  An ID the alias gave, to an alias the dsts records
 * name, the transaction ids increasing; left out, as the requests, when
 * the alias is a new requester.
 */
static int ftalias_restore_output(struct ftalias_restore *rs,
				  const struct nlattr *rec,
				  struct netlink_ext_ack *extack)
{
	struct nlattr *tb[FTALIAS_A_SAVE_OUTPUT_MAX + 1];
	struct ftalias_output_copy c;
	int err;

	err = nla_parse_nested(tb, FTALIAS_A_SAVE_OUTPUT_MAX, rec,
			       ftalias_save_output_nl_policy, extack);
	if (err)
		return err;
	if (rs->version < 6) {
		NL_SET_ERR_MSG_ATTR(extack, rec,
				    "output record in records of a version without them");
		return -EINVAL;
	}
	if (!rs->alias->cfg.input_log) {
		NL_SET_ERR_MSG_ATTR(extack, rec,
				    "output record for an alias without input-log");
		return -EINVAL;
	}
	if (!tb[FTALIAS_A_SAVE_OUTPUT_KEY] || !tb[FTALIAS_A_SAVE_OUTPUT_DST] ||
	    !tb[FTALIAS_A_SAVE_OUTPUT_LEN] || !tb[FTALIAS_A_SAVE_OUTPUT_SUM]) {
		NL_SET_ERR_MSG_ATTR(extack, rec,
				    "output without key, dst, len or sum");
		return -EINVAL;
	}
	if (nla_len(tb[FTALIAS_A_SAVE_OUTPUT_KEY]) != sizeof(c.id)) {
		NL_SET_ERR_MSG_ATTR(extack, tb[FTALIAS_A_SAVE_OUTPUT_KEY],
				    "output key is not a request ID");
		return -EINVAL;
	}
	nla_memcpy(&c.id, tb[FTALIAS_A_SAVE_OUTPUT_KEY], sizeof(c.id));
	c.dst = nla_get_u32(tb[FTALIAS_A_SAVE_OUTPUT_DST]);
	c.len = nla_get_u32(tb[FTALIAS_A_SAVE_OUTPUT_LEN]);
	c.sum = nla_get_u32(tb[FTALIAS_A_SAVE_OUTPUT_SUM]);
	if (!ftalias_restore_own_key(rs, &c.id) ||
	    c.id.xid <= rs->output_xid) {
		NL_SET_ERR_MSG_ATTR(extack, tb[FTALIAS_A_SAVE_OUTPUT_KEY],
				    "output key the alias did not give, or not above the one before");
		return -EINVAL;
	}
	if (!xa_load(&rs->alias->dsts, c.dst)) {
		NL_SET_ERR_MSG_ATTR(extack, tb[FTALIAS_A_SAVE_OUTPUT_DST],
				    "output to an alias the dsts records do not name");
		return -EINVAL;
	}
	if (c.len > FTALIAS_MSG_MAX) {
		NL_SET_ERR_MSG_ATTR(extack, tb[FTALIAS_A_SAVE_OUTPUT_LEN],
				    "output length out of bounds");
		return -EINVAL;
	}
	if (rs->nr_outputs >= READ_ONCE(ftalias_log_max_inputs)) {
		NL_SET_ERR_MSG_ATTR(extack, rec,
				    "more outputs than the log_max_inputs module parameter");
		return -EFBIG;
	}
	err = rs->new_requester ? 0 : ftalias_output_restore(rs->alias, &c);
	if (err)
		return err;
	rs->output_xid = c.id.xid;
	rs->nr_outputs++;
	rs->phase = FTALIAS_RESTORE_P_OUTPUTS;
	return 0;
}

static int ftalias_restore_data(struct ftalias_restore *rs,
				const struct nlattr *rec,
				struct netlink_ext_ack *extack)
{
	struct ftalias_rc_snap_rec *part = rs->part;
	u32 n = nla_len(rec);
	int err;

	if (!part && ftalias_restore_ckpt_open(rs))
		return ftalias_restore_ckpt_fill(rs, rec, nla_data(rec), n,
						 extack);
	if (!part && rs->input)
		return ftalias_restore_input_fill(rs, rec, nla_data(rec), n,
						  extack);
	if (!part) {
		NL_SET_ERR_MSG_ATTR(extack, rec, "data record with no record before it");
		return -EINVAL;
	}
	if (n > part->len - rs->have || n > FTALIAS_SAVE_CHUNK) {
		NL_SET_ERR_MSG_ATTR(extack, rec, "more data than the record's len");
		return -EINVAL;
	}
	memcpy(part->data + rs->have, nla_data(rec), n);
	rs->have += n;
	if (rs->have < part->len)
		return 0;
	rs->part = NULL;
	err = ftalias_restore_apply(rs, part, rec, extack);
	kvfree(part);
	return err;
}

static int ftalias_restore_client(struct ftalias_restore *rs,
				  const struct nlattr *rec,
				  struct netlink_ext_ack *extack)
{
	struct nlattr *tb[FTALIAS_A_SAVE_CLIENT_MAX + 1];
	struct ftalias_rc_snap_rec r = { .kind = FTALIAS_RC_SNAP_CLIENT };
	int err;

	err = nla_parse_nested(tb, FTALIAS_A_SAVE_CLIENT_MAX, rec,
			       ftalias_save_client_nl_policy, extack);
	if (err)
		return err;
	if (!tb[FTALIAS_A_SAVE_CLIENT_NODE] || !tb[FTALIAS_A_SAVE_CLIENT_ALIAS] ||
	    !tb[FTALIAS_A_SAVE_CLIENT_ACKED] || !tb[FTALIAS_A_SAVE_CLIENT_COOKIE]) {
		NL_SET_ERR_MSG_ATTR(extack, rec,
				    "client without node, alias, acked or cookie");
		return -EINVAL;
	}
	r.id.node = nla_get_u32(tb[FTALIAS_A_SAVE_CLIENT_NODE]);
	r.id.alias = nla_get_u32(tb[FTALIAS_A_SAVE_CLIENT_ALIAS]);
	r.acked = nla_get_u64(tb[FTALIAS_A_SAVE_CLIENT_ACKED]);
	r.cookie = nla_get_u64(tb[FTALIAS_A_SAVE_CLIENT_COOKIE]);
	rs->jrec_ok = false;
	rs->phase = FTALIAS_RESTORE_P_CLIENTS;
	return ftalias_restore_apply(rs, &r, rec, extack);
}

static int ftalias_restore_request(struct ftalias_restore *rs,
				   const struct nlattr *rec,
				   struct netlink_ext_ack *extack)
{
	struct nlattr *tb[FTALIAS_A_SAVE_REQUEST_MAX + 1];
	struct ftalias_rc_snap_rec r = { .kind = FTALIAS_RC_SNAP_REQUEST };
	int err;

	err = nla_parse_nested(tb, FTALIAS_A_SAVE_REQUEST_MAX, rec,
			       ftalias_save_request_nl_policy, extack);
	if (err)
		return err;
	if (rs->version < 3) {
		NL_SET_ERR_MSG_ATTR(extack, rec, "request record in a version 2 file");
		return -EINVAL;
	}
	if (!tb[FTALIAS_A_SAVE_REQUEST_KEY] ||
	    !tb[FTALIAS_A_SAVE_REQUEST_DEST_ALIAS] ||
	    !tb[FTALIAS_A_SAVE_REQUEST_DEST_COOKIE]) {
		NL_SET_ERR_MSG_ATTR(extack, rec,
				    "request without key, dest-alias or dest-cookie");
		return -EINVAL;
	}
	nla_memcpy(&r.id, tb[FTALIAS_A_SAVE_REQUEST_KEY], sizeof(r.id));
	r.alias = nla_get_u32(tb[FTALIAS_A_SAVE_REQUEST_DEST_ALIAS]);
	r.cookie = nla_get_u64(tb[FTALIAS_A_SAVE_REQUEST_DEST_COOKIE]);
	if (tb[FTALIAS_A_SAVE_REQUEST_DELIVERED])
		r.flags = FTALIAS_F_REDELIVERED;
	rs->jrec_ok = false;
	rs->phase = FTALIAS_RESTORE_P_REQUESTS;
	return ftalias_restore_payload(rs, &r, tb[FTALIAS_A_SAVE_REQUEST_PAYLOAD],
				       tb[FTALIAS_A_SAVE_REQUEST_LEN], rec,
				       extack);
}

static int ftalias_restore_held(struct ftalias_restore *rs,
				const struct nlattr *rec,
				struct netlink_ext_ack *extack)
{
	struct nlattr *tb[FTALIAS_A_SAVE_HELD_MAX + 1];
	struct ftalias_rc_snap_rec r = { .kind = FTALIAS_RC_SNAP_HELD };
	int err;

	err = nla_parse_nested(tb, FTALIAS_A_SAVE_HELD_MAX, rec,
			       ftalias_save_held_nl_policy, extack);
	if (err)
		return err;
	if (rs->version < 3) {
		NL_SET_ERR_MSG_ATTR(extack, rec, "held record in a version 2 file");
		return -EINVAL;
	}
	if (!tb[FTALIAS_A_SAVE_HELD_KEY] || !tb[FTALIAS_A_SAVE_HELD_SRC_PORT] ||
	    !tb[FTALIAS_A_SAVE_HELD_SRC_ALIAS]) {
		NL_SET_ERR_MSG_ATTR(extack, rec,
				    "held reply without key, src-port or src-alias");
		return -EINVAL;
	}
	nla_memcpy(&r.id, tb[FTALIAS_A_SAVE_HELD_KEY], sizeof(r.id));
	r.port = nla_get_u32(tb[FTALIAS_A_SAVE_HELD_SRC_PORT]);
	r.alias = nla_get_u32(tb[FTALIAS_A_SAVE_HELD_SRC_ALIAS]);
	if (tb[FTALIAS_A_SAVE_HELD_ERR])
		r.err = nla_get_u32(tb[FTALIAS_A_SAVE_HELD_ERR]);
	if (tb[FTALIAS_A_SAVE_HELD_FLAGS])
		r.flags = nla_get_u32(tb[FTALIAS_A_SAVE_HELD_FLAGS]);
	rs->jrec_ok = false;
	rs->phase = FTALIAS_RESTORE_P_HELD;
	return ftalias_restore_payload(rs, &r, tb[FTALIAS_A_SAVE_HELD_PAYLOAD],
				       tb[FTALIAS_A_SAVE_HELD_LEN], rec, extack);
}

static int ftalias_restore_trailer(struct ftalias_restore *rs,
				   const struct nlattr *rec,
				   struct netlink_ext_ack *extack)
{
	struct nlattr *tb[FTALIAS_A_SAVE_TRAILER_MAX + 1];
	int err;

	err = nla_parse_nested(tb, FTALIAS_A_SAVE_TRAILER_MAX, rec,
			       ftalias_save_trailer_nl_policy, extack);
	if (err)
		return err;
	if (!tb[FTALIAS_A_SAVE_TRAILER_ENTRIES] ||
	    !tb[FTALIAS_A_SAVE_TRAILER_JRECS] ||
	    !tb[FTALIAS_A_SAVE_TRAILER_CLIENTS] ||
	    !tb[FTALIAS_A_SAVE_TRAILER_BYTES]) {
		NL_SET_ERR_MSG_ATTR(extack, rec, "trailer without its counts");
		return -EINVAL;
	}
	if (nla_get_u32(tb[FTALIAS_A_SAVE_TRAILER_ENTRIES]) != rs->entries ||
	    nla_get_u32(tb[FTALIAS_A_SAVE_TRAILER_JRECS]) != rs->jrecs ||
	    nla_get_u32(tb[FTALIAS_A_SAVE_TRAILER_CLIENTS]) != rs->clients ||
	    nla_get_u64(tb[FTALIAS_A_SAVE_TRAILER_BYTES]) != rs->bytes ||
	    (tb[FTALIAS_A_SAVE_TRAILER_REQUESTS] ?
	     nla_get_u32(tb[FTALIAS_A_SAVE_TRAILER_REQUESTS]) : 0) !=
	    rs->requests ||
	    (tb[FTALIAS_A_SAVE_TRAILER_HELD] ?
	     nla_get_u32(tb[FTALIAS_A_SAVE_TRAILER_HELD]) : 0) != rs->held ||
	    (tb[FTALIAS_A_SAVE_TRAILER_CKPT_BYTES] ?
	     nla_get_u64(tb[FTALIAS_A_SAVE_TRAILER_CKPT_BYTES]) : 0) !=
	    (rs->ckpt ? rs->ckpt->bytes : 0) ||
	    (tb[FTALIAS_A_SAVE_TRAILER_CKPT_BYTES] && !rs->ckpt) ||
	    (tb[FTALIAS_A_SAVE_TRAILER_INPUTS] ?
	     nla_get_u32(tb[FTALIAS_A_SAVE_TRAILER_INPUTS]) : 0) !=
	    rs->nr_inputs ||
	    (tb[FTALIAS_A_SAVE_TRAILER_OUTPUTS] ?
	     nla_get_u32(tb[FTALIAS_A_SAVE_TRAILER_OUTPUTS]) : 0) !=
	    rs->nr_outputs) {
		NL_SET_ERR_MSG_ATTR(extack, rec,
				    "the records do not add up to the trailer: records missing");
		return -EINVAL;
	}
	rs->phase = FTALIAS_RESTORE_P_END;
	return 0;
}

/* One record whose CRC matched. */
static int ftalias_restore_record(struct ftalias_restore *rs, struct net *net,
				  const struct nlattr *rec,
				  struct genl_info *info)
{
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr *tb[FTALIAS_A_SAVE_IDS_MAX + 1];
	int type = nla_type(rec), err;
	u8 want = 0;

	if ((rs->part || ftalias_restore_ckpt_open(rs) || rs->input) &&
	    type != FTALIAS_A_SAVE_DATA) {
		NL_SET_ERR_MSG_ATTR(extack, rec,
				    "record cut short: data records missing before it");
		return -EINVAL;
	}
	switch (type) {
	case FTALIAS_A_SAVE_HEADER:
		want = FTALIAS_RESTORE_P_HEADER;
		break;
	case FTALIAS_A_SAVE_ALIAS:
		want = FTALIAS_RESTORE_P_ALIAS;
		break;
	case FTALIAS_A_SAVE_IDS:
		want = FTALIAS_RESTORE_P_IDS;
		break;
	case FTALIAS_A_SAVE_DSTS:
		want = FTALIAS_RESTORE_P_BODY;
		break;
	case FTALIAS_A_SAVE_DATA:
		return ftalias_restore_data(rs, rec, extack);
	default:
		/* The body: checked by kind below. */
		if (rs->phase < FTALIAS_RESTORE_P_BODY ||
		    rs->phase == FTALIAS_RESTORE_P_END ||
		    (type == FTALIAS_A_SAVE_CLIENT &&
		     rs->phase > FTALIAS_RESTORE_P_CLIENTS) ||
		    (type == FTALIAS_A_SAVE_REQUEST &&
		     rs->phase > FTALIAS_RESTORE_P_REQUESTS) ||
		    (type == FTALIAS_A_SAVE_HELD &&
		     rs->phase > FTALIAS_RESTORE_P_HELD) ||
		    (type == FTALIAS_A_SAVE_CHECKPOINT &&
		     rs->phase >= FTALIAS_RESTORE_P_CKPT) ||
		    (type == FTALIAS_A_SAVE_INPUT &&
		     rs->phase > FTALIAS_RESTORE_P_INPUTS) ||
		    (type == FTALIAS_A_SAVE_OUTPUT &&
		     rs->phase > FTALIAS_RESTORE_P_OUTPUTS))
			want = FTALIAS_RESTORE_P_END + 1;
		else
			want = rs->phase;
	}
	if (rs->phase != want) {
		NL_SET_ERR_MSG_ATTR(extack, rec, "record out of order");
		return -EINVAL;
	}

	switch (type) {
	case FTALIAS_A_SAVE_HEADER:
		err = nla_parse_nested(tb, FTALIAS_A_SAVE_HEADER_MAX, rec,
				       ftalias_save_header_nl_policy, extack);
		if (err)
			return err;
		if (!tb[FTALIAS_A_SAVE_HEADER_VERSION]) {
			NL_SET_ERR_MSG_ATTR(extack, rec, "header without version");
			return -EINVAL;
		}
		/*
		 * Version 5 differs only in having no output record, version
		 * 4 in having no input record either, version 3 no checkpoint
		 * record either, version 2 no request records either.
		 */
		if (nla_get_u32(tb[FTALIAS_A_SAVE_HEADER_VERSION]) <
		    FTALIAS_SAVE_VERSION - 4 ||
		    nla_get_u32(tb[FTALIAS_A_SAVE_HEADER_VERSION]) >
		    FTALIAS_SAVE_VERSION) {
			NL_SET_ERR_MSG_ATTR(extack, tb[FTALIAS_A_SAVE_HEADER_VERSION],
					    "records of another version");
			return -EPROTONOSUPPORT;
		}
		rs->version = nla_get_u32(tb[FTALIAS_A_SAVE_HEADER_VERSION]);
		rs->phase = FTALIAS_RESTORE_P_ALIAS;
		return 0;
	case FTALIAS_A_SAVE_ALIAS:
		err = ftalias_restore_alias(rs, net, rec, info);
		if (!err)
			rs->phase = FTALIAS_RESTORE_P_IDS;
		return err;
	case FTALIAS_A_SAVE_IDS:
		err = nla_parse_nested(tb, FTALIAS_A_SAVE_IDS_MAX, rec,
				       ftalias_save_ids_nl_policy, extack);
		if (err)
			return err;
		if (!tb[FTALIAS_A_SAVE_IDS_XID] || !tb[FTALIAS_A_SAVE_IDS_ACK] ||
		    !tb[FTALIAS_A_SAVE_IDS_COOKIE]) {
			NL_SET_ERR_MSG_ATTR(extack, rec, "ids without xid, ack or cookie");
			return -EINVAL;
		}
		rs->xid = nla_get_u64(tb[FTALIAS_A_SAVE_IDS_XID]);
		rs->ack = nla_get_u64(tb[FTALIAS_A_SAVE_IDS_ACK]);
		/*
		 * The same alias as a requester, unless it comes under another
		 * id: then a new one, with the cookie ftalias_alias_new() drew.
		 */
		if (!info->attrs[FTALIAS_A_SAVE_NEW_ID])
			rs->alias->cookie =
				nla_get_u64(tb[FTALIAS_A_SAVE_IDS_COOKIE]);
		rs->phase = FTALIAS_RESTORE_P_BODY;
		return 0;
	case FTALIAS_A_SAVE_DSTS:
		return ftalias_restore_dsts(rs, rec, extack);
	case FTALIAS_A_SAVE_ENTRY:
		return ftalias_restore_entry(rs, rec, extack);
	case FTALIAS_A_SAVE_JREC:
		return ftalias_restore_jrec(rs, rec, extack);
	case FTALIAS_A_SAVE_CLIENT:
		return ftalias_restore_client(rs, rec, extack);
	case FTALIAS_A_SAVE_REQUEST:
		return ftalias_restore_request(rs, rec, extack);
	case FTALIAS_A_SAVE_HELD:
		return ftalias_restore_held(rs, rec, extack);
	case FTALIAS_A_SAVE_CHECKPOINT:
		return ftalias_restore_ckpt(rs, rec, extack);
	case FTALIAS_A_SAVE_INPUT:
		return ftalias_restore_input(rs, rec, extack);
	case FTALIAS_A_SAVE_OUTPUT:
		return ftalias_restore_output(rs, rec, extack);
	case FTALIAS_A_SAVE_TRAILER:
		return ftalias_restore_trailer(rs, rec, extack);
	}
	NL_SET_ERR_MSG_ATTR(extack, rec, "not a record");
	return -EINVAL;
}

/* The records of a message, each with its CRC after it. */
static int ftalias_restore_walk(struct ftalias_restore *rs, struct net *net,
				struct genl_info *info)
{
	const struct nlattr *a, *rec = NULL;
	int rem, err;

	nlmsg_for_each_attr(a, info->nlhdr, GENL_HDRLEN, rem) {
		switch (nla_type(a)) {
		case FTALIAS_A_SAVE_HANDLE:
		case FTALIAS_A_SAVE_NEW_ID:
		case FTALIAS_A_SAVE_NEW_NAME:
			continue;
		case FTALIAS_A_SAVE_CRC:
			if (!rec) {
				NL_SET_ERR_MSG_ATTR(info->extack, a,
						    "crc with no record before it");
				return -EBADMSG;
			}
			if (nla_get_u32(a) !=
			    ~crc32_le(~0U, (const u8 *)rec, rec->nla_len)) {
				NL_SET_ERR_MSG_ATTR(info->extack, rec,
						    "record does not match its CRC");
				return -EBADMSG;
			}
			err = ftalias_restore_record(rs, net, rec, info);
			if (err)
				return err;
			rec = NULL;
			continue;
		}
		if (rec)
			break;
		if (rs->phase == FTALIAS_RESTORE_P_END) {
			NL_SET_ERR_MSG_ATTR(info->extack, a,
					    "record after the trailer");
			return -EINVAL;
		}
		rec = a;
	}
	if (rec) {
		NL_SET_ERR_MSG_ATTR(info->extack, rec, "record without its CRC");
		return -EBADMSG;
	}
	return 0;
}

/*
 * The requester aliases of the restored cache: each came with its client
 * record, which made it a stray (replay.c) until the commit meets the
 * table.  Their ids and cookies, in a new *@clients (kvfree()).
 */
static int ftalias_restore_clients(struct ftalias_restore *rs,
				   struct ftalias_rc_client_info **clients,
				   struct netlink_ext_ack *extack)
{
	struct ftalias_rc_client_info *c;
	bool bad;
	int i, n;

	c = kvmalloc_array(max(rs->clients, 1U), sizeof(*c), GFP_KERNEL_ACCOUNT);
	if (!c)
		return -ENOMEM;
	n = ftalias_rc_clients(rs->alias, c, rs->clients);
	bad = n != rs->clients;
	for (i = 0; !bad && i < n; i++)
		bad = !c[i].stray;
	if (bad) {
		kvfree(c);
		NL_SET_ERR_MSG(extack, "entries of a requester without its client record");
		return -EINVAL;
	}
	*clients = c;
	return 0;
}

/* The trailer came: the alias takes its place in the table. */
static int __ftalias_restore_commit(struct ftalias_restore *rs,
				    struct net *net, struct genl_info *info)
{
	struct ftalias_net *fn = ftalias_net(net);
	struct ftalias_alias *alias = rs->alias;
	struct ftalias_rc_client_info *clients;
	int err;

	lockdep_assert_held(&fn->lock);

	if (rs->part || ftalias_restore_ckpt_open(rs) || rs->input) {
		NL_SET_ERR_MSG(info->extack, "last record cut short");
		return -EINVAL;
	}
	err = ftalias_restore_clients(rs, &clients, info->extack);
	if (err)
		return err;
	/* Before anyone can see it: its members' IDs go on from here. */
	atomic64_set(&alias->reqs.xid, rs->xid);
	atomic64_set(&alias->reqs.ack, rs->ack);
	spin_lock(&alias->lock);
	alias->incarnation = rs->incarnation;
	alias->stats = rs->stats;
	alias->outputs.reissued = rs->stats.requests_reissued;
	alias->rc.stats = rs->rc_stats;
	spin_unlock(&alias->lock);
	if (rs->ckpt || !list_empty(&rs->inputs)) {
		err = ftalias_log_restore(alias, rs->ckpt, &rs->inputs);
		if (err) {
			kvfree(clients);
			NL_SET_ERR_MSG(info->extack,
				       "no room for the checkpoint and inputs under cache_total_bytes");
			return err;
		}
		rs->ckpt = NULL;
	}
	err = __ftalias_alias_link(fn, alias, rs->id, info->extack);
	if (err) {
		kvfree(clients);
		return err;
	}
	rs->alias = NULL;
	ftalias_alias_strays_restored(fn, alias, clients, rs->clients);
	kvfree(clients);
	/*
	 * What the restored cache left to do: the TTL of its entries, from
	 * their ages (the work computes when the oldest goes).
	 */
	spin_lock(&alias->lock);
	WRITE_ONCE(alias->rc.staged, false);
	__ftalias_schedule(alias, 0);
	ftalias_alias_unlock(alias);
	__ftalias_nl_notify(net, alias, FTALIAS_CMD_ALIAS_ADD_NTF);
	rs->id = alias->id;
	return 0;
}

static struct ftalias_restore *__ftalias_restore_new(struct ftalias_net *fn,
						     struct genl_info *info)
{
	struct ftalias_restore *rs;
	int err;

	if (fn->nr_restores >= FTALIAS_RESTORE_MAX) {
		NL_SET_ERR_MSG(info->extack,
			       "too many restores in progress in the network namespace");
		return ERR_PTR(-EBUSY);
	}
	rs = kzalloc(sizeof(*rs), GFP_KERNEL_ACCOUNT);
	if (!rs)
		return ERR_PTR(-ENOMEM);
	/* Cyclic: a handle just dropped is not another restore's at once. */
	INIT_LIST_HEAD(&rs->inputs);
	err = xa_alloc_cyclic(&fn->restores, &rs->handle, rs, xa_limit_32b,
			      &fn->next_restore, GFP_KERNEL_ACCOUNT);
	if (err < 0) {
		kfree(rs);
		return ERR_PTR(err);
	}
	fn->nr_restores++;
	rs->portid = info->snd_portid;
	rs->last = jiffies;
	return rs;
}

int ftalias_nl_alias_restore_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *handle = info->attrs[FTALIAS_A_SAVE_HANDLE];
	struct net *net = genl_info_net(info);
	struct ftalias_net *fn = ftalias_net(net);
	struct ftalias_restore *rs;
	struct sk_buff *msg;
	u32 id = 0, h;
	void *hdr;
	int err;

	msg = genlmsg_new(2 * nla_total_size(sizeof(u32)), GFP_KERNEL);
	if (!msg)
		return -ENOMEM;

	mutex_lock(&fn->lock);
	__ftalias_restore_reap(fn, 0);
	if (handle) {
		rs = xa_load(&fn->restores, nla_get_u32(handle));
		if (!rs || rs->portid != info->snd_portid) {
			NL_SET_ERR_MSG_ATTR(info->extack, handle,
					    "no restore of this socket with this handle");
			err = -ENOENT;
			goto out;
		}
		if (info->attrs[FTALIAS_A_SAVE_NEW_NAME] ||
		    info->attrs[FTALIAS_A_SAVE_NEW_ID]) {
			NL_SET_ERR_MSG(info->extack,
				       "new-name and new-id go with the first records only");
			err = -EINVAL;
			goto drop;
		}
	} else {
		rs = __ftalias_restore_new(fn, info);
		if (IS_ERR(rs)) {
			err = PTR_ERR(rs);
			goto out;
		}
	}
	err = ftalias_restore_walk(rs, net, info);
	/* The first message brings at least the header, alias and ids. */
	if (!err && rs->phase < FTALIAS_RESTORE_P_BODY) {
		NL_SET_ERR_MSG(info->extack,
			       "header, alias and ids records required first");
		err = -EINVAL;
	}
	if (!err && rs->phase == FTALIAS_RESTORE_P_END)
		err = __ftalias_restore_commit(rs, net, info);
	if (err)
		goto drop;
	h = rs->handle;
	if (rs->phase == FTALIAS_RESTORE_P_END) {
		id = rs->id;
		__ftalias_restore_drop(fn, rs);
	} else {
		rs->last = jiffies;
	}
	mutex_unlock(&fn->lock);

	hdr = genlmsg_put(msg, info->snd_portid, info->snd_seq,
			  &ftalias_nl_family, 0, FTALIAS_CMD_ALIAS_RESTORE);
	if (!hdr || nla_put_u32(msg, FTALIAS_A_SAVE_HANDLE, h) ||
	    (id && nla_put_u32(msg, FTALIAS_A_SAVE_NEW_ID, id))) {
		/* Sized for both: a failure here is a sizing bug. */
		WARN_ON_ONCE(1);
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

drop:
	__ftalias_restore_drop(fn, rs);
out:
	mutex_unlock(&fn->lock);
	nlmsg_free(msg);
	return err;
}
