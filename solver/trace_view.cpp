// SPDX-License-Identifier: GPL-2.0
#include "solver/trace_view.h"

namespace solver {

namespace {

NamedValue named(const spec::Model& m, const std::string& name, const spec::Type* t, Value v) {
  return {name, m.format(t, v), t, v};
}

std::string join_args(const std::vector<NamedValue>& args) {
  std::string out;
  for (std::size_t i = 0; i < args.size(); ++i) {
    out += (i ? ", " : "") + args[i].name + "=" + args[i].value;
  }
  return out;
}

}  // namespace

std::string EventView::text() const {
  return name + "(" + join_args(args) + ")";
}

std::string StepViewText::call() const {
  return actor + "." + action + "(" + join_args(args) + ")";
}

std::string call_text(const spec::Model& m, const std::string& name,
                      const std::vector<spec::Param>& params, const std::vector<Value>& values) {
  std::vector<NamedValue> args;
  for (std::size_t p = 0; p < params.size(); ++p) {
    args.push_back(named(m, params[p].name, params[p].type, values[p]));
  }
  return name + "(" + join_args(args) + ")";
}

TraceView describe(const spec::Model& m, const Trace& trace) {
  TraceView view;
  for (int s = 0; s < m.slot_count(); ++s) {
    view.initial.push_back(named(m, m.slots[s].name, m.slots[s].type, trace.initial[s]));
  }
  const std::vector<Value>* before = &trace.initial;
  for (std::size_t i = 0; i < trace.steps.size(); ++i) {
    const TraceStep& step = trace.steps[i];
    const spec::Action& a = m.actions[step.input.action];
    StepViewText sv;
    sv.number = static_cast<int>(i) + 1;
    sv.actor = a.actor;
    sv.action = a.name;
    sv.input = a.input;
    for (std::size_t p = 0; p < a.params.size(); ++p) {
      sv.args.push_back(named(m, a.params[p].name, a.params[p].type, step.input.params[p]));
    }
    for (std::size_t c = 0; c < step.input.choices.size(); ++c) {
      sv.choices.push_back({"#" + std::to_string(c + 1), std::to_string(step.input.choices[c]),
                            nullptr, step.input.choices[c]});
    }
    if (step.result && a.result) {
      sv.result = named(m, "result", a.result, *step.result);
    }
    for (const EventOccurrence& occ : step.events) {
      const spec::Event& ev = m.events[occ.event];
      EventView e;
      e.name = ev.name;
      for (std::size_t p = 0; p < ev.params.size(); ++p) {
        e.args.push_back(named(m, ev.params[p].name, ev.params[p].type, occ.args[p]));
      }
      sv.events.push_back(std::move(e));
    }
    if (!step.failed) {
      for (int s = 0; s < m.slot_count(); ++s) {
        if ((*before)[s] != step.state[s]) {
          sv.changes.push_back({m.slots[s].name,
                                named(m, m.slots[s].name, m.slots[s].type, (*before)[s]),
                                named(m, m.slots[s].name, m.slots[s].type, step.state[s])});
        }
      }
      before = &step.state;
    }
    sv.failed = step.failed;
    sv.failure = step.failure;
    view.steps.push_back(std::move(sv));
  }
  return view;
}

}  // namespace solver
