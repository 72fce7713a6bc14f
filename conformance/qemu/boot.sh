#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# boot.sh --arch ARCH --kernel VMLINUZ --initrd CPIO [options]
#
# Boots one kernel with one initramfs (from make-initramfs.sh) under QEMU
# (TCG), with no display, no network and no disk.  The kernel console goes
# to --log, the init's framed output channel to --out (or stdout).
#
# Exit status: 0 the init reached "@@irqspec done"; 124 timeout (QEMU was
# killed); 125 a kernel panic, or the guest ended without "done"; 4 QEMU was
# killed by a signal from outside; 3 QEMU is missing or did not start; 2
# usage.  On anything but 0 the last 40 lines of
# the console log go to stderr.  See NOTES.md.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck disable=SC2034 # used by lib.sh
q_prog=boot.sh
# shellcheck source=lib.sh
. "$here/lib.sh"

usage() {
	cat >&2 <<'EOF'
usage: boot.sh --arch x86_64|arm64 --kernel VMLINUZ --initrd CPIO [options]
  --append TEXT      added to the kernel command line (repeatable)
  --timeout SECONDS  kill QEMU after this long (default 300)
  --log FILE         the kernel console (whole serial output); default: a
                     temporary file, removed at the end
  --out FILE         the init's output channel (the @@irqspec framing);
                     default: copied to stdout at the end
  --memory MIB       guest memory (default 1024)
  --smp N            vCPUs (default 1)
  --qemu-arg ARG     one more QEMU argument (repeatable): --qemu-arg -device
                     --qemu-arg edu
  --cpu MODEL        QEMU's -cpu (default x86_64: max, which emulates AMD SVM;
                     arm64: max,pauth-impdef=on: pointer authentication with
                     QEMU's cheap algorithm instead of QARMA, boots twice as fast)
  --qemu BINARY      the QEMU to run (default qemu-system-x86_64 / -aarch64)
  --lock FILE        wait for an exclusive flock on FILE before starting QEMU
                     (one VM at a time on a shared machine); the timeout starts
                     when QEMU does
  --dry-run          print the QEMU command line and exit 0
EOF
	exit 2
}

arch='' kernel='' initrd='' log='' outf='' qemu='' cpu='' lock='' dry=0
timeout=300 memory=1024 smp=1
append=()
extra=()
while [ $# -gt 0 ]; do
	case $1 in
	--arch) arch=${2:-} && shift ;;
	--kernel) kernel=${2:-} && shift ;;
	--initrd) initrd=${2:-} && shift ;;
	--append) append+=("${2:-}") && shift ;;
	--timeout) timeout=${2:-} && shift ;;
	--log) log=${2:-} && shift ;;
	--out) outf=${2:-} && shift ;;
	--memory) memory=${2:-} && shift ;;
	--smp) smp=${2:-} && shift ;;
	--qemu-arg) extra+=("${2:-}") && shift ;;
	--qemu) qemu=${2:-} && shift ;;
	--cpu) cpu=${2:-} && shift ;;
	--lock) lock=${2:-} && shift ;;
	--dry-run) dry=1 ;;
	-h | --help) usage ;;
	*) echo "boot.sh: unknown argument: $1" >&2 && usage ;;
	esac
	shift
done
{ [ -n "$arch" ] && [ -n "$kernel" ] && [ -n "$initrd" ]; } || usage
q_debarch "$arch" >/dev/null || usage
{ [[ $timeout =~ ^[0-9]+$ ]] && [ "$timeout" -gt 0 ]; } || q_die 2 "--timeout needs a positive number of seconds"
[[ $memory =~ ^[0-9]+$ ]] || q_die 2 "--memory needs MiB"
[[ $smp =~ ^[0-9]+$ ]] || q_die 2 "--smp needs a number"
[ -r "$kernel" ] || q_die 2 "cannot read the kernel $kernel"
[ -r "$initrd" ] || q_die 2 "cannot read the initramfs $initrd"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/irqspec-boot.XXXXXX")
qpid=
# shellcheck disable=SC2317 # called by the trap
cleanup() {
	if [ -n "$qpid" ] && kill -0 "$qpid" 2>/dev/null; then
		kill -KILL "$qpid" 2>/dev/null || true
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
[ -n "$log" ] || log=$tmp/console.log
to_stdout=0
[ -n "$outf" ] || { outf=$tmp/out; to_stdout=1; }
for f in "$log" "$outf"; do
	[ ! -e "$f" ] || [ -f "$f" ] || q_die 2 "$f is not a regular file"
done
: >"$log" || q_die 2 "cannot write $log"
: >"$outf" || q_die 2 "cannot write $outf"

# Base command lines.  The console on the first UART; panic=-1 reboots at
# once on a panic and -no-reboot turns that into QEMU's exit.
cmdline="panic=-1 printk.devkmsg=on"
# QEMU's option syntax: a comma inside a value is written twice.
qlog=${log//,/,,} qout=${outf//,/,,}
case $arch in
x86_64)
	: "${qemu:=qemu-system-x86_64}"
	cmdline="console=ttyS0,115200 $cmdline"
	args=(-M q35 -cpu "${cpu:-max}"
		-serial "file:$qlog" -serial "file:$qout")
	;;
arm64)
	: "${qemu:=qemu-system-aarch64}"
	cmdline="console=ttyAMA0 kvm-arm.mode=nvhe $cmdline"
	machine=virt,virtualization=on,gic-version=3
	args=(-M "$machine" -cpu "${cpu:-max,pauth-impdef=on}"
		-serial "file:$qlog"
		-device virtio-serial-device
		-chardev "file,id=irqspec,path=$qout"
		-device "virtconsole,chardev=irqspec")
	;;
esac
for a in "${append[@]}"; do
	cmdline="$cmdline $a"
done
args=("${args[@]}" -smp "$smp" -m "$memory"
	-nodefaults -no-user-config -display none -monitor none -nic none
	-no-reboot -accel tcg
	-kernel "$kernel" -initrd "$initrd" -append "$cmdline"
	"${extra[@]}")

if [ "$dry" = 1 ]; then
	printf '%q ' "$qemu" "${args[@]}"
	echo
	exit 0
fi

command -v "$qemu" >/dev/null || q_die 3 "$qemu not found (apt-get install qemu-system-x86 / qemu-system-arm)"

tail_log() {
	local why=$1
	q_log "$why; last 40 lines of the console log ($log):"
	tail -n 40 "$log" | sed 's/^/  | /' >&2
}

if [ -n "$lock" ]; then
	exec 9>>"$lock" || q_die 2 "cannot open the lock $lock"
	flock 9
fi

# QEMU dies with this script even when it is SIGKILLed (no trap runs then).
deathsig=()
if command -v setpriv >/dev/null && setpriv --pdeathsig KILL true 2>/dev/null; then
	deathsig=(setpriv --pdeathsig KILL --)
fi

t0=$(q_now_ms)
"${deathsig[@]}" "$qemu" "${args[@]}" 9>&- </dev/null >"$tmp/qemu.stdout" 2>"$tmp/qemu.stderr" &
qpid=$!

# Wait for QEMU to exit, for the timeout, or for "done" (then give QEMU a
# few seconds to power off by itself).
deadline=$((t0 + timeout * 1000))
done_at=
while kill -0 "$qpid" 2>/dev/null; do
	now=$(q_now_ms)
	if [ -z "$done_at" ] && grep -q '^@@irqspec done' "$outf" 2>/dev/null; then
		done_at=$now
	fi
	if [ -n "$done_at" ] && [ $((now - done_at)) -gt 10000 ]; then
		q_log "the guest said done but QEMU did not exit: killing it"
		break
	fi
	if [ "$now" -ge "$deadline" ]; then
		kill -KILL "$qpid" 2>/dev/null || true
		wait "$qpid" 2>/dev/null || true
		qpid=
		[ "$to_stdout" = 1 ] && cat "$outf"
		tail_log "timeout after $timeout s: QEMU killed"
		exit 124
	fi
	sleep 0.1
done
qrc=0
if kill -0 "$qpid" 2>/dev/null; then
	kill -KILL "$qpid" 2>/dev/null || true
fi
wait "$qpid" || qrc=$?
qpid=
elapsed=$(q_secs "$t0")

[ "$to_stdout" = 1 ] && cat "$outf"

if grep -q '^@@irqspec done' "$outf" 2>/dev/null ||
	grep -q '^@@irqspec done' "$log" 2>/dev/null; then
	q_log "done in $elapsed s"
	exit 0
fi
# A signal from outside (the OOM killer, a user's kill) says nothing about
# the kernel: not a failure of it, and not a pass either.
if [ "$qrc" -gt 128 ] && ! grep -qs 'Kernel panic - not syncing' "$log"; then
	tail_log "QEMU was killed by signal $((qrc - 128)) after $elapsed s, from outside the guest"
	exit 4
fi
if [ ! -s "$log" ] && [ "$qrc" -ne 0 ]; then
	q_log "QEMU did not start (exit $qrc):"
	sed 's/^/  | /' "$tmp/qemu.stderr" >&2
	exit 3
fi
[ -s "$tmp/qemu.stderr" ] && sed 's/^/  qemu: /' "$tmp/qemu.stderr" >&2
if grep -q 'Kernel panic - not syncing' "$log"; then
	tail_log "kernel panic after $elapsed s: $(grep -m1 -o 'Kernel panic - not syncing.*' "$log" | tr -d '\r')"
else
	tail_log "the guest ended without @@irqspec done after $elapsed s (QEMU exit $qrc)"
fi
exit 125
