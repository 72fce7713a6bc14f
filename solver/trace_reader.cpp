// SPDX-License-Identifier: GPL-2.0
#include "solver/trace_reader.h"

namespace solver {
namespace {

std::vector<Value> state_values(backend::Backend& solver, Unroller& unroller,
                                const TransitionSystem& ts, int k) {
  std::vector<Value> state;
  for (int i = 0; i < ts.model_slots; ++i) {
    state.push_back(solver.value(unroller.state_at(i, k)));
  }
  return state;
}

StepInput step_input(backend::Backend& solver, Unroller& unroller, const TransitionSystem& ts,
                     int k) {
  StepInput in;
  in.action = static_cast<int>(solver.value(unroller.at(ts.action, k)));
  if (in.action < 0 || in.action >= static_cast<int>(ts.actions.size())) {
    return in;  // a replay rejects it
  }
  const ActionInputs& a = ts.actions[in.action];
  for (Term p : a.params) {
    in.params.push_back(solver.value(unroller.at(p, k)));
  }
  for (const ChooseOccurrence& c : a.choices) {
    if (solver.value(unroller.at(c.executed, k)) != 0) {
      in.choices.push_back(solver.value(unroller.at(c.value, k)));
    }
  }
  return in;
}

}  // namespace

RawTrace read_trace(backend::Backend& solver, Unroller& unroller, const TransitionSystem& ts,
                    int steps) {
  RawTrace raw;
  raw.initial = state_values(solver, unroller, ts, 0);
  for (int k = 0; k < steps; ++k) {
    raw.steps.push_back(step_input(solver, unroller, ts, k));
  }
  return raw;
}

Trace read_states(backend::Backend& solver, Unroller& unroller, const TransitionSystem& ts,
                  int steps) {
  Trace t;
  t.initial = state_values(solver, unroller, ts, 0);
  for (int k = 0; k < steps; ++k) {
    TraceStep step;
    step.input = step_input(solver, unroller, ts, k);
    if (step.input.action < 0 || step.input.action >= static_cast<int>(ts.actions.size())) {
      step.input = StepInput{0, {}, {}};
    }
    step.state = state_values(solver, unroller, ts, k + 1);
    t.steps.push_back(std::move(step));
  }
  return t;
}

}  // namespace solver
