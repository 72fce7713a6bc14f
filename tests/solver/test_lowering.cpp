// SPDX-License-Identifier: GPL-2.0
// Lowering a model to a transition system, checked by what the terms mean
// (asked of a solver) rather than by their shape: one state variable per
// slot and then the monitors, `init` fixing what the initializers say, a
// false guard or a failed assert leaving no step of that action, the
// assignments of a step landing in X', and one set of terms per obligation
// asked for, in the order asked.

#include <gtest/gtest.h>

#include "tests/support/backend_support.h"

namespace irqspec_test {
namespace {

using solver::Term;
using solver::backend::SatResult;
using solver::smt::Op;

const char* const kModel =
    "model m;\nvar x: 0..3 = 1;\nvar y: 0..7;\nvar f: bool[0..2] = false;\n"
    "actor a {\n"
    "  input action inc() when x < 3 { x = x + 1; }\n"
    "  input action put(v: 0..3) { y = v + 2; x = y - 2; }\n"
    "  input action probe() { assert below: x < 2; }\n"
    "}\n"
    "invariant small: x <= 2;\n"
    "property seen_three: always (once (x == 3) -> x >= 1);\n";

/// Terms about one lowered model, and the answer of a solver about them.
struct Lowering : ::testing::Test {
  void SetUp() override { use(lower_text(kModel)); }
  void use(LoweredModel lowered) {
    l = std::move(lowered);
    tm = l.ts.terms.get();
  }

  Term num(std::int64_t v) { return tm->mk_bv(v, l.ts.bv_width); }
  Term slot(const std::string& name, bool next = false) {
    for (int i = 0; i < l.ts.model_slots; ++i) {
      if (l.model().slots[i].name == name) {
        return next ? l.ts.next[i] : l.ts.state[i];
      }
    }
    ADD_FAILURE() << "no slot " << name;
    return tm->mk_false();
  }
  Term is(const std::string& name, std::int64_t v, bool next = false) {
    return tm->mk_eq(slot(name, next), num(v));
  }
  std::size_t action(const std::string& name) const {
    for (const spec::Action& a : l.model().actions) {
      if (a.name == name) {
        return static_cast<std::size_t>(a.id);
      }
    }
    ADD_FAILURE() << "no action " << name;
    return 0;
  }
  Term step(const std::string& name) { return solver::action_transition(l.ts, action(name)); }
  SatResult sat(std::initializer_list<Term> terms) { return check_terms(l.ts.terms, terms); }

  LoweredModel l;
  solver::smt::TermManager* tm = nullptr;
};

TEST_F(Lowering, OneStateVariablePerSlotThenTheMonitors) {
  EXPECT_EQ(l.ts.model_slots, 5);  // x, y, f[0], f[1], f[2]
  ASSERT_EQ(l.ts.state.size(), l.ts.next.size());
  EXPECT_GT(l.ts.state.size(), 5u) << "`once` needs monitor state";
  EXPECT_EQ(tm->width(slot("x")), l.ts.bv_width);
  EXPECT_TRUE(tm->is_bool(slot("f[1]")));
  for (std::size_t i = 5; i < l.ts.state.size(); ++i) {
    EXPECT_TRUE(tm->is_bool(l.ts.state[i])) << tm->var_name(l.ts.state[i]);
  }
  // Without the property there is no monitor.
  use(lower_text(kModel, {l.model().find_obligation("small")}));
  EXPECT_EQ(l.ts.state.size(), 5u);
}

TEST_F(Lowering, InitFixesTheInitializedSlotsAndKeepsTheOthersInTheirType) {
  EXPECT_EQ(sat({l.ts.init, is("x", 1)}), SatResult::Sat);
  EXPECT_EQ(sat({l.ts.init, tm->mk_not(is("x", 1))}), SatResult::Unsat);
  EXPECT_EQ(sat({l.ts.init, slot("f[1]")}), SatResult::Unsat);
  // y has no initializer: any value of 0..7, and nothing else.
  EXPECT_EQ(sat({l.ts.init, is("y", 7)}), SatResult::Sat);
  EXPECT_EQ(sat({l.ts.init, is("y", 0)}), SatResult::Sat);
  EXPECT_EQ(sat({l.ts.init, is("y", -1)}), SatResult::Unsat);
}

TEST_F(Lowering, AnInitConstraintRelatesSlots) {
  use(
      lower_text("model m;\nvar p: 0..3;\nvar q: 0..3;\ninit p + q == 3;\n"
                 "actor a { input action go() { p = 0; } }\n"));
  EXPECT_EQ(sat({l.ts.init, is("p", 1), is("q", 2)}), SatResult::Sat);
  EXPECT_EQ(sat({l.ts.init, is("p", 1), tm->mk_not(is("q", 2))}), SatResult::Unsat);
}

TEST_F(Lowering, AFalseGuardLeavesNoStepOfThatAction) {
  Term inc = step("inc");
  EXPECT_EQ(sat({inc, is("x", 3)}), SatResult::Unsat);
  EXPECT_EQ(sat({l.ts.actions[action("inc")].enabled, is("x", 3)}), SatResult::Unsat);
  EXPECT_EQ(sat({inc, is("x", 2)}), SatResult::Sat);
  EXPECT_EQ(sat({inc, is("x", 2), tm->mk_not(is("x", 3, true))}), SatResult::Unsat);
  // Another action is still a step of the system from x == 3.
  EXPECT_EQ(sat({l.ts.trans, is("x", 3)}), SatResult::Sat);
}

TEST_F(Lowering, AssignmentsRunInOrderAndLandInTheNextState) {
  Term put = step("put");
  ASSERT_EQ(l.ts.actions[action("put")].params.size(), 1u);
  Term v = l.ts.actions[action("put")].params[0];
  Term v_plus_2 = tm->mk_arith(Op::Add, v, num(2));
  EXPECT_EQ(sat({put, tm->mk_not(tm->mk_eq(slot("y", true), v_plus_2))}), SatResult::Unsat);
  // x = y - 2 reads the y just assigned.
  EXPECT_EQ(sat({put, tm->mk_not(tm->mk_eq(slot("x", true), v))}), SatResult::Unsat);
  // A slot the action does not assign keeps its value.
  EXPECT_EQ(sat({put, tm->mk_not(tm->mk_eq(slot("f[1]", true), slot("f[1]")))}), SatResult::Unsat);
  EXPECT_EQ(sat({put, tm->mk_eq(v, num(3))}), SatResult::Sat);
}

TEST_F(Lowering, AFailedAssertIsAnErrorAndNoStep) {
  Term probe = step("probe");
  EXPECT_EQ(sat({probe, is("x", 2)}), SatResult::Unsat);
  EXPECT_EQ(sat({probe, is("x", 1)}), SatResult::Sat);
  int below = l.model().find_obligation("below");
  ASSERT_GE(below, 0);
  const solver::ObligationTerms* terms = nullptr;
  for (const solver::ObligationTerms& o : l.ts.obligations) {
    terms = o.obligation == below ? &o : terms;
  }
  ASSERT_NE(terms, nullptr);
  ASSERT_NE(terms->bad_error, 0u);
  Term selected = l.ts.actions[action("probe")].selected;
  EXPECT_EQ(sat({terms->bad_error, selected, is("x", 2)}), SatResult::Sat);
  EXPECT_EQ(sat({terms->bad_error, selected, is("x", 1)}), SatResult::Unsat);
}

TEST_F(Lowering, OneSetOfTermsPerObligationInTheOrderAsked) {
  int small = l.model().find_obligation("small");
  int seen = l.model().find_obligation("seen_three");
  use(lower_text(kModel, {seen, small}));
  ASSERT_EQ(l.ts.obligations.size(), 2u);
  EXPECT_EQ(l.ts.obligations[0].obligation, seen);
  EXPECT_EQ(l.ts.obligations[0].kind, spec::ObligationKind::Property);
  EXPECT_NE(l.ts.obligations[0].bad_step, 0u);
  const solver::ObligationTerms& inv = l.ts.obligations[1];
  EXPECT_EQ(inv.obligation, small);
  EXPECT_EQ(inv.kind, spec::ObligationKind::Invariant);
  EXPECT_EQ(sat({inv.bad_state, is("x", 3)}), SatResult::Sat);
  EXPECT_EQ(sat({inv.bad_state, is("x", 2)}), SatResult::Unsat);
}

TEST_F(Lowering, TooManyTermsIsRefusedWithHowFarItGot) {
  std::vector<int> all;
  for (std::size_t i = 0; i < l.model().obligations.size(); ++i) {
    all.push_back(static_cast<int>(i));
  }
  try {
    solver::lower(l.model(), all, nullptr, 10);
    FAIL() << "a model of more than 10 terms was lowered";
  } catch (const solver::ModelTooLarge& e) {
    EXPECT_EQ(e.limit, 10u);
    EXPECT_EQ(e.parts_total, static_cast<int>(l.model().actions.size() + all.size()));
    EXPECT_LT(e.parts_done, e.parts_total);
  }
}

}  // namespace
}  // namespace irqspec_test
