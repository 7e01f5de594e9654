// SPDX-License-Identifier: GPL-2.0
/*
 * ftaliasctl alias { add | del | set | show }.  The command line is parsed
 * completely into a struct attr_vals before the socket is opened, so that
 * a usage error never sends anything.
 */

#include <stdlib.h>
#include <string.h>

#include <netlink/genl/genl.h>

#include "alias.h"
#include "nl.h"
#include "print.h"

/* Attribute-set "alias", in spec order: keywords, JSON keys, text order. */
static const struct attr_desc alias_attrs[] = {
	{ "id",			FTALIAS_A_ALIAS_ID,		  AK_U32 },
	{ "name",		FTALIAS_A_ALIAS_NAME,		  AK_STRING },
	{ "uid",		FTALIAS_A_ALIAS_UID,		  AK_U32 },
	{ "gid",		FTALIAS_A_ALIAS_GID,		  AK_U32 },
	{ "mode",		FTALIAS_A_ALIAS_MODE,		  AK_MODE },
	{ "policy",		FTALIAS_A_ALIAS_POLICY,		  AK_POLICY },
	{ "grace-ms",		FTALIAS_A_ALIAS_GRACE_MS,	  AK_U32 },
	{ "cache-max-entries",	FTALIAS_A_ALIAS_CACHE_MAX_ENTRIES, AK_U32 },
	{ "cache-max-bytes",	FTALIAS_A_ALIAS_CACHE_MAX_BYTES,  AK_U64 },
	{ "cache-ttl-ms",	FTALIAS_A_ALIAS_CACHE_TTL_MS,	  AK_U32 },
};

#define N_ALIAS_ATTRS (sizeof(alias_attrs) / sizeof(alias_attrs[0]))

enum {	/* indexes of alias_attrs[], the ids of the keyword tables */
	A_ID, A_NAME, A_UID, A_GID, A_MODE, A_POLICY, A_GRACE_MS,
	A_CACHE_MAX_ENTRIES, A_CACHE_MAX_BYTES, A_CACHE_TTL_MS,
};

static struct nla_policy alias_policy[FTALIAS_A_ALIAS_MAX + 1] = {
	[FTALIAS_A_ALIAS_ID]			= { .type = NLA_U32 },
	[FTALIAS_A_ALIAS_NAME]			= { .type = NLA_STRING },
	[FTALIAS_A_ALIAS_UID]			= { .type = NLA_U32 },
	[FTALIAS_A_ALIAS_GID]			= { .type = NLA_U32 },
	[FTALIAS_A_ALIAS_MODE]			= { .type = NLA_U32 },
	[FTALIAS_A_ALIAS_POLICY]		= { .type = NLA_U32 },
	[FTALIAS_A_ALIAS_GRACE_MS]		= { .type = NLA_U32 },
	[FTALIAS_A_ALIAS_CACHE_MAX_ENTRIES]	= { .type = NLA_U32 },
	[FTALIAS_A_ALIAS_CACHE_MAX_BYTES]	= { .type = NLA_U64 },
	[FTALIAS_A_ALIAS_CACHE_TTL_MS]		= { .type = NLA_U32 },
};

#define CFG_KEYWORDS					\
	{ "uid",		A_UID },		\
	{ "gid",		A_GID },		\
	{ "mode",		A_MODE },		\
	{ "policy",		A_POLICY },		\
	{ "grace-ms",		A_GRACE_MS },		\
	{ "cache-max-entries",	A_CACHE_MAX_ENTRIES },	\
	{ "cache-max-bytes",	A_CACHE_MAX_BYTES },	\
	{ "cache-ttl-ms",	A_CACHE_TTL_MS }

static const struct keyword add_kw[] = {
	{ "id", A_ID },
	CFG_KEYWORDS,
	{ NULL, 0 }
};

static const struct keyword set_kw[] = {
	{ "name", A_NAME },
	CFG_KEYWORDS,
	{ NULL, 0 }
};

enum { V_ADD, V_DEL, V_SET, V_SHOW, V_HELP };

static const struct keyword verbs[] = {
	{ "add",	V_ADD },
	{ "del",	V_DEL },
	{ "delete",	V_DEL },
	{ "set",	V_SET },
	{ "show",	V_SHOW },
	{ "list",	V_SHOW },
	{ "help",	V_HELP },
	{ NULL, 0 }
};

void alias_usage(FILE *f)
{
	fputs("Usage: ftaliasctl alias add NAME [ id ID ] [ ATTRS ]\n"
	      "       ftaliasctl alias del { NAME | id ID }\n"
	      "       ftaliasctl alias set { NAME | id ID [ name NEWNAME ] } ATTRS\n"
	      "       ftaliasctl alias [ show ] [ NAME | id ID ]\n"
	      "       ftaliasctl alias help\n"
	      "ATTRS := [ uid UID ] [ gid GID ] [ mode OCTAL ] [ policy { auto | manual } ]\n"
	      "         [ grace-ms MS ] [ cache-max-entries N ] [ cache-max-bytes BYTES ]\n"
	      "         [ cache-ttl-ms MS ]\n", f);
}

static int usage_error(void)
{
	alias_usage(stderr);
	return EXIT_USAGE;
}

int alias_parse_msg(struct nlmsghdr *nlh, struct attr_vals *v)
{
	return ftnl_parse_attrs(nlh, alias_policy, FTALIAS_A_ALIAS_MAX,
				alias_attrs, N_ALIAS_ATTRS, v);
}

void alias_print_attrs(const struct attr_vals *v)
{
	size_t i;

	print_string(PRINT_FP, NULL, "%s", "alias");
	if (attr_has(v, FTALIAS_A_ALIAS_NAME))
		print_string(PRINT_ANY, "name", " %s",
			     v->str[FTALIAS_A_ALIAS_NAME]);
	for (i = 0; i < N_ALIAS_ATTRS; i++)
		if (alias_attrs[i].type != FTALIAS_A_ALIAS_NAME)
			attr_print(&alias_attrs[i], v, " ");
}

/* Replies, collected first: a dump may have to be restarted. */
struct alias_list {
	struct attr_vals *v;
	size_t n;
	size_t cap;
};

static int collect_cb(struct nlmsghdr *nlh, void *arg)
{
	struct alias_list *l = arg;
	struct attr_vals *v;

	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 16;

		v = realloc(l->v, cap * sizeof(*v));
		if (!v)
			return error("out of memory");
		l->v = v;
		l->cap = cap;
	}
	v = &l->v[l->n];
	memset(v, 0, sizeof(*v));
	l->n++;
	return alias_parse_msg(nlh, v);
}

static void list_reset(void *arg)
{
	struct alias_list *l = arg;
	size_t i;

	for (i = 0; i < l->n; i++)
		attr_vals_free(&l->v[i]);
	l->n = 0;
}

static void list_free(struct alias_list *l)
{
	list_reset(l);
	free(l->v);
	l->v = NULL;
	l->cap = 0;
}

static void print_alias(const struct attr_vals *v)
{
	open_json_object(NULL);
	alias_print_attrs(v);
	close_json_object();
	print_nl();
}

/*
 * { NAME | id ID }: consumes one or two words of *argv.  Returns 0, or the
 * exit code of a usage error after printing it.
 */
static int parse_selector(int *argc, char ***argv, struct attr_vals *v,
			  bool *by_id)
{
	char **av = *argv;

	if (*argc < 1) {
		error("alias NAME or id ID required");
		return usage_error();
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

	ret = parse_selector(&argc, &argv, v, &by_id);
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

static int send_request(uint8_t cmd, const struct attr_vals *v,
			struct alias_list *replies)
{
	struct nl_msg *msg;

	if (ftnl_open())
		return -1;
	ftnl_set_attr_desc(alias_attrs, N_ALIAS_ATTRS);
	msg = ftnl_msg_new(cmd, 0);
	if (!msg)
		return -1;
	if (ftnl_put_attrs(msg, alias_attrs, N_ALIAS_ATTRS, v)) {
		nlmsg_free(msg);
		return -1;
	}
	return ftnl_do(msg, replies ? collect_cb : NULL, replies);
}

static int alias_add(int argc, char **argv)
{
	struct alias_list replies = { 0 };
	struct attr_vals v = { 0 };
	size_t i;
	int ret;

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
	if (send_request(FTALIAS_CMD_ALIAS_NEW, &v, &replies))
		goto out;
	for (i = 0; i < replies.n; i++)
		print_alias(&replies.v[i]);
	ret = EXIT_OK;
out:
	list_free(&replies);
	attr_vals_free(&v);
	return ret;
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

	ret = parse_selector(&argc, &argv, &v, &by_id);
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
	struct alias_list replies = { 0 };
	struct attr_vals v = { 0 };
	size_t i;
	int ret;

	if (argc) {
		ret = parse_only_selector(argc, argv, &v);
		if (ret)
			goto out;
		ret = send_request(FTALIAS_CMD_ALIAS_GET, &v, &replies);
	} else {
		ret = ftnl_open();
		if (!ret)
			ret = ftnl_dump(FTALIAS_CMD_ALIAS_GET, collect_cb,
					list_reset, &replies);
	}
	if (ret) {
		ret = EXIT_REFUSED;
		goto out;
	}

	open_json_array(NULL);
	for (i = 0; i < replies.n; i++)
		print_alias(&replies.v[i]);
	close_json_array();
	ret = EXIT_OK;
out:
	list_free(&replies);
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

	switch (verb) {
	case V_ADD:
		return alias_add(argc, argv);
	case V_DEL:
		return alias_del(argc, argv);
	case V_SET:
		return alias_set(argc, argv);
	case V_SHOW:
		return alias_show(argc, argv);
	default:
		alias_usage(stdout);
		return EXIT_OK;
	}
}
