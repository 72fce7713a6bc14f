#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# era-d-tree.sh IRQSPEC CACHE_DIR
#
# The Era D harness around a real v6.17+ irqbypass.c: its selftest, then
# `irqspec conform` of both irqbypass models against the tree (era_d must
# conform, Era C's variants diverge: the binding's expectations). The tree
# is $IRQSPEC_ERA_D_TREE, a kernel tree (or a folder with virt/lib/irqbypass.c,
# include/linux/irqbypass.h and a Makefile with its version); no such tree
# is part of irqspec (kernel code is never committed), so without one the
# test is skipped (exit 77).
set -eu
[ $# -eq 2 ] || { echo "usage: $0 IRQSPEC CACHE_DIR" >&2; exit 2; }
irqspec=$1
cache=$2
tree=${IRQSPEC_ERA_D_TREE:-}
if [ -z "$tree" ]; then
	echo "skipped: set IRQSPEC_ERA_D_TREE to a v6.17+ kernel tree"
	exit 77
fi
root=$(cd "$(dirname "$0")/../.." && pwd)
"$root/conformance/kernel-src/run-selftest-era-d.sh" "$cache" "$tree"
cd "$root"
exec "$irqspec" conform --target kernel-src --source "$tree" \
	models/irqbypass.irqspec models/irqbypass_era_d.irqspec
