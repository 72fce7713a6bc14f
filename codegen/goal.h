// SPDX-License-Identifier: GPL-2.0
#pragma once

#include <string>
#include <vector>

#include "solver/transition_system.h"
#include "spec/model.h"

namespace codegen {

enum class GoalKind {
  Action,  // the action completes at all
  Site,    // a branch, return, emit, assert or loop body of the action
  Result,  // the action returns a particular value
  Cover,   // a `cover` declaration of the model
};

/// Something a generated suite must exercise: one step of one action that
/// satisfies `condition` (over X, I; it implies the step is complete).
struct Goal {
  int id = -1;
  GoalKind kind = GoalKind::Action;
  int action = -1;
  std::string description;  // "producer.register: return at line 92"
  solver::Term condition = 0;
};

/// Every action x every control path element x every distinct result value.
std::vector<Goal> derive_goals(const spec::Model& model, const solver::TransitionSystem& ts);

}  // namespace codegen
