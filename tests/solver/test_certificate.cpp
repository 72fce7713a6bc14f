// SPDX-License-Identifier: GPL-2.0
// The re-check of a proof by induction: a set of invariants that is
// inductive passes, initiation and consecution each in fresh queries, with
// both solvers; a set that is not (a true invariant without the lemma that
// makes it inductive, a false one) is refused, naming the condition, the
// action and the invariant. And the verifier's policy: with `certify`, a
// proof by 1-induction carries its certificate.

#include <gtest/gtest.h>

#include "solver/backend/backend.h"
#include "solver/certificate.h"
#include "solver/lowering.h"
#include "solver/verifier.h"
#include "tests/support/spec_support.h"

namespace irqspec_test {
namespace {

// x and y move together; `equal` alone is inductive, `small` needs `equal`
// (a state with x = 3, y = 2 holds it and steps out of it).
const char* const kPair = R"(model pair;
var x: 0..7 = 0;
var y: 0..7 = 0;
actor a {
  input action up() when x < 3 { x = x + 1; y = y + 1; }
  input action down() when x > 0 { x = x - 1; y = y - 1; }
}
invariant equal: x == y;
invariant small: y <= 3;
invariant zero: x == 0;
)";

struct Lowered {
  std::unique_ptr<Loaded> loaded;
  solver::TransitionSystem ts;
};

Lowered lowered() {
  Lowered l;
  l.loaded = load(kPair);
  EXPECT_TRUE(l.loaded->model) << l.loaded->diagnostics_text();
  l.ts = solver::lower(*l.loaded->model, {0, 1, 2});
  return l;
}

TEST(Certificate, AnInductiveSetPassesWithEverySolver) {
  Lowered l = lowered();
  for (const std::string& s : solver::backend::available_solvers()) {
    solver::CertificateCheck c =
        solver::check_inductive_invariant(*l.loaded->model, l.ts, {0, 1}, s, 30);
    EXPECT_EQ(c.failure, "") << s;
    EXPECT_EQ(c.queries, 2 + 2 * 2) << s;  // initiation per invariant, consecution per action
  }
}

TEST(Certificate, ATrueInvariantWithoutItsLemmaIsRefused) {
  Lowered l = lowered();
  solver::CertificateCheck c =
      solver::check_inductive_invariant(*l.loaded->model, l.ts, {1}, "z3", 30);
  EXPECT_FALSE(c.unknown);
  EXPECT_EQ(c.failure, "consecution: a step of a.up from a state where all hold violates small");
}

TEST(Certificate, AFalseInvariantIsRefused) {
  Lowered l = lowered();
  solver::CertificateCheck c =
      solver::check_inductive_invariant(*l.loaded->model, l.ts, {0, 2}, "z3", 30);
  EXPECT_EQ(c.failure, "consecution: a step of a.up from a state where all hold violates zero");
}

TEST(Certificate, TheVerifierAttachesItToProofsByInduction) {
  auto loaded = load(kPair);
  solver::VerifyRequest request;
  request.engine = solver::EngineKind::KInduction;
  request.certify = true;
  std::vector<solver::ObligationResult> r =
      solver::verify_obligations(*loaded->model, {0, 1}, request);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].verdict, solver::Verdict::Proved);
  EXPECT_NE(r[0].certificate.find("inductive invariant equal && small"), std::string::npos)
      << r[0].certificate;
  EXPECT_NE(r[0].certificate.find("re-checked by"), std::string::npos);
}

}  // namespace
}  // namespace irqspec_test
