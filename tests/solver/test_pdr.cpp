// SPDX-License-Identifier: GPL-2.0
// The bit-level path: every operation bit-blasted means what the term
// means (SMT-LIB semantics, division by zero included), and ABC's pdr on
// the safety circuit proves what needs a lemma elsewhere, refutes what is
// false (BMC then finds the trace), and hands back an invariant that the
// other solver re-checks over the model's own state.

#include <gtest/gtest.h>

#include "solver/aig/bitblast.h"
#include "solver/smt/term_walk.h"
#include "solver/verifier.h"
#include "tests/support/backend_support.h"

namespace irqspec_test {
namespace {

namespace aig = solver::aig;
namespace smt = solver::smt;
using smt::Op;
using smt::Term;

constexpr int kWidth = 4;

/// The value of bit-blasted `t` with x and y bound to constants: the AIG
/// folds constant gates, so every bit must come out 0 or 1.
std::int64_t blasted_value(smt::TermManager& tm, Term t, Term x, Term y, std::int64_t vx,
                           std::int64_t vy) {
  aig::Aig circuit;
  aig::BitBlaster blaster(tm, circuit);
  blaster.bind(x, aig::BitBlaster::constant(vx, kWidth));
  blaster.bind(y, aig::BitBlaster::constant(vy, kWidth));
  std::uint64_t bits = 0;
  const aig::Bits& out = blaster.bits(t);
  for (std::size_t i = 0; i < out.size(); ++i) {
    EXPECT_TRUE(out[i] == aig::kTrue || out[i] == aig::kFalse);
    bits |= std::uint64_t{out[i] == aig::kTrue} << i;
  }
  return tm.is_bool(t) ? static_cast<std::int64_t>(bits)
                       : smt::bv_signed(bits, static_cast<int>(out.size()));
}

/// What SMT-LIB says of bvsdiv and bvsrem by zero; the folder leaves those.
std::int64_t by_zero(Op op, std::int64_t x) {
  return op == Op::Srem ? x : (x < 0 ? 1 : -1);
}

TEST(BitBlast, EveryOperationAgreesWithTheTermsOnAllFourBitValues) {
  smt::TermManager tm;
  Term x = tm.mk_var("x", kWidth), y = tm.mk_var("y", kWidth);
  std::vector<std::pair<Op, Term>> cases;
  for (Op op : {Op::Add, Op::Sub, Op::Mul, Op::Sdiv, Op::Srem, Op::Slt, Op::Sle}) {
    cases.push_back({op, tm.mk_arith(op, x, y)});
  }
  cases.push_back({Op::Neg, tm.mk_neg(x)});
  cases.push_back({Op::Eq, tm.mk_eq(x, y)});
  cases.push_back({Op::Extract, tm.mk_extract(x, 2, 1)});
  cases.push_back({Op::Ite, tm.mk_ite(tm.mk_arith(Op::Slt, x, y), y, x)});
  for (std::int64_t vx = -8; vx < 8; ++vx) {
    for (std::int64_t vy = -8; vy < 8; ++vy) {
      std::unordered_map<Term, Term> values{{x, tm.mk_bv(vx, kWidth)}, {y, tm.mk_bv(vy, kWidth)}};
      for (auto [op, t] : cases) {
        std::unordered_map<Term, Term> memo;
        Term folded = tm.substitute(t, values, memo);
        std::int64_t want = 0;
        if ((op == Op::Sdiv || op == Op::Srem) && vy == 0) {
          want = by_zero(op, vx);
        } else {
          ASSERT_TRUE(tm.is_const(folded)) << tm.to_smtlib(t);
          want = tm.const_value(folded);
          if (op == Op::Extract) {
            want = smt::bv_bits(want, 2);
          }
        }
        std::int64_t got = blasted_value(tm, t, x, y, vx, vy);
        if (op == Op::Extract) {
          got = smt::bv_bits(got, 2);
        }
        EXPECT_EQ(got, want) << tm.to_smtlib(t) << " at x = " << vx << ", y = " << vy;
      }
    }
  }
}

// `small` is true but not inductive alone (k-induction needs `equal`).
const char* const kPair = R"(model pair;
var x: 0..7 = 0;
var y: 0..7 = 0;
actor a {
  input action up() when x < 3 { x = x + 1; y = y + 1; }
  input action down() when x > 0 { x = x - 1; y = y - 1; }
}
invariant small: y <= 3;
invariant zero: x == 0;
)";

std::vector<solver::ObligationResult> by_pdr(const std::string& text, std::vector<int> which) {
  auto loaded = load(text);
  EXPECT_TRUE(loaded->model) << loaded->diagnostics_text();
  if (!loaded->model) {
    return {};
  }
  solver::VerifyRequest request;
  request.engine = solver::EngineKind::Pdr;
  request.certify = true;
  return solver::verify_obligations(*loaded->model, which, request);
}

void expect_certified_proof(const solver::ObligationResult& r) {
  EXPECT_EQ(r.verdict, solver::Verdict::Proved) << r.reason;
  EXPECT_EQ(r.engine, "pdr/abc");
  EXPECT_NE(r.certificate.find("abc pdr's inductive invariant"), std::string::npos)
      << r.certificate;
  EXPECT_NE(r.certificate.find("re-checked by"), std::string::npos) << r.certificate;
}

// The pdr engine proves the 1-inductive invariants by induction first
// (Houdini), with their conjunction as the certificate.
void expect_certified_proof_by_either(const solver::ObligationResult& r) {
  if (r.engine.rfind("kind/", 0) != 0) {
    expect_certified_proof(r);
    return;
  }
  EXPECT_EQ(r.verdict, solver::Verdict::Proved) << r.reason;
  EXPECT_EQ(r.depth, 1);
  EXPECT_NE(r.certificate.find("inductive invariant"), std::string::npos) << r.certificate;
  EXPECT_NE(r.certificate.find("re-checked by"), std::string::npos) << r.certificate;
}

TEST(Pdr, ProvesAnInvariantThatNeedsALemmaElsewhere) {
  std::vector<solver::ObligationResult> r = by_pdr(kPair, {0});
  ASSERT_EQ(r.size(), 1u);
  expect_certified_proof(r[0]);
  EXPECT_NE(r[0].invariant_text.find("y"), std::string::npos) << r[0].invariant_text;
}

TEST(Pdr, RefutesAFalseInvariantWithAShortestTrace) {
  std::vector<solver::ObligationResult> r = by_pdr(kPair, {1});
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].verdict, solver::Verdict::Violated) << r[0].reason;
  ASSERT_TRUE(r[0].trace.has_value());
  EXPECT_EQ(r[0].trace->steps.size(), 1u);
}

// A slot init leaves open (only constrained), a property over steps, and
// an assertion: the circuit's first frame takes inputs, the property reads
// the step, the assertion the step's inputs.
TEST(Pdr, ProvesPropertiesAndAssertionsFromAnOpenInitialState) {
  const char* text = R"(model open_start;
var x: 0..3;
var seen: bool = false;
init x <= 1;
actor a {
  input action up() when x < 3 { x = x + 1; seen = true; }
  input action probe(v: 0..3) { assert in_range: x + v <= 6, "out of range"; }
}
property up_moves: always did a.up -> x > 0;
invariant seen_means_moved: !seen || x >= 1;
)";
  std::vector<solver::ObligationResult> r = by_pdr(text, {0, 1, 2});
  ASSERT_EQ(r.size(), 3u);
  for (const solver::ObligationResult& o : r) {
    EXPECT_FALSE(o.internal_error) << o.reason;
  }
  expect_certified_proof(r[0]);  // the property
  expect_certified_proof_by_either(r[1]);
  expect_certified_proof(r[2]);  // the assertions
}

TEST(Pdr, ProvesIrqbypassEraCWithEveryProofReChecked) {
  std::vector<std::string> names;
  std::vector<solver::ObligationResult> r =
      certified_library_check("irqbypass.irqspec", "era_c", solver::EngineKind::Pdr, names);
  ASSERT_FALSE(r.empty());
  for (std::size_t i = 0; i < r.size(); ++i) {
    const std::string& name = names[i];
    if (name == "list_intact") {
      EXPECT_EQ(r[i].verdict, solver::Verdict::Violated) << r[i].reason;
    } else {
      SCOPED_TRACE(name);
      expect_certified_proof_by_either(r[i]);
    }
  }
}

}  // namespace
}  // namespace irqspec_test
