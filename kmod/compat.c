// SPDX-License-Identifier: GPL-2.0
/*
 * Shims for the kernels ftalias builds against: before 6.2, the generic
 * netlink family registered without split ops (see compat.h).
 */

#include "compat.h"
#include "generated/netlink-gen.h"

#ifdef FTALIAS_COMPAT_SPLIT_OPS

static struct genl_ops ftalias_compat_ops[FTALIAS_CMD_MAX] __ro_after_init;
/* The do half of each command, for its pre_doit and post_doit hooks. */
static const struct genl_split_ops *
ftalias_compat_do[FTALIAS_CMD_MAX + 1] __ro_after_init;

struct genl_family ftalias_nl_family __ro_after_init;

static int ftalias_compat_pre_doit(const struct genl_ops *ops,
				   struct sk_buff *skb, struct genl_info *info)
{
	const struct genl_split_ops *sop = ftalias_compat_do[ops->cmd];

	return sop->pre_doit ? sop->pre_doit(sop, skb, info) : 0;
}

static void ftalias_compat_post_doit(const struct genl_ops *ops,
				     struct sk_buff *skb,
				     struct genl_info *info)
{
	const struct genl_split_ops *sop = ftalias_compat_do[ops->cmd];

	if (sop->post_doit)
		sop->post_doit(sop, skb, info);
}

static struct genl_ops *ftalias_compat_op(u8 cmd, unsigned int *n)
{
	unsigned int i;

	for (i = 0; i < *n; i++)
		if (ftalias_compat_ops[i].cmd == cmd)
			return &ftalias_compat_ops[i];
	if (WARN_ON(*n == ARRAY_SIZE(ftalias_compat_ops)))
		return NULL;
	ftalias_compat_ops[*n].cmd = cmd;
	return &ftalias_compat_ops[(*n)++];
}

/**
 * ftalias_compat_register_family() - register the generated family
 * @family: filled in from the generated family, ftalias_nl_gen_family
 *
 * Before Linux 6.2, folds the generated split ops into one struct genl_ops
 * per command (do and dump halves together; the do half's policy serves
 * both, a dump-only command keeps its dump's), dispatches the family-wide
 * pre_doit and post_doit hooks to the do half's own, and registers the
 * result as @family.
 *
 * Return: 0 or the error of genl_register_family().
 */
int __init ftalias_compat_register_family(struct genl_family *family)
{
	const struct ftalias_gen_family *gen = &ftalias_nl_gen_family;
	unsigned int i, n = 0;

	for (i = 0; i < gen->n_split_ops; i++) {
		const struct genl_split_ops *sop = &gen->split_ops[i];
		struct genl_ops *op = ftalias_compat_op(sop->cmd, &n);

		if (!op || WARN_ON(sop->cmd > FTALIAS_CMD_MAX))
			return -EINVAL;
		op->flags |= sop->flags & ~(GENL_CMD_CAP_DO |
					    GENL_CMD_CAP_DUMP |
					    GENL_CMD_CAP_HASPOL);
		op->validate |= sop->validate;
		if (sop->flags & GENL_CMD_CAP_DO) {
			op->doit = sop->doit;
			op->policy = sop->policy;
			op->maxattr = sop->maxattr;
			ftalias_compat_do[sop->cmd] = sop;
		} else {
			op->start = sop->start;
			op->dumpit = sop->dumpit;
			op->done = sop->done;
			/* A dump-only command: its own policy. */
			if (!ftalias_compat_do[sop->cmd]) {
				op->policy = sop->policy;
				op->maxattr = sop->maxattr;
			}
		}
	}

	strscpy(family->name, gen->name, sizeof(family->name));
	family->version = gen->version;
	family->netnsok = gen->netnsok;
	family->parallel_ops = gen->parallel_ops;
	family->module = gen->module;
	family->ops = ftalias_compat_ops;
	family->n_ops = n;
	family->mcgrps = gen->mcgrps;
	family->n_mcgrps = gen->n_mcgrps;
	family->pre_doit = ftalias_compat_pre_doit;
	family->post_doit = ftalias_compat_post_doit;
	/* Validate the reserved header fields of every command. */
	family->resv_start_op = 0;
	return genl_register_family(family);
}

#endif /* FTALIAS_COMPAT_SPLIT_OPS */
