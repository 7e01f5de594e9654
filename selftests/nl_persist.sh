#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Configuration that survives a reboot: "ftaliasctl -config alias show"
# prints the aliases as commands, "ftaliasctl -batch" runs them again.
# Here: every configuration attribute off its default, saved, the aliases
# deleted and the file replayed gives the same file (text and JSON); a
# batch stops at the first refusal (the kernel's message, the file and
# line named, the lines before it applied, none after), -force goes on;
# -n applies a batch in that namespace only; and the boot of
# tools/systemd/ftalias.service: module unloaded and loaded again, the
# unit's ExecStart run on the saved file, the aliases back.
source "$(dirname "$0")/lib/lib.sh"

require_root
require_module
skip_cli_on_debug
require_cmd ip ftaliasctl insmod rmmod python3
UNIT=$test_dir/../tools/systemd/ftalias.service.in
[[ -r $UNIT ]] || skip "$UNIT not found"

ns=ftal-persist-$$
# The aliases of the init namespace (the boot part): names of our own.
ia=persist-$$-a ib=persist-$$-b
tmp=$(mktemp -d)
cleanup() {
	ip netns del "$ns" 2>/dev/null
	ensure_loaded && for a in "$ia" "$ib"; do
		ftaliasctl alias del "$a" 2>/dev/null
	done
	rm -rf "$tmp"
}
trap cleanup EXIT
ip netns add "$ns" || die "ip netns add $ns"

ctl() {
	ftaliasctl -n "$ns" "$@"
}

# ---- save, delete, replay: the same configuration -------------------------
expect_rc 0 ctl alias add pa id 4000 uid 5 gid 6 mode 0600 policy manual \
	grace-ms 500 cache-max-entries 10 cache-max-bytes 4096 cache-ttl-ms 1000 \
	record-replies on
expect_rc 0 ctl alias add pb
expect_rc 0 ctl alias add pc id 7 mode 0666
ctl -config alias show >"$tmp/conf" || fail "-config alias show"
ctl -c -j alias show >"$tmp/conf.json" || fail "-c -j alias show"
[[ $(wc -l <"$tmp/conf") == 3 ]] || fail "-config: not one line per alias: $(cat "$tmp/conf")"
grep -qx "alias add pa id 4000 uid 5 gid 6 mode 0600 policy manual grace-ms 500 cache-max-entries 10 cache-max-bytes 4096 cache-ttl-ms 1000 record-replies on" \
	"$tmp/conf" || fail "-config line of pa: $(grep ' pa ' "$tmp/conf")"
grep -q 'incarnation\|members\|pending\|held' "$tmp/conf" &&
	fail "-config prints state: $(cat "$tmp/conf")"
ctl -config alias show pa >"$tmp/conf-pa" || fail "-config alias show pa"
[[ $(cat "$tmp/conf-pa") == $(grep ' pa ' "$tmp/conf") ]] ||
	fail "-config alias show pa differs from its line in the whole list"

for a in pa pb pc; do expect_rc 0 ctl alias del "$a"; done
expect_rc 0 ctl -batch "$tmp/conf"
ctl -config alias show >"$tmp/conf2" || fail "-config alias show after the batch"
diff -u "$tmp/conf" "$tmp/conf2" || fail "the replayed configuration differs"
ctl -c -j alias show >"$tmp/conf2.json" || fail "-c -j alias show after the batch"
cmp -s "$tmp/conf.json" "$tmp/conf2.json" || fail "the replayed JSON differs"
python3 - "$tmp/conf.json" <<'PY' || fail "-c -j: $(cat "$tmp/conf.json")"
import json, sys
v = json.load(open(sys.argv[1]))
assert sorted(a["name"] for a in v) == ["pa", "pb", "pc"], v
pa = next(a for a in v if a["name"] == "pa")
assert pa == {"name": "pa", "id": 4000, "uid": 5, "gid": 6, "mode": 0o600,
	      "policy": "manual", "grace-ms": 500, "cache-max-entries": 10,
	      "cache-max-bytes": 4096, "cache-ttl-ms": 1000,
	      "record-replies": 1}, pa
PY
# The batch ran in $ns only.
ftaliasctl alias show pa >/dev/null 2>&1 && fail "-n batch created pa outside its namespace"

# ---- a refusal stops the batch; -force goes on ----------------------------
printf '%s\n' "alias add pd" "alias add pa" "alias add pe" >"$tmp/batch"
expect_rc 1 ctl -b "$tmp/batch"
grep -q '^Error: ' "$tmp/err" || fail "no kernel message: $(cat "$tmp/err")"
grep -qx "ftaliasctl: $tmp/batch:2: command failed" "$tmp/err" ||
	fail "batch: the failed line not named: $(cat "$tmp/err")"
ctl alias show pd >/dev/null || fail "batch: the line before the refusal not applied"
ctl alias show pe >/dev/null 2>&1 && fail "batch: a line after the refusal applied"
expect_rc 0 ctl alias del pd
expect_rc 1 ctl -force -b - <"$tmp/batch"
grep -qx "ftaliasctl: <stdin>:2: command failed" "$tmp/err" ||
	fail "-force batch: the failed line not named: $(cat "$tmp/err")"
for a in pd pe; do
	ctl alias show "$a" >/dev/null || fail "-force batch: $a not added"
done
[[ $(ctl -c alias show | wc -l) == 5 ]] || fail "-force batch: not 5 aliases"

# ---- the boot: module loaded again, the unit's ExecStart ------------------
# Only where the module can be loaded again (the runner's FTALIAS_KO).
[[ -r ${FTALIAS_KO:-} ]] || { log "no FTALIAS_KO: not unloading the module"; finish; }
# The unit as make install writes it, ftaliasctl and the configuration
# where this guest has them; its ExecStartPre (modprobe) is insmod here,
# as the guest's module is not under /lib/modules.
mkdir -p "$tmp/etc/ftalias"
sed -e "s|@SBINDIR@|$(dirname "$(command -v ftaliasctl)")|g" \
	-e "s|@SYSCONFDIR@|$tmp/etc|g" "$UNIT" >"$tmp/ftalias.service"
start=$(sed -n 's/^ExecStart=//p' "$tmp/ftalias.service")
[[ -n $start ]] || die "no ExecStart in $UNIT"
grep -qx 'ExecStartPre=/sbin/modprobe ftalias' "$tmp/ftalias.service" ||
	fail "the unit does not load the module first"

expect_rc 0 ftaliasctl alias add "$ia" mode 0640 cache-ttl-ms 60000
expect_rc 0 ftaliasctl alias add "$ib" id 4001 policy manual record-replies on
ftaliasctl -config alias show >"$tmp/etc/ftalias/aliases.conf" || fail "-config in the init namespace"
ip netns del "$ns"
rmmod ftalias || die "rmmod"
ensure_loaded || die "insmod"
[[ -z $(ftaliasctl -config alias show) ]] || fail "aliases left after rmmod and insmod"
# shellcheck disable=SC2086	# the unit's command line, split as systemd does
expect_rc 0 $start
ftaliasctl -config alias show >"$tmp/booted.conf" || fail "-config after the boot"
diff -u "$tmp/etc/ftalias/aliases.conf" "$tmp/booted.conf" ||
	fail "the unit did not bring the aliases back"

finish
