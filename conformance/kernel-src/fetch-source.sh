#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# fetch-source.sh CACHE_DIR VERSION
#
# Extract the kernel files the kernel-src target compiles from Debian's
# linux-source-VERSION package into CACHE_DIR/VERSION/:
#
#	virt/lib/irqbypass.c
#	include/linux/irqbypass.h
#	Makefile
#	KERNELVERSION		the tarball's VERSION.PATCHLEVEL.SUBLEVEL[EXTRAVERSION]
#	DEBIAN_VERSION		the package version, when dpkg knows it
#
# VERSION is a Debian linux-source series: 6.1 or 6.12.  If
# /usr/src/linux-source-VERSION.tar.xz is missing, the package is installed
# with apt-get (root only; apt-get update is run if the first try fails).
#
# Idempotent: a stamp records which tarball (size, mtime) was extracted and
# the slow extraction (the tarball holds the whole tree) is redone only when
# the tarball changes.  Once extracted, the cache is used even if the package
# is removed later.  Concurrent runs are serialised with flock.
#
# On success prints the absolute path of CACHE_DIR/VERSION on stdout; progress
# goes to stderr.  Exit status: 0 done, 1 failure, 2 usage.
set -euo pipefail

usage() {
	echo "usage: $0 CACHE_DIR VERSION   (VERSION: 6.1 or 6.12)" >&2
	exit 2
}
die() {
	echo "fetch-source.sh: $*" >&2
	exit 1
}

[ $# -eq 2 ] || usage
cache=$1
version=$2
[[ $version =~ ^[0-9]+\.[0-9]+$ ]] || usage

pkg=linux-source-$version
tarball=/usr/src/$pkg.tar.xz
mkdir -p "$cache"
cache=$(cd "$cache" && pwd)
dest=$cache/$version
stamp=$dest/.stamp

# Hold a lock on FILE while running the rest of the command line.
locked() {
	local file=$1
	shift
	if command -v flock >/dev/null; then
		flock "$file" "$@"
	else
		"$@"
	fi
}

tarball_id() {
	stat -c '%s %Y' "$tarball"
}

up_to_date() {
	[ -f "$stamp" ] || return 1
	[ -f "$tarball" ] || return 0
	[ "$(cat "$stamp")" = "$tarball $(tarball_id)" ]
}

install_package() {
	local apt=(apt-get install -y -o DPkg::Lock::Timeout=600 "$pkg")

	# Installed, yet the tarball is gone: only a reinstall brings it back.
	if dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null |
			grep -q ' installed$'; then
		apt+=(--reinstall)
	fi

	[ "$(id -u)" = 0 ] ||
		die "$tarball is missing; install $pkg (needs root)"
	echo "fetch-source.sh: installing $pkg" >&2
	export DEBIAN_FRONTEND=noninteractive
	if ! locked "$cache/.apt.lock" "${apt[@]}" >&2; then
		locked "$cache/.apt.lock" apt-get update >&2 ||
			die "apt-get update failed"
		locked "$cache/.apt.lock" "${apt[@]}" >&2 ||
			die "apt-get install $pkg failed"
	fi
	[ -f "$tarball" ] || die "$pkg installed but $tarball is missing"
}

extract() {
	local tmp=$cache/.$version.tmp.$$ v p s e

	up_to_date && return 0
	[ -f "$tarball" ] || install_package
	echo "fetch-source.sh: extracting from $tarball" >&2
	rm -rf "$tmp"
	mkdir -p "$tmp"
	# Only three members; the first path component is linux-source-X.Y.
	tar -I 'xz -T0' -xf "$tarball" -C "$tmp" --strip-components=1 \
		--wildcards --no-wildcards-match-slash \
		'*/virt/lib/irqbypass.c' '*/include/linux/irqbypass.h' \
		'*/Makefile' ||
		{ rm -rf "$tmp"; die "extracting $tarball failed"; }
	for f in virt/lib/irqbypass.c include/linux/irqbypass.h Makefile; do
		[ -f "$tmp/$f" ] ||
			{ rm -rf "$tmp"; die "$tarball has no $f"; }
	done

	v=$(sed -n 's/^VERSION = *//p' "$tmp/Makefile")
	p=$(sed -n 's/^PATCHLEVEL = *//p' "$tmp/Makefile")
	s=$(sed -n 's/^SUBLEVEL = *//p' "$tmp/Makefile")
	e=$(sed -n 's/^EXTRAVERSION = *//p' "$tmp/Makefile")
	[ "$v.$p" = "$version" ] ||
		{ rm -rf "$tmp"; die "$tarball holds $v.$p, not $version"; }
	echo "$v.$p.$s$e" >"$tmp/KERNELVERSION"
	dpkg-query -W -f='${Version}\n' "$pkg" >"$tmp/DEBIAN_VERSION" \
		2>/dev/null || rm -f "$tmp/DEBIAN_VERSION"
	echo "$tarball $(tarball_id)" >"$tmp/.stamp"

	rm -rf "$dest"
	mv "$tmp" "$dest"
}

# One extraction per version at a time; the loser finds the stamp.
exec 9>"$cache/.$version.lock"
if command -v flock >/dev/null; then
	flock 9
fi
extract
echo "$dest"
