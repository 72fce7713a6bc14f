#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# check-trace on kernel traces recorded by the qemu target
# (tests/data/traces/ftrace/KERNEL/CHECK-TEST.ftrace, see its README.md):
# each is a behaviour of its check of models/oneshot_forwarding.irqspec,
# read through models/oneshot_forwarding.ftrace.json; the same recording
# with a spurious injection added (a second kvm_inj_virq right after the
# first, no new assertion of the line in between) is not, and the report
# names the added line. And the recordings tell the IOAPIC of 6.1 from the
# v6.3 fix: 6.1's stale-level delivery at unmask is no behaviour of the
# fixed variant (ioapic_63), and 6.12's resample at unmask none of the
# old one (ioapic_61).
#
#   check-trace-recordings.sh IRQSPEC SOURCE_DIR
set -eu
irqspec=$1
root=$2
model=$root/models/oneshot_forwarding.irqspec
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
n=0
for f in "$root"/tests/data/traces/ftrace/*/*.ftrace; do
	kernel=$(basename "$(dirname "$f")")
	name=$(basename "$f" .ftrace)
	check=${name%%-*}
	n=$((n + 1))
	if ! "$irqspec" check-trace "$model" --check "$check" "$f" >"$work/out" 2>&1; then
		echo "FAIL: $kernel $name is not a behaviour of check $check:"
		cat "$work/out"
		status=1
		continue
	fi
	echo "ok: $kernel $name: $(head -n 1 "$work/out" | sed 's/^the ftrace log: //')"
done
[ "$n" -gt 0 ] || { echo "FAIL: no recordings"; exit 1; }

# The edit: duplicate the first injection.
for f in "$root"/tests/data/traces/ftrace/*/pic-reproduce_no_duplicate_forward.ftrace; do
	kernel=$(basename "$(dirname "$f")")
	line=$(grep -n 'kvm_inj_virq: IRQ 0x[0-9a-f]*$' "$f" | head -n 1 | cut -d: -f1)
	[ -n "$line" ] || { echo "FAIL: $f has no kvm_inj_virq"; status=1; continue; }
	edited=$work/$kernel-spurious.ftrace
	sed "${line}p" "$f" >"$edited"
	if "$irqspec" check-trace "$model" --check pic "$edited" >"$work/out" 2>&1; then
		echo "FAIL: $kernel: a recording with a spurious injection was explained:"
		cat "$work/out"
		status=1
		continue
	fi
	added=$((line + 1))
	if ! grep -q "spurious.ftrace:$added: kvm_inj_virq" "$work/out"; then
		echo "FAIL: $kernel: the report does not name line $added:"
		cat "$work/out"
		status=1
		continue
	fi
	echo "ok: $kernel: the spurious injection at line $added is named"
done

# The canonical bug, told apart in real traces.
data=$root/tests/data/traces/ftrace
for pair in "6.1.192/ioapic_61-reproduce_no_spurious_injection ioapic_63" \
	"6.12.117/ioapic_63-guest_unmask_line_resample ioapic_61"; do
	set -- $pair
	if "$irqspec" check-trace "$model" --check "$2" "$data/$1.ftrace" >"$work/out" 2>&1; then
		echo "FAIL: $1 is a behaviour of check $2 too:"
		cat "$work/out"
		status=1
	else
		echo "ok: $1 is no behaviour of check $2: $(sed -n 2p "$work/out" | sed 's/^ *//')"
	fi
done
exit $status
