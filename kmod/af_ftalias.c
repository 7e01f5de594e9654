// SPDX-License-Identifier: GPL-2.0
/*
 * The AF_FTALIAS socket family.  Its number is the "family" module
 * parameter, since Linux has no number to spare for an out-of-tree family.
 *
 * SOCK_RDM sockets send reliable datagrams: requests to an alias (stamped
 * with an ID, delivered to the alias's active member, kept by the
 * requester until answered), replies that name the request they answer,
 * and plain datagrams to a port.  Every socket pins the module through
 * proto_ops.owner.  The semantics are in Documentation/uapi.rst.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/net.h>
#include <linux/sched/signal.h>
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <net/sock.h>

#include "af_ftalias.h"
#include "alias.h"
#include "conn.h"
#include "ftalias.h"
#include "member.h"
#include "msg.h"
#include "replay.h"

static struct proto ftalias_proto = {
	.name		= "FTALIAS",
	.owner		= THIS_MODULE,
	.obj_size	= sizeof(struct ftalias_sock),
};

static void ftalias_sk_destruct(struct sock *sk)
{
	struct ftalias_sock *fsk = ftalias_sk(sk);

	skb_queue_purge(&sk->sk_receive_queue);
	if (sk->sk_type == SOCK_SEQPACKET)
		ftalias_conn_sock_destruct(fsk);
	if (fsk->alias)
		ftalias_alias_put(fsk->alias);
	put_pid(fsk->pid);
}

int ftalias_release(struct socket *sock)
{
	struct sock *sk = sock->sk;
	struct ftalias_sock *fsk;
	struct ftalias_net *fn;

	if (!sk)
		return 0;
	fsk = ftalias_sk(sk);
	fn = ftalias_net(sock_net(sk));

	/* Its connections go first, and the children it did not accept. */
	if (sk->sk_type == SOCK_SEQPACKET)
		ftalias_conn_sock_release(fsk);
	if (fsk->port)
		xa_erase(&fn->ports, fsk->port);
	if (fsk->alias)
		ftalias_member_leave(fn, fsk);
	else
		ftalias_sock_purge(fsk);
	ftalias_reqs_close(&fsk->reqs);

	sock_prot_inuse_add(sock_net(sk), sk->sk_prot, -1);
	sock_orphan(sk);
	sock->sk = NULL;
	sock_put(sk);
	return 0;
}

/* Check the parts of an address common to bind() and sendmsg(). */
int ftalias_check_addr(const struct sockaddr_ftalias *sfa, int len)
{
	if (len != sizeof(*sfa))
		return -EINVAL;
	if (sfa->sfa_family != ftalias_af)
		return -EAFNOSUPPORT;
	switch (sfa->sfa_type) {
	case FTALIAS_ADDR_PORT:
		if (sfa->sfa_alias || !sfa->sfa_port)
			return -EINVAL;
		break;
	case FTALIAS_ADDR_ALIAS:
		if (!sfa->sfa_alias || sfa->sfa_port)
			return -EINVAL;
		break;
	default:
		return -EINVAL;
	}
	return 0;
}

/**
 * ftalias_alloc_port() - a port for a socket that has none
 * @fn: the namespace's ftalias state
 * @fsk: the socket: under lock_sock(), or a child not yet visible
 * @pid: the process it belongs to
 *
 * @pid is set before the port is in the table.  The caller publishes both
 * with the store-release of @fsk->bound.
 *
 * Return: 0, -EADDRNOTAVAIL (no port free) or -ENOMEM.
 */
int ftalias_alloc_port(struct ftalias_net *fn, struct ftalias_sock *fsk,
		       struct pid *pid)
{
	int err;

	fsk->pid = get_pid(pid);
	err = xa_alloc_cyclic(&fn->ports, &fsk->port, fsk,
			      XA_LIMIT(1, U32_MAX), &fn->next_port,
			      GFP_KERNEL_ACCOUNT);
	if (err == -EBUSY)
		err = -EADDRNOTAVAIL;
	if (err < 0) {
		put_pid(fsk->pid);
		fsk->pid = NULL;
		return err;
	}
	return 0;
}

/**
 * ftalias_autobind() - bind a socket to a new port
 * @fsk: the socket, under lock_sock()
 *
 * Return: 0 (also when it was bound already), or -EADDRNOTAVAIL, -ENOMEM.
 */
int ftalias_autobind(struct ftalias_sock *fsk)
{
	int err;

	if (fsk->bound)
		return 0;
	err = ftalias_alloc_port(ftalias_net(sock_net(&fsk->sk)), fsk,
				 task_tgid(current));
	if (!err)
		/* Publishes @port; pairs with ftalias_bound(). */
		smp_store_release(&fsk->bound, true);
	return err;
}

int ftalias_bind(struct socket *sock, struct sockaddr *uaddr, int len)
{
	struct sockaddr_ftalias *sfa = (struct sockaddr_ftalias *)uaddr;
	struct sock *sk = sock->sk;
	struct ftalias_sock *fsk = ftalias_sk(sk);
	struct net *net = sock_net(sk);
	struct ftalias_net *fn = ftalias_net(net);
	struct ftalias_alias *alias = NULL;
	int err;

	if (len != sizeof(*sfa))
		return -EINVAL;
	if (sfa->sfa_family != ftalias_af)
		return -EAFNOSUPPORT;
	/* The kernel assigns the port. */
	if (sfa->sfa_port)
		return -EINVAL;
	switch (sfa->sfa_type) {
	case FTALIAS_ADDR_PORT:
		if (sfa->sfa_alias)
			return -EINVAL;
		break;
	case FTALIAS_ADDR_ALIAS:
		if (!sfa->sfa_alias)
			return -EINVAL;
		break;
	default:
		return -EINVAL;
	}
	if (sfa->sfa_node)
		return -EADDRNOTAVAIL;

	lock_sock(sk);
	if (fsk->bound) {
		err = -EINVAL;
		goto out;
	}
	if (sfa->sfa_type == FTALIAS_ADDR_ALIAS) {
		alias = ftalias_alias_get(fn, sfa->sfa_alias);
		if (!alias) {
			err = -ENOENT;
			goto out;
		}
		if (!ftalias_alias_may(alias, net, FTALIAS_MODE_JOIN)) {
			err = -EPERM;
			goto out_put;
		}
	}

	err = ftalias_alloc_port(fn, fsk, task_tgid(current));
	if (err < 0)
		goto out_put;

	if (alias) {
		fsk->alias = alias;
		err = ftalias_member_join(fn, fsk, alias);
		if (err) {
			fsk->alias = NULL;
			xa_erase(&fn->ports, fsk->port);
			fsk->port = 0;
			put_pid(fsk->pid);
			fsk->pid = NULL;
			goto out_put;
		}
		alias = NULL;	/* the socket's reference now */
	}
	/* Publishes @port and @alias; pairs with ftalias_bound(). */
	smp_store_release(&fsk->bound, true);
	err = 0;
out_put:
	if (alias)
		ftalias_alias_put(alias);
out:
	release_sock(sk);
	return err;
}

int ftalias_getname(struct socket *sock, struct sockaddr *uaddr, int peer)
{
	struct sockaddr_ftalias *sfa = (struct sockaddr_ftalias *)uaddr;
	struct ftalias_sock *fsk = ftalias_sk(sock->sk);

	if (peer)
		return -ENOTCONN;
	memset(sfa, 0, sizeof(*sfa));
	sfa->sfa_family = ftalias_af;
	if (ftalias_bound(fsk)) {
		sfa->sfa_port = fsk->port;
		if (fsk->alias) {
			sfa->sfa_type = FTALIAS_ADDR_ALIAS;
			sfa->sfa_alias = fsk->alias->id;
		} else {
			sfa->sfa_type = FTALIAS_ADDR_PORT;
		}
	}
	return sizeof(*sfa);
}

/*
 * FTALIAS_ACK: members only (EINVAL for any other socket, bound or not, as
 * the errno table of uapi.rst says); it only grows, up to the last xid
 * issued.
 */
static int ftalias_set_ack(struct ftalias_sock *fsk, sockptr_t optval,
			   unsigned int optlen)
{
	struct ftalias_alias *alias;
	u64 ack, cur;

	if (optlen < sizeof(ack))
		return -EINVAL;
	if (copy_from_sockptr(&ack, optval, sizeof(ack)))
		return -EFAULT;
	if (!ftalias_bound(fsk))
		return -EINVAL;
	alias = fsk->alias;
	if (!alias)
		return -EINVAL;
	if (ack > atomic64_read(&alias->reqs.xid) + 1)
		return -EINVAL;
	cur = atomic64_read(&alias->reqs.ack);
	while (ack > cur && !atomic64_try_cmpxchg(&alias->reqs.ack, &cur, ack))
		;
	return 0;
}

int ftalias_rdm_setsockopt(struct socket *sock, int level, int optname,
			   sockptr_t optval, unsigned int optlen)
{
	struct sock *sk = sock->sk;
	struct ftalias_sock *fsk = ftalias_sk(sk);
	u32 val;
	int err = 0;

	if (level != SOL_FTALIAS)
		return -ENOPROTOOPT;
	if (optname == FTALIAS_ACK)
		return ftalias_set_ack(fsk, optval, optlen);
	if (optname != FTALIAS_PRIORITY && optname != FTALIAS_ROLE)
		return -ENOPROTOOPT;
	if (optlen < sizeof(val))
		return -EINVAL;
	if (copy_from_sockptr(&val, optval, sizeof(val)))
		return -EFAULT;
	if (optname == FTALIAS_ROLE && val > FTALIAS_MEMBER_ROLE_STANDBY)
		return -EINVAL;

	lock_sock(sk);
	if (fsk->bound)
		err = -EBUSY;
	else if (optname == FTALIAS_PRIORITY)
		fsk->priority = val;
	else
		fsk->role = val;
	release_sock(sk);
	return err;
}

int ftalias_rdm_getsockopt(struct socket *sock, int level, int optname,
			   char __user *optval, int __user *optlen)
{
	struct ftalias_sock *fsk = ftalias_sk(sock->sk);
	struct ftalias_alias *alias;
	struct ftalias_id id;
	const void *data;
	int len, size;
	u32 val = 0;
	u64 ack;

	if (level != SOL_FTALIAS)
		return -ENOPROTOOPT;
	if (get_user(len, optlen))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;
	alias = ftalias_bound(fsk) ? fsk->alias : NULL;

	data = &val;
	size = sizeof(val);
	switch (optname) {
	case FTALIAS_PRIORITY:
	case FTALIAS_ROLE:
		/* Before bind() under lock_sock(); after, member-set changes
		 * the priority under the alias's lock.
		 */
		lock_sock(sock->sk);
		if (alias) {
			spin_lock(&alias->lock);
			val = optname == FTALIAS_PRIORITY ? fsk->priority :
							    fsk->role;
			spin_unlock(&alias->lock);
		} else {
			val = optname == FTALIAS_PRIORITY ? fsk->priority :
							    fsk->role;
		}
		release_sock(sock->sk);
		break;
	case FTALIAS_ACTIVE:
	case FTALIAS_INCARNATION:
		if (!alias)
			break;
		spin_lock(&alias->lock);
		val = optname == FTALIAS_ACTIVE ? alias->active == fsk :
						  alias->incarnation;
		spin_unlock(&alias->lock);
		break;
	case FTALIAS_ACK:
		if (!alias)
			return -EINVAL;
		ack = atomic64_read(&alias->reqs.ack);
		data = &ack;
		size = sizeof(ack);
		break;
	case FTALIAS_LAST_ID:
		spin_lock(&fsk->id_lock);
		id = fsk->last_id;
		spin_unlock(&fsk->id_lock);
		data = &id;
		size = sizeof(id);
		break;
	default:
		return -ENOPROTOOPT;
	}
	if (len < size)
		return -EINVAL;
	if (copy_to_user(optval, data, size) || put_user(size, optlen))
		return -EFAULT;
	return 0;
}

/* What the control messages of a sendmsg() ask for. */
struct ftalias_send_args {
	struct ftalias_id id;		/* FTALIAS_CMSG_ID */
	struct ftalias_id reply_to;	/* FTALIAS_CMSG_REPLY_TO */
	u64 id_out;			/* FTALIAS_CMSG_ID_OUT */
	struct ftalias_record record;	/* FTALIAS_CMSG_RECORD */
	struct ftalias_id parent;	/* FTALIAS_CMSG_PARENT */
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
		default:
			return -EINVAL;
		}
		if (cmsg->cmsg_len != CMSG_LEN(len) ||
		    a->have & BIT(cmsg->cmsg_type))
			return -EINVAL;
		memcpy(dst, CMSG_DATA(cmsg), len);
		a->have |= BIT(cmsg->cmsg_type);
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
		data = kmalloc(len, GFP_KERNEL_ACCOUNT);
		if (!data)
			return -ENOMEM;
		if (!copy_from_iter_full(data, len, &msg->msg_iter)) {
			kfree(data);
			return -EFAULT;
		}
	}
	return ftalias_record(fsk, rec, data, len);
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
				struct sk_buff *skb)
{
	struct ftalias_record rec = {
		.id = *id,
		.type = FTALIAS_RECORD_AUTO_REPLY,
	};
	void *data = NULL;
	int err;

	/* Not a member: ftalias_send_reply() says why it may not answer. */
	if (!id->alias || !fsk->alias)
		return ftalias_send_reply(fsk, id, skb);
	if (skb->len) {
		data = kmalloc(skb->len, GFP_KERNEL_ACCOUNT);
		if (!data) {
			kfree_skb(skb);
			return -ENOMEM;
		}
		/* Cannot fail: the bytes are there. */
		WARN_ON_ONCE(skb_copy_bits(skb, 0, data, skb->len));
	}
	err = ftalias_record(fsk, &rec, data, skb->len);
	if (err) {
		kfree_skb(skb);
		return err;
	}
	err = ftalias_send_reply(fsk, id, skb);
	return err == -ENOENT ? 0 : err;
}

/*
 * A message of @len bytes from @msg.  Requests and datagrams are charged to
 * the sender (and wait for room in its send buffer); replies are not: a
 * server never waits to answer, and the reply is charged to the requester
 * through its request (see ftalias_send_reply()).
 */
struct sk_buff *ftalias_alloc_skb(struct sock *sk, struct msghdr *msg,
				  size_t len, bool reply, int *err)
{
	size_t data_len = 0;
	struct sk_buff *skb;

	if (len > SKB_MAX_ALLOC)
		data_len = min_t(size_t, len - SKB_MAX_ALLOC,
				 MAX_SKB_FRAGS * PAGE_SIZE);
	if (reply)
		skb = alloc_skb_with_frags(len - data_len, data_len,
					   PAGE_ALLOC_COSTLY_ORDER, err,
					   GFP_KERNEL_ACCOUNT);
	else
		skb = sock_alloc_send_pskb(sk, len - data_len, data_len,
					   msg->msg_flags & MSG_DONTWAIT, err,
					   PAGE_ALLOC_COSTLY_ORDER);
	if (!skb)
		return NULL;
	skb_put(skb, len - data_len);
	skb->data_len = data_len;
	skb->len = len;
	*err = skb_copy_datagram_from_iter(skb, 0, &msg->msg_iter, len);
	if (*err) {
		kfree_skb(skb);
		return NULL;
	}
	return skb;
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

struct ftalias_sock *ftalias_port_get(struct ftalias_net *fn, u32 port)
{
	struct ftalias_sock *fsk;

	rcu_read_lock();
	fsk = xa_load(&fn->ports, port);
	if (fsk && !refcount_inc_not_zero(&fsk->sk.sk_refcnt))
		fsk = NULL;
	rcu_read_unlock();
	return fsk;
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
			   struct ftalias_alias *dst, struct sk_buff *skb)
{
	struct sk_buff *clone = skb_clone(skb, GFP_KERNEL);

	if (!clone)
		return -ENOMEM;
	return ftalias_journal_add(fsk, parent, id, dst->id, clone);
}

static int ftalias_sendmsg(struct socket *sock, struct msghdr *msg,
			   size_t len)
{
	DECLARE_SOCKADDR(struct sockaddr_ftalias *, sfa, msg->msg_name);
	struct sock *sk = sock->sk;
	struct ftalias_sock *fsk = ftalias_sk(sk);
	struct net *net = sock_net(sk);
	struct ftalias_net *fn = ftalias_net(net);
	struct ftalias_send_args args = {};
	struct ftalias_alias *alias = NULL;
	struct ftalias_sock *to = NULL;
	struct ftalias_id __user *id_out;
	struct sk_buff *skb;
	enum ftalias_send_mode mode;
	bool resent, parent;
	struct ftalias_id id;
	long timeo;
	int err;

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
	err = ftalias_parse_cmsgs(msg, &args);
	if (err)
		return err;
	resent = args.have & BIT(FTALIAS_CMSG_ID);
	parent = args.have & BIT(FTALIAS_CMSG_PARENT);
	if (parent && !fsk->alias)
		return -EPERM;

	if (!(args.have & BIT(FTALIAS_CMSG_REPLY_TO)) &&
	    args.have & BIT(FTALIAS_CMSG_RECORD)) {
		if (sfa)
			return -EINVAL;
		err = ftalias_record_only(fsk, msg, &args.record, len);
		return err ?: len;
	}
	if (args.have & BIT(FTALIAS_CMSG_REPLY_TO)) {
		if (sfa)
			return -EINVAL;
	} else {
		if (!sfa)
			return -EDESTADDRREQ;
		err = ftalias_check_addr(sfa, msg->msg_namelen);
		if (err)
			return err;
		if (sfa->sfa_node)
			return -EHOSTUNREACH;
		if (sfa->sfa_type == FTALIAS_ADDR_PORT) {
			/* IDs are for requests to an alias only. */
			if (args.have)
				return -EINVAL;
			to = ftalias_port_get(fn, sfa->sfa_port);
			if (!to)
				return -ECONNREFUSED;
			/*
			 * A connection's socket takes no datagram, nor does
			 * one still in bind(): its port is in the table
			 * before its alias is set and published with @bound
			 * (it could join an alias after the datagram was let
			 * through unchecked).  @alias is read only after the
			 * acquire, and stays set while @to is referenced.
			 */
			if (to->sk.sk_type != SOCK_RDM || !ftalias_bound(to)) {
				sock_put(&to->sk);
				return -ECONNREFUSED;
			}
			/*
			 * A member's port: the alias's send bit applies, as
			 * to a request and to connect(), or anyone could fill
			 * the active member's queue.  Replies do not come
			 * this way (FTALIAS_CMSG_REPLY_TO).
			 */
			if (to->alias &&
			    !ftalias_alias_may(to->alias, net,
					       FTALIAS_MODE_SEND)) {
				sock_put(&to->sk);
				return -EPERM;
			}
		} else {
			if (resent && !ftalias_may_resend(fsk, &args.id))
				return -EPERM;
			alias = ftalias_alias_get(fn, sfa->sfa_alias);
			if (!alias)
				return -ENOENT;
			if (!ftalias_alias_may(alias, net, FTALIAS_MODE_SEND)) {
				err = -EPERM;
				goto out_put;
			}
		}
	}

	/* Fault before anything is sent, not after (the ID is written then). */
	id_out = u64_to_user_ptr(args.id_out);
	memset(&id, 0, sizeof(id));
	if ((args.have & BIT(FTALIAS_CMSG_ID_OUT)) &&
	    copy_to_user(id_out, &id, sizeof(id))) {
		err = -EFAULT;
		goto out_put;
	}

	skb = ftalias_alloc_skb(sk, msg, len, !to && !alias, &err);
	if (!skb)
		goto out_put;
	timeo = sock_sndtimeo(sk, msg->msg_flags & MSG_DONTWAIT);

	if (to) {
		err = ftalias_send_datagram(fsk, to, skb, &timeo);
	} else if (alias) {
		mode = FTALIAS_SEND_NEW;
		if (resent) {
			id = args.id;
			mode = FTALIAS_SEND_RESENT;
		} else if (parent) {
			/* Journaled under its parent before it can be sent. */
			ftalias_stamp(fsk, &id);
			mode = FTALIAS_SEND_STAMPED;
			err = ftalias_journal(fsk, &args.parent, &id, alias, skb);
			if (err) {
				kfree_skb(skb);
				goto out_put;
			}
		}
		err = ftalias_send_request(fsk, alias, skb, &id, mode, &timeo);
		if (err && parent)
			ftalias_rc_journal_del(fsk, &args.parent, &id);
		if (!err) {
			spin_lock(&fsk->id_lock);
			fsk->last_id = id;
			spin_unlock(&fsk->id_lock);
			/* Sent: a fault now cannot take it back. */
			if (args.have & BIT(FTALIAS_CMSG_ID_OUT) &&
			    copy_to_user(id_out, &id, sizeof(id)))
				net_warn_ratelimited("%s: FTALIAS_CMSG_ID_OUT address became invalid\n",
						     current->comm);
		}
	} else if (args.have & BIT(FTALIAS_CMSG_RECORD) ||
		   (fsk->alias && READ_ONCE(fsk->alias->cfg.record_replies))) {
		err = ftalias_reply_record(fsk, &args.reply_to, skb);
	} else {
		err = ftalias_send_reply(fsk, &args.reply_to, skb);
	}

out_put:
	if (alias)
		ftalias_alias_put(alias);
	if (to)
		sock_put(&to->sk);
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
	u32 val;

	switch (cb->kind) {
	case FTALIAS_MSG_REQUEST:
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
	int err;

	if (flags & ~(MSG_DONTWAIT | MSG_PEEK | MSG_TRUNC | MSG_CMSG_COMPAT))
		return -EOPNOTSUPP;

	skb = ftalias_recv_skb(fsk, flags, &err);
	if (!skb)
		return err;
	cb = ftalias_cb(skb);

	/* A handler argument or a journal comes first, in a cmsg. */
	off = (cb->kind == FTALIAS_MSG_REQUEST ||
	       cb->kind == FTALIAS_MSG_ORPHAN) ? cb->aux : 0;
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
static const struct proto_ops ftalias_rdm_ops = {
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
	.setsockopt	= ftalias_rdm_setsockopt,
	.getsockopt	= ftalias_rdm_getsockopt,
	.sendmsg	= ftalias_sendmsg,
	.recvmsg	= ftalias_recvmsg,
	.mmap		= sock_no_mmap,
};

/**
 * ftalias_sk_alloc() - a new AF_FTALIAS sock
 * @net: its namespace
 * @type: SOCK_RDM or SOCK_SEQPACKET
 * @kern: a kernel socket
 *
 * For socket(), and for the accepting side of a connection, which
 * connect() makes before accept() grafts it.
 *
 * Return: the sock, not attached to a struct socket, or NULL.
 */
struct sock *ftalias_sk_alloc(struct net *net, int type, int kern)
{
	struct ftalias_sock *fsk;
	struct sock *sk;

	sk = sk_alloc(net, ftalias_af, GFP_KERNEL, &ftalias_proto, kern);
	if (!sk)
		return NULL;
	sock_init_data(NULL, sk);
	sk->sk_type = type;
	sock_set_flag(sk, SOCK_RCU_FREE);
	sk->sk_destruct = ftalias_sk_destruct;

	fsk = ftalias_sk(sk);
	INIT_LIST_HEAD(&fsk->member_node);
	init_waitqueue_head(&fsk->peer_wait);
	spin_lock_init(&fsk->id_lock);
	ftalias_reqs_init(&fsk->reqs);
	if (type == SOCK_SEQPACKET)
		ftalias_conn_sock_init(fsk);

	sock_prot_inuse_add(net, &ftalias_proto, 1);
	return sk;
}

static int ftalias_create(struct net *net, struct socket *sock, int protocol,
			  int kern)
{
	struct sock *sk;

	if (protocol)
		return -EPROTONOSUPPORT;
	if (sock->type != SOCK_RDM && sock->type != SOCK_SEQPACKET)
		return -ESOCKTNOSUPPORT;

	sk = ftalias_sk_alloc(net, sock->type, kern);
	if (!sk)
		return -ENOMEM;
	sock->ops = sock->type == SOCK_RDM ? &ftalias_rdm_ops :
					     &ftalias_seqpacket_ops;
	sock_graft(sk, sock);
	return 0;
}

static struct net_proto_family ftalias_family_ops __ro_after_init = {
	.create		= ftalias_create,
	.owner		= THIS_MODULE,
};

int __init ftalias_proto_init(void)
{
	return proto_register(&ftalias_proto, 1);
}

void ftalias_proto_exit(void)
{
	proto_unregister(&ftalias_proto);
}

int __init ftalias_sock_init(void)
{
	int err;

	ftalias_family_ops.family = ftalias_af;
	err = sock_register(&ftalias_family_ops);
	if (err == -EEXIST)
		pr_err("address family %d is in use; load with family=N, a free number below %d\n",
		       ftalias_af, NPROTO);
	return err;
}

void ftalias_sock_exit(void)
{
	sock_unregister(ftalias_af);
}
