// SPDX-License-Identifier: GPL-2.0
// The explicit-state engine and trace replay: verdicts (proved, violated,
// bounded by depth or states, unknown on timeout), initial states, deadlocks,
// shortest counterexamples, and the TraceChecker refusing tampered traces.

#include <gtest/gtest.h>

#include "solver/trace_checker.h"
#include "tests/support/solver_support.h"

namespace irqspec_test {
namespace {

using solver::Verdict;

const char* const kCounter =
    "model counter;\nvar x: 0..10 = 0;\n"
    "actor c { input action inc() when x < 10 { x = x + 1; } }\n"
    "invariant not_8: x != 8;\ninvariant small: x <= 10;\n";

TEST(ExplicitEngine, ProvedWhenTheStateSpaceIsExhausted) {
  Explored r = explore(kCounter);
  EXPECT_EQ(r.verdict("small"), Verdict::Proved);
  // The search closes after expanding the eleven levels 0..10.
  EXPECT_EQ(r.of("small").depth, 11);
  EXPECT_EQ(r.of("small").states, 11u);
  EXPECT_EQ(r.of("small").engine, "explicit");
  EXPECT_FALSE(r.of("small").trace.has_value());
  EXPECT_FALSE(r.of("small").internal_error);
  EXPECT_GE(r.of("small").seconds, 0.0);
}

TEST(ExplicitEngine, ViolatedWithAShortestReplayedTrace) {
  Explored r = explore(kCounter);
  EXPECT_EQ(r.verdict("not_8"), Verdict::Violated);
  EXPECT_EQ(r.length("not_8"), 8);
  EXPECT_EQ(r.of("not_8").depth, 8);
  EXPECT_EQ(r.of("not_8").failure, "invariant not_8 is false");
  ASSERT_TRUE(r.of("not_8").trace.has_value());
  EXPECT_EQ(r.of("not_8").trace->steps.back().state, std::vector<spec::Value>{8});
}

TEST(ExplicitEngine, ShortestAmongManyPaths) {
  // From (0,0) to (4,4): right and up take 8 steps, the diagonal 4, and a
  // jump 2 steps but only from (2,2) after a detour through (0,4).
  Explored r = explore(
      "model walk;\nvar x: 0..4 = 0;\nvar y: 0..4 = 0;\nvar seen: bool = false;\n"
      "actor w {\n"
      "  input action right() when x < 4 { x = x + 1; }\n"
      "  input action up() when y < 4 { y = y + 1; if (x == 0 && y == 4) { seen = true; } }\n"
      "  input action diag() when x < 4 && y < 4 { x = x + 1; y = y + 1; }\n"
      "  input action jump() when seen && x == 2 && y == 2 { x = 4; y = 4; }\n"
      "}\n"
      "invariant not_corner: !(x == 4 && y == 4);\n");
  EXPECT_EQ(r.verdict("not_corner"), Verdict::Violated);
  EXPECT_EQ(r.steps("not_corner"),
            (std::vector<std::string>{"w.diag()", "w.diag()", "w.diag()", "w.diag()"}));
}

TEST(ExplicitEngine, BoundedByTheDepthLimit) {
  solver::Limits limits;
  limits.depth = 7;
  Explored r = explore(kCounter, limits);
  EXPECT_EQ(r.verdict("not_8"), Verdict::Bounded);
  EXPECT_EQ(r.of("not_8").depth, 7);
  EXPECT_EQ(r.of("not_8").reason, "depth limit 7 reached");
  EXPECT_EQ(r.verdict("small"), Verdict::Bounded);
  // A violation at exactly the bound is found.
  limits.depth = 8;
  Explored at_bound = explore(kCounter, limits);
  EXPECT_EQ(at_bound.verdict("not_8"), Verdict::Violated);
  EXPECT_EQ(at_bound.length("not_8"), 8);
  // Depth 0 looks at the initial states only.
  limits.depth = 0;
  Explored initial = explore(kCounter, limits);
  EXPECT_EQ(initial.verdict("small"), Verdict::Bounded);
  EXPECT_EQ(initial.of("small").depth, 0);
  EXPECT_EQ(initial.of("small").states, 1u);
  // A depth beyond the diameter still proves.
  limits.depth = 100;
  EXPECT_EQ(explore(kCounter, limits).verdict("small"), Verdict::Proved);
}

TEST(ExplicitEngine, BoundedByTheStateLimit) {
  solver::Limits limits;
  limits.max_states = 5;
  Explored r = explore(kCounter, limits);
  EXPECT_EQ(r.verdict("small"), Verdict::Bounded);
  EXPECT_EQ(r.of("small").reason, "state limit of 5 states reached");
  EXPECT_EQ(r.of("small").states, 5u);
  EXPECT_LE(r.of("small").depth, 4);
  EXPECT_EQ(r.verdict("not_8"), Verdict::Bounded);
}

TEST(ExplicitEngine, UnknownOnTimeout) {
  solver::Limits limits;
  limits.timeout_seconds = 1e-9;
  Explored r = explore(
      "model big;\nvar a: 0..255 = 0;\nvar b: 0..255 = 0;\n"
      "actor c { input action set(v: 0..255, w: 0..255) { a = v; b = w; } }\n"
      "invariant fine: a + b >= 0;\n",
      limits);
  EXPECT_EQ(r.verdict("fine"), Verdict::Unknown);
  EXPECT_EQ(r.of("fine").reason.rfind("timeout", 0), 0u) << r.of("fine").reason;
}

// 4^16 ways through one step, every one blocked by the last choose: none
// reaches the search, which must still notice its deadline.
const char* const kBlockedWays =
    "model ways;\nvar n: 0..3 = 0;\nproc pick() { choose x: 0..3; }\n"
    "actor a { input action step() { for i: 0..15 { pick(); } choose y: 0..1 where false; } }\n"
    "invariant small: n <= 1;\n";

TEST(ExplicitEngine, ATimeoutStopsTheEnumerationOfOneStep) {
  solver::Limits limits;
  limits.timeout_seconds = 0.05;
  Explored r = explore(kBlockedWays, limits);
  EXPECT_EQ(r.verdict("small"), Verdict::Unknown);
  EXPECT_EQ(r.of("small").reason.rfind("timeout", 0), 0u) << r.of("small").reason;
}

TEST(ExplicitEngine, AStepWithTooManyWaysIsUnknownAndSaysWhy) {
  // Each way fails an assert: error outcomes count too. Found by the
  // differential (seed 1009759: chooses in a procedure called in nested loops).
  solver::Limits limits;
  limits.max_step_paths = 4096;
  Explored r = explore(
      "model ways;\nvar n: 0..3 = 0;\nproc pick() { choose x: 0..3; }\n"
      "actor a { input action step() { for i: 0..15 { pick(); } assert n == 1; } }\n"
      "invariant small: n <= 1;\n",
      limits);
  EXPECT_EQ(r.verdict("small"), Verdict::Unknown);
  EXPECT_NE(r.of("small").reason.find("a step of a.step has more than 4096 ways"),
            std::string::npos)
      << r.of("small").reason;
  EXPECT_NE(r.of("small").reason.find("--engine kind"), std::string::npos);
}

TEST(ExplicitEngine, EveryInitialStateIsExplored) {
  // No initializer: any value; `init` constrains.
  Explored r = explore(
      "model initial;\nvar x: 0..3;\nvar y: bool;\nvar z: 0..2 = 1;\ninit x != 2 || y;\n"
      "actor a { input action nop() { } }\n"
      "invariant not_3_true: !(x == 3 && y);\ninvariant any: x >= 0;\n");
  EXPECT_EQ(r.of("any").states, 7u);  // 8 combinations of x and y, minus (2, false)
  EXPECT_EQ(r.verdict("not_3_true"), Verdict::Violated);
  EXPECT_EQ(r.length("not_3_true"), 0);
  EXPECT_EQ(r.of("not_3_true").trace->initial, (std::vector<spec::Value>{3, 1, 1}));
}

TEST(ExplicitEngine, NoInitialStateProvesEverything) {
  // language.md is silent; the engine proves vacuously (0 states).
  Explored r = explore(
      "model none;\nvar x: 0..3;\ninit x > 5;\nactor a { input action go() { x = 0; } }\n"
      "invariant never: false;\n");
  EXPECT_EQ(r.verdict("never"), Verdict::Proved);
  EXPECT_EQ(r.of("never").states, 0u);
}

TEST(ExplicitEngine, DeadlocksEndBehaviours) {
  // At x == 2 no action is enabled; nothing after it is reachable.
  Explored r = explore(
      "model dead;\nvar x: 0..3 = 0;\n"
      "actor a {\n  input action inc() when x < 2 { x = x + 1; }\n"
      "  input action never() when x == 2 { choose v: 0..3 where v > 3; x = v; }\n}\n"
      "invariant below_3: x < 3;\nproperty steps_reach_2: always x < 2 || did inc;\n");
  EXPECT_EQ(r.verdict("below_3"), Verdict::Proved);
  EXPECT_EQ(r.of("below_3").states, 3u);
  EXPECT_EQ(r.verdict("steps_reach_2"), Verdict::Proved);
}

TEST(ExplicitEngine, LabelledAssertionsAreSeparateObligations) {
  Explored r = explore(
      "model asserts;\nvar x: 0..3 = 0;\n"
      "actor a {\n"
      "  input action inc() when x < 3 { x = x + 1; assert small: x < 3, \"too big\"; }\n"
      "  input action dec() when x > 0 { x = x - 1; assert never_zero: x != 0; }\n"
      "  input action nop() { assert fine: x <= 3; }\n"
      "}\n");
  EXPECT_EQ(r.verdict("small"), Verdict::Violated);
  EXPECT_EQ(r.length("small"), 3);
  EXPECT_EQ(r.verdict("never_zero"), Verdict::Violated);
  EXPECT_EQ(r.steps("never_zero"), (std::vector<std::string>{"a.inc()", "a.dec()"}));
  EXPECT_EQ(r.verdict("fine"), Verdict::Proved);
  // No unlabelled assertion; x - 1 under x > 0 and x + 1 under x < 3 fit,
  // but the checker cannot know: the run-time obligation exists and holds.
  EXPECT_EQ(r.verdict("asserts"), Verdict::Proved);
}

TEST(ExplicitEngine, ResultsComeInTheOrderAsked) {
  std::unique_ptr<Loaded> l = load(
      "model order;\nvar x: 0..3 = 0;\nactor a { input action inc() when x < 3 { x = x + 1; } }\n"
      "invariant i1: x != 1;\nproperty p1: always once (x == 0);\ninvariant i2: x != 2;\n"
      "property p2: always !did inc || x > 0;\n");
  ASSERT_TRUE(l->ok()) << l->diagnostics_text();
  std::vector<int> asked{3, 2, 0};  // p2, i2, i1: p1 is not asked
  solver::ExplicitEngine engine(*l->model, {});
  std::vector<solver::ObligationResult> results = engine.run(asked);
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0].obligation, 3);
  EXPECT_EQ(results[0].verdict, Verdict::Proved);
  EXPECT_EQ(results[1].obligation, 2);
  EXPECT_EQ(results[1].verdict, Verdict::Violated);
  EXPECT_EQ(results[1].trace->length(), 2);
  EXPECT_EQ(results[2].obligation, 0);
  EXPECT_EQ(results[2].trace->length(), 1);
}

TEST(ExplicitEngine, MonitorsAreCheckedOnEveryTransition) {
  // The same state is reached with different histories: a property with a
  // monitor distinguishes them, and so does one that looks at the step.
  Explored r = explore(
      "model history;\nvar x: 0..1 = 0;\n"
      "actor a {\n  input action flip() { x = 1 - x; }\n  input action stay() { }\n}\n"
      "property flipped_twice: always !(x == 0 && once (x == 1) && prev (x == 0));\n"
      "property stay_at_1: always !(did stay && x == 1);\n");
  EXPECT_EQ(r.verdict("flipped_twice"), Verdict::Violated);
  EXPECT_EQ(r.steps("flipped_twice"),
            (std::vector<std::string>{"a.flip()", "a.flip()", "a.stay()"}));
  EXPECT_EQ(r.verdict("stay_at_1"), Verdict::Violated);
  EXPECT_EQ(r.steps("stay_at_1"), (std::vector<std::string>{"a.flip()", "a.stay()"}));
}

// -------------------------------------------------------------- trace replay

class Replay : public ::testing::Test {
 protected:
  void SetUp() override {
    loaded_ = load(
        "model replay;\nvar x: 0..3 = 0;\nvar y: 0..3;\ninit y < 2;\n"
        "actor a {\n"
        "  input action add(v: 1..2) when x + v <= 3 { x = x + v; }\n"
        "  input action pick() { choose c: 0..3 where c != x; y = c; }\n"
        "  input action boom() when x == 3 { assert labelled: false; }\n"
        "  input action oops() when x == 2 { assert false; }\n"
        "}\n"
        "invariant x_small: x < 3;\nproperty y_moves: always did pick -> y != x;\n");
    ASSERT_TRUE(loaded_->ok()) << loaded_->diagnostics_text();
    semantics_ = std::make_unique<solver::Semantics>(*loaded_->model);
    checker_ = std::make_unique<solver::TraceChecker>(*semantics_);
  }
  const spec::Model& model() const { return *loaded_->model; }
  int obligation(const std::string& n) const { return model().find_obligation(n); }

  std::unique_ptr<Loaded> loaded_;
  std::unique_ptr<solver::Semantics> semantics_;
  std::unique_ptr<solver::TraceChecker> checker_;
};

TEST_F(Replay, TheEnginesTracesReplay) {
  solver::ExplicitEngine engine(model(), {});
  std::vector<int> all;
  for (std::size_t i = 0; i < model().obligations.size(); ++i) {
    all.push_back(static_cast<int>(i));
  }
  for (const solver::ObligationResult& r : engine.run(all)) {
    if (!r.trace) {
      continue;
    }
    solver::RawTrace raw{r.trace->initial, {}};
    for (const solver::TraceStep& s : r.trace->steps) {
      raw.steps.push_back(s.input);
    }
    solver::TraceChecker::Replay replay = checker_->replay_violation(raw, r.obligation);
    EXPECT_TRUE(replay.ok) << model().obligations[r.obligation].name << ": " << replay.problem;
  }
}

TEST_F(Replay, AcceptsAValidViolation) {
  solver::RawTrace raw{{0, 1}, {{0, {1}, {}}, {0, {2}, {}}}};  // add(1), add(2)
  solver::TraceChecker::Replay r = checker_->replay_violation(raw, obligation("x_small"));
  EXPECT_TRUE(r.ok) << r.problem;
  EXPECT_EQ(r.failure, "invariant x_small is false");
  EXPECT_EQ(r.trace.steps.back().state, (std::vector<spec::Value>{3, 1}));
}

TEST_F(Replay, RejectsATamperedParameter) {
  solver::RawTrace raw{{0, 1}, {{0, {1}, {}}, {0, {3}, {}}}};  // 3 is outside 1..2
  solver::TraceChecker::Replay r = checker_->replay(raw);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.problem, "step 2 is not enabled or its choices are invalid");
  raw.steps[1].params = {2};
  raw.steps[0].params = {2};  // x = 2, then add(2) is disabled
  r = checker_->replay(raw);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.problem, "step 2 is not enabled or its choices are invalid");
}

TEST_F(Replay, RejectsATamperedInitialState) {
  solver::RawTrace raw{{0, 2}, {}};  // y < 2 is required
  EXPECT_EQ(checker_->replay(raw).problem,
            "the initial state violates an initializer or an init constraint");
  raw.initial = {1, 0};  // x = 0 is required
  EXPECT_EQ(checker_->replay(raw).problem,
            "the initial state violates an initializer or an init constraint");
  raw.initial = {0, 7};
  EXPECT_EQ(checker_->replay(raw).problem, "initial value of y is outside its type");
  raw.initial = {0};
  EXPECT_EQ(checker_->replay(raw).problem, "the initial state has the wrong number of slots");
}

TEST_F(Replay, RejectsTamperedChoices) {
  solver::RawTrace raw{{0, 0}, {{1, {}, {0}}}};  // pick c == x
  EXPECT_EQ(checker_->replay(raw).problem, "step 1 is not enabled or its choices are invalid");
  raw.steps[0].choices = {};
  EXPECT_EQ(checker_->replay(raw).problem, "step 1 is not enabled or its choices are invalid");
  raw.steps[0].choices = {1, 2};
  EXPECT_EQ(checker_->replay(raw).problem, "step 1 is not enabled or its choices are invalid");
  raw.steps[0].choices = {2};
  EXPECT_TRUE(checker_->replay(raw).ok);
  raw.steps[0].action = 17;
  EXPECT_EQ(checker_->replay(raw).problem, "step 1 is not enabled or its choices are invalid");
}

TEST_F(Replay, RejectsATraceThatDoesNotViolate) {
  solver::RawTrace raw{{0, 1}, {{0, {1}, {}}}};
  EXPECT_EQ(checker_->replay_violation(raw, obligation("x_small")).problem,
            "the invariant holds at the end of the trace");
  raw.steps = {{1, {}, {2}}};  // pick: y 1 -> 2
  EXPECT_EQ(checker_->replay_violation(raw, obligation("y_moves")).problem,
            "the property holds at the end of the trace");
  EXPECT_EQ(checker_->replay_violation(raw, obligation("labelled")).problem,
            "no step fails, so assertion 'labelled' is not violated");
}

TEST_F(Replay, AFailingStepMustBeLastAndFailForTheObligation) {
  // add(2), oops() fails (x == 2), then add(1).
  solver::RawTrace raw{{0, 0}, {{0, {2}, {}}, {3, {}, {}}, {0, {1}, {}}}};
  EXPECT_EQ(checker_->replay(raw).problem, "step 2 fails but is not the last step");
  raw.steps.pop_back();
  solver::TraceChecker::Replay ok = checker_->replay_violation(raw, model().runtime_obligation);
  EXPECT_TRUE(ok.ok) << ok.problem;
  EXPECT_EQ(ok.failure, "assertion failed: false");
  EXPECT_TRUE(ok.trace.steps.back().failed);
  EXPECT_EQ(checker_->replay_violation(raw, obligation("labelled")).problem,
            "the last step fails, but not for 'labelled'");
  raw = {{0, 0}, {{0, {2}, {}}, {0, {1}, {}}, {2, {}, {}}}};  // boom() at x == 3
  EXPECT_TRUE(checker_->replay_violation(raw, obligation("labelled")).ok);
}

}  // namespace
}  // namespace irqspec_test
