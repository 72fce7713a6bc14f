// SPDX-License-Identifier: GPL-2.0
#include "solver/chc_engine.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>

#include "solver/backend/chc.h"
#include "solver/explicit_engine.h"

namespace solver {
namespace {

double now_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

/// What the portfolio gives exhaustive search before the SMT engines.
constexpr std::uint64_t kExplicitStateBudget = 300'000;
constexpr double kExplicitSecondsBudget = 2.0;

/// The bound used to find the counterexample of an obligation CHC refuted:
/// the search is known to end, so it may go much deeper than a check's bound.
constexpr int kDeepBound = 1000;

}  // namespace

ChcEngine::ChcEngine(const spec::Model& model, const TransitionSystem& ts,
                     const SmtOptions& options)
    : model_(model), ts_(ts), options_(options) {}

void ChcEngine::initialize() {}

backend::ChcQuery::Bad ChcEngine::bad_of(std::size_t i) const {
  const ObligationTerms& o = ts_.obligations[i];
  switch (o.kind) {
    case spec::ObligationKind::Invariant:
      return {o.bad_state, false};
    case spec::ObligationKind::Property:
      return {o.bad_step, true};
    default:
      return {o.bad_error, false};
  }
}

backend::ChcResult ChcEngine::query(const std::vector<std::size_t>& which, double start,
                                    const std::string& tag, std::string& reason) {
  backend::ChcQuery q{ts_.state, ts_.next, ts_.inputs, ts_.init, ts_.trans, {}};
  for (std::size_t i : which) {
    q.bad.push_back(bad_of(i));
  }
  double remaining = 0;
  if (options_.limits.timeout_seconds > 0) {
    remaining = options_.limits.timeout_seconds - (now_seconds() - start);
    if (remaining <= 0) {
      reason = "timeout";
      return backend::ChcResult::Unknown;
    }
  }
  std::string dump;
  if (!options_.dump_prefix.empty()) {
    dump = options_.dump_prefix + "-chc-" + tag + ".smt2";
  }
  return backend::z3_chc(ts_.terms, q, remaining, reason, dump);
}

void ChcEngine::decide(std::vector<ObligationResult>& results, std::vector<bool>& open, int bound) {
  double start = now_seconds();
  std::vector<std::size_t> todo;
  for (std::size_t i = 0; i < open.size(); ++i) {
    if (open[i]) {
      todo.push_back(i);
    }
  }
  if (todo.empty()) {
    return;
  }
  // A property's position 0 is not covered by the clauses (they assume a
  // step); callers run a BMC base case for it first.
  // One query per obligation, `jobs` at a time (each has its own Z3 context;
  // the term DAG is only read).
  std::vector<backend::ChcResult> answers(todo.size(), backend::ChcResult::Unknown);
  std::vector<std::string> reasons(todo.size());
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t n = next++; n < todo.size(); n = next++) {
      std::size_t i = todo[n];
      answers[n] =
          query({i}, start, model_.obligations[ts_.obligations[i].obligation].name, reasons[n]);
    }
  };
  std::vector<std::thread> threads;
  for (int t = 1; t < std::min<int>(options_.jobs, static_cast<int>(todo.size())); ++t) {
    threads.emplace_back(worker);
  }
  worker();
  for (std::thread& t : threads) {
    t.join();
  }
  std::vector<std::size_t> refuted;
  for (std::size_t n = 0; n < todo.size(); ++n) {
    std::size_t i = todo[n];
    if (answers[n] == backend::ChcResult::Holds) {
      results[i].verdict = Verdict::Proved;
      results[i].depth = 0;
      results[i].engine = "chc/z3";
      results[i].reason.clear();  // an earlier phase's "not k-inductive"
      results[i].step_counterexample.reset();
      open[i] = false;
    } else if (answers[n] == backend::ChcResult::Violated) {
      refuted.push_back(i);
    } else {
      results[i].reason = "z3 spacer gave up: " + reasons[n];
    }
  }
  if (refuted.empty()) {
    return;
  }
  // Spacer says these are violated: BMC finds and replays the shortest trace.
  Bmc bmc(model_, ts_, options_);
  bmc.initialize();
  std::vector<bool> wanted(ts_.obligations.size(), false);
  for (std::size_t i : refuted) {
    wanted[i] = true;
  }
  std::vector<ObligationResult> deep = bmc.check_until(std::max(bound, kDeepBound), wanted);
  for (std::size_t i : refuted) {
    if (deep[i].verdict == Verdict::Violated || deep[i].internal_error) {
      results[i] = std::move(deep[i]);
      open[i] = false;
    } else {
      results[i].reason = "z3 spacer reports a violation that BMC did not reach within " +
                          std::to_string(std::max(bound, kDeepBound)) + " steps";
    }
  }
}

std::vector<ObligationResult> ChcEngine::check_until(int bound) {
  double start = now_seconds();
  std::vector<ObligationResult> results(ts_.obligations.size());
  std::vector<bool> open(ts_.obligations.size(), true);
  for (std::size_t i = 0; i < results.size(); ++i) {
    results[i].obligation = ts_.obligations[i].obligation;
    results[i].engine = "chc/z3";
  }
  // Position 0 (and the first step) first: the clauses assume Inv(X) after
  // init, which covers invariants and errors there, but not a property's
  // initial position.
  Bmc base(model_, ts_, options_);
  base.initialize();
  base.check_position(0, bound, results, open);
  decide(results, open, bound);
  for (std::size_t i = 0; i < results.size(); ++i) {
    if (open[i] && results[i].verdict != Verdict::Violated) {
      results[i].verdict = Verdict::Unknown;
      if (results[i].reason.empty()) {
        results[i].reason = "z3 spacer gave no answer";
      }
    }
    results[i].seconds = now_seconds() - start;
  }
  return results;
}

PortfolioEngine::PortfolioEngine(const spec::Model& model, const TransitionSystem& ts,
                                 const SmtOptions& options)
    : model_(model), ts_(ts), options_(options) {}

std::vector<ObligationResult> PortfolioEngine::check_until(int bound) {
  double start = now_seconds();
  // Each phase dumps its queries under its own name.
  auto phase = [&](const char* name) {
    SmtOptions o = options_;
    if (!o.dump_prefix.empty()) {
      o.dump_prefix += std::string("-") + name;
    }
    return o;
  };
  auto any_open = [](const std::vector<bool>& open) {
    return std::find(open.begin(), open.end(), true) != open.end();
  };
  // 0. Cheap and often enough: k-induction (all invariants together) with
  //    its BMC base case, on a short bound.
  constexpr int kQuickBound = 6;
  SmtOptions quick_options = phase("kind6");
  KInduction kind(model_, ts_, quick_options);
  kind.initialize();
  std::vector<ObligationResult> results = kind.check_until(std::min(bound, kQuickBound));
  std::vector<bool> open(results.size());
  for (std::size_t i = 0; i < results.size(); ++i) {
    open[i] = results[i].verdict == Verdict::Bounded && results[i].depth < bound;
  }
  // 1. Small state spaces are decided fastest by exhaustive search, exactly
  //    (deep shortest counterexamples included): a short budget.
  if (any_open(open)) {
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
  // 2. Unbounded proofs (or refutations) for the rest.
  if (any_open(open)) {
    SmtOptions chc_options = phase("chc");
    ChcEngine chc(model_, ts_, chc_options);
    chc.decide(results, open, bound);
  }
  // 3. Whatever CHC could not decide: k-induction up to the full bound.
  if (any_open(open) && bound > kQuickBound) {
    SmtOptions deep_options = phase("kind");
    KInduction deep(model_, ts_, deep_options);
    deep.initialize();
    std::vector<ObligationResult> more = deep.check_until(bound);
    for (std::size_t i = 0; i < results.size(); ++i) {
      if (open[i]) {
        results[i] = std::move(more[i]);
      }
    }
  }
  for (ObligationResult& r : results) {
    r.seconds = now_seconds() - start;
  }
  return results;
}

}  // namespace solver
