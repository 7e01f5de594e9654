// SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause)
/*
 * libftalias: the PALIB of seed 000 over AF_FTALIAS sockets.  See
 * libftalias.h for the API and Documentation/libftalias.rst for how it
 * maps onto the seed's PA_Call, PA_Receive, PA_blockRequest and
 * PA_setRedProcess.
 *
 * Inside, a pa_sock is the socket plus:
 *  - two receive buffers: ctl for the control messages of every receive,
 *    rxbuf (FTALIAS_MSG_MAX, allocated at the first wait) for the data a
 *    wait reads when it does not know yet whose message it is;
 *  - "awaited": the IDs whose replies the user will ask for (ftalias_pa_send(),
 *    ftalias_pa_resend(), ftalias_pa_wait_reply()).  A wait keeps the replies
 *    to these and drops the others as strays;
 *  - "stash": a FIFO of the messages a wait read and kept, copied whole,
 *    returned by ftalias_pa_receive() before the socket is read again;
 *  - "keep": the handler argument or journal bytes of the message
 *    ftalias_pa_receive() returned last, and the parsed journal entries
 *    pointing into them, valid until the next ftalias_pa_receive().
 * No locks and no globals: one thread at a time per pa_sock.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <linux/genetlink.h>
#include <linux/openat2.h>
#include <linux/netlink.h>

#include "libftalias.h"

#define PA_FAMILY_PARAM	"/sys/module/ftalias/parameters/family"

enum limits {
	PA_CTL_PLAIN	= 256,		/* plain sockets: replies, notices */
	PA_NL_BUF	= 32768,	/* one generic netlink reply */
	PA_AWAITED_MIN	= 8,
	PA_JOURNAL_MIN	= 4,
};

/* A message a wait read for someone else, whole. */
struct pa_stash {
	struct pa_stash *next;
	struct pa_msg m;	/* arg and journal unset */
	void *data;		/* the data read */
	size_t data_len;
	void *extra;		/* handler argument or raw journal */
	size_t extra_len;
};

struct pa_sock {
	int fd;
	int af;
	uint32_t alias;		/* 0: a plain socket */
	uint32_t port;

	void *ctl;
	size_t ctl_size;
	void *rxbuf;		/* FTALIAS_MSG_MAX, for waits */

	struct ftalias_id *awaited;
	size_t n_awaited, awaited_cap;

	struct pa_stash *stash, **stash_tail;
	size_t n_stash;

	void *keep;
	size_t keep_cap;
	struct pa_journal_entry *journal;
	size_t journal_cap;

	struct pa_write *writes;	/* staged, for the next checkpoint */
	struct pa_write **writes_tail;
	unsigned char *ckpt;		/* chunks of a checkpoint received */
	size_t ckpt_len, ckpt_cap;
	bool ckpt_open;			/* its last chunk is still to come */
	bool ckpt_cut;			/* a chunk did not fit the buffer */
	bool ckpt_nomem;		/* or no memory for it */
	unsigned long ckpts;		/* ftalias_pa_checkpoint() commits */
	struct ftalias_id served;	/* the last request it returned, */
	bool has_served;		/* the input a checkpoint holds last */
	uint64_t ckpt_seq;		/* the alias's checkpoint it knows */
	unsigned long crash_ckpt;	/* test hook: FTALIAS_PA_TEST_CRASH */
	unsigned int crash_step;

	struct pa_stats stats;
};

/* A file write staged for the next checkpoint (ftalias_pa_stage_write()). */
struct pa_write {
	struct pa_write *next;
	char *path;
	uint64_t off;
	size_t len;
	unsigned char *data;
};

/*
 * The checkpoint libftalias commits: this header, the state, then each
 * staged write (struct pa_ckpt_write, its path with its NUL, its data),
 * each piece padded to 8 bytes.  Host byte order: read back by the same
 * program on the same kind of machine, or by a restore of the alias there.
 */
#define PA_CKPT_MAGIC	0x4b435046u	/* "FPCK" */

struct pa_ckpt_hdr {
	uint32_t magic;
	uint32_t version;		/* 1 */
	uint64_t state_len;
	uint32_t nwrites;
	uint32_t reserved;
};

struct pa_ckpt_write {
	uint64_t off;
	uint64_t len;
	uint32_t path_len;		/* with its NUL */
	uint32_t reserved;
};

#define PA_ALIGN8(n)	(((n) + 7) & ~(size_t)7)

/* struct pa_msg.flags of a chunk, inside the library: more follow. */
#define PA_F_CKPT_MORE	0x80000000u

/* What one recvmsg() gave, before it is handed to anybody. */
struct pa_raw {
	struct pa_msg m;
	const void *extra;	/* in ps->ctl */
	size_t extra_len;
	bool journal;		/* extra is a journal, not an argument */
};

/* ---- time ---------------------------------------------------------------- */

static int64_t pa_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The end of a wait of timeout_ms from now; -1: none. */
static int64_t pa_deadline(int timeout_ms)
{
	return timeout_ms < 0 ? -1 : pa_now_ms() + timeout_ms;
}

/* Milliseconds left until deadline, for poll(): -1 for ever, 0 expired. */
static int pa_left_ms(int64_t deadline)
{
	int64_t left;

	if (deadline < 0)
		return -1;
	left = deadline - pa_now_ms();
	if (left <= 0)
		return 0;
	return left > 0x7fffffff ? 0x7fffffff : (int)left;
}

/* ---- the address family and generic netlink --------------------------- */

struct pa_nl {
	int fd;
	uint32_t seq;
	uint16_t family;
	void *buf;		/* PA_NL_BUF: what recv() reads */
	void *msg;		/* PA_NL_BUF: the answer kept */
};

struct pa_nl_req {
	struct nlmsghdr nlh;
	struct genlmsghdr genl;
	char attrs[128];
};

static void pa_nl_init(struct pa_nl_req *r, uint16_t type, uint8_t cmd,
		       uint32_t seq)
{
	memset(r, 0, sizeof(*r));
	r->nlh.nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN);
	r->nlh.nlmsg_type = type;
	r->nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	r->nlh.nlmsg_seq = seq;
	r->genl.cmd = cmd;
	r->genl.version = type == GENL_ID_CTRL ? 1 : FTALIAS_FAMILY_VERSION;
}

static int pa_nl_put(struct pa_nl_req *r, uint16_t type, const void *data,
		     size_t len)
{
	size_t off = NLMSG_ALIGN(r->nlh.nlmsg_len);
	struct nlattr *nla = (struct nlattr *)((char *)r + off);

	if (off + NLA_HDRLEN + NLA_ALIGN(len) > sizeof(*r))
		return -EINVAL;
	nla->nla_type = type;
	nla->nla_len = NLA_HDRLEN + len;
	memcpy((char *)nla + NLA_HDRLEN, data, len);
	r->nlh.nlmsg_len = off + NLA_ALIGN(nla->nla_len);
	return 0;
}

/*
 * The payload of attribute type of a generic netlink message: *len gets
 * its length.  NULL if absent.
 */
static const void *pa_nl_attr(const struct nlmsghdr *nlh, uint16_t type,
			      size_t *len)
{
	const struct nlattr *nla;
	int rem;

	if (nlh->nlmsg_len < NLMSG_LENGTH(GENL_HDRLEN))
		return NULL;
	nla = (const void *)((const char *)NLMSG_DATA(nlh) + GENL_HDRLEN);
	rem = nlh->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN);
	while (rem >= NLA_HDRLEN && nla->nla_len >= NLA_HDRLEN &&
	       nla->nla_len <= rem) {
		if ((nla->nla_type & NLA_TYPE_MASK) == type) {
			*len = nla->nla_len - NLA_HDRLEN;
			return (const char *)nla + NLA_HDRLEN;
		}
		rem -= NLA_ALIGN(nla->nla_len);
		nla = (const void *)((const char *)nla + NLA_ALIGN(nla->nla_len));
	}
	return NULL;
}

/* A u16 or u32 attribute (netlink sends the smallest that fits). */
static int pa_nl_u32(const struct nlmsghdr *nlh, uint16_t type, uint32_t *v)
{
	const void *p;
	size_t len;

	p = pa_nl_attr(nlh, type, &len);
	if (!p)
		return -ENOENT;
	if (len == 2) {
		uint16_t v16;

		memcpy(&v16, p, 2);
		*v = v16;
	} else if (len >= 4) {
		memcpy(v, p, 4);
	} else {
		return -EPROTO;
	}
	return 0;
}

/*
 * Sends r and reads until its ack.  The data message of the answer (a
 * doit sends one) is copied to nl->msg; *got gets its length, 0 if none.
 */
static int pa_nl_xfer(struct pa_nl *nl, struct pa_nl_req *r, size_t *got)
{
	*got = 0;
	if (send(nl->fd, r, r->nlh.nlmsg_len, 0) < 0)
		return -errno;
	for (;;) {
		ssize_t n = recv(nl->fd, nl->buf, PA_NL_BUF, 0);
		struct nlmsghdr *nlh;
		size_t rem;

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (n == 0)
			return -EPROTO;
		rem = n;
		for (nlh = nl->buf; NLMSG_OK(nlh, rem); nlh = NLMSG_NEXT(nlh, rem)) {
			if (nlh->nlmsg_seq != r->nlh.nlmsg_seq)
				continue;
			if (nlh->nlmsg_type == NLMSG_ERROR)
				return ((struct nlmsgerr *)NLMSG_DATA(nlh))->error;
			if (nlh->nlmsg_type == NLMSG_DONE)
				return 0;
			memcpy(nl->msg, nlh, nlh->nlmsg_len);
			*got = nlh->nlmsg_len;
		}
	}
}

static void pa_nl_close(struct pa_nl *nl)
{
	if (nl->fd >= 0)
		close(nl->fd);
	free(nl->buf);
	free(nl->msg);
	nl->fd = -1;
	nl->buf = NULL;
	nl->msg = NULL;
}

/* A generic netlink socket with the ftalias family resolved. */
static int pa_nl_open(struct pa_nl *nl)
{
	struct pa_nl_req r;
	uint32_t fam;
	size_t got;
	int err;

	nl->seq = 1;
	nl->buf = malloc(PA_NL_BUF);
	nl->msg = malloc(PA_NL_BUF);
	nl->fd = -1;
	if (!nl->buf || !nl->msg) {
		pa_nl_close(nl);
		return -ENOMEM;
	}
	nl->fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (nl->fd < 0) {
		err = -errno;
		pa_nl_close(nl);
		return err;
	}
	pa_nl_init(&r, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, nl->seq++);
	err = pa_nl_put(&r, CTRL_ATTR_FAMILY_NAME, FTALIAS_FAMILY_NAME,
			sizeof(FTALIAS_FAMILY_NAME));
	if (!err)
		err = pa_nl_xfer(nl, &r, &got);
	if (err == -ENOENT)
		err = -EAFNOSUPPORT;	/* the module is not loaded */
	if (!err && (!got || pa_nl_u32(nl->msg, CTRL_ATTR_FAMILY_ID, &fam)))
		err = -EPROTO;
	if (err) {
		pa_nl_close(nl);
		return err;
	}
	nl->family = fam;
	return 0;
}

int ftalias_pa_family(int *af)
{
	struct pa_nl_req r;
	struct pa_nl nl;
	uint32_t v = 0;
	char buf[32];
	size_t got;
	int fd, err;
	ssize_t n;

	fd = open(PA_FAMILY_PARAM, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (n > 0) {
			buf[n] = 0;
			*af = atoi(buf);
			if (*af > 0)
				return 0;
		}
	}
	/* No sysfs (a container, say): ask the family. */
	err = pa_nl_open(&nl);
	if (err)
		return err;
	pa_nl_init(&r, nl.family, FTALIAS_CMD_FAMILY_INFO_GET, nl.seq++);
	err = pa_nl_xfer(&nl, &r, &got);
	if (!err && (!got ||
		     pa_nl_u32(nl.msg, FTALIAS_A_FAMILY_INFO_AF_FAMILY, &v) ||
		     !v))
		err = -EPROTO;
	pa_nl_close(&nl);
	if (!err)
		*af = v;
	return err;
}

int ftalias_pa_alias_id(const char *name, uint32_t *id)
{
	size_t len = strlen(name), got;
	struct pa_nl_req r;
	struct pa_nl nl;
	uint32_t v = 0;
	int err;

	if (!len || len > FTALIAS_NAME_MAX_LEN)
		return -EINVAL;
	err = pa_nl_open(&nl);
	if (err)
		return err;
	pa_nl_init(&r, nl.family, FTALIAS_CMD_ALIAS_GET, nl.seq++);
	err = pa_nl_put(&r, FTALIAS_A_ALIAS_NAME, name, len + 1);
	if (!err)
		err = pa_nl_xfer(&nl, &r, &got);
	if (!err && (!got || pa_nl_u32(nl.msg, FTALIAS_A_ALIAS_ID, &v) || !v))
		err = -EPROTO;
	pa_nl_close(&nl);
	if (!err)
		*id = v;
	return err;
}

/* ---- opening and closing ------------------------------------------------ */

/*
 * The tests' crash hook: FTALIAS_PA_TEST_CRASH=C:S in the environment
 * makes the Cth ftalias_pa_checkpoint() of each socket abort() at step S
 * of applying its staged writes (pa_crash_point()).
 */
static void pa_crash_hook(struct pa_sock *ps)
{
	const char *v = getenv("FTALIAS_PA_TEST_CRASH");
	unsigned long c;
	unsigned int s;

	if (v && sscanf(v, "%lu:%u", &c, &s) == 2) {
		ps->crash_ckpt = c;
		ps->crash_step = s;
	}
}

static int pa_new(struct pa_sock **psp, size_t ctl_size)
{
	struct pa_sock *ps;
	int af, err;

	err = ftalias_pa_family(&af);
	if (err)
		return err;
	ps = calloc(1, sizeof(*ps));
	if (!ps)
		return -ENOMEM;
	ps->fd = -1;
	ps->af = af;
	ps->stash_tail = &ps->stash;
	ps->writes_tail = &ps->writes;
	pa_crash_hook(ps);
	ps->ctl_size = ctl_size;
	ps->ctl = malloc(ctl_size);
	if (!ps->ctl) {
		free(ps);
		return -ENOMEM;
	}
	ps->fd = socket(af, SOCK_RDM | SOCK_CLOEXEC, 0);
	if (ps->fd < 0) {
		err = errno == EAFNOSUPPORT || errno == EINVAL ?
		      -EAFNOSUPPORT : -errno;
		free(ps->ctl);
		free(ps);
		return err;
	}
	*psp = ps;
	return 0;
}

static int pa_bind(struct pa_sock *ps, uint16_t type, uint32_t alias)
{
	struct sockaddr_ftalias sa;
	socklen_t len = sizeof(sa);

	memset(&sa, 0, sizeof(sa));
	sa.sfa_family = ps->af;
	sa.sfa_type = type;
	sa.sfa_alias = alias;
	if (bind(ps->fd, (struct sockaddr *)&sa, sizeof(sa)))
		return -errno;
	memset(&sa, 0, sizeof(sa));
	if (getsockname(ps->fd, (struct sockaddr *)&sa, &len))
		return -errno;
	ps->alias = alias;
	ps->port = sa.sfa_port;
	return 0;
}

int ftalias_pa_open(struct pa_sock **psp)
{
	struct pa_sock *ps;
	int err;

	err = pa_new(&ps, PA_CTL_PLAIN);
	if (err)
		return err;
	err = pa_bind(ps, FTALIAS_ADDR_PORT, 0);
	if (err) {
		ftalias_pa_close(ps);
		return err;
	}
	*psp = ps;
	return 0;
}

static int pa_setopt_u32(struct pa_sock *ps, int opt, uint32_t v)
{
	if (setsockopt(ps->fd, SOL_FTALIAS, opt, &v, sizeof(v)))
		return -errno;
	return 0;
}

int ftalias_pa_open_member(struct pa_sock **psp, uint32_t alias_id,
			   const struct pa_member_opts *opts)
{
	size_t ctl = opts && opts->ctl_size ? opts->ctl_size : PA_CTL_DEFAULT;
	struct pa_sock *ps;
	int err;

	if (!alias_id)
		return -EINVAL;
	if (ctl < PA_CTL_FIXED)
		ctl = PA_CTL_FIXED;
	err = pa_new(&ps, ctl);
	if (err)
		return err;
	if (opts && opts->priority)
		err = pa_setopt_u32(ps, FTALIAS_PRIORITY, opts->priority);
	if (!err && opts && opts->role)
		err = pa_setopt_u32(ps, FTALIAS_ROLE, opts->role);
	if (!err)
		err = pa_bind(ps, FTALIAS_ADDR_ALIAS, alias_id);
	if (err) {
		ftalias_pa_close(ps);
		return err;
	}
	*psp = ps;
	return 0;
}

static void pa_writes_free(struct pa_sock *ps)
{
	struct pa_write *w, *next;

	for (w = ps->writes; w; w = next) {
		next = w->next;
		free(w->path);
		free(w->data);
		free(w);
	}
	ps->writes = NULL;
	ps->writes_tail = &ps->writes;
}

static void pa_stash_free(struct pa_stash *s)
{
	free(s->data);
	free(s->extra);
	free(s);
}

int ftalias_pa_close(struct pa_sock *ps)
{
	struct pa_stash *s, *next;
	int err = 0;

	if (!ps)
		return 0;
	if (ps->fd >= 0 && close(ps->fd))
		err = -errno;
	for (s = ps->stash; s; s = next) {
		next = s->next;
		pa_stash_free(s);
	}
	free(ps->ctl);
	free(ps->rxbuf);
	free(ps->awaited);
	free(ps->keep);
	free(ps->journal);
	pa_writes_free(ps);
	free(ps->ckpt);
	free(ps);
	return err;
}

int ftalias_pa_fd(const struct pa_sock *ps)
{
	return ps->fd;
}

int ftalias_pa_port(const struct pa_sock *ps, uint32_t *port, uint32_t *alias)
{
	*port = ps->port;
	if (alias)
		*alias = ps->alias;
	return 0;
}

int ftalias_pa_active(const struct pa_sock *ps)
{
	socklen_t len;
	uint32_t v = 0;

	if (!ps->alias)
		return 0;
	len = sizeof(v);
	if (getsockopt(ps->fd, SOL_FTALIAS, FTALIAS_ACTIVE, &v, &len))
		return -errno;
	return v ? 1 : 0;
}

size_t ftalias_pa_pending(const struct pa_sock *ps)
{
	return ps->n_stash;
}

int ftalias_pa_get_stats(const struct pa_sock *ps, struct pa_stats *st)
{
	*st = ps->stats;
	return 0;
}

const char *ftalias_pa_id_str(const struct ftalias_id *id, char *buf,
			      size_t size)
{
	if (id->node)
		snprintf(buf, size, "{node %u alias %u port %u inc %u xid %llu}",
			 id->node, id->alias, id->port, id->incarnation,
			 (unsigned long long)id->xid);
	else
		snprintf(buf, size, "{alias %u port %u inc %u xid %llu}",
			 id->alias, id->port, id->incarnation,
			 (unsigned long long)id->xid);
	return buf;
}

/* ---- awaited IDs ---------------------------------------------------------- */

static ssize_t pa_awaited_find(const struct pa_sock *ps,
			       const struct ftalias_id *id)
{
	size_t i;

	for (i = 0; i < ps->n_awaited; i++)
		if (ftalias_pa_id_eq(&ps->awaited[i], id))
			return i;
	return -1;
}

/* Room for one more awaited ID. */
static int pa_await_reserve(struct pa_sock *ps)
{
	if (ps->n_awaited == ps->awaited_cap) {
		size_t cap = ps->awaited_cap ? 2 * ps->awaited_cap :
					       PA_AWAITED_MIN;
		struct ftalias_id *a;

		a = realloc(ps->awaited, cap * sizeof(*a));
		if (!a)
			return -ENOMEM;
		ps->awaited = a;
		ps->awaited_cap = cap;
	}
	return 0;
}

static int pa_await(struct pa_sock *ps, const struct ftalias_id *id)
{
	int err;

	if (pa_awaited_find(ps, id) >= 0)
		return 0;
	err = pa_await_reserve(ps);
	if (err)
		return err;
	ps->awaited[ps->n_awaited++] = *id;
	return 0;
}

/* Drops id from the awaited set; false if it was not there. */
static bool pa_unawait(struct pa_sock *ps, const struct ftalias_id *id)
{
	ssize_t i = pa_awaited_find(ps, id);

	if (i < 0)
		return false;
	ps->awaited[i] = ps->awaited[--ps->n_awaited];
	return true;
}

/* ---- sending ---------------------------------------------------------------- */

/* Room for the most control messages one send carries (two IDs + one). */
#define PA_SEND_CTL	(CMSG_SPACE(sizeof(struct ftalias_record)) + \
			 2 * CMSG_SPACE(sizeof(struct ftalias_id)))

struct pa_cmsgs {
	union {
		char buf[PA_SEND_CTL];
		struct cmsghdr align;
	} u;
	size_t len;
};

static void pa_cmsg_add(struct pa_cmsgs *c, int type, const void *data,
			size_t len)
{
	struct cmsghdr *cm = (struct cmsghdr *)(c->u.buf + c->len);

	cm->cmsg_level = SOL_FTALIAS;
	cm->cmsg_type = type;
	cm->cmsg_len = CMSG_LEN(len);
	memcpy(CMSG_DATA(cm), data, len);
	c->len += CMSG_SPACE(len);
}

/*
 * One sendmsg(): to alias_id (0: no address, a reply or a record) with
 * the control messages of c.  Returns 0 or -errno.
 */
static int pa_sendmsg(struct pa_sock *ps, uint32_t alias_id, const void *buf,
		      size_t len, struct pa_cmsgs *c)
{
	struct sockaddr_ftalias sa;
	struct iovec iov = { (void *)buf, len };
	struct msghdr mh = {
		.msg_iov = &iov,
		.msg_iovlen = 1,
	};
	ssize_t n;

	if (alias_id) {
		memset(&sa, 0, sizeof(sa));
		sa.sfa_family = ps->af;
		sa.sfa_type = FTALIAS_ADDR_ALIAS;
		sa.sfa_alias = alias_id;
		mh.msg_name = &sa;
		mh.msg_namelen = sizeof(sa);
	}
	if (c->len) {
		mh.msg_control = c->u.buf;
		mh.msg_controllen = c->len;
	}
	do
		n = sendmsg(ps->fd, &mh, MSG_NOSIGNAL);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	return (size_t)n == len ? 0 : -EIO;
}

int ftalias_pa_send(struct pa_sock *ps, uint32_t alias_id, const void *buf,
		    size_t len, const struct ftalias_id *parent,
		    struct ftalias_id *id_out)
{
	struct pa_cmsgs c = { .len = 0 };
	struct ftalias_id id;
	uint64_t where = (uintptr_t)&id;
	int err;

	if (!alias_id)
		return -EINVAL;
	/* Room first: once sent, the ID must be awaited. */
	err = pa_await_reserve(ps);
	if (err)
		return err;

	memset(&c.u, 0, sizeof(c.u));
	memset(&id, 0, sizeof(id));
	pa_cmsg_add(&c, FTALIAS_CMSG_ID_OUT, &where, sizeof(where));
	if (parent)
		pa_cmsg_add(&c, FTALIAS_CMSG_PARENT, parent, sizeof(*parent));
	err = pa_sendmsg(ps, alias_id, buf, len, &c);
	if (err)
		return err;
	pa_await(ps, &id);	/* cannot fail: room was made */
	if (id_out)
		*id_out = id;
	return 0;
}

int ftalias_pa_resend(struct pa_sock *ps, uint32_t alias_id,
		      const struct ftalias_id *id, const void *buf, size_t len)
{
	struct pa_cmsgs c = { .len = 0 };
	int err;

	if (!alias_id)
		return -EINVAL;
	err = pa_await(ps, id);
	if (err)
		return err;
	memset(&c.u, 0, sizeof(c.u));
	pa_cmsg_add(&c, FTALIAS_CMSG_ID, id, sizeof(*id));
	err = pa_sendmsg(ps, alias_id, buf, len, &c);
	/* -EALREADY: the first one is pending, its reply will come. */
	if (err && err != -EALREADY)
		pa_unawait(ps, id);
	return err;
}

int ftalias_pa_reply(struct pa_sock *ps, const struct ftalias_id *id,
		     const void *data, size_t len, unsigned int flags)
{
	struct pa_cmsgs c = { .len = 0 };

	if (flags & ~PA_REPLY_RECORD)
		return -EINVAL;
	memset(&c.u, 0, sizeof(c.u));
	pa_cmsg_add(&c, FTALIAS_CMSG_REPLY_TO, id, sizeof(*id));
	if (flags & PA_REPLY_RECORD) {
		struct ftalias_record rec = {
			.id = *id,
			.type = FTALIAS_RECORD_AUTO_REPLY,
		};

		pa_cmsg_add(&c, FTALIAS_CMSG_RECORD, &rec, sizeof(rec));
	}
	return pa_sendmsg(ps, 0, data, len, &c);
}

/* A record alone: no address, no REPLY_TO, nothing sent. */
static int pa_record(struct pa_sock *ps, const struct ftalias_id *id,
		     uint32_t type, const void *data, size_t len)
{
	struct ftalias_record rec = { .id = *id, .type = type };
	struct pa_cmsgs c = { .len = 0 };

	memset(&c.u, 0, sizeof(c.u));
	pa_cmsg_add(&c, FTALIAS_CMSG_RECORD, &rec, sizeof(rec));
	return pa_sendmsg(ps, 0, data, len, &c);
}

int ftalias_pa_block_request(struct pa_sock *ps, const struct ftalias_id *id)
{
	return pa_record(ps, id, FTALIAS_RECORD_BLOCK, NULL, 0);
}

int ftalias_pa_set_red_process(struct pa_sock *ps, const struct ftalias_id *id,
			       uint32_t type, const void *data, size_t len)
{
	if (type != FTALIAS_RECORD_AUTO_REPLY && type != FTALIAS_RECORD_HANDLER)
		return -EINVAL;
	return pa_record(ps, id, type, data, len);
}

int ftalias_pa_discard(struct pa_sock *ps, const struct ftalias_id *id)
{
	return pa_record(ps, id, FTALIAS_RECORD_DISCARD, NULL, 0);
}

int ftalias_pa_ack(struct pa_sock *ps, uint64_t xid)
{
	if (setsockopt(ps->fd, SOL_FTALIAS, FTALIAS_ACK, &xid, sizeof(xid)))
		return -errno;
	return 0;
}

/*
 * One chunk of a checkpoint.  The last names the last request the
 * library returned as the last input the state holds: requests it read
 * ahead since, and stashed (a call waiting for its reply), are not in
 * the state, and the alias's input log keeps them for a replay.
 */
static int pa_ckpt_chunk(struct pa_sock *ps, const void *data, size_t len,
			 uint32_t flags, uint64_t seq)
{
	struct ftalias_ckpt ck = { .flags = flags, .seq = seq };
	struct pa_cmsgs c = { .len = 0 };

	memset(&c.u, 0, sizeof(c.u));
	pa_cmsg_add(&c, FTALIAS_CMSG_CHECKPOINT, &ck, sizeof(ck));
	if (!(flags & (FTALIAS_CKPT_MORE | FTALIAS_CKPT_ABORT)) &&
	    ps->has_served)
		pa_cmsg_add(&c, FTALIAS_CMSG_CKPT_INPUT, &ps->served,
			    sizeof(ps->served));
	return pa_sendmsg(ps, 0, data, len, &c);
}

int ftalias_pa_stage_write(struct pa_sock *ps, const char *path,
			   uint64_t off, const void *data, size_t len)
{
	struct pa_write *w;
	size_t n = path ? strlen(path) : 0;

	/* Beneath the working directory (pa_open_beneath()). */
	if (!n || n >= 4096 || path[0] == '/' || off > INT64_MAX ||
	    len > INT64_MAX - off)
		return -EINVAL;
	w = calloc(1, sizeof(*w));
	if (!w)
		return -ENOMEM;
	w->path = strdup(path);
	w->data = malloc(len ? len : 1);
	if (!w->path || !w->data) {
		free(w->path);
		free(w->data);
		free(w);
		return -ENOMEM;
	}
	memcpy(w->data, data, len);
	w->off = off;
	w->len = len;
	*ps->writes_tail = w;
	ps->writes_tail = &w->next;
	return 0;
}

/* The test hook's abort() at step @step of checkpoint @ckpt's writes. */
static void pa_crash_point(const struct pa_sock *ps, unsigned int step)
{
	if (ps->crash_ckpt == ps->ckpts && ps->crash_step == step)
		abort();
}

/*
 * @path for writing, created if missing, resolved beneath the working
 * directory (openat2(RESOLVE_BENEATH), Linux 5.6): an absolute path, or
 * one that climbs out with ".." or a symbolic link, is refused (EXDEV).
 * Returns the fd or -errno.
 */
static int pa_open_beneath(const char *path)
{
	struct open_how how = {
		.flags = O_WRONLY | O_CREAT | O_CLOEXEC,
		.mode = 0644,
		.resolve = RESOLVE_BENEATH,
	};
	long fd = syscall(SYS_openat2, AT_FDCWD, path, &how, sizeof(how));

	return fd < 0 ? -errno : (int)fd;
}

/*
 * One write, whole, then fsync: absolute and idempotent, so applying it
 * again after a crash gives the same file.
 */
static int pa_apply_write(const struct pa_sock *ps, const char *path,
			  uint64_t off, const void *data, size_t len,
			  unsigned int *step)
{
	const char *p = data;
	ssize_t n;
	int fd, err = 0;

	fd = pa_open_beneath(path);
	if (fd < 0)
		return fd;
	while (len && !err) {
		n = pwrite(fd, p, len, off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			err = n < 0 ? -errno : -EIO;
		else {
			p += n;
			off += n;
			len -= n;
		}
	}
	if (ps)
		pa_crash_point(ps, ++*step);
	if (!err && fsync(fd))
		err = -errno;
	if (close(fd) && !err)
		err = -errno;
	if (ps)
		pa_crash_point(ps, ++*step);
	return err;
}

/* The checkpoint of @state and the staged writes, in *@blob (free()). */
static int pa_ckpt_build(struct pa_sock *ps, const void *state, size_t len,
			 unsigned char **blob, size_t *blob_len)
{
	struct pa_ckpt_hdr h = { .magic = PA_CKPT_MAGIC, .version = 1,
				 .state_len = len };
	size_t size = sizeof(h) + PA_ALIGN8(len), off;
	struct pa_write *w;
	unsigned char *b;

	for (w = ps->writes; w; w = w->next) {
		size += sizeof(struct pa_ckpt_write) +
			PA_ALIGN8(strlen(w->path) + 1) + PA_ALIGN8(w->len);
		h.nwrites++;
	}
	b = calloc(1, size);
	if (!b)
		return -ENOMEM;
	memcpy(b, &h, sizeof(h));
	if (len)
		memcpy(b + sizeof(h), state, len);
	off = sizeof(h) + PA_ALIGN8(len);
	for (w = ps->writes; w; w = w->next) {
		struct pa_ckpt_write cw = {
			.off = w->off, .len = w->len,
			.path_len = strlen(w->path) + 1,
		};

		memcpy(b + off, &cw, sizeof(cw));
		off += sizeof(cw);
		memcpy(b + off, w->path, cw.path_len);
		off += PA_ALIGN8(cw.path_len);
		if (w->len)
			memcpy(b + off, w->data, w->len);
		off += PA_ALIGN8(w->len);
	}
	*blob = b;
	*blob_len = size;
	return 0;
}

int ftalias_pa_checkpoint(struct pa_sock *ps, const void *state, size_t len)
{
	unsigned int step = 0;
	unsigned char *blob;
	const unsigned char *p;
	struct pa_write *w;
	size_t blob_len, n;
	int err;

	err = pa_ckpt_build(ps, state, len, &blob, &blob_len);
	if (err)
		return err;
	p = blob;
	do {
		n = blob_len < FTALIAS_MSG_MAX ? blob_len : FTALIAS_MSG_MAX;
		/* The last chunk: only on the checkpoint the state came from. */
		err = n < blob_len ?
		      pa_ckpt_chunk(ps, p, n, FTALIAS_CKPT_MORE, 0) :
		      pa_ckpt_chunk(ps, p, n, FTALIAS_CKPT_BASE, ps->ckpt_seq);
		if (err) {
			/* What the kernel kept staged (EAGAIN, EINTR...). */
			pa_ckpt_chunk(ps, NULL, 0, FTALIAS_CKPT_ABORT, 0);
			free(blob);
			return err;
		}
		p += n;
		blob_len -= n;
	} while (blob_len);
	free(blob);

	/* Committed, numbered one above its base: the files follow. */
	ps->ckpt_seq++;
	ps->ckpts++;
	pa_crash_point(ps, ++step);
	for (w = ps->writes; w; w = w->next) {
		int e = pa_apply_write(ps, w->path, w->off, w->data, w->len,
				       &step);

		/* The others are made even so; the first error is told. */
		if (e && !err)
			err = e;
	}
	pa_writes_free(ps);
	return err;
}

/*
 * A whole checkpoint received (ps->ckpt): its state into @m (@arg, in
 * pa_sock memory), its writes made again.  A checkpoint not made by
 * libftalias is all state.  The bytes come from whoever could commit to
 * the alias or restore it: every length is checked against what is
 * left, and paths stay beneath the working directory (pa_apply_write()).
 */
static void pa_ckpt_loaded(struct pa_sock *ps, struct pa_msg *m)
{
	const unsigned char *b = ps->ckpt;
	size_t len = ps->ckpt_len, off, plen, dlen;
	struct pa_ckpt_write cw;
	struct pa_ckpt_hdr h;
	unsigned int i;
	int err = 0, e;

	m->len = len;
	m->arg = b;
	m->arg_len = len;
	if (ps->ckpt_cut) {
		m->trunc |= PA_TRUNC_DATA;
		m->err = ps->ckpt_nomem ? -ENOMEM : -EMSGSIZE;
		return;
	}
	if (len < sizeof(h))
		return;
	memcpy(&h, b, sizeof(h));
	if (h.magic != PA_CKPT_MAGIC)
		return;
	if (h.version != 1 || h.state_len > len - sizeof(h)) {
		m->err = -EBADMSG;
		return;
	}
	m->arg = b + sizeof(h);
	m->arg_len = h.state_len;
	off = sizeof(h) + h.state_len;
	for (i = 0; i < h.nwrites; i++) {
		/* The padding of the piece before, then the record. */
		off = PA_ALIGN8(off);
		if (off > len || len - off < sizeof(cw)) {
			err = -EBADMSG;
			break;
		}
		memcpy(&cw, b + off, sizeof(cw));
		off += sizeof(cw);
		plen = cw.path_len;
		if (!plen || plen > len - off || b[off + plen - 1]) {
			err = -EBADMSG;
			break;
		}
		dlen = PA_ALIGN8(plen);
		if (dlen > len - off || cw.len > len - off - dlen) {
			err = -EBADMSG;
			break;
		}
		e = pa_apply_write(NULL, (const char *)b + off, cw.off,
				   b + off + dlen, cw.len, NULL);
		/* The others are made even so; the first error is told. */
		if (e && !err)
			err = e;
		off += dlen + cw.len;
	}
	m->err = err;
}

/* A chunk of a checkpoint: 1 while more are to come. */
static int pa_ckpt_chunk_in(struct pa_sock *ps, struct pa_msg *m,
			    const void *buf, size_t size)
{
	size_t n = m->len < size ? m->len : size;

	if (!ps->ckpt_open) {
		ps->ckpt_open = true;
		ps->ckpt_len = 0;
		ps->ckpt_cut = false;
		ps->ckpt_nomem = false;
	}
	if (m->len > size)
		ps->ckpt_cut = true;
	if (ps->ckpt_len + n > ps->ckpt_cap) {
		size_t cap = (ps->ckpt_len + n) * 2;
		unsigned char *c = realloc(ps->ckpt, cap);

		if (!c) {
			ps->ckpt_cut = true;
			ps->ckpt_nomem = true;
			n = 0;
		} else {
			ps->ckpt = c;
			ps->ckpt_cap = cap;
		}
	}
	if (n)
		memcpy(ps->ckpt + ps->ckpt_len, buf, n);
	ps->ckpt_len += n;
	if (m->flags & PA_F_CKPT_MORE)
		return 1;
	ps->ckpt_open = false;
	/* The base of this member's next commit. */
	ps->ckpt_seq = m->id.xid;
	pa_ckpt_loaded(ps, m);
	m->flags &= ~PA_F_CKPT_MORE;
	return 0;
}

/* ---- receiving -------------------------------------------------------------- */

/* Reads the control messages of mh into r. */
static void pa_parse_cmsgs(struct pa_sock *ps, struct msghdr *mh,
			   struct pa_raw *r)
{
	const char *end = (const char *)mh->msg_control + mh->msg_controllen;
	bool have_id = false, have_reply_to = false, have_err = false;
	bool have_arg = false, have_journal = false, have_ckpt = false;
	struct ftalias_id id, reply_to;
	struct ftalias_ckpt ck;
	struct cmsghdr *cm;
	uint32_t err = 0;

	for (cm = CMSG_FIRSTHDR(mh); cm; cm = CMSG_NXTHDR(mh, cm)) {
		const unsigned char *p = CMSG_DATA(cm);
		size_t dl;

		if (cm->cmsg_len < CMSG_LEN(0))
			break;
		dl = cm->cmsg_len - CMSG_LEN(0);
		if ((const char *)p + dl > end) {
			/* cut by MSG_CTRUNC: what is there is partial */
			dl = end > (const char *)p ? end - (const char *)p : 0;
			r->m.trunc |= PA_TRUNC_CTL;
		}
		if (cm->cmsg_level != SOL_FTALIAS)
			continue;
		switch (cm->cmsg_type) {
		case FTALIAS_CMSG_ID:
			if (dl >= sizeof(id)) {
				memcpy(&id, p, sizeof(id));
				have_id = true;
			}
			break;
		case FTALIAS_CMSG_REPLY_TO:
			if (dl >= sizeof(reply_to)) {
				memcpy(&reply_to, p, sizeof(reply_to));
				have_reply_to = true;
			}
			break;
		case FTALIAS_CMSG_FLAGS:
			if (dl >= sizeof(uint32_t))
				memcpy(&r->m.flags, p, sizeof(uint32_t));
			break;
		case FTALIAS_CMSG_ERRNO:
			if (dl >= sizeof(uint32_t)) {
				memcpy(&err, p, sizeof(uint32_t));
				have_err = true;
			}
			break;
		case FTALIAS_CMSG_HANDLER_ARG:
			r->extra = p;
			r->extra_len = dl;
			r->journal = false;
			have_arg = true;
			break;
		case FTALIAS_CMSG_JOURNAL:
			r->extra = p;
			r->extra_len = dl;
			r->journal = true;
			have_journal = true;
			break;
		case FTALIAS_CMSG_CHECKPOINT:
			if (dl >= sizeof(ck)) {
				memcpy(&ck, p, sizeof(ck));
				have_ckpt = true;
			}
			break;
		}
	}
	if (mh->msg_flags & MSG_CTRUNC) {
		r->m.trunc |= PA_TRUNC_CTL;
		ps->stats.ctrunc++;
	}

	if (have_ckpt) {
		r->m.kind = PA_MSG_CHECKPOINT;
		r->m.id.alias = r->m.src.sfa_alias;
		r->m.id.xid = ck.seq;
		r->m.flags = FTALIAS_F_CHECKPOINT;
		if (ck.flags & FTALIAS_CKPT_MORE)
			r->m.flags |= PA_F_CKPT_MORE;
	} else if (have_reply_to) {
		r->m.id = reply_to;
		r->m.kind = have_err ? PA_MSG_NOTICE : PA_MSG_REPLY;
		r->m.err = have_err ? -(int)err : 0;
	} else if (have_id) {
		r->m.id = id;
		/*
		 * The kernel puts the flags after a long argument or journal:
		 * when those were cut the flags are lost, but the control
		 * message itself says what the message is.  Never take an
		 * orphan notice for a new request.
		 */
		if (have_journal)
			r->m.flags |= FTALIAS_F_ORPHAN;
		else if (have_arg)
			r->m.flags |= FTALIAS_F_REDUNDANT;
		if (r->m.flags & FTALIAS_F_ORPHAN)
			r->m.kind = PA_MSG_ORPHAN;
		else if (r->m.flags & FTALIAS_F_REDUNDANT)
			r->m.kind = PA_MSG_REDUNDANT;
		else
			r->m.kind = PA_MSG_REQUEST;
	} else {
		r->m.kind = PA_MSG_DATAGRAM;
	}
	/* Only these carry an argument or a journal. */
	if ((r->journal && r->m.kind != PA_MSG_ORPHAN) ||
	    (!r->journal && r->m.kind != PA_MSG_REDUNDANT)) {
		r->extra = NULL;
		r->extra_len = 0;
	}
}

/*
 * Reads one message into buf (size bytes), waiting until deadline.
 * Returns 0, -ETIMEDOUT when it passed, -EINTR or another -errno.
 */
static int pa_recv_raw(struct pa_sock *ps, void *buf, size_t size,
		       int64_t deadline, struct pa_raw *r)
{
	struct iovec iov = { buf, size };
	struct msghdr mh;
	ssize_t n;

	for (;;) {
		int flags = MSG_TRUNC;

		if (deadline >= 0) {
			struct pollfd p = { .fd = ps->fd, .events = POLLIN };
			int ready = poll(&p, 1, pa_left_ms(deadline));

			if (ready < 0)
				return -errno;
			if (ready == 0)
				return -ETIMEDOUT;
			flags |= MSG_DONTWAIT;
		}
		memset(&mh, 0, sizeof(mh));
		memset(r, 0, sizeof(*r));
		mh.msg_name = &r->m.src;
		mh.msg_namelen = sizeof(r->m.src);
		mh.msg_iov = &iov;
		mh.msg_iovlen = 1;
		mh.msg_control = ps->ctl;
		mh.msg_controllen = ps->ctl_size;
		n = recvmsg(ps->fd, &mh, flags);
		if (n >= 0)
			break;
		/* poll() saw data that went elsewhere: wait again */
		if (errno == EAGAIN && deadline >= 0)
			continue;
		return -errno;
	}
	r->m.len = n;
	if ((size_t)n > size)
		r->m.trunc |= PA_TRUNC_DATA;
	pa_parse_cmsgs(ps, &mh, r);
	return 0;
}

/*
 * Parses a journal held in ps->keep into ps->journal.  A record cut short
 * ends it and marks the message PA_TRUNC_CTL.
 */
static int pa_parse_journal(struct pa_sock *ps, size_t len, struct pa_msg *m)
{
	const char *p = ps->keep;
	size_t off = 0, n = 0;

	while (len - off >= sizeof(struct ftalias_journal_rec)) {
		struct ftalias_journal_rec rec;
		struct pa_journal_entry *e;
		size_t body = off + sizeof(rec);

		memcpy(&rec, p + off, sizeof(rec));
		if (rec.len > len - body) {
			m->trunc |= PA_TRUNC_CTL;
			break;
		}
		if (n == ps->journal_cap) {
			size_t cap = ps->journal_cap ? 2 * ps->journal_cap :
						       PA_JOURNAL_MIN;
			struct pa_journal_entry *j;

			j = realloc(ps->journal, cap * sizeof(*j));
			if (!j)
				return -ENOMEM;
			ps->journal = j;
			ps->journal_cap = cap;
		}
		e = &ps->journal[n++];
		e->id = rec.id;
		e->alias = rec.alias;
		e->flags = rec.flags;
		e->replied = rec.flags & FTALIAS_J_REPLIED;
		e->data = p + body;
		e->len = rec.len;
		off = body + rec.len;
		/* the last record's padding may be left out */
		off += (FTALIAS_JOURNAL_ALIGN - off % FTALIAS_JOURNAL_ALIGN) %
		       FTALIAS_JOURNAL_ALIGN;
		if (off > len)
			off = len;
	}
	if (off < len && !(m->trunc & PA_TRUNC_CTL))
		m->trunc |= PA_TRUNC_CTL;	/* a header cut short */
	m->journal = n ? ps->journal : NULL;
	m->journal_len = n;
	return 0;
}

/* Points m at the argument or journal now in ps->keep (len bytes). */
static int pa_expose_extra(struct pa_sock *ps, struct pa_msg *m, size_t len)
{
	if (m->kind == PA_MSG_REDUNDANT) {
		m->arg = ps->keep;
		m->arg_len = len;
		return 0;
	}
	if (m->kind == PA_MSG_ORPHAN)
		return pa_parse_journal(ps, len, m);
	return 0;
}

/* Copies extra into ps->keep, which grows as needed. */
static int pa_keep(struct pa_sock *ps, const void *extra, size_t len)
{
	if (len > ps->keep_cap) {
		void *k = realloc(ps->keep, len);

		if (!k)
			return -ENOMEM;
		ps->keep = k;
		ps->keep_cap = len;
	}
	if (len)
		memcpy(ps->keep, extra, len);
	return 0;
}

/*
 * Keeps a message read by a wait (in rxbuf and ps->ctl) for
 * ftalias_pa_receive().
 */
static int pa_stash_add(struct pa_sock *ps, const void *data,
			const struct pa_raw *r)
{
	size_t dlen = r->m.len < FTALIAS_MSG_MAX ? r->m.len : FTALIAS_MSG_MAX;
	struct pa_stash *s = calloc(1, sizeof(*s));

	if (!s)
		return -ENOMEM;
	s->m = r->m;
	if (dlen) {
		s->data = malloc(dlen);
		if (!s->data)
			goto nomem;
		memcpy(s->data, data, dlen);
		s->data_len = dlen;
	}
	if (r->extra_len) {
		s->extra = malloc(r->extra_len);
		if (!s->extra)
			goto nomem;
		memcpy(s->extra, r->extra, r->extra_len);
		s->extra_len = r->extra_len;
	}
	*ps->stash_tail = s;
	ps->stash_tail = &s->next;
	ps->n_stash++;
	ps->stats.stashed++;
	return 0;
nomem:
	pa_stash_free(s);
	return -ENOMEM;
}

static void pa_stash_unlink(struct pa_sock *ps, struct pa_stash **pp)
{
	struct pa_stash *s = *pp;

	*pp = s->next;
	if (ps->stash_tail == &s->next)
		ps->stash_tail = pp;
	ps->n_stash--;
}

/* Copies len bytes of a message into a user buffer of size bytes. */
static size_t pa_copy_out(void *buf, size_t size, const void *data,
			  size_t len)
{
	size_t n = len < size ? len : size;

	if (n)
		memcpy(buf, data, n);
	return n;
}

int ftalias_pa_receive(struct pa_sock *ps, struct pa_msg *m, void *buf,
		       size_t size, int timeout_ms)
{
	struct pa_raw r;
	int err;

again:
	if (ps->stash) {
		struct pa_stash *s = ps->stash;

		pa_stash_unlink(ps, &ps->stash);
		*m = s->m;
		pa_copy_out(buf, size, s->data, s->data_len);
		if (s->m.len > size)
			m->trunc |= PA_TRUNC_DATA;
		/* the stash entry's bytes become the kept ones */
		free(ps->keep);
		ps->keep = s->extra;
		ps->keep_cap = s->extra_len;
		s->extra = NULL;
		err = pa_expose_extra(ps, m, s->extra_len);
		pa_stash_free(s);
	} else {
		err = pa_recv_raw(ps, buf, size, pa_deadline(timeout_ms), &r);
		if (err == -ETIMEDOUT && timeout_ms == 0)
			err = -EAGAIN;
		if (err)
			return err;
		*m = r.m;
		err = pa_keep(ps, r.extra, r.extra_len);
		if (!err)
			err = pa_expose_extra(ps, m, r.extra_len);
	}
	if (m->kind == PA_MSG_REPLY || m->kind == PA_MSG_NOTICE)
		pa_unawait(ps, &m->id);
	/* An input, in the order read: see pa_ckpt_chunk(). */
	if (m->kind == PA_MSG_REQUEST || m->kind == PA_MSG_REDUNDANT) {
		ps->served = m->id;
		ps->has_served = true;
	}
	/* The chunks of a checkpoint come together: returned whole. */
	if (m->kind == PA_MSG_CHECKPOINT && pa_ckpt_chunk_in(ps, m, buf, size))
		goto again;
	/*
	 * A state loaded holds the inputs up to its own: an ID of no input
	 * names them (the requests read ahead since are not in it).
	 */
	if (m->kind == PA_MSG_CHECKPOINT) {
		memset(&ps->served, 0, sizeof(ps->served));
		ps->has_served = true;
	}
	/* -ENOMEM parsing a journal: the message is returned without it */
	if (err)
		m->trunc |= PA_TRUNC_CTL;
	return 0;
}

/* The result of a wait from the reply (or notice) m with data. */
static int pa_reply_result(const struct pa_msg *m, const void *data,
			   size_t data_len, void *rep, size_t size,
			   size_t *rep_len)
{
	size_t len = m->kind == PA_MSG_NOTICE ? 0 : m->len;

	pa_copy_out(rep, size, data, len < data_len ? len : data_len);
	if (rep_len)
		*rep_len = len;
	if (m->kind == PA_MSG_NOTICE)
		return m->err ? m->err : -EIO;
	return len > size ? -EMSGSIZE : 0;
}

int ftalias_pa_wait_reply(struct pa_sock *ps, const struct ftalias_id *id,
			  void *rep, size_t size, size_t *rep_len,
			  int timeout_ms)
{
	int64_t deadline = pa_deadline(timeout_ms);
	struct pa_stash **pp;
	struct pa_raw r;
	int err;

	/* Already read by an earlier wait? */
	for (pp = &ps->stash; *pp; pp = &(*pp)->next) {
		struct pa_stash *s = *pp;

		if ((s->m.kind == PA_MSG_REPLY || s->m.kind == PA_MSG_NOTICE) &&
		    ftalias_pa_id_eq(&s->m.id, id)) {
			pa_stash_unlink(ps, pp);
			pa_unawait(ps, id);
			err = pa_reply_result(&s->m, s->data, s->data_len,
					      rep, size, rep_len);
			pa_stash_free(s);
			return err;
		}
	}
	err = pa_await(ps, id);
	if (err)
		return err;
	if (!ps->rxbuf) {
		ps->rxbuf = malloc(FTALIAS_MSG_MAX);
		if (!ps->rxbuf)
			return -ENOMEM;
	}
	for (;;) {
		err = pa_recv_raw(ps, ps->rxbuf, FTALIAS_MSG_MAX, deadline, &r);
		if (err == -ETIMEDOUT && timeout_ms == 0)
			err = -EAGAIN;
		if (err)
			return err;
		if (r.m.kind == PA_MSG_REPLY || r.m.kind == PA_MSG_NOTICE) {
			if (ftalias_pa_id_eq(&r.m.id, id)) {
				pa_unawait(ps, id);
				return pa_reply_result(&r.m, ps->rxbuf,
						       FTALIAS_MSG_MAX, rep,
						       size, rep_len);
			}
			if (pa_awaited_find(ps, &r.m.id) < 0) {
				ps->stats.strays++;
				continue;
			}
		}
		err = pa_stash_add(ps, ps->rxbuf, &r);
		if (err)
			return err;
	}
}

int ftalias_pa_forget(struct pa_sock *ps, const struct ftalias_id *id)
{
	struct pa_stash **pp;
	bool was = pa_unawait(ps, id);

	for (pp = &ps->stash; *pp; pp = &(*pp)->next) {
		struct pa_stash *s = *pp;

		if ((s->m.kind == PA_MSG_REPLY || s->m.kind == PA_MSG_NOTICE) &&
		    ftalias_pa_id_eq(&s->m.id, id)) {
			pa_stash_unlink(ps, pp);
			pa_stash_free(s);
			ps->stats.strays++;
			return 0;
		}
	}
	return was ? 0 : -ENOENT;
}

int ftalias_pa_call(struct pa_sock *ps, uint32_t alias_id, const void *req,
		    size_t len, void *rep, size_t rep_size, size_t *rep_len,
		    int timeout_ms, struct ftalias_id *id_out)
{
	struct ftalias_id id;
	int err;

	err = ftalias_pa_send(ps, alias_id, req, len, NULL, &id);
	if (err)
		return err;
	if (id_out)
		*id_out = id;
	err = ftalias_pa_wait_reply(ps, &id, rep, rep_size, rep_len,
				    timeout_ms);
	if (err == -ETIMEDOUT || err == -EAGAIN || err == -EINTR)
		ftalias_pa_forget(ps, &id);
	return err;
}

int ftalias_pa_call_resend(struct pa_sock *ps, uint32_t alias_id,
			   const struct ftalias_id *id, const void *req,
			   size_t len, void *rep, size_t rep_size,
			   size_t *rep_len, int timeout_ms)
{
	int err;

	err = ftalias_pa_resend(ps, alias_id, id, req, len);
	if (err && err != -EALREADY)
		return err;
	err = ftalias_pa_wait_reply(ps, id, rep, rep_size, rep_len, timeout_ms);
	if (err == -ETIMEDOUT || err == -EAGAIN || err == -EINTR)
		ftalias_pa_forget(ps, id);
	return err;
}
