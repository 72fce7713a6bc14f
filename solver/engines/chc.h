// SPDX-License-Identifier: GPL-2.0
#pragma once

#include "solver/backend/chc.h"
#include "solver/clock.h"
#include "solver/engines/engine.h"

namespace solver {

/// Proofs through constrained Horn clauses (Z3's Spacer): one query per
/// obligation. Spacer proves without a bound; when it reports a violation,
/// BMC finds the shortest counterexample, which is replayed like any other.
class ChcEngine : public Engine {
 public:
  ChcEngine(const spec::Model& model, const TransitionSystem& ts, const EngineOptions& options);
  void initialize() override {}
  std::vector<ObligationResult> check_until(int bound) override;

  /// Decides only the obligations still open (used by the portfolio).
  void decide(std::vector<ObligationResult>& results, std::vector<bool>& open, int bound);

  /// Whether any behaviour ever takes a step where `condition` (over X, I)
  /// holds: Holds means none does (proved), Violated that one does.
  backend::ChcResult reachability(Term condition, std::string& reason);

 private:
  backend::ChcQuery::Bad bad_of(std::size_t i) const;
  backend::ChcAnswer query(std::vector<backend::ChcQuery::Bad> bad, const std::string& tag);
  std::vector<backend::ChcAnswer> ask_each(const std::vector<std::size_t>& todo);
  void find_counterexamples(const std::vector<std::size_t>& refuted,
                            std::vector<ObligationResult>& results, std::vector<bool>& open,
                            int bound);

  const spec::Model& model_;
  const TransitionSystem& ts_;
  EngineOptions options_;
  Deadline deadline_;
};

}  // namespace solver
