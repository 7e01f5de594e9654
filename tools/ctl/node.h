/* SPDX-License-Identifier: GPL-2.0 */
/* ftaliasctl node: show; the attribute set "node". */
#ifndef FTALIASCTL_NODE_H
#define FTALIASCTL_NODE_H

#include <stddef.h>
#include <stdio.h>

#include <linux/netlink.h>

#include "ctl.h"

int do_node(int argc, char **argv);
void node_usage(FILE *f);

/* Parse a message of attribute-set "node" (reply or notification). */
int node_parse_msg(struct nlmsghdr *nlh, struct attr_vals *v);

/*
 * Print the nodes @v[0..n-1]: a table in text (nothing when there is
 * none), this node's address marked with '*'; an array of objects in
 * JSON.  Returns 0, or -1 after printing the error.
 */
int node_print_list(const struct attr_vals *v, size_t n);

/*
 * Print a node-change-ntf: "node addr ADDR state STATE ..." in text (no
 * newline), every attribute as a key/value pair in the current JSON
 * object.
 */
void node_print_ntf(const struct attr_vals *v);

#endif /* FTALIASCTL_NODE_H */
