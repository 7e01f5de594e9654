#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Smoke test of the harness: the module is loaded and exposes its
# "family" parameter.
ksft_skip=4

if [[ ! -d /sys/module/ftalias ]]; then
	echo "ftalias is not loaded"
	exit 1
fi
p=/sys/module/ftalias/parameters/family
if [[ ! -r $p ]]; then
	echo "$p is missing or unreadable"
	exit 1
fi
if ! family=$(cat "$p"); then
	echo "cannot read $p"
	exit 1
fi
echo "family=$family"
[[ -n $family ]] || { echo "empty family name"; exit 1; }
[[ -n ${FTALIAS_KO:-} ]] || exit $ksft_skip
exit 0
