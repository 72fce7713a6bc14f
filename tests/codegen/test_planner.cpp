// SPDX-License-Identifier: GPL-2.0
// The test planner on a counter: every reachable goal gets a shortest
// witness that replays as a behaviour through the goal's action, a goal
// no behaviour reaches is proved unreachable, one beyond the bound is told
// apart from it, and an expected violation gets a reproducer. Run once per
// solver (the witnesses' BMC); Spacer, which proves unreachability, is Z3's.

#include <gtest/gtest.h>

#include "codegen/planner.h"
#include "solver/trace_checker.h"
#include "tests/support/backend_support.h"

namespace irqspec_test {
namespace {

// x walks 0..3; `at_two` needs the step from x == 2 (three steps), `never`
// a step from x == 5, which the guard rules out.
const char* const kWalk =
    "model walk;\nvar x: 0..7 = 0;\n"
    "actor w {\n"
    "  input action step() when x < 3 { x = x + 1; }\n"
    "  input action ask(): bool { if (x == 2) { return true; } return false; }\n"
    "}\n"
    "cover at_two: w.step when x == 2;\n"
    "cover never: w.step when x == 5;\n"
    "invariant below_three: x < 3;\n"
    "check c { expect below_three violated; }\n";

class Planner : public ::testing::TestWithParam<std::string> {
 protected:
  codegen::TestPlan plan(int bound) {
    LoadOptions options;
    options.check = "c";
    loaded = load(kWalk, options);
    EXPECT_EQ(loaded->diagnostics_text(), "");
    model = std::make_shared<const spec::Model>(std::move(*loaded->model));
    codegen::PlannerOptions po;
    po.bound = bound;
    po.solver = GetParam();
    po.timeout_seconds = 60;
    return codegen::Planner(model, po).plan();
  }

  /// The id of the goal described as `description`.
  static int goal(const codegen::TestPlan& p, const std::string& description) {
    for (const codegen::Goal& g : p.goals) {
      if (g.description == description) {
        return g.id;
      }
    }
    ADD_FAILURE() << "no goal " << description;
    return -1;
  }

  /// The test covering goal `id`, or nullptr.
  static const codegen::TestCase* covering(const codegen::TestPlan& p, int id) {
    for (const codegen::TestCase& t : p.cases) {
      if (std::find(t.goals.begin(), t.goals.end(), id) != t.goals.end()) {
        return &t;
      }
    }
    return nullptr;
  }

  static const codegen::UnreachedGoal* unreached(const codegen::TestPlan& p, int id) {
    for (const codegen::UnreachedGoal& u : p.unreached) {
      if (u.goal.id == id) {
        return &u;
      }
    }
    return nullptr;
  }

  static solver::RawTrace raw(const solver::Trace& t) {
    solver::RawTrace r{t.initial, {}};
    for (const solver::TraceStep& s : t.steps) {
      r.steps.push_back(s.input);
    }
    return r;
  }

  std::unique_ptr<Loaded> loaded;
  std::shared_ptr<const spec::Model> model;
};

TEST_P(Planner, EveryWitnessReplaysAndStepsThroughItsGoalsActions) {
  codegen::TestPlan p = plan(12);
  ASSERT_FALSE(p.cases.empty());
  solver::Semantics semantics(*model);
  solver::TraceChecker checker(semantics);
  for (const codegen::TestCase& t : p.cases) {
    solver::TraceChecker::Replay r = checker.replay(raw(t.trace));
    EXPECT_TRUE(r.ok) << t.name << ": " << r.problem;
    if (t.expected_failure >= 0) {
      continue;
    }
    ASSERT_FALSE(t.trace.steps.empty()) << t.name;
    // A witness covers every goal it passes through, each at a step of
    // that goal's action.
    for (int g : t.goals) {
      EXPECT_TRUE(std::any_of(
          t.trace.steps.begin(), t.trace.steps.end(),
          [&](const solver::TraceStep& s) { return s.input.action == p.goals[g].action; }))
          << t.name << " covers " << p.goals[g].description << " without a step of its action";
    }
  }
}

TEST_P(Planner, AReachableCoverGetsAShortestWitness) {
  codegen::TestPlan p = plan(12);
  const codegen::TestCase* t = covering(p, goal(p, "w.step: cover at_two"));
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->trace.length(), 3);
  EXPECT_EQ(t->trace.steps.back().state, std::vector<spec::Value>{3});
  // Both results of `ask` are reached, `true` only from x == 2.
  const codegen::TestCase* yes = covering(p, goal(p, "w.ask: returns true"));
  ASSERT_NE(yes, nullptr);
  EXPECT_EQ(yes->trace.steps.back().result, std::optional<spec::Value>(1));
  EXPECT_NE(covering(p, goal(p, "w.ask: returns false")), nullptr);
}

TEST_P(Planner, AGoalNoBehaviourReachesIsProvedUnreachable) {
  codegen::TestPlan p = plan(12);
  int never = goal(p, "w.step: cover never");
  EXPECT_EQ(covering(p, never), nullptr);
  const codegen::UnreachedGoal* u = unreached(p, never);
  ASSERT_NE(u, nullptr);
  EXPECT_TRUE(u->proved_unreachable) << u->reason;
  EXPECT_EQ(p.unreached.size(), 1u) << "only `never` is out of reach";
}

TEST_P(Planner, AGoalBeyondTheBoundIsReachableButNotCovered) {
  codegen::TestPlan p = plan(2);
  const codegen::UnreachedGoal* u = unreached(p, goal(p, "w.step: cover at_two"));
  ASSERT_NE(u, nullptr);
  EXPECT_FALSE(u->proved_unreachable);
  EXPECT_EQ(u->reason, "reachable, but not within 2 steps");
}

TEST_P(Planner, AnExpectedViolationGetsAReproducer) {
  codegen::TestPlan p = plan(12);
  int below = model->find_obligation("below_three");
  auto it = std::find_if(p.cases.begin(), p.cases.end(),
                         [&](const codegen::TestCase& t) { return t.expected_failure == below; });
  ASSERT_NE(it, p.cases.end());
  EXPECT_EQ(it->name, "reproduce_below_three");
  EXPECT_EQ(it->trace.length(), 3);
  solver::Semantics semantics(*model);
  solver::TraceChecker::Replay r =
      solver::TraceChecker(semantics).replay_violation(raw(it->trace), below);
  EXPECT_TRUE(r.ok) << r.problem;
}

INSTANTIATE_TEST_SUITE_P(Solvers, Planner, ::testing::ValuesIn(built_solvers()), solver_name);

}  // namespace
}  // namespace irqspec_test
