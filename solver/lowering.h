// SPDX-License-Identifier: GPL-2.0
#pragma once

#include <cstddef>
#include <functional>
#include <limits>
#include <stdexcept>
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
/// descriptions of coverage sites. More than `max_terms` terms throws
/// ModelTooLarge, within moments, instead of filling the memory.
TransitionSystem lower(const spec::Model& model, const std::vector<int>& obligations,
                       std::function<int(spec::SourceLoc)> line_of = nullptr,
                       std::size_t max_terms = std::numeric_limits<std::size_t>::max());

/// A model whose one step needs more terms than the engines were given.
struct ModelTooLarge : std::runtime_error {
  ModelTooLarge(std::size_t limit, int parts_done, int parts_total);
  std::size_t limit;
  int parts_done;   // actions and obligations lowered before the limit
  int parts_total;  // of this many
  /// The terms the whole step would take, extrapolated from the parts done.
  std::size_t estimate() const;
};

}  // namespace solver
