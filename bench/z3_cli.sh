#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# irqspec's BMC against the z3 command line on the very queries irqspec
# dumped (--dump-smt2): the overhead of lowering, unrolling and replay.
# Goal: irqspec within 1.2 x raw z3.
#
#   bench/z3_cli.sh [MODEL [CHECK [DEPTH]]]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
irqspec=${IRQSPEC_BUILD_DIR:-$root/build}/tools/irqspec/irqspec
model=${1:-$root/models/irqbypass.irqspec}
check=${2:-era_c}
depth=${3:-8}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
start=$(date +%s.%N)
"$irqspec" verify-specs "$model" --check "$check" --engine bmc --depth "$depth" --jobs 1 \
	--dump-smt2 "$work" >/dev/null 2>&1 || true
mid=$(date +%s.%N)
for f in "$work"/*.smt2; do
	z3 -smt2 "$f" >/dev/null
done
end=$(date +%s.%N)
irq=$(echo "$mid - $start" | bc)
raw=$(echo "$end - $mid" | bc)
printf 'model %s, check %s, BMC to depth %s\n' "$(basename "$model")" "$check" "$depth"
printf '%-24s %8.2f s\n' "irqspec --engine bmc" "$irq"
printf '%-24s %8.2f s\n' "z3 CLI on its queries" "$raw"
printf '%-24s %8.2f\n' "ratio" "$(echo "$irq / $raw" | bc -l)"
