// SPDX-License-Identifier: GPL-2.0
#pragma once

// Reading a behaviour out of a solver's satisfying assignment of an unrolled
// query: the one place that knows how states, actions, parameters and
// choices are laid out in the unrolling.

#include "solver/backend/backend.h"
#include "solver/trace.h"
#include "solver/transition_system.h"
#include "solver/unroller.h"

namespace solver {

/// The initial state and the inputs of `steps` steps (with the values of
/// the `choose` statements each step executed). Replay it with the
/// TraceChecker to get the rest.
RawTrace read_trace(backend::Backend& solver, Unroller& unroller, const TransitionSystem& ts,
                    int steps);

/// The same, with every state of the assignment as the solver has it: a
/// k-induction step counterexample starts in a state that need not be
/// reachable, so it cannot be replayed and its states are what it shows.
Trace read_states(backend::Backend& solver, Unroller& unroller, const TransitionSystem& ts,
                  int steps);

}  // namespace solver
