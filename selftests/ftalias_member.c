// SPDX-License-Identifier: GPL-2.0
/*
 * A member or a client of an alias for the shell tests (nl_ftaliasctl.sh,
 * nl_ynl_cli.sh),
 * which cannot open AF_FTALIAS sockets themselves.
 *
 *   ftalias_member [-p PRIORITY] [-r replica|standby] ALIAS_ID
 *	binds a SOCK_RDM socket to the alias: joins it as a member.
 *   ftalias_member -c COUNT ALIAS_ID
 *	binds a client socket to a port and sends COUNT requests to the
 *	alias.
 *
 * Then prints "port PORT" (getsockname()) and sleeps, reading nothing,
 * until killed.
 *
 *   ftalias_member -L [-p PRIORITY] [ALIAS_ID]
 *	a SOCK_SEQPACKET listener bound to the alias (a member), or to a
 *	port without ALIAS_ID: prints "port PORT", then accepts for ever,
 *	printing "accepted conn ID port PORT" for each connection, and
 *	keeps the accepted sockets open, reading nothing.
 *   ftalias_member -C [-P] [-m ALIAS_ID] [-i ALIAS_ID [-n NAME]] [-c COUNT] TARGET
 *	connects a SOCK_SEQPACKET socket to the alias TARGET (with -P, to
 *	the port TARGET), after joining the alias of -m with another
 *	SOCK_SEQPACKET socket and setting the identity alias of -i (and its
 *	name); sends COUNT messages, prints "port PORT conn ID" and sleeps
 *	until killed.
 *
 * Exit 1 with a message on any error.  The address family number is the
 * module parameter "family".
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>

#include <linux/ftalias.h>

#define FAMILY_PARAM	"/sys/module/ftalias/parameters/family"

static void die(const char *what)
{
	fprintf(stderr, "ftalias_member: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void usage(void)
{
	fputs("usage: ftalias_member [-p PRIORITY] [-r replica|standby] ALIAS_ID\n"
	      "       ftalias_member -c COUNT ALIAS_ID\n"
	      "       ftalias_member -L [-p PRIORITY] [ALIAS_ID]\n"
	      "       ftalias_member -C [-P] [-m ALIAS_ID] [-i ALIAS_ID [-n NAME]] [-c COUNT] TARGET\n",
	      stderr);
	exit(1);
}

static unsigned long number(const char *s)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || !*s || *end || v > 0xffffffffUL)
		usage();
	return v;
}

static int read_family(void)
{
	FILE *f = fopen(FAMILY_PARAM, "r");
	int af;

	if (!f)
		die(FAMILY_PARAM);
	if (fscanf(f, "%d", &af) != 1) {
		errno = EINVAL;
		die(FAMILY_PARAM);
	}
	fclose(f);
	return af;
}

static void set_opt(int fd, int opt, __u32 val, const char *what)
{
	if (setsockopt(fd, SOL_FTALIAS, opt, &val, sizeof(val)))
		die(what);
}

static void print_line(const char *fmt, unsigned int a, unsigned int b)
{
	printf(fmt, a, b);
	if (fflush(stdout))
		die("stdout");
}

static unsigned int sock_port(int fd)
{
	struct sockaddr_ftalias sa = { 0 };
	socklen_t len = sizeof(sa);

	if (getsockname(fd, (struct sockaddr *)&sa, &len))
		die("getsockname");
	return sa.sfa_port;
}

static unsigned int conn_id(int fd)
{
	struct ftalias_conn_info ci = { 0 };
	socklen_t len = sizeof(ci);

	if (getsockopt(fd, SOL_FTALIAS, FTALIAS_CONN_INFO, &ci, &len))
		die("FTALIAS_CONN_INFO");
	return ci.id;
}

/* A SOCK_SEQPACKET socket bound to @alias, or to a port when 0. */
static int seqpacket_bound(int af, __u32 alias, long priority)
{
	struct sockaddr_ftalias sa = { .sfa_family = af };
	int fd = socket(af, SOCK_SEQPACKET, 0);

	if (fd < 0)
		die("socket");
	if (priority >= 0)
		set_opt(fd, FTALIAS_PRIORITY, priority, "FTALIAS_PRIORITY");
	sa.sfa_type = alias ? FTALIAS_ADDR_ALIAS : FTALIAS_ADDR_PORT;
	sa.sfa_alias = alias;
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)))
		die("bind");
	return fd;
}

static void seqpacket_listen(int af, __u32 alias, long priority)
{
	int fd = seqpacket_bound(af, alias, priority), conn;

	if (listen(fd, 64))
		die("listen");
	print_line("port %u\n", sock_port(fd), 0);
	for (;;) {
		conn = accept(fd, NULL, NULL);
		if (conn < 0) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			die("accept");
		}
		/* kept open, never read */
		print_line("accepted conn %u port %u\n", conn_id(conn),
			   sock_port(conn));
	}
}

static void seqpacket_connect(int af, __u32 target, bool to_port,
			      long member, long ident, const char *name,
			      long count)
{
	struct sockaddr_ftalias to = { .sfa_family = af };
	struct ftalias_identity id = { 0 };
	char msg[32];
	int fd;
	long i;

	if (member > 0)
		seqpacket_bound(af, member, -1);	/* stays open */
	fd = socket(af, SOCK_SEQPACKET, 0);
	if (fd < 0)
		die("socket");
	if (ident > 0) {
		id.alias = ident;
		if (name)
			snprintf(id.name, sizeof(id.name), "%s", name);
		if (setsockopt(fd, SOL_FTALIAS, FTALIAS_IDENTITY, &id,
			       sizeof(id)))
			die("FTALIAS_IDENTITY");
	}
	if (to_port) {
		to.sfa_type = FTALIAS_ADDR_PORT;
		to.sfa_port = target;
	} else {
		to.sfa_type = FTALIAS_ADDR_ALIAS;
		to.sfa_alias = target;
	}
	if (connect(fd, (struct sockaddr *)&to, sizeof(to)))
		die("connect");
	for (i = 0; i < count; i++) {
		snprintf(msg, sizeof(msg), "message %ld", i);
		if (send(fd, msg, strlen(msg), 0) < 0)
			die("send");
	}
	print_line("port %u conn %u\n", sock_port(fd), conn_id(fd));
	for (;;)
		pause();
}

int main(int argc, char **argv)
{
	struct sockaddr_ftalias sa = { 0 }, to = { 0 };
	long priority = -1, role = -1, count = -1, member = -1, ident = -1;
	bool listener = false, connector = false, to_port = false;
	const char *name = NULL;
	socklen_t len = sizeof(sa);
	__u32 alias;
	char msg[32];
	int af, fd, c;
	long i;

	while ((c = getopt(argc, argv, "p:r:c:LCPm:i:n:")) != -1) {
		switch (c) {
		case 'p':
			priority = number(optarg);
			break;
		case 'r':
			if (!strcmp(optarg, "replica"))
				role = FTALIAS_MEMBER_ROLE_REPLICA;
			else if (!strcmp(optarg, "standby"))
				role = FTALIAS_MEMBER_ROLE_STANDBY;
			else
				usage();
			break;
		case 'c':
			count = number(optarg);
			break;
		case 'L':
			listener = true;
			break;
		case 'C':
			connector = true;
			break;
		case 'P':
			to_port = true;
			break;
		case 'm':
			member = number(optarg);
			break;
		case 'i':
			ident = number(optarg);
			break;
		case 'n':
			name = optarg;
			break;
		default:
			usage();
		}
	}
	if (listener) {
		if (connector || optind < argc - 1 || count >= 0 ||
		    role >= 0 || to_port || member >= 0 || ident >= 0 || name)
			usage();
		seqpacket_listen(read_family(),
				 optind < argc ? number(argv[optind]) : 0,
				 priority);
	}
	if (connector) {
		if (optind != argc - 1 || priority >= 0 || role >= 0 ||
		    (name && ident < 0))
			usage();
		seqpacket_connect(read_family(), number(argv[optind]), to_port,
				  member, ident, name, count);
	}
	if (to_port || member >= 0 || ident >= 0 || name)
		usage();
	if (optind != argc - 1 || (count >= 0 && (priority >= 0 || role >= 0)))
		usage();
	alias = number(argv[optind]);

	af = read_family();
	fd = socket(af, SOCK_RDM, 0);
	if (fd < 0)
		die("socket");
	if (priority >= 0)
		set_opt(fd, FTALIAS_PRIORITY, priority, "FTALIAS_PRIORITY");
	if (role >= 0)
		set_opt(fd, FTALIAS_ROLE, role, "FTALIAS_ROLE");

	sa.sfa_family = af;
	if (count >= 0) {
		sa.sfa_type = FTALIAS_ADDR_PORT;
	} else {
		sa.sfa_type = FTALIAS_ADDR_ALIAS;
		sa.sfa_alias = alias;
	}
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)))
		die("bind");

	to.sfa_family = af;
	to.sfa_type = FTALIAS_ADDR_ALIAS;
	to.sfa_alias = alias;
	for (i = 0; i < count; i++) {
		snprintf(msg, sizeof(msg), "request %ld", i);
		if (sendto(fd, msg, strlen(msg), 0, (struct sockaddr *)&to,
			   sizeof(to)) < 0)
			die("sendto");
	}

	if (getsockname(fd, (struct sockaddr *)&sa, &len))
		die("getsockname");
	printf("port %u\n", sa.sfa_port);
	if (fflush(stdout))
		die("stdout");
	for (;;)
		pause();
}
