// SPDX-License-Identifier: GPL-2.0
/*
 * ftaliasctl alias { add | del | set | show }.  The command line is parsed
 * completely into a struct attr_vals before the socket is opened, so that
 * a usage error never sends anything.  The configuration attributes are
 * keywords; the state ones (incarnation ... held, the checkpoint's and
 * the input log's), the stats nest and the cache nest (replay cache) are
 * only printed.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/genl/genl.h>

#include "alias.h"
#include "cache.h"
#include "nl.h"
#include "print.h"
#include "save.h"

/* Attribute-set "alias-stats", in spec order. */
static const struct attr_desc alias_stats_attrs[] = {
	ATTR(FTALIAS_A_ALIAS_STATS_SENT,	AK_U64),
	ATTR(FTALIAS_A_ALIAS_STATS_DELIVERED,	AK_U64),
	ATTR(FTALIAS_A_ALIAS_STATS_REDELIVERED,	AK_U64),
	ATTR(FTALIAS_A_ALIAS_STATS_RESENT,	AK_U64),
	ATTR(FTALIAS_A_ALIAS_STATS_REPLIES,	AK_U64),
	ATTR(FTALIAS_A_ALIAS_STATS_HELD,	AK_U64),
	ATTR(FTALIAS_A_ALIAS_STATS_FAILED,	AK_U64),
	ATTR(FTALIAS_A_ALIAS_STATS_PROMOTIONS,	AK_U64),
	ATTR(FTALIAS_A_ALIAS_STATS_CHECKPOINTS,	AK_U64),
	ATTR(FTALIAS_A_ALIAS_STATS_CKPT_LOADS,	AK_U64),
	ATTR(FTALIAS_A_ALIAS_STATS_INPUTS_LOGGED,	AK_U64),
	ATTR(FTALIAS_A_ALIAS_STATS_INPUTS_REPLAYED,	AK_U64),
	ATTR(FTALIAS_A_ALIAS_STATS_REPLAY_SUPPRESSED,	AK_U64),
	ATTR(FTALIAS_A_ALIAS_STATS_REQUESTS_REISSUED,	AK_U64),
};

static const struct attr_nest alias_stats_nest = {
	.desc		= alias_stats_attrs,
	.n		= sizeof(alias_stats_attrs) / sizeof(alias_stats_attrs[0]),
	.policy		= ctl_alias_stats_policy,
	.maxtype	= FTALIAS_A_ALIAS_STATS_MAX,
};

/*
 * Attribute-set "alias": keywords, JSON keys, text order (spec order but
 * record-replies, input-log and scope with the configuration, ckpt-input
 * with the checkpoint's attributes).  The configuration comes first, A_ID
 * to A_CFG_LAST: -config prints it.
 */
static const struct attr_desc alias_attrs[] = {
	ATTR(FTALIAS_A_ALIAS_ID,		AK_U32),
	ATTR(FTALIAS_A_ALIAS_NAME,		AK_STRING),
	ATTR(FTALIAS_A_ALIAS_UID,		AK_U32),
	ATTR(FTALIAS_A_ALIAS_GID,		AK_U32),
	ATTR(FTALIAS_A_ALIAS_MODE,		AK_MODE),
	ATTR(FTALIAS_A_ALIAS_POLICY,		AK_POLICY),
	ATTR(FTALIAS_A_ALIAS_GRACE_MS,		AK_U32),
	ATTR(FTALIAS_A_ALIAS_CACHE_MAX_ENTRIES,	AK_U32),
	ATTR(FTALIAS_A_ALIAS_CACHE_MAX_BYTES,	AK_U64),
	ATTR(FTALIAS_A_ALIAS_CACHE_TTL_MS,	AK_U32),
	ATTR(FTALIAS_A_ALIAS_RECORD_REPLIES,	AK_ONOFF),
	ATTR(FTALIAS_A_ALIAS_INPUT_LOG,		AK_ONOFF),
	ATTR(FTALIAS_A_ALIAS_SCOPE,		AK_SCOPE),
	ATTR(FTALIAS_A_ALIAS_INCARNATION,	AK_U32),
	ATTR(FTALIAS_A_ALIAS_MEMBERS,		AK_U32),
	ATTR(FTALIAS_A_ALIAS_ACTIVE_PORT,	AK_U32),
	ATTR(FTALIAS_A_ALIAS_PENDING,		AK_U32),
	ATTR(FTALIAS_A_ALIAS_HELD,		AK_U32),
	ATTR(FTALIAS_A_ALIAS_CKPT_SEQ,		AK_U64),
	ATTR(FTALIAS_A_ALIAS_CKPT_BYTES,	AK_U64),
	ATTR(FTALIAS_A_ALIAS_CKPT_INPUT,	AK_U64),
	ATTR(FTALIAS_A_ALIAS_LOG_INPUTS,	AK_U32),
	ATTR(FTALIAS_A_ALIAS_LOG_BYTES,		AK_U64),
	ATTR(FTALIAS_A_ALIAS_LOG_OUTPUTS,	AK_U32),
	ATTR_NEST(FTALIAS_A_ALIAS_STATS,	&alias_stats_nest),
	ATTR_NEST(FTALIAS_A_ALIAS_CACHE,	&cache_stats_nest),
};

#define N_ALIAS_ATTRS (sizeof(alias_attrs) / sizeof(alias_attrs[0]))

enum {	/* indexes of alias_attrs[], the ids of the keyword tables */
	A_ID, A_NAME, A_UID, A_GID, A_MODE, A_POLICY, A_GRACE_MS,
	A_CACHE_MAX_ENTRIES, A_CACHE_MAX_BYTES, A_CACHE_TTL_MS,
	A_RECORD_REPLIES, A_INPUT_LOG, A_SCOPE, A_INCARNATION, A_MEMBERS,
	A_ACTIVE_PORT, A_PENDING, A_HELD, A_CKPT_SEQ, A_CKPT_BYTES,
	A_CKPT_INPUT, A_LOG_INPUTS, A_LOG_BYTES, A_LOG_OUTPUTS, A_STATS,
	A_CACHE,
	A_COUNT,
	A_CFG_LAST = A_SCOPE,	/* the last configuration attribute */
};

_Static_assert(A_COUNT == N_ALIAS_ATTRS, "alias_attrs[] and its indexes differ");

_Static_assert(FTALIAS_A_ALIAS_MAX < ATTR_SLOTS, "attr_vals too small");
_Static_assert(FTALIAS_A_ALIAS_STATS_MAX < ATTR_SLOTS, "attr_vals too small");

#define CFG_KEYWORDS					\
	{ "uid",		A_UID },		\
	{ "gid",		A_GID },		\
	{ "mode",		A_MODE },		\
	{ "policy",		A_POLICY },		\
	{ "grace-ms",		A_GRACE_MS },		\
	{ "cache-max-entries",	A_CACHE_MAX_ENTRIES },	\
	{ "cache-max-bytes",	A_CACHE_MAX_BYTES },	\
	{ "cache-ttl-ms",	A_CACHE_TTL_MS },		\
	{ "record-replies",	A_RECORD_REPLIES },	\
	{ "input-log",		A_INPUT_LOG }

static const struct keyword add_kw[] = {
	{ "id", A_ID },
	CFG_KEYWORDS,
	{ "scope", A_SCOPE },
	{ NULL, 0 }
};

/* scope only for parse_keywords() to say why it refuses it: alias-set has none */
static const struct keyword set_kw[] = {
	{ "name", A_NAME },
	CFG_KEYWORDS,
	{ "scope", A_SCOPE },
	{ NULL, 0 }
};

enum { V_ADD, V_DEL, V_SET, V_SHOW, V_SAVE, V_RESTORE, V_HELP };

static const struct keyword verbs[] = {
	{ "add",	V_ADD },
	{ "del",	V_DEL },
	{ "delete",	V_DEL },
	{ "set",	V_SET },
	{ "show",	V_SHOW },
	{ "list",	V_SHOW },
	{ "save",	V_SAVE },
	{ "restore",	V_RESTORE },
	{ "help",	V_HELP },
	{ NULL, 0 }
};

void alias_usage(FILE *f)
{
	fputs("Usage: ftaliasctl alias add NAME [ id ID ] [ scope SCOPE ] [ ATTRS ]\n"
	      "       ftaliasctl alias del { NAME | id ID }\n"
	      "       ftaliasctl alias set { NAME | id ID [ name NEWNAME ] } ATTRS\n"
	      "       ftaliasctl alias [ show ] [ NAME | id ID ]\n"
	      "       ftaliasctl alias save { NAME | id ID } [ move ] > FILE\n"
	      "       ftaliasctl alias save all DIR\n"
	      "       ftaliasctl alias restore [ name NAME ] [ id ID ] < FILE\n"
	      "       ftaliasctl alias restore all DIR\n"
	      "       ftaliasctl alias help\n"
	      "ATTRS := [ uid UID ] [ gid GID ] [ mode OCTAL ] [ policy { auto | manual } ]\n"
	      "         [ grace-ms MS ] [ cache-max-entries N ] [ cache-max-bytes BYTES ]\n"
	      "         [ cache-ttl-ms MS ] [ record-replies { on | off } ]\n"
	      "         [ input-log { on | off } ]\n"
	      "SCOPE := { local | cluster }\n"
	      "scope cluster: the alias is the same on every node of the cluster, its\n"
	      "id derived from NAME unless given; its members on other nodes are\n"
	      "listed by member show with their node.  The scope cannot change, nor\n"
	      "can a cluster alias be renamed.\n"
	      "input-log on: the alias logs the requests its active member reads after\n"
	      "its latest checkpoint, and gives them again (FTALIAS_F_REPLAY) to a\n"
	      "member that becomes active, after the checkpoint; the requests that\n"
	      "member sends again get the IDs logged for them.  off drops the log.\n"
	      "With -s, show adds the counters and the replay cache of each alias;\n"
	      "with -c, it prints only the configuration, as commands for -batch.\n"
	      "save writes the state of an alias, restore makes it again (both need\n"
	      "CAP_NET_ADMIN); with all, every alias, in DIR/NAME.ftas, and restore\n"
	      "moves each file it restored into DIR/restored.  save move deletes the\n"
	      "alias once FILE is written and synced, keeping its entries in other\n"
	      "aliases' caches for its restore; until then it is frozen.\n", f);
}

static int usage_error(void)
{
	alias_usage(stderr);
	return EXIT_USAGE;
}

int alias_parse_msg(struct nlmsghdr *nlh, struct attr_vals *v)
{
	return ftnl_parse_attrs(nlh, ctl_alias_policy, FTALIAS_A_ALIAS_MAX,
				alias_attrs, N_ALIAS_ATTRS, v);
}

void alias_print_attrs(const struct attr_vals *v, const char *stats_sep)
{
	size_t i;

	print_string(PRINT_FP, NULL, "%s", "alias");
	if (attr_has(v, FTALIAS_A_ALIAS_NAME))
		print_string(PRINT_ANY, "name", " %s",
			     v->str[FTALIAS_A_ALIAS_NAME]);
	for (i = 0; i < N_ALIAS_ATTRS; i++)
		if (alias_attrs[i].type != FTALIAS_A_ALIAS_NAME &&
		    alias_attrs[i].kind != AK_NEST)
			attr_print(&alias_attrs[i], v, " ");
	if (opts.stats) {
		attr_print(&alias_attrs[A_STATS], v, stats_sep);
		attr_print(&alias_attrs[A_CACHE], v, stats_sep);
	}
}

static void alias_list_init(struct ftnl_list *l)
{
	memset(l, 0, sizeof(*l));
	l->parse = alias_parse_msg;
}

/*
 * -config: "alias add NAME id ID ..." with the configuration alone, a line
 * that -batch takes back; in JSON, the same keys as alias show.
 */
static void alias_print_config(const struct attr_vals *v)
{
	size_t i;

	if (!attr_has(v, FTALIAS_A_ALIAS_NAME))
		return;	/* the kernel always sends it */
	open_json_object(NULL);
	print_string(PRINT_FP, NULL, "%s", "alias add");
	print_string(PRINT_ANY, "name", " %s", v->str[FTALIAS_A_ALIAS_NAME]);
	for (i = A_ID; i <= A_CFG_LAST; i++)
		if (i != A_NAME)
			attr_print(&alias_attrs[i], v, " ");
	close_json_object();
	print_nl();
}

void alias_print(const struct attr_vals *v)
{
	if (opts.config) {
		alias_print_config(v);
		return;
	}
	open_json_object(NULL);
	alias_print_attrs(v, "\n    ");
	close_json_object();
	print_nl();
}

int alias_parse_selector(int *argc, char ***argv, struct attr_vals *v,
			 bool *by_id, void (*usage)(FILE *f))
{
	char **av = *argv;

	if (*argc < 1) {
		error("alias NAME or id ID required");
		usage(stderr);
		return EXIT_USAGE;
	}
	/* "id" exactly: an alias may be named "i". */
	*by_id = *argc >= 2 && !strcmp(av[0], "id");
	if (*by_id) {
		if (attr_parse_arg(&alias_attrs[A_ID], av[1], v))
			return EXIT_USAGE;
		*argc -= 2;
		*argv += 2;
	} else {
		if (attr_parse_arg(&alias_attrs[A_NAME], av[0], v))
			return EXIT_USAGE;
		*argc -= 1;
		*argv += 1;
	}
	return 0;
}

/* { NAME | id ID } and nothing after it. */
static int parse_only_selector(int argc, char **argv, struct attr_vals *v)
{
	bool by_id;
	int ret;

	ret = alias_parse_selector(&argc, &argv, v, &by_id, alias_usage);
	if (ret)
		return ret;
	if (argc) {
		error("unexpected argument \"%s\"", argv[0]);
		return usage_error();
	}
	return 0;
}

/*
 * KEYWORD VALUE pairs.  Returns 0, or EXIT_USAGE after printing the
 * error (and the usage for a wrong word).
 */
static int parse_keywords(int argc, char **argv, const struct keyword *kw,
			  bool allow_rename, struct attr_vals *v)
{
	const struct attr_desc *d;
	int i;

	while (argc > 0) {
		i = kw_match(argv[0], kw);
		if (i < 0) {
			kw_error("keyword", argv[0], kw, i);
			return usage_error();
		}
		d = &alias_attrs[i];
		if (d->type == FTALIAS_A_ALIAS_NAME && !allow_rename) {
			error("\"name\" renames an alias selected by id: use \"alias set id ID name NEWNAME\"");
			return usage_error();
		}
		if (d->type == FTALIAS_A_ALIAS_SCOPE && kw == set_kw) {
			error("\"scope\" is set at creation (alias add): alias set cannot change it");
			return usage_error();
		}
		if (attr_has(v, d->type)) {
			error("duplicate keyword \"%s\"", d->name);
			return EXIT_USAGE;
		}
		if (argc < 2) {
			error("keyword \"%s\" needs an argument", d->name);
			return usage_error();
		}
		if (attr_parse_arg(d, argv[1], v))
			return EXIT_USAGE;
		argc -= 2;
		argv += 2;
	}
	return 0;
}

/* Send @cmd with @v over the open socket; replies into @replies. */
static int request(uint8_t cmd, const struct attr_vals *v,
		   struct ftnl_list *replies)
{
	struct nl_msg *msg;

	ftnl_set_attr_desc(alias_attrs, N_ALIAS_ATTRS);
	msg = ftnl_msg_new(cmd, 0);
	if (!msg)
		return -1;
	if (ftnl_put_attrs(msg, alias_attrs, N_ALIAS_ATTRS, v)) {
		nlmsg_free(msg);
		return -1;
	}
	return ftnl_do(msg, replies ? ftnl_list_add : NULL, replies);
}

static int send_request(uint8_t cmd, const struct attr_vals *v,
			struct ftnl_list *replies)
{
	if (ftnl_open())
		return -1;
	return request(cmd, v, replies);
}

int alias_get(const struct attr_vals *sel, struct attr_vals *out)
{
	struct ftnl_list replies;
	int ret;

	alias_list_init(&replies);
	ret = request(FTALIAS_CMD_ALIAS_GET, sel, &replies);
	if (!ret && replies.n != 1)
		ret = error("alias-get: %zu replies, want one", replies.n);
	if (!ret) {
		*out = replies.v[0];
		replies.n = 0;	/* moved to *out */
	}
	ftnl_list_free(&replies);
	return ret;
}

int alias_resolve_id(const struct attr_vals *sel, bool by_id, uint32_t *id)
{
	struct attr_vals alias = { 0 };
	int ret = 0;

	if (by_id) {
		*id = sel->num[FTALIAS_A_ALIAS_ID];
		return 0;
	}
	if (alias_get(sel, &alias))
		return -1;
	if (attr_has(&alias, FTALIAS_A_ALIAS_ID))
		*id = alias.num[FTALIAS_A_ALIAS_ID];
	else
		ret = error("alias-get: no id in the reply");
	attr_vals_free(&alias);
	return ret;
}

int alias_dump(struct ftnl_list *l)
{
	alias_list_init(l);
	ftnl_set_attr_desc(alias_attrs, N_ALIAS_ATTRS);
	return ftnl_dump(FTALIAS_CMD_ALIAS_GET, NULL, 0, NULL, ftnl_list_add,
			 ftnl_list_reset, l);
}

/* 1 when alias @name is there, 0 when not, -1 (printed) if unknown. */
int alias_exists(const char *name)
{
	struct attr_vals sel = { 0 }, a = { 0 };
	int ret;

	if (ftnl_open())
		return -1;
	sel.str[FTALIAS_A_ALIAS_NAME] = (char *)name;
	sel.present = 1U << FTALIAS_A_ALIAS_NAME;
	ftnl_errno = 0;
	ftnl_quiet_errno = ENOENT;
	ret = alias_get(&sel, &a);
	ftnl_quiet_errno = 0;
	attr_vals_free(&a);
	if (!ret)
		return 1;
	return ftnl_errno == ENOENT ? 0 : -1;
}

static int alias_add(int argc, char **argv)
{
	struct attr_vals v = { 0 };
	struct ftnl_list replies;
	size_t i;
	int ret;

	alias_list_init(&replies);
	if (argc < 1) {
		error("alias add: NAME required");
		return usage_error();
	}
	if (attr_parse_arg(&alias_attrs[A_NAME], argv[0], &v))
		return EXIT_USAGE;
	ret = parse_keywords(argc - 1, argv + 1, add_kw, false, &v);
	if (ret)
		goto out;

	ret = EXIT_REFUSED;
	if (opts.exist) {
		/* There already (restored, say): it stays as it is. */
		switch (alias_exists(v.str[FTALIAS_A_ALIAS_NAME])) {
		case 1:
			ret = EXIT_OK;
			goto out;
		case -1:
			goto out;
		}
	}
	if (send_request(FTALIAS_CMD_ALIAS_NEW, &v, &replies))
		goto out;
	for (i = 0; i < replies.n; i++)
		alias_print(&replies.v[i]);
	ret = EXIT_OK;
out:
	ftnl_list_free(&replies);
	attr_vals_free(&v);
	return ret;
}

int alias_del_id(uint32_t id, bool moved)
{
	static const struct attr_desc del_attrs[] = {
		ATTR(FTALIAS_A_ALIAS_ID,	AK_U32),
		ATTR(FTALIAS_A_ALIAS_MOVED,	AK_FLAG),
	};
	struct attr_vals v = { 0 };
	struct nl_msg *msg;

	v.num[FTALIAS_A_ALIAS_ID] = id;
	v.num[FTALIAS_A_ALIAS_MOVED] = moved;
	v.present = 1U << FTALIAS_A_ALIAS_ID |
		    (uint32_t)moved << FTALIAS_A_ALIAS_MOVED;
	ftnl_set_attr_desc(del_attrs, 2);
	msg = ftnl_msg_new(FTALIAS_CMD_ALIAS_DEL, 0);
	if (!msg)
		return -1;
	if (ftnl_put_attrs(msg, del_attrs, 2, &v)) {
		nlmsg_free(msg);
		return -1;
	}
	return ftnl_do(msg, NULL, NULL);
}

static int alias_del(int argc, char **argv)
{
	struct attr_vals v = { 0 };
	int ret;

	ret = parse_only_selector(argc, argv, &v);
	if (ret)
		goto out;
	ret = send_request(FTALIAS_CMD_ALIAS_DEL, &v, NULL) ?
		EXIT_REFUSED : EXIT_OK;
out:
	attr_vals_free(&v);
	return ret;
}

static int alias_set(int argc, char **argv)
{
	struct attr_vals v = { 0 };
	uint32_t selector;
	bool by_id;
	int ret;

	ret = alias_parse_selector(&argc, &argv, &v, &by_id, alias_usage);
	if (ret)
		goto out;
	selector = v.present;
	ret = parse_keywords(argc, argv, set_kw, by_id, &v);
	if (ret)
		goto out;
	if (v.present == selector) {
		error("alias set: nothing to change");
		ret = usage_error();
		goto out;
	}
	ret = send_request(FTALIAS_CMD_ALIAS_SET, &v, NULL) ?
		EXIT_REFUSED : EXIT_OK;
out:
	attr_vals_free(&v);
	return ret;
}

static int alias_show(int argc, char **argv)
{
	struct attr_vals v = { 0 };
	struct ftnl_list replies;
	size_t i;
	int ret;

	alias_list_init(&replies);
	if (argc) {
		ret = parse_only_selector(argc, argv, &v);
		if (ret)
			goto out;
		ret = send_request(FTALIAS_CMD_ALIAS_GET, &v, &replies);
	} else {
		ret = ftnl_open();
		if (!ret)
			ret = alias_dump(&replies);
	}
	if (ret) {
		ret = EXIT_REFUSED;
		goto out;
	}

	open_json_array(NULL);
	for (i = 0; i < replies.n; i++)
		alias_print(&replies.v[i]);
	close_json_array();
	ret = EXIT_OK;
out:
	ftnl_list_free(&replies);
	attr_vals_free(&v);
	return ret;
}

int do_alias(int argc, char **argv)
{
	int verb = V_SHOW;

	if (argc > 0) {
		verb = kw_match(argv[0], verbs);
		if (verb < 0) {
			kw_error("alias command", argv[0], verbs, verb);
			return usage_error();
		}
		argc--;
		argv++;
	}

	if (opts.config && verb != V_SHOW && verb != V_HELP) {
		error("-config: only \"alias show\" prints a configuration");
		return EXIT_USAGE;
	}

	switch (verb) {
	case V_ADD:
		return alias_add(argc, argv);
	case V_DEL:
		return alias_del(argc, argv);
	case V_SET:
		return alias_set(argc, argv);
	case V_SHOW:
		return alias_show(argc, argv);
	case V_SAVE:
		return alias_save(argc, argv);
	case V_RESTORE:
		return alias_restore(argc, argv);
	default:
		alias_usage(stdout);
		return EXIT_OK;
	}
}
