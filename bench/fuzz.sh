#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Long fuzzing runs of the whole front end and the explicit engine (the
# libFuzzer target tests/fuzz/fuzz_pipeline.cpp, built with clang, ASan and
# UBSan). Findings are written to $IRQSPEC_BUILD_DIR/fuzz-findings; add each
# one to tests/fuzz/regressions once fixed.
#
#   bench/fuzz.sh [SECONDS [JOBS]]      (defaults: 3600 s, 2 jobs)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${IRQSPEC_BUILD_DIR:-$root/build}
seconds=${1:-3600}
jobs=${2:-2}
cmake --build "$build" --target irqspec_fuzz_build >/dev/null
fuzzer=$build/fuzz/tests/fuzz/irqspec-fuzz
corpus=$build/fuzz-corpus
findings=$build/fuzz-findings
mkdir -p "$corpus" "$findings"
start=$(date +%s)
status=0
# A unit is slow (written to the findings) only where it would also be a
# hang: under ASan and a loaded machine the library's largest models take
# seconds, which is no bug.
"$fuzzer" -max_total_time="$seconds" -timeout=20 -report_slow_units=20 -rss_limit_mb=4096 -jobs="$jobs" \
	-workers="$jobs" -artifact_prefix="$findings/" -print_final_stats=1 \
	-dict="$root/tests/fuzz/irqspec.dict" "$corpus" "$root/models" \
	"$root/tests/data/good" "$root/tests/data/bad" "$root/tests/data/known" \
	"$root/tests/fuzz/regressions" >"$build/fuzz.log" 2>&1 || status=$?
end=$(date +%s)
execs=$(grep -h "stat::number_of_executed_units" "$build"/fuzz*.log fuzz-*.log 2>/dev/null |
	awk '{ n += $2 } END { print n + 0 }')
found=$(find "$findings" -type f | wc -l)
rm -f fuzz-*.log
echo "fuzzing: $((end - start)) s, $jobs jobs, $execs executions, $found findings in $findings"
[ "$found" -eq 0 ] && [ "$status" -eq 0 ]
