#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make fresh-test: the README's two commands on a machine that has nothing
# installed.  Builds a minimal Debian 12 root (debootstrap --variant=minbase,
# from the Debian mirror this machine's apt uses), puts a clone of the
# repository's HEAD in it and runs there, as root in a chroot with /proc,
# /sys and /dev from the host, what the README tells a user to run:
#   apt-get install make; make demo; make check KERNELS=6.12 TESTS=...
# The root has its own /var/cache (so an empty FTALIAS_CACHE: the test
# kernels are unpacked there), /usr/src and /lib/modules; its guests share
# the chroot's / over 9p.
#   fresh-test.sh
# Environment: FRESH_ROOT (default /var/tmp/ftalias-fresh; removed first),
# FRESH_TESTS (default nl_api), FRESH_KEEP=1 (keep the root afterwards),
# FRESH_CI=1 (run CI's entry point, .ci/run: the whole make check, debug
# kernel build included, instead of make demo and the short check).
# Needs root and debootstrap (apt-get install debootstrap) on the host.
set -euo pipefail

# Read whole before it runs: an edit of this file meanwhile changes nothing.
{
top=$(cd "$(dirname "$0")/../.." && pwd)
root=$(realpath -m "${FRESH_ROOT:-/var/tmp/ftalias-fresh}")
tests=${FRESH_TESTS:-nl_api}
repo=/root/ftalias	# in the root; /root is a tmpfs in the guests (as /tmp)
start=$SECONDS

say() { printf '# fresh: [%4d s] %s\n' "$((SECONDS - start))" "$*"; }
die() { echo "fresh-test.sh: $*" >&2; exit 1; }

((EUID == 0)) || die "needs root (debootstrap, chroot, mounts)"
command -v debootstrap >/dev/null || die "needs debootstrap (apt-get install debootstrap)"
case $root in
/ | /var | /var/tmp | /tmp | "$top" | "$top"/*) die "FRESH_ROOT=$root: not that one" ;;
esac

# --- the Debian mirrors of this machine's apt ------------------------------
# Every enabled "deb" source of a bookworm suite, from the one-line
# (sources.list, *.list) and the deb822 (*.sources) formats: "URI SUITE".
apt_sources() {
	local f

	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[[ -r $f ]] || continue
		sed -e 's/#.*//' -e 's/\[[^]]*\]//' "$f" |
			awk '$1 == "deb" && NF >= 3 { print $2, $3 }'
	done
	for f in /etc/apt/sources.list.d/*.sources; do
		[[ -r $f ]] || continue
		awk '
		function flush(	i, j, nu, ns, u, s) {
			if (types ~ /(^| )deb( |$)/ && enabled != "no") {
				nu = split(uris, u, " "); ns = split(suites, s, " ")
				for (i = 1; i <= nu; i++)
					for (j = 1; j <= ns; j++)
						print u[i], s[j]
			}
			types = uris = suites = enabled = ""
		}
		/^[ \t]*#/ { next }
		/^[ \t]*$/ { flush(); next }
		{
			key = tolower($1); sub(/:$/, "", key)
			val = $0; sub(/^[^:]*:[ \t]*/, "", val)
			if (key == "types") types = val
			else if (key == "uris") uris = val
			else if (key == "suites") suites = val
			else if (key == "enabled") enabled = tolower(val)
		}
		END { flush() }' "$f"
	done
}

mapfile -t sources < <(apt_sources | awk '$2 ~ /^bookworm(-updates|-security)?\/?$/' | sort -u)
mirror=
for s in "${sources[@]}"; do
	[[ ${s#* } == bookworm ]] && { mirror=${s% *}; break; }
done
[[ -n $mirror ]] || die "no bookworm source in /etc/apt/sources.list*"

# --- the root ---------------------------------------------------------------
mounted=()
# shellcheck disable=SC2317	# a trap handler, before the final exit
cleanup() {
	local rc=$? p m

	trap - EXIT INT TERM
	set +e	# a process gone meanwhile must not stop the cleanup
	# Whatever still runs in the root (a guest, when interrupted) was
	# started by this script.
	for p in /proc/[0-9]*; do
		if [[ $(readlink "$p/root" 2>/dev/null) == "$root" ]]; then
			kill -9 "${p#/proc/}" 2>/dev/null
		fi
	done
	for ((m = ${#mounted[@]} - 1; m >= 0; m--)); do
		umount -R "${mounted[m]}" 2>/dev/null || umount -R -l "${mounted[m]}" 2>/dev/null || true
	done
	if ((rc == 0)) && [[ ${FRESH_KEEP:-0} != 1 ]]; then
		rm -rf --one-file-system "$root"
	else
		say "root kept in $root"
	fi
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ -e $root ]]; then
	findmnt -rn -o TARGET | grep -q "^$root/" && die "something is mounted under $root"
	rm -rf --one-file-system "$root"
fi
mkdir -p "$root"

say "debootstrap --variant=minbase bookworm from $mirror"
extra=()
[[ $mirror == https:* ]] && extra=(--include=ca-certificates)
debootstrap --variant=minbase "${extra[@]}" bookworm "$root" "$mirror" >"$root.debootstrap.log" 2>&1 ||
	{ tail -n 30 "$root.debootstrap.log"; die "debootstrap failed"; }
rm -f "$root.debootstrap.log"

# The sources of a fresh install: bookworm, its updates and security.
for s in "${sources[@]}"; do
	echo "deb ${s% *} ${s#* } main"
done >"$root/etc/apt/sources.list"
sed 's/^/# fresh:   /' "$root/etc/apt/sources.list"
# A chroot has no init: package scripts must not start daemons in it.
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod 0755 "$root/usr/sbin/policy-rc.d"
[[ -z $(ls -A "$root/var/cache/ftalias" 2>/dev/null) ]] || die "$root/var/cache/ftalias is not empty"

say "clone of $(git -C "$top" rev-parse --short HEAD) into $repo"
git clone -q --no-checkout "$top" "$root$repo"
git -C "$root$repo" checkout -q --detach "$(git -C "$top" rev-parse HEAD)"
git -C "$root$repo" remote remove origin

mounted+=("$root/proc")
mount -t proc proc "$root/proc"
for d in sys dev; do
	mounted+=("$root/$d")
	mount --rbind "/$d" "$root/$d"
	mount --make-rslave "$root/$d"
done

in_root() {	# in_root CMD: run CMD in the repository, in the root, timed
	local t=$SECONDS rc

	say "\$ $1"
	set +e
	chroot "$root" /usr/bin/env -i HOME=/root TERM=dumb LANG=C.UTF-8 \
		PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		DEBIAN_FRONTEND=noninteractive \
		/bin/bash -c "cd $repo && $1" </dev/null 2>&1 |
		while IFS= read -r line; do
			printf '[%4d s] %s\n' "$((SECONDS - start))" "$line"
		done
	rc=${PIPESTATUS[0]}
	set -e
	say "took $((SECONDS - t)) s, exit $rc: $1"
	return "$rc"
}

if [[ ${FRESH_CI:-0} == 1 ]]; then
	# As CI, on a fresh machine: .ci/run installs make and runs make
	# check (make deps, the debug kernel build, every kernel's lane).
	t0=$SECONDS
	in_root "bash .ci/run"
	say "passed: .ci/run on a fresh Debian 12 root in $((SECONDS - t0)) s ($((SECONDS - start)) s with debootstrap)"
	exit
fi
# As the README says, on a fresh Debian 12 machine, as root.
in_root "apt-get update -q && apt-get install -y -q make"
in_root "make demo"
in_root "make check KERNELS=6.12 TESTS='$tests'"
say "passed: make demo and make check on a fresh Debian 12 root, $((SECONDS - start)) s in total"
exit
}
