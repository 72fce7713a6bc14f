#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run-selftest.sh CACHE_DIR [VERSION...]
#
# The harness's self-check (not a conformance test).  For each VERSION
# (6.1 | 6.12, default both) it fetches Debian's x86_64 kernel into
# CACHE_DIR with ../qemu/fetch-kernel.sh, builds selftest.c as the test
# module with build-module.sh (KCFLAGS=-Werror) against its headers/, and
# boots it six times (boots A-F below), each with a tests= selection: one
# initramfs per boot (../qemu/make-initramfs.sh; irqbypass.ko comes along
# as the module's dependency) with the run.list
#	timeout 300
#	kmod selftest irqspec_irqbypass_test.ko PARAMS...
# booted with ../qemu/boot.sh (vmlinux, PVH).  Each boot checks that the
# guest reached done, the uname, the item's status (insmod: 0, or 22 when
# init returned -EINVAL), every test's result line, the report lines
# (regular expressions) and the KTAP plan, reading the module's KTAP from
# the output channel's kmsg section (../qemu/extract.sh OUT --kmsg
# selftest).
#
# Environment:
#   JOBS=N          boots at a time (default 2; each VM has one vCPU)
#   BOOT_TIMEOUT=S  boot.sh --timeout (default 600)
#   KEEP_LOGS=DIR   keep VERSION-BOOT.console.log, .out (the channel) and
#                   .ktap (the kmsg section) there
# Exit status: 0 all boots as expected, 1 otherwise (also when a kernel
# cannot be fetched or the module not built), 2 usage.
set -euo pipefail

usage() {
	echo "usage: $0 CACHE_DIR [VERSION...]   (VERSION: 6.1 | 6.12)" >&2
	exit 2
}
[ $# -ge 1 ] || usage
here=$(cd "$(dirname "$0")" && pwd)
q=$here/../qemu
cache=$1
shift
if [ $# -gt 0 ]; then
	versions=("$@")
else
	versions=(6.1 6.12)
fi
for v in "${versions[@]}"; do
	case $v in 6.1 | 6.12) ;; *) usage ;; esac
done
jobs=${JOBS:-2}
boot_timeout=${BOOT_TIMEOUT:-600}
[[ $jobs =~ ^[1-9][0-9]*$ ]] || { echo "$0: JOBS=$jobs: want a number" >&2; exit 2; }
mkdir -p "$cache"
cache=$(cd "$cache" && pwd)

tmp=$(mktemp -d)
pids=()
# shellcheck disable=SC2317 # called by the trap
cleanup() {
	# boot.sh kills its QEMU when it gets SIGTERM.
	[ ${#pids[@]} -eq 0 ] || kill "${pids[@]}" 2>/dev/null || true
	wait 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

good=(connect_producer_first connect_consumer_first only_required_callbacks
      einval ebusy add_producer_fails add_consumer_fails module_going
      unregister_while_going_is_noop unknown_consumer_unregister_is_noop
      failed_producer_with_cleared_token leaves_a_mess starts_clean)
bad=(must_fail_log_mismatch must_fail_wrong_value must_fail_misuse)
crashy=(must_fail_missed_crash unknown_producer_unregister_crashes
	stale_producer_unregister_crashes)
csv() { local IFS=,; echo "$*"; }

results_of() {	# WANT NAME...
	local want=$1 n
	shift
	for n in "$@"; do
		echo -n "$n=$want "
	done
}

# name|params|item status|results|patterns (| separated)
# Item status: what irqspec-insmod returns, 0 or 22 (init returned -EINVAL).
boots=(
"A|tests=$(csv "${good[@]}" "${crashy[@]}" "${bad[@]}" must_fail_oops_outside plain_register)|22|\
$(results_of ok "${good[@]}" unknown_producer_unregister_crashes plain_register)\
$(results_of fail "${bad[@]}" must_fail_missed_crash must_fail_oops_outside)\
$(results_of skip stale_producer_unregister_crashes)|\
white-box: mutex lock \[irqbypass\]|callback log mismatch|\
^# ! -  +prod.add_consumer p0 c0\$|want 0, got -16 \(-EBUSY\)|\
harness misuse: no producer p8|returned, but the model expects a crash|\
reaches a crash step: run after the others|\
BUG\(\) in the test: the test thread died \(oops\)|\
kernel: kernel BUG at .*generated_test.c|\
kernel: list_del corruption, [0-9a-f]+->next is NULL|\
expected crash in h_unregister_producer\(1\): the test thread died after a list corruption report|\
after the crash: irqbypass's count \+3 since the test started, mutex held|\
last harness events:|^# Totals: pass:15 fail:5 xfail:0 xpass:0 skip:1 error:0\$"
"B|tests=stale_producer_unregister_crashes|0|\
stale_producer_unregister_crashes=ok|\
kernel: list_del corruption, [0-9a-f]+->next is (LIST_POISON1 \()?dead000000000100"
"C|tests=must_fail_crash_wrong_log|22|must_fail_crash_wrong_log=fail|\
callback log mismatch|^# ! cons.del_producer c0 p0 +cons.del_producer c0 p1\$"
"D|tests=must_fail_crash,plain_register|22|\
must_fail_crash=fail plain_register=skip|\
the test thread died \(oops\)|kernel: list_del corruption|\
irqbypass is unusable until reboot: irqbypass's mutex is held by the dead test thread"
"E|tests=must_fail_timeout,plain_register timeout=1|22|\
must_fail_timeout=fail plain_register=skip|\
wait forever: timeout after 1 s|a test thread is still running"
"F|tests=$(csv "${good[@]}" "${crashy[@]}" "${bad[@]}" plain_register) probe=1 crash=0|22|\
$(results_of ok "${good[@]}" plain_register)$(results_of fail "${bad[@]}")\
$(results_of skip "${crashy[@]}")|\
isolation checked with probes|crash step not run \(crash=0\)"
)

# check DIR KREL WANT_STATUS "name=ok|fail|skip ..." "regex|regex..."
# DIR holds boot.rc, boot.err, out and console.log of one boot; writes
# DIR/ktap.  Prints what is wrong; returns 1 if anything is.
check() {
	local dir=$1 krel=$2 want_status=$3 results=$4 patterns=$5
	local nbad=0 rc item status uname r name want line plan nres p
	local ktap=$dir/ktap

	rc=$(cat "$dir/boot.rc")
	if [ "$rc" != 0 ]; then
		echo "  boot.sh exit status $rc:"
		sed 's/^/    /' "$dir/boot.err"
		nbad=1
	fi
	uname=$("$q/extract.sh" "$dir/out" --header | sed -n 's/^@@irqspec uname //p')
	[ "$uname" = "$krel" ] ||
		{ echo "  the guest booted '${uname:-nothing}', want $krel"; nbad=1; }
	item=$("$q/extract.sh" "$dir/out" --list | awk '$1 == "selftest"')
	status=$(awk '{ print $3 }' <<<"$item")
	[[ $item != *timedout* ]] || { echo "  the item timed out: $item"; nbad=1; }
	[ "$status" = "$want_status" ] ||
		{ echo "  item status '${status:-none}', want $want_status"; nbad=1; }
	"$q/extract.sh" "$dir/out" --kmsg selftest >"$ktap" || true
	# The kmsg section also holds the kernel's own lines (taint, oopses):
	# they never look like KTAP result lines.
	case $(grep -cx 'KTAP version 1' "$ktap") in
	1) ;;
	0) echo "  no KTAP stream in the kmsg section"; return 1 ;;
	*) echo "  more than one KTAP stream (the module was loaded twice?)"; nbad=1 ;;
	esac
	plan=$(sed -n 's/^1\.\.\([0-9][0-9]*\)$/\1/p' "$ktap")
	nres=$(grep -cE '^(not )?ok [0-9]+ ' "$ktap" || true)
	if [ -z "$plan" ] || [ "$plan" != "$nres" ]; then
		echo "  plan '1..${plan:-?}', but $nres result lines"
		nbad=1
	fi
	for r in $results; do
		name=${r%=*}
		want=${r#*=}
		line=$(grep -E "^(not )?ok [0-9]+ $name( |\$)" "$ktap" || true)
		case $want in
		ok)	[[ $line =~ ^ok\ [0-9]+\ $name$ ]] ;;
		fail)	[[ $line =~ ^not\ ok ]] ;;
		skip)	[[ $line =~ ^ok\ [0-9]+\ $name\ \#\ SKIP ]] ;;
		esac || { echo "  $name: want $want, got '${line:-nothing}'"; nbad=1; }
	done
	IFS='|' read -r -a pats <<<"$patterns"
	for p in "${pats[@]}"; do
		[ -z "$p" ] && continue
		grep -Eq -- "$p" "$ktap" ||
			{ echo "  no line matching '$p'"; nbad=1; }
	done
	return $nbad
}

# 1. Kernels, module, one initramfs per boot.
declare -A krel kernel
todo=()
for v in "${versions[@]}"; do
	k=$("$q/fetch-kernel.sh" "$cache" x86_64 "$v") ||
		{ echo "$0: cannot fetch the x86_64 $v kernel" >&2; exit 1; }
	krel[$v]=$(cat "$k/KERNELRELEASE")
	kernel[$v]=$k/vmlinux
	[ -f "${kernel[$v]}" ] || kernel[$v]=$k/vmlinuz
	KCFLAGS=-Werror "$here/build-module.sh" "$k/headers" "$here/selftest.c" \
		"$tmp/build-$v" >/dev/null ||
		{ echo "$0: the self-test module does not build for $v" >&2; exit 1; }
	for b in "${boots[@]}"; do
		IFS='|' read -r name params _ <<<"$b"
		dir=$tmp/$v-$name
		mkdir -p "$dir/payload"
		cp "$tmp/build-$v/irqspec_irqbypass_test.ko" "$dir/payload/"
		printf 'timeout 300\nkmod selftest irqspec_irqbypass_test.ko %s\n' \
			"$params" >"$dir/payload/run.list"
		"$q/make-initramfs.sh" --arch x86_64 --modules-dir "$k/modules" \
			--payload "$dir/payload" --cache "$cache" \
			-o "$dir/initrd.gz" 2>"$dir/initramfs.log" || {
			echo "$0: make-initramfs.sh failed for $v $name:" >&2
			cat "$dir/initramfs.log" >&2
			exit 1
		}
		todo+=("$v|$name")
	done
done

# 2. Boot, JOBS at a time.  Each boot's exit status goes to DIR/boot.rc.
declare -A dir_of
for t in "${todo[@]}"; do
	v=${t%|*}
	if [ ${#pids[@]} -ge "$jobs" ]; then
		wait -n -p done_pid "${pids[@]}" && rc=0 || rc=$?
		echo "$rc" >"${dir_of[$done_pid]}/boot.rc"
		for i in "${!pids[@]}"; do
			[ "${pids[$i]}" != "$done_pid" ] || unset 'pids[i]'
		done
		pids=("${pids[@]}")
	fi
	dir=$tmp/${t/|/-}
	nice "$q/boot.sh" --arch x86_64 --kernel "${kernel[$v]}" \
		--initrd "$dir/initrd.gz" --timeout "$boot_timeout" \
		--append log_buf_len=8M --log "$dir/console.log" \
		--out "$dir/out" 2>"$dir/boot.err" &
	pids+=($!)
	dir_of[$!]=$dir
done
while [ ${#pids[@]} -gt 0 ]; do
	wait -n -p done_pid "${pids[@]}" && rc=0 || rc=$?
	echo "$rc" >"${dir_of[$done_pid]}/boot.rc"
	for i in "${!pids[@]}"; do
		[ "${pids[$i]}" != "$done_pid" ] || unset 'pids[i]'
	done
	pids=("${pids[@]}")
done

# 3. Check, in order.
npass=0
nfail=0
for v in "${versions[@]}"; do
	for b in "${boots[@]}"; do
		IFS='|' read -r name params want_status results patterns <<<"$b"
		dir=$tmp/$v-$name
		if out=$(check "$dir" "${krel[$v]}" "$want_status" "$results" "$patterns")
		then
			echo "selftest $v $name: as expected"
			npass=$((npass + 1))
		else
			echo "selftest $v $name: FAILED ($params)"
			printf '%s\n' "$out"
			# boot.err already has the console's tail when boot.sh failed.
			if [ -s "$dir/ktap" ]; then
				sed 's/^/  | /' "$dir/ktap"
			elif [ "$(cat "$dir/boot.rc")" = 0 ]; then
				tail -n 40 "$dir/console.log" | sed 's/^/  | /'
			fi
			nfail=$((nfail + 1))
		fi
		if [ -n "${KEEP_LOGS:-}" ]; then
			mkdir -p "$KEEP_LOGS"
			for f in console.log out ktap; do
				[ ! -f "$dir/$f" ] || cp "$dir/$f" "$KEEP_LOGS/$v-$name.$f"
			done
		fi
	done
done
echo "$npass passed, $nfail failed"
[ $nfail -eq 0 ]
