// SPDX-License-Identifier: GPL-2.0
#include "tools/irqspec/recordings/itf.h"

#include "tools/irqspec/recordings/model_names.h"

namespace irqspec::recordings {
namespace {

using nlohmann::json;

const char* const kActionKeys[] = {"mbt::actionTaken", "action_taken"};

bool is_meta_key(const std::string& key) {
  return key.rfind('#', 0) == 0 || key.rfind("mbt::", 0) == 0 || key == "action_taken";
}

const spec::StateVar* var_named(const spec::Model& model, const std::string& name) {
  for (const spec::StateVar& v : model.vars) {
    if (v.name == name) {
      return &v;
    }
  }
  return nullptr;
}

json scalar_of(const json& v) {
  if (v.is_object() && v.contains("#bigint")) {
    return json(std::stoll(v.at("#bigint").get<std::string>()));
  }
  if (v.is_object() && v.contains("tag")) {
    return v.at("tag");  // a variant without payload: an enum member
  }
  return v;
}

/// The elements of an array value, in index order.
std::vector<json> elements_of(const spec::Type* t, const json& v, const std::string& what) {
  if (v.is_object() && v.contains("#tup")) {
    return elements_of(t, v.at("#tup"), what);
  }
  std::uint64_t n = t->index->domain_size();
  std::vector<json> out(n);
  if (v.is_object() && v.contains("#map")) {
    for (const json& pair : v.at("#map")) {
      spec::Value i = scalar_of(pair.at(0)).get<spec::Value>() - t->index->lo;
      if (i < 0 || static_cast<std::uint64_t>(i) >= n) {
        throw RecordingError(what + ": index " + pair.at(0).dump() + " is outside the array");
      }
      out[i] = pair.at(1);
    }
  } else if (v.is_array() && v.size() == n) {
    std::copy(v.begin(), v.end(), out.begin());
  } else {
    throw RecordingError(what + ": expected " + std::to_string(n) + " elements");
  }
  return out;
}

/// Assigns the slots of a variable (of type `t`, from `first`) from `v`.
void assign(const spec::Model& model, const spec::Type* t, int first, const json& v,
            const std::string& what, std::vector<solver::SlotValue>& out) {
  if (t->is_scalar()) {
    out.emplace_back(first, value_of(model, t, scalar_of(v), what));
    return;
  }
  std::vector<json> elements = elements_of(t, v, what);
  int stride = static_cast<int>(t->element->slot_count());
  for (std::size_t i = 0; i < elements.size(); ++i) {
    if (!elements[i].is_null()) {
      assign(model, t->element, first + static_cast<int>(i) * stride, elements[i],
             what + "[" + std::to_string(t->index->lo + static_cast<spec::Value>(i)) + "]", out);
    }
  }
}

std::vector<solver::SlotValue> state_of(const spec::Model& model, const json& state,
                                        const std::string& where) {
  std::vector<solver::SlotValue> out;
  for (const auto& [key, value] : state.items()) {
    if (is_meta_key(key)) {
      continue;
    }
    if (const spec::StateVar* var = var_named(model, key)) {
      assign(model, var->type, var->first_slot, value, where + ": " + key, out);
    } else {
      int slot = slot_named(model, key);  // `a[1]`, or an error naming it
      assign(model, model.slots[slot].type, slot, value, where + ": " + key, out);
    }
  }
  return out;
}

}  // namespace

bool is_itf(const json& doc) {
  return doc.is_object() && doc.contains("states") && doc.at("states").is_array();
}

NamedRecording read_itf(const spec::Model& model, const json& doc, const std::string& origin) {
  NamedRecording r;
  r.name = "the ITF trace";
  try {
    const json& states = doc.at("states");
    if (states.empty()) {
      throw RecordingError(origin + ": the ITF trace has no states");
    }
    r.trace.initial = state_of(model, states.at(0), origin + ": state 0");
    for (std::size_t i = 1; i < states.size(); ++i) {
      solver::Observation o;
      o.where = origin + ": state " + std::to_string(i);
      o.state = state_of(model, states[i], o.where);
      for (const char* key : kActionKeys) {
        if (states[i].contains(key)) {
          o.text = states[i].at(key).get<std::string>();
          o.action = action_named(model, o.text);
        }
      }
      r.trace.observations.push_back(std::move(o));
    }
  } catch (const json::exception& e) {
    throw RecordingError(origin + ": not an ITF trace: " + e.what());
  }
  return r;
}

}  // namespace irqspec::recordings
