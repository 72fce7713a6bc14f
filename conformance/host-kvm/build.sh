#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# build.sh OUTDIR - build libkvm-harness.a and the demo programs into OUTDIR.
#
# Needs only gcc and the assembler from Debian's binutils (kh_guest.S is
# assembled by gcc -c into the library as data) and <linux/kvm.h> from
# linux-libc-dev.  The architecture-independent part (the assertions, the
# observation log, KTAP) is ../common/kh_common.c with ../common/ktap.c.
# A generated test links as:
#   gcc -I<this dir> -I<this dir>/../common test.c OUTDIR/libkvm-harness.a
set -eu

here=$(cd "$(dirname "$0")" && pwd)
out=${1:?usage: build.sh OUTDIR}
CC=${CC:-gcc}
CFLAGS=${CFLAGS:--O2 -g -std=gnu11 -Wall -Wextra -Werror}

common=$here/../common
inc="-I$here -I$common"

mkdir -p "$out"
"$CC" $CFLAGS $inc -c "$here/kvm_harness.c" -o "$out/kvm_harness.o"
"$CC" $CFLAGS $inc -c "$common/kh_common.c" -o "$out/kh_common.o"
"$CC" $CFLAGS $inc -c "$common/ktap.c" -o "$out/ktap.o"
"$CC" $CFLAGS $inc -c "$here/kh_guest.S" -o "$out/kh_guest.o"
rm -f "$out/libkvm-harness.a"
ar rcs "$out/libkvm-harness.a" "$out/kvm_harness.o" "$out/kh_common.o" \
	"$out/ktap.o" "$out/kh_guest.o"

for demo in demo_pic_oneshot demo_pic_non_oneshot demo_ioapic_unmask; do
	"$CC" $CFLAGS $inc "$here/$demo.c" "$out/libkvm-harness.a" \
		-o "$out/$demo"
done
echo "built $out/libkvm-harness.a and demos in $out"
