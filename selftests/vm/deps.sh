#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Install the Debian packages ftalias builds and tests need (without their
# Recommends: none of them is used; procps, for pgrep and ps, came only as
# one and is named), extract the 6.12 kernel source into the cache (KSRC) and
# unpack the test kernels into the cache.  Fast and idempotent: apt-get
# install runs only when dpkg-query says something is missing, a kernel is
# downloaded only when its stamp is missing.
#
# The test kernels are test artifacts, not host kernels: no linux-image or
# linux-headers package is installed on the host (no initramfs, no boot
# entry; the 6.12 headers package depends on its image).  For each series (6.1: linux-headers-amd64, 6.12:
# linux-headers-6.12-amd64) the release the metapackage points to, <kver>,
# gets its image, headers and kbuild packages downloaded (apt-get download)
# and unpacked (dpkg-deb -x) into $FTALIAS_CACHE/kernels/<kver>/:
# boot/vmlinuz-<kver>, lib/modules/<kver>/ (with depmod's modules.dep),
# usr/src/linux-headers-<kver>/ (the module's build dir).
#   deps.sh          install what is missing, extract, unpack, print KSRC
#   deps.sh --check  exit 1 if anything is missing, do nothing
set -euo pipefail

cache=$(realpath -m "${FTALIAS_CACHE:-/var/cache/ftalias}")
# linux-perf: perf record in the guests (they see the host root) for
# make bench-profile.
pkgs=(
	build-essential git perl gzip bc cpio kmod procps pkg-config iproute2
	xz-utils zstd qemu-system-x86 busybox-static linux-source-6.12
	flex bison libelf-dev libssl-dev dwarves sparse
	libnl-3-dev libnl-genl-3-dev libcap-dev
	python3 python3-yaml python3-jsonschema python3-docutils
	linux-perf
)
# Test kernel series and the headers metapackage naming its release.
series=(6.1:linux-headers-amd64 6.12:linux-headers-6.12-amd64)

sudo=
((EUID == 0)) || sudo=sudo
export DEBIAN_FRONTEND=noninteractive

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

unpacked() {	# is a kernel of series $1 (e.g. 6.1) unpacked in the cache?
	compgen -G "$cache/kernels/$1.*/.ftalias-unpacked" >/dev/null
}

if [[ ${1:-} == --check ]]; then
	[[ -z $(missing) ]] || exit 1
	ksrc=$(srcdir) && [[ -e $ksrc/.ftalias-extracted ]] || exit 1
	for s in "${series[@]}"; do
		unpacked "${s%%:*}" || exit 1
	done
	# The guests bind-mount the cache's modules on it (guest-init.sh).
	[[ -d /lib/modules ]]
	exit
fi

updated=
apt_update() {
	[[ -z $updated ]] || return 0
	$sudo apt-get update -q
	updated=1
}

mapfile -t need < <(missing)
if ((${#need[@]})); then
	echo "  DEPS    apt-get install --no-install-recommends ${need[*]}"
	apt_update
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

# Print "NAME VERSION" of the first dependency of package $1 (=version)
# that matches the pattern $2; VERSION is "" when not pinned with "=".
dep_of() {
	apt-cache show --no-all-versions "$1" 2>/dev/null |
		sed -n 's/^Depends: //p' | tr ',|' '\n' |
		sed -n "s/^ *\\($2\\)\\( (\\(=\\|>=\\) \\([^)]*\\))\\)\\?.*/\\1 \\4/p" | head -n1
}

# The release of series $1 and the version of its packages, from the
# metapackage $2: "KVER VERSION".
resolve() {
	local hdr ver

	read -r hdr ver < <(dep_of "$2" 'linux-headers-[^ ]*') || return 1
	[[ -n $hdr && -n $ver && $hdr == "linux-headers-$1."* ]] || return 1
	echo "${hdr#linux-headers-} $ver"
}

# Download the packages of release $1 (version $2) into the cwd.
download() {
	local kver=$1 ver=$2 img common kbuild
	local -a opts=(-q)

	img=linux-image-$kver
	apt-cache show "$img=$ver" >/dev/null 2>&1 || img=$img-unsigned
	read -r common _ < <(dep_of "linux-headers-$kver=$ver" 'linux-headers-[^ ]*-common')
	read -r kbuild _ < <(dep_of "linux-headers-$kver=$ver" 'linux-kbuild-[^ ]*')
	[[ -n $common && -n $kbuild ]] || return 1
	# As root, apt drops to _apt, which cannot write to the cache.
	((EUID == 0)) && opts+=(-o APT::Sandbox::User=root)
	apt-get download "${opts[@]}" "$img=$ver" "linux-headers-$kver=$ver" \
		"$common=$ver" "$kbuild"
}

# Unpack the packages in $2/debs (release $1) into $cache/kernels/$1,
# through $2/root: the release's dir appears whole or not at all.
unpack_kernel() {
	local kver=$1 root=$2/root dest=$cache/kernels/$1 deb l

	mkdir "$root"
	for deb in "$2/debs"/*.deb; do
		dpkg-deb -x "$deb" "$root"
	done
	# Merged-/usr packages ship usr/lib/modules; modprobe -d wants lib/.
	[[ -e $root/lib ]] || ln -s usr/lib "$root/lib"
	[[ -f $root/boot/vmlinuz-$kver && -d $root/lib/modules/$kver ]] ||
		{ echo "deps.sh: no vmlinuz or modules of $kver in the packages" >&2; exit 1; }
	# The headers' Makefile includes the common headers by absolute path,
	# and build/source point into /usr/src: point them into the cache.
	sed -i "s|^include /usr/src/|include $dest/usr/src/|" \
		"$root/usr/src/linux-headers-$kver/Makefile"
	for l in build source; do
		[[ -L $root/lib/modules/$kver/$l ]] || continue
		ln -sfn "../../../usr/src/$(basename "$(readlink "$root/lib/modules/$kver/$l")")" \
			"$root/lib/modules/$kver/$l"
	done
	# The image package ships no modules.dep: its postinst runs depmod.
	depmod -b "$root" "$kver"
	touch "$root/.ftalias-unpacked"
	rm -rf "$dest"
	mv "$root" "$dest"
}

for s in "${series[@]}"; do
	kv=$(resolve "${s%%:*}" "${s#*:}") || { apt_update; kv=$(resolve "${s%%:*}" "${s#*:}"); } ||
		{ echo "deps.sh: cannot find the release ${s#*:} depends on" >&2; exit 1; }
	read -r kver ver <<<"$kv"
	[[ -e $cache/kernels/$kver/.ftalias-unpacked ]] && continue
	mkdir -p "$cache/kernels"
	tmp=$(mktemp -d "$cache/kernel.XXXXXX")
	# shellcheck disable=SC2064	# $tmp as it is now
	trap "rm -rf '$tmp'" EXIT
	mkdir "$tmp/debs"
	echo "  DEPS    unpacking Debian's $kver ($ver) into $cache/kernels/$kver"
	if ! (cd "$tmp/debs" && download "$kver" "$ver"); then
		# Stale package lists name files the mirror no longer has.
		[[ -z $updated ]] || exit 1
		apt_update
		rm -f "$tmp/debs"/*.deb
		read -r kver ver < <(resolve "${s%%:*}" "${s#*:}")
		echo "  DEPS    unpacking Debian's $kver ($ver) into $cache/kernels/$kver"
		(cd "$tmp/debs" && download "$kver" "$ver")
	fi
	unpack_kernel "$kver" "$tmp"
	rm -rf "$tmp"
	trap - EXIT
done

# The guests mount the cache's modules of their kernel here: the host's
# root, shared read-only, needs the mount point (no kernel installed).
[[ -d /lib/modules ]] || $sudo mkdir -p /lib/modules
echo "KSRC=$ksrc"
