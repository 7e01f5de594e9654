// SPDX-License-Identifier: GPL-2.0
/*
 * ftaliasctl conn { show | drop }: the SOCK_SEQPACKET connection table of
 * the network namespace (conn-get, conn-drop), the seed's connection
 * management table: per connection the local end, the peer, the identity
 * the peer connected with, and the establishment time in seconds and
 * microseconds with the table's counter.  Both need CAP_NET_ADMIN (the
 * kernel checks).  Text output is a table with alias names (from
 * alias-get), dates and the peer's node in hex, as node show prints TIPC
 * addresses; JSON has the attributes of the spec only, like cli.py.
 */

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <netlink/genl/genl.h>

#include "alias.h"
#include "conn.h"
#include "nl.h"
#include "print.h"

/* Attribute-set "conn", in spec order: JSON keys. */
static const struct attr_desc conn_attrs[] = {
	ATTR(FTALIAS_A_CONN_ID,			AK_U32),
	ATTR(FTALIAS_A_CONN_SEQ,		AK_U64),
	ATTR(FTALIAS_A_CONN_STATE,		AK_CONN_STATE),
	ATTR(FTALIAS_A_CONN_EST_SEC,		AK_U64),
	ATTR(FTALIAS_A_CONN_EST_USEC,		AK_U32),
	ATTR(FTALIAS_A_CONN_LOCAL_ALIAS,	AK_U32),
	ATTR(FTALIAS_A_CONN_LISTEN_PORT,	AK_U32),
	ATTR(FTALIAS_A_CONN_LOCAL_PORT,		AK_U32),
	ATTR(FTALIAS_A_CONN_LOCAL_PID,		AK_U32),
	ATTR(FTALIAS_A_CONN_LOCAL_QUEUE,	AK_U32),
	ATTR(FTALIAS_A_CONN_PEER_PORT,		AK_U32),
	ATTR(FTALIAS_A_CONN_PEER_PID,		AK_U32),
	ATTR(FTALIAS_A_CONN_PEER_QUEUE,		AK_U32),
	ATTR(FTALIAS_A_CONN_PEER_NODE,		AK_TIPC_ADDR),
	ATTR(FTALIAS_A_CONN_PEER_ALIAS,		AK_U32),
	ATTR(FTALIAS_A_CONN_PEER_LISTEN_PORT,	AK_U32),
	ATTR(FTALIAS_A_CONN_PEER_NAME,		AK_STRING),
	ATTR(FTALIAS_A_CONN_REASON,		AK_CONN_REASON),
	ATTR(FTALIAS_A_CONN_NEW_ID,		AK_U32),
	ATTR(FTALIAS_A_CONN_NEW_SEQ,		AK_U64),
	ATTR(FTALIAS_A_CONN_NEW_EST_SEC,	AK_U64),
	ATTR(FTALIAS_A_CONN_NEW_EST_USEC,	AK_U32),
	ATTR(FTALIAS_A_CONN_NEW_PEER_PORT,	AK_U32),
	ATTR(FTALIAS_A_CONN_NEW_PEER_PID,	AK_U32),
};

#define N_CONN_ATTRS (sizeof(conn_attrs) / sizeof(conn_attrs[0]))

enum {	/* indexes of conn_attrs[] */
	C_ID, C_SEQ, C_STATE, C_EST_SEC, C_EST_USEC, C_LOCAL_ALIAS,
	C_LISTEN_PORT, C_LOCAL_PORT, C_LOCAL_PID, C_LOCAL_QUEUE, C_PEER_PORT,
	C_PEER_PID, C_PEER_QUEUE, C_PEER_NODE, C_PEER_ALIAS,
	C_PEER_LISTEN_PORT, C_PEER_NAME, C_REASON,
};

_Static_assert(FTALIAS_A_CONN_MAX < ATTR_SLOTS, "attr_vals too small");

enum { V_SHOW, V_DROP, V_HELP };

static const struct keyword verbs[] = {
	{ "show",	V_SHOW },
	{ "list",	V_SHOW },
	{ "drop",	V_DROP },
	{ "help",	V_HELP },
	{ NULL, 0 }
};

enum { K_ID, K_ALIAS };

static const struct keyword show_kw[] = {
	{ "id",		K_ID },
	{ "alias",	K_ALIAS },
	{ NULL, 0 }
};

void conn_usage(FILE *f)
{
	fputs("Usage: ftaliasctl conn [ show ] [ id ID | alias ALIAS ]\n"
	      "       ftaliasctl conn drop ID\n"
	      "       ftaliasctl conn help\n"
	      "ALIAS := { NAME | id ID }\n"
	      "show and drop need CAP_NET_ADMIN.  show's IDENTITY is NODE:ALIAS or\n"
	      "NODE:port PORT, NODE the peer's TIPC node address in hex, as node\n"
	      "show prints it (00000000: this node).\n", f);
}

static int usage_error(void)
{
	conn_usage(stderr);
	return EXIT_USAGE;
}

int conn_parse_msg(struct nlmsghdr *nlh, struct attr_vals *v)
{
	return ftnl_parse_attrs(nlh, ctl_conn_policy, FTALIAS_A_CONN_MAX,
				conn_attrs, N_CONN_ATTRS, v);
}

void conn_format_time(char *buf, uint64_t sec, uint64_t usec)
{
	time_t t = (time_t)sec;
	struct tm tm;
	size_t len;

	if ((uint64_t)t != sec || t < 0 || !localtime_r(&t, &tm) ||
	    !(len = strftime(buf, CONN_TIME_MAX, "%Y-%m-%d %H:%M:%S", &tm))) {
		snprintf(buf, CONN_TIME_MAX, "%" PRIu64, sec);
		return;
	}
	snprintf(buf + len, CONN_TIME_MAX - len, ".%06" PRIu64, usec);
}

/* The name of alias @id from the alias-get replies, NULL if not listed. */
static const char *alias_name_of(const struct attr_vals *aliases, size_t n,
				 uint64_t id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (attr_has(&aliases[i], FTALIAS_A_ALIAS_ID) &&
		    aliases[i].num[FTALIAS_A_ALIAS_ID] == id)
			return aliases[i].str[FTALIAS_A_ALIAS_NAME];
	return NULL;
}

enum {
	COLS = 14,
	CELL_MAX = 64,		/* > 8 hex digits, ':' and an alias name, a date */
};

static const char *const titles[COLS] = {
	"ID", "LOCAL", "LISTEN", "PORT", "PID", "PEER-PORT", "PEER-PID",
	"IDENTITY", "NAME", "ESTABLISHED", "SEC.USEC", "SEQ", "STATE",
	"QUEUE",
};

/* Left-aligned columns: LOCAL, IDENTITY, NAME, ESTABLISHED, STATE. */
#define LEFT_COLS ((1U << 1) | (1U << 7) | (1U << 8) | (1U << 9) | (1U << 12))

/* A number, or "-" when the attribute is absent. */
static void format_num(char *buf, const struct attr_vals *v,
		       unsigned int type)
{
	if (attr_has(v, type))
		snprintf(buf, CELL_MAX, "%" PRIu64, v->num[type]);
	else
		snprintf(buf, CELL_MAX, "-");
}

/* An alias by name, "#ID" when it is not listed (deleted since). */
static void format_alias(char *buf, size_t size, uint64_t id,
			 const struct attr_vals *aliases, size_t n_aliases)
{
	const char *name = alias_name_of(aliases, n_aliases, id);

	if (name)
		snprintf(buf, size, "%s", name);
	else
		snprintf(buf, size, "#%" PRIu64, id);
}

static void format_row(char (*cell)[CELL_MAX], const struct attr_vals *v,
		       const struct attr_vals *aliases, size_t n_aliases)
{
	char name[CELL_MAX - 16];
	const char *s;

	format_num(cell[0], v, FTALIAS_A_CONN_ID);
	/* the local end: the alias connected to, or the listener's port */
	if (v->num[FTALIAS_A_CONN_LOCAL_ALIAS])
		format_alias(cell[1], CELL_MAX,
			     v->num[FTALIAS_A_CONN_LOCAL_ALIAS], aliases,
			     n_aliases);
	else
		snprintf(cell[1], CELL_MAX, "port %" PRIu64,
			 v->num[FTALIAS_A_CONN_LISTEN_PORT]);
	format_num(cell[2], v, FTALIAS_A_CONN_LISTEN_PORT);
	format_num(cell[3], v, FTALIAS_A_CONN_LOCAL_PORT);
	format_num(cell[4], v, FTALIAS_A_CONN_LOCAL_PID);
	format_num(cell[5], v, FTALIAS_A_CONN_PEER_PORT);
	format_num(cell[6], v, FTALIAS_A_CONN_PEER_PID);
	/* the identity: NODE:ALIAS, or NODE:port PORT without an alias */
	if (v->num[FTALIAS_A_CONN_PEER_ALIAS]) {
		format_alias(name, sizeof(name),
			     v->num[FTALIAS_A_CONN_PEER_ALIAS], aliases,
			     n_aliases);
		snprintf(cell[7], CELL_MAX, "%08" PRIx64 ":%s",
			 v->num[FTALIAS_A_CONN_PEER_NODE], name);
	} else {
		snprintf(cell[7], CELL_MAX, "%08" PRIx64 ":port %" PRIu64,
			 v->num[FTALIAS_A_CONN_PEER_NODE],
			 v->num[FTALIAS_A_CONN_PEER_LISTEN_PORT]);
	}
	s = v->str[FTALIAS_A_CONN_PEER_NAME];
	snprintf(cell[8], CELL_MAX, "%s", s && *s ? s : "-");
	conn_format_time(cell[9], v->num[FTALIAS_A_CONN_EST_SEC],
			 v->num[FTALIAS_A_CONN_EST_USEC]);
	snprintf(cell[10], CELL_MAX, "%" PRIu64 ".%06" PRIu64,
		 v->num[FTALIAS_A_CONN_EST_SEC],
		 v->num[FTALIAS_A_CONN_EST_USEC]);
	format_num(cell[11], v, FTALIAS_A_CONN_SEQ);
	s = attr_has(v, FTALIAS_A_CONN_STATE) ?
		conn_state_name(v->num[FTALIAS_A_CONN_STATE]) : "-";
	if (s)
		snprintf(cell[12], CELL_MAX, "%s", s);
	else
		format_num(cell[12], v, FTALIAS_A_CONN_STATE);
	snprintf(cell[13], CELL_MAX, "%" PRIu64 "/%" PRIu64,
		 v->num[FTALIAS_A_CONN_LOCAL_QUEUE],
		 v->num[FTALIAS_A_CONN_PEER_QUEUE]);
}

int conn_print_list(const struct attr_vals *c, size_t n,
		    const struct attr_vals *aliases, size_t n_aliases)
{
	char (*cells)[COLS][CELL_MAX];
	size_t i;

	if (is_json_context()) {
		attr_print_json_list(conn_attrs, N_CONN_ATTRS, c, n);
		return 0;
	}
	if (!n)
		return 0;
	cells = calloc(n, sizeof(*cells));
	if (!cells)
		return error("out of memory");
	for (i = 0; i < n; i++)
		format_row(cells[i], &c[i], aliases, n_aliases);
	print_text_table(titles, LEFT_COLS, COLS, cells[0][0], CELL_MAX, n);
	free(cells);
	return 0;
}

/* " est DATE (SEC.USEC)" of the time in the attributes @sec, @usec. */
static void print_est(const struct attr_vals *v, unsigned int sec,
		      unsigned int usec)
{
	char buf[CONN_TIME_MAX];

	if (!attr_has(v, sec))
		return;
	conn_format_time(buf, v->num[sec], v->num[usec]);
	print_string(PRINT_FP, NULL, " est %s", buf);
	snprintf(buf, sizeof(buf), "%" PRIu64 ".%06" PRIu64, v->num[sec],
		 v->num[usec]);
	print_string(PRINT_FP, NULL, " (%s)", buf);
}

void conn_print_ntf(const struct attr_vals *v)
{
	const struct attr_desc *d;
	const char *s;

	if (is_json_context()) {
		for (d = conn_attrs; d < conn_attrs + N_CONN_ATTRS; d++)
			attr_print(d, v, "");
		return;
	}
	s = conn_reason_name(v->num[FTALIAS_A_CONN_REASON]);
	if (s)
		print_string(PRINT_FP, NULL, "%s conn", s);
	else
		print_u64(PRINT_FP, NULL, "reason %" PRIu64 " conn",
			  v->num[FTALIAS_A_CONN_REASON]);
	attr_print(&conn_attrs[C_ID], v, " ");
	attr_print(&conn_attrs[C_SEQ], v, " ");
	print_est(v, FTALIAS_A_CONN_EST_SEC, FTALIAS_A_CONN_EST_USEC);
	attr_print(&conn_attrs[C_STATE], v, " ");
	for (d = &conn_attrs[C_LOCAL_ALIAS]; d <= &conn_attrs[C_PEER_NAME]; d++)
		attr_print(d, v, " ");
	if (!attr_has(v, FTALIAS_A_CONN_NEW_ID))
		return;
	print_u64(PRINT_FP, NULL, " replaced by id %" PRIu64,
		  v->num[FTALIAS_A_CONN_NEW_ID]);
	if (attr_has(v, FTALIAS_A_CONN_NEW_SEQ))
		print_u64(PRINT_FP, NULL, " seq %" PRIu64,
			  v->num[FTALIAS_A_CONN_NEW_SEQ]);
	print_est(v, FTALIAS_A_CONN_NEW_EST_SEC, FTALIAS_A_CONN_NEW_EST_USEC);
	if (attr_has(v, FTALIAS_A_CONN_NEW_PEER_PORT))
		print_u64(PRINT_FP, NULL, " peer-port %" PRIu64,
			  v->num[FTALIAS_A_CONN_NEW_PEER_PORT]);
	if (attr_has(v, FTALIAS_A_CONN_NEW_PEER_PID))
		print_u64(PRINT_FP, NULL, " peer-pid %" PRIu64,
			  v->num[FTALIAS_A_CONN_NEW_PEER_PID]);
}

/* The request of conn-get or conn-drop for the connection @id. */
static struct nl_msg *id_request(uint8_t cmd, const struct attr_vals *req)
{
	struct nl_msg *msg;

	ftnl_set_attr_desc(conn_attrs, N_CONN_ATTRS);
	msg = ftnl_msg_new(cmd, 0);
	if (!msg)
		return NULL;
	if (ftnl_put_attrs(msg, &conn_attrs[C_ID], 1, req)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

static int conn_show(int argc, char **argv)
{
	struct attr_vals req = { 0 }, sel = { 0 }, alias = { 0 };
	struct ftnl_list conns = { .parse = conn_parse_msg };
	struct ftnl_list aliases = { 0 };
	struct nl_msg *msg;
	bool by_id;
	int ret, k;

	if (argc) {
		k = kw_match(argv[0], show_kw);
		if (k < 0) {
			kw_error("keyword", argv[0], show_kw, k);
			return usage_error();
		}
		argc--;
		argv++;
		if (k == K_ID) {
			if (!argc) {
				error("keyword \"id\" needs an argument");
				return usage_error();
			}
			if (attr_parse_arg(&conn_attrs[C_ID], argv[0], &req))
				return EXIT_USAGE;
			argc--;
			argv++;
		} else {
			ret = alias_parse_selector(&argc, &argv, &sel, &by_id,
						   conn_usage);
			if (ret)
				goto out;
		}
		if (argc) {
			error("unexpected argument \"%s\"", argv[0]);
			ret = usage_error();
			goto out;
		}
	}

	ret = EXIT_REFUSED;
	if (ftnl_open())
		goto out;
	if (req.present) {
		msg = id_request(FTALIAS_CMD_CONN_GET, &req);
		if (!msg || ftnl_do(msg, ftnl_list_add, &conns))
			goto out;
	} else {
		if (sel.present) {
			if (alias_get(&sel, &alias))
				goto out;
			if (!attr_has(&alias, FTALIAS_A_ALIAS_ID)) {
				error("alias-get: no id in the reply");
				goto out;
			}
			req.num[FTALIAS_A_CONN_LOCAL_ALIAS] =
				alias.num[FTALIAS_A_ALIAS_ID];
			req.present = 1U << FTALIAS_A_CONN_LOCAL_ALIAS;
		}
		ftnl_set_attr_desc(conn_attrs, N_CONN_ATTRS);
		if (ftnl_dump(FTALIAS_CMD_CONN_GET, conn_attrs, N_CONN_ATTRS,
			      sel.present ? &req : NULL, ftnl_list_add,
			      ftnl_list_reset, &conns))
			goto out;
	}
	/* After the connections: their aliases existed. */
	if (!is_json_context() && conns.n && alias_dump(&aliases))
		goto out;

	ret = conn_print_list(conns.v, conns.n, aliases.v, aliases.n) ?
		EXIT_REFUSED : EXIT_OK;
out:
	ftnl_list_free(&conns);
	ftnl_list_free(&aliases);
	attr_vals_free(&req);
	attr_vals_free(&sel);
	attr_vals_free(&alias);
	return ret;
}

static int conn_drop(int argc, char **argv)
{
	struct attr_vals req = { 0 };
	struct nl_msg *msg;

	if (argc < 1) {
		error("conn drop: ID required");
		return usage_error();
	}
	if (attr_parse_arg(&conn_attrs[C_ID], argv[0], &req))
		return EXIT_USAGE;
	if (argc > 1) {
		error("unexpected argument \"%s\"", argv[1]);
		return usage_error();
	}

	if (ftnl_open())
		return EXIT_REFUSED;
	msg = id_request(FTALIAS_CMD_CONN_DROP, &req);
	if (!msg || ftnl_do(msg, NULL, NULL))
		return EXIT_REFUSED;
	return EXIT_OK;
}

int do_conn(int argc, char **argv)
{
	int verb = V_SHOW;

	if (argc > 0) {
		verb = kw_match(argv[0], verbs);
		if (verb < 0) {
			kw_error("conn command", argv[0], verbs, verb);
			return usage_error();
		}
		argc--;
		argv++;
	}

	switch (verb) {
	case V_SHOW:
		return conn_show(argc, argv);
	case V_DROP:
		return conn_drop(argc, argv);
	default:
		conn_usage(stdout);
		return EXIT_OK;
	}
}
