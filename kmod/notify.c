// SPDX-License-Identifier: GPL-2.0
/*
 * The notifications of the "ftalias" generic netlink family, and the
 * messages they share with the handlers (netlink.c): members and
 * connections and cluster nodes.  Membership (member.c), connections
 * (seqpacket.c) and cluster mode (cluster.c) call down into it; it calls
 * nothing of the module but the generated family.
 */

#include <linux/lockdep.h>
#include <net/genetlink.h>

#include "cluster.h"
#include "compat.h"	/* struct genl_split_ops before 6.2 */
#include "conntab.h"
#include "ftalias.h"
#include "member.h"
#include "generated/netlink-gen.h"
#include "notify.h"

size_t ftalias_nl_member_size(void)
{
	return nla_total_size(sizeof(u32)) * 9 +		/* ALIAS_ID..INCARNATION, NODE */
	       nla_total_size_64bit(sizeof(u64)) * 3;		/* DELIVERED..REPLIES */
}

/*
 * Notifications are sent under the table lock, so that listeners see the
 * changes of one namespace in the order they were made even though the
 * handlers run in parallel.  Nothing on the multicast path takes the table
 * lock.  When the message cannot be allocated, listeners learn that they
 * missed an event (ENOBUFS on their socket) instead of silently losing it.
 */
bool ftalias_nl_listened(struct net *net)
{
	lockdep_assert_held(&ftalias_net(net)->lock);

	return genl_has_listeners(&ftalias_nl_family, net, FTALIAS_NLGRP_EVENTS);
}

/*
 * Send @skb on multicast group @grp; NULL: it could not be made.  Alias
 * and member events go to FTALIAS_NLGRP_EVENTS, open to every listener as
 * alias-get and member-get are; connection events to
 * FTALIAS_NLGRP_ADMIN_EVENTS, whose join needs CAP_NET_ADMIN
 * (GENL_MCAST_CAP_NET_ADMIN) as conn-get does.
 */
void ftalias_nl_event(struct net *net, struct sk_buff *skb, u32 grp)
{
	if (!skb) {
		genl_set_err(&ftalias_nl_family, net, 0, grp, -ENOBUFS);
		return;
	}
	/* Takes ownership of skb. */
	genlmsg_multicast_netns(&ftalias_nl_family, net, skb, 0, grp,
				GFP_KERNEL);
}

int ftalias_nl_fill_member(struct sk_buff *skb,
			   const struct ftalias_member_info *mi,
			   u32 portid, u32 seq, int flags, u8 cmd,
			   struct netlink_callback *cb)
{
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &ftalias_nl_family, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;
	if (cb)
		genl_dump_check_consistent(cb, hdr);

	if (nla_put_u32(skb, FTALIAS_A_MEMBER_ALIAS_ID, mi->alias_id) ||
	    nla_put_u32(skb, FTALIAS_A_MEMBER_PORT, mi->port) ||
	    nla_put_u32(skb, FTALIAS_A_MEMBER_PRIORITY, mi->priority) ||
	    nla_put_u32(skb, FTALIAS_A_MEMBER_ROLE, mi->role) ||
	    nla_put_u32(skb, FTALIAS_A_MEMBER_STATE, mi->state) ||
	    (mi->node && nla_put_u32(skb, FTALIAS_A_MEMBER_NODE, mi->node)))
		goto cancel;
	/* Another node's member: what its node announced, no more. */
	if (mi->remote)
		goto end;
	if (nla_put_u32(skb, FTALIAS_A_MEMBER_PID, mi->pid) ||
	    nla_put_u32(skb, FTALIAS_A_MEMBER_QUEUE_LEN, mi->queue_len) ||
	    nla_put_u32(skb, FTALIAS_A_MEMBER_INCARNATION, mi->incarnation) ||
	    nla_put_u64_64bit(skb, FTALIAS_A_MEMBER_DELIVERED,
			      mi->stats.delivered, FTALIAS_A_MEMBER_PAD) ||
	    nla_put_u64_64bit(skb, FTALIAS_A_MEMBER_REDELIVERED,
			      mi->stats.redelivered, FTALIAS_A_MEMBER_PAD) ||
	    nla_put_u64_64bit(skb, FTALIAS_A_MEMBER_REPLIES,
			      mi->stats.replies, FTALIAS_A_MEMBER_PAD))
		goto cancel;
end:
	genlmsg_end(skb, hdr);
	return 0;

cancel:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

/* Sent under the table lock, like the alias notifications. */
void __ftalias_nl_member_notify(struct net *net,
				const struct ftalias_member_info *mi, u8 cmd)
{
	struct sk_buff *skb;

	lockdep_assert_held(&ftalias_net(net)->lock);

	if (!ftalias_nl_listened(net))
		return;
	skb = genlmsg_new(ftalias_nl_member_size(), GFP_KERNEL);
	if (skb && ftalias_nl_fill_member(skb, mi, 0, 0, 0, cmd, NULL)) {
		nlmsg_free(skb);
		skb = NULL;
	}
	ftalias_nl_event(net, skb, FTALIAS_NLGRP_EVENTS);
}

size_t ftalias_nl_conn_size(void)
{
	return nla_total_size(sizeof(u32)) * 17 +	/* u32 attributes */
	       nla_total_size_64bit(sizeof(u64)) * 4 +	/* seq, est-sec */
	       nla_total_size(FTALIAS_IDENTITY_NAME_LEN);
}

static int ftalias_nl_put_conn(struct sk_buff *skb,
			       const struct ftalias_conn_snap *s)
{
	const struct ftalias_identity *id = &s->ident;

	if (nla_put_u32(skb, FTALIAS_A_CONN_ID, s->id) ||
	    nla_put_u64_64bit(skb, FTALIAS_A_CONN_SEQ, s->seq,
			      FTALIAS_A_CONN_PAD) ||
	    nla_put_u32(skb, FTALIAS_A_CONN_STATE, s->state) ||
	    nla_put_u64_64bit(skb, FTALIAS_A_CONN_EST_SEC, s->est_sec,
			      FTALIAS_A_CONN_PAD) ||
	    nla_put_u32(skb, FTALIAS_A_CONN_EST_USEC, s->est_usec) ||
	    nla_put_u32(skb, FTALIAS_A_CONN_LOCAL_ALIAS, s->local_alias) ||
	    nla_put_u32(skb, FTALIAS_A_CONN_LISTEN_PORT, s->listen_port) ||
	    nla_put_u32(skb, FTALIAS_A_CONN_LOCAL_PORT, s->local_port) ||
	    nla_put_u32(skb, FTALIAS_A_CONN_LOCAL_PID, s->local_pid) ||
	    nla_put_u32(skb, FTALIAS_A_CONN_LOCAL_QUEUE, s->local_queue) ||
	    nla_put_u32(skb, FTALIAS_A_CONN_PEER_PORT, s->peer_port) ||
	    nla_put_u32(skb, FTALIAS_A_CONN_PEER_PID, s->peer_pid) ||
	    nla_put_u32(skb, FTALIAS_A_CONN_PEER_QUEUE, s->peer_queue) ||
	    nla_put_u32(skb, FTALIAS_A_CONN_PEER_NODE, id->node) ||
	    nla_put_u32(skb, FTALIAS_A_CONN_PEER_ALIAS, id->alias) ||
	    nla_put_u32(skb, FTALIAS_A_CONN_PEER_LISTEN_PORT, id->port) ||
	    nla_put_string(skb, FTALIAS_A_CONN_PEER_NAME, id->name))
		return -EMSGSIZE;
	return 0;
}

int ftalias_nl_fill_conn(struct sk_buff *skb,
			 const struct ftalias_conn_snap *s,
			 u32 portid, u32 seq, int flags, u8 cmd,
			 struct netlink_callback *cb)
{
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &ftalias_nl_family, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;
	if (cb)
		genl_dump_check_consistent(cb, hdr);
	if (ftalias_nl_put_conn(skb, s))
		goto nla_put_failure;
	genlmsg_end(skb, hdr);
	return 0;

nla_put_failure:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

void ftalias_nl_conn_notify(struct net *net,
			    const struct ftalias_conn_snap *dropped,
			    const struct ftalias_conn_snap *new, u32 reason)
{
	struct sk_buff *skb;
	void *hdr;

	if (!genl_has_listeners(&ftalias_nl_family, net,
				FTALIAS_NLGRP_ADMIN_EVENTS))
		return;
	skb = genlmsg_new(ftalias_nl_conn_size() * 2, GFP_KERNEL);
	if (!skb)
		goto fail;
	hdr = genlmsg_put(skb, 0, 0, &ftalias_nl_family, 0,
			  FTALIAS_CMD_CONN_DROP_NTF);
	if (!hdr)
		goto nla_put_failure;
	if (nla_put_u32(skb, FTALIAS_A_CONN_REASON, reason) ||
	    ftalias_nl_put_conn(skb, dropped))
		goto nla_put_failure;
	if (new &&
	    (nla_put_u32(skb, FTALIAS_A_CONN_NEW_ID, new->id) ||
	     nla_put_u64_64bit(skb, FTALIAS_A_CONN_NEW_SEQ, new->seq,
			       FTALIAS_A_CONN_PAD) ||
	     nla_put_u64_64bit(skb, FTALIAS_A_CONN_NEW_EST_SEC, new->est_sec,
			       FTALIAS_A_CONN_PAD) ||
	     nla_put_u32(skb, FTALIAS_A_CONN_NEW_EST_USEC, new->est_usec) ||
	     nla_put_u32(skb, FTALIAS_A_CONN_NEW_PEER_PORT, new->peer_port) ||
	     nla_put_u32(skb, FTALIAS_A_CONN_NEW_PEER_PID, new->peer_pid)))
		goto nla_put_failure;
	genlmsg_end(skb, hdr);
	ftalias_nl_event(net, skb, FTALIAS_NLGRP_ADMIN_EVENTS);
	return;

nla_put_failure:
	nlmsg_free(skb);
fail:
	ftalias_nl_event(net, NULL, FTALIAS_NLGRP_ADMIN_EVENTS);
}

size_t ftalias_nl_node_size(void)
{
	return nla_total_size(sizeof(u32)) * 6 +		/* ADDR..RESTARTS */
	       nla_total_size_64bit(sizeof(u64)) * 2 +	/* BOOT_ID, SINCE_MS */
	       nla_total_size(0);				/* SELF */
}

int ftalias_nl_fill_node(struct sk_buff *skb,
			 const struct ftalias_node_info *ni,
			 u32 portid, u32 seq, int flags, u8 cmd)
{
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &ftalias_nl_family, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(skb, FTALIAS_A_NODE_ADDR, ni->addr) ||
	    nla_put_u32(skb, FTALIAS_A_NODE_STATE, ni->state) ||
	    nla_put_u32(skb, FTALIAS_A_NODE_LINKS, ni->links) ||
	    nla_put_u32(skb, FTALIAS_A_NODE_PORT, ni->port) ||
	    nla_put_u32(skb, FTALIAS_A_NODE_RESTARTS, ni->restarts) ||
	    nla_put_u64_64bit(skb, FTALIAS_A_NODE_BOOT_ID, ni->boot_id,
			      FTALIAS_A_NODE_PAD) ||
	    nla_put_u64_64bit(skb, FTALIAS_A_NODE_SINCE_MS, ni->since_ms,
			      FTALIAS_A_NODE_PAD) ||
	    (ni->self && nla_put_flag(skb, FTALIAS_A_NODE_SELF))) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

/*
 * Sent by the cluster's work item, one at a time, so that listeners see a
 * namespace's node changes in order.
 */
void ftalias_nl_node_notify(struct net *net, const struct ftalias_node_info *ni)
{
	struct sk_buff *skb;

	if (!genl_has_listeners(&ftalias_nl_family, net, FTALIAS_NLGRP_EVENTS))
		return;
	skb = genlmsg_new(ftalias_nl_node_size(), GFP_KERNEL);
	if (skb && ftalias_nl_fill_node(skb, ni, 0, 0, 0,
					FTALIAS_CMD_NODE_CHANGE_NTF)) {
		nlmsg_free(skb);
		skb = NULL;
	}
	ftalias_nl_event(net, skb, FTALIAS_NLGRP_EVENTS);
}
