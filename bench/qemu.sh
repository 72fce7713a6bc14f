#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Wall time of the whole qemu target (both models, Debian's 6.1 and 6.12)
# with warm caches: one run warms them (fetched kernels, built modules and
# programs), then RUNS runs are timed; the boot part is read from each
# boot's console log. Goal: <= 30 s for both kernels, warm.
#
#   bench/qemu.sh [RUNS] [ARCH]      (default 3 x86_64)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${IRQSPEC_BUILD_DIR:-$root/build}
irqspec=$build/tools/irqspec/irqspec
runs=${1:-3}
arch=${2:-x86_64}
cd "$root"
"$irqspec" conform --target qemu --arch "$arch" >/dev/null 2>&1 || true
printf '%-4s %10s %6s  %s\n' run seconds exit "slowest boot (guest uptime at done, s)"
n=1
while [ "$n" -le "$runs" ]; do
	start=$(date +%s.%N)
	status=0
	"$irqspec" conform --target qemu --arch "$arch" >/dev/null 2>&1 || status=$?
	end=$(date +%s.%N)
	slowest=$(grep -h "irqspec: done" "$build"/conform/qemu/boot-"$arch"-*/*/console.log 2>/dev/null |
		sed 's/^\[ *\([0-9.]*\)\].*/\1/' | sort -n | tail -1)
	printf '%-4s %10.2f %6d  %s\n' "$n" "$(echo "$end - $start" | bc)" "$status" "${slowest:-?}"
	n=$((n + 1))
done
