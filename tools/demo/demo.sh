#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The ftalias demo, run inside a guest by `make demo` with the module
# loaded and tools/ on PATH.  It configures port aliases with ftaliasctl
# and shows them as text and JSON while `ftaliasctl monitor` reports each
# change.  Then the failover story: a primary and a backup server behind
# one alias, a client sending requests, the primary killed with SIGKILL
# while it holds a request, and the client never noticing (the servers
# and the client are tools/demo/dp_demo).  Last the exactly-once story: a
# bank ledger whose non-idempotent transfers survive a server killed after
# its roll-forward point, one killed after recording its reply, and a
# client killed after sending, each transfer applied once (the servers
# and tellers are tools/demo/ledger_demo).  Last a reboot: every alias
# saved by the systemd unit's stop, the module unloaded and loaded, the
# unit's start restoring them, and a transfer re-sent across the reboot
# answered from the restored replay cache.
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
[ -x "$dp_demo" ] || { echo "demo: $dp_demo not built (make progs)" >&2; exit 1; }
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

# The exactly-once story: a non-idempotent bank ledger on "the disk" (a
# tmpfs directory every replica sees), three replicas of its server
# behind the alias accounts, two tellers behind their own alias tellers
# (tools/demo/ledger_demo).  The replicas and the first teller are told
# where to stop; the demo kills them there with SIGKILL.
ledger_demo=$(cd "$(dirname "$0")" && pwd)/ledger_demo
[ -x "$ledger_demo" ] || { echo "demo: $ledger_demo not built (make progs)" >&2; exit 1; }
PATH=$(dirname "$ledger_demo"):$PATH
cd "$tmp"
declare -A seen pid

# news LOG...: the lines of each LOG not shown yet.
news() {
	local f n
	for f; do
		n=$(grep -c '' "$f" || true)
		sed -n "$((${seen[$f]:-0} + 1)),${n}p" "$f" | sed 's/^/  /'
		seen[$f]=$n
	done
}

# counter NAME: a replay-cache counter of accounts (cache stats).
counter() {
	ftaliasctl cache stats accounts | awk -v k="$1:" '$1 == k { print $2 }'
}

# counters: the replay-cache counters of the story.
counters() {
	local re=' (entries|in-progress|recorded|hits-(auto|held)|orphans):'

	printf "\$ ftaliasctl cache stats accounts | grep -E '%s'\n" "$re"
	ftaliasctl cache stats accounts | grep -E "$re"
}

# server NAME WHY ARGS...: a replica of the ledger's server, output in NAME.
server() {
	local name=$1 why=$2

	shift 2
	printf '$ ledger_demo server %s %s accounts disk &%s\n' "$*" "$name" \
		"${why:+   # $why}"
	ledger_demo server "$@" "$name" accounts disk >"$name" 2>&1 &
	pids+=($!)
	pid[$name]=$!
	wait_for "$name" "member of"
}

# teller NAME [N]: a teller reading transfer numbers from the fifo
# NAME.in (the caller opens it for writing), output in NAME; with N, it
# stops once the reply to xfer N came.
teller() {
	local name=$1 stop=${2:+-k $2 }

	mkfifo "$name.in"
	printf '$ ledger_demo teller %s%s accounts tellers disk &%s\n' \
		"$stop" "$name" "${2:+   # stops once the reply to xfer $2 came}"
	# shellcheck disable=SC2086	# -k N, or nothing
	ledger_demo teller $stop "$name" accounts tellers disk <"$name.in" >"$name" 2>&1 &
	pid[$name]=$!
	pids+=($!)
}

# die NAME WHY: the story did not happen as told.
die() {
	echo "demo: $1: $2" >&2
	exit 1
}

# stop NAME: kill -9 a process waiting where it was told to stop.
stop() {
	printf '$ kill -9 %s   # %s\n' "${pid[$1]}" "$1"
	disown "${pid[$1]}"	# no "Killed" notice from the shell
	kill -9 "${pid[$1]}"
}

step "Exactly once: a bank ledger on tmpfs, three replicas of its server"
: >"$mon"
run ftaliasctl alias add accounts id 30 grace-ms 5000
run ftaliasctl alias add tellers id 31 grace-ms 5000
run ledger_demo open disk alice=1000 bob=1000 carol=1000
run cat disk/ledger
server A "stops after committing xfer 2" -p 30 -k 2 -K commit
server B "stops after recording xfer 3's reply" -p 20 -k 3 -K record
server C "" -p 10
news A B C
run ftaliasctl member show accounts

step "Two tellers, members of their own alias tellers: T1 works, T2 stands by"
teller T1 4
exec 7>T1.in
wait_for T1 "member of"
teller T2
exec 8>T2.in
wait_for T2 "member of"
news T1 T2

step "xfer 1: A blocks it (its roll-forward point), commits, records the reply, replies"
echo 1 >&7
wait_for T1 "xfer 1 .*->"
news A T1
run ftaliasctl cache show accounts

step "xfer 2: A dies after blocking and committing it, before replying"
echo 2 >&7
wait_for A "xfer 2 .*stops before replying"
news A
run grep ^xfer disk/ledger
run ftaliasctl cache show accounts
stop A
wait_for T1 "xfer 2 .*->"
wait_for B "orphan notice .*xfer 2"
news B T1
grep -q "orphan notice .*in the ledger, not executed again" B ||
	die B "did not find xfer 2 in the ledger"
! grep -q "xfer 2 .*blocked" B || die B "executed xfer 2 again"
echo "  (the re-delivered xfer 2 waited on the entry in progress: hits-held;"
echo "   B's record answered it: hits-auto; B's own reply found nothing to answer)"
run ftaliasctl cache show accounts
counters
[ "$(counter orphans)" = 1 ] || die accounts "no orphan notice counted"
[ "$(counter hits-held)" = 1 ] || die accounts "xfer 2 was not held"

step "xfer 3: B dies after committing it and recording its reply, before replying"
echo 3 >&7
wait_for B "xfer 3 .*stops before replying"
news B
run ftaliasctl cache show accounts
auto=$(counter hits-auto)
stop B
wait_for C "active now"
wait_for T1 "xfer 3 .*->"
news C T1
! grep -q "xfer 3" C || die C "saw xfer 3"
echo "  (C never saw xfer 3: the kernel answered it from the cache)"
counters
[ "$(counter hits-auto)" = $((auto + 1)) ] || die accounts "no auto-reply hit"

step "xfer 4: T1 dies after sending it, with the reply read but not written down"
echo 4 >&7
wait_for T1 "xfer 4 .*stops before writing it down"
news C T1
run ftaliasctl cache show accounts
auto=$(counter hits-auto)
stop T1
exec 7>&-
wait_for T2 "xfer 4 .*re-sent ->"
news T2
[ "$(grep -c "xfer 4" C)" = 1 ] || die C "saw xfer 4 again"
echo "  (the re-sent xfer 4 never reached C: the kernel answered it from the cache)"
counters
[ "$(counter hits-auto)" = $((auto + 1)) ] || die accounts "no auto-reply hit"

step "xfer 5, from T2"
echo 5 >&8
wait_for T2 "xfer 5 .*->"
exec 8>&-
wait "${pid[T2]}" || die T2 "a wrong reply"
news C T2

step "The ledger: every transfer applied once, the balances add up"
run cat disk/ledger
run ledger_demo check disk 5
run ftaliasctl cache show accounts
run ftaliasctl -s alias show accounts

step "What ftaliasctl monitor saw of the failovers"
# 2 aliases added, 5 joins, 3 leaves and promotions, T2's leave
for _ in $(seq 100); do
	[ "$(grep -c . "$mon")" -ge 14 ] && break
	sleep 0.1
done
grep -E 'member-(leave|change)' "$mon"

# The reboot story: the unit of tools/systemd, its lines run by hand (no
# systemd in this guest), with its directories here ($tmp); the "reboot"
# unloads the module and loads it again.
[ -n "${FTALIAS_KO:-}" ] || { echo "demo: no FTALIAS_KO: no reboot story" >&2; exit 0; }
unit=$(dirname "$ledger_demo")/../systemd/ftalias.service.in
unit_lines() {
	sed -n "s/^$1=-\{0,1\}//p" "$unit" | sed -e 's|@SBINDIR@/||' \
		-e 's|@STATEDIR@|state|' -e 's|@SYSCONFDIR@|etc|'
}

step "Before a reboot: T3 sends xfer 6 and dies with the reply read but not written down"
teller T3 6
exec 7>T3.in
wait_for T3 "active"
echo 6 >&7
wait_for T3 "xfer 6 .*stops before writing it down"
news C T3
stop T3
exec 7>&-

step "Shutdown: the services stop, then the unit saves every alias (ExecStop)"
mkdir -p etc/ftalias
printf '$ ftaliasctl -config alias show >etc/ftalias/aliases.conf   # as the administrator keeps it\n'
ftaliasctl -config alias show >etc/ftalias/aliases.conf
kill "${pids[@]}" 2>/dev/null || true
for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
entries=$(counter entries)
while read -r line; do
	# shellcheck disable=SC2086	# the unit's command line, split as systemd does
	run $line
done < <(unit_lines ExecStop)
run ls state

step "Reboot: the module unloaded and loaded again; no alias is left"
run rmmod ftalias
run insmod "$FTALIAS_KO"
run ftaliasctl alias show

step "Boot: the unit restores the saved aliases, then the configuration (ExecStart)"
while read -r line; do
	# shellcheck disable=SC2086
	run $line
done < <(unit_lines ExecStart)
echo "  (-exist: every line of aliases.conf names an alias restored with its state)"
run ls state state/restored
run ftaliasctl cache show accounts
[ "$(counter entries)" = "$entries" ] || die accounts "the cache did not come back"

step "After the reboot: T4 re-sends xfer 6 with its ID; the restored cache answers it"
server D "" -p 10
auto=$(counter hits-auto)
printf '$ ledger_demo teller T4 accounts tellers disk </dev/null\n'
ledger_demo teller T4 accounts tellers disk </dev/null >T4 2>&1 ||
	die T4 "a wrong reply"
news T4
grep -q "xfer 6 .*re-sent ->" T4 || die T4 "did not re-send xfer 6"
! grep -q "xfer 6" D || die D "saw xfer 6"
echo "  (D never saw xfer 6: the kernel answered it from the cache saved at shutdown)"
counters
[ "$(counter hits-auto)" = $((auto + 1)) ] || die accounts "no auto-reply hit"
run ledger_demo check disk 6
