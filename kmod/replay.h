/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _FTALIAS_REPLAY_H
#define _FTALIAS_REPLAY_H

#include <linux/hashtable.h>
#include <linux/list.h>
#include <linux/rhashtable-types.h>
#include <linux/skbuff.h>
#include <linux/types.h>
#include <uapi/linux/ftalias.h>

struct ftalias_alias;
struct ftalias_jrec;
struct ftalias_rc_entry;
struct ftalias_rc_prog;
struct ftalias_req;
struct ftalias_sock;

/* The state of a replay-cache entry; the values of enum ftalias_cache_state. */
enum ftalias_rc_state {
	FTALIAS_RC_IN_PROGRESS = 1,
	FTALIAS_RC_AUTO_REPLY,
	FTALIAS_RC_HANDLER,
};

struct ftalias_rc_stats {
	u64 recorded;		/* entries created */
	u64 hits_auto;		/* requests answered by the kernel */
	u64 hits_handler;	/* requests delivered with their handler arg */
	u64 hits_held;		/* requests held on an in-progress entry */
	u64 misses;		/* requests looked up and not found */
	u64 evict_ack;		/* freed: the requester cannot re-send */
	u64 evict_ttl;
	u64 evict_lru;		/* oldest completed entries, for a limit */
	u64 evict_shrink;	/* memory pressure */
	u64 evict_flush;	/* cache-flush */
	u64 refused;		/* records refused by a limit */
	u64 orphans;		/* orphan notices sent */
	u64 journaled;		/* relay journal records */
	u64 longest_hold_ms;	/* longest wait of a held request */
};

/*
 * The replay cache and relay journal of an alias (seed 000's stable area),
 * protected by the alias's lock (see alias.h), including the lookups: no
 * RCU reader ever sees an entry, so entries are freed at once.
 *  - @ht: every entry, keyed by the whole request ID.
 *  - @done: the completed entries (auto-reply, handler), least recently
 *    recorded first (eviction and TTL order); @in_progress: the entries in
 *    progress, in the order they were blocked.  Both are in @seq order.
 *  - @clients: the requesters that are aliases and have entries here (for
 *    their acks), hashed by alias id.
 *  - @answers: replies the kernel made from entries, routed by whoever
 *    drops the lock next (never under it: two alias locks never nest).
 *  - @waiting: requests held on in-progress entries (req->waiting).
 *  - @released, @arm_ttl: what the cache leaves to the request code,
 *    which it never calls: an in-progress entry that requests wait on
 *    left or was resolved (they go on), the first completed entry came
 *    (the alias's work must expire it).  ftalias_alias_unlock() acts on
 *    both before it lets the lock go, then routes @answers.
 * @all_node links the cache in the module's list for the shrinker (under
 * ftalias_rc_lock; lock order: see ftalias.h).
 */
struct ftalias_rc {
	struct rhashtable ht;
	struct list_head done;
	struct list_head in_progress;
	DECLARE_HASHTABLE(clients, 4);
	struct sk_buff_head answers;
	u32 entries;
	u32 nr_in_progress;
	u32 nr_orphans;		/* in progress with no owner */
	u32 nr_strays;		/* clients restored for no alias yet */
	u32 nr_journal;
	u32 waiting;
	u32 genid;		/* bumped when an entry or journal record
				 * comes, goes or moves (NLM_F_DUMP_INTR)
				 */
	u64 seq;		/* of the last entry recorded */
	u64 bytes;
	u64 prog_bytes;		/* of @bytes, the entries in progress */
	unsigned long backoff;	/* jiffies: the retry delay, 1 after the
				 * first failure to allocate an answer or
				 * notice, doubled at each further failure
				 * in a row (to FTALIAS_RC_BACKOFF_MAX),
				 * 0 again after a success
				 */
	bool live;		/* @ht initialised and not destroyed */
	bool staged;		/* of an alias being restored (restore.c,
				 * WRITE_ONCE): the shrinker leaves it
				 */
	bool released;
	bool arm_ttl;
	struct list_head all_node;
	struct ftalias_rc_stats stats;
};

/* An entry as netlink shows it, copied under the alias's lock. */
struct ftalias_rc_info {
	struct ftalias_id id;
	u32 state;		/* enum ftalias_rc_state */
	u32 size;		/* bytes of the recorded reply or argument */
	u32 age_ms;		/* since recorded (blocked) */
	u32 owner_port;		/* in progress: the member resolving it */
	u32 journal;		/* relay journal records */
};

/* A relay journal record as netlink shows it. */
struct ftalias_jrec_info {
	struct ftalias_id parent;
	struct ftalias_id id;
	u32 alias;
	u32 flags;		/* FTALIAS_J_* */
	u32 size;
};

/*
 * Where a dump stopped, kept by netlink between its calls (zeroed at the
 * start): the in-progress entries come first, then the completed ones,
 * each list in record order; a relay journal dump walks the in-progress
 * entries and their records.
 */
struct ftalias_rc_cursor {
	struct ftalias_id id;	/* the last entry given */
	u64 seq;
	u16 index;		/* journal dumps: records given of @id */
	u8 phase;		/* 0: not started, 1: in progress, 2: done */
	u8 end;
};

/*
 * A copy of a replay cache, for alias-save: records one after the other
 * in @buf, each struct ftalias_rc_snap_rec and its payload, 8-byte
 * aligned.  The entries in progress come first, each followed by its
 * relay journal, then the completed entries, oldest first, then the
 * requesters that are aliases.  The requests of the alias's members that
 * wait for their reply are a copy of their own, in the same form
 * (ftalias_reqs_snapshot(), request.c), and so are the replies held for
 * them (ftalias_held_snapshot()).
 */
enum ftalias_rc_snap_kind {
	FTALIAS_RC_SNAP_ENTRY = 1,
	FTALIAS_RC_SNAP_JREC,
	FTALIAS_RC_SNAP_CLIENT,
	FTALIAS_RC_SNAP_REQUEST,
	FTALIAS_RC_SNAP_HELD,
};

struct ftalias_rc_snap_rec {
	u8 kind;		/* enum ftalias_rc_snap_kind */
	u8 state;		/* entries: enum ftalias_rc_state */
	u16 pad;
	u32 len;		/* bytes of @data */
	struct ftalias_id id;	/* clients: node and alias */
	u32 age_ms;		/* entries: since recorded */
	u32 port;		/* in progress: the request's source port;
				 * held replies: the replier's
				 */
	u32 alias;		/* in progress: its source alias; journal
				 * records and requests: the destination alias;
				 * held replies: the replier's
				 */
	u32 err;		/* held notices: the errno (0: a reply) */
	u32 flags;		/* journal records: FTALIAS_J_ flags;
				 * requests: FTALIAS_F_REDELIVERED if delivered;
				 * held replies: their FTALIAS_F_ flags
				 */
	u64 acked;		/* clients */
	u64 cookie;		/* clients: the requester's, or 0 (snapshots:
				 * the alias in the table); requests: the
				 * destination's
				 */
	u8 data[];
};

struct ftalias_rc_snap {
	void *buf;
	size_t size;
	size_t used;
	u32 entries;
	u32 jrecs;
	u32 clients;
	u32 dropped;		/* entries of requesters that are not aliases */
	u64 bytes;		/* of the payloads */
};

int ftalias_rc_snap_reserve(struct ftalias_alias *alias,
			    struct ftalias_rc_snap *snap);
int ftalias_rc_snapshot(struct ftalias_alias *alias,
			struct ftalias_rc_snap *snap);
size_t ftalias_rc_snap_size(u32 len);
int ftalias_rc_snap_room(struct ftalias_rc_snap *snap, u64 need, int tries);
struct ftalias_rc_snap_rec *ftalias_rc_snap_add(struct ftalias_rc_snap *snap,
						u8 kind, u32 len);
void ftalias_rc_snap_free(struct ftalias_rc_snap *snap);
int ftalias_rc_restore(struct ftalias_alias *alias,
		       const struct ftalias_rc_snap_rec *r, const void *data);

/* A requester alias of a cache (see struct ftalias_rc_client in replay.c). */
struct ftalias_rc_client_info {
	u32 alias;
	u64 stray;
};

int ftalias_rc_clients(struct ftalias_alias *alias,
		       struct ftalias_rc_client_info *out, int max);

enum ftalias_rc_stray {
	FTALIAS_RC_STRAY_NONE,
	FTALIAS_RC_STRAY_OURS,
	FTALIAS_RC_STRAY_NOT_OURS,
};

bool __ftalias_rc_client_moved(struct ftalias_alias *alias, u32 client,
			       u64 cookie);
enum ftalias_rc_stray __ftalias_rc_stray_meet(struct ftalias_alias *alias,
					      u32 client, u64 cookie,
					      u64 *last_xid);

/* Module-wide: the shrinker and the total limit. */
int ftalias_rc_module_init(void);
void ftalias_rc_module_exit(void);
u64 ftalias_rc_total_bytes(void);
bool ftalias_rc_room(struct ftalias_alias *alias, u64 cost);
void ftalias_rc_charge_log(struct ftalias_alias *alias, s64 bytes);

int ftalias_rc_init(struct ftalias_alias *alias);
void ftalias_rc_destroy(struct ftalias_alias *alias);

/* Data path, under the alias's lock. */
enum ftalias_rc_verdict {
	FTALIAS_RC_DELIVER,	/* deliver @req as usual */
	FTALIAS_RC_DELIVER_SKB,	/* deliver the message made here instead */
	FTALIAS_RC_WAIT,	/* held on an in-progress entry */
	FTALIAS_RC_ANSWERED,	/* answered from the cache: unlinked */
	FTALIAS_RC_RETRY,	/* no memory: hold and try again later */
};

enum ftalias_rc_verdict __ftalias_rc_check(struct ftalias_alias *alias,
					   const struct ftalias_req *req,
					   struct sk_buff **skb);
unsigned long __ftalias_rc_backoff(struct ftalias_alias *alias);
unsigned long __ftalias_rc_notify(struct ftalias_alias *alias,
				  struct ftalias_sock *to,
				  struct sk_buff_head *notices);
bool __ftalias_rc_in_progress(struct ftalias_alias *alias,
			      const struct ftalias_id *id);
void __ftalias_rc_member_gone(struct ftalias_alias *alias,
			      struct ftalias_sock *old);
bool __ftalias_rc_unowned(struct ftalias_alias *alias,
			  const struct ftalias_id *id, ktime_t *since);
void __ftalias_rc_ack(struct ftalias_alias *alias, const struct ftalias_id *id,
		      u64 ack);
void __ftalias_rc_replied(struct ftalias_alias *alias,
			  const struct ftalias_id *id);
void __ftalias_rc_gone(struct ftalias_alias *alias, const struct ftalias_id *id);
bool __ftalias_rc_client_gone(struct ftalias_alias *alias, u32 client);
void __ftalias_rc_journal_replied(struct ftalias_alias *alias,
				  const struct ftalias_id *id);
unsigned long __ftalias_rc_expire(struct ftalias_alias *alias);

/*
 * Members writing their alias's cache (sendmsg): what may be needed is
 * allocated before the alias's lock is taken.  An entry in progress
 * keeps a copy of its request's bytes, made in process context and
 * charged to the recording process's memory cgroup: its size is known
 * under the lock only, so @request is allocated once the record said how
 * many bytes it wants (-EAGAIN, ftalias_rc_new_request()).  The bytes of
 * an answer (auto-reply, handler) come in ftalias_rc_data_alloc()'s room:
 * when they are few, it is the entry itself.
 */
struct ftalias_rc_new {
	struct ftalias_rc_entry *entry;
	struct ftalias_rc_prog *prog;
	struct sk_buff *request;
	u32 want;
};

void *ftalias_rc_data_alloc(u32 len);
void ftalias_rc_data_free(void *data, u32 len);
int ftalias_rc_new_alloc(struct ftalias_rc_new *n, bool prog, u32 len);
int ftalias_rc_new_request(struct ftalias_rc_new *n);
void ftalias_rc_new_free(struct ftalias_rc_new *n);
int __ftalias_rc_record(struct ftalias_alias *alias, struct ftalias_sock *fsk,
			const struct ftalias_record *rec,
			const struct sk_buff *request, void **data, u32 len,
			struct ftalias_rc_new *n);
struct ftalias_jrec *ftalias_rc_jrec_new(const struct ftalias_id *id, u32 dst,
					 struct sk_buff *skb);
void ftalias_rc_jrec_free(struct ftalias_jrec *jr);
int __ftalias_rc_journal_add(struct ftalias_alias *alias,
			     struct ftalias_sock *fsk,
			     const struct ftalias_id *parent,
			     const struct sk_buff *request,
			     struct ftalias_jrec **jr, struct ftalias_rc_new *n);
void ftalias_rc_journal_del(struct ftalias_sock *fsk,
			    const struct ftalias_id *parent,
			    const struct ftalias_id *id);

/* Netlink. */
int ftalias_rc_dump(struct ftalias_alias *alias, struct ftalias_rc_cursor *cur,
		    struct ftalias_rc_info *info, int max, u32 *genid);
int ftalias_rc_journal_dump(struct ftalias_alias *alias,
			    struct ftalias_rc_cursor *cur,
			    struct ftalias_jrec_info *info, int max, u32 *genid);
bool __ftalias_rc_flush(struct ftalias_alias *alias, bool in_progress,
			u64 last, u32 *flushed);
void ftalias_rc_stats(struct ftalias_alias *alias,
		      struct ftalias_rc_stats *stats, u32 *entries,
		      u32 *in_progress, u64 *bytes, u32 *journal, u32 *waiting);

#endif /* _FTALIAS_REPLAY_H */
