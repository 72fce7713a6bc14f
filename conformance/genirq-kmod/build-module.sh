#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# build-module.sh KDIR TEST_C OUTDIR [ARCH]
#
# Build irqspec_genirq_test.ko from TEST_C, a file written by `irqspec
# gen-tests models/genirq_flows.irqspec --binding models/genirq_flows.kmod.json
# --target kernel-src`, against the kernel headers in
# KDIR (a tree usable as `make -C KDIR M=...`: ../qemu/fetch-kernel.sh's
# headers/, or an installed /usr/src/linux-headers-KREL).  OUTDIR receives
# the harness sources, the Kbuild files, TEST_C as generated_test.c, the
# build log (build.log) and the module.
#
# ARCH is the kernel's architecture: x86_64 or arm64.  Without the
# argument, the environment's ARCH is used, else the host's.  A foreign
# ARCH is cross-built: arm64 with ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-
# (package gcc-aarch64-linux-gnu), x86_64 with ARCH=x86
# CROSS_COMPILE=x86_64-linux-gnu-.  KDIR must be headers of that ARCH.
#
# On success prints the absolute path of OUTDIR/irqspec_genirq_test.ko
# and exits 0.  On a build failure prints build.log to stderr and exits 1.
# Wrong arguments: usage, exit 2.
#
# Environment: KCFLAGS (passed to kbuild, e.g. KCFLAGS=-Werror), MAKE_JOBS
# (default 2), ARCH (see above), CROSS_COMPILE (overrides the prefix of a
# cross build).
set -euo pipefail

usage() {
	echo "usage: $0 KDIR TEST_C OUTDIR [x86_64|arm64]" >&2
	exit 2
}
[ $# -eq 3 ] || [ $# -eq 4 ] || usage
kdir=$1
test_c=$2
out=$3
here=$(cd "$(dirname "$0")" && pwd)

norm_arch() {
	case $1 in
	x86_64 | x86 | amd64) echo x86_64 ;;
	arm64 | aarch64) echo arm64 ;;
	*) return 1 ;;
	esac
}
host=$(norm_arch "$(uname -m)") || host=$(uname -m)
arch=${4:-${ARCH:-$host}}
arch=$(norm_arch "$arch") ||
	{ echo "$0: unknown ARCH '${4:-${ARCH:-}}' (want x86_64 or arm64)" >&2; usage; }

[ -f "$kdir/Makefile" ] || { echo "$0: $kdir: no Makefile" >&2; exit 2; }
[ -f "$test_c" ] || { echo "$0: $test_c: no such file" >&2; exit 2; }

# The caller's ARCH and CROSS_COMPILE must not reach kbuild as they are.
cross=${CROSS_COMPILE:-}
unset ARCH CROSS_COMPILE
kbuild_args=()
if [ "$arch" != "$host" ]; then
	case $arch in
	arm64) kbuild_args=(ARCH=arm64 "CROSS_COMPILE=${cross:-aarch64-linux-gnu-}") ;;
	x86_64) kbuild_args=(ARCH=x86 "CROSS_COMPILE=${cross:-x86_64-linux-gnu-}") ;;
	esac
fi
# Debian's 6.12 headers ship a vmlinux, so modules get BTF, which needs
# pahole (package pahole).  Without it, build without module BTF.
if [ -f "$kdir/vmlinux" ] && ! command -v pahole >/dev/null; then
	echo "$0: warning: no pahole: building without module BTF" >&2
	kbuild_args+=(CONFIG_DEBUG_INFO_BTF_MODULES=)
fi

mkdir -p "$out"
out=$(cd "$out" && pwd)
for f in Kbuild Makefile harness.h harness.c irqspec_main.c; do
	cp "$here/$f" "$out/$f"
done
# Not a symlink: a later change of TEST_C must not change this build.
cp "$test_c" "$out/generated_test.c"
rm -f "$out/irqspec_genirq_test.ko"

if make -C "$kdir" M="$out" -j"${MAKE_JOBS:-2}" "${kbuild_args[@]}" modules \
	>"$out/build.log" 2>&1 &&
   [ -f "$out/irqspec_genirq_test.ko" ]; then
	echo "$out/irqspec_genirq_test.ko"
	exit 0
fi
echo "$0: build failed; $out/build.log:" >&2
cat "$out/build.log" >&2
exit 1
