#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Lifetime races, for a bounded time: netlink requests and dumps in several
# namespaces, namespaces created and deleted under them, AF_FTALIAS sockets
# opened and closed, and the module unloaded and loaded again, all at once.
# Passes when every worker got answers, the module ends up loaded and
# working, no ftalias_alias object is left and (debug kernel) kmemleak has
# nothing; the runner fails the run on any splat in the kernel log.
#
# FTALIAS_RACES_SECONDS sets the duration (default 20; 40 on the debug
# kernel).
source "$(dirname "$0")/lib.sh"

require_root
require_module
require_cmd ip insmod rmmod ftaliasctl
require_nl_stress
[[ -n ${FTALIAS_KO:-} && -r $FTALIAS_KO ]] || skip "FTALIAS_KO not set or unreadable"

secs=${FTALIAS_RACES_SECONDS:-$([[ ${FTALIAS_KERNEL:-} == debug ]] && echo 40 || echo 20)}
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
	"$NL_STRESS" churn "$secs" >"$tmp/churn$w" 2>&1 &
	pids+=($!)
done
"$NL_STRESS" sockets "$secs" "$af" >"$tmp/sockets" 2>&1 &
pids+=($!)

# Namespaces that come and go with aliases and a writer inside.
(
	i=0
	while ((SECONDS < end)); do
		n=ftal-race-$$-$((i++))
		ip netns add "$n" || exit 1
		ip netns exec "$n" "$NL_STRESS" churn 2 >/dev/null 2>&1 &
		ip netns exec "$n" "$NL_STRESS" fill f 50 >/dev/null 2>&1
		ip netns del "$n"
		wait
	done
	echo "namespaces $i"
) >"$tmp/netns" 2>&1 &
pids+=($!)

# Unload and load again; rmmod fails while a socket is open, which is fine.
unloads=0
while ((SECONDS < end)); do
	if rmmod ftalias 2>/dev/null; then
		unloads=$((unloads + 1))
		insmod "$FTALIAS_KO" || die "insmod failed during the race"
	fi
	# a request or two between unloads: let the workers find the family
	"$NL_STRESS" cycles 5 >/dev/null 2>&1 || true
done

for p in "${pids[@]}"; do
	wait "$p" || fail "a worker failed: $(cat "$tmp"/* | tr '\n' ' ')"
done
pids=()
log "unloads $unloads; $(cat "$tmp"/* | tr '\n' ' ')"
for w in 1 2; do
	grep -q '^answered [1-9]' "$tmp/churn$w" || fail "churn $w got no answer"
done
grep -q '^namespaces [1-9]' "$tmp/netns" || fail "no namespace cycle ran"

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
