#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# run-demos.sh [OUTDIR] - build the harness and run the demo programs, each
# with its default 20 repetitions, and summarise by kselftest exit code
# (0 pass, 1 fail, 4 skip).  Full KTAP output goes to OUTDIR/<demo>.tap.
# Exits 1 if any demo failed, else 0.
set -u

here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$(mktemp -d /tmp/host-kvm-demos.XXXXXX)}

"$here/build.sh" "$out" >/dev/null || { echo "build failed"; exit 1; }

pass=0 fail=0 skip=0
for demo in demo_pic_oneshot demo_pic_non_oneshot demo_ioapic_unmask; do
	"$out/$demo" >"$out/$demo.tap" 2>&1
	rc=$?
	case $rc in
	0) pass=$((pass + 1)); verdict=PASS ;;
	4) skip=$((skip + 1)); verdict=SKIP ;;
	*) fail=$((fail + 1)); verdict="FAIL (exit $rc)" ;;
	esac
	totals=$(grep '^# Totals' "$out/$demo.tap" || grep '^1\.\.0' "$out/$demo.tap")
	printf '%-22s %s  %s\n' "$demo" "$verdict" "$totals"
	grep -E '^not ok|# SKIP|^Bail out' "$out/$demo.tap" | sed 's/^/    /'
done
echo "KTAP output in $out"
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
