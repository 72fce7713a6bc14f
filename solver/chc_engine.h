// SPDX-License-Identifier: GPL-2.0
#pragma once

#include "solver/backend/chc.h"
#include "solver/smt_engine.h"

namespace solver {

/// Proofs through constrained Horn clauses (Z3's Spacer): one query per
/// obligation. Spacer proves without a bound; when it reports a violation,
/// BMC finds the shortest counterexample, which is replayed like any other.
class ChcEngine : public Engine {
 public:
  ChcEngine(const spec::Model& model, const TransitionSystem& ts, const SmtOptions& options);
  void initialize() override;
  std::vector<ObligationResult> check_until(int bound) override;

  /// Decides only the obligations still open (used by the portfolio).
  void decide(std::vector<ObligationResult>& results, std::vector<bool>& open, int bound);

 private:
  backend::ChcQuery::Bad bad_of(std::size_t i) const;
  backend::ChcResult query(const std::vector<std::size_t>& which, double start,
                           const std::string& tag, std::string& reason);

  const spec::Model& model_;
  const TransitionSystem& ts_;
  SmtOptions options_;
};

/// `--engine auto`: k-induction (with its BMC base case) on a short bound
/// first, then CHC for whatever is still open, then BMC deeper for
/// violations CHC found. The first conclusive answer for an obligation wins.
class PortfolioEngine : public Engine {
 public:
  PortfolioEngine(const spec::Model& model, const TransitionSystem& ts, const SmtOptions& options);
  void initialize() override {}
  std::vector<ObligationResult> check_until(int bound) override;

 private:
  const spec::Model& model_;
  const TransitionSystem& ts_;
  SmtOptions options_;
};

}  // namespace solver
