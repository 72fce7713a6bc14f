// SPDX-License-Identifier: GPL-2.0
#include "solver/engines/bmc.h"

#include <algorithm>

#include "solver/progress.h"
#include "solver/trace_checker.h"
#include "solver/trace_reader.h"

namespace solver {

bool any_open(const std::vector<bool>& open) {
  return std::find(open.begin(), open.end(), true) != open.end();
}

Bmc::Bmc(const spec::Model& model, const TransitionSystem& ts, const EngineOptions& options)
    : model_(model), ts_(ts), options_(options), semantics_(model), unroller_(ts) {}

void Bmc::initialize() {
  solver_ = open_solver(options_, ts_, "bmc");
  solver_->assert_term(unroller_.at(ts_.init, 0));
  deadline_ = Deadline::in(options_.limits.timeout_seconds);
}

std::vector<ObligationResult> Bmc::fresh_results(const std::string& engine) const {
  std::vector<ObligationResult> results(ts_.obligations.size());
  for (std::size_t i = 0; i < results.size(); ++i) {
    results[i].obligation = ts_.obligations[i].obligation;
    results[i].engine = engine;
  }
  return results;
}

void Bmc::assert_transition(int k) {
  solver_->assert_term(unroller_.at(ts_.trans, k));
}

Term Bmc::bad_at(const ObligationTerms& o, int k) {
  switch (o.kind) {
    case spec::ObligationKind::Invariant:
      return unroller_.at(o.bad_state, k);
    case spec::ObligationKind::Property:
      return k == 0 ? unroller_.at(o.bad_initial, 0) : unroller_.at(o.bad_step, k - 1);
    case spec::ObligationKind::Assert:
      return unroller_.at(o.bad_error, k);
  }
  return ts_.terms->mk_false();
}

bool Bmc::exhausted_at(int k) {
  smt::TermManager& tm = *ts_.terms;
  if (paths_ == nullptr) {
    paths_ = open_solver(options_, ts_, "paths");
    paths_->assert_term(unroller_.at(ts_.init, 0));
  }
  paths_->assert_term(unroller_.at(ts_.trans, k - 1));
  for (int j = 0; j < k; ++j) {
    std::vector<Term> differs;
    for (std::size_t i = 0; i < ts_.state.size(); ++i) {
      differs.push_back(tm.mk_not(tm.mk_eq(unroller_.state_at(i, j), unroller_.state_at(i, k))));
    }
    paths_->assert_term(tm.mk_or(differs));
  }
  if (deadline_.passed()) {
    return false;
  }
  return paths_->check(deadline_.remaining()) == backend::SatResult::Unsat;
}

/// After Sat: the counterexample, replayed. False (an internal error) if it
/// is not a behaviour that violates the obligation.
bool Bmc::replay_into(const ObligationTerms& o, int k, ObligationResult& result) {
  bool error_step = o.kind == spec::ObligationKind::Assert;
  RawTrace raw = read_trace(*solver_, unroller_, ts_, error_step ? k + 1 : k);
  TraceChecker::Replay replay = TraceChecker(semantics_).replay_violation(raw, o.obligation);
  if (!replay.ok) {
    result.verdict = Verdict::Unknown;
    result.internal_error = true;
    result.reason = "internal error: the " + solver_->name() +
                    " counterexample did not replay: " + replay.problem;
    return false;
  }
  result.verdict = Verdict::Violated;
  result.depth = replay.trace.length();
  result.failure = replay.failure;
  result.trace = std::move(replay.trace);
  return true;
}

void Bmc::give_up(int k, std::vector<ObligationResult>& results, std::vector<bool>& open) {
  for (std::size_t i = 0; i < results.size(); ++i) {
    if (open[i]) {
      results[i].verdict = Verdict::Unknown;
      results[i].reason =
          deadline_.why() + " (no violation within " + std::to_string(k) + " steps)";
      results[i].depth = k;
      open[i] = false;
    }
  }
}

void Bmc::check_position(int k, int bound, std::vector<ObligationResult>& results,
                         std::vector<bool>& open) {
  // Checked here too, not only before a query: positions whose obligations
  // are all trivially false would otherwise unroll on past a deadline.
  if (deadline_.passed()) {
    return give_up(k, results, open);
  }
  for (std::size_t i = 0; i < ts_.obligations.size(); ++i) {
    const ObligationTerms& o = ts_.obligations[i];
    // A failing step from position `bound` would be longer than the bound.
    if (!open[i] || (o.kind == spec::ObligationKind::Assert && k >= bound)) {
      continue;
    }
    Term bad = bad_at(o, k);
    if (bad == ts_.terms->mk_false()) {
      continue;
    }
    if (deadline_.passed()) {
      return give_up(k, results, open);
    }
    solver_->push();
    solver_->assert_term(bad);
    backend::SatResult r = solver_->check(deadline_.remaining());
    if (r == backend::SatResult::Sat) {
      replay_into(o, k, results[i]);
      open[i] = false;
    } else if (r == backend::SatResult::Unknown) {
      results[i].verdict = Verdict::Unknown;
      results[i].depth = k;
      results[i].reason = solver_->name() + " gave up: " + solver_->reason_unknown();
      open[i] = false;
    }
    solver_->pop();
  }
}

void Bmc::prove_all_open(int k, std::vector<ObligationResult>& results, std::vector<bool>& open) {
  for (std::size_t i = 0; i < results.size(); ++i) {
    if (open[i]) {
      results[i].verdict = Verdict::Proved;
      results[i].depth = k;
      results[i].reason = "every reachable state is within " + std::to_string(k - 1) +
                          " steps, and no position up to " + std::to_string(k) + " violates it";
      open[i] = false;
    }
  }
}

std::vector<ObligationResult> Bmc::check_until(int bound) {
  return check_until(bound, std::vector<bool>(ts_.obligations.size(), true));
}

std::vector<ObligationResult> Bmc::check_until(int bound, const std::vector<bool>& wanted) {
  double start = now_seconds();
  std::vector<ObligationResult> results = fresh_results(engine_label(EngineKind::Bmc, options_));
  std::vector<bool> open = wanted;
  for (int k = 0; k <= bound && any_open(open); ++k) {
    report_progress(options_.limits.progress, engine_label(EngineKind::Bmc, options_),
                    "depth " + std::to_string(k) + " of " + std::to_string(bound));
    check_position(k, bound, results, open);
    // Positions 0..k are clean. If no loop-free path has k steps, every
    // reachable state lies within k-1 steps of an initial one, and every
    // step out of such a state ends at a position already checked.
    if (any_open(open) && k > 0 && exhausted_at(k)) {
      prove_all_open(k, results, open);
    }
    if (k < bound) {
      assert_transition(k);
    }
  }
  for (std::size_t i = 0; i < results.size(); ++i) {
    if (open[i]) {
      results[i].verdict = Verdict::Bounded;
      results[i].depth = bound;
      results[i].reason = "no violation within " + std::to_string(bound) + " steps";
    }
    results[i].seconds = now_seconds() - start;
  }
  return results;
}

std::vector<Bmc::Witness> Bmc::cover(const std::vector<Term>& goals, int bound,
                                     Term step_constraint) {
  std::vector<bool> covered(goals.size(), false);
  std::vector<Witness> witnesses;
  for (int k = 0; k < bound; ++k) {
    if (std::find(covered.begin(), covered.end(), false) == covered.end()) {
      break;
    }
    assert_transition(k);
    solver_->assert_term(unroller_.at(step_constraint, k));
    for (std::size_t g = 0; g < goals.size(); ++g) {
      if (covered[g]) {
        continue;
      }
      solver_->push();
      solver_->assert_term(unroller_.at(goals[g], k));
      if (solver_->check(deadline_.remaining()) == backend::SatResult::Sat) {
        Witness w{read_trace(*solver_, unroller_, ts_, k + 1), static_cast<int>(g), {}};
        for (std::size_t h = 0; h < goals.size(); ++h) {
          for (int j = 0; j <= k && !w.covers.count(static_cast<int>(h)); ++j) {
            if (solver_->value(unroller_.at(goals[h], j)) != 0) {
              w.covers.insert(static_cast<int>(h));
              covered[h] = true;
            }
          }
        }
        witnesses.push_back(std::move(w));
      }
      solver_->pop();
    }
  }
  return witnesses;
}

}  // namespace solver
