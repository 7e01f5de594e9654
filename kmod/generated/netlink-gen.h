/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/ftalias.yaml */
/* YNL-GEN kernel header */

#ifndef _LINUX_FTALIAS_GEN_H
#define _LINUX_FTALIAS_GEN_H

#include <net/netlink.h>
#include <net/genetlink.h>

#include <uapi/linux/ftalias_genl.h>

/* Common nested types */
extern const struct nla_policy ftalias_alias_stats_nl_policy[FTALIAS_A_ALIAS_STATS_REQUESTS_REISSUED + 1];
extern const struct nla_policy ftalias_cache_stats_nl_policy[FTALIAS_A_CACHE_STATS_PAD + 1];
extern const struct nla_policy ftalias_save_alias_nl_policy[FTALIAS_A_ALIAS_SCOPE + 1];
extern const struct nla_policy ftalias_save_checkpoint_nl_policy[FTALIAS_A_SAVE_CHECKPOINT_INPUT + 1];
extern const struct nla_policy ftalias_save_client_nl_policy[FTALIAS_A_SAVE_CLIENT_COOKIE + 1];
extern const struct nla_policy ftalias_save_entry_nl_policy[FTALIAS_A_SAVE_ENTRY_PAYLOAD + 1];
extern const struct nla_policy ftalias_save_header_nl_policy[FTALIAS_A_SAVE_HEADER_FREEZE_US + 1];
extern const struct nla_policy ftalias_save_held_nl_policy[FTALIAS_A_SAVE_HELD_PAYLOAD + 1];
extern const struct nla_policy ftalias_save_ids_nl_policy[FTALIAS_A_SAVE_IDS_COOKIE + 1];
extern const struct nla_policy ftalias_save_input_nl_policy[FTALIAS_A_SAVE_INPUT_PAD + 1];
extern const struct nla_policy ftalias_save_jrec_nl_policy[FTALIAS_A_SAVE_JREC_PAYLOAD + 1];
extern const struct nla_policy ftalias_save_output_nl_policy[FTALIAS_A_SAVE_OUTPUT_SUM + 1];
extern const struct nla_policy ftalias_save_request_nl_policy[FTALIAS_A_SAVE_REQUEST_PAD + 1];
extern const struct nla_policy ftalias_save_trailer_nl_policy[FTALIAS_A_SAVE_TRAILER_OUTPUTS + 1];

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
int ftalias_nl_alias_restore_doit(struct sk_buff *skb, struct genl_info *info);
int ftalias_nl_cluster_get_doit(struct sk_buff *skb, struct genl_info *info);
int ftalias_nl_cluster_set_doit(struct sk_buff *skb, struct genl_info *info);
int ftalias_nl_node_get_dumpit(struct sk_buff *skb,
			       struct netlink_callback *cb);

enum {
	FTALIAS_NLGRP_EVENTS,
	FTALIAS_NLGRP_ADMIN_EVENTS,
};

extern struct genl_family ftalias_nl_family;

#endif /* _LINUX_FTALIAS_GEN_H */
