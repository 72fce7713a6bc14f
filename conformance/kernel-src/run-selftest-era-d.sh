#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run-selftest-era-d.sh CACHE_DIR TREE
#
# Build the Era D harness around TREE's virt/lib/irqbypass.c and
# include/linux/irqbypass.h (a v6.17+ tree: build-harness.sh recognises it
# by its header), build selftest-era-d.c, run it and check its KTAP output:
# every test passes except the must_fail_* ones, which must fail with
# their report. CACHE_DIR is build-harness.sh's (it still extracts
# linux-source-6.1 for its bookkeeping). Exit status: 0 good, 1 not, 2 usage.
set -euo pipefail

[ $# -eq 2 ] || { echo "usage: $0 CACHE_DIR TREE" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
cache=$1
tree=$(cd "$2" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

IRQBYPASS_INCLUDE=$tree/include WERROR=1 "$here/build-harness.sh" \
	"$cache" 6.1 "$tmp/build" "$tree/virt/lib/irqbypass.c"
[ "$(cat "$tmp/build/ERA")" = D ] ||
	{ echo "$tree: not an Era D irqbypass.h"; exit 1; }
gcc -Wall -Wextra -Werror -I "$tmp/build/include" "$here/selftest-era-d.c" \
	"$tmp/build/libirqbypass-harness.a" -pthread -o "$tmp/selftest"
rc=0
IRQSPEC_TEST_TIMEOUT=2 "$tmp/selftest" >"$tmp/out" || rc=$?
cat "$tmp/out"
bad=0
for name in $("$tmp/selftest" -l); do
	case $name in
	must_fail_*) grep -Eq "^not ok [0-9]+ $name\$" "$tmp/out" ||
		{ echo "$name did not fail"; bad=1; } ;;
	*) grep -Eq "^ok [0-9]+ $name\$" "$tmp/out" ||
		{ echo "$name did not pass"; bad=1; } ;;
	esac
done
for want in '^# ! - +WARN_ON_ONCE\(producer->eventfd\) in irq_bypass_register_producer$' \
	    'register: want -16 \(-EBUSY\), got 0' '\(Era D\)$'; do
	grep -Eq -- "$want" "$tmp/out" ||
		{ echo "no line matching '$want'"; bad=1; }
done
[ $rc -eq 1 ] || { echo "exit status $rc, want 1"; bad=1; }
if [ $bad -eq 0 ]; then
	echo "selftest era D: harness behaves as expected"
else
	echo "selftest era D: FAILED"
fi
exit $bad
