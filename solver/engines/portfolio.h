// SPDX-License-Identifier: GPL-2.0
#pragma once

#include "solver/engines/engine.h"

namespace solver {

/// What one explicit phase may spend.
struct ExplicitBudget {
  std::uint64_t states;
  double seconds;
};

/// `--engine auto`: the policy that decides the model library fastest.
///  0. explicit search on a tiny budget: small state spaces are decided
///     exactly at once;
///  1. k-induction (all invariants together) with its BMC base case, on a
///     short bound: cheap, and enough for models that carry their lemmas;
///  2. explicit search on a small budget: mid-sized state spaces, deep
///     shortest counterexamples included;
///  3. CHC (Spacer) for unbounded proofs or refutations of the rest;
///  4. k-induction up to the full bound for whatever is still open.
/// The first conclusive answer for an obligation wins.
class PortfolioEngine : public Engine {
 public:
  PortfolioEngine(const spec::Model& model, const TransitionSystem& ts,
                  const EngineOptions& options);
  void initialize() override {}
  std::vector<ObligationResult> check_until(int bound) override;

 private:
  EngineOptions phase(const char* name) const;
  void quick_induction(int bound, std::vector<ObligationResult>& results, std::vector<bool>& open);
  void explicit_search(int bound, const ExplicitBudget& budget,
                       std::vector<ObligationResult>& results, std::vector<bool>& open);
  void deep_induction(int bound, std::vector<ObligationResult>& results, std::vector<bool>& open);

  const spec::Model& model_;
  const TransitionSystem& ts_;
  EngineOptions options_;
};

}  // namespace solver
