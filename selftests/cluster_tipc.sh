#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The TIPC cluster of the cluster tests (lib/cluster.sh), alone: 4 nodes
# see each other within 3 s of the last bearer enabled; a node's cut link
# is seen by the others and comes back; a node whose namespace is deleted
# is seen gone; cleanup leaves no namespace.  Prints the times TIPC took
# (from tipc_watch's events).
source "$(dirname "$0")/lib/lib.sh"
source "$(dirname "$0")/lib/cluster.sh"

N=4
cl_require
[[ -x $CL_WATCH ]] || skip "$CL_WATCH not built (make selftests)"
trap cl_cleanup EXIT

cl_setup $N
log "nodes: $(for ((i = 1; i <= N; i++)); do printf '%s=%s ' "$(cl_ns $i)" "$(cl_addr $i)"; done)"
for ((i = 1; i <= N; i++)); do
	((CL_ADDRS[i] == 16781312 + i)) || fail "node $i: address $(cl_addr $i), want 1.1.$i"
done

# last_event KIND STATE: the latest of the times at which each node first
# saw each other node's KIND (node, link) STATE (up, down).
last_event() {
	local i j t last=0
	for i in "${!CL_NODES[@]}"; do
		for j in "${!CL_NODES[@]}"; do
			((i != j)) || continue
			t=$(cl_wait_event "$i" "$1 $2 $(cl_addr "$j")") || return 1
			((${t/./} > ${last/./})) && last=$t
		done
	done
	echo "$last"
}

# All links up: from the start of the last bearer enable to TIPC's last
# "link up" (and "node up": the name tables came too).
if t=$(last_event link up); then
	ms=$(cl_ms "$CL_T_ENABLE" "$t")
	log "all $((N * (N - 1))) links up $ms ms after the last bearer enable" \
	    "(seen by polling after $(cl_ms "$CL_T_ENABLE" "$CL_T_UP") ms)"
	((ms <= 3000)) || fail "links up after $ms ms, more than 3 s"
else
	fail "a link up event is missing"
fi
if t=$(last_event node up); then
	ms=$(cl_ms "$CL_T_ENABLE" "$t")
	log "all nodes up $ms ms after the last bearer enable"
	((ms <= 3000)) || fail "nodes up after $ms ms, more than 3 s"
else
	fail "a node up event is missing"
fi

# The links keep the tolerance set before the bearers.
link=$(ip netns exec "$(cl_ns 1)" tipc link list | awk -F': ' '$1 != "broadcast-link" { print $1; exit }')
tol=$(ip netns exec "$(cl_ns 1)" tipc link get tolerance link "$link")
log "link $link: tolerance $tol ms"
[[ $tol == "${CL_TOLERANCE:-200}" ]] || fail "link $link has tolerance '$tol', want ${CL_TOLERANCE:-200}"

# Node 2's link cut: it loses all its links at once, the others theirs to
# it within the tolerance.
a2=$(cl_addr 2)
t0=$EPOCHREALTIME
cl_link_down 2 || die "cl_link_down 2"
for i in 1 3 4; do
	cl_wait_links $i $((N - 2)) || fail "node $i: $(cl_links $i) links up after node 2's cut, want $((N - 2))"
	t=$(cl_wait_event $i "node down $a2" "$t0") || { fail "node $i: no node down event for node 2"; continue; }
	log "node $i: node 2 down $(cl_ms "$t0" "$t") ms after its cut"
done
cl_wait_links 2 0 || fail "node 2: $(cl_links 2) links up while cut, want 0"

t0=$EPOCHREALTIME
cl_link_up 2 || die "cl_link_up 2"
cl_wait_links 2 $((N - 1)) || fail "node 2: $(cl_links 2) links up after the cut ended, want $((N - 1))"
for i in 1 3 4; do
	cl_wait_links $i $((N - 1)) || fail "node $i: $(cl_links $i) links up after the cut ended, want $((N - 1))"
	t=$(cl_wait_event $i "node up $a2" "$t0") || { fail "node $i: no node up event for node 2"; continue; }
	log "node $i: node 2 up again $(cl_ms "$t0" "$t") ms after its link"
done

# Node 4's namespace deleted.
a4=$(cl_addr 4)
t0=$EPOCHREALTIME
cl_node_del 4 || fail "cl_node_del 4"
[[ -e /run/netns/$CL_PREFIX-4 ]] && fail "$CL_PREFIX-4 still there"
for i in 1 2 3; do
	cl_wait_links $i $((N - 2)) || fail "node $i: $(cl_links $i) links up after node 4's deletion, want $((N - 2))"
	t=$(cl_wait_event $i "node down $a4" "$t0") || { fail "node $i: no node down event for node 4"; continue; }
	log "node $i: node 4 down $(cl_ms "$t0" "$t") ms after cl_node_del began"
done

# Cleanup: no namespace of ours left, and a second one is harmless.
cl_cleanup
cl_cleanup
left=$(ip netns list | awk -v p="$CL_PREFIX-" 'index($1, p) == 1')
[[ -z $left ]] || fail "namespaces left after cl_cleanup: $left"

finish
