# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# lib.sh - helpers shared by the scripts of conformance/qemu (sourced, bash).
#
# Set q_prog before sourcing it (the name used in messages).

q_prog=${q_prog:-qemu}

q_log() {
	printf '%s: %s\n' "$q_prog" "$*" >&2
}

# q_die STATUS MESSAGE...
q_die() {
	local st=$1
	shift
	printf '%s: error: %s\n' "$q_prog" "$*" >&2
	exit "$st"
}

# Debian architecture of an irqspec ARCH.
q_debarch() {
	case $1 in
	x86_64) echo amd64 ;;
	arm64) echo arm64 ;;
	*) return 1 ;;
	esac
}

q_hostarch() {
	dpkg --print-architecture
}

# Milliseconds since the epoch (for timings).
q_now_ms() {
	date +%s%3N
}

# q_secs START_MS: elapsed seconds with one decimal.
q_secs() {
	local d=$(($(q_now_ms) - $1))
	printf '%d.%d' $((d / 1000)) $((d % 1000 / 100))
}

# Runs apt-get update (serialised through CACHE/.apt.lock).  Needs root.
q_apt_update() {
	local cache=$1
	[ "$(id -u)" -eq 0 ] || {
		q_log "not root: cannot run apt-get update"
		return 1
	}
	q_log "apt-get update"
	(
		flock 7
		apt-get update -q >&2
	) 7>"$cache/.apt.lock"
}

# Makes sure dpkg knows the foreign architecture DEBARCH (and apt has its
# package lists).  Needs root when it is missing.
q_ensure_arch() {
	local cache=$1 da=$2
	[ "$da" = "$(q_hostarch)" ] && return 0
	grep -qx "$da" <<<"$(dpkg --print-foreign-architectures)" && return 0
	[ "$(id -u)" -eq 0 ] || {
		q_log "architecture $da is not configured (run as root: dpkg --add-architecture $da; apt-get update)"
		return 1
	}
	q_log "dpkg --add-architecture $da"
	(
		flock 7
		dpkg --add-architecture "$da"
	) 7>"$cache/.apt.lock"
	q_apt_update "$cache"
}

# Signature of apt's package lists for the given Debian architectures: it
# changes when apt-get update brings new lists.
q_lists_sig() {
	local da f
	for da in "$@"; do
		for f in /var/lib/apt/lists/*_binary-"$da"_Packages*; do
			[ -e "$f" ] && stat -c '%n %s %Y' "$f"
		done
	done | cksum | cut -d' ' -f1
}

# q_verify_file FILE SIZE HASH: HASH is apt's "SHA256:hex" (or SHA512:,
# MD5Sum:).  Returns 0 when FILE has that size and hash.
q_verify_file() {
	local f=$1 size=$2 hash=$3 algo want got
	[ -f "$f" ] || return 1
	[ "$(stat -c %s "$f")" = "$size" ] || return 1
	algo=${hash%%:*}
	want=${hash#*:}
	case $algo in
	SHA256) got=$(sha256sum "$f") ;;
	SHA512) got=$(sha512sum "$f") ;;
	MD5Sum) got=$(md5sum "$f") ;;
	*) return 1 ;;
	esac
	[ "${got%% *}" = "$want" ]
}

# q_download CACHE DESTDIR SPEC...: apt-get download SPEC... (pkg[:arch][=ver])
# into DESTDIR, by way of a temporary folder so that an interrupted download
# never leaves a file under its final name.  Prints nothing on stdout.
q_download() {
	local cache=$1 destdir=$2 tmp rc=0 f
	shift 2
	mkdir -p "$destdir"
	tmp=$(mktemp -d "$destdir/.dl.XXXXXX")
	local sandbox=()
	[ "$(id -u)" -eq 0 ] && sandbox=(-o APT::Sandbox::User=root)
	(cd "$tmp" && apt-get download -q "${sandbox[@]}" "$@") >&2 || rc=$?
	if [ "$rc" -eq 0 ]; then
		for f in "$tmp"/*.deb; do
			[ -e "$f" ] && mv -f "$f" "$destdir/"
		done
	fi
	rm -rf "$tmp"
	return "$rc"
}
