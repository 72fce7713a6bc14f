// SPDX-License-Identifier: GPL-2.0
#include "solver/engines/invariant_search.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <numeric>
#include <set>
#include <thread>

#include "solver/aig/abc_pdr.h"
#include "solver/certify.h"
#include "solver/engines/bmc.h"
#include "solver/engines/kinduction.h"
#include "solver/progress.h"

namespace solver {
namespace {

/// The bound used to find the counterexample of an obligation CHC refuted:
/// the search is known to end, so it may go much deeper than a check's bound.
constexpr int kDeepBound = 1000;

/// pdr's first round: seconds per obligation (then twice that, and so on).
constexpr double kFirstRoundSeconds = 2;

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

backend::ChcAnswer InvariantSearch::ask(std::size_t i, double budget, const Proved& assumed) {
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
  double seconds = deadline_.set() ? std::min(budget, deadline_.remaining()) : budget;
  std::vector<Term> known;
  for (const auto& [j, invariant] : assumed) {
    known.push_back(holds_[j]);
  }
  backend::ChcAnswer a = aig::abc_pdr(ts_, i, seconds, known, dump);
  if (a.result == backend::ChcResult::Holds && a.invariant->term != 0) {
    smt::TermManager& tm = *a.invariant->terms;
    std::set<const backend::ChcInvariant*> added;
    for (const auto& [j, invariant] : assumed) {  // what it assumed, with its own invariant
      const backend::ChcInvariant* other = invariant.get();
      if (added.insert(other).second) {
        a.invariant->term = tm.mk_and(a.invariant->term, tm.import(*other->terms, other->term));
      }
    }
  }
  return a;
}

// One query per obligation, `jobs` at a time (each has its own Z3 context
// or ABC process; the term DAG is only read). With pdr, each obligation
// assumes those proved before it starts (invariants and assertions, whose
// bad states are states), so the order is the model's: later ones are
// helped by earlier ones, as refs_match helps the assertion on module_refs.
std::vector<backend::ChcAnswer> InvariantSearch::ask_each(const std::vector<std::size_t>& todo,
                                                          double budget) {
  std::vector<backend::ChcAnswer> answers(todo.size());
  std::atomic<std::size_t> next{0};
  std::mutex mutex;
  auto worker = [&] {
    for (std::size_t n = next++; n < todo.size(); n = next++) {
      Proved assumed;
      {
        std::lock_guard<std::mutex> lock(mutex);
        assumed = proved_;
      }
      answers[n] = ask(todo[n], budget, assumed);
      std::lock_guard<std::mutex> lock(mutex);
      remember_if_proved(todo[n], answers[n]);
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

// A proof another obligation may assume: of a bad state (an invariant's or
// an assertion's; a property's is a step), with an invariant in terms for
// the certificate.
void InvariantSearch::remember_if_proved(std::size_t i, const backend::ChcAnswer& a) {
  if (prover_ == Prover::AbcPdr && a.result == backend::ChcResult::Holds &&
      a.invariant->term != 0 && !bad_condition(ts_, i).uses_step) {
    proved_[i] = a.invariant;
  }
}

// pdr in rounds with a doubling time limit, each round asking what is still
// open and assuming what is proved: one hard obligation does not hold up
// the easy ones that would help it (refs_match, a count, is what the
// assertion on module_refs needs), and no obligation waits for more than
// twice the time it needs. (Only what ran out of time is asked again.)
std::vector<backend::ChcAnswer> InvariantSearch::ask_all(const std::vector<std::size_t>& todo) {
  if (prover_ == Prover::Spacer) {
    return ask_each(todo, 0);
  }
  std::vector<backend::ChcAnswer> answers(todo.size());
  std::vector<std::size_t> open(todo.size());
  std::iota(open.begin(), open.end(), 0);
  for (double budget = kFirstRoundSeconds; !open.empty() && !deadline_.passed(); budget *= 2) {
    bool last = deadline_.set() && budget >= deadline_.remaining();
    std::vector<std::size_t> ask;
    for (std::size_t n : open) {
      ask.push_back(todo[n]);
    }
    std::vector<backend::ChcAnswer> round = ask_each(ask, last ? deadline_.remaining() : budget);
    std::vector<std::size_t> still;
    for (std::size_t k = 0; k < open.size(); ++k) {
      answers[open[k]] = std::move(round[k]);
      if (answers[open[k]].ran_out) {
        still.push_back(open[k]);
      }
    }
    open = still;
    if (last) {
      break;
    }
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
  if (prover_ == Prover::AbcPdr) {
    // Made here: the queries run in parallel and only read the terms.
    holds_.clear();
    for (std::size_t i = 0; i < ts_.obligations.size(); ++i) {
      holds_.push_back(ts_.terms->mk_not(bad_condition(ts_, i).condition));
    }
    assume_inductive(results);
  }
  std::vector<backend::ChcAnswer> answers = ask_all(todo);
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

// What is inductive needs no IC3: 1-induction over all the obligations
// (Houdini) decides the invariants that hold each other up at once.
// (refs_match, a count, took ABC 8.7 s at N = 4; an SMT solver's step
// query much less.)
void InvariantSearch::induction_first(std::vector<ObligationResult>& results,
                                      std::vector<bool>& open) {
  EngineOptions quick = options_;
  if (deadline_.set()) {
    quick.limits.timeout_seconds = deadline_.remaining() / 2;  // the rest is pdr's
  }
  KInduction kind(model_, ts_, quick);
  kind.initialize();
  std::vector<ObligationResult> found = kind.check_until(1);
  for (std::size_t i = 0; i < found.size(); ++i) {
    // Only what certify_induction re-checks: invariants at depth 1 (an
    // assertion or property stays pdr's, which gives it a certificate).
    if (open[i] &&
        (found[i].verdict == Verdict::Violated || proved_by_one_induction(ts_, i, found[i]))) {
      results[i] = std::move(found[i]);
      open[i] = false;
    }
  }
}

// The invariants k-induction proved at depth 1, for pdr to assume: their
// conjunction is their certificate (certify_induction's), and so a part of
// the certificate of what assumes them.
void InvariantSearch::assume_inductive(const std::vector<ObligationResult>& results) {
  auto together = std::make_shared<backend::ChcInvariant>();
  together->terms = std::make_shared<smt::TermManager>();
  together->term = together->terms->mk_true();
  for (std::size_t i = 0; i < results.size(); ++i) {
    if (proved_by_one_induction(ts_, i, results[i])) {
      smt::TermManager& tm = *together->terms;
      together->term = tm.mk_and(together->term, tm.import(*ts_.terms, holds_[i]));
      proved_[i] = together;
    }
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
  if (prover_ == Prover::AbcPdr) {
    induction_first(results, open);
  }
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
