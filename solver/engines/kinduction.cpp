// SPDX-License-Identifier: GPL-2.0
#include "solver/engines/kinduction.h"

#include <algorithm>
#include <unordered_set>

#include "solver/progress.h"
#include "solver/smt/term_walk.h"
#include "solver/symmetry/relabelling.h"
#include "solver/trace_reader.h"

namespace solver {
namespace {

std::size_t term_count(const smt::TermManager& tm, Term root) {
  std::unordered_set<Term> seen;
  smt::post_order(
      tm, root, [&](Term t) { return seen.count(t) > 0; }, [&](Term t) { seen.insert(t); });
  return seen.size();
}

/// The ways `bad` can hold, each a query of its own: the negated conjuncts
/// of `!(a && b && ...)` (a `forall`'s instances), else `bad` itself.
/// (Splitting `a || b` too, the assertions' bad steps, measured no faster.)
std::vector<Term> violations(smt::TermManager& tm, Term bad) {
  const smt::Node& node = tm.node(bad);
  if (node.op == smt::Op::Not && tm.node(node.kids[0]).op == smt::Op::And) {
    std::vector<Term> kids = tm.node(node.kids[0]).kids;  // mk_not may grow the node table
    std::vector<Term> negated;
    for (Term kid : kids) {
      negated.push_back(tm.mk_not(kid));
    }
    return negated;
  }
  return {bad};
}

}  // namespace

KInduction::KInduction(const spec::Model& model, const TransitionSystem& ts,
                       const EngineOptions& options)
    : model_(model), ts_(ts), options_(options), base_(model, ts, options), unroller_(ts) {}

void KInduction::initialize() {
  base_.initialize();
  // With no actions there is nothing to split (frame 1 then holds the step).
  split_first_step_ =
      !ts_.actions.empty() && term_count(*ts_.terms, ts_.trans) >= options_.split_from_terms;
  // Monitors are updated from the step's inputs, which relabellings leave.
  if (split_first_step_ && options_.symmetry &&
      ts_.state.size() == static_cast<std::size_t>(ts_.model_slots)) {
    classes_ = find_symmetry_classes(model_);
  }
  if (split_first_step_) {
    for (std::size_t a = 0; a < ts_.actions.size(); ++a) {
      cases_.push_back(action_transition(ts_, a));
    }
  }
  if (cases_.empty()) {
    cases_.push_back(ts_.terms->mk_true());  // the frame holds the step
  }
  step_ = open_solver(options_, ts_, "step");
  add_step_frame(0);
}

// Frame k adds state k and the step into it, except a first step that is
// split: the queries at depth 1 assert it themselves, one action's at a time
// (see step_cases); it is asserted for good with frame 2.
void KInduction::add_step_frame(int k) {
  smt::TermManager& tm = *ts_.terms;
  if (k == 0) {
    step_->assert_term(unroller_.at(ts_.domain, 0));
    return;
  }
  for (; permanent_steps_ < (k == 1 && split_first_step_ ? 0 : k); ++permanent_steps_) {
    step_->assert_term(unroller_.at(ts_.trans, permanent_steps_));
  }
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

Term KInduction::bad_in_step(const ObligationTerms& o, int n) {
  switch (o.kind) {
    case spec::ObligationKind::Invariant:
      return unroller_.at(o.bad_state, n);
    case spec::ObligationKind::Property:
      return unroller_.at(o.bad_step, n - 1);
    case spec::ObligationKind::Assert:
      return unroller_.at(o.bad_error, n);
  }
  return ts_.terms->mk_false();
}

// Invariants already proved hold in every reachable state, so the step case
// may assume them anywhere.
void KInduction::assume_proved_invariants(const Run& run, int last) {
  for (std::size_t j = 0; j < ts_.obligations.size(); ++j) {
    if (run.results[j].verdict == Verdict::Proved &&
        ts_.obligations[j].kind == spec::ObligationKind::Invariant) {
      for (int p = 0; p <= last; ++p) {
        step_->assert_term(ts_.terms->mk_not(unroller_.at(ts_.obligations[j].bad_state, p)));
      }
    }
  }
}

void KInduction::prove(Run& run, std::size_t i, int n) {
  run.results[i].verdict = Verdict::Proved;
  run.results[i].depth = n;
  run.open[i] = false;
  run.step_cex[i].reset();
}

// Which of `candidates` hold at n after every step the assumptions allow:
// true, false (a counterexample is kept) or nullopt when a query ends
// unknown (a timeout). Asked action by action (see step_cases), each
// action's step once for all the candidates still holding.
std::vector<std::optional<bool>> KInduction::inductive(Run& run,
                                                       const std::vector<std::size_t>& candidates,
                                                       int n) {
  std::vector<std::optional<bool>> holds(candidates.size(), true);
  std::vector<Term> cases = step_cases(n);
  for (std::size_t c = 0; c < cases.size(); ++c) {
    step_->push();
    step_->assert_term(unroller_.at(cases[c], n - 1));
    InstanceOrbits orbits = symmetric_instances(candidates, n, c);
    for (std::size_t k = 0; k < candidates.size(); ++k) {
      if (holds[k] != true) {
        continue;
      }
      if (base_.deadline().passed()) {
        holds[k] = std::nullopt;  // the base case reports the timeout
        continue;
      }
      holds[k] = holds_after_step(run, candidates[k], n, orbits);
    }
    step_->pop();
  }
  return holds;
}

// One candidate after the asserted step: its bad states asked instance by
// instance when it is a conjunction (a `forall` over the model's ranges),
// the first instance that can fail giving the counterexample; an instance
// in the orbit of one already refuted is not asked again. One query per
// instance is easier for the solver than one for their disjunction: the
// irqbypass scaling check at N = 8 took 9.86 s whole, 5.54 s split, and the
// library's deeper inductions no longer (bench/RESULTS.md).
std::optional<bool> KInduction::holds_after_step(Run& run, std::size_t candidate, int n,
                                                 InstanceOrbits& orbits) {
  for (Term instance : violations(*ts_.terms, bad_in_step(ts_.obligations[candidate], n))) {
    if (orbits.known_unsat(instance)) {
      continue;
    }
    step_->push();
    step_->assert_term(instance);
    backend::SatResult r = step_->check(base_.deadline().remaining());
    if (r == backend::SatResult::Sat) {
      run.step_cex[candidate] = read_states(*step_, unroller_, ts_, n);
    }
    step_->pop();
    if (r != backend::SatResult::Unsat) {
      return r == backend::SatResult::Sat ? std::optional<bool>(false) : std::nullopt;
    }
    orbits.mark_unsat(instance);
  }
  return true;
}

// The orbits of the candidates' instances under the relabellings of the
// model's symmetry classes that map everything asserted in the step
// solver onto itself (step case `c` of depth 1, which is one action's step;
// deeper or unsplit steps share their parameters between actions of
// different classes, so none is tried there). A relabelling is kept when
// its moved conjuncts are none or follow from the assertions; the
// irqbypass producers' and consumers' do because tokens_distinct makes the
// first-match loops of register() pick the only match.
// The orbits of the open invariants' instances under the relabellings of
// the model's symmetry classes (solver/symmetry/) that are symmetries of
// step case `c` of depth 1: one action's step, symmetric by the scalarset
// argument when no loop of the action over the class depends on the order
// it visits the values in. For irqbypass it does not because the lemma
// tokens_distinct, assumed here, leaves register()'s first-match loops one
// match each. (Deeper or unsplit steps share parameter inputs between
// actions; properties and monitors mention the step's inputs, which the
// relabellings do not map: none is tried there.)
InstanceOrbits KInduction::symmetric_instances(const std::vector<std::size_t>& candidates, int n,
                                               std::size_t c) {
  InstanceOrbits orbits;
  if (classes_.empty() || n != 1 || !split_first_step_) {
    return orbits;
  }
  std::vector<Term> instances;
  for (std::size_t i : candidates) {
    if (ts_.obligations[i].kind == spec::ObligationKind::Invariant) {
      for (Term instance : violations(*ts_.terms, bad_in_step(ts_.obligations[i], n))) {
        instances.push_back(instance);
      }
    }
  }
  for (const SymmetryClass& k : classes_) {
    if (!instances.empty() && loops_unordered(k, c)) {
      for (Relabelling& sigma : generators(model_, ts_, unroller_, k, n)) {
        orbits.add(sigma, instances);
      }
    }
  }
  return orbits;
}

// Whether action `c`'s loops over class `k` visit it in an order that cannot
// matter, under what the step solver assumes (ClassLoop).
bool KInduction::loops_unordered(const SymmetryClass& k, std::size_t c) {
  smt::TermManager& tm = *ts_.terms;
  std::vector<Term> order_matters;
  for (const ClassLoop& loop : k.loops) {
    if (loop.action != static_cast<int>(c)) {
      continue;
    }
    if (!loop.body_exits) {
      return false;
    }
    for (const LoopOrder& order : ts_.actions[c].loops) {
      if (order.loop == loop.loop) {
        order_matters.push_back(unroller_.at(order.where_fails, 0));
        if (loop.uses_value) {
          order_matters.push_back(unroller_.at(order.several_match, 0));
        }
      }
    }
  }
  Term matters = tm.mk_or(order_matters);
  if (matters == tm.mk_false()) {
    return true;
  }
  step_->push();
  step_->assert_term(matters);
  backend::SatResult r = step_->check(base_.deadline().remaining());
  step_->pop();
  return r == backend::SatResult::Unsat;
}

// The step into depth n that a query asserts. Depth 1 of a large step
// (EngineOptions::split_from_terms), case by case: one action's transition each (the
// transition requires one action to be selected, and a query holds only
// that action's step; initialize makes them). Otherwise, and deeper, none
// (`true`): frame n holds
// the step, and what the solver learned about it stays — split there, each
// action's step in a scope of its own, relearnt per scope, made the library's
// deeper inductions 10-100 times slower (bench/RESULTS.md). (Asking about
// the state after the step through the action's values substituted into the
// candidates made the queries slower: those terms are large.)
std::vector<Term> KInduction::step_cases(int n) const {
  return n == 1 ? cases_ : std::vector<Term>{ts_.terms->mk_true()};
}

// Open invariants are proved together, as in Houdini: the candidates are
// assumed at positions 0..n-1, and each must hold at n. One that fails
// leaves the set and the rest are tried again, until the set is inductive as
// a whole (a shortest path to the first violation of any candidate would
// otherwise be a model of one of these queries).
void KInduction::prove_invariants(Run& run, int n) {
  std::vector<std::size_t> candidates;
  for (std::size_t i = 0; i < ts_.obligations.size(); ++i) {
    if (run.open[i] && ts_.obligations[i].kind == spec::ObligationKind::Invariant) {
      candidates.push_back(i);
    }
  }
  while (!candidates.empty() && !base_.deadline().passed()) {
    step_->push();
    assume_proved_invariants(run, n);
    for (std::size_t j : candidates) {
      for (int p = 0; p < n; ++p) {
        step_->assert_term(ts_.terms->mk_not(unroller_.at(ts_.obligations[j].bad_state, p)));
      }
    }
    std::vector<std::optional<bool>> holds = inductive(run, candidates, n);
    std::vector<std::size_t> holding;
    bool decided = true;
    for (std::size_t k = 0; k < candidates.size(); ++k) {
      decided = decided && holds[k].has_value();  // else the base case reports the timeout
      if (holds[k] == true) {
        holding.push_back(candidates[k]);
      }
    }
    step_->pop();
    if (!decided) {
      return;
    }
    if (holding.size() == candidates.size()) {
      for (std::size_t i : candidates) {
        prove(run, i, n);
      }
      return;
    }
    candidates = std::move(holding);
  }
}

// Properties and assertions, each assuming its own past and every proved
// invariant.
void KInduction::prove_properties(Run& run, int n) {
  for (std::size_t i = 0; i < ts_.obligations.size() && !base_.deadline().passed(); ++i) {
    const ObligationTerms& o = ts_.obligations[i];
    if (!run.open[i] || o.kind == spec::ObligationKind::Invariant) {
      continue;
    }
    step_->push();
    assume_proved_invariants(run, n);
    if (o.kind == spec::ObligationKind::Property) {
      for (int p = 1; p < n; ++p) {
        step_->assert_term(ts_.terms->mk_not(unroller_.at(o.bad_step, p - 1)));
      }
    }
    if (inductive(run, {i}, n)[0] == true) {
      prove(run, i, n);
    }
    step_->pop();
  }
}

std::vector<ObligationResult> KInduction::check_until(int bound) {
  double start = now_seconds();
  Run run{base_.fresh_results(engine_label(EngineKind::KInduction, options_)),
          std::vector<bool>(ts_.obligations.size(), true),
          std::vector<std::optional<Trace>>(ts_.obligations.size())};
  for (int k = 0; k <= bound; ++k) {
    report_progress(options_.limits.progress, engine_label(EngineKind::KInduction, options_),
                    "depth " + std::to_string(k) + " of " + std::to_string(bound));
    base_.check_position(k, bound, run.results, run.open);
    if (!any_open(run.open) || k == bound) {
      break;
    }
    // Positions 0..k hold; try to prove every later position by induction.
    add_step_frame(k + 1);
    prove_invariants(run, k + 1);
    prove_properties(run, k + 1);
    if (!any_open(run.open)) {
      break;
    }
    base_.assert_transition(k);
  }
  for (std::size_t i = 0; i < run.results.size(); ++i) {
    ObligationResult& r = run.results[i];
    if (run.open[i]) {
      r.verdict = Verdict::Bounded;
      r.depth = bound;
      r.reason = "no violation within " + std::to_string(bound) + " steps, and not " +
                 std::to_string(bound) + "-inductive";
      r.step_counterexample = std::move(run.step_cex[i]);
    }
    r.seconds = now_seconds() - start;
  }
  return run.results;
}

}  // namespace solver
