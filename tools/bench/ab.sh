#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# ab.sh: two builds of the module side by side in one guest.  Runs
# ftalias_bench N times with each module, alternating (A, B, A, B, ...),
# and prints, per figure, the ratio ftalias / unix-dgram of every run and
# its median per module.  Only the ratios within one run are compared: the
# guest's speed moves between runs, the two transports move together.
#
#   ab.sh A.ko B.ko [N] [ftalias_bench options]
#
# Run in a guest with the module unloaded or loaded (it is replaced);
# "make bench-ab BASE=rev" builds the module of rev and runs it there
# against the tree's.  The default options measure round trips and
# pipelined throughput at 64 B and 4 KiB, unpinned and with every process
# on CPU 0.
set -eu

[ $# -ge 2 ] || { echo "usage: ab.sh A.ko B.ko [N] [bench options]" >&2; exit 2; }
a=$1
b=$2
shift 2
n=3
case ${1:-} in
[0-9]*) n=$1; shift ;;
esac
bench=$(dirname "$0")/ftalias_bench
out=${TMPDIR:-/tmp}/ab.$$
mkdir -p "$out"
trap 'rm -rf "$out"' EXIT

run() {		# module output [bench options]
	ko=$1
	f=$2
	shift 2
	rmmod ftalias 2>/dev/null || true
	insmod "$ko"
	if [ $# -gt 0 ]; then
		"$bench" "$@" >"$f" 2>&1
		return
	fi
	"$bench" -o ftalias,unix-dgram -s 64,4096 -c 1 -f 0 >"$f" 2>&1
	"$bench" -o ftalias,unix-dgram -s 64,4096 -c 1 -f 0 -C 0 2>&1 |
		sed 's/^\(round-trip\|pipelined\) /\1-pinned /' >>"$f"
}

i=1
while [ "$i" -le "$n" ]; do
	for m in A B; do
		if [ "$m" = A ]; then ko=$a; else ko=$b; fi
		echo "# ab: run $i module $m ($ko)"
		run "$ko" "$out/$m.$i" "$@"
	done
	i=$((i + 1))
done

echo
echo "ftalias / unix-dgram per run (round trip: median latency, lower is"
echo "better; pipelined: req/s, higher is better), A = $a, B = $b"
echo
for m in A B; do
	i=1
	while [ "$i" -le "$n" ]; do
		awk -v m="$m" '
		$3 == 1 && ($4 == "ftalias" || $4 == "unix-dgram") {
			v = $1 ~ /^round-trip/ ? $5 : $7
			key = $1 " " $2
			if ($4 == "ftalias") f[key] = v; else u[key] = v
		}
		END {
			for (k in f)
				if (k in u && u[k] > 0)
					printf "%s %s %.3f\n", k, m, f[k] / u[k]
		}' "$out/$m.$i"
		i=$((i + 1))
	done
done | sort -s -k1,1 -k2,2n -k3,3 | awk '
function flush(	i, j, t, mid) {
	if (cnt == 0)
		return
	for (i = 1; i <= cnt; i++)
		for (j = i + 1; j <= cnt; j++)
			if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
	mid = cnt % 2 ? v[(cnt + 1) / 2] : (v[cnt / 2] + v[cnt / 2 + 1]) / 2
	printf "%-20s %6s %s  median %.3f   runs %s\n", pm, ps, pk, mid, list
	cnt = 0
	list = ""
}
{
	if ($1 != pm || $2 != ps || $3 != pk)
		flush()
	pm = $1; ps = $2; pk = $3
	v[++cnt] = $4
	list = list " " $4
}
END { flush() }'
