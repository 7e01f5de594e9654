/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _FTALIAS_LOG_H
#define _FTALIAS_LOG_H

#include <linux/bits.h>
#include <linux/list.h>
#include <linux/refcount.h>
#include <linux/skbuff.h>
#include <linux/types.h>
#include <uapi/linux/ftalias.h>

#include "msg.h"

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
	u64 input;			/* the last input it covers (0: none) */
	u64 bytes;			/* of data */
	u64 cost;			/* charged: the chunks' truesize */
};

/* The buckets of an alias log's inputs by request ID. */
#define FTALIAS_LOG_HASH_BITS		8
/* The most log_max_inputs may be set to. */
#define FTALIAS_LOG_INPUTS_MAX		65536
/* Input numbers, and a checkpoint's, stay below this (restore checks). */
#define FTALIAS_LOG_SEQ_MAX		BIT_ULL(62)
/* The FTALIAS_F_* a request is read with, which an input keeps. */
#define FTALIAS_INPUT_FLAGS		(FTALIAS_F_REDELIVERED | \
					 FTALIAS_F_RESENT | FTALIAS_F_REDUNDANT)

/*
 * An input of the alias log (input-log on): a request the active member
 * read, kept until a checkpoint covers it.  @skb is a clone of the
 * message as the member read it, made FTALIAS_MSG_REPLAY with
 * FTALIAS_F_REPLAY and no request reference: what a new active member
 * reads again.  @req is the request while it is pending (it is
 * req->input's); __ftalias_log_req_gone() unlinks the two when the
 * request leaves its alias (answered, failed, its requester gone).  All
 * under the alias's lock.
 */
struct ftalias_input {
	struct list_head node;		/* in the log's inputs, as read */
	struct hlist_node hnode;	/* in the log's hash, by @id */
	u64 seq;			/* numbered from 1 in the alias */
	struct ftalias_id id;
	struct sk_buff *skb;
	struct ftalias_req *req;
	u32 cost;			/* charged like the checkpoints */
	/*
	 * Restored (alias-restore) while its request was pending: the
	 * request, sent again by its restored requester, is linked to it
	 * (__ftalias_log_link()) rather than delivered, and answered with
	 * @reply if the member's reply came first; until @expires.
	 */
	bool waiting;
	unsigned long expires;		/* jiffies */
	struct sk_buff *reply;
};

/* What __ftalias_log_link() found for a request to be delivered. */
enum ftalias_log_verdict {
	FTALIAS_LOG_DELIVER,		/* not a logged input's */
	FTALIAS_LOG_REPLAYED,		/* the active member replays it */
	FTALIAS_LOG_ANSWERED,		/* its reply came: *skb */
	FTALIAS_LOG_RETRY,		/* no memory for it */
};

/*
 * The alias log (log.c), in struct ftalias_alias, under the alias's lock:
 * @ckpt, the latest checkpoint (NULL before the first), and @seq, the
 * sequence number of the last checkpoint committed; @inputs, the inputs
 * logged after @ckpt->input (input-log), the oldest first, @input_seq
 * the number of the last one logged, @hash (allocated with the first
 * input, ftalias_log_prepare()) the same inputs by request ID.  Save and
 * restore carry them.
 */
struct ftalias_log {
	struct ftalias_ckpt_blob *ckpt;
	u64 seq;
	struct list_head inputs;
	struct hlist_head *hash;
	u32 hash_seed;
	u32 nr_inputs;
	u32 nr_waiting;			/* of them, ->waiting */
	u64 input_seq;
	u64 input_bytes;		/* their cost */
};

/* What alias-get shows of the log, copied under the alias's lock. */
struct ftalias_log_info {
	u64 ckpt_seq;
	u64 ckpt_bytes;
	u64 ckpt_input;
	u64 input_bytes;
	u64 reissued;			/* stats.requests_reissued */
	u32 inputs;
	u32 outputs;
};

/*
 * Whether @req's input is given to the active member by the log (its
 * replay is its delivery), under the alias's lock.
 */
static inline bool ftalias_req_replayed(const struct ftalias_req *req)
{
	return req->input && !req->input->waiting;
}

int ftalias_checkpoint(struct ftalias_sock *fsk, struct sk_buff *skb,
		       const struct ftalias_ckpt *ck,
		       const struct ftalias_id *last_in, bool nonblock);
void ftalias_ckpt_stage_purge(struct ftalias_sock *fsk);

void ftalias_log_init(struct ftalias_log *log);
int ftalias_log_prepare(struct ftalias_alias *alias);
struct ftalias_input *ftalias_input_new(struct sk_buff *skb);
void ftalias_input_free(struct ftalias_input *in);
int __ftalias_log_input(struct ftalias_alias *alias, struct ftalias_sock *fsk,
			struct ftalias_input **inp, struct ftalias_req *req);
void __ftalias_log_replay_read(struct ftalias_alias *alias,
			       struct ftalias_sock *fsk,
			       const struct ftalias_id *id);
void __ftalias_log_req_gone(struct ftalias_alias *alias,
			    struct ftalias_req *req);
bool ftalias_log_swallow(struct ftalias_alias *alias, struct ftalias_sock *fsk,
			 const struct ftalias_id *id, struct sk_buff **skb);
enum ftalias_log_verdict __ftalias_log_link(struct ftalias_alias *alias,
					    struct ftalias_req *req,
					    struct sk_buff **skb);
bool __ftalias_log_inputs_drop(struct ftalias_alias *alias);

void __ftalias_log_promoted(struct ftalias_alias *alias,
			    struct ftalias_sock *m);
unsigned long __ftalias_log_give(struct ftalias_alias *alias,
				 struct ftalias_sock *to);
void __ftalias_log_info(struct ftalias_alias *alias,
			struct ftalias_log_info *info);
void ftalias_log_destroy(struct ftalias_alias *alias);

/* alias-save's copy of an input: a reference to its message. */
struct ftalias_input_copy {
	struct sk_buff *skb;
	u64 seq;
	bool pending;			/* its request not answered yet */
};

/* Save and restore (save.c, restore.c). */
int ftalias_log_inputs_copy(struct ftalias_alias *alias,
			    struct ftalias_input_copy **copy, u32 *n);
void ftalias_log_inputs_copy_free(struct ftalias_input_copy *copy, u32 n);
struct ftalias_input *ftalias_input_restored(u64 seq,
					     const struct ftalias_id *id,
					     u32 flags, u32 src_port,
					     u32 src_alias, u32 arg_len,
					     u32 len, bool pending);
void ftalias_inputs_free(struct list_head *inputs);
struct ftalias_ckpt_blob *ftalias_log_ckpt_get(struct ftalias_alias *alias);
void ftalias_ckpt_blob_put(struct ftalias_ckpt_blob *blob);
void ftalias_ckpt_blob_read(const struct ftalias_ckpt_blob *blob, u64 off,
			    void *to, u32 len);
struct ftalias_ckpt_blob *ftalias_ckpt_blob_new(u64 seq, u64 bytes);
int ftalias_ckpt_blob_fill(struct ftalias_ckpt_blob *blob, u64 off,
			   const void *data, u32 len);
int ftalias_log_restore(struct ftalias_alias *alias,
			struct ftalias_ckpt_blob *blob,
			struct list_head *inputs);

#endif /* _FTALIAS_LOG_H */
