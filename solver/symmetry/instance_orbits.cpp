// SPDX-License-Identifier: GPL-2.0
#include "solver/symmetry/instance_orbits.h"

namespace solver {

Term InstanceOrbits::find(Term t) {
  auto it = parent_.find(t);
  if (it == parent_.end()) {
    return t;
  }
  Term root = find(it->second);
  it->second = root;
  return root;
}

void InstanceOrbits::add(Relabelling& sigma, const std::vector<Term>& instances) {
  std::unordered_set<Term> known(instances.begin(), instances.end());
  for (Term i : instances) {
    Term image = sigma.apply(i);
    if (known.count(image) > 0 && find(image) != find(i)) {
      parent_[find(image)] = find(i);
    }
  }
}

bool InstanceOrbits::known_unsat(Term instance) {
  return unsat_.count(find(instance)) > 0;
}

void InstanceOrbits::mark_unsat(Term instance) {
  unsat_.insert(find(instance));
}

}  // namespace solver
