// SPDX-License-Identifier: GPL-2.0
#pragma once

// The instances of the open candidates (the ways their bad states can hold,
// each its own query) grouped into orbits under relabellings known to map
// the solver's assertions onto themselves: within an orbit one instance is
// satisfiable exactly when every other is, so one query answers for all.

#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "solver/symmetry/relabelling.h"

namespace solver {

class InstanceOrbits {
 public:
  /// Joins the orbits of every instance and its image under `sigma`, when
  /// that image is an instance too.
  void add(Relabelling& sigma, const std::vector<Term>& instances);
  /// Whether an instance of `instance`'s orbit was shown unsatisfiable.
  bool known_unsat(Term instance);
  void mark_unsat(Term instance);

 private:
  Term find(Term t);

  std::unordered_map<Term, Term> parent_;
  std::unordered_set<Term> unsat_;  // orbit representatives
};

}  // namespace solver
