// SPDX-License-Identifier: GPL-2.0
#pragma once

// A complete RV monitor from a model's event automaton and its tracepoint
// binding: what dot2k writes as a skeleton ("XXX: tracepoint"), with the
// instrumentation filled in from models/NAME.rv.json. The layout is
// dot2k's: kernel/trace/rv/monitors/NAME/ with NAME.c (handlers), NAME.h
// (the automaton, in dot2c's format), plus the Kconfig entry and the trace
// events the tree's include/trace/events/rv.h must declare for it.

#include <map>
#include <optional>
#include <string>

#include "codegen/rv_automaton.h"
#include "codegen/rv_binding.h"

namespace codegen {

struct RvMonitor {
  std::string name;
  std::map<std::string, std::string> files;  // NAME.c, NAME.h, NAME_trace.h, Kconfig
  std::string checklist;                     // where the files go in a kernel tree
};

/// A global deterministic-automaton monitor: `automaton` must tell no
/// arguments apart (RvOptions::arguments false), as tracepoints name events
/// only. nullopt with `error` set when the binding cannot drive it.
std::optional<RvMonitor> rv_monitor(const spec::Model& model, const RvAutomaton& automaton,
                                    const RvBinding& binding, const std::string& check,
                                    const std::string& name, std::string& error);

/// The automaton as dot2c writes it (enum states_NAME, events_NAME, the
/// transition function): what rv/da_monitor.h reads.
std::string rv_automaton_header(const RvAutomaton& automaton, const std::string& name);

}  // namespace codegen
