#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash
#
# /init of the initramfs that make-initramfs.sh builds (busybox sh).
#
# Loads the modules listed in /etc/irqspec/modules (dependency order, made
# on the host), then runs the items of /payload/run.list one after the
# other and reports everything, framed by "@@irqspec" lines, on a dedicated
# output channel (x86_64: ttyS1, arm64: hvc0) that the kernel never writes
# to: the kernel console stays on ttyS0 / ttyAMA0.  Ends with the whole
# kernel log and "@@irqspec done", then powers off.  The grammar is in
# NOTES.md ("The output channel").

/bin/busybox mkdir -p /bin /sbin /usr/bin /usr/sbin /proc /sys /dev /tmp /run
/bin/busybox --install -s
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mount -t tmpfs tmpfs /tmp
mount -t tmpfs tmpfs /run
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
exec </dev/console >/dev/console 2>&1

IRQSPEC_ARCH=unknown
IRQSPEC_CHANNEL=
IRQSPEC_KREL=
# shellcheck disable=SC1091
[ -f /etc/irqspec/config ] && . /etc/irqspec/config

# Writes to /dev/kmsg are rate limited by default; the markers must not be.
echo on >/proc/sys/kernel/printk_devkmsg 2>/dev/null

# busybox insmod runs a failing module's init twice (see irqspec-insmod.c).
INSMOD=insmod
[ -x /bin/irqspec-insmod ] && INSMOD=/bin/irqspec-insmod

# A marker in the kernel log (KERN_INFO).
kmsg() {
	echo "<6>irqspec: $*" >/dev/kmsg
}

now() {
	cut -d' ' -f1 /proc/uptime
}

# Output lines that start with "@@" get one more "@" in front, so that only
# the framing starts with "@@irqspec ".  A last line without a newline gets
# one.
esc() {
	awk '{ if (substr($0, 1, 2) == "@@") print "@" $0; else print $0; fflush() }'
}

kmsg "init started"

# ---------------------------------------------------------------- modules
: >/tmp/modules.status
if [ -f /etc/irqspec/modules ]; then
	while read -r mname mpath; do
		[ -n "$mname" ] || continue
		$INSMOD "/lib/modules/$IRQSPEC_KREL/$mpath" >/tmp/insmod.out 2>&1
		st=$?
		echo "$mname $st" >>/tmp/modules.status
		[ "$st" = 0 ] || { echo "irqspec: insmod $mpath: status $st"; cat /tmp/insmod.out; }
	done </etc/irqspec/modules
fi
kmsg "modules loaded"

# ---------------------------------------------------------------- channel
chan=
if [ -n "$IRQSPEC_CHANNEL" ]; then
	# The device node can exist before its driver takes opens (seen on
	# arm64 6.12: "can't create /dev/hvc0: No such device"), and a failed
	# `exec 3>` would end the init: try the open in a subshell first.
	i=0
	while ! { [ -c "/dev/$IRQSPEC_CHANNEL" ] && (: >"/dev/$IRQSPEC_CHANNEL") 2>/dev/null; } &&
		[ "$i" -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	if [ -c "/dev/$IRQSPEC_CHANNEL" ] && (: >"/dev/$IRQSPEC_CHANNEL") 2>/dev/null; then
		chan=$IRQSPEC_CHANNEL
		exec 3>"/dev/$chan"
		# No \r before \n.  While fd 3 is open: hvc resets the settings
		# of a tty at its last close.
		stty -F "/dev/$chan" raw -echo 2>/dev/null
	fi
fi
if [ -z "$chan" ]; then
	echo "irqspec: no /dev/$IRQSPEC_CHANNEL: framing on the console"
	chan=console
	exec 3>/dev/console
fi

out() {
	echo "@@irqspec $*" >&3
}

out "hello format=1 arch=$IRQSPEC_ARCH channel=$chan"
out "uname $(uname -r)"
while read -r mname st; do
	out "module $mname status=$st"
done </tmp/modules.status
if [ -c /dev/kvm ]; then out "kvm yes"; else out "kvm no"; fi

# ---------------------------------------------------------------- ftrace
# /etc/irqspec/ftrace (make-initramfs.sh --ftrace) lists tracepoints,
# SYSTEM:EVENT, one a line, each with an optional filter after it.  Those
# this kernel has are enabled (the kvm ones exist once kvm.ko is loaded,
# hence after the modules); one that is missing is reported and skipped.
# Each item then runs with an empty buffer and tracing on, and its trace
# follows its output (the "trace" section).
trdir=
if [ -s /etc/irqspec/ftrace ]; then
	mkdir -p /sys/kernel/tracing
	mount -t tracefs tracefs /sys/kernel/tracing 2>/dev/null
	for d in /sys/kernel/tracing /sys/kernel/debug/tracing; do
		if [ -f "$d/trace" ] && [ -f "$d/set_event" ]; then
			trdir=$d
			break
		fi
	done
	if [ -n "$trdir" ]; then
		out "ftrace dir=$trdir"
		echo 0 >"$trdir/tracing_on"
		: >"$trdir/set_event"
		# Room for a whole item (the default is 1.4 MB a CPU).
		echo 8192 >"$trdir/buffer_size_kb" 2>/dev/null
		while read -r ev filt; do
			case $ev in
			'' | '#'*) continue ;;
			*[!A-Za-z0-9_:]* | *:*:* | :* | *:) trst=bad ;;
			*:*)
				evdir=$trdir/events/${ev%%:*}/${ev#*:}
				if [ ! -d "$evdir" ]; then
					trst=missing
				elif [ -n "$filt" ] && ! { echo "$filt" >"$evdir/filter"; } 2>/dev/null; then
					trst=bad-filter
				elif ! { echo 1 >"$evdir/enable"; } 2>/dev/null; then
					trst=failed
				else
					trst=enabled
				fi
				;;
			*) trst=bad ;;
			esac
			out "ftrace-event $ev status=$trst"
		done </etc/irqspec/ftrace
		# A test program may mark its tests in the trace (kh_ktap.c).
		export IRQSPEC_TRACE_MARKER="$trdir/trace_marker"
	else
		out "ftrace dir=none"
	fi
fi

# ---------------------------------------------------------------- items
# Runs "$@" in /payload with stdin /dev/null, stdout and stderr to the
# channel (escaped), in its own session, killed with its whole process
# group after $tmo seconds when $tmo > 0.  Sets st and timedout.
run_cmd() {
	rm -f /tmp/item.status /tmp/item.timedout
	(
		cd /payload 2>/dev/null || cd /
		setsid "$@" </dev/null 2>&1 3>&- 4>&- &
		pid=$!
		wd=
		if [ "$tmo" -gt 0 ]; then
			(
				sleep "$tmo"
				touch /tmp/item.timedout
				kill -KILL -"$pid" 2>/dev/null || kill -KILL "$pid"
			) </dev/null >/dev/null 2>&1 3>&- 4>&- &
			wd=$!
		fi
		wait "$pid"
		echo $? >/tmp/item.status
		[ -n "$wd" ] && kill "$wd" 2>/dev/null
		# What the item left running would hold the pipe open.
		kill -KILL -"$pid" 2>/dev/null
	) | esc >&3
	st=$(cat /tmp/item.status 2>/dev/null)
	[ -n "$st" ] || st=255
	timedout=
	[ -e /tmp/item.timedout ] && timedout=" timedout=1"
}

# payload-relative path
ppath() {
	case $1 in
	/*) echo "$1" ;;
	*) echo "/payload/$1" ;;
	esac
}

tmo=0
n=0
lineno=0
set -f
if [ -f /payload/run.list ]; then
	exec 4</payload/run.list
	while read -r kind name rest <&4 || [ -n "$kind" ]; do
		lineno=$((lineno + 1))
		case $kind in
		'' | '#'*) continue ;;
		timeout)
			case $name in
			'' | *[!0-9]*) out "error line=$lineno timeout needs whole seconds" ;;
			*) tmo=$name ;;
			esac
			continue
			;;
		prog | kmod | sh) ;;
		*)
			out "error line=$lineno unknown item kind: $kind"
			continue
			;;
		esac
		case $name in
		'' | *[!A-Za-z0-9_.:+-]*)
			out "error line=$lineno bad item name: $name"
			continue
			;;
		esac
		n=$((n + 1))
		out "begin $name kind=$kind"
		kmsg "item $n begin $name"
		if [ -n "$trdir" ]; then
			: >"$trdir/trace"
			echo 1 >"$trdir/tracing_on"
		fi
		t0=$(now)
		# shellcheck disable=SC2086 # word splitting of the arguments is wanted
		set -- $rest
		case $kind in
		prog)
			p=$(ppath "$1")
			shift
			run_cmd "$p" "$@"
			;;
		sh)
			run_cmd sh -c "$rest"
			;;
		kmod)
			p=$(ppath "$1")
			shift
			run_cmd "$INSMOD" "$p" "$@"
			;;
		esac
		t1=$(now)
		[ -z "$trdir" ] || echo 0 >"$trdir/tracing_on"
		kmsg "item $n end $name status=$st"
		if [ "$kind" = kmod ]; then
			# What the kernel logged between the markers, without the
			# timestamp and the "MODNAME: " prefix of pr_fmt.
			mod=$(basename "$p")
			mod=${mod%%.ko*}
			mod=$(echo "$mod" | tr - _)
			out "kmsg $name"
			dmesg -s 4194304 | awk -v b="irqspec: item $n begin $name" \
				-v e="irqspec: item $n end $name " -v m="$mod: " '
				index($0, b) && substr($0, length($0) - length(b) + 1) == b { on = 1; next }
				index($0, e) { on = 0 }
				on {
					sub(/^\[[ 0-9.]*\] /, "")
					if (index($0, m) == 1) $0 = substr($0, length(m) + 1)
					print
				}' | esc >&3
		fi
		if [ -n "$trdir" ]; then
			# As `cat trace` prints it, header lines included.
			out "trace $name"
			esc <"$trdir/trace" >&3
		fi
		out "end $name status=$st time=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')$timedout"
	done
	exec 4<&-
fi
set +f

# ---------------------------------------------------------------- the end
kmsg "done"
out "dmesg begin"
dmesg -s 4194304 | esc >&3
out "dmesg end"
out "done"
# Closing the tty waits until its output has been sent.
exec 3>&-
poweroff -f
sleep 5
echo "irqspec: poweroff failed"
