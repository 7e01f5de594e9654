/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _FTALIAS_LOG_H
#define _FTALIAS_LOG_H

#include <linux/refcount.h>
#include <linux/skbuff.h>
#include <linux/types.h>
#include <uapi/linux/ftalias.h>

struct ftalias_alias;
struct ftalias_sock;

/*
 * Most chunks of one checkpoint as sent: with ckpt_max_bytes, this bounds
 * what a stage holds (about 1 KiB of overhead a chunk); and so at most
 * 256 MiB however large ckpt_max_bytes is set.
 */
#define FTALIAS_CKPT_CHUNKS_MAX		4096

/*
 * A committed checkpoint: the chunks its member sent (or a restore made),
 * each an skb whose ftalias_skb_cb is filled in at the commit, so that a
 * clone of it is the message a new active member reads.  Never changed
 * once committed; the alias's reference goes when a newer one replaces
 * it or the alias goes, alias-save holds another while it writes it out.
 */
struct ftalias_ckpt_blob {
	struct sk_buff_head chunks;	/* used without its lock */
	refcount_t ref;
	u64 seq;
	u64 bytes;			/* of data */
	u64 cost;			/* charged: the chunks' truesize */
};

/*
 * The alias log (log.c), in struct ftalias_alias, under the alias's lock:
 * @ckpt, the latest checkpoint (NULL before the first), and @seq, the
 * sequence number of the last record committed.  Save and restore carry
 * both.
 */
struct ftalias_log {
	struct ftalias_ckpt_blob *ckpt;
	u64 seq;
};

/* What alias-get shows of the log, copied under the alias's lock. */
struct ftalias_log_info {
	u64 ckpt_seq;
	u64 ckpt_bytes;
};

int ftalias_checkpoint(struct ftalias_sock *fsk, struct sk_buff *skb,
		       const struct ftalias_ckpt *ck, bool nonblock);
void ftalias_ckpt_stage_purge(struct ftalias_sock *fsk);

void __ftalias_log_promoted(struct ftalias_alias *alias,
			    struct ftalias_sock *m);
unsigned long __ftalias_log_give(struct ftalias_alias *alias,
				 struct ftalias_sock *to);
void __ftalias_log_info(struct ftalias_alias *alias,
			struct ftalias_log_info *info);
void ftalias_log_destroy(struct ftalias_alias *alias);

/* Save and restore (save.c, restore.c). */
struct ftalias_ckpt_blob *ftalias_log_ckpt_get(struct ftalias_alias *alias);
void ftalias_ckpt_blob_put(struct ftalias_ckpt_blob *blob);
void ftalias_ckpt_blob_read(const struct ftalias_ckpt_blob *blob, u64 off,
			    void *to, u32 len);
struct ftalias_ckpt_blob *ftalias_ckpt_blob_new(u64 seq, u64 bytes);
int ftalias_ckpt_blob_fill(struct ftalias_ckpt_blob *blob, u64 off,
			   const void *data, u32 len);
int ftalias_log_restore(struct ftalias_alias *alias,
			struct ftalias_ckpt_blob *blob);

#endif /* _FTALIAS_LOG_H */
