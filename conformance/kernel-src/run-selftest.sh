#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run-selftest.sh CACHE_DIR [VERSION...]
#
# Build the harness (build-harness.sh) and selftest.c for each VERSION
# (default: 6.1 6.12), run it, and check its KTAP output: every test passes
# except the must_fail_* ones, which must fail with the expected report.
# Sources are fetched into CACHE_DIR; builds go to a temporary directory.
# Exit status: 0 all versions good, 1 otherwise, 2 usage.
set -euo pipefail

[ $# -ge 1 ] || { echo "usage: $0 CACHE_DIR [VERSION...]" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
cache=$1
shift
if [ $# -gt 0 ]; then
	versions=("$@")
else
	versions=(6.1 6.12)
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# check_output VERSION FILE: print problems, return 1 if any
check_output() {
	local v=$1 out=$2 bad=0 name

	head -n1 "$out" | grep -qx 'KTAP version 1' ||
		{ echo "$v: no KTAP header"; bad=1; }
	for name in $("$tmp/selftest-$v" -l); do
		case $name in
		must_fail_*) grep -Eq "^not ok [0-9]+ $name\$" "$out" ||
			{ echo "$v: $name did not fail"; bad=1; } ;;
		*) grep -Eq "^ok [0-9]+ $name\$" "$out" ||
			{ echo "$v: $name did not pass"; bad=1; } ;;
		esac
	done
	for want in 'killed by SIGABRT after list corruption' \
		    'list_del of .*: entry was never added' \
		    'list_del of .*: entry was already deleted' \
		    'expected crash in h_unregister_producer\(1\)' \
		    'callback log mismatch' \
		    '^# ! -  +prod.add_consumer p0 c0$' \
		    '^# ! cons.del_producer c0 p0 +cons.del_producer c0 p1$' \
		    'timeout after 1 s' \
		    'returned, but the model expects a crash' \
		    'last harness events:'; do
		grep -Eq -- "$want" "$out" ||
			{ echo "$v: no line matching '$want'"; bad=1; }
	done
	return $bad
}

pass=0
fail=0
for v in "${versions[@]}"; do
	WERROR=1 "$here/build-harness.sh" "$cache" "$v" "$tmp/build-$v"
	gcc -Wall -Wextra -Werror -I "$tmp/build-$v/include" -I "$here/../common" \
		"$here/selftest.c" "$tmp/build-$v/libirqbypass-harness.a" \
		-pthread -o "$tmp/selftest-$v"
	rc=0
	IRQSPEC_TEST_TIMEOUT=1 "$tmp/selftest-$v" >"$tmp/out-$v" || rc=$?
	cat "$tmp/out-$v"
	if [ $rc -eq 1 ] && check_output "$v" "$tmp/out-$v"; then
		echo "selftest $v: harness behaves as expected"
		pass=$((pass + 1))
	else
		echo "selftest $v: FAILED (exit status $rc)"
		fail=$((fail + 1))
	fi
done
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
