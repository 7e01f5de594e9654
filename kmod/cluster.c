// SPDX-License-Identifier: GPL-2.0
/*
 * Cluster mode: ftalias's kernel TIPC sockets in a network namespace.
 *
 * When cluster mode is turned on (cluster-set), the namespace gets two
 * kernel TIPC sockets:
 *  - the node socket (SOCK_RDM), bound at cluster scope to the service
 *    {FTALIAS_TIPC_NODE, own node address}: the address other nodes send
 *    the cluster protocol to;
 *  - the topology socket (SOCK_SEQPACKET), connected to TIPC's topology
 *    server, subscribed to TIPC's node and link state and to the node
 *    service of every node.
 * Their data-ready callbacks only queue the cluster's work item, which
 * drains both sockets (MSG_DONTWAIT) in process context.
 *
 * A node is known by its TIPC address.  Its node service published
 * (joining), it is sent a hello carrying this node's boot id, a random
 * number drawn when cluster mode is turned on; its own hello makes it up.
 * A hello with another boot id than the one known is a restart: the old
 * incarnation is forgotten.  Messages are taken only from the one socket
 * that publishes the node service of its own node, with the node field
 * and boot id of that node: a process that binds the service too makes
 * the node a conflict (nothing taken) rather than an impostor.
 *
 * The members of cluster aliases: each node keeps the members it announces
 * for its own (member.c and aliastab.c hand them down), and sends them to
 * every node that is up, again when they change and whenever a hello
 * comes (so a node coming up or back gets them all).  Those other nodes
 * announced are kept while they stay up, and shown by member-get.
 *
 * No symbol of TIPC is linked: the module loads without tipc.ko, and does
 * not load it (tipc.ko has no net-pf alias; an administrator loads it).
 * TIPC's pernet exit runs before ours (it registers a pernet device), so
 * the sockets are released at pre_exit.  This file calls only notify.c
 * and msg.c; request.c hears from it through its work item (cluster.h).
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/ktime.h>
#include <linux/lockdep.h>
#include <linux/mutex.h>
#include <linux/net.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/socket.h>
#include <linux/tipc.h>
#include <linux/uio.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>
#include <net/net_namespace.h>
#include <net/sock.h>
#include <uapi/linux/ftalias.h>

#include "cluster.h"
#include "ftalias.h"
#include "member.h"	/* struct ftalias_member_info: no call */
#include "msg.h"
#include "notify.h"

/* The cluster protocol: every message starts with this header. */
#define FTALIAS_CL_MAGIC	0x46544c43	/* "FTLC" */
#define FTALIAS_CL_VERSION	1

enum ftalias_cl_type {
	FTALIAS_CL_HELLO	= 1,
	FTALIAS_CL_MEMBERS	= 2,
	/* 3 to 6: enum ftalias_cluster_data_type (cluster.h) */
};

/* Flags of a hello. */
#define FTALIAS_CL_HELLO_ECHO	0x1	/* an answer: answer it not */

/* Big-endian on the wire: nodes may differ in byte order. */
struct ftalias_cl_hdr {
	__be32	magic;
	u8	version;
	u8	type;
	__be16	flags;
	__be32	len;		/* of the whole message */
	__be32	node;		/* the sender's TIPC address */
	__be64	boot_id;	/* the sender's */
};

struct ftalias_cl_hello {
	struct ftalias_cl_hdr hdr;
};

struct ftalias_cl_member {
	__be32	port;
	__be32	priority;
	u8	role;
	u8	state;
	__be16	reserved;	/* zero */
};

/* The members of an alias on the sender, all of them (0: none left). */
struct ftalias_cl_members {
	struct ftalias_cl_hdr hdr;
	__be32	alias;
	__be32	nr;
	struct ftalias_cl_member m[];
};

/*
 * A request, its reply, a failure notice or a refusal (struct
 * ftalias_cluster_data, cluster.h, says what each field holds); the
 * bytes of a request or reply follow.
 */
struct ftalias_cl_data {
	struct ftalias_cl_hdr hdr;
	__be32	alias;
	__be32	port;
	__be32	id_node;
	__be32	id_alias;
	__be32	id_port;
	__be32	id_incarnation;
	__be64	id_xid;
	__be64	ack;
	__be32	err;
	__be16	rflags;
	__be16	reserved;	/* zero */
	__be32	rgen;
	__be32	reserved2;	/* zero */
	u8	data[];
};

static_assert(sizeof(struct ftalias_cl_data) == 80, "the wire format");

/* Largest message; a longer one is cut (MSG_TRUNC) and dropped. */
#define FTALIAS_CL_MSG_MAX	(sizeof(struct ftalias_cl_data) +	\
				 FTALIAS_MSG_MAX)
static_assert(FTALIAS_CL_MSG_MAX >=
	      sizeof(struct ftalias_cl_members) +
	      FTALIAS_CLUSTER_MAX_MEMBERS * sizeof(struct ftalias_cl_member));
static_assert(FTALIAS_CL_MSG_MAX <= TIPC_MAX_USER_MSG_SIZE);

enum {
	/* Publishers of a node's node service told apart. */
	FTALIAS_CL_PORTS	= 8,
	/* Members of other nodes a namespace keeps, all nodes together. */
	FTALIAS_CL_MAX_REMOTE	= 65536,
	/* Hellos to joining nodes and topology reconnects, retried. */
	FTALIAS_CL_RETRY_MS	= 1000,
	/*
	 * Data messages taken and not handled yet: past it, the node socket
	 * is left to fill up until request.c caught up (past its limit,
	 * TIPC sends messages back to their sender, where they read as
	 * empty: rx-bad; the requesters' probes find what was lost:
	 * request.c).
	 */
	FTALIAS_CL_RXQ_MAX	= 1024,
	/* Bytes of data messages waiting to be sent: past it, dropped. */
	FTALIAS_CL_TXQ_BYTES	= 64 << 20,
};

struct ftalias_node {
	u32 addr;
	u32 ports[FTALIAS_CL_PORTS];	/* sockets publishing its node service,
					 * the first FTALIAS_CL_PORTS: [0] is
					 * its node socket while @pubs is 1
					 */
	u32 pubs;		/* sockets publishing its node service */
	u32 tipc_pubs;		/* TIPC's node-state publications of it */
	u32 links;
	u32 restarts;
	u64 boot_id;
	u64 since;		/* ktime_get_boottime_ns() of @state */
	u32 state;		/* enum ftalias_node_state */
	/* While up: alias id -> struct ftalias_cluster_members it announced */
	struct xarray aliases;
	u32 nr_aliases;
	u32 nr_members;		/* in @aliases */
	unsigned long synced;	/* jiffies: when it was last sent them all */
	bool resend;		/* to be sent them all (held back) */
	bool rehello;		/* a send to it failed: both sides anew */
};

struct ftalias_cluster {
	struct net *net;		/* not referenced: pre_exit ends us */
	struct socket *node_sk;
	struct socket *top_sk;
	/* Their own callbacks, given back before release. */
	void (*node_ready)(struct sock *sk);
	void (*node_write_space)(struct sock *sk);
	void (*top_ready)(struct sock *sk);
	u32 self;			/* own TIPC address */
	u32 port;			/* of the node socket */
	u64 boot_id;
	struct work_struct work;
	struct delayed_work retry;	/* hellos again, topology again */
	struct mutex lock;		/* all below, the sockets' traffic */
	bool dying;			/* no work is queued any more */
	bool top_lost;			/* the topology server closed on us */
	struct xarray nodes;		/* addr -> struct ftalias_node */
	u32 nr_nodes;
	struct ftalias_cluster_stats stats;
	u32 nr_remote;			/* members of other nodes kept */
	bool changed;			/* routes or nodes: tell request.c */
	bool rx_queued;			/* data messages for request.c */
	bool rx_held;			/* the node socket left to fill up */
	/* Bit 0, set under ftalias_net.cluster_local_lock: to send. */
	unsigned long announce;
	u8 *rx_buf;			/* FTALIAS_CL_MSG_MAX bytes each */
	u8 *tx_buf;
};

static void ftalias_cl_data_ready(struct sock *sk)
{
	struct ftalias_cluster *cl;

	read_lock_bh(&sk->sk_callback_lock);
	cl = sk->sk_user_data;
	if (cl)
		queue_work(system_highpri_wq, &cl->work);
	read_unlock_bh(&sk->sk_callback_lock);
}

/*
 * Data ready, and with @saved_ws room again after a congested link (the
 * node socket): both queue the work.
 */
static void ftalias_cl_hook(struct ftalias_cluster *cl, struct socket *sock,
			    void (**saved)(struct sock *sk),
			    void (**saved_ws)(struct sock *sk))
{
	struct sock *sk = sock->sk;

	write_lock_bh(&sk->sk_callback_lock);
	*saved = sk->sk_data_ready;
	sk->sk_user_data = cl;
	sk->sk_data_ready = ftalias_cl_data_ready;
	if (saved_ws) {
		*saved_ws = sk->sk_write_space;
		sk->sk_write_space = ftalias_cl_data_ready;
	}
	write_unlock_bh(&sk->sk_callback_lock);
}

/* After it, no callback of @sock queues the work any more. */
static void ftalias_cl_unhook(struct socket *sock,
			      void (*saved)(struct sock *sk),
			      void (*saved_ws)(struct sock *sk))
{
	struct sock *sk = sock->sk;

	write_lock_bh(&sk->sk_callback_lock);
	sk->sk_user_data = NULL;
	sk->sk_data_ready = saved;
	if (saved_ws)
		sk->sk_write_space = saved_ws;
	write_unlock_bh(&sk->sk_callback_lock);
}

static u64 ftalias_cl_ms_since(u64 since)
{
	return div_u64(ktime_get_boottime_ns() - since, NSEC_PER_MSEC);
}

static void ftalias_cl_node_info(const struct ftalias_node *n,
				 struct ftalias_node_info *ni)
{
	*ni = (struct ftalias_node_info) {
		.addr		= n->addr,
		.state		= n->state,
		.links		= n->links,
		.port		= n->pubs == 1 ? n->ports[0] : 0,
		.restarts	= n->restarts,
		.boot_id	= n->boot_id,
		.since_ms	= ftalias_cl_ms_since(n->since),
	};
}

/*
 * 0, or the error of TIPC's sendmsg(); -EAGAIN, a congested link, is not
 * counted as an error when the caller sends again later (@defer).
 */
static int ftalias_cl_send(struct ftalias_cluster *cl, u32 node, u32 port,
			   void *msg, size_t len, bool defer)
{
	struct sockaddr_tipc sa = {
		.family		= AF_TIPC,
		.addrtype	= TIPC_SOCKET_ADDR,
		.addr.id	= { .ref = port, .node = node },
	};
	struct msghdr mh = {
		.msg_name	= &sa,
		.msg_namelen	= sizeof(sa),
		.msg_flags	= MSG_DONTWAIT,
	};
	struct kvec iov = { .iov_base = msg, .iov_len = len };
	int err;

	lockdep_assert_held(&cl->lock);

	err = kernel_sendmsg(cl->node_sk, &mh, &iov, 1, len);
	if (err < 0) {
		if (err != -EAGAIN || !defer)
			cl->stats.tx_errors++;
		return err;
	}
	cl->stats.tx++;
	return 0;
}

static void ftalias_cl_hdr(struct ftalias_cluster *cl,
			   struct ftalias_cl_hdr *h, u8 type, size_t len,
			   u16 flags)
{
	*h = (struct ftalias_cl_hdr) {
		.magic		= cpu_to_be32(FTALIAS_CL_MAGIC),
		.version	= FTALIAS_CL_VERSION,
		.type		= type,
		.flags		= cpu_to_be16(flags),
		.len		= cpu_to_be32(len),
		.node		= cpu_to_be32(cl->self),
		.boot_id	= cpu_to_be64(cl->boot_id),
	};
}

static void ftalias_cl_hello(struct ftalias_cluster *cl,
			     struct ftalias_node *n, u16 flags)
{
	struct ftalias_cl_hello m;

	ftalias_cl_hdr(cl, &m.hdr, FTALIAS_CL_HELLO, sizeof(m), flags);
	ftalias_cl_send(cl, n->addr, n->ports[0], &m, sizeof(m), false);
}

/*
 * A send that fails (a congested link: sends never wait) leaves @n with
 * a wrong view: it is sent a hello by the retry, after which both sides
 * send each other all they announce.
 */
static void ftalias_cl_send_members(struct ftalias_cluster *cl,
				    struct ftalias_node *n,
				    const struct ftalias_cluster_members *cm)
{
	struct ftalias_cl_members *m = (void *)cl->tx_buf;
	size_t len = struct_size(m, m, cm->nr);
	u32 i;

	if (WARN_ON_ONCE(cm->nr > FTALIAS_CLUSTER_MAX_MEMBERS))
		return;
	ftalias_cl_hdr(cl, &m->hdr, FTALIAS_CL_MEMBERS, len, 0);
	m->alias = cpu_to_be32(cm->alias_id);
	m->nr = cpu_to_be32(cm->nr);
	for (i = 0; i < cm->nr; i++)
		m->m[i] = (struct ftalias_cl_member) {
			.port		= cpu_to_be32(cm->m[i].port),
			.priority	= cpu_to_be32(cm->m[i].priority),
			.role		= cm->m[i].role,
			.state		= cm->m[i].state,
		};
	if (ftalias_cl_send(cl, n->addr, n->ports[0], m, len, false))
		n->rehello = true;
}

/*
 * This node's announcements, all of them, to @n (a hello came from it);
 * at most once a second, else held back for the retry: a hello costs its
 * sender 24 bytes, the answer up to FTALIAS_CLUSTER_MAX_ALIASES messages.
 */
static void ftalias_cl_send_local(struct ftalias_cluster *cl,
				  struct ftalias_node *n)
{
	struct ftalias_net *fn = ftalias_net(cl->net);
	struct ftalias_cluster_members *cm;
	unsigned long id;

	lockdep_assert_held(&cl->lock);

	if (n->synced &&
	    time_before(jiffies, n->synced + msecs_to_jiffies(FTALIAS_CL_RETRY_MS))) {
		n->resend = true;
		return;
	}
	n->synced = jiffies ?: 1;
	n->resend = false;
	mutex_lock(&fn->cluster_local_lock);
	xa_for_each(&fn->cluster_local, id, cm)
		if (cm->nr)
			ftalias_cl_send_members(cl, n, cm);
	mutex_unlock(&fn->cluster_local_lock);
}

/*
 * The announcements changed since they were sent, to every node up; the
 * withdrawn ones (no member left, or the alias gone) are then forgotten.
 */
static void ftalias_cl_flush_local(struct ftalias_cluster *cl)
{
	struct ftalias_net *fn = ftalias_net(cl->net);
	struct ftalias_cluster_members *cm;
	struct ftalias_node *n;
	unsigned long id, addr;

	lockdep_assert_held(&cl->lock);

	mutex_lock(&fn->cluster_local_lock);
	xa_for_each(&fn->cluster_local, id, cm) {
		if (!cm->dirty)
			continue;
		xa_for_each(&cl->nodes, addr, n)
			if (n->state == FTALIAS_NODE_STATE_UP)
				ftalias_cl_send_members(cl, n, cm);
		cm->dirty = false;
		if (!cm->nr) {
			xa_erase(&fn->cluster_local, id);
			kfree(cm);
		}
	}
	mutex_unlock(&fn->cluster_local_lock);
}

/*
 * The node serving cluster alias @id: the lowest address among the nodes
 * up that announce an active member of it (announcements list the
 * active member first).
 */
static u32 ftalias_cl_serving(struct ftalias_cluster *cl, u32 id)
{
	struct ftalias_cluster_members *cm;
	struct ftalias_node *n;
	unsigned long addr;

	xa_for_each(&cl->nodes, addr, n) {
		if (n->state != FTALIAS_NODE_STATE_UP)
			continue;
		cm = xa_load(&n->aliases, id);
		if (cm && cm->nr && cm->m[0].state == FTALIAS_MEMBER_STATE_ACTIVE)
			return addr;
	}
	return 0;
}

/* What @n announced of alias @id changed: its route may have. */
static void ftalias_cl_reroute(struct ftalias_cluster *cl, u32 id)
{
	struct ftalias_net *fn = ftalias_net(cl->net);
	u32 node;

	/* Going: its nodes are being freed; ftalias_cl_off() clears it all. */
	if (cl->dying)
		return;
	lockdep_assert_held(&cl->lock);
	node = ftalias_cl_serving(cl, id);
	if (node == ftalias_cluster_route(fn, id))
		return;
	/* No memory: no route, rather than a stale one. */
	if (!node || xa_err(xa_store(&fn->cluster_routes, id,
				     xa_mk_value(node), GFP_KERNEL)))
		xa_erase(&fn->cluster_routes, id);
	cl->changed = true;
}

/*
 * What a node announced goes with its being up, and at each of its hellos
 * (all of it comes again after them).
 */
static void ftalias_cl_forget_members(struct ftalias_cluster *cl,
				      struct ftalias_node *n)
{
	struct ftalias_cluster_members *cm;
	unsigned long id;

	xa_for_each(&n->aliases, id, cm) {
		xa_erase(&n->aliases, id);
		kfree(cm);
		ftalias_cl_reroute(cl, id);
	}
	xa_destroy(&n->aliases);
	n->nr_aliases = 0;
	cl->nr_remote -= n->nr_members;
	n->nr_members = 0;
}

/* A node's state from what is known of it; notified when it changes. */
static void ftalias_cl_update(struct ftalias_cluster *cl,
			      struct ftalias_node *n, u32 state)
{
	struct ftalias_net *fn = ftalias_net(cl->net);
	struct ftalias_node_info ni;

	lockdep_assert_held(&cl->lock);

	if (n->state == state)
		return;
	if (n->state == FTALIAS_NODE_STATE_UP) {
		ftalias_cl_forget_members(cl, n);
		n->resend = false;
		n->rehello = false;
		n->synced = 0;
		/* What was sent to it is sent again (request.c). */
		xa_erase(&fn->cluster_up, n->addr);
		cl->changed = true;
	} else if (state == FTALIAS_NODE_STATE_UP) {
		/* A new generation: what went to its old incarnation is lost. */
		fn->cluster_gen = fn->cluster_gen + 1 ?: 1;
		if (xa_err(xa_store(&fn->cluster_up, n->addr,
				    xa_mk_value(fn->cluster_gen), GFP_KERNEL)))
			pr_warn_ratelimited("node %x up, but no request goes to it\n",
					    n->addr);
		cl->changed = true;
	}
	n->state = state;
	n->since = ktime_get_boottime_ns();
	ftalias_cl_node_info(n, &ni);
	ftalias_nl_node_notify(cl->net, &ni);
}

/*
 * The state a node's publications give it; up (a hello came) is kept
 * while its one node socket stays published.
 */
static void ftalias_cl_settle(struct ftalias_cluster *cl,
			      struct ftalias_node *n)
{
	u32 state;

	/* One publisher whose port was not kept (more than the ports). */
	if (n->pubs > 1 || (n->pubs == 1 && !n->ports[0]))
		state = FTALIAS_NODE_STATE_CONFLICT;
	else if (n->pubs == 1)
		state = n->state == FTALIAS_NODE_STATE_UP ?
			FTALIAS_NODE_STATE_UP : FTALIAS_NODE_STATE_JOINING;
	else if (n->tipc_pubs)
		state = FTALIAS_NODE_STATE_REACHABLE;
	else
		state = FTALIAS_NODE_STATE_DOWN;
	ftalias_cl_update(cl, n, state);
}

/* Make room: forget the node down for the longest time, if any. */
static bool ftalias_cl_evict(struct ftalias_cluster *cl)
{
	struct ftalias_node *n, *old = NULL;
	unsigned long addr;

	xa_for_each(&cl->nodes, addr, n)
		if (n->state == FTALIAS_NODE_STATE_DOWN &&
		    (!old || n->since < old->since))
			old = n;
	if (!old)
		return false;
	xa_erase(&cl->nodes, old->addr);
	cl->nr_nodes--;
	ftalias_cl_forget_members(cl, old);
	kfree(old);
	return true;
}

static struct ftalias_node *ftalias_cl_node(struct ftalias_cluster *cl,
					    u32 addr, bool create)
{
	struct ftalias_node *n;

	lockdep_assert_held(&cl->lock);

	n = xa_load(&cl->nodes, addr);
	if (n || !create)
		return n;
	if (cl->nr_nodes >= FTALIAS_CLUSTER_MAX_NODES &&
	    !ftalias_cl_evict(cl)) {
		pr_warn_ratelimited("node table full: node %x not kept\n", addr);
		return NULL;
	}
	n = kzalloc(sizeof(*n), GFP_KERNEL);
	if (!n)
		return NULL;
	n->addr = addr;
	n->state = FTALIAS_NODE_STATE_DOWN;
	n->since = ktime_get_boottime_ns();
	xa_init(&n->aliases);
	if (xa_err(xa_store(&cl->nodes, addr, n, GFP_KERNEL))) {
		kfree(n);
		return NULL;
	}
	cl->nr_nodes++;
	return n;
}

/*
 * A publisher of @n's node service went: its port leaves the ones kept
 * (the others move up).  Past FTALIAS_CL_PORTS publishers, one that was
 * not kept may be the last: its port is not known, and the node stays a
 * conflict until it publishes again.
 */
static void ftalias_cl_port_gone(struct ftalias_node *n, u32 port)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(n->ports) && n->ports[i] != port; i++)
		;
	if (i == ARRAY_SIZE(n->ports))
		return;
	memmove(&n->ports[i], &n->ports[i + 1],
		(ARRAY_SIZE(n->ports) - i - 1) * sizeof(n->ports[0]));
	n->ports[ARRAY_SIZE(n->ports) - 1] = 0;
}

/* One event of the topology server. */
static void ftalias_cl_event(struct ftalias_cluster *cl,
			     const struct tipc_event *ev)
{
	bool up = ev->event == TIPC_PUBLISHED;
	u32 addr = ev->found_lower;
	struct ftalias_node *n;

	lockdep_assert_held(&cl->lock);

	if (ev->event != TIPC_PUBLISHED && ev->event != TIPC_WITHDRAWN)
		return;
	cl->stats.topology_events++;

	if (ev->s.seq.type == FTALIAS_TIPC_NODE) {
		/* Only a node publishes its own node service. */
		if (ev->found_upper != addr || ev->port.node != addr) {
			cl->stats.rx_refused++;
			return;
		}
		if (addr == cl->self) {
			if (up && ev->port.ref != cl->port)
				pr_warn_ratelimited("another socket publishes the node service of node %x\n",
						    addr);
			return;
		}
	}
	if (addr == cl->self)
		return;
	n = ftalias_cl_node(cl, addr, up);
	if (!n)
		return;

	switch (ev->s.seq.type) {
	case TIPC_NODE_STATE:
		if (up)
			n->tipc_pubs++;
		else if (n->tipc_pubs)
			n->tipc_pubs--;
		break;
	case TIPC_LINK_STATE:
		if (up)
			n->links++;
		else if (n->links)
			n->links--;
		break;
	case FTALIAS_TIPC_NODE:
		if (up) {
			if (n->pubs < ARRAY_SIZE(n->ports))
				n->ports[n->pubs] = ev->port.ref;
			n->pubs++;
		} else if (n->pubs) {
			ftalias_cl_port_gone(n, ev->port.ref);
			n->pubs--;
		}
		/* Gone or contested: up again after a new hello. */
		if (n->pubs != 1)
			ftalias_cl_update(cl, n, FTALIAS_NODE_STATE_DOWN);
		break;
	}
	ftalias_cl_settle(cl, n);
	/* One socket left, or the first: hello to it. */
	if (ev->s.seq.type == FTALIAS_TIPC_NODE && n->pubs == 1 &&
	    n->ports[0] && n->state != FTALIAS_NODE_STATE_UP)
		ftalias_cl_hello(cl, n, 0);
}

static void ftalias_cl_rx_hello(struct ftalias_cluster *cl,
				struct ftalias_node *n,
				const struct ftalias_cl_hdr *h)
{
	u64 boot_id = be64_to_cpu(h->boot_id);

	if (n->boot_id && n->boot_id != boot_id) {
		/* A restarted node: what its old incarnation had goes. */
		n->restarts++;
		cl->stats.restarts++;
		ftalias_cl_update(cl, n, FTALIAS_NODE_STATE_JOINING);
	}
	n->boot_id = boot_id;
	ftalias_cl_update(cl, n, FTALIAS_NODE_STATE_UP);
	/*
	 * All it announces comes after its hello: right after an echo, and
	 * after the echo of a hello (which makes it send them).  What it
	 * withdrew meanwhile (a lost message) goes now.
	 */
	ftalias_cl_forget_members(cl, n);
	/*
	 * Hellos come only with publications: answering each but an answer
	 * costs little, and it brings back a node that saw this one go
	 * through a conflict.
	 */
	if (!(be16_to_cpu(h->flags) & FTALIAS_CL_HELLO_ECHO))
		ftalias_cl_hello(cl, n, FTALIAS_CL_HELLO_ECHO);
	/* It may have forgotten them (it saw this node go), or never had. */
	ftalias_cl_send_local(cl, n);
}

/* Whether a members message is well formed; its length checked. */
static bool ftalias_cl_members_valid(const struct ftalias_cl_members *m,
				     int len)
{
	u32 i, nr;

	if (len < sizeof(*m) || m->hdr.flags)
		return false;
	nr = be32_to_cpu(m->nr);
	if (!m->alias || nr > FTALIAS_CLUSTER_MAX_MEMBERS ||
	    len != struct_size(m, m, nr))
		return false;
	for (i = 0; i < nr; i++)
		if (!m->m[i].port || m->m[i].reserved ||
		    m->m[i].role > FTALIAS_MEMBER_ROLE_STANDBY ||
		    m->m[i].state > FTALIAS_MEMBER_STATE_DRAINING)
			return false;
	return true;
}

/*
 * The members of one of @n's aliases, which replace those it announced
 * before.  Refused (false) past FTALIAS_CLUSTER_MAX_ALIASES aliases of
 * one node or FTALIAS_CL_MAX_REMOTE members of all nodes.
 */
static bool ftalias_cl_rx_members(struct ftalias_cluster *cl,
				  struct ftalias_node *n,
				  const struct ftalias_cl_members *m)
{
	u32 i, id = be32_to_cpu(m->alias), nr = be32_to_cpu(m->nr);
	struct ftalias_cluster_members *cm;

	/* The one before goes first: refused, the alias has no view. */
	cm = xa_erase(&n->aliases, id);
	if (cm) {
		n->nr_aliases--;
		n->nr_members -= cm->nr;
		cl->nr_remote -= cm->nr;
		kfree(cm);
	}
	if (!nr)
		return true;
	if (n->nr_aliases >= FTALIAS_CLUSTER_MAX_ALIASES ||
	    cl->nr_remote + nr > FTALIAS_CL_MAX_REMOTE)
		return false;
	/* In the work: no task to charge. */
	cm = ftalias_cluster_members_alloc(nr, GFP_KERNEL);
	if (!cm)
		return false;
	cm->alias_id = id;
	for (i = 0; i < nr; i++)
		cm->m[i] = (struct ftalias_cluster_member) {
			.port		= be32_to_cpu(m->m[i].port),
			.priority	= be32_to_cpu(m->m[i].priority),
			.role		= m->m[i].role,
			.state		= m->m[i].state,
		};
	if (xa_err(xa_store(&n->aliases, id, cm, GFP_KERNEL))) {
		kfree(cm);
		return false;
	}
	n->nr_aliases++;
	n->nr_members += nr;
	cl->nr_remote += nr;
	return true;
}

/* Whether a data message is well formed; its length checked. */
static bool ftalias_cl_data_valid(const struct ftalias_cl_data *m, int len)
{
	u32 err, rflags;

	if (len < sizeof(*m) || m->hdr.flags || m->reserved || m->reserved2 ||
	    !m->alias || !m->id_port || !m->id_xid || !m->rgen)
		return false;
	err = be32_to_cpu(m->err);
	rflags = be16_to_cpu(m->rflags);
	switch (m->hdr.type) {
	case FTALIAS_CLUSTER_REQ:
		return !m->port && !err &&
		       !(rflags & ~(FTALIAS_F_RESENT | FTALIAS_F_REDELIVERED));
	case FTALIAS_CLUSTER_REPLY:
		/* port 0: the kernel answered from the replay cache. */
		return !err && !rflags && !m->ack;
	case FTALIAS_CLUSTER_NOTICE:
		return len == sizeof(*m) && !m->port && err && err <= MAX_ERRNO &&
		       !rflags && !m->ack;
	case FTALIAS_CLUSTER_NACK:
		return len == sizeof(*m) && !m->port &&
		       err >= FTALIAS_CLUSTER_NACK_MOVED &&
		       err <= FTALIAS_CLUSTER_NACK_LOST &&
		       !(rflags & ~FTALIAS_CLUSTER_NACK_DELIVERED) && !m->ack;
	case FTALIAS_CLUSTER_PROBE:
		return len == sizeof(*m) && !m->port && !err && !rflags &&
		       !m->ack;
	}
	return false;
}

/*
 * A data message from @n, which is up with the boot id of the message:
 * queued for request.c.  Refused (false) when its ID is not of its node
 * (a request's requester is the sender; an answer's, this node), or for
 * want of memory.
 */
static bool ftalias_cl_rx_data(struct ftalias_cluster *cl,
			       struct ftalias_node *n,
			       const struct ftalias_cl_data *m, int len)
{
	struct ftalias_net *fn = ftalias_net(cl->net);
	u32 id_node = be32_to_cpu(m->id_node);
	struct ftalias_cluster_data *d;
	struct sk_buff *skb;
	int err;

	if (m->hdr.type == FTALIAS_CLUSTER_REQ ||
	    m->hdr.type == FTALIAS_CLUSTER_PROBE ? id_node != n->addr :
						   id_node != cl->self)
		return false;
	len -= sizeof(*m);
	skb = ftalias_alloc_data(len, GFP_KERNEL, &err);
	if (!skb)
		return false;
	/* Cannot fail: the room is there. */
	WARN_ON_ONCE(skb_store_bits(skb, 0, m->data, len));
	d = ftalias_cluster_data(skb);
	*d = (struct ftalias_cluster_data) {
		.id = {
			.node		= n->addr,
			.alias		= be32_to_cpu(m->id_alias),
			.port		= be32_to_cpu(m->id_port),
			.incarnation	= be32_to_cpu(m->id_incarnation),
			.xid		= be64_to_cpu(m->id_xid),
		},
		.alias	= be32_to_cpu(m->alias),
		.rgen	= be32_to_cpu(m->rgen),
		.rflags	= be16_to_cpu(m->rflags),
		.type	= m->hdr.type,
		.ack	= be64_to_cpu(m->ack),
	};
	switch (d->type) {
	case FTALIAS_CLUSTER_REQ:
		cl->stats.req_rx++;
		break;
	case FTALIAS_CLUSTER_REPLY:
		d->port = be32_to_cpu(m->port);
		cl->stats.reply_rx++;
		break;
	case FTALIAS_CLUSTER_NOTICE:
		d->err = be32_to_cpu(m->err);
		cl->stats.reply_rx++;
		break;
	case FTALIAS_CLUSTER_NACK:
		d->err = be32_to_cpu(m->err);
		cl->stats.nack_rx++;
		break;
	}
	skb_queue_tail(&fn->cluster_rxq, skb);
	cl->rx_queued = true;
	return true;
}

/*
 * One message on the node socket, @len bytes in @cl->rx_buf from @src.
 * Malformed: rx_bad; from a socket or node it cannot be from: rx_refused.
 */
static void ftalias_cl_rx(struct ftalias_cluster *cl,
			  const struct sockaddr_tipc *src, int len, int flags)
{
	const struct ftalias_cl_hdr *h = (void *)cl->rx_buf;
	struct ftalias_node *n;
	bool ok;

	if ((flags & MSG_TRUNC) || len < sizeof(*h) ||
	    be32_to_cpu(h->magic) != FTALIAS_CL_MAGIC ||
	    h->version != FTALIAS_CL_VERSION ||
	    be32_to_cpu(h->len) != len) {
		cl->stats.rx_bad++;
		return;
	}
	switch (h->type) {
	case FTALIAS_CL_HELLO:
		if (len != sizeof(struct ftalias_cl_hello) || !h->boot_id) {
			cl->stats.rx_bad++;
			return;
		}
		break;
	case FTALIAS_CL_MEMBERS:
		if (!ftalias_cl_members_valid((void *)h, len)) {
			cl->stats.rx_bad++;
			return;
		}
		break;
	case FTALIAS_CLUSTER_REQ:
	case FTALIAS_CLUSTER_REPLY:
	case FTALIAS_CLUSTER_NOTICE:
	case FTALIAS_CLUSTER_NACK:
	case FTALIAS_CLUSTER_PROBE:
		if (!ftalias_cl_data_valid((void *)h, len)) {
			cl->stats.rx_bad++;
			return;
		}
		break;
	default:
		cl->stats.rx_bad++;
		return;
	}

	n = ftalias_cl_node(cl, src->addr.id.node, false);
	/*
	 * A hello may overtake its node's publication (which TIPC spreads on
	 * its broadcast link): dropped uncounted, the publication brings a
	 * hello from here, which the node answers.
	 */
	if (h->type == FTALIAS_CL_HELLO && (!n || !n->pubs))
		return;
	if (!n || n->pubs != 1 || !n->ports[0] ||
	    n->ports[0] != src->addr.id.ref ||
	    be32_to_cpu(h->node) != n->addr) {
		cl->stats.rx_refused++;
		return;
	}
	switch (h->type) {
	case FTALIAS_CL_HELLO:
		ftalias_cl_rx_hello(cl, n, h);
		break;
	case FTALIAS_CL_MEMBERS:
		/* Only from the incarnation whose hello made it up. */
		if (n->state != FTALIAS_NODE_STATE_UP ||
		    be64_to_cpu(h->boot_id) != n->boot_id) {
			cl->stats.rx_refused++;
			return;
		}
		ok = ftalias_cl_rx_members(cl, n, (void *)h);
		ftalias_cl_reroute(cl, be32_to_cpu(((struct ftalias_cl_members *)h)->alias));
		if (!ok) {
			cl->stats.rx_refused++;
			return;
		}
		break;
	default:
		if (n->state != FTALIAS_NODE_STATE_UP ||
		    be64_to_cpu(h->boot_id) != n->boot_id ||
		    !ftalias_cl_rx_data(cl, n, (void *)h, len)) {
			cl->stats.rx_refused++;
			return;
		}
		break;
	}
	cl->stats.rx++;
}

/* Take one message of the node socket; false: none was there. */
static bool ftalias_cl_rx_node(struct ftalias_cluster *cl)
{
	struct sockaddr_tipc src = {};
	struct msghdr mh = {
		.msg_name	= &src,
		.msg_namelen	= sizeof(src),
	};
	struct kvec iov = {
		.iov_base	= cl->rx_buf,
		.iov_len	= FTALIAS_CL_MSG_MAX,
	};
	int len;

	len = kernel_recvmsg(cl->node_sk, &mh, &iov, 1, iov.iov_len,
			     MSG_DONTWAIT);
	/* EAGAIN, or an error TIPC keeps queued: nothing more now. */
	if (len < 0)
		return false;
	if (mh.msg_namelen < sizeof(src) || src.family != AF_TIPC) {
		cl->stats.rx_bad++;
		return true;
	}
	ftalias_cl_rx(cl, &src, len, mh.msg_flags);
	return true;
}

/* Take one event of the topology socket; false: none was there. */
static bool ftalias_cl_rx_top(struct ftalias_cluster *cl)
{
	struct tipc_event ev;
	struct msghdr mh = {};
	struct kvec iov = { .iov_base = &ev, .iov_len = sizeof(ev) };
	int len;

	if (!cl->top_sk || cl->top_lost)
		return false;
	len = kernel_recvmsg(cl->top_sk, &mh, &iov, 1, sizeof(ev),
			     MSG_DONTWAIT);
	if (len == -EAGAIN)
		return false;
	if (len != sizeof(ev)) {
		/*
		 * The server closed the connection (0, or an error: the
		 * subscriptions of the namespace exhausted, for one):
		 * connect again after a while, the node table kept.
		 */
		cl->top_lost = true;
		pr_warn_ratelimited("lost the TIPC topology server (%d), connecting again\n",
				    len);
		return false;
	}
	ftalias_cl_event(cl, &ev);
	return true;
}

enum {
	/* Messages and events the work takes before it yields the CPU. */
	FTALIAS_CL_BUDGET	= 64,
};

/*
 * Whether the retry is needed: a lost topology server, a joining node
 * whose hello (or its answer) may have been lost (MSG_DONTWAIT sends, an
 * overloaded receiver), a node up whose announcements were held back or
 * not all sent.
 */
static bool ftalias_cl_need_retry(struct ftalias_cluster *cl)
{
	struct ftalias_node *n;
	unsigned long addr;

	lockdep_assert_held(&cl->lock);

	if (cl->top_lost)
		return true;
	xa_for_each(&cl->nodes, addr, n)
		if (n->state == FTALIAS_NODE_STATE_JOINING ||
		    (n->state == FTALIAS_NODE_STATE_UP &&
		     (n->resend || n->rehello)))
			return true;
	return false;
}

/*
 * Send one data message: true when it is done with (sent, or dropped: its
 * node is not up), false when the link is congested (the socket's write
 * space callback runs the work again).
 */
static bool ftalias_cl_tx_data(struct ftalias_cluster *cl, struct sk_buff *skb)
{
	const struct ftalias_cluster_data *d = ftalias_cluster_data(skb);
	struct ftalias_cl_data *m = (void *)cl->tx_buf;
	size_t len = sizeof(*m) + skb->len;
	struct ftalias_node *n;
	int err;

	lockdep_assert_held(&cl->lock);

	n = xa_load(&cl->nodes, d->id.node);
	if (!n || n->state != FTALIAS_NODE_STATE_UP ||
	    WARN_ON_ONCE(skb->len > FTALIAS_MSG_MAX)) {
		cl->stats.tx_errors++;
		return true;
	}
	ftalias_cl_hdr(cl, &m->hdr, d->type, len, 0);
	m->alias = cpu_to_be32(d->alias);
	m->port = cpu_to_be32(d->type == FTALIAS_CLUSTER_REPLY ? d->port : 0);
	m->err = cpu_to_be32(d->type == FTALIAS_CLUSTER_NOTICE ||
			     d->type == FTALIAS_CLUSTER_NACK ? d->err : 0);
	m->id_node = cpu_to_be32(d->type == FTALIAS_CLUSTER_REQ ||
				 d->type == FTALIAS_CLUSTER_PROBE ? cl->self :
								    d->id.node);
	m->id_alias = cpu_to_be32(d->id.alias);
	m->id_port = cpu_to_be32(d->id.port);
	m->id_incarnation = cpu_to_be32(d->id.incarnation);
	m->id_xid = cpu_to_be64(d->id.xid);
	m->ack = cpu_to_be64(d->ack);
	m->rflags = cpu_to_be16(d->rflags);
	m->reserved = 0;
	m->rgen = cpu_to_be32(d->rgen);
	m->reserved2 = 0;
	if (skb_copy_bits(skb, 0, m->data, skb->len)) {
		cl->stats.tx_errors++;
		return true;
	}
	err = ftalias_cl_send(cl, n->addr, n->ports[0], m, len, true);
	if (err == -EAGAIN)
		return false;
	if (err)
		return true;
	switch (d->type) {
	case FTALIAS_CLUSTER_REQ:
		cl->stats.req_tx++;
		break;
	case FTALIAS_CLUSTER_REPLY:
	case FTALIAS_CLUSTER_NOTICE:
		cl->stats.reply_tx++;
		break;
	case FTALIAS_CLUSTER_NACK:
		cl->stats.nack_tx++;
		break;
	}
	return true;
}

/*
 * The send queue, its bytes (truesize) counted under its lock: what waits
 * for a congested link, or for the work, is bounded.
 */
static bool ftalias_cl_txq_add(struct ftalias_net *fn, struct sk_buff *skb,
			       bool head)
{
	struct sk_buff_head *q = &fn->cluster_txq;
	unsigned long flags;
	bool ok;

	spin_lock_irqsave(&q->lock, flags);
	ok = head || fn->cluster_txq_bytes + skb->truesize <=
		     FTALIAS_CL_TXQ_BYTES;
	if (ok) {
		fn->cluster_txq_bytes += skb->truesize;
		if (head)
			__skb_queue_head(q, skb);
		else
			__skb_queue_tail(q, skb);
	}
	spin_unlock_irqrestore(&q->lock, flags);
	return ok;
}

static struct sk_buff *ftalias_cl_txq_next(struct ftalias_net *fn)
{
	struct sk_buff_head *q = &fn->cluster_txq;
	struct sk_buff *skb;
	unsigned long flags;

	spin_lock_irqsave(&q->lock, flags);
	skb = __skb_dequeue(q);
	if (skb)
		fn->cluster_txq_bytes -= skb->truesize;
	spin_unlock_irqrestore(&q->lock, flags);
	return skb;
}

static void ftalias_cl_txq_purge(struct ftalias_net *fn)
{
	struct sk_buff *skb;

	while ((skb = ftalias_cl_txq_next(fn)))
		kfree_skb(skb);
}

/* Send what request.c queued; false when a congested link stopped it. */
static bool ftalias_cl_tx(struct ftalias_cluster *cl, int *budget)
{
	struct ftalias_net *fn = ftalias_net(cl->net);
	struct sk_buff *skb;

	while (*budget > 0 && (skb = ftalias_cl_txq_next(fn))) {
		if (!ftalias_cl_tx_data(cl, skb)) {
			/* Its order kept: the first to go when there is room. */
			ftalias_cl_txq_add(fn, skb, true);
			return false;
		}
		kfree_skb(skb);
		(*budget)--;
	}
	return true;
}

static void ftalias_cl_work(struct work_struct *work)
{
	struct ftalias_cluster *cl = container_of(work, struct ftalias_cluster,
						  work);
	struct ftalias_net *fn = ftalias_net(cl->net);
	int budget = FTALIAS_CL_BUDGET;
	bool more = true, room;

	mutex_lock(&cl->lock);
	/* Events first: a hello is taken once its node's publication is. */
	while (budget > 0 && ftalias_cl_rx_top(cl))
		budget--;
	/* Data waiting for request.c: the node socket is left to fill up. */
	for (; budget > 0; budget--) {
		if (skb_queue_len(&fn->cluster_rxq) >= FTALIAS_CL_RXQ_MAX) {
			WRITE_ONCE(cl->rx_held, true);
			/* Pairs with ftalias_cluster_rx_done(). */
			smp_mb();
			if (skb_queue_len(&fn->cluster_rxq) >=
			    FTALIAS_CL_RXQ_MAX)
				break;
		}
		WRITE_ONCE(cl->rx_held, false);
		more = ftalias_cl_rx_node(cl);
		if (!more)
			break;
	}
	if (test_and_clear_bit(0, &cl->announce))
		ftalias_cl_flush_local(cl);
	budget = FTALIAS_CL_BUDGET;
	room = ftalias_cl_tx(cl, &budget);
	if (cl->changed)
		set_bit(FTALIAS_CLUSTER_EV_CHANGED, &fn->cluster_events);
	if (cl->changed || cl->rx_queued)
		mod_delayed_work(system_highpri_wq, &fn->cluster_rx_work, 0);
	cl->changed = false;
	cl->rx_queued = false;
	if (!cl->dying) {
		if ((more && !cl->rx_held) ||
		    (room && !skb_queue_empty(&fn->cluster_txq)))
			queue_work(system_highpri_wq, &cl->work);
		if (ftalias_cl_need_retry(cl))
			queue_delayed_work(system_wq, &cl->retry,
					   msecs_to_jiffies(FTALIAS_CL_RETRY_MS));
	}
	mutex_unlock(&cl->lock);
}

static int ftalias_cl_subscribe(struct ftalias_cluster *cl, u32 type)
{
	struct tipc_subscr sub = {
		.seq	= { .type = type, .lower = 0, .upper = ~0U },
		.timeout = TIPC_WAIT_FOREVER,
		.filter	= TIPC_SUB_PORTS,
	};
	struct msghdr mh = {};
	struct kvec iov = { .iov_base = &sub, .iov_len = sizeof(sub) };
	int err;

	err = kernel_sendmsg(cl->top_sk, &mh, &iov, 1, sizeof(sub));
	return err < 0 ? err : 0;
}

static void ftalias_cl_top_close(struct ftalias_cluster *cl)
{
	if (!cl->top_sk)
		return;
	if (cl->top_ready)
		ftalias_cl_unhook(cl->top_sk, cl->top_ready, NULL);
	sock_release(cl->top_sk);
	cl->top_sk = NULL;
	cl->top_ready = NULL;
}

/* The topology socket: connected, hooked, subscribed. */
static int ftalias_cl_top_open(struct ftalias_cluster *cl,
			       struct netlink_ext_ack *extack)
{
	struct sockaddr_tipc top = {
		.family		= AF_TIPC,
		.addrtype	= TIPC_SERVICE_ADDR,
		.addr.name.name	= { .type = TIPC_TOP_SRV,
				    .instance = TIPC_TOP_SRV },
	};
	int err;

	err = sock_create_kern(cl->net, AF_TIPC, SOCK_SEQPACKET, 0,
			       &cl->top_sk);
	if (err) {
		cl->top_sk = NULL;
		NL_SET_ERR_MSG(extack, "cannot create a TIPC socket");
		return err;
	}
	ftalias_cl_hook(cl, cl->top_sk, &cl->top_ready, NULL);
	err = kernel_connect(cl->top_sk, (struct sockaddr *)&top, sizeof(top),
			     0);
	if (err) {
		NL_SET_ERR_MSG(extack, "cannot reach the TIPC topology server");
		return err;
	}
	err = ftalias_cl_subscribe(cl, TIPC_NODE_STATE) ?:
	      ftalias_cl_subscribe(cl, TIPC_LINK_STATE) ?:
	      ftalias_cl_subscribe(cl, FTALIAS_TIPC_NODE);
	if (err)
		NL_SET_ERR_MSG(extack, "cannot subscribe to TIPC topology events");
	return err;
}

/*
 * Connect to the topology server again: its first events give every
 * publication anew, so what they count starts from nothing, and every
 * node is down until they (and its hello) bring it back: one that went
 * meanwhile gets no event.  Boot ids are kept.
 */
static void ftalias_cl_top_reopen(struct ftalias_cluster *cl)
{
	struct ftalias_node *n;
	unsigned long addr;

	lockdep_assert_held(&cl->lock);

	ftalias_cl_top_close(cl);
	if (ftalias_cl_top_open(cl, NULL)) {
		ftalias_cl_top_close(cl);
		return;
	}
	xa_for_each(&cl->nodes, addr, n) {
		memset(n->ports, 0, sizeof(n->ports));
		n->pubs = 0;
		n->tipc_pubs = 0;
		n->links = 0;
		ftalias_cl_update(cl, n, FTALIAS_NODE_STATE_DOWN);
	}
	cl->top_lost = false;
	queue_work(system_highpri_wq, &cl->work);
}

static void ftalias_cl_retry(struct work_struct *work)
{
	struct ftalias_cluster *cl = container_of(to_delayed_work(work),
						  struct ftalias_cluster,
						  retry);
	struct ftalias_node *n;
	unsigned long addr;

	mutex_lock(&cl->lock);
	if (cl->dying)
		goto out;
	if (cl->top_lost)
		ftalias_cl_top_reopen(cl);
	xa_for_each(&cl->nodes, addr, n) {
		if (n->state == FTALIAS_NODE_STATE_JOINING && n->ports[0]) {
			ftalias_cl_hello(cl, n, 0);
		} else if (n->state == FTALIAS_NODE_STATE_UP && n->rehello) {
			/* Its answer makes both sides send all again. */
			n->rehello = false;
			ftalias_cl_hello(cl, n, 0);
		} else if (n->state == FTALIAS_NODE_STATE_UP && n->resend) {
			ftalias_cl_send_local(cl, n);
		}
	}
	if (ftalias_cl_need_retry(cl))
		queue_delayed_work(system_wq, &cl->retry,
				   msecs_to_jiffies(FTALIAS_CL_RETRY_MS));
out:
	mutex_unlock(&cl->lock);
}

static void ftalias_cl_destroy(struct ftalias_cluster *cl)
{
	struct ftalias_node *n;
	unsigned long addr;

	/* Neither work queues the other, nor itself, from here on. */
	mutex_lock(&cl->lock);
	cl->dying = true;
	mutex_unlock(&cl->lock);
	if (cl->top_sk && cl->top_ready)
		ftalias_cl_unhook(cl->top_sk, cl->top_ready, NULL);
	if (cl->node_sk && cl->node_ready)
		ftalias_cl_unhook(cl->node_sk, cl->node_ready,
				  cl->node_write_space);
	cancel_delayed_work_sync(&cl->retry);
	cancel_work_sync(&cl->work);
	if (cl->top_sk)
		sock_release(cl->top_sk);
	if (cl->node_sk)
		sock_release(cl->node_sk);
	xa_for_each(&cl->nodes, addr, n) {
		ftalias_cl_forget_members(cl, n);
		kfree(n);
	}
	xa_destroy(&cl->nodes);
	mutex_destroy(&cl->lock);
	kvfree(cl->rx_buf);
	kvfree(cl->tx_buf);
	kfree(cl);
}

static int ftalias_cl_open(struct ftalias_cluster *cl,
			   struct netlink_ext_ack *extack)
{
	u32 importance = TIPC_CRITICAL_IMPORTANCE;
	struct sockaddr_tipc sa = {};
	int err;

	err = sock_create_kern(cl->net, AF_TIPC, SOCK_RDM, 0, &cl->node_sk);
	if (err) {
		cl->node_sk = NULL;
		if (err == -EAFNOSUPPORT)
			NL_SET_ERR_MSG(extack,
				       "TIPC is not loaded (modprobe tipc)");
		else
			NL_SET_ERR_MSG(extack, "cannot create a TIPC socket");
		return err;
	}
	err = kernel_getsockname(cl->node_sk, (struct sockaddr *)&sa);
	if (err < 0)
		return err;
	if (!sa.addr.id.node) {
		NL_SET_ERR_MSG(extack,
			       "TIPC has no node address yet (tipc node set address or identity, then a bearer)");
		return -EADDRNOTAVAIL;
	}
	cl->self = sa.addr.id.node;
	cl->port = sa.addr.id.ref;

	/*
	 * Cluster messages are taken before ordinary ones when the node
	 * socket's receiver is loaded (TIPC's limit grows with importance).
	 */
	err = cl->node_sk->ops->setsockopt(cl->node_sk, SOL_TIPC,
					   TIPC_IMPORTANCE,
					   KERNEL_SOCKPTR(&importance),
					   sizeof(importance));
	if (err)
		return err;
	ftalias_cl_hook(cl, cl->node_sk, &cl->node_ready,
			&cl->node_write_space);
	err = ftalias_cl_top_open(cl, extack);
	if (err)
		return err;

	sa = (struct sockaddr_tipc) {
		.family		= AF_TIPC,
		.addrtype	= TIPC_SERVICE_RANGE,
		.scope		= TIPC_CLUSTER_SCOPE,
		.addr.nameseq	= { .type = FTALIAS_TIPC_NODE,
				    .lower = cl->self, .upper = cl->self },
	};
	err = kernel_bind(cl->node_sk, (struct sockaddr *)&sa, sizeof(sa));
	if (err)
		NL_SET_ERR_MSG(extack, "cannot publish the node service");
	return err;
}

/*
 * Cluster mode off: no announcement queues the work any more, then the
 * cluster goes.  The withdrawn announcements no node is left to be told
 * of are forgotten, the others are sent whole when it is on again.
 */
static void ftalias_cl_off(struct ftalias_net *fn, struct ftalias_cluster *cl)
{
	struct ftalias_cluster_members *cm;
	unsigned long id;

	lockdep_assert_held(&fn->cluster_lock);

	fn->cluster = NULL;
	WRITE_ONCE(fn->cluster_self, 0);
	RCU_INIT_POINTER(fn->cluster_live, NULL);
	mutex_lock(&fn->cluster_local_lock);
	fn->cluster_kick = NULL;
	mutex_unlock(&fn->cluster_local_lock);
	/* No ftalias_cluster_xmit() queues the work any more. */
	synchronize_rcu();
	ftalias_cl_destroy(cl);

	/* No node serves anything, none is up: request.c is told. */
	xa_destroy(&fn->cluster_routes);
	xa_destroy(&fn->cluster_up);
	ftalias_cl_txq_purge(fn);
	set_bit(FTALIAS_CLUSTER_EV_CHANGED, &fn->cluster_events);
	mod_delayed_work(system_highpri_wq, &fn->cluster_rx_work, 0);

	mutex_lock(&fn->cluster_local_lock);
	xa_for_each(&fn->cluster_local, id, cm) {
		cm->dirty = false;
		if (!cm->nr) {
			xa_erase(&fn->cluster_local, id);
			kfree(cm);
		}
	}
	mutex_unlock(&fn->cluster_local_lock);
}

/* Set before the module's netlink family goes: see ftalias_cluster_exit(). */
static bool ftalias_cluster_closing;

int ftalias_cluster_set(struct net *net, bool enable,
			struct netlink_ext_ack *extack)
{
	struct ftalias_net *fn = ftalias_net(net);
	struct ftalias_cluster *cl;
	int err = 0;

	mutex_lock(&fn->cluster_lock);
	cl = fn->cluster;
	if (enable == !!cl)
		goto out;
	if (enable && READ_ONCE(ftalias_cluster_closing)) {
		NL_SET_ERR_MSG(extack, "the module is being unloaded");
		err = -ESHUTDOWN;
		goto out;
	}
	if (!enable) {
		ftalias_cl_off(fn, cl);
		goto out;
	}

	cl = kzalloc(sizeof(*cl), GFP_KERNEL_ACCOUNT);
	if (!cl) {
		err = -ENOMEM;
		goto out;
	}
	cl->net = net;
	cl->boot_id = get_random_u64() ?: 1;
	mutex_init(&cl->lock);
	xa_init(&cl->nodes);
	INIT_WORK(&cl->work, ftalias_cl_work);
	INIT_DELAYED_WORK(&cl->retry, ftalias_cl_retry);
	cl->rx_buf = kvmalloc(FTALIAS_CL_MSG_MAX, GFP_KERNEL_ACCOUNT);
	cl->tx_buf = kvmalloc(FTALIAS_CL_MSG_MAX, GFP_KERNEL_ACCOUNT);
	err = cl->rx_buf && cl->tx_buf ? ftalias_cl_open(cl, extack) : -ENOMEM;
	if (err) {
		ftalias_cl_destroy(cl);
		goto out;
	}
	atomic64_set(&fn->cluster_rx_stale, 0);
	atomic64_set(&fn->cluster_tx_dropped, 0);
	fn->cluster = cl;
	WRITE_ONCE(fn->cluster_self, cl->self);
	rcu_assign_pointer(fn->cluster_live, cl);
	mutex_lock(&fn->cluster_local_lock);
	fn->cluster_kick = cl;
	mutex_unlock(&fn->cluster_local_lock);
	/* Events may have come before the callbacks were set. */
	queue_work(system_highpri_wq, &cl->work);
out:
	mutex_unlock(&fn->cluster_lock);
	return err;
}

bool ftalias_cluster_get(struct net *net, struct ftalias_cluster_info *ci)
{
	struct ftalias_net *fn = ftalias_net(net);
	struct ftalias_cluster *cl;
	struct ftalias_node *n;
	unsigned long addr;

	memset(ci, 0, sizeof(*ci));
	mutex_lock(&fn->cluster_lock);
	cl = fn->cluster;
	if (cl) {
		mutex_lock(&cl->lock);
		ci->node = cl->self;
		ci->boot_id = cl->boot_id;
		ci->nodes = cl->nr_nodes;
		ci->stats = cl->stats;
		ci->stats.rx_stale = atomic64_read(&fn->cluster_rx_stale);
		ci->stats.tx_errors += atomic64_read(&fn->cluster_tx_dropped);
		xa_for_each(&cl->nodes, addr, n)
			ci->nodes_up += n->state == FTALIAS_NODE_STATE_UP;
		mutex_unlock(&cl->lock);
	}
	mutex_unlock(&fn->cluster_lock);
	return cl;
}

/*
 * Up to @max nodes from @*pos on into @ni: position 0 is this node, then
 * the others by address (@*pos = address + 1).  Returns how many, or
 * -ENOTCONN when cluster mode is off.
 */
int ftalias_cluster_nodes(struct net *net, u64 *pos,
			  struct ftalias_node_info *ni, int max)
{
	struct ftalias_net *fn = ftalias_net(net);
	struct ftalias_cluster *cl;
	struct ftalias_node *n;
	unsigned long addr;
	int nr = 0;

	mutex_lock(&fn->cluster_lock);
	cl = fn->cluster;
	if (!cl) {
		mutex_unlock(&fn->cluster_lock);
		return -ENOTCONN;
	}
	mutex_lock(&cl->lock);
	if (!*pos && nr < max) {
		ni[nr++] = (struct ftalias_node_info) {
			.addr		= cl->self,
			.state		= FTALIAS_NODE_STATE_UP,
			.port		= cl->port,
			.boot_id	= cl->boot_id,
			.self		= true,
		};
		*pos = 1;
	}
	xa_for_each_start(&cl->nodes, addr, n, *pos - 1) {
		if (nr == max)
			break;
		ftalias_cl_node_info(n, &ni[nr++]);
		*pos = (u64)addr + 2;
	}
	mutex_unlock(&cl->lock);
	mutex_unlock(&fn->cluster_lock);
	return nr;
}

/**
 * ftalias_cluster_members_alloc() - room for the members of an alias
 * @nr: how many, at most FTALIAS_CLUSTER_MAX_MEMBERS
 * @gfp: GFP_KERNEL_ACCOUNT for this node's (charged to the task whose
 *	member event it is), GFP_KERNEL for another node's
 *
 * Return: the zeroed object, with @nr set, or NULL.
 */
struct ftalias_cluster_members *ftalias_cluster_members_alloc(u32 nr, gfp_t gfp)
{
	struct ftalias_cluster_members *cm;

	cm = kzalloc(struct_size(cm, m, nr), gfp);
	if (cm)
		cm->nr = nr;
	return cm;
}

/**
 * ftalias_cluster_announce() - the members this node has of a cluster alias
 * @fn: the namespace's ftalias state, its table lock held (so that the
 *	announcements of an alias follow its changes in order)
 * @alias_id: the alias
 * @cm: its members, from ftalias_cluster_members_alloc(), which this takes
 *	over; NULL or none: the alias is gone or has no member left here
 *
 * Kept whether cluster mode is on or not; sent to the nodes that are up
 * when it is on.  Nothing is reported: a send that fails is made good by
 * a new hello to that node (the retry).
 */
void ftalias_cluster_announce(struct ftalias_net *fn, u32 alias_id,
			      struct ftalias_cluster_members *cm)
{
	struct ftalias_cluster *cl;
	struct ftalias_cluster_members *old;
	bool changed = true;

	lockdep_assert_held(&fn->lock);

	/* None left is a withdrawal, kept only until it is sent. */
	if (cm && !cm->nr) {
		kfree(cm);
		cm = NULL;
	}
	mutex_lock(&fn->cluster_local_lock);
	cl = fn->cluster_kick;
	old = xa_load(&fn->cluster_local, alias_id);
	if (!cm) {
		/* Withdrawn: kept (as none) until the nodes up are told. */
		if (old && cl) {
			old->nr = 0;
			old->dirty = true;
		} else if (old) {
			xa_erase(&fn->cluster_local, alias_id);
			kfree(old);
		} else {
			changed = false;
		}
	} else {
		cm->alias_id = alias_id;
		/* Off: sent whole to each node that comes up. */
		cm->dirty = !!cl;
		if (xa_err(xa_store(&fn->cluster_local, alias_id, cm,
				    GFP_KERNEL))) {
			pr_warn_ratelimited("members of alias %u not announced\n",
					    alias_id);
			kfree(cm);
			changed = false;
		} else {
			kfree(old);
		}
	}
	/* Under the lock: turning cluster mode off clears @cl first. */
	if (cl && changed) {
		set_bit(0, &cl->announce);
		queue_work(system_highpri_wq, &cl->work);
	}
	mutex_unlock(&fn->cluster_local_lock);
}

/**
 * ftalias_cluster_members() - members of cluster aliases on other nodes
 * @net: the namespace
 * @alias_id: only that alias's, or 0: every alias's
 * @pos: where to start: by node address, alias id and index ({0, 0, 0}:
 *	from the first)
 * @mi: where they go: alias_id, port, priority, role, state and node set,
 *	remote true, the rest zero
 * @next: for each, the position after it
 * @max: room in @mi and @next
 *
 * Return: how many (0: no more; none either while cluster mode is off).
 */
int ftalias_cluster_members(struct net *net, u32 alias_id,
			    struct ftalias_cluster_pos *pos,
			    struct ftalias_member_info *mi,
			    struct ftalias_cluster_pos *next, int max)
{
	struct ftalias_net *fn = ftalias_net(net);
	struct ftalias_cluster_members *cm;
	struct ftalias_cluster *cl;
	unsigned long addr, id;
	struct ftalias_node *n;
	int nr = 0;
	u32 i;

	mutex_lock(&fn->cluster_lock);
	cl = fn->cluster;
	if (!cl)
		goto out;
	mutex_lock(&cl->lock);
	xa_for_each_start(&cl->nodes, addr, n, pos->node) {
		id = addr == pos->node ? max(pos->alias_id, alias_id) :
					 alias_id;
		xa_for_each_start(&n->aliases, id, cm, id) {
			if (alias_id && id != alias_id)
				break;
			i = addr == pos->node && id == pos->alias_id ?
			    pos->idx : 0;
			for (; i < cm->nr; i++) {
				if (nr == max)
					goto full;
				mi[nr] = (struct ftalias_member_info) {
					.alias_id	= id,
					.port		= cm->m[i].port,
					.priority	= cm->m[i].priority,
					.role		= cm->m[i].role,
					.state		= cm->m[i].state,
					.node		= addr,
					.remote		= true,
				};
				next[nr++] = (struct ftalias_cluster_pos) {
					.node		= addr,
					.alias_id	= id,
					.idx		= i + 1,
				};
			}
		}
	}
full:
	mutex_unlock(&cl->lock);
out:
	mutex_unlock(&fn->cluster_lock);
	return nr;
}

/**
 * ftalias_cluster_xmit() - send a data message to another node
 * @fn: the namespace's ftalias state
 * @skb: its bytes, with its struct ftalias_cluster_data; consumed
 *
 * Any context.  Dropped while cluster mode is off, or when too many wait
 * already; sent by the cluster's work, to a node that is up (else
 * dropped: request.c sends again what went to a node that is down).
 */
void ftalias_cluster_xmit(struct ftalias_net *fn, struct sk_buff *skb)
{
	struct ftalias_cluster *cl;

	rcu_read_lock();
	cl = rcu_dereference(fn->cluster_live);
	if (cl && ftalias_cl_txq_add(fn, skb, false)) {
		queue_work(system_highpri_wq, &cl->work);
		skb = NULL;
	} else if (cl) {
		atomic64_inc(&fn->cluster_tx_dropped);
	}
	rcu_read_unlock();
	kfree_skb(skb);
}

/* request.c took the data messages queued: the node socket is read again. */
void ftalias_cluster_rx_done(struct ftalias_net *fn)
{
	struct ftalias_cluster *cl;

	/* What it took is off the queue first: see ftalias_cl_work(). */
	smp_mb();
	rcu_read_lock();
	cl = rcu_dereference(fn->cluster_live);
	if (cl && READ_ONCE(cl->rx_held))
		queue_work(system_highpri_wq, &cl->work);
	rcu_read_unlock();
}

/* An answer came for no request sent to its node: counted. */
void ftalias_cluster_stale(struct ftalias_net *fn)
{
	atomic64_inc(&fn->cluster_rx_stale);
}

void ftalias_cluster_net_init(struct ftalias_net *fn)
{
	mutex_init(&fn->cluster_lock);
	fn->cluster = NULL;
	fn->cluster_self = 0;
	mutex_init(&fn->cluster_local_lock);
	xa_init(&fn->cluster_local);
	fn->cluster_kick = NULL;
	RCU_INIT_POINTER(fn->cluster_live, NULL);
	xa_init(&fn->cluster_routes);
	xa_init(&fn->cluster_up);
	skb_queue_head_init(&fn->cluster_txq);
	fn->cluster_txq_bytes = 0;
	atomic64_set(&fn->cluster_tx_dropped, 0);
	fn->cluster_gen = 0;
	skb_queue_head_init(&fn->cluster_rxq);
	fn->cluster_events = 0;
	atomic64_set(&fn->cluster_rx_stale, 0);
}

/*
 * After the aliases went: each withdrew its announcement (cluster off);
 * request.c's work was cancelled and what it had not taken dropped.
 */
void ftalias_cluster_net_exit(struct ftalias_net *fn)
{
	WARN_ON_ONCE(!xa_empty(&fn->cluster_local));
	xa_destroy(&fn->cluster_local);
	mutex_destroy(&fn->cluster_local_lock);
	WARN_ON_ONCE(!xa_empty(&fn->cluster_routes) ||
		     !xa_empty(&fn->cluster_up));
	ftalias_cl_txq_purge(fn);
	skb_queue_purge(&fn->cluster_rxq);
}

/*
 * Before any pernet exit: TIPC's runs before ours and frees its sockets'
 * table.  No netlink handler runs in the namespace any more.
 */
void ftalias_cluster_net_pre_exit(struct ftalias_net *fn)
{
	struct ftalias_cluster *cl;

	mutex_lock(&fn->cluster_lock);
	cl = fn->cluster;
	if (cl)
		ftalias_cl_off(fn, cl);
	mutex_unlock(&fn->cluster_lock);
}

/*
 * Module unload: cluster mode off in every namespace before the netlink
 * family goes, so that no work item notifies on a group that is no more.
 * A cluster-set racing with it is refused; the pernet pre_exit that runs
 * later finds nothing.
 */
void ftalias_cluster_exit(void)
{
	struct net *net;

	WRITE_ONCE(ftalias_cluster_closing, true);
	down_read(&net_rwsem);
	for_each_net(net)
		ftalias_cluster_net_pre_exit(ftalias_net(net));
	up_read(&net_rwsem);
}
