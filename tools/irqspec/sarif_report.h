// SPDX-License-Identifier: GPL-2.0
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <vector>

#include "tools/irqspec/ci_cases.h"

namespace irqspec {

/// A SARIF 2.1.0 log (OASIS; what GitHub code scanning uploads): one result
/// per case that is not a pass or a skip — an unmet expectation, a
/// divergence, no verdict — located at the property's (or the variant's
/// check block's) line in the .irqspec file, a counterexample as a codeFlow
/// through the actions it steps.
nlohmann::ordered_json sarif_log(const std::vector<CiCase>& cases);

/// The log as text (bytes that are not UTF-8 replaced).
void write_sarif(const std::vector<CiCase>& cases, std::ostream& out);

}  // namespace irqspec
