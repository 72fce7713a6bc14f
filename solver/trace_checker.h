// SPDX-License-Identifier: GPL-2.0
#pragma once

#include <string>

#include "solver/semantics.h"
#include "solver/trace.h"

namespace solver {

/// Re-checks what an engine claims by running the reference semantics: every
/// counterexample is replayed before it is shown or turned into a test.
class TraceChecker {
 public:
  explicit TraceChecker(const Semantics& semantics) : semantics_(semantics) {}

  struct Replay {
    bool ok = false;
    std::string problem;  // why the trace is not a behaviour / not a violation
    Trace trace;
    std::string failure;  // the violation's description
  };

  /// Replays `raw` as a behaviour of the model, filling in results, events
  /// and states. Only the last step may fail.
  Replay replay(const RawTrace& raw) const;

  /// Replays `raw` and confirms that its last position violates `obligation`.
  Replay replay_violation(const RawTrace& raw, int obligation) const;

 private:
  bool valid_initial(const std::vector<Value>& initial, std::string& problem) const;

  const Semantics& semantics_;
};

}  // namespace solver
