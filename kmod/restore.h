/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _FTALIAS_RESTORE_H
#define _FTALIAS_RESTORE_H

struct ftalias_net;

/* alias-restore (restore.c): its socket-release notifier, per namespace. */
int ftalias_restore_init(void);
void ftalias_restore_exit(void);
void ftalias_restore_net_init(struct ftalias_net *fn);
void ftalias_restore_net_exit(struct ftalias_net *fn);

#endif /* _FTALIAS_RESTORE_H */
