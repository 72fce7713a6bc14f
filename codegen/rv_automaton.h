// SPDX-License-Identifier: GPL-2.0
#pragma once

// A model's event automaton for the kernel's runtime verification (RV):
// the deterministic automaton of the sequences of events the model can
// emit (everything else happens unseen), written as the DOT that
// tools/verification/dot2/dot2k (rvgen in later kernels) turns into a
// deterministic-automaton monitor.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "spec/model.h"

namespace codegen {

/// An event of the automaton: one event of the model (or, with actions,
/// one action) with one value of its arguments, or with any (args empty)
/// when the automaton does not tell arguments apart.
struct RvEvent {
  std::string name;  // a C identifier: inject_spurious_true
  bool is_action = false;
  int id = -1;  // the model's event, or action
  std::vector<spec::Value> args;
};

struct RvAutomaton {
  std::vector<RvEvent> events;           // sorted by name
  std::vector<std::string> states;       // what the model's variables agree on in each; s0 initial
  std::vector<std::map<int, int>> next;  // state -> event index -> state
};

struct RvOptions {
  bool actions = false;          // input and internal actions are events too
  bool arguments = true;         // inject(true) and inject(false) are two events; else one
  std::size_t max_states = 256;  // of the automaton
  std::uint64_t max_model_states = 100'000;
};

/// nullopt with `error` set when the automaton would be too large.
std::optional<RvAutomaton> rv_automaton(const spec::Model& model, const RvOptions& options,
                                        std::string& error);

/// The automaton in the line format dot2k reads (`digraph state_automaton`).
std::string rv_dot(const RvAutomaton& automaton);

}  // namespace codegen
