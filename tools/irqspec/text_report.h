// SPDX-License-Identifier: GPL-2.0
#pragma once

#include <ostream>

#include "tools/irqspec/verification.h"

namespace irqspec {

/// A summary table per file, then every counterexample as a numbered trace.
void print_text_report(const VerificationRun& run, std::ostream& out);

}  // namespace irqspec
