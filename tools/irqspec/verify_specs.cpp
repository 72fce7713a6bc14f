// SPDX-License-Identifier: GPL-2.0
#include "tools/irqspec/verify_specs.h"

#include <algorithm>
#include <thread>

#include "solver/backend/backend.h"
#include "tools/irqspec/ci_cases.h"
#include "tools/irqspec/json_report.h"
#include "tools/irqspec/junit_report.h"
#include "tools/irqspec/sarif_report.h"
#include "tools/irqspec/sweep.h"
#include "tools/irqspec/text_report.h"
#include "tools/irqspec/trace_diagram.h"
#include "tools/irqspec/verification.h"

namespace irqspec {
namespace {

/// --format mermaid|dot: every counterexample of the run, in order; Mermaid
/// as Markdown (a heading and a mermaid block each: what GitHub and
/// mermaid-cli render), DOT as one digraph each (`dot` reads them all).
void write_counterexamples(const VerificationRun& run, OutputFormat format, std::ostream& out) {
  bool mermaid = format == OutputFormat::Mermaid;
  int shown = 0;
  for (const CheckReport& c : run.checks) {
    for (const PropertyReport& p : c.properties) {
      if (!p.result.trace) {
        continue;
      }
      std::string title =
          c.file + " check " + c.check + ": " + spec::to_string(p.kind) + " " + p.name +
          " violated" +
          (p.expected == spec::Expectation::Violated ? " (as expected)" : " (UNEXPECTED)");
      if (mermaid) {
        out << (shown ? "\n" : "") << "## " << title << "\n\n```mermaid\n"
            << mermaid_trace(*c.model, *p.result.trace, p.result.failure) << "```\n";
      } else {
        out << "// " << title << "\n"
            << dot_trace(*c.model, *p.result.trace, c.model->name + "." + c.check + "." + p.name,
                         p.result.failure);
      }
      ++shown;
    }
  }
  if (shown == 0) {
    out << (mermaid ? "No counterexample in this run.\n" : "// no counterexample in this run\n");
  }
}

}  // namespace

void write_verification(const VerificationRun& run, OutputFormat format, std::ostream& out) {
  switch (format) {
    case OutputFormat::Json:
      out << json_report(run).dump(2) << "\n";
      return;
    case OutputFormat::Junit:
      write_junit(ci_cases(run), out);
      return;
    case OutputFormat::Sarif:
      write_sarif(ci_cases(run), out);
      return;
    case OutputFormat::Mermaid:
    case OutputFormat::Dot:
      write_counterexamples(run, format, out);
      return;
    case OutputFormat::Text:
      if (!run.checks.empty() || !run.bad_input) {
        print_text_report(run, out);
      }
      return;
  }
}

std::optional<VerificationRun> run_verification(const VerifyOptions& given, std::ostream& err) {
  VerifyOptions options = given;
  if (options.jobs <= 0) {
    options.jobs = std::max(1u, std::thread::hardware_concurrency());
  }
  if (options.engine == solver::EngineKind::Chc && options.solver != "z3") {
    err << "irqspec: error: --engine chc proves with Z3's Spacer, whatever --solver says; "
           "--certify re-checks its proofs with cvc5\n";
    return std::nullopt;
  }
  std::vector<std::string> solvers = solver::backend::available_solvers();
  for (const std::string& wanted : options.solver == "both"
                                       ? std::vector<std::string>{"z3", "cvc5"}
                                       : std::vector<std::string>{options.solver}) {
    if (std::find(solvers.begin(), solvers.end(), wanted) == solvers.end()) {
      err << "irqspec: error: this build has no " << wanted << " backend (built without it)\n";
      return std::nullopt;
    }
  }
  return verify(options, err);
}

ExitCode run_verify_specs(const VerifyOptions& options, std::ostream& out, std::ostream& err) {
  if (options.sweep) {
    if (options.format != OutputFormat::Text && options.format != OutputFormat::Json) {
      err << "irqspec: error: --sweep writes its table as text or json\n";
      return ExitCode::BadInput;
    }
    return run_sweep(options, out, err);
  }
  std::optional<VerificationRun> run = run_verification(options, err);
  if (!run) {
    return ExitCode::BadInput;
  }
  write_verification(*run, options.format, out);
  return run->exit_code();
}

}  // namespace irqspec
