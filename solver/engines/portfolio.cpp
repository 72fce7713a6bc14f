// SPDX-License-Identifier: GPL-2.0
#include "solver/engines/portfolio.h"

#include <algorithm>

#include "solver/clock.h"
#include "solver/engines/bmc.h"
#include "solver/engines/explicit.h"
#include "solver/engines/invariant_search.h"
#include "solver/engines/kinduction.h"

namespace solver {
namespace {

/// The bound of phase 0.
constexpr int kQuickBound = 6;
/// What the portfolio gives exhaustive search first: enough to decide a
/// small state space outright, too little to matter where it does not
/// finish. The library's checks outside irqbypass have at most 2592 states
/// (gic_forwarding); genirq_flows' 19 checks take 0.06 s explicitly and
/// took 2.1 s through k-induction.
constexpr ExplicitBudget kProbe{5'000, 0.1};
/// ... and after the quick induction, for what that left open.
constexpr ExplicitBudget kSearch{300'000, 2.0};
/// What pdr gets before Spacer: irqbypass without its lemmas took 44 s at
/// N = 4 (bench/RESULTS.md); Spacer, which has no limit of its own, did not
/// finish it in 60 s.
constexpr double kPdrSeconds = 60;

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

void PortfolioEngine::quick_induction(int bound, std::vector<ObligationResult>& results,
                                      std::vector<bool>& open) {
  KInduction kind(model_, ts_, phase("kind6"));
  kind.initialize();
  // All obligations together (each is a lemma of the others); the answers
  // of those still open are taken.
  std::vector<ObligationResult> found = kind.check_until(std::min(bound, kQuickBound));
  for (std::size_t i = 0; i < found.size(); ++i) {
    if (open[i]) {
      open[i] = found[i].verdict == Verdict::Bounded && found[i].depth < bound;
      results[i] = std::move(found[i]);
    }
  }
}

void PortfolioEngine::explicit_search(int bound, const ExplicitBudget& budget,
                                      std::vector<ObligationResult>& results,
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
  quick.max_states = std::min<std::uint64_t>(quick.max_states, budget.states);
  quick.timeout_seconds =
      quick.timeout_seconds > 0 ? std::min(quick.timeout_seconds, budget.seconds) : budget.seconds;
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
  std::vector<bool> open(ts_.obligations.size(), true);
  std::vector<ObligationResult> results(ts_.obligations.size());
  explicit_search(bound, kProbe, results, open);
  if (any_open(open)) {
    quick_induction(bound, results, open);
  }
  if (any_open(open)) {
    explicit_search(bound, kSearch, results, open);
  }
  if (any_open(open)) {  // no lemma needed, and certificates for what it proves
    EngineOptions pdr = phase("pdr");
    double& limit = pdr.limits.timeout_seconds;
    limit = limit > 0 ? std::min(limit, kPdrSeconds) : kPdrSeconds;
    InvariantSearch(model_, ts_, pdr, Prover::AbcPdr).decide(results, open, bound);
  }
  if (any_open(open)) {
    InvariantSearch(model_, ts_, phase("chc")).decide(results, open, bound);
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
