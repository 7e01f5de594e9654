// SPDX-License-Identifier: GPL-2.0
/*
 * Decode and print hand-built ftalias messages without a kernel, for
 * test-cli.sh: print-test [-j] [-p] { show | info | monitor }.
 * The messages carry a pad attribute and an unknown attribute, which must
 * be ignored.
 */

#include <stdlib.h>
#include <string.h>

#include <netlink/genl/genl.h>

#include "../alias.h"
#include "../ctl.h"
#include "../info.h"
#include "../monitor.h"
#include "../print.h"

struct ctl_opts opts;

static struct nl_msg *new_msg(uint8_t cmd)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (!msg || !genlmsg_put(msg, 0, 0, 0x20, 0, 0, cmd, 1))
		exit(1);
	return msg;
}

static struct nl_msg *alias_msg(uint8_t cmd, uint32_t id, const char *name,
				uint32_t mode, uint32_t policy)
{
	struct nl_msg *msg = new_msg(cmd);

	if (nla_put_u32(msg, FTALIAS_A_ALIAS_ID, id) ||
	    nla_put_string(msg, FTALIAS_A_ALIAS_NAME, name) ||
	    nla_put_u32(msg, FTALIAS_A_ALIAS_UID, 1000) ||
	    nla_put_u32(msg, FTALIAS_A_ALIAS_GID, 4294967295U) ||
	    nla_put_u32(msg, FTALIAS_A_ALIAS_MODE, mode) ||
	    nla_put_u32(msg, FTALIAS_A_ALIAS_POLICY, policy) ||
	    nla_put_u32(msg, FTALIAS_A_ALIAS_GRACE_MS, 3000) ||
	    nla_put_u32(msg, FTALIAS_A_ALIAS_CACHE_MAX_ENTRIES, 65536) ||
	    nla_put(msg, FTALIAS_A_ALIAS_PAD, 0, NULL) ||
	    nla_put_u64(msg, FTALIAS_A_ALIAS_CACHE_MAX_BYTES,
			18446744073709551615ULL) ||
	    nla_put_u32(msg, FTALIAS_A_ALIAS_CACHE_TTL_MS, 300000) ||
	    nla_put_u32(msg, 42, 1))
		exit(1);
	return msg;
}

static void show(void)
{
	struct nl_msg *msgs[2];
	struct attr_vals v;
	int i;

	msgs[0] = alias_msg(FTALIAS_CMD_ALIAS_GET, 1, "db", 0644,
			    FTALIAS_PROMOTION_POLICY_AUTO);
	msgs[1] = alias_msg(FTALIAS_CMD_ALIAS_GET, 4294967295U, "a.b_c:d-e",
			    0, FTALIAS_PROMOTION_POLICY_MANUAL);
	open_json_array(NULL);
	for (i = 0; i < 2; i++) {
		memset(&v, 0, sizeof(v));
		if (alias_parse_msg(nlmsg_hdr(msgs[i]), &v))
			exit(1);
		open_json_object(NULL);
		alias_print_attrs(&v);
		close_json_object();
		print_nl();
		attr_vals_free(&v);
		nlmsg_free(msgs[i]);
	}
	close_json_array();
}

static void info(void)
{
	struct nl_msg *msg = new_msg(FTALIAS_CMD_FAMILY_INFO_GET);

	if (nla_put_u32(msg, FTALIAS_A_FAMILY_INFO_VERSION, 1) ||
	    nla_put_u32(msg, FTALIAS_A_FAMILY_INFO_AF_FAMILY, 46) ||
	    nla_put_u32(msg, FTALIAS_A_FAMILY_INFO_ALIASES, 2) ||
	    nla_put_u32(msg, FTALIAS_A_FAMILY_INFO_MAX_ALIASES, 1024) ||
	    nla_put_u32(msg, FTALIAS_A_FAMILY_INFO_CACHE_MAX_ENTRIES_LIMIT,
			1048576) ||
	    nla_put(msg, FTALIAS_A_FAMILY_INFO_PAD, 0, NULL) ||
	    nla_put_u64(msg, FTALIAS_A_FAMILY_INFO_CACHE_MAX_BYTES_LIMIT,
			1ULL << 32))
		exit(1);
	if (info_print_reply(nlmsg_hdr(msg), NULL))
		exit(1);
	nlmsg_free(msg);
}

static void monitor(void)
{
	static const uint8_t cmds[] = {
		FTALIAS_CMD_ALIAS_ADD_NTF,
		FTALIAS_CMD_ALIAS_CHANGE_NTF,
		FTALIAS_CMD_ALIAS_DEL_NTF,
		FTALIAS_CMD_ALIAS_GET,		/* not a notification */
	};
	struct nl_msg *msg;
	size_t i;

	for (i = 0; i < sizeof(cmds); i++) {
		msg = alias_msg(cmds[i], 2, "x", 0600,
				FTALIAS_PROMOTION_POLICY_AUTO);
		monitor_event(nlmsg_hdr(msg), NULL);
		nlmsg_free(msg);
	}
}

int main(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc - 1; i++) {
		if (!strcmp(argv[i], "-j"))
			opts.json = true;
		else if (!strcmp(argv[i], "-p"))
			opts.pretty = true;
	}
	if (argc < 2)
		return 2;
	new_json_obj(opts.json, opts.pretty);
	if (!strcmp(argv[argc - 1], "show"))
		show();
	else if (!strcmp(argv[argc - 1], "info"))
		info();
	else if (!strcmp(argv[argc - 1], "monitor"))
		monitor();
	else
		return 2;
	return 0;
}
