// SPDX-License-Identifier: GPL-2.0
// The KTAP / TAP 13 reader: what a kernel, a test module or a test program
// printed is read the way the kernel's kunit_parser and kselftest read it.

#include <gtest/gtest.h>

#include "conformance/ktap.h"

namespace conformance {
namespace {

TEST(Ktap, ReadsResultsDirectivesAndDiagnostics) {
  KtapReport r = parse_ktap(
      "KTAP version 1\n"
      "# irqspec: oneshot_forwarding pic\n"
      "1..3\n"
      "# step 1. device.assert_line()\n"
      "ok 1 first\n"
      "# expected: resample\n"
      "# got: inject(spurious=1)\n"
      "not ok 2 - second\n"
      "ok 3 third # SKIP no /dev/kvm\n");
  ASSERT_TRUE(r.valid) << r.error;
  EXPECT_EQ(r.planned, 3);
  EXPECT_EQ(r.header, std::vector<std::string>{"# irqspec: oneshot_forwarding pic"});
  ASSERT_EQ(r.results.size(), 3u);
  EXPECT_EQ(r.results[0].name, "first");
  EXPECT_EQ(r.results[0].diagnostics, std::vector<std::string>{"# step 1. device.assert_line()"});
  EXPECT_EQ(r.results[1].name, "second");  // TAP's "- " before the name
  EXPECT_FALSE(r.results[1].ok);
  // kselftest prints a test's diagnostics before its result line.
  EXPECT_EQ(r.results[1].diagnostics,
            (std::vector<std::string>{"# expected: resample", "# got: inject(spurious=1)"}));
  EXPECT_TRUE(r.results[2].skipped);
  EXPECT_EQ(r.results[2].directive, "SKIP no /dev/kvm");
  EXPECT_EQ(r.passed(), 1);
  EXPECT_EQ(r.failed(), 1);
  EXPECT_EQ(r.skipped(), 1);
}

TEST(Ktap, ReadsTap13AndTheTopLevelOnly) {
  KtapReport r = parse_ktap(
      "TAP version 13\n"
      "1..1\n"
      "    KTAP version 1\n"
      "    1..2\n"
      "    ok 1 nested\n"
      "    not ok 2 nested_failure\n"
      "ok 1 parent\n");
  ASSERT_TRUE(r.valid);
  EXPECT_EQ(r.planned, 1);
  ASSERT_EQ(r.results.size(), 1u);
  EXPECT_EQ(r.results[0].name, "parent");
  EXPECT_TRUE(r.results[0].ok);
}

TEST(Ktap, ASkippedProgramSaysWhy) {
  KtapReport r = parse_ktap("KTAP version 1\n1..0 # SKIP the kernel has no KVM\n");
  ASSERT_TRUE(r.valid);
  EXPECT_EQ(r.planned, 0);
  EXPECT_EQ(r.skip_all, "SKIP the kernel has no KVM");
  EXPECT_TRUE(r.results.empty());
}

TEST(Ktap, OutputWithoutAVersionLineIsNotKtap) {
  for (const char* text : {"", "ok 1 looks like tap\n", "Segmentation fault\n"}) {
    KtapReport r = parse_ktap(text);
    EXPECT_FALSE(r.valid) << text;
    EXPECT_EQ(r.error, "no KTAP/TAP version line") << text;
  }
  // A version line with neither a plan nor a result is not a report either.
  EXPECT_FALSE(parse_ktap("KTAP version 1\n# starting\n").valid);
}

}  // namespace
}  // namespace conformance
