#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make check: run the selftest suite in a guest of each kernel, print the
# TAP of each, the wall time of each kernel's lane (its guest, from boot
# to verdict: "lane 6.12: 276 s") and end with the line "N passed, N
# failed, N skipped" over all kernels.  A guest that times out, dies, fails
# to load the module or whose kernel log shows a report counts as one more
# failure.
#   check.sh "KERNELS" "TESTS" KERNEL=KO...
set -uo pipefail

kernels=$1 tests=$2
shift 2
declare -A ko=()
for a in "$@"; do ko[${a%%=*}]=${a#*=}; done
here=$(cd "$(dirname "$0")" && pwd)

pass=0 fail=0 skip=0
summary=() lanes=()
for k in $kernels; do
	echo "# ===== kernel $k ====="
	lane_start=$SECONDS
	out=$(mktemp) status=$(mktemp)
	VM_STATUS=$status "$here/run-vm.sh" "$k" "${ko[$k]:-}" \
		"selftests/run_tests.sh $tests" | tee "$out"
	rc=${PIPESTATUS[0]}
	p=$(grep -cE '^ok [0-9]+ ' "$out")
	s=$(grep -cE '^ok [0-9]+ .*# SKIP' "$out")
	f=$(grep -cE '^not ok [0-9]+ ' "$out")
	plan=$(sed -n 's/^1\.\.\([0-9][0-9]*\)$/\1/p' "$out" | head -n1)
	reports=0 why=
	# shellcheck source=/dev/null
	[[ -s $status ]] && . "$status"
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
	lanes+=("lane $k: $((SECONDS - lane_start)) s")
	pass=$((pass + p)) fail=$((fail + f)) skip=$((skip + s))
	rm -f "$out" "$status"
done
printf '%s\n' "${summary[@]}" "${lanes[@]}"
echo "$pass passed, $fail failed, $skip skipped"
((fail == 0))
