// SPDX-License-Identifier: GPL-2.0
#pragma once

// The certificate of a proof, re-checked before the proof is reported: an
// inductive invariant that a second solver, in fresh queries that share
// nothing with the engine's, must find holding initially (initiation),
// preserved by every action's step from any state where it holds
// (consecution), and excluding what the obligation forbids (safety).
// - k-induction at depth 1: the invariants proved together are the
//   inductive invariant; safety is immediate (each is one of them).
// - CHC: Spacer's interpretation of its relation Inv is the invariant.

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

/// Re-checks that `invariant` (over ts.state, a term of ts.terms) is an
/// inductive invariant of `ts` that rules out obligation `i`'s bad
/// condition, as the CHC engine's clauses say.
CertificateCheck check_found_invariant(const spec::Model& model, const TransitionSystem& ts,
                                       std::size_t i, Term invariant, const std::string& solver,
                                       double timeout_seconds);

}  // namespace solver
