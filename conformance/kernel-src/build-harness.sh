#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# build-harness.sh CACHE_DIR VERSION OUTDIR [IRQBYPASS_C]
#
# Build the kernel-src conformance harness for linux-source-VERSION (6.1 or
# 6.12): the real virt/lib/irqbypass.c (fetched into CACHE_DIR by
# fetch-source.sh), the shim runtime and harness.c, compiled in userspace
# against the real include/linux/irqbypass.h and our shim/ headers, with
# the runner, checks and KTAP writer of ../common (h_runner.c,
# h_checks.c, ktap.c).
#
# IRQBYPASS_C replaces the extracted irqbypass.c, e.g. a mutant written by
# mutate.py; the tarball's irqbypass.h is used all the same.
#
# The era is read from the irqbypass.h used: Era C's struct
# irq_bypass_producer has a `void *token`, Era D's (v6.17+) a `struct
# eventfd_ctx *eventfd` and no token. An Era D irqbypass.c is compiled with
# shim/era_d.h force-included (WARN_ON_ONCE, the XArray, guard(mutex)) and
# linked with harness-era-d.c instead of harness.c.
#
# Writes:
#	OUTDIR/libirqbypass-harness.a	Era C: irqbypass.o shim.o harness.o
#					harness-era-d-on-era-c.o
#					harness-calls.o
#					Era D: irqbypass.o shim.o era_d.o
#					harness-era-d.o harness-calls.o
#					both: h_ibobj.o (the objects, built
#					for the era) h_runner.o h_checks.o
#					ktap.o
#	OUTDIR/include/harness.h	the header a test includes
#	OUTDIR/include/h_api.h, h_irqbypass.h	what harness.h includes (../common)
#	OUTDIR/include/harness-era-d.h	Era D's additions (both eras implement them)
#	OUTDIR/KERNELVERSION		e.g. 6.1.192
#	OUTDIR/ERA			C or D
# A generated test then builds with
#	gcc -I OUTDIR/include test.c OUTDIR/libirqbypass-harness.a -pthread
#
# Environment: CC (default gcc), CFLAGS (default -O1 -g), WERROR=1 adds
# -Werror.  Exit status: 0 built, 1 failure, 2 usage.
set -euo pipefail

[ $# -eq 3 ] || [ $# -eq 4 ] || {
	echo "usage: $0 CACHE_DIR VERSION OUTDIR [IRQBYPASS_C]" >&2
	exit 2
}
here=$(cd "$(dirname "$0")" && pwd)
cache=$1
version=$2
out=$3

src=$("$here/fetch-source.sh" "$cache" "$version")
kver=$(cat "$src/KERNELVERSION")
irqbypass_c=${4:-$src/virt/lib/irqbypass.c}
[ -f "$irqbypass_c" ] || { echo "$0: no $irqbypass_c" >&2; exit 1; }
if [ -n "${IRQBYPASS_INCLUDE:-}" ]; then
	desc="$irqbypass_c with $IRQBYPASS_INCLUDE/linux/irqbypass.h"
elif [ $# -eq 4 ]; then
	desc="$(basename "$irqbypass_c") with linux-source-$version $kver irqbypass.h"
else
	desc="linux-source-$version $kver virt/lib/irqbypass.c"
fi

common=$here/../common
cc=${CC:-gcc}
read -r -a cflags <<<"${CFLAGS:--O1 -g}"
cflags+=(-std=gnu11 -D_GNU_SOURCE -Wall -Wextra -Wno-unused-parameter)
[ "${WERROR:-0}" = 1 ] && cflags+=(-Werror)
# The runner and the KTAP writer see libc only; the rest the shim and
# the kernel's irqbypass.h, and the common headers after them.
runner_cflags=("${cflags[@]}" -I "$common")
cflags+=(-I "$here/shim" -I "${IRQBYPASS_INCLUDE:-$src/include}" -I "$common")

irqbypass_h=${IRQBYPASS_INCLUDE:-$src/include}/linux/irqbypass.h
[ -f "$irqbypass_h" ] || { echo "$0: no $irqbypass_h" >&2; exit 1; }
if grep -Eq '^[[:space:]]*void[[:space:]]*\*[[:space:]]*token;' "$irqbypass_h"; then
	era=C
elif grep -Eq '^[[:space:]]*struct[[:space:]]+eventfd_ctx[[:space:]]*\*[[:space:]]*eventfd;' "$irqbypass_h"; then
	era=D
else
	echo "$0: $irqbypass_h: neither Era C's token nor Era D's eventfd" >&2
	exit 1
fi

mkdir -p "$out/include"
obj=$out/obj
mkdir -p "$obj"
rm -f "$out/libirqbypass-harness.a"
"$cc" "${runner_cflags[@]}" -c "$common/h_runner.c" -o "$obj/h_runner.o"
"$cc" "${runner_cflags[@]}" -c "$common/h_checks.c" -o "$obj/h_checks.o"
"$cc" "${runner_cflags[@]}" -c "$common/ktap.c" -o "$obj/ktap.o"
if [ $era = C ]; then
	"$cc" "${cflags[@]}" -c "$irqbypass_c" -o "$obj/irqbypass.o"
	"$cc" "${cflags[@]}" -c "$here/shim/shim.c" -o "$obj/shim.o"
	"$cc" "${cflags[@]}" "-DH_SOURCE_DESC=\"$desc\"" \
		-c "$here/harness.c" -o "$obj/harness.o"
	"$cc" "${cflags[@]}" -c "$common/h_ibobj.c" -o "$obj/h_ibobj.o"
	"$cc" "${cflags[@]}" -c "$here/harness-calls.c" -o "$obj/harness-calls.o"
	"$cc" "${cflags[@]}" -c "$here/harness-era-d-on-era-c.c" \
		-o "$obj/harness-era-d-on-era-c.o"
	ar rcs "$out/libirqbypass-harness.a" \
		"$obj/irqbypass.o" "$obj/shim.o" "$obj/harness.o" \
		"$obj/harness-era-d-on-era-c.o" "$obj/harness-calls.o" \
		"$obj/h_ibobj.o" "$obj/h_runner.o" "$obj/h_checks.o" "$obj/ktap.o"
else
	era_d=(-include "$here/shim/era_d.h")
	"$cc" "${cflags[@]}" "${era_d[@]}" -c "$irqbypass_c" -o "$obj/irqbypass.o"
	"$cc" "${cflags[@]}" -c "$here/shim/shim.c" -o "$obj/shim.o"
	"$cc" "${cflags[@]}" -c "$here/shim/era_d.c" -o "$obj/era_d.o"
	"$cc" "${cflags[@]}" "${era_d[@]}" "-DH_SOURCE_DESC=\"$desc (Era D)\"" \
		-c "$here/harness-era-d.c" -o "$obj/harness-era-d.o"
	"$cc" "${cflags[@]}" "${era_d[@]}" -c "$common/h_ibobj.c" -o "$obj/h_ibobj.o"
	"$cc" "${cflags[@]}" "${era_d[@]}" -c "$here/harness-calls.c" \
		-o "$obj/harness-calls.o"
	ar rcs "$out/libirqbypass-harness.a" \
		"$obj/irqbypass.o" "$obj/shim.o" "$obj/era_d.o" \
		"$obj/harness-era-d.o" "$obj/harness-calls.o" \
		"$obj/h_ibobj.o" "$obj/h_runner.o" "$obj/h_checks.o" "$obj/ktap.o"
fi
cp "$here/harness.h" "$out/include/harness.h"
cp "$here/harness-era-d.h" "$out/include/harness-era-d.h"
cp "$common/h_api.h" "$common/h_irqbypass.h" "$out/include/"
echo "$kver" >"$out/KERNELVERSION"
echo "$era" >"$out/ERA"
