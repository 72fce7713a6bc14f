// SPDX-License-Identifier: GPL-2.0
#pragma once

// A combinational BLIF network (what ABC writes for a logic function) read
// back as one term: each `.names` node a sum of cubes, its on-set or, when
// its cubes end in 0, its off-set.

#include <map>
#include <string>

#include "solver/smt/term.h"

namespace solver::aig {

/// The term of `output` over `inputs` (BLIF input names to Bool terms).
/// Throws std::runtime_error on text it cannot read.
smt::Term blif_function(const std::string& blif, const std::string& output,
                        const std::map<std::string, smt::Term>& inputs, smt::TermManager& tm);

}  // namespace solver::aig
