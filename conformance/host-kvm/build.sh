#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# build.sh OUTDIR - build libkvm-harness.a and the demo programs into OUTDIR.
#
# Needs only gcc and the assembler from Debian's binutils (kh_guest.S is
# assembled by gcc -c into the library as data) and <linux/kvm.h> from
# linux-libc-dev.  What every architecture shares (the VM's life, the
# vCPU's runs, the played device and VFIO, the observation log, KTAP) is
# ../common/kh_*.c with ../common/ktap.c, compiled against this folder's
# kvm_harness.h by ../common/build-kvm-lib.sh.  A generated test links as:
#   gcc -I<this dir> -I<this dir>/../common test.c OUTDIR/libkvm-harness.a
set -eu

here=$(cd "$(dirname "$0")" && pwd)
out=${1:?usage: build.sh OUTDIR}
CC=${CC:-gcc}
CFLAGS=${CFLAGS:--O2 -g -std=gnu11 -Wall -Wextra -Werror}

common=$here/../common
inc="-I$here -I$common"

CC=$CC CFLAGS=$CFLAGS "$common/build-kvm-lib.sh" "$here" "$out"

for demo in demo_pic_oneshot demo_pic_non_oneshot demo_ioapic_unmask; do
	# shellcheck disable=SC2086
	"$CC" $CFLAGS $inc "$here/$demo.c" "$out/libkvm-harness.a" \
		-o "$out/$demo"
done
echo "built $out/libkvm-harness.a and demos in $out"
