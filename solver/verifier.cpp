// SPDX-License-Identifier: GPL-2.0
#include "solver/verifier.h"

#include <algorithm>
#include <filesystem>

#include "solver/engines/explicit.h"
#include "solver/lowering.h"

namespace solver {
namespace {

/// The obligations to lower: the requested ones first, then every other
/// invariant when the engine uses them as lemmas.
std::vector<int> with_lemmas(const spec::Model& model, std::vector<int> obligations,
                             EngineKind engine) {
  if (!uses_lemmas(engine)) {
    return obligations;
  }
  for (std::size_t i = 0; i < model.obligations.size(); ++i) {
    int id = static_cast<int>(i);
    if (model.obligations[i].kind == spec::ObligationKind::Invariant &&
        std::find(obligations.begin(), obligations.end(), id) == obligations.end()) {
      obligations.push_back(id);
    }
  }
  return obligations;
}

std::string dump_prefix(const spec::Model& model, const VerifyRequest& r,
                        const std::string& solver) {
  if (r.dump_dir.empty()) {
    return "";
  }
  std::filesystem::create_directories(r.dump_dir);
  std::string stem = std::filesystem::path(model.file).stem().string() + "-" + model.check.name;
  return (std::filesystem::path(r.dump_dir) / (stem + "-" + to_string(r.engine) + "-" + solver))
      .string();
}

/// With two solvers: a decided verdict or depth they disagree on is an
/// internal error in the first result.
void cross_check(std::vector<ObligationResult>& a, const std::vector<ObligationResult>& b) {
  for (std::size_t i = 0; i < a.size(); ++i) {
    bool decided = a[i].verdict != Verdict::Unknown && b[i].verdict != Verdict::Unknown;
    if (decided && (a[i].verdict != b[i].verdict || a[i].depth != b[i].depth)) {
      a[i].internal_error = true;
      a[i].reason = std::string("internal error: z3 says ") + to_string(a[i].verdict) + " at " +
                    std::to_string(a[i].depth) + ", cvc5 says " + to_string(b[i].verdict) + " at " +
                    std::to_string(b[i].depth);
    }
    a[i].seconds += b[i].seconds;
  }
}

}  // namespace

std::vector<ObligationResult> verify_obligations(const spec::Model& model,
                                                 const std::vector<int>& obligations,
                                                 const VerifyRequest& request) {
  if (request.engine == EngineKind::Explicit) {
    return ExplicitEngine(model, request.limits).run(obligations);
  }
  TransitionSystem ts = lower(model, with_lemmas(model, obligations, request.engine));
  int bound = request.limits.depth ? *request.limits.depth : EngineOptions{}.default_bound;
  std::vector<std::vector<ObligationResult>> all;
  for (const std::string& solver : request.solvers) {
    EngineOptions options;
    options.solver = solver;
    options.limits = request.limits;
    options.jobs = request.jobs;
    options.dump_prefix = dump_prefix(model, request, solver);
    std::unique_ptr<Engine> engine = make_engine(request.engine, model, ts, options);
    engine->initialize();
    all.push_back(engine->check_until(bound));
    all.back().resize(obligations.size());  // the lemmas are not reported
  }
  if (all.size() == 2) {
    cross_check(all[0], all[1]);
    for (ObligationResult& r : all[0]) {
      r.engine = std::string(to_string(request.engine)) + "/z3+cvc5";
    }
  }
  return std::move(all[0]);
}

}  // namespace solver
