// SPDX-License-Identifier: GPL-2.0
#include "tests/differential/differential.h"

#include <algorithm>

#include "solver/backend/backend.h"
#include "solver/engines/engine.h"
#include "solver/engines/explicit.h"
#include "solver/lowering.h"
#include "spec/checker.h"
#include "spec/parser.h"

namespace irqspec::testing {

using solver::ObligationResult;
using solver::Verdict;

namespace {

constexpr double kSecondsPerRun = 60;

/// The engine stopped at its time budget (its own clock, or the solver's).
bool out_of_time(const ObligationResult& r) {
  return r.reason.find("timeout") != std::string::npos ||
         r.reason.find("TIMEOUT") != std::string::npos;
}

/// Whether `engine`'s answer `r` agrees with the reference's `want`.
bool agrees(const ObligationResult& r, const ObligationResult& want, const std::string& engine,
            int bound) {
  if (r.internal_error) {
    return false;
  }
  if (want.verdict == Verdict::Violated) {
    bool within = want.depth <= bound || engine == "chc";
    return within ? r.verdict == Verdict::Violated && r.depth == want.depth
                  : r.verdict == Verdict::Bounded;
  }
  if (engine == "bmc" || engine == "kind") {
    // BMC proves once no loop-free path is as long as its position.
    return r.verdict == Verdict::Proved || r.verdict == Verdict::Bounded;
  }
  return r.verdict == Verdict::Proved || r.verdict == Verdict::Unknown;
}

std::string describe(const ObligationResult& r) {
  return std::string(solver::to_string(r.verdict)) + "@" + std::to_string(r.depth) +
         (r.reason.empty() ? "" : " (" + r.reason + ")");
}

}  // namespace

DifferentialReport compare_engines(const std::string& text, const DifferentialOptions& options) {
  DifferentialReport report;
  spec::SourceFile source("random.irqspec", text);
  spec::Diagnostics diags(source);
  spec::ast::File ast = spec::parse(source, diags);
  if (diags.has_errors()) {
    report.disagreements.push_back("the generated model does not parse: " +
                                   diags.render(diags.all().front()));
    return report;
  }
  spec::Checker checker(ast, source, diags);
  std::optional<spec::Model> model = checker.elaborate({}, nullptr);
  if (!model) {
    report.disagreements.push_back("the generated model does not check: " +
                                   diags.render(diags.all().front()));
    return report;
  }
  std::vector<int> obligations;
  for (const spec::Expect& e : model->check.expects) {
    obligations.push_back(e.obligation);
  }
  report.obligations = static_cast<int>(obligations.size());

  solver::Limits limits;
  limits.max_states = 200'000;
  limits.timeout_seconds = kSecondsPerRun;  // a model too big for the reference is not a sample
  std::vector<ObligationResult> reference = solver::ExplicitEngine(*model, limits).run(obligations);
  for (const ObligationResult& r : reference) {
    if (r.verdict != Verdict::Proved && r.verdict != Verdict::Violated) {
      return report;  // too big for the reference: not a usable sample
    }
  }
  report.usable = true;

  solver::TransitionSystem ts = solver::lower(*model, obligations);
  struct Run {
    std::string name;
    std::string solver;
    std::string engine;
  };
  std::vector<Run> runs{{"bmc/z3", "z3", "bmc"}, {"kind/z3", "z3", "kind"}};
  std::vector<std::string> solvers = solver::backend::available_solvers();
  if (options.cvc5 && std::find(solvers.begin(), solvers.end(), "cvc5") != solvers.end()) {
    runs.push_back({"bmc/cvc5", "cvc5", "bmc"});
  }
  if (options.chc) {
    runs.push_back({"chc/z3", "z3", "chc"});
  }
  for (const Run& run : runs) {
    solver::EngineOptions smt;
    smt.solver = run.solver;
    // Running out of this budget is no answer, not a disagreement: the
    // budget is wall time, and a loaded machine runs out of it (seed 7, 1.7
    // CPU-s alone, timed out at 30 s in a loaded ctest run).
    smt.limits.timeout_seconds = kSecondsPerRun;
    std::unique_ptr<solver::Engine> engine =
        solver::make_engine(*solver::parse_engine_kind(run.engine), *model, ts, smt);
    engine->initialize();
    std::vector<ObligationResult> got = engine->check_until(options.bound);
    for (std::size_t i = 0; i < got.size(); ++i) {
      const ObligationResult& want = reference[i];
      const ObligationResult& r = got[i];
      const std::string& name = model->obligations[obligations[i]].name;
      if (r.verdict == Verdict::Unknown && out_of_time(r)) {
        report.undecided.push_back(run.name + " ran out of its " +
                                   std::to_string(int(kSecondsPerRun)) + " s for " + name + ": " +
                                   r.reason);
        continue;
      }
      bool ok = agrees(r, want, run.engine, options.bound);
      if (!ok) {
        report.disagreements.push_back(run.name + " says " + describe(r) + " for " + name +
                                       ", explicit says " + describe(want));
      }
    }
  }
  return report;
}

}  // namespace irqspec::testing
