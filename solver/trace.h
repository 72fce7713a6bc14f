// SPDX-License-Identifier: GPL-2.0
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "spec/model.h"

namespace solver {

using spec::Value;

struct EventOccurrence {
  int event = -1;
  std::vector<Value> args;

  bool operator==(const EventOccurrence&) const = default;
};

/// What a step needs as input: which action, its parameters, and the value
/// picked at each `choose` it executes, in execution order.
struct StepInput {
  int action = -1;
  std::vector<Value> params;
  std::vector<Value> choices;

  bool operator==(const StepInput&) const = default;
  auto operator<=>(const StepInput&) const = default;
};

/// One step of a behaviour with everything observable about it.
struct TraceStep {
  StepInput input;
  std::optional<Value> result;
  std::vector<EventOccurrence> events;
  std::vector<Value> state;  // post-state (model slots only)
  bool failed = false;       // the step hit a failed assert or a run-time error
  std::string failure;       // its message
  spec::SourceLoc failure_loc;
};

/// A behaviour from an initial state: a counterexample or a test witness.
struct Trace {
  std::vector<Value> initial;  // model slots
  std::vector<TraceStep> steps;

  int length() const { return static_cast<int>(steps.size()); }
};

/// The inputs of a behaviour, as an engine finds it; the TraceChecker turns
/// it into a Trace by running the reference semantics.
struct RawTrace {
  std::vector<Value> initial;
  std::vector<StepInput> steps;
};

}  // namespace solver
