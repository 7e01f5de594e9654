// SPDX-License-Identifier: GPL-2.0
/*
 * ftaliasctl alias save: the state of an alias (alias-save), written to
 * standard output as a file that alias restore reads back.  Needs
 * CAP_NET_ADMIN.
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <netlink/genl/genl.h>

#include "alias.h"
#include "nl.h"
#include "save.h"

static const struct attr_desc save_attrs[] = {
	ATTR(FTALIAS_A_SAVE_ALIAS_ID,	AK_U32),
};

/* A write of all @len bytes, or an error printed. */
static int write_all(const void *buf, size_t len)
{
	const char *p = buf;
	ssize_t n;

	while (len) {
		n = write(STDOUT_FILENO, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return error("cannot write the saved alias: %s",
				     n ? strerror(errno) : "short write");
		p += n;
		len -= n;
	}
	return 0;
}

/* Each message of the dump: its records, as they are. */
static int save_msg(struct nlmsghdr *nlh, void *arg)
{
	struct genlmsghdr *g = nlmsg_data(nlh);
	uint64_t *bytes = arg;
	int len = genlmsg_attrlen(g, 0);

	if (len <= 0)
		return 0;
	*bytes += len;
	return write_all(genlmsg_attrdata(g, 0), len);
}

int alias_save(int argc, char **argv)
{
	struct save_header hdr = {
		.magic = SAVE_MAGIC,
		.order = SAVE_ORDER,
		.version = FTALIAS_SAVE_VERSION,
	};
	struct attr_vals sel = { 0 }, filter = { 0 };
	uint64_t bytes = 0;
	uint32_t id;
	bool by_id;
	int ret;

	ret = alias_parse_selector(&argc, &argv, &sel, &by_id, alias_usage);
	if (ret)
		goto out;
	if (argc) {
		error("unexpected argument \"%s\"", argv[0]);
		alias_usage(stderr);
		ret = EXIT_USAGE;
		goto out;
	}
	if (isatty(STDOUT_FILENO)) {
		error("not writing a saved alias to a terminal: redirect the output to a file");
		ret = EXIT_USAGE;
		goto out;
	}

	ret = EXIT_REFUSED;
	if (ftnl_open() || alias_resolve_id(&sel, by_id, &id))
		goto out;
	if (write_all(&hdr, sizeof(hdr)))
		goto out;
	filter.num[FTALIAS_A_SAVE_ALIAS_ID] = id;
	filter.present = 1U << FTALIAS_A_SAVE_ALIAS_ID;
	ftnl_set_attr_desc(save_attrs, 1);
	/* The records are a copy: the kernel never interrupts this dump. */
	if (ftnl_dump(FTALIAS_CMD_ALIAS_SAVE, save_attrs, 1, &filter, save_msg,
		      NULL, &bytes))
		goto out;
	ret = EXIT_OK;
out:
	attr_vals_free(&sel);
	return ret;
}
