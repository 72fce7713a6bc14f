#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# fetch-kernel.sh CACHE_DIR ARCH VERSION
#
# Downloads Debian's kernel image (with its modules) and headers packages of
# ARCH (x86_64 | arm64) and VERSION (6.1 | 6.12) with apt-get download (no
# kernel is installed on the host), unpacks them with dpkg -x and writes the
# stable folder CACHE_DIR/ARCH/VERSION:
#
#   vmlinuz         -> root/boot/vmlinuz-KREL
#   vmlinux         -> root/boot/vmlinux-KREL   (x86_64: uncompressed, for PVH boot)
#   config          -> root/boot/config-KREL
#   modules         -> root/lib/modules/KREL    (with modules.dep, from depmod)
#   headers         -> root/usr/src/linux-headers-KREL   (a KDIR)
#   KERNELRELEASE   uname -r, e.g. 6.1.0-57-amd64
#   KERNELVERSION   upstream version, e.g. 6.1.192
#   DEBIAN_VERSION  the image package's version, e.g. 6.1.192-3
#   PACKAGES        the four packages, NAME=VERSION one a line
#   root/           the unpacked packages
#
# Prints the absolute path of the folder on stdout, progress on stderr.
# Exit status: 0 ok, 1 failure, 2 usage, 3 a package could not be resolved
# or downloaded.  See NOTES.md.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck disable=SC2034 # used by lib.sh
q_prog=fetch-kernel.sh
# shellcheck source=lib.sh
. "$here/lib.sh"

usage() {
	echo "usage: fetch-kernel.sh CACHE_DIR ARCH VERSION   (ARCH: x86_64|arm64, VERSION: 6.1|6.12)" >&2
	exit 2
}

[ $# -eq 3 ] || usage
cache=$1 arch=$2 ver=$3
da=$(q_debarch "$arch") || usage
case $ver in
6.1) meta_img=linux-image-$da meta_hdr=linux-headers-$da ;;
6.12) meta_img=linux-image-6.12-$da meta_hdr=linux-headers-6.12-$da ;;
*) usage ;;
esac
ha=$(q_hostarch)

mkdir -p "$cache" || q_die 1 "cannot create $cache"
cache=$(cd "$cache" && pwd)
dest=$cache/$arch/$ver
debs=$cache/debs
stamp=$dest/.stamp

exec 8>"$cache/.$arch-$ver.lock"
flock 8

# ---------------------------------------------------------------- fast path
# The stamp records the apt lists it was resolved against, size and mtime of
# every .deb and the number of entries of the unpacked tree.  Anything
# different (a truncated or rewritten .deb, a deleted file, apt-get update
# since) sends us to the slow path, which checks the hashes.
required=(vmlinuz config modules/modules.dep modules/kernel headers/Makefile
	headers/include headers/scripts/basic/fixdep headers/scripts/mod/modpost
	KERNELRELEASE KERNELVERSION DEBIAN_VERSION PACKAGES)
[ "$arch" = x86_64 ] && required+=(vmlinux)

fast_ok() {
	local p key a b c lists_ok=0 debs_ok=0
	[ -f "$stamp" ] || return 1
	for p in "${required[@]}"; do
		[ -e "$dest/$p" ] || return 1
	done
	while read -r key a b c; do
		case $key in
		format) [ "$a" = 1 ] || return 1 ;;
		lists)
			[ "$a" = "$(q_lists_sig "$da" "$ha")" ] || return 1
			lists_ok=1
			;;
		deb)
			[ "$(stat -c '%s %Y' "$debs/$a" 2>/dev/null)" = "$b $c" ] || return 1
			debs_ok=$((debs_ok + 1))
			;;
		files) [ "$(find "$dest/root" | wc -l)" = "$a" ] || return 1 ;;
		esac
	done <"$stamp"
	[ "$lists_ok" = 1 ] && [ "$debs_ok" = 4 ]
}

if [ -z "${IRQSPEC_QEMU_VERIFY:-}" ] && fast_ok; then
	echo "$dest"
	exit 0
fi

# ---------------------------------------------------------------- resolve
# Sets img, hdr (exact package names), img_ver, hdr_ver, common, kbuild.
resolve() {
	local out
	out=$(apt-cache depends "$meta_img:$da" "$meta_hdr:$da" 2>/dev/null) || return 1
	img=$(printf '%s\n' "$out" | awk -v m="$meta_img" '
		/^[^ ]/ { top = $1; sub(/:.*/, "", top) }
		top == m && $1 == "Depends:" { d = $2; sub(/:.*/, "", d); print d; exit }')
	hdr=$(printf '%s\n' "$out" | awk -v m="$meta_hdr" '
		/^[^ ]/ { top = $1; sub(/:.*/, "", top) }
		top == m && $1 == "Depends:" { d = $2; sub(/:.*/, "", d); print d; exit }')
	[ -n "$img" ] && [ -n "$hdr" ] || return 1
	out=$(apt-cache show --no-all-versions "$img:$da" "$hdr:$da" 2>/dev/null) || return 1
	img_ver=$(printf '%s\n' "$out" | awk -v p="$img" '
		$1 == "Package:" { cur = $2 } cur == p && $1 == "Version:" { print $2; exit }')
	hdr_ver=$(printf '%s\n' "$out" | awk -v p="$hdr" '
		$1 == "Package:" { cur = $2 } cur == p && $1 == "Version:" { print $2; exit }')
	local deps
	deps=$(printf '%s\n' "$out" | awk -v p="$hdr" '
		$1 == "Package:" { cur = $2 } cur == p && $1 == "Depends:" { print; exit }')
	common=$(printf '%s\n' "$deps" | grep -o 'linux-headers-[^ ,():]*-common' | head -n1) || true
	kbuild=$(printf '%s\n' "$deps" | grep -o 'linux-kbuild-[^ ,():]*' | head -n1) || true
	[ -n "$img_ver" ] && [ -n "$hdr_ver" ] && [ -n "$common" ] && [ -n "$kbuild" ]
}

# Sets the arrays uri_file, uri_size, uri_hash (index: 0 image, 1 headers,
# 2 common, 3 kbuild) from apt-get download --print-uris.
specs=()
print_uris() {
	local out i name
	# The kbuild package holds host tools: always the host's architecture.
	specs=("$img:$da=$img_ver" "$hdr:$da=$hdr_ver" "$common=$hdr_ver" "$kbuild:$ha")
	out=$(apt-get download --print-uris "${specs[@]}" 2>&1) || {
		printf '%s\n' "$out" >&2
		return 1
	}
	uri_file=() uri_size=() uri_hash=()
	i=0
	for name in "$img" "$hdr" "$common" "$kbuild"; do
		local line
		line=$(printf '%s\n' "$out" | awk -v n="$name" '$1 ~ /^\x27/ && index($2, n "_") == 1 { print; exit }')
		[ -n "$line" ] || return 1
		read -r _ "uri_file[i]" "uri_size[i]" "uri_hash[i]" <<<"$line"
		i=$((i + 1))
	done
}

updated=0
t0=$(q_now_ms)
q_ensure_arch "$cache" "$da" || q_die 3 "cannot use Debian architecture $da"
if ! resolve; then
	q_log "cannot resolve $meta_img / $meta_hdr for $da; trying apt-get update"
	q_apt_update "$cache" || true
	updated=1
	resolve || q_die 3 "cannot resolve $meta_img:$da / $meta_hdr:$da to a kernel package (apt-cache depends/show found nothing)"
fi
[ "$img_ver" = "$hdr_ver" ] || q_log "warning: image $img_ver and headers $hdr_ver differ"
q_log "$arch $ver: $img $img_ver, $hdr, $common, $kbuild:$ha"

if ! print_uris; then
	if [ "$updated" = 0 ]; then
		q_apt_update "$cache" || true
		updated=1
		if ! resolve || ! print_uris; then
			q_die 3 "cannot locate the packages ${specs[*]} in the archive"
		fi
	else
		q_die 3 "cannot locate the packages ${specs[*]} in the archive"
	fi
fi

# ---------------------------------------------------------------- download
mkdir -p "$debs"
exec 9>"$cache/.debs.lock"
flock 9
for i in 0 1 2 3; do
	f=$debs/${uri_file[i]}
	if q_verify_file "$f" "${uri_size[i]}" "${uri_hash[i]}"; then
		continue
	fi
	[ -e "$f" ] && q_log "cached ${uri_file[i]} is damaged (size or ${uri_hash[i]%%:*} differs): fetching it again"
	rm -f "$f"
	q_log "downloading ${specs[i]} (${uri_size[i]} bytes)"
	if ! q_download "$cache" "$debs" "${specs[i]}"; then
		q_die 3 "cannot download ${specs[i]} (apt-get download failed; is the archive reachable? is the version still there? try apt-get update)"
	fi
	q_verify_file "$f" "${uri_size[i]}" "${uri_hash[i]}" ||
		q_die 3 "downloaded ${uri_file[i]} does not match apt's size/hash"
done
flock -u 9

# ---------------------------------------------------------------- unpack
# The tree is rebuilt when a package differs from the one it was unpacked
# from, or the tree is incomplete; otherwise only the stamp is rewritten (a
# .deb fetched again because it was damaged has the hash apt knows, the one
# the tree came from).
kbuild_ver=${uri_file[3]#*_}
kbuild_ver=${kbuild_ver%_*}
pkgs_now=$(printf '%s\n' "$img=$img_ver" "$hdr=$hdr_ver" "$common=$hdr_ver" "$kbuild:$ha=$kbuild_ver")
tree_ok() {
	local p n
	[ -f "$stamp" ] && [ -f "$dest/PACKAGES" ] || return 1
	[ "$(cat "$dest/PACKAGES")" = "$pkgs_now" ] || return 1
	for p in "${required[@]}"; do
		[ -e "$dest/$p" ] || return 1
	done
	n=$(awk '$1 == "files" { print $2 }' "$stamp")
	[ "$(find "$dest/root" | wc -l)" = "$n" ]
}

# x86_64: the uncompressed vmlinux of a bzImage (boot protocol 2.08+:
# payload_offset and payload_length in the setup header).  QEMU boots it
# through its PVH entry (CONFIG_PVH), without the real-mode setup and the
# decompressor, which take seconds under TCG.
extract_vmlinux() {
	local bz=$1 dst=$2 setup off len magic
	setup=$(od -An -tu1 -j 497 -N1 "$bz" | tr -d ' ')
	off=$(od -An -tu4 -j 584 -N4 "$bz" | tr -d ' ')
	len=$(od -An -tu4 -j 588 -N4 "$bz" | tr -d ' ')
	[ -n "$setup" ] && [ -n "$off" ] && [ -n "$len" ] && [ "$len" -gt 0 ] || return 1
	[ "$setup" -gt 0 ] || setup=4
	tail -c +$(((setup + 1) * 512 + off + 1)) "$bz" | head -c "$len" >"$dst.z"
	magic=$(od -An -tx1 -N4 "$dst.z" | tr -d ' ')
	case $magic in
	fd377a58) xz -dc <"$dst.z" >"$dst" 2>/dev/null || true ;;
	28b52ffd) zstd -q -dc <"$dst.z" >"$dst" 2>/dev/null || true ;;
	1f8b*) gzip -dc <"$dst.z" >"$dst" 2>/dev/null || true ;;
	*) q_log "unknown kernel compression (magic $magic)" && rm -f "$dst.z" && return 1 ;;
	esac
	rm -f "$dst.z"
	# An ELF with XEN_ELFNOTE_PHYS32_ENTRY (18): bootable through PVH.
	local notes=''
	[ "$(od -An -c -N4 "$dst" | tr -d ' ')" = '177ELF' ] && notes=$(readelf -n "$dst" 2>/dev/null || true)
	if ! grep -q 'Xen.*(0x00000012)' <<<"$notes"; then
		q_log "the vmlinux of $bz has no PVH entry"
		rm -f "$dst"
		return 1
	fi
}

if ! tree_ok; then
	t1=$(q_now_ms)
	q_log "unpacking into $dest"
	new=$cache/$arch/.$ver.new
	mkdir -p "$cache/$arch"
	# Deleting a tree of 20000 files can take longer than unpacking one:
	# old trees are moved aside and deleted in the background.
	trash=$(mktemp -d "$cache/$arch/.$ver.trash.XXXXXX")
	[ -e "$new" ] && mv "$new" "$trash/"
	mkdir -p "$new/root"
	for i in 0 1 2 3; do
		dpkg -x "$debs/${uri_file[i]}" "$new/root" || q_die 1 "dpkg -x ${uri_file[i]} failed"
	done
	root=$new/root
	moddir=lib/modules
	[ -d "$root/$moddir" ] || moddir=usr/lib/modules
	krel=$(cd "$root/$moddir" && ls)
	if [ -z "$krel" ] || [ "$(printf '%s\n' "$krel" | wc -l)" != 1 ]; then
		q_die 1 "expected one kernel release in $moddir of $img, found: $krel"
	fi
	[ -f "$root/boot/vmlinuz-$krel" ] || q_die 1 "$img has no boot/vmlinuz-$krel"
	[ -f "$root/boot/config-$krel" ] || q_die 1 "$img has no boot/config-$krel"
	[ -f "$root/usr/src/linux-headers-$krel/Makefile" ] || q_die 1 "$hdr has no usr/src/linux-headers-$krel/Makefile"

	# Absolute symlinks (lib/modules/KREL/build, source) point at the host's
	# /usr/src: make them relative inside the root.
	while IFS= read -r l; do
		t=$(readlink "$l")
		ln -sfn "$(realpath -ms --relative-to="$(dirname "$l")" "$root$t")" "$l"
	done < <(find "$root" -type l -lname '/*')
	# The arch headers' Makefile includes the common one by absolute path.
	# Relative to the headers folder (make -C's working directory) instead.
	sed -i 's|^include /usr/src/\(.*\)$|include ../\1|' "$root/usr/src/linux-headers-$krel/Makefile"
	grep -q '^include \.\./' "$root/usr/src/linux-headers-$krel/Makefile" ||
		q_log "warning: unexpected headers Makefile: $(head -n1 "$root/usr/src/linux-headers-$krel/Makefile")"

	# Debian's packages leave modules.dep to the postinst: run depmod here.
	if [ ! -f "$root/$moddir/$krel/modules.dep" ]; then
		sysmap=()
		[ -f "$root/boot/System.map-$krel" ] && sysmap=(-F "$root/boot/System.map-$krel")
		depmod -b "$root" "${sysmap[@]}" "$krel" >&2 || q_die 1 "depmod failed"
	fi

	common_mk=$root/usr/src/$common/Makefile
	kv=$(awk '$1 == "VERSION" { v = $3 } $1 == "PATCHLEVEL" { p = $3 } $1 == "SUBLEVEL" { s = $3 }
		END { if (v != "") print v "." p "." s }' "$common_mk" 2>/dev/null || true)
	[ -n "$kv" ] || kv=${img_ver%%-*}
	[ "$kv" = "${img_ver%%-*}" ] || q_log "note: headers Makefile says $kv, package version $img_ver"

	if [ "$arch" = x86_64 ]; then
		extract_vmlinux "$root/boot/vmlinuz-$krel" "$root/boot/vmlinux-$krel" ||
			q_die 1 "cannot extract vmlinux from boot/vmlinuz-$krel"
		ln -s "root/boot/vmlinux-$krel" "$new/vmlinux"
	fi
	ln -s "root/boot/vmlinuz-$krel" "$new/vmlinuz"
	ln -s "root/boot/config-$krel" "$new/config"
	ln -s "root/$moddir/$krel" "$new/modules"
	ln -s "root/usr/src/linux-headers-$krel" "$new/headers"
	echo "$krel" >"$new/KERNELRELEASE"
	echo "$kv" >"$new/KERNELVERSION"
	echo "$img_ver" >"$new/DEBIAN_VERSION"
	echo "$pkgs_now" >"$new/PACKAGES"
	[ -e "$dest" ] && mv "$dest" "$trash/"
	mv "$new" "$dest"
	(rm -rf "$cache/$arch/.$ver.trash."* >/dev/null 2>&1 &)
	q_log "unpacked in $(q_secs "$t1") s"
fi

{
	echo "format 1"
	echo "lists $(q_lists_sig "$da" "$ha")"
	for i in 0 1 2 3; do
		echo "deb ${uri_file[i]} $(stat -c '%s %Y' "$debs/${uri_file[i]}")"
	done
	echo "files $(find "$dest/root" | wc -l)"
} >"$stamp.tmp"
mv -f "$stamp.tmp" "$stamp"
q_log "$arch $ver ready: $(cat "$dest/KERNELRELEASE") ($(cat "$dest/KERNELVERSION"), Debian $(cat "$dest/DEBIAN_VERSION")) in $(q_secs "$t0") s"
echo "$dest"
