// SPDX-License-Identifier: GPL-2.0
/*
 * Generic netlink transport.  libnl does the socket, the sequence numbers
 * and the message framing; this file adds what libnl leaves out: extended
 * acks (NETLINK_EXT_ACK) turned into "Error: <kernel message>", the error
 * code carried by NLMSG_DONE, NLM_F_DUMP_INTR retries and a signal-safe
 * multicast loop.
 */

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/netlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>

#include "nl.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

enum { DUMP_TRIES = 4 };

static struct nl_sock *sk;
static int family_id;
static bool netns_entered;
static const struct attr_desc *req_desc;
static size_t req_desc_n;

struct ftnl_req {
	ftnl_msg_cb cb;
	void *arg;
	bool done;	/* ack, error or end of dump seen */
	bool failed;	/* error printed */
	bool intr;	/* NLM_F_DUMP_INTR seen */
};

static const char *family_missing =
	"ftalias generic netlink family not found (module not loaded?)";

void ftnl_set_attr_desc(const struct attr_desc *desc, size_t n)
{
	req_desc = desc;
	req_desc_n = n;
}

static int enter_netns(const char *name)
{
	char path[PATH_MAX];
	int fd, err;

	if (strchr(name, '/'))
		snprintf(path, sizeof(path), "%s", name);
	else
		snprintf(path, sizeof(path), "/run/netns/%s", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return error("cannot open network namespace \"%s\": %s",
			     name, strerror(errno));
	if (setns(fd, CLONE_NEWNET)) {
		err = errno;
		close(fd);
		return error("setting the network namespace \"%s\" failed: %s",
			     name, strerror(err));
	}
	close(fd);
	return 0;
}

int ftnl_open(void)
{
	int one = 1, fd, ret;

	/* Once: a batch opens a socket per command. */
	if (opts.netns && !netns_entered) {
		if (enter_netns(opts.netns))
			return -1;
		netns_entered = true;
	}

	sk = nl_socket_alloc();
	if (!sk)
		return error("out of memory");
	ret = genl_connect(sk);
	if (ret < 0) {
		error("cannot open a generic netlink socket: %s",
		      nl_geterror(ret));
		goto err_free;
	}
	ret = genl_ctrl_resolve(sk, FTALIAS_FAMILY_NAME);
	if (ret < 0) {
		if (ret == -NLE_OBJ_NOTFOUND)
			error("%s", family_missing);
		else
			error("cannot resolve the ftalias generic netlink family: %s",
			      nl_geterror(ret));
		goto err_free;
	}
	family_id = ret;

	/* Old kernels lack these; errors then come without a message. */
	fd = nl_socket_get_fd(sk);
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	return 0;

err_free:
	nl_socket_free(sk);
	sk = NULL;
	return -1;
}

void ftnl_close(void)
{
	if (sk)
		nl_socket_free(sk);
	sk = NULL;
}

struct nl_msg *ftnl_msg_new(uint8_t cmd, int flags)
{
	return ftnl_msg_new_size(cmd, flags, 0);
}

struct nl_msg *ftnl_msg_new_size(uint8_t cmd, int flags, size_t size)
{
	struct nl_msg *msg = size ? nlmsg_alloc_size(size) : nlmsg_alloc();

	if (!msg) {
		error("out of memory");
		return NULL;
	}
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family_id, 0, flags,
			 cmd, FTALIAS_FAMILY_VERSION)) {
		nlmsg_free(msg);
		error("cannot build the request");
		return NULL;
	}
	return msg;
}

int ftnl_put_attrs(struct nl_msg *msg, const struct attr_desc *desc,
		   size_t n, const struct attr_vals *v)
{
	const struct attr_desc *d;
	int ret;

	for (d = desc; d < desc + n; d++) {
		if (!attr_has(v, d->type) || d->kind == AK_NEST)
			continue;
		switch (d->kind) {
		case AK_STRING:
			ret = nla_put_string(msg, d->type, v->str[d->type]);
			break;
		case AK_U64:
		case AK_BOOT_ID:
			ret = nla_put_u64(msg, d->type, v->num[d->type]);
			break;
		case AK_U8:
		case AK_ONOFF:
		case AK_SCOPE:
			ret = nla_put_u8(msg, d->type, (uint8_t)v->num[d->type]);
			break;
		case AK_FLAG:
			ret = v->num[d->type] ? nla_put_flag(msg, d->type) : 0;
			break;
		default:
			ret = nla_put_u32(msg, d->type,
					  (uint32_t)v->num[d->type]);
			break;
		}
		if (ret < 0)
			return error("cannot build the request: %s",
				     nl_geterror(ret));
	}
	return 0;
}

/* Values of the attributes in @tb described in @desc[0..n-1], into @v. */
static int parse_tb(struct nlattr **tb, const struct attr_desc *desc,
		    size_t n, struct attr_vals *v)
{
	struct nlattr *sub[ATTR_SLOTS];
	const struct attr_nest *nest;
	const struct attr_desc *d;
	struct nlattr *nla;
	int ret;

	for (d = desc; d < desc + n; d++) {
		nla = tb[d->type];
		if (!nla)
			continue;
		switch (d->kind) {
		case AK_STRING:
			free(v->str[d->type]);
			v->str[d->type] = strdup(nla_get_string(nla));
			if (!v->str[d->type])
				return error("out of memory");
			break;
		case AK_U64:
		case AK_BOOT_ID:
			v->num[d->type] = nla_get_u64(nla);
			break;
		case AK_U8:
		case AK_ONOFF:
		case AK_SCOPE:
			v->num[d->type] = nla_get_u8(nla);
			break;
		case AK_FLAG:
			v->num[d->type] = 1;
			break;
		case AK_NEST:
			nest = d->nest;
			if (nest->maxtype >= ATTR_SLOTS)
				return error("internal error: attribute table too small");
			ret = nla_parse_nested(sub, nest->maxtype, nla,
					       nest->policy);
			if (ret < 0)
				return error("malformed %s from the kernel: %s",
					     d->name, nl_geterror(ret));
			if (!v->nest[d->type]) {
				v->nest[d->type] = calloc(1, sizeof(*v));
				if (!v->nest[d->type])
					return error("out of memory");
			}
			ret = parse_tb(sub, nest->desc, nest->n,
				       v->nest[d->type]);
			if (ret)
				return ret;
			break;
		default:
			v->num[d->type] = nla_get_u32(nla);
			break;
		}
		v->present |= 1U << d->type;
	}
	return 0;
}

int ftnl_parse_attrs(struct nlmsghdr *nlh, struct nla_policy *policy,
		     int maxtype, const struct attr_desc *desc, size_t n,
		     struct attr_vals *v)
{
	struct nlattr *tb[ATTR_SLOTS];
	int ret;

	if (maxtype >= ATTR_SLOTS)
		return error("internal error: attribute table too small");
	ret = genlmsg_parse(nlh, 0, tb, maxtype, policy);
	if (ret < 0)
		return error("malformed message from the kernel: %s",
			     nl_geterror(ret));
	return parse_tb(tb, desc, n, v);
}

int ftnl_list_add(struct nlmsghdr *nlh, void *arg)
{
	struct ftnl_list *l = arg;
	struct attr_vals *v;

	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 16;

		v = realloc(l->v, cap * sizeof(*v));
		if (!v)
			return error("out of memory");
		l->v = v;
		l->cap = cap;
	}
	v = &l->v[l->n];
	memset(v, 0, sizeof(*v));
	l->n++;
	return l->parse(nlh, v);
}

void ftnl_list_reset(void *arg)
{
	struct ftnl_list *l = arg;
	size_t i;

	for (i = 0; i < l->n; i++)
		attr_vals_free(&l->v[i]);
	l->n = 0;
}

void ftnl_list_free(struct ftnl_list *l)
{
	ftnl_list_reset(l);
	free(l->v);
	l->v = NULL;
	l->cap = 0;
}

static const char *req_attr_name(unsigned int type)
{
	size_t i;

	for (i = 0; i < req_desc_n; i++)
		if (req_desc[i].type == type)
			return req_desc[i].name;
	return NULL;
}

/* The string of an NLMSGERR_ATTR_MSG, or NULL when absent or malformed. */
static const char *ext_ack_msg(struct nlattr *nla)
{
	const char *s;
	int len;

	if (!nla)
		return NULL;
	s = nla_data(nla);
	len = nla_len(nla);
	if (len <= 0 || s[len - 1] != '\0' || !s[0])
		return NULL;
	return s;
}

/*
 * Report the result @err (0 or -errno) of a request.  @tlvs, @len: the
 * extended-ack attributes, when the kernel sent any.
 */
int ftnl_errno;
int ftnl_quiet_errno;

static void report(int err, struct nlattr *tlvs, int len)
{
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1] = { NULL };
	const char *msg, *name;
	unsigned int type;

	if (tlvs && len > 0)
		nla_parse(tb, NLMSGERR_ATTR_MAX, tlvs, len, NULL);
	msg = ext_ack_msg(tb[NLMSGERR_ATTR_MSG]);

	if (!err) {
		if (msg) {
			fflush(stdout);
			fprintf(stderr, "Warning: %s\n", msg);
		}
		return;
	}
	if (err < 0)
		err = -err;
	ftnl_errno = err;
	if (err == ftnl_quiet_errno)
		return;
	if (msg) {
		error("%s", msg);
		return;
	}
	if (tb[NLMSGERR_ATTR_MISS_TYPE] &&
	    nla_len(tb[NLMSGERR_ATTR_MISS_TYPE]) >= (int)sizeof(uint32_t)) {
		type = nla_get_u32(tb[NLMSGERR_ATTR_MISS_TYPE]);
		name = req_attr_name(type);
		if (name)
			error("%s: missing attribute %s", strerror(err), name);
		else
			error("%s: missing attribute %u", strerror(err), type);
		return;
	}
	error("%s", strerror(err));
}

/* Extended-ack attributes behind the struct nlmsgerr of @nlh. */
static void report_nlmsgerr(struct nlmsghdr *nlh)
{
	struct nlmsgerr *e = nlmsg_data(nlh);
	unsigned int hlen = sizeof(*e);
	unsigned int avail = nlh->nlmsg_len - NLMSG_HDRLEN;

	if (!(nlh->nlmsg_flags & NLM_F_CAPPED) &&
	    e->msg.nlmsg_len > NLMSG_HDRLEN)
		hlen += e->msg.nlmsg_len - NLMSG_HDRLEN;
	hlen = NLMSG_ALIGN(hlen);
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS) || avail <= hlen)
		report(e->error, NULL, 0);
	else
		report(e->error, (struct nlattr *)((char *)e + hlen),
		       avail - hlen);
}

static int valid_cb(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct ftnl_req *req = arg;

	if (nlh->nlmsg_flags & NLM_F_DUMP_INTR)
		req->intr = true;
	if (nlh->nlmsg_type != family_id || req->failed || !req->cb)
		return NL_OK;
	if (req->cb(nlh, req->arg) < 0)
		req->failed = true;
	return NL_OK;
}

static int ack_cb(struct nl_msg *msg, void *arg)
{
	struct ftnl_req *req = arg;

	report_nlmsgerr(nlmsg_hdr(msg));
	req->done = true;
	return NL_STOP;
}

/* NLMSG_DONE carries the dump's error code and its extended ack. */
static int finish_cb(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct ftnl_req *req = arg;
	int len = nlh->nlmsg_len - NLMSG_HDRLEN;
	int err = 0;

	if (nlh->nlmsg_flags & NLM_F_DUMP_INTR)
		req->intr = true;
	if (len >= (int)sizeof(int))
		memcpy(&err, nlmsg_data(nlh), sizeof(int));
	if (err) {
		if ((nlh->nlmsg_flags & NLM_F_ACK_TLVS) &&
		    len > (int)NLMSG_ALIGN(sizeof(int)))
			report(err, (struct nlattr *)((char *)nlmsg_data(nlh) +
					NLMSG_ALIGN(sizeof(int))),
			       len - NLMSG_ALIGN(sizeof(int)));
		else
			report(err, NULL, 0);
		req->failed = true;
	}
	req->done = true;
	return NL_STOP;
}

static int error_cb(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)((char *)e - NLMSG_HDRLEN);
	struct ftnl_req *req = arg;

	(void)nla;
	report_nlmsgerr(nlh);
	req->failed = true;
	req->done = true;
	return NL_STOP;
}

static int wait_for_answer(struct ftnl_req *req)
{
	struct nl_cb *cb = nl_cb_alloc(NL_CB_DEFAULT);
	int ret;

	if (!cb)
		return error("out of memory");
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, valid_cb, req);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, ack_cb, req);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, finish_cb, req);
	nl_cb_err(cb, NL_CB_CUSTOM, error_cb, req);

	while (!req->done) {
		ret = nl_recvmsgs(sk, cb);
		if (req->done)
			break;
		if (ret < 0) {
			if (ret == -NLE_DUMP_INTR) {
				req->intr = true;
				continue;
			}
			error("netlink: %s", nl_geterror(ret));
			req->failed = true;
			break;
		}
	}
	nl_cb_put(cb);
	return req->failed ? -1 : 0;
}

static int send_msg(struct nl_msg *msg)
{
	int ret = nl_send_auto(sk, msg);

	nlmsg_free(msg);
	if (ret < 0)
		return error("cannot send the request: %s", nl_geterror(ret));
	return 0;
}

int ftnl_do(struct nl_msg *msg, ftnl_msg_cb cb, void *arg)
{
	struct ftnl_req req = { .cb = cb, .arg = arg };

	if (send_msg(msg))
		return -1;
	return wait_for_answer(&req);
}

int ftnl_dump(uint8_t cmd, const struct attr_desc *desc, size_t n,
	      const struct attr_vals *v, ftnl_msg_cb cb,
	      void (*reset)(void *arg), void *arg)
{
	struct ftnl_req req;
	struct nl_msg *msg;
	int try;

	for (try = 0; try < DUMP_TRIES; try++) {
		if (try && reset)
			reset(arg);
		msg = ftnl_msg_new(cmd, NLM_F_DUMP);
		if (!msg)
			return -1;
		if (v && ftnl_put_attrs(msg, desc, n, v)) {
			nlmsg_free(msg);
			return -1;
		}
		if (send_msg(msg))
			return -1;
		req = (struct ftnl_req){ .cb = cb, .arg = arg };
		if (wait_for_answer(&req))
			return -1;
		if (!req.intr)
			return 0;
	}
	return error("dump interrupted, retry");
}

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static int seq_ok_cb(struct nl_msg *msg, void *arg)
{
	(void)msg;
	(void)arg;
	return NL_OK;
}

/* Join one multicast group of the family; -NLE_PERM passed back quietly. */
static int join_group(const char *group, bool optional)
{
	int grp, ret;

	grp = genl_ctrl_resolve_grp(sk, FTALIAS_FAMILY_NAME, group);
	if (grp < 0) {
		if (grp == -NLE_OBJ_NOTFOUND)
			return error("multicast group \"%s\" of the ftalias family not found",
				     group);
		return error("cannot resolve the multicast group \"%s\": %s",
			     group, nl_geterror(grp));
	}
	ret = nl_socket_add_membership(sk, grp);
	if (ret == -NLE_PERM && optional)
		return ret;
	if (ret < 0)
		return error("cannot join the multicast group \"%s\": %s",
			     group, nl_geterror(ret));
	return 0;
}

int ftnl_monitor(const char *group, const char *admin_group, ftnl_msg_cb cb,
		 void *arg)
{
	struct ftnl_req req = { .cb = cb, .arg = arg };
	struct sigaction sa = { .sa_handler = on_signal };
	sigset_t block, orig;
	struct nl_cb *nlcb;
	struct pollfd pfd;
	int ret;

	if (join_group(group, false))
		return -1;
	if (admin_group) {
		ret = join_group(admin_group, true);
		if (ret == -NLE_PERM)
			fprintf(stderr, "Note: the \"%s\" events need CAP_NET_ADMIN in the network namespace; not shown\n",
				admin_group);
		else if (ret)
			return -1;
	}
	nl_socket_set_nonblocking(sk);
	/* Bursts of events: the kernel caps this at net.core.rmem_max. */
	nl_socket_set_buffer_size(sk, 1 << 20, 0);

	nlcb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!nlcb)
		return error("out of memory");
	nl_cb_set(nlcb, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, seq_ok_cb, NULL);
	nl_cb_set(nlcb, NL_CB_VALID, NL_CB_CUSTOM, valid_cb, &req);

	/* Signals are delivered only inside ppoll(): no lost wake-up. */
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigprocmask(SIG_BLOCK, &block, &orig);
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigdelset(&orig, SIGINT);
	sigdelset(&orig, SIGTERM);

	pfd.fd = nl_socket_get_fd(sk);
	pfd.events = POLLIN;
	ret = 0;
	while (!stop && !req.failed) {
		if (ppoll(&pfd, 1, NULL, &orig) < 0) {
			if (errno == EINTR)
				continue;
			ret = error("poll: %s", strerror(errno));
			break;
		}
		ret = nl_recvmsgs(sk, nlcb);
		if (ret >= 0 || ret == -NLE_AGAIN) {
			ret = 0;
			continue;
		}
		if (ret == -NLE_NOMEM) {
			/* ENOBUFS: the socket overran, events were lost */
			fflush(stdout);
			fprintf(stderr, "Warning: events lost (receive buffer overrun)\n");
			ret = 0;
			continue;
		}
		ret = error("netlink: %s", nl_geterror(ret));
		break;
	}
	nl_cb_put(nlcb);
	if (req.failed)
		return -1;
	return ret;
}
