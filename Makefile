# SPDX-License-Identifier: GPL-2.0
#
# ftalias: out-of-tree module, CLI, selftests and the QEMU test harness.
#
#   make                 module (against KDIR, W=1), tools, selftests
#   make deps            install Debian packages, extract linux-source-6.12
#   make modules-all     module for the 6.1, 6.12 and debug kernels (.build/)
#   make debug-kernel    KASAN/lockdep/kmemleak kernel, cached in FTALIAS_CACHE
#   make vm KERNEL=6.1|6.12|debug CMD='...'
#   make check [KERNELS='6.1 6.12 debug'] [TESTS='module_load.sh ...']
#   make lint            checkpatch, sparse (C=2, 6.12 headers), regen diff,
#                        tools and selftests with -Werror
#   make regen           netlink code and doc from the YNL spec
#   make install         module (+ depmod), ftaliasctl (man page, bash
#                        completion), libftalias, the YNL spec
#   make dkms-install    module sources to /usr/src, built by DKMS
#   make demo            selftests/demo.sh in a 6.12 guest
#   make bench           selftests/ftalias_bench in a 6.12 guest
#                        [BENCH_ARGS='--duration 2000 --only ftalias,unix']
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

# Newest installed Debian headers of a series ("" if none).
deb_hdrs = $(lastword $(shell ls -1d /usr/src/linux-headers-$(1)*-amd64 2>/dev/null | sort -V))
HDR_6.1 := $(call deb_hdrs,6.1.)
HDR_6.12 := $(call deb_hdrs,6.12.)
HDR_NEWEST := $(call deb_hdrs,)

ifeq ($(origin KDIR),undefined)
KDIR := /lib/modules/$(shell uname -r)/build
ifeq ($(wildcard $(KDIR)/Makefile),)
KDIR := $(HDR_NEWEST)
ifeq ($(MAKELEVEL),0)
$(info note: no headers for the running kernel $(shell uname -r): KDIR=$(KDIR))
endif
endif
endif

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

# Build dir of the module for each test kernel.
kdir_of = $(if $(filter debug,$(1)),$(DEBUG_KDIR),$(HDR_$(1)))
krel_of = $(if $(filter debug,$(1)),$(shell cat $(DEBUG_KDIR)/include/config/kernel.release 2>/dev/null || echo debug),$(patsubst linux-headers-%,%,$(notdir $(HDR_$(1)))))
bdir_of = $(TOP)/.build/$(call krel_of,$(1))
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
KMOD_SRCS = $(filter-out %.mod.c,$(wildcard kmod/*.[ch]))
MOD_SRCS = Kbuild $(wildcard kmod/Kbuild) $(KMOD_SRCS) $(shell find include -type f 2>/dev/null)

.PHONY: all module tools tools-check selftests deps debug-kernel modules-all \
	$(addprefix module-,$(ALL_KERNELS)) vm check lint regen install \
	module-install tools-install dkms-install dkms-uninstall demo bench clean \
	_vm _check _lint _regen _demo _bench

all: module tools selftests

module:
	$(Q)$(MAKE) --no-print-directory -C $(KDIR) M=$(TOP) W=1 modules

tools:
	@if [ -f tools/Makefile ]; then $(MAKE) --no-print-directory -C tools; \
	else echo "  SKIP    tools: no tools/Makefile yet"; fi

# ftaliasctl's own checks (argument parsing, output), no kernel needed.
tools-check: tools
	@if [ -f tools/Makefile ]; then $(MAKE) --no-print-directory -C tools check; fi

selftests:
	$(Q)$(MAKE) --no-print-directory -C selftests KSRC=$(KSRC)

deps:
	@$(DEPS)

# The targets that need the packages or KSRC install them first, then run
# in a sub-make so that KSRC and the kernel lists are computed afresh.
define with-deps
	@$(DEPS) --check || $(DEPS)
	@$(MAKE) --no-print-directory _$@
endef

debug-kernel: $(DEBUG_STAMP)

# Built once per machine: the stamp has no prerequisites, a new fragment or
# source version gives a new DEBUG_KDIR.
$(DEBUG_STAMP):
	@$(DEPS) --check || $(DEPS)
	@$(VM)/build-debug-kernel.sh $(KSRC) $(DEBUG_KDIR) $(DEBUG_CONFIG) $(DEBUG_JOBS)

modules-all: $(addprefix module-,$(ALL_KERNELS))

module-debug: $(DEBUG_STAMP)

# module-6.1, module-6.12, module-debug
$(addprefix module-,$(ALL_KERNELS)): module-%:
	@test -n "$(call kdir_of,$*)" || { echo "no headers for kernel $* (make deps)"; exit 1; }
	@mkdir -p $(call bdir_of,$*)
	@for f in $(MOD_SRCS); do \
		d=$(call bdir_of,$*)/$$f; mkdir -p $${d%/*}; \
		cmp -s $$f $$d || cp -p $$f $$d; done
	@for f in $(call bdir_of,$*)/kmod/*.[ch]; do \
		case $$f in *.mod.c) continue;; esac; \
		[ -e "$$f" ] || continue; \
		[ -e "kmod/$${f##*/}" ] || rm -f "$$f"; done
	$(Q)$(MAKE) --no-print-directory -C $(call kdir_of,$*) M=$(call bdir_of,$*) W=1 modules

vm:
	$(with-deps)

_vm: module-$(KERNEL)
	$(call say,VM,$(KERNEL) $(subst ','\'',$(CMD)))
	@$(VM)/run-vm.sh $(KERNEL) $(call ko_of,$(KERNEL)) '$(subst ','\'',$(CMD))'

check:
	$(with-deps)

_check: $(addprefix module-,$(KERNELS)) tools-check selftests
	@$(VM)/check.sh "$(KERNELS)" "$(TESTS)" \
		$(foreach k,$(KERNELS),$(k)=$(call ko_of,$(k)))

demo:
	$(with-deps)

_demo: tools selftests
	@if [ -e selftests/demo.sh ]; then \
		$(MAKE) --no-print-directory _vm KERNEL=6.12 CMD=selftests/demo.sh; \
	else echo "  SKIP    demo: no selftests/demo.sh yet"; fi

# Round trip, throughput and failover time of ftalias next to AF_UNIX, UDP
# and TIPC, in one guest; it reports, it never fails on a figure.
BENCH_ARGS ?=

bench:
	$(with-deps)

_bench:
	$(Q)$(MAKE) --no-print-directory -C selftests KSRC=$(KSRC) ftalias_bench
	@$(MAKE) --no-print-directory _vm KERNEL=6.12 \
		CMD='selftests/ftalias_bench $(BENCH_ARGS)'

regen:
	$(with-deps)

_regen:
	$(call say,GEN,netlink code and doc from the YNL spec)
	$(Q)$(TOP)/scripts/ynl-regen.sh $(KSRC)

GENERATED := kmod/netlink-gen.c kmod/netlink-gen.h include/uapi/linux/ftalias_genl.h \
	Documentation/netlink/ftalias.rst
LINT_SRCS = $(filter-out kmod/netlink-gen.c kmod/netlink-gen.h kmod/compat-gen.h,$(KMOD_SRCS))
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
	@$(MAKE) --no-print-directory _regen
	$(call say,CHECK,generated files match the spec)
	$(Q)git diff --exit-code -- $(GENERATED)
	@$(MAKE) --no-print-directory -C tools warnings
	@$(MAKE) --no-print-directory -C selftests KSRC=$(KSRC) warnings

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
		$(DKMS_SRC)/kmod/.*.cmd $(DKMS_SRC)/kmod/modules.order
	dkms add -m ftalias -v $(DKMS_VER)
	dkms build -m ftalias -v $(DKMS_VER)
	dkms install -m ftalias -v $(DKMS_VER)

dkms-uninstall:
	dkms remove -m ftalias -v $(DKMS_VER) --all
	rm -rf $(DKMS_SRC)

module-install: module
	$(MAKE) -C $(KDIR) M=$(TOP) modules_install
	depmod -a $(if $(INSTALL_MOD_PATH),-b $(INSTALL_MOD_PATH)) $(shell cat $(KDIR)/include/config/kernel.release)

tools-install:
	@if [ -f tools/Makefile ]; then $(MAKE) --no-print-directory -C tools install; \
	else echo "  SKIP    tools install: no tools/Makefile yet"; fi

clean:
	-$(Q)$(MAKE) --no-print-directory -C $(KDIR) M=$(TOP) clean
	$(call say,CLEAN,.build)
	$(Q)rm -rf .build
	@if [ -f tools/Makefile ]; then $(MAKE) --no-print-directory -C tools clean; fi
	$(Q)$(MAKE) --no-print-directory -C selftests clean
