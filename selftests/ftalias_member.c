// SPDX-License-Identifier: GPL-2.0
/*
 * A member or a client of an alias for the shell tests (ftaliasctl.sh),
 * which cannot open AF_FTALIAS sockets themselves.
 *
 *   ftalias_member [-p PRIORITY] [-r replica|standby] ALIAS_ID
 *	binds a SOCK_RDM socket to the alias: joins it as a member.
 *   ftalias_member -c COUNT ALIAS_ID
 *	binds a client socket to a port and sends COUNT requests to the
 *	alias.
 *
 * Then prints "port PORT" (getsockname()) and sleeps, reading nothing,
 * until killed.  Exit 1 with a message on any error.  The address family
 * number is the module parameter "family".
 */
#define _GNU_SOURCE
#include <errno.h>
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
	      "       ftalias_member -c COUNT ALIAS_ID\n", stderr);
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

int main(int argc, char **argv)
{
	struct sockaddr_ftalias sa = { 0 }, to = { 0 };
	long priority = -1, role = -1, count = -1;
	socklen_t len = sizeof(sa);
	__u32 alias;
	char msg[32];
	int af, fd, c;
	long i;

	while ((c = getopt(argc, argv, "p:r:c:")) != -1) {
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
		default:
			usage();
		}
	}
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
