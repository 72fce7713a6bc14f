#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# build-module.sh KDIR TEST_C OUTDIR [ARCH]
#
# Build irqspec_genirq_test.ko from TEST_C, a file written by `irqspec
# gen-tests models/genirq_flows.irqspec --binding models/genirq_flows.kmod.json
# --target kernel-src`, against the kernel headers in KDIR:
# ../common/build-module.sh with this folder as the harness (see there for
# OUTDIR, ARCH, the environment, the output and exit statuses).
here=$(cd "$(dirname "$0")" && pwd)
exec "$here/../common/build-module.sh" "$here" "$@"
