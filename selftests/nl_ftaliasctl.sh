#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# ftaliasctl end to end, in a private netns: add/show/set/del in text and
# JSON, unique-prefix matching, usage errors (exit 2), kernel errors
# (exit 1, "Error: " + the extack message), info, monitor seeing
# add/change/del events, and members (ftalias_member processes): member
# show, set-active, set-priority, drain, undrain, -s counters and member
# events; record-replies, and the replay-cache commands (cache show, stats,
# flush, journal show, alias save and restore) on aliases without
# entries, privileged or not;
# SOCK_SEQPACKET connections (ftalias_member -L / -C): conn show, the
# alias filter, conn drop, privilege, and a restarted peer whose older
# connection the kernel drops (conn-drop-ntf in monitor).
# JSON is checked by one python3 run at the end.
source "$(dirname "$0")/lib/lib.sh"

require_root
require_module
skip_cli_on_debug
require_cmd ip ftaliasctl python3
MEMBER=$test_dir/ftalias_member
[[ -x $MEMBER ]] || skip "$MEMBER not built (make selftests)"

ns=ftal-cli-$$
tmp=$(mktemp -d)
mon_pid=
mon_txt_pid=
member_pids=()
cleanup() {
	[[ -n $mon_pid ]] && kill "$mon_pid" "$mon_txt_pid" 2>/dev/null
	((${#member_pids[@]})) && kill "${member_pids[@]}" 2>/dev/null
	wait 2>/dev/null
	ip netns del "$ns" 2>/dev/null
	ip netns del "$ns-2" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
ip netns add "$ns" || die "ip netns add $ns"

ctl() {
	ftaliasctl -n "$ns" "$@"
}

# ---- add / show in text and JSON -----------------------------------------
expect_rc 0 ctl alias add cli-a id 100 uid 5 gid 6 mode 0600 policy manual \
	grace-ms 500 cache-max-entries 10 cache-max-bytes 4096 cache-ttl-ms 1000
expect_rc 0 ctl alias add cli-b
ctl alias show cli-a >"$tmp/show-a.txt" || fail "show cli-a"
grep -qw cli-a "$tmp/show-a.txt" || fail "text show lacks the name"
grep -qw 100 "$tmp/show-a.txt" || fail "text show lacks the id"
ctl alias show >"$tmp/show-all.txt" || fail "show"
grep -qw cli-a "$tmp/show-all.txt" && grep -qw cli-b "$tmp/show-all.txt" ||
	fail "show without a name does not list both aliases"
ctl alias >"$tmp/default-verb.txt" || fail "'alias' without a verb"
cmp -s "$tmp/show-all.txt" "$tmp/default-verb.txt" || fail "'alias' is not 'alias show'"

ctl -j alias show cli-a >"$tmp/a.json" || fail "-j show cli-a"
ctl -j alias show id 100 >"$tmp/a-by-id.json" || fail "-j show id 100"
ctl -j alias show >"$tmp/all.json" || fail "-j show"
ctl -j -p alias show >"$tmp/all-pretty.json" || fail "-j -p show"

# unique prefixes
ctl al sh cli-a >"$tmp/prefix.txt" || fail "'al sh' failed"
cmp -s "$tmp/show-a.txt" "$tmp/prefix.txt" || fail "'al sh cli-a' differs from 'alias show cli-a'"
expect_rc 0 ctl a a cli-c && ctl alias show cli-c >/dev/null || fail "'a a' did not add"

# ---- set ------------------------------------------------------------------
expect_rc 0 ctl alias set cli-a mode 0640 grace-ms 700
expect_rc 0 ctl alias set id 100 name cli-a2
expect_rc 1 ctl alias show cli-a
ctl -j alias show cli-a2 >"$tmp/a2.json" || fail "show cli-a2"
expect_rc 0 ctl alias set cli-b policy manual cache-ttl-ms 86400000
ctl -j alias show cli-b >"$tmp/b.json" || fail "show cli-b"

# ---- kernel errors: exit 1, "Error: <extack>" -----------------------------
check_kernel_error() {
	expect_rc 1 "$@" || return
	grep -qE '^Error: .+' "$tmp/err" || fail "'$*': no 'Error: <message>' on stderr: $(cat "$tmp/err")"
	log "'$*': $(head -n1 "$tmp/err")"
}
check_kernel_error ctl alias add cli-b
grep -qi "exist\|in use" "$tmp/err" || fail "duplicate name: message does not say so: $(cat "$tmp/err")"
check_kernel_error ctl alias add cli-d id 100
check_kernel_error ctl alias del nope
check_kernel_error ctl alias show nope
check_kernel_error ctl alias set id 999 mode 0600
check_kernel_error ctl alias set id 100 name cli-b
check_kernel_error ctl alias add cli-e mode 0645
check_kernel_error ctl alias add cli-e uid 4294967295
expect_rc 1 ctl alias show cli-e

# ---- usage errors: exit 2 --------------------------------------------------
expect_rc 2 ctl alias add
expect_rc 2 ctl alias add cli-f mode
expect_rc 2 ctl alias add cli-f mode 0999
expect_rc 2 ctl alias add cli-f policy sometimes
expect_rc 2 ctl alias add cli-f id notanumber
expect_rc 2 ctl alias add cli-f bogus 1
expect_rc 2 ctl alias bogus
expect_rc 2 ctl alias s cli-a2		# ambiguous: set, show
expect_rc 2 ctl bogus
expect_rc 2 ctl alias del
expect_rc 2 ftaliasctl -Z info
expect_rc 1 ctl alias show cli-f

# ---- info -------------------------------------------------------------------
ctl info >"$tmp/info.txt" || fail "info"
grep -qw "$(cat /sys/module/ftalias/parameters/family)" "$tmp/info.txt" ||
	fail "text info lacks the family number"
ctl -j info >"$tmp/info.json" || fail "-j info"
cat /sys/module/ftalias/parameters/{family,max_aliases,cache_max_entries,cache_max_bytes,cache_total_bytes} \
	>"$tmp/params"

# ---- del ----------------------------------------------------------------------
expect_rc 0 ctl alias del cli-c
expect_rc 0 ctl alias del id 100
expect_rc 1 ctl alias show id 100

# mon_state WHAT JSON-OUT TEXT-OUT: after a monitor check failed, whether
# the two monitors still run, and the ends of what they wrote.
mon_state() {
	local p f
	for p in "$mon_pid" "$mon_txt_pid"; do
		if kill -0 "$p" 2>/dev/null; then
			log "$1: monitor $p runs"
		else
			wait "$p"
			log "$1: monitor $p exited with $?"
		fi
	done
	for f in "$2" "${2%.json}.err" "$3"; do
		log "$1: $(basename "$f"), $(wc -l <"$f") lines, ending:"
		tail -n 5 "$f" | sed 's/^/#     /'
	done
}

# ---- monitor ----------------------------------------------------------------
ftaliasctl -n "$ns" -j monitor >"$tmp/mon.json" 2>"$tmp/mon.err" &
mon_pid=$!
ftaliasctl -n "$ns" monitor >"$tmp/mon.txt" 2>&1 &
mon_txt_pid=$!
# subscribed once a probe alias shows up in both outputs
i=0
probe_seen() {
	i=$((i + 1))
	ctl alias add "probe$i" >/dev/null 2>&1
	grep -q '"probe' "$tmp/mon.json" && grep -q "alias-add-ntf alias probe" "$tmp/mon.txt"
}
wait_until 20 probe_seen || {
	fail "monitor saw no event within 20 s"
	mon_state alias "$tmp/mon.json" "$tmp/mon.txt"
}
expect_rc 0 ctl alias add mon-a id 300 mode 0600
expect_rc 0 ctl alias set mon-a mode 0640
expect_rc 0 ctl alias set mon-a mode 0640	# no change, no event
expect_rc 0 ctl alias del mon-a
mon_done() {
	grep -q '"alias-del-ntf".*mon-a\|mon-a.*"alias-del-ntf"' "$tmp/mon.json" &&
		grep -q "alias-del-ntf alias mon-a" "$tmp/mon.txt"
}
wait_until 20 mon_done || fail "monitor did not see the del of mon-a"
kill "$mon_pid" "$mon_txt_pid"
wait "$mon_pid" "$mon_txt_pid" 2>/dev/null
mon_pid=
grep "mon-a" "$tmp/mon.txt" | sed 's/^/# text: /'
[[ $(grep -c "mon-a" "$tmp/mon.txt") == 3 ]] || fail "text monitor: want 3 mon-a events"
grep -q "^alias-add-ntf alias mon-a id 300" "$tmp/mon.txt" || fail "text monitor: add line"
grep -q "^alias-change-ntf alias mon-a id 300" "$tmp/mon.txt" || fail "text monitor: change line"
grep -q "^alias-del-ntf alias mon-a id 300" "$tmp/mon.txt" || fail "text monitor: del line"

# ---- members ------------------------------------------------------------------
# start_member NAME ARGS...: ftalias_member ARGS in the netns, in the
# background; its pid in pid_NAME, its port in port_NAME, the id of its
# connection (-C) in conn_NAME
start_member() {
	local name=$1 out=$tmp/member-$1 port
	shift
	ip netns exec "$ns" "$MEMBER" "$@" >"$out" 2>&1 &
	member_pids+=($!)
	printf -v "pid_$name" %s "$!"
	wait_until 10 grep -q '^port [0-9]' "$out" ||
		die "ftalias_member $*: $(cat "$out")"
	port=$(sed -n '1s/^port \([0-9]*\).*/\1/p' "$out")
	printf -v "port_$name" %s "$port"
	printf -v "conn_$name" %s "$(sed -n '1s/^port [0-9]* conn //p' "$out")"
}

# member_state ALIAS PORT: the state of a member, from the text output
# (ALIAS PORT PID PRIORITY ROLE STATE ..., '*' before the active one's
# state), parsed by bash: a python3 run per poll costs about a second
# under TCG.  The JSON output is checked by the python3 run at the end.
member_state() {
	local a p pid prio role st rest

	while read -r a p pid prio role st rest; do
		[[ $p == "$2" ]] && { echo "${st#\*}"; return; }
	done < <(ctl member show "$1")
	echo none
}

state_is() {
	[[ $(member_state "$1" "$2") == "$3" ]]
}

# expect_state ALIAS PORT STATE
expect_state() {
	wait_until 5 state_is "$@" ||
		fail "member $2 of $1: state $(member_state "$1" "$2"), want $3"
}

ftaliasctl -n "$ns" -j monitor >"$tmp/mmon.json" 2>"$tmp/mmon.err" &
mon_pid=$!
ftaliasctl -n "$ns" monitor >"$tmp/mmon.txt" 2>&1 &
mon_txt_pid=$!
probe_seen() {
	i=$((i + 1))
	ctl alias add "probe$i" >/dev/null 2>&1
	grep -q "\"probe$i\"" "$tmp/mmon.json" && grep -q "alias-add-ntf alias probe$i " "$tmp/mmon.txt"
}
wait_until 20 probe_seen || {
	fail "member monitor saw no event within 20 s"
	mon_state member "$tmp/mmon.json" "$tmp/mmon.txt"
}

expect_rc 0 ctl alias add mem-a id 500
expect_rc 0 ctl alias add mem-b id 501 policy manual
expect_rc 0 ctl member show mem-a
[[ -s $tmp/out ]] && fail "member show of an alias without members printed: $(cat "$tmp/out")"
ctl -j member show mem-a >"$tmp/m-empty.json" || fail "-j member show mem-a"

start_member m1 -p 10 500
start_member m2 -p 10 500
start_member m3 -p 5 -r standby 500
start_member m4 501
log "members: m1 $port_m1 m2 $port_m2 m3 $port_m3 (mem-a), m4 $port_m4 (mem-b)"

# text: a title line, then one line per member in join order, '*' on m1
ctl member show mem-a >"$tmp/m-a.txt" || fail "member show mem-a"
sed 's/^/# /' "$tmp/m-a.txt"
[[ $(wc -l <"$tmp/m-a.txt") == 4 ]] || fail "member show mem-a: want a title and 3 lines"
head -n1 "$tmp/m-a.txt" | grep -q "^ALIAS  *PORT  *PID  *PRIORITY  *ROLE  *STATE  *QUEUE-LEN  *INCARNATION$" ||
	fail "member show: title line"
[[ $(awk '{ print $2 }' "$tmp/m-a.txt" | tail -n3 | tr '\n' ' ') == "$port_m1 $port_m2 $port_m3 " ]] ||
	fail "member show: not in join order"
grep -q "^mem-a  *$port_m1  *$pid_m1  *10  *replica  *\*active  *0 " "$tmp/m-a.txt" ||
	fail "member show: m1 line"
grep -q "^mem-a  *$port_m3  *$pid_m3  *5  *standby  *backup  *0  *0$" "$tmp/m-a.txt" ||
	fail "member show: m3 line"
[[ $(grep -c '\*' "$tmp/m-a.txt") == 1 ]] || fail "member show: one '*' wanted"
ctl me sh id 500 >"$tmp/m-a-id.txt" || fail "me sh id 500"
cmp -s "$tmp/m-a.txt" "$tmp/m-a-id.txt" || fail "'member show id 500' differs from 'member show mem-a'"
ctl member >"$tmp/m-all.txt" || fail "member"
grep -q "^mem-b  *$port_m4 " "$tmp/m-all.txt" && [[ $(wc -l <"$tmp/m-all.txt") == 5 ]] ||
	fail "member show without alias: $(cat "$tmp/m-all.txt")"
ctl -s member show mem-a >"$tmp/m-a-s.txt" || fail "-s member show mem-a"
head -n1 "$tmp/m-a-s.txt" | grep -q " INCARNATION  *DELIVERED  *REDELIVERED  *REPLIES$" ||
	fail "-s member show: title line"
ctl -j member show mem-a >"$tmp/m-a.json" || fail "-j member show mem-a"
ctl -j member show id 500 >"$tmp/m-a-id.json" || fail "-j member show id 500"
ctl -j -s member show >"$tmp/m-all-s.json" || fail "-j -s member show"

# alias state and counters
ctl alias show mem-a >"$tmp/ma.txt" || fail "alias show mem-a"
grep -q " members 3 active-port $port_m1 pending 0 held 0$" "$tmp/ma.txt" ||
	fail "alias show: state: $(cat "$tmp/ma.txt")"
ctl -s alias show mem-a >"$tmp/ma-s.txt" || fail "-s alias show mem-a"
sed -n 2p "$tmp/ma-s.txt" | grep -q "^    stats sent 0 delivered 0 redelivered 0 resent 0 replies 0 held 0 failed 0 promotions [0-9]* checkpoints 0 ckpt-loads 0 inputs-logged 0 inputs-replayed 0 replay-suppressed 0 requests-reissued 0$" ||
	fail "-s alias show: stats line: $(cat "$tmp/ma-s.txt")"
ctl -j alias show mem-a >"$tmp/ma.json" || fail "-j alias show mem-a"

# three requests from a client: queued to m1, which does not read them
start_member c1 -c 3 500
queued() {
	local a p pid prio role st qlen rest

	while read -r a p pid prio role st qlen rest; do
		[[ $p == "$port_m1" ]] && { [[ $qlen == 3 ]]; return; }
	done < <(ctl member show mem-a)
	return 1
}
wait_until 5 queued || fail "m1 does not have the 3 requests queued"
ctl -j -s alias show mem-a >"$tmp/ma-3.json" || fail "-j -s alias show mem-a"
ctl -j -s member show mem-a >"$tmp/m-a-3.json" || fail "-j -s member show mem-a"

# member-set: priority, active (a standby too), drain, undrain
expect_rc 0 ctl member set-priority mem-a "$port_m2" 20
expect_rc 0 ctl member set-active mem-a "$port_m3"
expect_state mem-a "$port_m3" active
expect_state mem-a "$port_m1" backup
ctl -j -s member show mem-a >"$tmp/m-a-moved.json" || fail "-j -s member show mem-a"
ctl -j -s alias show mem-a >"$tmp/ma-moved.json" || fail "-j -s alias show mem-a"
expect_rc 0 ctl member drain mem-a "$port_m1"
expect_state mem-a "$port_m1" draining
ctl member show mem-a | grep -q "^mem-a  *$port_m1 .* draining " || fail "text: m1 not draining"
expect_rc 0 ctl member undrain mem-a "$port_m1"
expect_state mem-a "$port_m1" backup
expect_rc 0 ctl member set-a id 500 "$port_m1"
expect_state mem-a "$port_m1" active
expect_state mem-a "$port_m3" backup
expect_rc 0 ctl member set-active mem-b "$port_m4"	# manual policy
expect_state mem-b "$port_m4" active

# errors: exit 1 with the kernel's message
check_kernel_error ctl member set-active mem-a 4000000000
check_kernel_error ctl member set-active mem-a "$port_m4"	# a member of mem-b
check_kernel_error ctl member set-priority mem-a 0 1
check_kernel_error ctl member drain nope 1
check_kernel_error ctl member undrain id 999 1
check_kernel_error ctl member show nope
check_kernel_error ctl member show id 999
check_kernel_error ftaliasctl -n "$ns" member set-active id 0 1

# a member leaves
kill "$pid_m2"
left() { [[ $(ctl member show mem-a | wc -l) == 3 ]]; }
wait_until 10 left || fail "m2 still listed after kill"
mmon_done() {
	grep -q "^member-leave-ntf member alias-id 500 port $port_m2 " "$tmp/mmon.txt" &&
		grep -q '"member-leave-ntf"' "$tmp/mmon.json"
}
wait_until 20 mmon_done || fail "monitor did not see m2 leave"
kill "$mon_pid" "$mon_txt_pid"
wait "$mon_pid" "$mon_txt_pid" 2>/dev/null
mon_pid=
grep "^member-" "$tmp/mmon.txt" | sed 's/^/# text: /'
for p in "$port_m1" "$port_m2" "$port_m3"; do
	grep -q "^member-join-ntf member alias-id 500 port $p pid [0-9]* priority [0-9]* role [a-z]* state [a-z]* queue-len 0 incarnation [0-9]*$" \
		"$tmp/mmon.txt" || fail "text monitor: join of port $p"
done
grep -q "^member-change-ntf member alias-id 500 port $port_m3 .* state active " "$tmp/mmon.txt" ||
	fail "text monitor: m3 promoted"
grep -q "^member-change-ntf member alias-id 500 port $port_m1 .* state draining " "$tmp/mmon.txt" ||
	fail "text monitor: m1 draining"
grep -q "^member-change-ntf member alias-id 500 port $port_m2 .* priority 20 " "$tmp/mmon.txt" ||
	fail "text monitor: m2 priority"
printf '%s\n' "$port_m1" "$port_m2" "$port_m3" "$port_m4" \
	"$pid_m1" "$pid_m2" "$pid_m3" "$pid_m4" >"$tmp/members"

# ---- record-replies and the replay cache (no entries: no traffic) ---------------
expect_rc 0 ctl alias add rc-a id 600 record-replies on
grep -q " record-replies on " "$tmp/out" || fail "alias add printed: $(cat "$tmp/out")"
expect_rc 0 ctl alias add rc-b id 601
ctl -j alias show rc-a >"$tmp/rc-a-on.json" || fail "-j alias show rc-a"
expect_rc 0 ctl alias set rc-a record-replies off cache-ttl-ms 2000
ctl -j alias show rc-a >"$tmp/rc-a-off.json" || fail "-j alias show rc-a"
ctl alias show rc-b | grep -q " cache-ttl-ms 300000 record-replies off input-log off incarnation 0 " ||
	fail "alias show: record-replies: $(ctl alias show rc-b)"
expect_rc 0 ctl alias set rc-a record-replies off	# no change: fine
expect_rc 2 ctl alias set rc-a record-replies 1

# input-log: on shows the log's state, off drops it; a bad value is usage
expect_rc 0 ctl alias add il-a id 610 input-log on
grep -q " input-log on .* log-inputs 0 log-bytes 0 log-outputs 0$" "$tmp/out" ||
	fail "alias add input-log on printed: $(cat "$tmp/out")"
expect_rc 0 ctl alias set il-a input-log off
ctl alias show il-a | grep -q " input-log off .* held 0$" ||
	fail "alias show after input-log off: $(ctl alias show il-a)"
ctl -c alias show il-a | grep -q " record-replies off input-log off$" ||
	fail "alias show -c: $(ctl -c alias show il-a)"
expect_rc 2 ctl alias set il-a input-log maybe
expect_rc 0 ctl alias del il-a

# show: nothing (no entries), an empty array in JSON
expect_rc 0 ctl cache show rc-a
[[ -s $tmp/out ]] && fail "cache show of an empty cache printed: $(cat "$tmp/out")"
ctl -j cache show rc-a >"$tmp/rc-show.json" || fail "-j cache show rc-a"
ctl -j -p cache show id 600 >"$tmp/rc-show-id.json" || fail "-j -p cache show id 600"
expect_rc 0 ctl journal show rc-a
[[ -s $tmp/out ]] && fail "journal show of an empty journal printed: $(cat "$tmp/out")"
ctl -j journal show id 600 >"$tmp/rc-journal.json" || fail "-j journal show id 600"

# stats: a block per alias in text, all counters 0
ctl cache stats rc-a >"$tmp/rc-stats.txt" || fail "cache stats rc-a"
sed 's/^/# /' "$tmp/rc-stats.txt"
head -n1 "$tmp/rc-stats.txt" | grep -q "^alias rc-a id 600:$" || fail "cache stats: title line"
for k in record-replies cache-max-entries cache-max-bytes cache-ttl-ms entries bytes \
	in-progress journal waiting recorded hits-auto hits-handler hits-held misses \
	evict-ack evict-ttl evict-lru evict-shrink evict-flush refused orphans \
	journaled longest-hold-ms; do
	grep -q "^    $k: " "$tmp/rc-stats.txt" || fail "cache stats: no $k line"
done
[[ $(grep -c ":  *0$" "$tmp/rc-stats.txt") == 19 ]] ||
	fail "cache stats: want 19 zero counters"
ctl cache stats >"$tmp/rc-stats-all.txt" || fail "cache stats"
grep -q "^alias rc-a id 600:$" "$tmp/rc-stats-all.txt" &&
	grep -q "^alias rc-b id 601:$" "$tmp/rc-stats-all.txt" &&
	grep -q "^alias mem-a id 500:$" "$tmp/rc-stats-all.txt" ||
	fail "cache stats without an alias: not every alias"
ctl -j cache stats >"$tmp/rc-stats-all.json" || fail "-j cache stats"
ctl -j cache stats id 601 >"$tmp/rc-stats-b.json" || fail "-j cache stats id 601"
ctl -s alias show rc-a | sed -n 3p | grep -q "^    cache entries 0 bytes 0 in-progress 0 " ||
	fail "-s alias show: no cache line: $(ctl -s alias show rc-a)"

# flush: the count of entries freed
expect_rc 0 ctl cache flush rc-a
[[ $(cat "$tmp/out") == "flushed 0" ]] || fail "cache flush: $(cat "$tmp/out")"
expect_rc 0 ctl cache flush id 601 in-progress
[[ $(cat "$tmp/out") == "flushed 0" ]] || fail "cache flush in-progress: $(cat "$tmp/out")"
ctl -j cache flush rc-b in-p >"$tmp/rc-flush.json" || fail "-j cache flush"

# errors: exit 1 with the kernel's message; usage errors exit 2
check_kernel_error ctl cache show nope
check_kernel_error ctl cache show id 999
grep -q "no alias" "$tmp/err" || fail "cache show id 999: $(cat "$tmp/err")"
check_kernel_error ctl cache flush id 999
check_kernel_error ctl journal show id 999
check_kernel_error ctl cache stats id 999
expect_rc 2 ctl cache show
expect_rc 2 ctl cache flush rc-a everything

# without CAP_NET_ADMIN: the entries and the flush are refused, the counters not
if command -v setpriv >/dev/null; then
	unpriv() {
		ip netns exec "$ns" setpriv --reuid=65534 --regid=65534 --clear-groups \
			--inh-caps=-all "$(command -v ftaliasctl)" "$@"
	}
	for c in "cache show rc-a" "cache flush rc-a" "cache flush id 600 in-progress" \
		"journal show rc-a" "alias save rc-a"; do
		# shellcheck disable=SC2086
		expect_rc 1 unpriv $c || continue
		grep -q "^Error: CAP_NET_ADMIN required" "$tmp/err" ||
			fail "unprivileged $c: $(cat "$tmp/err")"
	done
	expect_rc 0 unpriv cache stats rc-a
	expect_rc 0 unpriv -j cache stats
else
	log "SKIP: no setpriv, unprivileged cache commands not tested"
fi

# ---- alias save: the file's header, then records (nl_save checks them) ----------
ctl alias save rc-a >"$tmp/rc-a.ftas" || fail "alias save rc-a"
[[ $(head -c 4 "$tmp/rc-a.ftas") == FTAS ]] || fail "alias save: no FTAS magic"
(($(stat -c %s "$tmp/rc-a.ftas") > 16)) || fail "alias save: no records after the header"
check_kernel_error ctl alias save id 999
grep -q "no alias" "$tmp/err" || fail "alias save id 999: $(cat "$tmp/err")"
expect_rc 2 ctl alias save

# ---- alias restore: the same configuration back; damaged files refused ------
ctl -config alias show rc-a >"$tmp/rc-a.conf" || fail "-config alias show rc-a"
expect_rc 1 ctl alias restore <"$tmp/rc-a.ftas"
grep -q "alias name already in use" "$tmp/err" || fail "restore over rc-a: $(cat "$tmp/err")"
expect_rc 0 ctl alias del rc-a
# a byte of the last record changed: the CRC check refuses it
size=$(stat -c %s "$tmp/rc-a.ftas")
cp "$tmp/rc-a.ftas" "$tmp/bad.ftas"
printf '\x7f' | dd of="$tmp/bad.ftas" bs=1 seek=$((size - 9)) conv=notrunc status=none
expect_rc 1 ctl alias restore <"$tmp/bad.ftas"
grep -q "does not match its CRC" "$tmp/err" || fail "restore of a changed file: $(cat "$tmp/err")"
head -c $((size - 24)) "$tmp/rc-a.ftas" >"$tmp/short.ftas"
expect_rc 1 ctl alias restore <"$tmp/short.ftas"
grep -q "cut short" "$tmp/err" || fail "restore of a cut file: $(cat "$tmp/err")"
expect_rc 1 ctl alias restore </dev/null
grep -q "no FTAS header" "$tmp/err" || fail "restore of nothing: $(cat "$tmp/err")"
expect_rc 1 ctl alias show rc-a
expect_rc 0 ctl alias restore <"$tmp/rc-a.ftas"
grep -q "^alias rc-a id 600 " "$tmp/out" || fail "alias restore printed: $(cat "$tmp/out")"
ctl -config alias show rc-a | cmp -s - "$tmp/rc-a.conf" ||
	fail "restored rc-a: $(ctl -config alias show rc-a), want $(cat "$tmp/rc-a.conf")"
# under another name and id
expect_rc 0 ctl alias restore name rc-c id 602 <"$tmp/rc-a.ftas"
grep -q "^alias rc-c id 602 " "$tmp/out" || fail "alias restore name rc-c id 602: $(cat "$tmp/out")"
expect_rc 0 ctl alias del rc-c
expect_rc 2 ctl alias restore name
expect_rc 2 ctl alias restore id 0 <"$tmp/rc-a.ftas"
expect_rc 2 ctl alias restore bogus 1 <"$tmp/rc-a.ftas"

# ---- alias save move: the alias goes once its file is written, and back ----
expect_rc 0 ctl alias save rc-a move
mv "$tmp/out" "$tmp/rc-a-moved.ftas"
expect_rc 1 ctl alias show rc-a
expect_rc 0 ctl alias restore <"$tmp/rc-a-moved.ftas"
ctl -config alias show rc-a | cmp -s - "$tmp/rc-a.conf" ||
	fail "moved rc-a: $(ctl -config alias show rc-a), want $(cat "$tmp/rc-a.conf")"
# a move whose file cannot be written does not happen: rc-a thaws as it was
ctl alias save rc-a move >/dev/full 2>"$tmp/err" &&
	fail "alias save rc-a move >/dev/full succeeded"
grep -q "cannot write" "$tmp/err" || fail "move to a full disk: $(cat "$tmp/err")"
expect_rc 0 ctl alias show rc-a
expect_rc 0 ctl alias save rc-a
expect_rc 2 ctl alias save rc-a move now

# ---- alias save all / restore all: a whole namespace, into another one ---------
ctl2() {
	ftaliasctl -n "$ns-2" "$@"
}
ftas_count() {
	compgen -G "$1/*.ftas" | wc -l
}
ctl -config alias show | sort >"$tmp/all.conf"
n_all=$(wc -l <"$tmp/all.conf")
((n_all >= 2)) || fail "save all: $n_all aliases to save, want at least 2"
expect_rc 0 ctl alias save all "$tmp/all"
[[ $(stat -c %a "$tmp/all") == 700 ]] || fail "save all: $tmp/all not made 0700"
[[ $(ftas_count "$tmp/all") == "$n_all" ]] ||
	fail "save all: not one file per alias: $(ls "$tmp/all")"
[[ $(head -c 4 "$tmp/all/rc-a.ftas") == FTAS ]] || fail "save all: no rc-a.ftas"
# the files of aliases that are gone (and of a save cut short) go
: >"$tmp/all/gone.ftas"
: >"$tmp/all/rc-a.ftas.tmp"
expect_rc 0 ctl alias save all "$tmp/all"
[[ -e $tmp/all/gone.ftas || -e $tmp/all/rc-a.ftas.tmp ]] &&
	fail "save all kept stale files: $(ls "$tmp/all")"
ip netns add "$ns-2" || die "ip netns add $ns-2"
expect_rc 0 ctl2 alias restore all "$tmp/all"
[[ $(grep -c '^alias ' "$tmp/out") == "$n_all" ]] ||
	fail "restore all printed: $(cat "$tmp/out")"
ctl2 -config alias show | sort | diff -u "$tmp/all.conf" - ||
	fail "restore all: not the saved namespace"
# each file restored is moved aside: a second run has nothing to do
[[ $(ftas_count "$tmp/all") == 0 && $(ftas_count "$tmp/all/restored") == "$n_all" ]] ||
	fail "restore all: files not moved into restored/: $(ls -R "$tmp/all")"
expect_rc 0 ctl2 alias restore all "$tmp/all"
[[ -s $tmp/out ]] && fail "restore all of nothing printed: $(cat "$tmp/out")"
# a damaged file: named, moved into failed/, the others restored, exit 1
ip netns del "$ns-2"
ip netns add "$ns-2" || die "ip netns add $ns-2"
mv "$tmp/all/restored/"*.ftas "$tmp/all/"
size=$(stat -c %s "$tmp/all/rc-a.ftas")
printf '\x7f' | dd of="$tmp/all/rc-a.ftas" bs=1 seek=$((size - 9)) conv=notrunc status=none
expect_rc 1 ctl2 alias restore all "$tmp/all"
grep -q "rc-a.ftas not restored" "$tmp/err" || fail "restore all of a damaged file: $(cat "$tmp/err")"
[[ -e $tmp/all/failed/rc-a.ftas && ! -e $tmp/all/rc-a.ftas ]] ||
	fail "restore all did not move the file it could not restore into failed/"
ctl2 alias show rc-a >/dev/null 2>&1 && fail "restore all: the damaged rc-a made"
ctl2 alias show rc-b >/dev/null || fail "restore all: rc-b not restored after a damaged file"
# over the aliases restored: refused, into failed/; with -exist (a
# restart), the files of aliases there count as restored
rm "$tmp/all/failed/rc-a.ftas"
mv "$tmp/all/restored/"*.ftas "$tmp/all/"
expect_rc 1 ctl2 alias restore all "$tmp/all"
grep -q "alias name already in use" "$tmp/err" || fail "restore all over aliases: $(cat "$tmp/err")"
[[ $(ftas_count "$tmp/all/failed") == $((n_all - 1)) ]] ||
	fail "restore all over aliases: not in failed/: $(ls -R "$tmp/all")"
mv "$tmp/all/failed/"*.ftas "$tmp/all/"
expect_rc 0 ctl2 -exist alias restore all "$tmp/all"
[[ -s $tmp/err ]] && fail "-exist restore all complained: $(cat "$tmp/err")"
[[ $(ftas_count "$tmp/all") == 0 && $(ftas_count "$tmp/all/restored") == $((n_all - 1)) ]] ||
	fail "-exist restore all: files not moved into restored/: $(ls -R "$tmp/all")"
ip netns del "$ns-2"
# no directory: nothing saved, nothing to do; not a directory: an error
expect_rc 0 ctl alias restore all "$tmp/nowhere"
[[ -s $tmp/out ]] && fail "restore all of no directory printed: $(cat "$tmp/out")"
expect_rc 1 ctl alias restore all "$tmp/all/restored/rc-b.ftas"
grep -q "cannot open" "$tmp/err" || fail "restore all of a file: $(cat "$tmp/err")"
expect_rc 1 ctl alias save all /proc/nowhere
grep -q "cannot create" "$tmp/err" || fail "save all into /proc: $(cat "$tmp/err")"

# ---- -exist: alias add of an alias there does nothing --------------------------
expect_rc 1 ctl alias add rc-a
expect_rc 0 ctl -exist alias add rc-a cache-ttl-ms 5
[[ -s $tmp/out ]] && fail "-exist alias add printed: $(cat "$tmp/out")"
ctl -config alias show rc-a | cmp -s - "$tmp/rc-a.conf" ||
	fail "-exist alias add changed rc-a: $(ctl -config alias show rc-a)"
# another alias's id is still a conflict, and so is no namespace
check_kernel_error ctl -exist alias add rc-new id 600
grep -q "id already in use" "$tmp/err" || fail "-exist alias add over an id: $(cat "$tmp/err")"
expect_rc 1 ftaliasctl -n "$ns-none" -exist alias add rc-a

# ---- connections: conn show, conn drop, a restarted peer ------------------------
# cn-b is served by the listener cl; ca is a member of cn-a (a second
# SOCK_SEQPACKET socket) and connects to cn-b with the identity cn-a; cq
# connects to the port of the listener cp, with its own port as identity.
ftaliasctl -n "$ns" -j monitor >"$tmp/cmon.json" 2>"$tmp/cmon.err" &
mon_pid=$!
ftaliasctl -n "$ns" monitor >"$tmp/cmon.txt" 2>&1 &
mon_txt_pid=$!
probe_seen() {
	i=$((i + 1))
	ctl alias add "probe$i" >/dev/null 2>&1
	grep -q "\"probe$i\"" "$tmp/cmon.json" && grep -q "alias-add-ntf alias probe$i " "$tmp/cmon.txt"
}
wait_until 20 probe_seen || {
	fail "conn monitor saw no event within 20 s"
	mon_state conn "$tmp/cmon.json" "$tmp/cmon.txt"
}

expect_rc 0 ctl alias add cn-a id 700
expect_rc 0 ctl alias add cn-b id 701
expect_rc 0 ctl conn show
[[ -s $tmp/out ]] && fail "conn show of an empty table printed: $(cat "$tmp/out")"
ctl -j conn show >"$tmp/cn-empty.json" || fail "-j conn show (empty)"

# accepted MEMBER CONN: the listener MEMBER accepted the connection CONN
accepted() {
	grep -q "^accepted conn $2 port " "$tmp/member-$1"
}
accepted_port() {
	sed -n "s/^accepted conn $2 port //p" "$tmp/member-$1"
}

start_member cl -L 701
start_member cp -L
start_member ca -C -m 700 -i 700 -c 2 701
start_member cq -C -P -c 1 "$port_cp"
log "conns: ca $conn_ca (port $port_ca) to cn-b (cl port $port_cl), cq $conn_cq (port $port_cq) to port $port_cp"
[[ -n $conn_ca && -n $conn_cq && $conn_ca != "$conn_cq" ]] ||
	die "no connection ids: ca '$conn_ca' cq '$conn_cq'"
wait_until 10 accepted cl "$conn_ca" || fail "cl did not accept conn $conn_ca"
wait_until 10 accepted cp "$conn_cq" || fail "cp did not accept conn $conn_cq"
acc_ca=$(accepted_port cl "$conn_ca")
acc_cq=$(accepted_port cp "$conn_cq")

# text: a title, one line per connection, oldest first
ctl conn show >"$tmp/cn.txt" || fail "conn show"
sed 's/^/# /' "$tmp/cn.txt"
[[ $(wc -l <"$tmp/cn.txt") == 3 ]] || fail "conn show: want a title and 2 lines"
head -n1 "$tmp/cn.txt" | grep -q "^ID  *LOCAL  *LISTEN  *PORT  *PID  *PEER-PORT  *PEER-PID  *IDENTITY  *NAME  *ESTABLISHED  *SEC.USEC  *SEQ  *STATE  *QUEUE$" ||
	fail "conn show: title line"
date_re='[0-9]\{4\}-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]\.[0-9]\{6\}'
grep -q "^ *$conn_ca  *cn-b  *$port_cl  *$acc_ca  *$pid_cl  *$port_ca  *$pid_ca  *00000000:cn-a  *cn-a  *$date_re  *[0-9]*\.[0-9]\{6\}  *[0-9][0-9]*  *established  *2/0$" "$tmp/cn.txt" ||
	fail "conn show: line of ca"
grep -q "^ *$conn_cq  *port $port_cp  *$port_cp  *$acc_cq  *$pid_cp  *$port_cq  *$pid_cq  *00000000:port $port_cq  *ftalias_member  *$date_re  *[0-9]*\.[0-9]\{6\}  *[0-9][0-9]*  *established  *1/0$" "$tmp/cn.txt" ||
	fail "conn show: line of cq"
# the date is the local time of SEC.USEC
line=$(grep "^ *$conn_ca " "$tmp/cn.txt")
su=$(grep -o ' [0-9]\{9,\}\.[0-9]\{6\} ' <<<"$line" | tr -d ' ')
[[ -n $su && $line == *" $(date -d "@${su%.*}" '+%Y-%m-%d %H:%M:%S').${su#*.} "* ]] ||
	fail "conn show: the date of ca is not its SEC.USEC $su: $line"
ctl conn >"$tmp/cn-default.txt" || fail "'conn' without a verb"
ctl co l >"$tmp/cn-prefix.txt" || fail "'co l'"
cmp -s "$tmp/cn.txt" "$tmp/cn-default.txt" && cmp -s "$tmp/cn.txt" "$tmp/cn-prefix.txt" ||
	fail "'conn' and 'co l' differ from 'conn show'"
ctl conn show alias cn-b >"$tmp/cn-b.txt" || fail "conn show alias cn-b"
[[ $(wc -l <"$tmp/cn-b.txt") == 2 ]] && grep -q "^ *$conn_ca  *cn-b " "$tmp/cn-b.txt" ||
	fail "conn show alias cn-b: $(cat "$tmp/cn-b.txt")"
expect_rc 0 ctl conn show alias cn-a
[[ -s $tmp/out ]] && fail "conn show alias cn-a (no connection to it) printed: $(cat "$tmp/out")"
ctl c s i "$conn_cq" >"$tmp/cn-cq.txt" 2>&1 && fail "'c s i' is not an error"	# c: cache
ctl co s i "$conn_cq" >"$tmp/cn-cq.txt" || fail "'co s i $conn_cq'"
[[ $(wc -l <"$tmp/cn-cq.txt") == 2 ]] && grep -q "^ *$conn_cq  *port $port_cp " "$tmp/cn-cq.txt" ||
	fail "conn show id $conn_cq: $(cat "$tmp/cn-cq.txt")"

ctl -j conn show >"$tmp/cn-all.json" || fail "-j conn show"
ctl -j conn show id "$conn_ca" >"$tmp/cn-ca.json" || fail "-j conn show id $conn_ca"
ctl -j conn show alias id 701 >"$tmp/cn-b.json" || fail "-j conn show alias id 701"
ctl -j -p conn show alias cn-a >"$tmp/cn-a.json" || fail "-j conn show alias cn-a"

# errors: exit 1 with the kernel's message; usage errors exit 2
check_kernel_error ctl conn show id 4000000000
grep -qx "Error: no connection with this id" "$tmp/err" || fail "conn show id 4000000000: $(cat "$tmp/err")"
check_kernel_error ctl conn drop 4000000000
grep -qx "Error: no connection with this id" "$tmp/err" || fail "conn drop 4000000000: $(cat "$tmp/err")"
check_kernel_error ctl conn drop 0
check_kernel_error ctl conn show alias nope
check_kernel_error ctl conn show alias id 999
expect_rc 2 ctl conn drop
expect_rc 2 ctl conn drop x
expect_rc 2 ctl conn drop "$conn_cq" "$conn_ca"
expect_rc 2 ctl conn show id
expect_rc 2 ctl conn show bogus
expect_rc 2 ctl conn show id 1 alias cn-b
expect_rc 2 ctl conn bogus

# without CAP_NET_ADMIN: show and drop are refused
if command -v setpriv >/dev/null; then
	for c in "conn show" "conn show id $conn_ca" "conn show alias cn-b" "-j conn show" \
		"conn drop $conn_ca"; do
		# shellcheck disable=SC2086
		expect_rc 1 unpriv $c || continue
		grep -q "^Error: CAP_NET_ADMIN required" "$tmp/err" ||
			fail "unprivileged $c: $(cat "$tmp/err")"
	done
	expect_rc 0 ctl conn show id "$conn_ca"
	# monitor without it: the connection events (admin-events) are refused,
	# with a note, and it keeps listening to the others
	ip netns exec "$ns" setpriv --reuid=65534 --regid=65534 --clear-groups \
		--inh-caps=-all "$(command -v ftaliasctl)" monitor \
		>"$tmp/umon.txt" 2>"$tmp/umon.err" &
	umon=$!
	umon_noted() { grep -q '"admin-events" events need CAP_NET_ADMIN' "$tmp/umon.err"; }
	wait_until 20 umon_noted || fail "unprivileged monitor: no note: $(cat "$tmp/umon.err")"
	kill -INT "$umon"
	wait "$umon" || fail "unprivileged monitor: exit status $?"
else
	log "SKIP: no setpriv, unprivileged conn commands not tested"
fi

# drop: the entry goes at once
expect_rc 0 ctl conn drop "$conn_cq"
[[ -s $tmp/out ]] && fail "conn drop printed: $(cat "$tmp/out")"
check_kernel_error ctl conn show id "$conn_cq"
ctl conn show >"$tmp/cn-dropped.txt" || fail "conn show after drop"
[[ $(wc -l <"$tmp/cn-dropped.txt") == 2 ]] && grep -q "^ *$conn_ca  *cn-b " "$tmp/cn-dropped.txt" ||
	fail "conn show after drop: $(cat "$tmp/cn-dropped.txt")"
check_kernel_error ctl conn drop "$conn_cq"

# a restarted peer: ca hangs, ca2 joins cn-a and connects with its
# identity; the kernel drops the older connection of ca at once
kill -STOP "$pid_ca"
start_member ca2 -C -m 700 -i 700 -n restarted 701
wait_until 10 accepted cl "$conn_ca2" || fail "cl did not accept conn $conn_ca2"
acc_ca2=$(accepted_port cl "$conn_ca2")
stale_seen() {
	grep -q "^conn-drop-ntf stale conn id $conn_ca " "$tmp/cmon.txt" &&
		grep -q '"reason":"stale"' "$tmp/cmon.json"
}
wait_until 20 stale_seen || fail "monitor did not see the stale connection $conn_ca dropped"
ctl conn show >"$tmp/cn-restarted.txt" || fail "conn show after the restart"
sed 's/^/# /' "$tmp/cn-restarted.txt"
[[ $(wc -l <"$tmp/cn-restarted.txt") == 2 ]] &&
	grep -q "^ *$conn_ca2  *cn-b  *$port_cl  *$acc_ca2  *$pid_cl  *$port_ca2  *$pid_ca2  *00000000:cn-a  *restarted  *$date_re .* established  *0/0$" \
		"$tmp/cn-restarted.txt" ||
	fail "conn show after the restart: want exactly the connection of ca2"
check_kernel_error ctl conn show id "$conn_ca"
ctl -j conn show >"$tmp/cn-restarted.json" || fail "-j conn show after the restart"
kill -CONT "$pid_ca"

# drop the last one: the table is empty
expect_rc 0 ctl conn drop "$conn_ca2"
expect_rc 0 ctl conn show
[[ -s $tmp/out ]] && fail "conn show after dropping all printed: $(cat "$tmp/out")"
ctl -j conn show >"$tmp/cn-none.json" || fail "-j conn show after dropping all"
kill "$pid_ca" "$pid_ca2" "$pid_cq" "$pid_cl" "$pid_cp"
wait "$pid_ca" "$pid_ca2" "$pid_cq" "$pid_cl" "$pid_cp" 2>/dev/null

admin_seen() {
	grep -q "^conn-drop-ntf admin conn id $conn_ca2 " "$tmp/cmon.txt" &&
		[[ $(grep -c '"conn-drop-ntf"' "$tmp/cmon.json") == 3 ]]
}
wait_until 20 admin_seen || fail "monitor did not see conn $conn_ca2 dropped"
kill "$mon_pid" "$mon_txt_pid"
wait "$mon_pid" "$mon_txt_pid" 2>/dev/null
mon_pid=
grep "^conn-" "$tmp/cmon.txt" | sed 's/^/# text: /'
[[ $(grep -c "^conn-drop-ntf " "$tmp/cmon.txt") == 3 ]] || fail "text monitor: want 3 conn-drop-ntf"
grep -q "^conn-drop-ntf admin conn id $conn_cq seq [0-9]* est $date_re ([0-9]*\.[0-9]\{6\}) state established local-alias 0 listen-port $port_cp local-port $acc_cq local-pid $pid_cp local-queue 1 peer-port $port_cq peer-pid $pid_cq peer-queue 0 peer-node 00000000 peer-alias 0 peer-listen-port $port_cq peer-name ftalias_member$" \
	"$tmp/cmon.txt" || fail "text monitor: drop of $conn_cq"
grep -q "^conn-drop-ntf stale conn id $conn_ca seq [0-9]* est $date_re ([0-9]*\.[0-9]\{6\}) state established local-alias 701 listen-port $port_cl local-port $acc_ca local-pid $pid_cl local-queue 2 peer-port $port_ca peer-pid $pid_ca peer-queue 0 peer-node 00000000 peer-alias 700 peer-listen-port 0 peer-name cn-a replaced by id $conn_ca2 seq [0-9]* est $date_re ([0-9]*\.[0-9]\{6\}) peer-port $port_ca2 peer-pid $pid_ca2$" \
	"$tmp/cmon.txt" || fail "text monitor: stale $conn_ca replaced by $conn_ca2"
printf '%s\n' "$conn_ca" "$conn_cq" "$conn_ca2" "$port_cl" "$port_cp" "$port_ca" \
	"$port_cq" "$port_ca2" "$acc_ca" "$acc_cq" "$acc_ca2" "$pid_cl" "$pid_cp" \
	"$pid_ca" "$pid_cq" "$pid_ca2" "$(date +%s)" >"$tmp/conns"

# ---- all JSON checks, one python3 --------------------------------------------
/usr/bin/python3 - "$tmp" "$lib_dir" <<'EOF' || fail "JSON checks"
import json, os, sys
sys.path.insert(0, sys.argv[2])
from jsoncheck import check, load, aliases, done
tmp = sys.argv[1]

keys = {"id", "name", "uid", "gid", "mode", "policy", "grace-ms",
        "cache-max-entries", "cache-max-bytes", "cache-ttl-ms",
        "record-replies", "input-log", "incarnation", "members", "pending",
        "held", "scope"}    # no active-port
a = aliases(load("a.json"))
check(len(a) == 1, "show cli-a: %d objects" % len(a))
a = a[0]
check(set(a) == keys, "show cli-a keys: %s" % sorted(a))
check(a["scope"] == "local", "show cli-a scope: %r" % a["scope"])
want = {"id": 100, "name": "cli-a", "uid": 5, "gid": 6, "grace-ms": 500,
        "cache-max-entries": 10, "cache-max-bytes": 4096, "cache-ttl-ms": 1000}
for k, v in want.items():
    check(a.get(k) == v, "cli-a %s = %r, want %r" % (k, a.get(k), v))
check(a.get("mode") == 0o600, "cli-a mode %r" % a.get("mode"))
check(a.get("policy") == "manual", "cli-a policy %r" % a.get("policy"))
check(aliases(load("a-by-id.json")) == [a], "show id 100 differs from show cli-a")

all_ = aliases(load("all.json"))
check(sorted(x["name"] for x in all_) == ["cli-a", "cli-b"], "show all: %r" % all_)
check(aliases(load("all-pretty.json")) == all_, "-p changes the content")
with open(os.path.join(tmp, "all-pretty.json")) as f:
    check(f.read().count("\n") > len(all_), "-p output is not pretty")
ids = [x["id"] for x in all_]
check(ids == sorted(ids), "show not ordered by id: %r" % ids)

a2 = aliases(load("a2.json"))[0]
check(a2["id"] == 100 and a2["name"] == "cli-a2", "rename: %r" % a2)
check(a2["mode"] == 0o640 and a2["grace-ms"] == 700, "set cli-a: %r" % a2)
check(a2["uid"] == 5 and a2["cache-max-entries"] == 10, "set changed others: %r" % a2)
b = aliases(load("b.json"))[0]
check(b["policy"] == "manual" and b["cache-ttl-ms"] == 86400000, "set cli-b: %r" % b)
check(b["mode"] == 0o644 and b["grace-ms"] == 3000 and
      b["cache-max-entries"] == 65536 and b["cache-max-bytes"] == 67108864,
      "cli-b defaults: %r" % b)

info = load("info.json")
with open(os.path.join(tmp, "params")) as f:
    fam, maxa, cme, cmb, total = (int(x) for x in f.read().split())
want = {"version": 1, "af-family": fam, "aliases": 3, "max-aliases": maxa,
        "cache-max-entries-limit": cme, "cache-max-bytes-limit": cmb,
        "cache-total-bytes-limit": total}
# module-wide, moves with other namespaces' traffic
used = info.pop("cache-total-bytes", None)
check(info == want, "info %r, want %r" % (info, want))
check(isinstance(used, int) and 0 <= used <= total,
      "info cache-total-bytes %r, limit %r" % (used, total))

events = []
with open(os.path.join(tmp, "mon.json")) as f:
    for line in f:
        line = line.strip()
        if line:
            events.append(json.loads(line))  # one object per line
mon = [e for e in events if e.get("msg", {}).get("name") == "mon-a"]
check([e["name"] for e in mon] ==
      ["alias-add-ntf", "alias-change-ntf", "alias-del-ntf"],
      "monitor events for mon-a: %r" % mon)
if len(mon) == 3:
    check(all(set(e["msg"]) == keys for e in mon), "monitor attrs: %r" % mon)
    check(mon[0]["msg"]["mode"] == 0o600, "add event mode")
    check(mon[1]["msg"]["mode"] == 0o640, "change event mode")
    check(mon[2]["msg"]["mode"] == 0o640, "del event mode")
    check(all(e["msg"]["id"] == 300 for e in mon), "event ids")

# ---- members
with open(os.path.join(tmp, "members")) as f:
    p1, p2, p3, p4, pid1, pid2, pid3, pid4 = (int(x) for x in f.read().split())
mkeys = {"alias-id", "port", "pid", "priority", "role", "state",
         "queue-len", "incarnation"}
counters = {"delivered", "redelivered", "replies"}
stats_keys = {"sent", "delivered", "redelivered", "resent", "replies",
              "held", "failed", "promotions", "checkpoints", "ckpt-loads",
              "inputs-logged", "inputs-replayed", "replay-suppressed",
              "requests-reissued"}
check(load("m-empty.json") == [], "member show of no members: %r" % load("m-empty.json"))
ma = load("m-a.json")
check(isinstance(ma, list) and len(ma) == 3, "member show mem-a: %r" % ma)
check(load("m-a-id.json") == ma, "member show id 500 differs")
if len(ma) == 3:
    check(all(set(m) == mkeys for m in ma), "member keys: %r" % ma)
    check([(m["alias-id"], m["port"], m["pid"], m["priority"], m["role"], m["state"])
           for m in ma] ==
          [(500, p1, pid1, 10, "replica", "active"),
           (500, p2, pid2, 10, "replica", "backup"),
           (500, p3, pid3, 5, "standby", "backup")], "members of mem-a: %r" % ma)
    check([m["queue-len"] for m in ma] == [0, 0, 0], "queue-len: %r" % ma)
    check(ma[0]["incarnation"] >= 1 and ma[2]["incarnation"] == 0,
          "member incarnations: %r" % ma)
alls = load("m-all-s.json")
check(all(set(m) == mkeys | counters for m in alls), "-s member keys: %r" % alls)
check(sorted((m["alias-id"], m["port"]) for m in alls) ==
      sorted([(500, p1), (500, p2), (500, p3), (501, p4)]), "all members: %r" % alls)

a = aliases(load("ma.json"))[0]
check(set(a) == keys | {"active-port"}, "alias with members: keys %r" % sorted(a))
check(a["members"] == 3 and a["active-port"] == p1 and a["pending"] == 0 and
      a["held"] == 0, "alias state: %r" % a)
check(ma and a["incarnation"] == ma[0]["incarnation"],
      "alias incarnation %r, active member's %r" % (a["incarnation"], ma and ma[0]))
a3 = aliases(load("ma-3.json"))[0]
check(set(a3) == keys | {"active-port", "stats", "cache"}, "-s alias keys: %r" % sorted(a3))
st = a3.get("stats", {})
check(set(st) == stats_keys, "stats keys: %r" % st)
check(st.get("sent") == 3 and st.get("delivered") == 3 and st.get("failed") == 0,
      "stats after 3 requests: %r" % st)
check(a3["pending"] == 3 and a3["held"] == 0, "pending after 3 requests: %r" % a3)
m1 = [m for m in load("m-a-3.json") if m["port"] == p1]
check(len(m1) == 1 and m1[0]["queue-len"] == 3 and m1[0]["delivered"] == 3,
      "m1 after 3 requests: %r" % m1)

moved = {m["port"]: m for m in load("m-a-moved.json")}
am = aliases(load("ma-moved.json"))[0]
check(moved.get(p2, {}).get("priority") == 20, "set-priority: %r" % moved.get(p2))
check(moved.get(p3, {}).get("state") == "active" and
      moved.get(p1, {}).get("state") == "backup", "set-active: %r" % moved)
check(am.get("active-port") == p3, "set-active: active-port %r" % am.get("active-port"))
check(am["incarnation"] == a["incarnation"] + 1, "set-active: incarnation %r -> %r"
      % (a["incarnation"], am["incarnation"]))
check(moved.get(p3, {}).get("incarnation") == am["incarnation"],
      "promoted member's incarnation: %r" % moved.get(p3))
check(am["stats"]["promotions"] == a3["stats"]["promotions"] + 1,
      "promotions: %r" % am["stats"])

events = []
with open(os.path.join(tmp, "mmon.json")) as f:
    for line in f:
        if line.strip():
            events.append(json.loads(line))
mev = [e for e in events if e["name"].startswith("member-")]
check(all(set(e["msg"]) == mkeys for e in mev), "member event keys: %r" % mev)
joins = [e["msg"]["port"] for e in mev if e["name"] == "member-join-ntf"
         and e["msg"]["alias-id"] == 500]
check(joins == [p1, p2, p3], "join events: %r" % joins)
leaves = [e["msg"]["port"] for e in mev if e["name"] == "member-leave-ntf"]
check(leaves == [p2], "leave events: %r" % leaves)
changes = [(e["msg"]["port"], e["msg"]["state"]) for e in mev
           if e["name"] == "member-change-ntf" and e["msg"]["alias-id"] == 500]
check((p3, "active") in changes and (p1, "draining") in changes,
      "change events: %r" % changes)

# ---- record-replies and the replay cache
cache_keys = {"entries", "bytes", "in-progress", "journal", "waiting",
              "recorded", "hits-auto", "hits-handler", "hits-held", "misses",
              "evict-ack", "evict-ttl", "evict-lru", "evict-shrink",
              "evict-flush", "refused", "orphans", "journaled",
              "longest-hold-ms"}
on, off = aliases(load("rc-a-on.json"))[0], aliases(load("rc-a-off.json"))[0]
check(on.get("record-replies") == 1 and off.get("record-replies") == 0,
      "record-replies on %r, off %r" % (on.get("record-replies"),
                                        off.get("record-replies")))
check(off.get("cache-ttl-ms") == 2000 and on.get("cache-ttl-ms") == 300000,
      "set record-replies with cache-ttl-ms: %r" % off)
check(load("rc-show.json") == [], "cache show -j: %r" % load("rc-show.json"))
check(load("rc-show-id.json") == [], "cache show -j -p id: %r" % load("rc-show-id.json"))
check(load("rc-journal.json") == [], "journal show -j: %r" % load("rc-journal.json"))
check(load("rc-flush.json") == {"alias-id": 601, "flushed": 0},
      "cache flush -j: %r" % load("rc-flush.json"))
st = load("rc-stats-all.json")
check(isinstance(st, list), "cache stats -j: not an array")
byname = {o.get("name"): o for o in st} if isinstance(st, list) else {}
for name, ident in (("rc-a", 600), ("rc-b", 601), ("mem-a", 500)):
    o = byname.get(name, {})
    check(set(o) == {"id", "name", "record-replies", "cache-max-entries",
                     "cache-max-bytes", "cache-ttl-ms", "cache"},
          "cache stats %s keys: %r" % (name, sorted(o)))
    check(o.get("id") == ident, "cache stats %s id %r" % (name, o.get("id")))
    c = o.get("cache", {})
    check(set(c) == cache_keys, "cache stats %s cache keys: %r" % (name, sorted(c)))
    if name != "mem-a":     # no traffic at all
        check(all(v == 0 for v in c.values()), "cache stats %s: %r" % (name, c))
check(load("rc-stats-b.json") == [byname.get("rc-b")],
      "cache stats id 601 differs from the dump: %r" % load("rc-stats-b.json"))
check(set(a3.get("cache", {})) == cache_keys, "-s alias show cache: %r" % a3.get("cache"))
# ---- connections
with open(os.path.join(tmp, "conns")) as f:
    (ca, cq, ca2, pcl, pcp, pca, pcq, pca2, aca, acq, aca2,
     pidcl, pidcp, pidca, pidcq, pidca2, now) = (int(x) for x in f.read().split())
ckeys = {"id", "seq", "state", "est-sec", "est-usec", "local-alias",
         "listen-port", "local-port", "local-pid", "local-queue", "peer-port",
         "peer-pid", "peer-queue", "peer-node", "peer-alias",
         "peer-listen-port", "peer-name"}
newkeys = {"new-id", "new-seq", "new-est-sec", "new-est-usec",
           "new-peer-port", "new-peer-pid"}
check(load("cn-empty.json") == [], "conn show -j, empty: %r" % load("cn-empty.json"))
cn = load("cn-all.json")
check(isinstance(cn, list) and len(cn) == 2, "conn show -j: %r" % cn)
byid = {c.get("id"): c for c in cn} if isinstance(cn, list) else {}
check(all(set(c) == ckeys for c in cn), "conn keys: %r" % cn)
check([c.get("id") for c in cn] == [ca, cq], "conn show order: %r" % cn)
c = byid.get(ca, {})
want = {"id": ca, "state": "established", "local-alias": 701, "listen-port": pcl,
        "local-port": aca, "local-pid": pidcl, "local-queue": 2,
        "peer-port": pca, "peer-pid": pidca, "peer-queue": 0, "peer-node": 0,
        "peer-alias": 700, "peer-listen-port": 0, "peer-name": "cn-a"}
for k, v in want.items():
    check(c.get(k) == v, "conn %d %s = %r, want %r" % (ca, k, c.get(k), v))
c = byid.get(cq, {})
want = {"id": cq, "state": "established", "local-alias": 0, "listen-port": pcp,
        "local-port": acq, "local-pid": pidcp, "local-queue": 1,
        "peer-port": pcq, "peer-pid": pidcq, "peer-queue": 0, "peer-node": 0,
        "peer-alias": 0, "peer-listen-port": pcq, "peer-name": "ftalias_member"}
for k, v in want.items():
    check(c.get(k) == v, "conn %d %s = %r, want %r" % (cq, k, c.get(k), v))
for c in cn:
    check(0 <= c.get("est-usec", -1) < 1000000, "est-usec %r" % c)
    check(now - 600 < c.get("est-sec", 0) <= now, "est-sec %r, now %d" % (c, now))
if len(cn) == 2:
    check(cn[0]["seq"] < cn[1]["seq"], "seq does not grow: %r" % cn)
    check((cn[0]["est-sec"], cn[0]["est-usec"]) <= (cn[1]["est-sec"], cn[1]["est-usec"]),
          "establishment times out of order: %r" % cn)
check(load("cn-ca.json") == [byid.get(ca)], "conn show id: %r" % load("cn-ca.json"))
check(load("cn-b.json") == [byid.get(ca)], "conn show alias id 701: %r" % load("cn-b.json"))
check(load("cn-a.json") == [], "conn show alias cn-a: %r" % load("cn-a.json"))
after = load("cn-restarted.json")
check(isinstance(after, list) and len(after) == 1, "after the restart: %r" % after)
n = after[0] if after else {}
check(n.get("id") == ca2 and n.get("peer-pid") == pidca2 and
      n.get("peer-port") == pca2 and n.get("peer-alias") == 700 and
      n.get("peer-name") == "restarted" and n.get("local-port") == aca2 and
      n.get("state") == "established", "the connection of ca2: %r" % n)
check(n.get("seq", 0) > byid.get(cq, {}).get("seq", 0), "seq of ca2: %r" % n)
check(load("cn-none.json") == [], "conn show -j after dropping all: %r" % load("cn-none.json"))

events = []
with open(os.path.join(tmp, "cmon.json")) as f:
    for line in f:
        if line.strip():
            events.append(json.loads(line))
drops = [e["msg"] for e in events if e["name"] == "conn-drop-ntf"]
check([(d.get("reason"), d.get("id")) for d in drops] ==
      [("admin", cq), ("stale", ca), ("admin", ca2)], "conn-drop-ntf: %r" % drops)
if len(drops) == 3:
    dq, ds, d2 = drops
    check(set(dq) == ckeys | {"reason"} and set(d2) == ckeys | {"reason"},
          "admin drop keys: %r %r" % (dq, d2))
    check(set(ds) == ckeys | {"reason"} | newkeys, "stale drop keys: %r" % ds)
    dq.pop("reason")
    check(dq == byid.get(cq), "admin drop of %d: %r, shown %r" % (cq, dq, byid.get(cq)))
    for k in ckeys - {"local-queue", "peer-queue"}:
        check(ds.get(k) == byid.get(ca, {}).get(k), "stale drop %s: %r, shown %r"
              % (k, ds.get(k), byid.get(ca, {}).get(k)))
    check((ds.get("new-id"), ds.get("new-seq"), ds.get("new-est-sec"),
           ds.get("new-est-usec"), ds.get("new-peer-port"), ds.get("new-peer-pid")) ==
          (n.get("id"), n.get("seq"), n.get("est-sec"), n.get("est-usec"),
           n.get("peer-port"), n.get("peer-pid")), "stale drop new-*: %r, new %r" % (ds, n))
    d2.pop("reason")
    check(d2 == n, "admin drop of %d: %r, shown %r" % (ca2, d2, n))
done()
EOF

finish
