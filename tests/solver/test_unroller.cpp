// SPDX-License-Identifier: GPL-2.0
// The unroller: X at step k is its own variable per k, X' at k is X at
// k + 1, the inputs of each step are fresh, instantiating the same term
// twice gives the same term back, and what mentions no variable of the
// system is left alone. The transition system is built by hand so that a
// failure here points at the unroller, not at lowering.

#include <gtest/gtest.h>

#include <memory>
#include <set>

#include "solver/unroller.h"

namespace solver {
namespace {

using smt::Op;

/// A counter x (4 bits) and a flag b, with one input i: x' = x + i.
struct Unrolling : ::testing::Test {
  Unrolling() {
    ts.terms = tm;
    ts.bv_width = 4;
    x = tm->mk_var("x", 4);
    b = tm->mk_var("b", 0);
    i = tm->mk_var("i", 4);
    ts.state = {x, b};
    ts.next = {tm->mk_var("x'", 4), tm->mk_var("b'", 0)};
    ts.inputs = {i};
    ts.model_slots = 2;
  }
  Term x_next() const { return ts.next[0]; }

  std::shared_ptr<smt::TermManager> tm = std::make_shared<smt::TermManager>();
  TransitionSystem ts;
  Term x = 0, b = 0, i = 0;
};

TEST_F(Unrolling, AStateVariableIsADistinctVariablePerStep) {
  Unroller u(ts);
  std::set<Term> copies;
  for (int k = 0; k < 4; ++k) {
    Term xk = u.state_at(0, k);
    EXPECT_EQ(tm->node(xk).op, Op::Var);
    EXPECT_EQ(tm->width(xk), 4);
    EXPECT_EQ(tm->var_name(xk), "x@" + std::to_string(k));
    EXPECT_NE(xk, x) << "step " << k << " reused the variable of the system";
    copies.insert(xk);
  }
  EXPECT_EQ(copies.size(), 4u);
  EXPECT_NE(u.state_at(0, 2), u.state_at(1, 2)) << "x and b share a copy";
  EXPECT_TRUE(tm->is_bool(u.state_at(1, 2)));
}

TEST_F(Unrolling, AtMapsAStateVariableToItsCopyAtThatStep) {
  Unroller u(ts);
  EXPECT_EQ(u.at(x, 3), u.state_at(0, 3));
  EXPECT_EQ(u.at(b, 0), u.state_at(1, 0));
}

TEST_F(Unrolling, TheNextStateAtKIsTheStateAtKPlusOne) {
  Unroller u(ts);
  for (int k = 0; k < 3; ++k) {
    EXPECT_EQ(u.at(x_next(), k), u.state_at(0, k + 1)) << k;
    EXPECT_EQ(u.at(x_next(), k), u.at(x, k + 1)) << k;
    EXPECT_EQ(u.at(ts.next[1], k), u.at(b, k + 1)) << k;
  }
}

TEST_F(Unrolling, InputsAreFreshPerStepAndNotStateCopies) {
  Unroller u(ts);
  Term i0 = u.at(i, 0), i1 = u.at(i, 1);
  EXPECT_NE(i0, i1);
  EXPECT_NE(i0, i);
  EXPECT_EQ(tm->var_name(i1), "i@1");
  // An input has no next-state twin: i at k + 1 is not linked to step k.
  EXPECT_NE(i1, u.at(x_next(), 0));
  EXPECT_NE(i0, u.at(x, 0));
}

TEST_F(Unrolling, ACompoundTermIsInstantiatedThroughout) {
  Unroller u(ts);
  Term step = tm->mk_eq(x_next(), tm->mk_arith(Op::Add, x, i));
  Term at2 = u.at(step, 2);
  Term expected = tm->mk_eq(u.state_at(0, 3), tm->mk_arith(Op::Add, u.state_at(0, 2), u.at(i, 2)));
  EXPECT_EQ(at2, expected);
  EXPECT_NE(u.at(step, 1), at2);
}

TEST_F(Unrolling, TheSameTermAtTheSameStepIsTheSameTermWithoutNewNodes) {
  Unroller u(ts);
  Term step = tm->mk_and(b, tm->mk_eq(x_next(), tm->mk_arith(Op::Add, x, i)));
  Term first = u.at(step, 1);
  std::size_t size = tm->size();
  EXPECT_EQ(u.at(step, 1), first);
  EXPECT_EQ(tm->size(), size) << "a cached instantiation made new terms";
  // A second unroller of the same system names the same variables: the
  // term manager makes them the same terms.
  Unroller other(ts);
  EXPECT_EQ(other.at(step, 1), first);
}

TEST_F(Unrolling, ConstantsAndForeignVariablesAreUnchanged) {
  Unroller u(ts);
  Term five = tm->mk_bv(5, 4);
  EXPECT_EQ(u.at(five, 3), five);
  EXPECT_EQ(u.at(tm->mk_true(), 3), tm->mk_true());
  Term y = tm->mk_var("y", 4);  // not a variable of the system
  EXPECT_EQ(u.at(y, 2), y);
  Term mixed = tm->mk_eq(y, tm->mk_arith(Op::Add, x, five));
  EXPECT_EQ(u.at(mixed, 2), tm->mk_eq(y, tm->mk_arith(Op::Add, u.state_at(0, 2), five)));
}

TEST_F(Unrolling, AskingForALaterStepFirstGivesTheSameCopies) {
  // Frames are made on demand: asking for step 3 first must not shift the
  // numbering of the steps made on the way.
  Unroller late(ts), early(ts);
  Term x3 = late.state_at(0, 3);
  for (int k = 0; k <= 3; ++k) {
    early.state_at(0, k);
  }
  EXPECT_EQ(x3, early.state_at(0, 3));
  EXPECT_EQ(late.at(x_next(), 0), early.state_at(0, 1));
}

}  // namespace
}  // namespace solver
