// SPDX-License-Identifier: GPL-2.0
/*
 * ftalias: fault-tolerant request/reply messaging over port aliases.
 * Module init and exit only.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/module.h>
#include <linux/net.h>
#include <net/genetlink.h>
#include <net/net_namespace.h>
#include <uapi/linux/ftalias_genl.h>

#include "af_ftalias.h"
#include "alias.h"
#include "aliastab.h"
#include "cluster.h"
#include "ftalias.h"
#include "log.h"
#include "member.h"
#include "netlink.h"
#include "replay.h"
#include "restore.h"

int ftalias_af __ro_after_init = FTALIAS_AF_DEFAULT;
module_param_named(family, ftalias_af, int, 0444);
MODULE_PARM_DESC(family, "Address family number of AF_FTALIAS sockets (default 22)");

unsigned int ftalias_max_aliases __ro_after_init = FTALIAS_MAX_ALIASES_DEFAULT;
module_param_named(max_aliases, ftalias_max_aliases, uint, 0444);
MODULE_PARM_DESC(max_aliases, "Most aliases per network namespace (default 65536)");

unsigned int ftalias_cache_entries_limit __ro_after_init =
	FTALIAS_CACHE_ENTRIES_LIMIT_DEFAULT;
module_param_named(cache_max_entries, ftalias_cache_entries_limit, uint, 0444);
MODULE_PARM_DESC(cache_max_entries,
		 "Largest replay-cache entry limit of an alias (default 1048576)");

unsigned long ftalias_cache_bytes_limit __ro_after_init =
	FTALIAS_CACHE_BYTES_LIMIT_DEFAULT;
module_param_named(cache_max_bytes, ftalias_cache_bytes_limit, ulong, 0444);
MODULE_PARM_DESC(cache_max_bytes,
		 "Largest replay-cache byte limit of an alias (default 1 GiB)");

/*
 * The total limit may change at run time (root, through sysfs); readers
 * use READ_ONCE().  Lowering it evicts nothing at once: the next records
 * make room or are refused.
 */
unsigned long ftalias_cache_total_limit = FTALIAS_CACHE_TOTAL_LIMIT_DEFAULT;

static int ftalias_param_set_total(const char *val,
				   const struct kernel_param *kp)
{
	unsigned long v;
	int err;

	err = kstrtoul(val, 0, &v);
	if (err)
		return err;
	if (!v)
		return -EINVAL;
	WRITE_ONCE(ftalias_cache_total_limit, v);
	return 0;
}

static const struct kernel_param_ops ftalias_param_total_ops = {
	.set	= ftalias_param_set_total,
	.get	= param_get_ulong,
};

module_param_cb(cache_total_bytes, &ftalias_param_total_ops,
		&ftalias_cache_total_limit, 0644);
MODULE_PARM_DESC(cache_total_bytes,
		 "Most replay-cache bytes of all aliases together, changeable at run time (default 1 GiB)");

/* Read with READ_ONCE() when a move begins (save.c). */
unsigned int ftalias_move_timeout_ms = 30000;
module_param_named(move_timeout_ms, ftalias_move_timeout_ms, uint, 0644);
MODULE_PARM_DESC(move_timeout_ms,
		 "How long an alias saved with move stays frozen at most when it is not deleted, changeable at run time (default 30000)");

/* Read with READ_ONCE() at each chunk of a checkpoint (log.c). */
unsigned long ftalias_ckpt_max_bytes = 16 << 20;
module_param_named(ckpt_max_bytes, ftalias_ckpt_max_bytes, ulong, 0644);
MODULE_PARM_DESC(ckpt_max_bytes,
		 "Largest checkpoint of an alias, in bytes of data, changeable at run time (default 16 MiB)");

/*
 * Read with READ_ONCE() as each input is logged (log.c).  Bounded: a new
 * active member is given the inputs under its alias's lock.
 */
unsigned int ftalias_log_max_inputs = 4096;

static int ftalias_param_set_log_max(const char *val,
				     const struct kernel_param *kp)
{
	return param_set_uint_minmax(val, kp, 1, FTALIAS_LOG_INPUTS_MAX);
}

static const struct kernel_param_ops ftalias_param_log_max_ops = {
	.set	= ftalias_param_set_log_max,
	.get	= param_get_uint,
};

module_param_cb(log_max_inputs, &ftalias_param_log_max_ops,
		&ftalias_log_max_inputs, 0644);
MODULE_PARM_DESC(log_max_inputs,
		 "Most inputs the log of an alias with input-log keeps between two checkpoints, 1 to 65536, changeable at run time (default 4096)");

unsigned int ftalias_net_id __read_mostly;

void ftalias_net_init(struct ftalias_net *fn)
{
	ftalias_restore_net_init(fn);
	ftalias_cluster_net_init(fn);
	ftalias_remote_net_init(fn);
	ftalias_aliases_init(fn);
	ftalias_ports_init(fn);
	ftalias_conns_init(&fn->conns);
}

/*
 * No netlink handler can run in the namespace any more: each holds a
 * socket, and so a reference, of the namespace.
 */
void ftalias_net_exit(struct ftalias_net *fn)
{
	ftalias_restore_net_exit(fn);
	ftalias_remote_net_exit(fn);
	ftalias_aliases_exit(fn);
	ftalias_cluster_net_exit(fn);
	ftalias_ports_exit(fn);
	ftalias_conns_exit(&fn->conns);
}

static int __net_init ftalias_net_init_ns(struct net *net)
{
	ftalias_net_init(ftalias_net(net));
	return 0;
}

/*
 * Cluster mode's TIPC sockets go before TIPC's own pernet exit, which runs
 * before ours (TIPC registers a pernet device, we a pernet subsystem).
 */
static void __net_exit ftalias_net_pre_exit_ns(struct net *net)
{
	ftalias_cluster_net_pre_exit(ftalias_net(net));
}

static void __net_exit ftalias_net_exit_ns(struct net *net)
{
	ftalias_net_exit(ftalias_net(net));
}

static struct pernet_operations ftalias_net_ops = {
	.init	= ftalias_net_init_ns,
	.pre_exit = ftalias_net_pre_exit_ns,
	.exit	= ftalias_net_exit_ns,
	.id	= &ftalias_net_id,
	.size	= sizeof(struct ftalias_net),
};

static int __init ftalias_init(void)
{
	int err;

	if (ftalias_af <= 0 || ftalias_af >= NPROTO) {
		pr_err("family=%d is out of range 1..%d\n", ftalias_af,
		       NPROTO - 1);
		return -EINVAL;
	}
	/* cache_total_bytes=0 is refused by its setter already. */
	if (!ftalias_cache_entries_limit || !ftalias_cache_bytes_limit) {
		pr_err("cache_max_entries and cache_max_bytes must not be 0\n");
		return -EINVAL;
	}

	err = ftalias_alias_cache_init();
	if (err)
		return err;
	err = ftalias_req_cache_init();
	if (err)
		goto err_cache;
	err = ftalias_rc_module_init();
	if (err)
		goto err_req_cache;
	err = ftalias_proto_init();
	if (err)
		goto err_rc;
	err = register_pernet_subsys(&ftalias_net_ops);
	if (err)
		goto err_proto;
	/*
	 * The socket family comes before the genetlink family: a taken
	 * family number is the failure to expect, and it must happen before
	 * userspace can start a netlink dump, which would pin a module whose
	 * init then fails.
	 */
	err = ftalias_sock_init();
	if (err)
		goto err_pernet;
	err = ftalias_restore_init();
	if (err)
		goto err_sock;
	err = ftalias_nl_init();
	if (err)
		goto err_restore;
	return 0;

err_restore:
	ftalias_restore_exit();
err_sock:
	ftalias_sock_exit();
err_pernet:
	unregister_pernet_subsys(&ftalias_net_ops);
err_proto:
	ftalias_proto_exit();
err_rc:
	ftalias_rc_module_exit();
err_req_cache:
	ftalias_req_cache_exit();
err_cache:
	ftalias_alias_cache_exit();
	return err;
}

static void __exit ftalias_exit(void)
{
	ftalias_cluster_exit();
	ftalias_nl_exit();
	ftalias_restore_exit();
	ftalias_sock_exit();
	unregister_pernet_subsys(&ftalias_net_ops);
	ftalias_proto_exit();
	ftalias_rc_module_exit();
	ftalias_req_cache_exit();
	ftalias_alias_cache_exit();
}

module_init(ftalias_init);
module_exit(ftalias_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Fault-tolerant request/reply messaging over port aliases");
MODULE_AUTHOR("ftalias developers");
MODULE_ALIAS_GENL_FAMILY(FTALIAS_FAMILY_NAME);
