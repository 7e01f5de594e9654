// SPDX-License-Identifier: GPL-2.0
/*
 * The alias table of a network namespace: creation, lookup, rename and
 * teardown of port aliases.  See ftalias.h for the locking rules.
 */

#include <linux/ctype.h>
#include <linux/init.h>
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/lockdep.h>
#include <linux/minmax.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/stringhash.h>

#include "alias.h"

static struct kmem_cache *ftalias_alias_cache __ro_after_init;

int __init ftalias_alias_cache_init(void)
{
	ftalias_alias_cache = KMEM_CACHE(ftalias_alias, SLAB_ACCOUNT);
	return ftalias_alias_cache ? 0 : -ENOMEM;
}

void ftalias_alias_cache_exit(void)
{
	/* Wait for the call_rcu() frees of ftalias_alias_put(). */
	rcu_barrier();
	kmem_cache_destroy(ftalias_alias_cache);
}

void ftalias_net_init(struct ftalias_net *fn)
{
	mutex_init(&fn->lock);
	xa_init_flags(&fn->aliases, XA_FLAGS_ALLOC1);
	hash_init(fn->names);
	fn->next_id = 1;
	xa_init_flags(&fn->ports, XA_FLAGS_ALLOC1);
	fn->next_port = 1;
	ftalias_conns_init(&fn->conns);
}

/**
 * ftalias_net_exit() - delete every alias of a namespace that goes away
 * @fn: the namespace's ftalias state
 *
 * No netlink handler can run in the namespace any more: each holds a
 * socket, and so a reference, of the namespace.
 */
void ftalias_net_exit(struct ftalias_net *fn)
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
	/* Each deletion above destroyed its cache: nothing left charged. */
	WARN_ON_ONCE(atomic64_read(&fn->rc_bytes));
	/* Every socket holds a reference of its namespace. */
	WARN_ON_ONCE(!xa_empty(&fn->ports));
	xa_destroy(&fn->aliases);
	xa_destroy(&fn->ports);
	ftalias_conns_exit(&fn->conns);
	mutex_destroy(&fn->lock);
}

void ftalias_alias_cfg_default(struct ftalias_alias_cfg *cfg)
{
	*cfg = (struct ftalias_alias_cfg) {
		.uid			= current_fsuid(),
		.gid			= current_fsgid(),
		.mode			= FTALIAS_ALIAS_MODE_DEFAULT,
		.policy			= FTALIAS_PROMOTION_POLICY_AUTO,
		.grace_ms		= FTALIAS_ALIAS_GRACE_MS_DEFAULT,
		.cache_max_entries	= min_t(u32, ftalias_cache_entries_limit,
						FTALIAS_ALIAS_CACHE_ENTRIES_DEFAULT),
		.cache_max_bytes	= min_t(u64, ftalias_cache_bytes_limit,
						FTALIAS_ALIAS_CACHE_BYTES_DEFAULT),
		.cache_ttl_ms		= FTALIAS_ALIAS_CACHE_TTL_MS_DEFAULT,
	};
}

/**
 * ftalias_alias_name_valid() - check the characters of an alias name
 * @name: NUL-terminated name, at most FTALIAS_NAME_MAX_LEN bytes (the
 *	netlink policy enforces the length)
 *
 * Return: true if @name is not empty and holds only letters, digits and
 * the characters '.', '_', ':' and '-'.
 */
bool ftalias_alias_name_valid(const char *name)
{
	const char *c;

	if (!*name)
		return false;
	for (c = name; *c; c++)
		if (!isalnum(*c) && !strchr("._:-", *c))
			return false;
	return true;
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
	struct ftalias_alias *alias;

	alias = kmem_cache_zalloc(ftalias_alias_cache, GFP_KERNEL);
	if (!alias)
		return NULL;
	strscpy(alias->name, name, sizeof(alias->name));
	alias->cfg = *cfg;
	refcount_set(&alias->ref, 1);
	ftalias_alias_dp_init(alias, net);
	return alias;
}

/**
 * ftalias_alias_get() - find an alias of the data path and hold it
 * @fn: the namespace's ftalias state
 * @id: alias id
 *
 * The lookup takes rcu_read_lock() itself: the caller needs no lock.
 *
 * Return: the alias with a reference the caller drops with
 * ftalias_alias_put(), or NULL.
 */
struct ftalias_alias *ftalias_alias_get(struct ftalias_net *fn, u32 id)
{
	struct ftalias_alias *alias;

	rcu_read_lock();
	alias = xa_load(&fn->aliases, id);
	if (alias && !refcount_inc_not_zero(&alias->ref))
		alias = NULL;
	rcu_read_unlock();
	return alias;
}

/**
 * ftalias_alias_may() - may the current task use an alias this way
 * @alias: the alias
 * @net: its namespace
 * @bit: FTALIAS_MODE_SEND or FTALIAS_MODE_JOIN
 *
 * The owner, group or other triplet of the mode decides, as for a file;
 * CAP_NET_ADMIN over the namespace overrides it.
 */
bool ftalias_alias_may(struct ftalias_alias *alias, struct net *net, u16 bit)
{
	kuid_t uid;
	kgid_t gid;
	u16 mode;

	spin_lock(&alias->lock);
	uid = alias->cfg.uid;
	gid = alias->cfg.gid;
	mode = alias->cfg.mode;
	spin_unlock(&alias->lock);

	if (uid_eq(current_fsuid(), uid))
		mode >>= 6;
	else if (in_group_p(gid))
		mode >>= 3;
	return (mode & bit) || ns_capable(net->user_ns, CAP_NET_ADMIN);
}

static void ftalias_alias_free_rcu(struct rcu_head *rcu)
{
	struct ftalias_alias *alias = container_of(rcu, struct ftalias_alias,
						   rcu);

	WARN_ON_ONCE(!list_empty(&alias->pending));
	WARN_ON_ONCE(!list_empty(&alias->members));
	WARN_ON_ONCE(!skb_queue_empty_lockless(&alias->held_replies));
	kmem_cache_free(ftalias_alias_cache, alias);
}

/**
 * ftalias_alias_put() - drop a reference to an alias
 * @alias: the alias
 *
 * The last reference frees @alias after an RCU grace period.
 */
void ftalias_alias_put(struct ftalias_alias *alias)
{
	if (refcount_dec_and_test(&alias->ref))
		call_rcu(&alias->rcu, ftalias_alias_free_rcu);
}

static u32 ftalias_name_hash(struct ftalias_net *fn, const char *name)
{
	return full_name_hash(fn, name, strlen(name));
}

struct ftalias_alias *__ftalias_alias_by_id(struct ftalias_net *fn, u32 id)
{
	lockdep_assert_held(&fn->lock);
	return xa_load(&fn->aliases, id);
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
 * @alias: alias from ftalias_alias_alloc(), not yet in any table
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

	err = ftalias_rc_init(alias);
	if (err)
		return err;
	if (id) {
		alias->id = id;
		err = xa_insert(&fn->aliases, id, alias, GFP_KERNEL_ACCOUNT);
		if (err == -EBUSY) {
			NL_SET_ERR_MSG(extack, "alias id already in use");
			err = -EEXIST;
		}
	} else {
		err = xa_alloc_cyclic(&fn->aliases, &alias->id, alias,
				      XA_LIMIT(1, U32_MAX), &fn->next_id,
				      GFP_KERNEL_ACCOUNT);
		if (err == -EBUSY) {
			NL_SET_ERR_MSG(extack, "no free alias id");
			err = -ENOSPC;
		}
	}
	if (err < 0) {
		ftalias_rc_destroy(alias);
		return err;
	}

	hash_add(fn->names, &alias->name_node, ftalias_name_hash(fn, alias->name));
	fn->count++;
	fn->genid++;
	return 0;
}

/**
 * __ftalias_alias_unlink() - remove an alias from its table
 * @fn: the namespace's ftalias state, its lock held
 * @alias: alias in @fn's table
 *
 * Drops the table's reference: @alias may be freed after an RCU grace
 * period, so the caller must not touch it afterwards unless it holds a
 * reference of its own.
 */
void __ftalias_alias_unlink(struct ftalias_net *fn, struct ftalias_alias *alias)
{
	lockdep_assert_held(&fn->lock);

	hash_del(&alias->name_node);
	xa_erase(&fn->aliases, alias->id);
	fn->count--;
	fn->genid++;
	ftalias_alias_dp_kill(alias);
	ftalias_alias_forget_dsts(fn, alias);
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
