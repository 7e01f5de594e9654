/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/*
 * AF_FTALIAS: fault-tolerant request/reply messaging over port aliases.
 *
 * The socket API.  The address family number is not fixed: read it from
 * the "af-family" attribute of the ftalias generic netlink family
 * (FTALIAS_CMD_FAMILY_INFO_GET) or from
 * /sys/module/ftalias/parameters/family.  See
 * Documentation/uapi.rst for the semantics and the errors of every call.
 */
#ifndef _UAPI_LINUX_FTALIAS_H
#define _UAPI_LINUX_FTALIAS_H

#include <linux/types.h>
#include <linux/socket.h>
#include <linux/ftalias_genl.h>

/* Level of the socket options and control messages below. */
#define SOL_FTALIAS		0x4654

/* Largest message, in bytes, for every socket type. */
#define FTALIAS_MSG_MAX		65536

/* struct sockaddr_ftalias.sfa_type */
enum ftalias_addr_type {
	FTALIAS_ADDR_PORT = 1,	/* a socket: sfa_port */
	FTALIAS_ADDR_ALIAS,	/* an alias: sfa_alias (and sfa_port when
				 * the address names a member)
				 */
};

/*
 * An AF_FTALIAS address.  sfa_node 0 is this node.  In bind(), sfa_port
 * must be 0: the kernel assigns the port; getsockname() reports it.
 */
struct sockaddr_ftalias {
	__kernel_sa_family_t	sfa_family;
	__u16			sfa_type;	/* enum ftalias_addr_type */
	__u32			sfa_node;
	__u32			sfa_alias;
	__u32			sfa_port;
};

/*
 * The ID the kernel stamps on every request sent to an alias.  A request
 * sent by a member of an alias carries that alias, the port of the member,
 * the alias incarnation and a transaction id from the alias's counter (so
 * a backup continues the sequence); one sent by any other socket carries
 * alias 0, its port, incarnation 0 and the socket's own counter.  The
 * first transaction id is 1.  IDs are compared as a whole.
 */
struct ftalias_id {
	__u32	node;
	__u32	alias;
	__u32	port;
	__u32	incarnation;
	__u64	xid;
};

/*
 * The TIPC service ftalias publishes, at cluster scope, from its node
 * socket when cluster mode is on (ftaliasctl cluster set enable); the
 * instance is the publishing node's TIPC address.  Other nodes take
 * messages of the cluster protocol only from the socket that publishes
 * it for its own node.
 */
#define FTALIAS_TIPC_NODE	0x46540000

/* Socket options, level SOL_FTALIAS. */
enum {
	FTALIAS_PRIORITY = 1,	/* __u32, before bind(); higher is preferred */
	FTALIAS_ROLE,		/* __u32 enum ftalias_member_role, before
				 * bind()
				 */
	FTALIAS_ACTIVE,		/* __u32, read-only: 1 if the active member */
	FTALIAS_INCARNATION,	/* __u32, read-only: the alias incarnation */
	FTALIAS_LAST_ID,	/* struct ftalias_id, read-only: of the last
				 * request this socket sent to an alias
				 */
	FTALIAS_ACK,		/* __u64, members: the alias will not re-send
				 * its requests with a transaction id below
				 * this one, so the replay caches may forget
				 * them (RIFL's ack; only grows)
				 */
	FTALIAS_IDENTITY,	/* struct ftalias_identity, SOCK_SEQPACKET,
				 * before connect(): who this side is to
				 * the peer; read: the identity sent
				 */
	FTALIAS_PEER_IDENTITY,	/* struct ftalias_identity, read-only: of
				 * the connected peer
				 */
	FTALIAS_CONN_INFO,	/* struct ftalias_conn_info, read-only: the
				 * connection's entry in the table
				 */
};

/*
 * The identity a SOCK_SEQPACKET socket carries in its connection
 * handshake: the seed's "port number message".  The connection table
 * keys the newest-wins rule on the local endpoint and (node, alias, port):
 * a new connection with the identity of an older one to the same
 * endpoint drops the older one.
 *
 * Set with FTALIAS_IDENTITY before connect(): either @alias (an alias the
 * caller's process is a member of, through any of its sockets) or @port
 * (a port of one of the caller's sockets), not both; @node 0 (this node).
 * @name is informative: NUL-terminated, empty for the default (the alias
 * name, or the process name).  Without FTALIAS_IDENTITY, a socket bound
 * to an alias connects with that alias; any other with its own port,
 * which no other connection can share, so the rule never drops one.
 */
#define FTALIAS_IDENTITY_NAME_LEN	32

struct ftalias_identity {
	__u32	node;
	__u32	alias;
	__u32	port;
	__u32	flags;		/* 0 */
	char	name[FTALIAS_IDENTITY_NAME_LEN];
};

/* FTALIAS_CONN_INFO */
struct ftalias_conn_info {
	__u32	id;		/* handle in the table (conn-get, conn-drop) */
	__u32	state;		/* enum ftalias_conn_state */
	__u64	seq;		/* the table's counter at establishment */
	__s64	est_sec;	/* establishment time, wall clock */
	__u32	est_usec;
	__u32	reserved;
};

/*
 * Control messages, level SOL_FTALIAS.
 *
 * sendmsg():
 *   FTALIAS_CMSG_ID        struct ftalias_id: re-send a request with this
 *                          ID instead of a new one (members only, for an
 *                          ID of their own alias, already issued).
 *   FTALIAS_CMSG_REPLY_TO  struct ftalias_id: this message is the reply to
 *                          that request; no destination address.
 *   FTALIAS_CMSG_ID_OUT    __u64, a user address: the kernel writes the
 *                          stamped struct ftalias_id there (as
 *                          RDS_CMSG_RDMA_MAP writes its cookie).
 *   FTALIAS_CMSG_RECORD    struct ftalias_record: members only, write to
 *                          the replay cache of the member's alias for a
 *                          request sent to it.  Alone (no address, no
 *                          FTALIAS_CMSG_REPLY_TO), nothing is sent: BLOCK
 *                          and DISCARD take no data, AUTO_REPLY records
 *                          the data as the reply, HANDLER records it as
 *                          the handler argument.  With FTALIAS_CMSG_REPLY_TO
 *                          naming the same ID, only AUTO_REPLY: the reply
 *                          is recorded and sent.
 *   FTALIAS_CMSG_PARENT    struct ftalias_id: members only, on a request
 *                          to an alias: the request is made while serving
 *                          this request of the member's alias (relay).
 *                          The parent becomes in progress (as BLOCK) and
 *                          the request is journaled with it until the
 *                          parent is answered or its entry resolved.
 *   FTALIAS_CMSG_CHECKPOINT  struct ftalias_ckpt: the active member only,
 *                          alone (no address, no other control message):
 *                          the data is the next chunk of a checkpoint of
 *                          the member's state.  FTALIAS_CKPT_MORE on
 *                          every chunk but the last; the last commits the
 *                          chunks as the alias's checkpoint, in place of
 *                          the one before.  FTALIAS_CKPT_ABORT (no data)
 *                          drops the chunks sent so far.
 *   FTALIAS_CMSG_CKPT_INPUT  struct ftalias_id: with the last chunk of a
 *                          checkpoint only (input-log): the ID of the last
 *                          input the state holds.  The inputs read after
 *                          it (a library reading ahead while it waits for
 *                          a reply) stay in the log, replayed after the
 *                          checkpoint.  Without it, the checkpoint holds
 *                          every input the member read.
 *
 * recvmsg():
 *   FTALIAS_CMSG_ID        struct ftalias_id of a request.
 *   FTALIAS_CMSG_REPLY_TO  struct ftalias_id: the request this answers.
 *   FTALIAS_CMSG_FLAGS     __u32 FTALIAS_F_* (only when not zero).
 *   FTALIAS_CMSG_ERRNO     __u32 positive errno: the request named by
 *                          FTALIAS_CMSG_REPLY_TO failed in the kernel
 *                          (EHOSTUNREACH: no member within the grace
 *                          period; EIDRM: the alias was deleted).  The
 *                          message has no data.
 *   FTALIAS_CMSG_HANDLER_ARG  bytes: with FTALIAS_F_REDUNDANT, the handler
 *                          argument recorded for the request's ID.
 *   FTALIAS_CMSG_JOURNAL   with FTALIAS_F_ORPHAN: the relay journal of the
 *                          orphaned request, a sequence of struct
 *                          ftalias_journal_rec, each followed by its
 *                          request's bytes padded to FTALIAS_JOURNAL_ALIGN.
 *   FTALIAS_CMSG_CHECKPOINT  struct ftalias_ckpt, with FTALIAS_F_CHECKPOINT:
 *                          a chunk of the alias's latest checkpoint, given
 *                          to a member that becomes active before any
 *                          request; FTALIAS_CKPT_MORE on all but the last.
 *                          With the alias's input-log, the inputs read
 *                          after it follow (FTALIAS_F_REPLAY, with their
 *                          FTALIAS_CMSG_ID), then live requests.
 */
enum {
	FTALIAS_CMSG_ID = 1,
	FTALIAS_CMSG_REPLY_TO,
	FTALIAS_CMSG_ID_OUT,
	FTALIAS_CMSG_FLAGS,
	FTALIAS_CMSG_ERRNO,
	FTALIAS_CMSG_RECORD,
	FTALIAS_CMSG_PARENT,
	FTALIAS_CMSG_HANDLER_ARG,
	FTALIAS_CMSG_JOURNAL,
	FTALIAS_CMSG_CHECKPOINT,
	FTALIAS_CMSG_CKPT_INPUT,
};

/* FTALIAS_CMSG_FLAGS */
#define FTALIAS_F_REDELIVERED	0x1	/* taken before by a member that went
					 * away: it may have been executed
					 */
#define FTALIAS_F_RESENT	0x2	/* re-sent by a member with its ID */
#define FTALIAS_F_REDUNDANT	0x4	/* already executed: its entry asks for
					 * the handler (FTALIAS_CMSG_HANDLER_ARG)
					 */
#define FTALIAS_F_ORPHAN	0x8	/* orphan notice: a member that went
					 * away had this request in progress;
					 * resolve it (reply, record, discard)
					 */
#define FTALIAS_F_CHECKPOINT	0x10	/* a chunk of the alias's checkpoint
					 * (FTALIAS_CMSG_CHECKPOINT): restore
					 * the state from it
					 */
#define FTALIAS_F_REPLAY	0x20	/* an input logged after the alias's
					 * checkpoint (input-log), given again
					 * in the order it was read: apply it;
					 * a reply to it is dropped if it was
					 * answered already
					 */

/*
 * FTALIAS_CMSG_CHECKPOINT.  A checkpoint is an opaque blob of at most the
 * ckpt_max_bytes module parameter (default 16 MiB), sent and received in
 * chunks of at most FTALIAS_MSG_MAX bytes.  @seq, in recvmsg(): the
 * checkpoint's sequence number in the alias (the alias-get attribute
 * ckpt-seq); in sendmsg(), with FTALIAS_CKPT_BASE (the last chunk only):
 * the sequence number of the checkpoint the state was built on (0: none),
 * which the commit requires to be the alias's, else ESTALE; 0 otherwise.
 * A commit numbers the new checkpoint one above the one it replaces.
 */
struct ftalias_ckpt {
	__u32	flags;		/* FTALIAS_CKPT_* */
	__u32	reserved;	/* 0 */
	__u64	seq;
};

#define FTALIAS_CKPT_MORE	0x1	/* more chunks follow */
#define FTALIAS_CKPT_ABORT	0x2	/* sendmsg(): drop the chunks sent */
#define FTALIAS_CKPT_BASE	0x4	/* sendmsg(), the last chunk: commit
					 * only on checkpoint @seq
					 */

/*
 * The replay cache (stable area) of an alias, written by its members with
 * FTALIAS_CMSG_RECORD.  An entry is keyed by the whole request ID.  A
 * request arriving with the ID of an entry is: answered by the kernel with
 * the recorded reply (AUTO_REPLY), delivered with FTALIAS_F_REDUNDANT and
 * the recorded argument (HANDLER), or held until the entry is resolved
 * (in progress, after BLOCK).  See Documentation/uapi.rst.
 */
enum ftalias_record_type {
	FTALIAS_RECORD_BLOCK = 1,	/* in progress: the roll-forward point */
	FTALIAS_RECORD_AUTO_REPLY,	/* the data is the reply to re-send */
	FTALIAS_RECORD_HANDLER,		/* the data is the handler argument */
	FTALIAS_RECORD_DISCARD,		/* roll back: forget the entry */
};

struct ftalias_record {
	struct ftalias_id	id;
	__u32			type;	/* enum ftalias_record_type */
	__u32			flags;	/* 0 */
};

/* One request of a relay journal, in FTALIAS_CMSG_JOURNAL. */
struct ftalias_journal_rec {
	struct ftalias_id	id;	/* of the request made */
	__u32			alias;	/* its destination */
	__u32			flags;	/* FTALIAS_J_* */
	__u32			len;	/* bytes following this header */
	__u32			reserved;
};

#define FTALIAS_J_REPLIED	0x1	/* its reply came back */
#define FTALIAS_JOURNAL_ALIGN	8

#endif /* _UAPI_LINUX_FTALIAS_H */
