/* SPDX-License-Identifier: GPL-2.0 */
/* ftaliasctl member: show, set-active, set-priority, drain, undrain. */
#ifndef FTALIASCTL_MEMBER_H
#define FTALIASCTL_MEMBER_H

#include <stddef.h>
#include <stdio.h>

#include <linux/netlink.h>

#include "ctl.h"

int do_member(int argc, char **argv);
void member_usage(FILE *f);

/* Parse a message of attribute-set "member" (reply or notification). */
int member_parse_msg(struct nlmsghdr *nlh, struct attr_vals *v);

/*
 * Print the attributes present in @v, counters only with -s: "member
 * alias-id ID port PORT ..." in text (no newline), key/value pairs in the
 * current JSON object.
 */
void member_print_attrs(const struct attr_vals *v);

/*
 * Print the members @m[0..n-1]: a table in text, the alias names taken
 * from @aliases[0..n_aliases-1] (replies of alias-get); an array of
 * objects in JSON.  Returns 0, or -1 after printing the error.
 */
int member_print_list(const struct attr_vals *m, size_t n,
		      const struct attr_vals *aliases, size_t n_aliases);

#endif /* FTALIASCTL_MEMBER_H */
