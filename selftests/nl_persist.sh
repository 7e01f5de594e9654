#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Configuration that survives a reboot: "ftaliasctl -config alias show"
# prints the aliases as commands, "ftaliasctl -batch" runs them again.
# Here: every configuration attribute off its default, saved, the aliases
# deleted and the file replayed gives the same file (text and JSON); a
# batch stops at the first refusal (the kernel's message, the file and
# line named, the lines before it applied, none after), -force goes on;
# -n applies a batch in that namespace only; and the boot of
# tools/systemd/ftalias.service: its stop saves every alias, the module
# is unloaded and loaded again, its start restores them as they were
# (over their configuration lines, -exist) and moves the saves aside;
# restarted it changes nothing; after a crash (no save) and with no
# state directory it makes the configured aliases, not the state of the
# earlier shutdown.
source "$(dirname "$0")/lib/lib.sh"

require_root
require_module
skip_cli_on_debug
require_cmd ip ftaliasctl insmod rmmod python3
UNIT=$test_dir/../tools/systemd/ftalias.service.in
[[ -r $UNIT ]] || skip "$UNIT not found"

ns=ftal-persist-$$
# The aliases of the init namespace (the boot part): names of our own.
ia=persist-$$-a ib=persist-$$-b ic=persist-$$-c
tmp=$(mktemp -d)
cleanup() {
	ip netns del "$ns" 2>/dev/null
	ensure_loaded && for a in "$ia" "$ib" "$ic"; do
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
	record-replies on input-log on
expect_rc 0 ctl alias add pb
expect_rc 0 ctl alias add pc id 7 mode 0666
expect_rc 0 ctl alias add pk scope cluster
ctl -config alias show >"$tmp/conf" || fail "-config alias show"
ctl -c -j alias show >"$tmp/conf.json" || fail "-c -j alias show"
[[ $(wc -l <"$tmp/conf") == 4 ]] || fail "-config: not one line per alias: $(cat "$tmp/conf")"
grep -qx "alias add pa id 4000 uid 5 gid 6 mode 0600 policy manual grace-ms 500 cache-max-entries 10 cache-max-bytes 4096 cache-ttl-ms 1000 record-replies on input-log on" \
	"$tmp/conf" || fail "-config line of pa: $(grep ' pa ' "$tmp/conf")"
grep -q "^alias add pk id [0-9]* .*scope cluster" "$tmp/conf" ||
	fail "-config line of pk: $(grep ' pk ' "$tmp/conf")"
grep -q 'incarnation\|members\|pending\|held' "$tmp/conf" &&
	fail "-config prints state: $(cat "$tmp/conf")"
ctl -config alias show pa >"$tmp/conf-pa" || fail "-config alias show pa"
[[ $(cat "$tmp/conf-pa") == $(grep ' pa ' "$tmp/conf") ]] ||
	fail "-config alias show pa differs from its line in the whole list"

for a in pa pb pc pk; do expect_rc 0 ctl alias del "$a"; done
expect_rc 0 ctl -batch "$tmp/conf"
ctl -config alias show >"$tmp/conf2" || fail "-config alias show after the batch"
diff -u "$tmp/conf" "$tmp/conf2" || fail "the replayed configuration differs"
ctl -c -j alias show >"$tmp/conf2.json" || fail "-c -j alias show after the batch"
cmp -s "$tmp/conf.json" "$tmp/conf2.json" || fail "the replayed JSON differs"
python3 - "$tmp/conf.json" <<'PY' || fail "-c -j: $(cat "$tmp/conf.json")"
import json, sys
v = json.load(open(sys.argv[1]))
assert sorted(a["name"] for a in v) == ["pa", "pb", "pc", "pk"], v
assert next(a for a in v if a["name"] == "pk")["scope"] == "cluster", v
pa = next(a for a in v if a["name"] == "pa")
assert pa == {"name": "pa", "id": 4000, "uid": 5, "gid": 6, "mode": 0o600,
	      "policy": "manual", "grace-ms": 500, "cache-max-entries": 10,
	      "cache-max-bytes": 4096, "cache-ttl-ms": 1000,
	      "record-replies": 1, "input-log": 1, "scope": "local"}, pa
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
[[ $(ctl -c alias show | wc -l) == 6 ]] || fail "-force batch: not 6 aliases"

# ---- the boot: module loaded again, the unit's ExecStart ------------------
# Only where the module can be loaded again (the runner's FTALIAS_KO).
[[ -r ${FTALIAS_KO:-} ]] || { log "no FTALIAS_KO: not unloading the module"; finish; }
# The unit as make install writes it, ftaliasctl, the configuration and
# the state directory where this guest has them; its ExecStartPre
# (modprobe) is insmod here, as the guest's module is not under
# /lib/modules.
mkdir -p "$tmp/etc/ftalias"
sed -e "s|@SBINDIR@|$(dirname "$(command -v ftaliasctl)")|g" \
	-e "s|@SYSCONFDIR@|$tmp/etc|g" -e "s|@STATEDIR@|$tmp/state|g" \
	"$UNIT" >"$tmp/ftalias.service"
# "-": systemd ignores the command's failure; the test does not.
mapfile -t start < <(sed -n 's/^ExecStart=-\{0,1\}//p' "$tmp/ftalias.service")
stop=$(sed -n 's/^ExecStop=//p' "$tmp/ftalias.service")
((${#start[@]} == 2)) || die "not two ExecStart lines in $UNIT"
[[ -n $stop ]] || die "no ExecStop in $UNIT"
grep -qx 'ExecStartPre=/sbin/modprobe ftalias' "$tmp/ftalias.service" ||
	fail "the unit does not load the module first"
# systemd splits the command lines on spaces, as the shell does here.
unit_start() {
	local line
	for line in "${start[@]}"; do
		# shellcheck disable=SC2086
		expect_rc 0 $line || return 1
	done
}
unit_stop() {
	# shellcheck disable=SC2086
	expect_rc 0 $stop
}
ttl_of() {
	ftaliasctl -j alias show "$1" | json_num cache-ttl-ms
}

expect_rc 0 ftaliasctl alias add "$ia" mode 0640 cache-ttl-ms 60000
expect_rc 0 ftaliasctl alias add "$ib" id 4001 policy manual record-replies on
ftaliasctl -config alias show >"$tmp/etc/ftalias/aliases.conf" || fail "-config in the init namespace"
# Since the configuration was written: a change, and an alias of its own.
expect_rc 0 ftaliasctl alias set "$ia" cache-ttl-ms 1234
expect_rc 0 ftaliasctl alias add "$ic" id 4002
ip netns del "$ns"

# A clean shutdown saves every alias; the boot brings back each as it was.
unit_stop
for a in "$ia" "$ib" "$ic"; do
	[[ -s $tmp/state/$a.ftas ]] || fail "the unit's stop did not save $a"
done
rmmod ftalias || die "rmmod"
ensure_loaded || die "insmod"
[[ -z $(ftaliasctl -config alias show) ]] || fail "aliases left after rmmod and insmod"
unit_start
[[ $(ttl_of "$ia") == 1234 ]] ||
	fail "the boot: $ia is not the saved one (cache-ttl-ms $(ttl_of "$ia"), want 1234)"
ftaliasctl alias show "$ic" >/dev/null || fail "the boot: $ic, saved, not back"
ftaliasctl -config alias show "$ib" >"$tmp/booted.conf" || fail "the boot: $ib not back"
grep -qxF -f "$tmp/booted.conf" "$tmp/etc/ftalias/aliases.conf" ||
	fail "the boot: $ib is not as configured: $(cat "$tmp/booted.conf")"
# Each save comes back once: moved aside.
compgen -G "$tmp/state/*.ftas" >/dev/null && fail "the boot left saves to restore again: $(ls "$tmp/state")"
[[ -s $tmp/state/restored/$ia.ftas ]] || fail "the boot: no $tmp/state/restored/$ia.ftas"

# Restarted on a running system (stop saves, start finds every alias
# there): nothing changes, and the saves move aside all the same.
unit_stop
unit_start
[[ $(ttl_of "$ia") == 1234 ]] || fail "a restart changed $ia (cache-ttl-ms $(ttl_of "$ia"))"
compgen -G "$tmp/state/*.ftas" >/dev/null && fail "a restart left saves to restore again: $(ls "$tmp/state")"

# A crash (no stop, no save): the configuration alone, not an older state;
# and without the state directory (the first boot) too.
rmmod ftalias || die "rmmod"
ensure_loaded || die "insmod"
rm -rf "$tmp/state"
unit_start
[[ $(ttl_of "$ia") == 60000 ]] ||
	fail "after a crash: $ia is not the configured one (cache-ttl-ms $(ttl_of "$ia"))"
ftaliasctl alias show "$ic" >/dev/null 2>&1 && fail "after a crash: the restored-once $ic came back"
ftaliasctl -config alias show >"$tmp/booted.conf" || fail "-config after the boot"
diff -u "$tmp/etc/ftalias/aliases.conf" "$tmp/booted.conf" ||
	fail "after a crash: the unit did not make the configured aliases"

finish
