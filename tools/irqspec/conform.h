// SPDX-License-Identifier: GPL-2.0
#pragma once

#include <ostream>

#include "tools/irqspec/exit_codes.h"
#include "tools/irqspec/options.h"

namespace irqspec {

/// `irqspec conform --target TARGET [MODEL...]`: generate, build, run, report.
/// Exit 0 when every generated test passes on every tree, 1 when one fails,
/// 2 for bad input, 3 when a tree could not be built or run.
ExitCode run_conform(const ConformOptions& options, std::ostream& out, std::ostream& err);

/// The host-kvm target: every variant (check) of the model named in its
/// binding, against the running kernel's KVM. Exit 0 when every variant that
/// ran met its expectation, 1 when one did not, 3 when nothing could run
/// (no /dev/kvm, every test skipped).
ExitCode run_conform_host_kvm(const ConformOptions& options, std::ostream& out, std::ostream& err);

}  // namespace irqspec
