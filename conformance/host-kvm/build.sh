#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# build.sh OUTDIR - build libkvm-harness.a and the demo programs into OUTDIR.
#
# Needs only gcc and the assembler from Debian's binutils (kh_guest.S is
# assembled by gcc -c into the library as data) and <linux/kvm.h> from
# linux-libc-dev.  A generated test links as:
#   gcc -I<this dir> test.c OUTDIR/libkvm-harness.a
set -eu

here=$(cd "$(dirname "$0")" && pwd)
out=${1:?usage: build.sh OUTDIR}
CC=${CC:-gcc}
CFLAGS=${CFLAGS:--O2 -g -std=gnu11 -Wall -Wextra -Werror}

mkdir -p "$out"
"$CC" $CFLAGS -I"$here" -c "$here/kvm_harness.c" -o "$out/kvm_harness.o"
"$CC" $CFLAGS -I"$here" -c "$here/kh_guest.S" -o "$out/kh_guest.o"
rm -f "$out/libkvm-harness.a"
ar rcs "$out/libkvm-harness.a" "$out/kvm_harness.o" "$out/kh_guest.o"

for demo in demo_pic_oneshot demo_pic_non_oneshot demo_ioapic_unmask; do
	"$CC" $CFLAGS -I"$here" "$here/$demo.c" "$out/libkvm-harness.a" \
		-o "$out/$demo"
done
echo "built $out/libkvm-harness.a and demos in $out"
