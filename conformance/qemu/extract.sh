#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# extract.sh OUT WHAT - the reference reader of the output channel that
# boot.sh writes (--out): what a parser has to do, in 40 lines of awk.
#
#   extract.sh OUT --list          one line per item: NAME KIND STATUS [timedout]
#   extract.sh OUT --item NAME     the item's output (prog/sh: stdout+stderr;
#                                  kmod: insmod's own messages), unescaped
#   extract.sh OUT --kmsg NAME     a kmod item's kernel log (its KTAP)
#   extract.sh OUT --trace NAME    the item's ftrace buffer (`cat trace`), when recorded
#   extract.sh OUT --dmesg         the whole kernel log
#   extract.sh OUT --header        hello, uname, module, kvm and ftrace lines
#
# Exit status: 0 found, 1 not found (or the run never got there), 2 usage.
set -euo pipefail

usage() {
	echo "usage: extract.sh OUT --list | --header | --dmesg | --item NAME | --kmsg NAME | --trace NAME" >&2
	exit 2
}
[ $# -ge 2 ] || usage
out=$1 what=$2 name=${3:-}
[ -r "$out" ] || usage
case $what in
--list | --header | --dmesg) [ $# -eq 2 ] || usage ;;
--item | --kmsg | --trace) [ $# -eq 3 ] || usage ;;
*) usage ;;
esac

awk -v what="$what" -v name="$name" '
	# A framing line starts with "@@irqspec "; a raw line that started with
	# "@@" was sent with one more "@" in front.
	function raw(line) { return substr(line, 1, 3) == "@@@" ? substr(line, 2) : line }
	BEGIN { found = 0; sec = "" }
	{ sub(/\r$/, "") }
	/^@@irqspec / {
		split($0, f, " ")
		tag = f[2]
		if (tag == "begin") { cur = f[3]; sec = "item"; kind = substr(f[4], 6) }
		else if (tag == "kmsg") { sec = "kmsg" }
		else if (tag == "trace") { sec = "trace"; traced = traced " " f[3] " " }
		else if (tag == "end") {
			if (what == "--list") {
				st = ""; to = ""
				for (i = 4; i in f; i++) {
					if (f[i] ~ /^status=/) st = substr(f[i], 8)
					if (f[i] == "timedout=1") to = " timedout"
				}
				print cur, kind, st to
			}
			if (cur == name && (what == "--item" || what == "--kmsg")) found = 1
			if (cur == name && what == "--trace" && index(traced, " " name " ")) found = 1
			sec = ""; cur = ""
		}
		else if (tag == "dmesg" && f[3] == "begin") sec = "dmesg"
		else if (tag == "dmesg" && f[3] == "end") { if (what == "--dmesg") found = 1; sec = "" }
		else if (what == "--header" && (tag == "hello" || tag == "uname" || tag == "module" || tag == "kvm" || tag ~ /^ftrace/)) { print; found = 1 }
		if (what == "--list") found = 1
		next
	}
	what == "--item" && sec == "item" && cur == name { print raw($0) }
	what == "--kmsg" && sec == "kmsg" && cur == name { print raw($0) }
	what == "--trace" && sec == "trace" && cur == name { print raw($0) }
	what == "--dmesg" && sec == "dmesg" { print raw($0) }
	END { exit found ? 0 : 1 }
' "$out"
