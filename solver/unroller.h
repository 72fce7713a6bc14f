// SPDX-License-Identifier: GPL-2.0
#pragma once

#include <unordered_map>
#include <vector>

#include "solver/transition_system.h"

namespace solver {

/// Instantiates transition-system terms at a time step: X becomes X@k, the
/// inputs I@k, and X' becomes X@(k+1). Results are cached per step.
class Unroller {
 public:
  explicit Unroller(const TransitionSystem& ts) : ts_(ts) {}

  Term at(Term t, int k);
  /// The copy of a state variable (by index into ts.state) at step k.
  Term state_at(std::size_t index, int k);

 private:
  struct Frame {
    std::unordered_map<Term, Term> map;
    std::unordered_map<Term, Term> memo;
  };
  Frame& frame(int k);

  const TransitionSystem& ts_;
  std::vector<Frame> frames_;
};

}  // namespace solver
