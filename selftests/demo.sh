#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The ftalias demo, run inside a guest by `make demo` with the module
# loaded and tools/ on PATH.  It configures port aliases with ftaliasctl
# and shows them as text and JSON while `ftaliasctl monitor` reports each
# change.  Later stages grow it into the failover story.
set -euo pipefail

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
run() { printf '$ %s\n' "$*"; "$@"; }

mon=$(mktemp)
ftaliasctl monitor >>"$mon" &  # O_APPEND: survives the truncation below
monpid=$!
trap 'kill $monpid 2>/dev/null || true; rm -f "$mon"' EXIT

step "The module and its limits"
run ftaliasctl info

step "Two services: a bank ledger run under a cluster manager, and a web front"
# The monitor subscribes asynchronously: create a probe alias until it
# reports one, so that no event of the demo is missed.
for _ in $(seq 100); do
	ftaliasctl alias add demo-probe >/dev/null
	ftaliasctl alias del demo-probe
	grep -q demo-probe "$mon" && break
done
: >"$mon"
run ftaliasctl alias add bank id 10 mode 0640 policy manual grace-ms 5000
run ftaliasctl alias add web cache-max-entries 1024 cache-ttl-ms 60000

step "The alias table, as text and as JSON"
run ftaliasctl alias show
run ftaliasctl -j -p alias show bank

step "Changes are all-or-nothing: a bad mode leaves the alias as it was"
run ftaliasctl alias set web grace-ms 1000 mode 0755 || true
run ftaliasctl alias show web

step "Rename and delete"
run ftaliasctl alias set id 10 name ledger
run ftaliasctl alias del web
run ftaliasctl alias show

step "What ftaliasctl monitor saw"
for _ in $(seq 100); do
	[ "$(grep -c . "$mon")" -ge 4 ] && break
	sleep 0.1
done
cat "$mon"
