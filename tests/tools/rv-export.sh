#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# irqspec export --rv through the kernel's own dot2k, from Debian's
# linux-source-6.1 and -6.12: dot2k must parse the DOT, and the automaton
# table it generates (compiled, every transition printed by rv_table.c)
# must be exactly the DOT's transitions. Debian's kernels are built without
# CONFIG_RV, so the monitor module itself cannot be built against their
# headers; the table is what such a monitor enforces.
#
#   rv-export.sh IRQSPEC SOURCE_DIR
set -eu
irqspec=$1
root=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for v in 6.1 6.12; do
	tarball=/usr/src/linux-source-$v.tar.xz
	if [ ! -f "$tarball" ]; then
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q "linux-source-$v" >/dev/null
	fi
	tar -xaf "$tarball" -C "$work" --wildcards "*/tools/verification/dot2/*"
	tools=$work/linux-source-$v/tools/verification
	for check in pic ioapic_63 vgic; do
		name=oneshot_$check
		dir=$work/$v-$check
		mkdir -p "$dir/dot2k"
		# dot2k 6.12 looks for its templates in dot2k/rv_templates first.
		cp -r "$tools/dot2/dot2k_templates" "$dir/dot2k/rv_templates"
		"$irqspec" export --rv "$root/models/oneshot_forwarding.irqspec" --check "$check" \
			-o "$dir/$name.dot"
		(cd "$dir" && PYTHONPATH=$tools python3 "$tools/dot2/dot2k" -d "$name.dot" -t global \
			>dot2k.log 2>&1) || {
			echo "FAIL: $v $check: dot2k refused the DOT:"
			cat "$dir/dot2k.log"
			status=1
			continue
		}
		cc -std=gnu11 -Wall -Werror -include stdbool.h -include "$dir/$name/$name.h" \
			-DNAME="$name" -o "$dir/table" "$root/tests/tools/rv_table.c"
		"$dir/table" | sort >"$dir/table.txt"
		# The DOT's transitions: "sX" -> "sY" [ label = "a\nb" ];
		awk '$2 == "->" && $4 == "[" {
			from = $1; to = $3; label = $7
			gsub(/"/, "", from); gsub(/"/, "", to); gsub(/"/, "", label); gsub(/;/, "", to)
			n = split(label, events, /\\n/)
			for (i = 1; i <= n; i++) print from, events[i], to
		}' "$dir/$name.dot" >"$dir/dot.txt"
		echo "initial s0" >>"$dir/dot.txt"
		sort -o "$dir/dot.txt" "$dir/dot.txt"
		if ! cmp -s "$dir/dot.txt" "$dir/table.txt"; then
			echo "FAIL: $v $check: dot2k's table differs from the DOT:"
			diff "$dir/dot.txt" "$dir/table.txt" || true
			status=1
			continue
		fi
		echo "ok: $v $check: dot2k's table has the $(grep -vc '^initial' "$dir/dot.txt") transitions of the DOT"
	done
done
exit $status
