#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Checks of ftaliasctl that need no kernel module: command-line parsing
# (usage errors exit 2, nothing sent), the "module not loaded" path, and
# the text and JSON output of hand-built messages (print-test).
#
# usage: test-cli.sh FTALIASCTL PRINT-TEST

ctl=${1:?usage: $0 FTALIASCTL PRINT-TEST}
pt=${2:?usage: $0 FTALIASCTL PRINT-TEST}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
n=0

fail() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}

# expect RC [STDERR-LINE-1] -- ARGS...
expect() {
	local want=$1 msg=$2 rc
	shift 3
	n=$((n + 1))
	"$ctl" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[[ $rc == "$want" ]] || { fail "ftaliasctl $* exited $rc, want $want: $(head -n1 "$tmp/err")"; return; }
	[[ -z $msg || $(head -n1 "$tmp/err") == "$msg" ]] ||
		fail "ftaliasctl $*: stderr '$(head -n1 "$tmp/err")', want '$msg'"
}

# ---- usage errors: exit 2, "Error: ..." ---------------------------------
expect 2 "Error: OBJECT required" --
expect 2 'Error: unknown object "bogus"' -- bogus
expect 2 'Error: unknown option "-Z"' -- -Z info
expect 2 'Error: unknown alias command "bogus"' -- alias bogus
expect 2 'Error: ambiguous alias command "s": could be set, show, save' -- alias s x
expect 2 "Error: alias add: NAME required" -- alias add
expect 2 'Error: keyword "mode" needs an argument' -- alias add x mode
expect 2 'Error: invalid mode "0999": expected an octal number such as 0644' -- alias add x mode 0999
expect 2 "" -- alias add x mode 0x1a4
expect 2 "" -- alias add x mode ""
expect 2 'Error: invalid policy "sometimes": expected auto or manual' -- alias add x policy sometimes
expect 2 "" -- alias add x id notanumber
expect 2 "" -- alias add x id -1
expect 2 "" -- alias add x id 4294967296
expect 2 "" -- alias add x uid " 1"
expect 2 "" -- alias add x gid 1x
expect 2 "" -- alias add x cache-max-bytes 18446744073709551616
expect 2 'Error: unknown keyword "bogus"' -- alias add x bogus 1
expect 2 'Error: unknown keyword "name"' -- alias add x name y
expect 2 "" -- alias add x c 1
expect 2 'Error: duplicate keyword "uid"' -- alias add x uid 1 uid 2
expect 2 "" -- alias del
expect 2 'Error: unexpected argument "y"' -- alias del x y
expect 2 "" -- alias set x
expect 2 "" -- alias set x name y
expect 2 "" -- alias set id 1 id 2
expect 2 "" -- alias show x y
expect 2 'Error: alias NAME or id ID required' -- alias save
expect 2 'Error: unexpected argument "y"' -- alias save x y
expect 2 'Error: unexpected argument "y"' -- alias save x move y
expect 2 "" -- alias save id x
expect 2 'Error: keyword "name" needs an argument' -- alias restore name
expect 2 'Error: invalid id "x"' -- alias restore id x
expect 2 'Error: invalid id "0"' -- alias restore id 0
expect 2 'Error: unexpected argument "name"' -- alias restore name a name b
expect 2 'Error: unexpected argument "bogus"' -- alias restore bogus 1
expect 2 "" -- info bogus
expect 2 "" -- monitor bogus
expect 2 'Error: ambiguous object "m": could be member, monitor' -- m
expect 2 'Error: unknown member command "bogus"' -- member bogus
expect 2 'Error: ambiguous member command "s": could be show, set-active, set-priority' -- member s db
expect 2 'Error: ambiguous member command "set": could be set-active, set-priority' -- member set db 1
expect 2 'Error: unexpected argument "y"' -- member show x y
expect 2 'Error: unexpected argument "7"' -- member show id 3 7
expect 2 "" -- member show id x
expect 2 'Error: alias NAME or id ID required' -- member set-active
expect 2 'Error: member set-active: PORT required' -- member set-active db
expect 2 'Error: member set-active: PORT required' -- member set-active id 3
expect 2 'Error: invalid port "x": expected a decimal number from 0 to 4294967295' -- member set-active db x
expect 2 "" -- member set-active db 4294967296
expect 2 "" -- member set-active db -1
expect 2 'Error: unexpected argument "2"' -- member set-active db 1 2
expect 2 'Error: member set-priority: PRIORITY required' -- member set-priority db 1
expect 2 'Error: invalid priority "high": expected a decimal number from 0 to 4294967295' -- member set-priority db 1 high
expect 2 'Error: unexpected argument "3"' -- member set-priority db 1 2 3
expect 2 'Error: member drain: PORT required' -- member drain db
expect 2 'Error: unexpected argument "2"' -- member drain db 1 2
expect 2 'Error: member undrain: PORT required' -- member undrain id 4
expect 2 'Error: invalid record-replies "yes": expected on or off' -- alias add x record-replies yes
expect 2 'Error: keyword "record-replies" needs an argument' -- alias set x record-replies
expect 2 'Error: duplicate keyword "record-replies"' -- alias set x rec on rec off
expect 2 'Error: invalid input-log "bad": expected on or off' -- alias add x input-log bad
expect 2 'Error: invalid input-log "1": expected on or off' -- alias set x input-log 1
expect 2 'Error: invalid input-log "": expected on or off' -- alias set x input-log ""
expect 2 'Error: keyword "input-log" needs an argument' -- alias add x input-log
expect 2 'Error: duplicate keyword "input-log"' -- alias set x input-log on in off
expect 2 'Error: duplicate keyword "input-log"' -- alias add x input-log off record-replies on input-log off
expect 2 'Error: ambiguous keyword "i": could be id, input-log' -- alias add x i 1
expect 2 'Error: unknown keyword "log-inputs"' -- alias set x log-inputs 1	# read-only
expect 2 'Error: unknown keyword "log-outputs"' -- alias set x log-outputs 1	# read-only
expect 2 'Error: unknown keyword "ckpt-input"' -- alias add x ckpt-input 1
expect 2 'Error: invalid scope "global": expected local or cluster' -- alias add x scope global
expect 2 'Error: invalid scope "1": expected local or cluster' -- alias add x scope 1
expect 2 'Error: invalid scope "": expected local or cluster' -- alias add x id 3 scope ""
expect 2 'Error: keyword "scope" needs an argument' -- alias add x scope
expect 2 'Error: duplicate keyword "scope"' -- alias add x scope local sc cluster
scope_set='Error: "scope" is set at creation (alias add): alias set cannot change it'
expect 2 "$scope_set" -- alias set x scope cluster
expect 2 "$scope_set" -- alias set id 3 mode 0600 sc local
expect 2 "$scope_set" -- alias set x scope
expect 2 'Error: unknown cache command "bogus"' -- cache bogus
expect 2 'Error: ambiguous cache command "s": could be show, stats, statistics' -- cache s db
expect 2 'Error: alias NAME or id ID required' -- cache
expect 2 'Error: alias NAME or id ID required' -- cache show
expect 2 'Error: unexpected argument "y"' -- cache show x y
expect 2 'Error: unexpected argument "7"' -- cache stats id 3 7
expect 2 "" -- cache stats id x
expect 2 'Error: alias NAME or id ID required' -- cache flush
expect 2 'Error: unexpected argument "x"' -- cache flush db x
expect 2 'Error: unexpected argument "in-progress"' -- cache flush db in-progress in-progress
expect 2 "" -- cache flush id 0x1
expect 2 'Error: unknown journal command "bogus"' -- journal bogus
expect 2 'Error: alias NAME or id ID required' -- journal show
expect 2 'Error: unexpected argument "y"' -- journal show x y
expect 2 'Error: unknown cache command "db"' -- cache db	# show is a default, not implied
expect 2 'Error: unknown journal command "db"' -- journal db
expect 2 'Error: unknown conn command "bogus"' -- conn bogus
expect 2 'Error: unknown conn command "id"' -- conn id 3	# show is a default, not implied
expect 2 'Error: conn drop: ID required' -- conn drop
expect 2 'Error: invalid id "x": expected a decimal number from 0 to 4294967295' -- conn drop x
expect 2 "" -- conn drop 4294967296
expect 2 'Error: unexpected argument "4"' -- conn drop 3 4
expect 2 'Error: keyword "id" needs an argument' -- conn show id
expect 2 'Error: unknown keyword "bogus"' -- conn show bogus
expect 2 'Error: alias NAME or id ID required' -- conn show alias
expect 2 'Error: unexpected argument "alias"' -- conn show id 3 alias db
expect 2 'Error: unexpected argument "id"' -- conn show alias db id 3
expect 2 'Error: ambiguous cache command "s": could be show, stats, statistics' -- c s db	# c is still cache
expect 2 'Error: unknown cluster command "bogus"' -- cluster bogus
expect 2 'Error: unknown cluster command "on"' -- cluster on	# set is no default
expect 2 'Error: ambiguous cluster command "s": could be show, set' -- cluster s
expect 2 'Error: unexpected argument "x"' -- cluster show x
expect 2 'Error: cluster set: enable or disable required' -- cluster set
expect 2 'Error: invalid cluster mode "o": expected enable, disable, on or off' -- cluster set o
expect 2 'Error: invalid cluster mode "1": expected enable, disable, on or off' -- cluster set 1
expect 2 'Error: invalid cluster mode "": expected enable, disable, on or off' -- cluster set ""
expect 2 'Error: unexpected argument "now"' -- cluster set enable now
expect 2 'Error: unexpected argument "off"' -- cl set on off
expect 2 'Error: unknown node command "bogus"' -- node bogus
expect 2 'Error: unknown node command "01001001"' -- node 01001001
expect 2 'Error: unexpected argument "x"' -- node show x

# ---- -config and -batch: usage errors, nothing sent ---------------------------
cfg="Error: -config: only \"alias show\" prints a configuration"
expect 2 "$cfg" -- -c member show
expect 2 "$cfg" -- -config alias add x
expect 2 "$cfg" -- -c alias del x
expect 2 "$cfg" -- -c cluster show
expect 2 "$cfg" -- -c node
expect 2 "Error: -config prints no counters: leave out -s" -- -c -s alias show
expect 2 'Error: option "-b" needs a file ("-" for standard input)' -- -b
expect 2 'Error: -batch takes its commands from the file, not "alias"' -- -b /dev/null alias show
expect 2 "Error: -force goes with -batch" -- -force alias show
expect 0 "" -- -b /dev/null
expect 1 'Error: cannot open the batch file "/nonexistent/b": No such file or directory' \
	-- -batch /nonexistent/b

# batch_expect RC STDERR-FILE ARGS...: ftaliasctl ARGS exits RC and prints
# exactly the lines of STDERR-FILE on stderr (the usage text aside).
batch_expect() {
	local want=$1 errs=$2 rc
	shift 2
	n=$((n + 1))
	"$ctl" "$@" >"$tmp/out" 2>"$tmp/err" <"$tmp/batch"
	rc=$?
	[[ $rc == "$want" ]] || fail "ftaliasctl $* exited $rc, want $want"
	grep '^Error: \|^ftaliasctl: ' "$tmp/err" | diff -u "$errs" - ||
		fail "ftaliasctl $*: stderr differs"
}

# Comments, blank lines, quotes, escapes and continued lines; the line
# named is the first of the command's lines; a usage error stops the run
# there (what came before stays done), -force goes on to the end and
# the first failure's status is the exit status.
cat >"$tmp/batch" <<'END'
# a configuration
   # indented comment
# a backslash ends no comment line \
alias add x \
	mode 0999
alias add "q\"uote
alias add x "pol"'icy' 'some''times' #comment
-j alias show
alias add x mode 0644 \
	bogus 1 \
	grace-ms 5
alias\ add x
alias add x mode 0999 # a comment's backslash continues nothing \
alias add y mode 0888
alias add x record-replies o\
n mode 0999
monitor
alias add y mode \
END
cat >"$tmp/want" <<'END'
Error: invalid mode "0999": expected an octal number such as 0644
ftaliasctl: <stdin>:4: command failed
END
batch_expect 2 "$tmp/want" -b -
cat >>"$tmp/want" <<'END'
Error: unterminated "
ftaliasctl: <stdin>:6: command failed
Error: invalid policy "sometimes": expected auto or manual
ftaliasctl: <stdin>:7: command failed
Error: "-j": options go on the command line, before -batch
ftaliasctl: <stdin>:8: command failed
Error: unknown keyword "bogus"
ftaliasctl: <stdin>:9: command failed
Error: unknown object "alias add"
ftaliasctl: <stdin>:12: command failed
Error: invalid mode "0999": expected an octal number such as 0644
ftaliasctl: <stdin>:13: command failed
Error: invalid mode "0888": expected an octal number such as 0644
ftaliasctl: <stdin>:14: command failed
Error: invalid mode "0999": expected an octal number such as 0644
ftaliasctl: <stdin>:15: command failed
Error: monitor does not end: not in a batch
ftaliasctl: <stdin>:17: command failed
Error: the file ends in a continued line
ftaliasctl: <stdin>:18: command failed
END
batch_expect 2 "$tmp/want" -force -batch -
[[ -s $tmp/out ]] && fail "-batch of usage errors printed on stdout"
printf 'alias add x mode 0999\nalias add x\0 mode 0644\nalias add x mode 0\\\n888\n' >"$tmp/batch"
cat >"$tmp/want" <<'END'
Error: invalid mode "0999": expected an octal number such as 0644
ftaliasctl: <stdin>:1: command failed
Error: a NUL byte in the line
ftaliasctl: <stdin>:2: command failed
Error: invalid mode "0888": expected an octal number such as 0644
ftaliasctl: <stdin>:3: command failed
END
batch_expect 2 "$tmp/want" -force -b -
expect 1 "Error: reading the batch file: Is a directory" -- -b /

# ---- help and version: exit 0 -----------------------------------------------
expect 0 "" -- help
expect 0 "" -- -h
expect 0 "" -- -V
expect 0 "" -- alias help
grep -q "^ *\[ input-log { on | off } \]$" "$tmp/out" || fail "alias help: no input-log"
grep -q "^Usage: ftaliasctl alias add NAME \[ id ID \] \[ scope SCOPE \] \[ ATTRS \]$" "$tmp/out" &&
	grep -q "^SCOPE := { local | cluster }$" "$tmp/out" || fail "alias help: no scope"
expect 0 "" -- info help
expect 0 "" -- monitor help
grep -q "^Usage: ftaliasctl alias add" "$tmp/out" && fail "monitor help prints alias help"
expect 0 "" -- member help
grep -q "^ *ftaliasctl member set-priority ALIAS PORT PRIORITY$" "$tmp/out" || fail "member help"
grep -q "the node of each member (NODE" "$tmp/out" || fail "member help: no node"
expect 0 "" -- me he
expect 0 "" -- cache help
grep -q "^ *ftaliasctl cache flush ALIAS \[ in-progress \]$" "$tmp/out" || fail "cache help"
expect 0 "" -- journal help
grep -q "^Usage: ftaliasctl journal \[ show \] ALIAS$" "$tmp/out" || fail "journal help"
expect 0 "" -- j h
expect 0 "" -- conn help
grep -q "^Usage: ftaliasctl conn \[ show \] \[ id ID | alias ALIAS \]$" "$tmp/out" || fail "conn help"
grep -q "TIPC node address in hex" "$tmp/out" || fail "conn help: no node"
expect 0 "" -- co h
expect 0 "" -- cluster help
grep -q "^ *ftaliasctl cluster set { enable | disable }$" "$tmp/out" || fail "cluster help"
expect 0 "" -- cl h
expect 0 "" -- node help
grep -q "^Usage: ftaliasctl node \[ show \]$" "$tmp/out" || fail "node help"
expect 0 "" -- n h
expect 0 "" -- help
grep -q "cache | journal | conn" "$tmp/out" || fail "help lists no cache, journal, conn"
grep -q "conn | cluster |$" "$tmp/out" && grep -q "^ *node | info" "$tmp/out" ||
	fail "help lists no cluster, node"

# ---- valid command lines reach the kernel: "module not loaded" ---------------
if [[ -d /sys/module/ftalias ]]; then
	echo "SKIP: module loaded, not testing the family-missing path"
else
	nl="Error: ftalias generic netlink family not found (module not loaded?)"
	expect 1 "$nl" -- alias show
	expect 1 "$nl" -- al sh
	expect 1 "$nl" -- alias
	expect 1 "$nl" -- -j -p alias list
	expect 1 "$nl" -- alias show x
	expect 1 "$nl" -- alias show id 7
	expect 2 "" -- alias show i 7
	expect 1 "$nl" -- alias show id
	expect 1 "$nl" -- alias add x id 1 uid 0 gid 4294967295 mode 644 policy m \
		grace-ms 0 cache-max-entries 1 cache-max-bytes 18446744073709551615 cache-ttl-ms 1
	expect 1 "$nl" -- alias add x mode 0645
	expect 1 "$nl" -- alias a x
	expect 1 "$nl" -- alias del x
	expect 1 "$nl" -- alias delete id 3
	expect 1 "$nl" -- alias set x mode 0600
	expect 1 "$nl" -- alias set id 3 name y
	expect 1 "$nl" -- info
	expect 1 "$nl" -- i s
	expect 1 "$nl" -- monitor
	expect 1 "$nl" -- -s monitor
	expect 1 "$nl" -- -s alias show
	expect 1 "$nl" -- -statistics -j alias show x
	expect 1 "$nl" -- -stats alias show x
	expect 1 "$nl" -- -stat alias show x
	expect 1 "$nl" -- -st alias show x
	expect 1 "$nl" -- --stats -json alias show x
	expect 1 "$nl" -- member
	expect 1 "$nl" -- member show
	expect 1 "$nl" -- -s me l db
	expect 1 "$nl" -- member show id 3
	expect 1 "$nl" -- member show id	# the alias named "id"
	expect 1 "$nl" -- member set-active db 7
	expect 1 "$nl" -- member set-a id 3 7
	expect 1 "$nl" -- member set-priority db 7 0
	expect 1 "$nl" -- member set-p id 3 7 4294967295
	expect 1 "$nl" -- member drain db 7
	expect 1 "$nl" -- member undrain db 7
	expect 1 "$nl" -- member u id 4294967295 4294967295
	expect 1 "$nl" -- alias add x record-replies on
	expect 1 "$nl" -- alias set x rec off
	expect 1 "$nl" -- alias add x input-log on
	expect 1 "$nl" -- alias add x id 1 in of record-replies on
	expect 1 "$nl" -- alias set x input-log off
	expect 1 "$nl" -- alias set id 3 name y inp on
	expect 1 "$nl" -- alias add x scope cluster
	expect 1 "$nl" -- alias add x id 3 sc l mode 0600
	expect 1 "$nl" -- alias add x scope local
	expect 1 "$nl" -- cache show db
	expect 1 "$nl" -- c sh db
	expect 1 "$nl" -- -j cache show id 3
	expect 1 "$nl" -- cache stats
	expect 1 "$nl" -- cache st db
	expect 1 "$nl" -- -j cache statistics id 4294967295
	expect 1 "$nl" -- cache flush db
	expect 1 "$nl" -- cache f id 3 in-progress
	expect 1 "$nl" -- cache flush db in-p
	expect 1 "$nl" -- journal show db
	expect 1 "$nl" -- journal list id 3
	expect 1 "$nl" -- -j j s id 3
	expect 1 "$nl" -- conn
	expect 1 "$nl" -- conn show
	expect 1 "$nl" -- -j co l
	expect 1 "$nl" -- conn show id 3
	expect 1 "$nl" -- conn s i 4294967295
	expect 1 "$nl" -- conn show alias db
	expect 1 "$nl" -- conn show a id 3
	expect 1 "$nl" -- conn drop 3
	expect 1 "$nl" -- conn d 0
	expect 1 "$nl" -- cluster
	expect 1 "$nl" -- cluster show
	expect 1 "$nl" -- -j -p cl l
	expect 1 "$nl" -- cluster set enable
	expect 1 "$nl" -- cluster set disable
	expect 1 "$nl" -- cluster set on
	expect 1 "$nl" -- cl se of
	expect 1 "$nl" -- cluster set e
	expect 1 "$nl" -- -n /proc/self/ns/net cluster set d
	expect 1 "$nl" -- node
	expect 1 "$nl" -- node show
	expect 1 "$nl" -- -j n l
	printf '%s\n' "alias show" "alias add x mode 0999" >"$tmp/batch"
	printf '%s\n' "$nl" "ftaliasctl: <stdin>:1: command failed" >"$tmp/want"
	batch_expect 1 "$tmp/want" -b -
	printf '%s\n' 'Error: invalid mode "0999": expected an octal number such as 0644' \
		"ftaliasctl: <stdin>:2: command failed" >>"$tmp/want"
	batch_expect 1 "$tmp/want" -force -b -
	# -force: the first failure's status, a usage error before a refusal
	printf '%s\n' "alias add x mode 0999" "alias show" >"$tmp/batch"
	printf '%s\n' 'Error: invalid mode "0999": expected an octal number such as 0644' \
		"ftaliasctl: <stdin>:1: command failed" \
		"$nl" "ftaliasctl: <stdin>:2: command failed" >"$tmp/want"
	batch_expect 2 "$tmp/want" -force -b -
	printf '%s\n' "alias show" >"$tmp/batch"
	printf '%s\n' "$nl" "ftaliasctl: $tmp/batch:1: command failed" >"$tmp/want"
	batch_expect 1 "$tmp/want" -c -b "$tmp/batch"
	# what -config prints, input-log included, -batch takes back: each
	# line gets as far as the kernel
	"$pt" -c show >"$tmp/batch" || fail "print-test -c show"
	grep -q " input-log on scope cluster$" "$tmp/batch" || fail "-config: no input-log, scope"
	printf '%s\n' "$nl" "ftaliasctl: <stdin>:1: command failed" \
		"$nl" "ftaliasctl: <stdin>:2: command failed" >"$tmp/want"
	batch_expect 1 "$tmp/want" -force -b -
fi
expect 1 'Error: cannot open network namespace "ftaliasctl-no-such-ns": No such file or directory' \
	-- -n ftaliasctl-no-such-ns alias show

# ---- output of hand-built messages ------------------------------------------
n=$((n + 1))
"$pt" show >"$tmp/show.txt" || fail "print-test show"
cat >"$tmp/want.txt" <<'END'
alias db id 1 uid 1000 gid 4294967295 mode 0644 policy auto grace-ms 3000 cache-max-entries 65536 cache-max-bytes 18446744073709551615 cache-ttl-ms 300000 record-replies on input-log on scope cluster incarnation 3 members 2 active-port 7 pending 5 held 4294967295 ckpt-seq 6 ckpt-bytes 8192 ckpt-input 18446744073709551615 log-inputs 4294967295 log-bytes 4294967297 log-outputs 4294967294
alias a.b_c:d-e id 4294967295 uid 1000 gid 4294967295 mode 0000 policy manual grace-ms 3000 cache-max-entries 65536 cache-max-bytes 18446744073709551615 cache-ttl-ms 300000
END
diff -u "$tmp/want.txt" "$tmp/show.txt" || fail "text show"

"$pt" -s show >"$tmp/show-s.txt" || fail "print-test -s show"
cat >"$tmp/want.txt" <<'END'
alias db id 1 uid 1000 gid 4294967295 mode 0644 policy auto grace-ms 3000 cache-max-entries 65536 cache-max-bytes 18446744073709551615 cache-ttl-ms 300000 record-replies on input-log on scope cluster incarnation 3 members 2 active-port 7 pending 5 held 4294967295 ckpt-seq 6 ckpt-bytes 8192 ckpt-input 18446744073709551615 log-inputs 4294967295 log-bytes 4294967297 log-outputs 4294967294
    stats sent 100 delivered 99 redelivered 3 resent 2 replies 95 held 7 failed 1 promotions 18446744073709551615 checkpoints 6 ckpt-loads 2 inputs-logged 4294967296 inputs-replayed 11 replay-suppressed 9 requests-reissued 5
    cache entries 12 bytes 18446744073709551615 in-progress 3 journal 4 waiting 5 recorded 1000 hits-auto 1001 hits-handler 1002 hits-held 1003 misses 1004 evict-ack 1005 evict-ttl 1006 evict-lru 1007 evict-shrink 1008 evict-flush 1009 refused 1010 orphans 1011 journaled 1012 longest-hold-ms 1013
alias a.b_c:d-e id 4294967295 uid 1000 gid 4294967295 mode 0000 policy manual grace-ms 3000 cache-max-entries 65536 cache-max-bytes 18446744073709551615 cache-ttl-ms 300000
END
diff -u "$tmp/want.txt" "$tmp/show-s.txt" || fail "text -s show"

# -config: the configuration alone, as alias add lines; in JSON the same
# keys as show
"$pt" -c show >"$tmp/show-c.txt" || fail "print-test -c show"
cat >"$tmp/want.txt" <<'END'
alias add db id 1 uid 1000 gid 4294967295 mode 0644 policy auto grace-ms 3000 cache-max-entries 65536 cache-max-bytes 18446744073709551615 cache-ttl-ms 300000 record-replies on input-log on scope cluster
alias add a.b_c:d-e id 4294967295 uid 1000 gid 4294967295 mode 0000 policy manual grace-ms 3000 cache-max-entries 65536 cache-max-bytes 18446744073709551615 cache-ttl-ms 300000
END
diff -u "$tmp/want.txt" "$tmp/show-c.txt" || fail "text -c show"
"$pt" -c -j show >"$tmp/show-c.json" || fail "print-test -c -j show"
[[ $(cat "$tmp/show-c.json") == '[{"name":"db","id":1,"uid":1000,"gid":4294967295,"mode":420,"policy":"auto","grace-ms":3000,"cache-max-entries":65536,"cache-max-bytes":18446744073709551615,"cache-ttl-ms":300000,"record-replies":1,"input-log":1,"scope":"cluster"},{"name":"a.b_c:d-e","id":4294967295,"uid":1000,"gid":4294967295,"mode":0,"policy":"manual","grace-ms":3000,"cache-max-entries":65536,"cache-max-bytes":18446744073709551615,"cache-ttl-ms":300000}]' ]] ||
	fail "JSON -c show: $(cat "$tmp/show-c.json")"

# the table: names from alias-get, '*' marks the active member, unknown
# enums as numbers, '#ID' for an alias not listed; nothing for no members
"$pt" members >"$tmp/members.txt" || fail "print-test members"
cat >"$tmp/want.txt" <<'END'
ALIAS        PORT     PID    PRIORITY  ROLE     STATE      QUEUE-LEN  INCARNATION
db              7    4007          10  replica  *active            1            3
db             12    4012          10  standby   backup            0            0
db         123456  127456  4294967295  replica   draining          0            2
a.b_c:d-e       8    4008           0  9         9                 2            0
#77             9    4009           0  replica   backup            0            0
END
diff -u "$tmp/want.txt" "$tmp/members.txt" || fail "text members"

"$pt" -s members >"$tmp/members-s.txt" || fail "print-test -s members"
cat >"$tmp/want.txt" <<'END'
ALIAS        PORT     PID    PRIORITY  ROLE     STATE      QUEUE-LEN  INCARNATION  DELIVERED  REDELIVERED    REPLIES
db              7    4007          10  replica  *active            1            3       7000            7       6993
db             12    4012          10  standby   backup            0            0      12000           12      11988
db         123456  127456  4294967295  replica   draining          0            2  123456000       123456  123332544
a.b_c:d-e       8    4008           0  9         9                 2            0       8000            8       7992
#77             9    4009           0  replica   backup            0            0       9000            9       8991
END
diff -u "$tmp/want.txt" "$tmp/members-s.txt" || fail "text -s members"

# cluster mode on: a NODE column, last, in hex as node show has it; the
# members of other nodes after this node's, '-' for what they lack
"$pt" cluster-members >"$tmp/cmembers.txt" || fail "print-test cluster-members"
cat >"$tmp/want.txt" <<'END'
ALIAS        PORT   PID  PRIORITY  ROLE     STATE      QUEUE-LEN  INCARNATION  NODE
db              7  4007        10  replica  *active            1            3  01001001
db             12  4012        10  standby   backup            0            3  01001001
db     2417325108     -        20  replica   backup            -            -  01001002
#4242           5     -         0  standby   draining          -            -  8a7b6c5d
END
diff -u "$tmp/want.txt" "$tmp/cmembers.txt" || fail "text cluster-members"
"$pt" -s cluster-members >"$tmp/cmembers-s.txt" || fail "print-test -s cluster-members"
cat >"$tmp/want.txt" <<'END'
ALIAS        PORT   PID  PRIORITY  ROLE     STATE      QUEUE-LEN  INCARNATION  DELIVERED  REDELIVERED  REPLIES  NODE
db              7  4007        10  replica  *active            1            3       7000            7     6993  01001001
db             12  4012        10  standby   backup            0            3      12000           12    11988  01001001
db     2417325108     -        20  replica   backup            -            -          -            -        -  01001002
#4242           5     -         0  standby   draining          -            -          -            -        -  8a7b6c5d
END
diff -u "$tmp/want.txt" "$tmp/cmembers-s.txt" || fail "text -s cluster-members"

"$pt" info >"$tmp/info.txt" || fail "print-test info"
[[ $(cat "$tmp/info.txt") == "version 1 af-family 46 aliases 2 max-aliases 1024 cache-max-entries-limit 1048576 cache-max-bytes-limit 4294967296 cache-total-bytes-limit 1073741824 cache-total-bytes 123456" ]] ||
	fail "text info: $(cat "$tmp/info.txt")"

"$pt" monitor >"$tmp/mon.txt" || fail "print-test monitor"
[[ $(cut -d' ' -f1-5 "$tmp/mon.txt" | tr '\n' '|') == "alias-add-ntf alias x id 2|alias-change-ntf alias x id 2|alias-del-ntf alias x id 2|member-join-ntf member alias-id 2 port|member-change-ntf member alias-id 2 port|member-leave-ntf member alias-id 2 port|node-change-ntf node addr 01001002 state|node-change-ntf node addr 01001001 state|" ]] ||
	fail "text monitor: $(cat "$tmp/mon.txt")"
grep -q "^member-join-ntf member alias-id 2 port 5 pid 4005 priority 1 role replica state active queue-len 2 incarnation 1$" "$tmp/mon.txt" ||
	fail "text monitor member line: $(grep member-join "$tmp/mon.txt")"
grep -q " held 4294967295$" "$tmp/mon.txt" || fail "text monitor: alias state"
grep -q "^alias-change-ntf alias x id 2 .* cache-ttl-ms 300000 input-log off incarnation 1 " "$tmp/mon.txt" ||
	fail "text monitor: input-log off"
grep -q "^node-change-ntf node addr 01001002 state up links 1 port 2417325108 boot-id c0ffee0123456789 restarts 1 since-ms 0$" "$tmp/mon.txt" ||
	fail "text monitor node line: $(grep node-change "$tmp/mon.txt")"
grep -q "^node-change-ntf node addr 01001001 state up .* since-ms 0 self$" "$tmp/mon.txt" ||
	fail "text monitor: node self"
"$pt" -s monitor >"$tmp/mon-s.txt" || fail "print-test -s monitor"
[[ $(wc -l <"$tmp/mon-s.txt") == 8 ]] || fail "-s monitor: not one line per event"
grep -q " held 4294967295 stats sent 100 .* promotions 18446744073709551615$" "$tmp/mon-s.txt" ||
	fail "-s monitor: alias stats"
grep -q "^member-leave-ntf .* incarnation 1 delivered 5000 redelivered 5 replies 4995$" "$tmp/mon-s.txt" ||
	fail "-s monitor: member counters"

# replay-cache entries: ID as node:alias:port:incarnation:xid, '-' for an
# entry without owner, unknown states as numbers; nothing for no entries
"$pt" cache >"$tmp/cache.txt" || fail "print-test cache"
cat >"$tmp/want.txt" <<'END'
ID                                                       STATE            AGE-MS        SIZE  OWNER  JOURNAL
0:2:7:3:42                                               in-progress         120           0      9        2
0:2:8:2:41                                               in-progress        3000           0      -        0
0:0:123456:0:1                                           auto-reply            5        4096      -        0
0:4294967295:4294967295:4294967295:18446744073709551615  handler      4294967295  4294967295      -        0
0:2:7:3:40                                               9                     1           2      -        0
END
diff -u "$tmp/want.txt" "$tmp/cache.txt" || fail "text cache"

# cache stats: a block per alias, the counters of an old kernel absent
"$pt" cache-stats >"$tmp/cache-stats.txt" || fail "print-test cache-stats"
cat >"$tmp/want.txt" <<'END'
alias db id 1:
    record-replies:    on
    cache-max-entries: 65536
    cache-max-bytes:   18446744073709551615
    cache-ttl-ms:      300000
    entries:           12
    bytes:             18446744073709551615
    in-progress:       3
    journal:           4
    waiting:           5
    recorded:          1000
    hits-auto:         1001
    hits-handler:      1002
    hits-held:         1003
    misses:            1004
    evict-ack:         1005
    evict-ttl:         1006
    evict-lru:         1007
    evict-shrink:      1008
    evict-flush:       1009
    refused:           1010
    orphans:           1011
    journaled:         1012
    longest-hold-ms:   1013

alias a.b_c:d-e id 4294967295:
    cache-max-entries: 65536
    cache-max-bytes:   18446744073709551615
    cache-ttl-ms:      300000
END
diff -u "$tmp/want.txt" "$tmp/cache-stats.txt" || fail "text cache stats"

"$pt" flush >"$tmp/flush.txt" || fail "print-test flush"
[[ $(cat "$tmp/flush.txt") == "flushed 4294967295" ]] || fail "text flush: $(cat "$tmp/flush.txt")"

# cluster show: TIPC addresses as tipc(8) prints them, boot ids in hex;
# the counters on a second line, without -s too; only enabled when off
"$pt" cluster >"$tmp/cluster.txt" || fail "print-test cluster"
cat >"$tmp/want.txt" <<'END'
enabled on node 01001001 boot-id 9e3779b97f4a7c15 nodes 4294967295 nodes-up 2
    stats tx 100 tx-errors 101 rx 102 rx-bad 103 rx-refused 104 restarts 105 topology-events 106
END
diff -u "$tmp/want.txt" "$tmp/cluster.txt" || fail "text cluster"
"$pt" -s cluster >"$tmp/cluster-s.txt" || fail "print-test -s cluster"
diff -u "$tmp/want.txt" "$tmp/cluster-s.txt" || fail "text -s cluster"
"$pt" cluster-off >"$tmp/cluster-off.txt" || fail "print-test cluster-off"
[[ $(cat "$tmp/cluster-off.txt") == "enabled off" ]] || fail "text cluster off: $(cat "$tmp/cluster-off.txt")"

# node show: '*' marks this node, unknown states as numbers; nothing for
# no nodes
"$pt" nodes >"$tmp/nodes.txt" || fail "print-test nodes"
cat >"$tmp/want.txt" <<'END'
ADDR       STATE           LINKS        PORT  BOOT-ID             RESTARTS              SINCE-MS
*01001001  up                  0  3782391812  9e3779b97f4a7c15           0                 93512
 01001002  up                  2  2417325108  c0ffee0123456789           1                 12040
 01001003  joining             1     1234567  0000000000000000           0                     5
 8a7b6c5d  reachable           1           0  0000000000000000           0                   700
 01001004  down                0           0  0000000000000001  4294967295  18446744073709551615
 ffffffff  conflict   4294967295  4294967295  ffffffffffffffff           3                     0
 00000007  9                   1           1  0000000000000001           0                     0
END
diff -u "$tmp/want.txt" "$tmp/nodes.txt" || fail "text nodes"

# conn show: the identity's node in hex, as node show prints addresses
# (00000000: this node), '#ID' for an alias not listed; dates in UTC here
TZ=UTC "$pt" conns >"$tmp/conns.txt" || fail "print-test conns"
cat >"$tmp/want.txt" <<'END'
        ID  LOCAL                LISTEN  PORT  PID   PEER-PORT  PEER-PID  IDENTITY                  NAME      ESTABLISHED                         SEC.USEC                   SEQ  STATE               QUEUE
         1  db                        6    10  541           9       551  00000000:a.b_c:d-e        web       2000-08-03 00:02:00.640916  965260920.640916                     1  established           2/0
         2  port 7                    7    12  547          11       557  00000000:port 11          fileclnt  2000-08-03 00:05:10.638946  965261110.638946                     2  pending               0/0
         3  db                        6    13  541  2417325108         0  01001002:#77              -         2000-08-03 00:06:40.000001  965261200.000001  18446744073709551615  established  0/4294967295
4294967295  port 4294967295  4294967295     1    0           5         0  ffffffff:port 4294967295  x         1970-01-01 00:00:00.000000          0.000000                     4  9                     0/0
END
diff -u "$tmp/want.txt" "$tmp/conns.txt" || fail "text conns"
TZ=UTC "$pt" conn-ntf >"$tmp/conn-ntf.txt" || fail "print-test conn-ntf"
grep -q "^conn-drop-ntf stale conn id 3 .* peer-queue 4294967295 peer-node 01001002 peer-alias 77 .* replaced by id 5 seq 6 est 2000-08-03 00:08:20.000002 (965261300.000002) peer-port 14 peer-pid 649$" "$tmp/conn-ntf.txt" ||
	fail "text conn-ntf: $(cat "$tmp/conn-ntf.txt")"

"$pt" journal >"$tmp/journal.txt" || fail "print-test journal"
cat >"$tmp/want.txt" <<'END'
PARENT                        ID          DEST-ALIAS  REPLIED   SIZE
0:0:3:0:42                    0:2:11:1:7           5  yes        100
0:0:3:0:42                    0:2:11:1:8  4294967295  no       65536
0:0:3:0:18446744073709551615  0:2:11:1:9           5  no           0
END
diff -u "$tmp/want.txt" "$tmp/journal.txt" || fail "text journal"

for f in show info monitor members cluster-members cache cache-stats \
	flush journal cluster cluster-off nodes conns conn-ntf; do
	"$pt" -j "$f" >"$tmp/$f.json" || fail "print-test -j $f"
	"$pt" -j -p "$f" >"$tmp/$f-pretty.json" || fail "print-test -j -p $f"
	"$pt" -j -s "$f" >"$tmp/$f-s.json" || fail "print-test -j -s $f"
done
python3 - "$tmp" <<'END' || fail "JSON output"
import json, os, sys
tmp = sys.argv[1]
def load(name):
    with open(os.path.join(tmp, name)) as f:
        return json.load(f)
def alias(id, name, mode, policy):
    # what tools/net/ynl/cli.py --output-json prints for these messages
    return {"id": id, "name": name, "uid": 1000, "gid": 4294967295,
            "mode": mode, "policy": policy, "grace-ms": 3000,
            "cache-max-entries": 65536,
            "cache-max-bytes": 18446744073709551615, "cache-ttl-ms": 300000}
stats = {"sent": 100, "delivered": 99, "redelivered": 3, "resent": 2,
         "replies": 95, "held": 7, "failed": 1,
         "promotions": 18446744073709551615}
def with_state(a, incarnation, members, active_port, with_stats):
    a = dict(a, incarnation=incarnation, members=members, pending=5,
             held=4294967295)
    a["active-port"] = active_port
    if with_stats:
        a["stats"] = stats
    return a
cache = {"entries": 12, "bytes": 18446744073709551615, "in-progress": 3,
         "journal": 4, "waiting": 5}
for i, k in enumerate(("recorded", "hits-auto", "hits-handler", "hits-held",
                       "misses", "evict-ack", "evict-ttl", "evict-lru",
                       "evict-shrink", "evict-flush", "refused", "orphans",
                       "journaled", "longest-hold-ms")):
    cache[k] = 1000 + i
def db(s):
    a = with_state(alias(1, "db", 0o644, "auto"), 3, 2, 7, s)
    a["record-replies"] = 1
    a.update({"input-log": 1, "scope": "cluster", "ckpt-seq": 6, "ckpt-bytes": 8192,
              "ckpt-input": 18446744073709551615,
              "log-inputs": 4294967295, "log-bytes": 4294967297,
              "log-outputs": 4294967294})
    if s:
        a["stats"] = dict(stats, checkpoints=6, **{
            "ckpt-loads": 2, "inputs-logged": 4294967296,
            "inputs-replayed": 11, "replay-suppressed": 9,
            "requests-reissued": 5})
        a["cache"] = cache
    return a
def show(s):
    return [db(s), alias(4294967295, "a.b_c:d-e", 0, "manual")]
def member(alias_id, port, priority, role, state, incarnation, s):
    m = {"alias-id": alias_id, "port": port, "pid": 4000 + port,
         "priority": priority, "role": role, "state": state,
         "queue-len": port % 3, "incarnation": incarnation}
    if s:
        m.update(delivered=1000 * port, redelivered=port, replies=999 * port)
    return m
def members(s):
    return [member(1, 7, 10, "replica", "active", 3, s),
            member(1, 12, 10, "standby", "backup", 0, s),
            member(1, 123456, 4294967295, "replica", "draining", 2, s),
            member(4294967295, 8, 0, 9, 9, 0, s),
            member(77, 9, 0, "replica", "backup", 0, s)]
def cmembers(s):
    # this node's with their node; the others' without pid, queue-len,
    # incarnation and counters
    return [dict(member(1, 7, 10, "replica", "active", 3, s),
                 node=0x1001001),
            dict(member(1, 12, 10, "standby", "backup", 3, s),
                 node=0x1001001),
            {"alias-id": 1, "port": 2417325108, "priority": 20,
             "role": "replica", "state": "backup", "node": 0x1001002},
            {"alias-id": 4242, "port": 5, "priority": 0, "role": "standby",
             "state": "draining", "node": 0x8a7b6c5d}]
info = {"version": 1, "af-family": 46, "aliases": 2, "max-aliases": 1024,
        "cache-max-entries-limit": 1048576,
        "cache-max-bytes-limit": 4294967296,
        "cache-total-bytes-limit": 1073741824, "cache-total-bytes": 123456}
bad = 0
for name, want, want_s in (("show", show(False), show(True)),
                           ("info", info, info)):
    for f, w in ((name + ".json", want), (name + "-pretty.json", want),
                 (name + "-s.json", want_s)):
        got = load(f)
        if got != w:
            print("FAIL: %s: %r != %r" % (f, got, w)); bad += 1
# two arrays: the members, then none
for f, s in (("members.json", False), ("members-pretty.json", False),
             ("members-s.json", True)):
    with open(os.path.join(tmp, f)) as fh:
        dec, text, got = json.JSONDecoder(), fh.read(), []
        i = 0
        while i < len(text):
            if text[i].isspace():
                i += 1
                continue
            v, i = dec.raw_decode(text, i)
            got.append(v)
    if got != [members(s), []]:
        print("FAIL: %s: %r" % (f, got)); bad += 1
def objects(name):
    # the top-level JSON values of a file, in order
    with open(os.path.join(tmp, name)) as fh:
        dec, text, got = json.JSONDecoder(), fh.read(), []
        i = 0
        while i < len(text):
            if text[i].isspace():
                i += 1
                continue
            v, i = dec.raw_decode(text, i)
            got.append(v)
    return got
def rid(node, alias, port, inc, xid):
    return {"node": node, "alias": alias, "port": port, "incarnation": inc,
            "xid": xid}
def entry(a, port, inc, xid, state, age, size, owner, journal):
    e = {"alias-id": 1, "id": rid(0, a, port, inc, xid), "state": state,
         "age-ms": age, "size": size, "journal": journal}
    if owner:
        e["owner-port"] = owner
    return e
entries = [entry(2, 7, 3, 42, "in-progress", 120, 0, 9, 2),
           entry(2, 8, 2, 41, "in-progress", 3000, 0, 0, 0),
           entry(0, 123456, 0, 1, "auto-reply", 5, 4096, 0, 0),
           entry(4294967295, 4294967295, 4294967295, 18446744073709551615,
                 "handler", 4294967295, 4294967295, 0, 0),
           entry(2, 7, 3, 40, 9, 1, 2, 0, 0)]
def rec(pxid, xid, dest, replied, size):
    return {"alias-id": 2, "parent": rid(0, 0, 3, 0, pxid),
            "id": rid(0, 2, 11, 1, xid), "dest-alias": dest,
            "replied": replied, "size": size}
recs = [rec(42, 7, 5, 1, 100), rec(42, 8, 4294967295, 0, 65536),
        rec(18446744073709551615, 9, 5, 0, 0)]
cfg = ("id", "name", "record-replies", "cache-max-entries",
       "cache-max-bytes", "cache-ttl-ms")
stats_objs = [dict({k: v for k, v in db(False).items() if k in cfg},
                   cache=cache),
              {k: v for k, v in alias(4294967295, "a.b_c:d-e", 0,
                                       "manual").items() if k in cfg}]
def node(addr, state, links, port, boot_id, restarts, since_ms, self=False):
    n = {"addr": addr, "state": state, "links": links, "port": port,
         "boot-id": boot_id, "restarts": restarts, "since-ms": since_ms}
    if self:
        n["self"] = True
    return n
nodes = [node(0x1001001, "up", 0, 3782391812, 0x9e3779b97f4a7c15, 0, 93512,
              True),
         node(0x1001002, "up", 2, 2417325108, 0xc0ffee0123456789, 1, 12040),
         node(0x1001003, "joining", 1, 1234567, 0, 0, 5),
         node(0x8a7b6c5d, "reachable", 1, 0, 0, 0, 700),
         node(0x1001004, "down", 0, 0, 1, 4294967295, 18446744073709551615),
         node(0xffffffff, "conflict", 4294967295, 4294967295,
              18446744073709551615, 3, 0),
         node(7, 9, 1, 1, 1, 0, 0)]
cluster = {"enabled": 1, "node": 0x1001001, "boot-id": 0x9e3779b97f4a7c15,
           "nodes": 4294967295, "nodes-up": 2,
           "stats": {"tx": 100, "tx-errors": 101, "rx": 102, "rx-bad": 103,
                     "rx-refused": 104, "restarts": 105,
                     "topology-events": 106}}
conn_keys = ("id", "seq", "state", "est-sec", "est-usec", "local-alias",
             "listen-port", "local-port", "local-pid", "local-queue",
             "peer-port", "peer-pid", "peer-queue", "peer-node",
             "peer-alias", "peer-listen-port", "peer-name")
conns = [dict(zip(conn_keys, c)) for c in (
    (1, 1, "established", 965260920, 640916, 1, 6, 10, 541, 2, 9, 551, 0,
     0, 4294967295, 0, "web"),
    (2, 2, "pending", 965261110, 638946, 0, 7, 12, 547, 0, 11, 557, 0, 0,
     0, 11, "fileclnt"),
    (3, 18446744073709551615, "established", 965261200, 1, 1, 6, 13, 541,
     0, 2417325108, 0, 4294967295, 0x1001002, 77, 0, ""),
    (4294967295, 4, 9, 0, 0, 0, 4294967295, 1, 0, 0, 5, 0, 0, 0xffffffff,
     0, 4294967295, "x"))]
conn_ntf = {"name": "conn-drop-ntf",
            "msg": dict(conns[2], reason="stale", **{
                "new-id": 5, "new-seq": 6, "new-est-sec": 965261300,
                "new-est-usec": 2, "new-peer-port": 14,
                "new-peer-pid": 649})}
# two arrays: the members, then none
for f, s in (("cluster-members.json", False),
             ("cluster-members-pretty.json", False),
             ("cluster-members-s.json", True)):
    got = objects(f)
    if got != [cmembers(s), []]:
        print("FAIL: %s: %r" % (f, got)); bad += 1
for base, want in (("cache", [entries, []]), ("journal", [recs, []]),
                   ("conns", [conns, []]), ("conn-ntf", [conn_ntf]),
                   ("cache-stats", [stats_objs]),
                   ("flush", [{"alias-id": 1, "flushed": 4294967295}]),
                   ("cluster", [cluster]),
                   ("cluster-off", [{"enabled": 0}]),
                   ("nodes", [nodes, []])):
    for f in (base + ".json", base + "-pretty.json", base + "-s.json"):
        got = objects(f)
        if got != want:
            print("FAIL: %s: %r != %r" % (f, got, want)); bad += 1
def events(s):
    x = alias(2, "x", 0o600, "auto")
    m = member(2, 5, 1, "replica", "active", 1, s)
    return ([{"name": "alias-add-ntf", "msg": x},
             {"name": "alias-change-ntf",
              "msg": dict(with_state(x, 1, 1, 5, s),
                          **{"input-log": 0, "scope": "local"})},
             {"name": "alias-del-ntf", "msg": x}] +
            [{"name": n, "msg": m} for n in
             ("member-join-ntf", "member-change-ntf", "member-leave-ntf")] +
            [{"name": "node-change-ntf",
              "msg": node(0x1001002, "up", 1, 2417325108, 0xc0ffee0123456789,
                          1, 0)},
             {"name": "node-change-ntf",
              "msg": node(0x1001001, "up", 0, 3782391812, 0x9e3779b97f4a7c15,
                          0, 0, True)}])
for f, s in (("monitor.json", False), ("monitor-s.json", True)):
    with open(os.path.join(tmp, f)) as fh:
        lines = fh.read().splitlines()
    got = [json.loads(l) for l in lines]   # one object per line
    if got != events(s):
        print("FAIL: %s: %r" % (f, got)); bad += 1
sys.exit(bad)
END

echo "$n checks, $fails failed"
[[ $fails == 0 ]]
