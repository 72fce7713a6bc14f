// SPDX-License-Identifier: GPL-2.0
// The shipped model library verifies with the expected verdicts.

#include <gtest/gtest.h>

#include <sstream>

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

}  // namespace
}  // namespace irqspec
