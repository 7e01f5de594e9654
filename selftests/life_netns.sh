#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Aliases are per network namespace: the same name and id can exist in two
# namespaces, each sees only its own, deleting a namespace frees its
# aliases (ftalias_alias slab back to its baseline), and the names can be
# used again in a new namespace.
source "$(dirname "$0")/lib/lib.sh"

require_root
require_module
require_cmd ip ftaliasctl
require_nl_stress

ns1=ftal-a-$$
ns2=ftal-b-$$
cleanup() {
	ip netns del "$ns1" 2>/dev/null
	ip netns del "$ns2" 2>/dev/null
}
trap cleanup EXIT

# a count of aliases: ftaliasctl -j info
count() {
	ftaliasctl "$@" -j info | json_num aliases
}

base=$(slab_active)
[[ -n $base ]] || die "no $SLAB line in /proc/slabinfo (slab_nomerge missing?)"
log "baseline $SLAB active objects: $base"

ip netns add "$ns1" || die "ip netns add $ns1"
ip netns add "$ns2" || die "ip netns add $ns2"
[[ $(count -n "$ns1") == 0 ]] || fail "new netns $ns1 is not empty"

ftaliasctl -n "$ns1" alias add shared id 10 || fail "add shared in $ns1"
ftaliasctl -n "$ns1" alias add only-a || fail "add only-a in $ns1"
ftaliasctl -n "$ns2" alias add shared id 10 mode 0600 || fail "same name and id in $ns2"
ftaliasctl -n "$ns2" alias add only-b || fail "add only-b in $ns2"

# isolation
ftaliasctl -n "$ns1" alias show only-b >/dev/null 2>&1 && fail "only-b visible in $ns1"
ftaliasctl -n "$ns2" alias show only-a >/dev/null 2>&1 && fail "only-a visible in $ns2"
ftaliasctl alias show only-a >/dev/null 2>&1 && fail "only-a visible in init netns"
ftaliasctl alias show only-b >/dev/null 2>&1 && fail "only-b visible in init netns"
ftaliasctl -n "$ns1" alias show only-a >/dev/null || fail "only-a missing in $ns1"
[[ $(count -n "$ns1") == 2 ]] || fail "$ns1 holds $(count -n "$ns1") aliases, want 2"
[[ $(count -n "$ns2") == 2 ]] || fail "$ns2 holds $(count -n "$ns2") aliases, want 2"
m1=$(ftaliasctl -n "$ns1" -j alias show id 10 | json_val mode)
m2=$(ftaliasctl -n "$ns2" -j alias show id 10 | json_val mode)
log "mode of id 10: $m1 in $ns1, $m2 in $ns2"
[[ -n $m1 && $m1 != "$m2" ]] || fail "id 10 is not two aliases (modes $m1, $m2)"

# deleting in one does not touch the other
ftaliasctl -n "$ns2" alias del shared || fail "del shared in $ns2"
ftaliasctl -n "$ns1" alias show shared >/dev/null || fail "shared gone from $ns1 too"

# many aliases in both, then delete the namespaces
ip netns exec "$ns1" "$NL_STRESS" fill bulk 500 >/dev/null || fail "fill $ns1"
ip netns exec "$ns2" "$NL_STRESS" fill bulk 500 >/dev/null || fail "fill $ns2"
[[ $(count -n "$ns2") == 501 ]] || fail "$ns2 holds $(count -n "$ns2") aliases, want 501"
now=$(slab_active)
log "$SLAB active objects with 1003 aliases: $now"
((now >= base + 1003)) || fail "slab did not grow by 1003 ($base -> $now)"

ip netns del "$ns1"
ip netns del "$ns2"
if ! wait_slab_at_most "$base" 60; then
	fail "$SLAB active objects $(slab_active) > baseline $base 60 s after netns del"
	grep "^$SLAB " /proc/slabinfo | sed 's/^/# /'
fi

# names and ids can be used again in a new namespace
ip netns add "$ns1" || die "ip netns add $ns1 again"
[[ $(count -n "$ns1") == 0 ]] || fail "recreated $ns1 is not empty"
ftaliasctl -n "$ns1" alias add shared id 10 || fail "reuse shared id 10"
ftaliasctl -n "$ns1" alias add only-a || fail "reuse only-a"
ip netns del "$ns1"
wait_slab_at_most "$base" 60 || fail "slab above baseline after second netns del"

finish
