// SPDX-License-Identifier: GPL-2.0
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "codegen/test_plan.h"
#include "solver/engines/bmc.h"

namespace codegen {

struct PlannerOptions {
  int bound = 12;  // longest witness, in steps
  std::string solver = "z3";
  double timeout_seconds = 0;
  bool counterexamples = true;                  // add a reproducer for every expected violation
  std::function<int(spec::SourceLoc)> line_of;  // source lines for goal descriptions
  /// The target runs internal steps as soon as they are enabled, before the
  /// next input (the host-kvm harness settles after every call): witnesses
  /// take an input step only where no internal step is enabled.
  bool internal_first = false;
};

/// Turns coverage goals into a small test plan: a shortest witness per goal
/// (BMC), greedy merging (a witness usually covers many goals), a proof of
/// unreachability for what is left (CHC), and a reproducer test for every
/// obligation the check expects to be violated.
/// Turns a check of a model into a test plan: coverage goals, shortest
/// witnesses for them (a BMC cover query), merged greedily into tests,
/// Spacer's word on every goal no witness reached, and a reproducer for
/// every expected violation. Every test is replayed by the reference semantics.
class Planner {
 public:
  Planner(std::shared_ptr<const spec::Model> model, PlannerOptions options);
  TestPlan plan();

 private:
  std::vector<solver::Bmc::Witness> find_witnesses(const solver::TransitionSystem& ts,
                                                   const std::vector<Goal>& goals,
                                                   const solver::EngineOptions& engine);
  std::vector<TestCase> merge_witnesses(const spec::Model& m,
                                        std::vector<solver::Bmc::Witness>& witnesses);
  UnreachedGoal explain_unreached(const solver::TransitionSystem& ts, const Goal& g,
                                  const solver::EngineOptions& engine);
  void add_reproducers(const spec::Model& m, const solver::TransitionSystem& ts,
                       const solver::EngineOptions& engine, TestPlan& plan);

  std::shared_ptr<const spec::Model> model_;
  PlannerOptions options_;
};

}  // namespace codegen
