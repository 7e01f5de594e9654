#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Regenerate the netlink code (the kernel's and the user-space client's)
# and documentation of ftalias from its YNL spec with the generators of a
# kernel source tree:
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

# The 6.12 generator drops the flags of a multicast group: a group with
# "flags: [ admin-perm ]" gets GENL_MCAST_CAP_NET_ADMIN here, so that the
# kernel refuses its join without CAP_NET_ADMIN.  Fails if a group with
# the flag cannot be found in the generated table.
mcgrp_caps() {
	"$py" - "$top/$spec" "$1" <<'PY'
import sys

import yaml

spec = yaml.safe_load(open(sys.argv[1]))
path = sys.argv[2]
src = open(path).read()
ident = spec['name'].upper().replace('-', '_')
for grp in spec.get('mcast-groups', {}).get('list', []):
    if 'admin-perm' not in grp.get('flags', []):
        continue
    name = grp['name']
    define = f"{ident}_NLGRP_{name.upper().replace('-', '_')}"
    plain = f'[{define}] = {{ "{name}", }},'
    capped = f'[{define}] = {{ "{name}", .flags = GENL_MCAST_CAP_NET_ADMIN, }},'
    if capped in src:
        continue
    if plain not in src:
        sys.exit(f"ynl-regen: multicast group {name} not found in {path}")
    src = src.replace(plain, capped)
open(path, 'w').write(src)
PY
}

# The user-space client names a struct after each attribute set; the "id"
# set's struct ftalias_id would clash with the UAPI's struct ftalias_id
# (linux/ftalias.h), which C programs include beside it.  A struct of the
# client whose name the UAPI headers define gets the suffix _attrs.
user_structs() {
	"$py" - "$top/include/uapi/linux" "$tmp/ftalias-user.h" "$1" <<'PY'
import glob
import re
import sys

uapi = set()
for h in glob.glob(sys.argv[1] + '/*.h'):
    uapi |= set(re.findall(r'^struct (\w+) \{', open(h).read(), re.M))
# The header, generated (and renamed) first, defines the structs; the
# source uses them.
mine = set(re.findall(r'^struct (\w+) \{', open(sys.argv[2]).read(), re.M))
mine |= {name[:-len('_attrs')] for name in mine if name.endswith('_attrs')}
path = sys.argv[3]
src = open(path).read()
for name in sorted(mine & uapi):
    src = re.sub(r'\bstruct %s\b' % name, 'struct %s_attrs' % name, src)
open(path, 'w').write(src)
PY
}

gen() {
	local out=$1; shift
	local gen=$tmp/${out##*/}

	# The generated source includes the header named after its own file.
	(cd "$tmp" && "$py" "$ynl/ynl-gen-c.py" --spec "$spec" "$@" -o "$gen")
	if [[ $out == kmod/*.c ]]; then
		mcgrp_caps "$gen"
	fi
	if [[ $out == tools/ynl/* ]]; then
		user_structs "$gen"
	fi
	cmp -s "$gen" "$top/$out" || cp "$gen" "$top/$out"
}

gen include/uapi/linux/ftalias_genl.h --mode uapi --header
gen kmod/generated/netlink-gen.c --mode kernel --source
gen kmod/generated/netlink-gen.h --mode kernel --header
# The user-space client of the C programs (selftests, benchmark), built on
# the kernel's YNL library ($KSRC/tools/net/ynl/lib) by tools/ynl/Makefile.
gen tools/ynl/ftalias-user.h --mode user --header
gen tools/ynl/ftalias-user.c --mode user --source

# ftaliasctl (libnl-3) takes its attribute names, policies, enum and
# operation names from the spec too, in libnl's terms.
(cd "$top" && "$py" scripts/ynl-ctl-gen.py "$spec" "$tmp/spec-gen.h" \
	"$tmp/spec-gen.c")
for f in spec-gen.h spec-gen.c; do
	cmp -s "$tmp/$f" "$top/tools/ctl/$f" || cp "$tmp/$f" "$top/tools/ctl/$f"
done

(cd "$tmp" && "$py" "$ynl/ynl-gen-rst.py" -i "$spec" -o "$tmp/rst")
cmp -s "$tmp/rst" "$top/Documentation/netlink/ftalias.rst" ||
	cp "$tmp/rst" "$top/Documentation/netlink/ftalias.rst"
