#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# expect-exit.sh STATUS REGEX COMMAND [ARGS...]
#
# Runs COMMAND and passes only when it exits with STATUS and its output
# (stdout and stderr) has a line matching the extended REGEX: a fault test
# that a failure is reported as one, with the reason.
set -u
[ $# -ge 3 ] || { echo "usage: $0 STATUS REGEX COMMAND [ARGS...]" >&2; exit 2; }
want=$1
regex=$2
shift 2
out=$("$@" 2>&1)
status=$?
printf '%s\n' "$out" | tail -n 60
if [ "$status" -ne "$want" ]; then
	echo "expect-exit.sh: exit status $status, want $want" >&2
	exit 1
fi
if ! printf '%s\n' "$out" | grep -Eq -- "$regex"; then
	echo "expect-exit.sh: no line matches: $regex" >&2
	exit 1
fi
echo "expect-exit.sh: exit $status and /$regex/ as expected"
