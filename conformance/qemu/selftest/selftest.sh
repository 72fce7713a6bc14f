#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# selftest.sh [--cache DIR] [--work DIR] [--arch ARCH] [--version V] [--no-cache-tests] [CASE...]
#
# Tries the failure modes of the qemu target and checks what the scripts
# report (NOTES.md, "Failure modes").  Cases (default: all):
#   usage items timeout panic no-done missing-module bad-payload qemu-missing
#   qemu-bad-arg download-fail corrupt-deb missing-file
# corrupt-deb and missing-file re-unpack the cached kernel (about 10-60 s
# each); --no-cache-tests leaves them out.
# Prints "PASS case: ..." / "FAIL case: ..." and exits 1 if a case failed.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
q=$(cd "$here/.." && pwd)
top=$(cd "$q/../.." && pwd)

cache=${IRQSPEC_QEMU_CACHE:-$top/build/qemu-cache}
work=$top/build/qemu-selftest
arch=x86_64
ver=6.1
cachetests=1
cases=()
while [ $# -gt 0 ]; do
	case $1 in
	--cache) cache=$2 && shift ;;
	--work) work=$2 && shift ;;
	--arch) arch=$2 && shift ;;
	--version) ver=$2 && shift ;;
	--no-cache-tests) cachetests=0 ;;
	-*) echo "usage: selftest.sh [--cache DIR] [--work DIR] [--arch ARCH] [--version V] [--no-cache-tests] [CASE...]" >&2 && exit 2 ;;
	*) cases+=("$1") ;;
	esac
	shift
done
if [ ${#cases[@]} -eq 0 ]; then
	cases=(usage items timeout panic no-done missing-module bad-payload qemu-missing qemu-bad-arg download-fail)
	[ "$cachetests" = 1 ] && cases+=(corrupt-deb missing-file)
fi
mkdir -p "$work"
work=$(cd "$work" && pwd)

failed=0
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b - a) / 1000 }'; }
pass() { echo "PASS $c: $*"; }
fail() {
	echo "FAIL $c: $*"
	failed=1
}
# expect_rc WANT GOT WHAT
expect_rc() {
	if [ "$2" = "$1" ]; then pass "$3: exit $2"; else fail "$3: exit $2, want $1"; fi
}

kdir=$("$q/fetch-kernel.sh" "$cache" "$arch" "$ver")
kernel=$kdir/vmlinuz
[ -e "$kdir/vmlinux" ] && kernel=$kdir/vmlinux
# oops_status: how insmod ends when the module's init oopses: x86 kills
# the task with SIGKILL after a kernel-mode page fault, arm64 with SIGSEGV.
case $arch in
x86_64) cc=gcc oops_status=137 ;;
arm64) cc=aarch64-linux-gnu-gcc oops_status=139 ;;
esac

# payload NAME: an empty payload folder with the test programs and modules
payload() {
	local p=$work/$1
	rm -rf "$p"
	mkdir -p "$p"
	echo "$p"
}
built=0
build_tests() {
	[ "$built" = 1 ] && return
	"$cc" -static -O2 -Wall -Wextra "$here/kvm_probe.c" -o "$work/kvm_probe"
	"$q/build-module.sh" --kdir "$kdir/headers" --arch "$arch" -o "$work/modules" \
		"$here/ktap_demo.c" "$here/oops_demo.c" >/dev/null
	built=1
}
# boot NAME TIMEOUT [make-initramfs args...]: sets rc; files $work/NAME.{log,out,err}
boot() {
	local name=$1 to=$2
	shift 2
	rc=0
	"$q/make-initramfs.sh" --arch "$arch" --modules-dir "$kdir/modules" --cache "$cache" \
		-o "$work/$name.cpio.gz" "$@" 2>"$work/$name.initramfs.err" || {
		rc=$?
		fail "make-initramfs.sh: exit $rc: $(tail -n 3 "$work/$name.initramfs.err")"
		return 0
	}
	"$q/boot.sh" --arch "$arch" --kernel "$kernel" --initrd "$work/$name.cpio.gz" \
		--timeout "$to" --log "$work/$name.log" --out "$work/$name.out" 2>"$work/$name.err" || rc=$?
}
# item_field OUT NAME FIELD: a key=value of the item's end line
item_field() {
	awk -v n="$2" -v k="$3" '$1 == "@@irqspec" && $2 == "end" && $3 == n {
		for (i = 4; i <= NF; i++) if (index($i, k "=") == 1) print substr($i, length(k) + 2) }' "$1"
}

for c in "${cases[@]}"; do
	case $c in
	usage)
		rc=0 && "$q/boot.sh" >/dev/null 2>&1 || rc=$?
		expect_rc 2 "$rc" "boot.sh without arguments"
		rc=0 && "$q/fetch-kernel.sh" "$cache" sparc 6.1 >/dev/null 2>&1 || rc=$?
		expect_rc 2 "$rc" "fetch-kernel.sh with a bad ARCH"
		rc=0 && "$q/fetch-kernel.sh" "$cache" x86_64 5.10 >/dev/null 2>&1 || rc=$?
		expect_rc 2 "$rc" "fetch-kernel.sh with a bad VERSION"
		rc=0 && "$q/make-initramfs.sh" --arch "$arch" >/dev/null 2>&1 || rc=$?
		expect_rc 2 "$rc" "make-initramfs.sh without -o"
		;;
	items)
		build_tests
		p=$(payload items.payload)
		cp "$work/kvm_probe" "$work/modules/ktap_demo.ko" "$work/modules/oops_demo.ko" "$p/"
		cat >"$p/run.list" <<'EOF'
# the selftest's items
timeout 60
kmod ktap_fail ktap_demo.ko fail=1
kmod ktap ktap_demo.ko
kmod oops oops_demo.ko
prog after_oops /bin/echo still alive
sh esc echo "@@irqspec done"; echo "@@@x"; printf 'no newline at the end'
sh stderr echo to-stderr >&2; exit 7
prog kvm kvm_probe
timeout 3
sh slow echo sleeping; sleep 60; echo not reached
timeout 0
sh last echo last item
EOF
		boot items 300 --kvm --payload "$p"
		o=$work/items.out
		expect_rc 0 "$rc" "boot.sh with the item mix"
		[ "$rc" = 0 ] || { sed 's/^/    /' "$work/items.err"; continue; }
		if grep -q $'\r' "$o"; then fail "the channel has CR characters"; else pass "the channel has plain \\n line ends"; fi
		list=$("$q/extract.sh" "$o" --list | tr '\n' ';') || true
		want="ktap_fail kmod 22;ktap kmod 0;oops kmod $oops_status;after_oops prog 0;esc sh 0;stderr sh 7;kvm prog 0;slow sh 137 timedout;last sh 0;"
		if [ "$list" = "$want" ]; then pass "item statuses: $list"; else fail "item statuses: $list, want $want"; fi
		k=$("$q/extract.sh" "$o" --kmsg ktap) || true
		if grep -qx 'KTAP version 1' <<<"$k" && grep -qx '1\.\.3' <<<"$k" &&
			grep -qx 'ok 3 third # SKIP nothing to do' <<<"$k" &&
			grep -qx '@@irqspec done' <<<"$k"; then
			pass "ktap's KTAP recovered from its kmsg section ($(grep -c '^ok' <<<"$k") ok lines, prefix and timestamps stripped, @@ escaped)"
		else
			fail "ktap's kmsg section: $k"
		fi
		k=$("$q/extract.sh" "$o" --kmsg ktap_fail) || true
		if grep -qx 'not ok 2 second' <<<"$k"; then pass "ktap_fail: not ok 2 in its kmsg, insmod status 22 (EINVAL from its init)"; else fail "ktap_fail kmsg: $k"; fi
		k=$("$q/extract.sh" "$o" --kmsg oops) || true
		if grep -q 'BUG: kernel NULL pointer dereference\|Unable to handle kernel NULL pointer' <<<"$k" &&
			grep -q 'oops_demo_init' <<<"$k"; then
			pass "oops: the oops (with oops_demo_init in the trace) is in the item's kmsg section"
		else
			fail "oops kmsg: $k"
		fi
		d=$("$q/extract.sh" "$o" --dmesg) || true
		if grep -q 'NULL pointer' <<<"$d" && grep -q 'NULL pointer' "$work/items.log"; then
			pass "oops: also in the dmesg section and on the console"
		else
			fail "oops not in dmesg or console"
		fi
		if [ "$("$q/extract.sh" "$o" --item after_oops)" = "still alive" ]; then pass "the init went on after the oops"; else fail "after_oops"; fi
		e=$("$q/extract.sh" "$o" --item esc | tr '\n' '|') || true
		if [ "$e" = "@@irqspec done|@@@x|no newline at the end|" ] && grep -q '^@@@irqspec done' "$o" && grep -q '^@@@@x' "$o"; then
			pass "escaping: raw @@ lines sent as @@@..., unescaped by extract.sh; a last line without newline ends"
		else
			fail "escaping: $e"
		fi
		if [ "$("$q/extract.sh" "$o" --item stderr)" = "to-stderr" ]; then pass "stderr captured, status 7"; else fail "stderr"; fi
		t=$(item_field "$o" slow time)
		if [ "$("$q/extract.sh" "$o" --item slow)" = "sleeping" ] && awk -v t="$t" 'BEGIN { exit !(t >= 2.5 && t < 10) }'; then
			pass "item timeout: killed after $t s (status 137 timedout=1), the run went on"
		else
			fail "item timeout: time $t"
		fi
		if grep -qx 'ok 3 create_vcpu' <<<"$("$q/extract.sh" "$o" --item kvm)"; then pass "kvm_probe: /dev/kvm works"; else fail "kvm_probe"; fi
		if grep -q 'irqspec: item 3 begin oops' "$work/items.log"; then pass "item markers on the console too"; else fail "markers"; fi
		;;
	timeout)
		p=$(payload timeout.payload)
		echo 'sh hang echo hanging forever; sleep 100000' >"$p/run.list"
		boot timeout 30 --payload "$p"
		expect_rc 124 "$rc" "a guest that never finishes, --timeout 30"
		if grep -q 'timeout after 30 s' "$work/timeout.err" && grep -q 'last 40 lines' "$work/timeout.err"; then
			pass "the message and the log tail ($(grep -c '  | ' "$work/timeout.err") lines) on stderr"
		else
			fail "stderr: $(head -3 "$work/timeout.err")"
		fi
		if pgrep -f "$work/timeout.cpio.gz" >/dev/null; then fail "QEMU still runs"; else pass "QEMU is gone"; fi
		;;
	panic)
		p=$(payload panic.payload)
		printf '%s\n' 'sh before echo before the panic' 'sh crash echo c >/proc/sysrq-trigger' 'sh after echo not reached' >"$p/run.list"
		boot panic 120 --payload "$p"
		expect_rc 125 "$rc" "echo c > /proc/sysrq-trigger"
		if grep -q 'kernel panic after .*sysrq triggered crash' "$work/panic.err"; then
			pass "reported: $(grep -m1 -o 'kernel panic after.*' "$work/panic.err")"
		else
			fail "stderr: $(head -3 "$work/panic.err")"
		fi
		if grep -q '^@@irqspec begin crash' "$work/panic.out" && ! grep -q '^@@irqspec end crash' "$work/panic.out" &&
			! grep -q $'\r' "$work/panic.out"; then
			pass "the channel stops inside the crashing item"
		else
			fail "channel: $(tail -2 "$work/panic.out")"
		fi
		;;
	no-done)
		p=$(payload nodone.payload)
		echo 'sh off poweroff -f' >"$p/run.list"
		boot nodone 120 --payload "$p"
		expect_rc 125 "$rc" "the guest powers off before done"
		if grep -q 'ended without @@irqspec done' "$work/nodone.err"; then pass "reported as such"; else fail "stderr: $(head -3 "$work/nodone.err")"; fi
		;;
	missing-module)
		rc=0
		"$q/make-initramfs.sh" --arch "$arch" --modules-dir "$kdir/modules" --module kvm --module no_such_module \
			-o "$work/missing.cpio.gz" 2>"$work/missing.err" || rc=$?
		expect_rc 1 "$rc" "make-initramfs.sh --module no_such_module"
		if grep -q 'no_such_module' "$work/missing.err"; then pass "$(cat "$work/missing.err")"; else fail "message: $(cat "$work/missing.err")"; fi
		;;
	bad-payload)
		p=$(payload bad.payload)
		echo 'frob x y' >"$p/run.list"
		rc=0 && "$q/make-initramfs.sh" --arch "$arch" --payload "$p" -o "$work/bad.cpio.gz" 2>"$work/bad.err" || rc=$?
		expect_rc 1 "$rc" "unknown item kind: $(cat "$work/bad.err")"
		echo 'prog x no_such_program' >"$p/run.list"
		rc=0 && "$q/make-initramfs.sh" --arch "$arch" --payload "$p" -o "$work/bad.cpio.gz" 2>"$work/bad.err" || rc=$?
		expect_rc 1 "$rc" "missing program: $(cat "$work/bad.err")"
		;;
	qemu-missing)
		p=$(payload q.payload)
		"$q/make-initramfs.sh" --arch "$arch" -o "$work/q.cpio.gz" 2>/dev/null
		rc=0 && "$q/boot.sh" --arch "$arch" --kernel "$kernel" --initrd "$work/q.cpio.gz" --qemu /nonexistent/qemu-system-x 2>"$work/q.err" || rc=$?
		expect_rc 3 "$rc" "--qemu /nonexistent: $(cat "$work/q.err")"
		;;
	qemu-bad-arg)
		"$q/make-initramfs.sh" --arch "$arch" -o "$work/q.cpio.gz" 2>/dev/null
		rc=0 && "$q/boot.sh" --arch "$arch" --kernel "$kernel" --initrd "$work/q.cpio.gz" --qemu-arg -no-such-option 2>"$work/q.err" || rc=$?
		expect_rc 3 "$rc" "--qemu-arg -no-such-option: $(tr '\n' ' ' <"$work/q.err")"
		;;
	download-fail)
		# An empty cache and an apt that cannot reach the archive.
		printf 'Acquire::http::Proxy "http://127.0.0.1:9/";\nAcquire::Retries "0";\n' >"$work/apt-broken.conf"
		rm -rf "$work/empty-cache"
		rc=0
		APT_CONFIG=$work/apt-broken.conf "$q/fetch-kernel.sh" "$work/empty-cache" "$arch" "$ver" >/dev/null 2>"$work/dl.err" || rc=$?
		expect_rc 3 "$rc" "$(grep error: "$work/dl.err")"
		rm -rf "$work/empty-cache"
		;;
	corrupt-deb)
		deb=$(awk '$1 == "deb" && $2 ~ /^linux-headers-.*-common_/ { print $2 }' "$kdir/.stamp")
		size=$(stat -c %s "$cache/debs/$deb")
		truncate -s $((size / 2)) "$cache/debs/$deb"
		t0=$(date +%s%3N)
		rc=0 && "$q/fetch-kernel.sh" "$cache" "$arch" "$ver" >/dev/null 2>"$work/corrupt.err" || rc=$?
		t1=$(date +%s%3N)
		expect_rc 0 "$rc" "fetch-kernel.sh after truncating $deb to half"
		if grep -q 'damaged' "$work/corrupt.err" && [ "$(stat -c %s "$cache/debs/$deb")" = "$size" ]; then
			pass "detected and fetched again in $(secs "$t0" "$t1") s: $(grep damaged "$work/corrupt.err")"
		else
			fail "$(cat "$work/corrupt.err")"
		fi
		;;
	missing-file)
		f=$(find "$kdir/root/lib/modules" -name 'irqbypass.ko*' | head -n1)
		rm -f "$f"
		t0=$(date +%s%3N)
		rc=0 && "$q/fetch-kernel.sh" "$cache" "$arch" "$ver" >/dev/null 2>"$work/missing-file.err" || rc=$?
		t1=$(date +%s%3N)
		expect_rc 0 "$rc" "fetch-kernel.sh after deleting ${f#"$kdir"/}"
		if [ -f "$f" ] && grep -q unpacking "$work/missing-file.err"; then
			pass "the tree was unpacked again in $(secs "$t0" "$t1") s"
		else
			fail "$(cat "$work/missing-file.err")"
		fi
		;;
	*) fail "unknown case" ;;
	esac
done
exit "$failed"
