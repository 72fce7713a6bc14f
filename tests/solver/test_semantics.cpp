// SPDX-License-Identifier: GPL-2.0
// The reference semantics (solver/semantics.cpp), observed through the
// explicit engine on tiny models: every statement, operator, quantifier and
// property operator, with the verdict and the exact shortest counterexample.

#include <gtest/gtest.h>

#include "solver/semantics.h"
#include "tests/support/solver_support.h"

namespace irqspec_test {
namespace {

using solver::Verdict;

void expect_proved(const Explored& r, const std::string& o) {
  EXPECT_EQ(name(r.verdict(o)), std::string("proved")) << o << ": " << r.of(o).reason;
  EXPECT_EQ(r.length(o), -1) << o;
}

void expect_violated(const Explored& r, const std::string& o, int length,
                     const std::vector<std::string>& steps = {}) {
  EXPECT_EQ(name(r.verdict(o)), std::string("violated")) << o << ": " << r.of(o).reason;
  EXPECT_EQ(r.length(o), length) << o;
  EXPECT_EQ(r.of(o).depth, length) << o;
  if (!steps.empty()) {
    EXPECT_EQ(r.steps(o), steps) << o;
  }
}

/// A counter 0..5 that steps up; `extra` adds declarations.
std::string counter(const std::string& extra) {
  return "model counter;\nvar x: 0..5 = 0;\n"
         "actor c { input action inc() when x < 5 { x = x + 1; } }\n" +
         extra;
}

// ---------------------------------------------------------------- statements

TEST(Statements, AssignmentsAreSequentialWithinAStep) {
  Explored r = explore(
      "model m;\nvar x: 0..3 = 0;\nvar y: 0..7 = 0;\n"
      "actor a { input action go() when x == 0 { x = 2; y = x + 1; x = y; } }\n"
      "invariant y_not_3: y != 3;\ninvariant x_follows: x == y;\n");
  expect_violated(r, "y_not_3", 1, {"a.go()"});
  expect_proved(r, "x_follows");  // x = y ran last
}

TEST(Statements, ArrayElementsRowsAndWholeArrays) {
  Explored r = explore(
      "model m;\nenum E { A, B, C }\nvar g: bool[0..1][E] = false;\nvar n: 0..9 = 0;\n"
      "actor a {\n"
      "  input action one(i: 0..1, e: E) when n == 0 { g[i][e] = true; n = 1; }\n"
      "  input action row() when n == 1 { g[1] = true; n = 2; }\n"
      "  input action all() when n == 2 { g = false; n = 3; }\n"
      "}\n"
      "invariant no_b: !g[0][B];\n"
      "invariant row_or_single: (count i: 0..1, e: E. g[i][e]) <= 1;\n"
      "invariant cleared: n == 3 -> !(exists i: 0..1, e: E. g[i][e]);\n"
      "invariant not_cleared: n != 3;\n");
  expect_violated(r, "no_b", 1, {"a.one(i=0, e=B)"});
  expect_violated(r, "row_or_single", 2, {"a.one(i=0, e=A)", "a.row()"});
  expect_proved(r, "cleared");
  expect_violated(r, "not_cleared", 3, {"a.one(i=0, e=A)", "a.row()", "a.all()"});
}

TEST(Statements, LetKeepsTheValueAtItsPoint) {
  Explored r = explore(
      "model m;\nvar x: 0..3 = 1;\nvar y: 0..3 = 0;\n"
      "actor a { input action go() when y == 0 { let v = x; x = 3; y = v; } }\n"
      "invariant y_is_old_x: y == 0 || y == 1;\ninvariant y_zero: y == 0;\n");
  expect_proved(r, "y_is_old_x");
  expect_violated(r, "y_zero", 1);
}

TEST(Statements, IfElseIfElse) {
  Explored r = explore(
      "model m;\nvar x: 0..9 = 0;\nvar path: 0..3 = 0;\n"
      "actor a { input action go(v: 0..9) when path == 0 {\n"
      "  if (v < 3) { path = 1; } else if (v < 6) { path = 2; } else { path = 3; }\n"
      "  x = v;\n} }\n"
      "invariant consistent: path == 0 || (path == 1) == (x < 3) && (path == 3) == (x >= 6);\n"
      "invariant never_3: path != 3;\n");
  expect_proved(r, "consistent");
  expect_violated(r, "never_3", 1, {"a.go(v=6)"});
}

TEST(Statements, ForRunsInAscendingOrderAndBreakLeavesTheLoop) {
  Explored r = explore(
      "model m;\nvar first: 0..9 = 0;\nvar last: 0..9 = 0;\nvar visits: 0..20 = 0;\n"
      "var done: bool = false;\n"
      "actor a { input action go() when !done {\n"
      "  for i: 0..9 where i % 2 == 1 {\n"
      "    if (first == 0) { first = i; }\n"
      "    last = i;\n"
      "    visits = visits + 1;\n"
      "    if (i == 7) { break; }\n"
      "  }\n"
      "  for j: 0..2 { for k: 0..2 { if (k == 1) { break; } visits = visits + 1; } }\n"
      "  done = true;\n"
      "} }\n"
      "invariant order: done -> first == 1 && last == 7 && visits == 4 + 3;\n"
      "invariant not_done: !done;\n");
  expect_proved(r, "order");
  expect_violated(r, "not_done", 1);
}

TEST(Statements, ForOverEnumsAndBools) {
  Explored r = explore(
      "model m;\nenum E { A, B, C }\nvar seen: 0..7 = 0;\nvar ok: bool = false;\n"
      "actor a { input action go() when !ok {\n"
      "  for e: E { seen = seen * 2 % 8 + (e == B ? 1 : 0); }\n"  // A, B, C: 0, 1, 2
      "  for b: bool where b { ok = true; }\n"
      "} }\n"
      "invariant bits: ok -> seen == 2;\n");
  expect_proved(r, "bits");
}

TEST(Statements, ChooseBranchesOverEveryValue) {
  Explored r = explore(
      "model m;\nvar x: 0..7 = 0;\n"
      "actor a { internal action pick() when x == 0 { choose v: 0..7 where v % 3 == 2; x = v; } "
      "}\n"
      "invariant mod3: x == 0 || x % 3 == 2;\ninvariant not5: x != 5;\ninvariant not6: x != 6;\n");
  expect_proved(r, "mod3");
  expect_violated(r, "not5", 1, {"a.pick()"});
  EXPECT_EQ(r.of("not5").trace->steps[0].input.choices, std::vector<spec::Value>{5});
  expect_proved(r, "not6");
  EXPECT_EQ(r.of("mod3").states, 3u);  // 0, 2, 5
}

TEST(Statements, ChooseWithoutAValueDisablesTheAction) {
  Explored r = explore(
      "model m;\nvar x: 0..3 = 0;\nvar y: bool = false;\n"
      "actor a {\n"
      "  input action stuck() { choose v: 0..3 where v > x + 3; y = true; }\n"
      "  input action inc() when x < 3 { x = x + 1; }\n"
      "  input action later() { choose v: 0..3 where v < x; y = true; }\n"
      "}\n"
      "invariant y_false: !y;\n");
  // `stuck` is never enabled; `later` only once x > 0.
  expect_violated(r, "y_false", 2, {"a.inc()", "a.later()"});
}

TEST(Statements, SeveralChoicesInOneStep) {
  Explored r = explore(
      "model m;\nvar x: 0..3 = 0;\nvar y: 0..3 = 0;\nvar done: bool = false;\n"
      "actor a { input action go() when !done {\n"
      "  choose i: 0..3; x = i; choose j: 0..3 where j > i; y = j; done = true; } }\n"
      "invariant ordered: !done || x < y;\ninvariant not_2_3: !(x == 2 && y == 3);\n");
  expect_proved(r, "ordered");
  expect_violated(r, "not_2_3", 1);
  EXPECT_EQ(r.of("not_2_3").trace->steps[0].input.choices, (std::vector<spec::Value>{2, 3}));
  // i = 3 leaves no j: that way is not a step. 3 + 2 + 1 successor states.
  EXPECT_EQ(r.of("ordered").states, 7u);
}

TEST(Statements, EmitAppendsEventsInOrder) {
  Explored r = explore(
      "model m;\nvar x: 0..3 = 0;\nevent e(v: 0..3);\nevent f();\n"
      "actor a { input action go() when x < 3 { emit f(); x = x + 1; emit e(x); emit e(0); } }\n"
      "property no_e2: always !happens e(2);\n");
  expect_violated(r, "no_e2", 2, {"a.go()", "a.go()"});
  EXPECT_EQ(r.last_events("no_e2"), (std::vector<std::string>{"f()", "e(v=2)", "e(v=0)"}));
}

TEST(Statements, ReturnEndsTheActionWithItsResult) {
  Explored r = explore(
      "model m;\nenum Ret { OK, EBUSY }\nvar x: 0..3 = 0;\nvar after: bool = false;\n"
      "actor a {\n"
      "  input action go(): Ret {\n"
      "    if (x == 2) { return EBUSY; }\n"
      "    for i: 0..3 { if (i == 1) { x = x + 1; return OK; } after = true; }\n"
      "    after = true;\n"
      "    return OK;\n"
      "  }\n"
      "  input action plain() { return; after = true; }\n"
      "}\n"
      "invariant stopped: after == (x > 0);\n"
      "property busy: always !returned EBUSY;\n");
  // The loop's first iteration sets `after`, the second returns; `plain`
  // returns before it could set `after` while x is 0.
  expect_proved(r, "stopped");
  expect_violated(r, "busy", 3, {"a.go() -> OK", "a.go() -> OK", "a.go() -> EBUSY"});
}

TEST(Statements, AssertWithLabelAndMessage) {
  Explored r = explore(
      "model m;\nvar x: 0..3 = 0;\n"
      "actor a {\n"
      "  input action inc() when x < 3 { x = x + 1; assert below_3: x < 3, \"x reached three\"; }\n"
      "  input action probe() { assert x != 2; }\n"
      "}\n");
  expect_violated(r, "asserts", 3, {"a.inc()", "a.inc()", "a.probe()"});
  EXPECT_EQ(r.of("asserts").failure, "assertion failed: x != 2");
  // The labelled assertion is an obligation of its own; the trace ends in
  // the step that fails.
  expect_violated(r, "below_3", 3, {"a.inc()", "a.inc()", "a.inc()"});
  EXPECT_EQ(r.of("below_3").failure, "x reached three");
  const solver::TraceStep& last = r.of("below_3").trace->steps.back();
  EXPECT_TRUE(last.failed);
  EXPECT_EQ(last.failure, "x reached three");
}

TEST(Statements, AssertionsAreCheckedWhenReachedOnly) {
  Explored r = explore(
      "model m;\nvar x: 0..3 = 0;\n"
      "actor a { input action go() when x < 3 {\n"
      "  x = x + 1;\n"
      "  if (x == 10) { assert false; }\n"
      "  for i: 0..3 where i > 3 { assert false; }\n"
      "} }\n");
  expect_proved(r, "asserts");
}

// ------------------------------------------------------- arithmetic, errors

TEST(Arithmetic, DivisionAndRemainderFollowC) {
  Explored r = explore(
      "model m;\nvar q: -7..7 = 0;\nvar m: -7..7 = 0;\n"
      "actor a { input action div(x: -7..7, y: -2..2) { q = x / y; m = x % y; } }\n"
      "property c_semantics: always\n"
      "  (did div(-7, 2) -> q == -3 && m == -1) && (did div(7, -2) -> q == -3 && m == 1) &&\n"
      "  (did div(-7, -2) -> q == 3 && m == -1) && (did div(7, 2) -> q == 3 && m == 1) &&\n"
      "  (did div(-1, 2) -> q == 0 && m == -1) && (did div(5, -1) -> q == -5 && m == 0);\n");
  expect_proved(r, "c_semantics");
  // Division by zero: the first tuple in order, x = -7 and y = 0.
  expect_violated(r, "asserts", 1, {"a.div(x=-7, y=0)"});
  EXPECT_EQ(r.of("asserts").failure, "division by zero");
}

TEST(Arithmetic, CIdentitiesHoldForEveryOperand) {
  Explored r = explore(
      "model m;\nvar n: 0..1 = 0;\n"
      "actor a { input action test(x: -6..6, y: -3..3, p: bool, q: bool) {\n"
      "  assert y == 0 || (x / y) * y + x % y == x;\n"
      "  assert y == 0 || x % y == 0 || (x % y > 0) == (x > 0);\n"
      "  assert y == 0 || (x % y < 3 && x % y > -3);\n"
      "  assert -x + x == 0 && x - y == x + -y && x * y == y * x;\n"
      "  assert (p -> q) == (!p || q) && (p <-> q) == (p == q);\n"
      "  assert (p ? x : y) == (!p ? y : x);\n"
      "  assert (x < y) == !(x >= y) && (x <= y) == !(x > y) && (x != y) == !(x == y);\n"
      "  n = 1 - n;\n"
      "} }\n");
  expect_proved(r, "asserts");
}

TEST(Arithmetic, ShortCircuitOperatorsDoNotEvaluateTheirRightSide) {
  Explored r = explore(
      "model m;\nvar x: 0..2 = 0;\nvar a: bool[0..2] = false;\n"
      "actor c { input action go(d: 0..2) {\n"
      "  x = d;\n"
      "  assert x == 0 || 6 / x > 0;\n"
      "  assert (x != 0 && 6 / x > 0) || x == 0;\n"
      "  assert x != 0 -> 6 / x > 0;\n"
      "  assert (x > 0 ? 6 / x : 0) >= 0;\n"
      "  assert x + 1 > 2 -> a[x + 1 - 1];\n"  // a is false: fails when x == 2
      "} }\n");
  expect_violated(r, "asserts", 1, {"c.go(d=2)"});
  EXPECT_EQ(r.of("asserts").failure, "assertion failed: x + 1 > 2 -> a[x + 1 - 1]");
}

TEST(Arithmetic, RangeErrorAtAssignment) {
  Explored r =
      explore("model m;\nvar x: 0..3 = 0;\nactor a { input action inc() { x = x + 1; } }\n");
  expect_violated(r, "asserts", 4, {"a.inc()", "a.inc()", "a.inc()", "a.inc()"});
  EXPECT_EQ(r.of("asserts").failure,
            "the value assigned to 'x' is out of range 0..3 (the value is 4)");
  EXPECT_TRUE(r.of("asserts").trace->steps.back().failed);
}

TEST(Arithmetic, RangeErrorAtEmit) {
  Explored r = explore(
      "model m;\nvar x: 0..5 = 0;\nevent e(v: 0..3);\n"
      "actor a { input action inc() when x < 5 { x = x + 1; emit e(x); } }\n");
  expect_violated(r, "asserts", 4);
  EXPECT_EQ(r.of("asserts").failure,
            "argument 'v' of event 'e' is out of range 0..3 (the value is 4)");
}

TEST(Arithmetic, RangeErrorAtReturn) {
  Explored r = explore(
      "model m;\nvar x: 0..5 = 0;\n"
      "actor a {\n  input action inc() when x < 5 { x = x + 1; }\n"
      "  input action get(): 0..2 { return x; }\n}\n");
  expect_violated(r, "asserts", 4, {"a.inc()", "a.inc()", "a.inc()", "a.get()"});
  EXPECT_EQ(r.of("asserts").failure, "the result of 'get' is out of range 0..2 (the value is 3)");
}

TEST(Arithmetic, RangeErrorAtFunctionArguments) {
  Explored r = explore(
      "model m;\nvar x: 0..5 = 0;\nfn half(v: 0..3): 0..1 = v / 2;\n"
      "actor a { input action inc() when x < 5 && half(x) <= 1 { x = x + 1; } }\n");
  // The guard itself fails when x is 4: a run-time error of the model, in a
  // fifth step after the four that reach x == 4.
  expect_violated(r, "asserts", 5, {"a.inc()", "a.inc()", "a.inc()", "a.inc()", "a.inc()"});
  EXPECT_EQ(r.of("asserts").failure,
            "in the guard of a.inc: argument 'v' of 'half' is out of range 0..3 (the value is 4)");
}

TEST(Arithmetic, RangeErrorAtAnIndex) {
  Explored r = explore(
      "model m;\nvar x: 0..3 = 0;\nvar a: bool[0..2] = false;\n"
      "actor c { input action set() { a[x] = true; if (x < 3) { x = x + 1; } } }\n");
  expect_violated(r, "asserts", 4);
  EXPECT_EQ(r.of("asserts").failure, "an index of 'a' is out of range 0..2 (the value is 3)");
}

TEST(Arithmetic, ErrorsInAnInvariantViolateThatInvariant) {
  Explored r = explore(
      "model m;\nvar x: 0..3 = 3;\n"
      "actor a { input action dec() when x > 0 { x = x - 1; } }\n"
      "invariant ratio: 6 / x >= 2;\n");
  // x = 0 after three steps: the invariant cannot be evaluated.
  expect_violated(r, "ratio", 3);
  EXPECT_EQ(r.of("ratio").failure, "evaluating the invariant failed: division by zero");
  expect_proved(r, "asserts");  // x - 1 stays in range: the guard sees to it
}

// --------------------------------------------------------------- quantifiers

TEST(Quantifiers, ForallExistsCountWithSeveralBinders) {
  Explored r = explore(
      "model m;\nvar g: bool[0..1][0..2] = false;\n"
      "actor a { input action set(i: 0..1, j: 0..2) when !g[i][j] { g[i][j] = true; } }\n"
      "invariant none: !(exists i: 0..1, j: 0..2. g[i][j]);\n"
      "invariant not_all: !(forall i: 0..1, j: 0..2. g[i][j]);\n"
      "invariant few: (count i: 0..1, j: 0..2. g[i][j]) < 3;\n"
      "invariant no_full_row: !(exists i: 0..1. forall j: 0..2. g[i][j]);\n"
      "invariant diagonal: forall i: 0..1. g[i][i] -> exists j: 0..2. g[i][j];\n");
  expect_violated(r, "none", 1, {"a.set(i=0, j=0)"});
  expect_violated(r, "not_all", 6);
  expect_violated(r, "few", 3, {"a.set(i=0, j=0)", "a.set(i=0, j=1)", "a.set(i=0, j=2)"});
  expect_violated(r, "no_full_row", 3, {"a.set(i=0, j=0)", "a.set(i=0, j=1)", "a.set(i=0, j=2)"});
  expect_proved(r, "diagonal");
}

TEST(Quantifiers, OverEnumsAndBools) {
  Explored r = explore(
      "model m;\nenum E { A, B, C }\nvar s: bool[E] = false;\n"
      "actor a { input action set(e: E) { s[e] = true; } }\n"
      "invariant count_bool: (count b: bool. b) == 1 && (count e: E. true) == 3;\n"
      "invariant not_a_and_c: !(s[A] && s[C]);\n");
  expect_proved(r, "count_bool");
  expect_violated(r, "not_a_and_c", 2, {"a.set(e=A)", "a.set(e=C)"});
}

// -------------------------------------------------------- property operators

TEST(Properties, PrevIsFalseAtTheInitialState) {
  Explored r =
      explore(counter("property prev_true: always prev true;\n"
                      "property not_prev_false: always !prev false;\n"
                      "property prev_prev: always x >= 2 -> prev prev (x == x);\n"
                      "property prev_wrong: always x > 0 -> prev (x == 0);\n"));
  expect_violated(r, "prev_true", 0);
  expect_proved(r, "not_prev_false");
  expect_proved(r, "prev_prev");
  expect_violated(r, "prev_wrong", 2, {"c.inc()", "c.inc()"});
}

TEST(Properties, PrevRefersToThePreviousPosition) {
  Explored r = explore(
      "model m;\nvar x: 0..5 = 0;\n"
      "actor c {\n  input action inc() when x < 5 { x = x + 1; }\n"
      "  input action reset() when x > 0 { x = 0; }\n}\n"
      "property from_below: always x > 0 -> prev (x < 5) && (prev (x == 0) || !did reset);\n"
      "property no_reset_from_3: always did reset -> !prev (x == 3);\n");
  expect_proved(r, "from_below");
  expect_violated(r, "no_reset_from_3", 4, {"c.inc()", "c.inc()", "c.inc()", "c.reset()"});
}

TEST(Properties, OnceAndHistorically) {
  Explored r =
      explore(counter("property never_3: always !once (x == 3);\n"
                      "property below_2: always historically (x < 2);\n"
                      "property once_0: always once (x == 0);\n"
                      "property hist_initial: always historically (x == 0) -> x == 0;\n"
                      "property once_initial: always once (x == 2) -> x >= 2;\n"));
  expect_violated(r, "never_3", 3, {"c.inc()", "c.inc()", "c.inc()"});
  expect_violated(r, "below_2", 2);
  expect_proved(r, "once_0");
  expect_proved(r, "hist_initial");
  expect_proved(r, "once_initial");
}

TEST(Properties, Since) {
  Explored r = explore(
      "model m;\nvar x: 0..5 = 0;\n"
      "actor c {\n  input action inc() when x < 5 { x = x + 1; }\n"
      "  input action reset() when x == 4 { x = 0; }\n}\n"
      "property at_start: always !(x == 0 since x == 0);\n"
      "property up_from_1: always x >= 2 -> (x >= 2 since x == 1);\n"
      "property strict: always x == 3 -> (x >= 3 since x == 1);\n"
      "property operand_false_at_trigger: always x == 2 -> (x == 2 since x == 1);\n"
      "property reset_breaks_it: always x == 1 -> (x >= 1 since x == 1) && prev (x == 0);\n");
  // ψ at the initial state: `since` holds at once.
  expect_violated(r, "at_start", 0);
  expect_proved(r, "up_from_1");
  // φ must hold at every position after the one where ψ held: x == 2 breaks it.
  expect_violated(r, "strict", 3, {"c.inc()", "c.inc()", "c.inc()"});
  // ...but not at the position of ψ itself.
  expect_proved(r, "operand_false_at_trigger");
  expect_proved(r, "reset_breaks_it");
}

TEST(Properties, HappensWithAndWithoutArguments) {
  Explored r = explore(
      "model m;\nvar x: 0..3 = 0;\nevent moved(from: 0..3, to: 0..3);\nevent idle();\n"
      "actor c {\n  input action inc() when x < 3 { emit moved(x, x + 1); x = x + 1; }\n"
      "  input action nop() { emit idle; }\n}\n"
      "property any_move: always !happens moved;\n"
      "property to_2: always !happens moved(_, 2);\n"
      "property exact: always !happens moved(1, 2);\n"
      "property impossible: always !happens moved(2, 1);\n"
      "property with_state: always happens moved(_, x) || !did inc;\n"
      "property idle_only_from_nop: always happens idle -> did nop;\n"
      "property initial: always !happens idle || x >= 0;\n");
  expect_violated(r, "any_move", 1, {"c.inc()"});
  expect_violated(r, "to_2", 2, {"c.inc()", "c.inc()"});
  expect_violated(r, "exact", 2);
  expect_proved(r, "impossible");
  expect_proved(r, "with_state");
  expect_proved(r, "idle_only_from_nop");
}

TEST(Properties, DidWithAndWithoutArgumentsAndActors) {
  Explored r = explore(
      "model m;\nvar x: 0..3 = 0;\n"
      "actor host {\n  input action set(v: 0..3, w: bool) { x = v; }\n"
      "  internal action tick() { }\n}\n"
      "actor guest { input action tick() { } }\n"
      "property no_set: always !did set;\n"
      "property no_set_2: always !did host.set(2, _);\n"
      "property no_set_2_true: always !did set(2, true);\n"
      "property guest_tick: always !did guest.tick;\n"
      "property host_tick: always !did host.tick();\n"
      "property x_from_set: always did set(3, _) -> x == 3;\n");
  expect_violated(r, "no_set", 1, {"host.set(v=0, w=false)"});
  expect_violated(r, "no_set_2", 1, {"host.set(v=2, w=false)"});
  expect_violated(r, "no_set_2_true", 1, {"host.set(v=2, w=true)"});
  expect_violated(r, "guest_tick", 1, {"guest.tick()"});
  expect_violated(r, "host_tick", 1, {"host.tick()"});
  expect_proved(r, "x_from_set");
}

TEST(Properties, Returned) {
  Explored r = explore(
      "model m;\nenum Ret { OK, EBUSY, EINVAL }\nvar x: 0..3 = 0;\n"
      "actor c {\n  input action inc() when x < 3 { x = x + 1; }\n"
      "  input action get(): 0..3 { return x; }\n"
      "  input action status(): Ret { return x == 2 ? EBUSY : OK; }\n"
      "  input action silent() { }\n}\n"
      "property not_2: always !returned 2;\n"
      "property no_busy: always !returned EBUSY;\n"
      "property ok_or_busy: always did status -> returned OK || returned EBUSY;\n"
      "property silent_returns_nothing: always did silent -> !returned 0 && !returned OK;\n"
      "property value_is_x: always did get -> returned x;\n");
  expect_violated(r, "not_2", 3, {"c.inc()", "c.inc()", "c.get() -> 2"});
  expect_violated(r, "no_busy", 3, {"c.inc()", "c.inc()", "c.status() -> EBUSY"});
  expect_proved(r, "ok_or_busy");
  expect_proved(r, "silent_returns_nothing");
  expect_proved(r, "value_is_x");
}

TEST(Properties, NestedPastOperatorsAndQuantifiers) {
  Explored r = explore(
      "model m;\nvar t: bool[0..2] = false;\n"
      "actor a {\n  input action set(i: 0..2) when !t[i] { t[i] = true; }\n"
      "  input action clear(i: 0..2) when t[i] { t[i] = false; }\n}\n"
      "property set_before: always forall i: 0..2. t[i] -> once did set(i);\n"
      "property never_cleared_twice: always !(once (did clear(0) && once prev did clear(0)));\n"
      "property count_ever: always (count i: 0..2. once t[i]) < 3;\n");
  expect_proved(r, "set_before");
  // set(0), clear(0), set(0), clear(0): the second clear has an earlier clear
  // before the previous position.
  expect_violated(r, "never_cleared_twice", 4,
                  {"a.set(i=0)", "a.clear(i=0)", "a.set(i=0)", "a.clear(i=0)"});
  expect_violated(r, "count_ever", 3, {"a.set(i=0)", "a.set(i=1)", "a.set(i=2)"});
}

TEST(Properties, StepAtomsAreFalseAtTheInitialState) {
  Explored r =
      explore(counter("event e();\n"
                      "property some_step: always did inc || happens e || x > 0;\n"));
  expect_violated(r, "some_step", 0);
}

// --------------------------------------------------------- Semantics directly

TEST(SemanticsApi, InitialStatesEnumerateFreeSlotsLastFastest) {
  std::unique_ptr<Loaded> l = load(
      "model m;\nvar a: 0..1;\nvar b: bool = true;\nvar c: 0..2;\ninit a + c != 1;\n"
      "actor x { input action go() { } }\n");
  ASSERT_TRUE(l->ok()) << l->diagnostics_text();
  solver::Semantics sem(*l->model);
  std::vector<std::vector<spec::Value>> states;
  sem.initial_states(
      [&](const std::vector<spec::Value>& s) {
        states.push_back(s);
        return true;
      },
      [](const std::vector<spec::Value>&, const solver::RuntimeError&) { FAIL(); });
  EXPECT_EQ(states,
            (std::vector<std::vector<spec::Value>>{{0, 1, 0}, {0, 1, 2}, {1, 1, 1}, {1, 1, 2}}));
}

TEST(SemanticsApi, AnInitConstraintThatCannotBeEvaluatedExcludesTheState) {
  // language.md is silent; the semantics (all engines) treat a run-time
  // error in an `init` constraint as "not an initial state", not a violation.
  Explored r = explore(
      "model m;\nvar x: 0..3;\ninit 4 / x == 2;\n"
      "actor a { input action inc() when x < 3 { x = x + 1; } }\n"
      "invariant not_0: x != 0;\ninvariant not_3: x != 3;\n");
  expect_proved(r, "not_0");
  expect_violated(r, "not_3", 1, {"a.inc()"});
  EXPECT_EQ(r.of("not_3").trace->initial, std::vector<spec::Value>{2});
  expect_proved(r, "asserts");
}

TEST(SemanticsApi, ParameterTuplesAreLexicographic) {
  std::unique_ptr<Loaded> l = load(
      "model m;\nenum E { A, B }\nvar x: bool;\nactor x1 { input action go(p: 1..2, e: E, b: "
      "bool) { x = b; } }\n");
  ASSERT_TRUE(l->ok()) << l->diagnostics_text();
  solver::Semantics sem(*l->model);
  std::vector<std::vector<spec::Value>> tuples;
  sem.parameter_tuples(0, [&](const std::vector<spec::Value>& p) {
    tuples.push_back(p);
    return true;
  });
  ASSERT_EQ(tuples.size(), 8u);
  EXPECT_EQ(tuples.front(), (std::vector<spec::Value>{1, 0, 0}));
  EXPECT_EQ(tuples[1], (std::vector<spec::Value>{1, 0, 1}));
  EXPECT_EQ(tuples.back(), (std::vector<spec::Value>{2, 1, 1}));
}

TEST(SemanticsApi, ExecuteVisitsEveryWayTheChoicesCanGo) {
  std::unique_ptr<Loaded> l = load(
      "model m;\nvar x: 0..3 = 0;\nvar y: 0..3 = 0;\nevent e(v: 0..3);\n"
      "actor a { input action go(): 0..3 { choose i: 0..2; x = i; choose j: 0..3 where j < i; "
      "y = j; emit e(i + j); return j; } }\n");
  ASSERT_TRUE(l->ok()) << l->diagnostics_text();
  solver::Semantics sem(*l->model);
  std::vector<spec::Value> state{0, 0};
  std::vector<std::vector<spec::Value>> choices;
  std::vector<spec::Value> results;
  sem.execute(0, {}, state.data(), [&](solver::StepOutcome&& out) {
    EXPECT_EQ(out.status, solver::StepOutcome::Status::Ok);
    choices.push_back(out.choices);
    results.push_back(*out.result);
    EXPECT_EQ(out.post, (std::vector<spec::Value>{out.choices[0], out.choices[1]}));
    EXPECT_EQ(out.events.size(), 1u);
    return true;
  });
  // i = 0 has no j.
  EXPECT_EQ(choices, (std::vector<std::vector<spec::Value>>{{1, 0}, {2, 0}, {2, 1}}));
  EXPECT_EQ(results, (std::vector<spec::Value>{0, 0, 1}));
  // Replaying one of them gives the same step; an impossible choice gives none.
  solver::StepInput in{0, {}, {2, 1}};
  auto out = sem.replay_step(in, state.data());
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(out->post, (std::vector<spec::Value>{2, 1}));
  EXPECT_FALSE(sem.replay_step({0, {}, {0, 0}}, state.data()).has_value());
  EXPECT_FALSE(sem.replay_step({0, {}, {2}}, state.data()).has_value());
  EXPECT_FALSE(sem.replay_step({0, {}, {2, 1, 0}}, state.data()).has_value());
}

TEST(SemanticsApi, GuardsAreEvaluatedInThePreState) {
  std::unique_ptr<Loaded> l = load(
      "model m;\nvar x: 0..3 = 0;\nactor a { input action go(p: 0..3) when p > x { x = p; } }\n");
  ASSERT_TRUE(l->ok()) << l->diagnostics_text();
  solver::Semantics sem(*l->model);
  std::vector<spec::Value> state{2};
  solver::RuntimeError error;
  EXPECT_EQ(sem.guard(0, {3}, state.data(), error), std::optional<bool>(true));
  EXPECT_EQ(sem.guard(0, {2}, state.data(), error), std::optional<bool>(false));
  EXPECT_FALSE(sem.replay_step({0, {2}, {}}, state.data()).has_value());
  EXPECT_FALSE(sem.replay_step({0, {4}, {}}, state.data()).has_value());  // outside 0..3
}

}  // namespace
}  // namespace irqspec_test
