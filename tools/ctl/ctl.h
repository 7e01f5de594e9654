/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared declarations of ftaliasctl: global options, exit codes, keyword
 * matching, number parsing and the table-driven attribute model used by
 * the object files (alias.c, info.c, monitor.c).
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
	const char *netns;
};

extern struct ctl_opts opts;

int error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A word of the command line: verbs, keywords, enum names. */
struct keyword {
	const char *name;
	int id;		/* equal ids are synonyms, never ambiguous */
};

enum {
	KW_UNKNOWN	= -1,
	KW_AMBIGUOUS	= -2,
};

/*
 * Exact match first, then unique prefix.  Returns the id, KW_UNKNOWN or
 * KW_AMBIGUOUS.  @tab ends with a NULL name.
 */
int kw_match(const char *word, const struct keyword *tab);

/* Print "Error: unknown/ambiguous WHAT "WORD"" (with candidates). */
void kw_error(const char *what, const char *word, const struct keyword *tab,
	      int ret);

/* Strictly parse an unsigned number in @base no larger than @max. */
int parse_unsigned(const char *s, int base, uint64_t max, uint64_t *val);

/* Attribute model shared by the alias and family-info attribute sets. */
enum attr_kind {
	AK_U32,
	AK_U64,
	AK_STRING,
	AK_MODE,	/* u32, octal on the command line and in text */
	AK_POLICY,	/* u32 enum promotion-policy */
};

struct attr_desc {
	const char *name;	/* YAML name: keyword and JSON key */
	unsigned int type;	/* attribute number */
	enum attr_kind kind;
};

enum { ATTR_SLOTS = 16 };	/* > every attribute number used */

struct attr_vals {
	uint32_t present;	/* BIT(type) */
	uint64_t num[ATTR_SLOTS];
	char *str[ATTR_SLOTS];
};

static inline bool attr_has(const struct attr_vals *v, unsigned int type)
{
	return v->present & (1U << type);
}

void attr_vals_free(struct attr_vals *v);

/* Parse the value of keyword @d into @v; prints the error. */
int attr_parse_arg(const struct attr_desc *d, const char *arg,
		   struct attr_vals *v);

/* Print one attribute: " NAME VALUE" in text, "NAME": VALUE in JSON. */
void attr_print(const struct attr_desc *d, const struct attr_vals *v,
		const char *text_sep);

/* Promotion policy names, indexed by enum ftalias_promotion_policy. */
const char *policy_name(uint64_t policy);

#endif /* FTALIASCTL_CTL_H */
