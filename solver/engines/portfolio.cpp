// SPDX-License-Identifier: GPL-2.0
#include "solver/engines/portfolio.h"

#include <algorithm>

#include "solver/clock.h"
#include "solver/engines/bmc.h"
#include "solver/engines/chc.h"
#include "solver/engines/explicit.h"
#include "solver/engines/kinduction.h"

namespace solver {
namespace {

/// The bound of phase 0.
constexpr int kQuickBound = 6;
/// What the portfolio gives exhaustive search before the SMT engines.
constexpr std::uint64_t kExplicitStateBudget = 300'000;
constexpr double kExplicitSecondsBudget = 2.0;

}  // namespace

PortfolioEngine::PortfolioEngine(const spec::Model& model, const TransitionSystem& ts,
                                 const EngineOptions& options)
    : model_(model), ts_(ts), options_(options) {}

// Each phase dumps its queries under its own name.
EngineOptions PortfolioEngine::phase(const char* name) const {
  EngineOptions o = options_;
  if (!o.dump_prefix.empty()) {
    o.dump_prefix += std::string("-") + name;
  }
  return o;
}

std::vector<ObligationResult> PortfolioEngine::quick_induction(int bound, std::vector<bool>& open) {
  KInduction kind(model_, ts_, phase("kind6"));
  kind.initialize();
  std::vector<ObligationResult> results = kind.check_until(std::min(bound, kQuickBound));
  open.resize(results.size());
  for (std::size_t i = 0; i < results.size(); ++i) {
    open[i] = results[i].verdict == Verdict::Bounded && results[i].depth < bound;
  }
  return results;
}

void PortfolioEngine::explicit_search(int bound, std::vector<ObligationResult>& results,
                                      std::vector<bool>& open) {
  std::vector<int> ids;
  std::vector<std::size_t> where;
  for (std::size_t i = 0; i < results.size(); ++i) {
    if (open[i]) {
      ids.push_back(ts_.obligations[i].obligation);
      where.push_back(i);
    }
  }
  Limits quick = options_.limits;
  quick.max_states = std::min<std::uint64_t>(quick.max_states, kExplicitStateBudget);
  quick.timeout_seconds = quick.timeout_seconds > 0
                              ? std::min(quick.timeout_seconds, kExplicitSecondsBudget)
                              : kExplicitSecondsBudget;
  quick.depth = bound;
  std::vector<ObligationResult> found = ExplicitEngine(model_, quick).run(ids);
  for (std::size_t n = 0; n < found.size(); ++n) {
    // Bounded at the check's own bound is a final answer too.
    bool final_bounded = found[n].verdict == Verdict::Bounded && found[n].depth >= bound;
    if (found[n].internal_error || found[n].verdict == Verdict::Proved ||
        found[n].verdict == Verdict::Violated || final_bounded) {
      results[where[n]] = std::move(found[n]);
      open[where[n]] = false;
    }
  }
}

void PortfolioEngine::deep_induction(int bound, std::vector<ObligationResult>& results,
                                     std::vector<bool>& open) {
  KInduction deep(model_, ts_, phase("kind"));
  deep.initialize();
  std::vector<ObligationResult> more = deep.check_until(bound);
  for (std::size_t i = 0; i < results.size(); ++i) {
    if (open[i]) {
      results[i] = std::move(more[i]);
    }
  }
}

std::vector<ObligationResult> PortfolioEngine::check_until(int bound) {
  double start = now_seconds();
  std::vector<bool> open;
  std::vector<ObligationResult> results = quick_induction(bound, open);
  if (any_open(open)) {
    explicit_search(bound, results, open);
  }
  if (any_open(open)) {
    ChcEngine(model_, ts_, phase("chc")).decide(results, open, bound);
  }
  if (any_open(open) && bound > kQuickBound) {
    deep_induction(bound, results, open);
  }
  for (ObligationResult& r : results) {
    r.seconds = now_seconds() - start;
  }
  return results;
}

}  // namespace solver
