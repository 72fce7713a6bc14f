// SPDX-License-Identifier: GPL-2.0
#pragma once

// A relabelling of one symmetry class's values (a permutation rho of them)
// as a substitution on unrolled terms: the state after it holds in slot
// A[rho(k)] the value rho(A[k]) (rho applied to values of the class, the
// identity elsewhere). phi[sigma] at a state is phi at the relabelled
// state; when sigma is a symmetry of everything a query assumes, phi and
// phi[sigma] are violated in as many of its models.

#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "solver/symmetry/symmetry_classes.h"
#include "solver/transition_system.h"
#include "solver/unroller.h"

namespace solver {

class Relabelling {
 public:
  /// `rho[v - c.lo]` is rho(v); the states at positions 0..last are
  /// relabelled (the terms it applies to are over states only).
  Relabelling(const spec::Model& model, const TransitionSystem& ts, Unroller& unroller,
              const SymmetryClass& c, std::vector<spec::Value> rho, int last);

  /// t[sigma], memoised. An equality of two relabelled variables, or of one
  /// and a literal, is rewritten without rho's case split, so that relabelled
  /// instances of a `forall` are the same terms as the other instances.
  Term apply(Term t);

 private:
  void relabel_slot(const spec::Model& model, Unroller& unroller, const SymmetryClass& c,
                    std::size_t slot, int last);
  Term target(Term var) const;
  Term rho_of(Term x);
  Term equality(Term a, Term b);
  Term comparison(const smt::Node& n);
  spec::Value inverse(spec::Value v) const;

  smt::TermManager& tm_;
  spec::Value lo_, hi_;
  std::vector<spec::Value> rho_;
  std::unordered_map<Term, Term> moved_;  // variable -> the variable it reads from
  std::unordered_set<Term> valued_;       // variables holding values of the class
  std::unordered_map<Term, Term> memo_;
};

/// Generators of the symmetric group on a class's values (a transposition
/// and a cycle), relabelling the states at positions 0..last.
std::vector<Relabelling> generators(const spec::Model& model, const TransitionSystem& ts,
                                    Unroller& unroller, const SymmetryClass& c, int last);

}  // namespace solver
