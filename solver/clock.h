// SPDX-License-Identifier: GPL-2.0
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>

#include "solver/resources.h"

namespace solver {

/// Seconds on a monotonic clock: what deadlines and reported times use.
inline double now_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

/// "0.5 s", "12 s": a duration for a reason text.
inline std::string seconds_text(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, s < 10 ? "%.1f s" : "%.0f s", s);
  return buf;
}

/// A point in time after which an engine stops (0: no deadline). A stop of
/// the whole process (out of memory, ^C) passes every deadline at once.
class Deadline {
 public:
  Deadline() = default;
  /// `seconds` <= 0: no deadline.
  static Deadline in(double seconds) {
    Deadline d;
    d.seconds_ = seconds;
    d.at_ = seconds > 0 ? now_seconds() + seconds : 0;
    return d;
  }
  bool passed() const {
    return Resources::process().stopped() || (at_ > 0 && now_seconds() >= at_);
  }
  /// Seconds left, for a solver call; 0 means no limit (never 0 while set:
  /// a passed deadline gives a tiny positive limit).
  double remaining() const { return at_ > 0 ? std::max(at_ - now_seconds(), 1e-3) : 0; }
  bool set() const { return at_ > 0; }
  /// Why it passed: "timeout after 10 s", or the reason the process stopped.
  std::string why() const {
    if (Resources::process().stopped()) {
      return Resources::process().stop_reason();
    }
    return "timeout after " + seconds_text(seconds_);
  }

 private:
  double at_ = 0;
  double seconds_ = 0;
};

}  // namespace solver
