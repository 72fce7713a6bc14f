// SPDX-License-Identifier: GPL-2.0
#pragma once

#include <algorithm>
#include <chrono>

namespace solver {

/// Seconds on a monotonic clock: what deadlines and reported times use.
inline double now_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

/// A point in time after which an engine stops (0: no deadline).
class Deadline {
 public:
  Deadline() = default;
  /// `seconds` <= 0: no deadline.
  static Deadline in(double seconds) {
    Deadline d;
    d.at_ = seconds > 0 ? now_seconds() + seconds : 0;
    return d;
  }
  bool passed() const { return at_ > 0 && now_seconds() >= at_; }
  /// Seconds left, for a solver call; 0 means no limit (never 0 while set:
  /// a passed deadline gives a tiny positive limit).
  double remaining() const { return at_ > 0 ? std::max(at_ - now_seconds(), 1e-3) : 0; }
  bool set() const { return at_ > 0; }

 private:
  double at_ = 0;
};

}  // namespace solver
