/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _FTALIAS_NOTIFY_H
#define _FTALIAS_NOTIFY_H

#include <linux/types.h>

struct genl_info;
struct net;
struct netlink_callback;
struct sk_buff;
struct ftalias_member_info;
struct ftalias_conn_snap;
struct ftalias_node_info;

/* Notifications (notify.c); those of the alias table are netlink.c's. */
bool ftalias_nl_listened(struct net *net);
void ftalias_nl_event(struct net *net, struct sk_buff *skb, u32 grp);
void __ftalias_nl_member_notify(struct net *net,
				const struct ftalias_member_info *mi, u8 cmd);
void ftalias_nl_conn_notify(struct net *net,
			    const struct ftalias_conn_snap *dropped,
			    const struct ftalias_conn_snap *new, u32 reason);
void ftalias_nl_node_notify(struct net *net, const struct ftalias_node_info *ni);

/* The messages the handlers send too. */
size_t ftalias_nl_member_size(void);
int ftalias_nl_fill_member(struct sk_buff *skb,
			   const struct ftalias_member_info *mi,
			   u32 portid, u32 seq, int flags, u8 cmd,
			   struct netlink_callback *cb);
size_t ftalias_nl_conn_size(void);
int ftalias_nl_fill_conn(struct sk_buff *skb,
			 const struct ftalias_conn_snap *s,
			 u32 portid, u32 seq, int flags, u8 cmd,
			 struct netlink_callback *cb);

size_t ftalias_nl_node_size(void);
int ftalias_nl_fill_node(struct sk_buff *skb,
			 const struct ftalias_node_info *ni,
			 u32 portid, u32 seq, int flags, u8 cmd);

#endif /* _FTALIAS_NOTIFY_H */
