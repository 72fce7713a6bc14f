#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# check-traces.sh DIR KERNEL... -- COMMAND [ARGS...]
#
# Runs COMMAND (an `irqspec conform --target qemu ... --record-trace DIR`)
# and passes when it exits 0 and DIR holds a trace of every test of the pic
# and ioapic_61 checks for each KERNEL (a version prefix: 6.1, 6.12), each
# as `cat trace` prints it (the "# tracer:" header) with the kvm_set_irq
# lines of the irqfd injection (conformance/qemu/NOTES.md, "Kernel traces").
set -u
usage() {
	echo "usage: $0 DIR KERNEL... -- COMMAND [ARGS...]" >&2
	exit 2
}
[ $# -ge 4 ] || usage
dir=$1
shift
kernels=()
while [ $# -gt 0 ] && [ "$1" != -- ]; do
	kernels+=("$1")
	shift
done
{ [ $# -ge 2 ] && [ ${#kernels[@]} -gt 0 ]; } || usage
shift
rm -rf "$dir"
out=$("$@" 2>&1)
status=$?
printf '%s\n' "$out" | tail -n 40
fail() {
	echo "check-traces.sh: $*" >&2
	exit 1
}
[ "$status" -eq 0 ] || fail "exit status $status, want 0"
printf '%s\n' "$out" | grep -q 'ftrace: [1-9][0-9]* test traces in' ||
	fail "conform did not say where the traces are"
# The check, its pin (the GSI), and the tests every kernel runs.
for spec in "pic 5" "ioapic_61 10"; do
	read -r check gsi <<<"$spec"
	for k in "${kernels[@]}"; do
		kdirs=("$dir/$check/$k".*)
		[ -d "${kdirs[0]}" ] || fail "no $dir/$check/$k.*/"
		n=0
		for f in "${kdirs[0]}"/*.ftrace; do
			[ -f "$f" ] || fail "no trace in ${kdirs[0]}"
			head -n 1 "$f" | grep -q '^# tracer: nop$' || fail "$f: no '# tracer: nop' header"
			grep -q "kvm_set_irq: gsi $gsi level 1 source 1\$" "$f" ||
				fail "$f: no 'kvm_set_irq: gsi $gsi level 1 source 1' line"
			grep -Eq 'tracing_mark_write: irqspec-test (ok|fail) [0-9]+ ' "$f" ||
				fail "$f: no marker of its test's result"
			n=$((n + 1))
		done
		for t in reproduce_no_spurious_injection reproduce_no_duplicate_forward; do
			[ -f "${kdirs[0]}/$t.ftrace" ] || fail "no ${kdirs[0]}/$t.ftrace"
		done
		echo "check-traces.sh: ${kdirs[0]}: $n traces with kvm_set_irq gsi $gsi"
	done
done
echo "check-traces.sh: every trace is there"
