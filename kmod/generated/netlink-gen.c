// SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause)
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/ftalias.yaml */
/* YNL-GEN kernel source */

#include <net/netlink.h>
#include <net/genetlink.h>

#include "netlink-gen.h"

#include <uapi/linux/ftalias_genl.h>

/* Integer value ranges */
static const struct netlink_range_validation ftalias_a_alias_grace_ms_range = {
	.max	= FTALIAS_GRACE_MS_MAX,
};

static const struct netlink_range_validation ftalias_a_alias_cache_ttl_ms_range = {
	.min	= 1ULL,
	.max	= FTALIAS_CACHE_TTL_MS_MAX,
};

/* Common nested types */
const struct nla_policy ftalias_alias_stats_nl_policy[FTALIAS_A_ALIAS_STATS_REQUESTS_REISSUED + 1] = {
	[FTALIAS_A_ALIAS_STATS_SENT] = { .type = NLA_U64, },
	[FTALIAS_A_ALIAS_STATS_DELIVERED] = { .type = NLA_U64, },
	[FTALIAS_A_ALIAS_STATS_REDELIVERED] = { .type = NLA_U64, },
	[FTALIAS_A_ALIAS_STATS_RESENT] = { .type = NLA_U64, },
	[FTALIAS_A_ALIAS_STATS_REPLIES] = { .type = NLA_U64, },
	[FTALIAS_A_ALIAS_STATS_HELD] = { .type = NLA_U64, },
	[FTALIAS_A_ALIAS_STATS_FAILED] = { .type = NLA_U64, },
	[FTALIAS_A_ALIAS_STATS_PROMOTIONS] = { .type = NLA_U64, },
	[FTALIAS_A_ALIAS_STATS_CHECKPOINTS] = { .type = NLA_U64, },
	[FTALIAS_A_ALIAS_STATS_CKPT_LOADS] = { .type = NLA_U64, },
	[FTALIAS_A_ALIAS_STATS_INPUTS_LOGGED] = { .type = NLA_U64, },
	[FTALIAS_A_ALIAS_STATS_INPUTS_REPLAYED] = { .type = NLA_U64, },
	[FTALIAS_A_ALIAS_STATS_REPLAY_SUPPRESSED] = { .type = NLA_U64, },
	[FTALIAS_A_ALIAS_STATS_REQUESTS_REISSUED] = { .type = NLA_U64, },
};

const struct nla_policy ftalias_cache_stats_nl_policy[FTALIAS_A_CACHE_STATS_PAD + 1] = {
	[FTALIAS_A_CACHE_STATS_ENTRIES] = { .type = NLA_U32, },
	[FTALIAS_A_CACHE_STATS_BYTES] = { .type = NLA_U64, },
	[FTALIAS_A_CACHE_STATS_IN_PROGRESS] = { .type = NLA_U32, },
	[FTALIAS_A_CACHE_STATS_JOURNAL] = { .type = NLA_U32, },
	[FTALIAS_A_CACHE_STATS_WAITING] = { .type = NLA_U32, },
	[FTALIAS_A_CACHE_STATS_RECORDED] = { .type = NLA_U64, },
	[FTALIAS_A_CACHE_STATS_HITS_AUTO] = { .type = NLA_U64, },
	[FTALIAS_A_CACHE_STATS_HITS_HANDLER] = { .type = NLA_U64, },
	[FTALIAS_A_CACHE_STATS_HITS_HELD] = { .type = NLA_U64, },
	[FTALIAS_A_CACHE_STATS_MISSES] = { .type = NLA_U64, },
	[FTALIAS_A_CACHE_STATS_EVICT_ACK] = { .type = NLA_U64, },
	[FTALIAS_A_CACHE_STATS_EVICT_TTL] = { .type = NLA_U64, },
	[FTALIAS_A_CACHE_STATS_EVICT_LRU] = { .type = NLA_U64, },
	[FTALIAS_A_CACHE_STATS_EVICT_SHRINK] = { .type = NLA_U64, },
	[FTALIAS_A_CACHE_STATS_EVICT_FLUSH] = { .type = NLA_U64, },
	[FTALIAS_A_CACHE_STATS_REFUSED] = { .type = NLA_U64, },
	[FTALIAS_A_CACHE_STATS_ORPHANS] = { .type = NLA_U64, },
	[FTALIAS_A_CACHE_STATS_JOURNALED] = { .type = NLA_U64, },
	[FTALIAS_A_CACHE_STATS_LONGEST_HOLD_MS] = { .type = NLA_U64, },
};

const struct nla_policy ftalias_save_alias_nl_policy[FTALIAS_A_ALIAS_SCOPE + 1] = {
	[FTALIAS_A_ALIAS_ID] = NLA_POLICY_MIN(NLA_U32, 1),
	[FTALIAS_A_ALIAS_NAME] = { .type = NLA_NUL_STRING, .len = FTALIAS_NAME_MAX_LEN, },
	[FTALIAS_A_ALIAS_UID] = { .type = NLA_U32, },
	[FTALIAS_A_ALIAS_GID] = { .type = NLA_U32, },
	[FTALIAS_A_ALIAS_MODE] = NLA_POLICY_MAX(NLA_U32, FTALIAS_MODE_MAX),
	[FTALIAS_A_ALIAS_POLICY] = NLA_POLICY_MAX(NLA_U32, 1),
	[FTALIAS_A_ALIAS_GRACE_MS] = NLA_POLICY_FULL_RANGE(NLA_U32, &ftalias_a_alias_grace_ms_range),
	[FTALIAS_A_ALIAS_CACHE_MAX_ENTRIES] = NLA_POLICY_MIN(NLA_U32, 1),
	[FTALIAS_A_ALIAS_CACHE_MAX_BYTES] = NLA_POLICY_MIN(NLA_U64, 1),
	[FTALIAS_A_ALIAS_CACHE_TTL_MS] = NLA_POLICY_FULL_RANGE(NLA_U32, &ftalias_a_alias_cache_ttl_ms_range),
	[FTALIAS_A_ALIAS_INCARNATION] = { .type = NLA_U32, },
	[FTALIAS_A_ALIAS_MEMBERS] = { .type = NLA_U32, },
	[FTALIAS_A_ALIAS_ACTIVE_PORT] = { .type = NLA_U32, },
	[FTALIAS_A_ALIAS_PENDING] = { .type = NLA_U32, },
	[FTALIAS_A_ALIAS_HELD] = { .type = NLA_U32, },
	[FTALIAS_A_ALIAS_STATS] = NLA_POLICY_NESTED(ftalias_alias_stats_nl_policy),
	[FTALIAS_A_ALIAS_RECORD_REPLIES] = NLA_POLICY_MAX(NLA_U8, 1),
	[FTALIAS_A_ALIAS_CACHE] = NLA_POLICY_NESTED(ftalias_cache_stats_nl_policy),
	[FTALIAS_A_ALIAS_CKPT_SEQ] = { .type = NLA_U64, },
	[FTALIAS_A_ALIAS_CKPT_BYTES] = { .type = NLA_U64, },
	[FTALIAS_A_ALIAS_INPUT_LOG] = NLA_POLICY_MAX(NLA_U8, 1),
	[FTALIAS_A_ALIAS_LOG_INPUTS] = { .type = NLA_U32, },
	[FTALIAS_A_ALIAS_LOG_BYTES] = { .type = NLA_U64, },
	[FTALIAS_A_ALIAS_CKPT_INPUT] = { .type = NLA_U64, },
	[FTALIAS_A_ALIAS_SCOPE] = NLA_POLICY_MAX(NLA_U8, 1),
};

const struct nla_policy ftalias_save_checkpoint_nl_policy[FTALIAS_A_SAVE_CHECKPOINT_INPUT + 1] = {
	[FTALIAS_A_SAVE_CHECKPOINT_SEQ] = { .type = NLA_U64, },
	[FTALIAS_A_SAVE_CHECKPOINT_LEN] = { .type = NLA_U64, },
	[FTALIAS_A_SAVE_CHECKPOINT_PAYLOAD] = { .type = NLA_BINARY, },
	[FTALIAS_A_SAVE_CHECKPOINT_INPUT] = { .type = NLA_U64, },
};

const struct nla_policy ftalias_save_client_nl_policy[FTALIAS_A_SAVE_CLIENT_COOKIE + 1] = {
	[FTALIAS_A_SAVE_CLIENT_NODE] = { .type = NLA_U32, },
	[FTALIAS_A_SAVE_CLIENT_ALIAS] = { .type = NLA_U32, },
	[FTALIAS_A_SAVE_CLIENT_ACKED] = { .type = NLA_U64, },
	[FTALIAS_A_SAVE_CLIENT_COOKIE] = NLA_POLICY_MIN(NLA_U64, 1),
};

const struct nla_policy ftalias_save_entry_nl_policy[FTALIAS_A_SAVE_ENTRY_PAYLOAD + 1] = {
	[FTALIAS_A_SAVE_ENTRY_KEY] = NLA_POLICY_EXACT_LEN(24),
	[FTALIAS_A_SAVE_ENTRY_STATE] = NLA_POLICY_RANGE(NLA_U32, 1, 3),
	[FTALIAS_A_SAVE_ENTRY_AGE_MS] = { .type = NLA_U32, },
	[FTALIAS_A_SAVE_ENTRY_LEN] = { .type = NLA_U32, },
	[FTALIAS_A_SAVE_ENTRY_SRC_PORT] = { .type = NLA_U32, },
	[FTALIAS_A_SAVE_ENTRY_SRC_ALIAS] = { .type = NLA_U32, },
	[FTALIAS_A_SAVE_ENTRY_PAYLOAD] = { .type = NLA_BINARY, },
};

const struct nla_policy ftalias_save_header_nl_policy[FTALIAS_A_SAVE_HEADER_FREEZE_US + 1] = {
	[FTALIAS_A_SAVE_HEADER_VERSION] = { .type = NLA_U32, },
	[FTALIAS_A_SAVE_HEADER_DROPPED] = { .type = NLA_U32, },
	[FTALIAS_A_SAVE_HEADER_FREEZE_US] = { .type = NLA_U32, },
};

const struct nla_policy ftalias_save_held_nl_policy[FTALIAS_A_SAVE_HELD_PAYLOAD + 1] = {
	[FTALIAS_A_SAVE_HELD_KEY] = NLA_POLICY_EXACT_LEN(24),
	[FTALIAS_A_SAVE_HELD_ERR] = { .type = NLA_U32, },
	[FTALIAS_A_SAVE_HELD_SRC_PORT] = { .type = NLA_U32, },
	[FTALIAS_A_SAVE_HELD_SRC_ALIAS] = { .type = NLA_U32, },
	[FTALIAS_A_SAVE_HELD_FLAGS] = { .type = NLA_U32, },
	[FTALIAS_A_SAVE_HELD_LEN] = { .type = NLA_U32, },
	[FTALIAS_A_SAVE_HELD_PAYLOAD] = { .type = NLA_BINARY, },
};

const struct nla_policy ftalias_save_ids_nl_policy[FTALIAS_A_SAVE_IDS_COOKIE + 1] = {
	[FTALIAS_A_SAVE_IDS_XID] = { .type = NLA_U64, },
	[FTALIAS_A_SAVE_IDS_ACK] = { .type = NLA_U64, },
	[FTALIAS_A_SAVE_IDS_COOKIE] = NLA_POLICY_MIN(NLA_U64, 1),
};

const struct nla_policy ftalias_save_input_nl_policy[FTALIAS_A_SAVE_INPUT_PAD + 1] = {
	[FTALIAS_A_SAVE_INPUT_SEQ] = { .type = NLA_U64, },
	[FTALIAS_A_SAVE_INPUT_KEY] = { .type = NLA_BINARY, },
	[FTALIAS_A_SAVE_INPUT_FLAGS] = { .type = NLA_U32, },
	[FTALIAS_A_SAVE_INPUT_SRC_PORT] = { .type = NLA_U32, },
	[FTALIAS_A_SAVE_INPUT_SRC_ALIAS] = { .type = NLA_U32, },
	[FTALIAS_A_SAVE_INPUT_ARG_LEN] = { .type = NLA_U32, },
	[FTALIAS_A_SAVE_INPUT_PENDING] = { .type = NLA_FLAG, },
	[FTALIAS_A_SAVE_INPUT_LEN] = { .type = NLA_U32, },
	[FTALIAS_A_SAVE_INPUT_PAYLOAD] = { .type = NLA_BINARY, },
};

const struct nla_policy ftalias_save_jrec_nl_policy[FTALIAS_A_SAVE_JREC_PAYLOAD + 1] = {
	[FTALIAS_A_SAVE_JREC_KEY] = NLA_POLICY_EXACT_LEN(24),
	[FTALIAS_A_SAVE_JREC_DEST_ALIAS] = { .type = NLA_U32, },
	[FTALIAS_A_SAVE_JREC_REPLIED] = { .type = NLA_FLAG, },
	[FTALIAS_A_SAVE_JREC_LEN] = { .type = NLA_U32, },
	[FTALIAS_A_SAVE_JREC_PAYLOAD] = { .type = NLA_BINARY, },
};

const struct nla_policy ftalias_save_output_nl_policy[FTALIAS_A_SAVE_OUTPUT_SUM + 1] = {
	[FTALIAS_A_SAVE_OUTPUT_KEY] = { .type = NLA_BINARY, },
	[FTALIAS_A_SAVE_OUTPUT_DST] = { .type = NLA_U32, },
	[FTALIAS_A_SAVE_OUTPUT_LEN] = { .type = NLA_U32, },
	[FTALIAS_A_SAVE_OUTPUT_SUM] = { .type = NLA_U32, },
};

const struct nla_policy ftalias_save_request_nl_policy[FTALIAS_A_SAVE_REQUEST_PAD + 1] = {
	[FTALIAS_A_SAVE_REQUEST_KEY] = NLA_POLICY_EXACT_LEN(24),
	[FTALIAS_A_SAVE_REQUEST_DEST_ALIAS] = NLA_POLICY_MIN(NLA_U32, 1),
	[FTALIAS_A_SAVE_REQUEST_DELIVERED] = { .type = NLA_FLAG, },
	[FTALIAS_A_SAVE_REQUEST_LEN] = { .type = NLA_U32, },
	[FTALIAS_A_SAVE_REQUEST_PAYLOAD] = { .type = NLA_BINARY, },
	[FTALIAS_A_SAVE_REQUEST_DEST_COOKIE] = NLA_POLICY_MIN(NLA_U64, 1),
};

const struct nla_policy ftalias_save_trailer_nl_policy[FTALIAS_A_SAVE_TRAILER_OUTPUTS + 1] = {
	[FTALIAS_A_SAVE_TRAILER_ENTRIES] = { .type = NLA_U32, },
	[FTALIAS_A_SAVE_TRAILER_JRECS] = { .type = NLA_U32, },
	[FTALIAS_A_SAVE_TRAILER_CLIENTS] = { .type = NLA_U32, },
	[FTALIAS_A_SAVE_TRAILER_BYTES] = { .type = NLA_U64, },
	[FTALIAS_A_SAVE_TRAILER_REQUESTS] = { .type = NLA_U32, },
	[FTALIAS_A_SAVE_TRAILER_HELD] = { .type = NLA_U32, },
	[FTALIAS_A_SAVE_TRAILER_CKPT_BYTES] = { .type = NLA_U64, },
	[FTALIAS_A_SAVE_TRAILER_INPUTS] = { .type = NLA_U32, },
	[FTALIAS_A_SAVE_TRAILER_OUTPUTS] = { .type = NLA_U32, },
};

/* FTALIAS_CMD_ALIAS_GET - do */
static const struct nla_policy ftalias_alias_get_nl_policy[FTALIAS_A_ALIAS_NAME + 1] = {
	[FTALIAS_A_ALIAS_ID] = NLA_POLICY_MIN(NLA_U32, 1),
	[FTALIAS_A_ALIAS_NAME] = { .type = NLA_NUL_STRING, .len = FTALIAS_NAME_MAX_LEN, },
};

/* FTALIAS_CMD_ALIAS_NEW - do */
static const struct nla_policy ftalias_alias_new_nl_policy[FTALIAS_A_ALIAS_SCOPE + 1] = {
	[FTALIAS_A_ALIAS_ID] = NLA_POLICY_MIN(NLA_U32, 1),
	[FTALIAS_A_ALIAS_NAME] = { .type = NLA_NUL_STRING, .len = FTALIAS_NAME_MAX_LEN, },
	[FTALIAS_A_ALIAS_UID] = { .type = NLA_U32, },
	[FTALIAS_A_ALIAS_GID] = { .type = NLA_U32, },
	[FTALIAS_A_ALIAS_MODE] = NLA_POLICY_MAX(NLA_U32, FTALIAS_MODE_MAX),
	[FTALIAS_A_ALIAS_POLICY] = NLA_POLICY_MAX(NLA_U32, 1),
	[FTALIAS_A_ALIAS_GRACE_MS] = NLA_POLICY_FULL_RANGE(NLA_U32, &ftalias_a_alias_grace_ms_range),
	[FTALIAS_A_ALIAS_CACHE_MAX_ENTRIES] = NLA_POLICY_MIN(NLA_U32, 1),
	[FTALIAS_A_ALIAS_CACHE_MAX_BYTES] = NLA_POLICY_MIN(NLA_U64, 1),
	[FTALIAS_A_ALIAS_CACHE_TTL_MS] = NLA_POLICY_FULL_RANGE(NLA_U32, &ftalias_a_alias_cache_ttl_ms_range),
	[FTALIAS_A_ALIAS_RECORD_REPLIES] = NLA_POLICY_MAX(NLA_U8, 1),
	[FTALIAS_A_ALIAS_INPUT_LOG] = NLA_POLICY_MAX(NLA_U8, 1),
	[FTALIAS_A_ALIAS_SCOPE] = NLA_POLICY_MAX(NLA_U8, 1),
};

/* FTALIAS_CMD_ALIAS_DEL - do */
static const struct nla_policy ftalias_alias_del_nl_policy[FTALIAS_A_ALIAS_MOVED + 1] = {
	[FTALIAS_A_ALIAS_ID] = NLA_POLICY_MIN(NLA_U32, 1),
	[FTALIAS_A_ALIAS_NAME] = { .type = NLA_NUL_STRING, .len = FTALIAS_NAME_MAX_LEN, },
	[FTALIAS_A_ALIAS_MOVED] = { .type = NLA_FLAG, },
};

/* FTALIAS_CMD_ALIAS_SET - do */
static const struct nla_policy ftalias_alias_set_nl_policy[FTALIAS_A_ALIAS_INPUT_LOG + 1] = {
	[FTALIAS_A_ALIAS_ID] = NLA_POLICY_MIN(NLA_U32, 1),
	[FTALIAS_A_ALIAS_NAME] = { .type = NLA_NUL_STRING, .len = FTALIAS_NAME_MAX_LEN, },
	[FTALIAS_A_ALIAS_UID] = { .type = NLA_U32, },
	[FTALIAS_A_ALIAS_GID] = { .type = NLA_U32, },
	[FTALIAS_A_ALIAS_MODE] = NLA_POLICY_MAX(NLA_U32, FTALIAS_MODE_MAX),
	[FTALIAS_A_ALIAS_POLICY] = NLA_POLICY_MAX(NLA_U32, 1),
	[FTALIAS_A_ALIAS_GRACE_MS] = NLA_POLICY_FULL_RANGE(NLA_U32, &ftalias_a_alias_grace_ms_range),
	[FTALIAS_A_ALIAS_CACHE_MAX_ENTRIES] = NLA_POLICY_MIN(NLA_U32, 1),
	[FTALIAS_A_ALIAS_CACHE_MAX_BYTES] = NLA_POLICY_MIN(NLA_U64, 1),
	[FTALIAS_A_ALIAS_CACHE_TTL_MS] = NLA_POLICY_FULL_RANGE(NLA_U32, &ftalias_a_alias_cache_ttl_ms_range),
	[FTALIAS_A_ALIAS_RECORD_REPLIES] = NLA_POLICY_MAX(NLA_U8, 1),
	[FTALIAS_A_ALIAS_INPUT_LOG] = NLA_POLICY_MAX(NLA_U8, 1),
};

/* FTALIAS_CMD_MEMBER_GET - do */
static const struct nla_policy ftalias_member_get_do_nl_policy[FTALIAS_A_MEMBER_PORT + 1] = {
	[FTALIAS_A_MEMBER_ALIAS_ID] = NLA_POLICY_MIN(NLA_U32, 1),
	[FTALIAS_A_MEMBER_PORT] = NLA_POLICY_MIN(NLA_U32, 1),
};

/* FTALIAS_CMD_MEMBER_GET - dump */
static const struct nla_policy ftalias_member_get_dump_nl_policy[FTALIAS_A_MEMBER_ALIAS_ID + 1] = {
	[FTALIAS_A_MEMBER_ALIAS_ID] = NLA_POLICY_MIN(NLA_U32, 1),
};

/* FTALIAS_CMD_MEMBER_SET - do */
static const struct nla_policy ftalias_member_set_nl_policy[FTALIAS_A_MEMBER_STATE + 1] = {
	[FTALIAS_A_MEMBER_ALIAS_ID] = NLA_POLICY_MIN(NLA_U32, 1),
	[FTALIAS_A_MEMBER_PORT] = NLA_POLICY_MIN(NLA_U32, 1),
	[FTALIAS_A_MEMBER_PRIORITY] = { .type = NLA_U32, },
	[FTALIAS_A_MEMBER_STATE] = NLA_POLICY_MAX(NLA_U32, 2),
};

/* FTALIAS_CMD_CACHE_GET - dump */
static const struct nla_policy ftalias_cache_get_nl_policy[FTALIAS_A_CACHE_ENTRY_ALIAS_ID + 1] = {
	[FTALIAS_A_CACHE_ENTRY_ALIAS_ID] = NLA_POLICY_MIN(NLA_U32, 1),
};

/* FTALIAS_CMD_CACHE_FLUSH - do */
static const struct nla_policy ftalias_cache_flush_nl_policy[FTALIAS_A_CACHE_FLUSH_IN_PROGRESS + 1] = {
	[FTALIAS_A_CACHE_FLUSH_ALIAS_ID] = NLA_POLICY_MIN(NLA_U32, 1),
	[FTALIAS_A_CACHE_FLUSH_IN_PROGRESS] = { .type = NLA_FLAG, },
};

/* FTALIAS_CMD_JOURNAL_GET - dump */
static const struct nla_policy ftalias_journal_get_nl_policy[FTALIAS_A_JOURNAL_REC_ALIAS_ID + 1] = {
	[FTALIAS_A_JOURNAL_REC_ALIAS_ID] = NLA_POLICY_MIN(NLA_U32, 1),
};

/* FTALIAS_CMD_CONN_GET - do */
static const struct nla_policy ftalias_conn_get_do_nl_policy[FTALIAS_A_CONN_LOCAL_ALIAS + 1] = {
	[FTALIAS_A_CONN_ID] = NLA_POLICY_MIN(NLA_U32, 1),
	[FTALIAS_A_CONN_LOCAL_ALIAS] = { .type = NLA_U32, },
};

/* FTALIAS_CMD_CONN_GET - dump */
static const struct nla_policy ftalias_conn_get_dump_nl_policy[FTALIAS_A_CONN_LOCAL_ALIAS + 1] = {
	[FTALIAS_A_CONN_LOCAL_ALIAS] = { .type = NLA_U32, },
};

/* FTALIAS_CMD_CONN_DROP - do */
static const struct nla_policy ftalias_conn_drop_nl_policy[FTALIAS_A_CONN_ID + 1] = {
	[FTALIAS_A_CONN_ID] = NLA_POLICY_MIN(NLA_U32, 1),
};

/* FTALIAS_CMD_ALIAS_SAVE - dump */
static const struct nla_policy ftalias_alias_save_nl_policy[FTALIAS_A_SAVE_MOVE + 1] = {
	[FTALIAS_A_SAVE_ALIAS_ID] = NLA_POLICY_MIN(NLA_U32, 1),
	[FTALIAS_A_SAVE_MOVE] = { .type = NLA_FLAG, },
};

/* FTALIAS_CMD_ALIAS_RESTORE - do */
static const struct nla_policy ftalias_alias_restore_nl_policy[FTALIAS_A_SAVE_OUTPUT + 1] = {
	[FTALIAS_A_SAVE_HANDLE] = NLA_POLICY_MIN(NLA_U32, 1),
	[FTALIAS_A_SAVE_NEW_NAME] = { .type = NLA_NUL_STRING, .len = FTALIAS_NAME_MAX_LEN, },
	[FTALIAS_A_SAVE_NEW_ID] = NLA_POLICY_MIN(NLA_U32, 1),
	[FTALIAS_A_SAVE_CRC] = { .type = NLA_U32, },
	[FTALIAS_A_SAVE_HEADER] = NLA_POLICY_NESTED(ftalias_save_header_nl_policy),
	[FTALIAS_A_SAVE_ALIAS] = NLA_POLICY_NESTED(ftalias_save_alias_nl_policy),
	[FTALIAS_A_SAVE_IDS] = NLA_POLICY_NESTED(ftalias_save_ids_nl_policy),
	[FTALIAS_A_SAVE_DSTS] = { .type = NLA_BINARY, },
	[FTALIAS_A_SAVE_ENTRY] = NLA_POLICY_NESTED(ftalias_save_entry_nl_policy),
	[FTALIAS_A_SAVE_DATA] = { .type = NLA_BINARY, },
	[FTALIAS_A_SAVE_JREC] = NLA_POLICY_NESTED(ftalias_save_jrec_nl_policy),
	[FTALIAS_A_SAVE_CLIENT] = NLA_POLICY_NESTED(ftalias_save_client_nl_policy),
	[FTALIAS_A_SAVE_REQUEST] = NLA_POLICY_NESTED(ftalias_save_request_nl_policy),
	[FTALIAS_A_SAVE_HELD] = NLA_POLICY_NESTED(ftalias_save_held_nl_policy),
	[FTALIAS_A_SAVE_TRAILER] = NLA_POLICY_NESTED(ftalias_save_trailer_nl_policy),
	[FTALIAS_A_SAVE_CHECKPOINT] = NLA_POLICY_NESTED(ftalias_save_checkpoint_nl_policy),
	[FTALIAS_A_SAVE_INPUT] = NLA_POLICY_NESTED(ftalias_save_input_nl_policy),
	[FTALIAS_A_SAVE_OUTPUT] = NLA_POLICY_NESTED(ftalias_save_output_nl_policy),
};

/* FTALIAS_CMD_CLUSTER_SET - do */
static const struct nla_policy ftalias_cluster_set_nl_policy[FTALIAS_A_CLUSTER_ENABLED + 1] = {
	[FTALIAS_A_CLUSTER_ENABLED] = NLA_POLICY_MAX(NLA_U8, 1),
};

/* Ops table for ftalias */
static const struct genl_split_ops ftalias_nl_ops[] = {
	{
		.cmd	= FTALIAS_CMD_FAMILY_INFO_GET,
		.doit	= ftalias_nl_family_info_get_doit,
		.flags	= GENL_CMD_CAP_DO,
	},
	{
		.cmd		= FTALIAS_CMD_ALIAS_GET,
		.doit		= ftalias_nl_alias_get_doit,
		.policy		= ftalias_alias_get_nl_policy,
		.maxattr	= FTALIAS_A_ALIAS_NAME,
		.flags		= GENL_CMD_CAP_DO,
	},
	{
		.cmd	= FTALIAS_CMD_ALIAS_GET,
		.start	= ftalias_nl_alias_get_dump_start,
		.dumpit	= ftalias_nl_alias_get_dumpit,
		.flags	= GENL_CMD_CAP_DUMP,
	},
	{
		.cmd		= FTALIAS_CMD_ALIAS_NEW,
		.pre_doit	= ftalias_nl_pre_doit_admin,
		.doit		= ftalias_nl_alias_new_doit,
		.policy		= ftalias_alias_new_nl_policy,
		.maxattr	= FTALIAS_A_ALIAS_SCOPE,
		.flags		= GENL_CMD_CAP_DO,
	},
	{
		.cmd		= FTALIAS_CMD_ALIAS_DEL,
		.pre_doit	= ftalias_nl_pre_doit_admin,
		.doit		= ftalias_nl_alias_del_doit,
		.policy		= ftalias_alias_del_nl_policy,
		.maxattr	= FTALIAS_A_ALIAS_MOVED,
		.flags		= GENL_CMD_CAP_DO,
	},
	{
		.cmd		= FTALIAS_CMD_ALIAS_SET,
		.pre_doit	= ftalias_nl_pre_doit_admin,
		.doit		= ftalias_nl_alias_set_doit,
		.policy		= ftalias_alias_set_nl_policy,
		.maxattr	= FTALIAS_A_ALIAS_INPUT_LOG,
		.flags		= GENL_CMD_CAP_DO,
	},
	{
		.cmd		= FTALIAS_CMD_MEMBER_GET,
		.doit		= ftalias_nl_member_get_doit,
		.policy		= ftalias_member_get_do_nl_policy,
		.maxattr	= FTALIAS_A_MEMBER_PORT,
		.flags		= GENL_CMD_CAP_DO,
	},
	{
		.cmd		= FTALIAS_CMD_MEMBER_GET,
		.start		= ftalias_nl_member_get_dump_start,
		.dumpit		= ftalias_nl_member_get_dumpit,
		.policy		= ftalias_member_get_dump_nl_policy,
		.maxattr	= FTALIAS_A_MEMBER_ALIAS_ID,
		.flags		= GENL_CMD_CAP_DUMP,
	},
	{
		.cmd		= FTALIAS_CMD_MEMBER_SET,
		.pre_doit	= ftalias_nl_pre_doit_admin,
		.doit		= ftalias_nl_member_set_doit,
		.policy		= ftalias_member_set_nl_policy,
		.maxattr	= FTALIAS_A_MEMBER_STATE,
		.flags		= GENL_CMD_CAP_DO,
	},
	{
		.cmd		= FTALIAS_CMD_CACHE_GET,
		.start		= ftalias_nl_cache_get_dump_start,
		.dumpit		= ftalias_nl_cache_get_dumpit,
		.done		= ftalias_nl_rc_dump_done,
		.policy		= ftalias_cache_get_nl_policy,
		.maxattr	= FTALIAS_A_CACHE_ENTRY_ALIAS_ID,
		.flags		= GENL_CMD_CAP_DUMP,
	},
	{
		.cmd		= FTALIAS_CMD_CACHE_FLUSH,
		.pre_doit	= ftalias_nl_pre_doit_admin,
		.doit		= ftalias_nl_cache_flush_doit,
		.policy		= ftalias_cache_flush_nl_policy,
		.maxattr	= FTALIAS_A_CACHE_FLUSH_IN_PROGRESS,
		.flags		= GENL_CMD_CAP_DO,
	},
	{
		.cmd		= FTALIAS_CMD_JOURNAL_GET,
		.start		= ftalias_nl_journal_get_dump_start,
		.dumpit		= ftalias_nl_journal_get_dumpit,
		.done		= ftalias_nl_rc_dump_done,
		.policy		= ftalias_journal_get_nl_policy,
		.maxattr	= FTALIAS_A_JOURNAL_REC_ALIAS_ID,
		.flags		= GENL_CMD_CAP_DUMP,
	},
	{
		.cmd		= FTALIAS_CMD_CONN_GET,
		.pre_doit	= ftalias_nl_pre_doit_admin,
		.doit		= ftalias_nl_conn_get_doit,
		.policy		= ftalias_conn_get_do_nl_policy,
		.maxattr	= FTALIAS_A_CONN_LOCAL_ALIAS,
		.flags		= GENL_CMD_CAP_DO,
	},
	{
		.cmd		= FTALIAS_CMD_CONN_GET,
		.start		= ftalias_nl_conn_get_dump_start,
		.dumpit		= ftalias_nl_conn_get_dumpit,
		.policy		= ftalias_conn_get_dump_nl_policy,
		.maxattr	= FTALIAS_A_CONN_LOCAL_ALIAS,
		.flags		= GENL_CMD_CAP_DUMP,
	},
	{
		.cmd		= FTALIAS_CMD_CONN_DROP,
		.pre_doit	= ftalias_nl_pre_doit_admin,
		.doit		= ftalias_nl_conn_drop_doit,
		.policy		= ftalias_conn_drop_nl_policy,
		.maxattr	= FTALIAS_A_CONN_ID,
		.flags		= GENL_CMD_CAP_DO,
	},
	{
		.cmd		= FTALIAS_CMD_ALIAS_SAVE,
		.start		= ftalias_nl_alias_save_dump_start,
		.dumpit		= ftalias_nl_alias_save_dumpit,
		.done		= ftalias_nl_alias_save_dump_done,
		.policy		= ftalias_alias_save_nl_policy,
		.maxattr	= FTALIAS_A_SAVE_MOVE,
		.flags		= GENL_CMD_CAP_DUMP,
	},
	{
		.cmd		= FTALIAS_CMD_ALIAS_RESTORE,
		.pre_doit	= ftalias_nl_pre_doit_admin,
		.doit		= ftalias_nl_alias_restore_doit,
		.policy		= ftalias_alias_restore_nl_policy,
		.maxattr	= FTALIAS_A_SAVE_OUTPUT,
		.flags		= GENL_CMD_CAP_DO,
	},
	{
		.cmd	= FTALIAS_CMD_CLUSTER_GET,
		.doit	= ftalias_nl_cluster_get_doit,
		.flags	= GENL_CMD_CAP_DO,
	},
	{
		.cmd		= FTALIAS_CMD_CLUSTER_SET,
		.pre_doit	= ftalias_nl_pre_doit_admin,
		.doit		= ftalias_nl_cluster_set_doit,
		.policy		= ftalias_cluster_set_nl_policy,
		.maxattr	= FTALIAS_A_CLUSTER_ENABLED,
		.flags		= GENL_CMD_CAP_DO,
	},
	{
		.cmd	= FTALIAS_CMD_NODE_GET,
		.dumpit	= ftalias_nl_node_get_dumpit,
		.flags	= GENL_CMD_CAP_DUMP,
	},
};

static const struct genl_multicast_group ftalias_nl_mcgrps[] = {
	[FTALIAS_NLGRP_EVENTS] = { "events", },
	[FTALIAS_NLGRP_ADMIN_EVENTS] = { "admin-events", .flags = GENL_MCAST_CAP_NET_ADMIN, },
};

struct genl_family ftalias_nl_family __ro_after_init = {
	.name		= FTALIAS_FAMILY_NAME,
	.version	= FTALIAS_FAMILY_VERSION,
	.netnsok	= true,
	.parallel_ops	= true,
	.module		= THIS_MODULE,
	.split_ops	= ftalias_nl_ops,
	.n_split_ops	= ARRAY_SIZE(ftalias_nl_ops),
	.mcgrps		= ftalias_nl_mcgrps,
	.n_mcgrps	= ARRAY_SIZE(ftalias_nl_mcgrps),
};
