// SPDX-License-Identifier: GPL-2.0
/*
 * The AF_FTALIAS socket core, under both socket types (SOCK_RDM: rdm.c,
 * SOCK_SEQPACKET: seqpacket.c; socket() is family.c): the sock itself, bind(),
 * release(), getname(), the socket options they share, and the port table
 * of a namespace.  The family's number is the "family" module parameter,
 * since Linux has no number to spare for an out-of-tree family.  Every
 * socket pins the module through proto_ops.owner.  The semantics are in
 * Documentation/uapi.rst.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <net/sock.h>

#include "af_ftalias.h"
#include "alias.h"
#include "conntab.h"
#include "ftalias.h"
#include "member.h"
#include "msg.h"
#include "replay.h"

static struct proto ftalias_proto = {
	.name		= "FTALIAS",
	.owner		= THIS_MODULE,
	.obj_size	= sizeof(struct ftalias_sock),
};

/*
 * The destructor of every AF_FTALIAS sock; a SOCK_SEQPACKET one lets its
 * connection go first (ftalias_seqpacket_sk_alloc()).
 */
void ftalias_sk_destruct(struct sock *sk)
{
	struct ftalias_sock *fsk = ftalias_sk(sk);

	skb_queue_purge(&sk->sk_receive_queue);
	ftalias_ckpt_stage_purge(fsk);
	mutex_destroy(&fsk->ckpt_lock);
	if (fsk->alias)
		ftalias_alias_put(fsk->alias);
	put_pid(fsk->pid);
}

/*
 * release() of both socket types; a SOCK_SEQPACKET socket ends its
 * connections first (ftalias_seqpacket_release()).
 */
int ftalias_release(struct socket *sock)
{
	struct sock *sk = sock->sk;
	struct ftalias_sock *fsk;
	struct ftalias_net *fn;

	if (!sk)
		return 0;
	fsk = ftalias_sk(sk);
	fn = ftalias_net(sock_net(sk));

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

int ftalias_setsockopt(struct socket *sock, int level, int optname,
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

int ftalias_getsockopt(struct socket *sock, int level, int optname,
		       char __user *optval, int __user *optlen)
{
	struct ftalias_sock *fsk = ftalias_sk(sock->sk);
	struct ftalias_alias *alias;
	struct ftalias_reqs *reqs;
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
		/* Written where the request enters the table. */
		reqs = alias ? &alias->reqs : &fsk->reqs;
		xa_lock(&reqs->xa);
		id = fsk->last_id;
		xa_unlock(&reqs->xa);
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

/* @skb, just allocated with @data_len of @len bytes in fragments, filled. */
static struct sk_buff *ftalias_skb_fill(struct sk_buff *skb,
					struct msghdr *msg, size_t len,
					size_t data_len, int *err)
{
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
	return ftalias_skb_fill(skb, msg, len, data_len, err);
}

/*
 * A request of @len bytes from @msg, charged to @sk as ftalias_alloc_skb()
 * does, but allocated with its clone (alloc_skb_fclone()) when it is
 * linear and the send buffer has room: the request is kept by its
 * requester and a clone of it delivered, so the clone then costs no
 * allocation.  Otherwise (no room: a wait; large: page fragments)
 * ftalias_alloc_skb().
 */
struct sk_buff *ftalias_alloc_request_skb(struct sock *sk,
					  struct msghdr *msg, size_t len,
					  int *err)
{
	struct sk_buff *skb;

	if (len > SKB_MAX_ALLOC || READ_ONCE(sk->sk_err) ||
	    READ_ONCE(sk->sk_shutdown) & SEND_SHUTDOWN ||
	    sk_wmem_alloc_get(sk) >= READ_ONCE(sk->sk_sndbuf))
		return ftalias_alloc_skb(sk, msg, len, false, err);
	skb = alloc_skb_fclone(len, sk->sk_allocation);
	if (!skb) {
		*err = -ENOBUFS;
		return NULL;
	}
	skb_set_owner_w(skb, sk);
	return ftalias_skb_fill(skb, msg, len, 0, err);
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

/**
 * ftalias_sk_alloc() - a new AF_FTALIAS sock
 * @net: its namespace
 * @type: SOCK_RDM or SOCK_SEQPACKET
 * @kern: a kernel socket
 *
 * The core of a sock, for the socket types' allocators: a SOCK_SEQPACKET
 * sock (socket(), and the accepting side that connect() makes before
 * accept() grafts it) must come from ftalias_seqpacket_sk_alloc(), which
 * adds its destructor and connection state.
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
	ftalias_reqs_init(&fsk->reqs);
	mutex_init(&fsk->ckpt_lock);
	__skb_queue_head_init(&fsk->ckpt_stage);

	sock_prot_inuse_add(net, &ftalias_proto, 1);
	return sk;
}

int __init ftalias_proto_init(void)
{
	return proto_register(&ftalias_proto, 1);
}

void ftalias_proto_exit(void)
{
	proto_unregister(&ftalias_proto);
}

/* The port table of a namespace (@ports of struct ftalias_net). */
void ftalias_ports_init(struct ftalias_net *fn)
{
	xa_init_flags(&fn->ports, XA_FLAGS_ALLOC1);
	fn->next_port = 1;
}

void ftalias_ports_exit(struct ftalias_net *fn)
{
	/* Every socket holds a reference of its namespace. */
	WARN_ON_ONCE(!xa_empty(&fn->ports));
	xa_destroy(&fn->ports);
}
