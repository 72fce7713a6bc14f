// SPDX-License-Identifier: GPL-2.0
#pragma once

// One obligation of a transition system as a safety circuit for a
// bit-level model checker: latches hold the state's bits, inputs the step's,
// and one bad-state output is 1 where the obligation fails. Every latch
// starts at 0, so:
// - a slot whose type is a range lo .. hi is stored as x - lo in as few
//   bits as the range needs (the others would be constants a checker must
//   first discover), and a bit that `init` fixes to 1 is stored inverted;
// - a bit `init` leaves open comes from an input in the first frame (latch
//   `started` is 0 there), and `init`'s remaining constraints are required of
//   that frame;
// - the constraints of a step (the action's guard, the slots' types) that are
//   not a slot's next value feed latch `failed`: after a step that breaks
//   one, nothing is bad any more;
// - the output is latch `hit`, set after a frame where the obligation
//   failed, so the property is one of a state (`!hit`), which a checker may
//   assume in its induction whatever the obligation is.
// The latches' meanings let a bit-level invariant be read back into terms.

#include <string>
#include <vector>

#include "solver/aig/aig.h"
#include "solver/transition_system.h"

namespace solver::aig {

struct LatchMeaning {
  enum class Kind { StateBit, Started, Failed, Hit } kind = Kind::StateBit;
  std::size_t state = 0;    // StateBit: the index in ts.state
  int bit = 0;              // ... the bit of x - offset (0 for a Bool)
  std::int64_t offset = 0;  // ... the low end of the slot's range
  bool inverted = false;    // ... stored inverted (init fixes it to 1)
};

struct SafetyCircuit {
  Aig aig;
  std::vector<LatchMeaning> latches;  // by latch index
  /// Some bit of the first frame is open (or init constrains the fixed
  /// ones further): the circuit's first frame is not a state a step
  /// reaches, and an invariant read back must admit init's states apart.
  bool open_first_frame = false;
};

/// Throws std::runtime_error for a term with no bit-level form. `assumed`
/// (over X, or X and I) holds in every reachable state and step: other
/// obligations already proved. It is required of a frame like the step's
/// constraints, so a checker need not rediscover it.
SafetyCircuit safety_circuit(const TransitionSystem& ts, std::size_t obligation,
                             const std::vector<smt::Term>& assumed = {});

/// The term for a latch's value over ts.state in `tm` (the variables by
/// their names), with `started` 1 and `failed` and `hit` 0: the states a
/// step reaches without the obligation failing.
smt::Term latch_term(smt::TermManager& tm, const TransitionSystem& ts, const LatchMeaning& m);

}  // namespace solver::aig
