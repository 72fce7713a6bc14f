#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# build.sh OUTDIR - build libkvm-harness.a (aarch64) and the demo programs,
# linked -static, into OUTDIR.
#
# Needs the cross compiler and C library of Debian's gcc-aarch64-linux-gnu
# and libc6-dev-arm64-cross (<linux/kvm.h> for arm64 comes with the latter).
# kh_guest.S is assembled by gcc -c into the library as data.  What every
# architecture shares (the VM's life, the vCPU's runs, the played device
# and VFIO, the observation log, KTAP) is ../common/kh_*.c with
# ../common/ktap.c, compiled against this folder's kvm_harness.h by
# ../common/build-kvm-lib.sh.  A
# generated test links as:
#   aarch64-linux-gnu-gcc -static -I<this dir> -I<this dir>/../common test.c \
#	OUTDIR/libkvm-harness.a
set -eu

here=$(cd "$(dirname "$0")" && pwd)
out=${1:?usage: build.sh OUTDIR}
CC=${CC:-aarch64-linux-gnu-gcc}
AR=${AR:-aarch64-linux-gnu-ar}
CFLAGS=${CFLAGS:--O2 -g -std=gnu11 -Wall -Wextra -Werror}

common=$here/../common
inc="-I$here -I$common"

CC=$CC AR=$AR CFLAGS=$CFLAGS "$common/build-kvm-lib.sh" "$here" "$out"

for src in "$here"/demo_*.c; do
	demo=$(basename "$src" .c)
	# shellcheck disable=SC2086
	"$CC" $CFLAGS -static $inc "$here/$demo.c" "$out/libkvm-harness.a" \
		-o "$out/$demo"
done
echo "built $out/libkvm-harness.a and demos in $out"
