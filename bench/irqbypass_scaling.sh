#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# irqbypass with N producers = consumers = tokens, N = 2..8: time to prove the
# pairing and 1:1 invariants (check era_c), per engine. A cell is "-" when
# the engine did not prove them within the timeout.
#
#   bench/irqbypass_scaling.sh [MAX_N [TIMEOUT_S [ENGINES...]]]
#   (defaults: 8, 120, "chc auto explicit")
# LEMMAS=no deletes the model's four lemmas (tokens_distinct ..
# producer_peer_is_mutual) first: the proofs without hand-written help.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
irqspec=${IRQSPEC_BUILD_DIR:-$root/build}/tools/irqspec/irqspec
max=${1:-8}
timeout=${2:-120}
shift 2 2>/dev/null || shift $#
[ $# -eq 0 ] && set -- chc auto explicit
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The two invariants alone, in a check of their own.
if [ "${LEMMAS:-yes}" = no ]; then
	drop_lemmas='/^\/\/ Lemmas:/,/^invariant producer_peer_is_mutual/d'
else
	drop_lemmas=''
fi
sed -e '/^check era_c {/,$d' -e "$drop_lemmas" "$root/models/irqbypass.irqspec" >"$work/irqbypass.irqspec"
cat >>"$work/irqbypass.irqspec" <<'CHECK'
check scaling {
  set ERA = ERA_C;
  expect pairing holds;
  expect one_to_one holds;
  expect list_intact violated;  // the unregister-by-token hazard, found on the way
}
CHECK
printf '%3s' N
for e in "$@"; do printf ' %12s' "$e"; done
printf '\n'
n=2
while [ "$n" -le "$max" ]; do
	printf '%3d' "$n"
	for e in "$@"; do
		start=$(date +%s.%N)
		status=0
		timeout "$((timeout + 10))" "$irqspec" verify-specs "$work/irqbypass.irqspec" \
			--check scaling --engine "$e" --timeout "$timeout" --jobs 1 \
			--set "NP=$n" --set "NC=$n" --set "NT=$n" >"$work/out" 2>&1 || status=$?
		end=$(date +%s.%N)
		if [ "$status" -eq 0 ]; then
			printf ' %12.2f' "$(echo "$end - $start" | bc)"
		else
			printf ' %12s' "-"
		fi
	done
	printf '\n'
	n=$((n + 1))
done
