#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Soak: the exactly-once ledger (replay_torture: replicas killed with
# SIGKILL while they serve, clients that must get each transfer's answer
# once) round after round for a bounded time, under chaos from outside:
#   - member set-active of a random replica, drain/undrain, priorities;
#   - limit changes of the ledger's replay cache (kept above what the
#     clients can still send again: an evicted entry a client re-sends is
#     executed again, by design) and of cache_total_bytes;
#   - namespaces that run their own ledger with cache flushes (completed and
#     in progress) and tiny limits, deleted mid-traffic with SIGKILL.
# Each round checks its ledger (exactly once, balances); the kernel log is
# checked after every round; at the end no ftalias_alias object is left
# and, on the debug kernel, kmemleak has nothing.
#
# FTALIAS_SOAK_SECONDS sets the duration (default 60; 300 on the debug
# kernel); FTALIAS_SOAK_SEED the seed of the chaos (default: the pid),
# printed.
source "$(dirname "$0")/lib/lib.sh"

require_root
require_module
require_cmd ip ftaliasctl setsid
cd "$(dirname "$0")" || exit 1
[[ -x ./replay_torture ]] || skip "replay_torture not built"

debug=0
[[ ${FTALIAS_KERNEL:-} == debug ]] && debug=1
secs=${FTALIAS_SOAK_SECONDS:-$((debug ? 300 : 60))}
seed=${FTALIAS_SOAK_SEED:-$$}
RANDOM=$seed
log "soak: $secs s, seed $seed"

pids=()
nsname=ftal-soak-$$
stats=/tmp/ftal-soak-$$
# Again until none is left: a ledger forks replicas and clients anew, and
# one forked while pkill went through the list escapes that pkill.
no_ledger_left() {
	pkill -9 -x replay_torture
	! pgrep -x replay_torture >/dev/null
}
cleanup() {
	local p
	for p in "${pids[@]}"; do
		kill -9 -- "-$p" 2>/dev/null
		kill -9 "$p" 2>/dev/null
	done
	wait 2>/dev/null
	# the ledger a namespace worker was running when it was killed
	if ! wait_until 20 no_ledger_left; then
		echo "# FAIL: ledger processes do not exit"
		show_stuck replay_torture
	fi
	for p in $(ip netns list | awk -v n="$nsname" 'index($1, n) == 1 {print $1}'); do
		ip netns del "$p"
	done
	echo $((1 << 30)) >/sys/module/ftalias/parameters/cache_total_bytes
}
trap cleanup EXIT

slab0=$(slab_active)
dmesg_mark
((debug)) && kmemleak_available && kmemleak_clear

ledgers() {
	ftaliasctl alias show 2>/dev/null | awk '$2 ~ /^ledger/ { print $2 }'
}

ports_of() {
	ftaliasctl -j member show "$1" 2>/dev/null |
		grep -o '"port": *[0-9]*' | grep -o '[0-9]*$'
}

pick() {
	(($#)) && { shift $((RANDOM % $#)); echo "$1"; }
}

# Chaos on the ledgers of the initial namespace, until killed.
chaos() {
	local a p n=0
	while :; do
		for a in $(ledgers); do
			p=$(pick $(ports_of "$a"))
			case $((RANDOM % 6)) in
			0 | 1) [[ -n $p ]] && ftaliasctl member set-active "$a" "$p" ;;
			2) [[ -n $p ]] && ftaliasctl member set-priority "$a" "$p" $((RANDOM % 100)) ;;
			3) [[ -n $p ]] && { ftaliasctl member drain "$a" "$p"
			                    ftaliasctl member undrain "$a" "$p"; } ;;
			4) ftaliasctl alias set "$a" cache-max-entries $((4096 + RANDOM)) \
				cache-max-bytes $(((16 + RANDOM % 64) << 20)) \
				cache-ttl-ms $((120000 + RANDOM)) ;;
			5) echo $(((1 << 30) + RANDOM)) \
				>/sys/module/ftalias/parameters/cache_total_bytes ;;
			esac
			n=$((n + 1))
		done >/dev/null 2>&1
		echo "$n" >"$stats.chaos"
		# pacing, not a wait for a condition
		sleep 0.$((RANDOM % 3 + 1))
	done
}

# Namespaces with a ledger each, flushed and squeezed, killed mid-traffic.
doomed() {
	local i=0 ns a pg t
	while :; do
		i=$((i + 1))
		ns=$nsname-$i
		ip netns add "$ns" || return 1
		EO_REQUESTS=100000 EO_CLIENTS=4 EO_MIN_KILLS=0 \
			setsid ip netns exec "$ns" ./replay_torture >/dev/null 2>&1 &
		pg=$!
		for t in $(seq $((RANDOM % 8 + 2))); do
			sleep 0.3
			a=$(ip netns exec "$ns" ftaliasctl alias show 2>/dev/null |
				awk '$2 ~ /^ledger/ { print $2; exit }')
			[[ -n $a ]] || continue
			case $((RANDOM % 3)) in
			0) ip netns exec "$ns" ftaliasctl cache flush "$a" ;;
			1) ip netns exec "$ns" ftaliasctl cache flush "$a" in-progress ;;
			2) ip netns exec "$ns" ftaliasctl alias set "$a" \
				cache-max-entries $((RANDOM % 4 + 1)) \
				cache-max-bytes $((RANDOM % 512 + 1)) ;;
			esac >/dev/null 2>&1
		done
		kill -9 -- "-$pg" 2>/dev/null
		wait "$pg" 2>/dev/null
		ip netns del "$ns" || return 1
		echo "$i" >"$stats.netns"
	done
}

setsid bash -c "$(declare -f ledgers ports_of pick chaos); stats=$stats; RANDOM=$seed; chaos" &
pids+=($!)
setsid bash -c "$(declare -f doomed); nsname=$nsname; stats=$stats; RANDOM=$((seed + 1)); doomed" &
pids+=($!)

end=$((SECONDS + secs))
round=0
while ((SECONDS < end)); do
	round=$((round + 1))
	rs=$((seed * 1000 + round))
	out=$(EO_REQUESTS=$((debug ? 600 : 3000)) EO_CLIENTS=6 EO_MIN_KILLS=3 \
	      EO_SEED=$rs ./replay_torture 2>&1)
	rc=$?
	if ((rc)); then
		printf '%s\n' "$out" | sed 's/^/#   /'
		fail "round $round (EO_SEED=$rs, chaos seed $seed): the ledger failed"
		break
	fi
	log "round $round ok: $(printf '%s\n' "$out" | grep -o '[0-9.]* s, [0-9]* kills by the test, [0-9]* self-kills' | head -1)"
	if dmesg_since | grep -Eq 'BUG:|WARNING:|KASAN|UBSAN|circular locking|unreferenced object|blocked for more than'; then
		dmesg_since | tail -40 | sed 's/^/#   /'
		fail "round $round: the kernel complained"
		break
	fi
done
for p in "${pids[@]}"; do
	kill -0 "$p" 2>/dev/null || fail "a chaos worker died early"
done
cleanup
pids=()
trap - EXIT
((round > 0)) || fail "no round ran"
log "$round rounds; $(cat "$stats.chaos" 2>/dev/null || echo 0) chaos actions on the ledgers; $(cat "$stats.netns" 2>/dev/null || echo 0) namespaces deleted mid-traffic"
rm -f "$stats.chaos" "$stats.netns"

# Nothing of the soak is left (namespaces exit asynchronously).
wait_slab_at_most "${slab0:-0}" 60 || fail "ftalias_alias objects left: $(slab_active), were ${slab0:-0}"
if ((debug)) && kmemleak_available; then
	kmemleak_check_ftalias || fail "kmemleak reports an ftalias object"
fi
finish
