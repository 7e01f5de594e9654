/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _FTALIAS_RDM_H
#define _FTALIAS_RDM_H

#include <linux/net.h>

/* The ops of a SOCK_RDM socket (rdm.c), given by socket() (family.c). */
extern const struct proto_ops ftalias_rdm_ops;

#endif /* _FTALIAS_RDM_H */
