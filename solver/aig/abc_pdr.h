// SPDX-License-Identifier: GPL-2.0
#pragma once

// ABC's pdr (IC3, berkeley-abc) on an obligation's safety circuit: it
// proves without a bound and without lemmas, and its inductive invariant,
// a set of clauses over the latches, comes back as a term over the state
// for the proof's re-check.

#include <string>

#include "solver/backend/chc.h"
#include "solver/transition_system.h"

namespace solver::aig {

/// The program run: $IRQSPEC_ABC, else berkeley-abc (Debian's name).
std::string abc_program();

/// Holds with the invariant (in a term manager of its own: callers ask in
/// parallel), Violated, or Unknown with the reason. `assumed` holds in every
/// reachable state (see safety_circuit); the invariant then holds only
/// together with what proved it. `dump_path` non-empty: the circuit is also
/// written there (binary AIGER).
backend::ChcAnswer abc_pdr(const TransitionSystem& ts, std::size_t obligation,
                           double timeout_seconds, const std::vector<smt::Term>& assumed = {},
                           const std::string& dump_path = "");

}  // namespace solver::aig
