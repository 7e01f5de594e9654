#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# PID 1 of the ftalias test guest, on the host's root (read-only 9p, tmpfs and
# overlays for the writable dirs).  Loads the module, runs the command written
# by run-vm.sh in $ftrun/cmd with its output on ttyS1 (the host's stdout), then
# (gcov kernel, VM_OUT) copies the gcov counters to the host, (debug kernel)
# scans for leaks, dumps the kernel log on ttyS0 and hands the command's exit
# code to QEMU through isa-debug-exit.
# Set by the kernel command line: ftrepo= ftrun= ftkernel=
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

# Guest codes: the command's exit code, clamped to 0..123, or 125 (insmod
# failed) or 126 (broken setup).  The host keeps 124, 126 and 127 for its
# own verdicts, and believes a verdict only next to the line printed here.
verdict() {
	local rc=$1

	((rc > 123 && rc != 125 && rc != 126)) && rc=123
	echo "# vm: verdict $rc"
	# Closing the serial line waits until its output has drained.
	exec >/dev/null 2>&1
	sync
	# QEMU exits with (rc << 1) | 1.
	printf "\\x$(printf %02x "$rc")" | dd of=/dev/port bs=1 seek=244 count=1 status=none
	echo o >/proc/sysrq-trigger 2>/dev/null
	sleep 5
}

out=/dev/ttyS1
stty -F "$out" raw -echo 2>/dev/null
exec </dev/null >"$out" 2>&1
log() { echo "# vm: $*"; }

mount -t debugfs debugfs /sys/kernel/debug
mount -t tracefs tracefs /sys/kernel/tracing 2>/dev/null
mkdir -p /dev/pts /dev/shm
mount -t devpts -o mode=0620,ptmxmode=0666 devpts /dev/pts
mount -t tmpfs -o mode=1777 tmpfs /dev/shm
ln -sf /proc/self/fd /dev/fd
ln -sf /proc/self/fd/0 /dev/stdin
ln -sf /proc/self/fd/1 /dev/stdout
ln -sf /proc/self/fd/2 /dev/stderr
hostname ftalias-vm
ip link set lo up

# The environment tests can rely on (see selftests/vm/README).
set -a
# shellcheck source=/dev/null
. "$ftrun/env" || { log "cannot read $ftrun/env"; verdict 126; }
set +a
if [[ ! -d $FTALIAS_SRC || ! -s $ftrun/cmd ]]; then
	log "repository or command not visible in the guest ($FTALIAS_SRC, $ftrun)"
	verdict 126
fi
# run-vm.sh's VM_OUT: the host dir shared writable as "ftout".
if [[ -n ${FTALIAS_OUT:-} ]]; then
	mkdir -p "$FTALIAS_OUT"
	if ! mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000 ftout "$FTALIAS_OUT"; then
		log "cannot mount the host's out dir on $FTALIAS_OUT"
		verdict 126
	fi
fi
# A Debian kernel's modules are in the cache beside its image (make deps
# unpacks them there, nothing installs them on the host): put them where
# modprobe looks, over whatever the host has there.
kmods=/lib/modules/$(uname -r)
if [[ -n ${FTALIAS_KMODS:-} ]]; then
	if ! mount -t tmpfs -o mode=0755 tmpfs /lib/modules ||
	   ! mkdir "$kmods" || ! mount --bind "$FTALIAS_KMODS" "$kmods"; then
		log "cannot mount $FTALIAS_KMODS on $kmods (no /lib/modules on the host?)"
		verdict 126
	fi
fi
export PATH=$FTALIAS_SRC/tools:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root TERM=dumb LANG=C.UTF-8

log "kernel $(uname -r) ($FTALIAS_KERNEL) up after $(cut -d' ' -f1 /proc/uptime) s of guest uptime"
if [[ $FTALIAS_KERNEL == debug ]]; then
	# Tests that use failslab must not flood the log with stack dumps.
	echo 0 >/sys/kernel/debug/failslab/verbose 2>/dev/null
fi

if [[ -w /sys/kernel/debug/kmemleak ]]; then
	# Forget whatever the boot itself looks like it leaked.
	echo scan >/sys/kernel/debug/kmemleak
	echo clear >/sys/kernel/debug/kmemleak
fi

rc=0
if [[ -n $FTALIAS_KO ]]; then
	if ! insmod "$FTALIAS_KO"; then
		log "insmod $FTALIAS_KO failed"
		rc=125
	fi
fi
if ((rc == 0)); then
	log "running: $(cat "$ftrun/cmd")"
	cd "$FTALIAS_SRC" || verdict 126
	bash -c "$(cat "$ftrun/cmd")"
	rc=$?
	cd /
	log "command exited with $rc"
fi

# make coverage: the counters of everything built with gcov (the module
# alone), under their build path.  gcov-kernel keeps the counters of an
# unloaded module and adds those of each load to them (gcov_persist=1), so
# the tests' rmmod/insmod lose nothing.  debugfs files have no size: cat.
if [[ -n ${FTALIAS_OUT:-} && -d /sys/kernel/debug/gcov ]]; then
	n=0
	while IFS= read -r -d '' f; do
		mkdir -p "$FTALIAS_OUT/gcov/${f%/*}"
		cat "/sys/kernel/debug/gcov/$f" >"$FTALIAS_OUT/gcov/$f" && n=$((n + 1))
	done < <(cd /sys/kernel/debug/gcov && find . -name '*.gcda' -type f -print0)
	log "gcov: $n counter files copied to the host"
fi

{
	if [[ -w /sys/kernel/debug/kmemleak ]]; then
		echo "ftalias-vm: kmemleak scan"
		echo scan >/sys/kernel/debug/kmemleak
		sleep 5
		echo scan >/sys/kernel/debug/kmemleak
		cat /sys/kernel/debug/kmemleak
	fi
	echo "ftalias-vm: ===== dmesg ====="
	dmesg
	echo "ftalias-vm: ===== end of dmesg ====="
} >/dev/ttyS0 2>&1

verdict "$rc"
