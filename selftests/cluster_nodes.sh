#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Cluster mode's nodes: four TIPC nodes (namespaces on one bridge) with
# cluster mode on see each other up within 3 s; a node that turns it off
# and on again comes back as a restart (new boot id); a cut link and a
# deleted namespace make the node down on the others.  Hostile traffic of
# any process of a node is refused and counted, and changes nothing:
# malformed messages (rx-bad), a well-formed hello from a socket that is
# not ftalias's (rx-refused), a socket publishing another node's node
# service (refused), a second socket publishing its own node's (the node
# is a conflict, nothing taken, until it goes), and the mutated hellos
# of the wire fuzzer (seed printed).  Unprivileged users cannot
# turn it on or off.  Namespaces with cluster mode on are deleted over and
# over (CL_CHURN times); then ftalias and TIPC unload and kmemleak is clean.
source "$(dirname "$0")/lib/lib.sh"
source "$(dirname "$0")/lib/cluster.sh"

require_root
require_module
require_cmd ip ftaliasctl awk python3
SEND=$test_dir/lib/tipc_send.py
NODE_SVC=0x46540000	# FTALIAS_TIPC_NODE
CHURN=${CL_CHURN:-$([[ ${FTALIAS_KERNEL:-} == debug ]] && echo 3 || echo 6)}

tmp=$(mktemp -d)
holder=
cleanup() {
	[[ -n $holder ]] && { exec 7>&-; wait "$holder" 2>/dev/null; }
	cl_cleanup
	rm -rf "$tmp"
}
trap cleanup EXIT

# The polls read node show's text with awk: a python per poll costs
# seconds on the debug kernel.  Its columns: ADDR (8 hex digits, "*" on
# this node) STATE LINKS PORT BOOT-ID (hex) RESTARTS SINCE-MS.

# view_addr I ADDR: node I's view of the node of address ADDR:
# "state links restarts boot-id port"
view_addr() {
	cl_ctl "$1" node show 2>/dev/null |
		awk -v a="$(printf '%08x' "$2")" '$1 == a { print $2, $3, $6, $5, $4 }'
}

# view I J: node I's view of node J
view() {
	view_addr "$1" "$(cl_addr "$2")"
}

state_is() {
	[[ $(view "$1" "$2" | cut -d' ' -f1) == "$3" ]]
}

# ups I: how many other nodes node I sees up
ups() {
	cl_ctl "$1" node show 2>/dev/null |
		awk '$1 ~ /^[0-9a-f]+$/ && $2 == "up" { n++ } END { print n + 0 }'
}

ups_are() {
	[[ $(ups "$1") == "$2" ]]
}

all_up() {
	local i
	for i in 1 2 3 4; do
		ups_are "$i" 3 || return 1
	done
}

cl_setup 4

# --- all four see each other up ---------------------------------------------
# Timed by the kernel: a node shows how long ago (since-ms) each other node
# became up; the latest of those moments, less the start of the last
# enable, is the figure (the test's own polls cost seconds under TCG).
for i in 1 2 3 4; do
	t_last=$EPOCHREALTIME
	cl_ctl "$i" cluster set enable || die "cluster set enable on node $i"
done
wait_until 20 all_up || die "not all nodes up: $(for i in 1 2 3 4; do cl_ctl "$i" node show; done)"
ms=0
for i in 1 2 3 4; do
	cl_ctl "$i" node show >"$tmp/nodes$i"
	t=$EPOCHREALTIME
	since=$(awk '$1 ~ /^[0-9a-f]+$/ && (m == "" || $7 < m) { m = $7 } END { print m }' "$tmp/nodes$i")
	up=$(($(cl_ms "$t_last" "$t") - since))
	((up > ms)) && ms=$up
done
log "every node saw the three others up $ms ms after the last enable began"
((ms <= 3000)) || fail "nodes up after $ms ms, want <= 3000"

for i in 1 2 3 4; do
	[[ $(cl_cstat "$i" node) == "$(printf '%08x' "$(cl_addr "$i")")" ]] ||
		fail "node $i: cluster show gives node $(cl_cstat "$i" node), TIPC $(cl_addr "$i")"
	[[ $(cl_cstat "$i" nodes-up) == 3 ]] || fail "node $i: nodes-up $(cl_cstat "$i" nodes-up)"
	for k in rx-bad rx-refused restarts tx-errors; do
		cl_cstat_is "$i" "$k" 0 || fail "node $i: $k $(cl_cstat "$i" "$k"), want 0"
	done
done
read -r st links rs boot1 _ < <(view 2 1)
[[ $st == up && $links == 1 && $rs == 0 && $boot1 == "$(cl_cstat 1 boot-id)" ]] ||
	fail "node 2's view of node 1: '$st $links $rs $boot1', node 1's boot id $(cl_cstat 1 boot-id)"
cl_ctl 1 node show | head -2 | grep -q '^\*' || fail "node show does not mark this node first"

# turning on what is on changes nothing
cl_ctl 1 cluster set enable || fail "enable twice"
[[ $(cl_cstat 1 boot-id) == "$boot1" ]] || fail "a second enable drew a new boot id"

# --- a restart: off and on again --------------------------------------------
# node 1's monitor sees node 2 go and come back
cl_ctl 1 monitor >"$tmp/monitor" 2>&1 &
monpid=$!
probe=0
probe_seen() {	# subscribed once a probe alias shows in its output
	probe=$((probe + 1))
	cl_ctl 1 alias add "probe$probe" >/dev/null 2>&1
	grep -q "alias-add-ntf alias probe" "$tmp/monitor"
}
wait_until 20 probe_seen || fail "node 1's monitor saw no event"
cl_ctl 2 cluster set disable || fail "disable node 2"
[[ $(cl_cstat 2 enabled) == off ]] || fail "node 2 still enabled"
wait_until 10 state_is 1 2 reachable || fail "node 1 sees node 2 $(view 1 2), want reachable"
cl_ctl 2 cluster set enable || fail "enable node 2 again"
wait_until 10 all_up || fail "node 2 not up again"
a2=$(printf '%08x' "$(cl_addr 2)")
wait_until 10 grep -q "node-change-ntf.* $a2 state up" "$tmp/monitor" ||
	fail "node 1's monitor: $(cat "$tmp/monitor")"
grep -q "node-change-ntf.* $a2 state reachable" "$tmp/monitor" ||
	fail "node 1's monitor missed node 2 leaving: $(cat "$tmp/monitor")"
kill "$monpid"
wait "$monpid" 2>/dev/null
for i in 1 3 4; do
	read -r st _ rs boot _ < <(view "$i" 2)
	[[ $rs == 1 && $boot == "$(cl_cstat 2 boot-id)" ]] ||
		fail "node $i's view of node 2 after its restart: restarts $rs boot $boot"
	cl_cstat_is "$i" restarts 1 || fail "node $i: restarts $(cl_cstat "$i" restarts), want 1"
done

# --- unprivileged --------------------------------------------------------------
if command -v setpriv >/dev/null; then
	expect_rc 1 ip netns exec "$(cl_ns 3)" setpriv --reuid=65534 --regid=65534 \
		--clear-groups ftaliasctl cluster set disable
	grep -q CAP_NET_ADMIN "$tmp/err" || fail "unprivileged disable: $(cat "$tmp/err")"
	[[ $(cl_cstat 3 enabled) == on ]] || fail "an unprivileged user turned cluster mode off"
	ip netns exec "$(cl_ns 3)" setpriv --reuid=65534 --regid=65534 --clear-groups \
		ftaliasctl node show >/dev/null || fail "node show is not open to every user"
fi

# --- hostile traffic to node 1's node socket, from node 3 ------------------------
hdr() { # magic version type len: a 24-byte header, flags 0, node 3, boot 1
	printf '%08x%02x%02x%04x%08x%08x%016x' "$1" "$2" "$3" 0 "$4" "$(cl_addr 3)" 1
}
bad=(
	00						# one byte
	"$(hdr 0x46544c43 1 1 24 | cut -c1-40)"		# 20 of 24 bytes
	"$(hdr 0x12345678 1 1 24)"			# magic
	"$(hdr 0x46544c43 2 1 24)"			# version
	"$(hdr 0x46544c43 1 1 25)"			# len says 25, has 24
	"$(hdr 0x46544c43 1 9 24)"			# unknown type
	"$(hdr 0x46544c43 1 1 32)0000000000000000"	# a hello of 32 bytes
	"$(printf '%08x%02x%02x%04x%08x%08x%016x' 0x46544c43 1 1 0 24 "$(cl_addr 3)" 0)" # boot id 0
	"$(hdr 0x46544c43 1 1 300)$(printf '%0552d' 0)"	# a hello of 300 bytes
)
ip netns exec "$(cl_ns 3)" "$SEND" send "$NODE_SVC" "$(cl_addr 1)" "${bad[@]}" ||
	fail "tipc_send.py send"
wait_until 10 cl_cstat_is 1 rx-bad ${#bad[@]} ||
	fail "node 1: rx-bad $(cl_cstat 1 rx-bad), want ${#bad[@]}"
# well-formed hellos from a socket that is not ftalias's: as node 3 (its
# own node), as node 2 (a forged node field)
ip netns exec "$(cl_ns 3)" "$SEND" hello "$NODE_SVC" "$(cl_addr 1)" "$(cl_addr 3)" ||
	fail "tipc_send.py hello"
ip netns exec "$(cl_ns 3)" "$SEND" hello "$NODE_SVC" "$(cl_addr 1)" "$(cl_addr 2)" ||
	fail "tipc_send.py hello"
wait_until 10 cl_cstat_is 1 rx-refused 2 ||
	fail "node 1: rx-refused $(cl_cstat 1 rx-refused), want 2"
ups_are 1 3 || fail "node 1 sees $(ups 1) nodes up after hostile traffic"
read -r _ _ rs boot _ < <(view 1 3)
[[ $rs == 0 && $boot == "$(cl_cstat 3 boot-id)" ]] ||
	fail "a forged hello changed node 1's view of node 3: restarts $rs boot $boot"

# the wire fuzzer: mutated hellos (FTALIAS_FUZZ_SEED fixes the seed), in
# batches that node 1's socket has room for; each is counted once, as
# malformed or refused, and nothing changes
seed=${FTALIAS_FUZZ_SEED:-$(( (RANDOM << 15 | RANDOM) ))}
batches=${CL_FUZZ_BATCHES:-$([[ ${FTALIAS_KERNEL:-} == debug ]] && echo 5 || echo 10)}
log "wire fuzz: seed $seed, $batches batches of 100 (reproduce: FTALIAS_FUZZ_SEED=$seed)"
for ((b = 0; b < batches; b++)); do
	want=$(($(cl_dropped 1) + 100))
	ip netns exec "$(cl_ns 3)" "$SEND" fuzz "$NODE_SVC" "$(cl_addr 1)" \
		"$(cl_addr 3)" $((seed + b)) 100 || fail "tipc_send.py fuzz"
	wait_until 20 cl_dropped_is 1 "$want" ||
		{ fail "seed $seed batch $b: node 1 counted $(cl_dropped 1) bad or refused, want $want"; break; }
done
ups_are 1 3 || fail "node 1 sees $(ups 1) nodes up after the fuzzer (seed $seed)"
read -r _ _ rs boot _ < <(view 1 3)
[[ $rs == 0 && $boot == "$(cl_cstat 3 boot-id)" ]] ||
	fail "the fuzzer changed node 1's view of node 3 (seed $seed)"

# a socket of node 3 publishing node 1's node service: refused
ref=$(cl_cstat 1 rx-refused)
exec 7> >(exec ip netns exec "$(cl_ns 3)" "$SEND" bind "$NODE_SVC" "$(cl_addr 1)" >"$tmp/bind1")
holder=$!
wait_until 10 grep -q bound "$tmp/bind1" || fail "no bind of node 1's service on node 3"
wait_until 10 cl_cstat_is 1 rx-refused $((ref + 1)) ||
	fail "node 1: rx-refused $(cl_cstat 1 rx-refused), want $((ref + 1))"
ups_are 1 3 || fail "node 1 sees $(ups 1) nodes up"
exec 7>&-
wait "$holder"
holder=

# a second socket publishing node 3's own node service: a conflict, then back
exec 7> >(exec ip netns exec "$(cl_ns 3)" "$SEND" bind "$NODE_SVC" "$(cl_addr 3)" >"$tmp/bind3")
holder=$!
wait_until 10 grep -q bound "$tmp/bind3" || fail "no bind of node 3's service on node 3"
for i in 1 2 4; do
	wait_until 10 state_is "$i" 3 conflict || fail "node $i sees node 3 $(view "$i" 3), want conflict"
done
rx=$(cl_cstat 1 rx)
exec 7>&-
wait "$holder"
holder=
for i in 1 2 4; do
	wait_until 10 state_is "$i" 3 up || fail "node $i sees node 3 $(view "$i" 3) after the conflict"
done
(($(cl_cstat 1 rx) > rx)) || fail "node 3 up again on node 1 without a hello"
read -r _ _ rs _ _ < <(view 1 3)
[[ $rs == 0 ]] || fail "a conflict counted as a restart of node 3"

# --- a cut link, a deleted namespace ----------------------------------------------
# all_see_down WHAT: nodes 1 to 3 see node 4 down (after WHAT)
all_see_down() {
	local i
	for i in 1 2 3; do
		wait_until 20 state_is "$i" 4 down ||
			fail "node $i sees node 4 $(view "$i" 4) after $1"
	done
}
cl_link_down 4
all_see_down "its link went down"
read -r _ links _ _ port < <(view 1 4)
[[ $links == 0 && $port == 0 ]] || fail "node 4 down with links $links port $port"
cl_link_up 4
wait_until 20 all_up || fail "node 4 not up again after its link came back"
read -r _ _ rs _ _ < <(view 1 4)
[[ $rs == 0 ]] || fail "a link cut counted as a restart of node 4"

cl_node_del 4
all_see_down "its namespace went"

# --- namespaces deleted with cluster mode on ------------------------------------
# A fifth node joins and its namespace goes, CHURN times; the others see it
# up, then down, every time.
churn=$CL_PREFIX-c
churn_failed=$failures
for ((k = 1; k <= CHURN; k++)); do
	ip netns add "$churn" || die "ip netns add $churn"
	ip link add eth0 netns "$churn" type veth peer name c0 netns "$CL_SWITCH" ||
		die "veth for $churn"
	ip -n "$CL_SWITCH" link set c0 master br0 up
	ip -n "$churn" link set eth0 up
	ip netns exec "$churn" tipc node set address 1.1.9
	ip netns exec "$churn" tipc media set tolerance 200 media eth
	ip netns exec "$churn" tipc bearer enable media eth dev eth0
	wait_until 20 ftaliasctl -n "$churn" cluster set enable 2>/dev/null ||
		fail "churn $k: enable"
	wait_until 20 ups_are 1 3 || fail "churn $k: node 1 sees $(ups 1) up, want 3"
	ip netns del "$churn"
	wait_until 20 ups_are 1 2 || fail "churn $k: node 1 sees $(ups 1) up, want 2"
	((failures > churn_failed)) && break
done
log "$CHURN namespaces with cluster mode on deleted"
read -r _ _ rs _ _ < <(view_addr 1 16781321)  # 1.1.9
((rs == CHURN - 1)) || fail "node 1 counted $rs restarts of the churned node, want $((CHURN - 1))"

# --- everything goes; the modules unload -------------------------------------------
cl_unload
finish
