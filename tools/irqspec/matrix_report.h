// SPDX-License-Identifier: GPL-2.0
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>

#include "conformance/matrix.h"

namespace irqspec {

/// The conformance matrix as JSON: {"target", "model", "kernels": [{"kernel",
/// "arch", "label", "variants": [{"variant", "expected", "status",
/// "first_divergence", "tests": {"passed", "failed", "skipped"}}]}]}.
nlohmann::json matrix_json(const conformance::Matrix& m);

/// Kernel by kernel, then the matrix in one table. `verbose`: every failing
/// test's diagnostics, not only those of unmet cells.
void print_matrix(const conformance::Matrix& m, bool verbose, std::ostream& out);

}  // namespace irqspec
