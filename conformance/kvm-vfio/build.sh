#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# build.sh OUTDIR - build the kvm-vfio harness, with the runner, checks
# and KTAP writer of ../common (h_runner.c, h_checks.c, ktap.c):
#	OUTDIR/libkvm-vfio-harness.a
#	OUTDIR/include/harness.h and the h_api.h it includes
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

common=$here/../common

mkdir -p "$out/include" "$out/obj"
for src in "$here/harness.c" "$common/h_runner.c" "$common/h_checks.c" \
	"$common/ktap.c"; do
	# shellcheck disable=SC2086
	"$CC" $CFLAGS -I"$here" -I"$common" -c "$src" \
		-o "$out/obj/$(basename "$src" .c).o"
done
rm -f "$out/libkvm-vfio-harness.a"
ar rcs "$out/libkvm-vfio-harness.a" "$out/obj/harness.o" \
	"$out/obj/h_runner.o" "$out/obj/h_checks.o" "$out/obj/ktap.o"
cp "$here/harness.h" "$out/include/harness.h"
cp "$common/h_api.h" "$out/include/h_api.h"
# shellcheck disable=SC2086
"$CC" $CFLAGS -I"$out/include" "$here/selftest.c" \
	"$out/libkvm-vfio-harness.a" -o "$out/selftest"
echo "built $out/libkvm-vfio-harness.a, $out/include/harness.h and $out/selftest"
