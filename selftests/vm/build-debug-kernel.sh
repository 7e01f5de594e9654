#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build the ftalias debug kernel out of tree (O=) from $KSRC with the
# committed config fragment.  Idempotent: a stamp file marks a finished build,
# so a second run is a no-op.  Usage: build-debug-kernel.sh KSRC OUTDIR FRAGMENT [JOBS]
set -euo pipefail
ksrc=$1 out=$2 frag=$(realpath "$3") jobs=${4:-$(( $(nproc) + 1 ))}

if [[ -e $out/.ftalias-built && -e $out/vmlinux && -e $out/Module.symvers ]]; then
	exit 0
fi
mkdir -p "$out"
log=$out/build.log
echo "  DEBUG-KERNEL $out (log: $log, -j$jobs; ~15-20 min on 2 cores)"
{
	if [[ ! -e $out/.config ]] || ! cmp -s "$frag" "$out/.ftalias-fragment"; then
		rm -f "$out/.config"
		(cd "$ksrc" && scripts/kconfig/merge_config.sh -n -O "$out" "$frag")
		cp "$frag" "$out/.ftalias-fragment"
	fi
	# Every line of the fragment must survive Kconfig dependency resolution.
	missing=0
	while read -r line; do
		grep -qxF -- "$line" "$out/.config" || { echo "debug.config: not in final .config: $line"; missing=1; }
	done < <(grep -E '^(CONFIG_|# CONFIG_.* is not set)' "$frag")
	[[ $missing == 0 ]]
	make -C "$ksrc" O="$out" -j"$jobs" vmlinux modules
} >"$log" 2>&1 || { echo "debug kernel build failed; last lines of $log:" >&2; tail -40 "$log" >&2; exit 1; }
touch "$out/.ftalias-built"
echo "  DEBUG-KERNEL done: $(cat "$out/include/config/kernel.release")"
