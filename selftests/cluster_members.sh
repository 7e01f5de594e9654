#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The members of cluster aliases, on three TIPC nodes with cluster mode
# on.  An alias of scope cluster made without an id has the same id on
# every node, FNV-1a of its name | 0x80000000 (a local alias's id is below
# it); it cannot be renamed, nor its scope changed.  The members each node
# has of one (ftalias_member processes) show on the others, with their
# node, port, priority, role and state, and follow their changes
# (set-active, set-priority, drain, a member killed), what a node changed
# while it was cut off or cluster mode was off there included; a node's
# members go from the others' view when its link is cut, when it turns
# cluster mode off, when its alias goes, and come back.  Members of local
# aliases are not announced.  Hostile MEMBERS messages from any process of
# a node are counted and change nothing: malformed (rx-bad), well formed
# from a socket that is not ftalias's, as its own node or as another
# (rx-refused), and those of the wire fuzzer (seed printed).  An
# unprivileged user may show them.  Then ftalias and TIPC unload and
# kmemleak is clean.
source "$(dirname "$0")/lib/lib.sh"
source "$(dirname "$0")/lib/cluster.sh"

require_root
require_module
require_cmd ip ftaliasctl awk python3
SEND=$test_dir/lib/tipc_send.py
MEMBER=$test_dir/ftalias_member
[[ -x $MEMBER ]] || skip "$MEMBER not built (make selftests)"
NODE_SVC=0x46540000	# FTALIAS_TIPC_NODE

tmp=$(mktemp -d)
member_pids=()
# The members, killed and reaped here (bash reports jobs killed behind
# its back): before the namespaces go.
stop_members() {
	((${#member_pids[@]})) || return 0
	kill -KILL "${member_pids[@]}" 2>/dev/null
	wait "${member_pids[@]}" 2>/dev/null
	member_pids=()
}
cleanup() {
	stop_members
	cl_cleanup
	rm -rf "$tmp"
}
trap cleanup EXIT

# start_member NAME I ARGS...: ftalias_member ARGS in node I, in the
# background; its pid in pid_NAME, its port in port_NAME
start_member() {
	local name=$1 i=$2 out=$tmp/member-$1
	shift 2
	ip netns exec "$(cl_ns "$i")" "$MEMBER" "$@" >"$out" 2>&1 &
	member_pids+=($!)
	printf -v "pid_$name" %s "$!"
	wait_until 10 grep -q '^port [0-9]' "$out" ||
		die "ftalias_member $* on node $i: $(cat "$out")"
	printf -v "port_$name" %s "$(sed -n '1s/^port \([0-9]*\).*/\1/p' "$out")"
}

# The polls read member show's text with awk (a python per poll costs
# seconds on the debug kernel).  Its columns: ALIAS PORT PID PRIORITY ROLE
# STATE ('*' before the active one's) QUEUE-LEN INCARNATION NODE (8 hex
# digits; '-' for what another node's member lacks).

# mlist I ALIAS [J]: node I's members of ALIAS (every alias's: ALIAS
# empty), node J's only if given: "alias port priority role state node"
# a line, sorted; fails if member show does
mlist() {
	local a='' out
	[[ -n ${3:-} ]] && a=$(printf '%08x' "$(cl_addr "$3")")
	# shellcheck disable=SC2086 # no ALIAS: no word
	out=$(cl_ctl "$1" member show $2 2>&1) || { echo "member show: $out"; return 1; }
	[[ -n $out ]] || return 0
	awk -v a="$a" '
		NR > 1 && (a == "" || $NF == a) {
			s = $6; sub(/^\*/, "", s); print $1, $2, $4, $5, s, $NF
		}' <<<"$out" | sort
}

# want ALIAS J "PORT PRIORITY ROLE STATE"...: mlist's lines for node J's
want() {
	local alias=$1 a m
	a=$(printf '%08x' "$(cl_addr "$2")")
	shift 2
	for m; do
		echo "$alias $m $a"
	done | sort
}

# mlist_is I ALIAS J WANT: node I lists WANT as node J's members of ALIAS
mlist_is() {
	local got
	got=$(mlist "$1" "$2" "$3") && [[ $got == "$4" ]]
}

# agree I J ALIAS: node I lists node J's members of ALIAS as node J does
# (and they are some)
agree() {
	local mine
	mine=$(mlist "$2" "$3" "$2") && [[ -n $mine ]] && mlist_is "$1" "$3" "$2" "$mine"
}

# expect_view I ALIAS J WANT WHAT: wait until node I lists WANT as node J's
# members of ALIAS (after WHAT)
expect_view() {
	wait_until 20 mlist_is "$1" "$2" "$3" "$4" ||
		fail "after $5: node $1 lists as node $3's members of $2:" \
		     "'$(mlist "$1" "$2" "$3" | tr '\n' '|')', want '$(tr '\n' '|' <<<"$4")'"
}

alias_id() {
	cl_ctl "$1" -j alias show "$2" | json_num id
}

cl_setup 3

# --- 1. three nodes, cluster mode on, all up -----------------------------------
for i in 1 2 3; do
	cl_ctl "$i" cluster set enable || die "cluster set enable on node $i"
done
wait_until 20 cl_all_up 1 2 3 || die "not all nodes up: $(for i in 1 2 3; do cl_ctl "$i" node show; done)"
log "[$SECONDS s] three nodes up"
a2=$(printf '%08x' "$(cl_addr 2)")
a3=$(printf '%08x' "$(cl_addr 3)")

# --- 2. cluster aliases: one id from the name; scope fixed, no rename ---------
svc=$(cl_fnv_id svc)
log "FNV-1a(\"svc\") | 0x80000000 = $svc ($(printf %#x "$svc"))"
for i in 1 2 3; do
	expect_rc 0 cl_ctl "$i" alias add svc scope cluster || die "alias add svc on node $i"
	grep -qw svc "$tmp/out" || fail "node $i: alias add printed no alias: $(cat "$tmp/out")"
	id=$(alias_id "$i" svc)
	[[ $id == "$svc" ]] || fail "node $i: svc has id '$id', want $svc"
	cl_ctl "$i" -j alias show svc | grep -q '"scope": *"cluster"' ||
		fail "node $i: svc is not of scope cluster: $(cl_ctl "$i" -j alias show svc)"
	cl_ctl "$i" alias add loc >/dev/null || die "alias add loc on node $i"
	id=$(alias_id "$i" loc)
	[[ -n $id ]] && ((id <= 0x7fffffff)) ||
		fail "node $i: local alias loc has id '$id'"
	printf -v "loc$i" %s "$id"
	cl_ctl "$i" -j alias show loc | grep -q '"scope": *"local"' ||
		fail "node $i: loc is not of scope local: $(cl_ctl "$i" -j alias show loc)"
done
# an explicit id (on nodes 1 and 3)
for i in 1 3; do
	expect_rc 0 cl_ctl "$i" alias add fixed id 4242 scope cluster
	[[ $(alias_id "$i" fixed) == 4242 ]] || fail "node $i: fixed has id $(alias_id "$i" fixed), want 4242"
done
# no rename: the kernel's EINVAL, as ftaliasctl reports a kernel error
expect_rc 1 cl_ctl 1 alias set id "$svc" name svc2 &&
	{ grep -q '^Error: .*name' "$tmp/err" || fail "rename of a cluster alias: stderr '$(cat "$tmp/err")'"; }
log "rename of a cluster alias: $(head -n1 "$tmp/err")"
cl_ctl 1 alias show svc >/dev/null || fail "svc gone after a refused rename"
cl_ctl 1 alias show svc2 >/dev/null 2>&1 && fail "svc renamed to svc2"
# the local one may be renamed (and back)
expect_rc 0 cl_ctl 1 alias set id "$loc1" name loc-b && expect_rc 0 cl_ctl 1 alias set id "$loc1" name loc
# no scope change: a usage error, nothing sent
expect_rc 2 cl_ctl 1 alias set svc scope local &&
	{ grep -q scope "$tmp/err" || fail "alias set scope: stderr '$(cat "$tmp/err")'"; }
cl_ctl 1 -j alias show svc | grep -q '"scope": *"cluster"' || fail "svc's scope changed"

# --- 3. members on nodes 2 and 3, seen by the others ---------------------------
# A member of a local alias first: never announced (checked once the
# later ones are seen).
start_member l2 2 "$loc2"
start_member s20 2 -p 20 "$svc"	# first: the active one
start_member s10 2 -p 10 "$svc"
start_member s3 3 -p 7 -r standby "$svc"
start_member f3 3 4242
w2=$(want svc 2 "$port_s20 20 replica active" "$port_s10 10 replica backup")
[[ $(mlist 2 svc 2) == "$w2" ]] ||
	fail "node 2's own members of svc: '$(mlist 2 svc 2 | tr '\n' '|')', want '$(tr '\n' '|' <<<"$w2")'"
w3=$(mlist 3 svc 3)
[[ $w3 == "svc $port_s3 7 standby "*" $a3" ]] || fail "node 3's own members of svc: '$w3'"
expect_view 1 svc 2 "$w2" "the members joined"
expect_view 1 svc 3 "$w3" "the members joined"
expect_view 2 svc 3 "$w3" "the members joined"
expect_view 3 svc 2 "$w2" "the members joined"
expect_view 1 fixed 3 "$(mlist 3 fixed 3)" "the members joined"
[[ -n $(mlist 1 svc 1) ]] && fail "node 1 lists members of its own: $(mlist 1 svc 1)"
[[ $(mlist 1 svc | wc -l) == 3 ]] || fail "node 1 lists $(mlist 1 svc | wc -l) members of svc, want 3"
# node 1's whole list: no member of node 2's local alias, node 3's of
# fixed under its name (the id is the same here)
mlist 1 "" >"$tmp/all1"
awk -v a="$a2" -v p="$port_l2" '$6 == a && $2 == p' "$tmp/all1" | grep -q . &&
	fail "node 2's member of a local alias announced: $(cat "$tmp/all1")"
grep -q "^fixed $port_f3 .* $a3\$" "$tmp/all1" || fail "node 1's list lacks fixed's member: $(cat "$tmp/all1")"
[[ $(wc -l <"$tmp/all1") == 4 ]] || fail "node 1 lists $(wc -l <"$tmp/all1") members, want 4: $(cat "$tmp/all1")"

# JSON: node as a number, remote members without pid, queue-len, incarnation
jview() {	# FILE: "alias-id node port priority role state keys" a line
	python3 -c '
import json, sys
for m in json.load(open(sys.argv[1])):
    print(m["alias-id"], m.get("node", "-"), m["port"], m["priority"],
          m["role"], m["state"], ",".join(sorted(m)))' "$1" | sort
}
remote_keys='alias-id,node,port,priority,role,state'
local_keys='alias-id,incarnation,node,pid,port,priority,queue-len,role,state'
cl_ctl 1 -j member show svc >"$tmp/m1.json" || fail "-j member show svc on node 1"
want_j=$(printf '%s\n' \
	"$svc $(cl_addr 2) $port_s20 20 replica active $remote_keys" \
	"$svc $(cl_addr 2) $port_s10 10 replica backup $remote_keys" \
	"$svc $(cl_addr 3) $port_s3 7 standby $(awk '{ print $5 }' <<<"$w3") $remote_keys" | sort)
got_j=$(jview "$tmp/m1.json")
[[ $got_j == "$want_j" ]] || fail "node 1's JSON: '$got_j', want '$want_j'"
cl_ctl 2 -j member show svc >"$tmp/m2.json" || fail "-j member show svc on node 2"
want_j=$(printf '%s\n' \
	"$svc $(cl_addr 2) $port_s20 20 replica active $local_keys" \
	"$svc $(cl_addr 2) $port_s10 10 replica backup $local_keys" \
	"$svc $(cl_addr 3) $port_s3 7 standby $(awk '{ print $5 }' <<<"$w3") $remote_keys" | sort)
got_j=$(jview "$tmp/m2.json")
[[ $got_j == "$want_j" ]] || fail "node 2's JSON: '$got_j', want '$want_j'"
python3 -c '
import json, sys
pids = {m["port"]: m["pid"] for m in json.load(open(sys.argv[1])) if "pid" in m}
want = {int(sys.argv[2]): int(sys.argv[3]), int(sys.argv[4]): int(sys.argv[5])}
sys.exit(pids != want and "pids %s, want %s" % (pids, want))' \
	"$tmp/m2.json" "$port_s20" "$pid_s20" "$port_s10" "$pid_s10" ||
	fail "node 2's own members' pids"

log "[$SECONDS s] node 1 sees the members of nodes 2 and 3"

# --- 8. unprivileged: member show is open to every user -------------------------
if command -v setpriv >/dev/null; then
	ip netns exec "$(cl_ns 1)" setpriv --reuid=65534 --regid=65534 --clear-groups \
		ftaliasctl member show svc >"$tmp/unpriv" 2>&1 ||
		fail "unprivileged member show: $(cat "$tmp/unpriv")"
	cl_ctl 1 member show svc >"$tmp/priv"
	cmp -s "$tmp/priv" "$tmp/unpriv" ||
		fail "unprivileged member show differs: '$(cat "$tmp/unpriv")', root's '$(cat "$tmp/priv")'"
	expect_rc 1 ip netns exec "$(cl_ns 2)" setpriv --reuid=65534 --regid=65534 \
		--clear-groups ftaliasctl member set-priority svc "$port_s10" 99
fi

# --- 4. changes on node 2 follow on node 1 ----------------------------------------
cl_ctl 2 member set-active svc "$port_s10" || fail "set-active on node 2"
w2=$(want svc 2 "$port_s20 20 replica backup" "$port_s10 10 replica active")
[[ $(mlist 2 svc 2) == "$w2" ]] || fail "node 2 after set-active: $(mlist 2 svc 2)"
expect_view 1 svc 2 "$w2" "set-active"
# the other changes: node 1 follows node 2's own list, which has them
# (the states there are the promotion policy's business)
has() {	# W2 LINE: node 2's list has LINE
	grep -q "^svc $2 $a2\$" <<<"$1" || fail "node 2's own list lacks '$2': $(tr '\n' '|' <<<"$1")"
}
cl_ctl 2 member set-priority svc "$port_s20" 30 || fail "set-priority on node 2"
w2=$(mlist 2 svc 2)
has "$w2" "$port_s20 30 replica [a-z]*"
expect_view 1 svc 2 "$w2" "set-priority"
cl_ctl 2 member drain svc "$port_s20" || fail "drain on node 2"
w2=$(mlist 2 svc 2)
has "$w2" "$port_s20 30 replica draining"
expect_view 1 svc 2 "$w2" "drain"
# a member killed (the active one: the draining one is not promoted)
kill "$pid_s10"
wait "$pid_s10" 2>/dev/null
w2=$(want svc 2 "$port_s20 30 replica draining")
wait_until 10 mlist_is 2 svc 2 "$w2" || fail "node 2 after the kill: $(mlist 2 svc 2)"
expect_view 1 svc 2 "$w2" "the active member was killed"
cl_ctl 2 member undrain svc "$port_s20" || fail "undrain on node 2"
wait_until 10 agree 1 2 svc || fail "node 1 after undrain: $(mlist 1 svc 2), node 2 $(mlist 2 svc 2)"
w2=$(mlist 2 svc 2)
expect_view 3 svc 2 "$w2" "the changes on node 2"

# --- 5. a node's members go with it, and come back ----------------------------------
# node 3's link cut: gone from node 1's view (node 2's stay); a change on
# node 3 meanwhile, seen once the link is back
cl_link_down 3
wait_until 20 mlist_is 1 svc 3 "" ||
	fail "node 1 still lists node 3's members with its link down ($(cl_node_state 1 3)): $(mlist 1 svc 3)"
[[ $(cl_node_state 1 3) == up ]] && fail "node 1 dropped node 3's members with node 3 up"
mlist_is 1 svc 2 "$w2" || fail "node 1 lost node 2's members with node 3's link cut: $(mlist 1 svc 2)"
mlist_is 1 fixed 3 "" || fail "node 1 still lists node 3's member of fixed"
cl_ctl 3 member set-priority svc "$port_s3" 8 || fail "set-priority on node 3"
cl_link_up 3
wait_until 30 cl_all_up 1 2 3 || fail "node 3 not up again: 1 sees $(cl_node_state 1 3), 3 sees $(cl_node_state 3 1)"
w3=$(mlist 3 svc 3)
[[ $w3 == "svc $port_s3 8 standby "*" $a3" ]] || fail "node 3's own members of svc: '$w3'"
expect_view 1 svc 3 "$w3" "node 3's link came back"
expect_view 1 fixed 3 "$(mlist 3 fixed 3)" "node 3's link came back"

# cluster mode off on node 2: its members gone from node 1's view, no node
# of its own members; a change meanwhile; on again: back, with the change
cl_ctl 2 cluster set disable || fail "disable node 2"
wait_until 20 mlist_is 1 svc 2 "" || fail "node 1 still lists node 2's members with cluster mode off there: $(mlist 1 svc 2)"
cl_ctl 2 member show svc | head -n1 | grep -qw NODE && fail "node 2's members have a node with cluster mode off"
cl_ctl 2 -j member show svc | grep -q '"node"' && fail "node 2's JSON has a node with cluster mode off"
[[ $(cl_ctl 2 member show svc | awk 'NR > 1' | wc -l) == 1 ]] ||
	fail "node 2 with cluster mode off lists other nodes' members: $(cl_ctl 2 member show svc)"
cl_ctl 2 member set-priority svc "$port_s20" 40 || fail "set-priority with cluster mode off"
mlist_is 1 svc 3 "$w3" || fail "node 1 lost node 3's members as node 2 went: $(mlist 1 svc 3)"
cl_ctl 2 cluster set enable || fail "enable node 2 again"
wait_until 20 cl_all_up 1 2 3 || fail "node 2 not up again"
w2=$(mlist 2 svc 2)
[[ $w2 == "svc $port_s20 40 replica "*" $a2" ]] || fail "node 2's own members of svc: '$w2'"
expect_view 1 svc 2 "$w2" "cluster mode on again on node 2"
expect_view 2 svc 3 "$w3" "cluster mode on again on node 2"

# svc deleted on node 2: its members gone from node 1's view; a new svc
# there (the same id) and a member: back
cl_ctl 2 alias del svc || fail "alias del svc on node 2"
expect_view 1 svc 2 "" "alias del svc on node 2"
mlist_is 1 svc 3 "$w3" || fail "node 1 lost node 3's members as node 2's svc went: $(mlist 1 svc 3)"
cl_ctl 2 alias add svc scope cluster >/dev/null || fail "alias add svc on node 2 again"
[[ $(alias_id 2 svc) == "$svc" ]] || fail "node 2's new svc has id $(alias_id 2 svc)"
start_member n2 2 -p 5 "$svc"
w2=$(want svc 2 "$port_n2 5 replica active")
expect_view 1 svc 2 "$w2" "a new svc and member on node 2"

log "[$SECONDS s] members followed through changes, cuts, cluster mode off and on, alias del"

# --- 6. hostile MEMBERS messages to node 1's node socket, from node 3 ----------------
mlist 1 "" >"$tmp/before" && [[ $(wc -l <"$tmp/before") == 3 ]] ||
	fail "node 1's list before the hostile messages: $(cat "$tmp/before")"
bad0=$(cl_cstat 1 rx-bad)
ref0=$(cl_cstat 1 rx-refused)
# mhdr LEN [NR [ALIAS [FLAGS]]]: a MEMBERS header of node 3 (its boot id),
# the alias and count; mem PORT PRIO ROLE STATE [RESERVED]: a member
boot3=$(cl_cstat 3 boot-id)	# hex, 16 digits in the header
boot3=$(printf '%16s' "$boot3" | tr ' ' 0)
mhdr() {
	printf '%08x%02x%02x%04x%08x%08x%s%08x%08x' 0x46544c43 1 2 "${4:-0}" \
		"$1" "$(cl_addr 3)" "$boot3" "${3:-$svc}" "${2:-1}"
}
mem() {
	printf '%08x%08x%02x%02x%04x' "$1" "$2" "$3" "$4" "${5:-0}"
}
ok=$(mem 77 1 0 0)
bad=(
	"$(mhdr 32 257)"				# nr 257, none there
	"$(mhdr 32 4294967295)"				# nr 2^32 - 1
	"$(mhdr 44 2)$ok"				# nr 2, one there
	"$(mhdr 44 0)$ok"				# nr 0, one there
	"$(mhdr 56 1)$ok$ok"				# nr 1, two there
	"$(mhdr 45 1)$ok"				# len 45, has 44
	"$(mhdr 28 1 | cut -c1-56)"			# 28 bytes: no count
	"$(mhdr 44 1)$(mem 0 1 0 0)"			# port 0
	"$(mhdr 56 2)$ok$(mem 78 1 2 0)"		# role 2
	"$(mhdr 44 1)$(mem 77 1 0 3)"			# state 3
	"$(mhdr 44 1)$(mem 77 1 0 0 1)"			# reserved 1
	"$(mhdr 44 1)$(mem 77 1 0 0 0x8000)"		# reserved 0x8000
	"$(mhdr 44 1 0)$ok"				# alias 0
	"$(mhdr 32 0 0)"				# alias 0, none
	"$(mhdr 44 1 "$svc" 1)$ok"			# flags 1
	"$(mhdr 44 1 "$svc" 0x8000)$ok"			# flags 0x8000
)
ip netns exec "$(cl_ns 3)" "$SEND" send "$NODE_SVC" "$(cl_addr 1)" "${bad[@]}" ||
	fail "tipc_send.py send"
wait_until 10 cl_cstat_is 1 rx-bad $((bad0 + ${#bad[@]})) ||
	fail "node 1: rx-bad $(cl_cstat 1 rx-bad), want $((bad0 + ${#bad[@]}))"
# well formed, from a socket that is not ftalias's: as node 3 (a member
# more, a withdrawal of svc), as node 2 (its boot id: a forged node field)
fake=77:1:0:0
boot2=0x$(cl_cstat 2 boot-id)
ip netns exec "$(cl_ns 3)" "$SEND" members "$NODE_SVC" "$(cl_addr 1)" \
	"$(cl_addr 3)" "0x$boot3" "$svc" $fake -- "$(cl_addr 3)" "0x$boot3" "$svc" -- \
	"$(cl_addr 2)" "$boot2" "$svc" $fake -- "$(cl_addr 2)" "$boot2" "$svc" -- \
	"$(cl_addr 3)" "0x$boot3" 4242 || fail "tipc_send.py members"
wait_until 10 cl_cstat_is 1 rx-refused $((ref0 + 5)) ||
	fail "node 1: rx-refused $(cl_cstat 1 rx-refused), want $((ref0 + 5))"
cl_cstat_is 1 rx-bad $((bad0 + ${#bad[@]})) || fail "node 1: rx-bad $(cl_cstat 1 rx-bad) after the refused ones"
mlist 1 "" >"$tmp/after"
cmp -s "$tmp/before" "$tmp/after" ||
	fail "hostile MEMBERS changed node 1's view: $(diff "$tmp/before" "$tmp/after" | tr '\n' '|')"
cl_all_up 1 2 3 || fail "not all up after hostile MEMBERS"

# --- 7. the wire fuzzer: mutated MEMBERS (FTALIAS_FUZZ_SEED fixes the seed), in
# batches that node 1's socket has room for; each counted once, as
# malformed or refused, and nothing changes
seed=${FTALIAS_FUZZ_SEED:-$(( (RANDOM << 15 | RANDOM) ))}
batches=${CL_FUZZ_BATCHES:-$([[ ${FTALIAS_KERNEL:-} == debug ]] && echo 3 || echo 6)}
log "wire fuzz of MEMBERS: seed $seed, $batches batches of 100 (reproduce: FTALIAS_FUZZ_SEED=$seed)"
rx0=$(cl_cstat 1 rx)
for ((b = 0; b < batches; b++)); do
	want=$(($(cl_dropped 1) + 100))
	# alternately svc's id (which node 3 announces) and fixed's
	ip netns exec "$(cl_ns 3)" "$SEND" fuzz-members "$NODE_SVC" "$(cl_addr 1)" \
		"$(cl_addr 3)" $((seed + b)) 100 $((b % 2 ? 4242 : svc)) || fail "tipc_send.py fuzz-members"
	wait_until 20 cl_dropped_is 1 "$want" ||
		{ fail "seed $seed batch $b: node 1 counted $(cl_dropped 1) bad or refused, want $want"; break; }
done
log "node 1: rx-bad $(cl_cstat 1 rx-bad) rx-refused $(cl_cstat 1 rx-refused); rx $rx0 -> $(cl_cstat 1 rx)"
mlist 1 "" >"$tmp/after"
cmp -s "$tmp/before" "$tmp/after" ||
	fail "the fuzzer changed node 1's view (seed $seed): $(diff "$tmp/before" "$tmp/after" | tr '\n' '|')"
cl_all_up 1 2 3 || fail "not all up after the fuzzer (seed $seed)"
# the real announcements still come through
cl_ctl 3 member set-priority svc "$port_s3" 9 || fail "set-priority on node 3"
expect_view 1 svc 3 "$(mlist 3 svc 3)" "the fuzzer, a change on node 3"

log "[$SECONDS s] hostile and fuzzed MEMBERS refused"

# --- 9. everything goes; the modules unload ------------------------------------------
stop_members
cl_unload
finish
