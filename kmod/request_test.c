// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the request table (struct ftalias_reqs), built into
 * ftalias.ko when the kernel has KUnit built in (see Kbuild) and included
 * at the end of request.c so that they reach its static helpers.  The
 * requests are put in a requester's table and on a destination alias's
 * pending list as ftalias_send_request() puts them, on an alias and a
 * socket of the test's own that no table or member ever sees; nothing is
 * delivered (the alias has no active member).
 */

#include <kunit/test.h>

/* Test code only: the tests make their aliases as netlink does. */
#include "aliastab.h"

struct ftalias_req_test {
	struct ftalias_alias *dst;	/* the destination alias */
	struct ftalias_sock *fsk;	/* a requester that is a socket */
};

static int ftalias_req_test_init(struct kunit *test)
{
	struct ftalias_alias_cfg cfg;
	struct ftalias_req_test *t;

	t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	if (!t)
		return -ENOMEM;
	t->fsk = kunit_kzalloc(test, sizeof(*t->fsk), GFP_KERNEL);
	if (!t->fsk)
		return -ENOMEM;
	t->fsk->port = 42;
	ftalias_reqs_init(&t->fsk->reqs);
	ftalias_alias_cfg_default(&cfg);
	t->dst = ftalias_alias_alloc(&init_net, "kunit-req", &cfg);
	if (!t->dst)
		return -ENOMEM;
	t->dst->id = 3;
	if (ftalias_rc_init(t->dst)) {
		ftalias_alias_put(t->dst);
		return -ENOMEM;
	}
	test->priv = t;
	return 0;
}

static void ftalias_req_test_exit(struct kunit *test)
{
	struct ftalias_req_test *t = test->priv;

	/* What a case left pending goes as with a requester that closes. */
	ftalias_reqs_close(&t->fsk->reqs);
	KUNIT_EXPECT_EQ(test, t->dst->nr_pending, 0U);
	ftalias_rc_destroy(t->dst);
	ftalias_alias_put(t->dst);
}

/*
 * Put request @xid of @reqs in its table and on @dst's pending list, as
 * ftalias_send_request() does (a reference on @dst, the pending state
 * owning the request).
 */
static struct ftalias_req *ftalias_req_test_send(struct kunit *test,
						 struct ftalias_reqs *reqs,
						 u64 xid)
{
	struct ftalias_req_test *t = test->priv;
	struct ftalias_alias *dst = t->dst;
	struct ftalias_req *req;
	void *old;

	req = ftalias_req_alloc();
	KUNIT_ASSERT_NOT_NULL(test, req);
	INIT_LIST_HEAD(&req->node);
	req->owner = reqs;
	refcount_set(&req->ref, 1);
	refcount_inc(&dst->ref);
	req->dst = dst;
	req->id = (struct ftalias_id){ .port = t->fsk->port, .xid = xid };

	spin_lock(&dst->lock);
	xa_lock(&reqs->xa);
	old = __xa_cmpxchg(&reqs->xa, (unsigned long)xid, NULL, req,
			   GFP_ATOMIC);
	xa_unlock(&reqs->xa);
	if (!old) {
		list_add_tail(&req->node, &dst->pending);
		dst->nr_pending++;
	}
	ftalias_alias_unlock(dst);
	if (old) {
		ftalias_alias_put(dst);
		ftalias_req_free(req);
	}
	KUNIT_ASSERT_NULL(test, old);
	return req;
}

/* Take @req from its table as its reply does: whether it was there. */
static bool ftalias_req_test_answer(struct kunit *test, struct ftalias_req *req)
{
	struct ftalias_req_test *t = test->priv;
	bool stolen;

	spin_lock(&t->dst->lock);
	stolen = !__ftalias_req_steal(t->dst, req, false);
	if (stolen)
		__ftalias_req_unlink(t->dst, req);
	ftalias_alias_unlock(t->dst);
	if (stolen)
		ftalias_req_put(req);
	return stolen;
}

/*
 * Transaction ids: each new request of a socket gets the next one, from
 * 1, and the ID names the socket; the members of an alias draw from the
 * alias's one sequence and name the alias, so that any of them may
 * re-send an ID of another and no two of them ever issue the same.
 */
static void ftalias_req_test_stamp(struct kunit *test)
{
	struct ftalias_req_test *t = test->priv;
	struct ftalias_sock *m1, *m2;
	struct ftalias_id id;
	u64 xid;

	for (xid = 1; xid <= 100; xid++) {
		ftalias_stamp(t->fsk, &id);
		KUNIT_EXPECT_EQ(test, id.xid, xid);
		KUNIT_EXPECT_EQ(test, id.port, 42U);
		KUNIT_EXPECT_EQ(test, id.alias, 0U);
	}

	m1 = kunit_kzalloc(test, sizeof(*m1), GFP_KERNEL);
	m2 = kunit_kzalloc(test, sizeof(*m2), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, m1);
	KUNIT_ASSERT_NOT_NULL(test, m2);
	m1->port = 1;
	m2->port = 2;
	m1->alias = t->dst;
	m2->alias = t->dst;
	t->dst->incarnation = 5;
	for (xid = 1; xid <= 100; xid++) {
		ftalias_stamp(xid % 3 ? m1 : m2, &id);
		KUNIT_EXPECT_EQ(test, id.xid, xid);
		KUNIT_EXPECT_EQ(test, id.alias, t->dst->id);
		KUNIT_EXPECT_EQ(test, id.incarnation, 5U);
		KUNIT_EXPECT_EQ(test, id.port, xid % 3 ? 1U : 2U);
	}
	/* The socket's own sequence did not move. */
	ftalias_stamp(t->fsk, &id);
	KUNIT_EXPECT_EQ(test, id.xid, 101ULL);
}

/*
 * The table holds one request per transaction id; whoever takes it (a
 * reply, a failure) steals it from the table, once: a second taker gets
 * nothing, and the request leaves the alias's pending list with it.
 */
static void ftalias_req_test_steal(struct kunit *test)
{
	struct ftalias_req_test *t = test->priv;
	struct ftalias_reqs *reqs = &t->fsk->reqs;
	struct ftalias_alias *dst = t->dst;
	struct ftalias_req *a, *b;
	bool first, second;
	int copying;

	a = ftalias_req_test_send(test, reqs, 1);
	b = ftalias_req_test_send(test, reqs, 2);
	KUNIT_EXPECT_EQ(test, dst->nr_pending, 2U);
	KUNIT_EXPECT_PTR_EQ(test, xa_load(&reqs->xa, 1), a);
	KUNIT_EXPECT_PTR_EQ(test, xa_load(&reqs->xa, 2), b);

	spin_lock(&dst->lock);
	/* A table being copied keeps it, but for its own deletion. */
	reqs->copying = true;
	copying = __ftalias_req_steal(dst, a, false);
	reqs->copying = false;
	first = !__ftalias_req_steal(dst, a, false);
	second = !__ftalias_req_steal(dst, a, false);
	if (first)
		__ftalias_req_unlink(dst, a);
	ftalias_alias_unlock(dst);
	KUNIT_EXPECT_EQ(test, copying, -EBUSY);
	KUNIT_EXPECT_TRUE(test, first);
	KUNIT_EXPECT_FALSE(test, second);
	KUNIT_EXPECT_NULL(test, xa_load(&reqs->xa, 1));
	KUNIT_EXPECT_PTR_EQ(test, xa_load(&reqs->xa, 2), b);
	KUNIT_EXPECT_EQ(test, dst->nr_pending, 1U);
	KUNIT_EXPECT_TRUE(test, list_is_singular(&dst->pending));
	if (first)
		ftalias_req_put(a);

	/* The id is free again for a re-send. */
	a = ftalias_req_test_send(test, reqs, 1);
	KUNIT_EXPECT_PTR_EQ(test, xa_load(&reqs->xa, 1), a);
	KUNIT_EXPECT_EQ(test, dst->nr_pending, 2U);
}

/*
 * A requester that goes away drops every request it has pending: out of
 * its table, off the alias's pending list, and it takes no more.
 */
static void ftalias_req_test_close(struct kunit *test)
{
	struct ftalias_req_test *t = test->priv;
	struct ftalias_reqs *reqs = &t->fsk->reqs;
	struct ftalias_alias *dst = t->dst;
	u64 xid;

	for (xid = 1; xid <= 5; xid++)
		ftalias_req_test_send(test, reqs, xid);
	KUNIT_EXPECT_EQ(test, dst->nr_pending, 5U);
	KUNIT_EXPECT_EQ(test, refcount_read(&dst->ref), 6U);

	ftalias_reqs_close(reqs);
	KUNIT_EXPECT_TRUE(test, reqs->closed);
	KUNIT_EXPECT_TRUE(test, xa_empty(&reqs->xa));
	KUNIT_EXPECT_EQ(test, dst->nr_pending, 0U);
	KUNIT_EXPECT_TRUE(test, list_empty(&dst->pending));
	/* The requests' references on the alias went with them. */
	KUNIT_EXPECT_EQ(test, refcount_read(&dst->ref), 1U);
}

/*
 * The ack carried by a request of an alias's members: the lowest of the
 * alias's FTALIAS_ACK and its oldest pending request, none without
 * FTALIAS_ACK.
 */
static void ftalias_req_test_ack(struct kunit *test)
{
	struct ftalias_req_test *t = test->priv;
	struct ftalias_reqs *reqs = &t->fsk->reqs;
	struct ftalias_req *a;

	a = ftalias_req_test_send(test, reqs, 5);
	ftalias_req_test_send(test, reqs, 12);
	KUNIT_EXPECT_EQ(test, ftalias_reqs_ack(reqs), 0ULL);
	atomic64_set(&reqs->ack, 3);
	KUNIT_EXPECT_EQ(test, ftalias_reqs_ack(reqs), 3ULL);
	atomic64_set(&reqs->ack, 5);
	KUNIT_EXPECT_EQ(test, ftalias_reqs_ack(reqs), 5ULL);
	atomic64_set(&reqs->ack, 10);
	KUNIT_EXPECT_EQ(test, ftalias_reqs_ack(reqs), 5ULL);

	/* Request 5 answered: 12 is the oldest, above the ack. */
	KUNIT_EXPECT_TRUE(test, ftalias_req_test_answer(test, a));
	KUNIT_EXPECT_EQ(test, ftalias_reqs_ack(reqs), 10ULL);
	atomic64_set(&reqs->ack, 20);
	KUNIT_EXPECT_EQ(test, ftalias_reqs_ack(reqs), 12ULL);
}

static struct kunit_case ftalias_req_test_cases[] = {
	KUNIT_CASE(ftalias_req_test_stamp),
	KUNIT_CASE(ftalias_req_test_steal),
	KUNIT_CASE(ftalias_req_test_close),
	KUNIT_CASE(ftalias_req_test_ack),
	{}
};

static struct kunit_suite ftalias_req_test_suite = {
	.name = "ftalias-request",
	.init = ftalias_req_test_init,
	.exit = ftalias_req_test_exit,
	.test_cases = ftalias_req_test_cases,
};

kunit_test_suite(ftalias_req_test_suite);
