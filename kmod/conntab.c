// SPDX-License-Identifier: GPL-2.0
/*
 * The connection table of a namespace: every SOCK_SEQPACKET connection,
 * by id (netlink) and by key (a connector's identity at an endpoint: the
 * newest wins), and the ends of a connection.  The socket type itself is
 * seqpacket.c, above it; membership (member.c) and the request code tell
 * it when an alias's active member changes.  The locking rules are in
 * conntab.h; the semantics in Documentation/uapi.rst.
 */

#include <linux/jhash.h>
#include <linux/lockdep.h>
#include <linux/net.h>
#include <linux/slab.h>
#include <net/sock.h>
#include <net/tcp_states.h>

#include "alias.h"
#include "conntab.h"
#include "ftalias.h"
#include "msg.h"
#include "sock.h"

struct ftalias_conns *ftalias_conns_of(const struct ftalias_sock *fsk)
{
	return &ftalias_net(sock_net(&fsk->sk))->conns;
}

void ftalias_conns_init(struct ftalias_conns *t)
{
	spin_lock_init(&t->lock);
	xa_init_flags(&t->ids, XA_FLAGS_ALLOC1);
	hash_init(t->keys);
	t->next_id = 1;
	/* 0 is "unset" to genl_dump_check_consistent(). */
	t->genid = 1;
}

void ftalias_conns_exit(struct ftalias_conns *t)
{
	/* Every connection has a socket, and sockets hold their namespace. */
	WARN_ON_ONCE(t->count);
	WARN_ON_ONCE(!xa_empty(&t->ids));
	xa_destroy(&t->ids);
}

void ftalias_conn_put(struct ftalias_conn *c)
{
	if (refcount_dec_and_test(&c->ref))
		kfree(c);
}

u32 ftalias_conn_hash(const struct ftalias_conn_key *k)
{
	return jhash2((const u32 *)k, sizeof(*k) / sizeof(u32), 0);
}

/* The peer of a connected socket; NULL before connect() or accept(). */
struct ftalias_sock *ftalias_conn_peer(const struct ftalias_sock *fsk)
{
	/* Pairs with the smp_store_release() of __ftalias_conn_establish(). */
	return smp_load_acquire(&fsk->peer);
}

/*
 * End the connection at @fsk's side: with @reset, reads return the queued
 * messages then ECONNRESET, writes ECONNRESET; otherwise the peer closed
 * (end of file, EPIPE).  Safe under the table's lock.
 */
void ftalias_conn_end(struct ftalias_sock *fsk, bool reset)
{
	struct sk_buff_head *q = &fsk->sk.sk_receive_queue;
	struct ftalias_sock *peer = ftalias_conn_peer(fsk);
	unsigned long flags;

	spin_lock_irqsave(&q->lock, flags);
	if (reset)
		WRITE_ONCE(fsk->reset, true);
	/* Orders @reset before it; pairs with ftalias_conn_shutdown_of(). */
	smp_store_release(&fsk->sk.sk_shutdown, SHUTDOWN_MASK);
	WRITE_ONCE(fsk->sk.sk_state, TCP_CLOSE);
	spin_unlock_irqrestore(&q->lock, flags);
	fsk->sk.sk_state_change(&fsk->sk);
	/* Its writers wait for room in the peer, the peer's in it. */
	ftalias_wake_senders(fsk);
	if (peer)
		ftalias_wake_senders(peer);
}

/*
 * The shutdown state of a socket; @reset, written before the state that
 * a reset sets, is seen with it.
 */
u8 ftalias_conn_shutdown_of(const struct ftalias_sock *fsk)
{
	/* Pairs with the smp_store_release() of ftalias_conn_end(). */
	return smp_load_acquire(&fsk->sk.sk_shutdown);
}

/* Add @how (SEND_SHUTDOWN, RCV_SHUTDOWN) to @fsk's shutdown state. */
void ftalias_conn_shut(struct ftalias_sock *fsk, u8 how)
{
	struct sk_buff_head *q = &fsk->sk.sk_receive_queue;
	unsigned long flags;

	spin_lock_irqsave(&q->lock, flags);
	WRITE_ONCE(fsk->sk.sk_shutdown, fsk->sk.sk_shutdown | how);
	spin_unlock_irqrestore(&q->lock, flags);
	fsk->sk.sk_state_change(&fsk->sk);
	ftalias_wake_senders(fsk);
}

/* The linked connection with key @k, or NULL. */
struct ftalias_conn *__ftalias_conn_find(struct ftalias_conns *t,
					 const struct ftalias_conn_key *k,
					 u32 hash)
{
	struct ftalias_conn *c;

	lockdep_assert_held(&t->lock);

	hash_for_each_possible(t->keys, c, key_node, hash)
		if (!memcmp(&c->key, k, sizeof(*k)))
			return c;
	return NULL;
}

/* Take a linked connection out of the table (not out of an accept queue). */
static void __ftalias_conn_unlink(struct ftalias_conns *t,
				  struct ftalias_conn *c)
{
	lockdep_assert_held(&t->lock);

	if (!c->id)
		return;
	hash_del(&c->key_node);
	xa_erase(&t->ids, c->id);
	c->id = 0;
	t->count--;
	t->genid++;
	list_del_init(&c->lnode);
	if (list_empty(&c->anode))
		c->listener = NULL;
}

/* Free a child socket nobody accepted; its connection is unlinked. */
void ftalias_conn_free_child(struct ftalias_sock *child)
{
	struct sock *sk = &child->sk;

	xa_erase(&ftalias_net(sock_net(sk))->ports, child->port);
	ftalias_sock_purge(child);
	sock_set_flag(sk, SOCK_DEAD);
	sock_prot_inuse_add(sock_net(sk), sk->sk_prot, -1);
	/* The reference of ftalias_sk_alloc(). */
	sock_put(sk);
}

/*
 * Drop @c: both open ends get ECONNRESET, a child nobody accepted yet is
 * freed.  @c may be unlinked already (its connecting side closed while it
 * waited in the accept queue).
 */
static void __ftalias_conn_drop(struct ftalias_conns *t,
				struct ftalias_conn *c)
{
	struct ftalias_sock *child = NULL;
	int i;

	lockdep_assert_held(&t->lock);

	__ftalias_conn_unlink(t, c);
	if (!list_empty(&c->anode)) {
		list_del_init(&c->anode);
		c->listener->nr_pending--;
		/* Room in the backlog for a waiting connector. */
		ftalias_wake_senders(c->listener);
		c->listener = NULL;
		child = c->end[1];
		c->end[1] = NULL;
	}
	for (i = 0; i < 2; i++)
		if (c->end[i])
			ftalias_conn_end(c->end[i], true);
	if (child) {
		ftalias_conn_end(child, true);
		ftalias_conn_free_child(child);
	}
}

/*
 * A copy of @c, in table @t (locked), for netlink.  The pids are in the
 * caller's pid namespace for a conn-get reply; for a notification (@ntf),
 * whose listeners may be in any pid namespace, in the initial one
 * (pid_nr()), not in that of the task that happened to cause the event.
 */
void __ftalias_conn_snap(struct ftalias_conns *t, const struct ftalias_conn *c,
			 struct ftalias_conn_snap *s, bool ntf)
{
	const struct ftalias_sock *cli = c->end[0], *srv = c->end[1];

	lockdep_assert_held(&t->lock);

	memset(s, 0, sizeof(*s));
	s->id = c->id;
	s->seq = c->seq;
	s->est_sec = c->est.tv_sec;
	s->est_usec = c->est.tv_nsec / NSEC_PER_USEC;
	s->state = c->state;
	s->local_alias = c->local_alias;
	s->listen_port = c->listen_port;
	s->local_port = c->port[1];
	s->peer_port = c->port[0];
	if (srv) {
		s->local_pid = ntf ? pid_nr(srv->pid) : pid_vnr(srv->pid);
		s->local_queue = skb_queue_len_lockless(&srv->sk.sk_receive_queue);
	}
	if (cli) {
		s->peer_pid = ntf ? pid_nr(cli->pid) : pid_vnr(cli->pid);
		s->peer_queue = skb_queue_len_lockless(&cli->sk.sk_receive_queue);
	}
	s->ident = c->ident[0];
}

/**
 * __ftalias_conn_link() - enter a new connection into its table
 * @t: the table, locked
 * @c: the connection, its id allocated and its key set
 * @hash: ftalias_conn_hash() of its key
 * @l: the listener it reached: it is queued there for accept()
 * @old: the linked connection with @c's key, or NULL: it is stale and
 *	dropped (newest wins)
 * @snap_old: filled in with @old as it was, if any
 */
void __ftalias_conn_link(struct ftalias_conns *t, struct ftalias_conn *c,
			 u32 hash, struct ftalias_sock *l,
			 struct ftalias_conn *old,
			 struct ftalias_conn_snap *snap_old)
{
	lockdep_assert_held(&t->lock);

	if (old) {
		__ftalias_conn_snap(t, old, snap_old, true);
		__ftalias_conn_drop(t, old);
	}
	c->seq = ++t->seq;
	ktime_get_real_ts64(&c->est);
	c->state = FTALIAS_CONN_STATE_PENDING;
	hash_add(t->keys, &c->key_node, hash);
	t->count++;
	t->genid++;
	c->listener = l;
	list_add_tail(&c->lnode, &l->conns);
	list_add_tail(&c->anode, &l->acceptq);
	l->nr_pending++;
	/* A waiting connector with this key may now replace this one. */
	ftalias_wake_senders(l);
}

/*
 * The connections that reached @l (listener, active member) end with it:
 * those waiting in its accept queue always; those it accepted too when
 * it serves an alias, or when @all.
 */
void __ftalias_conn_listener_gone(struct ftalias_conns *t,
				  struct ftalias_sock *l, bool all)
{
	struct ftalias_conn *c, *tmp;

	lockdep_assert_held(&t->lock);

	l->accepting = false;
	list_for_each_entry_safe(c, tmp, &l->acceptq, anode)
		__ftalias_conn_drop(t, c);
	list_for_each_entry_safe(c, tmp, &l->conns, lnode) {
		if (all || l->alias) {
			__ftalias_conn_drop(t, c);
		} else {
			list_del_init(&c->lnode);
			c->listener = NULL;
		}
	}
	/* Connectors waiting for room in the backlog: refused now. */
	ftalias_wake_senders(l);
}

/**
 * __ftalias_conn_active_changed() - an alias's active member changes
 * @alias: the alias, its lock held
 * @old: the active member until now, or NULL
 * @new: the active member from now on, or NULL
 *
 * A listening member accepts connections while it is the active one; the
 * connections it took end when it stops being active (failover).
 */
void __ftalias_conn_active_changed(struct ftalias_alias *alias,
				   struct ftalias_sock *old,
				   struct ftalias_sock *new)
{
	struct ftalias_conns *t = &ftalias_net(alias->net)->conns;

	lockdep_assert_held(&alias->lock);

	spin_lock(&t->lock);
	if (old && old->sk.sk_type == SOCK_SEQPACKET)
		__ftalias_conn_listener_gone(t, old, true);
	if (new && new->sk.sk_type == SOCK_SEQPACKET)
		new->accepting = READ_ONCE(new->sk.sk_state) == TCP_LISTEN;
	spin_unlock(&t->lock);
}

/*
 * Refuse further messages to a socket being released; whether it had
 * unread ones.  Nothing can be queued between the answer and the refusal.
 */
static bool ftalias_conn_seal(struct ftalias_sock *fsk)
{
	struct sk_buff_head *q = &fsk->sk.sk_receive_queue;
	unsigned long flags;
	bool unread;

	spin_lock_irqsave(&q->lock, flags);
	WRITE_ONCE(fsk->dead, true);
	unread = !skb_queue_empty(q);
	spin_unlock_irqrestore(&q->lock, flags);
	return unread;
}

/* A connected socket is released: the connection ends. */
void ftalias_conn_close(struct ftalias_sock *fsk)
{
	struct ftalias_conns *t = ftalias_conns_of(fsk);
	struct ftalias_conn *c = fsk->conn;
	struct ftalias_sock *peer;
	bool reset;
	int i;

	spin_lock(&t->lock);
	i = c->end[1] == fsk;
	peer = c->end[!i];
	/*
	 * Unread messages reset the peer (as TCP and AF_UNIX do); so does the
	 * exit of an alias's accepting member: it failed over.
	 */
	reset = ftalias_conn_seal(fsk) ||
		(i && c->local_alias && (current->flags & PF_EXITING));
	__ftalias_conn_unlink(t, c);
	c->end[i] = NULL;
	if (peer)
		ftalias_conn_end(peer, reset);
	spin_unlock(&t->lock);
}

/**
 * ftalias_conn_get() - one connection of a namespace's table
 * @net: the namespace
 * @id: its id
 * @s: filled in
 *
 * Return: 0, or -ENOENT.
 */
int ftalias_conn_get(struct net *net, u32 id, struct ftalias_conn_snap *s)
{
	struct ftalias_conns *t = &ftalias_net(net)->conns;
	struct ftalias_conn *c;
	int err = -ENOENT;

	spin_lock(&t->lock);
	c = xa_load(&t->ids, id);
	if (c && c->id == id && c->state) {
		__ftalias_conn_snap(t, c, s, false);
		err = 0;
	}
	spin_unlock(&t->lock);
	return err;
}

/**
 * ftalias_conn_dump() - the connections of a table, in id order
 * @net: the namespace
 * @alias: only the connections to this alias; 0: all
 * @next_id: where to start; on return, where to go on
 * @fill: called for each, under the table's lock; non-zero stops the walk
 * @arg: for @fill
 * @genid: the table's generation
 *
 * Return: 1 when the walk is complete, else what @fill returned.
 */
int ftalias_conn_dump(struct net *net, u32 alias, u32 *next_id,
		      int (*fill)(void *arg, const struct ftalias_conn_snap *s),
		      void *arg, u32 *genid)
{
	struct ftalias_conns *t = &ftalias_net(net)->conns;
	struct ftalias_conn_snap s;
	struct ftalias_conn *c;
	unsigned long id;
	int err = 1;

	spin_lock(&t->lock);
	*genid = t->genid;
	xa_for_each_start(&t->ids, id, c, *next_id) {
		if (c->id != id || !c->state)
			continue;
		if (alias && c->local_alias != alias)
			continue;
		__ftalias_conn_snap(t, c, &s, false);
		err = fill(arg, &s);
		if (err) {
			*next_id = id;
			break;
		}
		err = 1;
	}
	spin_unlock(&t->lock);
	return err;
}

/**
 * ftalias_conn_drop() - close a connection by hand (conn-drop)
 * @net: the namespace
 * @id: the connection
 * @s: filled in with the connection as it was, for the caller's
 *	notification
 *
 * Return: 0, or -ENOENT.
 */
int ftalias_conn_drop(struct net *net, u32 id, struct ftalias_conn_snap *s)
{
	struct ftalias_conns *t = &ftalias_net(net)->conns;
	struct ftalias_conn *c;
	int err = -ENOENT;

	spin_lock(&t->lock);
	c = xa_load(&t->ids, id);
	if (c && c->id == id && c->state) {
		__ftalias_conn_snap(t, c, s, true);
		__ftalias_conn_drop(t, c);
		err = 0;
	}
	spin_unlock(&t->lock);
	return err;
}
