// SPDX-License-Identifier: GPL-2.0
/*
 * ftaliasctl: configure ftalias port aliases over the "ftalias" generic
 * netlink family.
 *
 *   ftaliasctl [-j] [-p] [-s] [-n NETNS] [-V] [-h] OBJECT [VERB [ARGS]]
 *
 * This file holds the options and the object table; each object lives in
 * its own file, the netlink transport in nl.c, the output helpers in
 * print.c.
 */

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "alias.h"
#include "cache.h"
#include "conn.h"
#include "ctl.h"
#include "info.h"
#include "journal.h"
#include "member.h"
#include "monitor.h"
#include "nl.h"
#include "print.h"

struct ctl_opts opts;

static void usage(FILE *f);

static int do_help(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	usage(stdout);
	return EXIT_OK;
}

static const struct object {
	const char *name;
	int (*fn)(int argc, char **argv);
} objects[] = {
	{ "alias",	do_alias },
	{ "info",	do_info },
	{ "monitor",	do_monitor },
	{ "help",	do_help },
	{ "member",	do_member },
	{ "cache",	do_cache },
	{ "journal",	do_journal },
	{ "conn",	do_conn },
};

#define N_OBJECTS (sizeof(objects) / sizeof(objects[0]))

static const struct keyword object_kw[] = {
	{ "alias",	0 },
	{ "member",	4 },
	{ "info",	1 },
	{ "monitor",	2 },
	{ "help",	3 },
	{ "cache",	5 },
	{ "c",		5 },	/* was unique before conn came */
	{ "journal",	6 },
	{ "conn",	7 },
	{ NULL, 0 }
};

static void usage(FILE *f)
{
	fputs("Usage: ftaliasctl [ OPTIONS ] OBJECT [ VERB [ ARGS ] ]\n"
	      "       ftaliasctl OBJECT help\n"
	      "where  OBJECT := { alias | member | cache | journal | conn | info |\n"
	      "                  monitor | help }\n"
	      "       OPTIONS := { -j[son] | -p[retty] | -s[tatistics] |\n"
	      "                    -n[etns] NETNS | -V[ersion] | -h[elp] }\n", f);
}

static const struct option long_opts[] = {
	{ "json",	no_argument,		NULL, 'j' },
	{ "pretty",	no_argument,		NULL, 'p' },
	{ "stats",	no_argument,		NULL, 's' },
	{ "statistics",	no_argument,		NULL, 's' },
	{ "netns",	required_argument,	NULL, 'n' },
	{ "version",	no_argument,		NULL, 'V' },
	{ "help",	no_argument,		NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

int main(int argc, char **argv)
{
	int c, obj, ret;

	opterr = 0;
	while ((c = getopt_long_only(argc, argv, "+jpsn:Vh", long_opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			opts.json = true;
			break;
		case 'p':
			opts.pretty = true;
			break;
		case 's':
			opts.stats = true;
			break;
		case 'n':
			opts.netns = optarg;
			break;
		case 'V':
			printf("ftaliasctl %s (ftalias netlink family version %d)\n",
			       FTALIASCTL_VERSION, FTALIAS_FAMILY_VERSION);
			return EXIT_OK;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		default:
			if (optopt == 'n')
				error("option \"-n\" needs a network namespace");
			else if (optopt)
				error("unknown option \"-%c\"", optopt);
			else
				error("unknown option \"%s\"", argv[optind - 1]);
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	argc -= optind;
	argv += optind;

	if (argc < 1) {
		error("OBJECT required");
		usage(stderr);
		return EXIT_USAGE;
	}
	obj = kw_match(argv[0], object_kw);
	if (obj < 0 || (size_t)obj >= N_OBJECTS) {
		kw_error("object", argv[0], object_kw, obj);
		usage(stderr);
		return EXIT_USAGE;
	}

	new_json_obj(opts.json, opts.pretty);
	ret = objects[obj].fn(argc - 1, argv + 1);
	ftnl_close();
	if (fflush(stdout) && ret == EXIT_OK) {
		perror("ftaliasctl: stdout");
		ret = EXIT_REFUSED;
	}
	return ret;
}
