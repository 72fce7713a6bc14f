// SPDX-License-Identifier: GPL-2.0
#include "tools/irqspec/recordings/irqspec_json.h"

#include "tools/irqspec/recordings/model_names.h"

namespace irqspec::recordings {
namespace {

using nlohmann::json;

/// Arguments by name, in the order of `params`; unnamed ones stay open.
std::vector<std::optional<spec::Value>> args_of(const spec::Model& model,
                                                const std::vector<spec::Param>& params,
                                                const json& args, const std::string& what) {
  std::vector<std::optional<spec::Value>> out(params.size());
  for (const auto& [name, value] : args.items()) {
    int i = param_index(params, name);
    if (i < 0) {
      throw RecordingError(what + " has no parameter '" + name + "'");
    }
    out[i] = value_of(model, params[i].type, value, what + ", " + name);
  }
  return out;
}

std::vector<solver::EventOccurrence> events_of(const spec::Model& model, const json& events,
                                               const std::string& where) {
  std::vector<solver::EventOccurrence> out;
  for (const json& e : events) {
    solver::EventOccurrence occ;
    occ.event = event_named(model, e.at("event").get<std::string>());
    const spec::Event& decl = model.events[occ.event];
    for (const std::optional<spec::Value>& v :
         args_of(model, decl.params, e.value("args", json::object()), where + ": " + decl.name)) {
      if (!v) {
        throw RecordingError(where + ": event " + decl.name + " needs all its arguments");
      }
      occ.args.push_back(*v);
    }
    out.push_back(std::move(occ));
  }
  return out;
}

/// One step; `state` is the state before it, brought up to date.
solver::Observation step_of(const spec::Model& model, const json& step, std::size_t index,
                            std::vector<spec::Value>& state, const std::string& origin) {
  solver::Observation o;
  o.where = origin + ": step " + std::to_string(index + 1);
  std::string name = step.at("action").get<std::string>();
  if (step.contains("actor")) {
    name = step.at("actor").get<std::string>() + "." + name;
  }
  o.text = name;
  const spec::Action& a = model.actions[action_named(model, name)];
  o.action = a.id;
  o.args = args_of(model, a.params, step.value("args", json::object()), o.where + ": " + name);
  o.args.resize(a.params.size());
  if (step.contains("result")) {
    o.result_observed = true;
    if (!step.at("result").is_null() && a.result != nullptr) {
      o.result = value_of(model, a.result, step.at("result"), o.where + ": result");
    }
  }
  if (step.contains("events")) {
    o.events = events_of(model, step.at("events"), o.where);
  }
  if (step.contains("choices")) {
    o.choices = step.at("choices").get<std::vector<spec::Value>>();
  }
  o.failed = step.contains("failure");
  const json changes = step.value("changes", json::object());
  for (const auto& [slot_name, change] : changes.items()) {
    int slot = slot_named(model, slot_name);
    state[slot] = value_of(model, model.slots[slot].type, change.at(1), o.where + ": " + slot_name);
  }
  for (int s = 0; s < model.slot_count(); ++s) {
    o.state.emplace_back(s, state[s]);
  }
  return o;
}

NamedRecording recording_of(const spec::Model& model, const json& prop, const std::string& name,
                            const std::string& origin) {
  NamedRecording r;
  r.name = name;
  std::vector<spec::Value> state(model.slot_count(), 0);
  const json& initial = prop.at("initial");
  for (int s = 0; s < model.slot_count(); ++s) {
    const std::string& slot = model.slots[s].name;
    if (!initial.contains(slot)) {
      throw RecordingError(origin + ": the initial state has no value for " + slot);
    }
    state[s] = value_of(model, model.slots[s].type, initial.at(slot), origin + ": initial " + slot);
    r.trace.initial.emplace_back(s, state[s]);
  }
  const json& steps = prop.at("trace");
  for (std::size_t i = 0; i < steps.size(); ++i) {
    r.trace.observations.push_back(step_of(model, steps[i], i, state, origin));
  }
  return r;
}

}  // namespace

bool is_irqspec_json(const json& doc) {
  return doc.is_object() && (doc.contains("checks") || doc.contains("trace"));
}

std::vector<NamedRecording> read_irqspec_json(const spec::Model& model, const json& doc,
                                              const std::string& origin) {
  std::vector<NamedRecording> out;
  try {
    if (!doc.contains("checks")) {
      out.push_back(recording_of(model, doc, doc.value("name", "the trace"), origin));
      return out;
    }
    for (const json& check : doc.at("checks")) {
      if (check.value("model", model.name) != model.name ||
          check.value("check", model.check.name) != model.check.name) {
        continue;
      }
      for (const json& prop : check.at("properties")) {
        if (prop.contains("trace")) {
          std::string name = prop.at("name").get<std::string>();
          out.push_back(recording_of(model, prop, name, origin + ": " + name));
        }
      }
    }
  } catch (const json::exception& e) {
    throw RecordingError(origin + ": not a trace in irqspec's JSON: " + e.what());
  }
  if (out.empty()) {
    throw RecordingError(origin + ": no trace of model " + model.name + ", check " +
                         model.check.name + " in it");
  }
  return out;
}

}  // namespace irqspec::recordings
