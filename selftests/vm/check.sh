#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make check: run the selftest suite in a guest of each kernel, print the
# TAP of each, the wall time of each kernel's lane (its guest, from boot
# to verdict) and the CPU time its guest used ("lane 6.12: 276 s, cpu
# 310 s") and end with the line "N passed, N failed, N skipped" over all
# kernels.  A guest that times out, dies, fails to load the module or
# whose kernel log shows a report counts as one more failure.
#
# CHECK_JOBS (default 3) lanes run at once, the debug lane started first
# (it is the longest); each lane's output is kept and printed whole, in
# the order of KERNELS, as soon as it and the lanes before it have ended.
# CHECK_JOBS=1 runs the lanes one after the other, their output live.
#   check.sh "KERNELS" "TESTS" KERNEL=KO...
set -uo pipefail

kernels=$1 tests=$2
shift 2
declare -A ko=()
for a in "$@"; do ko[${a%%=*}]=${a#*=}; done
here=$(cd "$(dirname "$0")" && pwd)
jobs=${CHECK_JOBS:-3}
[[ $jobs =~ ^[1-9][0-9]*$ ]] || { echo "CHECK_JOBS=$jobs: want a number >= 1" >&2; exit 2; }

work=$(mktemp -d)
lane_pids=()
# kill_tree PID: PID and all its descendants (a lane: run-vm.sh, qemu) at
# once, listed first, so that none sees its child die and starts another
descendants() {
	local c

	for c in $(ps -o pid= --ppid "$1" 2>/dev/null); do
		echo "$c"
		descendants "$c"
	done
}
kill_tree() {
	local -a all

	mapfile -t all < <(echo "$1"; descendants "$1")
	kill "${all[@]}" 2>/dev/null
}
cleanup() {
	local p

	for p in "${lane_pids[@]}"; do kill_tree "$p"; done
	wait 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# lane N K [live]: run K's guest, the Nth lane; its output in $work/N.out
# (and on stdout if live), run-vm.sh's exit code in $work/N.rc, its
# verdict in $work/N.status, its wall time in $work/N.time
lane() {
	local n=$1 k=$2 live=${3:-} start=$SECONDS rc

	if [[ -n $live ]]; then
		VM_STATUS=$work/$n.status "$here/run-vm.sh" "$k" "${ko[$k]:-}" \
			"selftests/run_tests.sh $tests" </dev/null | tee "$work/$n.out"
		rc=${PIPESTATUS[0]}
	else
		VM_STATUS=$work/$n.status "$here/run-vm.sh" "$k" "${ko[$k]:-}" \
			"selftests/run_tests.sh $tests" >"$work/$n.out" 2>&1 </dev/null
		rc=$?
	fi
	# the CPU time of the guest's QEMU: run here, not in a pipe or $(...),
	# a forked shell has no children's times
	times >"$work/$n.times"
	echo "$((SECONDS - start)) s, cpu $(cpu_seconds "$work/$n.times") s" >"$work/$n.time"
	echo "$rc" >"$work/$n.rc"
}

# cpu_seconds FILE: user + sys time of the children in FILE, the output of
# "times" ("0m0.012s 0m0.000s" for the shell, then its children's), in
# whole seconds
cpu_seconds() {
	awk 'function sec(x, m) {
		m = x; sub(/m.*/, "", m); sub(/^[0-9]+m/, "", x); sub(/s$/, "", x)
		return m * 60 + x
	} END { printf "%d\n", sec($1) + sec($2) + 0.5 }' "$1"
}

pass=0 fail=0 skip=0
summary=() lanes=()
# count N K: the verdict of K's lane, the Nth, from what lane() left
count() {
	local n=$1 k=$2 out=$work/$1.out rc p s f plan reports=0 why=

	rc=$(cat "$work/$n.rc" 2>/dev/null || echo 126)
	p=$(grep -cE '^ok [0-9]+ ' "$out")
	s=$(grep -cE '^ok [0-9]+ .*# SKIP' "$out")
	f=$(grep -cE '^not ok [0-9]+ ' "$out")
	plan=$(sed -n 's/^1\.\.\([0-9][0-9]*\)$/\1/p' "$out" | head -n1)
	# shellcheck source=/dev/null
	[[ -s $work/$n.status ]] && . "$work/$n.status"
	if [[ -z $plan ]] || ((plan == 0 || p + f != plan)); then
		echo "not ok - $k: ${plan:-no} test plan, $((p + f)) results"
		f=$((f + 1))
	fi
	p=$((p - s))
	if ((reports)); then
		echo "not ok - $k: kernel log shows $reports report line(s)"
		f=$((f + 1))
	fi
	# rc 1: some test failed (counted above); 127: reports (counted above).
	if ((rc != 0)) && ! ((rc == 1 && f > 0)) && ! ((rc == 127 && reports > 0)); then
		echo "not ok - $k: guest failed: ${why:-exit $rc} (exit $rc)"
		f=$((f + 1))
	fi
	summary+=("# $k: $p passed, $f failed, $s skipped")
	lanes+=("lane $k: $(cat "$work/$n.time" 2>/dev/null || echo '? s')")
	pass=$((pass + p)) fail=$((fail + f)) skip=$((skip + s))
}

read -ra ks <<<"$kernels"
if ((jobs == 1)); then
	for n in "${!ks[@]}"; do
		echo "# ===== kernel ${ks[n]} ====="
		# in the background: a signal to this shell ends the wait and the
		# lane; a subshell: its own children's times
		lane "$n" "${ks[n]}" live &
		lane_pids=("$!")
		wait "$!"
		lane_pids=()
		count "$n" "${ks[n]}"
	done
else
	# start order: the debug lane first (the longest), then the others
	order=()
	for n in "${!ks[@]}"; do [[ ${ks[n]} == debug ]] && order+=("$n"); done
	for n in "${!ks[@]}"; do [[ ${ks[n]} == debug ]] || order+=("$n"); done
	declare -A running=()
	for n in "${order[@]}"; do
		while ((${#running[@]} >= jobs)); do
			done_pid=
			wait -n -p done_pid "${!running[@]}"
			if [[ -n $done_pid ]]; then
				unset "running[$done_pid]"
			else
				running=()	# none left to wait for
			fi
		done
		lane "$n" "${ks[n]}" &
		running[$!]=1
		lane_pids[n]=$!
	done
	for n in "${!ks[@]}"; do
		wait "${lane_pids[n]}"
		echo "# ===== kernel ${ks[n]} ====="
		cat "$work/$n.out"
		count "$n" "${ks[n]}"
	done
	lane_pids=()
fi
printf '%s\n' "${summary[@]}" "${lanes[@]}"
echo "$pass passed, $fail failed, $skip skipped"
((fail == 0))
