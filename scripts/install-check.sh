#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make install-check (part of make check, on the host, no guest): a staged
# install, make install DESTDIR=<empty dir>, puts the module, ftaliasctl,
# its man page and completion, libftalias and its man page, the YNL spec,
# the systemd unit (pointing at the installed ftaliasctl) and the samples
# under DESTDIR and nothing anywhere else:
# no file under /lib/modules, /usr/local or /usr/share/ynl changes, no
# depmod on the live system.
#   install-check.sh
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
fail=0
bad() { echo "install-check: $*"; fail=1; }

dest=$(mktemp -d "${TMPDIR:-/tmp}/ftalias-install.XXXXXX")
stamp=$dest.stamp log=$dest.log
trap 'rm -rf "$dest" "$stamp" "$log"' EXIT
# One second back: a file written in the same second still counts.
touch -d "@$(($(date +%s) - 1))" "$stamp"
watched=()
for d in /lib/modules/ /usr/local/ /usr/share/ynl/; do
	[[ -d $d ]] && watched+=("$d")
done

if ! make -C "$top" --no-print-directory install DESTDIR="$dest" >"$log" 2>&1; then
	cat "$log"
	bad "make install DESTDIR=$dest failed"
fi

# Nothing outside DESTDIR (depmod on the live system writes modules.dep).
changed=$(find "${watched[@]}" -newer "$stamp" 2>/dev/null | head -n 20)
if [[ -n $changed ]]; then
	while IFS= read -r f; do echo "install-check:   $f"; done <<<"$changed"
	bad "make install DESTDIR=... wrote the above outside DESTDIR"
fi

# Everything under it, where it belongs.
want=(
	"lib/modules/*/updates/kmod/ftalias.ko*"
	usr/local/sbin/ftaliasctl
	usr/local/share/man/man8/ftaliasctl.8
	usr/local/lib/libftalias.so.0
	usr/local/lib/libftalias.a
	usr/local/lib/pkgconfig/libftalias.pc
	usr/local/include/ftalias/libftalias.h
	usr/local/include/ftalias/uapi/linux/ftalias.h
	usr/local/include/ftalias/uapi/linux/ftalias_genl.h
	usr/local/share/man/man3/libftalias.3
	usr/local/share/bash-completion/completions/ftaliasctl
	usr/share/ynl/specs/ftalias.yaml
	usr/local/lib/systemd/system/ftalias.service
	usr/local/share/doc/ftalias/examples/modules-load.d-ftalias.conf
	usr/local/share/doc/ftalias/examples/modprobe.d-ftalias.conf
	etc/ftalias/aliases.conf
	var/lib/ftalias
)
for w in "${want[@]}"; do
	# shellcheck disable=SC2206	# the globs of the release and suffix
	found=($dest/$w)
	[[ -e ${found[0]} ]] || bad "not installed: DESTDIR/$w"
done
# No modules.dep in a root that holds no kernel: depmod is the target's.
if [[ -n $(find "$dest" -name modules.dep) ]]; then
	bad "depmod ran in a staged root without the kernel's modules"
fi
# The unit runs the installed ftaliasctl: the aliases saved under
# /var/lib/ftalias back, then the configuration under /etc, and saves at
# stop; systemd parses it (systemd-analyze, where systemd is installed).
unit=$dest/usr/local/lib/systemd/system/ftalias.service
if [[ -e $unit ]]; then
	[[ $(sed -n 's/^ExecStart=//p' "$unit") == \
	   "-/usr/local/sbin/ftaliasctl -exist alias restore all /var/lib/ftalias
-/usr/local/sbin/ftaliasctl -exist -force -batch /etc/ftalias/aliases.conf" ]] ||
		bad "ftalias.service: ExecStart is not the installed ftaliasctl restoring /var/lib/ftalias, then on /etc/ftalias/aliases.conf"
	grep -qx 'ExecStop=/usr/local/sbin/ftaliasctl alias save all /var/lib/ftalias' "$unit" ||
		bad "ftalias.service: ExecStop does not save the aliases to /var/lib/ftalias"
	[[ $(stat -c %a "$dest/var/lib/ftalias") == 700 ]] ||
		bad "/var/lib/ftalias is not 0700: the saves hold every cached reply"
	! grep -q @ "$unit" || bad "ftalias.service: a placeholder left: $(grep @ "$unit")"
	if command -v systemd-analyze >/dev/null; then
		# Its ExecStart is not installed on this host: that alone.
		out=$(systemd-analyze verify --man=no "$unit" 2>&1 |
			grep -v '^ftalias.service: Command /usr/local/sbin/ftaliasctl is not executable' || true)
		[[ -z $out ]] || bad "systemd-analyze verify ftalias.service: $out"
	fi
fi

if ((fail)); then
	echo "--- make install output ---"
	cat "$log"
	exit 1
fi
echo "install-check: make install DESTDIR=... stayed in DESTDIR ($(find "$dest" -type f | wc -l) files)"
