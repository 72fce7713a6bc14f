#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# kill-during.sh PROCESS STATUS REGEX COMMAND [ARGS...]
#
# Runs COMMAND, kills (SIGKILL) the first process named PROCESS that it
# starts, and passes only when COMMAND then exits with STATUS and prints a
# line matching REGEX: a child that dies under the runner is a failure with
# the reason, never a pass and never a hang.
set -u
[ $# -ge 4 ] || { echo "usage: $0 PROCESS STATUS REGEX COMMAND [ARGS...]" >&2; exit 2; }
name=$1 want=$2 regex=$3
shift 3
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$@" >"$out" 2>&1 &
pid=$!
killed=0
for _ in $(seq 600); do
	if victim=$(pgrep -n -f "^([^ ]*/)?$name "); then
		sleep 1
		kill -KILL "$victim" 2>/dev/null && killed=1
		break
	fi
	kill -0 "$pid" 2>/dev/null || break
	sleep 0.5
done
wait "$pid"
status=$?
tail -n 40 "$out"
[ "$killed" = 1 ] || { echo "kill-during.sh: no $name was started" >&2; exit 1; }
[ "$status" -eq "$want" ] || { echo "kill-during.sh: exit status $status, want $want" >&2; exit 1; }
grep -Eq -- "$regex" "$out" || { echo "kill-during.sh: no line matches: $regex" >&2; exit 1; }
echo "kill-during.sh: $name killed; exit $status and /$regex/ as expected"
