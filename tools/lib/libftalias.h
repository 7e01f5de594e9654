/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/*
 * libftalias: the PALIB of the fault-tolerant RPC design (seed 000) over
 * AF_FTALIAS sockets.
 *
 * A client calls an alias and waits for the reply (PA_Call); a server
 * member receives requests (PA_Receive), marks its roll-forward point
 * (PA_blockRequest) and records in its alias's replay cache what the
 * kernel does with a re-sent request (PA_setRedProcess): answer it with
 * the recorded reply, or hand it back with the recorded handler argument.
 * A relay member makes requests on behalf of the request it serves; the
 * kernel journals them, and a backup that takes over re-sends them with
 * their IDs.  See Documentation/libftalias.rst and Documentation/uapi.rst.
 *
 * Names: the functions are ftalias_pa_*(), and they are all the shared
 * library exports (libftalias.map): the seed's short names (pa_close()...)
 * are taken by other libraries, PulseAudio's among them.  The types and
 * constants keep their pa_ and PA_ names.  Code written against the short
 * function names defines FTALIAS_PA_SHORT_NAMES before including this
 * header: they are then macros for the long ones.
 *
 * Conventions:
 *  - Every function returns 0 or a negative errno, unless its comment says
 *    otherwise (ftalias_pa_fd(), ftalias_pa_active(), ftalias_pa_pending(),
 *    ftalias_pa_id_str(), ftalias_pa_id_eq()).  errno itself is left as the
 *    failing system call set it.
 *  - A struct pa_sock is used by one thread at a time: the library takes
 *    no lock and keeps no global state.  Two threads need two sockets.
 *  - Timeouts are in milliseconds: a negative timeout waits for ever, 0
 *    does not wait (-EAGAIN when nothing is there), a positive one fails
 *    with -ETIMEDOUT when it expires.  A signal ends a wait with -EINTR.
 *  - Sends may block while the receiver's queue is full (back-pressure);
 *    set SO_SNDTIMEO on ftalias_pa_fd() to bound that.  No call raises
 *    SIGPIPE.
 *  - Pointers in a struct pa_msg into memory of the pa_sock (handler
 *    argument, journal) stay valid until the next ftalias_pa_receive() or
 *    ftalias_pa_close() on that socket.
 */
#ifndef _LIBFTALIAS_H
#define _LIBFTALIAS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <linux/ftalias.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * struct pa_sock - an AF_FTALIAS socket with the library's state: its
 * receive buffers, the IDs whose replies it awaits, and the messages read
 * while waiting for a reply that ftalias_pa_receive() has not returned yet.
 * Opaque; made by ftalias_pa_open() or ftalias_pa_open_member(), freed by
 * ftalias_pa_close().
 */
struct pa_sock;

/**
 * struct pa_member_opts - how to join an alias (ftalias_pa_open_member()).
 * @priority: FTALIAS_PRIORITY, higher is preferred for promotion (the
 *	kernel's default is 0).
 * @role: enum ftalias_member_role: FTALIAS_MEMBER_ROLE_REPLICA (0, the
 *	default) or FTALIAS_MEMBER_ROLE_STANDBY.
 * @ctl_size: bytes of the control-message buffer of each receive, 0 for
 *	PA_CTL_DEFAULT, which holds the largest handler argument and relay
 *	journal the kernel makes.
 *
 * A zeroed structure (or NULL) gives the defaults.
 */
struct pa_member_opts {
	uint32_t priority;
	uint32_t role;
	size_t ctl_size;
};

/*
 * The control buffer of a member.  A handler argument has at most
 * FTALIAS_MSG_MAX bytes; a relay journal at most PA_JOURNAL_RECS requests
 * of FTALIAS_MSG_MAX bytes in all (the kernel's limits, kmod/replay.c).
 * PA_CTL_DEFAULT holds either with its fixed control messages (about 67
 * KiB, allocated once per member socket).  Plain sockets (ftalias_pa_open())
 * get replies and notices only and use a small buffer.
 */
#define PA_JOURNAL_RECS		16
#define PA_CTL_FIXED		(4 * CMSG_SPACE(sizeof(struct ftalias_id)) + \
				 4 * CMSG_SPACE(sizeof(__u32)))
#define PA_CTL_DEFAULT		(PA_CTL_FIXED + \
				 CMSG_SPACE(FTALIAS_MSG_MAX + PA_JOURNAL_RECS * \
					    (sizeof(struct ftalias_journal_rec) + \
					     FTALIAS_JOURNAL_ALIGN)))

/**
 * enum pa_msg_kind - what ftalias_pa_receive() returned.
 * @PA_MSG_REQUEST: a request to the member's alias (FTALIAS_CMSG_ID);
 *	FTALIAS_F_REDELIVERED or FTALIAS_F_RESENT may be set in flags;
 *	FTALIAS_F_REPLAY for an input of the alias's log (input-log) given
 *	again after its checkpoint: apply it and reply as to any request.
 * @PA_MSG_REDUNDANT: a request whose ID has a HANDLER entry in the replay
 *	cache (FTALIAS_F_REDUNDANT): it was executed before; @arg holds the
 *	recorded handler argument.  Recompute the reply from it and answer
 *	with ftalias_pa_reply() (no record needed).
 * @PA_MSG_ORPHAN: an orphan notice (FTALIAS_F_ORPHAN): a member that went
 *	away had the request @id in progress.  The data is the request, the
 *	journal its relay requests.  Resolve it: ftalias_pa_reply() (with
 *	PA_REPLY_RECORD to record it too), ftalias_pa_set_red_process(), or
 *	ftalias_pa_discard() to roll back (the request is then delivered again).
 * @PA_MSG_REPLY: a reply (FTALIAS_CMSG_REPLY_TO); @id is the request it
 *	answers.
 * @PA_MSG_NOTICE: the kernel's failure notice for the request @id; @err
 *	is its negative errno (-EHOSTUNREACH, -EIDRM); no data.
 * @PA_MSG_DATAGRAM: a datagram sent to this socket's port; no ID.
 * @PA_MSG_CHECKPOINT: the alias's latest checkpoint (FTALIAS_F_CHECKPOINT),
 *	given to a member that becomes active before any request, whole:
 *	@arg is the state ftalias_pa_checkpoint() committed (pa_sock
 *	memory), @arg_len its length, @id.alias the alias and @id.xid the
 *	checkpoint's sequence number.  The file writes staged with it
 *	(ftalias_pa_stage_write()) have been made again; @err is the
 *	negative errno of the first that failed, -EBADMSG for a malformed
 *	checkpoint, -EMSGSIZE when the receive buffer was smaller than a
 *	chunk (FTALIAS_MSG_MAX) or -ENOMEM (the state is then incomplete);
 *	@len is the checkpoint's whole length.  Restore the state from
 *	@arg, then serve.
 */
enum pa_msg_kind {
	PA_MSG_REQUEST = 1,
	PA_MSG_REDUNDANT,
	PA_MSG_ORPHAN,
	PA_MSG_REPLY,
	PA_MSG_NOTICE,
	PA_MSG_DATAGRAM,
	PA_MSG_CHECKPOINT,
};

/* struct pa_msg.trunc */
#define PA_TRUNC_DATA	0x1	/* the data did not fit: len > the buffer */
#define PA_TRUNC_CTL	0x2	/* control messages were cut (MSG_CTRUNC):
				 * an argument or journal is incomplete, or
				 * the ID itself is missing.  The kind still
				 * holds: a message with a journal is an
				 * orphan notice, one with an argument is
				 * redundant, even when their flags were cut
				 */

/**
 * struct pa_journal_entry - one request of a relay journal.
 * @id: the ID of the request the member made (re-send it with this ID).
 * @alias: the alias it was sent to.
 * @flags: FTALIAS_J_* of the record.
 * @replied: FTALIAS_J_REPLIED: its reply came back (to the member that
 *	went away: a re-send is answered from the destination's cache).
 * @data: the request's bytes, in the pa_sock's memory.
 * @len: their number.
 */
struct pa_journal_entry {
	struct ftalias_id id;
	uint32_t alias;
	uint32_t flags;
	bool replied;
	const void *data;
	size_t len;
};

/**
 * struct pa_msg - a message read by ftalias_pa_receive().
 * @kind: enum pa_msg_kind.
 * @id: a request's ID (REQUEST, REDUNDANT, ORPHAN) or the ID of the
 *	request answered (REPLY, NOTICE); zero for a datagram.
 * @src: the sender (for an orphan notice, what the kernel reports).
 * @flags: FTALIAS_CMSG_FLAGS, FTALIAS_F_*.
 * @err: PA_MSG_NOTICE: negative errno; PA_MSG_CHECKPOINT: see there;
 *	else 0.
 * @len: bytes of data in the message, even when more than the buffer.
 * @trunc: PA_TRUNC_DATA, PA_TRUNC_CTL.
 * @arg: PA_MSG_REDUNDANT: the handler argument; PA_MSG_CHECKPOINT: the
 *	state (pa_sock memory).
 * @arg_len: its length.
 * @journal: PA_MSG_ORPHAN: the journal, oldest request first (pa_sock
 *	memory); NULL when empty.
 * @journal_len: number of entries.
 */
struct pa_msg {
	enum pa_msg_kind kind;
	struct ftalias_id id;
	struct sockaddr_ftalias src;
	uint32_t flags;
	int err;
	size_t len;
	unsigned int trunc;
	const void *arg;
	size_t arg_len;
	const struct pa_journal_entry *journal;
	size_t journal_len;
};

/**
 * struct pa_stats - counters of a pa_sock (ftalias_pa_get_stats()).
 * @strays: replies and notices a wait dropped: for requests nobody waits
 *	for any more (a ftalias_pa_call() that timed out, ftalias_pa_forget()).
 * @stashed: messages a wait read and kept for ftalias_pa_receive() (requests to
 *	a member, replies to other awaited requests), in all.
 * @ctrunc: messages received with cut control messages.
 */
struct pa_stats {
	uint64_t strays;
	uint64_t stashed;
	uint64_t ctrunc;
};

/* ---- setting up ---------------------------------------------------------- */

/**
 * ftalias_pa_family() - the AF_FTALIAS address family number.
 * @af: set to it.
 *
 * Reads /sys/module/ftalias/parameters/family, else asks the ftalias
 * generic netlink family (af-family of family-info-get).
 *
 * Return: 0, -EAFNOSUPPORT if the module is not loaded, or another
 * negative errno.
 */
int ftalias_pa_family(int *af);

/**
 * ftalias_pa_alias_id() - the id of an alias of the caller's network namespace.
 * @name: its name.
 * @id: set to its id.
 *
 * Asks the ftalias generic netlink family (alias-get by name), over a raw
 * NETLINK_GENERIC socket opened and closed here.
 *
 * Return: 0, -ENOENT if no alias has that name, -EINVAL for a name too
 * long, -EAFNOSUPPORT if the module is not loaded, or another negative
 * errno.
 */
int ftalias_pa_alias_id(const char *name, uint32_t *id);

/**
 * ftalias_pa_open() - a plain client socket (bound to a new port).
 * @ps: set to the new socket.
 *
 * Its requests carry alias 0 and its own transaction counter; they are
 * re-delivered by the kernel when a server member fails.
 *
 * Return: 0, -EAFNOSUPPORT if the module is not loaded, -ENOMEM, or the
 * negative errno of socket() or bind().
 */
int ftalias_pa_open(struct pa_sock **ps);

/**
 * ftalias_pa_open_member() - a socket that joins an alias as a member.
 * @ps: set to the new socket.
 * @alias_id: the alias (ftalias_pa_alias_id()).
 * @opts: priority, role, control buffer; NULL for the defaults.
 *
 * The first member becomes active; later ones are backups, which receive
 * nothing until promoted (ftalias_pa_active()).  Joining needs the alias's join
 * permission.
 *
 * Return: 0, -ENOENT (no such alias), -EPERM (not allowed to join),
 * -EAFNOSUPPORT, -ENOMEM, or another negative errno of socket(),
 * setsockopt() or bind().
 */
int ftalias_pa_open_member(struct pa_sock **ps, uint32_t alias_id,
			   const struct pa_member_opts *opts);

/**
 * ftalias_pa_close() - close the socket and free everything it holds.
 * @ps: the socket; NULL does nothing.
 *
 * The kernel takes the socket's pending requests away (a member's go to
 * the next active member).  Messages the library kept for ftalias_pa_receive()
 * are lost.
 *
 * Return: 0, or the negative errno of close() (the memory is freed
 * anyway).
 */
int ftalias_pa_close(struct pa_sock *ps);

/**
 * ftalias_pa_fd() - the socket's file descriptor, for poll() and socket
 * options.
 * @ps: the socket.
 *
 * Do not read from it directly.  Before sleeping in poll() on it, call
 * ftalias_pa_receive() with timeout 0 until it fails with -EAGAIN (or check
 * ftalias_pa_pending()): messages read during a wait for a reply are kept by
 * the library, not in the socket.
 *
 * Return: the file descriptor.
 */
int ftalias_pa_fd(const struct pa_sock *ps);

/**
 * ftalias_pa_port() - the socket's port and, for a member, its alias.
 * @ps: the socket.
 * @port: set to the port.
 * @alias: set to the alias (0 for a plain socket); may be NULL.
 *
 * Return: 0.
 */
int ftalias_pa_port(const struct pa_sock *ps, uint32_t *port, uint32_t *alias);

/**
 * ftalias_pa_active() - whether the member is the active member of its alias.
 * @ps: a member socket.
 *
 * Return: 1 if active, 0 if not (or a plain socket), or a negative errno.
 */
int ftalias_pa_active(const struct pa_sock *ps);

/* ---- requests and replies (client side) --------------------------------- */

/**
 * ftalias_pa_call() - send a request to an alias and wait for its reply
 * (PA_Call).
 * @ps: the socket.
 * @alias_id: the destination alias.
 * @req: the request.
 * @len: its length, at most FTALIAS_MSG_MAX.
 * @rep: the reply buffer.
 * @rep_size: its size.
 * @rep_len: set to the reply's length (may be NULL).
 * @timeout_ms: how long to wait for the reply, after the send.
 * @id_out: set to the ID the kernel stamped on the request (may be NULL).
 *
 * Failover is transparent: the kernel re-delivers the request to the next
 * active member, or answers it from the alias's replay cache; the call
 * just waits.  Replies and notices for other requests nobody waits for
 * are dropped and counted (pa_stats.strays); requests and other awaited
 * replies read meanwhile are kept for ftalias_pa_receive() and
 * ftalias_pa_wait_reply().
 *
 * When the wait ends without the reply (-ETIMEDOUT, -EINTR, -EAGAIN), the
 * request is still pending in the kernel, which may still deliver and
 * answer it; this socket forgets it and will drop its reply as a stray.
 * To keep waiting after a timeout use ftalias_pa_send() and
 * ftalias_pa_wait_reply().
 *
 * Return: 0; the negative errno of the send (-ENOENT no such alias, -EPERM
 * not allowed to send, -EMSGSIZE, -EAGAIN on a full receiver under
 * SO_SNDTIMEO...); a kernel failure notice's negative errno
 * (-EHOSTUNREACH: no member within the alias's grace period, -EIDRM: the
 * alias was deleted); -EMSGSIZE if the reply was longer than @rep_size
 * (*@rep_len is its length, @rep holds its start); -ETIMEDOUT, -EINTR,
 * -EAGAIN (timeout 0).
 */
int ftalias_pa_call(struct pa_sock *ps, uint32_t alias_id, const void *req,
		    size_t len, void *rep, size_t rep_size, size_t *rep_len,
		    int timeout_ms, struct ftalias_id *id_out);

/**
 * ftalias_pa_call_resend() - re-send a request of this member's alias with its
 * ID and wait for the reply (manual re-send of seed 000 Fig. 7).
 * @ps: a member socket, the active member of its alias.
 * @alias_id: the destination alias.
 * @id: the request's ID, issued by this member's alias (for instance by a
 *	predecessor, from a relay journal).
 * @req: the request (the same bytes as the first time).
 * @len: its length.
 * @rep: the reply buffer.
 * @rep_size: its size.
 * @rep_len: set to the reply's length (may be NULL).
 * @timeout_ms: how long to wait for the reply.
 *
 * If the first request with this ID is still pending (-EALREADY from the
 * kernel), its reply will come to the alias's active member: the call just
 * waits for it.  A request the destination already executed is answered
 * from its replay cache.  Only the active member gets the replies routed
 * to its alias: call this from the active member.
 *
 * Return: as ftalias_pa_call(); -EPERM if @id is not an ID this alias issued.
 */
int ftalias_pa_call_resend(struct pa_sock *ps, uint32_t alias_id,
			   const struct ftalias_id *id, const void *req,
			   size_t len, void *rep, size_t rep_size,
			   size_t *rep_len, int timeout_ms);

/**
 * ftalias_pa_send() - send a request to an alias without waiting.
 * @ps: the socket.
 * @alias_id: the destination alias.
 * @buf: the request.
 * @len: its length.
 * @parent: for a relay member, the request of its own alias it serves
 *	(FTALIAS_CMSG_PARENT): the kernel marks @parent in progress and
 *	journals this request with it until @parent is resolved.  NULL
 *	otherwise.
 * @id_out: set to the request's ID (may be NULL).
 *
 * The ID is then awaited: ftalias_pa_wait_reply() returns its reply,
 * ftalias_pa_receive() too; ftalias_pa_forget() gives up on it.
 *
 * Return: 0, or the negative errno of the send (see ftalias_pa_call()); with
 * @parent: -EPERM for a plain socket, -ENOENT if @parent is not a pending
 * request of the alias, -ENOBUFS when the replay cache is full.
 */
int ftalias_pa_send(struct pa_sock *ps, uint32_t alias_id, const void *buf,
		    size_t len, const struct ftalias_id *parent,
		    struct ftalias_id *id_out);

/**
 * ftalias_pa_resend() - re-send a request with an explicit ID, without waiting.
 * @ps: a member socket.
 * @alias_id: the destination alias.
 * @id: an ID issued by this member's alias.
 * @buf: the request.
 * @len: its length.
 *
 * The ID is awaited afterwards, also when the kernel answers -EALREADY
 * (the first request is still pending: its reply is on its way).
 *
 * Return: 0, -EALREADY, -EPERM (not a member, or not an ID of its alias
 * already issued), or another negative errno of the send.
 */
int ftalias_pa_resend(struct pa_sock *ps, uint32_t alias_id,
		      const struct ftalias_id *id, const void *buf, size_t len);

/**
 * ftalias_pa_wait_reply() - wait for the reply to one request.
 * @ps: the socket.
 * @id: the request's ID (from ftalias_pa_send(), ftalias_pa_resend(), a
 * journal...).
 * @rep: the reply buffer.
 * @size: its size.
 * @rep_len: set to the reply's length (may be NULL).
 * @timeout_ms: how long to wait.
 *
 * Looks first among the messages already read, then reads the socket:
 * other messages are kept for ftalias_pa_receive() (requests, replies to other
 * awaited IDs) or dropped as strays (replies nobody awaits).  @id is
 * awaited from now on if it was not; after a timeout it still is (wait
 * again or ftalias_pa_forget()).
 *
 * Return: 0; a failure notice's negative errno; -EMSGSIZE (reply longer
 * than @size, consumed); -ETIMEDOUT, -EAGAIN (timeout 0), -EINTR; or the
 * negative errno of recvmsg()/poll().
 */
int ftalias_pa_wait_reply(struct pa_sock *ps, const struct ftalias_id *id,
			  void *rep, size_t size, size_t *rep_len,
			  int timeout_ms);

/**
 * ftalias_pa_forget() - stop awaiting a request's reply.
 * @ps: the socket.
 * @id: the request's ID.
 *
 * Its reply, if already kept, is freed; a later one is dropped as a stray
 * by the waits (ftalias_pa_receive() still returns it).
 *
 * Return: 0, or -ENOENT if @id was not awaited.
 */
int ftalias_pa_forget(struct pa_sock *ps, const struct ftalias_id *id);

/* ---- receiving (server side) ------------------------------------------- */

/**
 * ftalias_pa_receive() - the next message of the socket (PA_Receive).
 * @ps: the socket.
 * @m: filled with what the message is.
 * @buf: its data.
 * @size: size of @buf; FTALIAS_MSG_MAX holds any message.
 * @timeout_ms: how long to wait.
 *
 * Returns the messages kept by earlier waits first, in the order they were
 * read, then reads the socket.  Re-sent requests whose ID has an
 * auto-reply entry never come here: the kernel answers them.  A reply
 * returned here is no longer awaited.
 *
 * A request cut short (PA_TRUNC_DATA) can still be answered with its ID; a
 * message with PA_TRUNC_CTL lost part of its control messages: its
 * handler argument or journal is incomplete (a larger
 * pa_member_opts.ctl_size avoids it), or, without an ID, it cannot be
 * answered at all.
 *
 * Return: 0; -EAGAIN (timeout 0) or -ETIMEDOUT when nothing came; -EINTR;
 * -ENOMEM; or the negative errno of recvmsg()/poll().
 */
int ftalias_pa_receive(struct pa_sock *ps, struct pa_msg *m, void *buf,
		       size_t size, int timeout_ms);

/**
 * ftalias_pa_pending() - messages the library holds for ftalias_pa_receive().
 * @ps: the socket.
 *
 * Return: their number (0: ftalias_pa_receive() reads the socket next).
 */
size_t ftalias_pa_pending(const struct pa_sock *ps);

/**
 * ftalias_pa_block_request() - the roll-forward point of a request
 * (PA_blockRequest).
 * @ps: a member socket.
 * @id: a request of the member's alias that it received.
 *
 * From now on a re-sent or re-delivered request with this ID is held until
 * the entry is resolved (reply, record, discard); if this member goes
 * away first, the next active member gets an orphan notice for it.
 *
 * Return: 0; -EPERM (not a member of the request's alias); -ENOENT (no
 * such pending request); -EEXIST (its entry is already resolved);
 * -ENOBUFS (the replay cache is full); -EINVAL.
 */
int ftalias_pa_block_request(struct pa_sock *ps, const struct ftalias_id *id);

/**
 * ftalias_pa_set_red_process() - record what to do with a re-sent request
 * (PA_setRedProcess).
 * @ps: a member socket.
 * @id: the request.
 * @type: FTALIAS_RECORD_AUTO_REPLY: @data is the reply the kernel sends
 *	back to a re-sent request by itself; FTALIAS_RECORD_HANDLER: @data is
 *	the handler argument, and a re-sent request is delivered as
 *	PA_MSG_REDUNDANT with it.
 * @data: the reply or argument.
 * @len: its length, at most FTALIAS_MSG_MAX.
 *
 * Nothing is sent: answer the request with ftalias_pa_reply() as usual.
 * Resolves the block (PA_blockRequest), or the orphan notice, of the request.
 *
 * Return: 0; -EINVAL (another @type, bad length); -EPERM (not a member
 * of the request's alias); -ENOENT (no such request); -ENOBUFS (the
 * replay cache is full).
 */
int ftalias_pa_set_red_process(struct pa_sock *ps, const struct ftalias_id *id,
			       uint32_t type, const void *data, size_t len);

/**
 * ftalias_pa_discard() - roll back: forget the request's replay-cache entry.
 * @ps: a member socket.
 * @id: the request.
 *
 * A request held on the entry is delivered again, as a new one: it will
 * be executed again.  For an orphan notice, this is the roll-back choice.
 *
 * Return: 0, -EPERM, -ENOENT (no entry), -EINVAL.
 */
int ftalias_pa_discard(struct pa_sock *ps, const struct ftalias_id *id);

/* ftalias_pa_reply() flags */
#define PA_REPLY_RECORD	0x1	/* also record the reply as the auto-reply */

/**
 * ftalias_pa_reply() - answer a request.
 * @ps: a member socket of the alias the request was sent to.
 * @id: the request.
 * @data: the reply.
 * @len: its length.
 * @flags: 0 or PA_REPLY_RECORD: record the reply in the replay cache and
 *	send it, in one call (FTALIAS_CMSG_RECORD with the reply).
 *
 * Return: 0 (also for a replayed input, FTALIAS_F_REPLAY, answered
 * already: the kernel drops the reply); -ENOENT (not pending any more:
 * answered, or its requester went away; a server may ignore it); -EPERM
 * (not a member of the request's alias); -EINVAL (unknown @flags);
 * -ENOBUFS (record refused: the replay cache is full; nothing was sent);
 * another negative errno.
 */
int ftalias_pa_reply(struct pa_sock *ps, const struct ftalias_id *id,
		     const void *data, size_t len, unsigned int flags);

/**
 * ftalias_pa_ack() - the alias will not re-send its requests below @xid.
 * @ps: a member socket.
 * @xid: the lowest transaction id the alias may still re-send.
 *
 * Lets the replay caches of the destinations forget the entries of this
 * alias's older requests (FTALIAS_ACK): they go when the alias's next
 * request reaches them.  The value only grows: a lower one is ignored.
 *
 * Return: 0; -EINVAL for a plain socket or an @xid beyond the next one
 * the alias will issue; another negative errno of setsockopt().
 */
int ftalias_pa_ack(struct pa_sock *ps, uint64_t xid);

/**
 * ftalias_pa_stage_write() - stage a file write for the next checkpoint.
 * @ps: the socket, a member of an alias.
 * @path: the file (created if missing, mode 0644), relative to the working
 *	directory, which the member that restores the checkpoint must share;
 *	it must resolve beneath it (no absolute path, no "..", no symbolic
 *	link out of it: the checkpoint comes from whoever may join the alias).
 * @off: where in it.
 * @data: the bytes, copied.
 * @len: how many.
 *
 * Seed 004's buffered file update: the write is not made now but after
 * the next ftalias_pa_checkpoint() committed it with the state, so that
 * the files and the state always match one checkpoint.  Writes are
 * absolute (an offset, not an append): applied twice they give the same
 * file, which is how a crash between the commit and the writes is
 * repaired.
 *
 * Return: 0, -EINVAL (empty, absolute or over-long path, offset out of
 * range) or -ENOMEM.
 */
int ftalias_pa_stage_write(struct pa_sock *ps, const char *path, uint64_t off,
			   const void *data, size_t len);

/**
 * ftalias_pa_checkpoint() - commit a checkpoint of the member's state.
 * @ps: the socket, the active member of its alias.
 * @state: the state, opaque to the kernel.
 * @len: its length; with the staged writes, at most the ckpt_max_bytes
 *	module parameter.
 *
 * Commits @state and the file writes staged since the last checkpoint
 * (ftalias_pa_stage_write()) as the alias's checkpoint, in place of the
 * one before (FTALIAS_CMSG_CHECKPOINT, in chunks of FTALIAS_MSG_MAX),
 * then makes the writes, each followed by fsync().  A member that becomes
 * active later reads it first (PA_MSG_CHECKPOINT), and the library makes
 * its writes again: if this process dies between the commit and its
 * writes, the files still end up as the checkpoint says.  On a failure to
 * commit, nothing is written, the alias keeps the checkpoint it had and
 * the staged writes stay for the next call; once committed, they are made
 * (a failed one does not stop the others) and dropped.
 *
 * The commit happens only on the checkpoint this member last loaded
 * (PA_MSG_CHECKPOINT) or committed (FTALIAS_CKPT_BASE): a member that has
 * not read the checkpoint it was given gets -ESTALE, and must read it
 * (ftalias_pa_receive()) and start from it.
 *
 * Return: 0; -EBUSY (not the active member), -ESTALE (see above), -EPERM
 * (not a member), -EFBIG (over ckpt_max_bytes), -ENOBUFS (over
 * cache_total_bytes),
 * -EIDRM (the alias was deleted), another negative errno of sendmsg();
 * or, committed, the negative errno of the first write that failed (-EXDEV:
 * its path leads out of the working directory; the next restore of this
 * checkpoint tries it again).
 */
int ftalias_pa_checkpoint(struct pa_sock *ps, const void *state, size_t len);

/**
 * ftalias_pa_get_stats() - the socket's counters.
 * @ps: the socket.
 * @st: filled.
 *
 * Return: 0.
 */
int ftalias_pa_get_stats(const struct pa_sock *ps, struct pa_stats *st);

/* ---- IDs ----------------------------------------------------------------- */

#define PA_ID_STRLEN	96

/**
 * ftalias_pa_id_str() - an ID as text, "{alias A port P inc I xid X}" (with
 * "node N " first when the node is not 0).
 * @id: the ID.
 * @buf: where to write it.
 * @size: its size; PA_ID_STRLEN is enough.
 *
 * Return: @buf.
 */
const char *ftalias_pa_id_str(const struct ftalias_id *id, char *buf,
			      size_t size);

/**
 * ftalias_pa_id_eq() - whether two IDs are the same request.
 * @a: an ID.
 * @b: another.
 *
 * Return: true if equal in every field.
 */
static inline bool ftalias_pa_id_eq(const struct ftalias_id *a,
				    const struct ftalias_id *b)
{
	return a->node == b->node && a->alias == b->alias &&
	       a->port == b->port && a->incarnation == b->incarnation &&
	       a->xid == b->xid;
}

/*
 * Opt-in short names, for code written against the seed's PALIB names:
 * macros only, the library exports the ftalias_pa_ symbols alone.
 */
#ifdef FTALIAS_PA_SHORT_NAMES
#define pa_family		ftalias_pa_family
#define pa_alias_id		ftalias_pa_alias_id
#define pa_open			ftalias_pa_open
#define pa_open_member		ftalias_pa_open_member
#define pa_close		ftalias_pa_close
#define pa_fd			ftalias_pa_fd
#define pa_port			ftalias_pa_port
#define pa_active		ftalias_pa_active
#define pa_call			ftalias_pa_call
#define pa_call_resend		ftalias_pa_call_resend
#define pa_send			ftalias_pa_send
#define pa_resend		ftalias_pa_resend
#define pa_wait_reply		ftalias_pa_wait_reply
#define pa_forget		ftalias_pa_forget
#define pa_receive		ftalias_pa_receive
#define pa_pending		ftalias_pa_pending
#define pa_block_request	ftalias_pa_block_request
#define pa_set_red_process	ftalias_pa_set_red_process
#define pa_discard		ftalias_pa_discard
#define pa_reply		ftalias_pa_reply
#define pa_ack			ftalias_pa_ack
#define pa_checkpoint		ftalias_pa_checkpoint
#define pa_stage_write		ftalias_pa_stage_write
#define pa_get_stats		ftalias_pa_get_stats
#define pa_id_str		ftalias_pa_id_str
#define pa_id_eq		ftalias_pa_id_eq
#endif

#ifdef __cplusplus
}
#endif

#endif /* _LIBFTALIAS_H */
