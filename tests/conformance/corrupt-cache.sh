#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# corrupt-cache.sh CACHE
#
# A damaged kernel-package cache is repaired or refused, never booted: with
# a copy of CACHE's Debian 6.1 amd64 packages in a scratch cache,
#  1. a truncated linux-image .deb (a download cut short) is fetched again
#     and its hash checked: the kernel unpacked is the good one;
#  2. a file deleted from the unpacked tree is unpacked again;
#  3. garbage in place of a .deb that cannot be fetched again (no apt) is an
#     error, exit status 1 or 3, with the reason.
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 CACHE" >&2; exit 2; }
fetch=$(cd "$(dirname "$0")/../../conformance/qemu" && pwd)/fetch-kernel.sh
good=$("$fetch" "$1" x86_64 6.1)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/cache/debs"
while IFS='=' read -r name ver; do
	cp "$1/debs/${name%%:*}_${ver}_"*.deb "$tmp/cache/debs/"
done <"$good/PACKAGES"
image=$(ls "$tmp/cache/debs"/linux-image-*.deb)
same_kernel() {
	cmp -s "$(readlink -f "$good/vmlinuz")" "$(readlink -f "$1/vmlinuz")" ||
		{ echo "corrupt-cache.sh: $2: the kernel unpacked differs from the good one" >&2; exit 1; }
}

truncate -s 1000000 "$image"
dest=$("$fetch" "$tmp/cache" x86_64 6.1)
same_kernel "$dest" "a truncated .deb"
echo "corrupt-cache.sh: a truncated .deb was fetched again"

rm -f "$(readlink -f "$dest/vmlinuz")"
dest=$("$fetch" "$tmp/cache" x86_64 6.1)
same_kernel "$dest" "a deleted file"
echo "corrupt-cache.sh: a deleted file was unpacked again"

# apt-cache but no apt-get: the package resolves, the .deb cannot be
# fetched again.
head -c 1000000 /dev/urandom >"$image"
mkdir -p "$tmp/bin"
for t in bash dpkg dpkg-deb sha256sum stat find awk sed grep flock cat ls mkdir rm mv cp \
	readlink tar xz zstd depmod head cut tr wc sort dirname basename date touch ln od \
	env uname id cmp gzip apt-cache; do
	p=$(command -v "$t" 2>/dev/null) && ln -sf "$p" "$tmp/bin/$t"
done
set +e
out=$(PATH=$tmp/bin IRQSPEC_QEMU_VERIFY=1 "$fetch" "$tmp/cache" x86_64 6.1 2>&1)
status=$?
set -e
printf '%s\n' "$out" | tail -n 5
case $status in
1 | 3) echo "corrupt-cache.sh: an unrepairable .deb is refused (exit $status)" ;;
*)
	echo "corrupt-cache.sh: exit $status for garbage in place of a .deb" >&2
	exit 1
	;;
esac
