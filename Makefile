# SPDX-License-Identifier: GPL-2.0
#
# ftalias: out-of-tree module, CLI, selftests and the QEMU test harness.
#
#   make                 module (against KDIR, W=1), tools, selftests, progs
#   make progs           the benchmark and the demo programs (tools/bench,
#                        tools/demo: not tests)
#   make deps            install Debian packages, extract linux-source-6.12,
#                        unpack the Debian test kernels into FTALIAS_CACHE
#   make modules-all     module for the 6.1, 6.12 and debug kernels (.build/)
#   make debug-kernel    KASAN/lockdep/kmemleak kernel, cached in FTALIAS_CACHE
#   make vm KERNEL=6.1|6.12|debug|gcov CMD='...' [VM_OUT=dir]
#   make check [KERNELS='6.1 6.12 debug'] [TESTS='life_load.sh ...']
#   make coverage [TESTS='nl_api ...']
#                        the suite (default: all of it) on the gcov kernel with
#                        the module built for gcov; prints line and function
#                        coverage of kmod/ per file and every line never run
#                        (.build/coverage/report.txt); not part of make check
#   make gcov-kernel     the debug kernel plus CONFIG_GCOV_KERNEL, cached too
#   make lint            checkpatch, sparse (C=2, 6.12 headers), regen diff,
#                        tools and selftests with -Werror
#   make regen           netlink code (module, UAPI header, the C client
#                        tools/ynl/ftalias-user.[ch], ftaliasctl's tables
#                        tools/ctl/spec-gen.[ch]) and doc from the YNL spec
#   make install         module (+ depmod), ftaliasctl (man page, bash
#                        completion), libftalias, the YNL spec
#   make dkms-install    module sources to /usr/src, built by DKMS
#   make demo            tools/demo/demo.sh in a 6.12 guest
#   make bench           tools/bench/ftalias_bench in a 6.12 guest
#                        [BENCH_ARGS='--duration 2000 --only ftalias,unix']
#                        [BENCH_KERNEL=6.1]
#   make bench-profile   where the CPU of a pinned round trip goes (perf)
#   make bench-ab BASE=rev  the module of rev and the tree's side by side
#                        [AB_RUNS=3 AB_KERNEL=6.1 BENCH_ARGS=...]
#   make fresh-test      make demo and make check in a fresh Debian 12 root
#                        [FRESH_ROOT=/var/tmp/ftalias-fresh FRESH_TESTS=nl_api FRESH_CI=1]
#   make clean
#
# Output is kbuild's: one short line per step ("  CC      selftests/nl_api");
# V=1 prints the commands (and the guest's whole kernel log).
#
# Kernel builds write into the source dir, so per-kernel module builds copy
# the sources into .build/<kernel release>/ first.  Caches that outlive a
# checkout (kernel source, debug kernel, guest images) live in FTALIAS_CACHE.

FTALIAS_CACHE ?= /var/cache/ftalias
export FTALIAS_CACHE

TOP := $(CURDIR)
include $(TOP)/scripts/quiet.mk
VM := $(TOP)/selftests/vm
DEPS := $(VM)/deps.sh

# Newest headers of a test kernel series ("" if none): Debian's, unpacked
# by make deps into $(FTALIAS_CACHE)/kernels/<release>/ beside the image.
deb_hdrs = $(lastword $(shell ls -1d $(FTALIAS_CACHE)/kernels/$(1)*-amd64/usr/src/linux-headers-$(1)*-amd64 2>/dev/null | sort -V))
HDR_6.1 := $(call deb_hdrs,6.1.)
HDR_6.12 := $(call deb_hdrs,6.12.)
# Newest Debian headers, installed in /usr/src or unpacked in the cache.
HDR_NEWEST := $(lastword $(shell ls -1d /usr/src/linux-headers-*-amd64 \
	$(FTALIAS_CACHE)/kernels/*-amd64/usr/src/linux-headers-*-amd64 2>/dev/null | \
	awk -F/ '{ print $$NF, $$0 }' | sort -V | cut -d' ' -f2))

ifeq ($(origin KDIR),undefined)
KDIR := /lib/modules/$(shell uname -r)/build
ifeq ($(wildcard $(KDIR)/Makefile),)
KDIR := $(HDR_NEWEST)
ifeq ($(MAKELEVEL),0)
$(info note: no headers for the running kernel $(shell uname -r): KDIR=$(KDIR))
endif
endif
endif

# A KSRC or DEBUG_KDIR from the command line or the environment is the
# user's and is kept everywhere; otherwise each make computes its own.
user_var = $(filter command line environment environment override,$(origin $(1)))

# linux-source-6.12, extracted by make deps, keyed by the package version.
SRCVER := $(subst ~,_,$(subst :,_,$(shell dpkg-query -W -f='$${Version}' linux-source-6.12 2>/dev/null)))
KSRC ?= $(FTALIAS_CACHE)/linux-source-$(SRCVER)
export KSRC

# The debug kernel, keyed by source version and config fragment.
DEBUG_CONFIG := $(VM)/debug.config
DEBUG_HASH := $(shell sha256sum $(DEBUG_CONFIG) | cut -c1-12)
DEBUG_KDIR ?= $(FTALIAS_CACHE)/debug-kernel/$(SRCVER)-$(DEBUG_HASH)
DEBUG_STAMP := $(DEBUG_KDIR)/.ftalias-built
DEBUG_JOBS ?= $(shell echo $$(( $$(nproc) + 1 )))
export DEBUG_KDIR

# The gcov kernel of make coverage: debug.config with its own
# CONFIG_LOCALVERSION, then gcov.config; keyed by that whole fragment.
GCOV_CONFIG := $(VM)/gcov.config
gcov_fragment = { sed 's/^CONFIG_LOCALVERSION=.*/CONFIG_LOCALVERSION="-ftalias-gcov"/' \
	$(DEBUG_CONFIG); cat $(GCOV_CONFIG); }
GCOV_HASH := $(shell $(gcov_fragment) | sha256sum | cut -c1-12)
GCOV_KDIR ?= $(FTALIAS_CACHE)/gcov-kernel/$(SRCVER)-$(GCOV_HASH)
GCOV_STAMP := $(GCOV_KDIR)/.ftalias-built
export GCOV_KDIR

# Computed here, from what dpkg and /usr/src held when this make started
# (nothing, on a machine that make deps has not set up yet); KDIR and HDR_*
# are not exported, so a sub-make computes them afresh anyway.
AUTO_VARS := $(foreach v,KSRC DEBUG_KDIR GCOV_KDIR,$(if $(call user_var,$(v)),,$(v)))

# Build dir of the module for each test kernel (and for the gcov kernel).
KDIR_debug = $(DEBUG_KDIR)
KDIR_gcov = $(GCOV_KDIR)
kdir_of = $(if $(filter debug gcov,$(1)),$(KDIR_$(1)),$(HDR_$(1)))
krel_of = $(if $(filter debug gcov,$(1)),$(shell cat $(KDIR_$(1))/include/config/kernel.release 2>/dev/null || echo $(1)),$(patsubst linux-headers-%,%,$(notdir $(HDR_$(1)))))
# The debug kernel's module in a fixed dir: make check names it before that
# kernel is built (beside the other kernels' lanes).
bdir_of = $(TOP)/.build/$(if $(filter debug,$(1)),debug,$(call krel_of,$(1)))
ko_of = $(call bdir_of,$(1))/kmod/ftalias.ko

ALL_KERNELS := 6.1 6.12 debug
KERNELS ?= $(ALL_KERNELS)
TESTS ?=
ifeq ($(origin KERNEL),undefined)
KERNEL := $(if $(wildcard $(DEBUG_STAMP)),debug,6.12)
endif
CMD ?= selftests/run_tests.sh

# Sources copied into a per-kernel build dir (not the *.mod.c that an
# in-tree build of another kernel leaves in kmod/).
KMOD_SRCS = $(filter-out %.mod.c,$(wildcard kmod/*.[ch] kmod/generated/*.[ch]))
MOD_SRCS = Kbuild $(wildcard kmod/Kbuild) $(KMOD_SRCS) $(shell find include -type f 2>/dev/null)

.PHONY: all module tools tools-check selftests progs deps debug-kernel modules-all \
	$(addprefix module-,$(ALL_KERNELS)) vm check lint regen install \
	module-install tools-install dkms-install dkms-uninstall demo bench \
	bench-profile bench-ab clean \
	install-check fresh-test coverage gcov-kernel module-gcov \
	_vm _check _lint _regen _demo _bench _bench-profile _bench-ab \
	_debug-kernel _coverage _gcov-kernel

all: module tools selftests progs

module:
	$(Q)$(MAKE) --no-print-directory -C $(KDIR) M=$(TOP) W=1 modules

tools:
	@if [ -f tools/Makefile ]; then $(MAKE) --no-print-directory -C tools; \
	else echo "  SKIP    tools: no tools/Makefile yet"; fi

# ftaliasctl's own checks (argument parsing, output), no kernel needed.
tools-check: tools
	@if [ -f tools/Makefile ]; then $(MAKE) --no-print-directory -C tools check; fi

# make install DESTDIR=<empty dir> writes nothing outside it; on the host,
# no guest (after tools: two makes must not build them at once).
install-check: tools
	@$(TOP)/scripts/install-check.sh

selftests:
	$(Q)$(MAKE) --no-print-directory -C selftests KSRC=$(KSRC)

# Not tests: the benchmark and the demo programs, on the selftests' shared
# helpers (selftests/lib/dp_util.h) and tools/ (tools/progs.mk).  After
# selftests and tools: two makes must not build libynl or libftalias at
# once.
PROGS_DIRS := tools/bench tools/demo

progs: selftests tools
	$(Q)for d in $(PROGS_DIRS); do \
		$(MAKE) --no-print-directory -C $$d KSRC=$(KSRC) || exit; done

deps:
	@$(DEPS)

# The targets that need the packages or KSRC install them first, then run
# in a sub-make so that KSRC, DEBUG_KDIR and the kernel lists are computed
# afresh: the values computed here (AUTO_VARS) are not handed down, the
# user's are.
define with-deps
	@$(DEPS) --check || $(DEPS)
	@$(if $(AUTO_VARS),env $(addprefix -u ,$(AUTO_VARS))) $(MAKE) --no-print-directory _$@
endef

debug-kernel:
	$(with-deps)

_debug-kernel: $(DEBUG_STAMP)

# Built once per machine: the stamp has no prerequisites, a new fragment or
# source version gives a new DEBUG_KDIR.
$(DEBUG_STAMP):
	@$(DEPS) --check || $(DEPS)
	@test -f $(KSRC)/Makefile || { echo "no kernel source in KSRC=$(KSRC): make debug-kernel installs it"; exit 1; }
	@$(VM)/build-debug-kernel.sh $(KSRC) $(DEBUG_KDIR) $(DEBUG_CONFIG) $(DEBUG_JOBS)

gcov-kernel:
	$(with-deps)

_gcov-kernel: $(GCOV_STAMP)

GCOV_FRAGMENT = $(TOP)/.build/gcov-kernel.config

$(GCOV_STAMP):
	@$(DEPS) --check || $(DEPS)
	@test -f $(KSRC)/Makefile || { echo "no kernel source in KSRC=$(KSRC): make gcov-kernel installs it"; exit 1; }
	@mkdir -p $(dir $(GCOV_FRAGMENT)) && $(gcov_fragment) >$(GCOV_FRAGMENT)
	@$(VM)/build-debug-kernel.sh $(KSRC) $(GCOV_KDIR) $(GCOV_FRAGMENT) $(DEBUG_JOBS)

modules-all: $(addprefix module-,$(ALL_KERNELS))

module-debug: $(DEBUG_STAMP)

module-gcov: $(GCOV_STAMP)

# module-6.1, module-6.12, module-debug; module-gcov (FTALIAS_GCOV=1:
# kmod/Kbuild turns gcov on), not in modules-all.
$(addprefix module-,$(ALL_KERNELS) gcov): module-%:
	@test -n "$(call kdir_of,$*)" || { echo "no headers for kernel $* (make deps)"; exit 1; }
	@mkdir -p $(call bdir_of,$*)
	@# A changed file gets a new time: newer than any object of the old.
	@for f in $(MOD_SRCS); do \
		d=$(call bdir_of,$*)/$$f; mkdir -p $${d%/*}; \
		cmp -s $$f $$d || cp $$f $$d; done
	@for f in $(call bdir_of,$*)/kmod/*.[ch] $(call bdir_of,$*)/kmod/generated/*.[ch]; do \
		case $$f in *.mod.c) continue;; esac; \
		[ -e "$$f" ] || continue; \
		[ -e "kmod/$${f#$(call bdir_of,$*)/kmod/}" ] || rm -f "$$f"; done
	$(Q)$(MAKE) --no-print-directory -C $(call kdir_of,$*) M=$(call bdir_of,$*) W=1 \
		$(if $(filter gcov,$*),FTALIAS_GCOV=1) modules

vm:
	$(with-deps)

_vm: module-$(KERNEL)
	$(call say,VM,$(KERNEL) $(subst ','\'',$(CMD)))
	@$(VM)/run-vm.sh $(KERNEL) $(call ko_of,$(KERNEL)) '$(subst ','\'',$(CMD))'

check:
	$(with-deps)

# The debug kernel and its module build in check.sh, beside the other
# lanes (CHECK_BUILD_DEBUG); the debug lanes boot once they are built.
_check: $(addprefix module-,$(filter-out debug,$(KERNELS))) tools-check install-check selftests
	@$(if $(filter debug,$(KERNELS)),CHECK_BUILD_DEBUG='$(MAKE) --no-print-directory module-debug') \
		$(VM)/check.sh "$(KERNELS)" "$(TESTS)" \
		$(foreach k,$(KERNELS),$(k)=$(call ko_of,$(k)))

# make coverage: the suite in one guest of the gcov kernel (the debug
# lane's budgets, and the client tests the debug lanes skip: about as
# long), the guest's counters to .build/coverage/,
# then the report, even when a test failed (make fails then, after it).
COV_OUT = $(TOP)/.build/coverage

coverage:
	$(with-deps)

_coverage: module-gcov tools selftests
	@rm -rf $(COV_OUT) && mkdir -p $(COV_OUT)/gcda
	@{ VM_OUT=$(COV_OUT)/gcda FTALIAS_CLI_DEBUG=1 $(VM)/check.sh gcov "$(TESTS)" gcov=$(call ko_of,gcov); \
		echo $$? >$(COV_OUT)/check.rc; } 2>&1 | tee $(COV_OUT)/check.log
	$(call say,COV,$(call bdir_of,gcov)/kmod)
	@$(VM)/coverage.py --build $(call bdir_of,gcov) --gcda $(COV_OUT)/gcda/gcov \
		--out $(COV_OUT) --kdir $(GCOV_KDIR) && exit $$(cat $(COV_OUT)/check.rc)

demo:
	$(with-deps)

_demo: tools selftests
	$(Q)$(MAKE) --no-print-directory -C tools/demo KSRC=$(KSRC)
	@$(MAKE) --no-print-directory _vm KERNEL=6.12 CMD=tools/demo/demo.sh

# Round trip, throughput and failover time of ftalias next to AF_UNIX, UDP
# and TIPC, in one guest, and the issue-18 targets; it reports, it never
# fails on a figure.  bench-profile: where the CPU of a pinned round trip
# goes (perf record in the guest), ftalias next to AF_UNIX.
BENCH_ARGS ?=
BENCH_KERNEL ?= 6.12

bench bench-profile:
	$(with-deps)

_bench:
	$(Q)$(MAKE) --no-print-directory -C tools/bench KSRC=$(KSRC)
	@$(MAKE) --no-print-directory _vm KERNEL=$(BENCH_KERNEL) \
		CMD='tools/bench/ftalias_bench $(BENCH_ARGS)'

_bench-profile:
	$(Q)$(MAKE) --no-print-directory -C tools/bench KSRC=$(KSRC)
	@$(MAKE) --no-print-directory _vm KERNEL=$(BENCH_KERNEL) \
		CMD='tools/bench/ftalias_bench --only profile $(BENCH_ARGS)'

# Two builds of the module side by side in one guest: the module of git
# revision BASE (built in .build/ab-base) against the tree's, each loaded in
# turn, AB_RUNS runs each (tools/bench/ab.sh).  AB_KERNEL: 6.12 or 6.1.
BASE ?=
AB_RUNS ?= 3
AB_KERNEL ?= $(BENCH_KERNEL)

bench-ab:
	$(with-deps)

_bench-ab: progs module-$(AB_KERNEL)
	@test -n "$(BASE)" || { echo "usage: make bench-ab BASE=<git revision>" >&2; exit 2; }
	$(call say,AB,module of $(BASE) for $(AB_KERNEL))
	$(Q)rm -rf .build/ab-base && mkdir -p .build/ab-base && \
		git archive --format=tar "$(BASE)" | tar -x -C .build/ab-base
	$(Q)$(MAKE) --no-print-directory -C .build/ab-base KSRC=$(KSRC) \
		module-$(AB_KERNEL) >.build/ab-base.log 2>&1 || \
		{ cat .build/ab-base.log; exit 1; }
	@$(MAKE) --no-print-directory _vm KERNEL=$(AB_KERNEL) \
		CMD='tools/bench/ab.sh $(patsubst $(TOP)/%,.build/ab-base/%,$(call ko_of,$(AB_KERNEL))) $(call ko_of,$(AB_KERNEL)) $(AB_RUNS) $(BENCH_ARGS)'

# The README's two commands in a minimal Debian 12 root (debootstrap), as
# on a machine with nothing installed; not part of make check (an hour).
fresh-test:
	@$(VM)/fresh-test.sh

regen:
	$(with-deps)

_regen:
	$(call say,GEN,netlink code and doc from the YNL spec)
	$(Q)$(TOP)/scripts/ynl-regen.sh $(KSRC)

GENERATED := kmod/generated/netlink-gen.c kmod/generated/netlink-gen.h \
	include/uapi/linux/ftalias_genl.h \
	tools/ynl/ftalias-user.c tools/ynl/ftalias-user.h \
	Documentation/netlink/ftalias.rst
GENERATED += tools/ctl/spec-gen.c tools/ctl/spec-gen.h
LINT_SRCS = $(filter-out kmod/generated/%,$(KMOD_SRCS))
LINT_BDIR = $(TOP)/.build/lint-$(call krel_of,6.12)

lint:
	$(with-deps)

_lint:
	$(call say,CHECK,checkpatch --strict kmod/)
	$(Q)perl $(KSRC)/scripts/checkpatch.pl --no-tree --strict --terse -f $(LINT_SRCS)
	@rm -rf $(LINT_BDIR) && mkdir -p $(LINT_BDIR)
	@cp -p --parents $(MOD_SRCS) $(LINT_BDIR)/
	@echo "  SPARSE  C=2 W=1 against $(HDR_6.12)"
	@$(MAKE) -C $(HDR_6.12) M=$(LINT_BDIR) C=2 W=1 modules > $(LINT_BDIR)/lint.log 2>&1 || \
		{ cat $(LINT_BDIR)/lint.log; exit 1; }
	@if grep -E '(warning|error):' $(LINT_BDIR)/lint.log; then \
		echo "sparse/W=1 reported the above"; exit 1; fi
	@# 6.1: the compat shims.  Its nla_policy.range is not const yet, the
	@# generated ranges are (kmod/Kbuild): that warning alone is expected.
	@echo "  SPARSE  C=2 W=1 against $(HDR_6.1) (the compat shims)"
	@rm -rf $(LINT_BDIR)-6.1 && mkdir -p $(LINT_BDIR)-6.1
	@cp -p --parents $(MOD_SRCS) $(LINT_BDIR)-6.1/
	@$(MAKE) -C $(HDR_6.1) M=$(LINT_BDIR)-6.1 C=2 W=1 modules > $(LINT_BDIR)-6.1/lint.log 2>&1 || \
		{ cat $(LINT_BDIR)-6.1/lint.log; exit 1; }
	@if grep -E '(warning|error):' $(LINT_BDIR)-6.1/lint.log | \
		grep -v 'generated/netlink-gen.c:[0-9:]* warning: incorrect type in initializer (different modifiers)'; then \
		echo "sparse/W=1 reported the above"; exit 1; fi
	@if [ -e $(DEBUG_STAMP) ]; then \
		echo "  SPARSE  C=2 W=1 against the debug kernel (with the KUnit tests)"; \
		rm -rf $(LINT_BDIR)-debug && mkdir -p $(LINT_BDIR)-debug && \
		cp -p --parents $(MOD_SRCS) $(LINT_BDIR)-debug/ && \
		{ $(MAKE) -C $(DEBUG_KDIR) M=$(LINT_BDIR)-debug C=2 W=1 modules \
			> $(LINT_BDIR)-debug/lint.log 2>&1 || \
			{ cat $(LINT_BDIR)-debug/lint.log; exit 1; }; } && \
		if grep -E '(warning|error):' $(LINT_BDIR)-debug/lint.log; then \
			echo "sparse/W=1 reported the above"; exit 1; fi; \
	else \
		echo "  SKIP    sparse against the debug kernel: not built (make debug-kernel)"; \
	fi
	@$(MAKE) --no-print-directory _regen
	$(call say,CHECK,generated files match the spec)
	$(Q)git diff --exit-code -- $(GENERATED)
	@$(MAKE) --no-print-directory -C tools warnings
	@$(MAKE) --no-print-directory -C tools/ynl KSRC=$(KSRC) warnings
	@$(MAKE) --no-print-directory -C selftests KSRC=$(KSRC) warnings
	@for d in $(PROGS_DIRS); do \
		$(MAKE) --no-print-directory -C $$d KSRC=$(KSRC) warnings || exit; done

install: module-install tools-install

# DKMS (apt-get install dkms): the module sources under /usr/src, built and
# installed for every kernel with headers, and again for each new kernel.
DKMS_VER := $(shell sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' dkms.conf)
DKMS_SRC := $(DESTDIR)/usr/src/ftalias-$(DKMS_VER)

dkms-install:
	rm -rf $(DKMS_SRC)
	mkdir -p $(DKMS_SRC)
	cp -pr dkms.conf Kbuild kmod include $(DKMS_SRC)/
	rm -f $(DKMS_SRC)/kmod/*.o $(DKMS_SRC)/kmod/*.ko $(DKMS_SRC)/kmod/*.mod* \
		$(DKMS_SRC)/kmod/.*.cmd $(DKMS_SRC)/kmod/modules.order \
		$(DKMS_SRC)/kmod/generated/*.o $(DKMS_SRC)/kmod/generated/.*.cmd
	dkms add -m ftalias -v $(DKMS_VER)
	dkms build -m ftalias -v $(DKMS_VER)
	dkms install -m ftalias -v $(DKMS_VER)

dkms-uninstall:
	dkms remove -m ftalias -v $(DKMS_VER) --all
	rm -rf $(DKMS_SRC)

# A staged install (DESTDIR, or INSTALL_MOD_PATH for the module alone)
# stays inside its root.  Debian's headers have no System.map, so the
# kernel's modules_install skips depmod: it runs here, on the live system,
# or in the staged root if that holds the kernel's own modules (an image
# being built); a package runs it on its target.
INSTALL_MOD_PATH ?= $(DESTDIR)
MOD_ROOT = $(abspath $(INSTALL_MOD_PATH))
KREL = $(shell cat $(KDIR)/include/config/kernel.release)

module-install: module
	$(MAKE) -C $(KDIR) M=$(TOP) INSTALL_MOD_PATH=$(MOD_ROOT) modules_install
	@if [ -z "$(MOD_ROOT)" ]; then \
		echo "depmod -a $(KREL)"; depmod -a $(KREL); \
	elif [ -e "$(MOD_ROOT)/lib/modules/$(KREL)/modules.builtin" ]; then \
		echo "depmod -a -b $(MOD_ROOT) $(KREL)"; depmod -a -b "$(MOD_ROOT)" $(KREL); \
	else \
		echo "  SKIP    depmod: $(MOD_ROOT) has no modules of $(KREL) (run depmod on the target)"; \
	fi

tools-install:
	@if [ -f tools/Makefile ]; then $(MAKE) --no-print-directory -C tools install; \
	else echo "  SKIP    tools install: no tools/Makefile yet"; fi

clean:
	-$(Q)$(MAKE) --no-print-directory -C $(KDIR) M=$(TOP) clean
	$(call say,CLEAN,.build)
	$(Q)rm -rf .build
	@if [ -f tools/Makefile ]; then $(MAKE) --no-print-directory -C tools clean; fi
	$(Q)$(MAKE) --no-print-directory -C selftests clean
	$(Q)for d in $(PROGS_DIRS); do $(MAKE) --no-print-directory -C $$d clean; done
