#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Mutation testing of the generated kernel-src suite: every mutation operator
# of conformance/kernel-src/mutate.py is applied to Debian's irqbypass.c, and
# `irqspec conform --source` must reject the mutant (exit 1). Prints one line
# per mutant and the kill rate over the non-equivalent ones.
#
#   bench/mutants.sh [VERSION]        (default 6.1)
# Exit 0 when the kill rate is at least $IRQSPEC_MIN_KILL_RATE (default 95).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${IRQSPEC_BUILD_DIR:-$root/build}
version=${1:-6.1}
irqspec=$build/tools/irqspec/irqspec
scripts=$root/conformance/kernel-src
cache=$build/kernel-src-cache
work=$build/mutants
min=${IRQSPEC_MIN_KILL_RATE:-95}

src=$("$scripts/fetch-source.sh" "$cache" "$version")
mkdir -p "$work"
killed=0 total=0 survivors=""
printf '%-45s %-11s %s\n' "mutant" "class" "result"
python3 "$scripts/mutate.py" --list | while IFS="$(printf '\t')" read -r op class what; do
	dir=$work/$op
	mkdir -p "$dir"
	cp "$src/include/linux/irqbypass.h" "$dir/irqbypass.h"
	python3 "$scripts/mutate.py" "$op" "$src/virt/lib/irqbypass.c" "$dir/irqbypass.c"
	status=0
	"$irqspec" conform --target kernel-src --source "$dir" --kernel-version "$(cat "$src/KERNELVERSION")" --work "$work/conform" \
		--cache "$cache" "$root/models/irqbypass.irqspec" >"$dir/conform.log" 2>&1 || status=$?
	case $status in
	1) result=killed ;;
	0) result=survived ;;
	*) result="error($status)" ;;
	esac
	printf '%-45s %-11s %s\n' "$op" "$class" "$result"
done | tee "$work/results.txt"

# Equivalent mutants cannot be told apart by any black-box test; the rest count.
awk '$2 != "equivalent" && NR > 1 { n++; if ($3 == "killed") k++ }
     $2 == "equivalent" && NR > 1 { e++ }
     END { rate = n ? 100 * k / n : 0;
	   printf "killed %d of %d non-equivalent mutants (%.1f%%); %d equivalent mutants excluded\n", k, n, rate, e;
	   exit !(rate >= '"$min"') }' "$work/results.txt"
