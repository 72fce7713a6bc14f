// SPDX-License-Identifier: GPL-2.0
#include "tools/irqspec/gate.h"

#include "tools/irqspec/conform.h"
#include "tools/irqspec/verify_specs.h"

namespace irqspec {
namespace {

/// How bad an outcome is, for combining: an internal error beats bad input
/// beats an unmet expectation beats inconclusive beats success.
int severity(ExitCode c) {
  switch (c) {
    case ExitCode::Ok:
      return 0;
    case ExitCode::Inconclusive:
      return 1;
    case ExitCode::Unmet:
      return 2;
    case ExitCode::BadInput:
      return 3;
    case ExitCode::Internal:
      return 4;
  }
  return 4;
}

}  // namespace

ExitCode run_gate(const GateOptions& options, std::ostream& out, std::ostream& err) {
  ExitCode worst = ExitCode::Ok;
  auto merge = [&](const char* part, ExitCode c) {
    out << "gate: " << part << ": exit " << to_int(c) << "\n";
    if (severity(c) > severity(worst)) {
      worst = c;
    }
  };
  VerifyOptions verify;
  verify.paths = options.paths;
  verify.timeout_seconds = options.timeout_seconds;
  verify.jobs = options.jobs;
  verify.accept_bounded = false;  // a gate never lets `bounded` pass as `holds`
  merge("verify-specs", run_verify_specs(verify, out, err));
  for (const std::string& target : options.targets) {
    ConformOptions conform;
    conform.target = target;
    if (target == "kernel-src") {
      conform.sources = options.sources;
    }
    merge(("conform " + target).c_str(), run_conform(conform, out, err));
  }
  out << "gate: " << (worst == ExitCode::Ok ? "pass" : "FAIL") << " (exit " << to_int(worst)
      << ")\n";
  return worst;
}

}  // namespace irqspec
