#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make check: run the selftest suite in a guest of each kernel, print the
# TAP of each, the wall time of each kernel's lane (its guest, from boot
# to verdict) and the CPU time its guest used ("lane 6.12: 276 s, cpu
# 310 s") and end with the line "N passed, N failed, N skipped" over all
# kernels.  A guest that times out, dies, fails to load the module or
# whose kernel log shows a report counts as one more failure.
#
# The debug kernel's suite runs in CHECK_DEBUG_GUESTS (default 2) guests
# that share it (run_tests.sh --claim: a test runs in one of them, the
# longest offered first): a debug guest keeps about one CPU busy.
# CHECK_BUILD_DEBUG, when set, is a command that builds the debug kernel
# and its module (make check: make module-debug): it runs from the start,
# beside the other kernels' lanes, and the debug lanes boot when it is done.
#
# CHECK_JOBS (default: all) lanes run at once, the debug lanes started
# first (they are the longest); each lane's output is kept and printed
# whole, in the order of KERNELS, once it and the lanes before it have
# ended.  CHECK_JOBS=1 runs the lanes one after the other, output live.
#   check.sh "KERNELS" "TESTS" KERNEL=KO...
set -uo pipefail

kernels=$1 tests=$2
shift 2
declare -A ko=()
for a in "$@"; do ko[${a%%=*}]=${a#*=}; done
here=$(cd "$(dirname "$0")" && pwd)
guests=${CHECK_DEBUG_GUESTS:-2}
[[ $guests =~ ^[1-9][0-9]*$ ]] || { echo "CHECK_DEBUG_GUESTS=$guests: want a number >= 1" >&2; exit 2; }
read -ra ntests <<<"$tests"
# The lanes: their kernel, their name, a claim dir when guests share a list.
lane_k=() lane_name=() lane_claim=()
for k in $kernels; do
	g=1
	[[ $k == debug ]] && ((${#ntests[@]} != 1)) && g=$guests
	for ((i = 1; i <= g; i++)); do
		lane_k+=("$k")
		if ((g > 1)); then
			lane_name+=("$k $i/$g") lane_claim+=(debug)
		else
			lane_name+=("$k") lane_claim+=("")
		fi
	done
done
jobs=${CHECK_JOBS:-${#lane_k[@]}}
[[ $jobs =~ ^[1-9][0-9]*$ ]] || { echo "CHECK_JOBS=$jobs: want a number >= 1" >&2; exit 2; }

work=$(mktemp -d)
lane_pids=()
build_pid=
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

	for p in "${lane_pids[@]}" $build_pid; do kill_tree "$p"; done
	wait 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# lane N [live]: run the Nth lane's guest; its output in $work/N.out
# (and on stdout if live), run-vm.sh's exit code in $work/N.rc, its
# verdict in $work/N.status, its wall time in $work/N.time
lane() {
	local n=$1 live=${2:-} k=${lane_k[$1]} start rc cmd=selftests/run_tests.sh
	local -a env=("VM_STATUS=$work/$n.status")

	if [[ $k == debug && -n $build_pid ]]; then
		# the build's own verdict; a condition, polled
		while [[ ! -s $work/build.rc ]]; do sleep 1; done
		if [[ $(<"$work/build.rc") != 0 ]]; then
			echo "# check: no guest: the debug kernel or module build failed" >"$work/$n.out"
			echo 126 >"$work/$n.rc"
			echo "0 s, cpu 0 s" >"$work/$n.time"
			return
		fi
	fi
	if [[ -n ${lane_claim[n]} ]]; then
		mkdir -p "$work/claim.${lane_claim[n]}"
		env+=("VM_OUT=$work/claim.${lane_claim[n]}")
		cmd+=' --claim "$FTALIAS_OUT"'
	fi
	start=$SECONDS
	if [[ -n $live ]]; then
		env "${env[@]}" "$here/run-vm.sh" "$k" "${ko[$k]:-}" \
			"$cmd $tests" </dev/null | tee "$work/$n.out"
		rc=${PIPESTATUS[0]}
	else
		env "${env[@]}" "$here/run-vm.sh" "$k" "${ko[$k]:-}" \
			"$cmd $tests" >"$work/$n.out" 2>&1 </dev/null
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
declare -A claimed=()
# count N: the verdict of the Nth lane, from what lane() left
count() {
	local n=$1 k=${lane_name[$1]} out=$work/$1.out rc p s f plan reports=0 why=

	rc=$(cat "$work/$n.rc" 2>/dev/null || echo 126)
	p=$(grep -cE '^ok [0-9]+ ' "$out")
	s=$(grep -cE '^ok [0-9]+ .*# SKIP' "$out")
	f=$(grep -cE '^not ok [0-9]+ ' "$out")
	plan=$(sed -n 's/^1\.\.\([0-9][0-9]*\)$/\1/p' "$out" | head -n1)
	# shellcheck source=/dev/null
	[[ -s $work/$n.status ]] && . "$work/$n.status"
	# a guest sharing a list may find it taken: a plan of 0 is its verdict
	if [[ -z $plan ]] || ((p + f != plan)) || { ((plan == 0)) && [[ -z ${lane_claim[n]} ]]; }; then
		echo "not ok - $k: ${plan:-no} test plan, $((p + f)) results"
		f=$((f + 1))
	fi
	[[ -z ${lane_claim[n]} ]] ||
		claimed[${lane_claim[n]}]=$((${claimed[${lane_claim[n]}]:-0} + p + f))
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

# the debug kernel and its module, built beside the other lanes
if [[ " $kernels " == *" debug "* && -n ${CHECK_BUILD_DEBUG:-} ]]; then
	( bash -c "$CHECK_BUILD_DEBUG" >"$work/build.out" 2>&1 </dev/null
	  echo "$?" >"$work/build.rc" ) &
	build_pid=$!
fi
build_shown=
show_build() {	# the build's output, once, before the first debug lane's
	[[ -n $build_pid && -z $build_shown && ${lane_k[$1]} == debug ]] || return 0
	build_shown=1
	echo "# ===== debug kernel and module build ====="
	cat "$work/build.out"
}

if ((jobs == 1)); then
	for n in "${!lane_k[@]}"; do
		if [[ ${lane_k[n]} == debug && -n $build_pid ]]; then
			wait "$build_pid"
			show_build "$n"
		fi
		echo "# ===== kernel ${lane_name[n]} ====="
		# in the background: a signal to this shell ends the wait and the
		# lane; a subshell: its own children's times
		lane "$n" live &
		lane_pids=("$!")
		wait "$!"
		lane_pids=()
		count "$n"
	done
else
	# start order: the debug lanes first (the longest), then the others
	order=()
	for n in "${!lane_k[@]}"; do [[ ${lane_k[n]} == debug ]] && order+=("$n"); done
	for n in "${!lane_k[@]}"; do [[ ${lane_k[n]} == debug ]] || order+=("$n"); done
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
		lane "$n" &
		running[$!]=1
		lane_pids[n]=$!
	done
	for n in "${!lane_k[@]}"; do
		wait "${lane_pids[n]}"
		show_build "$n"
		echo "# ===== kernel ${lane_name[n]} ====="
		cat "$work/$n.out"
		count "$n"
	done
	lane_pids=()
fi
# guests that share a list ran each of its tests once between them
for c in "${!claimed[@]}"; do
	want=${#ntests[@]}
	((want)) || want=$(make -s -C "$here/.." --no-print-directory list | wc -l)
	if ((claimed[$c] != want)); then
		echo "not ok - $c: its guests ran ${claimed[$c]} of $want tests"
		fail=$((fail + 1))
	fi
done
printf '%s\n' "${summary[@]}" "${lanes[@]}"
echo "$pass passed, $fail failed, $skip skipped"
((fail == 0))
