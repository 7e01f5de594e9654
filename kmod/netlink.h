/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _FTALIAS_NETLINK_H
#define _FTALIAS_NETLINK_H

#include <linux/types.h>

struct ftalias_alias;
struct ftalias_alias_cfg;
struct ftalias_alias_stats;
struct ftalias_rc_stats;
struct net;
struct netlink_ext_ack;
struct nlattr;
struct sk_buff;

int ftalias_nl_init(void);
void ftalias_nl_exit(void);
int ftalias_nl_put_alias(struct sk_buff *skb, struct net *net,
			 struct ftalias_alias *alias, bool saved);
int ftalias_nl_parse_cfg(struct net *net, struct nlattr **tb,
			 struct netlink_ext_ack *extack,
			 struct ftalias_alias_cfg *cfg);
int ftalias_nl_check_name(const struct nlattr *attr,
			  struct netlink_ext_ack *extack);
void __ftalias_nl_notify(struct net *net, struct ftalias_alias *alias, u8 cmd);
void ftalias_nl_get_stats(const struct nlattr *stats,
			  const struct nlattr *cache,
			  struct ftalias_alias_stats *st,
			  struct ftalias_rc_stats *rc);

#endif /* _FTALIAS_NETLINK_H */
