// SPDX-License-Identifier: GPL-2.0
/*
 * ftaliasctl: configure ftalias port aliases over the "ftalias" generic
 * netlink family.
 *
 *   ftaliasctl [-j] [-p] [-s] [-c] [-n NETNS] [-V] [-h] OBJECT [VERB [ARGS]]
 *   ftaliasctl [-j] [-p] [-s] [-c] [-n NETNS] [-force] -batch FILE
 *
 * This file holds the options and the object table; each object lives in
 * its own file, the netlink transport in nl.c, the output helpers in
 * print.c, the batch file reader in batch.c.
 */

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "alias.h"
#include "batch.h"
#include "cache.h"
#include "cluster.h"
#include "conn.h"
#include "ctl.h"
#include "info.h"
#include "journal.h"
#include "member.h"
#include "monitor.h"
#include "nl.h"
#include "node.h"
#include "print.h"

struct ctl_opts opts;
static bool in_batch;

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
	{ "cluster",	do_cluster },
	{ "node",	do_node },
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
	{ "cluster",	8 },
	{ "node",	9 },
	{ NULL, 0 }
};

static void usage(FILE *f)
{
	fputs("Usage: ftaliasctl [ OPTIONS ] OBJECT [ VERB [ ARGS ] ]\n"
	      "       ftaliasctl [ OPTIONS ] [ -force ] [ -exist ] -b[atch] FILE\n"
	      "       ftaliasctl OBJECT help\n"
	      "where  OBJECT := { alias | member | cache | journal | conn | cluster |\n"
	      "                  node | info | monitor | help }\n"
	      "       OPTIONS := { -j[son] | -p[retty] | -s[tatistics] | -c[onfig] |\n"
	      "                    -n[etns] NETNS | -V[ersion] | -h[elp] }\n", f);
}

static const struct option long_opts[] = {
	{ "json",	no_argument,		NULL, 'j' },
	{ "pretty",	no_argument,		NULL, 'p' },
	{ "stats",	no_argument,		NULL, 's' },
	{ "statistics",	no_argument,		NULL, 's' },
	/*
	 * The prefixes of both: getopt_long_only() finds a word that
	 * prefixes two entries ambiguous, even when they mean the same.
	 */
	{ "stat",	no_argument,		NULL, 's' },
	{ "sta",	no_argument,		NULL, 's' },
	{ "st",		no_argument,		NULL, 's' },
	{ "config",	no_argument,		NULL, 'c' },
	{ "netns",	required_argument,	NULL, 'n' },
	{ "batch",	required_argument,	NULL, 'b' },
	{ "force",	no_argument,		NULL, 'f' },
	{ "exist",	no_argument,		NULL, 'e' },
	{ "version",	no_argument,		NULL, 'V' },
	{ "help",	no_argument,		NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

/* One command: OBJECT [VERB [ARGS]], from the command line or a batch file. */
static int run_command(int argc, char **argv)
{
	int obj, ret;

	obj = kw_match(argv[0], object_kw);
	if (obj < 0 || (size_t)obj >= N_OBJECTS) {
		kw_error("object", argv[0], object_kw, obj);
		usage(stderr);
		return EXIT_USAGE;
	}
	if (in_batch && objects[obj].fn == do_monitor) {
		error("monitor does not end: not in a batch");
		return EXIT_USAGE;
	}
	if (opts.config && objects[obj].fn != do_alias) {
		error("-config: only \"alias show\" prints a configuration");
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

int main(int argc, char **argv)
{
	const char *batch = NULL;
	bool force = false;
	int c;

	opterr = 0;
	while ((c = getopt_long_only(argc, argv, "+jpscn:b:Vh", long_opts, NULL)) != -1) {
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
		case 'c':
			opts.config = true;
			break;
		case 'n':
			opts.netns = optarg;
			break;
		case 'b':
			batch = optarg;
			break;
		case 'f':
			force = true;
			break;
		case 'e':
			opts.exist = true;
			break;
		case 'V':
			printf("ftaliasctl %s (ftalias netlink family version %d)\n",
			       FTALIASCTL_VERSION, FTALIAS_FAMILY_VERSION);
			return EXIT_OK;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		default:
			if (optopt == 'n' || optopt == 'b')
				error("option \"-%c\" needs %s", optopt,
				      optopt == 'n' ? "a network namespace" :
				      "a file (\"-\" for standard input)");
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

	if (opts.config && opts.stats) {
		error("-config prints no counters: leave out -s");
		return EXIT_USAGE;
	}
	if (batch) {
		if (argc) {
			error("-batch takes its commands from the file, not \"%s\"",
			      argv[0]);
			return EXIT_USAGE;
		}
		in_batch = true;
		return batch_run(batch, force, run_command);
	}
	if (force) {
		error("-force goes with -batch");
		return EXIT_USAGE;
	}
	if (argc < 1) {
		error("OBJECT required");
		usage(stderr);
		return EXIT_USAGE;
	}
	return run_command(argc, argv);
}
