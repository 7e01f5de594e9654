// SPDX-License-Identifier: GPL-2.0
/*
 * Command-line helpers: keyword matching, strict number parsing and the
 * table-driven attribute values shared by the objects.
 */

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "print.h"

int error(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs("Error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return -1;
}

int kw_match(const char *word, const struct keyword *tab)
{
	size_t len = strlen(word);
	const struct keyword *k;
	int found = KW_UNKNOWN;

	for (k = tab; k->name; k++)
		if (!strcmp(word, k->name))
			return k->id;
	if (!len)
		return KW_UNKNOWN;
	for (k = tab; k->name; k++) {
		if (strncmp(word, k->name, len))
			continue;
		if (found >= 0 && found != k->id)
			return KW_AMBIGUOUS;
		found = k->id;
	}
	return found;
}

const struct keyword show_verbs[] = {
	{ "show",	SHOW_VERB_SHOW },
	{ "list",	SHOW_VERB_SHOW },
	{ "help",	SHOW_VERB_HELP },
	{ NULL, 0 }
};

void kw_error(const char *what, const char *word, const struct keyword *tab,
	      int ret)
{
	size_t len = strlen(word);
	const struct keyword *k;
	const char *sep = "";

	fflush(stdout);
	if (ret != KW_AMBIGUOUS) {
		fprintf(stderr, "Error: unknown %s \"%s\"\n", what, word);
		return;
	}
	fprintf(stderr, "Error: ambiguous %s \"%s\": could be ", what, word);
	for (k = tab; k->name; k++) {
		if (strncmp(word, k->name, len))
			continue;
		fprintf(stderr, "%s%s", sep, k->name);
		sep = ", ";
	}
	fputc('\n', stderr);
}

int parse_unsigned(const char *s, int base, uint64_t max, uint64_t *val)
{
	unsigned long long v;
	char *end;

	/* strtoull() would accept blanks, a sign and "0x" */
	if (!isdigit((unsigned char)s[0]))
		return -1;
	if (base == 10 && s[0] == '0' && s[1])
		return -1;
	errno = 0;
	v = strtoull(s, &end, base);
	if (errno || *end || v > max)
		return -1;
	*val = v;
	return 0;
}

static const struct keyword onoff_kw[] = {
	{ "on",		1 },
	{ "off",	0 },
	{ NULL, 0 }
};

#define ENUM_NAME(tab, val) \
	((val) < sizeof(tab) / sizeof((tab)[0]) ? (tab)[val] : NULL)

const char *policy_name(uint64_t policy)
{
	return ENUM_NAME(ctl_promotion_policy_names, policy);
}

const char *role_name(uint64_t role)
{
	return ENUM_NAME(ctl_member_role_names, role);
}

const char *state_name(uint64_t state)
{
	return ENUM_NAME(ctl_member_state_names, state);
}

const char *cache_state_name(uint64_t state)
{
	return ENUM_NAME(ctl_cache_state_names, state);
}

const char *conn_state_name(uint64_t state)
{
	return ENUM_NAME(ctl_conn_state_names, state);
}

const char *conn_reason_name(uint64_t reason)
{
	return ENUM_NAME(ctl_conn_drop_reason_names, reason);
}

const char *node_state_name(uint64_t state)
{
	return ENUM_NAME(ctl_node_state_names, state);
}

const char *scope_name(uint64_t scope)
{
	return ENUM_NAME(ctl_alias_scope_names, scope);
}

void attr_vals_free(struct attr_vals *v)
{
	int i;

	for (i = 0; i < ATTR_SLOTS; i++) {
		free(v->str[i]);
		v->str[i] = NULL;
		if (v->nest[i]) {
			attr_vals_free(v->nest[i]);
			free(v->nest[i]);
			v->nest[i] = NULL;
		}
	}
	v->present = 0;
}

/* The value of an enum keyword, or -1 after printing the error. */
static int parse_enum(const struct attr_desc *d, const char *arg,
		      const struct keyword *kw, uint64_t *num)
{
	const struct keyword *k;
	int ret = kw_match(arg, kw);

	if (ret >= 0) {
		*num = ret;
		return 0;
	}
	fflush(stdout);
	fprintf(stderr, "Error: invalid %s \"%s\": expected ", d->name, arg);
	for (k = kw; k->name; k++)
		fprintf(stderr, "%s%s", k == kw ? "" : k[1].name ? ", " : " or ",
			k->name);
	fputc('\n', stderr);
	return -1;
}

int attr_parse_arg(const struct attr_desc *d, const char *arg,
		   struct attr_vals *v)
{
	uint64_t num = 0;

	switch (d->kind) {
	case AK_STRING:
		v->str[d->type] = strdup(arg);
		if (!v->str[d->type])
			return error("out of memory");
		break;
	case AK_U32:
		if (parse_unsigned(arg, 10, UINT32_MAX, &num))
			return error("invalid %s \"%s\": expected a decimal number from 0 to %u",
				     d->name, arg, UINT32_MAX);
		break;
	case AK_U64:
		if (parse_unsigned(arg, 10, UINT64_MAX, &num))
			return error("invalid %s \"%s\": expected a decimal number from 0 to %llu",
				     d->name, arg, (unsigned long long)UINT64_MAX);
		break;
	case AK_MODE:
		if (parse_unsigned(arg, 8, UINT32_MAX, &num))
			return error("invalid %s \"%s\": expected an octal number such as 0644",
				     d->name, arg);
		break;
	case AK_POLICY:
		if (parse_enum(d, arg, ctl_promotion_policy_kw, &num))
			return -1;
		break;
	case AK_ROLE:
		if (parse_enum(d, arg, ctl_member_role_kw, &num))
			return -1;
		break;
	case AK_STATE:
		if (parse_enum(d, arg, ctl_member_state_kw, &num))
			return -1;
		break;
	case AK_ONOFF:
		if (parse_enum(d, arg, onoff_kw, &num))
			return -1;
		break;
	case AK_SCOPE:
		if (parse_enum(d, arg, ctl_alias_scope_kw, &num))
			return -1;
		break;
	case AK_U8:
		if (parse_unsigned(arg, 10, UINT8_MAX, &num))
			return error("invalid %s \"%s\": expected a decimal number from 0 to %u",
				     d->name, arg, UINT8_MAX);
		break;
	case AK_CACHE_STATE:
	case AK_CONN_STATE:
	case AK_CONN_REASON:
	case AK_NODE_STATE:
	case AK_TIPC_ADDR:
	case AK_BOOT_ID:
	case AK_FLAG:
	case AK_NEST:
		return error("internal error: %s is not a command-line value",
			     d->name);
	}
	v->num[d->type] = num;
	v->present |= 1U << d->type;
	return 0;
}

/* An enum by name, or by number when the name is unknown. */
static void print_enum(const struct attr_desc *d, const char *s, uint64_t num)
{
	if (s)
		print_string(PRINT_ANY, d->name, "%s", s);
	else
		print_u64(PRINT_ANY, d->name, "%" PRIu64, num);
}

void attr_print(const struct attr_desc *d, const struct attr_vals *v,
		const char *text_sep)
{
	uint64_t num = v->num[d->type];
	const struct attr_vals *sub;

	if (!attr_has(v, d->type))
		return;
	if (d->kind == AK_SCOPE && num == FTALIAS_ALIAS_SCOPE_LOCAL) {
		/* the default: "scope": "local" in JSON, nothing in text */
		print_string(PRINT_JSON, d->name, NULL, scope_name(num));
		return;
	}
	print_string(PRINT_FP, NULL, "%s", text_sep);
	if (d->kind == AK_NEST) {
		sub = v->nest[d->type];
		print_string(PRINT_FP, NULL, "%s", d->name);
		open_json_object(d->name);
		if (sub && d->nest)
			attr_print_all(d->nest->desc, d->nest->n, sub, " ");
		close_json_object();
		return;
	}
	if (d->kind == AK_FLAG) {
		/* "self" in text, "self": true in JSON, as cli.py has it */
		print_string(PRINT_FP, NULL, "%s", d->name);
		print_bool(PRINT_JSON, d->name, NULL, true);
		return;
	}
	print_string(PRINT_FP, NULL, "%s ", d->name);
	switch (d->kind) {
	case AK_STRING:
		print_string(PRINT_ANY, d->name, "%s", v->str[d->type]);
		break;
	case AK_U32:
	case AK_U8:
		print_uint(PRINT_ANY, d->name, "%u", num);
		break;
	case AK_ONOFF:
		/* a number in JSON, as the spec's u8 (and cli.py) has it */
		print_string(PRINT_FP, NULL, "%s", num ? "on" : "off");
		print_uint(PRINT_JSON, d->name, NULL, num);
		break;
	case AK_U64:
		print_u64(PRINT_ANY, d->name, "%" PRIu64, num);
		break;
	case AK_MODE:
		print_uint(PRINT_ANY, d->name, "%04o", num);
		break;
	case AK_POLICY:
		print_enum(d, policy_name(num), num);
		break;
	case AK_ROLE:
		print_enum(d, role_name(num), num);
		break;
	case AK_STATE:
		print_enum(d, state_name(num), num);
		break;
	case AK_CACHE_STATE:
		print_enum(d, cache_state_name(num), num);
		break;
	case AK_CONN_STATE:
		print_enum(d, conn_state_name(num), num);
		break;
	case AK_CONN_REASON:
		print_enum(d, conn_reason_name(num), num);
		break;
	case AK_NODE_STATE:
		print_enum(d, node_state_name(num), num);
		break;
	case AK_SCOPE:
		print_enum(d, scope_name(num), num);
		break;
	case AK_TIPC_ADDR:
		/* as tipc(8) prints a node's address (its hash) */
		print_uint(PRINT_ANY, d->name, "%08x", num);
		break;
	case AK_BOOT_ID:
		print_u64(PRINT_ANY, d->name, "%016" PRIx64, num);
		break;
	case AK_FLAG:
	case AK_NEST:
		break;
	}
}

void attr_print_all(const struct attr_desc *desc, size_t n,
		    const struct attr_vals *v, const char *text_sep)
{
	const struct attr_desc *d;

	for (d = desc; d < desc + n; d++)
		if (d->kind != AK_NEST && (!d->stats || opts.stats))
			attr_print(d, v, text_sep);
}

void attr_print_json_list(const struct attr_desc *desc, size_t n_desc,
			  const struct attr_vals *v, size_t n)
{
	const struct attr_desc *d;
	size_t i;

	open_json_array(NULL);
	for (i = 0; i < n; i++) {
		open_json_object(NULL);
		for (d = desc; d < desc + n_desc; d++)
			if (!d->stats || opts.stats)
				attr_print(d, &v[i], "");
		close_json_object();
	}
	close_json_array();
}
