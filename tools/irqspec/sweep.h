// SPDX-License-Identifier: GPL-2.0
#pragma once

#include <optional>
#include <ostream>
#include <string>

#include "tools/irqspec/exit_codes.h"
#include "tools/irqspec/options.h"

namespace irqspec {

/// `verify-specs --sweep NAME=LO..HI`: the selected checks once per value
/// of the constant NAME, and a scaling table (time, verdicts, states,
/// depth per value); JSON with --format json. The exit status is the worst
/// of the runs'.
ExitCode run_sweep(const VerifyOptions& options, std::ostream& out, std::ostream& err);

/// Reads NAME=LO..HI (LO <= HI, at most 1000 values); nullopt, with the
/// reason in `error`, when it is not that.
std::optional<SweepRange> parse_sweep(const std::string& text, std::string& error);

}  // namespace irqspec
