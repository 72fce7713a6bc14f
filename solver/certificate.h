// SPDX-License-Identifier: GPL-2.0
#pragma once

// The certificate of a proof by 1-induction, re-checked before the proof is
// reported: the invariants proved together form an inductive invariant, so
// a second solver, in fresh queries that share nothing with the engine's,
// must find that they hold initially (initiation) and after every action's
// step from any state where they all hold (consecution). Safety is
// immediate: each proved invariant is one of the conjuncts.

#include <string>
#include <vector>

#include "solver/transition_system.h"

namespace solver {

struct CertificateCheck {
  std::string solver;  // who re-checked it
  int queries = 0;
  std::string failure;   // empty: every condition holds; else which failed, or why unknown
  bool unknown = false;  // a query ended unknown (the failure says why): not a refutation
  double seconds = 0;
};

/// Re-checks that the invariants `proved` (indices into ts.obligations, all
/// invariants) are, together, an inductive invariant of `ts`.
CertificateCheck check_inductive_invariant(const spec::Model& model, const TransitionSystem& ts,
                                           const std::vector<std::size_t>& proved,
                                           const std::string& solver, double timeout_seconds);

}  // namespace solver
