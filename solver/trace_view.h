// SPDX-License-Identifier: GPL-2.0
#pragma once

// A trace described in the model's own words (names and formatted values),
// shared by every report format and by the test generators.

#include <string>
#include <utility>
#include <vector>

#include "solver/trace.h"
#include "spec/model.h"

namespace solver {

struct NamedValue {
  std::string name;
  std::string value;  // as written in the language: true, 3, EBUSY
  const spec::Type* type = nullptr;
  Value raw = 0;
};

struct EventView {
  std::string name;
  std::vector<NamedValue> args;
  std::string text() const;  // inject(spurious=true)
};

struct Change {
  std::string slot;  // registered[1]
  NamedValue before, after;
};

struct StepViewText {
  int number = 0;  // 1-based
  std::string actor, action;
  bool input = true;
  std::vector<NamedValue> args;
  std::vector<NamedValue> choices;  // chosen values, named by their `choose` variable order
  std::optional<NamedValue> result;
  std::vector<EventView> events;
  std::vector<Change> changes;
  bool failed = false;
  std::string failure;
  std::string call() const;  // actor.action(p=0, t=1)
};

struct TraceView {
  std::vector<NamedValue> initial;  // every slot
  std::vector<StepViewText> steps;
};

TraceView describe(const spec::Model& model, const Trace& trace);

/// `name(p=v, ...)`, each value as written in the language: a call or an
/// event, as a trace shows it.
std::string call_text(const spec::Model& model, const std::string& name,
                      const std::vector<spec::Param>& params, const std::vector<Value>& values);

}  // namespace solver
