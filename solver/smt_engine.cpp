// SPDX-License-Identifier: GPL-2.0
#include "solver/smt_engine.h"

#include <chrono>

#include "solver/chc_engine.h"
#include "solver/trace_checker.h"

namespace solver {
namespace {

using Clock = std::chrono::steady_clock;

double now_seconds() {
  return std::chrono::duration<double>(Clock::now().time_since_epoch()).count();
}

std::unique_ptr<backend::Backend> open_backend(const SmtOptions& options,
                                               const TransitionSystem& ts,
                                               const std::string& role) {
  auto b = backend::make_backend(options.solver, ts.terms);
  if (b != nullptr && !options.dump_prefix.empty()) {
    b = backend::with_smtlib_log(std::move(b), ts.terms,
                                 options.dump_prefix + "-" + role + ".smt2");
  }
  return b;
}

const char* engine_name(const SmtOptions& o, bool kind) {
  static const std::string names[] = {"bmc/z3", "kind/z3", "bmc/cvc5", "kind/cvc5"};
  int i = (o.solver == "cvc5" ? 2 : 0) + (kind ? 1 : 0);
  return names[i].c_str();
}

}  // namespace

// ----------------------------------------------------------------------- BMC

Bmc::Bmc(const spec::Model& model, const TransitionSystem& ts, const SmtOptions& options)
    : model_(model), ts_(ts), options_(options), semantics_(model), unroller_(ts) {}

void Bmc::initialize() {
  solver_ = open_backend(options_, ts_, "bmc");
  if (solver_ == nullptr) {
    throw std::runtime_error("solver '" + options_.solver + "' is not in this build");
  }
  solver_->assert_term(unroller_.at(ts_.init, 0));
  deadline_ =
      options_.limits.timeout_seconds > 0 ? now_seconds() + options_.limits.timeout_seconds : 0;
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

RawTrace extract_trace(backend::Backend& solver, Unroller& unroller, const TransitionSystem& ts,
                       int steps) {
  RawTrace raw;
  for (int i = 0; i < ts.model_slots; ++i) {
    raw.initial.push_back(solver.value(unroller.state_at(i, 0)));
  }
  for (int j = 0; j < steps; ++j) {
    StepInput in;
    in.action = static_cast<int>(solver.value(unroller.at(ts.action, j)));
    if (in.action < 0 || in.action >= static_cast<int>(ts.actions.size())) {
      raw.steps.push_back(in);  // the replay will reject it
      continue;
    }
    const ActionInputs& a = ts.actions[in.action];
    for (Term p : a.params) {
      in.params.push_back(solver.value(unroller.at(p, j)));
    }
    for (const ChooseOccurrence& c : a.choices) {
      if (solver.value(unroller.at(c.executed, j)) != 0) {
        in.choices.push_back(solver.value(unroller.at(c.value, j)));
      }
    }
    raw.steps.push_back(std::move(in));
  }
  return raw;
}

RawTrace Bmc::extract(int steps) {
  return extract_trace(*solver_, unroller_, ts_, steps);
}

bool Bmc::exhausted_at(int k) {
  smt::TermManager& tm = *ts_.terms;
  if (paths_ == nullptr) {
    paths_ = open_backend(options_, ts_, "paths");
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
  double remaining = deadline_ > 0 ? deadline_ - now_seconds() : 0;
  if (deadline_ > 0 && remaining <= 0) {
    return false;
  }
  return paths_->check(remaining) == backend::SatResult::Unsat;
}

void Bmc::check_position(int k, int bound, std::vector<ObligationResult>& results,
                         std::vector<bool>& open) {
  TraceChecker checker(semantics_);
  for (std::size_t i = 0; i < ts_.obligations.size(); ++i) {
    if (!open[i]) {
      continue;
    }
    const ObligationTerms& o = ts_.obligations[i];
    bool error_step = o.kind == spec::ObligationKind::Assert;
    if (error_step && k >= bound) {
      continue;  // a failing step from position `bound` is longer than the bound
    }
    Term bad = bad_at(o, k);
    if (bad == ts_.terms->mk_false()) {
      continue;
    }
    double remaining = deadline_ > 0 ? deadline_ - now_seconds() : 0;
    if (deadline_ > 0 && remaining <= 0) {
      results[i].verdict = Verdict::Unknown;
      results[i].reason = "timeout after " + seconds_text(options_.limits.timeout_seconds) +
                          " (no violation within " + std::to_string(k) + " steps)";
      results[i].depth = k;
      open[i] = false;
      continue;
    }
    solver_->push();
    solver_->assert_term(bad);
    backend::SatResult r = solver_->check(remaining);
    if (r == backend::SatResult::Sat) {
      RawTrace raw = extract(error_step ? k + 1 : k);
      auto replay = checker.replay_violation(raw, o.obligation);
      if (replay.ok) {
        results[i].verdict = Verdict::Violated;
        results[i].depth = replay.trace.length();
        results[i].failure = replay.failure;
        results[i].trace = std::move(replay.trace);
      } else {
        results[i].verdict = Verdict::Unknown;
        results[i].internal_error = true;
        results[i].reason = "internal error: the " + solver_->name() +
                            " counterexample did not replay: " + replay.problem;
      }
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

std::vector<ObligationResult> Bmc::check_until(int bound) {
  return check_until(bound, std::vector<bool>(ts_.obligations.size(), true));
}

std::vector<ObligationResult> Bmc::check_until(int bound, const std::vector<bool>& wanted) {
  double start = now_seconds();
  std::vector<ObligationResult> results(ts_.obligations.size());
  std::vector<bool> open = wanted;
  for (std::size_t i = 0; i < results.size(); ++i) {
    results[i].obligation = ts_.obligations[i].obligation;
    results[i].engine = engine_name(options_, false);
  }
  for (int k = 0; k <= bound; ++k) {
    check_position(k, bound, results, open);
    if (std::find(open.begin(), open.end(), true) == open.end()) {
      break;
    }
    // Positions 0..k are clean. If no loop-free path has k steps, every
    // reachable state lies within k-1 steps of an initial one, and every
    // step out of such a state ends at a position already checked.
    if (k > 0 && exhausted_at(k)) {
      for (std::size_t i = 0; i < results.size(); ++i) {
        if (open[i]) {
          results[i].verdict = Verdict::Proved;
          results[i].depth = k;
          results[i].reason = "every reachable state is within " + std::to_string(k - 1) +
                              " steps, and no position up to " + std::to_string(k) + " violates it";
          open[i] = false;
        }
      }
      break;
    }
    if (k < bound) {
      solver_->assert_term(unroller_.at(ts_.trans, k));
      ++asserted_steps_;
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

// ---------------------------------------------------------------- k-induction

KInduction::KInduction(const spec::Model& model, const TransitionSystem& ts,
                       const SmtOptions& options)
    : model_(model), ts_(ts), options_(options), base_(model, ts, options), unroller_(ts) {}

void KInduction::initialize() {
  base_.initialize();
  step_ = open_backend(options_, ts_, "step");
  add_step_frame(0);
}

void KInduction::add_step_frame(int k) {
  smt::TermManager& tm = *ts_.terms;
  if (k == 0) {
    step_->assert_term(unroller_.at(ts_.domain, 0));
  } else {
    step_->assert_term(unroller_.at(ts_.trans, k - 1));
    // Simple path: the states before the last one are pairwise distinct. A
    // shortest violation never revisits a state before its final step, but
    // that step may return to an earlier state (a property that fails on a
    // self-loop), so the last state is left free. This keeps induction sound
    // and still complete on finite models.
    for (int j = 0; j < k - 1; ++j) {
      std::vector<Term> differs;
      for (std::size_t i = 0; i < ts_.state.size(); ++i) {
        differs.push_back(
            tm.mk_not(tm.mk_eq(unroller_.state_at(i, j), unroller_.state_at(i, k - 1))));
      }
      step_->assert_term(tm.mk_or(differs));
    }
  }
  step_frames_ = k + 1;
}

std::vector<ObligationResult> KInduction::check_until(int bound) {
  double start = now_seconds();
  smt::TermManager& tm = *ts_.terms;
  std::vector<ObligationResult> results(ts_.obligations.size());
  std::vector<bool> open(ts_.obligations.size(), true);
  std::vector<std::optional<Trace>> step_cex(ts_.obligations.size());
  for (std::size_t i = 0; i < results.size(); ++i) {
    results[i].obligation = ts_.obligations[i].obligation;
    results[i].engine = engine_name(options_, true);
  }
  auto bad_in_step = [&](const ObligationTerms& o, int k) -> Term {
    switch (o.kind) {
      case spec::ObligationKind::Invariant:
        return unroller_.at(o.bad_state, k);
      case spec::ObligationKind::Property:
        return unroller_.at(o.bad_step, k - 1);
      default:
        return unroller_.at(o.bad_error, k);
    }
  };
  for (int k = 0; k <= bound; ++k) {
    base_.check_position(k, bound, results, open);
    if (std::find(open.begin(), open.end(), true) == open.end() || k == bound) {
      break;
    }
    // Positions 0..k hold; try to prove every later position by induction.
    add_step_frame(k + 1);
    int n = k + 1;
    auto out_of_time = [&] { return base_.deadline_ > 0 && base_.deadline_ <= now_seconds(); };
    auto remaining = [&] { return base_.deadline_ > 0 ? base_.deadline_ - now_seconds() : 0; };
    auto keep_step_counterexample = [&](std::size_t i) {
      Trace t;
      for (int s = 0; s < ts_.model_slots; ++s) {
        t.initial.push_back(step_->value(unroller_.state_at(s, 0)));
      }
      for (int j = 0; j < n; ++j) {
        TraceStep step;
        step.input.action = static_cast<int>(step_->value(unroller_.at(ts_.action, j)));
        if (step.input.action >= 0 && step.input.action < static_cast<int>(ts_.actions.size())) {
          for (Term p : ts_.actions[step.input.action].params) {
            step.input.params.push_back(step_->value(unroller_.at(p, j)));
          }
        } else {
          step.input.action = 0;
        }
        for (int s = 0; s < ts_.model_slots; ++s) {
          step.state.push_back(step_->value(unroller_.state_at(s, j + 1)));
        }
        t.steps.push_back(std::move(step));
      }
      step_cex[i] = std::move(t);
    };
    // Invariants already proved hold in every reachable state, so the step
    // case may assume them anywhere.
    auto assume_proved_invariants = [&](int last) {
      for (std::size_t j = 0; j < ts_.obligations.size(); ++j) {
        if (results[j].verdict == Verdict::Proved &&
            ts_.obligations[j].kind == spec::ObligationKind::Invariant) {
          for (int p = 0; p <= last; ++p) {
            step_->assert_term(tm.mk_not(unroller_.at(ts_.obligations[j].bad_state, p)));
          }
        }
      }
    };

    // Open invariants are proved together, as in Houdini: the candidates
    // are assumed at positions 0..n-1, and each must hold at n. One that
    // fails leaves the set and the rest are tried again, until the set is
    // inductive as a whole (a shortest path to the first violation of any
    // candidate would otherwise be a model of one of these queries).
    std::vector<std::size_t> candidates;
    for (std::size_t i = 0; i < ts_.obligations.size(); ++i) {
      if (open[i] && ts_.obligations[i].kind == spec::ObligationKind::Invariant) {
        candidates.push_back(i);
      }
    }
    while (!candidates.empty() && !out_of_time()) {
      step_->push();
      assume_proved_invariants(n);
      for (std::size_t j : candidates) {
        for (int p = 0; p < n; ++p) {
          step_->assert_term(tm.mk_not(unroller_.at(ts_.obligations[j].bad_state, p)));
        }
      }
      std::vector<std::size_t> inductive;
      for (std::size_t i : candidates) {
        if (out_of_time()) {
          break;  // the base case reports the timeout
        }
        step_->push();
        step_->assert_term(bad_in_step(ts_.obligations[i], n));
        backend::SatResult r = step_->check(remaining());
        if (r == backend::SatResult::Unsat) {
          inductive.push_back(i);
        } else if (r == backend::SatResult::Sat) {
          keep_step_counterexample(i);
        }
        step_->pop();
      }
      step_->pop();
      if (inductive.size() == candidates.size()) {
        for (std::size_t i : candidates) {
          results[i].verdict = Verdict::Proved;
          results[i].depth = n;
          open[i] = false;
          step_cex[i].reset();
        }
        break;
      }
      candidates = std::move(inductive);
    }

    // Properties and assertions, each assuming its own past and every
    // proved invariant.
    for (std::size_t i = 0; i < ts_.obligations.size() && !out_of_time(); ++i) {
      const ObligationTerms& o = ts_.obligations[i];
      if (!open[i] || o.kind == spec::ObligationKind::Invariant) {
        continue;
      }
      step_->push();
      assume_proved_invariants(n);
      if (o.kind == spec::ObligationKind::Property) {
        for (int p = 1; p < n; ++p) {
          step_->assert_term(tm.mk_not(unroller_.at(o.bad_step, p - 1)));
        }
      }
      step_->assert_term(bad_in_step(o, n));
      backend::SatResult r = step_->check(remaining());
      if (r == backend::SatResult::Unsat) {
        results[i].verdict = Verdict::Proved;
        results[i].depth = n;
        open[i] = false;
        step_cex[i].reset();
      } else if (r == backend::SatResult::Sat) {
        keep_step_counterexample(i);
      }
      step_->pop();
    }
    if (std::find(open.begin(), open.end(), true) == open.end()) {
      break;
    }
    base_.solver_->assert_term(base_.unroller_.at(ts_.trans, k));
  }
  for (std::size_t i = 0; i < results.size(); ++i) {
    if (open[i]) {
      results[i].verdict = Verdict::Bounded;
      results[i].depth = bound;
      results[i].reason = "no violation within " + std::to_string(bound) + " steps, and not " +
                          std::to_string(bound) + "-inductive";
      results[i].step_counterexample = std::move(step_cex[i]);
    }
    results[i].seconds = now_seconds() - start;
  }
  return results;
}

std::unique_ptr<Engine> make_smt_engine(const std::string& kind, const spec::Model& model,
                                        const TransitionSystem& ts, const SmtOptions& options) {
  if (kind == "bmc") {
    return std::make_unique<Bmc>(model, ts, options);
  }
  if (kind == "chc") {
    return std::make_unique<ChcEngine>(model, ts, options);
  }
  if (kind == "auto") {
    return std::make_unique<PortfolioEngine>(model, ts, options);
  }
  return std::make_unique<KInduction>(model, ts, options);
}

}  // namespace solver
