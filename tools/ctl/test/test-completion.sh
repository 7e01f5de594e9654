#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The bash completion of ftaliasctl against a stand-in ftaliasctl that
# prints fixed JSON: objects, verbs, options, attribute values, alias names
# and member ports, with and without -n.
#
# usage: test-completion.sh COMPLETION-SCRIPT

script=${1:?usage: $0 COMPLETION-SCRIPT}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0 n=0

# The stand-in: aliases db and web; db's members on ports 7 and 9, and
# one on port 11 that another node announced (no pid); the arguments of
# each call logged.
cat >"$tmp/ftaliasctl" <<'STUB'
#!/bin/bash
echo "$*" >>"${0%/*}/calls"
case "$*" in
*"alias show") echo '[{"id":1,"name":"db","uid":0},{"id":2,"name":"web","uid":0}]' ;;
*"member show db" | *"member show id 1") echo '[{"alias":"db","port":7,"pid":1,"node":1},{"alias":"db","port":9,"pid":2,"node":1},{"alias":"db","port":11,"priority":0,"node":2}]' ;;
esac
STUB
chmod +x "$tmp/ftaliasctl"

# shellcheck source=/dev/null
source "$script"

# expect 'WORDS TO COMPLETE' 'SORTED EXPECTED CANDIDATES'
expect() {
	local got
	n=$((n + 1))
	read -ra COMP_WORDS <<<"$1"
	[[ $1 == *" " ]] && COMP_WORDS+=("")
	COMP_WORDS[0]=$tmp/ftaliasctl
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMPREPLY=()
	_ftaliasctl
	got=$(printf '%s\n' "${COMPREPLY[@]}" | sort | xargs)
	[[ $got == "$2" ]] || { echo "FAIL: '$1': got '$got', want '$2'"; fails=$((fails + 1)); }
}

expect 'ftaliasctl ' 'alias cache cluster conn help info journal member monitor node'
expect 'ftaliasctl c' 'cache cluster conn'
expect 'ftaliasctl --j' '--json'
expect 'ftaliasctl --c' '--config'
expect 'ftaliasctl --b' '--batch'
expect 'ftaliasctl --e' '--exist'
: >"$tmp/aliases.conf"
expect "ftaliasctl -b $tmp/aliases.c" "$tmp/aliases.conf"
expect "ftaliasctl -batch $tmp/aliases.c" "$tmp/aliases.conf"
expect "ftaliasctl --batch $tmp/aliases.c" "$tmp/aliases.conf"
expect "ftaliasctl -force -batch $tmp/aliases.conf " ''
expect "ftaliasctl -b $tmp/aliases.conf " ''
expect "ftaliasctl -b $tmp/aliases.conf al" ''
expect 'ftaliasctl -j al' 'alias'
expect 'ftaliasctl alias ' 'add del help list restore save set show'
expect 'ftaliasctl alias show ' 'db id web'
expect 'ftaliasctl alias save ' 'all db id web'
expect 'ftaliasctl alias save db ' 'move'
expect 'ftaliasctl alias save id 5 ' 'move'
expect 'ftaliasctl alias save db move ' ''
mkdir "$tmp/saves"
expect "ftaliasctl alias save all $tmp/sa" "$tmp/saves"
expect "ftaliasctl alias restore all $tmp/sa" "$tmp/saves"
expect "ftaliasctl alias restore all $tmp/saves " ''
expect 'ftaliasctl alias restore ' 'all id name'
expect 'ftaliasctl alias restore name x ' 'id'
expect 'ftaliasctl alias restore name ' ''
expect 'ftaliasctl alias add x ' 'cache-max-bytes cache-max-entries cache-ttl-ms gid grace-ms id input-log mode policy record-replies scope uid'
expect 'ftaliasctl alias add x s' 'scope'
expect 'ftaliasctl alias add x scope ' 'cluster local'
expect 'ftaliasctl alias add x id 5 scope c' 'cluster'
expect 'ftaliasctl alias set db s' ''
expect 'ftaliasctl alias add x i' 'id input-log'
expect 'ftaliasctl alias set db ' 'cache-max-bytes cache-max-entries cache-ttl-ms gid grace-ms input-log mode name policy record-replies uid'
expect 'ftaliasctl alias set db pol' 'policy'
expect 'ftaliasctl alias set db policy ' 'auto manual'
expect 'ftaliasctl alias set db record-replies o' 'off on'
expect 'ftaliasctl alias set db in' 'input-log'
expect 'ftaliasctl alias add x input-log ' 'off on'
expect 'ftaliasctl alias set id 1 input-log of' 'off'
expect 'ftaliasctl alias add x input-log on rec' 'record-replies'
expect 'ftaliasctl alias set db grace-ms ' ''
expect 'ftaliasctl member set-active db ' '7 9'
expect 'ftaliasctl member drain id 1 ' '7 9'
expect 'ftaliasctl member show ' 'db id web'
expect 'ftaliasctl cache flush db ' 'in-progress'
expect 'ftaliasctl cache flush id 1 in' 'in-progress'
expect 'ftaliasctl cache stats db ' ''
expect 'ftaliasctl conn show ' 'alias id'
expect 'ftaliasctl conn show alias w' 'web'
expect 'ftaliasctl journal show ' 'db id web'
expect 'ftaliasctl info ' 'help show'
expect 'ftaliasctl cluster ' 'help list set show'
expect 'ftaliasctl cluster set ' 'disable enable off on'
expect 'ftaliasctl cluster set o' 'off on'
expect 'ftaliasctl cluster set enable ' ''
expect 'ftaliasctl -j cluster show ' ''
expect 'ftaliasctl node ' 'help list show'
expect 'ftaliasctl node show ' ''
expect 'ftaliasctl -n blue cluster set d' 'disable'
: >"$tmp/calls"
expect 'ftaliasctl -n blue member undrain db ' '7 9'
n=$((n + 1))
grep -qx -- '-n blue -j member show db' "$tmp/calls" ||
	{ echo "FAIL: -n not passed on: $(xargs <"$tmp/calls")"; fails=$((fails + 1)); }

echo "completion: $((n - fails))/$n passed"
((fails == 0))
