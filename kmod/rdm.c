// SPDX-License-Identifier: GPL-2.0
/*
 * The SOCK_RDM socket type: reliable datagrams.  Requests to an alias
 * (stamped with an ID, delivered to the alias's active member, kept by
 * the requester until answered), replies that name the request they
 * answer, records into the alias's replay cache, and plain datagrams to
 * a port.  sendmsg() hands each kind of message to one function.  The
 * socket core it shares with SOCK_SEQPACKET (bind, release, getname,
 * options, ports) is af_ftalias.c.  The semantics are in
 * Documentation/uapi.rst.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/net.h>
#include <linux/sched/signal.h>
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <net/sock.h>

#include "af_ftalias.h"
#include "alias.h"
#include "ftalias.h"
#include "log.h"
#include "msg.h"
#include "rdm.h"
#include "replay.h"
#include "request.h"

/* What the control messages of a sendmsg() ask for. */
struct ftalias_send_args {
	struct ftalias_id id;		/* FTALIAS_CMSG_ID */
	struct ftalias_id reply_to;	/* FTALIAS_CMSG_REPLY_TO */
	u64 id_out;			/* FTALIAS_CMSG_ID_OUT */
	struct ftalias_record record;	/* FTALIAS_CMSG_RECORD */
	struct ftalias_id parent;	/* FTALIAS_CMSG_PARENT */
	struct ftalias_ckpt ckpt;	/* FTALIAS_CMSG_CHECKPOINT */
	struct ftalias_id ckpt_input;	/* FTALIAS_CMSG_CKPT_INPUT */
	unsigned int have;		/* BIT(FTALIAS_CMSG_*) */
};

static int ftalias_parse_cmsgs(struct msghdr *msg, struct ftalias_send_args *a)
{
	struct cmsghdr *cmsg;
	size_t len;
	void *dst;

	for_each_cmsghdr(cmsg, msg) {
		if (!CMSG_OK(msg, cmsg) || cmsg->cmsg_level != SOL_FTALIAS)
			return -EINVAL;
		switch (cmsg->cmsg_type) {
		case FTALIAS_CMSG_ID:
			dst = &a->id;
			len = sizeof(a->id);
			break;
		case FTALIAS_CMSG_REPLY_TO:
			dst = &a->reply_to;
			len = sizeof(a->reply_to);
			break;
		case FTALIAS_CMSG_ID_OUT:
			dst = &a->id_out;
			len = sizeof(a->id_out);
			break;
		case FTALIAS_CMSG_RECORD:
			dst = &a->record;
			len = sizeof(a->record);
			break;
		case FTALIAS_CMSG_PARENT:
			dst = &a->parent;
			len = sizeof(a->parent);
			break;
		case FTALIAS_CMSG_CHECKPOINT:
			dst = &a->ckpt;
			len = sizeof(a->ckpt);
			break;
		case FTALIAS_CMSG_CKPT_INPUT:
			dst = &a->ckpt_input;
			len = sizeof(a->ckpt_input);
			break;
		default:
			return -EINVAL;
		}
		if (cmsg->cmsg_len != CMSG_LEN(len) ||
		    a->have & BIT(cmsg->cmsg_type))
			return -EINVAL;
		memcpy(dst, CMSG_DATA(cmsg), len);
		a->have |= BIT(cmsg->cmsg_type);
	}
	/*
	 * A checkpoint's chunk goes alone; the last may name the last input
	 * the state holds.
	 */
	if (a->have & BIT(FTALIAS_CMSG_CKPT_INPUT) &&
	    (!(a->have & BIT(FTALIAS_CMSG_CHECKPOINT)) ||
	     a->ckpt.flags & (FTALIAS_CKPT_MORE | FTALIAS_CKPT_ABORT)))
		return -EINVAL;
	if (a->have & BIT(FTALIAS_CMSG_CHECKPOINT)) {
		if ((a->have & ~BIT(FTALIAS_CMSG_CKPT_INPUT)) !=
		    BIT(FTALIAS_CMSG_CHECKPOINT) ||
		    a->ckpt.reserved ||
		    a->ckpt.flags & ~(FTALIAS_CKPT_MORE | FTALIAS_CKPT_ABORT |
				      FTALIAS_CKPT_BASE) ||
		    a->ckpt.flags == (FTALIAS_CKPT_MORE | FTALIAS_CKPT_ABORT) ||
		    /* The base of a commit, on the last chunk only. */
		    (a->ckpt.flags & FTALIAS_CKPT_BASE ?
		     a->ckpt.flags != FTALIAS_CKPT_BASE : !!a->ckpt.seq))
			return -EINVAL;
		return 0;
	}
	/* A reply has no ID of its own, nor a parent. */
	if ((a->have & BIT(FTALIAS_CMSG_REPLY_TO)) &&
	    (a->have & (BIT(FTALIAS_CMSG_ID) | BIT(FTALIAS_CMSG_ID_OUT) |
			BIT(FTALIAS_CMSG_PARENT))))
		return -EINVAL;
	/* A re-send has the parent it had. */
	if ((a->have & BIT(FTALIAS_CMSG_ID)) &&
	    (a->have & BIT(FTALIAS_CMSG_PARENT)))
		return -EINVAL;
	if (a->have & BIT(FTALIAS_CMSG_RECORD)) {
		if (a->record.flags ||
		    a->record.type < FTALIAS_RECORD_BLOCK ||
		    a->record.type > FTALIAS_RECORD_DISCARD)
			return -EINVAL;
		/* Recorded with a reply: that reply, as an auto-reply. */
		if ((a->have & BIT(FTALIAS_CMSG_REPLY_TO)) &&
		    (a->record.type != FTALIAS_RECORD_AUTO_REPLY ||
		     memcmp(&a->record.id, &a->reply_to, sizeof(a->reply_to))))
			return -EINVAL;
		if (a->have & (BIT(FTALIAS_CMSG_ID) | BIT(FTALIAS_CMSG_ID_OUT) |
			       BIT(FTALIAS_CMSG_PARENT)))
			return -EINVAL;
	}
	return 0;
}

/*
 * Whether a send of @msg must not wait: while its alias is frozen
 * (alias-save), its records and replies then fail with EAGAIN.
 */
static bool ftalias_nonblock(struct ftalias_sock *fsk, struct msghdr *msg)
{
	return !sock_sndtimeo(&fsk->sk, msg->msg_flags & MSG_DONTWAIT);
}

/*
 * FTALIAS_CMSG_RECORD without a reply: write the cache, send nothing.
 * BLOCK and DISCARD take no data.
 */
static int ftalias_record_only(struct ftalias_sock *fsk, struct msghdr *msg,
			       const struct ftalias_record *rec, size_t len)
{
	void *data = NULL;

	if (!fsk->alias)
		return -EPERM;
	if (len && (rec->type == FTALIAS_RECORD_BLOCK ||
		    rec->type == FTALIAS_RECORD_DISCARD))
		return -EINVAL;
	if (len) {
		data = ftalias_rc_data_alloc(len);
		if (!data)
			return -ENOMEM;
		if (!copy_from_iter_full(data, len, &msg->msg_iter)) {
			ftalias_rc_data_free(data, len);
			return -EFAULT;
		}
	}
	return ftalias_record(fsk, rec, data, len, ftalias_nonblock(fsk, msg));
}

/*
 * A reply also recorded as the request's auto-reply (FTALIAS_CMSG_RECORD,
 * or the alias's record-replies).  The record comes first: if it resolves
 * an entry a re-sent copy of the request waits on, the cache answers that
 * copy, and the reply itself then finds no request (not an error here).
 * A socket that is not a member cannot send its request again: nothing to
 * record for it.
 */
static int ftalias_reply_record(struct ftalias_sock *fsk,
				const struct ftalias_id *id,
				struct sk_buff *skb, bool nonblock)
{
	struct ftalias_record rec = {
		.id = *id,
		.type = FTALIAS_RECORD_AUTO_REPLY,
	};
	void *data = NULL;
	int err;

	/* Not a member: ftalias_send_reply() says why it may not answer. */
	if (!id->alias || !fsk->alias)
		return ftalias_send_reply(fsk, id, skb, nonblock);
	/* A replayed input's, answered already: neither recorded nor sent. */
	if (ftalias_log_swallow(fsk->alias, fsk, id, &skb)) {
		kfree_skb(skb);
		return 0;
	}
	if (skb->len) {
		data = ftalias_rc_data_alloc(skb->len);
		if (!data) {
			kfree_skb(skb);
			return -ENOMEM;
		}
		/* Cannot fail: the bytes are there. */
		WARN_ON_ONCE(skb_copy_bits(skb, 0, data, skb->len));
	}
	err = ftalias_record(fsk, &rec, data, skb->len, nonblock);
	if (err) {
		kfree_skb(skb);
		return err;
	}
	err = ftalias_send_reply(fsk, id, skb, nonblock);
	return err == -ENOENT ? 0 : err;
}

/*
 * FTALIAS_CMSG_CHECKPOINT: a chunk of a checkpoint of the member's state,
 * or FTALIAS_CKPT_ABORT (no data) to drop the chunks sent (log.c); the
 * last one with FTALIAS_CMSG_CKPT_INPUT, the last input the state holds.
 */
static int ftalias_sendmsg_ckpt(struct ftalias_sock *fsk, struct msghdr *msg,
				size_t len, const struct ftalias_send_args *args)
{
	const struct ftalias_ckpt *ck = &args->ckpt;
	struct sk_buff *skb = NULL;
	int err;

	if (!fsk->alias)
		return -EPERM;
	if (ck->flags & FTALIAS_CKPT_ABORT) {
		if (len)
			return -EINVAL;
	} else {
		/* Not charged to the socket: to ckpt_max_bytes instead. */
		skb = ftalias_alloc_skb(&fsk->sk, msg, len, true, &err);
		if (!skb)
			return err;
	}
	return ftalias_checkpoint(fsk, skb, ck,
				  args->have & BIT(FTALIAS_CMSG_CKPT_INPUT) ?
				  &args->ckpt_input : NULL,
				  ftalias_nonblock(fsk, msg));
}

/* Whether a datagram sender still waits for room at @arg, a port. */
static bool ftalias_port_full(const void *arg)
{
	const struct ftalias_sock *to = arg;

	return ftalias_rcv_full(to) && !READ_ONCE(to->dead);
}

/* A datagram to a port: wait for room in its queue, then queue. */
static int ftalias_send_datagram(struct ftalias_sock *fsk,
				 struct ftalias_sock *to, struct sk_buff *skb,
				 long *timeo)
{
	struct ftalias_skb_cb *cb = ftalias_cb(skb);
	int err;

	memset(cb, 0, sizeof(*cb));
	cb->kind = FTALIAS_MSG_DATAGRAM;
	cb->src_port = fsk->port;
	cb->src_alias = fsk->alias ? fsk->alias->id : 0;

	for (;;) {
		if (READ_ONCE(to->dead)) {
			err = -ECONNREFUSED;
			break;
		}
		if (!ftalias_rcv_full(to))
			return ftalias_queue(to, skb) ? 0 : -ECONNREFUSED;
		if (!*timeo) {
			err = -EAGAIN;
			break;
		}
		err = ftalias_wait_for_room(to, timeo, ftalias_port_full, to);
		if (err)
			break;
	}
	kfree_skb(skb);
	return err;
}

/*
 * A member may re-send a request with an ID its alias already issued;
 * nobody else may name an ID.  Every field is checked as far as the alias
 * knows it: node 0 (this node), the member's own alias, an xid issued
 * (1 up to the alias's counter), a stamping port (not 0) and an
 * incarnation the alias has reached.  The alias does not keep which
 * member stamped each xid at which incarnation, so another port or an
 * earlier incarnation with an issued xid passes: that ID was never
 * issued, only this alias can name it, and no replay-cache entry of
 * another sender has it (entries are keyed by the whole ID).
 */
static bool ftalias_may_resend(struct ftalias_sock *fsk,
			       const struct ftalias_id *id)
{
	struct ftalias_alias *alias = fsk->alias;

	return alias && !id->node && id->alias == alias->id && id->port &&
	       id->incarnation <= READ_ONCE(alias->incarnation) && id->xid &&
	       id->xid <= atomic64_read(&alias->reqs.xid);
}

/* Journal a request under its parent; @skb stays the caller's. */
static int ftalias_journal(struct ftalias_sock *fsk,
			   const struct ftalias_id *parent,
			   const struct ftalias_id *id,
			   struct ftalias_alias *dst, struct sk_buff *skb,
			   bool nonblock)
{
	struct sk_buff *clone = skb_clone(skb, GFP_KERNEL);

	if (!clone)
		return -ENOMEM;
	return ftalias_journal_add(fsk, parent, id, dst->id, clone, nonblock);
}

/* What every sendmsg() checks before its control messages. */
static int ftalias_send_check(struct sock *sk, struct msghdr *msg, size_t len)
{
	struct ftalias_sock *fsk = ftalias_sk(sk);

	/* MSG_BATCH: sendmmsg()'s hint that more messages follow. */
	if (msg->msg_flags & ~(MSG_DONTWAIT | MSG_NOSIGNAL | MSG_EOR |
			       MSG_CMSG_COMPAT | MSG_BATCH))
		return -EOPNOTSUPP;
	if (!ftalias_bound(fsk))
		return -ENOTCONN;
	if (fsk->alias && READ_ONCE(fsk->alias->dead))
		return -EIDRM;
	if (READ_ONCE(sk->sk_shutdown) & SEND_SHUTDOWN) {
		if (!(msg->msg_flags & MSG_NOSIGNAL))
			send_sig(SIGPIPE, current, 0);
		return -EPIPE;
	}
	if (len > FTALIAS_MSG_MAX)
		return -EMSGSIZE;
	return 0;
}

/*
 * FTALIAS_CMSG_ID_OUT gets a zero ID before anything is sent: a fault
 * then fails the send, not after (the ID is written then).
 */
static int ftalias_id_out_clear(const struct ftalias_send_args *args)
{
	struct ftalias_id id;

	memset(&id, 0, sizeof(id));
	if ((args->have & BIT(FTALIAS_CMSG_ID_OUT)) &&
	    copy_to_user(u64_to_user_ptr(args->id_out), &id, sizeof(id)))
		return -EFAULT;
	return 0;
}

/* A reply (FTALIAS_CMSG_REPLY_TO), recorded as an auto-reply or not. */
static int ftalias_sendmsg_reply(struct ftalias_sock *fsk, struct msghdr *msg,
				 size_t len, struct ftalias_send_args *args)
{
	struct sk_buff *skb;
	bool nonblock;
	int err;

	err = ftalias_id_out_clear(args);
	if (err)
		return err;
	skb = ftalias_alloc_skb(&fsk->sk, msg, len, true, &err);
	if (!skb)
		return err;
	nonblock = ftalias_nonblock(fsk, msg);
	if (args->have & BIT(FTALIAS_CMSG_RECORD) ||
	    (fsk->alias && READ_ONCE(fsk->alias->cfg.record_replies)))
		return ftalias_reply_record(fsk, &args->reply_to, skb,
					    nonblock);
	return ftalias_send_reply(fsk, &args->reply_to, skb, nonblock);
}

/* A datagram to a port (no control message). */
static int ftalias_sendmsg_port(struct ftalias_sock *fsk, struct msghdr *msg,
				size_t len, u32 port)
{
	struct net *net = sock_net(&fsk->sk);
	struct ftalias_sock *to;
	struct sk_buff *skb;
	long timeo;
	int err;

	to = ftalias_port_get(ftalias_net(net), port);
	if (!to)
		return -ECONNREFUSED;
	/*
	 * A connection's socket takes no datagram, nor does one still in
	 * bind(): its port is in the table before its alias is set and
	 * published with @bound (it could join an alias after the datagram
	 * was let through unchecked).  @alias is read only after the
	 * acquire, and stays set while @to is referenced.
	 */
	err = -ECONNREFUSED;
	if (to->sk.sk_type != SOCK_RDM || !ftalias_bound(to))
		goto out;
	/*
	 * A member's port: the alias's send bit applies, as to a request and
	 * to connect(), or anyone could fill the active member's queue.
	 * Replies do not come this way (FTALIAS_CMSG_REPLY_TO).
	 */
	err = -EPERM;
	if (to->alias && !ftalias_alias_may(to->alias, net, FTALIAS_MODE_SEND))
		goto out;
	skb = ftalias_alloc_skb(&fsk->sk, msg, len, false, &err);
	if (!skb)
		goto out;
	timeo = sock_sndtimeo(&fsk->sk, msg->msg_flags & MSG_DONTWAIT);
	err = ftalias_send_datagram(fsk, to, skb, &timeo);
out:
	sock_put(&to->sk);
	return err;
}

/*
 * Send request @skb to @alias: new, re-sent with its ID (FTALIAS_CMSG_ID),
 * or journaled first under the request its sender serves
 * (FTALIAS_CMSG_PARENT).
 */
static int ftalias_send_to_alias(struct ftalias_sock *fsk,
				 struct ftalias_alias *alias,
				 struct sk_buff *skb, long timeo,
				 const struct ftalias_send_args *args)
{
	bool parent = args->have & BIT(FTALIAS_CMSG_PARENT);
	enum ftalias_send_mode mode = FTALIAS_SEND_NEW;
	struct ftalias_id id;
	int err;

	memset(&id, 0, sizeof(id));
	if (args->have & BIT(FTALIAS_CMSG_ID)) {
		id = args->id;
		mode = FTALIAS_SEND_RESENT;
	} else if (parent) {
		/* Journaled under its parent before it can be sent. */
		ftalias_stamp(fsk, &id);
		mode = FTALIAS_SEND_STAMPED;
		err = ftalias_journal(fsk, &args->parent, &id, alias, skb,
				      !timeo);
		if (err) {
			kfree_skb(skb);
			return err;
		}
	}
	err = ftalias_send_request(fsk, alias, skb, &id, mode, &timeo);
	if (err) {
		if (parent)
			ftalias_rc_journal_del(fsk, &args->parent, &id);
		return err;
	}
	/* Sent: a fault now cannot take it back. */
	if (args->have & BIT(FTALIAS_CMSG_ID_OUT) &&
	    copy_to_user(u64_to_user_ptr(args->id_out), &id, sizeof(id)))
		net_warn_ratelimited("%s: FTALIAS_CMSG_ID_OUT address became invalid\n",
				     current->comm);
	return 0;
}

/* A request to alias @alias_id. */
static int ftalias_sendmsg_alias(struct ftalias_sock *fsk, struct msghdr *msg,
				 size_t len, u32 alias_id,
				 const struct ftalias_send_args *args)
{
	struct net *net = sock_net(&fsk->sk);
	struct ftalias_alias *alias;
	struct sk_buff *skb;
	long timeo;
	int err;

	if (args->have & BIT(FTALIAS_CMSG_ID) &&
	    !ftalias_may_resend(fsk, &args->id))
		return -EPERM;
	alias = ftalias_alias_get(ftalias_net(net), alias_id);
	if (!alias)
		return -ENOENT;
	err = -EPERM;
	if (!ftalias_alias_may(alias, net, FTALIAS_MODE_SEND))
		goto out_put;
	err = ftalias_id_out_clear(args);
	if (err)
		goto out_put;
	skb = ftalias_alloc_request_skb(&fsk->sk, msg, len, &err);
	if (!skb)
		goto out_put;
	timeo = sock_sndtimeo(&fsk->sk, msg->msg_flags & MSG_DONTWAIT);
	err = ftalias_send_to_alias(fsk, alias, skb, timeo, args);
out_put:
	ftalias_alias_put(alias);
	return err;
}

/*
 * sendmsg() of a SOCK_RDM socket: one function per kind of message, chosen
 * by the control messages and the address.
 */
static int ftalias_sendmsg(struct socket *sock, struct msghdr *msg,
			   size_t len)
{
	DECLARE_SOCKADDR(struct sockaddr_ftalias *, sfa, msg->msg_name);
	struct ftalias_sock *fsk = ftalias_sk(sock->sk);
	struct ftalias_send_args args = {};
	int err;

	err = ftalias_send_check(sock->sk, msg, len);
	if (err)
		return err;
	err = ftalias_parse_cmsgs(msg, &args);
	if (err)
		return err;
	if (args.have & BIT(FTALIAS_CMSG_PARENT) && !fsk->alias)
		return -EPERM;
	if (args.have & BIT(FTALIAS_CMSG_CHECKPOINT)) {
		if (sfa)
			return -EINVAL;
		err = ftalias_sendmsg_ckpt(fsk, msg, len, &args);
		return err ?: len;
	}

	if (args.have & (BIT(FTALIAS_CMSG_REPLY_TO) | BIT(FTALIAS_CMSG_RECORD))) {
		if (sfa)
			return -EINVAL;
		if (args.have & BIT(FTALIAS_CMSG_REPLY_TO))
			err = ftalias_sendmsg_reply(fsk, msg, len, &args);
		else
			err = ftalias_record_only(fsk, msg, &args.record, len);
		return err ?: len;
	}
	if (!sfa)
		return -EDESTADDRREQ;
	err = ftalias_check_addr(sfa, msg->msg_namelen);
	if (err)
		return err;
	if (sfa->sfa_node)
		return -EHOSTUNREACH;
	if (sfa->sfa_type == FTALIAS_ADDR_PORT)
		/* IDs are for requests to an alias only. */
		err = args.have ? -EINVAL :
		      ftalias_sendmsg_port(fsk, msg, len, sfa->sfa_port);
	else
		err = ftalias_sendmsg_alias(fsk, msg, len, sfa->sfa_alias,
					    &args);
	return err ?: len;
}

/*
 * @aux: the first cb->aux bytes of @skb (a handler argument or a journal),
 * linear or copied out of replay.c's page fragments; NULL if none.
 */
static void ftalias_put_cmsgs(struct msghdr *msg, struct sk_buff *skb,
			      void *aux)
{
	const struct ftalias_skb_cb *cb = ftalias_cb(skb);
	struct ftalias_id id = cb->id;
	struct ftalias_ckpt ck = {};
	u32 val;

	switch (cb->kind) {
	case FTALIAS_MSG_REQUEST:
	case FTALIAS_MSG_REPLAY:
		put_cmsg(msg, SOL_FTALIAS, FTALIAS_CMSG_ID, sizeof(id), &id);
		/* The argument, then the request. */
		if (aux)
			put_cmsg(msg, SOL_FTALIAS, FTALIAS_CMSG_HANDLER_ARG,
				 cb->aux, aux);
		break;
	case FTALIAS_MSG_ORPHAN:
		put_cmsg(msg, SOL_FTALIAS, FTALIAS_CMSG_ID, sizeof(id), &id);
		if (aux)
			put_cmsg(msg, SOL_FTALIAS, FTALIAS_CMSG_JOURNAL,
				 cb->aux, aux);
		break;
	case FTALIAS_MSG_REPLY:
	case FTALIAS_MSG_NOTICE:
		put_cmsg(msg, SOL_FTALIAS, FTALIAS_CMSG_REPLY_TO, sizeof(id),
			 &id);
		break;
	case FTALIAS_MSG_CHECKPOINT:
		ck.flags = cb->aux;
		ck.seq = id.xid;
		put_cmsg(msg, SOL_FTALIAS, FTALIAS_CMSG_CHECKPOINT, sizeof(ck),
			 &ck);
		break;
	}
	if (cb->kind == FTALIAS_MSG_NOTICE) {
		val = cb->err;
		put_cmsg(msg, SOL_FTALIAS, FTALIAS_CMSG_ERRNO, sizeof(val), &val);
	}
	if (cb->flags) {
		val = cb->flags;
		put_cmsg(msg, SOL_FTALIAS, FTALIAS_CMSG_FLAGS, sizeof(val), &val);
	}
}

static int ftalias_recvmsg(struct socket *sock, struct msghdr *msg,
			   size_t size, int flags)
{
	DECLARE_SOCKADDR(struct sockaddr_ftalias *, sfa, msg->msg_name);
	struct sock *sk = sock->sk;
	struct ftalias_sock *fsk = ftalias_sk(sk);
	const struct ftalias_skb_cb *cb;
	struct sk_buff *skb;
	size_t copied, off;
	void *aux = NULL;
	bool request;
	int err;

	if (flags & ~(MSG_DONTWAIT | MSG_PEEK | MSG_TRUNC | MSG_CMSG_COMPAT))
		return -EOPNOTSUPP;

again:
	skb = ftalias_recv_skb(fsk, flags, &err);
	if (!skb)
		return err;
	cb = ftalias_cb(skb);
	request = cb->kind == FTALIAS_MSG_REQUEST ||
		  cb->kind == FTALIAS_MSG_REPLAY;

	/* The input log (input-log) has every request read. */
	if (request && !(flags & MSG_PEEK)) {
		err = ftalias_request_read(fsk, skb);
		if (err == -EAGAIN) {
			/* Taken back for the active member. */
			skb_free_datagram(sk, skb);
			goto again;
		}
		if (err) {
			ftalias_requeue(fsk, skb);
			return err;
		}
	}

	/* A handler argument or a journal comes first, in a cmsg. */
	off = (request || cb->kind == FTALIAS_MSG_ORPHAN) ? cb->aux : 0;
	/* Large ones come in page fragments: copied out first. */
	err = 0;
	if (off > skb_headlen(skb)) {
		aux = kvmalloc(off, GFP_KERNEL);
		err = aux ? skb_copy_bits(skb, 0, aux, off) : -ENOMEM;
	}
	copied = min_t(size_t, size, skb->len - off);
	if (copied < skb->len - off)
		msg->msg_flags |= MSG_TRUNC;
	if (!err)
		err = skb_copy_datagram_msg(skb, off, msg, copied);
	if (err) {
		/* Not read: a request must not be lost to a bad buffer. */
		if (!(flags & MSG_PEEK)) {
			kvfree(aux);
			ftalias_requeue(fsk, skb);
			return err;
		}
		goto out;
	}

	if (sfa) {
		memset(sfa, 0, sizeof(*sfa));
		sfa->sfa_family = ftalias_af;
		sfa->sfa_type = cb->src_alias ? FTALIAS_ADDR_ALIAS :
						FTALIAS_ADDR_PORT;
		sfa->sfa_alias = cb->src_alias;
		sfa->sfa_port = cb->src_port;
		/* A request's requester, a reply's member: on another node? */
		if (request)
			sfa->sfa_node = cb->id.node;
		else if (cb->kind == FTALIAS_MSG_REPLY)
			sfa->sfa_node = cb->src_node;
		msg->msg_namelen = sizeof(*sfa);
	}
	ftalias_put_cmsgs(msg, skb, off ? aux ?: skb->data : NULL);
	err = (flags & MSG_TRUNC) ? skb->len - off : copied;
out:
	kvfree(aux);
	skb_free_datagram(sk, skb);
	if (!(flags & MSG_PEEK))
		ftalias_wake_senders(fsk);
	return err;
}

static int ftalias_shutdown(struct socket *sock, int how)
{
	struct sock *sk = sock->sk;

	/* SHUT_RD, SHUT_WR, SHUT_RDWR -> RCV_SHUTDOWN, SEND_SHUTDOWN, both */
	how++;
	if (how & ~SHUTDOWN_MASK || !how)
		return -EINVAL;
	lock_sock(sk);
	WRITE_ONCE(sk->sk_shutdown, sk->sk_shutdown | how);
	release_sock(sk);
	sk->sk_state_change(sk);
	return 0;
}

/*
 * .family is left PF_UNSPEC: the number is a module parameter, and the core
 * takes it from struct net_proto_family and sk->sk_family, never from here.
 */
const struct proto_ops ftalias_rdm_ops = {
	.owner		= THIS_MODULE,
	.release	= ftalias_release,
	.bind		= ftalias_bind,
	.connect	= sock_no_connect,
	.socketpair	= sock_no_socketpair,
	.accept		= sock_no_accept,
	.getname	= ftalias_getname,
	.poll		= datagram_poll,
	.ioctl		= sock_no_ioctl,
	.listen		= sock_no_listen,
	.shutdown	= ftalias_shutdown,
	.setsockopt	= ftalias_setsockopt,
	.getsockopt	= ftalias_getsockopt,
	.sendmsg	= ftalias_sendmsg,
	.recvmsg	= ftalias_recvmsg,
	.mmap		= sock_no_mmap,
};
