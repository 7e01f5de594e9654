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
expect 2 'Error: ambiguous alias command "s": could be set, show' -- alias s x
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
expect 2 "" -- info bogus
expect 2 "" -- monitor bogus

# ---- help and version: exit 0 -----------------------------------------------
expect 0 "" -- help
expect 0 "" -- -h
expect 0 "" -- -V
expect 0 "" -- alias help
expect 0 "" -- info help
expect 0 "" -- monitor help
grep -q "^Usage: ftaliasctl alias add" "$tmp/out" && fail "monitor help prints alias help"

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
fi
expect 1 'Error: cannot open network namespace "ftaliasctl-no-such-ns": No such file or directory' \
	-- -n ftaliasctl-no-such-ns alias show

# ---- output of hand-built messages ------------------------------------------
n=$((n + 1))
"$pt" show >"$tmp/show.txt" || fail "print-test show"
cat >"$tmp/want.txt" <<'END'
alias db id 1 uid 1000 gid 4294967295 mode 0644 policy auto grace-ms 3000 cache-max-entries 65536 cache-max-bytes 18446744073709551615 cache-ttl-ms 300000
alias a.b_c:d-e id 4294967295 uid 1000 gid 4294967295 mode 0000 policy manual grace-ms 3000 cache-max-entries 65536 cache-max-bytes 18446744073709551615 cache-ttl-ms 300000
END
diff -u "$tmp/want.txt" "$tmp/show.txt" || fail "text show"

"$pt" info >"$tmp/info.txt" || fail "print-test info"
[[ $(cat "$tmp/info.txt") == "version 1 af-family 46 aliases 2 max-aliases 1024 cache-max-entries-limit 1048576 cache-max-bytes-limit 4294967296" ]] ||
	fail "text info: $(cat "$tmp/info.txt")"

"$pt" monitor >"$tmp/mon.txt" || fail "print-test monitor"
[[ $(cut -d' ' -f1-5 "$tmp/mon.txt" | tr '\n' '|') == "alias-add-ntf alias x id 2|alias-change-ntf alias x id 2|alias-del-ntf alias x id 2|" ]] ||
	fail "text monitor: $(cat "$tmp/mon.txt")"

for f in show info monitor; do
	"$pt" -j "$f" >"$tmp/$f.json" || fail "print-test -j $f"
	"$pt" -j -p "$f" >"$tmp/$f-pretty.json" || fail "print-test -j -p $f"
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
show = [alias(1, "db", 0o644, "auto"),
        alias(4294967295, "a.b_c:d-e", 0, "manual")]
info = {"version": 1, "af-family": 46, "aliases": 2, "max-aliases": 1024,
        "cache-max-entries-limit": 1048576,
        "cache-max-bytes-limit": 4294967296}
bad = 0
for name, want in (("show", show), ("info", info)):
    for f in (name + ".json", name + "-pretty.json"):
        got = load(f)
        if got != want:
            print("FAIL: %s: %r != %r" % (f, got, want)); bad += 1
with open(os.path.join(tmp, "monitor.json")) as f:
    lines = f.read().splitlines()
want = [{"name": n, "msg": alias(2, "x", 0o600, "auto")}
        for n in ("alias-add-ntf", "alias-change-ntf", "alias-del-ntf")]
got = [json.loads(l) for l in lines]   # one object per line
if got != want:
    print("FAIL: monitor.json: %r" % got); bad += 1
sys.exit(bad)
END

echo "$n checks, $fails failed"
[[ $fails == 0 ]]
