#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# build.sh OUTDIR - build libkvm-harness.a (aarch64) and the demo programs,
# linked -static, into OUTDIR.
#
# Needs the cross compiler and C library of Debian's gcc-aarch64-linux-gnu
# and libc6-dev-arm64-cross (<linux/kvm.h> for arm64 comes with the latter).
# kh_guest.S is assembled by gcc -c into the library as data.  A generated
# test links as:
#   aarch64-linux-gnu-gcc -static -I<this dir> test.c OUTDIR/libkvm-harness.a
set -eu

here=$(cd "$(dirname "$0")" && pwd)
out=${1:?usage: build.sh OUTDIR}
CC=${CC:-aarch64-linux-gnu-gcc}
AR=${AR:-aarch64-linux-gnu-ar}
CFLAGS=${CFLAGS:--O2 -g -std=gnu11 -Wall -Wextra -Werror}

mkdir -p "$out"
# shellcheck disable=SC2086 # CFLAGS is a list of options
"$CC" $CFLAGS -I"$here" -c "$here/kvm_harness.c" -o "$out/kvm_harness.o"
# shellcheck disable=SC2086
"$CC" $CFLAGS -I"$here" -c "$here/kh_guest.S" -o "$out/kh_guest.o"
rm -f "$out/libkvm-harness.a"
"$AR" rcs "$out/libkvm-harness.a" "$out/kvm_harness.o" "$out/kh_guest.o"

for src in "$here"/demo_*.c; do
	demo=$(basename "$src" .c)
	# shellcheck disable=SC2086
	"$CC" $CFLAGS -static -I"$here" "$here/$demo.c" "$out/libkvm-harness.a" \
		-o "$out/$demo"
done
echo "built $out/libkvm-harness.a and demos in $out"
