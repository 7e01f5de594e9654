#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Module lifetime: rmmod with aliases in several namespaces frees them and
# insmod starts empty; insmod with a taken or invalid address family
# fails (taken: a clear pr_err); max_aliases gives ENOSPC; 10,000
# create/delete cycles leave no ftalias_alias objects behind (and, on the
# debug kernel, no kmemleak report).  Leaves the module loaded.
source "$(dirname "$0")/lib/lib.sh"

require_root
require_module
require_cmd ip insmod rmmod ftaliasctl
require_nl_stress
[[ -n ${FTALIAS_KO:-} && -r $FTALIAS_KO ]] || skip "FTALIAS_KO not set or unreadable"

ns=ftal-life-$$
cleanup() {
	ip netns del "$ns" 2>/dev/null
	# the runner expects the module loaded, with default parameters
	ensure_loaded || echo "# FAIL: could not load $FTALIAS_KO again"
}
trap cleanup EXIT

count() {
	ftaliasctl "$@" -j info | json_num aliases
}

param() {
	cat "/sys/module/ftalias/parameters/$1"
}

# insmod_must_fail PARAMS...: insmod must fail; its message goes to $out.
insmod_must_fail() {
	if out=$(insmod "$FTALIAS_KO" "$@" 2>&1); then
		fail "insmod $* succeeded"
		rmmod ftalias
		return 1
	fi
	[[ ! -d /sys/module/ftalias ]] || fail "module present after failed insmod $*"
}

dmesg_mark
first_marker=$dmesg_marker
kmemleak=0
if [[ ${FTALIAS_KERNEL:-} == debug ]]; then
	kmemleak_available || die "debug kernel without kmemleak"
	kmemleak_clear
	kmemleak=1
fi

# ---- rmmod with aliases in the init netns and in another one ------------
ip netns add "$ns" || die "ip netns add $ns"
ftaliasctl alias add life-init || fail "add life-init"
ftaliasctl -n "$ns" alias add life-ns || fail "add life-ns"
ip netns exec "$ns" "$NL_STRESS" fill life 300 >/dev/null || fail "fill $ns"
"$NL_STRESS" fill life 300 >/dev/null || fail "fill init netns"
log "$SLAB active objects before rmmod: $(slab_active)"

rmmod ftalias || die "rmmod with aliases present failed"
[[ ! -d /sys/module/ftalias ]] || fail "module still present after rmmod"
[[ -z $(slab_active) ]] || fail "$SLAB cache still exists after rmmod"
if dmesg_since | grep -E "$SLAB|ftalias.*(leak|still has objects)|BUG|WARNING"; then
	fail "kernel complained during rmmod"
fi

insmod "$FTALIAS_KO" || die "insmod after rmmod"
for p in family:22 max_aliases:65536 cache_max_entries:1048576 \
	 cache_max_bytes:1073741824; do
	[[ $(param "${p%%:*}") == "${p#*:}" ]] ||
		fail "default ${p%%:*} is $(param "${p%%:*}"), want ${p#*:}"
done
[[ $(count) == 0 ]] || fail "init netns holds $(count) aliases after reload"
[[ $(count -n "$ns") == 0 ]] || fail "$ns holds $(count -n "$ns") aliases after reload"
ftaliasctl alias show life-init >/dev/null 2>&1 && fail "life-init survived reload"
ftaliasctl -n "$ns" alias add life-ns || fail "name not reusable after reload"
ip netns del "$ns"

# ---- insmod with a taken or invalid family -------------------------------
rmmod ftalias || die "rmmod"
dmesg_mark
insmod_must_fail family=1
log "family=1: $out"
grep -qiE "exists|busy" <<<"$out" || fail "family=1: expected EEXIST or EBUSY, got: $out"
dmesg_since | grep -q "ftalias: address family 1 is in use" ||
	fail "no 'ftalias: address family 1 is in use' in dmesg"
for f in 0 46 255 -1; do
	insmod_must_fail family=$f
	log "family=$f: $out"
	grep -qE "Invalid (parameters|argument)" <<<"$out" || fail "family=$f: expected EINVAL, got: $out"
done

# ---- replay-cache limits of 0 --------------------------------------------
for p in cache_max_entries=0 cache_max_bytes=0; do
	dmesg_mark
	insmod_must_fail "$p"
	log "$p: $out"
	grep -qE "Invalid (parameters|argument)" <<<"$out" || fail "$p: expected EINVAL, got: $out"
	dmesg_since | grep -q "ftalias: cache_max_entries and cache_max_bytes must not be 0" ||
		fail "$p: no 'must not be 0' in dmesg"
done

# ---- max_aliases ---------------------------------------------------------
insmod "$FTALIAS_KO" max_aliases=16 || die "insmod max_aliases=16"
out=$("$NL_STRESS" fill cap 17)
log "max_aliases=16: $out"
[[ $out == "created 16 errno 28" ]] || fail "expected 16 created then ENOSPC (28), got: $out"
ftaliasctl alias add over >/dev/null 2>&1 && fail "17th alias accepted"
rmmod ftalias || die "rmmod"
insmod "$FTALIAS_KO" || die "insmod"

# ---- create/delete cycles: no growth, no leak ----------------------------
base=$(slab_active)
log "$SLAB active objects before cycles: $base"
start=$SECONDS
"$NL_STRESS" cycles 10000 || fail "cycles"
log "10000 cycles in $((SECONDS - start)) s"
if ! wait_slab_at_most "$base" 60; then
	fail "$SLAB active objects $(slab_active) > $base after 10000 cycles"
fi
[[ $(count) == 0 ]] || fail "$(count) aliases left after cycles"

if ((kmemleak)); then
	kmemleak_check_ftalias || fail "kmemleak reports ftalias objects"
fi
dmesg_marker=$first_marker
if dmesg_since | grep -E "BUG|WARNING|KASAN|UBSAN|lockdep|circular locking"; then
	fail "kernel warnings during the test"
fi

finish
