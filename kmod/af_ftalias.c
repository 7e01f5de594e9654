// SPDX-License-Identifier: GPL-2.0
/*
 * The AF_FTALIAS socket family.  Its number is the "family" module
 * parameter, since Linux has no number to spare for an out-of-tree family.
 *
 * Sockets can be created (SOCK_RDM) and closed; binding, sending and
 * receiving arrive with the data path and answer EOPNOTSUPP until then.
 * Every socket pins the module through proto_ops.owner.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <net/sock.h>

#include "af_ftalias.h"
#include "ftalias.h"

static struct proto ftalias_proto = {
	.name		= "FTALIAS",
	.owner		= THIS_MODULE,
	.obj_size	= sizeof(struct ftalias_sock),
};

static int ftalias_release(struct socket *sock)
{
	struct sock *sk = sock->sk;

	if (!sk)
		return 0;
	sock_prot_inuse_add(sock_net(sk), sk->sk_prot, -1);
	sock_orphan(sk);
	sock->sk = NULL;
	sock_put(sk);
	return 0;
}

/*
 * .family is left PF_UNSPEC: the number is a module parameter, and the core
 * takes it from struct net_proto_family and sk->sk_family, never from here.
 */
static const struct proto_ops ftalias_rdm_ops = {
	.owner		= THIS_MODULE,
	.release	= ftalias_release,
	.bind		= sock_no_bind,
	.connect	= sock_no_connect,
	.socketpair	= sock_no_socketpair,
	.accept		= sock_no_accept,
	.getname	= sock_no_getname,
	.poll		= datagram_poll,
	.ioctl		= sock_no_ioctl,
	.listen		= sock_no_listen,
	.shutdown	= sock_no_shutdown,
	.sendmsg	= sock_no_sendmsg,
	.recvmsg	= sock_no_recvmsg,
	.mmap		= sock_no_mmap,
};

static int ftalias_create(struct net *net, struct socket *sock, int protocol,
			  int kern)
{
	struct sock *sk;

	if (protocol)
		return -EPROTONOSUPPORT;
	if (sock->type != SOCK_RDM)
		return -ESOCKTNOSUPPORT;

	sk = sk_alloc(net, ftalias_af, GFP_KERNEL, &ftalias_proto, kern);
	if (!sk)
		return -ENOMEM;
	sock->ops = &ftalias_rdm_ops;
	sock_init_data(sock, sk);
	sock_prot_inuse_add(net, &ftalias_proto, 1);
	return 0;
}

static struct net_proto_family ftalias_family_ops __ro_after_init = {
	.create		= ftalias_create,
	.owner		= THIS_MODULE,
};

int __init ftalias_proto_init(void)
{
	return proto_register(&ftalias_proto, 1);
}

void ftalias_proto_exit(void)
{
	proto_unregister(&ftalias_proto);
}

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
