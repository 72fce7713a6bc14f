// SPDX-License-Identifier: GPL-2.0
#pragma once

// What `verify-specs` asks of the engines for one check: the policy of which
// engine, which lemmas, which solvers, and the cross-check between solvers.
// The command line only says what the user chose.

#include <string>
#include <vector>

#include "solver/engines/engine.h"

namespace solver {

struct VerifyRequest {
  EngineKind engine = EngineKind::Auto;
  /// Solvers to run the SMT engines with; with two, both must agree on every
  /// decided verdict and depth, or the answer is an internal error.
  std::vector<std::string> solvers{"z3"};
  Limits limits;  // limits.depth: the check's bound (none: the engine's default)
  int jobs = 1;
  std::string dump_dir;  // non-empty: every SMT query is written there as SMT-LIB2
  /// Re-check every proof by 1-induction with the other solver before it is
  /// reported (solver/certificate.h); one that fails is an internal error.
  bool certify = false;
  /// k-induction asks one instance per orbit of interchangeable values
  /// (solver/symmetry/).
  bool symmetry = true;
};

/// Verifies `obligations` of an elaborated model; one result each, in order.
/// Engines that prove invariants together (k-induction, auto) get every
/// invariant of the model as a lemma; only the requested ones are reported.
std::vector<ObligationResult> verify_obligations(const spec::Model& model,
                                                 const std::vector<int>& obligations,
                                                 const VerifyRequest& request);

}  // namespace solver
