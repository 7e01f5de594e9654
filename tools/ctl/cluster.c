// SPDX-License-Identifier: GPL-2.0
/*
 * ftaliasctl cluster { show | set }: the cluster mode of the network
 * namespace (cluster-get, cluster-set).  Turning it on needs TIPC with a
 * node address, and CAP_NET_ADMIN (the kernel checks and says why it
 * refuses: its extack is printed).  show prints the mode, this node's
 * TIPC address as tipc(8) prints it (8 hex digits; a number in JSON), its
 * boot id, the nodes known and up and the counters (the cluster-stats
 * nest, without -s, as cache stats shows its nest).  The nodes
 * themselves: node.c.
 */

#include <netlink/genl/genl.h>

#include "cluster.h"
#include "ctl.h"
#include "nl.h"
#include "print.h"

/* Attribute-set "cluster-stats", in spec order. */
static const struct attr_desc cluster_stats_attrs[] = {
	ATTR(FTALIAS_A_CLUSTER_STATS_TX,		AK_U64),
	ATTR(FTALIAS_A_CLUSTER_STATS_TX_ERRORS,		AK_U64),
	ATTR(FTALIAS_A_CLUSTER_STATS_RX,		AK_U64),
	ATTR(FTALIAS_A_CLUSTER_STATS_RX_BAD,		AK_U64),
	ATTR(FTALIAS_A_CLUSTER_STATS_RX_REFUSED,	AK_U64),
	ATTR(FTALIAS_A_CLUSTER_STATS_RESTARTS,		AK_U64),
	ATTR(FTALIAS_A_CLUSTER_STATS_TOPOLOGY_EVENTS,	AK_U64),
	ATTR(FTALIAS_A_CLUSTER_STATS_REQ_TX,		AK_U64),
	ATTR(FTALIAS_A_CLUSTER_STATS_REQ_RX,		AK_U64),
	ATTR(FTALIAS_A_CLUSTER_STATS_REPLY_TX,		AK_U64),
	ATTR(FTALIAS_A_CLUSTER_STATS_REPLY_RX,		AK_U64),
	ATTR(FTALIAS_A_CLUSTER_STATS_NACK_TX,		AK_U64),
	ATTR(FTALIAS_A_CLUSTER_STATS_NACK_RX,		AK_U64),
	ATTR(FTALIAS_A_CLUSTER_STATS_RX_STALE,		AK_U64),
};

static const struct attr_nest cluster_stats_nest = {
	.desc		= cluster_stats_attrs,
	.n		= sizeof(cluster_stats_attrs) /
			  sizeof(cluster_stats_attrs[0]),
	.policy		= ctl_cluster_stats_policy,
	.maxtype	= FTALIAS_A_CLUSTER_STATS_MAX,
};

/* Attribute-set "cluster", in spec order: JSON keys and text order. */
static const struct attr_desc cluster_attrs[] = {
	ATTR(FTALIAS_A_CLUSTER_ENABLED,		AK_ONOFF),
	ATTR(FTALIAS_A_CLUSTER_NODE,		AK_TIPC_ADDR),
	ATTR(FTALIAS_A_CLUSTER_BOOT_ID,		AK_BOOT_ID),
	ATTR(FTALIAS_A_CLUSTER_NODES,		AK_U32),
	ATTR(FTALIAS_A_CLUSTER_NODES_UP,	AK_U32),
	ATTR_NEST(FTALIAS_A_CLUSTER_STATS,	&cluster_stats_nest),
};

#define N_CLUSTER_ATTRS (sizeof(cluster_attrs) / sizeof(cluster_attrs[0]))

enum {	/* indexes of cluster_attrs[] */
	CL_ENABLED, CL_NODE, CL_BOOT_ID, CL_NODES, CL_NODES_UP, CL_STATS,
};

_Static_assert(FTALIAS_A_CLUSTER_MAX < ATTR_SLOTS, "attr_vals too small");
_Static_assert(FTALIAS_A_CLUSTER_STATS_MAX < ATTR_SLOTS, "attr_vals too small");

enum { V_SHOW, V_SET, V_HELP };

static const struct keyword verbs[] = {
	{ "show",	V_SHOW },
	{ "list",	V_SHOW },
	{ "set",	V_SET },
	{ "help",	V_HELP },
	{ NULL, 0 }
};

/* The argument of set: the value of the attribute enabled. */
static const struct keyword mode_kw[] = {
	{ "enable",	1 },
	{ "disable",	0 },
	{ "on",		1 },
	{ "off",	0 },
	{ NULL, 0 }
};

void cluster_usage(FILE *f)
{
	fputs("Usage: ftaliasctl cluster [ show ]\n"
	      "       ftaliasctl cluster set { enable | disable }\n"
	      "       ftaliasctl cluster help\n"
	      "set also takes on and off, and needs CAP_NET_ADMIN; enable needs\n"
	      "TIPC with a node address (tipc node set identity, a bearer).\n", f);
}

static int usage_error(void)
{
	cluster_usage(stderr);
	return EXIT_USAGE;
}

int cluster_print_reply(struct nlmsghdr *nlh, void *arg)
{
	struct attr_vals v = { 0 };
	const char *sep = "";
	size_t i;
	int ret;

	(void)arg;
	ret = ftnl_parse_attrs(nlh, ctl_cluster_policy, FTALIAS_A_CLUSTER_MAX,
			       cluster_attrs, N_CLUSTER_ATTRS, &v);
	if (ret)
		return ret;

	open_json_object(NULL);
	for (i = 0; i < N_CLUSTER_ATTRS; i++) {
		if (!attr_has(&v, cluster_attrs[i].type))
			continue;
		/* the counters on a line of their own, as alias show -s */
		attr_print(&cluster_attrs[i], &v,
			   i == CL_STATS ? "\n    " : sep);
		sep = " ";
	}
	close_json_object();
	print_nl();
	attr_vals_free(&v);
	return 0;
}

static int cluster_show(int argc, char **argv)
{
	struct nl_msg *msg;

	if (argc) {
		error("unexpected argument \"%s\"", argv[0]);
		return usage_error();
	}

	if (ftnl_open())
		return EXIT_REFUSED;
	ftnl_set_attr_desc(NULL, 0);
	msg = ftnl_msg_new(FTALIAS_CMD_CLUSTER_GET, 0);
	if (!msg || ftnl_do(msg, cluster_print_reply, NULL))
		return EXIT_REFUSED;
	return EXIT_OK;
}

/* Prints nothing: cluster show does (like alias set). */
static int cluster_set(int argc, char **argv)
{
	struct attr_vals req = { 0 };
	const struct keyword *k;
	struct nl_msg *msg;
	int mode;

	if (argc < 1) {
		error("cluster set: enable or disable required");
		return usage_error();
	}
	mode = kw_match(argv[0], mode_kw);
	if (mode < 0) {
		fflush(stdout);
		fprintf(stderr, "Error: invalid cluster mode \"%s\": expected ",
			argv[0]);
		for (k = mode_kw; k->name; k++)
			fprintf(stderr, "%s%s",
				k == mode_kw ? "" : k[1].name ? ", " : " or ",
				k->name);
		fputc('\n', stderr);
		return usage_error();
	}
	if (argc > 1) {
		error("unexpected argument \"%s\"", argv[1]);
		return usage_error();
	}
	req.num[FTALIAS_A_CLUSTER_ENABLED] = mode;
	req.present = 1U << FTALIAS_A_CLUSTER_ENABLED;

	if (ftnl_open())
		return EXIT_REFUSED;
	ftnl_set_attr_desc(cluster_attrs, N_CLUSTER_ATTRS);
	msg = ftnl_msg_new(FTALIAS_CMD_CLUSTER_SET, 0);
	if (!msg)
		return EXIT_REFUSED;
	if (ftnl_put_attrs(msg, &cluster_attrs[CL_ENABLED], 1, &req)) {
		nlmsg_free(msg);
		return EXIT_REFUSED;
	}
	if (ftnl_do(msg, NULL, NULL))
		return EXIT_REFUSED;
	return EXIT_OK;
}

int do_cluster(int argc, char **argv)
{
	int verb = V_SHOW;

	if (argc > 0) {
		verb = kw_match(argv[0], verbs);
		if (verb < 0) {
			kw_error("cluster command", argv[0], verbs, verb);
			return usage_error();
		}
		argc--;
		argv++;
	}

	switch (verb) {
	case V_SHOW:
		return cluster_show(argc, argv);
	case V_SET:
		return cluster_set(argc, argv);
	default:
		cluster_usage(stdout);
		return EXIT_OK;
	}
}
