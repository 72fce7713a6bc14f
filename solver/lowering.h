// SPDX-License-Identifier: GPL-2.0
#pragma once

#include <functional>
#include <vector>

#include "solver/transition_system.h"
#include "spec/model.h"

namespace solver {

/// Lowers a model and the obligations to check into a TransitionSystem:
/// action bodies become SSA terms (branches merge through ite, loops and
/// quantifiers are unrolled over their finite domains), `choose` becomes
/// constrained inputs, run-time errors and failed assertions become error
/// conditions, and past-time operators become monitor state. The encoding
/// follows solver::Semantics exactly, including C short-circuit evaluation,
/// so that every answer replays.
/// `line_of` (optional) turns source offsets into line numbers for the
/// descriptions of coverage sites.
TransitionSystem lower(const spec::Model& model, const std::vector<int>& obligations,
                       std::function<int(spec::SourceLoc)> line_of = nullptr);

}  // namespace solver
