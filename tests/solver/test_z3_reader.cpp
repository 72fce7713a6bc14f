// SPDX-License-Identifier: GPL-2.0
// Reading Z3's expressions back into terms (Spacer's invariants, for the
// CHC proof's re-check): each operation Spacer writes comes back as a term
// that Z3 finds equivalent to it, bound variables become the relation's
// arguments, and an operation terms cannot express is refused by name.

#include <gtest/gtest.h>
#include <z3++.h>

#include "solver/backend/z3_reader.h"
#include "solver/backend/z3_translate.h"

namespace solver::backend {
namespace {

class Z3ReaderTest : public ::testing::Test {
 protected:
  /// Reads `e` (over the bound variables 0: a Bool, 1: a 5-bit vector) and
  /// proves the term, translated back, equivalent to `e` over x and b.
  void expect_equivalent(z3::expr e) {
    std::string refused;
    Z3Reader read(terms_, {b_, x_});
    smt::Term t = read(e, refused);
    ASSERT_NE(t, 0u) << e << " refused: " << refused;
    Z3Translator back(ctx_, terms_);
    z3::expr_vector from(ctx_), to(ctx_);
    from.push_back(var(0, ctx_.bool_sort()));
    from.push_back(var(1, ctx_.bv_sort(5)));
    to.push_back(ctx_.bool_const("b"));
    to.push_back(ctx_.bv_const("x", 5));
    z3::solver s(ctx_);
    s.add(e.substitute(from, to) != back(t));
    EXPECT_EQ(s.check(), z3::unsat) << e << " read as " << terms_.to_smtlib(t);
  }

  z3::expr var(unsigned i, const z3::sort& s) { return z3::expr(ctx_, Z3_mk_bound(ctx_, i, s)); }
  z3::expr b() { return var(0, ctx_.bool_sort()); }
  z3::expr x() { return var(1, ctx_.bv_sort(5)); }

  z3::context ctx_;
  smt::TermManager terms_;
  smt::Term b_ = terms_.mk_var("b", 0);
  smt::Term x_ = terms_.mk_var("x", 5);
};

TEST_F(Z3ReaderTest, ConnectivesAndComparisons) {
  z3::expr five = ctx_.bv_val(5, 5);
  expect_equivalent(z3::implies(b(), x() == five) || !b());
  expect_equivalent(b() ^ (x() == five));
  z3::expr_vector three_values(ctx_);
  three_values.push_back(x());
  three_values.push_back(five);
  three_values.push_back(ctx_.bv_val(0, 5));
  expect_equivalent(z3::distinct(three_values));
  expect_equivalent(z3::ite(b(), x() + five, x() - five) * x() == -x());
  expect_equivalent(z3::sle(x(), five) && z3::slt(-five, x()) && x() >= five);
}

TEST_F(Z3ReaderTest, UnsignedComparisonsAndBitsAsSpacerWritesThem) {
  z3::expr three = ctx_.bv_val(3, 5);
  expect_equivalent(z3::ule(x(), three));
  expect_equivalent(z3::ult(three, x()));
  expect_equivalent(z3::uge(x(), ctx_.bv_val(30, 5)));
  expect_equivalent(z3::ugt(x(), three));
  expect_equivalent(x().extract(2, 1) == ctx_.bv_val(2, 2));
  expect_equivalent(~x() == three);
}

TEST_F(Z3ReaderTest, AnOperationTermsCannotExpressIsRefusedByName) {
  std::string refused;
  Z3Reader read(terms_, {b_, x_});
  EXPECT_EQ(read((x() & ctx_.bv_val(3, 5)) == x(), refused), 0u);
  EXPECT_EQ(refused, "bvand");
  EXPECT_EQ(read(var(7, ctx_.bool_sort()), refused), 0u);
  EXPECT_EQ(refused, "a variable beyond the relation's arguments");
}

}  // namespace
}  // namespace solver::backend
