#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Install the Debian packages ftalias builds and tests need (without their
# Recommends: none of them is used; procps, for pgrep and ps, came only as
# one and is named) and extract the 6.12 kernel source into the cache
# (KSRC).  Fast and idempotent: apt-get runs only
# when dpkg-query says something is missing.
#   deps.sh          install what is missing, extract the source, print KSRC
#   deps.sh --check  exit 1 if anything is missing, do nothing
set -euo pipefail

cache=${FTALIAS_CACHE:-/var/cache/ftalias}
pkgs=(
	build-essential git perl gzip bc cpio kmod procps pkg-config iproute2 xz-utils zstd
	qemu-system-x86 busybox-static
	linux-image-amd64 linux-headers-amd64
	linux-image-6.12-amd64 linux-headers-6.12-amd64 linux-source-6.12
	flex bison libelf-dev libssl-dev dwarves initramfs-tools sparse
	libnl-3-dev libnl-genl-3-dev libcap-dev
	python3 python3-yaml python3-jsonschema python3-docutils
)

missing() {
	local -A ok=()
	local p st

	while read -r p st; do
		[[ $st == installed ]] && ok[${p%%:*}]=1
	done < <(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "${pkgs[@]}" 2>/dev/null || true)
	for p in "${pkgs[@]}"; do
		[[ -n ${ok[$p]:-} ]] || echo "$p"
	done
}

srcdir() {	# where the linux-source-6.12 tree goes, keyed by package version
	local v

	v=$(dpkg-query -W -f='${Version}' linux-source-6.12 2>/dev/null) || return 1
	echo "$cache/linux-source-${v//[~:]/_}"
}

if [[ ${1:-} == --check ]]; then
	[[ -z $(missing) ]] || exit 1
	ksrc=$(srcdir) && [[ -e $ksrc/.ftalias-extracted ]]
	exit
fi

mapfile -t need < <(missing)
if ((${#need[@]})); then
	sudo=
	((EUID == 0)) || sudo=sudo
	echo "  DEPS    apt-get install --no-install-recommends ${need[*]}"
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update -q
	$sudo apt-get install -y -q --no-install-recommends "${need[@]}"
fi

ksrc=$(srcdir)
if [[ ! -e $ksrc/.ftalias-extracted ]]; then
	echo "  DEPS    extracting /usr/src/linux-source-6.12.tar.xz into $ksrc"
	mkdir -p "$cache"
	tmp=$(mktemp -d "$cache/extract.XXXXXX")
	tar -xJf /usr/src/linux-source-6.12.tar.xz -C "$tmp"
	rm -rf "$ksrc"
	mv "$tmp/linux-source-6.12" "$ksrc"
	rmdir "$tmp"
	touch "$ksrc/.ftalias-extracted"
fi
echo "KSRC=$ksrc"
