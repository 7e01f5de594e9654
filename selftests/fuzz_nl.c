// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_nl: the netlink fuzzer of the ftalias generic netlink family.
 *
 * Every step sends one batch of messages (one sendmsg) to the family: for
 * a random operation of Documentation/netlink/specs/ftalias.yaml a valid
 * message (spec attributes, interesting values, ids, names and ports of
 * objects that exist), often mutated: unknown or out-of-range attribute
 * types, NLA_F_NESTED / NLA_F_NET_BYTEORDER, wrong payload lengths,
 * nla_len past the end, truncated headers, strings without NUL or too
 * long, nested garbage and deep nesting, repeated attributes, huge values,
 * unknown commands, versions, truncated genl headers, random nlmsg_flags,
 * nlmsg_len shorter or longer than the data (such a message ends its
 * batch: netlink_rcv_skb stops there).  Every answer is checked: one final
 * NLMSG_ERROR per request that asks for it, errno in 1..4095 and never
 * ERESTART*, the echoed header, extack TLVs, replies and dump parts of the
 * family with well-formed attribute streams, dumps ending in NLMSG_DONE,
 * sequence numbers and port ids; a batch must be answered within
 * --timeout seconds.  A sentinel family-info-get with NLM_F_ACK ends every
 * batch and must succeed.
 *
 * Shares of the steps run as an unprivileged child (uid/gid 65534, no
 * capabilities: an admin-perm operation never succeeds, a clean message
 * gets EPERM) and in a second network namespace torn down and recreated
 * every --netns-steps steps.  A thread dumps every dumpable operation in a
 * loop meanwhile.  At the end every alias the run created is deleted and
 * family-info must show the aliases and cache bytes of the start.
 *
 * Reproduce: selftests/fuzz_nl --seed S [--steps LIST] [--isolated]; on a failure
 * found here, --minimize reduces the steps (each attempt in a fresh
 * network namespace, as --isolated runs them) and prints the command.
 * Options: see lib/fuzz_util.h and usage() below.
 *
 * Masks of kernel bugs found by this fuzzer: none so far.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <pthread.h>
#include <signal.h>
#include <grp.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <sys/capability.h>
#include <linux/ftalias_genl.h>

#include "lib/fuzz_util.h"
#include "lib/dp_util.h"

#define MAXB		64	/* messages in a batch, sentinel included */
#define MSGMAX		2048
#define NSLOT		32
#define SLOTSZ		65536
#define NOBODY		65534
#define NNAMES		48

enum { R_ROOT, R_UNPRIV, R_NETNS };
static const char *const role_name[] = { "root", "unpriv", "netns" };

/* ---- the spec ------------------------------------------------------- */

enum { K_U8, K_U32, K_U64, K_STR, K_FLAG };
enum { P_NONE, P_ALIAS, P_PORT, P_CONN, P_UID };

struct fattr {
	uint16_t type;
	uint8_t kind, pool;
	uint64_t min, max;	/* max 0: none */
};

#define A_ID(t)		{ t, K_U32, P_ALIAS, 1, 0 }
static const struct fattr a_alias_sel[] = {
	A_ID(FTALIAS_A_ALIAS_ID), { FTALIAS_A_ALIAS_NAME, K_STR, 0, 0, 0 },
};
static const struct fattr a_alias_del[] = {
	A_ID(FTALIAS_A_ALIAS_ID), { FTALIAS_A_ALIAS_NAME, K_STR, 0, 0, 0 },
	{ FTALIAS_A_ALIAS_MOVED, K_FLAG, 0, 0, 0 },
};
static const struct fattr a_alias_cfg[] = {
	A_ID(FTALIAS_A_ALIAS_ID), { FTALIAS_A_ALIAS_NAME, K_STR, 0, 0, 0 },
	{ FTALIAS_A_ALIAS_UID, K_U32, P_UID, 0, 0 },
	{ FTALIAS_A_ALIAS_GID, K_U32, P_UID, 0, 0 },
	{ FTALIAS_A_ALIAS_MODE, K_U32, 0, 0, FTALIAS_MODE_MAX },
	{ FTALIAS_A_ALIAS_POLICY, K_U32, 0, 0, 1 },
	{ FTALIAS_A_ALIAS_GRACE_MS, K_U32, 0, 0, FTALIAS_GRACE_MS_MAX },
	{ FTALIAS_A_ALIAS_CACHE_MAX_ENTRIES, K_U32, 0, 1, 0 },
	{ FTALIAS_A_ALIAS_CACHE_MAX_BYTES, K_U64, 0, 1, 0 },
	{ FTALIAS_A_ALIAS_CACHE_TTL_MS, K_U32, 0, 1, FTALIAS_CACHE_TTL_MS_MAX },
	{ FTALIAS_A_ALIAS_RECORD_REPLIES, K_U8, 0, 0, 1 },
	{ FTALIAS_A_ALIAS_INPUT_LOG, K_U8, 0, 0, 1 },
	/* Last: alias-new's only. */
	{ FTALIAS_A_ALIAS_SCOPE, K_U8, 0, 0, 1 },
};
static const struct fattr a_member_get[] = {
	A_ID(FTALIAS_A_MEMBER_ALIAS_ID),
	{ FTALIAS_A_MEMBER_PORT, K_U32, P_PORT, 1, 0 },
};
static const struct fattr a_member_set[] = {
	A_ID(FTALIAS_A_MEMBER_ALIAS_ID),
	{ FTALIAS_A_MEMBER_PORT, K_U32, P_PORT, 1, 0 },
	{ FTALIAS_A_MEMBER_PRIORITY, K_U32, 0, 0, 0 },
	{ FTALIAS_A_MEMBER_STATE, K_U32, 0, 0, 2 },
};
static const struct fattr a_alias_id1[] = { A_ID(1) };
static const struct fattr a_save[] = {
	A_ID(FTALIAS_A_SAVE_ALIAS_ID),
	{ FTALIAS_A_SAVE_MOVE, K_FLAG, 0, 0, 0 },
};
static const struct fattr a_flush[] = {
	A_ID(FTALIAS_A_CACHE_FLUSH_ALIAS_ID),
	{ FTALIAS_A_CACHE_FLUSH_IN_PROGRESS, K_FLAG, 0, 0, 0 },
};
static const struct fattr a_conn_get[] = {
	{ FTALIAS_A_CONN_ID, K_U32, P_CONN, 1, 0 },
	{ FTALIAS_A_CONN_LOCAL_ALIAS, K_U32, P_ALIAS, 0, 0 },
};
static const struct fattr a_conn_dump[] = {
	{ FTALIAS_A_CONN_LOCAL_ALIAS, K_U32, P_ALIAS, 0, 0 },
};
static const struct fattr a_cluster_set[] = {
	{ FTALIAS_A_CLUSTER_ENABLED, K_U8, 0, 0, 1 },
};
static const struct fattr a_conn_id[] = {
	{ FTALIAS_A_CONN_ID, K_U32, P_CONN, 1, 0 },
};

struct fop {
	const char *name;
	uint8_t cmd;
	bool has_do, has_dump, admin_do, admin_dump;
	const struct fattr *req, *dreq;
	int nreq, ndreq, maxattr;
};

#define N(a)	(int)(sizeof(a) / sizeof((a)[0]))
static const struct fop ops[] = {
	{ "family-info-get", FTALIAS_CMD_FAMILY_INFO_GET, 1, 0, 0, 0,
	  NULL, NULL, 0, 0, FTALIAS_A_FAMILY_INFO_MAX },
	{ "alias-get", FTALIAS_CMD_ALIAS_GET, 1, 1, 0, 0,
	  a_alias_sel, NULL, N(a_alias_sel), 0, FTALIAS_A_ALIAS_MAX },
	{ "alias-new", FTALIAS_CMD_ALIAS_NEW, 1, 0, 1, 0,
	  a_alias_cfg, NULL, N(a_alias_cfg), 0, FTALIAS_A_ALIAS_MAX },
	{ "alias-del", FTALIAS_CMD_ALIAS_DEL, 1, 0, 1, 0,
	  a_alias_del, NULL, N(a_alias_del), 0, FTALIAS_A_ALIAS_MAX },
	{ "alias-set", FTALIAS_CMD_ALIAS_SET, 1, 0, 1, 0,
	  a_alias_cfg, NULL, N(a_alias_cfg) - 1, 0, FTALIAS_A_ALIAS_MAX },
	{ "member-get", FTALIAS_CMD_MEMBER_GET, 1, 1, 0, 0,
	  a_member_get, a_alias_id1, N(a_member_get), 1, FTALIAS_A_MEMBER_MAX },
	{ "member-set", FTALIAS_CMD_MEMBER_SET, 1, 0, 1, 0,
	  a_member_set, NULL, N(a_member_set), 0, FTALIAS_A_MEMBER_MAX },
	{ "cache-get", FTALIAS_CMD_CACHE_GET, 0, 1, 0, 1,
	  NULL, a_alias_id1, 0, 1, FTALIAS_A_CACHE_ENTRY_MAX },
	{ "cache-flush", FTALIAS_CMD_CACHE_FLUSH, 1, 0, 1, 0,
	  a_flush, NULL, N(a_flush), 0, FTALIAS_A_CACHE_FLUSH_MAX },
	{ "journal-get", FTALIAS_CMD_JOURNAL_GET, 0, 1, 0, 1,
	  NULL, a_alias_id1, 0, 1, FTALIAS_A_JOURNAL_REC_MAX },
	{ "conn-get", FTALIAS_CMD_CONN_GET, 1, 1, 1, 1,
	  a_conn_get, a_conn_dump, N(a_conn_get), 1, FTALIAS_A_CONN_MAX },
	{ "conn-drop", FTALIAS_CMD_CONN_DROP, 1, 0, 1, 0,
	  a_conn_id, NULL, N(a_conn_id), 0, FTALIAS_A_CONN_MAX },
	{ "alias-save", FTALIAS_CMD_ALIAS_SAVE, 0, 1, 0, 1,
	  NULL, a_save, 0, N(a_save), FTALIAS_A_SAVE_MAX },
	/* its records come from gen_restore() */
	{ "alias-restore", FTALIAS_CMD_ALIAS_RESTORE, 1, 0, 1, 0,
	  NULL, NULL, 0, 0, FTALIAS_A_SAVE_MAX },
	{ "cluster-get", FTALIAS_CMD_CLUSTER_GET, 1, 0, 0, 0,
	  NULL, NULL, 0, 0, FTALIAS_A_CLUSTER_MAX },
	/* on: EADDRNOTAVAIL or EAFNOSUPPORT, TIPC has no address here */
	{ "cluster-set", FTALIAS_CMD_CLUSTER_SET, 1, 0, 1, 0,
	  a_cluster_set, NULL, N(a_cluster_set), 0, FTALIAS_A_CLUSTER_MAX },
	{ "node-get", FTALIAS_CMD_NODE_GET, 0, 1, 0, 0,
	  NULL, NULL, 0, 0, FTALIAS_A_NODE_MAX },
};
#define NOPS	N(ops)
#define OP_OTHER NOPS	/* stats bucket: commands that are no operation */

/*
 * Reply attribute sets, one character per type from 1: w u32, q u64,
 * b u8, s string, p pad, f flag, x binary; nests: A alias-stats,
 * C cache-stats, I id, and the records of alias-save: H header, L alias,
 * D ids, E entry, J journal record, K client, T trailer, P checkpoint,
 * N input, O output; S cluster-stats.
 */
static const char set_alias[] = "wswwwwwwqwpwwwwwAbCfqqbwqqwb";
static const char set_alias_stats[] = "qqqqqqqqpqqqqqq";
static const char set_cache_stats[] = "wqwwwqqqqqqqqqqqqqqp";
static const char set_member[] = "wwwwwwwwqqqpw";
static const char set_info[] = "wwwwwqpqq";
static const char set_id[] = "wwwwqp";
static const char set_entry[] = "wIwwwww";
static const char set_flush[] = "wfw";
static const char set_journal[] = "wIIwbw";
static const char set_conn[] = "wqwqwwwwwwwwwwwwswwqqwwwp";
static const char set_save[] = "wwHLDxExJKTwswRGfPNO";
static const char set_save_header[] = "www";
static const char set_save_ids[] = "qqpq";
static const char set_save_entry[] = "xwwwwwx";
static const char set_save_jrec[] = "xwfwx";
static const char set_save_client[] = "wwqpq";
static const char set_save_request[] = "xwfwxqp";
static const char set_save_held[] = "xwwwwwx";
static const char set_save_trailer[] = "wwwqpwwqww";
static const char set_save_checkpoint[] = "qqxpq";
static const char set_save_input[] = "qxwwwwfwxp";
static const char set_save_output[] = "xwww";
static const char set_cluster[] = "bwqwwSp";
static const char set_cluster_stats[] = "qqqqqqqpqqqqqqq";
static const char set_node[] = "wwwwqwqfp";

/* A new attribute of these sets is to be added above. */
#define SET_IS(set, max) \
	_Static_assert(sizeof(set) - 1 == (max), #set " and " #max " differ")
SET_IS(set_alias, FTALIAS_A_ALIAS_MAX);
SET_IS(set_alias_stats, FTALIAS_A_ALIAS_STATS_MAX);
SET_IS(set_cache_stats, FTALIAS_A_CACHE_STATS_MAX);
SET_IS(set_member, FTALIAS_A_MEMBER_MAX);
SET_IS(set_info, FTALIAS_A_FAMILY_INFO_MAX);
SET_IS(set_entry, FTALIAS_A_CACHE_ENTRY_MAX);
SET_IS(set_flush, FTALIAS_A_CACHE_FLUSH_MAX);
SET_IS(set_journal, FTALIAS_A_JOURNAL_REC_MAX);
SET_IS(set_conn, FTALIAS_A_CONN_MAX);
SET_IS(set_save, FTALIAS_A_SAVE_MAX);
SET_IS(set_cluster, FTALIAS_A_CLUSTER_MAX);
SET_IS(set_cluster_stats, FTALIAS_A_CLUSTER_STATS_MAX);
SET_IS(set_node, FTALIAS_A_NODE_MAX);

/* The set of a nest's letter. */
static const char *nest_set(char k)
{
	switch (k) {
	case 'A': return set_alias_stats;
	case 'C': return set_cache_stats;
	case 'I': return set_id;
	case 'H': return set_save_header;
	case 'L': return set_alias;
	case 'D': return set_save_ids;
	case 'E': return set_save_entry;
	case 'J': return set_save_jrec;
	case 'K': return set_save_client;
	case 'T': return set_save_trailer;
	case 'R': return set_save_request;
	case 'G': return set_save_held;
	case 'P': return set_save_checkpoint;
	case 'N': return set_save_input;
	case 'O': return set_save_output;
	case 'S': return set_cluster_stats;
	}
	return NULL;
}

static const char *reply_set(uint8_t cmd)
{
	switch (cmd) {
	case FTALIAS_CMD_FAMILY_INFO_GET: return set_info;
	case FTALIAS_CMD_ALIAS_GET ... FTALIAS_CMD_ALIAS_DEL_NTF:
		return set_alias;
	case FTALIAS_CMD_MEMBER_GET ... FTALIAS_CMD_MEMBER_CHANGE_NTF:
		return set_member;
	case FTALIAS_CMD_CACHE_GET: return set_entry;
	case FTALIAS_CMD_CACHE_FLUSH: return set_flush;
	case FTALIAS_CMD_JOURNAL_GET: return set_journal;
	case FTALIAS_CMD_CONN_GET ... FTALIAS_CMD_CONN_DROP_NTF:
		return set_conn;
	case FTALIAS_CMD_ALIAS_SAVE: return set_save;
	case FTALIAS_CMD_ALIAS_RESTORE: return set_save;
	case FTALIAS_CMD_CLUSTER_GET ... FTALIAS_CMD_CLUSTER_SET:
		return set_cluster;
	case FTALIAS_CMD_NODE_GET ... FTALIAS_CMD_NODE_CHANGE_NTF:
		return set_node;
	}
	return NULL;
}

/* ---- options and shared state ----------------------------------------- */

static struct fz_opts o;
static unsigned int opt_batch = 32, opt_unpriv = 10, opt_netns = 10;
static unsigned int opt_mutate = 50, opt_timeout = 5;
static uint64_t opt_netns_steps = 5000, opt_refresh = 4000;
static bool opt_no_dump, opt_isolated, quiet;

static int other_opt(const char *a, const char *v)
{
	if (!strcmp(a, "--batch"))
		opt_batch = strtoul(v, NULL, 0);
	else if (!strcmp(a, "--unpriv-share"))
		opt_unpriv = strtoul(v, NULL, 0);
	else if (!strcmp(a, "--netns-share"))
		opt_netns = strtoul(v, NULL, 0);
	else if (!strcmp(a, "--netns-steps"))
		opt_netns_steps = strtoull(v, NULL, 0);
	else if (!strcmp(a, "--mutate"))
		opt_mutate = strtoul(v, NULL, 0);
	else if (!strcmp(a, "--timeout"))
		opt_timeout = strtoul(v, NULL, 0);
	else if (!strcmp(a, "--refresh"))
		opt_refresh = strtoull(v, NULL, 0);
	else if (!strcmp(a, "--no-dump-thread"))
		return opt_no_dump = true, 0;
	else if (!strcmp(a, "--isolated"))
		return opt_isolated = true, 0;
	else
		return -1;
	return 1;
}

struct pool {
	uint32_t alias[16];	/* 0..3: setup, 4..15: created */
	uint32_t port[8];
	uint32_t conn[4];
	uint32_t next;
};

struct stats {
	uint64_t msgs, steps, dumps;
	uint64_t ok[NOPS + 1], err[NOPS + 1][134];
};

struct shared {
	struct pool pool[2];	/* init namespace, second namespace */
	struct stats st[4];	/* root, unpriv, netns, dump threads */
	volatile int failed;
	volatile uint64_t fail_step;
	volatile int stop;
};
static struct shared *sh;
static double deadline;

/* ---- a process's netlink socket and its batch ------------------------- */

struct req {
	uint32_t seq, nlmsg_len, off, size;
	uint16_t flags;
	uint8_t cmd, lenmut;
	int op;
	bool clean, dump, sentinel, processed;
	int nack, nerr, ndone, ndata, err;
	bool final;
	bool overrun;		/* a dump refused with ENOBUFS, going on */
	uint8_t last[256];
	uint32_t lastlen;
};

enum { LM_NONE, LM_TINY, LM_LONG, LM_SHORT };

struct ctx {
	int fd, role, af;
	uint16_t fam;
	uint32_t portid, seq;
	struct pool *pool;
	struct stats *st;
	struct dp_nl *nl;	/* setup and cleanup */
	uint64_t step;
	int sfd[8];		/* setup sockets */
	int nsfd;
	uint32_t setup_alias[2];
	/* the batch */
	struct req q[MAXB + 1];
	int n;
	uint8_t out[MAXB * MSGMAX];
	size_t len;
	/* the answers: one recvmmsg() of up to NSLOT messages */
	struct mmsghdr mm[NSLOT];
	struct iovec iov[NSLOT];
	uint8_t rbuf[NSLOT][SLOTSZ];
};

static struct ctx *cx;		/* the stream of this process */

static int nl_fuzz_socket(struct ctx *c)
{
	struct dp_nl *d = dp_nl_open();
	struct sockaddr_nl sa;
	socklen_t sl = sizeof(sa);
	struct timeval tv = { opt_timeout, 0 };
	int one = 1, big = 8 << 20;

	if (!d)
		return -1;
	c->fd = d->fd;
	c->fam = d->fam;
	free(d);
	setsockopt(c->fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	if (setsockopt(c->fd, SOL_SOCKET, SO_RCVBUFFORCE, &big, sizeof(big)))
		setsockopt(c->fd, SOL_SOCKET, SO_RCVBUF, &big, sizeof(big));
	setsockopt(c->fd, SOL_SOCKET, SO_SNDBUF, &big, sizeof(big));
	setsockopt(c->fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	getsockname(c->fd, (struct sockaddr *)&sa, &sl);
	c->portid = sa.nl_pid;
	c->seq = (uint32_t)fz_mix(getpid() ^ o.seed) | 1;
	return 0;
}

static void hexdump(const char *what, const void *p, size_t n)
{
	const uint8_t *b = p;
	size_t i;

	printf("  %s (%zu bytes):", what, n);
	for (i = 0; i < n && i < 512; i++)
		printf("%s%02x", i % 16 ? " " : "\n    ", b[i]);
	printf("\n");
}

static void fail(struct ctx *c, struct req *q, const char *fmt, ...)
{
	va_list ap;

	if (!quiet) {
		printf("FAIL seed=%" PRIu64 " step=%" PRIu64 " role=%s: ",
		       o.seed, c->step, role_name[c->role]);
		va_start(ap, fmt);
		vprintf(fmt, ap);
		va_end(ap);
		printf("\n");
		if (q) {
			printf("  request %s cmd %u flags %#x len %u seq %u: "
			       "acks %d errors %d done %d data %d err %d\n",
			       q->op >= 0 && q->op < NOPS ? ops[q->op].name : "?",
			       q->cmd, q->flags, q->nlmsg_len, q->seq, q->nack,
			       q->nerr, q->ndone, q->ndata, q->err);
			hexdump("request", c->out + q->off, q->size);
			if (q->lastlen)
				hexdump("last reply", q->last, q->lastlen);
		}
		fflush(stdout);
	}
	if (!__sync_lock_test_and_set(&sh->failed, 1))
		sh->fail_step = c->step;
}

static bool errno_ok(int err)
{
	return err <= 0 && err > -4096 && (err > -512 || err < -530);
}

/* ---- checking ----------------------------------------------------------- */

/* A well-formed attribute stream of set (NULL: any types, no payloads). */
static bool attrs_ok(const uint8_t *p, int len, const char *set, int depth,
		     const char **why)
{
	while (len > 0) {
		const struct nlattr *a = (const void *)p;
		int t, plen, max = set ? (int)strlen(set) : 0xffff;
		char k;

		if (len < NLA_HDRLEN || a->nla_len < NLA_HDRLEN ||
		    a->nla_len > len)
			return *why = "attribute header or nla_len past the end",
			       false;
		t = a->nla_type & NLA_TYPE_MASK;
		plen = a->nla_len - NLA_HDRLEN;
		if (t < 1 || t > max)
			return *why = "attribute type out of the set", false;
		k = set ? set[t - 1] : 'p';
		if ((k >= 'A' && k <= 'Z') != !!(a->nla_type & NLA_F_NESTED))
			return *why = "NLA_F_NESTED wrong", false;
		switch (k) {
		case 'w': if (plen != 4) return *why = "u32 length", false; break;
		case 'q': if (plen != 8) return *why = "u64 length", false; break;
		case 'b': if (plen != 1) return *why = "u8 length", false; break;
		case 'f': if (plen) return *why = "flag length", false; break;
		case 's':
			if (!plen || p[NLA_HDRLEN + plen - 1] ||
			    strlen((const char *)p + NLA_HDRLEN) + 1 != (size_t)plen)
				return *why = "string not NUL-terminated", false;
			break;
		default:
			if (nest_set(k) &&
			    (depth > 4 ||
			     !attrs_ok(p + NLA_HDRLEN, plen, nest_set(k),
				       depth + 1, why)))
				return false;
			break;
		}
		if (NLA_ALIGN(a->nla_len) > len)
			break;
		len -= NLA_ALIGN(a->nla_len);
		p += NLA_ALIGN(a->nla_len);
	}
	return true;
}

/* extack TLVs after an error or DONE */
static bool ext_ok(struct req *q, const uint8_t *p, int len, const char **why)
{
	while (len > 0) {
		const struct nlattr *a = (const void *)p;
		int plen;

		if (len < NLA_HDRLEN || a->nla_len < NLA_HDRLEN ||
		    a->nla_len > len)
			return *why = "extack TLV past the end", false;
		plen = a->nla_len - NLA_HDRLEN;
		switch (a->nla_type & NLA_TYPE_MASK) {
		case NLMSGERR_ATTR_MSG:
			if (!plen || p[NLA_HDRLEN + plen - 1])
				return *why = "extack message without NUL",
				       false;
			break;
		case NLMSGERR_ATTR_OFFS: {
			uint32_t off;

			if (plen != 4)
				return *why = "extack offset length", false;
			memcpy(&off, p + NLA_HDRLEN, 4);
			if (off < NLMSG_HDRLEN || off >= q->nlmsg_len)
				return *why = "extack offset outside the request",
				       false;
			break;
		}
		case NLMSGERR_ATTR_MISS_TYPE:
		case NLMSGERR_ATTR_MISS_NEST:
			if (plen != 4)
				return *why = "extack missing-attr length",
				       false;
			break;
		case NLMSGERR_ATTR_COOKIE:
			if (plen > 20)
				return *why = "extack cookie too long", false;
			break;
		case NLMSGERR_ATTR_POLICY:
			if (!attrs_ok(p + NLA_HDRLEN, plen, NULL, 0, why))
				return false;
			break;
		default:
			if ((a->nla_type & NLA_TYPE_MASK) > 16)
				return *why = "unknown extack TLV", false;
		}
		if (NLA_ALIGN(a->nla_len) > len)
			break;
		len -= NLA_ALIGN(a->nla_len);
		p += NLA_ALIGN(a->nla_len);
	}
	return true;
}

static void pool_learn(struct pool *pl, uint32_t id)
{
	int i;

	for (i = 0; i < 16; i++)
		if (pl->alias[i] == id)
			return;
	pl->alias[4 + pl->next++ % 12] = id;
}

static void learn_attr(int type, void *p, int len, void *arg)
{
	if (type == FTALIAS_A_ALIAS_ID && len == 4)
		pool_learn(arg, *(uint32_t *)p);
}

/* One message of the answer to the batch.  Returns false on a failure. */
static bool on_reply(struct ctx *c, struct nlmsghdr *h, int len)
{
	uint32_t i = h->nlmsg_seq - c->q[0].seq;
	const char *why = NULL;
	struct req *q;

	if (i >= (uint32_t)c->n) {
		fail(c, NULL, "reply with an unknown seq %u (type %u)",
		     h->nlmsg_seq, h->nlmsg_type);
		hexdump("reply", h, len);
		return false;
	}
	q = &c->q[i];
	q->lastlen = len < 256 ? len : 256;
	memcpy(q->last, h, q->lastlen);
	if (h->nlmsg_pid != c->portid)
		return fail(c, q, "reply to port id %u", h->nlmsg_pid), false;
	if (!q->processed)
		return fail(c, q, "reply to a message the kernel must skip"),
		       false;
	if (h->nlmsg_type == NLMSG_ERROR || h->nlmsg_type == NLMSG_DONE) {
		bool done = h->nlmsg_type == NLMSG_DONE;
		struct nlmsgerr *e = NLMSG_DATA(h);
		int need = done ? 4 : (int)sizeof(*e), hl;

		if (len < (int)NLMSG_LENGTH(need))
			return fail(c, q, "short error/done"), false;
		if (q->final)
			return fail(c, q, "a second final message"), false;
		if (!errno_ok(e->error))
			return fail(c, q, "bad errno %d", e->error), false;
		if (done && !q->dump)
			return fail(c, q, "NLMSG_DONE for a do"), false;
		if (done && !(h->nlmsg_flags & NLM_F_MULTI))
			return fail(c, q, "NLMSG_DONE without NLM_F_MULTI"),
			       false;
		if (!done && !e->error && q->dump)
			return fail(c, q, "an ack for a dump"), false;
		if (!done && memcmp(&e->msg, c->out + q->off, NLMSG_HDRLEN))
			return fail(c, q, "echoed header differs"), false;
		if (!done && !(h->nlmsg_flags & NLM_F_CAPPED))
			return fail(c, q, "ack not capped (NETLINK_CAP_ACK)"),
			       false;
		hl = NLMSG_ALIGN(NLMSG_LENGTH(need));
		/*
		 * A dump that starts while the socket's receive buffer is full
		 * (an unprivileged socket's is small: no SO_RCVBUFFORCE) is
		 * answered ENOBUFS by the netlink core, which goes on with it
		 * at the next read (netlink_dump()): its parts and its
		 * NLMSG_DONE follow.  Not final, once.  fuzz_nl seed
		 * 214435563 on 6.1.
		 */
		if (!done && q->dump && e->error == -ENOBUFS && !q->overrun) {
			q->overrun = true;
			q->nerr++;
			return true;
		}
		if (h->nlmsg_flags & NLM_F_ACK_TLVS) {
			if (len > hl && !ext_ok(q, (uint8_t *)h + hl, len - hl,
						&why))
				return fail(c, q, "%s", why), false;
		} else if (len > hl) {
			return fail(c, q, "bytes after the error without TLVs"),
			       false;
		}
		q->final = true;
		q->err = e->error;
		if (done)
			q->ndone++;
		else if (e->error)
			q->nerr++;
		else
			q->nack++;
		return true;
	}
	if (h->nlmsg_type != c->fam)
		return fail(c, q, "reply of type %u", h->nlmsg_type), false;
	if (q->final)
		return fail(c, q, "data after the final message"), false;
	if (len < (int)NLMSG_LENGTH(GENL_HDRLEN))
		return fail(c, q, "reply shorter than the genl header"), false;
	{
		struct genlmsghdr *g = NLMSG_DATA(h);
		const char *set = reply_set(g->cmd);

		if (!set)
			return fail(c, q, "reply cmd %u", g->cmd), false;
		if (q->dump && !(h->nlmsg_flags & NLM_F_MULTI))
			return fail(c, q, "dump part without NLM_F_MULTI"),
			       false;
		if (!attrs_ok((uint8_t *)g + GENL_HDRLEN,
			      len - NLMSG_LENGTH(GENL_HDRLEN), set, 0, &why))
			return fail(c, q, "reply: %s", why), false;
		if (g->cmd == FTALIAS_CMD_ALIAS_NEW)
			dp_attrs(h, learn_attr, c->pool);
	}
	q->ndata++;
	return true;
}

static bool waiting(struct ctx *c)
{
	int i;

	for (i = 0; i < c->n; i++) {
		struct req *q = &c->q[i];

		if (q->processed && !q->final &&
		    (q->dump || (q->flags & NLM_F_ACK)))
			return true;
	}
	return false;
}

/* Reads until every answer is in; false on a failure. */
static bool collect(struct ctx *c)
{
	struct mmsghdr *mm = c->mm;
	struct iovec *iov = c->iov;
	int i;

	for (i = 0; i < NSLOT; i++) {
		iov[i].iov_base = c->rbuf[i];
		iov[i].iov_len = SLOTSZ;
		mm[i].msg_hdr.msg_iov = &iov[i];
		mm[i].msg_hdr.msg_iovlen = 1;
	}
	while (waiting(c)) {
		int got = recvmmsg(c->fd, mm, NSLOT, MSG_WAITFORONE, NULL);

		if (got < 0) {
			struct req *q = NULL;

			for (i = 0; i < c->n && !q; i++)
				if (c->q[i].processed && !c->q[i].final &&
				    (c->q[i].dump || (c->q[i].flags & NLM_F_ACK)))
					q = &c->q[i];
			fail(c, q, "no answer (%s)", strerror(errno));
			return false;
		}
		for (i = 0; i < got; i++) {
			struct nlmsghdr *h = (void *)c->rbuf[i];
			int n = mm[i].msg_len;

			if (mm[i].msg_hdr.msg_flags & MSG_TRUNC)
				return fail(c, NULL, "reply truncated"), false;
			for (; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n))
				if (!on_reply(c, h, h->nlmsg_len))
					return false;
			if (n)
				return fail(c, NULL, "%d bytes of garbage "
					    "after the replies", n), false;
		}
	}
	return true;
}

/* What each request must have got once the batch is answered. */
static bool verdict(struct ctx *c)
{
	int i;

	for (i = 0; i < c->n; i++) {
		struct req *q = &c->q[i];
		const struct fop *op = q->op >= 0 && q->op < NOPS ?
				       &ops[q->op] : NULL;
		bool admin = op && (q->dump ? op->admin_dump : op->admin_do);
		int slot = op ? q->op : OP_OTHER;
		bool ok;

		if (!q->processed)
			continue;
		if ((q->flags & NLM_F_ACK) && !q->final)
			return fail(c, q, "no final answer"), false;
		if (q->ndata > (q->dump ? 100000 : 1))
			return fail(c, q, "%d replies to a do", q->ndata), false;
		if (!(q->flags & NLM_F_REQUEST)) {
			if (q->ndata || q->err)
				return fail(c, q, "answer to a non-request"),
				       false;
			continue;
		}
		ok = q->final ? !q->err : true;
		if (c->role == R_UNPRIV && admin) {
			if (ok || q->ndata)
				return fail(c, q, "admin-perm op succeeded "
					    "without CAP_NET_ADMIN"), false;
			/* EBUSY: an earlier dump of the batch still runs */
			if (q->clean && q->err != -EPERM &&
			    !(q->dump && q->err == -EBUSY))
				return fail(c, q, "unprivileged: %d, not EPERM",
					    q->err), false;
		}
		if (q->sentinel) {
			if (!ok || q->ndata != 1)
				return fail(c, q, "family-info-get failed"),
				       false;
			continue;
		}
		c->st->msgs++;
		if (ok)
			c->st->ok[slot]++;
		else
			c->st->err[slot][-q->err < 133 ? -q->err : 133]++;
	}
	return true;
}

/* ---- generation --------------------------------------------------------- */

struct mb {
	uint8_t *b;
	size_t len, cap;
};

static struct nlattr *put(struct mb *m, uint16_t type, const void *d,
			  size_t n)
{
	struct nlattr *a;
	size_t at = NLA_ALIGN(m->len);

	if (at + NLA_HDRLEN + n > m->cap)
		return NULL;
	memset(m->b + m->len, 0, at - m->len);
	a = (void *)(m->b + at);
	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + n;
	if (n)
		memcpy(m->b + at + NLA_HDRLEN, d, n);
	m->len = at + NLA_HDRLEN + n;
	return a;
}

static void name_of(struct fz_rng *r, char *s, size_t n)
{
	snprintf(s, n, "fz%u", fz_below(r, NNAMES));
}

static uint32_t pick_pool(struct fz_rng *r, struct ctx *c, int pool)
{
	struct pool *p = c->pool;

	switch (pool) {
	case P_ALIAS: return p->alias[fz_below(r, 16)];
	case P_PORT: return p->port[fz_below(r, 8)];
	case P_CONN: return p->conn[fz_below(r, 4)];
	case P_UID: return fz_pct(r, 50) ? 0 : NOBODY + fz_below(r, 3) - 1;
	}
	return 0;
}

/* A value for attr f: *clean cleared when it breaks the policy. */
static void put_attr(struct fz_rng *r, struct ctx *c, struct mb *m,
		     const struct fattr *f, bool *clean)
{
	uint64_t v;
	char s[400];

	if (f->kind == K_FLAG) {
		put(m, f->type, NULL, 0);
		return;
	}
	if (f->kind == K_STR) {
		unsigned int k = fz_below(r, 100), i, n;

		if (k < 70) {
			name_of(r, s, sizeof(s));
		} else if (k < 80) {
			strcpy(s, fz_pct(r, 50) ? "fzs" : "fzs2");
		} else if (k < 90) {
			static const char ok[] = "abcXYZ019._:-";

			n = 1 + fz_below(r, 29);
			strcpy(s, "fz");
			for (i = 2; i < n + 2 && i < 31; i++)
				s[i] = ok[fz_below(r, sizeof(ok) - 1)];
			s[i] = 0;
		} else {
			/* invalid: bad characters, empty or too long */
			n = fz_below(r, 3) ? 1 + fz_below(r, 31) :
					     32 + fz_below(r, 300);
			fz_bytes(r, s, n);
			for (i = 0; i < n; i++)
				s[i] = s[i] ? s[i] : '/';
			s[fz_below(r, n)] = "/ \x80~"[fz_below(r, 4)];
			s[fz_pct(r, 10) ? 0 : n] = 0;
			if (n > FTALIAS_NAME_MAX_LEN)
				*clean = false;
		}
		put(m, f->type, s, strlen(s) + 1);
		return;
	}
	if (f->pool && fz_pct(r, 70))
		v = pick_pool(r, c, f->pool);
	else if (fz_pct(r, 75))
		v = f->min + (f->max ? fz_below(r, f->max - f->min + 1) :
			      fz_below(r, 64));
	else
		v = fz_interesting(r);
	if (f->kind == K_U8)
		v &= 0xff;
	else if (f->kind == K_U32)
		v &= 0xffffffff;
	if (v < f->min || (f->max && v > f->max))
		*clean = false;
	if (f->kind == K_U8) {
		uint8_t b = v;

		put(m, f->type, &b, 1);
	} else if (f->kind == K_U32) {
		uint32_t w = v;

		put(m, f->type, &w, 4);
	} else {
		put(m, f->type, &v, 8);
	}
}

/* A nest started at @off of @m ends here, with its CRC after it. */
static void put_rec_end(struct mb *m, size_t off)
{
	struct nlattr *rec = (void *)(m->b + off);
	uint32_t crc;

	rec->nla_len = m->len - off;
	crc = dp_crc32(rec, rec->nla_len);
	put(m, FTALIAS_A_SAVE_CRC, &crc, 4);
}

static size_t put_rec_start(struct mb *m, uint16_t type)
{
	struct nlattr *a = put(m, type | NLA_F_NESTED, NULL, 0);

	return a ? (size_t)((uint8_t *)a - m->b) : m->len;
}

/*
 * alias-restore: records as alias-save writes them, with right CRCs, for
 * the mutations to start from.  A first message (header, alias, ids and
 * maybe more), or the next one of a handle (entries, data, journal
 * records, clients, a trailer), small enough for one fuzz message.
 */
/*
 * A cookie of a restore record: few of them, so that restored aliases
 * meet each other's entries; 0, out of the policy (ERANGE before EPERM),
 * makes the message unclean.
 */
static void put_cookie(struct fz_rng *r, struct mb *m, int type, bool *clean)
{
	uint64_t v = fz_pct(r, 95) ? 1 + fz_below(r, 3) : 0;

	put(m, type, &v, 8);
	*clean = *clean && v;
}

static void gen_restore(struct fz_rng *r, struct ctx *c, struct mb *m,
			bool *clean)
{
	struct ftalias_id key = { 0 };
	uint32_t u, entries = 0, bytes = 0, requests = 0, held = 0, inputs = 0;
	uint32_t outputs = 0;
	uint64_t v, ckpt = 0, out_xid = 0;
	bool has_ckpt = false;
	uint8_t pay[160];
	char s[32];
	size_t off;
	int i, n;

	if (fz_pct(r, 40)) {
		u = 1 + fz_below(r, 8);
		put(m, FTALIAS_A_SAVE_HANDLE, &u, 4);
	} else {
		if (fz_pct(r, 20)) {
			name_of(r, s, sizeof(s));
			put(m, FTALIAS_A_SAVE_NEW_NAME, s, strlen(s) + 1);
		}
		if (fz_pct(r, 20)) {
			u = pick_pool(r, c, P_ALIAS) ?: 1;
			put(m, FTALIAS_A_SAVE_NEW_ID, &u, 4);
		}
		off = put_rec_start(m, FTALIAS_A_SAVE_HEADER);
		u = fz_pct(r, 95) ? FTALIAS_SAVE_VERSION : fz_below(r, 4);
		put(m, FTALIAS_A_SAVE_HEADER_VERSION, &u, 4);
		put_rec_end(m, off);
		off = put_rec_start(m, FTALIAS_A_SAVE_ALIAS);
		u = fz_pct(r, 50) ? pick_pool(r, c, P_ALIAS) ?: 1 :
				    1 + fz_below(r, 64);
		put(m, FTALIAS_A_ALIAS_ID, &u, 4);
		name_of(r, s, sizeof(s));
		put(m, FTALIAS_A_ALIAS_NAME, s, strlen(s) + 1);
		if (fz_pct(r, 50)) {
			u = 1 + fz_below(r, 4);
			put(m, FTALIAS_A_ALIAS_CACHE_MAX_ENTRIES, &u, 4);
		}
		if (fz_pct(r, 50)) {
			uint8_t on = fz_pct(r, 95);

			put(m, FTALIAS_A_ALIAS_INPUT_LOG, &on, 1);
		}
		put_rec_end(m, off);
		off = put_rec_start(m, FTALIAS_A_SAVE_IDS);
		v = fz_below(r, 100);
		put(m, FTALIAS_A_SAVE_IDS_XID, &v, 8);
		v = fz_below(r, 100);
		put(m, FTALIAS_A_SAVE_IDS_ACK, &v, 8);
		put_cookie(r, m, FTALIAS_A_SAVE_IDS_COOKIE, clean);
		put_rec_end(m, off);
		if (fz_pct(r, 30)) {
			u = pick_pool(r, c, P_ALIAS) ?: 1;
			off = m->len;
			put(m, FTALIAS_A_SAVE_DSTS, &u, 4);
			put_rec_end(m, NLA_ALIGN(off));
		}
	}
	n = fz_below(r, 4);
	for (i = 0; i < n; i++) {
		bool prog = fz_pct(r, 30);
		uint32_t len = fz_below(r, sizeof(pay));

		key.alias = fz_pct(r, 90) ? 1 + fz_below(r, 4) : 0;
		key.node = fz_pct(r, 95) ? 0 : 1;
		key.port = 1 + fz_below(r, 4);
		key.xid = 1 + fz_below(r, 16);
		fz_bytes(r, pay, len);
		off = put_rec_start(m, FTALIAS_A_SAVE_ENTRY);
		put(m, FTALIAS_A_SAVE_ENTRY_KEY, &key, sizeof(key));
		u = prog ? FTALIAS_CACHE_STATE_IN_PROGRESS :
			   FTALIAS_CACHE_STATE_AUTO_REPLY + fz_below(r, 2);
		put(m, FTALIAS_A_SAVE_ENTRY_STATE, &u, 4);
		u = fz_below(r, 2) ? fz_below(r, 100) : fz_interesting(r);
		put(m, FTALIAS_A_SAVE_ENTRY_AGE_MS, &u, 4);
		if (prog) {
			u = fz_below(r, 8);
			put(m, FTALIAS_A_SAVE_ENTRY_SRC_PORT, &u, 4);
			put(m, FTALIAS_A_SAVE_ENTRY_SRC_ALIAS, &u, 4);
		}
		put(m, FTALIAS_A_SAVE_ENTRY_PAYLOAD, pay, len);
		put_rec_end(m, off);
		entries++;
		bytes += len;
		if (prog && fz_pct(r, 50)) {
			key.xid++;
			off = put_rec_start(m, FTALIAS_A_SAVE_JREC);
			put(m, FTALIAS_A_SAVE_JREC_KEY, &key, sizeof(key));
			u = 1 + fz_below(r, 4);
			put(m, FTALIAS_A_SAVE_JREC_DEST_ALIAS, &u, 4);
			put(m, FTALIAS_A_SAVE_JREC_PAYLOAD, pay, len / 2);
			put_rec_end(m, off);
			bytes += len / 2;
		}
	}
	if (fz_pct(r, 30)) {
		off = put_rec_start(m, FTALIAS_A_SAVE_CLIENT);
		u = 0;
		put(m, FTALIAS_A_SAVE_CLIENT_NODE, &u, 4);
		u = 1 + fz_below(r, 4);
		put(m, FTALIAS_A_SAVE_CLIENT_ALIAS, &u, 4);
		v = fz_below(r, 8);
		put(m, FTALIAS_A_SAVE_CLIENT_ACKED, &v, 8);
		put_cookie(r, m, FTALIAS_A_SAVE_CLIENT_COOKIE, clean);
		put_rec_end(m, off);
	}
	/* Members' requests: parked in the restored alias until a member. */
	n = fz_pct(r, 30) ? 1 + fz_below(r, 3) : 0;
	for (i = 0; i < n; i++) {
		uint32_t len = fz_below(r, sizeof(pay));

		key.node = 0;
		key.alias = 1 + fz_below(r, 4);
		key.port = 1 + fz_below(r, 4);
		key.xid = 1 + fz_below(r, 16);
		fz_bytes(r, pay, len);
		off = put_rec_start(m, FTALIAS_A_SAVE_REQUEST);
		put(m, FTALIAS_A_SAVE_REQUEST_KEY, &key, sizeof(key));
		u = pick_pool(r, c, P_ALIAS) ?: 1;
		put(m, FTALIAS_A_SAVE_REQUEST_DEST_ALIAS, &u, 4);
		if (fz_pct(r, 50))
			put(m, FTALIAS_A_SAVE_REQUEST_DELIVERED, NULL, 0);
		put(m, FTALIAS_A_SAVE_REQUEST_PAYLOAD, pay, len);
		put_cookie(r, m, FTALIAS_A_SAVE_REQUEST_DEST_COOKIE, clean);
		put_rec_end(m, off);
		requests++;
	}
	/* Replies held for the members, to be read by the first of them. */
	n = fz_pct(r, 20) ? 1 + fz_below(r, 2) : 0;
	for (i = 0; i < n; i++) {
		uint32_t len = fz_below(r, sizeof(pay));

		key.xid = 1 + fz_below(r, 16);
		fz_bytes(r, pay, len);
		off = put_rec_start(m, FTALIAS_A_SAVE_HELD);
		put(m, FTALIAS_A_SAVE_HELD_KEY, &key, sizeof(key));
		if (fz_pct(r, 30)) {
			u = fz_pct(r, 90) ? EHOSTUNREACH : fz_interesting(r);
			put(m, FTALIAS_A_SAVE_HELD_ERR, &u, 4);
		}
		u = fz_below(r, 8);
		put(m, FTALIAS_A_SAVE_HELD_SRC_PORT, &u, 4);
		put(m, FTALIAS_A_SAVE_HELD_SRC_ALIAS, &u, 4);
		put(m, FTALIAS_A_SAVE_HELD_PAYLOAD, pay, len);
		put_rec_end(m, off);
		held++;
	}
	/* The checkpoint: a record, and maybe data records after it. */
	if (fz_pct(r, 20)) {
		uint32_t len = fz_below(r, sizeof(pay));

		fz_bytes(r, pay, len);
		off = put_rec_start(m, FTALIAS_A_SAVE_CHECKPOINT);
		v = fz_pct(r, 95) ? 1 + fz_below(r, 4) : 0;
		put(m, FTALIAS_A_SAVE_CHECKPOINT_SEQ, &v, 8);
		ckpt = len;
		if (fz_pct(r, 30)) {
			ckpt = len + fz_below(r, 2 * sizeof(pay));
			put(m, FTALIAS_A_SAVE_CHECKPOINT_LEN, &ckpt, 8);
		}
		put(m, FTALIAS_A_SAVE_CHECKPOINT_PAYLOAD, pay, len);
		put_rec_end(m, off);
		has_ckpt = true;
		if (ckpt > len && fz_pct(r, 80)) {
			u = ckpt - len;
			if (u > sizeof(pay) || fz_pct(r, 10))
				u = fz_below(r, sizeof(pay));
			off = m->len;
			put(m, FTALIAS_A_SAVE_DATA, pay, u);
			put_rec_end(m, NLA_ALIGN(off));
		}
	}
	/* Inputs of the log: a record each, maybe with data records. */
	while (fz_pct(r, 15)) {
		uint32_t len = fz_below(r, sizeof(pay)), want;

		fz_bytes(r, pay, len);
		off = put_rec_start(m, FTALIAS_A_SAVE_INPUT);
		v = fz_pct(r, 95) ? inputs + 1 + fz_below(r, 3) : fz_below(r, 2);
		put(m, FTALIAS_A_SAVE_INPUT_SEQ, &v, 8);
		fz_bytes(r, &key, sizeof(key));
		put(m, FTALIAS_A_SAVE_INPUT_KEY, &key,
		    fz_pct(r, 95) ? sizeof(key) : fz_below(r, sizeof(key)));
		u = fz_pct(r, 80) ? 0 : fz_interesting(r);
		put(m, FTALIAS_A_SAVE_INPUT_FLAGS, &u, 4);
		u = fz_pct(r, 90) ? fz_below(r, len + 1) : fz_interesting(r);
		put(m, FTALIAS_A_SAVE_INPUT_ARG_LEN, &u, 4);
		if (fz_pct(r, 30))
			put(m, FTALIAS_A_SAVE_INPUT_PENDING, NULL, 0);
		want = len;
		if (fz_pct(r, 20)) {
			want = len + fz_below(r, 2 * sizeof(pay));
			put(m, FTALIAS_A_SAVE_INPUT_LEN, &want, 4);
		}
		put(m, FTALIAS_A_SAVE_INPUT_PAYLOAD, pay, len);
		put_rec_end(m, off);
		inputs++;
		if (want > len && fz_pct(r, 80)) {
			u = want - len;
			if (u > sizeof(pay) || fz_pct(r, 10))
				u = fz_below(r, sizeof(pay));
			off = m->len;
			put(m, FTALIAS_A_SAVE_DATA, pay, u);
			put_rec_end(m, NLA_ALIGN(off));
		}
	}
	/* Outputs of the log: IDs of the alias, to the aliases of dsts. */
	while (fz_pct(r, 15)) {
		key.node = 0;
		key.alias = 1 + fz_below(r, 4);
		key.port = 1 + fz_below(r, 4);
		key.xid = fz_pct(r, 90) ? ++out_xid : fz_below(r, 16);
		off = put_rec_start(m, FTALIAS_A_SAVE_OUTPUT);
		put(m, FTALIAS_A_SAVE_OUTPUT_KEY, &key,
		    fz_pct(r, 95) ? sizeof(key) : fz_below(r, sizeof(key)));
		u = pick_pool(r, c, P_ALIAS) ?: 1;
		put(m, FTALIAS_A_SAVE_OUTPUT_DST, &u, 4);
		u = fz_pct(r, 90) ? fz_below(r, 4096) : fz_interesting(r);
		put(m, FTALIAS_A_SAVE_OUTPUT_LEN, &u, 4);
		u = fz_interesting(r);
		put(m, FTALIAS_A_SAVE_OUTPUT_SUM, &u, 4);
		put_rec_end(m, off);
		outputs++;
	}
	if (fz_pct(r, 50)) {
		off = put_rec_start(m, FTALIAS_A_SAVE_TRAILER);
		put(m, FTALIAS_A_SAVE_TRAILER_ENTRIES, &entries, 4);
		u = 0;
		put(m, FTALIAS_A_SAVE_TRAILER_JRECS, &u, 4);
		put(m, FTALIAS_A_SAVE_TRAILER_CLIENTS, &u, 4);
		v = bytes;
		put(m, FTALIAS_A_SAVE_TRAILER_BYTES, &v, 8);
		if (requests)
			put(m, FTALIAS_A_SAVE_TRAILER_REQUESTS, &requests, 4);
		if (held)
			put(m, FTALIAS_A_SAVE_TRAILER_HELD, &held, 4);
		if (has_ckpt)
			put(m, FTALIAS_A_SAVE_TRAILER_CKPT_BYTES, &ckpt, 8);
		if (inputs)
			put(m, FTALIAS_A_SAVE_TRAILER_INPUTS, &inputs, 4);
		if (outputs)
			put(m, FTALIAS_A_SAVE_TRAILER_OUTPUTS, &outputs, 4);
		put_rec_end(m, off);
	}
}

/* Nested garbage, up to depth levels of nests. */
static void garbage_nest(struct fz_rng *r, struct mb *m, int depth)
{
	struct nlattr *a = put(m, fz_below(r, 32) | NLA_F_NESTED, NULL, 0);
	size_t start = m->len;

	if (!a)
		return;
	if (depth > 0 && fz_pct(r, 80)) {
		garbage_nest(r, m, depth - 1);
	} else {
		uint8_t g[64];
		size_t n = fz_below(r, sizeof(g));

		fz_bytes(r, g, n);
		if (m->len + n <= m->cap) {
			memcpy(m->b + m->len, g, n);
			m->len += n;
		}
	}
	a->nla_len = NLA_HDRLEN + (m->len - start);
}

/* Mutations of the attribute area; *clean cleared. */
static void mutate_attrs(struct fz_rng *r, struct ctx *c, struct mb *m,
			 const struct fop *op, bool *clean)
{
	unsigned int k = fz_below(r, 13);
	struct nlattr *a;
	uint8_t g[64];
	int i, n;

	*clean = false;
	switch (k) {
	case 0:	/* unknown, 0 or out-of-range type */
		i = fz_below(r, 4);
		put(m, i == 0 ? 0 : i == 1 ? op->maxattr + 1 + (int)fz_below(r, 4) :
		       i == 2 ? (int)fz_below(r, 0x4000) : (int)op->maxattr,
		    &o.seed, fz_below(r, 9));
		break;
	case 1:	/* flags on the first attribute */
		if (m->len >= NLA_HDRLEN)
			((struct nlattr *)m->b)->nla_type |=
				fz_pct(r, 50) ? NLA_F_NESTED : NLA_F_NET_BYTEORDER;
		break;
	case 2: { /* wrong payload length of a spec attribute */
		const struct fattr *f = op->nreq ? &op->req[fz_below(r, op->nreq)] :
						   NULL;
		static const int lens[] = { 0, 1, 2, 3, 5, 7, 8, 9, 16, 255 };
		uint64_t big[40];

		fz_bytes(r, big, sizeof(big));
		if (f)
			put(m, f->type, big, lens[fz_below(r, 10)]);
		break;
	}
	case 3:	/* nla_len past the end */
		if ((a = put(m, 1 + fz_below(r, op->maxattr), &o.seed, 4)))
			a->nla_len += 4 + fz_below(r, 2000);
		break;
	case 4:	/* a truncated nlattr header */
		n = 1 + fz_below(r, 3);
		fz_bytes(r, g, n);
		if (m->len + n <= m->cap) {
			m->len = NLA_ALIGN(m->len);
			memcpy(m->b + m->len, g, n);
			m->len += n;
		}
		break;
	case 5: { /* a string without NUL, over-long, or NUL inside */
		char s[600];

		n = fz_pct(r, 50) ? 1 + fz_below(r, 40) : 32 + fz_below(r, 560);
		memset(s, 'a' + fz_below(r, 26), n);
		if (fz_pct(r, 30))
			s[fz_below(r, n)] = 0;
		put(m, 2, s, n);
		break;
	}
	case 6:	/* nested garbage, deep nesting */
		garbage_nest(r, m, fz_pct(r, 30) ? 64 : fz_below(r, 4));
		break;
	case 7:	/* repeated attributes */
		if (op->nreq) {
			const struct fattr *f = &op->req[fz_below(r, op->nreq)];
			bool dummy;

			for (n = 2 + fz_below(r, 20); n; n--)
				put_attr(r, c, m, f, &dummy);
		}
		break;
	case 8: { /* huge u64 where a u32 goes */
		uint64_t v = fz_pct(r, 50) ? ~0ULL : fz_interesting(r);

		put(m, 1 + fz_below(r, op->maxattr), &v, 8);
		break;
	}
	case 9:	/* random bytes appended */
		n = fz_below(r, sizeof(g));
		fz_bytes(r, g, n);
		if (m->len + n <= m->cap) {
			memcpy(m->b + m->len, g, n);
			m->len += n;
		}
		break;
	case 10: /* byte flips */
		for (n = 1 + fz_below(r, 4); n && m->len; n--)
			m->b[fz_below(r, m->len)] ^= 1 << fz_below(r, 8);
		break;
	case 11: /* a truncated last attribute */
		if (m->len > 1)
			m->len -= 1 + fz_below(r, m->len < 8 ? m->len - 1 : 7);
		break;
	default: /* pad attributes, zero-length ones */
		for (n = 1 + fz_below(r, 4); n; n--)
			put(m, 1 + fz_below(r, op->maxattr), NULL, 0);
	}
}

/* One message at c->out + c->len; returns false if it ends the batch. */
static bool gen_msg(struct fz_rng *r, struct ctx *c)
{
	struct req *q = &c->q[c->n];
	int opi = fz_below(r, NOPS);
	const struct fop *op = &ops[opi];
	bool dump = op->has_dump && (!op->has_do || fz_pct(r, 40));
	const struct fattr *fa = dump ? op->dreq : op->req;
	int nfa = dump ? op->ndreq : op->nreq, i;
	uint8_t *p = c->out + c->len;
	struct nlmsghdr *h = (void *)p;
	struct genlmsghdr *g = (void *)(p + NLMSG_HDRLEN);
	struct mb m = { p + NLMSG_LENGTH(GENL_HDRLEN), 0,
			MSGMAX - NLMSG_LENGTH(GENL_HDRLEN) - 8 };
	bool clean = true, more = true;
	uint16_t flags = NLM_F_REQUEST | (fz_pct(r, 90) ? NLM_F_ACK : 0);
	uint32_t len;

	memset(q, 0, sizeof(*q));
	memset(p, 0, MSGMAX);
	if (dump)
		flags |= NLM_F_DUMP;
	if (op->cmd == FTALIAS_CMD_ALIAS_RESTORE)
		gen_restore(r, c, &m, &clean);
	for (i = 0; i < nfa; i++)
		if (fz_pct(r, fa[i].kind == K_STR ? 90 : 60))
			put_attr(r, c, &m, &fa[i], &clean);
	q->op = opi;
	g->cmd = op->cmd;
	g->version = 1;
	if (fz_pct(r, opt_mutate)) {
		unsigned int k = fz_below(r, 10), n;

		clean = false;
		if (k < 5) {
			for (n = 1 + fz_below(r, 3); n; n--)
				mutate_attrs(r, c, &m, op, &clean);
		} else if (k == 5) {
			/* unknown cmd: notification, 0, beyond the last */
			static const uint8_t cmds[] = {
				0, FTALIAS_CMD_ALIAS_ADD_NTF,
				FTALIAS_CMD_MEMBER_LEAVE_NTF,
				FTALIAS_CMD_CONN_DROP_NTF, FTALIAS_CMD_MAX + 1,
				200, 255,
			};

			g->cmd = cmds[fz_below(r, sizeof(cmds))];
			q->op = -1;
			for (i = 0; i < NOPS; i++)
				if (ops[i].cmd == g->cmd)
					q->op = i;
		} else if (k == 6) {
			g->version = fz_below(r, 256);
			g->reserved = fz_u64(r);
		} else if (k == 7) {
			static const uint16_t bits[] = {
				NLM_F_DUMP, NLM_F_ROOT, NLM_F_MATCH,
				NLM_F_ATOMIC, NLM_F_ECHO, NLM_F_MULTI,
				NLM_F_DUMP_INTR, NLM_F_ACK, NLM_F_REQUEST,
				NLM_F_APPEND, NLM_F_DUMP_FILTERED,
			};

			flags ^= bits[fz_below(r, N(bits))];
			if (fz_pct(r, 20))
				flags = fz_u64(r);
		} else if (k == 8) {
			/* a truncated genl header: 0..3 bytes of it */
			m.len = 0;
			len = NLMSG_HDRLEN + fz_below(r, 4);
			goto header;
		} else {
			q->lenmut = 1 + fz_below(r, 3);
		}
	}
	len = NLMSG_LENGTH(GENL_HDRLEN) + m.len;
header:
	h->nlmsg_len = len;
	h->nlmsg_type = c->fam;
	h->nlmsg_flags = flags;
	h->nlmsg_seq = c->seq++;
	h->nlmsg_pid = 0;
	q->seq = h->nlmsg_seq;
	q->off = c->len;
	q->size = len;
	q->processed = true;
	switch (q->lenmut) {
	case LM_TINY:
		h->nlmsg_len = fz_below(r, NLMSG_HDRLEN);
		q->processed = false;
		more = false;
		break;
	case LM_LONG:
		/* past the padded end: the last of its skb */
		h->nlmsg_len = NLMSG_ALIGN(len) + 1 + fz_below(r, 4096);
		q->processed = false;
		more = false;
		break;
	case LM_SHORT:
		if (len > NLMSG_HDRLEN + 4) {
			uint32_t at;

			h->nlmsg_len = NLMSG_HDRLEN + fz_below(r, len -
							       NLMSG_HDRLEN);
			/* netlink_rcv_skb stops at what follows */
			at = NLMSG_ALIGN(h->nlmsg_len);
			if (at + 4 <= len)
				memset(p + at, 0, 4);
			more = false;
		}
		break;
	}
	q->nlmsg_len = h->nlmsg_len;
	q->flags = flags;
	q->cmd = g->cmd;
	q->clean = clean;
	q->dump = (flags & NLM_F_REQUEST) && (flags & NLM_F_DUMP) == NLM_F_DUMP;
	c->len += NLMSG_ALIGN(len);
	c->n++;
	return more;
}

static void add_sentinel(struct ctx *c)
{
	struct req *q = &c->q[c->n];
	uint8_t *p = c->out + c->len;
	struct nlmsghdr *h = (void *)p;
	struct genlmsghdr *g = (void *)(p + NLMSG_HDRLEN);

	memset(q, 0, sizeof(*q));
	memset(p, 0, NLMSG_LENGTH(GENL_HDRLEN));
	h->nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN);
	h->nlmsg_type = c->fam;
	h->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	h->nlmsg_seq = c->seq++;
	g->cmd = FTALIAS_CMD_FAMILY_INFO_GET;
	g->version = 1;
	q->seq = h->nlmsg_seq;
	q->off = c->len;
	q->size = q->nlmsg_len = h->nlmsg_len;
	q->flags = h->nlmsg_flags;
	q->cmd = g->cmd;
	q->op = 0;
	q->processed = q->clean = q->sentinel = true;
	c->len += h->nlmsg_len;
	c->n++;
}

/* Step: one batch.  Returns false on a failure. */
static bool run_step(struct ctx *c, uint64_t step)
{
	struct fz_rng r;
	unsigned int n, i;
	size_t first;
	bool more = true;

	fz_rng_init(&r, o.seed, 1, step);
	c->step = step;
	c->n = 0;
	c->len = 0;
	n = 1 + fz_below(&r, opt_batch);
	for (i = 0; i < n && more && c->n < MAXB - 1; i++)
		more = gen_msg(&r, c);
	if (more)
		add_sentinel(c);
	first = c->len;
	if (send(c->fd, c->out, first, 0) != (ssize_t)first) {
		/* the kernel refuses a batch only for its size */
		if (errno != EMSGSIZE && errno != ENOBUFS)
			return fail(c, NULL, "send: %s", strerror(errno)), false;
	}
	if (!more) {
		add_sentinel(c);
		if (send(c->fd, c->out + first, c->len - first, 0) < 0)
			return fail(c, NULL, "send: %s", strerror(errno)), false;
	}
	c->st->steps++;
	return collect(c) && verdict(c);
}

/* ---- objects the messages name --------------------------------------- */

static void setup_objects(struct ctx *c)
{
	struct dp_conn conn[4];
	struct ftalias_id id;
	struct dp_msg msg;
	char buf[64];
	int a, a2, i, act = -1, l, k, s;

	c->nsfd = 0;
	a = dp_alias_new(c->nl, "fzs", -1, -1);
	a2 = dp_alias_new(c->nl, "fzs2", -1, -1);
	c->setup_alias[0] = a > 0 ? a : 0;
	c->setup_alias[1] = a2 > 0 ? a2 : 0;
	c->pool->alias[0] = c->pool->alias[1] = c->setup_alias[0];
	c->pool->alias[2] = c->setup_alias[1];
	c->pool->alias[3] = 1;
	if (a <= 0 || a2 <= 0)
		return;
	for (i = 0; i < 3; i++) {
		int fd = dp_socket(c->af, i < 2 ? a : a2, 10 - i, 0);

		if (fd < 0)
			continue;
		c->sfd[c->nsfd++] = fd;
		c->pool->port[i] = dp_port(fd);
		if (i < 2 && dp_is_active(fd) == 1)
			act = fd;
	}
	s = dp_socket(c->af, 0, -1, 0);
	if (s >= 0) {
		c->sfd[c->nsfd++] = s;
		c->pool->port[3] = dp_port(s);
	}
	/* an auto-reply entry, an entry in progress with a journal record */
	for (i = 0; act >= 0 && s >= 0 && i < 2; i++) {
		if (dp_send_req(s, c->af, a, "fuzz", 4, NULL, 0) ||
		    dp_wait_readable(act, 2000) <= 0 ||
		    dp_recv(act, buf, sizeof(buf), &msg, MSG_DONTWAIT) < 0 ||
		    !msg.has_id)
			break;
		id = msg.id;
		if (i == 0) {
			dp_reply_record(act, &id, "reply", 5);
		} else {
			dp_record(act, &id, FTALIAS_RECORD_BLOCK, NULL, 0);
			dp_send_req_cmsg(act, c->af, a2, "relay", 5,
					 FTALIAS_CMSG_PARENT, &id, sizeof(id),
					 NULL);
		}
	}
	/* a SOCK_SEQPACKET connection */
	l = socket(c->af, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	k = socket(c->af, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (l >= 0 && k >= 0) {
		struct sockaddr_ftalias sa = dp_addr(c->af, FTALIAS_ADDR_PORT,
						     0, 0);

		if (!bind(l, (struct sockaddr *)&sa, sizeof(sa)) &&
		    !listen(l, 8)) {
			sa.sfa_port = dp_port(l);
			if (!connect(k, (struct sockaddr *)&sa, sizeof(sa)))
				c->pool->port[4] = dp_port(k);
		}
	}
	if (l >= 0)
		c->sfd[c->nsfd++] = l;
	if (k >= 0)
		c->sfd[c->nsfd++] = k;
	k = dp_conns(c->nl, 0, conn, 4);
	for (i = 0; i < k && i < 4; i++)
		c->pool->conn[i] = conn[i].id;
}

static void teardown_objects(struct ctx *c)
{
	int i;

	for (i = 0; i < c->nsfd; i++)
		close(c->sfd[i]);
	c->nsfd = 0;
	for (i = 0; i < 2; i++)
		if (c->setup_alias[i])
			dp_alias_del(c->nl, c->setup_alias[i]);
}

/* ---- cleanup and the final check -------------------------------------- */

static uint32_t initial_ids[256];
static int ninitial = -1;

static int alias_ids(struct dp_nl *nl, uint32_t *ids, int max)
{
	struct ftalias_alias_get_list *l = ftalias_alias_get_dump(nl->ys);
	int n = 0;

	if (!l)
		return dp_ynl_err(nl);
	ynl_dump_foreach(l, a) {
		if (!a->id)
			continue;
		if (n < max)
			ids[n] = a->id;
		n++;
	}
	ftalias_alias_get_list_free(l);
	return n;
}

static uint64_t info_aliases(struct dp_nl *nl)
{
	struct ftalias_family_info_get_rsp *rsp = ftalias_family_info_get(nl->ys);
	uint64_t n;

	if (!rsp)
		return ~0ULL;
	n = rsp->_present.aliases ? rsp->aliases : ~0ULL;
	ftalias_family_info_get_rsp_free(rsp);
	return n;
}

/* Deletes the aliases created since the start; false if some are left. */
static bool cleanup_ns(struct ctx *c)
{
	static uint32_t ids[4096];
	int n = alias_ids(c->nl, ids, 4096), i, j, left = 0;
	uint64_t want = ninitial > 0 ? ninitial : 0;

	for (i = 0; i < n; i++) {
		for (j = 0; j < ninitial; j++)
			if (ids[i] == initial_ids[j])
				break;
		if (j == ninitial || ninitial < 0)
			dp_alias_del(c->nl, ids[i]);
	}
	n = alias_ids(c->nl, ids, 4096);
	if (n < 0 || (uint64_t)n != want || info_aliases(c->nl) != want) {
		left = 1;
		if (!quiet)
			printf("FAIL seed=%" PRIu64 " %s namespace: %d aliases "
			       "left, %d expected\n", o.seed,
			       role_name[c->role], n, (int)want);
	}
	return !left;
}

/* ---- the dump thread -------------------------------------------------- */

static void *dump_thread(void *arg)
{
	struct ctx *main_c = arg, *c = calloc(1, sizeof(*c));
	static const struct { uint8_t cmd; uint16_t attr; } d[] = {
		{ FTALIAS_CMD_ALIAS_GET, 0 },
		{ FTALIAS_CMD_MEMBER_GET, 0 },
		{ FTALIAS_CMD_MEMBER_GET, FTALIAS_A_MEMBER_ALIAS_ID },
		{ FTALIAS_CMD_CACHE_GET, FTALIAS_A_CACHE_ENTRY_ALIAS_ID },
		{ FTALIAS_CMD_JOURNAL_GET, FTALIAS_A_JOURNAL_REC_ALIAS_ID },
		{ FTALIAS_CMD_CONN_GET, 0 },
		{ FTALIAS_CMD_CONN_GET, FTALIAS_A_CONN_LOCAL_ALIAS },
		{ FTALIAS_CMD_ALIAS_SAVE, FTALIAS_A_SAVE_ALIAS_ID },
	};
	unsigned int k = 0;

	if (!c || nl_fuzz_socket(c))
		return NULL;
	c->role = main_c->role;
	c->pool = main_c->pool;
	c->st = &sh->st[3];
	while (!sh->stop && !sh->failed) {
		struct req *q = &c->q[0];
		uint8_t *p = c->out;
		struct nlmsghdr *h = (void *)p;
		struct genlmsghdr *g = (void *)(p + NLMSG_HDRLEN);
		unsigned int i = k++ % N(d);

		memset(q, 0, sizeof(*q));
		memset(p, 0, 64);
		h->nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN);
		h->nlmsg_type = c->fam;
		h->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
		h->nlmsg_seq = q->seq = c->seq++;
		g->cmd = d[i].cmd;
		g->version = 1;
		if (d[i].attr) {
			struct nlattr *a = (void *)(p + h->nlmsg_len);

			a->nla_type = d[i].attr;
			a->nla_len = 8;
			memcpy(a + 1, &c->pool->alias[k % 3], 4);
			h->nlmsg_len += 8;
		}
		q->size = q->nlmsg_len = h->nlmsg_len;
		q->flags = h->nlmsg_flags;
		q->cmd = g->cmd;
		q->op = -1;
		q->processed = q->dump = true;
		c->n = 1;
		c->step = k;
		if (send(c->fd, p, h->nlmsg_len, 0) < 0) {
			fail(c, NULL, "dump thread: send: %s", strerror(errno));
			break;
		}
		if (!collect(c))
			break;
		c->st->dumps++;
	}
	return NULL;
}

/* ---- processes ---------------------------------------------------------- */

static int step_role(uint64_t step)
{
	struct fz_rng r;
	unsigned int x;

	fz_rng_init(&r, o.seed, 0, step);
	x = fz_below(&r, 100);
	if (x < opt_unpriv)
		return R_UNPRIV;
	if (x < opt_unpriv + opt_netns)
		return R_NETNS;
	return R_ROOT;
}

static struct ctx *ctx_new(int role, struct pool *pool, struct stats *st)
{
	struct ctx *c = calloc(1, sizeof(*c));

	if (!c)
		fz_die("out of memory");
	c->role = role;
	c->pool = pool;
	c->st = st;
	c->af = dp_af();
	if (nl_fuzz_socket(c))
		fz_die("%s: no ftalias netlink family", role_name[role]);
	c->nl = dp_nl_open();
	return c;
}

static void drop_privileges(void)
{
	cap_t caps = cap_init();

	if (setgroups(0, NULL) || setresgid(NOBODY, NOBODY, NOBODY) ||
	    setresuid(NOBODY, NOBODY, NOBODY))
		fz_die("dropping privileges: %s", strerror(errno));
	if (!caps || cap_set_proc(caps))
		fz_die("cap_set_proc: %s", strerror(errno));
	cap_free(caps);
	prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
}

static bool stopping(void)
{
	return sh->failed || sh->stop || (deadline && fz_now() > deadline);
}

/*
 * Runs the steps of the list [from, to) whose role is in mask.  root
 * streams refresh their objects every --refresh steps.
 */
static bool run_list(struct ctx *c, const uint64_t *list, size_t from,
		     size_t to, unsigned int mask)
{
	uint64_t epoch = ~0ULL;
	size_t i;

	for (i = from; i < to && !stopping(); i++) {
		uint64_t s = list ? list[i] : i;
		int role = step_role(s);

		if (!(mask & (1u << role)))
			continue;
		if (c->role != R_UNPRIV && opt_refresh &&
		    s / opt_refresh != epoch) {
			if (epoch != ~0ULL) {
				teardown_objects(c);
				setup_objects(c);
			}
			epoch = s / opt_refresh;
		}
		if (o.steps || !(s % 2000)) {
			fz_mark("fuzz_nl", o.seed, s, role_name[c->role]);
			if (o.verbose)
				printf("# step %" PRIu64 " %s\n", s,
				       role_name[c->role]);
		}
		if (!run_step(c, s))
			return false;
	}
	return true;
}

/* A child running the unprivileged steps in the current namespace. */
static pid_t spawn_unpriv(struct pool *pool, const uint64_t *list, size_t n)
{
	pid_t pid = fork();

	if (pid)
		return pid;
	drop_privileges();
	cx = ctx_new(R_UNPRIV, pool, &sh->st[R_UNPRIV]);
	exit(run_list(cx, list, 0, n, 1u << R_UNPRIV) ? 0 : 1);
}

static int wait_ok(pid_t pid)
{
	int st;

	if (pid <= 0 || waitpid(pid, &st, 0) != pid)
		return 0;
	if (WIFEXITED(st))
		return WEXITSTATUS(st) == 0;
	if (!quiet)
		printf("FAIL seed=%" PRIu64 ": child killed by signal %d\n",
		       o.seed, WTERMSIG(st));
	sh->failed = 1;
	return 0;
}

/* The second namespace: one child per --netns-steps steps. */
static pid_t spawn_netns(const uint64_t *list, size_t n)
{
	pid_t pid = fork();
	size_t from = 0;
	int ok = 1;

	if (pid)
		return pid;
	while (from < n && ok && !stopping()) {
		uint64_t gen = (list ? list[from] : from) / opt_netns_steps;
		size_t to = from;
		pid_t ch;

		while (to < n && (list ? list[to] : to) / opt_netns_steps == gen)
			to++;
		ch = fork();
		if (!ch) {
			pthread_t t;
			bool good, last = to >= n;

			if (unshare(CLONE_NEWNET))
				fz_die("unshare: %s", strerror(errno));
			cx = ctx_new(R_NETNS, &sh->pool[1], &sh->st[R_NETNS]);
			memset(cx->pool, 0, sizeof(*cx->pool));
			setup_objects(cx);
			if (!opt_no_dump)
				pthread_create(&t, NULL, dump_thread, cx);
			good = run_list(cx, list, from, to, 1u << R_NETNS);
			last = last || stopping();
			/* the namespace dies with its objects, but the last */
			if (last) {
				teardown_objects(cx);
				ninitial = 0;
				good = cleanup_ns(cx) && good;
			}
			exit(good ? 0 : 1);
		}
		ok = wait_ok(ch);
		from = to;
	}
	exit(ok ? 0 : 1);
}

/* ---- minimization ------------------------------------------------------- */

/* Runs steps as --isolated does: a fresh namespace, no threads. */
static bool isolated_fails(const uint64_t *s, size_t n, void *arg)
{
	pid_t pid = fork();
	int st;

	(void)arg;
	if (!pid) {
		pid_t up;
		bool good;

		quiet = !opt_isolated;
		if (unshare(CLONE_NEWNET))
			fz_die("unshare: %s", strerror(errno));
		sh->failed = 0;
		sh->stop = 0;
		cx = ctx_new(R_ROOT, &sh->pool[1], &sh->st[R_ROOT]);
		memset(cx->pool, 0, sizeof(*cx->pool));
		setup_objects(cx);
		up = spawn_unpriv(cx->pool, s, n);
		good = run_list(cx, s, 0, n, 1u << R_ROOT | 1u << R_NETNS);
		good = wait_ok(up) && good;
		exit(good ? 0 : 1);
	}
	if (waitpid(pid, &st, 0) != pid)
		return false;
	return WIFEXITED(st) && WEXITSTATUS(st) == 1;
}

static void minimize(void)
{
	uint64_t last = sh->fail_step, *s, one = last;
	size_t n = 0, i;

	printf("# minimizing: seed %" PRIu64 " up to step %" PRIu64 "\n",
	       o.seed, last);
	deadline = 0;
	if (isolated_fails(&one, 1, NULL)) {
		s = &one;
		n = 1;
	} else {
		s = malloc((last + 1) * sizeof(*s));
		for (i = 0; i <= last; i++)
			if (!o.steps || o.steps[i] <= last)
				s[n++] = o.steps ? o.steps[i] : i;
		if (!isolated_fails(s, n, NULL)) {
			printf("# the failure does not reproduce isolated\n");
			return;
		}
		fz_ddmin(s, &n, isolated_fails, NULL, 300);
	}
	printf("# reproducer: selftests/fuzz_nl --seed %" PRIu64 " --steps ", o.seed);
	fz_print_steps(stdout, s, n);
	printf(" --isolated\n");
}

/* ---- main ------------------------------------------------------------- */

static void summary(double secs)
{
	struct stats t = { 0 };
	int i, j, k;

	for (k = 0; k < 4; k++) {
		t.msgs += sh->st[k].msgs;
		t.steps += sh->st[k].steps;
		t.dumps += sh->st[k].dumps;
		for (i = 0; i <= NOPS; i++) {
			t.ok[i] += sh->st[k].ok[i];
			for (j = 0; j < 134; j++)
				t.err[i][j] += sh->st[k].err[i][j];
		}
	}
	for (i = 0; i <= NOPS; i++) {
		printf("# %-16s ok %-8" PRIu64, i < NOPS ? ops[i].name : "(other)",
		       t.ok[i]);
		for (j = 1; j < 134; j++)
			if (t.err[i][j])
				printf(" %s %" PRIu64, strerrorname_np(j) ?: "E?",
				       t.err[i][j]);
		printf("\n");
	}
	printf("# fuzz_nl: %" PRIu64 " messages in %" PRIu64 " batches "
	       "(root %" PRIu64 ", unpriv %" PRIu64 ", netns %" PRIu64
	       "), %" PRIu64 " dumps beside, %.1f s, %.0f messages/s, "
	       "seed %" PRIu64 "\n", t.msgs, t.steps, sh->st[0].msgs,
	       sh->st[1].msgs, sh->st[2].msgs, t.dumps, secs,
	       secs > 0 ? t.msgs / secs : 0, o.seed);
}

int main(int argc, char **argv)
{
	uint64_t total0 = 0;
	pid_t up = 0, np = 0;
	pthread_t dt;
	double t0;
	bool good;
	size_t n;
	int i;

	setvbuf(stdout, NULL, _IOLBF, 0);
	fz_parse(&o, argc, argv, 100000, 0, other_opt);
	if (!opt_batch || opt_batch > MAXB - 1)
		opt_batch = MAXB - 1;
	if (!opt_netns_steps)
		opt_netns_steps = 1;
	if (dp_af() < 0)
		fz_die("the ftalias module is not loaded");
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED)
		fz_die("mmap: %s", strerror(errno));
	n = o.count;
	printf("# fuzz_nl: seed %" PRIu64 ", %zu steps, batch up to %u, "
	       "unpriv %u%%, netns %u%%, mutate %u%%\n", o.seed, n,
	       opt_batch, opt_unpriv, opt_netns, opt_mutate);
	t0 = fz_now();
	if (o.seconds)
		deadline = t0 + o.seconds;
	if (opt_isolated) {
		good = !isolated_fails(o.steps, n, NULL);
		summary(fz_now() - t0);
		return good ? 0 : 1;
	}
	cx = ctx_new(R_ROOT, &sh->pool[0], &sh->st[R_ROOT]);
	if (!cx->nl)
		fz_die("no netlink socket");
	ninitial = alias_ids(cx->nl, initial_ids, 256);
	if (ninitial > 0)
		printf("# %d aliases exist already: kept\n", ninitial);
	{
		struct dp_info in;

		if (!dp_info(cx->nl, &in))
			total0 = in.total_bytes;
	}
	setup_objects(cx);
	up = spawn_unpriv(cx->pool, o.steps, n);
	np = spawn_netns(o.steps, n);
	if (!opt_no_dump)
		pthread_create(&dt, NULL, dump_thread, cx);
	good = run_list(cx, o.steps, 0, n, 1u << R_ROOT);
	good = wait_ok(up) && good;
	good = wait_ok(np) && good;
	sh->stop = 1;
	if (!opt_no_dump)
		pthread_join(dt, NULL);
	/*
	 * An alias-restore left unfinished keeps its staged alias, and the
	 * cache bytes it holds, until its socket closes: a new one.
	 */
	close(cx->fd);
	if (nl_fuzz_socket(cx))
		fz_die("no netlink socket");
	teardown_objects(cx);
	good = cleanup_ns(cx) && good;
	/* the namespaces go away asynchronously */
	for (i = 0; i < 100; i++) {
		struct dp_info in;

		if (!dp_info(cx->nl, &in) && in.total_bytes == total0)
			break;
		dp_pause_ms(100);
	}
	if (i == 100) {
		printf("FAIL seed=%" PRIu64 ": cache-total-bytes %" PRIu64
		       " at the end, %" PRIu64 " at the start\n", o.seed,
		       dp_total_bytes(cx->nl), total0);
		good = false;
	}
	summary(fz_now() - t0);
	if (sh->failed)
		good = false;
	if (!good && o.minimize && sh->failed)
		minimize();
	printf("%s\n", good ? "# PASS" : "# FAIL");
	return good ? 0 : 1;
}
