// SPDX-License-Identifier: GPL-2.0
/*
 * ftaliasctl monitor: print the notifications of the "events" multicast
 * group, and of "admin-events" (connections) when the caller has
 * CAP_NET_ADMIN, until SIGINT or SIGTERM.  One line per event, flushed at once so
 * that a reader on a pipe sees it; in JSON, one object per line shaped
 * like the output of tools/net/ynl/cli.py --subscribe:
 * {"name":"alias-add-ntf","msg":{...}}.  Counters (the alias stats nest,
 * the member counters) only with -s.  A dropped connection is one line
 * too: the connection, why, and the one that replaced it; so is a
 * cluster node's change of state (cluster mode on).
 */

#include <netlink/genl/genl.h>

#include "alias.h"
#include "conn.h"
#include "ctl.h"
#include "member.h"
#include "monitor.h"
#include "nl.h"
#include "node.h"
#include "print.h"

enum ntf_set { NTF_NONE, NTF_ALIAS, NTF_MEMBER, NTF_CONN, NTF_NODE };

/* The attribute set of each notification (its name: ctl_op_names[]). */
static const enum ntf_set ntf_sets[] = {
	[FTALIAS_CMD_ALIAS_ADD_NTF]	= NTF_ALIAS,
	[FTALIAS_CMD_ALIAS_CHANGE_NTF]	= NTF_ALIAS,
	[FTALIAS_CMD_ALIAS_DEL_NTF]	= NTF_ALIAS,
	[FTALIAS_CMD_MEMBER_JOIN_NTF]	= NTF_MEMBER,
	[FTALIAS_CMD_MEMBER_LEAVE_NTF]	= NTF_MEMBER,
	[FTALIAS_CMD_MEMBER_CHANGE_NTF]	= NTF_MEMBER,
	[FTALIAS_CMD_CONN_DROP_NTF]	= NTF_CONN,
	[FTALIAS_CMD_NODE_CHANGE_NTF]	= NTF_NODE,
};

enum { V_HELP };

static const struct keyword verbs[] = {
	{ "help",	V_HELP },
	{ NULL, 0 }
};

void monitor_usage(FILE *f)
{
	fputs("Usage: ftaliasctl monitor\n"
	      "       ftaliasctl monitor help\n", f);
}

int monitor_event(struct nlmsghdr *nlh, void *arg)
{
	struct genlmsghdr *ghdr = nlmsg_data(nlh);
	struct attr_vals v = { 0 };
	enum ntf_set set;
	int ret;

	(void)arg;
	if (!genlmsg_valid_hdr(nlh, 0))
		return 0;
	if (ghdr->cmd >= sizeof(ntf_sets) / sizeof(ntf_sets[0]))
		return 0;
	set = ntf_sets[ghdr->cmd];
	if (set == NTF_NONE)
		return 0;	/* not a notification we know */
	switch (set) {
	case NTF_ALIAS:
		ret = alias_parse_msg(nlh, &v);
		break;
	case NTF_MEMBER:
		ret = member_parse_msg(nlh, &v);
		break;
	case NTF_NODE:
		ret = node_parse_msg(nlh, &v);
		break;
	default:
		ret = conn_parse_msg(nlh, &v);
		break;
	}
	if (ret) {
		attr_vals_free(&v);
		return 0;	/* reported; keep listening */
	}

	open_json_object(NULL);
	print_string(PRINT_ANY, "name", "%s ", ctl_op_names[ghdr->cmd]);
	open_json_object("msg");
	if (set == NTF_ALIAS)
		alias_print_attrs(&v, " ");	/* one line per event */
	else if (set == NTF_MEMBER)
		member_print_attrs(&v);
	else if (set == NTF_NODE)
		node_print_ntf(&v);
	else
		conn_print_ntf(&v);
	close_json_object();
	close_json_object();
	print_nl();
	fflush(stdout);
	attr_vals_free(&v);
	return 0;
}

int do_monitor(int argc, char **argv)
{
	int verb;

	if (argc > 0) {
		verb = kw_match(argv[0], verbs);
		if (verb < 0) {
			kw_error("monitor command", argv[0], verbs, verb);
			monitor_usage(stderr);
			return EXIT_USAGE;
		}
		monitor_usage(stdout);
		return EXIT_OK;
	}

	if (ftnl_open())
		return EXIT_REFUSED;
	if (ftnl_monitor(FTALIAS_MCGRP_EVENTS, FTALIAS_MCGRP_ADMIN_EVENTS,
			 monitor_event, NULL))
		return EXIT_REFUSED;
	return EXIT_OK;
}
