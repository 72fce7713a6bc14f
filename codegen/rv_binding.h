// SPDX-License-Identifier: GPL-2.0
#pragma once

// The binding of a model to kernel tracepoints for an RV monitor
// (models/NAME.rv.json): which tracepoint, under which condition, is which
// event of the model. The ftrace binding (NAME.ftrace.json) maps the lines
// a trace prints; this one maps the tracepoints' arguments, in C, as the
// monitor's handlers see them. The automaton the monitor enforces comes
// from the model, never from here.

#include <optional>
#include <string>
#include <vector>

#include "spec/model.h"

namespace codegen {

/// What a tracepoint's call is when its condition holds: one of the model's
/// events, the end of the behaviour (the monitor starts over), or nothing.
struct RvRule {
  enum class Kind { Event, Reset, Ignore };
  Kind kind = Kind::Event;
  std::string event;  // Kind::Event
  std::string when;   // a C condition on the tracepoint's arguments; "" : always
};

struct RvTracepoint {
  std::string name;           // register_trace_<name>
  std::string proto;          // its TP_PROTO: "unsigned int gsi, int level, int irq_source_id"
  std::vector<RvRule> rules;  // the first whose condition holds applies
};

/// A module parameter the conditions may use (an int: which GSI, which vector).
struct RvParameter {
  std::string name;
  long initial = 0;
  std::string about;
};

struct RvBinding {
  std::string path;
  std::string model;
  std::vector<std::string> includes;    // as written after #include: <...> or "..."
  std::vector<std::string> depends_on;  // Kconfig: what the monitor's tracepoints need
  std::vector<RvParameter> parameters;
  std::vector<RvTracepoint> tracepoints;
  std::vector<std::string> checks;  // the check blocks whose behaviour the tracepoints show
  /// Check blocks a monitor cannot follow, and why (an event without a tracepoint).
  std::vector<std::pair<std::vector<std::string>, std::string>> not_monitored;

  /// Reads a binding; false with `error` ("PATH[:LINE]: what") on bad input.
  static bool load(const std::string& path, RvBinding& out, std::string& error);
  /// models/NAME.rv.json beside the model.
  static std::string default_path(const std::string& model_path);

  /// Problems with this binding for this model: unknown events, a rule no
  /// call can reach. Empty when it is usable.
  std::vector<std::string> validate(const spec::Model& model) const;
  /// "" if a monitor of `check` can be built from this binding, else why not.
  std::string refusal(const std::string& check) const;
};

}  // namespace codegen
