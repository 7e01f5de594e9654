// SPDX-License-Identifier: GPL-2.0
/*
 * alias-save: the records of an alias's state, read as a raw dump and
 * checked against what the test put there.  Every record must be followed
 * by its CRC-32 (as zlib's crc32(), computed here independently), the
 * records must come in the documented order, payloads cut into chunks must
 * add up to what was recorded, and an entry must cost at most 64 bytes
 * more than its payload (and a little more per further piece of a large
 * one).  Bad calls: no id, an unknown id,
 * no CAP_NET_ADMIN, too many saves at once.  Restores of those records,
 * saves under load (the freeze) and moves (save with move).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <pthread.h>
#include <unistd.h>
#include <sys/capability.h>
#include <sys/syscall.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include "lib/kselftest_harness.h"
#include "lib/dp_util.h"

#define WAIT_MS		20000

static int name_seq;

static uint16_t nla_type_of(const struct nlattr *a)
{
	return a->nla_type & NLA_TYPE_MASK;
}

/* The attributes of a nest (or of the records), by type: the last one. */
static void nest_parse(const struct nlattr *nest, const struct nlattr **tb,
		       int max)
{
	const struct nlattr *a = (const void *)((const char *)nest + NLA_HDRLEN);
	int rem = nest->nla_len - NLA_HDRLEN;

	memset(tb, 0, sizeof(*tb) * (max + 1));
	while (rem >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN &&
	       a->nla_len <= rem) {
		if (nla_type_of(a) <= max)
			tb[nla_type_of(a)] = a;
		rem -= NLA_ALIGN(a->nla_len);
		a = (const void *)((const char *)a + NLA_ALIGN(a->nla_len));
	}
}

static const void *nla_payload(const struct nlattr *a)
{
	return (const char *)a + NLA_HDRLEN;
}

static uint32_t nla_u32(const struct nlattr *a)
{
	uint32_t v;

	memcpy(&v, nla_payload(a), sizeof(v));
	return v;
}

static uint64_t nla_u64(const struct nlattr *a)
{
	uint64_t v;

	memcpy(&v, nla_payload(a), sizeof(v));
	return v;
}

/* One record with its payload put back together from its data records. */
struct rec {
	uint16_t type;
	const struct nlattr *attr;
	const struct nlattr *tb[16];
	uint8_t *payload;		/* entries, journal records, requests */
	uint32_t len;
	size_t cost;			/* bytes in the file, CRCs included */
};

struct parsed {
	struct rec r[64];
	int n;
	int crc_bad;			/* records whose CRC is wrong or missing */
	int stray;			/* data records with no record before */
};

static void parsed_free(struct parsed *p)
{
	int i;

	for (i = 0; i < p->n; i++)
		free(p->r[i].payload);
}

/* Walks the records, checks each CRC, joins the chunks. */
static void parse(const struct dp_saved *s, struct parsed *p)
{
	const struct nlattr *a, *next;
	size_t off = 0, step;
	struct rec *r = NULL;
	uint32_t chunk;

	memset(p, 0, sizeof(*p));
	while (off + NLA_HDRLEN <= s->len) {
		a = (const void *)(s->buf + off);
		step = NLA_ALIGN(a->nla_len);
		next = (const void *)(s->buf + off + step);
		if (a->nla_len < NLA_HDRLEN || off + step > s->len)
			break;
		if (off + step + NLA_HDRLEN + 4 > s->len ||
		    nla_type_of(next) != FTALIAS_A_SAVE_CRC ||
		    nla_u32(next) != dp_crc32(a, a->nla_len))
			p->crc_bad++;
		if (nla_type_of(a) == FTALIAS_A_SAVE_DATA) {
			chunk = a->nla_len - NLA_HDRLEN;
			if (!r || !r->payload) {
				p->stray++;
			} else {
				r->payload = realloc(r->payload, r->len + chunk);
				memcpy(r->payload + r->len, nla_payload(a), chunk);
				r->len += chunk;
				r->cost += step + NLA_HDRLEN + 4;
			}
		} else if (p->n < (int)(sizeof(p->r) / sizeof(p->r[0]))) {
			r = &p->r[p->n++];
			r->type = nla_type_of(a);
			r->attr = a;
			r->cost = step + NLA_HDRLEN + 4;
			if (a->nla_type & NLA_F_NESTED)
				nest_parse(a, r->tb, 15);
			if (r->type == FTALIAS_A_SAVE_ENTRY ||
			    r->type == FTALIAS_A_SAVE_JREC ||
			    r->type == FTALIAS_A_SAVE_REQUEST ||
			    r->type == FTALIAS_A_SAVE_HELD) {
				int t = r->type == FTALIAS_A_SAVE_ENTRY ?
					FTALIAS_A_SAVE_ENTRY_PAYLOAD :
					r->type == FTALIAS_A_SAVE_JREC ?
					FTALIAS_A_SAVE_JREC_PAYLOAD :
					r->type == FTALIAS_A_SAVE_REQUEST ?
					FTALIAS_A_SAVE_REQUEST_PAYLOAD :
					FTALIAS_A_SAVE_HELD_PAYLOAD;

				chunk = r->tb[t] ? r->tb[t]->nla_len - NLA_HDRLEN : 0;
				r->payload = malloc(chunk + 1);
				memcpy(r->payload, r->tb[t] ? nla_payload(r->tb[t]) : "",
				       chunk);
				r->len = chunk;
			}
		}
		off += step + NLA_HDRLEN + 4;
	}
}

/* The payload of reply i: its size and a pattern of its own. */
static const uint32_t sizes[] = { 0, 1, 100, 3072, 3073, 10000, 65536 };
#define N_SIZES (sizeof(sizes) / sizeof(sizes[0]))

static void pattern(uint8_t *b, uint32_t len, unsigned int i)
{
	uint32_t k;

	for (k = 0; k < len; k++)
		b[k] = (uint8_t)(k * 7 + i * 31 + (k >> 8));
}

FIXTURE(sv) {
	struct dp_nl *nl;
	int af;
	uint32_t s, c, d;		/* server, client, a third alias */
	uint8_t buf[FTALIAS_MSG_MAX];
	uint8_t want[FTALIAS_MSG_MAX];
};

static uint32_t new_alias(struct dp_nl *nl)
{
	char name[32];
	int id;

	snprintf(name, sizeof(name), "sv%d-%d", getpid(), name_seq++);
	id = dp_alias_new(nl, name, -1, 2000);
	return id > 0 ? id : 0;
}

FIXTURE_SETUP(sv)
{
	self->af = dp_af();
	ASSERT_GT(self->af, 0) TH_LOG("ftalias module not loaded");
	self->nl = dp_nl_open();
	ASSERT_NE(NULL, self->nl);
	self->s = new_alias(self->nl);
	self->c = new_alias(self->nl);
	self->d = new_alias(self->nl);
	ASSERT_NE(0U, self->s);
	ASSERT_NE(0U, self->c);
	ASSERT_NE(0U, self->d);
}

FIXTURE_TEARDOWN(sv)
{
	dp_alias_del(self->nl, self->s);
	dp_alias_del(self->nl, self->c);
	dp_alias_del(self->nl, self->d);
	dp_nl_close(self->nl);
}

/* The server's member, the client alias's member, a plain socket. */
static void open_three(struct __test_metadata *_metadata,
		       FIXTURE_DATA(sv) *self, int *srv, int *cli, int *plain)
{
	*srv = dp_socket(self->af, self->s, -1, 0);
	*cli = dp_socket(self->af, self->c, -1, 0);
	ASSERT_GE(*srv, 0);
	ASSERT_GE(*cli, 0);
	if (plain) {
		*plain = dp_socket(self->af, 0, -1, 0);
		ASSERT_GE(*plain, 0);
	}
}

/* A request of client cli to alias s, read by member srv: its ID. */
static int request(FIXTURE_DATA(sv) *self, int cli, int srv, const char *q,
		   struct ftalias_id *id)
{
	struct ftalias_id out;
	struct dp_msg m;

	if (dp_send_req(cli, self->af, self->s, q, strlen(q), &out, 0))
		return -errno;
	if (dp_recv_wait(srv, self->buf, sizeof(self->buf), &m, WAIT_MS) !=
	    (ssize_t)strlen(q) || !dp_id_eq(&m.id, &out))
		return -EIO;
	*id = m.id;
	return 0;
}

/*
 * Seven completed entries of a client alias (payloads of 0 to 65536
 * bytes, ids[]), one in progress (*blk) with a relay journal record
 * (*jid, to the third alias), one in progress of a plain socket.
 * Returns the payload bytes saved (the plain socket's left out), 0 when
 * something failed.
 */
static uint64_t fill(struct __test_metadata *_metadata, FIXTURE_DATA(sv) *self,
		     int srv, int cli, int plain, struct ftalias_id *ids,
		     struct ftalias_id *blk, struct ftalias_id *jid)
{
	struct ftalias_id pl;
	uint64_t bytes = 0;
	struct dp_msg m;
	int i;

	for (i = 0; i < (int)N_SIZES; i++) {
		if (request(self, cli, srv, "q", &ids[i]))
			return 0;
		pattern(self->want, sizes[i], i);
		if (dp_reply_record(srv, &ids[i], self->want, sizes[i]) ||
		    dp_recv_wait(cli, self->buf, sizeof(self->buf), &m,
				 WAIT_MS) != (ssize_t)sizes[i])
			return 0;
		bytes += sizes[i];
	}
	/*
	 * In progress, with a request the member made while serving it: held
	 * at the third alias, long enough to be saved however slow the guest.
	 */
	if (dp_alias_set(self->nl, self->d, FTALIAS_A_ALIAS_GRACE_MS, 60000, 4) ||
	    request(self, cli, srv, "blocked", blk) ||
	    dp_record(srv, blk, FTALIAS_RECORD_BLOCK, NULL, 0) ||
	    dp_send_req_cmsg(srv, self->af, self->d, "relay", 5,
			     FTALIAS_CMSG_PARENT, blk, sizeof(*blk), jid))
		return 0;
	/* In progress for a plain socket: it cannot re-send, left out. */
	if (request(self, plain, srv, "plain", &pl) ||
	    dp_record(srv, &pl, FTALIAS_RECORD_BLOCK, NULL, 0))
		return 0;
	(void)_metadata;
	return bytes + strlen("blocked") + strlen("relay");
}

/*
 * The client's re-sends of the N_SIZES completed requests of fill(), ids
 * as it gave them: each answered by the kernel with its recorded reply.
 */
static void resend_all(struct __test_metadata *_metadata,
		       FIXTURE_DATA(sv) *self, int cli,
		       const struct ftalias_id *ids)
{
	struct dp_msg m;
	int i;

	for (i = 0; i < (int)N_SIZES; i++) {
		ASSERT_EQ(0, dp_send_req_cmsg(cli, self->af, self->s, "q", 1,
					      FTALIAS_CMSG_ID, &ids[i],
					      sizeof(ids[i]), NULL));
		ASSERT_EQ((ssize_t)sizes[i],
			  dp_recv_wait(cli, self->buf, sizeof(self->buf), &m,
				       WAIT_MS))
			TH_LOG("re-send %d: err %u flags %#x reply to xid %llu",
			       i, m.err, m.flags,
			       (unsigned long long)m.reply_to.xid);
		EXPECT_TRUE(dp_id_eq(&m.reply_to, &ids[i]));
		pattern(self->want, sizes[i], i);
		EXPECT_EQ(0, memcmp(self->buf, self->want, sizes[i]));
	}
}

/*
 * Seven completed entries of a client alias (payloads of 0 to 65536
 * bytes), one in progress with a relay journal record, one in progress
 * of a plain socket (left out): every record of the server's save, in
 * order, with the right CRC, bytes and counts.
 */
TEST_F(sv, records)
{
	int srv, cli, plain, i, n_entry = 0, n_data_rec = 0;
	struct ftalias_id ids[N_SIZES], blk, jid;
	const struct rec *r, *t;
	struct ftalias_id key;
	struct parsed p;
	struct dp_saved s;
	uint64_t bytes, cookie;
	size_t cost;

	open_three(_metadata, self, &srv, &cli, &plain);

	bytes = fill(_metadata, self, srv, cli, plain, ids, &blk, &jid);
	ASSERT_NE(0U, bytes);

	ASSERT_EQ(0, dp_save(self->nl->fam, self->s, &s));
	parse(&s, &p);
	EXPECT_EQ(0, p.crc_bad);
	EXPECT_EQ(0, p.stray);
	ASSERT_GE(p.n, 5);

	/* header, alias, ids: first, in this order */
	r = &p.r[0];
	ASSERT_EQ(FTALIAS_A_SAVE_HEADER, r->type);
	ASSERT_NE(NULL, r->tb[FTALIAS_A_SAVE_HEADER_VERSION]);
	EXPECT_EQ((uint32_t)FTALIAS_SAVE_VERSION,
		  nla_u32(r->tb[FTALIAS_A_SAVE_HEADER_VERSION]));
	ASSERT_NE(NULL, r->tb[FTALIAS_A_SAVE_HEADER_DROPPED]);
	EXPECT_EQ(1U, nla_u32(r->tb[FTALIAS_A_SAVE_HEADER_DROPPED]));
	r = &p.r[1];
	ASSERT_EQ(FTALIAS_A_SAVE_ALIAS, r->type);
	ASSERT_NE(NULL, r->tb[FTALIAS_A_ALIAS_ID]);
	EXPECT_EQ(self->s, nla_u32(r->tb[FTALIAS_A_ALIAS_ID]));
	ASSERT_NE(NULL, r->tb[FTALIAS_A_ALIAS_GRACE_MS]);
	EXPECT_EQ(2000U, nla_u32(r->tb[FTALIAS_A_ALIAS_GRACE_MS]));
	r = &p.r[2];
	ASSERT_EQ(FTALIAS_A_SAVE_IDS, r->type);
	ASSERT_NE(NULL, r->tb[FTALIAS_A_SAVE_IDS_XID]);
	/* the server's members made one request: the journal's */
	EXPECT_EQ(jid.xid, nla_u64(r->tb[FTALIAS_A_SAVE_IDS_XID]));
	r = &p.r[3];
	ASSERT_EQ(FTALIAS_A_SAVE_DSTS, r->type);
	ASSERT_EQ(NLA_HDRLEN + 4, r->attr->nla_len);
	EXPECT_EQ(self->d, nla_u32(r->attr));

	/* the entry in progress and its journal record */
	r = &p.r[4];
	ASSERT_EQ(FTALIAS_A_SAVE_ENTRY, r->type);
	ASSERT_NE(NULL, r->tb[FTALIAS_A_SAVE_ENTRY_KEY]);
	memcpy(&key, nla_payload(r->tb[FTALIAS_A_SAVE_ENTRY_KEY]), sizeof(key));
	EXPECT_TRUE(dp_id_eq(&blk, &key));
	ASSERT_NE(NULL, r->tb[FTALIAS_A_SAVE_ENTRY_STATE]);
	EXPECT_EQ((uint32_t)FTALIAS_CACHE_STATE_IN_PROGRESS,
		  nla_u32(r->tb[FTALIAS_A_SAVE_ENTRY_STATE]));
	ASSERT_NE(NULL, r->tb[FTALIAS_A_SAVE_ENTRY_SRC_PORT]);
	EXPECT_EQ(dp_port(cli), nla_u32(r->tb[FTALIAS_A_SAVE_ENTRY_SRC_PORT]));
	ASSERT_NE(NULL, r->tb[FTALIAS_A_SAVE_ENTRY_SRC_ALIAS]);
	EXPECT_EQ(self->c, nla_u32(r->tb[FTALIAS_A_SAVE_ENTRY_SRC_ALIAS]));
	EXPECT_EQ(strlen("blocked"), r->len);
	EXPECT_EQ(0, memcmp(r->payload, "blocked", 7));
	r = &p.r[5];
	ASSERT_EQ(FTALIAS_A_SAVE_JREC, r->type);
	ASSERT_NE(NULL, r->tb[FTALIAS_A_SAVE_JREC_KEY]);
	memcpy(&key, nla_payload(r->tb[FTALIAS_A_SAVE_JREC_KEY]), sizeof(key));
	EXPECT_TRUE(dp_id_eq(&jid, &key));
	ASSERT_NE(NULL, r->tb[FTALIAS_A_SAVE_JREC_DEST_ALIAS]);
	EXPECT_EQ(self->d, nla_u32(r->tb[FTALIAS_A_SAVE_JREC_DEST_ALIAS]));
	EXPECT_EQ(NULL, r->tb[FTALIAS_A_SAVE_JREC_REPLIED]);
	EXPECT_EQ(5U, r->len);
	EXPECT_EQ(0, memcmp(r->payload, "relay", 5));

	/* the completed entries, oldest first, whole */
	for (i = 0; i < (int)N_SIZES && 6 + i < p.n; i++) {
		r = &p.r[6 + i];
		ASSERT_EQ(FTALIAS_A_SAVE_ENTRY, r->type);
		memcpy(&key, nla_payload(r->tb[FTALIAS_A_SAVE_ENTRY_KEY]),
		       sizeof(key));
		EXPECT_TRUE(dp_id_eq(&ids[i], &key));
		EXPECT_EQ((uint32_t)FTALIAS_CACHE_STATE_AUTO_REPLY,
			  nla_u32(r->tb[FTALIAS_A_SAVE_ENTRY_STATE]));
		EXPECT_EQ(NULL, r->tb[FTALIAS_A_SAVE_ENTRY_SRC_PORT]);
		/* len only when the payload does not fit in one piece */
		EXPECT_EQ(sizes[i] > FTALIAS_SAVE_CHUNK,
			  r->tb[FTALIAS_A_SAVE_ENTRY_LEN] != NULL);
		EXPECT_EQ(sizes[i], r->len);
		pattern(self->want, sizes[i], i);
		EXPECT_EQ(0, memcmp(r->payload, self->want, sizes[i]))
			TH_LOG("payload %d of %u bytes differs", i, sizes[i]);
		/*
		 * payload + 64 bytes; a payload in pieces adds its len
		 * attribute (8) and 16 for each further piece.
		 */
		n_data_rec = sizes[i] ? (sizes[i] - 1) / FTALIAS_SAVE_CHUNK : 0;
		cost = sizes[i] + 64 + (n_data_rec ? 8 + 16 * n_data_rec : 0);
		EXPECT_GE(cost, r->cost) TH_LOG("entry %d: %zu bytes", i,
						 r->cost);
		n_entry++;
	}
	EXPECT_EQ((int)N_SIZES, n_entry);

	/* the requester alias, the member's request, the trailer: last */
	ASSERT_EQ(6 + (int)N_SIZES + 3, p.n);
	r = &p.r[6 + N_SIZES];
	ASSERT_EQ(FTALIAS_A_SAVE_CLIENT, r->type);
	ASSERT_NE(NULL, r->tb[FTALIAS_A_SAVE_CLIENT_ALIAS]);
	EXPECT_EQ(self->c, nla_u32(r->tb[FTALIAS_A_SAVE_CLIENT_ALIAS]));
	ASSERT_NE(NULL, r->tb[FTALIAS_A_SAVE_CLIENT_NODE]);
	EXPECT_EQ(0U, nla_u32(r->tb[FTALIAS_A_SAVE_CLIENT_NODE]));
	ASSERT_NE(NULL, r->tb[FTALIAS_A_SAVE_CLIENT_ACKED]);
	ASSERT_NE(NULL, r->tb[FTALIAS_A_SAVE_CLIENT_COOKIE]);
	cookie = nla_u64(r->tb[FTALIAS_A_SAVE_CLIENT_COOKIE]);
	/* the relay request, never delivered: the third alias has no member */
	r = &p.r[6 + N_SIZES + 1];
	ASSERT_EQ(FTALIAS_A_SAVE_REQUEST, r->type);
	ASSERT_NE(NULL, r->tb[FTALIAS_A_SAVE_REQUEST_KEY]);
	memcpy(&key, nla_payload(r->tb[FTALIAS_A_SAVE_REQUEST_KEY]), sizeof(key));
	EXPECT_TRUE(dp_id_eq(&key, &jid));
	ASSERT_NE(NULL, r->tb[FTALIAS_A_SAVE_REQUEST_DEST_ALIAS]);
	EXPECT_EQ(self->d, nla_u32(r->tb[FTALIAS_A_SAVE_REQUEST_DEST_ALIAS]));
	EXPECT_EQ(NULL, r->tb[FTALIAS_A_SAVE_REQUEST_DELIVERED]);
	ASSERT_EQ(5U, r->len);
	EXPECT_EQ(0, memcmp(r->payload, "relay", 5));
	t = &p.r[p.n - 1];
	ASSERT_EQ(FTALIAS_A_SAVE_TRAILER, t->type);
	ASSERT_NE(NULL, t->tb[FTALIAS_A_SAVE_TRAILER_ENTRIES]);
	EXPECT_EQ(N_SIZES + 1, nla_u32(t->tb[FTALIAS_A_SAVE_TRAILER_ENTRIES]));
	ASSERT_NE(NULL, t->tb[FTALIAS_A_SAVE_TRAILER_JRECS]);
	EXPECT_EQ(1U, nla_u32(t->tb[FTALIAS_A_SAVE_TRAILER_JRECS]));
	ASSERT_NE(NULL, t->tb[FTALIAS_A_SAVE_TRAILER_CLIENTS]);
	EXPECT_EQ(1U, nla_u32(t->tb[FTALIAS_A_SAVE_TRAILER_CLIENTS]));
	ASSERT_NE(NULL, t->tb[FTALIAS_A_SAVE_TRAILER_BYTES]);
	EXPECT_EQ(bytes, nla_u64(t->tb[FTALIAS_A_SAVE_TRAILER_BYTES]));
	ASSERT_NE(NULL, t->tb[FTALIAS_A_SAVE_TRAILER_REQUESTS]);
	EXPECT_EQ(1U, nla_u32(t->tb[FTALIAS_A_SAVE_TRAILER_REQUESTS]));
	parsed_free(&p);
	free(s.buf);

	/*
	 * The client alias: its members' last ID, where they sent, and the
	 * request in progress at the server, delivered there.
	 */
	ASSERT_EQ(0, dp_save(self->nl->fam, self->c, &s));
	parse(&s, &p);
	EXPECT_EQ(0, p.crc_bad);
	ASSERT_EQ(6, p.n);
	r = &p.r[2];
	ASSERT_EQ(FTALIAS_A_SAVE_IDS, r->type);
	EXPECT_EQ(blk.xid, nla_u64(r->tb[FTALIAS_A_SAVE_IDS_XID]));
	/* the server's client record names this alias by its cookie */
	ASSERT_NE(NULL, r->tb[FTALIAS_A_SAVE_IDS_COOKIE]);
	EXPECT_NE(0U, cookie);
	EXPECT_EQ(cookie, nla_u64(r->tb[FTALIAS_A_SAVE_IDS_COOKIE]));
	r = &p.r[3];
	ASSERT_EQ(FTALIAS_A_SAVE_DSTS, r->type);
	EXPECT_EQ(self->s, nla_u32(r->attr));
	r = &p.r[4];
	ASSERT_EQ(FTALIAS_A_SAVE_REQUEST, r->type);
	memcpy(&key, nla_payload(r->tb[FTALIAS_A_SAVE_REQUEST_KEY]), sizeof(key));
	EXPECT_TRUE(dp_id_eq(&key, &blk));
	EXPECT_EQ(self->s, nla_u32(r->tb[FTALIAS_A_SAVE_REQUEST_DEST_ALIAS]));
	EXPECT_NE(NULL, r->tb[FTALIAS_A_SAVE_REQUEST_DELIVERED]);
	ASSERT_EQ(7U, r->len);
	EXPECT_EQ(0, memcmp(r->payload, "blocked", 7));
	t = &p.r[5];
	ASSERT_EQ(FTALIAS_A_SAVE_TRAILER, t->type);
	EXPECT_EQ(0U, nla_u32(t->tb[FTALIAS_A_SAVE_TRAILER_ENTRIES]));
	EXPECT_EQ(1U, nla_u32(t->tb[FTALIAS_A_SAVE_TRAILER_REQUESTS]));
	parsed_free(&p);
	free(s.buf);

	close(plain);
	close(cli);
	close(srv);
}

/* A record changed in one byte no longer matches its CRC. */
TEST_F(sv, crc_covers_header)
{
	struct parsed p;
	struct dp_saved s;

	ASSERT_EQ(0, dp_save(self->nl->fam, self->s, &s));
	parse(&s, &p);
	EXPECT_EQ(0, p.crc_bad);
	ASSERT_GT(s.len, 8U);
	s.buf[2] ^= 0x01;	/* the type of the first record */
	parse(&s, &p);
	EXPECT_EQ(1, p.crc_bad);
	free(s.buf);
}

/*
 * A copy lives until its reader ends the dump: a namespace holds at most
 * four (FTALIAS_SAVE_MAX), and one more is refused with EBUSY until one
 * of them ends.
 */
TEST_F(sv, busy)
{
	struct dp_part d[6];
	struct ftalias_id id;
	struct dp_saved s;
	struct dp_msg m;
	int srv, cli, i;

	open_three(_metadata, self, &srv, &cli, NULL);
	/* 20000 bytes: a save of several parts */
	ASSERT_EQ(0, request(self, cli, srv, "q", &id));
	pattern(self->want, 20000, 0);
	ASSERT_EQ(0, dp_reply_record(srv, &id, self->want, 20000));
	ASSERT_EQ(20000, dp_recv_wait(cli, self->buf, sizeof(self->buf), &m,
				      WAIT_MS));

	for (i = 0; i < 5; i++) {
		ASSERT_EQ(0, dp_part_open(&d[i], self->nl->fam));
		ASSERT_EQ(0, dp_part_start(&d[i], FTALIAS_CMD_ALIAS_SAVE,
					   FTALIAS_A_SAVE_ALIAS_ID, self->s));
		ASSERT_LE(0, dp_part_next(&d[i], NULL, NULL));
		if (i < 4)
			EXPECT_FALSE(d[i].done) TH_LOG("save %d ended", i);
	}
	EXPECT_TRUE(d[4].done);
	EXPECT_EQ(-EBUSY, d[4].err);
	dp_part_close(&d[4]);
	/* One copy dropped with its socket: room for one more. */
	dp_part_close(&d[0]);
	ASSERT_EQ(0, dp_save(self->nl->fam, self->s, &s));
	free(s.buf);
	for (i = 1; i < 4; i++) {
		EXPECT_EQ(1, dp_part_rest(&d[i], NULL, NULL) > 0);
		dp_part_close(&d[i]);
	}
	close(cli);
	close(srv);
}

static int drop_caps(void)
{
	cap_t caps = cap_init();	/* empty set */
	int ret;

	if (!caps)
		return -1;
	ret = cap_set_proc(caps);
	cap_free(caps);
	return ret;
}

/* ---- alias-restore ---------------------------------------------------- */

/* Whether the alias @name exists. */
static bool alias_exists(struct dp_nl *nl, const char *name)
{
	struct ftalias_alias_get_req *req = ftalias_alias_get_req_alloc();
	struct ftalias_alias_get_rsp *rsp;

	ftalias_alias_get_req_set_name(req, name);
	rsp = ftalias_alias_get(nl->ys, req);
	ftalias_alias_get_req_free(req);
	if (rsp)
		ftalias_alias_get_rsp_free(rsp);
	return rsp != NULL;
}

/*
 * The u32 at byte @at of attribute @attr inside the record at @off set to
 * @v, CRC again.
 */
static void patch_u32_at(struct dp_saved *s, long off, int attr, int at,
			 uint32_t v)
{
	struct nlattr *rec = (void *)(s->buf + off), *a, *crc;
	int rem = rec->nla_len - NLA_HDRLEN;

	a = (void *)((char *)rec + NLA_HDRLEN);
	while (rem >= NLA_HDRLEN) {
		if ((a->nla_type & NLA_TYPE_MASK) == attr)
			memcpy((char *)a + NLA_HDRLEN + at, &v, 4);
		rem -= NLA_ALIGN(a->nla_len);
		a = (void *)((char *)a + NLA_ALIGN(a->nla_len));
	}
	crc = (void *)((char *)rec + NLA_ALIGN(rec->nla_len));
	v = dp_crc32(rec, rec->nla_len);
	memcpy((char *)crc + NLA_HDRLEN, &v, 4);
}

static void patch_u32(struct dp_saved *s, long off, int attr, uint32_t v)
{
	patch_u32_at(s, off, attr, 0, v);
}

/* No id, an unknown id, no CAP_NET_ADMIN: refused, before any lookup. */
TEST_F(sv, errors)
{
	struct dp_saved s;
	pid_t pid;
	int st;

	EXPECT_EQ(-EINVAL, dp_save(self->nl->fam, 0, &s));
	free(s.buf);
	EXPECT_EQ(-ENOENT, dp_save(self->nl->fam, 0x7ffffff0, &s));
	free(s.buf);

	pid = fork();
	ASSERT_GE(pid, 0);
	if (!pid) {
		if (drop_caps())
			_exit(10);
		if (dp_save(self->nl->fam, self->s, &s) != -EPERM)
			_exit(11);
		if (dp_save(self->nl->fam, 0x7ffffff0, &s) != -EPERM)
			_exit(12);
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &st, 0));
	EXPECT_TRUE(WIFEXITED(st));
	EXPECT_EQ(0, WEXITSTATUS(st));
}

/* The records of two saves agree, but for ages, header and alias records. */
static void same_records(struct __test_metadata *_metadata,
			 const struct dp_saved *a, const struct dp_saved *b)
{
	struct parsed pa, pb;
	int i, t;

	parse(a, &pa);
	parse(b, &pb);
	EXPECT_EQ(0, pb.crc_bad);
	ASSERT_EQ(pa.n, pb.n);
	for (i = 0; i < pa.n; i++) {
		const struct rec *x = &pa.r[i], *y = &pb.r[i];

		ASSERT_EQ(x->type, y->type) TH_LOG("record %d", i);
		EXPECT_EQ(x->len, y->len) TH_LOG("record %d", i);
		if (x->len && x->payload && y->payload)
			EXPECT_EQ(0, memcmp(x->payload, y->payload, x->len))
				TH_LOG("record %d: payload", i);
		if (x->type == FTALIAS_A_SAVE_HEADER ||
		    x->type == FTALIAS_A_SAVE_ALIAS)
			continue;
		for (t = 1; t < 16; t++) {
			/* ages go on; the rest is the same, byte for byte */
			if (x->type == FTALIAS_A_SAVE_ENTRY &&
			    t == FTALIAS_A_SAVE_ENTRY_AGE_MS)
				continue;
			if (!x->tb[t] || !y->tb[t]) {
				EXPECT_EQ(!x->tb[t], !y->tb[t])
					TH_LOG("record %d attr %d", i, t);
				continue;
			}
			EXPECT_EQ(x->tb[t]->nla_len, y->tb[t]->nla_len);
			EXPECT_EQ(0, memcmp(x->tb[t], y->tb[t], x->tb[t]->nla_len))
				TH_LOG("record %d attr %d", i, t);
		}
		if (x->type == FTALIAS_A_SAVE_DSTS ||
		    x->type == FTALIAS_A_SAVE_TRAILER)
			EXPECT_EQ(0, memcmp(x->attr, y->attr, x->attr->nla_len));
	}
	parsed_free(&pa);
	parsed_free(&pb);
}

/*
 * save -> del -> restore -> save: the same records (but ages, and the
 * plain socket's entry, left out the first time); the entry in progress
 * reaches the first member of the restored alias as an orphan notice with
 * its journal, the client's re-sends are answered from the restored
 * cache, and a new request of the client's member gets a new ID.
 */
TEST_F(sv, round_trip)
{
	struct ftalias_id ids[N_SIZES], blk, jid, nid;
	const struct ftalias_journal_rec *jr;
	struct dp_saved s1, s2;
	union {
		char b[4096];
		struct cmsghdr align;
	} cb;
	struct dp_alias a;
	struct dp_msg m;
	char name[32];
	struct dp_rst r;
	int srv, cli, plain, dm;

	open_three(_metadata, self, &srv, &cli, &plain);
	ASSERT_NE(0U, fill(_metadata, self, srv, cli, plain, ids, &blk, &jid));
	ASSERT_EQ(0, dp_save(self->nl->fam, self->s, &s1));
	/* the server goes: its members and the alias */
	close(srv);
	close(plain);
	ASSERT_EQ(0, dp_alias_get(self->nl, self->s, &a));
	snprintf(name, sizeof(name), "sv%d-%d", getpid(), name_seq - 3);
	ASSERT_EQ(0, dp_alias_del(self->nl, self->s));
	ASSERT_FALSE(alias_exists(self->nl, name));
	/* the client's request in progress failed with the alias */
	ASSERT_EQ(0, dp_recv_wait(cli, self->buf, sizeof(self->buf), &m,
				  WAIT_MS));
	EXPECT_EQ((uint32_t)EIDRM, m.err);
	EXPECT_TRUE(dp_id_eq(&m.reply_to, &blk));

	/* small messages: records of one entry span several of them */
	ASSERT_EQ(0, dp_rst_open(&r, self->nl->fam));
	ASSERT_EQ(0, dp_restore(&r, &s1, NULL, 0, 2048)) TH_LOG("%s", r.extack);
	EXPECT_EQ(self->s, r.id);
	close(r.fd);
	ASSERT_TRUE(alias_exists(self->nl, name));

	ASSERT_EQ(0, dp_save(self->nl->fam, self->s, &s2));
	same_records(_metadata, &s1, &s2);
	free(s2.buf);

	/* the first member of the restored alias: the orphan notice */
	dm = dp_socket(self->af, self->d, -1, 0);
	ASSERT_GE(dm, 0);
	srv = dp_socket(self->af, self->s, -1, 0);
	ASSERT_GE(srv, 0);
	ASSERT_EQ(7, dp_recv_wait_aux(srv, self->buf, sizeof(self->buf), &m,
				      cb.b, sizeof(cb.b), WAIT_MS));
	EXPECT_EQ(0, memcmp(self->buf, "blocked", 7));
	EXPECT_NE(0U, m.flags & FTALIAS_F_ORPHAN);
	EXPECT_TRUE(dp_id_eq(&m.id, &blk));
	ASSERT_EQ(FTALIAS_CMSG_JOURNAL, m.aux_type);
	ASSERT_GE(m.aux_len, sizeof(*jr) + 5);
	jr = m.aux;
	EXPECT_TRUE(dp_id_eq(&jr->id, &jid));
	EXPECT_EQ(self->d, jr->alias);
	EXPECT_EQ(5U, jr->len);
	EXPECT_EQ(0, memcmp(jr + 1, "relay", 5));
	/* the relay request, restored, went out again with its ID */
	ASSERT_EQ(5, dp_recv_wait(dm, self->buf, sizeof(self->buf), &m,
				  WAIT_MS));
	EXPECT_EQ(0, memcmp(self->buf, "relay", 5));
	EXPECT_TRUE(dp_id_eq(&m.id, &jid));
	EXPECT_EQ((uint32_t)FTALIAS_F_RESENT, m.flags);
	close(dm);

	/* re-sends of the client: answered by the kernel, not delivered */
	resend_all(_metadata, self, cli, ids);
	ASSERT_EQ(0, dp_alias_get(self->nl, self->s, &a));
	EXPECT_EQ((uint64_t)N_SIZES, a.cache.hits_auto);
	EXPECT_EQ(1U, a.cache.in_progress);
	EXPECT_EQ(1U, a.cache.journal);
	EXPECT_TRUE(dp_nothing_queued(srv));

	/* the client's members go on from their last ID */
	ASSERT_EQ(0, dp_send_req(cli, self->af, self->s, "new", 3, &nid, 0));
	EXPECT_EQ(blk.xid + 1, nid.xid);
	close(srv);
	close(cli);
	free(s1.buf);
}

/*
 * Bad files, each refused with its errno, the restore dropped whole:
 * no alias, and the module's cache bytes back to what they were.
 */
TEST_F(sv, restore_errors)
{
	struct ftalias_id ids[N_SIZES], blk, jid;
	uint64_t total;
	struct dp_saved s, bad;
	char name[32];
	struct dp_rst r;
	int srv, cli, plain;
	long off;
	pid_t pid;
	int st;

	open_three(_metadata, self, &srv, &cli, &plain);
	ASSERT_NE(0U, fill(_metadata, self, srv, cli, plain, ids, &blk, &jid));
	ASSERT_EQ(0, dp_save(self->nl->fam, self->s, &s));
	snprintf(name, sizeof(name), "sv%d-%d", getpid(), name_seq - 3);

	/* the alias still exists: its name, then its id */
	ASSERT_EQ(0, dp_rst_open(&r, self->nl->fam));
	EXPECT_EQ(-EEXIST, dp_restore(&r, &s, NULL, 0, 8192));
	EXPECT_NE(NULL, strstr(r.extack, "name already in use")) TH_LOG("%s", r.extack);
	close(r.fd);
	ASSERT_EQ(0, dp_rst_open(&r, self->nl->fam));
	EXPECT_EQ(-EEXIST, dp_restore(&r, &s, "svfree", 0, 8192));
	EXPECT_NE(NULL, strstr(r.extack, "id already in use")) TH_LOG("%s", r.extack);
	close(r.fd);
	EXPECT_FALSE(alias_exists(self->nl, "svfree"));

	close(srv);
	close(plain);
	ASSERT_EQ(0, dp_alias_del(self->nl, self->s));
	total = dp_total_bytes(self->nl);

	bad.buf = malloc(s.len);
	ASSERT_NE(NULL, bad.buf);
#define RESET() (memcpy(bad.buf, s.buf, s.len), bad.len = s.len)
#define REFUSED(err, what) do {						\
		ASSERT_EQ(0, dp_rst_open(&r, self->nl->fam));		\
		EXPECT_EQ(err, dp_restore(&r, &bad, NULL, 0, 8192))	\
			TH_LOG("%s: %s", what, r.extack);		\
		close(r.fd);						\
		EXPECT_FALSE(alias_exists(self->nl, name)) TH_LOG("%s", what); \
		EXPECT_EQ(total, dp_total_bytes(self->nl)) TH_LOG("%s", what); \
	} while (0)

	/* a flipped byte in the last entry's payload */
	RESET();
	off = dp_find_rec(&bad, FTALIAS_A_SAVE_ENTRY, N_SIZES);
	ASSERT_GT(off, 0);
	/* the last byte of its payload: the framing holds, the CRC not */
	bad.buf[off + ((struct nlattr *)(bad.buf + off))->nla_len - 1] ^= 0x20;
	REFUSED(-EBADMSG, "flipped byte");
	/* a completed entry missing: the trailer does not add up */
	RESET();
	off = dp_find_rec(&bad, FTALIAS_A_SAVE_ENTRY, 2);
	ASSERT_GT(off, 0);
	dp_cut_rec(&bad, off);
	REFUSED(-EINVAL, "entry missing");
	EXPECT_NE(NULL, strstr(r.extack, "trailer")) TH_LOG("%s", r.extack);
	/* cut short: no trailer; the socket closes, the restore goes */
	RESET();
	bad.len = dp_find_rec(&bad, FTALIAS_A_SAVE_TRAILER, 0);
	REFUSED(0, "no trailer");
	/* another version */
	RESET();
	patch_u32(&bad, 0, FTALIAS_A_SAVE_HEADER_VERSION, FTALIAS_SAVE_VERSION + 1);
	REFUSED(-EPROTONOSUPPORT, "version");
	/* a cache limit below the saved entries */
	RESET();
	off = dp_find_rec(&bad, FTALIAS_A_SAVE_ALIAS, 0);
	patch_u32(&bad, off, FTALIAS_A_ALIAS_CACHE_MAX_ENTRIES, 3);
	REFUSED(-EFBIG, "cache-max-entries 3");
	/* records out of order: the ids before the alias */
	RESET();
	off = dp_find_rec(&bad, FTALIAS_A_SAVE_IDS, 0);
	{
		long a = dp_find_rec(&bad, FTALIAS_A_SAVE_ALIAS, 0);
		size_t la = dp_pair_len(bad.buf + a, bad.len - a);
		size_t li = dp_pair_len(bad.buf + off, bad.len - off);
		uint8_t tmp[2048];

		ASSERT_LE(la, sizeof(tmp));
		memcpy(tmp, bad.buf + a, la);
		memmove(bad.buf + a, bad.buf + off, li);
		memcpy(bad.buf + a + li, tmp, la);
	}
	REFUSED(-EINVAL, "ids before alias");
	EXPECT_NE(NULL, strstr(r.extack, "out of order")) TH_LOG("%s", r.extack);
	/*
	 * The client record left out, the trailer's count with it: the
	 * requester's entries have no cookie (fuzz_nl found this one
	 * restored, and its save then warned).
	 */
	RESET();
	off = dp_find_rec(&bad, FTALIAS_A_SAVE_TRAILER, 0);
	patch_u32(&bad, off, FTALIAS_A_SAVE_TRAILER_CLIENTS, 0);
	dp_cut_rec(&bad, dp_find_rec(&bad, FTALIAS_A_SAVE_CLIENT, 0));
	REFUSED(-EINVAL, "no client record");
	EXPECT_NE(NULL, strstr(r.extack, "without its client record"))
		TH_LOG("%s", r.extack);
	/* a journal record after a completed entry */
	RESET();
	{
		long j = dp_find_rec(&bad, FTALIAS_A_SAVE_JREC, 0);
		long c = dp_find_rec(&bad, FTALIAS_A_SAVE_CLIENT, 0);
		size_t lj = dp_pair_len(bad.buf + j, bad.len - j);
		uint8_t tmp[256];

		ASSERT_LE(lj, sizeof(tmp));
		memcpy(tmp, bad.buf + j, lj);
		memmove(bad.buf + j, bad.buf + j + lj, c - j - lj);
		memcpy(bad.buf + c - lj, tmp, lj);
	}
	REFUSED(-EINVAL, "journal record misplaced");
	/* a member's request under an ID of another alias */
	RESET();
	off = dp_find_rec(&bad, FTALIAS_A_SAVE_REQUEST, 0);
	ASSERT_GT(off, 0);
	patch_u32_at(&bad, off, FTALIAS_A_SAVE_REQUEST_KEY,
		     offsetof(struct ftalias_id, alias), self->d);
	REFUSED(-EINVAL, "request of another alias");
	EXPECT_NE(NULL, strstr(r.extack, "did not give")) TH_LOG("%s", r.extack);
	/* ... or above the members' last transaction id */
	RESET();
	off = dp_find_rec(&bad, FTALIAS_A_SAVE_REQUEST, 0);
	patch_u32_at(&bad, off, FTALIAS_A_SAVE_REQUEST_KEY,
		     offsetof(struct ftalias_id, xid), 0x7fffffff);
	REFUSED(-EINVAL, "request above the xid");
	/* the same request twice */
	RESET();
	off = dp_find_rec(&bad, FTALIAS_A_SAVE_REQUEST, 0);
	{
		size_t lr = dp_pair_len(bad.buf + off, bad.len - off);

		bad.buf = realloc(bad.buf, s.len + lr);
		ASSERT_NE(NULL, bad.buf);
		memmove(bad.buf + off + lr, bad.buf + off, bad.len - off);
		bad.len += lr;
	}
	patch_u32(&bad, dp_find_rec(&bad, FTALIAS_A_SAVE_TRAILER, 0),
		  FTALIAS_A_SAVE_TRAILER_REQUESTS, 2);
	REFUSED(-EINVAL, "request twice");
	EXPECT_NE(NULL, strstr(r.extack, "came before")) TH_LOG("%s", r.extack);
	/* a request left out: the trailer counts it */
	RESET();
	dp_cut_rec(&bad, dp_find_rec(&bad, FTALIAS_A_SAVE_REQUEST, 0));
	REFUSED(-EINVAL, "request missing");
	EXPECT_NE(NULL, strstr(r.extack, "trailer")) TH_LOG("%s", r.extack);
	/* a request before the client records */
	RESET();
	{
		long q = dp_find_rec(&bad, FTALIAS_A_SAVE_REQUEST, 0);
		long c = dp_find_rec(&bad, FTALIAS_A_SAVE_CLIENT, 0);
		size_t lq = dp_pair_len(bad.buf + q, bad.len - q);
		uint8_t tmp[256];

		ASSERT_LE(lq, sizeof(tmp));
		memcpy(tmp, bad.buf + q, lq);
		memmove(bad.buf + c + lq, bad.buf + c, q - c);
		memcpy(bad.buf + c, tmp, lq);
	}
	REFUSED(-EINVAL, "request before the clients");
	EXPECT_NE(NULL, strstr(r.extack, "out of order")) TH_LOG("%s", r.extack);
	/* the handle of another socket */
	ASSERT_EQ(0, dp_rst_open(&r, self->nl->fam));
	RESET();
	{
		struct dp_rst r2;

		ASSERT_EQ(0, dp_rst_send(&r, bad.buf,
				      dp_find_rec(&bad, FTALIAS_A_SAVE_DSTS, 0),
				      NULL, 0)) TH_LOG("%s", r.extack);
		ASSERT_NE(0U, r.handle);
		ASSERT_EQ(0, dp_rst_open(&r2, self->nl->fam));
		r2.handle = r.handle;
		EXPECT_EQ(-ENOENT, dp_rst_send(&r2, NULL, 0, NULL, 0));
		close(r2.fd);
	}
	close(r.fd);
	EXPECT_FALSE(alias_exists(self->nl, name));
	EXPECT_EQ(total, dp_total_bytes(self->nl));

	/* without CAP_NET_ADMIN */
	pid = fork();
	ASSERT_GE(pid, 0);
	if (!pid) {
		if (drop_caps() || dp_rst_open(&r, self->nl->fam))
			_exit(10);
		_exit(dp_restore(&r, &s, NULL, 0, 8192) == -EPERM ? 0 : 11);
	}
	ASSERT_EQ(pid, waitpid(pid, &st, 0));
	EXPECT_TRUE(WIFEXITED(st));
	EXPECT_EQ(0, WEXITSTATUS(st));
	EXPECT_FALSE(alias_exists(self->nl, name));
#undef REFUSED
#undef RESET

	/* and the file itself still restores, under another name and id */
	ASSERT_EQ(0, dp_rst_open(&r, self->nl->fam));
	ASSERT_EQ(0, dp_restore(&r, &s, "svother", 0x7ffffff1, 65536)) TH_LOG("%s", r.extack);
	EXPECT_EQ(0x7ffffff1U, r.id);
	close(r.fd);
	EXPECT_TRUE(alias_exists(self->nl, "svother"));
	EXPECT_EQ(0, dp_alias_del(self->nl, 0x7ffffff1));
	free(bad.buf);
	free(s.buf);
	close(cli);
}

static int new_alias_id(struct dp_nl *nl, const char *name, uint32_t id);

/* The cookie of a save's ids record, or of its (first) client record. */
static uint64_t saved_cookie(const struct dp_saved *s, bool client)
{
	uint64_t cookie = 0;
	struct parsed p;
	int i;

	parse(s, &p);
	for (i = 0; i < p.n; i++) {
		const struct rec *r = &p.r[i];

		if (!client && r->type == FTALIAS_A_SAVE_IDS &&
		    r->tb[FTALIAS_A_SAVE_IDS_COOKIE])
			cookie = nla_u64(r->tb[FTALIAS_A_SAVE_IDS_COOKIE]);
		if (client && r->type == FTALIAS_A_SAVE_CLIENT &&
		    r->tb[FTALIAS_A_SAVE_CLIENT_COOKIE] && !cookie)
			cookie = nla_u64(r->tb[FTALIAS_A_SAVE_CLIENT_COOKIE]);
	}
	parsed_free(&p);
	return cookie;
}

static void restore_ok(struct __test_metadata *_metadata, uint16_t fam,
		       const struct dp_saved *s)
{
	struct dp_rst r;

	ASSERT_EQ(0, dp_rst_open(&r, fam));
	ASSERT_EQ(0, dp_restore(&r, s, NULL, 0, 65536)) TH_LOG("%s", r.extack);
	close(r.fd);
}

/*
 * The client's save @sc restored with a new-id, even the saved one: a new
 * requester, whose save has no record of @type; restored as saved, it
 * saves the same records again.
 */
static void new_id_then_same(struct __test_metadata *_metadata,
			     FIXTURE_DATA(sv) *self, const struct dp_saved *sc,
			     int type)
{
	struct dp_saved s2;
	struct dp_rst r;

	ASSERT_EQ(0, dp_rst_open(&r, self->nl->fam));
	ASSERT_EQ(0, dp_restore(&r, sc, NULL, self->c, 65536))
		TH_LOG("%s", r.extack);
	close(r.fd);
	ASSERT_EQ(0, dp_save(self->nl->fam, self->c, &s2));
	EXPECT_EQ(-1, dp_find_rec(&s2, type, 0));
	free(s2.buf);
	ASSERT_EQ(0, dp_alias_del(self->nl, self->c));

	restore_ok(_metadata, self->nl->fam, sc);
	ASSERT_EQ(0, dp_save(self->nl->fam, self->c, &s2));
	same_records(_metadata, sc, &s2);
	free(s2.buf);
}

static uint32_t cache_entries(struct __test_metadata *_metadata,
			      struct dp_nl *nl, uint32_t id)
{
	struct dp_alias a;

	EXPECT_EQ(0, dp_alias_get(nl, id, &a));
	return a.cache.entries;
}

/*
 * The server comes back before its requester alias: the requester's
 * entries wait for it (a later save keeps them, with its cookie), and it
 * takes them when it comes back, in whatever order; an unrelated alias
 * that gets the requester's id drops them, whether it comes before the
 * server or after it.
 */
TEST_F(sv, restore_strays)
{
	struct ftalias_id ids[N_SIZES], blk, jid;
	struct dp_saved s, sc, s2;
	struct dp_alias a;
	int srv, cli, plain;
	char name[32];
	struct dp_rst r;

	open_three(_metadata, self, &srv, &cli, &plain);
	ASSERT_NE(0U, fill(_metadata, self, srv, cli, plain, ids, &blk, &jid));
	ASSERT_EQ(0, dp_save(self->nl->fam, self->s, &s));
	ASSERT_EQ(0, dp_save(self->nl->fam, self->c, &sc));
	EXPECT_EQ(saved_cookie(&sc, false), saved_cookie(&s, true));
	close(srv);
	close(plain);
	close(cli);
	ASSERT_EQ(0, dp_alias_del(self->nl, self->s));
	ASSERT_EQ(0, dp_alias_del(self->nl, self->c));

	/* the server alone: the client's entries wait, and are saved so */
	restore_ok(_metadata, self->nl->fam, &s);
	EXPECT_EQ(N_SIZES + 1, cache_entries(_metadata, self->nl, self->s));
	ASSERT_EQ(0, dp_save(self->nl->fam, self->s, &s2));
	EXPECT_EQ(saved_cookie(&sc, false), saved_cookie(&s2, true));
	same_records(_metadata, &s, &s2);
	free(s2.buf);

	/* the client comes back: its re-sends are answered */
	restore_ok(_metadata, self->nl->fam, &sc);
	srv = dp_socket(self->af, self->s, -1, 0);
	cli = dp_socket(self->af, self->c, -1, 0);
	ASSERT_GE(srv, 0);
	ASSERT_GE(cli, 0);
	resend_all(_metadata, self, cli, ids);
	ASSERT_EQ(0, dp_alias_get(self->nl, self->s, &a));
	EXPECT_EQ((uint64_t)N_SIZES, a.cache.hits_auto);
	close(cli);
	close(srv);
	/* its entries are its own: they go with it */
	ASSERT_EQ(0, dp_alias_del(self->nl, self->c));
	EXPECT_EQ(0U, cache_entries(_metadata, self->nl, self->s));

	/* another alias takes the client's id after the server came back */
	ASSERT_EQ(0, dp_alias_del(self->nl, self->s));
	restore_ok(_metadata, self->nl->fam, &s);
	EXPECT_EQ(N_SIZES + 1, cache_entries(_metadata, self->nl, self->s));
	snprintf(name, sizeof(name), "sv%d-other", getpid());
	ASSERT_EQ((int)self->c, new_alias_id(self->nl, name, self->c));
	EXPECT_EQ(0U, cache_entries(_metadata, self->nl, self->s));

	/* ... or before: the server's restore drops them */
	ASSERT_EQ(0, dp_alias_del(self->nl, self->s));
	restore_ok(_metadata, self->nl->fam, &s);
	EXPECT_EQ(0U, cache_entries(_metadata, self->nl, self->s));
	/* and the client's own file cannot come back over it */
	ASSERT_EQ(0, dp_rst_open(&r, self->nl->fam));
	EXPECT_EQ(-EEXIST, dp_restore(&r, &sc, NULL, 0, 65536));
	close(r.fd);
	free(s.buf);
	free(sc.buf);
}

/*
 * A requester alias saved before the server it sent to: the server's
 * file holds replies to requests made after the requester's save.  Once
 * both are back, in either order, the requester's next ID is above them
 * all, and its new request reaches the server's member instead of
 * getting an old reply.
 */
TEST_F(sv, restore_older_client)
{
	struct ftalias_id id, last;
	struct dp_saved s, sc;
	struct dp_msg m;
	int srv, cli, order, i;

	open_three(_metadata, self, &srv, &cli, NULL);
	ASSERT_EQ(0, request(self, cli, srv, "q", &id));
	ASSERT_EQ(0, dp_reply_record(srv, &id, "a", 1));
	ASSERT_EQ(1, dp_recv_wait(cli, self->buf, sizeof(self->buf), &m, WAIT_MS));
	ASSERT_EQ(0, dp_save(self->nl->fam, self->c, &sc));
	for (i = 0; i < 3; i++) {
		ASSERT_EQ(0, request(self, cli, srv, "q", &last));
		ASSERT_EQ(0, dp_reply_record(srv, &last, "b", 1));
		ASSERT_EQ(1, dp_recv_wait(cli, self->buf, sizeof(self->buf), &m,
					  WAIT_MS));
	}
	ASSERT_EQ(0, dp_save(self->nl->fam, self->s, &s));
	close(srv);
	close(cli);
	for (order = 0; order < 2; order++) {
		ASSERT_EQ(0, dp_alias_del(self->nl, self->s));
		ASSERT_EQ(0, dp_alias_del(self->nl, self->c));
		/* the server first (its entries wait), or the client first */
		restore_ok(_metadata, self->nl->fam, order ? &sc : &s);
		restore_ok(_metadata, self->nl->fam, order ? &s : &sc);
		EXPECT_EQ(4U, cache_entries(_metadata, self->nl, self->s));
		srv = dp_socket(self->af, self->s, -1, 0);
		cli = dp_socket(self->af, self->c, -1, 0);
		ASSERT_GE(srv, 0);
		ASSERT_GE(cli, 0);
		ASSERT_EQ(0, request(self, cli, srv, "new", &id))
			TH_LOG("order %d: the new request did not reach the member",
			       order);
		EXPECT_EQ(last.xid + 1, id.xid) TH_LOG("order %d", order);
		close(srv);
		close(cli);
	}
	free(s.buf);
	free(sc.buf);
}

/* ---- the freeze: saves under load, moves ------------------------------ */

/* The server's member: records a reply to each request until "stop". */
struct answerer {
	int fd;
	int replies;
	int err;
};

static void *answer_all(void *arg)
{
	struct answerer *a = arg;
	uint8_t buf[64];
	struct dp_msg m;
	ssize_t n;

	for (;;) {
		n = dp_recv_wait(a->fd, buf, sizeof(buf), &m, WAIT_MS);
		if (n < 0) {
			a->err = (int)n;
			return NULL;
		}
		if (n == 4 && !memcmp(buf, "stop", 4))
			return NULL;
		a->err = dp_reply_record(a->fd, &m.id, "r", 1);
		if (a->err)
			return NULL;
		a->replies++;
	}
}

/* The client's member: n requests one after the other, each answered. */
struct asker {
	int fd, af, n;
	uint32_t to;
	int answered, failed;
	volatile int done;
};

static void *ask_all(void *arg)
{
	struct asker *k = arg;
	struct ftalias_id id;
	uint8_t buf[64];
	struct dp_msg m;
	int i;

	for (i = 0; i < k->n; i++) {
		if (dp_send_req(k->fd, k->af, k->to, "q", 1, &id, 0) ||
		    dp_recv_wait(k->fd, buf, sizeof(buf), &m, WAIT_MS) != 1 ||
		    m.err || !dp_id_eq(&m.reply_to, &id)) {
			k->failed++;
			break;
		}
		k->answered++;
	}
	__atomic_store_n(&k->done, 1, __ATOMIC_RELEASE);
	return NULL;
}

/* The header's freeze-us of a save, or -1 when it has none. */
static long saved_freeze_us(const struct dp_saved *s)
{
	struct parsed p;
	long us = -1;

	parse(s, &p);
	if (p.n && p.r[0].type == FTALIAS_A_SAVE_HEADER && !p.crc_bad &&
	    p.r[0].tb[FTALIAS_A_SAVE_HEADER_FREEZE_US])
		us = nla_u32(p.r[0].tb[FTALIAS_A_SAVE_HEADER_FREEZE_US]);
	parsed_free(&p);
	return us;
}

/*
 * Saves of the server and of its client alias while the client's member
 * sends request after request and the server's member records a reply to
 * each: every save succeeds and says how long the alias was frozen, and
 * nothing fails: each request gets its one reply (requests to a frozen
 * alias are held, records, replies and requests of its members wait).
 */
TEST_F(sv, freeze_under_load)
{
	struct answerer a = { 0 };
	struct asker k = { 0 };
	pthread_t ta, tk;
	struct dp_saved s;
	struct dp_alias x;
	int srv, cli, saves = 0;

	open_three(_metadata, self, &srv, &cli, NULL);
	a.fd = srv;
	k.fd = cli;
	k.af = self->af;
	k.to = self->s;
	k.n = 400;
	ASSERT_EQ(0, pthread_create(&ta, NULL, answer_all, &a));
	ASSERT_EQ(0, pthread_create(&tk, NULL, ask_all, &k));
	while (!__atomic_load_n(&k.done, __ATOMIC_ACQUIRE) || saves < 8) {
		ASSERT_EQ(0, dp_save(self->nl->fam,
				     saves % 2 ? self->c : self->s, &s));
		EXPECT_LE(0, saved_freeze_us(&s));
		free(s.buf);
		saves++;
	}
	pthread_join(tk, NULL);
	ASSERT_EQ(0, dp_send_req(cli, self->af, self->s, "stop", 4, NULL, 0));
	pthread_join(ta, NULL);
	EXPECT_EQ(0, k.failed);
	EXPECT_EQ(k.n, k.answered);
	EXPECT_EQ(k.n, a.replies);
	EXPECT_EQ(0, a.err);
	ASSERT_EQ(0, dp_alias_get(self->nl, self->s, &x));
	EXPECT_EQ(0U, x.failed);
	EXPECT_EQ((uint64_t)k.n, x.replies);
	ASSERT_EQ(0, dp_alias_get(self->nl, self->c, &x));
	EXPECT_EQ(0U, x.failed);
	close(srv);
	close(cli);
}

/* A thread that records a reply: what came of it. */
struct replier {
	int fd;
	struct ftalias_id id;
	pid_t tid;
	int err;
};

static void *reply_one(void *arg)
{
	struct replier *r = arg;

	__atomic_store_n(&r->tid, (pid_t)syscall(SYS_gettid), __ATOMIC_RELEASE);
	r->err = dp_reply_record(r->fd, &r->id, "a", 1);
	return NULL;
}

/* A thread that sends a request: what came of it. */
struct requester {
	int fd, af;
	uint32_t to;
	pid_t tid;
	int err;
};

static void *request_one(void *arg)
{
	struct requester *q = arg;

	__atomic_store_n(&q->tid, (pid_t)syscall(SYS_gettid), __ATOMIC_RELEASE);
	q->err = dp_send_req(q->fd, q->af, q->to, "r", 1, NULL, 0) ? -errno : 0;
	return NULL;
}

static pid_t asker_tid(struct requester *q)
{
	int i;

	for (i = 0; i < WAIT_MS; i++) {
		if (__atomic_load_n(&q->tid, __ATOMIC_ACQUIRE))
			return q->tid;
		usleep(1000);
	}
	return 0;
}

/* Whether thread @tid sleeps in the kernel, killable ('D'), within WAIT_MS. */
static bool waits_in_kernel(pid_t tid)
{
	char path[64], buf[256], *p;
	int i, fd;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/self/task/%d/stat", tid);
	for (i = 0; i < WAIT_MS / 10; i++) {
		fd = open(path, O_RDONLY);
		n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);
		if (fd >= 0)
			close(fd);
		if (n > 0) {
			buf[n] = 0;
			p = strrchr(buf, ')');
			if (p && p[1] == ' ' && p[2] == 'D')
				return true;
		}
		usleep(10000);
	}
	return false;
}

/* The replier started, once it told its thread id. */
static pid_t replier_tid(struct replier *r)
{
	pid_t tid;
	int i;

	for (i = 0; i < WAIT_MS; i++) {
		tid = __atomic_load_n(&r->tid, __ATOMIC_ACQUIRE);
		if (tid)
			return tid;
		usleep(1000);
	}
	return 0;
}

/*
 * A server saved with move: until it is deleted it is frozen.  A request
 * sent to it is held, its member's reply waits in the kernel (but a
 * non-blocking send gets EAGAIN), another save is refused (EBUSY), a
 * deletion with moved from a socket that did not save it too (ESTALE); a
 * member's new request waits, and the deletion fails it (EIDRM) without
 * an ID.  The deletion fails both requests (EIDRM) and
 * the waiting reply; the restored server gives the new member the one in
 * progress (blocked) as an orphan, and the client's re-send gets the
 * reply the new member records.
 */
TEST_F(sv, move)
{
	struct replier r = { 0 };
	struct requester q = { 0 };
	struct ftalias_id id1, id2;
	struct dp_saved s, s2;
	struct dp_alias x;
	struct dp_part d;
	struct dp_msg m;
	pthread_t t, tq;
	int srv, cli, i, fl;

	open_three(_metadata, self, &srv, &cli, NULL);
	ASSERT_EQ(0, request(self, cli, srv, "q1", &id1));
	ASSERT_EQ(0, dp_record(srv, &id1, FTALIAS_RECORD_BLOCK, NULL, 0));
	ASSERT_EQ(0, dp_save_move(&d, self->nl->fam, self->s, &s));
	EXPECT_LE(0, saved_freeze_us(&s));

	ASSERT_EQ(0, dp_send_req(cli, self->af, self->s, "q2", 2, &id2, 0));
	ASSERT_EQ(0, dp_alias_get(self->nl, self->s, &x));
	EXPECT_EQ(1U, x.held);
	EXPECT_EQ(2U, x.pending);
	r.fd = srv;
	r.id = id1;
	ASSERT_EQ(0, pthread_create(&t, NULL, reply_one, &r));
	ASSERT_NE(0, replier_tid(&r));
	EXPECT_TRUE(waits_in_kernel(r.tid));
	EXPECT_EQ(-EBUSY, dp_save(self->nl->fam, self->s, &s2));
	/* a non-blocking send does not wait: EAGAIN */
	fl = fcntl(srv, F_GETFL);
	ASSERT_EQ(0, fcntl(srv, F_SETFL, fl | O_NONBLOCK));
	EXPECT_EQ(-EAGAIN, dp_record(srv, &id1, FTALIAS_RECORD_DISCARD,
				     NULL, 0));
	ASSERT_EQ(0, fcntl(srv, F_SETFL, fl));

	/* not this socket's move: a moved deletion is refused */
	EXPECT_EQ(-ESTALE, dp_alias_del_moved(self->nl, self->s));
	/* a member's new request waits too, and gets no ID */
	q.fd = srv;
	q.af = self->af;
	q.to = self->d;
	ASSERT_EQ(0, pthread_create(&tq, NULL, request_one, &q));
	ASSERT_NE(0, asker_tid(&q));
	EXPECT_TRUE(waits_in_kernel(q.tid));

	ASSERT_EQ(0, dp_alias_del(self->nl, self->s));
	pthread_join(t, NULL);
	EXPECT_NE(0, r.err);
	pthread_join(tq, NULL);
	EXPECT_EQ(-EIDRM, q.err);
	ASSERT_EQ(0, dp_alias_get(self->nl, self->d, &x));
	EXPECT_EQ(0U, x.pending);
	for (i = 0; i < 2; i++) {
		ASSERT_EQ(0, dp_recv_wait(cli, self->buf, sizeof(self->buf), &m,
					  WAIT_MS));
		EXPECT_EQ((uint32_t)EIDRM, m.err);
		EXPECT_TRUE(dp_id_eq(&m.reply_to, i ? &id2 : &id1));
	}
	dp_part_close(&d);
	close(srv);

	restore_ok(_metadata, self->nl->fam, &s);
	srv = dp_socket(self->af, self->s, -1, 0);
	ASSERT_GE(srv, 0);
	ASSERT_EQ(2, dp_recv_wait(srv, self->buf, sizeof(self->buf), &m,
				  WAIT_MS));
	EXPECT_NE(0U, m.flags & FTALIAS_F_ORPHAN);
	EXPECT_TRUE(dp_id_eq(&m.id, &id1));
	ASSERT_EQ(0, dp_send_req_cmsg(cli, self->af, self->s, "q1", 2,
				      FTALIAS_CMSG_ID, &id1, sizeof(id1), NULL));
	ASSERT_EQ(0, dp_reply_record(srv, &id1, "b", 1));
	ASSERT_EQ(1, dp_recv_wait(cli, self->buf, sizeof(self->buf), &m,
				  WAIT_MS));
	EXPECT_TRUE(dp_id_eq(&m.reply_to, &id1));
	EXPECT_EQ('b', self->buf[0]);
	close(srv);
	close(cli);
	free(s.buf);
}

/*
 * A move its saver gives up (its socket closes without the deletion): the
 * server thaws as it was.  The waiting reply goes out, the held request
 * reaches the member, and the server can be saved again.
 */
TEST_F(sv, move_given_up)
{
	struct replier r = { 0 };
	struct ftalias_id id1, id2;
	struct dp_saved s;
	struct dp_part d;
	struct dp_msg m;
	pthread_t t;
	int srv, cli;

	open_three(_metadata, self, &srv, &cli, NULL);
	ASSERT_EQ(0, request(self, cli, srv, "q1", &id1));
	ASSERT_EQ(0, dp_save_move(&d, self->nl->fam, self->s, &s));
	free(s.buf);
	ASSERT_EQ(0, dp_send_req(cli, self->af, self->s, "q2", 2, &id2, 0));
	r.fd = srv;
	r.id = id1;
	ASSERT_EQ(0, pthread_create(&t, NULL, reply_one, &r));
	ASSERT_NE(0, replier_tid(&r));
	EXPECT_TRUE(waits_in_kernel(r.tid));

	dp_part_close(&d);
	pthread_join(t, NULL);
	EXPECT_EQ(0, r.err);
	ASSERT_EQ(1, dp_recv_wait(cli, self->buf, sizeof(self->buf), &m,
				  WAIT_MS));
	EXPECT_TRUE(dp_id_eq(&m.reply_to, &id1));
	ASSERT_EQ(2, dp_recv_wait(srv, self->buf, sizeof(self->buf), &m,
				  WAIT_MS));
	EXPECT_TRUE(dp_id_eq(&m.id, &id2));
	ASSERT_EQ(0, dp_save(self->nl->fam, self->s, &s));
	free(s.buf);
	close(srv);
	close(cli);
}

#define MOVE_PARAM	"/sys/module/ftalias/parameters/move_timeout_ms"

/*
 * A move nobody finishes within move_timeout_ms: the server thaws, the
 * request held meanwhile reaches its member, and the deletion that would
 * have ended the move is refused (ESTALE).
 */
TEST_F(sv, move_timeout)
{
	struct ftalias_id id;
	struct dp_saved s;
	struct dp_part d;
	struct dp_msg m;
	long old;
	char v[32];
	int srv, cli;

	old = dp_read_long(MOVE_PARAM);
	ASSERT_GT(old, 0);
	open_three(_metadata, self, &srv, &cli, NULL);
	ASSERT_EQ(0, dp_write_str(MOVE_PARAM, "300"));
	ASSERT_EQ(0, dp_save_move(&d, self->nl->fam, self->s, &s));
	free(s.buf);
	ASSERT_EQ(0, dp_send_req(cli, self->af, self->s, "q", 1, &id, 0));
	ASSERT_EQ(1, dp_recv_wait(srv, self->buf, sizeof(self->buf), &m,
				  WAIT_MS));
	EXPECT_TRUE(dp_id_eq(&m.id, &id));
	snprintf(v, sizeof(v), "%ld", old);
	EXPECT_EQ(0, dp_write_str(MOVE_PARAM, v));
	/* the move ended: its deletion is refused, the alias goes on */
	EXPECT_EQ(-ESTALE, dp_alias_del_moved(self->nl, self->s));
	EXPECT_TRUE(cache_entries(_metadata, self->nl, self->s) == 0);
	ASSERT_EQ(0, dp_save(self->nl->fam, self->s, &s));
	free(s.buf);
	dp_part_close(&d);
	close(srv);
	close(cli);
}

/*
 * A client alias moved away leaves its entries in the server's cache (a
 * deleted one takes them with it), and the same alias, restored, gets its
 * re-sent request answered from there, without the server's member.  The
 * server's member answers the client's other request while the client is
 * being moved, without waiting: the answer goes with the client, whose
 * restored request goes out again and is answered from the cache.
 */
TEST_F(sv, move_keeps_entries)
{
	struct ftalias_id id, id2;
	struct dp_saved sc;
	struct dp_alias x;
	struct dp_part d;
	struct dp_msg m;
	int srv, cli, i, got = 0;

	open_three(_metadata, self, &srv, &cli, NULL);
	ASSERT_EQ(0, request(self, cli, srv, "q", &id));
	ASSERT_EQ(0, dp_reply_record(srv, &id, "a", 1));
	ASSERT_EQ(1, dp_recv_wait(cli, self->buf, sizeof(self->buf), &m,
				  WAIT_MS));
	ASSERT_EQ(0, request(self, cli, srv, "q2", &id2));
	ASSERT_EQ(0, dp_save_move(&d, self->nl->fam, self->c, &sc));
	ASSERT_EQ(0, dp_reply_record(srv, &id2, "b", 1));
	close(cli);
	ASSERT_EQ(0, dp_alias_del(self->nl, self->c));
	dp_part_close(&d);
	EXPECT_EQ(2U, cache_entries(_metadata, self->nl, self->s));

	restore_ok(_metadata, self->nl->fam, &sc);
	cli = dp_socket(self->af, self->c, -1, 0);
	ASSERT_GE(cli, 0);
	ASSERT_EQ(0, dp_send_req_cmsg(cli, self->af, self->s, "q", 1,
				      FTALIAS_CMSG_ID, &id, sizeof(id), NULL));
	for (i = 0; i < 2; i++) {
		ASSERT_EQ(1, dp_recv_wait(cli, self->buf, sizeof(self->buf),
					  &m, WAIT_MS));
		if (dp_id_eq(&m.reply_to, &id)) {
			got |= 1;
			EXPECT_EQ('a', self->buf[0]);
		} else if (dp_id_eq(&m.reply_to, &id2)) {
			got |= 2;
			EXPECT_EQ('b', self->buf[0]);
		}
	}
	EXPECT_EQ(3, got);
	ASSERT_EQ(0, dp_alias_get(self->nl, self->s, &x));
	EXPECT_EQ(2ULL, x.cache.hits_auto);
	EXPECT_EQ(-EAGAIN, (int)dp_recv(srv, self->buf, sizeof(self->buf), &m,
					MSG_DONTWAIT));
	close(cli);
	close(srv);
	free(sc.buf);
}

/* ---- files saved on each kernel, restored on every kernel -------------- */

/* Fixed ids and names: a file made on one kernel, used on another. */
/*
 * The requests a member of the client alias sent that wait for their
 * reply are saved with it: one delivered at the server, one held at the
 * third alias (no member), one at an alias deleted after the save (and
 * made again with its id: another alias).  The client restored, they wait
 * for its first member; then each goes out again with its ID and the
 * resent flag (redelivered when a member had it before), the replies reach
 * the new member, the one whose destination is gone fails with
 * EHOSTUNREACH, and the member's next ID is above them.
 */
TEST_F(sv, restore_requests)
{
	struct ftalias_id ask, later, lost, id;
	uint32_t e = new_alias(self->nl);
	int srv, cli, dm, em, i;
	struct dp_saved sc;
	char name[32];
	struct dp_msg m;
	bool got[3] = { false, false, false };

	ASSERT_NE(0U, e);
	/* held there until saved, however slow the guest */
	ASSERT_EQ(0, dp_alias_set(self->nl, self->d, FTALIAS_A_ALIAS_GRACE_MS,
				  60000, 4));
	ASSERT_EQ(0, dp_alias_set(self->nl, e, FTALIAS_A_ALIAS_GRACE_MS,
				  60000, 4));
	open_three(_metadata, self, &srv, &cli, NULL);
	ASSERT_EQ(0, request(self, cli, srv, "ask", &ask));
	ASSERT_EQ(0, dp_send_req(cli, self->af, self->d, "later", 5, &later, 0));
	ASSERT_EQ(0, dp_send_req(cli, self->af, e, "lost", 4, &lost, 0));
	ASSERT_EQ(0, dp_save(self->nl->fam, self->c, &sc));
	close(cli);
	ASSERT_EQ(0, dp_alias_del(self->nl, self->c));
	ASSERT_EQ(0, dp_alias_del(self->nl, e));
	snprintf(name, sizeof(name), "sv%d-e", getpid());
	ASSERT_EQ((int)e, new_alias_id(self->nl, name, e));
	em = dp_socket(self->af, e, -1, 0);
	ASSERT_GE(em, 0);

	/* parked, they are saved again as they came */
	new_id_then_same(_metadata, self, &sc, FTALIAS_A_SAVE_REQUEST);
	/* nothing goes out before the client has a member */
	EXPECT_TRUE(dp_nothing_queued(srv));

	dm = dp_socket(self->af, self->d, -1, 0);
	ASSERT_GE(dm, 0);
	cli = dp_socket(self->af, self->c, -1, 0);
	ASSERT_GE(cli, 0);
	ASSERT_EQ(3, dp_recv_wait(srv, self->buf, sizeof(self->buf), &m,
				  WAIT_MS));
	EXPECT_EQ(0, memcmp(self->buf, "ask", 3));
	EXPECT_TRUE(dp_id_eq(&m.id, &ask));
	EXPECT_EQ((uint32_t)(FTALIAS_F_RESENT | FTALIAS_F_REDELIVERED), m.flags);
	ASSERT_EQ(5, dp_recv_wait(dm, self->buf, sizeof(self->buf), &m,
				  WAIT_MS));
	EXPECT_EQ(0, memcmp(self->buf, "later", 5));
	EXPECT_TRUE(dp_id_eq(&m.id, &later));
	EXPECT_EQ((uint32_t)FTALIAS_F_RESENT, m.flags);
	ASSERT_EQ(0, dp_send_reply(srv, &ask, "A", 1, 0));
	ASSERT_EQ(0, dp_send_reply(dm, &later, "L", 1, 0));

	/* two replies and a notice, in whatever order they come */
	for (i = 0; i < 3; i++) {
		ASSERT_LE(0, dp_recv_wait(cli, self->buf, sizeof(self->buf), &m,
					  WAIT_MS));
		if (dp_id_eq(&m.reply_to, &ask)) {
			EXPECT_EQ(1, m.len);
			EXPECT_EQ('A', self->buf[0]);
			got[0] = true;
		} else if (dp_id_eq(&m.reply_to, &later)) {
			EXPECT_EQ(1, m.len);
			EXPECT_EQ('L', self->buf[0]);
			got[1] = true;
		} else {
			EXPECT_TRUE(dp_id_eq(&m.reply_to, &lost));
			EXPECT_EQ((uint32_t)EHOSTUNREACH, m.err);
			got[2] = true;
		}
	}
	EXPECT_TRUE(got[0] && got[1] && got[2]);
	EXPECT_TRUE(dp_nothing_queued(cli));
	/* the new alias of the lost one's id never saw it */
	EXPECT_TRUE(dp_nothing_queued(em));
	close(em);
	EXPECT_EQ(0, dp_alias_del(self->nl, e));
	/* the members' next ID is above the restored ones */
	ASSERT_EQ(0, dp_send_req(cli, self->af, self->s, "next", 4, &id, 0));
	EXPECT_EQ(lost.xid + 1, id.xid);
	close(dm);
	close(cli);
	close(srv);
	free(sc.buf);
}

/*
 * The replies to a client's requests that came while it had no member (a
 * reply, and the EIDRM notice of a request to an alias deleted) are
 * saved with it, restored held, and reach its first member; given a
 * new-id, the client leaves them out.
 */
TEST_F(sv, restore_held)
{
	struct ftalias_id x, y;
	uint32_t e = new_alias(self->nl);
	bool got_x = false, got_y = false;
	struct dp_saved sc;
	struct parsed p;
	struct dp_msg m;
	int srv, cli, i;

	ASSERT_NE(0U, e);
	/* held for a minute, not the fixture's 2 s: a slow guest keeps them */
	ASSERT_EQ(0, dp_alias_set(self->nl, self->c, FTALIAS_A_ALIAS_GRACE_MS,
				  60000, 4));
	open_three(_metadata, self, &srv, &cli, NULL);
	ASSERT_EQ(0, request(self, cli, srv, "x", &x));
	ASSERT_EQ(0, dp_send_req(cli, self->af, e, "y", 1, &y, 0));
	close(cli);
	ASSERT_EQ(0, dp_send_reply(srv, &x, "X!", 2, 0));
	ASSERT_EQ(0, dp_alias_del(self->nl, e));

	ASSERT_EQ(0, dp_save(self->nl->fam, self->c, &sc));
	parse(&sc, &p);
	EXPECT_EQ(0, p.crc_bad);
	ASSERT_EQ(7, p.n);
	ASSERT_EQ(FTALIAS_A_SAVE_HELD, p.r[4].type);
	ASSERT_EQ(FTALIAS_A_SAVE_HELD, p.r[5].type);
	for (i = 4; i < 6; i++) {
		struct ftalias_id key;

		memcpy(&key, nla_payload(p.r[i].tb[FTALIAS_A_SAVE_HELD_KEY]),
		       sizeof(key));
		if (dp_id_eq(&key, &x)) {
			EXPECT_EQ(NULL, p.r[i].tb[FTALIAS_A_SAVE_HELD_ERR]);
			EXPECT_EQ(self->s,
				  nla_u32(p.r[i].tb[FTALIAS_A_SAVE_HELD_SRC_ALIAS]));
			ASSERT_EQ(2U, p.r[i].len);
			EXPECT_EQ(0, memcmp(p.r[i].payload, "X!", 2));
		} else {
			EXPECT_TRUE(dp_id_eq(&key, &y));
			ASSERT_NE(NULL, p.r[i].tb[FTALIAS_A_SAVE_HELD_ERR]);
			EXPECT_EQ((uint32_t)EIDRM,
				  nla_u32(p.r[i].tb[FTALIAS_A_SAVE_HELD_ERR]));
		}
	}
	EXPECT_EQ(2U, nla_u32(p.r[6].tb[FTALIAS_A_SAVE_TRAILER_HELD]));
	parsed_free(&p);
	ASSERT_EQ(0, dp_alias_del(self->nl, self->c));

	new_id_then_same(_metadata, self, &sc, FTALIAS_A_SAVE_HELD);
	cli = dp_socket(self->af, self->c, -1, 0);
	ASSERT_GE(cli, 0);
	for (i = 0; i < 2; i++) {
		ASSERT_LE(0, dp_recv_wait(cli, self->buf, sizeof(self->buf), &m,
					  WAIT_MS));
		if (dp_id_eq(&m.reply_to, &x)) {
			EXPECT_EQ(2, m.len);
			EXPECT_EQ(0, memcmp(self->buf, "X!", 2));
			EXPECT_EQ(0U, m.err);
			got_x = true;
		} else {
			EXPECT_TRUE(dp_id_eq(&m.reply_to, &y));
			EXPECT_EQ((uint32_t)EIDRM, m.err);
			got_y = true;
		}
	}
	EXPECT_TRUE(got_x && got_y);
	EXPECT_TRUE(dp_nothing_queued(cli));
	close(cli);
	close(srv);
	free(sc.buf);
}

#define G_S	901U
#define G_C	902U
#define G_D	903U

static int new_alias_id(struct dp_nl *nl, const char *name, uint32_t id)
{
	struct ftalias_alias_new_req *req = ftalias_alias_new_req_alloc();

	ftalias_alias_new_req_set_name(req, name);
	ftalias_alias_new_req_set_id(req, id);
	ftalias_alias_new_req_set_grace_ms(req, 2000);
	return dp_alias_new_send(nl, req);
}

/* The file's 16-byte header, as ftaliasctl alias save writes it. */
struct g_header {
	char magic[4];
	uint32_t order;
	uint32_t version;
	uint32_t reserved;
};

/*
 * With FTALIAS_SAVE_GOLDEN=PATH: the state of TEST_F(sv, records), with
 * fixed ids, written to PATH (make the files of selftests/data with it on
 * each kernel).  Skipped otherwise.
 */
TEST_F(sv, golden_write)
{
	const char *path = getenv("FTALIAS_SAVE_GOLDEN");
	struct g_header h = { "FTAS", 0x01020304, FTALIAS_SAVE_VERSION, 0 };
	struct ftalias_id ids[N_SIZES], blk, jid;
	int srv, cli, plain, i;
	char name[4096];
	struct dp_saved sv;
	FILE *f;

	if (!path)
		SKIP(return, "FTALIAS_SAVE_GOLDEN not set");
	ASSERT_EQ((int)G_S, new_alias_id(self->nl, "golden-s", G_S));
	ASSERT_EQ((int)G_C, new_alias_id(self->nl, "golden-c", G_C));
	ASSERT_EQ((int)G_D, new_alias_id(self->nl, "golden-d", G_D));
	self->s = G_S;
	self->c = G_C;
	self->d = G_D;
	open_three(_metadata, self, &srv, &cli, &plain);
	ASSERT_NE(0U, fill(_metadata, self, srv, cli, plain, ids, &blk, &jid));
	/* the server, then its client (PATH.client): both come back */
	for (i = 0; i < 2; i++) {
		ASSERT_EQ(0, dp_save(self->nl->fam, i ? self->c : self->s, &sv));
		snprintf(name, sizeof(name), "%s%s", path, i ? ".client" : "");
		f = fopen(name, "w");
		ASSERT_NE(NULL, f);
		ASSERT_EQ(1U, fwrite(&h, sizeof(h), 1, f));
		ASSERT_EQ(1U, fwrite(sv.buf, sv.len, 1, f));
		ASSERT_EQ(0, fclose(f));
		free(sv.buf);
	}
	close(srv);
	close(plain);
	close(cli);
}

/* A file of selftests/data, without its header; 0 or -errno. */
static int read_golden(const char *name, struct dp_saved *s)
{
	char path[4096], *slash;
	struct g_header h;
	ssize_t n;
	FILE *f;

	n = readlink("/proc/self/exe", path, sizeof(path) - 64);
	if (n < 0)
		return -errno;
	path[n] = 0;
	slash = strrchr(path, '/');
	snprintf(slash ? slash + 1 : path, 64, "data/%s", name);
	f = fopen(path, "r");
	if (!f)
		return -errno;
	memset(s, 0, sizeof(*s));
	s->cap = 1 << 20;
	s->buf = malloc(s->cap);
	if (fread(&h, sizeof(h), 1, f) != 1 || memcmp(h.magic, "FTAS", 4) ||
	    h.order != 0x01020304) {
		fclose(f);
		return -EPROTO;
	}
	s->len = fread(s->buf, 1, s->cap, f);
	fclose(f);
	return 0;
}

/*
 * The files saved on 6.1 and on 6.12 (selftests/data, made with
 * golden_write) restore on this kernel: every entry, the orphan notice
 * with its journal to the first member, the client's re-sends answered.
 */
TEST_F(sv, golden)
{
	static const char *const files[] = { "save-6.1.ftas", "save-6.12.ftas" };
	char client[64];
	struct dp_saved cs;
	const struct ftalias_journal_rec *jr;
	union {
		char b[4096];
		struct cmsghdr align;
	} cb;
	struct ftalias_id key;
	struct parsed p;
	struct dp_alias a;
	struct dp_msg m;
	struct dp_saved s;
	struct dp_rst r;
	unsigned int f;
	int srv, cli, i;

	/* the fixture's aliases would not be the files' */
	dp_alias_del(self->nl, self->s);
	dp_alias_del(self->nl, self->c);
	dp_alias_del(self->nl, self->d);
	self->s = G_S;
	self->c = G_C;
	self->d = G_D;
	for (f = 0; f < sizeof(files) / sizeof(files[0]); f++) {
		ASSERT_EQ(0, read_golden(files[f], &s)) TH_LOG("%s", files[f]);
		snprintf(client, sizeof(client), "%s.client", files[f]);
		ASSERT_EQ(0, read_golden(client, &cs)) TH_LOG("%s", client);
		parse(&s, &p);
		EXPECT_EQ(0, p.crc_bad);
		/* the client first: the server's entries are its requests' */
		ASSERT_EQ(0, dp_rst_open(&r, self->nl->fam));
		ASSERT_EQ(0, dp_restore(&r, &cs, NULL, 0, 16384))
			TH_LOG("%s: %s", client, r.extack);
		EXPECT_EQ(G_C, r.id);
		close(r.fd);
		free(cs.buf);
		ASSERT_EQ((int)G_D, new_alias_id(self->nl, "golden-d", G_D));
		ASSERT_EQ(0, dp_rst_open(&r, self->nl->fam));
		ASSERT_EQ(0, dp_restore(&r, &s, NULL, 0, 16384))
			TH_LOG("%s: %s", files[f], r.extack);
		EXPECT_EQ(G_S, r.id);
		close(r.fd);
		ASSERT_EQ(0, dp_alias_get(self->nl, G_S, &a));
		EXPECT_EQ(N_SIZES + 1, a.cache.entries);
		EXPECT_EQ(1U, a.cache.in_progress);
		EXPECT_EQ(1U, a.cache.journal);

		srv = dp_socket(self->af, G_S, -1, 0);
		cli = dp_socket(self->af, G_C, -1, 0);
		ASSERT_GE(srv, 0);
		ASSERT_GE(cli, 0);
		ASSERT_EQ(7, dp_recv_wait_aux(srv, self->buf, sizeof(self->buf),
					      &m, cb.b, sizeof(cb.b), WAIT_MS));
		EXPECT_EQ(0, memcmp(self->buf, "blocked", 7));
		ASSERT_EQ(FTALIAS_CMSG_JOURNAL, m.aux_type);
		jr = m.aux;
		EXPECT_EQ(G_D, jr->alias);
		EXPECT_EQ(0, memcmp(jr + 1, "relay", 5));
		/* the completed entries follow the one in progress, its journal */
		for (i = 0; i < (int)N_SIZES; i++) {
			const struct rec *e = &p.r[6 + i];

			ASSERT_EQ(FTALIAS_A_SAVE_ENTRY, e->type);
			memcpy(&key, nla_payload(e->tb[FTALIAS_A_SAVE_ENTRY_KEY]),
			       sizeof(key));
			ASSERT_EQ(0, dp_send_req_cmsg(cli, self->af, G_S, "q", 1,
						      FTALIAS_CMSG_ID, &key,
						      sizeof(key), NULL));
			ASSERT_EQ((ssize_t)sizes[i],
				  dp_recv_wait(cli, self->buf, sizeof(self->buf),
					       &m, WAIT_MS));
			pattern(self->want, sizes[i], i);
			EXPECT_EQ(0, memcmp(self->buf, self->want, sizes[i]));
		}
		EXPECT_TRUE(dp_nothing_queued(srv));
		close(srv);
		close(cli);
		parsed_free(&p);
		free(s.buf);
		EXPECT_EQ(0, dp_alias_del(self->nl, G_S));
		EXPECT_EQ(0, dp_alias_del(self->nl, G_C));
		EXPECT_EQ(0, dp_alias_del(self->nl, G_D));
	}
}

TEST_HARNESS_MAIN
