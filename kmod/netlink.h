/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _FTALIAS_NETLINK_H
#define _FTALIAS_NETLINK_H

#include <linux/types.h>

struct ftalias_alias;
struct net;
struct sk_buff;

int ftalias_nl_init(void);
void ftalias_nl_exit(void);
int ftalias_nl_put_alias(struct sk_buff *skb, struct net *net,
			 struct ftalias_alias *alias);

#endif /* _FTALIAS_NETLINK_H */
