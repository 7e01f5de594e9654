/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _FTALIAS_ALIAS_H
#define _FTALIAS_ALIAS_H

#include <linux/build_bug.h>
#include <linux/netlink.h>
#include <linux/refcount.h>
#include <linux/uidgid.h>
#include <uapi/linux/ftalias_genl.h>

#include "ftalias.h"

/* Access mode bits, in each of the owner, group and other triplets. */
#define FTALIAS_MODE_SEND	04
#define FTALIAS_MODE_JOIN	02
#define FTALIAS_MODE_VALID	0666

/*
 * Configuration of an alias; see ftalias.yaml for the meaning of each field.
 * Laid out without padding: alias-set compares two of them with memcmp().
 */
struct ftalias_alias_cfg {
	kuid_t uid;
	kgid_t gid;
	u32 grace_ms;
	u32 cache_max_entries;
	u32 cache_ttl_ms;
	u16 mode;
	u16 policy;		/* enum ftalias_promotion_policy */
	u64 cache_max_bytes;
};

static_assert(sizeof(struct ftalias_alias_cfg) == 32, "padding in the cfg");

struct ftalias_alias {
	struct hlist_node name_node;	/* in ftalias_net.names */
	u32 id;
	char name[FTALIAS_NAME_MAX_LEN + 1];
	struct ftalias_alias_cfg cfg;
	refcount_t ref;
	struct rcu_head rcu;
};

int ftalias_alias_cache_init(void);
void ftalias_alias_cache_exit(void);

void ftalias_net_init(struct ftalias_net *fn);
void ftalias_net_exit(struct ftalias_net *fn);

void ftalias_alias_cfg_default(struct ftalias_alias_cfg *cfg);
bool ftalias_alias_name_valid(const char *name);

struct ftalias_alias *ftalias_alias_alloc(const char *name,
					  const struct ftalias_alias_cfg *cfg);
void ftalias_alias_put(struct ftalias_alias *alias);

struct ftalias_alias *__ftalias_alias_by_id(struct ftalias_net *fn, u32 id);
struct ftalias_alias *__ftalias_alias_by_name(struct ftalias_net *fn,
					      const char *name);
int __ftalias_alias_link(struct ftalias_net *fn, struct ftalias_alias *alias,
			 u32 id, struct netlink_ext_ack *extack);
void __ftalias_alias_unlink(struct ftalias_net *fn,
			    struct ftalias_alias *alias);
void __ftalias_alias_rename(struct ftalias_net *fn,
			    struct ftalias_alias *alias, const char *name);

#endif /* _FTALIAS_ALIAS_H */
