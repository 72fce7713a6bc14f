#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# `irqspec gate --format junit|sarif` on models/oneshot_forwarding.irqspec
# and a model with an unmet expectation (lost_edge, its lost edge expected
# not to happen), with the host-kvm target: exit 1 both times, and both
# documents read back with the unmet expectation in them.
#
#   ci-formats.sh IRQSPEC SOURCE_DIR
set -eu
irqspec=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sed 's/expect no_lost_edge violated;/expect no_lost_edge holds;/' \
	"$src/tests/data/known/lost_edge.irqspec" >"$work/lost_edge_unmet.irqspec"
for format in junit sarif; do
	status=0
	"$irqspec" gate --format "$format" --target host-kvm "$work/lost_edge_unmet.irqspec" \
		"$src/models/oneshot_forwarding.irqspec" >"$work/gate.$format" 2>"$work/err" || status=$?
	if [ "$status" -ne 1 ]; then
		echo "ci-formats: gate --format $format exited $status, not 1"
		cat "$work/err"
		exit 1
	fi
	grep -q "^gate: FAIL (exit 1)" "$work/err" || { echo "no gate verdict on stderr"; exit 1; }
	python3 "$src/tests/tools/check_ci_formats.py" "$format" "$work/gate.$format" no_lost_edge
done
