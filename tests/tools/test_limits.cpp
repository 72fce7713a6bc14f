// SPDX-License-Identifier: GPL-2.0
// Every resource limit ends cleanly, as `unknown` or `bounded` with its
// reason and exit 3 — never a pass, never a crash — and the gate fails
// closed.

#include "tests/support/cli_support.h"

namespace irqspec_test {
namespace {

using Limits = CliFixture;

// Two counters: billions of states, so no search can finish, and an
// invariant that holds (nothing stops a search early).
const char* const kHuge = R"(model huge;
var x: 0..60000 = 0;
var y: 0..60000 = 0;
actor a {
  input action step(d: 1..3) { x = (x + d) % 60001; y = (y * y + x) % 60001; }
}
// True or not, no engine decides this in a second: 3.6e9 states, not
// inductive, and nonlinear for CHC.
invariant hard: y != 59999 || x != 1;
)";

TEST_F(Limits, TimeoutIsUnknownAndExitThree) {
  std::string model = file("huge.irqspec", kHuge);
  CliResult r = run({"verify-specs", "--engine", "explicit", "--timeout", "1", model});
  EXPECT_EQ(r.status, 3) << r.out << r.err;
  EXPECT_NE(r.out.find("unknown"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("timeout"), std::string::npos) << r.out;
}

TEST_F(Limits, StateLimitIsBoundedAndExitThree) {
  std::string model = file("huge.irqspec", kHuge);
  CliResult r = run({"verify-specs", "--engine", "explicit", "--max-states", "1000", model});
  EXPECT_EQ(r.status, 3) << r.out << r.err;
  EXPECT_NE(r.out.find("bounded("), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("state limit"), std::string::npos) << r.out;
}

TEST_F(Limits, MemoryGuardIsInconclusiveAndExitThree) {
  // 2 MiB is below what the process needs to start: the state store or the
  // process watchdog stops the search, whichever sees it first; both are
  // inconclusive and name the option.
  std::string model = file("huge.irqspec", kHuge);
  CliResult r = run({"verify-specs", "--engine", "explicit", "--memory-limit", "2", model});
  EXPECT_EQ(r.status, 3) << r.out << r.err;
  EXPECT_NE(r.out.find("limit of 2 MiB (--memory-limit)"), std::string::npos) << r.out;
}

TEST_F(Limits, OnlyAcceptBoundedLetsBoundedMeetHolds) {
  std::string model = file("huge.irqspec", kHuge);
  EXPECT_EQ(run({"verify-specs", "--engine", "explicit", "--depth", "3", model}).status, 3);
  EXPECT_EQ(run({"verify-specs", "--engine", "bmc", "--depth", "3", model}).status, 3);
  EXPECT_EQ(run({"verify-specs", "--engine", "explicit", "--depth", "3", "--accept-bounded", model})
                .status,
            0);
}

TEST_F(Limits, SmtTimeoutIsUnknownAndExitThree) {
  // k-induction cannot prove this invariant (it is not inductive: an
  // arbitrary state may have y = 60000 and x > 0), and BMC finds nothing
  // within the bound: with a tiny timeout the answer is unknown.
  std::string model = file("huge.irqspec", R"(model hard;
var x: 0..60000 = 0;
var y: 0..60000 = 0;
actor a {
  input action step(d: 1..3) when x < 59990 { x = x + d; y = (y * 7 + x) % 60001; }
}
invariant y_small: y != 59999 || x == 0;
)");
  CliResult r =
      run({"verify-specs", "--engine", "kind", "--timeout", "0.2", "--depth", "100000", model});
  EXPECT_EQ(r.status, 3) << r.out << r.err;
  EXPECT_NE(r.out.find("y_small   invariant  unknown"), std::string::npos) << r.out;
}

TEST_F(Limits, NestedQuantifiersCannotStallAnEngine) {
  std::string model = file("wide.irqspec", R"(model wide;
var b: bool = false;
actor a { input action go() { b = !b; } }
invariant huge: forall x: 0..4095, y: 0..4095. x + y >= 0 || b;
)");
  CliResult r = run({"verify-specs", model});
  EXPECT_EQ(r.status, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("combinations of values"), std::string::npos) << r.err;
}

TEST_F(Limits, GateFailsClosedOnAnUnmetExpectation) {
  std::string model = file("unmet.irqspec", R"(model unmet;
var x: 0..3 = 0;
actor a { input action inc() when x < 3 { x = x + 1; } }
invariant small: x < 2;
)");
  CliResult r = run({"gate", "--target", "kernel-src", model});
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("gate: FAIL"), std::string::npos) << r.out;
}

TEST_F(Limits, GateFailsClosedOnInconclusive) {
  std::string model = file("huge.irqspec", kHuge);
  CliResult r = run({"gate", "--target", "kernel-src", "--timeout", "1", model});
  EXPECT_NE(r.status, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("gate: FAIL"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace irqspec_test
