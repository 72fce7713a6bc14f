// SPDX-License-Identifier: GPL-2.0
#pragma once

#include <ostream>

#include "tools/irqspec/exit_codes.h"
#include "tools/irqspec/options.h"

namespace irqspec {

/// `irqspec verify-specs`: verifies models and prints the report.
ExitCode run_verify_specs(const VerifyOptions& options, std::ostream& out, std::ostream& err);

}  // namespace irqspec
