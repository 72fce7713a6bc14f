// SPDX-License-Identifier: GPL-2.0
#pragma once

// A model lowered to a symbolic transition system: state variables (one per
// scalar slot, plus the monitors of the properties being checked), per-step
// inputs, and terms over them. `X` are the current-state variables, `X'` the
// next-state ones, `I` the inputs of the step from X to X'.

#include <memory>
#include <unordered_map>
#include <vector>

#include "solver/smt/term.h"
#include "spec/model.h"

namespace solver {

using smt::Term;

/// Where each `choose` of an action went in a step, for trace extraction.
struct ChooseOccurrence {
  Term executed;  // over X, I
  Term value;     // an input variable
};

/// What makes a `for` loop of an action depend on the order it visits its
/// domain in (solver/symmetry/): over X, I, at any of the loop's entries
/// (a nested loop is entered once per outer iteration).
struct LoopOrder {
  const spec::Stmt* loop = nullptr;
  Term several_match = 0;  // two values satisfy `where` in the state the loop starts in
  Term where_fails = 0;    // `where` fails (a runtime error) for a value there
};

struct ActionInputs {
  std::vector<Term> params;               // input variables, one per parameter
  std::vector<ChooseOccurrence> choices;  // in execution order
  Term selected = 0;                      // the step is this action (over I)
  Term enabled = 0;                       // its guard holds (over X, and I for its parameters)
  Term complete = 0;                      // ... and it runs to the end without error (over X, I)
  Term result = 0;                        // its result (over X, I), if it has a result type
  std::vector<LoopOrder> loops;           // its `for` loops, in body order
};

/// A place in an action body a test should exercise: an `if` branch, a
/// `return`, an `emit`, an `assert`, a loop body. `executed` is over X, I and
/// holds when a complete step of the action goes through it.
struct CoverageSite {
  int action = -1;
  std::string what;  // "if (...) taken", "return EBUSY", "emit prod_stop(p)"
  spec::SourceLoc loc;
  Term executed = 0;
};

/// How an obligation is violated.
struct ObligationTerms {
  int obligation = -1;
  spec::ObligationKind kind = spec::ObligationKind::Invariant;
  Term bad_state = 0;    // invariants: over X
  Term bad_initial = 0;  // properties: at position 0, over X
  Term bad_step = 0;     // properties: the position after a step, over X, I, X'
  Term bad_error = 0;    // assertions: a step from X with inputs I fails, over X, I
};

/// A `cover` of the model: a complete step of `action` from a state and with
/// parameters satisfying its condition (over X, I).
struct CoverTerms {
  int cover = -1;
  int action = -1;
  Term condition = 0;
};

struct TransitionSystem {
  std::shared_ptr<smt::TermManager> terms;
  int bv_width = 2;
  std::vector<Term> state;  // X: model slots first, then monitors
  std::vector<Term> next;   // X'
  std::vector<Term> inputs;
  int model_slots = 0;
  Term init = 0;    // over X
  Term domain = 0;  // over X: every slot inside its type
  Term trans = 0;   // over X, I, X' (a complete, error-free step; includes domain of X')
  Term action = 0;  // the input selecting the action
  std::vector<ActionInputs> actions;
  std::vector<ObligationTerms> obligations;  // in the order they were requested
  std::vector<CoverageSite> coverage;        // every site of every action body
  std::vector<CoverTerms> covers;
};

/// What an engine must show unreachable for obligation `i`: a state (over
/// X, or X and I for an assertion), or a step (`uses_step`: with trans).
/// A property's position 0 (bad_initial) is apart: engines check it first.
struct BadCondition {
  Term condition = 0;
  bool uses_step = false;
};
inline BadCondition bad_condition(const TransitionSystem& ts, std::size_t i) {
  const ObligationTerms& o = ts.obligations[i];
  switch (o.kind) {
    case spec::ObligationKind::Invariant:
      return {o.bad_state, false};
    case spec::ObligationKind::Property:
      return {o.bad_step, true};
    case spec::ObligationKind::Assert:
      return {o.bad_error, false};
  }
  return {ts.terms->mk_false(), false};
}

/// `trans` with action `a` selected: the selector a constant, which the term
/// manager folds, leaving only that action's step (over X, I, X'). The
/// selector's equation stays: what else reads it (a property's `did a`)
/// must see the same action.
inline Term action_transition(const TransitionSystem& ts, std::size_t a) {
  smt::TermManager& tm = *ts.terms;
  std::unordered_map<Term, Term> memo;
  Term selector = tm.mk_bv(static_cast<std::int64_t>(a), tm.width(ts.action));
  return tm.mk_and(tm.mk_eq(ts.action, selector),
                   tm.substitute(ts.trans, {{ts.action, selector}}, memo));
}

}  // namespace solver
