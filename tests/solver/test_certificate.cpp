// SPDX-License-Identifier: GPL-2.0
// The re-check of a proof by induction: a set of invariants that is
// inductive passes, initiation and consecution each in fresh queries, with
// both solvers; a set that is not (a true invariant without the lemma that
// makes it inductive, a false one) is refused, naming the condition, the
// action and the invariant. A CHC proof's invariant must also rule out the
// obligation's bad condition. And the verifier's policy: with `certify`, a
// proof by 1-induction or by CHC carries its certificate.

#include <gtest/gtest.h>

#include "solver/backend/backend.h"
#include "solver/certificate.h"
#include "solver/lowering.h"
#include "solver/verifier.h"
#include "tests/support/backend_support.h"

namespace irqspec_test {
namespace {

using solver::Term;
namespace smt = solver::smt;

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

/// kPair with all three invariants lowered.
LoweredModel lowered() {
  return lower_text(kPair);
}

TEST(Certificate, AnInductiveSetPassesWithEverySolver) {
  LoweredModel l = lowered();
  for (const std::string& s : solver::backend::available_solvers()) {
    solver::CertificateCheck c =
        solver::check_inductive_invariant(*l.loaded->model, l.ts, {0, 1}, s, 30);
    EXPECT_EQ(c.failure, "") << s;
    EXPECT_EQ(c.queries, 2 + 2 * 2) << s;  // initiation per invariant, consecution per action
  }
}

TEST(Certificate, ATrueInvariantWithoutItsLemmaIsRefused) {
  LoweredModel l = lowered();
  solver::CertificateCheck c =
      solver::check_inductive_invariant(*l.loaded->model, l.ts, {1}, "z3", 30);
  EXPECT_FALSE(c.unknown);
  EXPECT_EQ(c.failure, "consecution: a step of a.up from a state where all hold violates small");
}

TEST(Certificate, AFalseInvariantIsRefused) {
  LoweredModel l = lowered();
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

// A CHC proof's certificate is an invariant over the state; it must also
// rule out the obligation's bad states. Here x == y is inductive but allows
// y = 5; with y <= 3 it proves `small`.
TEST(Certificate, AFoundInvariantMustAlsoExcludeTheBadStates) {
  LoweredModel l = lowered();
  smt::TermManager& tm = *l.ts.terms;
  Term x = l.ts.state[0], y = l.ts.state[1];
  Term equal = tm.mk_eq(x, y);
  Term small = tm.mk_arith(smt::Op::Sle, y, tm.mk_bv(3, tm.width(y)));
  for (const std::string& s : solver::backend::available_solvers()) {
    solver::CertificateCheck weak =
        solver::check_found_invariant(*l.loaded->model, l.ts, 1, equal, s, 30);
    EXPECT_EQ(weak.failure, "safety: a state where the invariant holds violates small") << s;
    solver::CertificateCheck strong =
        solver::check_found_invariant(*l.loaded->model, l.ts, 1, tm.mk_and(equal, small), s, 30);
    EXPECT_EQ(strong.failure, "") << s;
  }
}

// `did a.up` reads the action selector: a step's re-check must pin it to the
// action whose step it asserts, or a step of down could claim to be up.
const char* const kDid = R"(model steps;
var x: 0..3 = 0;
actor a {
  input action up() when x < 3 { x = x + 1; }
  input action down() when x > 0 { x = x - 1; }
}
property up_moves: always did a.up -> x > 0;
)";

/// The first obligation of `text`, decided by CHC with --certify.
std::vector<solver::ObligationResult> certified_by_chc(const std::string& text) {
  auto loaded = load(text);
  EXPECT_TRUE(loaded->model) << loaded->diagnostics_text();
  if (!loaded->model) {
    return {};
  }
  solver::VerifyRequest request;
  request.engine = solver::EngineKind::Chc;
  request.certify = true;
  return solver::verify_obligations(*loaded->model, {0}, request);
}

TEST(Certificate, TheVerifierReChecksCHCProofsWithSpacersInvariant) {
  for (const char* text : {kPair, kDid}) {
    std::vector<solver::ObligationResult> r = certified_by_chc(text);
    ASSERT_EQ(r.size(), 1u);
    EXPECT_EQ(r[0].verdict, solver::Verdict::Proved) << r[0].reason;
    EXPECT_NE(r[0].invariant, nullptr);
    EXPECT_NE(r[0].certificate.find("z3 spacer's inductive invariant"), std::string::npos)
        << r[0].certificate;
    EXPECT_NE(r[0].certificate.find("re-checked by"), std::string::npos);
    EXPECT_NE(r[0].invariant_text.find("x"), std::string::npos) << r[0].invariant_text;
  }
}

// The invariant in the model's words: variables by name, an enum's values by
// member, a Boolean as itself.
TEST(Certificate, ACHCInvariantIsWrittenInTheModelsTerms) {
  std::vector<solver::ObligationResult> r = certified_by_chc(R"(model door;
enum State { Closed, Opening, Open }
var state: State = Closed;
var locked: bool = true;
actor d {
  input action unlock() when state == Closed { locked = false; }
  input action open() when !locked && state == Closed { state = Opening; }
  input action done() when state == Opening { state = Open; }
}
invariant open_means_unlocked: state == Open -> !locked;
)");
  ASSERT_EQ(r.size(), 1u);
  ASSERT_EQ(r[0].verdict, solver::Verdict::Proved) << r[0].reason;
  const std::string& text = r[0].invariant_text;
  EXPECT_NE(text.find("locked"), std::string::npos) << text;
  EXPECT_NE(text.find("state"), std::string::npos) << text;
  EXPECT_EQ(text.find("#b"), std::string::npos) << "SMT-LIB, not the model's words: " << text;
}

// With eager inlining, Spacer's answer for paravirq's property was Inv =
// true and Err an existential: no safe invariant. Every CHC proof of the
// check must come with a certificate that passed.
TEST(Certificate, EveryCHCProofOfALibraryCheckIsReChecked) {
  std::vector<std::string> names;
  std::vector<solver::ObligationResult> results =
      certified_library_check("paravirq.irqspec", "latch", solver::EngineKind::Chc, names);
  ASSERT_FALSE(results.empty());
  int proved = 0;
  for (const solver::ObligationResult& r : results) {
    EXPECT_FALSE(r.internal_error) << r.reason;
    if (r.verdict == solver::Verdict::Proved) {
      ++proved;
      EXPECT_NE(r.certificate.find("re-checked by"), std::string::npos) << r.certificate;
    }
  }
  EXPECT_GE(proved, 5);
}

}  // namespace
}  // namespace irqspec_test
