#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Sets up a Debian 12 machine for irqspec and runs one job:
#
#   tools/bootstrap.sh verify   install what is missing, build, verify models/
#   tools/bootstrap.sh test     install what is missing, build, run the test suite
#
# Run it as root (or with sudo available): missing Debian packages are
# installed with apt-get. Further arguments go to the job's command.
set -eu

job=${1:-}
[ $# -gt 0 ] && shift
case "$job" in
verify|test) ;;
*)
	echo "usage: $0 verify|test [ARGS...]" >&2
	exit 2
	;;
esac

root=$(cd "$(dirname "$0")/.." && pwd)
build=${IRQSPEC_BUILD_DIR:-$root/build}

# Everything irqspec builds and tests with. The kernel sources (linux-source-*)
# and kernel images (linux-image-*, as data for QEMU, never installed as the
# host's kernel) are fetched by the conformance scripts when a test needs them.
# The qemu target: QEMU, busybox for the initramfs, the tools that unpack
# Debian's kernel packages and build test modules against their headers.
# berkeley-abc: the `pdr` engine (ABC's IC3 on the bit-blasted circuit).
packages="g++ cmake ninja-build pkg-config libboost-dev libcli11-dev nlohmann-json3-dev
libfmt-dev libgtest-dev libgmock-dev libz3-dev z3 libcvc5-dev cvc5 librapidcheck-dev
berkeley-abc
python3 clang libclang-rt-14-dev graphviz
qemu-system-x86 busybox-static cpio kmod xz-utils zstd pahole make
qemu-system-arm gcc-aarch64-linux-gnu libc6-dev-arm64-cross"

missing=""
for p in $packages; do
	status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$status" in
	*"install ok installed"*) ;;
	*) missing="$missing $p" ;;
	esac
done
if [ -n "$missing" ]; then
	echo "bootstrap: installing:$missing"
	sudo=""
	[ "$(id -u)" -ne 0 ] && sudo=sudo
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update -q
	# shellcheck disable=SC2086
	$sudo apt-get install -y -q --no-install-recommends $missing
fi

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j "$(nproc)"

case "$job" in
verify)
	cd "$root"
	[ $# -eq 0 ] && set -- models/
	exec "$build/tools/irqspec/irqspec" verify-specs "$@"
	;;
test)
	exec ctest --test-dir "$build" --output-on-failure -j "$(nproc)" "$@"
	;;
esac
