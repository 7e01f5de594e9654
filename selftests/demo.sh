#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The ftalias demo, run inside a guest by `make demo` with the module
# loaded and tools/ on PATH.  It configures port aliases with ftaliasctl
# and shows them as text and JSON while `ftaliasctl monitor` reports each
# change.  Then the failover story: a primary and a backup server behind
# one alias, a client sending requests, the primary killed with SIGKILL
# while it holds a request, and the client never noticing (the servers
# and the client are selftests/dp_demo).
set -euo pipefail

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
run() { printf '$ %s\n' "$*"; "$@"; }

# wait_for FILE PATTERN: until a line of FILE matches (10 s at most).
wait_for() {
	for _ in $(seq 100); do
		grep -q -- "$2" "$1" && return 0
		sleep 0.1
	done
	echo "demo: \"$2\" never showed up in $1" >&2
	return 1
}

dp_demo=$(dirname "$0")/dp_demo
[ -x "$dp_demo" ] || { echo "demo: $dp_demo not built (make selftests)" >&2; exit 1; }
mon=$(mktemp)
tmp=$(mktemp -d)
pids=()
ftaliasctl monitor >>"$mon" &  # O_APPEND: survives the truncation below
monpid=$!
trap 'kill $monpid "${pids[@]}" 2>/dev/null || true; rm -rf "$mon" "$tmp"' EXIT

step "The module and its limits"
run ftaliasctl info

step "Two services: a bank ledger run under a cluster manager, and a web front"
# The monitor subscribes asynchronously: create a probe alias until it
# reports one, so that no event of the demo is missed.
for _ in $(seq 100); do
	ftaliasctl alias add demo-probe >/dev/null
	ftaliasctl alias del demo-probe
	grep -q demo-probe "$mon" && break
done
: >"$mon"
run ftaliasctl alias add bank id 10 mode 0640 policy manual grace-ms 5000
run ftaliasctl alias add web cache-max-entries 1024 cache-ttl-ms 60000

step "The alias table, as text and as JSON"
run ftaliasctl alias show
run ftaliasctl -j -p alias show bank

step "Changes are all-or-nothing: a bad mode leaves the alias as it was"
run ftaliasctl alias set web grace-ms 1000 mode 0755 || true
run ftaliasctl alias show web

step "Rename and delete"
run ftaliasctl alias set id 10 name ledger
run ftaliasctl alias del web
run ftaliasctl alias show

step "Failover: a primary and a backup server behind the alias orders"
run ftaliasctl alias add orders id 20 grace-ms 5000
"$dp_demo" server 20 primary 300 >"$tmp/primary" 2>&1 &
primary=$!
disown "$primary"	# no "Killed" notice from the shell
pids+=("$primary")
wait_for "$tmp/primary" ready
"$dp_demo" server 20 backup 300 >"$tmp/backup" 2>&1 &
pids+=($!)
wait_for "$tmp/backup" ready
cat "$tmp/primary" "$tmp/backup"
run ftaliasctl member show orders
run ftaliasctl alias show orders

step "A client sends 12 requests; the primary dies (kill -9) in the middle of one"
"$dp_demo" client 20 12 0 > >(tee "$tmp/client") &
client=$!
pids+=("$client")
wait_for "$tmp/primary" "took request 5"
printf '$ kill -9 %s   # the primary, while it works on a request\n' "$primary"
kill -9 "$primary"
wait "$client" || { echo "demo: the client noticed" >&2; exit 1; }
echo "What the servers did:"
sed 's/^/  /' "$tmp/primary" "$tmp/backup"

step "After: the backup is active, one more incarnation, nothing lost"
run ftaliasctl member show orders
run ftaliasctl -s alias show orders

step "What ftaliasctl monitor saw"
# 4 alias events above, then orders: added, 2 joins, a leave, a promotion
for _ in $(seq 100); do
	[ "$(grep -c . "$mon")" -ge 9 ] && break
	sleep 0.1
done
cat "$mon"
