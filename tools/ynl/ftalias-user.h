/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/ftalias.yaml */
/* YNL-GEN user header */

#ifndef _LINUX_FTALIAS_GEN_H
#define _LINUX_FTALIAS_GEN_H

#include <stdlib.h>
#include <string.h>
#include <linux/types.h>
#include <linux/ftalias_genl.h>

struct ynl_sock;

extern const struct ynl_family ynl_ftalias_family;

/* Enums */
const char *ftalias_op_str(int op);
const char *ftalias_promotion_policy_str(enum ftalias_promotion_policy value);
const char *ftalias_member_role_str(enum ftalias_member_role value);
const char *ftalias_member_state_str(enum ftalias_member_state value);
const char *ftalias_cache_state_str(enum ftalias_cache_state value);
const char *ftalias_conn_state_str(enum ftalias_conn_state value);
const char *ftalias_conn_drop_reason_str(enum ftalias_conn_drop_reason value);
const char *ftalias_node_state_str(enum ftalias_node_state value);
const char *ftalias_alias_scope_str(enum ftalias_alias_scope value);

/* Common nested types */
struct ftalias_alias_stats {
	struct {
		__u32 sent:1;
		__u32 delivered:1;
		__u32 redelivered:1;
		__u32 resent:1;
		__u32 replies:1;
		__u32 held:1;
		__u32 failed:1;
		__u32 promotions:1;
		__u32 checkpoints:1;
		__u32 ckpt_loads:1;
		__u32 inputs_logged:1;
		__u32 inputs_replayed:1;
		__u32 replay_suppressed:1;
		__u32 requests_reissued:1;
	} _present;

	__u64 sent;
	__u64 delivered;
	__u64 redelivered;
	__u64 resent;
	__u64 replies;
	__u64 held;
	__u64 failed;
	__u64 promotions;
	__u64 checkpoints;
	__u64 ckpt_loads;
	__u64 inputs_logged;
	__u64 inputs_replayed;
	__u64 replay_suppressed;
	__u64 requests_reissued;
};

struct ftalias_cache_stats {
	struct {
		__u32 entries:1;
		__u32 bytes:1;
		__u32 in_progress:1;
		__u32 journal:1;
		__u32 waiting:1;
		__u32 recorded:1;
		__u32 hits_auto:1;
		__u32 hits_handler:1;
		__u32 hits_held:1;
		__u32 misses:1;
		__u32 evict_ack:1;
		__u32 evict_ttl:1;
		__u32 evict_lru:1;
		__u32 evict_shrink:1;
		__u32 evict_flush:1;
		__u32 refused:1;
		__u32 orphans:1;
		__u32 journaled:1;
		__u32 longest_hold_ms:1;
	} _present;

	__u32 entries;
	__u64 bytes;
	__u32 in_progress;
	__u32 journal;
	__u32 waiting;
	__u64 recorded;
	__u64 hits_auto;
	__u64 hits_handler;
	__u64 hits_held;
	__u64 misses;
	__u64 evict_ack;
	__u64 evict_ttl;
	__u64 evict_lru;
	__u64 evict_shrink;
	__u64 evict_flush;
	__u64 refused;
	__u64 orphans;
	__u64 journaled;
	__u64 longest_hold_ms;
};

struct ftalias_id_attrs {
	struct {
		__u32 node:1;
		__u32 alias:1;
		__u32 port:1;
		__u32 incarnation:1;
		__u32 xid:1;
	} _present;

	__u32 node;
	__u32 alias;
	__u32 port;
	__u32 incarnation;
	__u64 xid;
};

struct ftalias_save_header {
	struct {
		__u32 version:1;
		__u32 dropped:1;
		__u32 freeze_us:1;
	} _present;

	__u32 version;
	__u32 dropped;
	__u32 freeze_us;
};

struct ftalias_save_alias {
	struct {
		__u32 id:1;
		__u32 name_len;
		__u32 uid:1;
		__u32 gid:1;
		__u32 mode:1;
		__u32 policy:1;
		__u32 grace_ms:1;
		__u32 cache_max_entries:1;
		__u32 cache_max_bytes:1;
		__u32 cache_ttl_ms:1;
		__u32 incarnation:1;
		__u32 members:1;
		__u32 active_port:1;
		__u32 pending:1;
		__u32 held:1;
		__u32 stats:1;
		__u32 record_replies:1;
		__u32 cache:1;
		__u32 ckpt_seq:1;
		__u32 ckpt_bytes:1;
		__u32 input_log:1;
		__u32 log_inputs:1;
		__u32 log_bytes:1;
		__u32 ckpt_input:1;
		__u32 scope:1;
	} _present;

	__u32 id;
	char *name;
	__u32 uid;
	__u32 gid;
	__u32 mode;
	enum ftalias_promotion_policy policy;
	__u32 grace_ms;
	__u32 cache_max_entries;
	__u64 cache_max_bytes;
	__u32 cache_ttl_ms;
	__u32 incarnation;
	__u32 members;
	__u32 active_port;
	__u32 pending;
	__u32 held;
	struct ftalias_alias_stats stats;
	__u8 record_replies;
	struct ftalias_cache_stats cache;
	__u64 ckpt_seq;
	__u64 ckpt_bytes;
	__u8 input_log;
	__u32 log_inputs;
	__u64 log_bytes;
	__u64 ckpt_input;
	enum ftalias_alias_scope scope;
};

struct ftalias_save_ids {
	struct {
		__u32 xid:1;
		__u32 ack:1;
		__u32 cookie:1;
	} _present;

	__u64 xid;
	__u64 ack;
	__u64 cookie;
};

struct ftalias_save_entry {
	struct {
		__u32 key_len;
		__u32 state:1;
		__u32 age_ms:1;
		__u32 len:1;
		__u32 src_port:1;
		__u32 src_alias:1;
		__u32 payload_len;
	} _present;

	void *key;
	enum ftalias_cache_state state;
	__u32 age_ms;
	__u32 len;
	__u32 src_port;
	__u32 src_alias;
	void *payload;
};

struct ftalias_save_jrec {
	struct {
		__u32 key_len;
		__u32 dest_alias:1;
		__u32 replied:1;
		__u32 len:1;
		__u32 payload_len;
	} _present;

	void *key;
	__u32 dest_alias;
	__u32 len;
	void *payload;
};

struct ftalias_save_client {
	struct {
		__u32 node:1;
		__u32 alias:1;
		__u32 acked:1;
		__u32 cookie:1;
	} _present;

	__u32 node;
	__u32 alias;
	__u64 acked;
	__u64 cookie;
};

struct ftalias_save_trailer {
	struct {
		__u32 entries:1;
		__u32 jrecs:1;
		__u32 clients:1;
		__u32 bytes:1;
		__u32 requests:1;
		__u32 held:1;
		__u32 ckpt_bytes:1;
		__u32 inputs:1;
		__u32 outputs:1;
	} _present;

	__u32 entries;
	__u32 jrecs;
	__u32 clients;
	__u64 bytes;
	__u32 requests;
	__u32 held;
	__u64 ckpt_bytes;
	__u32 inputs;
	__u32 outputs;
};

struct ftalias_save_request {
	struct {
		__u32 key_len;
		__u32 dest_alias:1;
		__u32 delivered:1;
		__u32 len:1;
		__u32 payload_len;
		__u32 dest_cookie:1;
	} _present;

	void *key;
	__u32 dest_alias;
	__u32 len;
	void *payload;
	__u64 dest_cookie;
};

struct ftalias_save_held {
	struct {
		__u32 key_len;
		__u32 err:1;
		__u32 src_port:1;
		__u32 src_alias:1;
		__u32 flags:1;
		__u32 len:1;
		__u32 payload_len;
	} _present;

	void *key;
	__u32 err;
	__u32 src_port;
	__u32 src_alias;
	__u32 flags;
	__u32 len;
	void *payload;
};

struct ftalias_save_checkpoint {
	struct {
		__u32 seq:1;
		__u32 len:1;
		__u32 payload_len;
		__u32 input:1;
	} _present;

	__u64 seq;
	__u64 len;
	void *payload;
	__u64 input;
};

struct ftalias_save_input {
	struct {
		__u32 seq:1;
		__u32 key_len;
		__u32 flags:1;
		__u32 src_port:1;
		__u32 src_alias:1;
		__u32 arg_len:1;
		__u32 pending:1;
		__u32 len:1;
		__u32 payload_len;
	} _present;

	__u64 seq;
	void *key;
	__u32 flags;
	__u32 src_port;
	__u32 src_alias;
	__u32 arg_len;
	__u32 len;
	void *payload;
};

struct ftalias_save_output {
	struct {
		__u32 key_len;
		__u32 dst:1;
		__u32 len:1;
		__u32 sum:1;
	} _present;

	void *key;
	__u32 dst;
	__u32 len;
	__u32 sum;
};

struct ftalias_cluster_stats {
	struct {
		__u32 tx:1;
		__u32 tx_errors:1;
		__u32 rx:1;
		__u32 rx_bad:1;
		__u32 rx_refused:1;
		__u32 restarts:1;
		__u32 topology_events:1;
		__u32 req_tx:1;
		__u32 req_rx:1;
		__u32 reply_tx:1;
		__u32 reply_rx:1;
		__u32 nack_tx:1;
		__u32 nack_rx:1;
		__u32 rx_stale:1;
	} _present;

	__u64 tx;
	__u64 tx_errors;
	__u64 rx;
	__u64 rx_bad;
	__u64 rx_refused;
	__u64 restarts;
	__u64 topology_events;
	__u64 req_tx;
	__u64 req_rx;
	__u64 reply_tx;
	__u64 reply_rx;
	__u64 nack_tx;
	__u64 nack_rx;
	__u64 rx_stale;
};

/* ============== FTALIAS_CMD_FAMILY_INFO_GET ============== */
/* FTALIAS_CMD_FAMILY_INFO_GET - do */

struct ftalias_family_info_get_rsp {
	struct {
		__u32 version:1;
		__u32 af_family:1;
		__u32 aliases:1;
		__u32 max_aliases:1;
		__u32 cache_max_entries_limit:1;
		__u32 cache_max_bytes_limit:1;
		__u32 cache_total_bytes_limit:1;
		__u32 cache_total_bytes:1;
	} _present;

	__u32 version;
	__u32 af_family;
	__u32 aliases;
	__u32 max_aliases;
	__u32 cache_max_entries_limit;
	__u64 cache_max_bytes_limit;
	__u64 cache_total_bytes_limit;
	__u64 cache_total_bytes;
};

void ftalias_family_info_get_rsp_free(struct ftalias_family_info_get_rsp *rsp);

/*
 * Get the address-family number, version and global limits.
 */
struct ftalias_family_info_get_rsp *
ftalias_family_info_get(struct ynl_sock *ys);

/* ============== FTALIAS_CMD_ALIAS_GET ============== */
/* FTALIAS_CMD_ALIAS_GET - do */
struct ftalias_alias_get_req {
	struct {
		__u32 id:1;
		__u32 name_len;
	} _present;

	__u32 id;
	char *name;
};

static inline struct ftalias_alias_get_req *ftalias_alias_get_req_alloc(void)
{
	return calloc(1, sizeof(struct ftalias_alias_get_req));
}
void ftalias_alias_get_req_free(struct ftalias_alias_get_req *req);

static inline void
ftalias_alias_get_req_set_id(struct ftalias_alias_get_req *req, __u32 id)
{
	req->_present.id = 1;
	req->id = id;
}
static inline void
ftalias_alias_get_req_set_name(struct ftalias_alias_get_req *req,
			       const char *name)
{
	free(req->name);
	req->_present.name_len = strlen(name);
	req->name = malloc(req->_present.name_len + 1);
	memcpy(req->name, name, req->_present.name_len);
	req->name[req->_present.name_len] = 0;
}

struct ftalias_alias_get_rsp {
	struct {
		__u32 id:1;
		__u32 name_len;
		__u32 uid:1;
		__u32 gid:1;
		__u32 mode:1;
		__u32 policy:1;
		__u32 grace_ms:1;
		__u32 cache_max_entries:1;
		__u32 cache_max_bytes:1;
		__u32 cache_ttl_ms:1;
		__u32 incarnation:1;
		__u32 members:1;
		__u32 active_port:1;
		__u32 pending:1;
		__u32 held:1;
		__u32 stats:1;
		__u32 record_replies:1;
		__u32 cache:1;
		__u32 ckpt_seq:1;
		__u32 ckpt_bytes:1;
		__u32 input_log:1;
		__u32 log_inputs:1;
		__u32 log_bytes:1;
		__u32 ckpt_input:1;
		__u32 log_outputs:1;
		__u32 scope:1;
	} _present;

	__u32 id;
	char *name;
	__u32 uid;
	__u32 gid;
	__u32 mode;
	enum ftalias_promotion_policy policy;
	__u32 grace_ms;
	__u32 cache_max_entries;
	__u64 cache_max_bytes;
	__u32 cache_ttl_ms;
	__u32 incarnation;
	__u32 members;
	__u32 active_port;
	__u32 pending;
	__u32 held;
	struct ftalias_alias_stats stats;
	__u8 record_replies;
	struct ftalias_cache_stats cache;
	__u64 ckpt_seq;
	__u64 ckpt_bytes;
	__u8 input_log;
	__u32 log_inputs;
	__u64 log_bytes;
	__u64 ckpt_input;
	__u32 log_outputs;
	enum ftalias_alias_scope scope;
};

void ftalias_alias_get_rsp_free(struct ftalias_alias_get_rsp *rsp);

/*
 * Get one alias, by id or by name, or dump all of them.
 */
struct ftalias_alias_get_rsp *
ftalias_alias_get(struct ynl_sock *ys, struct ftalias_alias_get_req *req);

/* FTALIAS_CMD_ALIAS_GET - dump */
struct ftalias_alias_get_list {
	struct ftalias_alias_get_list *next;
	struct ftalias_alias_get_rsp obj __attribute__((aligned(8)));
};

void ftalias_alias_get_list_free(struct ftalias_alias_get_list *rsp);

struct ftalias_alias_get_list *ftalias_alias_get_dump(struct ynl_sock *ys);

/* FTALIAS_CMD_ALIAS_GET - notify */
struct ftalias_alias_get_ntf {
	__u16 family;
	__u8 cmd;
	struct ynl_ntf_base_type *next;
	void (*free)(struct ftalias_alias_get_ntf *ntf);
	struct ftalias_alias_get_rsp obj __attribute__((aligned(8)));
};

void ftalias_alias_get_ntf_free(struct ftalias_alias_get_ntf *rsp);

/* ============== FTALIAS_CMD_ALIAS_NEW ============== */
/* FTALIAS_CMD_ALIAS_NEW - do */
struct ftalias_alias_new_req {
	struct {
		__u32 id:1;
		__u32 name_len;
		__u32 uid:1;
		__u32 gid:1;
		__u32 mode:1;
		__u32 policy:1;
		__u32 grace_ms:1;
		__u32 cache_max_entries:1;
		__u32 cache_max_bytes:1;
		__u32 cache_ttl_ms:1;
		__u32 record_replies:1;
		__u32 input_log:1;
		__u32 scope:1;
	} _present;

	__u32 id;
	char *name;
	__u32 uid;
	__u32 gid;
	__u32 mode;
	enum ftalias_promotion_policy policy;
	__u32 grace_ms;
	__u32 cache_max_entries;
	__u64 cache_max_bytes;
	__u32 cache_ttl_ms;
	__u8 record_replies;
	__u8 input_log;
	enum ftalias_alias_scope scope;
};

static inline struct ftalias_alias_new_req *ftalias_alias_new_req_alloc(void)
{
	return calloc(1, sizeof(struct ftalias_alias_new_req));
}
void ftalias_alias_new_req_free(struct ftalias_alias_new_req *req);

static inline void
ftalias_alias_new_req_set_id(struct ftalias_alias_new_req *req, __u32 id)
{
	req->_present.id = 1;
	req->id = id;
}
static inline void
ftalias_alias_new_req_set_name(struct ftalias_alias_new_req *req,
			       const char *name)
{
	free(req->name);
	req->_present.name_len = strlen(name);
	req->name = malloc(req->_present.name_len + 1);
	memcpy(req->name, name, req->_present.name_len);
	req->name[req->_present.name_len] = 0;
}
static inline void
ftalias_alias_new_req_set_uid(struct ftalias_alias_new_req *req, __u32 uid)
{
	req->_present.uid = 1;
	req->uid = uid;
}
static inline void
ftalias_alias_new_req_set_gid(struct ftalias_alias_new_req *req, __u32 gid)
{
	req->_present.gid = 1;
	req->gid = gid;
}
static inline void
ftalias_alias_new_req_set_mode(struct ftalias_alias_new_req *req, __u32 mode)
{
	req->_present.mode = 1;
	req->mode = mode;
}
static inline void
ftalias_alias_new_req_set_policy(struct ftalias_alias_new_req *req,
				 enum ftalias_promotion_policy policy)
{
	req->_present.policy = 1;
	req->policy = policy;
}
static inline void
ftalias_alias_new_req_set_grace_ms(struct ftalias_alias_new_req *req,
				   __u32 grace_ms)
{
	req->_present.grace_ms = 1;
	req->grace_ms = grace_ms;
}
static inline void
ftalias_alias_new_req_set_cache_max_entries(struct ftalias_alias_new_req *req,
					    __u32 cache_max_entries)
{
	req->_present.cache_max_entries = 1;
	req->cache_max_entries = cache_max_entries;
}
static inline void
ftalias_alias_new_req_set_cache_max_bytes(struct ftalias_alias_new_req *req,
					  __u64 cache_max_bytes)
{
	req->_present.cache_max_bytes = 1;
	req->cache_max_bytes = cache_max_bytes;
}
static inline void
ftalias_alias_new_req_set_cache_ttl_ms(struct ftalias_alias_new_req *req,
				       __u32 cache_ttl_ms)
{
	req->_present.cache_ttl_ms = 1;
	req->cache_ttl_ms = cache_ttl_ms;
}
static inline void
ftalias_alias_new_req_set_record_replies(struct ftalias_alias_new_req *req,
					 __u8 record_replies)
{
	req->_present.record_replies = 1;
	req->record_replies = record_replies;
}
static inline void
ftalias_alias_new_req_set_input_log(struct ftalias_alias_new_req *req,
				    __u8 input_log)
{
	req->_present.input_log = 1;
	req->input_log = input_log;
}
static inline void
ftalias_alias_new_req_set_scope(struct ftalias_alias_new_req *req,
				enum ftalias_alias_scope scope)
{
	req->_present.scope = 1;
	req->scope = scope;
}

struct ftalias_alias_new_rsp {
	struct {
		__u32 id:1;
		__u32 name_len;
		__u32 uid:1;
		__u32 gid:1;
		__u32 mode:1;
		__u32 policy:1;
		__u32 grace_ms:1;
		__u32 cache_max_entries:1;
		__u32 cache_max_bytes:1;
		__u32 cache_ttl_ms:1;
		__u32 incarnation:1;
		__u32 members:1;
		__u32 active_port:1;
		__u32 pending:1;
		__u32 held:1;
		__u32 stats:1;
		__u32 record_replies:1;
		__u32 cache:1;
		__u32 ckpt_seq:1;
		__u32 ckpt_bytes:1;
		__u32 input_log:1;
		__u32 log_inputs:1;
		__u32 log_bytes:1;
		__u32 ckpt_input:1;
		__u32 log_outputs:1;
		__u32 scope:1;
	} _present;

	__u32 id;
	char *name;
	__u32 uid;
	__u32 gid;
	__u32 mode;
	enum ftalias_promotion_policy policy;
	__u32 grace_ms;
	__u32 cache_max_entries;
	__u64 cache_max_bytes;
	__u32 cache_ttl_ms;
	__u32 incarnation;
	__u32 members;
	__u32 active_port;
	__u32 pending;
	__u32 held;
	struct ftalias_alias_stats stats;
	__u8 record_replies;
	struct ftalias_cache_stats cache;
	__u64 ckpt_seq;
	__u64 ckpt_bytes;
	__u8 input_log;
	__u32 log_inputs;
	__u64 log_bytes;
	__u64 ckpt_input;
	__u32 log_outputs;
	enum ftalias_alias_scope scope;
};

void ftalias_alias_new_rsp_free(struct ftalias_alias_new_rsp *rsp);

/*
 * Create an alias.  Needs CAP_NET_ADMIN over the network namespace.
The name is required; every other attribute takes its default when
absent.  Replies with the new alias, including its id.

 */
struct ftalias_alias_new_rsp *
ftalias_alias_new(struct ynl_sock *ys, struct ftalias_alias_new_req *req);

/* ============== FTALIAS_CMD_ALIAS_DEL ============== */
/* FTALIAS_CMD_ALIAS_DEL - do */
struct ftalias_alias_del_req {
	struct {
		__u32 id:1;
		__u32 name_len;
		__u32 moved:1;
	} _present;

	__u32 id;
	char *name;
};

static inline struct ftalias_alias_del_req *ftalias_alias_del_req_alloc(void)
{
	return calloc(1, sizeof(struct ftalias_alias_del_req));
}
void ftalias_alias_del_req_free(struct ftalias_alias_del_req *req);

static inline void
ftalias_alias_del_req_set_id(struct ftalias_alias_del_req *req, __u32 id)
{
	req->_present.id = 1;
	req->id = id;
}
static inline void
ftalias_alias_del_req_set_name(struct ftalias_alias_del_req *req,
			       const char *name)
{
	free(req->name);
	req->_present.name_len = strlen(name);
	req->name = malloc(req->_present.name_len + 1);
	memcpy(req->name, name, req->_present.name_len);
	req->name[req->_present.name_len] = 0;
}
static inline void
ftalias_alias_del_req_set_moved(struct ftalias_alias_del_req *req)
{
	req->_present.moved = 1;
}

/*
 * Delete an alias, named by id or by name.  Needs CAP_NET_ADMIN over
the network namespace.  An alias being moved keeps its requests'
entries in other caches (see alias-save); with moved, only such an
alias is deleted.

 */
int ftalias_alias_del(struct ynl_sock *ys, struct ftalias_alias_del_req *req);

/* ============== FTALIAS_CMD_ALIAS_SET ============== */
/* FTALIAS_CMD_ALIAS_SET - do */
struct ftalias_alias_set_req {
	struct {
		__u32 id:1;
		__u32 name_len;
		__u32 uid:1;
		__u32 gid:1;
		__u32 mode:1;
		__u32 policy:1;
		__u32 grace_ms:1;
		__u32 cache_max_entries:1;
		__u32 cache_max_bytes:1;
		__u32 cache_ttl_ms:1;
		__u32 record_replies:1;
		__u32 input_log:1;
	} _present;

	__u32 id;
	char *name;
	__u32 uid;
	__u32 gid;
	__u32 mode;
	enum ftalias_promotion_policy policy;
	__u32 grace_ms;
	__u32 cache_max_entries;
	__u64 cache_max_bytes;
	__u32 cache_ttl_ms;
	__u8 record_replies;
	__u8 input_log;
};

static inline struct ftalias_alias_set_req *ftalias_alias_set_req_alloc(void)
{
	return calloc(1, sizeof(struct ftalias_alias_set_req));
}
void ftalias_alias_set_req_free(struct ftalias_alias_set_req *req);

static inline void
ftalias_alias_set_req_set_id(struct ftalias_alias_set_req *req, __u32 id)
{
	req->_present.id = 1;
	req->id = id;
}
static inline void
ftalias_alias_set_req_set_name(struct ftalias_alias_set_req *req,
			       const char *name)
{
	free(req->name);
	req->_present.name_len = strlen(name);
	req->name = malloc(req->_present.name_len + 1);
	memcpy(req->name, name, req->_present.name_len);
	req->name[req->_present.name_len] = 0;
}
static inline void
ftalias_alias_set_req_set_uid(struct ftalias_alias_set_req *req, __u32 uid)
{
	req->_present.uid = 1;
	req->uid = uid;
}
static inline void
ftalias_alias_set_req_set_gid(struct ftalias_alias_set_req *req, __u32 gid)
{
	req->_present.gid = 1;
	req->gid = gid;
}
static inline void
ftalias_alias_set_req_set_mode(struct ftalias_alias_set_req *req, __u32 mode)
{
	req->_present.mode = 1;
	req->mode = mode;
}
static inline void
ftalias_alias_set_req_set_policy(struct ftalias_alias_set_req *req,
				 enum ftalias_promotion_policy policy)
{
	req->_present.policy = 1;
	req->policy = policy;
}
static inline void
ftalias_alias_set_req_set_grace_ms(struct ftalias_alias_set_req *req,
				   __u32 grace_ms)
{
	req->_present.grace_ms = 1;
	req->grace_ms = grace_ms;
}
static inline void
ftalias_alias_set_req_set_cache_max_entries(struct ftalias_alias_set_req *req,
					    __u32 cache_max_entries)
{
	req->_present.cache_max_entries = 1;
	req->cache_max_entries = cache_max_entries;
}
static inline void
ftalias_alias_set_req_set_cache_max_bytes(struct ftalias_alias_set_req *req,
					  __u64 cache_max_bytes)
{
	req->_present.cache_max_bytes = 1;
	req->cache_max_bytes = cache_max_bytes;
}
static inline void
ftalias_alias_set_req_set_cache_ttl_ms(struct ftalias_alias_set_req *req,
				       __u32 cache_ttl_ms)
{
	req->_present.cache_ttl_ms = 1;
	req->cache_ttl_ms = cache_ttl_ms;
}
static inline void
ftalias_alias_set_req_set_record_replies(struct ftalias_alias_set_req *req,
					 __u8 record_replies)
{
	req->_present.record_replies = 1;
	req->record_replies = record_replies;
}
static inline void
ftalias_alias_set_req_set_input_log(struct ftalias_alias_set_req *req,
				    __u8 input_log)
{
	req->_present.input_log = 1;
	req->input_log = input_log;
}

/*
 * Change an alias, named by id (then name renames it) or by name.
Needs CAP_NET_ADMIN over the network namespace.  Either every
change applies or none does.

 */
int ftalias_alias_set(struct ynl_sock *ys, struct ftalias_alias_set_req *req);

/* ============== FTALIAS_CMD_MEMBER_GET ============== */
/* FTALIAS_CMD_MEMBER_GET - do */
struct ftalias_member_get_req {
	struct {
		__u32 alias_id:1;
		__u32 port:1;
	} _present;

	__u32 alias_id;
	__u32 port;
};

static inline struct ftalias_member_get_req *ftalias_member_get_req_alloc(void)
{
	return calloc(1, sizeof(struct ftalias_member_get_req));
}
void ftalias_member_get_req_free(struct ftalias_member_get_req *req);

static inline void
ftalias_member_get_req_set_alias_id(struct ftalias_member_get_req *req,
				    __u32 alias_id)
{
	req->_present.alias_id = 1;
	req->alias_id = alias_id;
}
static inline void
ftalias_member_get_req_set_port(struct ftalias_member_get_req *req, __u32 port)
{
	req->_present.port = 1;
	req->port = port;
}

struct ftalias_member_get_rsp {
	struct {
		__u32 alias_id:1;
		__u32 port:1;
		__u32 pid:1;
		__u32 priority:1;
		__u32 role:1;
		__u32 state:1;
		__u32 queue_len:1;
		__u32 incarnation:1;
		__u32 delivered:1;
		__u32 redelivered:1;
		__u32 replies:1;
		__u32 node:1;
	} _present;

	__u32 alias_id;
	__u32 port;
	__u32 pid;
	__u32 priority;
	enum ftalias_member_role role;
	enum ftalias_member_state state;
	__u32 queue_len;
	__u32 incarnation;
	__u64 delivered;
	__u64 redelivered;
	__u64 replies;
	__u32 node;
};

void ftalias_member_get_rsp_free(struct ftalias_member_get_rsp *rsp);

/*
 * Get one member of this node, by alias id and port, or dump the
members of one alias (alias-id given) or of every alias: this
node's, in join order, then those other nodes announced for their
cluster aliases, by node, alias and as announced (active first).

 */
struct ftalias_member_get_rsp *
ftalias_member_get(struct ynl_sock *ys, struct ftalias_member_get_req *req);

/* FTALIAS_CMD_MEMBER_GET - dump */
struct ftalias_member_get_req_dump {
	struct {
		__u32 alias_id:1;
	} _present;

	__u32 alias_id;
};

static inline struct ftalias_member_get_req_dump *
ftalias_member_get_req_dump_alloc(void)
{
	return calloc(1, sizeof(struct ftalias_member_get_req_dump));
}
void ftalias_member_get_req_dump_free(struct ftalias_member_get_req_dump *req);

static inline void
ftalias_member_get_req_dump_set_alias_id(struct ftalias_member_get_req_dump *req,
					 __u32 alias_id)
{
	req->_present.alias_id = 1;
	req->alias_id = alias_id;
}

struct ftalias_member_get_list {
	struct ftalias_member_get_list *next;
	struct ftalias_member_get_rsp obj __attribute__((aligned(8)));
};

void ftalias_member_get_list_free(struct ftalias_member_get_list *rsp);

struct ftalias_member_get_list *
ftalias_member_get_dump(struct ynl_sock *ys,
			struct ftalias_member_get_req_dump *req);

/* FTALIAS_CMD_MEMBER_GET - notify */
struct ftalias_member_get_ntf {
	__u16 family;
	__u8 cmd;
	struct ynl_ntf_base_type *next;
	void (*free)(struct ftalias_member_get_ntf *ntf);
	struct ftalias_member_get_rsp obj __attribute__((aligned(8)));
};

void ftalias_member_get_ntf_free(struct ftalias_member_get_ntf *rsp);

/* ============== FTALIAS_CMD_MEMBER_SET ============== */
/* FTALIAS_CMD_MEMBER_SET - do */
struct ftalias_member_set_req {
	struct {
		__u32 alias_id:1;
		__u32 port:1;
		__u32 priority:1;
		__u32 state:1;
	} _present;

	__u32 alias_id;
	__u32 port;
	__u32 priority;
	enum ftalias_member_state state;
};

static inline struct ftalias_member_set_req *ftalias_member_set_req_alloc(void)
{
	return calloc(1, sizeof(struct ftalias_member_set_req));
}
void ftalias_member_set_req_free(struct ftalias_member_set_req *req);

static inline void
ftalias_member_set_req_set_alias_id(struct ftalias_member_set_req *req,
				    __u32 alias_id)
{
	req->_present.alias_id = 1;
	req->alias_id = alias_id;
}
static inline void
ftalias_member_set_req_set_port(struct ftalias_member_set_req *req, __u32 port)
{
	req->_present.port = 1;
	req->port = port;
}
static inline void
ftalias_member_set_req_set_priority(struct ftalias_member_set_req *req,
				    __u32 priority)
{
	req->_present.priority = 1;
	req->priority = priority;
}
static inline void
ftalias_member_set_req_set_state(struct ftalias_member_set_req *req,
				 enum ftalias_member_state state)
{
	req->_present.state = 1;
	req->state = state;
}

/*
 * Change a member, named by alias id and port.  Needs CAP_NET_ADMIN
over the network namespace.  priority changes the priority; state
active makes the member active at once (whatever its role),
draining stops new requests to it (promoting another member if it
was active and the policy is auto), backup ends draining or
demotes an active member.

 */
int ftalias_member_set(struct ynl_sock *ys, struct ftalias_member_set_req *req);

/* ============== FTALIAS_CMD_CACHE_GET ============== */
/* FTALIAS_CMD_CACHE_GET - dump */
struct ftalias_cache_get_req_dump {
	struct {
		__u32 alias_id:1;
	} _present;

	__u32 alias_id;
};

static inline struct ftalias_cache_get_req_dump *
ftalias_cache_get_req_dump_alloc(void)
{
	return calloc(1, sizeof(struct ftalias_cache_get_req_dump));
}
void ftalias_cache_get_req_dump_free(struct ftalias_cache_get_req_dump *req);

static inline void
ftalias_cache_get_req_dump_set_alias_id(struct ftalias_cache_get_req_dump *req,
					__u32 alias_id)
{
	req->_present.alias_id = 1;
	req->alias_id = alias_id;
}

struct ftalias_cache_get_rsp_dump {
	struct {
		__u32 alias_id:1;
		__u32 id:1;
		__u32 state:1;
		__u32 age_ms:1;
		__u32 size:1;
		__u32 owner_port:1;
		__u32 journal:1;
	} _present;

	__u32 alias_id;
	struct ftalias_id_attrs id;
	enum ftalias_cache_state state;
	__u32 age_ms;
	__u32 size;
	__u32 owner_port;
	__u32 journal;
};

struct ftalias_cache_get_rsp_list {
	struct ftalias_cache_get_rsp_list *next;
	struct ftalias_cache_get_rsp_dump obj __attribute__((aligned(8)));
};

void ftalias_cache_get_rsp_list_free(struct ftalias_cache_get_rsp_list *rsp);

struct ftalias_cache_get_rsp_list *
ftalias_cache_get_dump(struct ynl_sock *ys,
		       struct ftalias_cache_get_req_dump *req);

/* ============== FTALIAS_CMD_CACHE_FLUSH ============== */
/* FTALIAS_CMD_CACHE_FLUSH - do */
struct ftalias_cache_flush_req {
	struct {
		__u32 alias_id:1;
		__u32 in_progress:1;
	} _present;

	__u32 alias_id;
};

static inline struct ftalias_cache_flush_req *
ftalias_cache_flush_req_alloc(void)
{
	return calloc(1, sizeof(struct ftalias_cache_flush_req));
}
void ftalias_cache_flush_req_free(struct ftalias_cache_flush_req *req);

static inline void
ftalias_cache_flush_req_set_alias_id(struct ftalias_cache_flush_req *req,
				     __u32 alias_id)
{
	req->_present.alias_id = 1;
	req->alias_id = alias_id;
}
static inline void
ftalias_cache_flush_req_set_in_progress(struct ftalias_cache_flush_req *req)
{
	req->_present.in_progress = 1;
}

struct ftalias_cache_flush_rsp {
	struct {
		__u32 alias_id:1;
		__u32 flushed:1;
	} _present;

	__u32 alias_id;
	__u32 flushed;
};

void ftalias_cache_flush_rsp_free(struct ftalias_cache_flush_rsp *rsp);

/*
 * Free the completed replay-cache entries of an alias, or all of its
entries with in-progress.  Needs CAP_NET_ADMIN over the network
namespace.  Replies with the number of entries freed.

 */
struct ftalias_cache_flush_rsp *
ftalias_cache_flush(struct ynl_sock *ys, struct ftalias_cache_flush_req *req);

/* ============== FTALIAS_CMD_JOURNAL_GET ============== */
/* FTALIAS_CMD_JOURNAL_GET - dump */
struct ftalias_journal_get_req_dump {
	struct {
		__u32 alias_id:1;
	} _present;

	__u32 alias_id;
};

static inline struct ftalias_journal_get_req_dump *
ftalias_journal_get_req_dump_alloc(void)
{
	return calloc(1, sizeof(struct ftalias_journal_get_req_dump));
}
void
ftalias_journal_get_req_dump_free(struct ftalias_journal_get_req_dump *req);

static inline void
ftalias_journal_get_req_dump_set_alias_id(struct ftalias_journal_get_req_dump *req,
					  __u32 alias_id)
{
	req->_present.alias_id = 1;
	req->alias_id = alias_id;
}

struct ftalias_journal_get_rsp_dump {
	struct {
		__u32 alias_id:1;
		__u32 parent:1;
		__u32 id:1;
		__u32 dest_alias:1;
		__u32 replied:1;
		__u32 size:1;
	} _present;

	__u32 alias_id;
	struct ftalias_id_attrs parent;
	struct ftalias_id_attrs id;
	__u32 dest_alias;
	__u8 replied;
	__u32 size;
};

struct ftalias_journal_get_rsp_list {
	struct ftalias_journal_get_rsp_list *next;
	struct ftalias_journal_get_rsp_dump obj __attribute__((aligned(8)));
};

void
ftalias_journal_get_rsp_list_free(struct ftalias_journal_get_rsp_list *rsp);

struct ftalias_journal_get_rsp_list *
ftalias_journal_get_dump(struct ynl_sock *ys,
			 struct ftalias_journal_get_req_dump *req);

/* ============== FTALIAS_CMD_CONN_GET ============== */
/* FTALIAS_CMD_CONN_GET - do */
struct ftalias_conn_get_req {
	struct {
		__u32 id:1;
		__u32 local_alias:1;
	} _present;

	__u32 id;
	__u32 local_alias;
};

static inline struct ftalias_conn_get_req *ftalias_conn_get_req_alloc(void)
{
	return calloc(1, sizeof(struct ftalias_conn_get_req));
}
void ftalias_conn_get_req_free(struct ftalias_conn_get_req *req);

static inline void
ftalias_conn_get_req_set_id(struct ftalias_conn_get_req *req, __u32 id)
{
	req->_present.id = 1;
	req->id = id;
}
static inline void
ftalias_conn_get_req_set_local_alias(struct ftalias_conn_get_req *req,
				     __u32 local_alias)
{
	req->_present.local_alias = 1;
	req->local_alias = local_alias;
}

struct ftalias_conn_get_rsp {
	struct {
		__u32 id:1;
		__u32 seq:1;
		__u32 state:1;
		__u32 est_sec:1;
		__u32 est_usec:1;
		__u32 local_alias:1;
		__u32 listen_port:1;
		__u32 local_port:1;
		__u32 local_pid:1;
		__u32 local_queue:1;
		__u32 peer_port:1;
		__u32 peer_pid:1;
		__u32 peer_queue:1;
		__u32 peer_node:1;
		__u32 peer_alias:1;
		__u32 peer_listen_port:1;
		__u32 peer_name_len;
	} _present;

	__u32 id;
	__u64 seq;
	enum ftalias_conn_state state;
	__u64 est_sec;
	__u32 est_usec;
	__u32 local_alias;
	__u32 listen_port;
	__u32 local_port;
	__u32 local_pid;
	__u32 local_queue;
	__u32 peer_port;
	__u32 peer_pid;
	__u32 peer_queue;
	__u32 peer_node;
	__u32 peer_alias;
	__u32 peer_listen_port;
	char *peer_name;
};

void ftalias_conn_get_rsp_free(struct ftalias_conn_get_rsp *rsp);

/*
 * Get one connection by id, or dump the connection table of the
network namespace (of one alias, local-alias given), oldest first.
Needs CAP_NET_ADMIN over the network namespace (the table shows
who talks to whom).

 */
struct ftalias_conn_get_rsp *
ftalias_conn_get(struct ynl_sock *ys, struct ftalias_conn_get_req *req);

/* FTALIAS_CMD_CONN_GET - dump */
struct ftalias_conn_get_req_dump {
	struct {
		__u32 local_alias:1;
	} _present;

	__u32 local_alias;
};

static inline struct ftalias_conn_get_req_dump *
ftalias_conn_get_req_dump_alloc(void)
{
	return calloc(1, sizeof(struct ftalias_conn_get_req_dump));
}
void ftalias_conn_get_req_dump_free(struct ftalias_conn_get_req_dump *req);

static inline void
ftalias_conn_get_req_dump_set_local_alias(struct ftalias_conn_get_req_dump *req,
					  __u32 local_alias)
{
	req->_present.local_alias = 1;
	req->local_alias = local_alias;
}

struct ftalias_conn_get_list {
	struct ftalias_conn_get_list *next;
	struct ftalias_conn_get_rsp obj __attribute__((aligned(8)));
};

void ftalias_conn_get_list_free(struct ftalias_conn_get_list *rsp);

struct ftalias_conn_get_list *
ftalias_conn_get_dump(struct ynl_sock *ys,
		      struct ftalias_conn_get_req_dump *req);

/* ============== FTALIAS_CMD_CONN_DROP ============== */
/* FTALIAS_CMD_CONN_DROP - do */
struct ftalias_conn_drop_req {
	struct {
		__u32 id:1;
	} _present;

	__u32 id;
};

static inline struct ftalias_conn_drop_req *ftalias_conn_drop_req_alloc(void)
{
	return calloc(1, sizeof(struct ftalias_conn_drop_req));
}
void ftalias_conn_drop_req_free(struct ftalias_conn_drop_req *req);

static inline void
ftalias_conn_drop_req_set_id(struct ftalias_conn_drop_req *req, __u32 id)
{
	req->_present.id = 1;
	req->id = id;
}

/*
 * Close a connection by hand, as the kernel closes a stale one: both
ends get ECONNRESET.  Needs CAP_NET_ADMIN over the network
namespace.

 */
int ftalias_conn_drop(struct ynl_sock *ys, struct ftalias_conn_drop_req *req);

/* ============== FTALIAS_CMD_ALIAS_SAVE ============== */
/* FTALIAS_CMD_ALIAS_SAVE - dump */
struct ftalias_alias_save_req_dump {
	struct {
		__u32 alias_id:1;
		__u32 move:1;
	} _present;

	__u32 alias_id;
};

static inline struct ftalias_alias_save_req_dump *
ftalias_alias_save_req_dump_alloc(void)
{
	return calloc(1, sizeof(struct ftalias_alias_save_req_dump));
}
void ftalias_alias_save_req_dump_free(struct ftalias_alias_save_req_dump *req);

static inline void
ftalias_alias_save_req_dump_set_alias_id(struct ftalias_alias_save_req_dump *req,
					 __u32 alias_id)
{
	req->_present.alias_id = 1;
	req->alias_id = alias_id;
}
static inline void
ftalias_alias_save_req_dump_set_move(struct ftalias_alias_save_req_dump *req)
{
	req->_present.move = 1;
}

struct ftalias_alias_save_rsp_dump {
	struct {
		__u32 crc:1;
		__u32 header:1;
		__u32 alias:1;
		__u32 ids:1;
		__u32 dsts_len;
		__u32 data_len;
		__u32 trailer:1;
		__u32 checkpoint:1;
	} _present;

	__u32 crc;
	struct ftalias_save_header header;
	struct ftalias_save_alias alias;
	struct ftalias_save_ids ids;
	void *dsts;
	unsigned int n_entry;
	struct ftalias_save_entry *entry;
	void *data;
	unsigned int n_jrec;
	struct ftalias_save_jrec *jrec;
	unsigned int n_client;
	struct ftalias_save_client *client;
	unsigned int n_request;
	struct ftalias_save_request *request;
	unsigned int n_held;
	struct ftalias_save_held *held;
	struct ftalias_save_trailer trailer;
	struct ftalias_save_checkpoint checkpoint;
	unsigned int n_input;
	struct ftalias_save_input *input;
	unsigned int n_output;
	struct ftalias_save_output *output;
};

struct ftalias_alias_save_rsp_list {
	struct ftalias_alias_save_rsp_list *next;
	struct ftalias_alias_save_rsp_dump obj __attribute__((aligned(8)));
};

void ftalias_alias_save_rsp_list_free(struct ftalias_alias_save_rsp_list *rsp);

struct ftalias_alias_save_rsp_list *
ftalias_alias_save_dump(struct ynl_sock *ys,
			struct ftalias_alias_save_req_dump *req);

/* ============== FTALIAS_CMD_ALIAS_RESTORE ============== */
/* FTALIAS_CMD_ALIAS_RESTORE - do */
struct ftalias_alias_restore_req {
	struct {
		__u32 handle:1;
		__u32 new_name_len;
		__u32 new_id:1;
		__u32 crc:1;
		__u32 header:1;
		__u32 alias:1;
		__u32 ids:1;
		__u32 dsts_len;
		__u32 data_len;
		__u32 trailer:1;
		__u32 checkpoint:1;
	} _present;

	__u32 handle;
	char *new_name;
	__u32 new_id;
	__u32 crc;
	struct ftalias_save_header header;
	struct ftalias_save_alias alias;
	struct ftalias_save_ids ids;
	void *dsts;
	unsigned int n_entry;
	struct ftalias_save_entry *entry;
	void *data;
	unsigned int n_jrec;
	struct ftalias_save_jrec *jrec;
	unsigned int n_client;
	struct ftalias_save_client *client;
	unsigned int n_request;
	struct ftalias_save_request *request;
	unsigned int n_held;
	struct ftalias_save_held *held;
	struct ftalias_save_trailer trailer;
	struct ftalias_save_checkpoint checkpoint;
	unsigned int n_input;
	struct ftalias_save_input *input;
	unsigned int n_output;
	struct ftalias_save_output *output;
};

static inline struct ftalias_alias_restore_req *
ftalias_alias_restore_req_alloc(void)
{
	return calloc(1, sizeof(struct ftalias_alias_restore_req));
}
void ftalias_alias_restore_req_free(struct ftalias_alias_restore_req *req);

static inline void
ftalias_alias_restore_req_set_handle(struct ftalias_alias_restore_req *req,
				     __u32 handle)
{
	req->_present.handle = 1;
	req->handle = handle;
}
static inline void
ftalias_alias_restore_req_set_new_name(struct ftalias_alias_restore_req *req,
				       const char *new_name)
{
	free(req->new_name);
	req->_present.new_name_len = strlen(new_name);
	req->new_name = malloc(req->_present.new_name_len + 1);
	memcpy(req->new_name, new_name, req->_present.new_name_len);
	req->new_name[req->_present.new_name_len] = 0;
}
static inline void
ftalias_alias_restore_req_set_new_id(struct ftalias_alias_restore_req *req,
				     __u32 new_id)
{
	req->_present.new_id = 1;
	req->new_id = new_id;
}
static inline void
ftalias_alias_restore_req_set_crc(struct ftalias_alias_restore_req *req,
				  __u32 crc)
{
	req->_present.crc = 1;
	req->crc = crc;
}
static inline void
ftalias_alias_restore_req_set_header_version(struct ftalias_alias_restore_req *req,
					     __u32 version)
{
	req->_present.header = 1;
	req->header._present.version = 1;
	req->header.version = version;
}
static inline void
ftalias_alias_restore_req_set_header_dropped(struct ftalias_alias_restore_req *req,
					     __u32 dropped)
{
	req->_present.header = 1;
	req->header._present.dropped = 1;
	req->header.dropped = dropped;
}
static inline void
ftalias_alias_restore_req_set_header_freeze_us(struct ftalias_alias_restore_req *req,
					       __u32 freeze_us)
{
	req->_present.header = 1;
	req->header._present.freeze_us = 1;
	req->header.freeze_us = freeze_us;
}
static inline void
ftalias_alias_restore_req_set_alias_id(struct ftalias_alias_restore_req *req,
				       __u32 id)
{
	req->_present.alias = 1;
	req->alias._present.id = 1;
	req->alias.id = id;
}
static inline void
ftalias_alias_restore_req_set_alias_name(struct ftalias_alias_restore_req *req,
					 const char *name)
{
	req->_present.alias = 1;
	free(req->alias.name);
	req->alias._present.name_len = strlen(name);
	req->alias.name = malloc(req->alias._present.name_len + 1);
	memcpy(req->alias.name, name, req->alias._present.name_len);
	req->alias.name[req->alias._present.name_len] = 0;
}
static inline void
ftalias_alias_restore_req_set_alias_uid(struct ftalias_alias_restore_req *req,
					__u32 uid)
{
	req->_present.alias = 1;
	req->alias._present.uid = 1;
	req->alias.uid = uid;
}
static inline void
ftalias_alias_restore_req_set_alias_gid(struct ftalias_alias_restore_req *req,
					__u32 gid)
{
	req->_present.alias = 1;
	req->alias._present.gid = 1;
	req->alias.gid = gid;
}
static inline void
ftalias_alias_restore_req_set_alias_mode(struct ftalias_alias_restore_req *req,
					 __u32 mode)
{
	req->_present.alias = 1;
	req->alias._present.mode = 1;
	req->alias.mode = mode;
}
static inline void
ftalias_alias_restore_req_set_alias_policy(struct ftalias_alias_restore_req *req,
					   enum ftalias_promotion_policy policy)
{
	req->_present.alias = 1;
	req->alias._present.policy = 1;
	req->alias.policy = policy;
}
static inline void
ftalias_alias_restore_req_set_alias_grace_ms(struct ftalias_alias_restore_req *req,
					     __u32 grace_ms)
{
	req->_present.alias = 1;
	req->alias._present.grace_ms = 1;
	req->alias.grace_ms = grace_ms;
}
static inline void
ftalias_alias_restore_req_set_alias_cache_max_entries(struct ftalias_alias_restore_req *req,
						      __u32 cache_max_entries)
{
	req->_present.alias = 1;
	req->alias._present.cache_max_entries = 1;
	req->alias.cache_max_entries = cache_max_entries;
}
static inline void
ftalias_alias_restore_req_set_alias_cache_max_bytes(struct ftalias_alias_restore_req *req,
						    __u64 cache_max_bytes)
{
	req->_present.alias = 1;
	req->alias._present.cache_max_bytes = 1;
	req->alias.cache_max_bytes = cache_max_bytes;
}
static inline void
ftalias_alias_restore_req_set_alias_cache_ttl_ms(struct ftalias_alias_restore_req *req,
						 __u32 cache_ttl_ms)
{
	req->_present.alias = 1;
	req->alias._present.cache_ttl_ms = 1;
	req->alias.cache_ttl_ms = cache_ttl_ms;
}
static inline void
ftalias_alias_restore_req_set_alias_incarnation(struct ftalias_alias_restore_req *req,
						__u32 incarnation)
{
	req->_present.alias = 1;
	req->alias._present.incarnation = 1;
	req->alias.incarnation = incarnation;
}
static inline void
ftalias_alias_restore_req_set_alias_members(struct ftalias_alias_restore_req *req,
					    __u32 members)
{
	req->_present.alias = 1;
	req->alias._present.members = 1;
	req->alias.members = members;
}
static inline void
ftalias_alias_restore_req_set_alias_active_port(struct ftalias_alias_restore_req *req,
						__u32 active_port)
{
	req->_present.alias = 1;
	req->alias._present.active_port = 1;
	req->alias.active_port = active_port;
}
static inline void
ftalias_alias_restore_req_set_alias_pending(struct ftalias_alias_restore_req *req,
					    __u32 pending)
{
	req->_present.alias = 1;
	req->alias._present.pending = 1;
	req->alias.pending = pending;
}
static inline void
ftalias_alias_restore_req_set_alias_held(struct ftalias_alias_restore_req *req,
					 __u32 held)
{
	req->_present.alias = 1;
	req->alias._present.held = 1;
	req->alias.held = held;
}
static inline void
ftalias_alias_restore_req_set_alias_stats_sent(struct ftalias_alias_restore_req *req,
					       __u64 sent)
{
	req->_present.alias = 1;
	req->alias._present.stats = 1;
	req->alias.stats._present.sent = 1;
	req->alias.stats.sent = sent;
}
static inline void
ftalias_alias_restore_req_set_alias_stats_delivered(struct ftalias_alias_restore_req *req,
						    __u64 delivered)
{
	req->_present.alias = 1;
	req->alias._present.stats = 1;
	req->alias.stats._present.delivered = 1;
	req->alias.stats.delivered = delivered;
}
static inline void
ftalias_alias_restore_req_set_alias_stats_redelivered(struct ftalias_alias_restore_req *req,
						      __u64 redelivered)
{
	req->_present.alias = 1;
	req->alias._present.stats = 1;
	req->alias.stats._present.redelivered = 1;
	req->alias.stats.redelivered = redelivered;
}
static inline void
ftalias_alias_restore_req_set_alias_stats_resent(struct ftalias_alias_restore_req *req,
						 __u64 resent)
{
	req->_present.alias = 1;
	req->alias._present.stats = 1;
	req->alias.stats._present.resent = 1;
	req->alias.stats.resent = resent;
}
static inline void
ftalias_alias_restore_req_set_alias_stats_replies(struct ftalias_alias_restore_req *req,
						  __u64 replies)
{
	req->_present.alias = 1;
	req->alias._present.stats = 1;
	req->alias.stats._present.replies = 1;
	req->alias.stats.replies = replies;
}
static inline void
ftalias_alias_restore_req_set_alias_stats_held(struct ftalias_alias_restore_req *req,
					       __u64 held)
{
	req->_present.alias = 1;
	req->alias._present.stats = 1;
	req->alias.stats._present.held = 1;
	req->alias.stats.held = held;
}
static inline void
ftalias_alias_restore_req_set_alias_stats_failed(struct ftalias_alias_restore_req *req,
						 __u64 failed)
{
	req->_present.alias = 1;
	req->alias._present.stats = 1;
	req->alias.stats._present.failed = 1;
	req->alias.stats.failed = failed;
}
static inline void
ftalias_alias_restore_req_set_alias_stats_promotions(struct ftalias_alias_restore_req *req,
						     __u64 promotions)
{
	req->_present.alias = 1;
	req->alias._present.stats = 1;
	req->alias.stats._present.promotions = 1;
	req->alias.stats.promotions = promotions;
}
static inline void
ftalias_alias_restore_req_set_alias_stats_checkpoints(struct ftalias_alias_restore_req *req,
						      __u64 checkpoints)
{
	req->_present.alias = 1;
	req->alias._present.stats = 1;
	req->alias.stats._present.checkpoints = 1;
	req->alias.stats.checkpoints = checkpoints;
}
static inline void
ftalias_alias_restore_req_set_alias_stats_ckpt_loads(struct ftalias_alias_restore_req *req,
						     __u64 ckpt_loads)
{
	req->_present.alias = 1;
	req->alias._present.stats = 1;
	req->alias.stats._present.ckpt_loads = 1;
	req->alias.stats.ckpt_loads = ckpt_loads;
}
static inline void
ftalias_alias_restore_req_set_alias_stats_inputs_logged(struct ftalias_alias_restore_req *req,
							__u64 inputs_logged)
{
	req->_present.alias = 1;
	req->alias._present.stats = 1;
	req->alias.stats._present.inputs_logged = 1;
	req->alias.stats.inputs_logged = inputs_logged;
}
static inline void
ftalias_alias_restore_req_set_alias_stats_inputs_replayed(struct ftalias_alias_restore_req *req,
							  __u64 inputs_replayed)
{
	req->_present.alias = 1;
	req->alias._present.stats = 1;
	req->alias.stats._present.inputs_replayed = 1;
	req->alias.stats.inputs_replayed = inputs_replayed;
}
static inline void
ftalias_alias_restore_req_set_alias_stats_replay_suppressed(struct ftalias_alias_restore_req *req,
							    __u64 replay_suppressed)
{
	req->_present.alias = 1;
	req->alias._present.stats = 1;
	req->alias.stats._present.replay_suppressed = 1;
	req->alias.stats.replay_suppressed = replay_suppressed;
}
static inline void
ftalias_alias_restore_req_set_alias_stats_requests_reissued(struct ftalias_alias_restore_req *req,
							    __u64 requests_reissued)
{
	req->_present.alias = 1;
	req->alias._present.stats = 1;
	req->alias.stats._present.requests_reissued = 1;
	req->alias.stats.requests_reissued = requests_reissued;
}
static inline void
ftalias_alias_restore_req_set_alias_record_replies(struct ftalias_alias_restore_req *req,
						   __u8 record_replies)
{
	req->_present.alias = 1;
	req->alias._present.record_replies = 1;
	req->alias.record_replies = record_replies;
}
static inline void
ftalias_alias_restore_req_set_alias_cache_entries(struct ftalias_alias_restore_req *req,
						  __u32 entries)
{
	req->_present.alias = 1;
	req->alias._present.cache = 1;
	req->alias.cache._present.entries = 1;
	req->alias.cache.entries = entries;
}
static inline void
ftalias_alias_restore_req_set_alias_cache_bytes(struct ftalias_alias_restore_req *req,
						__u64 bytes)
{
	req->_present.alias = 1;
	req->alias._present.cache = 1;
	req->alias.cache._present.bytes = 1;
	req->alias.cache.bytes = bytes;
}
static inline void
ftalias_alias_restore_req_set_alias_cache_in_progress(struct ftalias_alias_restore_req *req,
						      __u32 in_progress)
{
	req->_present.alias = 1;
	req->alias._present.cache = 1;
	req->alias.cache._present.in_progress = 1;
	req->alias.cache.in_progress = in_progress;
}
static inline void
ftalias_alias_restore_req_set_alias_cache_journal(struct ftalias_alias_restore_req *req,
						  __u32 journal)
{
	req->_present.alias = 1;
	req->alias._present.cache = 1;
	req->alias.cache._present.journal = 1;
	req->alias.cache.journal = journal;
}
static inline void
ftalias_alias_restore_req_set_alias_cache_waiting(struct ftalias_alias_restore_req *req,
						  __u32 waiting)
{
	req->_present.alias = 1;
	req->alias._present.cache = 1;
	req->alias.cache._present.waiting = 1;
	req->alias.cache.waiting = waiting;
}
static inline void
ftalias_alias_restore_req_set_alias_cache_recorded(struct ftalias_alias_restore_req *req,
						   __u64 recorded)
{
	req->_present.alias = 1;
	req->alias._present.cache = 1;
	req->alias.cache._present.recorded = 1;
	req->alias.cache.recorded = recorded;
}
static inline void
ftalias_alias_restore_req_set_alias_cache_hits_auto(struct ftalias_alias_restore_req *req,
						    __u64 hits_auto)
{
	req->_present.alias = 1;
	req->alias._present.cache = 1;
	req->alias.cache._present.hits_auto = 1;
	req->alias.cache.hits_auto = hits_auto;
}
static inline void
ftalias_alias_restore_req_set_alias_cache_hits_handler(struct ftalias_alias_restore_req *req,
						       __u64 hits_handler)
{
	req->_present.alias = 1;
	req->alias._present.cache = 1;
	req->alias.cache._present.hits_handler = 1;
	req->alias.cache.hits_handler = hits_handler;
}
static inline void
ftalias_alias_restore_req_set_alias_cache_hits_held(struct ftalias_alias_restore_req *req,
						    __u64 hits_held)
{
	req->_present.alias = 1;
	req->alias._present.cache = 1;
	req->alias.cache._present.hits_held = 1;
	req->alias.cache.hits_held = hits_held;
}
static inline void
ftalias_alias_restore_req_set_alias_cache_misses(struct ftalias_alias_restore_req *req,
						 __u64 misses)
{
	req->_present.alias = 1;
	req->alias._present.cache = 1;
	req->alias.cache._present.misses = 1;
	req->alias.cache.misses = misses;
}
static inline void
ftalias_alias_restore_req_set_alias_cache_evict_ack(struct ftalias_alias_restore_req *req,
						    __u64 evict_ack)
{
	req->_present.alias = 1;
	req->alias._present.cache = 1;
	req->alias.cache._present.evict_ack = 1;
	req->alias.cache.evict_ack = evict_ack;
}
static inline void
ftalias_alias_restore_req_set_alias_cache_evict_ttl(struct ftalias_alias_restore_req *req,
						    __u64 evict_ttl)
{
	req->_present.alias = 1;
	req->alias._present.cache = 1;
	req->alias.cache._present.evict_ttl = 1;
	req->alias.cache.evict_ttl = evict_ttl;
}
static inline void
ftalias_alias_restore_req_set_alias_cache_evict_lru(struct ftalias_alias_restore_req *req,
						    __u64 evict_lru)
{
	req->_present.alias = 1;
	req->alias._present.cache = 1;
	req->alias.cache._present.evict_lru = 1;
	req->alias.cache.evict_lru = evict_lru;
}
static inline void
ftalias_alias_restore_req_set_alias_cache_evict_shrink(struct ftalias_alias_restore_req *req,
						       __u64 evict_shrink)
{
	req->_present.alias = 1;
	req->alias._present.cache = 1;
	req->alias.cache._present.evict_shrink = 1;
	req->alias.cache.evict_shrink = evict_shrink;
}
static inline void
ftalias_alias_restore_req_set_alias_cache_evict_flush(struct ftalias_alias_restore_req *req,
						      __u64 evict_flush)
{
	req->_present.alias = 1;
	req->alias._present.cache = 1;
	req->alias.cache._present.evict_flush = 1;
	req->alias.cache.evict_flush = evict_flush;
}
static inline void
ftalias_alias_restore_req_set_alias_cache_refused(struct ftalias_alias_restore_req *req,
						  __u64 refused)
{
	req->_present.alias = 1;
	req->alias._present.cache = 1;
	req->alias.cache._present.refused = 1;
	req->alias.cache.refused = refused;
}
static inline void
ftalias_alias_restore_req_set_alias_cache_orphans(struct ftalias_alias_restore_req *req,
						  __u64 orphans)
{
	req->_present.alias = 1;
	req->alias._present.cache = 1;
	req->alias.cache._present.orphans = 1;
	req->alias.cache.orphans = orphans;
}
static inline void
ftalias_alias_restore_req_set_alias_cache_journaled(struct ftalias_alias_restore_req *req,
						    __u64 journaled)
{
	req->_present.alias = 1;
	req->alias._present.cache = 1;
	req->alias.cache._present.journaled = 1;
	req->alias.cache.journaled = journaled;
}
static inline void
ftalias_alias_restore_req_set_alias_cache_longest_hold_ms(struct ftalias_alias_restore_req *req,
							  __u64 longest_hold_ms)
{
	req->_present.alias = 1;
	req->alias._present.cache = 1;
	req->alias.cache._present.longest_hold_ms = 1;
	req->alias.cache.longest_hold_ms = longest_hold_ms;
}
static inline void
ftalias_alias_restore_req_set_alias_ckpt_seq(struct ftalias_alias_restore_req *req,
					     __u64 ckpt_seq)
{
	req->_present.alias = 1;
	req->alias._present.ckpt_seq = 1;
	req->alias.ckpt_seq = ckpt_seq;
}
static inline void
ftalias_alias_restore_req_set_alias_ckpt_bytes(struct ftalias_alias_restore_req *req,
					       __u64 ckpt_bytes)
{
	req->_present.alias = 1;
	req->alias._present.ckpt_bytes = 1;
	req->alias.ckpt_bytes = ckpt_bytes;
}
static inline void
ftalias_alias_restore_req_set_alias_input_log(struct ftalias_alias_restore_req *req,
					      __u8 input_log)
{
	req->_present.alias = 1;
	req->alias._present.input_log = 1;
	req->alias.input_log = input_log;
}
static inline void
ftalias_alias_restore_req_set_alias_log_inputs(struct ftalias_alias_restore_req *req,
					       __u32 log_inputs)
{
	req->_present.alias = 1;
	req->alias._present.log_inputs = 1;
	req->alias.log_inputs = log_inputs;
}
static inline void
ftalias_alias_restore_req_set_alias_log_bytes(struct ftalias_alias_restore_req *req,
					      __u64 log_bytes)
{
	req->_present.alias = 1;
	req->alias._present.log_bytes = 1;
	req->alias.log_bytes = log_bytes;
}
static inline void
ftalias_alias_restore_req_set_alias_ckpt_input(struct ftalias_alias_restore_req *req,
					       __u64 ckpt_input)
{
	req->_present.alias = 1;
	req->alias._present.ckpt_input = 1;
	req->alias.ckpt_input = ckpt_input;
}
static inline void
ftalias_alias_restore_req_set_alias_scope(struct ftalias_alias_restore_req *req,
					  enum ftalias_alias_scope scope)
{
	req->_present.alias = 1;
	req->alias._present.scope = 1;
	req->alias.scope = scope;
}
static inline void
ftalias_alias_restore_req_set_ids_xid(struct ftalias_alias_restore_req *req,
				      __u64 xid)
{
	req->_present.ids = 1;
	req->ids._present.xid = 1;
	req->ids.xid = xid;
}
static inline void
ftalias_alias_restore_req_set_ids_ack(struct ftalias_alias_restore_req *req,
				      __u64 ack)
{
	req->_present.ids = 1;
	req->ids._present.ack = 1;
	req->ids.ack = ack;
}
static inline void
ftalias_alias_restore_req_set_ids_cookie(struct ftalias_alias_restore_req *req,
					 __u64 cookie)
{
	req->_present.ids = 1;
	req->ids._present.cookie = 1;
	req->ids.cookie = cookie;
}
static inline void
ftalias_alias_restore_req_set_dsts(struct ftalias_alias_restore_req *req,
				   const void *dsts, size_t len)
{
	free(req->dsts);
	req->_present.dsts_len = len;
	req->dsts = malloc(req->_present.dsts_len);
	memcpy(req->dsts, dsts, req->_present.dsts_len);
}
static inline void
__ftalias_alias_restore_req_set_entry(struct ftalias_alias_restore_req *req,
				      struct ftalias_save_entry *entry,
				      unsigned int n_entry)
{
	free(req->entry);
	req->entry = entry;
	req->n_entry = n_entry;
}
static inline void
ftalias_alias_restore_req_set_data(struct ftalias_alias_restore_req *req,
				   const void *data, size_t len)
{
	free(req->data);
	req->_present.data_len = len;
	req->data = malloc(req->_present.data_len);
	memcpy(req->data, data, req->_present.data_len);
}
static inline void
__ftalias_alias_restore_req_set_jrec(struct ftalias_alias_restore_req *req,
				     struct ftalias_save_jrec *jrec,
				     unsigned int n_jrec)
{
	free(req->jrec);
	req->jrec = jrec;
	req->n_jrec = n_jrec;
}
static inline void
__ftalias_alias_restore_req_set_client(struct ftalias_alias_restore_req *req,
				       struct ftalias_save_client *client,
				       unsigned int n_client)
{
	free(req->client);
	req->client = client;
	req->n_client = n_client;
}
static inline void
__ftalias_alias_restore_req_set_request(struct ftalias_alias_restore_req *req,
					struct ftalias_save_request *request,
					unsigned int n_request)
{
	free(req->request);
	req->request = request;
	req->n_request = n_request;
}
static inline void
__ftalias_alias_restore_req_set_held(struct ftalias_alias_restore_req *req,
				     struct ftalias_save_held *held,
				     unsigned int n_held)
{
	free(req->held);
	req->held = held;
	req->n_held = n_held;
}
static inline void
ftalias_alias_restore_req_set_trailer_entries(struct ftalias_alias_restore_req *req,
					      __u32 entries)
{
	req->_present.trailer = 1;
	req->trailer._present.entries = 1;
	req->trailer.entries = entries;
}
static inline void
ftalias_alias_restore_req_set_trailer_jrecs(struct ftalias_alias_restore_req *req,
					    __u32 jrecs)
{
	req->_present.trailer = 1;
	req->trailer._present.jrecs = 1;
	req->trailer.jrecs = jrecs;
}
static inline void
ftalias_alias_restore_req_set_trailer_clients(struct ftalias_alias_restore_req *req,
					      __u32 clients)
{
	req->_present.trailer = 1;
	req->trailer._present.clients = 1;
	req->trailer.clients = clients;
}
static inline void
ftalias_alias_restore_req_set_trailer_bytes(struct ftalias_alias_restore_req *req,
					    __u64 bytes)
{
	req->_present.trailer = 1;
	req->trailer._present.bytes = 1;
	req->trailer.bytes = bytes;
}
static inline void
ftalias_alias_restore_req_set_trailer_requests(struct ftalias_alias_restore_req *req,
					       __u32 requests)
{
	req->_present.trailer = 1;
	req->trailer._present.requests = 1;
	req->trailer.requests = requests;
}
static inline void
ftalias_alias_restore_req_set_trailer_held(struct ftalias_alias_restore_req *req,
					   __u32 held)
{
	req->_present.trailer = 1;
	req->trailer._present.held = 1;
	req->trailer.held = held;
}
static inline void
ftalias_alias_restore_req_set_trailer_ckpt_bytes(struct ftalias_alias_restore_req *req,
						 __u64 ckpt_bytes)
{
	req->_present.trailer = 1;
	req->trailer._present.ckpt_bytes = 1;
	req->trailer.ckpt_bytes = ckpt_bytes;
}
static inline void
ftalias_alias_restore_req_set_trailer_inputs(struct ftalias_alias_restore_req *req,
					     __u32 inputs)
{
	req->_present.trailer = 1;
	req->trailer._present.inputs = 1;
	req->trailer.inputs = inputs;
}
static inline void
ftalias_alias_restore_req_set_trailer_outputs(struct ftalias_alias_restore_req *req,
					      __u32 outputs)
{
	req->_present.trailer = 1;
	req->trailer._present.outputs = 1;
	req->trailer.outputs = outputs;
}
static inline void
ftalias_alias_restore_req_set_checkpoint_seq(struct ftalias_alias_restore_req *req,
					     __u64 seq)
{
	req->_present.checkpoint = 1;
	req->checkpoint._present.seq = 1;
	req->checkpoint.seq = seq;
}
static inline void
ftalias_alias_restore_req_set_checkpoint_len(struct ftalias_alias_restore_req *req,
					     __u64 len)
{
	req->_present.checkpoint = 1;
	req->checkpoint._present.len = 1;
	req->checkpoint.len = len;
}
static inline void
ftalias_alias_restore_req_set_checkpoint_payload(struct ftalias_alias_restore_req *req,
						 const void *payload,
						 size_t len)
{
	req->_present.checkpoint = 1;
	free(req->checkpoint.payload);
	req->checkpoint._present.payload_len = len;
	req->checkpoint.payload = malloc(req->checkpoint._present.payload_len);
	memcpy(req->checkpoint.payload, payload, req->checkpoint._present.payload_len);
}
static inline void
ftalias_alias_restore_req_set_checkpoint_input(struct ftalias_alias_restore_req *req,
					       __u64 input)
{
	req->_present.checkpoint = 1;
	req->checkpoint._present.input = 1;
	req->checkpoint.input = input;
}
static inline void
__ftalias_alias_restore_req_set_input(struct ftalias_alias_restore_req *req,
				      struct ftalias_save_input *input,
				      unsigned int n_input)
{
	free(req->input);
	req->input = input;
	req->n_input = n_input;
}
static inline void
__ftalias_alias_restore_req_set_output(struct ftalias_alias_restore_req *req,
				       struct ftalias_save_output *output,
				       unsigned int n_output)
{
	free(req->output);
	req->output = output;
	req->n_output = n_output;
}

struct ftalias_alias_restore_rsp {
	struct {
		__u32 handle:1;
		__u32 new_id:1;
	} _present;

	__u32 handle;
	__u32 new_id;
};

void ftalias_alias_restore_rsp_free(struct ftalias_alias_restore_rsp *rsp);

/*
 * Rebuild a saved alias from its records (those of alias-save, in
the same order), in several messages: the first carries the
header, alias and ids records (and may rename the alias with
new-name, or give it another id with new-id) and its reply gives
a handle; the next ones carry the handle and the following
records; the one with the trailer ends the restore and links
the alias, whose id the reply gives.  Every record is checked
(policy, CRC, order, limits) as it comes; the first refusal, the
caller's socket closing or 30 seconds without a message drop the
whole restore.  The alias has no members: its entries in
progress are orphans for the first active member, and its
members' requests are sent again (with the resent flag) when it
first has an active member.  Needs
CAP_NET_ADMIN over the network namespace.

 */
struct ftalias_alias_restore_rsp *
ftalias_alias_restore(struct ynl_sock *ys,
		      struct ftalias_alias_restore_req *req);

/* ============== FTALIAS_CMD_CLUSTER_GET ============== */
/* FTALIAS_CMD_CLUSTER_GET - do */

struct ftalias_cluster_get_rsp {
	struct {
		__u32 enabled:1;
		__u32 node:1;
		__u32 boot_id:1;
		__u32 nodes:1;
		__u32 nodes_up:1;
		__u32 stats:1;
	} _present;

	__u8 enabled;
	__u32 node;
	__u64 boot_id;
	__u32 nodes;
	__u32 nodes_up;
	struct ftalias_cluster_stats stats;
};

void ftalias_cluster_get_rsp_free(struct ftalias_cluster_get_rsp *rsp);

/*
 * Get the cluster mode of the network namespace.
 */
struct ftalias_cluster_get_rsp *ftalias_cluster_get(struct ynl_sock *ys);

/* ============== FTALIAS_CMD_CLUSTER_SET ============== */
/* FTALIAS_CMD_CLUSTER_SET - do */
struct ftalias_cluster_set_req {
	struct {
		__u32 enabled:1;
	} _present;

	__u8 enabled;
};

static inline struct ftalias_cluster_set_req *
ftalias_cluster_set_req_alloc(void)
{
	return calloc(1, sizeof(struct ftalias_cluster_set_req));
}
void ftalias_cluster_set_req_free(struct ftalias_cluster_set_req *req);

static inline void
ftalias_cluster_set_req_set_enabled(struct ftalias_cluster_set_req *req,
				    __u8 enabled)
{
	req->_present.enabled = 1;
	req->enabled = enabled;
}

struct ftalias_cluster_set_rsp {
	struct {
		__u32 enabled:1;
		__u32 node:1;
		__u32 boot_id:1;
		__u32 nodes:1;
		__u32 nodes_up:1;
		__u32 stats:1;
	} _present;

	__u8 enabled;
	__u32 node;
	__u64 boot_id;
	__u32 nodes;
	__u32 nodes_up;
	struct ftalias_cluster_stats stats;
};

void ftalias_cluster_set_rsp_free(struct ftalias_cluster_set_rsp *rsp);

/*
 * Turn cluster mode on or off in the network namespace.  Needs
CAP_NET_ADMIN over the network namespace.  Turning it on needs
TIPC (modprobe tipc first; EAFNOSUPPORT without it) with its node
address set (EADDRNOTAVAIL before), and not while the module is
being unloaded (ESHUTDOWN).  Enabled above 1: ERANGE.  Setting
the mode it has already is a no-op.

 */
struct ftalias_cluster_set_rsp *
ftalias_cluster_set(struct ynl_sock *ys, struct ftalias_cluster_set_req *req);

/* ============== FTALIAS_CMD_NODE_GET ============== */
/* FTALIAS_CMD_NODE_GET - dump */
struct ftalias_node_get_rsp_dump {
	struct {
		__u32 addr:1;
		__u32 state:1;
		__u32 links:1;
		__u32 port:1;
		__u32 boot_id:1;
		__u32 restarts:1;
		__u32 since_ms:1;
		__u32 self:1;
	} _present;

	__u32 addr;
	enum ftalias_node_state state;
	__u32 links;
	__u32 port;
	__u64 boot_id;
	__u32 restarts;
	__u64 since_ms;
};

struct ftalias_node_get_rsp_list {
	struct ftalias_node_get_rsp_list *next;
	struct ftalias_node_get_rsp_dump obj __attribute__((aligned(8)));
};

void ftalias_node_get_rsp_list_free(struct ftalias_node_get_rsp_list *rsp);

struct ftalias_node_get_rsp_list *ftalias_node_get_dump(struct ynl_sock *ys);

/* FTALIAS_CMD_CONN_DROP_NTF - event */
struct ftalias_conn_drop_ntf_rsp {
	struct {
		__u32 reason:1;
		__u32 id:1;
		__u32 seq:1;
		__u32 state:1;
		__u32 est_sec:1;
		__u32 est_usec:1;
		__u32 local_alias:1;
		__u32 listen_port:1;
		__u32 local_port:1;
		__u32 local_pid:1;
		__u32 local_queue:1;
		__u32 peer_port:1;
		__u32 peer_pid:1;
		__u32 peer_queue:1;
		__u32 peer_node:1;
		__u32 peer_alias:1;
		__u32 peer_listen_port:1;
		__u32 peer_name_len;
		__u32 new_id:1;
		__u32 new_seq:1;
		__u32 new_est_sec:1;
		__u32 new_est_usec:1;
		__u32 new_peer_port:1;
		__u32 new_peer_pid:1;
	} _present;

	enum ftalias_conn_drop_reason reason;
	__u32 id;
	__u64 seq;
	enum ftalias_conn_state state;
	__u64 est_sec;
	__u32 est_usec;
	__u32 local_alias;
	__u32 listen_port;
	__u32 local_port;
	__u32 local_pid;
	__u32 local_queue;
	__u32 peer_port;
	__u32 peer_pid;
	__u32 peer_queue;
	__u32 peer_node;
	__u32 peer_alias;
	__u32 peer_listen_port;
	char *peer_name;
	__u32 new_id;
	__u64 new_seq;
	__u64 new_est_sec;
	__u32 new_est_usec;
	__u32 new_peer_port;
	__u32 new_peer_pid;
};

struct ftalias_conn_drop_ntf {
	__u16 family;
	__u8 cmd;
	struct ynl_ntf_base_type *next;
	void (*free)(struct ftalias_conn_drop_ntf *ntf);
	struct ftalias_conn_drop_ntf_rsp obj __attribute__((aligned(8)));
};

void ftalias_conn_drop_ntf_free(struct ftalias_conn_drop_ntf *rsp);

/* FTALIAS_CMD_NODE_CHANGE_NTF - event */
struct ftalias_node_change_ntf_rsp {
	struct {
		__u32 addr:1;
		__u32 state:1;
		__u32 links:1;
		__u32 port:1;
		__u32 boot_id:1;
		__u32 restarts:1;
		__u32 since_ms:1;
		__u32 self:1;
	} _present;

	__u32 addr;
	enum ftalias_node_state state;
	__u32 links;
	__u32 port;
	__u64 boot_id;
	__u32 restarts;
	__u64 since_ms;
};

struct ftalias_node_change_ntf {
	__u16 family;
	__u8 cmd;
	struct ynl_ntf_base_type *next;
	void (*free)(struct ftalias_node_change_ntf *ntf);
	struct ftalias_node_change_ntf_rsp obj __attribute__((aligned(8)));
};

void ftalias_node_change_ntf_free(struct ftalias_node_change_ntf *rsp);

#endif /* _LINUX_FTALIAS_GEN_H */
