#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run-selftest.sh [OUTDIR] - build the harness and selftest.c, run it
# against the running kernel and check its KTAP output: every test passes
# except the must_fail_* ones, which fail with their report. Exit status:
# 0 good, 1 not, 4 skipped (no usable /dev/kvm).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$(mktemp -d)}
"$here/build.sh" "$out" >/dev/null
rc=0
"$out/selftest" >"$out/selftest.tap" || rc=$?
cat "$out/selftest.tap"
[ $rc -eq 4 ] && { echo "selftest: skipped"; exit 4; }
bad=0
for name in $("$out/selftest" -l); do
	case $name in
	must_fail_*) grep -Eq "^not ok [0-9]+ $name\$" "$out/selftest.tap" ||
		{ echo "$name did not fail"; bad=1; } ;;
	*) grep -Eq "^ok [0-9]+ $name\$" "$out/selftest.tap" ||
		{ echo "$name did not pass"; bad=1; } ;;
	esac
done
for want in 'file_add: want 0, got -22 \(-EINVAL\)' 'callback log mismatch' \
	    '^KTAP version 1$'; do
	grep -Eq -- "$want" "$out/selftest.tap" ||
		{ echo "no line matching '$want'"; bad=1; }
done
[ $rc -eq 1 ] || { echo "exit status $rc, want 1"; bad=1; }
[ $bad -eq 0 ] && echo "selftest: harness behaves as expected"
exit $bad
