// SPDX-License-Identifier: GPL-2.0
#include "solver/unroller.h"

namespace solver {

Unroller::Frame& Unroller::frame(int k) {
  while (static_cast<int>(frames_.size()) <= k) {
    int t = static_cast<int>(frames_.size());
    Frame f;
    smt::TermManager& tm = *ts_.terms;
    for (std::size_t i = 0; i < ts_.state.size(); ++i) {
      const std::string name = tm.var_name(ts_.state[i]);  // a copy: mk_var may reallocate
      int w = tm.width(ts_.state[i]);
      f.map[ts_.state[i]] = tm.mk_var(name + "@" + std::to_string(t), w);
      f.map[ts_.next[i]] = tm.mk_var(name + "@" + std::to_string(t + 1), w);
    }
    for (Term input : ts_.inputs) {
      std::string name = tm.var_name(input);
      f.map[input] = tm.mk_var(name + "@" + std::to_string(t), tm.width(input));
    }
    frames_.push_back(std::move(f));
  }
  return frames_[k];
}

Term Unroller::at(Term t, int k) {
  Frame& f = frame(k);
  return ts_.terms->substitute(t, f.map, f.memo);
}

Term Unroller::state_at(std::size_t index, int k) {
  return frame(k).map.at(ts_.state[index]);
}

}  // namespace solver
