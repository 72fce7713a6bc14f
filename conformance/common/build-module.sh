#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# build-module.sh HARNESS_DIR KDIR TEST_C OUTDIR [ARCH]
#
# Build the test module of a kernel-module harness (HARNESS_DIR: one of
# conformance/irqbypass-kmod, conformance/genirq-kmod) from TEST_C, a file
# written by `irqspec gen-tests --target kernel-src` with that harness's
# binding, against the kernel headers in KDIR (a tree usable as
# `make -C KDIR M=...`: ../qemu/fetch-kernel.sh's headers/, or an
# installed /usr/src/linux-headers-KREL).  The module's name is the
# obj-m of HARNESS_DIR/Kbuild.  OUTDIR receives the harness sources with
# the shared ones of this folder (KMOD_COMMON below), the
# Kbuild files, TEST_C as generated_test.c, the build log (build.log) and
# the module.  Each harness folder's build-module.sh runs this one.
#
# ARCH is the kernel's architecture: x86_64 or arm64.  Without the
# argument, the environment's ARCH is used, else the host's.  A foreign
# ARCH is cross-built: arm64 with ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-
# (package gcc-aarch64-linux-gnu), x86_64 with ARCH=x86
# CROSS_COMPILE=x86_64-linux-gnu-.  KDIR must be headers of that ARCH.
#
# On success prints the absolute path of OUTDIR/MODULE.ko and exits 0.  On
# a build failure prints build.log to stderr and exits 1.  Wrong
# arguments: usage, exit 2.
#
# Environment: KCFLAGS (passed to kbuild, e.g. KCFLAGS=-Werror), MAKE_JOBS
# (default 2), ARCH (see above), CROSS_COMPILE (overrides the prefix of a
# cross build).
set -euo pipefail

usage() {
	echo "usage: $0 HARNESS_DIR KDIR TEST_C OUTDIR [x86_64|arm64]" >&2
	exit 2
}
[ $# -ge 1 ] && [ -f "$1/Kbuild" ] || usage
harness=$(cd "$1" && pwd)
shift
[ $# -eq 3 ] || [ $# -eq 4 ] || usage
kdir=$1
test_c=$2
out=$3
common=$(cd "$(dirname "$0")" && pwd)
# What a module harness takes from here (kmod.mk lists the same for make).
KMOD_COMMON="irqspec_main.c h_api.h h_checks.h h_checks.c h_ibobj.h h_ibobj.c
	h_irqbypass.h h_irqbypass_selftest.h h_kmod.h h_kmod.c ktap.h ktap.c"
module=$(sed -n 's/^obj-m[[:space:]]*:=[[:space:]]*\(.*\)\.o$/\1/p' "$harness/Kbuild")
[ -n "$module" ] || { echo "$0: $harness/Kbuild: no obj-m" >&2; exit 2; }

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
for f in Kbuild Makefile harness.h harness.c; do
	cp "$harness/$f" "$out/$f"
done
for f in $KMOD_COMMON; do
	cp "$common/$f" "$out/$f"
done
# Not a symlink: a later change of TEST_C must not change this build.
cp "$test_c" "$out/generated_test.c"
rm -f "$out/$module.ko"

if make -C "$kdir" M="$out" -j"${MAKE_JOBS:-2}" "${kbuild_args[@]}" modules \
	>"$out/build.log" 2>&1 &&
   [ -f "$out/$module.ko" ]; then
	echo "$out/$module.ko"
	exit 0
fi
echo "$0: build failed; $out/build.log:" >&2
cat "$out/build.log" >&2
exit 1
