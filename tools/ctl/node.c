// SPDX-License-Identifier: GPL-2.0
/*
 * ftaliasctl node [ show ]: the nodes of the cluster as this one knows
 * them (a dump of node-get), this node first.  Cluster mode must be on
 * (ftaliasctl cluster set enable): the kernel refuses the dump with
 * ENOTCONN, "cluster mode is off", otherwise.  Addresses are TIPC node
 * addresses, printed in text as tipc(8) prints them (8 hex digits, the
 * node's hash), boot ids as 16 hex digits; JSON has the attributes of the
 * spec, numbers, like cli.py.
 */

#include <inttypes.h>
#include <stdlib.h>

#include <netlink/genl/genl.h>

#include "nl.h"
#include "node.h"
#include "print.h"

/* Attribute-set "node", in spec order: JSON keys and text order. */
static const struct attr_desc node_attrs[] = {
	ATTR(FTALIAS_A_NODE_ADDR,	AK_TIPC_ADDR),
	ATTR(FTALIAS_A_NODE_STATE,	AK_NODE_STATE),
	ATTR(FTALIAS_A_NODE_LINKS,	AK_U32),
	ATTR(FTALIAS_A_NODE_PORT,	AK_U32),
	ATTR(FTALIAS_A_NODE_BOOT_ID,	AK_BOOT_ID),
	ATTR(FTALIAS_A_NODE_RESTARTS,	AK_U32),
	ATTR(FTALIAS_A_NODE_SINCE_MS,	AK_U64),
	ATTR(FTALIAS_A_NODE_SELF,	AK_FLAG),
};

#define N_NODE_ATTRS (sizeof(node_attrs) / sizeof(node_attrs[0]))

_Static_assert(FTALIAS_A_NODE_MAX < ATTR_SLOTS, "attr_vals too small");

void node_usage(FILE *f)
{
	fputs("Usage: ftaliasctl node [ show ]\n"
	      "       ftaliasctl node help\n"
	      "show needs cluster mode on (ftaliasctl cluster set enable);\n"
	      "'*' marks this node.\n", f);
}

int node_parse_msg(struct nlmsghdr *nlh, struct attr_vals *v)
{
	return ftnl_parse_attrs(nlh, ctl_node_policy, FTALIAS_A_NODE_MAX,
				node_attrs, N_NODE_ATTRS, v);
}

enum {
	COLS = 7,
	CELL_MAX = 32,		/* > "*" + 8 hex digits, a u64 */
};

static const char *const titles[COLS] = {
	"ADDR", "STATE", "LINKS", "PORT", "BOOT-ID", "RESTARTS", "SINCE-MS",
};

/* Left-aligned columns: ADDR, STATE, BOOT-ID. */
#define LEFT_COLS ((1U << 0) | (1U << 1) | (1U << 4))

/* A number in @fmt, or "-" when the attribute is absent. */
static void format_num(char *buf, const struct attr_vals *v,
		       unsigned int type, const char *fmt)
{
	if (attr_has(v, type))
		snprintf(buf, CELL_MAX, fmt, v->num[type]);
	else
		snprintf(buf, CELL_MAX, "-");
}

static void format_row(char (*cell)[CELL_MAX], const struct attr_vals *v)
{
	const char *s;

	/* this node is marked, the addresses stay aligned */
	if (attr_has(v, FTALIAS_A_NODE_ADDR))
		snprintf(cell[0], CELL_MAX, "%c%08" PRIx64,
			 attr_has(v, FTALIAS_A_NODE_SELF) ? '*' : ' ',
			 v->num[FTALIAS_A_NODE_ADDR]);
	else
		snprintf(cell[0], CELL_MAX, " -");
	s = attr_has(v, FTALIAS_A_NODE_STATE) ?
		node_state_name(v->num[FTALIAS_A_NODE_STATE]) : "-";
	if (s)
		snprintf(cell[1], CELL_MAX, "%s", s);
	else
		format_num(cell[1], v, FTALIAS_A_NODE_STATE, "%" PRIu64);
	format_num(cell[2], v, FTALIAS_A_NODE_LINKS, "%" PRIu64);
	format_num(cell[3], v, FTALIAS_A_NODE_PORT, "%" PRIu64);
	format_num(cell[4], v, FTALIAS_A_NODE_BOOT_ID, "%016" PRIx64);
	format_num(cell[5], v, FTALIAS_A_NODE_RESTARTS, "%" PRIu64);
	format_num(cell[6], v, FTALIAS_A_NODE_SINCE_MS, "%" PRIu64);
}

int node_print_list(const struct attr_vals *v, size_t n)
{
	char (*cells)[COLS][CELL_MAX];
	size_t i;

	if (is_json_context()) {
		attr_print_json_list(node_attrs, N_NODE_ATTRS, v, n);
		return 0;
	}
	if (!n)
		return 0;
	cells = calloc(n, sizeof(*cells));
	if (!cells)
		return error("out of memory");
	for (i = 0; i < n; i++)
		format_row(cells[i], &v[i]);
	print_text_table(titles, LEFT_COLS, COLS, cells[0][0], CELL_MAX, n);
	free(cells);
	return 0;
}

void node_print_ntf(const struct attr_vals *v)
{
	print_string(PRINT_FP, NULL, "%s", "node");
	attr_print_all(node_attrs, N_NODE_ATTRS, v, " ");
}

static int node_show(int argc, char **argv)
{
	struct ftnl_list nodes = { .parse = node_parse_msg };
	int ret = EXIT_REFUSED;

	if (argc) {
		error("unexpected argument \"%s\"", argv[0]);
		node_usage(stderr);
		return EXIT_USAGE;
	}

	if (ftnl_open())
		goto out;
	ftnl_set_attr_desc(NULL, 0);
	if (ftnl_dump(FTALIAS_CMD_NODE_GET, NULL, 0, NULL, ftnl_list_add,
		      ftnl_list_reset, &nodes))
		goto out;
	ret = node_print_list(nodes.v, nodes.n) ? EXIT_REFUSED : EXIT_OK;
out:
	ftnl_list_free(&nodes);
	return ret;
}

int do_node(int argc, char **argv)
{
	int verb = SHOW_VERB_SHOW;

	if (argc > 0) {
		verb = kw_match(argv[0], show_verbs);
		if (verb < 0) {
			kw_error("node command", argv[0], show_verbs, verb);
			node_usage(stderr);
			return EXIT_USAGE;
		}
		argc--;
		argv++;
	}

	switch (verb) {
	case SHOW_VERB_SHOW:
		return node_show(argc, argv);
	default:
		node_usage(stdout);
		return EXIT_OK;
	}
}
