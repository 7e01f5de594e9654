/* SPDX-License-Identifier: GPL-2.0 */
/* ftaliasctl cluster: show, set; the attribute sets "cluster", "cluster-stats". */
#ifndef FTALIASCTL_CLUSTER_H
#define FTALIASCTL_CLUSTER_H

#include <stdio.h>

#include <linux/netlink.h>

int do_cluster(int argc, char **argv);
void cluster_usage(FILE *f);

/*
 * Print a cluster-get (or cluster-set) reply: "enabled on node ADDR
 * boot-id ID nodes N nodes-up N" and an indented line of the counters in
 * text, one object in JSON.
 */
int cluster_print_reply(struct nlmsghdr *nlh, void *arg);

#endif /* FTALIASCTL_CLUSTER_H */
