#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The KUnit tests of the module: the alias table (kmod/alias_test.c), the
# replay cache (kmod/replay_test.c) and the request table
# (kmod/request_test.c).  They are built into ftalias.ko when the kernel
# has KUnit built in (the debug kernel) and run each time the module
# loads: load it again and read the verdict from the kernel log.  Every
# suite must have run and passed.  Skips on kernels without KUnit.
source "$(dirname "$0")/lib/lib.sh"

require_root
require_module
require_cmd insmod rmmod
[[ -n ${FTALIAS_KO:-} && -r $FTALIAS_KO ]] || skip "FTALIAS_KO not set or unreadable"
# kunit.enable has no sysfs file: the harness boots the debug kernel, the
# only one with KUnit built in, with kunit.enable=1.
[[ ${FTALIAS_KERNEL:-} == debug ]] && grep -qw kunit.enable=1 /proc/cmdline ||
	skip "KUnit runs on the debug kernel booted with kunit.enable=1"
trap 'ensure_loaded || echo "# FAIL: could not load $FTALIAS_KO again"' EXIT

dmesg_mark
rmmod ftalias || die "rmmod ftalias"
insmod "$FTALIAS_KO" || die "insmod $FTALIAS_KO"
# The suite runs from the module notifier before insmod returns.
log=$(dmesg_since)
echo "$log" | grep -E '(ok|not ok) [0-9]+ ' | sed 's/^/# /'
# What a failing case expected, with the values it met.
echo "$log" | grep -A4 -E '(EXPECTATION|ASSERTION) FAILED' | sed 's/^/# /'
for suite in ftalias-alias ftalias-replay ftalias-request ftalias-log; do
	echo "$log" | grep -qE "^\[[ 0-9.]+\] *ok [0-9]+ $suite\$" ||
		fail "no passing $suite suite in the kernel log"
done
! echo "$log" | grep -qE 'not ok [0-9]+ ' ||
	fail "a KUnit case failed"
finish
