// SPDX-License-Identifier: GPL-2.0
#pragma once

#include <vector>

#include "solver/engines/engine.h"
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
  const spec::Model& model_;
  Limits limits_;
  Semantics semantics_;
};

/// The explicit engine behind the Engine interface: the obligations of a
/// transition system, with the bound as its depth limit.
class ExplicitSearch : public Engine {
 public:
  ExplicitSearch(const spec::Model& model, const TransitionSystem& ts, const EngineOptions& options)
      : model_(model), ts_(ts), options_(options) {}
  void initialize() override {}
  std::vector<ObligationResult> check_until(int bound) override;

 private:
  const spec::Model& model_;
  const TransitionSystem& ts_;
  EngineOptions options_;
};

}  // namespace solver
