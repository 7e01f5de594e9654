// SPDX-License-Identifier: GPL-2.0
/*
 * ftaliasctl member { show | set-active | set-priority | drain | undrain }:
 * the sockets bound to an alias (member-get, member-set).  An alias is
 * named by name or id on the command line; member-set and the dump filter
 * take its id, so a name is resolved with alias-get first.  Text output is
 * a table with the alias name (from alias-get); JSON has the attributes of
 * the spec only, like cli.py.  With cluster mode on, every member has its
 * node, and the dump lists after this node's members those other nodes
 * announced for their cluster aliases, with fewer attributes (no pid, no
 * queue-len, incarnation or counters): '-' in the table.
 */

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/genl/genl.h>

#include "alias.h"
#include "member.h"
#include "nl.h"
#include "print.h"

/* Attribute-set "member", in spec order: JSON keys and text order. */
static const struct attr_desc member_attrs[] = {
	ATTR(FTALIAS_A_MEMBER_ALIAS_ID,			AK_U32),
	ATTR(FTALIAS_A_MEMBER_PORT,			AK_U32),
	ATTR(FTALIAS_A_MEMBER_PID,			AK_U32),
	ATTR(FTALIAS_A_MEMBER_PRIORITY,			AK_U32),
	ATTR(FTALIAS_A_MEMBER_ROLE,			AK_ROLE),
	ATTR(FTALIAS_A_MEMBER_STATE,			AK_STATE),
	ATTR(FTALIAS_A_MEMBER_QUEUE_LEN,		AK_U32),
	ATTR(FTALIAS_A_MEMBER_INCARNATION,		AK_U32),
	ATTR_STATS(FTALIAS_A_MEMBER_DELIVERED,		AK_U64),
	ATTR_STATS(FTALIAS_A_MEMBER_REDELIVERED,	AK_U64),
	ATTR_STATS(FTALIAS_A_MEMBER_REPLIES,		AK_U64),
	ATTR(FTALIAS_A_MEMBER_NODE,			AK_TIPC_ADDR),
};

#define N_MEMBER_ATTRS (sizeof(member_attrs) / sizeof(member_attrs[0]))

enum {	/* indexes of member_attrs[] */
	M_ALIAS_ID, M_PORT, M_PID, M_PRIORITY, M_ROLE, M_STATE,
};

_Static_assert(FTALIAS_A_MEMBER_MAX < ATTR_SLOTS, "attr_vals too small");

enum { V_SHOW, V_SET_ACTIVE, V_SET_PRIORITY, V_DRAIN, V_UNDRAIN, V_HELP };

static const struct keyword verbs[] = {
	{ "show",		V_SHOW },
	{ "list",		V_SHOW },
	{ "set-active",		V_SET_ACTIVE },
	{ "set-priority",	V_SET_PRIORITY },
	{ "drain",		V_DRAIN },
	{ "undrain",		V_UNDRAIN },
	{ "help",		V_HELP },
	{ NULL, 0 }
};

void member_usage(FILE *f)
{
	fputs("Usage: ftaliasctl member [ show ] [ ALIAS ]\n"
	      "       ftaliasctl member set-active ALIAS PORT\n"
	      "       ftaliasctl member set-priority ALIAS PORT PRIORITY\n"
	      "       ftaliasctl member drain ALIAS PORT\n"
	      "       ftaliasctl member undrain ALIAS PORT\n"
	      "       ftaliasctl member help\n"
	      "ALIAS := { NAME | id ID }\n"
	      "With -s, show adds the counters of each member.  With cluster mode\n"
	      "on, it adds the node of each member (NODE, its TIPC address), and\n"
	      "lists the members other nodes have in cluster aliases ('-' for\n"
	      "their pid, queue length, incarnation and counters).\n", f);
}

static int usage_error(void)
{
	member_usage(stderr);
	return EXIT_USAGE;
}

int member_parse_msg(struct nlmsghdr *nlh, struct attr_vals *v)
{
	return ftnl_parse_attrs(nlh, ctl_member_policy, FTALIAS_A_MEMBER_MAX,
				member_attrs, N_MEMBER_ATTRS, v);
}

void member_print_attrs(const struct attr_vals *v)
{
	print_string(PRINT_FP, NULL, "%s", "member");
	attr_print_all(member_attrs, N_MEMBER_ATTRS, v, " ");
}

/* Columns of the text table; numbers are right-aligned. */
enum col_flags {
	COL_LEFT	= 1 << 0,	/* left-aligned: a name */
	COL_STATS	= 1 << 1,	/* a counter: only with -s */
	COL_NODE	= 1 << 2,	/* only when a member has a node */
};

static const struct column {
	const char *title;
	unsigned int type;	/* member attribute; 0: the alias name */
	unsigned int flags;
} columns[] = {
	{ "ALIAS",		0,				COL_LEFT },
	{ "PORT",		FTALIAS_A_MEMBER_PORT,		0 },
	{ "PID",		FTALIAS_A_MEMBER_PID,		0 },
	{ "PRIORITY",		FTALIAS_A_MEMBER_PRIORITY,	0 },
	{ "ROLE",		FTALIAS_A_MEMBER_ROLE,		COL_LEFT },
	{ "STATE",		FTALIAS_A_MEMBER_STATE,		COL_LEFT },
	{ "QUEUE-LEN",		FTALIAS_A_MEMBER_QUEUE_LEN,	0 },
	{ "INCARNATION",	FTALIAS_A_MEMBER_INCARNATION,	0 },
	{ "DELIVERED",		FTALIAS_A_MEMBER_DELIVERED,	COL_STATS },
	{ "REDELIVERED",	FTALIAS_A_MEMBER_REDELIVERED,	COL_STATS },
	{ "REPLIES",		FTALIAS_A_MEMBER_REPLIES,	COL_STATS },
	{ "NODE",		FTALIAS_A_MEMBER_NODE,		COL_LEFT | COL_NODE },
};

enum {
	N_COLUMNS = sizeof(columns) / sizeof(columns[0]),
	CELL_MAX = 40,		/* > an alias name, a u64, "#" + a u32 */
};

struct alias_name {
	uint32_t id;
	const char *name;
};

static int cmp_alias_name(const void *a, const void *b)
{
	const struct alias_name *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

/* The text of the cell of column @c for member @v. */
static void format_cell(char *buf, const struct column *c,
			const struct attr_vals *v,
			const struct alias_name *names, size_t n_names)
{
	struct alias_name key, *found;
	uint64_t num = v->num[c->type];
	const char *s;

	if (!c->type) {
		if (!attr_has(v, FTALIAS_A_MEMBER_ALIAS_ID)) {
			snprintf(buf, CELL_MAX, "-");
			return;
		}
		key.id = v->num[FTALIAS_A_MEMBER_ALIAS_ID];
		found = n_names ? bsearch(&key, names, n_names, sizeof(*names),
					  cmp_alias_name) : NULL;
		/* deleted since: '#' is not a character of names */
		if (found && found->name)
			snprintf(buf, CELL_MAX, "%s", found->name);
		else
			snprintf(buf, CELL_MAX, "#%" PRIu32, key.id);
		return;
	}
	if (!attr_has(v, c->type)) {
		snprintf(buf, CELL_MAX, "-");
		return;
	}
	switch (c->type) {
	case FTALIAS_A_MEMBER_ROLE:
		s = role_name(num);
		break;
	case FTALIAS_A_MEMBER_NODE:
		/* as node show prints addresses */
		snprintf(buf, CELL_MAX, "%08" PRIx64, num);
		return;
	case FTALIAS_A_MEMBER_STATE:
		/* the active member is marked, the names stay aligned */
		s = state_name(num);
		if (s)
			snprintf(buf, CELL_MAX, "%c%s",
				 num == FTALIAS_MEMBER_STATE_ACTIVE ? '*' : ' ',
				 s);
		else
			snprintf(buf, CELL_MAX, " %" PRIu64, num);
		return;
	default:
		s = NULL;
		break;
	}
	if (s)
		snprintf(buf, CELL_MAX, "%s", s);
	else
		snprintf(buf, CELL_MAX, "%" PRIu64, num);
}

/* The columns printed: counters with -s, NODE when a member has a node. */
static bool column_shown(const struct column *c, bool has_node)
{
	if ((c->flags & COL_STATS) && !opts.stats)
		return false;
	return !(c->flags & COL_NODE) || has_node;
}

static int print_table(const struct attr_vals *m, size_t n,
		       const struct alias_name *names, size_t n_names)
{
	char (*cells)[N_COLUMNS][CELL_MAX];
	size_t width[N_COLUMNS];
	const struct column *c;
	size_t i, j, last = 0;
	bool has_node = false;

	if (!n)
		return 0;
	cells = calloc(n, sizeof(*cells));
	if (!cells)
		return error("out of memory");
	for (i = 0; i < n; i++)
		has_node |= attr_has(&m[i], FTALIAS_A_MEMBER_NODE);
	for (j = 0; j < N_COLUMNS; j++) {
		c = &columns[j];
		if (!column_shown(c, has_node))
			continue;
		last = j;
		width[j] = strlen(c->title);
		for (i = 0; i < n; i++) {
			format_cell(cells[i][j], c, &m[i], names, n_names);
			if (strlen(cells[i][j]) > width[j])
				width[j] = strlen(cells[i][j]);
		}
	}
	for (i = 0; i <= n; i++) {	/* line 0: the titles */
		for (j = 0; j <= last; j++) {
			const char *s = i ? cells[i - 1][j] : columns[j].title;

			c = &columns[j];
			if (!column_shown(c, has_node))
				continue;
			if (j)
				fputs("  ", stdout);
			if (!(c->flags & COL_LEFT))
				printf("%*s", (int)width[j], s);
			else if (j == last)
				fputs(s, stdout);
			else
				printf("%-*s", (int)width[j], s);
		}
		putchar('\n');
	}
	free(cells);
	return 0;
}

int member_print_list(const struct attr_vals *m, size_t n,
		      const struct attr_vals *aliases, size_t n_aliases)
{
	struct alias_name *names = NULL;
	size_t i;
	int ret;

	if (is_json_context()) {
		attr_print_json_list(member_attrs, N_MEMBER_ATTRS, m, n);
		return 0;
	}

	if (n_aliases) {
		names = calloc(n_aliases, sizeof(*names));
		if (!names)
			return error("out of memory");
		for (i = 0; i < n_aliases; i++) {
			names[i].id = aliases[i].num[FTALIAS_A_ALIAS_ID];
			names[i].name = aliases[i].str[FTALIAS_A_ALIAS_NAME];
		}
		qsort(names, n_aliases, sizeof(*names), cmp_alias_name);
	}
	ret = print_table(m, n, names, n_aliases);
	free(names);
	return ret;
}

static int member_show(int argc, char **argv)
{
	struct attr_vals sel = { 0 }, alias = { 0 }, filter = { 0 };
	struct ftnl_list members = { .parse = member_parse_msg };
	struct ftnl_list aliases = { 0 };
	bool by_id;
	int ret;

	if (argc) {
		ret = alias_parse_selector(&argc, &argv, &sel, &by_id,
					   member_usage);
		if (ret)
			goto out;
		if (argc) {
			error("unexpected argument \"%s\"", argv[0]);
			ret = usage_error();
			goto out;
		}
	}

	ret = EXIT_REFUSED;
	if (ftnl_open())
		goto out;
	if (sel.present) {
		if (alias_get(&sel, &alias))
			goto out;
		if (!attr_has(&alias, FTALIAS_A_ALIAS_ID)) {
			error("alias-get: no id in the reply");
			goto out;
		}
		filter.num[FTALIAS_A_MEMBER_ALIAS_ID] =
			alias.num[FTALIAS_A_ALIAS_ID];
		filter.present = 1U << FTALIAS_A_MEMBER_ALIAS_ID;
	}
	ftnl_set_attr_desc(member_attrs, N_MEMBER_ATTRS);
	if (ftnl_dump(FTALIAS_CMD_MEMBER_GET, member_attrs, N_MEMBER_ATTRS,
		      sel.present ? &filter : NULL, ftnl_list_add,
		      ftnl_list_reset, &members))
		goto out;
	/* After the members: the alias of each listed member existed. */
	if (!sel.present && !is_json_context() && members.n &&
	    alias_dump(&aliases))
		goto out;

	if (sel.present)
		ret = member_print_list(members.v, members.n, &alias, 1);
	else
		ret = member_print_list(members.v, members.n, aliases.v,
					aliases.n);
	ret = ret ? EXIT_REFUSED : EXIT_OK;
out:
	ftnl_list_free(&members);
	ftnl_list_free(&aliases);
	attr_vals_free(&sel);
	attr_vals_free(&alias);
	return ret;
}

static const char *const verb_names[] = {
	[V_SET_ACTIVE]		= "set-active",
	[V_SET_PRIORITY]	= "set-priority",
	[V_DRAIN]		= "drain",
	[V_UNDRAIN]		= "undrain",
};

/* member-set: ALIAS PORT [PRIORITY]; the state follows from the verb. */
static int member_set(int verb, int argc, char **argv)
{
	struct attr_vals sel = { 0 }, alias = { 0 }, req = { 0 };
	const char *state = NULL;
	struct nl_msg *msg;
	bool by_id;
	int ret;

	ret = alias_parse_selector(&argc, &argv, &sel, &by_id, member_usage);
	if (ret)
		goto out;
	ret = EXIT_USAGE;
	if (argc < 1) {
		error("member %s: PORT required", verb_names[verb]);
		ret = usage_error();
		goto out;
	}
	if (attr_parse_arg(&member_attrs[M_PORT], argv[0], &req))
		goto out;
	argc--;
	argv++;
	switch (verb) {
	case V_SET_PRIORITY:
		if (argc < 1) {
			error("member set-priority: PRIORITY required");
			ret = usage_error();
			goto out;
		}
		if (attr_parse_arg(&member_attrs[M_PRIORITY], argv[0], &req))
			goto out;
		argc--;
		argv++;
		break;
	case V_SET_ACTIVE:
		state = "active";
		break;
	case V_DRAIN:
		state = "draining";
		break;
	case V_UNDRAIN:
		state = "backup";
		break;
	}
	if (argc) {
		error("unexpected argument \"%s\"", argv[0]);
		ret = usage_error();
		goto out;
	}
	if (state && attr_parse_arg(&member_attrs[M_STATE], state, &req))
		goto out;

	ret = EXIT_REFUSED;
	if (ftnl_open())
		goto out;
	if (!by_id) {
		if (alias_get(&sel, &alias))
			goto out;
		sel.num[FTALIAS_A_ALIAS_ID] = alias.num[FTALIAS_A_ALIAS_ID];
	}
	req.num[FTALIAS_A_MEMBER_ALIAS_ID] = sel.num[FTALIAS_A_ALIAS_ID];
	req.present |= 1U << FTALIAS_A_MEMBER_ALIAS_ID;

	ftnl_set_attr_desc(member_attrs, N_MEMBER_ATTRS);
	msg = ftnl_msg_new(FTALIAS_CMD_MEMBER_SET, 0);
	if (!msg)
		goto out;
	if (ftnl_put_attrs(msg, member_attrs, N_MEMBER_ATTRS, &req)) {
		nlmsg_free(msg);
		goto out;
	}
	if (ftnl_do(msg, NULL, NULL))
		goto out;
	ret = EXIT_OK;
out:
	attr_vals_free(&sel);
	attr_vals_free(&alias);
	attr_vals_free(&req);
	return ret;
}

int do_member(int argc, char **argv)
{
	int verb = V_SHOW;

	if (argc > 0) {
		verb = kw_match(argv[0], verbs);
		if (verb < 0) {
			kw_error("member command", argv[0], verbs, verb);
			return usage_error();
		}
		argc--;
		argv++;
	}

	switch (verb) {
	case V_SHOW:
		return member_show(argc, argv);
	case V_HELP:
		member_usage(stdout);
		return EXIT_OK;
	default:
		return member_set(verb, argc, argv);
	}
}
