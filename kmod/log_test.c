// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the alias log (log.c), included at its end when the
 * kernel has KUnit built in (see Kbuild): a checkpoint rebuilt by a
 * restore in save-sized pieces reads back whole, in chunks of
 * FTALIAS_MSG_MAX, the last one flagged as such; an input rebuilt by a
 * restore, up to a request and a handler argument of FTALIAS_MSG_MAX
 * each, reads back whole, from a clone as a new active member gets it.
 */

#include <kunit/test.h>

static const u32 ftalias_log_test_sizes[] = {
	0, 1, 3072, FTALIAS_MSG_MAX - 1, FTALIAS_MSG_MAX, FTALIAS_MSG_MAX + 1,
	200 * 1024 + 17,
};

static void ftalias_test_blob_fill_read(struct kunit *test)
{
	struct ftalias_ckpt_blob *blob;
	struct ftalias_skb_cb *cb;
	u8 *data, *back;
	struct sk_buff *skb;
	unsigned int i;
	u32 len, n, off, chunks;

	for (i = 0; i < ARRAY_SIZE(ftalias_log_test_sizes); i++) {
		len = ftalias_log_test_sizes[i];
		data = kunit_kmalloc(test, len + 1, GFP_KERNEL);
		back = kunit_kzalloc(test, len + 1, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, data);
		KUNIT_ASSERT_NOT_NULL(test, back);
		for (off = 0; off < len; off++)
			data[off] = off * 7 + (off >> 16);

		blob = ftalias_ckpt_blob_new(5, len);
		KUNIT_ASSERT_NOT_NULL(test, blob);
		for (off = 0; off < len; off += n) {
			n = min_t(u32, len - off, FTALIAS_SAVE_CHUNK);
			KUNIT_ASSERT_EQ(test, ftalias_ckpt_blob_fill(blob, off,
								     data + off,
								     n), 0);
		}
		ftalias_ckpt_blob_seal(blob);
		/* An empty checkpoint is one empty chunk. */
		chunks = len ? DIV_ROUND_UP(len, FTALIAS_MSG_MAX) : 1;
		KUNIT_EXPECT_EQ(test, skb_queue_len(&blob->chunks), chunks);
		skb_queue_walk(&blob->chunks, skb) {
			cb = ftalias_cb(skb);
			KUNIT_EXPECT_EQ(test, cb->kind, FTALIAS_MSG_CHECKPOINT);
			KUNIT_EXPECT_EQ(test, cb->id.xid, 5ULL);
			KUNIT_EXPECT_EQ(test, cb->aux,
					skb_queue_is_last(&blob->chunks, skb) ?
					0U : (u32)FTALIAS_CKPT_MORE);
			KUNIT_EXPECT_LE(test, skb->len, (u32)FTALIAS_MSG_MAX);
		}
		ftalias_ckpt_blob_read(blob, 0, back, len);
		KUNIT_EXPECT_EQ(test, memcmp(data, back, len), 0);
		/* A piece across a chunk boundary. */
		if (len > FTALIAS_MSG_MAX + 10) {
			memset(back, 0, 20);
			ftalias_ckpt_blob_read(blob, FTALIAS_MSG_MAX - 10, back,
					       20);
			KUNIT_EXPECT_EQ(test, memcmp(data + FTALIAS_MSG_MAX - 10,
						     back, 20), 0);
		}
		KUNIT_EXPECT_GE(test, blob->cost, (u64)len);
		ftalias_ckpt_blob_put(blob);
	}
}

static const u32 ftalias_input_test_sizes[] = {
	0, 1, 3072, FTALIAS_MSG_MAX, FTALIAS_MSG_MAX + 1, 2 * FTALIAS_MSG_MAX,
};

static void ftalias_test_input_restored(struct kunit *test)
{
	struct ftalias_id id = { .alias = 3, .port = 7, .xid = 11 };
	const struct ftalias_skb_cb *cb;
	struct ftalias_input *in;
	struct sk_buff *c;
	u8 *data, *back;
	unsigned int i;
	u32 len, n, off;

	for (i = 0; i < ARRAY_SIZE(ftalias_input_test_sizes); i++) {
		len = ftalias_input_test_sizes[i];
		data = kunit_kmalloc(test, len + 1, GFP_KERNEL);
		back = kunit_kzalloc(test, len + 1, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, data);
		KUNIT_ASSERT_NOT_NULL(test, back);
		for (off = 0; off < len; off++)
			data[off] = off * 13 + (off >> 16);

		in = ftalias_input_restored(9, &id, FTALIAS_F_RESENT, 7, 3,
					    len / 2, len, true);
		KUNIT_ASSERT_NOT_NULL(test, in);
		KUNIT_EXPECT_EQ(test, in->skb->len, len);
		for (off = 0; off < len; off += n) {
			n = min_t(u32, len - off, FTALIAS_SAVE_CHUNK);
			KUNIT_ASSERT_EQ(test, skb_store_bits(in->skb, off,
							     data + off, n), 0);
		}
		/* What a new active member reads: a clone. */
		c = skb_clone(in->skb, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, c);
		KUNIT_EXPECT_EQ(test, skb_copy_bits(c, 0, back, len), 0);
		KUNIT_EXPECT_EQ(test, memcmp(data, back, len), 0);
		cb = ftalias_cb(c);
		KUNIT_EXPECT_EQ(test, cb->kind, FTALIAS_MSG_REPLAY);
		KUNIT_EXPECT_EQ(test, cb->flags,
				FTALIAS_F_RESENT | FTALIAS_F_REPLAY);
		KUNIT_EXPECT_EQ(test, cb->aux, len / 2);
		KUNIT_EXPECT_TRUE(test, !memcmp(&cb->id, &id, sizeof(id)));
		KUNIT_EXPECT_NULL(test, cb->req);
		KUNIT_EXPECT_TRUE(test, in->waiting);
		KUNIT_EXPECT_GE(test, in->cost, len);
		kfree_skb(c);
		ftalias_input_free(in);
	}
}

static struct kunit_case ftalias_log_test_cases[] = {
	KUNIT_CASE(ftalias_test_blob_fill_read),
	KUNIT_CASE(ftalias_test_input_restored),
	{}
};

static struct kunit_suite ftalias_log_test_suite = {
	.name = "ftalias-log",
	.test_cases = ftalias_log_test_cases,
};

kunit_test_suite(ftalias_log_test_suite);
