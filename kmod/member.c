// SPDX-License-Identifier: GPL-2.0
/*
 * Members of an alias: join, leave and member-set, the choice of the
 * active member (promotion) and taking back what a member that stopped
 * being active held (hand-over).  What is taken back is given to the
 * request code (request.c) to hold or deliver again.  The locking rules
 * are in alias.h (alias state), request.h (requests) and sock.h
 * (sockets).
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/ktime.h>
#include <linux/lockdep.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/workqueue.h>
#include <net/sock.h>

#include "alias.h"
#include "cluster.h"
#include "ftalias.h"
#include "log.h"
#include "member.h"
#include "msg.h"
#include "notify.h"
#include "replay.h"
#include "request.h"
#include "sock.h"
#include "trace.h"

/*
 * The alias has no active member any more: its held requests, and those
 * waiting on in-progress entries, fail after the grace period.
 */
static void __ftalias_went_idle(struct ftalias_alias *alias)
{
	lockdep_assert_held(&alias->lock);

	alias->idle_since = ktime_get();
	if (alias->nr_held || alias->rc.waiting)
		__ftalias_schedule(alias, 0);
	/* The answers kept for re-issues: held replies, for grace-ms. */
	if (__ftalias_outputs_idle(alias))
		__ftalias_schedule(alias, msecs_to_jiffies(alias->cfg.grace_ms));
}

/*
 * Make @m the active member (NULL: none) and give it what was held.  Only
 * a change from an active member to none starts the grace period: setting
 * none again (a join, member-set or alias-set that finds no eligible
 * member) must not restart it, or the requests waiting on an orphaned
 * entry would wait for as long as somebody keeps doing that.
 */
static void __ftalias_set_active(struct ftalias_alias *alias,
				 struct ftalias_sock *m)
{
	struct ftalias_sock *old = alias->active;

	lockdep_assert_held(&alias->lock);

	if (alias->nr_seq_members && old != m)
		__ftalias_conn_active_changed(alias, old, m);
	WRITE_ONCE(alias->active, m);
	if (!m) {
		if (old)
			__ftalias_went_idle(alias);
		return;
	}
	WRITE_ONCE(alias->incarnation, alias->incarnation + 1);
	/* Read without the lock by a checkpoint's chunks (log.c). */
	WRITE_ONCE(m->active_inc, alias->incarnation);
	alias->stats.promotions++;
	__ftalias_log_promoted(alias, m);
	trace_ftalias_promotion(alias, old, m);
	__ftalias_flush_held(alias);
}

/* The eligible member with the highest priority, the oldest among equals. */
static struct ftalias_sock *__ftalias_best(struct ftalias_alias *alias,
					   struct ftalias_sock *except)
{
	struct ftalias_sock *m, *best = NULL;

	lockdep_assert_held(&alias->lock);

	list_for_each_entry(m, &alias->members, member_node) {
		if (m == except || m->draining ||
		    m->role != FTALIAS_MEMBER_ROLE_REPLICA)
			continue;
		if (!best || m->priority > best->priority)
			best = m;
	}
	return best;
}

static bool ftalias_policy_auto(const struct ftalias_alias *alias)
{
	return alias->cfg.policy == FTALIAS_PROMOTION_POLICY_AUTO;
}

/*
 * Take the requests of @alias back from member @old: those still in its
 * receive queue and, when @gone (the socket is being released), those it
 * read too, flagged FTALIAS_F_REDELIVERED.  They become held, in send
 * order, for the next active member; but those it read that are logged
 * (input-log) are not delivered again: the next active member reads them
 * with the log's inputs (FTALIAS_F_REPLAY), and the logged inputs left in
 * the queue are dropped.  When @gone, @old is marked dead, the replies
 * in its queue go to the alias's held replies and everything else in the
 * queue is moved to @drop for the caller to free.
 */
static void __ftalias_take_back(struct ftalias_alias *alias,
				struct ftalias_sock *old, bool gone,
				struct sk_buff_head *drop)
{
	struct sk_buff_head *q = &old->sk.sk_receive_queue;
	struct ftalias_skb_cb *cb;
	struct sk_buff *skb, *tmp;
	struct ftalias_req *req;
	unsigned long flags;

	lockdep_assert_held(&alias->lock);

	spin_lock_irqsave(&q->lock, flags);
	if (gone)
		WRITE_ONCE(old->dead, true);
	skb_queue_walk_safe(q, skb, tmp) {
		cb = ftalias_cb(skb);
		if (cb->kind == FTALIAS_MSG_REQUEST) {
			req = cb->req;
			if (req->holder == old && req->dst == alias)
				req->queued = true;
			else if (!gone)
				continue;
			__skb_unlink(skb, q);
			__skb_queue_tail(drop, skb);
		} else if (gone || cb->kind == FTALIAS_MSG_REPLAY ||
			   (cb->to_alias && cb->id.alias == alias->id)) {
			__skb_unlink(skb, q);
			__skb_queue_tail(drop, skb);
		}
	}
	spin_unlock_irqrestore(&q->lock, flags);

	list_for_each_entry(req, &alias->pending, node) {
		if (req->holder != old)
			continue;
		if (!req->queued) {
			if (!gone)
				continue;
			/* A logged one is replayed, but may be dropped. */
			req->flags |= FTALIAS_F_REDELIVERED;
		}
		req->queued = false;
		req->holder = NULL;
		req->held = true;
		req->held_since = ktime_get();
		alias->nr_held++;
		trace_ftalias_request_held(alias, req,
					   FTALIAS_TRACE_HELD_TAKEN_BACK);
	}
	if (gone)
		__ftalias_rc_member_gone(alias, old);

	if (alias->dead)
		return;
	/* Replies to the alias's requests go to the next active member. */
	skb_queue_walk_safe(drop, skb, tmp) {
		cb = ftalias_cb(skb);
		if ((cb->kind != FTALIAS_MSG_REPLY &&
		     cb->kind != FTALIAS_MSG_NOTICE) ||
		    !cb->to_alias || cb->id.alias != alias->id)
			continue;
		__skb_unlink(skb, drop);
		__ftalias_hold_reply(alias, skb);
	}
}

static u32 ftalias_member_state(struct ftalias_alias *alias,
				struct ftalias_sock *m)
{
	if (alias->active == m)
		return FTALIAS_MEMBER_STATE_ACTIVE;
	return m->draining ? FTALIAS_MEMBER_STATE_DRAINING :
			     FTALIAS_MEMBER_STATE_BACKUP;
}

void ftalias_member_info(struct ftalias_alias *alias, struct ftalias_sock *m,
			 struct ftalias_member_info *mi)
{
	lockdep_assert_held(&alias->lock);

	mi->alias_id = alias->id;
	mi->port = m->port;
	mi->pid = pid_vnr(m->pid);
	mi->priority = m->priority;
	mi->role = m->role;
	mi->state = ftalias_member_state(alias, m);
	mi->queue_len = skb_queue_len_lockless(&m->sk.sk_receive_queue);
	mi->incarnation = m->active_inc;
	mi->node = READ_ONCE(ftalias_net(alias->net)->cluster_self);
	mi->remote = false;
	mi->stats = m->stats;
	mi->join_seq = m->join_seq;
}

static void __ftalias_member_wire(struct ftalias_alias *alias,
				  struct ftalias_sock *m,
				  struct ftalias_cluster_member *cmm)
{
	lockdep_assert_held(&alias->lock);

	*cmm = (struct ftalias_cluster_member) {
		.port		= m->port,
		.priority	= m->priority,
		.role		= m->role,
		.state		= ftalias_member_state(alias, m),
	};
}

/*
 * The members of a cluster alias, as this node announces them to the
 * others (cluster.c): the active one first, then in join order, up to
 * FTALIAS_CLUSTER_MAX_MEMBERS.  Taken after each change, under the table
 * lock, so that the announcements follow the changes in order.
 */
static void __ftalias_member_announce(struct ftalias_net *fn,
				      struct ftalias_alias *alias)
{
	struct ftalias_cluster_members *cm;
	struct ftalias_sock *m;
	u32 nr;

	lockdep_assert_held(&fn->lock);

	if (alias->cfg.scope != FTALIAS_ALIAS_SCOPE_CLUSTER)
		return;
	/* Members join and leave under the table lock: @nr_members holds. */
	cm = ftalias_cluster_members_alloc(min_t(u32, READ_ONCE(alias->nr_members),
						 FTALIAS_CLUSTER_MAX_MEMBERS),
					   GFP_KERNEL_ACCOUNT);
	if (!cm) {
		pr_warn_ratelimited("members of alias %u not announced\n",
				    alias->id);
		return;
	}
	nr = 0;
	spin_lock(&alias->lock);
	/* Gone: its withdrawal was announced (__ftalias_alias_unlink()). */
	if (alias->dead) {
		spin_unlock(&alias->lock);
		kfree(cm);
		return;
	}
	if (alias->active && cm->nr)
		__ftalias_member_wire(alias, alias->active, &cm->m[nr++]);
	list_for_each_entry(m, &alias->members, member_node)
		if (m != alias->active && nr < cm->nr)
			__ftalias_member_wire(alias, m, &cm->m[nr++]);
	spin_unlock(&alias->lock);
	cm->nr = nr;
	ftalias_cluster_announce(fn, alias->id, cm);
}

/* Notifications collected under the alias's lock, sent after it. */
struct ftalias_events {
	struct ftalias_member_info mi[4];
	u8 cmd[4];
	unsigned int n;
};

static void __ftalias_event(struct ftalias_events *ev,
			    struct ftalias_alias *alias,
			    struct ftalias_sock *m, u8 cmd)
{
	lockdep_assert_held(&alias->lock);

	if (!m || WARN_ON_ONCE(ev->n == ARRAY_SIZE(ev->mi)))
		return;
	ftalias_member_info(alias, m, &ev->mi[ev->n]);
	/* Listeners may be in any pid namespace: the initial one's pid. */
	ev->mi[ev->n].pid = pid_nr(m->pid);
	ev->cmd[ev->n++] = cmd;
}

static void __ftalias_events_send(struct ftalias_net *fn, struct net *net,
				  struct ftalias_alias *alias,
				  const struct ftalias_events *ev)
{
	unsigned int i;

	lockdep_assert_held(&fn->lock);

	if (!ev->n)
		return;
	fn->genid++;
	for (i = 0; i < ev->n; i++)
		__ftalias_nl_member_notify(net, &ev->mi[i], ev->cmd[i]);
	__ftalias_member_announce(fn, alias);
}

/**
 * ftalias_member_join() - make a bound socket a member of an alias
 * @fn: the namespace's ftalias state
 * @fsk: the socket, with its port and @fsk->alias set
 * @alias: the alias, referenced by @fsk->alias
 *
 * Return: 0, -ENOENT when the alias was deleted meanwhile, -EPROTOTYPE when
 * the alias's members are of another socket type, or @fsk is a
 * SOCK_SEQPACKET socket and the alias has requests.
 */
int ftalias_member_join(struct ftalias_net *fn, struct ftalias_sock *fsk,
			struct ftalias_alias *alias)
{
	struct ftalias_events ev = {};
	struct ftalias_sock *next;
	bool seq, all_seq;
	int err = 0;

	mutex_lock(&fn->lock);
	spin_lock(&alias->lock);
	if (alias->dead) {
		err = -ENOENT;
		goto out;
	}
	/*
	 * The members of an alias are of one socket type.  Connections
	 * (SOCK_SEQPACKET) carry no request: an alias that has request state
	 * (pending, held, in progress) takes no such member.
	 */
	seq = fsk->sk.sk_type == SOCK_SEQPACKET;
	all_seq = alias->nr_seq_members == alias->nr_members;
	if (alias->nr_members && all_seq != seq) {
		err = -EPROTOTYPE;
		goto out;
	}
	if (seq && (alias->nr_pending || alias->rc.nr_in_progress ||
		    !skb_queue_empty(&alias->held_replies) ||
		    !ftalias_reqs_empty(&alias->reqs))) {
		err = -EPROTOTYPE;
		goto out;
	}
	alias->nr_seq_members += seq;
	fsk->join_seq = ++alias->join_seq;
	list_add_tail(&fsk->member_node, &alias->members);
	alias->nr_members++;
	next = NULL;
	if (!alias->active && ftalias_policy_auto(alias)) {
		next = __ftalias_best(alias, NULL);
		__ftalias_set_active(alias, next);
	}
	__ftalias_event(&ev, alias, fsk, FTALIAS_CMD_MEMBER_JOIN_NTF);
	if (next != fsk)
		__ftalias_event(&ev, alias, next, FTALIAS_CMD_MEMBER_CHANGE_NTF);
out:
	ftalias_alias_unlock(alias);
	__ftalias_events_send(fn, sock_net(&fsk->sk), alias, &ev);
	mutex_unlock(&fn->lock);
	return err;
}

/**
 * ftalias_member_leave() - a member's socket is released
 * @fn: the namespace's ftalias state
 * @fsk: the socket
 *
 * Its requests, read or not, go to the next active member (promoted now if
 * it was the active one and the policy is auto), or are held.
 */
void ftalias_member_leave(struct ftalias_net *fn, struct ftalias_sock *fsk)
{
	struct ftalias_alias *alias = fsk->alias;
	struct ftalias_events ev = {};
	struct ftalias_sock *next;
	struct sk_buff_head drop;
	struct sk_buff *skb;

	__skb_queue_head_init(&drop);
	mutex_lock(&fn->lock);
	spin_lock(&alias->lock);
	__ftalias_event(&ev, alias, fsk, FTALIAS_CMD_MEMBER_LEAVE_NTF);
	trace_ftalias_member_leave(alias, fsk);
	list_del_init(&fsk->member_node);
	alias->nr_members--;
	alias->nr_seq_members -= fsk->sk.sk_type == SOCK_SEQPACKET;
	__ftalias_take_back(alias, fsk, true, &drop);
	/* Its requests answered while it was the alias's: see above. */
	skb_queue_walk(&alias->held_replies, skb)
		__ftalias_held_reply_disown(alias, skb);
	__ftalias_outputs_disown(alias);
	if (alias->active == fsk) {
		next = NULL;
		if (!alias->dead && ftalias_policy_auto(alias))
			next = __ftalias_best(alias, NULL);
		if (next) {
			/*
			 * From @fsk, still alias->active: the promotion's
			 * old_port is the member that left.  Its connections
			 * already ended (ftalias_conn_sock_release()).
			 */
			__ftalias_set_active(alias, next);
			__ftalias_event(&ev, alias, next,
					FTALIAS_CMD_MEMBER_CHANGE_NTF);
		} else {
			WRITE_ONCE(alias->active, NULL);
			__ftalias_went_idle(alias);
		}
	}
	if (alias->active)
		__ftalias_flush_held(alias);
	else if (alias->nr_held || alias->rc.waiting)
		/* Held requests, and those waiting on what it owned. */
		__ftalias_schedule(alias, 0);
	ftalias_alias_unlock(alias);
	__ftalias_events_send(fn, sock_net(&fsk->sk), alias, &ev);
	mutex_unlock(&fn->lock);

	__skb_queue_purge(&drop);
	ftalias_reqs_disown(&alias->reqs, &fsk->sk);
	ftalias_wake_senders(fsk);
}

struct ftalias_sock *__ftalias_member_by_port(struct ftalias_alias *alias,
					      u32 port)
{
	struct ftalias_sock *m;

	lockdep_assert_held(&alias->lock);

	list_for_each_entry(m, &alias->members, member_node)
		if (m->port == port)
			return m;
	return NULL;
}

/**
 * __ftalias_member_set() - change a member (netlink member-set)
 * @fn: the namespace's ftalias state, its lock held
 * @net: the namespace
 * @alias: alias in the table
 * @port: port of the member
 * @prio: new priority, or NULL
 * @state: new enum ftalias_member_state, or NULL
 * @extack: where to say why it failed
 *
 * Return: 0, -ENOENT (no such member), -EBUSY (demoting the only eligible
 * member of an alias with the auto policy).
 */
int __ftalias_member_set(struct ftalias_net *fn, struct net *net,
			 struct ftalias_alias *alias, u32 port, const u32 *prio,
			 const u32 *state, struct netlink_ext_ack *extack)
{
	struct ftalias_sock *m, *old = NULL, *next = NULL;
	struct ftalias_events ev = {};
	struct sk_buff_head drop;
	bool wake = false;
	int err = 0;

	lockdep_assert_held(&fn->lock);

	__skb_queue_head_init(&drop);
	spin_lock(&alias->lock);
	m = __ftalias_member_by_port(alias, port);
	if (!m) {
		NL_SET_ERR_MSG(extack, "no member with this port in the alias");
		err = -ENOENT;
		goto out;
	}
	old = alias->active;
	if (state && *state != FTALIAS_MEMBER_STATE_ACTIVE && old == m) {
		next = __ftalias_best(alias, m);
		if (!next && ftalias_policy_auto(alias) &&
		    *state == FTALIAS_MEMBER_STATE_BACKUP) {
			NL_SET_ERR_MSG(extack,
				       "no other eligible member to take over");
			err = -EBUSY;
			goto out;
		}
		if (!ftalias_policy_auto(alias))
			next = NULL;
	}

	if (prio)
		m->priority = *prio;
	if (state) {
		m->draining = *state == FTALIAS_MEMBER_STATE_DRAINING;
		if (*state == FTALIAS_MEMBER_STATE_ACTIVE && old != m) {
			if (old)
				__ftalias_take_back(alias, old, false, &drop);
			__ftalias_set_active(alias, m);
			__ftalias_event(&ev, alias, old,
					FTALIAS_CMD_MEMBER_CHANGE_NTF);
		} else if (*state != FTALIAS_MEMBER_STATE_ACTIVE && old == m) {
			__ftalias_take_back(alias, m, false, &drop);
			__ftalias_set_active(alias, next);
			__ftalias_event(&ev, alias, next,
					FTALIAS_CMD_MEMBER_CHANGE_NTF);
		}
	}
	/* A member made eligible (or a new priority) may fill the vacancy. */
	if (!alias->active && ftalias_policy_auto(alias)) {
		next = __ftalias_best(alias, NULL);
		__ftalias_set_active(alias, next);
		if (next != m)
			__ftalias_event(&ev, alias, next,
					FTALIAS_CMD_MEMBER_CHANGE_NTF);
	}
	__ftalias_event(&ev, alias, m, FTALIAS_CMD_MEMBER_CHANGE_NTF);
	wake = old && old != alias->active;
out:
	ftalias_alias_unlock(alias);
	__ftalias_events_send(fn, net, alias, &ev);
	__skb_queue_purge(&drop);
	/* Senders waiting for room in the old active member go elsewhere;
	 * the table's lock keeps @old from being released meanwhile.
	 */
	if (wake)
		ftalias_wake_senders(old);
	return err;
}

/**
 * __ftalias_alias_set_cfg() - replace the configuration of an alias
 * @fn: the namespace's ftalias state, its lock held
 * @net: the namespace
 * @alias: alias in the table
 * @cfg: the new configuration
 *
 * An alias turning to the auto policy without an active member gets one.
 */
void __ftalias_alias_set_cfg(struct ftalias_net *fn, struct net *net,
			     struct ftalias_alias *alias,
			     const struct ftalias_alias_cfg *cfg)
{
	struct ftalias_events ev = {};
	struct ftalias_sock *next;

	lockdep_assert_held(&fn->lock);

	spin_lock(&alias->lock);
	/* The answers kept for the outputs' re-issue become held. */
	if (alias->cfg.input_log && !cfg->input_log &&
	    __ftalias_log_inputs_drop(alias)) {
		__ftalias_schedule(alias, msecs_to_jiffies(alias->cfg.grace_ms));
		__ftalias_flush_held(alias);
	}
	__ftalias_alias_cfg_store(alias, cfg);
	if (!alias->active && ftalias_policy_auto(alias)) {
		next = __ftalias_best(alias, NULL);
		__ftalias_set_active(alias, next);
		__ftalias_event(&ev, alias, next, FTALIAS_CMD_MEMBER_CHANGE_NTF);
	}
	ftalias_alias_unlock(alias);
	__ftalias_events_send(fn, net, alias, &ev);
}
