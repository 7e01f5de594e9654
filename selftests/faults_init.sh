#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Module init unwinding (debug kernel): the module is loaded again and
# again with the n-th allocation of its init failing, n = 1, 2, ... until
# a load meets no allocation left to fail.  Each load must either fail
# with ENOMEM (ENOBUFS from proto_register()) and leave nothing behind (no module, no socket family or
# proto, no generic netlink family, no slab cache of the module), or
# succeed with a module that works; the final load works; kmemleak finds
# nothing allocated by the module or its init.
#
# faults_alloc.c restricts its faults to the module's text, which is not known
# before it is loaded: here the stack-trace filter is the whole module
# area instead (from the end of the kernel's text up), and fail-nth, set
# by faults_init_nth just around finit_module(), counts only the allocations of
# that thread.  So what fails is what the module's init (and the KUnit
# suite run at load on the debug kernel) allocates, not the loader's own
# allocations, whose call chains do not pass through module text.
#
# The filter's reject range leaves out the allocations under
# __kmem_cache_create_args(): a failed kmem_cache_create() prints a call
# trace (mm/slab_common.c), which fails the run's kernel log check.  With
# FTALIAS_INIT_FAULTS_SLABS=1 only those under SLUB's sysfs_slab_add()
# (the files of each new slab cache, some fifty, where a failure fails
# kmem_cache_create() as any other does; they would make the run
# hundreds of loads long) are left out: the slab caches' steps fail
# too, and the kernel log shows their call traces.
source "$(dirname "$0")/lib/lib.sh"

require_root
require_module
require_cmd insmod rmmod genl ftaliasctl
[[ -n ${FTALIAS_KO:-} && -r $FTALIAS_KO ]] || skip "FTALIAS_KO not set or unreadable"
dbg=/sys/kernel/debug
mountpoint -q $dbg || mount -t debugfs none $dbg 2>/dev/null
[[ -w /proc/self/fail-nth && -w $dbg/failslab/require-start ]] ||
	skip "no fail-nth with a stack-trace filter (debug kernel only)"
init_nth=$(dirname "$0")/faults_init_nth
[[ -x $init_nth ]] || die "$init_nth not built"
max=${FTALIAS_INIT_FAULTS_MAX:-200}
slabs='^(ftalias_alias|ftalias_req|ftalias_rc_entry) '

# Faults off again (probability 0: fail-nth alone) whatever happens.
faults_off() {
	local a
	for a in failslab fail_page_alloc; do
		echo 0 >"$dbg/$a/probability"
		echo 0 >"$dbg/$a/reject-start"
		echo 0 >"$dbg/$a/reject-end"
	done
}
cleanup() {
	faults_off
	ensure_loaded || echo "# FAIL: could not load $FTALIAS_KO again"
}
trap cleanup EXIT

# One pass over /proc/kallsyms (slow on the debug kernel): the end of
# the kernel's own text (its highest text symbol; plus a margin, above it
# up to MODULES_END there are only modules), and $reject with the
# symbol after it, the reject range (none if there is no such
# function).
reject=__kmem_cache_create_args
[[ ${FTALIAS_INIT_FAULTS_SLABS:-0} == 1 ]] && reject=sysfs_slab_add
read -r text_end rej_lo rej_hi < <(awk -v f="$reject" '
	NF == 3 && ($2 == "T" || $2 == "t") && $1 > m { m = $1 }
	a && $1 > a && (!b || $1 < b) { b = $1 }
	NF == 3 && $3 == f { a = $1 }
	END { print m, (a && b ? "0x" a " 0x" b : "") }' /proc/kallsyms)
[[ $text_end =~ ^[0-9a-f]{16}$ && $text_end != 0000000000000000 ]] ||
	die "no kernel text in /proc/kallsyms"
lo=$(printf '0x%x' $((16#$text_end + 0x1000000)))
for a in failslab fail_page_alloc; do
	echo 0 >"$dbg/$a/probability"
	echo 0 >"$dbg/$a/verbose"
	echo 32 >"$dbg/$a/stacktrace-depth"
	echo "$lo" >"$dbg/$a/require-start"
	echo 0xffffffffff000000 >"$dbg/$a/require-end"
	echo "${rej_lo:-0}" >"$dbg/$a/reject-start"
	echo "${rej_hi:-0}" >"$dbg/$a/reject-end"
	echo N >"$dbg/$a/ignore-gfp-wait"
done
echo N >$dbg/fail_page_alloc/ignore-gfp-highmem
echo 0 >$dbg/fail_page_alloc/min-order
log "module area from $lo, $reject() at ${rej_lo:-none} left out"

# Nothing of the module is left.
nothing_left() {
	local what=()
	grep -qw '^ftalias' /proc/modules && what+=(module)
	[[ -d /sys/module/ftalias ]] && what+=(/sys/module/ftalias)
	grep -qw '^FTALIAS' /proc/net/protocols && what+=(proto)
	genl ctrl get name ftalias >/dev/null 2>&1 && what+=("genl family")
	grep -qE "$slabs" /proc/slabinfo && what+=("slab cache")
	((${#what[@]} == 0)) && return 0
	echo "${what[*]}"
	return 1
}

# The loaded module works: an alias made and deleted.
works() {
	ftaliasctl alias add initf >/dev/null && ftaliasctl alias del initf
}

kmemleak=0
if kmemleak_available; then
	kmemleak_clear
	kmemleak=1
fi
dmesg_mark
rmmod ftalias || die "rmmod ftalias"
nothing_left >/dev/null || die "left after rmmod: $(nothing_left)"

failed=0 survived=0 clean=0
for ((n = 1; n <= max && !clean; n++)); do
	read -r ret err left < <("$init_nth" "$FTALIAS_KO" "$n") ||
		die "faults_init_nth $n"
	((left != 0)) && clean=1
	if ((ret == 0)); then
		((clean)) || survived=$((survived + 1))
		works || fail "loaded with allocation $n failed, but does not work"
		rmmod ftalias || die "rmmod after load $n"
		continue
	fi
	failed=$((failed + 1))
	((clean)) && fail "load $n failed with errno $err and no fault"
	# ENOBUFS: proto_register()'s, when it cannot make its slab cache
	((err == 12 || err == 105)) ||
		fail "load with allocation $n failed: errno $err, want ENOMEM (12) or ENOBUFS (105)"
	if ! left_over=$(nothing_left); then
		fail "load with allocation $n failed and left: $left_over"
		rmmod ftalias 2>/dev/null
	fi
done
((clean)) || fail "still allocating after $max"
log "$((n - 1 - clean)) allocations failed in turn: $failed loads failed cleanly, $survived survived"
((failed > 0)) || fail "no load failed"
faults_off

insmod "$FTALIAS_KO" || die "insmod after the faults"
works || fail "the module loaded after the faults does not work"
if dmesg_since | grep -E 'BUG|WARNING|still has objects|leak'; then
	fail "the kernel complained"
fi
# A failed init's leak has no ftalias symbol left in its trace.
if ((kmemleak)) && ! kmemleak_check_ftalias 'ftalias|do_init_module'; then
	fail "kmemleak"
fi
finish
