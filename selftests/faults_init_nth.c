// SPDX-License-Identifier: GPL-2.0
/*
 * faults_init_nth KO N [PARAMS]: loads KO with finit_module() while the N-th
 * allocation of this thread that the fault-injection filters let through
 * fails (fail-nth, Documentation/fault-injection/fault-injection.rst).
 * fail-nth is written just before the call and read just after it, so
 * that no allocation of this program's own counts.  Prints
 * "RET ERRNO LEFT": what finit_module() returned, its errno (0 when it
 * succeeded) and what was left of fail-nth (0: the N-th allocation was
 * failed).  A helper of faults_init.sh.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>

#define NTH	"/proc/thread-self/fail-nth"

int main(int argc, char **argv)
{
	int fd, wfd, rfd, e;
	char left[32] = "";
	ssize_t n;
	long r;

	if (argc < 3 || argc > 4) {
		fprintf(stderr, "usage: %s KO N [PARAMS]\n", argv[0]);
		return 2;
	}
	fd = open(argv[1], O_RDONLY | O_CLOEXEC);
	wfd = open(NTH, O_WRONLY | O_CLOEXEC);
	rfd = open(NTH, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || wfd < 0 || rfd < 0) {
		perror("open");
		return 2;
	}
	if (write(wfd, argv[2], strlen(argv[2])) != (ssize_t)strlen(argv[2])) {
		perror(NTH);
		return 2;
	}
	r = syscall(SYS_finit_module, fd, argc > 3 ? argv[3] : "", 0);
	e = r ? errno : 0;
	n = read(rfd, left, sizeof(left) - 1);
	if (write(wfd, "0", 1) != 1 || n <= 0) {
		perror(NTH);
		return 2;
	}
	printf("%ld %d %lu\n", r, e, strtoul(left, NULL, 0));
	return 0;
}
