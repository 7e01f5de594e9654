#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Boot a QEMU (TCG) guest on one of the test kernels with the host's root
# shared read-only over virtio-9p, insmod the ftalias module built for that
# kernel and run a command inside.  Modelled on the kernel's
# tools/testing/selftests/wireguard/qemu harness.
#
#   run-vm.sh KERNEL KO CMD
#     KERNEL  6.1 | 6.12 | debug | gcov (the debug kernel with gcov-kernel,
#             for make coverage; its tests see FTALIAS_KERNEL=debug)
#     KO      module to insmod (copied into the run dir; "" for none)
#     CMD     shell command run by bash in the repository root
#
# Environment: KSRC (required), FTALIAS_CACHE, DEBUG_KDIR and GCOV_KDIR
# (debug and gcov kernel build dirs), VM_TIMEOUT (seconds, whole guest),
# VM_STATUS (file to write the verdict to), VM_OUT (a host dir the guest
# may write, as $FTALIAS_OUT; after the command the guest copies the gcov
# counters of /sys/kernel/debug/gcov into its gcov/, if the kernel has
# them), V=1 (print the whole kernel log).  The run dir keeps
# console.log (kernel) and output.log (CMD) when the run fails.
# Exit code: CMD's exit code (clamped to 0..123); 124 on timeout; 125 insmod
# failed; 126 guest died or gave no verdict (or setup broken); 127 kernel log
# shows a report although CMD passed.
set -euo pipefail

kernel=$1 ko=$2 cmd=$3
top=$(cd "$(dirname "$0")/../.." && pwd)
here=$top/selftests/vm
cache=$(realpath -m "${FTALIAS_CACHE:-/var/cache/ftalias}")
: "${KSRC:?KSRC must point to the kernel source tree (make deps)}"

say() { echo "# vm: $*"; }

# The guest mounts tmpfs on these: what lives there on the host (the run
# dir under the cache, the kernel tree) would be invisible to it.
for d in "$cache" "$(realpath -m "$KSRC")"; do
	case $d/ in
	/tmp/* | /var/tmp/* | /root/* | /run/*)
		echo "run-vm.sh: $d is hidden from the guest (tmpfs); use another FTALIAS_CACHE" >&2
		exit 126
		;;
	esac
done

newest_kver() {	# newest Debian kernel of a series (e.g. 6.1) in the cache
	local v s

	v=$(for s in "$cache/kernels/$1".*/.ftalias-unpacked; do
		[[ -e $s ]] && basename "${s%/*}"
	done | sort -V | tail -n1)
	[[ -n $v ]] || { echo "run-vm.sh: no Debian $1 kernel in $cache/kernels (make deps)" >&2; return 1; }
	echo "$v"
}

# --- kernel image and initramfs, cached per kernel release ----------------
mods=() kmods=
case $kernel in
6.1 | 6.12)
	kver=$(newest_kver "$kernel") || exit 126
	kroot=$cache/kernels/$kver
	kdir=$cache/vm/$kver
	mkdir -p "$kdir"
	vmlinuz=$kroot/boot/vmlinuz-$kver
	if [[ ! -s $kdir/vmlinux || $vmlinuz -nt $kdir/vmlinux ]]; then
		# PVH boot of the ELF image saves the decompressor (~4 s under
		# TCG); a file of its own: guests of one kernel may boot at once.
		tmp=$(mktemp "$kdir/vmlinux.XXXXXX")
		"$KSRC/scripts/extract-vmlinux" "$vmlinuz" >"$tmp"
		mv -f "$tmp" "$kdir/vmlinux"
	fi
	vmlinux=$kdir/vmlinux
	for m in virtio_pci 9pnet_virtio 9p overlay; do
		mapfile -t -O "${#mods[@]}" mods < <(modprobe -d "$kroot" -S "$kver" --show-depends "$m" |
			awk '$1 == "insmod" { print $2 }')
	done
	# The guest's modprobe finds them on /lib/modules/$kver (guest-init.sh).
	kmods=$kroot/lib/modules/$kver
	mem=2G
	;;
debug | gcov)
	if [[ $kernel == debug ]]; then
		kbuild=${DEBUG_KDIR:?DEBUG_KDIR must point to the debug kernel build (make debug-kernel)}
	else
		kbuild=${GCOV_KDIR:?GCOV_KDIR must point to the gcov kernel build (make gcov-kernel)}
	fi
	kver=$(cat "$kbuild/include/config/kernel.release")
	kdir=$cache/vm/$kver
	mkdir -p "$kdir"
	vmlinux=$kbuild/vmlinux
	mem=3G
	;;
*)
	echo "unknown KERNEL=$kernel (6.1, 6.12, debug or gcov)" >&2
	exit 2
	;;
esac

initrd=$kdir/initramfs.cpio.gz
if [[ ! -s $initrd || $here/initramfs-init -nt $initrd || $0 -nt $initrd ]]; then
	stage=$(mktemp -d)
	mkdir -p "$stage"/{bin,lib/modules,proc,sys,dev,newroot}
	cp /bin/busybox "$stage/bin/busybox"
	cp "$here/initramfs-init" "$stage/init"
	: >"$stage/modules.list"
	declare -A seen=()
	for m in "${mods[@]}"; do
		[[ -n ${seen[$m]:-} ]] && continue
		seen[$m]=1
		b=$(basename "$m")
		case $b in
		*.ko.xz) xz -dc "$m" >"$stage/lib/modules/${b%.xz}"; b=${b%.xz} ;;
		*.ko.zst) zstd -qdc "$m" >"$stage/lib/modules/${b%.zst}"; b=${b%.zst} ;;
		*) cp "$m" "$stage/lib/modules/$b" ;;
		esac
		echo "$b" >>"$stage/modules.list"
	done
	# make check's debug guests boot at once: each writes its own file,
	# and the last rename wins (the same content)
	tmp=$(mktemp "$initrd.XXXXXX")
	(cd "$stage" && find . | cpio -o -H newc --quiet | gzip -1) >"$tmp"
	mv -f "$tmp" "$initrd"
	rm -rf "$stage"
fi

# --- per-run directory, visible read-only inside the guest ----------------
run=$(mkdir -p "$cache/vm-runs" && mktemp -d "$cache/vm-runs/$kernel.XXXXXX")
printf '%s\n' "$cmd" >"$run/cmd"
guest_ko=
if [[ -n $ko ]]; then
	[[ -f $ko ]] || { echo "module $ko not found" >&2; exit 2; }
	cp "$ko" "$run/ftalias.ko"
	guest_ko=$run/ftalias.ko
fi
# The gcov kernel is the debug kernel plus gcov-kernel: the tests take it
# for the debug kernel (budgets, KUnit, kmemleak), so that make coverage
# measures what the debug lane of make check runs.
guest_kernel=$kernel
[[ $kernel == gcov ]] && guest_kernel=debug
cat >"$run/env" <<EOT
FTALIAS_SRC=$top
FTALIAS_KO=$guest_ko
FTALIAS_KERNEL=$guest_kernel
KSRC=$KSRC
FTALIAS_KMODS=$kmods
EOT
# A second 9p share, writable, mounted by guest-init.sh on $FTALIAS_OUT.
out_share=()
if [[ -n ${VM_OUT:-} ]]; then
	[[ -d $VM_OUT && -w $VM_OUT ]] || { echo "VM_OUT=$VM_OUT is not a writable directory" >&2; exit 2; }
	out_share=(-fsdev "local,id=ftout,path=$(realpath "$VM_OUT"),security_model=none"
		-device "virtio-9p-pci,fsdev=ftout,mount_tag=ftout")
	echo "FTALIAS_OUT=/run/ftalias-out" >>"$run/env"
fi
# The tests' budget and seed knobs (Documentation/testing.rst) reach the
# guest: FTALIAS_FUZZ_*, FTALIAS_SOAK_*, FTALIAS_RACES_*, FTALIAS_FAULTS_*,
# FTALIAS_CLI_* and run_tests.sh's kselftest_override_timeout.
while IFS='=' read -r name _; do
	[[ $name =~ ^FTALIAS_(FUZZ|SOAK|RACES|FAULTS|CLI)_[A-Z0-9_]+$ ||
	   $name == kselftest_override_timeout ]] || continue
	printf '%s=%q\n' "$name" "${!name}" >>"$run/env"
done < <(env)

append="console=ttyS0 oops=panic panic=-1 slab_nomerge ftrepo=$top ftrun=$run"
# Above the 900 s one test may take, and above make check's 6.1 and 6.12
# lanes (~1350 s under TCG with the cluster tests), which run beside the
# longer debug lanes.
timeout=${VM_TIMEOUT:-2400}
if [[ $kernel == debug || $kernel == gcov ]]; then
	append+=" panic_on_warn=1 kmemleak=on hung_task_timeout_secs=60 hung_task_panic=1 softlockup_panic=1 kunit.enable=1"
	timeout=${VM_TIMEOUT:-3600}	# the debug lane of make check takes ~40 min
fi
if [[ $kernel == gcov ]]; then
	# The same suite, plus the counters; a timeout would lose them all.
	timeout=${VM_TIMEOUT:-5400}
fi

# A guest that dies before its init script runs (TCG has, rarely, oopsed
# while patching kernel text at early boot) ran nothing of ours: boot it
# once more, keeping the first console log and saying so.
for attempt in 1 2; do
say "booting $kver ($kernel) under TCG, timeout ${timeout}s, log $run/console.log"
start=$EPOCHREALTIME
set +e
timeout -k 10 "$timeout" qemu-system-x86_64 \
	-machine q35,accel=tcg -cpu max -smp 2 -m "$mem" \
	-nodefaults -display none -no-reboot \
	-kernel "$vmlinux" -initrd "$initrd" -append "$append" \
	-fsdev "local,id=root,path=/,security_model=none,readonly=on,multidevs=remap" \
	-device virtio-9p-pci,fsdev=root,mount_tag=hostroot \
	"${out_share[@]}" \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
	-serial "file:$run/console.log" \
	-chardev stdio,id=out,signal=off -serial chardev:out \
	</dev/null | while IFS= read -r line; do
		if [[ $line == "# vm: running: "* ]]; then
			printf '# vm: boot to CMD: %.1f s\n' "$(bc <<<"$EPOCHREALTIME - $start")"
		fi
		printf '%s\n' "$line"
		printf '%s\n' "$line" >>"$run/output.log"
	done
qrc=${PIPESTATUS[0]}
set -e
if ((attempt == 1 && qrc != 124 && qrc != 137)) &&
   ! grep -q '^# vm: kernel .* up after' "$run/output.log" 2>/dev/null; then
	mv "$run/console.log" "$run/console.boot1.log"
	rm -f "$run/output.log"
	say "guest died during boot, before running anything (qemu exit $qrc); console log kept in $run/console.boot1.log; booting again"
	continue
fi
break
done
printf -v elapsed '%.1f' "$(bc <<<"$EPOCHREALTIME - $start")"

if ((qrc == 124 || qrc == 137)); then
	rc=124 why="timed out after ${timeout}s"
elif ((qrc & 1)) && grep -qx "# vm: verdict $((qrc >> 1))" "$run/output.log" 2>/dev/null; then
	rc=$((qrc >> 1)) why="guest verdict"
elif ((qrc & 1)); then
	# QEMU also exits 1 when it cannot start.
	rc=126 why="no verdict from the guest (qemu exit $qrc)"
else
	rc=126 why="guest died without a verdict (qemu exit $qrc)"
fi

# --- the kernel log must be clean whatever the command said ---------------
pat='BUG:|WARNING:|Oops|general protection fault|KASAN|UBSAN|possible circular locking'
pat+='|possible recursive locking|inconsistent lock state|suspicious RCU usage'
pat+='|INFO: |unreferenced object|Call Trace|refcount_t:|list_add corruption'
pat+='|list_del corruption|blocked for more than|soft lockup|Kernel panic'
tr -d '\r' <"$run/console.log" >"$run/kernel.log"
reports=$(grep -E "$pat" "$run/kernel.log" | awk '!seen[$0]++' || true)
nreports=0
if [[ -n $reports ]]; then
	nreports=$(wc -l <<<"$reports")
	say "kernel log of $kernel shows $nreports report line(s):"
	sed 's/^/# vm:   /' <<<"$reports"
fi
if [[ ${V:-0} == 1 ]] || ((rc >= 124 || nreports)); then
	say "----- kernel log ($run/kernel.log) -----"
	if [[ ${V:-0} == 1 ]]; then sed 's/^/# /' "$run/kernel.log"; else tail -n 60 "$run/kernel.log" | sed 's/^/# /'; fi
	say "----- end of kernel log -----"
fi
((rc == 0 && nreports)) && rc=127

say "$kernel: $why, exit $rc, $elapsed s in total"
if [[ -n ${VM_STATUS:-} ]]; then
	printf 'rc=%s\nreports=%s\nelapsed=%s\nwhy=%q\n' "$rc" "$nreports" "$elapsed" "$why" >"$VM_STATUS"
fi
if ((rc == 0)); then rm -rf "$run"; else say "run dir kept: $run"; fi
exit "$rc"
