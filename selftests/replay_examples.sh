#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The libftalias examples (tools/lib/examples, built by make -C tools) end
# to end, as real processes that abort() where they are told to.
#
# fileserver (seed 000 Fig. 10): a primary aborting on its Nth request
# right after its roll-forward point ("block"), after applying ("apply")
# or after recording ("record"), on a create and on a delete, with a
# backup waiting.  fileclient must get the right answer to every request;
# the directory must show each create and delete applied once; the backup
# must roll back and execute again (block), find it applied and record it
# (apply), or see nothing while the kernel answers (record of a create's
# auto-reply; a delete's handler argument comes back as redundant).
#
# relay (seed 000 Figs. 17-18): C server, B relay aborting on its 2nd
# request after step 2, 3, 4 or 5, B' backup relay, A client.  A must get
# every right answer, C must execute every Y exactly once (no DUPLICATE),
# and B' must roll back (2), re-send the journaled Y and reply (3, 4; C's
# cache answers at 4) or see nothing while the kernel answers X (5).
#
# counter (seed 004): a server whose state lives only in its memory and
# goes into its alias's checkpoint before each reply, aborting on its 5th
# request after applying it, after its checkpoint or after its reply,
# with a backup waiting.  The client's 12 adds must all see the right
# value (none lost, none applied twice); the backup must restore the
# checkpoint first, and answer the request its predecessor checkpointed
# but did not answer from the state, without applying it again.
# With -f, the counters go to a file too, a write staged with each
# checkpoint (seed 004's buffered file update), and libftalias's test hook
# aborts the primary in the middle of its 5th checkpoint's write: after
# the commit, after the write, after its fsync.  The backup must find the
# file as the restored checkpoint says (the library writes it again), and
# the file must end with the last state.
#
# counter -i 100 (seed 004 with the input log, issue acceptance 1): an
# alias with input-log on, two servers that checkpoint every 100 inputs,
# and 4 clients making 2,500 adds each to a counter of their own while the
# active server is SIGKILLed 30 times and started again as the backup.
# Every reply must be right (none lost, none doubled, no stray), the
# counters end exact, each new active server reads at most 100 inputs
# again after the checkpoint, and the kernel drops the replies to all of
# them but the last one read, which may not have been answered
# (replay-suppressed: the alias's counters, ftaliasctl -s alias show,
# are read around each kill).
#
# counter -i 100 -F (the input log's outputs): the same, smaller (2
# clients, 600 adds each, 10 kills), with servers that make each add on
# a ledger first (an alias with record-replies on, one plain counter
# server never killed) and check their value against the ledger's.  A new
# active server replays its inputs and makes their adds again: the kernel
# re-issues them under their logged IDs (requests-reissued), the ledger's
# cache answers them (hits-auto) with the value of the first time.  No
# MISMATCH, every reply right, the ledger's server executes each add
# once, and the ledger ends where the alias does.
#
# The replay-cache counters (ftaliasctl cache stats) prove the path.
#
# Under TCG every exec costs (the binaries come over 9p, ftaliasctl takes
# about 0.2 s on 6.12): the checks use bash builtins, and the counters of
# every case are read by one ftaliasctl cache stats at the end.
source "$(dirname "$0")/lib/lib.sh"

require_root
require_module
require_cmd ftaliasctl
EX=$test_dir/../tools/lib/examples
for p in fileserver fileclient relay counter; do
	[[ -x $EX/$p ]] || skip "tools/lib/examples/$p not built (make -C tools)"
done
FILESERVER=$EX/fileserver
FILECLIENT=$EX/fileclient
RELAY=$EX/relay
COUNTER=$EX/counter

ulimit -c 0		# abort() without a core dump
TMO=20000		# ms: the examples' waits for a reply; all bounded
tag=ex$$-$RANDOM	# unique alias names
tmp=$(mktemp -d)
pids=()
aliases=()

cleanup() {
	((${#pids[@]})) && kill "${pids[@]}" 2>/dev/null
	wait 2>/dev/null
	for a in "${aliases[@]}"; do
		ftaliasctl alias del "$a" >/dev/null 2>&1
	done
	rm -rf "$tmp"
}
trap cleanup EXIT

# nap: 0.1 s without an exec (a read that times out on a pipe of our own).
exec {nap_fd}<> <(:)
nap() {
	read -r -t 0.1 -u "$nap_fd" _
}

# poll SECONDS CMD...: CMD until it succeeds, every 0.1 s (wait_until
# without the sleep(1) exec).
poll() {
	local deadline=$((SECONDS + $1))
	shift
	until "$@"; do
		((SECONDS < deadline)) || return 1
		nap
	done
	return 0
}

# count LOG REGEX: sets $n to the lines of LOG matching REGEX (ERE).
count() {
	local l lines=()
	n=0
	[[ -r $1 ]] && mapfile -t lines <"$1"
	for l in "${lines[@]}"; do
		[[ $l =~ $2 ]] && n=$((n + 1))
	done
	return 0
}

matches() {
	count "$@"
	((n > 0))
}

# has LOG REGEX WHY / hasnt LOG REGEX WHY
has() {
	matches "$1" "$2" || fail "$3 (no /$2/ in ${1##*/})"
}
hasnt() {
	! matches "$1" "$2" || fail "$3 (/$2/ in ${1##*/})"
}

# wait_log SECONDS LOG REGEX: until a line of LOG matches.
wait_log() {
	poll "$1" matches "$2" "$3" || { fail "${2##*/}: no /$3/ within $1 s"; return 1; }
}

# The aliases of every case live until the end (their counters are read
# then); the members of a case are gone when it ends.
# new_alias NAME [ATTRS...]: ATTRS as ftaliasctl alias add takes them.
new_alias() {
	ftaliasctl alias add "$@" >/dev/null || die "ftaliasctl alias add $*"
	aliases+=("$1")
}

del_aliases() {
	local a
	for a in "${aliases[@]}"; do
		ftaliasctl alias del "$a" || fail "ftaliasctl alias del $a"
	done
	aliases=()
}

# start LOG CMD...: CMD in the background, output in LOG, pid in $last.
start() {
	local log=$1
	shift
	"$@" >"$log" 2>&1 &
	last=$!
	pids+=("$last")
}

# stop PID...: ends these processes (ours) and reaps them.
stop() {
	kill "$@" 2>/dev/null
	wait "$@" 2>/dev/null
}

gone() {
	[[ ! -e /proc/$1 ]]
}

# aborted PID LOG WHAT: the process (disowned: no "Aborted" notice from
# the shell) said it aborts after WHAT, and is gone.
aborted() {
	has "$2" "aborting after $3" "${2##*/}: never aborted after '$3'"
	poll 10 gone "$1" || fail "${2##*/}: pid $1 still runs"
}

# read_stats: the replay-cache counters of every alias (one ftaliasctl
# cache stats, text) into stat[ALIAS.KEY].
declare -A stat
read_stats() {
	local l a='' re_alias='^alias ([^ ]+) id [0-9]+:$' re_kv='^ +([a-z-]+): +([0-9]+)$'
	stat=()
	while IFS= read -r l; do
		if [[ $l =~ $re_alias ]]; then
			a=${BASH_REMATCH[1]}
		elif [[ -n $a && $l =~ $re_kv ]]; then
			stat[$a.${BASH_REMATCH[1]}]=${BASH_REMATCH[2]}
		fi
	done < <(ftaliasctl cache stats)
}

# at_least ALIAS KEY N WHY / exactly ALIAS KEY N WHY: a counter check,
# made by check_counters at the end, for the case being run ($cs).
counter_checks=()
at_least() {
	counter_checks+=("ge|$1|$2|$3|$4|$cs")
}
exactly() {
	counter_checks+=("eq|$1|$2|$3|$4|$cs")
}

# A case's trace files, to show when one of its checks failed.
declare -A case_logs case_aliases
cases=()

check_counters() {
	local c op a k want why cs v bad
	declare -A failed=()
	read_stats
	for c in "${counter_checks[@]}"; do
		IFS='|' read -r op a k want why cs <<<"$c"
		v=${stat[$a.$k]:-}
		bad=
		if [[ -z $v ]]; then
			bad=1
		elif [[ $op == ge ]]; then
			((v >= want)) || bad=1
		else
			((v == want)) || bad=1
		fi
		if [[ -n $bad ]]; then
			fail "$cs: $why: $k of $a is '$v', want $([[ $op == ge ]] && echo ">= ")$want"
			failed[$cs]=1
		fi
	done
	for cs in "${cases[@]}"; do
		# shellcheck disable=SC2086 # lists of names without blanks
		stats ${case_aliases[$cs]}
		log "$cs:$s"
		# shellcheck disable=SC2086
		[[ -n ${failed[$cs]:-} ]] && print_logs ${case_logs[$cs]}
	done
	return 0
}

# stats ALIAS...: some counters into $s, for the log.
stats() {
	local a k
	s=
	for a; do
		for k in orphans journaled hits-auto hits-handler hits-held; do
			s+=" ${a##*-}.$k=${stat[$a.$k]:-?}"
		done
	done
}

# show_logs FAILURES LOG...: the traces, if a check failed since FAILURES.
show_logs() {
	local c=$1
	shift
	((failures > c)) || return 0
	print_logs "$@"
}

print_logs() {
	local f l lines
	for f; do
		log "--- ${f##*/}"
		mapfile -t lines <"$f"
		for l in "${lines[@]}"; do
			log "  $l"
		done
	done
}

ID='\{[^}]*\}'		# a request ID in the traces (ftalias_pa_id_str)
shopt -s dotglob nullglob

# ---- fileserver / fileclient (Fig. 10) ------------------------------------
# fileclient -n 2: 1 create c-0, 2 create c-1, 3 create c-0 (EEXIST),
# 4 delete c-0, 5 delete c-1, 6 delete c-0 (ENOENT).
req_name=("" "create c-0" "create c-1" "create c-0" "delete c-0" "delete c-1" "delete c-0")
declare -A what=([block]="the roll-forward point" [apply]="applying"
		 [record]="recording the")

# fileserver_case POINT N: the primary aborts on request N after POINT.
fileserver_case() {
	local point=$1 k=$2 c=$failures
	local name=$tag-fs-$point$k d=$tmp/fs-$point$k
	local plog=$d.primary blog=$d.backup clog=$d.client
	local primary backup rq=${req_name[$2]} f x files creators=()
	local esc="'${rq}'" cs="fileserver -K $point on request $k '${req_name[$2]}'"

	cases+=("$cs")
	case_logs[$cs]="$plog $blog $clog"
	case_aliases[$cs]=$name
	new_alias "$name"
	start "$plog" "$FILESERVER" -d "$d" -p 10 -k "$k" -K "$point" "$name"
	primary=$last
	disown "$primary"
	wait_log 10 "$plog" 'member of alias .*, active,' || return
	start "$blog" "$FILESERVER" -d "$d" -p 5 "$name"
	backup=$last
	wait_log 10 "$blog" 'backup \(waiting\)' || return

	"$FILECLIENT" -n 2 -p c- -t $TMO "$name" >"$clog" 2>&1 ||
		fail "$cs: fileclient exited $?"
	has "$clog" ': 6 calls, 0 wrong, 0 stray replies$' "$cs: fileclient"
	aborted "$primary" "$plog" "${what[$point]}"
	has "$plog" "request $ID $esc" "$cs: the primary never took '$rq'"

	# The directory: nothing left, one tombstone per delete applied,
	# each holding its file's creator (distinct: two creates applied).
	files=("$d"/*)
	x="${files[*]##*/}"
	[[ $x == ".deleted .tmp" ]] || fail "$cs: $d holds '$x'"
	files=("$d"/.tmp/*)
	((${#files[@]} == 0)) || fail "$cs: .tmp holds '${files[*]##*/}'"
	files=("$d"/.deleted/*)
	((${#files[@]} == 2)) || fail "$cs: ${#files[@]} tombstones, want 2 (one per delete)"
	for f in "${files[@]}"; do
		read -r x <"$f" || [[ -n $x ]] || fail "$cs: ${f##*/} is empty"
		creators+=("$x")
	done
	[[ ${creators[0]:-} != "${creators[1]:-}" ]] ||
		fail "$cs: both tombstones name creator '${creators[0]:-}'"

	# What the backup did with request k.
	case $point@${rq%% *} in
	block@*)
		has "$blog" "orphan $ID $esc: not applied, discarded \(executed again\)" \
			"$cs: the backup did not roll back"
		count "$blog" "^fileserver\[[0-9]+\]: request $ID $esc"
		((n == 1)) || fail "$cs: the backup executed '$rq' $n times, want 1"
		at_least "$name" orphans 1 "no orphan notice"
		;;
	apply@create)
		has "$blog" "orphan $ID $esc: applied, reply recorded -> 'ok created" \
			"$cs: the backup did not find '$rq' applied"
		hasnt "$blog" "request $ID $esc" "$cs: the backup executed '$rq' again"
		at_least "$name" orphans 1 "no orphan notice"
		;;
	apply@delete)
		has "$blog" "orphan $ID $esc: applied, handler argument '0 " \
			"$cs: the backup did not find '$rq' applied"
		has "$blog" "redundant $ID: handler -> 'ok deleted ${rq#* } " \
			"$cs: the held re-send did not come back as redundant"
		hasnt "$blog" "request $ID $esc" "$cs: the backup executed '$rq' again"
		at_least "$name" orphans 1 "no orphan notice"
		at_least "$name" hits-handler 1 "no redundant delivery"
		;;
	record@create)
		# the kernel answers from the auto-reply: the backup sees nothing
		hasnt "$blog" "$esc|orphan|redundant" "$cs: the backup saw '$rq'"
		exactly "$name" orphans 0 "an orphan notice"
		at_least "$name" hits-auto 1 "the kernel did not answer"
		;;
	record@delete)
		# a handler record: the re-delivered delete comes as redundant
		hasnt "$blog" "$esc|orphan" "$cs: the backup executed '$rq' or got an orphan"
		has "$blog" "redundant $ID: handler -> 'ok deleted ${rq#* } " \
			"$cs: the re-delivered delete did not come back as redundant"
		exactly "$name" orphans 0 "an orphan notice"
		at_least "$name" hits-handler 1 "no redundant delivery"
		;;
	esac
	stop "$backup"
	show_logs "$c" "$plog" "$blog" "$clog"
}

# ---- relay (Figs. 17-18) ----------------------------------------------------
# relay_case STEP: B aborts relaying its 2nd request (x1) after STEP.
relay_case() {
	local step=$1 c=$failures
	local front=$tag-r$step-f back=$tag-r$step-b d=$tmp/relay$step
	local clog=$d.C blog=$d.B b2log=$d.B2 alog=$d.A
	local cpid b b2 a i x y cs="relay -s $step"

	cases+=("$cs")
	case_logs[$cs]="$clog $blog $b2log $alog"
	case_aliases[$cs]="$front $back"
	new_alias "$front"
	new_alias "$back"
	start "$clog" "$RELAY" server "$back"
	cpid=$last
	start "$blog" "$RELAY" relay -p 10 -t $TMO -k 2 -s "$step" "$front" "$back"
	b=$last
	disown "$b"
	wait_log 10 "$clog" 'C: member of alias' || return
	wait_log 10 "$blog" 'B: member of alias .*, active;' || return
	start "$b2log" "$RELAY" relay -p 5 -t $TMO "$front" "$back"
	b2=$last
	wait_log 10 "$b2log" 'backup \(waiting\)' || return

	"$RELAY" client -n 3 -t $TMO "$front" >"$alog" 2>&1 &
	a=$!
	wait "$a" || fail "step $step: the client exited $?"
	has "$alog" ': 3 calls, 0 wrong$' "step $step: client"
	aborted "$b" "$blog" "step #$step"
	x="'x1\.$a'"			# X of the aborted relay
	y="'y\(x1\.$a\)'"		# its Y

	hasnt "$clog" DUPLICATE "step $step: C executed a Y twice"
	for i in 0 1 2; do
		count "$clog" "#4 C: executed Y $ID 'y\(x$i\.$a\)'"
		((n == 1)) || fail "step $step: C executed y(x$i) $n times, want 1"
	done
	has "$blog" "#1 B: X $ID $x" "step $step: B never got x1"

	case $step in
	2)
		has "$b2log" "#5 B': orphan X $ID $x, journal of 0 request" \
			"step 2: B' got no orphan with an empty journal"
		has "$b2log" "B': nothing relayed: X discarded, will be relayed anew$" \
			"step 2: B' did not roll back"
		has "$b2log" "#1 B: X $ID $x" "step 2: B' did not relay x1 anew"
		hasnt "$b2log" "re-send Y" "step 2: B' re-sent a Y"
		at_least "$front" orphans 1 "no orphan notice"
		;;
	3 | 4)
		has "$b2log" "#5 B': orphan X $ID $x, journal of 1 request\(s\)$" \
			"step $step: B' got no orphan with Y journaled"
		if ((step == 4)); then
			has "$b2log" "#6 B': re-send Y $ID $y to alias [0-9]+ \(C had replied\)" \
				"step 4: B' did not re-send the replied Y"
			at_least "$back" hits-auto 1 "C's cache did not answer"
		else
			has "$b2log" "#6 B': re-send Y $ID $y to alias" \
				"step 3: B' did not re-send Y"
		fi
		has "$b2log" "#7 B': res Y 'res\(y\(x1\.$a\)\)'" "step $step: B' got no res Y"
		has "$b2log" "#8 B': replied to X $ID and recorded$" "step $step: B' did not reply"
		hasnt "$b2log" "#1 B: X $ID $x" "step $step: B' relayed x1 anew"
		at_least "$front" orphans 1 "no orphan notice"
		;;
	5)
		# res X recorded: the kernel answers the re-delivered X itself
		hasnt "$b2log" "orphan|$x" "step 5: B' saw x1"
		exactly "$front" orphans 0 "an orphan notice"
		at_least "$front" hits-auto 1 "the kernel did not answer X"
		;;
	esac
	has "$b2log" "#1 B: X $ID 'x2\.$a'" "step $step: B' did not relay x2"
	stop "$b2" "$cpid"
	show_logs "$c" "$clog" "$blog" "$b2log" "$alog"
}

# ---- counter (seed 004) -----------------------------------------------------
# counter_case POINT: the primary aborts on its 5th request ("add 0 1",
# the second add to counter 0) after POINT.
counter_case() {
	local point=$1 c=$failures
	local name=$tag-ck-$point d=$tmp/ck-$point
	local plog=$d.primary blog=$d.backup clog=$d.client primary backup
	local cs="counter -K $point on request 5"
	local again="applied before \(in the checkpoint\), answered again -> '0=2'"

	cases+=("$cs")
	case_logs[$cs]="$plog $blog $clog"
	case_aliases[$cs]=$name
	new_alias "$name"
	start "$plog" "$COUNTER" -p 10 -k 5 -K "$point" serve "$name"
	primary=$last
	disown "$primary"
	wait_log 10 "$plog" 'member of alias .*, active$' || return
	start "$blog" "$COUNTER" -p 5 serve "$name"
	backup=$last
	wait_log 10 "$blog" 'backup \(waiting\)' || return

	"$COUNTER" -n 12 call "$name" >"$clog" 2>&1 ||
		fail "$cs: the client exited $?"
	has "$clog" ': 12 calls, 0 wrong, 0 stray replies$' "$cs: the client"
	aborted "$primary" "$plog" "$point of 'add 0 1'"
	case $point in
	apply)
		# its checkpoint has 4 requests: the 5th is applied again
		has "$blog" "restored checkpoint 4: 4 requests applied" \
			"$cs: the backup did not restore checkpoint 4"
		has "$blog" "request $ID 'add 0 1': applied, checkpointed -> '0=2'" \
			"$cs: the backup did not apply request 5"
		hasnt "$blog" "answered again" "$cs: the backup answered from the state"
		;;
	checkpoint)
		has "$blog" "restored checkpoint 5: 5 requests applied" \
			"$cs: the backup did not restore checkpoint 5"
		has "$blog" "request $ID 'add 0 1': $again" \
			"$cs: the backup did not answer request 5 from the state"
		hasnt "$blog" "'add 0 1': applied, checkpointed -> '0=2'" \
			"$cs: the backup applied request 5 again"
		;;
	reply)
		has "$blog" "restored checkpoint 5: 5 requests applied" \
			"$cs: the backup did not restore checkpoint 5"
		hasnt "$blog" "answered again|-> '0=2'" \
			"$cs: the backup saw request 5"
		;;
	esac
	has "$blog" "-> '3=3'$" "$cs: the backup did not serve the last request"
	stop "$backup"
	show_logs "$c" "$plog" "$blog" "$clog"
}

# counter_file_case STEP: the primary, keeping its counters in a file,
# aborts at STEP of the writes of its 5th checkpoint (libftalias's hook).
counter_file_case() {
	local step=$1 c=$failures
	local name=$tag-cf-$step d=$tmp/cf-$step
	local plog=$d.primary blog=$d.backup clog=$d.client primary backup
	local cs="counter -f, crash at step $step of checkpoint 5's writes"
	local again="applied before \(in the checkpoint\), answered again -> '0=2'"
	local line last

	cases+=("$cs")
	case_logs[$cs]="$plog $blog $clog"
	case_aliases[$cs]=$name
	new_alias "$name"
	# The file is beneath the working directory (libftalias refuses others).
	cd "$tmp" || die "cd $tmp"
	FTALIAS_PA_TEST_CRASH=5:$step start "$plog" "$COUNTER" -p 10 \
		-f "${d##*/}" serve "$name"
	primary=$last
	disown "$primary"
	wait_log 10 "$plog" 'member of alias .*, active$' || return
	start "$blog" "$COUNTER" -p 5 -f "${d##*/}" serve "$name"
	cd - >/dev/null || die "cd back"
	backup=$last
	wait_log 10 "$blog" 'backup \(waiting\)' || return

	"$COUNTER" -n 12 call "$name" >"$clog" 2>&1 ||
		fail "$cs: the client exited $?"
	has "$clog" ': 12 calls, 0 wrong, 0 stray replies$' "$cs: the client"
	poll 10 gone "$primary" || fail "$cs: the primary still runs"
	has "$blog" "restored checkpoint 5: 5 requests applied" \
		"$cs: the backup did not restore checkpoint 5"
	has "$blog" "${d##*/} matches the checkpoint" \
		"$cs: the file did not match the restored checkpoint"
	hasnt "$blog" "FILE MISMATCH" "$cs: the file did not match"
	# the request the primary checkpointed, answered from the state
	has "$blog" "'add 0 1': $again" "$cs: the backup did not answer request 5"
	printf -v last '%010d %010d %010d %010d' 3 3 3 3
	read -r line <"$d" || true
	[[ $line == "$last" ]] || fail "$cs: the file holds '$line', want '$last'"
	stop "$backup"
	show_logs "$c" "$plog" "$blog" "$clog"
}

# ---- counter -i: the input log (seed 004) -----------------------------------
IL_EVERY=100		# inputs between two checkpoints of a server
IL_KILLS=30		# SIGKILLs of the active server
IL_CLIENTS=4		# concurrent clients, each with a counter of its own
IL_ADDS=2500		# adds of each client
IL_STEP=50		# replies at least between a restart and the next kill
# ms between two calls of a client: the kills (0.5 s each on 6.12, 2 s on
# the debug kernel, from the kill to the restarted backup) must all fit in
# the run
IL_PAUSE=$([[ ${FTALIAS_KERNEL:-} == debug ]] && echo 40 || echo 20)

# alias_show ALIAS: its state and counters (one ftaliasctl -s alias show)
# into al[KEY], its replay cache's into al[cache.KEY]; false if it has
# none.
declare -A al
alias_show() {
	local l w i p re='^(alias [^ ]+|    stats|    (cache)) (.*)$'
	al=()
	while IFS= read -r l; do
		[[ $l =~ $re ]] || continue
		p=${BASH_REMATCH[2]:+cache.}
		read -ra w <<<"${BASH_REMATCH[3]}"
		for ((i = 0; i + 1 < ${#w[@]}; i += 2)); do
			al[$p${w[i]}]=${w[i + 1]}
		done
	done < <(ftaliasctl -s alias show "$1")
	[[ -n ${al[replies]:-} ]]
}

# kill_ready ALIAS N PID...: its replies counter reached N, or the
# clients PID... are all gone (too late to kill).
kill_ready() {
	local a=$1 n=$2 p
	shift 2
	alias_show "$a" && ((${al[replies]} >= n)) && return 0
	for p; do
		gone "$p" || return 1
	done
}

# replay_line LOG: the numbers of its "replayed N inputs after checkpoint
# S" line into $rn and $rs.
replay_line() {
	local l lines re='replayed ([0-9]+) inputs after checkpoint ([0-9]+)$'
	rn='' rs=''
	mapfile -t lines <"$1"
	for l in "${lines[@]}"; do
		[[ $l =~ $re ]] && rn=${BASH_REMATCH[1]} rs=${BASH_REMATCH[2]}
	done
	[[ -n $rn ]]
}

# counter_ilog_case: two servers (-i) on an alias with input-log on, 4
# clients, the active server SIGKILLed IL_KILLS times while they run.
# Each kill waits for the server started last to be a member, the active
# one to have read its checkpoint's inputs again, and IL_STEP replies or
# more since (half the share of each kill of the replies still to come:
# the kills spread over the run); the killed server starts again as the
# backup.  The clients pause IL_PAUSE ms between calls: unpaced, the
# 10,000 adds take about 5 s under TCG, less than 30 kills (about 0.75 s
# each, most of it ftaliasctl and the restart).
counter_ilog_case() {
	local c=$failures name=$tag-il d=$tmp/il t=$SECONDS
	local cs="counter -i $IL_EVERY, $IL_KILLS SIGKILLs"
	local total=$((IL_CLIENTS * IL_ADDS)) act act_log act_prio
	local bak bak_log bak_prio k j st replies sup step slog spid l
	local kills=0 kill_s=0 loads=0 sum_rn=0 sum_sup=0 max_rn=0 max_sup=0
	local us0 us sum_us=0 max_us=0
	local rns=() sups=() logs=() clients=()

	new_alias "$name" input-log on
	start "$d.s1" "$COUNTER" -p 10 -i $IL_EVERY serve "$name"
	act=$last act_log=$d.s1 act_prio=10
	disown "$act"
	logs+=("$act_log")
	wait_log 10 "$act_log" 'member of alias .*, active$' || return
	start "$d.s2" "$COUNTER" -p 5 -i $IL_EVERY serve "$name"
	bak=$last bak_log=$d.s2 bak_prio=5
	disown "$bak"
	logs+=("$bak_log")
	wait_log 10 "$bak_log" 'backup \(waiting\)' || return

	for ((j = 0; j < IL_CLIENTS; j++)); do
		start "$d.c$j" "$COUNTER" -c $j -n $IL_ADDS -t $TMO -w $IL_PAUSE \
			call "$name"
		clients+=("$last")
		logs+=("$d.c$j")
	done

	alias_show "$name" || { fail "$cs: no counters of $name"; return; }
	replies=${al[replies]}
	for ((k = 1; k <= IL_KILLS; k++)); do
		step=$(((total - replies) / (IL_KILLS - k + 1) / 2))
		((step >= IL_STEP)) || step=$IL_STEP
		if ! poll 60 kill_ready "$name" $((replies + step)) "${clients[@]}"; then
			fail "$cs: kill $k: no $step more replies than $replies within 60 s"
			break
		fi
		if ((${al[replies]:-0} < replies + step)); then
			fail "$cs: the clients ended before kill $k (replies ${al[replies]:-?}): too fast for $IL_KILLS kills"
			break
		fi
		sup=${al[replay-suppressed]}
		if gone "$act"; then
			fail "$cs: kill $k: the active server (${act_log##*/}) is gone"
			break
		fi
		us0=${EPOCHREALTIME/./}
		kill -KILL "$act"
		kills=$k
		poll 10 gone "$act" || fail "$cs: kill $k: pid $act still runs"
		# its socket is released: the backup is active, and the killed
		# server starts again as the backup
		slog=$d.s$((k + 2))
		start "$slog" "$COUNTER" -p $act_prio -i $IL_EVERY serve "$name"
		spid=$last
		disown "$spid"
		logs+=("$slog")
		# the new active server read the checkpoint, the inputs after it
		# again, and answered them all
		wait_log 60 "$bak_log" 'replayed [0-9]+ inputs after checkpoint' || break
		replay_line "$bak_log"
		# suppressed only while inputs are replayed: this restart's
		alias_show "$name" || { fail "$cs: no counters of $name"; break; }
		st=$((${al[replay-suppressed]} - sup))
		rns+=("$rn@$rs") sups+=("$st")
		sum_rn=$((sum_rn + rn)) sum_sup=$((sum_sup + st))
		((rs > 0)) && loads=$((loads + 1))
		((rn > max_rn)) && max_rn=$rn
		((st > max_sup)) && max_sup=$st
		((rn <= IL_EVERY)) ||
			fail "$cs: kill $k: ${bak_log##*/} replayed $rn inputs, want <= $IL_EVERY"
		((st < IL_EVERY)) ||
			fail "$cs: kill $k: $st replies suppressed, want <= $((IL_EVERY - 1))"
		# all of them answered before, but the last one read, maybe
		((st <= rn && st + 1 >= rn)) ||
			fail "$cs: kill $k: $st replies suppressed for $rn inputs replayed"
		replies=${al[replies]}
		wait_log 10 "$slog" 'backup \(waiting\)' || break
		# from the kill to the backup's restart: the cost of a kill
		us=$((${EPOCHREALTIME/./} - us0))
		sum_us=$((sum_us + us))
		((us > max_us)) && max_us=$us
		j=$act_prio
		act=$bak act_log=$bak_log act_prio=$bak_prio
		bak=$spid bak_log=$slog bak_prio=$j
	done
	kill_s=$((SECONDS - t))

	for ((j = 0; j < IL_CLIENTS; j++)); do
		wait "${clients[j]}" || fail "$cs: client $j exited $?"
		has "$d.c$j" ": $IL_ADDS calls, 0 wrong, 0 stray replies$" \
			"$cs: client $j"
	done
	# the state: each counter at IL_ADDS exactly, one more add each
	"$COUNTER" -s $IL_ADDS -n $IL_CLIENTS -t $TMO call "$name" >"$d.final" 2>&1 ||
		fail "$cs: the final adds exited $?: the counters are not $IL_ADDS"
	logs+=("$d.final")
	has "$d.final" ": $IL_CLIENTS calls, 0 wrong, 0 stray replies$" \
		"$cs: the final adds"
	for l in "${logs[@]}"; do
		hasnt "$l" "reply failed" "$cs: ${l##*/}"
	done

	((kills == IL_KILLS)) || fail "$cs: $kills kills, want $IL_KILLS"
	alias_show "$name" || fail "$cs: no counters of $name"
	# one reply to each request: 10,000 adds and the final ones
	((${al[sent]:-0} == total + IL_CLIENTS && ${al[replies]:-0} == total + IL_CLIENTS)) ||
		fail "$cs: sent ${al[sent]:-?}, replies ${al[replies]:-?}, want $((total + IL_CLIENTS))"
	((${al[promotions]:-0} == kills + 1)) ||
		fail "$cs: promotions ${al[promotions]:-?}, want $((kills + 1))"
	((${al[ckpt-loads]:-0} == loads)) ||
		fail "$cs: ckpt-loads ${al[ckpt-loads]:-?}, want $loads (the restarts after a checkpoint)"
	((${al[inputs-replayed]:-0} > 0)) ||
		fail "$cs: inputs-replayed ${al[inputs-replayed]:-?}, want > 0"
	((${al[inputs-replayed]:-0} == sum_rn)) ||
		fail "$cs: inputs-replayed ${al[inputs-replayed]:-?}, the servers replayed $sum_rn"
	((${al[replay-suppressed]:-0} == sum_sup)) ||
		fail "$cs: replay-suppressed ${al[replay-suppressed]:-?}, the restarts' sum $sum_sup"
	log "$cs: $total adds by $IL_CLIENTS clients (${IL_PAUSE} ms apart), all right, no stray, counters at $IL_ADDS; $kills kills in the first $kill_s s, $((SECONDS - t)) s in all"
	((kills)) &&
		log "$cs: from a kill to the new backup: $((sum_us / kills / 1000)) ms on average, $((max_us / 1000)) ms at most"
	log "$cs: inputs replayed per restart, as N@S: N after checkpoint S (max $max_rn, sum $sum_rn): ${rns[*]}"
	log "$cs: replies suppressed per restart (max $max_sup, sum $sum_sup): ${sups[*]}"
	log "$cs: alias stats: sent ${al[sent]:-?} replies ${al[replies]:-?} redelivered ${al[redelivered]:-?} promotions ${al[promotions]:-?} checkpoints ${al[checkpoints]:-?} ckpt-loads ${al[ckpt-loads]:-?} inputs-logged ${al[inputs-logged]:-?} inputs-replayed ${al[inputs-replayed]:-?} replay-suppressed ${al[replay-suppressed]:-?}"
	stop "$act" "$bak"
	show_logs "$c" "${logs[@]}"
}

# ---- counter -i -F: the outputs of the input log (seed 004) ----------------
# The servers of counter_fwd_case make each add on the ledger alias too.
FWD_KILLS=$([[ ${FTALIAS_KERNEL:-} == debug ]] && echo 6 || echo 10)
FWD_CLIENTS=2		# each with a counter of its own (at most 4)
FWD_ADDS=$([[ ${FTALIAS_KERNEL:-} == debug ]] && echo 300 || echo 600)
FWD_STEP=30		# replies at least between a restart and the next kill

# ended PID: gone, or a zombie not reaped yet.
ended() {
	local st
	{ read -r st </proc/"$1"/stat; } 2>/dev/null || return 0
	st=${st##*) }
	[[ ${st:0:1} == Z ]]
}

# fwd_trace on|DIR: the ftalias trace events into a tracefs instance of
# our own (when there is tracefs), for fwd_dump; the instance's
# directory in $fwd_tr.
fwd_tr=
fwd_trace_on() {
	local t=/sys/kernel/tracing/instances/ftalias-fwd$$
	[[ -d /sys/kernel/tracing/instances ]] || return 0
	mkdir "$t" 2>/dev/null || return 0
	echo 16384 >"$t/buffer_size_kb" 2>/dev/null
	echo 1 >"$t/events/ftalias/enable" 2>/dev/null || { rmdir "$t"; return 0; }
	fwd_tr=$t
}
fwd_trace_off() {
	[[ -n $fwd_tr ]] || return 0
	echo 0 >"$fwd_tr/events/ftalias/enable"
	rmdir "$fwd_tr" 2>/dev/null
	fwd_tr=
}

# fwd_dump ALIAS... -- PID... -- LOG...: after a failure, what the kernel
# shows of the aliases, where the processes wait, and the trace events
# of the requests the servers gave up on ("as {ID}: ..." or "as {ID} ->
# ..." in LOG...).
fwd_dump() {
	local p f l id re='as \{alias ([0-9]+) port ([0-9]+) inc ([0-9]+) xid ([0-9]+)\}(: | -> )'
	local ids=() lines
	while (($#)) && [[ $1 != -- ]]; do
		log "--- ftaliasctl -s alias show $1; member show $1"
		while IFS= read -r l; do
			log "  $l"
		done < <(ftaliasctl -s alias show "$1" 2>&1; ftaliasctl -s member show "$1" 2>&1)
		shift
	done
	shift
	while (($#)) && [[ $1 != -- ]]; do
		p=$1
		shift
		[[ -r /proc/$p/stack ]] || continue
		log "--- pid $p $(tr '\0' ' ' 2>/dev/null </proc/"$p"/cmdline) stack:"
		while IFS= read -r l; do
			log "  $l"
		done 2>/dev/null </proc/"$p"/stack
	done
	shift
	for f; do
		mapfile -t lines <"$f"
		for l in "${lines[@]}"; do
			[[ $l =~ $re ]] || continue
			ids+=("id=[0-9]+:${BASH_REMATCH[1]}:${BASH_REMATCH[2]}:${BASH_REMATCH[3]}:${BASH_REMATCH[4]} ")
		done
	done
	[[ -n $fwd_tr ]] || return 0
	cp "$fwd_tr/trace" "$tmp/fwd.trace" 2>/dev/null || return 0
	mapfile -t lines <"$tmp/fwd.trace"
	log "--- trace: ${#lines[@]} lines; those of the requests given up on (${#ids[@]}):"
	for id in "${ids[@]}"; do
		for l in "${lines[@]}"; do
			[[ $l =~ $id ]] && log "  $l"
		done
	done
	log "--- trace: the last 60 lines"
	for l in "${lines[@]:${#lines[@]} > 60 ? ${#lines[@]} - 60 : 0}"; do
		log "  $l"
	done
}

# counter_fwd_case: counter_ilog_case's servers and kills, smaller, with
# -F: before applying an add, the active server makes it on the ledger, an
# alias with record-replies on served by one plain counter server (never
# killed), and checks its own new value against the ledger's (MISMATCH
# and exit 1 otherwise).  A new active server replays the inputs after
# the checkpoint and makes their adds on the ledger again: the kernel
# re-issues them under their logged IDs (requests-reissued of the alias),
# and the ledger's replay cache answers those it executed (hits-auto of
# the ledger) with the value of the first time.  A forward lost or done
# twice shows as a MISMATCH, a wrong client value or a ledger off from
# the alias at the end.
counter_fwd_case() {
	local c=$failures name=$tag-fw ledger=$tag-fl d=$tmp/fw t=$SECONDS
	local cs="counter -i $IL_EVERY -F, $FWD_KILLS SIGKILLs"
	local total=$((FWD_CLIENTS * FWD_ADDS)) lpid act act_log act_prio
	local bak bak_log bak_prio k j replies step slog spid l
	local kills=0 kill_s=0 sum_rn=0 reissued outputs inputs hits
	local rns=() logs=() clients=()

	new_alias "$name" input-log on
	new_alias "$ledger" record-replies on
	fwd_trace_on
	start "$d.ledger" "$COUNTER" serve "$ledger"
	lpid=$last
	logs+=("$d.ledger")
	wait_log 10 "$d.ledger" 'member of alias .*, active$' || return
	start "$d.s1" "$COUNTER" -p 10 -i $IL_EVERY -F "$ledger" -t $TMO \
		serve "$name"
	act=$last act_log=$d.s1 act_prio=10
	disown "$act"
	logs+=("$act_log")
	wait_log 10 "$act_log" 'member of alias .*, active$' || return
	start "$d.s2" "$COUNTER" -p 5 -i $IL_EVERY -F "$ledger" -t $TMO \
		serve "$name"
	bak=$last bak_log=$d.s2 bak_prio=5
	disown "$bak"
	logs+=("$bak_log")
	wait_log 10 "$bak_log" 'backup \(waiting\)' || return

	for ((j = 0; j < FWD_CLIENTS; j++)); do
		start "$d.c$j" "$COUNTER" -c $j -n $FWD_ADDS -t $TMO -w $IL_PAUSE \
			call "$name"
		clients+=("$last")
		logs+=("$d.c$j")
	done

	alias_show "$name" || { fail "$cs: no counters of $name"; return; }
	replies=${al[replies]}
	for ((k = 1; k <= FWD_KILLS; k++)); do
		step=$(((total - replies) / (FWD_KILLS - k + 1) / 2))
		((step >= FWD_STEP)) || step=$FWD_STEP
		if ! poll 60 kill_ready "$name" $((replies + step)) "${clients[@]}"; then
			fail "$cs: kill $k: no $step more replies than $replies within 60 s"
			break
		fi
		if ((${al[replies]:-0} < replies + step)); then
			fail "$cs: the clients ended before kill $k (replies ${al[replies]:-?}): too fast for $FWD_KILLS kills"
			break
		fi
		if gone "$act"; then
			fail "$cs: kill $k: the active server (${act_log##*/}) is gone"
			break
		fi
		kill -KILL "$act"
		kills=$k
		poll 10 gone "$act" || fail "$cs: kill $k: pid $act still runs"
		slog=$d.s$((k + 2))
		start "$slog" "$COUNTER" -p $act_prio -i $IL_EVERY -F "$ledger" \
			-t $TMO serve "$name"
		spid=$last
		disown "$spid"
		logs+=("$slog")
		# the new active server replayed the inputs after the
		# checkpoint, their adds on the ledger made again
		wait_log 60 "$bak_log" 'replayed [0-9]+ inputs after checkpoint' || break
		replay_line "$bak_log"
		rns+=("$rn@$rs")
		sum_rn=$((sum_rn + rn))
		# the checkpoint holds the inputs up to the one served last
		# (FTALIAS_CMSG_CKPT_INPUT): those read ahead while the server
		# waited for the ledger, one per other client at most, are
		# replayed too
		((rn <= IL_EVERY + FWD_CLIENTS - 1)) ||
			fail "$cs: kill $k: ${bak_log##*/} replayed $rn inputs, want <= $((IL_EVERY + FWD_CLIENTS - 1))"
		alias_show "$name" || { fail "$cs: no counters of $name"; break; }
		replies=${al[replies]}
		wait_log 10 "$slog" 'backup \(waiting\)' || break
		j=$act_prio
		act=$bak act_log=$bak_log act_prio=$bak_prio
		bak=$spid bak_log=$slog bak_prio=$j
	done
	kill_s=$((SECONDS - t))

	# the clients end; a call stuck waits TMO: bounded here, and the
	# state shown before anything is stopped
	for ((j = 0; j < FWD_CLIENTS; j++)); do
		poll 120 ended "${clients[j]}" || break
	done
	for l in "${logs[@]}"; do
		# ex_die(): "counter: ...", the traces are "counter[PID]: ..."
		hasnt "$l" "^counter: " "$cs: ${l##*/} failed"
	done
	if ((j < FWD_CLIENTS || failures > c)); then
		((j < FWD_CLIENTS)) &&
			fail "$cs: client $j still runs 120 s after the kills"
		fwd_dump "$name" "$ledger" -- "$act" "$bak" "$lpid" "${clients[@]}" \
			-- "${logs[@]}"
		if ((j < FWD_CLIENTS)); then
			fwd_trace_off
			stop "${clients[@]}" "$act" "$bak" "$lpid"
			print_logs "${logs[@]}"
			return
		fi
	fi
	fwd_trace_off
	for ((j = 0; j < FWD_CLIENTS; j++)); do
		wait "${clients[j]}" || fail "$cs: client $j exited $?"
		has "$d.c$j" ": $FWD_ADDS calls, 0 wrong, 0 stray replies$" \
			"$cs: client $j"
	done
	# the alias's counters at FWD_ADDS exactly (one more add each, made
	# on the ledger too), then the ledger's at FWD_ADDS + 1
	"$COUNTER" -s $FWD_ADDS -n $FWD_CLIENTS -t $TMO call "$name" >"$d.final" 2>&1 ||
		fail "$cs: the final adds exited $?: the counters are not $FWD_ADDS"
	logs+=("$d.final")
	has "$d.final" ": $FWD_CLIENTS calls, 0 wrong, 0 stray replies$" \
		"$cs: the final adds"
	"$COUNTER" -s $((FWD_ADDS + 1)) -n $FWD_CLIENTS -t $TMO call "$ledger" \
		>"$d.lfinal" 2>&1 ||
		fail "$cs: the ledger's final adds exited $?: its counters are not the alias's"
	logs+=("$d.lfinal")
	has "$d.lfinal" ": $FWD_CLIENTS calls, 0 wrong, 0 stray replies$" \
		"$cs: the ledger's final adds"
	for l in "${logs[@]}"; do
		hasnt "$l" "MISMATCH" "$cs: ${l##*/}: the ledger and the alias differ"
		hasnt "$l" "^counter: " "$cs: ${l##*/} failed"
		hasnt "$l" "reply failed" "$cs: ${l##*/}"
	done
	gone "$act" && fail "$cs: the active server (${act_log##*/}) is gone"
	gone "$bak" && fail "$cs: the backup (${bak_log##*/}) is gone"
	gone "$lpid" && fail "$cs: the ledger's server is gone"

	((kills == FWD_KILLS)) || fail "$cs: $kills kills, want $FWD_KILLS"
	alias_show "$name" || fail "$cs: no counters of $name"
	# one reply to each request of the clients
	((${al[sent]:-0} == total + FWD_CLIENTS && ${al[replies]:-0} == total + FWD_CLIENTS)) ||
		fail "$cs: sent ${al[sent]:-?}, replies ${al[replies]:-?}, want $((total + FWD_CLIENTS))"
	((${al[promotions]:-0} == kills + 1)) ||
		fail "$cs: promotions ${al[promotions]:-?}, want $((kills + 1))"
	((${al[inputs-replayed]:-0} == sum_rn)) ||
		fail "$cs: inputs-replayed ${al[inputs-replayed]:-?}, the servers replayed $sum_rn"
	reissued=${al[requests-reissued]:-} outputs=${al[log-outputs]:-}
	inputs=${al[log-inputs]:-}
	[[ -n $reissued ]] || fail "$cs: no requests-reissued in ftaliasctl -s alias show $name"
	((${reissued:-0} > 0)) || fail "$cs: requests-reissued ${reissued:-?}, want > 0"
	# no more re-issued than replayed: one add on the ledger per input
	((${reissued:-0} <= sum_rn)) ||
		fail "$cs: requests-reissued $reissued, more than the $sum_rn inputs replayed"
	# the adds on the ledger since the checkpoint: one per input at most
	if [[ -z $outputs || -z $inputs ]] || ((outputs > inputs)); then
		fail "$cs: log-outputs ${outputs:-?}, log-inputs ${inputs:-?}: more outputs than inputs"
	fi
	alias_show "$ledger" || fail "$cs: no counters of $ledger"
	# its server executed each add once: the clients' (through the
	# servers), the final ones through the alias and its own
	((${al[replies]:-0} == total + 2 * FWD_CLIENTS)) ||
		fail "$cs: the ledger's server replied ${al[replies]:-?} times, want $((total + 2 * FWD_CLIENTS))"
	hits=${al[cache.hits-auto]:-}
	# re-issued adds the ledger executed: answered by its cache, not it
	((${hits:-0} > 0)) || fail "$cs: hits-auto of the ledger ${hits:-?}, want > 0"
	((${hits:-0} <= ${reissued:-0})) ||
		fail "$cs: hits-auto of the ledger $hits, more than the $reissued adds re-issued"
	log "$cs: $total adds by $FWD_CLIENTS clients (${IL_PAUSE} ms apart), each made on the ledger too, all right, no stray, no MISMATCH, alias and ledger at $FWD_ADDS; $kills kills in the first $kill_s s, $((SECONDS - t)) s in all"
	log "$cs: inputs replayed per restart, as N@S (sum $sum_rn): ${rns[*]}"
	log "$cs: the alias: requests-reissued $reissued log-outputs $outputs log-inputs $inputs; the ledger: hits-auto $hits sent ${al[sent]:-?} resent ${al[resent]:-?} replies ${al[replies]:-?} recorded ${al[cache.recorded]:-?}"
	stop "$act" "$bak" "$lpid"
	show_logs "$c" "${logs[@]}"
}

t0=$SECONDS
for point in apply checkpoint reply; do
	counter_case "$point"
done
for step in 1 2 3; do
	counter_file_case "$step"
done
counter_ilog_case
counter_fwd_case
fileserver_case block 2
fileserver_case apply 2
fileserver_case record 2
fileserver_case apply 5
fileserver_case record 5
for step in 2 3 4 5; do
	relay_case "$step"
done
check_counters
del_aliases
log "$((SECONDS - t0)) s"
finish
