/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared declarations of ftaliasctl: global options, exit codes, keyword
 * matching, number parsing and the table-driven attribute model used by
 * the object files (alias.c, member.c, cache.c, journal.c, conn.c,
 * cluster.c, node.c, info.c, monitor.c).
 */
#ifndef FTALIASCTL_CTL_H
#define FTALIASCTL_CTL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <linux/ftalias_genl.h>

#ifndef FTALIASCTL_VERSION
#define FTALIASCTL_VERSION "0.1"
#endif

/* Exit status, documented in ftaliasctl(8). */
enum {
	EXIT_OK		= 0,
	EXIT_REFUSED	= 1,	/* the kernel or the system refused */
	EXIT_USAGE	= 2,	/* bad command line, nothing was sent */
};

struct ctl_opts {
	bool json;
	bool pretty;
	bool stats;	/* -s: counters too (alias stats, member counters) */
	bool config;	/* -c: alias show prints "alias add" commands */
	bool exist;	/* -exist: alias add of an alias there does nothing */
	const char *netns;
};

extern struct ctl_opts opts;

int error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A word of the command line: verbs, keywords, enum names. */
struct keyword {
	const char *name;
	int id;		/* equal ids are synonyms, never ambiguous */
};

/*
 * The spec's tables (spec-gen.h, make regen): attribute names, policies,
 * enum names and keywords, operation names.
 */
#include "spec-gen.h"

enum {
	KW_UNKNOWN	= -1,
	KW_AMBIGUOUS	= -2,
};

/*
 * Exact match first, then unique prefix.  Returns the id, KW_UNKNOWN or
 * KW_AMBIGUOUS.  @tab ends with a NULL name.
 */
int kw_match(const char *word, const struct keyword *tab);

/* The verbs of an object that only shows: show (or list) and help. */
enum { SHOW_VERB_SHOW, SHOW_VERB_HELP };
extern const struct keyword show_verbs[];

/* Print "Error: unknown/ambiguous WHAT "WORD"" (with candidates). */
void kw_error(const char *what, const char *word, const struct keyword *tab,
	      int ret);

/* Strictly parse an unsigned number in @base no larger than @max. */
int parse_unsigned(const char *s, int base, uint64_t max, uint64_t *val);

/* Attribute model shared by the attribute sets of the family. */
enum attr_kind {
	AK_U32,
	AK_U64,
	AK_STRING,
	AK_MODE,	/* u32, octal on the command line and in text */
	AK_POLICY,	/* u32 enum promotion-policy */
	AK_ROLE,	/* u32 enum member-role */
	AK_STATE,	/* u32 enum member-state */
	AK_CACHE_STATE,	/* u32 enum cache-state */
	AK_CONN_STATE,	/* u32 enum conn-state */
	AK_CONN_REASON,	/* u32 enum conn-drop-reason */
	AK_NODE_STATE,	/* u32 enum node-state */
	AK_TIPC_ADDR,	/* u32 TIPC node address: 8 hex digits in text */
	AK_BOOT_ID,	/* u64 boot id: 16 hex digits in text */
	AK_U8,
	AK_ONOFF,	/* u8 0/1: on/off on the command line and in text */
	AK_FLAG,	/* flag: present or not; in text its name alone */
	AK_SCOPE,	/* u8 enum alias-scope; in text only when not local */
	AK_NEST,	/* nest of attr_desc.nest (replies only) */
};

struct attr_nest;

struct attr_desc {
	const char *name;	/* YAML name: keyword and JSON key */
	unsigned int type;	/* attribute number */
	enum attr_kind kind;
	bool stats;		/* a counter: printed only with -s */
	const struct attr_nest *nest;	/* AK_NEST */
};

/*
 * Table entries: a value, a counter (shown with -s), a nest (with -s).
 * t is the attribute's UAPI constant; its name is the spec's
 * (CTL_NAME_<t>, spec-gen.h).
 */
#define ATTR(t, k)		{ .name = CTL_NAME_##t, .type = (t), .kind = (k) }
#define ATTR_STATS(t, k)	{ .name = CTL_NAME_##t, .type = (t), \
				  .kind = (k), .stats = true }
#define ATTR_NEST(t, ns)	{ .name = CTL_NAME_##t, .type = (t), \
				  .kind = AK_NEST, .stats = true, .nest = (ns) }

/* > every attribute number used; present is a u32 bitmap */
#define ATTR_SLOTS 32

struct attr_vals {
	uint32_t present;	/* BIT(type) */
	uint64_t num[ATTR_SLOTS];
	char *str[ATTR_SLOTS];
	struct attr_vals *nest[ATTR_SLOTS];	/* AK_NEST, allocated */
};

struct nla_policy;

/* The attribute set of a nest. */
struct attr_nest {
	const struct attr_desc *desc;
	size_t n;
	struct nla_policy *policy;
	int maxtype;
};

static inline bool attr_has(const struct attr_vals *v, unsigned int type)
{
	return v->present & (1U << type);
}

void attr_vals_free(struct attr_vals *v);

/*
 * Parse the value of keyword @d into @v; prints the error.  Not for
 * AK_NEST.
 */
int attr_parse_arg(const struct attr_desc *d, const char *arg,
		   struct attr_vals *v);

/*
 * Print one attribute: " NAME VALUE" in text, "NAME": VALUE in JSON.  A
 * nest is "NAME KEY VALUE KEY VALUE ..." in text, an object in JSON.
 */
void attr_print(const struct attr_desc *d, const struct attr_vals *v,
		const char *text_sep);

/*
 * Print the attributes of @v described by @desc[0..n-1], each preceded by
 * @text_sep in text; counters only with -s, nests never.
 */
void attr_print_all(const struct attr_desc *desc, size_t n,
		    const struct attr_vals *v, const char *text_sep);

/*
 * JSON: an array of one object per element of @v[0..n-1], the object
 * cli.py prints: every attribute present of @desc[0..n_desc-1], nests
 * included, counters only with -s.
 */
void attr_print_json_list(const struct attr_desc *desc, size_t n_desc,
			  const struct attr_vals *v, size_t n);

/* Enum names, NULL when unknown (then printed as a number). */
const char *policy_name(uint64_t policy);
const char *role_name(uint64_t role);
const char *state_name(uint64_t state);
const char *cache_state_name(uint64_t state);
const char *conn_state_name(uint64_t state);
const char *conn_reason_name(uint64_t reason);
const char *node_state_name(uint64_t state);
const char *scope_name(uint64_t scope);

#endif /* FTALIASCTL_CTL_H */
