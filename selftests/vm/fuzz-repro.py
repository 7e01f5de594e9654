#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Reduce a fuzzer run that crashed the guest kernel to its shortest steps.

A splat panics the debug guest, so the fuzzer cannot reduce it itself:
its last "ftalias-fuzz: NAME seed=S step=N" mark in the console log says
how far it got (marks come every 2,000 steps, so the culprit is one of
0..N+1999).  This boots a guest per attempt (selftests/vm/run-vm.sh)
replaying a subset of those steps with --steps and keeps the subsets that
still make the kernel log show a report (delta debugging), then prints the
command that reproduces the report with the fewest steps.

  selftests/vm/fuzz-repro.py [--kernel debug] [--tries 40] \\
      [--extra '--procs 1 --no-chaos'] [--ko MODULE] FUZZER SEED MARK_STEP

fuzz_sock needs --extra '--procs 1 --no-chaos': only its single-worker,
chaos-free mode replays by steps.  Run from the top of the repository
after make selftests and make module-debug (make vm builds both).
"""
import argparse
import glob
import os
import subprocess
import sys


def ranges(steps):
    out, i = [], 0
    while i < len(steps):
        j = i
        while j + 1 < len(steps) and steps[j + 1] == steps[j] + 1:
            j += 1
        out.append(str(steps[i]) if i == j else f"{steps[i]}-{steps[j]}")
        i = j + 1
    return ",".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kernel", default="debug")
    ap.add_argument("--tries", type=int, default=40)
    ap.add_argument("--extra", default="")
    ap.add_argument("--ko", help="the module to load (default: .build's)")
    ap.add_argument("fuzzer")
    ap.add_argument("seed")
    ap.add_argument("mark", type=int, help="the step of the last mark")
    ap.add_argument("--span", type=int, default=2000,
                    help="steps from one mark to the next (2000)")
    a = ap.parse_args()

    top = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    cache = os.environ.get("FTALIAS_CACHE", "/var/cache/ftalias")
    env = dict(os.environ)
    env.setdefault("KSRC", (sorted(glob.glob(f"{cache}/linux-source-*")) or [""])[-1])
    built = sorted(glob.glob(f"{cache}/debug-kernel/*/.ftalias-built"),
                   key=os.path.getmtime)
    if built:
        env.setdefault("DEBUG_KDIR", os.path.dirname(built[-1]))
    pat = "*debug*" if a.kernel == "debug" else f"{a.kernel}.*[!g]"
    kos = [a.ko] if a.ko else glob.glob(f"{top}/.build/{pat}/kmod/ftalias.ko")
    if not kos:
        sys.exit("no module built for that kernel: make module-" + a.kernel)
    ko = kos[0]
    tries = [0]

    def crashes(steps):
        tries[0] += 1
        cmd = (f"cd selftests && ./{a.fuzzer} --seed {a.seed} {a.extra} "
               f"--steps {ranges(steps)}")
        r = subprocess.run([f"{top}/selftests/vm/run-vm.sh", a.kernel, ko, cmd],
                           cwd=top, env=env, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True)
        out = r.stdout
        bad = r.returncode in (126, 127) and "report line" in out
        print(f"# try {tries[0]}: {len(steps)} steps: "
              f"{'reproduces' if bad else 'clean'}", flush=True)
        return bad

    last = a.mark + a.span - 1
    steps = list(range(last + 1))
    if not crashes(steps):
        sys.exit(f"steps 0-{last} of seed {a.seed} do not reproduce a report")
    n = 2
    while len(steps) >= 2 and tries[0] < a.tries:
        size = (len(steps) + n - 1) // n
        for c in range(n):
            rest = steps[:c * size] + steps[(c + 1) * size:]
            if rest and crashes(rest):
                steps, n = rest, max(n - 1, 2)
                break
            if tries[0] >= a.tries:
                break
        else:
            if n >= len(steps):
                break
            n = min(2 * n, len(steps))
    print(f"selftests/{a.fuzzer} --seed {a.seed} {a.extra} --steps {ranges(steps)}".replace("  ", " "))


if __name__ == "__main__":
    main()
