// SPDX-License-Identifier: GPL-2.0
// The shipped model library verifies with the expected verdicts.

#include <gtest/gtest.h>

#include <sstream>

#include "solver/semantics.h"
#include "solver/trace_checker.h"
#include "tools/irqspec/verification.h"

namespace irqspec {
namespace {

TEST(ShippedModels, OneshotForwardingMeetsEveryExpectation) {
  VerifyOptions options;
  options.paths = {std::string(IRQSPEC_SOURCE_DIR) + "/models/oneshot_forwarding.irqspec"};
  std::ostringstream diags;
  VerificationRun run = verify(options, diags);
  EXPECT_EQ(diags.str(), "");
  EXPECT_EQ(run.exit_code(), ExitCode::Ok);
  ASSERT_GE(run.checks.size(), 5u);
  for (const CheckReport& c : run.checks) {
    for (const PropertyReport& p : c.properties) {
      EXPECT_EQ(p.outcome, Outcome::Met) << c.check << " " << p.name;
    }
  }
}

TEST(ShippedModels, PicCounterexampleIsTheCanonicalSpuriousInjection) {
  VerifyOptions options;
  options.paths = {std::string(IRQSPEC_SOURCE_DIR) + "/models/oneshot_forwarding.irqspec"};
  options.checks = {"pic"};
  std::ostringstream diags;
  VerificationRun run = verify(options, diags);
  ASSERT_EQ(run.checks.size(), 1u);
  const PropertyReport* spurious = nullptr;
  for (const PropertyReport& p : run.checks[0].properties) {
    if (p.name == "no_spurious_injection") {
      spurious = &p;
    }
  }
  ASSERT_NE(spurious, nullptr);
  ASSERT_TRUE(spurious->result.trace.has_value());
  const spec::Model& m = *run.checks[0].model;
  // The guest masks and EOIs before its thread acks the device, and the last
  // step delivers the stale level.
  std::vector<std::string> actions;
  for (const solver::TraceStep& s : spurious->result.trace->steps) {
    actions.push_back(m.actions[s.input.action].qualified_name());
  }
  auto pos = [&](const std::string& a) {
    return std::find(actions.begin(), actions.end(), a) - actions.begin();
  };
  EXPECT_LT(pos("guest.mask_line"), pos("guest.eoi"));
  EXPECT_LT(pos("guest.eoi"), pos("guest.ack_device"));
  EXPECT_LT(pos("guest.ack_device"), pos("guest.unmask_line"));
  EXPECT_EQ(actions.back(), "kvm.deliver");
  EXPECT_EQ(spurious->result.trace->length(), 10);
}

// models/irqbypass.irqspec writes __connect and __disconnect as procedures;
// its twin in tests/data/twins has them inlined by hand. Both must give the
// same verdicts, and every counterexample of one must be a violation of the
// other with the same events and states: inlining changes nothing.
TEST(ShippedModels, ProceduresVerifyLikeTheirHandInlinedTwin) {
  VerifyOptions options;
  options.paths = {std::string(IRQSPEC_SOURCE_DIR) + "/models/irqbypass.irqspec"};
  std::ostringstream diags;
  VerificationRun with_procs = verify(options, diags);
  options.paths = {std::string(IRQSPEC_SOURCE_DIR) + "/tests/data/twins/irqbypass_inlined.irqspec"};
  VerificationRun inlined = verify(options, diags);
  EXPECT_EQ(diags.str(), "");
  ASSERT_EQ(with_procs.checks.size(), inlined.checks.size());
  int replayed = 0;
  for (std::size_t c = 0; c < with_procs.checks.size(); ++c) {
    const CheckReport& a = with_procs.checks[c];
    const CheckReport& b = inlined.checks[c];
    ASSERT_EQ(a.check, b.check);
    ASSERT_EQ(a.properties.size(), b.properties.size()) << a.check;
    solver::Semantics twin(*b.model);
    solver::TraceChecker checker(twin);
    for (std::size_t i = 0; i < a.properties.size(); ++i) {
      const PropertyReport& pa = a.properties[i];
      const PropertyReport& pb = b.properties[i];
      ASSERT_EQ(pa.name, pb.name) << a.check;
      EXPECT_EQ(pa.result.verdict, pb.result.verdict) << a.check << " " << pa.name;
      if (!pa.result.trace) {
        continue;
      }
      ASSERT_TRUE(pb.result.trace.has_value()) << a.check << " " << pa.name;
      EXPECT_EQ(pa.result.trace->length(), pb.result.trace->length()) << a.check << " " << pa.name;
      solver::RawTrace raw{pa.result.trace->initial, {}};
      for (const solver::TraceStep& s : pa.result.trace->steps) {
        raw.steps.push_back(s.input);
      }
      solver::TraceChecker::Replay r = checker.replay_violation(raw, pb.result.obligation);
      ASSERT_TRUE(r.ok) << a.check << " " << pa.name << ": " << r.problem;
      for (std::size_t k = 0; k < r.trace.steps.size(); ++k) {
        EXPECT_EQ(r.trace.steps[k].events, pa.result.trace->steps[k].events);
        EXPECT_EQ(r.trace.steps[k].state, pa.result.trace->steps[k].state);
      }
      ++replayed;
    }
  }
  EXPECT_GE(replayed, 4);
}

}  // namespace
}  // namespace irqspec
