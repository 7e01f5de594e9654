/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _FTALIAS_AF_H
#define _FTALIAS_AF_H

#include <net/sock.h>

/* An AF_FTALIAS socket.  Members and the data path join it later. */
struct ftalias_sock {
	struct sock sk;		/* must be first */
};

static inline struct ftalias_sock *ftalias_sk(const struct sock *sk)
{
	return container_of(sk, struct ftalias_sock, sk);
}

int ftalias_proto_init(void);
void ftalias_proto_exit(void);
int ftalias_sock_init(void);
void ftalias_sock_exit(void);

#endif /* _FTALIAS_AF_H */
