// SPDX-License-Identifier: GPL-2.0
/*
 * The AF_FTALIAS address family: socket() makes a sock of the type asked
 * for and gives it that type's ops (SOCK_RDM: rdm.c, SOCK_SEQPACKET:
 * seqpacket.c).  The top of the socket code: it calls down into both types,
 * which share the socket core of af_ftalias.c.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/module.h>
#include <linux/net.h>
#include <net/sock.h>

#include "af_ftalias.h"
#include "ftalias.h"
#include "rdm.h"
#include "seqpacket.h"

static int ftalias_create(struct net *net, struct socket *sock, int protocol,
			  int kern)
{
	struct sock *sk;

	if (protocol)
		return -EPROTONOSUPPORT;
	if (sock->type != SOCK_RDM && sock->type != SOCK_SEQPACKET)
		return -ESOCKTNOSUPPORT;

	sk = sock->type == SOCK_RDM ? ftalias_sk_alloc(net, SOCK_RDM, kern) :
				      ftalias_seqpacket_sk_alloc(net, kern);
	if (!sk)
		return -ENOMEM;
	sock->ops = sock->type == SOCK_RDM ? &ftalias_rdm_ops :
					     &ftalias_seqpacket_ops;
	sock_graft(sk, sock);
	return 0;
}

static struct net_proto_family ftalias_family_ops __ro_after_init = {
	.create		= ftalias_create,
	.owner		= THIS_MODULE,
};

int __init ftalias_sock_init(void)
{
	int err;

	ftalias_family_ops.family = ftalias_af;
	err = sock_register(&ftalias_family_ops);
	if (err == -EEXIST)
		pr_err("address family %d is in use; load with family=N, a free number below %d\n",
		       ftalias_af, NPROTO);
	return err;
}

void ftalias_sock_exit(void)
{
	sock_unregister(ftalias_af);
}
