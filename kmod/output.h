/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _FTALIAS_OUTPUT_H
#define _FTALIAS_OUTPUT_H

#include <linux/list.h>
#include <linux/skbuff.h>
#include <linux/types.h>
#include <uapi/linux/ftalias.h>

struct ftalias_alias;
struct ftalias_sock;

/* The buckets of an alias's outputs by transaction id. */
#define FTALIAS_OUTPUT_HASH_BITS	8

/*
 * An output of the alias log (input-log on): a request the active member
 * sent since the alias's latest checkpoint, with the ID it was stamped
 * with, so that a member replaying the inputs re-issues it under that ID
 * (and the destination's replay cache answers it).  @dst, @len and @sum
 * (the CRC-32 of its bytes, ftalias_output_sum()) tell that the request
 * re-issued is the same one.  @answer is its reply (or
 * failure notice) kept for the member that is to re-issue it; @landing,
 * that the request left its table for an answer not routed yet.
 */
struct ftalias_output {
	struct list_head node;		/* in the outputs, as sent */
	struct hlist_node hnode;	/* in the hash, by id.xid */
	struct ftalias_id id;
	u64 seq;			/* numbered in the alias */
	u32 dst;			/* the destination alias's id */
	u32 len;
	u32 sum;
	bool landing;
	struct sk_buff *answer;
};

/*
 * The outputs of an alias (struct ftalias_alias.outputs, output.c), under
 * the xa_lock of the alias's requester table (@reqs), which also stamps
 * its members' IDs: @list as sent, the oldest first, and @hash (allocated
 * with the first) the same by xid.  @next is the first output the member
 * of active period @inc has not issued again yet (NULL: it issued them
 * all); a member that becomes active starts from the first
 * (__ftalias_outputs_promoted()).
 */
struct ftalias_outputs {
	struct list_head list;
	struct hlist_head *hash;
	struct ftalias_output *next;
	u64 seq;
	u32 nr;
	u32 inc;
	u64 reissued;			/* stats: requests-reissued */
};

/* How __ftalias_output_take() says a request of a member is stamped. */
enum ftalias_output_verdict {
	FTALIAS_OUTPUT_NONE,		/* not an output: a new ID */
	FTALIAS_OUTPUT_NEW,		/* a new ID, logged once sent */
	FTALIAS_OUTPUT_REISSUE,		/* the logged ID: sent again */
	FTALIAS_OUTPUT_ANSWERED,	/* the logged ID, answered: not sent */
	FTALIAS_OUTPUT_FULL,		/* log_max_inputs outputs: -ENOBUFS */
	FTALIAS_OUTPUT_FROZEN,		/* alias-save copies it: wait */
};

/* alias-save's copy of an output (output record), and a restore's. */
struct ftalias_output_copy {
	struct ftalias_id id;
	u32 dst;
	u32 len;
	u32 sum;
};

void ftalias_outputs_init(struct ftalias_outputs *outs);
int ftalias_outputs_copy(struct ftalias_alias *alias,
			 struct ftalias_output_copy **copy, u32 *n);
int ftalias_output_restore(struct ftalias_alias *alias,
			   const struct ftalias_output_copy *c);
int ftalias_output_prepare(struct ftalias_alias *alias,
			   struct ftalias_sock *fsk,
			   struct ftalias_output **out);
enum ftalias_output_verdict
ftalias_output_take(struct ftalias_alias *alias, struct ftalias_sock *fsk,
		    u32 dst, const struct sk_buff *skb, u32 *sum,
		    struct ftalias_id *id, struct sk_buff_head *answers);
void ftalias_output_untake(struct ftalias_alias *alias,
			   struct ftalias_sock *fsk,
			   const struct ftalias_id *id);
void __ftalias_output_add(struct ftalias_alias *alias,
			  struct ftalias_sock *fsk,
			  const struct ftalias_id *id, u32 dst, u32 len,
			  u32 sum, struct ftalias_output **out);
void __ftalias_output_landing(struct ftalias_alias *alias,
			      const struct ftalias_id *id);
bool __ftalias_output_keep(struct ftalias_alias *alias, struct sk_buff *skb);
void __ftalias_outputs_promoted(struct ftalias_alias *alias,
				struct ftalias_sock *m, bool replays);
void __ftalias_outputs_trim(struct ftalias_alias *alias);
bool __ftalias_outputs_drop(struct ftalias_alias *alias, bool dead);
bool __ftalias_outputs_idle(struct ftalias_alias *alias);
void __ftalias_outputs_disown(struct ftalias_alias *alias);
void __ftalias_outputs_info(struct ftalias_alias *alias, u32 *nr,
			    u64 *reissued);

#endif /* _FTALIAS_OUTPUT_H */
