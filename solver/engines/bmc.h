// SPDX-License-Identifier: GPL-2.0
#pragma once

#include <set>

#include "solver/clock.h"
#include "solver/engines/engine.h"
#include "solver/semantics.h"
#include "solver/unroller.h"

namespace solver {

/// Bounded model checking: checks position 0, 1, 2, ... in one incremental
/// solver, so the first counterexample found for an obligation is a shortest.
/// Alongside, a second solver asks whether a loop-free path of the current
/// length exists from an initial state; once none does, every reachable
/// state has been seen (the completeness threshold) and what is still open
/// is proved. Every counterexample is replayed before it is reported.
class Bmc : public Engine {
 public:
  Bmc(const spec::Model& model, const TransitionSystem& ts, const EngineOptions& options);
  void initialize() override;
  std::vector<ObligationResult> check_until(int bound) override;
  /// Only the obligations marked in `wanted`; the others are left Unknown.
  std::vector<ObligationResult> check_until(int bound, const std::vector<bool>& wanted);

  /// Results named after this engine, one per obligation, all open.
  std::vector<ObligationResult> fresh_results(const std::string& engine) const;
  /// Every open obligation `unknown` at position k: the deadline passed.
  void give_up(int k, std::vector<ObligationResult>& results, std::vector<bool>& open);
  /// Checks position k for the open obligations (the base case of the
  /// engines built on BMC); an obligation decided there is closed.
  void check_position(int k, int bound, std::vector<ObligationResult>& results,
                      std::vector<bool>& open);
  /// Extends the unrolling by the step from position k to k + 1.
  void assert_transition(int k);
  const Deadline& deadline() const { return deadline_; }

  /// A behaviour that reaches a coverage goal, and every goal it reaches.
  struct Witness {
    RawTrace raw;
    int first_goal = -1;
    std::set<int> covers;
  };
  /// Shortest behaviours, by increasing length up to `bound` steps, that end
  /// with a step where a goal (a term over X, I) holds, each step satisfying
  /// `step_constraint` (over X, I). One witness per goal not reached by an
  /// earlier witness. The test generator's query.
  std::vector<Witness> cover(const std::vector<Term>& goals, int bound, Term step_constraint);

 private:
  Term bad_at(const ObligationTerms& o, int k);
  bool replay_into(const ObligationTerms& o, int k, ObligationResult& result);
  void prove_all_open(int k, std::vector<ObligationResult>& results, std::vector<bool>& open);
  /// True when no loop-free path of `k` steps starts in an initial state.
  /// Checks lengths in order: call with k = 1, 2, 3, ...
  bool exhausted_at(int k);

  const spec::Model& model_;
  const TransitionSystem& ts_;
  EngineOptions options_;
  Semantics semantics_;
  Unroller unroller_;
  std::unique_ptr<backend::Backend> solver_;
  std::unique_ptr<backend::Backend> paths_;  // loop-free paths, for exhausted_at
  Deadline deadline_;
};

/// Open obligations remain: `open` has a true entry.
bool any_open(const std::vector<bool>& open);

}  // namespace solver
