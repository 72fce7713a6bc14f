// SPDX-License-Identifier: GPL-2.0
#include "tools/irqspec/verify_specs.h"

#include <algorithm>
#include <thread>

#include "solver/backend/backend.h"
#include "tools/irqspec/json_report.h"
#include "tools/irqspec/text_report.h"
#include "tools/irqspec/verification.h"

namespace irqspec {

ExitCode run_verify_specs(const VerifyOptions& given, std::ostream& out, std::ostream& err) {
  VerifyOptions options = given;
  if (options.jobs <= 0) {
    options.jobs = std::max(1u, std::thread::hardware_concurrency());
  }
  std::vector<std::string> solvers = solver::backend::available_solvers();
  for (const std::string& wanted : options.solver == "both"
                                       ? std::vector<std::string>{"z3", "cvc5"}
                                       : std::vector<std::string>{options.solver}) {
    if (std::find(solvers.begin(), solvers.end(), wanted) == solvers.end()) {
      err << "irqspec: error: this build has no " << wanted << " backend (built without it)\n";
      return ExitCode::BadInput;
    }
  }
  VerificationRun run = verify(options, err);
  if (options.format == OutputFormat::Json) {
    out << json_report(run).dump(2) << "\n";
  } else if (!run.checks.empty() || !run.bad_input) {
    print_text_report(run, out);
  }
  return run.exit_code();
}

}  // namespace irqspec
