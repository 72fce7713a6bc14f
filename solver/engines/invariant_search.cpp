// SPDX-License-Identifier: GPL-2.0
#include "solver/engines/invariant_search.h"

#include <algorithm>
#include <atomic>
#include <thread>

#include "solver/aig/abc_pdr.h"
#include "solver/engines/bmc.h"
#include "solver/progress.h"

namespace solver {
namespace {

/// The bound used to find the counterexample of an obligation CHC refuted:
/// the search is known to end, so it may go much deeper than a check's bound.
constexpr int kDeepBound = 1000;

}  // namespace

InvariantSearch::InvariantSearch(const spec::Model& model, const TransitionSystem& ts,
                                 const EngineOptions& options, Prover prover)
    : model_(model),
      ts_(ts),
      options_(options),
      prover_(prover),
      deadline_(Deadline::in(options.limits.timeout_seconds)) {}

backend::ChcQuery::Bad InvariantSearch::bad_of(std::size_t i) const {
  BadCondition bad = bad_condition(ts_, i);
  return {bad.condition, bad.uses_step};
}

backend::ChcAnswer InvariantSearch::query(std::vector<backend::ChcQuery::Bad> bad,
                                          const std::string& tag) {
  backend::ChcQuery q{ts_.state, ts_.next, ts_.inputs, ts_.init, ts_.trans, std::move(bad)};
  if (deadline_.passed()) {
    return {backend::ChcResult::Unknown, deadline_.why(), nullptr};
  }
  std::string dump;
  if (!options_.dump_prefix.empty()) {
    dump = options_.dump_prefix + "-chc-" + tag + ".smt2";
  }
  return backend::z3_chc(ts_.terms, q, deadline_.remaining(), dump);
}

backend::ChcResult InvariantSearch::reachability(Term condition, std::string& reason) {
  backend::ChcAnswer answer = query({{condition, true}}, "reach");
  reason = answer.reason;
  return answer.result;
}

std::string InvariantSearch::label() const {
  return prover_ == Prover::Spacer ? "chc/z3" : "pdr/abc";
}

std::string InvariantSearch::prover_name() const {
  return prover_ == Prover::Spacer ? "z3 spacer" : "abc pdr";
}

backend::ChcAnswer InvariantSearch::ask(std::size_t i) {
  const std::string& name = model_.obligations[ts_.obligations[i].obligation].name;
  if (prover_ == Prover::Spacer) {
    return query({bad_of(i)}, name);
  }
  if (deadline_.passed()) {
    return {backend::ChcResult::Unknown, deadline_.why(), nullptr};
  }
  std::string dump;
  if (!options_.dump_prefix.empty()) {
    dump = options_.dump_prefix + "-pdr-" + name + ".aig";
  }
  return aig::abc_pdr(ts_, i, deadline_.remaining(), dump);
}

// One query per obligation, `jobs` at a time (each has its own Z3 context
// or ABC process; the term DAG is only read).
std::vector<backend::ChcAnswer> InvariantSearch::ask_each(const std::vector<std::size_t>& todo) {
  std::vector<backend::ChcAnswer> answers(todo.size());
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t n = next++; n < todo.size(); n = next++) {
      std::size_t i = todo[n];
      answers[n] = ask(i);
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
  return answers;
}

// Spacer says these are violated: BMC finds and replays the shortest trace.
void InvariantSearch::find_counterexamples(const std::vector<std::size_t>& refuted,
                                           std::vector<ObligationResult>& results,
                                           std::vector<bool>& open, int bound) {
  Bmc bmc(model_, ts_, options_);
  bmc.initialize();
  std::vector<bool> wanted(ts_.obligations.size(), false);
  for (std::size_t i : refuted) {
    wanted[i] = true;
  }
  int deep = std::max(bound, kDeepBound);
  std::vector<ObligationResult> found = bmc.check_until(deep, wanted);
  for (std::size_t i : refuted) {
    if (found[i].verdict == Verdict::Violated || found[i].internal_error) {
      results[i] = std::move(found[i]);
      open[i] = false;
    } else {
      results[i].reason = prover_name() + " reports a violation that BMC did not reach within " +
                          std::to_string(deep) + " steps";
    }
  }
}

// A property's position 0 is not covered by the clauses (they assume a
// step); callers run a BMC base case for it first.
void InvariantSearch::decide(std::vector<ObligationResult>& results, std::vector<bool>& open,
                             int bound) {
  std::vector<std::size_t> todo;
  for (std::size_t i = 0; i < open.size(); ++i) {
    if (open[i]) {
      todo.push_back(i);
    }
  }
  report_progress(options_.limits.progress, label(), std::to_string(todo.size()) + " obligations");
  std::vector<backend::ChcAnswer> answers = ask_each(todo);
  std::vector<std::size_t> refuted;
  for (std::size_t n = 0; n < todo.size(); ++n) {
    ObligationResult& r = results[todo[n]];
    if (answers[n].result == backend::ChcResult::Holds) {
      r.verdict = Verdict::Proved;
      r.depth = 0;
      r.engine = label();
      r.reason.clear();  // an earlier phase's "not k-inductive"
      r.step_counterexample.reset();
      r.invariant = std::move(answers[n].invariant);
      open[todo[n]] = false;
    } else if (answers[n].result == backend::ChcResult::Violated) {
      refuted.push_back(todo[n]);
    } else {
      r.reason = prover_name() + " gave up: " + answers[n].reason;
    }
  }
  if (!refuted.empty()) {
    find_counterexamples(refuted, results, open, bound);
  }
}

std::vector<ObligationResult> InvariantSearch::check_until(int bound) {
  double start = now_seconds();
  // Position 0 (and the first step) first: the clauses assume Inv(X) after
  // init, which covers invariants and errors there, but not a property's
  // initial position.
  Bmc base(model_, ts_, options_);
  base.initialize();
  std::vector<ObligationResult> results = base.fresh_results(label());
  std::vector<bool> open(ts_.obligations.size(), true);
  base.check_position(0, bound, results, open);
  decide(results, open, bound);
  for (std::size_t i = 0; i < results.size(); ++i) {
    if (open[i] && results[i].verdict != Verdict::Violated) {
      results[i].verdict = Verdict::Unknown;
      if (results[i].reason.empty()) {
        results[i].reason = prover_name() + " gave no answer";
      }
    }
    results[i].seconds = now_seconds() - start;
  }
  return results;
}

}  // namespace solver
