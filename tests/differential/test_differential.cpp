// SPDX-License-Identifier: GPL-2.0
// Explicit search, BMC (Z3 and CVC5), k-induction and CHC must agree on
// every verdict and shortest trace length, on hundreds of random models.

#include <gtest/gtest.h>

#include "tests/differential/differential.h"
#include "tests/differential/random_model.h"

namespace irqspec::testing {
namespace {

class Differential : public ::testing::TestWithParam<int> {};

TEST_P(Differential, EnginesAgreeOnRandomModels) {
  // Each case covers a block of seeds, so that ctest has few, meaty tests.
  constexpr int kSeedsPerCase = 25;
  int usable = 0;
  for (int s = 0; s < kSeedsPerCase; ++s) {
    std::uint64_t seed = static_cast<std::uint64_t>(GetParam()) * kSeedsPerCase + s;
    std::string text = random_model(seed);
    DifferentialOptions options;
    options.chc = seed % 5 == 0;  // Spacer is the slowest: every fifth model
    DifferentialReport report = compare_engines(text, options);
    usable += report.usable;
    for (const std::string& d : report.disagreements) {
      ADD_FAILURE() << "seed " << seed << ": " << d << "\n" << text;
    }
  }
  EXPECT_GT(usable, kSeedsPerCase / 2) << "too few generated models were small enough";
}

// 16 blocks of 25 seeds: 400 random models.
INSTANTIATE_TEST_SUITE_P(Seeds, Differential, ::testing::Range(0, 16));

}  // namespace
}  // namespace irqspec::testing
