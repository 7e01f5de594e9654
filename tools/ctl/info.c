// SPDX-License-Identifier: GPL-2.0
/*
 * ftaliasctl info: the version of the family, the address-family number of
 * AF_FTALIAS sockets, the limits of the module and the replay-cache bytes
 * of all aliases against their total limit (family-info-get).
 */

#include <netlink/genl/genl.h>

#include "ctl.h"
#include "info.h"
#include "nl.h"
#include "print.h"

static const struct attr_desc info_attrs[] = {
	ATTR(FTALIAS_A_FAMILY_INFO_VERSION,			AK_U32),
	ATTR(FTALIAS_A_FAMILY_INFO_AF_FAMILY,			AK_U32),
	ATTR(FTALIAS_A_FAMILY_INFO_ALIASES,			AK_U32),
	ATTR(FTALIAS_A_FAMILY_INFO_MAX_ALIASES,			AK_U32),
	ATTR(FTALIAS_A_FAMILY_INFO_CACHE_MAX_ENTRIES_LIMIT,	AK_U32),
	ATTR(FTALIAS_A_FAMILY_INFO_CACHE_MAX_BYTES_LIMIT,	AK_U64),
	ATTR(FTALIAS_A_FAMILY_INFO_CACHE_TOTAL_BYTES_LIMIT,	AK_U64),
	ATTR(FTALIAS_A_FAMILY_INFO_CACHE_TOTAL_BYTES,		AK_U64),
};

#define N_INFO_ATTRS (sizeof(info_attrs) / sizeof(info_attrs[0]))

void info_usage(FILE *f)
{
	fputs("Usage: ftaliasctl info [ show ]\n"
	      "       ftaliasctl info help\n", f);
}

int info_print_reply(struct nlmsghdr *nlh, void *arg)
{
	struct attr_vals v = { 0 };
	const char *sep = "";
	size_t i;
	int ret;

	(void)arg;
	ret = ftnl_parse_attrs(nlh, ctl_family_info_policy, FTALIAS_A_FAMILY_INFO_MAX,
			       info_attrs, N_INFO_ATTRS, &v);
	if (ret)
		return ret;

	open_json_object(NULL);
	for (i = 0; i < N_INFO_ATTRS; i++) {
		if (!attr_has(&v, info_attrs[i].type))
			continue;
		attr_print(&info_attrs[i], &v, sep);
		sep = " ";
	}
	close_json_object();
	print_nl();
	attr_vals_free(&v);
	return 0;
}

int do_info(int argc, char **argv)
{
	struct nl_msg *msg;
	int verb = SHOW_VERB_SHOW;

	if (argc > 0) {
		verb = kw_match(argv[0], show_verbs);
		if (verb < 0) {
			kw_error("info command", argv[0], show_verbs, verb);
			info_usage(stderr);
			return EXIT_USAGE;
		}
		if (argc > 1) {
			error("unexpected argument \"%s\"", argv[1]);
			info_usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (verb == SHOW_VERB_HELP) {
		info_usage(stdout);
		return EXIT_OK;
	}

	if (ftnl_open())
		return EXIT_REFUSED;
	ftnl_set_attr_desc(NULL, 0);
	msg = ftnl_msg_new(FTALIAS_CMD_FAMILY_INFO_GET, 0);
	if (!msg || ftnl_do(msg, info_print_reply, NULL))
		return EXIT_REFUSED;
	return EXIT_OK;
}
