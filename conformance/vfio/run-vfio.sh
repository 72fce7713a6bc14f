#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run-vfio.sh [--cache DIR] [--work DIR] [--timeout S] [VERSION...]
#
# Boots Debian's x86_64 kernels (default: 6.1 6.12) under QEMU with an
# emulated IOMMU and QEMU's edu device, binds edu to vfio-pci, and runs
# vfio_intx_test (static) four times per boot: PCI 2.3 masking (vfio-pci's
# default) and the exclusive path (vfio-pci reloaded with nointxmask=1),
# each with the unmask ioctl and with the unmask eventfd.  Prints each
# run's KTAP and a matrix of which vfio_intx variant each kernel's trace
# conforms to.
#
# Exit status: 0 every run completed, every userspace observation met the
# model and every kernel conformed to the variant its version implements
# (8b9f128947dd: 6.12.117 yes, 6.1.192 no); 1 otherwise; 2 usage; 3 a
# kernel could not be fetched or the program built.
# Outputs: WORK/V/{console.log,out,ITEM.ktap}.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cache=$root/build/qemu-cache
work=$root/build/vfio-intx
timeout=600
versions=()

usage() {
	echo "usage: $0 [--cache DIR] [--work DIR] [--timeout S] [6.1|6.12]..." >&2
	exit 2
}
while [ $# -gt 0 ]; do
	case $1 in
	--cache) [ $# -ge 2 ] || usage; cache=$2; shift 2 ;;
	--work) [ $# -ge 2 ] || usage; work=$2; shift 2 ;;
	--timeout) [ $# -ge 2 ] || usage; timeout=$2; shift 2 ;;
	6.1 | 6.12) versions+=("$1"); shift ;;
	*) usage ;;
	esac
done
[ ${#versions[@]} -gt 0 ] || versions=(6.1 6.12)
mkdir -p "$work"
work=$(cd "$work" && pwd)

gcc -O2 -g -static -std=gnu11 -Wall -Wextra -Werror -o "$work/vfio_intx_test" \
	"$here/vfio_intx_test.c" || exit 3

dev=0000:00:01.0
bind="echo 1234 11e8 > /sys/bus/pci/drivers/vfio-pci/new_id; sleep 1; ls -l /sys/bus/pci/devices/$dev/driver /sys/bus/pci/devices/$dev/iommu_group; ls /dev/vfio; cat /sys/module/vfio_pci/parameters/nointxmask"
reload="rmmod vfio_pci && modprobe vfio_pci nointxmask=1 && $bind"
items=(pci23_ioctl pci23_eventfd excl_ioctl excl_eventfd)
status=0
summary=$work/summary.txt
: >"$summary"
for v in "${versions[@]}"; do
	k=$("$root/conformance/qemu/fetch-kernel.sh" "$cache" x86_64 "$v") || exit 3
	kver=$(cat "$k/KERNELVERSION")
	b=$work/$v
	rm -rf "$b"
	mkdir -p "$b/payload"
	cp "$work/vfio_intx_test" "$b/payload/"
	cat >"$b/payload/run.list" <<EOF
timeout 120
sh bind_pci23 $bind
prog pci23_ioctl vfio_intx_test --unmask ioctl
prog pci23_eventfd vfio_intx_test --unmask eventfd
sh reload_nointxmask $reload
prog excl_ioctl vfio_intx_test --unmask ioctl
prog excl_eventfd vfio_intx_test --unmask eventfd
sh interrupts grep -i -e vfio -e CPU /proc/interrupts
EOF
	"$root/conformance/qemu/make-initramfs.sh" --arch x86_64 --modules-dir "$k/modules" \
		--module vfio-pci --module vfio_iommu_type1 --payload "$b/payload" \
		--cache "$cache" -o "$b/initrd.gz" 2>"$b/initramfs.log" ||
		{ cat "$b/initramfs.log" >&2; exit 3; }
	rc=0
	nice "$root/conformance/qemu/boot.sh" --arch x86_64 --kernel "$k/vmlinux" \
		--initrd "$b/initrd.gz" --timeout "$timeout" \
		--append intel_iommu=on --append no_timer_check --append log_buf_len=8M \
		--qemu-arg -device --qemu-arg intel-iommu --qemu-arg -device --qemu-arg edu \
		--log "$b/console.log" --out "$b/out" 2>"$b/boot.err" || rc=$?
	if [ "$rc" -ne 0 ]; then
		echo "$0: boot of $v: status $rc" >&2
		cat "$b/boot.err" >&2
		status=1
	fi
	for it in bind_pci23 reload_nointxmask interrupts "${items[@]}"; do
		"$root/conformance/qemu/extract.sh" "$b/out" --item "$it" >"$b/$it.ktap" 2>/dev/null || true
	done
	echo "== $v ($kver)"
	for it in bind_pci23 reload_nointxmask interrupts; do
		echo "-- $it"
		sed 's/^/   /' "$b/$it.ktap"
	done
	for it in "${items[@]}"; do
		st=$("$root/conformance/qemu/extract.sh" "$b/out" --list | awk -v n="$it" '$1 == n {print $3}')
		echo "-- $it (exit ${st:-none})"
		sed 's/^/   /' "$b/$it.ktap"
		[ "${st:-none}" = 0 ] || status=1
		grep '^# variant ' "$b/$it.ktap" | sed "s/^# variant /$kver $it /" >>"$summary" || true
	done
done

echo
echo "matrix (the kernel's trace; userspace saw the same in every variant):"
python3 - "$summary" <<'EOF' || status=1
import re, sys
rows = [l.rstrip("\n") for l in open(sys.argv[1]) if l.strip()]
bad = 0
for r in rows:
    m = re.match(r"(\S+) (\S+) (\S+) \(.*\): (conforms|diverges)", r)
    if not m:
        continue
    kv, item, variant, verdict = m.groups()
    a = [int(x) for x in kv.split(".")]
    has_fix = a >= [6, 12, 117]   # Debian's 6.12.117 carries 8b9f128947dd; 6.1.192 does not
    if variant == "pci23_x86":
        want = "conforms"
    elif variant == "exclusive_x86_61":
        want = "diverges" if has_fix else "conforms"
    else:
        want = "conforms" if has_fix else "diverges"
    met = verdict == want
    bad += not met
    print(f"  {kv:10} {item:14} {variant:18} {verdict:9} expected {want}" + ("" if met else "  <-- UNEXPECTED"))
sys.exit(1 if bad else 0)
EOF
exit "$status"
