/* SPDX-License-Identifier: GPL-2.0 */
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/ftalias.yaml */
/* by scripts/ynl-ctl-gen.py (make regen) */

/*
 * ftaliasctl's tables of the spec, in libnl-3's terms.  Included by
 * ctl.h (struct keyword), defined in spec-gen.c.
 */
#ifndef FTALIASCTL_SPEC_GEN_H
#define FTALIASCTL_SPEC_GEN_H

#include <netlink/attr.h>

#include <linux/ftalias_genl.h>

/* Attribute-set "alias" */
#define CTL_NAME_FTALIAS_A_ALIAS_ID	"id"
#define CTL_NAME_FTALIAS_A_ALIAS_NAME	"name"
#define CTL_NAME_FTALIAS_A_ALIAS_UID	"uid"
#define CTL_NAME_FTALIAS_A_ALIAS_GID	"gid"
#define CTL_NAME_FTALIAS_A_ALIAS_MODE	"mode"
#define CTL_NAME_FTALIAS_A_ALIAS_POLICY	"policy"
#define CTL_NAME_FTALIAS_A_ALIAS_GRACE_MS	"grace-ms"
#define CTL_NAME_FTALIAS_A_ALIAS_CACHE_MAX_ENTRIES	"cache-max-entries"
#define CTL_NAME_FTALIAS_A_ALIAS_CACHE_MAX_BYTES	"cache-max-bytes"
#define CTL_NAME_FTALIAS_A_ALIAS_CACHE_TTL_MS	"cache-ttl-ms"
#define CTL_NAME_FTALIAS_A_ALIAS_INCARNATION	"incarnation"
#define CTL_NAME_FTALIAS_A_ALIAS_MEMBERS	"members"
#define CTL_NAME_FTALIAS_A_ALIAS_ACTIVE_PORT	"active-port"
#define CTL_NAME_FTALIAS_A_ALIAS_PENDING	"pending"
#define CTL_NAME_FTALIAS_A_ALIAS_HELD	"held"
#define CTL_NAME_FTALIAS_A_ALIAS_STATS	"stats"
#define CTL_NAME_FTALIAS_A_ALIAS_RECORD_REPLIES	"record-replies"
#define CTL_NAME_FTALIAS_A_ALIAS_CACHE	"cache"
#define CTL_NAME_FTALIAS_A_ALIAS_MOVED	"moved"
#define CTL_NAME_FTALIAS_A_ALIAS_CKPT_SEQ	"ckpt-seq"
#define CTL_NAME_FTALIAS_A_ALIAS_CKPT_BYTES	"ckpt-bytes"
#define CTL_NAME_FTALIAS_A_ALIAS_INPUT_LOG	"input-log"
#define CTL_NAME_FTALIAS_A_ALIAS_LOG_INPUTS	"log-inputs"
#define CTL_NAME_FTALIAS_A_ALIAS_LOG_BYTES	"log-bytes"
#define CTL_NAME_FTALIAS_A_ALIAS_CKPT_INPUT	"ckpt-input"
#define CTL_NAME_FTALIAS_A_ALIAS_LOG_OUTPUTS	"log-outputs"
#define CTL_NAME_FTALIAS_A_ALIAS_SCOPE	"scope"
extern struct nla_policy ctl_alias_policy[FTALIAS_A_ALIAS_MAX + 1];

/* Attribute-set "alias-stats" */
#define CTL_NAME_FTALIAS_A_ALIAS_STATS_SENT	"sent"
#define CTL_NAME_FTALIAS_A_ALIAS_STATS_DELIVERED	"delivered"
#define CTL_NAME_FTALIAS_A_ALIAS_STATS_REDELIVERED	"redelivered"
#define CTL_NAME_FTALIAS_A_ALIAS_STATS_RESENT	"resent"
#define CTL_NAME_FTALIAS_A_ALIAS_STATS_REPLIES	"replies"
#define CTL_NAME_FTALIAS_A_ALIAS_STATS_HELD	"held"
#define CTL_NAME_FTALIAS_A_ALIAS_STATS_FAILED	"failed"
#define CTL_NAME_FTALIAS_A_ALIAS_STATS_PROMOTIONS	"promotions"
#define CTL_NAME_FTALIAS_A_ALIAS_STATS_CHECKPOINTS	"checkpoints"
#define CTL_NAME_FTALIAS_A_ALIAS_STATS_CKPT_LOADS	"ckpt-loads"
#define CTL_NAME_FTALIAS_A_ALIAS_STATS_INPUTS_LOGGED	"inputs-logged"
#define CTL_NAME_FTALIAS_A_ALIAS_STATS_INPUTS_REPLAYED	"inputs-replayed"
#define CTL_NAME_FTALIAS_A_ALIAS_STATS_REPLAY_SUPPRESSED	"replay-suppressed"
#define CTL_NAME_FTALIAS_A_ALIAS_STATS_REQUESTS_REISSUED	"requests-reissued"
extern struct nla_policy ctl_alias_stats_policy[FTALIAS_A_ALIAS_STATS_MAX + 1];

/* Attribute-set "cache-stats" */
#define CTL_NAME_FTALIAS_A_CACHE_STATS_ENTRIES	"entries"
#define CTL_NAME_FTALIAS_A_CACHE_STATS_BYTES	"bytes"
#define CTL_NAME_FTALIAS_A_CACHE_STATS_IN_PROGRESS	"in-progress"
#define CTL_NAME_FTALIAS_A_CACHE_STATS_JOURNAL	"journal"
#define CTL_NAME_FTALIAS_A_CACHE_STATS_WAITING	"waiting"
#define CTL_NAME_FTALIAS_A_CACHE_STATS_RECORDED	"recorded"
#define CTL_NAME_FTALIAS_A_CACHE_STATS_HITS_AUTO	"hits-auto"
#define CTL_NAME_FTALIAS_A_CACHE_STATS_HITS_HANDLER	"hits-handler"
#define CTL_NAME_FTALIAS_A_CACHE_STATS_HITS_HELD	"hits-held"
#define CTL_NAME_FTALIAS_A_CACHE_STATS_MISSES	"misses"
#define CTL_NAME_FTALIAS_A_CACHE_STATS_EVICT_ACK	"evict-ack"
#define CTL_NAME_FTALIAS_A_CACHE_STATS_EVICT_TTL	"evict-ttl"
#define CTL_NAME_FTALIAS_A_CACHE_STATS_EVICT_LRU	"evict-lru"
#define CTL_NAME_FTALIAS_A_CACHE_STATS_EVICT_SHRINK	"evict-shrink"
#define CTL_NAME_FTALIAS_A_CACHE_STATS_EVICT_FLUSH	"evict-flush"
#define CTL_NAME_FTALIAS_A_CACHE_STATS_REFUSED	"refused"
#define CTL_NAME_FTALIAS_A_CACHE_STATS_ORPHANS	"orphans"
#define CTL_NAME_FTALIAS_A_CACHE_STATS_JOURNALED	"journaled"
#define CTL_NAME_FTALIAS_A_CACHE_STATS_LONGEST_HOLD_MS	"longest-hold-ms"
extern struct nla_policy ctl_cache_stats_policy[FTALIAS_A_CACHE_STATS_MAX + 1];

/* Attribute-set "member" */
#define CTL_NAME_FTALIAS_A_MEMBER_ALIAS_ID	"alias-id"
#define CTL_NAME_FTALIAS_A_MEMBER_PORT	"port"
#define CTL_NAME_FTALIAS_A_MEMBER_PID	"pid"
#define CTL_NAME_FTALIAS_A_MEMBER_PRIORITY	"priority"
#define CTL_NAME_FTALIAS_A_MEMBER_ROLE	"role"
#define CTL_NAME_FTALIAS_A_MEMBER_STATE	"state"
#define CTL_NAME_FTALIAS_A_MEMBER_QUEUE_LEN	"queue-len"
#define CTL_NAME_FTALIAS_A_MEMBER_INCARNATION	"incarnation"
#define CTL_NAME_FTALIAS_A_MEMBER_DELIVERED	"delivered"
#define CTL_NAME_FTALIAS_A_MEMBER_REDELIVERED	"redelivered"
#define CTL_NAME_FTALIAS_A_MEMBER_REPLIES	"replies"
#define CTL_NAME_FTALIAS_A_MEMBER_NODE	"node"
extern struct nla_policy ctl_member_policy[FTALIAS_A_MEMBER_MAX + 1];

/* Attribute-set "family-info" */
#define CTL_NAME_FTALIAS_A_FAMILY_INFO_VERSION	"version"
#define CTL_NAME_FTALIAS_A_FAMILY_INFO_AF_FAMILY	"af-family"
#define CTL_NAME_FTALIAS_A_FAMILY_INFO_ALIASES	"aliases"
#define CTL_NAME_FTALIAS_A_FAMILY_INFO_MAX_ALIASES	"max-aliases"
#define CTL_NAME_FTALIAS_A_FAMILY_INFO_CACHE_MAX_ENTRIES_LIMIT	"cache-max-entries-limit"
#define CTL_NAME_FTALIAS_A_FAMILY_INFO_CACHE_MAX_BYTES_LIMIT	"cache-max-bytes-limit"
#define CTL_NAME_FTALIAS_A_FAMILY_INFO_CACHE_TOTAL_BYTES_LIMIT	"cache-total-bytes-limit"
#define CTL_NAME_FTALIAS_A_FAMILY_INFO_CACHE_TOTAL_BYTES	"cache-total-bytes"
extern struct nla_policy ctl_family_info_policy[FTALIAS_A_FAMILY_INFO_MAX + 1];

/* Attribute-set "id" */
#define CTL_NAME_FTALIAS_A_ID_NODE	"node"
#define CTL_NAME_FTALIAS_A_ID_ALIAS	"alias"
#define CTL_NAME_FTALIAS_A_ID_PORT	"port"
#define CTL_NAME_FTALIAS_A_ID_INCARNATION	"incarnation"
#define CTL_NAME_FTALIAS_A_ID_XID	"xid"
extern struct nla_policy ctl_id_policy[FTALIAS_A_ID_MAX + 1];

/* Attribute-set "cache-entry" */
#define CTL_NAME_FTALIAS_A_CACHE_ENTRY_ALIAS_ID	"alias-id"
#define CTL_NAME_FTALIAS_A_CACHE_ENTRY_ID	"id"
#define CTL_NAME_FTALIAS_A_CACHE_ENTRY_STATE	"state"
#define CTL_NAME_FTALIAS_A_CACHE_ENTRY_AGE_MS	"age-ms"
#define CTL_NAME_FTALIAS_A_CACHE_ENTRY_SIZE	"size"
#define CTL_NAME_FTALIAS_A_CACHE_ENTRY_OWNER_PORT	"owner-port"
#define CTL_NAME_FTALIAS_A_CACHE_ENTRY_JOURNAL	"journal"
extern struct nla_policy ctl_cache_entry_policy[FTALIAS_A_CACHE_ENTRY_MAX + 1];

/* Attribute-set "cache-flush" */
#define CTL_NAME_FTALIAS_A_CACHE_FLUSH_ALIAS_ID	"alias-id"
#define CTL_NAME_FTALIAS_A_CACHE_FLUSH_IN_PROGRESS	"in-progress"
#define CTL_NAME_FTALIAS_A_CACHE_FLUSH_FLUSHED	"flushed"
extern struct nla_policy ctl_cache_flush_policy[FTALIAS_A_CACHE_FLUSH_MAX + 1];

/* Attribute-set "journal-rec" */
#define CTL_NAME_FTALIAS_A_JOURNAL_REC_ALIAS_ID	"alias-id"
#define CTL_NAME_FTALIAS_A_JOURNAL_REC_PARENT	"parent"
#define CTL_NAME_FTALIAS_A_JOURNAL_REC_ID	"id"
#define CTL_NAME_FTALIAS_A_JOURNAL_REC_DEST_ALIAS	"dest-alias"
#define CTL_NAME_FTALIAS_A_JOURNAL_REC_REPLIED	"replied"
#define CTL_NAME_FTALIAS_A_JOURNAL_REC_SIZE	"size"
extern struct nla_policy ctl_journal_rec_policy[FTALIAS_A_JOURNAL_REC_MAX + 1];

/* Attribute-set "conn" */
#define CTL_NAME_FTALIAS_A_CONN_ID	"id"
#define CTL_NAME_FTALIAS_A_CONN_SEQ	"seq"
#define CTL_NAME_FTALIAS_A_CONN_STATE	"state"
#define CTL_NAME_FTALIAS_A_CONN_EST_SEC	"est-sec"
#define CTL_NAME_FTALIAS_A_CONN_EST_USEC	"est-usec"
#define CTL_NAME_FTALIAS_A_CONN_LOCAL_ALIAS	"local-alias"
#define CTL_NAME_FTALIAS_A_CONN_LISTEN_PORT	"listen-port"
#define CTL_NAME_FTALIAS_A_CONN_LOCAL_PORT	"local-port"
#define CTL_NAME_FTALIAS_A_CONN_LOCAL_PID	"local-pid"
#define CTL_NAME_FTALIAS_A_CONN_LOCAL_QUEUE	"local-queue"
#define CTL_NAME_FTALIAS_A_CONN_PEER_PORT	"peer-port"
#define CTL_NAME_FTALIAS_A_CONN_PEER_PID	"peer-pid"
#define CTL_NAME_FTALIAS_A_CONN_PEER_QUEUE	"peer-queue"
#define CTL_NAME_FTALIAS_A_CONN_PEER_NODE	"peer-node"
#define CTL_NAME_FTALIAS_A_CONN_PEER_ALIAS	"peer-alias"
#define CTL_NAME_FTALIAS_A_CONN_PEER_LISTEN_PORT	"peer-listen-port"
#define CTL_NAME_FTALIAS_A_CONN_PEER_NAME	"peer-name"
#define CTL_NAME_FTALIAS_A_CONN_REASON	"reason"
#define CTL_NAME_FTALIAS_A_CONN_NEW_ID	"new-id"
#define CTL_NAME_FTALIAS_A_CONN_NEW_SEQ	"new-seq"
#define CTL_NAME_FTALIAS_A_CONN_NEW_EST_SEC	"new-est-sec"
#define CTL_NAME_FTALIAS_A_CONN_NEW_EST_USEC	"new-est-usec"
#define CTL_NAME_FTALIAS_A_CONN_NEW_PEER_PORT	"new-peer-port"
#define CTL_NAME_FTALIAS_A_CONN_NEW_PEER_PID	"new-peer-pid"
extern struct nla_policy ctl_conn_policy[FTALIAS_A_CONN_MAX + 1];

/* Attribute-set "save" */
#define CTL_NAME_FTALIAS_A_SAVE_ALIAS_ID	"alias-id"
#define CTL_NAME_FTALIAS_A_SAVE_CRC	"crc"
#define CTL_NAME_FTALIAS_A_SAVE_HEADER	"header"
#define CTL_NAME_FTALIAS_A_SAVE_ALIAS	"alias"
#define CTL_NAME_FTALIAS_A_SAVE_IDS	"ids"
#define CTL_NAME_FTALIAS_A_SAVE_DSTS	"dsts"
#define CTL_NAME_FTALIAS_A_SAVE_ENTRY	"entry"
#define CTL_NAME_FTALIAS_A_SAVE_DATA	"data"
#define CTL_NAME_FTALIAS_A_SAVE_JREC	"jrec"
#define CTL_NAME_FTALIAS_A_SAVE_CLIENT	"client"
#define CTL_NAME_FTALIAS_A_SAVE_TRAILER	"trailer"
#define CTL_NAME_FTALIAS_A_SAVE_HANDLE	"handle"
#define CTL_NAME_FTALIAS_A_SAVE_NEW_NAME	"new-name"
#define CTL_NAME_FTALIAS_A_SAVE_NEW_ID	"new-id"
#define CTL_NAME_FTALIAS_A_SAVE_REQUEST	"request"
#define CTL_NAME_FTALIAS_A_SAVE_HELD	"held"
#define CTL_NAME_FTALIAS_A_SAVE_MOVE	"move"
#define CTL_NAME_FTALIAS_A_SAVE_CHECKPOINT	"checkpoint"
#define CTL_NAME_FTALIAS_A_SAVE_INPUT	"input"
#define CTL_NAME_FTALIAS_A_SAVE_OUTPUT	"output"
extern struct nla_policy ctl_save_policy[FTALIAS_A_SAVE_MAX + 1];

/* Attribute-set "save-header" */
#define CTL_NAME_FTALIAS_A_SAVE_HEADER_VERSION	"version"
#define CTL_NAME_FTALIAS_A_SAVE_HEADER_DROPPED	"dropped"
#define CTL_NAME_FTALIAS_A_SAVE_HEADER_FREEZE_US	"freeze-us"
extern struct nla_policy ctl_save_header_policy[FTALIAS_A_SAVE_HEADER_MAX + 1];

/* Attribute-set "save-ids" */
#define CTL_NAME_FTALIAS_A_SAVE_IDS_XID	"xid"
#define CTL_NAME_FTALIAS_A_SAVE_IDS_ACK	"ack"
#define CTL_NAME_FTALIAS_A_SAVE_IDS_COOKIE	"cookie"
extern struct nla_policy ctl_save_ids_policy[FTALIAS_A_SAVE_IDS_MAX + 1];

/* Attribute-set "save-entry" */
#define CTL_NAME_FTALIAS_A_SAVE_ENTRY_KEY	"key"
#define CTL_NAME_FTALIAS_A_SAVE_ENTRY_STATE	"state"
#define CTL_NAME_FTALIAS_A_SAVE_ENTRY_AGE_MS	"age-ms"
#define CTL_NAME_FTALIAS_A_SAVE_ENTRY_LEN	"len"
#define CTL_NAME_FTALIAS_A_SAVE_ENTRY_SRC_PORT	"src-port"
#define CTL_NAME_FTALIAS_A_SAVE_ENTRY_SRC_ALIAS	"src-alias"
#define CTL_NAME_FTALIAS_A_SAVE_ENTRY_PAYLOAD	"payload"
extern struct nla_policy ctl_save_entry_policy[FTALIAS_A_SAVE_ENTRY_MAX + 1];

/* Attribute-set "save-jrec" */
#define CTL_NAME_FTALIAS_A_SAVE_JREC_KEY	"key"
#define CTL_NAME_FTALIAS_A_SAVE_JREC_DEST_ALIAS	"dest-alias"
#define CTL_NAME_FTALIAS_A_SAVE_JREC_REPLIED	"replied"
#define CTL_NAME_FTALIAS_A_SAVE_JREC_LEN	"len"
#define CTL_NAME_FTALIAS_A_SAVE_JREC_PAYLOAD	"payload"
extern struct nla_policy ctl_save_jrec_policy[FTALIAS_A_SAVE_JREC_MAX + 1];

/* Attribute-set "save-client" */
#define CTL_NAME_FTALIAS_A_SAVE_CLIENT_NODE	"node"
#define CTL_NAME_FTALIAS_A_SAVE_CLIENT_ALIAS	"alias"
#define CTL_NAME_FTALIAS_A_SAVE_CLIENT_ACKED	"acked"
#define CTL_NAME_FTALIAS_A_SAVE_CLIENT_COOKIE	"cookie"
extern struct nla_policy ctl_save_client_policy[FTALIAS_A_SAVE_CLIENT_MAX + 1];

/* Attribute-set "save-request" */
#define CTL_NAME_FTALIAS_A_SAVE_REQUEST_KEY	"key"
#define CTL_NAME_FTALIAS_A_SAVE_REQUEST_DEST_ALIAS	"dest-alias"
#define CTL_NAME_FTALIAS_A_SAVE_REQUEST_DELIVERED	"delivered"
#define CTL_NAME_FTALIAS_A_SAVE_REQUEST_LEN	"len"
#define CTL_NAME_FTALIAS_A_SAVE_REQUEST_PAYLOAD	"payload"
#define CTL_NAME_FTALIAS_A_SAVE_REQUEST_DEST_COOKIE	"dest-cookie"
extern struct nla_policy ctl_save_request_policy[FTALIAS_A_SAVE_REQUEST_MAX + 1];

/* Attribute-set "save-held" */
#define CTL_NAME_FTALIAS_A_SAVE_HELD_KEY	"key"
#define CTL_NAME_FTALIAS_A_SAVE_HELD_ERR	"err"
#define CTL_NAME_FTALIAS_A_SAVE_HELD_SRC_PORT	"src-port"
#define CTL_NAME_FTALIAS_A_SAVE_HELD_SRC_ALIAS	"src-alias"
#define CTL_NAME_FTALIAS_A_SAVE_HELD_FLAGS	"flags"
#define CTL_NAME_FTALIAS_A_SAVE_HELD_LEN	"len"
#define CTL_NAME_FTALIAS_A_SAVE_HELD_PAYLOAD	"payload"
extern struct nla_policy ctl_save_held_policy[FTALIAS_A_SAVE_HELD_MAX + 1];

/* Attribute-set "save-trailer" */
#define CTL_NAME_FTALIAS_A_SAVE_TRAILER_ENTRIES	"entries"
#define CTL_NAME_FTALIAS_A_SAVE_TRAILER_JRECS	"jrecs"
#define CTL_NAME_FTALIAS_A_SAVE_TRAILER_CLIENTS	"clients"
#define CTL_NAME_FTALIAS_A_SAVE_TRAILER_BYTES	"bytes"
#define CTL_NAME_FTALIAS_A_SAVE_TRAILER_REQUESTS	"requests"
#define CTL_NAME_FTALIAS_A_SAVE_TRAILER_HELD	"held"
#define CTL_NAME_FTALIAS_A_SAVE_TRAILER_CKPT_BYTES	"ckpt-bytes"
#define CTL_NAME_FTALIAS_A_SAVE_TRAILER_INPUTS	"inputs"
#define CTL_NAME_FTALIAS_A_SAVE_TRAILER_OUTPUTS	"outputs"
extern struct nla_policy ctl_save_trailer_policy[FTALIAS_A_SAVE_TRAILER_MAX + 1];

/* Attribute-set "save-checkpoint" */
#define CTL_NAME_FTALIAS_A_SAVE_CHECKPOINT_SEQ	"seq"
#define CTL_NAME_FTALIAS_A_SAVE_CHECKPOINT_LEN	"len"
#define CTL_NAME_FTALIAS_A_SAVE_CHECKPOINT_PAYLOAD	"payload"
#define CTL_NAME_FTALIAS_A_SAVE_CHECKPOINT_INPUT	"input"
extern struct nla_policy ctl_save_checkpoint_policy[FTALIAS_A_SAVE_CHECKPOINT_MAX + 1];

/* Attribute-set "save-input" */
#define CTL_NAME_FTALIAS_A_SAVE_INPUT_SEQ	"seq"
#define CTL_NAME_FTALIAS_A_SAVE_INPUT_KEY	"key"
#define CTL_NAME_FTALIAS_A_SAVE_INPUT_FLAGS	"flags"
#define CTL_NAME_FTALIAS_A_SAVE_INPUT_SRC_PORT	"src-port"
#define CTL_NAME_FTALIAS_A_SAVE_INPUT_SRC_ALIAS	"src-alias"
#define CTL_NAME_FTALIAS_A_SAVE_INPUT_ARG_LEN	"arg-len"
#define CTL_NAME_FTALIAS_A_SAVE_INPUT_PENDING	"pending"
#define CTL_NAME_FTALIAS_A_SAVE_INPUT_LEN	"len"
#define CTL_NAME_FTALIAS_A_SAVE_INPUT_PAYLOAD	"payload"
extern struct nla_policy ctl_save_input_policy[FTALIAS_A_SAVE_INPUT_MAX + 1];

/* Attribute-set "save-output" */
#define CTL_NAME_FTALIAS_A_SAVE_OUTPUT_KEY	"key"
#define CTL_NAME_FTALIAS_A_SAVE_OUTPUT_DST	"dst"
#define CTL_NAME_FTALIAS_A_SAVE_OUTPUT_LEN	"len"
#define CTL_NAME_FTALIAS_A_SAVE_OUTPUT_SUM	"sum"
extern struct nla_policy ctl_save_output_policy[FTALIAS_A_SAVE_OUTPUT_MAX + 1];

/* Attribute-set "cluster" */
#define CTL_NAME_FTALIAS_A_CLUSTER_ENABLED	"enabled"
#define CTL_NAME_FTALIAS_A_CLUSTER_NODE	"node"
#define CTL_NAME_FTALIAS_A_CLUSTER_BOOT_ID	"boot-id"
#define CTL_NAME_FTALIAS_A_CLUSTER_NODES	"nodes"
#define CTL_NAME_FTALIAS_A_CLUSTER_NODES_UP	"nodes-up"
#define CTL_NAME_FTALIAS_A_CLUSTER_STATS	"stats"
extern struct nla_policy ctl_cluster_policy[FTALIAS_A_CLUSTER_MAX + 1];

/* Attribute-set "cluster-stats" */
#define CTL_NAME_FTALIAS_A_CLUSTER_STATS_TX	"tx"
#define CTL_NAME_FTALIAS_A_CLUSTER_STATS_TX_ERRORS	"tx-errors"
#define CTL_NAME_FTALIAS_A_CLUSTER_STATS_RX	"rx"
#define CTL_NAME_FTALIAS_A_CLUSTER_STATS_RX_BAD	"rx-bad"
#define CTL_NAME_FTALIAS_A_CLUSTER_STATS_RX_REFUSED	"rx-refused"
#define CTL_NAME_FTALIAS_A_CLUSTER_STATS_RESTARTS	"restarts"
#define CTL_NAME_FTALIAS_A_CLUSTER_STATS_TOPOLOGY_EVENTS	"topology-events"
#define CTL_NAME_FTALIAS_A_CLUSTER_STATS_REQ_TX	"req-tx"
#define CTL_NAME_FTALIAS_A_CLUSTER_STATS_REQ_RX	"req-rx"
#define CTL_NAME_FTALIAS_A_CLUSTER_STATS_REPLY_TX	"reply-tx"
#define CTL_NAME_FTALIAS_A_CLUSTER_STATS_REPLY_RX	"reply-rx"
#define CTL_NAME_FTALIAS_A_CLUSTER_STATS_NACK_TX	"nack-tx"
#define CTL_NAME_FTALIAS_A_CLUSTER_STATS_NACK_RX	"nack-rx"
#define CTL_NAME_FTALIAS_A_CLUSTER_STATS_RX_STALE	"rx-stale"
extern struct nla_policy ctl_cluster_stats_policy[FTALIAS_A_CLUSTER_STATS_MAX + 1];

/* Attribute-set "node" */
#define CTL_NAME_FTALIAS_A_NODE_ADDR	"addr"
#define CTL_NAME_FTALIAS_A_NODE_STATE	"state"
#define CTL_NAME_FTALIAS_A_NODE_LINKS	"links"
#define CTL_NAME_FTALIAS_A_NODE_PORT	"port"
#define CTL_NAME_FTALIAS_A_NODE_BOOT_ID	"boot-id"
#define CTL_NAME_FTALIAS_A_NODE_RESTARTS	"restarts"
#define CTL_NAME_FTALIAS_A_NODE_SINCE_MS	"since-ms"
#define CTL_NAME_FTALIAS_A_NODE_SELF	"self"
extern struct nla_policy ctl_node_policy[FTALIAS_A_NODE_MAX + 1];

/* Enum "promotion-policy": names by value, keyword table */
extern const char *const ctl_promotion_policy_names[FTALIAS_PROMOTION_POLICY_MANUAL + 1];
extern const struct keyword ctl_promotion_policy_kw[];

/* Enum "member-role": names by value, keyword table */
extern const char *const ctl_member_role_names[FTALIAS_MEMBER_ROLE_STANDBY + 1];
extern const struct keyword ctl_member_role_kw[];

/* Enum "member-state": names by value, keyword table */
extern const char *const ctl_member_state_names[FTALIAS_MEMBER_STATE_DRAINING + 1];
extern const struct keyword ctl_member_state_kw[];

/* Enum "cache-state": names by value, keyword table */
extern const char *const ctl_cache_state_names[FTALIAS_CACHE_STATE_HANDLER + 1];
extern const struct keyword ctl_cache_state_kw[];

/* Enum "conn-state": names by value, keyword table */
extern const char *const ctl_conn_state_names[FTALIAS_CONN_STATE_ESTABLISHED + 1];
extern const struct keyword ctl_conn_state_kw[];

/* Enum "conn-drop-reason": names by value, keyword table */
extern const char *const ctl_conn_drop_reason_names[FTALIAS_CONN_DROP_REASON_ADMIN + 1];
extern const struct keyword ctl_conn_drop_reason_kw[];

/* Enum "node-state": names by value, keyword table */
extern const char *const ctl_node_state_names[FTALIAS_NODE_STATE_CONFLICT + 1];
extern const struct keyword ctl_node_state_kw[];

/* Enum "alias-scope": names by value, keyword table */
extern const char *const ctl_alias_scope_names[FTALIAS_ALIAS_SCOPE_CLUSTER + 1];
extern const struct keyword ctl_alias_scope_kw[];

/* Operations: names by command number */
extern const char *const ctl_op_names[FTALIAS_CMD_MAX + 1];

#endif /* FTALIASCTL_SPEC_GEN_H */
