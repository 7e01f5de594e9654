/* SPDX-License-Identifier: GPL-2.0 */
/* ftaliasctl alias: add, del, set, show; the alias attribute set. */
#ifndef FTALIASCTL_ALIAS_H
#define FTALIASCTL_ALIAS_H

#include <stdio.h>

#include <linux/netlink.h>

#include "ctl.h"

int do_alias(int argc, char **argv);
void alias_usage(FILE *f);

/* Parse a message of attribute-set "alias" (reply or notification). */
int alias_parse_msg(struct nlmsghdr *nlh, struct attr_vals *v);

/*
 * Print the attributes present in @v: "alias NAME id ID uid ..." in text
 * (no newline), key/value pairs in the current JSON object.
 */
void alias_print_attrs(const struct attr_vals *v);

#endif /* FTALIASCTL_ALIAS_H */
