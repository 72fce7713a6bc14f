#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# kill-during.sh PROCESS STATUS REGEX COMMAND [ARGS...]
#
# Runs COMMAND through expect-exit.sh STATUS REGEX while a watcher kills
# (SIGKILL) the first process named PROCESS that it starts: a child that
# dies under the runner is a failure with the reason, never a pass and
# never a hang. Fails too if no such process was started.
set -u
[ $# -ge 4 ] || { echo "usage: $0 PROCESS STATUS REGEX COMMAND [ARGS...]" >&2; exit 2; }
name=$1
shift
killed=$(mktemp)
trap 'rm -f "$killed"' EXIT
(
	for _ in $(seq 1200); do
		if victim=$(pgrep -n -f "^([^ ]*/)?$name "); then
			sleep 1
			kill -KILL "$victim" 2>/dev/null && echo "$victim" >"$killed"
			exit 0
		fi
		sleep 0.5
	done
) &
watcher=$!
"$(dirname "$0")/expect-exit.sh" "$@"
status=$?
kill "$watcher" 2>/dev/null
wait "$watcher" 2>/dev/null
[ -s "$killed" ] || { echo "kill-during.sh: no $name was started" >&2; exit 1; }
exit "$status"
