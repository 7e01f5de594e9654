#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Lifetime races, for a bounded time: netlink requests and dumps in several
# namespaces, namespaces created and deleted under them, AF_FTALIAS sockets
# opened and closed, data-path traffic (requests, replies, members closing
# and joining, member-set active/backup/draining, aliases deleted under
# load; life_dp_stress traffic), traffic in namespaces killed mid-stream
# (life_dp_stress netns), and the module unloaded and loaded again whenever no
# socket is open, all at once.  Passes when every worker got answers, each
# request got exactly one answer, the module ends up loaded and working,
# no ftalias_alias object is left and (debug kernel) kmemleak has nothing;
# the runner fails the run on any splat in the kernel log.
#
# FTALIAS_RACES_SECONDS sets the duration (default 20; 60 on the debug
# kernel).
source "$(dirname "$0")/lib/lib.sh"

require_root
require_module
require_cmd ip insmod rmmod ftaliasctl
require_nl_stress
DP_STRESS=$test_dir/life_dp_stress
[[ -x $DP_STRESS ]] || skip "$DP_STRESS not built (make selftests)"
[[ -n ${FTALIAS_KO:-} && -r $FTALIAS_KO ]] || skip "FTALIAS_KO not set or unreadable"

secs=${FTALIAS_RACES_SECONDS:-$([[ ${FTALIAS_KERNEL:-} == debug ]] && echo 60 || echo 20)}
af=$(cat /sys/module/ftalias/parameters/family)
tmp=$(mktemp -d)
pids=()
cleanup() {
	kill "${pids[@]}" 2>/dev/null
	wait 2>/dev/null
	for n in $(ip netns list | awk '/^ftal-race-/ { print $1 }'); do
		ip netns del "$n"
	done
	rm -rf "$tmp"
	ensure_loaded || echo "# FAIL: could not load $FTALIAS_KO again"
}
trap cleanup EXIT

kmemleak_available && [[ ${FTALIAS_KERNEL:-} == debug ]] && kmemleak_clear
end=$((SECONDS + secs))

# Two writers and dumpers in the initial namespace.
for w in 1 2; do
	"$NL_STRESS" churn "$secs" "$tmp/pause" >"$tmp/churn$w" 2>&1 &
	pids+=($!)
done
"$NL_STRESS" sockets "$secs" "$af" "$tmp/pause" >"$tmp/sockets" 2>&1 &
pids+=($!)
# The data path: traffic with close, promotion, member-set and alias
# deletion; and traffic in namespaces that die under it.
"$DP_STRESS" traffic "$secs" "$af" "$tmp/pause" >"$tmp/dp_traffic" 2>&1 &
pids+=($!)
"$DP_STRESS" netns "$secs" "$af" "$tmp/pause" >"$tmp/dp_netns" 2>&1 &
pids+=($!)

# Namespaces that come and go with aliases and a writer inside.
(
	i=0
	while ((SECONDS < end)); do
		[[ -e $tmp/pause ]] && { sleep 0.1; continue; }
		n=ftal-race-$$-$((i++))
		ip netns add "$n" || exit 1
		ip netns exec "$n" "$NL_STRESS" churn 2 "$tmp/pause" >/dev/null 2>&1 &
		ip netns exec "$n" "$NL_STRESS" fill f 50 >/dev/null 2>&1
		ip netns del "$n"
		wait
	done
	echo "namespaces $i"
) >"$tmp/netns" 2>&1 &
pids+=($!)

# Unload and load again; rmmod fails while a socket is open or a dump is in
# progress, which is fine.  The data-path workers keep sockets open most of
# the time and the netlink workers dump back to back: every 3 s all of them
# are held between rounds (the pause file) until an rmmod gets through
# (it can take seconds: sockets of the namespaces they left go with them),
# while the namespaces of their last cycle may still be exiting and the
# aliases of the netlink workers still exist.
try_rmmod() { rmmod ftalias 2>/dev/null; }
# What holds the module when a window did not get through: its reference
# count (sockets and dumps in progress hold it), the objects of its
# caches after a shrink, and the namespaces still there.
holders() {
	local c n out="refcnt $(cat /sys/module/ftalias/refcnt 2>/dev/null)"

	for c in FTALIAS ftalias_req ftalias_alias ftalias_rc_entry; do
		[[ -w /sys/kernel/slab/$c/shrink ]] &&
			echo 1 >"/sys/kernel/slab/$c/shrink" 2>/dev/null
		n=$(awk -v c="$c" '$1 == c { print $2 }' /proc/slabinfo)
		out+=" $c ${n:-0}"
	done
	echo "$out; namespaces $(lsns -n -t net 2>/dev/null | wc -l) named $(ip netns list | wc -l)"
}
unloads=0 quiet=$((SECONDS + 3)) windows=()
while ((SECONDS < end)); do
	if try_rmmod; then
		unloads=$((unloads + 1))
		insmod "$FTALIAS_KO" || die "insmod failed during the race"
	elif ((SECONDS >= quiet)); then
		: >"$tmp/pause"
		t0=$(date +%s%N)
		if wait_until 20 try_rmmod; then
			unloads=$((unloads + 1))
			windows+=("$((($(date +%s%N) - t0) / 1000000)) ms")
			insmod "$FTALIAS_KO" || die "insmod failed during the race"
		else
			windows+=("none in 20 s ($(holders))")
		fi
		rm -f "$tmp/pause"
		quiet=$((SECONDS + 3))
	fi
	# a request or two between unloads: let the workers find the family
	"$NL_STRESS" cycles 5 >/dev/null 2>&1 || true
done

for p in "${pids[@]}"; do
	wait "$p" || fail "a worker failed: $(cat "$tmp"/* | tr '\n' ' ')"
done
pids=()
log "unloads $unloads; $(cat "$tmp"/* | tr '\n' ' ')"
log "paused windows: $(IFS=,; echo "${windows[*]:-none}")"
for w in 1 2; do
	grep -q '^answered [1-9]' "$tmp/churn$w" || fail "churn $w got no answer"
done
grep -q '^namespaces [1-9]' "$tmp/netns" || fail "no namespace cycle ran"
grep -q '^rounds [1-9]' "$tmp/dp_traffic" || fail "no data-path round ran"
grep -q '^netns cycles [1-9]' "$tmp/dp_netns" || fail "no data-path namespace cycle ran"
((unloads > 0)) || fail "the module was never unloaded"

# The module works and holds nothing of the race.
ensure_loaded || die "module not loaded after the race"
for n in $(ip netns list | awk '/^ftal-race-/ { print $1 }'); do
	ip netns del "$n"
done
ftaliasctl alias del churn 2>/dev/null || true
n=$(ftaliasctl -j info | json_num aliases)
[[ $n == 0 ]] || fail "$n aliases left in the initial namespace"
"$NL_STRESS" cycles 10 >/dev/null || fail "the module does not answer"
wait_slab_at_most 0 || fail "ftalias_alias objects left: $(slab_active)"

if [[ ${FTALIAS_KERNEL:-} == debug ]] && kmemleak_available; then
	kmemleak_check_ftalias || fail "kmemleak reports ftalias objects"
fi
finish
