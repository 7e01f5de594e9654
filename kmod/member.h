/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _FTALIAS_MEMBER_H
#define _FTALIAS_MEMBER_H

#include <linux/ktime.h>
#include <linux/list.h>
#include <linux/refcount.h>
#include <linux/skbuff.h>
#include <linux/types.h>
#include <linux/xarray.h>
#include <uapi/linux/ftalias.h>

#include "msg.h"
#include "request.h"

struct ftalias_alias;
struct ftalias_alias_cfg;
struct ftalias_net;
struct ftalias_sock;
struct netlink_ext_ack;

struct ftalias_member_stats {
	u64 delivered;
	u64 redelivered;
	u64 replies;
};

struct ftalias_alias_stats {
	u64 sent;
	u64 delivered;
	u64 redelivered;
	u64 resent;
	u64 replies;
	u64 held;
	u64 failed;
	u64 promotions;
	u64 checkpoints;
	u64 ckpt_loads;
	u64 inputs_logged;
	u64 inputs_replayed;
	u64 replay_suppressed;
	u64 requests_reissued;		/* alias-get: outputs.reissued */
};

/* A member as netlink shows it, copied under the alias's lock. */
struct ftalias_member_info {
	u32 alias_id;
	u32 port;
	u32 pid;
	u32 priority;
	u32 role;
	u32 state;
	u32 queue_len;
	u32 incarnation;
	u32 node;		/* its TIPC address, while cluster mode is on */
	bool remote;		/* another node's: the fields above only */
	u64 join_seq;
	struct ftalias_member_stats stats;
};

void ftalias_member_info(struct ftalias_alias *alias, struct ftalias_sock *m,
			 struct ftalias_member_info *mi);
struct ftalias_sock *__ftalias_member_by_port(struct ftalias_alias *alias,
					      u32 port);

int ftalias_member_join(struct ftalias_net *fn, struct ftalias_sock *fsk,
			struct ftalias_alias *alias);
void ftalias_member_leave(struct ftalias_net *fn, struct ftalias_sock *fsk);

int __ftalias_member_set(struct ftalias_net *fn, struct net *net,
			 struct ftalias_alias *alias, u32 port, const u32 *prio,
			 const u32 *state, struct netlink_ext_ack *extack);
void __ftalias_alias_set_cfg(struct ftalias_net *fn, struct net *net,
			     struct ftalias_alias *alias,
			     const struct ftalias_alias_cfg *cfg);

#endif /* _FTALIAS_MEMBER_H */
