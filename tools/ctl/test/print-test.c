// SPDX-License-Identifier: GPL-2.0
/*
 * Decode and print hand-built ftalias messages without a kernel, for
 * test-cli.sh: print-test [-j] [-p] [-s] [-c] { show | info | monitor | members |
 * cluster-members | cache | cache-stats | flush | journal | cluster |
 * cluster-off | nodes | conns | conn-ntf }.
 * The messages carry pad attributes and unknown attributes, which must be
 * ignored.
 */

#include <stdlib.h>
#include <string.h>

#include <netlink/genl/genl.h>

#include "../alias.h"
#include "../cache.h"
#include "../cluster.h"
#include "../conn.h"
#include "../ctl.h"
#include "../info.h"
#include "../journal.h"
#include "../member.h"
#include "../monitor.h"
#include "../node.h"
#include "../print.h"

struct ctl_opts opts;

static struct nl_msg *new_msg(uint8_t cmd)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (!msg || !genlmsg_put(msg, 0, 0, 0x20, 0, 0, cmd, 1))
		exit(1);
	return msg;
}

/* Decode @msg with @parse into @v, then free @msg. */
static void parse_msg(struct nl_msg *msg,
		      int (*parse)(struct nlmsghdr *nlh, struct attr_vals *v),
		      struct attr_vals *v)
{
	memset(v, 0, sizeof(*v));
	if (parse(nlmsg_hdr(msg), v))
		exit(1);
	nlmsg_free(msg);
}

static void free_vals(struct attr_vals *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		attr_vals_free(&v[i]);
}

static struct nl_msg *alias_msg(uint8_t cmd, uint32_t id, const char *name,
				uint32_t mode, uint32_t policy)
{
	struct nl_msg *msg = new_msg(cmd);

	if (nla_put_u32(msg, FTALIAS_A_ALIAS_ID, id) ||
	    nla_put_string(msg, FTALIAS_A_ALIAS_NAME, name) ||
	    nla_put_u32(msg, FTALIAS_A_ALIAS_UID, 1000) ||
	    nla_put_u32(msg, FTALIAS_A_ALIAS_GID, 4294967295U) ||
	    nla_put_u32(msg, FTALIAS_A_ALIAS_MODE, mode) ||
	    nla_put_u32(msg, FTALIAS_A_ALIAS_POLICY, policy) ||
	    nla_put_u32(msg, FTALIAS_A_ALIAS_GRACE_MS, 3000) ||
	    nla_put_u32(msg, FTALIAS_A_ALIAS_CACHE_MAX_ENTRIES, 65536) ||
	    nla_put(msg, FTALIAS_A_ALIAS_PAD, 0, NULL) ||
	    nla_put_u64(msg, FTALIAS_A_ALIAS_CACHE_MAX_BYTES,
			18446744073709551615ULL) ||
	    nla_put_u32(msg, FTALIAS_A_ALIAS_CACHE_TTL_MS, 300000) ||
	    nla_put_u32(msg, 42, 1))
		exit(1);
	return msg;
}

/* The replay cache of alias "db": every counter distinct. */
static void add_cache(struct nl_msg *msg)
{
	struct nlattr *nest;
	unsigned int t;

	if (nla_put_u8(msg, FTALIAS_A_ALIAS_RECORD_REPLIES, 1))
		exit(1);
	nest = nla_nest_start(msg, FTALIAS_A_ALIAS_CACHE);
	if (!nest ||
	    nla_put_u32(msg, FTALIAS_A_CACHE_STATS_ENTRIES, 12) ||
	    nla_put(msg, FTALIAS_A_CACHE_STATS_PAD, 0, NULL) ||
	    nla_put_u64(msg, FTALIAS_A_CACHE_STATS_BYTES,
			18446744073709551615ULL) ||
	    nla_put_u32(msg, FTALIAS_A_CACHE_STATS_IN_PROGRESS, 3) ||
	    nla_put_u32(msg, FTALIAS_A_CACHE_STATS_JOURNAL, 4) ||
	    nla_put_u32(msg, FTALIAS_A_CACHE_STATS_WAITING, 5))
		exit(1);
	/* recorded 1000, hits-auto 1001, ... longest-hold-ms 1013 */
	for (t = FTALIAS_A_CACHE_STATS_RECORDED;
	     t <= FTALIAS_A_CACHE_STATS_LONGEST_HOLD_MS; t++)
		if (nla_put_u64(msg, t, 1000 + t - FTALIAS_A_CACHE_STATS_RECORDED))
			exit(1);
	if (nla_put_u32(msg, 42, 1))
		exit(1);
	nla_nest_end(msg, nest);
}

/*
 * The state attributes and the stats nest of the data path; with @log,
 * the counters of the checkpoints and of the input log too.
 */
static void add_state(struct nl_msg *msg, uint32_t incarnation,
		      uint32_t members, uint32_t active_port, bool log)
{
	struct nlattr *nest;

	if (nla_put_u32(msg, FTALIAS_A_ALIAS_INCARNATION, incarnation) ||
	    nla_put_u32(msg, FTALIAS_A_ALIAS_MEMBERS, members) ||
	    (active_port &&
	     nla_put_u32(msg, FTALIAS_A_ALIAS_ACTIVE_PORT, active_port)) ||
	    nla_put_u32(msg, FTALIAS_A_ALIAS_PENDING, 5) ||
	    nla_put_u32(msg, FTALIAS_A_ALIAS_HELD, 4294967295U))
		exit(1);
	nest = nla_nest_start(msg, FTALIAS_A_ALIAS_STATS);
	if (!nest ||
	    nla_put_u64(msg, FTALIAS_A_ALIAS_STATS_SENT, 100) ||
	    nla_put_u64(msg, FTALIAS_A_ALIAS_STATS_DELIVERED, 99) ||
	    nla_put_u64(msg, FTALIAS_A_ALIAS_STATS_REDELIVERED, 3) ||
	    nla_put_u64(msg, FTALIAS_A_ALIAS_STATS_RESENT, 2) ||
	    nla_put(msg, FTALIAS_A_ALIAS_STATS_PAD, 0, NULL) ||
	    nla_put_u64(msg, FTALIAS_A_ALIAS_STATS_REPLIES, 95) ||
	    nla_put_u64(msg, FTALIAS_A_ALIAS_STATS_HELD, 7) ||
	    nla_put_u64(msg, FTALIAS_A_ALIAS_STATS_FAILED, 1) ||
	    nla_put_u64(msg, FTALIAS_A_ALIAS_STATS_PROMOTIONS,
			18446744073709551615ULL) ||
	    (log &&
	     (nla_put_u64(msg, FTALIAS_A_ALIAS_STATS_CHECKPOINTS, 6) ||
	      nla_put_u64(msg, FTALIAS_A_ALIAS_STATS_CKPT_LOADS, 2) ||
	      nla_put_u64(msg, FTALIAS_A_ALIAS_STATS_INPUTS_LOGGED,
			  4294967296ULL) ||
	      nla_put_u64(msg, FTALIAS_A_ALIAS_STATS_INPUTS_REPLAYED, 11) ||
	      nla_put_u64(msg, FTALIAS_A_ALIAS_STATS_REPLAY_SUPPRESSED, 9) ||
	      nla_put_u64(msg, FTALIAS_A_ALIAS_STATS_REQUESTS_REISSUED, 5))) ||
	    nla_put_u32(msg, 42, 1))
		exit(1);
	nla_nest_end(msg, nest);
}

/*
 * The latest checkpoint and the input log of alias "db", after the cache
 * nest as the kernel sends them: input-log on, the largest values.
 */
static void add_log(struct nl_msg *msg)
{
	if (nla_put(msg, FTALIAS_A_ALIAS_PAD, 0, NULL) ||
	    nla_put_u64(msg, FTALIAS_A_ALIAS_CKPT_SEQ, 6) ||
	    nla_put_u64(msg, FTALIAS_A_ALIAS_CKPT_BYTES, 8192) ||
	    nla_put_u64(msg, FTALIAS_A_ALIAS_CKPT_INPUT,
			18446744073709551615ULL) ||
	    nla_put_u8(msg, FTALIAS_A_ALIAS_INPUT_LOG, 1) ||
	    nla_put_u32(msg, FTALIAS_A_ALIAS_LOG_INPUTS, 4294967295U) ||
	    nla_put_u32(msg, FTALIAS_A_ALIAS_LOG_OUTPUTS, 4294967294U) ||
	    nla_put_u64(msg, FTALIAS_A_ALIAS_LOG_BYTES, 4294967297ULL))
		exit(1);
}

/*
 * Alias "db" (id 1) of the data path, of cluster scope, with state,
 * stats, replay cache, checkpoint and input log;
 * alias "a.b_c:d-e" (id 4294967295) as the first version of the family
 * sent it.
 */
static void parse_aliases(struct attr_vals v[2])
{
	struct nl_msg *msgs[2];
	int i;

	msgs[0] = alias_msg(FTALIAS_CMD_ALIAS_GET, 1, "db", 0644,
			    FTALIAS_PROMOTION_POLICY_AUTO);
	add_state(msgs[0], 3, 2, 7, true);
	add_cache(msgs[0]);
	add_log(msgs[0]);
	if (nla_put_u8(msgs[0], FTALIAS_A_ALIAS_SCOPE,
		       FTALIAS_ALIAS_SCOPE_CLUSTER))
		exit(1);
	msgs[1] = alias_msg(FTALIAS_CMD_ALIAS_GET, 4294967295U, "a.b_c:d-e",
			    0, FTALIAS_PROMOTION_POLICY_MANUAL);
	for (i = 0; i < 2; i++)
		parse_msg(msgs[i], alias_parse_msg, &v[i]);
}

/*
 * Print the list @v[0..n-1] with @print, the aliases of parse_aliases()
 * for their names, then an empty one (nothing in text); free @v.
 */
static void print_list(int (*print)(const struct attr_vals *v, size_t n,
				    const struct attr_vals *aliases,
				    size_t n_aliases),
		       struct attr_vals *v, size_t n)
{
	struct attr_vals aliases[2];

	parse_aliases(aliases);
	if (print(v, n, aliases, 2) || print(v, 0, aliases, 2))
		exit(1);
	free_vals(v, n);
	free_vals(aliases, 2);
}

static void show(void)
{
	struct attr_vals v[2];
	int i;

	parse_aliases(v);
	open_json_array(NULL);
	for (i = 0; i < 2; i++) {
		alias_print(&v[i]);
		attr_vals_free(&v[i]);
	}
	close_json_array();
}

static struct nl_msg *member_msg(uint8_t cmd, uint32_t alias, uint32_t port,
				 uint32_t priority, uint32_t role,
				 uint32_t state, uint32_t incarnation)
{
	struct nl_msg *msg = new_msg(cmd);

	if (nla_put_u32(msg, FTALIAS_A_MEMBER_ALIAS_ID, alias) ||
	    nla_put_u32(msg, FTALIAS_A_MEMBER_PORT, port) ||
	    nla_put_u32(msg, FTALIAS_A_MEMBER_PID, 4000 + port) ||
	    nla_put_u32(msg, FTALIAS_A_MEMBER_PRIORITY, priority) ||
	    nla_put_u32(msg, FTALIAS_A_MEMBER_ROLE, role) ||
	    nla_put_u32(msg, FTALIAS_A_MEMBER_STATE, state) ||
	    nla_put_u32(msg, FTALIAS_A_MEMBER_QUEUE_LEN, port % 3) ||
	    nla_put_u32(msg, FTALIAS_A_MEMBER_INCARNATION, incarnation) ||
	    nla_put(msg, FTALIAS_A_MEMBER_PAD, 0, NULL) ||
	    nla_put_u64(msg, FTALIAS_A_MEMBER_DELIVERED, 1000 * port) ||
	    nla_put_u64(msg, FTALIAS_A_MEMBER_REDELIVERED, port) ||
	    nla_put_u64(msg, FTALIAS_A_MEMBER_REPLIES, 999 * port) ||
	    nla_put_u32(msg, 42, 1))
		exit(1);
	return msg;
}

/*
 * The members table: the active one marked, a standby, a draining one, an
 * unknown role and state, and a member of an alias that is not listed.
 */
static void members(void)
{
	static const uint32_t m[][6] = {
		/* alias, port, priority, role, state, incarnation */
		{ 1, 7, 10, FTALIAS_MEMBER_ROLE_REPLICA,
		  FTALIAS_MEMBER_STATE_ACTIVE, 3 },
		{ 1, 12, 10, FTALIAS_MEMBER_ROLE_STANDBY,
		  FTALIAS_MEMBER_STATE_BACKUP, 0 },
		{ 1, 123456, 4294967295U, FTALIAS_MEMBER_ROLE_REPLICA,
		  FTALIAS_MEMBER_STATE_DRAINING, 2 },
		{ 4294967295U, 8, 0, 9, 9, 0 },
		{ 77, 9, 0, FTALIAS_MEMBER_ROLE_REPLICA,
		  FTALIAS_MEMBER_STATE_BACKUP, 0 },
	};
	enum { N = sizeof(m) / sizeof(m[0]) };
	struct attr_vals v[N];
	struct nl_msg *msg;
	size_t i;

	for (i = 0; i < N; i++) {
		msg = member_msg(FTALIAS_CMD_MEMBER_GET, m[i][0], m[i][1],
				 m[i][2], m[i][3], m[i][4], m[i][5]);
		parse_msg(msg, member_parse_msg, &v[i]);
	}
	print_list(member_print_list, v, N);
}

/*
 * The members with cluster mode on: this node's, with their node, then
 * those two other nodes announced, with alias-id, port, priority, role,
 * state and node only, one of an alias that is not listed here.
 */
static void cluster_members(void)
{
	static const uint32_t m[][6] = {
		/* alias, port, priority, role, state, node */
		{ 1, 7, 10, FTALIAS_MEMBER_ROLE_REPLICA,
		  FTALIAS_MEMBER_STATE_ACTIVE, 0x1001001 },
		{ 1, 12, 10, FTALIAS_MEMBER_ROLE_STANDBY,
		  FTALIAS_MEMBER_STATE_BACKUP, 0x1001001 },
		{ 1, 2417325108U, 20, FTALIAS_MEMBER_ROLE_REPLICA,
		  FTALIAS_MEMBER_STATE_BACKUP, 0x1001002 },
		{ 4242, 5, 0, FTALIAS_MEMBER_ROLE_STANDBY,
		  FTALIAS_MEMBER_STATE_DRAINING, 0x8a7b6c5d },
	};
	enum { N = sizeof(m) / sizeof(m[0]), N_LOCAL = 2 };
	struct attr_vals v[N];
	struct nl_msg *msg;
	size_t i;

	for (i = 0; i < N; i++) {
		if (i < N_LOCAL) {
			msg = member_msg(FTALIAS_CMD_MEMBER_GET, m[i][0],
					 m[i][1], m[i][2], m[i][3], m[i][4], 3);
		} else {
			msg = new_msg(FTALIAS_CMD_MEMBER_GET);
			if (nla_put_u32(msg, FTALIAS_A_MEMBER_ALIAS_ID, m[i][0]) ||
			    nla_put_u32(msg, FTALIAS_A_MEMBER_PORT, m[i][1]) ||
			    nla_put_u32(msg, FTALIAS_A_MEMBER_PRIORITY, m[i][2]) ||
			    nla_put_u32(msg, FTALIAS_A_MEMBER_ROLE, m[i][3]) ||
			    nla_put_u32(msg, FTALIAS_A_MEMBER_STATE, m[i][4]))
				exit(1);
		}
		if (nla_put_u32(msg, FTALIAS_A_MEMBER_NODE, m[i][5]))
			exit(1);
		parse_msg(msg, member_parse_msg, &v[i]);
	}
	print_list(member_print_list, v, N);
}

static void info(void)
{
	struct nl_msg *msg = new_msg(FTALIAS_CMD_FAMILY_INFO_GET);

	if (nla_put_u32(msg, FTALIAS_A_FAMILY_INFO_VERSION, 1) ||
	    nla_put_u32(msg, FTALIAS_A_FAMILY_INFO_AF_FAMILY, 46) ||
	    nla_put_u32(msg, FTALIAS_A_FAMILY_INFO_ALIASES, 2) ||
	    nla_put_u32(msg, FTALIAS_A_FAMILY_INFO_MAX_ALIASES, 1024) ||
	    nla_put_u32(msg, FTALIAS_A_FAMILY_INFO_CACHE_MAX_ENTRIES_LIMIT,
			1048576) ||
	    nla_put(msg, FTALIAS_A_FAMILY_INFO_PAD, 0, NULL) ||
	    nla_put_u64(msg, FTALIAS_A_FAMILY_INFO_CACHE_MAX_BYTES_LIMIT,
			1ULL << 32) ||
	    nla_put_u64(msg, FTALIAS_A_FAMILY_INFO_CACHE_TOTAL_BYTES_LIMIT,
			1ULL << 30) ||
	    nla_put_u64(msg, FTALIAS_A_FAMILY_INFO_CACHE_TOTAL_BYTES, 123456))
		exit(1);
	if (info_print_reply(nlmsg_hdr(msg), NULL))
		exit(1);
	nlmsg_free(msg);
}

static void put_id(struct nl_msg *msg, int type, uint32_t node,
		   uint32_t alias, uint32_t port, uint32_t incarnation,
		   uint64_t xid)
{
	struct nlattr *nest = nla_nest_start(msg, type);

	if (!nest ||
	    nla_put_u32(msg, FTALIAS_A_ID_NODE, node) ||
	    nla_put_u32(msg, FTALIAS_A_ID_ALIAS, alias) ||
	    nla_put_u32(msg, FTALIAS_A_ID_PORT, port) ||
	    nla_put_u32(msg, FTALIAS_A_ID_INCARNATION, incarnation) ||
	    nla_put(msg, FTALIAS_A_ID_PAD, 0, NULL) ||
	    nla_put_u64(msg, FTALIAS_A_ID_XID, xid) ||
	    nla_put_u32(msg, 42, 1))
		exit(1);
	nla_nest_end(msg, nest);
}

/*
 * Replay-cache entries of alias 1: in progress with an owner, an orphan
 * (no owner), an auto-reply from a client that is not a member, a handler
 * entry with the largest values, an unknown state.
 */
static void cache(void)
{
	static const struct {
		uint32_t alias, port, inc;
		uint64_t xid;
		uint32_t state, age, size, owner, journal;
	} e[] = {
		{ 2, 7, 3, 42, FTALIAS_CACHE_STATE_IN_PROGRESS, 120, 0, 9, 2 },
		{ 2, 8, 2, 41, FTALIAS_CACHE_STATE_IN_PROGRESS, 3000, 0, 0, 0 },
		{ 0, 123456, 0, 1, FTALIAS_CACHE_STATE_AUTO_REPLY, 5, 4096, 0, 0 },
		{ 4294967295U, 4294967295U, 4294967295U,
		  18446744073709551615ULL, FTALIAS_CACHE_STATE_HANDLER,
		  4294967295U, 4294967295U, 0, 0 },
		{ 2, 7, 3, 40, 9, 1, 2, 0, 0 },
	};
	enum { N = sizeof(e) / sizeof(e[0]) };
	struct attr_vals v[N];
	struct nl_msg *msg;
	size_t i;

	for (i = 0; i < N; i++) {
		msg = new_msg(FTALIAS_CMD_CACHE_GET);
		if (nla_put_u32(msg, FTALIAS_A_CACHE_ENTRY_ALIAS_ID, 1))
			exit(1);
		put_id(msg, FTALIAS_A_CACHE_ENTRY_ID, 0, e[i].alias, e[i].port,
		       e[i].inc, e[i].xid);
		if (nla_put_u32(msg, FTALIAS_A_CACHE_ENTRY_STATE, e[i].state) ||
		    nla_put_u32(msg, FTALIAS_A_CACHE_ENTRY_AGE_MS, e[i].age) ||
		    nla_put_u32(msg, FTALIAS_A_CACHE_ENTRY_SIZE, e[i].size) ||
		    (e[i].owner &&
		     nla_put_u32(msg, FTALIAS_A_CACHE_ENTRY_OWNER_PORT,
				 e[i].owner)) ||
		    nla_put_u32(msg, FTALIAS_A_CACHE_ENTRY_JOURNAL,
				e[i].journal) ||
		    nla_put_u32(msg, 42, 1))
			exit(1);
		parse_msg(msg, cache_entry_parse_msg, &v[i]);
	}
	cache_print_entries(v, N);
	cache_print_entries(v, 0);	/* nothing in text */
	free_vals(v, N);
}

static void cache_stats(void)
{
	struct attr_vals v[2];

	parse_aliases(v);
	cache_print_stats(v, 2);
	free_vals(v, 2);
}

static void flush(void)
{
	struct nl_msg *msg = new_msg(FTALIAS_CMD_CACHE_FLUSH);

	if (nla_put_u32(msg, FTALIAS_A_CACHE_FLUSH_ALIAS_ID, 1) ||
	    nla_put_u32(msg, FTALIAS_A_CACHE_FLUSH_FLUSHED, 4294967295U) ||
	    nla_put_u32(msg, 42, 1))
		exit(1);
	if (cache_print_flushed(nlmsg_hdr(msg), NULL))
		exit(1);
	nlmsg_free(msg);
}

/* Relay journal of alias 2: two records of one parent, one of another. */
static void journal(void)
{
	static const struct {
		uint64_t parent_xid, xid;
		uint32_t dest, replied, size;
	} r[] = {
		{ 42, 7, 5, 1, 100 },
		{ 42, 8, 4294967295U, 0, 65536 },
		{ 18446744073709551615ULL, 9, 5, 0, 0 },
	};
	enum { N = sizeof(r) / sizeof(r[0]) };
	struct attr_vals v[N];
	struct nl_msg *msg;
	size_t i;

	for (i = 0; i < N; i++) {
		msg = new_msg(FTALIAS_CMD_JOURNAL_GET);
		if (nla_put_u32(msg, FTALIAS_A_JOURNAL_REC_ALIAS_ID, 2))
			exit(1);
		put_id(msg, FTALIAS_A_JOURNAL_REC_PARENT, 0, 0, 3, 0,
		       r[i].parent_xid);
		put_id(msg, FTALIAS_A_JOURNAL_REC_ID, 0, 2, 11, 1, r[i].xid);
		if (nla_put_u32(msg, FTALIAS_A_JOURNAL_REC_DEST_ALIAS,
				r[i].dest) ||
		    nla_put_u8(msg, FTALIAS_A_JOURNAL_REC_REPLIED,
			       r[i].replied) ||
		    nla_put_u32(msg, FTALIAS_A_JOURNAL_REC_SIZE, r[i].size) ||
		    nla_put_u32(msg, 42, 1))
			exit(1);
		parse_msg(msg, journal_parse_msg, &v[i]);
	}
	journal_print_list(v, N);
	journal_print_list(v, 0);	/* nothing in text */
	free_vals(v, N);
}

/* A cluster-get reply with cluster mode on: every counter distinct. */
static void cluster(void)
{
	struct nl_msg *msg = new_msg(FTALIAS_CMD_CLUSTER_GET);
	struct nlattr *nest;
	unsigned int t;

	if (nla_put_u8(msg, FTALIAS_A_CLUSTER_ENABLED, 1) ||
	    nla_put_u32(msg, FTALIAS_A_CLUSTER_NODE, 0x1001001) ||
	    nla_put(msg, FTALIAS_A_CLUSTER_PAD, 0, NULL) ||
	    nla_put_u64(msg, FTALIAS_A_CLUSTER_BOOT_ID,
			0x9e3779b97f4a7c15ULL) ||
	    nla_put_u32(msg, FTALIAS_A_CLUSTER_NODES, 4294967295U) ||
	    nla_put_u32(msg, FTALIAS_A_CLUSTER_NODES_UP, 2))
		exit(1);
	nest = nla_nest_start(msg, FTALIAS_A_CLUSTER_STATS);
	if (!nest || nla_put(msg, FTALIAS_A_CLUSTER_STATS_PAD, 0, NULL))
		exit(1);
	/* tx 100, tx-errors 101, ... topology-events 106 */
	for (t = FTALIAS_A_CLUSTER_STATS_TX;
	     t <= FTALIAS_A_CLUSTER_STATS_TOPOLOGY_EVENTS; t++)
		if (nla_put_u64(msg, t, 100 + t - FTALIAS_A_CLUSTER_STATS_TX))
			exit(1);
	if (nla_put_u32(msg, 42, 1))
		exit(1);
	nla_nest_end(msg, nest);
	if (nla_put_u32(msg, 42, 1) ||
	    cluster_print_reply(nlmsg_hdr(msg), NULL))
		exit(1);
	nlmsg_free(msg);
}

/* Cluster mode off: enabled 0 alone. */
static void cluster_off(void)
{
	struct nl_msg *msg = new_msg(FTALIAS_CMD_CLUSTER_GET);

	if (nla_put_u8(msg, FTALIAS_A_CLUSTER_ENABLED, 0) ||
	    cluster_print_reply(nlmsg_hdr(msg), NULL))
		exit(1);
	nlmsg_free(msg);
}

static struct nl_msg *node_msg(uint8_t cmd, uint32_t addr, uint32_t state,
			       uint32_t links, uint32_t port, uint64_t boot_id,
			       uint32_t restarts, uint64_t since_ms, bool self)
{
	struct nl_msg *msg = new_msg(cmd);

	if (nla_put_u32(msg, FTALIAS_A_NODE_ADDR, addr) ||
	    nla_put_u32(msg, FTALIAS_A_NODE_STATE, state) ||
	    nla_put_u32(msg, FTALIAS_A_NODE_LINKS, links) ||
	    nla_put_u32(msg, FTALIAS_A_NODE_PORT, port) ||
	    nla_put_u32(msg, FTALIAS_A_NODE_RESTARTS, restarts) ||
	    nla_put(msg, FTALIAS_A_NODE_PAD, 0, NULL) ||
	    nla_put_u64(msg, FTALIAS_A_NODE_BOOT_ID, boot_id) ||
	    nla_put_u64(msg, FTALIAS_A_NODE_SINCE_MS, since_ms) ||
	    (self && nla_put_flag(msg, FTALIAS_A_NODE_SELF)) ||
	    nla_put_u32(msg, 42, 1))
		exit(1);
	return msg;
}

/*
 * The node table as node-get dumps it: this node first, then one in each
 * state, the largest values, an unknown state; nothing for no nodes.
 */
static void nodes(void)
{
	static const struct {
		uint32_t addr, state, links, port;
		uint64_t boot_id;
		uint32_t restarts;
		uint64_t since_ms;
		bool self;
	} n[] = {
		{ 0x1001001, FTALIAS_NODE_STATE_UP, 0, 3782391812U,
		  0x9e3779b97f4a7c15ULL, 0, 93512, true },
		{ 0x1001002, FTALIAS_NODE_STATE_UP, 2, 2417325108U,
		  0xc0ffee0123456789ULL, 1, 12040, false },
		{ 0x1001003, FTALIAS_NODE_STATE_JOINING, 1, 1234567, 0, 0, 5,
		  false },
		{ 0x8a7b6c5d, FTALIAS_NODE_STATE_REACHABLE, 1, 0, 0, 0, 700,
		  false },
		{ 0x1001004, FTALIAS_NODE_STATE_DOWN, 0, 0, 1, 4294967295U,
		  18446744073709551615ULL, false },
		{ 0xffffffff, FTALIAS_NODE_STATE_CONFLICT, 4294967295U,
		  4294967295U, 18446744073709551615ULL, 3, 0, false },
		{ 7, 9, 1, 1, 1, 0, 0, false },
	};
	enum { N = sizeof(n) / sizeof(n[0]) };
	struct attr_vals v[N];
	struct nl_msg *msg;
	size_t i;

	for (i = 0; i < N; i++) {
		msg = node_msg(FTALIAS_CMD_NODE_GET, n[i].addr, n[i].state,
			       n[i].links, n[i].port, n[i].boot_id,
			       n[i].restarts, n[i].since_ms, n[i].self);
		parse_msg(msg, node_parse_msg, &v[i]);
	}
	if (node_print_list(v, N) || node_print_list(v, 0))
		exit(1);
	free_vals(v, N);
}

static const struct conn_row {
	uint32_t id;
	uint64_t seq;
	uint32_t state;
	uint64_t sec;
	uint32_t usec, local_alias, listen_port, local_port, local_pid;
	uint32_t local_queue, peer_port, peer_pid, peer_queue, peer_node;
	uint32_t peer_alias, peer_listen_port;
	const char *peer_name;
} conn_rows[] = {
	/* to alias db from a.b_c:d-e of this node */
	{ 1, 1, FTALIAS_CONN_STATE_ESTABLISHED, 965260920, 640916, 1, 6, 10,
	  541, 2, 9, 551, 0, 0, 4294967295U, 0, "web" },
	/* to a listener's port, from a port */
	{ 2, 2, FTALIAS_CONN_STATE_PENDING, 965261110, 638946, 0, 7, 12, 547,
	  0, 11, 557, 0, 0, 0, 11, "fileclnt" },
	/* from another node, as an alias not listed here, no name */
	{ 3, 18446744073709551615ULL, FTALIAS_CONN_STATE_ESTABLISHED,
	  965261200, 1, 1, 6, 13, 541, 0, 2417325108U, 0, 4294967295U,
	  0x1001002, 77, 0, "" },
	/* the largest node, by port */
	{ 4294967295U, 4, 9, 0, 0, 0, 4294967295U, 1, 0, 0, 5, 0, 0,
	  0xffffffff, 0, 4294967295U, "x" },
};

static struct nl_msg *conn_msg(uint8_t cmd, const struct conn_row *r)
{
	struct nl_msg *msg = new_msg(cmd);

	if (nla_put_u32(msg, FTALIAS_A_CONN_ID, r->id) ||
	    nla_put(msg, FTALIAS_A_CONN_PAD, 0, NULL) ||
	    nla_put_u64(msg, FTALIAS_A_CONN_SEQ, r->seq) ||
	    nla_put_u32(msg, FTALIAS_A_CONN_STATE, r->state) ||
	    nla_put_u64(msg, FTALIAS_A_CONN_EST_SEC, r->sec) ||
	    nla_put_u32(msg, FTALIAS_A_CONN_EST_USEC, r->usec) ||
	    nla_put_u32(msg, FTALIAS_A_CONN_LOCAL_ALIAS, r->local_alias) ||
	    nla_put_u32(msg, FTALIAS_A_CONN_LISTEN_PORT, r->listen_port) ||
	    nla_put_u32(msg, FTALIAS_A_CONN_LOCAL_PORT, r->local_port) ||
	    nla_put_u32(msg, FTALIAS_A_CONN_LOCAL_PID, r->local_pid) ||
	    nla_put_u32(msg, FTALIAS_A_CONN_LOCAL_QUEUE, r->local_queue) ||
	    nla_put_u32(msg, FTALIAS_A_CONN_PEER_PORT, r->peer_port) ||
	    nla_put_u32(msg, FTALIAS_A_CONN_PEER_PID, r->peer_pid) ||
	    nla_put_u32(msg, FTALIAS_A_CONN_PEER_QUEUE, r->peer_queue) ||
	    nla_put_u32(msg, FTALIAS_A_CONN_PEER_NODE, r->peer_node) ||
	    nla_put_u32(msg, FTALIAS_A_CONN_PEER_ALIAS, r->peer_alias) ||
	    nla_put_u32(msg, FTALIAS_A_CONN_PEER_LISTEN_PORT,
			r->peer_listen_port) ||
	    nla_put_string(msg, FTALIAS_A_CONN_PEER_NAME, r->peer_name) ||
	    nla_put_u32(msg, 42, 1))
		exit(1);
	return msg;
}

/*
 * The connection table: the identity as NODE:ALIAS or NODE:port PORT,
 * the node in hex; nothing for no connections.
 */
static void conns(void)
{
	enum { N = sizeof(conn_rows) / sizeof(conn_rows[0]) };
	struct attr_vals v[N];
	struct nl_msg *msg;
	size_t i;

	for (i = 0; i < N; i++) {
		msg = conn_msg(FTALIAS_CMD_CONN_GET, &conn_rows[i]);
		parse_msg(msg, conn_parse_msg, &v[i]);
	}
	print_list(conn_print_list, v, N);
}

/* conn-drop-ntf: a stale connection of another node's peer, replaced. */
static void conn_ntf(void)
{
	struct nl_msg *msg = conn_msg(FTALIAS_CMD_CONN_DROP_NTF,
				      &conn_rows[2]);

	if (nla_put_u32(msg, FTALIAS_A_CONN_REASON,
			FTALIAS_CONN_DROP_REASON_STALE) ||
	    nla_put_u32(msg, FTALIAS_A_CONN_NEW_ID, 5) ||
	    nla_put_u64(msg, FTALIAS_A_CONN_NEW_SEQ, 6) ||
	    nla_put_u64(msg, FTALIAS_A_CONN_NEW_EST_SEC, 965261300) ||
	    nla_put_u32(msg, FTALIAS_A_CONN_NEW_EST_USEC, 2) ||
	    nla_put_u32(msg, FTALIAS_A_CONN_NEW_PEER_PORT, 14) ||
	    nla_put_u32(msg, FTALIAS_A_CONN_NEW_PEER_PID, 649))
		exit(1);
	monitor_event(nlmsg_hdr(msg), NULL);
	nlmsg_free(msg);
}

static void monitor(void)
{
	static const uint8_t cmds[] = {
		FTALIAS_CMD_ALIAS_ADD_NTF,
		FTALIAS_CMD_ALIAS_CHANGE_NTF,
		FTALIAS_CMD_ALIAS_DEL_NTF,
		FTALIAS_CMD_ALIAS_GET,		/* not a notification */
	};
	static const uint8_t member_cmds[] = {
		FTALIAS_CMD_MEMBER_JOIN_NTF,
		FTALIAS_CMD_MEMBER_CHANGE_NTF,
		FTALIAS_CMD_MEMBER_LEAVE_NTF,
		FTALIAS_CMD_MEMBER_GET,		/* not a notification */
		FTALIAS_CMD_MEMBER_SET,		/* not a notification */
		FTALIAS_CMD_MAX + 1,		/* unknown */
	};
	struct nl_msg *msg;
	size_t i;

	for (i = 0; i < sizeof(cmds); i++) {
		msg = alias_msg(cmds[i], 2, "x", 0600,
				FTALIAS_PROMOTION_POLICY_AUTO);
		if (i == 1) {	/* a kernel with the input log: off */
			add_state(msg, 1, 1, 5, false);
			if (nla_put_u8(msg, FTALIAS_A_ALIAS_INPUT_LOG, 0) ||
			    nla_put_u8(msg, FTALIAS_A_ALIAS_SCOPE,
				       FTALIAS_ALIAS_SCOPE_LOCAL))
				exit(1);
		}
		monitor_event(nlmsg_hdr(msg), NULL);
		nlmsg_free(msg);
	}
	for (i = 0; i < sizeof(member_cmds); i++) {
		msg = member_msg(member_cmds[i], 2, 5, 1,
				 FTALIAS_MEMBER_ROLE_REPLICA,
				 FTALIAS_MEMBER_STATE_ACTIVE, 1);
		monitor_event(nlmsg_hdr(msg), NULL);
		nlmsg_free(msg);
	}
	/* a node coming up, this node (cluster mode on); a node-get reply */
	msg = node_msg(FTALIAS_CMD_NODE_CHANGE_NTF, 0x1001002,
		       FTALIAS_NODE_STATE_UP, 1, 2417325108U,
		       0xc0ffee0123456789ULL, 1, 0, false);
	monitor_event(nlmsg_hdr(msg), NULL);
	nlmsg_free(msg);
	msg = node_msg(FTALIAS_CMD_NODE_CHANGE_NTF, 0x1001001,
		       FTALIAS_NODE_STATE_UP, 0, 3782391812U,
		       0x9e3779b97f4a7c15ULL, 0, 0, true);
	monitor_event(nlmsg_hdr(msg), NULL);
	nlmsg_free(msg);
	msg = node_msg(FTALIAS_CMD_NODE_GET, 0x1001003,
		       FTALIAS_NODE_STATE_DOWN, 0, 0, 0, 0, 0, false);
	monitor_event(nlmsg_hdr(msg), NULL);
	nlmsg_free(msg);
}

int main(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc - 1; i++) {
		if (!strcmp(argv[i], "-j"))
			opts.json = true;
		else if (!strcmp(argv[i], "-p"))
			opts.pretty = true;
		else if (!strcmp(argv[i], "-s"))
			opts.stats = true;
		else if (!strcmp(argv[i], "-c"))
			opts.config = true;
	}
	if (argc < 2)
		return 2;
	new_json_obj(opts.json, opts.pretty);
	if (!strcmp(argv[argc - 1], "show"))
		show();
	else if (!strcmp(argv[argc - 1], "info"))
		info();
	else if (!strcmp(argv[argc - 1], "monitor"))
		monitor();
	else if (!strcmp(argv[argc - 1], "members"))
		members();
	else if (!strcmp(argv[argc - 1], "cluster-members"))
		cluster_members();
	else if (!strcmp(argv[argc - 1], "cache"))
		cache();
	else if (!strcmp(argv[argc - 1], "cache-stats"))
		cache_stats();
	else if (!strcmp(argv[argc - 1], "flush"))
		flush();
	else if (!strcmp(argv[argc - 1], "journal"))
		journal();
	else if (!strcmp(argv[argc - 1], "cluster"))
		cluster();
	else if (!strcmp(argv[argc - 1], "cluster-off"))
		cluster_off();
	else if (!strcmp(argv[argc - 1], "nodes"))
		nodes();
	else if (!strcmp(argv[argc - 1], "conns"))
		conns();
	else if (!strcmp(argv[argc - 1], "conn-ntf"))
		conn_ntf();
	else
		return 2;
	return 0;
}
