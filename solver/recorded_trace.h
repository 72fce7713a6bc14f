// SPDX-License-Identifier: GPL-2.0
#pragma once

// A trace recorded outside the checker — by another tool, by a kernel's
// ftrace, by an earlier run — as the constraints it puts on a behaviour of
// the model. What a recording does not say is left open.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "solver/trace.h"

namespace solver {

/// A scalar slot and the value a recording gives it.
using SlotValue = std::pair<int, Value>;

/// One thing a recording saw. In a step-wise recording (irqspec's JSON,
/// ITF) it is one whole step; in a projected one (an ftrace log) it is one
/// observable label: an action taken, or an event emitted.
struct Observation {
  std::optional<int> action;               // nullopt: any action
  std::optional<int> event;                // projected recordings: this event
  std::vector<std::optional<Value>> args;  // the action's parameters or the event's arguments
  std::optional<Value> result;             // step-wise only
  bool result_observed = false;            // result: nullopt means "no result"
  std::optional<std::vector<EventOccurrence>> events;  // step-wise: the step's events, exactly
  std::optional<std::vector<Value>> choices;           // step-wise: the values chosen
  std::vector<SlotValue> state;                        // slot values after the step
  std::optional<bool> failed;                          // step-wise: the step failed an assert
  std::string where;                                   // "trace.json: step 3", "pic.ftrace:57"
  std::string text;                                    // the recording's own words, for messages
};

struct RecordedTrace {
  enum class Kind {
    Steps,      // every observation is exactly one step
    Projected,  // the observations are a behaviour's observable labels, in order
  };
  Kind kind = Kind::Steps;
  std::vector<SlotValue> initial;  // constraints on the initial state
  std::vector<Observation> observations;
  // Projected: the actions and events a recording would show when they
  // happen (anything else happens unseen).
  std::vector<bool> observable_actions;  // by action id
  std::vector<bool> observable_events;   // by event id
};

}  // namespace solver
