// SPDX-License-Identifier: GPL-2.0
/*
 * Text and JSON output.  The JSON writer is deliberately small: objects,
 * arrays, strings and unsigned numbers, compact (one value per line) or
 * pretty (indented by four spaces).
 */

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "print.h"

enum { JSON_MAX_DEPTH = 16 };

static struct {
	bool json;
	bool pretty;
	int depth;
	bool first[JSON_MAX_DEPTH];	/* no element yet at this depth */
} jw;

void new_json_obj(bool json, bool pretty)
{
	jw.json = json;
	jw.pretty = json && pretty;
	jw.depth = 0;
}

bool is_json_context(void)
{
	return jw.json;
}

static void jw_newline_indent(void)
{
	int i;

	putchar('\n');
	for (i = 0; i < jw.depth; i++)
		fputs("    ", stdout);
}

static void jw_string(const char *s)
{
	const unsigned char *p;

	putchar('"');
	for (p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"':
			fputs("\\\"", stdout);
			break;
		case '\\':
			fputs("\\\\", stdout);
			break;
		case '\n':
			fputs("\\n", stdout);
			break;
		case '\t':
			fputs("\\t", stdout);
			break;
		case '\r':
			fputs("\\r", stdout);
			break;
		default:
			if (*p < 0x20)
				printf("\\u%04x", *p);
			else
				putchar(*p);
		}
	}
	putchar('"');
}

/* Separator, indentation and key in front of a new value. */
static void jw_begin_value(const char *key)
{
	if (jw.depth > 0) {
		if (!jw.first[jw.depth])
			putchar(',');
		jw.first[jw.depth] = false;
		if (jw.pretty)
			jw_newline_indent();
	}
	if (key) {
		jw_string(key);
		fputs(jw.pretty ? ": " : ":", stdout);
	}
}

static void jw_open(const char *key, char c)
{
	jw_begin_value(key);
	putchar(c);
	if (jw.depth < JSON_MAX_DEPTH - 1)
		jw.depth++;
	jw.first[jw.depth] = true;
}

static void jw_close(char c)
{
	bool empty = jw.first[jw.depth];

	if (jw.depth > 0)
		jw.depth--;
	if (jw.pretty && !empty)
		jw_newline_indent();
	putchar(c);
	if (jw.depth == 0)
		putchar('\n');
}

void open_json_object(const char *key)
{
	if (jw.json)
		jw_open(key, '{');
}

void close_json_object(void)
{
	if (jw.json)
		jw_close('}');
}

void open_json_array(const char *key)
{
	if (jw.json)
		jw_open(key, '[');
}

void close_json_array(void)
{
	if (jw.json)
		jw_close(']');
}

void print_string(enum output_type t, const char *key, const char *fmt,
		  const char *value)
{
	if (jw.json) {
		if (t & PRINT_JSON) {
			jw_begin_value(key);
			jw_string(value);
		}
	} else if ((t & PRINT_FP) && fmt) {
		printf(fmt, value);
	}
}

void print_uint(enum output_type t, const char *key, const char *fmt,
		unsigned int value)
{
	if (jw.json) {
		if (t & PRINT_JSON) {
			jw_begin_value(key);
			printf("%u", value);
		}
	} else if ((t & PRINT_FP) && fmt) {
		printf(fmt, value);
	}
}

void print_u64(enum output_type t, const char *key, const char *fmt,
	       uint64_t value)
{
	if (jw.json) {
		if (t & PRINT_JSON) {
			jw_begin_value(key);
			printf("%" PRIu64, value);
		}
	} else if ((t & PRINT_FP) && fmt) {
		printf(fmt, value);
	}
}

void print_bool(enum output_type t, const char *key, const char *fmt,
		bool value)
{
	if (jw.json) {
		if (t & PRINT_JSON) {
			jw_begin_value(key);
			fputs(value ? "true" : "false", stdout);
		}
	} else if ((t & PRINT_FP) && fmt) {
		printf(fmt, value ? "on" : "off");
	}
}

void print_text_table(const char *const *titles, unsigned int left,
		      size_t ncols, const char *cells, size_t cell_max,
		      size_t nrows)
{
	size_t width[32] = { 0 };
	size_t i, j, len;
	const char *s;

	if (jw.json || ncols > sizeof(width) / sizeof(width[0]))
		return;
	for (j = 0; j < ncols; j++) {
		width[j] = strlen(titles[j]);
		for (i = 0; i < nrows; i++) {
			len = strlen(cells + (i * ncols + j) * cell_max);
			if (len > width[j])
				width[j] = len;
		}
	}
	for (i = 0; i <= nrows; i++) {	/* line 0: the titles */
		for (j = 0; j < ncols; j++) {
			s = i ? cells + ((i - 1) * ncols + j) * cell_max :
				titles[j];
			if (j)
				fputs("  ", stdout);
			if (!(left & (1U << j)))
				printf("%*s", (int)width[j], s);
			else if (j == ncols - 1)
				fputs(s, stdout);
			else
				printf("%-*s", (int)width[j], s);
		}
		putchar('\n');
	}
}

void print_nl(void)
{
	if (!jw.json)
		putchar('\n');
}
