// SPDX-License-Identifier: GPL-2.0
// Every solver backend of the build answers the same small questions the
// same way: sat and unsat of bit-vector and Boolean formulas, the values of
// a model (bit-vectors sign-extended), push/pop scoping, a timeout that
// does not stop an easy query, Unknown with a reason for a hard one, and
// the SMT-LIB log wrapper passing everything through.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "tests/support/backend_support.h"

namespace irqspec_test {
namespace {

using solver::backend::SatResult;
using solver::smt::Op;
using solver::smt::Term;

class Backend : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    b = solver::backend::make_backend(GetParam(), tm);
    ASSERT_NE(b, nullptr) << GetParam() << " is listed but cannot be made";
  }
  Term bv(std::int64_t v, int w = 8) { return tm->mk_bv(v, w); }
  Term var(const std::string& name, int w = 8) { return tm->mk_var(name, w); }
  Term eq(Term a, Term c) { return tm->mk_eq(a, c); }

  std::shared_ptr<solver::smt::TermManager> tm = std::make_shared<solver::smt::TermManager>();
  std::unique_ptr<solver::backend::Backend> b;
};

TEST_P(Backend, NamesItself) {
  EXPECT_EQ(b->name(), GetParam());
}

TEST_P(Backend, BitVectorArithmeticWrapsAndCompares) {
  Term x = var("x"), y = var("y");
  // x + 1 == 0 at 8 bits: x is -1, the only such value.
  b->assert_term(eq(tm->mk_arith(Op::Add, x, bv(1)), bv(0)));
  ASSERT_EQ(b->check(0), SatResult::Sat);
  EXPECT_EQ(b->value(x), -1) << "not sign-extended (or not -1)";
  // y < x (signed) with x == -1 forces y negative.
  b->assert_term(tm->mk_arith(Op::Slt, y, x));
  ASSERT_EQ(b->check(0), SatResult::Sat);
  EXPECT_LT(b->value(y), -1);
  EXPECT_GE(b->value(y), -128);
  b->assert_term(tm->mk_arith(Op::Slt, bv(0), y));
  EXPECT_EQ(b->check(0), SatResult::Unsat);
}

TEST_P(Backend, ValuesOfBooleansAndCompoundTerms) {
  Term p = var("p", 0), q = var("q", 0), x = var("x"), y = var("y");
  b->assert_term(tm->mk_and(p, tm->mk_not(q)));
  b->assert_term(eq(x, bv(-100)));
  b->assert_term(eq(y, bv(127)));
  ASSERT_EQ(b->check(0), SatResult::Sat);
  EXPECT_EQ(b->value(p), 1);
  EXPECT_EQ(b->value(q), 0);
  EXPECT_EQ(b->value(x), -100);
  EXPECT_EQ(b->value(y), 127);
  // A term never asserted is evaluated in the model: 127 + 1 wraps to -128.
  EXPECT_EQ(b->value(tm->mk_arith(Op::Add, y, bv(1))), -128);
  EXPECT_EQ(b->value(tm->mk_or(q, tm->mk_not(p))), 0);
}

TEST_P(Backend, SignedDivisionTruncatesTowardsZero) {
  Term x = var("x"), y = var("y");
  b->assert_term(eq(x, bv(-7)));
  b->assert_term(eq(y, bv(2)));
  ASSERT_EQ(b->check(0), SatResult::Sat);
  EXPECT_EQ(b->value(tm->mk_arith(Op::Sdiv, x, y)), -3);
  EXPECT_EQ(b->value(tm->mk_arith(Op::Srem, x, y)), -1);
  EXPECT_EQ(b->value(tm->mk_arith(Op::Mul, x, y)), -14);
  EXPECT_EQ(b->value(tm->mk_neg(x)), 7);
}

TEST_P(Backend, AWidthOfOneIsSignExtendedToo) {
  Term z = var("z", 1);
  b->assert_term(eq(z, bv(1, 1)));
  ASSERT_EQ(b->check(0), SatResult::Sat);
  EXPECT_EQ(b->value(z), -1) << "the one bit of a 1-bit vector is its sign";
}

TEST_P(Backend, PopForgetsWhatWasAssertedSincePush) {
  Term x = var("x");
  b->assert_term(tm->mk_arith(Op::Sle, x, bv(5)));
  b->push();
  b->assert_term(eq(x, bv(6)));
  EXPECT_EQ(b->check(0), SatResult::Unsat);
  b->push();
  b->assert_term(eq(x, bv(0)));
  EXPECT_EQ(b->check(0), SatResult::Unsat) << "an inner scope lost the outer one";
  b->pop();
  b->pop();
  b->assert_term(eq(x, bv(5)));
  ASSERT_EQ(b->check(0), SatResult::Sat);
  EXPECT_EQ(b->value(x), 5);
  // What was asserted before the first push is still there.
  b->assert_term(eq(x, bv(6)));
  EXPECT_EQ(b->check(0), SatResult::Unsat);
}

TEST_P(Backend, ATinyTimeoutStillAnswersAnEasyQuery) {
  Term x = var("x");
  b->assert_term(eq(x, bv(3)));
  EXPECT_EQ(b->check(0.01), SatResult::Sat);
  EXPECT_EQ(b->value(x), 3);
  b->assert_term(eq(x, bv(4)));
  EXPECT_EQ(b->check(0.01), SatResult::Unsat);
}

TEST_P(Backend, AHardQueryTimesOutAsUnknownWithAReason) {
  // Factoring a 48-bit product of two primes by bit-blasting takes far
  // longer than 50 ms.
  const int w = 48;
  Term p = var("p", w), q = var("q", w);
  std::int64_t n = std::int64_t{15485863} * 15485867;  // both prime
  b->assert_term(eq(tm->mk_arith(Op::Mul, p, q), bv(n, w)));
  b->assert_term(tm->mk_arith(Op::Slt, bv(1, w), p));
  b->assert_term(tm->mk_arith(Op::Slt, bv(1, w), q));
  b->assert_term(tm->mk_arith(Op::Slt, p, bv(std::int64_t{1} << 25, w)));
  b->assert_term(tm->mk_arith(Op::Slt, q, bv(std::int64_t{1} << 25, w)));
  SatResult r = b->check(0.05);
  if (r != SatResult::Unknown) {
    GTEST_SKIP() << GetParam() << " answered within the timeout; no Unknown to look at";
  }
  EXPECT_NE(b->reason_unknown(), "");
}

TEST_P(Backend, TheSmtlibLogPassesAnswersThroughAndRecordsTheCommands) {
  std::string path =
      (std::filesystem::temp_directory_path() /
       ("irqspec-backend-" + std::to_string(::getpid()) + "-" + GetParam() + ".smt2"))
          .string();
  auto logged = solver::backend::with_smtlib_log(std::move(b), tm, path);
  Term x = var("x");
  logged->assert_term(eq(x, bv(-2)));
  logged->push();
  logged->assert_term(eq(x, bv(2)));
  EXPECT_EQ(logged->check(0), SatResult::Unsat);
  logged->pop();
  ASSERT_EQ(logged->check(0), SatResult::Sat);
  EXPECT_EQ(logged->value(x), -2);
  logged.reset();  // closes the log
  std::string text = read_file(path);
  std::filesystem::remove(path);
  for (const char* command : {"(assert", "(push", "(pop", "(check-sat)", "(declare-"}) {
    EXPECT_NE(text.find(command), std::string::npos) << command << " missing from\n" << text;
  }
}

INSTANTIATE_TEST_SUITE_P(Solvers, Backend, ::testing::ValuesIn(built_solvers()), solver_name);

TEST(Backends, UnknownNamesAreNotMade) {
  auto tm = std::make_shared<solver::smt::TermManager>();
  EXPECT_EQ(solver::backend::make_backend("yices", tm), nullptr);
  EXPECT_EQ(solver::backend::make_backend("both", tm), nullptr) << "\"both\" is the CLI's";
  EXPECT_EQ(built_solvers().front(), "z3");
}

}  // namespace
}  // namespace irqspec_test
