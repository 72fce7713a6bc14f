#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The same irqbypass model (pairing and 1:1, Era C) with SPIN (bench/spin/
# irqbypass.pml: spin -a, cc, ./pan, exhaustive) and with irqspec, side by
# side per N, in one run: wall times and the ratio irqspec / SPIN.
# Goal: <= 0.1 x SPIN's time at the largest N SPIN finishes.
#
#   bench/spin_compare.sh [MAX_N [TIMEOUT_S [ENGINE]]]   (defaults: 5, 600, auto)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
irqspec=${IRQSPEC_BUILD_DIR:-$root/build}/tools/irqspec/irqspec
max=${1:-5}
limit=${2:-600}
engine=${3:-auto}
command -v spin >/dev/null || { echo "spin is not installed (apt-get install spin)"; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sed -e '/^check era_c {/,$d' "$root/models/irqbypass.irqspec" >"$work/irqbypass.irqspec"
cat >>"$work/irqbypass.irqspec" <<'CHECK'
check scaling {
  set ERA = ERA_C;
  expect pairing holds;
  expect one_to_one holds;
  expect list_intact violated;  // the unregister-by-token hazard, found on the way
}
CHECK
printf '%3s %12s %12s %12s %8s\n' N "spin states" "spin s" "irqspec s" ratio
n=2
while [ "$n" -le "$max" ]; do
	cd "$work"
	start=$(date +%s.%N)
	spin_ok=1
	if spin -DN="$n" -a "$root/bench/spin/irqbypass.pml" >/dev/null 2>&1 &&
	   cc -O2 -DSAFETY -DMEMLIM=16384 -DVECTORSZ=4096 -o pan pan.c >/dev/null 2>&1 &&
	   timeout "$limit" ./pan -m10000000 >pan.out 2>&1; then
		:
	else
		spin_ok=0
	fi
	end=$(date +%s.%N)
	spin_s=$(echo "$end - $start" | bc)
	states=$(awk '/states, stored/ { print $1; exit }' pan.out 2>/dev/null || echo "?")
	grep -q "errors: 0" pan.out 2>/dev/null || spin_ok=0
	start=$(date +%s.%N)
	status=0
	timeout "$limit" "$irqspec" verify-specs "$work/irqbypass.irqspec" --check scaling \
		--engine "$engine" --set "NP=$n" --set "NC=$n" --set "NT=$n" >irq.out 2>&1 || status=$?
	end=$(date +%s.%N)
	irq_s=$(echo "$end - $start" | bc)
	if [ "$spin_ok" -eq 1 ] && [ "$status" -eq 0 ]; then
		ratio=$(echo "$irq_s / $spin_s" | bc -l)
		printf '%3d %12s %12.2f %12.2f %8.3f\n' "$n" "$states" "$spin_s" "$irq_s" "$ratio"
	else
		# A side that did not finish shows "-"; the other its time.
		if [ "$spin_ok" -eq 1 ]; then spin_s=$(printf '%.2f' "$spin_s"); else spin_s="-"; fi
		if [ "$status" -eq 0 ]; then irq_s=$(printf '%.2f' "$irq_s"); else irq_s="-"; fi
		printf '%3d %12s %12s %12s %8s\n' "$n" "${states:-?}" "$spin_s" "$irq_s" "-"
	fi
	n=$((n + 1))
done
