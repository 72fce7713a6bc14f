#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# build-module.sh --kdir KDIR --arch ARCH -o OUTDIR FILE.c...
#
# Builds one out-of-tree module per FILE.c against KDIR (fetch-kernel.sh's
# headers/) into OUTDIR/NAME.ko.  The sources are copied into OUTDIR with a
# generated Kbuild, so the source folder stays clean.  arm64 is built with
# CROSS_COMPILE=aarch64-linux-gnu- (package gcc-aarch64-linux-gnu).
#
# Environment: MAKEFLAGS as usual; KBUILD_EXTRA="..." extra make arguments.
# Exit status: 0 built, 1 the build failed, 2 usage.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck disable=SC2034 # used by lib.sh
q_prog=build-module.sh
# shellcheck source=lib.sh
. "$here/lib.sh"

usage() {
	echo "usage: build-module.sh --kdir KDIR --arch x86_64|arm64 -o OUTDIR FILE.c..." >&2
	exit 2
}

kdir='' arch='' out=''
srcs=()
while [ $# -gt 0 ]; do
	case $1 in
	--kdir) kdir=${2:-} && shift ;;
	--arch) arch=${2:-} && shift ;;
	-o | --output) out=${2:-} && shift ;;
	-h | --help) usage ;;
	-*) usage ;;
	*) srcs+=("$1") ;;
	esac
	shift
done
{ [ -n "$kdir" ] && [ -n "$arch" ] && [ -n "$out" ] && [ ${#srcs[@]} -gt 0 ]; } || usage
q_debarch "$arch" >/dev/null || usage
[ -f "$kdir/Makefile" ] || q_die 2 "$kdir is not a kernel build folder (no Makefile)"

make_args=(-C "$kdir")
case $arch in
arm64)
	[ "$(uname -m)" = aarch64 ] || make_args+=(ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-)
	;;
x86_64)
	[ "$(uname -m)" = x86_64 ] || make_args+=(ARCH=x86 CROSS_COMPILE=x86_64-linux-gnu-)
	;;
esac
# Debian's 6.12 headers ship a vmlinux, so modules get BTF, which needs
# pahole (package pahole).  Without it, build without module BTF.
if [ -f "$kdir/vmlinux" ] && ! command -v pahole >/dev/null; then
	q_log "no pahole: building without module BTF"
	make_args+=(CONFIG_DEBUG_INFO_BTF_MODULES=)
fi

mkdir -p "$out"
out=$(cd "$out" && pwd)
: >"$out/Kbuild"
for s in "${srcs[@]}"; do
	[ -f "$s" ] || q_die 1 "no source $s"
	case $s in *.c) ;; *) q_die 2 "$s is not a .c file" ;; esac
	cp "$s" "$out/"
	echo "obj-m += $(basename "${s%.c}").o" >>"$out/Kbuild"
done
# shellcheck disable=SC2086 # KBUILD_EXTRA is a list of arguments
if ! make "${make_args[@]}" M="$out" ${KBUILD_EXTRA:-} modules >"$out/build.log" 2>&1; then
	tail -n 30 "$out/build.log" >&2
	q_die 1 "module build failed (log: $out/build.log)"
fi
for s in "${srcs[@]}"; do
	[ -f "$out/$(basename "${s%.c}").ko" ] || q_die 1 "no $(basename "${s%.c}").ko after the build"
	echo "$out/$(basename "${s%.c}").ko"
done
