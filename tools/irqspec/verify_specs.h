// SPDX-License-Identifier: GPL-2.0
#pragma once

#include <optional>
#include <ostream>

#include "tools/irqspec/exit_codes.h"
#include "tools/irqspec/options.h"
#include "tools/irqspec/verification.h"

namespace irqspec {

/// `irqspec verify-specs`: verifies models and prints the report.
ExitCode run_verify_specs(const VerifyOptions& options, std::ostream& out, std::ostream& err);

/// The verification of verify-specs without its report (nullopt: the
/// options ask for a solver this build lacks, said on `err`).
std::optional<VerificationRun> run_verification(const VerifyOptions& options, std::ostream& err);

/// The report of a run in `format`.
void write_verification(const VerificationRun& run, OutputFormat format, std::ostream& out);

}  // namespace irqspec
