// SPDX-License-Identifier: GPL-2.0
/*
 * ftaliasctl alias save: the state of an alias (alias-save), written to
 * standard output as a file that alias restore reads back (alias-restore,
 * in messages of up to RESTORE_MSG bytes of records).  Both need
 * CAP_NET_ADMIN.  With "all DIR", every alias of the namespace, one file
 * NAME.ftas each in DIR; restore all makes them again and moves each file
 * it restored into DIR/restored, so that a save comes back once.
 */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <netlink/genl/genl.h>

#include "alias.h"
#include "nl.h"
#include "print.h"
#include "save.h"

static const struct attr_desc save_attrs[] = {
	ATTR(FTALIAS_A_SAVE_ALIAS_ID,	AK_U32),
	ATTR(FTALIAS_A_SAVE_MOVE,	AK_FLAG),
};
#define N_SAVE_ATTRS	(sizeof(save_attrs) / sizeof(save_attrs[0]))

/* Where save_msg() writes. */
static int save_fd = STDOUT_FILENO;

/* A write of all @len bytes, or an error printed. */
static int write_all(const void *buf, size_t len)
{
	const char *p = buf;
	ssize_t n;

	while (len) {
		n = write(save_fd, p, len);
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

/*
 * The header and records of alias @id to @fd, over the open socket; with
 * @move, the alias stays frozen until it is deleted or the socket closes.
 */
static int save_one(int fd, uint32_t id, bool move)
{
	struct save_header hdr = {
		.magic = SAVE_MAGIC,
		.order = SAVE_ORDER,
		.version = FTALIAS_SAVE_VERSION,
	};
	struct attr_vals filter = { 0 };
	uint64_t bytes = 0;

	save_fd = fd;
	if (write_all(&hdr, sizeof(hdr)))
		return -1;
	filter.num[FTALIAS_A_SAVE_ALIAS_ID] = id;
	filter.num[FTALIAS_A_SAVE_MOVE] = move;
	filter.present = 1U << FTALIAS_A_SAVE_ALIAS_ID |
			 (uint32_t)move << FTALIAS_A_SAVE_MOVE;
	ftnl_set_attr_desc(save_attrs, N_SAVE_ATTRS);
	/* The records are a copy: the kernel never interrupts this dump. */
	return ftnl_dump(FTALIAS_CMD_ALIAS_SAVE, save_attrs, N_SAVE_ATTRS,
			 &filter, save_msg, NULL, &bytes);
}

/* The file of alias @name in a save directory. */
#define SAVE_SUFFIX	".ftas"
#define SAVE_TMP	".ftas.tmp"
#define RESTORED_DIR	"restored"
#define FAILED_DIR	"failed"

static bool has_suffix(const char *name, const char *suffix)
{
	size_t n = strlen(name), k = strlen(suffix);

	return n > k && !strcmp(name + n - k, suffix);
}

/*
 * Alias @name (@id) to @dir/NAME.ftas.tmp, synced; renamed by the caller
 * once every alias is saved.
 */
static int save_file(int dfd, const char *dir, const char *name, uint32_t id)
{
	char tmp[FTALIAS_NAME_MAX_LEN + sizeof(SAVE_TMP)];
	int fd, ret;

	snprintf(tmp, sizeof(tmp), "%s%s", name, SAVE_TMP);
	/* A new file, 0600 whatever was there: no link followed. */
	if (unlinkat(dfd, tmp, 0) && errno != ENOENT)
		return error("cannot remove %s/%s: %s", dir, tmp,
			     strerror(errno));
	fd = openat(dfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
		    O_CLOEXEC, 0600);
	if (fd < 0)
		return error("cannot create %s/%s: %s", dir, tmp,
			     strerror(errno));
	ret = save_one(fd, id, false);
	if (!ret && fsync(fd))
		ret = error("cannot write %s/%s: %s", dir, tmp, strerror(errno));
	if (close(fd) && !ret)
		ret = error("cannot write %s/%s: %s", dir, tmp, strerror(errno));
	if (ret) {
		unlinkat(dfd, tmp, 0);
		error("alias %s not saved", name);
	}
	return ret;
}

/*
 * The files of @dir that are not those of @l's aliases: stale saves (of
 * aliases deleted since) and temporary files of a save that failed.
 * Returns how many could not be removed (printed).
 */
static int save_prune(int dfd, const char *dir, const struct ftnl_list *l)
{
	char want[FTALIAS_NAME_MAX_LEN + sizeof(SAVE_SUFFIX)];
	struct dirent *d;
	int fd, failed = 0;
	bool keep;
	size_t i;
	DIR *dp;

	fd = dup(dfd);
	dp = fd < 0 ? NULL : fdopendir(fd);
	if (!dp) {
		if (fd >= 0)
			close(fd);
		return !!error("cannot read %s: %s", dir, strerror(errno));
	}
	while ((d = readdir(dp))) {
		if (!has_suffix(d->d_name, SAVE_SUFFIX) &&
		    !has_suffix(d->d_name, SAVE_TMP))
			continue;
		keep = false;
		for (i = 0; i < l->n && !keep; i++) {
			snprintf(want, sizeof(want), "%s%s",
				 l->v[i].str[FTALIAS_A_ALIAS_NAME], SAVE_SUFFIX);
			keep = !strcmp(d->d_name, want);
		}
		if (!keep && unlinkat(dfd, d->d_name, 0))
			failed += !!error("cannot remove %s/%s: %s", dir,
					  d->d_name, strerror(errno));
	}
	closedir(dp);
	return failed;
}

/*
 * alias save all DIR: every alias of the namespace, each in DIR/NAME.ftas
 * (each alias at its own moment).  The files are written aside, synced,
 * then renamed over the old ones; the files of aliases that are gone go.
 * An alias that cannot be saved loses its old file too, and makes the
 * exit status 1: an older state of it is never left to come back.
 */
static int save_all(const char *dir)
{
	char tmp[FTALIAS_NAME_MAX_LEN + sizeof(SAVE_TMP)];
	char dst[FTALIAS_NAME_MAX_LEN + sizeof(SAVE_SUFFIX)];
	struct ftnl_list l;
	int dfd, ret = EXIT_REFUSED, failed = 0;
	const char *name;
	bool *ok = NULL;
	size_t i;

	if (mkdir(dir, 0700) && errno != EEXIST)
		return error("cannot create %s: %s", dir, strerror(errno)),
		       EXIT_REFUSED;
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return error("cannot open %s: %s", dir, strerror(errno)),
		       EXIT_REFUSED;
	if (ftnl_open() || alias_dump(&l)) {
		ftnl_list_free(&l);
		close(dfd);
		return EXIT_REFUSED;
	}
	ok = calloc(l.n + 1, sizeof(*ok));
	if (!ok) {
		error("out of memory");
		goto out;
	}
	for (i = 0; i < l.n; i++) {
		name = l.v[i].str[FTALIAS_A_ALIAS_NAME];
		ok[i] = !save_file(dfd, dir, name,
				   l.v[i].num[FTALIAS_A_ALIAS_ID]);
		failed += !ok[i];
	}
	for (i = 0; i < l.n; i++) {
		name = l.v[i].str[FTALIAS_A_ALIAS_NAME];
		snprintf(tmp, sizeof(tmp), "%s%s", name, SAVE_TMP);
		snprintf(dst, sizeof(dst), "%s%s", name, SAVE_SUFFIX);
		if (ok[i] && renameat(dfd, tmp, dfd, dst)) {
			error("cannot rename %s/%s: %s", dir, tmp,
			      strerror(errno));
			unlinkat(dfd, tmp, 0);
			ok[i] = false;
			failed++;
		}
		/* No older state of it left to come back. */
		if (!ok[i] && unlinkat(dfd, dst, 0) && errno != ENOENT)
			error("cannot remove %s/%s: %s", dir, dst,
			      strerror(errno));
	}
	failed += save_prune(dfd, dir, &l);
	if (fsync(dfd))
		failed += !!error("cannot sync %s: %s", dir, strerror(errno));
	ret = failed ? EXIT_REFUSED : EXIT_OK;
out:
	free(ok);
	ftnl_list_free(&l);
	close(dfd);
	return ret;
}

/* "all DIR" (or "--all DIR"): @argv holds exactly that. */
static bool is_all(int argc, char **argv)
{
	return argc == 2 &&
	       (!strcmp(argv[0], "all") || !strcmp(argv[0], "--all"));
}

/*
 * The end of a move: the file on disk (a pipe or a socket cannot be
 * synced: their reader has the bytes), then the alias deleted over the
 * socket that saved it, if the move did not end meanwhile (timeout).  On
 * failure the alias thaws when the socket closes.
 */
static int save_move_done(uint32_t id)
{
	if (fsync(STDOUT_FILENO) && errno != EINVAL && errno != EROFS &&
	    errno != ENOTSUP)
		return error("cannot write the saved alias: %s; not moved",
			     strerror(errno));
	if (alias_del_id(id, true))
		return error("alias not moved: the file is a plain save");
	return 0;
}

int alias_save(int argc, char **argv)
{
	struct attr_vals sel = { 0 };
	bool by_id, move = false;
	uint32_t id;
	int ret;

	if (is_all(argc, argv))
		return save_all(argv[1]);
	ret = alias_parse_selector(&argc, &argv, &sel, &by_id, alias_usage);
	if (ret)
		goto out;
	if (argc && (!strcmp(argv[0], "move") || !strcmp(argv[0], "--move"))) {
		move = true;
		argc--;
		argv++;
	}
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
	if (ftnl_open() || alias_resolve_id(&sel, by_id, &id) ||
	    save_one(STDOUT_FILENO, id, move) ||
	    (move && save_move_done(id)))
		goto out;
	ret = EXIT_OK;
out:
	attr_vals_free(&sel);
	return ret;
}

/* Bytes of records in one alias-restore message, at most. */
#define RESTORE_MSG	(48 * 1024)

/* All of @fd; NULL with an error printed. */
static uint8_t *read_all(int fd, size_t *len)
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
		got = read(fd, buf + n, cap - n);
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

/*
 * The saved alias read from @fd made again (named @name, with id @id when
 * given) over the open socket, and printed.  Returns 0; -1 when it was
 * not made; 1 when it was, but could not be printed (errors printed).
 */
static int restore_fd(int fd, const char *name, uint32_t id)
{
	struct restore_reply reply = { 0 };
	struct attr_vals sel = { 0 }, a = { 0 };
	struct save_header hdr;
	uint8_t *buf;
	size_t len = 0;
	int ret = -1;

	buf = read_all(fd, &len);
	if (!buf)
		return -1;
	if (len < sizeof(hdr) || memcmp(buf, SAVE_MAGIC, 4)) {
		error("not a saved alias: no FTAS header");
		goto out;
	}
	memcpy(&hdr, buf, sizeof(hdr));
	if (hdr.order != SAVE_ORDER) {
		error("the alias was saved on a machine of another byte order");
		goto out;
	}
	if (restore_records(buf + sizeof(hdr), len - sizeof(hdr), name, id,
			    &reply))
		goto out;
	ret = 1;
	sel.num[FTALIAS_A_ALIAS_ID] = reply.id;
	sel.present = 1U << FTALIAS_A_ALIAS_ID;
	if (alias_get(&sel, &a))
		goto out;
	alias_print(&a);
	ret = 0;
out:
	attr_vals_free(&a);
	free(buf);
	return ret;
}

static int save_filter(const struct dirent *d)
{
	return has_suffix(d->d_name, SAVE_SUFFIX);
}

/* @f, restored or failed, into @sub of @dir; 0 or -1 (printed). */
static int restore_move(int dfd, const char *dir, const char *f,
			const char *sub)
{
	char to[sizeof(FAILED_DIR) + sizeof(RESTORED_DIR) + 256];

	snprintf(to, sizeof(to), "%s/%s", sub, f);
	if ((mkdirat(dfd, sub, 0700) && errno != EEXIST) ||
	    renameat(dfd, f, dfd, to))
		return error("cannot move %s/%s into %s/%s: %s", dir, f, dir,
			     sub, strerror(errno));
	return 0;
}

/*
 * -exist: the restore of @f was refused with EEXIST; true when an alias
 * of its name (the file's, NAME.ftas) is there, which stays as it is.
 */
static bool restore_exists(const char *f)
{
	char name[256];

	snprintf(name, sizeof(name), "%.*s",
		 (int)(strlen(f) - strlen(SAVE_SUFFIX)), f);
	return ftnl_errno == EEXIST && alias_exists(name) == 1;
}

/*
 * alias restore all DIR: every DIR/NAME.ftas, in name order.  Each file
 * restored moves into DIR/restored (over an older one), so that the same
 * state never comes back twice (after a crash, the aliases come from
 * their configuration, not from the state of an earlier shutdown).  A
 * file that cannot be restored is named in an error and moves into
 * DIR/failed, out of the way of the next save all; the others are
 * restored all the same (exit status 1).  With -exist, a file whose
 * alias is there (a restart on a running system) counts as restored.  A
 * DIR that does not exist holds nothing to restore.
 */
static int restore_all(const char *dir)
{
	struct dirent **names;
	int dfd, fd, i, n, ret, failed = 0;
	const char *f;

	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0 && errno == ENOENT)
		return EXIT_OK;
	if (dfd < 0)
		return error("cannot open %s: %s", dir, strerror(errno)),
		       EXIT_REFUSED;
	n = scandir(dir, &names, save_filter, alphasort);
	if (n < 0) {
		error("cannot read %s: %s", dir, strerror(errno));
		close(dfd);
		return EXIT_REFUSED;
	}
	if (n && ftnl_open()) {
		failed++;
		goto out;
	}
	open_json_array(NULL);
	for (i = 0; i < n; i++) {
		f = names[i]->d_name;
		fd = openat(dfd, f, O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			error("cannot open %s/%s: %s", dir, f, strerror(errno));
			ret = -1;
		} else {
			ftnl_errno = 0;
			ftnl_quiet_errno = opts.exist ? EEXIST : 0;
			ret = restore_fd(fd, NULL, 0);
			ftnl_quiet_errno = 0;
			close(fd);
			if (ret < 0 && opts.exist && restore_exists(f))
				ret = 0;
			else if (ret < 0 && ftnl_errno == EEXIST && opts.exist)
				error("alias name or id already in use");
		}
		if (ret < 0) {
			error("%s/%s not restored", dir, f);
			restore_move(dfd, dir, f, FAILED_DIR);
		} else if (restore_move(dfd, dir, f, RESTORED_DIR)) {
			ret = 1;
		}
		failed += !!ret;
	}
	close_json_array();
	if (fsync(dfd))
		failed += !!error("cannot sync %s: %s", dir, strerror(errno));
out:
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	close(dfd);
	return failed ? EXIT_REFUSED : EXIT_OK;
}

int alias_restore(int argc, char **argv)
{
	const char *name = NULL;
	unsigned long long v;
	uint32_t id = 0;
	char *end;

	if (is_all(argc, argv))
		return restore_all(argv[1]);
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

	if (ftnl_open() || restore_fd(STDIN_FILENO, name, id))
		return EXIT_REFUSED;
	return EXIT_OK;
usage:
	alias_usage(stderr);
	return EXIT_USAGE;
}
