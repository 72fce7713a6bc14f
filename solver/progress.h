// SPDX-License-Identifier: GPL-2.0
#pragma once

// What an engine is doing now — which engine, at which depth or on what —
// written by the engine as it goes and read by another thread for the
// "still working" lines of a long run.

#include <memory>
#include <mutex>
#include <string>

#include "solver/clock.h"

namespace solver {

class Progress {
 public:
  /// `engine` ("kind/z3") is at `where` ("depth 3", "12000 states").
  void report(const std::string& engine, const std::string& where) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (engine != engine_) {
      since_ = now_seconds();
    }
    engine_ = engine;
    where_ = where;
  }

  /// "kind/z3, depth 3 of 6, for 12 s"; empty before any report.
  std::string text() const {
    std::lock_guard<std::mutex> lock(mutex_);
    if (engine_.empty()) {
      return "";
    }
    return engine_ + (where_.empty() ? "" : ", " + where_) + ", for " +
           seconds_text(now_seconds() - since_);
  }

 private:
  mutable std::mutex mutex_;
  std::string engine_, where_;
  double since_ = 0;
};

/// Reports to `progress` if there is one.
inline void report_progress(const std::shared_ptr<Progress>& progress, const std::string& engine,
                            const std::string& where) {
  if (progress) {
    progress->report(engine, where);
  }
}

}  // namespace solver
