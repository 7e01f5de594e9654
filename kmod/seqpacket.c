// SPDX-License-Identifier: GPL-2.0
/*
 * The SOCK_SEQPACKET socket type: connections.
 *
 * connect() to a listening port, or to an alias whose active member
 * listens, makes the accepting side's socket at once (as AF_UNIX does),
 * records the connection in the namespace's table with its establishment
 * time and a counter, and queues the new socket for accept().  The
 * connecting side's identity (struct ftalias_identity: the seed's "port
 * number message") is part of the handshake; a new connection with the
 * identity of an older one to the same endpoint drops the older one at
 * once (newest wins), whatever state the old peer process is in.  The
 * connection table is conntab.c, below it.  The locking rules are in
 * conntab.h; the semantics in Documentation/uapi.rst.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/lockdep.h>
#include <linux/net.h>
#include <linux/poll.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <net/sock.h>
#include <net/tcp_states.h>

#include "af_ftalias.h"
#include "alias.h"
#include "compat.h"
#include "conntab.h"
#include "ftalias.h"
#include "member.h"
#include "msg.h"
#include "notify.h"
#include "seqpacket.h"
#include "trace.h"

/*
 * A SOCK_SEQPACKET sock is destroyed: its reference of the connection, and
 * of the peer for a child that was never accepted (release drops it
 * otherwise), then what every sock holds.
 */
static void ftalias_seqpacket_sk_destruct(struct sock *sk)
{
	struct ftalias_sock *fsk = ftalias_sk(sk);

	skb_queue_purge(&sk->sk_receive_queue);
	if (fsk->peer)
		sock_put(&fsk->peer->sk);
	if (fsk->conn)
		ftalias_conn_put(fsk->conn);
	ftalias_sk_destruct(sk);
}

/**
 * ftalias_seqpacket_sk_alloc() - a new SOCK_SEQPACKET sock
 * @net: its namespace
 * @kern: a kernel socket
 *
 * For socket(), and for the accepting side of a connection.
 *
 * Return: the sock, not attached to a struct socket, or NULL.
 */
struct sock *ftalias_seqpacket_sk_alloc(struct net *net, int kern)
{
	struct ftalias_sock *fsk;
	struct sock *sk;

	sk = ftalias_sk_alloc(net, SOCK_SEQPACKET, kern);
	if (!sk)
		return NULL;
	sk->sk_destruct = ftalias_seqpacket_sk_destruct;
	fsk = ftalias_sk(sk);
	INIT_LIST_HEAD(&fsk->acceptq);
	INIT_LIST_HEAD(&fsk->conns);
	return sk;
}

/**
 * ftalias_conn_sock_release() - a SOCK_SEQPACKET socket is released
 * @fsk: the socket
 *
 * Before the socket leaves its alias and port: a listener's pending
 * connections are dropped (and its accepted ones when it serves an
 * alias), a connected socket's connection ends.
 */
static void ftalias_conn_sock_release(struct ftalias_sock *fsk)
{
	struct ftalias_conns *t = ftalias_conns_of(fsk);
	struct ftalias_sock *peer = fsk->peer;

	if (fsk->conn) {
		ftalias_conn_close(fsk);
		ftalias_conn_end(fsk, false);
		/*
		 * Each end holds the other: the reference goes now, not at
		 * destruction.  Nothing reads @peer of a released socket.
		 */
		fsk->peer = NULL;
		sock_put(&peer->sk);
		return;
	}
	spin_lock(&t->lock);
	WRITE_ONCE(fsk->sk.sk_state, TCP_CLOSE);
	__ftalias_conn_listener_gone(t, fsk, false);
	spin_unlock(&t->lock);
}

/* release(): its connections go first, and the children it did not accept. */
static int ftalias_seqpacket_release(struct socket *sock)
{
	if (sock->sk)
		ftalias_conn_sock_release(ftalias_sk(sock->sk));
	return ftalias_release(sock);
}

/*
 * Check an identity a socket asks to connect with: an alias the caller's
 * process is a member of, or a port of one of its sockets.
 */
static int ftalias_conn_ident_check(struct ftalias_sock *fsk,
				    const struct ftalias_identity *id)
{
	struct ftalias_net *fn = ftalias_net(sock_net(&fsk->sk));
	struct pid *me = task_tgid(current);
	struct ftalias_alias *alias;
	struct ftalias_sock *m;
	bool ok = false;

	if (id->flags)
		return -EINVAL;
	if (id->node)
		return -EADDRNOTAVAIL;
	if (!id->alias == !id->port)
		return -EINVAL;
	if (strnlen(id->name, sizeof(id->name)) == sizeof(id->name))
		return -EINVAL;
	if (id->alias) {
		alias = ftalias_alias_get(fn, id->alias);
		if (!alias)
			return -ENOENT;
		spin_lock(&alias->lock);
		list_for_each_entry(m, &alias->members, member_node) {
			if (m->pid == me) {
				ok = true;
				break;
			}
		}
		spin_unlock(&alias->lock);
		ftalias_alias_put(alias);
	} else {
		m = ftalias_port_get(fn, id->port);
		if (m) {
			ok = ftalias_bound(m) && m->pid == me;
			sock_put(&m->sk);
		}
	}
	return ok ? 0 : -EPERM;
}

/* The name of an identity without one: the alias's, or the process's. */
static void ftalias_conn_ident_name(struct ftalias_sock *fsk,
				    struct ftalias_identity *id)
{
	struct ftalias_net *fn = ftalias_net(sock_net(&fsk->sk));
	struct ftalias_alias *alias;
	char comm[TASK_COMM_LEN];

	if (id->name[0])
		return;
	if (id->alias) {
		mutex_lock(&fn->lock);
		alias = __ftalias_alias_by_id(fn, id->alias);
		if (alias)
			strscpy(id->name, alias->name, sizeof(id->name));
		mutex_unlock(&fn->lock);
	}
	if (!id->name[0]) {
		get_task_comm(comm, current);
		strscpy(id->name, comm, sizeof(id->name));
	}
}

/*
 * The identity @fsk connects or listens with, under lock_sock(): the one
 * it chose, checked again (the caller's process may have left the alias),
 * or its own address, which needs no check.
 */
static int ftalias_conn_ident(struct ftalias_sock *fsk,
			      struct ftalias_identity *id)
{
	int err;

	if (fsk->ident_set) {
		*id = fsk->ident;
		err = ftalias_conn_ident_check(fsk, id);
		if (err)
			return err;
	} else {
		memset(id, 0, sizeof(*id));
		if (fsk->alias)
			id->alias = fsk->alias->id;
		else
			id->port = fsk->port;
	}
	ftalias_conn_ident_name(fsk, id);
	return 0;
}

/* connect() and listen(): a port if there is none, and the identity. */
static int ftalias_conn_bind_ident(struct ftalias_sock *fsk,
				   struct ftalias_identity *id)
{
	return ftalias_autobind(fsk) ?: ftalias_conn_ident(fsk, id);
}

/* The listener an address names, with a reference; and the alias. */
static struct ftalias_sock *
ftalias_conn_listener(struct ftalias_sock *fsk,
		      const struct sockaddr_ftalias *sfa,
		      struct ftalias_alias **aliasp, int *err)
{
	struct net *net = sock_net(&fsk->sk);
	struct ftalias_net *fn = ftalias_net(net);
	struct ftalias_alias *alias;
	struct ftalias_sock *l;

	*aliasp = NULL;
	if (sfa->sfa_type == FTALIAS_ADDR_PORT) {
		l = ftalias_port_get(fn, sfa->sfa_port);
		*err = -ECONNREFUSED;
		if (l && l->sk.sk_type != SOCK_SEQPACKET) {
			sock_put(&l->sk);
			l = NULL;
		}
		/* A member's port: the alias's mode still applies. */
		if (l && ftalias_bound(l) && l->alias &&
		    !ftalias_alias_may(l->alias, net, FTALIAS_MODE_SEND)) {
			sock_put(&l->sk);
			l = NULL;
			*err = -EPERM;
		}
		return l;
	}
	alias = ftalias_alias_get(fn, sfa->sfa_alias);
	if (!alias) {
		*err = -ENOENT;
		return NULL;
	}
	if (!ftalias_alias_may(alias, net, FTALIAS_MODE_SEND)) {
		ftalias_alias_put(alias);
		*err = -EPERM;
		return NULL;
	}
	spin_lock(&alias->lock);
	l = alias->active;
	if (l && l->sk.sk_type == SOCK_SEQPACKET)
		sock_hold(&l->sk);
	else
		l = NULL;
	spin_unlock(&alias->lock);
	if (!l) {
		ftalias_alias_put(alias);
		*err = -ECONNREFUSED;
		return NULL;
	}
	*aliasp = alias;
	return l;
}

/* The accepting side's socket, bound to a port of its own. */
static struct ftalias_sock *ftalias_conn_child(struct ftalias_sock *l)
{
	struct net *net = sock_net(&l->sk);
	struct ftalias_net *fn = ftalias_net(net);
	struct ftalias_sock *child;
	struct sock *sk;

	sk = ftalias_seqpacket_sk_alloc(net, 0);
	if (!sk)
		return NULL;
	child = ftalias_sk(sk);
	if (ftalias_alloc_port(fn, child, l->pid)) {
		sock_prot_inuse_add(net, sk->sk_prot, -1);
		sk_free(sk);
		return NULL;
	}
	/* Publishes @port; pairs with ftalias_bound(). */
	smp_store_release(&child->bound, true);
	sk->sk_state = TCP_ESTABLISHED;
	return child;
}

/* Whether a connector still waits for room in listener @arg's backlog. */
static bool ftalias_backlog_full(const void *arg)
{
	const struct ftalias_sock *l = arg;

	return READ_ONCE(l->nr_pending) > READ_ONCE(l->sk.sk_max_ack_backlog) &&
	       READ_ONCE(l->accepting);
}

/* A new connection from @fsk, as @id, to listener @l (of @alias or NULL). */
static void ftalias_conn_init(struct ftalias_conn *c,
			      struct ftalias_sock *fsk,
			      const struct ftalias_identity *id,
			      struct ftalias_sock *l,
			      struct ftalias_alias *alias,
			      struct ftalias_sock *child)
{
	INIT_LIST_HEAD(&c->lnode);
	INIT_LIST_HEAD(&c->anode);
	c->key = (struct ftalias_conn_key) {
		.ep_alias = alias ? alias->id : 0,
		.ep_port = alias ? 0 : l->port,
		.node = id->node,
		.alias = id->alias,
		.port = id->port,
	};
	c->ident[0] = *id;
	c->local_alias = alias ? alias->id : 0;
	c->listen_port = l->port;
	c->port[0] = fsk->port;
	c->port[1] = child->port;
	refcount_set(&c->ref, 2);	/* one for each end */
}

/*
 * Whether listener @l takes @c now (0), refuses it (-ECONNREFUSED), or
 * has no room yet (-EAGAIN); @old is set to the linked connection with
 * @c's key, if any.
 */
static int __ftalias_conn_room(struct ftalias_conns *t, struct ftalias_sock *l,
			       struct ftalias_conn *c, u32 hash,
			       struct ftalias_conn **old)
{
	lockdep_assert_held(&t->lock);

	if (!l->accepting)
		return -ECONNREFUSED;
	/*
	 * Room for one more than the backlog, as TCP and AF_UNIX have; the
	 * stale connection this one replaces makes room.
	 */
	*old = __ftalias_conn_find(t, &c->key, hash);
	if (l->nr_pending <= READ_ONCE(l->sk.sk_max_ack_backlog) ||
	    (*old && (*old)->listener == l && !list_empty(&(*old)->anode)))
		return 0;
	return -EAGAIN;
}

/* @c, linked, joins its two ends: @fsk is connected. */
static void __ftalias_conn_establish(struct ftalias_conns *t,
				     struct ftalias_conn *c,
				     struct ftalias_sock *fsk,
				     struct ftalias_sock *child,
				     struct ftalias_conn_snap *snap)
{
	lockdep_assert_held(&t->lock);

	c->end[0] = fsk;
	c->end[1] = child;
	fsk->conn = c;
	child->conn = c;
	sock_hold(&fsk->sk);
	child->peer = fsk;
	sock_hold(&child->sk);
	WRITE_ONCE(fsk->sk.sk_state, TCP_ESTABLISHED);
	/* Publishes the connection to the data path; pairs with
	 * ftalias_conn_peer().
	 */
	smp_store_release(&fsk->peer, child);
	__ftalias_conn_snap(t, c, snap, true);
}

/*
 * A new connection from @fsk, as @id, to listener @l (of @alias or NULL),
 * with the accepting side's socket and an id in table @t: 0 or the error.
 * Whatever was allocated is in *@cp and *@childp either way.
 */
static int ftalias_conn_prepare(struct ftalias_conns *t,
				struct ftalias_sock *fsk,
				const struct ftalias_identity *id,
				struct ftalias_sock *l,
				struct ftalias_alias *alias,
				struct ftalias_conn **cp,
				struct ftalias_sock **childp)
{
	struct ftalias_conn *c;
	int err;

	c = kzalloc(sizeof(*c), GFP_KERNEL_ACCOUNT);
	if (!c)
		return -ENOMEM;
	*cp = c;
	*childp = ftalias_conn_child(l);
	if (!*childp)
		return -ENOMEM;
	ftalias_conn_init(c, fsk, id, l, alias, *childp);
	err = xa_alloc_cyclic(&t->ids, &c->id, c, XA_LIMIT(1, U32_MAX),
			      &t->next_id, GFP_KERNEL);
	if (err == -EBUSY)
		err = -EADDRNOTAVAIL;
	if (err < 0) {
		c->id = 0;
		return err;
	}
	return 0;
}

/*
 * Waits, for @timeo at most, until listener @l has room for @c
 * (__ftalias_conn_room()).  Returns with @t->lock held either way: 0 with
 * room (*@old as there found), or the error, for the caller to erase @c's
 * id under the lock.
 */
static int ftalias_conn_lock_room(struct ftalias_conns *t,
				  struct ftalias_sock *l,
				  struct ftalias_conn *c, u32 hash,
				  struct ftalias_conn **old, long timeo)
	__acquires(&t->lock)
{
	int err;

	for (;;) {
		spin_lock(&t->lock);
		err = __ftalias_conn_room(t, l, c, hash, old);
		if (err != -EAGAIN)
			return err;
		spin_unlock(&t->lock);
		if (timeo)
			err = ftalias_wait_for_room(l, &timeo,
						    ftalias_backlog_full, l);
		if (err) {
			spin_lock(&t->lock);
			return err;
		}
	}
}

/*
 * @c, with room in listener @l, linked and established: @fsk is connected
 * as @c's identity.  Newest wins: @old, an older connection with @c's key,
 * is dropped.  Returns whether there was one.
 */
static bool __ftalias_conn_connected(struct ftalias_conns *t,
				     struct ftalias_conn *c, u32 hash,
				     struct ftalias_sock *l,
				     struct ftalias_sock *fsk,
				     struct ftalias_sock *child,
				     struct ftalias_conn *old,
				     struct ftalias_conn_snap *snap_old,
				     struct ftalias_conn_snap *snap_new)
{
	lockdep_assert_held(&t->lock);

	fsk->ident = c->ident[0];
	c->ident[1] = l->ident;
	if (old)
		trace_ftalias_conn_stale(&fsk->sk, old, c);
	__ftalias_conn_link(t, c, hash, l, old, snap_old);
	__ftalias_conn_establish(t, c, fsk, child, snap_new);
	return old;
}

/* What connect() holds, once the connection is established or not. */
static void ftalias_conn_connect_put(struct ftalias_conn *c,
				     struct ftalias_sock *child,
				     struct ftalias_sock *l,
				     struct ftalias_alias *alias)
{
	if (child) {
		child->conn = NULL;
		ftalias_conn_free_child(child);
	}
	kfree(c);
	sock_put(&l->sk);
	if (alias)
		ftalias_alias_put(alias);
}

static int ftalias_conn_connect(struct socket *sock, struct sockaddr *uaddr,
				int len, int flags)
{
	struct sockaddr_ftalias *sfa = (struct sockaddr_ftalias *)uaddr;
	struct sock *sk = sock->sk;
	struct ftalias_sock *fsk = ftalias_sk(sk);
	struct ftalias_conns *t = ftalias_conns_of(fsk);
	struct ftalias_conn_snap snap_old, snap_new;
	struct ftalias_sock *l, *child = NULL;
	struct ftalias_conn *c = NULL, *old;
	struct ftalias_alias *alias = NULL;
	struct ftalias_identity id;
	bool stale;
	u32 hash;
	int err;

	err = ftalias_check_addr(sfa, len);
	if (err)
		return err;
	if (sfa->sfa_node)
		return -EHOSTUNREACH;

	lock_sock(sk);
	if (fsk->conn) {
		err = -EISCONN;
		goto out;
	}
	if (sk->sk_state == TCP_LISTEN) {
		err = -EINVAL;
		goto out;
	}
	err = ftalias_conn_bind_ident(fsk, &id);
	if (err)
		goto out;
	l = ftalias_conn_listener(fsk, sfa, &alias, &err);
	if (!l)
		goto out;

	err = ftalias_conn_prepare(t, fsk, &id, l, alias, &c, &child);
	if (err)
		goto out_put;
	hash = ftalias_conn_hash(&c->key);
	err = ftalias_conn_lock_room(t, l, c, hash, &old,
				     sock_sndtimeo(sk, flags & O_NONBLOCK));
	if (err) {
		/* Under the lock: a dump may be looking at it. */
		xa_erase(&t->ids, c->id);
		spin_unlock(&t->lock);
		goto out_put;
	}
	stale = __ftalias_conn_connected(t, c, hash, l, fsk, child, old,
					 &snap_old, &snap_new);
	spin_unlock(&t->lock);

	sock->state = SS_CONNECTED;
	l->sk.sk_data_ready(&l->sk);
	if (stale)
		ftalias_nl_conn_notify(sock_net(sk), &snap_old, &snap_new,
				       FTALIAS_CONN_DROP_REASON_STALE);
	c = NULL;
	child = NULL;
out_put:
	ftalias_conn_connect_put(c, child, l, alias);
out:
	release_sock(sk);
	return err;
}

/*
 * Make @fsk a listener, under lock_sock(): takes the table's lock itself
 * (the alias's lock may be held, lock order in ftalias.h).
 */
static void ftalias_conn_set_listening(struct ftalias_conns *t,
				       struct ftalias_sock *fsk, int backlog,
				       const struct ftalias_identity *id,
				       bool accepting)
{
	spin_lock(&t->lock);
	WRITE_ONCE(fsk->sk.sk_max_ack_backlog, backlog);
	WRITE_ONCE(fsk->sk.sk_state, TCP_LISTEN);
	fsk->ident = *id;
	fsk->accepting = accepting;
	spin_unlock(&t->lock);
	/* A larger backlog for the connectors waiting on a listen() again. */
	ftalias_wake_senders(fsk);
}

static int ftalias_conn_listen(struct socket *sock, int backlog)
{
	struct sock *sk = sock->sk;
	struct ftalias_sock *fsk = ftalias_sk(sk);
	struct ftalias_conns *t = ftalias_conns_of(fsk);
	struct ftalias_alias *alias;
	struct ftalias_identity id;
	int err;

	lock_sock(sk);
	if (fsk->conn || sock->state != SS_UNCONNECTED) {
		err = -EINVAL;
		goto out;
	}
	err = ftalias_conn_bind_ident(fsk, &id);
	if (err)
		goto out;
	if (backlog < 0)
		backlog = 0;

	alias = fsk->alias;
	if (alias) {
		/* Whether it is the active member, in one step with it. */
		spin_lock(&alias->lock);
		ftalias_conn_set_listening(t, fsk, backlog, &id,
					   alias->active == fsk);
		spin_unlock(&alias->lock);
	} else {
		ftalias_conn_set_listening(t, fsk, backlog, &id, true);
	}
out:
	release_sock(sk);
	return err;
}

static int ftalias_conn_do_accept(struct socket *sock, struct socket *newsock,
				  int flags)
{
	struct sock *sk = sock->sk;
	struct ftalias_sock *fsk = ftalias_sk(sk);
	struct ftalias_conns *t = ftalias_conns_of(fsk);
	struct ftalias_sock *child = NULL;
	struct ftalias_conn *c;
	DEFINE_WAIT(wait);
	long timeo;

	timeo = sock_rcvtimeo(sk, flags & O_NONBLOCK);
	for (;;) {
		spin_lock(&t->lock);
		if (READ_ONCE(sk->sk_state) != TCP_LISTEN) {
			spin_unlock(&t->lock);
			return -EINVAL;
		}
		c = list_first_entry_or_null(&fsk->acceptq, struct ftalias_conn,
					     anode);
		if (c) {
			list_del_init(&c->anode);
			fsk->nr_pending--;
			if (list_empty(&c->lnode))
				c->listener = NULL;
			if (c->id)
				c->state = FTALIAS_CONN_STATE_ESTABLISHED;
			child = c->end[1];
		}
		spin_unlock(&t->lock);
		if (child)
			break;
		if (!timeo)
			return -EAGAIN;
		prepare_to_wait_exclusive(sk_sleep(sk), &wait,
					  TASK_INTERRUPTIBLE);
		if (list_empty_careful(&fsk->acceptq) &&
		    READ_ONCE(sk->sk_state) == TCP_LISTEN)
			timeo = schedule_timeout(timeo);
		finish_wait(sk_sleep(sk), &wait);
		if (signal_pending(current))
			return sock_intr_errno(timeo);
	}
	/* Room in the backlog for a waiting connector. */
	ftalias_wake_senders(fsk);

	sock_graft(&child->sk, newsock);
	newsock->state = SS_CONNECTED;
	return 0;
}

#ifdef FTALIAS_COMPAT_ACCEPT
static int ftalias_conn_accept(struct socket *sock, struct socket *newsock,
			       int flags, bool kern)
{
	return ftalias_conn_do_accept(sock, newsock, flags);
}
#else
static int ftalias_conn_accept(struct socket *sock, struct socket *newsock,
			       struct proto_accept_arg *arg)
{
	return ftalias_conn_do_accept(sock, newsock, arg->flags);
}
#endif

/* Why a write fails now, 0 when it may go on. */
static int ftalias_conn_send_err(struct ftalias_sock *fsk)
{
	u8 shutdown = ftalias_conn_shutdown_of(fsk);

	if (READ_ONCE(fsk->reset))
		return -ECONNRESET;
	if (shutdown & SEND_SHUTDOWN)
		return -EPIPE;
	return 0;
}

/* A sender on a connection's end waiting for room at the other end. */
struct ftalias_conn_wait {
	struct ftalias_sock *fsk;
	struct ftalias_sock *peer;
};

static bool ftalias_peer_full(const void *arg)
{
	const struct ftalias_conn_wait *w = arg;

	return ftalias_rcv_full(w->peer) && !ftalias_conn_send_err(w->fsk) &&
	       !READ_ONCE(w->peer->dead);
}

static int ftalias_conn_sendmsg(struct socket *sock, struct msghdr *msg,
				size_t len)
{
	struct sock *sk = sock->sk;
	struct ftalias_sock *fsk = ftalias_sk(sk);
	struct ftalias_sock *peer = ftalias_conn_peer(fsk);
	struct ftalias_skb_cb *cb;
	struct sk_buff *skb;
	struct ftalias_conn_wait w = { .fsk = fsk, .peer = peer };
	long timeo;
	int err;

	if (msg->msg_flags & ~(MSG_DONTWAIT | MSG_NOSIGNAL | MSG_EOR |
			       MSG_CMSG_COMPAT | MSG_BATCH))
		return -EOPNOTSUPP;
	/* No control message applies to a connection. */
	if (msg->msg_controllen)
		return -EINVAL;
	if (!peer)
		return -ENOTCONN;
	if (msg->msg_name)
		return -EISCONN;
	if (len > FTALIAS_MSG_MAX)
		return -EMSGSIZE;
	err = ftalias_conn_send_err(fsk);
	if (err)
		goto out;

	skb = ftalias_alloc_skb(sk, msg, len, false, &err);
	if (!skb) {
		if (err == -EPIPE && READ_ONCE(fsk->reset))
			err = -ECONNRESET;
		goto out;
	}
	cb = ftalias_cb(skb);
	memset(cb, 0, sizeof(*cb));
	cb->kind = FTALIAS_MSG_DATAGRAM;
	cb->src_port = fsk->port;

	timeo = sock_sndtimeo(sk, msg->msg_flags & MSG_DONTWAIT);
	for (;;) {
		err = ftalias_conn_send_err(fsk);
		if (err)
			break;
		if (!ftalias_rcv_full(peer)) {
			/* Consumes the skb; false: the peer was released. */
			if (ftalias_queue(peer, skb))
				return len;
			/*
			 * Refused: the peer is being released.  Its close
			 * holds the table's lock from refusing messages to
			 * ending our side: wait for it, then say why.  The one
			 * place the data path takes that lock, on failure.
			 */
			spin_lock(&ftalias_conns_of(fsk)->lock);
			spin_unlock(&ftalias_conns_of(fsk)->lock);
			err = ftalias_conn_send_err(fsk) ?: -EPIPE;
			goto out;
		}
		if (!timeo) {
			err = -EAGAIN;
			break;
		}
		err = ftalias_wait_for_room(peer, &timeo, ftalias_peer_full,
					    &w);
		if (err)
			break;
	}
	kfree_skb(skb);
out:
	if (err == -EPIPE && !(msg->msg_flags & MSG_NOSIGNAL))
		send_sig(SIGPIPE, current, 0);
	return err;
}

/* The address of @fsk as its peer sees it. */
static void ftalias_conn_addr(const struct ftalias_sock *fsk,
			      struct sockaddr_ftalias *sfa)
{
	const struct ftalias_conn *c = fsk->conn;

	memset(sfa, 0, sizeof(*sfa));
	sfa->sfa_family = ftalias_af;
	sfa->sfa_port = fsk->port;
	if (fsk->alias) {
		sfa->sfa_type = FTALIAS_ADDR_ALIAS;
		sfa->sfa_alias = fsk->alias->id;
	} else if (c && c->port[1] == fsk->port && c->local_alias) {
		/* The accepting side of a connection to an alias. */
		sfa->sfa_type = FTALIAS_ADDR_ALIAS;
		sfa->sfa_alias = c->local_alias;
	} else {
		sfa->sfa_type = FTALIAS_ADDR_PORT;
	}
}

static int ftalias_conn_recvmsg(struct socket *sock, struct msghdr *msg,
				size_t size, int flags)
{
	DECLARE_SOCKADDR(struct sockaddr_ftalias *, sfa, msg->msg_name);
	struct sock *sk = sock->sk;
	struct ftalias_sock *fsk = ftalias_sk(sk);
	struct ftalias_sock *peer = ftalias_conn_peer(fsk);
	struct sk_buff *skb;
	size_t copied;
	int err;

	if (flags & ~(MSG_DONTWAIT | MSG_PEEK | MSG_TRUNC | MSG_CMSG_COMPAT))
		return -EOPNOTSUPP;
	if (!peer)
		return -ENOTCONN;

	skb = ftalias_recv_skb(fsk, flags, &err);
	if (!skb) {
		/* Drained: end of file, or the reset. */
		if ((!err || err == -EAGAIN) &&
		    (ftalias_conn_shutdown_of(fsk) & RCV_SHUTDOWN))
			err = READ_ONCE(fsk->reset) ? -ECONNRESET : 0;
		return err;
	}
	copied = min_t(size_t, size, skb->len);
	if (copied < skb->len)
		msg->msg_flags |= MSG_TRUNC;
	err = skb_copy_datagram_msg(skb, 0, msg, copied);
	if (err) {
		if (!(flags & MSG_PEEK)) {
			ftalias_requeue(fsk, skb);
			return err;
		}
		goto out;
	}
	if (sfa) {
		ftalias_conn_addr(peer, sfa);
		msg->msg_namelen = sizeof(*sfa);
	}
	msg->msg_flags |= MSG_EOR;
	err = (flags & MSG_TRUNC) ? skb->len : copied;
out:
	skb_free_datagram(sk, skb);
	if (!(flags & MSG_PEEK))
		ftalias_wake_senders(fsk);
	return err;
}

static __poll_t ftalias_conn_poll(struct file *file, struct socket *sock,
				  poll_table *wait)
{
	struct sock *sk = sock->sk;
	struct ftalias_sock *fsk = ftalias_sk(sk);
	struct ftalias_sock *peer = ftalias_conn_peer(fsk);
	__poll_t mask = 0;
	u8 shutdown;

	sock_poll_wait(file, sock, wait);
	if (READ_ONCE(sk->sk_state) == TCP_LISTEN) {
		if (!list_empty_careful(&fsk->acceptq))
			mask |= EPOLLIN | EPOLLRDNORM;
		return mask;
	}
	if (!peer)
		return mask;

	shutdown = READ_ONCE(sk->sk_shutdown);
	if (READ_ONCE(fsk->reset))
		mask |= EPOLLERR;
	if (shutdown == SHUTDOWN_MASK)
		mask |= EPOLLHUP;
	if (shutdown & RCV_SHUTDOWN)
		mask |= EPOLLRDHUP | EPOLLIN | EPOLLRDNORM;
	if (!skb_queue_empty_lockless(&sk->sk_receive_queue))
		mask |= EPOLLIN | EPOLLRDNORM;
	if (shutdown & SEND_SHUTDOWN) {
		/* A write fails at once. */
		mask |= EPOLLOUT | EPOLLWRNORM;
	} else {
		/* Held until the socket is destroyed, after the file. */
		poll_wait(file, &peer->peer_wait, wait);
		if (!ftalias_rcv_full(peer) && sock_writeable(sk))
			mask |= EPOLLOUT | EPOLLWRNORM | EPOLLWRBAND;
	}
	return mask;
}

static int ftalias_conn_shutdown(struct socket *sock, int how)
{
	struct ftalias_sock *fsk = ftalias_sk(sock->sk);
	struct ftalias_sock *peer = ftalias_conn_peer(fsk);
	u8 mask, peer_mask = 0;

	/* SHUT_RD, SHUT_WR, SHUT_RDWR -> RCV_SHUTDOWN, SEND_SHUTDOWN, both */
	mask = how + 1;
	if (how < SHUT_RD || how > SHUT_RDWR)
		return -EINVAL;
	if (!peer)
		return -ENOTCONN;
	if (mask & SEND_SHUTDOWN)
		peer_mask |= RCV_SHUTDOWN;
	if (mask & RCV_SHUTDOWN)
		peer_mask |= SEND_SHUTDOWN;
	ftalias_conn_shut(fsk, mask);
	ftalias_conn_shut(peer, peer_mask);
	/* The peer's writers wait on us: they see their new state now. */
	ftalias_wake_senders(fsk);
	return 0;
}

static int ftalias_conn_getname(struct socket *sock, struct sockaddr *uaddr,
				int peer)
{
	struct sockaddr_ftalias *sfa = (struct sockaddr_ftalias *)uaddr;
	struct ftalias_sock *fsk = ftalias_sk(sock->sk);
	struct ftalias_sock *p = ftalias_conn_peer(fsk);

	if (!peer) {
		if (!ftalias_bound(fsk))
			return ftalias_getname(sock, uaddr, 0);
		ftalias_conn_addr(fsk, sfa);
		return sizeof(*sfa);
	}
	if (!p)
		return -ENOTCONN;
	ftalias_conn_addr(p, sfa);
	return sizeof(*sfa);
}

static int ftalias_conn_setsockopt(struct socket *sock, int level,
				   int optname, sockptr_t optval,
				   unsigned int optlen)
{
	struct sock *sk = sock->sk;
	struct ftalias_sock *fsk = ftalias_sk(sk);
	struct ftalias_identity id;
	int err;

	if (level != SOL_FTALIAS)
		return -ENOPROTOOPT;
	if (optname == FTALIAS_ACK)
		return -ENOPROTOOPT;
	if (optname != FTALIAS_IDENTITY)
		return ftalias_setsockopt(sock, level, optname, optval,
					  optlen);
	if (optlen < sizeof(id))
		return -EINVAL;
	if (copy_from_sockptr(&id, optval, sizeof(id)))
		return -EFAULT;
	err = ftalias_conn_ident_check(fsk, &id);
	if (err)
		return err;
	lock_sock(sk);
	if (fsk->conn || sk->sk_state == TCP_LISTEN) {
		err = -EISCONN;
	} else {
		fsk->ident = id;
		fsk->ident_set = true;
	}
	release_sock(sk);
	return err;
}

static int ftalias_conn_getsockopt(struct socket *sock, int level,
				   int optname, char __user *optval,
				   int __user *optlen)
{
	struct sock *sk = sock->sk;
	struct ftalias_sock *fsk = ftalias_sk(sk);
	struct ftalias_sock *peer = ftalias_conn_peer(fsk);
	struct ftalias_conns *t = ftalias_conns_of(fsk);
	struct ftalias_conn_info ci = {};
	struct ftalias_identity id;
	const struct ftalias_conn *c;
	const void *data;
	int len, size;

	if (level != SOL_FTALIAS)
		return -ENOPROTOOPT;
	switch (optname) {
	case FTALIAS_IDENTITY:
		lock_sock(sk);
		id = fsk->ident;
		release_sock(sk);
		data = &id;
		size = sizeof(id);
		break;
	case FTALIAS_PEER_IDENTITY:
		if (!peer)
			return -ENOTCONN;
		c = fsk->conn;
		/* Both identities are fixed before the peer is set. */
		id = c->ident[c->port[0] == fsk->port ? 1 : 0];
		data = &id;
		size = sizeof(id);
		break;
	case FTALIAS_CONN_INFO:
		if (!peer)
			return -ENOTCONN;
		c = fsk->conn;
		spin_lock(&t->lock);
		ci.id = c->id;
		ci.state = c->id ? c->state : 0;
		ci.seq = c->seq;
		ci.est_sec = c->est.tv_sec;
		ci.est_usec = c->est.tv_nsec / NSEC_PER_USEC;
		spin_unlock(&t->lock);
		data = &ci;
		size = sizeof(ci);
		break;
	case FTALIAS_ACK:
		return -ENOPROTOOPT;
	default:
		return ftalias_getsockopt(sock, level, optname, optval,
					  optlen);
	}
	if (get_user(len, optlen))
		return -EFAULT;
	if (len < size)
		return -EINVAL;
	if (copy_to_user(optval, data, size) || put_user(size, optlen))
		return -EFAULT;
	return 0;
}

const struct proto_ops ftalias_seqpacket_ops = {
	.owner		= THIS_MODULE,
	.release	= ftalias_seqpacket_release,
	.bind		= ftalias_bind,
	.connect	= ftalias_conn_connect,
	.socketpair	= sock_no_socketpair,
	.accept		= ftalias_conn_accept,
	.getname	= ftalias_conn_getname,
	.poll		= ftalias_conn_poll,
	.ioctl		= sock_no_ioctl,
	.listen		= ftalias_conn_listen,
	.shutdown	= ftalias_conn_shutdown,
	.setsockopt	= ftalias_conn_setsockopt,
	.getsockopt	= ftalias_conn_getsockopt,
	.sendmsg	= ftalias_conn_sendmsg,
	.recvmsg	= ftalias_conn_recvmsg,
	.mmap		= sock_no_mmap,
};

