// SPDX-License-Identifier: GPL-2.0
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>

#include "tools/irqspec/verification.h"

namespace irqspec {

/// The JSON object of the CLI contract: {"version": 1, "checks": [...]}.
nlohmann::json json_report(const VerificationRun& run);

/// A trace as JSON steps (shared with check-trace and the generators).
nlohmann::json json_trace(const spec::Model& model, const solver::Trace& trace);
/// Its initial state: {"slot": value, ...}.
nlohmann::json json_initial(const spec::Model& model, const solver::Trace& trace);

}  // namespace irqspec
