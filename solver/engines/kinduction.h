// SPDX-License-Identifier: GPL-2.0
#pragma once

#include <optional>

#include "solver/engines/bmc.h"
#include "solver/symmetry/instance_orbits.h"
#include "solver/symmetry/symmetry_classes.h"

namespace solver {

/// k-induction with simple-path constraints (complete on finite models), run
/// together with BMC: the base case finds shortest counterexamples, the step
/// case proves. The invariants are proved together (Houdini): every open
/// invariant is assumed at the earlier positions of the step case, one that
/// fails leaves the set, and the rest are tried again. When an obligation is
/// not k-inductive within the bound, the step counterexample is kept.
class KInduction : public Engine {
 public:
  KInduction(const spec::Model& model, const TransitionSystem& ts, const EngineOptions& options);
  void initialize() override;
  std::vector<ObligationResult> check_until(int bound) override;

 private:
  /// The state of one run of check_until.
  struct Run {
    std::vector<ObligationResult> results;
    std::vector<bool> open;
    std::vector<std::optional<Trace>> step_cex;
  };
  void add_step_frame(int k);
  Term bad_in_step(const ObligationTerms& o, int n);
  void assume_proved_invariants(const Run& run, int last);
  void prove(Run& run, std::size_t i, int n);
  std::vector<std::optional<bool>> inductive(Run& run, const std::vector<std::size_t>& candidates,
                                             int n);
  std::optional<bool> holds_after_step(Run& run, std::size_t candidate, int n,
                                       InstanceOrbits& orbits);
  InstanceOrbits symmetric_instances(const std::vector<std::size_t>& candidates, int n,
                                     std::size_t c);
  bool loops_unordered(const SymmetryClass& k, std::size_t c);
  /// The step into depth n, as the queries at n assert it (see kinduction.cpp).
  std::vector<Term> step_cases(int n) const;
  void prove_invariants(Run& run, int n);
  void prove_properties(Run& run, int n);

  const spec::Model& model_;
  const TransitionSystem& ts_;
  EngineOptions options_;
  Bmc base_;
  Unroller unroller_;
  std::unique_ptr<backend::Backend> step_;
  int permanent_steps_ = 0;             // steps 0..permanent_steps_-1 are asserted in step_
  std::vector<Term> cases_;             // the first step: per action if split, else {true}
  bool split_first_step_ = false;       // depth 1 asks action by action (step_cases)
  std::vector<SymmetryClass> classes_;  // found when depth 1 is split (symmetric_instances)
};

}  // namespace solver
