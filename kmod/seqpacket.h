/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _FTALIAS_SEQPACKET_H
#define _FTALIAS_SEQPACKET_H

#include <linux/net.h>

/* The SOCK_SEQPACKET socket type (seqpacket.c), for socket() (family.c). */
extern const struct proto_ops ftalias_seqpacket_ops;
struct sock *ftalias_seqpacket_sk_alloc(struct net *net, int kern);

#endif /* _FTALIAS_SEQPACKET_H */
