#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# kselftest-tree.sh IRQSPEC WORK_DIR [VERSION...]     (default: 6.1 6.12)
#
# `irqspec gen-tests --target kselftest` as a drop-in for a kernel tree:
# the suites of models/irqbypass.irqspec (kernel-src: the tree's own
# virt/lib/irqbypass.c in userspace) and models/oneshot_forwarding.irqspec
# (host-kvm: /dev/kvm) are generated into one folder, which is put at
# tools/testing/selftests/irqspec/ of the files of Debian's
# linux-source-VERSION that a selftest build needs (extracted once into
# WORK_DIR/tree-VERSION; apt-get installs the package if it is missing),
# and run with the tree's own
#	make -C tools/testing/selftests TARGETS=irqspec run_tests
# Checked, per version:
# - every program of the folder was built, and the runner's verdict of
#   each is "ok" (a pass, or "# SKIP" for exit 4); the irqbypass suite
#   passes (6.1 and 6.12 both implement its check era_c, as for
#   `conform --target kernel-src`); with a usable /dev/kvm the PIC
#   programs pass (the variants this host runs faithfully; the IOAPIC
#   ones pass or skip, see docs/conformance.md);
# - every program run alone exits 0 or 4 (KSFT_PASS, KSFT_SKIP; the
#   irqbypass one 0), and a KVM program with /dev/kvm replaced by
#   /dev/null (a private mount namespace, when unshare can make one)
#   skips with exit 4 and "1..0 # SKIP";
# - the tree's tools/testing/kunit/kunit.py parse accepts the runner's
#   output and the output of each program, with no failure;
# - the tree's scripts/checkpatch.pl --no-tree -f finds 0 errors and 0
#   warnings in the generated C (the *_test.c and ktap_kselftest.c); the
#   copied harness sources are counted, not judged.
# Run from the top of the irqspec tree.  Exit status 0 pass, 1 fail,
# 2 usage.
set -euo pipefail

[ $# -ge 2 ] || { echo "usage: $0 IRQSPEC WORK_DIR [VERSION...]" >&2; exit 2; }
irqspec=$1
work=$2
shift 2
versions=("$@")
[ ${#versions[@]} -gt 0 ] || versions=(6.1 6.12)
mkdir -p "$work"
work=$(cd "$work" && pwd)
failures=0
fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}

# What the selftest build, the checks and the kunit parser need of a tree.
members() {
	local p=linux-source-$1
	printf '%s\n' "$p/Makefile" "$p/scripts/subarch.include" \
		"$p/scripts/checkpatch.pl" "$p/scripts/spelling.txt" \
		"$p/scripts/const_structs.checkpatch" \
		"$p/tools/testing/selftests/Makefile" \
		"$p/tools/testing/selftests/lib.mk" \
		"$p/tools/testing/selftests/kselftest.h" \
		"$p/tools/testing/selftests/kselftest_harness.h" \
		"$p/tools/testing/selftests/kselftest/*" \
		"$p/tools/include/*" "$p/tools/testing/kunit/*" \
		"$p/virt/lib/irqbypass.c" "$p/include/linux/irqbypass.h"
}

# Extract the files of linux-source-$1 into $work/tree-$1 (once a tarball).
extract() {
	local v=$1 tarball=/usr/src/linux-source-$1.tar.xz
	local dest=$work/tree-$v stamp
	if [ ! -f "$tarball" ]; then
		echo "installing linux-source-$v" >&2
		apt-get install -y "linux-source-$v" >/dev/null ||
			{ apt-get update >/dev/null && apt-get install -y "linux-source-$v" >/dev/null; }
	fi
	stamp=$(stat -c '%s %Y' "$tarball")
	if [ -f "$dest/.stamp" ] && [ "$(cat "$dest/.stamp")" = "$stamp" ]; then
		return 0
	fi
	rm -rf "$dest" "$dest.tmp"
	mkdir -p "$dest.tmp"
	mapfile -t m < <(members "$v")
	tar -xaf "$tarball" -C "$dest.tmp" --wildcards "${m[@]}"
	mv "$dest.tmp/linux-source-$v" "$dest"
	rmdir "$dest.tmp"
	echo "$stamp" >"$dest/.stamp"
}

# kunit.py parse TREE KTAP OUT: it found tests and none failed, crashed
# or was in error (its exit status is 1 also when every test skipped).
kunit_accepts() {
	local summary
	python3 "$1/tools/testing/kunit/kunit.py" parse "$2" >"$3" 2>&1 || true
	summary=$(grep 'Testing complete\. Ran [1-9][0-9]* tests' "$3" | tail -1)
	if [ -z "$summary" ] || echo "$summary" | grep -Eq 'failed|crashed|errors'; then
		tail -5 "$3"
		return 1
	fi
}

pids=()
for v in "${versions[@]}"; do
	extract "$v" >"$work/extract-$v.log" 2>&1 &
	pids+=($!)
done

# Both models' suites into one folder, while the trees are extracted.
gen=$work/gen
rm -rf "$gen"
for model in models/irqbypass.irqspec models/oneshot_forwarding.irqspec; do
	if ! "$irqspec" gen-tests "$model" --target kselftest -o "$gen" \
		>"$work/gen-$(basename "$model" .irqspec).log" 2>&1; then
		cat "$work/gen-$(basename "$model" .irqspec).log"
		fail "gen-tests $model --target kselftest"
		exit 1
	fi
done
mapfile -t progs < <(cd "$gen" && ls -- *_test.c | sed 's/\.c$//')
echo "generated ${#progs[@]} programs: ${progs[*]}"
[ -f "$gen/harness/common/ktap_kselftest.c" ] || fail "no ktap_kselftest.c in $gen"

for i in "${!versions[@]}"; do
	wait "${pids[$i]}" || { cat "$work/extract-${versions[$i]}.log"; fail "extract ${versions[$i]}"; exit 1; }
done

kvm_usable=0
if [ -r /dev/kvm ] && [ -w /dev/kvm ]; then
	kvm_usable=1
fi

for v in "${versions[@]}"; do
	tree=$work/tree-$v
	dir=$tree/tools/testing/selftests/irqspec
	rm -rf "$dir"
	cp -r "$gen" "$dir"
	log=$work/run-$v.log
	echo "== linux-source-$v: make -C tools/testing/selftests TARGETS=irqspec run_tests"
	(cd "$tree" && make -C tools/testing/selftests TARGETS=irqspec run_tests) >"$log" 2>&1 ||
		fail "$v: make run_tests exited $?"
	grep -E '^(ok|not ok) [0-9]+ selftests: irqspec: ' "$log" || true
	for p in "${progs[@]}"; do
		[ -x "$dir/$p" ] || { fail "$v: $p was not built"; continue; }
		line=$(grep -E "^(ok|not ok) [0-9]+ selftests: irqspec: $p( |$)" "$log" || true)
		case $line in
		"ok "*"# SKIP"*)
			case $p in
			*_kvm_test) ;;
			*) fail "$v: $p skipped" ;;
			esac
			case $p in
			*_pic*_kvm_test) [ $kvm_usable = 0 ] || fail "$v: $p skipped with /dev/kvm" ;;
			esac ;;
		"ok "*) ;;
		*) fail "$v: $p: runner says '${line:-nothing}'" ;;
		esac
		# Alone: the kselftest exit code, and KTAP that kunit.py reads.
		rc=0
		(cd "$dir" && "./$p") >"$work/$p-$v.ktap" 2>&1 || rc=$?
		case $p:$rc in
		*_kvm_test:0 | *_kvm_test:4 | *:0) ;;
		*) fail "$v: ./$p exited $rc" ;;
		esac
		kunit_accepts "$tree" "$work/$p-$v.ktap" "$work/$p-$v.kunit" ||
			fail "$v: kunit.py parse rejects the output of $p"
	done
	if kunit_accepts "$tree" "$log" "$work/kunit-$v.log"; then
		echo "kunit.py parse (runner output): $(grep -o 'Ran .*' "$work/kunit-$v.log" | tail -1)"
		echo "kunit.py parse (each program alone): $(cat "$work"/*-"$v".kunit |
			sed -n 's/.*Testing complete. Ran \([0-9]*\) tests.*/\1/p' |
			awk '{ n += $1 } END { print n }') tests, none failed, crashed or in error"
	else
		fail "$v: kunit.py parse rejects the runner's output"
	fi
	# No /dev/kvm: a KVM program skips with exit 4.
	kp=$(printf '%s\n' "${progs[@]}" | grep '_kvm_test$' | head -1 || true)
	if [ -n "$kp" ] && unshare -m true 2>/dev/null; then
		rc=0
		out=$(cd "$dir" && unshare -m sh -c "mount --bind /dev/null /dev/kvm && exec ./$kp") || rc=$?
		if [ $rc = 4 ] && printf '%s\n' "$out" | grep -q '^1\.\.0 # SKIP'; then
			echo "without /dev/kvm: $kp skips (exit 4)"
		else
			fail "$v: without /dev/kvm $kp exited $rc: $out"
		fi
	fi
	# checkpatch: the generated C is clean; the copied harness is counted.
	for f in "$dir"/*_test.c "$dir/harness/common/ktap_kselftest.c"; do
		total=$( (cd "$tree" && perl scripts/checkpatch.pl --no-tree -f "$f") 2>&1 |
			grep '^total:' || true)
		case $total in
		"total: 0 errors, 0 warnings,"*) ;;
		*) fail "$v: checkpatch $(basename "$f"): ${total:-no summary}" ;;
		esac
	done
	echo "checkpatch: $(ls "$dir"/*_test.c | wc -l) generated files and ktap_kselftest.c clean"
	hw=0
	he=0
	while read -r f; do
		t=$( (cd "$tree" && perl scripts/checkpatch.pl --no-tree -f "$f") 2>&1 | grep '^total:' || true)
		e=$(echo "$t" | sed -n 's/^total: \([0-9]*\) errors, \([0-9]*\) warnings.*/\1/p')
		w=$(echo "$t" | sed -n 's/^total: \([0-9]*\) errors, \([0-9]*\) warnings.*/\2/p')
		he=$((he + ${e:-0}))
		hw=$((hw + ${w:-0}))
	done < <(find "$dir/harness" -name '*.[ch]' ! -name ktap_kselftest.c)
	echo "checkpatch (copied harness, not judged): $he errors, $hw warnings"
done

if [ $failures -gt 0 ]; then
	echo "kselftest-tree: $failures failure(s)"
	exit 1
fi
echo "kselftest-tree: pass (${versions[*]})"
