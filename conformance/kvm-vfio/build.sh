#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# build.sh OUTDIR - build the kvm-vfio harness:
#	OUTDIR/libkvm-vfio-harness.a
#	OUTDIR/include/harness.h
# A generated test then builds with
#	gcc -I OUTDIR/include test.c OUTDIR/libkvm-vfio-harness.a
# and the hand-written selftest is built as OUTDIR/selftest.
#
# Needs gcc and <linux/kvm.h> (linux-libc-dev). Environment: CC (gcc),
# CFLAGS (-O2 -g -std=gnu11 -D_GNU_SOURCE -Wall -Wextra -Werror).
# Exit status: 0 built, 1 failure, 2 usage.
set -eu

[ $# -eq 1 ] || { echo "usage: $0 OUTDIR" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
out=$1
CC=${CC:-gcc}
CFLAGS=${CFLAGS:--O2 -g -std=gnu11 -D_GNU_SOURCE -Wall -Wextra -Werror}

mkdir -p "$out/include" "$out/obj"
# shellcheck disable=SC2086
"$CC" $CFLAGS -I"$here" -c "$here/harness.c" -o "$out/obj/harness.o"
rm -f "$out/libkvm-vfio-harness.a"
ar rcs "$out/libkvm-vfio-harness.a" "$out/obj/harness.o"
cp "$here/harness.h" "$out/include/harness.h"
# shellcheck disable=SC2086
"$CC" $CFLAGS -I"$out/include" "$here/selftest.c" \
	"$out/libkvm-vfio-harness.a" -o "$out/selftest"
echo "built $out/libkvm-vfio-harness.a, $out/include/harness.h and $out/selftest"
