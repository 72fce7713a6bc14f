#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# rv-add-monitor.sh TREE NAME
#
# Adds to a kernel tree the RV monitor that
#	irqspec export --rv MODEL --check C --name NAME --monitor TREE/kernel/trace/rv/monitors/NAME
# wrote there, as the checklist that command prints (dot2k's) says: the
# object in kernel/trace/rv/Makefile, its Kconfig sourced from
# kernel/trace/rv/Kconfig, its trace events included by
# include/trace/events/rv.h. A monitor already added is left as it is.
# Enable it with CONFIG_RV_MON_<NAME in capitals>.
set -eu
[ $# -eq 2 ] || { echo "usage: $0 TREE NAME" >&2; exit 2; }
tree=$1
name=$2
rv=$tree/kernel/trace/rv
[ -f "$rv/monitors/$name/$name.c" ] || { echo "$0: no monitor at $rv/monitors/$name" >&2; exit 1; }
upper=$(echo "$name" | tr '[:lower:]' '[:upper:]')
object="obj-\$(CONFIG_RV_MON_$upper) += monitors/$name/$name.o"
grep -qxF "$object" "$rv/Makefile" || echo "$object" >>"$rv/Makefile"
kconfig="source \"kernel/trace/rv/monitors/$name/Kconfig\""
grep -qxF "$kconfig" "$rv/Kconfig" || sed -i "/^config RV_REACTORS/i $kconfig\n" "$rv/Kconfig"
events="#include \"../../../kernel/trace/rv/monitors/$name/${name}_trace.h\""
grep -qxF "$events" "$tree/include/trace/events/rv.h" ||
	sed -i "/#endif \/\* CONFIG_DA_MON_EVENTS_IMPLICIT \*\//i $events" "$tree/include/trace/events/rv.h"
