// SPDX-License-Identifier: GPL-2.0
/*
 * ftaliasctl cache { show | stats | flush }: the replay cache of an alias
 * (cache-get, the cache nest of alias-get, cache-flush).  The entries and
 * the flush need CAP_NET_ADMIN; the counters are part of the alias and
 * readable by anyone.  An alias named by name is resolved to its id with
 * alias-get first, as member does.
 */

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/genl/genl.h>

#include "alias.h"
#include "cache.h"
#include "nl.h"
#include "print.h"

/* Attribute-set "id": a struct ftalias_id. */
static const struct attr_desc id_attrs[] = {
	ATTR(FTALIAS_A_ID_NODE,		AK_U32),
	ATTR(FTALIAS_A_ID_ALIAS,	AK_U32),
	ATTR(FTALIAS_A_ID_PORT,		AK_U32),
	ATTR(FTALIAS_A_ID_INCARNATION,	AK_U32),
	ATTR(FTALIAS_A_ID_XID,		AK_U64),
};

const struct attr_nest id_nest = {
	.desc		= id_attrs,
	.n		= sizeof(id_attrs) / sizeof(id_attrs[0]),
	.policy		= ctl_id_policy,
	.maxtype	= FTALIAS_A_ID_MAX,
};

/*
 * Attribute-set "cache-stats", in spec order.  Not counters in the -s
 * sense inside the nest: the nest itself is shown with -s only (alias
 * show), and always by cache stats.
 */
static const struct attr_desc cache_stats_attrs[] = {
	ATTR(FTALIAS_A_CACHE_STATS_ENTRIES,		AK_U32),
	ATTR(FTALIAS_A_CACHE_STATS_BYTES,		AK_U64),
	ATTR(FTALIAS_A_CACHE_STATS_IN_PROGRESS,		AK_U32),
	ATTR(FTALIAS_A_CACHE_STATS_JOURNAL,		AK_U32),
	ATTR(FTALIAS_A_CACHE_STATS_WAITING,		AK_U32),
	ATTR(FTALIAS_A_CACHE_STATS_RECORDED,		AK_U64),
	ATTR(FTALIAS_A_CACHE_STATS_HITS_AUTO,		AK_U64),
	ATTR(FTALIAS_A_CACHE_STATS_HITS_HANDLER,	AK_U64),
	ATTR(FTALIAS_A_CACHE_STATS_HITS_HELD,		AK_U64),
	ATTR(FTALIAS_A_CACHE_STATS_MISSES,		AK_U64),
	ATTR(FTALIAS_A_CACHE_STATS_EVICT_ACK,		AK_U64),
	ATTR(FTALIAS_A_CACHE_STATS_EVICT_TTL,		AK_U64),
	ATTR(FTALIAS_A_CACHE_STATS_EVICT_LRU,		AK_U64),
	ATTR(FTALIAS_A_CACHE_STATS_EVICT_SHRINK,	AK_U64),
	ATTR(FTALIAS_A_CACHE_STATS_EVICT_FLUSH,		AK_U64),
	ATTR(FTALIAS_A_CACHE_STATS_REFUSED,		AK_U64),
	ATTR(FTALIAS_A_CACHE_STATS_ORPHANS,		AK_U64),
	ATTR(FTALIAS_A_CACHE_STATS_JOURNALED,		AK_U64),
	ATTR(FTALIAS_A_CACHE_STATS_LONGEST_HOLD_MS,	AK_U64),
};

#define N_CACHE_STATS_ATTRS (sizeof(cache_stats_attrs) / sizeof(cache_stats_attrs[0]))

_Static_assert(FTALIAS_A_CACHE_STATS_MAX < ATTR_SLOTS, "attr_vals too small");
_Static_assert(FTALIAS_A_CACHE_ENTRY_MAX < ATTR_SLOTS, "attr_vals too small");
_Static_assert(FTALIAS_A_CACHE_FLUSH_MAX < ATTR_SLOTS, "attr_vals too small");
_Static_assert(FTALIAS_A_ID_MAX < ATTR_SLOTS, "attr_vals too small");

const struct attr_nest cache_stats_nest = {
	.desc		= cache_stats_attrs,
	.n		= N_CACHE_STATS_ATTRS,
	.policy		= ctl_cache_stats_policy,
	.maxtype	= FTALIAS_A_CACHE_STATS_MAX,
};

/* Attribute-set "cache-entry", in spec order: JSON keys. */
static const struct attr_desc entry_attrs[] = {
	ATTR(FTALIAS_A_CACHE_ENTRY_ALIAS_ID,	AK_U32),
	{ .name = "id", .type = FTALIAS_A_CACHE_ENTRY_ID, .kind = AK_NEST,
	  .nest = &id_nest },
	ATTR(FTALIAS_A_CACHE_ENTRY_STATE,	AK_CACHE_STATE),
	ATTR(FTALIAS_A_CACHE_ENTRY_AGE_MS,	AK_U32),
	ATTR(FTALIAS_A_CACHE_ENTRY_SIZE,	AK_U32),
	ATTR(FTALIAS_A_CACHE_ENTRY_OWNER_PORT,	AK_U32),
	ATTR(FTALIAS_A_CACHE_ENTRY_JOURNAL,	AK_U32),
};

#define N_ENTRY_ATTRS (sizeof(entry_attrs) / sizeof(entry_attrs[0]))

/* Attribute-set "cache-flush": the request and its reply. */
static const struct attr_desc flush_attrs[] = {
	ATTR(FTALIAS_A_CACHE_FLUSH_ALIAS_ID,	AK_U32),
	ATTR(FTALIAS_A_CACHE_FLUSH_IN_PROGRESS,	AK_FLAG),
	ATTR(FTALIAS_A_CACHE_FLUSH_FLUSHED,	AK_U32),
};

#define N_FLUSH_ATTRS (sizeof(flush_attrs) / sizeof(flush_attrs[0]))

enum { V_SHOW, V_STATS, V_FLUSH, V_HELP };

enum { FLUSH_IN_PROGRESS };

static const struct keyword flush_kw[] = {
	{ "in-progress",	FLUSH_IN_PROGRESS },
	{ NULL, 0 }
};

static const struct keyword verbs[] = {
	{ "show",	V_SHOW },
	{ "list",	V_SHOW },
	{ "stats",	V_STATS },
	{ "statistics",	V_STATS },
	{ "flush",	V_FLUSH },
	{ "help",	V_HELP },
	{ NULL, 0 }
};

void cache_usage(FILE *f)
{
	fputs("Usage: ftaliasctl cache [ show ] ALIAS\n"
	      "       ftaliasctl cache stats [ ALIAS ]\n"
	      "       ftaliasctl cache flush ALIAS [ in-progress ]\n"
	      "       ftaliasctl cache help\n"
	      "ALIAS := { NAME | id ID }\n"
	      "show and flush need CAP_NET_ADMIN; stats shows every alias without ALIAS.\n",
	      f);
}

static int usage_error(void)
{
	cache_usage(stderr);
	return EXIT_USAGE;
}

void format_id(char *buf, const struct attr_vals *v, unsigned int type)
{
	const struct attr_vals *id = attr_has(v, type) ? v->nest[type] : NULL;

	if (!id) {
		snprintf(buf, ID_TEXT_MAX, "-");
		return;
	}
	snprintf(buf, ID_TEXT_MAX, "%" PRIu64 ":%" PRIu64 ":%" PRIu64 ":%"
		 PRIu64 ":%" PRIu64,
		 id->num[FTALIAS_A_ID_NODE], id->num[FTALIAS_A_ID_ALIAS],
		 id->num[FTALIAS_A_ID_PORT], id->num[FTALIAS_A_ID_INCARNATION],
		 id->num[FTALIAS_A_ID_XID]);
}

int cache_entry_parse_msg(struct nlmsghdr *nlh, struct attr_vals *v)
{
	return ftnl_parse_attrs(nlh, ctl_cache_entry_policy,
				FTALIAS_A_CACHE_ENTRY_MAX,
				entry_attrs, N_ENTRY_ATTRS, v);
}

enum {
	ENTRY_COLS = 6,
	CELL_MAX = ID_TEXT_MAX,
};

static const char *const entry_titles[ENTRY_COLS] = {
	"ID", "STATE", "AGE-MS", "SIZE", "OWNER", "JOURNAL",
};

/* A number, or "-" when the attribute is absent. */
static void format_num(char *buf, const struct attr_vals *v,
		       unsigned int type)
{
	if (attr_has(v, type))
		snprintf(buf, CELL_MAX, "%" PRIu64, v->num[type]);
	else
		snprintf(buf, CELL_MAX, "-");
}

void cache_print_entries(const struct attr_vals *e, size_t n)
{
	char (*cells)[ENTRY_COLS][CELL_MAX];
	const char *s;
	size_t i;

	if (is_json_context()) {
		attr_print_json_list(entry_attrs, N_ENTRY_ATTRS, e, n);
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
		format_id(cells[i][0], &e[i], FTALIAS_A_CACHE_ENTRY_ID);
		s = attr_has(&e[i], FTALIAS_A_CACHE_ENTRY_STATE) ?
			cache_state_name(e[i].num[FTALIAS_A_CACHE_ENTRY_STATE]) :
			"-";
		if (s)
			snprintf(cells[i][1], CELL_MAX, "%s", s);
		else
			format_num(cells[i][1], &e[i], FTALIAS_A_CACHE_ENTRY_STATE);
		format_num(cells[i][2], &e[i], FTALIAS_A_CACHE_ENTRY_AGE_MS);
		format_num(cells[i][3], &e[i], FTALIAS_A_CACHE_ENTRY_SIZE);
		format_num(cells[i][4], &e[i], FTALIAS_A_CACHE_ENTRY_OWNER_PORT);
		format_num(cells[i][5], &e[i], FTALIAS_A_CACHE_ENTRY_JOURNAL);
	}
	/* ID and STATE left-aligned */
	print_text_table(entry_titles, 0x3, ENTRY_COLS, cells[0][0], CELL_MAX,
			 n);
	free(cells);
}

/* The configuration of the replay cache, in cache stats. */
static const struct {
	const char *name;
	unsigned int type;
	bool onoff;
} cache_cfg[] = {
#define CACHE_CFG(t, onoff)	{ CTL_NAME_##t, t, onoff }
	CACHE_CFG(FTALIAS_A_ALIAS_RECORD_REPLIES,	true),
	CACHE_CFG(FTALIAS_A_ALIAS_CACHE_MAX_ENTRIES,	false),
	CACHE_CFG(FTALIAS_A_ALIAS_CACHE_MAX_BYTES,	false),
	CACHE_CFG(FTALIAS_A_ALIAS_CACHE_TTL_MS,		false),
#undef CACHE_CFG
};

#define N_CACHE_CFG (sizeof(cache_cfg) / sizeof(cache_cfg[0]))

/*
 * "    name:   value" in text (the values aligned after the longest
 * label, "cache-max-entries:"), "name": value in JSON.
 */
static void print_stat_line(const char *name, uint64_t num, bool onoff)
{
	char label[64];

	snprintf(label, sizeof(label), "%s:", name);
	print_string(PRINT_FP, NULL, "    %-19s", label);
	if (onoff) {
		print_string(PRINT_FP, NULL, "%s", num ? "on" : "off");
		print_uint(PRINT_JSON, name, NULL, num);
	} else {
		print_u64(PRINT_ANY, name, "%" PRIu64, num);
	}
	print_nl();
}

void cache_print_stats(const struct attr_vals *a, size_t n)
{
	const struct attr_vals *st;
	const struct attr_desc *d;
	size_t i, j;

	open_json_array(NULL);
	for (i = 0; i < n; i++) {
		if (i)
			print_nl();	/* a blank line between aliases */
		open_json_object(NULL);
		if (attr_has(&a[i], FTALIAS_A_ALIAS_NAME))
			print_string(PRINT_ANY, "name", "alias %s",
				     a[i].str[FTALIAS_A_ALIAS_NAME]);
		if (attr_has(&a[i], FTALIAS_A_ALIAS_ID))
			print_u64(PRINT_ANY, "id", " id %" PRIu64,
				  a[i].num[FTALIAS_A_ALIAS_ID]);
		print_string(PRINT_FP, NULL, "%s", ":");
		print_nl();
		for (j = 0; j < N_CACHE_CFG; j++)
			if (attr_has(&a[i], cache_cfg[j].type))
				print_stat_line(cache_cfg[j].name,
						a[i].num[cache_cfg[j].type],
						cache_cfg[j].onoff);
		st = attr_has(&a[i], FTALIAS_A_ALIAS_CACHE) ?
			a[i].nest[FTALIAS_A_ALIAS_CACHE] : NULL;
		if (st) {
			open_json_object("cache");
			for (j = 0; j < N_CACHE_STATS_ATTRS; j++) {
				d = &cache_stats_attrs[j];
				if (attr_has(st, d->type))
					print_stat_line(d->name,
							st->num[d->type],
							false);
			}
			close_json_object();
		}
		close_json_object();
	}
	close_json_array();
}

int cache_print_flushed(struct nlmsghdr *nlh, void *arg)
{
	struct attr_vals v = { 0 };
	int ret;

	(void)arg;
	ret = ftnl_parse_attrs(nlh, ctl_cache_flush_policy, FTALIAS_A_CACHE_FLUSH_MAX,
			       flush_attrs, N_FLUSH_ATTRS, &v);
	if (ret)
		return ret;
	open_json_object(NULL);
	if (attr_has(&v, FTALIAS_A_CACHE_FLUSH_ALIAS_ID))
		print_u64(PRINT_JSON, "alias-id", NULL,
			  v.num[FTALIAS_A_CACHE_FLUSH_ALIAS_ID]);
	if (attr_has(&v, FTALIAS_A_CACHE_FLUSH_FLUSHED))
		print_u64(PRINT_ANY, "flushed", "flushed %" PRIu64,
			  v.num[FTALIAS_A_CACHE_FLUSH_FLUSHED]);
	close_json_object();
	print_nl();
	attr_vals_free(&v);
	return 0;
}

static int parse_alias(int *argc, char ***argv, struct attr_vals *sel,
		       bool *by_id)
{
	return alias_parse_selector(argc, argv, sel, by_id, cache_usage);
}

static int cache_show(int argc, char **argv)
{
	struct ftnl_list entries = { .parse = cache_entry_parse_msg };
	struct attr_vals sel = { 0 }, filter = { 0 };
	uint32_t id;
	bool by_id;
	int ret;

	ret = parse_alias(&argc, &argv, &sel, &by_id);
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
	filter.num[FTALIAS_A_CACHE_ENTRY_ALIAS_ID] = id;
	filter.present = 1U << FTALIAS_A_CACHE_ENTRY_ALIAS_ID;
	ftnl_set_attr_desc(entry_attrs, N_ENTRY_ATTRS);
	if (ftnl_dump(FTALIAS_CMD_CACHE_GET, entry_attrs, N_ENTRY_ATTRS,
		      &filter, ftnl_list_add, ftnl_list_reset, &entries))
		goto out;
	cache_print_entries(entries.v, entries.n);
	ret = EXIT_OK;
out:
	ftnl_list_free(&entries);
	attr_vals_free(&sel);
	return ret;
}

static int cache_stats(int argc, char **argv)
{
	struct attr_vals sel = { 0 }, alias = { 0 };
	struct ftnl_list aliases = { 0 };
	bool by_id;
	int ret;

	if (argc) {
		ret = parse_alias(&argc, &argv, &sel, &by_id);
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
		cache_print_stats(&alias, 1);
	} else {
		if (alias_dump(&aliases))
			goto out;
		cache_print_stats(aliases.v, aliases.n);
	}
	ret = EXIT_OK;
out:
	ftnl_list_free(&aliases);
	attr_vals_free(&sel);
	attr_vals_free(&alias);
	return ret;
}

static int cache_flush(int argc, char **argv)
{
	struct attr_vals sel = { 0 }, req = { 0 };
	struct nl_msg *msg;
	uint32_t id;
	bool by_id;
	int ret;

	ret = parse_alias(&argc, &argv, &sel, &by_id);
	if (ret)
		goto out;
	if (argc && kw_match(argv[0], flush_kw) == FLUSH_IN_PROGRESS) {
		req.num[FTALIAS_A_CACHE_FLUSH_IN_PROGRESS] = 1;
		req.present |= 1U << FTALIAS_A_CACHE_FLUSH_IN_PROGRESS;
		argc--;
		argv++;
	}
	if (argc) {
		error("unexpected argument \"%s\"", argv[0]);
		ret = usage_error();
		goto out;
	}

	ret = EXIT_REFUSED;
	if (ftnl_open() || alias_resolve_id(&sel, by_id, &id))
		goto out;
	req.num[FTALIAS_A_CACHE_FLUSH_ALIAS_ID] = id;
	req.present |= 1U << FTALIAS_A_CACHE_FLUSH_ALIAS_ID;
	ftnl_set_attr_desc(flush_attrs, N_FLUSH_ATTRS);
	msg = ftnl_msg_new(FTALIAS_CMD_CACHE_FLUSH, 0);
	if (!msg)
		goto out;
	if (ftnl_put_attrs(msg, flush_attrs, N_FLUSH_ATTRS, &req)) {
		nlmsg_free(msg);
		goto out;
	}
	if (ftnl_do(msg, cache_print_flushed, NULL))
		goto out;
	ret = EXIT_OK;
out:
	attr_vals_free(&sel);
	attr_vals_free(&req);
	return ret;
}

int do_cache(int argc, char **argv)
{
	int verb = V_SHOW;

	if (argc > 0) {
		verb = kw_match(argv[0], verbs);
		if (verb < 0) {
			kw_error("cache command", argv[0], verbs, verb);
			return usage_error();
		}
		argc--;
		argv++;
	}

	switch (verb) {
	case V_SHOW:
		return cache_show(argc, argv);
	case V_STATS:
		return cache_stats(argc, argv);
	case V_FLUSH:
		return cache_flush(argc, argv);
	default:
		cache_usage(stdout);
		return EXIT_OK;
	}
}
