#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The fuzzers, bounded: fuzz_nl (the netlink family: random and mutated
# messages as root, unprivileged and in a second namespace, with dumps
# running meanwhile) and fuzz_sock (random socket calls of several
# processes in several namespaces, killed at random).  Each checks every
# answer itself and cleans up after itself; here, the kernel log must stay
# clean and, on the debug kernel, kmemleak must have nothing of ftalias.
#
# Budgets (Documentation/testing.rst): each fuzzer runs until
# FTALIAS_FUZZ_COUNT steps (fuzz_nl: batches of messages; fuzz_sock:
# calls) or FTALIAS_FUZZ_SECONDS seconds, whichever comes first; defaults
# 200000 / 20 s (debug kernel: 1000000 / 45 s).  FTALIAS_FUZZ_SECONDS=0
# lifts the time limit.  FTALIAS_FUZZ_SEED fixes the seed (printed either
# way); a failure prints the command that reproduces it.
source "$(dirname "$0")/lib/lib.sh"

require_root
require_module
cd "$(dirname "$0")" || exit 1
[[ -x ./fuzz_nl && -x ./fuzz_sock ]] || skip "fuzzers not built"

debug=0
[[ ${FTALIAS_KERNEL:-} == debug ]] && debug=1
count=${FTALIAS_FUZZ_COUNT:-$((debug ? 1000000 : 200000))}
secs=${FTALIAS_FUZZ_SECONDS:-$((debug ? 45 : 20))}
seed=${FTALIAS_FUZZ_SEED:-$(( (RANDOM << 15 | RANDOM) ))}

dmesg_mark
((debug)) && kmemleak_available && kmemleak_clear

run() {
	local name=$1 rc
	shift
	log "$name --seed $seed --count $count --seconds $secs $*"
	./"$name" --seed "$seed" --count "$count" --seconds "$secs" "$@" 2>&1 |
		sed -u 's/^/  /'
	rc=${PIPESTATUS[0]}
	((rc == 0)) || fail "$name failed (exit $rc): reproduce with make vm CMD='FTALIAS_FUZZ_SEED=$seed selftests/fuzz_run.sh', or the command it printed"
}

run fuzz_nl
run fuzz_sock --procs 4 --netns 2 --kmemleak 0

if dmesg_since | grep -Eq 'BUG:|WARNING:|KASAN|UBSAN|circular locking|unreferenced object|blocked for more than|refcount_t:'; then
	dmesg_since | grep -v ftalias-fuzz | tail -40 | sed 's/^/#   /'
	fail "the kernel complained (seed $seed)"
fi
if ((debug)) && kmemleak_available; then
	kmemleak_check_ftalias || fail "kmemleak reports an ftalias object (seed $seed)"
fi
finish
