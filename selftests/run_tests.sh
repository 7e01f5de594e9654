#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Minimal kselftest runner for the guest: runs the tests listed by
# "make -s list" (or those named on the command line) from this directory,
# each in its own session with the timeout of ./settings, and prints TAP:
#   ok N name / not ok N name / ok N name # SKIP (exit 4)
# A test's own output is indented with "# " (nested TAP for harness tests).
#   run_tests.sh [--claim DIR] [name[.sh] ...]
# --claim DIR: several guests share the list (make check's debug guests,
# DIR a directory all of them write): a test runs in the guest that
# creates DIR/<name> first, the longest tests are offered first, and the
# plan comes last (the count of tests this guest ran).
# Exit 1 if any test failed.
cd "$(dirname "$0")" || exit 1

claim=
if [[ ${1:-} == --claim ]]; then
	claim=${2:?--claim needs a directory}
	shift 2
fi

timeout=45
[[ -r settings ]] && timeout=$(sed -n 's/^timeout=//p' settings)
timeout=${kselftest_override_timeout:-$timeout}

mapfile -t all < <(make -s --no-print-directory list)
if ((${#all[@]} == 0)); then
	echo "1..0 # no tests: make list failed"
	exit 1
fi
tests=()
if (($#)); then
	for want in "$@"; do
		found=
		for t in "${all[@]}"; do
			if [[ $t == "$want" || ${t%.sh} == "${want%.sh}" ]]; then
				tests+=("$t")
				found=1
			fi
		done
		[[ -n $found ]] || tests+=("$want")
	done
else
	tests=("${all[@]}")
fi

if [[ -n $claim ]]; then
	# The longest on the debug kernel first, so that the guests end
	# together; the others in the list's order.
	first=(fuzz_soak.sh nl_api life_module.sh replay_torture fuzz_run.sh
		faults_init.sh life_races.sh failover_kill scale_dp replay_api)
	ordered=()
	for f in "${first[@]}"; do
		for t in "${tests[@]}"; do [[ $t == "$f" ]] && ordered+=("$t"); done
	done
	for t in "${tests[@]}"; do
		[[ " ${first[*]} " == *" $t "* ]] || ordered+=("$t")
	done
	tests=("${ordered[@]}")
fi

echo "TAP version 13"
[[ -n $claim ]] || echo "1..${#tests[@]}"
n=0 failed=0
for t in "${tests[@]}"; do
	[[ -z $claim ]] || mkdir "$claim/$t" 2>/dev/null || continue
	n=$((n + 1))
	echo "# selftests: ftalias: $t"
	if [[ ! -e $t ]]; then
		echo "not ok $n $t # missing (not in the list or not built: make selftests)"
		failed=1
		continue
	fi
	if [[ -x $t ]]; then run=("./$t"); else run=(bash "./$t"); fi
	start=$SECONDS
	setsid -w timeout -k 5 "$timeout" "${run[@]}" </dev/null 2>&1 | sed -u -e 's/^/# /' -e '$a\'
	rc=${PIPESTATUS[0]}
	took=$((SECONDS - start))
	case $rc in
	0) echo "ok $n $t" ;;
	4) echo "ok $n $t # SKIP" ;;
	124 | 137) echo "not ok $n $t # TIMEOUT ${timeout} seconds"; failed=1 ;;
	*) echo "not ok $n $t # exit=$rc"; failed=1 ;;
	esac
	echo "# $t: ${took}s"
done
[[ -z $claim ]] || echo "1..$n"
exit $failed
