/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _FTALIAS_ALIASTAB_H
#define _FTALIAS_ALIASTAB_H

#include <linux/netlink.h>

#include "alias.h"

/*
 * The alias table of a namespace (aliastab.c), for netlink and the
 * namespace's init and exit.  Locking: ftalias.h.
 */
void ftalias_aliases_init(struct ftalias_net *fn);
void ftalias_aliases_exit(struct ftalias_net *fn);

struct ftalias_alias *ftalias_alias_alloc(struct net *net, const char *name,
					  const struct ftalias_alias_cfg *cfg);

struct ftalias_alias *__ftalias_alias_by_name(struct ftalias_net *fn,
					      const char *name);
int __ftalias_alias_link(struct ftalias_net *fn, struct ftalias_alias *alias,
			 u32 id, struct netlink_ext_ack *extack);
void __ftalias_alias_unlink(struct ftalias_net *fn,
			    struct ftalias_alias *alias);
void __ftalias_alias_rename(struct ftalias_net *fn,
			    struct ftalias_alias *alias, const char *name);

#endif /* _FTALIAS_ALIASTAB_H */
