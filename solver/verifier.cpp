// SPDX-License-Identifier: GPL-2.0
#include "solver/verifier.h"

#include <algorithm>
#include <filesystem>

#include "solver/backend/backend.h"
#include "solver/certify.h"
#include "solver/engines/explicit.h"
#include "solver/lowering.h"
#include "solver/resources.h"

namespace solver {
namespace {

/// What one term of one step costs once the engines unroll it: Z3 takes
/// about 3 KiB per term and frame (bench/RESULTS.md, "Model size"), and the
/// portfolio's first phase holds 16 frames (k-induction to 6: base and step).
constexpr std::uint64_t kBytesPerStepTerm = 48 * 1024;

std::size_t max_step_terms() {
  return static_cast<std::size_t>(Resources::process().memory_limit() / kBytesPerStepTerm);
}

std::string millions(std::size_t n) {
  if (n < 1'000'000) {
    return std::to_string(n);
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f million", static_cast<double>(n) / 1e6);
  return buf;
}

/// Every obligation `unknown`, with why: the same answer for all of them
/// when the whole check could not be attempted or was cut short.
std::vector<ObligationResult> all_unknown(const std::vector<int>& obligations,
                                          const std::string& engine, const std::string& why) {
  std::vector<ObligationResult> results(obligations.size());
  for (std::size_t i = 0; i < obligations.size(); ++i) {
    results[i].obligation = obligations[i];
    results[i].engine = engine;
    results[i].reason = why;
  }
  return results;
}

std::string too_large(const ModelTooLarge& e) {
  return "not attempted: too large for the SMT engines: one step needs about " +
         millions(e.estimate()) + " terms (estimated from " + std::to_string(e.parts_done) +
         " of its " + std::to_string(e.parts_total) + " actions and obligations), over the " +
         millions(e.limit) + " that " + std::to_string(Resources::process().memory_limit() >> 20) +
         " MiB hold (--memory-limit); try smaller constants, --engine explicit or more memory";
}

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

std::vector<ObligationResult> verify_with_smt(const spec::Model& model,
                                              const std::vector<int>& obligations,
                                              const VerifyRequest& request) {
  TransitionSystem ts =
      lower(model, with_lemmas(model, obligations, request.engine), nullptr, max_step_terms());
  int bound = request.limits.depth ? *request.limits.depth : EngineOptions{}.default_bound;
  std::vector<std::vector<ObligationResult>> all;
  for (const std::string& solver : request.solvers) {
    EngineOptions options;
    options.solver = solver;
    options.limits = request.limits;
    options.jobs = request.jobs;
    options.symmetry = request.symmetry;
    options.dump_prefix = dump_prefix(model, request, solver);
    std::unique_ptr<Engine> engine = make_engine(request.engine, model, ts, options);
    engine->initialize();
    all.push_back(engine->check_until(bound));
    if (request.certify) {
      certify_proofs(model, ts, solver, all.back(), request.limits.timeout_seconds);
    }
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

}  // namespace

std::vector<ObligationResult> verify_obligations(const spec::Model& model,
                                                 const std::vector<int>& obligations,
                                                 const VerifyRequest& request) {
  std::string engine = to_string(request.engine);
  if (Resources::process().stopped()) {
    return all_unknown(obligations, engine, Resources::process().stop_reason());
  }
  // Nothing below may end the process: the solvers' own failures are
  // `unknown` in their backends; what is left (our memory) is caught here.
  try {
    if (request.engine == EngineKind::Explicit) {
      return ExplicitEngine(model, request.limits).run(obligations);
    }
    return verify_with_smt(model, obligations, request);
  } catch (const ModelTooLarge& e) {
    return all_unknown(obligations, engine, too_large(e));
  } catch (const std::bad_alloc&) {
    return all_unknown(obligations, engine, "out of memory");
  } catch (const std::exception& e) {
    // A stop (memory, a signal) can surface as any solver's exception.
    if (Resources::process().stopped()) {
      return all_unknown(obligations, engine, Resources::process().stop_reason());
    }
    if (std::string(e.what()).find("out of memory") != std::string::npos) {
      return all_unknown(obligations, engine, "out of memory");
    }
    std::vector<ObligationResult> results =
        all_unknown(obligations, engine, std::string("internal error: ") + e.what());
    for (ObligationResult& r : results) {
      r.internal_error = true;
    }
    return results;
  }
}

}  // namespace solver
