/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _FTALIAS_AF_H
#define _FTALIAS_AF_H

/* The socket core (af_ftalias.c), for the two socket types above it. */

#include <net/sock.h>
#include <uapi/linux/ftalias.h>

#include "sock.h"

struct ftalias_net;

int ftalias_check_addr(const struct sockaddr_ftalias *sfa, int len);
int ftalias_alloc_port(struct ftalias_net *fn, struct ftalias_sock *fsk,
		       struct pid *pid);
int ftalias_autobind(struct ftalias_sock *fsk);
struct ftalias_sock *ftalias_port_get(struct ftalias_net *fn, u32 port);
struct sock *ftalias_sk_alloc(struct net *net, int type, int kern);
int ftalias_setsockopt(struct socket *sock, int level, int optname,
		       sockptr_t optval, unsigned int optlen);
int ftalias_getsockopt(struct socket *sock, int level, int optname,
		       char __user *optval, int __user *optlen);
int ftalias_bind(struct socket *sock, struct sockaddr *uaddr, int len);
int ftalias_release(struct socket *sock);
int ftalias_getname(struct socket *sock, struct sockaddr *uaddr, int peer);
struct sk_buff *ftalias_alloc_skb(struct sock *sk, struct msghdr *msg,
				  size_t len, bool reply, int *err);
struct sk_buff *ftalias_alloc_request_skb(struct sock *sk,
					  struct msghdr *msg, size_t len,
					  int *err);

void ftalias_sk_destruct(struct sock *sk);
void ftalias_ports_init(struct ftalias_net *fn);
void ftalias_ports_exit(struct ftalias_net *fn);

int ftalias_proto_init(void);
void ftalias_proto_exit(void);

/* The family (family.c). */
int ftalias_sock_init(void);
void ftalias_sock_exit(void);

#endif /* _FTALIAS_AF_H */
