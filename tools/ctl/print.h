/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Output helpers: one call prints a value as text or as JSON, like the
 * print_*() helpers of iproute2.  In text mode the printf format is used
 * and the key ignored; in JSON mode the key is used and the format ignored.
 */
#ifndef FTALIASCTL_PRINT_H
#define FTALIASCTL_PRINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum output_type {
	PRINT_FP	= 1,	/* text only */
	PRINT_JSON	= 2,	/* JSON only */
	PRINT_ANY	= PRINT_FP | PRINT_JSON,
};

void new_json_obj(bool json, bool pretty);
bool is_json_context(void);

/*
 * Containers.  A key is given inside an object and NULL inside an array or
 * at the top level.  Closing a top-level value ends the JSON line.
 */
void open_json_object(const char *key);
void close_json_object(void);
void open_json_array(const char *key);
void close_json_array(void);

void print_string(enum output_type t, const char *key, const char *fmt,
		  const char *value);
void print_uint(enum output_type t, const char *key, const char *fmt,
		unsigned int value);
void print_u64(enum output_type t, const char *key, const char *fmt,
	       uint64_t value);
/* JSON true or false; in text, @fmt gets "on" or "off". */
void print_bool(enum output_type t, const char *key, const char *fmt,
		bool value);

/*
 * A text table: a line of @titles, then @nrows lines of @ncols cells
 * (@cells: row after row, each cell a string in @cell_max bytes), columns
 * two spaces apart and as wide as their widest cell.  Cells are
 * right-aligned (numbers) except in the columns of the bit mask @left.
 * Nothing in JSON mode.
 */
void print_text_table(const char *const *titles, unsigned int left,
		      size_t ncols, const char *cells, size_t cell_max,
		      size_t nrows);

/* End a line of text output; nothing in JSON mode. */
void print_nl(void);

#endif /* FTALIASCTL_PRINT_H */
