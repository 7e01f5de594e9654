#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Regenerate the netlink code and documentation of ftalias from its YNL spec
# with the generators of a kernel source tree:
#   scripts/ynl-regen.sh KSRC
# The YNL tools look for the schema (genetlink.yaml) next to the spec's
# folder and for a MAINTAINERS file above it, so they run in a scratch tree
# that links the kernel's schema beside our spec.  Nothing of the kernel tree
# is written into the repository.
set -euo pipefail

ksrc=${1:?usage: $0 KSRC}
top=$(cd "$(dirname "$0")/.." && pwd)
py=${PYTHON:-/usr/bin/python3}
spec=Documentation/netlink/specs/ftalias.yaml
ynl=$ksrc/tools/net/ynl

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/Documentation/netlink/specs"
cp "$top/MAINTAINERS" "$tmp/"
ln -s "$ksrc/Documentation/netlink/genetlink.yaml" "$tmp/Documentation/netlink/"
cp "$top/$spec" "$tmp/$spec"

gen() {
	local out=$1; shift
	local gen=$tmp/${out##*/}

	# The generated source includes the header named after its own file.
	(cd "$tmp" && "$py" "$ynl/ynl-gen-c.py" --spec "$spec" "$@" -o "$gen")
	cmp -s "$gen" "$top/$out" || cp "$gen" "$top/$out"
}

gen include/uapi/linux/ftalias_genl.h --mode uapi --header
gen kmod/netlink-gen.c --mode kernel --source
gen kmod/netlink-gen.h --mode kernel --header

(cd "$tmp" && "$py" "$ynl/ynl-gen-rst.py" -i "$spec" -o "$tmp/rst")
cmp -s "$tmp/rst" "$top/Documentation/netlink/ftalias.rst" ||
	cp "$tmp/rst" "$top/Documentation/netlink/ftalias.rst"
