// SPDX-License-Identifier: GPL-2.0
#include "tools/irqspec/json_report.h"

#include "solver/trace_view.h"

namespace irqspec {
namespace {

using nlohmann::json;

/// Booleans as JSON booleans, integers as numbers, enum members as names.
json value_json(const solver::NamedValue& v) {
  if (v.type == nullptr) {
    return v.raw;
  }
  switch (v.type->kind) {
    case spec::TypeKind::Bool:
      return v.raw != 0;
    case spec::TypeKind::Int:
      return v.raw;
    default:
      return v.value;
  }
}

const char* outcome_json(Outcome o) {
  switch (o) {
    case Outcome::Met:
      return "met";
    case Outcome::Unmet:
      return "unmet";
    case Outcome::Inconclusive:
      return "inconclusive";
    case Outcome::InternalError:
      return "internal-error";
  }
  return "?";
}

}  // namespace

json json_trace(const spec::Model& model, const solver::Trace& trace) {
  solver::TraceView view = solver::describe(model, trace);
  json steps = json::array();
  for (const solver::StepViewText& s : view.steps) {
    json step;
    step["step"] = s.number;
    step["actor"] = s.actor;
    step["action"] = s.action;
    step["input"] = s.input;
    json args = json::object();
    for (const solver::NamedValue& a : s.args) {
      args[a.name] = value_json(a);
    }
    step["args"] = args;
    if (!s.choices.empty()) {
      json choices = json::array();
      for (const solver::NamedValue& c : s.choices) {
        choices.push_back(c.raw);
      }
      step["choices"] = choices;
    }
    step["result"] = s.result ? value_json(*s.result) : json(nullptr);
    json events = json::array();
    for (const solver::EventView& e : s.events) {
      json ev;
      ev["event"] = e.name;
      json eargs = json::object();
      for (const solver::NamedValue& a : e.args) {
        eargs[a.name] = value_json(a);
      }
      ev["args"] = eargs;
      events.push_back(ev);
    }
    step["events"] = events;
    json changes = json::object();
    for (const solver::Change& c : s.changes) {
      changes[c.slot] = json::array({value_json(c.before), value_json(c.after)});
    }
    step["changes"] = changes;
    if (s.failed) {
      step["failure"] = s.failure;
    }
    steps.push_back(step);
  }
  return steps;
}

json json_initial(const spec::Model& model, const solver::Trace& trace) {
  json initial = json::object();
  for (const solver::NamedValue& v : solver::describe(model, trace).initial) {
    initial[v.name] = value_json(v);
  }
  return initial;
}

json json_report(const VerificationRun& run) {
  json checks = json::array();
  for (const CheckReport& c : run.checks) {
    json check;
    check["file"] = c.file;
    check["model"] = c.model->name;
    check["check"] = c.check;
    json constants = json::object();
    for (const auto& [name, value] : c.model->constants) {
      constants[name] = value;
    }
    check["constants"] = constants;
    json props = json::array();
    for (const PropertyReport& p : c.properties) {
      json prop;
      prop["name"] = p.name;
      prop["kind"] = spec::to_string(p.kind);
      prop["verdict"] = solver::to_string(p.result.verdict);
      prop["expected"] = spec::to_string(p.expected);
      prop["met"] = p.outcome == Outcome::Met;
      prop["outcome"] = outcome_json(p.outcome);
      prop["depth"] = p.result.depth;
      prop["engine"] = p.result.engine;
      if (!p.result.certificate.empty()) {
        prop["certificate"] = p.result.certificate;
      }
      if (!p.result.invariant_text.empty()) {
        prop["invariant"] = p.result.invariant_text;
      }
      prop["seconds"] = p.result.seconds;
      if (p.result.states > 0) {
        prop["states"] = p.result.states;
      }
      if (!p.result.reason.empty()) {
        prop["reason"] = p.result.reason;
      }
      auto initial_of = [&](const solver::Trace& t) { return json_initial(*c.model, t); };
      if (p.result.step_counterexample) {
        // The state induction fails from (possibly unreachable), then the steps.
        prop["step_counterexample_initial"] = initial_of(*p.result.step_counterexample);
        prop["step_counterexample"] = json_trace(*c.model, *p.result.step_counterexample);
      }
      if (p.result.trace) {
        prop["initial"] = initial_of(*p.result.trace);
        prop["trace"] = json_trace(*c.model, *p.result.trace);
        prop["failure"] = p.result.failure;
      }
      props.push_back(prop);
    }
    check["properties"] = props;
    checks.push_back(check);
  }
  return {{"version", 1}, {"checks", checks}};
}

}  // namespace irqspec
