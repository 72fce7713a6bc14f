// SPDX-License-Identifier: GPL-2.0
#pragma once

#include <string>
#include <vector>

namespace irqspec::testing {

struct DifferentialOptions {
  int bound = 8;     // BMC and k-induction
  bool cvc5 = true;  // also BMC with CVC5 (when built with it)
  bool chc = false;  // also the CHC engine
};

struct DifferentialReport {
  bool usable = false;  // the model elaborated and explicit search decided everything
  std::vector<std::string> disagreements;
  std::vector<std::string> undecided;  // an engine ran out of time: no answer to compare
  int obligations = 0;
};

/// Verifies one model with every engine and compares verdicts and shortest
/// trace lengths against the explicit engine, the reference.
DifferentialReport compare_engines(const std::string& model_text,
                                   const DifferentialOptions& options);

}  // namespace irqspec::testing
