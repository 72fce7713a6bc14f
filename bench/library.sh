#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Wall time to verify the whole model library (every check to a verdict), per
# engine, in one run. Goal: the default engine within 5 s.
#
#   bench/library.sh [ENGINES...]      (default: auto explicit chc)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
irqspec=${IRQSPEC_BUILD_DIR:-$root/build}/tools/irqspec/irqspec
[ $# -eq 0 ] && set -- auto explicit chc
cd "$root"
printf '%-10s %10s %8s  %s\n' engine seconds exit summary
for engine in "$@"; do
	start=$(date +%s.%N)
	status=0
	out=$("$irqspec" verify-specs models/ --engine "$engine" 2>&1) || status=$?
	end=$(date +%s.%N)
	summary=$(printf '%s\n' "$out" | tail -1)
	printf '%-10s %10.2f %8d  %s\n' "$engine" "$(echo "$end - $start" | bc)" "$status" "$summary"
done
