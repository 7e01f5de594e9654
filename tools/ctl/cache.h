/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ftaliasctl cache: show, stats, flush; the attribute sets "id" and
 * "cache-stats", shared with alias.c and journal.c.
 */
#ifndef FTALIASCTL_CACHE_H
#define FTALIASCTL_CACHE_H

#include <stddef.h>
#include <stdio.h>

#include <linux/netlink.h>

#include "ctl.h"

int do_cache(int argc, char **argv);
void cache_usage(FILE *f);

/* Nests: a request ID, the replay cache of an alias (alias-get). */
extern const struct attr_nest id_nest;
extern const struct attr_nest cache_stats_nest;

enum { ID_TEXT_MAX = 64 };	/* > "4294967295:" * 4 + a u64 */

/*
 * The request ID in the nest @type of @v as NODE:ALIAS:PORT:INCARNATION:XID,
 * or "-" when absent, into @buf of ID_TEXT_MAX bytes.
 */
void format_id(char *buf, const struct attr_vals *v, unsigned int type);

/* Parse a message of attribute-set "cache-entry" (a cache-get reply). */
int cache_entry_parse_msg(struct nlmsghdr *nlh, struct attr_vals *v);

/*
 * Print the entries @e[0..n-1] of one alias: a table in text (nothing when
 * there is none), an array of objects in JSON.
 */
void cache_print_entries(const struct attr_vals *e, size_t n);

/*
 * Print the replay cache of the aliases @a[0..n-1] (alias-get replies):
 * a block of "name: value" lines per alias in text, an array of objects
 * (id, name, the cache configuration and the cache nest) in JSON.
 */
void cache_print_stats(const struct attr_vals *a, size_t n);

/* Print a cache-flush reply: "flushed N", or the object in JSON. */
int cache_print_flushed(struct nlmsghdr *nlh, void *arg);

#endif /* FTALIASCTL_CACHE_H */
