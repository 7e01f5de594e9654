// SPDX-License-Identifier: GPL-2.0
/*
 * The alias table of a network namespace: creation, lookup by name,
 * rename and teardown of port aliases, for netlink and the namespace's
 * init and exit.  It calls down into the alias object (alias.c), the
 * request code (an alias's request state) and the replay cache.  See
 * ftalias.h for the locking rules.
 */

#include <linux/lockdep.h>
#include <linux/mutex.h>
#include <linux/string.h>
#include <linux/stringhash.h>

#include "alias.h"
#include "aliastab.h"
#include "cluster.h"
#include "request.h"

void ftalias_aliases_init(struct ftalias_net *fn)
{
	mutex_init(&fn->lock);
	xa_init_flags(&fn->aliases, XA_FLAGS_ALLOC1);
	hash_init(fn->names);
	INIT_LIST_HEAD(&fn->strays);
	fn->next_id = 1;
}

/**
 * ftalias_aliases_exit() - delete every alias of a namespace that goes away
 * @fn: the namespace's ftalias state
 *
 * No netlink handler can run in the namespace any more: each holds a
 * socket, and so a reference, of the namespace.
 */
void ftalias_aliases_exit(struct ftalias_net *fn)
{
	struct ftalias_alias *alias;
	unsigned long id;

	mutex_lock(&fn->lock);
	fn->exiting = true;
	xa_for_each(&fn->aliases, id, alias) {
		__ftalias_alias_unlink(fn, alias);
		/* Up to max_aliases of them, in the netns cleanup work. */
		cond_resched();
	}
	mutex_unlock(&fn->lock);

	WARN_ON_ONCE(fn->count);
	WARN_ON_ONCE(!hash_empty(fn->names));
	WARN_ON_ONCE(!list_empty(&fn->strays));
	/* Each deletion above destroyed its cache: nothing left charged. */
	WARN_ON_ONCE(atomic64_read(&fn->rc_bytes));
	xa_destroy(&fn->aliases);
	mutex_destroy(&fn->lock);
}

/**
 * ftalias_alias_alloc() - allocate an alias, not yet in any table
 * @net: its network namespace (not referenced: an alias never outlives it)
 * @name: valid alias name
 * @cfg: its configuration
 *
 * Return: the alias holding one reference, or NULL when out of memory.
 */
struct ftalias_alias *ftalias_alias_alloc(struct net *net, const char *name,
					  const struct ftalias_alias_cfg *cfg)
{
	struct ftalias_alias *alias = ftalias_alias_new(net, name, cfg);

	if (alias)
		ftalias_alias_dp_init(alias);
	return alias;
}

static u32 ftalias_name_hash(struct ftalias_net *fn, const char *name)
{
	return full_name_hash(fn, name, strlen(name));
}

struct ftalias_alias *__ftalias_alias_by_name(struct ftalias_net *fn,
					      const char *name)
{
	struct ftalias_alias *alias;

	lockdep_assert_held(&fn->lock);
	hash_for_each_possible(fn->names, alias, name_node,
			       ftalias_name_hash(fn, name))
		if (!strcmp(alias->name, name))
			return alias;
	return NULL;
}

/**
 * __ftalias_alias_link() - enter a new alias into the namespace's table
 * @fn: the namespace's ftalias state, its lock held
 * @alias: alias from ftalias_alias_alloc(), not yet in any table; its
 *	replay cache is made here, unless it has one already (restore.c)
 * @id: the id asked for, or 0 to allocate one
 * @extack: where to report why the alias was refused
 *
 * On success the table owns the caller's reference; on failure the caller
 * still owns it.
 *
 * Return: 0, -ENOSPC when the namespace holds its maximum of aliases or no
 * id is free, -EEXIST when the name or the id is taken, -ENOMEM.
 */
int __ftalias_alias_link(struct ftalias_net *fn, struct ftalias_alias *alias,
			 u32 id, struct netlink_ext_ack *extack)
{
	bool own_rc;
	int err;

	lockdep_assert_held(&fn->lock);

	if (fn->count >= ftalias_max_aliases) {
		NL_SET_ERR_MSG(extack,
			       "too many aliases in this network namespace (module parameter max_aliases)");
		return -ENOSPC;
	}
	if (__ftalias_alias_by_name(fn, alias->name)) {
		NL_SET_ERR_MSG(extack, "alias name already in use");
		return -EEXIST;
	}

	/* A restored alias comes with its cache (restore.c). */
	own_rc = !alias->rc.live;
	if (own_rc) {
		err = ftalias_rc_init(alias);
		if (err)
			return err;
	}
	if (id) {
		alias->id = id;
		err = xa_insert(&fn->aliases, id, alias, GFP_KERNEL_ACCOUNT);
		if (err == -EBUSY) {
			NL_SET_ERR_MSG(extack, "alias id already in use");
			err = -EEXIST;
		}
	} else {
		err = xa_alloc_cyclic(&fn->aliases, &alias->id, alias,
				      XA_LIMIT(1, FTALIAS_ALIAS_LOCAL_ID_MAX),
				      &fn->next_id,
				      GFP_KERNEL_ACCOUNT);
		if (err == -EBUSY) {
			NL_SET_ERR_MSG(extack, "no free alias id");
			err = -ENOSPC;
		}
	}
	if (err < 0) {
		if (own_rc)
			ftalias_rc_destroy(alias);
		return err;
	}

	hash_add(fn->names, &alias->name_node, ftalias_name_hash(fn, alias->name));
	fn->count++;
	fn->genid++;
	ftalias_alias_strays_meet(fn, alias);
	return 0;
}

/**
 * __ftalias_alias_unlink() - remove an alias from its table
 * @fn: the namespace's ftalias state, its lock held
 * @alias: alias in @fn's table
 *
 * An alias frozen for a move (ftalias_alias_move()) leaves the entries of
 * its members' requests in the caches of others, for the restored alias.
 * Drops the table's reference: @alias may be freed after an RCU grace
 * period, so the caller must not touch it afterwards unless it holds a
 * reference of its own.
 */
void __ftalias_alias_unlink(struct ftalias_net *fn, struct ftalias_alias *alias)
{
	bool moved;

	lockdep_assert_held(&fn->lock);

	hash_del(&alias->name_node);
	xa_erase(&fn->aliases, alias->id);
	fn->count--;
	fn->genid++;
	moved = ftalias_alias_dp_kill(alias);
	ftalias_alias_forget_dsts(fn, alias, moved);
	/* Its members' announcement, if any, is withdrawn. */
	if (alias->cfg.scope == FTALIAS_ALIAS_SCOPE_CLUSTER)
		ftalias_cluster_announce(fn, alias->id, NULL);
	ftalias_alias_put(alias);
}

/**
 * __ftalias_alias_rename() - give an alias a new name
 * @fn: the namespace's ftalias state, its lock held
 * @alias: alias in @fn's table
 * @name: valid name, not used by any other alias of @fn
 */
void __ftalias_alias_rename(struct ftalias_net *fn, struct ftalias_alias *alias,
			    const char *name)
{
	lockdep_assert_held(&fn->lock);

	hash_del(&alias->name_node);
	strscpy(alias->name, name, sizeof(alias->name));
	hash_add(fn->names, &alias->name_node, ftalias_name_hash(fn, alias->name));
	fn->genid++;
}

#ifdef FTALIAS_KUNIT
#include "alias_test.c"
#endif
