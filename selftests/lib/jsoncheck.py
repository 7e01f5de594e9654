# SPDX-License-Identifier: GPL-2.0
"""Helpers of the JSON checks in the ftalias shell selftests.

A test runs one python3 for all its checks:
    /usr/bin/python3 - "$tmp" "$lib_dir" <<'EOF'
    import sys; sys.path.insert(0, sys.argv[2])
    from jsoncheck import check, load, aliases, done
"""
import json
import os
import sys

_bad = 0


def check(cond, msg):
    """Note a failed check; the test goes on and fails in done()."""
    global _bad
    if not cond:
        print("# FAIL: " + msg)
        _bad += 1


def load(name):
    """The JSON document in file NAME of the test's directory (argv[1])."""
    with open(os.path.join(sys.argv[1], name)) as f:
        return json.load(f)


def aliases(v):
    """ftaliasctl -j alias show prints a JSON array of alias objects."""
    check(isinstance(v, list), "alias show -j is not a JSON array: %r" % (v,))
    return v if isinstance(v, list) else []


def done():
    sys.exit(1 if _bad else 0)
