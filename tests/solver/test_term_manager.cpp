// SPDX-License-Identifier: GPL-2.0
// The term manager: equal terms are one id, constructors simplify what is
// decided by constants, values wrap at their width, and the term limit
// refuses a model before a solver sees it.

#include <gtest/gtest.h>

#include <unordered_map>

#include "solver/smt/term.h"

namespace solver::smt {
namespace {

TEST(TermManager, EqualTermsAreOneId) {
  TermManager tm;
  Term x = tm.mk_var("x", 8), y = tm.mk_var("y", 8);
  EXPECT_EQ(tm.mk_arith(Op::Add, x, y), tm.mk_arith(Op::Add, x, y));
  EXPECT_EQ(tm.mk_var("x", 8), x);
  EXPECT_NE(tm.mk_arith(Op::Add, x, y), tm.mk_arith(Op::Sub, x, y));
  std::size_t before = tm.size();
  tm.mk_eq(tm.mk_arith(Op::Add, x, y), tm.mk_bv(3, 8));
  std::size_t after = tm.size();
  tm.mk_eq(tm.mk_arith(Op::Add, x, y), tm.mk_bv(3, 8));
  EXPECT_EQ(tm.size(), after) << "interning the same term twice made new nodes";
  EXPECT_GT(after, before);
}

TEST(TermManager, ConstantsDecideBooleanConnectives) {
  TermManager tm;
  Term b = tm.mk_var("b", 0);
  EXPECT_EQ(tm.mk_and(b, tm.mk_false()), tm.mk_false());
  EXPECT_EQ(tm.mk_and(b, tm.mk_true()), b);
  EXPECT_EQ(tm.mk_or(b, tm.mk_true()), tm.mk_true());
  EXPECT_EQ(tm.mk_not(tm.mk_not(b)), b);
  EXPECT_EQ(tm.mk_ite(tm.mk_true(), b, tm.mk_false()), b);
  EXPECT_EQ(tm.mk_and(std::vector<Term>{}), tm.mk_true());
  EXPECT_EQ(tm.mk_or(std::vector<Term>{}), tm.mk_false());
}

TEST(TermManager, ArithmeticOnConstantsFoldsAtItsWidth) {
  TermManager tm;
  Term sum = tm.mk_arith(Op::Add, tm.mk_bv(100, 8), tm.mk_bv(100, 8));
  ASSERT_TRUE(tm.is_const(sum));
  EXPECT_EQ(tm.const_value(sum), -56);  // 200 wraps in 8 signed bits
  Term lt = tm.mk_arith(Op::Slt, tm.mk_bv(-1, 8), tm.mk_bv(0, 8));
  ASSERT_TRUE(tm.is_const(lt));
  EXPECT_EQ(tm.const_value(lt), 1);
  EXPECT_EQ(tm.width(tm.mk_bv(5, 12)), 12);
  EXPECT_TRUE(tm.is_bool(tm.mk_eq(tm.mk_bv(1, 4), tm.mk_var("v", 4))));
}

TEST(TermManager, SubstitutionReplacesVariablesAndSimplifies) {
  TermManager tm;
  Term x = tm.mk_var("x", 8), y = tm.mk_var("y", 8);
  Term e = tm.mk_eq(tm.mk_arith(Op::Add, x, y), tm.mk_bv(7, 8));
  std::unordered_map<Term, Term> map{{x, tm.mk_bv(3, 8)}, {y, tm.mk_bv(4, 8)}}, memo;
  EXPECT_EQ(tm.substitute(e, map, memo), tm.mk_true());
}

TEST(TermManager, TheLimitRefusesNewTermsButNotOldOnes) {
  TermManager tm;
  Term x = tm.mk_var("x", 8);
  Term old = tm.mk_arith(Op::Add, x, tm.mk_bv(1, 8));
  tm.set_limit(tm.size());
  EXPECT_EQ(tm.mk_arith(Op::Add, x, tm.mk_bv(1, 8)), old);  // interned already
  EXPECT_THROW(tm.mk_arith(Op::Mul, x, x), TooManyTerms);
  tm.set_limit(std::numeric_limits<std::size_t>::max());
  EXPECT_NO_THROW(tm.mk_arith(Op::Mul, x, x));
}

TEST(TermManager, ExtractTakesBitsAndFoldsConstants) {
  TermManager tm;
  Term x = tm.mk_var("x", 5);
  EXPECT_EQ(tm.mk_extract(x, 4, 0), x) << "all the bits are the term itself";
  Term bit = tm.mk_extract(x, 1, 1);
  EXPECT_EQ(tm.width(bit), 1);
  EXPECT_EQ(tm.to_smtlib(bit), "((_ extract 1 1) t" + std::to_string(x) + ")");
  // 0b10110: bits 3..1 are 0b011, bit 4 alone is 1 (sign-extended at width 1: -1).
  EXPECT_EQ(tm.const_value(tm.mk_extract(tm.mk_bv(0b10110, 5), 3, 1)), 3);
  EXPECT_EQ(tm.mk_extract(tm.mk_bv(0b10110, 5), 4, 4), tm.mk_bv(1, 1));
  std::unordered_map<Term, Term> memo;
  EXPECT_EQ(tm.substitute(bit, {{x, tm.mk_bv(0b00010, 5)}}, memo), tm.mk_bv(1, 1));
}

TEST(TermManager, ImportCopiesATermAndFindsVariablesByName) {
  TermManager from, to;
  Term x = from.mk_var("x", 5);
  Term t = from.mk_and(from.mk_arith(Op::Sle, from.mk_extract(x, 2, 0), from.mk_bv(3, 3)),
                       from.mk_not(from.mk_var("b", 0)));
  Term here = to.mk_var("x", 5);
  Term copy = to.import(from, t);
  EXPECT_EQ(to.to_smtlib(copy).substr(0, 5), "(and ");
  EXPECT_EQ(copy, to.mk_and(to.mk_arith(Op::Sle, to.mk_extract(here, 2, 0), to.mk_bv(3, 3)),
                            to.mk_not(to.mk_var("b", 0))));
}

}  // namespace
}  // namespace solver::smt
