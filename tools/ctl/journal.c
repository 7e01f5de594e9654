// SPDX-License-Identifier: GPL-2.0
/*
 * ftaliasctl journal show: the relay journal of an alias (journal-get),
 * the requests its members made to other aliases while serving requests
 * that are still in progress.  Needs CAP_NET_ADMIN.
 */

#include <inttypes.h>
#include <stdlib.h>

#include <netlink/genl/genl.h>

#include "alias.h"
#include "cache.h"
#include "journal.h"
#include "nl.h"
#include "print.h"

/* Attribute-set "journal-rec", in spec order: JSON keys. */
static const struct attr_desc rec_attrs[] = {
	ATTR(FTALIAS_A_JOURNAL_REC_ALIAS_ID,	AK_U32),
	{ .name = "parent", .type = FTALIAS_A_JOURNAL_REC_PARENT,
	  .kind = AK_NEST, .nest = &id_nest },
	{ .name = "id", .type = FTALIAS_A_JOURNAL_REC_ID, .kind = AK_NEST,
	  .nest = &id_nest },
	ATTR(FTALIAS_A_JOURNAL_REC_DEST_ALIAS,	AK_U32),
	ATTR(FTALIAS_A_JOURNAL_REC_REPLIED,	AK_U8),
	ATTR(FTALIAS_A_JOURNAL_REC_SIZE,	AK_U32),
};

#define N_REC_ATTRS (sizeof(rec_attrs) / sizeof(rec_attrs[0]))

_Static_assert(FTALIAS_A_JOURNAL_REC_MAX < ATTR_SLOTS, "attr_vals too small");

void journal_usage(FILE *f)
{
	fputs("Usage: ftaliasctl journal [ show ] ALIAS\n"
	      "       ftaliasctl journal help\n"
	      "ALIAS := { NAME | id ID }\n"
	      "show needs CAP_NET_ADMIN.\n", f);
}

static int usage_error(void)
{
	journal_usage(stderr);
	return EXIT_USAGE;
}

int journal_parse_msg(struct nlmsghdr *nlh, struct attr_vals *v)
{
	return ftnl_parse_attrs(nlh, ctl_journal_rec_policy, FTALIAS_A_JOURNAL_REC_MAX,
				rec_attrs, N_REC_ATTRS, v);
}

enum { REC_COLS = 5, CELL_MAX = ID_TEXT_MAX };

static const char *const rec_titles[REC_COLS] = {
	"PARENT", "ID", "DEST-ALIAS", "REPLIED", "SIZE",
};

static void format_num(char *buf, const struct attr_vals *v,
		       unsigned int type)
{
	if (attr_has(v, type))
		snprintf(buf, CELL_MAX, "%" PRIu64, v->num[type]);
	else
		snprintf(buf, CELL_MAX, "-");
}

void journal_print_list(const struct attr_vals *r, size_t n)
{
	char (*cells)[REC_COLS][CELL_MAX];
	size_t i;

	if (is_json_context()) {
		attr_print_json_list(rec_attrs, N_REC_ATTRS, r, n);
		return;
	}
	if (!n)
		return;
	cells = calloc(n, sizeof(*cells));
	if (!cells) {
		error("out of memory");
		return;
	}
	for (i = 0; i < n; i++) {
		format_id(cells[i][0], &r[i], FTALIAS_A_JOURNAL_REC_PARENT);
		format_id(cells[i][1], &r[i], FTALIAS_A_JOURNAL_REC_ID);
		format_num(cells[i][2], &r[i], FTALIAS_A_JOURNAL_REC_DEST_ALIAS);
		if (attr_has(&r[i], FTALIAS_A_JOURNAL_REC_REPLIED))
			snprintf(cells[i][3], CELL_MAX, "%s",
				 r[i].num[FTALIAS_A_JOURNAL_REC_REPLIED] ?
				 "yes" : "no");
		else
			snprintf(cells[i][3], CELL_MAX, "-");
		format_num(cells[i][4], &r[i], FTALIAS_A_JOURNAL_REC_SIZE);
	}
	/* PARENT, ID and REPLIED left-aligned */
	print_text_table(rec_titles, 0xb, REC_COLS, cells[0][0], CELL_MAX, n);
	free(cells);
}

static int journal_show(int argc, char **argv)
{
	struct ftnl_list recs = { .parse = journal_parse_msg };
	struct attr_vals sel = { 0 }, filter = { 0 };
	uint32_t id;
	bool by_id;
	int ret;

	ret = alias_parse_selector(&argc, &argv, &sel, &by_id, journal_usage);
	if (ret)
		goto out;
	if (argc) {
		error("unexpected argument \"%s\"", argv[0]);
		ret = usage_error();
		goto out;
	}

	ret = EXIT_REFUSED;
	if (ftnl_open() || alias_resolve_id(&sel, by_id, &id))
		goto out;
	filter.num[FTALIAS_A_JOURNAL_REC_ALIAS_ID] = id;
	filter.present = 1U << FTALIAS_A_JOURNAL_REC_ALIAS_ID;
	ftnl_set_attr_desc(rec_attrs, N_REC_ATTRS);
	if (ftnl_dump(FTALIAS_CMD_JOURNAL_GET, rec_attrs, N_REC_ATTRS, &filter,
		      ftnl_list_add, ftnl_list_reset, &recs))
		goto out;
	journal_print_list(recs.v, recs.n);
	ret = EXIT_OK;
out:
	ftnl_list_free(&recs);
	attr_vals_free(&sel);
	return ret;
}

int do_journal(int argc, char **argv)
{
	int verb = SHOW_VERB_SHOW;

	if (argc > 0) {
		verb = kw_match(argv[0], show_verbs);
		if (verb < 0) {
			kw_error("journal command", argv[0], show_verbs, verb);
			return usage_error();
		}
		argc--;
		argv++;
	}
	if (verb == SHOW_VERB_HELP) {
		journal_usage(stdout);
		return EXIT_OK;
	}
	return journal_show(argc, argv);
}
