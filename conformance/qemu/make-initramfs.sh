#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make-initramfs.sh --arch ARCH -o OUT [options]
#
# Builds a gzip'd newc cpio for boot.sh: busybox-static of ARCH, the
# requested kernel modules with their dependencies (from modules.dep,
# decompressed), a payload folder as /payload and the /init of init.sh,
# which loads the modules in dependency order and runs /payload/run.list.
# See NOTES.md for the payload contract and the output grammar.
#
# Exit status: 0 written, 1 failure (a module or a payload file is missing,
# a bad run.list, busybox not available), 2 usage.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck disable=SC2034 # used by lib.sh
q_prog=make-initramfs.sh
# shellcheck source=lib.sh
. "$here/lib.sh"

usage() {
	cat >&2 <<'EOF'
usage: make-initramfs.sh --arch x86_64|arm64 -o OUT [options]
  --modules-dir DIR   a lib/modules/KREL tree (fetch-kernel.sh's modules/, or
                      INSTALL_MOD_PATH of make modules_install: its lib/modules/KREL
                      is found when there is one)
  --module NAME       load NAME and its dependencies at boot (repeatable;
                      '-' and '_' are the same)
  --kvm               the modules /dev/kvm needs on ARCH (x86_64: kvm-amd, which
                      brings ccp, kvm, irqbypass; arm64: none when KVM is built in)
  --payload DIR       copied to /payload; DIR/run.list says what to run
  --ftrace EVENTS     record these tracepoints (SYSTEM:EVENT, separated by spaces
                      or commas; repeatable) for every item: the init enables
                      those the kernel has and sends each item's trace after it
  --ftrace-filter 'EVENT FILTER'
                      record EVENT with this ftrace filter (repeatable), e.g.
                      'workqueue:workqueue_queue_work workqueue == "events"'
  --busybox FILE      a static busybox of ARCH (default: the host's busybox-static
                      for the host's arch, else busybox-static:ARCH from the archive)
  --cache DIR         where busybox-static:ARCH is kept (default
                      $IRQSPEC_QEMU_CACHE, else build/qemu-cache of this tree)
  -o, --output OUT    the cpio.gz to write
EOF
	exit 2
}

arch='' out='' moddir='' payload='' busybox='' kvm=0
ftrace=() ftrace_filter=()
cache=${IRQSPEC_QEMU_CACHE:-$here/../../build/qemu-cache}
want=()
while [ $# -gt 0 ]; do
	case $1 in
	--arch) arch=${2:-} && shift ;;
	--modules-dir) moddir=${2:-} && shift ;;
	--module) want+=("${2:-}") && shift ;;
	--kvm) kvm=1 ;;
	--payload) payload=${2:-} && shift ;;
	--ftrace) read -ra evs <<<"${2//,/ }" && ftrace+=("${evs[@]}") && shift ;;
	--ftrace-filter) ftrace_filter+=("${2:-}") && shift ;;
	--busybox) busybox=${2:-} && shift ;;
	--cache) cache=${2:-} && shift ;;
	-o | --output) out=${2:-} && shift ;;
	-h | --help) usage ;;
	*) echo "make-initramfs.sh: unknown argument: $1" >&2 && usage ;;
	esac
	shift
done
{ [ -n "$arch" ] && [ -n "$out" ]; } || usage
da=$(q_debarch "$arch") || usage
for m in "${want[@]}"; do
	[ -n "$m" ] || usage
done
for e in "${ftrace[@]}" "${ftrace_filter[@]%% *}"; do
	[[ $e =~ ^[A-Za-z0-9_]+:[A-Za-z0-9_]+$ ]] ||
		{ echo "make-initramfs.sh: --ftrace $e: not a tracepoint (SYSTEM:EVENT)" >&2 && usage; }
done
for f in "${ftrace_filter[@]}"; do
	[[ $f == *' '?* && $f != *$'\n'* ]] ||
		{ echo "make-initramfs.sh: --ftrace-filter '$f': want 'SYSTEM:EVENT FILTER'" >&2 && usage; }
done
if [ ${#want[@]} -gt 0 ] || [ "$kvm" = 1 ]; then
	[ -n "$moddir" ] || q_die 2 "--module and --kvm need --modules-dir"
fi
[ -z "$payload" ] || [ -d "$payload" ] || q_die 1 "no payload folder $payload"

t0=$(q_now_ms)
stage=$(mktemp -d "${TMPDIR:-/tmp}/irqspec-initramfs.XXXXXX")
trap 'rm -rf "$stage"' EXIT

# ---------------------------------------------------------------- busybox
is_static_elf() {
	[ -f "$1" ] && [ "$(head -c4 "$1" | od -An -c | tr -d ' \n')" = '177ELF' ] || return 1
	if command -v readelf >/dev/null &&
		grep -q 'program interpreter' <<<"$(readelf -l "$1" 2>/dev/null)"; then
		return 1
	fi
}

# Prints the path of a static busybox of $da, fetching busybox-static:$da
# into $cache/busybox/$da once.
find_busybox() {
	if [ "$da" = "$(q_hostarch)" ] && is_static_elf /bin/busybox &&
		grep -q '^busybox-static' <<<"$(dpkg -S /bin/busybox 2>/dev/null)"; then
		echo /bin/busybox
		return
	fi
	mkdir -p "$cache" || q_die 1 "cannot create $cache"
	local dir=$cache/busybox/$da
	mkdir -p "$dir"
	exec 8>"$cache/.busybox-$da.lock"
	flock 8
	if [ -f "$dir/busybox" ] && [ -f "$dir/.ok" ] &&
		[ "$(stat -c %s "$dir/busybox")" = "$(cat "$dir/.ok")" ] && is_static_elf "$dir/busybox"; then
		echo "$dir/busybox"
		return
	fi
	q_ensure_arch "$cache" "$da" || q_die 1 "cannot use Debian architecture $da"
	rm -rf "$dir/debs" "$dir/x" "$dir/.ok"
	q_log "downloading busybox-static:$da"
	if ! q_download "$cache" "$dir/debs" "busybox-static:$da"; then
		q_apt_update "$cache" || true
		q_download "$cache" "$dir/debs" "busybox-static:$da" ||
			q_die 1 "cannot download busybox-static:$da"
	fi
	dpkg -x "$dir"/debs/busybox-static_*.deb "$dir/x"
	is_static_elf "$dir/x/bin/busybox" || q_die 1 "busybox-static:$da has no static bin/busybox"
	mv -f "$dir/x/bin/busybox" "$dir/busybox"
	rm -rf "$dir/x"
	stat -c %s "$dir/busybox" >"$dir/.ok"
	echo "$dir/busybox"
}

# The init loads modules with irqspec-insmod (a single finit_module call):
# busybox insmod retries a failed finit_module with init_module, so the
# init of a module that fails would run twice.  Built static, cached.
build_insmod() {
	local cc src=$here/irqspec-insmod.c dir sum
	case $arch in
	x86_64) cc=${CC_X86_64:-x86_64-linux-gnu-gcc} ;;
	arm64) cc=${CC_ARM64:-aarch64-linux-gnu-gcc} ;;
	esac
	command -v "$cc" >/dev/null || { [ "$arch" = "$(uname -m)" ] && cc=gcc; }
	dir=$cache/tools/$da
	sum=$(sha256sum <"$src" | cut -d' ' -f1)
	mkdir -p "$dir"
	# Kernels boot in parallel and each makes its initramfs: one builds the
	# tool, the others wait for it (without the lock, two compilers wrote
	# one file and a kernel got a broken insmod: every module failed).
	exec 7>"$dir/.irqspec-insmod.lock"
	flock 7
	if [ -x "$dir/irqspec-insmod" ] && [ "$(cat "$dir/irqspec-insmod.sum" 2>/dev/null)" = "$sum" ] &&
		is_static_elf "$dir/irqspec-insmod"; then
		echo "$dir/irqspec-insmod"
		return
	fi
	command -v "$cc" >/dev/null || return 1
	rm -f "$dir/irqspec-insmod.sum"
	"$cc" -static -O2 -Wall "$src" -o "$dir/irqspec-insmod.tmp.$$" >&2 || return 1
	mv -f "$dir/irqspec-insmod.tmp.$$" "$dir/irqspec-insmod"
	echo "$sum" >"$dir/irqspec-insmod.sum"
	echo "$dir/irqspec-insmod"
}

if [ -z "$busybox" ]; then
	busybox=$(find_busybox)
fi
is_static_elf "$busybox" || q_die 1 "$busybox is not a static ELF executable"
mkdir -p "$stage/bin" "$stage/etc/irqspec" "$stage/dev" "$stage/proc" "$stage/sys" "$stage/tmp"
cp "$busybox" "$stage/bin/busybox"
chmod 755 "$stage/bin/busybox"
ln -s busybox "$stage/bin/sh"
if insmod_bin=$(build_insmod); then
	cp "$insmod_bin" "$stage/bin/irqspec-insmod"
else
	q_log "warning: no compiler for $arch: the init uses busybox insmod, which runs a failing module's init twice"
fi
cp "$here/init.sh" "$stage/init"
chmod 755 "$stage/init"
if [ "$(id -u)" -eq 0 ]; then
	mknod "$stage/dev/console" c 5 1
	mknod "$stage/dev/null" c 1 3
fi

# ---------------------------------------------------------------- payload
# Host-side check of run.list, so that mistakes show before a boot.
kmods=()
check_runlist() {
	local f=$1 n=0 kind name path rest
	while read -r kind name path rest || [ -n "$kind" ]; do
		n=$((n + 1))
		case $kind in
		'' | '#'*) continue ;;
		timeout)
			[[ $name =~ ^[0-9]+$ ]] || q_die 1 "$f:$n: timeout needs whole seconds"
			continue
			;;
		prog | kmod | sh) ;;
		*) q_die 1 "$f:$n: unknown item kind '$kind' (prog, kmod, sh, timeout)" ;;
		esac
		[[ $name =~ ^[A-Za-z0-9_.:+-]+$ ]] || q_die 1 "$f:$n: bad item name '$name' (letters, digits, _ . : + -)"
		[ -n "$path" ] || q_die 1 "$f:$n: $kind $name: nothing to run"
		[ "$kind" = sh ] && continue
		case $path in
		/*) continue ;; # a path in the initramfs, e.g. /bin/ls
		esac
		[ -f "$payload/$path" ] || q_die 1 "$f:$n: $kind $name: no $path in $payload"
		if [ "$kind" = prog ]; then
			[ -x "$payload/$path" ] || q_die 1 "$f:$n: prog $name: $path is not executable"
		else
			kmods+=("$payload/$path")
		fi
	done <"$f"
}

if [ -n "$payload" ]; then
	cp -a "$payload/." "$stage/payload/" 2>/dev/null || {
		mkdir -p "$stage/payload"
		cp -a "$payload/." "$stage/payload/"
	}
	if [ -f "$payload/run.list" ]; then
		check_runlist "$payload/run.list"
	else
		q_log "warning: $payload has no run.list: the init will run nothing"
	fi
fi

# ---------------------------------------------------------------- modules
krel=
if [ -n "$moddir" ]; then
	[ -d "$moddir" ] || q_die 1 "no modules folder $moddir"
	if [ ! -f "$moddir/modules.dep" ] && [ -d "$moddir/lib/modules" ]; then
		# An INSTALL_MOD_PATH with one release in it.
		sub=$(cd "$moddir/lib/modules" && ls)
		[ "$(printf '%s\n' "$sub" | wc -l)" = 1 ] && moddir=$moddir/lib/modules/$sub
	fi
	[ -f "$moddir/modules.dep" ] || q_die 1 "$moddir has no modules.dep (run depmod, or give the lib/modules/KREL folder)"
	moddir=$(cd "$moddir" && pwd -P)
	krel=$(basename "$moddir")
fi

if [ -n "$moddir" ]; then
	builtin=$moddir/modules.builtin
	[ -f "$builtin" ] || builtin=/dev/null
	# The output channel of the init (arm64: virtio console over virtio-mmio).
	chanmods=()
	[ "$arch" = arm64 ] && chanmods=(virtio_mmio virtio_console)
	if [ "$kvm" = 1 ]; then
		case $arch in
		x86_64) want+=(kvm_amd) ;; # TCG's -cpu max emulates AMD SVM only
		arm64) want+=(kvm) ;;      # built in on Debian: nothing to load
		esac
	fi
	for k in "${kmods[@]}"; do
		deps=$(modinfo -F depends "$k" 2>/dev/null || true)
		vm=$(modinfo -F vermagic "$k" 2>/dev/null || true)
		[ -z "$vm" ] || [ "${vm%% *}" = "$krel" ] ||
			q_log "warning: $k was built for ${vm%% *}, not $krel: insmod will refuse it"
		for d in ${deps//,/ }; do
			want+=("$d")
		done
	done
	plan=$(awk -v want="${want[*]}" -v chan="${chanmods[*]}" '
		function norm(p) {
			sub(/.*\//, "", p)
			sub(/\.ko(\.(xz|zst|gz))?$/, "", p)
			gsub(/-/, "_", p)
			return p
		}
		function visit(n, opt,   d, j) {
			if (n in done)
				return
			done[n] = 1
			if (!(n in path)) {
				print (n in builtin ? "builtin " : opt ? "absent " : "missing ") n
				return
			}
			split(deps[n], d, " ")
			for (j = 1; j in d; j++)
				visit(d[j], 0)
			print "load " n " " path[n]
		}
		FNR == 1 { file++ }
		file == 1 {
			p = $1
			sub(/:$/, "", p)
			n = norm(p)
			path[n] = p
			deps[n] = ""
			for (i = 2; i <= NF; i++)
				deps[n] = deps[n] " " norm($i)
			next
		}
		file == 2 { builtin[norm($1)] = 1; next }
		END {
			k = split(chan, c, " ")
			for (i = 1; i <= k; i++)
				visit(norm(c[i]), 1)
			k = split(want, w, " ")
			for (i = 1; i <= k; i++)
				visit(norm(w[i]), 0)
		}' "$moddir/modules.dep" "$builtin")
	missing=$(printf '%s\n' "$plan" | awk '$1 == "missing" { printf "%s%s", sep, $2; sep = " " }')
	[ -z "$missing" ] || q_die 1 "module not found in $moddir/modules.dep (nor built in): $missing"
	absent=$(printf '%s\n' "$plan" | awk '$1 == "absent" { printf " %s", $2 }')
	[ -z "$absent" ] || q_log "warning: no${absent}: the init's output channel falls back to the console"
	: >"$stage/etc/irqspec/modules"
	loaded=()
	while read -r what name rel; do
		case $what in
		builtin) q_log "$name is built into $krel" ;;
		load)
			dst=${rel%.xz}
			dst=${dst%.zst}
			dst=${dst%.gz}
			mkdir -p "$(dirname "$stage/lib/modules/$krel/$dst")"
			case $rel in
			*.xz) xz -dc "$moddir/$rel" >"$stage/lib/modules/$krel/$dst" ;;
			*.zst) zstd -q -dc "$moddir/$rel" >"$stage/lib/modules/$krel/$dst" ;;
			*.gz) gzip -dc "$moddir/$rel" >"$stage/lib/modules/$krel/$dst" ;;
			*) cp "$moddir/$rel" "$stage/lib/modules/$krel/$dst" ;;
			esac || q_die 1 "cannot decompress $moddir/$rel"
			echo "$name $dst" >>"$stage/etc/irqspec/modules"
			loaded+=("$name")
			;;
		esac
	done <<<"$plan"
	mkdir -p "$stage/lib/modules/$krel"
	for f in modules.builtin modules.builtin.modinfo modules.order; do
		[ -f "$moddir/$f" ] && cp "$moddir/$f" "$stage/lib/modules/$krel/"
	done
	# A modules.dep for the subset, so that modprobe works in sh items.
	if command -v depmod >/dev/null; then
		depmod -b "$stage" "$krel" 2>/dev/null || q_log "warning: depmod of the initramfs modules failed"
	fi
	q_log "modules (load order): ${loaded[*]:-none}"
fi

case $arch in
x86_64) chan=ttyS1 ;;
arm64) chan=hvc0 ;;
esac
cat >"$stage/etc/irqspec/config" <<EOF
IRQSPEC_ARCH=$arch
IRQSPEC_CHANNEL=$chan
IRQSPEC_KREL=$krel
EOF
if [ $((${#ftrace[@]} + ${#ftrace_filter[@]})) -gt 0 ]; then
	printf '%s\n' "${ftrace[@]}" "${ftrace_filter[@]}" | grep -v '^$' >"$stage/etc/irqspec/ftrace"
fi

# ---------------------------------------------------------------- cpio
mkdir -p "$(dirname "$out")"
(cd "$stage" && find . -print0 | LC_ALL=C sort -z |
	cpio --null -o -H newc -R 0:0 --quiet | gzip -6) >"$out.tmp" ||
	q_die 1 "cpio failed"
mv -f "$out.tmp" "$out"
q_log "wrote $out ($(stat -c %s "$out") bytes) in $(q_secs "$t0") s"
