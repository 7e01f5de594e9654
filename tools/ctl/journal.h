/* SPDX-License-Identifier: GPL-2.0 */
/* ftaliasctl journal: show; the attribute set "journal-rec". */
#ifndef FTALIASCTL_JOURNAL_H
#define FTALIASCTL_JOURNAL_H

#include <stddef.h>
#include <stdio.h>

#include <linux/netlink.h>

#include "ctl.h"

int do_journal(int argc, char **argv);
void journal_usage(FILE *f);

/* Parse a message of attribute-set "journal-rec" (a journal-get reply). */
int journal_parse_msg(struct nlmsghdr *nlh, struct attr_vals *v);

/*
 * Print the relay journal records @r[0..n-1] of one alias: a table in text
 * (nothing when there is none), an array of objects in JSON.
 */
void journal_print_list(const struct attr_vals *r, size_t n);

#endif /* FTALIASCTL_JOURNAL_H */
