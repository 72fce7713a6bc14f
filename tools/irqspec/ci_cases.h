// SPDX-License-Identifier: GPL-2.0
#pragma once

// A run's results as the test cases CI systems read (JUnit XML, SARIF):
// one case per property of a check and one per conformance cell, each
// with where in the .irqspec file it comes from and, for a counterexample,
// the steps as a flow of source locations.

#include <string>
#include <vector>

#include "conformance/matrix.h"
#include "tools/irqspec/verification.h"

namespace irqspec {

struct CiLocation {
  std::string file;  // as given on the command line
  int line = 0;      // 1-based; 0: the file as a whole
  int column = 0;
  std::string message;
};

struct CiCase {
  enum class Status { Passed, Failed, Error, Skipped };
  std::string suite;  // "models/irqbypass.irqspec check era_b", "conform qemu ... 6.1.192 x86_64"
  std::string name;   // the property, or the variant
  Status status = Status::Passed;
  // Failed/Error: why, in one line, and the rule of it: unmet-expectation,
  // inconclusive, internal-error, divergence, kernel-failed, not-run.
  std::string rule;
  std::string message;
  std::string details;  // the text report's trace or the failing tests' diagnostics
  double seconds = 0;
  CiLocation where;
  std::vector<CiLocation> flow;  // a counterexample's steps, in order
};

std::vector<CiCase> ci_cases(const VerificationRun& run);
/// Appends the cases of a conformance matrix to `cases`.
void add_ci_cases(const conformance::Matrix& matrix, std::vector<CiCase>& cases);

/// What the formats call a rule: one line of help per rule id.
const char* rule_help(const std::string& rule);

}  // namespace irqspec
