#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Two independent clients agree: ftaliasctl -j and the kernel's YNL
# cli.py (driven by Documentation/netlink/specs/ftalias.yaml) show the
# same aliases and the same family info.  JSON keys are the YAML
# attribute names, so the objects must be equal as they are (with -s:
# the stats nest of an alias is a counter, shown with -s only).  The
# connection table too: conn-get dumps, filtered and not, and a do.
source "$(dirname "$0")/lib/lib.sh"

require_root
require_module
skip_cli_on_debug
require_cmd ip ftaliasctl
[[ -x /usr/bin/python3 ]] || skip "/usr/bin/python3 not found"
cli=${KSRC:-}/tools/net/ynl/cli.py
[[ -n ${KSRC:-} && -r $cli ]] || skip "KSRC not set or no $cli"
spec=${FTALIAS_SRC:-$test_dir/..}/Documentation/netlink/specs/ftalias.yaml
[[ -r $spec ]] || die "no spec at $spec"

MEMBER=$test_dir/ftalias_member

ns=ftal-ynl-$$
tmp=$(mktemp -d)
pids=()
cleanup() {
	((${#pids[@]})) && kill "${pids[@]}" 2>/dev/null
	wait 2>/dev/null
	ip netns del "$ns" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
ip netns add "$ns" || die "ip netns add $ns"

ctl() {
	ftaliasctl -n "$ns" "$@" || fail "ftaliasctl $*"
}

ynl() {
	ip netns exec "$ns" /usr/bin/python3 "$cli" --spec "$spec" --no-schema \
		--output-json "$@"
}

# varied attributes, ids out of order, boundary values
ctl alias add y-plain
ctl alias add y-ids id 4000000000 uid 1000 gid 100
ctl alias add y-manual id 7 policy manual mode 0400 grace-ms 0
ctl alias add y-cache id 3 cache-max-entries 1 cache-max-bytes 1 cache-ttl-ms 1
ctl alias add y-max id 9 mode 0666 grace-ms 3600000 cache-ttl-ms 86400000 \
	cache-max-bytes "$(cat /sys/module/ftalias/parameters/cache_max_bytes)" \
	cache-max-entries "$(cat /sys/module/ftalias/parameters/cache_max_entries)"
ctl alias add "Y.all_chars:9-"
ctl alias add y-renamed id 11
ctl alias set id 11 name y-renamed2 mode 0640

ftaliasctl -n "$ns" -j -s alias show >"$tmp/ctl-show.json" || fail "ftaliasctl -j -s alias show"
ftaliasctl -n "$ns" -j info >"$tmp/ctl-info.json" || fail "ftaliasctl -j info"
ynl --dump alias-get >"$tmp/ynl-dump.json" 2>"$tmp/ynl.err" ||
	fail "cli.py --dump alias-get: $(cat "$tmp/ynl.err")"
ynl --do family-info-get >"$tmp/ynl-info.json" 2>"$tmp/ynl.err" ||
	fail "cli.py --do family-info-get: $(cat "$tmp/ynl.err")"
ynl --do alias-get --json '{"name": "y-manual"}' >"$tmp/ynl-get.json" 2>"$tmp/ynl.err" ||
	fail "cli.py --do alias-get: $(cat "$tmp/ynl.err")"

# ---- conn-get: connections to an alias (with an identity) and to a port --
# start NAME ARGS...: ftalias_member ARGS in the netns; waits for its
# "port" line
start() {
	local out=$tmp/$1
	shift
	ip netns exec "$ns" "$MEMBER" "$@" >"$out" 2>&1 &
	pids+=($!)
	wait_until 10 grep -q '^port [0-9]' "$out" || die "ftalias_member $*: $(cat "$out")"
}
# accepted NAME COUNT: the listener NAME accepted COUNT connections
accepted() {
	[[ $(grep -c '^accepted conn ' "$tmp/$1") == "$2" ]]
}
if [[ -x $MEMBER ]]; then
	start srv -L 3				# y-cache
	start lport -L
	lport=$(sed -n '1s/^port //p' "$tmp/lport")
	start c1 -C -m 9 -i 9 -c 2 3		# identity y-max
	start c2 -C -m 11 -i 11 -n "a name" 3	# y-renamed2, named
	start c3 -C -P -c 1 "$lport"
	wait_until 10 accepted srv 2 || fail "the listener of y-cache did not accept 2"
	wait_until 10 accepted lport 1 || fail "the port listener did not accept"
	conn=$(sed -n '1s/^port [0-9]* conn //p' "$tmp/c3")
	ftaliasctl -n "$ns" -j conn show >"$tmp/ctl-conn.json" || fail "ftaliasctl -j conn show"
	ftaliasctl -n "$ns" -j conn show alias id 3 >"$tmp/ctl-conn-3.json" ||
		fail "ftaliasctl -j conn show alias id 3"
	ftaliasctl -n "$ns" -j conn show id "$conn" >"$tmp/ctl-conn-id.json" ||
		fail "ftaliasctl -j conn show id $conn"
	ynl --dump conn-get >"$tmp/ynl-conn.json" 2>"$tmp/ynl.err" ||
		fail "cli.py --dump conn-get: $(cat "$tmp/ynl.err")"
	ynl --dump conn-get --json '{"local-alias": 3}' >"$tmp/ynl-conn-3.json" 2>"$tmp/ynl.err" ||
		fail "cli.py --dump conn-get local-alias: $(cat "$tmp/ynl.err")"
	ynl --do conn-get --json "{\"id\": $conn}" >"$tmp/ynl-conn-id.json" 2>"$tmp/ynl.err" ||
		fail "cli.py --do conn-get: $(cat "$tmp/ynl.err")"
else
	log "SKIP: $MEMBER not built (make selftests), conn-get not compared"
	echo '[]' >"$tmp/ctl-conn.json"
fi

/usr/bin/python3 - "$tmp" "$lib_dir" <<'EOF' || fail "ftaliasctl and cli.py disagree"
import json, os, sys
sys.path.insert(0, sys.argv[2])
from jsoncheck import check, load, aliases, done
tmp = sys.argv[1]

def key(o):
    return json.dumps(o, sort_keys=True)

ctl = aliases(load("ctl-show.json"))
ynl = load("ynl-dump.json")
check(isinstance(ynl, list), "cli.py dump is not a list")
check(len(ynl) == 7, "cli.py dumped %d aliases, want 7" % len(ynl))
c, y = {key(o) for o in ctl}, {key(o) for o in ynl}
check(len(c) == len(ctl), "ftaliasctl shows duplicates")
for o in sorted(c - y):
    print("# only in ftaliasctl: " + o)
for o in sorted(y - c):
    print("# only in cli.py:     " + o)
check(c == y, "alias sets differ")
check([o["id"] for o in ynl] == sorted(o["id"] for o in ynl),
      "dump not ordered by id")
byname = {o["name"]: o for o in ynl}
check("y-renamed2" in byname and "y-renamed" not in byname, "rename not seen")
check(byname.get("y-ids", {}).get("id") == 4000000000, "large id")
check(load("ynl-get.json") == byname.get("y-manual"), "do alias-get differs from dump")

ci, yi = load("ctl-info.json"), load("ynl-info.json")
check(ci == yi, "info differs: ftaliasctl %r, cli.py %r" % (ci, yi))
check(yi.get("aliases") == 7, "info aliases %r, want 7" % yi.get("aliases"))
cc = load("ctl-conn.json")
if os.path.exists(os.path.join(tmp, "ynl-conn.json")):
    yc = load("ynl-conn.json")
    check(isinstance(yc, list) and len(yc) == 3, "cli.py dumped %r, want 3 connections" % (yc,))
    check(cc == yc, "conn-get dumps differ:\n#  ftaliasctl %r\n#  cli.py     %r" % (cc, yc))
    y3 = load("ynl-conn-3.json")
    check(load("ctl-conn-3.json") == y3, "conn-get dumps of alias 3 differ")
    check(len(y3) == 2 and all(o["local-alias"] == 3 for o in y3),
          "cli.py dump of alias 3: %r" % y3)
    yi = load("ynl-conn-id.json")
    check(load("ctl-conn-id.json") == [yi], "conn-get do differs: %r" % yi)
    check(yi.get("local-alias") == 0 and yi.get("state") == "established",
          "conn-get do: %r" % yi)
    check(sorted(o["peer-name"] for o in yc) == ["a name", "ftalias_member", "y-max"],
          "peer names: %r" % yc)
done()
EOF

finish
