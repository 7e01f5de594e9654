#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Line and function coverage of kmod/ from the gcov counters of a guest.

make coverage runs the suite on the gcov kernel with the module built with
GCOV_PROFILE := y (FTALIAS_GCOV=1); the guest copies the counters
(/sys/kernel/debug/gcov/<build dir>/kmod/*.gcda, kept across rmmod and
summed over reloads) into a host directory.  This script puts each .gcda
beside a copy of its .gcno, runs the gcov of the gcc that built the module
(gcov -j -t: JSON on stdout) and prints

  - a table: per file of kmod/, lines and functions run / instrumented;
  - the total over the files that count (see EXCLUDED);
  - every line never run, as "kmod/FILE:LINE: source text", and every
    function never called, as "kmod/FILE:LINE: NAME() never called".

It writes the same to OUT/report.txt.  A line counts as run if any of its
entries (one per function and per compilation unit that has code on it,
e.g. a header's inline function in several .c files) has a count above 0.

  coverage.py --build BDIR --gcda DIR --out OUT [--kdir KDIR] [--gcov GCOV]
    BDIR  the module's build dir (BDIR/kmod/*.gcno and the compiled sources)
    DIR   the guest's copy of /sys/kernel/debug/gcov
    OUT   where to write report.txt and the gcov work files
    KDIR  the kernel build dir (its .config names the gcc, hence the gcov)
Exit 0 with a report, 1 if no counter reached the host or gcov failed.
"""

import argparse
import collections
import glob
import json
import os
import re
import shutil
import subprocess
import sys

# Files of kmod/ that have lines but are not counted in the total (they
# are still listed, with their figures, marked "excluded").
EXCLUDED = {
    "kmod/alias_test.c": "the KUnit tests of aliastab.c (test code, run by "
                         "kunit.sh on the debug kernel), not module paths",
    "kmod/replay_test.c": "the KUnit tests of replay.c (test code, run by "
                          "kunit.sh on the debug kernel), not module paths",
    "kmod/request_test.c": "the KUnit tests of request.c (test code, run "
                           "by kunit.sh on the debug kernel), not module "
                           "paths",
    "kmod/trace.h": "TRACE_EVENT() expansions: ftrace and perf glue generated "
                    "per event, all on the macro's lines; trace_events.c "
                    "checks the events themselves",
}


def gcov_tool(kdir, wanted):
    if wanted:
        return wanted
    major = None
    try:
        with open(os.path.join(kdir, ".config"), encoding="utf-8") as f:
            m = re.search(r"^CONFIG_GCC_VERSION=(\d+)$", f.read(), re.M)
            if m and int(m.group(1)):
                major = int(m.group(1)) // 10000
    except (OSError, TypeError):
        pass
    if major and shutil.which("gcov-%d" % major):
        return "gcov-%d" % major
    return "gcov"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", required=True)
    ap.add_argument("--gcda", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--kdir")
    ap.add_argument("--gcov")
    a = ap.parse_args()

    bdir = os.path.abspath(a.build)	# as compiled: M=$(TOP)/.build/...
    objdir = os.path.join(bdir, "kmod")
    work = os.path.join(a.out, "gcov")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    tool = gcov_tool(a.kdir, a.gcov)

    # The guest's copy mirrors the build dir's absolute path.
    guest = os.path.join(a.gcda, objdir.lstrip("/"))
    units = []
    missing = []
    for gcno in sorted(glob.glob(os.path.join(objdir, "*.gcno"))):
        unit = os.path.basename(gcno)[:-len(".gcno")]
        if unit.endswith(".mod"):	# ftalias.mod.c: modpost's, not ours
            continue
        shutil.copy(gcno, work)
        gcda = os.path.join(guest, unit + ".gcda")
        if os.path.exists(gcda):
            shutil.copy(gcda, work)
        else:
            missing.append(unit)
        units.append(unit)
    if not units:
        sys.exit("coverage: no .gcno in %s: is the module built with "
                 "FTALIAS_GCOV=1 against the gcov kernel?" % objdir)
    if len(missing) == len(units):
        sys.exit("coverage: no counters from the guest under %s (did the "
                 "guest die before it copied them?)" % guest)

    lines = collections.defaultdict(int)	# (file, line) -> count
    funcs = collections.defaultdict(int)	# (file, line, name) -> count
    prefix = objdir + "/"
    empty = set()	# units without a line of kmod/
    for unit in units:
        empty.add(unit)
        p = subprocess.run([tool, "-j", "-t", "-o", work, unit + ".c"],
                           cwd=work, capture_output=True, text=True,
                           check=False)
        if p.returncode:
            sys.exit("coverage: %s failed on %s: %s" % (tool, unit, p.stderr))
        for doc in p.stdout.splitlines():
            if not doc.strip():
                continue
            for f in json.loads(doc)["files"]:
                if not f["file"].startswith(prefix):
                    continue
                name = "kmod/" + f["file"][len(prefix):]
                if f["lines"]:
                    empty.discard(unit)
                for ln in f["lines"]:
                    lines[(name, ln["line_number"])] += ln["count"]
                for fn in f["functions"]:
                    funcs[(name, fn["start_line"], fn["name"])] += \
                        fn["execution_count"]

    files = sorted({k[0] for k in lines} | {k[0] for k in funcs})
    src = {}
    for name in files:
        with open(os.path.join(bdir, name), encoding="utf-8",
                  errors="replace") as f:
            src[name] = f.read().split("\n")

    out = []
    w = max(len(n) for n in files) + 2
    out.append("%-*s %15s %8s %13s %8s" %
               (w, "file", "lines", "", "functions", ""))
    tot = [0, 0, 0, 0]
    for name in files:
        lk = [k for k in lines if k[0] == name]
        fk = [k for k in funcs if k[0] == name]
        lr = sum(1 for k in lk if lines[k])
        fr = sum(1 for k in fk if funcs[k])
        row = "%-*s %7d / %-5d %7s %5d / %-5d %7s" % (
            w, name, lr, len(lk), pct(lr, len(lk)),
            fr, len(fk), pct(fr, len(fk)))
        if name in EXCLUDED:
            row += "  excluded"
        else:
            tot = [tot[0] + lr, tot[1] + len(lk),
                   tot[2] + fr, tot[3] + len(fk)]
        out.append(row)
    out.append("%-*s %7d / %-5d %7s %5d / %-5d %7s" % (
        w, "total", tot[0], tot[1], pct(tot[0], tot[1]),
        tot[2], tot[3], pct(tot[2], tot[3])))
    out.append("")
    out.append("Not in the total:")
    for name, why in sorted(EXCLUDED.items()):
        out.append("  %s: %s" % (name, why))
    out.append("  kmod/generated/netlink-gen.c: only data (policies, the ops "
               "table): no line to run")
    out.append("  the FTALIAS_COMPAT_* branches (in compat.c, compat.h, ...): "
               "compiled only for kernels before 6.2, 6.7 or 6.10; the gcov "
               "kernel is a 6.12, so they have no lines here")
    missing = [u for u in missing if u not in empty]
    if missing:
        out.append("  no counters for: %s (counted as never run)" %
                   ", ".join(missing))
    out.append("")

    unrun = sorted((k for k in lines if not lines[k] and k[0] not in EXCLUDED),
                   key=lambda k: (k[0], k[1]))
    out.append("Lines never run (%d):" % len(unrun))
    for name, n in unrun:
        out.append("%s:%d: %s" % (name, n, src[name][n - 1].strip()
                                  if n <= len(src[name]) else "?"))
    uncalled = sorted((k for k in funcs if not funcs[k] and
                       k[0] not in EXCLUDED), key=lambda k: (k[0], k[1]))
    out.append("")
    out.append("Functions never called (%d):" % len(uncalled))
    for name, n, fn in uncalled:
        out.append("%s:%d: %s() never called" % (name, n, fn))

    text = "\n".join(out) + "\n"
    report = os.path.join(a.out, "report.txt")
    with open(report, "w", encoding="utf-8") as f:
        f.write(text)
    sys.stdout.write(text)
    print("coverage: report in %s (gcov: %s)" % (report, tool))


def pct(n, d):
    return "%.1f%%" % (100.0 * n / d) if d else "-"


if __name__ == "__main__":
    main()
