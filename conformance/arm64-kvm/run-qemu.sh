#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run-qemu.sh [--cache DIR] [--work DIR] [--reps N] [--repeat N] [--irqspec BIN] [--no-gen] [VERSION...]
#
# The arm64 KVM harness end to end, on Debian's arm64 kernels (default 6.1
# and 6.12) booted under QEMU TCG with the conformance/qemu scripts:
#  1. builds libkvm-harness.a and the demos (build.sh, aarch64, -static);
#  2. generates the host-kvm suites that run on arm64 with irqspec gen-tests
#     (oneshot_forwarding: vgic, vgic_unmask_path, vgic_not_oneshot, and the
#     vgic reproducer from its counterexample; gic_forwarding: one_guest)
#     and builds them against the harness, unchanged;
#  3. builds the hand-written gic_forwarding_kvm_test;
#  4. for each kernel: fetch-kernel.sh, one payload with every program in
#     run.list, make-initramfs.sh, one boot (boot.sh --lock: one VM at a
#     time), and prints what every program's KTAP said.
#
# --reps N: demo repetitions (-n, default 20); --repeat N: IRQSPEC_REPEAT
# for the generated and hand-written suites (default 20).  --no-gen: skip
# step 2 (no irqspec binary needed).
#
# Expected: every program exits 0 on both kernels (the binding says every
# kernel implements these variants), except the negative controls neg_*
# (suites of vgic_hw, vgic_hw_unmask_path, ioapic_63, ioapic_63_unmask_path
# pointed at the irqfd SPI), which must exit 1.  Exit status: 0 as
# expected, 1 otherwise, 2 usage.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
qemu=$top/conformance/qemu
# shellcheck disable=SC2034 # used by lib.sh
q_prog=run-qemu.sh
# shellcheck source=../qemu/lib.sh
. "$qemu/lib.sh"

usage() {
	echo "usage: run-qemu.sh [--cache DIR] [--work DIR] [--reps N] [--repeat N] [--irqspec BIN] [--no-gen] [VERSION...]   (VERSION: 6.1 6.12)" >&2
	exit 2
}

cache=${IRQSPEC_QEMU_CACHE:-$top/build/qemu-cache}
work=$top/build/arm64-kvm
reps=20
repeat=20
irqspec=$top/build/tools/irqspec/irqspec
gen=1
versions=()
while [ $# -gt 0 ]; do
	case $1 in
	--cache) cache=${2:-} && shift ;;
	--work) work=${2:-} && shift ;;
	--reps) reps=${2:-} && shift ;;
	--repeat) repeat=${2:-} && shift ;;
	--irqspec) irqspec=${2:-} && shift ;;
	--no-gen) gen=0 ;;
	-h | --help | -*) usage ;;
	*) versions+=("$1") ;;
	esac
	shift
done
{ [[ $reps =~ ^[0-9]+$ ]] && [ "$reps" -gt 0 ]; } || usage
{ [[ $repeat =~ ^[0-9]+$ ]] && [ "$repeat" -gt 0 ]; } || usage
[ ${#versions[@]} -gt 0 ] || versions=(6.1 6.12)
mkdir -p "$work"
work=$(cd "$work" && pwd)
lock=${IRQSPEC_QEMU_LOCK:-/tmp/irqspec-qemu.lock}

# ------------------------------------------------------------- programs
t=$(q_now_ms)
"$here/build.sh" "$work/bin" >/dev/null || q_die 1 "building the harness and demos failed"
demos=()
for f in "$here"/demo_*.c; do
	demos+=("$(basename "$f" .c)")
done
suites=()
build_suite() {	# build_suite FILE.c: against the harness, unchanged
	local name
	name=$(basename "$1" .c)
	aarch64-linux-gnu-gcc -static -O2 -g -std=gnu11 -Wall -I"$here" -I"$here/../common" "$1" \
		"$work/bin/libkvm-harness.a" -o "$work/bin/$name" ||
		q_die 1 "cannot build $1 against the arm64 harness"
	suites+=("$name")
}
build_suite "$here/gic_forwarding_kvm_test.c"
if [ "$gen" = 1 ]; then
	[ -x "$irqspec" ] || q_die 2 "no irqspec binary at $irqspec (--irqspec, or --no-gen)"
	rm -rf "$work/gen"
	mkdir -p "$work/gen/repro"
	for c in vgic vgic_unmask_path vgic_not_oneshot; do
		"$irqspec" gen-tests "$top/models/oneshot_forwarding.irqspec" --target host-kvm \
			--check "$c" -o "$work/gen" >/dev/null 2>&1 ||
			q_die 1 "gen-tests --check $c failed"
	done
	"$irqspec" gen-tests "$top/models/oneshot_forwarding.irqspec" --target host-kvm \
		--check vgic --from-counterexample -o "$work/gen/repro" >/dev/null 2>&1 ||
		q_die 1 "gen-tests --check vgic --from-counterexample failed"
	mv "$work/gen/repro/oneshot_forwarding_vgic_kvm_test.c" \
		"$work/gen/oneshot_forwarding_vgic_repro_kvm_test.c"
	"$irqspec" gen-tests "$top/models/gic_forwarding.irqspec" --target host-kvm \
		--check one_guest -o "$work/gen" >/dev/null 2>&1 ||
		q_die 1 "gen-tests of gic_forwarding failed"
	for f in "$work"/gen/*_kvm_test.c; do
		build_suite "$f"
	done
	# Negative controls: the suites of variants the vGIC does not implement
	# (the HW-mapped re-sample, the v6.3 IOAPIC resample at unmask), pointed
	# at the irqfd SPI by a scratch copy of the binding; they must diverge.
	mkdir -p "$work/neg"
	python3 - "$top/models/oneshot_forwarding.host-kvm.json" "$work/neg/binding.json" <<'PY' ||
import json, sys
b = json.load(open(sys.argv[1]))
for k in ("vgic_hw", "vgic_hw_unmask_path", "ioapic_63", "ioapic_63_unmask_path"):
    b["variants"][k] = {"config": "{ .chip = KH_CHIP_VGIC }", "kernels": "none"}
json.dump(b, open(sys.argv[2], "w"), indent=1)
PY
		q_die 1 "cannot write the negative controls' binding (python3)"
	for c in vgic_hw vgic_hw_unmask_path ioapic_63 ioapic_63_unmask_path; do
		"$irqspec" gen-tests "$top/models/oneshot_forwarding.irqspec" --target host-kvm \
			--binding "$work/neg/binding.json" --check "$c" -o "$work/neg" >/dev/null 2>&1 ||
			q_die 1 "gen-tests --check $c (negative control) failed"
		mv "$work/neg/oneshot_forwarding_${c}_kvm_test.c" "$work/neg/neg_${c}_kvm_test.c"
		build_suite "$work/neg/neg_${c}_kvm_test.c"
	done
fi
echo "arm64: harness, ${#demos[@]} demos and ${#suites[@]} suites built (static) in $(q_secs "$t") s"

bad=0
for v in "${versions[@]}"; do
	t=$(q_now_ms)
	kdir=$("$qemu/fetch-kernel.sh" "$cache" arm64 "$v") || {
		echo "arm64 $v: fetch-kernel.sh failed"
		bad=1
		continue
	}
	t_fetch=$(q_secs "$t")
	p=$work/payload-$v
	rm -rf "$p"
	mkdir -p "$p"
	{
		echo "# run-qemu.sh, arm64 $v"
		echo "timeout 900"
		for d in "${demos[@]}"; do
			cp "$work/bin/$d" "$p/"
			echo "prog $d $d -n $reps"
		done
		for s in "${suites[@]}"; do
			cp "$work/bin/$s" "$p/"
			echo "sh $s IRQSPEC_REPEAT=$repeat ./$s"
		done
	} >"$p/run.list"
	t=$(q_now_ms)
	"$qemu/make-initramfs.sh" --arch arm64 --modules-dir "$kdir/modules" --kvm \
		--payload "$p" -o "$work/$v.cpio.gz" --cache "$cache" 2>"$work/$v.initramfs.err" || {
		cat "$work/$v.initramfs.err"
		bad=1
		continue
	}
	t_initrd=$(q_secs "$t")
	t=$(q_now_ms)
	rc=0
	nice "$qemu/boot.sh" --arch arm64 --kernel "$kdir/vmlinuz" --initrd "$work/$v.cpio.gz" \
		--timeout 1800 --log "$work/$v.console.log" --out "$work/$v.out" \
		--lock "$lock" 2>"$work/$v.boot.err" || rc=$?
	t_boot=$(q_secs "$t")
	kvm=$(awk '$1 == "@@irqspec" && $2 == "kvm" { print $3 }' "$work/$v.out")
	echo "arm64 $v: $(cat "$kdir/KERNELRELEASE") ($(cat "$kdir/KERNELVERSION")): fetch $t_fetch s, initramfs $t_initrd s, boot to done $t_boot s (boot.sh exit $rc), /dev/kvm ${kvm:-?}"
	if [ "$rc" != 0 ]; then
		sed 's/^/    /' "$work/$v.boot.err"
		bad=1
		continue
	fi
	[ "$kvm" = yes ] || bad=1
	for d in "${demos[@]}" "${suites[@]}"; do
		line=$("$qemu/extract.sh" "$work/$v.out" --list | awk -v n="$d" '$1 == n')
		st=$(echo "$line" | awk '{ print $3 }')
		secs=$(grep -m1 "^@@irqspec end $d " "$work/$v.out" | sed -n 's/.* time=\([0-9.]*\).*/\1/p')
		"$qemu/extract.sh" "$work/$v.out" --item "$d" >"$work/$v.$d.tap" || true
		totals=$(grep -m1 '^# Totals' "$work/$v.$d.tap" || grep -m1 '^1\.\.0' "$work/$v.$d.tap" ||
			awk '/^ok / { o++ } /^not ok / { n++ } /^Bail out/ { b = ", Bail out!" }
				END { printf "no Totals: %d ok, %d not ok%s", o, n, b }' "$work/$v.$d.tap")
		want=0
		case $d in neg_*) want=1 ;; esac
		verdict="as expected"
		if [ "$st" != "$want" ]; then
			verdict="UNEXPECTED (want exit $want)"
			bad=1
		fi
		printf '  %-48s exit %-3s %6ss  %s  -- %s\n' "$d" "${st:-?}" "${secs:-?}" \
			"${totals#\# }" "$verdict"
		grep -E '^not ok|^Bail out' "$work/$v.$d.tap" | sed -E 's/^not ok [0-9]+ /not ok /; s/ run [0-9]+$//' |
			sort | uniq -c | sed 's/^ */      /' || true
		# the first diverging step: what the kernel did instead
		awk '/the kernel.s log differs/ { step = $0; diff = ""; next }
			step != "" && /^#   [-+] / { diff = diff " [" substr($0, 5) "]"; next }
			step != "" && /^not ok/ { print "      " $0 ": " substr(step, 3) diff; step = "" }' \
			"$work/$v.$d.tap" | sort -u || true
	done
done
echo "outputs in $work"
exit "$bad"
