/* SPDX-License-Identifier: GPL-2.0 */
#ifndef FTALIASCTL_SAVE_H
#define FTALIASCTL_SAVE_H

#include <stdint.h>

/*
 * The file alias save writes: this header, then the records of the
 * kernel's alias-save dump (attributes of the "save" set, each followed
 * by its CRC), byte for byte.
 */
#define SAVE_MAGIC	"FTAS"
#define SAVE_ORDER	0x01020304U	/* in the writer's byte order */

struct save_header {
	char magic[4];
	uint32_t order;
	uint32_t version;	/* FTALIAS_SAVE_VERSION of the records */
	uint32_t reserved;	/* 0 */
};

/* alias save ALIAS: the alias's records to standard output. */
int alias_save(int argc, char **argv);
/* alias restore [name NAME] [id ID]: an alias from standard input. */
int alias_restore(int argc, char **argv);

#endif /* FTALIASCTL_SAVE_H */
