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
# old one (ioapic_61). The RV monitor's binding (models/oneshot_forwarding.rv.json)
# holds on the same kernels: through its mapping in check-trace form
# (tests/data/traces/kvm_set_irq.ftrace.json: kvm_set_irq with source 1),
# every recording of a check it covers is a behaviour of that check, and
# 6.12's resample at unmask, which it says no tracepoint shows, is not.
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

# The RV monitor's events, as kvm_set_irq shows them.
rv=$root/tests/data/traces/kvm_set_irq.ftrace.json
covered=$(python3 -c 'import json, sys; print(" ".join(json.load(open(sys.argv[1]))["checks"]))' \
	"$root/models/oneshot_forwarding.rv.json")
n=0
for check in $covered; do
	for f in "$data"/*/"$check"-*.ftrace; do
		[ -f "$f" ] || continue
		n=$((n + 1))
		if ! "$irqspec" check-trace "$model" --check "$check" --binding "$rv" "$f" >"$work/out" 2>&1
		then
			echo "FAIL: through the RV binding, $f is not a behaviour of check $check:"
			cat "$work/out"
			status=1
		fi
	done
done
[ "$n" -ge 8 ] || { echo "FAIL: only $n recordings of the checks the RV binding covers"; status=1; }
echo "ok: through the RV binding's kvm_set_irq events, $n recordings are behaviours of their checks"
unseen=$data/6.12.117/ioapic_63_unmask_path-host_vfio_unmask.ftrace
if "$irqspec" check-trace "$model" --check ioapic_63_unmask_path --binding "$rv" "$unseen" \
	>"$work/out" 2>&1; then
	echo "FAIL: kvm_set_irq explains 6.12's resample at unmask, which the RV binding calls unseen"
	status=1
else
	echo "ok: 6.12's resample at unmask is not in kvm_set_irq: $(sed -n 2p "$work/out" | sed 's/^ *//')"
fi
exit $status
