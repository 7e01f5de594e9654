#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Requests and replies across the nodes of a cluster, on three TIPC nodes
# with cluster mode on and the cluster alias rr (the same id on each).
# The servers and clients are cluster_rr processes (serve, call); a client
# checks that each of its requests gets exactly one reply, echoing it.
#
#   a. A server on node 2, a client on node 1: 200 requests, 8 in flight,
#      all answered once; the server reads the requester's node (node 1)
#      in the ID and in msg_name, the client the server's node in msg_name;
#      req-tx/reply-rx on node 1 and req-rx/reply-tx on node 2 count them.
#   b. Requests of 65536, 0 and 1 bytes cross, both ways.
#   c. A member on node 1 too: the requests stay on node 1 (src_node 0,
#      node 0 in the ID), node 1's req-tx does not move.
#   r. A requester made again (a local alias deleted and made again
#      with its id, whose first request has the ID but for its port of
#      one node 2 still holds): its request is its own, served by node 3
#      once node 2's server goes; the old one is not.
#   d. Members on nodes 2 and 3: node 2 (the lowest address) serves; its
#      server dies at its 50th request without answering: the client still
#      gets its 200 replies exactly once, node 3 serving the rest and that
#      50th request with FTALIAS_F_REDELIVERED; nack counters move.
#   e. Node 2's server holds 8 requests (never answers); node 2's link is
#      cut, then (again) node 2 deleted: all answered by node 3, the held
#      ones redelivered there.
#   f. No member anywhere: the requests fail with EHOSTUNREACH notices
#      after the alias's grace-ms.
#   g. Hostile data messages from a process of a node (lib/tipc_send.py):
#      well-formed REQs from a socket that is not ftalias's, as its node,
#      as another, with another node's ID: rx-refused, nothing delivered;
#      malformed REQ/REPLY/NOTICE/NACK: rx-bad, each counted once; forged
#      REPLY/NOTICE/NACK for a pending request and for none: refused, the
#      client sees nothing of them (and still gets its real reply, over a
#      take-back: NACK, then node 3); the data-message wire fuzzer
#      (FTALIAS_FUZZ_SEED replays it): each counted once in rx-bad +
#      rx-refused, and requests still cross.
#   h. ftalias and TIPC unload, kmemleak clean.
# Failures name the case and what was expected and got, with the
# client's summary and the server's last lines.
#
# shellcheck disable=SC2154,SC2317
# (SC2154: pid_NAME and port_NAME are set by printf -v; SC2317: functions
# run by wait_until and trap)
source "$(dirname "$0")/lib/lib.sh"
source "$(dirname "$0")/lib/cluster.sh"

require_root
require_module
require_cmd ip ftaliasctl awk python3
SEND=$test_dir/lib/tipc_send.py
RR=$test_dir/cluster_rr
[[ -x $RR ]] || skip "$RR not built (make selftests)"
NODE_SVC=0x46540000	# FTALIAS_TIPC_NODE
EHOSTUNREACH=113

tmp=$(mktemp -d)
procs=()
# The servers and clients, killed and reaped here: before the namespaces go.
stop_procs() {
	((${#procs[@]})) || return 0
	kill -KILL "${procs[@]}" 2>/dev/null
	wait "${procs[@]}" 2>/dev/null
	procs=()
}
cleanup() {
	stop_procs
	cl_cleanup
	rm -rf "$tmp"
}
trap cleanup EXIT

# ---- helpers --------------------------------------------------------------

# ctr I KEY: a counter of node I's cluster show ("absent" if it has none)
ctr() {
	local v
	v=$(cl_cstat "$1" "$2")
	[[ $v =~ ^[0-9]+$ ]] || v=absent
	echo "$v"
}

# ctr_ge I KEY MIN: node I's counter KEY is at least MIN
ctr_ge() {
	local v
	v=$(ctr "$1" "$2")
	[[ $v != absent ]] && ((v >= $3))
}

# expect_grew CASE I KEY BEFORE DELTA: wait until node I's KEY has grown
# by DELTA at least since BEFORE, or fail
expect_grew() {
	if [[ $4 == absent ]]; then
		fail "case $1: node $2's cluster show has no $3"
		return 1
	fi
	wait_until 10 ctr_ge "$2" "$3" $(($4 + $5)) ||
		fail "case $1: node $2's $3 went $4 -> $(ctr "$2" "$3"), want +$5 at least"
}

# expect_same CASE I KEY BEFORE: node I's KEY is still BEFORE
expect_same() {
	local v
	v=$(ctr "$2" "$3")
	[[ $v == "$4" ]] || fail "case $1: node $2's $3 is $v, want $4 (unchanged)"
}

# no_drops CASE I BEFORE: node I has dropped nothing since its rx-bad +
# rx-refused were BEFORE (legitimate traffic is neither)
no_drops() {
	[[ $(cl_dropped "$2") == "$3" ]] ||
		fail "case $1: node $2 dropped legitimate messages: rx-bad + rx-refused went $3 -> $(cl_dropped "$2") (rx-bad $(ctr "$2" rx-bad), rx-refused $(ctr "$2" rx-refused))"
}

# active_at I ALIAS J PORT: node I's member show of ALIAS lists node J's
# member PORT as active (columns: ALIAS PORT PID PRIORITY ROLE STATE
# QUEUE-LEN INCARNATION NODE; '*' before the active one's state)
active_at() {
	cl_ctl "$1" member show "$2" 2>/dev/null |
		awk -v a="$(printf '%08x' "$(cl_addr "$3")")" -v p="$4" '
			NR > 1 && $NF == a && $2 == p {
				s = $6; sub(/^\*/, "", s); if (s == "active") f = 1
			}
			END { exit !f }'
}

# none_at I ALIAS J: node I lists no member of node J for ALIAS
none_at() {
	local out
	out=$(cl_ctl "$1" member show "$2" 2>/dev/null) || return 1
	awk -v a="$(printf '%08x' "$(cl_addr "$3")")" \
		'NR > 1 && $NF == a { f = 1 } END { exit f }' <<<"$out"
}

# expect_active CASE I ALIAS J PORT: wait until node I sees node J's
# member PORT of ALIAS active, or die (nothing after makes sense)
expect_active() {
	wait_until 20 active_at "$2" "$3" "$4" "$5" ||
		die "case $1: node $2 does not see node $4's member $5 of $3 active:" \
		    "$(cl_ctl "$2" member show "$3" | tr '\n' '|')"
}

# start_srv NAME I ALIAS_ID ARGS...: cluster_rr serve in node I, in the
# background; its output in $tmp/srv-NAME, pid in pid_NAME, port in
# port_NAME
start_srv() {
	local name=$1 i=$2 alias=$3 out=$tmp/srv-$1
	shift 3
	ip netns exec "$(cl_ns "$i")" "$RR" serve "$alias" "$@" >"$out" 2>&1 &
	procs+=($!)
	printf -v "pid_$name" %s "$!"
	wait_until 10 grep -q '^port [0-9]' "$out" ||
		die "cluster_rr serve $alias $* on node $i: $(cat "$out")"
	printf -v "port_$name" %s "$(sed -n '1s/^port \([0-9]*\).*/\1/p' "$out")"
}

# stop NAME: kill server or client NAME and reap it
stop() {
	local pid_var=pid_$1
	kill -KILL "${!pid_var}" 2>/dev/null
	wait "${!pid_var}" 2>/dev/null
}

# srv_count NAME [COND]: the request lines of server NAME for which the
# awk condition COND holds (f["KEY"]: the line's KEY=VALUE fields)
srv_count() {
	awk "
		/^req / {
			delete f
			for (i = 2; i <= NF; i++) {
				split(\$i, kv, \"=\"); f[kv[1]] = kv[2]
			}
			if (${2:-1}) n++
		}
		END { print n + 0 }" "$tmp/srv-$1"
}

# srv_xids NAME [COND]: their xids, in the order read
srv_xids() {
	awk "
		/^req / {
			delete f
			for (i = 2; i <= NF; i++) {
				split(\$i, kv, \"=\"); f[kv[1]] = kv[2]
			}
			if (${2:-1}) print f[\"xid\"]
		}" "$tmp/srv-$1"
}

# holds NAME PORT N: server NAME read at least N requests of port PORT
holds() {
	(($(srv_count "$1" "f[\"port\"] == $2") >= $3))
}

# holds_of NAME ALIAS N: server NAME read at least N requests of members
# of ALIAS
holds_of() {
	(($(srv_count "$1" "f[\"alias\"] == $2") >= $3))
}

# srv_tail NAME: the last lines of server NAME, for messages
srv_tail() {
	tail -n 4 "$tmp/srv-$1" | tr '\n' '|'
}

# start_call NAME I ALIAS_ID ARGS...: cluster_rr call in node I, in the
# background: output in $tmp/call-NAME, pid in pid_NAME, port in port_NAME
start_call() {
	local name=$1 i=$2 alias=$3 out=$tmp/call-$1
	shift 3
	ip netns exec "$(cl_ns "$i")" "$RR" call "$alias" "$@" >"$out" 2>&1 &
	procs+=($!)
	printf -v "pid_$name" %s "$!"
	wait_until 10 grep -q '^port [0-9]' "$out" ||
		die "cluster_rr call $alias $* on node $i: $(cat "$out")"
	printf -v "port_$name" %s "$(sed -n '1s/^port \([0-9]*\).*/\1/p' "$out")"
}

# call_report NAME: the client's summary, what it misses and the first
# things it found wrong
call_report() {
	local f=$tmp/call-$1
	{
		grep -e '^replies ' -e '^missing' "$f"
		grep -v -e '^port ' -e '^reply ' -e '^notice ' -e '^replies ' -e '^missing' "$f" | head -n 4
	} | tr '\n' '|'
}

# end_call CASE NAME WANT_NODES: wait for client NAME; it must have
# succeeded (exit 0: every request answered once, as expected), its
# replies from the nodes WANT_NODES ("A,B", sorted; "-": none)
end_call() {
	local pid_var=pid_$2 rc nodes
	wait "${!pid_var}"
	rc=$?
	nodes=$(sed -n 's/^replies .* nodes //p' "$tmp/call-$2")
	if ((rc)); then
		fail "case $1: client $2 exited $rc, want 0: $(call_report "$2")"
		return 1
	fi
	if [[ $nodes != "$3" ]]; then
		fail "case $1: client $2's replies came from nodes '$nodes', want '$3'"
		return 1
	fi
}

# run_call CASE NAME I WANT_NODES ALIAS_ID ARGS...: a client in the
# foreground, ended as by end_call
run_call() {
	local tcase=$1 name=$2 i=$3 want=$4
	shift 4
	start_call "$name" "$i" "$@"
	end_call "$tcase" "$name" "$want"
}

# ---- 1. three nodes, cluster mode on, the cluster aliases --------------------------
cl_setup 3
for i in 1 2 3; do
	cl_ctl "$i" cluster set enable || die "cluster set enable on node $i"
done
wait_until 20 cl_all_up 1 2 3 || die "not all nodes up: $(for i in 1 2 3; do cl_ctl "$i" node show; done)"
a1=$(cl_addr 1)
a2=$(cl_addr 2)
a3=$(cl_addr 3)
log "[$SECONDS s] three nodes up: $a1 $a2 $a3"

rr=$(cl_fnv_id rr)
nr=$(cl_fnv_id nr)
for i in 1 2 3; do
	for a in rr nr; do
		cl_ctl "$i" alias add "$a" scope cluster >/dev/null || die "alias add $a on node $i"
	done
	id=$(cl_ctl "$i" -j alias show rr | json_num id)
	[[ $id == "$rr" ]] || die "node $i: rr has id '$id', want $rr"
done
missing=
for c in req-tx req-rx reply-tx reply-rx nack-tx nack-rx rx-stale; do
	[[ $(ctr 1 "$c") == absent ]] && missing+=" $c"
done
[[ -z $missing ]] ||
	fail "node 1's cluster show lacks the counters$missing: $(cl_ctl 1 cluster show | tr '\n' '|')"

# ---- f. no route: the requests fail after grace-ms -------------------------------
# nr has no member anywhere; node 1 (the requester's) holds them for its
# grace-ms, then sends EHOSTUNREACH notices.
cl_ctl 1 alias set nr grace-ms 500 || fail "alias set nr grace-ms 500"
run_call f nofail 1 - "$nr" -n 3 -w 3 -E $EHOSTUNREACH -t 30
log "[$SECONDS s] case f done (no route: EHOSTUNREACH notices)"

# ---- a. a server on node 2, a client on node 1 -----------------------------------
start_srv s2 2 "$rr"
expect_active a 1 rr 2 "$port_s2"
rtx1=$(ctr 1 req-tx)
rrx2=$(ctr 2 req-rx)
ptx2=$(ctr 2 reply-tx)
prx1=$(ctr 1 reply-rx)
drop1=$(cl_dropped 1)
drop2=$(cl_dropped 2)
run_call a a 1 "$a2" "$rr" -n 200 -w 8 -v
# The client read each reply from node 2's server: its node and port.
n=$(grep -c "^reply .* src_node=$a2 port=$port_s2 " "$tmp/call-a")
((n == 200)) ||
	fail "case a: $n of the client's replies name node $a2 and port $port_s2, want 200: $(grep -m3 '^reply ' "$tmp/call-a" | tr '\n' '|')"
# The server read each request once, the ID and msg_name naming node 1,
# the client (not a member: alias 0, incarnation 0) by its port.
n=$(srv_count s2 "f[\"port\"] == $port_a")
((n == 200)) || fail "case a: node 2's server read $n requests of the client, want 200: $(srv_tail s2)"
n=$(srv_count s2 "f[\"port\"] == $port_a && f[\"node\"] == $a1 && f[\"src_node\"] == $a1 && f[\"alias\"] == 0 && f[\"inc\"] == 0 && f[\"flags\"] == 0")
((n == 200)) ||
	fail "case a: $n of node 2's request lines have node=src_node=$a1 alias=0 inc=0 flags=0, want 200: $(grep -m3 '^req' "$tmp/srv-s2" | tr '\n' '|')"
[[ $(srv_xids s2 "f[\"port\"] == $port_a" | sort -u | wc -l) == 200 ]] ||
	fail "case a: node 2's server did not read 200 distinct xids"
expect_grew a 1 req-tx "$rtx1" 200
expect_grew a 2 req-rx "$rrx2" 200
expect_grew a 2 reply-tx "$ptx2" 200
expect_grew a 1 reply-rx "$prx1" 200
no_drops a 1 "$drop1"
no_drops a 2 "$drop2"
log "[$SECONDS s] case a done (200 requests from node 1 to node 2)"

# ---- b. the largest and the smallest messages -----------------------------------
drop1=$(cl_dropped 1)
drop2=$(cl_dropped 2)
# (80 bytes of header and body before a payload of 65536)
run_call b b64k 1 "$a2" "$rr" -n 2 -s 65536 -t 30
run_call b b0 1 "$a2" "$rr" -n 2 -s 0 -t 30
run_call b b1 1 "$a2" "$rr" -n 2 -s 1 -t 30
for c in b64k:65536 b0:0 b1:1; do
	pv=port_${c%:*}
	n=$(srv_count s2 "f[\"port\"] == ${!pv} && f[\"len\"] == ${c#*:}")
	((n == 2)) || fail "case b: node 2's server read $n requests of ${c#*:} bytes, want 2"
done
no_drops b 1 "$drop1"
no_drops b 2 "$drop2"
log "[$SECONDS s] case b done (65536, 0 and 1 bytes)"

# ---- c. a member on node 1: served there --------------------------------------------
start_srv s1 1 "$rr"
expect_active c 1 rr 1 "$port_s1"
rtx1=$(ctr 1 req-tx)
n2=$(srv_count s2)
run_call c c 1 0 "$rr" -n 20 -w 4
n=$(srv_count s1 "f[\"port\"] == $port_c && f[\"node\"] == 0 && f[\"src_node\"] == 0")
((n == 20)) || fail "case c: node 1's server read $n local requests (node=src_node=0), want 20: $(srv_tail s1)"
expect_same c 1 req-tx "$rtx1"
[[ $(srv_count s2) == "$n2" ]] || fail "case c: node 2's server read $(($(srv_count s2) - n2)) requests, want 0"
stop s1
wait_until 20 none_at 1 rr 1 || die "case c: node 1 still lists its member of rr after its end"
log "[$SECONDS s] case c done (the local member)"

# ---- r. a requester made again ------------------------------------------------------
# A member of the local alias ry (id 777) on node 1 sends request xid 1,
# which a server of rg on node 2 holds; it goes, ry is deleted and made
# again, and a new member sends ry's xid 1 anew (the same alias, port
# aside: the same ID but for its port): node 2 takes it as a new
# requester's (another table generation), not as one it holds; once node
# 2's server goes (its requests sent back), node 3 serves the new one,
# the old one gone with its requester.
rg=$(cl_fnv_id rg)
for i in 1 2 3; do
	cl_ctl "$i" alias add rg scope cluster >/dev/null || die "alias add rg on node $i"
done
cl_ctl 1 alias add ry id 777 >/dev/null || die "alias add ry id 777 on node 1"
start_srv hrg 2 "$rg" -H
expect_active r 1 rg 2 "$port_hrg"
start_call r1 1 "$rg" -n 1 -m 777 -t 60
wait_until 20 holds_of hrg 777 1 || die "case r: node 2's server did not read ry's first request: $(srv_tail hrg)"
stop r1
cl_ctl 1 alias del ry || fail "case r: alias del ry"
cl_ctl 1 alias add ry id 777 >/dev/null || die "case r: alias add ry id 777 again"
start_call r2 1 "$rg" -n 1 -m 777 -t 60
wait_until 20 holds_of hrg 777 2 ||
	fail "case r: node 2's server read $(srv_count hrg 'f["alias"] == 777') requests of ry, want 2 (the new ry's not taken for the old one's)"
start_srv srg 3 "$rg"
stop hrg
end_call r r2 "$a3"
n=$(srv_count srg 'f["alias"] == 777')
((n == 1)) || fail "case r: node 3's server read $n requests of ry, want 1 (the new one's): $(srv_tail srg)"
stop srg
cl_ctl 1 alias del ry || fail "case r: alias del ry at the end"
log "[$SECONDS s] case r done (a requester made again)"

# ---- g. hostile data messages ---------------------------------------------------------
boot1=0x$(cl_cstat 1 boot-id)
boot2=0x$(cl_cstat 2 boot-id)
boot3=0x$(cl_cstat 3 boot-id)

# g1. well-formed REQs to node 2 from a process of node 3: as node 3, as
# node 1 (its boot id), as node 3 with node 1's ID: refused, not delivered
bad0=$(ctr 2 rx-bad)
ref0=$(ctr 2 rx-refused)
rx0=$(ctr 2 req-rx)
n2=$(srv_count s2)
ip netns exec "$(cl_ns 3)" "$SEND" data "$NODE_SVC" "$a2" \
	req node="$a3" boot="$boot3" alias="$rr" id_node="$a3" id_port=77 xid=1 -- \
	req node="$a1" boot="$boot1" alias="$rr" id_node="$a1" id_port=77 xid=2 -- \
	req node="$a3" boot="$boot3" alias="$rr" id_node="$a1" id_port=77 xid=3 -- \
	req node="$a3" boot="$boot3" alias="$rr" id_node="$a3" id_port=77 xid=4 rflags=1 ack=9 ||
	fail "tipc_send.py data (well-formed REQs)"
wait_until 10 cl_cstat_is 2 rx-refused $((ref0 + 4)) ||
	fail "case g: 4 forged REQs: node 2's rx-refused went $ref0 -> $(ctr 2 rx-refused), want +4"
expect_same g 2 rx-bad "$bad0"
expect_same g 2 req-rx "$rx0"

# g2. malformed data messages to node 2: each rx-bad, once
req="req node=$a3 boot=$boot3 alias=$rr id_node=$a3 id_port=77"
rep="reply node=$a3 boot=$boot3 alias=$rr port=5 id_node=$a2 id_port=77"
ntc="notice node=$a3 boot=$boot3 alias=$rr id_node=$a2 id_port=77"
nak="nack node=$a3 boot=$boot3 alias=$rr id_node=$a2 id_port=77"
bad=(
	"$req size=0 cut=79 length=79"		# shorter than 80
	"$req size=0 cut=48 length=48"		# a header and half a body
	"$ntc size=4"				# NOTICE of 84 bytes
	"$nak size=1"				# NACK of 81 bytes
	"$req size=65537"			# payload above 65536
	"$rep size=65537"			# payload above 65536
	"$req size=4 length=77"			# len field off
	"$req reserved=1"			# reserved set
	"$nak reserved=0x8000"			# reserved set
	"$req flags=1"				# header flags set
	"$rep flags=0x8000"			# header flags set
	"$req alias=0"				# alias 0
	"$ntc alias=0"				# alias 0
	"$req xid=0"				# xid 0
	"$rep xid=0"				# xid 0
	"$ntc err=0"				# NOTICE errno 0
	"$ntc err=4096"				# NOTICE errno above 4095
	"$nak err=0"				# NACK reason 0
	"$nak err=5"				# NACK reason 5
	"$req rgen=0"				# rgen 0
	"$req reserved2=1"			# reserved2 set
	"probe node=$a3 boot=$boot3 alias=$rr id_node=$a3 id_port=77 size=1"	# PROBE of 81 bytes
	"probe node=$a3 boot=$boot3 alias=$rr id_node=$a3 id_port=77 err=1"	# PROBE with an errno
	"$req rflags=4"				# REQ rflags: REDUNDANT
	"$req rflags=0x8000"			# REQ rflags: unknown bit
	"$rep ack=1"				# REPLY with an ack
	"$ntc ack=7"				# NOTICE with an ack
	"$nak ack=1"				# NACK with an ack
	"$req version=2"			# version 2
	"$req typ=8"				# type 8
)
args=()
for m in "${bad[@]}"; do
	# shellcheck disable=SC2206 # one field a word
	args+=($m --)
done
ip netns exec "$(cl_ns 3)" "$SEND" data "$NODE_SVC" "$a2" "${args[@]}" ||
	fail "tipc_send.py data (malformed)"
wait_until 10 cl_cstat_is 2 rx-bad $((bad0 + ${#bad[@]})) ||
	fail "case g: ${#bad[@]} malformed: node 2's rx-bad went $bad0 -> $(ctr 2 rx-bad), want +${#bad[@]}"
expect_same g 2 rx-refused $((ref0 + 4))
# nothing reached the server: a real request after them is its one line more
run_call g gafter 1 "$a2" "$rr" -n 1
[[ $(srv_count s2) == $((n2 + 1)) ]] ||
	fail "case g: node 2's server read $(($(srv_count s2) - n2)) requests since the forged ones, want 1 (the real one): $(srv_tail s2)"

# g3. forged answers to node 1, whose client has a request pending on
# node 2 (a server there holds it): a REPLY, NOTICE and NACK for it as
# node 2, and a REPLY for no request: refused, the client sees nothing.
# Then a server on node 3 and node 2's killed: a take-back (NACK), the
# request served by node 3, redelivered; the client's one answer is its
# real reply.
cl_ctl 1 alias set nr grace-ms 30000 || fail "alias set nr grace-ms 30000"
start_srv h2nr 2 "$nr" -H
expect_active g 1 nr 2 "$port_h2nr"
start_call gnr 1 "$nr" -n 1 -t 60 -v
wait_until 20 grep -q '^req ' "$tmp/srv-h2nr" ||
	die "case g: node 2's holding server of nr read nothing: $(cat "$tmp/srv-h2nr")"
d0=$(cl_dropped 1)
ref1=$(ctr 1 rx-refused)
stale1=$(ctr 1 rx-stale)
id="id_node=$a1 id_alias=0 id_port=$port_gnr id_inc=0"
# shellcheck disable=SC2086 # $id: four words
ip netns exec "$(cl_ns 3)" "$SEND" data "$NODE_SVC" "$a1" \
	reply node="$a2" boot="$boot2" alias="$nr" port="$port_h2nr" $id xid=1 -- \
	notice node="$a2" boot="$boot2" alias="$nr" $id xid=1 -- \
	nack node="$a2" boot="$boot2" alias="$nr" $id xid=1 rflags=1 -- \
	reply node="$a2" boot="$boot2" alias="$nr" port="$port_h2nr" $id xid=1000 ||
	fail "tipc_send.py data (forged answers)"
wait_until 10 cl_cstat_is 1 rx-refused $((ref1 + 4)) ||
	fail "case g: 4 forged answers: node 1's rx-refused went $ref1 -> $(ctr 1 rx-refused), want +4"
[[ $(cl_dropped 1) == $((d0 + 4)) ]] ||
	fail "case g: 4 forged answers: node 1's rx-bad + rx-refused went $d0 -> $(cl_dropped 1), want +4"
expect_same g 1 rx-stale "$stale1"
grep -q -e '^reply ' -e '^replies ' -e '^error' -e '^notice ' "$tmp/call-gnr" &&
	fail "case g: the client took a forged answer: $(call_report gnr)"
nacktx2=$(ctr 2 nack-tx)
nackrx1=$(ctr 1 nack-rx)
start_srv s3nr 3 "$nr"
expect_active g 1 nr 3 "$port_s3nr"
stop h2nr
end_call g gnr "$a3"
n=$(srv_count s3nr "f[\"port\"] == $port_gnr && f[\"xid\"] == 1 && f[\"flags\"] % 2 == 1")
((n == 1)) || fail "case g: the request taken back from node 2: $n lines on node 3 with REDELIVERED, want 1: $(srv_tail s3nr)"
expect_grew g 2 nack-tx "$nacktx2" 1
expect_grew g 1 nack-rx "$nackrx1" 1
stop s3nr

# g4. the wire fuzzer: mutated data messages to node 1 (FTALIAS_FUZZ_SEED
# fixes the seed), in batches that its node socket has room for, each
# counted once as malformed or refused; then requests still cross
seed=${FTALIAS_FUZZ_SEED:-$((RANDOM << 15 | RANDOM))}
batches=${CL_FUZZ_BATCHES:-$([[ ${FTALIAS_KERNEL:-} == debug ]] && echo 3 || echo 6)}
log "wire fuzz of data messages: seed $seed, $batches batches of 100 (reproduce: FTALIAS_FUZZ_SEED=$seed)"
for ((b = 0; b < batches; b++)); do
	want=$(($(cl_dropped 1) + 100))
	# IDs alternately of node 1 (answers to it) and of node 3 (requests)
	ip netns exec "$(cl_ns 3)" "$SEND" fuzz-data "$NODE_SVC" "$a1" \
		"$a3" $((seed + b)) 100 "$rr" $((b % 2 ? a3 : a1)) || fail "tipc_send.py fuzz-data"
	wait_until 20 cl_dropped_is 1 "$want" ||
		{ fail "case g: seed $seed batch $b: node 1 counted $(cl_dropped 1) bad or refused, want $want"; break; }
done
log "node 1: rx-bad $(ctr 1 rx-bad) rx-refused $(ctr 1 rx-refused) rx-stale $(ctr 1 rx-stale)"
cl_all_up 1 2 3 || fail "case g: not all up after the fuzzer (seed $seed)"
n2=$(srv_count s2)
run_call g gfuzz 1 "$a2" "$rr" -n 10 -w 4
[[ $(srv_count s2) == $((n2 + 10)) ]] ||
	fail "case g: node 2's server read $(($(srv_count s2) - n2)) requests after the fuzzer, want 10"
log "[$SECONDS s] case g done (hostile and fuzzed data messages)"

# ---- d. routing to the lowest node; its server dies at its 50th request ----------------
start_srv s3 3 "$rr"
expect_active d 1 rr 3 "$port_s3"
stop s2
start_srv x2 2 "$rr" -x 50
expect_active d 1 rr 2 "$port_x2"
nacktx2=$(ctr 2 nack-tx)
nackrx1=$(ctr 1 nack-rx)
for i in 1 2 3; do
	printf -v "drop$i" %s "$(cl_dropped "$i")"
done
run_call d d 1 "$a2,$a3" "$rr" -n 200 -w 4
wait_until 10 grep -q '^exit at request 50$' "$tmp/srv-x2" ||
	fail "case d: node 2's server did not stop at its 50th request: $(srv_tail x2)"
stop x2
xid50=$(awk '/^req / { l = $0 } END { sub(/.* xid=/, "", l); sub(/ .*/, "", l); print l }' "$tmp/srv-x2")
n=$(srv_count s3 "f[\"port\"] == $port_d && f[\"xid\"] == ${xid50:-0} && f[\"flags\"] % 2 == 1")
[[ -z $xid50 ]] || ((n == 1)) ||
	fail "case d: request xid $xid50 (read by node 2's server as it died): $n lines on node 3 with REDELIVERED, want 1: $(grep " xid=$xid50 " "$tmp/srv-s3" | tr '\n' '|')"
# each request served once: node 2 answered its first 49, node 3 the rest
n3=$(srv_count s3 "f[\"port\"] == $port_d")
((n3 == 151)) || fail "case d: node 3's server read $n3 requests of the client, want 151 (200 - 49 answered on node 2)"
both=$(sort -u <(srv_xids x2 "f[\"port\"] == $port_d" | head -n 49) <(srv_xids s3 "f[\"port\"] == $port_d") | wc -l)
((both == 200)) || fail "case d: nodes 2 and 3 served $both distinct requests, want 200"
expect_grew d 2 nack-tx "$nacktx2" 1
expect_grew d 1 nack-rx "$nackrx1" 1
for i in 1 2 3; do
	dv=drop$i
	no_drops d "$i" "${!dv}"
done
log "[$SECONDS s] case d done (node 2 first, its server dead at its 50th request)"

# ---- e. node 2 holds requests, then goes: its link cut, its namespace deleted -------------
# (node 3's server s3 runs on)
# hold_then CASE NAME ACTION...: a server on node 2 that holds; a client of
# 40 requests, 8 in flight; once node 2 holds 8, ACTION; the client gets
# all 40 from node 3, the 8 held ones redelivered there
hold_then() {
	local tcase=$1 name=$2 hp=port_h$2 cp=port_$2 held x n
	shift 2
	wait_until 20 none_at 1 rr 2 ||
		die "case $tcase: node 1 still lists node 2's members: $(cl_ctl 1 member show rr | tr '\n' '|')"
	start_srv "h$name" 2 "$rr" -H
	expect_active "$tcase" 1 rr 2 "${!hp}"
	start_call "$name" 1 "$rr" -n 40 -w 8 -t 90
	wait_until 30 holds "h$name" "${!cp}" 8 ||
		die "case $tcase: node 2's server holds $(srv_count "h$name") requests, want 8: $(call_report "$name")"
	held=$(srv_xids "h$name" "f[\"port\"] == ${!cp}")
	"$@"
	end_call "$tcase" "$name" "$a3"
	for x in $held; do
		n=$(srv_count s3 "f[\"port\"] == ${!cp} && f[\"xid\"] == $x && f[\"flags\"] % 2 == 1")
		((n == 1)) || fail "case $tcase: held request xid $x: $n lines on node 3 with REDELIVERED, want 1"
	done
	n=$(srv_count s3 "f[\"port\"] == ${!cp}")
	((n == 40)) || fail "case $tcase: node 3's server read $n requests of the client, want 40"
}

hold_then e-link ecut cl_link_down 2
log "[$SECONDS s] case e done with node 2's link cut"
cl_link_up 2
wait_until 30 cl_all_up 1 2 3 || fail "case e: node 2 not up again: 1 sees $(cl_node_state 1 2), 2 sees $(cl_node_state 2 1)"
stop hecut

hold_then e-del edel cl_node_del 2
log "[$SECONDS s] case e done with node 2 deleted"

# ---- h. everything goes; the modules unload ----------------------------------------------
stop_procs
cl_unload
finish
