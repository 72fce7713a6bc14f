#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run-suites.sh [--cache DIR] [--work DIR] [--check CHECK]... [--timeout S] [VERSION...]
#
# Generates the suite of every variant of models/genirq_flows.kmod.json
# (`irqspec gen-tests --target kernel-src --binding ...`, cached while the
# model, the binding and irqspec are unchanged), builds each one as
# irqspec_genirq_test.ko against Debian's x86_64 headers of each VERSION
# (default: 6.1 6.12), boots that kernel once under QEMU with all the
# modules (loaded one after the other, rmmod in between) and prints a
# matrix: per variant and kernel, conforms (every test passed) or diverges
# (with the first failing step), and what the binding's "kernels" expects.
#
# It is what `irqspec conform --target qemu` will do for the kmod target
# once the C++ runner knows it (see NOTES.md); until then, this script.
#
# Exit status: 0 every cell met its expectation; 1 a cell did not, or a
# boot failed; 2 usage; 3 a kernel could not be fetched or a suite built.
# Outputs: WORK/boot-V/{console.log,out,S.ktap}, WORK/suites/S/*.c.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
irqspec=${IRQSPEC:-$root/build/tools/irqspec/irqspec}
model=$root/models/genirq_flows.irqspec
binding=$root/models/genirq_flows.kmod.json
cache=$root/build/qemu-cache
work=$root/build/genirq-kmod
timeout=600
checks=()
versions=()

usage() {
	echo "usage: $0 [--cache DIR] [--work DIR] [--check CHECK]... [--timeout S] [6.1|6.12]..." >&2
	exit 2
}
while [ $# -gt 0 ]; do
	case $1 in
	--cache) [ $# -ge 2 ] || usage; cache=$2; shift 2 ;;
	--work) [ $# -ge 2 ] || usage; work=$2; shift 2 ;;
	--check) [ $# -ge 2 ] || usage; checks+=("$2"); shift 2 ;;
	--timeout) [ $# -ge 2 ] || usage; timeout=$2; shift 2 ;;
	6.1 | 6.12) versions+=("$1"); shift ;;
	*) usage ;;
	esac
done
[ ${#versions[@]} -gt 0 ] || versions=(6.1 6.12)
if [ ${#checks[@]} -eq 0 ]; then
	mapfile -t checks < <(python3 -c 'import json,sys; print("\n".join(json.load(open(sys.argv[1]))["variants"]))' "$binding")
fi
mkdir -p "$work"
work=$(cd "$work" && pwd)

# 1. The suites, regenerated when the model, binding or generator change.
stamp=$(cat "$model" "$binding" "$irqspec" | sha256sum | cut -c1-16)
for c in "${checks[@]}"; do
	d=$work/suites/$c
	if [ -f "$d/.stamp" ] && [ "$(cat "$d/.stamp")" = "$stamp" ]; then
		continue
	fi
	rm -rf "$d"
	echo "gen-tests $c" >&2
	nice "$irqspec" gen-tests "$model" --target kernel-src --binding "$binding" \
		--check "$c" -o "$d" >"$work/gen-$c.log" 2>&1 ||
		{ echo "$0: gen-tests $c failed:" >&2; cat "$work/gen-$c.log" >&2; exit 3; }
	echo "$stamp" >"$d/.stamp"
done

status=0
results=$work/results.txt
: >"$results"
for v in "${versions[@]}"; do
	k=$("$root/conformance/qemu/fetch-kernel.sh" "$cache" x86_64 "$v") || exit 3
	krel=$(cat "$k/KERNELRELEASE")
	kver=$(cat "$k/KERNELVERSION")
	b=$work/boot-$v
	rm -rf "$b"
	mkdir -p "$b/payload"
	{
		echo "timeout 120"
		for c in "${checks[@]}"; do
			m=$work/kmod-$krel/$c
			KCFLAGS=-Werror nice "$here/build-module.sh" "$k/headers" \
				"$work/suites/$c/genirq_flows_${c}_test.c" "$m" x86_64 >/dev/null ||
				{ echo "$0: building $c for $krel failed" >&2; exit 3; }
			mkdir -p "$b/payload/$c"
			cp "$m/irqspec_genirq_test.ko" "$b/payload/$c/"
			echo "kmod $c $c/irqspec_genirq_test.ko"
			echo "sh rmmod_$c rmmod irqspec_genirq_test"
		done
	} >"$b/payload/run.list"
	"$root/conformance/qemu/make-initramfs.sh" --arch x86_64 --modules-dir "$k/modules" \
		--payload "$b/payload" --cache "$cache" -o "$b/initrd.gz" 2>"$b/initramfs.log" ||
		{ cat "$b/initramfs.log" >&2; exit 3; }
	boot_rc=0
	nice "$root/conformance/qemu/boot.sh" --arch x86_64 --kernel "$k/vmlinux" \
		--initrd "$b/initrd.gz" --timeout "$timeout" --append log_buf_len=8M \
		--log "$b/console.log" --out "$b/out" 2>"$b/boot.err" || boot_rc=$?
	if [ "$boot_rc" -ne 0 ]; then
		echo "$0: boot of $krel: status $boot_rc" >&2
		cat "$b/boot.err" >&2
		status=1
	fi
	for c in "${checks[@]}"; do
		"$root/conformance/qemu/extract.sh" "$b/out" --kmsg "$c" >"$b/$c.ktap" 2>/dev/null || true
		st=$("$root/conformance/qemu/extract.sh" "$b/out" --list | awk -v n="$c" '$1 == n {print $3}')
		echo "$v $kver $c ${st:-none} $b/$c.ktap" >>"$results"
	done
done

# 2. The matrix, with the binding's expectations: its "kernels" read by
# tests/conformance/check-matrix.py's implements(), as the ctest of
# `conform --target qemu` reads them.
python3 - "$binding" "$results" "$root/tests/conformance/check-matrix.py" <<'EOF' || status=1
import importlib.util, json, re, sys

binding = json.load(open(sys.argv[1]))
rows = [l.split() for l in open(sys.argv[2]) if l.strip()]
sys.dont_write_bytecode = True
spec = importlib.util.spec_from_file_location("check_matrix", sys.argv[3])
check_matrix = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check_matrix)
implements = check_matrix.implements

bad = 0
cells = {}
kernels = []
for v, kv, check, st, ktap in rows:
    if kv not in kernels:
        kernels.append(kv)
    text = open(ktap).read().splitlines() if st != "none" else []
    res = [l for l in text if re.match(r"(not )?ok \d+ ", l)]
    nok = [l for l in res if l.startswith("not ok")]
    okn = len(res) - len(nok)
    first = ""
    if nok:
        name = nok[0].split()[3]
        # the diagnostics of the first failing test come before its result line
        end = text.index(nok[0])
        start = max(i for i, l in enumerate(text[:end]) if re.match(r"(not )?ok \d+ |1\.\.", l)) + 1
        diags = [l for l in text[start:end] if re.match(r"# \d+\. ", l)] or \
                [l for l in text[start:end] if l.startswith("# ")]
        first = name + ": " + (diags[0][2:] if diags else "(no diagnostics)")
    if st == "none" or not res:
        state = "broken"
    else:
        state = "conforms" if st == "0" and not nok else "diverges"
    want = implements(binding["variants"][check].get("kernels", "all"), kv)
    exp = "conforms" if want else "diverges"
    met = state == exp
    bad += not met
    cells[(check, kv)] = state + ("" if met else " (UNEXPECTED)")
    print(f"{kv:10} {check:34} {state:9} ({okn} passed, {len(nok)} failed); expected {exp}"
          + ("" if met else "  <-- UNEXPECTED"))
    if first:
        print(f"{'':11}first divergence: {first}")
print()
print(f"{'variant':34} " + " ".join(f"{k:22}" for k in kernels))
for check in dict.fromkeys(r[2] for r in rows):
    print(f"{check:34} " + " ".join(f"{cells.get((check, k), '-'):22}" for k in kernels))
sys.exit(1 if bad else 0)
EOF
exit "$status"
