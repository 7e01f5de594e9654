/* SPDX-License-Identifier: GPL-2.0 */
/* ftaliasctl monitor: notifications of the "events" and "admin-events" groups. */
#ifndef FTALIASCTL_MONITOR_H
#define FTALIASCTL_MONITOR_H

#include <stdio.h>

#include <linux/netlink.h>

int do_monitor(int argc, char **argv);
void monitor_usage(FILE *f);

/* Print one notification (the message callback of the monitor). */
int monitor_event(struct nlmsghdr *nlh, void *arg);

#endif /* FTALIASCTL_MONITOR_H */
