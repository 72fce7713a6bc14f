// SPDX-License-Identifier: GPL-2.0
#pragma once

// An inductive invariant an engine found, written in the model's words:
// state variables by name, their values as the model writes them (enum
// members, true and false), C's operators.

#include <string>

#include "solver/transition_system.h"

namespace solver {

std::string invariant_text(const spec::Model& model, const TransitionSystem& ts, Term invariant);

}  // namespace solver
