// SPDX-License-Identifier: GPL-2.0
#pragma once

// A line on stderr every so often while checks run, so that a slow proof is
// never mistaken for a hang: how long, how many checks are done, which are
// running, and the process's memory.

#include <atomic>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <ostream>
#include <string>
#include <thread>

#include "solver/progress.h"

namespace irqspec {

class Heartbeat {
 public:
  /// Every `interval_seconds` (0: never) prints to `out`.
  Heartbeat(std::ostream& out, double interval_seconds, std::size_t total);
  ~Heartbeat();
  Heartbeat(const Heartbeat&) = delete;
  Heartbeat& operator=(const Heartbeat&) = delete;

  /// `name` is running; `progress` (may be null) says what its engine is doing.
  void started(const std::string& name, std::shared_ptr<const solver::Progress> progress = {});
  void finished(const std::string& name);

 private:
  void run();
  std::string line(double seconds);

  std::ostream& out_;
  double interval_;
  std::size_t total_;
  std::size_t done_ = 0;
  std::multimap<std::string, std::shared_ptr<const solver::Progress>> running_;
  bool stop_ = false;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::thread thread_;
};

}  // namespace irqspec
