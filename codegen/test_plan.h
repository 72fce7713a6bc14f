// SPDX-License-Identifier: GPL-2.0
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "codegen/goal.h"
#include "solver/trace.h"
#include "spec/model.h"

namespace codegen {

/// One generated test: a behaviour of the model, replayed by the reference
/// semantics, whose every result, event and state comes from the model.
struct TestCase {
  std::string name;
  std::vector<int> goals;  // goals this behaviour exercises
  solver::Trace trace;
  /// A counterexample turned into a reproducer: the last step fails the
  /// assertion `obligation` (the model says the real code breaks there).
  int expected_failure = -1;
  std::string failure;
};

struct UnreachedGoal {
  Goal goal;
  bool proved_unreachable = false;  // Spacer proved no behaviour reaches it
  std::string reason;
};

struct TestPlan {
  std::shared_ptr<const spec::Model> model;
  std::vector<Goal> goals;
  std::vector<TestCase> cases;
  std::vector<UnreachedGoal> unreached;
};

}  // namespace codegen
