// SPDX-License-Identifier: GPL-2.0
// Explicit search, BMC (Z3 and CVC5), k-induction and CHC must agree on
// every verdict and shortest trace length, on hundreds of random models.

#include <gtest/gtest.h>

#include <cstdlib>
#include <iostream>
#include <random>
#include <string>

#include "tests/differential/differential.h"
#include "tests/differential/random_model.h"

namespace irqspec::testing {
namespace {

class Differential : public ::testing::TestWithParam<int> {};

constexpr int kFixedBlocks = 8;  // seeds 0..199 every run: a stable floor

/// The first seed of the rotating blocks: IRQSPEC_SEED if set (to repeat a
/// run), else new each run. Printed, so that a failure can be repeated.
std::uint64_t rotating_base() {
  static const std::uint64_t base = [] {
    const char* env = std::getenv("IRQSPEC_SEED");
    std::uint64_t b = env ? std::strtoull(env, nullptr, 10) : std::random_device{}() % 1000000000;
    return b;
  }();
  return base;
}

TEST_P(Differential, EnginesAgreeOnRandomModels) {
  // Each case covers a block of seeds, so that ctest has few, meaty tests.
  constexpr int kSeedsPerCase = 25;
  std::uint64_t first = GetParam() < kFixedBlocks
                            ? static_cast<std::uint64_t>(GetParam()) * kSeedsPerCase
                            : rotating_base() * 100 + (GetParam() - kFixedBlocks) * kSeedsPerCase;
  std::cout << "seeds " << first << ".." << first + kSeedsPerCase - 1
            << (GetParam() < kFixedBlocks
                    ? " (fixed)"
                    : " (IRQSPEC_SEED=" + std::to_string(rotating_base()) + " repeats them)")
            << "\n";
  int usable = 0;
  for (int s = 0; s < kSeedsPerCase; ++s) {
    std::uint64_t seed = first + s;
    std::string text = random_model(seed);
    DifferentialOptions options;
    options.chc = seed % 5 == 0;  // Spacer is the slowest: every fifth model
    DifferentialReport report = compare_engines(text, options);
    usable += report.usable;
    for (const std::string& d : report.disagreements) {
      ADD_FAILURE() << "seed " << seed << ": " << d << "\n" << text;
    }
    for (const std::string& u : report.undecided) {
      std::cout << "seed " << seed << ": undecided: " << u << "\n";
    }
  }
  EXPECT_GT(usable, kSeedsPerCase / 2) << "too few generated models were small enough";
}

// 16 blocks of 25 seeds: 400 random models, half of them new each run.
INSTANTIATE_TEST_SUITE_P(Seeds, Differential, ::testing::Range(0, 16));

}  // namespace
}  // namespace irqspec::testing
