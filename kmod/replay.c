// SPDX-License-Identifier: GPL-2.0
/*
 * The replay cache of an alias and its relay journal, state of the alias
 * that outlives every member process (seed 000's "stable area": the
 * "redundantly sent message process table" and the relay list of Figs.
 * 14-18).
 *
 * An entry is keyed by the whole ID of a request sent to the alias.  A
 * member writes it with FTALIAS_CMSG_RECORD: BLOCK makes it in progress
 * (the roll-forward point), AUTO_REPLY stores the reply, HANDLER the
 * argument of the redundant-message handler, DISCARD forgets it.  Every
 * delivery of a request to the active member looks its ID up first
 * (__ftalias_rc_check()): an auto-reply entry answers it in the kernel, a
 * handler entry turns it into a FTALIAS_F_REDUNDANT message carrying the
 * argument, an in-progress entry holds it until the entry is resolved.
 * When the member that had an entry in progress goes away, the next
 * active member gets an orphan notice: the request's bytes and its relay
 * journal (the requests the member made while serving it, FTALIAS_CMSG_PARENT).
 *
 * Lifetime of an entry: until the request's requester can no longer send
 * it again.  A socket that is not a member cannot re-send (the kernel
 * delivers its pending requests again, but once the reply is routed the
 * request is gone): its entries go when the reply does.  An alias's
 * members may re-send any ID of their alias: their entries stay until the
 * alias acknowledges them (FTALIAS_ACK, carried by its next requests as in
 * RIFL), the TTL, or eviction of the least recently recorded completed
 * entries under the per-alias limits, the total limit and the share of it
 * a network namespace may hold, and memory pressure (the shrinker).  An
 * entry in progress is never evicted: the limits refuse new ones instead
 * (ENOBUFS), so an in-progress request never silently becomes "not seen".
 * Only cache-flush with in-progress discards them.
 *
 * Locking: everything here is under the alias's lock, lookups included,
 * so an entry is freed as soon as it leaves the table.  Messages the
 * kernel makes under the lock are queued to members under it (their
 * queue locks nest inside), replies to requesters are routed after it
 * (@answers): the requester may be another alias.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/lockdep.h>
#include <linux/rhashtable.h>
#include <linux/shrinker.h>
#include <linux/slab.h>
#include <net/sock.h>

#include "alias.h"
#include "ftalias.h"
#include "msg.h"
#include "replay.h"
#include "sock.h"
#include "trace.h"

/* Relay journal records per request, and their bytes. */
#define FTALIAS_JOURNAL_MAX		16
#define FTALIAS_JOURNAL_BYTES_MAX	FTALIAS_MSG_MAX
/* Entries freed per lock hold by flushes, teardown and the shrinker. */
#define FTALIAS_RC_BATCH		256
/* Caches one shrinker scan visits, under the module-wide lock. */
#define FTALIAS_RC_SCAN_MAX		1024
/*
 * Shares of cache_total_bytes: each network namespace but the initial one
 * may hold at most 1/FTALIAS_RC_NETNS_SHARE of it, and all of them
 * together at most 1/FTALIAS_RC_OTHERS_SHARE (the rest is the initial
 * namespace's, whatever the others do).
 */
#define FTALIAS_RC_NETNS_SHARE		4
#define FTALIAS_RC_OTHERS_SHARE		2
/* Longest delay between tries to allocate an answer or notice. */
#define FTALIAS_RC_BACKOFF_MAX		((unsigned long)HZ)

/*
 * A requester that is an alias, with the entries of its requests.
 * @stray: 0 when the requester is the alias with this id in the table;
 * otherwise the entries were restored for a requester that is not in the
 * table (yet), and this is its cookie (alias.h): the alias that comes
 * with this id takes them if it has the cookie, drops them if not
 * (__ftalias_rc_stray_meet()).
 */
struct ftalias_rc_client {
	struct hlist_node node;		/* in rc->clients */
	u32 node_id;
	u32 alias;
	u64 acked;			/* its entries below are gone */
	u64 stray;
	struct list_head entries;
};

/* What an in-progress entry needs besides the entry. */
struct ftalias_rc_prog {
	struct ftalias_sock *owner;	/* NULL: orphaned, no notice yet */
	ktime_t orphaned;		/* when @owner went */
	struct sk_buff *request;	/* a copy of the request (cb, bytes) */
	struct list_head journal;	/* struct ftalias_jrec */
	u32 nr_journal;
	u32 journal_bytes;
};

/*
 * An entry and its answer are one allocation, from the size class of
 * their bytes (ftalias_rc_caches[]): the answer (auto-reply, handler) of
 * up to FTALIAS_RC_INLINE_MAX bytes is @data, a longer one is kmalloc()ed
 * (@ext), which costs no more than its rounding.  An answer never changes
 * in place: recording it (again) puts a new entry in the old one's place
 * (__ftalias_rc_replace()), so the caller allocates it with the answer's
 * bytes before the lock (ftalias_rc_data_alloc()).
 */
struct ftalias_rc_entry {
	struct rhash_head node;		/* in rc->ht */
	struct ftalias_id id;
	struct list_head lru;		/* rc->done or rc->in_progress */
	struct list_head cnode;		/* client->entries, or empty */
	u64 seq;			/* rc->seq when recorded */
	u32 stamp;			/* ms of the clock, when recorded */
	u32 len : 24;			/* up to FTALIAS_MSG_MAX */
	u32 state : 8;			/* enum ftalias_rc_state */
	union {
		struct ftalias_rc_prog *prog;	/* in progress */
		void *ext;		/* an answer beyond the inline bytes */
		DECLARE_FLEX_ARRAY(u8, data);	/* the answer's bytes */
	};
};

/* Object sizes of the entry caches: header and inline answer. */
static const u16 ftalias_rc_sizes[] = {
	88, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 256,
	320, 384, 448, 512,
};

#define FTALIAS_RC_HEAD		offsetof(struct ftalias_rc_entry, data)
#define FTALIAS_RC_INLINE_MAX	(512 - FTALIAS_RC_HEAD)

struct ftalias_jrec {
	struct list_head node;		/* in prog->journal */
	struct ftalias_id id;
	u32 alias;
	u32 flags;			/* FTALIAS_J_* */
	struct sk_buff *skb;		/* a clone: the request's bytes */
};

static const struct rhashtable_params ftalias_rc_params = {
	.head_offset		= offsetof(struct ftalias_rc_entry, node),
	.key_offset		= offsetof(struct ftalias_rc_entry, id),
	.key_len		= sizeof(struct ftalias_id),
	.automatic_shrinking	= true,
};

static struct kmem_cache *ftalias_rc_caches[ARRAY_SIZE(ftalias_rc_sizes)]
	__ro_after_init;
static char ftalias_rc_names[ARRAY_SIZE(ftalias_rc_sizes)][24];

/* Whether an answer of @len bytes is kept inline, in its entry. */
static bool ftalias_rc_inline(u32 len)
{
	return len && len <= FTALIAS_RC_INLINE_MAX;
}

/* The cache of the entries that hold @len bytes of answer, or none. */
static struct kmem_cache *ftalias_rc_cache(u32 len)
{
	u32 size = FTALIAS_RC_HEAD;
	unsigned int i = 0;

	size += ftalias_rc_inline(len) ? max_t(u32, len, sizeof(void *)) :
					 sizeof(void *);
	while (ftalias_rc_sizes[i] < size)
		i++;
	return ftalias_rc_caches[i];
}

static struct ftalias_rc_entry *ftalias_rc_entry_alloc(u32 len)
{
	struct ftalias_rc_entry *e;

	e = kmem_cache_alloc(ftalias_rc_cache(len), GFP_KERNEL);
	if (e)
		memset(e, 0, FTALIAS_RC_HEAD + sizeof(void *));
	return e;
}

/* An entry's answer, wherever it is. */
static void *ftalias_rc_data(struct ftalias_rc_entry *e)
{
	return ftalias_rc_inline(e->len) ? e->data : e->ext;
}

/* Every live cache, for the shrinker; lock order: see ftalias.h. */
static DEFINE_SPINLOCK(ftalias_rc_lock);
static LIST_HEAD(ftalias_rc_all);
static atomic64_t ftalias_rc_total = ATOMIC64_INIT(0);
/* Of the total, the bytes of the namespaces other than the initial one. */
static atomic64_t ftalias_rc_others = ATOMIC64_INIT(0);
static atomic_long_t ftalias_rc_reclaimable = ATOMIC_LONG_INIT(0);

u64 ftalias_rc_total_bytes(void)
{
	return atomic64_read(&ftalias_rc_total);
}

/*
 * Milliseconds of the monotonic clock, in 32 bits (an entry lives one day
 * at most; the TTL work runs before the count wraps in 49 days).  Not
 * jiffies: they lag behind the clock while the CPU that keeps them misses
 * ticks, and an entry stamped then would expire early, so that a re-sent
 * request just inside cache-ttl-ms would run again.
 */
static u32 ftalias_rc_now(void)
{
	return (u32)ktime_to_ms(ktime_get());
}

static u32 ftalias_rc_age_ms(const struct ftalias_rc_entry *e)
{
	return ftalias_rc_now() - e->stamp;
}

static u64 ftalias_rc_cost(const struct ftalias_rc_entry *e)
{
	u64 cost = sizeof(*e) + e->len;

	if (e->state == FTALIAS_RC_IN_PROGRESS)
		cost += sizeof(*e->prog) + e->prog->request->len +
			e->prog->journal_bytes;
	return cost;
}

/* What @e costs more once it holds @len bytes as a completed entry. */
static u64 ftalias_rc_growth(const struct ftalias_rc_entry *e, u32 len)
{
	u64 now = ftalias_rc_cost(e), then = sizeof(*e) + len;

	return then > now ? then - now : 0;
}

/* @bytes more (or less) in the counters above the alias of @rc. */
static void ftalias_rc_charge_net(struct ftalias_rc *rc, s64 bytes)
{
	struct ftalias_alias *alias = container_of(rc, struct ftalias_alias, rc);

	atomic64_add(bytes, &ftalias_rc_total);
	atomic64_add(bytes, &ftalias_net(alias->net)->rc_bytes);
	if (!net_eq(alias->net, &init_net))
		atomic64_add(bytes, &ftalias_rc_others);
}

/* Every field of a cache is under the lock of the alias it is part of. */
static void ftalias_rc_assert_held(struct ftalias_rc *rc)
{
	lockdep_assert_held(&container_of(rc, struct ftalias_alias, rc)->lock);
}

/* @bytes more (or less) for entry @e, in its present state. */
static void __ftalias_rc_charge(struct ftalias_rc *rc,
				const struct ftalias_rc_entry *e, s64 bytes)
{
	ftalias_rc_assert_held(rc);

	rc->bytes += bytes;
	if (e->state == FTALIAS_RC_IN_PROGRESS)
		rc->prog_bytes += bytes;
	ftalias_rc_charge_net(rc, bytes);
}

static u64 ftalias_rc_excess(s64 bytes, u64 cost, u64 limit)
{
	u64 want = (u64)max_t(s64, bytes, 0) + cost;

	return want > limit ? want - limit : 0;
}

/*
 * How many bytes @alias must free before it may hold @cost more under the
 * module-wide limits: the total, and for a namespace other than the
 * initial one its share and the share of all such namespaces.  The
 * counters move under other aliases' locks: a snapshot.
 */
static u64 ftalias_rc_over(struct ftalias_alias *alias, u64 cost)
{
	u64 limit = READ_ONCE(ftalias_cache_total_limit), over, o;

	over = ftalias_rc_excess(atomic64_read(&ftalias_rc_total), cost, limit);
	if (net_eq(alias->net, &init_net))
		return over;
	o = ftalias_rc_excess(atomic64_read(&ftalias_net(alias->net)->rc_bytes),
			      cost, limit / FTALIAS_RC_NETNS_SHARE);
	over = max(over, o);
	o = ftalias_rc_excess(atomic64_read(&ftalias_rc_others), cost,
			      limit / FTALIAS_RC_OTHERS_SHARE);
	return max(over, o);
}

/*
 * Room for @cost more bytes of the alias log (log.c) under the module-wide
 * limits, which its checkpoints share with the replay caches.
 */
bool ftalias_rc_room(struct ftalias_alias *alias, u64 cost)
{
	return !ftalias_rc_over(alias, cost);
}

/* @bytes more (or less) that the log of @alias holds, in the counters. */
void ftalias_rc_charge_log(struct ftalias_alias *alias, s64 bytes)
{
	ftalias_rc_charge_net(&alias->rc, bytes);
}

static struct ftalias_rc_entry *__ftalias_rc_lookup(struct ftalias_rc *rc,
						    const struct ftalias_id *id)
{
	ftalias_rc_assert_held(rc);

	return rhashtable_lookup_fast(&rc->ht, id, ftalias_rc_params);
}

static void ftalias_jrec_free(struct ftalias_jrec *jr)
{
	kfree_skb(jr->skb);
	kfree(jr);
}

static void ftalias_rc_prog_free(struct ftalias_rc_prog *prog)
{
	struct ftalias_jrec *jr, *tmp;

	list_for_each_entry_safe(jr, tmp, &prog->journal, node)
		ftalias_jrec_free(jr);
	kfree_skb(prog->request);
	kfree(prog);
}

static struct ftalias_rc_client *__ftalias_rc_client(struct ftalias_rc *rc,
						     const struct ftalias_id *id)
{
	struct ftalias_rc_client *c;

	ftalias_rc_assert_held(rc);

	hash_for_each_possible(rc->clients, c, node, id->alias)
		if (c->alias == id->alias && c->node_id == id->node)
			return c;
	return NULL;
}

static void __ftalias_rc_client_free(struct ftalias_rc *rc,
				     struct ftalias_rc_client *c)
{
	ftalias_rc_assert_held(rc);

	if (c->stray)
		rc->nr_strays--;
	hash_del(&c->node);
	kfree(c);
}

/*
 * @e leaves the list of its client (an alias requester): the client goes
 * with its last entry, and with it what it acknowledged (nothing of it is
 * left to forget).
 */
static void __ftalias_rc_client_del(struct ftalias_rc *rc,
				    struct ftalias_rc_entry *e)
{
	struct ftalias_rc_client *c;

	ftalias_rc_assert_held(rc);

	if (list_empty(&e->cnode))
		return;
	list_del_init(&e->cnode);
	c = __ftalias_rc_client(rc, &e->id);
	if (!WARN_ON_ONCE(!c) && list_empty(&c->entries))
		__ftalias_rc_client_free(rc, c);
}

/*
 * An entry or journal record came, went or moved: a dump that spans
 * several messages is then marked interrupted.  Never 0, the "no
 * generation yet" of nl_dump_check_consistent().
 */
static void __ftalias_rc_changed(struct ftalias_rc *rc)
{
	ftalias_rc_assert_held(rc);

	if (!++rc->genid)
		rc->genid = 1;
}

/* Take @e out of its lists and the table; the caller frees it. */
static void __ftalias_rc_unlink(struct ftalias_alias *alias,
				struct ftalias_rc_entry *e)
{
	struct ftalias_rc *rc = &alias->rc;

	lockdep_assert_held(&alias->lock);

	rhashtable_remove_fast(&rc->ht, &e->node, ftalias_rc_params);
	list_del(&e->lru);
	__ftalias_rc_changed(rc);
	__ftalias_rc_client_del(rc, e);
	rc->entries--;
	__ftalias_rc_charge(rc, e, -ftalias_rc_cost(e));
	if (e->state == FTALIAS_RC_IN_PROGRESS) {
		rc->nr_in_progress--;
		rc->nr_journal -= e->prog->nr_journal;
		if (!e->prog->owner)
			rc->nr_orphans--;
	} else {
		atomic_long_dec(&ftalias_rc_reclaimable);
	}
}

static void ftalias_rc_entry_free(struct ftalias_rc_entry *e)
{
	if (e->state == FTALIAS_RC_IN_PROGRESS)
		ftalias_rc_prog_free(e->prog);
	else if (!ftalias_rc_inline(e->len))
		kfree(e->ext);
	kmem_cache_free(ftalias_rc_cache(e->len), e);
}

/*
 * Remove an entry, whatever its state, and count it in @counter if not
 * NULL.  The request waiting on an entry in progress, if any, goes on
 * (@released): it is delivered as new (the entry is no longer in the
 * table).
 */
static void __ftalias_rc_forget(struct ftalias_alias *alias,
				struct ftalias_rc_entry *e, u64 *counter)
{
	bool prog = e->state == FTALIAS_RC_IN_PROGRESS;

	lockdep_assert_held(&alias->lock);

	__ftalias_rc_unlink(alias, e);
	if (counter)
		(*counter)++;
	if (prog && alias->rc.waiting)
		alias->rc.released = true;
	ftalias_rc_entry_free(e);
}

/*
 * Make room for @cost more bytes (and one more entry if @entry) by
 * evicting the least recently recorded completed entries, but for @keep
 * (an entry recorded again, or NULL), under the alias's limits and the
 * module-wide ones (ftalias_rc_over()).  When the alias's own completed
 * entries could not make the room, nothing is evicted; but the total and
 * the namespace shares are shared, and when others grow them meanwhile
 * the alias may evict all it could and still be refused.
 */
static int __ftalias_rc_room(struct ftalias_alias *alias, u64 cost,
			     bool entry, struct ftalias_rc_entry *keep)
{
	const struct ftalias_alias_cfg *cfg = &alias->cfg;
	struct ftalias_rc *rc = &alias->rc;
	struct ftalias_rc_entry *e;
	u64 free_bytes, bytes;
	u32 free_entries;

	lockdep_assert_held(&alias->lock);

	/* What the alias could free; the total may move meanwhile. */
	free_bytes = rc->bytes - rc->prog_bytes;
	free_entries = rc->entries - rc->nr_in_progress;
	if (keep) {
		free_bytes -= ftalias_rc_cost(keep);
		free_entries--;
	}
	if ((entry && rc->entries >= cfg->cache_max_entries &&
	     rc->entries + 1 - cfg->cache_max_entries > free_entries) ||
	    (rc->bytes + cost > cfg->cache_max_bytes &&
	     rc->bytes + cost - cfg->cache_max_bytes > free_bytes) ||
	    ftalias_rc_over(alias, cost) > free_bytes)
		goto refuse;

	for (;;) {
		bytes = rc->bytes + cost;
		if (!(entry && rc->entries >= cfg->cache_max_entries) &&
		    bytes <= cfg->cache_max_bytes &&
		    !ftalias_rc_over(alias, cost))
			return 0;
		/*
		 * Another alias may take the room this one made (its own
		 * lock, the same total or namespace): the list may run out.
		 */
		e = list_first_entry_or_null(&rc->done, struct ftalias_rc_entry,
					     lru);
		if (e && e == keep)
			e = list_is_last(&e->lru, &rc->done) ? NULL :
				list_next_entry(e, lru);
		if (!e)
			goto refuse;
		__ftalias_rc_forget(alias, e, &rc->stats.evict_lru);
	}
refuse:
	rc->stats.refused++;
	return -ENOBUFS;
}

/*
 * Put a new entry in the table and on its lists: @e has its ID, state,
 * data or progress filled in.  The client record of an alias requester is
 * made here the first time (GFP_ATOMIC: once per requesting alias), before
 * anything is evicted.
 */
static int __ftalias_rc_insert(struct ftalias_alias *alias,
			       struct ftalias_rc_entry *e)
{
	struct ftalias_rc *rc = &alias->rc;
	struct ftalias_rc_client *c;
	int err;

	lockdep_assert_held(&alias->lock);

	INIT_LIST_HEAD(&e->cnode);
	if (e->id.alias) {
		c = __ftalias_rc_client(rc, &e->id);
		/* Acknowledged already: it will not come again. */
		if (c && e->id.xid < c->acked)
			return -ESTALE;
		if (!c) {
			c = kzalloc(sizeof(*c), GFP_ATOMIC | __GFP_NOWARN |
					      __GFP_ACCOUNT);
			if (!c)
				return -ENOMEM;
			c->node_id = e->id.node;
			c->alias = e->id.alias;
			INIT_LIST_HEAD(&c->entries);
			hash_add(rc->clients, &c->node, c->alias);
		}
		/* On the client's list first: the room cannot free it then. */
		list_add_tail(&e->cnode, &c->entries);
	}
	err = __ftalias_rc_room(alias, ftalias_rc_cost(e), true, NULL);
	if (err) {
		__ftalias_rc_client_del(rc, e);
		return err;
	}
	err = rhashtable_lookup_insert_fast(&rc->ht, &e->node,
					    ftalias_rc_params);
	if (err) {
		__ftalias_rc_client_del(rc, e);
		rc->stats.refused++;
		return err == -EEXIST ? err : -ENOBUFS;
	}
	e->stamp = ftalias_rc_now();
	e->seq = ++rc->seq;
	__ftalias_rc_changed(rc);
	rc->entries++;
	rc->stats.recorded++;
	__ftalias_rc_charge(rc, e, ftalias_rc_cost(e));
	if (e->state == FTALIAS_RC_IN_PROGRESS) {
		list_add_tail(&e->lru, &rc->in_progress);
		rc->nr_in_progress++;
	} else {
		list_add_tail(&e->lru, &rc->done);
		atomic_long_inc(&ftalias_rc_reclaimable);
	}
	return 0;
}

/* The TTL work of the alias, when its first completed entry appears. */
static void __ftalias_rc_schedule_ttl(struct ftalias_alias *alias)
{
	lockdep_assert_held(&alias->lock);

	if (list_is_singular(&alias->rc.done))
		alias->rc.arm_ttl = true;
}

/*
 * @ne, a completed entry of @e's ID, takes @e's place in the table and on
 * the list of its client, and comes last on @done (recorded now, so that
 * @done stays in record order, for the TTL and eviction).  The caller
 * charges for both and frees @e.
 */
static void __ftalias_rc_replace(struct ftalias_rc *rc,
				 struct ftalias_rc_entry *e,
				 struct ftalias_rc_entry *ne)
{
	ftalias_rc_assert_held(rc);

	/* Cannot fail: @e is in the table, whose lock is held. */
	WARN_ON_ONCE(rhashtable_replace_fast(&rc->ht, &e->node, &ne->node,
					     ftalias_rc_params));
	if (list_empty(&e->cnode))
		INIT_LIST_HEAD(&ne->cnode);
	else
		list_replace_init(&e->cnode, &ne->cnode);
	list_del(&e->lru);
	list_add_tail(&ne->lru, &rc->done);
	ne->stamp = ftalias_rc_now();
	ne->seq = ++rc->seq;
	__ftalias_rc_changed(rc);
}

/*
 * Resolve the in-progress entry @e: @ne, its answer, takes its place; the
 * request held on it goes on (@released).
 */
static void __ftalias_rc_resolve(struct ftalias_alias *alias,
				 struct ftalias_rc_entry *e,
				 struct ftalias_rc_entry *ne)
{
	struct ftalias_rc *rc = &alias->rc;
	struct ftalias_rc_prog *prog = e->prog;

	lockdep_assert_held(&alias->lock);

	__ftalias_rc_charge(rc, e, -ftalias_rc_cost(e));
	rc->nr_in_progress--;
	rc->nr_journal -= prog->nr_journal;
	if (!prog->owner)
		rc->nr_orphans--;
	__ftalias_rc_replace(rc, e, ne);
	atomic_long_inc(&ftalias_rc_reclaimable);
	__ftalias_rc_charge(rc, ne, ftalias_rc_cost(ne));
	__ftalias_rc_schedule_ttl(alias);
	if (rc->waiting)
		rc->released = true;
	ftalias_rc_entry_free(e);
}

/*
 * Copy @len bytes of @from into @to at @off: one skb_copy_bits() per piece
 * of @to (its head, then its order-0 fragments, always mapped on 64 bit).
 */
static void ftalias_rc_copy(struct sk_buff *to, int off,
			    const struct sk_buff *from, int len)
{
	int head = skb_headlen(to), start = head, done = 0, end, n, i;
	skb_frag_t *f;

	/* Cannot fail: the bytes and the room are there. */
	if (off < head) {
		n = min(len, head - off);
		if (WARN_ON_ONCE(skb_copy_bits(from, 0, to->data + off, n)))
			return;
		done = n;
	}
	for (i = 0; i < skb_shinfo(to)->nr_frags && done < len; i++) {
		f = &skb_shinfo(to)->frags[i];
		end = start + skb_frag_size(f);
		if (off + done < end) {
			n = min(len - done, end - (off + done));
			if (WARN_ON_ONCE(skb_copy_bits(from, done,
						       skb_frag_address(f) +
						       off + done - start, n)))
				return;
			done += n;
		}
		start = end;
	}
	WARN_ON_ONCE(done != len);
}

/*
 * The retry delay after an answer or notice of the alias could not be
 * allocated: 1 jiffy after the first failure, doubled at each further
 * failure in a row (answers and notices count together), at most
 * FTALIAS_RC_BACKOFF_MAX; the next success sets it back to 0.
 */
static unsigned long __ftalias_rc_fail(struct ftalias_rc *rc)
{
	ftalias_rc_assert_held(rc);

	rc->backoff = clamp(rc->backoff * 2, 1UL, FTALIAS_RC_BACKOFF_MAX);
	return rc->backoff;
}

/**
 * __ftalias_rc_backoff() - when to try a delivery the cache failed again
 * @alias: the alias, locked, whose __ftalias_rc_check() said
 *	FTALIAS_RC_RETRY
 *
 * Return: the delay in jiffies.
 */
unsigned long __ftalias_rc_backoff(struct ftalias_alias *alias)
{
	lockdep_assert_held(&alias->lock);

	return alias->rc.backoff ?: 1;
}

/*
 * Put the bytes of @request (a clone of it, on the frag_list) after those
 * of @msg, filled in (NULL: out of memory), and give it @request's control
 * block without the request's reference.
 *
 * Return: @msg, or NULL (and @msg freed).
 */
static struct sk_buff *ftalias_rc_attach(struct sk_buff *msg,
					 struct sk_buff *request)
{
	struct sk_buff *clone;

	if (!msg)
		return NULL;
	clone = skb_clone(request, GFP_ATOMIC | __GFP_NOWARN);
	if (!clone) {
		kfree_skb(msg);
		return NULL;
	}
	skb_shinfo(msg)->frag_list = clone;
	msg->len += clone->len;
	msg->data_len += clone->len;
	msg->truesize += clone->truesize;
	*ftalias_cb(msg) = *ftalias_cb(request);
	ftalias_cb(msg)->req = NULL;
	return msg;
}

/**
 * __ftalias_rc_check() - what to do with a request about to be delivered
 * @alias: the alias it was sent to, locked
 * @req: the request, on @alias's pending list
 * @skb: set to the message to deliver instead (FTALIAS_RC_DELIVER_SKB),
 *	or to the reply to route (FTALIAS_RC_ANSWERED)
 *
 * FTALIAS_RC_WAIT: @req is to wait on its in-progress entry; the caller
 * makes it wait (req->waiting, counted in @alias->rc.waiting).
 *
 * Return: enum ftalias_rc_verdict.
 */
enum ftalias_rc_verdict __ftalias_rc_check(struct ftalias_alias *alias,
					   const struct ftalias_req *req,
					   struct sk_buff **skb)
{
	struct ftalias_rc *rc = &alias->rc;
	struct ftalias_rc_entry *e;
	struct ftalias_skb_cb *cb;
	struct sk_buff *msg;
	int err;

	lockdep_assert_held(&alias->lock);

	e = rc->live && rc->entries ? __ftalias_rc_lookup(rc, &req->id) : NULL;
	if (!e) {
		rc->stats.misses++;
		return FTALIAS_RC_DELIVER;
	}

	switch (e->state) {
	case FTALIAS_RC_IN_PROGRESS:
		rc->stats.hits_held++;
		trace_ftalias_cache_hit(alias, req, e->state, e->len);
		return FTALIAS_RC_WAIT;

	case FTALIAS_RC_AUTO_REPLY:
		msg = ftalias_alloc_data(e->len, GFP_ATOMIC, &err);
		if (!msg)
			goto retry;
		/* Cannot fail: the room is there. */
		WARN_ON_ONCE(skb_store_bits(msg, 0, ftalias_rc_data(e), e->len));
		cb = ftalias_cb(msg);
		memset(cb, 0, sizeof(*cb));
		cb->kind = FTALIAS_MSG_REPLY;
		cb->id = req->id;
		cb->to_alias = !!req->id.alias;
		cb->src_alias = alias->id;
		rc->stats.hits_auto++;
		trace_ftalias_cache_hit(alias, req, e->state, e->len);
		rc->backoff = 0;
		*skb = msg;
		return FTALIAS_RC_ANSWERED;

	default:
		/* The handler's argument, then the request's bytes. */
		msg = ftalias_alloc_data(e->len, GFP_ATOMIC, &err);
		if (msg)
			WARN_ON_ONCE(skb_store_bits(msg, 0, ftalias_rc_data(e), e->len));
		msg = ftalias_rc_attach(msg, req->skb);
		if (!msg)
			goto retry;
		cb = ftalias_cb(msg);
		cb->flags = FTALIAS_F_REDUNDANT;
		cb->aux = e->len;
		rc->stats.hits_handler++;
		trace_ftalias_cache_hit(alias, req, e->state, e->len);
		rc->backoff = 0;
		*skb = msg;
		return FTALIAS_RC_DELIVER_SKB;
	}
retry:
	__ftalias_rc_fail(rc);
	return FTALIAS_RC_RETRY;
}

/*
 * The orphan notice of @e: its journal, then the request's bytes.
 *
 * Return: the notice, or NULL with *@err set (see ftalias_alloc_data()).
 */
static struct sk_buff *ftalias_rc_notice(struct ftalias_rc_entry *e, int *err)
{
	static const u8 pad[FTALIAS_JOURNAL_ALIGN];
	struct ftalias_rc_prog *prog = e->prog;
	struct ftalias_journal_rec hdr;
	struct ftalias_skb_cb *cb;
	struct ftalias_jrec *jr;
	struct sk_buff *msg;
	u32 size = 0, off, len;

	list_for_each_entry(jr, &prog->journal, node)
		size += sizeof(hdr) + ALIGN(jr->skb->len, FTALIAS_JOURNAL_ALIGN);
	msg = ftalias_alloc_data(size, GFP_ATOMIC, err);
	if (!msg)
		return NULL;
	off = 0;
	list_for_each_entry(jr, &prog->journal, node) {
		len = jr->skb->len;
		memset(&hdr, 0, sizeof(hdr));
		hdr.id = jr->id;
		hdr.alias = jr->alias;
		hdr.flags = jr->flags;
		hdr.len = len;
		WARN_ON_ONCE(skb_store_bits(msg, off, &hdr, sizeof(hdr)));
		off += sizeof(hdr);
		ftalias_rc_copy(msg, off, jr->skb, len);
		off += len;
		len = ALIGN(len, FTALIAS_JOURNAL_ALIGN) - len;
		if (len)
			WARN_ON_ONCE(skb_store_bits(msg, off, pad, len));
		off += len;
	}
	msg = ftalias_rc_attach(msg, prog->request);
	if (!msg) {
		*err = -ENOMEM;
		return NULL;
	}
	cb = ftalias_cb(msg);
	cb->kind = FTALIAS_MSG_ORPHAN;
	cb->flags = FTALIAS_F_ORPHAN;
	cb->aux = size;
	return msg;
}

/**
 * __ftalias_rc_notify() - give the orphaned entries to the active member
 * @alias: the alias, locked
 * @to: its active member
 * @notices: the orphan notices for @to, added in entry order; the caller
 *	queues them to @to before the lock goes
 *
 * Each orphaned in-progress entry becomes @to's to resolve, with an
 * orphan notice.  Out of memory, the alias's work must try again, the
 * delay doubling with each failure in a row and reset by a success
 * (__ftalias_rc_fail()).  A notice too big for any skb is no transient
 * failure: it cannot happen (ftalias_rc_module_init()), but if it did,
 * that entry stays an orphan and the others still get their notices.
 *
 * Return: 0, or the delay in jiffies after which to try again.
 */
unsigned long __ftalias_rc_notify(struct ftalias_alias *alias,
				  struct ftalias_sock *to,
				  struct sk_buff_head *notices)
{
	struct ftalias_rc *rc = &alias->rc;
	struct ftalias_rc_entry *e;
	struct sk_buff *msg;
	int err;

	lockdep_assert_held(&alias->lock);

	if (!rc->nr_orphans)
		return 0;
	list_for_each_entry(e, &rc->in_progress, lru) {
		if (e->prog->owner)
			continue;
		msg = ftalias_rc_notice(e, &err);
		if (!msg && WARN_ON_ONCE(err == -EMSGSIZE))
			continue;
		if (!msg)
			return __ftalias_rc_fail(rc);
		rc->backoff = 0;
		e->prog->owner = to;
		rc->nr_orphans--;
		rc->stats.orphans++;
		__skb_queue_tail(notices, msg);
	}
	return 0;
}

/* Member @old leaves: the entries it had in progress become orphans. */
void __ftalias_rc_member_gone(struct ftalias_alias *alias,
			      struct ftalias_sock *old)
{
	struct ftalias_rc *rc = &alias->rc;
	struct ftalias_rc_entry *e;

	lockdep_assert_held(&alias->lock);

	if (!rc->nr_in_progress)
		return;
	list_for_each_entry(e, &rc->in_progress, lru) {
		if (e->prog->owner != old)
			continue;
		e->prog->owner = NULL;
		e->prog->orphaned = ktime_get();
		rc->nr_orphans++;
	}
}

/**
 * __ftalias_rc_unowned() - whether nobody is resolving an entry
 * @alias: the alias, locked
 * @id: the ID of a request waiting on its in-progress entry
 * @since: set to when the entry lost its owner, if it did
 *
 * Return: false while a member owns the entry (it may still resolve it).
 */
bool __ftalias_rc_unowned(struct ftalias_alias *alias,
			  const struct ftalias_id *id, ktime_t *since)
{
	struct ftalias_rc_entry *e;

	lockdep_assert_held(&alias->lock);

	e = alias->rc.live && alias->rc.entries ?
		__ftalias_rc_lookup(&alias->rc, id) : NULL;
	if (!e || e->state != FTALIAS_RC_IN_PROGRESS)
		return true;
	if (e->prog->owner)
		return false;
	*since = e->prog->orphaned;
	return true;
}

/**
 * __ftalias_rc_in_progress() - whether the entry of @id is in progress
 * @alias: the alias, locked
 * @id: a request ID
 *
 * A request waiting on its entry (req->waiting) goes on once this is false.
 *
 * Return: true while an in-progress entry of @id is in the cache.
 */
bool __ftalias_rc_in_progress(struct ftalias_alias *alias,
			      const struct ftalias_id *id)
{
	struct ftalias_rc_entry *e;

	lockdep_assert_held(&alias->lock);

	e = alias->rc.live && alias->rc.entries ?
		__ftalias_rc_lookup(&alias->rc, id) : NULL;
	return e && e->state == FTALIAS_RC_IN_PROGRESS;
}

/**
 * __ftalias_rc_ack() - a requester alias acknowledges its transaction ids
 * @alias: the alias a request of the requester was sent to, locked
 * @id: the request's ID (its node and alias name the requester)
 * @ack: the requester will not send again any ID below this one
 */
void __ftalias_rc_ack(struct ftalias_alias *alias, const struct ftalias_id *id,
		      u64 ack)
{
	struct ftalias_rc *rc = &alias->rc;
	struct ftalias_rc_entry *e, *tmp;
	struct ftalias_rc_client *c;
	bool last;

	lockdep_assert_held(&alias->lock);

	if (!rc->live || !rc->entries)
		return;
	c = __ftalias_rc_client(rc, id);
	if (!c || ack <= c->acked)
		return;
	c->acked = ack;
	/* The last entry to go takes @c with it: stop before. */
	list_for_each_entry_safe(e, tmp, &c->entries, cnode) {
		if (e->id.xid >= ack || e->state == FTALIAS_RC_IN_PROGRESS)
			continue;
		last = list_is_singular(&c->entries);
		__ftalias_rc_forget(alias, e, &rc->stats.evict_ack);
		if (last)
			return;
	}
}

/**
 * __ftalias_rc_replied() - the request @id sent to @alias was answered
 * @alias: the alias, locked
 * @id: the request's ID
 *
 * A socket that is not a member cannot send the request again: its entry
 * goes now.  An alias's entry stays, but an in-progress one that the
 * reply did not record is forgotten (nothing says how to answer again).
 */
void __ftalias_rc_replied(struct ftalias_alias *alias,
			  const struct ftalias_id *id)
{
	struct ftalias_rc *rc = &alias->rc;
	struct ftalias_rc_entry *e;

	lockdep_assert_held(&alias->lock);

	if (!rc->live || !rc->entries)
		return;
	e = __ftalias_rc_lookup(rc, id);
	if (!e)
		return;
	if (!id->alias)
		__ftalias_rc_forget(alias, e, &rc->stats.evict_ack);
	else if (e->state == FTALIAS_RC_IN_PROGRESS)
		__ftalias_rc_forget(alias, e, NULL);
}

/**
 * __ftalias_rc_gone() - the request @id sent to @alias left unanswered
 * @alias: the alias, locked
 * @id: the request's ID
 *
 * Its requester went away, or the kernel failed it.  A socket that is not
 * a member cannot send it again: its entry, in whatever state, goes now
 * (so no later socket on the same port can ever meet it).  An alias's
 * members may send it again: its entry stays.
 */
void __ftalias_rc_gone(struct ftalias_alias *alias, const struct ftalias_id *id)
{
	struct ftalias_rc *rc = &alias->rc;
	struct ftalias_rc_entry *e;

	lockdep_assert_held(&alias->lock);

	if (!rc->live || !rc->entries || id->alias)
		return;
	e = __ftalias_rc_lookup(rc, id);
	if (e)
		__ftalias_rc_forget(alias, e, &rc->stats.evict_ack);
}

/**
 * __ftalias_rc_client_gone() - an alias that made requests was deleted
 * @alias: an alias whose cache may hold entries of the requests, locked
 * @client: the id of the deleted alias
 *
 * Nothing can send those requests again: their entries go, in whatever
 * state, so that an alias created later with the same id never meets
 * them.  Called under the table's lock, which keeps that later alias
 * from being created meanwhile.  A batch of entries at a time: the
 * caller lets the lock go in between.
 *
 * Return: true if entries of @client are left.
 */
bool __ftalias_rc_client_gone(struct ftalias_alias *alias, u32 client)
{
	const struct ftalias_id id = { .alias = client };
	struct ftalias_rc *rc = &alias->rc;
	struct ftalias_rc_client *c;
	struct ftalias_rc_entry *e;
	unsigned int n;
	bool last;

	lockdep_assert_held(&alias->lock);

	if (!rc->live)
		return false;
	c = __ftalias_rc_client(rc, &id);
	if (!c)
		return false;
	for (n = 0, last = false; n < FTALIAS_RC_BATCH && !last; n++) {
		if (WARN_ON_ONCE(list_empty(&c->entries)))
			break;
		e = list_first_entry(&c->entries, struct ftalias_rc_entry,
				     cnode);
		/* The last entry takes @c with it. */
		last = list_is_singular(&c->entries);
		__ftalias_rc_forget(alias, e, &rc->stats.evict_ack);
	}
	return !last && n == FTALIAS_RC_BATCH;
}

/* The reply to @id, a request of this alias's members, came back. */
void __ftalias_rc_journal_replied(struct ftalias_alias *alias,
				  const struct ftalias_id *id)
{
	struct ftalias_rc *rc = &alias->rc;
	struct ftalias_rc_entry *e;
	struct ftalias_jrec *jr;

	lockdep_assert_held(&alias->lock);

	if (!rc->nr_journal)
		return;
	list_for_each_entry(e, &rc->in_progress, lru)
		list_for_each_entry(jr, &e->prog->journal, node)
			if (!memcmp(&jr->id, id, sizeof(*id))) {
				jr->flags |= FTALIAS_J_REPLIED;
				return;
			}
}

/**
 * __ftalias_rc_expire() - drop the completed entries older than the TTL
 * @alias: the alias, locked
 *
 * Return: when to look again (jiffies), or 0 if none is left.
 */
unsigned long __ftalias_rc_expire(struct ftalias_alias *alias)
{
	u32 ttl = alias->cfg.cache_ttl_ms;
	struct ftalias_rc *rc = &alias->rc;
	struct ftalias_rc_entry *e;
	u32 age;

	lockdep_assert_held(&alias->lock);

	while ((e = list_first_entry_or_null(&rc->done,
					     struct ftalias_rc_entry, lru))) {
		age = ftalias_rc_age_ms(e);
		/*
		 * Both ends of @age are whole milliseconds, cut down: an
		 * entry @age old may be up to a millisecond younger.  It is
		 * surely @ttl old only at @ttl + 1.  Then a tick more: the
		 * timer may fire before the clock's millisecond.
		 */
		if (age <= ttl)
			return jiffies + 1 + msecs_to_jiffies(ttl - age + 1);
		__ftalias_rc_forget(alias, e, &rc->stats.evict_ttl);
	}
	return 0;
}

/* The copy of @n->want request bytes, for another try. */
int ftalias_rc_new_request(struct ftalias_rc_new *n)
{
	int err;

	kfree_skb(n->request);
	n->request = ftalias_alloc_data(n->want, GFP_KERNEL_ACCOUNT, &err);
	return n->request ? 0 : err;
}

/**
 * ftalias_rc_data_alloc() - room for the answer a member records
 * @len: its bytes, at least one
 *
 * Before the alias's lock: an answer short enough to be kept inline comes
 * in the entry that will hold it.
 *
 * Return: where to put the bytes, or NULL.  __ftalias_rc_record() takes
 * them, else they are freed with ftalias_rc_data_free().
 */
void *ftalias_rc_data_alloc(u32 len)
{
	struct ftalias_rc_entry *e;

	if (!ftalias_rc_inline(len))
		return kmalloc(len, GFP_KERNEL_ACCOUNT);
	e = ftalias_rc_entry_alloc(len);
	return e ? e->data : NULL;
}

void ftalias_rc_data_free(void *data, u32 len)
{
	if (!data)
		return;
	if (ftalias_rc_inline(len))
		kmem_cache_free(ftalias_rc_cache(len),
				container_of(data, struct ftalias_rc_entry,
					     data));
	else
		kfree(data);
}

/*
 * The entry of a record, unless its @len bytes of answer came in one
 * (ftalias_rc_data_alloc()), and its progress if it is a BLOCK.
 */
int ftalias_rc_new_alloc(struct ftalias_rc_new *n, bool prog, u32 len)
{
	if (prog || !ftalias_rc_inline(len)) {
		n->entry = ftalias_rc_entry_alloc(0);
		if (!n->entry)
			return -ENOMEM;
	}
	if (prog) {
		n->prog = kzalloc(sizeof(*n->prog), GFP_KERNEL_ACCOUNT);
		if (!n->prog)
			return -ENOMEM;
	}
	return 0;
}

/* What a record did not use. */
void ftalias_rc_new_free(struct ftalias_rc_new *n)
{
	if (n->entry)
		kmem_cache_free(ftalias_rc_cache(0), n->entry);
	kfree(n->prog);
	kfree_skb(n->request);
}

/*
 * Create the in-progress entry of @id for member @fsk: @request is the
 * message of the request @id pending at @alias (the member is serving
 * it), NULL if there is none.  -EAGAIN: the copy of the request's bytes
 * in @n is missing or of another size, the caller allocates @n->want
 * bytes and tries again.
 */
static int __ftalias_rc_block(struct ftalias_alias *alias,
			      struct ftalias_sock *fsk,
			      const struct ftalias_id *id,
			      const struct sk_buff *request,
			      struct ftalias_rc_new *n)
{
	struct ftalias_rc_entry *e = n->entry;
	struct ftalias_rc_prog *prog = n->prog;
	int err;

	lockdep_assert_held(&alias->lock);

	if (!request)
		return -ENOENT;
	if (!n->request || n->request->len != request->len) {
		n->want = request->len;
		return -EAGAIN;
	}
	ftalias_rc_copy(n->request, 0, request, request->len);
	*ftalias_cb(n->request) = *ftalias_cb(request);
	ftalias_cb(n->request)->req = NULL;
	prog->request = n->request;
	prog->owner = fsk;
	INIT_LIST_HEAD(&prog->journal);
	e->id = *id;
	e->state = FTALIAS_RC_IN_PROGRESS;
	e->prog = prog;
	err = __ftalias_rc_insert(alias, e);
	if (err) {
		prog->request = NULL;
		return err;
	}
	n->entry = NULL;
	n->prog = NULL;
	n->request = NULL;
	return 0;
}

/*
 * The entry that will hold an answer of @len bytes at @data: the one the
 * bytes came in, or @n's (no bytes, or kmalloc()ed ones).
 */
static struct ftalias_rc_entry *ftalias_rc_answer(void *data, u32 len,
						  struct ftalias_rc_new *n)
{
	struct ftalias_rc_entry *e;

	if (ftalias_rc_inline(len))
		return container_of(data, struct ftalias_rc_entry, data);
	e = n->entry;
	e->ext = data;
	return e;
}

/*
 * Record the answer (@state: an auto-reply or a handler's argument) of
 * request @id, whose entry is @e (NULL: none yet); as
 * __ftalias_rc_record().  The answer is a new entry, which takes the
 * place of @e if there is one.
 */
static int __ftalias_rc_record_answer(struct ftalias_alias *alias,
				      const struct ftalias_id *id,
				      struct ftalias_rc_entry *e, u8 state,
				      const struct sk_buff *request,
				      void **data, u32 len,
				      struct ftalias_rc_new *n)
{
	struct ftalias_rc *rc = &alias->rc;
	struct ftalias_rc_entry *ne, *keep;
	int err;

	lockdep_assert_held(&alias->lock);

	if (!e && !request)
		return -ENOENT;
	ne = ftalias_rc_answer(*data, len, n);
	ne->id = *id;
	ne->state = state;
	ne->len = len;
	if (!e) {
		err = __ftalias_rc_insert(alias, ne);
		if (err)
			return err;
		__ftalias_rc_schedule_ttl(alias);
		goto taken;
	}
	/* Recorded again: not a victim of the room it makes. */
	keep = e->state == FTALIAS_RC_IN_PROGRESS ? NULL : e;
	err = __ftalias_rc_room(alias, ftalias_rc_growth(e, len), false, keep);
	if (err)
		return err;
	if (!keep) {
		__ftalias_rc_resolve(alias, e, ne);
		goto taken;
	}
	__ftalias_rc_charge(rc, e, (s64)len - e->len);
	__ftalias_rc_replace(rc, e, ne);
	ftalias_rc_entry_free(e);
taken:
	if (ne == n->entry)
		n->entry = NULL;
	*data = NULL;
	return 0;
}

/**
 * __ftalias_rc_record() - a member writes its alias's replay cache
 * @alias: the member's alias, locked
 * @fsk: the member
 * @rec: what to record (validated by the caller: type, flags)
 * @request: the message of the request @rec->id pending at @alias, NULL
 *	if there is none
 * @data: the reply or argument, kmalloc()ed (NULL when @len is 0); set to
 *	NULL once the cache keeps it
 * @len: its length
 * @n: the preallocations (ftalias_rc_new_alloc()); the cache takes what
 *	it keeps
 *
 * Return: 0, -ENOENT (no pending request or entry with this ID at the
 * alias), -EEXIST (BLOCK of a resolved entry), -ENOBUFS (a limit),
 * -ESTALE (the requester acknowledged the ID: it will not come again),
 * -EIDRM (the alias was deleted), -ENOMEM, or -EAGAIN: @n has no copy of
 * the request's bytes of their size, ftalias_rc_new_request() makes one
 * (without the lock) for another try.
 */
int __ftalias_rc_record(struct ftalias_alias *alias, struct ftalias_sock *fsk,
			const struct ftalias_record *rec,
			const struct sk_buff *request, void **data, u32 len,
			struct ftalias_rc_new *n)
{
	struct ftalias_rc *rc = &alias->rc;
	struct ftalias_rc_entry *e;
	int err = 0;
	u8 state;

	lockdep_assert_held(&alias->lock);

	state = rec->type == FTALIAS_RECORD_AUTO_REPLY ? FTALIAS_RC_AUTO_REPLY :
							 FTALIAS_RC_HANDLER;
	if (alias->dead || !rc->live)
		return -EIDRM;
	e = rc->entries ? __ftalias_rc_lookup(rc, &rec->id) : NULL;
	switch (rec->type) {
	case FTALIAS_RECORD_BLOCK:
		if (!e) {
			err = __ftalias_rc_block(alias, fsk, &rec->id, request, n);
		} else if (e->state != FTALIAS_RC_IN_PROGRESS) {
			err = -EEXIST;
		} else if (e->prog->owner != fsk) {
			/* Taken over, after an orphan notice or by hand. */
			if (!e->prog->owner)
				rc->nr_orphans--;
			e->prog->owner = fsk;
		}
		break;
	case FTALIAS_RECORD_DISCARD:
		if (e)
			__ftalias_rc_forget(alias, e, NULL);
		else
			err = -ENOENT;
		break;
	default:
		err = __ftalias_rc_record_answer(alias, &rec->id, e, state,
						 request, data, len, n);
		break;
	}
	return err;
}

/**
 * ftalias_rc_jrec_new() - a relay journal record, before the lock
 * @id: the ID the journaled request will be sent with
 * @dst: the alias it is sent to
 * @skb: a clone of the request; the record's once made
 *
 * Return: the record (free it with ftalias_rc_jrec_free() if it is not
 * journaled), or NULL: no memory, @skb still the caller's.
 */
struct ftalias_jrec *ftalias_rc_jrec_new(const struct ftalias_id *id, u32 dst,
					 struct sk_buff *skb)
{
	struct ftalias_jrec *jr = kzalloc(sizeof(*jr), GFP_KERNEL_ACCOUNT);

	if (!jr)
		return NULL;
	jr->id = *id;
	jr->alias = dst;
	jr->skb = skb;
	return jr;
}

void ftalias_rc_jrec_free(struct ftalias_jrec *jr)
{
	if (jr)
		ftalias_jrec_free(jr);
}

/**
 * __ftalias_rc_journal_add() - journal a request a member makes for another
 * @alias: the member's alias, locked
 * @fsk: the member
 * @parent: the ID of the request of its alias it is serving
 * @request: the message of the request @parent pending at @alias, NULL if
 *	there is none
 * @jr: the record (ftalias_rc_jrec_new()), set to NULL once journaled
 * @n: the preallocations of the parent's entry (ftalias_rc_new_alloc())
 *
 * The parent becomes in progress if it was not (as with BLOCK).
 *
 * Return: 0, -ENOENT (no such pending request), -EEXIST (the parent's
 * entry is resolved), -ENOBUFS (journal or cache limit), -EIDRM, -ENOMEM,
 * -EAGAIN (as __ftalias_rc_record()).
 */
int __ftalias_rc_journal_add(struct ftalias_alias *alias,
			     struct ftalias_sock *fsk,
			     const struct ftalias_id *parent,
			     const struct sk_buff *request,
			     struct ftalias_jrec **jr, struct ftalias_rc_new *n)
{
	struct ftalias_rc *rc = &alias->rc;
	struct ftalias_rc_entry *e;
	u32 len = (*jr)->skb->len;
	int err;

	lockdep_assert_held(&alias->lock);

	if (alias->dead || !rc->live)
		return -EIDRM;
	e = rc->entries ? __ftalias_rc_lookup(rc, parent) : NULL;
	if (!e) {
		err = __ftalias_rc_block(alias, fsk, parent, request, n);
		if (err)
			return err;
		e = __ftalias_rc_lookup(rc, parent);
	} else if (e->state != FTALIAS_RC_IN_PROGRESS) {
		return -EEXIST;
	}
	if (e->prog->nr_journal >= FTALIAS_JOURNAL_MAX ||
	    e->prog->journal_bytes + len > FTALIAS_JOURNAL_BYTES_MAX) {
		rc->stats.refused++;
		return -ENOBUFS;
	}
	err = __ftalias_rc_room(alias, len, false, NULL);
	if (err)
		return err;
	list_add_tail(&(*jr)->node, &e->prog->journal);
	e->prog->nr_journal++;
	__ftalias_rc_changed(rc);
	e->prog->journal_bytes += len;
	__ftalias_rc_charge(rc, e, len);
	rc->nr_journal++;
	rc->stats.journaled++;
	*jr = NULL;
	return 0;
}

/* The journaled request @id of @parent could not be sent after all. */
void ftalias_rc_journal_del(struct ftalias_sock *fsk,
			    const struct ftalias_id *parent,
			    const struct ftalias_id *id)
{
	struct ftalias_alias *alias = fsk->alias;
	struct ftalias_rc *rc = &alias->rc;
	struct ftalias_jrec *jr, *found = NULL;
	struct ftalias_rc_entry *e = NULL;

	/* Killed while frozen: the record stays (a re-send is harmless). */
	if (!ftalias_alias_lock_thawed(alias, false) && rc->live && rc->entries)
		e = __ftalias_rc_lookup(rc, parent);
	if (e && e->state == FTALIAS_RC_IN_PROGRESS) {
		list_for_each_entry(jr, &e->prog->journal, node) {
			if (memcmp(&jr->id, id, sizeof(*id)))
				continue;
			list_del(&jr->node);
			e->prog->nr_journal--;
			__ftalias_rc_changed(rc);
			e->prog->journal_bytes -= jr->skb->len;
			__ftalias_rc_charge(rc, e, -(s64)jr->skb->len);
			rc->nr_journal--;
			found = jr;
			break;
		}
	}
	spin_unlock(&alias->lock);
	if (found)
		ftalias_jrec_free(found);
}

/* Whether @e is on the in-progress list (@in_progress) or the done list. */
static bool ftalias_rc_on(const struct ftalias_rc_entry *e, bool in_progress)
{
	bool prog = e->state == FTALIAS_RC_IN_PROGRESS;

	return prog == in_progress;
}

/* Whether cursor position @seq is after @cur's (64 bits: no wrap). */
static bool ftalias_rc_after(u64 seq, u64 cur)
{
	return seq > cur;
}

/*
 * The first entry of @list after the cursor: the one after the cursor's
 * entry if it is still on @list, else the first with a later seq.
 */
static struct ftalias_rc_entry *
__ftalias_rc_resume(struct ftalias_rc *rc, struct list_head *list,
		    const struct ftalias_rc_cursor *cur, bool in_progress)
{
	struct ftalias_rc_entry *e;

	ftalias_rc_assert_held(rc);

	if (!cur->end)
		return list_first_entry_or_null(list, struct ftalias_rc_entry,
						lru);
	e = __ftalias_rc_lookup(rc, &cur->id);
	if (e && e->seq == cur->seq && ftalias_rc_on(e, in_progress))
		return list_is_last(&e->lru, list) ? NULL :
			list_next_entry(e, lru);
	list_for_each_entry(e, list, lru)
		if (ftalias_rc_after(e->seq, cur->seq))
			return e;
	return NULL;
}

static void ftalias_rc_fill(const struct ftalias_rc_entry *e,
			    struct ftalias_rc_info *info)
{
	memset(info, 0, sizeof(*info));
	info->id = e->id;
	info->state = e->state;
	info->age_ms = ftalias_rc_age_ms(e);
	if (e->state == FTALIAS_RC_IN_PROGRESS) {
		info->size = e->prog->request->len;
		info->owner_port = e->prog->owner ? e->prog->owner->port : 0;
		info->journal = e->prog->nr_journal;
	} else {
		info->size = e->len;
	}
}

/**
 * ftalias_rc_dump() - copy entries of a cache, for a netlink dump
 * @alias: the alias, referenced
 * @cur: where the previous call stopped (zeroed before the first)
 * @info: filled in
 * @max: room in @info
 * @genid: set to the cache's generation, for NLM_F_DUMP_INTR
 *
 * Entries changing state between calls may be given twice or not at all;
 * @genid then differs between the calls.
 *
 * Return: how many were filled in; 0 at the end.
 */
int ftalias_rc_dump(struct ftalias_alias *alias, struct ftalias_rc_cursor *cur,
		    struct ftalias_rc_info *info, int max, u32 *genid)
{
	struct ftalias_rc *rc = &alias->rc;
	struct ftalias_rc_entry *e;
	struct list_head *list;
	int n = 0;

	spin_lock(&alias->lock);
	*genid = rc->genid;
	if (!rc->live)
		goto out;
	if (!cur->phase)
		cur->phase = 1;
	while (cur->phase <= 2 && n < max) {
		list = cur->phase == 1 ? &rc->in_progress : &rc->done;
		e = __ftalias_rc_resume(rc, list, cur, cur->phase == 1);
		for (; e && n < max; e = list_is_last(&e->lru, list) ? NULL :
					 list_next_entry(e, lru)) {
			ftalias_rc_fill(e, &info[n++]);
			cur->id = e->id;
			cur->seq = e->seq;
			cur->end = 1;
		}
		if (n < max) {
			cur->phase++;
			cur->end = 0;
		}
	}
out:
	spin_unlock(&alias->lock);
	return n;
}

/**
 * ftalias_rc_journal_dump() - copy relay journal records, for netlink
 * @alias: the alias, referenced
 * @cur: where the previous call stopped (zeroed before the first)
 * @info: filled in
 * @max: room in @info
 * @genid: set to the cache's generation, for NLM_F_DUMP_INTR
 *
 * Records added or taken out between calls may be given or not, and may
 * move others of their entry past the cursor; @genid then differs
 * between the calls.
 *
 * Return: how many were filled in; 0 at the end.
 */
int ftalias_rc_journal_dump(struct ftalias_alias *alias,
			    struct ftalias_rc_cursor *cur,
			    struct ftalias_jrec_info *info, int max, u32 *genid)
{
	struct ftalias_rc *rc = &alias->rc;
	struct ftalias_rc_entry *e;
	struct ftalias_jrec *jr;
	int n = 0, i;

	spin_lock(&alias->lock);
	*genid = rc->genid;
	if (!rc->live || cur->phase > 1)
		goto out;
	cur->phase = 1;
	e = __ftalias_rc_resume(rc, &rc->in_progress, cur, true);
	/* Resume within the same entry when it is still there. */
	if (cur->end && cur->index) {
		struct ftalias_rc_entry *same = __ftalias_rc_lookup(rc, &cur->id);

		if (same && same->seq == cur->seq &&
		    same->state == FTALIAS_RC_IN_PROGRESS)
			e = same;
		else
			cur->index = 0;
	}
	for (; e; e = list_is_last(&e->lru, &rc->in_progress) ? NULL :
		      list_next_entry(e, lru)) {
		i = 0;
		list_for_each_entry(jr, &e->prog->journal, node) {
			if (i++ < cur->index)
				continue;
			if (n == max)
				goto out;
			info[n].parent = e->id;
			info[n].id = jr->id;
			info[n].alias = jr->alias;
			info[n].flags = jr->flags;
			info[n].size = jr->skb->len;
			n++;
			cur->index = i;
			cur->id = e->id;
			cur->seq = e->seq;
			cur->end = 1;
		}
		/* Done with this entry: resume after it. */
		cur->index = 0;
		cur->id = e->id;
		cur->seq = e->seq;
		cur->end = 1;
	}
	cur->phase = 2;
out:
	spin_unlock(&alias->lock);
	return n;
}

/**
 * __ftalias_rc_flush() - empty a replay cache (netlink cache-flush), a
 * batch of entries at a time
 * @alias: the alias, locked
 * @in_progress: the in-progress entries too: the requests held on them
 *	are delivered again (executed again)
 * @last: the entries recorded up to this @alias->rc.seq go, the ones
 *	recorded after the flush began stay
 * @flushed: incremented by how many entries went
 *
 * Return: true if entries to flush are left: the caller lets the lock go
 * and calls again.
 */
bool __ftalias_rc_flush(struct ftalias_alias *alias, bool in_progress,
			u64 last, u32 *flushed)
{
	struct ftalias_rc *rc = &alias->rc;
	struct ftalias_rc_entry *e;
	unsigned int n;

	lockdep_assert_held(&alias->lock);

	if (!rc->live)
		return false;
	for (n = 0; n < FTALIAS_RC_BATCH; n++) {
		e = list_first_entry_or_null(&rc->done, struct ftalias_rc_entry,
					     lru);
		if ((!e || ftalias_rc_after(e->seq, last)) && in_progress)
			e = list_first_entry_or_null(&rc->in_progress,
						     struct ftalias_rc_entry,
						     lru);
		if (!e || ftalias_rc_after(e->seq, last))
			break;
		__ftalias_rc_forget(alias, e, &rc->stats.evict_flush);
	}
	*flushed += n;
	return n == FTALIAS_RC_BATCH;
}

void ftalias_rc_stats(struct ftalias_alias *alias,
		      struct ftalias_rc_stats *stats, u32 *entries,
		      u32 *in_progress, u64 *bytes, u32 *journal, u32 *waiting)
{
	struct ftalias_rc *rc = &alias->rc;

	spin_lock(&alias->lock);
	*stats = rc->stats;
	*entries = rc->entries;
	*in_progress = rc->nr_in_progress;
	*bytes = rc->bytes;
	*journal = rc->nr_journal;
	*waiting = rc->waiting;
	spin_unlock(&alias->lock);
}

/* Bytes of a snapshot record with @len bytes of payload. */
size_t ftalias_rc_snap_size(u32 len)
{
	return ALIGN(sizeof(struct ftalias_rc_snap_rec) + len, 8);
}

/* Room for a record of @kind with @len bytes in @snap, or NULL. */
struct ftalias_rc_snap_rec *ftalias_rc_snap_add(struct ftalias_rc_snap *snap,
						u8 kind, u32 len)
{
	size_t size = ftalias_rc_snap_size(len);
	struct ftalias_rc_snap_rec *r;

	if (snap->size - snap->used < size)
		return NULL;
	r = snap->buf + snap->used;
	memset(r, 0, sizeof(*r));
	r->kind = kind;
	r->len = len;
	snap->used += size;
	return r;
}

/*
 * Room in @snap, emptied, for records of @need bytes, counted in the
 * (@tries + 1)th pass: after a first that ran out of room, with a margin
 * for what came in between.  0, -EFBIG or -ENOMEM.
 */
int ftalias_rc_snap_room(struct ftalias_rc_snap *snap, u64 need, int tries)
{
	if (tries)
		need += need / 8 + ftalias_rc_snap_size(FTALIAS_MSG_MAX);
	if (need > INT_MAX)
		return -EFBIG;
	need = max_t(u64, need, 8);
	if (need > snap->size) {
		kvfree(snap->buf);
		snap->size = 0;
		snap->buf = kvmalloc(need, GFP_KERNEL_ACCOUNT);
		if (!snap->buf)
			return -ENOMEM;
		snap->size = need;
	}
	snap->used = 0;
	snap->entries = 0;
	snap->bytes = 0;
	return 0;
}

/* An entry and, in progress, its journal; false: out of room. */
static bool __ftalias_rc_snap_entry(struct ftalias_rc_snap *snap,
				    struct ftalias_rc_entry *e, u32 now)
{
	struct sk_buff *skb = NULL;
	struct ftalias_rc_snap_rec *r;
	struct ftalias_jrec *jr;
	u32 len = e->len;

	if (e->state == FTALIAS_RC_IN_PROGRESS) {
		skb = e->prog->request;
		len = skb->len;
	}
	r = ftalias_rc_snap_add(snap, FTALIAS_RC_SNAP_ENTRY, len);
	if (!r)
		return false;
	r->state = e->state;
	r->id = e->id;
	r->age_ms = now - e->stamp;
	snap->entries++;
	snap->bytes += len;
	if (!skb) {
		if (len)
			memcpy(r->data, ftalias_rc_data(e), len);
		return true;
	}
	r->port = ftalias_cb(skb)->src_port;
	r->alias = ftalias_cb(skb)->src_alias;
	WARN_ON_ONCE(skb_copy_bits(skb, 0, r->data, len));
	list_for_each_entry(jr, &e->prog->journal, node) {
		len = jr->skb->len;
		r = ftalias_rc_snap_add(snap, FTALIAS_RC_SNAP_JREC, len);
		if (!r)
			return false;
		r->id = jr->id;
		r->alias = jr->alias;
		r->flags = jr->flags;
		WARN_ON_ONCE(skb_copy_bits(jr->skb, 0, r->data, len));
		snap->jrecs++;
		snap->bytes += len;
	}
	return true;
}

static int __ftalias_rc_snap_fill(struct ftalias_alias *alias,
				  struct ftalias_rc_snap *snap)
{
	struct ftalias_rc *rc = &alias->rc;
	struct list_head *lists[] = { &rc->in_progress, &rc->done };
	struct ftalias_rc_snap_rec *r;
	struct ftalias_rc_client *c;
	struct ftalias_rc_entry *e;
	u32 now = ftalias_rc_now();
	unsigned int i, bkt;

	lockdep_assert_held(&alias->lock);

	snap->used = 0;
	snap->entries = 0;
	snap->jrecs = 0;
	snap->clients = 0;
	snap->dropped = 0;
	snap->bytes = 0;
	for (i = 0; i < ARRAY_SIZE(lists); i++) {
		list_for_each_entry(e, lists[i], lru) {
			/* Its requester cannot send it again: see the top. */
			if (!e->id.alias) {
				snap->dropped++;
				continue;
			}
			if (!__ftalias_rc_snap_entry(snap, e, now))
				return -ENOSPC;
		}
	}
	hash_for_each(rc->clients, bkt, c, node) {
		r = ftalias_rc_snap_add(snap, FTALIAS_RC_SNAP_CLIENT, 0);
		if (!r)
			return -ENOSPC;
		r->id.node = c->node_id;
		r->id.alias = c->alias;
		r->acked = c->acked;
		/* 0: the alias in the table, whose cookie the saver knows. */
		r->cookie = c->stray;
		snap->clients++;
	}
	return 0;
}

/* Room in @snap for the cache of @alias as it is, in the @tries + 1th try. */
static int __ftalias_rc_snap_reserve(struct ftalias_alias *alias,
				     struct ftalias_rc_snap *snap, int tries)
{
	struct ftalias_rc *rc = &alias->rc;
	bool live;
	u64 need;

	spin_lock(&alias->lock);
	need = rc->bytes + (2ULL * rc->entries + rc->nr_journal + 1) *
		ftalias_rc_snap_size(8);
	live = rc->live;
	spin_unlock(&alias->lock);
	return live ? ftalias_rc_snap_room(snap, need, tries) : -ENOENT;
}

/**
 * ftalias_rc_snap_reserve() - room for ftalias_rc_snapshot()'s copy
 * @alias: the alias, referenced
 * @snap: zeroed before; ftalias_rc_snap_free() after
 *
 * Made before the alias is frozen for the copy, so that the freeze does
 * not last an allocation of the size of the cache.
 *
 * Return: 0, -ENOENT, -ENOMEM or -EFBIG.
 */
int ftalias_rc_snap_reserve(struct ftalias_alias *alias,
			    struct ftalias_rc_snap *snap)
{
	return __ftalias_rc_snap_reserve(alias, snap, 0);
}

/**
 * ftalias_rc_snapshot() - copy the replay cache of an alias, for alias-save
 * @alias: the alias, referenced
 * @snap: zeroed before the first call; ftalias_rc_snap_free() after
 *
 * The copy is made in one hold of the alias's lock, into room allocated
 * before from what the cache held then (its bytes bound the payloads); a
 * cache that grew past that room in between is tried again, with more.
 *
 * Return: 0, -ENOENT (the alias went), -ENOMEM, -EFBIG (more than one
 * allocation holds) or -EAGAIN (the cache kept growing).
 */
int ftalias_rc_snapshot(struct ftalias_alias *alias,
			struct ftalias_rc_snap *snap)
{
	struct ftalias_rc *rc = &alias->rc;
	int tries, err = -EAGAIN;

	for (tries = 0; tries < 3 && err == -EAGAIN; tries++) {
		/* With room for what a busy cache records in between. */
		err = __ftalias_rc_snap_reserve(alias, snap, tries);
		if (err)
			return err;
		spin_lock(&alias->lock);
		err = rc->live ? __ftalias_rc_snap_fill(alias, snap) : -ENOENT;
		spin_unlock(&alias->lock);
		if (err == -ENOSPC)
			err = -EAGAIN;
	}
	return err;
}

void ftalias_rc_snap_free(struct ftalias_rc_snap *snap)
{
	kvfree(snap->buf);
	snap->buf = NULL;
	snap->size = 0;
}

/* The bytes of a saved request, as the skb an entry or journal keeps. */
static struct sk_buff *ftalias_rc_restore_skb(const struct ftalias_rc_snap_rec *r,
					      const void *data, int *err)
{
	struct sk_buff *skb = ftalias_alloc_data(r->len, GFP_KERNEL_ACCOUNT, err);

	if (!skb)
		return NULL;
	if (r->len)
		WARN_ON_ONCE(skb_store_bits(skb, 0, data, r->len));
	memset(ftalias_cb(skb), 0, sizeof(struct ftalias_skb_cb));
	return skb;
}

/* Whether @cost more bytes and @entries more entries fit, evicting none. */
static bool __ftalias_rc_restore_fits(struct ftalias_alias *alias, u64 cost,
				      u32 entries)
{
	const struct ftalias_alias_cfg *cfg = &alias->cfg;
	struct ftalias_rc *rc = &alias->rc;

	return rc->entries + entries <= cfg->cache_max_entries &&
	       rc->bytes + cost <= cfg->cache_max_bytes &&
	       !ftalias_rc_over(alias, cost);
}

static int ftalias_rc_restore_entry(struct ftalias_alias *alias,
				    const struct ftalias_rc_snap_rec *r,
				    const void *data)
{
	struct ftalias_rc *rc = &alias->rc;
	struct ftalias_rc_entry *e;
	int err = -ENOMEM;
	bool prog = r->state == FTALIAS_RC_IN_PROGRESS;

	e = ftalias_rc_entry_alloc(prog ? 0 : r->len);
	if (!e)
		return -ENOMEM;
	e->id = r->id;
	e->state = r->state;
	if (prog) {
		e->prog = kzalloc(sizeof(*e->prog), GFP_KERNEL_ACCOUNT);
		if (!e->prog)
			goto free_entry;
		INIT_LIST_HEAD(&e->prog->journal);
		e->prog->request = ftalias_rc_restore_skb(r, data, &err);
		if (!e->prog->request)
			goto free_entry;
		ftalias_cb(e->prog->request)->id = r->id;
		ftalias_cb(e->prog->request)->src_port = r->port;
		ftalias_cb(e->prog->request)->src_alias = r->alias;
		ftalias_cb(e->prog->request)->kind = FTALIAS_MSG_REQUEST;
		/* Its member is gone: the next active one gets a notice. */
		e->prog->orphaned = ktime_get();
	} else {
		e->len = r->len;
		if (!ftalias_rc_inline(r->len) && r->len) {
			e->ext = kmalloc(r->len, GFP_KERNEL_ACCOUNT);
			if (!e->ext)
				goto free_entry;
		}
		memcpy(ftalias_rc_data(e), data, r->len);
	}

	spin_lock(&alias->lock);
	err = -EFBIG;
	if (__ftalias_rc_restore_fits(alias, ftalias_rc_cost(e), 1))
		err = __ftalias_rc_insert(alias, e);
	if (!err) {
		e->stamp = ftalias_rc_now() - r->age_ms;
		if (prog)
			rc->nr_orphans++;
		else
			__ftalias_rc_schedule_ttl(alias);
	}
	/* @arm_ttl waits for the caller's ftalias_alias_unlock(). */
	spin_unlock(&alias->lock);
	if (!err)
		return 0;
	if (err == -ENOBUFS)
		err = -EFBIG;
free_entry:
	if (prog && !e->prog)
		e->state = 0;
	ftalias_rc_entry_free(e);
	return err;
}

static int ftalias_rc_restore_jrec(struct ftalias_alias *alias,
				   const struct ftalias_rc_snap_rec *r,
				   const void *data)
{
	struct ftalias_rc *rc = &alias->rc;
	struct ftalias_rc_entry *e;
	struct ftalias_jrec *jr;
	struct sk_buff *skb;
	int err;

	skb = ftalias_rc_restore_skb(r, data, &err);
	if (!skb)
		return err;
	jr = ftalias_rc_jrec_new(&r->id, r->alias, skb);
	if (!jr) {
		kfree_skb(skb);
		return -ENOMEM;
	}
	jr->flags = r->flags & FTALIAS_J_REPLIED;

	spin_lock(&alias->lock);
	e = list_empty(&rc->in_progress) ? NULL :
	    list_last_entry(&rc->in_progress, struct ftalias_rc_entry, lru);
	if (!e) {
		err = -EINVAL;
	} else if (e->prog->nr_journal >= FTALIAS_JOURNAL_MAX ||
		   e->prog->journal_bytes + r->len > FTALIAS_JOURNAL_BYTES_MAX ||
		   !__ftalias_rc_restore_fits(alias, r->len, 0)) {
		err = -EFBIG;
	} else {
		list_add_tail(&jr->node, &e->prog->journal);
		e->prog->nr_journal++;
		e->prog->journal_bytes += r->len;
		__ftalias_rc_changed(rc);
		__ftalias_rc_charge(rc, e, r->len);
		rc->nr_journal++;
		jr = NULL;
		err = 0;
	}
	spin_unlock(&alias->lock);
	ftalias_rc_jrec_free(jr);
	return err;
}

/**
 * ftalias_rc_restore() - put a saved record into the cache of an alias
 * being restored
 * @alias: the alias, in no table: nothing else records into it
 * @r: the record, as ftalias_rc_snapshot() makes them: an entry (with its
 *	state, age and, in progress, its request's source), a journal
 *	record (of the last entry in progress), or a requester alias (after
 *	its entries)
 * @data: its @r->len bytes
 *
 * An entry in progress comes back orphaned: the next active member gets
 * its notice.  Nothing is evicted to make room.  A completed entry may
 * leave the alias's work to arm (@arm_ttl): the caller takes the lock and
 * lets it go with ftalias_alias_unlock() once it is done.
 *
 * Return: 0; -EINVAL: a key no entry can have (another node, a requester
 * that is no alias), a journal record with no entry in progress before
 * it, a requester alias with no entries; -EEXIST: a key given twice;
 * -EFBIG: over the alias's limits, the module's or the journal's;
 * -ENOMEM.
 */
int ftalias_rc_restore(struct ftalias_alias *alias,
		       const struct ftalias_rc_snap_rec *r, const void *data)
{
	struct ftalias_rc_client *c;
	int err = 0;

	if (r->kind == FTALIAS_RC_SNAP_JREC)
		return ftalias_rc_restore_jrec(alias, r, data);
	if (r->id.node || !r->id.alias)
		return -EINVAL;
	if (r->kind == FTALIAS_RC_SNAP_ENTRY)
		return ftalias_rc_restore_entry(alias, r, data);

	if (!r->cookie)
		return -EINVAL;
	spin_lock(&alias->lock);
	c = __ftalias_rc_client(&alias->rc, &r->id);
	if (!c) {
		err = -EINVAL;
	} else if (c->stray) {
		err = -EEXIST;
	} else {
		/* Everyone's a stray until the commit has met the table. */
		c->acked = r->acked;
		c->stray = r->cookie;
		alias->rc.nr_strays++;
	}
	spin_unlock(&alias->lock);
	return err;
}

/**
 * ftalias_rc_clients() - the requester aliases with entries in a cache
 * @alias: the alias, referenced
 * @out: filled in with their ids and @stray cookies
 * @max: room in @out
 *
 * Return: how many there are; at most @max of them were filled in.
 */
int ftalias_rc_clients(struct ftalias_alias *alias,
		       struct ftalias_rc_client_info *out, int max)
{
	struct ftalias_rc_client *c;
	unsigned int bkt;
	int n = 0;

	spin_lock(&alias->lock);
	if (alias->rc.live)
		hash_for_each(alias->rc.clients, bkt, c, node) {
			if (n < max) {
				out[n].alias = c->alias;
				out[n].stray = c->stray;
			}
			n++;
		}
	spin_unlock(&alias->lock);
	return n;
}

/**
 * __ftalias_rc_client_moved() - a requester alias was moved away
 * @alias: the alias, locked
 * @client: the id of the requester alias, which left the table
 * @cookie: its cookie
 *
 * Its entries stay, strays of @cookie, as if restored for an alias not in
 * the table: the next alias of that id adopts them if it is the same one,
 * restored (__ftalias_rc_stray_meet()), and forgets them otherwise.
 *
 * Return: whether @alias has entries of @client (they stray).
 */
bool __ftalias_rc_client_moved(struct ftalias_alias *alias, u32 client,
			       u64 cookie)
{
	const struct ftalias_id id = { .alias = client };
	struct ftalias_rc *rc = &alias->rc;
	struct ftalias_rc_client *c;

	lockdep_assert_held(&alias->lock);

	c = rc->live ? __ftalias_rc_client(rc, &id) : NULL;
	if (!c || c->stray)
		return false;
	c->stray = cookie;
	rc->nr_strays++;
	return true;
}

/**
 * __ftalias_rc_stray_meet() - an alias meets the restored entries of its id
 * @alias: an alias whose cache may hold them, locked
 * @client: the id of the alias that is in the table now
 * @cookie: its cookie
 * @last_xid: set, when they are @client's, to the highest transaction id
 *	among them (its members must not be given it, or one below, again)
 *
 * Return: FTALIAS_RC_STRAY_NONE when the cache holds no restored entries
 * of @client waiting for it; FTALIAS_RC_STRAY_OURS when they are
 * @client's (the caller makes them its own, as for a destination its
 * members sent to); FTALIAS_RC_STRAY_NOT_OURS when they are an earlier
 * alias's with that id (the caller drops them, __ftalias_rc_client_gone()).
 * Either way they stray no more.
 */
enum ftalias_rc_stray __ftalias_rc_stray_meet(struct ftalias_alias *alias,
					      u32 client, u64 cookie,
					      u64 *last_xid)
{
	const struct ftalias_id id = { .alias = client };
	struct ftalias_rc *rc = &alias->rc;
	struct ftalias_rc_client *c;
	struct ftalias_rc_entry *e;
	bool ours;
	u64 xid;

	lockdep_assert_held(&alias->lock);

	if (!rc->live || !rc->nr_strays)
		return FTALIAS_RC_STRAY_NONE;
	c = __ftalias_rc_client(rc, &id);
	if (!c || !c->stray)
		return FTALIAS_RC_STRAY_NONE;
	ours = c->stray == cookie;
	c->stray = 0;
	rc->nr_strays--;
	if (!ours)
		return FTALIAS_RC_STRAY_NOT_OURS;
	xid = 0;
	list_for_each_entry(e, &c->entries, cnode)
		xid = max(xid, e->id.xid);
	*last_xid = xid;
	return FTALIAS_RC_STRAY_OURS;
}

/**
 * ftalias_rc_init() - give a new alias its replay cache
 * @alias: the alias, before it is visible to anyone
 *
 * Return: 0 or -ENOMEM.
 */
int ftalias_rc_init(struct ftalias_alias *alias)
{
	struct ftalias_rc *rc = &alias->rc;
	int err;

	INIT_LIST_HEAD(&rc->done);
	INIT_LIST_HEAD(&rc->in_progress);
	hash_init(rc->clients);
	skb_queue_head_init(&rc->answers);
	err = rhashtable_init(&rc->ht, &ftalias_rc_params);
	if (err)
		return err;
	rc->genid = 1;
	rc->live = true;
	spin_lock(&ftalias_rc_lock);
	list_add_tail(&rc->all_node, &ftalias_rc_all);
	spin_unlock(&ftalias_rc_lock);
	return 0;
}

/**
 * ftalias_rc_destroy() - free the replay cache of a dead alias
 * @alias: the alias, dead, its requests failed and its work cancelled
 */
void ftalias_rc_destroy(struct ftalias_alias *alias)
{
	struct ftalias_rc *rc = &alias->rc;
	struct ftalias_rc_entry *e, *tmp;
	struct ftalias_rc_client *c;
	struct hlist_node *ctmp;
	struct sk_buff_head q;
	unsigned long n;
	LIST_HEAD(gone);
	int bkt;

	might_sleep();
	if (!rc->live)
		return;
	spin_lock(&ftalias_rc_lock);
	list_del(&rc->all_node);
	spin_unlock(&ftalias_rc_lock);

	__skb_queue_head_init(&q);
	spin_lock(&alias->lock);
	list_splice_init(&rc->in_progress, &gone);
	list_splice_tail_init(&rc->done, &gone);
	/* The completed entries are the reclaimable ones. */
	atomic_long_sub(rc->entries - rc->nr_in_progress,
			&ftalias_rc_reclaimable);
	ftalias_rc_charge_net(rc, -(s64)rc->bytes);
	rc->bytes = 0;
	rc->prog_bytes = 0;
	rc->entries = 0;
	rc->nr_in_progress = 0;
	rc->nr_orphans = 0;
	rc->nr_journal = 0;
	rc->nr_strays = 0;
	hash_for_each_safe(rc->clients, bkt, ctmp, c, node) {
		hash_del(&c->node);
		kfree(c);
	}
	skb_queue_splice_init(&rc->answers, &q);
	/* A dump in parts ends here: marked interrupted, not complete. */
	__ftalias_rc_changed(rc);
	rc->live = false;
	spin_unlock(&alias->lock);

	/*
	 * Nobody looks entries up any more, but the table's deferred resize
	 * may still be moving them between bucket tables: stop it (and free
	 * the buckets) before the entries go.
	 */
	rhashtable_destroy(&rc->ht);
	n = 0;
	list_for_each_entry_safe(e, tmp, &gone, lru) {
		ftalias_rc_entry_free(e);
		if (!(++n % FTALIAS_RC_BATCH))
			cond_resched();
	}
	__skb_queue_purge(&q);
}

static unsigned long ftalias_rc_count(struct shrinker *s,
				      struct shrink_control *sc)
{
	return atomic_long_read(&ftalias_rc_reclaimable) ?: SHRINK_EMPTY;
}

/*
 * Memory pressure: evict the least recently recorded completed entries,
 * a batch from each cache in turn, starting after the cache the previous
 * scan ended with.
 */
static unsigned long ftalias_rc_scan(struct shrinker *s,
				     struct shrink_control *sc)
{
	unsigned long freed = 0, batch, visited = 0;
	struct ftalias_rc *rc, *last = NULL;
	struct ftalias_alias *alias;
	struct ftalias_rc_entry *e;

	spin_lock(&ftalias_rc_lock);
	list_for_each_entry(rc, &ftalias_rc_all, all_node) {
		if (freed >= sc->nr_to_scan || ++visited > FTALIAS_RC_SCAN_MAX)
			break;
		last = rc;
		/*
		 * Lockless peek: an empty cache is not worth its lock; one
		 * being restored is all or nothing; a frozen one is being
		 * copied by alias-save (checked again under the lock), but
		 * for a move's, copied already.
		 */
		alias = container_of(rc, struct ftalias_alias, rc);
		if (list_empty(&rc->done) || READ_ONCE(rc->staged) ||
		    (READ_ONCE(alias->frozen) && !READ_ONCE(alias->mover)))
			continue;
		batch = 0;
		spin_lock(&alias->lock);
		while ((!alias->frozen || alias->mover) &&
		       freed < sc->nr_to_scan && batch < FTALIAS_RC_BATCH &&
		       (e = list_first_entry_or_null(&rc->done,
						     struct ftalias_rc_entry,
						     lru))) {
			__ftalias_rc_forget(alias, e, &rc->stats.evict_shrink);
			batch++;
			freed++;
		}
		spin_unlock(&alias->lock);
	}
	/* The next scan starts with the caches this one did not reach. */
	if (last && !list_is_last(&last->all_node, &ftalias_rc_all))
		list_rotate_to_front(last->all_node.next, &ftalias_rc_all);
	spin_unlock(&ftalias_rc_lock);
	return freed ?: SHRINK_STOP;
}

#ifdef FTALIAS_COMPAT_SHRINKER
static struct shrinker ftalias_rc_shrinker_s = {
	.count_objects	= ftalias_rc_count,
	.scan_objects	= ftalias_rc_scan,
	.seeks		= DEFAULT_SEEKS,
};

static int ftalias_rc_shrinker_register(void)
{
	return register_shrinker(&ftalias_rc_shrinker_s, "ftalias-rc");
}

static void ftalias_rc_shrinker_unregister(void)
{
	unregister_shrinker(&ftalias_rc_shrinker_s);
}
#else
static struct shrinker *ftalias_rc_shrinker;

static int ftalias_rc_shrinker_register(void)
{
	ftalias_rc_shrinker = shrinker_alloc(0, "ftalias-rc");
	if (!ftalias_rc_shrinker)
		return -ENOMEM;
	ftalias_rc_shrinker->count_objects = ftalias_rc_count;
	ftalias_rc_shrinker->scan_objects = ftalias_rc_scan;
	shrinker_register(ftalias_rc_shrinker);
	return 0;
}

static void ftalias_rc_shrinker_unregister(void)
{
	shrinker_free(ftalias_rc_shrinker);
}
#endif

static void ftalias_rc_caches_destroy(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ftalias_rc_caches); i++)
		kmem_cache_destroy(ftalias_rc_caches[i]);
}

/*
 * The entry caches, one per size class: "ftalias_rc_entry" for the entries
 * without inline bytes (in progress, or a long answer apart), then
 * "ftalias_rc_entry-<size>".
 */
static int __init ftalias_rc_caches_create(void)
{
	const unsigned int align = __alignof__(struct ftalias_rc_entry);
	unsigned int i, size;

	for (i = 0; i < ARRAY_SIZE(ftalias_rc_caches); i++) {
		size = ftalias_rc_sizes[i];
		if (i)
			snprintf(ftalias_rc_names[i], sizeof(ftalias_rc_names[i]),
				 "ftalias_rc_entry-%u", size);
		else
			strscpy(ftalias_rc_names[i], "ftalias_rc_entry",
				sizeof(ftalias_rc_names[i]));
		/* The answer's bytes are copied from user space in place. */
		ftalias_rc_caches[i] =
			kmem_cache_create_usercopy(ftalias_rc_names[i], size,
						   align, SLAB_ACCOUNT,
						   FTALIAS_RC_HEAD,
						   size - FTALIAS_RC_HEAD,
						   NULL);
		if (!ftalias_rc_caches[i]) {
			ftalias_rc_caches_destroy();
			return -ENOMEM;
		}
	}
	return 0;
}

int __init ftalias_rc_module_init(void)
{
	int err;

	BUILD_BUG_ON(FTALIAS_MSG_MAX >= 1 << 24);	/* entry->len */
	/*
	 * The journal of an orphan notice, and an answer, fit in
	 * ftalias_alloc_data()'s head and MAX_SKB_FRAGS - 1 pages: all that
	 * alloc_skb_with_frags() gives on some stable kernels from v6.5.
	 */
	BUILD_BUG_ON(FTALIAS_JOURNAL_BYTES_MAX + FTALIAS_JOURNAL_MAX *
		     (sizeof(struct ftalias_journal_rec) +
		      FTALIAS_JOURNAL_ALIGN) >
		     SKB_MAX_HEAD(0) + (MAX_SKB_FRAGS - 1) * PAGE_SIZE);
	BUILD_BUG_ON(FTALIAS_MSG_MAX >
		     SKB_MAX_HEAD(0) + (MAX_SKB_FRAGS - 1) * PAGE_SIZE);

	BUILD_BUG_ON(FTALIAS_RC_HEAD + sizeof(void *) != ftalias_rc_sizes[0]);
	BUILD_BUG_ON(sizeof(struct ftalias_rc_entry) != ftalias_rc_sizes[0]);

	err = ftalias_rc_caches_create();
	if (err)
		return err;
	err = ftalias_rc_shrinker_register();
	if (err)
		ftalias_rc_caches_destroy();
	return err;
}

void ftalias_rc_module_exit(void)
{
	/* After every namespace's exit: every cache destroyed, uncharged. */
	WARN_ON_ONCE(atomic64_read(&ftalias_rc_total) ||
		     atomic64_read(&ftalias_rc_others));
	ftalias_rc_shrinker_unregister();
	ftalias_rc_caches_destroy();
}

#ifdef FTALIAS_KUNIT
#include "replay_test.c"
#endif
