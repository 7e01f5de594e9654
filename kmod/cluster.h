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

#include <linux/types.h>

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
