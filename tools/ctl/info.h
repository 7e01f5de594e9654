/* SPDX-License-Identifier: GPL-2.0 */
/* ftaliasctl info: family-info-get. */
#ifndef FTALIASCTL_INFO_H
#define FTALIASCTL_INFO_H

#include <stdio.h>

#include <linux/netlink.h>

int do_info(int argc, char **argv);
void info_usage(FILE *f);

/* Print a family-info-get reply. */
int info_print_reply(struct nlmsghdr *nlh, void *arg);

#endif /* FTALIASCTL_INFO_H */
