// SPDX-License-Identifier: GPL-2.0
#include "solver/trace_checker.h"

namespace solver {

bool TraceChecker::valid_initial(const std::vector<Value>& initial, std::string& problem) const {
  const spec::Model& m = semantics_.model();
  if (static_cast<int>(initial.size()) != m.slot_count()) {
    problem = "the initial state has the wrong number of slots";
    return false;
  }
  for (int s = 0; s < m.slot_count(); ++s) {
    if (initial[s] < m.slots[s].type->lo || initial[s] > m.slots[s].type->hi) {
      problem = "initial value of " + m.slots[s].name + " is outside its type";
      return false;
    }
  }
  bool found = false;
  // The initial state must be one the semantics enumerates: initialisers
  // plus `init` constraints. Enumeration stops as soon as it is seen.
  semantics_.initial_states(
      [&](const std::vector<Value>& s) {
        if (s == initial) {
          found = true;
          return false;
        }
        return true;
      },
      [](const std::vector<Value>&, const RuntimeError&) {});
  if (!found) {
    problem = "the initial state violates an initializer or an init constraint";
  }
  return found;
}

TraceChecker::Replay TraceChecker::replay(const RawTrace& raw) const {
  Replay r;
  if (!valid_initial(raw.initial, r.problem)) {
    return r;
  }
  r.trace.initial = raw.initial;
  std::vector<Value> state = raw.initial;
  for (std::size_t i = 0; i < raw.steps.size(); ++i) {
    auto out = semantics_.replay_step(raw.steps[i], state.data());
    if (!out) {
      r.problem = "step " + std::to_string(i + 1) + " is not enabled or its choices are invalid";
      return r;
    }
    TraceStep step;
    step.input = raw.steps[i];
    step.input.choices = out->choices;
    step.result = out->result;
    step.events = out->events;
    step.state = out->post;
    if (out->status == StepOutcome::Status::Error) {
      step.failed = true;
      step.failure = out->error.message;
      step.failure_loc = out->error.loc;
      if (i + 1 != raw.steps.size()) {
        r.problem = "step " + std::to_string(i + 1) + " fails but is not the last step";
        return r;
      }
    }
    state = out->post;
    r.trace.steps.push_back(std::move(step));
  }
  r.ok = true;
  return r;
}

TraceChecker::Replay TraceChecker::replay_violation(const RawTrace& raw, int obligation) const {
  Replay r = replay(raw);
  if (!r.ok) {
    return r;
  }
  const spec::Model& m = semantics_.model();
  const spec::Obligation& o = m.obligations[obligation];
  r.ok = false;
  const TraceStep* last = r.trace.steps.empty() ? nullptr : &r.trace.steps.back();
  if (last != nullptr && last->failed) {
    // Only an assertion obligation is violated by a failing step; the
    // runtime obligation also covers errors in guards.
    auto out = semantics_.replay_step(
        last->input, r.trace.steps.size() > 1 ? r.trace.steps[r.trace.steps.size() - 2].state.data()
                                              : r.trace.initial.data());
    if (out && out->status == StepOutcome::Status::Error && out->error.obligation == obligation) {
      r.ok = true;
      r.failure = last->failure;
    } else {
      r.problem = "the last step fails, but not for '" + o.name + "'";
    }
    return r;
  }
  const std::vector<Value>& final_state = last ? last->state : r.trace.initial;
  RuntimeError error;
  if (o.kind == spec::ObligationKind::Invariant) {
    auto holds = semantics_.invariant(obligation, final_state.data(), error);
    if (!holds) {
      r.ok = true;
      r.failure = "evaluating the invariant failed: " + error.message;
    } else if (!*holds) {
      r.ok = true;
      r.failure = "invariant " + o.name + " is false";
    } else {
      r.problem = "the invariant holds at the end of the trace";
    }
    return r;
  }
  if (o.kind == spec::ObligationKind::Property) {
    std::vector<Value> old_m(o.monitors.size()), new_m(o.monitors.size());
    std::optional<bool> holds;
    for (std::size_t pos = 0; pos <= r.trace.steps.size(); ++pos) {
      const std::vector<Value>& s = pos == 0 ? r.trace.initial : r.trace.steps[pos - 1].state;
      StepView view;
      const StepView* vp = nullptr;
      if (pos > 0) {
        view.input = &r.trace.steps[pos - 1].input;
        view.events = &r.trace.steps[pos - 1].events;
        view.result = r.trace.steps[pos - 1].result;
        vp = &view;
      }
      holds = semantics_.property(obligation, s.data(), vp, pos == 0 ? nullptr : old_m.data(),
                                  new_m.data(), error);
      if (!holds) {
        break;
      }
      old_m = new_m;
    }
    if (!holds) {
      r.ok = true;
      r.failure = "evaluating the property failed: " + error.message;
    } else if (!*holds) {
      r.ok = true;
      r.failure = "property " + o.name + " is false";
    } else {
      r.problem = "the property holds at the end of the trace";
    }
    return r;
  }
  r.problem = "no step fails, so assertion '" + o.name + "' is not violated";
  return r;
}

}  // namespace solver
