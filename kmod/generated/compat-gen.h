/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Included before the generated netlink-gen.c only (see kmod/Kbuild): on
 * kernels without split ops, the generated family becomes a struct
 * ftalias_gen_family named ftalias_nl_gen_family, and compat.c registers
 * the real struct genl_family from it.
 */
#include "../compat.h"

/*
 * Every later "struct genl_family" of netlink-gen.c becomes the generated
 * family's own type: the file defines exactly one, the family itself.
 */
#ifdef FTALIAS_COMPAT_SPLIT_OPS
#define genl_family ftalias_gen_family
#define ftalias_nl_family ftalias_nl_gen_family
#endif
