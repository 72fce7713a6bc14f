// SPDX-License-Identifier: GPL-2.0
#pragma once

#include <string>

#include "solver/trace.h"
#include "spec/model.h"

namespace irqspec {

/// A trace as a Mermaid sequence diagram: a lane per actor and one for the
/// environment (who calls input actions) and one for what is observed
/// (events); each step a numbered message, its events messages to the
/// observed lane, its state changes a note, a failure a note across all.
/// `failure`: what the last step broke (the report's "=>" line), or "".
std::string mermaid_trace(const spec::Model& model, const solver::Trace& trace,
                          const std::string& failure);

/// A trace as a Graphviz digraph named `name`: a node per state (the first
/// with every slot, then what changed) and an edge per step, labelled with
/// the call and its events; the failing step and its state in red.
std::string dot_trace(const spec::Model& model, const solver::Trace& trace, const std::string& name,
                      const std::string& failure);

}  // namespace irqspec
