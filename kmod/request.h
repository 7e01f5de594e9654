/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _FTALIAS_REQUEST_H
#define _FTALIAS_REQUEST_H

#include <linux/atomic.h>
#include <linux/skbuff.h>
#include <linux/types.h>
#include <linux/xarray.h>
#include <uapi/linux/ftalias.h>

#include "msg.h"

struct ftalias_rc_client_info;
struct ftalias_rc_snap;
struct ftalias_rc_snap_rec;
struct ftalias_alias;
struct ftalias_net;
struct ftalias_sock;

/*
 * The requests a requester (a socket, or an alias for the requests of its
 * members) sent to aliases and that wait for their reply, by transaction
 * id.  Being in @xa is the ownership of the request's pending state: who
 * erases it (the reply, the requester going away, the kernel failing the
 * request) unlinks it from its destination alias and drops that reference.
 * Every taker but the requester going away (which sets @closed first)
 * erases it under the destination alias's lock and unlinks it in the same
 * hold, so that nothing there delivers a request that was answered.
 * @closed (under the xarray's lock) refuses new requests once the
 * requester goes away.  @pin (under the xarray's lock) is the index of a
 * reserved entry (XA_ZERO_ENTRY) that keeps the leaf of the latest ids
 * allocated between requests; xa_load() and xa_find() do not see it, but
 * xa_empty() does: ftalias_reqs_empty().  @parked (under the xarray's
 * lock) counts the requests restored with an alias that wait for its
 * first active member to be sent (struct ftalias_req).  @frozen and
 * @copying (under the xarray's lock, set with its alias's frozen,
 * ftalias_alias_freeze()) refuse new requests, and takers, while
 * alias-save copies the table; a move keeps @frozen only.  @landing
 * counts the requests of an alias's table that were taken out for a
 * reply, an answer from a cache or a failure notice not yet routed to
 * the alias (struct ftalias_req.landing, which names the table by @gen):
 * the freeze waits for none to be left, so that the copy has each either
 * as a request or as a held reply.  Lock order: see ftalias.h.
 */
struct ftalias_reqs {
	struct xarray xa;
	atomic64_t xid;		/* the last transaction id issued */
	atomic64_t ack;		/* FTALIAS_ACK of an alias's members */
	bool closed;
	bool frozen;		/* its alias is frozen: no new request */
	bool copying;		/* alias-save copies it: nobody takes one */
	u32 parked;
	atomic_t landing;	/* taken out, their answer not routed yet */
	u64 gen;		/* this table, not a later one (never 0) */
	unsigned long pin;	/* a reserved entry keeping a leaf, or 0 */
};

void ftalias_reqs_init(struct ftalias_reqs *reqs);
bool ftalias_reqs_empty(struct ftalias_reqs *reqs);
void ftalias_reqs_close(struct ftalias_reqs *reqs);
int ftalias_reqs_snapshot(struct ftalias_alias *alias,
			  struct ftalias_rc_snap *snap);
int ftalias_reqs_restore(struct ftalias_alias *alias,
			 const struct ftalias_rc_snap_rec *r);
int ftalias_held_snapshot(struct ftalias_alias *alias,
			  struct ftalias_rc_snap *snap);
int ftalias_held_restore(struct ftalias_alias *alias,
			 const struct ftalias_rc_snap_rec *r);

/* How ftalias_send_request() gets the ID of the request. */
enum ftalias_send_mode {
	FTALIAS_SEND_NEW,	/* stamped now */
	FTALIAS_SEND_RESENT,	/* a member re-sends with an ID of its alias */
	FTALIAS_SEND_STAMPED,	/* stamped by ftalias_stamp() before */
};

void ftalias_stamp(struct ftalias_sock *fsk, struct ftalias_id *id);
int ftalias_send_request(struct ftalias_sock *fsk, struct ftalias_alias *alias,
			 struct sk_buff *skb, struct ftalias_id *id,
			 enum ftalias_send_mode mode, long *timeo);
int ftalias_send_reply(struct ftalias_sock *fsk, const struct ftalias_id *id,
		       struct sk_buff *skb, bool nonblock);
int ftalias_request_read(struct ftalias_sock *fsk, struct sk_buff *skb);

void __ftalias_schedule(struct ftalias_alias *alias, unsigned long delay);
int ftalias_alias_note_dst(struct ftalias_alias *alias, u32 dst);
void ftalias_client_gone(struct ftalias_alias *dst, u32 client);
void ftalias_alias_unlock(struct ftalias_alias *alias)
	__releases(&alias->lock);

/* Members writing their alias's replay cache (sendmsg), and netlink. */
int ftalias_record(struct ftalias_sock *fsk, const struct ftalias_record *rec,
		   void *data, u32 len, bool nonblock);
int ftalias_journal_add(struct ftalias_sock *fsk,
			const struct ftalias_id *parent,
			const struct ftalias_id *id, u32 dst,
			struct sk_buff *skb, bool nonblock);
int ftalias_flush_cache(struct ftalias_alias *alias, bool in_progress,
			u32 *flushed);

void ftalias_alias_dp_init(struct ftalias_alias *alias);
void ftalias_remote_net_init(struct ftalias_net *fn);
void ftalias_remote_net_exit(struct ftalias_net *fn);
bool ftalias_alias_dp_kill(struct ftalias_alias *alias);
int ftalias_alias_freeze(struct ftalias_alias *alias);
void ftalias_alias_thaw(struct ftalias_alias *alias);
void ftalias_alias_move(struct ftalias_alias *alias, u32 portid);
bool ftalias_alias_move_claim(struct ftalias_alias *alias, u32 portid);
void ftalias_alias_moves_end(struct ftalias_net *fn, u32 portid);
void ftalias_alias_strays_meet(struct ftalias_net *fn,
			       struct ftalias_alias *alias);
void ftalias_alias_strays_restored(struct ftalias_net *fn,
				   struct ftalias_alias *alias,
				   const struct ftalias_rc_client_info *clients,
				   int n);
void ftalias_alias_forget_dsts(struct ftalias_net *fn,
			       struct ftalias_alias *alias, bool moved);

/* For the membership code (member.c), under the alias's lock. */
void __ftalias_flush_held(struct ftalias_alias *alias);
void __ftalias_hold_reply(struct ftalias_alias *alias, struct sk_buff *skb);
void __ftalias_held_reply_disown(struct ftalias_alias *alias,
				 struct sk_buff *skb);
void ftalias_reqs_disown(struct ftalias_reqs *reqs, struct sock *sk);

#endif /* _FTALIAS_REQUEST_H */
