#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check-mutants.sh CACHE_DIR [VERSION...]
#
# For each VERSION (default: 6.1 6.12) and each mutate.py operator: write
# the mutant, build the harness with it (WERROR=1) and run the hand-written
# selftest.c cases (not the must_fail_* ones) against it.  Prints one line
# per mutant:
#	VERSION OPERATOR detectable|equivalent killed|survived
# The self-test is no conformance suite, so survivors are expected; this
# script checks that every operator applies and builds, and gives a first
# idea of what is killable.  Exit status: 0 every mutant built and ran,
# 1 an operator did not apply or a mutant did not build, 2 usage.
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

bad=0
for v in "${versions[@]}"; do
	src=$("$here/fetch-source.sh" "$cache" "$v")
	"$here/mutate.py" --list >"$tmp/ops"
	while IFS=$'\t' read -r name kind _; do
		b=$tmp/$v-$name
		if ! "$here/mutate.py" "$name" "$src/virt/lib/irqbypass.c" \
				"$tmp/$v-$name.c" ||
		   ! WERROR=1 "$here/build-harness.sh" "$cache" "$v" "$b" \
				"$tmp/$v-$name.c" >"$tmp/log" 2>&1 ||
		   ! gcc -I "$b/include" -I "$here/../common" "$here/selftest.c" \
				"$b/libirqbypass-harness.a" -pthread \
				-o "$b/selftest" 2>>"$tmp/log"; then
			cat "$tmp/log" >&2
			echo "$v $name $kind BUILD-FAILED"
			bad=1
			continue
		fi
		args=()
		for t in $("$b/selftest" -l); do
			[[ $t == must_fail_* ]] || args+=(-t "$t")
		done
		if IRQSPEC_TEST_TIMEOUT=2 "$b/selftest" "${args[@]}" \
				>"$b/out" 2>&1; then
			echo "$v $name $kind survived"
		else
			echo "$v $name $kind killed"
		fi
	done <"$tmp/ops"
done
exit $bad
