/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/ftalias.yaml */
/* YNL-GEN kernel header */

#ifndef _LINUX_FTALIAS_GEN_H
#define _LINUX_FTALIAS_GEN_H

#include <net/netlink.h>
#include <net/genetlink.h>

#include <uapi/linux/ftalias_genl.h>

int ftalias_nl_pre_doit_admin(const struct genl_split_ops *ops,
			      struct sk_buff *skb, struct genl_info *info);
int ftalias_nl_alias_get_dump_start(struct netlink_callback *cb);
int ftalias_nl_member_get_dump_start(struct netlink_callback *cb);
int ftalias_nl_cache_get_dump_start(struct netlink_callback *cb);
int ftalias_nl_journal_get_dump_start(struct netlink_callback *cb);
int ftalias_nl_conn_get_dump_start(struct netlink_callback *cb);
int ftalias_nl_alias_save_dump_start(struct netlink_callback *cb);
int ftalias_nl_rc_dump_done(struct netlink_callback *cb);
int ftalias_nl_alias_save_dump_done(struct netlink_callback *cb);

int ftalias_nl_family_info_get_doit(struct sk_buff *skb,
				    struct genl_info *info);
int ftalias_nl_alias_get_doit(struct sk_buff *skb, struct genl_info *info);
int ftalias_nl_alias_get_dumpit(struct sk_buff *skb,
				struct netlink_callback *cb);
int ftalias_nl_alias_new_doit(struct sk_buff *skb, struct genl_info *info);
int ftalias_nl_alias_del_doit(struct sk_buff *skb, struct genl_info *info);
int ftalias_nl_alias_set_doit(struct sk_buff *skb, struct genl_info *info);
int ftalias_nl_member_get_doit(struct sk_buff *skb, struct genl_info *info);
int ftalias_nl_member_get_dumpit(struct sk_buff *skb,
				 struct netlink_callback *cb);
int ftalias_nl_member_set_doit(struct sk_buff *skb, struct genl_info *info);
int ftalias_nl_cache_get_dumpit(struct sk_buff *skb,
				struct netlink_callback *cb);
int ftalias_nl_cache_flush_doit(struct sk_buff *skb, struct genl_info *info);
int ftalias_nl_journal_get_dumpit(struct sk_buff *skb,
				  struct netlink_callback *cb);
int ftalias_nl_conn_get_doit(struct sk_buff *skb, struct genl_info *info);
int ftalias_nl_conn_get_dumpit(struct sk_buff *skb,
			       struct netlink_callback *cb);
int ftalias_nl_conn_drop_doit(struct sk_buff *skb, struct genl_info *info);
int ftalias_nl_alias_save_dumpit(struct sk_buff *skb,
				 struct netlink_callback *cb);

enum {
	FTALIAS_NLGRP_EVENTS,
	FTALIAS_NLGRP_ADMIN_EVENTS,
};

extern struct genl_family ftalias_nl_family;

#endif /* _LINUX_FTALIAS_GEN_H */
