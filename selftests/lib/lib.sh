# SPDX-License-Identifier: GPL-2.0
# Helpers for the ftalias shell selftests; source it, do not run it.
# Exit codes follow kselftest: 0 pass, 1 fail, 4 skip.

ksft_pass=0
ksft_fail=1
ksft_skip=4

# lib_dir: this directory (lib.sh, jsoncheck.py); test_dir: the tests and
# the helper programs built beside them.
lib_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
test_dir=$(cd "$lib_dir/.." && pwd)
NL_STRESS=$test_dir/nl_stress
SLAB=ftalias_alias
failures=0

log() { echo "# $*"; }

# A check failed: note it, go on (the test exits 1 at the end).
fail() {
	echo "# FAIL: $*"
	failures=$((failures + 1))
}

# Fatal: stop now.
die() {
	echo "# FAIL: $*"
	exit $ksft_fail
}

skip() {
	echo "# SKIP: $*"
	exit $ksft_skip
}

# The command-line clients' end-to-end tests (nl_ftaliasctl.sh, nl_ynl_cli.sh)
# test user space: their kernel calls are nl_api's, which the debug kernel
# runs.  They run on 6.1 and 6.12, and on the debug kernel only with
# FTALIAS_CLI_DEBUG=1 (about 5 minutes of its lanes).
skip_cli_on_debug() {
	[[ ${FTALIAS_KERNEL:-} == debug && ${FTALIAS_CLI_DEBUG:-0} != 1 ]] || return 0
	skip "a client test: run on 6.1 and 6.12 (FTALIAS_CLI_DEBUG=1 runs it here)"
}

finish() {
	if ((failures)); then
		log "$failures check(s) failed"
		exit $ksft_fail
	fi
	exit $ksft_pass
}

require_root() {
	[[ $(id -u) == 0 ]] || skip "needs root"
}

require_module() {
	[[ -d /sys/module/ftalias ]] || skip "ftalias is not loaded"
}

require_cmd() {
	local c
	for c; do
		command -v "$c" >/dev/null || skip "$c not found"
	done
}

require_nl_stress() {
	[[ -x $NL_STRESS ]] || skip "$NL_STRESS not built (make selftests)"
}

# wait_until SECONDS CMD...: poll CMD every 0.1 s until it succeeds;
# returns 1 if it still fails after SECONDS.
wait_until() {
	local deadline=$((SECONDS + $1))
	shift
	until "$@"; do
		((SECONDS < deadline)) || return 1
		sleep 0.1
	done
}

# Where each process of that name is stuck: its state, wait channel and
# kernel stack, for the log of a test that waited on it in vain.
show_stuck() {
	local p
	for p in $(pgrep -x "$1"); do
		echo "#   pid $p: $(awk '/^(State|PPid|SigPnd|ShdPnd):/ { printf "%s ", $0 }' "/proc/$p/status" 2>/dev/null)wchan $(cat "/proc/$p/wchan" 2>/dev/null)"
		sed 's/^/#     /' "/proc/$p/stack" 2>/dev/null
	done
}

# Active objects of the ftalias_alias cache (empty if there is none).
# With SLUB, objects freed into a per-cpu slab still count as active in
# /proc/slabinfo: shrink the cache first to flush them.
slab_active() {
	[[ -w /sys/kernel/slab/$SLAB/shrink ]] &&
		echo 1 >"/sys/kernel/slab/$SLAB/shrink" 2>/dev/null
	awk -v c="$SLAB" '$1 == c { print $2 }' /proc/slabinfo
}

# slab_at_most N: the cache holds at most N objects (true if it is gone).
slab_at_most() {
	local n
	n=$(slab_active)
	[[ -z $n ]] || ((n <= $1))
}

# wait_slab_at_most N [SECONDS]: objects are freed after an RCU grace
# period (and netns cleanup runs from a workqueue): poll.
wait_slab_at_most() {
	wait_until "${2:-60}" slab_at_most "$1"
}

# Marks the kernel log so that dmesg_since shows only what follows.
dmesg_mark() {
	dmesg_marker="ftalias-selftest: $(basename "$0") $$ $RANDOM"
	echo "$dmesg_marker" >/dev/kmsg
}

dmesg_since() {
	dmesg | sed -n "/$dmesg_marker/,\$p"
}

kmemleak_file=/sys/kernel/debug/kmemleak

kmemleak_available() {
	mountpoint -q /sys/kernel/debug ||
		mount -t debugfs none /sys/kernel/debug 2>/dev/null
	[[ -w $kmemleak_file ]]
}

kmemleak_clear() {
	echo clear >"$kmemleak_file"
}

# Scans for leaks and prints those whose report mentions ftalias (or
# matches the awk regex $1); returns 1 if there are any.  kmemleak only
# reports objects older than 5 s, so the wait here is its minimum age, not
# a wait for a condition.
kmemleak_check_ftalias() {
	local leaks
	echo scan >"$kmemleak_file"
	sleep 6
	echo scan >"$kmemleak_file"
	leaks=$(awk -v pat="${1:-ftalias}" '
		     /^unreferenced object/ { if (r ~ pat) print r; r = "" }
		     { r = r $0 "\n" }
		     END { if (r ~ pat) print r }' "$kmemleak_file")
	if [[ -n $leaks ]]; then
		echo "$leaks" | sed 's/^/# /'
		return 1
	fi
	return 0
}

# expect_rc RC CMD...: CMD exits with RC, or the check fails (with the
# start of its stderr).  Its stdout is left in $tmp/out, its stderr in
# $tmp/err: the test's own $tmp.
expect_rc() {
	local want=$1 rc
	shift
	"$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [[ $rc != "$want" ]]; then
		fail "'$*' exited $rc, want $want; stderr: $(head -c 300 "$tmp/err")"
		return 1
	fi
}

# json_num KEY: the first numeric value of "KEY" in stdin (flat JSON).
json_num() {
	sed -n "s/.*\"$1\": *\([0-9][0-9]*\).*/\1/p" | head -n1
}

# json_val KEY: the first value of "KEY" in stdin, number or string
# (strings without their quotes).
json_val() {
	sed -n -e "s/.*\"$1\": *\"\([^\"]*\)\".*/\1/p" \
	       -e "t" -e "s/.*\"$1\": *\([-0-9.a-z][-0-9.a-z]*\).*/\1/p" | head -n1
}

# Loads the module from $FTALIAS_KO if it is not loaded (the runner
# expects it loaded after every test).
ensure_loaded() {
	[[ -d /sys/module/ftalias ]] && return 0
	[[ -n ${FTALIAS_KO:-} ]] || return 1
	insmod "$FTALIAS_KO"
}
