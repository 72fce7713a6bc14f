#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The RV monitors irqspec export --rv --monitor writes, built in Debian's
# linux-source-6.12 the way dot2k's checklist puts a monitor in a tree
# (Debian's own kernels have CONFIG_RV off, so their headers cannot build
# one): every check models/oneshot_forwarding.rv.json covers becomes
# kernel/trace/rv/monitors/oneshot_CHECK/, listed (tools/rv-add-monitor.sh)
# in kernel/trace/rv's Makefile and Kconfig, its trace events included by
# include/trace/events/rv.h; a defconfig with KVM, RV and the monitors on;
# then, with warnings as errors, `make kernel/trace/rv/` must build rv.o
# (which defines the monitors' trace events) and every monitor. Checked too:
# each monitor's object refers to the tracepoints of the binding, the
# generated C is checkpatch-clean, dot2k reads the DOT written beside it
# and its automaton table has exactly the transitions of ours, and a check
# the binding does not cover (ioapic_63) is refused with the reason.
#
#   rv-monitor-build.sh IRQSPEC SOURCE_DIR WORK_DIR
set -eu
irqspec=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$2" && pwd)
work=$3
model=$root/models/oneshot_forwarding.irqspec
binding=$root/models/oneshot_forwarding.rv.json
v=6.12
mkdir -p "$work"
work=$(cd "$work" && pwd)
status=0
fail() {
	echo "FAIL: $*"
	status=1
}

tarball=/usr/src/linux-source-$v.tar.xz
if [ ! -f "$tarball" ]; then
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q "linux-source-$v" >/dev/null
fi
tree=$work/linux-source-$v
if [ ! -f "$work/extracted-$v" ]; then
	rm -rf "$tree"
	tar -xaf "$tarball" -C "$work"
	touch "$work/extracted-$v"
fi
# The files the checklist edits, from the tarball's copies on every run.
for f in kernel/trace/rv/Makefile kernel/trace/rv/Kconfig include/trace/events/rv.h; do
	[ -f "$tree/$f.orig" ] || cp "$tree/$f" "$tree/$f.orig"
	cp "$tree/$f.orig" "$tree/$f"
done
rm -rf "$tree/kernel/trace/rv/monitors/oneshot_"*

checks=$(python3 -c 'import json, sys; print(" ".join(json.load(open(sys.argv[1]))["checks"]))' \
	"$binding")
tracepoints=$(python3 -c 'import json, sys
print(" ".join(t["tracepoint"] for t in json.load(open(sys.argv[1]))["tracepoints"]))' "$binding")
options="-e FTRACE -e FUNCTION_TRACER -e RV -e KVM -e KVM_INTEL -e KVM_AMD"
for check in $checks; do
	name=oneshot_$check
	upper=$(echo "$name" | tr a-z A-Z)
	dir=$tree/kernel/trace/rv/monitors/$name
	"$irqspec" export --rv "$model" --check "$check" --name "$name" --monitor "$dir" \
		>"$work/$name.checklist"
	grep -q "obj-\$(CONFIG_RV_MON_$upper) += monitors/$name/$name.o" "$work/$name.checklist" ||
		fail "$name: the checklist does not say what the Makefile needs"
	sh "$root/tools/rv-add-monitor.sh" "$tree" "$name"
	options="$options -e RV_MON_$upper"
done

cd "$tree"
make -s defconfig >/dev/null
# shellcheck disable=SC2086
scripts/config $options
make -s olddefconfig >/dev/null
for check in $checks; do
	upper=$(echo "oneshot_$check" | tr a-z A-Z)
	grep -qx "CONFIG_RV_MON_$upper=y" .config || fail "Kconfig did not enable RV_MON_$upper"
done
if ! make -j"$(nproc)" KCFLAGS=-Werror kernel/trace/rv/ >"$work/build.log" 2>&1; then
	fail "the monitors do not build:"
	tail -n 40 "$work/build.log"
	exit 1
fi
cd "$work"

for check in $checks; do
	name=oneshot_$check
	dir=$tree/kernel/trace/rv/monitors/$name
	for tp in $tracepoints; do
		nm "$dir/$name.o" | grep -q " U __tracepoint_$tp\$" ||
			fail "$name.o does not attach to tracepoint $tp"
	done
	nm "$tree/kernel/trace/rv/rv.o" | grep -q " __tracepoint_error_$name\$" ||
		fail "rv.o does not define the trace event error_$name"
	report=$(perl "$tree/scripts/checkpatch.pl" --no-tree --terse -f "$dir/$name.c" \
		"$dir/$name.h" "$dir/${name}_trace.h" "$dir/Kconfig" 2>&1 | grep -E 'ERROR|WARNING' || true)
	[ -z "$report" ] || fail "$name: checkpatch: $report"

	# dot2k on the DOT beside the monitor: the same transitions as our header.
	scratch=$work/dot2k-$name
	rm -rf "$scratch"
	mkdir -p "$scratch/dot2k"
	tools=$tree/tools/verification
	cp -r "$tools/dot2/dot2k_templates" "$scratch/dot2k/rv_templates"
	cp "$dir/$name.dot" "$scratch/"
	if ! (cd "$scratch" && PYTHONPATH=$tools python3 "$tools/dot2/dot2k" -d "$name.dot" \
		-t global >dot2k.log 2>&1); then
		fail "$name: dot2k refused the DOT: $(cat "$scratch/dot2k.log")"
		continue
	fi
	for h in "$scratch/$name/$name.h" "$dir/$name.h"; do
		cc -std=gnu11 -Wall -Werror -include stdbool.h -include "$h" -DNAME="$name" \
			-o "$scratch/table" "$root/tests/tools/rv_table.c"
		"$scratch/table" | sort >"$h.table"
	done
	if ! cmp -s "$scratch/$name/$name.h.table" "$dir/$name.h.table"; then
		fail "$name: dot2k's automaton differs from ours:"
		diff "$scratch/$name/$name.h.table" "$dir/$name.h.table" || true
		continue
	fi
	echo "ok: $name builds in linux-source-$v, attaches to $tracepoints; dot2k's table has its $(grep -vc '^initial' "$dir/$name.h.table") transitions"
done

# A check whose resample no tracepoint shows: no monitor, and the reason.
if "$irqspec" export --rv "$model" --check ioapic_63 --name oneshot_ioapic_63 \
	--monitor "$work/refused" >"$work/refused.log" 2>&1; then
	fail "a monitor of ioapic_63 was written"
elif ! grep -q "no RV monitor of check ioapic_63 .*kvm_notify_irqfd_resampler" "$work/refused.log"; then
	fail "ioapic_63 refused without the reason: $(cat "$work/refused.log")"
else
	echo "ok: ioapic_63 refused: $(cat "$work/refused.log")"
fi
exit $status
