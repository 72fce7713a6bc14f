// SPDX-License-Identifier: GPL-2.0
// Runs the engine differential on many random models and prints the
// disagreement count: bench/differential.sh [FIRST_SEED] [COUNT] [--chc].
// With --print it prints the models instead, to reproduce one by hand:
// irqspec-differential SEED 1 --print > m.irqspec.

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "tests/differential/differential.h"
#include "tests/differential/random_model.h"

int main(int argc, char** argv) {
  std::uint64_t first = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 100000;
  int count = argc > 2 ? std::atoi(argv[2]) : 2000;
  irqspec::testing::DifferentialOptions options;
  bool print = false;
  for (int a = 3; a < argc; ++a) {
    options.chc = options.chc || std::string(argv[a]) == "--chc";
    print = print || std::string(argv[a]) == "--print";
  }
  int usable = 0, disagreements = 0, undecided = 0, obligations = 0;
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < count; ++i) {
    std::uint64_t seed = first + static_cast<std::uint64_t>(i);
    std::string text = irqspec::testing::random_model(seed);
    if (print) {
      std::cout << "// seed " << seed << "\n" << text;
      continue;
    }
    auto report = irqspec::testing::compare_engines(text, options);
    usable += report.usable;
    obligations += report.usable ? report.obligations : 0;
    for (const std::string& d : report.disagreements) {
      ++disagreements;
      std::cout << "seed " << seed << ": " << d << std::endl;
    }
    for (const std::string& u : report.undecided) {
      ++undecided;
      std::cout << "seed " << seed << ": undecided: " << u << std::endl;
    }
    // A long run shows how far it is, even with its output in a file.
    if ((i + 1) % 500 == 0 && i + 1 < count) {
      double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      std::printf("%d of %d models, %d disagreements, %.0f s\n", i + 1, count, disagreements, s);
      std::fflush(stdout);
    }
  }
  if (print) {
    return 0;
  }
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf(
      "models %d  usable %d  obligations %d  disagreements %d  undecided %d  seconds %.1f\n", count,
      usable, obligations, disagreements, undecided, s);
  return disagreements == 0 ? 0 : 1;
}
