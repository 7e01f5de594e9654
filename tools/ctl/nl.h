/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Netlink transport of ftaliasctl: one libnl generic netlink socket, the
 * "ftalias" family id, requests with extended-ack error reporting, dumps
 * and multicast notifications.  Every function prints its own "Error: ..."
 * line and returns a negative value on failure.
 */
#ifndef FTALIASCTL_NL_H
#define FTALIASCTL_NL_H

#include <stddef.h>
#include <stdint.h>

#include <netlink/attr.h>
#include <netlink/msg.h>

#include "ctl.h"

/* Called for each reply or notification; return 0, or < 0 to abort. */
typedef int (*ftnl_msg_cb)(struct nlmsghdr *nlh, void *arg);

/*
 * Enter opts.netns if set, connect, resolve the family and turn on
 * extended acks.
 */
int ftnl_open(void);
void ftnl_close(void);

/* A request message for @cmd, NULL (and an error printed) on failure. */
struct nl_msg *ftnl_msg_new(uint8_t cmd, int flags);
/* The same, with room for @size bytes (0: libnl's default, a page). */
struct nl_msg *ftnl_msg_new_size(uint8_t cmd, int flags, size_t size);

/* Put the attributes of @v described in @desc[0..n-1]. */
int ftnl_put_attrs(struct nl_msg *msg, const struct attr_desc *desc,
		   size_t n, const struct attr_vals *v);

/*
 * Parse a reply into @v; attributes with no descriptor are ignored, nests
 * (AK_NEST) are parsed into v->nest[].
 */
int ftnl_parse_attrs(struct nlmsghdr *nlh, struct nla_policy *policy,
		     int maxtype, const struct attr_desc *desc, size_t n,
		     struct attr_vals *v);

/*
 * Replies collected in order (a dump may have to be restarted: reset it
 * then), each parsed by @parse.  Zero-initialise, set @parse.
 */
struct ftnl_list {
	int (*parse)(struct nlmsghdr *nlh, struct attr_vals *v);
	struct attr_vals *v;
	size_t n;
	size_t cap;
};

/* ftnl_msg_cb adding a reply to the struct ftnl_list @arg. */
int ftnl_list_add(struct nlmsghdr *nlh, void *arg);
/* Empty the struct ftnl_list @arg, keeping its array. */
void ftnl_list_reset(void *arg);
void ftnl_list_free(struct ftnl_list *l);

/*
 * Send @msg (always freed) and wait for the kernel's answer: @cb (may be
 * NULL) sees each reply, then the ack or error ends the request.
 */
int ftnl_do(struct nl_msg *msg, ftnl_msg_cb cb, void *arg);

/*
 * The errno of the last refusal of the kernel (0 after a success is not
 * guaranteed: read it only after a request failed).  A refusal with the
 * errno ftnl_quiet_errno (0: none) is not printed.
 */
extern int ftnl_errno;
extern int ftnl_quiet_errno;

/*
 * Dump @cmd; the request carries the attributes of @v (may be NULL)
 * described in @desc[0..n-1], a filter.  @cb sees each object; when the
 * kernel flags the dump as interrupted, @reset is called and the dump is
 * retried a few times.
 */
int ftnl_dump(uint8_t cmd, const struct attr_desc *desc, size_t n,
	      const struct attr_vals *v, ftnl_msg_cb cb,
	      void (*reset)(void *arg), void *arg);

/*
 * Join the multicast group @group and, when the caller may (CAP_NET_ADMIN
 * in the namespace, else a note on stderr), @admin_group (or NULL), then
 * call @cb for every message until SIGINT or SIGTERM (returns 0) or an
 * error.
 */
int ftnl_monitor(const char *group, const char *admin_group, ftnl_msg_cb cb,
		 void *arg);

/* Attribute names of the requests, to name a missing attribute. */
void ftnl_set_attr_desc(const struct attr_desc *desc, size_t n);

#endif /* FTALIASCTL_NL_H */
