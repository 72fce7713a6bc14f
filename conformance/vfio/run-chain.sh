#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run-chain.sh [--cache DIR] [--work DIR] [--reps N] [--timeout S] [VERSION...]
#
# The whole chain with nothing played (vfio_kvm_chain.c): Debian's x86_64
# kernels (default 6.1 6.12) under QEMU with an emulated IOMMU, QEMU's edu
# device bound to vfio-pci, and KVM inside (nested SVM under TCG).  Runs
# vfio_kvm_chain with vfio-pci's PCI 2.3 masking, then again after
# reloading vfio-pci with nointxmask=1.  Prints each run's KTAP and one
# line per kernel and path.
#
# Exit status: 0 every run did what the kernel's variant of
# models/oneshot_forwarding.irqspec says (6.1: ioapic_61, a spurious
# injection at the guest's unmask; 6.12: ioapic_63, none); 1 otherwise;
# 2 usage; 3 a kernel could not be fetched or the program built.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cache=$root/build/qemu-cache
work=$root/build/vfio-chain
timeout=600
reps=10
versions=()

usage() {
	echo "usage: $0 [--cache DIR] [--work DIR] [--reps N] [--timeout S] [6.1|6.12]..." >&2
	exit 2
}
while [ $# -gt 0 ]; do
	case $1 in
	--cache) [ $# -ge 2 ] || usage; cache=$2; shift 2 ;;
	--work) [ $# -ge 2 ] || usage; work=$2; shift 2 ;;
	--reps) [ $# -ge 2 ] || usage; reps=$2; shift 2 ;;
	--timeout) [ $# -ge 2 ] || usage; timeout=$2; shift 2 ;;
	6.1 | 6.12) versions+=("$1"); shift ;;
	*) usage ;;
	esac
done
[ ${#versions[@]} -gt 0 ] || versions=(6.1 6.12)
mkdir -p "$work"
work=$(cd "$work" && pwd)

"$root/conformance/host-kvm/build.sh" "$work/host-kvm" >/dev/null || exit 3
gcc -O2 -g -static -std=gnu11 -Wall -Wextra -Werror -I"$root/conformance/host-kvm" \
	-I"$root/conformance/common" \
	-o "$work/vfio_kvm_chain" "$here/vfio_kvm_chain.c" "$work/host-kvm/libkvm-harness.a" || exit 3

bind="echo 1234 11e8 > /sys/bus/pci/drivers/vfio-pci/new_id; sleep 1; ls /dev/vfio"
status=0
for v in "${versions[@]}"; do
	k=$("$root/conformance/qemu/fetch-kernel.sh" "$cache" x86_64 "$v") || exit 3
	b=$work/$v
	rm -rf "$b"
	mkdir -p "$b/payload"
	cp "$work/vfio_kvm_chain" "$b/payload/"
	cat >"$b/payload/run.list" <<EOF
timeout 300
sh bind $bind
prog chain_pci23 vfio_kvm_chain --reps $reps
sh reload_nointxmask rmmod vfio_pci && modprobe vfio_pci nointxmask=1 && $bind
prog chain_exclusive vfio_kvm_chain --reps $reps
EOF
	"$root/conformance/qemu/make-initramfs.sh" --arch x86_64 --modules-dir "$k/modules" --kvm \
		--module vfio-pci --module vfio_iommu_type1 --payload "$b/payload" \
		--cache "$cache" -o "$b/initrd.gz" 2>"$b/initramfs.log" ||
		{ cat "$b/initramfs.log" >&2; exit 3; }
	rc=0
	nice "$root/conformance/qemu/boot.sh" --arch x86_64 --kernel "$k/vmlinux" \
		--initrd "$b/initrd.gz" --timeout "$timeout" --append intel_iommu=on --append no_timer_check \
		--qemu-arg -device --qemu-arg intel-iommu --qemu-arg -device --qemu-arg edu \
		--log "$b/console.log" --out "$b/out" 2>"$b/boot.err" || rc=$?
	if [ "$rc" -ne 0 ]; then
		echo "$0: boot of $v: status $rc" >&2
		cat "$b/boot.err" >&2
		status=1
	fi
	for it in chain_pci23 chain_exclusive; do
		"$root/conformance/qemu/extract.sh" "$b/out" --item "$it" >"$b/$it.ktap" 2>/dev/null || true
		st=$("$root/conformance/qemu/extract.sh" "$b/out" --list | awk -v n="$it" '$1 == n {print $3}')
		echo "== $v $it (exit ${st:-none})"
		cat "$b/$it.ktap"
		[ "${st:-none}" = 0 ] || status=1
	done
done
echo
for v in "${versions[@]}"; do
	for it in chain_pci23 chain_exclusive; do
		printf '%-5s %-16s %s; %s\n' "$v" "$it" \
			"$(grep -m1 '^# this kernel implements' "$work/$v/$it.ktap" | sed 's/^# this kernel implements //')" \
			"$(grep '^# variant' "$work/$v/$it.ktap" | sed 's/^# variant //' | tr '\n' ' ')"
	done
done
exit "$status"
