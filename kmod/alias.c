// SPDX-License-Identifier: GPL-2.0
/*
 * The alias object: allocation, references, the permission check, the
 * configuration defaults and the lookups by id.  Every other file calls
 * down into it, and it calls none of them; the table of a namespace's
 * aliases (link, unlink, rename, names) is aliastab.c.  See ftalias.h for
 * the locking rules.
 */

#include <linux/ctype.h>
#include <linux/init.h>
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/lockdep.h>
#include <linux/minmax.h>
#include <linux/random.h>
#include <linux/rcupdate.h>
#include <linux/seqlock.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/wait_bit.h>

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
 * ftalias_alias_cluster_id() - the id of a cluster alias named without one
 * @name: valid alias name
 *
 * The same on every node, whatever its byte order: FNV-1a over the name's
 * bytes, in the upper half of the ids, which the ids allocated to other
 * aliases never reach (FTALIAS_ALIAS_LOCAL_ID_MAX).
 *
 * Return: an id above FTALIAS_ALIAS_LOCAL_ID_MAX.
 */
u32 ftalias_alias_cluster_id(const char *name)
{
	u32 h = 2166136261u;

	for (; *name; name++)
		h = (h ^ (u8)*name) * 16777619u;
	return h | (FTALIAS_ALIAS_LOCAL_ID_MAX + 1);
}

/**
 * ftalias_alias_new() - a new alias object, without its request state
 * @net: its network namespace (not referenced: an alias never outlives it)
 * @name: valid alias name
 * @cfg: its configuration
 *
 * What ftalias_alias_put() frees and checks is ready; the request state
 * (the work item, the requester table) is set up by the table's
 * ftalias_alias_alloc().
 *
 * Return: the alias holding one reference, or NULL when out of memory.
 */
struct ftalias_alias *ftalias_alias_new(struct net *net, const char *name,
					const struct ftalias_alias_cfg *cfg)
{
	struct ftalias_alias *alias;

	alias = kmem_cache_zalloc(ftalias_alias_cache, GFP_KERNEL);
	if (!alias)
		return NULL;
	strscpy(alias->name, name, sizeof(alias->name));
	alias->cfg = *cfg;
	refcount_set(&alias->ref, 1);
	spin_lock_init(&alias->lock);
	seqcount_spinlock_init(&alias->cfg_seq, &alias->lock);
	INIT_LIST_HEAD(&alias->members);
	INIT_LIST_HEAD(&alias->pending);
	skb_queue_head_init(&alias->held_replies);
	/* Without an active member from the start. */
	alias->idle_since = ktime_get();
	alias->net = net;
	/* Never 0: the value a saved record cannot carry. */
	do {
		alias->cookie = get_random_u64();
	} while (!alias->cookie);
	INIT_LIST_HEAD(&alias->stray_node);
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
	unsigned int seq;
	kuid_t uid;
	kgid_t gid;
	u16 mode;

	/* Lockless: a send takes the alias's lock once, to queue. */
	do {
		seq = read_seqcount_begin(&alias->cfg_seq);
		uid = alias->cfg.uid;
		gid = alias->cfg.gid;
		mode = alias->cfg.mode;
	} while (read_seqcount_retry(&alias->cfg_seq, seq));

	if (uid_eq(current_fsuid(), uid))
		mode >>= 6;
	else if (in_group_p(gid))
		mode >>= 3;
	return (mode & bit) || ns_capable(net->user_ns, CAP_NET_ADMIN);
}

/**
 * __ftalias_alias_cfg_store() - replace the configuration of an alias
 * @alias: the alias, locked (and the table's lock held, once in the table)
 * @cfg: the new configuration
 *
 * Inside @cfg_seq, for the lockless readers of the access mode
 * (ftalias_alias_may()).
 */
void __ftalias_alias_cfg_store(struct ftalias_alias *alias,
			       const struct ftalias_alias_cfg *cfg)
{
	lockdep_assert_held(&alias->lock);

	write_seqcount_begin(&alias->cfg_seq);
	alias->cfg = *cfg;
	write_seqcount_end(&alias->cfg_seq);
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

/*
 * An alias of the table by id, under the table's lock (the data path
 * looks up with ftalias_alias_get()).
 */
/*
 * Wait, holding no lock, until @alias is not frozen: killable, as a freeze
 * is bounded (ftalias_alias_thaw(), request.c, wakes it).
 */
int ftalias_alias_wait_thawed(struct ftalias_alias *alias)
{
	return wait_var_event_killable(&alias->frozen,
				       !READ_ONCE(alias->frozen));
}

/**
 * ftalias_alias_lock_thawed() - take an alias's lock once it is not frozen
 * @alias: the alias, referenced
 *
 * For the writers of what alias-save copies (a member's records and
 * replies): they wait while the copy is taken, holding no lock, so that
 * they are never refused.  A freeze is short, bounded by the kernel
 * (ftalias_alias_freeze(), request.c).
 *
 * @nonblock: a non-blocking send: -EAGAIN instead of the wait
 *
 * Return: 0, -EAGAIN or -EINTR (a fatal signal): then the alias may still
 * be frozen.  The lock is held either way.
 */
int ftalias_alias_lock_thawed(struct ftalias_alias *alias, bool nonblock)
	__acquires(&alias->lock)
{
	spin_lock(&alias->lock);
	while (alias->frozen) {
		if (nonblock)
			return -EAGAIN;
		spin_unlock(&alias->lock);
		if (ftalias_alias_wait_thawed(alias)) {
			spin_lock(&alias->lock);
			return -EINTR;
		}
		spin_lock(&alias->lock);
	}
	return 0;
}

struct ftalias_alias *__ftalias_alias_by_id(struct ftalias_net *fn, u32 id)
{
	lockdep_assert_held(&fn->lock);
	return xa_load(&fn->aliases, id);
}
