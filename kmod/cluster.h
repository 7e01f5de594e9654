/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cluster mode of a network namespace (cluster.c): the kernel TIPC sockets
 * of ftalias, the nodes it knows and their boot ids.
 *
 * struct ftalias_net.cluster is set and cleared under
 * struct ftalias_net.cluster_lock (mutex), held across the whole of turning
 * cluster mode on or off, and by every reader of it (netlink).  The node
 * table of a cluster (struct ftalias_cluster.lock, a mutex) is changed by
 * the cluster's two work items only (the receiving one and the retry),
 * and read under the cluster lock by netlink.  The TIPC sockets are
 * created and released under the cluster lock, but for the topology
 * socket the retry makes again under the node table's lock; the work
 * items send and receive on them under the node table's lock (a TIPC
 * sendmsg() sleeps: no spinlock, no RCU reader around it).
 */
#ifndef _FTALIAS_CLUSTER_H
#define _FTALIAS_CLUSTER_H

#include <linux/skbuff.h>
#include <linux/types.h>
#include <linux/xarray.h>
#include <uapi/linux/ftalias.h>

#include "ftalias.h"

struct ftalias_member_info;
struct ftalias_net;
struct net;
struct netlink_ext_ack;

enum {
	/* Most nodes a namespace keeps in its table (TIPC's own limit). */
	FTALIAS_CLUSTER_MAX_NODES	= 4096,
	/* Most members a node announces for one alias (the active first). */
	FTALIAS_CLUSTER_MAX_MEMBERS	= 256,
	/* Most aliases whose members a node's announcements are kept for. */
	FTALIAS_CLUSTER_MAX_ALIASES	= 4096,
};

/* A member of a cluster alias, as its node announces it. */
struct ftalias_cluster_member {
	u32 port;
	u32 priority;
	u8 role;		/* enum ftalias_member_role */
	u8 state;		/* enum ftalias_member_state */
};

/* The members of a cluster alias on one node. */
struct ftalias_cluster_members {
	u32 alias_id;
	u32 nr;
	bool dirty;		/* changed since it was sent: cluster.c */
	struct ftalias_cluster_member m[];
};

/* Where a dump of other nodes' members goes on (ftalias_cluster_members()). */
struct ftalias_cluster_pos {
	u32 node;
	u32 alias_id;
	u32 idx;
};

/* Counters of a namespace's cluster mode (the cluster-stats nest). */
struct ftalias_cluster_stats {
	u64 tx;
	u64 tx_errors;
	u64 rx;
	u64 rx_bad;
	u64 rx_refused;
	u64 restarts;
	u64 topology_events;
	u64 req_tx;
	u64 req_rx;
	u64 reply_tx;
	u64 reply_rx;
	u64 nack_tx;
	u64 nack_rx;
	u64 rx_stale;
};

struct ftalias_cluster_info {
	u32 node;
	u32 nodes;
	u32 nodes_up;
	u64 boot_id;
	struct ftalias_cluster_stats stats;
};

/* A node as node-get shows it. */
struct ftalias_node_info {
	u32 addr;
	u32 state;		/* enum ftalias_node_state */
	u32 links;
	u32 port;
	u32 restarts;
	u64 boot_id;
	u64 since_ms;
	bool self;
};

/*
 * Requests across nodes.  cluster.c knows which node serves a cluster
 * alias (the lowest address among the nodes up that announce an active
 * member of it: @fn->cluster_routes) and which nodes are up, with a
 * generation that changes whenever a node comes up again
 * (@fn->cluster_up); request.c reads both under RCU, from any context.
 * The data messages go between the two as skbs (the message's bytes)
 * whose control block is a struct ftalias_cluster_data: request.c hands
 * those it sends to ftalias_cluster_xmit() (any context; sent by the
 * cluster's work), and cluster.c queues those it took, checked, on
 * @fn->cluster_rxq and runs @fn->cluster_rx_work (request.c's) for them;
 * it sets FTALIAS_CLUSTER_EV_CHANGED in @fn->cluster_events and runs the
 * same work when routes or nodes changed.  Neither file calls the other's
 * code up: the work items and queues are the one way up.
 */
enum ftalias_cluster_data_type {
	FTALIAS_CLUSTER_REQ	= 3,	/* a request to the alias's node */
	FTALIAS_CLUSTER_REPLY	= 4,	/* its reply, back to the requester */
	FTALIAS_CLUSTER_NOTICE	= 5,	/* the kernel failed it there: @err */
	FTALIAS_CLUSTER_NACK	= 6,	/* not served there: route it again */
	FTALIAS_CLUSTER_PROBE	= 7,	/* still there?  NACK lost if not */
};

/* Why a node sends a request back (struct ftalias_cluster_data.err). */
enum ftalias_cluster_nack {
	FTALIAS_CLUSTER_NACK_MOVED	= 1,	/* no active member here */
	FTALIAS_CLUSTER_NACK_NO_ALIAS	= 2,	/* no such cluster alias */
	FTALIAS_CLUSTER_NACK_BUSY	= 3,	/* no room now, or no memory */
	FTALIAS_CLUSTER_NACK_LOST	= 4,	/* a probe: not pending here */
};

/* struct ftalias_cluster_data.rflags of a NACK: it had been delivered. */
#define FTALIAS_CLUSTER_NACK_DELIVERED	0x1

/*
 * A data message, in the skb->cb of its bytes.  @id.node is the other
 * node: where it goes (sent), or where it came from (taken).  The ID of
 * the request is @id with, for a request, the requester's node (taken:
 * the other node; sent: this one) and, for the answers, this node's
 * (taken) or the other's (sent); on this node, an ID of its own has
 * node 0.
 */
struct ftalias_cluster_data {
	struct ftalias_id id;
	u32 alias;	/* request, probe, nack: the destination; answers:
			 * the answering alias
			 */
	union {
		u32 port;	/* reply: the member that answered, or 0 */
		u32 err;	/* notice: a positive errno; nack: the reason */
	};
	u32 rgen;	/* the requester's table (struct ftalias_reqs.gen):
			 * a later requester with the same address has
			 * another
			 */
	u16 rflags;	/* request: FTALIAS_F_RESENT, FTALIAS_F_REDELIVERED;
			 * nack: FTALIAS_CLUSTER_NACK_DELIVERED
			 */
	u8 type;	/* enum ftalias_cluster_data_type */
	u8 reserved;
	u64 ack;	/* request: the requester's FTALIAS_ACK, or 0 */
};

static inline struct ftalias_cluster_data *
ftalias_cluster_data(struct sk_buff *skb)
{
	BUILD_BUG_ON(sizeof(struct ftalias_cluster_data) > sizeof(skb->cb));
	return (struct ftalias_cluster_data *)skb->cb;
}

/* Bits of struct ftalias_net.cluster_events. */
enum {
	FTALIAS_CLUSTER_EV_CHANGED,	/* routes or nodes changed */
};

/* The node serving cluster alias @alias_id, or 0; under RCU. */
static inline u32 ftalias_cluster_route(struct ftalias_net *fn, u32 alias_id)
{
	void *v = xa_load(&fn->cluster_routes, alias_id);

	return v ? xa_to_value(v) : 0;
}

/* The generation of @node while it is up, or 0; under RCU. */
static inline u32 ftalias_cluster_node_gen(struct ftalias_net *fn, u32 node)
{
	void *v = xa_load(&fn->cluster_up, node);

	return v ? xa_to_value(v) : 0;
}

void ftalias_cluster_xmit(struct ftalias_net *fn, struct sk_buff *skb);
void ftalias_cluster_rx_done(struct ftalias_net *fn);
void ftalias_cluster_stale(struct ftalias_net *fn);

void ftalias_cluster_net_init(struct ftalias_net *fn);
void ftalias_cluster_net_pre_exit(struct ftalias_net *fn);
void ftalias_cluster_net_exit(struct ftalias_net *fn);
void ftalias_cluster_exit(void);

int ftalias_cluster_set(struct net *net, bool enable,
			struct netlink_ext_ack *extack);
bool ftalias_cluster_get(struct net *net, struct ftalias_cluster_info *ci);
int ftalias_cluster_nodes(struct net *net, u64 *pos,
			  struct ftalias_node_info *ni, int max);

struct ftalias_cluster_members *ftalias_cluster_members_alloc(u32 nr,
							      gfp_t gfp);
void ftalias_cluster_announce(struct ftalias_net *fn, u32 alias_id,
			      struct ftalias_cluster_members *cm);
int ftalias_cluster_members(struct net *net, u32 alias_id,
			    struct ftalias_cluster_pos *pos,
			    struct ftalias_member_info *mi,
			    struct ftalias_cluster_pos *next, int max);

#endif /* _FTALIAS_CLUSTER_H */
