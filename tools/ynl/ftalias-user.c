// SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause)
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/ftalias.yaml */
/* YNL-GEN user source */

#include <stdlib.h>
#include <string.h>
#include "ftalias-user.h"
#include "ynl.h"
#include <linux/ftalias_genl.h>

#include <linux/genetlink.h>

/* Enums */
static const char * const ftalias_op_strmap[] = {
	[FTALIAS_CMD_FAMILY_INFO_GET] = "family-info-get",
	[FTALIAS_CMD_ALIAS_GET] = "alias-get",
	[FTALIAS_CMD_ALIAS_NEW] = "alias-new",
	[FTALIAS_CMD_ALIAS_DEL] = "alias-del",
	[FTALIAS_CMD_ALIAS_SET] = "alias-set",
	[FTALIAS_CMD_ALIAS_ADD_NTF] = "alias-add-ntf",
	[FTALIAS_CMD_ALIAS_CHANGE_NTF] = "alias-change-ntf",
	[FTALIAS_CMD_ALIAS_DEL_NTF] = "alias-del-ntf",
	[FTALIAS_CMD_MEMBER_GET] = "member-get",
	[FTALIAS_CMD_MEMBER_SET] = "member-set",
	[FTALIAS_CMD_MEMBER_JOIN_NTF] = "member-join-ntf",
	[FTALIAS_CMD_MEMBER_LEAVE_NTF] = "member-leave-ntf",
	[FTALIAS_CMD_MEMBER_CHANGE_NTF] = "member-change-ntf",
	[FTALIAS_CMD_CACHE_GET] = "cache-get",
	[FTALIAS_CMD_CACHE_FLUSH] = "cache-flush",
	[FTALIAS_CMD_JOURNAL_GET] = "journal-get",
	[FTALIAS_CMD_CONN_GET] = "conn-get",
	[FTALIAS_CMD_CONN_DROP] = "conn-drop",
	[FTALIAS_CMD_CONN_DROP_NTF] = "conn-drop-ntf",
	[FTALIAS_CMD_ALIAS_SAVE] = "alias-save",
	[FTALIAS_CMD_ALIAS_RESTORE] = "alias-restore",
	[FTALIAS_CMD_CLUSTER_GET] = "cluster-get",
	[FTALIAS_CMD_CLUSTER_SET] = "cluster-set",
	[FTALIAS_CMD_NODE_GET] = "node-get",
	[FTALIAS_CMD_NODE_CHANGE_NTF] = "node-change-ntf",
};

const char *ftalias_op_str(int op)
{
	if (op < 0 || op >= (int)YNL_ARRAY_SIZE(ftalias_op_strmap))
		return NULL;
	return ftalias_op_strmap[op];
}

static const char * const ftalias_promotion_policy_strmap[] = {
	[0] = "auto",
	[1] = "manual",
};

const char *ftalias_promotion_policy_str(enum ftalias_promotion_policy value)
{
	if (value < 0 || value >= (int)YNL_ARRAY_SIZE(ftalias_promotion_policy_strmap))
		return NULL;
	return ftalias_promotion_policy_strmap[value];
}

static const char * const ftalias_member_role_strmap[] = {
	[0] = "replica",
	[1] = "standby",
};

const char *ftalias_member_role_str(enum ftalias_member_role value)
{
	if (value < 0 || value >= (int)YNL_ARRAY_SIZE(ftalias_member_role_strmap))
		return NULL;
	return ftalias_member_role_strmap[value];
}

static const char * const ftalias_member_state_strmap[] = {
	[0] = "active",
	[1] = "backup",
	[2] = "draining",
};

const char *ftalias_member_state_str(enum ftalias_member_state value)
{
	if (value < 0 || value >= (int)YNL_ARRAY_SIZE(ftalias_member_state_strmap))
		return NULL;
	return ftalias_member_state_strmap[value];
}

static const char * const ftalias_cache_state_strmap[] = {
	[1] = "in-progress",
	[2] = "auto-reply",
	[3] = "handler",
};

const char *ftalias_cache_state_str(enum ftalias_cache_state value)
{
	if (value < 0 || value >= (int)YNL_ARRAY_SIZE(ftalias_cache_state_strmap))
		return NULL;
	return ftalias_cache_state_strmap[value];
}

static const char * const ftalias_conn_state_strmap[] = {
	[1] = "pending",
	[2] = "established",
};

const char *ftalias_conn_state_str(enum ftalias_conn_state value)
{
	if (value < 0 || value >= (int)YNL_ARRAY_SIZE(ftalias_conn_state_strmap))
		return NULL;
	return ftalias_conn_state_strmap[value];
}

static const char * const ftalias_conn_drop_reason_strmap[] = {
	[1] = "stale",
	[2] = "admin",
};

const char *ftalias_conn_drop_reason_str(enum ftalias_conn_drop_reason value)
{
	if (value < 0 || value >= (int)YNL_ARRAY_SIZE(ftalias_conn_drop_reason_strmap))
		return NULL;
	return ftalias_conn_drop_reason_strmap[value];
}

static const char * const ftalias_node_state_strmap[] = {
	[1] = "reachable",
	[2] = "joining",
	[3] = "up",
	[4] = "down",
	[5] = "conflict",
};

const char *ftalias_node_state_str(enum ftalias_node_state value)
{
	if (value < 0 || value >= (int)YNL_ARRAY_SIZE(ftalias_node_state_strmap))
		return NULL;
	return ftalias_node_state_strmap[value];
}

static const char * const ftalias_alias_scope_strmap[] = {
	[0] = "local",
	[1] = "cluster",
};

const char *ftalias_alias_scope_str(enum ftalias_alias_scope value)
{
	if (value < 0 || value >= (int)YNL_ARRAY_SIZE(ftalias_alias_scope_strmap))
		return NULL;
	return ftalias_alias_scope_strmap[value];
}

/* Policies */
const struct ynl_policy_attr ftalias_alias_stats_policy[FTALIAS_A_ALIAS_STATS_MAX + 1] = {
	[FTALIAS_A_ALIAS_STATS_SENT] = { .name = "sent", .type = YNL_PT_U64, },
	[FTALIAS_A_ALIAS_STATS_DELIVERED] = { .name = "delivered", .type = YNL_PT_U64, },
	[FTALIAS_A_ALIAS_STATS_REDELIVERED] = { .name = "redelivered", .type = YNL_PT_U64, },
	[FTALIAS_A_ALIAS_STATS_RESENT] = { .name = "resent", .type = YNL_PT_U64, },
	[FTALIAS_A_ALIAS_STATS_REPLIES] = { .name = "replies", .type = YNL_PT_U64, },
	[FTALIAS_A_ALIAS_STATS_HELD] = { .name = "held", .type = YNL_PT_U64, },
	[FTALIAS_A_ALIAS_STATS_FAILED] = { .name = "failed", .type = YNL_PT_U64, },
	[FTALIAS_A_ALIAS_STATS_PROMOTIONS] = { .name = "promotions", .type = YNL_PT_U64, },
	[FTALIAS_A_ALIAS_STATS_PAD] = { .name = "pad", .type = YNL_PT_IGNORE, },
	[FTALIAS_A_ALIAS_STATS_CHECKPOINTS] = { .name = "checkpoints", .type = YNL_PT_U64, },
	[FTALIAS_A_ALIAS_STATS_CKPT_LOADS] = { .name = "ckpt-loads", .type = YNL_PT_U64, },
	[FTALIAS_A_ALIAS_STATS_INPUTS_LOGGED] = { .name = "inputs-logged", .type = YNL_PT_U64, },
	[FTALIAS_A_ALIAS_STATS_INPUTS_REPLAYED] = { .name = "inputs-replayed", .type = YNL_PT_U64, },
	[FTALIAS_A_ALIAS_STATS_REPLAY_SUPPRESSED] = { .name = "replay-suppressed", .type = YNL_PT_U64, },
	[FTALIAS_A_ALIAS_STATS_REQUESTS_REISSUED] = { .name = "requests-reissued", .type = YNL_PT_U64, },
};

const struct ynl_policy_nest ftalias_alias_stats_nest = {
	.max_attr = FTALIAS_A_ALIAS_STATS_MAX,
	.table = ftalias_alias_stats_policy,
};

const struct ynl_policy_attr ftalias_cache_stats_policy[FTALIAS_A_CACHE_STATS_MAX + 1] = {
	[FTALIAS_A_CACHE_STATS_ENTRIES] = { .name = "entries", .type = YNL_PT_U32, },
	[FTALIAS_A_CACHE_STATS_BYTES] = { .name = "bytes", .type = YNL_PT_U64, },
	[FTALIAS_A_CACHE_STATS_IN_PROGRESS] = { .name = "in-progress", .type = YNL_PT_U32, },
	[FTALIAS_A_CACHE_STATS_JOURNAL] = { .name = "journal", .type = YNL_PT_U32, },
	[FTALIAS_A_CACHE_STATS_WAITING] = { .name = "waiting", .type = YNL_PT_U32, },
	[FTALIAS_A_CACHE_STATS_RECORDED] = { .name = "recorded", .type = YNL_PT_U64, },
	[FTALIAS_A_CACHE_STATS_HITS_AUTO] = { .name = "hits-auto", .type = YNL_PT_U64, },
	[FTALIAS_A_CACHE_STATS_HITS_HANDLER] = { .name = "hits-handler", .type = YNL_PT_U64, },
	[FTALIAS_A_CACHE_STATS_HITS_HELD] = { .name = "hits-held", .type = YNL_PT_U64, },
	[FTALIAS_A_CACHE_STATS_MISSES] = { .name = "misses", .type = YNL_PT_U64, },
	[FTALIAS_A_CACHE_STATS_EVICT_ACK] = { .name = "evict-ack", .type = YNL_PT_U64, },
	[FTALIAS_A_CACHE_STATS_EVICT_TTL] = { .name = "evict-ttl", .type = YNL_PT_U64, },
	[FTALIAS_A_CACHE_STATS_EVICT_LRU] = { .name = "evict-lru", .type = YNL_PT_U64, },
	[FTALIAS_A_CACHE_STATS_EVICT_SHRINK] = { .name = "evict-shrink", .type = YNL_PT_U64, },
	[FTALIAS_A_CACHE_STATS_EVICT_FLUSH] = { .name = "evict-flush", .type = YNL_PT_U64, },
	[FTALIAS_A_CACHE_STATS_REFUSED] = { .name = "refused", .type = YNL_PT_U64, },
	[FTALIAS_A_CACHE_STATS_ORPHANS] = { .name = "orphans", .type = YNL_PT_U64, },
	[FTALIAS_A_CACHE_STATS_JOURNALED] = { .name = "journaled", .type = YNL_PT_U64, },
	[FTALIAS_A_CACHE_STATS_LONGEST_HOLD_MS] = { .name = "longest-hold-ms", .type = YNL_PT_U64, },
	[FTALIAS_A_CACHE_STATS_PAD] = { .name = "pad", .type = YNL_PT_IGNORE, },
};

const struct ynl_policy_nest ftalias_cache_stats_nest = {
	.max_attr = FTALIAS_A_CACHE_STATS_MAX,
	.table = ftalias_cache_stats_policy,
};

const struct ynl_policy_attr ftalias_id_policy[FTALIAS_A_ID_MAX + 1] = {
	[FTALIAS_A_ID_NODE] = { .name = "node", .type = YNL_PT_U32, },
	[FTALIAS_A_ID_ALIAS] = { .name = "alias", .type = YNL_PT_U32, },
	[FTALIAS_A_ID_PORT] = { .name = "port", .type = YNL_PT_U32, },
	[FTALIAS_A_ID_INCARNATION] = { .name = "incarnation", .type = YNL_PT_U32, },
	[FTALIAS_A_ID_XID] = { .name = "xid", .type = YNL_PT_U64, },
	[FTALIAS_A_ID_PAD] = { .name = "pad", .type = YNL_PT_IGNORE, },
};

const struct ynl_policy_nest ftalias_id_nest = {
	.max_attr = FTALIAS_A_ID_MAX,
	.table = ftalias_id_policy,
};

const struct ynl_policy_attr ftalias_save_header_policy[FTALIAS_A_SAVE_HEADER_MAX + 1] = {
	[FTALIAS_A_SAVE_HEADER_VERSION] = { .name = "version", .type = YNL_PT_U32, },
	[FTALIAS_A_SAVE_HEADER_DROPPED] = { .name = "dropped", .type = YNL_PT_U32, },
	[FTALIAS_A_SAVE_HEADER_FREEZE_US] = { .name = "freeze-us", .type = YNL_PT_U32, },
};

const struct ynl_policy_nest ftalias_save_header_nest = {
	.max_attr = FTALIAS_A_SAVE_HEADER_MAX,
	.table = ftalias_save_header_policy,
};

const struct ynl_policy_attr ftalias_save_alias_policy[FTALIAS_A_ALIAS_MAX + 1] = {
	[FTALIAS_A_ALIAS_ID] = { .name = "id", .type = YNL_PT_U32, },
	[FTALIAS_A_ALIAS_NAME] = { .name = "name", .type = YNL_PT_NUL_STR, },
	[FTALIAS_A_ALIAS_UID] = { .name = "uid", .type = YNL_PT_U32, },
	[FTALIAS_A_ALIAS_GID] = { .name = "gid", .type = YNL_PT_U32, },
	[FTALIAS_A_ALIAS_MODE] = { .name = "mode", .type = YNL_PT_U32, },
	[FTALIAS_A_ALIAS_POLICY] = { .name = "policy", .type = YNL_PT_U32, },
	[FTALIAS_A_ALIAS_GRACE_MS] = { .name = "grace-ms", .type = YNL_PT_U32, },
	[FTALIAS_A_ALIAS_CACHE_MAX_ENTRIES] = { .name = "cache-max-entries", .type = YNL_PT_U32, },
	[FTALIAS_A_ALIAS_CACHE_MAX_BYTES] = { .name = "cache-max-bytes", .type = YNL_PT_U64, },
	[FTALIAS_A_ALIAS_CACHE_TTL_MS] = { .name = "cache-ttl-ms", .type = YNL_PT_U32, },
	[FTALIAS_A_ALIAS_PAD] = { .name = "pad", .type = YNL_PT_IGNORE, },
	[FTALIAS_A_ALIAS_INCARNATION] = { .name = "incarnation", .type = YNL_PT_U32, },
	[FTALIAS_A_ALIAS_MEMBERS] = { .name = "members", .type = YNL_PT_U32, },
	[FTALIAS_A_ALIAS_ACTIVE_PORT] = { .name = "active-port", .type = YNL_PT_U32, },
	[FTALIAS_A_ALIAS_PENDING] = { .name = "pending", .type = YNL_PT_U32, },
	[FTALIAS_A_ALIAS_HELD] = { .name = "held", .type = YNL_PT_U32, },
	[FTALIAS_A_ALIAS_STATS] = { .name = "stats", .type = YNL_PT_NEST, .nest = &ftalias_alias_stats_nest, },
	[FTALIAS_A_ALIAS_RECORD_REPLIES] = { .name = "record-replies", .type = YNL_PT_U8, },
	[FTALIAS_A_ALIAS_CACHE] = { .name = "cache", .type = YNL_PT_NEST, .nest = &ftalias_cache_stats_nest, },
	[FTALIAS_A_ALIAS_CKPT_SEQ] = { .name = "ckpt-seq", .type = YNL_PT_U64, },
	[FTALIAS_A_ALIAS_CKPT_BYTES] = { .name = "ckpt-bytes", .type = YNL_PT_U64, },
	[FTALIAS_A_ALIAS_INPUT_LOG] = { .name = "input-log", .type = YNL_PT_U8, },
	[FTALIAS_A_ALIAS_LOG_INPUTS] = { .name = "log-inputs", .type = YNL_PT_U32, },
	[FTALIAS_A_ALIAS_LOG_BYTES] = { .name = "log-bytes", .type = YNL_PT_U64, },
	[FTALIAS_A_ALIAS_CKPT_INPUT] = { .name = "ckpt-input", .type = YNL_PT_U64, },
	[FTALIAS_A_ALIAS_SCOPE] = { .name = "scope", .type = YNL_PT_U8, },
};

const struct ynl_policy_nest ftalias_save_alias_nest = {
	.max_attr = FTALIAS_A_ALIAS_MAX,
	.table = ftalias_save_alias_policy,
};

const struct ynl_policy_attr ftalias_save_ids_policy[FTALIAS_A_SAVE_IDS_MAX + 1] = {
	[FTALIAS_A_SAVE_IDS_XID] = { .name = "xid", .type = YNL_PT_U64, },
	[FTALIAS_A_SAVE_IDS_ACK] = { .name = "ack", .type = YNL_PT_U64, },
	[FTALIAS_A_SAVE_IDS_PAD] = { .name = "pad", .type = YNL_PT_IGNORE, },
	[FTALIAS_A_SAVE_IDS_COOKIE] = { .name = "cookie", .type = YNL_PT_U64, },
};

const struct ynl_policy_nest ftalias_save_ids_nest = {
	.max_attr = FTALIAS_A_SAVE_IDS_MAX,
	.table = ftalias_save_ids_policy,
};

const struct ynl_policy_attr ftalias_save_entry_policy[FTALIAS_A_SAVE_ENTRY_MAX + 1] = {
	[FTALIAS_A_SAVE_ENTRY_KEY] = { .name = "key", .type = YNL_PT_BINARY,},
	[FTALIAS_A_SAVE_ENTRY_STATE] = { .name = "state", .type = YNL_PT_U32, },
	[FTALIAS_A_SAVE_ENTRY_AGE_MS] = { .name = "age-ms", .type = YNL_PT_U32, },
	[FTALIAS_A_SAVE_ENTRY_LEN] = { .name = "len", .type = YNL_PT_U32, },
	[FTALIAS_A_SAVE_ENTRY_SRC_PORT] = { .name = "src-port", .type = YNL_PT_U32, },
	[FTALIAS_A_SAVE_ENTRY_SRC_ALIAS] = { .name = "src-alias", .type = YNL_PT_U32, },
	[FTALIAS_A_SAVE_ENTRY_PAYLOAD] = { .name = "payload", .type = YNL_PT_BINARY,},
};

const struct ynl_policy_nest ftalias_save_entry_nest = {
	.max_attr = FTALIAS_A_SAVE_ENTRY_MAX,
	.table = ftalias_save_entry_policy,
};

const struct ynl_policy_attr ftalias_save_jrec_policy[FTALIAS_A_SAVE_JREC_MAX + 1] = {
	[FTALIAS_A_SAVE_JREC_KEY] = { .name = "key", .type = YNL_PT_BINARY,},
	[FTALIAS_A_SAVE_JREC_DEST_ALIAS] = { .name = "dest-alias", .type = YNL_PT_U32, },
	[FTALIAS_A_SAVE_JREC_REPLIED] = { .name = "replied", .type = YNL_PT_FLAG, },
	[FTALIAS_A_SAVE_JREC_LEN] = { .name = "len", .type = YNL_PT_U32, },
	[FTALIAS_A_SAVE_JREC_PAYLOAD] = { .name = "payload", .type = YNL_PT_BINARY,},
};

const struct ynl_policy_nest ftalias_save_jrec_nest = {
	.max_attr = FTALIAS_A_SAVE_JREC_MAX,
	.table = ftalias_save_jrec_policy,
};

const struct ynl_policy_attr ftalias_save_client_policy[FTALIAS_A_SAVE_CLIENT_MAX + 1] = {
	[FTALIAS_A_SAVE_CLIENT_NODE] = { .name = "node", .type = YNL_PT_U32, },
	[FTALIAS_A_SAVE_CLIENT_ALIAS] = { .name = "alias", .type = YNL_PT_U32, },
	[FTALIAS_A_SAVE_CLIENT_ACKED] = { .name = "acked", .type = YNL_PT_U64, },
	[FTALIAS_A_SAVE_CLIENT_PAD] = { .name = "pad", .type = YNL_PT_IGNORE, },
	[FTALIAS_A_SAVE_CLIENT_COOKIE] = { .name = "cookie", .type = YNL_PT_U64, },
};

const struct ynl_policy_nest ftalias_save_client_nest = {
	.max_attr = FTALIAS_A_SAVE_CLIENT_MAX,
	.table = ftalias_save_client_policy,
};

const struct ynl_policy_attr ftalias_save_trailer_policy[FTALIAS_A_SAVE_TRAILER_MAX + 1] = {
	[FTALIAS_A_SAVE_TRAILER_ENTRIES] = { .name = "entries", .type = YNL_PT_U32, },
	[FTALIAS_A_SAVE_TRAILER_JRECS] = { .name = "jrecs", .type = YNL_PT_U32, },
	[FTALIAS_A_SAVE_TRAILER_CLIENTS] = { .name = "clients", .type = YNL_PT_U32, },
	[FTALIAS_A_SAVE_TRAILER_BYTES] = { .name = "bytes", .type = YNL_PT_U64, },
	[FTALIAS_A_SAVE_TRAILER_PAD] = { .name = "pad", .type = YNL_PT_IGNORE, },
	[FTALIAS_A_SAVE_TRAILER_REQUESTS] = { .name = "requests", .type = YNL_PT_U32, },
	[FTALIAS_A_SAVE_TRAILER_HELD] = { .name = "held", .type = YNL_PT_U32, },
	[FTALIAS_A_SAVE_TRAILER_CKPT_BYTES] = { .name = "ckpt-bytes", .type = YNL_PT_U64, },
	[FTALIAS_A_SAVE_TRAILER_INPUTS] = { .name = "inputs", .type = YNL_PT_U32, },
	[FTALIAS_A_SAVE_TRAILER_OUTPUTS] = { .name = "outputs", .type = YNL_PT_U32, },
};

const struct ynl_policy_nest ftalias_save_trailer_nest = {
	.max_attr = FTALIAS_A_SAVE_TRAILER_MAX,
	.table = ftalias_save_trailer_policy,
};

const struct ynl_policy_attr ftalias_save_request_policy[FTALIAS_A_SAVE_REQUEST_MAX + 1] = {
	[FTALIAS_A_SAVE_REQUEST_KEY] = { .name = "key", .type = YNL_PT_BINARY,},
	[FTALIAS_A_SAVE_REQUEST_DEST_ALIAS] = { .name = "dest-alias", .type = YNL_PT_U32, },
	[FTALIAS_A_SAVE_REQUEST_DELIVERED] = { .name = "delivered", .type = YNL_PT_FLAG, },
	[FTALIAS_A_SAVE_REQUEST_LEN] = { .name = "len", .type = YNL_PT_U32, },
	[FTALIAS_A_SAVE_REQUEST_PAYLOAD] = { .name = "payload", .type = YNL_PT_BINARY,},
	[FTALIAS_A_SAVE_REQUEST_DEST_COOKIE] = { .name = "dest-cookie", .type = YNL_PT_U64, },
	[FTALIAS_A_SAVE_REQUEST_PAD] = { .name = "pad", .type = YNL_PT_IGNORE, },
};

const struct ynl_policy_nest ftalias_save_request_nest = {
	.max_attr = FTALIAS_A_SAVE_REQUEST_MAX,
	.table = ftalias_save_request_policy,
};

const struct ynl_policy_attr ftalias_save_held_policy[FTALIAS_A_SAVE_HELD_MAX + 1] = {
	[FTALIAS_A_SAVE_HELD_KEY] = { .name = "key", .type = YNL_PT_BINARY,},
	[FTALIAS_A_SAVE_HELD_ERR] = { .name = "err", .type = YNL_PT_U32, },
	[FTALIAS_A_SAVE_HELD_SRC_PORT] = { .name = "src-port", .type = YNL_PT_U32, },
	[FTALIAS_A_SAVE_HELD_SRC_ALIAS] = { .name = "src-alias", .type = YNL_PT_U32, },
	[FTALIAS_A_SAVE_HELD_FLAGS] = { .name = "flags", .type = YNL_PT_U32, },
	[FTALIAS_A_SAVE_HELD_LEN] = { .name = "len", .type = YNL_PT_U32, },
	[FTALIAS_A_SAVE_HELD_PAYLOAD] = { .name = "payload", .type = YNL_PT_BINARY,},
};

const struct ynl_policy_nest ftalias_save_held_nest = {
	.max_attr = FTALIAS_A_SAVE_HELD_MAX,
	.table = ftalias_save_held_policy,
};

const struct ynl_policy_attr ftalias_save_checkpoint_policy[FTALIAS_A_SAVE_CHECKPOINT_MAX + 1] = {
	[FTALIAS_A_SAVE_CHECKPOINT_SEQ] = { .name = "seq", .type = YNL_PT_U64, },
	[FTALIAS_A_SAVE_CHECKPOINT_LEN] = { .name = "len", .type = YNL_PT_U64, },
	[FTALIAS_A_SAVE_CHECKPOINT_PAYLOAD] = { .name = "payload", .type = YNL_PT_BINARY,},
	[FTALIAS_A_SAVE_CHECKPOINT_PAD] = { .name = "pad", .type = YNL_PT_IGNORE, },
	[FTALIAS_A_SAVE_CHECKPOINT_INPUT] = { .name = "input", .type = YNL_PT_U64, },
};

const struct ynl_policy_nest ftalias_save_checkpoint_nest = {
	.max_attr = FTALIAS_A_SAVE_CHECKPOINT_MAX,
	.table = ftalias_save_checkpoint_policy,
};

const struct ynl_policy_attr ftalias_save_input_policy[FTALIAS_A_SAVE_INPUT_MAX + 1] = {
	[FTALIAS_A_SAVE_INPUT_SEQ] = { .name = "seq", .type = YNL_PT_U64, },
	[FTALIAS_A_SAVE_INPUT_KEY] = { .name = "key", .type = YNL_PT_BINARY,},
	[FTALIAS_A_SAVE_INPUT_FLAGS] = { .name = "flags", .type = YNL_PT_U32, },
	[FTALIAS_A_SAVE_INPUT_SRC_PORT] = { .name = "src-port", .type = YNL_PT_U32, },
	[FTALIAS_A_SAVE_INPUT_SRC_ALIAS] = { .name = "src-alias", .type = YNL_PT_U32, },
	[FTALIAS_A_SAVE_INPUT_ARG_LEN] = { .name = "arg-len", .type = YNL_PT_U32, },
	[FTALIAS_A_SAVE_INPUT_PENDING] = { .name = "pending", .type = YNL_PT_FLAG, },
	[FTALIAS_A_SAVE_INPUT_LEN] = { .name = "len", .type = YNL_PT_U32, },
	[FTALIAS_A_SAVE_INPUT_PAYLOAD] = { .name = "payload", .type = YNL_PT_BINARY,},
	[FTALIAS_A_SAVE_INPUT_PAD] = { .name = "pad", .type = YNL_PT_IGNORE, },
};

const struct ynl_policy_nest ftalias_save_input_nest = {
	.max_attr = FTALIAS_A_SAVE_INPUT_MAX,
	.table = ftalias_save_input_policy,
};

const struct ynl_policy_attr ftalias_save_output_policy[FTALIAS_A_SAVE_OUTPUT_MAX + 1] = {
	[FTALIAS_A_SAVE_OUTPUT_KEY] = { .name = "key", .type = YNL_PT_BINARY,},
	[FTALIAS_A_SAVE_OUTPUT_DST] = { .name = "dst", .type = YNL_PT_U32, },
	[FTALIAS_A_SAVE_OUTPUT_LEN] = { .name = "len", .type = YNL_PT_U32, },
	[FTALIAS_A_SAVE_OUTPUT_SUM] = { .name = "sum", .type = YNL_PT_U32, },
};

const struct ynl_policy_nest ftalias_save_output_nest = {
	.max_attr = FTALIAS_A_SAVE_OUTPUT_MAX,
	.table = ftalias_save_output_policy,
};

const struct ynl_policy_attr ftalias_cluster_stats_policy[FTALIAS_A_CLUSTER_STATS_MAX + 1] = {
	[FTALIAS_A_CLUSTER_STATS_TX] = { .name = "tx", .type = YNL_PT_U64, },
	[FTALIAS_A_CLUSTER_STATS_TX_ERRORS] = { .name = "tx-errors", .type = YNL_PT_U64, },
	[FTALIAS_A_CLUSTER_STATS_RX] = { .name = "rx", .type = YNL_PT_U64, },
	[FTALIAS_A_CLUSTER_STATS_RX_BAD] = { .name = "rx-bad", .type = YNL_PT_U64, },
	[FTALIAS_A_CLUSTER_STATS_RX_REFUSED] = { .name = "rx-refused", .type = YNL_PT_U64, },
	[FTALIAS_A_CLUSTER_STATS_RESTARTS] = { .name = "restarts", .type = YNL_PT_U64, },
	[FTALIAS_A_CLUSTER_STATS_TOPOLOGY_EVENTS] = { .name = "topology-events", .type = YNL_PT_U64, },
	[FTALIAS_A_CLUSTER_STATS_PAD] = { .name = "pad", .type = YNL_PT_IGNORE, },
	[FTALIAS_A_CLUSTER_STATS_REQ_TX] = { .name = "req-tx", .type = YNL_PT_U64, },
	[FTALIAS_A_CLUSTER_STATS_REQ_RX] = { .name = "req-rx", .type = YNL_PT_U64, },
	[FTALIAS_A_CLUSTER_STATS_REPLY_TX] = { .name = "reply-tx", .type = YNL_PT_U64, },
	[FTALIAS_A_CLUSTER_STATS_REPLY_RX] = { .name = "reply-rx", .type = YNL_PT_U64, },
	[FTALIAS_A_CLUSTER_STATS_NACK_TX] = { .name = "nack-tx", .type = YNL_PT_U64, },
	[FTALIAS_A_CLUSTER_STATS_NACK_RX] = { .name = "nack-rx", .type = YNL_PT_U64, },
	[FTALIAS_A_CLUSTER_STATS_RX_STALE] = { .name = "rx-stale", .type = YNL_PT_U64, },
};

const struct ynl_policy_nest ftalias_cluster_stats_nest = {
	.max_attr = FTALIAS_A_CLUSTER_STATS_MAX,
	.table = ftalias_cluster_stats_policy,
};

const struct ynl_policy_attr ftalias_family_info_policy[FTALIAS_A_FAMILY_INFO_MAX + 1] = {
	[FTALIAS_A_FAMILY_INFO_VERSION] = { .name = "version", .type = YNL_PT_U32, },
	[FTALIAS_A_FAMILY_INFO_AF_FAMILY] = { .name = "af-family", .type = YNL_PT_U32, },
	[FTALIAS_A_FAMILY_INFO_ALIASES] = { .name = "aliases", .type = YNL_PT_U32, },
	[FTALIAS_A_FAMILY_INFO_MAX_ALIASES] = { .name = "max-aliases", .type = YNL_PT_U32, },
	[FTALIAS_A_FAMILY_INFO_CACHE_MAX_ENTRIES_LIMIT] = { .name = "cache-max-entries-limit", .type = YNL_PT_U32, },
	[FTALIAS_A_FAMILY_INFO_CACHE_MAX_BYTES_LIMIT] = { .name = "cache-max-bytes-limit", .type = YNL_PT_U64, },
	[FTALIAS_A_FAMILY_INFO_PAD] = { .name = "pad", .type = YNL_PT_IGNORE, },
	[FTALIAS_A_FAMILY_INFO_CACHE_TOTAL_BYTES_LIMIT] = { .name = "cache-total-bytes-limit", .type = YNL_PT_U64, },
	[FTALIAS_A_FAMILY_INFO_CACHE_TOTAL_BYTES] = { .name = "cache-total-bytes", .type = YNL_PT_U64, },
};

const struct ynl_policy_nest ftalias_family_info_nest = {
	.max_attr = FTALIAS_A_FAMILY_INFO_MAX,
	.table = ftalias_family_info_policy,
};

const struct ynl_policy_attr ftalias_alias_policy[FTALIAS_A_ALIAS_MAX + 1] = {
	[FTALIAS_A_ALIAS_ID] = { .name = "id", .type = YNL_PT_U32, },
	[FTALIAS_A_ALIAS_NAME] = { .name = "name", .type = YNL_PT_NUL_STR, },
	[FTALIAS_A_ALIAS_UID] = { .name = "uid", .type = YNL_PT_U32, },
	[FTALIAS_A_ALIAS_GID] = { .name = "gid", .type = YNL_PT_U32, },
	[FTALIAS_A_ALIAS_MODE] = { .name = "mode", .type = YNL_PT_U32, },
	[FTALIAS_A_ALIAS_POLICY] = { .name = "policy", .type = YNL_PT_U32, },
	[FTALIAS_A_ALIAS_GRACE_MS] = { .name = "grace-ms", .type = YNL_PT_U32, },
	[FTALIAS_A_ALIAS_CACHE_MAX_ENTRIES] = { .name = "cache-max-entries", .type = YNL_PT_U32, },
	[FTALIAS_A_ALIAS_CACHE_MAX_BYTES] = { .name = "cache-max-bytes", .type = YNL_PT_U64, },
	[FTALIAS_A_ALIAS_CACHE_TTL_MS] = { .name = "cache-ttl-ms", .type = YNL_PT_U32, },
	[FTALIAS_A_ALIAS_PAD] = { .name = "pad", .type = YNL_PT_IGNORE, },
	[FTALIAS_A_ALIAS_INCARNATION] = { .name = "incarnation", .type = YNL_PT_U32, },
	[FTALIAS_A_ALIAS_MEMBERS] = { .name = "members", .type = YNL_PT_U32, },
	[FTALIAS_A_ALIAS_ACTIVE_PORT] = { .name = "active-port", .type = YNL_PT_U32, },
	[FTALIAS_A_ALIAS_PENDING] = { .name = "pending", .type = YNL_PT_U32, },
	[FTALIAS_A_ALIAS_HELD] = { .name = "held", .type = YNL_PT_U32, },
	[FTALIAS_A_ALIAS_STATS] = { .name = "stats", .type = YNL_PT_NEST, .nest = &ftalias_alias_stats_nest, },
	[FTALIAS_A_ALIAS_RECORD_REPLIES] = { .name = "record-replies", .type = YNL_PT_U8, },
	[FTALIAS_A_ALIAS_CACHE] = { .name = "cache", .type = YNL_PT_NEST, .nest = &ftalias_cache_stats_nest, },
	[FTALIAS_A_ALIAS_MOVED] = { .name = "moved", .type = YNL_PT_FLAG, },
	[FTALIAS_A_ALIAS_CKPT_SEQ] = { .name = "ckpt-seq", .type = YNL_PT_U64, },
	[FTALIAS_A_ALIAS_CKPT_BYTES] = { .name = "ckpt-bytes", .type = YNL_PT_U64, },
	[FTALIAS_A_ALIAS_INPUT_LOG] = { .name = "input-log", .type = YNL_PT_U8, },
	[FTALIAS_A_ALIAS_LOG_INPUTS] = { .name = "log-inputs", .type = YNL_PT_U32, },
	[FTALIAS_A_ALIAS_LOG_BYTES] = { .name = "log-bytes", .type = YNL_PT_U64, },
	[FTALIAS_A_ALIAS_CKPT_INPUT] = { .name = "ckpt-input", .type = YNL_PT_U64, },
	[FTALIAS_A_ALIAS_LOG_OUTPUTS] = { .name = "log-outputs", .type = YNL_PT_U32, },
	[FTALIAS_A_ALIAS_SCOPE] = { .name = "scope", .type = YNL_PT_U8, },
};

const struct ynl_policy_nest ftalias_alias_nest = {
	.max_attr = FTALIAS_A_ALIAS_MAX,
	.table = ftalias_alias_policy,
};

const struct ynl_policy_attr ftalias_member_policy[FTALIAS_A_MEMBER_MAX + 1] = {
	[FTALIAS_A_MEMBER_ALIAS_ID] = { .name = "alias-id", .type = YNL_PT_U32, },
	[FTALIAS_A_MEMBER_PORT] = { .name = "port", .type = YNL_PT_U32, },
	[FTALIAS_A_MEMBER_PID] = { .name = "pid", .type = YNL_PT_U32, },
	[FTALIAS_A_MEMBER_PRIORITY] = { .name = "priority", .type = YNL_PT_U32, },
	[FTALIAS_A_MEMBER_ROLE] = { .name = "role", .type = YNL_PT_U32, },
	[FTALIAS_A_MEMBER_STATE] = { .name = "state", .type = YNL_PT_U32, },
	[FTALIAS_A_MEMBER_QUEUE_LEN] = { .name = "queue-len", .type = YNL_PT_U32, },
	[FTALIAS_A_MEMBER_INCARNATION] = { .name = "incarnation", .type = YNL_PT_U32, },
	[FTALIAS_A_MEMBER_DELIVERED] = { .name = "delivered", .type = YNL_PT_U64, },
	[FTALIAS_A_MEMBER_REDELIVERED] = { .name = "redelivered", .type = YNL_PT_U64, },
	[FTALIAS_A_MEMBER_REPLIES] = { .name = "replies", .type = YNL_PT_U64, },
	[FTALIAS_A_MEMBER_PAD] = { .name = "pad", .type = YNL_PT_IGNORE, },
	[FTALIAS_A_MEMBER_NODE] = { .name = "node", .type = YNL_PT_U32, },
};

const struct ynl_policy_nest ftalias_member_nest = {
	.max_attr = FTALIAS_A_MEMBER_MAX,
	.table = ftalias_member_policy,
};

const struct ynl_policy_attr ftalias_cache_entry_policy[FTALIAS_A_CACHE_ENTRY_MAX + 1] = {
	[FTALIAS_A_CACHE_ENTRY_ALIAS_ID] = { .name = "alias-id", .type = YNL_PT_U32, },
	[FTALIAS_A_CACHE_ENTRY_ID] = { .name = "id", .type = YNL_PT_NEST, .nest = &ftalias_id_nest, },
	[FTALIAS_A_CACHE_ENTRY_STATE] = { .name = "state", .type = YNL_PT_U32, },
	[FTALIAS_A_CACHE_ENTRY_AGE_MS] = { .name = "age-ms", .type = YNL_PT_U32, },
	[FTALIAS_A_CACHE_ENTRY_SIZE] = { .name = "size", .type = YNL_PT_U32, },
	[FTALIAS_A_CACHE_ENTRY_OWNER_PORT] = { .name = "owner-port", .type = YNL_PT_U32, },
	[FTALIAS_A_CACHE_ENTRY_JOURNAL] = { .name = "journal", .type = YNL_PT_U32, },
};

const struct ynl_policy_nest ftalias_cache_entry_nest = {
	.max_attr = FTALIAS_A_CACHE_ENTRY_MAX,
	.table = ftalias_cache_entry_policy,
};

const struct ynl_policy_attr ftalias_cache_flush_policy[FTALIAS_A_CACHE_FLUSH_MAX + 1] = {
	[FTALIAS_A_CACHE_FLUSH_ALIAS_ID] = { .name = "alias-id", .type = YNL_PT_U32, },
	[FTALIAS_A_CACHE_FLUSH_IN_PROGRESS] = { .name = "in-progress", .type = YNL_PT_FLAG, },
	[FTALIAS_A_CACHE_FLUSH_FLUSHED] = { .name = "flushed", .type = YNL_PT_U32, },
};

const struct ynl_policy_nest ftalias_cache_flush_nest = {
	.max_attr = FTALIAS_A_CACHE_FLUSH_MAX,
	.table = ftalias_cache_flush_policy,
};

const struct ynl_policy_attr ftalias_journal_rec_policy[FTALIAS_A_JOURNAL_REC_MAX + 1] = {
	[FTALIAS_A_JOURNAL_REC_ALIAS_ID] = { .name = "alias-id", .type = YNL_PT_U32, },
	[FTALIAS_A_JOURNAL_REC_PARENT] = { .name = "parent", .type = YNL_PT_NEST, .nest = &ftalias_id_nest, },
	[FTALIAS_A_JOURNAL_REC_ID] = { .name = "id", .type = YNL_PT_NEST, .nest = &ftalias_id_nest, },
	[FTALIAS_A_JOURNAL_REC_DEST_ALIAS] = { .name = "dest-alias", .type = YNL_PT_U32, },
	[FTALIAS_A_JOURNAL_REC_REPLIED] = { .name = "replied", .type = YNL_PT_U8, },
	[FTALIAS_A_JOURNAL_REC_SIZE] = { .name = "size", .type = YNL_PT_U32, },
};

const struct ynl_policy_nest ftalias_journal_rec_nest = {
	.max_attr = FTALIAS_A_JOURNAL_REC_MAX,
	.table = ftalias_journal_rec_policy,
};

const struct ynl_policy_attr ftalias_conn_policy[FTALIAS_A_CONN_MAX + 1] = {
	[FTALIAS_A_CONN_ID] = { .name = "id", .type = YNL_PT_U32, },
	[FTALIAS_A_CONN_SEQ] = { .name = "seq", .type = YNL_PT_U64, },
	[FTALIAS_A_CONN_STATE] = { .name = "state", .type = YNL_PT_U32, },
	[FTALIAS_A_CONN_EST_SEC] = { .name = "est-sec", .type = YNL_PT_U64, },
	[FTALIAS_A_CONN_EST_USEC] = { .name = "est-usec", .type = YNL_PT_U32, },
	[FTALIAS_A_CONN_LOCAL_ALIAS] = { .name = "local-alias", .type = YNL_PT_U32, },
	[FTALIAS_A_CONN_LISTEN_PORT] = { .name = "listen-port", .type = YNL_PT_U32, },
	[FTALIAS_A_CONN_LOCAL_PORT] = { .name = "local-port", .type = YNL_PT_U32, },
	[FTALIAS_A_CONN_LOCAL_PID] = { .name = "local-pid", .type = YNL_PT_U32, },
	[FTALIAS_A_CONN_LOCAL_QUEUE] = { .name = "local-queue", .type = YNL_PT_U32, },
	[FTALIAS_A_CONN_PEER_PORT] = { .name = "peer-port", .type = YNL_PT_U32, },
	[FTALIAS_A_CONN_PEER_PID] = { .name = "peer-pid", .type = YNL_PT_U32, },
	[FTALIAS_A_CONN_PEER_QUEUE] = { .name = "peer-queue", .type = YNL_PT_U32, },
	[FTALIAS_A_CONN_PEER_NODE] = { .name = "peer-node", .type = YNL_PT_U32, },
	[FTALIAS_A_CONN_PEER_ALIAS] = { .name = "peer-alias", .type = YNL_PT_U32, },
	[FTALIAS_A_CONN_PEER_LISTEN_PORT] = { .name = "peer-listen-port", .type = YNL_PT_U32, },
	[FTALIAS_A_CONN_PEER_NAME] = { .name = "peer-name", .type = YNL_PT_NUL_STR, },
	[FTALIAS_A_CONN_REASON] = { .name = "reason", .type = YNL_PT_U32, },
	[FTALIAS_A_CONN_NEW_ID] = { .name = "new-id", .type = YNL_PT_U32, },
	[FTALIAS_A_CONN_NEW_SEQ] = { .name = "new-seq", .type = YNL_PT_U64, },
	[FTALIAS_A_CONN_NEW_EST_SEC] = { .name = "new-est-sec", .type = YNL_PT_U64, },
	[FTALIAS_A_CONN_NEW_EST_USEC] = { .name = "new-est-usec", .type = YNL_PT_U32, },
	[FTALIAS_A_CONN_NEW_PEER_PORT] = { .name = "new-peer-port", .type = YNL_PT_U32, },
	[FTALIAS_A_CONN_NEW_PEER_PID] = { .name = "new-peer-pid", .type = YNL_PT_U32, },
	[FTALIAS_A_CONN_PAD] = { .name = "pad", .type = YNL_PT_IGNORE, },
};

const struct ynl_policy_nest ftalias_conn_nest = {
	.max_attr = FTALIAS_A_CONN_MAX,
	.table = ftalias_conn_policy,
};

const struct ynl_policy_attr ftalias_save_policy[FTALIAS_A_SAVE_MAX + 1] = {
	[FTALIAS_A_SAVE_ALIAS_ID] = { .name = "alias-id", .type = YNL_PT_U32, },
	[FTALIAS_A_SAVE_CRC] = { .name = "crc", .type = YNL_PT_U32, },
	[FTALIAS_A_SAVE_HEADER] = { .name = "header", .type = YNL_PT_NEST, .nest = &ftalias_save_header_nest, },
	[FTALIAS_A_SAVE_ALIAS] = { .name = "alias", .type = YNL_PT_NEST, .nest = &ftalias_save_alias_nest, },
	[FTALIAS_A_SAVE_IDS] = { .name = "ids", .type = YNL_PT_NEST, .nest = &ftalias_save_ids_nest, },
	[FTALIAS_A_SAVE_DSTS] = { .name = "dsts", .type = YNL_PT_BINARY,},
	[FTALIAS_A_SAVE_ENTRY] = { .name = "entry", .type = YNL_PT_NEST, .nest = &ftalias_save_entry_nest, },
	[FTALIAS_A_SAVE_DATA] = { .name = "data", .type = YNL_PT_BINARY,},
	[FTALIAS_A_SAVE_JREC] = { .name = "jrec", .type = YNL_PT_NEST, .nest = &ftalias_save_jrec_nest, },
	[FTALIAS_A_SAVE_CLIENT] = { .name = "client", .type = YNL_PT_NEST, .nest = &ftalias_save_client_nest, },
	[FTALIAS_A_SAVE_TRAILER] = { .name = "trailer", .type = YNL_PT_NEST, .nest = &ftalias_save_trailer_nest, },
	[FTALIAS_A_SAVE_HANDLE] = { .name = "handle", .type = YNL_PT_U32, },
	[FTALIAS_A_SAVE_NEW_NAME] = { .name = "new-name", .type = YNL_PT_NUL_STR, },
	[FTALIAS_A_SAVE_NEW_ID] = { .name = "new-id", .type = YNL_PT_U32, },
	[FTALIAS_A_SAVE_REQUEST] = { .name = "request", .type = YNL_PT_NEST, .nest = &ftalias_save_request_nest, },
	[FTALIAS_A_SAVE_HELD] = { .name = "held", .type = YNL_PT_NEST, .nest = &ftalias_save_held_nest, },
	[FTALIAS_A_SAVE_MOVE] = { .name = "move", .type = YNL_PT_FLAG, },
	[FTALIAS_A_SAVE_CHECKPOINT] = { .name = "checkpoint", .type = YNL_PT_NEST, .nest = &ftalias_save_checkpoint_nest, },
	[FTALIAS_A_SAVE_INPUT] = { .name = "input", .type = YNL_PT_NEST, .nest = &ftalias_save_input_nest, },
	[FTALIAS_A_SAVE_OUTPUT] = { .name = "output", .type = YNL_PT_NEST, .nest = &ftalias_save_output_nest, },
};

const struct ynl_policy_nest ftalias_save_nest = {
	.max_attr = FTALIAS_A_SAVE_MAX,
	.table = ftalias_save_policy,
};

const struct ynl_policy_attr ftalias_cluster_policy[FTALIAS_A_CLUSTER_MAX + 1] = {
	[FTALIAS_A_CLUSTER_ENABLED] = { .name = "enabled", .type = YNL_PT_U8, },
	[FTALIAS_A_CLUSTER_NODE] = { .name = "node", .type = YNL_PT_U32, },
	[FTALIAS_A_CLUSTER_BOOT_ID] = { .name = "boot-id", .type = YNL_PT_U64, },
	[FTALIAS_A_CLUSTER_NODES] = { .name = "nodes", .type = YNL_PT_U32, },
	[FTALIAS_A_CLUSTER_NODES_UP] = { .name = "nodes-up", .type = YNL_PT_U32, },
	[FTALIAS_A_CLUSTER_STATS] = { .name = "stats", .type = YNL_PT_NEST, .nest = &ftalias_cluster_stats_nest, },
	[FTALIAS_A_CLUSTER_PAD] = { .name = "pad", .type = YNL_PT_IGNORE, },
};

const struct ynl_policy_nest ftalias_cluster_nest = {
	.max_attr = FTALIAS_A_CLUSTER_MAX,
	.table = ftalias_cluster_policy,
};

const struct ynl_policy_attr ftalias_node_policy[FTALIAS_A_NODE_MAX + 1] = {
	[FTALIAS_A_NODE_ADDR] = { .name = "addr", .type = YNL_PT_U32, },
	[FTALIAS_A_NODE_STATE] = { .name = "state", .type = YNL_PT_U32, },
	[FTALIAS_A_NODE_LINKS] = { .name = "links", .type = YNL_PT_U32, },
	[FTALIAS_A_NODE_PORT] = { .name = "port", .type = YNL_PT_U32, },
	[FTALIAS_A_NODE_BOOT_ID] = { .name = "boot-id", .type = YNL_PT_U64, },
	[FTALIAS_A_NODE_RESTARTS] = { .name = "restarts", .type = YNL_PT_U32, },
	[FTALIAS_A_NODE_SINCE_MS] = { .name = "since-ms", .type = YNL_PT_U64, },
	[FTALIAS_A_NODE_SELF] = { .name = "self", .type = YNL_PT_FLAG, },
	[FTALIAS_A_NODE_PAD] = { .name = "pad", .type = YNL_PT_IGNORE, },
};

const struct ynl_policy_nest ftalias_node_nest = {
	.max_attr = FTALIAS_A_NODE_MAX,
	.table = ftalias_node_policy,
};

/* Common nested types */
void ftalias_alias_stats_free(struct ftalias_alias_stats *obj)
{
}

int ftalias_alias_stats_put(struct nlmsghdr *nlh, unsigned int attr_type,
			    struct ftalias_alias_stats *obj)
{
	struct nlattr *nest;

	nest = ynl_attr_nest_start(nlh, attr_type);
	if (obj->_present.sent)
		ynl_attr_put_u64(nlh, FTALIAS_A_ALIAS_STATS_SENT, obj->sent);
	if (obj->_present.delivered)
		ynl_attr_put_u64(nlh, FTALIAS_A_ALIAS_STATS_DELIVERED, obj->delivered);
	if (obj->_present.redelivered)
		ynl_attr_put_u64(nlh, FTALIAS_A_ALIAS_STATS_REDELIVERED, obj->redelivered);
	if (obj->_present.resent)
		ynl_attr_put_u64(nlh, FTALIAS_A_ALIAS_STATS_RESENT, obj->resent);
	if (obj->_present.replies)
		ynl_attr_put_u64(nlh, FTALIAS_A_ALIAS_STATS_REPLIES, obj->replies);
	if (obj->_present.held)
		ynl_attr_put_u64(nlh, FTALIAS_A_ALIAS_STATS_HELD, obj->held);
	if (obj->_present.failed)
		ynl_attr_put_u64(nlh, FTALIAS_A_ALIAS_STATS_FAILED, obj->failed);
	if (obj->_present.promotions)
		ynl_attr_put_u64(nlh, FTALIAS_A_ALIAS_STATS_PROMOTIONS, obj->promotions);
	if (obj->_present.checkpoints)
		ynl_attr_put_u64(nlh, FTALIAS_A_ALIAS_STATS_CHECKPOINTS, obj->checkpoints);
	if (obj->_present.ckpt_loads)
		ynl_attr_put_u64(nlh, FTALIAS_A_ALIAS_STATS_CKPT_LOADS, obj->ckpt_loads);
	if (obj->_present.inputs_logged)
		ynl_attr_put_u64(nlh, FTALIAS_A_ALIAS_STATS_INPUTS_LOGGED, obj->inputs_logged);
	if (obj->_present.inputs_replayed)
		ynl_attr_put_u64(nlh, FTALIAS_A_ALIAS_STATS_INPUTS_REPLAYED, obj->inputs_replayed);
	if (obj->_present.replay_suppressed)
		ynl_attr_put_u64(nlh, FTALIAS_A_ALIAS_STATS_REPLAY_SUPPRESSED, obj->replay_suppressed);
	if (obj->_present.requests_reissued)
		ynl_attr_put_u64(nlh, FTALIAS_A_ALIAS_STATS_REQUESTS_REISSUED, obj->requests_reissued);
	ynl_attr_nest_end(nlh, nest);

	return 0;
}

int ftalias_alias_stats_parse(struct ynl_parse_arg *yarg,
			      const struct nlattr *nested)
{
	struct ftalias_alias_stats *dst = yarg->data;
	const struct nlattr *attr;

	ynl_attr_for_each_nested(attr, nested) {
		unsigned int type = ynl_attr_type(attr);

		if (type == FTALIAS_A_ALIAS_STATS_SENT) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.sent = 1;
			dst->sent = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_ALIAS_STATS_DELIVERED) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.delivered = 1;
			dst->delivered = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_ALIAS_STATS_REDELIVERED) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.redelivered = 1;
			dst->redelivered = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_ALIAS_STATS_RESENT) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.resent = 1;
			dst->resent = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_ALIAS_STATS_REPLIES) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.replies = 1;
			dst->replies = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_ALIAS_STATS_HELD) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.held = 1;
			dst->held = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_ALIAS_STATS_FAILED) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.failed = 1;
			dst->failed = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_ALIAS_STATS_PROMOTIONS) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.promotions = 1;
			dst->promotions = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_ALIAS_STATS_CHECKPOINTS) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.checkpoints = 1;
			dst->checkpoints = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_ALIAS_STATS_CKPT_LOADS) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.ckpt_loads = 1;
			dst->ckpt_loads = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_ALIAS_STATS_INPUTS_LOGGED) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.inputs_logged = 1;
			dst->inputs_logged = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_ALIAS_STATS_INPUTS_REPLAYED) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.inputs_replayed = 1;
			dst->inputs_replayed = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_ALIAS_STATS_REPLAY_SUPPRESSED) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.replay_suppressed = 1;
			dst->replay_suppressed = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_ALIAS_STATS_REQUESTS_REISSUED) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.requests_reissued = 1;
			dst->requests_reissued = ynl_attr_get_u64(attr);
		}
	}

	return 0;
}

void ftalias_cache_stats_free(struct ftalias_cache_stats *obj)
{
}

int ftalias_cache_stats_put(struct nlmsghdr *nlh, unsigned int attr_type,
			    struct ftalias_cache_stats *obj)
{
	struct nlattr *nest;

	nest = ynl_attr_nest_start(nlh, attr_type);
	if (obj->_present.entries)
		ynl_attr_put_u32(nlh, FTALIAS_A_CACHE_STATS_ENTRIES, obj->entries);
	if (obj->_present.bytes)
		ynl_attr_put_u64(nlh, FTALIAS_A_CACHE_STATS_BYTES, obj->bytes);
	if (obj->_present.in_progress)
		ynl_attr_put_u32(nlh, FTALIAS_A_CACHE_STATS_IN_PROGRESS, obj->in_progress);
	if (obj->_present.journal)
		ynl_attr_put_u32(nlh, FTALIAS_A_CACHE_STATS_JOURNAL, obj->journal);
	if (obj->_present.waiting)
		ynl_attr_put_u32(nlh, FTALIAS_A_CACHE_STATS_WAITING, obj->waiting);
	if (obj->_present.recorded)
		ynl_attr_put_u64(nlh, FTALIAS_A_CACHE_STATS_RECORDED, obj->recorded);
	if (obj->_present.hits_auto)
		ynl_attr_put_u64(nlh, FTALIAS_A_CACHE_STATS_HITS_AUTO, obj->hits_auto);
	if (obj->_present.hits_handler)
		ynl_attr_put_u64(nlh, FTALIAS_A_CACHE_STATS_HITS_HANDLER, obj->hits_handler);
	if (obj->_present.hits_held)
		ynl_attr_put_u64(nlh, FTALIAS_A_CACHE_STATS_HITS_HELD, obj->hits_held);
	if (obj->_present.misses)
		ynl_attr_put_u64(nlh, FTALIAS_A_CACHE_STATS_MISSES, obj->misses);
	if (obj->_present.evict_ack)
		ynl_attr_put_u64(nlh, FTALIAS_A_CACHE_STATS_EVICT_ACK, obj->evict_ack);
	if (obj->_present.evict_ttl)
		ynl_attr_put_u64(nlh, FTALIAS_A_CACHE_STATS_EVICT_TTL, obj->evict_ttl);
	if (obj->_present.evict_lru)
		ynl_attr_put_u64(nlh, FTALIAS_A_CACHE_STATS_EVICT_LRU, obj->evict_lru);
	if (obj->_present.evict_shrink)
		ynl_attr_put_u64(nlh, FTALIAS_A_CACHE_STATS_EVICT_SHRINK, obj->evict_shrink);
	if (obj->_present.evict_flush)
		ynl_attr_put_u64(nlh, FTALIAS_A_CACHE_STATS_EVICT_FLUSH, obj->evict_flush);
	if (obj->_present.refused)
		ynl_attr_put_u64(nlh, FTALIAS_A_CACHE_STATS_REFUSED, obj->refused);
	if (obj->_present.orphans)
		ynl_attr_put_u64(nlh, FTALIAS_A_CACHE_STATS_ORPHANS, obj->orphans);
	if (obj->_present.journaled)
		ynl_attr_put_u64(nlh, FTALIAS_A_CACHE_STATS_JOURNALED, obj->journaled);
	if (obj->_present.longest_hold_ms)
		ynl_attr_put_u64(nlh, FTALIAS_A_CACHE_STATS_LONGEST_HOLD_MS, obj->longest_hold_ms);
	ynl_attr_nest_end(nlh, nest);

	return 0;
}

int ftalias_cache_stats_parse(struct ynl_parse_arg *yarg,
			      const struct nlattr *nested)
{
	struct ftalias_cache_stats *dst = yarg->data;
	const struct nlattr *attr;

	ynl_attr_for_each_nested(attr, nested) {
		unsigned int type = ynl_attr_type(attr);

		if (type == FTALIAS_A_CACHE_STATS_ENTRIES) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.entries = 1;
			dst->entries = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_CACHE_STATS_BYTES) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.bytes = 1;
			dst->bytes = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_CACHE_STATS_IN_PROGRESS) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.in_progress = 1;
			dst->in_progress = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_CACHE_STATS_JOURNAL) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.journal = 1;
			dst->journal = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_CACHE_STATS_WAITING) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.waiting = 1;
			dst->waiting = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_CACHE_STATS_RECORDED) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.recorded = 1;
			dst->recorded = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_CACHE_STATS_HITS_AUTO) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.hits_auto = 1;
			dst->hits_auto = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_CACHE_STATS_HITS_HANDLER) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.hits_handler = 1;
			dst->hits_handler = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_CACHE_STATS_HITS_HELD) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.hits_held = 1;
			dst->hits_held = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_CACHE_STATS_MISSES) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.misses = 1;
			dst->misses = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_CACHE_STATS_EVICT_ACK) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.evict_ack = 1;
			dst->evict_ack = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_CACHE_STATS_EVICT_TTL) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.evict_ttl = 1;
			dst->evict_ttl = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_CACHE_STATS_EVICT_LRU) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.evict_lru = 1;
			dst->evict_lru = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_CACHE_STATS_EVICT_SHRINK) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.evict_shrink = 1;
			dst->evict_shrink = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_CACHE_STATS_EVICT_FLUSH) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.evict_flush = 1;
			dst->evict_flush = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_CACHE_STATS_REFUSED) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.refused = 1;
			dst->refused = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_CACHE_STATS_ORPHANS) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.orphans = 1;
			dst->orphans = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_CACHE_STATS_JOURNALED) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.journaled = 1;
			dst->journaled = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_CACHE_STATS_LONGEST_HOLD_MS) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.longest_hold_ms = 1;
			dst->longest_hold_ms = ynl_attr_get_u64(attr);
		}
	}

	return 0;
}

void ftalias_id_free(struct ftalias_id_attrs *obj)
{
}

int ftalias_id_parse(struct ynl_parse_arg *yarg, const struct nlattr *nested)
{
	struct ftalias_id_attrs *dst = yarg->data;
	const struct nlattr *attr;

	ynl_attr_for_each_nested(attr, nested) {
		unsigned int type = ynl_attr_type(attr);

		if (type == FTALIAS_A_ID_NODE) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.node = 1;
			dst->node = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_ID_ALIAS) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.alias = 1;
			dst->alias = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_ID_PORT) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.port = 1;
			dst->port = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_ID_INCARNATION) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.incarnation = 1;
			dst->incarnation = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_ID_XID) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.xid = 1;
			dst->xid = ynl_attr_get_u64(attr);
		}
	}

	return 0;
}

void ftalias_save_header_free(struct ftalias_save_header *obj)
{
}

int ftalias_save_header_put(struct nlmsghdr *nlh, unsigned int attr_type,
			    struct ftalias_save_header *obj)
{
	struct nlattr *nest;

	nest = ynl_attr_nest_start(nlh, attr_type);
	if (obj->_present.version)
		ynl_attr_put_u32(nlh, FTALIAS_A_SAVE_HEADER_VERSION, obj->version);
	if (obj->_present.dropped)
		ynl_attr_put_u32(nlh, FTALIAS_A_SAVE_HEADER_DROPPED, obj->dropped);
	if (obj->_present.freeze_us)
		ynl_attr_put_u32(nlh, FTALIAS_A_SAVE_HEADER_FREEZE_US, obj->freeze_us);
	ynl_attr_nest_end(nlh, nest);

	return 0;
}

int ftalias_save_header_parse(struct ynl_parse_arg *yarg,
			      const struct nlattr *nested)
{
	struct ftalias_save_header *dst = yarg->data;
	const struct nlattr *attr;

	ynl_attr_for_each_nested(attr, nested) {
		unsigned int type = ynl_attr_type(attr);

		if (type == FTALIAS_A_SAVE_HEADER_VERSION) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.version = 1;
			dst->version = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_SAVE_HEADER_DROPPED) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.dropped = 1;
			dst->dropped = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_SAVE_HEADER_FREEZE_US) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.freeze_us = 1;
			dst->freeze_us = ynl_attr_get_u32(attr);
		}
	}

	return 0;
}

void ftalias_save_alias_free(struct ftalias_save_alias *obj)
{
	free(obj->name);
	ftalias_alias_stats_free(&obj->stats);
	ftalias_cache_stats_free(&obj->cache);
}

int ftalias_save_alias_put(struct nlmsghdr *nlh, unsigned int attr_type,
			   struct ftalias_save_alias *obj)
{
	struct nlattr *nest;

	nest = ynl_attr_nest_start(nlh, attr_type);
	if (obj->_present.id)
		ynl_attr_put_u32(nlh, FTALIAS_A_ALIAS_ID, obj->id);
	if (obj->_present.name_len)
		ynl_attr_put_str(nlh, FTALIAS_A_ALIAS_NAME, obj->name);
	if (obj->_present.uid)
		ynl_attr_put_u32(nlh, FTALIAS_A_ALIAS_UID, obj->uid);
	if (obj->_present.gid)
		ynl_attr_put_u32(nlh, FTALIAS_A_ALIAS_GID, obj->gid);
	if (obj->_present.mode)
		ynl_attr_put_u32(nlh, FTALIAS_A_ALIAS_MODE, obj->mode);
	if (obj->_present.policy)
		ynl_attr_put_u32(nlh, FTALIAS_A_ALIAS_POLICY, obj->policy);
	if (obj->_present.grace_ms)
		ynl_attr_put_u32(nlh, FTALIAS_A_ALIAS_GRACE_MS, obj->grace_ms);
	if (obj->_present.cache_max_entries)
		ynl_attr_put_u32(nlh, FTALIAS_A_ALIAS_CACHE_MAX_ENTRIES, obj->cache_max_entries);
	if (obj->_present.cache_max_bytes)
		ynl_attr_put_u64(nlh, FTALIAS_A_ALIAS_CACHE_MAX_BYTES, obj->cache_max_bytes);
	if (obj->_present.cache_ttl_ms)
		ynl_attr_put_u32(nlh, FTALIAS_A_ALIAS_CACHE_TTL_MS, obj->cache_ttl_ms);
	if (obj->_present.incarnation)
		ynl_attr_put_u32(nlh, FTALIAS_A_ALIAS_INCARNATION, obj->incarnation);
	if (obj->_present.members)
		ynl_attr_put_u32(nlh, FTALIAS_A_ALIAS_MEMBERS, obj->members);
	if (obj->_present.active_port)
		ynl_attr_put_u32(nlh, FTALIAS_A_ALIAS_ACTIVE_PORT, obj->active_port);
	if (obj->_present.pending)
		ynl_attr_put_u32(nlh, FTALIAS_A_ALIAS_PENDING, obj->pending);
	if (obj->_present.held)
		ynl_attr_put_u32(nlh, FTALIAS_A_ALIAS_HELD, obj->held);
	if (obj->_present.stats)
		ftalias_alias_stats_put(nlh, FTALIAS_A_ALIAS_STATS, &obj->stats);
	if (obj->_present.record_replies)
		ynl_attr_put_u8(nlh, FTALIAS_A_ALIAS_RECORD_REPLIES, obj->record_replies);
	if (obj->_present.cache)
		ftalias_cache_stats_put(nlh, FTALIAS_A_ALIAS_CACHE, &obj->cache);
	if (obj->_present.ckpt_seq)
		ynl_attr_put_u64(nlh, FTALIAS_A_ALIAS_CKPT_SEQ, obj->ckpt_seq);
	if (obj->_present.ckpt_bytes)
		ynl_attr_put_u64(nlh, FTALIAS_A_ALIAS_CKPT_BYTES, obj->ckpt_bytes);
	if (obj->_present.input_log)
		ynl_attr_put_u8(nlh, FTALIAS_A_ALIAS_INPUT_LOG, obj->input_log);
	if (obj->_present.log_inputs)
		ynl_attr_put_u32(nlh, FTALIAS_A_ALIAS_LOG_INPUTS, obj->log_inputs);
	if (obj->_present.log_bytes)
		ynl_attr_put_u64(nlh, FTALIAS_A_ALIAS_LOG_BYTES, obj->log_bytes);
	if (obj->_present.ckpt_input)
		ynl_attr_put_u64(nlh, FTALIAS_A_ALIAS_CKPT_INPUT, obj->ckpt_input);
	if (obj->_present.scope)
		ynl_attr_put_u8(nlh, FTALIAS_A_ALIAS_SCOPE, obj->scope);
	ynl_attr_nest_end(nlh, nest);

	return 0;
}

int ftalias_save_alias_parse(struct ynl_parse_arg *yarg,
			     const struct nlattr *nested)
{
	struct ftalias_save_alias *dst = yarg->data;
	const struct nlattr *attr;
	struct ynl_parse_arg parg;

	parg.ys = yarg->ys;

	ynl_attr_for_each_nested(attr, nested) {
		unsigned int type = ynl_attr_type(attr);

		if (type == FTALIAS_A_ALIAS_ID) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.id = 1;
			dst->id = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_ALIAS_NAME) {
			unsigned int len;

			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;

			len = strnlen(ynl_attr_get_str(attr), ynl_attr_data_len(attr));
			dst->_present.name_len = len;
			dst->name = malloc(len + 1);
			memcpy(dst->name, ynl_attr_get_str(attr), len);
			dst->name[len] = 0;
		} else if (type == FTALIAS_A_ALIAS_UID) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.uid = 1;
			dst->uid = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_ALIAS_GID) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.gid = 1;
			dst->gid = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_ALIAS_MODE) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.mode = 1;
			dst->mode = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_ALIAS_POLICY) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.policy = 1;
			dst->policy = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_ALIAS_GRACE_MS) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.grace_ms = 1;
			dst->grace_ms = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_ALIAS_CACHE_MAX_ENTRIES) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.cache_max_entries = 1;
			dst->cache_max_entries = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_ALIAS_CACHE_MAX_BYTES) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.cache_max_bytes = 1;
			dst->cache_max_bytes = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_ALIAS_CACHE_TTL_MS) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.cache_ttl_ms = 1;
			dst->cache_ttl_ms = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_ALIAS_INCARNATION) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.incarnation = 1;
			dst->incarnation = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_ALIAS_MEMBERS) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.members = 1;
			dst->members = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_ALIAS_ACTIVE_PORT) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.active_port = 1;
			dst->active_port = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_ALIAS_PENDING) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.pending = 1;
			dst->pending = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_ALIAS_HELD) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.held = 1;
			dst->held = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_ALIAS_STATS) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.stats = 1;

			parg.rsp_policy = &ftalias_alias_stats_nest;
			parg.data = &dst->stats;
			if (ftalias_alias_stats_parse(&parg, attr))
				return YNL_PARSE_CB_ERROR;
		} else if (type == FTALIAS_A_ALIAS_RECORD_REPLIES) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.record_replies = 1;
			dst->record_replies = ynl_attr_get_u8(attr);
		} else if (type == FTALIAS_A_ALIAS_CACHE) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.cache = 1;

			parg.rsp_policy = &ftalias_cache_stats_nest;
			parg.data = &dst->cache;
			if (ftalias_cache_stats_parse(&parg, attr))
				return YNL_PARSE_CB_ERROR;
		} else if (type == FTALIAS_A_ALIAS_CKPT_SEQ) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.ckpt_seq = 1;
			dst->ckpt_seq = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_ALIAS_CKPT_BYTES) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.ckpt_bytes = 1;
			dst->ckpt_bytes = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_ALIAS_INPUT_LOG) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.input_log = 1;
			dst->input_log = ynl_attr_get_u8(attr);
		} else if (type == FTALIAS_A_ALIAS_LOG_INPUTS) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.log_inputs = 1;
			dst->log_inputs = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_ALIAS_LOG_BYTES) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.log_bytes = 1;
			dst->log_bytes = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_ALIAS_CKPT_INPUT) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.ckpt_input = 1;
			dst->ckpt_input = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_ALIAS_SCOPE) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.scope = 1;
			dst->scope = ynl_attr_get_u8(attr);
		}
	}

	return 0;
}

void ftalias_save_ids_free(struct ftalias_save_ids *obj)
{
}

int ftalias_save_ids_put(struct nlmsghdr *nlh, unsigned int attr_type,
			 struct ftalias_save_ids *obj)
{
	struct nlattr *nest;

	nest = ynl_attr_nest_start(nlh, attr_type);
	if (obj->_present.xid)
		ynl_attr_put_u64(nlh, FTALIAS_A_SAVE_IDS_XID, obj->xid);
	if (obj->_present.ack)
		ynl_attr_put_u64(nlh, FTALIAS_A_SAVE_IDS_ACK, obj->ack);
	if (obj->_present.cookie)
		ynl_attr_put_u64(nlh, FTALIAS_A_SAVE_IDS_COOKIE, obj->cookie);
	ynl_attr_nest_end(nlh, nest);

	return 0;
}

int ftalias_save_ids_parse(struct ynl_parse_arg *yarg,
			   const struct nlattr *nested)
{
	struct ftalias_save_ids *dst = yarg->data;
	const struct nlattr *attr;

	ynl_attr_for_each_nested(attr, nested) {
		unsigned int type = ynl_attr_type(attr);

		if (type == FTALIAS_A_SAVE_IDS_XID) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.xid = 1;
			dst->xid = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_SAVE_IDS_ACK) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.ack = 1;
			dst->ack = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_SAVE_IDS_COOKIE) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.cookie = 1;
			dst->cookie = ynl_attr_get_u64(attr);
		}
	}

	return 0;
}

void ftalias_save_entry_free(struct ftalias_save_entry *obj)
{
	free(obj->key);
	free(obj->payload);
}

int ftalias_save_entry_put(struct nlmsghdr *nlh, unsigned int attr_type,
			   struct ftalias_save_entry *obj)
{
	struct nlattr *nest;

	nest = ynl_attr_nest_start(nlh, attr_type);
	if (obj->_present.key_len)
		ynl_attr_put(nlh, FTALIAS_A_SAVE_ENTRY_KEY, obj->key, obj->_present.key_len);
	if (obj->_present.state)
		ynl_attr_put_u32(nlh, FTALIAS_A_SAVE_ENTRY_STATE, obj->state);
	if (obj->_present.age_ms)
		ynl_attr_put_u32(nlh, FTALIAS_A_SAVE_ENTRY_AGE_MS, obj->age_ms);
	if (obj->_present.len)
		ynl_attr_put_u32(nlh, FTALIAS_A_SAVE_ENTRY_LEN, obj->len);
	if (obj->_present.src_port)
		ynl_attr_put_u32(nlh, FTALIAS_A_SAVE_ENTRY_SRC_PORT, obj->src_port);
	if (obj->_present.src_alias)
		ynl_attr_put_u32(nlh, FTALIAS_A_SAVE_ENTRY_SRC_ALIAS, obj->src_alias);
	if (obj->_present.payload_len)
		ynl_attr_put(nlh, FTALIAS_A_SAVE_ENTRY_PAYLOAD, obj->payload, obj->_present.payload_len);
	ynl_attr_nest_end(nlh, nest);

	return 0;
}

int ftalias_save_entry_parse(struct ynl_parse_arg *yarg,
			     const struct nlattr *nested)
{
	struct ftalias_save_entry *dst = yarg->data;
	const struct nlattr *attr;

	ynl_attr_for_each_nested(attr, nested) {
		unsigned int type = ynl_attr_type(attr);

		if (type == FTALIAS_A_SAVE_ENTRY_KEY) {
			unsigned int len;

			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;

			len = ynl_attr_data_len(attr);
			dst->_present.key_len = len;
			dst->key = malloc(len);
			memcpy(dst->key, ynl_attr_data(attr), len);
		} else if (type == FTALIAS_A_SAVE_ENTRY_STATE) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.state = 1;
			dst->state = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_SAVE_ENTRY_AGE_MS) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.age_ms = 1;
			dst->age_ms = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_SAVE_ENTRY_LEN) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.len = 1;
			dst->len = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_SAVE_ENTRY_SRC_PORT) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.src_port = 1;
			dst->src_port = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_SAVE_ENTRY_SRC_ALIAS) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.src_alias = 1;
			dst->src_alias = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_SAVE_ENTRY_PAYLOAD) {
			unsigned int len;

			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;

			len = ynl_attr_data_len(attr);
			dst->_present.payload_len = len;
			dst->payload = malloc(len);
			memcpy(dst->payload, ynl_attr_data(attr), len);
		}
	}

	return 0;
}

void ftalias_save_jrec_free(struct ftalias_save_jrec *obj)
{
	free(obj->key);
	free(obj->payload);
}

int ftalias_save_jrec_put(struct nlmsghdr *nlh, unsigned int attr_type,
			  struct ftalias_save_jrec *obj)
{
	struct nlattr *nest;

	nest = ynl_attr_nest_start(nlh, attr_type);
	if (obj->_present.key_len)
		ynl_attr_put(nlh, FTALIAS_A_SAVE_JREC_KEY, obj->key, obj->_present.key_len);
	if (obj->_present.dest_alias)
		ynl_attr_put_u32(nlh, FTALIAS_A_SAVE_JREC_DEST_ALIAS, obj->dest_alias);
	if (obj->_present.replied)
		ynl_attr_put(nlh, FTALIAS_A_SAVE_JREC_REPLIED, NULL, 0);
	if (obj->_present.len)
		ynl_attr_put_u32(nlh, FTALIAS_A_SAVE_JREC_LEN, obj->len);
	if (obj->_present.payload_len)
		ynl_attr_put(nlh, FTALIAS_A_SAVE_JREC_PAYLOAD, obj->payload, obj->_present.payload_len);
	ynl_attr_nest_end(nlh, nest);

	return 0;
}

int ftalias_save_jrec_parse(struct ynl_parse_arg *yarg,
			    const struct nlattr *nested)
{
	struct ftalias_save_jrec *dst = yarg->data;
	const struct nlattr *attr;

	ynl_attr_for_each_nested(attr, nested) {
		unsigned int type = ynl_attr_type(attr);

		if (type == FTALIAS_A_SAVE_JREC_KEY) {
			unsigned int len;

			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;

			len = ynl_attr_data_len(attr);
			dst->_present.key_len = len;
			dst->key = malloc(len);
			memcpy(dst->key, ynl_attr_data(attr), len);
		} else if (type == FTALIAS_A_SAVE_JREC_DEST_ALIAS) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.dest_alias = 1;
			dst->dest_alias = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_SAVE_JREC_REPLIED) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.replied = 1;
		} else if (type == FTALIAS_A_SAVE_JREC_LEN) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.len = 1;
			dst->len = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_SAVE_JREC_PAYLOAD) {
			unsigned int len;

			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;

			len = ynl_attr_data_len(attr);
			dst->_present.payload_len = len;
			dst->payload = malloc(len);
			memcpy(dst->payload, ynl_attr_data(attr), len);
		}
	}

	return 0;
}

void ftalias_save_client_free(struct ftalias_save_client *obj)
{
}

int ftalias_save_client_put(struct nlmsghdr *nlh, unsigned int attr_type,
			    struct ftalias_save_client *obj)
{
	struct nlattr *nest;

	nest = ynl_attr_nest_start(nlh, attr_type);
	if (obj->_present.node)
		ynl_attr_put_u32(nlh, FTALIAS_A_SAVE_CLIENT_NODE, obj->node);
	if (obj->_present.alias)
		ynl_attr_put_u32(nlh, FTALIAS_A_SAVE_CLIENT_ALIAS, obj->alias);
	if (obj->_present.acked)
		ynl_attr_put_u64(nlh, FTALIAS_A_SAVE_CLIENT_ACKED, obj->acked);
	if (obj->_present.cookie)
		ynl_attr_put_u64(nlh, FTALIAS_A_SAVE_CLIENT_COOKIE, obj->cookie);
	ynl_attr_nest_end(nlh, nest);

	return 0;
}

int ftalias_save_client_parse(struct ynl_parse_arg *yarg,
			      const struct nlattr *nested)
{
	struct ftalias_save_client *dst = yarg->data;
	const struct nlattr *attr;

	ynl_attr_for_each_nested(attr, nested) {
		unsigned int type = ynl_attr_type(attr);

		if (type == FTALIAS_A_SAVE_CLIENT_NODE) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.node = 1;
			dst->node = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_SAVE_CLIENT_ALIAS) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.alias = 1;
			dst->alias = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_SAVE_CLIENT_ACKED) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.acked = 1;
			dst->acked = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_SAVE_CLIENT_COOKIE) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.cookie = 1;
			dst->cookie = ynl_attr_get_u64(attr);
		}
	}

	return 0;
}

void ftalias_save_trailer_free(struct ftalias_save_trailer *obj)
{
}

int ftalias_save_trailer_put(struct nlmsghdr *nlh, unsigned int attr_type,
			     struct ftalias_save_trailer *obj)
{
	struct nlattr *nest;

	nest = ynl_attr_nest_start(nlh, attr_type);
	if (obj->_present.entries)
		ynl_attr_put_u32(nlh, FTALIAS_A_SAVE_TRAILER_ENTRIES, obj->entries);
	if (obj->_present.jrecs)
		ynl_attr_put_u32(nlh, FTALIAS_A_SAVE_TRAILER_JRECS, obj->jrecs);
	if (obj->_present.clients)
		ynl_attr_put_u32(nlh, FTALIAS_A_SAVE_TRAILER_CLIENTS, obj->clients);
	if (obj->_present.bytes)
		ynl_attr_put_u64(nlh, FTALIAS_A_SAVE_TRAILER_BYTES, obj->bytes);
	if (obj->_present.requests)
		ynl_attr_put_u32(nlh, FTALIAS_A_SAVE_TRAILER_REQUESTS, obj->requests);
	if (obj->_present.held)
		ynl_attr_put_u32(nlh, FTALIAS_A_SAVE_TRAILER_HELD, obj->held);
	if (obj->_present.ckpt_bytes)
		ynl_attr_put_u64(nlh, FTALIAS_A_SAVE_TRAILER_CKPT_BYTES, obj->ckpt_bytes);
	if (obj->_present.inputs)
		ynl_attr_put_u32(nlh, FTALIAS_A_SAVE_TRAILER_INPUTS, obj->inputs);
	if (obj->_present.outputs)
		ynl_attr_put_u32(nlh, FTALIAS_A_SAVE_TRAILER_OUTPUTS, obj->outputs);
	ynl_attr_nest_end(nlh, nest);

	return 0;
}

int ftalias_save_trailer_parse(struct ynl_parse_arg *yarg,
			       const struct nlattr *nested)
{
	struct ftalias_save_trailer *dst = yarg->data;
	const struct nlattr *attr;

	ynl_attr_for_each_nested(attr, nested) {
		unsigned int type = ynl_attr_type(attr);

		if (type == FTALIAS_A_SAVE_TRAILER_ENTRIES) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.entries = 1;
			dst->entries = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_SAVE_TRAILER_JRECS) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.jrecs = 1;
			dst->jrecs = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_SAVE_TRAILER_CLIENTS) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.clients = 1;
			dst->clients = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_SAVE_TRAILER_BYTES) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.bytes = 1;
			dst->bytes = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_SAVE_TRAILER_REQUESTS) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.requests = 1;
			dst->requests = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_SAVE_TRAILER_HELD) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.held = 1;
			dst->held = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_SAVE_TRAILER_CKPT_BYTES) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.ckpt_bytes = 1;
			dst->ckpt_bytes = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_SAVE_TRAILER_INPUTS) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.inputs = 1;
			dst->inputs = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_SAVE_TRAILER_OUTPUTS) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.outputs = 1;
			dst->outputs = ynl_attr_get_u32(attr);
		}
	}

	return 0;
}

void ftalias_save_request_free(struct ftalias_save_request *obj)
{
	free(obj->key);
	free(obj->payload);
}

int ftalias_save_request_put(struct nlmsghdr *nlh, unsigned int attr_type,
			     struct ftalias_save_request *obj)
{
	struct nlattr *nest;

	nest = ynl_attr_nest_start(nlh, attr_type);
	if (obj->_present.key_len)
		ynl_attr_put(nlh, FTALIAS_A_SAVE_REQUEST_KEY, obj->key, obj->_present.key_len);
	if (obj->_present.dest_alias)
		ynl_attr_put_u32(nlh, FTALIAS_A_SAVE_REQUEST_DEST_ALIAS, obj->dest_alias);
	if (obj->_present.delivered)
		ynl_attr_put(nlh, FTALIAS_A_SAVE_REQUEST_DELIVERED, NULL, 0);
	if (obj->_present.len)
		ynl_attr_put_u32(nlh, FTALIAS_A_SAVE_REQUEST_LEN, obj->len);
	if (obj->_present.payload_len)
		ynl_attr_put(nlh, FTALIAS_A_SAVE_REQUEST_PAYLOAD, obj->payload, obj->_present.payload_len);
	if (obj->_present.dest_cookie)
		ynl_attr_put_u64(nlh, FTALIAS_A_SAVE_REQUEST_DEST_COOKIE, obj->dest_cookie);
	ynl_attr_nest_end(nlh, nest);

	return 0;
}

int ftalias_save_request_parse(struct ynl_parse_arg *yarg,
			       const struct nlattr *nested)
{
	struct ftalias_save_request *dst = yarg->data;
	const struct nlattr *attr;

	ynl_attr_for_each_nested(attr, nested) {
		unsigned int type = ynl_attr_type(attr);

		if (type == FTALIAS_A_SAVE_REQUEST_KEY) {
			unsigned int len;

			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;

			len = ynl_attr_data_len(attr);
			dst->_present.key_len = len;
			dst->key = malloc(len);
			memcpy(dst->key, ynl_attr_data(attr), len);
		} else if (type == FTALIAS_A_SAVE_REQUEST_DEST_ALIAS) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.dest_alias = 1;
			dst->dest_alias = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_SAVE_REQUEST_DELIVERED) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.delivered = 1;
		} else if (type == FTALIAS_A_SAVE_REQUEST_LEN) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.len = 1;
			dst->len = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_SAVE_REQUEST_PAYLOAD) {
			unsigned int len;

			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;

			len = ynl_attr_data_len(attr);
			dst->_present.payload_len = len;
			dst->payload = malloc(len);
			memcpy(dst->payload, ynl_attr_data(attr), len);
		} else if (type == FTALIAS_A_SAVE_REQUEST_DEST_COOKIE) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.dest_cookie = 1;
			dst->dest_cookie = ynl_attr_get_u64(attr);
		}
	}

	return 0;
}

void ftalias_save_held_free(struct ftalias_save_held *obj)
{
	free(obj->key);
	free(obj->payload);
}

int ftalias_save_held_put(struct nlmsghdr *nlh, unsigned int attr_type,
			  struct ftalias_save_held *obj)
{
	struct nlattr *nest;

	nest = ynl_attr_nest_start(nlh, attr_type);
	if (obj->_present.key_len)
		ynl_attr_put(nlh, FTALIAS_A_SAVE_HELD_KEY, obj->key, obj->_present.key_len);
	if (obj->_present.err)
		ynl_attr_put_u32(nlh, FTALIAS_A_SAVE_HELD_ERR, obj->err);
	if (obj->_present.src_port)
		ynl_attr_put_u32(nlh, FTALIAS_A_SAVE_HELD_SRC_PORT, obj->src_port);
	if (obj->_present.src_alias)
		ynl_attr_put_u32(nlh, FTALIAS_A_SAVE_HELD_SRC_ALIAS, obj->src_alias);
	if (obj->_present.flags)
		ynl_attr_put_u32(nlh, FTALIAS_A_SAVE_HELD_FLAGS, obj->flags);
	if (obj->_present.len)
		ynl_attr_put_u32(nlh, FTALIAS_A_SAVE_HELD_LEN, obj->len);
	if (obj->_present.payload_len)
		ynl_attr_put(nlh, FTALIAS_A_SAVE_HELD_PAYLOAD, obj->payload, obj->_present.payload_len);
	ynl_attr_nest_end(nlh, nest);

	return 0;
}

int ftalias_save_held_parse(struct ynl_parse_arg *yarg,
			    const struct nlattr *nested)
{
	struct ftalias_save_held *dst = yarg->data;
	const struct nlattr *attr;

	ynl_attr_for_each_nested(attr, nested) {
		unsigned int type = ynl_attr_type(attr);

		if (type == FTALIAS_A_SAVE_HELD_KEY) {
			unsigned int len;

			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;

			len = ynl_attr_data_len(attr);
			dst->_present.key_len = len;
			dst->key = malloc(len);
			memcpy(dst->key, ynl_attr_data(attr), len);
		} else if (type == FTALIAS_A_SAVE_HELD_ERR) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.err = 1;
			dst->err = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_SAVE_HELD_SRC_PORT) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.src_port = 1;
			dst->src_port = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_SAVE_HELD_SRC_ALIAS) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.src_alias = 1;
			dst->src_alias = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_SAVE_HELD_FLAGS) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.flags = 1;
			dst->flags = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_SAVE_HELD_LEN) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.len = 1;
			dst->len = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_SAVE_HELD_PAYLOAD) {
			unsigned int len;

			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;

			len = ynl_attr_data_len(attr);
			dst->_present.payload_len = len;
			dst->payload = malloc(len);
			memcpy(dst->payload, ynl_attr_data(attr), len);
		}
	}

	return 0;
}

void ftalias_save_checkpoint_free(struct ftalias_save_checkpoint *obj)
{
	free(obj->payload);
}

int ftalias_save_checkpoint_put(struct nlmsghdr *nlh, unsigned int attr_type,
				struct ftalias_save_checkpoint *obj)
{
	struct nlattr *nest;

	nest = ynl_attr_nest_start(nlh, attr_type);
	if (obj->_present.seq)
		ynl_attr_put_u64(nlh, FTALIAS_A_SAVE_CHECKPOINT_SEQ, obj->seq);
	if (obj->_present.len)
		ynl_attr_put_u64(nlh, FTALIAS_A_SAVE_CHECKPOINT_LEN, obj->len);
	if (obj->_present.payload_len)
		ynl_attr_put(nlh, FTALIAS_A_SAVE_CHECKPOINT_PAYLOAD, obj->payload, obj->_present.payload_len);
	if (obj->_present.input)
		ynl_attr_put_u64(nlh, FTALIAS_A_SAVE_CHECKPOINT_INPUT, obj->input);
	ynl_attr_nest_end(nlh, nest);

	return 0;
}

int ftalias_save_checkpoint_parse(struct ynl_parse_arg *yarg,
				  const struct nlattr *nested)
{
	struct ftalias_save_checkpoint *dst = yarg->data;
	const struct nlattr *attr;

	ynl_attr_for_each_nested(attr, nested) {
		unsigned int type = ynl_attr_type(attr);

		if (type == FTALIAS_A_SAVE_CHECKPOINT_SEQ) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.seq = 1;
			dst->seq = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_SAVE_CHECKPOINT_LEN) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.len = 1;
			dst->len = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_SAVE_CHECKPOINT_PAYLOAD) {
			unsigned int len;

			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;

			len = ynl_attr_data_len(attr);
			dst->_present.payload_len = len;
			dst->payload = malloc(len);
			memcpy(dst->payload, ynl_attr_data(attr), len);
		} else if (type == FTALIAS_A_SAVE_CHECKPOINT_INPUT) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.input = 1;
			dst->input = ynl_attr_get_u64(attr);
		}
	}

	return 0;
}

void ftalias_save_input_free(struct ftalias_save_input *obj)
{
	free(obj->key);
	free(obj->payload);
}

int ftalias_save_input_put(struct nlmsghdr *nlh, unsigned int attr_type,
			   struct ftalias_save_input *obj)
{
	struct nlattr *nest;

	nest = ynl_attr_nest_start(nlh, attr_type);
	if (obj->_present.seq)
		ynl_attr_put_u64(nlh, FTALIAS_A_SAVE_INPUT_SEQ, obj->seq);
	if (obj->_present.key_len)
		ynl_attr_put(nlh, FTALIAS_A_SAVE_INPUT_KEY, obj->key, obj->_present.key_len);
	if (obj->_present.flags)
		ynl_attr_put_u32(nlh, FTALIAS_A_SAVE_INPUT_FLAGS, obj->flags);
	if (obj->_present.src_port)
		ynl_attr_put_u32(nlh, FTALIAS_A_SAVE_INPUT_SRC_PORT, obj->src_port);
	if (obj->_present.src_alias)
		ynl_attr_put_u32(nlh, FTALIAS_A_SAVE_INPUT_SRC_ALIAS, obj->src_alias);
	if (obj->_present.arg_len)
		ynl_attr_put_u32(nlh, FTALIAS_A_SAVE_INPUT_ARG_LEN, obj->arg_len);
	if (obj->_present.pending)
		ynl_attr_put(nlh, FTALIAS_A_SAVE_INPUT_PENDING, NULL, 0);
	if (obj->_present.len)
		ynl_attr_put_u32(nlh, FTALIAS_A_SAVE_INPUT_LEN, obj->len);
	if (obj->_present.payload_len)
		ynl_attr_put(nlh, FTALIAS_A_SAVE_INPUT_PAYLOAD, obj->payload, obj->_present.payload_len);
	ynl_attr_nest_end(nlh, nest);

	return 0;
}

int ftalias_save_input_parse(struct ynl_parse_arg *yarg,
			     const struct nlattr *nested)
{
	struct ftalias_save_input *dst = yarg->data;
	const struct nlattr *attr;

	ynl_attr_for_each_nested(attr, nested) {
		unsigned int type = ynl_attr_type(attr);

		if (type == FTALIAS_A_SAVE_INPUT_SEQ) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.seq = 1;
			dst->seq = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_SAVE_INPUT_KEY) {
			unsigned int len;

			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;

			len = ynl_attr_data_len(attr);
			dst->_present.key_len = len;
			dst->key = malloc(len);
			memcpy(dst->key, ynl_attr_data(attr), len);
		} else if (type == FTALIAS_A_SAVE_INPUT_FLAGS) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.flags = 1;
			dst->flags = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_SAVE_INPUT_SRC_PORT) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.src_port = 1;
			dst->src_port = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_SAVE_INPUT_SRC_ALIAS) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.src_alias = 1;
			dst->src_alias = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_SAVE_INPUT_ARG_LEN) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.arg_len = 1;
			dst->arg_len = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_SAVE_INPUT_PENDING) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.pending = 1;
		} else if (type == FTALIAS_A_SAVE_INPUT_LEN) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.len = 1;
			dst->len = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_SAVE_INPUT_PAYLOAD) {
			unsigned int len;

			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;

			len = ynl_attr_data_len(attr);
			dst->_present.payload_len = len;
			dst->payload = malloc(len);
			memcpy(dst->payload, ynl_attr_data(attr), len);
		}
	}

	return 0;
}

void ftalias_save_output_free(struct ftalias_save_output *obj)
{
	free(obj->key);
}

int ftalias_save_output_put(struct nlmsghdr *nlh, unsigned int attr_type,
			    struct ftalias_save_output *obj)
{
	struct nlattr *nest;

	nest = ynl_attr_nest_start(nlh, attr_type);
	if (obj->_present.key_len)
		ynl_attr_put(nlh, FTALIAS_A_SAVE_OUTPUT_KEY, obj->key, obj->_present.key_len);
	if (obj->_present.dst)
		ynl_attr_put_u32(nlh, FTALIAS_A_SAVE_OUTPUT_DST, obj->dst);
	if (obj->_present.len)
		ynl_attr_put_u32(nlh, FTALIAS_A_SAVE_OUTPUT_LEN, obj->len);
	if (obj->_present.sum)
		ynl_attr_put_u32(nlh, FTALIAS_A_SAVE_OUTPUT_SUM, obj->sum);
	ynl_attr_nest_end(nlh, nest);

	return 0;
}

int ftalias_save_output_parse(struct ynl_parse_arg *yarg,
			      const struct nlattr *nested)
{
	struct ftalias_save_output *dst = yarg->data;
	const struct nlattr *attr;

	ynl_attr_for_each_nested(attr, nested) {
		unsigned int type = ynl_attr_type(attr);

		if (type == FTALIAS_A_SAVE_OUTPUT_KEY) {
			unsigned int len;

			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;

			len = ynl_attr_data_len(attr);
			dst->_present.key_len = len;
			dst->key = malloc(len);
			memcpy(dst->key, ynl_attr_data(attr), len);
		} else if (type == FTALIAS_A_SAVE_OUTPUT_DST) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.dst = 1;
			dst->dst = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_SAVE_OUTPUT_LEN) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.len = 1;
			dst->len = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_SAVE_OUTPUT_SUM) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.sum = 1;
			dst->sum = ynl_attr_get_u32(attr);
		}
	}

	return 0;
}

void ftalias_cluster_stats_free(struct ftalias_cluster_stats *obj)
{
}

int ftalias_cluster_stats_parse(struct ynl_parse_arg *yarg,
				const struct nlattr *nested)
{
	struct ftalias_cluster_stats *dst = yarg->data;
	const struct nlattr *attr;

	ynl_attr_for_each_nested(attr, nested) {
		unsigned int type = ynl_attr_type(attr);

		if (type == FTALIAS_A_CLUSTER_STATS_TX) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.tx = 1;
			dst->tx = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_CLUSTER_STATS_TX_ERRORS) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.tx_errors = 1;
			dst->tx_errors = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_CLUSTER_STATS_RX) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.rx = 1;
			dst->rx = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_CLUSTER_STATS_RX_BAD) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.rx_bad = 1;
			dst->rx_bad = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_CLUSTER_STATS_RX_REFUSED) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.rx_refused = 1;
			dst->rx_refused = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_CLUSTER_STATS_RESTARTS) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.restarts = 1;
			dst->restarts = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_CLUSTER_STATS_TOPOLOGY_EVENTS) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.topology_events = 1;
			dst->topology_events = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_CLUSTER_STATS_REQ_TX) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.req_tx = 1;
			dst->req_tx = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_CLUSTER_STATS_REQ_RX) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.req_rx = 1;
			dst->req_rx = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_CLUSTER_STATS_REPLY_TX) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.reply_tx = 1;
			dst->reply_tx = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_CLUSTER_STATS_REPLY_RX) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.reply_rx = 1;
			dst->reply_rx = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_CLUSTER_STATS_NACK_TX) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.nack_tx = 1;
			dst->nack_tx = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_CLUSTER_STATS_NACK_RX) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.nack_rx = 1;
			dst->nack_rx = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_CLUSTER_STATS_RX_STALE) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.rx_stale = 1;
			dst->rx_stale = ynl_attr_get_u64(attr);
		}
	}

	return 0;
}

/* ============== FTALIAS_CMD_FAMILY_INFO_GET ============== */
/* FTALIAS_CMD_FAMILY_INFO_GET - do */
void ftalias_family_info_get_rsp_free(struct ftalias_family_info_get_rsp *rsp)
{
	free(rsp);
}

int ftalias_family_info_get_rsp_parse(const struct nlmsghdr *nlh,
				      struct ynl_parse_arg *yarg)
{
	struct ftalias_family_info_get_rsp *dst;
	const struct nlattr *attr;

	dst = yarg->data;

	ynl_attr_for_each(attr, nlh, yarg->ys->family->hdr_len) {
		unsigned int type = ynl_attr_type(attr);

		if (type == FTALIAS_A_FAMILY_INFO_VERSION) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.version = 1;
			dst->version = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_FAMILY_INFO_AF_FAMILY) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.af_family = 1;
			dst->af_family = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_FAMILY_INFO_ALIASES) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.aliases = 1;
			dst->aliases = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_FAMILY_INFO_MAX_ALIASES) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.max_aliases = 1;
			dst->max_aliases = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_FAMILY_INFO_CACHE_MAX_ENTRIES_LIMIT) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.cache_max_entries_limit = 1;
			dst->cache_max_entries_limit = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_FAMILY_INFO_CACHE_MAX_BYTES_LIMIT) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.cache_max_bytes_limit = 1;
			dst->cache_max_bytes_limit = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_FAMILY_INFO_CACHE_TOTAL_BYTES_LIMIT) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.cache_total_bytes_limit = 1;
			dst->cache_total_bytes_limit = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_FAMILY_INFO_CACHE_TOTAL_BYTES) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.cache_total_bytes = 1;
			dst->cache_total_bytes = ynl_attr_get_u64(attr);
		}
	}

	return YNL_PARSE_CB_OK;
}

struct ftalias_family_info_get_rsp *
ftalias_family_info_get(struct ynl_sock *ys)
{
	struct ynl_req_state yrs = { .yarg = { .ys = ys, }, };
	struct ftalias_family_info_get_rsp *rsp;
	struct nlmsghdr *nlh;
	int err;

	nlh = ynl_gemsg_start_req(ys, ys->family_id, FTALIAS_CMD_FAMILY_INFO_GET, 1);
	ys->req_policy = &ftalias_family_info_nest;
	yrs.yarg.rsp_policy = &ftalias_family_info_nest;

	rsp = calloc(1, sizeof(*rsp));
	yrs.yarg.data = rsp;
	yrs.cb = ftalias_family_info_get_rsp_parse;
	yrs.rsp_cmd = FTALIAS_CMD_FAMILY_INFO_GET;

	err = ynl_exec(ys, nlh, &yrs);
	if (err < 0)
		goto err_free;

	return rsp;

err_free:
	ftalias_family_info_get_rsp_free(rsp);
	return NULL;
}

/* ============== FTALIAS_CMD_ALIAS_GET ============== */
/* FTALIAS_CMD_ALIAS_GET - do */
void ftalias_alias_get_req_free(struct ftalias_alias_get_req *req)
{
	free(req->name);
	free(req);
}

void ftalias_alias_get_rsp_free(struct ftalias_alias_get_rsp *rsp)
{
	free(rsp->name);
	ftalias_alias_stats_free(&rsp->stats);
	ftalias_cache_stats_free(&rsp->cache);
	free(rsp);
}

int ftalias_alias_get_rsp_parse(const struct nlmsghdr *nlh,
				struct ynl_parse_arg *yarg)
{
	struct ftalias_alias_get_rsp *dst;
	const struct nlattr *attr;
	struct ynl_parse_arg parg;

	dst = yarg->data;
	parg.ys = yarg->ys;

	ynl_attr_for_each(attr, nlh, yarg->ys->family->hdr_len) {
		unsigned int type = ynl_attr_type(attr);

		if (type == FTALIAS_A_ALIAS_ID) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.id = 1;
			dst->id = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_ALIAS_NAME) {
			unsigned int len;

			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;

			len = strnlen(ynl_attr_get_str(attr), ynl_attr_data_len(attr));
			dst->_present.name_len = len;
			dst->name = malloc(len + 1);
			memcpy(dst->name, ynl_attr_get_str(attr), len);
			dst->name[len] = 0;
		} else if (type == FTALIAS_A_ALIAS_UID) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.uid = 1;
			dst->uid = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_ALIAS_GID) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.gid = 1;
			dst->gid = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_ALIAS_MODE) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.mode = 1;
			dst->mode = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_ALIAS_POLICY) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.policy = 1;
			dst->policy = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_ALIAS_GRACE_MS) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.grace_ms = 1;
			dst->grace_ms = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_ALIAS_CACHE_MAX_ENTRIES) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.cache_max_entries = 1;
			dst->cache_max_entries = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_ALIAS_CACHE_MAX_BYTES) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.cache_max_bytes = 1;
			dst->cache_max_bytes = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_ALIAS_CACHE_TTL_MS) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.cache_ttl_ms = 1;
			dst->cache_ttl_ms = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_ALIAS_INCARNATION) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.incarnation = 1;
			dst->incarnation = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_ALIAS_MEMBERS) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.members = 1;
			dst->members = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_ALIAS_ACTIVE_PORT) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.active_port = 1;
			dst->active_port = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_ALIAS_PENDING) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.pending = 1;
			dst->pending = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_ALIAS_HELD) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.held = 1;
			dst->held = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_ALIAS_STATS) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.stats = 1;

			parg.rsp_policy = &ftalias_alias_stats_nest;
			parg.data = &dst->stats;
			if (ftalias_alias_stats_parse(&parg, attr))
				return YNL_PARSE_CB_ERROR;
		} else if (type == FTALIAS_A_ALIAS_RECORD_REPLIES) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.record_replies = 1;
			dst->record_replies = ynl_attr_get_u8(attr);
		} else if (type == FTALIAS_A_ALIAS_CACHE) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.cache = 1;

			parg.rsp_policy = &ftalias_cache_stats_nest;
			parg.data = &dst->cache;
			if (ftalias_cache_stats_parse(&parg, attr))
				return YNL_PARSE_CB_ERROR;
		} else if (type == FTALIAS_A_ALIAS_CKPT_SEQ) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.ckpt_seq = 1;
			dst->ckpt_seq = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_ALIAS_CKPT_BYTES) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.ckpt_bytes = 1;
			dst->ckpt_bytes = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_ALIAS_INPUT_LOG) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.input_log = 1;
			dst->input_log = ynl_attr_get_u8(attr);
		} else if (type == FTALIAS_A_ALIAS_LOG_INPUTS) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.log_inputs = 1;
			dst->log_inputs = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_ALIAS_LOG_BYTES) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.log_bytes = 1;
			dst->log_bytes = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_ALIAS_CKPT_INPUT) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.ckpt_input = 1;
			dst->ckpt_input = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_ALIAS_LOG_OUTPUTS) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.log_outputs = 1;
			dst->log_outputs = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_ALIAS_SCOPE) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.scope = 1;
			dst->scope = ynl_attr_get_u8(attr);
		}
	}

	return YNL_PARSE_CB_OK;
}

struct ftalias_alias_get_rsp *
ftalias_alias_get(struct ynl_sock *ys, struct ftalias_alias_get_req *req)
{
	struct ynl_req_state yrs = { .yarg = { .ys = ys, }, };
	struct ftalias_alias_get_rsp *rsp;
	struct nlmsghdr *nlh;
	int err;

	nlh = ynl_gemsg_start_req(ys, ys->family_id, FTALIAS_CMD_ALIAS_GET, 1);
	ys->req_policy = &ftalias_alias_nest;
	yrs.yarg.rsp_policy = &ftalias_alias_nest;

	if (req->_present.id)
		ynl_attr_put_u32(nlh, FTALIAS_A_ALIAS_ID, req->id);
	if (req->_present.name_len)
		ynl_attr_put_str(nlh, FTALIAS_A_ALIAS_NAME, req->name);

	rsp = calloc(1, sizeof(*rsp));
	yrs.yarg.data = rsp;
	yrs.cb = ftalias_alias_get_rsp_parse;
	yrs.rsp_cmd = FTALIAS_CMD_ALIAS_GET;

	err = ynl_exec(ys, nlh, &yrs);
	if (err < 0)
		goto err_free;

	return rsp;

err_free:
	ftalias_alias_get_rsp_free(rsp);
	return NULL;
}

/* FTALIAS_CMD_ALIAS_GET - dump */
void ftalias_alias_get_list_free(struct ftalias_alias_get_list *rsp)
{
	struct ftalias_alias_get_list *next = rsp;

	while ((void *)next != YNL_LIST_END) {
		rsp = next;
		next = rsp->next;

		free(rsp->obj.name);
		ftalias_alias_stats_free(&rsp->obj.stats);
		ftalias_cache_stats_free(&rsp->obj.cache);
		free(rsp);
	}
}

struct ftalias_alias_get_list *ftalias_alias_get_dump(struct ynl_sock *ys)
{
	struct ynl_dump_state yds = {};
	struct nlmsghdr *nlh;
	int err;

	yds.yarg.ys = ys;
	yds.yarg.rsp_policy = &ftalias_alias_nest;
	yds.yarg.data = NULL;
	yds.alloc_sz = sizeof(struct ftalias_alias_get_list);
	yds.cb = ftalias_alias_get_rsp_parse;
	yds.rsp_cmd = FTALIAS_CMD_ALIAS_GET;

	nlh = ynl_gemsg_start_dump(ys, ys->family_id, FTALIAS_CMD_ALIAS_GET, 1);

	err = ynl_exec_dump(ys, nlh, &yds);
	if (err < 0)
		goto free_list;

	return yds.first;

free_list:
	ftalias_alias_get_list_free(yds.first);
	return NULL;
}

/* FTALIAS_CMD_ALIAS_GET - notify */
void ftalias_alias_get_ntf_free(struct ftalias_alias_get_ntf *rsp)
{
	free(rsp->obj.name);
	ftalias_alias_stats_free(&rsp->obj.stats);
	ftalias_cache_stats_free(&rsp->obj.cache);
	free(rsp);
}

/* ============== FTALIAS_CMD_ALIAS_NEW ============== */
/* FTALIAS_CMD_ALIAS_NEW - do */
void ftalias_alias_new_req_free(struct ftalias_alias_new_req *req)
{
	free(req->name);
	free(req);
}

void ftalias_alias_new_rsp_free(struct ftalias_alias_new_rsp *rsp)
{
	free(rsp->name);
	ftalias_alias_stats_free(&rsp->stats);
	ftalias_cache_stats_free(&rsp->cache);
	free(rsp);
}

int ftalias_alias_new_rsp_parse(const struct nlmsghdr *nlh,
				struct ynl_parse_arg *yarg)
{
	struct ftalias_alias_new_rsp *dst;
	const struct nlattr *attr;
	struct ynl_parse_arg parg;

	dst = yarg->data;
	parg.ys = yarg->ys;

	ynl_attr_for_each(attr, nlh, yarg->ys->family->hdr_len) {
		unsigned int type = ynl_attr_type(attr);

		if (type == FTALIAS_A_ALIAS_ID) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.id = 1;
			dst->id = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_ALIAS_NAME) {
			unsigned int len;

			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;

			len = strnlen(ynl_attr_get_str(attr), ynl_attr_data_len(attr));
			dst->_present.name_len = len;
			dst->name = malloc(len + 1);
			memcpy(dst->name, ynl_attr_get_str(attr), len);
			dst->name[len] = 0;
		} else if (type == FTALIAS_A_ALIAS_UID) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.uid = 1;
			dst->uid = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_ALIAS_GID) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.gid = 1;
			dst->gid = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_ALIAS_MODE) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.mode = 1;
			dst->mode = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_ALIAS_POLICY) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.policy = 1;
			dst->policy = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_ALIAS_GRACE_MS) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.grace_ms = 1;
			dst->grace_ms = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_ALIAS_CACHE_MAX_ENTRIES) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.cache_max_entries = 1;
			dst->cache_max_entries = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_ALIAS_CACHE_MAX_BYTES) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.cache_max_bytes = 1;
			dst->cache_max_bytes = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_ALIAS_CACHE_TTL_MS) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.cache_ttl_ms = 1;
			dst->cache_ttl_ms = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_ALIAS_INCARNATION) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.incarnation = 1;
			dst->incarnation = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_ALIAS_MEMBERS) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.members = 1;
			dst->members = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_ALIAS_ACTIVE_PORT) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.active_port = 1;
			dst->active_port = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_ALIAS_PENDING) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.pending = 1;
			dst->pending = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_ALIAS_HELD) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.held = 1;
			dst->held = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_ALIAS_STATS) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.stats = 1;

			parg.rsp_policy = &ftalias_alias_stats_nest;
			parg.data = &dst->stats;
			if (ftalias_alias_stats_parse(&parg, attr))
				return YNL_PARSE_CB_ERROR;
		} else if (type == FTALIAS_A_ALIAS_RECORD_REPLIES) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.record_replies = 1;
			dst->record_replies = ynl_attr_get_u8(attr);
		} else if (type == FTALIAS_A_ALIAS_CACHE) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.cache = 1;

			parg.rsp_policy = &ftalias_cache_stats_nest;
			parg.data = &dst->cache;
			if (ftalias_cache_stats_parse(&parg, attr))
				return YNL_PARSE_CB_ERROR;
		} else if (type == FTALIAS_A_ALIAS_CKPT_SEQ) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.ckpt_seq = 1;
			dst->ckpt_seq = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_ALIAS_CKPT_BYTES) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.ckpt_bytes = 1;
			dst->ckpt_bytes = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_ALIAS_INPUT_LOG) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.input_log = 1;
			dst->input_log = ynl_attr_get_u8(attr);
		} else if (type == FTALIAS_A_ALIAS_LOG_INPUTS) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.log_inputs = 1;
			dst->log_inputs = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_ALIAS_LOG_BYTES) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.log_bytes = 1;
			dst->log_bytes = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_ALIAS_CKPT_INPUT) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.ckpt_input = 1;
			dst->ckpt_input = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_ALIAS_LOG_OUTPUTS) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.log_outputs = 1;
			dst->log_outputs = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_ALIAS_SCOPE) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.scope = 1;
			dst->scope = ynl_attr_get_u8(attr);
		}
	}

	return YNL_PARSE_CB_OK;
}

struct ftalias_alias_new_rsp *
ftalias_alias_new(struct ynl_sock *ys, struct ftalias_alias_new_req *req)
{
	struct ynl_req_state yrs = { .yarg = { .ys = ys, }, };
	struct ftalias_alias_new_rsp *rsp;
	struct nlmsghdr *nlh;
	int err;

	nlh = ynl_gemsg_start_req(ys, ys->family_id, FTALIAS_CMD_ALIAS_NEW, 1);
	ys->req_policy = &ftalias_alias_nest;
	yrs.yarg.rsp_policy = &ftalias_alias_nest;

	if (req->_present.id)
		ynl_attr_put_u32(nlh, FTALIAS_A_ALIAS_ID, req->id);
	if (req->_present.name_len)
		ynl_attr_put_str(nlh, FTALIAS_A_ALIAS_NAME, req->name);
	if (req->_present.uid)
		ynl_attr_put_u32(nlh, FTALIAS_A_ALIAS_UID, req->uid);
	if (req->_present.gid)
		ynl_attr_put_u32(nlh, FTALIAS_A_ALIAS_GID, req->gid);
	if (req->_present.mode)
		ynl_attr_put_u32(nlh, FTALIAS_A_ALIAS_MODE, req->mode);
	if (req->_present.policy)
		ynl_attr_put_u32(nlh, FTALIAS_A_ALIAS_POLICY, req->policy);
	if (req->_present.grace_ms)
		ynl_attr_put_u32(nlh, FTALIAS_A_ALIAS_GRACE_MS, req->grace_ms);
	if (req->_present.cache_max_entries)
		ynl_attr_put_u32(nlh, FTALIAS_A_ALIAS_CACHE_MAX_ENTRIES, req->cache_max_entries);
	if (req->_present.cache_max_bytes)
		ynl_attr_put_u64(nlh, FTALIAS_A_ALIAS_CACHE_MAX_BYTES, req->cache_max_bytes);
	if (req->_present.cache_ttl_ms)
		ynl_attr_put_u32(nlh, FTALIAS_A_ALIAS_CACHE_TTL_MS, req->cache_ttl_ms);
	if (req->_present.record_replies)
		ynl_attr_put_u8(nlh, FTALIAS_A_ALIAS_RECORD_REPLIES, req->record_replies);
	if (req->_present.input_log)
		ynl_attr_put_u8(nlh, FTALIAS_A_ALIAS_INPUT_LOG, req->input_log);
	if (req->_present.scope)
		ynl_attr_put_u8(nlh, FTALIAS_A_ALIAS_SCOPE, req->scope);

	rsp = calloc(1, sizeof(*rsp));
	yrs.yarg.data = rsp;
	yrs.cb = ftalias_alias_new_rsp_parse;
	yrs.rsp_cmd = FTALIAS_CMD_ALIAS_NEW;

	err = ynl_exec(ys, nlh, &yrs);
	if (err < 0)
		goto err_free;

	return rsp;

err_free:
	ftalias_alias_new_rsp_free(rsp);
	return NULL;
}

/* ============== FTALIAS_CMD_ALIAS_DEL ============== */
/* FTALIAS_CMD_ALIAS_DEL - do */
void ftalias_alias_del_req_free(struct ftalias_alias_del_req *req)
{
	free(req->name);
	free(req);
}

int ftalias_alias_del(struct ynl_sock *ys, struct ftalias_alias_del_req *req)
{
	struct ynl_req_state yrs = { .yarg = { .ys = ys, }, };
	struct nlmsghdr *nlh;
	int err;

	nlh = ynl_gemsg_start_req(ys, ys->family_id, FTALIAS_CMD_ALIAS_DEL, 1);
	ys->req_policy = &ftalias_alias_nest;

	if (req->_present.id)
		ynl_attr_put_u32(nlh, FTALIAS_A_ALIAS_ID, req->id);
	if (req->_present.name_len)
		ynl_attr_put_str(nlh, FTALIAS_A_ALIAS_NAME, req->name);
	if (req->_present.moved)
		ynl_attr_put(nlh, FTALIAS_A_ALIAS_MOVED, NULL, 0);

	err = ynl_exec(ys, nlh, &yrs);
	if (err < 0)
		return -1;

	return 0;
}

/* ============== FTALIAS_CMD_ALIAS_SET ============== */
/* FTALIAS_CMD_ALIAS_SET - do */
void ftalias_alias_set_req_free(struct ftalias_alias_set_req *req)
{
	free(req->name);
	free(req);
}

int ftalias_alias_set(struct ynl_sock *ys, struct ftalias_alias_set_req *req)
{
	struct ynl_req_state yrs = { .yarg = { .ys = ys, }, };
	struct nlmsghdr *nlh;
	int err;

	nlh = ynl_gemsg_start_req(ys, ys->family_id, FTALIAS_CMD_ALIAS_SET, 1);
	ys->req_policy = &ftalias_alias_nest;

	if (req->_present.id)
		ynl_attr_put_u32(nlh, FTALIAS_A_ALIAS_ID, req->id);
	if (req->_present.name_len)
		ynl_attr_put_str(nlh, FTALIAS_A_ALIAS_NAME, req->name);
	if (req->_present.uid)
		ynl_attr_put_u32(nlh, FTALIAS_A_ALIAS_UID, req->uid);
	if (req->_present.gid)
		ynl_attr_put_u32(nlh, FTALIAS_A_ALIAS_GID, req->gid);
	if (req->_present.mode)
		ynl_attr_put_u32(nlh, FTALIAS_A_ALIAS_MODE, req->mode);
	if (req->_present.policy)
		ynl_attr_put_u32(nlh, FTALIAS_A_ALIAS_POLICY, req->policy);
	if (req->_present.grace_ms)
		ynl_attr_put_u32(nlh, FTALIAS_A_ALIAS_GRACE_MS, req->grace_ms);
	if (req->_present.cache_max_entries)
		ynl_attr_put_u32(nlh, FTALIAS_A_ALIAS_CACHE_MAX_ENTRIES, req->cache_max_entries);
	if (req->_present.cache_max_bytes)
		ynl_attr_put_u64(nlh, FTALIAS_A_ALIAS_CACHE_MAX_BYTES, req->cache_max_bytes);
	if (req->_present.cache_ttl_ms)
		ynl_attr_put_u32(nlh, FTALIAS_A_ALIAS_CACHE_TTL_MS, req->cache_ttl_ms);
	if (req->_present.record_replies)
		ynl_attr_put_u8(nlh, FTALIAS_A_ALIAS_RECORD_REPLIES, req->record_replies);
	if (req->_present.input_log)
		ynl_attr_put_u8(nlh, FTALIAS_A_ALIAS_INPUT_LOG, req->input_log);

	err = ynl_exec(ys, nlh, &yrs);
	if (err < 0)
		return -1;

	return 0;
}

/* ============== FTALIAS_CMD_MEMBER_GET ============== */
/* FTALIAS_CMD_MEMBER_GET - do */
void ftalias_member_get_req_free(struct ftalias_member_get_req *req)
{
	free(req);
}

void ftalias_member_get_rsp_free(struct ftalias_member_get_rsp *rsp)
{
	free(rsp);
}

int ftalias_member_get_rsp_parse(const struct nlmsghdr *nlh,
				 struct ynl_parse_arg *yarg)
{
	struct ftalias_member_get_rsp *dst;
	const struct nlattr *attr;

	dst = yarg->data;

	ynl_attr_for_each(attr, nlh, yarg->ys->family->hdr_len) {
		unsigned int type = ynl_attr_type(attr);

		if (type == FTALIAS_A_MEMBER_ALIAS_ID) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.alias_id = 1;
			dst->alias_id = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_MEMBER_PORT) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.port = 1;
			dst->port = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_MEMBER_PID) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.pid = 1;
			dst->pid = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_MEMBER_PRIORITY) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.priority = 1;
			dst->priority = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_MEMBER_ROLE) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.role = 1;
			dst->role = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_MEMBER_STATE) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.state = 1;
			dst->state = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_MEMBER_QUEUE_LEN) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.queue_len = 1;
			dst->queue_len = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_MEMBER_INCARNATION) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.incarnation = 1;
			dst->incarnation = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_MEMBER_DELIVERED) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.delivered = 1;
			dst->delivered = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_MEMBER_REDELIVERED) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.redelivered = 1;
			dst->redelivered = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_MEMBER_REPLIES) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.replies = 1;
			dst->replies = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_MEMBER_NODE) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.node = 1;
			dst->node = ynl_attr_get_u32(attr);
		}
	}

	return YNL_PARSE_CB_OK;
}

struct ftalias_member_get_rsp *
ftalias_member_get(struct ynl_sock *ys, struct ftalias_member_get_req *req)
{
	struct ynl_req_state yrs = { .yarg = { .ys = ys, }, };
	struct ftalias_member_get_rsp *rsp;
	struct nlmsghdr *nlh;
	int err;

	nlh = ynl_gemsg_start_req(ys, ys->family_id, FTALIAS_CMD_MEMBER_GET, 1);
	ys->req_policy = &ftalias_member_nest;
	yrs.yarg.rsp_policy = &ftalias_member_nest;

	if (req->_present.alias_id)
		ynl_attr_put_u32(nlh, FTALIAS_A_MEMBER_ALIAS_ID, req->alias_id);
	if (req->_present.port)
		ynl_attr_put_u32(nlh, FTALIAS_A_MEMBER_PORT, req->port);

	rsp = calloc(1, sizeof(*rsp));
	yrs.yarg.data = rsp;
	yrs.cb = ftalias_member_get_rsp_parse;
	yrs.rsp_cmd = FTALIAS_CMD_MEMBER_GET;

	err = ynl_exec(ys, nlh, &yrs);
	if (err < 0)
		goto err_free;

	return rsp;

err_free:
	ftalias_member_get_rsp_free(rsp);
	return NULL;
}

/* FTALIAS_CMD_MEMBER_GET - dump */
void ftalias_member_get_req_dump_free(struct ftalias_member_get_req_dump *req)
{
	free(req);
}

void ftalias_member_get_list_free(struct ftalias_member_get_list *rsp)
{
	struct ftalias_member_get_list *next = rsp;

	while ((void *)next != YNL_LIST_END) {
		rsp = next;
		next = rsp->next;

		free(rsp);
	}
}

struct ftalias_member_get_list *
ftalias_member_get_dump(struct ynl_sock *ys,
			struct ftalias_member_get_req_dump *req)
{
	struct ynl_dump_state yds = {};
	struct nlmsghdr *nlh;
	int err;

	yds.yarg.ys = ys;
	yds.yarg.rsp_policy = &ftalias_member_nest;
	yds.yarg.data = NULL;
	yds.alloc_sz = sizeof(struct ftalias_member_get_list);
	yds.cb = ftalias_member_get_rsp_parse;
	yds.rsp_cmd = FTALIAS_CMD_MEMBER_GET;

	nlh = ynl_gemsg_start_dump(ys, ys->family_id, FTALIAS_CMD_MEMBER_GET, 1);
	ys->req_policy = &ftalias_member_nest;

	if (req->_present.alias_id)
		ynl_attr_put_u32(nlh, FTALIAS_A_MEMBER_ALIAS_ID, req->alias_id);

	err = ynl_exec_dump(ys, nlh, &yds);
	if (err < 0)
		goto free_list;

	return yds.first;

free_list:
	ftalias_member_get_list_free(yds.first);
	return NULL;
}

/* FTALIAS_CMD_MEMBER_GET - notify */
void ftalias_member_get_ntf_free(struct ftalias_member_get_ntf *rsp)
{
	free(rsp);
}

/* ============== FTALIAS_CMD_MEMBER_SET ============== */
/* FTALIAS_CMD_MEMBER_SET - do */
void ftalias_member_set_req_free(struct ftalias_member_set_req *req)
{
	free(req);
}

int ftalias_member_set(struct ynl_sock *ys, struct ftalias_member_set_req *req)
{
	struct ynl_req_state yrs = { .yarg = { .ys = ys, }, };
	struct nlmsghdr *nlh;
	int err;

	nlh = ynl_gemsg_start_req(ys, ys->family_id, FTALIAS_CMD_MEMBER_SET, 1);
	ys->req_policy = &ftalias_member_nest;

	if (req->_present.alias_id)
		ynl_attr_put_u32(nlh, FTALIAS_A_MEMBER_ALIAS_ID, req->alias_id);
	if (req->_present.port)
		ynl_attr_put_u32(nlh, FTALIAS_A_MEMBER_PORT, req->port);
	if (req->_present.priority)
		ynl_attr_put_u32(nlh, FTALIAS_A_MEMBER_PRIORITY, req->priority);
	if (req->_present.state)
		ynl_attr_put_u32(nlh, FTALIAS_A_MEMBER_STATE, req->state);

	err = ynl_exec(ys, nlh, &yrs);
	if (err < 0)
		return -1;

	return 0;
}

/* ============== FTALIAS_CMD_CACHE_GET ============== */
/* FTALIAS_CMD_CACHE_GET - dump */
int ftalias_cache_get_rsp_dump_parse(const struct nlmsghdr *nlh,
				     struct ynl_parse_arg *yarg)
{
	struct ftalias_cache_get_rsp_dump *dst;
	const struct nlattr *attr;
	struct ynl_parse_arg parg;

	dst = yarg->data;
	parg.ys = yarg->ys;

	ynl_attr_for_each(attr, nlh, yarg->ys->family->hdr_len) {
		unsigned int type = ynl_attr_type(attr);

		if (type == FTALIAS_A_CACHE_ENTRY_ALIAS_ID) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.alias_id = 1;
			dst->alias_id = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_CACHE_ENTRY_ID) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.id = 1;

			parg.rsp_policy = &ftalias_id_nest;
			parg.data = &dst->id;
			if (ftalias_id_parse(&parg, attr))
				return YNL_PARSE_CB_ERROR;
		} else if (type == FTALIAS_A_CACHE_ENTRY_STATE) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.state = 1;
			dst->state = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_CACHE_ENTRY_AGE_MS) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.age_ms = 1;
			dst->age_ms = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_CACHE_ENTRY_SIZE) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.size = 1;
			dst->size = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_CACHE_ENTRY_OWNER_PORT) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.owner_port = 1;
			dst->owner_port = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_CACHE_ENTRY_JOURNAL) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.journal = 1;
			dst->journal = ynl_attr_get_u32(attr);
		}
	}

	return YNL_PARSE_CB_OK;
}

void ftalias_cache_get_req_dump_free(struct ftalias_cache_get_req_dump *req)
{
	free(req);
}

void ftalias_cache_get_rsp_list_free(struct ftalias_cache_get_rsp_list *rsp)
{
	struct ftalias_cache_get_rsp_list *next = rsp;

	while ((void *)next != YNL_LIST_END) {
		rsp = next;
		next = rsp->next;

		ftalias_id_free(&rsp->obj.id);
		free(rsp);
	}
}

struct ftalias_cache_get_rsp_list *
ftalias_cache_get_dump(struct ynl_sock *ys,
		       struct ftalias_cache_get_req_dump *req)
{
	struct ynl_dump_state yds = {};
	struct nlmsghdr *nlh;
	int err;

	yds.yarg.ys = ys;
	yds.yarg.rsp_policy = &ftalias_cache_entry_nest;
	yds.yarg.data = NULL;
	yds.alloc_sz = sizeof(struct ftalias_cache_get_rsp_list);
	yds.cb = ftalias_cache_get_rsp_dump_parse;
	yds.rsp_cmd = FTALIAS_CMD_CACHE_GET;

	nlh = ynl_gemsg_start_dump(ys, ys->family_id, FTALIAS_CMD_CACHE_GET, 1);
	ys->req_policy = &ftalias_cache_entry_nest;

	if (req->_present.alias_id)
		ynl_attr_put_u32(nlh, FTALIAS_A_CACHE_ENTRY_ALIAS_ID, req->alias_id);

	err = ynl_exec_dump(ys, nlh, &yds);
	if (err < 0)
		goto free_list;

	return yds.first;

free_list:
	ftalias_cache_get_rsp_list_free(yds.first);
	return NULL;
}

/* ============== FTALIAS_CMD_CACHE_FLUSH ============== */
/* FTALIAS_CMD_CACHE_FLUSH - do */
void ftalias_cache_flush_req_free(struct ftalias_cache_flush_req *req)
{
	free(req);
}

void ftalias_cache_flush_rsp_free(struct ftalias_cache_flush_rsp *rsp)
{
	free(rsp);
}

int ftalias_cache_flush_rsp_parse(const struct nlmsghdr *nlh,
				  struct ynl_parse_arg *yarg)
{
	struct ftalias_cache_flush_rsp *dst;
	const struct nlattr *attr;

	dst = yarg->data;

	ynl_attr_for_each(attr, nlh, yarg->ys->family->hdr_len) {
		unsigned int type = ynl_attr_type(attr);

		if (type == FTALIAS_A_CACHE_FLUSH_ALIAS_ID) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.alias_id = 1;
			dst->alias_id = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_CACHE_FLUSH_FLUSHED) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.flushed = 1;
			dst->flushed = ynl_attr_get_u32(attr);
		}
	}

	return YNL_PARSE_CB_OK;
}

struct ftalias_cache_flush_rsp *
ftalias_cache_flush(struct ynl_sock *ys, struct ftalias_cache_flush_req *req)
{
	struct ynl_req_state yrs = { .yarg = { .ys = ys, }, };
	struct ftalias_cache_flush_rsp *rsp;
	struct nlmsghdr *nlh;
	int err;

	nlh = ynl_gemsg_start_req(ys, ys->family_id, FTALIAS_CMD_CACHE_FLUSH, 1);
	ys->req_policy = &ftalias_cache_flush_nest;
	yrs.yarg.rsp_policy = &ftalias_cache_flush_nest;

	if (req->_present.alias_id)
		ynl_attr_put_u32(nlh, FTALIAS_A_CACHE_FLUSH_ALIAS_ID, req->alias_id);
	if (req->_present.in_progress)
		ynl_attr_put(nlh, FTALIAS_A_CACHE_FLUSH_IN_PROGRESS, NULL, 0);

	rsp = calloc(1, sizeof(*rsp));
	yrs.yarg.data = rsp;
	yrs.cb = ftalias_cache_flush_rsp_parse;
	yrs.rsp_cmd = FTALIAS_CMD_CACHE_FLUSH;

	err = ynl_exec(ys, nlh, &yrs);
	if (err < 0)
		goto err_free;

	return rsp;

err_free:
	ftalias_cache_flush_rsp_free(rsp);
	return NULL;
}

/* ============== FTALIAS_CMD_JOURNAL_GET ============== */
/* FTALIAS_CMD_JOURNAL_GET - dump */
int ftalias_journal_get_rsp_dump_parse(const struct nlmsghdr *nlh,
				       struct ynl_parse_arg *yarg)
{
	struct ftalias_journal_get_rsp_dump *dst;
	const struct nlattr *attr;
	struct ynl_parse_arg parg;

	dst = yarg->data;
	parg.ys = yarg->ys;

	ynl_attr_for_each(attr, nlh, yarg->ys->family->hdr_len) {
		unsigned int type = ynl_attr_type(attr);

		if (type == FTALIAS_A_JOURNAL_REC_ALIAS_ID) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.alias_id = 1;
			dst->alias_id = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_JOURNAL_REC_PARENT) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.parent = 1;

			parg.rsp_policy = &ftalias_id_nest;
			parg.data = &dst->parent;
			if (ftalias_id_parse(&parg, attr))
				return YNL_PARSE_CB_ERROR;
		} else if (type == FTALIAS_A_JOURNAL_REC_ID) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.id = 1;

			parg.rsp_policy = &ftalias_id_nest;
			parg.data = &dst->id;
			if (ftalias_id_parse(&parg, attr))
				return YNL_PARSE_CB_ERROR;
		} else if (type == FTALIAS_A_JOURNAL_REC_DEST_ALIAS) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.dest_alias = 1;
			dst->dest_alias = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_JOURNAL_REC_REPLIED) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.replied = 1;
			dst->replied = ynl_attr_get_u8(attr);
		} else if (type == FTALIAS_A_JOURNAL_REC_SIZE) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.size = 1;
			dst->size = ynl_attr_get_u32(attr);
		}
	}

	return YNL_PARSE_CB_OK;
}

void
ftalias_journal_get_req_dump_free(struct ftalias_journal_get_req_dump *req)
{
	free(req);
}

void
ftalias_journal_get_rsp_list_free(struct ftalias_journal_get_rsp_list *rsp)
{
	struct ftalias_journal_get_rsp_list *next = rsp;

	while ((void *)next != YNL_LIST_END) {
		rsp = next;
		next = rsp->next;

		ftalias_id_free(&rsp->obj.parent);
		ftalias_id_free(&rsp->obj.id);
		free(rsp);
	}
}

struct ftalias_journal_get_rsp_list *
ftalias_journal_get_dump(struct ynl_sock *ys,
			 struct ftalias_journal_get_req_dump *req)
{
	struct ynl_dump_state yds = {};
	struct nlmsghdr *nlh;
	int err;

	yds.yarg.ys = ys;
	yds.yarg.rsp_policy = &ftalias_journal_rec_nest;
	yds.yarg.data = NULL;
	yds.alloc_sz = sizeof(struct ftalias_journal_get_rsp_list);
	yds.cb = ftalias_journal_get_rsp_dump_parse;
	yds.rsp_cmd = FTALIAS_CMD_JOURNAL_GET;

	nlh = ynl_gemsg_start_dump(ys, ys->family_id, FTALIAS_CMD_JOURNAL_GET, 1);
	ys->req_policy = &ftalias_journal_rec_nest;

	if (req->_present.alias_id)
		ynl_attr_put_u32(nlh, FTALIAS_A_JOURNAL_REC_ALIAS_ID, req->alias_id);

	err = ynl_exec_dump(ys, nlh, &yds);
	if (err < 0)
		goto free_list;

	return yds.first;

free_list:
	ftalias_journal_get_rsp_list_free(yds.first);
	return NULL;
}

/* ============== FTALIAS_CMD_CONN_GET ============== */
/* FTALIAS_CMD_CONN_GET - do */
void ftalias_conn_get_req_free(struct ftalias_conn_get_req *req)
{
	free(req);
}

void ftalias_conn_get_rsp_free(struct ftalias_conn_get_rsp *rsp)
{
	free(rsp->peer_name);
	free(rsp);
}

int ftalias_conn_get_rsp_parse(const struct nlmsghdr *nlh,
			       struct ynl_parse_arg *yarg)
{
	struct ftalias_conn_get_rsp *dst;
	const struct nlattr *attr;

	dst = yarg->data;

	ynl_attr_for_each(attr, nlh, yarg->ys->family->hdr_len) {
		unsigned int type = ynl_attr_type(attr);

		if (type == FTALIAS_A_CONN_ID) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.id = 1;
			dst->id = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_CONN_SEQ) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.seq = 1;
			dst->seq = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_CONN_STATE) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.state = 1;
			dst->state = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_CONN_EST_SEC) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.est_sec = 1;
			dst->est_sec = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_CONN_EST_USEC) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.est_usec = 1;
			dst->est_usec = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_CONN_LOCAL_ALIAS) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.local_alias = 1;
			dst->local_alias = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_CONN_LISTEN_PORT) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.listen_port = 1;
			dst->listen_port = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_CONN_LOCAL_PORT) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.local_port = 1;
			dst->local_port = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_CONN_LOCAL_PID) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.local_pid = 1;
			dst->local_pid = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_CONN_LOCAL_QUEUE) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.local_queue = 1;
			dst->local_queue = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_CONN_PEER_PORT) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.peer_port = 1;
			dst->peer_port = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_CONN_PEER_PID) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.peer_pid = 1;
			dst->peer_pid = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_CONN_PEER_QUEUE) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.peer_queue = 1;
			dst->peer_queue = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_CONN_PEER_NODE) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.peer_node = 1;
			dst->peer_node = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_CONN_PEER_ALIAS) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.peer_alias = 1;
			dst->peer_alias = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_CONN_PEER_LISTEN_PORT) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.peer_listen_port = 1;
			dst->peer_listen_port = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_CONN_PEER_NAME) {
			unsigned int len;

			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;

			len = strnlen(ynl_attr_get_str(attr), ynl_attr_data_len(attr));
			dst->_present.peer_name_len = len;
			dst->peer_name = malloc(len + 1);
			memcpy(dst->peer_name, ynl_attr_get_str(attr), len);
			dst->peer_name[len] = 0;
		}
	}

	return YNL_PARSE_CB_OK;
}

struct ftalias_conn_get_rsp *
ftalias_conn_get(struct ynl_sock *ys, struct ftalias_conn_get_req *req)
{
	struct ynl_req_state yrs = { .yarg = { .ys = ys, }, };
	struct ftalias_conn_get_rsp *rsp;
	struct nlmsghdr *nlh;
	int err;

	nlh = ynl_gemsg_start_req(ys, ys->family_id, FTALIAS_CMD_CONN_GET, 1);
	ys->req_policy = &ftalias_conn_nest;
	yrs.yarg.rsp_policy = &ftalias_conn_nest;

	if (req->_present.id)
		ynl_attr_put_u32(nlh, FTALIAS_A_CONN_ID, req->id);
	if (req->_present.local_alias)
		ynl_attr_put_u32(nlh, FTALIAS_A_CONN_LOCAL_ALIAS, req->local_alias);

	rsp = calloc(1, sizeof(*rsp));
	yrs.yarg.data = rsp;
	yrs.cb = ftalias_conn_get_rsp_parse;
	yrs.rsp_cmd = FTALIAS_CMD_CONN_GET;

	err = ynl_exec(ys, nlh, &yrs);
	if (err < 0)
		goto err_free;

	return rsp;

err_free:
	ftalias_conn_get_rsp_free(rsp);
	return NULL;
}

/* FTALIAS_CMD_CONN_GET - dump */
void ftalias_conn_get_req_dump_free(struct ftalias_conn_get_req_dump *req)
{
	free(req);
}

void ftalias_conn_get_list_free(struct ftalias_conn_get_list *rsp)
{
	struct ftalias_conn_get_list *next = rsp;

	while ((void *)next != YNL_LIST_END) {
		rsp = next;
		next = rsp->next;

		free(rsp->obj.peer_name);
		free(rsp);
	}
}

struct ftalias_conn_get_list *
ftalias_conn_get_dump(struct ynl_sock *ys,
		      struct ftalias_conn_get_req_dump *req)
{
	struct ynl_dump_state yds = {};
	struct nlmsghdr *nlh;
	int err;

	yds.yarg.ys = ys;
	yds.yarg.rsp_policy = &ftalias_conn_nest;
	yds.yarg.data = NULL;
	yds.alloc_sz = sizeof(struct ftalias_conn_get_list);
	yds.cb = ftalias_conn_get_rsp_parse;
	yds.rsp_cmd = FTALIAS_CMD_CONN_GET;

	nlh = ynl_gemsg_start_dump(ys, ys->family_id, FTALIAS_CMD_CONN_GET, 1);
	ys->req_policy = &ftalias_conn_nest;

	if (req->_present.local_alias)
		ynl_attr_put_u32(nlh, FTALIAS_A_CONN_LOCAL_ALIAS, req->local_alias);

	err = ynl_exec_dump(ys, nlh, &yds);
	if (err < 0)
		goto free_list;

	return yds.first;

free_list:
	ftalias_conn_get_list_free(yds.first);
	return NULL;
}

/* ============== FTALIAS_CMD_CONN_DROP ============== */
/* FTALIAS_CMD_CONN_DROP - do */
void ftalias_conn_drop_req_free(struct ftalias_conn_drop_req *req)
{
	free(req);
}

int ftalias_conn_drop(struct ynl_sock *ys, struct ftalias_conn_drop_req *req)
{
	struct ynl_req_state yrs = { .yarg = { .ys = ys, }, };
	struct nlmsghdr *nlh;
	int err;

	nlh = ynl_gemsg_start_req(ys, ys->family_id, FTALIAS_CMD_CONN_DROP, 1);
	ys->req_policy = &ftalias_conn_nest;

	if (req->_present.id)
		ynl_attr_put_u32(nlh, FTALIAS_A_CONN_ID, req->id);

	err = ynl_exec(ys, nlh, &yrs);
	if (err < 0)
		return -1;

	return 0;
}

/* ============== FTALIAS_CMD_ALIAS_SAVE ============== */
/* FTALIAS_CMD_ALIAS_SAVE - dump */
int ftalias_alias_save_rsp_dump_parse(const struct nlmsghdr *nlh,
				      struct ynl_parse_arg *yarg)
{
	struct ftalias_alias_save_rsp_dump *dst;
	unsigned int n_request = 0;
	const struct nlattr *attr;
	struct ynl_parse_arg parg;
	unsigned int n_client = 0;
	unsigned int n_output = 0;
	unsigned int n_entry = 0;
	unsigned int n_input = 0;
	unsigned int n_held = 0;
	unsigned int n_jrec = 0;
	int i;

	dst = yarg->data;
	parg.ys = yarg->ys;

	if (dst->client)
		return ynl_error_parse(yarg, "attribute already present (save.client)");
	if (dst->entry)
		return ynl_error_parse(yarg, "attribute already present (save.entry)");
	if (dst->held)
		return ynl_error_parse(yarg, "attribute already present (save.held)");
	if (dst->input)
		return ynl_error_parse(yarg, "attribute already present (save.input)");
	if (dst->jrec)
		return ynl_error_parse(yarg, "attribute already present (save.jrec)");
	if (dst->output)
		return ynl_error_parse(yarg, "attribute already present (save.output)");
	if (dst->request)
		return ynl_error_parse(yarg, "attribute already present (save.request)");

	ynl_attr_for_each(attr, nlh, yarg->ys->family->hdr_len) {
		unsigned int type = ynl_attr_type(attr);

		if (type == FTALIAS_A_SAVE_CRC) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.crc = 1;
			dst->crc = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_SAVE_HEADER) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.header = 1;

			parg.rsp_policy = &ftalias_save_header_nest;
			parg.data = &dst->header;
			if (ftalias_save_header_parse(&parg, attr))
				return YNL_PARSE_CB_ERROR;
		} else if (type == FTALIAS_A_SAVE_ALIAS) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.alias = 1;

			parg.rsp_policy = &ftalias_save_alias_nest;
			parg.data = &dst->alias;
			if (ftalias_save_alias_parse(&parg, attr))
				return YNL_PARSE_CB_ERROR;
		} else if (type == FTALIAS_A_SAVE_IDS) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.ids = 1;

			parg.rsp_policy = &ftalias_save_ids_nest;
			parg.data = &dst->ids;
			if (ftalias_save_ids_parse(&parg, attr))
				return YNL_PARSE_CB_ERROR;
		} else if (type == FTALIAS_A_SAVE_DSTS) {
			unsigned int len;

			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;

			len = ynl_attr_data_len(attr);
			dst->_present.dsts_len = len;
			dst->dsts = malloc(len);
			memcpy(dst->dsts, ynl_attr_data(attr), len);
		} else if (type == FTALIAS_A_SAVE_ENTRY) {
			n_entry++;
		} else if (type == FTALIAS_A_SAVE_DATA) {
			unsigned int len;

			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;

			len = ynl_attr_data_len(attr);
			dst->_present.data_len = len;
			dst->data = malloc(len);
			memcpy(dst->data, ynl_attr_data(attr), len);
		} else if (type == FTALIAS_A_SAVE_JREC) {
			n_jrec++;
		} else if (type == FTALIAS_A_SAVE_CLIENT) {
			n_client++;
		} else if (type == FTALIAS_A_SAVE_REQUEST) {
			n_request++;
		} else if (type == FTALIAS_A_SAVE_HELD) {
			n_held++;
		} else if (type == FTALIAS_A_SAVE_TRAILER) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.trailer = 1;

			parg.rsp_policy = &ftalias_save_trailer_nest;
			parg.data = &dst->trailer;
			if (ftalias_save_trailer_parse(&parg, attr))
				return YNL_PARSE_CB_ERROR;
		} else if (type == FTALIAS_A_SAVE_CHECKPOINT) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.checkpoint = 1;

			parg.rsp_policy = &ftalias_save_checkpoint_nest;
			parg.data = &dst->checkpoint;
			if (ftalias_save_checkpoint_parse(&parg, attr))
				return YNL_PARSE_CB_ERROR;
		} else if (type == FTALIAS_A_SAVE_INPUT) {
			n_input++;
		} else if (type == FTALIAS_A_SAVE_OUTPUT) {
			n_output++;
		}
	}

	if (n_client) {
		dst->client = calloc(n_client, sizeof(*dst->client));
		dst->n_client = n_client;
		i = 0;
		parg.rsp_policy = &ftalias_save_client_nest;
		ynl_attr_for_each(attr, nlh, yarg->ys->family->hdr_len) {
			if (ynl_attr_type(attr) == FTALIAS_A_SAVE_CLIENT) {
				parg.data = &dst->client[i];
				if (ftalias_save_client_parse(&parg, attr))
					return YNL_PARSE_CB_ERROR;
				i++;
			}
		}
	}
	if (n_entry) {
		dst->entry = calloc(n_entry, sizeof(*dst->entry));
		dst->n_entry = n_entry;
		i = 0;
		parg.rsp_policy = &ftalias_save_entry_nest;
		ynl_attr_for_each(attr, nlh, yarg->ys->family->hdr_len) {
			if (ynl_attr_type(attr) == FTALIAS_A_SAVE_ENTRY) {
				parg.data = &dst->entry[i];
				if (ftalias_save_entry_parse(&parg, attr))
					return YNL_PARSE_CB_ERROR;
				i++;
			}
		}
	}
	if (n_held) {
		dst->held = calloc(n_held, sizeof(*dst->held));
		dst->n_held = n_held;
		i = 0;
		parg.rsp_policy = &ftalias_save_held_nest;
		ynl_attr_for_each(attr, nlh, yarg->ys->family->hdr_len) {
			if (ynl_attr_type(attr) == FTALIAS_A_SAVE_HELD) {
				parg.data = &dst->held[i];
				if (ftalias_save_held_parse(&parg, attr))
					return YNL_PARSE_CB_ERROR;
				i++;
			}
		}
	}
	if (n_input) {
		dst->input = calloc(n_input, sizeof(*dst->input));
		dst->n_input = n_input;
		i = 0;
		parg.rsp_policy = &ftalias_save_input_nest;
		ynl_attr_for_each(attr, nlh, yarg->ys->family->hdr_len) {
			if (ynl_attr_type(attr) == FTALIAS_A_SAVE_INPUT) {
				parg.data = &dst->input[i];
				if (ftalias_save_input_parse(&parg, attr))
					return YNL_PARSE_CB_ERROR;
				i++;
			}
		}
	}
	if (n_jrec) {
		dst->jrec = calloc(n_jrec, sizeof(*dst->jrec));
		dst->n_jrec = n_jrec;
		i = 0;
		parg.rsp_policy = &ftalias_save_jrec_nest;
		ynl_attr_for_each(attr, nlh, yarg->ys->family->hdr_len) {
			if (ynl_attr_type(attr) == FTALIAS_A_SAVE_JREC) {
				parg.data = &dst->jrec[i];
				if (ftalias_save_jrec_parse(&parg, attr))
					return YNL_PARSE_CB_ERROR;
				i++;
			}
		}
	}
	if (n_output) {
		dst->output = calloc(n_output, sizeof(*dst->output));
		dst->n_output = n_output;
		i = 0;
		parg.rsp_policy = &ftalias_save_output_nest;
		ynl_attr_for_each(attr, nlh, yarg->ys->family->hdr_len) {
			if (ynl_attr_type(attr) == FTALIAS_A_SAVE_OUTPUT) {
				parg.data = &dst->output[i];
				if (ftalias_save_output_parse(&parg, attr))
					return YNL_PARSE_CB_ERROR;
				i++;
			}
		}
	}
	if (n_request) {
		dst->request = calloc(n_request, sizeof(*dst->request));
		dst->n_request = n_request;
		i = 0;
		parg.rsp_policy = &ftalias_save_request_nest;
		ynl_attr_for_each(attr, nlh, yarg->ys->family->hdr_len) {
			if (ynl_attr_type(attr) == FTALIAS_A_SAVE_REQUEST) {
				parg.data = &dst->request[i];
				if (ftalias_save_request_parse(&parg, attr))
					return YNL_PARSE_CB_ERROR;
				i++;
			}
		}
	}

	return YNL_PARSE_CB_OK;
}

void ftalias_alias_save_req_dump_free(struct ftalias_alias_save_req_dump *req)
{
	free(req);
}

void ftalias_alias_save_rsp_list_free(struct ftalias_alias_save_rsp_list *rsp)
{
	struct ftalias_alias_save_rsp_list *next = rsp;

	while ((void *)next != YNL_LIST_END) {
		unsigned int i;

		rsp = next;
		next = rsp->next;

		ftalias_save_header_free(&rsp->obj.header);
		ftalias_save_alias_free(&rsp->obj.alias);
		ftalias_save_ids_free(&rsp->obj.ids);
		free(rsp->obj.dsts);
		for (i = 0; i < rsp->obj.n_entry; i++)
			ftalias_save_entry_free(&rsp->obj.entry[i]);
		free(rsp->obj.entry);
		free(rsp->obj.data);
		for (i = 0; i < rsp->obj.n_jrec; i++)
			ftalias_save_jrec_free(&rsp->obj.jrec[i]);
		free(rsp->obj.jrec);
		for (i = 0; i < rsp->obj.n_client; i++)
			ftalias_save_client_free(&rsp->obj.client[i]);
		free(rsp->obj.client);
		for (i = 0; i < rsp->obj.n_request; i++)
			ftalias_save_request_free(&rsp->obj.request[i]);
		free(rsp->obj.request);
		for (i = 0; i < rsp->obj.n_held; i++)
			ftalias_save_held_free(&rsp->obj.held[i]);
		free(rsp->obj.held);
		ftalias_save_trailer_free(&rsp->obj.trailer);
		ftalias_save_checkpoint_free(&rsp->obj.checkpoint);
		for (i = 0; i < rsp->obj.n_input; i++)
			ftalias_save_input_free(&rsp->obj.input[i]);
		free(rsp->obj.input);
		for (i = 0; i < rsp->obj.n_output; i++)
			ftalias_save_output_free(&rsp->obj.output[i]);
		free(rsp->obj.output);
		free(rsp);
	}
}

struct ftalias_alias_save_rsp_list *
ftalias_alias_save_dump(struct ynl_sock *ys,
			struct ftalias_alias_save_req_dump *req)
{
	struct ynl_dump_state yds = {};
	struct nlmsghdr *nlh;
	int err;

	yds.yarg.ys = ys;
	yds.yarg.rsp_policy = &ftalias_save_nest;
	yds.yarg.data = NULL;
	yds.alloc_sz = sizeof(struct ftalias_alias_save_rsp_list);
	yds.cb = ftalias_alias_save_rsp_dump_parse;
	yds.rsp_cmd = FTALIAS_CMD_ALIAS_SAVE;

	nlh = ynl_gemsg_start_dump(ys, ys->family_id, FTALIAS_CMD_ALIAS_SAVE, 1);
	ys->req_policy = &ftalias_save_nest;

	if (req->_present.alias_id)
		ynl_attr_put_u32(nlh, FTALIAS_A_SAVE_ALIAS_ID, req->alias_id);
	if (req->_present.move)
		ynl_attr_put(nlh, FTALIAS_A_SAVE_MOVE, NULL, 0);

	err = ynl_exec_dump(ys, nlh, &yds);
	if (err < 0)
		goto free_list;

	return yds.first;

free_list:
	ftalias_alias_save_rsp_list_free(yds.first);
	return NULL;
}

/* ============== FTALIAS_CMD_ALIAS_RESTORE ============== */
/* FTALIAS_CMD_ALIAS_RESTORE - do */
void ftalias_alias_restore_req_free(struct ftalias_alias_restore_req *req)
{
	unsigned int i;

	free(req->new_name);
	ftalias_save_header_free(&req->header);
	ftalias_save_alias_free(&req->alias);
	ftalias_save_ids_free(&req->ids);
	free(req->dsts);
	for (i = 0; i < req->n_entry; i++)
		ftalias_save_entry_free(&req->entry[i]);
	free(req->entry);
	free(req->data);
	for (i = 0; i < req->n_jrec; i++)
		ftalias_save_jrec_free(&req->jrec[i]);
	free(req->jrec);
	for (i = 0; i < req->n_client; i++)
		ftalias_save_client_free(&req->client[i]);
	free(req->client);
	for (i = 0; i < req->n_request; i++)
		ftalias_save_request_free(&req->request[i]);
	free(req->request);
	for (i = 0; i < req->n_held; i++)
		ftalias_save_held_free(&req->held[i]);
	free(req->held);
	ftalias_save_trailer_free(&req->trailer);
	ftalias_save_checkpoint_free(&req->checkpoint);
	for (i = 0; i < req->n_input; i++)
		ftalias_save_input_free(&req->input[i]);
	free(req->input);
	for (i = 0; i < req->n_output; i++)
		ftalias_save_output_free(&req->output[i]);
	free(req->output);
	free(req);
}

void ftalias_alias_restore_rsp_free(struct ftalias_alias_restore_rsp *rsp)
{
	free(rsp);
}

int ftalias_alias_restore_rsp_parse(const struct nlmsghdr *nlh,
				    struct ynl_parse_arg *yarg)
{
	struct ftalias_alias_restore_rsp *dst;
	const struct nlattr *attr;

	dst = yarg->data;

	ynl_attr_for_each(attr, nlh, yarg->ys->family->hdr_len) {
		unsigned int type = ynl_attr_type(attr);

		if (type == FTALIAS_A_SAVE_HANDLE) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.handle = 1;
			dst->handle = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_SAVE_NEW_ID) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.new_id = 1;
			dst->new_id = ynl_attr_get_u32(attr);
		}
	}

	return YNL_PARSE_CB_OK;
}

struct ftalias_alias_restore_rsp *
ftalias_alias_restore(struct ynl_sock *ys,
		      struct ftalias_alias_restore_req *req)
{
	struct ynl_req_state yrs = { .yarg = { .ys = ys, }, };
	struct ftalias_alias_restore_rsp *rsp;
	struct nlmsghdr *nlh;
	int err;

	nlh = ynl_gemsg_start_req(ys, ys->family_id, FTALIAS_CMD_ALIAS_RESTORE, 1);
	ys->req_policy = &ftalias_save_nest;
	yrs.yarg.rsp_policy = &ftalias_save_nest;

	if (req->_present.handle)
		ynl_attr_put_u32(nlh, FTALIAS_A_SAVE_HANDLE, req->handle);
	if (req->_present.new_name_len)
		ynl_attr_put_str(nlh, FTALIAS_A_SAVE_NEW_NAME, req->new_name);
	if (req->_present.new_id)
		ynl_attr_put_u32(nlh, FTALIAS_A_SAVE_NEW_ID, req->new_id);
	if (req->_present.crc)
		ynl_attr_put_u32(nlh, FTALIAS_A_SAVE_CRC, req->crc);
	if (req->_present.header)
		ftalias_save_header_put(nlh, FTALIAS_A_SAVE_HEADER, &req->header);
	if (req->_present.alias)
		ftalias_save_alias_put(nlh, FTALIAS_A_SAVE_ALIAS, &req->alias);
	if (req->_present.ids)
		ftalias_save_ids_put(nlh, FTALIAS_A_SAVE_IDS, &req->ids);
	if (req->_present.dsts_len)
		ynl_attr_put(nlh, FTALIAS_A_SAVE_DSTS, req->dsts, req->_present.dsts_len);
	for (unsigned int i = 0; i < req->n_entry; i++)
		ftalias_save_entry_put(nlh, FTALIAS_A_SAVE_ENTRY, &req->entry[i]);
	if (req->_present.data_len)
		ynl_attr_put(nlh, FTALIAS_A_SAVE_DATA, req->data, req->_present.data_len);
	for (unsigned int i = 0; i < req->n_jrec; i++)
		ftalias_save_jrec_put(nlh, FTALIAS_A_SAVE_JREC, &req->jrec[i]);
	for (unsigned int i = 0; i < req->n_client; i++)
		ftalias_save_client_put(nlh, FTALIAS_A_SAVE_CLIENT, &req->client[i]);
	for (unsigned int i = 0; i < req->n_request; i++)
		ftalias_save_request_put(nlh, FTALIAS_A_SAVE_REQUEST, &req->request[i]);
	for (unsigned int i = 0; i < req->n_held; i++)
		ftalias_save_held_put(nlh, FTALIAS_A_SAVE_HELD, &req->held[i]);
	if (req->_present.trailer)
		ftalias_save_trailer_put(nlh, FTALIAS_A_SAVE_TRAILER, &req->trailer);
	if (req->_present.checkpoint)
		ftalias_save_checkpoint_put(nlh, FTALIAS_A_SAVE_CHECKPOINT, &req->checkpoint);
	for (unsigned int i = 0; i < req->n_input; i++)
		ftalias_save_input_put(nlh, FTALIAS_A_SAVE_INPUT, &req->input[i]);
	for (unsigned int i = 0; i < req->n_output; i++)
		ftalias_save_output_put(nlh, FTALIAS_A_SAVE_OUTPUT, &req->output[i]);

	rsp = calloc(1, sizeof(*rsp));
	yrs.yarg.data = rsp;
	yrs.cb = ftalias_alias_restore_rsp_parse;
	yrs.rsp_cmd = FTALIAS_CMD_ALIAS_RESTORE;

	err = ynl_exec(ys, nlh, &yrs);
	if (err < 0)
		goto err_free;

	return rsp;

err_free:
	ftalias_alias_restore_rsp_free(rsp);
	return NULL;
}

/* ============== FTALIAS_CMD_CLUSTER_GET ============== */
/* FTALIAS_CMD_CLUSTER_GET - do */
void ftalias_cluster_get_rsp_free(struct ftalias_cluster_get_rsp *rsp)
{
	ftalias_cluster_stats_free(&rsp->stats);
	free(rsp);
}

int ftalias_cluster_get_rsp_parse(const struct nlmsghdr *nlh,
				  struct ynl_parse_arg *yarg)
{
	struct ftalias_cluster_get_rsp *dst;
	const struct nlattr *attr;
	struct ynl_parse_arg parg;

	dst = yarg->data;
	parg.ys = yarg->ys;

	ynl_attr_for_each(attr, nlh, yarg->ys->family->hdr_len) {
		unsigned int type = ynl_attr_type(attr);

		if (type == FTALIAS_A_CLUSTER_ENABLED) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.enabled = 1;
			dst->enabled = ynl_attr_get_u8(attr);
		} else if (type == FTALIAS_A_CLUSTER_NODE) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.node = 1;
			dst->node = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_CLUSTER_BOOT_ID) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.boot_id = 1;
			dst->boot_id = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_CLUSTER_NODES) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.nodes = 1;
			dst->nodes = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_CLUSTER_NODES_UP) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.nodes_up = 1;
			dst->nodes_up = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_CLUSTER_STATS) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.stats = 1;

			parg.rsp_policy = &ftalias_cluster_stats_nest;
			parg.data = &dst->stats;
			if (ftalias_cluster_stats_parse(&parg, attr))
				return YNL_PARSE_CB_ERROR;
		}
	}

	return YNL_PARSE_CB_OK;
}

struct ftalias_cluster_get_rsp *ftalias_cluster_get(struct ynl_sock *ys)
{
	struct ynl_req_state yrs = { .yarg = { .ys = ys, }, };
	struct ftalias_cluster_get_rsp *rsp;
	struct nlmsghdr *nlh;
	int err;

	nlh = ynl_gemsg_start_req(ys, ys->family_id, FTALIAS_CMD_CLUSTER_GET, 1);
	ys->req_policy = &ftalias_cluster_nest;
	yrs.yarg.rsp_policy = &ftalias_cluster_nest;

	rsp = calloc(1, sizeof(*rsp));
	yrs.yarg.data = rsp;
	yrs.cb = ftalias_cluster_get_rsp_parse;
	yrs.rsp_cmd = FTALIAS_CMD_CLUSTER_GET;

	err = ynl_exec(ys, nlh, &yrs);
	if (err < 0)
		goto err_free;

	return rsp;

err_free:
	ftalias_cluster_get_rsp_free(rsp);
	return NULL;
}

/* ============== FTALIAS_CMD_CLUSTER_SET ============== */
/* FTALIAS_CMD_CLUSTER_SET - do */
void ftalias_cluster_set_req_free(struct ftalias_cluster_set_req *req)
{
	free(req);
}

void ftalias_cluster_set_rsp_free(struct ftalias_cluster_set_rsp *rsp)
{
	ftalias_cluster_stats_free(&rsp->stats);
	free(rsp);
}

int ftalias_cluster_set_rsp_parse(const struct nlmsghdr *nlh,
				  struct ynl_parse_arg *yarg)
{
	struct ftalias_cluster_set_rsp *dst;
	const struct nlattr *attr;
	struct ynl_parse_arg parg;

	dst = yarg->data;
	parg.ys = yarg->ys;

	ynl_attr_for_each(attr, nlh, yarg->ys->family->hdr_len) {
		unsigned int type = ynl_attr_type(attr);

		if (type == FTALIAS_A_CLUSTER_ENABLED) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.enabled = 1;
			dst->enabled = ynl_attr_get_u8(attr);
		} else if (type == FTALIAS_A_CLUSTER_NODE) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.node = 1;
			dst->node = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_CLUSTER_BOOT_ID) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.boot_id = 1;
			dst->boot_id = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_CLUSTER_NODES) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.nodes = 1;
			dst->nodes = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_CLUSTER_NODES_UP) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.nodes_up = 1;
			dst->nodes_up = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_CLUSTER_STATS) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.stats = 1;

			parg.rsp_policy = &ftalias_cluster_stats_nest;
			parg.data = &dst->stats;
			if (ftalias_cluster_stats_parse(&parg, attr))
				return YNL_PARSE_CB_ERROR;
		}
	}

	return YNL_PARSE_CB_OK;
}

struct ftalias_cluster_set_rsp *
ftalias_cluster_set(struct ynl_sock *ys, struct ftalias_cluster_set_req *req)
{
	struct ynl_req_state yrs = { .yarg = { .ys = ys, }, };
	struct ftalias_cluster_set_rsp *rsp;
	struct nlmsghdr *nlh;
	int err;

	nlh = ynl_gemsg_start_req(ys, ys->family_id, FTALIAS_CMD_CLUSTER_SET, 1);
	ys->req_policy = &ftalias_cluster_nest;
	yrs.yarg.rsp_policy = &ftalias_cluster_nest;

	if (req->_present.enabled)
		ynl_attr_put_u8(nlh, FTALIAS_A_CLUSTER_ENABLED, req->enabled);

	rsp = calloc(1, sizeof(*rsp));
	yrs.yarg.data = rsp;
	yrs.cb = ftalias_cluster_set_rsp_parse;
	yrs.rsp_cmd = FTALIAS_CMD_CLUSTER_SET;

	err = ynl_exec(ys, nlh, &yrs);
	if (err < 0)
		goto err_free;

	return rsp;

err_free:
	ftalias_cluster_set_rsp_free(rsp);
	return NULL;
}

/* ============== FTALIAS_CMD_NODE_GET ============== */
/* FTALIAS_CMD_NODE_GET - dump */
int ftalias_node_get_rsp_dump_parse(const struct nlmsghdr *nlh,
				    struct ynl_parse_arg *yarg)
{
	struct ftalias_node_get_rsp_dump *dst;
	const struct nlattr *attr;

	dst = yarg->data;

	ynl_attr_for_each(attr, nlh, yarg->ys->family->hdr_len) {
		unsigned int type = ynl_attr_type(attr);

		if (type == FTALIAS_A_NODE_ADDR) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.addr = 1;
			dst->addr = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_NODE_STATE) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.state = 1;
			dst->state = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_NODE_LINKS) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.links = 1;
			dst->links = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_NODE_PORT) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.port = 1;
			dst->port = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_NODE_BOOT_ID) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.boot_id = 1;
			dst->boot_id = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_NODE_RESTARTS) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.restarts = 1;
			dst->restarts = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_NODE_SINCE_MS) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.since_ms = 1;
			dst->since_ms = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_NODE_SELF) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.self = 1;
		}
	}

	return YNL_PARSE_CB_OK;
}

void ftalias_node_get_rsp_list_free(struct ftalias_node_get_rsp_list *rsp)
{
	struct ftalias_node_get_rsp_list *next = rsp;

	while ((void *)next != YNL_LIST_END) {
		rsp = next;
		next = rsp->next;

		free(rsp);
	}
}

struct ftalias_node_get_rsp_list *ftalias_node_get_dump(struct ynl_sock *ys)
{
	struct ynl_dump_state yds = {};
	struct nlmsghdr *nlh;
	int err;

	yds.yarg.ys = ys;
	yds.yarg.rsp_policy = &ftalias_node_nest;
	yds.yarg.data = NULL;
	yds.alloc_sz = sizeof(struct ftalias_node_get_rsp_list);
	yds.cb = ftalias_node_get_rsp_dump_parse;
	yds.rsp_cmd = FTALIAS_CMD_NODE_GET;

	nlh = ynl_gemsg_start_dump(ys, ys->family_id, FTALIAS_CMD_NODE_GET, 1);

	err = ynl_exec_dump(ys, nlh, &yds);
	if (err < 0)
		goto free_list;

	return yds.first;

free_list:
	ftalias_node_get_rsp_list_free(yds.first);
	return NULL;
}

/* FTALIAS_CMD_CONN_DROP_NTF - event */
int ftalias_conn_drop_ntf_rsp_parse(const struct nlmsghdr *nlh,
				    struct ynl_parse_arg *yarg)
{
	struct ftalias_conn_drop_ntf_rsp *dst;
	const struct nlattr *attr;

	dst = yarg->data;

	ynl_attr_for_each(attr, nlh, yarg->ys->family->hdr_len) {
		unsigned int type = ynl_attr_type(attr);

		if (type == FTALIAS_A_CONN_REASON) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.reason = 1;
			dst->reason = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_CONN_ID) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.id = 1;
			dst->id = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_CONN_SEQ) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.seq = 1;
			dst->seq = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_CONN_STATE) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.state = 1;
			dst->state = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_CONN_EST_SEC) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.est_sec = 1;
			dst->est_sec = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_CONN_EST_USEC) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.est_usec = 1;
			dst->est_usec = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_CONN_LOCAL_ALIAS) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.local_alias = 1;
			dst->local_alias = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_CONN_LISTEN_PORT) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.listen_port = 1;
			dst->listen_port = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_CONN_LOCAL_PORT) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.local_port = 1;
			dst->local_port = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_CONN_LOCAL_PID) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.local_pid = 1;
			dst->local_pid = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_CONN_LOCAL_QUEUE) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.local_queue = 1;
			dst->local_queue = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_CONN_PEER_PORT) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.peer_port = 1;
			dst->peer_port = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_CONN_PEER_PID) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.peer_pid = 1;
			dst->peer_pid = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_CONN_PEER_QUEUE) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.peer_queue = 1;
			dst->peer_queue = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_CONN_PEER_NODE) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.peer_node = 1;
			dst->peer_node = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_CONN_PEER_ALIAS) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.peer_alias = 1;
			dst->peer_alias = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_CONN_PEER_LISTEN_PORT) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.peer_listen_port = 1;
			dst->peer_listen_port = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_CONN_PEER_NAME) {
			unsigned int len;

			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;

			len = strnlen(ynl_attr_get_str(attr), ynl_attr_data_len(attr));
			dst->_present.peer_name_len = len;
			dst->peer_name = malloc(len + 1);
			memcpy(dst->peer_name, ynl_attr_get_str(attr), len);
			dst->peer_name[len] = 0;
		} else if (type == FTALIAS_A_CONN_NEW_ID) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.new_id = 1;
			dst->new_id = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_CONN_NEW_SEQ) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.new_seq = 1;
			dst->new_seq = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_CONN_NEW_EST_SEC) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.new_est_sec = 1;
			dst->new_est_sec = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_CONN_NEW_EST_USEC) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.new_est_usec = 1;
			dst->new_est_usec = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_CONN_NEW_PEER_PORT) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.new_peer_port = 1;
			dst->new_peer_port = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_CONN_NEW_PEER_PID) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.new_peer_pid = 1;
			dst->new_peer_pid = ynl_attr_get_u32(attr);
		}
	}

	return YNL_PARSE_CB_OK;
}

void ftalias_conn_drop_ntf_free(struct ftalias_conn_drop_ntf *rsp)
{
	free(rsp->obj.peer_name);
	free(rsp);
}

/* FTALIAS_CMD_NODE_CHANGE_NTF - event */
int ftalias_node_change_ntf_rsp_parse(const struct nlmsghdr *nlh,
				      struct ynl_parse_arg *yarg)
{
	struct ftalias_node_change_ntf_rsp *dst;
	const struct nlattr *attr;

	dst = yarg->data;

	ynl_attr_for_each(attr, nlh, yarg->ys->family->hdr_len) {
		unsigned int type = ynl_attr_type(attr);

		if (type == FTALIAS_A_NODE_ADDR) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.addr = 1;
			dst->addr = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_NODE_STATE) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.state = 1;
			dst->state = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_NODE_LINKS) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.links = 1;
			dst->links = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_NODE_PORT) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.port = 1;
			dst->port = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_NODE_BOOT_ID) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.boot_id = 1;
			dst->boot_id = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_NODE_RESTARTS) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.restarts = 1;
			dst->restarts = ynl_attr_get_u32(attr);
		} else if (type == FTALIAS_A_NODE_SINCE_MS) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.since_ms = 1;
			dst->since_ms = ynl_attr_get_u64(attr);
		} else if (type == FTALIAS_A_NODE_SELF) {
			if (ynl_attr_validate(yarg, attr))
				return YNL_PARSE_CB_ERROR;
			dst->_present.self = 1;
		}
	}

	return YNL_PARSE_CB_OK;
}

void ftalias_node_change_ntf_free(struct ftalias_node_change_ntf *rsp)
{
	free(rsp);
}

static const struct ynl_ntf_info ftalias_ntf_info[] =  {
	[FTALIAS_CMD_ALIAS_ADD_NTF] =  {
		.alloc_sz	= sizeof(struct ftalias_alias_get_ntf),
		.cb		= ftalias_alias_get_rsp_parse,
		.policy		= &ftalias_alias_nest,
		.free		= (void *)ftalias_alias_get_ntf_free,
	},
	[FTALIAS_CMD_ALIAS_CHANGE_NTF] =  {
		.alloc_sz	= sizeof(struct ftalias_alias_get_ntf),
		.cb		= ftalias_alias_get_rsp_parse,
		.policy		= &ftalias_alias_nest,
		.free		= (void *)ftalias_alias_get_ntf_free,
	},
	[FTALIAS_CMD_ALIAS_DEL_NTF] =  {
		.alloc_sz	= sizeof(struct ftalias_alias_get_ntf),
		.cb		= ftalias_alias_get_rsp_parse,
		.policy		= &ftalias_alias_nest,
		.free		= (void *)ftalias_alias_get_ntf_free,
	},
	[FTALIAS_CMD_MEMBER_JOIN_NTF] =  {
		.alloc_sz	= sizeof(struct ftalias_member_get_ntf),
		.cb		= ftalias_member_get_rsp_parse,
		.policy		= &ftalias_member_nest,
		.free		= (void *)ftalias_member_get_ntf_free,
	},
	[FTALIAS_CMD_MEMBER_LEAVE_NTF] =  {
		.alloc_sz	= sizeof(struct ftalias_member_get_ntf),
		.cb		= ftalias_member_get_rsp_parse,
		.policy		= &ftalias_member_nest,
		.free		= (void *)ftalias_member_get_ntf_free,
	},
	[FTALIAS_CMD_MEMBER_CHANGE_NTF] =  {
		.alloc_sz	= sizeof(struct ftalias_member_get_ntf),
		.cb		= ftalias_member_get_rsp_parse,
		.policy		= &ftalias_member_nest,
		.free		= (void *)ftalias_member_get_ntf_free,
	},
	[FTALIAS_CMD_CONN_DROP_NTF] =  {
		.alloc_sz	= sizeof(struct ftalias_conn_drop_ntf),
		.cb		= ftalias_conn_drop_ntf_rsp_parse,
		.policy		= &ftalias_conn_nest,
		.free		= (void *)ftalias_conn_drop_ntf_free,
	},
	[FTALIAS_CMD_NODE_CHANGE_NTF] =  {
		.alloc_sz	= sizeof(struct ftalias_node_change_ntf),
		.cb		= ftalias_node_change_ntf_rsp_parse,
		.policy		= &ftalias_node_nest,
		.free		= (void *)ftalias_node_change_ntf_free,
	},
};

const struct ynl_family ynl_ftalias_family =  {
	.name		= "ftalias",
	.hdr_len	= sizeof(struct genlmsghdr),
	.ntf_info	= ftalias_ntf_info,
	.ntf_info_size	= YNL_ARRAY_SIZE(ftalias_ntf_info),
};
