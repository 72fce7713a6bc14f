// SPDX-License-Identifier: GPL-2.0
#pragma once

// Which proofs are re-checked, by whom, and what a failed re-check makes of
// them (the mechanism is certificate.h).

#include <string>
#include <vector>

#include "solver/result.h"
#include "solver/transition_system.h"

namespace solver {

/// Re-checks the certificates of `prover`'s proofs in `results` with the
/// build's other solver: proofs by 1-induction (the invariants Houdini
/// proved together) and CHC proofs (Spacer's invariant). A certificate goes
/// with each proof; a refuted one makes it an internal error, an undecided
/// one (or an invariant irqspec cannot read back) `unknown`. Proofs of
/// other kinds (BMC's completeness threshold, deeper induction, the explicit
/// engine) carry none.
void certify_proofs(const spec::Model& model, const TransitionSystem& ts, const std::string& prover,
                    std::vector<ObligationResult>& results, double timeout_seconds);

/// An invariant proved by 1-induction: certify_proofs re-checks all of
/// them together, their conjunction being one inductive invariant (so an
/// engine that assumes them may count that conjunction as certified).
bool proved_by_one_induction(const TransitionSystem& ts, std::size_t i, const ObligationResult& r);

}  // namespace solver
