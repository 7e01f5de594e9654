// SPDX-License-Identifier: GPL-2.0
/*
 * ftaliasctl alias save: the state of an alias (alias-save), written to
 * standard output as a file that alias restore reads back (alias-restore,
 * in messages of up to RESTORE_MSG bytes of records).  Both need
 * CAP_NET_ADMIN.
 */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
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

/* Bytes of records in one alias-restore message, at most. */
#define RESTORE_MSG	(48 * 1024)

/* All of standard input; NULL with an error printed. */
static uint8_t *read_all(size_t *len)
{
	size_t cap = 1 << 16, n = 0;
	uint8_t *buf = malloc(cap), *nb;
	ssize_t got;

	while (buf) {
		if (n == cap) {
			nb = realloc(buf, cap * 2);
			if (!nb)
				break;
			buf = nb;
			cap *= 2;
		}
		got = read(STDIN_FILENO, buf + n, cap - n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			error("cannot read the saved alias: %s", strerror(errno));
			free(buf);
			return NULL;
		}
		if (!got) {
			*len = n;
			return buf;
		}
		n += got;
	}
	free(buf);
	error("out of memory");
	return NULL;
}

/* CRC-32 of IEEE 802.3, as zlib's crc32(0, p, n) and the kernel's. */
static uint32_t crc32z(const uint8_t *p, size_t n)
{
	static uint32_t table[256];
	uint32_t crc = ~0U, c;
	int i, k;

	if (!table[1]) {
		for (i = 0; i < 256; i++) {
			c = i;
			for (k = 0; k < 8; k++)
				c = (c >> 1) ^ (0xedb88320U & -(c & 1));
			table[i] = c;
		}
	}
	while (n--)
		crc = table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
	return ~crc;
}

/*
 * The length of the record at @p with its CRC after it; 0 when the file
 * ends there, -1 (an error printed) when the CRC does not match.  The
 * kernel checks them again; checked here, a damaged file is refused
 * before anything is sent, whatever byte changed.
 */
static long record_len(const uint8_t *p, size_t left, size_t at)
{
	const struct nlattr *a = (const void *)p, *crc;
	uint32_t want;
	size_t n;

	if (left < NLA_HDRLEN || a->nla_len < NLA_HDRLEN ||
	    (size_t)NLA_ALIGN(a->nla_len) + NLA_HDRLEN + 4 > left)
		return 0;
	n = NLA_ALIGN(a->nla_len);
	crc = (const void *)(p + n);
	if (crc->nla_type != FTALIAS_A_SAVE_CRC ||
	    crc->nla_len != NLA_HDRLEN + 4)
		return error("the saved alias has no CRC after its record at byte %zu",
			     at);
	memcpy(&want, p + n + NLA_HDRLEN, sizeof(want));
	if (want != crc32z(p, a->nla_len))
		return error("the record at byte %zu of the saved alias does not match its CRC",
			     at);
	return n + NLA_ALIGN(crc->nla_len);
}

struct restore_reply {
	uint32_t handle;
	uint32_t id;
};

static int restore_msg(struct nlmsghdr *nlh, void *arg)
{
	struct restore_reply *r = arg;
	struct nlattr *tb[FTALIAS_A_SAVE_MAX + 1];

	if (genlmsg_parse(nlh, 0, tb, FTALIAS_A_SAVE_MAX, ctl_save_policy))
		return error("cannot parse the reply of alias-restore");
	if (tb[FTALIAS_A_SAVE_HANDLE])
		r->handle = nla_get_u32(tb[FTALIAS_A_SAVE_HANDLE]);
	if (tb[FTALIAS_A_SAVE_NEW_ID])
		r->id = nla_get_u32(tb[FTALIAS_A_SAVE_NEW_ID]);
	return 0;
}

/* Sends the records in @buf, @len bytes, as alias-restore messages. */
static int restore_records(const uint8_t *buf, size_t len, const char *name,
			   uint32_t id, struct restore_reply *r)
{
	size_t off = 0, start;
	struct nl_msg *msg;
	int first = 1, recs;
	long n;

	while (off < len) {
		msg = ftnl_msg_new_size(FTALIAS_CMD_ALIAS_RESTORE, 0,
					RESTORE_MSG + 4096);
		if (!msg)
			return -1;
		if ((r->handle &&
		     nla_put_u32(msg, FTALIAS_A_SAVE_HANDLE, r->handle) < 0) ||
		    (first && name &&
		     nla_put_string(msg, FTALIAS_A_SAVE_NEW_NAME, name) < 0) ||
		    (first && id &&
		     nla_put_u32(msg, FTALIAS_A_SAVE_NEW_ID, id) < 0)) {
			nlmsg_free(msg);
			return error("cannot build the request");
		}
		/* The first message: the header, alias and ids records. */
		start = off;
		recs = 0;
		while (off < len) {
			n = record_len(buf + off, len - off,
				       off + sizeof(struct save_header));
			if (n <= 0) {
				nlmsg_free(msg);
				return n ? -1 :
				       error("the saved alias is cut short at byte %zu",
					     off + sizeof(struct save_header));
			}
			if (off + n - start > RESTORE_MSG &&
			    recs >= (first ? 3 : 1))
				break;
			off += n;
			recs++;
		}
		if (nlmsg_append(msg, (void *)(buf + start), off - start,
				 NLA_ALIGNTO) < 0) {
			nlmsg_free(msg);
			return error("out of memory");
		}
		if (ftnl_do(msg, restore_msg, r))
			return -1;
		first = 0;
	}
	if (!r->id)
		return error("the saved alias ends before its trailer record: cut short");
	return 0;
}

int alias_restore(int argc, char **argv)
{
	struct restore_reply reply = { 0 };
	const char *name = NULL;
	struct save_header hdr;
	struct attr_vals sel = { 0 }, a = { 0 };
	unsigned long long v;
	uint8_t *buf = NULL;
	uint32_t id = 0;
	size_t len = 0;
	char *end;
	int ret = EXIT_USAGE;

	for (; argc; argc -= 2, argv += 2) {
		if (argc < 2) {
			error("keyword \"%s\" needs an argument", argv[0]);
			goto usage;
		}
		if (!strcmp(argv[0], "name") && !name) {
			name = argv[1];
		} else if (!strcmp(argv[0], "id") && !id) {
			errno = 0;
			v = strtoull(argv[1], &end, 0);
			if (errno || *end || !*argv[1] || !v || v > UINT32_MAX ||
			    argv[1][0] == '-') {
				error("invalid id \"%s\"", argv[1]);
				goto usage;
			}
			id = v;
		} else {
			error("unexpected argument \"%s\"", argv[0]);
			goto usage;
		}
	}
	if (isatty(STDIN_FILENO)) {
		error("not reading a saved alias from a terminal: redirect a file to the input");
		return EXIT_USAGE;
	}

	ret = EXIT_REFUSED;
	buf = read_all(&len);
	if (!buf)
		goto out;
	if (len < sizeof(hdr) || memcmp(buf, SAVE_MAGIC, 4)) {
		error("not a saved alias: no FTAS header");
		goto out;
	}
	memcpy(&hdr, buf, sizeof(hdr));
	if (hdr.order != SAVE_ORDER) {
		error("the alias was saved on a machine of another byte order");
		goto out;
	}
	if (ftnl_open() ||
	    restore_records(buf + sizeof(hdr), len - sizeof(hdr), name, id,
			    &reply))
		goto out;
	sel.num[FTALIAS_A_ALIAS_ID] = reply.id;
	sel.present = 1U << FTALIAS_A_ALIAS_ID;
	if (alias_get(&sel, &a))
		goto out;
	alias_print(&a);
	ret = EXIT_OK;
out:
	attr_vals_free(&a);
	free(buf);
	return ret;
usage:
	alias_usage(stderr);
	return EXIT_USAGE;
}
