# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# A cluster of TIPC nodes in one guest, for the cluster tests; source it
# after lib.sh.  Node I (1..N) is the network namespace ftcl<pid>-I; its
# eth0 is a veth whose other end is a port of the bridge br0 in the
# "switch" namespace ftcl<pid>-s.  TIPC runs on an Ethernet bearer on
# eth0, node I with the address 1.1.I (Z.C.N: 16781312 + I).
#
#   cl_setup N              make N nodes, wait until each has N-1 links up
#   cl_ns I                 node I's namespace: ip netns exec "$(cl_ns I)" ...
#   cl_addr I               node I's TIPC address (decimal u32)
#   cl_links I              how many links node I has up
#   cl_wait_links I COUNT [SECONDS]  wait until node I has COUNT links up
#   cl_link_down I / cl_link_up I    node I's eth0 down / up: its links cut
#   cl_node_del I           kill node I's processes, delete its namespace
#   cl_cleanup              delete it all (idempotent: trap cl_cleanup EXIT)
#   cl_unload               the end of a cluster test: cl_cleanup, then
#                           kmemleak clean, rmmod ftalias and tipc (when
#                           modules), ftalias loaded again
#   cl_ctl I ARGS...        ftaliasctl ARGS in node I
#   cl_cstat I KEY          a field of node I's cluster show (its text:
#                           node and boot id in hex); cl_cstat_is I KEY VALUE
#   cl_dropped I            rx-bad + rx-refused of node I; cl_dropped_is I N
#   cl_node_state I J       node I's view of node J's state (node show)
#   cl_all_up I...          each of the nodes I... sees the others up
#   cl_fnv_id NAME          the id of a cluster alias NAME made without one
# With tipc_watch built (make selftests), each node runs one from cl_setup
# on, logging what TIPC reports (node and link up/down, timestamped):
#   cl_events I             node I's log
#   cl_event I EVENT [SINCE]         time of node I's first EVENT since SINCE
#   cl_wait_event I EVENT [SINCE [SECONDS]]  wait for it, print its time
# EVENT is "node up ADDR", "node down ADDR", "link up ADDR" or "link down
# ADDR"; times are $EPOCHREALTIME values; cl_ms T0 T1 prints T1 - T0 in ms.
#
# Variables: CL_TOLERANCE (link tolerance, ms, default 200: set before the
# bearers, as a link keeps the tolerance it was made with), CL_UP_TIMEOUT
# (default 10 s).  cl_setup leaves CL_T_ENABLE (just before the last
# bearer enable) and CL_T_UP (when the links were all seen up).

# shellcheck disable=SC2154 # lib.sh's
CL_WATCH=$test_dir/tipc_watch
CL_PREFIX=ftcl$$
CL_SWITCH=$CL_PREFIX-s
CL_NODES=()		# CL_NODES[I]: node I's namespace, unset once deleted
CL_ADDRS=()		# CL_ADDRS[I]: node I's address, as the kernel reported it
CL_WATCHERS=()		# CL_WATCHERS[I]: pid of node I's tipc_watch
CL_DIR=			# the watchers' logs
# shellcheck disable=SC2034 # the tests read them
CL_T_ENABLE=
CL_T_UP=

# cl_in NS CMD...: CMD in namespace NS (cheaper than ip netns exec: no
# mount namespace, which the polls do not need).
cl_in() {
	local ns=$1
	shift
	nsenter --net="/run/netns/$ns" "$@"
}

cl_ns() {
	[[ -n ${CL_NODES[$1]:-} ]] || { echo "# cl_ns: no node $1" >&2; return 1; }
	echo "${CL_NODES[$1]}"
}

cl_addr() {
	[[ -n ${CL_ADDRS[$1]:-} ]] || { echo "# cl_addr: no node $1" >&2; return 1; }
	echo "${CL_ADDRS[$1]}"
}

# TIPC, veth and bridge, loaded if they are modules; skip without them.
cl_require() {
	require_root
	require_cmd ip tipc nsenter awk
	local m
	for m in tipc veth bridge; do
		[[ -d /sys/module/$m ]] || modprobe -q "$m" 2>/dev/null
	done
	[[ -d /proc/sys/net/tipc ]] || skip "no TIPC in this kernel (CONFIG_TIPC)"
}

cl_setup() {
	local n=$1 i ns got want

	cl_require
	CL_DIR=$(mktemp -d /tmp/ftcl.XXXXXX) || die "mktemp"
	ip netns add "$CL_SWITCH" || die "ip netns add $CL_SWITCH"
	if ! ip -n "$CL_SWITCH" link add br0 type bridge forward_delay 0 2>/dev/null; then
		cl_cleanup
		skip "no bridge in this kernel (CONFIG_BRIDGE)"
	fi
	ip -n "$CL_SWITCH" link set br0 up || die "br0 up"
	for ((i = 1; i <= n; i++)); do
		ns=$CL_PREFIX-$i
		ip netns add "$ns" || die "ip netns add $ns"
		CL_NODES[i]=$ns
		if ! ip -n "$CL_SWITCH" link add "p$i" type veth peer name eth0 netns "$ns" 2>/dev/null; then
			cl_cleanup
			skip "no veth in this kernel (CONFIG_VETH)"
		fi
		ip -n "$CL_SWITCH" link set "p$i" master br0 up || die "port p$i"
		ip -n "$ns" link set lo up || die "lo up in $ns"
		ip -n "$ns" link set eth0 up || die "eth0 up in $ns"
		# The address at once (an identity alone gets its address
		# only after a trial period).  tipc takes Z.C.N, prints %08x.
		cl_in "$ns" tipc node set address "1.1.$i" || die "tipc node set address 1.1.$i in $ns"
		got=$(cl_in "$ns" tipc node get address)
		want=$((16781312 + i))
		if [[ ! $got =~ ^[0-9a-f]{8}$ ]] || ((16#$got != want)); then
			die "node $i: address '$got', want $(printf %08x "$want")"
		fi
		CL_ADDRS[i]=$((16#$got))
		cl_in "$ns" tipc media set tolerance "${CL_TOLERANCE:-200}" media eth ||
			die "tipc media set tolerance in $ns"
		[[ -x $CL_WATCH ]] || continue
		cl_in "$ns" "$CL_WATCH" >"$CL_DIR/watch.$i" 2>&1 &
		CL_WATCHERS[i]=$!
	done
	# The watchers are ready once they have reported their own node.
	for ((i = 1; i <= n; i++)); do
		[[ -n ${CL_WATCHERS[i]:-} ]] || continue
		cl_wait_event "$i" "node up ${CL_ADDRS[i]}" 0 "${CL_UP_TIMEOUT:-10}" >/dev/null ||
			die "node $i: tipc_watch not ready: $(cat "$CL_DIR/watch.$i")"
	done
	for ((i = 1; i <= n; i++)); do
		# shellcheck disable=SC2034
		CL_T_ENABLE=$EPOCHREALTIME
		cl_in "${CL_NODES[i]}" tipc bearer enable media eth dev eth0 ||
			die "tipc bearer enable in ${CL_NODES[i]}"
	done
	wait_until "${CL_UP_TIMEOUT:-10}" cl_all_links $((n - 1)) ||
		die "not all links up after ${CL_UP_TIMEOUT:-10} s: $(cl_show)"
	# shellcheck disable=SC2034
	CL_T_UP=$EPOCHREALTIME
}

# cl_links I: node I's links that are up (the broadcast link aside).
cl_links() {
	cl_in "${CL_NODES[$1]}" tipc link list |
		awk '!/^broadcast-link:/ && / up$/ { n++ } END { print n + 0 }'
}

# cl_all_links COUNT: every node has COUNT links up.
cl_all_links() {
	local i
	for i in "${!CL_NODES[@]}"; do
		cl_links_are "$i" "$1" || return 1
	done
}

cl_links_are() {
	[[ $(cl_links "$1") == "$2" ]]
}

cl_wait_links() {
	wait_until "${3:-${CL_UP_TIMEOUT:-10}}" cl_links_are "$1" "$2"
}

# What each node has up, for messages: "1:3 2:3 3:2 ...".
cl_show() {
	local i out=
	for i in "${!CL_NODES[@]}"; do
		out+="$i:$(cl_links "$i") "
	done
	echo "${out% }"
}

cl_link_down() {
	ip -n "$(cl_ns "$1")" link set eth0 down
}

cl_link_up() {
	ip -n "$(cl_ns "$1")" link set eth0 up
}

# A namespace lives as long as a process in it: its processes (the
# watcher, the test's) are killed first.  A dead process leaves the
# namespace before its parent reaps it: ip netns pids no longer lists it.
cl_no_pids() {
	[[ -z $(ip netns pids "$1" 2>/dev/null) ]]
}

cl_kill_ns() {
	local pids
	pids=$(ip netns pids "$1" 2>/dev/null)
	[[ -n $pids ]] || return 0
	# shellcheck disable=SC2086 # one pid a word
	kill -KILL $pids 2>/dev/null
	wait_until 10 cl_no_pids "$1"
}

# cl_reap I: node I's watcher, killed (if it is not yet) and waited for.
cl_reap() {
	local pid=${CL_WATCHERS[$1]:-}
	[[ -n $pid ]] || return 0
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	unset "CL_WATCHERS[$1]"
}

cl_node_del() {
	local i=$1 ns

	ns=$(cl_ns "$i") || return 1
	cl_kill_ns "$ns"
	cl_reap "$i"
	ip netns del "$ns" || return 1
	unset "CL_NODES[i]"
}

cl_cleanup() {
	local i ns
	for i in "${!CL_NODES[@]}"; do
		ns=${CL_NODES[i]}
		if [[ -e /run/netns/$ns ]]; then
			cl_kill_ns "$ns"
			ip netns del "$ns"
		fi
		unset "CL_NODES[i]"
	done
	for i in "${!CL_WATCHERS[@]}"; do
		cl_reap "$i"
	done
	[[ -e /run/netns/$CL_SWITCH ]] && ip netns del "$CL_SWITCH"
	[[ -n $CL_DIR ]] && rm -rf "$CL_DIR"
	CL_DIR=
	return 0
}

cl_events() {
	cat "$CL_DIR/watch.$1"
}

cl_event() {
	[[ -r $CL_DIR/watch.$1 ]] || return 1
	awk -v ev="$2" -v since="${3:-0}" '
		{ e = $2 " " $3 " " $4 }
		e == ev && $1 >= since + 0 { print $1; found = 1; exit }
		END { exit !found }' "$CL_DIR/watch.$1"
}

cl_wait_event() {
	wait_until "${4:-${CL_UP_TIMEOUT:-10}}" cl_event "$1" "$2" "${3:-0}" >/dev/null || return 1
	cl_event "$1" "$2" "${3:-0}"
}

# Both have 6 decimals ($EPOCHREALTIME's, tipc_watch's): microseconds
# without the point.
cl_ms() {
	echo $(((${2/./} - ${1/./}) / 1000))
}

cl_ctl() {
	local i=$1
	shift
	ftaliasctl -n "$(cl_ns "$i")" "$@"
}

cl_cstat() {
	cl_ctl "$1" cluster show | awk -v k="$2" '
		{ for (i = 1; i < NF; i++) if ($i == k) { print $(i + 1); exit } }'
}

cl_cstat_is() {
	[[ $(cl_cstat "$1" "$2") == "$3" ]]
}

cl_dropped() {
	echo $(($(cl_cstat "$1" rx-bad) + $(cl_cstat "$1" rx-refused)))
}

cl_dropped_is() {
	[[ $(cl_dropped "$1") == "$2" ]]
}

cl_unload() {
	cl_cleanup
	wait_until 30 bash -c "! ip netns list | grep -q $CL_PREFIX" || fail "namespaces left"
	if kmemleak_available; then
		kmemleak_check_ftalias || fail "kmemleak"
	fi
	rmmod ftalias || fail "rmmod ftalias after the cluster tests"
	if [[ -d /sys/module/tipc/holders ]] && [[ -e /sys/module/tipc/initstate ]]; then
		wait_until 30 rmmod tipc 2>/dev/null || fail "rmmod tipc: $(cat /sys/module/tipc/refcnt)"
	fi
	ensure_loaded || die "cannot load ftalias again"
}

cl_node_state() {
	cl_ctl "$1" node show 2>/dev/null |
		awk -v a="$(printf '%08x' "$(cl_addr "$2")")" '$1 == a { print $2 }'
}

cl_all_up() {
	local i j
	for i; do
		for j; do
			((i == j)) && continue
			[[ $(cl_node_state "$i" "$j") == up ]] || return 1
		done
	done
}

# FNV-1a of the name's bytes, the top bit set (kmod/alias.c)
cl_fnv_id() {
	local s=$1 h=2166136261 i c
	for ((i = 0; i < ${#s}; i++)); do
		printf -v c %d "'${s:i:1}"
		h=$((((h ^ c) * 16777619) & 0xffffffff))
	done
	echo $((h | 0x80000000))
}
