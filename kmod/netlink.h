/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _FTALIAS_NETLINK_H
#define _FTALIAS_NETLINK_H

#include <linux/types.h>

int ftalias_nl_init(void);
void ftalias_nl_exit(void);

#endif /* _FTALIAS_NETLINK_H */
