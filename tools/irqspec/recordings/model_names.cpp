// SPDX-License-Identifier: GPL-2.0
#include "tools/irqspec/recordings/model_names.h"

#include <charconv>

namespace irqspec::recordings {

int slot_named(const spec::Model& model, const std::string& name) {
  for (int s = 0; s < model.slot_count(); ++s) {
    if (model.slots[s].name == name) {
      return s;
    }
  }
  throw RecordingError("the model has no state variable '" + name + "'");
}

int action_named(const spec::Model& model, const std::string& name) {
  int found = -1;
  for (const spec::Action& a : model.actions) {
    if (a.qualified_name() == name) {
      return a.id;
    }
    if (a.name == name) {
      if (found >= 0) {
        throw RecordingError("action '" + name + "' is ambiguous: write it as actor.action");
      }
      found = a.id;
    }
  }
  if (found < 0) {
    throw RecordingError("the model has no action '" + name + "'");
  }
  return found;
}

int event_named(const spec::Model& model, const std::string& name) {
  for (std::size_t e = 0; e < model.events.size(); ++e) {
    if (model.events[e].name == name) {
      return static_cast<int>(e);
    }
  }
  throw RecordingError("the model has no event '" + name + "'");
}

int param_index(const std::vector<spec::Param>& params, const std::string& name) {
  for (std::size_t i = 0; i < params.size(); ++i) {
    if (params[i].name == name) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

namespace {

spec::Value checked(const spec::Model& model, const spec::Type* t, spec::Value v,
                    const std::string& what) {
  if (v < t->lo || v > t->hi) {
    throw RecordingError(what + ": " + std::to_string(v) + " is outside " + model.types->name(t));
  }
  return v;
}

}  // namespace

spec::Value value_of_text(const spec::Model& model, const spec::Type* t, const std::string& text,
                          const std::string& what) {
  if (t->is_bool() && (text == "true" || text == "false")) {
    return text == "true";
  }
  if (t->is_enum()) {
    const std::vector<std::string>& members = model.types->enum_info(t->enum_id).members;
    for (std::size_t i = 0; i < members.size(); ++i) {
      if (members[i] == text) {
        return static_cast<spec::Value>(i);
      }
    }
    throw RecordingError(what + ": '" + text + "' is not a member of " + model.types->name(t));
  }
  spec::Value v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) {
    throw RecordingError(what + ": '" + text + "' is not a value of " + model.types->name(t));
  }
  return checked(model, t, v, what);
}

spec::Value value_of(const spec::Model& model, const spec::Type* t, const nlohmann::json& v,
                     const std::string& what) {
  if (v.is_boolean() && t->is_bool()) {
    return v.get<bool>();
  }
  if (v.is_number_integer() && !t->is_enum()) {
    return checked(model, t, v.get<spec::Value>(), what);
  }
  if (v.is_string()) {
    return value_of_text(model, t, v.get<std::string>(), what);
  }
  throw RecordingError(what + ": " + v.dump() + " is not a value of " + model.types->name(t));
}

}  // namespace irqspec::recordings
