// SPDX-License-Identifier: GPL-2.0
#include "tools/irqspec/gate.h"

#include "tools/irqspec/ci_cases.h"
#include "tools/irqspec/conform.h"
#include "tools/irqspec/junit_report.h"
#include "tools/irqspec/sarif_report.h"
#include "tools/irqspec/verify_specs.h"

namespace irqspec {

ExitCode run_gate(const GateOptions& options, std::ostream& out, std::ostream& err) {
  // Text: each part's report as it ends. JUnit, SARIF: one document of every
  // part on `out`, the parts' exit lines on `err`.
  bool text = options.format == OutputFormat::Text;
  std::ostream& log = text ? out : err;
  std::vector<CiCase> cases;
  ExitCode worst = ExitCode::Ok;
  auto merge = [&](const std::string& part, ExitCode c) {
    log << "gate: " << part << ": exit " << to_int(c) << "\n";
    worst = worst_of(worst, c);
  };
  VerifyOptions verify;
  verify.paths = options.paths;
  verify.timeout_seconds = options.timeout_seconds;
  verify.jobs = options.jobs;
  verify.accept_bounded = false;  // a gate never lets `bounded` pass as `holds`
  verify.certify = true;          // ... nor a proof whose certificate was not re-checked
  if (std::optional<VerificationRun> run = run_verification(verify, err)) {
    if (text) {
      write_verification(*run, OutputFormat::Text, out);
    } else {
      cases = ci_cases(*run);
    }
    merge("verify-specs", run->exit_code());
  } else {
    merge("verify-specs", ExitCode::BadInput);
  }
  for (const std::string& target : options.targets) {
    ConformOptions conform_options;
    conform_options.target = target;
    if (target == "kernel-src") {
      conform_options.sources = options.sources;
    }
    ConformRun run = conform(conform_options, err);
    if (text && run.setup == ExitCode::Ok) {
      write_conform(run, OutputFormat::Text, false, out);
    } else if (!text) {
      for (const conformance::Matrix& m : run.matrices) {
        add_ci_cases(m, cases);
      }
    }
    merge("conform " + target, run.exit_code());
  }
  log << "gate: " << (worst == ExitCode::Ok ? "pass" : "FAIL") << " (exit " << to_int(worst)
      << ")\n";
  if (options.format == OutputFormat::Junit) {
    write_junit(cases, out);
  } else if (options.format == OutputFormat::Sarif) {
    write_sarif(cases, out);
  }
  return worst;
}

}  // namespace irqspec
