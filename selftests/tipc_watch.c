// SPDX-License-Identifier: GPL-2.0
/*
 * What TIPC itself reports about the other nodes, for the cluster tests
 * (lib/cluster.sh): subscribes to the topology server of its network
 * namespace for {TIPC_NODE_STATE, 0, ~0} and {TIPC_LINK_STATE, 0, ~0}
 * and prints one line per event, flushed at once:
 *
 *   SECONDS.USEC node|link up|down ADDR
 *
 * SECONDS.USEC is CLOCK_REALTIME when the event was read (bash's
 * $EPOCHREALTIME is comparable), ADDR the node's 32-bit TIPC address in
 * decimal.  "node up" of the node's own address comes first (its own
 * publication, if it has an address): the subscriptions are in place.
 * A node is up once it has a working link and its name table came; "link"
 * events are per link (one per bearer).
 *
 *   tipc_watch
 *	runs until killed or until the topology server closes (exit 1).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>

#include <linux/tipc.h>

static void die(const char *what)
{
	fprintf(stderr, "tipc_watch: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void subscribe(int fd, __u32 type)
{
	struct tipc_subscr s = {
		.seq = { .type = type, .lower = 0, .upper = ~0U },
		.timeout = TIPC_WAIT_FOREVER,
		.filter = TIPC_SUB_PORTS,
	};

	if (send(fd, &s, sizeof(s), 0) != sizeof(s))
		die("send subscription");
}

int main(int argc, char **argv)
{
	struct sockaddr_tipc top = {
		.family = AF_TIPC,
		.addrtype = TIPC_SERVICE_ADDR,
		.addr.name.name = { .type = TIPC_TOP_SRV, .instance = TIPC_TOP_SRV },
	};
	struct tipc_event ev;
	struct timespec ts;
	ssize_t n;
	int fd;

	if (argc != 1) {
		fprintf(stderr, "usage: %s\n", argv[0]);
		return 1;
	}
	fd = socket(AF_TIPC, SOCK_SEQPACKET, 0);
	if (fd < 0)
		die("socket AF_TIPC");
	if (connect(fd, (struct sockaddr *)&top, sizeof(top)))
		die("connect to the topology server");
	subscribe(fd, TIPC_NODE_STATE);
	subscribe(fd, TIPC_LINK_STATE);

	for (;;) {
		n = recv(fd, &ev, sizeof(ev), 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			die("recv");
		if (n == 0) {
			fputs("tipc_watch: the topology server closed\n", stderr);
			return 1;
		}
		clock_gettime(CLOCK_REALTIME, &ts);
		if (n != sizeof(ev)) {
			fprintf(stderr, "tipc_watch: event of %zd bytes\n", n);
			return 1;
		}
		if (ev.event != TIPC_PUBLISHED && ev.event != TIPC_WITHDRAWN)
			continue;
		printf("%lld.%06ld %s %s %u\n", (long long)ts.tv_sec,
		       ts.tv_nsec / 1000,
		       ev.s.seq.type == TIPC_LINK_STATE ? "link" : "node",
		       ev.event == TIPC_PUBLISHED ? "up" : "down",
		       ev.found_lower);
		fflush(stdout);
	}
}
