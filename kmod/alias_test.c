// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the alias table, built into ftalias.ko when the kernel has
 * KUnit built in (see Kbuild), included at the end of aliastab.c so that they
 * reach its static helpers.  They run when the module loads; the selftest
 * kunit.sh reads their results from debugfs.
 */

#include <kunit/test.h>

struct ftalias_name_case {
	const char *name;
	bool valid;
};

static const struct ftalias_name_case ftalias_name_cases[] = {
	{ "a", true },
	{ "Y.all_chars:9-", true },
	{ "under_score", true },
	{ "abcdefghijklmnopqrstuvwxyz01234", true },
	{ "", false },
	{ "a b", false },
	{ "a/b", false },
	{ "tab\t", false },
	{ "caf\xc3\xa9", false },
	{ "semi;colon", false },
};

static void ftalias_name_case_desc(const struct ftalias_name_case *c,
				   char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "\"%s\"", c->name);
}

KUNIT_ARRAY_PARAM(ftalias_name, ftalias_name_cases, ftalias_name_case_desc);

static void ftalias_test_name_valid(struct kunit *test)
{
	const struct ftalias_name_case *c = test->param_value;

	KUNIT_EXPECT_EQ(test, ftalias_alias_name_valid(c->name), c->valid);
}

static void ftalias_test_cfg_default(struct kunit *test)
{
	struct ftalias_alias_cfg cfg;

	ftalias_alias_cfg_default(&cfg);
	KUNIT_EXPECT_EQ(test, cfg.mode, FTALIAS_ALIAS_MODE_DEFAULT);
	KUNIT_EXPECT_EQ(test, cfg.policy, FTALIAS_PROMOTION_POLICY_AUTO);
	KUNIT_EXPECT_LE(test, cfg.cache_max_entries, ftalias_cache_entries_limit);
	KUNIT_EXPECT_LE(test, cfg.cache_max_bytes, (u64)ftalias_cache_bytes_limit);
	KUNIT_EXPECT_GT(test, cfg.cache_ttl_ms, 0U);
}

static struct ftalias_alias *ftalias_test_alloc(struct kunit *test,
						const char *name)
{
	struct ftalias_alias_cfg cfg;
	struct ftalias_alias *alias;

	ftalias_alias_cfg_default(&cfg);
	alias = ftalias_alias_alloc(&init_net, name, &cfg);
	KUNIT_ASSERT_NOT_NULL(test, alias);
	return alias;
}

/* A namespace's alias table of the test's own. */
static struct ftalias_net *ftalias_test_net(struct kunit *test)
{
	struct ftalias_net *fn;

	fn = kunit_kzalloc(test, sizeof(*fn), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, fn);
	ftalias_aliases_init(fn);
	return fn;
}

/* Link, look up, rename and unlink in a table of the test's own. */
static void ftalias_test_table(struct kunit *test)
{
	struct ftalias_alias *a, *b, *dup;
	struct ftalias_net *fn;

	fn = ftalias_test_net(test);
	mutex_lock(&fn->lock);

	a = ftalias_test_alloc(test, "a");
	KUNIT_EXPECT_EQ(test, __ftalias_alias_link(fn, a, 0, NULL), 0);
	KUNIT_EXPECT_EQ(test, a->id, 1U);
	b = ftalias_test_alloc(test, "b");
	KUNIT_EXPECT_EQ(test, __ftalias_alias_link(fn, b, U32_MAX, NULL), 0);
	KUNIT_EXPECT_EQ(test, fn->count, 2U);

	/* A taken name or id is refused and leaves the table as it was. */
	dup = ftalias_test_alloc(test, "a");
	KUNIT_EXPECT_EQ(test, __ftalias_alias_link(fn, dup, 0, NULL), -EEXIST);
	ftalias_alias_put(dup);
	dup = ftalias_test_alloc(test, "c");
	KUNIT_EXPECT_EQ(test, __ftalias_alias_link(fn, dup, U32_MAX, NULL),
			-EEXIST);
	ftalias_alias_put(dup);
	KUNIT_EXPECT_EQ(test, fn->count, 2U);

	KUNIT_EXPECT_PTR_EQ(test, __ftalias_alias_by_id(fn, 1), a);
	KUNIT_EXPECT_PTR_EQ(test, __ftalias_alias_by_id(fn, U32_MAX), b);
	KUNIT_EXPECT_NULL(test, __ftalias_alias_by_id(fn, 2));
	KUNIT_EXPECT_PTR_EQ(test, __ftalias_alias_by_name(fn, "b"), b);

	__ftalias_alias_rename(fn, a, "renamed");
	KUNIT_EXPECT_NULL(test, __ftalias_alias_by_name(fn, "a"));
	KUNIT_EXPECT_PTR_EQ(test, __ftalias_alias_by_name(fn, "renamed"), a);
	KUNIT_EXPECT_PTR_EQ(test, __ftalias_alias_by_id(fn, 1), a);

	/* A reader's reference keeps the alias after it leaves the table. */
	refcount_inc(&a->ref);
	__ftalias_alias_unlink(fn, a);
	KUNIT_EXPECT_EQ(test, refcount_read(&a->ref), 1U);
	KUNIT_EXPECT_NULL(test, __ftalias_alias_by_id(fn, 1));
	KUNIT_EXPECT_NULL(test, __ftalias_alias_by_name(fn, "renamed"));
	KUNIT_EXPECT_EQ(test, fn->count, 1U);
	ftalias_alias_put(a);

	mutex_unlock(&fn->lock);
	/* Namespace exit frees what is left. */
	ftalias_aliases_exit(fn);
	KUNIT_EXPECT_EQ(test, fn->count, 0U);
}

/* Ids are allocated cyclically: a deleted id is not handed out at once. */
static void ftalias_test_id_cyclic(struct kunit *test)
{
	struct ftalias_alias *a, *b;
	struct ftalias_net *fn;

	fn = ftalias_test_net(test);
	mutex_lock(&fn->lock);

	a = ftalias_test_alloc(test, "a");
	KUNIT_EXPECT_EQ(test, __ftalias_alias_link(fn, a, 0, NULL), 0);
	__ftalias_alias_unlink(fn, a);
	b = ftalias_test_alloc(test, "b");
	KUNIT_EXPECT_EQ(test, __ftalias_alias_link(fn, b, 0, NULL), 0);
	KUNIT_EXPECT_EQ(test, b->id, 2U);

	mutex_unlock(&fn->lock);
	ftalias_aliases_exit(fn);
}

static struct kunit_case ftalias_alias_test_cases[] = {
	KUNIT_CASE_PARAM(ftalias_test_name_valid, ftalias_name_gen_params),
	KUNIT_CASE(ftalias_test_cfg_default),
	KUNIT_CASE(ftalias_test_table),
	KUNIT_CASE(ftalias_test_id_cyclic),
	{}
};

static struct kunit_suite ftalias_alias_test_suite = {
	.name = "ftalias-alias",
	.test_cases = ftalias_alias_test_cases,
};

kunit_test_suite(ftalias_alias_test_suite);
