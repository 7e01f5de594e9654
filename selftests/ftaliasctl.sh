#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# ftaliasctl end to end, in a private netns: add/show/set/del in text and
# JSON, unique-prefix matching, usage errors (exit 2), kernel errors
# (exit 1, "Error: " + the extack message), info, and monitor seeing
# add/change/del events.  JSON is checked by one python3 run at the end.
source "$(dirname "$0")/lib.sh"

require_root
require_module
require_cmd ip ftaliasctl python3

ns=ftal-cli-$$
tmp=$(mktemp -d)
mon_pid=
mon_txt_pid=
cleanup() {
	[[ -n $mon_pid ]] && kill "$mon_pid" "$mon_txt_pid" 2>/dev/null
	ip netns del "$ns" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
ip netns add "$ns" || die "ip netns add $ns"

ctl() {
	ftaliasctl -n "$ns" "$@"
}

# expect_rc RC CMD...: CMD exits with RC; its stderr is left in $tmp/err
expect_rc() {
	local want=$1 rc
	shift
	"$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [[ $rc != "$want" ]]; then
		fail "'$*' exited $rc, want $want; stderr: $(head -c 300 "$tmp/err")"
		return 1
	fi
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
cat /sys/module/ftalias/parameters/{family,max_aliases,cache_max_entries,cache_max_bytes} \
	>"$tmp/params"

# ---- del ----------------------------------------------------------------------
expect_rc 0 ctl alias del cli-c
expect_rc 0 ctl alias del id 100
expect_rc 1 ctl alias show id 100

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
wait_until 20 probe_seen || fail "monitor saw no event within 20 s"
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

# ---- all JSON checks, one python3 --------------------------------------------
/usr/bin/python3 - "$tmp" "$lib_dir" <<'EOF' || fail "JSON checks"
import json, os, sys
sys.path.insert(0, sys.argv[2])
from jsoncheck import check, load, aliases, done
tmp = sys.argv[1]

keys = {"id", "name", "uid", "gid", "mode", "policy", "grace-ms",
        "cache-max-entries", "cache-max-bytes", "cache-ttl-ms"}
a = aliases(load("a.json"))
check(len(a) == 1, "show cli-a: %d objects" % len(a))
a = a[0]
check(set(a) == keys, "show cli-a keys: %s" % sorted(a))
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
    fam, maxa, cme, cmb = (int(x) for x in f.read().split())
want = {"version": 1, "af-family": fam, "aliases": 3, "max-aliases": maxa,
        "cache-max-entries-limit": cme, "cache-max-bytes-limit": cmb}
check(info == want, "info %r, want %r" % (info, want))

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
done()
EOF

finish
