/* SPDX-License-Identifier: GPL-2.0 */
/* ftaliasctl alias: add, del, set, show; the alias attribute set. */
#ifndef FTALIASCTL_ALIAS_H
#define FTALIASCTL_ALIAS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <linux/netlink.h>

#include "ctl.h"

struct ftnl_list;

int do_alias(int argc, char **argv);
void alias_usage(FILE *f);

/* Parse a message of attribute-set "alias" (reply or notification). */
int alias_parse_msg(struct nlmsghdr *nlh, struct attr_vals *v);

/*
 * Print the attributes present in @v: "alias NAME id ID uid ..." in text
 * (no newline), key/value pairs in the current JSON object.  With -s the
 * stats and cache nests follow, each after @stats_sep in text.
 */
void alias_print_attrs(const struct attr_vals *v, const char *stats_sep);

/*
 * One alias as alias show prints it: a line, or an object in JSON; with
 * -config, its configuration alone, as an "alias add" line.
 */
void alias_print(const struct attr_vals *v);

/*
 * { NAME | id ID }: consumes one or two words of *argv into @v (name or
 * id of the attribute-set alias).  Returns 0, or EXIT_USAGE after
 * printing the error (and @usage when the selector is missing).
 */
int alias_parse_selector(int *argc, char ***argv, struct attr_vals *v,
			 bool *by_id, void (*usage)(FILE *f));

/*
 * alias-get over the open socket for the selector @sel: the alias into
 * @out (free with attr_vals_free()).  Prints the error.
 */
int alias_get(const struct attr_vals *sel, struct attr_vals *out);

/*
 * The id of the alias selected by @sel (alias_parse_selector()): the id
 * itself, or resolved with alias-get over the open socket.  Prints the
 * error.
 */
int alias_resolve_id(const struct attr_vals *sel, bool by_id, uint32_t *id);

/*
 * 1 when an alias named @name is there, 0 when not, -1 (an error printed)
 * when that cannot be told.
 */
int alias_exists(const char *name);

/*
 * Delete alias @id over the open socket; with @moved, only if it is frozen
 * for a move this socket began.  -1 with the error printed.
 */
int alias_del_id(uint32_t id, bool moved);

/* Dump every alias over the open socket into @l (ftnl_list_free()). */
int alias_dump(struct ftnl_list *l);

#endif /* FTALIASCTL_ALIAS_H */
