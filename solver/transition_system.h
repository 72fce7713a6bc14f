// SPDX-License-Identifier: GPL-2.0
#pragma once

// A model lowered to a symbolic transition system: state variables (one per
// scalar slot, plus the monitors of the properties being checked), per-step
// inputs, and terms over them. `X` are the current-state variables, `X'` the
// next-state ones, `I` the inputs of the step from X to X'.

#include <memory>
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

struct ActionInputs {
  std::vector<Term> params;            // input variables, one per parameter
  std::vector<ChooseOccurrence> choices;  // in execution order
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

struct TransitionSystem {
  std::shared_ptr<smt::TermManager> terms;
  int bv_width = 2;
  std::vector<Term> state;  // X: model slots first, then monitors
  std::vector<Term> next;   // X'
  std::vector<Term> inputs;
  int model_slots = 0;
  Term init = 0;   // over X
  Term domain = 0;  // over X: every slot inside its type
  Term trans = 0;  // over X, I, X' (a complete, error-free step; includes domain of X')
  Term action = 0;  // the input selecting the action
  std::vector<ActionInputs> actions;
  std::vector<ObligationTerms> obligations;  // in the order they were requested
};

}  // namespace solver
