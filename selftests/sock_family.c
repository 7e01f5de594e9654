// SPDX-License-Identifier: GPL-2.0
/*
 * The ftalias address family: which socket() calls it accepts and that an
 * open socket pins the module.  The family number is the module parameter
 * "family".  bind(), sendmsg() and the rest: sock_api.c.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/syscall.h>

/*
 * -Wextra noise from the harness itself: its macros pass _metadata, self
 * and variant to every test, and its setjmp() trips -Wclobbered.
 */
#pragma GCC diagnostic ignored "-Wclobbered"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "lib/kselftest_harness.h"
#include "lib/dp_util.h"

#define MOD_DIR		"/sys/module/ftalias"

static int refcnt(void)
{
	return dp_read_long(MOD_DIR "/refcnt");
}

/* Polls (bounded, 5 s) until the module refcount equals want. */
static int wait_refcnt(int want)
{
	return DP_WAIT_FOR(refcnt() == want, 5000) ? 0 : -1;
}

static int delete_module(const char *name, unsigned int flags)
{
	return syscall(SYS_delete_module, name, flags);
}

static int load_module(const char *path, const char *params)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), ret;

	if (fd < 0)
		return -1;
	ret = syscall(SYS_finit_module, fd, params, 0);
	close(fd);
	return ret;
}

FIXTURE(family) {
	int af;
};

FIXTURE_SETUP(family)
{
	self->af = dp_read_long(MOD_DIR "/parameters/family");
	if (self->af < 0)
		SKIP(return, "ftalias not loaded or family parameter not readable");
	ASSERT_EQ(0, unshare(CLONE_NEWNET));
}

FIXTURE_TEARDOWN(family)
{
}

TEST_F(family, param_valid)
{
	/* 22 by default, unless the runner loaded it otherwise */
	TH_LOG("family %d", self->af);
	ASSERT_GT(self->af, 0);
	ASSERT_LT(self->af, 46);
}

TEST_F(family, socket_rdm)
{
	int fd, fd2;

	fd = socket(self->af, SOCK_RDM, 0);
	ASSERT_GE(fd, 0) TH_LOG("socket: %s", strerror(errno));
	fd2 = socket(self->af, SOCK_RDM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	ASSERT_GE(fd2, 0) TH_LOG("socket: %s", strerror(errno));
	EXPECT_EQ(FD_CLOEXEC, fcntl(fd2, F_GETFD) & FD_CLOEXEC);
	EXPECT_EQ(O_NONBLOCK, fcntl(fd2, F_GETFL) & O_NONBLOCK);
	EXPECT_EQ(0, close(fd));
	EXPECT_EQ(0, close(fd2));
}

TEST_F(family, sockopt_domain_type)
{
	socklen_t len = sizeof(int);
	int fd, v;

	fd = socket(self->af, SOCK_RDM, 0);
	ASSERT_GE(fd, 0);
	ASSERT_EQ(0, getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &v, &len));
	EXPECT_EQ(self->af, v);
	ASSERT_EQ(0, getsockopt(fd, SOL_SOCKET, SO_TYPE, &v, &len));
	EXPECT_EQ(SOCK_RDM, v);
	ASSERT_EQ(0, getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &v, &len));
	EXPECT_EQ(0, v);
	close(fd);
}

TEST_F(family, bad_type)
{
	EXPECT_EQ(-1, socket(self->af, SOCK_STREAM, 0));
	EXPECT_EQ(ESOCKTNOSUPPORT, errno);
	EXPECT_EQ(-1, socket(self->af, SOCK_DGRAM, 0));
	EXPECT_EQ(ESOCKTNOSUPPORT, errno);
}

TEST_F(family, bad_protocol)
{
	EXPECT_EQ(-1, socket(self->af, SOCK_RDM, 1));
	EXPECT_EQ(EPROTONOSUPPORT, errno);
	EXPECT_EQ(-1, socket(self->af, SOCK_RDM, 255));
	EXPECT_EQ(EPROTONOSUPPORT, errno);
}

TEST_F(family, many_sockets)
{
	int fds[256], i;

	for (i = 0; i < 256; i++) {
		fds[i] = socket(self->af, SOCK_RDM, 0);
		ASSERT_GE(fds[i], 0) TH_LOG("socket %d: %s", i, strerror(errno));
	}
	for (i = 0; i < 256; i++)
		EXPECT_EQ(0, close(fds[i]));
}

/*
 * An open socket pins the module: rmmod fails while it is open and works
 * after close.  Reloads the module from $FTALIAS_KO whatever happens.
 */
FIXTURE(pin) {
	const char *ko;
};

FIXTURE_SETUP(pin)
{
	self->ko = getenv("FTALIAS_KO");
	if (access(MOD_DIR, F_OK))
		SKIP(return, "ftalias not loaded");
	if (!self->ko || access(self->ko, R_OK))
		SKIP(return, "FTALIAS_KO not set or not readable");
}

FIXTURE_TEARDOWN(pin)
{
	if (self->ko && access(MOD_DIR, F_OK))
		load_module(self->ko, "");
}

TEST_F(pin, rmmod_while_open)
{
	int af = dp_read_long(MOD_DIR "/parameters/family");
	int base, fd;

	ASSERT_GT(af, 0);
	ASSERT_EQ(0, wait_refcnt(0)) TH_LOG("module busy before the test: %d", refcnt());
	base = refcnt();
	fd = socket(af, SOCK_RDM, 0);
	ASSERT_GE(fd, 0);
	EXPECT_GT(refcnt(), base);
	EXPECT_EQ(-1, delete_module("ftalias", O_NONBLOCK));
	EXPECT_TRUE(errno == EWOULDBLOCK || errno == EBUSY)
		TH_LOG("delete_module: %s", strerror(errno));
	EXPECT_EQ(0, access(MOD_DIR, F_OK));
	/* still works */
	close(fd);
	fd = socket(af, SOCK_RDM, 0);
	EXPECT_GE(fd, 0);
	close(fd);

	ASSERT_EQ(0, wait_refcnt(base)) TH_LOG("refcnt %d after close", refcnt());
	ASSERT_EQ(0, delete_module("ftalias", O_NONBLOCK))
		TH_LOG("delete_module: %s", strerror(errno));
	EXPECT_NE(0, access(MOD_DIR, F_OK));
	ASSERT_EQ(0, load_module(self->ko, "")) TH_LOG("reload: %s", strerror(errno));
	fd = socket(af, SOCK_RDM, 0);
	EXPECT_GE(fd, 0);
	close(fd);
}

TEST_HARNESS_MAIN
