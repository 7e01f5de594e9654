# SPDX-License-Identifier: GPL-2.0
#
# The programs of tools/bench and tools/demo: not tests, but built like
# them, on the selftests' shared helpers (selftests/lib/dp_util.h: the data
# path and the family's commands on the generated netlink client,
# tools/ynl).  Their Makefile sets PROGS (and LIB_PROGS, those that link
# libftalias), then includes this file; the top-level Makefile builds them
# (make progs, make bench, make demo), with KSRC set.
#
#   make [-C tools/bench|tools/demo] KSRC=...   build PROGS
#   make warnings                               compile them with -Werror
#   make clean

KSRC ?= $(error KSRC is not set: run make deps at the top)

PROGDIR := $(patsubst %/,%,$(dir $(abspath $(firstword $(MAKEFILE_LIST)))))
TOPDIR := $(abspath $(PROGDIR)/../..)

include $(TOPDIR)/scripts/quiet.mk
rel = $(patsubst $(TOPDIR)/%,%,$(1))

WERROR ?= -Werror
CC ?= gcc
CFLAGS += -O2 -g -Wall -Wextra $(WERROR) -pthread \
	-I$(TOPDIR)/include/uapi -I$(TOPDIR)/include
LDLIBS += -pthread

all: $(PROGS)
	@:

# The generated netlink client and the kernel's YNL library under it.
YNL := $(TOPDIR)/tools/ynl
LIBYNL := $(YNL)/libynl.a
CFLAGS += -I$(KSRC)/tools/net/ynl/lib -I$(YNL)
LDLIBS += $(LIBYNL)

$(PROGS): %: %.c $(wildcard $(TOPDIR)/selftests/lib/*.h) $(LIBYNL)
	$(call say,CC,$(call rel,$(PROGDIR))/$@)
	$(Q)$(CC) $(CFLAGS) $(CPPFLAGS) $(LDFLAGS) -o $@ $< $(LDLIBS)

$(LIBYNL): FORCE
	$(Q)$(MAKE) --no-print-directory -C $(YNL) KSRC=$(KSRC)
FORCE:

# libftalias, which tools/Makefile builds.
LIBFTALIAS := $(TOPDIR)/tools/lib/libftalias.a
$(LIB_PROGS): CFLAGS += -I$(TOPDIR)/tools/lib
$(LIB_PROGS): LDLIBS += $(LIBFTALIAS)
$(LIB_PROGS): $(LIBFTALIAS)
$(LIBFTALIAS): $(TOPDIR)/tools/lib/libftalias.c $(TOPDIR)/tools/lib/libftalias.h \
		$(TOPDIR)/include/uapi/linux/ftalias.h
	$(Q)$(MAKE) --no-print-directory -C $(TOPDIR)/tools lib

# make lint: compiled again with -Werror, into nothing.
WARN_CHECKS := $(addsuffix .werror,$(PROGS))
warnings: $(WARN_CHECKS)
$(WARN_CHECKS): %.werror: %.c
	$(call say,WERROR,$(call rel,$(PROGDIR))/$*)
	$(Q)$(CC) $(CFLAGS) -Werror $(CPPFLAGS) -c -o /dev/null $<
$(LIB_PROGS:=.werror): CFLAGS += -I$(TOPDIR)/tools/lib

clean:
	$(call say,CLEAN,$(call rel,$(PROGDIR)))
	$(Q)rm -f $(PROGS)

.PHONY: all clean warnings FORCE $(WARN_CHECKS)
