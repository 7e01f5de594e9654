// SPDX-License-Identifier: GPL-2.0
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/ftalias.yaml */
/* by scripts/ynl-ctl-gen.py (make regen) */

#include <stddef.h>

#include "ctl.h"

struct nla_policy ctl_alias_policy[FTALIAS_A_ALIAS_MAX + 1] = {
	[FTALIAS_A_ALIAS_ID] = { .type = NLA_U32 },
	[FTALIAS_A_ALIAS_NAME] = { .type = NLA_STRING },
	[FTALIAS_A_ALIAS_UID] = { .type = NLA_U32 },
	[FTALIAS_A_ALIAS_GID] = { .type = NLA_U32 },
	[FTALIAS_A_ALIAS_MODE] = { .type = NLA_U32 },
	[FTALIAS_A_ALIAS_POLICY] = { .type = NLA_U32 },
	[FTALIAS_A_ALIAS_GRACE_MS] = { .type = NLA_U32 },
	[FTALIAS_A_ALIAS_CACHE_MAX_ENTRIES] = { .type = NLA_U32 },
	[FTALIAS_A_ALIAS_CACHE_MAX_BYTES] = { .type = NLA_U64 },
	[FTALIAS_A_ALIAS_CACHE_TTL_MS] = { .type = NLA_U32 },
	[FTALIAS_A_ALIAS_INCARNATION] = { .type = NLA_U32 },
	[FTALIAS_A_ALIAS_MEMBERS] = { .type = NLA_U32 },
	[FTALIAS_A_ALIAS_ACTIVE_PORT] = { .type = NLA_U32 },
	[FTALIAS_A_ALIAS_PENDING] = { .type = NLA_U32 },
	[FTALIAS_A_ALIAS_HELD] = { .type = NLA_U32 },
	[FTALIAS_A_ALIAS_STATS] = { .type = NLA_NESTED },
	[FTALIAS_A_ALIAS_RECORD_REPLIES] = { .type = NLA_U8 },
	[FTALIAS_A_ALIAS_CACHE] = { .type = NLA_NESTED },
	[FTALIAS_A_ALIAS_MOVED] = { .type = NLA_FLAG },
	[FTALIAS_A_ALIAS_CKPT_SEQ] = { .type = NLA_U64 },
	[FTALIAS_A_ALIAS_CKPT_BYTES] = { .type = NLA_U64 },
	[FTALIAS_A_ALIAS_INPUT_LOG] = { .type = NLA_U8 },
	[FTALIAS_A_ALIAS_LOG_INPUTS] = { .type = NLA_U32 },
	[FTALIAS_A_ALIAS_LOG_BYTES] = { .type = NLA_U64 },
	[FTALIAS_A_ALIAS_CKPT_INPUT] = { .type = NLA_U64 },
	[FTALIAS_A_ALIAS_LOG_OUTPUTS] = { .type = NLA_U32 },
	[FTALIAS_A_ALIAS_SCOPE] = { .type = NLA_U8 },
};

struct nla_policy ctl_alias_stats_policy[FTALIAS_A_ALIAS_STATS_MAX + 1] = {
	[FTALIAS_A_ALIAS_STATS_SENT] = { .type = NLA_U64 },
	[FTALIAS_A_ALIAS_STATS_DELIVERED] = { .type = NLA_U64 },
	[FTALIAS_A_ALIAS_STATS_REDELIVERED] = { .type = NLA_U64 },
	[FTALIAS_A_ALIAS_STATS_RESENT] = { .type = NLA_U64 },
	[FTALIAS_A_ALIAS_STATS_REPLIES] = { .type = NLA_U64 },
	[FTALIAS_A_ALIAS_STATS_HELD] = { .type = NLA_U64 },
	[FTALIAS_A_ALIAS_STATS_FAILED] = { .type = NLA_U64 },
	[FTALIAS_A_ALIAS_STATS_PROMOTIONS] = { .type = NLA_U64 },
	[FTALIAS_A_ALIAS_STATS_CHECKPOINTS] = { .type = NLA_U64 },
	[FTALIAS_A_ALIAS_STATS_CKPT_LOADS] = { .type = NLA_U64 },
	[FTALIAS_A_ALIAS_STATS_INPUTS_LOGGED] = { .type = NLA_U64 },
	[FTALIAS_A_ALIAS_STATS_INPUTS_REPLAYED] = { .type = NLA_U64 },
	[FTALIAS_A_ALIAS_STATS_REPLAY_SUPPRESSED] = { .type = NLA_U64 },
	[FTALIAS_A_ALIAS_STATS_REQUESTS_REISSUED] = { .type = NLA_U64 },
};

struct nla_policy ctl_cache_stats_policy[FTALIAS_A_CACHE_STATS_MAX + 1] = {
	[FTALIAS_A_CACHE_STATS_ENTRIES] = { .type = NLA_U32 },
	[FTALIAS_A_CACHE_STATS_BYTES] = { .type = NLA_U64 },
	[FTALIAS_A_CACHE_STATS_IN_PROGRESS] = { .type = NLA_U32 },
	[FTALIAS_A_CACHE_STATS_JOURNAL] = { .type = NLA_U32 },
	[FTALIAS_A_CACHE_STATS_WAITING] = { .type = NLA_U32 },
	[FTALIAS_A_CACHE_STATS_RECORDED] = { .type = NLA_U64 },
	[FTALIAS_A_CACHE_STATS_HITS_AUTO] = { .type = NLA_U64 },
	[FTALIAS_A_CACHE_STATS_HITS_HANDLER] = { .type = NLA_U64 },
	[FTALIAS_A_CACHE_STATS_HITS_HELD] = { .type = NLA_U64 },
	[FTALIAS_A_CACHE_STATS_MISSES] = { .type = NLA_U64 },
	[FTALIAS_A_CACHE_STATS_EVICT_ACK] = { .type = NLA_U64 },
	[FTALIAS_A_CACHE_STATS_EVICT_TTL] = { .type = NLA_U64 },
	[FTALIAS_A_CACHE_STATS_EVICT_LRU] = { .type = NLA_U64 },
	[FTALIAS_A_CACHE_STATS_EVICT_SHRINK] = { .type = NLA_U64 },
	[FTALIAS_A_CACHE_STATS_EVICT_FLUSH] = { .type = NLA_U64 },
	[FTALIAS_A_CACHE_STATS_REFUSED] = { .type = NLA_U64 },
	[FTALIAS_A_CACHE_STATS_ORPHANS] = { .type = NLA_U64 },
	[FTALIAS_A_CACHE_STATS_JOURNALED] = { .type = NLA_U64 },
	[FTALIAS_A_CACHE_STATS_LONGEST_HOLD_MS] = { .type = NLA_U64 },
};

struct nla_policy ctl_member_policy[FTALIAS_A_MEMBER_MAX + 1] = {
	[FTALIAS_A_MEMBER_ALIAS_ID] = { .type = NLA_U32 },
	[FTALIAS_A_MEMBER_PORT] = { .type = NLA_U32 },
	[FTALIAS_A_MEMBER_PID] = { .type = NLA_U32 },
	[FTALIAS_A_MEMBER_PRIORITY] = { .type = NLA_U32 },
	[FTALIAS_A_MEMBER_ROLE] = { .type = NLA_U32 },
	[FTALIAS_A_MEMBER_STATE] = { .type = NLA_U32 },
	[FTALIAS_A_MEMBER_QUEUE_LEN] = { .type = NLA_U32 },
	[FTALIAS_A_MEMBER_INCARNATION] = { .type = NLA_U32 },
	[FTALIAS_A_MEMBER_DELIVERED] = { .type = NLA_U64 },
	[FTALIAS_A_MEMBER_REDELIVERED] = { .type = NLA_U64 },
	[FTALIAS_A_MEMBER_REPLIES] = { .type = NLA_U64 },
	[FTALIAS_A_MEMBER_NODE] = { .type = NLA_U32 },
};

struct nla_policy ctl_family_info_policy[FTALIAS_A_FAMILY_INFO_MAX + 1] = {
	[FTALIAS_A_FAMILY_INFO_VERSION] = { .type = NLA_U32 },
	[FTALIAS_A_FAMILY_INFO_AF_FAMILY] = { .type = NLA_U32 },
	[FTALIAS_A_FAMILY_INFO_ALIASES] = { .type = NLA_U32 },
	[FTALIAS_A_FAMILY_INFO_MAX_ALIASES] = { .type = NLA_U32 },
	[FTALIAS_A_FAMILY_INFO_CACHE_MAX_ENTRIES_LIMIT] = { .type = NLA_U32 },
	[FTALIAS_A_FAMILY_INFO_CACHE_MAX_BYTES_LIMIT] = { .type = NLA_U64 },
	[FTALIAS_A_FAMILY_INFO_CACHE_TOTAL_BYTES_LIMIT] = { .type = NLA_U64 },
	[FTALIAS_A_FAMILY_INFO_CACHE_TOTAL_BYTES] = { .type = NLA_U64 },
};

struct nla_policy ctl_id_policy[FTALIAS_A_ID_MAX + 1] = {
	[FTALIAS_A_ID_NODE] = { .type = NLA_U32 },
	[FTALIAS_A_ID_ALIAS] = { .type = NLA_U32 },
	[FTALIAS_A_ID_PORT] = { .type = NLA_U32 },
	[FTALIAS_A_ID_INCARNATION] = { .type = NLA_U32 },
	[FTALIAS_A_ID_XID] = { .type = NLA_U64 },
};

struct nla_policy ctl_cache_entry_policy[FTALIAS_A_CACHE_ENTRY_MAX + 1] = {
	[FTALIAS_A_CACHE_ENTRY_ALIAS_ID] = { .type = NLA_U32 },
	[FTALIAS_A_CACHE_ENTRY_ID] = { .type = NLA_NESTED },
	[FTALIAS_A_CACHE_ENTRY_STATE] = { .type = NLA_U32 },
	[FTALIAS_A_CACHE_ENTRY_AGE_MS] = { .type = NLA_U32 },
	[FTALIAS_A_CACHE_ENTRY_SIZE] = { .type = NLA_U32 },
	[FTALIAS_A_CACHE_ENTRY_OWNER_PORT] = { .type = NLA_U32 },
	[FTALIAS_A_CACHE_ENTRY_JOURNAL] = { .type = NLA_U32 },
};

struct nla_policy ctl_cache_flush_policy[FTALIAS_A_CACHE_FLUSH_MAX + 1] = {
	[FTALIAS_A_CACHE_FLUSH_ALIAS_ID] = { .type = NLA_U32 },
	[FTALIAS_A_CACHE_FLUSH_IN_PROGRESS] = { .type = NLA_FLAG },
	[FTALIAS_A_CACHE_FLUSH_FLUSHED] = { .type = NLA_U32 },
};

struct nla_policy ctl_journal_rec_policy[FTALIAS_A_JOURNAL_REC_MAX + 1] = {
	[FTALIAS_A_JOURNAL_REC_ALIAS_ID] = { .type = NLA_U32 },
	[FTALIAS_A_JOURNAL_REC_PARENT] = { .type = NLA_NESTED },
	[FTALIAS_A_JOURNAL_REC_ID] = { .type = NLA_NESTED },
	[FTALIAS_A_JOURNAL_REC_DEST_ALIAS] = { .type = NLA_U32 },
	[FTALIAS_A_JOURNAL_REC_REPLIED] = { .type = NLA_U8 },
	[FTALIAS_A_JOURNAL_REC_SIZE] = { .type = NLA_U32 },
};

struct nla_policy ctl_conn_policy[FTALIAS_A_CONN_MAX + 1] = {
	[FTALIAS_A_CONN_ID] = { .type = NLA_U32 },
	[FTALIAS_A_CONN_SEQ] = { .type = NLA_U64 },
	[FTALIAS_A_CONN_STATE] = { .type = NLA_U32 },
	[FTALIAS_A_CONN_EST_SEC] = { .type = NLA_U64 },
	[FTALIAS_A_CONN_EST_USEC] = { .type = NLA_U32 },
	[FTALIAS_A_CONN_LOCAL_ALIAS] = { .type = NLA_U32 },
	[FTALIAS_A_CONN_LISTEN_PORT] = { .type = NLA_U32 },
	[FTALIAS_A_CONN_LOCAL_PORT] = { .type = NLA_U32 },
	[FTALIAS_A_CONN_LOCAL_PID] = { .type = NLA_U32 },
	[FTALIAS_A_CONN_LOCAL_QUEUE] = { .type = NLA_U32 },
	[FTALIAS_A_CONN_PEER_PORT] = { .type = NLA_U32 },
	[FTALIAS_A_CONN_PEER_PID] = { .type = NLA_U32 },
	[FTALIAS_A_CONN_PEER_QUEUE] = { .type = NLA_U32 },
	[FTALIAS_A_CONN_PEER_NODE] = { .type = NLA_U32 },
	[FTALIAS_A_CONN_PEER_ALIAS] = { .type = NLA_U32 },
	[FTALIAS_A_CONN_PEER_LISTEN_PORT] = { .type = NLA_U32 },
	[FTALIAS_A_CONN_PEER_NAME] = { .type = NLA_STRING },
	[FTALIAS_A_CONN_REASON] = { .type = NLA_U32 },
	[FTALIAS_A_CONN_NEW_ID] = { .type = NLA_U32 },
	[FTALIAS_A_CONN_NEW_SEQ] = { .type = NLA_U64 },
	[FTALIAS_A_CONN_NEW_EST_SEC] = { .type = NLA_U64 },
	[FTALIAS_A_CONN_NEW_EST_USEC] = { .type = NLA_U32 },
	[FTALIAS_A_CONN_NEW_PEER_PORT] = { .type = NLA_U32 },
	[FTALIAS_A_CONN_NEW_PEER_PID] = { .type = NLA_U32 },
};

struct nla_policy ctl_save_policy[FTALIAS_A_SAVE_MAX + 1] = {
	[FTALIAS_A_SAVE_ALIAS_ID] = { .type = NLA_U32 },
	[FTALIAS_A_SAVE_CRC] = { .type = NLA_U32 },
	[FTALIAS_A_SAVE_HEADER] = { .type = NLA_NESTED },
	[FTALIAS_A_SAVE_ALIAS] = { .type = NLA_NESTED },
	[FTALIAS_A_SAVE_IDS] = { .type = NLA_NESTED },
	[FTALIAS_A_SAVE_DSTS] = { .type = NLA_UNSPEC },
	[FTALIAS_A_SAVE_ENTRY] = { .type = NLA_NESTED },
	[FTALIAS_A_SAVE_DATA] = { .type = NLA_UNSPEC },
	[FTALIAS_A_SAVE_JREC] = { .type = NLA_NESTED },
	[FTALIAS_A_SAVE_CLIENT] = { .type = NLA_NESTED },
	[FTALIAS_A_SAVE_TRAILER] = { .type = NLA_NESTED },
	[FTALIAS_A_SAVE_HANDLE] = { .type = NLA_U32 },
	[FTALIAS_A_SAVE_NEW_NAME] = { .type = NLA_STRING },
	[FTALIAS_A_SAVE_NEW_ID] = { .type = NLA_U32 },
	[FTALIAS_A_SAVE_REQUEST] = { .type = NLA_NESTED },
	[FTALIAS_A_SAVE_HELD] = { .type = NLA_NESTED },
	[FTALIAS_A_SAVE_MOVE] = { .type = NLA_FLAG },
	[FTALIAS_A_SAVE_CHECKPOINT] = { .type = NLA_NESTED },
	[FTALIAS_A_SAVE_INPUT] = { .type = NLA_NESTED },
	[FTALIAS_A_SAVE_OUTPUT] = { .type = NLA_NESTED },
};

struct nla_policy ctl_save_header_policy[FTALIAS_A_SAVE_HEADER_MAX + 1] = {
	[FTALIAS_A_SAVE_HEADER_VERSION] = { .type = NLA_U32 },
	[FTALIAS_A_SAVE_HEADER_DROPPED] = { .type = NLA_U32 },
	[FTALIAS_A_SAVE_HEADER_FREEZE_US] = { .type = NLA_U32 },
};

struct nla_policy ctl_save_ids_policy[FTALIAS_A_SAVE_IDS_MAX + 1] = {
	[FTALIAS_A_SAVE_IDS_XID] = { .type = NLA_U64 },
	[FTALIAS_A_SAVE_IDS_ACK] = { .type = NLA_U64 },
	[FTALIAS_A_SAVE_IDS_COOKIE] = { .type = NLA_U64 },
};

struct nla_policy ctl_save_entry_policy[FTALIAS_A_SAVE_ENTRY_MAX + 1] = {
	[FTALIAS_A_SAVE_ENTRY_KEY] = { .type = NLA_UNSPEC },
	[FTALIAS_A_SAVE_ENTRY_STATE] = { .type = NLA_U32 },
	[FTALIAS_A_SAVE_ENTRY_AGE_MS] = { .type = NLA_U32 },
	[FTALIAS_A_SAVE_ENTRY_LEN] = { .type = NLA_U32 },
	[FTALIAS_A_SAVE_ENTRY_SRC_PORT] = { .type = NLA_U32 },
	[FTALIAS_A_SAVE_ENTRY_SRC_ALIAS] = { .type = NLA_U32 },
	[FTALIAS_A_SAVE_ENTRY_PAYLOAD] = { .type = NLA_UNSPEC },
};

struct nla_policy ctl_save_jrec_policy[FTALIAS_A_SAVE_JREC_MAX + 1] = {
	[FTALIAS_A_SAVE_JREC_KEY] = { .type = NLA_UNSPEC },
	[FTALIAS_A_SAVE_JREC_DEST_ALIAS] = { .type = NLA_U32 },
	[FTALIAS_A_SAVE_JREC_REPLIED] = { .type = NLA_FLAG },
	[FTALIAS_A_SAVE_JREC_LEN] = { .type = NLA_U32 },
	[FTALIAS_A_SAVE_JREC_PAYLOAD] = { .type = NLA_UNSPEC },
};

struct nla_policy ctl_save_client_policy[FTALIAS_A_SAVE_CLIENT_MAX + 1] = {
	[FTALIAS_A_SAVE_CLIENT_NODE] = { .type = NLA_U32 },
	[FTALIAS_A_SAVE_CLIENT_ALIAS] = { .type = NLA_U32 },
	[FTALIAS_A_SAVE_CLIENT_ACKED] = { .type = NLA_U64 },
	[FTALIAS_A_SAVE_CLIENT_COOKIE] = { .type = NLA_U64 },
};

struct nla_policy ctl_save_request_policy[FTALIAS_A_SAVE_REQUEST_MAX + 1] = {
	[FTALIAS_A_SAVE_REQUEST_KEY] = { .type = NLA_UNSPEC },
	[FTALIAS_A_SAVE_REQUEST_DEST_ALIAS] = { .type = NLA_U32 },
	[FTALIAS_A_SAVE_REQUEST_DELIVERED] = { .type = NLA_FLAG },
	[FTALIAS_A_SAVE_REQUEST_LEN] = { .type = NLA_U32 },
	[FTALIAS_A_SAVE_REQUEST_PAYLOAD] = { .type = NLA_UNSPEC },
	[FTALIAS_A_SAVE_REQUEST_DEST_COOKIE] = { .type = NLA_U64 },
};

struct nla_policy ctl_save_held_policy[FTALIAS_A_SAVE_HELD_MAX + 1] = {
	[FTALIAS_A_SAVE_HELD_KEY] = { .type = NLA_UNSPEC },
	[FTALIAS_A_SAVE_HELD_ERR] = { .type = NLA_U32 },
	[FTALIAS_A_SAVE_HELD_SRC_PORT] = { .type = NLA_U32 },
	[FTALIAS_A_SAVE_HELD_SRC_ALIAS] = { .type = NLA_U32 },
	[FTALIAS_A_SAVE_HELD_FLAGS] = { .type = NLA_U32 },
	[FTALIAS_A_SAVE_HELD_LEN] = { .type = NLA_U32 },
	[FTALIAS_A_SAVE_HELD_PAYLOAD] = { .type = NLA_UNSPEC },
};

struct nla_policy ctl_save_trailer_policy[FTALIAS_A_SAVE_TRAILER_MAX + 1] = {
	[FTALIAS_A_SAVE_TRAILER_ENTRIES] = { .type = NLA_U32 },
	[FTALIAS_A_SAVE_TRAILER_JRECS] = { .type = NLA_U32 },
	[FTALIAS_A_SAVE_TRAILER_CLIENTS] = { .type = NLA_U32 },
	[FTALIAS_A_SAVE_TRAILER_BYTES] = { .type = NLA_U64 },
	[FTALIAS_A_SAVE_TRAILER_REQUESTS] = { .type = NLA_U32 },
	[FTALIAS_A_SAVE_TRAILER_HELD] = { .type = NLA_U32 },
	[FTALIAS_A_SAVE_TRAILER_CKPT_BYTES] = { .type = NLA_U64 },
	[FTALIAS_A_SAVE_TRAILER_INPUTS] = { .type = NLA_U32 },
	[FTALIAS_A_SAVE_TRAILER_OUTPUTS] = { .type = NLA_U32 },
};

struct nla_policy ctl_save_checkpoint_policy[FTALIAS_A_SAVE_CHECKPOINT_MAX + 1] = {
	[FTALIAS_A_SAVE_CHECKPOINT_SEQ] = { .type = NLA_U64 },
	[FTALIAS_A_SAVE_CHECKPOINT_LEN] = { .type = NLA_U64 },
	[FTALIAS_A_SAVE_CHECKPOINT_PAYLOAD] = { .type = NLA_UNSPEC },
	[FTALIAS_A_SAVE_CHECKPOINT_INPUT] = { .type = NLA_U64 },
};

struct nla_policy ctl_save_input_policy[FTALIAS_A_SAVE_INPUT_MAX + 1] = {
	[FTALIAS_A_SAVE_INPUT_SEQ] = { .type = NLA_U64 },
	[FTALIAS_A_SAVE_INPUT_KEY] = { .type = NLA_UNSPEC },
	[FTALIAS_A_SAVE_INPUT_FLAGS] = { .type = NLA_U32 },
	[FTALIAS_A_SAVE_INPUT_SRC_PORT] = { .type = NLA_U32 },
	[FTALIAS_A_SAVE_INPUT_SRC_ALIAS] = { .type = NLA_U32 },
	[FTALIAS_A_SAVE_INPUT_ARG_LEN] = { .type = NLA_U32 },
	[FTALIAS_A_SAVE_INPUT_PENDING] = { .type = NLA_FLAG },
	[FTALIAS_A_SAVE_INPUT_LEN] = { .type = NLA_U32 },
	[FTALIAS_A_SAVE_INPUT_PAYLOAD] = { .type = NLA_UNSPEC },
};

struct nla_policy ctl_save_output_policy[FTALIAS_A_SAVE_OUTPUT_MAX + 1] = {
	[FTALIAS_A_SAVE_OUTPUT_KEY] = { .type = NLA_UNSPEC },
	[FTALIAS_A_SAVE_OUTPUT_DST] = { .type = NLA_U32 },
	[FTALIAS_A_SAVE_OUTPUT_LEN] = { .type = NLA_U32 },
	[FTALIAS_A_SAVE_OUTPUT_SUM] = { .type = NLA_U32 },
};

struct nla_policy ctl_cluster_policy[FTALIAS_A_CLUSTER_MAX + 1] = {
	[FTALIAS_A_CLUSTER_ENABLED] = { .type = NLA_U8 },
	[FTALIAS_A_CLUSTER_NODE] = { .type = NLA_U32 },
	[FTALIAS_A_CLUSTER_BOOT_ID] = { .type = NLA_U64 },
	[FTALIAS_A_CLUSTER_NODES] = { .type = NLA_U32 },
	[FTALIAS_A_CLUSTER_NODES_UP] = { .type = NLA_U32 },
	[FTALIAS_A_CLUSTER_STATS] = { .type = NLA_NESTED },
};

struct nla_policy ctl_cluster_stats_policy[FTALIAS_A_CLUSTER_STATS_MAX + 1] = {
	[FTALIAS_A_CLUSTER_STATS_TX] = { .type = NLA_U64 },
	[FTALIAS_A_CLUSTER_STATS_TX_ERRORS] = { .type = NLA_U64 },
	[FTALIAS_A_CLUSTER_STATS_RX] = { .type = NLA_U64 },
	[FTALIAS_A_CLUSTER_STATS_RX_BAD] = { .type = NLA_U64 },
	[FTALIAS_A_CLUSTER_STATS_RX_REFUSED] = { .type = NLA_U64 },
	[FTALIAS_A_CLUSTER_STATS_RESTARTS] = { .type = NLA_U64 },
	[FTALIAS_A_CLUSTER_STATS_TOPOLOGY_EVENTS] = { .type = NLA_U64 },
	[FTALIAS_A_CLUSTER_STATS_REQ_TX] = { .type = NLA_U64 },
	[FTALIAS_A_CLUSTER_STATS_REQ_RX] = { .type = NLA_U64 },
	[FTALIAS_A_CLUSTER_STATS_REPLY_TX] = { .type = NLA_U64 },
	[FTALIAS_A_CLUSTER_STATS_REPLY_RX] = { .type = NLA_U64 },
	[FTALIAS_A_CLUSTER_STATS_NACK_TX] = { .type = NLA_U64 },
	[FTALIAS_A_CLUSTER_STATS_NACK_RX] = { .type = NLA_U64 },
	[FTALIAS_A_CLUSTER_STATS_RX_STALE] = { .type = NLA_U64 },
};

struct nla_policy ctl_node_policy[FTALIAS_A_NODE_MAX + 1] = {
	[FTALIAS_A_NODE_ADDR] = { .type = NLA_U32 },
	[FTALIAS_A_NODE_STATE] = { .type = NLA_U32 },
	[FTALIAS_A_NODE_LINKS] = { .type = NLA_U32 },
	[FTALIAS_A_NODE_PORT] = { .type = NLA_U32 },
	[FTALIAS_A_NODE_BOOT_ID] = { .type = NLA_U64 },
	[FTALIAS_A_NODE_RESTARTS] = { .type = NLA_U32 },
	[FTALIAS_A_NODE_SINCE_MS] = { .type = NLA_U64 },
	[FTALIAS_A_NODE_SELF] = { .type = NLA_FLAG },
};

const char *const ctl_promotion_policy_names[FTALIAS_PROMOTION_POLICY_MANUAL + 1] = {
	[FTALIAS_PROMOTION_POLICY_AUTO] = "auto",
	[FTALIAS_PROMOTION_POLICY_MANUAL] = "manual",
};

const struct keyword ctl_promotion_policy_kw[] = {
	{ "auto", FTALIAS_PROMOTION_POLICY_AUTO },
	{ "manual", FTALIAS_PROMOTION_POLICY_MANUAL },
	{ NULL, 0 }
};

const char *const ctl_member_role_names[FTALIAS_MEMBER_ROLE_STANDBY + 1] = {
	[FTALIAS_MEMBER_ROLE_REPLICA] = "replica",
	[FTALIAS_MEMBER_ROLE_STANDBY] = "standby",
};

const struct keyword ctl_member_role_kw[] = {
	{ "replica", FTALIAS_MEMBER_ROLE_REPLICA },
	{ "standby", FTALIAS_MEMBER_ROLE_STANDBY },
	{ NULL, 0 }
};

const char *const ctl_member_state_names[FTALIAS_MEMBER_STATE_DRAINING + 1] = {
	[FTALIAS_MEMBER_STATE_ACTIVE] = "active",
	[FTALIAS_MEMBER_STATE_BACKUP] = "backup",
	[FTALIAS_MEMBER_STATE_DRAINING] = "draining",
};

const struct keyword ctl_member_state_kw[] = {
	{ "active", FTALIAS_MEMBER_STATE_ACTIVE },
	{ "backup", FTALIAS_MEMBER_STATE_BACKUP },
	{ "draining", FTALIAS_MEMBER_STATE_DRAINING },
	{ NULL, 0 }
};

const char *const ctl_cache_state_names[FTALIAS_CACHE_STATE_HANDLER + 1] = {
	[FTALIAS_CACHE_STATE_IN_PROGRESS] = "in-progress",
	[FTALIAS_CACHE_STATE_AUTO_REPLY] = "auto-reply",
	[FTALIAS_CACHE_STATE_HANDLER] = "handler",
};

const struct keyword ctl_cache_state_kw[] = {
	{ "in-progress", FTALIAS_CACHE_STATE_IN_PROGRESS },
	{ "auto-reply", FTALIAS_CACHE_STATE_AUTO_REPLY },
	{ "handler", FTALIAS_CACHE_STATE_HANDLER },
	{ NULL, 0 }
};

const char *const ctl_conn_state_names[FTALIAS_CONN_STATE_ESTABLISHED + 1] = {
	[FTALIAS_CONN_STATE_PENDING] = "pending",
	[FTALIAS_CONN_STATE_ESTABLISHED] = "established",
};

const struct keyword ctl_conn_state_kw[] = {
	{ "pending", FTALIAS_CONN_STATE_PENDING },
	{ "established", FTALIAS_CONN_STATE_ESTABLISHED },
	{ NULL, 0 }
};

const char *const ctl_conn_drop_reason_names[FTALIAS_CONN_DROP_REASON_ADMIN + 1] = {
	[FTALIAS_CONN_DROP_REASON_STALE] = "stale",
	[FTALIAS_CONN_DROP_REASON_ADMIN] = "admin",
};

const struct keyword ctl_conn_drop_reason_kw[] = {
	{ "stale", FTALIAS_CONN_DROP_REASON_STALE },
	{ "admin", FTALIAS_CONN_DROP_REASON_ADMIN },
	{ NULL, 0 }
};

const char *const ctl_node_state_names[FTALIAS_NODE_STATE_CONFLICT + 1] = {
	[FTALIAS_NODE_STATE_REACHABLE] = "reachable",
	[FTALIAS_NODE_STATE_JOINING] = "joining",
	[FTALIAS_NODE_STATE_UP] = "up",
	[FTALIAS_NODE_STATE_DOWN] = "down",
	[FTALIAS_NODE_STATE_CONFLICT] = "conflict",
};

const struct keyword ctl_node_state_kw[] = {
	{ "reachable", FTALIAS_NODE_STATE_REACHABLE },
	{ "joining", FTALIAS_NODE_STATE_JOINING },
	{ "up", FTALIAS_NODE_STATE_UP },
	{ "down", FTALIAS_NODE_STATE_DOWN },
	{ "conflict", FTALIAS_NODE_STATE_CONFLICT },
	{ NULL, 0 }
};

const char *const ctl_alias_scope_names[FTALIAS_ALIAS_SCOPE_CLUSTER + 1] = {
	[FTALIAS_ALIAS_SCOPE_LOCAL] = "local",
	[FTALIAS_ALIAS_SCOPE_CLUSTER] = "cluster",
};

const struct keyword ctl_alias_scope_kw[] = {
	{ "local", FTALIAS_ALIAS_SCOPE_LOCAL },
	{ "cluster", FTALIAS_ALIAS_SCOPE_CLUSTER },
	{ NULL, 0 }
};

const char *const ctl_op_names[FTALIAS_CMD_MAX + 1] = {
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
