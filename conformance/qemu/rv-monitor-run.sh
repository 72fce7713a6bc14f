#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# rv-monitor-run.sh [--irqspec BINARY] [--jobs N] [--reps N] WORK_DIR
#
# Runs the RV monitors that `irqspec export --rv --monitor` writes in a real
# kernel, once: ctest rv_monitor_build only compiles them (Debian's kernels
# have CONFIG_RV off).  Everything big goes under WORK_DIR.
#
# 1. Extracts Debian's linux-source-6.12 (/usr/src/linux-source-6.12.tar.xz)
#    into WORK_DIR and puts three monitors in it the way dot2k's checklist
#    says (tools/rv-add-monitor.sh, as in tests/tools/rv-monitor-build.sh):
#    oneshot_pic and oneshot_pic_not_oneshot from models/oneshot_forwarding.rv.json, and
#    oneshot_pic_swapped, check pic again but from WORK_DIR/swapped.rv.json,
#    a deliberately wrong copy of the binding whose kvm_set_irq rules
#    eventfd_signal and resample are swapped (it must fail).
# 2. Configures a small kernel (tinyconfig plus 64BIT, serial console,
#    initramfs, tracefs, RV with the monitors, KVM=y with KVM_AMD=y) and
#    builds its bzImage with `nice -n 19 make -jN`.
# 3. Generates the host-kvm programs of the model (irqspec gen-tests
#    --target host-kvm) and builds the PIC ones (checks pic and
#    pic_not_oneshot) -static with conformance/host-kvm's harness.
# 4. Boots the kernel under QEMU TCG (boot.sh, make-initramfs.sh), enables
#    oneshot_pic and oneshot_pic_not_oneshot with the printk reactor and the
#    rv trace events on, runs both programs (once, then IRQSPEC_REPEAT=N
#    times), then only oneshot_pic_swapped and the same programs again.
#    Each item's ftrace (the rv events, kvm_set_irq, kvm_inj_virq,
#    kvm_pic_set_irq, kvm_ack_irq) comes back in the init's trace section.
# 5. Prints each item's status, its KTAP totals, the number of event_MON and
#    error_MON lines of every monitor, and excerpts; everything stays in
#    WORK_DIR (out, console.log, ITEM.trace, ITEM.tap, report.txt).
#
# Expected, and checked: the programs pass (KTAP ok); the two real monitors
# step through their automata (event_ lines) and report no error_ line; the
# swapped monitor reports error_oneshot_pic_swapped lines.
#
# Time on this 2-CPU machine (shared, load 1-2): extracting 12-17 s, the
# kernel build 4-6.5 min (239 s and 379 s measured, nice 19, -j2), the
# programs 2 s, the boot to done 13 s (the guest reaches its first item
# 1.3 s after boot; 10 s is boot.sh waiting for a power-off that a kernel
# without ACPI cannot do, then killing QEMU).  276 s in all from an empty
# WORK_DIR.  A second run on the same WORK_DIR reuses the extracted tree and
# rebuilds incrementally.
#
# The guest kernel cannot calibrate its TSC under TCG without ACPI's timers
# (tsc: Unable to calibrate against PIT / No reference (HPET/PMTIMER)), and
# KVM with tsc_khz 0 never runs a vCPU (the harness's KVM_RUN spins until
# its 5 s alarm: "vCPU still running after 5s, rip=0x1000"), so the command
# line gets tsc_early_khz= of the host's clock.
#
# Exit status: 0 everything as expected; 1 a step failed or a result was not
# as expected; 2 usage.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
# shellcheck disable=SC2034 # used by lib.sh
q_prog=rv-monitor-run.sh
# shellcheck source=lib.sh
. "$here/lib.sh"

usage() {
	echo "usage: rv-monitor-run.sh [--irqspec BINARY] [--jobs N] [--reps N] WORK_DIR" >&2
	exit 2
}

irqspec=$top/build/tools/irqspec/irqspec
jobs=2
reps=10
work=''
while [ $# -gt 0 ]; do
	case $1 in
	--irqspec) irqspec=${2:-} && shift ;;
	--jobs) jobs=${2:-} && shift ;;
	--reps) reps=${2:-} && shift ;;
	-h | --help) usage ;;
	-*) usage ;;
	*)
		[ -z "$work" ] || usage
		work=$1
		;;
	esac
	shift
done
[ -n "$work" ] || usage
{ [[ $jobs =~ ^[0-9]+$ ]] && [ "$jobs" -gt 0 ]; } || usage
{ [[ $reps =~ ^[0-9]+$ ]] && [ "$reps" -gt 0 ]; } || usage
[ -x "$irqspec" ] || q_die 2 "no irqspec binary at $irqspec (build the tree, or --irqspec)"
mkdir -p "$work"
work=$(cd "$work" && pwd)
case $work/ in
"$top"/*) q_die 2 "WORK_DIR must not be inside the irqspec tree ($top): a kernel tree goes there" ;;
esac

v=6.12
tarball=/usr/src/linux-source-$v.tar.xz
model=$top/models/oneshot_forwarding.irqspec
binding=$top/models/oneshot_forwarding.rv.json
tree=$work/linux-source-$v
[ -f "$tarball" ] || q_die 1 "no $tarball (apt-get install linux-source-$v)"
status=0
fail() {
	q_log "FAIL: $*"
	status=1
}

# ---------------------------------------------------------------- 1. tree and monitors
t=$(q_now_ms)
if [ ! -f "$work/extracted-$v" ]; then
	rm -rf "$tree"
	nice -n 19 tar -xaf "$tarball" -C "$work"
	touch "$work/extracted-$v"
	q_log "extracted $tarball in $(q_secs "$t") s"
fi
for f in kernel/trace/rv/Makefile kernel/trace/rv/Kconfig include/trace/events/rv.h; do
	[ -f "$tree/$f.orig" ] || cp "$tree/$f" "$tree/$f.orig"
	cp "$tree/$f.orig" "$tree/$f"
done
rm -rf "$tree/kernel/trace/rv/monitors/oneshot_"*

# The wrong binding: kvm_set_irq's eventfd_signal and resample rules swapped.
python3 - "$binding" "$work/swapped.rv.json" <<'EOF'
import json, sys
b = json.load(open(sys.argv[1]))
rules = next(t for t in b["tracepoints"] if t["tracepoint"] == "kvm_set_irq")["rules"]
events = [r.get("event") for r in rules]
i, j = events.index("eventfd_signal"), events.index("resample")
rules[i]["event"], rules[j]["event"] = "resample", "eventfd_signal"
b["about"] = ["A deliberately WRONG copy of models/oneshot_forwarding.rv.json (rv-monitor-run.sh):",
              "kvm_set_irq's eventfd_signal and resample rules swapped, to see the monitor fail."]
json.dump(b, open(sys.argv[2], "w"), indent=1)
EOF

# NAME CHECK BINDING
monitors=("oneshot_pic pic $binding"
	"oneshot_pic_not_oneshot pic_not_oneshot $binding"
	"oneshot_pic_swapped pic $work/swapped.rv.json")
options="-e 64BIT -e PRINTK -e EARLY_PRINTK -e TTY -e SERIAL_8250 -e SERIAL_8250_CONSOLE
	-e BLK_DEV_INITRD -e RD_GZIP -e BINFMT_ELF -e BINFMT_SCRIPT -e PROC_FS -e PROC_SYSCTL
	-e SYSFS -e DEVTMPFS -e DEVTMPFS_MOUNT -e TMPFS -e SHMEM -e FUTEX -e EPOLL -e EVENTFD
	-e SIGNALFD -e TIMERFD -e MULTIUSER -e POSIX_TIMERS -e HIGH_RES_TIMERS -e UNIX98_PTYS
	-e DEBUG_FS -e KALLSYMS -e FTRACE -e ENABLE_DEFAULT_TRACERS -e TRACING -e EVENT_TRACING
	-e RV -e RV_REACTORS -e RV_REACT_PRINTK -e VIRTUALIZATION -e KVM -e KVM_AMD -d KVM_INTEL
	-e CPU_SUP_AMD -e PCI"
want="64BIT PRINTK TTY SERIAL_8250 SERIAL_8250_CONSOLE BLK_DEV_INITRD RD_GZIP BINFMT_ELF
	BINFMT_SCRIPT PROC_FS SYSFS DEVTMPFS DEVTMPFS_MOUNT TMPFS FUTEX EPOLL EVENTFD SIGNALFD
	TIMERFD MULTIUSER FTRACE TRACING EVENT_TRACING RV RV_REACTORS RV_REACT_PRINTK
	VIRTUALIZATION KVM KVM_X86 KVM_AMD PCI"
for m in "${monitors[@]}"; do
	read -r name check bind <<<"$m"
	upper=$(echo "$name" | tr '[:lower:]' '[:upper:]')
	dir=$tree/kernel/trace/rv/monitors/$name
	"$irqspec" export --rv "$model" --check "$check" --name "$name" --binding "$bind" \
		--monitor "$dir" >"$work/$name.checklist" || q_die 1 "irqspec export --rv of $name failed"
	sh "$top/tools/rv-add-monitor.sh" "$tree" "$name"
	options="$options -e RV_MON_$upper"
	want="$want RV_MON_$upper"
done

# ---------------------------------------------------------------- 2. the kernel
cd "$tree"
nice -n 19 make -s tinyconfig >/dev/null 2>&1
# shellcheck disable=SC2086
scripts/config $options
nice -n 19 make -s olddefconfig >/dev/null
for o in $want; do
	grep -qx "CONFIG_$o=y" .config || q_die 1 "the config did not get CONFIG_$o=y"
done
cp .config "$work/config"
t=$(q_now_ms)
q_log "building bzImage (nice -n 19 make -j$jobs; log $work/build.log)"
if ! nice -n 19 make -j"$jobs" bzImage >"$work/build.log" 2>&1; then
	tail -n 40 "$work/build.log" >&2
	q_die 1 "the kernel did not build"
fi
build_s=$(q_secs "$t")
cp arch/x86/boot/bzImage "$work/bzImage"
q_log "kernel built in $build_s s"
cd "$work"

# ---------------------------------------------------------------- 3. the programs
t=$(q_now_ms)
rm -rf "$work/tests" "$work/harness" "$work/payload"
"$irqspec" gen-tests "$model" --target host-kvm -o "$work/tests" >"$work/gen-tests.log" 2>&1 ||
	q_die 1 "irqspec gen-tests failed (see $work/gen-tests.log)"
harness=$top/conformance/host-kvm
nice -n 19 "$harness/build.sh" "$work/harness" >/dev/null
mkdir -p "$work/payload"
progs=(pic pic_not_oneshot)
for c in "${progs[@]}"; do
	src=$work/tests/oneshot_forwarding_${c}_kvm_test.c
	[ -f "$src" ] || q_die 1 "gen-tests wrote no $src"
	nice -n 19 gcc -static -O2 -g -std=gnu11 -Wall -I "$harness" -I "$top/conformance/common" \
		"$src" "$work/harness/libkvm-harness.a" -o "$work/payload/$c"
done
cat >"$work/payload/rv-on.sh" <<'EOF'
#!/bin/sh
# rv-on.sh MONITOR...: only these RV monitors on, with the printk reactor
# and the rv trace events; prints the RV state.
t=/sys/kernel/tracing
for m in "$t"/rv/monitors/*; do echo 0 >"$m/enable"; done
echo 1 >$t/events/rv/enable
echo 1 >$t/rv/reacting_on
echo 1 >$t/rv/monitoring_on
for m in "$@"; do
	echo printk >"$t/rv/monitors/$m/reactors" || echo "no printk reactor for $m"
	echo 1 >"$t/rv/monitors/$m/enable" || { echo "cannot enable $m"; exit 1; }
done
echo "available_monitors: $(tr '\n' ' ' <$t/rv/available_monitors)"
echo "enabled_monitors: $(tr '\n' ' ' <$t/rv/enabled_monitors)"
for m in "$@"; do echo "$m reactors: $(tr '\n' ' ' <"$t/rv/monitors/$m/reactors")"; done
echo "reacting_on: $(cat $t/rv/reacting_on) monitoring_on: $(cat $t/rv/monitoring_on)"
EOF
chmod +x "$work/payload/rv-on.sh"
{
	echo "timeout 300"
	echo "sh rv_on ./rv-on.sh oneshot_pic oneshot_pic_not_oneshot"
	for c in "${progs[@]}"; do echo "prog $c $c"; done
	for c in "${progs[@]}"; do echo "sh ${c}_x$reps IRQSPEC_REPEAT=$reps ./$c"; done
	echo "sh rv_swapped ./rv-on.sh oneshot_pic_swapped"
	for c in "${progs[@]}"; do echo "prog $c.swapped $c"; done
	echo "sh rv_off ./rv-on.sh"
} >"$work/payload/run.list"
q_log "programs built in $(q_secs "$t") s"

# ---------------------------------------------------------------- 4. boot
events="kvm:kvm_set_irq kvm:kvm_inj_virq kvm:kvm_pic_set_irq kvm:kvm_ack_irq"
for m in "${monitors[@]}"; do
	read -r name _ <<<"$m"
	events="$events rv:event_$name rv:error_$name"
done
"$here/make-initramfs.sh" --arch x86_64 --payload "$work/payload" --cache "$work/qemu-cache" \
	--ftrace "$events" -o "$work/initrd.cpio.gz" 2>"$work/initramfs.log" ||
	{ cat "$work/initramfs.log" >&2 && q_die 1 "make-initramfs.sh failed"; }
mhz=$(awk -F: '/^cpu MHz/ { printf "%d", $2 * 1000; exit }' /proc/cpuinfo)
[ -n "$mhz" ] && [ "$mhz" -gt 0 ] || mhz=2000000
t=$(q_now_ms)
rc=0
nice -n 19 "$here/boot.sh" --arch x86_64 --kernel "$work/bzImage" --initrd "$work/initrd.cpio.gz" \
	--append "tsc_early_khz=$mhz" --timeout 900 --log "$work/console.log" --out "$work/out" ||
	rc=$?
boot_s=$(q_secs "$t")
[ "$rc" = 0 ] || q_die 1 "boot.sh exited $rc after $boot_s s (console: $work/console.log)"

# ---------------------------------------------------------------- 5. report
x=$here/extract.sh
{
	echo "kernel: linux-source-$v ($(sed -n 's/^@@irqspec uname //p' "$work/out")), built in $build_s s; boot to done $boot_s s"
	"$x" "$work/out" --list | while read -r item kind st _; do
		"$x" "$work/out" --item "$item" >"$work/$item.tap" || true
		"$x" "$work/out" --trace "$item" >"$work/$item.trace" || true
		totals=$(grep -m1 '^# Totals' "$work/$item.tap" || true)
		counts=''
		for m in "${monitors[@]}"; do
			read -r name _ <<<"$m"
			e=$(grep -c ": event_$name: " "$work/$item.trace" || true)
			r=$(grep -c ": error_$name: " "$work/$item.trace" || true)
			counts="$counts event_$name=$e error_$name=$r"
		done
		echo "$item $kind status=$st${totals:+ [$totals]}$counts"
	done
	echo "reactor (printk) lines in dmesg: $("$x" "$work/out" --dmesg | grep -c 'rv: monitor' || true)"
	"$x" "$work/out" --dmesg | grep -m3 'rv: monitor' || true
} | tee "$work/report.txt"

# Expectations.
count() { grep -c ": $1: " "$work/$2.trace" || true; }
for c in "${progs[@]}" "${progs[@]/%/_x$reps}" "${progs[@]/%/.swapped}"; do
	grep -q "^$c [a-z]* status=0" "$work/report.txt" || fail "$c did not pass (see $work/$c.tap)"
done
for c in "${progs[@]}" "${progs[@]/%/_x$reps}"; do
	for name in oneshot_pic oneshot_pic_not_oneshot; do
		[ "$(count "event_$name" "$c")" -gt 0 ] || fail "$c: no event_$name line"
		[ "$(count "error_$name" "$c")" = 0 ] || fail "$c: error_$name lines: $(grep ": error_$name: " "$work/$c.trace" | head -3)"
	done
done
for c in "${progs[@]/%/.swapped}"; do
	[ "$(count error_oneshot_pic_swapped "$c")" -gt 0 ] || fail "$c: the swapped monitor reported no error"
done
[ "$status" = 0 ] && echo "rv-monitor-run.sh: as expected: the monitors ran, the real ones without an error, the swapped one with errors"
exit $status
