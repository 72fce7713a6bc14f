// SPDX-License-Identifier: GPL-2.0
#pragma once

#include <vector>

#include "solver/result.h"
#include "solver/semantics.h"

namespace solver {

/// Breadth-first exploration of the reachable states: the reference engine.
/// Counterexamples are shortest because states are visited in order of depth.
/// Invariants, assertions and properties without past-time operators are
/// checked in one exploration; each property with monitors gets its own
/// (its monitor values are part of the state).
class ExplicitEngine {
 public:
  ExplicitEngine(const spec::Model& model, const Limits& limits);

  /// Verifies the given obligations; one result per obligation, same order.
  std::vector<ObligationResult> run(const std::vector<int>& obligations);

 private:
  void explore(const std::vector<int>& group, std::vector<ObligationResult>& results,
               const std::vector<int>& result_index);

  const spec::Model& model_;
  Limits limits_;
  Semantics semantics_;
};

}  // namespace solver
