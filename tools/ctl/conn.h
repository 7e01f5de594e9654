/* SPDX-License-Identifier: GPL-2.0 */
/* ftaliasctl conn: show, drop; the attribute set "conn". */
#ifndef FTALIASCTL_CONN_H
#define FTALIASCTL_CONN_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <linux/netlink.h>

#include "ctl.h"

int do_conn(int argc, char **argv);
void conn_usage(FILE *f);

/* Parse a message of attribute-set "conn" (reply or notification). */
int conn_parse_msg(struct nlmsghdr *nlh, struct attr_vals *v);

enum { CONN_TIME_MAX = 48 };	/* > "YYYY-MM-DD HH:MM:SS.uuuuuu" */

/*
 * An establishment time as a local date with microseconds, "2000-08-03
 * 09:02:00.640916", into @buf of CONN_TIME_MAX bytes; the seconds alone
 * when they are no date.
 */
void conn_format_time(char *buf, uint64_t sec, uint64_t usec);

/*
 * Print the connections @c[0..n-1]: a table in text (nothing when there
 * is none), the alias names taken from @aliases[0..n_aliases-1] (replies
 * of alias-get); an array of objects in JSON.  Returns 0, or -1 after
 * printing the error.
 */
int conn_print_list(const struct attr_vals *c, size_t n,
		    const struct attr_vals *aliases, size_t n_aliases);

/*
 * Print a conn-drop-ntf: "REASON conn id ID seq SEQ est DATE (SEC.USEC)
 * ... [replaced by id ID seq SEQ est ...]" in text (no newline), every
 * attribute as a key/value pair in the current JSON object.
 */
void conn_print_ntf(const struct attr_vals *v);

#endif /* FTALIASCTL_CONN_H */
