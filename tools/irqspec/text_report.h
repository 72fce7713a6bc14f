// SPDX-License-Identifier: GPL-2.0
#pragma once

#include <ostream>
#include <string>

#include "tools/irqspec/verification.h"

namespace irqspec {

/// A summary table per file, then every counterexample as a numbered trace.
void print_text_report(const VerificationRun& run, std::ostream& out);

/// A trace as numbered steps under its initial state, as every text report
/// shows one.
void print_trace(const spec::Model& model, const solver::Trace& trace, std::ostream& out);

/// What the report says below its table about one property: the
/// counterexample, or why the verdict is not conclusive ("" if nothing).
std::string property_details(const CheckReport& c, const PropertyReport& p);

}  // namespace irqspec
