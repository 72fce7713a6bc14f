#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# build-kvm-lib.sh HARNESS_DIR OUTDIR - build OUTDIR/libkvm-harness.a of one
# architecture's KVM harness: HARNESS_DIR's kvm_harness.c and kh_guest.S,
# and this folder's kh_*.c and ktap.c compiled against HARNESS_DIR's
# kvm_harness.h.  $CC, $AR and $CFLAGS say how (the callers, host-kvm's and
# arm64-kvm's build.sh, set them for x86 or aarch64).
set -eu

common=$(cd "$(dirname "$0")" && pwd)
harness=${1:?usage: build-kvm-lib.sh HARNESS_DIR OUTDIR}
out=${2:?usage: build-kvm-lib.sh HARNESS_DIR OUTDIR}
CC=${CC:-gcc}
AR=${AR:-ar}
CFLAGS=${CFLAGS:--O2 -g -std=gnu11 -Wall -Wextra -Werror}

mkdir -p "$out"
objs=
for src in "$harness/kvm_harness.c" "$harness/kh_guest.S" "$common"/kh_*.c \
	"$common/ktap.c"; do
	obj=$out/$(basename "${src%.*}").o
	# shellcheck disable=SC2086 # CFLAGS is a list of options
	"$CC" $CFLAGS -I"$harness" -I"$common" -c "$src" -o "$obj"
	objs="$objs $obj"
done
rm -f "$out/libkvm-harness.a"
# shellcheck disable=SC2086 # objs is a list of files
"$AR" rcs "$out/libkvm-harness.a" $objs
