// SPDX-License-Identifier: GPL-2.0
#pragma once

// Is a recorded trace a behaviour of the model? A search over the states
// the model can be in after each observation (the reference semantics, so
// the answer means what verification means), which either finds a behaviour
// that explains the whole recording or names the first observation no
// behaviour explains, with the states the model could have been in.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "solver/recorded_trace.h"
#include "solver/semantics.h"

namespace solver {

struct MembershipLimits {
  std::uint64_t max_states = 2'000'000;  // states held over all observations
  double timeout_seconds = 0;            // 0: none
  std::uint64_t max_step_paths = std::uint64_t{1} << 20;
};

struct Membership {
  enum class Answer { Explained, NotExplained, Unknown };
  Answer answer = Answer::Unknown;
  int explained = 0;  // observations explained, in order: the longest prefix
  /// A behaviour of the model (replayed) that explains the first `explained`
  /// observations: all of them when the answer is Explained.
  std::optional<Trace> witness;
  /// NotExplained: some of the states the model could be in before the
  /// first unexplained observation, and how many there are.
  std::vector<std::vector<Value>> candidates;
  std::size_t candidate_count = 0;
  /// NotExplained: what the model could have shown next from those states.
  std::vector<std::string> could_be_next;
  /// NotExplained, step-wise: how the model's step of the recorded action
  /// differs from the recording's, from the first of those states.
  std::string difference;
  std::string reason;  // Unknown: why
  std::uint64_t states = 0;
};

Membership check_membership(const Semantics& semantics, const RecordedTrace& trace,
                            const MembershipLimits& limits = {});

}  // namespace solver
