// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the replay cache, built into ftalias.ko when the kernel
 * has KUnit built in (see Kbuild) and included at the end of replay.c so
 * that they reach its static helpers and its entries.  Each case is one
 * rule of Documentation/uapi.rst ("Lifetime of an entry", "Writing the
 * cache", "Relay journal", "Acknowledgements"), on an alias of the test's
 * own that no table, member or socket ever sees: the cache is called as
 * the request code calls it, under the alias's lock.
 */

#include <kunit/test.h>

/* Test code only: the tests make their aliases as netlink does. */
#include "aliastab.h"

#define FTALIAS_TEST_REQ_LEN	32
#define FTALIAS_TEST_CLIENT	7	/* alias id of a requesting alias */
#define FTALIAS_TEST_OTHER	8	/* and of another one */

struct ftalias_rc_test {
	struct ftalias_alias *alias;
	struct ftalias_sock *member;	/* owns the in-progress entries */
	struct sk_buff *request;	/* the pending request's message */
	u64 total;			/* ftalias_rc_total_bytes() before */
};

static int ftalias_rc_test_init(struct kunit *test)
{
	struct ftalias_alias_cfg cfg;
	struct ftalias_rc_test *t;

	t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	if (!t)
		return -ENOMEM;
	t->member = kunit_kzalloc(test, sizeof(*t->member), GFP_KERNEL);
	if (!t->member)
		return -ENOMEM;
	t->request = alloc_skb(FTALIAS_TEST_REQ_LEN, GFP_KERNEL);
	if (!t->request)
		return -ENOMEM;
	memset(skb_put(t->request, FTALIAS_TEST_REQ_LEN), 'q',
	       FTALIAS_TEST_REQ_LEN);
	t->total = ftalias_rc_total_bytes();
	ftalias_alias_cfg_default(&cfg);
	t->alias = ftalias_alias_alloc(&init_net, "kunit-rc", &cfg);
	if (!t->alias || ftalias_rc_init(t->alias)) {
		if (t->alias)
			ftalias_alias_put(t->alias);
		kfree_skb(t->request);
		return -ENOMEM;
	}
	test->priv = t;
	return 0;
}

static void ftalias_rc_test_exit(struct kunit *test)
{
	struct ftalias_rc_test *t = test->priv;

	ftalias_rc_destroy(t->alias);
	ftalias_alias_put(t->alias);
	kfree_skb(t->request);
}

static void ftalias_rc_test_lock(struct ftalias_rc_test *t)
	__acquires(&t->alias->lock)
{
	spin_lock(&t->alias->lock);
}

/*
 * What the cache leaves to the request code (@released, @arm_ttl) has no
 * request code to act on here: forgotten, as ftalias_alias_unlock() would.
 */
static void ftalias_rc_test_unlock(struct ftalias_rc_test *t)
	__releases(&t->alias->lock)
{
	t->alias->rc.released = false;
	t->alias->rc.arm_ttl = false;
	spin_unlock(&t->alias->lock);
}

/* The ID of request @xid of requester alias @client (0: a plain socket). */
static struct ftalias_id ftalias_rc_test_id(u32 client, u64 xid)
{
	return (struct ftalias_id){ .alias = client, .port = 100, .xid = xid };
}

/*
 * Record @type for @id, with @len bytes of @fill as the reply or
 * argument, the way ftalias_record() does (preallocation, and a second
 * try with the copy of the request's bytes the first asked for).
 */
static int ftalias_rc_test_record(struct kunit *test,
				  const struct ftalias_id *id, u32 type,
				  u32 len, u8 fill)
{
	struct ftalias_record rec = { .id = *id, .type = type };
	struct ftalias_rc_test *t = test->priv;
	struct ftalias_rc_new n = {};
	void *data = NULL;
	int err;

	err = ftalias_rc_new_alloc(&n, type == FTALIAS_RECORD_BLOCK, len);
	KUNIT_ASSERT_EQ(test, err, 0);
	if (len) {
		data = ftalias_rc_data_alloc(len);
		KUNIT_ASSERT_NOT_NULL(test, data);
		memset(data, fill, len);
	}
	for (;;) {
		ftalias_rc_test_lock(t);
		err = __ftalias_rc_record(t->alias, t->member, &rec, t->request,
					  &data, len, &n);
		ftalias_rc_test_unlock(t);
		if (err != -EAGAIN)
			break;
		KUNIT_ASSERT_EQ(test, ftalias_rc_new_request(&n), 0);
	}
	ftalias_rc_data_free(data, len);
	ftalias_rc_new_free(&n);
	return err;
}

/* Record @type for @id: 8 bytes of data but for BLOCK and DISCARD. */
static int ftalias_rc_test_rec(struct kunit *test, const struct ftalias_id *id,
			       u32 type)
{
	bool empty = type == FTALIAS_RECORD_BLOCK ||
		     type == FTALIAS_RECORD_DISCARD;

	return ftalias_rc_test_record(test, id, type, empty ? 0 : 8, 'a');
}

static int ftalias_rc_test_done(struct kunit *test, u64 xid, u32 len)
{
	struct ftalias_id id = ftalias_rc_test_id(0, xid);

	return ftalias_rc_test_record(test, &id, FTALIAS_RECORD_AUTO_REPLY, len,
				      'r');
}

static int ftalias_rc_test_block(struct kunit *test, u64 xid)
{
	struct ftalias_id id = ftalias_rc_test_id(0, xid);

	return ftalias_rc_test_record(test, &id, FTALIAS_RECORD_BLOCK, 0, 0);
}

/* The state of the entry of @id, 0 if there is none. */
static u32 ftalias_rc_test_state(struct kunit *test,
				 const struct ftalias_id *id)
{
	struct ftalias_rc_test *t = test->priv;
	struct ftalias_rc_entry *e;
	u32 state;

	ftalias_rc_test_lock(t);
	e = __ftalias_rc_lookup(&t->alias->rc, id);
	state = e ? e->state : 0;
	ftalias_rc_test_unlock(t);
	return state;
}

static bool ftalias_rc_test_has(struct kunit *test, u64 xid)
{
	struct ftalias_id id = ftalias_rc_test_id(0, xid);

	return ftalias_rc_test_state(test, &id);
}

/* What a delivery of request @id would do, and the message it made. */
static enum ftalias_rc_verdict
ftalias_rc_test_check(struct kunit *test, const struct ftalias_id *id,
		      struct sk_buff **skb)
{
	struct ftalias_rc_test *t = test->priv;
	struct ftalias_req req = { .id = *id, .skb = t->request };
	enum ftalias_rc_verdict v;

	*skb = NULL;
	ftalias_rc_test_lock(t);
	v = __ftalias_rc_check(t->alias, &req, skb);
	ftalias_rc_test_unlock(t);
	return v;
}

/* --- Verdicts: one case per state of the request's entry. --- */

struct ftalias_rc_verdict_case {
	const char *desc;
	u32 record;		/* FTALIAS_RECORD_*, 0: nothing recorded */
	u32 then;		/* recorded next, 0: nothing */
	enum ftalias_rc_verdict verdict;
};

static const struct ftalias_rc_verdict_case ftalias_rc_verdict_cases[] = {
	{ "unknown ID: deliver", 0, 0, FTALIAS_RC_DELIVER },
	{ "in progress: wait", FTALIAS_RECORD_BLOCK, 0, FTALIAS_RC_WAIT },
	{ "auto-reply: answered", FTALIAS_RECORD_AUTO_REPLY, 0,
	  FTALIAS_RC_ANSWERED },
	{ "handler: deliver with the argument", FTALIAS_RECORD_HANDLER, 0,
	  FTALIAS_RC_DELIVER_SKB },
	{ "in progress, then auto-reply: answered", FTALIAS_RECORD_BLOCK,
	  FTALIAS_RECORD_AUTO_REPLY, FTALIAS_RC_ANSWERED },
	{ "in progress, then handler", FTALIAS_RECORD_BLOCK,
	  FTALIAS_RECORD_HANDLER, FTALIAS_RC_DELIVER_SKB },
	{ "in progress, then discarded: deliver as new", FTALIAS_RECORD_BLOCK,
	  FTALIAS_RECORD_DISCARD, FTALIAS_RC_DELIVER },
	{ "auto-reply, then discarded: deliver as new",
	  FTALIAS_RECORD_AUTO_REPLY, FTALIAS_RECORD_DISCARD,
	  FTALIAS_RC_DELIVER },
};

static void ftalias_rc_verdict_desc(const struct ftalias_rc_verdict_case *c,
				    char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(ftalias_rc_verdict, ftalias_rc_verdict_cases,
		  ftalias_rc_verdict_desc);

#define FTALIAS_TEST_REPLY_LEN	100

static void ftalias_rc_test_verdict(struct kunit *test)
{
	const struct ftalias_rc_verdict_case *c = test->param_value;
	struct ftalias_id id = ftalias_rc_test_id(0, 1);
	u8 buf[FTALIAS_TEST_REPLY_LEN + FTALIAS_TEST_REQ_LEN];
	struct ftalias_rc_test *t = test->priv;
	struct ftalias_skb_cb *cb;
	struct sk_buff *skb;
	u32 len;
	int err;

	if (c->record) {
		len = c->record == FTALIAS_RECORD_BLOCK ? 0 :
		      FTALIAS_TEST_REPLY_LEN;
		err = ftalias_rc_test_record(test, &id, c->record, len, 'a');
		KUNIT_ASSERT_EQ(test, err, 0);
	}
	if (c->then) {
		len = c->then == FTALIAS_RECORD_DISCARD ? 0 :
		      FTALIAS_TEST_REPLY_LEN;
		err = ftalias_rc_test_record(test, &id, c->then, len, 'b');
		KUNIT_ASSERT_EQ(test, err, 0);
	}

	KUNIT_ASSERT_EQ(test, ftalias_rc_test_check(test, &id, &skb),
			c->verdict);
	switch (c->verdict) {
	case FTALIAS_RC_ANSWERED:
		/* The reply recorded last, to the requester of the ID. */
		KUNIT_ASSERT_NOT_NULL(test, skb);
		cb = ftalias_cb(skb);
		KUNIT_EXPECT_EQ(test, cb->kind, FTALIAS_MSG_REPLY);
		KUNIT_EXPECT_EQ(test, cb->id.xid, id.xid);
		KUNIT_EXPECT_EQ(test, cb->src_alias, t->alias->id);
		KUNIT_EXPECT_EQ(test, skb->len, FTALIAS_TEST_REPLY_LEN);
		KUNIT_EXPECT_EQ(test, skb_copy_bits(skb, 0, buf, skb->len), 0);
		KUNIT_EXPECT_TRUE(test, memchr_inv(buf, c->then ? 'b' : 'a',
						   skb->len) == NULL);
		break;
	case FTALIAS_RC_DELIVER_SKB:
		/* The handler's argument, then the request's bytes. */
		KUNIT_ASSERT_NOT_NULL(test, skb);
		cb = ftalias_cb(skb);
		len = FTALIAS_TEST_REPLY_LEN;
		KUNIT_EXPECT_EQ(test, cb->flags, FTALIAS_F_REDUNDANT);
		KUNIT_EXPECT_EQ(test, cb->aux, len);
		KUNIT_EXPECT_PTR_EQ(test, cb->req, NULL);
		KUNIT_ASSERT_EQ(test, skb->len, len + FTALIAS_TEST_REQ_LEN);
		KUNIT_EXPECT_EQ(test, skb_copy_bits(skb, 0, buf, skb->len), 0);
		KUNIT_EXPECT_TRUE(test, memchr_inv(buf, c->then ? 'b' : 'a',
						   len) == NULL);
		KUNIT_EXPECT_TRUE(test, memchr_inv(buf + len, 'q',
						   FTALIAS_TEST_REQ_LEN) == NULL);
		break;
	default:
		KUNIT_EXPECT_NULL(test, skb);
		break;
	}
	kfree_skb(skb);
	/* A verdict changes no entry. */
	KUNIT_EXPECT_EQ(test, t->alias->rc.entries, c->verdict ==
			FTALIAS_RC_DELIVER ? 0U : 1U);
}

static unsigned long ftalias_rc_test_backoff(struct ftalias_rc_test *t)
{
	unsigned long delay;

	ftalias_rc_test_lock(t);
	delay = __ftalias_rc_backoff(t->alias);
	ftalias_rc_test_unlock(t);
	return delay;
}

/*
 * No memory for the answer: retry, after a delay that starts at one jiffy,
 * doubles with each failure in a row and is back to none after a success.
 * The allocation fails by fault injection (fail-nth of this task).
 */
static void ftalias_rc_test_retry(struct kunit *test)
{
#ifdef CONFIG_FAILSLAB
	struct ftalias_id id = ftalias_rc_test_id(0, 1);
	struct ftalias_rc_test *t = test->priv;
	enum ftalias_rc_verdict v;
	struct sk_buff *skb;
	int i;

	KUNIT_ASSERT_EQ(test, ftalias_rc_test_done(test, 1, 10), 0);
	for (i = 1; i <= 3; i++) {
		/* The answer's skb is the first allocation that may fail. */
		current->fail_nth = 1;
		v = ftalias_rc_test_check(test, &id, &skb);
		current->fail_nth = 0;
		KUNIT_ASSERT_EQ(test, v, FTALIAS_RC_RETRY);
		KUNIT_EXPECT_NULL(test, skb);
		KUNIT_EXPECT_EQ(test, t->alias->rc.backoff, 1UL << (i - 1));
		KUNIT_EXPECT_EQ(test, ftalias_rc_test_backoff(t), 1UL << (i - 1));
	}
	/* The entry is still there: the next try answers. */
	KUNIT_ASSERT_EQ(test, ftalias_rc_test_check(test, &id, &skb),
			FTALIAS_RC_ANSWERED);
	kfree_skb(skb);
	KUNIT_EXPECT_EQ(test, t->alias->rc.backoff, 0UL);
	KUNIT_EXPECT_EQ(test, ftalias_rc_test_backoff(t), 1UL);
#else
	kunit_skip(test, "needs CONFIG_FAILSLAB");
#endif
}

/* --- Eviction under the limits: least recently recorded first. --- */

/* The count limit evicts the oldest completed entry, one per new one. */
static void ftalias_rc_test_evict_count(struct kunit *test)
{
	struct ftalias_rc_test *t = test->priv;
	u64 xid;

	t->alias->cfg.cache_max_entries = 3;
	for (xid = 1; xid <= 5; xid++)
		KUNIT_ASSERT_EQ(test, ftalias_rc_test_done(test, xid, 8), 0);
	KUNIT_EXPECT_EQ(test, t->alias->rc.entries, 3U);
	KUNIT_EXPECT_FALSE(test, ftalias_rc_test_has(test, 1));
	KUNIT_EXPECT_FALSE(test, ftalias_rc_test_has(test, 2));
	for (xid = 3; xid <= 5; xid++)
		KUNIT_EXPECT_TRUE(test, ftalias_rc_test_has(test, xid));
	KUNIT_EXPECT_EQ(test, t->alias->rc.stats.evict_lru, 2ULL);
}

/* Recorded again, an entry is the most recent: the next oldest goes. */
static void ftalias_rc_test_evict_rerecord(struct kunit *test)
{
	struct ftalias_rc_test *t = test->priv;

	t->alias->cfg.cache_max_entries = 2;
	KUNIT_ASSERT_EQ(test, ftalias_rc_test_done(test, 1, 8), 0);
	KUNIT_ASSERT_EQ(test, ftalias_rc_test_done(test, 2, 8), 0);
	KUNIT_ASSERT_EQ(test, ftalias_rc_test_done(test, 1, 8), 0);
	KUNIT_ASSERT_EQ(test, ftalias_rc_test_done(test, 3, 8), 0);
	KUNIT_EXPECT_TRUE(test, ftalias_rc_test_has(test, 1));
	KUNIT_EXPECT_FALSE(test, ftalias_rc_test_has(test, 2));
	KUNIT_EXPECT_TRUE(test, ftalias_rc_test_has(test, 3));
}

/*
 * The byte limit evicts the oldest completed entries until the new one
 * fits, exactly: at the limit is within it.
 */
static void ftalias_rc_test_evict_bytes(struct kunit *test)
{
	const u64 cost = sizeof(struct ftalias_rc_entry) + 100;
	struct ftalias_rc_test *t = test->priv;

	t->alias->cfg.cache_max_bytes = 3 * cost;
	KUNIT_ASSERT_EQ(test, ftalias_rc_test_done(test, 1, 100), 0);
	KUNIT_ASSERT_EQ(test, ftalias_rc_test_done(test, 2, 100), 0);
	KUNIT_ASSERT_EQ(test, ftalias_rc_test_done(test, 3, 100), 0);
	KUNIT_EXPECT_EQ(test, t->alias->rc.bytes, 3 * cost);
	KUNIT_EXPECT_EQ(test, t->alias->rc.entries, 3U);
	/* Twice the size: the two oldest go. */
	KUNIT_ASSERT_EQ(test, ftalias_rc_test_done(test, 4, 100 + cost), 0);
	KUNIT_EXPECT_FALSE(test, ftalias_rc_test_has(test, 1));
	KUNIT_EXPECT_FALSE(test, ftalias_rc_test_has(test, 2));
	KUNIT_EXPECT_TRUE(test, ftalias_rc_test_has(test, 3));
	KUNIT_EXPECT_TRUE(test, ftalias_rc_test_has(test, 4));
	KUNIT_EXPECT_EQ(test, t->alias->rc.bytes, 3 * cost);
	/* Bigger than the limit: refused, and nothing evicted for it. */
	KUNIT_EXPECT_EQ(test, ftalias_rc_test_done(test, 5, 3 * cost), -ENOBUFS);
	KUNIT_EXPECT_TRUE(test, ftalias_rc_test_has(test, 3));
	KUNIT_EXPECT_TRUE(test, ftalias_rc_test_has(test, 4));
	KUNIT_EXPECT_EQ(test, t->alias->rc.stats.refused, 1ULL);
}

/*
 * An in-progress entry is never evicted by a limit: the completed ones go
 * first, and when only in-progress ones are left the new record is
 * refused instead, leaving every entry where it was.
 */
static void ftalias_rc_test_evict_in_progress(struct kunit *test)
{
	struct ftalias_rc_test *t = test->priv;

	t->alias->cfg.cache_max_entries = 2;
	KUNIT_ASSERT_EQ(test, ftalias_rc_test_block(test, 1), 0);
	KUNIT_ASSERT_EQ(test, ftalias_rc_test_done(test, 2, 8), 0);
	/* Older than 2, but in progress: 2 goes. */
	KUNIT_ASSERT_EQ(test, ftalias_rc_test_done(test, 3, 8), 0);
	KUNIT_EXPECT_TRUE(test, ftalias_rc_test_has(test, 1));
	KUNIT_EXPECT_FALSE(test, ftalias_rc_test_has(test, 2));
	KUNIT_EXPECT_TRUE(test, ftalias_rc_test_has(test, 3));
	KUNIT_ASSERT_EQ(test, ftalias_rc_test_block(test, 4), 0);
	KUNIT_EXPECT_FALSE(test, ftalias_rc_test_has(test, 3));
	/* Only in-progress entries: refused, completed or not. */
	KUNIT_EXPECT_EQ(test, ftalias_rc_test_block(test, 5), -ENOBUFS);
	KUNIT_EXPECT_EQ(test, ftalias_rc_test_done(test, 6, 8), -ENOBUFS);
	KUNIT_EXPECT_TRUE(test, ftalias_rc_test_has(test, 1));
	KUNIT_EXPECT_TRUE(test, ftalias_rc_test_has(test, 4));
	KUNIT_EXPECT_EQ(test, t->alias->rc.entries, 2U);
	KUNIT_EXPECT_EQ(test, t->alias->rc.nr_in_progress, 2U);
	KUNIT_EXPECT_EQ(test, t->alias->rc.stats.refused, 2ULL);
	/* Nor by the byte limit. */
	t->alias->cfg.cache_max_entries = 100;
	t->alias->cfg.cache_max_bytes = t->alias->rc.bytes;
	KUNIT_EXPECT_EQ(test, ftalias_rc_test_done(test, 7, 8), -ENOBUFS);
	KUNIT_EXPECT_EQ(test, t->alias->rc.nr_in_progress, 2U);
}

/* --- TTL. --- */

/*
 * Give @xid's completed entry the age @age (ms) and expire: whether the
 * entry is still there, and what __ftalias_rc_expire() returned (@next)
 * with the jiffies before and after (@j0, @j1).  Tried again when the
 * clock's millisecond moved in between (a busy guest): the age is exact.
 */
static bool ftalias_rc_test_expire(struct kunit *test, u64 xid, u32 age,
				   unsigned long *next, unsigned long *j0,
				   unsigned long *j1)
{
	struct ftalias_id id = ftalias_rc_test_id(0, xid);
	struct ftalias_rc_test *t = test->priv;
	struct ftalias_rc_entry *e;
	bool kept;
	u32 now;
	int i;

	for (i = 0; i < 1000; i++) {
		ftalias_rc_test_lock(t);
		e = __ftalias_rc_lookup(&t->alias->rc, &id);
		if (!e) {
			ftalias_rc_test_unlock(t);
			break;
		}
		*j0 = jiffies;
		now = ftalias_rc_now();
		e->stamp = now - age;
		*next = __ftalias_rc_expire(t->alias);
		kept = __ftalias_rc_lookup(&t->alias->rc, &id);
		*j1 = jiffies;
		if (ftalias_rc_now() == now) {
			ftalias_rc_test_unlock(t);
			return kept;
		}
		/* Too late to tell: record it again, try again. */
		ftalias_rc_test_unlock(t);
		if (!kept)
			KUNIT_ASSERT_EQ(test, ftalias_rc_test_done(test, xid, 8),
					0);
	}
	KUNIT_FAIL(test, "entry %llu gone, or no stable millisecond", xid);
	return false;
}

/*
 * An entry is kept until it is surely cache-ttl-ms old: its age is read
 * in whole milliseconds, cut down at both ends, so an entry that reads
 * cache-ttl-ms may be a millisecond younger; it goes when it reads one
 * more.  The work is to look again one tick after the oldest one's time
 * is up, and not at all when none is left.
 */
static void ftalias_rc_test_ttl(struct kunit *test)
{
	struct ftalias_rc_test *t = test->priv;
	unsigned long next, j0, j1, wait;
	u32 ttl = 10000;

	t->alias->cfg.cache_ttl_ms = ttl;
	KUNIT_ASSERT_EQ(test, ftalias_rc_test_done(test, 1, 8), 0);

	KUNIT_EXPECT_TRUE(test, ftalias_rc_test_expire(test, 1, 0, &next,
						       &j0, &j1));
	wait = 1 + msecs_to_jiffies(ttl + 1);
	KUNIT_EXPECT_TRUE(test, time_in_range(next, j0 + wait, j1 + wait));

	KUNIT_EXPECT_TRUE(test, ftalias_rc_test_expire(test, 1, ttl - 1, &next,
						       &j0, &j1));
	wait = 1 + msecs_to_jiffies(2);
	KUNIT_EXPECT_TRUE(test, time_in_range(next, j0 + wait, j1 + wait));

	/* Reading cache-ttl-ms, it may be a millisecond younger: kept. */
	KUNIT_EXPECT_TRUE(test, ftalias_rc_test_expire(test, 1, ttl, &next,
						       &j0, &j1));
	wait = 1 + msecs_to_jiffies(1);
	KUNIT_EXPECT_TRUE(test, time_in_range(next, j0 + wait, j1 + wait));
	KUNIT_EXPECT_EQ(test, t->alias->rc.stats.evict_ttl, 0ULL);

	/* One more: gone, and none left to look at again. */
	KUNIT_EXPECT_FALSE(test, ftalias_rc_test_expire(test, 1, ttl + 1, &next,
							&j0, &j1));
	KUNIT_EXPECT_EQ(test, next, 0UL);
	KUNIT_EXPECT_EQ(test, t->alias->rc.entries, 0U);
	KUNIT_EXPECT_GE(test, t->alias->rc.stats.evict_ttl, 1ULL);
}

/* Expired in record order: the first young entry ends the walk. */
static void ftalias_rc_test_ttl_order(struct kunit *test)
{
	struct ftalias_id old = ftalias_rc_test_id(0, 1);
	struct ftalias_id young = ftalias_rc_test_id(0, 2);
	struct ftalias_rc_test *t = test->priv;
	struct ftalias_rc_entry *e;
	unsigned long next, j1;
	u32 ttl = 10000;

	t->alias->cfg.cache_ttl_ms = ttl;
	KUNIT_ASSERT_EQ(test, ftalias_rc_test_done(test, 1, 8), 0);
	KUNIT_ASSERT_EQ(test, ftalias_rc_test_done(test, 2, 8), 0);
	KUNIT_ASSERT_EQ(test, ftalias_rc_test_done(test, 3, 8), 0);
	ftalias_rc_test_lock(t);
	e = __ftalias_rc_lookup(&t->alias->rc, &old);
	e->stamp = ftalias_rc_now() - 2 * ttl;
	e = __ftalias_rc_lookup(&t->alias->rc, &young);
	e->stamp = ftalias_rc_now() - ttl / 2;
	next = __ftalias_rc_expire(t->alias);
	j1 = jiffies;
	ftalias_rc_test_unlock(t);
	KUNIT_EXPECT_EQ(test, ftalias_rc_test_state(test, &old), 0U);
	KUNIT_EXPECT_TRUE(test, ftalias_rc_test_has(test, 2));
	KUNIT_EXPECT_TRUE(test, ftalias_rc_test_has(test, 3));
	/* When the young one's time is up, not the newest one's. */
	KUNIT_EXPECT_TRUE(test, time_after(next, j1));
	KUNIT_EXPECT_TRUE(test, time_before_eq(next, j1 + 1 +
					       msecs_to_jiffies(ttl / 2 + 1)));
}

/* An in-progress entry never expires, whatever its age. */
static void ftalias_rc_test_ttl_in_progress(struct kunit *test)
{
	struct ftalias_id id = ftalias_rc_test_id(0, 1);
	struct ftalias_rc_test *t = test->priv;
	struct ftalias_rc_entry *e;
	unsigned long next;

	KUNIT_ASSERT_EQ(test, ftalias_rc_test_block(test, 1), 0);
	ftalias_rc_test_lock(t);
	e = __ftalias_rc_lookup(&t->alias->rc, &id);
	e->stamp = ftalias_rc_now() - t->alias->cfg.cache_ttl_ms - 1;
	next = __ftalias_rc_expire(t->alias);
	ftalias_rc_test_unlock(t);
	KUNIT_EXPECT_EQ(test, next, 0UL);
	KUNIT_EXPECT_EQ(test, ftalias_rc_test_state(test, &id),
			(u32)FTALIAS_RC_IN_PROGRESS);
}

/* --- Acks, and the other ends of an entry's life. --- */

/*
 * An ack frees the completed entries of that requesting alias below it:
 * not the one at it, not its in-progress ones, not another alias's; it
 * only grows; and an acknowledged ID cannot be recorded again.
 */
static void ftalias_rc_test_ack(struct kunit *test)
{
	struct ftalias_rc_test *t = test->priv;
	struct ftalias_id id;
	u64 xid;
	int err;

	for (xid = 1; xid <= 5; xid++) {
		id = ftalias_rc_test_id(FTALIAS_TEST_CLIENT, xid);
		KUNIT_ASSERT_EQ(test, ftalias_rc_test_record(test, &id, xid == 2 ?
				FTALIAS_RECORD_BLOCK : FTALIAS_RECORD_AUTO_REPLY,
				xid == 2 ? 0 : 8, 'a'), 0);
		id = ftalias_rc_test_id(FTALIAS_TEST_OTHER, xid);
		err = ftalias_rc_test_rec(test, &id, FTALIAS_RECORD_AUTO_REPLY);
		KUNIT_ASSERT_EQ(test, err, 0);
	}

	id = ftalias_rc_test_id(FTALIAS_TEST_CLIENT, 5);
	ftalias_rc_test_lock(t);
	__ftalias_rc_ack(t->alias, &id, 4);
	ftalias_rc_test_unlock(t);
	for (xid = 1; xid <= 5; xid++) {
		id = ftalias_rc_test_id(FTALIAS_TEST_CLIENT, xid);
		KUNIT_EXPECT_EQ_MSG(test, !!ftalias_rc_test_state(test, &id),
				    xid == 2 || xid >= 4, "xid %llu", xid);
		id = ftalias_rc_test_id(FTALIAS_TEST_OTHER, xid);
		KUNIT_EXPECT_TRUE_MSG(test, ftalias_rc_test_state(test, &id),
				      "other alias's xid %llu", xid);
	}
	KUNIT_EXPECT_EQ(test, t->alias->rc.stats.evict_ack, 2ULL);

	/* Acknowledged: refused; at the ack: recorded. */
	id = ftalias_rc_test_id(FTALIAS_TEST_CLIENT, 3);
	err = ftalias_rc_test_rec(test, &id, FTALIAS_RECORD_AUTO_REPLY);
	KUNIT_EXPECT_EQ(test, err, -ESTALE);
	id = ftalias_rc_test_id(FTALIAS_TEST_CLIENT, 6);
	err = ftalias_rc_test_rec(test, &id, FTALIAS_RECORD_AUTO_REPLY);
	KUNIT_EXPECT_EQ(test, err, 0);

	/* A lower ack than before changes nothing. */
	id = ftalias_rc_test_id(FTALIAS_TEST_CLIENT, 6);
	ftalias_rc_test_lock(t);
	__ftalias_rc_ack(t->alias, &id, 2);
	ftalias_rc_test_unlock(t);
	KUNIT_EXPECT_EQ(test, t->alias->rc.stats.evict_ack, 2ULL);
	id = ftalias_rc_test_id(FTALIAS_TEST_CLIENT, 3);
	err = ftalias_rc_test_rec(test, &id, FTALIAS_RECORD_AUTO_REPLY);
	KUNIT_EXPECT_EQ(test, err, -ESTALE);

	/* Acked past everything: only the in-progress entry is left. */
	ftalias_rc_test_lock(t);
	__ftalias_rc_ack(t->alias, &id, 100);
	ftalias_rc_test_unlock(t);
	for (xid = 1; xid <= 6; xid++) {
		id = ftalias_rc_test_id(FTALIAS_TEST_CLIENT, xid);
		KUNIT_EXPECT_EQ_MSG(test, !!ftalias_rc_test_state(test, &id),
				    xid == 2, "xid %llu", xid);
	}
	KUNIT_EXPECT_EQ(test, t->alias->rc.entries, 6U);
}

/*
 * The reply to a plain socket's request frees its entry (it cannot be
 * re-sent); an alias's completed entry stays, its in-progress one that
 * the reply did not record goes.  A failed request: the plain socket's
 * entry goes, the alias's stays.
 */
static void ftalias_rc_test_replied(struct kunit *test)
{
	struct ftalias_id plain = ftalias_rc_test_id(0, 1);
	struct ftalias_id done = ftalias_rc_test_id(FTALIAS_TEST_CLIENT, 1);
	struct ftalias_id prog = ftalias_rc_test_id(FTALIAS_TEST_CLIENT, 2);
	struct ftalias_rc_test *t = test->priv;
	int err;

	KUNIT_ASSERT_EQ(test, ftalias_rc_test_done(test, 1, 8), 0);
	err = ftalias_rc_test_rec(test, &done, FTALIAS_RECORD_AUTO_REPLY);
	KUNIT_ASSERT_EQ(test, err, 0);
	err = ftalias_rc_test_rec(test, &prog, FTALIAS_RECORD_BLOCK);
	KUNIT_ASSERT_EQ(test, err, 0);
	ftalias_rc_test_lock(t);
	__ftalias_rc_replied(t->alias, &plain);
	__ftalias_rc_replied(t->alias, &done);
	__ftalias_rc_replied(t->alias, &prog);
	ftalias_rc_test_unlock(t);
	KUNIT_EXPECT_EQ(test, ftalias_rc_test_state(test, &plain), 0U);
	KUNIT_EXPECT_EQ(test, ftalias_rc_test_state(test, &done),
			(u32)FTALIAS_RC_AUTO_REPLY);
	KUNIT_EXPECT_EQ(test, ftalias_rc_test_state(test, &prog), 0U);

	KUNIT_ASSERT_EQ(test, ftalias_rc_test_block(test, 1), 0);
	ftalias_rc_test_lock(t);
	__ftalias_rc_gone(t->alias, &plain);
	__ftalias_rc_gone(t->alias, &done);
	ftalias_rc_test_unlock(t);
	KUNIT_EXPECT_EQ(test, ftalias_rc_test_state(test, &plain), 0U);
	KUNIT_EXPECT_EQ(test, ftalias_rc_test_state(test, &done),
			(u32)FTALIAS_RC_AUTO_REPLY);
	KUNIT_EXPECT_EQ(test, t->alias->rc.entries, 1U);
}

/* A deleted requesting alias: all its entries go, in any state. */
static void ftalias_rc_test_client_gone(struct kunit *test)
{
	struct ftalias_rc_test *t = test->priv;
	struct ftalias_id id;
	bool more;
	int err;

	id = ftalias_rc_test_id(FTALIAS_TEST_CLIENT, 1);
	err = ftalias_rc_test_rec(test, &id, FTALIAS_RECORD_BLOCK);
	KUNIT_ASSERT_EQ(test, err, 0);
	id = ftalias_rc_test_id(FTALIAS_TEST_CLIENT, 2);
	err = ftalias_rc_test_rec(test, &id, FTALIAS_RECORD_HANDLER);
	KUNIT_ASSERT_EQ(test, err, 0);
	id = ftalias_rc_test_id(FTALIAS_TEST_OTHER, 1);
	err = ftalias_rc_test_rec(test, &id, FTALIAS_RECORD_AUTO_REPLY);
	KUNIT_ASSERT_EQ(test, err, 0);
	KUNIT_ASSERT_EQ(test, ftalias_rc_test_done(test, 1, 8), 0);

	ftalias_rc_test_lock(t);
	more = __ftalias_rc_client_gone(t->alias, FTALIAS_TEST_CLIENT);
	ftalias_rc_test_unlock(t);
	KUNIT_EXPECT_FALSE(test, more);
	KUNIT_EXPECT_EQ(test, t->alias->rc.entries, 2U);
	KUNIT_EXPECT_EQ(test, t->alias->rc.nr_in_progress, 0U);
	KUNIT_EXPECT_TRUE(test, ftalias_rc_test_state(test, &id));
	KUNIT_EXPECT_TRUE(test, ftalias_rc_test_has(test, 1));
	/* Its acks went with it: a new alias of that id starts afresh. */
	ftalias_rc_test_lock(t);
	id = ftalias_rc_test_id(FTALIAS_TEST_CLIENT, 1);
	KUNIT_EXPECT_NULL(test, __ftalias_rc_client(&t->alias->rc, &id));
	ftalias_rc_test_unlock(t);
}

/* --- Accounting. --- */

/*
 * Bytes and counts follow every entry in every state, the module's total
 * with them, and destroying the cache gives the total back: no leak.
 */
static void ftalias_rc_test_bytes(struct kunit *test)
{
	const u64 head = sizeof(struct ftalias_rc_entry);
	struct ftalias_rc_test *t = test->priv;
	struct ftalias_rc *rc = &t->alias->rc;
	u64 prog;

	KUNIT_ASSERT_EQ(test, ftalias_rc_test_done(test, 1, 100), 0);
	KUNIT_EXPECT_EQ(test, rc->bytes, head + 100);
	KUNIT_EXPECT_EQ(test, rc->prog_bytes, 0ULL);
	KUNIT_ASSERT_EQ(test, ftalias_rc_test_block(test, 2), 0);
	prog = head + sizeof(struct ftalias_rc_prog) + FTALIAS_TEST_REQ_LEN;
	KUNIT_EXPECT_EQ(test, rc->prog_bytes, prog);
	KUNIT_EXPECT_EQ(test, rc->bytes, head + 100 + prog);
	KUNIT_EXPECT_EQ(test, ftalias_rc_total_bytes(), t->total + rc->bytes);
	/* Resolved: the request's copy goes, the reply comes. */
	KUNIT_ASSERT_EQ(test, ftalias_rc_test_done(test, 2, 50), 0);
	KUNIT_EXPECT_EQ(test, rc->prog_bytes, 0ULL);
	KUNIT_EXPECT_EQ(test, rc->bytes, 2 * head + 150);
	/* Recorded again, smaller. */
	KUNIT_ASSERT_EQ(test, ftalias_rc_test_done(test, 1, 10), 0);
	KUNIT_EXPECT_EQ(test, rc->bytes, 2 * head + 60);
	KUNIT_EXPECT_EQ(test, rc->entries, 2U);
	KUNIT_EXPECT_EQ(test, ftalias_rc_total_bytes(), t->total + rc->bytes);
	KUNIT_EXPECT_EQ(test, rc->stats.recorded, 2ULL);

	ftalias_rc_destroy(t->alias);
	KUNIT_EXPECT_EQ(test, ftalias_rc_total_bytes(), t->total);
	KUNIT_EXPECT_FALSE(test, rc->live);
}

/* --- Layout: answers in their entry or apart, replaced whole. --- */

static const u32 ftalias_rc_layout_lens[] = {
	0, 1, 8, 9, 64, FTALIAS_RC_INLINE_MAX, FTALIAS_RC_INLINE_MAX + 1, 4000,
};

/*
 * The entry of @id holds @len bytes of @fill, in itself when they are few
 * (in the smallest size class that fits them), is on its client's list
 * and is the most recently recorded one.
 */
static void ftalias_rc_test_holds(struct kunit *test,
				  const struct ftalias_id *id, u32 len, u8 fill)
{
	struct ftalias_rc_test *t = test->priv;
	struct ftalias_rc *rc = &t->alias->rc;
	struct ftalias_rc_entry *e;
	u32 state, elen, need, i;
	size_t size;

	need = FTALIAS_RC_HEAD + (ftalias_rc_inline(len) ?
				  max_t(u32, len, sizeof(void *)) :
				  sizeof(void *));
	ftalias_rc_test_lock(t);
	e = __ftalias_rc_lookup(rc, id);
	KUNIT_ASSERT_NOT_NULL(test, e);
	state = e->state;
	elen = e->len;
	KUNIT_EXPECT_EQ(test, state, (u32)FTALIAS_RC_AUTO_REPLY);
	KUNIT_EXPECT_EQ_MSG(test, elen, len, "len %u", len);
	if (len)
		KUNIT_EXPECT_NULL_MSG(test, memchr_inv(ftalias_rc_data(e), fill,
						       len), "len %u", len);
	KUNIT_EXPECT_EQ_MSG(test, ftalias_rc_data(e) == (void *)e->data,
			    len && len <= FTALIAS_RC_INLINE_MAX, "len %u", len);
	/* The smallest class that fits. */
	size = kmem_cache_size(ftalias_rc_cache(len));
	for (i = 0; i < ARRAY_SIZE(ftalias_rc_sizes) - 1; i++)
		if (ftalias_rc_sizes[i] == size)
			break;
	KUNIT_EXPECT_GE_MSG(test, size, need, "len %u", len);
	if (i)
		KUNIT_EXPECT_LT_MSG(test, ftalias_rc_sizes[i - 1], need,
				    "len %u", len);
	KUNIT_EXPECT_FALSE(test, list_empty(&e->cnode));
	KUNIT_EXPECT_PTR_EQ(test, list_last_entry(&rc->done,
						  struct ftalias_rc_entry, lru),
			    e);
	ftalias_rc_test_unlock(t);
}

/*
 * Every size of answer, recorded on an in-progress entry and then again
 * with the next size: the new entry takes the old one's place in the
 * table, on the lists and in the accounts, and an ack still finds it.
 */
static void ftalias_rc_test_layout(struct kunit *test)
{
	const unsigned int nr = ARRAY_SIZE(ftalias_rc_layout_lens);
	const u64 head = sizeof(struct ftalias_rc_entry);
	struct ftalias_rc_test *t = test->priv;
	struct ftalias_rc *rc = &t->alias->rc;
	u32 len, again, i;
	struct ftalias_id id;
	u64 bytes = 0;
	int err;

	for (i = 0; i < nr; i++) {
		len = ftalias_rc_layout_lens[i];
		again = ftalias_rc_layout_lens[(i + 1) % nr];
		id = ftalias_rc_test_id(FTALIAS_TEST_CLIENT, i + 1);
		err = ftalias_rc_test_record(test, &id, FTALIAS_RECORD_BLOCK,
					     0, 0);
		KUNIT_ASSERT_EQ(test, err, 0);
		err = ftalias_rc_test_record(test, &id,
					     FTALIAS_RECORD_AUTO_REPLY, len,
					     'a' + i);
		KUNIT_ASSERT_EQ(test, err, 0);
		ftalias_rc_test_holds(test, &id, len, 'a' + i);
		err = ftalias_rc_test_record(test, &id,
					     FTALIAS_RECORD_AUTO_REPLY, again,
					     'A' + i);
		KUNIT_ASSERT_EQ(test, err, 0);
		ftalias_rc_test_holds(test, &id, again, 'A' + i);
		bytes += head + again;
	}
	KUNIT_EXPECT_EQ(test, rc->entries, nr);
	KUNIT_EXPECT_EQ(test, rc->nr_in_progress, 0U);
	KUNIT_EXPECT_EQ(test, rc->prog_bytes, 0ULL);
	KUNIT_EXPECT_EQ(test, rc->bytes, bytes);
	KUNIT_EXPECT_EQ(test, ftalias_rc_total_bytes(), t->total + bytes);
	KUNIT_EXPECT_EQ(test, rc->stats.recorded, (u64)nr);

	ftalias_rc_test_lock(t);
	__ftalias_rc_ack(t->alias, &id, nr + 1);
	KUNIT_EXPECT_EQ(test, rc->entries, 0U);
	KUNIT_EXPECT_EQ(test, rc->bytes, 0ULL);
	KUNIT_EXPECT_NULL(test, __ftalias_rc_client(rc, &id));
	ftalias_rc_test_unlock(t);
	KUNIT_EXPECT_EQ(test, ftalias_rc_total_bytes(), t->total);
}

/* A deleted alias's cache takes no record (and a lookup finds nothing). */
static void ftalias_rc_test_dead(struct kunit *test)
{
	struct ftalias_id id = ftalias_rc_test_id(0, 1);
	struct ftalias_rc_test *t = test->priv;
	struct sk_buff *skb;

	KUNIT_ASSERT_EQ(test, ftalias_rc_test_done(test, 1, 8), 0);
	ftalias_rc_destroy(t->alias);
	KUNIT_EXPECT_EQ(test, ftalias_rc_test_done(test, 2, 8), -EIDRM);
	KUNIT_EXPECT_EQ(test, ftalias_rc_test_check(test, &id, &skb),
			FTALIAS_RC_DELIVER);
	KUNIT_EXPECT_EQ(test, ftalias_rc_total_bytes(), t->total);
}

/* --- The relay journal of an in-progress entry. --- */

static int ftalias_rc_test_journal_add(struct kunit *test, u64 parent,
				       u64 xid, u32 len)
{
	struct ftalias_id pid = ftalias_rc_test_id(0, parent);
	struct ftalias_id id = ftalias_rc_test_id(FTALIAS_TEST_CLIENT, xid);
	struct ftalias_rc_test *t = test->priv;
	struct ftalias_rc_new n = {};
	struct ftalias_jrec *jr;
	struct sk_buff *skb;
	int err;

	skb = alloc_skb(len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	memset(skb_put(skb, len), 'j', len);
	jr = ftalias_rc_jrec_new(&id, FTALIAS_TEST_OTHER, skb);
	if (!jr)
		kfree_skb(skb);
	KUNIT_ASSERT_NOT_NULL(test, jr);
	KUNIT_ASSERT_EQ(test, ftalias_rc_new_alloc(&n, true, 0), 0);
	for (;;) {
		ftalias_rc_test_lock(t);
		err = __ftalias_rc_journal_add(t->alias, t->member, &pid,
					       t->request, &jr, &n);
		ftalias_rc_test_unlock(t);
		if (err != -EAGAIN)
			break;
		KUNIT_ASSERT_EQ(test, ftalias_rc_new_request(&n), 0);
	}
	ftalias_rc_jrec_free(jr);
	ftalias_rc_new_free(&n);
	return err;
}

/*
 * Journaling makes the parent in progress; the records are kept in the
 * order they came, at most FTALIAS_JOURNAL_MAX of them, charged to the
 * cache, and they go when the parent completes.
 */
static void ftalias_rc_test_journal(struct kunit *test)
{
	struct ftalias_id pid = ftalias_rc_test_id(0, 1);
	struct ftalias_rc_test *t = test->priv;
	struct ftalias_rc *rc = &t->alias->rc;
	struct ftalias_rc_entry *e;
	struct ftalias_jrec *jr;
	u64 xid, bytes;

	for (xid = 1; xid <= FTALIAS_JOURNAL_MAX; xid++)
		KUNIT_ASSERT_EQ(test, ftalias_rc_test_journal_add(test, 1, xid,
								  10), 0);
	KUNIT_EXPECT_EQ(test, ftalias_rc_test_state(test, &pid),
			(u32)FTALIAS_RC_IN_PROGRESS);
	KUNIT_EXPECT_EQ(test, rc->nr_journal, FTALIAS_JOURNAL_MAX);
	KUNIT_EXPECT_EQ(test, ftalias_rc_test_journal_add(test, 1, 100, 10),
			-ENOBUFS);
	bytes = sizeof(struct ftalias_rc_entry) +
		sizeof(struct ftalias_rc_prog) + FTALIAS_TEST_REQ_LEN +
		FTALIAS_JOURNAL_MAX * 10;
	KUNIT_EXPECT_EQ(test, rc->bytes, bytes);
	KUNIT_EXPECT_EQ(test, rc->prog_bytes, bytes);

	ftalias_rc_test_lock(t);
	e = __ftalias_rc_lookup(rc, &pid);
	KUNIT_EXPECT_EQ(test, e->prog->nr_journal, FTALIAS_JOURNAL_MAX);
	xid = 1;
	list_for_each_entry(jr, &e->prog->journal, node) {
		KUNIT_EXPECT_EQ(test, jr->id.xid, xid);
		KUNIT_EXPECT_EQ(test, jr->alias, FTALIAS_TEST_OTHER);
		xid++;
	}
	ftalias_rc_test_unlock(t);

	/* Completed: the journal goes with the request's copy. */
	KUNIT_ASSERT_EQ(test, ftalias_rc_test_done(test, 1, 8), 0);
	KUNIT_EXPECT_EQ(test, rc->nr_journal, 0U);
	KUNIT_EXPECT_EQ(test, rc->prog_bytes, 0ULL);
	KUNIT_EXPECT_EQ(test, rc->bytes, sizeof(struct ftalias_rc_entry) + 8);
	/* And a completed parent takes no more. */
	KUNIT_EXPECT_EQ(test, ftalias_rc_test_journal_add(test, 1, 200, 10),
			-EEXIST);
}

/* The journal's bytes are bounded too, and a record can be taken out. */
static void ftalias_rc_test_journal_bytes(struct kunit *test)
{
	const u32 big = FTALIAS_JOURNAL_BYTES_MAX / 2;
	struct ftalias_id pid = ftalias_rc_test_id(0, 1);
	struct ftalias_id id = ftalias_rc_test_id(FTALIAS_TEST_CLIENT, 2);
	struct ftalias_rc_test *t = test->priv;
	struct ftalias_rc *rc = &t->alias->rc;
	u64 bytes;
	u32 len;
	int err;

	KUNIT_ASSERT_EQ(test, ftalias_rc_test_journal_add(test, 1, 1, big), 0);
	KUNIT_ASSERT_EQ(test, ftalias_rc_test_journal_add(test, 1, 2, big), 0);
	/* One byte too many. */
	len = FTALIAS_JOURNAL_BYTES_MAX - 2 * big + 1;
	KUNIT_EXPECT_EQ(test, ftalias_rc_test_journal_add(test, 1, 3, len),
			-ENOBUFS);
	bytes = rc->bytes;
	t->member->alias = t->alias;
	ftalias_rc_journal_del(t->member, &pid, &id);
	KUNIT_EXPECT_EQ(test, rc->nr_journal, 1U);
	KUNIT_EXPECT_EQ(test, rc->bytes, bytes - big);
	KUNIT_EXPECT_EQ(test, ftalias_rc_test_journal_add(test, 1, 3, big), 0);
	/* Discarded: journal and all. */
	err = ftalias_rc_test_rec(test, &pid, FTALIAS_RECORD_DISCARD);
	KUNIT_ASSERT_EQ(test, err, 0);
	KUNIT_EXPECT_EQ(test, rc->nr_journal, 0U);
	KUNIT_EXPECT_EQ(test, rc->bytes, 0ULL);
	KUNIT_EXPECT_EQ(test, ftalias_rc_total_bytes(), t->total);
}

static struct kunit_case ftalias_rc_test_cases[] = {
	KUNIT_CASE_PARAM(ftalias_rc_test_verdict, ftalias_rc_verdict_gen_params),
	KUNIT_CASE(ftalias_rc_test_retry),
	KUNIT_CASE(ftalias_rc_test_evict_count),
	KUNIT_CASE(ftalias_rc_test_evict_rerecord),
	KUNIT_CASE(ftalias_rc_test_evict_bytes),
	KUNIT_CASE(ftalias_rc_test_evict_in_progress),
	KUNIT_CASE(ftalias_rc_test_ttl),
	KUNIT_CASE(ftalias_rc_test_ttl_order),
	KUNIT_CASE(ftalias_rc_test_ttl_in_progress),
	KUNIT_CASE(ftalias_rc_test_ack),
	KUNIT_CASE(ftalias_rc_test_replied),
	KUNIT_CASE(ftalias_rc_test_client_gone),
	KUNIT_CASE(ftalias_rc_test_bytes),
	KUNIT_CASE(ftalias_rc_test_layout),
	KUNIT_CASE(ftalias_rc_test_dead),
	KUNIT_CASE(ftalias_rc_test_journal),
	KUNIT_CASE(ftalias_rc_test_journal_bytes),
	{}
};

static struct kunit_suite ftalias_rc_test_suite = {
	.name = "ftalias-replay",
	.init = ftalias_rc_test_init,
	.exit = ftalias_rc_test_exit,
	.test_cases = ftalias_rc_test_cases,
};

kunit_test_suite(ftalias_rc_test_suite);
