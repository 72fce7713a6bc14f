#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Engine differential on many random models: explicit (the reference), BMC
# with Z3 and CVC5, k-induction, and with --chc also Spacer. Prints every
# disagreement and a summary line; exit 1 if any.
#
#   bench/differential.sh [FIRST_SEED [COUNT [--chc]]]      (defaults: 100000 2000)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${IRQSPEC_BUILD_DIR:-$root/build}
cmake --build "$build" --target irqspec-differential >/dev/null
exec "$build/bench/irqspec-differential" "${1:-100000}" "${2:-2000}" ${3:+"$3"}
