/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _FTALIAS_NETLINK_H
#define _FTALIAS_NETLINK_H

#include <linux/types.h>

struct net;
struct ftalias_member_info;
struct ftalias_conn_snap;

int ftalias_nl_init(void);
void ftalias_nl_exit(void);
void __ftalias_nl_member_notify(struct net *net,
				const struct ftalias_member_info *mi, u8 cmd);
void ftalias_nl_conn_notify(struct net *net,
			    const struct ftalias_conn_snap *dropped,
			    const struct ftalias_conn_snap *new, u32 reason);

#endif /* _FTALIAS_NETLINK_H */
