// SPDX-License-Identifier: GPL-2.0
#pragma once

#include <map>
#include <memory>

#include "solver/backend/chc.h"
#include "solver/clock.h"
#include "solver/engines/engine.h"

namespace solver {

/// Who searches for the inductive invariant.
enum class Prover {
  Spacer,  // Z3's CHC engine on Horn clauses over the terms ("chc")
  AbcPdr,  // ABC's pdr on the bit-blasted safety circuit ("pdr")
};

/// Proofs by an IC3-class search for an inductive invariant, one query per
/// obligation, without a bound and without the model's lemmas; the
/// invariant found goes with the proof for its re-check. When the prover
/// reports a violation, BMC finds the shortest counterexample, which is
/// replayed like any other.
class InvariantSearch : public Engine {
 public:
  InvariantSearch(const spec::Model& model, const TransitionSystem& ts,
                  const EngineOptions& options, Prover prover = Prover::Spacer);
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
  /// Proved obligations with their invariants, by obligation.
  using Proved = std::map<std::size_t, std::shared_ptr<backend::ChcInvariant>>;
  backend::ChcAnswer ask(std::size_t i, double budget, const Proved& assumed);
  std::string label() const;        // "chc/z3", "pdr/abc"
  std::string prover_name() const;  // "z3 spacer", "abc pdr"
  std::vector<backend::ChcAnswer> ask_each(const std::vector<std::size_t>& todo, double budget);
  std::vector<backend::ChcAnswer> ask_all(const std::vector<std::size_t>& todo);
  void remember_if_proved(std::size_t i, const backend::ChcAnswer& a);
  void induction_first(std::vector<ObligationResult>& results, std::vector<bool>& open);
  void assume_inductive(const std::vector<ObligationResult>& results);
  void find_counterexamples(const std::vector<std::size_t>& refuted,
                            std::vector<ObligationResult>& results, std::vector<bool>& open,
                            int bound);

  const spec::Model& model_;
  const TransitionSystem& ts_;
  EngineOptions options_;
  Prover prover_;
  Deadline deadline_;
  /// Proved by pdr, by obligation: assumed by the obligations asked later.
  Proved proved_;
  std::vector<Term> holds_;  // by obligation: !bad, what assuming it adds to a circuit
};

}  // namespace solver
