// SPDX-License-Identifier: GPL-2.0
#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "solver/result.h"
#include "spec/model.h"
#include "tools/irqspec/exit_codes.h"
#include "tools/irqspec/options.h"

namespace irqspec {

/// Whether a verdict meets its expectation.
enum class Outcome { Met, Unmet, Inconclusive, InternalError };

struct PropertyReport {
  solver::ObligationResult result;
  std::string name;
  spec::ObligationKind kind = spec::ObligationKind::Invariant;
  spec::Expectation expected = spec::Expectation::Holds;
  Outcome outcome = Outcome::Inconclusive;
};

/// The results of one check block of one file.
struct CheckReport {
  std::string file;
  std::string check;
  std::shared_ptr<const spec::Model> model;
  std::vector<PropertyReport> properties;
};

struct VerificationRun {
  std::vector<CheckReport> checks;
  bool bad_input = false;
  ExitCode exit_code() const;
};

/// Parses, checks and verifies every selected check of every file.
/// Diagnostics go to `diag_out`.
VerificationRun verify(const VerifyOptions& options, std::ostream& diag_out);

/// The .irqspec files named by `paths` (folders are searched recursively).
std::vector<std::string> collect_model_files(const std::vector<std::string>& paths,
                                             std::ostream& diag_out, bool& bad_input);

Outcome judge(const solver::ObligationResult& r, spec::Expectation expected, bool accept_bounded);

}  // namespace irqspec
